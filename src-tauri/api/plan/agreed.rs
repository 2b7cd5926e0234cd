//! After a visit: the steps of a kept proposal agreed with the prescriber become planned
//! steps. All or none.

use super::kept::{kept, KeptPlans};
use crate::api::Answer;
use crate::journal::input::{non_blank, optional_text, parse_date, parse_input, ValidationError};
use crate::journal::PlannedStep;
use crate::store::Journal;
use crate::store::StoreError;
use crate::views::long_date;
use crate::views::plan::planned_from_note;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

/// "Added 2 planned steps, from Monday 4 January 2027: ..."
fn planned_message(steps: &[PlannedStep]) -> String {
    let first = steps
        .iter()
        .map(|s| s.date)
        .min()
        .map(long_date)
        .unwrap_or_default();
    let count = match steps.len() {
        1 => "1 planned step".to_string(),
        n => format!("{n} planned steps"),
    };
    format!("Added {count}, from {first}. They are on Dose steps and in the calendar export, and on the dose chart for the next 4 months.")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreedInput {
    proposal_id: i64,
    /// The proposal's steps agreed at the visit (ISO dates).
    dates: Vec<String>,
    #[serde(default)]
    agreed_at: Option<String>,
}

/// After a visit: the proposal's steps agreed with the prescriber become planned steps (the
/// ones Dose steps, the chart, reminders and the calendar export know). All or none.
pub fn plan_agreed_steps(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<KeptPlans> {
    let input: AgreedInput = parse_input(input)?;
    let p = j
        .plan_proposals()?
        .into_iter()
        .find(|p| p.id == input.proposal_id)
        .ok_or(StoreError::NotFound {
            what: "That proposal",
            field: "proposal_id",
        })?;
    if input.dates.is_empty() {
        return Err(ValidationError::new(
            "dates",
            "Steps agreed: tick at least one step agreed at the visit.",
        )
        .into());
    }
    let agreed_at = non_blank(&input.agreed_at).map(str::to_string);
    if agreed_at.as_ref().is_some_and(|a| a.chars().count() > 200) {
        return Err(ValidationError::new(
            "agreed_at",
            "Agreed at: up to 200 characters, such as \"visit with Dr Lee, 3 December\".",
        )
        .into());
    }
    // Free text like any other: no invisible control characters (a backup would refuse them).
    let agreed_at = optional_text("agreed_at", "Agreed at", &agreed_at, 200)?;
    let planned = j.planned_steps()?;
    let mut steps = Vec::new();
    for text in &input.dates {
        let date = parse_date("dates", text)?;
        let Some(step) = p.proposal.steps.iter().find(|s| s.date == date) else {
            return Err(ValidationError::new(
                "dates",
                "Steps agreed: that day is not a step of this proposal.",
            )
            .into());
        };
        if date < today {
            return Err(ValidationError::new(
                "dates",
                format!(
                    "Steps agreed: {} has passed; a step already taken is logged on Dose steps.",
                    long_date(date)
                ),
            )
            .into());
        }
        if planned
            .iter()
            .any(|s| s.medication_id == p.medication_id && s.date == date)
        {
            return Err(ValidationError::new(
                "dates",
                format!("Steps agreed: a step is already planned on {} for this medication. Nothing was added; leave that day out, or change that planned step on Dose steps.", long_date(date)),
            )
            .into());
        }
        if steps.iter().any(|s: &PlannedStep| s.date == date) {
            continue;
        }
        steps.push(PlannedStep {
            id: 0,
            medication_id: p.medication_id,
            date,
            dose: step.daily,
            agreed_at: agreed_at.clone(),
            note: Some(planned_from_note(&p)),
        });
    }
    j.add_planned_steps(&steps)?;
    kept(j, planned_message(&steps), today)
}
