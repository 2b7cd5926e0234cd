//! The Plan screen's operations: the form's starting values from the journal, and a
//! proposal computed from what the person typed. Nothing is written.

use super::Answer;
use crate::journal::input::{
    non_blank, optional_text, parse_date, parse_input, text_or_number, ValidationError,
};
use crate::journal::Micrograms;
use crate::journal::PlannedStep;
use crate::store::Journal;
use crate::store::StoreError;
use crate::taper::equivalence;
use crate::taper::plan::SavedProposal;
use crate::taper::plan::{
    self, PlanProblem, PlanRequest, Tablet, Units, INTERVAL_DAYS_RANGE, MAX_STEPS, PERCENT_RANGE,
};
use crate::views::long_date;
use crate::views::plan::{planned_from_note, saved_plan_view, PlanView, SavedPlanView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The pace the form starts with: the guideline's usual 10 % every 2 weeks at most.
const DEFAULT_PERCENT: u32 = 10;
const DEFAULT_EVERY_DAYS: i64 = 14;
/// At most this many dose times a day, and tablet strengths at once.
const MAX_DOSE_TIMES: usize = 6;
const MAX_STRENGTHS: usize = 4;
/// A liquid's concentration above this is a typing mistake (benzodiazepine liquids are
/// 0.1–10 mg/mL).
const MAX_MG_PER_ML: u32 = 100;

/// One dose time as the form shows it.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DoseTimeInput {
    pub label: String,
    #[serde(deserialize_with = "text_or_number")]
    pub dose_mg: Option<String>,
}

/// A medication the Plan screen can start from.
#[derive(Debug, Serialize, PartialEq)]
pub struct PlanMedication {
    pub id: i64,
    pub name: String,
    /// "tablet" or "liquid".
    pub form: &'static str,
    /// The strength the journal knows ("0.5"), to start the units with.
    pub strength_mg: Option<String>,
    /// The latest step's dose, split by time of day where its split says so.
    pub times: Vec<DoseTimeInput>,
    /// The first step proposed: the usual interval after the latest step, or today.
    pub start: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct PlanFormView {
    pub medications: Vec<PlanMedication>,
    pub notice: &'static str,
    pub quarters_note: &'static str,
    pub percent: u32,
    pub every_days: i64,
    /// The kept proposals, the newest first.
    pub saved: Vec<SavedPlanView>,
}

/// "0.25 mg morning, 0.5 mg night" → [("Morning", 0.25), ("Night", 0.5)], if every part
/// reads so and they add up to the day's dose.
fn times_from_split(split: Option<&str>, dose: Micrograms) -> Vec<DoseTimeInput> {
    let whole_day = || {
        vec![DoseTimeInput {
            label: "Each day".to_string(),
            dose_mg: Some(dose.mg_text()),
        }]
    };
    let Some(split) = split else {
        return whole_day();
    };
    let mut times = Vec::new();
    let mut sum = 0u64;
    for part in split.split([',', ';', '+']) {
        let part = part.trim().replace("mg", " mg ");
        let words: Vec<&str> = part.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "mg") else {
            return whole_day();
        };
        let Some(Ok(amount)) = at
            .checked_sub(1)
            .map(|i| Micrograms::parse_mg("split", "Split", words[i]))
        else {
            return whole_day();
        };
        let label: Vec<&str> = words[..at - 1]
            .iter()
            .chain(&words[at + 1..])
            .copied()
            .collect();
        let label = label.join(" ");
        if label.is_empty() {
            return whole_day();
        }
        sum += u64::from(amount.0);
        times.push(DoseTimeInput {
            label: crate::views::words::capitalised(&label),
            dose_mg: Some(amount.mg_text()),
        });
    }
    if times.is_empty() || sum != u64::from(dose.0) {
        return whole_day();
    }
    times
}

/// The form's starting values: each active medication with its latest step.
pub fn plan_form(j: &Journal, today: NaiveDate) -> Answer<PlanFormView> {
    let steps = j.dose_steps()?;
    let mut medications = Vec::new();
    for m in j.medications()?.into_iter().filter(|m| m.active) {
        let Some(latest) = steps
            .iter()
            .filter(|s| s.medication_id == m.id && s.date <= today)
            .max_by_key(|s| s.date)
        else {
            continue;
        };
        if latest.dose.0 == 0 {
            continue;
        }
        medications.push(PlanMedication {
            id: m.id,
            name: m.display_name(),
            form: m.form.key(),
            strength_mg: m.strength.map(|s| s.mg_text()),
            times: times_from_split(latest.split.as_deref(), latest.dose),
            start: (latest.date + chrono::Duration::days(DEFAULT_EVERY_DAYS))
                .max(today)
                .format("%Y-%m-%d")
                .to_string(),
        });
    }
    Ok(PlanFormView {
        medications,
        notice: crate::views::plan::PROPOSAL_NOTICE,
        quarters_note: "Quarters are less precise than halves: a quartered tablet can crumble or break unevenly.",
        percent: DEFAULT_PERCENT,
        every_days: DEFAULT_EVERY_DAYS,
        saved: saved(j, today)?,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TabletInput {
    #[serde(deserialize_with = "text_or_number")]
    strength_mg: Option<String>,
    #[serde(default)]
    scored: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanInput {
    medication_id: i64,
    times: Vec<DoseTimeInput>,
    /// "tablets" or "liquid".
    form: String,
    #[serde(default)]
    tablets: Vec<TabletInput>,
    #[serde(default)]
    quarters: bool,
    #[serde(default, deserialize_with = "text_or_number")]
    concentration_mg_per_ml: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    smallest_ml: Option<String>,
    #[serde(deserialize_with = "text_or_number")]
    percent: Option<String>,
    #[serde(deserialize_with = "text_or_number")]
    every_days: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    end_mg: Option<String>,
    start: String,
}

fn whole_in(
    field: &str,
    text: Option<&str>,
    range: std::ops::RangeInclusive<i64>,
    message: &str,
) -> Result<i64, ValidationError> {
    text.and_then(|t| t.trim().trim_end_matches('%').trim().parse::<i64>().ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| ValidationError::new(field, message))
}

/// An amount in mL with at most two decimals, in hundredths.
fn hundredths_ml(field: &str, text: Option<&str>) -> Result<u32, ValidationError> {
    let bad = || {
        ValidationError::new(
            field,
            "Smallest amount you can measure: a number of mL above 0 and up to 10, such as 0.1.",
        )
    };
    let thousandths = Micrograms::parse_mg(field, "Smallest amount", text.unwrap_or("0"))
        .map_err(|_| bad())?
        .0;
    if thousandths == 0 || thousandths > 10_000 {
        return Err(bad());
    }
    if thousandths % 10 != 0 {
        return Err(ValidationError::new(
            field,
            "Smallest amount you can measure: at most two decimals, such as 0.05 mL.",
        ));
    }
    Ok(thousandths / 10)
}

fn units(input: &PlanInput) -> Result<Units, ValidationError> {
    match input.form.as_str() {
        "tablets" => {
            if input.tablets.is_empty() || input.tablets.len() > MAX_STRENGTHS {
                return Err(ValidationError::new(
                    "tablets.0.strength_mg",
                    format!("Tablets: give 1 to {MAX_STRENGTHS} strengths."),
                ));
            }
            let mut tablets = Vec::new();
            for (i, t) in input.tablets.iter().enumerate() {
                let field = format!("tablets.{i}.strength_mg");
                let strength = Micrograms::parse_mg(
                    &field,
                    "Tablet strength",
                    non_blank(&t.strength_mg).unwrap_or(""),
                )?;
                if strength.0 == 0 || strength.0 > 100_000 {
                    return Err(ValidationError::new(
                        &field,
                        "Tablet strength: a number of mg above 0 and up to 100, such as 0.5.",
                    ));
                }
                tablets.push(Tablet {
                    strength,
                    scored: t.scored,
                });
            }
            Ok(Units::Tablets {
                tablets,
                quarters: input.quarters,
            })
        }
        "liquid" => {
            let field = "concentration_mg_per_ml";
            let bad = || {
                ValidationError::new(
                    field,
                    format!("Concentration: a number of mg per mL above 0 and up to {MAX_MG_PER_ML}, such as 1 (for 1 mg/mL)."),
                )
            };
            let per_ml = Micrograms::parse_mg(
                field,
                "Concentration",
                non_blank(&input.concentration_mg_per_ml).unwrap_or(""),
            )
            .map_err(|_| bad())?;
            if per_ml.0 == 0 || per_ml.0 > MAX_MG_PER_ML * 1000 {
                return Err(bad());
            }
            Ok(Units::Liquid {
                micrograms_per_ml: per_ml.0,
                smallest_hundredths_ml: hundredths_ml(
                    "smallest_ml",
                    non_blank(&input.smallest_ml),
                )?,
            })
        }
        _ => Err(ValidationError::new(
            "form",
            "Made from: choose tablets or a liquid.",
        )),
    }
}

/// The proposal the form asks for, checked, with the medication's name. Nothing is written.
fn proposal_for(j: &Journal, input: Value, today: NaiveDate) -> Answer<(String, SavedProposal)> {
    let input: PlanInput = parse_input(input)?;
    let medication = j.medication(input.medication_id)?;
    if input.times.is_empty() || input.times.len() > MAX_DOSE_TIMES {
        return Err(ValidationError::new(
            "times.0.dose_mg",
            format!("Current dose: give 1 to {MAX_DOSE_TIMES} times of day."),
        )
        .into());
    }
    let mut times = Vec::new();
    let mut labels = Vec::new();
    for (i, t) in input.times.iter().enumerate() {
        let dose = Micrograms::parse_mg(
            &format!("times.{i}.dose_mg"),
            "Dose",
            non_blank(&t.dose_mg).unwrap_or(""),
        )?;
        let label = t.label.trim();
        if label.is_empty() || label.chars().count() > 40 {
            return Err(ValidationError::new(
                format!("times.{i}.label"),
                "Time of day: a short name such as Morning (up to 40 characters).",
            )
            .into());
        }
        times.push(dose);
        labels.push(label.to_string());
    }
    let daily: u64 = times.iter().map(|m| u64::from(m.0)).sum();
    if daily == 0 {
        return Err(ValidationError::new(
            "times.0.dose_mg",
            "Current dose: 0 mg a day leaves nothing to taper.",
        )
        .into());
    }
    if daily > u64::from(crate::journal::units::MAX_DAILY_DOSE_MG) * 1000 {
        return Err(ValidationError::new(
            "times.0.dose_mg",
            format!(
                "Current dose: at most {} mg a day.",
                crate::journal::units::MAX_DAILY_DOSE_MG
            ),
        )
        .into());
    }
    let units = units(&input)?;
    let (lo, hi) = (*PERCENT_RANGE.start(), *PERCENT_RANGE.end());
    let percent = whole_in(
        "percent",
        non_blank(&input.percent),
        i64::from(lo)..=i64::from(hi),
        &format!("Pace: a whole % from {lo} to {hi}. The guideline suggests generally not more than 25 % within 2 weeks."),
    )? as u32;
    let (lo, hi) = (*INTERVAL_DAYS_RANGE.start(), *INTERVAL_DAYS_RANGE.end());
    let every_days = whole_in(
        "every_days",
        non_blank(&input.every_days),
        INTERVAL_DAYS_RANGE,
        &format!("Every: a whole number of days from {lo} to {hi}. The guideline's usual interval is every 2–4 weeks."),
    )?;
    let end = match non_blank(&input.end_mg) {
        None => Micrograms::ZERO,
        Some(t) => Micrograms::parse_mg("end_mg", "End dose", t)?,
    };
    if u64::from(end.0) >= daily {
        return Err(ValidationError::new(
            "end_mg",
            format!(
                "End dose: below the current {} mg a day, or empty for zero.",
                Micrograms(u32::try_from(daily).unwrap_or(u32::MAX)).mg_text()
            ),
        )
        .into());
    }
    let start = parse_date("start", &input.start)?;
    if start < today {
        return Err(ValidationError::new("start", "First step: today or a later date.").into());
    }
    let steps = j.dose_steps()?;
    let own: Vec<_> = steps
        .iter()
        .filter(|s| s.medication_id == medication.id)
        .collect();
    let current_since = own
        .iter()
        .filter(|s| s.date <= today)
        .map(|s| s.date)
        .max()
        .unwrap_or(today);
    let highest = own
        .iter()
        .map(|s| u64::from(s.dose.0))
        .max()
        .unwrap_or(0)
        .max(daily);
    let factor = equivalence::stop_factor(&medication);
    let request = PlanRequest {
        times,
        current_since,
        start,
        units,
        percent,
        every_days,
        end,
    };
    let proposal = plan::propose(&request, |from| {
        equivalence::stop_is_abrupt(from, factor, highest)
    })
    .map_err(|p| problem_text(p, percent, every_days))?;
    Ok((
        medication.display_name(),
        SavedProposal {
            id: 0,
            medication_id: medication.id,
            made_on: today,
            shown: false,
            labels,
            request,
            proposal,
        },
    ))
}

/// A proposal from the form, to look at. Nothing is written.
pub fn propose_plan(j: &Journal, input: Value, today: NaiveDate) -> Answer<PlanView> {
    let (name, p) = proposal_for(j, input, today)?;
    Ok(saved_plan_view(&p, &name, today).plan)
}

/// What a change to the kept proposals said, and the kept proposals after it.
#[derive(Debug, Serialize, PartialEq)]
pub struct KeptPlans {
    pub message: String,
    pub saved: Vec<SavedPlanView>,
}

fn kept(j: &Journal, message: String, today: NaiveDate) -> Answer<KeptPlans> {
    Ok(KeptPlans {
        message,
        saved: saved(j, today)?,
    })
}

const KEPT: &str =
    "Proposal kept. It is shown on the dose chart (Trends) and on the visit summary.";
const SHOWN: &str = "Shown on the visit summary, and on the dose chart (Trends) for its steps in the next 4 months.";
const NONE_SHOWN: &str = "No proposal is shown on the dose chart or the visit summary now.";

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

/// The kept proposals, the newest first.
fn saved(j: &Journal, today: NaiveDate) -> Answer<Vec<SavedPlanView>> {
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

fn problem_text(p: PlanProblem, percent: u32, every_days: i64) -> ValidationError {
    match p {
        PlanProblem::TooManySteps => ValidationError::new(
            "percent",
            format!("Pace: at {percent} % every {every_days} days the proposal would need more than {MAX_STEPS} steps. A larger % or an end dose above zero gives a shorter one to discuss."),
        ),
        PlanProblem::LiquidNotWholeMicrograms { hundredths_of_microgram } => ValidationError::new(
            "smallest_ml",
            format!(
                "Smallest amount you can measure: that much of this liquid holds {}.{:02} micrograms, not a whole number; an amount such as 0.2 mL gives whole micrograms.",
                hundredths_of_microgram / 100,
                hundredths_of_microgram % 100
            ),
        ),
        PlanProblem::UnitsTooFine => ValidationError::new(
            "smallest_ml",
            "These units are very fine for a dose this size: a larger smallest amount or tablet strength is needed to plan with.",
        ),
        PlanProblem::NoUnits => ValidationError::new(
            "tablets.0.strength_mg",
            "Tablets: give at least one strength above 0 mg.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_in_words_gives_the_times_of_day() {
        let t = times_from_split(Some("0.25 mg morning, 0.5mg night"), Micrograms(750));
        assert_eq!(
            t,
            [
                DoseTimeInput {
                    label: "Morning".into(),
                    dose_mg: Some("0.25".into())
                },
                DoseTimeInput {
                    label: "Night".into(),
                    dose_mg: Some("0.5".into())
                }
            ]
        );
        // Not adding up, or not in that shape: the whole day.
        for split in [Some("0.25 mg morning"), Some("half in the morning"), None] {
            let t = times_from_split(split, Micrograms(750));
            assert_eq!(t.len(), 1, "{split:?}");
            assert_eq!(t[0].dose_mg.as_deref(), Some("0.75"));
        }
    }
}
