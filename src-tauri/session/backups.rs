//! The automatic backup offered when the journal cannot be opened: the newest usable one,
//! how it is named on the screen, and its copy made ready beside the journal.

use super::state::not_open;
use crate::api::Answer;
use crate::files;
use crate::store::auto_backup;
use crate::store::copies::JournalCopy;
use crate::store::file_check;
use crate::views::long_date as day_label;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize, PartialEq)]
pub struct BackupOffer {
    pub name: String,
    pub label: String,
    pub needs_passphrase: bool,
}

/// The newest automatic backup that can be used: an unencrypted one must pass its checks
/// (an encrypted one can only be checked with its passphrase, when it is restored).
pub(super) fn latest_usable(journal: &Path) -> Option<JournalCopy> {
    auto_backup::automatic_backups(journal)
        .into_iter()
        .find(|b| !file_check::is_plain_sqlite(&b.path) || file_check::check(&b.path, None).is_ok())
}

pub(super) fn latest_offer(journal: &Path) -> Option<BackupOffer> {
    latest_usable(journal).map(|b| BackupOffer {
        // What it holds, so that no one restores an empty journal by mistake.
        label: match crate::views::words::holds_text(file_check::check_in_days(&b.path)) {
            Some(holds) => format!("the automatic backup from {}, {holds},", day_label(b.date)),
            None => format!("the automatic backup from {}", day_label(b.date)),
        },
        needs_passphrase: !file_check::is_plain_sqlite(&b.path),
        name: b.name,
    })
}

/// Copies an automatic backup to a temporary file beside `dest`, complete and synced.
pub(super) fn copy_beside(backup: &JournalCopy, dest: &Path) -> Answer<PathBuf> {
    let part = files::sibling(dest, ".restore-part");
    let copied = (|| -> std::io::Result<()> {
        let mut out = files::private_file(&part)?;
        let mut input = std::fs::File::open(&backup.path)?;
        std::io::copy(&mut input, &mut out)?;
        out.sync_all()
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(not_open(&format!(
            "The backup could not be copied ({e}). Nothing was changed."
        )));
    }
    Ok(part)
}
