//! What the hostile-input suites share (tests/hostile_calls.rs, hostile_restore.rs,
//! hostile_csv.rs): the journals a case starts from, "nothing changed" and "everything still
//! loads", the hostile values, and the property runner that tallies what it tried.
//!
//! Here: the day the cases are set on and the property runner; the journals and valid forms
//! in `journals`, the hostile values and near misses in `values`.

#![allow(dead_code)]

mod journals;
mod values;
pub use journals::*;
pub use values::*;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::collections::BTreeMap;
use std::fmt;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// `cases` unless `PROPTEST_CASES` asks for another number. Failures found are kept in
/// the suite's own `.proptest-regressions` file (see `check`) and tried first on every later run.
pub fn config(cases: u32) -> Config {
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

pub fn fail(why: String) -> TestCaseError {
    TestCaseError::fail(why)
}

/// Runs a property over `cases` generated values, shrinking a failure to a minimal input;
/// each test returns `(category, outcome)`, tallied and printed (`--nocapture` shows it),
/// so a run says what it tried as well as that it passed. Failures found are kept beside
/// `source_file` (the suite's `file!()`), in its own `.proptest-regressions`.
pub fn check<S: Strategy>(
    source_file: &'static str,
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(String, String), TestCaseError>,
) where
    S::Value: fmt::Debug,
{
    let mut config = config(cases);
    config.source_file = Some(source_file);
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
