//! The rules for each kind of field the page sends: dates within the journal's span,
//! bounded text and names, ratings and whole numbers; and their limits.

use super::error::ValidationError;
use chrono::NaiveDate;

/// What a person may write in a note: generous for a day's thoughts, far below anything
/// that would bloat the journal (a 1 MB paste is refused, not truncated).
pub const NOTE_MAX_CHARS: usize = 2000;
/// Medication and symptom names.
pub const NAME_MAX_CHARS: usize = 80;
/// Short free text such as "0.25 mg morning, 0.5 mg night".
pub const SHORT_TEXT_MAX_CHARS: usize = 200;
/// Dates outside this span are typing mistakes (a year 20000), not journal days.
pub const EARLIEST_DATE: (i32, u32, u32) = (1970, 1, 1);
pub const LATEST_DATE: (i32, u32, u32) = (2100, 12, 31);

/// `None` for an absent or blank field.
pub fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A calendar day written as YYYY-MM-DD, within the journal's span.
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate, ValidationError> {
    let v = value.trim();
    let bad = || ValidationError::new(field, "Enter a date as YYYY-MM-DD, for example 2026-03-14.");
    if v.len() != 10 {
        return Err(bad());
    }
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| bad())?;
    let (ey, em, ed) = EARLIEST_DATE;
    let (ly, lm, ld) = LATEST_DATE;
    let earliest = NaiveDate::from_ymd_opt(ey, em, ed).ok_or_else(bad)?;
    let latest = NaiveDate::from_ymd_opt(ly, lm, ld).ok_or_else(bad)?;
    if date < earliest || date > latest {
        return Err(ValidationError::new(
            field,
            format!("The date must be between {earliest} and {latest}."),
        ));
    }
    Ok(date)
}

/// Optional free text: trimmed, blank becomes `None`, too long is refused (never cut).
pub fn optional_text(
    field: &str,
    label: &str,
    value: &Option<String>,
    max_chars: usize,
) -> Result<Option<String>, ValidationError> {
    let Some(text) = non_blank(value) else {
        return Ok(None);
    };
    let count = text.chars().count();
    if count > max_chars {
        return Err(ValidationError::new(
            field,
            format!("{label} is too long: {count} characters, at most {max_chars}."),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ValidationError::new(
            field,
            format!("{label} contains invisible control characters."),
        ));
    }
    Ok(Some(text.to_string()))
}

/// A name shown in lists and charts: letters, digits, spaces and a little punctuation.
/// Markup characters are refused here so a name never looks like code anywhere it appears.
pub fn name(field: &str, label: &str, value: &str) -> Result<String, ValidationError> {
    let text = value.trim();
    if text.is_empty() {
        return Err(ValidationError::new(field, format!("{label} is required.")));
    }
    let count = text.chars().count();
    if count > NAME_MAX_CHARS {
        return Err(ValidationError::new(
            field,
            format!("{label} is too long: {count} characters, at most {NAME_MAX_CHARS}."),
        ));
    }
    let allowed = |c: char| c.is_alphanumeric() || " -'.,()/+&%".contains(c);
    if let Some(bad) = text.chars().find(|&c| !allowed(c)) {
        return Err(ValidationError::new(
            field,
            format!(
                "{label} can only contain letters, numbers, spaces and - ' . , ( ) / + & % (not \"{bad}\")."
            ),
        ));
    }
    Ok(text.to_string())
}

/// A 0–10 rating typed as a whole number; blank means "not answered".
pub fn rating(
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Result<Option<u8>, ValidationError> {
    bounded_whole(field, label, value, 10)
}

/// A whole number from 0 to `max`; blank means "not answered".
pub fn bounded_whole(
    field: &str,
    label: &str,
    value: &Option<String>,
    max: u8,
) -> Result<Option<u8>, ValidationError> {
    let Some(text) = non_blank(value) else {
        return Ok(None);
    };
    match text.parse::<u8>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(ValidationError::new(
            field,
            format!("{label} must be a whole number from 0 to {max}."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_span_or_malformed_are_refused() {
        assert!(
            parse_date("date", "2026-02-29").is_err(),
            "2026 is not a leap year"
        );
        assert!(parse_date("date", "20000-01-01").is_err());
        assert!(parse_date("date", "1969-12-31").is_err());
        assert!(parse_date("date", "14/03/2026").is_err());
        assert_eq!(
            parse_date("date", "2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn ratings_are_whole_numbers_zero_to_ten() {
        assert_eq!(
            rating("anxiety", "Anxiety", &Some("10".into())).unwrap(),
            Some(10)
        );
        assert_eq!(
            rating("anxiety", "Anxiety", &Some(" ".into())).unwrap(),
            None
        );
        let err = rating("anxiety", "Anxiety", &Some("11".into())).unwrap_err();
        assert_eq!(err.field, "anxiety");
        assert!(err.message.contains("0 to 10"));
        assert!(rating("anxiety", "Anxiety", &Some("-1".into())).is_err());
        assert!(rating("anxiety", "Anxiety", &Some("4.5".into())).is_err());
    }

    #[test]
    fn names_refuse_markup_and_notes_refuse_huge_text() {
        let err = name("generic", "Medication name", "<b>Xanax</b>").unwrap_err();
        assert_eq!(err.field, "generic");
        assert!(err.message.contains('<'));
        assert_eq!(
            name("generic", "Name", " clonazepam ").unwrap(),
            "clonazepam"
        );
        let huge = Some("x".repeat(1_000_000));
        let err = optional_text("note", "Note", &huge, NOTE_MAX_CHARS).unwrap_err();
        assert!(err.message.contains("1000000 characters"));
        // Markup in a note is kept as typed: it is shown as text, never interpreted.
        let kept = optional_text("note", "Note", &Some("<script>x</script>".into()), 100);
        assert_eq!(kept.unwrap().as_deref(), Some("<script>x</script>"));
    }
}
