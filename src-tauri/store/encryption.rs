//! Encryption at rest, opt-in: SQLCipher with a passphrase the person chooses.
//!
//! SQLCipher encrypts every page, header included, so an encrypted journal cannot be told
//! from a damaged file by its bytes. A small marker file beside the journal records that a
//! passphrase was set, so that start-up asks for it instead of calling the file damaged.
//! The marker holds no secret; a stale one (the file turned out readable) is removed.

use super::{configure, migrations, Journal, Result, StoreError};
use crate::files::sibling;
use crate::journal::ValidationError;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// Shortest passphrase accepted: a forgotten one cannot be recovered, a short one guessed.
pub const PASSPHRASE_MIN_CHARS: usize = 8;
/// Longest passphrase accepted (beyond this it is a paste accident, not a passphrase).
pub const PASSPHRASE_MAX_CHARS: usize = 256;

/// A passphrase; never printed, and wiped from memory when dropped. (SQLCipher keeps its
/// own copy of the key while the journal is open; the strings the page sent are serde's.)
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// A passphrase for unlocking: anything non-empty is tried (the rules may have changed).
    pub fn to_unlock(
        text: &str,
        field: &'static str,
    ) -> std::result::Result<Self, ValidationError> {
        if text.is_empty() {
            return Err(ValidationError::new(field, "Please type the passphrase."));
        }
        if text.chars().count() > PASSPHRASE_MAX_CHARS {
            return Err(ValidationError::new(
                field,
                "That passphrase is longer than any this app sets.",
            ));
        }
        Ok(Passphrase(zeroize::Zeroizing::new(text.to_string())))
    }

    /// A new passphrase, checked against its confirmation.
    pub fn new_checked(text: &str, confirm: &str) -> std::result::Result<Self, ValidationError> {
        let chars = text.chars().count();
        if chars < PASSPHRASE_MIN_CHARS {
            return Err(ValidationError::new(
                "passphrase",
                format!("Please use at least {PASSPHRASE_MIN_CHARS} characters."),
            ));
        }
        if chars > PASSPHRASE_MAX_CHARS {
            return Err(ValidationError::new(
                "passphrase",
                format!("Please use at most {PASSPHRASE_MAX_CHARS} characters."),
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "passphrase",
                "Please use letters, numbers, spaces and punctuation only.",
            ));
        }
        if text != confirm {
            return Err(ValidationError::new(
                "confirm",
                "The two passphrases are not the same.",
            ));
        }
        Ok(Passphrase(zeroize::Zeroizing::new(text.to_string())))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// Gives a fresh connection its key. Must come before anything reads the file.
pub fn apply_key(conn: &Connection, key: Option<&Passphrase>) -> Result<()> {
    if let Some(k) = key {
        conn.pragma_update(None, "key", k.as_str())?;
    }
    Ok(())
}

/// What the marker file says, for anyone who finds it.
pub const MARKER_TEXT: &[u8] =
    b"Taper Journal: the journal beside this file is locked with a passphrase.\n";

/// The marker beside `journal` that says a passphrase was set.
pub fn marker_path(journal: &Path) -> PathBuf {
    sibling(journal, ".locked")
}

/// Whether the journal at `journal` was locked with a passphrase when last written.
pub fn marked_encrypted(journal: &Path) -> bool {
    marker_path(journal).exists()
}

/// Copies the open database at `conn` into a new file at `dest` under `key` (or none),
/// schema, rows and version alike. `dest` must not exist. A source that is not a journal
/// (no schema version) is refused, so that an empty database is never copied over one.
pub(super) fn export_to(conn: &Connection, dest: &Path, key: Option<&Passphrase>) -> Result<()> {
    let version = migrations::version(conn)?;
    if version == 0 {
        return Err(StoreError::NotADatabase(
            "the journal is not open as it should be; nothing was copied".to_string(),
        ));
    }
    let dest_text = dest.to_str().ok_or_else(|| {
        StoreError::Io(std::io::Error::other("the folder's name is not valid text"))
    })?;
    // Created empty and owner-only first: SQLite would create it readable by everyone.
    crate::files::private_file(dest)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        params![dest_text, key.map_or("", Passphrase::as_str)],
    )?;
    let copied = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        // sqlcipher_export copies tables and rows; the schema version is ours to carry.
        conn.execute_batch(&format!("PRAGMA rekeyed.user_version = {version}"))?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE rekeyed");
    copied?;
    detached?;
    crate::files::sync_file(dest)?;
    Ok(())
}

/// Whether `path` has SQLite side files (a write-ahead log, its index, a rollback journal)
/// that belong to whatever database is at `path`.
pub fn has_side_files(path: &Path) -> bool {
    !crate::files::side_files(path).is_empty()
}

impl Journal {
    /// Whether this journal is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `given` is this journal's passphrase.
    pub fn passphrase_matches(&self, given: &Passphrase) -> bool {
        self.key.as_ref() == Some(given)
    }

    /// The key this journal was opened with, to open its backups.
    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Rewrites the journal under a new passphrase, or none. Crash-safe: the new file is
    /// written and synced beside the old one; the old one is renamed aside, the new one
    /// into place, and the old one removed only once the new one has opened. Whatever
    /// fails, the journal is open again on a real file afterwards.
    pub fn rewrite_with_key(&mut self, new: Option<Passphrase>) -> Result<()> {
        let tmp = sibling(&self.path, ".rekey-part");
        if tmp.exists() {
            std::fs::remove_file(&tmp)?;
        }
        if let Err(e) = export_to(&self.conn, &tmp, new.as_ref()) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let marker = marker_path(&self.path);
        if new.is_some() {
            if let Err(e) = crate::files::write_atomically(&marker, MARKER_TEXT) {
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
        }
        let swapped = self.swap_file(&tmp, new.clone());
        let _ = std::fs::remove_file(&tmp);
        swapped?;
        // The journal is rewritten by now: a marker that cannot be removed (the folder
        // turned read-only) must not report the change as not made. A stale marker is
        // harmless; the next start finds the file readable and removes it.
        if new.is_none() && marker.exists() {
            if let Err(e) = std::fs::remove_file(&marker) {
                eprintln!("taper-journal: the passphrase marker stays for now: {e}");
            }
        }
        Ok(())
    }

    /// Closes the journal and puts `new_file` (under `key`) in its place.
    fn swap_file(&mut self, new_file: &Path, key: Option<Passphrase>) -> Result<()> {
        let old_key = self.key.clone();
        let old_aside = sibling(&self.path, ".rekey-old");
        // Leave no write-ahead log behind: one left beside the new file would be applied
        // to it on open.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            configure(&self.conn)?;
            return Err(StoreError::NotADatabase(format!(
                "the journal stayed in {mode} mode; nothing was changed"
            )));
        }
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            configure(&self.conn)?;
            return Err(e.into());
        }
        let swapped = (|| -> Result<Journal> {
            if has_side_files(&self.path) {
                return Err(StoreError::NotADatabase(
                    "SQLite's side files are still beside the journal".to_string(),
                ));
            }
            std::fs::rename(&self.path, &old_aside)?;
            if let Err(e) = std::fs::rename(new_file, &self.path) {
                std::fs::rename(&old_aside, &self.path)?;
                return Err(e.into());
            }
            crate::files::sync_folder(&self.path)?;
            match Journal::open_with(&self.path, key.as_ref()) {
                Ok(j) => Ok(j),
                Err(e) => {
                    // The new file does not open: the old one goes back into place.
                    let _ = std::fs::remove_file(&self.path);
                    std::fs::rename(&old_aside, &self.path)?;
                    crate::files::sync_folder(&self.path)?;
                    Err(e)
                }
            }
        })();
        match swapped {
            Ok(j) => {
                *self = j;
                let _ = std::fs::remove_file(&old_aside);
                Ok(())
            }
            Err(e) => {
                // Open again whatever is the journal now, so that no command ever runs on
                // an empty stand-in.
                *self = Journal::open_with(&self.path, old_key.as_ref())?;
                Err(e)
            }
        }
    }
}
