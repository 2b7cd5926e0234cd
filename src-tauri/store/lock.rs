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
    /// Takes the lock for the journal at `journal`, without waiting.
    pub fn take(journal: &Path) -> std::io::Result<Locked> {
        if let Some(dir) = journal.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(crate::files::sibling(journal, ".lock"))?;
        match file.try_lock() {
            Ok(()) => Ok(Locked::Taken(JournalLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(Locked::InUse),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}
