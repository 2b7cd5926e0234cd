//! Dose steps (what was actually taken from a date on) and planned steps (what was agreed
//! with the prescriber). The kind of a step (reduction, hold, increase, stop) is derived in
//! `taper::step_analysis`, never typed in.

use super::input::{self, text_or_number, ValidationError, NOTE_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use super::units::Micrograms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// From `date` on, the person takes `dose` of the medication each day in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoseStep {
    pub id: i64,
    pub medication_id: i64,
    pub date: NaiveDate,
    pub dose: Micrograms,
    /// How the day's total is split, in the person's words ("0.25 mg morning, 0.5 mg night").
    pub split: Option<String>,
    pub note: Option<String>,
}

/// A step agreed with the prescriber for a future (or past) date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedStep {
    pub id: i64,
    pub medication_id: i64,
    pub date: NaiveDate,
    pub dose: Micrograms,
    /// The visit where it was agreed, in the person's words.
    pub agreed_at: Option<String>,
    pub note: Option<String>,
}

/// The dose step form. `id` present means "correct this step".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseStepInput {
    #[serde(default)]
    pub id: Option<i64>,
    pub medication_id: i64,
    pub date: String,
    #[serde(deserialize_with = "text_or_number")]
    pub dose_mg: Option<String>,
    #[serde(default)]
    pub split: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl DoseStepInput {
    /// A validated step; `id` is 0 for a new one.
    pub fn validate(&self) -> Result<DoseStep, ValidationError> {
        Ok(DoseStep {
            id: self.id.unwrap_or(0),
            medication_id: self.medication_id,
            date: input::parse_date("date", &self.date)?,
            dose: required_dose(&self.dose_mg)?,
            split: input::optional_text("split", "Split", &self.split, SHORT_TEXT_MAX_CHARS)?,
            note: input::optional_text("note", "Note", &self.note, NOTE_MAX_CHARS)?,
        })
    }
}

/// The planned step form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedStepInput {
    #[serde(default)]
    pub id: Option<i64>,
    pub medication_id: i64,
    pub date: String,
    #[serde(deserialize_with = "text_or_number")]
    pub dose_mg: Option<String>,
    #[serde(default)]
    pub agreed_at: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl PlannedStepInput {
    pub fn validate(&self) -> Result<PlannedStep, ValidationError> {
        Ok(PlannedStep {
            id: self.id.unwrap_or(0),
            medication_id: self.medication_id,
            date: input::parse_date("date", &self.date)?,
            dose: required_dose(&self.dose_mg)?,
            agreed_at: input::optional_text(
                "agreed_at",
                "Agreed at",
                &self.agreed_at,
                SHORT_TEXT_MAX_CHARS,
            )?,
            note: input::optional_text("note", "Note", &self.note, NOTE_MAX_CHARS)?,
        })
    }
}

fn required_dose(value: &Option<String>) -> Result<Micrograms, ValidationError> {
    match input::non_blank(value) {
        None => Err(ValidationError::new(
            "dose_mg",
            "Enter the total daily dose in mg.",
        )),
        Some(text) => Micrograms::parse_mg("dose_mg", "Daily dose", text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(dose: &str) -> DoseStepInput {
        DoseStepInput {
            medication_id: 1,
            date: "2026-03-01".into(),
            dose_mg: Some(dose.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_step() {
        let s = step("1.75").validate().unwrap();
        assert_eq!(s.dose, Micrograms(1750));
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    }

    #[test]
    fn bad_doses_and_dates_name_their_field() {
        assert_eq!(step("-1").validate().unwrap_err().field, "dose_mg");
        assert_eq!(step("NaN").validate().unwrap_err().field, "dose_mg");
        assert_eq!(step("10000000").validate().unwrap_err().field, "dose_mg");
        assert_eq!(step("").validate().unwrap_err().field, "dose_mg");
        let mut s = step("1");
        s.date = "20000-01-01".into();
        assert_eq!(s.validate().unwrap_err().field, "date");
    }
}
