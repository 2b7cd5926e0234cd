//! Clinical scenarios built through the api the window calls, shared by the test binaries
//! that reason about them (trends, summary). Each binary uses a part of this module.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use taper_journal::api;
use taper_journal::store::Journal;
use tempfile::TempDir;

/// Day `n` of a scenario, counted from Monday 7 September 2026.
pub fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + Duration::days(n)
}

pub fn iso(n: i64) -> String {
    day(n).format("%Y-%m-%d").to_string()
}

/// "15 Oct 2026", as the screens write a date.
pub fn label(n: i64) -> String {
    day(n).format("%-d %b %Y").to_string()
}

pub struct Scenario {
    pub dir: TempDir,
    pub j: Journal,
}

impl Scenario {
    /// Set up on `setup_day` with `generic` at `dose_mg` a day since `since_day`.
    pub fn new(generic: &str, dose_mg: &str, since_day: i64, setup_day: i64) -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
        api::complete_setup(
            &mut j,
            json!({"medication": {"generic": generic}, "dose_mg": dose_mg, "since": iso(since_day)}),
            day(setup_day),
        )
        .unwrap();
        Scenario { dir, j }
    }

    pub fn add_medication(&mut self, generic: &str, dose_mg: &str, since_day: i64) {
        api::add_medication(
            &mut self.j,
            json!({"medication": {"generic": generic}, "dose_mg": dose_mg, "since": iso(since_day)}),
            day(since_day),
        )
        .unwrap();
    }

    pub fn step(&mut self, medication_id: i64, on: i64, dose_mg: &str) {
        api::save_step(
            &mut self.j,
            json!({"medication_id": medication_id, "date": iso(on), "dose_mg": dose_mg}),
            day(on),
        )
        .unwrap();
    }

    pub fn check_in(&mut self, on: i64, fields: Value) {
        let mut input = fields;
        input["date"] = json!(iso(on));
        api::save_check_in(&mut self.j, input, day(on)).unwrap();
    }
}

/// Scenario (b) of the Trends issue: clonazepam 2 mg, 10 % less on day 30, then 25 % less
/// only 8 days later (day 38); set up and first check-in on day 10; anxiety 2, 4, 2, 4 …
/// (mean 3.0) before the cut, 4 and 5 on days 38-39, then 6 to day 58; sleep 7 h.
pub fn quick_cut_with_rising_anxiety() -> Scenario {
    let mut s = Scenario::new("clonazepam", "2", 0, 10);
    s.step(1, 30, "1.8");
    s.step(1, 38, "1.35");
    for on in 10..=58 {
        let anxiety = match on {
            ..=37 => 2 + 2 * (on % 2),
            38 => 4,
            39 => 5,
            _ => 6,
        };
        s.check_in(on, json!({"anxiety": anxiety, "sleep_hours": "7"}));
    }
    s
}
