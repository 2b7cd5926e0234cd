//! The journal as a spreadsheet: one row per calendar day, stable documented columns
//! (`docs/csv-columns.md`).
//!
//! The file is UTF-8 and starts with a byte order mark (EF BB BF): without it Excel opens a
//! CSV in the computer's legacy code page and turns "ü" or "é" in a note into mojibake.
//! Rows end in CRLF (RFC 4180); quoting is left to the `csv` crate. Dates are ISO
//! (`2026-09-07`), doses are mg with at most three decimals and a dot as decimal mark.
//!
//! Every day from the journal's first to its last day has a row, also the days without a
//! check-in (their check-in cells are empty), so gaps in the journal stay visible.

use crate::journal::symptoms::BUILTIN_SYMPTOMS;
use crate::journal::{CheckIn, DoseStep, Medication, Micrograms};
use crate::store::{self, Journal};
use crate::taper::equivalence::{diazepam_equivalent, factor};
use crate::taper::{dose_in_effect, EquivalenceTable};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The UTF-8 byte order mark the file starts with (see the module comment for why).
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Columns before the medication columns.
pub const LEADING_COLUMNS: &[&str] = &["date"];

/// Columns after the medication columns and before the symptom columns.
pub const RATING_COLUMNS: &[&str] = &[
    "diazepam_equivalent_total_mg",
    "equivalence_table",
    "anxiety",
    "mood",
    "sleep_hours",
    "sleep_quality",
];

/// Columns after the symptom columns, to the end of the row.
pub const TRAILING_COLUMNS: &[&str] = &[
    "own_symptoms",
    "red_flags",
    "alcohol_drinks",
    "opioids",
    "cannabis",
    "other_sedatives",
    "substance_note",
    "practices",
    "practice_note",
    "note",
];

/// The header of the export for these medications, in order. This is the one definition
/// of the column list: `date`; per medication (by id, so adding or stopping one never
/// reorders the others) `dose_mg:<generic>` and `taken_mg:<generic>`; the equivalent total,
/// its table and the ratings; `symptom:<key>` per built-in symptom (in the list's order);
/// then own symptoms, red flags, substances, practices and the notes.
pub fn columns(medications: &[Medication]) -> Vec<String> {
    let mut cols: Vec<String> = LEADING_COLUMNS.iter().map(|c| c.to_string()).collect();
    for m in medications_in_order(medications) {
        let name = column_name(&m, medications);
        cols.push(format!("dose_mg:{name}"));
        cols.push(format!("taken_mg:{name}"));
    }
    cols.extend(RATING_COLUMNS.iter().map(|c| c.to_string()));
    cols.extend(
        BUILTIN_SYMPTOMS
            .iter()
            .map(|s| format!("symptom:{}", s.key)),
    );
    cols.extend(TRAILING_COLUMNS.iter().map(|c| c.to_string()));
    cols
}

/// Medications by id: the order they were added, which never changes.
fn medications_in_order(medications: &[Medication]) -> Vec<Medication> {
    let mut ms = medications.to_vec();
    ms.sort_by_key(|m| m.id);
    ms
}

/// The generic name, with `#id` added when two medications share it (a tablet and a
/// liquid of the same drug), so every column name is unique.
fn column_name(m: &Medication, all: &[Medication]) -> String {
    let shared = all
        .iter()
        .filter(|o| o.generic.eq_ignore_ascii_case(&m.generic))
        .count()
        > 1;
    if shared {
        format!("{}#{}", m.generic, m.id)
    } else {
        m.generic.clone()
    }
}

/// Errors of the CSV export.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("The CSV file could not be written: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("The CSV file could not be written: {0}")]
    Io(#[from] std::io::Error),
}

/// The first and last day of the journal: from the day setup was completed (or an earlier
/// check-in, or an earlier dose step that changed a dose) to the last check-in or dose step.
/// A medication's first step is left out of the start because it only says since when the
/// starting dose was taken, often years before the journal was begun.
pub fn journal_days(
    setup_on: Option<NaiveDate>,
    steps: &[DoseStep],
    check_ins: &[CheckIn],
) -> Option<(NaiveDate, NaiveDate)> {
    let mut first_step_of: BTreeMap<i64, (NaiveDate, i64)> = BTreeMap::new();
    for s in steps {
        let e = first_step_of
            .entry(s.medication_id)
            .or_insert((s.date, s.id));
        if (s.date, s.id) < *e {
            *e = (s.date, s.id);
        }
    }
    let changes = steps
        .iter()
        .filter(|s| first_step_of.get(&s.medication_id) != Some(&(s.date, s.id)))
        .map(|s| s.date);
    let first = setup_on
        .into_iter()
        .chain(check_ins.iter().map(|c| c.date))
        .chain(changes)
        .min()?;
    let last = check_ins
        .iter()
        .map(|c| c.date)
        .chain(steps.iter().map(|s| s.date))
        .chain(std::iter::once(first))
        .max()?;
    Some((first, last))
}

/// Writes the whole journal as CSV bytes (BOM first).
pub fn export(j: &Journal) -> Result<Vec<u8>, CsvError> {
    let medications = j.medications()?;
    let steps = j.dose_steps()?;
    let check_ins = j.check_ins()?;
    let settings = j.settings()?;
    let table = settings
        .as_ref()
        .map_or(EquivalenceTable::Joint2025, |s| s.equivalence_table);
    let days = journal_days(settings.map(|s| s.setup_completed_on), &steps, &check_ins);
    write(&medications, &steps, &check_ins, table, days)
}

/// The CSV for already loaded data, `days` inclusive (no rows when `None`).
pub fn write(
    medications: &[Medication],
    steps: &[DoseStep],
    check_ins: &[CheckIn],
    table: EquivalenceTable,
    days: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<u8>, CsvError> {
    let meds = medications_in_order(medications);
    let mut out = UTF8_BOM.to_vec();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut out);
    let header: Vec<String> = columns(medications)
        .into_iter()
        .map(|c| guard_formula(&c))
        .collect();
    w.write_record(&header)?;
    let by_date: BTreeMap<NaiveDate, &CheckIn> = check_ins.iter().map(|c| (c.date, c)).collect();
    if let Some((first, last)) = days {
        for day in first.iter_days().take_while(|d| *d <= last) {
            let row = row(day, &meds, steps, by_date.get(&day).copied(), table);
            debug_assert_eq!(row.len(), header.len());
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    drop(w);
    Ok(out)
}

/// One day's cells, in the order of `columns`.
fn row(
    day: NaiveDate,
    meds: &[Medication],
    steps: &[DoseStep],
    check_in: Option<&CheckIn>,
    table: EquivalenceTable,
) -> Vec<String> {
    let mut cells = vec![day.format("%Y-%m-%d").to_string()];
    let mut total: Option<u64> = None;
    let mut sources: Vec<&'static str> = Vec::new();
    for m in meds {
        let dose = dose_in_effect(steps, m.id, day);
        cells.push(dose.map(Micrograms::mg_text).unwrap_or_default());
        let taken = check_in
            .and_then(|c| c.doses_taken.iter().find(|d| d.medication_id == m.id))
            .map(|d| d.dose.mg_text());
        cells.push(taken.unwrap_or_default());
        if let (Some(dose), Some(f)) = (dose, factor(m, table)) {
            *total.get_or_insert(0) += u64::from(diazepam_equivalent(dose, f).0);
            if !sources.contains(&f.source_label()) {
                sources.push(f.source_label());
            }
        }
    }
    let total = total.map(|t| Micrograms(u32::try_from(t).unwrap_or(u32::MAX)).mg_text());
    cells.push(total.unwrap_or_default());
    cells.push(sources.join("; "));
    let Some(c) = check_in else {
        // No check-in that day: every check-in cell stays empty.
        let empty = RATING_COLUMNS.len() - 2 + BUILTIN_SYMPTOMS.len() + TRAILING_COLUMNS.len();
        cells.extend(std::iter::repeat_n(String::new(), empty));
        return cells;
    };
    let number = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
    cells.push(number(c.anxiety));
    cells.push(number(c.mood));
    cells.push(c.sleep.map(|s| s.hours_text()).unwrap_or_default());
    cells.push(number(c.sleep_quality));
    for s in BUILTIN_SYMPTOMS {
        // "none" is not stored, so a check-in without the symptom means severity 0.
        let severity = c
            .symptoms
            .iter()
            .find(|e| e.builtin && e.name == s.key)
            .map_or(0, |e| e.severity);
        cells.push(severity.to_string());
    }
    let own: Vec<String> = c
        .symptoms
        .iter()
        .filter(|s| !s.builtin)
        .map(|s| format!("{}={}", s.name, s.severity))
        .collect();
    cells.push(guard_formula(&own.join("; ")));
    let flags: Vec<&str> = c.red_flags.iter().map(|f| f.key()).collect();
    cells.push(flags.join(";"));
    cells.push(number(c.alcohol_drinks));
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    cells.push(yes_no(c.opioids));
    cells.push(yes_no(c.cannabis));
    cells.push(yes_no(c.other_sedatives));
    cells.push(guard_formula(c.substance_note.as_deref().unwrap_or("")));
    let practices: Vec<&str> = c.practices.iter().map(|p| p.key()).collect();
    cells.push(practices.join(";"));
    cells.push(guard_formula(c.practice_note.as_deref().unwrap_or("")));
    cells.push(guard_formula(c.note.as_deref().unwrap_or("")));
    cells
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"):
/// a note such as `=HYPERLINK("http://…")` or `@SUM(…)` would otherwise run when the file
/// is opened. Tab and carriage return are on OWASP's list too.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text cell the person typed, made safe to open in a spreadsheet: one starting with a
/// formula character gets a leading apostrophe, which spreadsheets show as plain text.
/// Only free text goes through here; numbers we write never start with these characters.
/// Text that itself starts with an apostrophe before such a character (or before another
/// apostrophe) gets one too, so that `unguard_formula` gives back exactly what was typed.
pub fn guard_formula(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) || looks_guarded(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A cell of our own export back into the text that was typed (the import reads it).
pub fn unguard_formula(cell: &str) -> &str {
    if looks_guarded(cell) {
        &cell[1..]
    } else {
        cell
    }
}

/// An apostrophe followed by a formula character or another apostrophe.
fn looks_guarded(text: &str) -> bool {
    text.strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(FORMULA_STARTS) || rest.starts_with('\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(guard_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard_formula("+1"), "'+1");
        assert_eq!(guard_formula("-2"), "'-2");
        assert_eq!(guard_formula("@cmd"), "'@cmd");
        assert_eq!(guard_formula("a=b"), "a=b");
        assert_eq!(guard_formula(""), "");
        // An apostrophe typed before one is guarded too, so the import can tell them apart.
        assert_eq!(guard_formula("'=x"), "''=x");
        assert_eq!(guard_formula("''"), "'''");
        assert_eq!(guard_formula("'twas"), "'twas");
        for typed in [
            "=SUM(A1)", "'=x", "''", "'twas", "'", "a", "", "-2", "''=", "'''",
        ] {
            assert_eq!(unguard_formula(&guard_formula(typed)), typed, "{typed:?}");
        }
    }

    #[test]
    fn the_first_step_does_not_stretch_the_journal_back() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
        let step = |id, day| DoseStep {
            id,
            medication_id: 1,
            date: d(day),
            dose: Micrograms(1000),
            split: None,
            note: None,
        };
        // Taken since 1 March, setup on 10 March, a step on 20 March: 10 to 20 March.
        let steps = [step(1, 1), step(2, 20)];
        assert_eq!(journal_days(Some(d(10)), &steps, &[]), Some((d(10), d(20))));
        assert_eq!(journal_days(None, &[], &[]), None);
    }
}
