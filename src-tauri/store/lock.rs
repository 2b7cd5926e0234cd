//! The lock that keeps a second copy of the app from opening the same journal: an
//! exclusive advisory lock on a small file beside it, held while the app runs and released
//! by the operating system when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Held while this process may use the journal.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
}

/// Whether the lock was taken.
#[derive(Debug)]
pub enum Locked {
    Taken(JournalLock),
    /// Another process holds it: the journal is open in another window.
    InUse,
}

impl JournalLock {
    /// Takes the lock for the journal at `journal`, without waiting. The folder must
    /// exist (it is never made here). On a folder that cannot be written the lock file
    /// left by an earlier start is locked read-only: the journal is then still kept from
    /// a second copy while the start screen says what is wrong with the folder.
    pub fn take(journal: &Path) -> std::io::Result<Locked> {
        let path = crate::files::sibling(journal, ".lock");
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) if super::write_fault::refused_in(&e).is_some() => {
                File::open(&path).map_err(|_| e)?
            }
            Err(e) => return Err(e),
        };
        match file.try_lock() {
            Ok(()) => Ok(Locked::Taken(JournalLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(Locked::InUse),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}
