//! The summary's step table: each taper step of the period with its change (and a
//! crossover's total), days held, pace check and the means around it; the steps' own words
//! (split, note) and the days the dose taken differed.

use super::*;

/// The steps of the period with the symptom means around each.
#[derive(Debug, Serialize)]
pub struct StepTable {
    pub headers: [&'static str; 9],
    pub rows: Vec<[String; 9]>,
    /// What the before/after columns mean; or that no step was logged in the period.
    pub note: String,
    /// Each step's split through the day and note, where it has them.
    pub details: Vec<String>,
    /// The days the dose taken differed from the step, with the amounts; empty if none.
    pub differed: String,
}

/// "3.0 of 10 → 5.8 of 10", or a dash where a window has no value.
fn means_cell(m: &MeansAround) -> String {
    let one = |mean: crate::taper::symptom_change::Mean| {
        if mean.count == 0 {
            "–".to_string()
        } else {
            mean_text(m.measure, mean)
        }
    };
    format!("{} → {}", one(m.before), one(m.after))
}

/// The pace check of a step in a few words: the findings' titles, or the steps screen's
/// summary ("Within the usual pace").
fn pace_cell(row: &crate::views::steps::StepRow) -> String {
    let mut titles: Vec<&str> = Vec::new();
    for n in &row.pace {
        if !titles.contains(&n.title.as_str()) {
            titles.push(&n.title);
        }
    }
    if titles.is_empty() {
        row.pace_summary.clone()
    } else {
        titles.join("; ")
    }
}

pub(super) fn step_table(data: &PeriodData, check_ins: &[CheckIn]) -> StepTable {
    let period = data.period;
    let meds: HashMap<i64, &Medication> = data.medications.iter().map(|m| (m.id, m)).collect();
    let by_id: HashMap<i64, &crate::journal::DoseStep> =
        data.steps.iter().map(|s| (s.id, s)).collect();
    // The taper's steps: an adjunct's change is under Medication, with the dose before it.
    let in_period: Vec<&StepFacts> = data
        .facts
        .iter()
        .filter(|f| period.start <= f.date && f.date <= period.end && f.pace_checked)
        .collect();
    let several = in_period
        .iter()
        .any(|f| f.medication_id != in_period[0].medication_id);
    let rows = in_period
        .iter()
        .map(|f| {
            let row = step_row(
                f,
                by_id.get(&f.step_id).copied(),
                &meds,
                data.table,
                Reader::Clinician,
            );
            let (after_days, means) = means_around_step(check_ins, f.date, period.end);
            let dose = if several {
                format!("{} {}", capitalised(&row.medication), row.dose_label)
            } else {
                row.dose_label.clone()
            };
            let mut change = if row.change_label.is_empty() {
                row.kind_label.to_string()
            } else {
                row.change_label.clone()
            };
            // In a crossover the pace is that of the total: it stands beside the drug's own.
            if let Some(t) = &f.total {
                change.push_str(&format!(
                    "; total {} → {} mg DE{}",
                    t.before.mg_rounded_text(),
                    t.after.mg_rounded_text(),
                    t.change_tenths_percent
                        .map(|c| format!(" ({})", percent_text(c)))
                        .unwrap_or_default()
                ));
            }
            let counts = format!(
                "{} / {}{}",
                means[2].before.count,
                means[2].after.count,
                if after_days < crate::taper::symptom_change::AFTER_DAYS {
                    format!(" (step {} ago)", days_text(after_days))
                } else {
                    String::new()
                }
            );
            [
                row.date_label.clone(),
                dose,
                change,
                row.days_held_label.clone(),
                pace_cell(&row),
                counts,
                means_cell(&means[0]),
                means_cell(&means[1]),
                means_cell(&means[2]),
            ]
        })
        .collect::<Vec<_>>();
    let totals = in_period.iter().any(|f| f.total.is_some());
    let note = if rows.is_empty() {
        "No benzodiazepine or z-drug dose step was logged in this period.".to_string()
    } else {
        format!(
            "Anxiety, sleep and symptom score: the mean in the {BASELINE_DAYS} days before each step → the mean in the {} days from the step on (fewer for a recent step). Check-ins: how many there were before / after. Symptom score: the day's sum of severities (0–3 each).{}",
            crate::taper::symptom_change::AFTER_DAYS,
            if totals {
                format!(
                    " Total: all benzodiazepines together in mg diazepam-equivalent (DE), {}, approximate; the pace check is of the total.",
                    data.table.label()
                )
            } else {
                String::new()
            }
        )
    };
    let details = in_period
        .iter()
        .filter_map(|f| {
            let step = by_id.get(&f.step_id)?;
            let mut parts = Vec::new();
            if let Some(split) = step.split.as_deref().filter(|t| !t.trim().is_empty()) {
                parts.push(format!("taken as {split}"));
            }
            if let Some(note) = step.note.as_deref().filter(|t| !t.trim().is_empty()) {
                parts.push(format!("note: “{note}”"));
            }
            if parts.is_empty() {
                return None;
            }
            let name = meds
                .get(&f.medication_id)
                .map(|m| m.display_name())
                .unwrap_or_default();
            Some(format!(
                "{}, {name} {} mg: {}.",
                short_date(f.date),
                f.dose.mg_text(),
                parts.join("; ")
            ))
        })
        .collect();
    StepTable {
        headers: [
            "Date",
            "Dose",
            "Change",
            "Held before",
            "Pace check",
            "Check-ins",
            "Anxiety",
            "Sleep",
            "Symptom score",
        ],
        rows,
        note,
        details,
        differed: differed_text(data),
    }
}

/// At most this many days with a dose that differed are listed; the rest are counted.
const DIFFERED_LISTED: usize = 10;

/// "The dose taken differed from the step on 3 days: 14 Oct 2026, clonazepam 1.5 mg
/// (step 1.35 mg); …": recorded, not judged.
fn differed_text(data: &PeriodData) -> String {
    let name = |id: i64| {
        data.medications
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.display_name())
            .unwrap_or_default()
    };
    let days: Vec<String> = in_period(data)
        .filter_map(|c| {
            let parts: Vec<String> = c
                .doses_taken
                .iter()
                .filter_map(|d| {
                    let step = dose_in_effect(&data.steps, d.medication_id, c.date)?;
                    (step != d.dose).then(|| {
                        format!(
                            "{} {} mg (step {} mg)",
                            name(d.medication_id),
                            d.dose.mg_text(),
                            step.mg_text()
                        )
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| format!("{}, {}", short_date(c.date), parts.join(", ")))
        })
        .collect();
    if days.is_empty() {
        return String::new();
    }
    let more = if days.len() > DIFFERED_LISTED {
        format!(
            "; and {} more",
            count_text(days.len() - DIFFERED_LISTED, "day", "days")
        )
    } else {
        String::new()
    };
    format!(
        "The dose taken differed from the step on {}: {}{more}.",
        count_text(days.len(), "day", "days"),
        days.iter()
            .take(DIFFERED_LISTED)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::QuarterHours;
    use crate::taper::symptom_change::{Mean, Measure};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
    }

    fn check_in(date: NaiveDate, anxiety: Option<u8>, sleep_hours_quarters: u8) -> CheckIn {
        CheckIn {
            date,
            anxiety,
            mood: None,
            sleep: Some(QuarterHours(sleep_hours_quarters)),
            sleep_quality: None,
            symptoms: vec![crate::journal::check_in::SymptomEntry {
                name: "tremor".to_string(),
                builtin: true,
                severity: 1,
            }],
            red_flags: vec![],
            doses_taken: vec![],
            alcohol_drinks: None,
            opioids: false,
            cannabis: false,
            other_sedatives: false,
            substance_note: None,
            practices: vec![],
            practice_note: None,
            note: None,
        }
    }

    #[test]
    fn step_table_means_use_the_fortnights_around_the_step() {
        // Step on 15 Oct. Before: 1–14 Oct, anxiety 2 on odd days and 4 on even days (seven
        // of each: 42 / 14 = 3.0), sleep 7 h (28 quarter hours). After: 15–20 Oct only (the
        // period ends on the 20th: 6 days), anxiety 6 on five days and one day not rated
        // (30 / 5 = 6.0), sleep 6 h (24 quarters). A check-in on 21 Oct is past the end.
        let mut days = Vec::new();
        for day in 1..=14 {
            days.push(check_in(d(day), Some(2 + 2 * (1 - day as u8 % 2)), 28));
        }
        for day in 15..=20 {
            days.push(check_in(d(day), (day != 17).then_some(6), 24));
        }
        days.push(check_in(d(21), Some(10), 4));
        let (after_days, means) = means_around_step(&days, d(15), d(20));
        assert_eq!(after_days, 6);
        assert_eq!(means[0].measure, Measure::Anxiety);
        assert_eq!(means[0].before, Mean { sum: 42, count: 14 });
        assert_eq!(means[0].after, Mean { sum: 30, count: 5 });
        assert_eq!(means_cell(&means[0]), "3.0 of 10 → 6.0 of 10");
        // Sleep: 14 × 28 / (4 × 14) = 7.0 h; 6 × 24 / (4 × 6) = 6.0 h.
        assert_eq!(means_cell(&means[1]), "7.0 h → 6.0 h");
        // Symptom score: tremor 1 every day -> 1.0 both sides, 14 and 6 check-ins.
        assert_eq!(means[2].before, Mean { sum: 14, count: 14 });
        assert_eq!(means[2].after, Mean { sum: 6, count: 6 });
        assert_eq!(means_cell(&means[2]), "1.0 → 1.0");
        // Nothing before a first step: a dash, not 0.
        let (_, none_before) = means_around_step(&days, d(1), d(20));
        assert_eq!(means_cell(&none_before[0]), "– → 3.0 of 10");
    }
}
