//! The days, times and settings the reminder rule's tests are worked with.

use super::inputs::{Shown, Wanted};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

pub(super) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

pub(super) fn at(tz: Tz, s: &str) -> DateTime<Tz> {
    let wall = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&wall).earliest().unwrap()
}

pub(super) fn check_in_at(h: u32, m: u32) -> Wanted {
    Wanted {
        at: hm(h, m),
        check_in: true,
        questionnaires: true,
        planned_steps: true,
    }
}

pub(super) fn nothing_shown() -> Shown<Tz> {
    Shown::default()
}
