//! The app's "now": the computer's local clock, read afresh at every look, so that a
//! clock or time zone that changes while the app is open (a trip, a laptop woken from
//! sleep, midnight itself) is followed at once.
//!
//! Debug builds add the whole number of seconds held in the file named by
//! TAPER_TEST_CLOCK_FILE (read at every look; missing or unreadable counts as 0), so that
//! the end-to-end tests can move the running app's clock. Release builds ignore it.

use chrono::{DateTime, Local, NaiveDate};

/// The variable naming the test clock's file (debug builds only).
pub const TEST_CLOCK_FILE: &str = "TAPER_TEST_CLOCK_FILE";

/// Now, in the computer's time zone.
pub fn now() -> DateTime<Local> {
    Local::now() + test_offset()
}

/// The person's calendar day: a check-in belongs to a local day.
pub fn today() -> NaiveDate {
    now().date_naive()
}

#[cfg(debug_assertions)]
fn test_offset() -> chrono::Duration {
    std::env::var_os(TEST_CLOCK_FILE)
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| text.trim().parse::<i64>().ok())
        .and_then(chrono::Duration::try_seconds)
        .unwrap_or_default()
}

#[cfg(not(debug_assertions))]
fn test_offset() -> chrono::Duration {
    chrono::Duration::zero()
}

/// How long from `now` until the next local midnight (at least a second; an hour where a
/// daylight-saving change skips midnight, which the page's 20 s cap makes harmless).
pub fn until_midnight(now: DateTime<Local>) -> chrono::Duration {
    let next = now.date_naive() + chrono::Days::new(1);
    let midnight = next
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .unwrap_or_else(|| now + chrono::Duration::hours(1));
    (midnight - now).max(chrono::Duration::seconds(1))
}
