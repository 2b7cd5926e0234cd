//! The Trends charts beside the same points drawn through plotters alone (issue 15, item 7),
//! on the seeded synthetic 10-year journal.
//!
//! `charts_10y/ours/<period>`: `views::charts::charts(&data, 900)`, the four charts as the
//! screen gets them. `charts_10y/plotters_alone/<period>`: the same series, taken from the
//! same `data` once before timing, drawn at the same sizes by plotters' own `SVGBackend`
//! with plain line series: no axes, labels, legends, text alternative, rolling means,
//! shading or binning. Charts ÷ plotters alone is the number; BENCHMARKS.md has the medians.
//! Run with `cargo bench --bench charts`.

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/modest.rs"]
mod modest;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use plotters::prelude::*;
use std::hint::black_box;
use taper_journal::journal::QuestionnaireKind;
use taper_journal::views::charts::{charts, ChartView};
use taper_journal::views::period_data::{load_period, PeriodChoice, PeriodData};

/// The width the page asks for on a typical laptop window (as in benches/trends.rs).
const WIDTH: u32 = 900;
const PERIODS: [PeriodChoice; 2] = [PeriodChoice::Weeks8, PeriodChoice::Everything];
/// Planned steps up to this many days ahead widen the dose chart's time line (as ours).
const PLANNED_AHEAD_DAYS: i64 = 120;

type Points = Vec<(f64, f64)>;

/// One plot: its lines over an x range of days since the period's start and a y range.
struct Plot {
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    lines: Vec<Points>,
}

/// One chart: its size and its plots stacked top to bottom (fractions of the height).
struct Baseline {
    size: (u32, u32),
    plots: Vec<(f64, Plot)>,
}

fn plots(c: &mut Criterion) {
    let s = synthetic::generate(10);
    eprintln!("{}", s.stats);
    let mut group = c.benchmark_group("charts_10y");
    group.sampling_mode(SamplingMode::Flat);
    for period in PERIODS {
        let data = load_period(&s.journal, period, s.today)
            .expect("load")
            .expect("set up");
        let ours = charts(&data, WIDTH);
        let baseline = baseline_inputs(&data, &ours);
        let drawn: Vec<String> = baseline.iter().map(draw).collect();
        eprintln!(
            "10 y, {}: ours {} charts, {} KB of SVG; plotters alone {} lines, {} points, {} KB",
            period.key(),
            ours.len(),
            ours.iter().map(|c| c.svg.len()).sum::<usize>() / 1024,
            baseline
                .iter()
                .flat_map(|b| &b.plots)
                .map(|(_, p)| p.lines.len())
                .sum::<usize>(),
            baseline
                .iter()
                .flat_map(|b| &b.plots)
                .flat_map(|(_, p)| &p.lines)
                .map(Vec::len)
                .sum::<usize>(),
            drawn.iter().map(String::len).sum::<usize>() / 1024,
        );
        group.bench_function(BenchmarkId::new("ours", period.key()), |b| {
            b.iter(|| charts(black_box(&data), WIDTH))
        });
        group.bench_function(BenchmarkId::new("plotters_alone", period.key()), |b| {
            b.iter(|| black_box(&baseline).iter().map(draw).collect::<Vec<_>>())
        });
    }
    group.finish();
}

/// Draws one chart's lines with plotters' SVG backend: a white background and one line
/// series per line, nothing else.
fn draw(chart: &Baseline) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, chart.size).into_drawing_area();
        root.fill(&WHITE).expect("fill");
        let mut rest = root.clone();
        for (share, plot) in &chart.plots {
            let h = (f64::from(chart.size.1) * share).round() as u32;
            let (area, below) = rest.split_vertically(h);
            let mut c = ChartBuilder::on(&area)
                .build_cartesian_2d(plot.x.clone(), plot.y.clone())
                .expect("coordinates");
            for line in &plot.lines {
                c.draw_series(LineSeries::new(line.iter().copied(), &BLUE))
                    .expect("line");
            }
            rest = below;
        }
        root.present().expect("present");
    }
    svg
}

/// The series each of our charts draws, as points, at our charts' sizes (read from their
/// SVG): dose (each medication's steps as a step line, taken and planned), ratings
/// (anxiety, mood, sleep quality above; sleep hours below), symptoms (each symptom's
/// severity by day) and, when there are any, GAD-7 and PHQ-9 (one panel each).
fn baseline_inputs(data: &PeriodData, ours: &[ChartView]) -> Vec<Baseline> {
    let (start, end) = (data.period.start, data.period.end);
    let x = |d: NaiveDate| (d - start).num_days() as f64;
    let in_period = |d: NaiveDate| start <= d && d <= end;
    let size_of = |key: &str| {
        let svg = &ours.iter().find(|c| c.key == key).expect("the chart").svg;
        let attr = |name: &str| -> u32 {
            let from = svg.find(&format!(" {name}=\"")).expect("the size") + name.len() + 3;
            svg[from..]
                .split('"')
                .next()
                .expect("a number")
                .parse()
                .expect("a number")
        };
        (attr("width"), attr("height"))
    };
    let days = (end - start).num_days() as f64 + 1.0;
    let mut out = Vec::new();

    // Dose: the dose in effect at the start, then every step; planned steps ahead.
    let dose_end = data
        .planned
        .iter()
        .map(|p| p.date)
        .filter(|d| *d > end && (*d - end).num_days() <= PLANNED_AHEAD_DAYS)
        .max()
        .map_or(end, |d| d + chrono::Duration::days(7));
    let dose_days = (dose_end - start).num_days() as f64 + 1.0;
    let mg = |m: taper_journal::journal::Micrograms| f64::from(m.0) / 1000.0;
    let mut lines = Vec::new();
    let mut top: f64 = 0.0;
    for m in &data.medications {
        let steps: Vec<_> = data
            .steps
            .iter()
            .filter(|s| s.medication_id == m.id && s.date <= end)
            .collect();
        let before = steps.iter().rev().find(|s| s.date <= start);
        let taken: Points = before
            .map(|s| (0.0, mg(s.dose)))
            .into_iter()
            .chain(
                steps
                    .iter()
                    .filter(|s| s.date > start)
                    .map(|s| (x(s.date), mg(s.dose))),
            )
            .collect();
        // A medication stopped before the period is not drawn.
        let Some(&(_, now)) = taken.last().filter(|_| taken.iter().any(|p| p.1 > 0.0)) else {
            continue;
        };
        let planned: Points = data
            .planned
            .iter()
            .filter(|p| p.medication_id == m.id && p.date > end && p.date <= dose_end)
            .map(|p| (x(p.date), mg(p.dose)))
            .collect();
        top = taken
            .iter()
            .chain(&planned)
            .map(|p| p.1)
            .fold(top, f64::max);
        lines.push(step_line(&taken, x(end) + 1.0));
        if !planned.is_empty() {
            let from_today: Points = std::iter::once((x(end) + 1.0, now))
                .chain(planned)
                .collect();
            lines.push(step_line(&from_today, dose_days));
        }
    }
    out.push(Baseline {
        size: size_of("dose"),
        plots: vec![(
            1.0,
            Plot {
                x: 0.0..dose_days,
                y: 0.0..top * 1.05 + 0.001,
                lines,
            },
        )],
    });

    // Ratings: each day's value at the middle of the day.
    let shown: Vec<_> = data
        .check_ins
        .iter()
        .filter(|c| in_period(c.date))
        .collect();
    let series = |value: &dyn Fn(&taper_journal::journal::CheckIn) -> Option<f64>| -> Points {
        shown
            .iter()
            .filter_map(|c| value(c).map(|v| (x(c.date) + 0.5, v)))
            .collect()
    };
    out.push(Baseline {
        size: size_of("ratings"),
        plots: vec![
            (
                0.6,
                Plot {
                    x: 0.0..days,
                    y: -0.4..10.4,
                    lines: vec![
                        series(&|c| c.anxiety.map(f64::from)),
                        series(&|c| c.mood.map(f64::from)),
                        series(&|c| c.sleep_quality.map(f64::from)),
                    ],
                },
            ),
            (
                0.4,
                Plot {
                    x: 0.0..days,
                    y: -0.24..12.24,
                    lines: vec![series(&|c| c.sleep.map(|q| f64::from(q.0) / 4.0))],
                },
            ),
        ],
    });

    // Symptoms: each symptom's severity on the days it was noted.
    let mut rows: std::collections::BTreeMap<&str, Points> = Default::default();
    for c in &shown {
        for s in &c.symptoms {
            rows.entry(s.name.as_str())
                .or_default()
                .push((x(c.date) + 0.5, f64::from(s.severity)));
        }
    }
    out.push(Baseline {
        size: size_of("symptoms"),
        plots: vec![(
            1.0,
            Plot {
                x: 0.0..days,
                y: 0.0..3.5,
                lines: rows.into_values().collect(),
            },
        )],
    });

    // Scores, when the period has any (as ours).
    if ours.iter().any(|c| c.key == "scores") {
        let scores = |kind: QuestionnaireKind, max: f64| Plot {
            x: 0.0..days,
            y: 0.0..max,
            lines: vec![data
                .questionnaires
                .iter()
                .filter(|q| q.kind == kind && in_period(q.date))
                .map(|q| (x(q.date) + 0.5, f64::from(q.total())))
                .collect()],
        };
        out.push(Baseline {
            size: size_of("scores"),
            plots: vec![
                (0.5, scores(QuestionnaireKind::Gad7, 21.0)),
                (0.5, scores(QuestionnaireKind::Phq9, 27.0)),
            ],
        });
    }
    out
}

/// Steps as a line: each dose held until the next step, the last until `until`.
fn step_line(steps: &[(f64, f64)], until: f64) -> Points {
    let mut line = Vec::with_capacity(steps.len() * 2);
    for (i, (x, y)) in steps.iter().enumerate() {
        let next = steps.get(i + 1).map_or(until, |s| s.0);
        line.push((*x, *y));
        line.push((next, *y));
    }
    line
}

criterion_group! {
    name = benches;
    config = modest::criterion(20, 3);
    targets = plots
}
criterion_main!(benches);
