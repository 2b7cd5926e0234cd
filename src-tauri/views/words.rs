//! The wording helpers every screen shares: dates, counts, percents, capitals. One place,
//! so that a date or a percent reads the same on every screen and in print.

use chrono::NaiveDate;

/// "Sunday 22 November 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "22 Nov 2026".
pub fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Signed tenths of a percent as text: -111 -> "−11.1 %", 0 -> "0 %".
pub fn percent_text(tenths: i64) -> String {
    let sign = match tenths.signum() {
        -1 => "−",
        1 => "+",
        _ => "",
    };
    let a = tenths.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{} %", a / 10)
    } else {
        format!("{sign}{}.{} %", a / 10, a % 10)
    }
}

/// Unsigned tenths of a percent: 333 -> "33.3 %".
pub fn share_text(tenths: u64) -> String {
    percent_text(tenths as i64)
        .trim_start_matches('+')
        .to_string()
}

/// "1 day", "3 days".
pub fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// "Clonazepam …" at the start of a line.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "the journal …" inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// The word that agrees with a count: `one` for 1, `many` otherwise ("was" / "were").
pub fn one_or_many(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "1 check-in", "3 check-ins".
pub fn count_text(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What a copy of the journal holds, to go after its date: "with check-ins for 30 days",
/// "with no check-ins"; None when it cannot be told (locked with a passphrase).
pub fn holds_text(check_in_days: Option<u64>) -> Option<String> {
    check_in_days.map(|n| match n {
        0 => "with no check-ins".to_string(),
        n => format!(
            "with check-ins for {}",
            count_text(n as usize, "day", "days")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_copy_holds_is_said_in_days() {
        assert_eq!(holds_text(Some(0)).as_deref(), Some("with no check-ins"));
        assert_eq!(
            holds_text(Some(1)).as_deref(),
            Some("with check-ins for 1 day")
        );
        assert_eq!(
            holds_text(Some(30)).as_deref(),
            Some("with check-ins for 30 days")
        );
        assert_eq!(holds_text(None), None);
    }

    #[test]
    fn percentages_read_naturally() {
        assert_eq!(percent_text(-111), "−11.1 %");
        assert_eq!(percent_text(-100), "−10 %");
        assert_eq!(percent_text(250), "+25 %");
        assert_eq!(share_text(333), "33.3 %");
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            "Sunday 22 November 2026"
        );
    }
}
