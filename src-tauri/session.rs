//! What the app holds between commands: the open journal, or why there is none yet
//! (locked with a passphrase, a file found unusable at start, open in another window), and
//! the ways out of each. No Tauri here: tests drive it as the window does.

use crate::api::{Answer, ApiError};
use crate::files;
use crate::store::auto_backup;
use crate::store::copies::{CopyKind, JournalCopy};
use crate::store::file_check::{self, Problem};
use crate::store::file_identity::AtPath;
use crate::store::lock::{JournalLock, Locked};
use crate::store::start::{self, Found, UnlockError};
use crate::store::write_fault::{self, WriteFault};
use crate::store::{encryption, Journal, Passphrase};
use crate::views::long_date as day_label;
use crate::views::settings::SetAsideRow;
use crate::views::start_screen::{describe, in_brief, FOLDER_MADE_AGAIN};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The journal, or why it is not open.
pub enum Session {
    Open(Journal),
    Locked {
        path: PathBuf,
    },
    Problem {
        path: PathBuf,
        problem: Problem,
    },
    /// Another copy of the app has this journal open.
    InUse {
        path: PathBuf,
    },
    /// No journal path at all (the app data folder could not be found).
    Unavailable(String),
    /// The journal file was replaced or removed by another program while the app had it
    /// open: nothing more is written; what this window had is kept beside it (`kept`), and
    /// the message says what to do.
    Replaced {
        path: PathBuf,
        message: String,
    },
}

/// What the page shows before (or instead of) the journal.
#[derive(Debug, Serialize, PartialEq)]
pub struct StartView {
    /// "open", "locked", "problem", "in_use" or "unavailable".
    pub state: &'static str,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// The newest automatic backup, offered when the journal cannot be opened.
    pub latest_backup: Option<BackupOffer>,
    /// Whether a passphrase may open the file (locked, or unreadable and maybe locked).
    pub can_unlock: bool,
    /// Whether "start a new journal beside it" is offered.
    pub can_start_new: bool,
    /// What starting a new journal does to what is there, when it is not the usual "the
    /// file is kept, unchanged, beside the new journal".
    pub start_new_note: Option<String>,
    /// Whether "Try again" is offered (the folder could not be written; nothing is wrong
    /// with the journal).
    pub can_retry: bool,
    /// Said once after opening: a backup that could not be taken, a file kept aside.
    pub notice: Option<String>,
    /// When the journal file is missing: journals set aside beside it that can be opened
    /// in its place (a switch between journals cut off half-way leaves just that).
    pub set_aside: Vec<SetAsideRow>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct BackupOffer {
    pub name: String,
    pub label: String,
    pub needs_passphrase: bool,
}

/// Keeps what this window has of a journal whose file another program replaced or removed,
/// as a journal set aside (Settings can open it), and says so: never merged, never written
/// over the file now in its place.
fn keep_replaced(j: &Journal) -> Result<String, String> {
    let aside = auto_backup::aside_path(j.path(), CopyKind::SetAside);
    let what = "The journal file in its place is no longer the one this window opened: another program (a sync or backup program, or a copy made by hand) replaced or removed it, or its drive was connected again. To keep both safe, nothing more was written to it and nothing was merged.";
    match j.copy_to(&aside) {
        Ok(()) => Ok(format!(
            "{what} The journal as this window had it, with everything saved in it, is kept beside it as {}: Settings lists it under \u{201c}Journals set aside\u{201d}, where it can be opened again. Please close Taper Journal (Quit, from the tray menu if it is there) and open it again: it then opens the file that is there now.",
            aside.display()
        )),
        // The window's journal is still open (the only hold on its file, if that was
        // renamed over): it is not closed until it is kept.
        Err(_) => Err(format!(
            "{what} The journal as this window has it could not be kept beside it yet (the disk may be full, or the folder not writable). Please keep Taper Journal open, free some space, then try again: it is kept then."
        )),
    }
}

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

/// How this session answers a command that needs the journal.
fn not_open(why: &str) -> ApiError {
    ApiError {
        cause: None,
        kind: crate::api::ErrorKind::Unavailable,
        field: None,
        message: why.to_string(),
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

    /// The open journal, for a command, while the file at its path is still the one open;
    /// a folder gone refuses the command (nothing is written, so nothing acknowledged can
    /// be lost), a file put in its place by another program ends writing to it.
    pub fn journal(&mut self) -> Answer<&mut Journal> {
        if let Session::Open(j) = self {
            match j.at_path() {
                AtPath::Same => {}
                AtPath::FolderGone => {
                    return Err(ApiError {
                        cause: None,
                        kind: crate::api::ErrorKind::CannotWrite,
                        field: None,
                        message: crate::views::write_fault::not_done(WriteFault::FolderGone),
                    })
                }
                AtPath::Other => {
                    let path = j.path().to_path_buf();
                    let message = match keep_replaced(j) {
                        Ok(message) => message,
                        Err(message) => {
                            return Err(ApiError {
                                cause: None,
                                kind: crate::api::ErrorKind::Replaced,
                                field: None,
                                message,
                            })
                        }
                    };
                    // Closes the connection.
                    *self = Session::Replaced {
                        path: path.clone(),
                        message,
                    };
                    // A write-ahead log left beside the path may be this window's, of the
                    // file it had: opened with the file there now, SQLite would merge the
                    // two. Moved to a name SQLite never reads, not deleted (it may be the
                    // file's own, on a drive connected again); its index is rebuilt.
                    let wal = files::sibling(&path, "-wal");
                    if wal.exists() {
                        let _ = std::fs::rename(&wal, files::sibling(&path, ".replaced-wal"));
                        let _ = std::fs::remove_file(files::sibling(&path, "-shm"));
                    }
                }
            }
        }
        match self {
            Session::Open(j) => Ok(j),
            Session::Replaced { message, .. } => Err(ApiError {
                cause: None,
                kind: crate::api::ErrorKind::Replaced,
                field: None,
                message: message.clone(),
            }),
            Session::Locked { .. } => {
                Err(not_open("The journal is locked: please unlock it first."))
            }
            Session::Problem { .. } => Err(not_open(
                "The journal could not be opened. Please choose what to do on the first screen.",
            )),
            Session::InUse { .. } => Err(not_open(
                "The journal is open in another Taper Journal window.",
            )),
            Session::Unavailable(why) => Err(not_open(why)),
        }
    }

    /// What the page shows now.
    pub fn view(&self, notice: Option<String>) -> StartView {
        let mut v = StartView {
            state: "open",
            title: String::new(),
            paragraphs: Vec::new(),
            latest_backup: None,
            can_unlock: false,
            can_start_new: false,
            start_new_note: None,
            can_retry: false,
            notice,
            set_aside: Vec::new(),
        };
        match self {
            Session::Open(_) => {}
            Session::Locked { path } => {
                v.state = "locked";
                v.title = "Your journal is locked".to_string();
                v.paragraphs = vec![
                    "Type your passphrase to open it.".to_string(),
                    format!(
                        "A forgotten passphrase cannot be recovered, by us or by anyone. If it is lost, you can start a new, empty journal; this locked file is then kept beside it, unchanged ({}), in case the passphrase comes back to you: Settings can then open it again.",
                        path.display()
                    ),
                ];
                v.can_unlock = true;
                v.can_start_new = true;
            }
            Session::Problem {
                path,
                problem: Problem::CannotWrite(fault),
            } => {
                // Nothing to replace or set aside: the journal is fine, its folder is not.
                v.state = "cannot_write";
                let (title, paragraphs) = crate::views::write_fault::at_start(*fault, path);
                v.title = title.to_string();
                v.paragraphs = paragraphs;
                v.can_retry = true;
                // A folder removed on purpose would otherwise leave no way on.
                if *fault == WriteFault::FolderGone {
                    v.can_start_new = true;
                    v.start_new_note = Some(FOLDER_MADE_AGAIN.to_string());
                }
            }
            Session::Problem { path, problem } => {
                v.state = "problem";
                let (title, what) = describe(problem);
                v.title = title.to_string();
                v.paragraphs = vec![what];
                v.paragraphs.push(if *problem == Problem::Missing {
                    format!(
                        "If you moved it, you can close the app and put it back as {}. Or choose below.",
                        path.display()
                    )
                } else {
                    format!(
                        "The file has not been changed or deleted: {}. Whatever you choose below, it is kept in the same folder under a new name.",
                        path.display()
                    )
                });
                v.latest_backup = latest_offer(path);
                if v.latest_backup.is_none() {
                    v.paragraphs
                        .push("There is no automatic backup to restore yet.".to_string());
                }
                // Not while SQLite's files from the missing journal are in its place: they
                // may hold its latest entries (reopen_set_aside refuses then).
                if *problem == Problem::Missing && !encryption::has_side_files(path) {
                    v.set_aside = crate::views::settings::set_aside_rows(path)
                        .into_iter()
                        .filter(|r| r.can_open)
                        .collect();
                }
                v.can_unlock = *problem == Problem::Unreadable;
                v.can_start_new = true;
            }
            Session::InUse { .. } => {
                v.state = "in_use";
                v.title = "Taper Journal is already open".to_string();
                v.paragraphs = vec![
                    "Your journal is open in another Taper Journal window. Please use that window; this one can be closed.".to_string(),
                ];
            }
            Session::Replaced { message, .. } => {
                v.state = "replaced";
                v.title = "The journal file was changed by another program".to_string();
                v.paragraphs = vec![message.clone()];
            }
            Session::Unavailable(why) => {
                v.state = "unavailable";
                v.title = "The journal could not be opened".to_string();
                v.paragraphs = vec![why.clone()];
            }
        }
        v
    }

    /// Opens a locked journal (or one that may be locked) with `passphrase`.
    pub fn unlock(&mut self, passphrase: &str, today: NaiveDate) -> Answer<StartView> {
        let path = match self {
            Session::Locked { path } => path.clone(),
            Session::Problem {
                path,
                problem: Problem::Unreadable,
            } => path.clone(),
            _ => return Ok(self.view(None)),
        };
        let key = Passphrase::to_unlock(passphrase, "passphrase")?;
        match start::unlock(&path, &key) {
            Ok(j) => {
                // A passphrase that opens it is proof it is encrypted: remember that.
                let _ = files::write_atomically(
                    &encryption::marker_path(&path),
                    encryption::MARKER_TEXT,
                );
                let notice = back_up(&j, today);
                *self = Session::Open(j);
                Ok(self.view(notice))
            }
            Err(UnlockError::WrongPassphrase) => Err(ApiError { cause: None,
                kind: crate::api::ErrorKind::WrongPassphrase,
                field: Some("passphrase".to_string()),
                message: "That passphrase did not open the journal. Nothing was changed; please try again.".to_string(),
            }),
            Err(UnlockError::Problem(problem)) => {
                *self = Session::Problem { path, problem };
                Ok(self.view(None))
            }
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

    /// Keeps the unusable (or locked) file aside, unchanged, and starts a new, empty
    /// journal in its place.
    pub fn start_new_beside(&mut self) -> Answer<StartView> {
        let path = self.recoverable_path()?;
        let aside = keep_aside(&path)?;
        let _ = std::fs::remove_file(encryption::marker_path(&path));
        let j = Journal::open(&path)?;
        *self = Session::Open(j);
        Ok(self.view(Some(match aside {
            Some(a) => format!(
                "A new journal was started. The earlier file is kept, unchanged, as {}.",
                a.display()
            ),
            None => "A new journal was started.".to_string(),
        })))
    }

    /// Keeps the unusable file aside, unchanged, and puts the newest usable automatic
    /// backup in its place. `passphrase` opens an encrypted backup.
    pub fn restore_latest(&mut self, passphrase: Option<&str>) -> Answer<StartView> {
        let path = self.recoverable_path()?;
        let Some(latest) = latest_usable(&path) else {
            return Err(not_open("There is no automatic backup to restore."));
        };
        let key = key_that_opens(&latest.path, passphrase, "the backup", |other| {
            format!(
                "The backup from {} cannot be used either ({}). Nothing was changed.",
                day_label(latest.date),
                in_brief(other)
            )
        })?;
        // The copy is complete and on disk before the old file moves: a crash at any
        // point leaves either the old file or the backup at the journal's path.
        let part = copy_beside(&latest, &path)?;
        let aside = match keep_aside(&path) {
            Ok(a) => a,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        std::fs::rename(&part, &path)
            .and_then(|()| files::sync_folder(&path))
            .map_err(|e| not_open(&format!("The backup could not be put in place ({e}).")))?;
        match &key {
            Some(_) => {
                files::write_atomically(&encryption::marker_path(&path), encryption::MARKER_TEXT)
                    .map_err(|e| {
                        not_open(&format!(
                    "The backup was restored, but a file beside it could not be written ({e})."
                ))
                    })?
            }
            None => {
                let _ = std::fs::remove_file(encryption::marker_path(&path));
            }
        }
        let j = Journal::open_with(&path, key.as_ref())?;
        *self = Session::Open(j);
        let restored = format!("The backup from {} was restored.", day_label(latest.date));
        Ok(self.view(Some(match aside {
            Some(a) => format!(
                "{restored} The earlier file is kept, unchanged, as {}.",
                a.display()
            ),
            None => restored,
        })))
    }

    /// Opens again a journal set aside beside this one (`taper-journal-kept-…`): a locked
    /// one whose passphrase has come back, or the one used before. `passphrase` opens a
    /// locked one. The journal open now is set aside in its place, unchanged, and listed
    /// the same way, so the person can switch back: nothing is lost either way.
    ///
    /// A refusal (wrong passphrase, a file that cannot be used) is an error and changes
    /// nothing. Once files have moved, the answer is the screen as it now is, with what
    /// happened said in its notice, so that the page never shows a state that has gone.
    pub fn reopen_set_aside(
        &mut self,
        name: &str,
        passphrase: Option<&str>,
        today: NaiveDate,
    ) -> Answer<StartView> {
        // From Settings, or from the start screen when the journal file is missing (a
        // switch cut off between its renames leaves just that). The open journal is
        // checked to be still the file in place first: one replaced underneath is kept.
        if matches!(self, Session::Open(_)) {
            self.journal()?;
        }
        let (path, current_key, had_journal) = self.switch_from()?;
        let found = set_aside_named(&path, name)?;
        let key = key_that_opens(&found.path, passphrase, "this journal", |other| {
            format!(
                "This journal cannot be opened: {}. Nothing was changed.",
                in_brief(other)
            )
        })?;

        let marker = PassphraseMarker::beside(&path);
        let set_marker = |present: bool| marker.set(present);
        let marker_was = marker.was;
        // A locked journal's marker goes first: without it, a start would call the file
        // unreadable rather than ask for its passphrase. (One left beside a plain journal
        // is removed at its next start.)
        if key.is_some() {
            set_marker(true).map_err(|e| {
                not_open(&format!(
                    "Nothing was changed: a file beside the journal could not be written ({e})."
                ))
            })?;
        }

        // Closed first, so that its log is folded into the file before it moves.
        if let Session::Open(j) = std::mem::replace(self, Session::Unavailable(String::new())) {
            drop(j);
        }
        let aside = if had_journal {
            match keep_aside(&path) {
                Ok(a) => a,
                Err(e) => {
                    let _ = set_marker(marker_was);
                    *self = reopen(&path, current_key.as_ref(), today);
                    return Err(e);
                }
            }
        } else {
            None
        };
        // After a failed switch: the journal that was in use back in its place, and the
        // screen as it then is, saying what happened.
        let undo = |why: String, session: &mut Session| -> Answer<StartView> {
            let back = aside
                .as_deref()
                .map_or(Ok(()), |a| move_with_side_files(a, &path));
            let _ = set_marker(marker_was);
            *session = reopen(&path, current_key.as_ref(), today);
            let said = match (back, &aside) {
                (Err(e), Some(a)) => format!(
                    "{why} The journal you were using could not be put back in its place ({e}): it is kept, unchanged, as {}.",
                    a.display()
                ),
                _ => format!("{why} Nothing was changed."),
            };
            match session {
                Session::Open(_) => Err(not_open(&said)),
                _ => Ok(session.view(Some(said))),
            }
        };
        if !found.path.is_file() {
            return undo(
                "That journal is no longer beside this one.".to_string(),
                self,
            );
        }
        if let Err(e) = move_with_side_files(&found.path, &path) {
            return undo(
                format!("The journal could not be put in place ({e})."),
                self,
            );
        }
        if key.is_none() {
            let _ = set_marker(false);
        }

        let (session, notice) = open_as_at_start(&path, key.as_ref(), today);
        if !matches!(session, Session::Open(_)) {
            // It passed its checks but still did not open (say, its copy before an upgrade
            // could not be written): it goes back to its own name, and the journal in use
            // to its place.
            let why = match &session {
                Session::Problem { problem, .. } => in_brief(problem),
                _ => "it could not be opened".to_string(),
            };
            drop(session);
            if let Err(e) = move_with_side_files(&path, &found.path) {
                // It stays in the journal's place; the screen says what it found there.
                *self = Session::start(path.clone(), today).0;
                let kept = aside.as_ref().map_or(String::new(), |a| {
                    format!(
                        " The journal you were using is kept, unchanged, as {}.",
                        a.display()
                    )
                });
                return Ok(self.view(Some(format!(
                    "The journal set aside could not be opened ({why}), and could not be moved back to its own name ({e}).{kept}"
                ))));
            }
            return undo(format!("This journal could not be opened: {why}."), self);
        }
        *self = session;
        let mut said = format!(
            "The journal set aside on {} at {} is open again.",
            day_label(found.when.date()),
            found.when.format("%H:%M"),
        );
        if let Some(a) = &aside {
            said.push_str(&format!(
                " The journal you were using is kept, unchanged, as {}; Settings lists it under “Journals set aside”.",
                a.display()
            ));
        }
        Ok(self.view(Some(match notice {
            Some(n) => format!("{said} {n}"),
            None => said,
        })))
    }

    fn recoverable_path(&self) -> Answer<PathBuf> {
        match self {
            // A healthy journal in a folder that cannot be written is never replaced.
            Session::Problem {
                problem: Problem::CannotWrite(_),
                ..
            } => Err(not_open(
                "The journal is fine and is kept as it is; press Try again once its folder can be written.",
            )),
            Session::Locked { path } | Session::Problem { path, .. } => Ok(path.clone()),
            _ => Err(not_open(
                "The journal is open; there is nothing to replace.",
            )),
        }
    }
}

impl Session {
    /// Where a switch to a journal set aside starts: the open journal (its path, key, and
    /// that there is one to keep aside), or the place of a missing one. SQLite's files left
    /// where a missing journal was may hold its latest entries, and would be applied to
    /// whatever is put there: they are not guessed about.
    fn switch_from(&self) -> Answer<(PathBuf, Option<Passphrase>, bool)> {
        match self {
            Session::Open(j) => Ok((j.path().to_path_buf(), j.key().cloned(), true)),
            Session::Problem {
                path,
                problem: Problem::Missing,
            } => {
                let left: Vec<String> = files::side_files(path)
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                if !left.is_empty() {
                    return Err(not_open(&format!(
                        "Nothing was changed: files that belonged with the missing journal are still in its place ({}).",
                        left.join(", ")
                    )));
                }
                Ok((path.clone(), None, false))
            }
            _ => Err(not_open("Please open the journal first.")),
        }
    }
}

/// The journal set aside beside `path` named `name` (as Settings lists it).
fn set_aside_named(path: &Path, name: &str) -> Answer<JournalCopy> {
    auto_backup::set_aside(path)
        .into_iter()
        .find(|b| b.name == name)
        .ok_or_else(|| ApiError {
            cause: None,
            kind: crate::api::ErrorKind::NotFound,
            field: None,
            message: "That journal is no longer beside this one. Nothing was changed.".to_string(),
        })
}

/// The marker beside the journal that says it is locked with a passphrase, and whether it
/// was there before a switch (to put it back as it was if the switch is undone).
struct PassphraseMarker {
    path: PathBuf,
    was: bool,
}

impl PassphraseMarker {
    fn beside(journal: &Path) -> Self {
        let path = encryption::marker_path(journal);
        let was = path.exists();
        PassphraseMarker { path, was }
    }

    fn set(&self, present: bool) -> std::io::Result<()> {
        if present {
            files::write_atomically(&self.path, encryption::MARKER_TEXT)
        } else {
            match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        }
    }
}

/// Opens the journal now at `path` as at a start: checked, kept before an upgrade, backed
/// up; with `key` when it is locked.
fn open_as_at_start(
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

/// The key that opens `file` (None for an unencrypted one), found before anything moves.
/// `what` names the file in the wrong-passphrase message; `unusable` words any other
/// problem with it.
fn key_that_opens(
    file: &Path,
    passphrase: Option<&str>,
    what: &str,
    unusable: impl FnOnce(&Problem) -> String,
) -> Answer<Option<Passphrase>> {
    let key = if file_check::is_plain_sqlite(file) {
        None
    } else {
        Some(Passphrase::to_unlock(
            passphrase.unwrap_or(""),
            "passphrase",
        )?)
    };
    file_check::check(file, key.as_ref()).map_err(|p| match p {
        Problem::Unreadable if key.is_some() => ApiError {
            cause: None,
            kind: crate::api::ErrorKind::WrongPassphrase,
            field: Some("passphrase".to_string()),
            message: format!(
                "That passphrase did not open {what}. Nothing was changed; please try again."
            ),
        },
        other => not_open(&unusable(&other)),
    })?;
    Ok(key)
}

/// The newest automatic backup that can be used: an unencrypted one must pass its checks
/// (an encrypted one can only be checked with its passphrase, when it is restored).
fn latest_usable(journal: &Path) -> Option<JournalCopy> {
    auto_backup::automatic_backups(journal)
        .into_iter()
        .find(|b| !file_check::is_plain_sqlite(&b.path) || file_check::check(&b.path, None).is_ok())
}

fn latest_offer(journal: &Path) -> Option<BackupOffer> {
    latest_usable(journal).map(|b| BackupOffer {
        // What it holds, so that no one restores an empty journal by mistake.
        label: match crate::views::words::holds_text(file_check::check_in_days(&b.path)) {
            Some(holds) => format!("the automatic backup from {}, {holds},", day_label(b.date)),
            None => format!("the automatic backup from {}", day_label(b.date)),
        },
        needs_passphrase: !file_check::is_plain_sqlite(&b.path),
        name: b.name,
    })
}

/// Takes the day's backup, and locks any copy left unlocked by a change of passphrase cut
/// off mid-way. A failure does not stop the app; it is said once.
fn back_up(j: &Journal, today: NaiveDate) -> Option<String> {
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

/// Renames the file at `path`, and SQLite's side files with it, aside; contents untouched.
/// The name it is kept under, or None when there was no file there (only side files, if
/// any, were moved).
fn keep_aside(path: &Path) -> Answer<Option<PathBuf>> {
    let aside = auto_backup::aside_path(path, CopyKind::SetAside);
    let had_file = path.is_file();
    move_with_side_files(path, &aside).map_err(|e| {
        not_open(&format!(
            "Nothing was changed: the file could not be kept aside ({e})."
        ))
    })?;
    Ok(had_file.then_some(aside))
}

/// The journal at `path` opened again after a switch that did not happen. Only a file
/// that is there is opened: a missing one is never replaced by a new, empty journal here;
/// the start screen says it is missing.
fn reopen(path: &Path, key: Option<&Passphrase>, today: NaiveDate) -> Session {
    if path.is_file() {
        if let Ok(j) = Journal::open_with(path, key) {
            return Session::Open(j);
        }
    }
    Session::start(path.to_path_buf(), today).0
}

/// Renames a database file and its SQLite side files (`-wal`, `-shm`, `-journal`) from
/// `from` to `to`. Side files go first and all or none move: a write-ahead log left behind
/// would be applied to whatever is put at `from` next.
fn move_with_side_files(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut moves: Vec<(PathBuf, PathBuf)> = files::SIDE_FILE_SUFFIXES
        .iter()
        .map(|s| (files::sibling(from, s), files::sibling(to, s)))
        .filter(|(f, _)| f.exists())
        .collect();
    if from.exists() {
        moves.push((from.to_path_buf(), to.to_path_buf()));
    }
    // A rename replaces what is there on Unix: never over another file, and never beside
    // another file's log, which SQLite would apply to this one.
    let taken = std::iter::once(to.to_path_buf())
        .filter(|t| t.exists())
        .chain(files::side_files(to))
        .next();
    if let Some(taken) = taken {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", taken.display()),
        ));
    }
    let mut done: Vec<&(PathBuf, PathBuf)> = Vec::new();
    for m in &moves {
        if let Err(e) = std::fs::rename(&m.0, &m.1) {
            for (f, t) in done.into_iter().rev() {
                let _ = std::fs::rename(t, f);
            }
            return Err(e);
        }
        done.push(m);
    }
    let _ = files::sync_folder(to);
    Ok(())
}

/// Copies an automatic backup to a temporary file beside `dest`, complete and synced.
fn copy_beside(backup: &JournalCopy, dest: &Path) -> Answer<PathBuf> {
    let part = files::sibling(dest, ".restore-part");
    let copied = (|| -> std::io::Result<()> {
        let mut out = files::private_file(&part)?;
        let mut input = std::fs::File::open(&backup.path)?;
        std::io::copy(&mut input, &mut out)?;
        out.sync_all()
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(not_open(&format!(
            "The backup could not be copied ({e}). Nothing was changed."
        )));
    }
    Ok(part)
}
