//! The page's boundary (`api`, which the Tauri commands call unchanged): hostile or
//! mistaken input is refused with the field named, and nothing at all is written.

mod support {
    pub mod journal_dump;
}
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
    support::journal_dump::table_rows(j.connection())
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
        ("delete a step that is not there", api::delete_step(&mut j, 999, today()).map(drop), "id"),
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
        (err.kind.name(), err.field.as_deref()),
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
        saved.check_in.urgent_help.is_some_and(|h| h.urgent
            && h.paragraphs
                .join(" ")
                .contains("call your local emergency number now")),
        "a red flag brings the urgent-help message, general while no country is chosen"
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
    let before = api::steps(&j, today()).unwrap();
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
    let after = api::steps(&j, today()).unwrap();
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

#[test]
fn questionnaires_visits_and_questions_refuse_bad_input_and_write_nothing() {
    let (_dir, mut j) = set_up();
    api::add_question(&mut j, "Can we slow down?", today()).unwrap();
    let before = snapshot(&j);
    let gad = |answers: Value| json!({"kind": "gad7", "date": "2026-11-22", "answers": answers});
    let visit = |extra: Value| {
        let mut v = json!({"date": "2026-11-20", "decision": "hold"});
        for (k, val) in extra.as_object().unwrap() {
            v[k] = val.clone();
        }
        v
    };
    let cases: Vec<(&str, Result<(), ApiError>, &str)> = vec![
        ("GAD-7 with an unanswered item", api::save_questionnaire(&mut j, gad(json!([0, 1, 2, null, 0, 1, 2])), today()).map(drop), "answers.3"),
        ("GAD-7 item scored 4", api::save_questionnaire(&mut j, gad(json!([0, 1, 2, 4, 0, 1, 2])), today()).map(drop), "answers.3"),
        ("GAD-7 with 9 answers", api::save_questionnaire(&mut j, gad(json!([0, 0, 0, 0, 0, 0, 0, 0, 0])), today()).map(drop), "answers"),
        ("GAD-7 answer -1", api::save_questionnaire(&mut j, gad(json!([0, 1, 2, -1, 0, 1, 2])), today()).map(drop), "answers.3"),
        ("unknown questionnaire", api::save_questionnaire(&mut j, json!({"kind": "isi", "date": "2026-11-22", "answers": []}), today()).map(drop), "kind"),
        ("questionnaire tomorrow", api::save_questionnaire(&mut j, json!({"kind": "gad7", "date": "2026-11-23", "answers": [0, 0, 0, 0, 0, 0, 0]}), today()).map(drop), "date"),
        ("unknown decision", api::add_visit(&mut j, visit(json!({"decision": "stop now"})), today()).map(drop), "decision"),
        ("visit next week", api::add_visit(&mut j, visit(json!({"date": "2026-11-29"})), today()).map(drop), "date"),
        ("visit with a 300-character clinician", api::add_visit(&mut j, visit(json!({"clinician": "x".repeat(300)})), today()).map(drop), "clinician"),
        ("next step dose -1", api::add_visit(&mut j, visit(json!({"next_step": {"medication_id": 1, "date": "2026-12-01", "dose_mg": "-1"}})), today()).map(drop), "next_step.dose_mg"),
        ("next step before the visit", api::add_visit(&mut j, visit(json!({"next_step": {"medication_id": 1, "date": "2026-11-01", "dose_mg": "1"}})), today()).map(drop), "next_step.date"),
        ("next step of an unknown medication", api::add_visit(&mut j, visit(json!({"next_step": {"medication_id": 99, "date": "2026-12-01", "dose_mg": "1"}})), today()).map(drop), "next_step.medication_id"),
        ("answering a question that is not there", api::add_visit(&mut j, visit(json!({"answered_questions": [1, 999]})), today()).map(drop), "answered_questions"),
        ("blank question", api::add_question(&mut j, "   ", today()).map(drop), "text"),
        ("question of 501 characters", api::add_question(&mut j, &"q".repeat(501), today()).map(drop), "text"),
        ("ticking a question that is not there", api::set_question_done(&mut j, 999, true, today()).map(drop), "id"),
        ("unknown period", api::trends(&j, "fortnight", None, today()).map(drop), "period"),
    ];
    for (what, result, field) in cases {
        let err = result.expect_err(what);
        assert_eq!(err.field.as_deref(), Some(field), "{what}: {err:?}");
        assert!(!err.message.is_empty(), "{what}");
    }
    assert_eq!(snapshot(&j), before, "a refused input changed the journal");
}

#[test]
fn a_visit_records_its_next_step_as_planned_and_ticks_off_its_questions() {
    let (_dir, mut j) = set_up();
    let v = api::add_question(&mut j, "Can we slow down?", today()).unwrap();
    let q = v.questions[0].id;
    let v = api::add_visit(
        &mut j,
        json!({"date": "2026-11-20", "clinician": "Dr Lee", "decision": "slow_down",
               "next_step": {"medication_id": 1, "date": "2026-12-04", "dose_mg": "1.4"},
               "answered_questions": [q]}),
        today(),
    )
    .unwrap();
    assert_eq!(v.visits[0].decision_label, "Slow down");
    assert_eq!(
        v.visits[0].next_step_label,
        "Next step: clonazepam 1.4 mg a day from 4 Dec 2026"
    );
    assert!(v.questions[0].done);
    assert_eq!(v.questions[0].date_label, "Answered 20 Nov 2026");
    let planned = api::steps(&j, today()).unwrap().planned;
    assert_eq!(planned.len(), 1);
    assert_eq!(
        (planned[0].dose_mg.as_str(), planned[0].agreed_at.as_str()),
        ("1.4", "Visit on 20 Nov 2026")
    );
    // Removing the visit opens the question again and keeps the planned step.
    let v = api::delete_visit(&mut j, v.visits[0].id).unwrap();
    assert!(!v.questions[0].done);
    assert_eq!(api::steps(&j, today()).unwrap().planned.len(), 1);
}

#[test]
fn questionnaires_are_scored_due_every_two_weeks_and_item_9_raises_the_safety_message() {
    let (_dir, mut j) = set_up();
    let today_view = api::check_in(&j, None, today()).unwrap();
    assert!(today_view
        .questionnaire_due
        .unwrap()
        .contains("GAD-7 and PHQ-9"));
    // GAD-7 2,2,1,1,1,1,1 = 9: mild (5-9).
    let saved = api::save_questionnaire(
        &mut j,
        json!({"kind": "gad7", "date": "2026-11-22", "answers": [2, 2, 1, 1, 1, 1, 1]}),
        today(),
    )
    .unwrap();
    assert_eq!(
        saved.message,
        "Saved your GAD-7 for 22 Nov 2026: 9 of 21, mild."
    );
    assert!(saved.urgent_help.is_none());
    // PHQ-9 with item 9 "several days" (1): total 1+1+2+2+1+1+1+0+1 = 10, moderate.
    let saved = api::save_questionnaire(
        &mut j,
        json!({"kind": "phq9", "date": "2026-11-22", "answers": ["1", 1, 2, 2, 1, 1, 1, 0, 1]}),
        today(),
    )
    .unwrap();
    assert_eq!(
        saved.message,
        "Saved your PHQ-9 for 22 Nov 2026: 10 of 27, moderate."
    );
    let help = saved
        .urgent_help
        .expect("item 9 above 0 brings the message");
    assert!(help.urgent);
    assert!(
        help.paragraphs[0].contains("“Several days”"),
        "{:?}",
        help.paragraphs
    );
    assert_eq!(
        api::check_in(&j, None, today()).unwrap().questionnaire_due,
        None
    );
    // Due again 14 days later.
    let later = today() + chrono::Duration::days(14);
    assert!(api::check_in(&j, None, later)
        .unwrap()
        .questionnaire_due
        .is_some());
    let q = api::questionnaires(&j, later).unwrap();
    assert!(q.forms.iter().all(|f| f.due));
    assert_eq!(q.history.len(), 2);
}
