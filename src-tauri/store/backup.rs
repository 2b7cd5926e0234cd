//! Full backup of the journal as JSON, and restore from it: every table, with a format
//! version. A restore checks everything first — in a scratch in-memory journal with the
//! same schema, so the same CHECK constraints, types and foreign keys judge every row —
//! and then replaces the journal in one transaction, or changes nothing and says why.

use super::{migrations, Journal, Result, StoreError};
use crate::journal::input;
use crate::journal::ValidationError;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Transaction};
use serde_json::{Map, Value};

/// What the file says it is.
pub const BACKUP_FORMAT: &str = "taper-journal-backup";
/// Bumped when the shape of a backup changes; a restore refuses newer versions.
pub const BACKUP_VERSION: i64 = 1;
/// A real 10-year journal is a few MB; far larger is not a backup of this app.
pub const BACKUP_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Every table, parents before children (the order rows are restored in).
pub const TABLES: &[&str] = &[
    "settings",
    "medication",
    "dose_step",
    "planned_step",
    "check_in",
    "check_in_symptom",
    "check_in_dose",
    "check_in_practice",
    "check_in_draft",
    "questionnaire",
    "visit",
    "question",
];

fn refused(message: impl Into<String>) -> StoreError {
    StoreError::Invalid(ValidationError::new("backup", message))
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

impl Journal {
    /// The whole journal as a backup document. `created` is the day it was made.
    pub fn backup(&self, created: chrono::NaiveDate) -> Result<Value> {
        let mut tables = Map::new();
        for table in TABLES {
            let cols = columns(&self.conn, table)?;
            // Ordered by the first column (the key), so equal journals give equal files.
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let mut row = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    let v = match r.get::<_, SqlValue>(i)? {
                        SqlValue::Null => Value::Null,
                        SqlValue::Integer(n) => Value::from(n),
                        SqlValue::Text(t) => Value::from(t),
                        // The schema is STRICT with no REAL or BLOB columns.
                        SqlValue::Real(_) | SqlValue::Blob(_) => {
                            return Err(refused(format!("{table}.{c} holds an unexpected value")))
                        }
                    };
                    row.insert(c.clone(), v);
                }
                out.push(Value::Object(row));
            }
            tables.insert((*table).to_string(), Value::Array(out));
        }
        let mut doc = Map::new();
        doc.insert("format".into(), BACKUP_FORMAT.into());
        doc.insert("version".into(), BACKUP_VERSION.into());
        doc.insert(
            "schema_version".into(),
            (migrations::MIGRATIONS.len() as i64).into(),
        );
        doc.insert(
            "created".into(),
            created.format("%Y-%m-%d").to_string().into(),
        );
        doc.insert("tables".into(), Value::Object(tables));
        Ok(Value::Object(doc))
    }

    /// Replaces the whole journal with a backup file's contents, or changes nothing.
    pub fn restore(&mut self, bytes: &[u8]) -> Result<RestoreSummary> {
        let tables = check_backup(bytes)?;
        let tx = self.conn.transaction()?;
        for table in TABLES.iter().rev() {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        insert_all(&tx, &tables)?;
        tx.commit()?;
        Ok(summary(&tables))
    }
}

/// How much a restore brought back, for the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RestoreSummary {
    pub medications: usize,
    pub dose_steps: usize,
    pub check_ins: usize,
}

fn summary(tables: &Map<String, Value>) -> RestoreSummary {
    let n = |t: &str| tables.get(t).and_then(Value::as_array).map_or(0, Vec::len);
    RestoreSummary {
        medications: n("medication"),
        dose_steps: n("dose_step"),
        check_ins: n("check_in"),
    }
}

/// Reads and checks a backup completely, without touching any journal: the file's size and
/// shape, then every row in a scratch journal with the real schema and foreign keys.
pub fn check_backup(bytes: &[u8]) -> Result<Map<String, Value>> {
    if bytes.len() > BACKUP_MAX_BYTES {
        return Err(refused(format!(
            "This file is {} MB; a Taper Journal backup is far smaller (at most {} MB). Nothing was changed.",
            bytes.len() / (1024 * 1024),
            BACKUP_MAX_BYTES / (1024 * 1024)
        )));
    }
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        refused(format!(
            "This is not a Taper Journal backup: it could not be read as JSON ({e}). Nothing was changed."
        ))
    })?;
    let doc = doc
        .as_object()
        .ok_or_else(|| refused("This is not a Taper Journal backup. Nothing was changed."))?;
    if doc.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(refused(
            "This is not a Taper Journal backup (it does not say so). Nothing was changed.",
        ));
    }
    match doc.get("version").and_then(Value::as_i64) {
        Some(BACKUP_VERSION) => {}
        Some(v) if v > BACKUP_VERSION => {
            return Err(refused(format!(
                "This backup was made by a newer version of Taper Journal (backup format {v}; this version reads {BACKUP_VERSION}). Please update the app first. Nothing was changed."
            )))
        }
        _ => {
            return Err(refused(
                "This backup's format version is missing or unknown. Nothing was changed.",
            ))
        }
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| refused("This backup has no tables. Nothing was changed."))?;
    if let Some(extra) = tables.keys().find(|k| !TABLES.contains(&k.as_str())) {
        return Err(refused(format!(
            "This backup has a table this version does not know (\"{}\"). Nothing was changed.",
            input_safe(extra)
        )));
    }

    // The scratch journal: same migrations, so the same CHECK constraints and STRICT types.
    let mut scratch = Connection::open_in_memory()?;
    scratch.pragma_update(None, "foreign_keys", true)?;
    migrations::migrate(&mut scratch, migrations::MIGRATIONS.len())?;
    let tx = scratch.transaction()?;
    insert_all(&tx, tables)?;
    check_names(&tx)?;
    tx.rollback()?;
    Ok(tables.clone())
}

/// Text from a hostile file, shortened before it goes into a message.
fn input_safe(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Inserts every table's rows, parents first. Every problem names the table, row and field.
fn insert_all(tx: &Transaction, tables: &Map<String, Value>) -> Result<()> {
    for table in TABLES {
        let rows = match tables.get(*table) {
            Some(Value::Array(rows)) => rows,
            Some(_) => {
                return Err(refused(format!(
                    "In this backup, \"{table}\" is not a list of rows. Nothing was changed."
                )))
            }
            None => {
                return Err(refused(format!(
                    "This backup has no \"{table}\" table. Nothing was changed."
                )))
            }
        };
        let cols = columns(tx, table)?;
        for (n, row) in rows.iter().enumerate() {
            let at = format!("{table}, row {}", n + 1);
            let obj = row.as_object().ok_or_else(|| {
                refused(format!(
                    "In this backup, {at} is not a row. Nothing was changed."
                ))
            })?;
            if let Some(extra) = obj.keys().find(|k| !cols.contains(k)) {
                return Err(refused(format!(
                    "In this backup, {at} has an unknown field \"{}\". Nothing was changed.",
                    input_safe(extra)
                )));
            }
            // Only the fields the row has: a column added since the backup was made takes
            // its default, as it did when its migration added it.
            let present: Vec<&str> = cols
                .iter()
                .filter(|c| obj.contains_key(*c))
                .map(String::as_str)
                .collect();
            let mut values = Vec::with_capacity(present.len());
            for c in &present {
                values.push(match obj.get(*c) {
                    None | Some(Value::Null) => SqlValue::Null,
                    Some(Value::Number(x)) if x.is_i64() => {
                        SqlValue::Integer(x.as_i64().unwrap_or_default())
                    }
                    Some(Value::String(s)) => SqlValue::Text(s.clone()),
                    Some(_) => {
                        return Err(refused(format!(
                            "In this backup, {at} has a value of the wrong kind in \"{c}\". Nothing was changed."
                        )))
                    }
                });
            }
            let marks: Vec<String> = (1..=present.len()).map(|i| format!("?{i}")).collect();
            let mut stmt = tx.prepare_cached(&format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                present.join(", "),
                marks.join(", ")
            ))?;
            stmt.execute(rusqlite::params_from_iter(values))
                .map_err(|e| {
                    refused(format!(
                        "In this backup, {at} is not valid ({}). Nothing was changed.",
                        sqlite_reason(&e)
                    ))
                })?;
        }
    }
    Ok(())
}

/// The part of SQLite's message that says what was wrong (a CHECK, a type, a duplicate).
fn sqlite_reason(e: &rusqlite::Error) -> String {
    if e.to_string().contains("FOREIGN KEY") {
        return "it refers to something that is not in the backup".to_string();
    }
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => input_safe(m),
        other => input_safe(&other.to_string()),
    }
}

/// Names shown everywhere are held to the same rule as typed ones (no markup characters).
fn check_names(tx: &Transaction) -> Result<()> {
    let mut stmt = tx.prepare("SELECT id, generic, brand FROM medication")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, generic, brand) in rows {
        for name in std::iter::once(generic).chain(brand) {
            input::name("backup", "A medication name", &name).map_err(|e| {
                refused(format!(
                    "In this backup, medication {id}: {} Nothing was changed.",
                    e.message
                ))
            })?;
        }
    }
    Ok(())
}
