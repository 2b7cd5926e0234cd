//! The taper plan proposal over many valid requests (property tests): no 14-day window of
//! any proposal cuts more than 25 %, checked again here with the pace check from the whole
//! series; every dose is made from the given units, exactly; no dose rises, at any time of
//! day; no step cuts more than chosen where the units allowed a smaller cut; every proposal
//! ends within the step limit (or is refused as too long). `PROPTEST_CASES=n` runs more.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use std::collections::BTreeSet;
use taper_journal::journal::Micrograms;
use taper_journal::taper::pace::{check_reduction, SeriesPoint};
use taper_journal::taper::plan::{
    propose, Made, PlanProblem, PlanRequest, Proposal, Tablet, Units, MAX_STEPS,
};
use taper_journal::taper::PaceFinding;

/// Stopping from above 2.5 mg diazepam-equivalent (factor 10: clonazepam, alprazolam).
fn abrupt(amount: u64) -> bool {
    amount * 10 > 2_500
}

fn units() -> impl Strategy<Value = Units> {
    let tablets = (
        proptest::collection::vec(
            (
                select(vec![125u32, 250, 500, 1000, 2000, 5000]),
                any::<bool>(),
            ),
            1..=3,
        ),
        any::<bool>(),
    )
        .prop_map(|(list, quarters)| Units::Tablets {
            tablets: list
                .into_iter()
                .map(|(s, scored)| Tablet {
                    strength: Micrograms(s),
                    scored,
                })
                .collect(),
            quarters,
        });
    let liquid = (
        select(vec![100u32, 200, 500, 1000, 2000]),
        select(vec![5u32, 10, 20, 50]),
    )
        .prop_filter("whole micrograms", |(c, m)| c * m % 100 == 0)
        .prop_map(|(c, m)| Units::Liquid {
            micrograms_per_ml: c,
            smallest_hundredths_ml: m,
        });
    prop_oneof![tablets, liquid]
}

fn requests() -> impl Strategy<Value = PlanRequest> {
    (
        proptest::collection::vec(1u32..=40, 1..=4),
        units(),
        1u32..=25,
        7i64..=56,
        0u32..=3,
    )
        .prop_map(
            |(quarter_mgs, units, percent, every_days, end_quarter_mgs)| {
                let times: Vec<Micrograms> =
                    quarter_mgs.iter().map(|q| Micrograms(q * 250)).collect();
                let total: u32 = times.iter().map(|m| m.0).sum();
                let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
                PlanRequest {
                    times,
                    current_since: start - Duration::days(30),
                    start,
                    units,
                    percent,
                    every_days,
                    end: Micrograms((end_quarter_mgs * 250).min(total.saturating_sub(1))),
                }
            },
        )
}

/// The micrograms `made` gives with `units`.
fn amount_of(made: &Made, units: &Units) -> u64 {
    match (made, units) {
        (Made::Tablets { quarters }, Units::Tablets { tablets, .. }) => quarters
            .iter()
            .zip(tablets)
            .map(|(q, t)| u64::from(*q) * u64::from(t.strength.0) / 4)
            .sum(),
        (
            Made::Liquid { hundredths_ml },
            Units::Liquid {
                micrograms_per_ml, ..
            },
        ) => hundredths_ml * u64::from(*micrograms_per_ml) / 100,
        _ => panic!("made of other units: {made:?}"),
    }
}

/// Whether `made` uses only pieces the units allow (halves of scored tablets, quarters
/// only where allowed; whole multiples of the smallest liquid amount).
fn allowed(made: &Made, units: &Units) -> bool {
    match (made, units) {
        (Made::Tablets { quarters: q }, Units::Tablets { tablets, quarters }) => {
            q.iter().zip(tablets).all(|(q, t)| match q % 4 {
                0 => true,
                2 => t.scored,
                _ => t.scored && *quarters,
            })
        }
        (
            Made::Liquid { hundredths_ml },
            Units::Liquid {
                smallest_hundredths_ml,
                ..
            },
        ) => hundredths_ml % u64::from(*smallest_hundredths_ml) == 0,
        _ => false,
    }
}

/// Every amount one dose time can have up to `cap` (brute force, small cases).
fn amounts(units: &Units, cap: u64) -> BTreeSet<u64> {
    let pieces: Vec<u64> = match units {
        Units::Tablets { tablets, quarters } => tablets
            .iter()
            .map(|t| {
                let s = u64::from(t.strength.0);
                if t.scored && *quarters && s % 4 == 0 {
                    s / 4
                } else if t.scored && s % 2 == 0 {
                    s / 2
                } else {
                    s
                }
            })
            .collect(),
        Units::Liquid {
            micrograms_per_ml,
            smallest_hundredths_ml,
        } => vec![u64::from(*micrograms_per_ml) * u64::from(*smallest_hundredths_ml) / 100],
    };
    let mut set = BTreeSet::from([0u64]);
    for p in pieces {
        let mut more = set.clone();
        for a in &set {
            let mut b = a + p;
            while b <= cap {
                more.insert(b);
                b += p;
            }
        }
        set = more;
    }
    set
}

/// The daily totals the dose times can make within their caps (a table of reachable sums).
fn totals(units: &Units, caps: &[u64]) -> Vec<bool> {
    let mut reach = vec![true];
    for cap in caps {
        let each = amounts(units, *cap);
        let mut next = vec![false; reach.len() + *cap as usize];
        for (s, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
            for a in &each {
                next[s + *a as usize] = true;
            }
        }
        reach = next;
    }
    reach
}

fn check(request: &PlanRequest, p: &Proposal) {
    let mut series = vec![SeriesPoint {
        date: request.current_since,
        amount: request.times.iter().map(|m| u64::from(m.0)).sum(),
    }];
    let mut caps: Vec<u64> = request.times.iter().map(|m| u64::from(m.0)).collect();
    let percent = u64::from(request.percent);
    for step in &p.steps {
        let previous = series.last().unwrap().amount;
        let daily = u64::from(step.daily.0);
        assert!(daily < previous, "the dose falls: {previous} → {daily}");
        let mut sum = 0;
        for ((amount, made), cap) in step.times.iter().zip(&caps) {
            assert_eq!(amount_of(made, &request.units), u64::from(amount.0));
            assert!(allowed(made, &request.units), "{made:?}");
            assert!(u64::from(amount.0) <= *cap, "no dose time rises");
            sum += u64::from(amount.0);
        }
        assert_eq!(sum, daily, "the times make the day's dose");
        // Never a larger cut than chosen where the units allowed a smaller one.
        let reach = totals(&request.units, &caps);
        let within_exists = (u64::from(request.end.0)..previous)
            .any(|d| reach.get(d as usize) == Some(&true) && d * 100 >= previous * (100 - percent));
        assert_eq!(
            step.larger_than_chosen,
            daily > 0 && !within_exists,
            "step to {daily} from {previous}"
        );
        if within_exists {
            assert!(
                daily * 100 >= previous * (100 - percent),
                "within the chosen cut"
            );
        }
        series.push(SeriesPoint {
            date: step.date,
            amount: daily,
        });
        caps = step.times.iter().map(|(a, _)| u64::from(a.0)).collect();
    }
    // The guideline's ceiling, on every step of the whole series.
    for i in 1..series.len() {
        let findings = check_reduction(&series, i, abrupt);
        assert!(
            !findings.iter().any(|f| matches!(
                f,
                PaceFinding::OverCeiling { .. } | PaceFinding::AbruptStop { .. }
            )),
            "step {i}: {findings:?} in {series:?}"
        );
    }
    // Held days join the steps.
    for pair in p.steps.windows(2) {
        assert_eq!(
            pair[0].days_held,
            Some((pair[1].date - pair[0].date).num_days())
        );
    }
    assert!(p.steps.len() <= MAX_STEPS);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_proposal_is_achievable_within_the_ceiling_and_ends(request in requests()) {
        match propose(&request, abrupt) {
            Ok(p) => check(&request, &p),
            Err(PlanProblem::TooManySteps) => {}
            Err(other) => prop_assert!(false, "refused a valid request: {other:?}"),
        }
    }
}
