//! What the start screen shows for each state of the session.

use super::backups::{latest_offer, BackupOffer};
use super::state::Session;
use crate::store::encryption;
use crate::store::file_check::Problem;
use crate::store::write_fault::WriteFault;
use crate::views::settings::SetAsideRow;
use crate::views::start_screen::{describe, FOLDER_MADE_AGAIN};
use serde::Serialize;

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

impl Session {
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
}
