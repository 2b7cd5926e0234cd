//! What the person asked to be reminded of (Settings), as the rule reads it.

use super::rule::Wanted;
use chrono::NaiveTime;

/// The reminder settings. All off until the person turns one on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// The local time of day for every reminder.
    pub at: NaiveTime,
    pub check_in: bool,
    pub questionnaires: bool,
    pub planned_steps: bool,
    /// Whether a notification may say what it is about ("the questionnaires are due");
    /// off, it only says "time for your check-in", since notifications show on lock
    /// screens and shared screens.
    pub details: bool,
}

/// The time offered before the person has chosen one: an evening check-in, once the day
/// can be looked back on.
pub const PROPOSED_TIME: NaiveTime = match NaiveTime::from_hms_opt(20, 0, 0) {
    Some(t) => t,
    None => panic!("20:00 is a time"),
};

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            at: PROPOSED_TIME,
            check_in: false,
            questionnaires: false,
            planned_steps: false,
            details: false,
        }
    }
}

impl ReminderSettings {
    /// What the rule is asked about, or `None` when every reminder is off.
    pub fn wanted(&self) -> Option<Wanted> {
        (self.check_in || self.questionnaires || self.planned_steps).then_some(Wanted {
            at: self.at,
            check_in: self.check_in,
            questionnaires: self.questionnaires,
            planned_steps: self.planned_steps,
        })
    }
}
