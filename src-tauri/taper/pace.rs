//! The pace check: each reduction compared with the 2025 joint guideline on benzodiazepine
//! tapering (J Gen Intern Med 2025, PMID 40526204). All limits live here.
//!
//! Percentages are kept as exact integer ratios so that a step of exactly 10 % or exactly
//! 25 % is never pushed over a limit by floating point.

use crate::journal::Micrograms;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// "Initial reductions of 5–10 %": a single step above this is faster than the usual pace.
pub const USUAL_MAX_STEP_PERCENT: u64 = 10;
/// "... every 2–4 weeks": steps closer than this are faster than the usual pace.
pub const USUAL_MIN_DAYS_BETWEEN_STEPS: i64 = 14;
/// "Generally not more than 25 % within 2 weeks": the guideline's ceiling, measured from the
/// highest dose held at any time in the 14 days before a step.
pub const CEILING_PERCENT: u64 = 25;
pub const CEILING_WINDOW_DAYS: i64 = 14;
/// A stop to zero from above this many mg diazepam-equivalent is abrupt discontinuation.
/// A quarter of the guideline's low-risk band (up to 10 mg): usual last steps (diazepam
/// 1–2 mg; clonazepam 0.125–0.25 mg, lorazepam 0.25–0.5 mg or alprazolam 0.125–0.25 mg
/// under the 2025 joint table) stay at or below it. The dose stopped from is converted
/// with the guideline's own column whatever table the person picked
/// (`equivalence::stop_factor`): under Ashton's the same last tablet of clonazepam 0.25 mg
/// would be 5 mg, and whether a taper ended abruptly must not depend on a display setting.
pub const ABRUPT_STOP_ABOVE_DIAZEPAM_EQ: Micrograms = Micrograms(2_500);
/// Without a conversion factor: a stop from at least this share of the highest dose logged
/// for the medication is abrupt.
pub const ABRUPT_STOP_SHARE_OF_HIGHEST_PERCENT: u64 = 25;

/// How strongly a finding is worded. Information is a note, not a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaceLevel {
    Information,
    Warning,
    StrongWarning,
}

/// One result of the pace check for a reduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum PaceFinding {
    /// A single reduction of more than 10 %.
    LargerThanUsualStep { reduction_tenths_percent: u64 },
    /// Fewer than 14 days since the previous step.
    SoonerThanUsual { days: i64 },
    /// More than 25 % below the highest dose held in the 14 days before.
    OverCeiling {
        reduction_tenths_percent: u64,
        from: Micrograms,
        from_date: NaiveDate,
    },
    /// From a non-trivial dose to zero in one step.
    AbruptStop { from: Micrograms },
}

impl PaceFinding {
    pub fn level(&self) -> PaceLevel {
        match self {
            PaceFinding::LargerThanUsualStep { .. } | PaceFinding::SoonerThanUsual { .. } => {
                PaceLevel::Information
            }
            PaceFinding::OverCeiling { .. } => PaceLevel::Warning,
            PaceFinding::AbruptStop { .. } => PaceLevel::StrongWarning,
        }
    }
}

/// A dose in effect from `date` on (one per date, sorted by date). Amounts are micrograms
/// of one medication, or of diazepam equivalent when several are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesPoint {
    pub date: NaiveDate,
    pub amount: u64,
}

/// Amount in effect on `day`, if the series has started by then.
pub fn amount_on(series: &[SeriesPoint], day: NaiveDate) -> Option<u64> {
    series
        .iter()
        .take_while(|p| p.date <= day)
        .last()
        .map(|p| p.amount)
}

/// `(from - to) / from` in tenths of a percent, rounded; from > 0.
pub fn reduction_tenths(from: u64, to: u64) -> u64 {
    ((from - to) * 1000 + from / 2) / from
}

/// Checks the reduction at `series[index]` against the guideline. `stop_is_abrupt` decides,
/// for a step to zero, whether the dose stopped from was non-trivial (it depends on whether
/// a conversion factor is known, which the caller knows).
pub fn check_reduction(
    series: &[SeriesPoint],
    index: usize,
    stop_is_abrupt: impl Fn(u64) -> bool,
) -> Vec<PaceFinding> {
    check_reduction_dated(series, index, |_, amount| stop_is_abrupt(amount))
}

/// As `check_reduction`, with `stop_is_abrupt` also told the day the amount was held, for a
/// series whose amounts are not the ones to judge a stop by (a crossover's total, judged in
/// the guideline's own column whatever table it is charted in).
///
/// One finding per event: an abrupt stop is that strong finding alone, not also "a 100 %
/// step" and "faster than the ceiling", which say the same thing less clearly.
pub fn check_reduction_dated(
    series: &[SeriesPoint],
    index: usize,
    stop_is_abrupt: impl Fn(NaiveDate, u64) -> bool,
) -> Vec<PaceFinding> {
    let mut findings = Vec::new();
    let Some(step) = series.get(index) else {
        return findings;
    };
    let Some(prev) = index.checked_sub(1).and_then(|i| series.get(i)) else {
        return findings;
    };
    if step.amount >= prev.amount {
        return findings;
    }
    if step.amount == 0 && stop_is_abrupt(prev.date, prev.amount) {
        return vec![PaceFinding::AbruptStop {
            from: Micrograms(u32::try_from(prev.amount).unwrap_or(u32::MAX)),
        }];
    }
    let reduction = prev.amount - step.amount;
    let window = highest_in_window_before(series, step.date);
    // The last step to zero from a low dose (everything held in the past 14 days below the
    // abrupt-stop line) is how a taper ends; its 100 % is not "faster than the guideline".
    let final_low_step = step.amount == 0 && {
        let (high, held_on) = match window {
            Some((from, on)) if from > prev.amount => (from, on),
            _ => (prev.amount, prev.date),
        };
        !stop_is_abrupt(held_on, high)
    };
    // reduction / prev > 10 %  <=>  reduction * 100 > prev * 10, exactly.
    if !final_low_step && reduction * 100 > prev.amount * USUAL_MAX_STEP_PERCENT {
        findings.push(PaceFinding::LargerThanUsualStep {
            reduction_tenths_percent: reduction_tenths(prev.amount, step.amount),
        });
    }
    let days = (step.date - prev.date).num_days();
    if days < USUAL_MIN_DAYS_BETWEEN_STEPS {
        findings.push(PaceFinding::SoonerThanUsual { days });
    }
    if let Some((from, from_date)) = window.filter(|_| !final_low_step) {
        if from > step.amount && (from - step.amount) * 100 > from * CEILING_PERCENT {
            findings.push(PaceFinding::OverCeiling {
                reduction_tenths_percent: reduction_tenths(from, step.amount),
                from: Micrograms(u32::try_from(from).unwrap_or(u32::MAX)),
                from_date,
            });
        }
    }
    findings
}

/// The highest amount held on any of the `CEILING_WINDOW_DAYS` days before `day`, and the
/// first day of the window it was held on.
fn highest_in_window_before(series: &[SeriesPoint], day: NaiveDate) -> Option<(u64, NaiveDate)> {
    let window_start = day - Duration::days(CEILING_WINDOW_DAYS);
    let mut best: Option<(u64, NaiveDate)> =
        amount_on(series, window_start).map(|a| (a, window_start));
    for p in series
        .iter()
        .filter(|p| p.date > window_start && p.date < day)
    {
        if best.is_none_or(|(a, _)| p.amount > a) {
            best = Some((p.amount, p.date));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(day)
    }
    fn s(points: &[(i64, u64)]) -> Vec<SeriesPoint> {
        points
            .iter()
            .map(|&(day, amount)| SeriesPoint {
                date: d(day),
                amount,
            })
            .collect()
    }
    fn never(_: u64) -> bool {
        false
    }

    #[test]
    fn ten_percent_after_three_weeks_is_within_the_usual_pace() {
        // 2.0 -> 1.8 mg after 21 days: 0.2 / 2.0 = 10.0 % exactly, not "more than 10 %".
        let series = s(&[(0, 2000), (21, 1800)]);
        assert_eq!(check_reduction(&series, 1, never), vec![]);
    }

    #[test]
    fn clonazepam_example_crosses_the_ceiling() {
        // 1.8 mg from day 0, 1.6 on day 7, 1.2 on day 13.
        let series = s(&[(0, 1800), (7, 1600), (13, 1200)]);
        // Day 7: 0.2/1.8 = 11.1 % in 7 days: faster than usual, under the ceiling.
        assert_eq!(
            check_reduction(&series, 1, never),
            vec![
                PaceFinding::LargerThanUsualStep {
                    reduction_tenths_percent: 111
                },
                PaceFinding::SoonerThanUsual { days: 7 },
            ]
        );
        // Day 13: 0.4/1.6 = 25.0 % this step (not over 25 % on its own), but 0.6/1.8 = 33.3 %
        // below the 1.8 mg held 13 days earlier: over the ceiling.
        assert_eq!(
            check_reduction(&series, 2, never),
            vec![
                PaceFinding::LargerThanUsualStep {
                    reduction_tenths_percent: 250
                },
                PaceFinding::SoonerThanUsual { days: 6 },
                PaceFinding::OverCeiling {
                    reduction_tenths_percent: 333,
                    from: Micrograms(1800),
                    from_date: d(0)
                },
            ]
        );
    }

    #[test]
    fn the_window_is_fourteen_days() {
        // 2.0 -> 1.7 (15 %) on day 0, -> 1.45 (14.7 %) on day 14: the 2.0 mg was last held on
        // day -1, 15 days before, so the ceiling compares with 1.7 mg.
        let series = s(&[(-30, 2000), (0, 1700), (14, 1450)]);
        let findings = check_reduction(&series, 2, never);
        assert!(
            !findings
                .iter()
                .any(|f| matches!(f, PaceFinding::OverCeiling { .. })),
            "{findings:?}"
        );
        // The same on day 13 is 27.5 % below the 2.0 mg held on day -1: over the ceiling.
        let series = s(&[(-30, 2000), (0, 1700), (13, 1450)]);
        assert!(
            check_reduction(&series, 2, never).contains(&PaceFinding::OverCeiling {
                reduction_tenths_percent: 275,
                from: Micrograms(2000),
                from_date: d(-1)
            })
        );
    }

    #[test]
    fn a_stop_is_abrupt_only_when_the_caller_says_the_dose_was_non_trivial() {
        let series = s(&[(0, 2000), (28, 0)]);
        let findings = check_reduction(&series, 1, |from| from > 1000);
        // One finding for the one event: not also "100 %" and "over the ceiling".
        assert_eq!(
            findings,
            vec![PaceFinding::AbruptStop {
                from: Micrograms(2000)
            }]
        );
        assert_eq!(
            findings.last().map(PaceFinding::level),
            Some(PaceLevel::StrongWarning)
        );
        // The same within a week of the previous step: still the one strong finding.
        let findings = check_reduction(&s(&[(0, 2500), (21, 2000), (25, 0)]), 2, |f| f > 1000);
        assert_eq!(
            findings,
            vec![PaceFinding::AbruptStop {
                from: Micrograms(2000)
            }]
        );
        let findings = check_reduction(&s(&[(0, 125), (28, 0)]), 1, |from| from > 1000);
        assert!(!findings
            .iter()
            .any(|f| matches!(f, PaceFinding::AbruptStop { .. })));
    }

    #[test]
    fn increases_and_holds_are_not_pace_checked() {
        assert!(check_reduction(&s(&[(0, 1000), (3, 1500)]), 1, never).is_empty());
        assert!(check_reduction(&s(&[(0, 1000), (3, 1000)]), 1, never).is_empty());
    }
}
