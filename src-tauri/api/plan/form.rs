//! The Plan form's starting values: each active medication with its latest step, its dose
//! split by time of day where the split says so, and the guideline's usual pace.

use super::kept::saved;
use super::propose::DoseTimeInput;
use crate::api::Answer;
use crate::journal::Micrograms;
use crate::store::Journal;
use crate::views::plan::SavedPlanView;
use chrono::NaiveDate;
use serde::Serialize;

/// The pace the form starts with: the guideline's usual 10 % every 2 weeks at most.
const DEFAULT_PERCENT: u32 = 10;
const DEFAULT_EVERY_DAYS: i64 = 14;

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
