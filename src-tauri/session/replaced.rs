//! The open journal handed to a command, while its file is still the one opened: a folder
//! gone refuses the command; a file replaced underneath by another program is kept aside.

use super::state::not_open;
use super::state::Session;
use crate::api::{Answer, ApiError};
use crate::files;
use crate::store::auto_backup;
use crate::store::copies::CopyKind;
use crate::store::file_identity::AtPath;
use crate::store::write_fault::WriteFault;
use crate::store::Journal;

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

impl Session {
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
}
