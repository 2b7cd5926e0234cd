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
    "plan_proposal",
    "import",
    "imported_check_in",
    "import_replaced",
];

/// Tables added since the backup format's version 1: a backup made before them has none,
/// which restores as empty.
const ADDED_SINCE_VERSION_1: &[&str] = &[
    "plan_proposal",
    "import",
    "imported_check_in",
    "import_replaced",
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
        // Which app wrote it, for a person or a support question; a restore does not read it.
        doc.insert("app_version".into(), crate::APP_VERSION.into());
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
        let checked = check_backup(bytes)?;
        self.restore_checked(checked)
    }

    /// Replaces the whole journal with an already checked backup, in one transaction.
    pub fn restore_checked(&mut self, checked: CheckedBackup) -> Result<RestoreSummary> {
        let tables = checked.0;
        let tx = self.conn.transaction()?;
        for table in TABLES.iter().rev() {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        insert_all(&tx, &tables)?;
        tx.commit()?;
        Ok(summary(&tables))
    }
}

/// A backup whose every row has been checked: only `check_backup` makes one.
pub struct CheckedBackup(Map<String, Value>);

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
/// shape, every value, then every row in a scratch journal with the real schema and foreign
/// keys, read back with the app's own readers (so what restores is what the app can show).
pub fn check_backup(bytes: &[u8]) -> Result<CheckedBackup> {
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
    let Value::Object(mut doc) = doc else {
        return Err(refused(
            "This is not a Taper Journal backup. Nothing was changed.",
        ));
    };
    if doc.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(refused(
            "This is not a Taper Journal backup (it does not say so). Nothing was changed.",
        ));
    }
    let newer = || {
        refused(
            "This backup was made by a newer version of Taper Journal. Please update the app first. Nothing was changed.",
        )
    };
    match doc.get("version").and_then(Value::as_i64) {
        Some(BACKUP_VERSION) => {}
        Some(v) if v > BACKUP_VERSION => return Err(newer()),
        _ => {
            return Err(refused(
                "This backup's format version is missing or unknown. Nothing was changed.",
            ))
        }
    }
    if doc
        .get("schema_version")
        .and_then(Value::as_i64)
        .is_some_and(|v| v > migrations::MIGRATIONS.len() as i64)
    {
        return Err(newer());
    }
    let Some(Value::Object(tables)) = doc.remove("tables") else {
        return Err(refused("This backup has no tables. Nothing was changed."));
    };
    if let Some(extra) = tables.keys().find(|k| !TABLES.contains(&k.as_str())) {
        return Err(refused(format!(
            "This backup has a table this version does not know (\"{}\"). Nothing was changed.",
            input_safe(extra)
        )));
    }
    for (table, max) in MAX_ROWS {
        let n = tables
            .get(*table)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if n > *max {
            return Err(refused(format!(
                "This backup has {n} rows of \"{table}\", more than a journal can hold ({max}). Nothing was changed."
            )));
        }
    }

    // The scratch journal: same migrations, so the same CHECK constraints and STRICT types.
    let mut scratch = Connection::open_in_memory()?;
    scratch.pragma_update(None, "foreign_keys", true)?;
    migrations::migrate(&mut scratch, migrations::MIGRATIONS.len())?;
    let tx = scratch.transaction()?;
    insert_all(&tx, &tables)?;
    check_names(&tx)?;
    tx.commit()?;
    read_back(Journal {
        conn: scratch,
        path: std::path::PathBuf::from(":memory:"),
        key: None,
        opened: None,
    })?;
    Ok(CheckedBackup(tables))
}

/// Far above any real journal (a century of daily check-ins), low enough that a hostile
/// file cannot make the app hold millions of rows.
const MAX_ROWS: &[(&str, usize)] = &[
    ("medication", 1_000),
    ("dose_step", 50_000),
    ("planned_step", 50_000),
    ("check_in", 40_000),
    ("check_in_symptom", 1_000_000),
    ("check_in_dose", 200_000),
    ("check_in_practice", 200_000),
    ("check_in_draft", 40_000),
    ("questionnaire", 10_000),
    ("visit", 10_000),
    ("question", 10_000),
    ("plan_proposal", 10_000),
    ("import", 10_000),
    ("imported_check_in", 40_000),
    ("import_replaced", 40_000),
];

/// Reads every table back the way the app does; a value the schema admits but the app
/// cannot read (31 February) is refused here rather than breaking the screens after.
fn read_back(j: Journal) -> Result<()> {
    let unreadable = |e: StoreError| {
        refused(format!(
            "This backup holds a value the app cannot read ({}). Nothing was changed.",
            input_safe(&e.to_string())
        ))
    };
    j.settings().map_err(unreadable)?;
    j.paper().map_err(unreadable)?;
    j.reminder_settings().map_err(unreadable)?;
    j.reminders_shown().map_err(unreadable)?;
    j.medications().map_err(unreadable)?;
    j.dose_steps().map_err(unreadable)?;
    j.planned_steps().map_err(unreadable)?;
    j.check_ins().map_err(unreadable)?;
    j.questionnaires().map_err(unreadable)?;
    j.visits().map_err(unreadable)?;
    j.questions().map_err(unreadable)?;
    j.plan_proposals().map_err(unreadable)?;
    Ok(())
}

/// Columns that hold a calendar day: held to the same rule as typed dates.
fn is_date_column(c: &str) -> bool {
    c == "date" || c.ends_with("_date") || c.ends_with("_on")
}

/// One value of a row, checked the way typed input is: no NUL or control characters
/// (SQLite's length() stops at a NUL, so a CHECK on length would not see the rest), dates
/// that are real days in the journal's range.
fn value(at: &str, column: &str, v: Option<&Value>) -> Result<SqlValue> {
    Ok(match v {
        None | Some(Value::Null) => SqlValue::Null,
        Some(Value::Number(x)) if x.is_i64() => SqlValue::Integer(x.as_i64().unwrap_or_default()),
        Some(Value::String(s)) => {
            if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
                return Err(refused(format!(
                    "In this backup, {at} has invisible control characters in \"{column}\". Nothing was changed."
                )));
            }
            if is_date_column(column) {
                input::parse_date(column, s).map_err(|e| {
                    refused(format!("In this backup, {at}: {} Nothing was changed.", e.message))
                })?;
            }
            SqlValue::Text(s.clone())
        }
        Some(_) => {
            return Err(refused(format!(
                "In this backup, {at} has a value of the wrong kind in \"{column}\". Nothing was changed."
            )))
        }
    })
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
            None if ADDED_SINCE_VERSION_1.contains(table) => continue,
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
                values.push(value(&at, c, obj.get(*c))?);
            }
            let marks: Vec<String> = (1..=present.len()).map(|i| format!("?{i}")).collect();
            // An empty row `{}` is all defaults (SQL has no "INSERT ... () VALUES ()"), so
            // the schema refuses it like any other row with a required field missing.
            let sql = if present.is_empty() {
                format!("INSERT INTO {table} DEFAULT VALUES")
            } else {
                format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    present.join(", "),
                    marks.join(", ")
                )
            };
            let mut stmt = tx.prepare_cached(&sql)?;
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

/// Names shown everywhere are held to the same rule as typed ones (no markup characters);
/// built-in symptoms must be ones this version knows; a kept draft must have the shape the
/// check-in form restores.
fn check_names(tx: &Transaction) -> Result<()> {
    let strings = |sql: &str| -> Result<Vec<(String, Option<String>)>> {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    };
    for (generic, brand) in strings("SELECT generic, brand FROM medication")? {
        for name in std::iter::once(generic).chain(brand) {
            input::name("backup", "A medication name", &name).map_err(|e| {
                refused(format!(
                    "In this backup, a medication: {} Nothing was changed.",
                    e.message
                ))
            })?;
        }
    }
    for (name, builtin) in strings("SELECT name, CAST(builtin AS TEXT) FROM check_in_symptom")? {
        if builtin.as_deref() == Some("1") {
            if crate::journal::symptoms::builtin_symptom(&name).is_none() {
                return Err(refused(format!(
                    "In this backup, a check-in has a symptom this version does not know (\"{}\"). Nothing was changed.",
                    input_safe(&name)
                )));
            }
        } else {
            input::name("backup", "A symptom name", &name).map_err(|e| {
                refused(format!(
                    "In this backup, a check-in: {} Nothing was changed.",
                    e.message
                ))
            })?;
        }
    }
    for (form, _) in strings("SELECT form, NULL FROM check_in_draft")? {
        if serde_json::from_str::<Vec<(String, String)>>(&form).is_err() {
            return Err(refused(
                "In this backup, an unsaved check-in draft is not in the form's shape. Nothing was changed.",
            ));
        }
    }
    Ok(())
}
