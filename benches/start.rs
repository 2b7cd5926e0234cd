//! Start-up work on the seeded synthetic 10-year journal (PRODUCT.md: app start to an
//! interactive window in about half a second). Every start judges the file read-only
//! (`file_check::check`: header, versions, SQLite's quick_check), opens it, and once a day takes
//! the automatic backup (`Journal::copy_to`, the SQLite backup API). An encrypted journal
//! also derives its key from the passphrase (`start::unlock`). Then the first screen asks
//! for the overview and today's check-in (`api::overview`, `api::check_in`). Run with
//! `cargo bench --bench start`.

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/modest.rs"]
mod modest;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use serde_json::json;
use taper_journal::api;
use taper_journal::store::file_check;
use taper_journal::store::start::{self, Found};
use taper_journal::store::{Journal, Passphrase};

const PASS: &str = "benchmark passphrase";

fn start_up(c: &mut Criterion) {
    let s = synthetic::generate(10);
    eprintln!("{} (as of {})", s.stats, s.today);
    let path = s.journal.path().to_path_buf();
    let dir = tempfile::tempdir().expect("a temporary folder");

    // An encrypted copy of the same journal.
    let locked = dir.path().join("locked.db");
    s.journal.copy_to(&locked).expect("a copy");
    let mut j = Journal::open(&locked).expect("the copy opens");
    api::set_passphrase(
        &mut j,
        json!({"passphrase": PASS, "confirm": PASS, "understood": true}),
    )
    .expect("locked");
    drop(j);
    let key = Passphrase::to_unlock(PASS, "passphrase").expect("a passphrase");

    let mut group = c.benchmark_group("start");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("check/10y", |b| {
        b.iter(|| file_check::check(&path, None).expect("a good journal"))
    });
    group.bench_function("open_at_start/10y", |b| {
        b.iter(|| match start::open_at_start(&path) {
            Found::Open(j) => j,
            _ => panic!("the journal should open"),
        })
    });
    let dest = dir.path().join("backup.db");
    group.bench_function("backup/10y", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&dest);
            s.journal.copy_to(&dest).expect("a backup")
        })
    });
    group.bench_function("unlock_encrypted/10y", |b| {
        b.iter(|| start::unlock(&locked, &key).expect("unlocks"))
    });
    // The first screen's two questions, asked as soon as the journal is open.
    let open = Journal::open(&path).expect("the journal opens");
    group.bench_function("first_screen_overview/10y", |b| {
        b.iter(|| api::overview(&open, s.today).expect("an overview"))
    });
    group.bench_function("first_screen_check_in/10y", |b| {
        b.iter(|| api::check_in(&open, None, s.today).expect("today's check-in"))
    });
    group.finish();
    eprintln!(
        "10 y journal: {} KB; backup copy: {} KB",
        std::fs::metadata(&path).map_or(0, |m| m.len()) / 1024,
        std::fs::metadata(&dest).map_or(0, |m| m.len()) / 1024
    );
}

criterion_group! {
    name = benches;
    config = modest::criterion(10, 5);
    targets = start_up
}
criterion_main!(benches);
