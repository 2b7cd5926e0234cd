//! The reminder settings and what was shown, in the settings row (migration 7).

use super::{day, Journal, Result, StoreError};
use crate::reminders::{Kind, ReminderSettings, Shown};
use chrono::{DateTime, NaiveTime, Utc};
use rusqlite::{params, OptionalExtension};

/// The column that remembers the day a kind was last shown.
fn shown_column(kind: Kind) -> &'static str {
    match kind {
        Kind::CheckIn => "reminded_check_in_on",
        Kind::Questionnaires => "reminded_questionnaires_on",
        Kind::StepTomorrow => "reminded_step_tomorrow_on",
        Kind::StepToday => "reminded_step_today_on",
    }
}

/// The time and the snooze are read and written by hand, not through rusqlite's chrono
/// types: those write a time as "%T%.f" ("20:00:00", which the column's CHECK for "HH:MM"
/// refuses) and a timestamp as "%F %T%.f%:z", not the RFC 3339 "…T…Z" stored here.
fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
}

fn not_set_up() -> StoreError {
    StoreError::NotFound {
        what: "The journal's settings",
        field: "reminders",
    }
}

impl Journal {
    /// The reminder settings; all off (and 20:00 proposed) before setup or until chosen.
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        let row = self
            .conn
            .query_row(
                "SELECT reminder_time, remind_check_in, remind_questionnaires, remind_planned_steps, reminder_details
                 FROM settings WHERE id = 1",
                [],
                |r| {
                    let at = match r.get::<_, Option<String>>(0)? {
                        Some(t) => Some(NaiveTime::parse_from_str(&t, "%H:%M").map_err(|e| conversion(0, e))?),
                        None => None,
                    };
                    Ok((at, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                },
            )
            .optional()?;
        let Some((at, check_in, questionnaires, planned_steps, details)) = row else {
            return Ok(ReminderSettings::default());
        };
        Ok(ReminderSettings {
            at: at.unwrap_or(crate::reminders::settings::PROPOSED_TIME),
            check_in,
            questionnaires,
            planned_steps,
            details,
        })
    }

    /// Saves them. A kind just turned on, or every kind when the time changes, may be due
    /// today again; the rest keep what was shown, so that saving twice (or allowing
    /// details) never repeats a reminder. A snooze ends with any change.
    pub fn set_reminder_settings(&mut self, s: &ReminderSettings) -> Result<()> {
        let old = self.reminder_settings()?;
        let moved = old.at != s.at;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE settings SET reminder_time = ?1, remind_check_in = ?2, remind_questionnaires = ?3,
                 remind_planned_steps = ?4, reminder_details = ?5, reminders_snoozed_until = NULL
             WHERE id = 1",
            params![
                s.at.format("%H:%M").to_string(),
                s.check_in,
                s.questionnaires,
                s.planned_steps,
                s.details
            ],
        )?;
        if changed == 0 {
            return Err(not_set_up());
        }
        let turned_on = |was: bool, is: bool| is && (moved || !was);
        let afresh = [
            (Kind::CheckIn, turned_on(old.check_in, s.check_in)),
            (
                Kind::Questionnaires,
                turned_on(old.questionnaires, s.questionnaires),
            ),
            (
                Kind::StepTomorrow,
                turned_on(old.planned_steps, s.planned_steps),
            ),
            (
                Kind::StepToday,
                turned_on(old.planned_steps, s.planned_steps),
            ),
        ];
        for (kind, _) in afresh.iter().filter(|(_, again)| *again) {
            tx.execute(
                &format!(
                    "UPDATE settings SET {} = NULL WHERE id = 1",
                    shown_column(*kind)
                ),
                [],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// What was shown already, for the rule.
    pub fn reminders_shown(&self) -> Result<Shown<Utc>> {
        let row = self
            .conn
            .query_row(
                "SELECT reminded_check_in_on, reminded_questionnaires_on, reminded_step_tomorrow_on,
                        reminded_step_today_on, reminders_snoozed_until
                 FROM settings WHERE id = 1",
                [],
                |r| {
                    let mut last_day = std::collections::BTreeMap::new();
                    for (i, kind) in Kind::ALL.into_iter().enumerate() {
                        if let Some(on) = day(r, i, "settings", shown_column(kind))? {
                            last_day.insert(kind, on);
                        }
                    }
                    let snoozed_until = match r.get::<_, Option<String>>(4)? {
                        Some(t) => Some(
                            DateTime::parse_from_rfc3339(&t)
                                .map_err(|e| conversion(4, e))?
                                .with_timezone(&Utc),
                        ),
                        None => None,
                    };
                    Ok(Shown {
                        last_day,
                        snoozed_until,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Records that `kinds` were shown on `day` (the person's local day), ending a snooze.
    pub fn record_reminders_shown(&mut self, kinds: &[Kind], day: chrono::NaiveDate) -> Result<()> {
        let tx = self.conn.transaction()?;
        for kind in kinds {
            tx.execute(
                &format!(
                    "UPDATE settings SET {} = ?1 WHERE id = 1",
                    shown_column(*kind)
                ),
                params![day],
            )?;
        }
        tx.execute(
            "UPDATE settings SET reminders_snoozed_until = NULL WHERE id = 1",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// "Remind me in an hour": nothing until `until`.
    pub fn snooze_reminders(&mut self, until: DateTime<Utc>) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE settings SET reminders_snoozed_until = ?1 WHERE id = 1",
            params![until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)],
        )?;
        if changed == 0 {
            return Err(not_set_up());
        }
        Ok(())
    }
}
