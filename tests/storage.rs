//! Trustworthy storage: encryption at rest, the journal file judged at start (and never
//! changed when it cannot be used), and the automatic daily backups.
//!
//! Over 500 lines, kept whole: one suite for the file's safety (encryption, judging the
//! file at start, daily backups); the cases share the journals and copies they set up.

use chrono::{Duration, NaiveDate};
use serde_json::json;
use std::path::{Path, PathBuf};
use taper_journal::api;
use taper_journal::session::Session;
use taper_journal::store::auto_backup::{self, DAILY_KEPT, WEEKLY_KEPT};
use taper_journal::store::file_check::{self, Problem};
use taper_journal::store::start::{self, Found};
use taper_journal::store::{encryption, Journal, Passphrase};
use tempfile::TempDir;

mod support {
    pub mod noise;
}
use support::noise::noise;

/// A sentence no SQLite page would hold by chance.
const NOTE: &str = "Walked by the river with Mara at dawn; the tremor eased after tea.";
const PASS: &str = "correct horse battery";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A journal with a medication and one check-in carrying `NOTE`.
fn journal_with_note(path: &Path) -> Journal {
    let mut j = Journal::open(path).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "1", "since": "2026-10-01"}),
        today(),
    )
    .unwrap();
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-21", "anxiety": 4, "mood": 6, "sleep_hours": "7", "sleep_quality": 5,
               "symptoms": {"tremor": 2}, "note": NOTE}),
        today(),
    )
    .unwrap();
    j
}

fn note_of(j: &Journal) -> String {
    api::check_in(j, Some("2026-11-21"), today()).unwrap().note
}

/// The journal and its side files (length and FNV-1a hash of every byte), to prove that
/// nothing was touched.
fn files_of(path: &Path) -> Vec<(PathBuf, Option<(usize, u64)>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let p = taper_journal::files::sibling(path, s);
            let digest = std::fs::read(&p).ok().map(|bytes| {
                let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
                });
                (bytes.len(), hash)
            });
            (p, digest)
        })
        .collect()
}

/// A journal with `NOTE`, locked with `PASS` and closed.
fn lock_journal_with_note(path: &Path) {
    let mut j = journal_with_note(path);
    set_passphrase(&mut j, PASS);
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn set_passphrase(j: &mut Journal, pass: &str) {
    api::set_passphrase(
        j,
        json!({"passphrase": pass, "confirm": pass, "understood": true}),
    )
    .unwrap();
}

#[test]
fn an_encrypted_journal_holds_none_of_a_known_notes_text() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let mut j = journal_with_note(&path);
    let plain = std::fs::read(&path).unwrap();
    let wal = std::fs::read(taper_journal::files::sibling(&path, "-wal")).unwrap_or_default();
    assert!(
        contains(&plain, NOTE) || contains(&wal, NOTE),
        "the check is meaningful: unencrypted, the note is in the file"
    );

    set_passphrase(&mut j, PASS);
    assert!(j.is_encrypted());
    assert_eq!(note_of(&j), NOTE, "the open journal still reads");
    // A few more writes after encryption, so the WAL holds encrypted pages too.
    api::add_question(&mut j, "Mara asks about the tremor", today()).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let p = taper_journal::files::sibling(&path, suffix);
        if let Ok(bytes) = std::fs::read(&p) {
            for needle in [NOTE, "river with Mara", "clonazepam", "SQLite format 3"] {
                assert!(
                    !contains(&bytes, needle),
                    "{} holds {needle:?}",
                    p.display()
                );
            }
        }
    }
    drop(j);

    // At the next start the journal asks for its passphrase.
    assert!(matches!(start::open_at_start(&path), Found::Locked));
    // A wrong passphrase changes nothing and says so.
    let before = files_of(&path);
    let wrong = Passphrase::to_unlock("correct horse battery!", "passphrase").unwrap();
    assert!(matches!(
        start::unlock(&path, &wrong),
        Err(start::UnlockError::WrongPassphrase)
    ));
    assert_eq!(files_of(&path), before, "a wrong passphrase wrote nothing");
    let right = Passphrase::to_unlock(PASS, "passphrase").unwrap();
    let j = start::unlock(&path, &right).unwrap();
    assert_eq!(note_of(&j), NOTE);
}

#[test]
fn the_unlock_screen_refuses_a_wrong_passphrase_with_the_field_named() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    lock_journal_with_note(&path);

    let (mut session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "locked");
    let before = files_of(&path);
    let err = session.unlock("not it at all", today()).unwrap_err();
    assert_eq!(
        (err.kind.name(), err.field.as_deref()),
        ("wrong_passphrase", Some("passphrase"))
    );
    assert!(
        err.message.contains("Nothing was changed"),
        "{}",
        err.message
    );
    assert_eq!(files_of(&path), before);
    assert_eq!(session.view(None).state, "locked");
    let err = session.unlock("", today()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("passphrase"));

    let opened = session.unlock(PASS, today()).unwrap();
    assert_eq!(opened.state, "open");
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
    // Unlocking took the day's backup, encrypted like the journal.
    let backups = auto_backup::automatic_backups(&path);
    assert_eq!(backups.len(), 1);
    assert!(!file_check::is_plain_sqlite(&backups[0].path));
    assert!(!contains(&std::fs::read(&backups[0].path).unwrap(), NOTE));
}

#[test]
fn a_new_passphrase_is_refused_unless_confirmed_and_understood() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let mut j = journal_with_note(&path);
    let before = files_of(&path);
    for (input, field) in [
        (
            json!({"passphrase": "short", "confirm": "short", "understood": true}),
            "passphrase",
        ),
        (
            json!({"passphrase": "long enough", "confirm": "long enougH", "understood": true}),
            "confirm",
        ),
        (
            json!({"passphrase": "long enough", "confirm": "long enough"}),
            "understood",
        ),
        (
            json!({"passphrase": "tab\there ok", "confirm": "tab\there ok", "understood": true}),
            "passphrase",
        ),
        (
            json!({"passphrase": "long enough", "confirm": "long enough", "understood": true, "hint": "x"}),
            "hint",
        ),
    ] {
        let err = api::set_passphrase(&mut j, input.clone()).unwrap_err();
        assert_eq!(
            err.field.as_deref(),
            Some(field),
            "{input}: {}",
            err.message
        );
        assert!(!j.is_encrypted());
    }
    assert_eq!(files_of(&path), before, "nothing was written");
    assert!(!encryption::marked_encrypted(&path));
}

#[test]
fn change_and_remove_the_passphrase_and_backups_stay_locked_like_the_journal() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let mut j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(1)).unwrap();
    let backup = auto_backup::automatic_backups(&path).remove(0).path;
    assert!(file_check::is_plain_sqlite(&backup));

    set_passphrase(&mut j, PASS);
    assert!(encryption::marked_encrypted(&path));
    assert!(
        !file_check::is_plain_sqlite(&backup),
        "the backup was locked too"
    );
    assert!(!contains(&std::fs::read(&backup).unwrap(), NOTE));
    let old = Passphrase::to_unlock(PASS, "passphrase").unwrap();
    assert_eq!(file_check::check(&backup, Some(&old)), Ok(()));

    // Change: the current passphrase is checked first.
    let err = api::change_passphrase(
        &mut j,
        json!({"current": "not the one", "passphrase": "a brand new one", "confirm": "a brand new one"}),
    )
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("current"));
    api::change_passphrase(
        &mut j,
        json!({"current": PASS, "passphrase": "a brand new one", "confirm": "a brand new one"}),
    )
    .unwrap();
    let new = Passphrase::to_unlock("a brand new one", "passphrase").unwrap();
    assert_eq!(file_check::check(&backup, Some(&new)), Ok(()));
    assert_eq!(
        file_check::check(&backup, Some(&old)),
        Err(Problem::Unreadable)
    );
    assert_eq!(note_of(&j), NOTE);
    drop(j);
    assert!(matches!(
        start::unlock(&path, &old),
        Err(start::UnlockError::WrongPassphrase)
    ));
    let mut j = start::unlock(&path, &new).unwrap();

    // A backup restored while locked comes back whole.
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-22", "anxiety": 9, "mood": 2, "sleep_hours": "3", "sleep_quality": 1, "note": "a mistake"}),
        today(),
    )
    .unwrap();
    let name = auto_backup::automatic_backups(&path).remove(0).name;
    let restored = api::restore_auto_backup(&mut j, &name).unwrap();
    assert!(restored.restored, "{}", restored.message);
    let history = api::history(&j, today()).unwrap();
    let text = serde_json::to_string(&history).unwrap();
    assert!(
        !text.contains("a mistake"),
        "the restore replaced the later check-in"
    );
    assert_eq!(note_of(&j), NOTE);

    // Remove: the journal and its backups are readable without a passphrase again.
    api::remove_passphrase(&mut j, json!({"current": "a brand new one"})).unwrap();
    assert!(!j.is_encrypted());
    assert!(!encryption::marked_encrypted(&path));
    assert!(file_check::is_plain_sqlite(&path));
    assert!(file_check::is_plain_sqlite(&backup));
    drop(j);
    match start::open_at_start(&path) {
        Found::Open(j) => assert_eq!(note_of(&j), NOTE),
        _ => panic!("the journal should open without a passphrase"),
    }
}

/// The four kinds of file the app may find where the journal should be.
fn unusable_files(dir: &TempDir) -> Vec<(&'static str, PathBuf, &'static str)> {
    let mut out = Vec::new();

    let truncated = dir.path().join("truncated.db");
    drop(journal_with_note(&truncated));
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    out.push(("truncated", truncated, "The journal file looks damaged"));

    let random = dir.path().join("random.db");
    std::fs::write(&random, noise(0x9e37_79b9_7f4a_7c15, 20_000)).unwrap();
    out.push(("random bytes", random, "The journal file cannot be read"));

    let foreign = dir.path().join("foreign.db");
    let c = rusqlite::Connection::open(&foreign).unwrap();
    c.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(c);
    out.push((
        "another application's database",
        foreign,
        "This file is not a Taper Journal journal",
    ));

    let newer = dir.path().join("newer.db");
    drop(journal_with_note(&newer));
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.execute_batch("PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(c);
    out.push((
        "a newer version's journal",
        newer,
        "This journal is from a newer version of Taper Journal",
    ));
    out
}

#[test]
fn an_unusable_file_at_start_is_explained_and_never_changed() {
    let dir = TempDir::new().unwrap();
    for (what, path, title) in unusable_files(&dir) {
        let before = files_of(&path);
        let (mut session, _) = Session::start(path.clone(), today());
        let view = session.view(None);
        assert_eq!(view.state, "problem", "{what}");
        assert_eq!(view.title, title, "{what}");
        assert!(view
            .paragraphs
            .iter()
            .any(|p| p.contains("has not been changed")));
        assert!(view.can_start_new, "{what}");
        assert!(session.journal().is_err(), "{what}: no command reaches it");
        assert_eq!(
            files_of(&path),
            before,
            "{what}: the file was left exactly as it was"
        );
        // Starting again finds the same, and still changes nothing.
        let (again, _) = Session::start(path.clone(), today());
        assert_eq!(again.view(None).title, title);
        assert_eq!(files_of(&path), before, "{what}");
    }
}

#[test]
fn a_damaged_journal_can_be_replaced_by_the_latest_backup_and_is_kept_aside() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(2)).unwrap();
    drop(j);
    // The disk fails: half the file is gone.
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = std::fs::read(&path).unwrap();

    let (mut session, _) = Session::start(path.clone(), today());
    let view = session.view(None);
    assert_eq!(view.state, "problem");
    let offer = view.latest_backup.expect("the backup is offered");
    // What it holds is said, so that no one restores an empty journal by mistake.
    assert_eq!(
        offer.label,
        "the automatic backup from Friday 20 November 2026, with check-ins for 1 day,"
    );
    assert!(!offer.needs_passphrase);

    let opened = session.restore_latest(None).unwrap();
    assert_eq!(opened.state, "open");
    let notice = opened.notice.unwrap();
    assert!(notice.contains("kept, unchanged"), "{notice}");
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
    // The damaged file is beside it, byte for byte.
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("taper-journal-kept-"))
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged);
}

#[test]
fn a_new_journal_can_be_started_beside_an_unreadable_one() {
    let dir = TempDir::new().unwrap();
    let (_, random, _) = unusable_files(&dir).remove(1);
    let original = std::fs::read(&random).unwrap();
    let (mut session, _) = Session::start(random.clone(), today());
    let view = session.view(None);
    assert!(
        view.can_unlock,
        "an unreadable file may be locked: a passphrase is offered"
    );
    assert!(view.latest_backup.is_none());
    let err = session.unlock("some passphrase", today()).unwrap_err();
    assert_eq!(err.kind, "wrong_passphrase");
    assert_eq!(std::fs::read(&random).unwrap(), original);

    let opened = session.start_new_beside().unwrap();
    assert_eq!(opened.state, "open");
    let j = session.journal().unwrap();
    assert!(api::overview(j, today()).unwrap().medications.is_empty());
    let kept = opened.notice.unwrap();
    let kept_path = kept
        .split(" as ")
        .nth(1)
        .unwrap()
        .trim_end_matches('.')
        .to_string();
    assert_eq!(std::fs::read(kept_path).unwrap(), original);
}

/// The names of the medications in the open journal.
fn medications_of(session: &mut Session) -> Vec<String> {
    let j = session.journal().unwrap();
    api::overview(j, today())
        .unwrap()
        .medications
        .into_iter()
        .map(|m| m.name)
        .collect()
}

#[test]
fn a_locked_journal_set_aside_for_a_new_one_can_be_opened_again_and_switched_back() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    lock_journal_with_note(&path);

    // The passphrase is forgotten: a new journal is started beside the locked one.
    let (mut session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "locked");
    session.start_new_beside().unwrap();
    api::complete_setup(
        session.journal().unwrap(),
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "5", "since": "2026-11-20"}),
        today(),
    )
    .unwrap();
    let listed = api::settings(session.journal().unwrap()).unwrap().set_aside;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].locked && listed[0].can_open, "{listed:?}");
    let locked_name = listed[0].name.clone();
    let locked_file = dir.path().join(&locked_name);
    let locked_bytes = files_of(&locked_file);

    // Refusals change nothing: a wrong or missing passphrase, a name that is not listed.
    let refusals: [(&str, Option<&str>, &str); 5] = [
        (&locked_name, Some("not the passphrase"), "wrong_passphrase"),
        (&locked_name, None, "invalid_input"),
        ("../taper-journal.db", Some(PASS), "not_found"),
        ("taper-journal.db", None, "not_found"),
        ("/etc/passwd", None, "not_found"),
    ];
    for (name, pass, kind) in refusals {
        let err = session.reopen_set_aside(name, pass, today()).unwrap_err();
        assert_eq!(err.kind, kind, "{name}: {err:?}");
        assert_eq!(files_of(&locked_file), locked_bytes, "{name}");
        assert_eq!(medications_of(&mut session), ["diazepam"], "{name}");
    }

    // The passphrase came back: the locked journal is in place again, note and all, and
    // the new one is set aside in its turn.
    let opened = session
        .reopen_set_aside(&locked_name, Some(PASS), today())
        .unwrap();
    assert_eq!(opened.state, "open");
    assert!(
        opened.notice.as_deref().unwrap().contains("is open again"),
        "{opened:?}"
    );
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
    assert!(session.journal().unwrap().is_encrypted());
    assert!(!locked_file.exists());
    let listed = api::settings(session.journal().unwrap()).unwrap().set_aside;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(!listed[0].locked && listed[0].can_open, "{listed:?}");
    let new_name = listed[0].name.clone();

    // The next start asks for that journal's passphrase.
    drop(session);
    let (mut session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "locked");
    session.unlock(PASS, today()).unwrap();
    assert_eq!(note_of(session.journal().unwrap()), NOTE);

    // And back again: the new journal needs no passphrase.
    session.reopen_set_aside(&new_name, None, today()).unwrap();
    assert_eq!(medications_of(&mut session), ["diazepam"]);
    assert!(!session.journal().unwrap().is_encrypted());
    drop(session);
    let (mut session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open", "no passphrase asked");
    assert_eq!(medications_of(&mut session), ["diazepam"]);
    let listed = api::settings(session.journal().unwrap()).unwrap().set_aside;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].locked, "the locked journal is set aside again");
}

#[test]
fn a_journal_set_aside_that_still_cannot_be_opened_goes_back_and_the_journal_stays() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    drop(journal_with_note(&path));
    // A journal from an earlier version, set aside; its copy before the upgrade cannot be
    // written, so it passes its checks but cannot be opened.
    let old = dir.path().join("taper-journal-kept-2026-11-01-120000.db");
    {
        let mut c = rusqlite::Connection::open(&old).unwrap();
        taper_journal::store::migrations::migrate(&mut c, 4).unwrap();
    }
    let old_files = files_of(&old);
    let (mut session, _) = Session::start(path.clone(), today());
    let blocked = block_copies_before_upgrade(dir.path());

    let err = session
        .reopen_set_aside("taper-journal-kept-2026-11-01-120000.db", None, today())
        .unwrap_err();
    assert!(
        err.message
            .contains("could not be opened: the journal could not be upgraded safely")
            && err.message.ends_with("Nothing was changed."),
        "{err:?}"
    );
    assert_eq!(
        files_of(&old),
        old_files,
        "back under its own name, as it was"
    );
    assert_eq!(
        note_of(session.journal().unwrap()),
        NOTE,
        "the journal stays open"
    );
    let listed = api::settings(session.journal().unwrap()).unwrap().set_aside;
    assert_eq!(listed.len(), 1, "nothing else set aside: {listed:?}");

    // Once the copy can be written, it opens (upgraded) in the journal's place.
    for d in &blocked {
        std::fs::remove_dir(d).unwrap();
    }
    session
        .reopen_set_aside("taper-journal-kept-2026-11-01-120000.db", None, today())
        .unwrap();
    assert!(medications_of(&mut session).is_empty());
    assert!(!old.exists());
}

#[test]
fn a_journal_missing_after_a_switch_cut_off_offers_the_one_set_aside() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    drop(journal_with_note(&path));
    // Cut off after the journal was set aside, before the other was put in its place.
    let kept = dir.path().join("taper-journal-kept-2026-11-22-100000.db");
    std::fs::rename(&path, &kept).unwrap();

    // While a log is left where the journal was, nothing is guessed: it may belong to
    // either file.
    let stray = taper_journal::files::sibling(&path, "-wal");
    std::fs::write(&stray, b"a log of some journal").unwrap();
    let (mut session, _) = Session::start(path.clone(), today());
    let view = session.view(None);
    assert_eq!(view.title, "The journal file is missing");
    assert!(view.set_aside.is_empty(), "{view:?}");
    let kept_files = files_of(&kept);
    let err = session
        .reopen_set_aside("taper-journal-kept-2026-11-22-100000.db", None, today())
        .unwrap_err();
    assert!(
        err.message.starts_with("Nothing was changed")
            && err.message.contains(&stray.display().to_string()),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&stray).unwrap(), b"a log of some journal");
    assert_eq!(files_of(&kept), kept_files);

    // Without it, the journal set aside is offered and opens in its place.
    std::fs::remove_file(&stray).unwrap();
    let (mut session, _) = Session::start(path.clone(), today());
    let view = session.view(None);
    assert_eq!(view.title, "The journal file is missing");
    assert_eq!(view.set_aside.len(), 1, "{view:?}");
    assert_eq!(
        view.set_aside[0].name,
        "taper-journal-kept-2026-11-22-100000.db"
    );
    let opened = session
        .reopen_set_aside(&view.set_aside[0].name, None, today())
        .unwrap();
    assert_eq!(opened.state, "open");
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
    assert!(
        !opened.notice.unwrap().contains("you were using"),
        "there was no journal in use to keep"
    );
}

#[test]
fn a_failed_switch_from_a_locked_journal_leaves_it_locked_and_asking_for_its_passphrase() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    lock_journal_with_note(&path);
    let old = dir.path().join("taper-journal-kept-2026-11-01-120000.db");
    {
        let mut c = rusqlite::Connection::open(&old).unwrap();
        taper_journal::store::migrations::migrate(&mut c, 4).unwrap();
    }
    let (mut session, _) = Session::start(path.clone(), today());
    session.unlock(PASS, today()).unwrap();
    let blocked = block_copies_before_upgrade(dir.path());
    let err = session
        .reopen_set_aside("taper-journal-kept-2026-11-01-120000.db", None, today())
        .unwrap_err();
    assert!(err.message.ends_with("Nothing was changed."), "{err:?}");
    assert!(session.journal().unwrap().is_encrypted());
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
    drop(session);
    for d in &blocked {
        std::fs::remove_dir(d).unwrap();
    }
    assert!(encryption::marker_path(&path).exists(), "the marker stays");
    let (session, _) = Session::start(path.clone(), today());
    assert_eq!(
        session.view(None).state,
        "locked",
        "asks for the passphrase"
    );
}

#[test]
fn a_damaged_journal_set_aside_is_listed_but_not_offered() {
    let dir = TempDir::new().unwrap();
    let (_, damaged, _) = unusable_files(&dir).remove(0);
    let (mut session, _) = Session::start(damaged.clone(), today());
    assert_eq!(session.view(None).state, "problem");
    session.start_new_beside().unwrap();
    let listed = api::settings(session.journal().unwrap()).unwrap().set_aside;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(!listed[0].can_open, "{listed:?}");
    assert!(
        listed[0]
            .status
            .starts_with("Cannot be opened: the journal file looks damaged"),
        "{listed:?}"
    );
    let kept = dir.path().join(&listed[0].name);
    let before = files_of(&kept);
    let err = session
        .reopen_set_aside(&listed[0].name, None, today())
        .unwrap_err();
    assert!(err.message.contains("Nothing was changed"), "{err:?}");
    assert_eq!(files_of(&kept), before);
    assert!(session.journal().is_ok(), "the new journal stays open");
}

#[test]
fn automatic_backups_are_taken_once_a_day_and_rotated() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let j = journal_with_note(&path);
    let first = today() - Duration::days(59);
    for n in 0..60 {
        let day = first + Duration::days(n);
        assert!(j.back_up_if_due(day).unwrap().is_some(), "{day}");
        assert!(
            j.back_up_if_due(day).unwrap().is_none(),
            "only once on {day}"
        );
    }
    let kept: Vec<NaiveDate> = auto_backup::automatic_backups(&path)
        .iter()
        .map(|b| b.date)
        .collect();
    assert_eq!(kept.len(), DAILY_KEPT + WEEKLY_KEPT, "{kept:?}");
    // The 7 newest days, newest first: 22 Nov back to 16 Nov.
    assert_eq!(kept[0], today());
    assert_eq!(
        kept[DAILY_KEPT - 1],
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()
    );
    // Then the newest day of each of the 4 weeks before: Sundays 15, 8 and 1 Nov, 25 Oct.
    assert_eq!(
        &kept[DAILY_KEPT..],
        &["2026-11-15", "2026-11-08", "2026-11-01", "2026-10-25"]
            .map(|d| d.parse::<NaiveDate>().unwrap())
    );
    // Each is a whole, owner-only journal that opens and reads.
    let b = auto_backup::automatic_backups(&path).pop().unwrap();
    assert_eq!(file_check::check(&b.path, None), Ok(()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&b.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "backups are owner-only");
    }
    let copy = Journal::open(&b.path).unwrap();
    assert_eq!(note_of(&copy), NOTE);
}

#[test]
fn a_journal_left_by_a_killed_app_starts_normally() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let j = journal_with_note(&path);
    // No close: the write-ahead log is left behind, as after a crash or power cut.
    std::mem::forget(j);
    assert!(taper_journal::files::sibling(&path, "-wal").exists());
    let (mut session, notice) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open");
    assert_eq!(notice, None);
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
}

#[test]
fn a_second_copy_of_the_app_cannot_take_the_journal() {
    use taper_journal::store::lock::{JournalLock, Locked};
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let first = JournalLock::take(&path).unwrap();
    assert!(matches!(first, Locked::Taken(_)));
    assert!(matches!(JournalLock::take(&path).unwrap(), Locked::InUse));
    drop(first);
    assert!(matches!(
        JournalLock::take(&path).unwrap(),
        Locked::Taken(_)
    ));
}

#[test]
fn a_missing_journal_with_backups_is_not_silently_replaced_by_an_empty_one() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(1)).unwrap();
    drop(j);
    std::fs::remove_file(&path).unwrap();

    let (mut session, _) = Session::start(path.clone(), today());
    let view = session.view(None);
    assert_eq!(view.title, "The journal file is missing");
    assert!(!path.exists(), "no empty journal was created in its place");
    assert!(view.latest_backup.is_some());
    session.restore_latest(None).unwrap();
    assert_eq!(note_of(session.journal().unwrap()), NOTE);
}

#[test]
fn an_unreadable_copy_is_named_and_left_while_the_others_are_locked() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let mut j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(2)).unwrap();
    j.back_up_if_due(today() - Duration::days(1)).unwrap();
    // A stray file that looks like a backup by its name.
    let stray = auto_backup::folder(&path).join("taper-journal-2026-01-01.db");
    std::fs::write(&stray, b"not a database at all, just text").unwrap();

    let changed = api::set_passphrase(
        &mut j,
        json!({"passphrase": PASS, "confirm": PASS, "understood": true}),
    )
    .unwrap();
    assert!(
        changed
            .message
            .contains("1 of its copies could not be changed")
            && changed.message.contains("taper-journal-2026-01-01.db"),
        "{}",
        changed.message
    );
    assert_eq!(
        std::fs::read(&stray).unwrap(),
        b"not a database at all, just text"
    );
    let key = Passphrase::to_unlock(PASS, "passphrase").unwrap();
    for b in auto_backup::automatic_backups(&path)
        .iter()
        .filter(|b| b.path != stray)
    {
        assert_eq!(file_check::check(&b.path, Some(&key)), Ok(()), "{}", b.name);
    }
    // A second change carries on past the stray file too.
    let changed = api::change_passphrase(
        &mut j,
        json!({"current": PASS, "passphrase": "second passphrase", "confirm": "second passphrase"}),
    )
    .unwrap();
    assert!(
        changed.message.contains("1 of its copies"),
        "{}",
        changed.message
    );
    let second = Passphrase::to_unlock("second passphrase", "passphrase").unwrap();
    let newest = auto_backup::automatic_backups(&path).remove(0);
    assert_eq!(file_check::check(&newest.path, Some(&second)), Ok(()));
}

#[test]
fn copies_left_unlocked_by_an_interrupted_change_are_locked_at_the_next_start() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(1)).unwrap();
    let backup = auto_backup::automatic_backups(&path).remove(0).path;
    // The journal is locked, but the change stopped before its backup followed.
    let mut j = j;
    j.rewrite_with_key(Some(Passphrase::to_unlock(PASS, "passphrase").unwrap()))
        .unwrap();
    drop(j);
    assert!(file_check::is_plain_sqlite(&backup));

    let (mut session, _) = Session::start(path.clone(), today());
    session.unlock(PASS, today()).unwrap();
    assert!(!file_check::is_plain_sqlite(&backup), "locked at the start");
    assert!(!contains(&std::fs::read(&backup).unwrap(), NOTE));
}

#[test]
fn a_journal_from_an_earlier_version_is_kept_as_it_was_before_the_upgrade() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        taper_journal::store::migrations::migrate(&mut c, 4).unwrap();
    }
    let (session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open");
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy()
                .contains("taper-journal-before-upgrade-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let c = rusqlite::Connection::open(&kept[0]).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        v, 4,
        "the copy is the journal as it was, before migration 5"
    );
    // Opening an up-to-date journal keeps no such copy.
    drop(session);
    let _ = Session::start(path.clone(), today());
    let count = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-upgrade")
        })
        .count();
    assert_eq!(count, 1);
}

/// Makes the copy kept before an upgrade impossible to write in `dir` for the next two
/// minutes. It is written to `<name>.part` first; a folder in that place stops the write
/// even for root (as a full disk would). One for each second the test could take.
fn block_copies_before_upgrade(dir: &Path) -> Vec<PathBuf> {
    let now = chrono::Local::now();
    let blocked: Vec<PathBuf> = (-2..120)
        .map(|s| {
            let at = (now + Duration::seconds(s)).format("%Y-%m-%d-%H%M%S");
            dir.join(format!("taper-journal-before-upgrade-{at}.db.part"))
        })
        .collect();
    for d in &blocked {
        std::fs::create_dir(d).unwrap();
    }
    blocked
}

#[test]
fn a_journal_whose_copy_before_the_upgrade_cannot_be_written_is_left_as_it_was() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        taper_journal::store::migrations::migrate(&mut c, 4).unwrap();
    }
    let blocked = block_copies_before_upgrade(dir.path());
    let before = files_of(&path);

    let (session, _) = Session::start(path.clone(), today());
    let view = session.view(None);
    assert_eq!(view.state, "problem");
    assert_eq!(view.title, "The journal could not be upgraded safely");
    drop(session);
    assert_eq!(files_of(&path), before, "nothing was written or moved");
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 4, "not upgraded without its copy");
    drop(c);

    // Once the copy can be written, the same journal is kept as it was and upgraded.
    for d in &blocked {
        std::fs::remove_dir(d).unwrap();
    }
    let (session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open");
}

#[test]
fn a_damaged_file_and_its_write_ahead_log_are_kept_aside_together() {
    let dir = TempDir::new().unwrap();
    let (_, random, _) = unusable_files(&dir).remove(1);
    let wal = taper_journal::files::sibling(&random, "-wal");
    std::fs::write(&wal, b"a log that belongs to the damaged file").unwrap();
    let (mut session, _) = Session::start(random.clone(), today());
    assert_eq!(session.view(None).state, "problem");
    assert_eq!(
        std::fs::read(&wal).unwrap(),
        b"a log that belongs to the damaged file"
    );
    let opened = session.start_new_beside().unwrap();
    let kept = opened
        .notice
        .unwrap()
        .split(" as ")
        .nth(1)
        .unwrap()
        .trim_end_matches('.')
        .to_string();
    assert_eq!(
        std::fs::read(format!("{kept}-wal")).unwrap(),
        b"a log that belongs to the damaged file",
        "the log went with its file"
    );
    assert!(api::overview(session.journal().unwrap(), today())
        .unwrap()
        .medications
        .is_empty());
}

#[test]
fn the_journal_kept_aside_by_a_restore_is_listed_and_can_be_restored_in_turn() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    let mut j = journal_with_note(&path);
    j.back_up_if_due(today() - Duration::days(1)).unwrap();
    api::add_question(&mut j, "Written after the backup", today()).unwrap();
    let has_question = |j: &Journal| {
        serde_json::to_string(&api::visits(j).unwrap())
            .unwrap()
            .contains("Written after the backup")
    };
    let name = auto_backup::automatic_backups(&path).remove(0).name;
    api::restore_auto_backup(&mut j, &name).unwrap();
    assert!(!has_question(&j));

    let settings = api::settings(&j).unwrap();
    assert_eq!(settings.kept.len(), 1, "{:?}", settings.kept);
    assert!(
        settings.kept[0]
            .date_label
            .starts_with("Kept before a restore, "),
        "{}",
        settings.kept[0].date_label
    );
    let restored = api::restore_auto_backup(&mut j, &settings.kept[0].name).unwrap();
    assert!(
        restored.message.starts_with("Restored the copy kept on"),
        "{}",
        restored.message
    );
    assert!(
        has_question(&j),
        "the journal as it was before the first restore is back"
    );
    // A name that is not listed is refused, whatever it points at.
    let err = api::restore_auto_backup(&mut j, "../taper-journal.db").unwrap_err();
    assert_eq!(err.kind, "not_found");
}

#[test]
fn no_automatic_backup_is_taken_of_a_journal_not_yet_set_up() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("taper-journal.db");
    // The first start makes the journal; setup is not done yet.
    let (session, _) = Session::start(path.clone(), today());
    assert_eq!(session.view(None).state, "open");
    drop(session);
    assert!(auto_backup::automatic_backups(&path).is_empty());

    // Once set up, the next start takes its backup, and Settings says what it holds.
    drop(journal_with_note(&path));
    let (mut session, _) = Session::start(path.clone(), today() + Duration::days(1));
    let backups = auto_backup::automatic_backups(&path);
    assert_eq!(backups.len(), 1);
    let settings = api::settings(session.journal().unwrap()).unwrap();
    assert!(
        settings.backups[0]
            .size_label
            .ends_with(", with check-ins for 1 day"),
        "{}",
        settings.backups[0].size_label
    );
}
