//! The backup importer against arbitrary bytes offered as a backup file: `check_backup`
//! never panics; a backup it accepts restores, and the restored journal is read back by
//! every screen and export, and its own backup is accepted again.
//!
//! Run with `./dev.sh fuzz [seconds]` (nightly Rust and cargo-fuzz).

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use taper_journal::api;
use taper_journal::store::backup::check_backup;
use taper_journal::store::Journal;
use taper_journal::views::PeriodChoice;
use tempfile::TempDir;

/// One journal for the whole run, in memory-backed /dev/shm when there is one: a restore
/// replaces every table, so each input starts from nothing the previous one left.
fn journal() -> &'static Mutex<(TempDir, Journal)> {
    static JOURNAL: OnceLock<Mutex<(TempDir, Journal)>> = OnceLock::new();
    JOURNAL.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("taper-journal-fuzz")
            .tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("a temporary folder");
        let j = Journal::open(&dir.path().join("journal.db")).expect("a new journal opens");
        Mutex::new((dir, j))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(checked) = check_backup(data) else {
        return;
    };
    let mut guard = journal().lock().unwrap_or_else(|p| p.into_inner());
    let j = &mut guard.1;
    j.restore_checked(checked)
        .expect("a checked backup restores");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let overview = api::overview(j, today).expect("overview");
    api::steps(j, today).expect("steps");
    api::history(j, today).expect("history");
    api::visits(j).expect("visits");
    api::questionnaires(j, today).expect("questionnaires");
    api::check_in(j, None, today).expect("today's check-in");
    if !overview.needs_setup {
        for p in PeriodChoice::ALL {
            api::trends(j, p.key(), None, today).expect("trends");
            api::summary_preview(j, p.key(), None, today).expect("summary");
        }
    }
    api::export_csv(j).expect("CSV export");
    api::export_fhir(j, today).expect("FHIR export");
    api::export_ics(j, false, today).expect("calendar export");
    let again = api::backup_file(j, today).expect("backup");
    if let Err(e) = check_backup(&again) {
        panic!("the app refuses its own backup of a restored journal: {e}");
    }
});
