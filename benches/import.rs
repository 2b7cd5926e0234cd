//! The CSV import on the seeded synthetic 10-year journal's own CSV (issue 16: import time
//! for 10 years of days).
//!
//! `import_10y/read`: `api::read_import` — decode, read the CSV, recognise the format,
//! parse every row and word the preview (nothing written). `import_10y/write`:
//! `api::run_import` into a copy of the journal emptied of check-ins, all days in one
//! transaction. `import_10y/baseline_csv_parse`: the same bytes read by the `csv` crate into
//! `Vec<StringRecord>` and nothing more, the floor for any import, so a ratio can be quoted.
//! Run with `cargo bench --bench import`; BENCHMARKS.md has the medians.

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/modest.rs"]
mod modest;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::{Duration, Instant};
use taper_journal::api::{self, ChoicesInput};
use taper_journal::store::Journal;
use tempfile::TempDir;

/// The name the file chooser would give the shell.
const FILE_NAME: &str = "taper-journal.csv";

fn import(c: &mut Criterion) {
    let s = synthetic::generate(10);
    eprintln!("{}", s.stats);
    let csv = api::export_csv(&s.journal).expect("the CSV export");
    let days = s.journal.check_ins().expect("check-ins").len();

    // The same journal without its check-ins (medications, steps and all else kept), opened
    // with the app's own pragmas, as in tests/import.rs.
    let dir = TempDir::new().expect("a temporary folder");
    let mut j = Journal::open(&dir.path().join("copy.db")).expect("a new journal");
    let backup = api::backup_file(&s.journal, s.today).expect("the backup");
    api::restore(&mut j, &backup).expect("restore");
    empty(&j);

    let (pending, preview) = api::read_import(&j, &csv, FILE_NAME, s.today).expect("the CSV reads");
    assert_eq!(preview.problem, None);
    let rows = baseline(&csv).len();
    eprintln!(
        "10 y CSV: {} KB, {rows} rows, {days} check-ins; {}",
        csv.len() / 1024,
        preview
            .import_label
            .as_deref()
            .unwrap_or("no import offered")
    );

    let mut group = c.benchmark_group("import_10y");
    // Flat: one import takes tens to hundreds of milliseconds.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("baseline_csv_parse", |b| {
        b.iter(|| baseline(black_box(&csv)))
    });
    group.bench_function("read", |b| {
        b.iter(|| api::read_import(&j, black_box(&csv), FILE_NAME, s.today).expect("read"))
    });
    group.bench_function("write", |b| {
        // Each import starts from a journal without check-ins or imports; only the import
        // itself is timed.
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                empty(&j);
                let started = Instant::now();
                let done = api::run_import(&mut j, &pending, ChoicesInput::default(), s.today)
                    .expect("the import");
                total += started.elapsed();
                black_box(done);
            }
            total
        })
    });
    group.finish();

    // The last import brought every day back.
    assert_eq!(j.check_ins().expect("check-ins").len(), days);
}

/// Takes the journal back to no check-ins and no imports (the imported days' rows go with
/// their check-ins), and folds the write-ahead log into the file, so every timed import
/// starts from the same state.
fn empty(j: &Journal) {
    j.connection()
        .execute_batch(
            "DELETE FROM check_in; DELETE FROM import_replaced; DELETE FROM import;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .expect("empty the journal");
    assert!(j.check_ins().expect("check-ins").is_empty());
}

/// The baseline: the bytes as CSV records, nothing more.
fn baseline(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .from_reader(bytes)
        .records()
        .collect::<Result<_, _>>()
        .expect("the CSV reads")
}

criterion_group! {
    name = benches;
    config = modest::criterion(20, 3);
    targets = import
}
criterion_main!(benches);
