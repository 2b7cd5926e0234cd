//! Why the journal's folder could not be written: a full disk, a folder that turned
//! read-only, or one that is gone (a USB stick pulled out, a network folder lost). Told
//! apart from a damaged file, so that a healthy journal is never called damaged and the
//! person reads what happened and what to do.

use rusqlite::ErrorCode;
use std::path::Path;

/// A fault of the place the journal is kept, not of the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFault {
    /// No space left on the disk.
    DiskFull,
    /// The folder or the file cannot be written (read-only, permissions changed).
    ReadOnly,
    /// The folder is not there any more.
    FolderGone,
}

/// Below this much free space the disk may be full: SQLite writes whole pages, its
/// write-ahead log and index. Some filesystems (network, FUSE) report no free space at
/// all, so a low figure is confirmed by writing a probe of this size before it is believed.
const NEARLY_FULL_BYTES: u64 = 1024 * 1024;
const PROBE_BYTES: usize = 64 * 1024;

/// What a storage error says about the journal's folder: a fault it names for certain, or
/// one of a kind a fault of the folder can cause (worth looking at the folder for). None:
/// the folder is not the cause (a constraint, a damaged page, a wrong passphrase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspect {
    Named(WriteFault),
    Folder,
}

impl Suspect {
    /// The fault behind it, looking at the folder of `journal` when the error did not name
    /// one.
    pub fn resolve(self, journal: &Path) -> Option<WriteFault> {
        match self {
            Suspect::Named(fault) => Some(fault),
            Suspect::Folder => diagnose(journal),
        }
    }
}

/// The one reading of a storage error as a fault of the folder (see [`Suspect`]).
pub fn suspect(e: &super::StoreError) -> Option<Suspect> {
    match e {
        super::StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == ErrorCode::DiskFull =>
        {
            Some(Suspect::Named(WriteFault::DiskFull))
        }
        super::StoreError::Sqlite(s) => may_be_the_folder(s).then_some(Suspect::Folder),
        super::StoreError::Io(io) => Some(match of_io(io) {
            Some(fault) => Suspect::Named(fault),
            None => Suspect::Folder,
        }),
        _ => None,
    }
}

/// The fault a system error names for certain. (Not "permission denied": on Windows a
/// file held by another program says so in a folder that can be written; the folder is
/// looked at then, see [`refused_in`].)
pub fn of_io(e: &std::io::Error) -> Option<WriteFault> {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(WriteFault::DiskFull),
        ErrorKind::ReadOnlyFilesystem => Some(WriteFault::ReadOnly),
        _ => None,
    }
}

/// Why a new file of the app's own (a probe, the lock) could not be made in the folder:
/// here "permission denied" does mean the folder cannot be written.
pub fn refused_in(e: &std::io::Error) -> Option<WriteFault> {
    of_io(e).or((e.kind() == std::io::ErrorKind::PermissionDenied).then_some(WriteFault::ReadOnly))
}

/// The fault of the journal's folder behind `e`, if that is why it failed.
pub fn behind(e: &super::StoreError, journal: &Path) -> Option<WriteFault> {
    suspect(e).and_then(|s| s.resolve(journal))
}

/// Whether a SQLite error is one a fault of the folder can cause (rather than, say, a
/// constraint or a damaged page), so that the folder is worth looking at.
pub fn may_be_the_folder(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if matches!(
            f.code,
            ErrorCode::DiskFull
                | ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::SystemIoFailure
                | ErrorCode::PermissionDenied
        )
    )
}

fn folder(journal: &Path) -> &Path {
    match journal.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether the folder that holds the journal at `journal` is gone (a drive pulled out, a
/// network folder not connected). The one test of it.
pub fn folder_gone(journal: &Path) -> bool {
    !folder(journal).is_dir()
}

/// Before the journal is opened for writing: its folder gone, or its disk full. Writes
/// nothing unless the disk reports less than 1 MiB free, and then only a probe it removes
/// (opening on a full disk would leave SQLite's side files behind).
pub fn before_opening(journal: &Path) -> Option<WriteFault> {
    if folder_gone(journal) {
        return Some(WriteFault::FolderGone);
    }
    let dir = folder(journal);
    let low = fs4::available_space(dir).is_ok_and(|free| free < NEARLY_FULL_BYTES);
    match low.then(|| probe(dir, PROBE_BYTES)) {
        Some(Err(e)) if of_io(&e) == Some(WriteFault::DiskFull) => Some(WriteFault::DiskFull),
        _ => None,
    }
}

/// Looks at the folder of the journal at `journal` after a write failed: gone, full, or
/// not writable. None when it looks fine or the cause is unknown (the failure is then
/// reported as it is). Writes and removes a small probe file, only after a failure.
pub fn diagnose(journal: &Path) -> Option<WriteFault> {
    if let Some(fault) = before_opening(journal) {
        return Some(fault);
    }
    let dir = folder(journal);
    match probe(dir, 1) {
        Ok(()) => None,
        Err(_) if folder_gone(journal) => Some(WriteFault::FolderGone),
        Err(e) => refused_in(&e),
    }
}

/// Writes `bytes` to a probe file in `dir` (made to disk) and removes it.
fn probe(dir: &Path, bytes: usize) -> std::io::Result<()> {
    use std::io::Write;
    let path = dir.join(".taper-journal-write-check");
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .and_then(|mut f| {
            f.write_all(&vec![0u8; bytes])?;
            f.sync_all()
        });
    let _ = std::fs::remove_file(&path);
    written
}
