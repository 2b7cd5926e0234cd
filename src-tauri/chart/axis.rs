//! Axes with ticks chosen here rather than by plotters: dates at whole days, weeks, months
//! or years ("3 Nov", "Nov 2026", "2026"), and rating scales at round values.

use super::Period;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use std::ops::Range;

/// A linear axis over `range` with ticks at exactly `ticks`.
#[derive(Debug, Clone)]
pub(crate) struct Ticks {
    pub range: Range<f64>,
    pub ticks: Vec<f64>,
}

impl Ticks {
    pub(crate) fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
        Ticks { range, ticks }
    }
}

impl Ranged for Ticks {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, (lo, hi): (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if !(span.is_finite() && span != 0.0 && v.is_finite()) {
            return lo;
        }
        let t = ((v - self.range.start) / span).clamp(0.0, 1.0);
        lo + (t * f64::from(hi - lo)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // The light grid asks for more points than labels; this axis has no light grid.
        if hint.max_num_points() == 0 || hint.max_num_points() > hint.bold_points() {
            return Vec::new();
        }
        self.ticks.clone()
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

impl ValueFormatter<f64> for Ticks {
    fn format_ext(&self, value: &f64) -> String {
        super::number_text(*value, 2)
    }
}

/// How far apart date ticks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TickStep {
    Days(u32),
    /// On Mondays.
    Weeks(u32),
    /// On the first of the month.
    Months(u32),
    /// On 1 January.
    Years(u32),
}

/// Finest first; the first step that fits the width wins.
const STEPS: [TickStep; 13] = [
    TickStep::Days(1),
    TickStep::Days(2),
    TickStep::Weeks(1),
    TickStep::Weeks(2),
    TickStep::Months(1),
    TickStep::Months(2),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
    TickStep::Years(10),
    TickStep::Years(25),
];

/// Date ticks for an axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateTicks {
    pub step: TickStep,
    pub dates: Vec<NaiveDate>,
}

impl DateTicks {
    /// Tick label: "3 Nov" for days and weeks, "Nov 2026" for months, "2026" for years.
    pub(crate) fn label(&self, d: NaiveDate) -> String {
        match self.step {
            TickStep::Days(_) | TickStep::Weeks(_) => d.format("%-d %b").to_string(),
            TickStep::Months(_) => d.format("%b %Y").to_string(),
            TickStep::Years(_) => d.format("%Y").to_string(),
        }
    }

    /// The x axis title: day labels carry no year, so the title gives it.
    pub(crate) fn axis_title(&self, p: Period) -> String {
        match self.step {
            TickStep::Days(_) | TickStep::Weeks(_) if p.start.year() == p.end.year() => {
                format!("Date ({})", p.end.year())
            }
            TickStep::Days(_) | TickStep::Weeks(_) => {
                format!("Date ({}–{})", p.start.year(), p.end.year())
            }
            _ => "Date".to_string(),
        }
    }

    /// The axis: x is days since the period start, each tick at the start of its day (where
    /// a dose step on that day is drawn; the day's own values sit half a day to the right).
    pub(crate) fn axis(&self, p: Period) -> Ticks {
        Ticks::new(
            0.0..p.days() as f64,
            self.dates.iter().map(|d| p.x(*d)).collect(),
        )
    }
}

/// The finest ticks of which at most `max_ticks` (at least 2) fall in the period.
pub(crate) fn date_ticks(p: Period, max_ticks: usize) -> DateTicks {
    let max_ticks = max_ticks.max(2);
    let mut last = None;
    for step in STEPS {
        let dates = ticks_for(p, step, max_ticks + 1);
        if dates.len() <= max_ticks {
            return DateTicks { step, dates };
        }
        last = Some(DateTicks { step, dates });
    }
    // Unreachable for periods of at most a hundred years; keep the coarsest anyway.
    let mut t = last.unwrap_or(DateTicks {
        step: TickStep::Years(25),
        dates: Vec::new(),
    });
    t.dates.truncate(max_ticks);
    t
}

/// The tick dates of `step` within the period, stopping after `limit`.
fn ticks_for(p: Period, step: TickStep, limit: usize) -> Vec<NaiveDate> {
    let first = match step {
        TickStep::Days(_) => Some(p.start),
        TickStep::Weeks(_) => {
            let back = p.start.weekday().days_since(Weekday::Mon);
            let monday = p.start.checked_sub_days(Days::new(u64::from(back)));
            monday.and_then(|m| {
                if m < p.start {
                    m.checked_add_days(Days::new(7))
                } else {
                    Some(m)
                }
            })
        }
        TickStep::Months(n) => {
            let month0 = p.start.month0();
            let first_of_month = p.start.with_day(1);
            let aligned = first_of_month.and_then(|f| {
                // Multiples of n months from January: Jan/Apr/Jul/Oct for quarters.
                let back = month0 % n;
                f.checked_sub_months(Months::new(back))
            });
            aligned.and_then(|a| {
                if a < p.start {
                    a.checked_add_months(Months::new(n))
                } else {
                    Some(a)
                }
            })
        }
        TickStep::Years(n) => {
            let y = p.start.year();
            let aligned = y - y.rem_euclid(n as i32);
            NaiveDate::from_ymd_opt(aligned, 1, 1).and_then(|a| {
                if a < p.start {
                    NaiveDate::from_ymd_opt(aligned + n as i32, 1, 1)
                } else {
                    Some(a)
                }
            })
        }
    };
    let mut out = Vec::new();
    let mut next = first;
    while let Some(d) = next {
        if d > p.end || out.len() >= limit {
            break;
        }
        out.push(d);
        next = match step {
            TickStep::Days(n) => d.checked_add_days(Days::new(u64::from(n))),
            TickStep::Weeks(n) => d.checked_add_days(Days::new(7 * u64::from(n))),
            TickStep::Months(n) => d.checked_add_months(Months::new(n)),
            TickStep::Years(n) => d.checked_add_months(Months::new(12 * n)),
        };
    }
    out
}

/// About how many date labels fit in `plot_width` pixels ("Nov 2026" plus a gap).
pub(crate) fn max_date_ticks(plot_width: u32) -> usize {
    (plot_width / 80) as usize
}

/// Round steps for a 0..max value axis: about five ticks at 1, 2 or 5 times a power of ten.
pub(crate) fn value_ticks(max: f64) -> (f64, Vec<f64>) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let pow = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow);
    let top = (max / step).ceil() * step;
    let n = (top / step).round() as usize;
    (top, (0..=n).map(|i| i as f64 * step).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn period(a: NaiveDate, b: NaiveDate) -> Period {
        Period { start: a, end: b }
    }

    #[test]
    fn eight_weeks_tick_on_mondays_with_day_labels() {
        // 28 Sep 2026 is a Monday; 1 Oct is a Thursday, so the first Monday is 5 Oct.
        let p = period(d(2026, 10, 1), d(2026, 11, 25));
        let t = date_ticks(p, 10);
        assert_eq!(t.step, TickStep::Weeks(1));
        assert_eq!(t.dates.first(), Some(&d(2026, 10, 5)));
        assert_eq!(t.dates.len(), 8);
        assert_eq!(t.label(d(2026, 11, 3)), "3 Nov");
        assert_eq!(t.axis_title(p), "Date (2026)");
        // Ticks sit at the start of their day, 5 Oct being day 4 of the period.
        assert_eq!(t.axis(p).ticks[0], 4.0);
    }

    #[test]
    fn a_year_ticks_on_months_and_ten_years_on_years() {
        let p = period(d(2025, 11, 23), d(2026, 11, 22));
        let t = date_ticks(p, 12);
        assert_eq!(t.step, TickStep::Months(1));
        assert_eq!(t.dates[0], d(2025, 12, 1));
        assert_eq!(t.label(t.dates[0]), "Dec 2025");
        assert_eq!(t.axis_title(p), "Date");

        let quarters = date_ticks(p, 5);
        assert_eq!(quarters.step, TickStep::Months(3));
        assert_eq!(
            quarters.dates,
            vec![d(2026, 1, 1), d(2026, 4, 1), d(2026, 7, 1), d(2026, 10, 1)]
        );

        let ten = period(d(2016, 11, 25), d(2026, 11, 22));
        let t = date_ticks(ten, 11);
        assert_eq!(t.step, TickStep::Years(1));
        assert_eq!(t.dates.len(), 10);
        assert_eq!(t.label(t.dates[0]), "2017");
    }

    #[test]
    fn a_single_day_has_one_tick_and_short_spans_give_the_years() {
        let p = period(d(2026, 11, 22), d(2026, 11, 22));
        let t = date_ticks(p, 0);
        assert_eq!(t.dates, vec![d(2026, 11, 22)]);
        let p = period(d(2025, 12, 20), d(2026, 1, 5));
        assert_eq!(date_ticks(p, 20).axis_title(p), "Date (2025–2026)");
    }

    #[test]
    fn value_ticks_are_round() {
        assert_eq!(value_ticks(2.0), (2.0, vec![0.0, 0.5, 1.0, 1.5, 2.0]));
        assert_eq!(value_ticks(13.0).0, 15.0);
        assert_eq!(value_ticks(0.0).0, 1.0);
        assert_eq!(value_ticks(f64::NAN).0, 1.0);
        let (top, ticks) = value_ticks(1800.0);
        assert_eq!(top, 2000.0);
        assert_eq!(ticks.len(), 5);
    }
}
