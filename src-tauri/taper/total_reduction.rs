//! The change from the first logged dose of the taper to the dose now, for the visit
//! summary: in mg for one medication, in diazepam equivalents over a crossover.

use super::equivalence::{self, Factor};
use super::{dose_in_effect, EquivalenceTable};
use crate::journal::{DoseStep, Medication, Micrograms};
use chrono::NaiveDate;

/// The change from the first logged dose of the taper to the dose now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalReduction {
    pub from: Micrograms,
    pub from_date: NaiveDate,
    pub to: Micrograms,
    /// In diazepam equivalents (several benzodiazepines logged: a crossover), else in mg
    /// of the one medication.
    pub diazepam_equivalent: bool,
}

impl TotalReduction {
    /// The reduction in tenths of a percent of the starting dose, rounded half up;
    /// negative when the dose is now higher. 2 -> 1.35 mg: 650/2000 = 32.5 % -> 325.
    pub fn tenths_percent(self) -> i64 {
        let from = i64::from(self.from.0);
        if from == 0 {
            return 0;
        }
        let less = from - i64::from(self.to.0);
        let rounded = (less.abs() * 2000 + from) / (2 * from);
        rounded * less.signum()
    }
}

/// Benzodiazepines and z-drugs with a logged dose: the medications of the taper.
fn taper_medications<'a>(medications: &'a [Medication], steps: &[DoseStep]) -> Vec<&'a Medication> {
    medications
        .iter()
        .filter(|m| m.class.is_converted())
        .filter(|m| steps.iter().any(|s| s.medication_id == m.id))
        .collect()
}

/// The first logged dose of the taper and the dose on `today`: in mg for one medication,
/// in diazepam equivalents when several benzodiazepines were logged (a crossover), counting
/// those the table has a figure for. `None` before any dose is logged.
pub fn total_reduction(
    medications: &[Medication],
    steps: &[DoseStep],
    table: EquivalenceTable,
    today: NaiveDate,
) -> Option<TotalReduction> {
    let meds = taper_medications(medications, steps);
    let first = |id: i64| {
        steps
            .iter()
            .filter(|s| s.medication_id == id)
            .min_by_key(|s| (s.date, s.id))
    };
    if let [only] = meds.as_slice() {
        let start = first(only.id)?;
        return Some(TotalReduction {
            from: start.dose,
            from_date: start.date,
            to: dose_in_effect(steps, only.id, today)?,
            diazepam_equivalent: false,
        });
    }
    let factors: Vec<(i64, Factor)> = meds
        .iter()
        .filter_map(|m| equivalence::factor(m, table).map(|f| (m.id, f)))
        .collect();
    let from_date = factors
        .iter()
        .filter_map(|(id, _)| first(*id))
        .map(|s| s.date)
        .min()?;
    let total_on = |day: NaiveDate| {
        let sum: u64 = factors
            .iter()
            .filter_map(|(id, f)| {
                dose_in_effect(steps, *id, day)
                    .map(|d| u64::from(equivalence::diazepam_equivalent(d, *f).0))
            })
            .sum();
        Micrograms(u32::try_from(sum).unwrap_or(u32::MAX))
    };
    Some(TotalReduction {
        from: total_on(from_date),
        from_date,
        to: total_on(today),
        diazepam_equivalent: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
    }

    #[test]
    fn total_reduction_in_tenths_of_a_percent() {
        let r = |from, to| TotalReduction {
            from: Micrograms(from),
            from_date: d(1),
            to: Micrograms(to),
            diazepam_equivalent: false,
        };
        // 2 -> 1.35 mg: 0.65 / 2 = 32.5 %.
        assert_eq!(r(2000, 1350).tenths_percent(), 325);
        // 30 -> 20 mg: 10 / 30 = 33.33… % -> 33.3 %.
        assert_eq!(r(30_000, 20_000).tenths_percent(), 333);
        // 3 -> 1 mg: 2 / 3 = 66.67 % -> 66.7 % (rounded half up).
        assert_eq!(r(3000, 1000).tenths_percent(), 667);
        // Up from 1 to 1.25 mg: −25 %; all the way to 0: 100 %; nothing logged: 0.
        assert_eq!(r(1000, 1250).tenths_percent(), -250);
        assert_eq!(r(1000, 0).tenths_percent(), 1000);
        assert_eq!(r(0, 0).tenths_percent(), 0);
    }
}
