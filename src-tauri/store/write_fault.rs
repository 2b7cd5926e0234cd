//! Why the journal's folder could not be written: a full disk, a folder that turned
//! read-only, or one that is gone (a USB stick pulled out, a network folder lost). Told
//! apart from a damaged file, so that a healthy journal is never called damaged and the
//! person reads what happened and what to do.

use rusqlite::ErrorCode;
use std::path::Path;

/// A fault of the place the journal is kept, not of the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFault {
    /// No space left on the disk.
    DiskFull,
    /// The folder or the file cannot be written (read-only, permissions changed).
    ReadOnly,
    /// The folder is not there any more.
    FolderGone,
}

/// Below this much free space a failed write is put down to a full disk: SQLite writes
/// whole pages, its write-ahead log and index, so a disk this close to full refuses them.
const NEARLY_FULL_BYTES: u64 = 1024 * 1024;

/// The fault an error names for certain (SQLite's "disk is full", the system's "no space"
/// or "read-only file system"), whatever the folder looks like by now.
pub fn named_by(e: &super::StoreError) -> Option<WriteFault> {
    use std::io::ErrorKind;
    match e {
        super::StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == ErrorCode::DiskFull =>
        {
            Some(WriteFault::DiskFull)
        }
        super::StoreError::Io(io) => match io.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(WriteFault::DiskFull),
            ErrorKind::ReadOnlyFilesystem => Some(WriteFault::ReadOnly),
            _ => None,
        },
        _ => None,
    }
}

/// The fault of the journal's folder behind `e`, if that is why it failed: named by the
/// error, or found by looking at the folder when the error is of a kind it can cause.
pub fn behind(e: &super::StoreError, journal: &Path) -> Option<WriteFault> {
    named_by(e).or_else(|| {
        let maybe = match e {
            super::StoreError::Sqlite(s) => may_be_the_folder(s),
            super::StoreError::Io(_) => true,
            _ => false,
        };
        maybe.then(|| diagnose(journal)).flatten()
    })
}

/// Whether a SQLite error is one a fault of the folder can cause (rather than, say, a
/// constraint or a damaged page), so that the folder is worth looking at.
pub fn may_be_the_folder(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if matches!(
            f.code,
            ErrorCode::DiskFull
                | ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::SystemIoFailure
                | ErrorCode::PermissionDenied
        )
    )
}

fn folder(journal: &Path) -> &Path {
    match journal.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Before the journal is opened for writing: its folder gone, or its disk full. Writes
/// nothing (opening on a full disk would leave SQLite's side files behind).
pub fn before_opening(journal: &Path) -> Option<WriteFault> {
    let dir = folder(journal);
    if !dir.is_dir() {
        return Some(WriteFault::FolderGone);
    }
    fs4::available_space(dir)
        .is_ok_and(|free| free < NEARLY_FULL_BYTES)
        .then_some(WriteFault::DiskFull)
}

/// Looks at the folder of the journal at `journal` after a write failed: gone, full, or
/// not writable. None when it looks fine (the failure had another cause). Writes and
/// removes a small probe file, only after a failure.
pub fn diagnose(journal: &Path) -> Option<WriteFault> {
    if let Some(fault) = before_opening(journal) {
        return Some(fault);
    }
    let dir = folder(journal);
    let probe = dir.join(".taper-journal-write-check");
    match std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => Some(WriteFault::DiskFull),
        Err(_) if !dir.is_dir() => Some(WriteFault::FolderGone),
        Err(_) => Some(WriteFault::ReadOnly),
    }
}
