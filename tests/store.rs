//! The journal's SQLite file, through `taper_journal::store::Journal`, against temporary
//! files: round trips across a reopen, upgrades, refusals that leave a file untouched,
//! constraints, pragmas, and the screens' views over a small journal.
//!
//! Over 500 lines, kept whole: one suite of the store's round trips and refusals over
//! temporary files, sharing their helpers.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde_json::json;
use std::path::{Path, PathBuf};
use taper_journal::journal::{
    parse_input, CheckIn, CheckInInput, DoseStep, MedicationInput, Micrograms, NewMedication,
    PlannedStep,
};
use taper_journal::store::{migrations, Journal, StoreError};
use taper_journal::taper::{EquivalenceTable, PaceLevel, StepKind};
use taper_journal::views::history::HistoryEntry;
use taper_journal::views::{check_in_view, history_view, steps_view};
use tempfile::TempDir;

/// Day `n` of the examples, counted from Sunday 1 March 2026.
fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(n)
}

fn mg(text: &str) -> Micrograms {
    Micrograms::parse_mg("dose_mg", "Dose", text).unwrap()
}

/// A fresh folder and the journal path inside it (the folder is removed when dropped).
fn temp_journal_path() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taper-journal.db");
    (dir, path)
}

/// A built-in medication, or (for names outside the list) one logged as "other".
fn medication(generic: &str) -> NewMedication {
    MedicationInput {
        generic: generic.to_string(),
        class: Some("other".to_string()),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

/// A new (id 0) dose step of `dose_mg` a day from `day(on)`.
fn dose_step(medication_id: i64, on: i64, dose_mg: &str) -> DoseStep {
    DoseStep {
        id: 0,
        medication_id,
        date: day(on),
        dose: mg(dose_mg),
        split: None,
        note: None,
    }
}

/// A check-in as the page would send it, validated against a `today` far enough ahead.
fn check_in(value: serde_json::Value) -> CheckIn {
    parse_input::<CheckInInput>(value)
        .unwrap()
        .validate(day(365))
        .unwrap()
}

/// A journal set up with clonazepam 1.8 mg a day from day 0 (joint 2025 table).
fn clonazepam_journal(path: &Path) -> (Journal, i64) {
    let mut journal = Journal::open(path).unwrap();
    let id = journal
        .complete_setup(
            &medication("clonazepam"),
            mg("1.8"),
            day(0),
            EquivalenceTable::Joint2025,
            day(0),
        )
        .unwrap();
    (journal, id)
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn pragma_i64(conn: &Connection, name: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn setup_steps_and_check_ins_survive_closing_and_reopening() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    let gabapentin = journal
        .add_medication(&medication("gabapentin"), mg("300"), day(2))
        .unwrap();
    journal
        .save_dose_step(&DoseStep {
            split: Some("0.5 mg morning, 1.1 mg night".into()),
            note: Some("Agreed at the <b>March</b> visit & \"slow\"".into()),
            ..dose_step(clonazepam, 14, "1.6")
        })
        .unwrap();
    journal
        .save_planned_step(&PlannedStep {
            id: 0,
            medication_id: clonazepam,
            date: day(28),
            dose: mg("1.45"),
            agreed_at: Some("Dr Ng, 14 March".into()),
            note: Some("hold if sleep worsens".into()),
        })
        .unwrap();
    let full = check_in(json!({
        "date": "2026-03-15",
        "anxiety": "4", "mood": 6, "sleep_hours": "6.75", "sleep_quality": "5",
        "symptoms": {"insomnia": 2, "headache": "1", "tremor": 0},
        "own_symptoms": {"jaw clenching": 1, "Ear pressure": 3},
        "red_flags": ["self_harm_thoughts", "seizure"],
        "doses_taken": {(clonazepam.to_string()): "1.6", (gabapentin.to_string()): 300},
        "alcohol_drinks": "1", "opioids": true, "cannabis": true, "other_sedatives": true,
        "substance_note": "one beer <i>only</i>",
        "practices": ["exercise", "cbt"],
        "practice_note": "walk & breathing",
        "note": "<script>alert('x')</script> felt\nshaky & \"wired\""
    }));
    // The validated check-in kept everything: tremor "none" is simply not stored.
    assert_eq!(full.symptoms.len(), 4);
    assert_eq!(full.red_flags.len(), 2);
    assert_eq!(full.doses_taken.len(), 2);
    assert_eq!(full.practices.len(), 2);
    journal.save_check_in(&full).unwrap();
    let sparse = check_in(json!({"date": "2026-03-16"}));
    journal.save_check_in(&sparse).unwrap();

    let settings = journal.settings().unwrap();
    let medications = journal.medications().unwrap();
    let steps = journal.dose_steps().unwrap();
    let planned = journal.planned_steps().unwrap();
    assert_eq!(medications.len(), 2);
    assert_eq!(steps.len(), 3, "two starting doses and one reduction");
    assert_eq!(planned.len(), 1);
    drop(journal);

    let journal = Journal::open(&path).unwrap();
    assert_eq!(journal.settings().unwrap(), settings);
    let s = settings.unwrap();
    assert_eq!(s.equivalence_table, EquivalenceTable::Joint2025);
    assert_eq!(s.setup_completed_on, day(0));
    assert_eq!(journal.medications().unwrap(), medications);
    assert_eq!(medications[0].generic, "clonazepam");
    assert_eq!(journal.dose_steps().unwrap(), steps);
    assert_eq!(
        steps[2].note.as_deref(),
        Some("Agreed at the <b>March</b> visit & \"slow\"")
    );
    assert_eq!(journal.planned_steps().unwrap(), planned);
    assert_eq!(journal.check_in(day(14)).unwrap(), Some(full.clone()));
    assert_eq!(journal.check_in(day(15)).unwrap(), Some(sparse.clone()));
    assert_eq!(journal.check_in(day(16)).unwrap(), None);
    assert_eq!(journal.check_ins().unwrap(), vec![full.clone(), sparse]);
    let reread = journal.check_in(day(14)).unwrap().unwrap();
    assert_eq!(
        reread.note.as_deref(),
        Some("<script>alert('x')</script> felt\nshaky & \"wired\"")
    );
    assert_eq!(
        journal.own_symptom_names().unwrap(),
        vec!["Ear pressure".to_string(), "jaw clenching".to_string()]
    );
}

#[test]
fn saving_a_day_twice_updates_it() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    let first = check_in(json!({
        "date": "2026-03-03", "anxiety": 7,
        "symptoms": {"insomnia": 3, "tremor": 2}, "own_symptoms": {"jaw clenching": 2},
        "doses_taken": {(clonazepam.to_string()): "1.8"}, "practices": ["cbt"],
        "red_flags": ["confusion"]
    }));
    journal.save_check_in(&first).unwrap();
    let second = check_in(json!({
        "date": "2026-03-03", "anxiety": 5,
        "symptoms": {"insomnia": 1},
        "doses_taken": {(clonazepam.to_string()): "1.7"}, "practices": ["exercise"],
        "note": "better after a walk"
    }));
    journal.save_check_in(&second).unwrap();

    assert_eq!(journal.check_ins().unwrap(), vec![second.clone()]);
    let conn = journal.connection();
    assert_eq!(count(conn, "check_in"), 1);
    // The old day's symptoms, dose and practice went with it, not alongside the new ones.
    assert_eq!(count(conn, "check_in_symptom"), 1);
    assert_eq!(count(conn, "check_in_dose"), 1);
    assert_eq!(count(conn, "check_in_practice"), 1);
}

#[test]
fn a_version_1_journal_is_upgraded_with_its_data_intact() {
    let (_dir, path) = temp_journal_path();
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations::migrate(&mut conn, 1).unwrap();
        assert_eq!(migrations::version(&conn).unwrap(), 1);
        conn.execute_batch(
            "INSERT INTO settings (id, equivalence_table, setup_completed_on)
                 VALUES (1, 'ashton', '2026-03-01');
             INSERT INTO medication (id, generic, brand, form, strength_ug, class, active)
                 VALUES (1, 'lorazepam', 'Ativan', 'tablet', 1000, 'benzodiazepine', 1);
             INSERT INTO dose_step (medication_id, date, dose_ug, split, note)
                 VALUES (1, '2026-03-01', 3000, '1 mg three times', NULL);
             INSERT INTO check_in (date, anxiety, sleep_quarter_hours, note)
                 VALUES ('2026-03-02', 6, 26, 'first day');
             INSERT INTO check_in_symptom (check_in_date, builtin, name, severity)
                 VALUES ('2026-03-02', 1, 'insomnia', 2);
             INSERT INTO check_in_dose (check_in_date, medication_id, dose_ug)
                 VALUES ('2026-03-02', 1, 3000);",
        )
        .unwrap();
    }

    let mut journal = Journal::open(&path).unwrap();
    assert_eq!(
        migrations::version(journal.connection()).unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    assert_eq!(
        migrations::version(journal.connection()).unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    let settings = journal.settings().unwrap().unwrap();
    assert_eq!(settings.equivalence_table, EquivalenceTable::Ashton);
    let meds = journal.medications().unwrap();
    assert_eq!(meds.len(), 1);
    assert_eq!(meds[0].display_name(), "lorazepam (Ativan)");
    assert_eq!(meds[0].strength, Some(mg("1")));
    let steps = journal.dose_steps().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!((steps[0].date, steps[0].dose), (day(0), mg("3")));
    assert_eq!(steps[0].split.as_deref(), Some("1 mg three times"));
    let c = journal.check_in(day(1)).unwrap().unwrap();
    assert_eq!(c.anxiety, Some(6));
    assert_eq!(c.sleep.map(|s| s.hours_text()).as_deref(), Some("6.5"));
    assert_eq!(c.symptom_score(), 2);
    assert_eq!(c.doses_taken[0].dose, mg("3"));
    assert_eq!(c.note.as_deref(), Some("first day"));

    // Version 2 added planned steps: they work on the upgraded file.
    assert_eq!(journal.planned_steps().unwrap(), vec![]);
    let id = journal
        .save_planned_step(&PlannedStep {
            id: 0,
            medication_id: 1,
            date: day(21),
            dose: mg("2.75"),
            agreed_at: None,
            note: None,
        })
        .unwrap();
    let planned = journal.planned_steps().unwrap();
    assert_eq!(planned.len(), 1);
    assert_eq!((planned[0].id, planned[0].dose), (id, mg("2.75")));

    // Version 6 added the country for urgent-help numbers: unset until chosen, and the
    // general message meanwhile; once chosen, that country's numbers.
    assert_eq!(journal.help_country().unwrap(), None);
    journal
        .save_check_in(&check_in(
            json!({"date": "2026-03-05", "red_flags": ["seizure"]}),
        ))
        .unwrap();
    let help = check_in_view(&journal, day(4), day(4))
        .unwrap()
        .urgent_help
        .unwrap();
    assert!(help
        .paragraphs
        .join(" ")
        .contains("call your local emergency number now"));
    assert!(help.contacts.is_empty());
    journal.set_help_country("IE").unwrap();
    let help = check_in_view(&journal, day(4), day(4))
        .unwrap()
        .urgent_help
        .unwrap();
    assert!(
        help.paragraphs.join(" ").contains("call 112 or 999 now"),
        "{help:?}"
    );

    // Opening again is a no-op for the schema.
    drop(journal);
    let journal = Journal::open(&path).unwrap();
    assert_eq!(
        migrations::version(journal.connection()).unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    assert_eq!(journal.planned_steps().unwrap().len(), 1);
}

/// Opening `path` must fail and leave the file byte for byte as it was.
fn assert_refused_untouched(path: &Path) -> StoreError {
    let before = std::fs::read(path).unwrap();
    let err = match Journal::open(path) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(e) => e,
    };
    let after = std::fs::read(path).unwrap();
    let first_difference = before
        .iter()
        .zip(&after)
        .position(|(a, b)| a != b)
        .or((before.len() != after.len()).then_some(before.len().min(after.len())));
    assert_eq!(
        first_difference,
        None,
        "{} changed (first differing byte; length {} -> {}): {err}",
        path.display(),
        before.len(),
        after.len()
    );
    err
}

#[test]
fn a_journal_from_a_newer_version_is_refused_and_left_alone() {
    // Written by this app (WAL mode), then marked as a later format.
    let (_dir, path) = temp_journal_path();
    let (journal, _) = clonazepam_journal(&path);
    journal
        .connection()
        .pragma_update(
            None,
            "user_version",
            migrations::MIGRATIONS.len() as i64 + 1,
        )
        .unwrap();
    drop(journal);
    let err = assert_refused_untouched(&path);
    assert!(
        matches!(
            err,
            StoreError::NewerSchema { found, supported }
                if supported == migrations::MIGRATIONS.len() as i64 && found == supported + 1
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("has not been changed"));
}

#[test]
fn a_newer_journal_in_rollback_journal_mode_is_left_alone_too() {
    // The same, for a file that is not (yet) in WAL mode: refusing it must not switch it.
    let (_dir, path) = temp_journal_path();
    {
        let conn = Connection::open(&path).unwrap();
        let newer = migrations::MIGRATIONS.len() + 1;
        conn.execute_batch(&format!(
            "CREATE TABLE future (x INTEGER); PRAGMA user_version = {newer};"
        ))
        .unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }
    let err = assert_refused_untouched(&path);
    assert!(
        matches!(
            err,
            StoreError::NewerSchema { found, supported }
                if supported == migrations::MIGRATIONS.len() as i64 && found == supported + 1
        ),
        "{err:?}"
    );
}

#[test]
fn a_file_that_is_not_a_journal_is_refused_and_left_alone() {
    // Random bytes (deterministic: a simple LCG), long enough to look like pages.
    let (dir, path) = temp_journal_path();
    let mut x: u32 = 0x2545_f491;
    let noise: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&path, &noise).unwrap();
    let err = assert_refused_untouched(&path);
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");

    // A real SQLite file holding another application's table.
    let other = dir.path().join("other-app.db");
    {
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (name TEXT, phone TEXT);
             INSERT INTO contacts VALUES ('Ana', '555-0100');",
        )
        .unwrap();
    }
    let err = assert_refused_untouched(&other);
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");
    let conn = Connection::open(&other).unwrap();
    assert_eq!(count(&conn, "contacts"), 1);
    assert_eq!(migrations::version(&conn).unwrap(), 0);
}

#[test]
fn the_schema_refuses_out_of_range_rows_written_by_raw_sql() {
    let (_dir, path) = temp_journal_path();
    let (journal, clonazepam) = clonazepam_journal(&path);
    let conn = journal.connection();
    assert!(conn
        .execute(
            "INSERT INTO check_in (date, anxiety) VALUES ('2026-03-02', 11)",
            []
        )
        .is_err());
    assert!(conn
        .execute(
            "INSERT INTO check_in (date, sleep_quarter_hours) VALUES ('2026-03-02', 97)",
            []
        )
        .is_err());
    assert!(conn
        .execute("INSERT INTO check_in (date) VALUES ('2026-3-2')", [])
        .is_err());
    assert_eq!(count(conn, "check_in"), 0);
    assert!(conn
        .execute(
            "INSERT INTO dose_step (medication_id, date, dose_ug) VALUES (?1, '2026-03-09', -1)",
            [clonazepam]
        )
        .is_err());
    assert!(conn
        .execute(
            "INSERT INTO dose_step (medication_id, date, dose_ug) VALUES (?1, '2026-03-09', 5000001)",
            [clonazepam]
        )
        .is_err());
    // STRICT tables refuse text where a number belongs, and foreign keys are enforced.
    assert!(conn
        .execute(
            "INSERT INTO dose_step (medication_id, date, dose_ug) VALUES (?1, '2026-03-09', '1.5 mg')",
            [clonazepam]
        )
        .is_err());
    assert!(conn
        .execute(
            "INSERT INTO dose_step (medication_id, date, dose_ug) VALUES (999, '2026-03-09', 1000)",
            []
        )
        .is_err());
    assert_eq!(count(conn, "dose_step"), 1, "only the starting dose");
}

#[test]
fn a_dose_for_an_unknown_medication_writes_nothing() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, _) = clonazepam_journal(&path);
    let c = check_in(json!({
        "date": "2026-03-04", "anxiety": 3, "symptoms": {"insomnia": 1},
        "doses_taken": {"999": "1.8"}
    }));
    match journal.save_check_in(&c) {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "doses_taken.999"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(journal.check_in(day(3)).unwrap(), None);
    let conn = journal.connection();
    assert_eq!(count(conn, "check_in"), 0);
    assert_eq!(count(conn, "check_in_symptom"), 0);
    assert_eq!(count(conn, "check_in_dose"), 0);
}

#[test]
fn a_second_dose_step_on_the_same_date_is_refused() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    let later = journal
        .save_dose_step(&dose_step(clonazepam, 14, "1.6"))
        .unwrap();

    // Day 0 already has the starting dose.
    match journal.save_dose_step(&dose_step(clonazepam, 0, "1.7")) {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "date"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    // Correcting the day-14 step onto day 0 is the same conflict.
    match journal.save_dose_step(&DoseStep {
        id: later,
        ..dose_step(clonazepam, 0, "1.6")
    }) {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "date"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let steps = journal.dose_steps().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[0].date, steps[0].dose), (day(0), mg("1.8")));
    assert_eq!((steps[1].date, steps[1].dose), (day(14), mg("1.6")));

    // A planned step is the same: one per medication and date.
    let planned = PlannedStep {
        id: 0,
        medication_id: clonazepam,
        date: day(28),
        dose: mg("1.45"),
        agreed_at: None,
        note: None,
    };
    journal.save_planned_step(&planned).unwrap();
    match journal.save_planned_step(&planned) {
        Err(StoreError::Invalid(e)) => assert_eq!(e.field, "date"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(journal.planned_steps().unwrap().len(), 1);
}

#[test]
fn every_connection_is_durable_and_checks_references() {
    let (_dir, path) = temp_journal_path();
    let (journal, _) = clonazepam_journal(&path);
    let conn = journal.connection();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(pragma_i64(conn, "foreign_keys"), 1);
    assert_eq!(pragma_i64(conn, "synchronous"), 2, "FULL");
    drop(journal);
    // The same after reopening an existing file.
    let journal = Journal::open(&path).unwrap();
    assert_eq!(pragma_i64(journal.connection(), "foreign_keys"), 1);
    assert_eq!(pragma_i64(journal.connection(), "synchronous"), 2);
}

#[test]
fn the_steps_screen_lists_newest_first_with_pace_notes() {
    // Clonazepam 1.8 mg from day 0, 1.6 from day 7, 1.2 from day 13: the day-13 step is
    // 0.6 / 1.8 = 33.3 % below the dose held 13 days earlier (over the 25 % ceiling).
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    journal
        .save_dose_step(&dose_step(clonazepam, 7, "1.6"))
        .unwrap();
    journal
        .save_dose_step(&DoseStep {
            note: Some("<b>felt rushed</b>".into()),
            ..dose_step(clonazepam, 13, "1.2")
        })
        .unwrap();
    for (on, dose) in [(41, "1.1"), (27, "1.15")] {
        journal
            .save_planned_step(&PlannedStep {
                id: 0,
                medication_id: clonazepam,
                date: day(on),
                dose: mg(dose),
                agreed_at: None,
                note: None,
            })
            .unwrap();
    }

    let view = steps_view(&journal, day(20)).unwrap();
    let dates: Vec<&str> = view.steps.iter().map(|s| s.date.as_str()).collect();
    assert_eq!(dates, vec!["2026-03-14", "2026-03-08", "2026-03-01"]);

    let newest = &view.steps[0];
    assert_eq!(newest.kind, StepKind::Reduction);
    assert_eq!(newest.dose_label, "1.2 mg");
    assert_eq!(newest.change_label, "−25 % from 1.6 mg");
    assert_eq!(newest.days_held_label, "6 days at 1.6 mg");
    assert_eq!(newest.note, "<b>felt rushed</b>");
    assert!(newest
        .equivalent_label
        .contains("12 mg diazepam-equivalent"));
    assert!(newest
        .equivalent_label
        .contains("2025 joint guideline table"));
    // Strongest first: the ceiling warning, then the two notes on the usual pace.
    assert_eq!(newest.pace.len(), 3);
    assert_eq!(newest.pace[0].level, PaceLevel::Warning);
    assert_eq!(newest.pace[0].title, "Faster than the guideline's ceiling");
    assert!(
        newest.pace[0].detail.contains("33.3 %") && newest.pace[0].detail.contains("1.8 mg"),
        "{}",
        newest.pace[0].detail
    );
    assert!(newest.pace[1..]
        .iter()
        .all(|p| p.level == PaceLevel::Information));
    assert_eq!(newest.pace_summary, "");

    let middle = &view.steps[1];
    assert_eq!(middle.change_label, "−11.1 % from 1.8 mg");
    assert_eq!(middle.days_held_label, "7 days at 1.8 mg");
    assert_eq!(middle.pace.len(), 2);

    let start = &view.steps[2];
    assert_eq!(start.kind, StepKind::Start);
    assert!(start.pace.is_empty());
    assert_eq!(start.change_label, "");

    // Planned steps come soonest first.
    let planned: Vec<&str> = view.planned.iter().map(|p| p.dose_mg.as_str()).collect();
    assert_eq!(planned, vec!["1.15", "1.1"]);
}

#[test]
fn history_shows_gaps_and_how_complete_the_journal_is() {
    // Set up on day 0; check-ins on days 0, 1 and 4; today is day 5.
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    for date in ["2026-03-01", "2026-03-02"] {
        journal
            .save_check_in(&check_in(json!({"date": date, "anxiety": 4})))
            .unwrap();
    }
    journal
        .save_check_in(&check_in(json!({
            "date": "2026-03-05", "anxiety": 5, "sleep_hours": "6.5",
            "doses_taken": {(clonazepam.to_string()): "1.6"}
        })))
        .unwrap();

    let view = history_view(&journal, day(5)).unwrap();
    let shape: Vec<String> = view
        .entries
        .iter()
        .map(|e| match e {
            HistoryEntry::Day { date, .. } => format!("day {date}"),
            HistoryEntry::Gap { date, days, .. } => format!("gap {date} ({days})"),
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            "gap 2026-03-06 (1)",
            "day 2026-03-05",
            "gap 2026-03-04 (2)",
            "day 2026-03-02",
            "day 2026-03-01",
        ]
    );
    match &view.entries[2] {
        HistoryEntry::Gap { label, .. } => {
            assert_eq!(label, "No check-in for 2 days (3 Mar 2026 – 4 Mar 2026)")
        }
        other => panic!("{other:?}"),
    }
    match &view.entries[1] {
        HistoryEntry::Day { summary, marks, .. } => {
            assert_eq!(summary, "Anxiety 5/10 · Sleep 6.5 h");
            // 1.6 mg taken while the step says 1.8 mg: recorded, not judged.
            assert_eq!(
                marks,
                &vec!["Dose taken differed from the step".to_string()]
            );
        }
        other => panic!("{other:?}"),
    }
    // 3 days logged of the 6 from 1 March to 6 March.
    assert_eq!(
        view.completeness_label,
        "3 of 6 days logged since 1 Mar 2026 (50 %)"
    );
}

#[test]
fn a_new_day_is_prefilled_with_the_current_step() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, clonazepam) = clonazepam_journal(&path);
    journal
        .save_dose_step(&dose_step(clonazepam, 14, "1.6"))
        .unwrap();

    // A new day after the reduction shows the step's 1.6 mg.
    let view = check_in_view(&journal, day(20), day(20)).unwrap();
    assert!(!view.exists);
    assert!(view.is_today);
    assert_eq!(view.anxiety, "");
    assert_eq!(view.doses.len(), 1);
    assert_eq!(view.doses[0].medication_id, clonazepam);
    assert_eq!(view.doses[0].taken_mg, "1.6");
    assert_eq!(view.doses[0].step_label, "Current step: 1.6 mg a day");
    // A new day before the reduction shows the step then in effect.
    let earlier = check_in_view(&journal, day(10), day(20)).unwrap();
    assert!(!earlier.is_today);
    assert_eq!(earlier.doses[0].taken_mg, "1.8");

    // A saved day shows what was recorded, not the step.
    journal
        .save_check_in(&check_in(json!({
            "date": "2026-03-21", "anxiety": 3,
            "doses_taken": {(clonazepam.to_string()): "1.7"},
            "red_flags": ["hallucinations"]
        })))
        .unwrap();
    let saved = check_in_view(&journal, day(20), day(20)).unwrap();
    assert!(saved.exists);
    assert_eq!(saved.anxiety, "3");
    assert_eq!(saved.doses[0].taken_mg, "1.7");
    assert_eq!(saved.doses[0].step_label, "Current step: 1.6 mg a day");
    let help = saved
        .urgent_help
        .expect("a day with a red flag brings the message");
    assert!(help.urgent);
    assert!(help.paragraphs[0].contains("You noted hallucinations."));
    // The same day opened two weeks later is a fact to raise, calmly.
    let later = check_in_view(&journal, day(20), day(34)).unwrap();
    let help = later.urgent_help.unwrap();
    assert!(!help.urgent);
    assert_eq!(
        help.paragraphs[0],
        "Urgent symptoms were noted on 21 Mar 2026: hallucinations. Make sure your prescriber knows."
    );
}

#[test]
fn an_unsaved_draft_survives_reopening_and_goes_when_the_day_is_saved() {
    let (_dir, path) = temp_journal_path();
    let (mut journal, _) = clonazepam_journal(&path);
    let form = r#"[["anxiety","5"],["note","half typed"]]"#;
    journal.save_check_in_draft(day(3), Some(form)).unwrap();
    drop(journal);
    let mut journal = Journal::open(&path).unwrap();
    assert_eq!(
        journal.check_in_draft(day(3)).unwrap().as_deref(),
        Some(form)
    );
    let view = check_in_view(&journal, day(3), day(3)).unwrap();
    assert_eq!(view.draft, Some(serde_json::from_str(form).unwrap()));
    let saved = CheckInInput {
        date: "2026-03-04".into(),
        anxiety: Some("5".into()),
        ..Default::default()
    }
    .validate(day(3))
    .unwrap();
    journal.save_check_in(&saved).unwrap();
    assert_eq!(journal.check_in_draft(day(3)).unwrap(), None);
}

/// Reminders: off until turned on (20:00 proposed); saved and read back across a reopen;
/// a bad time names the field and writes nothing; what was shown and a snooze survive a
/// restart, and a change of settings starts the day afresh.
#[test]
fn reminder_settings_round_trip_refuse_a_bad_time_and_remember_what_was_shown() {
    use taper_journal::api;
    use taper_journal::reminders::{Kind, ReminderSettings};
    let (_dir, path) = temp_journal_path();
    let (mut j, _) = clonazepam_journal(&path);
    let off = j.reminder_settings().unwrap();
    assert_eq!(off, ReminderSettings::default());
    assert_eq!(off.at.format("%H:%M").to_string(), "20:00");
    assert!(
        off.wanted().is_none(),
        "nothing is reminded until turned on"
    );

    api::set_reminders(
        &mut j,
        json!({"time": "07:45", "check_in": true, "questionnaires": false, "planned_steps": true, "details": false}),
    )
    .unwrap();
    let before = j.reminder_settings().unwrap();
    for (time, why) in [
        ("7.45", "not HH:MM"),
        ("24:00", "no such hour"),
        ("", "empty"),
    ] {
        let err = api::set_reminders(
            &mut j,
            json!({"time": time, "check_in": false, "questionnaires": false, "planned_steps": false, "details": true}),
        )
        .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("time"), "{why}");
        assert!(err.message.contains("20:00"), "{why}: {}", err.message);
    }
    let err = api::set_reminders(&mut j, json!({"time": "07:45", "check_in": "yes", "questionnaires": false, "planned_steps": false, "details": false})).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("check_in"));
    assert_eq!(
        j.reminder_settings().unwrap(),
        before,
        "nothing was written"
    );
    // The schema itself refuses a time that is not one.
    let refused = j.connection().execute(
        "UPDATE settings SET reminder_time = '24:30' WHERE id = 1",
        [],
    );
    assert!(refused.is_err(), "24:30 is refused by the CHECK");

    j.record_reminders_shown(&[Kind::CheckIn, Kind::StepTomorrow], day(3))
        .unwrap();
    let until = chrono::DateTime::parse_from_rfc3339("2026-03-04T21:05:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    j.snooze_reminders(until).unwrap();
    drop(j);
    let mut j = Journal::open(&path).unwrap();
    let s = j.reminder_settings().unwrap();
    assert_eq!(s.at.format("%H:%M").to_string(), "07:45");
    assert!(s.check_in && s.planned_steps && !s.questionnaires && !s.details);
    let shown = j.reminders_shown().unwrap();
    assert_eq!(shown.last_day.get(&Kind::CheckIn), Some(&day(3)));
    assert_eq!(shown.last_day.get(&Kind::StepTomorrow), Some(&day(3)));
    assert_eq!(shown.last_day.get(&Kind::Questionnaires), None);
    assert_eq!(shown.snoozed_until, Some(until));

    // Saving again, or allowing details, repeats nothing: what was shown stays (the snooze
    // ends with any change).
    j.set_reminder_settings(&ReminderSettings {
        details: true,
        ..s.clone()
    })
    .unwrap();
    let shown = j.reminders_shown().unwrap();
    assert_eq!(shown.last_day.get(&Kind::CheckIn), Some(&day(3)));
    assert_eq!(shown.last_day.get(&Kind::StepTomorrow), Some(&day(3)));
    assert!(shown.snoozed_until.is_none());
    // A new time may be due today: every kind starts afresh.
    let later = chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap();
    j.set_reminder_settings(&ReminderSettings { at: later, ..s })
        .unwrap();
    assert!(j.reminders_shown().unwrap().last_day.is_empty());
}

/// Setup offers the daily check-in reminder; ticked, it is on at 20:00 in the same
/// transaction as the rest of setup; not ticked (or from an older page), it stays off.
#[test]
fn setup_turns_on_the_check_in_reminder_only_when_ticked() {
    use taper_journal::api;
    for (ticked, expected) in [(Some(true), true), (Some(false), false), (None, false)] {
        let (_dir, path) = temp_journal_path();
        let mut j = Journal::open(&path).unwrap();
        let mut input = json!({
            "medication": {"generic": "clonazepam"},
            "dose_mg": "1",
            "since": "2026-03-01",
            "help_country": "GB",
        });
        if let Some(t) = ticked {
            input["check_in_reminder"] = json!(t);
        }
        api::complete_setup(&mut j, input, day(10)).unwrap();
        let s = j.reminder_settings().unwrap();
        assert_eq!(s.check_in, expected, "{ticked:?}");
        assert_eq!(s.at.format("%H:%M").to_string(), "20:00");
        assert!(!s.questionnaires && !s.planned_steps && !s.details);
    }
}

#[test]
fn a_damaged_stored_date_is_an_error_not_an_empty_journal() {
    let (_dir, path) = temp_journal_path();
    let j = Journal::open(&path).unwrap();
    // A date the table's pattern lets through but no calendar has, as a damaged or
    // hand-edited file might hold.
    j.connection()
        .execute("INSERT INTO check_in (date) VALUES ('2026-13-39')", [])
        .unwrap();
    j.connection()
        .execute(
            "INSERT INTO visit (date, decision) VALUES ('2026-02-31', 'continue')",
            [],
        )
        .unwrap_or_else(|e| panic!("visit row: {e}"));
    assert!(j.last_check_in_date().is_err(), "the latest check-in date");
    assert!(j.first_check_in_date().is_err(), "the first check-in date");
    assert!(j.last_visit_date(day(400)).is_err(), "the last visit");
}
