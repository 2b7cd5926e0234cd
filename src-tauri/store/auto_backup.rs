//! Automatic backups: a consistent copy of the journal (SQLite's backup API) taken at most
//! once a day when the app starts, kept in a `backups` folder beside the journal. An
//! encrypted journal's copies are encrypted with the same passphrase.

use super::encryption;
use super::start::{self, Problem};
use super::{configure, migrations, Journal, Passphrase, Result, StoreError};
use crate::files::sibling;
use chrono::{Datelike, NaiveDate};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Daily copies kept: the last week the app was used, day by day.
pub const DAILY_KEPT: usize = 7;
/// Weekly copies kept beyond the daily ones: about a month further back, a week apart,
/// so a mistake noticed weeks later can still be undone.
pub const WEEKLY_KEPT: usize = 4;

const PREFIX: &str = "taper-journal-";
const SUFFIX: &str = ".db";

/// One automatic backup on disk.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AutoBackup {
    pub date: NaiveDate,
    /// The file's name inside the backups folder (the page names a backup by it).
    pub name: String,
    pub bytes: u64,
    #[serde(skip)]
    pub path: PathBuf,
}

/// The folder that holds the automatic backups of the journal at `journal`.
pub fn folder(journal: &Path) -> PathBuf {
    journal.with_file_name("backups")
}

fn file_name(date: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", date.format("%Y-%m-%d"))
}

/// The automatic backups of the journal at `journal`, newest first. Other files in the
/// folder are left alone.
pub fn list(journal: &Path) -> Vec<AutoBackup> {
    let Ok(entries) = std::fs::read_dir(folder(journal)) else {
        return Vec::new();
    };
    let mut found: Vec<AutoBackup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let day = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(AutoBackup {
                date,
                name,
                bytes: meta.len(),
                path: e.path(),
            })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.date));
    found
}

/// The backup named `name` (as listed), if it exists.
pub fn find(journal: &Path, name: &str) -> Option<AutoBackup> {
    list(journal).into_iter().find(|b| b.name == name)
}

/// Which backup days to keep: the `DAILY_KEPT` newest, then the newest of each of the
/// `WEEKLY_KEPT` ISO weeks before those.
pub fn kept(dates: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut newest_first: Vec<NaiveDate> = dates.to_vec();
    newest_first.sort_by_key(|d| std::cmp::Reverse(*d));
    newest_first.dedup();
    let mut keep: BTreeSet<NaiveDate> = newest_first.iter().take(DAILY_KEPT).copied().collect();
    let mut weeks = BTreeSet::new();
    for d in newest_first.iter().skip(DAILY_KEPT) {
        let week = (d.iso_week().year(), d.iso_week().week());
        if weeks.contains(&week) {
            continue;
        }
        if weeks.len() == WEEKLY_KEPT {
            break;
        }
        weeks.insert(week);
        keep.insert(*d);
    }
    keep
}

impl Journal {
    /// Takes today's automatic backup unless one exists, then removes those no longer
    /// kept. Returns the new backup, if one was taken.
    pub fn back_up_if_due(&self, today: NaiveDate) -> Result<Option<AutoBackup>> {
        let existing = list(&self.path);
        if existing.iter().any(|b| b.date == today) {
            return Ok(None);
        }
        let dir = folder(&self.path);
        std::fs::create_dir_all(&dir)?;
        let dest = dir.join(file_name(today));
        self.copy_to(&dest)?;
        let mut dates: Vec<NaiveDate> = existing.iter().map(|b| b.date).collect();
        dates.push(today);
        let keep = kept(&dates);
        for old in existing.iter().filter(|b| !keep.contains(&b.date)) {
            std::fs::remove_file(&old.path)?;
        }
        Ok(list(&self.path).into_iter().find(|b| b.date == today))
    }

    /// Writes a consistent copy of the journal to `dest` (under the journal's passphrase,
    /// if it has one): owner-only, synced, and renamed into place only when complete.
    pub fn copy_to(&self, dest: &Path) -> Result<()> {
        let tmp = sibling(dest, ".part");
        let written = (|| -> Result<()> {
            // Created empty first, so that SQLite writes into an owner-only file.
            crate::files::private_file(&tmp)?;
            let mut out = Connection::open(&tmp)?;
            encryption::apply_key(&out, self.key())?;
            Backup::new(&self.conn, &mut out)?.run_to_completion(256, Duration::ZERO, None)?;
            // A copy in rollback mode can be opened read-only with no side files.
            out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
            out.close().map_err(|(_, e)| e)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, dest)?;
            crate::files::sync_folder(dest)?;
            Ok(())
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// Replaces the journal's contents with the backup at `backup`, after saving the
    /// current journal aside. The backup is checked first; a backup that fails its checks
    /// changes nothing. Returns where the current journal was kept.
    pub fn restore_auto_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        start::check(backup, self.key()).map_err(unusable)?;
        let aside = aside_path(&self.path, "before-restore");
        self.copy_to(&aside)?;
        let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        encryption::apply_key(&source, self.key())?;
        // One write transaction on the journal: a crash leaves it as it was or restored.
        Backup::new(&source, &mut self.conn)?.run_to_completion(i32::MAX, Duration::ZERO, None)?;
        configure(&self.conn)?;
        migrations::migrate(&mut self.conn, migrations::MIGRATIONS.len())?;
        Ok(aside)
    }

    /// Rewrites every automatic backup under `new` (after the journal's passphrase
    /// changed), so that the backups stay locked exactly as the journal is.
    pub fn rekey_backups(&self, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
        for b in list(&self.path) {
            let tmp = sibling(&b.path, ".rekey-part");
            let _ = std::fs::remove_file(&tmp);
            let rewritten = (|| -> Result<()> {
                let conn = Connection::open(&b.path)?;
                encryption::apply_key(&conn, old)?;
                encryption::export_to(&conn, &tmp, new)?;
                conn.close().map_err(|(_, e)| e)?;
                std::fs::rename(&tmp, &b.path)?;
                crate::files::sync_folder(&b.path)?;
                Ok(())
            })();
            if rewritten.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            rewritten?;
        }
        Ok(())
    }
}

/// A path beside `journal` for keeping a file aside, never over an earlier one:
/// `taper-journal-<why>-<date-time>[-n].db`.
pub fn aside_path(journal: &Path, why: &str) -> PathBuf {
    let stem = format!(
        "taper-journal-{why}-{}",
        chrono::Local::now().format("%Y-%m-%d-%H%M%S")
    );
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            journal.with_file_name(format!("{stem}{suffix}.db"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| journal.with_file_name(format!("{stem}.db")))
}

fn unusable(p: Problem) -> StoreError {
    StoreError::BackupUnusable(match p {
        Problem::Damaged { .. } => "That backup file is damaged.".to_string(),
        Problem::Foreign => "That file is not a Taper Journal backup.".to_string(),
        Problem::Newer { .. } => {
            "That backup was made by a newer version of Taper Journal.".to_string()
        }
        Problem::Unreadable => {
            "That backup could not be opened with the journal's current passphrase (it may have been made with another one).".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_app_used_now_and_then_keeps_seven_days_used_and_four_weeks_before() {
        // Used on 12 scattered days. The 7 newest are kept whatever their gaps; before
        // them, one per ISO week: Fri 16 Oct and Mon 12 Oct share week 42, so only the
        // 16th stays; Thu 1 Oct is in a fifth week and goes.
        let used = [
            "2026-11-20",
            "2026-11-18",
            "2026-11-11",
            "2026-11-10",
            "2026-11-04",
            "2026-11-03",
            "2026-10-30",
            "2026-10-28",
            "2026-10-21",
            "2026-10-16",
            "2026-10-12",
            "2026-10-08",
            "2026-10-01",
        ]
        .map(d);
        let kept = kept(&used);
        let expected: BTreeSet<NaiveDate> = [
            "2026-11-20",
            "2026-11-18",
            "2026-11-11",
            "2026-11-10",
            "2026-11-04",
            "2026-11-03",
            "2026-10-30",
            "2026-10-28",
            "2026-10-21",
            "2026-10-16",
            "2026-10-08",
        ]
        .map(d)
        .into_iter()
        .collect();
        assert_eq!(kept, expected);
    }
}
