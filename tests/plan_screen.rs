//! The Plan screen's operations against a real journal file: mistaken input refused beside
//! its field with nothing kept; a proposal kept as it was made, shown on one place at a
//! time, deleted; its steps agreed at a visit made planned steps, all or none.

use chrono::NaiveDate;
use serde_json::{json, Value};
use taper_journal::api::{self, plan};
use taper_journal::journal::Micrograms;
use taper_journal::store::Journal;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// Clonazepam 2 mg a day (1 mg morning, 1 mg night) since 1 November 2026.
fn journal(dir: &TempDir) -> Journal {
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "2", "since": "2026-11-01"}),
        today(),
    )
    .unwrap();
    j
}

/// The worked example of taper/plan.rs: 0.5 mg scored tablets, 10 % every 14 days, from
/// 4 January 2027: 1.75, 1.5, 1.25, 1 and 0.75 mg, then a stop for want of a smaller unit.
fn form() -> Value {
    json!({"medication_id": 1,
           "times": [{"label": "Morning", "dose_mg": "1"}, {"label": "Night", "dose_mg": "1"}],
           "form": "tablets", "tablets": [{"strength_mg": "0.5", "scored": true}], "quarters": false,
           "percent": "10", "every_days": "14", "start": "2027-01-04"})
}

fn with(change: &[(&str, Value)]) -> Value {
    let mut f = form();
    for (k, v) in change {
        f[*k] = v.clone();
    }
    f
}

#[test]
fn mistaken_input_is_refused_beside_its_field_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let liquid = |per_ml: &str, smallest: &str| {
        with(&[
            ("form", json!("liquid")),
            ("concentration_mg_per_ml", json!(per_ml)),
            ("smallest_ml", json!(smallest)),
        ])
    };
    let cases = [
        (
            with(&[("tablets", json!([{"strength_mg": "0", "scored": true}]))]),
            "tablets.0.strength_mg",
            "Tablet strength",
        ),
        (
            liquid("1000000000", "0.1"),
            "concentration_mg_per_ml",
            "Concentration",
        ),
        (with(&[("percent", json!("60"))]), "percent", "Pace"),
        (with(&[("every_days", json!("1"))]), "every_days", "Every"),
        (with(&[("end_mg", json!("3"))]), "end_mg", "End dose"),
        (liquid("1", "0"), "smallest_ml", "Smallest amount"),
        // 40 mg diazepam-like amounts at 1 % a week would need more than 200 steps.
        (
            with(&[
                ("times", json!([{"label": "Each day", "dose_mg": "2"}])),
                ("form", json!("liquid")),
                ("concentration_mg_per_ml", json!("0.1")),
                ("smallest_ml", json!("0.01")),
                ("percent", json!("1")),
                ("every_days", json!("7")),
            ]),
            "percent",
            "more than 200 steps",
        ),
        (
            with(&[("start", json!("2026-11-30"))]),
            "start",
            "First step",
        ),
        (
            with(&[("times", json!([{"label": "", "dose_mg": "2"}]))]),
            "times.0.label",
            "Time of day",
        ),
    ];
    for (input, field, words) in cases {
        for err in [
            plan::propose_plan(&j, input.clone(), today()).unwrap_err(),
            plan::save_plan_proposal(&mut j, input.clone(), today()).unwrap_err(),
        ] {
            assert_eq!(err.kind, "invalid_input", "{input}");
            assert_eq!(
                err.field.as_deref(),
                Some(field),
                "{input}: {}",
                err.message
            );
            assert!(err.message.contains(words), "{field}: {}", err.message);
        }
    }
    assert!(j.plan_proposals().unwrap().is_empty());
    assert!(plan::plan_form(&j, today()).unwrap().saved.is_empty());
}

#[test]
fn a_kept_proposal_reads_as_it_was_made_and_one_is_shown_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut j = journal(&dir);
    let looked_at = plan::propose_plan(&j, form(), today()).unwrap();
    let first = plan::save_plan_proposal(&mut j, form(), today()).unwrap();
    assert_eq!(first.saved.len(), 1);
    let k = &first.saved[0];
    assert!(k.shown);
    assert_eq!(
        k.title,
        "Made on 2 December 2026: clonazepam, 10 % every 14 days"
    );
    assert_eq!(k.plan, looked_at, "kept as it was shown");
    let doses: Vec<&str> = k.plan.rows.iter().map(|r| r.daily.as_str()).collect();
    assert_eq!(doses, ["1.75 mg", "1.5 mg", "1.25 mg", "1 mg", "0.75 mg"]);

    // A second, liquid proposal: the newest first, and now the one shown.
    let liquid = with(&[
        ("form", json!("liquid")),
        ("concentration_mg_per_ml", json!("0.1")),
        ("smallest_ml", json!("0.1")),
        ("percent", json!("5")),
        ("every_days", json!("28")),
    ]);
    let second = plan::save_plan_proposal(&mut j, liquid, today()).unwrap();
    let shown: Vec<bool> = second.saved.iter().map(|k| k.shown).collect();
    assert_eq!(shown, [true, false]);
    assert!(second.saved[0].title.contains("5 % every 28 days"));
    let (liquid_id, tablets_id) = (second.saved[0].id, second.saved[1].id);

    // After the app is closed and opened again, the same.
    drop(j);
    let mut j = Journal::open(&path).unwrap();
    let again = plan::plan_form(&j, today()).unwrap().saved;
    assert_eq!(again, second.saved);
    assert_eq!(j.shown_plan_proposal().unwrap().unwrap().id, liquid_id);

    let r = plan::show_plan_proposal(&mut j, Some(tablets_id), today()).unwrap();
    assert_eq!(
        r.message,
        "Shown on the visit summary, and on the dose chart (Trends) for its steps in the next 4 months."
    );
    assert_eq!(j.shown_plan_proposal().unwrap().unwrap().id, tablets_id);
    plan::show_plan_proposal(&mut j, None, today()).unwrap();
    assert!(j.shown_plan_proposal().unwrap().is_none());
    let missing = plan::show_plan_proposal(&mut j, Some(999), today()).unwrap_err();
    assert_eq!(missing.kind, "not_found");

    plan::delete_plan_proposal(&mut j, liquid_id, today()).unwrap();
    let left = j.plan_proposals().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, tablets_id);
    assert_eq!(
        plan::delete_plan_proposal(&mut j, liquid_id, today())
            .unwrap_err()
            .kind,
        "not_found"
    );
}

#[test]
fn steps_agreed_at_a_visit_become_planned_steps_all_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let kept = plan::save_plan_proposal(&mut j, form(), today()).unwrap();
    let id = kept.saved[0].id;
    let ahead: Vec<&str> = kept.saved[0]
        .ahead
        .iter()
        .map(|a| a.date.as_str())
        .collect();
    assert_eq!(
        ahead,
        [
            "2027-01-04",
            "2027-01-22",
            "2027-02-11",
            "2027-03-07",
            "2027-04-04"
        ]
    );
    assert_eq!(
        kept.saved[0].ahead[0].label,
        "Monday 4 January 2027: 1.75 mg a day"
    );

    // Refused, nothing added: no step ticked, a day that is not a step, a long "agreed at".
    let agree = |dates: Value, agreed_at: Value| json!({"proposal_id": id, "dates": dates, "agreed_at": agreed_at});
    for (input, field) in [
        (agree(json!([]), Value::Null), "dates"),
        (agree(json!(["2027-01-05"]), Value::Null), "dates"),
        (
            agree(json!(["2027-01-04"]), json!("x".repeat(201))),
            "agreed_at",
        ),
        // An invisible control character (a backup of the journal would refuse it).
        (
            agree(json!(["2027-01-04"]), json!("Dr\u{0}Lee")),
            "agreed_at",
        ),
    ] {
        let err = plan::plan_agreed_steps(&mut j, input, today()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
    }
    assert!(j.planned_steps().unwrap().is_empty());

    let r = plan::plan_agreed_steps(
        &mut j,
        agree(
            json!(["2027-01-04", "2027-01-22"]),
            json!("Visit with Dr Lee, 2 December"),
        ),
        today(),
    )
    .unwrap();
    assert!(r
        .message
        .starts_with("Added 2 planned steps, from Monday 4 January 2027"));
    let planned = j.planned_steps().unwrap();
    let got: Vec<(String, Micrograms)> = planned
        .iter()
        .map(|p| (p.date.to_string(), p.dose))
        .collect();
    assert_eq!(
        got,
        [
            ("2027-01-04".to_string(), Micrograms(1750)),
            ("2027-01-22".to_string(), Micrograms(1500))
        ]
    );
    assert_eq!(
        planned[0].agreed_at.as_deref(),
        Some("Visit with Dr Lee, 2 December")
    );
    assert_eq!(
        planned[0].note.as_deref(),
        Some("From the proposal made on 2 December 2026.")
    );

    // One of the days is already planned: nothing of the three is added.
    let err = plan::plan_agreed_steps(
        &mut j,
        agree(
            json!(["2027-02-11", "2027-01-22", "2027-03-07"]),
            Value::Null,
        ),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("dates"));
    assert!(
        err.message
            .contains("already planned on Friday 22 January 2027"),
        "{}",
        err.message
    );
    assert_eq!(j.planned_steps().unwrap().len(), 2);

    // Once the first step's day has passed, it can no longer be planned.
    let later = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let err = plan::plan_agreed_steps(&mut j, agree(json!(["2027-01-04"]), Value::Null), later)
        .unwrap_err();
    assert!(err.message.contains("has passed"), "{}", err.message);
}
