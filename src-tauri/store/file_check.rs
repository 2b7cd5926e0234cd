//! Judging a file as a journal without changing it: whether it is a plain SQLite file, and
//! whether it opens, passes SQLite's own check and is a journal this version can read.
//! Used at start, for automatic backups and for journals set aside; below all of them.

use super::write_fault::WriteFault;
use super::{encryption, migrations, Passphrase};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

/// The first 16 bytes of every unencrypted SQLite file.
pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

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

/// Whether the file at `path` is an unencrypted SQLite file (by its first bytes).
pub fn is_plain_sqlite(path: &Path) -> bool {
    matches!(first_bytes(path), Ok(Some(h)) if &h == SQLITE_HEADER)
}

/// The first 16 bytes, or None when there is no file or it is empty.
pub(super) fn first_bytes(path: &Path) -> std::io::Result<Option<[u8; 16]>> {
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
pub(super) fn checked_version(path: &Path, key: Option<&Passphrase>) -> Result<i64, Problem> {
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
pub(super) fn damaged(e: impl std::fmt::Display) -> Problem {
    Problem::Damaged {
        detail: e.to_string(),
    }
}

/// How many days of check-ins an unencrypted journal file (a backup) holds, read without
/// changing it; None for an encrypted one or one that cannot be read.
pub fn check_in_days(path: &Path) -> Option<u64> {
    if !is_plain_sqlite(path) {
        return None;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        .ok()?;
    conn.query_row("SELECT count(*) FROM check_in", [], |r| r.get(0))
        .ok()
}
