//! The CSV importer against arbitrary bytes offered as a file to import: reading never
//! panics; a file it accepts imports into a journal in one go (or is refused as a whole
//! with a message), and an undo takes the journal back to no check-ins.
//!
//! Run with `./dev.sh fuzz csv_import [seconds]` (nightly Rust and cargo-fuzz).

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use taper_journal::api::{self, ChoicesInput};
use taper_journal::store::Journal;
use tempfile::TempDir;

/// One journal for the whole run (set up, with no check-ins), in /dev/shm when there is one.
fn journal() -> &'static Mutex<(TempDir, Journal)> {
    static JOURNAL: OnceLock<Mutex<(TempDir, Journal)>> = OnceLock::new();
    JOURNAL.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("taper-journal-fuzz")
            .tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("a temporary folder");
        let mut j = Journal::open(&dir.path().join("journal.db")).expect("a new journal opens");
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        api::complete_setup(
            &mut j,
            serde_json::json!({"medication": {"generic": "diazepam"}, "dose_mg": "5", "since": "2026-01-01"}),
            day,
        )
        .expect("setup");
        Mutex::new((dir, j))
    })
}

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a date");
    let mut guard = journal().lock().unwrap_or_else(|p| p.into_inner());
    let j = &mut guard.1;
    let Ok((pending, preview)) = api::read_import(j, data, "fuzz.csv", today) else {
        return;
    };
    let ran = api::run_import(j, &pending, ChoicesInput::default(), today);
    match ran {
        Ok(done) => {
            api::history(j, today).expect("history after an import");
            api::export_csv(j).expect("CSV export after an import");
            api::undo_import(j, done.imports[0].id, today).expect("undo");
            assert!(j.check_ins().expect("check-ins").is_empty(), "an undo removes every imported day");
        }
        Err(e) => {
            assert!(preview.problem.is_some() || preview.import_label.is_none(), "the preview said it would import, the import refused: {}", e.message);
            assert!(j.check_ins().expect("check-ins").is_empty(), "a refused import writes nothing");
        }
    }
});
