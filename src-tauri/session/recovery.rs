//! The ways out when the journal cannot be used: a new, empty journal, or the newest usable
//! automatic backup, in its place; the file there is always kept aside, unchanged.

use super::backups::{copy_beside, latest_usable};
use super::journal_files::keep_aside;
use super::state::{not_open, Session};
use super::unlock::key_that_opens;
use super::view::StartView;
use crate::api::Answer;
use crate::files;
use crate::store::file_check::Problem;
use crate::store::{encryption, Journal};
use crate::views::long_date as day_label;
use crate::views::start_screen::in_brief;
use std::path::PathBuf;

impl Session {
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
