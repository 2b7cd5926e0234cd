//! The proposals kept to bring to a visit: keeping one, showing one on the dose chart and
//! the visit summary, deleting one, and the list the screen shows after each.

use super::propose::proposal_for;
use crate::api::Answer;
use crate::store::Journal;
use crate::views::plan::{saved_plan_view, SavedPlanView};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

/// What a change to the kept proposals said, and the kept proposals after it.
#[derive(Debug, Serialize, PartialEq)]
pub struct KeptPlans {
    pub message: String,
    pub saved: Vec<SavedPlanView>,
}

pub(super) fn kept(j: &Journal, message: String, today: NaiveDate) -> Answer<KeptPlans> {
    Ok(KeptPlans {
        message,
        saved: saved(j, today)?,
    })
}

const KEPT: &str =
    "Proposal kept. It is shown on the dose chart (Trends) and on the visit summary.";
const SHOWN: &str = "Shown on the visit summary, and on the dose chart (Trends) for its steps in the next 4 months.";
const NONE_SHOWN: &str = "No proposal is shown on the dose chart or the visit summary now.";

/// The kept proposals, the newest first.
pub(super) fn saved(j: &Journal, today: NaiveDate) -> Answer<Vec<SavedPlanView>> {
    let medications = j.medications()?;
    Ok(j.plan_proposals()?
        .iter()
        .map(|p| {
            let name = medications
                .iter()
                .find(|m| m.id == p.medication_id)
                .map_or_else(String::new, |m| m.display_name());
            saved_plan_view(p, &name, today)
        })
        .collect())
}

/// Keeps the proposal the form asks for (computed again here, never taken from the page);
/// it becomes the one shown on the dose chart and the visit summary.
pub fn save_plan_proposal(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<KeptPlans> {
    let (_, p) = proposal_for(j, input, today)?;
    j.save_plan_proposal(&p)?;
    kept(j, KEPT.to_string(), today)
}

/// Shows one kept proposal on the chart and the summary, or none.
pub fn show_plan_proposal(j: &mut Journal, id: Option<i64>, today: NaiveDate) -> Answer<KeptPlans> {
    j.show_plan_proposal(id)?;
    let message = if id.is_some() { SHOWN } else { NONE_SHOWN };
    kept(j, message.to_string(), today)
}

pub fn delete_plan_proposal(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<KeptPlans> {
    j.delete_plan_proposal(id)?;
    kept(j, "Proposal deleted.".to_string(), today)
}
