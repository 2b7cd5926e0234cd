//! The Settings screen: reminders, staying open in the tray, About, the automatic backups
//! listed, and the passphrase.

use crate::journal::{parse_input, ValidationError};
use crate::store::{Journal, Passphrase};
use crate::views::{self, SettingsView};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{Answer, ApiError, ErrorKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemindersInput {
    time: String,
    check_in: bool,
    questionnaires: bool,
    planned_steps: bool,
    details: bool,
}

/// The Settings card "Staying open".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StayingOpenInput {
    pub keep_in_tray: bool,
    pub start_at_login: bool,
}

pub fn reminders(
    j: &Journal,
    now: &chrono::DateTime<chrono::Local>,
    problem: Option<String>,
) -> Answer<views::reminders::RemindersView> {
    Ok(views::reminders::reminders_view(j, now, problem)?)
}

/// Saves what to be reminded of and when.
pub fn set_reminders(j: &mut Journal, input: Value) -> Answer<()> {
    let input: RemindersInput = parse_input(input)?;
    let at = chrono::NaiveTime::parse_from_str(input.time.trim(), "%H:%M").map_err(|_| {
        ValidationError::new(
            "time",
            "Reminder time: use hours and minutes on the 24-hour clock, such as 20:00.",
        )
    })?;
    j.set_reminder_settings(&crate::reminders::ReminderSettings {
        at,
        check_in: input.check_in,
        questionnaires: input.questionnaires,
        planned_steps: input.planned_steps,
        details: input.details,
    })?;
    Ok(())
}

/// "Remind me in an hour": nothing until `until`.
pub fn snooze_reminders(j: &mut Journal, until: chrono::DateTime<chrono::Utc>) -> Answer<()> {
    j.snooze_reminders(until)?;
    Ok(())
}

/// Reads the "Staying open" choices (the login item is the shell's to set).
pub fn staying_open_input(input: Value) -> Answer<StayingOpenInput> {
    Ok(parse_input(input)?)
}

/// Saves whether closing the window keeps the app in the tray.
pub fn set_keep_in_tray(j: &mut Journal, keep: bool) -> Answer<()> {
    j.set_keep_in_tray(keep)?;
    Ok(())
}

/// The About screen, for the journal open now.
pub fn about(j: &Journal) -> Answer<views::AboutView> {
    Ok(views::about_view(j.path()))
}

/// The Settings screen.
pub fn settings(j: &Journal) -> Answer<SettingsView> {
    Ok(views::settings_view(j))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPassphraseInput {
    passphrase: String,
    confirm: String,
    /// "I understand a forgotten passphrase cannot be recovered."
    #[serde(default)]
    understood: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangePassphraseInput {
    current: String,
    passphrase: String,
    confirm: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovePassphraseInput {
    current: String,
}

/// The journal's passphrase, checked against what the person typed as "current".
fn current_passphrase(j: &Journal, typed: &str) -> Answer<Passphrase> {
    let given = Passphrase::to_unlock(typed, "current")?;
    if !j.passphrase_matches(&given) {
        return Err(ApiError {
            cause: None,
            kind: ErrorKind::WrongPassphrase,
            field: Some("current".to_string()),
            message: "That is not the journal's current passphrase. Nothing was changed."
                .to_string(),
        });
    }
    Ok(given)
}

/// What a passphrase change did, for the Settings screen.
#[derive(Debug, Serialize)]
pub struct PassphraseChanged {
    pub settings: SettingsView,
    pub message: String,
}

/// The journal changed; says so, and names any copy that could not follow.
fn passphrase_changed(j: &Journal, done: &str, left: Vec<String>) -> Answer<PassphraseChanged> {
    let message = if left.is_empty() {
        format!("{done} So are the copies the app keeps of it.")
    } else {
        format!(
            "{done} {} of its copies could not be changed and were left as they were: {}.",
            left.len(),
            left.join(", ")
        )
    };
    Ok(PassphraseChanged {
        settings: views::settings_view(j),
        message,
    })
}

/// Locks an unencrypted journal, and the copies the app keeps, with a new passphrase.
pub fn set_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: NewPassphraseInput = parse_input(input)?;
    if j.is_encrypted() {
        return Err(ValidationError::new(
            "passphrase",
            "The journal already has a passphrase; use \"Change passphrase\" instead.",
        )
        .into());
    }
    let key = Passphrase::new_checked(&input.passphrase, &input.confirm)?;
    if !input.understood {
        return Err(ValidationError::new(
            "understood",
            "Please tick the box to say you understand that a forgotten passphrase cannot be recovered.",
        )
        .into());
    }
    j.rewrite_with_key(Some(key))?;
    let left = j.rekey_copies(None);
    passphrase_changed(j, "The journal is now locked with your passphrase.", left)
}

/// Changes the passphrase of an encrypted journal and of the copies the app keeps.
pub fn change_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: ChangePassphraseInput = parse_input(input)?;
    let old = current_passphrase(j, &input.current)?;
    let key = Passphrase::new_checked(&input.passphrase, &input.confirm)?;
    j.rewrite_with_key(Some(key))?;
    let left = j.rekey_copies(Some(&old));
    passphrase_changed(j, "The passphrase was changed.", left)
}

/// Removes the passphrase: the journal and the copies the app keeps are stored unencrypted.
pub fn remove_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: RemovePassphraseInput = parse_input(input)?;
    let old = current_passphrase(j, &input.current)?;
    j.rewrite_with_key(None)?;
    let left = j.rekey_copies(Some(&old));
    passphrase_changed(
        j,
        "The journal is no longer locked with a passphrase.",
        left,
    )
}
