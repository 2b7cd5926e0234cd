//! The dose actually taken on a day, compared with the step in effect. A difference is
//! recorded, never judged: it is a fact to bring to the prescriber.

use super::step_analysis::dose_in_effect;
use crate::journal::{CheckIn, DoseStep};

/// Whether any dose recorded in the check-in differs from the step in effect that day.
pub fn differs_from_step(steps: &[DoseStep], check_in: &CheckIn) -> bool {
    check_in.doses_taken.iter().any(|d| {
        dose_in_effect(steps, d.medication_id, check_in.date).is_some_and(|step| step != d.dose)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{input::parse_input, CheckInInput, Micrograms};
    use crate::taper::dose_held_since;
    use chrono::NaiveDate;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn steps() -> Vec<DoseStep> {
        // 1 mg from 1 March, held (logged again) on 10 March, 0.9 mg from 20 March.
        [(1, 1, 1000), (2, 10, 1000), (3, 20, 900)]
            .into_iter()
            .map(|(id, day, ug)| DoseStep {
                id,
                medication_id: 7,
                date: d(day),
                dose: Micrograms(ug),
                split: None,
                note: None,
            })
            .collect()
    }

    fn taken(day: u32, mg: &str) -> CheckIn {
        let value =
            serde_json::json!({"date": format!("2026-03-{day:02}"), "doses_taken": {"7": mg}});
        parse_input::<CheckInInput>(value)
            .unwrap()
            .validate(d(31))
            .unwrap()
    }

    #[test]
    fn a_dose_other_than_the_step_is_noticed() {
        assert!(!differs_from_step(&steps(), &taken(15, "1")));
        assert!(
            differs_from_step(&steps(), &taken(15, "0.9")),
            "0.9 mg before the step to 0.9"
        );
        assert!(!differs_from_step(&steps(), &taken(21, "0.9")));
    }

    #[test]
    fn a_logged_hold_does_not_move_the_since_date() {
        assert_eq!(
            dose_held_since(&steps(), 7, d(15)),
            Some((Micrograms(1000), d(1)))
        );
        assert_eq!(
            dose_held_since(&steps(), 7, d(25)),
            Some((Micrograms(900), d(20)))
        );
        assert_eq!(dose_held_since(&steps(), 8, d(25)), None);
    }
}
