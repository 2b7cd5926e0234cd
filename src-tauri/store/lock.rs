//! The lock that keeps a second copy of the app from opening the same journal: an
//! exclusive advisory lock on a small file beside it, held while the app runs and released
//! by the operating system when the process ends, however it ends.

use super::file_identity::{self, AtPath, FileId};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while this process may use the journal.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
    path: PathBuf,
    /// The lock file's identity when taken: a folder that went and came back (a drive
    /// connected again) has a new lock file, which this lock no longer holds.
    id: Option<FileId>,
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
            Ok(()) => Ok(Locked::Taken(JournalLock {
                _file: file,
                id: file_identity::of(&path),
                path,
            })),
            Err(TryLockError::WouldBlock) => Ok(Locked::InUse),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// Whether the file locked is still the lock file beside the journal (not where the
    /// system cannot tell, on Windows, where a file held open cannot be replaced).
    pub fn still_holds(&self) -> bool {
        file_identity::at_path(&self.path, self.id) == AtPath::Same
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn taken(journal: &Path) -> JournalLock {
        match JournalLock::take(journal).unwrap() {
            Locked::Taken(l) => l,
            Locked::InUse => panic!("the lock should be free"),
        }
    }

    #[test]
    fn a_lock_taken_before_its_folder_went_and_came_back_no_longer_holds() {
        let dir = tempfile::tempdir().unwrap();
        let stick = dir.path().join("stick");
        std::fs::create_dir(&stick).unwrap();
        let journal = stick.join("taper-journal.db");
        let lock = taken(&journal);
        assert!(lock.still_holds());

        // The drive out and in again: the same names, new files.
        std::fs::rename(&stick, dir.path().join("away")).unwrap();
        assert!(!lock.still_holds(), "folder gone");
        std::fs::create_dir(&stick).unwrap();
        std::fs::copy(
            dir.path().join("away/taper-journal.db.lock"),
            stick.join("taper-journal.db.lock"),
        )
        .unwrap();
        assert!(!lock.still_holds(), "a new lock file");
        // Which is free: a second copy of the app could take it unless this one does.
        let again = taken(&journal);
        assert!(again.still_holds());
        assert!(matches!(
            JournalLock::take(&journal).unwrap(),
            Locked::InUse
        ));
    }
}
