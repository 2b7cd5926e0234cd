//! Reminders to check in, when the questionnaires fall due and around planned steps: what
//! the person asked for (`settings.rs`) and the rule that says what is due when (`rule.rs`,
//! pure). The shell asks the rule and shows the notification; views/reminders.rs words it.

pub mod rule;
pub mod settings;

pub use rule::{Kind, Logged, Plan, Shown};
pub use settings::ReminderSettings;
