//! The journals a case starts from, the valid forms the page sends, and the checks that
//! nothing changed and that everything still loads.

use super::super::journal_dump;
use super::*;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use taper_journal::api::{self, ApiError};
use taper_journal::export::ics::CalendarOptions;
use taper_journal::store::backup::check_backup;
use taper_journal::store::Journal;
use taper_journal::views::PeriodChoice;
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// The journals a case starts from
// ---------------------------------------------------------------------------------------

/// Which journal a case starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Empty,
    WithData,
}

/// A journal with data in every table: three medications (one stopped), steps, planned
/// steps, five weeks of check-ins with gaps, a draft, questionnaires, questions and a visit.
pub fn fill(j: &mut Journal) {
    let t = today();
    let ok = |r: Result<(), ApiError>, what: &str| r.unwrap_or_else(|e| panic!("{what}: {e:?}"));
    ok(
        api::complete_setup(
            j,
            json!({"medication": {"generic": "clonazepam", "brand": "Klonopin"}, "dose_mg": "2", "since": "2026-08-01"}),
            t,
        )
        .map(drop),
        "setup",
    );
    ok(
        api::add_medication(
            j,
            json!({"medication": {"generic": "gabapentin", "class": "other"}, "dose_mg": "300", "since": "2026-09-01"}),
            t,
        )
        .map(drop),
        "gabapentin",
    );
    ok(
        api::add_medication(
            j,
            json!({"medication": {"generic": "lorazepam"}, "dose_mg": "0.5", "since": "2026-09-15"}),
            t,
        )
        .map(drop),
        "lorazepam",
    );
    for (m, date, dose) in [
        (1, "2026-09-01", "1.8"),
        (1, "2026-10-01", "1.6"),
        (1, "2026-11-01", "1.5"),
        (2, "2026-10-15", "200"),
        (3, "2026-10-20", "0"),
    ] {
        ok(
            api::save_step(
                j,
                json!({"medication_id": m, "date": date, "dose_mg": dose, "note": "=1+1 agreed"}),
                t,
            )
            .map(drop),
            "step",
        );
    }
    ok(
        api::set_medication_active(j, 3, false, t).map(drop),
        "stop lorazepam",
    );
    for (date, dose) in [("2026-12-01", "1.4"), ("2026-12-15", "1.3")] {
        ok(
            api::save_planned_step(
                j,
                json!({"medication_id": 1, "date": date, "dose_mg": dose}),
                t,
            )
            .map(drop),
            "planned step",
        );
    }
    ok(
        api::plan::save_plan_proposal(j, valid_plan(), t).map(drop),
        "plan proposal",
    );
    let first = NaiveDate::from_ymd_opt(2026, 10, 18).unwrap();
    for (n, day) in first.iter_days().take_while(|d| *d < t).enumerate() {
        if n % 7 == 3 {
            continue; // gaps, as in a real journal
        }
        let mut c = json!({
            "date": day.format("%Y-%m-%d").to_string(),
            "anxiety": (n % 11).to_string(), "mood": n % 9, "sleep_hours": "6.25",
            "sleep_quality": "5", "symptoms": {"insomnia": n % 4, "tremor": "1"},
            "doses_taken": {"1": "1.5"}, "practices": ["exercise"],
        });
        if n % 5 == 0 {
            c["own_symptoms"] = json!({"Jaw clenching": 2, "-5 ear ringing": 1});
            c["red_flags"] = json!(["confusion"]);
            c["note"] = json!("@SUM(A1) \"quoted\", ünïcödé 😊\nsecond line");
            c["substance_note"] = json!("+1 coffee");
            c["alcohol_drinks"] = json!(2);
        }
        ok(
            api::save_check_in(j, c, t).map(drop),
            &format!("check-in {day}"),
        );
    }
    ok(
        api::save_check_in_draft(j, "2026-11-22", json!([["anxiety", "3"]]), t),
        "draft",
    );
    for (kind, date, answers) in [
        ("gad7", "2026-11-01", json!([1, 2, 1, 0, 0, 1, 2])),
        ("phq9", "2026-11-01", json!([1, 1, 2, 2, 1, 1, 1, 0, 1])),
        ("gad7", "2026-11-15", json!([0, 1, 1, 0, 0, 1, 1])),
    ] {
        ok(
            api::save_questionnaire(
                j,
                json!({"kind": kind, "date": date, "answers": answers}),
                t,
            )
            .map(drop),
            "questionnaire",
        );
    }
    ok(
        api::add_question(j, "Can we slow down?", t).map(drop),
        "question",
    );
    ok(
        api::add_question(j, "Is the tremor expected?", t).map(drop),
        "question",
    );
    ok(
        api::add_visit(
            j,
            json!({"date": "2026-11-10", "clinician": "Dr Lee", "decision": "hold", "answered_questions": [1],
                   "next_step": {"medication_id": 1, "date": "2026-12-20", "dose_mg": "1.25"}}),
            t,
        )
        .map(drop),
        "visit",
    );
}

/// The journal file's bytes after `fill` (nothing in a WAL beside it).
pub fn template_bytes(start: Start) -> &'static [u8] {
    static EMPTY: OnceLock<Vec<u8>> = OnceLock::new();
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    let make = |with_data: bool| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.db");
        let mut j = Journal::open(&path).unwrap();
        if with_data {
            fill(&mut j);
        }
        j.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        drop(j);
        std::fs::read(&path).unwrap()
    };
    match start {
        Start::Empty => EMPTY.get_or_init(|| make(false)),
        Start::WithData => DATA.get_or_init(|| make(true)),
    }
}

/// A fresh copy of a starting journal in its own folder.
pub struct Case {
    pub dir: TempDir,
    pub j: Journal,
}

pub fn open_case(start: Start) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    std::fs::write(&path, template_bytes(start)).unwrap();
    let j = Journal::open(&path).unwrap();
    Case { dir, j }
}

// ---------------------------------------------------------------------------------------
// "Nothing changed" and "everything still loads"
// ---------------------------------------------------------------------------------------

/// Every row of every table (with SQLite's own bookkeeping such as `sqlite_sequence`) and
/// the schema version, as text.
pub fn dump(j: &Journal) -> String {
    let conn = j.connection();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    format!("user_version {version}\n{}", journal_dump::table_rows(conn))
}

/// Every file in the journal's folder with its bytes — the database and its WAL — except
/// SQLite's shared-memory index, which readers write to.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-shm"))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[derive(PartialEq, Eq)]
pub struct State {
    rows: String,
    files: BTreeMap<String, Vec<u8>>,
}

pub fn state(c: &Case) -> State {
    State {
        rows: dump(&c.j),
        files: files(c.dir.path()),
    }
}

/// Says where two states differ, briefly: the first differing row, or which file.
pub fn unchanged(before: &State, after: &State) -> Result<(), String> {
    if before.rows != after.rows {
        let (b, a): (Vec<_>, Vec<_>) =
            (before.rows.lines().collect(), after.rows.lines().collect());
        let at = b
            .iter()
            .zip(&a)
            .position(|(x, y)| x != y)
            .unwrap_or(b.len().min(a.len()));
        let line = |v: &Vec<&str>| v.get(at).map_or("(none)".to_string(), |l| abbreviate(l));
        return Err(format!(
            "rows changed ({} -> {} rows); first difference:\n  before: {}\n  after:  {}",
            b.len(),
            a.len(),
            line(&b),
            line(&a)
        ));
    }
    if before.files != after.files {
        let names = |s: &State| s.files.keys().cloned().collect::<Vec<_>>().join(", ");
        let changed: Vec<&String> = before
            .files
            .iter()
            .filter(|(n, b)| after.files.get(*n) != Some(b))
            .map(|(n, _)| n)
            .collect();
        return Err(format!(
            "files changed: before [{}], after [{}], differing {changed:?}",
            names(before),
            names(after)
        ));
    }
    Ok(())
}

/// The journal is sound and every screen and export loads: SQLite's integrity and
/// foreign-key checks, then each read view, and the app's own backup of it is one the
/// app would restore.
pub fn every_view_loads(j: &Journal) -> Result<(), String> {
    let conn = j.connection();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| e.to_string())?;
    if dangling != 0 {
        return Err(format!("{dangling} rows refer to rows that are not there"));
    }
    let t = today();
    let fail = |what: &str, e: ApiError| format!("{what} failed: {e:?}");
    let overview = api::overview(j, t).map_err(|e| fail("overview", e))?;
    api::steps(j, t).map_err(|e| fail("steps", e))?;
    api::history(j, t).map_err(|e| fail("history", e))?;
    api::visits(j).map_err(|e| fail("visits", e))?;
    api::questionnaires(j, t).map_err(|e| fail("questionnaires", e))?;
    api::check_in(j, None, t).map_err(|e| fail("today's check-in", e))?;
    api::check_in(j, Some("2026-10-18"), t).map_err(|e| fail("a past check-in", e))?;
    for p in PeriodChoice::ALL {
        let trends = api::trends(j, p.key(), None, t);
        let summary = api::summary_preview(j, p.key(), Some("Sam O'Neil"), t);
        if overview.needs_setup {
            // Before setup there is nothing to chart: "set up first", nothing else.
            for (what, kind) in [
                ("trends", trends.err().map(|e| e.kind.name())),
                ("summary", summary.err().map(|e| e.kind.name())),
            ] {
                if kind != Some("not_found") {
                    return Err(format!("{what} before setup: {kind:?}"));
                }
            }
        } else {
            trends.map_err(|e| fail(&format!("trends {}", p.key()), e))?;
            summary.map_err(|e| fail(&format!("summary {}", p.key()), e))?;
        }
    }
    api::export_csv(j).map_err(|e| fail("CSV export", e))?;
    api::export_fhir(j, t).map_err(|e| fail("FHIR export", e))?;
    api::export_ics(
        j,
        CalendarOptions {
            neutral_titles: false,
            alarms: false,
        },
        t,
    )
    .map_err(|e| fail("calendar export", e))?;
    let backup = api::backup_file(j, t).map_err(|e| fail("backup", e))?;
    check_backup(&backup)
        .map_err(|e| format!("the app's own backup of this journal is refused: {e}"))?;
    Ok(())
}

/// Valid inputs for the journal with data (medications 1-3, question 1 and 2).
pub fn valid_setup() -> Value {
    json!({"medication": {"generic": "diazepam", "brand": "Valium", "form": "tablet", "strength_mg": "5"},
           "dose_mg": "10", "since": "2026-11-01", "table": "ashton", "help_country": "GB"})
}
pub fn valid_new_medication() -> Value {
    json!({"medication": {"generic": "etizolam", "class": "benzodiazepine", "form": "liquid",
                          "strength_mg": 1, "custom_factor_mg": "1"},
           "dose_mg": "0.5", "since": "2026-11-20"})
}
pub fn valid_medication_fields() -> Value {
    json!({"generic": "Klonopin", "brand": "Rivotril", "form": "tablet", "strength_mg": "0.5"})
}
pub fn valid_step() -> Value {
    json!({"medication_id": 1, "date": "2026-11-21", "dose_mg": "1.4", "split": "0.7 morning, 0.7 night", "note": "ok"})
}
pub fn valid_step_edit() -> Value {
    json!({"id": 5, "medication_id": 1, "date": "2026-10-02", "dose_mg": 1.65})
}
/// Clonazepam 1.5 mg (0.75 twice a day), 0.25 mg scored tablets, 10 % every 14 days from
/// 4 January 2027.
pub fn valid_plan() -> Value {
    json!({"medication_id": 1, "times": [{"label": "Morning", "dose_mg": "0.75"}, {"label": "Night", "dose_mg": "0.75"}],
           "form": "tablets", "tablets": [{"strength_mg": "0.25", "scored": true}], "quarters": false,
           "concentration_mg_per_ml": null, "smallest_ml": null,
           "percent": "10", "every_days": "14", "end_mg": null, "start": "2027-01-04"})
}
pub fn valid_plan_agreed() -> Value {
    json!({"proposal_id": 1, "dates": ["2027-01-04"], "agreed_at": "Dr Lee"})
}
pub fn valid_planned_step() -> Value {
    json!({"id": null, "medication_id": 1, "date": "2027-01-10", "dose_mg": "1.2", "agreed_at": "Phone call", "note": "n"})
}
pub fn valid_check_in() -> Value {
    json!({"date": "2026-11-22", "anxiety": "4", "mood": 6, "sleep_hours": "6.75", "sleep_quality": "5",
           "symptoms": {"insomnia": 2, "tremor": "0", "headache": "1"},
           "own_symptoms": {"Jaw clenching": 1, "ear ringing": "0"}, "red_flags": ["seizure"],
           "doses_taken": {"1": "1.5", "2": 200}, "alcohol_drinks": "1", "opioids": false,
           "cannabis": true, "other_sedatives": false, "substance_note": "one beer",
           "practices": ["cbt", "exercise"], "practice_note": "walk", "note": "steady day"})
}
pub fn valid_draft() -> Value {
    json!([
        ["anxiety", "3"],
        ["note", "half typed"],
        ["symptoms.insomnia", "2"]
    ])
}
pub fn valid_questionnaire() -> Value {
    json!({"kind": "phq9", "date": "2026-11-20", "answers": [0, "1", 2, 3, 0, 1, 2, 3, 0]})
}
pub fn valid_new_passphrase() -> Value {
    json!({"passphrase": "river stones 42", "confirm": "river stones 42", "understood": true})
}

pub fn valid_changed_passphrase() -> Value {
    json!({"current": "river stones 42", "passphrase": "a new one here", "confirm": "a new one here"})
}

pub fn valid_removed_passphrase() -> Value {
    json!({"current": "river stones 42"})
}

pub fn valid_reminders() -> Value {
    json!({"time": "20:00", "check_in": true, "questionnaires": true, "planned_steps": false, "details": false})
}

pub fn valid_staying_open() -> Value {
    json!({"keep_in_tray": true, "start_at_login": false})
}

pub fn valid_help_country() -> Value {
    json!({"help_country": "GB"})
}

pub fn valid_visit() -> Value {
    json!({"date": "2026-11-21", "clinician": "Dr Lee", "decision": "slow_down", "note": "fine",
           "next_step": {"medication_id": 1, "date": "2026-12-28", "dose_mg": "1.2"},
           "answered_questions": [2]})
}
