//! The page's boundary (`api`, which the Tauri commands call unchanged): hostile or
//! mistaken input is refused with the field named, and nothing at all is written.

use chrono::NaiveDate;
use serde_json::{json, Value};
use taper_journal::api::{self, ApiError};
use taper_journal::store::Journal;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn set_up() -> (TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "1.5", "since": "2026-11-01"}),
        today(),
    )
    .unwrap();
    (dir, j)
}

/// Every row of every journal table, as text: equal snapshots mean nothing was written.
fn snapshot(j: &Journal) -> String {
    let conn = j.connection();
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..cols {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!(" {v:?}"));
            }
            out.push('\n');
        }
    }
    out
}

fn refused(result: Result<impl std::fmt::Debug, ApiError>) -> ApiError {
    result.expect_err("input should have been refused")
}

fn step(dose: Value) -> Value {
    json!({"medication_id": 1, "date": "2026-11-20", "dose_mg": dose})
}

#[test]
fn mistaken_and_hostile_input_is_refused_with_the_field_named_and_nothing_written() {
    let (_dir, mut j) = set_up();
    // A real check-in first, so "nothing written" also means "nothing overwritten".
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-21", "anxiety": "3", "note": "steady"}),
        today(),
    )
    .unwrap();
    let before = snapshot(&j);

    let one_megabyte = "x".repeat(1 << 20);
    let cases: Vec<(&str, Result<(), ApiError>, &str)> = vec![
        ("rating 11", api::save_check_in(&mut j, json!({"date": "2026-11-21", "anxiety": 11}), today()).map(drop), "anxiety"),
        ("mood as text", api::save_check_in(&mut j, json!({"date": "2026-11-21", "mood": "fine"}), today()).map(drop), "mood"),
        ("1 MB note", api::save_check_in(&mut j, json!({"date": "2026-11-21", "note": one_megabyte}), today()).map(drop), "note"),
        ("unknown field", api::save_check_in(&mut j, json!({"date": "2026-11-21", "dose_kg": 10}), today()).map(drop), "dose_kg"),
        ("future day", api::save_check_in(&mut j, json!({"date": "2026-11-23"}), today()).map(drop), "date"),
        ("year 20000", api::save_check_in(&mut j, json!({"date": "20000-01-01"}), today()).map(drop), "date"),
        ("dose taken of an unknown medication", api::save_check_in(&mut j, json!({"date": "2026-11-21", "doses_taken": {"999": "1"}}), today()).map(drop), "doses_taken.999"),
        ("dose -1", api::save_step(&mut j, step(json!("-1")), today()).map(drop), "dose_mg"),
        ("dose NaN", api::save_step(&mut j, step(json!("NaN")), today()).map(drop), "dose_mg"),
        ("dose 10 kg", api::save_step(&mut j, step(json!(10_000_000)), today()).map(drop), "dose_mg"),
        ("step in year 20000", api::save_step(&mut j, json!({"medication_id": 1, "date": "20000-01-01", "dose_mg": "1"}), today()).map(drop), "date"),
        ("step for an unknown medication", api::save_step(&mut j, json!({"medication_id": 999, "date": "2026-11-20", "dose_mg": "1"}), today()).map(drop), "medication_id"),
        ("second step on the same day", api::save_step(&mut j, json!({"medication_id": 1, "date": "2026-11-01", "dose_mg": "1"}), today()).map(drop), "date"),
        ("step starting tomorrow", api::save_step(&mut j, json!({"medication_id": 1, "date": "2026-11-23", "dose_mg": "1"}), today()).map(drop), "date"),
        ("unknown field in a step", api::save_step(&mut j, json!({"medication_id": 1, "date": "2026-11-20", "dose_mg": "1", "kind": "reduction"}), today()).map(drop), "kind"),
        ("name with markup", api::add_medication(&mut j, json!({"medication": {"generic": "<img src=x onerror=alert(1)>"}, "dose_mg": "5", "since": "2026-11-20"}), today()).map(drop), "medication.generic"),
        ("unknown table", api::set_equivalence_table(&mut j, "medscape", today()).map(drop), "table"),
        ("draft that is not field/value pairs", api::save_check_in_draft(&mut j, "2026-11-21", json!({"anxiety": 3}), today()), "form"),
        ("draft of 1 MB", api::save_check_in_draft(&mut j, "2026-11-21", json!([["note", "x".repeat(1 << 20)]]), today()), "form"),
        ("draft for a future day", api::save_check_in_draft(&mut j, "2026-11-23", json!([["anxiety", "3"]]), today()), "date"),
        ("delete a step that is not there", api::delete_step(&mut j, 999).map(drop), "id"),
    ];
    for (what, result, field) in cases {
        let err = result.expect_err(what);
        assert_eq!(err.field.as_deref(), Some(field), "{what}: {err:?}");
        assert!(!err.message.is_empty(), "{what}");
    }
    assert_eq!(snapshot(&j), before, "a refused input changed the journal");
}

#[test]
fn a_refused_setup_leaves_the_journal_empty_and_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    let empty = snapshot(&j);
    let err = refused(api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "-1", "since": "2026-11-01"}),
        today(),
    ));
    assert_eq!(
        (err.kind, err.field.as_deref()),
        ("invalid_input", Some("dose_mg"))
    );
    let err = refused(api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam", "strength_mg": "abc"}, "dose_mg": "1", "since": "2026-11-01"}),
        today(),
    ));
    assert_eq!(err.field.as_deref(), Some("medication.strength_mg"));
    let err = refused(api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "1", "since": "2026-12-01"}),
        today(),
    ));
    assert_eq!(
        err.field.as_deref(),
        Some("since"),
        "the current dose cannot start in the future"
    );
    assert_eq!(snapshot(&j), empty);
    assert!(api::overview(&j, today()).unwrap().needs_setup);
}

#[test]
fn a_check_in_saved_twice_keeps_the_second_and_user_markup_stays_text() {
    let (_dir, mut j) = set_up();
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-22", "anxiety": "6"}),
        today(),
    )
    .unwrap();
    let saved = api::save_check_in(
        &mut j,
        json!({"date": "2026-11-22", "anxiety": "4", "note": "<script>alert(1)</script>", "red_flags": ["seizure"]}),
        today(),
    )
    .unwrap();
    assert_eq!(saved.check_in.anxiety, "4");
    assert_eq!(saved.check_in.note, "<script>alert(1)</script>");
    assert!(
        saved
            .check_in
            .safety_message
            .is_some_and(|m| m.contains("988")),
        "a red flag brings the safety message"
    );
    let count: i64 = j
        .connection()
        .query_row("SELECT count(*) FROM check_in", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn setup_happens_once() {
    let (_dir, mut j) = set_up();
    let err = refused(api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "5", "since": "2026-11-01"}),
        today(),
    ));
    assert_eq!(err.field.as_deref(), Some("form"));
    assert_eq!(api::overview(&j, today()).unwrap().medications.len(), 1);
}

#[test]
fn a_crossover_added_from_the_medication_screen_is_shown_in_diazepam_equivalents() {
    // Clonazepam 1.5 mg since 1 Nov (15 mg DE, joint table). On 20 Nov: diazepam 5 mg added
    // and clonazepam 1 mg (10 mg DE): total 15 -> 15 mg DE, 0 %, nothing to flag.
    let (_dir, mut j) = set_up();
    let o = api::add_medication(
        &mut j,
        json!({"medication": {"generic": "Valium"}, "dose_mg": "5", "since": "2026-11-20"}),
        today(),
    )
    .unwrap();
    let diazepam = o
        .medications
        .iter()
        .find(|m| m.name == "diazepam (Valium)")
        .expect("filed under its generic");
    assert!(
        diazepam
            .conversion_label
            .contains("2025 joint guideline table"),
        "{}",
        diazepam.conversion_label
    );
    let steps = api::save_step(
        &mut j,
        json!({"medication_id": 1, "date": "2026-11-20", "dose_mg": "1"}),
        today(),
    )
    .unwrap();
    let clonazepam = steps
        .steps
        .iter()
        .find(|s| s.medication_id == 1 && s.date == "2026-11-20")
        .unwrap();
    assert_eq!(
        clonazepam.total_label,
        "All benzodiazepines and z-drugs together: 15 → 15 mg diazepam-equivalent (0 %) (2025 joint guideline table; approximate)."
    );
    assert!(clonazepam.pace.is_empty(), "{:?}", clonazepam.pace);
    assert_eq!(clonazepam.change_label, "−33.3 % from 1.5 mg");
}

#[test]
fn a_medication_can_be_corrected_and_keeps_its_steps() {
    // Typed "Klonipin" as another medication by mistake; corrected to clonazepam, its step
    // is then pace-checked and converted.
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "Klonipin", "class": "other"}, "dose_mg": "2", "since": "2026-10-01"}),
        today(),
    )
    .unwrap();
    api::save_step(
        &mut j,
        json!({"medication_id": 1, "date": "2026-10-08", "dose_mg": "1.5"}),
        today(),
    )
    .unwrap();
    let before = api::steps(&j).unwrap();
    assert!(before.steps[0].pace_summary.starts_with("Not pace-checked"));

    let err = refused(api::update_medication(
        &mut j,
        1,
        json!({"generic": "<b>x</b>"}),
        today(),
    ));
    assert_eq!(err.field.as_deref(), Some("medication.generic"));
    let o = api::update_medication(&mut j, 1, json!({"generic": "clonazepam"}), today()).unwrap();
    assert_eq!(o.medications[0].name, "clonazepam");
    let after = api::steps(&j).unwrap();
    // 2 -> 1.5 mg is 25 % in 7 days: over the usual pace, not over the ceiling (exactly 25 %).
    let cut = &after.steps[0];
    assert_eq!(cut.change_label, "−25 % from 2 mg");
    assert!(
        cut.equivalent_label
            .starts_with("≈ 15 mg diazepam-equivalent"),
        "{}",
        cut.equivalent_label
    );
    assert_eq!(cut.pace.len(), 2, "{:?}", cut.pace);
    assert_eq!(
        refused(api::update_medication(
            &mut j,
            99,
            json!({"generic": "diazepam"}),
            today()
        ))
        .kind,
        "not_found"
    );
}
