//! Passphrases: opening a locked journal, and finding the key that opens a file before
//! anything is moved.

use super::start::back_up;
use super::state::{not_open, Session};
use super::view::StartView;
use crate::api::{Answer, ApiError};
use crate::files;
use crate::store::file_check::{self, Problem};
use crate::store::start::{self, UnlockError};
use crate::store::{encryption, Passphrase};
use chrono::NaiveDate;
use std::path::Path;

impl Session {
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
}

/// The key that opens `file` (None for an unencrypted one), found before anything moves.
/// `what` names the file in the wrong-passphrase message; `unusable` words any other
/// problem with it.
pub(super) fn key_that_opens(
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
