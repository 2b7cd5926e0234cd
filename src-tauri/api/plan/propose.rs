//! A proposal from what the person typed on the Plan form: the form read and checked into a
//! plan request, the proposal computed, and why a request cannot be planned, in words.

use crate::api::Answer;
use crate::journal::input::{non_blank, parse_date, parse_input, text_or_number, ValidationError};
use crate::journal::Micrograms;
use crate::store::Journal;
use crate::taper::equivalence;
use crate::taper::plan::SavedProposal;
use crate::taper::plan::{
    self, PlanProblem, PlanRequest, Tablet, Units, INTERVAL_DAYS_RANGE, MAX_STEPS, PERCENT_RANGE,
};
use crate::views::plan::{saved_plan_view, PlanView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
pub(super) fn proposal_for(
    j: &Journal,
    input: Value,
    today: NaiveDate,
) -> Answer<(String, SavedProposal)> {
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
