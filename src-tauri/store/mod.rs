//! The journal's SQLite file: opening, migrating, and reading/writing domain types.
//! Every user action is one transaction; a crash leaves the file as it was before or after.

pub mod auto_backup;
pub mod backup;
mod check_ins;
pub mod copies;
mod dose_steps;
pub mod encryption;
pub mod file_check;
pub mod file_identity;
pub mod folder;
mod imports;
pub mod lock;
mod medications;
pub mod migrations;
mod plan_proposals;
mod questionnaires;
mod reminders;
mod settings;
pub mod start;
mod staying_open;
mod visits;
pub mod write_fault;

pub use encryption::Passphrase;
pub use imports::{ExistingDays, ImportRecord, ImportUndone, ImportWritten};
pub use medications::SetupChoices;
pub use settings::Settings;

use crate::journal::ValidationError;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The journal's file name: distinct from the `*.sqlite` files WebKit keeps beside it.
pub const JOURNAL_FILE_NAME: &str = "taper-journal.db";
/// Environment variable that points the app at another journal file (tests use it).
pub const JOURNAL_PATH_ENV: &str = "TAPER_JOURNAL_DB";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error("{what} was not found.")]
    NotFound {
        what: &'static str,
        field: &'static str,
    },
    #[error("This journal was written by a newer version of Taper Journal (format {found}; this version knows up to {supported}). Please update the app; the file has not been changed.")]
    NewerSchema { found: i64, supported: i64 },
    #[error("The journal file could not be opened as a database: {0}")]
    NotADatabase(String),
    #[error("The journal could not be read or written: {0}")]
    Sqlite(#[source] rusqlite::Error),
    #[error(transparent)]
    DamagedDate(DamagedDate),
    #[error("That passphrase did not open the journal. Nothing was changed.")]
    WrongPassphrase,
    #[error("{0} Nothing was changed.")]
    BackupUnusable(String),
    #[error("A file beside the journal could not be read or written: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open journal.
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    /// The passphrase, when the journal is encrypted: its backups are opened with it.
    key: Option<Passphrase>,
    /// The file opened, to notice one put in its place by another program.
    opened: Option<file_identity::FileId>,
}

impl Journal {
    /// Opens (creating if needed) and migrates the unencrypted journal at `path`.
    pub fn open(path: &Path) -> Result<Journal> {
        Journal::open_with(path, None)
    }

    /// Opens (creating the file if needed) and migrates the journal at `path`, encrypted
    /// with `key` if one is given. A wrong key is refused before anything is written. The
    /// folder must exist: one that has gone (a drive pulled out) is never made again here,
    /// so that no empty journal appears in its place (see `store::folder`).
    pub fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Journal> {
        let mut conn = Connection::open(path)?;
        encryption::apply_key(&conn, key)?;
        if key.is_some() {
            refuse_foreign(&conn).map_err(|e| match e {
                StoreError::NotADatabase(_) => StoreError::WrongPassphrase,
                other => other,
            })?;
        } else {
            refuse_foreign(&conn)?;
        }
        // Before configure(): switching a newer file to WAL would already change it.
        migrations::refuse_newer(&conn)?;
        configure(&conn)?;
        migrations::migrate(&mut conn, migrations::MIGRATIONS.len())?;
        Ok(Journal {
            conn,
            path: path.to_path_buf(),
            key: key.cloned(),
            opened: file_identity::of(path),
        })
    }

    /// What is at the journal's path now: the file it has open, or not.
    pub fn at_path(&self) -> file_identity::AtPath {
        file_identity::at_path(&self.path, self.opened)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for tests and diagnostics.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Refuses, before changing anything, a file that is not SQLite or that holds another
/// application's tables (a schema with tables but no journal version).
fn refuse_foreign(conn: &Connection) -> Result<()> {
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| {
            if write_fault::may_be_the_folder(&e) {
                StoreError::Sqlite(e)
            } else {
                StoreError::NotADatabase(e.to_string())
            }
        })?;
    if tables > 0 && migrations::version(conn)? == 0 {
        return Err(StoreError::NotADatabase(
            "it holds tables of another application".to_string(),
        ));
    }
    Ok(())
}

/// Pragmas that make every acknowledged write durable and every reference checked.
pub fn configure(conn: &Connection) -> Result<()> {
    // A file that is not SQLite fails here, before anything is written to it.
    // (A full disk or a folder that cannot be written fails here too: not the file's fault.)
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| {
            if write_fault::may_be_the_folder(&e) {
                StoreError::Sqlite(e)
            } else {
                StoreError::NotADatabase(e.to_string())
            }
        })?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NotADatabase(format!(
            "journal mode stayed {mode}"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(())
}

impl From<rusqlite::Error> for StoreError {
    /// A damaged date, raised inside a row closure by [`day`], comes out as itself.
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::FromSqlConversionFailure(idx, ty, inner) => {
                match inner.downcast::<DamagedDate>() {
                    Ok(damaged) => StoreError::DamagedDate(*damaged),
                    Err(inner) => StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
                        idx, ty, inner,
                    )),
                }
            }
            other => StoreError::Sqlite(other),
        }
    }
}

/// A stored calendar day no calendar has (31 February), or a value that is no date at
/// all: an error naming where it is, never read as "no date".
#[derive(Debug, thiserror::Error)]
#[error("The journal holds a damaged date in {table}.{column} ({reason}).")]
pub struct DamagedDate {
    pub table: &'static str,
    pub column: &'static str,
    reason: String,
}

/// Column `idx` of a row as a calendar day (`NaiveDate`, or `Option<NaiveDate>` where the
/// column may be empty). Days are stored as rusqlite's chrono text, "%F": YYYY-MM-DD, the
/// text the schema's CHECKs hold date columns to and every journal already holds. They are
/// bound as `NaiveDate` params, written the same way. A value that cannot be read becomes a [`DamagedDate`] naming its column.
fn day<T: rusqlite::types::FromSql>(
    r: &rusqlite::Row,
    idx: usize,
    table: &'static str,
    column: &'static str,
) -> rusqlite::Result<T> {
    r.get(idx).map_err(|e| {
        let (ty, reason) = match e {
            rusqlite::Error::FromSqlConversionFailure(_, ty, inner) => (ty, inner.to_string()),
            rusqlite::Error::InvalidColumnType(_, _, ty) => {
                (ty, format!("{ty} where a date belongs"))
            }
            other => return other,
        };
        let damaged = DamagedDate {
            table,
            column,
            reason,
        };
        rusqlite::Error::FromSqlConversionFailure(idx, ty, Box::new(damaged))
    })
}
