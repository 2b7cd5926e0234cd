//! The clinic visit summary PDF on the seeded synthetic 10-year journal (issue 4: under
//! 300 ms for 8 weeks, under 1 s for everything; PRODUCT.md: "a PDF summary in well under a
//! second").
//!
//! `summary_pdf/<period>`: what the save button waits for, `api::summary_pdf` — load,
//! discussion points, charts, layout and the PDF with its embedded font. Run with
//! `cargo bench --bench summary`.

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/modest.rs"]
mod modest;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use taper_journal::api;

fn summary(c: &mut Criterion) {
    let s = synthetic::generate(10);
    eprintln!("{}", s.stats);
    let mut group = c.benchmark_group("summary_pdf");
    // Flat: one PDF takes tens to hundreds of milliseconds.
    group.sampling_mode(SamplingMode::Flat);
    for period in ["weeks_8", "everything"] {
        let bytes = api::summary_pdf(&s.journal, period, "a4", None, s.today).expect("the PDF");
        eprintln!("10 y, {period}: {} KB", bytes.len() / 1024);
        group.bench_function(BenchmarkId::new(period, "10y"), |b| {
            b.iter(|| api::summary_pdf(&s.journal, period, "a4", None, s.today).expect("the PDF"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = modest::criterion(10, 5);
    targets = summary
}
criterion_main!(benches);
