//! Writing an export to the place the person chose, and reading a file they picked. No
//! Tauri here; the dialogs are the command layer's.

use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a save did, for the page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SavedFile {
    pub saved: bool,
    pub path: Option<String>,
    pub message: String,
}

impl SavedFile {
    pub fn not_chosen() -> SavedFile {
        SavedFile {
            saved: false,
            path: None,
            message: "Not saved: no file was chosen.".to_string(),
        }
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the whole new one:
/// a temporary file beside it, flushed to disk, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    let tmp = path.with_file_name(format!(".{name}.part"));
    let result = (|| {
        let mut f = private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is on disk only once the folder is synced.
        sync_folder(path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with `suffix` added to its file name: `journal.db` + `.lock` → `journal.db.lock`.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// What SQLite keeps beside a database file: its write-ahead log, the log's index, a
/// rollback journal. They belong to whatever database is at that path.
pub const SIDE_FILE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The SQLite side files that exist beside `path`.
pub fn side_files(path: &Path) -> Vec<PathBuf> {
    SIDE_FILE_SUFFIXES
        .iter()
        .map(|s| sibling(path, s))
        .filter(|p| p.exists())
        .collect()
}

/// A new file only its owner can read: these files are health data.
pub(crate) fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    // Elsewhere the file takes its folder's permissions: on Windows the per-user app data
    // folder (%APPDATA%) is open to the user and administrators only; exports go where the
    // person chose to put them.
    options.open(path)
}

/// Flushes a file's contents to disk. (Opened for writing: Windows refuses to flush a
/// file opened read-only.)
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// Makes a rename or a new file in `path`'s folder durable.
pub fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    // Windows cannot open a folder to flush it; its rename (MoveFileEx) is journalled by
    // NTFS, and the file's own contents were flushed before it was renamed.
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Saves an export to `path` and says so in words.
pub fn save(path: &Path, bytes: &[u8], what: &str) -> SavedFile {
    match write_atomically(path, bytes) {
        Ok(()) => SavedFile {
            saved: true,
            path: Some(path.display().to_string()),
            message: format!("Saved {what} to {}.", path.display()),
        },
        Err(e) => SavedFile {
            saved: false,
            path: None,
            message: format!(
                "Not saved: {what} could not be written to {} ({e}).",
                path.display()
            ),
        },
    }
}

/// Reads a file the person picked, refusing one larger than `max` bytes before reading it.
pub fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path)
        .map_err(|e| format!("The file could not be opened ({e})."))?
        .len();
    if len > max as u64 {
        return Err(format!(
            "This file is {} MB; a Taper Journal backup is far smaller (at most {} MB). Nothing was changed.",
            len / (1024 * 1024),
            max / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("The file could not be read ({e})."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_replaces_the_whole_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.json");
        std::fs::write(&path, b"old contents that are longer").unwrap();
        let saved = save(&path, b"new", "your backup");
        assert!(saved.saved, "{}", saved.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only the owner can read it");
        }
        let bad = save(&dir.path().join("no/such/dir/x.json"), b"x", "your backup");
        assert!(!bad.saved && bad.message.starts_with("Not saved"));
    }

    #[test]
    fn an_oversized_file_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2 * 1024 * 1024]).unwrap();
        assert!(read_limited(&path, 1024 * 1024)
            .unwrap_err()
            .contains("far smaller"));
        assert_eq!(
            read_limited(&path, 4 * 1024 * 1024).unwrap().len(),
            2 * 1024 * 1024
        );
    }
}
