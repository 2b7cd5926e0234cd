//! The Settings screen: the automatic backups kept beside the journal, and whether the
//! journal is locked with a passphrase.

use crate::store::auto_backup::{self, DAILY_KEPT, WEEKLY_KEPT};
use crate::store::Journal;
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct SettingsView {
    pub backups: Vec<BackupRow>,
    /// Copies kept aside by a restore or an upgrade, restorable the same way.
    pub kept: Vec<BackupRow>,
    /// Where the backups are, for someone who wants to copy them elsewhere.
    pub folder: String,
    /// "Backups are taken once a day when the app starts; the last 7 days and 4 weeks are kept."
    pub backup_rule: String,
    pub encrypted: bool,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct BackupRow {
    pub name: String,
    /// "Sunday 22 November 2026", or for a kept copy "Kept before a restore, Sunday 22 November 2026".
    pub date_label: String,
    pub size_label: String,
    pub encrypted: bool,
}

/// The screen as it is now.
pub fn settings_view(j: &Journal) -> SettingsView {
    let row = |b: auto_backup::AutoBackup| BackupRow {
        date_label: match auto_backup::kept_reason(&b.name) {
            Some(why) => format!("{why}, {}", super::long_date(b.date)),
            None => super::long_date(b.date),
        },
        size_label: size_label(b.bytes),
        encrypted: !crate::store::start::is_plain_sqlite(&b.path),
        name: b.name,
    };
    SettingsView {
        backups: auto_backup::list(j.path()).into_iter().map(row).collect(),
        kept: auto_backup::kept_copies(j.path())
            .into_iter()
            .map(row)
            .collect(),
        folder: auto_backup::folder(j.path()).display().to_string(),
        backup_rule: format!(
            "A copy of the journal is made once a day when the app starts. The last {DAILY_KEPT} days and {WEEKLY_KEPT} weeks before them are kept."
        ),
        encrypted: j.is_encrypted(),
    }
}

/// "84 KB", "1.2 MB".
fn size_label(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}
