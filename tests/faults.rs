//! Faults of the place the journal is kept, caused for real: the journal on a small tmpfs
//! filled to the last byte (at start, for the daily backup, mid-session) and remounted
//! read-only under the open journal. Each test proves the journal holds exactly what was
//! acknowledged (at start: is byte for byte as it was) and checks the words a person reads.
//!
//! Mounting needs root (CI runs as root). Elsewhere the tests say so and pass without
//! running, unless TAPER_FAULTS=1 asks for them, when they fail instead
//! (tests/support/tmpfs.rs).
//!
//! Over 500 lines, kept whole: the faults share one costly fixture (a tmpfs mounted, filled
//! and remounted as root); split, each file would mount its own.

use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use taper_journal::api::{self, explain_fault, ApiError};
use taper_journal::session::Session;
use taper_journal::store::Journal;

mod support {
    pub mod stick;
    pub mod tmpfs;
}
use support::stick::Stick;
use support::tmpfs::{fill, Tmpfs};

/// One fault at a time. Every test here starts programs (mount, losetup, e2fsck); a
/// program started by one test's thread holds, until it replaces itself, a copy of every
/// file another test has open at that moment: a lock that then seems held by another
/// window, or a filler file whose space is not free yet after it was removed.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// Every file in `dir` but the filler and the app's lock (an empty file beside the
/// journal, taken by every start), with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walk(dir) {
        if e.file_name()
            .is_some_and(|n| n != "filler" && !n.to_string_lossy().ends_with(".db.lock"))
        {
            out.insert(
                e.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&e).unwrap(),
            );
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A set-up journal with `days` check-ins ending yesterday.
fn journal(path: &Path, days: u32) -> Journal {
    let mut j = Journal::open(path).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "1", "since": "2026-01-01"}),
        today(),
    )
    .unwrap();
    for n in 1..=days {
        let day = today() - chrono::Duration::days(i64::from(n));
        save_day(&mut j, day).unwrap();
    }
    j
}

fn save_day(j: &mut Journal, day: NaiveDate) -> Result<(), ApiError> {
    save_day_with(j, day, "A day like many others.")
}

fn save_day_with(j: &mut Journal, day: NaiveDate, note: &str) -> Result<(), ApiError> {
    let path = j.path().to_path_buf();
    let r = api::save_check_in(
        j,
        json!({"date": day.to_string(), "anxiety": 4, "mood": 5, "sleep_hours": "7", "sleep_quality": 6,
               "note": note}),
        today(),
    );
    explain_fault(&path, r).map(drop)
}

fn check_in_days(path: &Path) -> Vec<NaiveDate> {
    let j = Journal::open(path).unwrap();
    j.check_ins().unwrap().into_iter().map(|c| c.date).collect()
}

#[test]
fn a_full_disk_at_start_is_said_plainly_and_the_journal_is_left_as_it_was() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    drop(journal(&path, 20));
    let before = files(disk.path());
    let filler = fill(disk.path());

    let (mut session, notice) = Session::start(path.clone(), today());
    let v = session.view(notice);
    assert_eq!(v.state, "cannot_write", "{} {:?}", v.title, v.paragraphs);
    assert_eq!(v.title, "The disk is full");
    let words = v.paragraphs.join(" ");
    assert!(
        words.contains("Your journal is not damaged") && words.contains("nothing in it is lost"),
        "{words}"
    );
    assert!(words.contains("Free some space"), "{words}");
    assert!(v.can_retry && !v.can_start_new && v.latest_backup.is_none());
    // Nothing to replace: the healthy journal is never set aside or overwritten.
    assert!(session.start_new_beside().is_err());
    assert!(session.restore_latest(None).is_err());
    let again = session.retry(&mut None, today());
    assert_eq!(again.state, "cannot_write");
    assert_eq!(
        again.notice.as_deref(),
        Some("Tried again just now: it is still the same.")
    );
    assert_eq!(files(disk.path()), before, "not a byte changed");

    std::fs::remove_file(&filler).unwrap();
    let opened = session.retry(&mut None, today());
    assert_eq!(opened.state, "open", "{:?}", opened.paragraphs);
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 20);
}

#[test]
fn the_daily_backup_on_a_full_disk_is_skipped_with_a_notice_and_leaves_no_partial_copy() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(16 * 1024) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    // A journal of about 3 MB: long notes on 1 500 days.
    let mut j = journal(&path, 0);
    let note = "Slept badly, then a long walk; ".repeat(60);
    for n in 1..=1500 {
        save_day_with(&mut j, today() - chrono::Duration::days(n), &note).unwrap();
    }
    drop(j);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 2 * 1024 * 1024, "{size}");
    // Room to open the journal and save a few days (over the app's 1 MiB "full"), not
    // enough to copy it.
    let filler = fill(disk.path());
    let room = 3 * 512 * 1024;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap();
    f.set_len(std::fs::metadata(&filler).unwrap().len() - room)
        .unwrap();
    drop(f);

    let (mut session, notice) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open");
    assert_eq!(
        notice.as_deref(),
        Some("Today's automatic backup was skipped: the disk is full. Your journal is fine; the app will make the backup at the next start."),
        "a journal of {size} bytes, {room} bytes free"
    );
    let left: Vec<String> = walk(disk.path())
        .iter()
        .map(|p| p.display().to_string())
        .filter(|p| p.contains("backup") || p.ends_with(".part") || p.contains(".part-"))
        .collect();
    assert!(
        left.iter().all(|p| !p.contains(".part")),
        "no partial copy: {left:?}"
    );
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 1500);
}

#[test]
fn a_save_on_a_disk_that_fills_mid_session_is_refused_in_plain_words_and_nothing_acknowledged_is_lost(
) {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    let mut j = journal(&path, 5);
    let filler = fill(disk.path());
    let mut acknowledged = (1..=5)
        .map(|n| today() - chrono::Duration::days(n))
        .collect::<Vec<_>>();
    let mut refused = None;
    for n in 6..300 {
        let day = today() - chrono::Duration::days(n);
        match save_day(&mut j, day) {
            Ok(()) => acknowledged.push(day),
            Err(e) => {
                refused = Some((day, e));
                break;
            }
        }
    }
    let (day, e) = refused.expect("a full disk refuses a save");
    assert_eq!(e.kind, "cannot_write", "{e:?}");
    assert_eq!(
        e.message,
        "The disk is full. Nothing was changed just now, and everything saved before is safe; anything you typed is still here. Free some space on the disk (empty the bin, or delete large files you no longer need), then try again."
    );
    // Space back: the same save goes through, in the same session.
    std::fs::remove_file(&filler).unwrap();
    save_day(&mut j, day).unwrap();
    acknowledged.push(day);
    drop(j);
    let mut got = check_in_days(&path);
    got.sort();
    acknowledged.sort();
    assert_eq!(got, acknowledged, "exactly the acknowledged check-ins");
}

#[test]
fn a_read_only_folder_at_start_is_said_plainly_and_the_journal_is_left_as_it_was() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    drop(journal(&path, 3));
    let before = files(disk.path());
    // (A tmpfs with files open for writing cannot be made read-only; a closed journal can.)
    disk.remount("ro");
    let (mut session, notice) = Session::start(path.clone(), today());
    let v = session.view(notice);
    assert_eq!(v.state, "cannot_write", "{} {:?}", v.title, v.paragraphs);
    assert_eq!(v.title, "The journal's folder cannot be written to");
    assert!(
        v.paragraphs[0].starts_with("The journal's folder cannot be written to just now"),
        "{:?}",
        v.paragraphs
    );
    disk.remount("rw");
    assert_eq!(files(disk.path()), before, "not a byte changed");
    assert_eq!(session.retry(&mut None, today()).state, "open");
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 3);
}

#[test]
fn a_read_only_folder_without_a_lock_file_is_said_plainly_at_start_and_try_again_takes_the_lock() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    // Made without the app's lock file: on a read-only folder it cannot be created.
    drop(journal(&path, 2));
    disk.remount("ro");
    let (mut session, notice, lock) = Session::start_locked(path.clone(), today());
    assert!(lock.is_none());
    let v = session.view(notice);
    assert_eq!(v.state, "cannot_write", "{} {:?}", v.title, v.paragraphs);
    assert_eq!(v.title, "The journal's folder cannot be written to");
    assert!(v.can_retry && !v.can_start_new);
    disk.remount("rw");
    let mut lock = None;
    assert_eq!(session.retry(&mut lock, today()).state, "open");
    assert!(
        lock.is_some(),
        "the lock is taken once the folder can be written"
    );
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 2);
    drop(session);
    // Nothing was added or lost while the folder was read-only.
    let reopened = Journal::open(&path).unwrap();
    assert_eq!(reopened.check_ins().unwrap().len(), 2);
}

#[test]
fn an_encrypted_journal_on_a_full_disk_is_never_called_damaged_and_opens_once_space_is_back() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    let mut j = journal(&path, 4);
    api::set_passphrase(
        &mut j,
        json!({"passphrase": "correct horse battery", "confirm": "correct horse battery",
               "understood": true}),
    )
    .unwrap();
    drop(j);
    let before = files(disk.path());
    let filler = fill(disk.path());
    let (mut session, notice) = Session::start(path.clone(), today());
    assert_eq!(session.view(notice).state, "locked");
    let v = session.unlock("correct horse battery", today()).unwrap();
    assert_eq!(v.state, "cannot_write", "{} {:?}", v.title, v.paragraphs);
    assert_eq!(v.title, "The disk is full");
    assert!(v
        .paragraphs
        .join(" ")
        .contains("Your journal is not damaged"));
    assert_eq!(files(disk.path()), before, "not a byte changed");
    std::fs::remove_file(&filler).unwrap();
    // Try again judges it afresh: the passphrase is asked again, then it opens.
    assert_eq!(session.retry(&mut None, today()).state, "locked");
    let v = session.unlock("correct horse battery", today()).unwrap();
    assert_eq!(v.state, "open", "{:?}", v.paragraphs);
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 4);
}

#[test]
fn a_disk_with_just_over_a_mebibyte_free_opens_the_journal() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(4096) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    drop(journal(&path, 3));
    let filler = fill(disk.path());
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap();
    let len = std::fs::metadata(&filler).unwrap().len();
    f.set_len(len - (1024 * 1024 + 256 * 1024)).unwrap();
    drop(f);
    let free = fs4::available_space(disk.path()).unwrap();
    assert!(free > 1024 * 1024, "{free}");
    let (mut session, notice) = Session::start(path.clone(), today());
    assert_eq!(session.view(notice).state, "open", "{free} bytes free");
    save_day(session.journal().unwrap(), today()).unwrap();
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 4);
}

#[test]
fn a_vanished_folder_at_start_is_said_plainly_and_no_empty_journal_is_made_in_its_place() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let folder = disk.path().join("stick");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("taper-journal.db");
    drop(journal(&path, 3));
    let kept = disk.path().join("stick-away");
    // The drive pulled out: the folder is not there.
    std::fs::rename(&folder, &kept).unwrap();
    let (mut session, notice, lock) = Session::start_locked(path.clone(), today());
    assert!(lock.is_none());
    let v = session.view(notice);
    assert_eq!(v.state, "cannot_write", "{} {:?}", v.title, v.paragraphs);
    assert_eq!(v.title, "The journal's folder cannot be found");
    assert!(v.can_retry && v.can_start_new);
    assert!(
        !folder.exists(),
        "no folder, and no empty journal, made in its place"
    );
    let mut lock = None;
    assert_eq!(session.retry(&mut lock, today()).state, "cannot_write");
    assert!(!folder.exists());
    // The drive back: Try again opens it, with everything in it.
    std::fs::rename(&kept, &folder).unwrap();
    assert_eq!(session.retry(&mut lock, today()).state, "open");
    assert!(lock.is_some());
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 3);
}

#[test]
fn a_folder_removed_on_purpose_can_be_started_afresh_when_the_person_asks() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone").join("taper-journal.db");
    let (mut session, _, lock) = Session::start_locked(path.clone(), today());
    assert!(lock.is_none());
    assert_eq!(
        session.view(None).title,
        "The journal's folder cannot be found"
    );
    let mut lock = None;
    let v = session.start_new(&mut lock, today()).unwrap();
    assert_eq!(v.state, "open");
    assert!(lock.is_some() && path.is_file());
}

#[test]
fn a_folder_that_vanishes_mid_session_refuses_saves_until_it_is_back_and_loses_nothing() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("stick");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("taper-journal.db");
    drop(journal(&path, 2));
    let (mut session, _) = Session::start(path.clone(), today());
    save_day(session.journal().unwrap(), today()).unwrap();
    let away = dir.path().join("away");
    std::fs::rename(&folder, &away).unwrap();
    let e = session.journal().map(drop).unwrap_err();
    assert_eq!(e.kind, "cannot_write");
    assert!(
        e.message
            .starts_with("The journal's folder cannot be found just now")
            && e.message.contains("Nothing was changed just now"),
        "{}",
        e.message
    );
    assert!(!folder.exists(), "no folder made in its place");
    std::fs::rename(&away, &folder).unwrap();
    save_day(
        session.journal().unwrap(),
        today() - chrono::Duration::days(5),
    )
    .unwrap();
    drop(session);
    assert_eq!(check_in_days(&path).len(), 4, "every acknowledged check-in");
}

#[test]
fn a_journal_file_replaced_by_another_program_is_never_written_over_and_what_the_window_had_is_kept(
) {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taper-journal.db");
    drop(journal(&path, 2));
    // What a sync program has: the journal as it was, before today's check-in.
    let synced = dir.path().join("synced-copy.db");
    std::fs::copy(&path, &synced).unwrap();
    let (mut session, _) = Session::start(path.clone(), today());
    save_day(session.journal().unwrap(), today()).unwrap();
    // The sync program puts its copy in place, as they do: renamed over the file.
    std::fs::rename(&synced, &path).unwrap();
    let placed = std::fs::read(&path).unwrap();

    let e = session.journal().map(drop).unwrap_err();
    assert_eq!(e.kind, "replaced", "{e:?}");
    assert!(
        e.message
            .contains("nothing more was written to it and nothing was merged"),
        "{}",
        e.message
    );
    // Every later command says the same; nothing reaches the file now in place.
    assert_eq!(session.journal().map(drop).unwrap_err().kind, "replaced");
    assert_eq!(session.view(None).state, "replaced");
    drop(session);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        placed,
        "not a byte written over it"
    );
    assert_eq!(check_in_days(&path).len(), 2);
    // The window's journal, with today's check-in, is kept beside it.
    let kept = taper_journal::store::auto_backup::set_aside(&path);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        e.message.contains(&kept[0].path.display().to_string()),
        "{}",
        e.message
    );
    let days = check_in_days(&kept[0].path);
    assert_eq!(days.len(), 3);
    assert!(days.contains(&today()));
    // The window's write-ahead log is kept under a name SQLite never reads, not applied.
    assert!(!path.with_file_name("taper-journal.db-wal").exists());
}

#[test]
fn a_folder_that_turns_read_only_mid_session_refuses_saves_in_plain_words_and_loses_nothing() {
    let _serial = serial();
    let Some(mut stick) = Stick::mount(16) else {
        return;
    };
    let path = stick.path().join("taper-journal.db");
    drop(journal(&path, 3));
    let (mut session, _) = Session::start(path.clone(), today());
    save_day(session.journal().unwrap(), today()).unwrap();
    let mut acknowledged: Vec<NaiveDate> = (0..=3)
        .map(|n| today() - chrono::Duration::days(n))
        .collect();

    if !stick.turn_read_only() {
        return;
    }
    for attempt in ["first", "second"] {
        let e = save_day(
            session.journal().unwrap(),
            today() - chrono::Duration::days(10),
        )
        .expect_err("a read-only folder refuses the save");
        assert_eq!(e.kind, "cannot_write", "{attempt}: {e:?}");
        assert_eq!(
            e.message,
            "The journal's folder cannot be written to just now (it may have become read-only, or its permissions changed). Nothing was changed just now, and everything saved before is safe; anything you typed is still here. Check that the folder can be written to (or that the drive is not locked), then try again.",
            "{attempt}"
        );
    }
    // What was saved can still be read in the same session.
    assert_eq!(session.journal().unwrap().check_ins().unwrap().len(), 4);

    // The app closed, the stick out and in again: exactly what was acknowledged, intact.
    drop(session);
    stick.replug();
    let (mut session, _) = Session::start(path.clone(), today());
    let j = session.journal().expect("the journal opens again");
    let ok: String = j
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    save_day(j, today() - chrono::Duration::days(10)).unwrap();
    acknowledged.push(today() - chrono::Duration::days(10));
    drop(session);
    let mut got = check_in_days(&path);
    got.sort();
    acknowledged.sort();
    assert_eq!(got, acknowledged, "exactly the acknowledged check-ins");
}

#[test]
fn a_restore_on_a_full_disk_is_refused_in_plain_words_and_changes_nothing() {
    let _serial = serial();
    let Some(disk) = Tmpfs::mount(2048) else {
        return;
    };
    let path = disk.path().join("taper-journal.db");
    let mut j = journal(&path, 20);
    let backup = api::backup_file(&j, today()).unwrap();
    let names = |dir: &Path| files(dir).into_keys().collect::<Vec<_>>();
    let before = names(disk.path());
    let filler = fill(disk.path());
    let e = explain_fault(
        &path,
        api::restore_keeping_current(&mut j, &backup).map(drop),
    )
    .expect_err("no room to keep the current journal aside");
    assert_eq!(e.kind, "cannot_write", "{e:?}");
    assert!(
        e.message
            .starts_with("The disk is full. Nothing was changed just now"),
        "{}",
        e.message
    );
    drop(j);
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(
        names(disk.path()),
        before,
        "no partial copy beside the journal"
    );
    assert_eq!(check_in_days(&path).len(), 20, "the journal as it was");
}
