//! Automatic backups: a consistent copy of the journal (SQLite's backup API) taken at most
//! once a day when the app starts, kept in a `backups` folder beside the journal. An
//! encrypted journal's copies are encrypted with the same passphrase. Also the lists of
//! the other copies (kept aside before a restore or an upgrade; journals set aside), all
//! named and read by `store/copies.rs`.

use super::copies::{may_be_made_by_the_app, CopyKind, CopyName, JournalCopy};
use super::encryption;
use super::file_check::{self, Problem};
use super::{configure, migrations, Journal, Passphrase, Result, StoreError};
use crate::files::sibling;
use chrono::{Datelike, NaiveDate, Timelike};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Daily copies kept: the last week the app was used, day by day.
pub const DAILY_KEPT: usize = 7;
/// Weekly copies kept beyond the daily ones: about a month further back, a week apart,
/// so a mistake noticed weeks later can still be undone.
pub const WEEKLY_KEPT: usize = 4;

/// The folder that holds the automatic backups of the journal at `journal`.
pub fn folder(journal: &Path) -> PathBuf {
    journal.with_file_name("backups")
}

/// The copies in `dir` whose names are a copy's of kind `wanted`.
fn copies_in(dir: &Path, wanted: impl Fn(CopyKind) -> bool) -> Vec<JournalCopy> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| JournalCopy::at(e.ok()?.path()))
        .filter(|c| wanted(c.kind))
        .collect()
}

fn beside(journal: &Path) -> &Path {
    journal.parent().unwrap_or(Path::new("."))
}

/// Newest first, and within one second the later-numbered first.
fn newest_first(mut copies: Vec<JournalCopy>) -> Vec<JournalCopy> {
    copies.sort_by_key(|c| std::cmp::Reverse((c.when, c.number)));
    copies
}

/// The automatic backups of the journal at `journal`, newest first. Other files in the
/// folder are left alone.
pub fn automatic_backups(journal: &Path) -> Vec<JournalCopy> {
    newest_first(copies_in(&folder(journal), |k| {
        k == CopyKind::AutomaticBackup
    }))
}

/// The automatic backup or copy kept aside named `name` (as listed), if it exists.
pub fn find(journal: &Path, name: &str) -> Option<JournalCopy> {
    automatic_backups(journal)
        .into_iter()
        .chain(kept_aside(journal))
        .find(|b| b.name == name)
}

/// The copies kept aside beside the journal by a restore or an upgrade, newest first.
pub fn kept_aside(journal: &Path) -> Vec<JournalCopy> {
    newest_first(copies_in(beside(journal), CopyKind::is_kept_aside))
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
    pub fn back_up_if_due(&self, today: NaiveDate) -> Result<Option<JournalCopy>> {
        let existing = automatic_backups(&self.path);
        if existing.iter().any(|b| b.date == today) {
            return Ok(None);
        }
        let dir = folder(&self.path);
        std::fs::create_dir_all(&dir)?;
        let dest = dir.join(CopyName::automatic_backup(today));
        self.copy_to(&dest)?;
        let mut dates: Vec<NaiveDate> = existing.iter().map(|b| b.date).collect();
        dates.push(today);
        let keep = kept(&dates);
        for old in existing.iter().filter(|b| !keep.contains(&b.date)) {
            std::fs::remove_file(&old.path)?;
        }
        Ok(automatic_backups(&self.path)
            .into_iter()
            .find(|b| b.date == today))
    }

    /// Writes a consistent copy of the journal to `dest` (under the journal's passphrase,
    /// if it has one): owner-only, synced, and renamed into place only when complete.
    pub fn copy_to(&self, dest: &Path) -> Result<()> {
        copy_database(&self.conn, self.key(), dest)
    }

    /// Replaces the journal's contents with the backup at `backup`, after saving the
    /// current journal aside. The backup is checked first; a backup that fails its checks
    /// changes nothing. Returns where the current journal was kept.
    pub fn restore_auto_backup(&mut self, backup: &Path) -> Result<PathBuf> {
        file_check::check(backup, self.key()).map_err(unusable)?;
        let aside = aside_path(&self.path, CopyKind::KeptBeforeRestore);
        self.copy_to(&aside)?;
        let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        encryption::apply_key(&source, self.key())?;
        // One write transaction on the journal: a crash leaves it as it was or restored.
        Backup::new(&source, &mut self.conn)?.run_to_completion(i32::MAX, Duration::ZERO, None)?;
        configure(&self.conn)?;
        migrations::migrate(&mut self.conn, migrations::MIGRATIONS.len())?;
        Ok(aside)
    }

    /// Brings every copy the app made of the journal (automatic backups, and copies kept
    /// aside by a restore or an upgrade) under the journal's own passphrase, or none: after
    /// the passphrase is set, changed or removed, and at each start (finishing a change
    /// cut off mid-way). `old` is the passphrase before the change. Each copy is handled on
    /// its own; those that cannot be opened or rewritten are left as they were and named
    /// in the result.
    pub fn rekey_copies(&self, old: Option<&Passphrase>) -> Vec<String> {
        let target = self.key();
        let mut left_as_they_were = Vec::new();
        for path in made_by_the_app(&self.path) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let current = if file_check::is_plain_sqlite(&path) {
                Some(None)
            } else {
                [old, target]
                    .into_iter()
                    .flatten()
                    .find(|k| file_check::check(&path, Some(k)).is_ok())
                    .map(Some)
            };
            match current {
                Some(key) if key == target => {}
                Some(key) => {
                    if rewrite_copy(&path, key, target).is_err() {
                        left_as_they_were.push(name);
                    }
                }
                None => left_as_they_were.push(name),
            }
        }
        left_as_they_were
    }
}

impl Journal {
    /// Locks any unencrypted copy of an encrypted journal (a change of passphrase cut off
    /// mid-way). Cheap enough for every start: only the first bytes of each copy are read.
    pub fn lock_plain_copies(&self) -> Vec<String> {
        let Some(key) = self.key() else {
            return Vec::new();
        };
        made_by_the_app(&self.path)
            .into_iter()
            .filter(|p| file_check::is_plain_sqlite(p))
            .filter(|p| rewrite_copy(p, None, Some(key)).is_err())
            .map(|p| p.display().to_string())
            .collect()
    }
}

/// Journals set aside beside this one (by "start a new journal" or a restore at start, by
/// opening one of them again, or the window's copy of a file replaced underneath), newest
/// first. Their contents are never changed; one can be opened again in place of the
/// journal.
pub fn set_aside(journal: &Path) -> Vec<JournalCopy> {
    newest_first(copies_in(beside(journal), |k| k == CopyKind::SetAside))
}

/// Every copy of the journal the app made: the automatic backups, then the copies kept
/// aside by a restore or an upgrade, including any a sync program renamed (see
/// [`may_be_made_by_the_app`]): the passphrase must cover them all. Journals set aside are
/// not among them: their contents are unknown and never touched.
pub fn made_by_the_app(journal: &Path) -> Vec<PathBuf> {
    let files = |dir: &Path, in_backups: bool| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| may_be_made_by_the_app(n, in_backups))
            })
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    };
    let mut all = files(&folder(journal), true);
    all.reverse(); // newest first, as the automatic backups are listed
    all.extend(files(beside(journal), false));
    all
}

fn rewrite_copy(path: &Path, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<()> {
    let tmp = sibling(path, ".rekey-part");
    let _ = std::fs::remove_file(&tmp);
    let rewritten = (|| -> Result<()> {
        let conn = Connection::open(path)?;
        encryption::apply_key(&conn, from)?;
        encryption::export_to(&conn, &tmp, to)?;
        conn.close().map_err(|(_, e)| e)?;
        std::fs::rename(&tmp, path)?;
        crate::files::sync_folder(path)?;
        Ok(())
    })();
    if rewritten.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    rewritten
}

/// Writes a consistent copy of the database open at `source` (encrypted with `key`) to
/// `dest` with SQLite's backup API: owner-only, synced, renamed into place only when whole.
fn copy_database(source: &Connection, key: Option<&Passphrase>, dest: &Path) -> Result<()> {
    let tmp = sibling(dest, ".part");
    let written = (|| -> Result<()> {
        // Created empty first, so that SQLite writes into an owner-only file.
        crate::files::private_file(&tmp)?;
        let mut out = Connection::open(&tmp)?;
        encryption::apply_key(&out, key)?;
        Backup::new(source, &mut out)?.run_to_completion(256, Duration::ZERO, None)?;
        // A copy in rollback mode can be opened read-only with no side files.
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        out.close().map_err(|(_, e)| e)?;
        crate::files::sync_file(&tmp)?;
        std::fs::rename(&tmp, dest)?;
        crate::files::sync_folder(dest)?;
        Ok(())
    })();
    if written.is_err() {
        // Never a partial copy: neither the file nor SQLite's journal of it stays.
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(sibling(&tmp, "-journal"));
    }
    written
}

/// Before a journal from an earlier version is upgraded (migrated), keeps a copy of it as
/// it was beside it, so that an upgrade is never a one-way door. Nothing when no upgrade
/// is due (`version`, the file's schema version, is current). The copy is made through a
/// read-only connection.
pub fn keep_before_upgrade(
    journal: &Path,
    key: Option<&Passphrase>,
    version: i64,
) -> Result<Option<PathBuf>> {
    if version == 0 || version >= migrations::MIGRATIONS.len() as i64 {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(journal, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    encryption::apply_key(&conn, key)?;
    let dest = aside_path(journal, CopyKind::KeptBeforeUpgrade);
    copy_database(&conn, key, &dest)?;
    Ok(Some(dest))
}

/// A path beside `journal` for a copy of `kind` made now, never over an earlier one:
/// numbered on from the highest taken in this second, so that a later one is never listed
/// below an earlier one.
pub fn aside_path(journal: &Path, kind: CopyKind) -> PathBuf {
    let now = chrono::Local::now().naive_local();
    let now = now.with_nanosecond(0).unwrap_or(now);
    let highest = copies_in(beside(journal), |k| k == kind)
        .into_iter()
        .filter(|c| c.when == now)
        .map(|c| c.number)
        .max();
    let mut n = highest.map_or(1, |h| h + 1);
    while journal
        .with_file_name(CopyName::beside(kind, now, n))
        .exists()
    {
        n += 1;
    }
    journal.with_file_name(CopyName::beside(kind, now, n))
}

fn unusable(p: Problem) -> StoreError {
    StoreError::BackupUnusable(match p {
        Problem::Damaged { .. } | Problem::UpgradeCopyFailed { .. } => {
            "That backup file is damaged.".to_string()
        }
        Problem::Foreign | Problem::Missing => {
            "That file is not a Taper Journal backup.".to_string()
        }
        Problem::Newer { .. } => {
            "That backup was made by a newer version of Taper Journal.".to_string()
        }
        // (A check only reads; it never meets a folder it cannot write.)
        Problem::CannotWrite(_) => "That backup's folder cannot be used just now.".to_string(),
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
    fn journals_set_aside_are_listed_newest_first_even_within_one_second() {
        let dir = tempfile::TempDir::new().unwrap();
        let journal = dir.path().join("taper-journal.db");
        for name in [
            "taper-journal-kept-2026-11-22-184700.db",
            "taper-journal-kept-2026-11-22-184700-2.db",
            "taper-journal-kept-2026-11-22-184700-10.db",
            "taper-journal-kept-2026-11-21-090000.db",
            "taper-journal-kept-2026-11-22-184700.db-wal",
            "taper-journal-kept-not-a-date.db",
            "taper-journal-before-restore-2026-11-22-184700.db",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let names: Vec<String> = set_aside(&journal).into_iter().map(|b| b.name).collect();
        assert_eq!(
            names,
            [
                "taper-journal-kept-2026-11-22-184700-10.db",
                "taper-journal-kept-2026-11-22-184700-2.db",
                "taper-journal-kept-2026-11-22-184700.db",
                "taper-journal-kept-2026-11-21-090000.db",
            ]
        );
    }

    #[test]
    fn copies_renamed_by_a_sync_program_are_still_covered_by_the_passphrase() {
        let dir = tempfile::TempDir::new().unwrap();
        let journal = dir.path().join("taper-journal.db");
        std::fs::create_dir(folder(&journal)).unwrap();
        let beside = [
            "taper-journal-before-restore-2026-11-22-184700.db",
            "taper-journal-before-upgrade-2026-11-22-184700.sync-conflict-20261123-101010.db",
            "taper-journal-kept-2026-11-22-184700.db",
            "taper-journal.db",
        ];
        let backups = [
            "taper-journal-2026-11-22.db",
            "taper-journal-2026-11-21 (conflicted copy).db",
            "notes.db",
        ];
        for n in beside {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        for n in backups {
            std::fs::write(folder(&journal).join(n), b"x").unwrap();
        }
        let names: Vec<String> = made_by_the_app(&journal)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "taper-journal-2026-11-22.db",
                "taper-journal-2026-11-21 (conflicted copy).db",
                "taper-journal-before-restore-2026-11-22-184700.db",
                "taper-journal-before-upgrade-2026-11-22-184700.sync-conflict-20261123-101010.db",
            ]
        );
        // The listings name only what the app itself made.
        assert_eq!(automatic_backups(&journal).len(), 1);
        assert_eq!(kept_aside(&journal).len(), 1);
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
