//! Full backup and restore: a round trip gives the identical file, and hostile or mistaken
//! backups are refused with nothing changed.

use chrono::NaiveDate;
use serde_json::{json, Value};
use taper_journal::api;
use taper_journal::store::backup::BACKUP_MAX_BYTES;
use taper_journal::store::Journal;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn open(dir: &TempDir, name: &str) -> Journal {
    Journal::open(&dir.path().join(name)).unwrap()
}

/// A journal with a row in every table.
fn full_journal(dir: &TempDir) -> Journal {
    let mut j = open(dir, "full.db");
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam", "brand": "Klonopin"}, "dose_mg": "2", "since": "2026-09-01"}),
        today(),
    )
    .unwrap();
    api::add_medication(
        &mut j,
        json!({"medication": {"generic": "gabapentin", "class": "other"}, "dose_mg": "300", "since": "2026-10-01"}),
        today(),
    )
    .unwrap();
    api::save_step(
        &mut j,
        json!({"medication_id": 1, "date": "2026-10-15", "dose_mg": "1.8", "split": "0.9 morning, 0.9 night", "note": "agreed \"slowly\" <b>"}),
        today(),
    )
    .unwrap();
    api::save_planned_step(
        &mut j,
        json!({"medication_id": 1, "date": "2026-12-10", "dose_mg": "1.6"}),
        today(),
    )
    .unwrap();
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-20", "anxiety": 4, "mood": 6, "sleep_hours": "6.75", "sleep_quality": 5,
               "symptoms": {"tremor": 1, "insomnia": 2}, "own_symptoms": {"Jaw clenching": 2},
               "red_flags": ["confusion"], "doses_taken": {"1": "1.8", "2": "300"},
               "alcohol_drinks": 1, "opioids": false, "practices": ["exercise"], "note": "Ünïcödé, \"quotes\", 😊"}),
        today(),
    )
    .unwrap();
    api::save_check_in_draft(&mut j, "2026-11-22", json!([["anxiety", "3"]]), today()).unwrap();
    api::save_questionnaire(
        &mut j,
        json!({"kind": "gad7", "date": "2026-11-21", "answers": [1, 2, 1, 0, 0, 1, 2]}),
        today(),
    )
    .unwrap();
    api::add_question(&mut j, "Can we slow down?", today()).unwrap();
    api::plan::save_plan_proposal(
        &mut j,
        json!({"medication_id": 1, "times": [{"label": "Morning", "dose_mg": "0.9"}, {"label": "Night", "dose_mg": "0.9"}],
               "form": "liquid", "concentration_mg_per_ml": "0.1", "smallest_ml": "0.1",
               "percent": "10", "every_days": "14", "start": "2026-12-01"}),
        today(),
    )
    .unwrap();
    api::add_visit(
        &mut j,
        json!({"date": "2026-11-21", "clinician": "Dr Lee", "decision": "hold", "answered_questions": [1],
               "next_step": {"medication_id": 1, "date": "2026-12-20", "dose_mg": "1.7"}}),
        today(),
    )
    .unwrap();
    // An import that filled one day and replaced another (kept for an undo).
    api::save_check_in(&mut j, json!({"date": "2026-11-18", "mood": 5}), today()).unwrap();
    let csv = "DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES\n2026-11-18,1,0,1,3,7,replacing\n2026-11-19,2,0,1,2,6.5,imported\n";
    let (pending, _) = api::read_import(&j, csv.as_bytes(), "emoods.csv", today()).unwrap();
    let replace = serde_json::from_value(json!({"existing": "replace"})).unwrap();
    api::run_import(&mut j, &pending, replace, today()).unwrap();
    j
}

/// Every row of every table, as text.
fn snapshot(j: &Journal) -> String {
    serde_json::to_string(&j.backup(today()).unwrap()).unwrap()
}

#[test]
fn backup_restore_backup_gives_the_identical_file() {
    let dir = tempfile::tempdir().unwrap();
    let j = full_journal(&dir);
    let first = serde_json::to_string_pretty(&api::backup(&j, today()).unwrap()).unwrap();
    let doc: Value = serde_json::from_str(&first).unwrap();
    for table in taper_journal::store::backup::TABLES {
        let rows = doc["tables"][table].as_array().unwrap();
        assert!(!rows.is_empty(), "the test journal has a row in {table}");
    }

    let mut empty = open(&dir, "empty.db");
    let restored = api::restore(&mut empty, first.as_bytes()).unwrap();
    assert_eq!(
        (
            restored.medications,
            restored.dose_steps,
            restored.check_ins
        ),
        (2, 3, 3),
        "the check-in typed, and the two an import wrote (one replacing a typed one)"
    );
    let second = serde_json::to_string_pretty(&api::backup(&empty, today()).unwrap()).unwrap();
    assert_eq!(first, second);
    // And the restored journal works as a journal: the check-in reads back whole.
    let day = api::check_in(&empty, Some("2026-11-20"), today()).unwrap();
    assert_eq!(day.note, "Ünïcödé, \"quotes\", 😊");
    assert_eq!(day.sleep_hours, "6.75");
    assert!(day.urgent_help.is_some(), "the red flag came back");
}

/// The backup names the app version that wrote it: the one in Cargo.toml, as About and the
/// packages do; a restore does not depend on it.
#[test]
fn the_backup_header_names_the_app_version() {
    let dir = tempfile::tempdir().unwrap();
    let j = full_journal(&dir);
    let doc = api::backup(&j, today()).unwrap();
    assert_eq!(doc["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["app_version"], taper_journal::APP_VERSION);
    let mut other = doc.clone();
    other["app_version"] = "99.0.0".into();
    let mut empty = open(&dir, "other.db");
    let bytes = serde_json::to_vec(&other).unwrap();
    assert!(
        api::restore(&mut empty, &bytes).is_ok(),
        "any app version restores"
    );
}

#[test]
fn a_restore_replaces_everything_that_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let source = full_journal(&dir);
    let file = serde_json::to_vec(&source.backup(today()).unwrap()).unwrap();
    let mut other = open(&dir, "other.db");
    api::complete_setup(
        &mut other,
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "10", "since": "2026-01-01"}),
        today(),
    )
    .unwrap();
    api::save_check_in(
        &mut other,
        json!({"date": "2026-01-05", "anxiety": 9}),
        today(),
    )
    .unwrap();
    api::restore(&mut other, &file).unwrap();
    assert_eq!(snapshot(&other), snapshot(&source));
}

fn mutate(doc: &Value, f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut d = doc.clone();
    f(&mut d);
    serde_json::to_vec(&d).unwrap()
}

#[test]
fn hostile_and_malformed_backups_change_nothing_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = full_journal(&dir);
    let good = j.backup(today()).unwrap();
    let before = snapshot(&j);

    let mut too_big = vec![b' '; BACKUP_MAX_BYTES + 1];
    too_big[0] = b'{';
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not JSON",
            b"PK\x03\x04 this is a zip".to_vec(),
            "could not be read as JSON",
        ),
        (
            "cut off half way",
            serde_json::to_vec(&good).unwrap()[..500].to_vec(),
            "could not be read as JSON",
        ),
        (
            "a JSON list",
            b"[1, 2, 3]".to_vec(),
            "not a Taper Journal backup",
        ),
        (
            "another app's JSON",
            br#"{"format": "mood-tracker", "version": 1}"#.to_vec(),
            "does not say so",
        ),
        (
            "a newer format",
            mutate(&good, |d| d["version"] = json!(2)),
            "newer version",
        ),
        (
            "no version",
            mutate(&good, |d| {
                d.as_object_mut().unwrap().remove("version");
            }),
            "missing or unknown",
        ),
        ("a file over the size limit", too_big, "far smaller"),
        (
            "anxiety 11",
            mutate(&good, |d| d["tables"]["check_in"][0]["anxiety"] = json!(11)),
            "check_in, row 1 is not valid",
        ),
        (
            "a dose of -1 µg",
            mutate(&good, |d| {
                d["tables"]["dose_step"][0]["dose_ug"] = json!(-1)
            }),
            "dose_step, row 1 is not valid",
        ),
        (
            "a dose as a float",
            mutate(&good, |d| {
                d["tables"]["dose_step"][0]["dose_ug"] = json!(1.5)
            }),
            "wrong kind",
        ),
        (
            "an impossible date",
            mutate(&good, |d| {
                d["tables"]["check_in"][0]["date"] = json!("2026-13-45x")
            }),
            "check_in, row 1: Enter a date as YYYY-MM-DD",
        ),
        (
            "31 February (the schema's pattern admits it; the app could not read it)",
            mutate(&good, |d| {
                d["tables"]["dose_step"][0]["date"] = json!("2026-02-31")
            }),
            "dose_step, row 1: Enter a date as YYYY-MM-DD",
        ),
        (
            "a setup date that is not a date",
            mutate(&good, |d| {
                d["tables"]["settings"][0]["setup_completed_on"] = json!("garbage")
            }),
            "settings, row 1: Enter a date as YYYY-MM-DD",
        ),
        (
            "a check-in in 1900",
            mutate(&good, |d| {
                d["tables"]["check_in"][0]["date"] = json!("1900-01-01")
            }),
            "The date must be between 1970-01-01 and 2100-12-31",
        ),
        (
            "a note hiding a megabyte behind a NUL",
            mutate(&good, |d| {
                d["tables"]["check_in"][0]["note"] = json!(format!("N\u{0}{}", "y".repeat(1 << 20)))
            }),
            "invisible control characters in \"note\"",
        ),
        (
            "a draft that is not the form's shape",
            mutate(&good, |d| {
                d["tables"]["check_in_draft"][0]["form"] = json!("{\"a\":1}")
            }),
            "not in the form's shape",
        ),
        (
            "a built-in symptom this version does not know",
            mutate(&good, |d| {
                let rows = d["tables"]["check_in_symptom"].as_array_mut().unwrap();
                let builtin = rows.iter_mut().find(|r| r["builtin"] == json!(1)).unwrap();
                builtin["name"] = json!("levitation");
            }),
            "does not know (\"levitation\")",
        ),
        (
            "ten thousand and one questions",
            mutate(&good, |d| {
                let q = d["tables"]["question"][0].clone();
                d["tables"]["question"] = json!(vec![q; 10_001]);
            }),
            "more than a journal can hold (10000)",
        ),
        (
            "a backup from a newer schema",
            mutate(&good, |d| d["schema_version"] = json!(99)),
            "newer version",
        ),
        (
            "a 3000-character note",
            mutate(&good, |d| {
                d["tables"]["check_in"][0]["note"] = json!("x".repeat(3000))
            }),
            "check_in, row 1 is not valid",
        ),
        (
            "an unknown table",
            mutate(&good, |d| d["tables"]["secrets"] = json!([])),
            "does not know (\"secrets\")",
        ),
        (
            "an unknown field",
            mutate(&good, |d| {
                d["tables"]["medication"][0]["dose_kg"] = json!(1)
            }),
            "unknown field \"dose_kg\"",
        ),
        (
            "a missing table",
            mutate(&good, |d| {
                d["tables"].as_object_mut().unwrap().remove("visit");
            }),
            "no \"visit\" table",
        ),
        (
            "a step of a medication that is not there",
            mutate(&good, |d| {
                d["tables"]["dose_step"][0]["medication_id"] = json!(99)
            }),
            "dose_step, row 1 is not valid (it refers to something that is not in the backup)",
        ),
        (
            "two check-ins on one day",
            mutate(&good, |d| {
                let c = d["tables"]["check_in"][0].clone();
                d["tables"]["check_in"].as_array_mut().unwrap().push(c);
            }),
            "is not valid (UNIQUE constraint failed: check_in.date)",
        ),
        (
            "a name with markup",
            mutate(&good, |d| {
                d["tables"]["medication"][0]["generic"] = json!("<img src=x onerror=alert(1)>")
            }),
            "a medication: A medication name can only contain",
        ),
        (
            "an empty row (no field at all)",
            mutate(&good, |d| d["tables"]["settings"][0] = json!({})),
            "settings, row 1 is not valid (NOT NULL constraint failed",
        ),
        (
            "a row that is a list",
            mutate(&good, |d| d["tables"]["question"][0] = json!([1, 2])),
            "question, row 1 is not a row",
        ),
        (
            "a GAD-7 with 9 answers",
            mutate(&good, |d| {
                d["tables"]["questionnaire"][0]["answers"] = json!("012301230")
            }),
            "questionnaire, row 1 is not valid",
        ),
    ];
    for (what, bytes, expected) in cases {
        let err = api::restore(&mut j, &bytes).expect_err(what);
        assert_eq!(
            (err.kind.name(), err.field.as_deref()),
            ("invalid_input", Some("backup")),
            "{what}"
        );
        assert!(err.message.contains(expected), "{what}: {}", err.message);
        assert!(
            err.message.ends_with("Nothing was changed."),
            "{what}: {}",
            err.message
        );
        assert_eq!(snapshot(&j), before, "{what} changed the journal");
    }
}

#[test]
fn a_draft_holding_any_typed_character_backs_up_and_restores() {
    // Found by the hostile-input property tests (tests/hostile_calls.rs): DEL and C1 controls (U+0080-U+009F) typed or pasted into
    // the check-in form were kept raw in the draft, and the app then refused its own backup.
    let dir = tempfile::tempdir().unwrap();
    let mut j = full_journal(&dir);
    let typed = "a\u{7f}b\u{85}c\u{9f}\u{0}\u{1b}[31m é😊";
    api::save_check_in_draft(&mut j, "2026-11-21", json!([["note", typed]]), today()).unwrap();
    let file = api::backup_file(&j, today()).unwrap();
    let mut fresh = open(&dir, "fresh.db");
    api::restore(&mut fresh, &file).unwrap();
    let draft = api::check_in(&fresh, Some("2026-11-21"), today())
        .unwrap()
        .draft
        .unwrap();
    assert_eq!(
        draft,
        json!([["note", typed]]),
        "the draft comes back as typed"
    );
}

#[test]
fn a_backup_made_before_a_column_was_added_restores_with_its_default() {
    // Schema 5 added settings.paper; a backup from schema 4 has no such field.
    let dir = tempfile::tempdir().unwrap();
    let mut j = full_journal(&dir);
    j.set_paper("letter").unwrap();
    let mut older = j.backup(today()).unwrap();
    older["tables"]["settings"][0]
        .as_object_mut()
        .unwrap()
        .remove("paper");
    let mut fresh = open(&dir, "fresh.db");
    api::restore(&mut fresh, &serde_json::to_vec(&older).unwrap()).unwrap();
    assert_eq!(fresh.paper().unwrap(), "a4");
}

#[test]
fn a_backup_made_before_plan_proposals_restores_with_none() {
    // Schema 9 added the plan_proposal table; a backup from schema 8 has no such table.
    let dir = tempfile::tempdir().unwrap();
    let j = full_journal(&dir);
    let mut older = j.backup(today()).unwrap();
    older["tables"]
        .as_object_mut()
        .unwrap()
        .remove("plan_proposal");
    let mut fresh = open(&dir, "fresh.db");
    api::restore(&mut fresh, &serde_json::to_vec(&older).unwrap()).unwrap();
    assert!(fresh.plan_proposals().unwrap().is_empty());
    assert_eq!(fresh.planned_steps().unwrap().len(), 2);
}

/// Writes the backup fuzz target's seed corpus (`fuzz/seeds/backup_import/`): a journal
/// before setup, one just set up, and one with a row in every table. Run it again after
/// the backup format or schema changes:
/// `cargo test --test backup -- --ignored writes_the_fuzz_seed_corpus`.
#[test]
#[ignore]
fn writes_the_fuzz_seed_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/backup_import");
    std::fs::create_dir_all(&seeds).unwrap();
    let empty = open(&dir, "empty.db");
    let mut set_up = open(&dir, "set-up.db");
    api::complete_setup(
        &mut set_up,
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "10", "since": "2026-11-01"}),
        today(),
    )
    .unwrap();
    let full = full_journal(&dir);
    for (name, j) in [("empty", &empty), ("set-up", &set_up), ("full", &full)] {
        let bytes = serde_json::to_vec(&api::backup(j, today()).unwrap()).unwrap();
        std::fs::write(seeds.join(format!("{name}.json")), bytes).unwrap();
    }
}
