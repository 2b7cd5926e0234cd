//! Reminders to check in, when questionnaires fall due and around planned steps: the rule
//! (pure, `rule.rs`) that says what is due when.

pub mod rule;
