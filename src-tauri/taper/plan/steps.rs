//! Proposing the steps: each the achievable daily dose nearest the chosen % below the
//! current one, held longer where the units force a larger cut, checked against the
//! guideline's ceiling by the same pace check as logged steps.

use super::proposal::{Ending, Proposal, ProposedStep};
use super::request::{PlanProblem, PlanRequest, Units, MAX_STEPS};
use super::split::{split, Sums};
use super::units::{gcd, liquid_options, tablet_options, Options};
use crate::journal::Micrograms;
use crate::taper::pace::{self, PaceFinding, SeriesPoint};
use chrono::{Duration, NaiveDate};

/// Proposes the steps. `stop_is_abrupt` says, for a step to zero, whether the dose stopped
/// from is above the low last dose a taper ends with (it needs the medication's conversion
/// factor, which the caller knows); the same closure the logged steps' check uses.
pub fn propose(
    request: &PlanRequest,
    stop_is_abrupt: impl Fn(u64) -> bool,
) -> Result<Proposal, PlanProblem> {
    let mut caps: Vec<u64> = request.times.iter().map(|m| u64::from(m.0)).collect();
    let top = caps.iter().copied().max().unwrap_or(0);
    let options: Vec<Options> = caps
        .iter()
        .map(|_| match &request.units {
            Units::Tablets { tablets, quarters } => tablet_options(tablets, *quarters, top),
            Units::Liquid {
                micrograms_per_ml,
                smallest_hundredths_ml,
            } => liquid_options(*micrograms_per_ml, *smallest_hundredths_ml, top),
        })
        .collect::<Result<_, _>>()?;
    let g = options
        .iter()
        .flat_map(|o| o.amounts.iter())
        .fold(0, |g, a| gcd(g, *a))
        .max(1);
    let percent = u64::from(request.percent);
    let end = u64::from(request.end.0);
    let mut current: u64 = caps.iter().sum();
    let mut series = vec![SeriesPoint {
        date: request.current_since,
        amount: current,
    }];
    let mut steps: Vec<ProposedStep> = Vec::new();
    let mut date = request.start;
    let ending = loop {
        if current <= end {
            break Ending::Reached;
        }
        let sums = Sums::new(&options, &caps, g);
        let mut below = sums.totals_below(current).filter(|d| *d >= end).peekable();
        let Some(&largest) = below.peek() else {
            break Ending::NearestToEnd;
        };
        // Within the chosen cut: d ≥ current × (100 − p) / 100, exactly; the lowest such.
        let within = below
            .take_while(|d| d * 100 >= current * (100 - percent))
            .last();
        let (mut daily, larger) = match within {
            Some(d) => (d, false),
            None => (largest, true),
        };
        let mut findings = check(&series, date, daily, &stop_is_abrupt);
        let over = |f: &[PaceFinding]| {
            f.iter().any(|f| {
                matches!(
                    f,
                    PaceFinding::OverCeiling { .. } | PaceFinding::AbruptStop { .. }
                )
            })
        };
        // Over the ceiling only because of earlier steps in the 14 days: held longer.
        let mut held = 0;
        while over(&findings) && held < pace::CEILING_WINDOW_DAYS && daily > 0 {
            held += 1;
            findings = check(&series, date + Duration::days(held), daily, &stop_is_abrupt);
        }
        if over(&findings) && daily > 0 && end == 0 {
            // A last low dose may stop instead, if stopping from it is not abrupt.
            let stop = check(&series, date, 0, &stop_is_abrupt);
            if !over(&stop) {
                (daily, findings, held) = (0, stop, 0);
            }
        }
        if over(&findings) {
            break Ending::NoStepWithinCeiling {
                at: micrograms(current),
                next: micrograms(largest),
                next_reduction_tenths_percent: pace::reduction_tenths(current, largest),
            };
        }
        if steps.len() == MAX_STEPS {
            return Err(PlanProblem::TooManySteps);
        }
        date += Duration::days(held);
        if let Some(last) = steps.last_mut() {
            last.days_held = Some((date - last.date).num_days());
        }
        let made = split(&options, &caps, &sums, daily);
        let reduction = pace::reduction_tenths(current, daily);
        steps.push(ProposedStep {
            date,
            daily: micrograms(daily),
            times: made
                .iter()
                .zip(&options)
                .map(|((a, k), o)| (micrograms(*a), o.made[*k].clone()))
                .collect(),
            reduction_tenths_percent: reduction,
            days_held: None,
            larger_than_chosen: larger && daily > 0,
            findings,
        });
        series.push(SeriesPoint {
            date,
            amount: daily,
        });
        caps = made.iter().map(|(a, _)| *a).collect();
        // A cut larger than chosen is held longer, in proportion: the average pace stays
        // the chosen one (rounded up to whole days).
        let hold = if larger {
            let num = request.every_days as u64 * (current - daily) * 100;
            let den = current * percent;
            num.div_ceil(den) as i64
        } else {
            request.every_days
        };
        current = daily;
        date += Duration::days(hold);
    };
    Ok(Proposal { steps, ending })
}

fn micrograms(amount: u64) -> Micrograms {
    Micrograms(u32::try_from(amount).unwrap_or(u32::MAX))
}

/// The pace check of a step to `amount` on `date`, after `series`.
fn check(
    series: &[SeriesPoint],
    date: NaiveDate,
    amount: u64,
    stop_is_abrupt: &impl Fn(u64) -> bool,
) -> Vec<PaceFinding> {
    let mut with = series.to_vec();
    with.push(SeriesPoint { date, amount });
    pace::check_reduction(&with, with.len() - 1, stop_is_abrupt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taper::plan::proposal::Made;
    use crate::taper::plan::request::Tablet;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn ug(n: u32) -> Micrograms {
        Micrograms(n)
    }
    /// Stopping from above 2.5 mg diazepam-equivalent is abrupt; `factor` mg diazepam per
    /// mg (the 2025 joint table: clonazepam 10, alprazolam 10, diazepam 1).
    fn abrupt_above(factor: u64) -> impl Fn(u64) -> bool {
        move |amount| amount * factor > 2_500
    }
    fn tablets(list: &[(u32, bool)], quarters: bool) -> Units {
        Units::Tablets {
            tablets: list
                .iter()
                .map(|&(strength, scored)| Tablet {
                    strength: ug(strength),
                    scored,
                })
                .collect(),
            quarters,
        }
    }
    fn request(times: &[u32], units: Units, percent: u32, every_days: i64) -> PlanRequest {
        PlanRequest {
            times: times.iter().map(|t| ug(*t)).collect(),
            current_since: day("2026-12-01"),
            start: day("2027-01-04"),
            units,
            percent,
            every_days,
            end: Micrograms::ZERO,
        }
    }
    fn dailies(p: &Proposal) -> Vec<u32> {
        p.steps.iter().map(|s| s.daily.0).collect()
    }
    fn split_of(s: &ProposedStep) -> Vec<u32> {
        s.times.iter().map(|(a, _)| a.0).collect()
    }

    /// Clonazepam 2 mg a day (1 mg twice a day), 0.5 mg scored tablets (halves of 0.25 mg),
    /// 10 % every 14 days. A dose time can be 0, 0.25, 0.5, 0.75 or 1 mg, so the day's
    /// total moves in 0.25 mg: no cut as small as 10 % exists, and every step is the
    /// smallest the tablets allow, held longer in proportion (14 days × cut / 10 %):
    ///   2 → 1.75 mg  12.5 %  held 14 × 12.5 / 10 = 17.5 → 18 days  (0.75 + 1)
    ///   1.75 → 1.5   14.3 %  held 14 × 250 / 175 = 20 days          (0.75 + 0.75)
    ///   1.5 → 1.25   16.7 %  held 14 × 250 / 150 = 23.3 → 24 days   (0.5 + 0.75)
    ///   1.25 → 1     20 %    held 14 × 250 / 125 = 28 days          (0.5 + 0.5)
    ///   1 → 0.75     25 %    exactly the ceiling, not over it        (0.25 + 0.5)
    ///   0.75 → 0.5 would be 33.3 %, over the ceiling, and stopping from 0.75 mg
    ///   (7.5 mg diazepam-equivalent) would be abrupt: the proposal stops at 0.75 mg.
    /// Dates: 4 Jan, +18 = 22 Jan, +20 = 11 Feb, +24 = 7 Mar, +28 = 4 Apr 2027.
    #[test]
    fn clonazepam_with_half_tablets_is_limited_by_the_tablets_and_stops_for_want_of_a_smaller_one()
    {
        let p = propose(
            &request(&[1000, 1000], tablets(&[(500, true)], false), 10, 14),
            abrupt_above(10),
        )
        .unwrap();
        assert_eq!(dailies(&p), [1750, 1500, 1250, 1000, 750]);
        let splits: Vec<_> = p.steps.iter().map(split_of).collect();
        assert_eq!(
            splits,
            [
                vec![750, 1000],
                vec![750, 750],
                vec![500, 750],
                vec![500, 500],
                vec![250, 500]
            ]
        );
        let cuts: Vec<_> = p.steps.iter().map(|s| s.reduction_tenths_percent).collect();
        assert_eq!(cuts, [125, 143, 167, 200, 250]);
        assert!(p.steps.iter().all(|s| s.larger_than_chosen));
        let held: Vec<_> = p.steps.iter().map(|s| s.days_held).collect();
        assert_eq!(held, [Some(18), Some(20), Some(24), Some(28), None]);
        let dates: Vec<_> = p.steps.iter().map(|s| s.date).collect();
        assert_eq!(
            dates,
            [
                "2027-01-04",
                "2027-01-22",
                "2027-02-11",
                "2027-03-07",
                "2027-04-04"
            ]
            .map(day)
        );
        // How the first step is made: morning 1½ × 0.5 mg, night 2 × 0.5 mg.
        assert_eq!(p.steps[0].times[0].1, Made::Tablets { quarters: vec![6] });
        assert_eq!(p.steps[0].times[1].1, Made::Tablets { quarters: vec![8] });
        assert_eq!(
            p.ending,
            Ending::NoStepWithinCeiling {
                at: ug(750),
                next: ug(500),
                next_reduction_tenths_percent: 333
            }
        );
        // Every step is over the usual 10 %: said, as information.
        assert!(matches!(
            p.steps[0].findings[..],
            [PaceFinding::LargerThanUsualStep {
                reduction_tenths_percent: 125
            }]
        ));
    }

    /// The same with a 0.1 mg/mL liquid measured to 0.1 mL (10 micrograms): the chosen
    /// 10 % can be followed closely, the nearest amount at or above 90 % of the dose:
    ///   2000 → 1800 (exactly 10 %: 9 mL twice a day)
    ///   1800 → 1620 (exactly 10 %: 810 + 810, 8.1 mL each)
    ///   1620 → 1458 is not a multiple of 10: the nearest above, 1460 (9.9 %)
    ///   1460 → 1314: 1320 (9.6 %);  1320 → 1188: 1190 (9.8 %)
    /// At the end, 10 % is less than 10 micrograms: from 90, 80 (11.1 %) is the smallest
    /// cut and is held longer; ... 40 → 30 (25 %); 30 → 20 would be 33 %, but stopping from
    /// 30 micrograms (0.3 mg diazepam-equivalent) is the low last step: the step to zero.
    #[test]
    fn clonazepam_as_a_liquid_follows_the_chosen_pace_and_ends_with_a_low_last_step() {
        let p = propose(
            &request(
                &[1000, 1000],
                Units::Liquid {
                    micrograms_per_ml: 100,
                    smallest_hundredths_ml: 10,
                },
                10,
                14,
            ),
            abrupt_above(10),
        )
        .unwrap();
        let d = dailies(&p);
        assert_eq!(d[..5], [1800, 1620, 1460, 1320, 1190]);
        assert_eq!(split_of(&p.steps[1]), [810, 810]);
        assert_eq!(p.steps[1].times[0].1, Made::Liquid { hundredths_ml: 810 });
        assert!(!p.steps[0].larger_than_chosen && p.steps[0].days_held == Some(14));
        assert_eq!(d[d.len() - 4..], [50, 40, 30, 0]);
        let last = p.steps.last().unwrap();
        assert_eq!(last.reduction_tenths_percent, 1000);
        assert!(!last.larger_than_chosen);
        assert_eq!(p.ending, Ending::Reached);
        // 40 → 30 is 25 %, held 14 × 25 / 10 = 35 days.
        assert_eq!(p.steps[p.steps.len() - 2].days_held, Some(35));
    }

    /// Diazepam 10 mg once a day, 2 mg scored tablets (1 mg halves), 5 % every 28 days:
    /// every step is 1 mg, larger than 5 %, and held 28 × cut / 5 % days:
    ///   10 → 9  10 %    held 56 days
    ///   9 → 8   11.1 %  held 28 × 1000 / 450 = 62.2 → 63
    ///   8 → 7   12.5 %  held 70
    ///   7 → 6   14.3 %  held 80
    ///   6 → 5   16.7 %  held 93.3 → 94
    ///   5 → 4   20 %    held 112
    ///   4 → 3   25 %
    ///   3 → 2 would be 33 %, and stopping from 3 mg is above the 2.5 mg line: it stops.
    /// With quarters (0.5 mg): 3 → 2.5 → 2 → 1.5 (25 %), then stopping from 1.5 mg is the
    /// low last step.
    #[test]
    fn diazepam_with_two_mg_tablets_and_with_quarters() {
        let halves = propose(
            &request(&[10_000], tablets(&[(2000, true)], false), 5, 28),
            abrupt_above(1),
        )
        .unwrap();
        assert_eq!(dailies(&halves), [9000, 8000, 7000, 6000, 5000, 4000, 3000]);
        let held: Vec<_> = halves.steps.iter().map(|s| s.days_held).collect();
        assert_eq!(
            held,
            [
                Some(56),
                Some(63),
                Some(70),
                Some(80),
                Some(94),
                Some(112),
                None
            ]
        );
        assert_eq!(
            halves.steps[0].times[0].1,
            Made::Tablets { quarters: vec![18] }
        );
        assert!(matches!(
            halves.ending,
            Ending::NoStepWithinCeiling {
                at: Micrograms(3000),
                next: Micrograms(2000),
                ..
            }
        ));
        let quarters = propose(
            &request(&[10_000], tablets(&[(2000, true)], true), 5, 28),
            abrupt_above(1),
        )
        .unwrap();
        let d = dailies(&quarters);
        // 10 → 9.5 is exactly 5 %: a quarter tablet (0.5 mg) is within the chosen pace.
        assert_eq!(d[0], 9500);
        assert_eq!(d[d.len() - 4..], [2500, 2000, 1500, 0]);
        assert_eq!(quarters.ending, Ending::Reached);
    }

    /// Diazepam 10 mg, a 1 mg/mL liquid to 0.1 mL (100 micrograms), 5 % every 28 days:
    ///   10 000 → 9 500 (exactly 5 %) → 9 025 is not a multiple of 100: 9 100 (4.2 %)
    ///   → 8 645: 8 700 (4.4 %) → 8 265: 8 300 (4.6 %), each held 28 days.
    #[test]
    fn diazepam_as_a_liquid() {
        let p = propose(
            &request(
                &[10_000],
                Units::Liquid {
                    micrograms_per_ml: 1000,
                    smallest_hundredths_ml: 10,
                },
                5,
                28,
            ),
            abrupt_above(1),
        )
        .unwrap();
        assert_eq!(dailies(&p)[..4], [9500, 9100, 8700, 8300]);
        assert_eq!(p.steps[1].date, day("2027-02-01"));
        assert_eq!(p.steps[0].times[0].1, Made::Liquid { hundredths_ml: 950 });
        assert_eq!(p.ending, Ending::Reached);
    }

    /// Alprazolam 1 mg three times a day, 0.25 mg scored tablets (0.125 mg halves), 10 %
    /// every 14 days. The day's total moves in 0.125 mg, so the chosen 10 % is met or
    /// undercut: 3000 → 2700 is not made; the nearest at or above is 2750 (8.3 %), then
    /// 2750 → 2475: 2500 (9.1 %), 2500 → 2250 (exactly 10 %), 2250 → 2025: 2125 (5.6 %).
    #[test]
    fn alprazolam_three_times_a_day_with_quarter_mg_tablets() {
        let p = propose(
            &request(&[1000, 1000, 1000], tablets(&[(250, true)], false), 10, 14),
            abrupt_above(10),
        )
        .unwrap();
        assert_eq!(dailies(&p)[..4], [2750, 2500, 2250, 2125]);
        assert!(p.steps[..4].iter().all(|s| !s.larger_than_chosen));
        assert!(p.steps[..4].iter().all(|s| s.days_held == Some(14)));
        // Each dose time moves by at most a half tablet at a step, and none rises.
        for pair in p.steps.windows(2) {
            for (a, b) in split_of(&pair[0]).iter().zip(split_of(&pair[1])) {
                assert!(b <= *a);
            }
        }
    }

    #[test]
    fn an_end_dose_is_where_it_stops() {
        let mut r = request(&[1000, 1000], tablets(&[(500, true)], false), 10, 14);
        r.end = ug(1500);
        let p = propose(&r, abrupt_above(10)).unwrap();
        assert_eq!(dailies(&p), [1750, 1500]);
        assert_eq!(p.ending, Ending::Reached);
        // An end dose the tablets cannot make: the nearest above it.
        r.end = ug(1600);
        let p = propose(&r, abrupt_above(10)).unwrap();
        assert_eq!(dailies(&p), [1750]);
        assert_eq!(p.ending, Ending::NearestToEnd);
    }

    #[test]
    fn a_pace_too_slow_for_200_steps_and_units_that_cannot_be_measured_are_refused() {
        let fine = Units::Liquid {
            micrograms_per_ml: 1000,
            smallest_hundredths_ml: 1,
        };
        assert_eq!(
            propose(&request(&[40_000], fine, 1, 7), abrupt_above(1)),
            Err(PlanProblem::TooManySteps)
        );
        let half_microgram = Units::Liquid {
            micrograms_per_ml: 125,
            smallest_hundredths_ml: 10,
        };
        assert_eq!(
            propose(&request(&[1000], half_microgram, 10, 14), abrupt_above(10)),
            Err(PlanProblem::LiquidNotWholeMicrograms {
                hundredths_of_microgram: 1250
            })
        );
        assert_eq!(
            propose(
                &request(&[1000], tablets(&[], false), 10, 14),
                abrupt_above(10)
            ),
            Err(PlanProblem::NoUnits)
        );
    }
}
