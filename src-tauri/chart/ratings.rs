//! Daily ratings against the dose steps: anxiety, mood and sleep quality (0–10) above,
//! sleep hours below, each as daily points with a 7-day rolling mean; a vertical line at
//! every step and the 7 days after each reduction shaded, in both panels.

use super::axis::{date_ticks, max_date_ticks, Ticks};
use super::draw::{
    frame, panel, plot_message, vertical_lines, Glyph, LegendItem, Marker, PanelSpec, Plot, Shape,
    BLACK, BLUE, BLUISH_GREEN, VERMILLION,
};
use super::rolling_mean::{trailing_mean, ROLLING_DAYS};
use super::svg::{Dash, Drawn, Ink, Pen};
use super::{
    count_text, empty, finish, number_text, period_text, Chart, Period, RatingsChart, Size,
};
use crate::journal::rating_scales;
use chrono::NaiveDate;
use plotters::element::{PathElement, Rectangle};
use plotters::style::{Color, RGBColor};

const TITLE: &str = "Ratings and sleep";

/// Over longer periods the daily points would blur into a band; the means stay.
const MAX_DAYS_WITH_POINTS: i64 = 366;

/// Shading of the days after a reduction: light enough for points to stay legible.
const AFTER_REDUCTION: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);
const STEP_LINE: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Step lines closer than this many pixels on average are drawn lighter, so that years of
/// monthly steps do not grey out the data.
const DENSE_STEP_PX: usize = 12;
const DENSE_STEP_LINE: RGBColor = RGBColor(0xB4, 0xB4, 0xB4);

/// How a reduction's aftermath is shaded: withdrawal symptoms can follow a reduction by up
/// to a week.
const AFTER_REDUCTION_DAYS: f64 = 7.0;

/// How one series is named and drawn.
struct Style {
    /// In the summary, with the unit after each number.
    name: &'static str,
    unit: &'static str,
    /// In the legend, with the direction of the scale.
    legend: &'static str,
    class_points: &'static str,
    class_mean: &'static str,
    color: RGBColor,
    shape: Shape,
    dash: Dash,
}

const ANXIETY: Style = Style {
    name: "anxiety",
    unit: "",
    legend: rating_scales::ANXIETY.legend,
    class_points: "points points-anxiety",
    class_mean: "series mean-anxiety",
    color: VERMILLION,
    shape: Shape::Circle,
    dash: Dash::Solid,
};
const MOOD: Style = Style {
    name: "mood",
    unit: "",
    legend: rating_scales::MOOD.legend,
    class_points: "points points-mood",
    class_mean: "series mean-mood",
    color: BLUE,
    shape: Shape::Square,
    dash: Dash::Long,
};
const SLEEP_QUALITY: Style = Style {
    name: "sleep quality",
    unit: "",
    legend: rating_scales::SLEEP_QUALITY.legend,
    class_points: "points points-sleep-quality",
    class_mean: "series mean-sleep-quality",
    color: BLUISH_GREEN,
    shape: Shape::TriangleUp,
    dash: Dash::Short,
};
const SLEEP_HOURS: Style = Style {
    name: "sleep",
    unit: " h",
    legend: rating_scales::SLEEP_HOURS.legend,
    class_points: "points points-sleep-hours",
    class_mean: "series mean-sleep-hours",
    color: BLACK,
    shape: Shape::Diamond,
    dash: Dash::Solid,
};

/// One series as drawn.
struct Series {
    style: &'static Style,
    /// Daily values inside the period, as (x, value) at the middle of the day.
    points: Vec<(f64, f64)>,
    /// 7-day means by day of the period.
    means: Vec<Option<f64>>,
}

impl Series {
    fn new(style: &'static Style, values: Vec<(NaiveDate, f64)>, p: Period) -> Self {
        Series {
            style,
            points: values
                .iter()
                .filter(|(d, _)| p.contains(*d))
                .map(|(d, v)| (p.x(*d) + 0.5, *v))
                .collect(),
            means: trailing_mean(&values, p, ROLLING_DAYS),
        }
    }

    /// First and last 7-day mean in the period.
    fn first_last(&self) -> Option<(f64, f64)> {
        let first = self.means.iter().flatten().next()?;
        let last = self.means.iter().rev().flatten().next()?;
        Some((*first, *last))
    }

    fn legend_item(&self) -> LegendItem {
        LegendItem::new(
            Glyph::Line {
                color: self.style.color,
                width: 2,
                dash: self.style.dash,
                marker: Some(self.style.shape),
            },
            self.style.legend,
        )
    }
}

fn ratings(values: &[(NaiveDate, u8)]) -> Vec<(NaiveDate, f64)> {
    values
        .iter()
        .filter(|(_, v)| *v <= 10)
        .map(|(d, v)| (*d, f64::from(*v)))
        .collect()
}

/// Draws the ratings chart.
pub fn ratings_chart(c: &RatingsChart, size: Size) -> Chart {
    let size = size.clamped();
    let p = c.period.normalized();
    let rating_series = [
        Series::new(&ANXIETY, ratings(&c.anxiety), p),
        Series::new(&MOOD, ratings(&c.mood), p),
        Series::new(&SLEEP_QUALITY, ratings(&c.sleep_quality), p),
    ];
    let sleep = Series::new(
        &SLEEP_HOURS,
        c.sleep_hours
            .iter()
            .copied()
            .filter(|(_, h)| h.is_finite() && (0.0..=24.0).contains(h))
            .collect(),
        p,
    );
    let has_ratings = rating_series.iter().any(|s| !s.points.is_empty());
    let has_sleep = !sleep.points.is_empty();
    if !has_ratings && !has_sleep {
        return empty(size, TITLE, p);
    }
    let steps: Vec<f64> = in_period(&c.step_dates, p);
    let reductions: Vec<f64> = in_period(&c.reduction_dates, p);
    let show_points = p.days() <= MAX_DAYS_WITH_POINTS;
    let step_color = if steps.len() * DENSE_STEP_PX > size.0 as usize {
        DENSE_STEP_LINE
    } else {
        STEP_LINE
    };

    // Summary: how each 7-day mean moved over the period, and the steps.
    let mut parts: Vec<String> = rating_series
        .iter()
        .chain(std::iter::once(&sleep))
        .filter(|s| !s.points.is_empty())
        .filter_map(|s| {
            let (a, b) = s.first_last()?;
            let unit = s.style.unit;
            Some(format!(
                "{} from {}{unit} to {}{unit}",
                s.style.name,
                number_text(a, 1),
                number_text(b, 1)
            ))
        })
        .collect();
    if let Some(first) = parts.first_mut() {
        *first = format!("7-day mean {first}");
    }
    let mut summary = format!("Ratings chart, {}: {}", period_text(p), parts.join(", "));
    if !steps.is_empty() {
        summary.push_str(&format!(
            "; {} marked, {} shaded for 7 days",
            count_text(steps.len(), "dose step", "dose steps"),
            count_text(reductions.len(), "reduction", "reductions"),
        ));
    }
    summary.push('.');
    if !show_points {
        summary.push_str(" Over periods longer than a year only the 7-day means are drawn.");
    }

    let mut legend: Vec<LegendItem> = rating_series
        .iter()
        .chain(std::iter::once(&sleep))
        .map(Series::legend_item)
        .collect();
    if !steps.is_empty() {
        legend.push(LegendItem::new(
            Glyph::Line {
                color: step_color,
                width: 1,
                dash: Dash::Short,
                marker: None,
            },
            "Dose step",
        ));
    }
    if !reductions.is_empty() {
        legend.push(LegendItem::new(
            Glyph::Swatch {
                fill: AFTER_REDUCTION,
            },
            "7 days after a reduction",
        ));
    }
    let how = if show_points {
        "points: each day; lines: 7-day mean"
    } else {
        "7-day mean"
    };
    let ratings_title = format!("Anxiety, mood and sleep quality, 0–10 ({how})");
    let sleep_title = format!("Sleep, hours ({how})");
    let sleep_top = sleep.points.iter().map(|(_, h)| *h).fold(0.0, f64::max);
    let (sleep_max, sleep_ticks) = if sleep_top <= 12.0 {
        (12.0, vec![0.0, 3.0, 6.0, 9.0, 12.0])
    } else {
        (24.0, vec![0.0, 6.0, 12.0, 18.0, 24.0])
    };

    finish(size, TITLE, summary, |root, pen| {
        let rest = frame(root, pen, &legend)?;
        let (w, _) = root.dim_in_pixel();
        let (_, h) = rest.dim_in_pixel();
        let (top_area, bottom_area) = rest.split_vertically(h * 3 / 5);
        let dates = date_ticks(p, max_date_ticks(w.saturating_sub(60)));
        let marks = Marks {
            steps: &steps,
            reductions: &reductions,
            color: step_color,
        };
        let rating_format = |v: f64| number_text(v, 0);
        let mut top = panel(
            &top_area,
            &PanelSpec {
                period: p,
                dates: &dates,
                y: Ticks::new(-0.4..10.4, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]),
                y_title: &ratings_title,
                y_format: &rating_format,
                x_labels: false,
                right: 0,
                keep_all_y_ticks: false,
            },
        )?;
        marks.draw(&mut top, pen)?;
        if has_ratings {
            for s in &rating_series {
                draw_series(&mut top, pen, s, show_points, p)?;
            }
        } else {
            plot_message(&top, "No ratings in this period")?;
        }
        let hour_format = |v: f64| number_text(v, 0);
        let mut bottom = panel(
            &bottom_area,
            &PanelSpec {
                period: p,
                dates: &dates,
                y: Ticks::new(-0.02 * sleep_max..sleep_max * 1.02, sleep_ticks.clone()),
                y_title: &sleep_title,
                y_format: &hour_format,
                x_labels: true,
                right: 0,
                keep_all_y_ticks: false,
            },
        )?;
        marks.draw(&mut bottom, pen)?;
        if has_sleep {
            draw_series(&mut bottom, pen, &sleep, show_points, p)?;
        } else {
            plot_message(&bottom, "No sleep hours in this period")?;
        }
        pen.clear();
        Ok(())
    })
}

fn in_period(dates: &[NaiveDate], p: Period) -> Vec<f64> {
    let mut v: Vec<f64> = dates
        .iter()
        .filter(|d| p.contains(**d))
        .map(|d| p.x(*d))
        .collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// Dose steps and the days after reductions, drawn under the data of each panel.
struct Marks<'m> {
    steps: &'m [f64],
    reductions: &'m [f64],
    color: RGBColor,
}

impl Marks<'_> {
    fn draw(&self, plot: &mut Plot, pen: &Pen) -> Drawn {
        let (x_end, y) = (plot.x_range().end, plot.y_range());
        pen.set(Ink::named("after-reduction"));
        plot.draw_series(self.reductions.iter().map(|x| {
            Rectangle::new(
                [
                    (*x, y.start),
                    ((x + AFTER_REDUCTION_DAYS).min(x_end), y.end),
                ],
                AFTER_REDUCTION.filled(),
            )
        }))?;
        vertical_lines(
            plot,
            pen,
            Ink::dashed("step-line", Dash::Short),
            self.steps,
            self.color,
        )
    }
}

/// Daily points (short periods) and the 7-day mean as one path, broken where a week has no
/// value.
fn draw_series(plot: &mut Plot, pen: &Pen, s: &Series, show_points: bool, p: Period) -> Drawn {
    if show_points {
        pen.set(Ink::named(s.style.class_points));
        plot.draw_series(
            s.points
                .iter()
                .map(|at| Marker::filled(*at, s.style.shape, 3, s.style.color.mix(0.55))),
        )?;
    }
    // Long periods: one mean per few days is as fine as the pixels allow.
    let (w, _) = plot.plotting_area().dim_in_pixel();
    let stride = (p.days() as usize / (w as usize).max(1)).max(1);
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, m) in s.means.iter().enumerate() {
        match m {
            Some(v) => {
                if i % stride == 0 || i + 1 == s.means.len() {
                    run.push((i as f64 + 0.5, *v));
                }
            }
            None => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    pen.set(Ink::dashed(s.style.class_mean, s.style.dash));
    plot.draw_series(
        runs.into_iter()
            .map(|r| PathElement::new(r, s.style.color.stroke_width(2))),
    )?;
    pen.clear();
    Ok(())
}
