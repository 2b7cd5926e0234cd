//! What is found at the journal's path when the app starts, judged before anything is
//! written: a journal to open, one locked with a passphrase, or a file that cannot be used
//! as it is (damaged, another application's, from a newer version). A file that cannot be
//! used is never modified; the person chooses what happens next.

use super::write_fault::{self, WriteFault};
use super::{encryption, migrations, Journal, Passphrase, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

/// The first 16 bytes of every unencrypted SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why the file at the journal's path cannot be opened as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A SQLite file whose pages fail SQLite's own check, or that is cut short.
    Damaged { detail: String },
    /// A SQLite file holding another application's tables.
    Foreign,
    /// A journal written by a newer version of the app.
    Newer { found: i64, supported: i64 },
    /// Not a SQLite file at all, and no passphrase was set for it.
    Unreadable,
    /// No journal file, though there are signs of one (its backups, journals set aside
    /// beside it, or side files).
    Missing,
    /// A journal from an earlier version, not upgraded because the copy kept before an
    /// upgrade could not be written (a full disk, a folder that cannot be written).
    UpgradeCopyFailed { detail: String },
    /// A healthy journal (or none yet) whose folder cannot be written: a full disk, a
    /// read-only or vanished folder. Nothing was changed; trying again once it is fixed
    /// opens it.
    CannotWrite(WriteFault),
}

/// What start-up found.
pub enum Found {
    Open(Journal),
    /// Encrypted: a passphrase is needed.
    Locked,
    Problem(Problem),
}

/// Opens the journal at `path` if it can be used as it is; creates it if there is none.
pub fn open_at_start(path: &Path) -> Found {
    match first_bytes(path) {
        // No journal, or an empty file, where one existed before: say so rather than
        // quietly start an empty journal in its place.
        Ok(None) if had_a_journal(path) => Found::Problem(if path.exists() {
            Problem::Damaged {
                detail: "the file is empty".to_string(),
            }
        } else {
            Problem::Missing
        }),
        // Nothing there yet, or an empty file (a first start cut off before any write):
        // a new journal.
        Ok(None) => match Journal::open(path) {
            Ok(j) => Found::Open(j),
            Err(e) => Found::Problem(the_folder_or(e, path, damaged)),
        },
        Ok(Some(header)) if &header == SQLITE_HEADER => {
            let version = match checked_version(path, None) {
                Ok(v) => v,
                Err(p) => return Found::Problem(p),
            };
            // A healthy file whose disk is full: said before anything tries to write.
            if let Some(fault) = write_fault::before_opening(path) {
                return Found::Problem(Problem::CannotWrite(fault));
            }
            // Readable without a passphrase: a leftover marker (from a change cut off
            // mid-way) no longer applies.
            let _ = std::fs::remove_file(encryption::marker_path(path));
            if let Err(e) = super::auto_backup::keep_before_upgrade(path, None, version) {
                return Found::Problem(the_folder_or(e, path, |e| Problem::UpgradeCopyFailed {
                    detail: e.to_string(),
                }));
            }
            // The file passed its checks: a failure to open it now is the folder's. Side
            // files the failed attempt made are removed, so the folder is as it was; but
            // only empty ones: a migration committed before the failure lives in the WAL
            // until it is checkpointed, and removing that would lose it.
            let wal = crate::files::sibling(path, "-wal");
            let shm = crate::files::sibling(path, "-shm");
            let (wal_is_new, shm_is_new) = (!wal.exists(), !shm.exists());
            match Journal::open(path) {
                Ok(j) => Found::Open(j),
                Err(e) => {
                    let wal_holds_pages =
                        wal_is_new && std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
                    // The shared-memory index goes with its WAL: kept while that is.
                    if !wal_holds_pages {
                        if wal_is_new {
                            let _ = std::fs::remove_file(&wal);
                        }
                        if shm_is_new {
                            let _ = std::fs::remove_file(&shm);
                        }
                    }
                    Found::Problem(the_folder_or(e, path, problem_from))
                }
            }
        }
        Ok(Some(_)) if encryption::marked_encrypted(path) => Found::Locked,
        Ok(Some(_)) => Found::Problem(Problem::Unreadable),
        Err(e) => Found::Problem(damaged(e)),
    }
}

/// Opens an encrypted journal with `key`. A wrong passphrase, or a file that fails its
/// checks, changes nothing.
pub fn unlock(path: &Path, key: &Passphrase) -> Result<Journal, UnlockError> {
    let version = checked_version(path, Some(key)).map_err(|p| match p {
        Problem::Unreadable => UnlockError::WrongPassphrase,
        other => UnlockError::Problem(other),
    })?;
    // As for a plain journal: a healthy file on a full disk, or in a folder that cannot be
    // written, is said to be so, never called damaged.
    if let Some(fault) = write_fault::before_opening(path) {
        return Err(UnlockError::Problem(Problem::CannotWrite(fault)));
    }
    super::auto_backup::keep_before_upgrade(path, Some(key), version).map_err(|e| {
        UnlockError::Problem(the_folder_or(e, path, |e| Problem::UpgradeCopyFailed {
            detail: e.to_string(),
        }))
    })?;
    Journal::open_with(path, Some(key)).map_err(|e| match e {
        StoreError::WrongPassphrase => UnlockError::WrongPassphrase,
        other => UnlockError::Problem(the_folder_or(other, path, problem_from)),
    })
}

/// Why an unlock did not open the journal.
#[derive(Debug)]
pub enum UnlockError {
    WrongPassphrase,
    Problem(Problem),
}

/// Whether a journal was kept at `path` before: it has automatic backups, journals set
/// aside beside it, or SQLite side files are there.
fn had_a_journal(path: &Path) -> bool {
    encryption::has_side_files(path)
        || !super::auto_backup::list(path).is_empty()
        || !super::auto_backup::set_aside(path).is_empty()
}

/// Whether the file at `path` is an unencrypted SQLite file (by its first bytes).
pub fn is_plain_sqlite(path: &Path) -> bool {
    matches!(first_bytes(path), Ok(Some(h)) if &h == SQLITE_HEADER)
}

/// The first 16 bytes, or None when there is no file or it is empty.
fn first_bytes(path: &Path) -> std::io::Result<Option<[u8; 16]>> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut buf = [0u8; 16];
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(if filled == 0 { None } else { Some(buf) })
}

/// Judges the file through a read-only connection, so nothing about it can change: a
/// read-only connection never rolls back, checkpoints or switches journal mode.
pub fn check(path: &Path, key: Option<&Passphrase>) -> Result<(), Problem> {
    checked_version(path, key).map(|_| ())
}

/// `check`, and the schema version of the file that passed it.
fn checked_version(path: &Path, key: Option<&Passphrase>) -> Result<i64, Problem> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let opened = if crate::files::sibling(path, "-wal").exists() {
        // Left by an app that stopped without closing: the log is part of the journal.
        Connection::open_with_flags(path, flags)
    } else {
        // Nothing beside it: read it as a fixed file, so that not even the side files
        // SQLite keeps for a write-ahead log are created next to it.
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
    };
    let conn = opened.map_err(damaged)?;
    encryption::apply_key(&conn, key).map_err(damaged)?;
    let tables: i64 = match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)) {
        Ok(n) => n,
        // With a key, an unreadable first page means the wrong key (or a damaged file:
        // SQLCipher cannot tell the two apart).
        Err(_) if key.is_some() => return Err(Problem::Unreadable),
        Err(e) => return Err(damaged(e)),
    };
    let version = migrations::version(&conn).map_err(damaged)?;
    if tables > 0 && version == 0 {
        return Err(Problem::Foreign);
    }
    let supported = migrations::MIGRATIONS.len() as i64;
    if version > supported {
        return Err(Problem::Newer {
            found: version,
            supported,
        });
    }
    quick_check(&conn)?;
    Ok(version)
}

/// SQLite's own check of every page and index (quick: no cross-checking of index contents).
fn quick_check(conn: &Connection) -> Result<(), Problem> {
    let rows: Vec<String> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(damaged)?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(Problem::Damaged {
            detail: rows.into_iter().take(3).collect::<Vec<_>>().join("; "),
        })
    }
}

/// `file:` URI for `path`, read as immutable. Characters with a meaning in URIs are
/// percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// A file that fails a check, with SQLite's (or the system's) words for why.
fn damaged(e: impl std::fmt::Display) -> Problem {
    Problem::Damaged {
        detail: e.to_string(),
    }
}

/// A fault of the journal's folder when that is why opening `path` failed; otherwise
/// `other`'s reading of the error.
fn the_folder_or(e: StoreError, path: &Path, other: impl FnOnce(StoreError) -> Problem) -> Problem {
    match write_fault::behind(&e, path) {
        Some(fault) => Problem::CannotWrite(fault),
        None => other(e),
    }
}

fn problem_from(e: StoreError) -> Problem {
    match e {
        StoreError::NewerSchema { found, supported } => Problem::Newer { found, supported },
        StoreError::NotADatabase(_) => Problem::Unreadable,
        other => damaged(other),
    }
}
