//! The copies of a journal the app keeps, named as the Settings screen names them, and the
//! one place their file names are made and read:
//!
//! - **automatic backups**, one a day: `backups/taper-journal-<YYYY-MM-DD>.db`;
//! - **copies kept aside** before a restore or an upgrade of the app, beside the journal:
//!   `taper-journal-before-restore-<YYYY-MM-DD-HHMMSS>[-n].db` (`before-upgrade`);
//! - **journals set aside** (one that could not be opened, a locked one after "start a new
//!   journal", the window's copy of a file replaced underneath), beside the journal:
//!   `taper-journal-kept-<YYYY-MM-DD-HHMMSS>[-n].db`.
//!
//! `-n` numbers a second one made within the same second (the first has none).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::PathBuf;

const PREFIX: &str = "taper-journal-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y-%m-%d-%H%M%S";
const STAMP_LEN: usize = 17;

/// Which kind of copy a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyKind {
    AutomaticBackup,
    KeptBeforeRestore,
    KeptBeforeUpgrade,
    SetAside,
}

impl CopyKind {
    /// What the name says after `taper-journal-`, for the kinds kept beside the journal.
    fn word(self) -> Option<&'static str> {
        match self {
            CopyKind::AutomaticBackup => None,
            CopyKind::KeptBeforeRestore => Some("before-restore"),
            CopyKind::KeptBeforeUpgrade => Some("before-upgrade"),
            CopyKind::SetAside => Some("kept"),
        }
    }

    /// Why a copy kept aside was kept, as Settings and a restore's message say it.
    pub fn kept_because(self) -> Option<&'static str> {
        match self {
            CopyKind::KeptBeforeRestore => Some("Kept before a restore"),
            CopyKind::KeptBeforeUpgrade => Some("Kept before an upgrade of the app"),
            CopyKind::AutomaticBackup | CopyKind::SetAside => None,
        }
    }

    /// A copy kept aside before a restore or an upgrade.
    pub fn is_kept_aside(self) -> bool {
        self.kept_because().is_some()
    }
}

/// A copy's file name, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyName {
    pub kind: CopyKind,
    /// When it was made (an automatic backup: its day, at midnight).
    pub when: NaiveDateTime,
    /// 1 for the first made in that second, 2 for the next, ….
    pub number: u32,
}

impl CopyName {
    /// Reads a file name; None for any other file.
    pub fn parse(file_name: &str) -> Option<CopyName> {
        let rest = file_name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        for kind in [
            CopyKind::KeptBeforeRestore,
            CopyKind::KeptBeforeUpgrade,
            CopyKind::SetAside,
        ] {
            let Some(stamped) = rest
                .strip_prefix(kind.word()?)
                .and_then(|r| r.strip_prefix('-'))
            else {
                continue;
            };
            let when = NaiveDateTime::parse_from_str(stamped.get(..STAMP_LEN)?, STAMP).ok()?;
            let number = number_after(stamped.get(STAMP_LEN..)?)?;
            return Some(CopyName { kind, when, number });
        }
        let day = NaiveDate::parse_from_str(rest, "%Y-%m-%d").ok()?;
        // Exactly the day, nothing after it: "taper-journal-2026-11-22.db".
        if day.format("%Y-%m-%d").to_string() != rest {
            return None;
        }
        Some(CopyName {
            kind: CopyKind::AutomaticBackup,
            when: day.and_hms_opt(0, 0, 0)?,
            number: 1,
        })
    }

    /// The name of the automatic backup of `day`.
    pub fn automatic_backup(day: NaiveDate) -> String {
        format!("{PREFIX}{}{SUFFIX}", day.format("%Y-%m-%d"))
    }

    /// The name of a copy kept beside the journal (not an automatic backup) made at
    /// `when`, the `number`th in that second.
    pub fn beside(kind: CopyKind, when: NaiveDateTime, number: u32) -> String {
        let word = kind.word().unwrap_or("kept");
        let n = if number <= 1 {
            String::new()
        } else {
            format!("-{number}")
        };
        format!("{PREFIX}{word}-{}{n}{SUFFIX}", when.format(STAMP))
    }
}

/// "" is the first in its second, "-2" the second, and so on.
fn number_after(after_time: &str) -> Option<u32> {
    if after_time.is_empty() {
        return Some(1);
    }
    after_time.strip_prefix('-')?.parse().ok()
}

/// Whether a file may be a copy the app made, even renamed by another program (a sync
/// program's "conflicted copy", a copy made by hand): an automatic backup's prefix in the
/// backups folder, or a copy kept aside before a restore or an upgrade beside the journal.
/// Broader than [`CopyName::parse`] on purpose: what the passphrase must cover (a copy left
/// unencrypted beside an encrypted journal) is judged by this, not by the listings.
pub fn may_be_made_by_the_app(file_name: &str, in_backups_folder: bool) -> bool {
    let prefix = if in_backups_folder {
        PREFIX.to_string()
    } else {
        format!("{PREFIX}before-")
    };
    file_name.starts_with(&prefix) && file_name.ends_with(SUFFIX)
}

/// One copy of the journal on disk.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JournalCopy {
    pub kind: CopyKind,
    /// The day it was made (an automatic backup: the day it holds).
    pub date: NaiveDate,
    #[serde(skip)]
    pub when: NaiveDateTime,
    #[serde(skip)]
    pub number: u32,
    /// The file's name (the page names a copy by it).
    pub name: String,
    pub bytes: u64,
    #[serde(skip)]
    pub path: PathBuf,
}

impl JournalCopy {
    /// The copy at `path`, if its name is a copy's and it is a file.
    pub fn at(path: PathBuf) -> Option<JournalCopy> {
        let name = path.file_name()?.to_str()?.to_string();
        let parsed = CopyName::parse(&name)?;
        // Not through a link: a copy is a file of its own.
        let meta = std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())?;
        Some(JournalCopy {
            kind: parsed.kind,
            date: parsed.when.date(),
            when: parsed.when,
            number: parsed.number,
            name,
            bytes: meta.len(),
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, STAMP).unwrap()
    }

    #[test]
    fn every_kind_of_name_is_read_back_as_it_was_made() {
        let when = at("2026-11-22-184700");
        for kind in [
            CopyKind::KeptBeforeRestore,
            CopyKind::KeptBeforeUpgrade,
            CopyKind::SetAside,
        ] {
            for number in [1, 2, 12] {
                let name = CopyName::beside(kind, when, number);
                assert_eq!(
                    CopyName::parse(&name),
                    Some(CopyName { kind, when, number }),
                    "{name}"
                );
            }
        }
        assert_eq!(
            CopyName::beside(CopyKind::SetAside, when, 2),
            "taper-journal-kept-2026-11-22-184700-2.db"
        );
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let daily = CopyName::automatic_backup(day);
        assert_eq!(daily, "taper-journal-2026-11-22.db");
        assert_eq!(
            CopyName::parse(&daily).map(|n| (n.kind, n.when.date())),
            Some((CopyKind::AutomaticBackup, day))
        );
    }

    #[test]
    fn other_files_are_not_copies() {
        for name in [
            "taper-journal.db",
            "taper-journal.db-wal",
            "taper-journal-2026-11-22.db-journal",
            "taper-journal-2026-13-01.db",
            "taper-journal-2026-11-22-extra.db",
            "taper-journal-kept-2026-11-22.db",
            "taper-journal-kept-2026-11-22-184700-x.db",
            "taper-journal-before-2026-11-22-184700.db",
            "notes.txt",
        ] {
            assert_eq!(CopyName::parse(name), None, "{name}");
        }
    }
}
