//! Moving a journal file together with SQLite's side files (`-wal`, `-shm`, `-journal`),
//! all or none, never over another file.

use super::state::not_open;
use crate::api::Answer;
use crate::files;
use crate::store::auto_backup;
use crate::store::copies::CopyKind;
use std::path::{Path, PathBuf};

/// Renames the file at `path`, and SQLite's side files with it, aside; contents untouched.
/// The name it is kept under, or None when there was no file there (only side files, if
/// any, were moved).
pub(super) fn keep_aside(path: &Path) -> Answer<Option<PathBuf>> {
    let aside = auto_backup::aside_path(path, CopyKind::SetAside);
    let had_file = path.is_file();
    move_with_side_files(path, &aside).map_err(|e| {
        not_open(&format!(
            "Nothing was changed: the file could not be kept aside ({e})."
        ))
    })?;
    Ok(had_file.then_some(aside))
}

/// Renames a database file and its SQLite side files (`-wal`, `-shm`, `-journal`) from
/// `from` to `to`. Side files go first and all or none move: a write-ahead log left behind
/// would be applied to whatever is put at `from` next.
pub(super) fn move_with_side_files(from: &Path, to: &Path) -> std::io::Result<()> {
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
