//! What a person reads when the journal's folder cannot be written (store/write_fault.rs):
//! what happened, that nothing was lost, and what to do. Never "damaged", never SQLite's
//! words.

use super::words::lower_first;
use crate::store::write_fault::WriteFault;
use std::path::Path;

/// What happened, in one sentence.
fn what_happened(fault: WriteFault) -> &'static str {
    match fault {
        WriteFault::DiskFull => "The disk is full.",
        WriteFault::ReadOnly => "The journal's folder cannot be written to just now (it may have become read-only, or its permissions changed).",
        WriteFault::FolderGone => "The journal's folder cannot be found just now (it may be on a USB stick or a network folder that is no longer connected).",
    }
}

/// What to do about it.
fn what_to_do(fault: WriteFault) -> &'static str {
    match fault {
        WriteFault::DiskFull => {
            "Free some space on the disk (empty the bin, or delete large files you no longer need)"
        }
        WriteFault::ReadOnly => {
            "Check that the folder can be written to (or that the drive is not locked)"
        }
        WriteFault::FolderGone => "Connect the drive or the folder again",
    }
}

/// A command on the open journal that could not be done (a save, a delete, a read): nothing
/// changed, and the page keeps what was typed; the message says so. One wording for all,
/// since the fault is the folder's whatever was asked.
pub fn not_done(fault: WriteFault) -> String {
    format!(
        "{} Nothing was changed just now, and everything saved before is safe; anything you typed is still here. {}, then try again.",
        what_happened(fault),
        what_to_do(fault)
    )
}

/// The daily automatic backup, skipped (no partial copy is left).
pub fn backup_skipped(fault: WriteFault) -> String {
    format!(
        "Today's automatic backup was skipped: {} Your journal is fine; the app will make the backup at the next start.",
        lower_first(what_happened(fault))
    )
}

/// The start screen's title and paragraphs when the journal cannot be opened for writing.
pub fn at_start(fault: WriteFault, journal: &Path) -> (&'static str, Vec<String>) {
    let title = match fault {
        WriteFault::DiskFull => "The disk is full",
        WriteFault::ReadOnly => "The journal's folder cannot be written to",
        WriteFault::FolderGone => "The journal's folder cannot be found",
    };
    let mut paragraphs = vec![format!(
        "{} Your journal is not damaged: it was checked and left exactly as it was, and nothing in it is lost ({}).",
        what_happened(fault),
        journal.display()
    )];
    paragraphs.push(match fault {
        WriteFault::DiskFull => "The app needs a little free space to open it, since every check-in is written to the disk at once. Free some space (empty the bin, or delete large files you no longer need), then press Try again.".to_string(),
        _ => format!("{}, then press Try again.", what_to_do(fault)),
    });
    (title, paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_word_frightens_or_blames() {
        for f in [
            WriteFault::DiskFull,
            WriteFault::ReadOnly,
            WriteFault::FolderGone,
        ] {
            let (title, paras) = at_start(f, Path::new("/x/taper-journal.db"));
            let all = [title.to_string(), not_done(f), backup_skipped(f)]
                .into_iter()
                .chain(paras)
                .collect::<Vec<_>>()
                .join(" ");
            for word in ["looks damaged", "corrupt", "error", "SQLite", "database"] {
                assert!(!all.contains(word), "{word}: {all}");
            }
            assert!(all.contains("safe") || all.contains("lost"), "{all}");
        }
        assert_eq!(
            backup_skipped(WriteFault::DiskFull),
            "Today's automatic backup was skipped: the disk is full. Your journal is fine; the app will make the backup at the next start."
        );
    }
}
