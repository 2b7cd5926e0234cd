//! Reminders in words: the Settings card, and what a notification says. By default a
//! notification says only that it is time for the check-in — no drug, dose, symptom or
//! questionnaire — because notifications show on lock screens and shared screens.

use crate::journal::QuestionnaireKind;
use crate::reminders::{rule, Kind, Logged, Plan, ReminderSettings};
use crate::store::{Journal, Result};
use chrono::{DateTime, Duration, TimeZone};
use serde::Serialize;

/// Every notification's title: the app, nothing more.
pub const NOTIFICATION_TITLE: &str = "Taper Journal";
/// Its text unless the person allowed more.
pub const NEUTRAL_TEXT: &str = "Time for your check-in.";
/// What Settings says when the system would not show a reminder.
pub const NOT_SHOWN: &str = "The last reminder could not be shown: no notification service answered on this computer. Reminders will be tried again while Taper Journal is open.";
/// What Settings says when reminders could not read the journal.
pub const NOT_READ: &str =
    "Reminders could not read the journal just now. They will try again in a minute.";
/// What Settings says when a reminder was shown but could not be noted in the journal.
pub const NOT_RECORDED: &str =
    "A reminder was shown but could not be noted in the journal, so it may come once more.";
/// The end of first-run setup offers the daily check-in reminder at the proposed time.
pub fn setup_offer() -> String {
    format!(
        "Remind me to check in each evening at {} (you can change the time or turn it off in Settings)",
        crate::reminders::settings::PROPOSED_TIME.format("%H:%M")
    )
}
/// How long "remind me in an hour" holds reminders back.
pub const SNOOZE: Duration = Duration::hours(1);

/// The notification's title and text for what is due.
pub fn notification_text(kinds: &[Kind], details: bool) -> (&'static str, String) {
    if !details {
        return (NOTIFICATION_TITLE, NEUTRAL_TEXT.to_string());
    }
    let sentences: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            Kind::CheckIn => "Time for your check-in.",
            Kind::Questionnaires => "The GAD-7 and PHQ-9 are due today.",
            Kind::StepTomorrow => "A planned dose step is tomorrow.",
            Kind::StepToday => "A planned dose step is today.",
        })
        .collect();
    (NOTIFICATION_TITLE, sentences.join(" "))
}

/// What the journal holds that the rule needs, read for the day of `now`.
pub fn logged(j: &Journal, today: chrono::NaiveDate) -> Result<Logged> {
    let all = j.questionnaires()?;
    // Each one's due date brings a reminder (never for one that was never done: Today
    // offers those).
    let questionnaires_due_on = QuestionnaireKind::ALL
        .into_iter()
        .filter_map(|k| super::questionnaires::due_on(&all, k))
        .collect();
    Ok(Logged {
        checked_in: j.check_in(today)?.map(|_| today).into_iter().collect(),
        questionnaires_due_on,
        planned_steps: j.planned_steps()?.into_iter().map(|p| p.date).collect(),
    })
}

/// What is due at `now` (the person's local time), and when to look again.
pub fn plan_at<Tz: TimeZone>(
    j: &Journal,
    now: &DateTime<Tz>,
) -> Result<(Plan<Tz>, ReminderSettings)> {
    let settings = j.reminder_settings()?;
    let today = now.naive_local().date();
    let shown = j.reminders_shown()?.in_zone(&now.timezone());
    let plan = rule::plan(settings.wanted().as_ref(), &logged(j, today)?, &shown, now);
    Ok((plan, settings))
}

/// The Reminders card in Settings.
#[derive(Debug, Serialize, PartialEq)]
pub struct RemindersView {
    /// "20:00".
    pub time: String,
    pub check_in: bool,
    pub questionnaires: bool,
    pub planned_steps: bool,
    pub details: bool,
    /// "Next reminder: today at 20:00." or "All reminders are off."
    pub status: String,
    /// Why the last reminder could not be shown, if it could not.
    pub problem: Option<String>,
    pub privacy_note: &'static str,
    pub while_open_note: &'static str,
}

/// The card, with `problem` from the last attempt to show one (the shell keeps it).
pub fn reminders_view<Tz: TimeZone>(
    j: &Journal,
    now: &DateTime<Tz>,
    problem: Option<String>,
) -> Result<RemindersView>
where
    Tz::Offset: std::fmt::Display,
{
    let (plan, s) = plan_at(j, now)?;
    let today = now.naive_local().date();
    let status = match (s.wanted(), plan.next) {
        (None, _) => "All reminders are off.".to_string(),
        (Some(_), _) if !plan.due_now.is_empty() => "A reminder is due now.".to_string(),
        (Some(_), None) => "Nothing to remind you of for now.".to_string(),
        (Some(_), Some(next)) => {
            let day = next.naive_local().date();
            let when = if day == today {
                "today".to_string()
            } else if day == today + Duration::days(1) {
                "tomorrow".to_string()
            } else {
                super::long_date(day)
            };
            format!("Next reminder: {when} at {}.", next.format("%H:%M"))
        }
    };
    Ok(RemindersView {
        time: s.at.format("%H:%M").to_string(),
        check_in: s.check_in,
        questionnaires: s.questionnaires,
        planned_steps: s.planned_steps,
        details: s.details,
        status,
        problem,
        privacy_note: "Notifications can show on a locked or shared screen, so they say only “Time for your check-in” unless you allow more.",
        while_open_note: "Reminders come while Taper Journal is running: open, or in the tray (see “Staying open for reminders”). Never for a day you have already checked in, at most once a day each, and after the computer has slept, one catch-up notice rather than several.",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutral_unless_allowed() {
        let all = [Kind::CheckIn, Kind::Questionnaires, Kind::StepTomorrow];
        assert_eq!(
            notification_text(&all, false),
            ("Taper Journal", "Time for your check-in.".to_string())
        );
        let (_, detailed) = notification_text(&all, true);
        assert_eq!(
            detailed,
            "Time for your check-in. The GAD-7 and PHQ-9 are due today. A planned dose step is tomorrow."
        );
        for word in [
            "mg",
            "clonazepam",
            "diazepam",
            "anxiety",
            "PHQ",
            "GAD",
            "step",
        ] {
            assert!(!NEUTRAL_TEXT.contains(word), "{word}");
        }
    }
}
