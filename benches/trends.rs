//! The Trends screen on seeded synthetic journals of 1, 5 and 10 years (PRODUCT.md,
//! Performance: dashboard data and all charts of a 10-year journal in well under 100 ms).
//!
//! `trends/<period>/<years>`: what the window waits for, `api::trends` — load, discussion
//! points and every chart. `trends_10y/<part>/<period>`: the same on the 10-year journal,
//! piece by piece, to show where the time goes. Run with `cargo bench --bench trends`;
//! BENCHMARKS.md has the medians and how to read them.

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/modest.rs"]
mod modest;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use taper_journal::api;
use taper_journal::views::charts::charts;
use taper_journal::views::period_data::{load_period, PeriodChoice};

/// The width the page asks for on a typical laptop window.
const WIDTH: u32 = 900;
const PERIODS: [PeriodChoice; 2] = [PeriodChoice::Weeks8, PeriodChoice::Everything];

fn trends(c: &mut Criterion) {
    let mut whole = c.benchmark_group("trends");
    // Flat: the slowest case takes tens of milliseconds; linear sampling would need
    // hundreds of iterations per sample.
    whole.sampling_mode(SamplingMode::Flat);
    let mut ten_years = None;
    for years in [1, 5, 10] {
        let s = synthetic::generate(years);
        eprintln!("{}", s.stats);
        for period in PERIODS {
            let id = BenchmarkId::new(period.key(), format!("{years}y"));
            whole.bench_function(id, |b| {
                b.iter(|| {
                    api::trends(&s.journal, period.key(), Some(WIDTH), s.today)
                        .expect("the Trends screen")
                })
            });
        }
        ten_years = Some(s);
    }
    whole.finish();

    let s = ten_years.expect("the 10-year journal");
    let mut parts = c.benchmark_group("trends_10y");
    parts.sampling_mode(SamplingMode::Flat);
    // The store's load of a period's check-ins against its baseline: the same rows of the
    // same four tables read by plain SQL into plain values, no joining (the floor for any
    // load through SQLite).
    for period in PERIODS {
        let data = load_period(&s.journal, period, s.today)
            .expect("load")
            .expect("set up");
        let (from, to) = (data.period.start, data.period.end);
        parts.bench_function(BenchmarkId::new("check_ins", period.key()), |b| {
            b.iter(|| s.journal.check_ins_between(from, to).expect("check-ins"))
        });
        parts.bench_function(
            BenchmarkId::new("check_ins_scan_baseline", period.key()),
            |b| b.iter(|| scan(s.journal.connection(), from, to)),
        );
    }
    for period in PERIODS {
        let load = || {
            load_period(&s.journal, period, s.today)
                .expect("load")
                .expect("set up")
        };
        parts.bench_function(BenchmarkId::new("load", period.key()), |b| b.iter(load));
        let data = load();
        parts.bench_function(BenchmarkId::new("points", period.key()), |b| {
            b.iter(|| black_box(&data).points(taper_journal::views::urgent_help::Reader::Clinician))
        });
        // Written against the charts' signature, so it measures them once they are merged.
        parts.bench_function(BenchmarkId::new("charts", period.key()), |b| {
            b.iter(|| charts(black_box(&data), WIDTH))
        });
        // What Tauri then does with the screen before the page sees it.
        let view = api::trends(&s.journal, period.key(), Some(WIDTH), s.today).expect("trends");
        eprintln!(
            "10 y, {}: {} charts, {} discussion points, {} KB as JSON",
            period.key(),
            view.charts.len(),
            view.points.len(),
            serde_json::to_string(&view).expect("json").len() / 1024
        );
        parts.bench_function(BenchmarkId::new("ipc_json", period.key()), |b| {
            b.iter(|| serde_json::to_string(black_box(&view)).expect("json"))
        });
    }
    parts.finish();
}

/// The baseline: every row of the period's check-ins and their symptoms, doses and
/// practices, read as plain SQLite values.
fn scan(
    conn: &rusqlite::Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Vec<Vec<rusqlite::types::Value>> {
    let (from, to) = (from.to_string(), to.to_string());
    let mut rows = Vec::new();
    for sql in [
        "SELECT * FROM check_in WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
        "SELECT check_in_date, builtin, name, severity FROM check_in_symptom WHERE check_in_date BETWEEN ?1 AND ?2 ORDER BY check_in_date, builtin, name",
        "SELECT check_in_date, medication_id, dose_ug FROM check_in_dose WHERE check_in_date BETWEEN ?1 AND ?2 ORDER BY check_in_date, medication_id",
        "SELECT check_in_date, practice FROM check_in_practice WHERE check_in_date BETWEEN ?1 AND ?2 ORDER BY check_in_date",
    ] {
        let mut stmt = conn.prepare_cached(sql).expect("prepare");
        let n = stmt.column_count();
        let found = stmt
            .query_map([&from, &to], |r| {
                (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect()
            })
            .expect("query");
        for row in found {
            rows.push(row.expect("row"));
        }
    }
    rows
}

criterion_group! {
    name = benches;
    config = modest::criterion(20, 3);
    targets = trends
}
criterion_main!(benches);
