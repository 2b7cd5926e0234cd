//! Opening again a journal set aside beside this one, the open one set aside in its place;
//! every step undone, or said, when the switch cannot be finished.

use super::journal_files::{keep_aside, move_with_side_files};
use super::start::open_as_at_start;
use super::state::{not_open, Session};
use super::unlock::key_that_opens;
use super::view::StartView;
use crate::api::{Answer, ApiError};
use crate::files;
use crate::store::auto_backup;
use crate::store::copies::JournalCopy;
use crate::store::encryption;
use crate::store::file_check::Problem;
use crate::store::{Journal, Passphrase};
use crate::views::long_date as day_label;
use crate::views::start_screen::in_brief;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

impl Session {
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

        let place = self.clear_place(path, current_key, had_journal, key.is_some(), today)?;
        if !found.path.is_file() {
            return place.undo(
                "That journal is no longer beside this one.".to_string(),
                self,
            );
        }
        if let Err(e) = move_with_side_files(&found.path, &place.path) {
            return place.undo(
                format!("The journal could not be put in place ({e})."),
                self,
            );
        }
        if key.is_none() {
            let _ = place.marker.set(false);
        }

        let (session, notice) = open_as_at_start(&place.path, key.as_ref(), today);
        if !matches!(session, Session::Open(_)) {
            return place.put_back(session, &found, self);
        }
        *self = session;
        let said = reopened(&found, place.aside.as_deref());
        Ok(self.view(Some(match notice {
            Some(n) => format!("{said} {n}"),
            None => said,
        })))
    }

    /// Readies the journal's place for the journal set aside: the passphrase marker as the
    /// new one needs it (`locked`), the open journal closed and kept aside. When it cannot
    /// be kept aside, everything is as it was and the refusal is returned.
    fn clear_place(
        &mut self,
        path: PathBuf,
        current_key: Option<Passphrase>,
        had_journal: bool,
        locked: bool,
        today: NaiveDate,
    ) -> Answer<Place> {
        let marker = PassphraseMarker::beside(&path);
        // A locked journal's marker goes first: without it, a start would call the file
        // unreadable rather than ask for its passphrase. (One left beside a plain journal
        // is removed at its next start.)
        if locked {
            marker.set(true).map_err(|e| {
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
                    let _ = marker.set(marker.was);
                    *self = reopen(&path, current_key.as_ref(), today);
                    return Err(e);
                }
            }
        } else {
            None
        };
        Ok(Place {
            path,
            current_key,
            marker,
            aside,
            today,
        })
    }
}

/// The journal's place while a switch is under way: what was there (kept `aside`, its key,
/// its passphrase marker as it was), so that a switch that fails can be undone.
struct Place {
    path: PathBuf,
    current_key: Option<Passphrase>,
    marker: PassphraseMarker,
    aside: Option<PathBuf>,
    today: NaiveDate,
}

impl Place {
    /// After a failed switch: the journal that was in use back in its place, and the
    /// screen as it then is, saying what happened.
    fn undo(&self, why: String, session: &mut Session) -> Answer<StartView> {
        let back = self
            .aside
            .as_deref()
            .map_or(Ok(()), |a| move_with_side_files(a, &self.path));
        let _ = self.marker.set(self.marker.was);
        *session = reopen(&self.path, self.current_key.as_ref(), self.today);
        let said = match (back, &self.aside) {
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
    }

    /// The journal set aside passed its checks but still did not open (say, its copy
    /// before an upgrade could not be written): it goes back to its own name, and the
    /// journal in use to its place.
    fn put_back(
        &self,
        opened: Session,
        found: &JournalCopy,
        session: &mut Session,
    ) -> Answer<StartView> {
        let why = match &opened {
            Session::Problem { problem, .. } => in_brief(problem),
            _ => "it could not be opened".to_string(),
        };
        drop(opened);
        if let Err(e) = move_with_side_files(&self.path, &found.path) {
            // It stays in the journal's place; the screen says what it found there.
            *session = Session::start(self.path.clone(), self.today).0;
            let kept = self.aside.as_ref().map_or(String::new(), |a| {
                format!(
                    " The journal you were using is kept, unchanged, as {}.",
                    a.display()
                )
            });
            return Ok(session.view(Some(format!(
                "The journal set aside could not be opened ({why}), and could not be moved back to its own name ({e}).{kept}"
            ))));
        }
        self.undo(format!("This journal could not be opened: {why}."), session)
    }
}

/// What the notice says once the journal set aside is open again.
fn reopened(found: &JournalCopy, aside: Option<&Path>) -> String {
    let mut said = format!(
        "The journal set aside on {} at {} is open again.",
        day_label(found.when.date()),
        found.when.format("%H:%M"),
    );
    if let Some(a) = aside {
        said.push_str(&format!(
            " The journal you were using is kept, unchanged, as {}; Settings lists it under “Journals set aside”.",
            a.display()
        ));
    }
    said
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
