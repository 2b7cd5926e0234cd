//! Hostile input at every door the page can reach, as property tests: whatever arrives —
//! arbitrary JSON, a valid form with one field made hostile or of the wrong type, the edges
//! of every range — nothing panics, a refusal writes nothing at all, and an accepted input
//! leaves a journal that passes SQLite's integrity check and whose every screen and export
//! still loads. (The restore of a backup file: hostile_restore.rs; the CSV export:
//! hostile_csv.rs.)
//!
//! Each case starts from a copy of a journal with data (or an empty one), so cases are
//! independent and a failure shrinks to one small call. `PROPTEST_CASES=n` runs more.
//!
//! Over 500 lines, kept whole: one property suite over every command the page can call; the
//! list of doors and their valid forms is its point, kept together.

mod support {
    pub mod hostile;
    pub mod journal_dump;
}
use proptest::prelude::*;
use proptest::strategy::Union;
use serde_json::{json, Value};
use std::fmt;
use support::hostile::*;
use taper_journal::api::{self, ApiError};
use taper_journal::export::ics::CalendarOptions;
use taper_journal::store::Journal;

// ---------------------------------------------------------------------------------------
// The calls
// ---------------------------------------------------------------------------------------

/// One call of an `api` operation the page can make with data it supplies.
#[derive(Clone)]
enum Call {
    CompleteSetup(Value),
    AddMedication(Value),
    UpdateMedication(i64, Value),
    SetMedicationActive(i64, bool),
    SetEquivalenceTable(String),
    SaveStep(Value),
    DeleteStep(i64),
    SavePlannedStep(Value),
    DeletePlannedStep(i64),
    SavePlanProposal(Value),
    PlanAgreedSteps(Value),
    CheckIn(Option<String>),
    SaveCheckIn(Value),
    SaveCheckInDraft(String, Value),
    Trends(String, Option<u32>),
    SaveQuestionnaire(Value),
    AddVisit(Value),
    DeleteVisit(i64),
    AddQuestion(String),
    SetQuestionDone(i64, bool),
    DeleteQuestion(i64),
    SetPaper(String),
    SetHelpCountry(Value),
    SummaryPreview(String, Option<String>),
    SummaryPdf(String, String, Option<String>),
    ExportIcs(bool),
    SetPassphrase(Value),
    ChangePassphrase(Value),
    RemovePassphrase(Value),
    RestoreAutoBackup(String),
    SetReminders(Value),
    StayingOpen(Value),
    ProposePlan(Value),
}

impl Call {
    fn run(&self, j: &mut Journal) -> Result<(), ApiError> {
        let t = today();
        match self {
            Call::CompleteSetup(v) => api::complete_setup(j, v.clone(), t).map(drop),
            Call::AddMedication(v) => api::add_medication(j, v.clone(), t).map(drop),
            Call::UpdateMedication(id, v) => api::update_medication(j, *id, v.clone(), t).map(drop),
            Call::SetMedicationActive(id, a) => api::set_medication_active(j, *id, *a, t).map(drop),
            Call::SetEquivalenceTable(k) => api::set_equivalence_table(j, k, t).map(drop),
            Call::SaveStep(v) => api::save_step(j, v.clone(), t).map(drop),
            Call::DeleteStep(id) => api::delete_step(j, *id, t).map(drop),
            Call::SavePlannedStep(v) => api::save_planned_step(j, v.clone(), t).map(drop),
            Call::DeletePlannedStep(id) => api::delete_planned_step(j, *id, t).map(drop),
            Call::SavePlanProposal(v) => api::plan::save_plan_proposal(j, v.clone(), t).map(drop),
            Call::PlanAgreedSteps(v) => api::plan::plan_agreed_steps(j, v.clone(), t).map(drop),
            Call::CheckIn(d) => api::check_in(j, d.as_deref(), t).map(drop),
            Call::SaveCheckIn(v) => api::save_check_in(j, v.clone(), t).map(drop),
            Call::SaveCheckInDraft(d, v) => api::save_check_in_draft(j, d, v.clone(), t),
            Call::Trends(p, w) => api::trends(j, p, *w, t).map(drop),
            Call::SaveQuestionnaire(v) => api::save_questionnaire(j, v.clone(), t).map(drop),
            Call::AddVisit(v) => api::add_visit(j, v.clone(), t).map(drop),
            Call::DeleteVisit(id) => api::delete_visit(j, *id).map(drop),
            Call::AddQuestion(s) => api::add_question(j, s, t).map(drop),
            Call::SetQuestionDone(id, d) => api::set_question_done(j, *id, *d, t).map(drop),
            Call::DeleteQuestion(id) => api::delete_question(j, *id).map(drop),
            Call::SetPaper(k) => api::set_paper(j, k),
            Call::SetHelpCountry(v) => api::set_help_country(j, v.clone(), t).map(drop),
            Call::SummaryPreview(p, n) => api::summary_preview(j, p, n.as_deref(), t).map(drop),
            Call::SummaryPdf(p, paper, n) => {
                api::summary_pdf(j, p, paper, n.as_deref(), t).map(drop)
            }
            Call::ExportIcs(neutral) => api::export_ics(
                j,
                CalendarOptions {
                    neutral_titles: *neutral,
                    alarms: false,
                },
                t,
            )
            .map(drop),
            Call::SetPassphrase(v) => api::set_passphrase(j, v.clone()).map(drop),
            Call::ChangePassphrase(v) => api::change_passphrase(j, v.clone()).map(drop),
            Call::RemovePassphrase(v) => api::remove_passphrase(j, v.clone()).map(drop),
            Call::RestoreAutoBackup(name) => api::restore_auto_backup(j, name).map(drop),
            Call::SetReminders(v) => api::set_reminders(j, v.clone()),
            // The shell sets the login item; what the page sends is read here.
            Call::StayingOpen(v) => api::staying_open_input(v.clone())
                .and_then(|choice| api::set_keep_in_tray(j, choice.keep_in_tray)),
            Call::ProposePlan(v) => api::plan::propose_plan(j, v.clone(), t).map(drop),
        }
    }

    /// Calls that only read: they change nothing, whatever they answer.
    fn reads_only(&self) -> bool {
        matches!(
            self,
            Call::CheckIn(_)
                | Call::Trends(..)
                | Call::SummaryPreview(..)
                | Call::SummaryPdf(..)
                | Call::ExportIcs(_)
                | Call::ProposePlan(_)
        )
    }
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Call::CompleteSetup(v) => write!(f, "complete_setup({})", show(v)),
            Call::AddMedication(v) => write!(f, "add_medication({})", show(v)),
            Call::UpdateMedication(id, v) => write!(f, "update_medication({id}, {})", show(v)),
            Call::SetMedicationActive(id, a) => write!(f, "set_medication_active({id}, {a})"),
            Call::SetEquivalenceTable(k) => write!(f, "set_equivalence_table({})", show_str(k)),
            Call::SaveStep(v) => write!(f, "save_step({})", show(v)),
            Call::DeleteStep(id) => write!(f, "delete_step({id})"),
            Call::SavePlannedStep(v) => write!(f, "save_planned_step({})", show(v)),
            Call::DeletePlannedStep(id) => write!(f, "delete_planned_step({id})"),
            Call::SavePlanProposal(v) => write!(f, "save_plan_proposal({})", show(v)),
            Call::PlanAgreedSteps(v) => write!(f, "plan_agreed_steps({})", show(v)),
            Call::CheckIn(d) => write!(f, "check_in({})", show_opt(d)),
            Call::SaveCheckIn(v) => write!(f, "save_check_in({})", show(v)),
            Call::SaveCheckInDraft(d, v) => {
                write!(f, "save_check_in_draft({}, {})", show_str(d), show(v))
            }
            Call::Trends(p, w) => write!(f, "trends({}, {w:?})", show_str(p)),
            Call::SaveQuestionnaire(v) => write!(f, "save_questionnaire({})", show(v)),
            Call::AddVisit(v) => write!(f, "add_visit({})", show(v)),
            Call::DeleteVisit(id) => write!(f, "delete_visit({id})"),
            Call::AddQuestion(s) => write!(f, "add_question({})", show_str(s)),
            Call::SetQuestionDone(id, d) => write!(f, "set_question_done({id}, {d})"),
            Call::DeleteQuestion(id) => write!(f, "delete_question({id})"),
            Call::SetPaper(k) => write!(f, "set_paper({})", show_str(k)),
            Call::SetHelpCountry(v) => write!(f, "set_help_country({})", show(v)),
            Call::SummaryPreview(p, n) => {
                write!(f, "summary_preview({}, {})", show_str(p), show_opt(n))
            }
            Call::SummaryPdf(p, paper, n) => write!(
                f,
                "summary_pdf({}, {}, {})",
                show_str(p),
                show_str(paper),
                show_opt(n)
            ),
            Call::ExportIcs(n) => write!(f, "export_ics({n})"),
            Call::SetPassphrase(v) => write!(f, "set_passphrase({})", show(v)),
            Call::ChangePassphrase(v) => write!(f, "change_passphrase({})", show(v)),
            Call::RemovePassphrase(v) => write!(f, "remove_passphrase({})", show(v)),
            Call::RestoreAutoBackup(n) => write!(f, "restore_auto_backup({})", show_str(n)),
            Call::SetReminders(v) => write!(f, "set_reminders({})", show(v)),
            Call::StayingOpen(v) => write!(f, "set_staying_open({})", show(v)),
            Call::ProposePlan(v) => write!(f, "propose_plan({})", show(v)),
        }
    }
}

const TABLE_KEYS: &[&str] = &["joint_2025", "ashton"];
const PERIOD_KEYS: &[&str] = &["weeks_4", "weeks_8", "since_last_visit", "everything"];
const PAPER_KEYS: &[&str] = &["a4", "letter"];
/// Names a backup could have; the test journals have none, and names reaching outside
/// the backups folder must never resolve.
const BACKUP_NAMES: &[&str] = &[
    "taper-journal-2026-11-21.db",
    "../taper-journal.db",
    "/etc/passwd",
    "taper-journal-before-restore-2026-11-22-120000.db",
];
const DAYS: &[&str] = &["2026-11-22", "2026-11-21", "2026-10-18", "1970-01-01"];

/// Every call, its page-supplied data drawn from `json` (objects the page sends), `text`
/// (string arguments) and `key(valid keys)` (string arguments that choose from a list).
fn calls(
    json: impl Fn(Value) -> BoxedStrategy<Value>,
    text: impl Fn() -> BoxedStrategy<String>,
    key: impl Fn(&'static [&'static str]) -> BoxedStrategy<String>,
) -> BoxedStrategy<Call> {
    let name = || {
        prop_oneof![
            1 => Just(None),
            1 => Just(Some("Sam O'Neil".to_string())),
            2 => text().prop_map(Some),
        ]
    };
    let pdf = (key(PERIOD_KEYS), key(PAPER_KEYS), name())
        .prop_map(|(p, paper, n)| Call::SummaryPdf(p, paper, n));
    let arms: Vec<(u32, BoxedStrategy<Call>)> = vec![
        (2, json(valid_setup()).prop_map(Call::CompleteSetup).boxed()),
        (
            3,
            json(valid_new_medication())
                .prop_map(Call::AddMedication)
                .boxed(),
        ),
        (
            3,
            (hostile_id(), json(valid_medication_fields()))
                .prop_map(|(id, v)| Call::UpdateMedication(id, v))
                .boxed(),
        ),
        (
            1,
            (hostile_id(), any::<bool>())
                .prop_map(|(id, a)| Call::SetMedicationActive(id, a))
                .boxed(),
        ),
        (
            1,
            key(TABLE_KEYS).prop_map(Call::SetEquivalenceTable).boxed(),
        ),
        (4, json(valid_step()).prop_map(Call::SaveStep).boxed()),
        (2, json(valid_step_edit()).prop_map(Call::SaveStep).boxed()),
        (1, hostile_id().prop_map(Call::DeleteStep).boxed()),
        (
            3,
            json(valid_planned_step())
                .prop_map(Call::SavePlannedStep)
                .boxed(),
        ),
        (1, hostile_id().prop_map(Call::DeletePlannedStep).boxed()),
        (
            2,
            json(valid_plan()).prop_map(Call::SavePlanProposal).boxed(),
        ),
        (
            2,
            json(valid_plan_agreed())
                .prop_map(Call::PlanAgreedSteps)
                .boxed(),
        ),
        (
            1,
            prop_oneof![hostile_date_arg(), key(DAYS).prop_map(Some)]
                .prop_map(Call::CheckIn)
                .boxed(),
        ),
        (
            6,
            json(valid_check_in()).prop_map(Call::SaveCheckIn).boxed(),
        ),
        (
            3,
            (key(DAYS), json(valid_draft()))
                .prop_map(|(d, v)| Call::SaveCheckInDraft(d, v))
                .boxed(),
        ),
        (
            2,
            (key(PERIOD_KEYS), hostile_width())
                .prop_map(|(p, w)| Call::Trends(p, w))
                .boxed(),
        ),
        (
            3,
            json(valid_questionnaire())
                .prop_map(Call::SaveQuestionnaire)
                .boxed(),
        ),
        (4, json(valid_visit()).prop_map(Call::AddVisit).boxed()),
        (1, hostile_id().prop_map(Call::DeleteVisit).boxed()),
        (2, text().prop_map(Call::AddQuestion).boxed()),
        (
            1,
            (hostile_id(), any::<bool>())
                .prop_map(|(id, d)| Call::SetQuestionDone(id, d))
                .boxed(),
        ),
        (1, hostile_id().prop_map(Call::DeleteQuestion).boxed()),
        (1, key(PAPER_KEYS).prop_map(Call::SetPaper).boxed()),
        (
            1,
            json(valid_help_country())
                .prop_map(Call::SetHelpCountry)
                .boxed(),
        ),
        (
            2,
            (key(PERIOD_KEYS), name())
                .prop_map(|(p, n)| Call::SummaryPreview(p, n))
                .boxed(),
        ),
        (1, pdf.boxed()),
        (1, any::<bool>().prop_map(Call::ExportIcs).boxed()),
        (
            1,
            json(valid_new_passphrase())
                .prop_map(Call::SetPassphrase)
                .boxed(),
        ),
        (
            1,
            json(valid_changed_passphrase())
                .prop_map(Call::ChangePassphrase)
                .boxed(),
        ),
        (
            1,
            json(valid_removed_passphrase())
                .prop_map(Call::RemovePassphrase)
                .boxed(),
        ),
        (
            1,
            key(BACKUP_NAMES).prop_map(Call::RestoreAutoBackup).boxed(),
        ),
        (
            1,
            json(valid_reminders()).prop_map(Call::SetReminders).boxed(),
        ),
        (
            1,
            json(valid_staying_open())
                .prop_map(Call::StayingOpen)
                .boxed(),
        ),
        (2, json(valid_plan()).prop_map(Call::ProposePlan).boxed()),
    ];
    Union::new_weighted(arms).boxed()
}

/// The kinds of error page input may bring: its own fault, something not there, or a
/// passphrase that is not the journal's. A "storage" error would mean validation let
/// through what SQLite then refused.
const INPUT_ERROR_KINDS: &[&str] = &["invalid_input", "not_found", "wrong_passphrase"];

/// The property every call must keep (see the module comment); says how the call ended.
fn holds(start: Start, call: &Call) -> Result<String, TestCaseError> {
    let mut c = open_case(start);
    let before = state(&c);
    let result = call.run(&mut c.j);
    let after = state(&c);
    match result {
        Err(e) => {
            prop_assert!(
                INPUT_ERROR_KINDS.contains(&e.kind.name()) && !e.message.is_empty(),
                "refused with an unexpected error: {e:?}"
            );
            unchanged(&before, &after)
                .map_err(|diff| fail(format!("refused ({e:?}) but the journal changed: {diff}")))?;
            Ok(format!("refused ({})", e.kind))
        }
        Ok(()) => {
            if call.reads_only() {
                unchanged(&before, &after)
                    .map_err(|diff| fail(format!("a read changed the journal: {diff}")))?;
            }
            every_view_loads(&c.j).map_err(|why| fail(format!("accepted, then: {why}")))?;
            Ok("accepted".to_string())
        }
    }
}

/// The call's name, as its failing case prints it.
fn call_name(call: &Call) -> String {
    let debug = format!("{call:?}");
    debug.split('(').next().unwrap_or_default().to_string()
}

fn start() -> impl Strategy<Value = Start> {
    prop_oneof![1 => Just(Start::Empty), 4 => Just(Start::WithData)]
}

/// Arbitrary JSON and text for every argument of every call.
#[test]
fn arbitrary_input_never_panics_and_a_refusal_writes_nothing() {
    check(
        file!(),
        "arbitrary input",
        CALL_CASES,
        (
            start(),
            calls(|_| arb_json(), hostile_string, |_| hostile_string()),
        ),
        |(start, call)| Ok((call_name(&call), holds(start, &call)?)),
    );
}

/// A valid form with one field replaced, removed or added; keys that nearly match.
#[test]
fn near_valid_input_never_panics_and_what_is_accepted_still_loads() {
    check(
        file!(),
        "near-valid input",
        CALL_CASES,
        (start(), calls(near, hostile_string, near_key)),
        |(start, call)| Ok((call_name(&call), holds(start, &call)?)),
    );
}

/// Cases per property of the calls (each a fresh copy of a journal; accepted ones load
/// every screen and export).
const CALL_CASES: u32 = 256;

/// Edges the random search may reach only rarely, each held to the same property: charts
/// 0 and 4 billion pixels wide, steps and check-ins at the ends of the journal's span,
/// every step of a medication removed, every medication stopped.
#[test]
fn the_edges_of_every_range_hold() {
    let step = |date: &str, dose: &str| {
        Call::SaveStep(json!({"medication_id": 1, "date": date, "dose_mg": dose}))
    };
    let cases = [
        Call::Trends("everything".into(), Some(0)),
        Call::Trends("weeks_4".into(), Some(1)),
        Call::Trends("everything".into(), Some(u32::MAX)),
        step("1970-01-01", "5000"),
        step("1970-01-01", "0"),
        step("2026-11-22", "0.001"),
        Call::SavePlannedStep(json!({"medication_id": 1, "date": "2100-12-31", "dose_mg": "0"})),
        Call::SavePlannedStep(json!({"medication_id": 3, "date": "1970-01-01", "dose_mg": "5000"})),
        Call::SaveCheckIn(json!({"date": "1970-01-01", "sleep_hours": "24", "alcohol_drinks": 50})),
        Call::SaveQuestionnaire(
            json!({"kind": "gad7", "date": "1970-01-01", "answers": [3, 3, 3, 3, 3, 3, 3]}),
        ),
        Call::AddVisit(json!({"date": "1970-01-01", "decision": "other",
                              "next_step": {"medication_id": 2, "date": "2100-12-31", "dose_mg": "5000"}})),
        Call::DeleteStep(1),
        Call::DeleteStep(2),
        Call::SetMedicationActive(1, false),
        Call::UpdateMedication(1, json!({"generic": "gabapentin", "class": "other"})),
        Call::UpdateMedication(2, json!({"generic": "clonazepam"})),
        Call::SummaryPdf("everything".into(), "a4".into(), Some("x".repeat(80))),
    ];
    for call in cases {
        for start in [Start::WithData, Start::Empty] {
            let outcome = holds(start, &call).unwrap_or_else(|e| panic!("{call:?}: {e}"));
            if start == Start::WithData {
                eprintln!("{call:?}: {outcome}");
            }
        }
    }
}

#[test]
fn the_valid_forms_the_near_misses_start_from_are_accepted() {
    // Otherwise the near-valid property would only ever test refusals.
    let calls = [
        Call::AddMedication(valid_new_medication()),
        Call::UpdateMedication(1, valid_medication_fields()),
        Call::SaveStep(valid_step()),
        Call::SaveStep(valid_step_edit()),
        Call::SavePlannedStep(valid_planned_step()),
        Call::SavePlanProposal(valid_plan()),
        Call::PlanAgreedSteps(valid_plan_agreed()),
        Call::SaveCheckIn(valid_check_in()),
        Call::SaveCheckInDraft("2026-11-21".into(), valid_draft()),
        Call::SaveQuestionnaire(valid_questionnaire()),
        Call::AddVisit(valid_visit()),
        Call::SetReminders(valid_reminders()),
        Call::StayingOpen(valid_staying_open()),
        Call::ProposePlan(valid_plan()),
        Call::SummaryPdf("weeks_8".into(), "letter".into(), Some("Sam O'Neil".into())),
    ];
    for call in calls {
        let mut c = open_case(Start::WithData);
        call.run(&mut c.j)
            .unwrap_or_else(|e| panic!("{call:?}: {e:?}"));
        every_view_loads(&c.j).unwrap_or_else(|e| panic!("{call:?}: {e}"));
    }
    let mut c = open_case(Start::Empty);
    Call::CompleteSetup(valid_setup()).run(&mut c.j).unwrap();
    every_view_loads(&c.j).unwrap();
    every_view_loads(&open_case(Start::Empty).j).unwrap();
}

/// A form the page sends: its command, the journal it starts from, the call, a valid value.
type Form = (&'static str, Start, fn(Value) -> Call, Value);

/// Every form the page sends, as the call that takes it, with the journal it starts from.
fn forms() -> Vec<Form> {
    vec![
        (
            "complete_setup",
            Start::Empty,
            Call::CompleteSetup,
            valid_setup(),
        ),
        (
            "add_medication",
            Start::WithData,
            Call::AddMedication,
            valid_new_medication(),
        ),
        (
            "update_medication",
            Start::WithData,
            |v| Call::UpdateMedication(1, v),
            valid_medication_fields(),
        ),
        ("save_step", Start::WithData, Call::SaveStep, valid_step()),
        (
            "save_step (a correction)",
            Start::WithData,
            Call::SaveStep,
            valid_step_edit(),
        ),
        (
            "save_planned_step",
            Start::WithData,
            Call::SavePlannedStep,
            valid_planned_step(),
        ),
        (
            "save_plan_proposal",
            Start::WithData,
            Call::SavePlanProposal,
            valid_plan(),
        ),
        (
            "plan_agreed_steps",
            Start::WithData,
            Call::PlanAgreedSteps,
            valid_plan_agreed(),
        ),
        (
            "save_checkin",
            Start::WithData,
            Call::SaveCheckIn,
            valid_check_in(),
        ),
        (
            "save_questionnaire",
            Start::WithData,
            Call::SaveQuestionnaire,
            valid_questionnaire(),
        ),
        ("add_visit", Start::WithData, Call::AddVisit, valid_visit()),
        (
            "set_help_country",
            Start::WithData,
            Call::SetHelpCountry,
            valid_help_country(),
        ),
        (
            "set_passphrase",
            Start::WithData,
            Call::SetPassphrase,
            valid_new_passphrase(),
        ),
        (
            "change_passphrase",
            Start::WithData,
            Call::ChangePassphrase,
            valid_changed_passphrase(),
        ),
        (
            "remove_passphrase",
            Start::WithData,
            Call::RemovePassphrase,
            valid_removed_passphrase(),
        ),
        (
            "save_checkin_draft",
            Start::WithData,
            |v| Call::SaveCheckInDraft("2026-11-21".into(), v),
            valid_draft(),
        ),
        (
            "set_reminders",
            Start::WithData,
            Call::SetReminders,
            valid_reminders(),
        ),
        (
            "set_staying_open",
            Start::WithData,
            Call::StayingOpen,
            valid_staying_open(),
        ),
        (
            "propose_plan",
            Start::WithData,
            Call::ProposePlan,
            valid_plan(),
        ),
    ]
}

/// One value of each JSON type.
fn of_each_type() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(7),
        json!("seven"),
        json!([7]),
        json!({"seven": 7}),
    ]
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// serde's and Tauri's own words, which a person must never be shown.
const MACHINE_WORDS: &[&str] = &[
    "invalid type",
    "untagged enum",
    "did not match any variant",
    "sequence",
    "expected a map",
    "invalid args",
    "missing required key",
];

/// Each field of each form (and the form itself) given a value of another JSON type: a
/// refusal names that field (its path, "medication.form", "answers.8"; "input" for the
/// whole form) in words, and writes nothing; what is accepted (a number typed where text
/// is, a null for an optional field) still loads every screen.
#[test]
fn a_wrong_type_anywhere_names_its_field_and_writes_nothing() {
    let mut cases = Vec::new();
    for (name, start, call, valid) in forms() {
        for path in positions(&valid) {
            let mut original = valid.clone();
            let Some(was) = at_mut(&mut original, &path).cloned() else {
                continue;
            };
            for wrong in of_each_type().into_iter().filter(|w| !same_type(w, &was)) {
                cases.push((name, start, call, valid.clone(), path.clone(), wrong));
            }
        }
    }
    // Numbers a whole-number field cannot hold, wherever a number is.
    for (name, start, call, valid) in forms() {
        for path in positions(&valid) {
            let mut original = valid.clone();
            if at_mut(&mut original, &path).is_some_and(|v| v.is_number()) {
                for wrong in [json!(1.5), json!(-1), json!(300), json!(1e300)] {
                    cases.push((name, start, call, valid.clone(), path.clone(), wrong));
                }
            }
        }
    }
    // A list whose elements line up with a group's fields in order is still refused.
    let mut visit = valid_visit();
    visit["next_step"] = json!([null, 1, "2026-12-28", "1.2"]);
    cases.push((
        "add_visit",
        Start::WithData,
        Call::AddVisit,
        visit,
        vec![Seg::Key("next_step".into())],
        json!([null, 1, "2026-12-28", "1.2"]),
    ));
    // The whole form missing: Tauri hands an absent `input` to the commands as null.
    let mut refused = 0;
    let total = cases.len();
    for (name, start, call, valid, path, wrong) in cases {
        let mut input = valid;
        *at_mut(&mut input, &path).expect("position") = wrong.clone();
        let field: Vec<String> = path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::At(i) => i.to_string(),
            })
            .collect();
        // The draft is the form as typed, under the command's argument `form`: kept whole
        // or refused whole, so a fault anywhere in it is the form's.
        let field = if name == "save_checkin_draft" {
            "form".to_string()
        } else if field.is_empty() {
            "input".to_string()
        } else {
            field.join(".")
        };
        let mut c = open_case(start);
        let before = state(&c);
        let result = call(input.clone()).run(&mut c.j);
        let after = state(&c);
        let what = format!("{name} with {field} = {wrong}");
        match result {
            Err(e) => {
                refused += 1;
                if let Err(diff) = unchanged(&before, &after) {
                    panic!("{what}: refused ({e:?}) but the journal changed: {diff}");
                }
                // The field itself; or the group the page shows its error under, where the
                // message names the entry ("own_symptoms": "Jaw clenching: choose …").
                let named = e.field.as_deref() == Some(field.as_str())
                    || e.field.as_deref().is_some_and(|f| {
                        // (or, for a row that is not there, the list that names it)
                        field.starts_with(&format!("{f}."))
                            && (e.kind == "not_found"
                                || field
                                    .rsplit('.')
                                    .next()
                                    .is_some_and(|last| e.message.contains(last)))
                    });
                assert!(named, "{what}: {e:?}");
                assert!(INPUT_ERROR_KINDS.contains(&e.kind.name()), "{what}: {e:?}");
                for words in MACHINE_WORDS {
                    assert!(!e.message.contains(words), "{what}: {:?}", e.message);
                }
            }
            Ok(()) => {
                if let Err(why) = every_view_loads(&c.j) {
                    panic!("{what}: accepted, then {why}");
                }
            }
        }
    }
    eprintln!("wrong types: {total} cases, {refused} refused with their field named");
    let mut visit = valid_visit();
    visit["next_step"] = json!([null, 1, "2026-12-28", "1.2"]);
    let mut c = open_case(Start::WithData);
    let e = Call::AddVisit(visit)
        .run(&mut c.j)
        .expect_err("a list for next_step");
    assert_eq!(e.field.as_deref(), Some("next_step"), "{e:?}");
    assert!(
        refused * 2 > total,
        "most wrong types are refused ({refused} of {total})"
    );
}
