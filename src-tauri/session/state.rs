//! The session itself: the journal, or why it is not open; and how a session without one
//! answers a command that needs it.

use crate::api::ApiError;
use crate::store::file_check::Problem;
use crate::store::Journal;
use std::path::PathBuf;

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

/// How this session answers a command that needs the journal.
pub(super) fn not_open(why: &str) -> ApiError {
    ApiError {
        cause: None,
        kind: crate::api::ErrorKind::Unavailable,
        field: None,
        message: why.to_string(),
    }
}
