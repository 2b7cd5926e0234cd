//! What the app holds between commands: the open journal, or why there is none yet
//! (locked with a passphrase, a file found unusable at start, open in another window), and
//! the ways out of each. No Tauri here: tests drive it as the window does.
//!
//! One file per way in or out: `state` (the session itself), `start` (opening at start,
//! trying again, starting anew), `unlock` (passphrases), `view` (what the start screen
//! shows), `replaced` (a file changed underneath an open journal), `recovery` (a new
//! journal or the latest backup in place of an unusable one), `set_aside` (opening a
//! journal set aside again), `backups` (the automatic backup offered), `journal_files`
//! (moving a journal with SQLite's side files).

mod backups;
mod journal_files;
mod recovery;
mod replaced;
mod set_aside;
mod start;
mod state;
mod unlock;
mod view;

pub use backups::BackupOffer;
pub use state::Session;
pub use view::StartView;
