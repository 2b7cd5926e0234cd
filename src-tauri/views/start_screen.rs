//! The start screen's words for what start-up found wrong with the journal file (the
//! session decides which applies; Settings names a journal set aside the same way).

use crate::store::file_check::Problem;
use std::path::Path;

/// What "start a new journal" does where the journal's folder has gone.
pub const FOLDER_MADE_AGAIN: &str = "The journal's folder is made again, with a new, empty journal in it. Choose this only if you removed the folder on purpose: a journal on a drive or in a folder that comes back later is not in it.";

/// A problem in a few words, to go inside a sentence: "the journal file looks damaged".
pub fn in_brief(problem: &Problem) -> String {
    super::words::lower_first(describe(problem).0)
}

/// The title and the plain-words explanation of a problem.
pub fn describe(problem: &Problem) -> (&'static str, String) {
    match problem {
        Problem::Damaged { detail } => (
            "The journal file looks damaged",
            format!(
                "Taper Journal checks the journal each time it starts, and parts of this file could not be read ({detail}). This can happen after a power cut, a full disk or a failing drive."
            ),
        ),
        Problem::Foreign => (
            "This file is not a Taper Journal journal",
            "The file where the journal should be is a database of another application.".to_string(),
        ),
        Problem::Newer { .. } => (
            "This journal is from a newer version of Taper Journal",
            "It was last opened by a newer version of the app, which may have stored things this version does not know. Installing the newer version will open it as it is.".to_string(),
        ),
        Problem::UpgradeCopyFailed { detail } => (
            "The journal could not be upgraded safely",
            format!(
                "This journal was written by an earlier version of the app. Before upgrading it, the app keeps a copy of it as it is, and that copy could not be written ({detail}). Freeing some disk space and starting the app again usually helps."
            ),
        ),
        Problem::Missing => (
            "The journal file is missing",
            "There is no journal file where it should be, though the app has kept copies of one. It may have been moved, renamed or deleted.".to_string(),
        ),
        Problem::CannotWrite(fault) => {
            let (title, paragraphs) =
                super::write_fault::at_start(*fault, Path::new(""));
            (title, paragraphs[0].clone())
        }
        Problem::Unreadable => (
            "The journal file cannot be read",
            "It is not a database this app can read. It may be damaged, or it may have been locked with a passphrase (for example by a copy of the app on another computer).".to_string(),
        ),
    }
}
