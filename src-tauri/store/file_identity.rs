//! Whether the file at the journal's path is still the one the app has open. A sync or
//! backup program that puts its own copy in place (or removes the file) while the app is
//! open would otherwise have every later save written to a file no longer there: saved,
//! acknowledged, and lost at the next start. Found by the file's identity on its device,
//! read with `stat` (no descriptor is opened: closing one would drop SQLite's locks).

use std::path::Path;

/// The identity of a file (device and inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    device: u64,
    inode: u64,
}

/// What is at the journal's path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtPath {
    /// The file the journal has open.
    Same,
    /// The journal's folder is not there (a drive pulled out, a network folder gone).
    FolderGone,
    /// Another file, or none, in the folder: put there or removed by another program.
    Other,
}

/// The identity of the file at `path`, where the system gives one (Unix); None elsewhere,
/// where an open journal cannot be replaced underneath anyway (Windows does not let
/// another program rename over or delete a file SQLite has open).
pub fn of(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| FileId {
            device: m.dev(),
            inode: m.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What is at `path` now, for a journal opened on the file `opened`.
pub fn at_path(path: &Path, opened: Option<FileId>) -> AtPath {
    let Some(opened) = opened else {
        return AtPath::Same;
    };
    match of(path) {
        Some(now) if now == opened => AtPath::Same,
        Some(_) => AtPath::Other,
        None if super::write_fault::folder_gone(path) => AtPath::FolderGone,
        None => AtPath::Other,
    }
}
