//! Hostile input at every door the page or a file can reach, as property tests: whatever
//! arrives — arbitrary JSON, a valid form with one field made hostile, a damaged backup —
//! nothing panics, a refusal writes nothing at all, and an accepted input leaves a journal
//! that passes SQLite's integrity check and whose every screen and export still loads.
//!
//! Each case starts from a copy of a journal with data (or an empty one), so cases are
//! independent and a failure shrinks to one small call. `PROPTEST_CASES=n` runs more.

mod support {
    pub mod journal_dump;
}
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;
use taper_journal::api::{self, ApiError};
use taper_journal::export::ics::CalendarOptions;
use taper_journal::store::backup::{check_backup, TABLES};
use taper_journal::store::Journal;
use taper_journal::views::PeriodChoice;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// `cases` unless `PROPTEST_CASES` asks for another number. Failures found are kept in
/// `tests/hostile.proptest-regressions` and tried first on every later run.
fn config(cases: u32) -> Config {
    let mut c = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

// ---------------------------------------------------------------------------------------
// The journals a case starts from
// ---------------------------------------------------------------------------------------

/// Which journal a case starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Empty,
    WithData,
}

/// A journal with data in every table: three medications (one stopped), steps, planned
/// steps, five weeks of check-ins with gaps, a draft, questionnaires, questions and a visit.
fn fill(j: &mut Journal) {
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
fn template_bytes(start: Start) -> &'static [u8] {
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
struct Case {
    dir: TempDir,
    j: Journal,
}

fn open_case(start: Start) -> Case {
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
fn dump(j: &Journal) -> String {
    let conn = j.connection();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    format!(
        "user_version {version}\n{}",
        support::journal_dump::table_rows(conn)
    )
}

/// Every file in the journal's folder with its bytes — the database and its WAL — except
/// SQLite's shared-memory index, which readers write to.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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
struct State {
    rows: String,
    files: BTreeMap<String, Vec<u8>>,
}

fn state(c: &Case) -> State {
    State {
        rows: dump(&c.j),
        files: files(c.dir.path()),
    }
}

/// Says where two states differ, briefly: the first differing row, or which file.
fn unchanged(before: &State, after: &State) -> Result<(), String> {
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
fn every_view_loads(j: &Journal) -> Result<(), String> {
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

// ---------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------

/// Text that has broken parsers before: number and date look-alikes, markup, injection,
/// invisible and direction-changing characters, keys that are valid elsewhere.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "a\u{0}b",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "0",
    "00000000000000000000001",
    "1e309",
    "1E3",
    "-1",
    "0x10",
    "1_000",
    "1,5",
    "1.2.3",
    ".5",
    "5.",
    "١٫٥",
    "１．５",
    "½",
    "5000.001",
    "4294967.296",
    "18446744073709551616",
    "9223372036854775808",
    "2026-02-29",
    "2024-02-29",
    "2026-11-23",
    "1969-12-31",
    "1970-01-01",
    "2100-12-31",
    "2101-01-01",
    "0000-00-00",
    "+2026-11-20",
    "2026-11-20T00:00:00",
    "2026-W47-1",
    " 2026-11-20 ",
    "２０２６-１１-２０",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\")",
    "@SUM(A1)",
    "\u{202e}evil",
    "\u{feff}",
    "\u{200b}",
    "🏳️‍🌈",
    "Ω≈ç√∫",
    "null",
    "true",
    "[]",
    "{}",
    "__proto__",
    "constructor",
    "'; DROP TABLE check_in; --",
    "%s%n%x",
    "../../etc/passwd",
    "joint_2025",
    "ashton",
    "JOINT_2025",
    "joint_2025 ",
    "a4",
    "letter",
    "A4\u{0}",
    "everything",
    "weeks_4",
    "since_last_visit",
    "everything\n",
    "clonazepam",
    "benzodiazepine",
    "z_drug",
    "liquid",
    "gad7",
    "phq9",
    "hold",
    "seizure",
    "exercise",
];

fn hostile_string() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[\\x00-\\x1f\\x7f\\u{85}\\u{a0}\\u{200b}-\\u{200f}\\u{2028}\\u{2029}\\u{202a}-\\u{202e}\\u{feff} a-z0-9<>&\"'=+@.,-]{0,12}",
        3 => select(TRICKY).prop_map(String::from),
        1 => (0usize..=120_000, select(vec!['x', 'é', '😊', '\u{0}', '<', '\n', ' ']))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
        2 => "[-+]?[0-9]{0,25}([.,][0-9]{0,8})?([eE][-+]?[0-9]{1,4})?",
        2 => "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3} ?",
    ]
    .boxed()
}

fn hostile_number() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => select(vec![0i64, -1, 1, 2, 3, 4, 7, 9, 10, 11, 50, 51, 255, 256, 5000, 5001, i64::MAX, i64::MIN])
            .prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        // NaN and the infinities cannot be JSON numbers; serde_json makes them null.
        1 => any::<f64>().prop_map(Value::from),
        1 => select(vec![1e308, -0.0, 0.1, 1.5, 2.0, 5e-324, -1.5, 1e-7]).prop_map(Value::from),
    ]
    .boxed()
}

/// Field names of every form, so arbitrary objects sometimes have the right keys.
const FIELDS: &[&str] = &[
    "medication",
    "dose_mg",
    "since",
    "table",
    "generic",
    "brand",
    "form",
    "strength_mg",
    "class",
    "custom_factor_mg",
    "id",
    "medication_id",
    "date",
    "split",
    "note",
    "agreed_at",
    "anxiety",
    "mood",
    "sleep_hours",
    "sleep_quality",
    "symptoms",
    "own_symptoms",
    "red_flags",
    "doses_taken",
    "alcohol_drinks",
    "opioids",
    "cannabis",
    "other_sedatives",
    "substance_note",
    "practices",
    "practice_note",
    "kind",
    "answers",
    "clinician",
    "decision",
    "next_step",
    "answered_questions",
    "insomnia",
    "tremor",
    "1",
    "2",
];

fn field_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(FIELDS).prop_map(String::from),
        1 => hostile_string(),
    ]
    .boxed()
}

fn scalar() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => hostile_number(),
        4 => hostile_string().prop_map(Value::String),
    ]
    .boxed()
}

/// Arbitrary JSON: nested objects and lists of hostile scalars, now and then nested
/// almost as deep as the IPC's JSON reader allows (128).
fn arb_json() -> BoxedStrategy<Value> {
    let nested = scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    prop_oneof![
        12 => nested,
        1 => (1usize..120, scalar()).prop_map(|(depth, leaf)| {
            (0..depth).fold(leaf, |v, _| Value::Array(vec![v]))
        }),
    ]
    .boxed()
}

/// A value to put where a valid one was: a hostile scalar or small structure, or a value
/// that is valid somewhere (a real id, a date at the journal's edges) to reach the paths
/// that accept it.
fn hostile_value() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => scalar(),
        1 => arb_json(),
        2 => select(vec![
            json!("0"), json!("0.001"), json!("5000"), json!(0), json!(1), json!(2), json!(3),
            json!("1970-01-01"), json!("2100-12-31"), json!("2026-11-22"), json!("2026-11-21"),
            json!("2024-02-29"), json!([]), json!({}), json!(["1", "2"]), json!([[]]),
        ]),
    ]
    .boxed()
}

fn hostile_id() -> BoxedStrategy<i64> {
    prop_oneof![
        4 => -1i64..8,
        1 => any::<i64>(),
        1 => select(vec![i64::MIN, i64::MAX, i64::from(u32::MAX) + 1]),
    ]
    .boxed()
}

fn hostile_width() -> BoxedStrategy<Option<u32>> {
    prop_oneof![
        2 => Just(None),
        2 => select(vec![0, 1, 2, 10, 100, 320, 4096, 100_000, u32::MAX]).prop_map(Some),
        1 => any::<u32>().prop_map(Some),
    ]
    .boxed()
}

fn hostile_date_arg() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        4 => hostile_string().prop_map(Some),
    ]
    .boxed()
}

/// A valid key, a near miss of it (case, spaces, a NUL, cut short), or anything.
fn near_key(valid: &'static [&'static str]) -> BoxedStrategy<String> {
    let near = (select(valid), 0..6u8).prop_map(|(k, how)| match how {
        0 => k.to_uppercase(),
        1 => format!(" {k} "),
        2 => format!("{k}\u{0}"),
        3 => k[..k.len() / 2].to_string(),
        4 => format!("{k}{k}"),
        _ => k.replace('_', "-"),
    });
    prop_oneof![
        2 => select(valid).prop_map(String::from),
        2 => near,
        1 => hostile_string(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Near-valid forms: a valid input with one field replaced, removed or added
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    At(usize),
}

/// Every position in a JSON value, the value itself first.
fn positions(v: &Value) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    at.push(Seg::Key(k.clone()));
                    walk(child, at, out);
                    at.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    at.push(Seg::At(i));
                    walk(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::At(i) => v.get_mut(*i),
    })
}

/// `base` with one position made hostile: replaced, removed, or given an extra field or
/// element.
fn near(base: Value) -> BoxedStrategy<Value> {
    let all = positions(&base);
    let inner: Vec<Vec<Seg>> = all.iter().skip(1).cloned().collect();
    let containers: Vec<Vec<Seg>> = all
        .iter()
        .filter(|p| {
            let mut b = base.clone();
            at_mut(&mut b, p).is_some_and(|v| v.is_object() || v.is_array())
        })
        .cloned()
        .collect();
    let (b1, b2, b3, b4) = (base.clone(), base.clone(), base.clone(), base);
    prop_oneof![
        6 => (select(all), hostile_value()).prop_map(move |(path, value)| {
            let mut v = b1.clone();
            if let Some(slot) = at_mut(&mut v, &path) {
                *slot = value;
            }
            v
        }),
        2 => select(inner).prop_map(move |path| {
            let mut v = b2.clone();
            if let Some((last, parent)) = path.split_last() {
                match (at_mut(&mut v, parent), last) {
                    (Some(Value::Object(m)), Seg::Key(k)) => {
                        m.remove(k);
                    }
                    (Some(Value::Array(a)), Seg::At(i)) => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
            v
        }),
        1 => (select(containers), field_name(), hostile_value()).prop_map(move |(path, k, value)| {
            let mut v = b3.clone();
            match at_mut(&mut v, &path) {
                Some(Value::Object(m)) => {
                    m.insert(k, value);
                }
                Some(Value::Array(a)) => a.push(value),
                _ => {}
            }
            v
        }),
        1 => Just(b4),
    ]
    .boxed()
}

/// Valid inputs for the journal with data (medications 1-3, question 1 and 2).
fn valid_setup() -> Value {
    json!({"medication": {"generic": "diazepam", "brand": "Valium", "form": "tablet", "strength_mg": "5"},
           "dose_mg": "10", "since": "2026-11-01", "table": "ashton", "help_country": "GB"})
}
fn valid_new_medication() -> Value {
    json!({"medication": {"generic": "etizolam", "class": "benzodiazepine", "form": "liquid",
                          "strength_mg": 1, "custom_factor_mg": "1"},
           "dose_mg": "0.5", "since": "2026-11-20"})
}
fn valid_medication_fields() -> Value {
    json!({"generic": "Klonopin", "brand": "Rivotril", "form": "tablet", "strength_mg": "0.5"})
}
fn valid_step() -> Value {
    json!({"medication_id": 1, "date": "2026-11-21", "dose_mg": "1.4", "split": "0.7 morning, 0.7 night", "note": "ok"})
}
fn valid_step_edit() -> Value {
    json!({"id": 5, "medication_id": 1, "date": "2026-10-02", "dose_mg": 1.65})
}
/// Clonazepam 1.5 mg (0.75 twice a day), 0.25 mg scored tablets, 10 % every 14 days from
/// 4 January 2027.
fn valid_plan() -> Value {
    json!({"medication_id": 1, "times": [{"label": "Morning", "dose_mg": "0.75"}, {"label": "Night", "dose_mg": "0.75"}],
           "form": "tablets", "tablets": [{"strength_mg": "0.25", "scored": true}], "quarters": false,
           "concentration_mg_per_ml": null, "smallest_ml": null,
           "percent": "10", "every_days": "14", "end_mg": null, "start": "2027-01-04"})
}
fn valid_plan_agreed() -> Value {
    json!({"proposal_id": 1, "dates": ["2027-01-04"], "agreed_at": "Dr Lee"})
}
fn valid_planned_step() -> Value {
    json!({"id": null, "medication_id": 1, "date": "2027-01-10", "dose_mg": "1.2", "agreed_at": "Phone call", "note": "n"})
}
fn valid_check_in() -> Value {
    json!({"date": "2026-11-22", "anxiety": "4", "mood": 6, "sleep_hours": "6.75", "sleep_quality": "5",
           "symptoms": {"insomnia": 2, "tremor": "0", "headache": "1"},
           "own_symptoms": {"Jaw clenching": 1, "ear ringing": "0"}, "red_flags": ["seizure"],
           "doses_taken": {"1": "1.5", "2": 200}, "alcohol_drinks": "1", "opioids": false,
           "cannabis": true, "other_sedatives": false, "substance_note": "one beer",
           "practices": ["cbt", "exercise"], "practice_note": "walk", "note": "steady day"})
}
fn valid_draft() -> Value {
    json!([
        ["anxiety", "3"],
        ["note", "half typed"],
        ["symptoms.insomnia", "2"]
    ])
}
fn valid_questionnaire() -> Value {
    json!({"kind": "phq9", "date": "2026-11-20", "answers": [0, "1", 2, 3, 0, 1, 2, 3, 0]})
}
fn valid_new_passphrase() -> Value {
    json!({"passphrase": "river stones 42", "confirm": "river stones 42", "understood": true})
}

fn valid_changed_passphrase() -> Value {
    json!({"current": "river stones 42", "passphrase": "a new one here", "confirm": "a new one here"})
}

fn valid_help_country() -> Value {
    json!({"help_country": "GB"})
}

fn valid_visit() -> Value {
    json!({"date": "2026-11-21", "clinician": "Dr Lee", "decision": "slow_down", "note": "fine",
           "next_step": {"medication_id": 1, "date": "2026-12-28", "dose_mg": "1.2"},
           "answered_questions": [2]})
}

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
        )
    }
}

/// Long strings shortened, so a failing case prints readably.
fn abbreviate(s: &str) -> String {
    let n = s.chars().count();
    if n <= 80 {
        s.to_string()
    } else {
        let head: String = s.chars().take(40).collect();
        format!("{head}…[{n} chars]")
    }
}

fn short_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(abbreviate(s)),
        Value::Array(a) => Value::Array(a.iter().map(short_value).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (abbreviate(k), short_value(v)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

/// JSON as the page would send it, long strings shortened, and every invisible character
/// (controls, zero-width and direction marks, no-break space) written as `\u{..}` so a
/// failing case shows what it holds.
fn show(v: &Value) -> String {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{a0}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{feff}')
    };
    serde_json::to_string(&short_value(v))
        .unwrap()
        .chars()
        .map(|c| {
            if invisible(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn show_str(s: &str) -> String {
    show(&Value::String(s.to_string()))
}

fn show_opt(s: &Option<String>) -> String {
    s.as_deref().map_or("None".to_string(), show_str)
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
            json(json!({"current": "river stones 42"}))
                .prop_map(Call::RemovePassphrase)
                .boxed(),
        ),
        (
            1,
            key(BACKUP_NAMES).prop_map(Call::RestoreAutoBackup).boxed(),
        ),
    ];
    Union::new_weighted(arms).boxed()
}

/// The kinds of error page input may bring: its own fault, something not there, or a
/// passphrase that is not the journal's. A "storage" error would mean validation let
/// through what SQLite then refused.
const INPUT_ERROR_KINDS: &[&str] = &["invalid_input", "not_found", "wrong_passphrase"];

fn fail(why: String) -> TestCaseError {
    TestCaseError::fail(why)
}

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

/// Runs a property over `cases` generated values, shrinking a failure to a minimal input;
/// each test returns `(category, outcome)`, tallied and printed (`--nocapture` shows it),
/// so a run says what it tried as well as that it passed.
fn check<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(String, String), TestCaseError>,
) where
    S::Value: fmt::Debug,
{
    let mut config = config(cases);
    config.source_file = Some(file!());
    let tally = std::cell::RefCell::new(BTreeMap::<(String, String), u32>::new());
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&strategy, |value| {
        let (category, outcome) = test(value)?;
        *tally.borrow_mut().entry((category, outcome)).or_default() += 1;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    let tally = tally.into_inner();
    let mut totals = BTreeMap::<&str, u32>::new();
    let mut lines = Vec::new();
    let categories: std::collections::BTreeSet<&String> = tally.keys().map(|(c, _)| c).collect();
    for category in categories {
        let outcomes: Vec<String> = tally
            .iter()
            .filter(|((c, _), _)| c == category)
            .map(|((_, o), n)| {
                *totals.entry(o).or_default() += n;
                format!("{o} {n}")
            })
            .collect();
        lines.push(format!("  {category}: {}", outcomes.join(", ")));
    }
    eprintln!(
        "{name}: {} cases, {totals:?}\n{}",
        tally.values().sum::<u32>(),
        lines.join("\n")
    );
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

// ---------------------------------------------------------------------------------------
// The backup importer
// ---------------------------------------------------------------------------------------

/// The backup of the journal with data, as a document.
fn good_backup() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| api::backup(&open_case(Start::WithData).j, today()).unwrap())
}

/// Every (table, row, column) of the good backup.
fn cells() -> Vec<(&'static str, usize, String)> {
    let mut out = Vec::new();
    for table in TABLES {
        for (n, row) in good_backup()["tables"][table]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            for col in row.as_object().unwrap().keys() {
                out.push((*table, n, col.clone()));
            }
        }
    }
    out
}

fn rows() -> Vec<(&'static str, usize)> {
    let mut out: Vec<_> = cells().into_iter().map(|(t, n, _)| (t, n)).collect();
    out.dedup();
    out
}

/// One structural change to a backup document.
#[derive(Clone)]
enum Mutation {
    /// Set a cell (a retyped, out-of-range or otherwise hostile value).
    Set(&'static str, usize, String, Value),
    DropField(&'static str, usize, String),
    DuplicateRow(&'static str, usize),
    DropRow(&'static str, usize),
    /// Swap two columns' values within a row.
    SwapColumns(&'static str, usize, String, String),
    /// Put one cell's value into another cell, anywhere in the backup.
    CopyCell((&'static str, usize, String), (&'static str, usize, String)),
    /// Wrap a cell's value in `depth` lists, written straight into the file's text.
    Nest(&'static str, usize, String, usize),
    AddField(&'static str, usize, String, Value),
    /// Replace a whole table (missing when `None`).
    Table(&'static str, Option<Value>),
    /// Set (or remove) a top-level field: format, version, schema_version, created, tables.
    Top(String, Option<Value>),
}

impl fmt::Debug for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mutation::Set(t, n, c, v) => write!(f, "{t}[{n}].{c} = {}", show(v)),
            Mutation::DropField(t, n, c) => write!(f, "drop {t}[{n}].{c}"),
            Mutation::DuplicateRow(t, n) => write!(f, "duplicate {t}[{n}]"),
            Mutation::DropRow(t, n) => write!(f, "drop {t}[{n}]"),
            Mutation::SwapColumns(t, n, a, b) => write!(f, "swap {t}[{n}].{a} <-> .{b}"),
            Mutation::CopyCell((t, n, c), (t2, n2, c2)) => {
                write!(f, "{t2}[{n2}].{c2} = {t}[{n}].{c}")
            }
            Mutation::Nest(t, n, c, d) => write!(f, "{t}[{n}].{c} nested in {d} lists"),
            Mutation::AddField(t, n, c, v) => {
                write!(f, "{t}[{n}].{} = {} (new field)", abbreviate(c), show(v))
            }
            Mutation::Table(t, None) => write!(f, "drop table {t}"),
            Mutation::Table(t, Some(v)) => write!(f, "table {t} = {}", show(v)),
            Mutation::Top(k, None) => write!(f, "drop .{k}"),
            Mutation::Top(k, Some(v)) => write!(f, ".{} = {}", abbreviate(k), show(v)),
        }
    }
}

const NEST_MARK: &str = "__nested_here__";

/// The backup file with these changes made, in order.
fn mutated(mutations: &[Mutation]) -> Vec<u8> {
    let mut doc = good_backup().clone();
    let mut nests = Vec::new();
    fn row<'a>(doc: &'a mut Value, t: &str, n: usize) -> Option<&'a mut Map<String, Value>> {
        doc.get_mut("tables")?
            .get_mut(t)?
            .get_mut(n)?
            .as_object_mut()
    }
    for m in mutations {
        match m {
            Mutation::Set(t, n, c, v) => {
                if let Some(r) = row(&mut doc, t, *n) {
                    r.insert(c.clone(), v.clone());
                }
            }
            Mutation::DropField(t, n, c) => {
                if let Some(r) = row(&mut doc, t, *n) {
                    r.remove(c);
                }
            }
            Mutation::DuplicateRow(t, n) | Mutation::DropRow(t, n) => {
                let rows = doc.get_mut("tables").and_then(|ts| ts.get_mut(*t));
                if let Some(rows) = rows.and_then(Value::as_array_mut) {
                    if *n < rows.len() {
                        if matches!(m, Mutation::DuplicateRow(..)) {
                            let copy = rows[*n].clone();
                            rows.insert(*n + 1, copy);
                        } else {
                            rows.remove(*n);
                        }
                    }
                }
            }
            Mutation::SwapColumns(t, n, a, b) => {
                if let Some(r) = row(&mut doc, t, *n) {
                    let (va, vb) = (r.get(a).cloned(), r.get(b).cloned());
                    if let (Some(va), Some(vb)) = (va, vb) {
                        r.insert(a.clone(), vb);
                        r.insert(b.clone(), va);
                    }
                }
            }
            Mutation::CopyCell((t, n, c), (t2, n2, c2)) => {
                let v = row(&mut doc, t, *n).and_then(|r| r.get(c).cloned());
                if let (Some(v), Some(r)) = (v, row(&mut doc, t2, *n2)) {
                    r.insert(c2.clone(), v);
                }
            }
            Mutation::Nest(t, n, c, depth) => {
                if let Some(r) = row(&mut doc, t, *n) {
                    if let Some(v) =
                        r.insert(c.clone(), json!(format!("{NEST_MARK}{}", nests.len())))
                    {
                        nests.push((*depth, v));
                    }
                }
            }
            Mutation::AddField(t, n, c, v) => {
                if let Some(r) = row(&mut doc, t, *n) {
                    r.insert(c.clone(), v.clone());
                }
            }
            Mutation::Table(t, v) => {
                if let Some(all) = doc.get_mut("tables").and_then(Value::as_object_mut) {
                    match v {
                        Some(v) => all.insert(t.to_string(), v.clone()),
                        None => all.remove(*t),
                    };
                }
            }
            Mutation::Top(k, v) => {
                if let Some(top) = doc.as_object_mut() {
                    match v {
                        Some(v) => top.insert(k.clone(), v.clone()),
                        None => top.remove(k),
                    };
                }
            }
        }
    }
    let mut text = serde_json::to_string(&doc).unwrap();
    // Deep nesting is written as text: a deeply nested `Value` would overflow the stack
    // of this test before the importer ever saw it.
    for (i, (depth, v)) in nests.into_iter().enumerate() {
        let inner = serde_json::to_string(&v).unwrap();
        let deep = format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth));
        text = text.replace(&format!("\"{NEST_MARK}{i}\""), &deep);
    }
    text.into_bytes()
}

/// Values that are valid in some column of some table: ids, dates, keys, flags.
fn plausible_cell() -> BoxedStrategy<Value> {
    select(vec![
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(4),
        json!(-1),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(5_000_000),
        json!(5_000_001),
        json!(96),
        json!(97),
        json!(null),
        json!("1970-01-01"),
        json!("2100-12-31"),
        json!("2026-02-29"),
        json!("1999-99-99"),
        json!("joint_2025"),
        json!("letter"),
        json!("liquid"),
        json!("z_drug"),
        json!("other"),
        json!("slow_down"),
        json!("cbt"),
        json!("phq9"),
        json!("0123012"),
        json!("012301230"),
        json!("[[\"anxiety\",\"3\"]]"),
        json!("[]"),
        json!("insomnia"),
        json!("anxiety_panic"),
        json!(""),
        json!(1.0),
        json!(true),
    ])
    .boxed()
}

fn mutation() -> BoxedStrategy<Mutation> {
    let cells = cells();
    let rows = rows();
    let cell = select(cells.clone());
    let value = || {
        prop_oneof![
            3 => plausible_cell(),
            2 => scalar(),
            1 => arb_json(),
        ]
    };
    let same_row_columns = select(cells.clone()).prop_flat_map(|(t, n, _)| {
        let cols: Vec<String> = good_backup()["tables"][t][n]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        (Just((t, n)), select(cols.clone()), select(cols))
    });
    prop_oneof![
        6 => (cell.clone(), value()).prop_map(|((t, n, c), v)| Mutation::Set(t, n, c, v)),
        2 => cell.clone().prop_map(|(t, n, c)| Mutation::DropField(t, n, c)),
        2 => select(rows.clone()).prop_map(|(t, n)| Mutation::DuplicateRow(t, n)),
        2 => select(rows.clone()).prop_map(|(t, n)| Mutation::DropRow(t, n)),
        2 => same_row_columns.prop_map(|((t, n), a, b)| Mutation::SwapColumns(t, n, a, b)),
        2 => (cell.clone(), cell.clone()).prop_map(|(a, b)| Mutation::CopyCell(a, b)),
        1 => (cell.clone(), prop_oneof![1usize..10, 100usize..140, Just(100_000)])
            .prop_map(|((t, n, c), d)| Mutation::Nest(t, n, c, d)),
        1 => (select(rows), field_name(), value())
            .prop_map(|((t, n), c, v)| Mutation::AddField(t, n, c, v)),
        1 => (select(TABLES), prop::option::of(arb_json()))
            .prop_map(|(t, v)| Mutation::Table(t, v)),
        1 => (
            prop_oneof![
                3 => select(vec!["format", "version", "schema_version", "created", "tables"]).prop_map(String::from),
                1 => hostile_string(),
            ],
            prop::option::of(prop_oneof![plausible_cell(), arb_json()]),
        )
            .prop_map(|(k, v)| Mutation::Top(k, v)),
    ]
    .boxed()
}

/// What a backup file offered to restore is: arbitrary bytes or JSON, a good backup with
/// structural changes, or a good backup's text with bytes flipped, cut or inserted.
#[derive(Clone)]
enum Offered {
    Bytes(Vec<u8>),
    Json(Value),
    Mutated(Vec<Mutation>),
    /// (offset, new byte) replacements, then cut to `len` bytes.
    Garbled(Vec<(usize, u8)>, Option<usize>),
}

impl fmt::Debug for Offered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Offered::Bytes(b) => write!(
                f,
                "bytes {:?}",
                String::from_utf8_lossy(&b[..b.len().min(120)])
            ),
            Offered::Json(v) => write!(f, "JSON {}", show(v)),
            Offered::Mutated(ms) => write!(f, "the good backup with {ms:?}"),
            Offered::Garbled(edits, cut) => write!(
                f,
                "the good backup with bytes {:?} cut to {cut:?}",
                edits
                    .iter()
                    .map(|(at, b)| format!("{at}={:?}", char::from(*b)))
                    .collect::<Vec<_>>()
            ),
        }
    }
}

impl Offered {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Offered::Bytes(b) => b.clone(),
            Offered::Json(v) => serde_json::to_vec(v).unwrap(),
            Offered::Mutated(ms) => mutated(ms),
            Offered::Garbled(edits, cut) => {
                let mut b = mutated(&[]);
                for (at, byte) in edits {
                    let at = at % b.len();
                    b[at] = *byte;
                }
                if let Some(len) = cut {
                    b.truncate(*len);
                }
                b
            }
        }
    }
}

fn offered() -> BoxedStrategy<Offered> {
    let len = mutated(&[]).len();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048).prop_map(Offered::Bytes),
        1 => arb_json().prop_map(Offered::Json),
        8 => prop::collection::vec(mutation(), 1..4).prop_map(Offered::Mutated),
        2 => (
            prop::collection::vec((0..len, select(b"{}[]\",:0123456789-ntfe\\ \x00\xff".to_vec())), 0..4),
            prop::option::of(0..len),
        )
            .prop_map(|(e, c)| Offered::Garbled(e, c)),
    ]
    .boxed()
}

/// Whatever file is offered: no panic; refused, the journal and its folder are byte for
/// byte as they were; restored, the journal is sound and every screen loads.
#[test]
fn a_restore_never_panics_and_a_refused_backup_changes_not_a_byte() {
    check(
        "restore",
        RESTORE_CASES,
        (offered(), any::<bool>()),
        |(file, keeping_current)| {
            let category = match &file {
                Offered::Bytes(_) => "arbitrary bytes",
                Offered::Json(_) => "arbitrary JSON",
                Offered::Mutated(_) => "structurally changed backup",
                Offered::Garbled(..) => "byte-garbled backup",
            };
            let bytes = file.bytes();
            let mut c = open_case(Start::WithData);
            let before = state(&c);
            let result = if keeping_current {
                api::restore_keeping_current(&mut c.j, &bytes).map(drop)
            } else {
                api::restore(&mut c.j, &bytes).map(drop)
            };
            match result {
                Err(e) => {
                    prop_assert_eq!(
                        (e.kind.name(), e.field.as_deref()),
                        ("invalid_input", Some("backup")),
                        "{}",
                        e.message
                    );
                    prop_assert!(e.message.ends_with("Nothing was changed."), "{}", e.message);
                    unchanged(&before, &state(&c))
                        .map_err(|diff| fail(format!("refused ({}) but: {diff}", e.message)))?;
                    Ok((category.to_string(), "refused".to_string()))
                }
                Ok(()) => {
                    every_view_loads(&c.j).map_err(|why| fail(format!("restored, then: {why}")))?;
                    Ok((category.to_string(), "restored".to_string()))
                }
            }
        },
    );
}

/// Cases of the restore property (each checks a backup in a scratch journal, and restores
/// and loads every screen when it is accepted).
const RESTORE_CASES: u32 = 256;

#[test]
fn the_good_backup_and_its_nesting_are_accepted_and_refused_as_expected() {
    // The unmutated backup restores (so mutations start from something accepted) and a
    // value nested 100 000 lists deep is refused, not a stack overflow.
    let mut c = open_case(Start::WithData);
    api::restore(&mut c.j, &mutated(&[])).unwrap();
    let deep = mutated(&[Mutation::Nest("check_in", 0, "note".into(), 100_000)]);
    let err = api::restore(&mut c.j, &deep).unwrap_err();
    assert!(
        err.message.contains("could not be read as JSON"),
        "{}",
        err.message
    );
}

// ---------------------------------------------------------------------------------------
// The CSV export (the app has no CSV importer: CSV is export-only)
// ---------------------------------------------------------------------------------------

/// What `export::csv` guards (OWASP's CSV-injection list): a cell starting with one of
/// these would be read by a spreadsheet as a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Text a person may save in a note: anything but control characters other than newline
/// and tab, with formula characters, quotes, separators and line breaks made likely.
fn note_text(max: usize) -> BoxedStrategy<String> {
    let ch = prop_oneof![
        3 => select(vec!['=', '+', '-', '@', '\t', '\n', '"', ',', ';', '\'', ' ', '|', '\u{a0}', '\u{feff}', 'é', '😊', 'x', '1']),
        2 => any::<char>().prop_map(|c| if c.is_control() { '?' } else { c }),
    ];
    prop::collection::vec(ch, 0..max)
        .prop_map(|cs| cs.into_iter().collect())
        .boxed()
}

/// An own symptom name: the name rule allows "-" and "+" first.
fn own_symptom_name() -> BoxedStrategy<String> {
    "[-+(]?[A-Za-zé0-9][A-Za-zé0-9 ]{0,19}"
        .prop_filter("not a built-in symptom", |n| {
            !taper_journal::journal::symptoms::BUILTIN_SYMPTOMS
                .iter()
                .any(|s| s.label.eq_ignore_ascii_case(n.trim()))
        })
        .boxed()
}

#[derive(Debug, Clone)]
struct NoteDay {
    days_ago: u8,
    note: String,
    substance_note: String,
    practice_note: String,
    own_symptom: String,
}

fn note_day() -> impl Strategy<Value = NoteDay> {
    (
        0u8..40,
        note_text(400),
        note_text(60),
        note_text(60),
        own_symptom_name(),
    )
        .prop_map(
            |(days_ago, note, substance_note, practice_note, own_symptom)| NoteDay {
                days_ago,
                note,
                substance_note,
                practice_note,
                own_symptom,
            },
        )
}

/// A typed text as the CSV holds it: stored trimmed (blank is nothing), then guarded.
fn expected_cell(typed: &str) -> String {
    taper_journal::export::csv::guard_formula(typed.trim())
}

proptest! {
    #![proptest_config(config(64))]

    /// Check-in notes come back out of the CSV exactly (through a real CSV reader), and no
    /// cell anywhere starts with a formula character.
    #[test]
    fn csv_export_round_trips_notes_and_no_cell_starts_a_formula(
        days in prop::collection::vec(note_day(), 1..5),
    ) {
        let mut c = open_case(Start::WithData);
        let mut expected: BTreeMap<String, (String, String, String, String)> = BTreeMap::new();
        for d in &days {
            let date = (today() - chrono::Duration::days(i64::from(d.days_ago)))
                .format("%Y-%m-%d")
                .to_string();
            let input = json!({
                "date": date, "note": d.note, "substance_note": d.substance_note,
                "practice_note": d.practice_note, "own_symptoms": {d.own_symptom.as_str(): 2},
            });
            let saved = api::save_check_in(&mut c.j, input, today());
            prop_assert!(saved.is_ok(), "a valid check-in was refused: {:?}", saved.err());
            let own = format!("{}=2", d.own_symptom.trim());
            expected.insert(date, (
                expected_cell(&d.note),
                expected_cell(&d.substance_note),
                expected_cell(&d.practice_note),
                expected_cell(&own),
            ));
        }
        let bytes = api::export_csv(&c.j).unwrap();
        let body = bytes.strip_prefix(taper_journal::export::csv::UTF8_BOM).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (note, substance, practice, own) =
            (col("note"), col("substance_note"), col("practice_note"), col("own_symptoms"));
        for h in &header {
            prop_assert!(!h.starts_with(FORMULA_STARTS), "header cell {h:?}");
        }
        let mut seen = 0;
        for record in reader.records() {
            let record = record.unwrap();
            prop_assert_eq!(record.len(), header.len());
            for cell in &record {
                prop_assert!(!cell.starts_with(FORMULA_STARTS), "cell {:?} starts a formula", abbreviate(cell));
            }
            if let Some((n, s, p, o)) = expected.get(&record[0]) {
                seen += 1;
                prop_assert_eq!(&record[note], n.as_str());
                prop_assert_eq!(&record[substance], s.as_str());
                prop_assert_eq!(&record[practice], p.as_str());
                prop_assert_eq!(&record[own], o.as_str());
            }
        }
        prop_assert_eq!(seen, expected.len(), "every saved day has its row");
    }
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
        let field = if field.is_empty() {
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
