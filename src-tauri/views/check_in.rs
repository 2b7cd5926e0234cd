//! The Today screen (or any earlier day opened from History): the check-in form's values.

use super::long_date;
use crate::journal::check_in::Practice;
use crate::journal::symptoms::{
    earlier_day_safety_message, RedFlag, BUILTIN_SYMPTOMS, SAFETY_MESSAGE,
};
use crate::journal::{CheckIn, Micrograms};
use crate::store::{Journal, Result};
use crate::taper::dose_in_effect;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SymptomValue {
    pub key: String,
    pub label: String,
    pub severity: u8,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub key: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Debug, Serialize)]
pub struct DoseField {
    pub medication_id: i64,
    pub medication: String,
    /// "Current step: 0.75 mg a day", or that no step covers the day.
    pub step_label: String,
    /// What the field shows: the recorded dose, or the step's dose for a new check-in.
    pub taken_mg: String,
}

#[derive(Debug, Serialize)]
pub struct CheckInView {
    pub date: String,
    pub date_label: String,
    pub exists: bool,
    pub is_today: bool,
    pub anxiety: String,
    pub mood: String,
    pub sleep_hours: String,
    pub sleep_quality: String,
    pub symptoms: Vec<SymptomValue>,
    pub own_symptoms: Vec<SymptomValue>,
    pub red_flags: Vec<Choice>,
    pub doses: Vec<DoseField>,
    pub alcohol_drinks: String,
    pub opioids: bool,
    pub cannabis: bool,
    pub other_sedatives: bool,
    pub substance_note: String,
    pub practices: Vec<Choice>,
    pub practice_note: String,
    pub note: String,
    /// Present when the day has a red-flag symptom: shown at once, above everything.
    pub safety_message: Option<String>,
    /// The message to show as soon as a red flag is ticked in this day's form.
    pub red_flag_message: String,
    /// What was typed into this day's form and not yet saved: `[[field, value], …]`.
    pub draft: Option<serde_json::Value>,
    /// On today's form: the two-weekly questionnaires that are due.
    pub questionnaire_due: Option<String>,
}

/// The answer to a save: the day as stored, and a plain confirmation.
#[derive(Debug, Serialize)]
pub struct SavedCheckIn {
    pub message: String,
    pub check_in: CheckInView,
}

fn opt_text(v: Option<u8>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

pub fn check_in_view(journal: &Journal, date: NaiveDate, today: NaiveDate) -> Result<CheckInView> {
    let stored = journal.check_in(date)?;
    let exists = stored.is_some();
    let c = stored.unwrap_or_else(|| empty(date));
    let steps = journal.dose_steps()?;
    let medications = journal.medications()?;
    let red_flag_message = if date == today {
        SAFETY_MESSAGE.to_string()
    } else {
        earlier_day_safety_message(&long_date(date))
    };

    let severity_of = |builtin: bool, name: &str| {
        c.symptoms
            .iter()
            .find(|s| s.builtin == builtin && s.name == name)
            .map_or(0, |s| s.severity)
    };
    let mut own_names = journal.own_symptom_names()?;
    own_names.retain(|n| !n.is_empty());
    let doses = medications
        .iter()
        .filter(|m| m.active || c.doses_taken.iter().any(|d| d.medication_id == m.id))
        .map(|m| {
            let step = dose_in_effect(&steps, m.id, date);
            let recorded = c
                .doses_taken
                .iter()
                .find(|d| d.medication_id == m.id)
                .map(|d| d.dose);
            let shown = if exists { recorded } else { step };
            DoseField {
                medication_id: m.id,
                medication: m.display_name(),
                step_label: match step {
                    Some(s) => format!("Current step: {} mg a day", s.mg_text()),
                    None => "No dose step covers this day".to_string(),
                },
                taken_mg: shown.map(Micrograms::mg_text).unwrap_or_default(),
            }
        })
        .collect();
    Ok(CheckInView {
        date: date.format("%Y-%m-%d").to_string(),
        date_label: long_date(date),
        exists,
        is_today: date == today,
        anxiety: opt_text(c.anxiety),
        mood: opt_text(c.mood),
        sleep_hours: c.sleep.map(|s| s.hours_text()).unwrap_or_default(),
        sleep_quality: opt_text(c.sleep_quality),
        symptoms: BUILTIN_SYMPTOMS
            .iter()
            .map(|s| SymptomValue {
                key: s.key.to_string(),
                label: s.label.to_string(),
                severity: severity_of(true, s.key),
            })
            .collect(),
        own_symptoms: own_names
            .iter()
            .map(|n| SymptomValue {
                key: n.clone(),
                label: n.clone(),
                severity: severity_of(false, n),
            })
            .collect(),
        red_flags: RedFlag::ALL
            .iter()
            .map(|f| Choice {
                key: f.key(),
                label: f.label(),
                checked: c.red_flags.contains(f),
            })
            .collect(),
        doses,
        alcohol_drinks: opt_text(c.alcohol_drinks),
        opioids: c.opioids,
        cannabis: c.cannabis,
        other_sedatives: c.other_sedatives,
        substance_note: c.substance_note.clone().unwrap_or_default(),
        practices: Practice::ALL
            .iter()
            .map(|p| Choice {
                key: p.key(),
                label: p.label(),
                checked: c.practices.contains(p),
            })
            .collect(),
        practice_note: c.practice_note.clone().unwrap_or_default(),
        note: c.note.clone().unwrap_or_default(),
        safety_message: (!c.red_flags.is_empty()).then(|| red_flag_message.clone()),
        red_flag_message,
        draft: journal
            .check_in_draft(date)?
            // Only the form's own shape goes to the page: `[[field, value], …]`.
            .and_then(|text| serde_json::from_str::<Vec<(String, String)>>(&text).ok())
            .and_then(|pairs| serde_json::to_value(pairs).ok()),
        questionnaire_due: if date == today {
            super::questionnaires::due_notice(&journal.questionnaires()?, today)
        } else {
            None
        },
    })
}

fn empty(date: NaiveDate) -> CheckIn {
    CheckIn {
        date,
        anxiety: None,
        mood: None,
        sleep: None,
        sleep_quality: None,
        symptoms: Vec::new(),
        red_flags: Vec::new(),
        doses_taken: Vec::new(),
        alcohol_drinks: None,
        opioids: false,
        cannabis: false,
        other_sedatives: false,
        substance_note: None,
        practices: Vec::new(),
        practice_note: None,
        note: None,
    }
}
