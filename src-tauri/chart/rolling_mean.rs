//! The 7-day rolling mean drawn through daily ratings.

use super::Period;
use chrono::NaiveDate;

/// A week: long enough to smooth day-to-day swings, short enough to show the change after
/// a step (withdrawal symptoms can follow a reduction by up to a week).
pub(crate) const ROLLING_DAYS: i64 = 7;

/// For each day of `period`: the mean of the values dated in the trailing `window` calendar
/// days ending that day (that day included), or `None` when none falls in the window.
/// Values before the period count for its first days. Non-finite values are ignored.
pub(crate) fn trailing_mean(
    values: &[(NaiveDate, f64)],
    period: Period,
    window: i64,
) -> Vec<Option<f64>> {
    let days = period.days().max(0) as usize;
    let window = window.max(1);
    // Day sums from `window - 1` days before the period, so the first windows are full.
    let lead = (window - 1) as usize;
    let mut sum = vec![0.0; lead + days];
    let mut count = vec![0u32; lead + days];
    for (d, v) in values {
        if !v.is_finite() {
            continue;
        }
        let i = (*d - period.start).num_days() + lead as i64;
        if (0..(lead + days) as i64).contains(&i) {
            sum[i as usize] += v;
            count[i as usize] += 1;
        }
    }
    let (mut s, mut n) = (0.0, 0u32);
    let mut out = Vec::with_capacity(days);
    for i in 0..lead + days {
        s += sum[i];
        n += count[i];
        if i >= window as usize {
            s -= sum[i - window as usize];
            n -= count[i - window as usize];
        }
        if i >= lead {
            out.push(if n > 0 { Some(s / f64::from(n)) } else { None });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn mean_of_the_values_present_in_the_last_seven_days() {
        let period = Period {
            start: d(8),
            end: d(20),
        };
        // Anxiety 4 on 2 Nov (before the period), 6 on 8 Nov, 8 on 9 Nov, nothing after.
        let values = [(d(2), 4.0), (d(8), 6.0), (d(9), 8.0), (d(10), f64::NAN)];
        let m = trailing_mean(&values, period, ROLLING_DAYS);
        assert_eq!(m.len(), 13);
        // 8 Nov: window 2–8 Nov holds 4 and 6 -> 5.
        assert_eq!(m[0], Some(5.0));
        // 9 Nov: window 3–9 Nov holds 6 and 8 -> 7 (2 Nov has left the window).
        assert_eq!(m[1], Some(7.0));
        // 15 Nov: window 9–15 Nov holds 8 alone.
        assert_eq!(m[7], Some(8.0));
        // 16 Nov: window 10–16 Nov holds nothing (NaN ignored).
        assert_eq!(m[8], None);
        assert_eq!(m[12], None);
    }

    #[test]
    fn every_day_counted_once_and_later_values_ignored() {
        let period = Period {
            start: d(1),
            end: d(7),
        };
        let values: Vec<_> = (1..=8).map(|i| (d(i), f64::from(i))).collect();
        let m = trailing_mean(&values, period, 7);
        // 7 Nov: (1+…+7)/7 = 4; 8 Nov lies after the period.
        assert_eq!(m[6], Some(4.0));
        assert_eq!(m[0], Some(1.0));
    }
}
