//! What the reminder rule reads: the kinds of reminder, what the person asked to be
//! reminded of, what the journal holds, and what was shown already.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};
use std::collections::BTreeMap;

/// What a reminder is for. The notification's words never name it (views/reminders.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Today's check-in is not saved yet.
    CheckIn,
    /// The GAD-7 and PHQ-9 fall due today.
    Questionnaires,
    /// A planned step is tomorrow.
    StepTomorrow,
    /// A planned step is today.
    StepToday,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::CheckIn,
        Kind::Questionnaires,
        Kind::StepTomorrow,
        Kind::StepToday,
    ];

    /// The name it is stored under.
    pub fn key(self) -> &'static str {
        match self {
            Kind::CheckIn => "check_in",
            Kind::Questionnaires => "questionnaires",
            Kind::StepTomorrow => "step_tomorrow",
            Kind::StepToday => "step_today",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What the person asked to be reminded of, all at one local time of day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub at: NaiveTime,
    pub check_in: bool,
    pub questionnaires: bool,
    pub planned_steps: bool,
}

/// What the journal holds that decides whether a day needs a reminder.
#[derive(Debug, Clone, Default)]
pub struct Logged {
    /// Days with a saved check-in (only today's matters; more is harmless).
    pub checked_in: Vec<NaiveDate>,
    /// The day each questionnaire next falls due (those done before; Today offers the
    /// others).
    pub questionnaires_due_on: Vec<NaiveDate>,
    /// The days of planned steps.
    pub planned_steps: Vec<NaiveDate>,
}

/// What was shown already: the local day each kind was last shown, and a snooze.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<Tz: TimeZone> {
    pub last_day: BTreeMap<Kind, NaiveDate>,
    /// "Remind me in an hour": nothing until then; then once more what is still open.
    pub snoozed_until: Option<DateTime<Tz>>,
}

impl<Tz: TimeZone> Default for Shown<Tz> {
    fn default() -> Self {
        Shown {
            last_day: BTreeMap::new(),
            snoozed_until: None,
        }
    }
}

impl<Tz: TimeZone> Shown<Tz> {
    /// The same, its snooze read in another time zone (the store keeps it in UTC).
    pub fn in_zone<Tz2: TimeZone>(&self, tz: &Tz2) -> Shown<Tz2> {
        Shown {
            last_day: self.last_day.clone(),
            snoozed_until: self.snoozed_until.as_ref().map(|t| t.with_timezone(tz)),
        }
    }
}
