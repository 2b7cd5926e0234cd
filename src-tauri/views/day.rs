//! The calendar day as the page follows it while the app stays open (midnight, a clock or
//! time zone changed, a laptop woken from sleep), and what is said when the computer's
//! clock and the journal disagree. Nothing is moved to another day: a form keeps the day
//! it was opened for, and a check-in dated after today stays listed and open.

use super::long_date;
use chrono::NaiveDate;
use serde::Serialize;

/// The longest the page waits between two looks at the day (it also looks when the window
/// is shown or focused again): a changed clock is noticed within this.
pub const LOOK_AT_LEAST_EVERY_MS: i64 = 20_000;

#[derive(Debug, Serialize)]
pub struct DayView {
    /// Today, `YYYY-MM-DD`.
    pub date: String,
    pub date_label: String,
    /// When to look again: at the next midnight, or sooner.
    pub look_again_ms: i64,
    /// For a form opened as today's, now that the day has changed: that it keeps its day.
    pub kept_day_note: Option<String>,
    pub open_today_label: &'static str,
}

/// Today as the page shows it; `form_day` is the day of a form opened as today's.
/// `ms_to_midnight` is how long until the next local midnight.
pub fn day_view(today: NaiveDate, ms_to_midnight: i64, form_day: Option<NaiveDate>) -> DayView {
    let kept_day_note = form_day.filter(|d| *d != today).map(|d| {
        let now = if d < today { "It is now" } else { "The computer's clock now says it is" };
        format!(
            "{now} {}. This form is still for {}, the day it was opened for: saving it keeps it on that day.",
            long_date(today),
            long_date(d)
        )
    });
    DayView {
        date: today.format("%Y-%m-%d").to_string(),
        date_label: long_date(today),
        look_again_ms: ms_to_midnight.clamp(250, LOOK_AT_LEAST_EVERY_MS),
        kept_day_note,
        open_today_label: "Open today's check-in",
    }
}

/// On a form for a day after today (the clock was set back since): a saved check-in, or
/// (`saved` false) what was typed before the clock moved, kept as a draft.
pub fn after_today_note(day: NaiveDate, today: NaiveDate, saved: bool) -> String {
    let kept = if saved {
        "The check-in is kept as it is, and you can still change it here."
    } else {
        "What you typed for it is kept, not yet saved; saving keeps it on that day."
    };
    format!(
        "This form is for {}, which is after today's date on this computer ({}). The computer's clock or time zone may have changed. {kept}",
        long_date(day),
        long_date(today)
    )
}

/// On today's form, when the journal holds a check-in for a later day.
pub fn later_check_in_note(latest: NaiveDate, today: NaiveDate) -> String {
    format!(
        "Your journal has a check-in for {}, after today's date on this computer ({}). The computer's clock or time zone may have changed. Nothing is lost: the check-in is kept, and History lists it.",
        long_date(latest),
        long_date(today)
    )
}

/// The mark History gives a check-in dated after today.
pub const AFTER_TODAY_MARK: &str = "Dated after today's date on this computer";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_form_opened_yesterday_says_it_keeps_its_day() {
        let v = day_view(d("2026-12-03"), 86_000_000, Some(d("2026-12-02")));
        assert_eq!(v.date, "2026-12-03");
        assert_eq!(
            v.kept_day_note.as_deref(),
            Some("It is now Thursday 3 December 2026. This form is still for Wednesday 2 December 2026, the day it was opened for: saving it keeps it on that day.")
        );
        assert_eq!(v.look_again_ms, LOOK_AT_LEAST_EVERY_MS);
    }

    #[test]
    fn a_form_for_today_needs_no_note_and_the_next_look_is_at_midnight() {
        let v = day_view(d("2026-12-03"), 1_500, Some(d("2026-12-03")));
        assert_eq!(v.kept_day_note, None);
        assert_eq!(v.look_again_ms, 1_500);
        assert_eq!(day_view(d("2026-12-03"), 0, None).look_again_ms, 250);
    }

    #[test]
    fn a_clock_moved_back_is_said_as_the_clock_s_reading() {
        let v = day_view(d("2026-12-02"), 5_000, Some(d("2026-12-03")));
        assert!(v
            .kept_day_note
            .unwrap()
            .starts_with("The computer's clock now says it is Wednesday 2 December 2026. This form is still for Thursday 3 December 2026"));
    }
}
