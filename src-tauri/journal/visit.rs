//! Clinic visits (what was decided with the prescriber) and the patient's running list of
//! questions for the prescriber, ticked off at a visit.

use super::dose_step::{PlannedStep, PlannedStepInput};
use super::input::{self, ValidationError, NOTE_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A question is a sentence or two; longer thoughts belong in a check-in note.
pub const QUESTION_MAX_CHARS: usize = 500;

/// What was decided at a visit, in the guideline's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Continue,
    Hold,
    SlowDown,
    Other,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Continue,
        Decision::Hold,
        Decision::SlowDown,
        Decision::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Decision::Continue => "continue",
            Decision::Hold => "hold",
            Decision::SlowDown => "slow_down",
            Decision::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }
    pub fn label(self) -> &'static str {
        match self {
            Decision::Continue => "Continue as planned",
            Decision::Hold => "Hold at the current dose",
            Decision::SlowDown => "Slow down",
            Decision::Other => "Something else (see note)",
        }
    }
}

/// A visit as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub id: i64,
    pub date: NaiveDate,
    pub clinician: Option<String>,
    pub decision: Decision,
    pub note: Option<String>,
    /// The next step agreed at this visit, kept as a planned step.
    pub planned_step_id: Option<i64>,
}

/// A question for the prescriber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: i64,
    pub text: String,
    pub added_on: NaiveDate,
    /// The day it was ticked off, and at which visit when there was one.
    pub done_on: Option<NaiveDate>,
    pub visit_id: Option<i64>,
}

/// The visit form: the visit, optionally the next step agreed there, and the questions
/// that were answered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitInput {
    pub date: String,
    #[serde(default)]
    pub clinician: Option<String>,
    pub decision: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub next_step: Option<PlannedStepInput>,
    #[serde(default)]
    pub answered_questions: Vec<i64>,
}

/// A validated visit form.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub visit: Visit,
    pub next_step: Option<PlannedStep>,
    pub answered_questions: Vec<i64>,
}

/// Planned-step errors are reported under "next_step.".
fn in_next_step(e: ValidationError) -> ValidationError {
    ValidationError::new(format!("next_step.{}", e.field), e.message)
}

impl VisitInput {
    pub fn validate(&self) -> Result<NewVisit, ValidationError> {
        let date = input::parse_date("date", &self.date)?;
        let decision = Decision::from_key(&self.decision).ok_or_else(|| {
            ValidationError::new("decision", "Choose what was decided at the visit.")
        })?;
        let next_step = match &self.next_step {
            Some(s) => {
                let mut step = s.validate().map_err(in_next_step)?;
                if step.date < date {
                    return Err(ValidationError::new(
                        "next_step.date",
                        "The next step is on or after the visit date.",
                    ));
                }
                if step.agreed_at.is_none() {
                    step.agreed_at = Some(format!("Visit on {}", date.format("%-d %b %Y")));
                }
                Some(step)
            }
            None => None,
        };
        Ok(NewVisit {
            visit: Visit {
                id: 0,
                date,
                clinician: input::optional_text(
                    "clinician",
                    "Clinician",
                    &self.clinician,
                    SHORT_TEXT_MAX_CHARS,
                )?,
                decision,
                note: input::optional_text("note", "Note", &self.note, NOTE_MAX_CHARS)?,
                planned_step_id: None,
            },
            next_step,
            answered_questions: self.answered_questions.clone(),
        })
    }
}

/// The text of a new question; blank or over-long is refused.
pub fn question_text(value: &str) -> Result<String, ValidationError> {
    input::optional_text(
        "text",
        "Question",
        &Some(value.to_string()),
        QUESTION_MAX_CHARS,
    )?
    .ok_or_else(|| ValidationError::new("text", "Type the question first."))
}
