//! Symptoms since a reduction: the days before a step compared with the days after it, and
//! whether a rise is still there in the most recent week.
//!
//! The rule and every threshold live here. The 2025 joint guideline asks that symptoms be
//! evaluated with every reduction, notes that withdrawal symptoms can take up to a week to
//! appear, and advises first considering a pause or a slower pace when they emerge. The
//! journal turns that into a comparison the patient can bring to the prescriber; it never
//! decides anything.

use crate::journal::CheckIn;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::cmp::Ordering;

/// Baseline: the 14 days before the step (the guideline's 2-week rhythm between steps).
pub const BASELINE_DAYS: i64 = 14;
/// At least half the baseline days must have a check-in, or a baseline mean says little.
pub const BASELINE_MIN_CHECK_INS: usize = 7;
/// After: up to 14 days from the step on, long enough for delayed withdrawal (up to a week).
pub const AFTER_DAYS: i64 = 14;
/// Five check-ins after the step before comparing; fewer days would over-read one bad day.
pub const AFTER_MIN_CHECK_INS: usize = 5;
/// "Still elevated" is judged on the most recent 7 days, so a rise that settled back does
/// not linger as a discussion point.
pub const RECENT_DAYS: i64 = 7;
/// Three check-ins in the recent week are needed to say whether a rise is still there.
pub const RECENT_MIN_CHECK_INS: usize = 3;
/// Anxiety (0–10): a rise of 2 points in the mean is beyond day-to-day noise on a 0–10 scale.
pub const ANXIETY_RISE: i64 = 2;
/// Sleep: an hour less a night on average is a change people and prescribers notice.
pub const SLEEP_FALL_QUARTER_HOURS: i64 = 4;
/// Daily symptom score (sum of severities 0–3): up by half AND by 3 points, so neither a
/// small score doubling (1 -> 2) nor a small change on a high score counts.
pub const SYMPTOM_SCORE_RISE_PERCENT: i64 = 50;
pub const SYMPTOM_SCORE_RISE_POINTS: i64 = 3;

/// An exact mean (sum / count), compared without rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mean {
    pub sum: i64,
    pub count: i64,
}

impl Mean {
    fn of(values: impl Iterator<Item = i64>) -> Mean {
        values.fold(Mean { sum: 0, count: 0 }, |m, v| Mean {
            sum: m.sum + v,
            count: m.count + 1,
        })
    }

    /// The mean in tenths, rounded half up (45 = 4.5).
    pub fn tenths(self) -> i64 {
        if self.count == 0 {
            return 0;
        }
        (self.sum * 20 + self.count) / (self.count * 2)
    }

    /// Compares `self - other` with `points` exactly: sign of (a/n - b/m - points).
    fn rise_cmp(self, other: Mean, points: i64) -> Ordering {
        (self.sum * other.count - other.sum * self.count).cmp(&(points * self.count * other.count))
    }
}

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Anxiety rating 0–10.
    Anxiety,
    /// Sleep in quarter hours.
    Sleep,
    /// Sum of the day's symptom severities.
    SymptomScore,
}

impl Measure {
    fn value(self, c: &CheckIn) -> Option<i64> {
        match self {
            Measure::Anxiety => c.anxiety.map(i64::from),
            Measure::Sleep => c.sleep.map(|q| i64::from(q.0)),
            // "None" severities are not stored, so a check-in that skipped the symptoms
            // counts as a score of 0: quick check-ins can lower a baseline a little.
            Measure::SymptomScore => Some(i64::from(c.symptom_score())),
        }
    }

    /// Whether `now` is worse than `baseline` by this measure's threshold.
    pub fn worse(self, baseline: Mean, now: Mean) -> bool {
        match self {
            Measure::Anxiety => now.rise_cmp(baseline, ANXIETY_RISE) != Ordering::Less,
            Measure::Sleep => baseline.rise_cmp(now, SLEEP_FALL_QUARTER_HOURS) != Ordering::Less,
            Measure::SymptomScore => {
                let by_points = now.rise_cmp(baseline, SYMPTOM_SCORE_RISE_POINTS) != Ordering::Less;
                // now >= baseline * (1 + p/100)  <=>  100·now.sum·b.count >= (100+p)·b.sum·now.count
                let by_share = 100 * now.sum * baseline.count
                    >= (100 + SYMPTOM_SCORE_RISE_PERCENT) * baseline.sum * now.count;
                by_points && by_share
            }
        }
    }
}

/// One measure that rose after the step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureChange {
    pub measure: Measure,
    pub before: Mean,
    pub after: Mean,
    /// The most recent week, when it has enough check-ins to judge.
    pub recent: Option<Mean>,
}

/// A measure with too few values before or after the step to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TooFewValues {
    pub measure: Measure,
    pub before: usize,
    pub after: usize,
}

/// The outcome of comparing the days around one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SymptomComparison {
    /// Not enough check-ins before or after the step to compare fairly.
    TooFewCheckIns {
        step_date: NaiveDate,
        before: usize,
        after: usize,
    },
    Compared {
        step_date: NaiveDate,
        /// How many days the after-window has so far (up to `AFTER_DAYS`).
        after_days: i64,
        /// Rose past the threshold after the step and still higher in the recent week.
        higher: Vec<MeasureChange>,
        /// Rose after the step, but the recent week has too few check-ins to tell whether it
        /// still is (`recent` is None).
        unjudged: Vec<MeasureChange>,
        /// Anxiety or sleep was noted after the step, but too rarely to compare.
        too_few: Vec<TooFewValues>,
        /// The measures compared that did not cross their line (or settled back), with
        /// their means, so a point about one measure can name how the others moved.
        others: Vec<MeasureChange>,
    },
}

fn within(check_ins: &[CheckIn], from: NaiveDate, to: NaiveDate) -> &[CheckIn] {
    let start = check_ins.partition_point(|c| c.date < from);
    let end = check_ins.partition_point(|c| c.date <= to);
    &check_ins[start..end.max(start)]
}

fn mean(days: &[CheckIn], m: Measure, min: usize) -> Option<Mean> {
    let mean = Mean::of(days.iter().filter_map(|c| m.value(c)));
    (mean.count as usize >= min).then_some(mean)
}

fn values(days: &[CheckIn], m: Measure) -> usize {
    days.iter().filter(|c| m.value(c).is_some()).count()
}

/// Compares the check-ins around the step on `step_date`, as seen on `end` (the last day
/// of the period, usually today). `check_ins` must be sorted by date.
pub fn compare_around_step(
    check_ins: &[CheckIn],
    step_date: NaiveDate,
    end: NaiveDate,
) -> SymptomComparison {
    let before = within(
        check_ins,
        step_date - Duration::days(BASELINE_DAYS),
        step_date - Duration::days(1),
    );
    let after_end = (step_date + Duration::days(AFTER_DAYS - 1)).min(end);
    let after = within(check_ins, step_date, after_end);
    if before.len() < BASELINE_MIN_CHECK_INS || after.len() < AFTER_MIN_CHECK_INS {
        return SymptomComparison::TooFewCheckIns {
            step_date,
            before: before.len(),
            after: after.len(),
        };
    }
    // The recent week never reaches back before the step: days before it are the baseline.
    let recent_from = (end - Duration::days(RECENT_DAYS - 1)).max(step_date);
    let recent_days = within(check_ins, recent_from, end);
    let mut higher = Vec::new();
    let mut unjudged = Vec::new();
    let mut too_few = Vec::new();
    let mut others = Vec::new();
    for m in [Measure::Anxiety, Measure::Sleep, Measure::SymptomScore] {
        let (Some(b), Some(a)) = (
            mean(before, m, BASELINE_MIN_CHECK_INS),
            mean(after, m, AFTER_MIN_CHECK_INS),
        ) else {
            // Say so only when there is something after the step to compare.
            if values(after, m) > 0 {
                too_few.push(TooFewValues {
                    measure: m,
                    before: values(before, m),
                    after: values(after, m),
                });
            }
            continue;
        };
        let recent = mean(recent_days, m, RECENT_MIN_CHECK_INS);
        if !m.worse(b, a) {
            others.push(MeasureChange {
                measure: m,
                before: b,
                after: a,
                recent,
            });
            continue;
        }
        match recent {
            // Settled back in the recent week: no point of its own, only named beside one.
            Some(r) if !m.worse(b, r) => others.push(MeasureChange {
                measure: m,
                before: b,
                after: a,
                recent: Some(r),
            }),
            Some(r) => higher.push(MeasureChange {
                measure: m,
                before: b,
                after: a,
                recent: Some(r),
            }),
            None => unjudged.push(MeasureChange {
                measure: m,
                before: b,
                after: a,
                recent: None,
            }),
        }
    }
    SymptomComparison::Compared {
        step_date,
        after_days: (after_end - step_date).num_days() + 1,
        higher,
        unjudged,
        too_few,
        others,
    }
}

/// One measure's means around a step, however few values there are (the counts say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MeansAround {
    pub measure: Measure,
    pub before: Mean,
    pub after: Mean,
}

/// The means of anxiety, sleep and the symptom score in the same windows the comparison
/// uses: the `BASELINE_DAYS` before the step and up to `AFTER_DAYS` from it on, not past
/// `end`. For the clinic summary's step table, which shows them for every step with their
/// counts; whether a rise counts is decided only by `compare_around_step`. Also returns how
/// many days the after-window has so far. `check_ins` must be sorted by date.
pub fn means_around_step(
    check_ins: &[CheckIn],
    step_date: NaiveDate,
    end: NaiveDate,
) -> (i64, [MeansAround; 3]) {
    let before = within(
        check_ins,
        step_date - Duration::days(BASELINE_DAYS),
        step_date - Duration::days(1),
    );
    let after_end = (step_date + Duration::days(AFTER_DAYS - 1)).min(end);
    let after = within(check_ins, step_date, after_end);
    let of = |m: Measure| MeansAround {
        measure: m,
        before: Mean::of(before.iter().filter_map(|c| m.value(c))),
        after: Mean::of(after.iter().filter_map(|c| m.value(c))),
    };
    (
        ((after_end - step_date).num_days() + 1).max(0),
        [
            of(Measure::Anxiety),
            of(Measure::Sleep),
            of(Measure::SymptomScore),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(sum: i64, count: i64) -> Mean {
        Mean { sum, count }
    }

    #[test]
    fn thresholds_are_inclusive_and_exact() {
        // Anxiety 3.0 -> 5.0 is exactly +2: raised. 3.0 -> 4.9 (49/10) is not.
        assert!(Measure::Anxiety.worse(m(21, 7), m(25, 5)));
        assert!(!Measure::Anxiety.worse(m(21, 7), m(49, 10)));
        // Sleep 7 h (28 quarter hours) -> 6 h (24): one hour less, raised; 6.25 h is not.
        assert!(Measure::Sleep.worse(m(28 * 7, 7), m(24 * 5, 5)));
        assert!(!Measure::Sleep.worse(m(28 * 7, 7), m(25 * 5, 5)));
        // Symptom score 4 -> 6: +50 % but only +2 points: not raised. 6 -> 9: both, raised.
        assert!(!Measure::SymptomScore.worse(m(28, 7), m(30, 5)));
        assert!(Measure::SymptomScore.worse(m(42, 7), m(45, 5)));
        // 8 -> 11: +3 points but +37.5 %: not raised. 0 -> 3: raised.
        assert!(!Measure::SymptomScore.worse(m(56, 7), m(55, 5)));
        assert!(Measure::SymptomScore.worse(m(0, 7), m(15, 5)));
    }

    #[test]
    fn means_are_shown_in_tenths() {
        assert_eq!(m(22, 7).tenths(), 31); // 3.142…
        assert_eq!(m(9, 2).tenths(), 45);
        assert_eq!(m(0, 0).tenths(), 0);
    }
}
