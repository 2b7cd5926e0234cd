//! The dose steps screen: each step with its change, days held, equivalents and pace check.

use super::levels::pace_level_label;
use super::urgent_help::{abrupt_stop_closing, chosen_country, Reader};
use super::{days_text, percent_text, share_text, short_date};
use crate::journal::{DoseStep, Medication, Micrograms};
use crate::store::{Journal, Result};
use crate::taper::pace::{
    CEILING_PERCENT, CEILING_WINDOW_DAYS, USUAL_MAX_STEP_PERCENT, USUAL_MIN_DAYS_BETWEEN_STEPS,
};
use crate::taper::{
    analyse_steps, check_planned, EquivalenceTable, PaceFinding, PaceLevel, StepFacts, StepKind,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Serialize)]
pub struct PaceNote {
    pub level: PaceLevel,
    /// The word for the level ("Note", "Warning", "Important"), as points say it.
    pub level_label: &'static str,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Serialize)]
pub struct StepRow {
    pub id: i64,
    pub medication_id: i64,
    pub medication: String,
    pub date: String,
    pub date_label: String,
    pub dose_mg: String,
    pub dose_label: String,
    pub equivalent_label: String,
    pub kind: StepKind,
    pub kind_label: &'static str,
    pub change_label: String,
    pub days_held_label: String,
    pub total_label: String,
    /// "Within the usual pace", "Not pace-checked (…)", or empty for a starting dose.
    pub pace_summary: String,
    pub pace: Vec<PaceNote>,
    pub split: String,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct PlannedRow {
    pub id: i64,
    pub medication_id: i64,
    pub medication: String,
    pub date: String,
    pub date_label: String,
    pub dose_mg: String,
    pub dose_label: String,
    pub agreed_at: String,
    pub note: String,
    /// The same pace check as a logged step's: "Within the usual pace", or the findings.
    pub pace_summary: String,
    pub pace: Vec<PaceNote>,
}

#[derive(Debug, Serialize)]
pub struct StepsView {
    pub table_label: &'static str,
    pub guideline_note: String,
    /// Newest first.
    pub steps: Vec<StepRow>,
    /// Soonest first.
    pub planned: Vec<PlannedRow>,
}

/// "An 11.1 %", "A 25 %": the article as the number is read aloud.
fn article(tenths: u64) -> &'static str {
    let whole = tenths / 10;
    let spoken_with_vowel = whole == 8 || whole == 11 || whole == 18 || (80..90).contains(&whole);
    if spoken_with_vowel {
        "An"
    } else {
        "A"
    }
}

/// A pace finding in words. `combined`: the table when the finding is about the
/// diazepam-equivalent total of several medications (rounded for reading, named with its
/// table and as approximate, like every converted figure); `None` for the medication's own
/// mg, shown exactly.
pub(crate) fn pace_note(
    f: &PaceFinding,
    combined: Option<EquivalenceTable>,
    step_date: NaiveDate,
    reader: Reader,
) -> PaceNote {
    let amount = |m: &Micrograms| match combined {
        Some(table) => format!(
            "≈ {} mg diazepam-equivalent ({}, approximate)",
            m.mg_rounded_text(),
            table.label()
        ),
        None => format!("{} mg", m.mg_text()),
    };
    let (title, detail) = match f {
        PaceFinding::LargerThanUsualStep { reduction_tenths_percent } => (
            "Faster than the usual initial pace".to_string(),
            format!(
                "{} {} reduction in one step; the guideline's usual initial steps are 5–{USUAL_MAX_STEP_PERCENT} %.",
                article(*reduction_tenths_percent),
                share_text(*reduction_tenths_percent)
            ),
        ),
        PaceFinding::SoonerThanUsual { days } => (
            "Faster than the usual initial pace".to_string(),
            format!(
                "{} after the previous step; the guideline's usual interval is every 2–4 weeks ({USUAL_MIN_DAYS_BETWEEN_STEPS} days or more).",
                days_text(*days)
            ),
        ),
        PaceFinding::OverCeiling { reduction_tenths_percent, from, from_date } => (
            "Faster than the guideline's ceiling".to_string(),
            format!(
                "{} less than the {} held on {} (within {CEILING_WINDOW_DAYS} days). The guideline suggests generally not more than {CEILING_PERCENT} % within 2 weeks. This may be worth discussing with your prescriber.",
                share_text(*reduction_tenths_percent),
                amount(from),
                short_date(*from_date)
            ),
        ),
        PaceFinding::AbruptStop { from } => (
            "Abrupt discontinuation".to_string(),
            format!(
                "From {} to 0 in one step. Stopping this kind of medication suddenly can cause severe withdrawal, including seizures.{}",
                amount(from),
                abrupt_stop_closing(reader, step_date)
            ),
        ),
    };
    PaceNote {
        level: f.level(),
        level_label: pace_level_label(f.level()),
        title,
        detail,
    }
}

pub(crate) fn step_row(
    f: &StepFacts,
    step: Option<&DoseStep>,
    meds: &HashMap<i64, &Medication>,
    table: EquivalenceTable,
    reader: Reader,
) -> StepRow {
    let medication = meds
        .get(&f.medication_id)
        .map(|m| m.display_name())
        .unwrap_or_default();
    let pace: Vec<PaceNote> = {
        let mut v: Vec<PaceNote> = f
            .pace
            .iter()
            .map(|p| pace_note(p, f.total.is_some().then_some(table), f.date, reader))
            .collect();
        v.sort_by_key(|n| std::cmp::Reverse(n.level));
        v
    };
    // What the pace check looked at went down: the combined total in a crossover,
    // otherwise the medication's own dose.
    let own_cut = matches!(f.kind, StepKind::Reduction | StepKind::Stop);
    // A crossover's total that went down is checked on the step that lowered it; a start or
    // an increase the same day carries none of its findings (one finding per event).
    let total_checked_elsewhere = f.total.as_ref().is_some_and(|t| t.after < t.before) && !own_cut;
    let reduced = match &f.total {
        Some(t) => t.after < t.before && own_cut,
        None => own_cut,
    };
    let to_zero = match &f.total {
        Some(t) => t.after == Micrograms::ZERO,
        None => f.kind == StepKind::Stop,
    };
    let pace_summary = if !f.pace_checked {
        "Not pace-checked (not a benzodiazepine or z-drug)"
    } else if total_checked_elsewhere {
        "The total's pace is checked on the reduction of the same day"
    } else if !reduced || !pace.is_empty() {
        ""
    } else if to_zero {
        "Final step to 0 from a low dose"
    } else {
        "Within the usual pace"
    }
    .to_string();
    let custom_factors = meds
        .values()
        .any(|m| m.class.is_converted() && m.custom_factor.is_some());
    StepRow {
        id: f.step_id,
        medication_id: f.medication_id,
        medication,
        date: f.date.format("%Y-%m-%d").to_string(),
        date_label: short_date(f.date),
        dose_mg: f.dose.mg_text(),
        dose_label: format!("{} mg", f.dose.mg_text()),
        equivalent_label: f
            .equivalent
            .map(|(de, factor)| format!("≈ {} mg diazepam-equivalent ({}, approximate)", de.mg_rounded_text(), factor.source_label()))
            .unwrap_or_default(),
        kind: f.kind,
        kind_label: f.kind.label(),
        change_label: match (f.change_tenths_percent, f.previous_dose) {
            (Some(c), Some(p)) => format!("{} from {} mg", percent_text(c), p.mg_text()),
            (None, Some(p)) if p == Micrograms::ZERO => "from 0 mg".to_string(),
            _ => String::new(),
        },
        days_held_label: match (f.days_held, f.previous_dose) {
            (Some(d), Some(p)) => format!("{} at {} mg", days_text(d), p.mg_text()),
            _ => String::new(),
        },
        total_label: f
            .total
            .as_ref()
            .map(|t| {
                let change = t.change_tenths_percent.map(|c| format!(" ({})", percent_text(c))).unwrap_or_default();
                let source = if custom_factors {
                    format!("{}, or your prescriber's factor where one is set", table.label())
                } else {
                    table.label().to_string()
                };
                let excluded: Vec<String> = t
                    .excluded
                    .iter()
                    .filter_map(|id| meds.get(id).map(|m| m.display_name()))
                    .collect();
                let excluded = if excluded.is_empty() {
                    String::new()
                } else {
                    format!(" Not counted: {} (no figure in the {}).", excluded.join(", "), table.label())
                };
                format!(
                    "All benzodiazepines and z-drugs together: {} → {} mg diazepam-equivalent{change} ({source}; approximate).{excluded}",
                    t.before.mg_rounded_text(),
                    t.after.mg_rounded_text(),
                )
            })
            .unwrap_or_default(),
        pace_summary,
        pace,
        split: step.and_then(|s| s.split.clone()).unwrap_or_default(),
        note: step.and_then(|s| s.note.clone()).unwrap_or_default(),
    }
}

pub fn steps_view(journal: &Journal, today: NaiveDate) -> Result<StepsView> {
    let reader = Reader::Patient {
        today,
        country: chosen_country(journal)?,
    };
    let table = journal
        .settings()?
        .map_or(EquivalenceTable::Joint2025, |s| s.equivalence_table);
    let medications = journal.medications()?;
    let meds: HashMap<i64, &Medication> = medications.iter().map(|m| (m.id, m)).collect();
    let steps = journal.dose_steps()?;
    let by_id: HashMap<i64, &DoseStep> = steps.iter().map(|s| (s.id, s)).collect();
    let mut rows: Vec<StepRow> = analyse_steps(&medications, &steps, table)
        .iter()
        .map(|f| step_row(f, by_id.get(&f.step_id).copied(), &meds, table, reader))
        .collect();
    rows.reverse();
    let planned_steps = journal.planned_steps()?;
    let planned_pace = check_planned(&medications, &steps, &planned_steps);
    let planned = planned_steps
        .into_iter()
        .map(|p| {
            let checked = planned_pace.get(&p.id);
            let mut pace: Vec<PaceNote> = checked
                .into_iter()
                .flat_map(|c| &c.findings)
                .map(|f| pace_note(f, None, p.date, Reader::Clinician))
                .collect();
            pace.sort_by_key(|n| std::cmp::Reverse(n.level));
            let converted = meds
                .get(&p.medication_id)
                .is_some_and(|m| m.class.is_converted());
            let pace_summary = match checked {
                _ if !converted => "Not pace-checked (not a benzodiazepine or z-drug)",
                None => "Not pace-checked (dated on or before the last logged step)",
                Some(c) if c.crossover => {
                    "Not pace-checked on its own: taken with another benzodiazepine, the total's pace is checked once the steps are logged"
                }
                Some(c) if c.reduction && c.findings.is_empty() && p.dose == Micrograms::ZERO => {
                    "Final step to 0 from a low dose"
                }
                Some(c) if c.reduction && c.findings.is_empty() => "Within the usual pace",
                Some(_) => "",
            }
            .to_string();
            (p, pace, pace_summary)
        })
        .map(|(p, pace, pace_summary)| PlannedRow {
            id: p.id,
            medication_id: p.medication_id,
            medication: meds
                .get(&p.medication_id)
                .map(|m| m.display_name())
                .unwrap_or_default(),
            date: p.date.format("%Y-%m-%d").to_string(),
            date_label: short_date(p.date),
            dose_mg: p.dose.mg_text(),
            dose_label: format!("{} mg", p.dose.mg_text()),
            agreed_at: p.agreed_at.unwrap_or_default(),
            note: p.note.unwrap_or_default(),
            pace_summary,
            pace,
        })
        .collect();
    Ok(StepsView {
        table_label: table.label(),
        guideline_note: format!(
            "Pace check: the 2025 joint guideline's usual initial pace is 5–{USUAL_MAX_STEP_PERCENT} % every 2–4 weeks, generally not more than {CEILING_PERCENT} % within 2 weeks. It is information for you and your prescriber, not an instruction."
        ),
        steps: rows,
        planned,
    })
}
