//! The Today screen (or any earlier day opened from History): the check-in form's values.

use super::day::{after_today_note, later_check_in_note};
use super::long_date;
use super::urgent_help::{chosen_country, urgent_help, Noted, UrgentHelp};
use crate::journal::check_in::Practice;
use crate::journal::rating_scales::{RatingScale, RATING_SCALES};
use crate::journal::symptoms::{RedFlag, BUILTIN_SYMPTOMS};
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
    /// "Imported from Daylio on 1 Dec 2026" while the day is as imported.
    pub imported: Option<String>,
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
    /// Present when the day as stored has a red-flag symptom: shown above the form.
    pub urgent_help: Option<UrgentHelp>,
    /// Shown at once, as a dialog, when a red flag is ticked in this day's form; the page
    /// lists the ticked symptoms after `marked_label`. The second when thoughts of self-harm
    /// are among them (it names the crisis lines too).
    pub red_flag_help: UrgentHelp,
    pub self_harm_flag_help: UrgentHelp,
    /// "You marked".
    pub marked_label: &'static str,
    /// Said calmly beside the box, once per check-in, when it is ticked or above 0.
    pub substance_notes: SubstanceNotes,
    /// The rating fields' labels and hints, in the form's order.
    pub scales: [RatingScale; 4],
    /// What was typed into this day's form and not yet saved: `[[field, value], …]`.
    pub draft: Option<serde_json::Value>,
    /// On today's form: the two-weekly questionnaires that are due.
    pub questionnaire_due: Option<String>,
    /// When the computer's clock and the journal disagree: this check-in is dated after
    /// today, or (on today's form) the journal holds a check-in for a later day.
    pub clock_note: Option<String>,
}

/// Why a substance matters with a benzodiazepine (the 2025 guideline and FDA boxed warning:
/// combined sedation and slowed breathing; naloxone reverses an opioid overdose).
#[derive(Debug, Serialize)]
pub struct SubstanceNotes {
    pub opioids: &'static str,
    pub other_sedatives: &'static str,
    pub alcohol: &'static str,
}

pub const SUBSTANCE_NOTES: SubstanceNotes = SubstanceNotes {
    opioids: "Opioids and a benzodiazepine taken together can cause dangerous drowsiness and slowed breathing (an overdose). It is worth telling your prescriber, and asking them or a pharmacist about naloxone, a medicine that can reverse an opioid overdose. If someone is very hard to wake or breathing slowly, call your emergency number.",
    other_sedatives: "Other sedatives or sleep aids add to the effect of a benzodiazepine; together they can cause dangerous drowsiness and slowed breathing. Your prescriber or pharmacist can tell you what is safe to take together.",
    alcohol: "Alcohol adds to the effect of a benzodiazepine; together they can cause dangerous drowsiness and slowed breathing. It is worth telling your prescriber how much you drink; they can help you plan around it.",
};

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
    let country = chosen_country(journal)?;

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
        imported: journal
            .imported_from(date)?
            .map(|(source, on)| super::import::imported_mark(source, on)),
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
        urgent_help: (!c.red_flags.is_empty())
            .then(|| urgent_help(&Noted::RedFlags(c.red_flags.clone()), date, today, country)),
        red_flag_help: urgent_help(&Noted::Ticking { self_harm: false }, date, today, country),
        self_harm_flag_help: urgent_help(&Noted::Ticking { self_harm: true }, date, today, country),
        marked_label: "You marked",
        substance_notes: SUBSTANCE_NOTES,
        scales: RATING_SCALES,
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
        clock_note: clock_note(journal, date, today, exists)?,
    })
}

fn clock_note(
    journal: &Journal,
    date: NaiveDate,
    today: NaiveDate,
    saved: bool,
) -> Result<Option<String>> {
    if date > today {
        return Ok(Some(after_today_note(date, today, saved)));
    }
    if date < today {
        return Ok(None);
    }
    // An optional note: a damaged date (History says so) must not keep today's form shut.
    let latest = journal.last_check_in_date().unwrap_or_else(|e| {
        eprintln!("taper-journal: the latest check-in's date could not be read: {e}");
        None
    });
    Ok(latest
        .filter(|latest| *latest > today)
        .map(|latest| later_check_in_note(latest, today)))
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
