//! The summary's medication section: every medication taken in the period with its dose
//! (adjuncts too, never converted), and the total reduction so far.

use super::*;

/// One active benzodiazepine or z-drug and its current dose.
#[derive(Debug, Serialize)]
pub struct MedicationLine {
    /// "Clonazepam (Klonopin)".
    pub name: String,
    /// "1.35 mg a day since 15 Oct 2026 (24 days at this dose)".
    pub dose: String,
    /// "≈ 27 mg diazepam-equivalent (2025 joint guideline table, approximate)", or why not;
    /// empty after a stop.
    pub equivalent: String,
}

pub(super) fn total_reduction_text(r: TotalReduction, data: &PeriodData) -> String {
    let amount = |m: Micrograms| {
        if r.diazepam_equivalent {
            format!("{} mg diazepam-equivalent", m.mg_rounded_text())
        } else {
            format!("{} mg", m.mg_text())
        }
    };
    let tenths = r.tenths_percent();
    let change = if r.to <= r.from {
        format!(
            "{} less ({})",
            amount(Micrograms(r.from.0 - r.to.0)),
            share_text(tenths.unsigned_abs())
        )
    } else {
        format!(
            "{} more ({})",
            amount(Micrograms(r.to.0 - r.from.0)),
            percent_text(-tenths)
        )
    };
    let source = if r.diazepam_equivalent {
        format!(
            " All benzodiazepines together, {}, approximate.",
            data.table.label()
        )
    } else {
        String::new()
    };
    format!(
        "Total reduction since the first logged dose ({} on {}): {} → {}, {change}.{source}",
        amount(r.from),
        short_date(r.from_date),
        amount(r.from),
        amount(r.to),
    )
}

/// Whether the summary lists a medication: one shown on Today, or one taken (or stopped)
/// in the period even if it has since been hidden from Today.
pub(super) fn listed(data: &PeriodData, m: &Medication) -> bool {
    m.active
        || dose_in_effect(&data.steps, m.id, data.period.start).is_some_and(|d| d.0 > 0)
        || data
            .steps
            .iter()
            .any(|s| s.medication_id == m.id && data.period.contains(s.date))
}

pub(super) fn medication_lines(data: &PeriodData, today: NaiveDate) -> Vec<MedicationLine> {
    // Every medication taken, adjuncts too (gabapentin, an SSRI): listed with their dose,
    // never converted. Benzodiazepines and z-drugs first, as the taper is about them.
    let mut meds: Vec<&Medication> = data
        .medications
        .iter()
        .filter(|m| listed(data, m))
        .collect();
    meds.sort_by_key(|m| !m.class.is_converted());
    meds.into_iter()
        .filter_map(|m| {
            let (dose, since) = dose_held_since(&data.steps, m.id, today)?;
            let days = (today - since).num_days();
            let dose_text = if dose == Micrograms::ZERO {
                format!("stopped on {} ({} ago)", short_date(since), days_text(days))
            } else if !m.class.is_converted() {
                // Its steps are not in the step table: the dose before is said here.
                let before = data
                    .steps
                    .iter()
                    .filter(|s| s.medication_id == m.id && s.date < since)
                    .max_by_key(|s| (s.date, s.id))
                    .map(|s| format!("from {} mg; ", s.dose.mg_text()))
                    .unwrap_or_default();
                format!(
                    "{} mg a day since {} ({before}{} at this dose)",
                    dose.mg_text(),
                    short_date(since),
                    days_text(days)
                )
            } else {
                format!(
                    "{} mg a day since {} ({} at this dose)",
                    dose.mg_text(),
                    short_date(since),
                    days_text(days)
                )
            };
            let equivalent = match equivalence::factor(m, data.table) {
                _ if dose == Micrograms::ZERO => String::new(),
                _ if !m.class.is_converted() => {
                    "Not converted (not a benzodiazepine or z-drug)".to_string()
                }
                Some(f) => format!(
                    "≈ {} mg diazepam-equivalent ({}, approximate)",
                    equivalence::diazepam_equivalent(dose, f).mg_rounded_text(),
                    f.source_label()
                ),
                None => format!(
                    "Not converted: the {} has no figure for {}",
                    data.table.label(),
                    m.generic
                ),
            };
            Some(MedicationLine {
                name: capitalised(&m.display_name()),
                dose: dose_text,
                equivalent,
            })
        })
        .collect()
}
