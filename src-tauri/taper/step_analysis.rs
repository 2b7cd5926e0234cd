//! Per-step facts: kind, % change from the previous dose, days held at it, the diazepam
//! equivalent, and the pace check, in diazepam equivalents when several benzodiazepines
//! are taken at once (a crossover), otherwise in mg of the medication itself.

use super::equivalence::{self, EquivalenceTable, Factor};
use super::pace::{self, PaceFinding, SeriesPoint};
use crate::journal::{DoseStep, Medication, Micrograms, PlannedStep};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a step did, derived from the previous dose of the same medication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The first dose logged for the medication.
    Start,
    Reduction,
    /// The same dose logged again.
    Hold,
    Increase,
    /// Back on the medication after a stop.
    Reinstatement,
    Stop,
}

impl StepKind {
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Start => "Starting dose",
            StepKind::Reduction => "Reduction",
            StepKind::Hold => "Hold",
            StepKind::Increase => "Increase",
            StepKind::Reinstatement => "Reinstatement",
            StepKind::Stop => "Stop",
        }
    }
}

/// The change in the combined diazepam-equivalent total on a step's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalChange {
    pub before: Micrograms,
    pub after: Micrograms,
    pub change_tenths_percent: Option<i64>,
    /// Medications taken in the window that the chosen table cannot convert (not counted).
    pub excluded: Vec<i64>,
}

/// Everything the journal derives about one dose step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepFacts {
    pub step_id: i64,
    pub medication_id: i64,
    pub date: NaiveDate,
    pub dose: Micrograms,
    pub kind: StepKind,
    pub previous_dose: Option<Micrograms>,
    /// Signed change from the previous dose, tenths of a percent (-111 = -11.1 %).
    pub change_tenths_percent: Option<i64>,
    /// Days the previous dose was held before this step.
    pub days_held: Option<i64>,
    /// This step's dose in diazepam equivalents, and where the factor came from.
    pub equivalent: Option<(Micrograms, Factor)>,
    /// Present when two or more benzodiazepines were taken around this date.
    pub total: Option<TotalChange>,
    /// False for medications that are not benzodiazepines or z-drugs.
    pub pace_checked: bool,
    pub pace: Vec<PaceFinding>,
}

/// The step of one medication in effect on `day` (the latest step on or before it).
pub fn step_in_effect(steps: &[DoseStep], medication_id: i64, day: NaiveDate) -> Option<&DoseStep> {
    steps
        .iter()
        .filter(|s| s.medication_id == medication_id && s.date <= day)
        .max_by_key(|s| (s.date, s.id))
}

/// The dose of one medication in effect on `day`.
pub fn dose_in_effect(
    steps: &[DoseStep],
    medication_id: i64,
    day: NaiveDate,
) -> Option<Micrograms> {
    step_in_effect(steps, medication_id, day).map(|s| s.dose)
}

/// The dose in effect on `day` and the first day it was taken (a logged hold of the same
/// dose does not move that day).
pub fn dose_held_since(
    steps: &[DoseStep],
    medication_id: i64,
    day: NaiveDate,
) -> Option<(Micrograms, NaiveDate)> {
    let current = step_in_effect(steps, medication_id, day)?;
    let mut own: Vec<&DoseStep> = steps
        .iter()
        .filter(|s| s.medication_id == medication_id && s.date <= day)
        .collect();
    own.sort_by_key(|s| (s.date, s.id));
    let since = own
        .iter()
        .rev()
        .take_while(|s| s.dose == current.dose)
        .last()
        .map_or(current.date, |s| s.date);
    Some((current.dose, since))
}

/// Analyses every step, oldest first.
pub fn analyse_steps(
    medications: &[Medication],
    steps: &[DoseStep],
    table: EquivalenceTable,
) -> Vec<StepFacts> {
    let mut sorted: Vec<&DoseStep> = steps.iter().collect();
    sorted.sort_by_key(|s| (s.date, s.id));
    let factors: BTreeMap<i64, Option<Factor>> = medications
        .iter()
        .map(|m| (m.id, equivalence::factor(m, table)))
        .collect();
    let converted: BTreeSet<i64> = medications
        .iter()
        .filter(|m| m.class.is_converted())
        .map(|m| m.id)
        .collect();
    let convertible: BTreeSet<i64> = converted
        .iter()
        .copied()
        .filter(|id| factors.get(id).copied().flatten().is_some())
        .collect();
    // Whether a stop is abrupt is judged in the guideline's own column, whatever the table
    // (equivalence::stop_factor); a crossover's total likewise.
    let stop_factors: BTreeMap<i64, Option<Factor>> = medications
        .iter()
        .map(|m| (m.id, equivalence::stop_factor(m)))
        .collect();
    let owned: Vec<DoseStep> = sorted.iter().map(|s| (*s).clone()).collect();
    let total_series = combined_series(&owned, &convertible, &factors);
    let stop_series = combined_series(&owned, &convertible, &stop_factors);

    let mut facts = Vec::with_capacity(sorted.len());
    for (i, step) in sorted.iter().enumerate() {
        let earlier: Vec<&&DoseStep> = sorted[..i]
            .iter()
            .filter(|s| s.medication_id == step.medication_id)
            .collect();
        let previous = earlier.last().map(|s| **s);
        // A hold logged in between does not restart the clock: the previous dose has been
        // held since the first step of its run of equal doses.
        let held_since = previous.map(|p| {
            earlier
                .iter()
                .rev()
                .take_while(|s| s.dose == p.dose)
                .last()
                .map_or(p.date, |s| s.date)
        });
        let factor = factors.get(&step.medication_id).copied().flatten();
        let kind = match previous {
            None => StepKind::Start,
            Some(p) if step.dose == p.dose => StepKind::Hold,
            Some(p) if p.dose == Micrograms::ZERO => StepKind::Reinstatement,
            Some(_) if step.dose == Micrograms::ZERO => StepKind::Stop,
            Some(p) if step.dose < p.dose => StepKind::Reduction,
            Some(_) => StepKind::Increase,
        };
        let change =
            previous.and_then(|p| signed_change_tenths(p.dose.0.into(), step.dose.0.into()));
        let pace_checked = converted.contains(&step.medication_id);

        // Several benzodiazepines or z-drugs taken within the ceiling window (a crossover):
        // the pace is that of their diazepam-equivalent total, not of one medication.
        let taken_in_window = |ids: &BTreeSet<i64>| -> Vec<i64> {
            ids.iter()
                .copied()
                .filter(|id| {
                    taken_between(
                        &owned,
                        *id,
                        step.date - Duration::days(pace::CEILING_WINDOW_DAYS),
                        step.date,
                    )
                })
                .collect()
        };
        let combined = pace_checked && factor.is_some() && taken_in_window(&convertible).len() >= 2;
        let (total, pace) = if combined {
            let before = pace::amount_on(&total_series, step.date - Duration::days(1)).unwrap_or(0);
            let after = pace::amount_on(&total_series, step.date).unwrap_or(0);
            let excluded = taken_in_window(&converted)
                .into_iter()
                .filter(|id| !convertible.contains(id))
                .collect();
            let total = TotalChange {
                before: Micrograms(amount_u32(before)),
                after: Micrograms(amount_u32(after)),
                change_tenths_percent: signed_change_tenths(before, after),
                excluded,
            };
            // The total's findings belong to the steps that lowered it: a diazepam start or
            // increase on the same day does not repeat them.
            let lowered = matches!(kind, StepKind::Reduction | StepKind::Stop);
            let pace = total_series
                .iter()
                .position(|p| p.date == step.date)
                .filter(|_| lowered)
                .map(|i| {
                    pace::check_reduction_dated(&total_series, i, |held_on, _| {
                        pace::amount_on(&stop_series, held_on).unwrap_or(0)
                            > u64::from(pace::ABRUPT_STOP_ABOVE_DIAZEPAM_EQ.0)
                    })
                })
                .unwrap_or_default();
            (Some(total), pace)
        } else if pace_checked {
            let own: Vec<SeriesPoint> = medication_series(&sorted, step.medication_id);
            let index = own.iter().position(|p| p.date == step.date);
            let highest = own.iter().map(|p| p.amount).max().unwrap_or(0);
            let stop_factor = stop_factors.get(&step.medication_id).copied().flatten();
            let abrupt = |from: u64| equivalence::stop_is_abrupt(from, stop_factor, highest);
            (
                None,
                index
                    .map(|i| pace::check_reduction(&own, i, abrupt))
                    .unwrap_or_default(),
            )
        } else {
            (None, Vec::new())
        };
        facts.push(StepFacts {
            step_id: step.id,
            medication_id: step.medication_id,
            date: step.date,
            dose: step.dose,
            kind,
            previous_dose: previous.map(|p| p.dose),
            change_tenths_percent: change,
            days_held: held_since.map(|since| (step.date - since).num_days()),
            equivalent: factor.map(|f| (equivalence::diazepam_equivalent(step.dose, f), f)),
            total,
            pace_checked,
            pace,
        });
    }
    facts
}

/// A planned step's pace check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPace {
    /// Lower than the dose it follows (logged or planned).
    pub reduction: bool,
    /// Another benzodiazepine or z-drug is taken (or planned) within the ceiling window:
    /// the pace is that of their total, checked once the steps are logged; not here.
    pub crossover: bool,
    pub findings: Vec<PaceFinding>,
}

/// The pace check of each planned step (by id), read as the next step after its
/// medication's logged steps and the planned steps before it, with the same rule as logged
/// steps: a plan agreed at a visit shows whether it keeps to the guideline. Planned steps
/// dated on or before the last logged step of their medication are overtaken and left out;
/// so are medications that are not benzodiazepines or z-drugs. (A crossover's planned
/// total is not checked: each medication's own plan is.)
pub fn check_planned(
    medications: &[Medication],
    steps: &[DoseStep],
    planned: &[PlannedStep],
) -> BTreeMap<i64, PlannedPace> {
    let mut out = BTreeMap::new();
    let mut sorted: Vec<&DoseStep> = steps.iter().collect();
    sorted.sort_by_key(|s| (s.date, s.id));
    let converted: Vec<i64> = medications
        .iter()
        .filter(|m| m.class.is_converted())
        .map(|m| m.id)
        .collect();
    // Another converted medication above zero in the 14 days up to `day`, logged or planned.
    let others_taken = |id: i64, day: NaiveDate| {
        let from = day - Duration::days(pace::CEILING_WINDOW_DAYS);
        converted.iter().filter(|o| **o != id).any(|o| {
            taken_between(steps, *o, from, day)
                || planned.iter().any(|p| {
                    p.medication_id == *o && p.date > from && p.date <= day && p.dose.0 > 0
                })
        })
    };
    for m in medications.iter().filter(|m| m.class.is_converted()) {
        let mut series = medication_series(&sorted, m.id);
        let last_logged = sorted
            .iter()
            .filter(|s| s.medication_id == m.id)
            .map(|s| s.date)
            .max();
        let mut ahead: Vec<&PlannedStep> = planned
            .iter()
            .filter(|p| p.medication_id == m.id && last_logged.is_none_or(|d| p.date > d))
            .collect();
        ahead.sort_by_key(|p| (p.date, p.id));
        let highest = series
            .iter()
            .map(|p| p.amount)
            .chain(ahead.iter().map(|p| u64::from(p.dose.0)))
            .max()
            .unwrap_or(0);
        let stop_factor = equivalence::stop_factor(m);
        for p in ahead {
            let before = series.last().map(|s| s.amount);
            push_change(&mut series, p.date, p.dose.0.into());
            let crossover = others_taken(m.id, p.date);
            let findings = series
                .iter()
                .position(|s| s.date == p.date && s.amount == u64::from(p.dose.0))
                .map(|i| {
                    pace::check_reduction(&series, i, |from| {
                        equivalence::stop_is_abrupt(from, stop_factor, highest)
                    })
                })
                .filter(|_| !crossover)
                .unwrap_or_default();
            out.insert(
                p.id,
                PlannedPace {
                    reduction: before.is_some_and(|b| u64::from(p.dose.0) < b),
                    crossover,
                    findings,
                },
            );
        }
    }
    out
}

/// Whether the medication had a dose above zero on any day from `from` to `to`.
fn taken_between(steps: &[DoseStep], medication_id: i64, from: NaiveDate, to: NaiveDate) -> bool {
    dose_in_effect(steps, medication_id, from).is_some_and(|d| d.0 > 0)
        || steps.iter().any(|s| {
            s.medication_id == medication_id && s.date > from && s.date <= to && s.dose.0 > 0
        })
}

fn amount_u32(a: u64) -> u32 {
    u32::try_from(a).unwrap_or(u32::MAX)
}

/// (to - from) / from in tenths of a percent, rounded half away from zero; None from zero.
fn signed_change_tenths(from: u64, to: u64) -> Option<i64> {
    if from == 0 {
        return None;
    }
    let from = i128::from(from);
    let diff = i128::from(to) - from;
    let scaled = diff * 1000;
    let rounded = if scaled >= 0 {
        (scaled + from / 2) / from
    } else {
        (scaled - from / 2) / from
    };
    i64::try_from(rounded).ok()
}

/// Adds a point where the amount changes: the last entry of a day wins, and an unchanged
/// amount (a logged hold) adds nothing, so intervals run from the last real change.
fn push_change(series: &mut Vec<SeriesPoint>, date: NaiveDate, amount: u64) {
    if let Some(last) = series.last_mut() {
        if last.date == date {
            last.amount = amount;
            let len = series.len();
            if len >= 2 && series[len - 2].amount == amount {
                series.pop();
            }
            return;
        }
        if last.amount == amount {
            return;
        }
    }
    series.push(SeriesPoint { date, amount });
}

/// One point per change of a medication's dose.
fn medication_series(sorted: &[&DoseStep], medication_id: i64) -> Vec<SeriesPoint> {
    let mut series: Vec<SeriesPoint> = Vec::new();
    for s in sorted.iter().filter(|s| s.medication_id == medication_id) {
        push_change(&mut series, s.date, s.dose.0.into());
    }
    series
}

/// The total diazepam equivalent of the given (convertible) medications, at every change.
fn combined_series(
    steps: &[DoseStep],
    convertible: &BTreeSet<i64>,
    factors: &BTreeMap<i64, Option<Factor>>,
) -> Vec<SeriesPoint> {
    let dates: BTreeSet<NaiveDate> = steps
        .iter()
        .filter(|s| convertible.contains(&s.medication_id))
        .map(|s| s.date)
        .collect();
    let mut series = Vec::new();
    for date in dates {
        let amount = convertible
            .iter()
            .filter_map(|id| {
                let dose = dose_in_effect(steps, *id, date)?;
                let factor = factors.get(id).copied().flatten()?;
                Some(u64::from(equivalence::diazepam_equivalent(dose, factor).0))
            })
            .sum();
        push_change(&mut series, date, amount);
    }
    series
}
