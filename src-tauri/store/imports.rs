//! Check-ins brought in from a file: written all at once or not at all, each remembering
//! the import it came from, and an import undone as a whole.
//!
//! An imported day keeps its `imported_check_in` row only while it is as imported: when
//! the person changes or deletes that day, the row goes with the old check-in (ON DELETE
//! CASCADE), so an undo never removes what the person wrote since. A check-in an import
//! replaced (only at the person's choice) is kept as its rows, to be put back by an undo.

use super::check_ins::write_check_in;
use super::{day, Journal, Result, StoreError};
use crate::journal::{CheckIn, ImportSource, ValidationError};
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The tables that hold one day's check-in, parents first (the order rows go back in).
const DAY_TABLES: &[(&str, &str)] = &[
    ("check_in", "date"),
    ("check_in_symptom", "check_in_date"),
    ("check_in_dose", "check_in_date"),
    ("check_in_practice", "check_in_date"),
    ("imported_check_in", "check_in_date"),
];

/// What to do with a day that already has a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingDays {
    /// Keep it as it is (the default): only empty days are filled.
    Keep,
    /// Replace it with the imported day; the old check-in is kept for an undo.
    Replace,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWritten {
    pub id: i64,
    /// Days written (new and replaced).
    pub written: usize,
    /// Days that already had a check-in and were kept as they were.
    pub kept: usize,
    /// Days whose check-in was replaced (kept for an undo).
    pub replaced: usize,
}

/// One import, as listed for undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub source: ImportSource,
    pub file_name: String,
    pub imported_on: NaiveDate,
    /// Days it wrote.
    pub days: usize,
    /// Of those, the days still as imported (not changed or deleted since).
    pub still_imported: usize,
    pub undone_on: Option<NaiveDate>,
}

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportUndone {
    pub source: ImportSource,
    pub imported_on: NaiveDate,
    /// Imported days removed.
    pub removed: usize,
    /// Imported days the person changed since: kept.
    pub changed_since: usize,
    /// Check-ins the import had replaced, put back.
    pub put_back: usize,
    /// Replaced check-ins not put back because the person wrote that day since.
    pub not_put_back: usize,
}

fn not_found() -> StoreError {
    StoreError::NotFound {
        what: "That import",
        field: "import",
    }
}

impl Journal {
    /// Writes `check_ins` as one import from `source`, in one transaction: all of them or,
    /// on any failure, nothing. Days that already have a check-in are kept unless
    /// `existing` is `Replace`. Doses must name medications of this journal.
    pub fn import_check_ins(
        &mut self,
        source: ImportSource,
        file_name: &str,
        imported_on: NaiveDate,
        check_ins: &[CheckIn],
        existing: ExistingDays,
    ) -> Result<ImportWritten> {
        let known: Vec<i64> = self.medications()?.iter().map(|m| m.id).collect();
        for c in check_ins {
            if let Some(d) = c
                .doses_taken
                .iter()
                .find(|d| !known.contains(&d.medication_id))
            {
                return Err(StoreError::Invalid(ValidationError::new(
                    format!("doses_taken.{}", d.medication_id),
                    "That medication is not in the journal.",
                )));
            }
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO import (source, file_name, imported_on, days) VALUES (?1, ?2, ?3, 0)",
            params![source.key(), file_name, imported_on],
        )?;
        let id = tx.last_insert_rowid();
        let (mut written, mut kept, mut replaced) = (0, 0, 0);
        for c in check_ins {
            let date = c.date;
            let has_one: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM check_in WHERE date = ?1)")?
                .query_row([date], |r| r.get(0))?;
            if has_one {
                if existing == ExistingDays::Keep {
                    kept += 1;
                    continue;
                }
                let rows = day_rows(&tx, date)?;
                tx.execute(
                    "INSERT INTO import_replaced (import_id, date, rows) VALUES (?1, ?2, ?3)",
                    params![id, date, rows.to_string()],
                )?;
                replaced += 1;
            }
            // A draft of that day (an unsaved form) stays: the person may still save it.
            write_check_in(&tx, c)?;
            tx.prepare_cached(
                "INSERT INTO imported_check_in (check_in_date, import_id) VALUES (?1, ?2)",
            )?
            .execute(params![date, id])?;
            written += 1;
        }
        tx.execute(
            "UPDATE import SET days = ?1 WHERE id = ?2",
            params![written as i64, id],
        )?;
        tx.commit()?;
        Ok(ImportWritten {
            id,
            written,
            kept,
            replaced,
        })
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, i.source, i.file_name, i.imported_on, i.days, i.undone_on,
                    (SELECT count(*) FROM imported_check_in c WHERE c.import_id = i.id)
             FROM import i ORDER BY i.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ImportRecord {
                id: r.get(0)?,
                source: source_at(1, r.get(1)?)?,
                file_name: r.get(2)?,
                imported_on: day(r, 3, "import", "imported_on")?,
                days: r.get::<_, i64>(4)? as usize,
                undone_on: day(r, 5, "import", "undone_on")?,
                still_imported: r.get::<_, i64>(6)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The days still as imported, with where and when they came from.
    pub fn imported_days(&self) -> Result<BTreeMap<NaiveDate, (ImportSource, NaiveDate)>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.check_in_date, i.source, i.imported_on
             FROM imported_check_in c JOIN import i ON i.id = c.import_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                day(r, 0, "imported_check_in", "check_in_date")?,
                (
                    source_at(1, r.get(1)?)?,
                    day(r, 2, "import", "imported_on")?,
                ),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<BTreeMap<_, _>>>()?)
    }

    /// Undoes import `id` as a whole, in one transaction: removes the days still as
    /// imported and puts back the check-ins it replaced (where the day is empty again).
    /// Days the person changed since stay as they are.
    pub fn undo_import(&mut self, id: i64, today: NaiveDate) -> Result<ImportUndone> {
        let record = self
            .imports()?
            .into_iter()
            .find(|r| r.id == id && r.undone_on.is_none())
            .ok_or_else(not_found)?;
        // A later import (not undone) that replaced days this one wrote or had replaced
        // holds this one's days in its own kept rows: undone first, it puts them back.
        // The other way round, the person's check-in kept by this one would stay hidden.
        let later: Option<(ImportSource, NaiveDate)> = self
            .conn
            .query_row(
                "SELECT i.source, i.imported_on FROM import i
                 WHERE i.id > ?1 AND i.undone_on IS NULL
                   AND (EXISTS (SELECT 1 FROM import_replaced r WHERE r.import_id = i.id
                                AND (r.date IN (SELECT date FROM import_replaced WHERE import_id = ?1)
                                     OR EXISTS (SELECT 1 FROM json_each(r.rows, '$.imported_check_in') e
                                                WHERE json_extract(e.value, '$.import_id') = ?1)))
                        OR EXISTS (SELECT 1 FROM imported_check_in c WHERE c.import_id = i.id
                                   AND c.check_in_date IN (SELECT date FROM import_replaced WHERE import_id = ?1)))
                 ORDER BY i.id DESC LIMIT 1",
                [id],
                |r| Ok((source_at(0, r.get(0)?)?, day(r, 1, "import", "imported_on")?)),
            )
            .optional()?;
        if let Some((source, on)) = later {
            return Err(StoreError::Invalid(ValidationError::new(
                "import",
                format!(
                    "A later import (from {} on {}) replaced some of the same days. Undo that one first; then this one can be undone. Nothing was changed.",
                    source.label(),
                    on.format("%-d %b %Y")
                ),
            )));
        }
        let tx = self.conn.transaction()?;
        let removed = tx.execute(
            "DELETE FROM check_in WHERE date IN
                (SELECT check_in_date FROM imported_check_in WHERE import_id = ?1)",
            [id],
        )?;
        let replaced: Vec<(NaiveDate, String)> = {
            let mut stmt = tx.prepare(
                "SELECT date, rows FROM import_replaced WHERE import_id = ?1 ORDER BY date",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok((day(r, 0, "import_replaced", "date")?, r.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let (mut put_back, mut not_put_back) = (0, 0);
        for (date, rows) in replaced {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM check_in WHERE date = ?1)",
                [date],
                |r| r.get(0),
            )?;
            if taken {
                // The person wrote this day since: theirs stays; the old rows stay kept.
                not_put_back += 1;
                continue;
            }
            let rows: Value = serde_json::from_str(&rows).map_err(|e| damaged(&e.to_string()))?;
            insert_day_rows(&tx, &rows)?;
            tx.execute(
                "DELETE FROM import_replaced WHERE import_id = ?1 AND date = ?2",
                params![id, date],
            )?;
            put_back += 1;
        }
        tx.execute(
            "UPDATE import SET undone_on = ?1 WHERE id = ?2",
            params![today, id],
        )?;
        tx.commit()?;
        Ok(ImportUndone {
            source: record.source,
            imported_on: record.imported_on,
            removed,
            changed_since: record.days.saturating_sub(removed),
            put_back,
            not_put_back,
        })
    }

    /// The import that wrote `date`'s check-in, if it is still as imported.
    pub fn imported_from(&self, date: NaiveDate) -> Result<Option<(ImportSource, NaiveDate)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT i.source, i.imported_on FROM imported_check_in c
                 JOIN import i ON i.id = c.import_id WHERE c.check_in_date = ?1",
                [date],
                |r| {
                    Ok((
                        source_at(0, r.get(0)?)?,
                        day(r, 1, "import", "imported_on")?,
                    ))
                },
            )
            .optional()?)
    }
}

fn source_at(idx: usize, key: String) -> rusqlite::Result<ImportSource> {
    ImportSource::from_key(&key).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown import source {key:?}").into(),
        )
    })
}

fn damaged(what: &str) -> StoreError {
    StoreError::BackupUnusable(format!("A check-in kept by an import is damaged ({what})."))
}

/// One day's rows in every check-in table, as JSON (`{table: [{column: value}]}`).
fn day_rows(tx: &Transaction, date: NaiveDate) -> Result<Value> {
    let mut out = Map::new();
    for (table, key) in DAY_TABLES {
        let mut stmt = tx.prepare_cached(&format!("SELECT * FROM {table} WHERE {key} = ?1"))?;
        let names: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let mut rows = stmt.query([date])?;
        let mut list = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match r.get::<_, SqlValue>(i)? {
                    SqlValue::Null => Value::Null,
                    SqlValue::Integer(n) => Value::from(n),
                    SqlValue::Text(t) => Value::from(t),
                    // The schema is STRICT with no REAL or BLOB columns in these tables.
                    SqlValue::Real(_) | SqlValue::Blob(_) => {
                        return Err(damaged(&format!("{table}.{name}")))
                    }
                };
                row.insert(name.clone(), v);
            }
            list.push(Value::Object(row));
        }
        out.insert((*table).to_string(), Value::Array(list));
    }
    Ok(Value::Object(out))
}

/// Puts one day's rows (as `day_rows` made them) back. The schema's checks and foreign
/// keys judge every value again.
fn insert_day_rows(tx: &Transaction, rows: &Value) -> Result<()> {
    for (table, _) in DAY_TABLES {
        let list = rows
            .get(*table)
            .and_then(Value::as_array)
            .ok_or_else(|| damaged(table))?;
        for row in list {
            let row = row.as_object().ok_or_else(|| damaged(table))?;
            let columns: Vec<&str> = row.keys().map(String::as_str).collect();
            let values = row
                .values()
                .map(|v| match v {
                    Value::Null => Ok(SqlValue::Null),
                    Value::Number(n) if n.is_i64() => {
                        Ok(SqlValue::Integer(n.as_i64().unwrap_or(0)))
                    }
                    Value::String(s) => Ok(SqlValue::Text(s.clone())),
                    _ => Err(damaged(table)),
                })
                .collect::<Result<Vec<_>>>()?;
            // Column names come from the journal's own tables (`day_rows`), checked here.
            if columns
                .iter()
                .any(|c| !c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'))
            {
                return Err(damaged(table));
            }
            let marks = vec!["?"; columns.len()].join(", ");
            tx.execute(
                &format!(
                    "INSERT INTO {table} ({}) VALUES ({marks})",
                    columns.join(", ")
                ),
                rusqlite::params_from_iter(values),
            )?;
        }
    }
    Ok(())
}
