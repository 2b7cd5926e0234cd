//! The Dose steps screen: logged steps and planned ones.

use crate::journal::{parse_input, DoseStepInput, PlannedStepInput};
use crate::store::Journal;
use crate::views::{self, StepsView};
use chrono::NaiveDate;
use serde_json::Value;

use super::error::Answer;
use super::input::not_after_today;

pub fn steps(j: &Journal, today: NaiveDate) -> Answer<StepsView> {
    Ok(views::steps_view(j, today)?)
}

/// Logs a new dose step, or corrects one when the input carries its `id`. A step is what
/// was taken from its date on, so it cannot start after today; future steps are planned.
pub fn save_step(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<StepsView> {
    let step = parse_input::<DoseStepInput>(input)?.validate()?;
    not_after_today(
        "date",
        step.date,
        today,
        "A dose step starts today or earlier. For a step agreed for later, add a planned step.",
    )?;
    j.save_dose_step(&step)?;
    steps(j, today)
}

pub fn delete_step(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<StepsView> {
    j.delete_dose_step(id)?;
    steps(j, today)
}

pub fn save_planned_step(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<StepsView> {
    let step = parse_input::<PlannedStepInput>(input)?.validate()?;
    j.save_planned_step(&step)?;
    steps(j, today)
}

pub fn delete_planned_step(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<StepsView> {
    j.delete_planned_step(id)?;
    steps(j, today)
}
