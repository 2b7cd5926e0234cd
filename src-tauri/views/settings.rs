//! The Settings screen: the automatic backups kept beside the journal, and whether the
//! journal is locked with a passphrase.

use crate::store::auto_backup::{self, DAILY_KEPT, WEEKLY_KEPT};
use crate::store::copies::JournalCopy;
use crate::store::{file_check, Journal};
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct SettingsView {
    pub backups: Vec<BackupRow>,
    /// Copies kept aside by a restore or an upgrade, restorable the same way.
    pub kept: Vec<BackupRow>,
    /// Journals set aside at start (a locked one after "start a new journal", a damaged
    /// one), which can be opened again in place of this one.
    pub set_aside: Vec<SetAsideRow>,
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

#[derive(Debug, Serialize, PartialEq)]
pub struct SetAsideRow {
    pub name: String,
    /// "Set aside on Sunday 22 November 2026 at 18:47".
    pub date_label: String,
    /// What the app can tell of it without opening it: "Locked with a passphrase", "Can
    /// be opened", or why it cannot be.
    pub status: String,
    /// Whether opening it needs a passphrase.
    pub locked: bool,
    /// Whether it is offered for opening (a damaged or foreign file is only listed).
    pub can_open: bool,
}

/// The screen as it is now.
pub fn settings_view(j: &Journal) -> SettingsView {
    let row = |b: JournalCopy| BackupRow {
        date_label: match b.kind.kept_because() {
            Some(why) => format!("{why}, {}", super::long_date(b.date)),
            None => super::long_date(b.date),
        },
        size_label: match super::words::holds_text(file_check::check_in_days(&b.path)) {
            Some(holds) => format!("{}, {holds}", size_label(b.bytes)),
            None => size_label(b.bytes),
        },
        encrypted: !crate::store::file_check::is_plain_sqlite(&b.path),
        name: b.name,
    };
    SettingsView {
        backups: auto_backup::automatic_backups(j.path())
            .into_iter()
            .map(row)
            .collect(),
        kept: auto_backup::kept_aside(j.path())
            .into_iter()
            .map(row)
            .collect(),
        set_aside: set_aside_rows(j.path()),
        folder: auto_backup::folder(j.path()).display().to_string(),
        backup_rule: format!(
            "A copy of the journal is made once a day when the app starts. The last {DAILY_KEPT} days and {WEEKLY_KEPT} weeks before them are kept."
        ),
        encrypted: j.is_encrypted(),
    }
}

/// The journals set aside beside the journal at `journal`, newest first.
pub fn set_aside_rows(journal: &std::path::Path) -> Vec<SetAsideRow> {
    auto_backup::set_aside(journal)
        .into_iter()
        .map(set_aside_row)
        .collect()
}

fn set_aside_row(b: JournalCopy) -> SetAsideRow {
    let when = b.when;
    let locked = !file_check::is_plain_sqlite(&b.path);
    let (status, can_open) = if locked {
        // An encrypted file cannot be told from an unreadable one without its passphrase.
        ("Locked with a passphrase, or unreadable".to_string(), true)
    } else {
        match file_check::check(&b.path, None) {
            Ok(()) => ("Can be opened".to_string(), true),
            Err(problem) => (
                format!(
                    "Cannot be opened: {}",
                    super::start_screen::in_brief(&problem)
                ),
                false,
            ),
        }
    };
    SetAsideRow {
        date_label: format!(
            "Set aside on {} at {}",
            super::long_date(when.date()),
            when.format("%H:%M")
        ),
        status: format!("{status}, {}", size_label(b.bytes)),
        locked,
        can_open,
        name: b.name,
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
