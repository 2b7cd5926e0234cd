//! What is found at the journal's path when the app starts, judged before anything is
//! written: a journal to open, one locked with a passphrase, or a file that cannot be used
//! as it is (damaged, another application's, from a newer version). A file that cannot be
//! used is never modified; the person chooses what happens next.

use super::file_check::Problem;
use super::file_check::{checked_version, damaged, first_bytes, SQLITE_HEADER};
use super::write_fault;
use super::{encryption, Journal, Passphrase, StoreError};
use std::path::Path;

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
        || !super::auto_backup::automatic_backups(path).is_empty()
        || !super::auto_backup::set_aside(path).is_empty()
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
