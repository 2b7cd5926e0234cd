//! Opening the journal at start (with the lock that keeps a second window away), trying
//! again once its folder is put right, and starting anew where its folder is gone.

use super::state::Session;
use super::view::StartView;
use crate::api::Answer;
use crate::store::file_check::Problem;
use crate::store::lock::{JournalLock, Locked};
use crate::store::start::{self, Found, UnlockError};
use crate::store::write_fault::{self, WriteFault};
use crate::store::{Journal, Passphrase};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The lock for the journal at `path`, or the session to show when it cannot be taken.
fn lock_for(path: &Path) -> Result<JournalLock, Box<Session>> {
    let path = path.to_path_buf();
    match JournalLock::take(&path) {
        Ok(Locked::Taken(lock)) => Ok(lock),
        Ok(Locked::InUse) => {
            eprintln!("taper-journal: the journal is open in another window; not opening it");
            Err(Box::new(Session::InUse { path }))
        }
        Err(e) => {
            let fault = if write_fault::folder_gone(&path) {
                Some(WriteFault::FolderGone)
            } else {
                write_fault::refused_in(&e)
            };
            Err(Box::new(match fault {
                Some(fault) => Session::Problem {
                    path,
                    problem: Problem::CannotWrite(fault),
                },
                None => Session::Unavailable(format!(
                    "The journal folder could not be used ({e}): {}",
                    path.display()
                )),
            }))
        }
    }
}

impl Session {
    /// Judges and, when it can be used, opens the journal at `path`; takes the day's
    /// automatic backup once it is open.
    pub fn start(path: PathBuf, today: NaiveDate) -> (Session, Option<String>) {
        match start::open_at_start(&path) {
            Found::Open(j) => {
                let notice = back_up(&j, today);
                (Session::Open(j), notice)
            }
            Found::Locked => (Session::Locked { path }, None),
            Found::Problem(problem) => (Session::Problem { path, problem }, None),
        }
    }

    /// `start`, once the lock that keeps a second copy of the app away from the journal is
    /// taken. A folder that is gone or cannot be written is said so (with Try again), as
    /// for the journal itself; the lock is then taken by `retry`.
    pub fn start_locked(
        path: PathBuf,
        today: NaiveDate,
    ) -> (Session, Option<String>, Option<JournalLock>) {
        match lock_for(&path) {
            Ok(lock) => {
                let (session, notice) = Session::start(path, today);
                (session, notice, Some(lock))
            }
            Err(session) => (*session, None, None),
        }
    }

    /// Judges the journal again once its folder may have been put right (space freed, the
    /// drive connected again), taking the lock into `lock` first if it is not held yet.
    pub fn retry(&mut self, lock: &mut Option<JournalLock>, today: NaiveDate) -> StartView {
        if let Session::Problem {
            path,
            problem: Problem::CannotWrite(_),
        } = self
        {
            let path = path.clone();
            // A lock taken before the folder went (and came back) holds a file no longer there.
            let held = match lock.take() {
                Some(l) if l.still_holds() => Ok(l),
                _ => lock_for(&path),
            };
            let notice = match held {
                Ok(l) => {
                    *lock = Some(l);
                    let (again, notice) = Session::start(path, today);
                    *self = again;
                    notice
                }
                Err(session) => {
                    *self = *session;
                    None
                }
            };
            let still = matches!(
                self,
                Session::Problem {
                    problem: Problem::CannotWrite(_),
                    ..
                }
            );
            return self.view(if still {
                Some("Tried again just now: it is still the same.".to_string())
            } else {
                notice
            });
        }
        self.view(None)
    }

    /// "Start a new, empty journal": where the journal's folder is gone (removed on
    /// purpose), the folder is made again, its lock taken into `lock`, and a journal
    /// started in it; otherwise as `start_new_beside`.
    pub fn start_new(
        &mut self,
        lock: &mut Option<JournalLock>,
        today: NaiveDate,
    ) -> Answer<StartView> {
        let Session::Problem {
            path,
            problem: Problem::CannotWrite(WriteFault::FolderGone),
        } = self
        else {
            return self.start_new_beside();
        };
        let path = path.clone();
        // The drive may be back by now: then its journal is judged as at any start.
        if !write_fault::folder_gone(&path) {
            return Ok(self.retry(lock, today));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| crate::api::ApiError::from(crate::store::StoreError::Io(e)))?;
        }
        if !lock.as_ref().is_some_and(JournalLock::still_holds) {
            *lock = None;
            match lock_for(&path) {
                Ok(l) => *lock = Some(l),
                Err(session) => {
                    *self = *session;
                    return Ok(self.view(None));
                }
            }
        }
        let j = Journal::open(&path)?;
        *self = Session::Open(j);
        Ok(self.view(Some("A new journal was started.".to_string())))
    }
}

/// Opens the journal now at `path` as at a start: checked, kept before an upgrade, backed
/// up; with `key` when it is locked.
pub(super) fn open_as_at_start(
    path: &Path,
    key: Option<&Passphrase>,
    today: NaiveDate,
) -> (Session, Option<String>) {
    match key {
        Some(k) => match start::unlock(path, k) {
            Ok(j) => {
                let notice = back_up(&j, today);
                (Session::Open(j), notice)
            }
            Err(UnlockError::WrongPassphrase) => (
                Session::Locked {
                    path: path.to_path_buf(),
                },
                None,
            ),
            Err(UnlockError::Problem(problem)) => (
                Session::Problem {
                    path: path.to_path_buf(),
                    problem,
                },
                None,
            ),
        },
        None => Session::start(path.to_path_buf(), today),
    }
}

/// Takes the day's backup, and locks any copy left unlocked by a change of passphrase cut
/// off mid-way. A failure does not stop the app; it is said once.
pub(super) fn back_up(j: &Journal, today: NaiveDate) -> Option<String> {
    let unlocked = j.lock_plain_copies();
    let mut said = Vec::new();
    // Not of a journal not yet set up: a copy of nothing, offered later as "the automatic
    // backup", could only be restored by mistake.
    let set_up = !matches!(j.settings(), Ok(None));
    let backed_up = if set_up {
        j.back_up_if_due(today).map(drop)
    } else {
        Ok(())
    };
    if let Err(e) = backed_up {
        said.push(match crate::store::write_fault::behind(&e, j.path()) {
            Some(fault) => crate::views::write_fault::backup_skipped(fault),
            None => format!(
                "Today's automatic backup could not be made ({e}). Your journal is fine; the app will try again at the next start."
            ),
        });
    }
    if !unlocked.is_empty() {
        said.push(format!(
            "These copies of the journal are not locked with its passphrase and could not be locked now: {}.",
            unlocked.join(", ")
        ));
    }
    (!said.is_empty()).then(|| said.join(" "))
}
