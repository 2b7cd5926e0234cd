//! Storage: an unreadable file, a passphrase, backups and a second start.

use super::*;
use chrono::Local;
use fantoccini::Locator;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STORAGE_TEST_PORT: u16 = 4448;

/// Every byte of a file, or none.
fn bytes_of(p: &Path) -> Option<Vec<u8>> {
    std::fs::read(p).ok()
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_file_a_passphrase_backups_and_a_second_start() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("taper-journal.db");
    let out = artifacts();
    let log = out.join("tauri-driver-storage.log");
    // Where the journal should be: 8 KB of noise (a damaged disk, or a stray file).
    let noise = support::noise::noise(0x2545_f491_4f6c_dd1d, 8192);
    std::fs::write(&journal, &noise).expect("noise");
    let _driver = TauriDriver::start(&journal, &log, STORAGE_TEST_PORT, &[]);
    let mut audit = Audit::new("storage");

    // --- The file is explained, left alone, and a new journal started beside it.
    let c = open_app(STORAGE_TEST_PORT).await;
    see(&c, "The journal file cannot be read").await;
    see(&c, "has not been changed or deleted").await;
    shot(&c, &out, "storage-1-unreadable").await;
    audit.screen(&c, "Start (unreadable file)").await;
    assert_eq!(
        bytes_of(&journal),
        Some(noise.clone()),
        "the file is untouched"
    );
    press(&c, "Start a new, empty journal…").await;
    press(&c, "Yes, start a new journal").await;
    see(&c, "A new journal was started").await;
    see(&c, "Welcome to Taper Journal").await;
    let kept: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains("taper-journal-kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(bytes_of(&kept[0]), Some(noise), "kept aside byte for byte");

    fill(&c, "Medication name", "clonazepam").await;
    fill(&c, "Current total daily dose (mg)", "1").await;
    fill(
        &c,
        "Taking this dose since",
        &ymd(Local::now().date_naive()),
    )
    .await;
    press(&c, "Start my journal").await;
    see(&c, "Today — ").await;
    press(&c, "Visits").await;
    fill(
        &c,
        "A question for your prescriber",
        "Ask about the river walk",
    )
    .await;
    press(&c, "Add question").await;
    see(&c, "Ask about the river walk").await;

    // --- Settings: lock with a passphrase, refused until the warning is acknowledged.
    press(&c, "Settings").await;
    see(&c, "There are no automatic backups yet").await;
    see(&c, "A forgotten passphrase cannot be recovered").await;
    button(&c, "Save an unencrypted backup first…").await;
    fill(&c, "New passphrase", "river stones 42").await;
    fill(&c, "The same passphrase again", "river stones 42").await;
    press(&c, "Lock with this passphrase").await;
    see(&c, "Please tick the box").await;
    audit
        .screen(&c, "Settings (no backups yet, a refused passphrase)")
        .await;
    let tick = by_label(
        &c,
        "I understand that if I forget this passphrase, my journal cannot be opened, by me or by anyone.",
    )
    .await;
    centre(&c, &tick).await;
    t("tick", tick.click()).await;
    press(&c, "Lock with this passphrase").await;
    see(&c, "The journal is locked with a passphrase").await;
    shot(&c, &out, "storage-2-locked").await;
    audit
        .screen(&c, "Settings (locked with a passphrase)")
        .await;
    for suffix in ["", "-wal"] {
        let p = taper_journal::files::sibling(&journal, suffix);
        if let Some(bytes) = bytes_of(&p) {
            assert!(
                !holds(&bytes, "river walk"),
                "{} holds the question",
                p.display()
            );
            assert!(
                !holds(&bytes, "SQLite format 3"),
                "{} is not encrypted",
                p.display()
            );
        }
    }
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;

    // --- Next start: the unlock screen. A wrong passphrase changes nothing.
    let c = open_app(STORAGE_TEST_PORT).await;
    see(&c, "Your journal is locked").await;
    let before = bytes_of(&journal);
    fill(&c, "Passphrase", "river stones 41").await;
    press(&c, "Unlock").await;
    see(&c, "That passphrase did not open the journal").await;
    shot(&c, &out, "storage-3-wrong-passphrase").await;
    audit.screen(&c, "Start (locked, a wrong passphrase)").await;
    assert_eq!(
        bytes_of(&journal),
        before,
        "a wrong passphrase wrote nothing"
    );
    fill(&c, "Passphrase", "river stones 42").await;
    press(&c, "Unlock").await;
    see(&c, "Today — ").await;

    // --- The backup taken at this start is listed, locked, and restores after a confirm:
    // a question added after it is gone again.
    press(&c, "Visits").await;
    fill(
        &c,
        "A question for your prescriber",
        "Added after the backup",
    )
    .await;
    press(&c, "Add question").await;
    see(&c, "Added after the backup").await;
    press(&c, "Settings").await;
    see(&c, "locked with the passphrase").await;
    shot(&c, &out, "storage-4-settings").await;
    audit.screen(&c, "Settings (a backup listed)").await;
    press(&c, "Restore…").await;
    let yes = t(
        "confirm button",
        c.wait().at_most(STEP_TIMEOUT).for_element(Locator::XPath(
            "//button[starts-with(normalize-space(), 'Yes, restore')]",
        )),
    )
    .await;
    audit.screen(&c, "Settings (restoring asks first)").await;
    t("confirm", yes.click()).await;
    see(&c, "Restored the automatic backup from").await;
    see(&c, "Kept before a restore").await;
    press(&c, "Visits").await;
    see(&c, "Ask about the river walk").await;
    let page = t("page text", c.source()).await;
    assert!(
        !page.contains("Added after the backup"),
        "the restore took it away"
    );

    // --- A second start hands over to this window and never opens the journal.
    let second_log = out.join("second-start.log");
    let mut second = Command::new(env!("CARGO_BIN_EXE_taper-journal"))
        .env("TAPER_JOURNAL_DB", &journal)
        .stdout(Stdio::null())
        .stderr(Stdio::from(
            std::fs::File::create(&second_log).expect("log"),
        ))
        .spawn()
        .expect("second start");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = second.try_wait().expect("wait") {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            let _ = second.wait();
            break None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let second_said = std::fs::read_to_string(&second_log).unwrap_or_default();
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        // With a session bus the second start finds the first, asks it to come to the
        // front, and exits.
        assert!(
            status.is_some_and(|s| s.success()),
            "the second start should exit at once: {status:?}, {second_said}"
        );
        let first_said = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            first_said.contains("started again; showing the open window"),
            "the first window was told: {first_said}"
        );
        assert!(
            second_said.contains("already open; asked that window to come to the front"),
            "the second start handed over before starting any window code: {second_said}"
        );
        assert!(
            !second_said.contains("interactive"),
            "the second start never showed a window: {second_said}"
        );
    } else {
        // Without one, the journal's lock still keeps the second copy out of it.
        assert!(
            second_said.contains("open in another window; not opening it"),
            "{second_said}"
        );
    }
    see(&c, "Ask about the river walk").await;
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;

    // --- The passphrase is forgotten: a new journal beside the locked one. When it comes
    // back, Settings opens the locked journal again, and the new one is set aside.
    let c = open_app(STORAGE_TEST_PORT).await;
    see(&c, "Your journal is locked").await;
    press(&c, "Start a new, empty journal…").await;
    press(&c, "Yes, start a new journal").await;
    set_up_today(&c, "diazepam", "5").await;
    press(&c, "Settings").await;
    see(&c, "Journals set aside").await;
    // Newest first: the locked journal, then the unreadable file from the first start.
    press(&c, "Open again…").await;
    fill(&c, "Passphrase of that journal", "river stones 41").await;
    press(&c, "Yes, open it").await;
    see(&c, "That passphrase did not open this journal").await;
    shot(&c, &out, "storage-5-set-aside").await;
    audit
        .screen(&c, "Settings (a journal set aside, a wrong passphrase)")
        .await;
    fill(&c, "Passphrase of that journal", "river stones 42").await;
    press(&c, "Yes, open it").await;
    see(&c, "is open again").await;
    shot(&c, &out, "storage-6-opened-again").await;
    press(&c, "Visits").await;
    see(&c, "Ask about the river walk").await;
    press(&c, "Settings").await;
    see(&c, "Journals set aside").await;
    see(&c, "Can be opened").await;
    shot(&c, &out, "storage-7-switch-back").await;
    audit
        .screen(&c, "Settings (the new journal set aside in turn)")
        .await;
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;

    // --- A switch cut off half-way leaves no journal, only journals set aside: the start
    // screen offers them.
    let cut_off = journal.with_file_name(format!(
        "taper-journal-kept-{}.db",
        (Local::now() + chrono::Duration::hours(1)).format("%Y-%m-%d-%H%M%S")
    ));
    // Set aside whole, with SQLite's files beside it (the window was closed, not quit).
    for suffix in ["-wal", "-shm", ""] {
        let from = taper_journal::files::sibling(&journal, suffix);
        if from.exists() {
            let to = taper_journal::files::sibling(&cut_off, suffix);
            std::fs::rename(&from, &to).expect("set the journal aside");
        }
    }
    let c = open_app(STORAGE_TEST_PORT).await;
    see(&c, "The journal file is missing").await;
    see(&c, "Open a journal set aside").await;
    shot(&c, &out, "storage-8-missing").await;
    audit
        .screen(&c, "Start (journal missing, journals set aside)")
        .await;
    // Newest first: the one just set aside.
    fill(&c, "Passphrase of that journal", "river stones 42").await;
    press(&c, "Open this journal").await;
    see(&c, "is open again").await;
    shot(&c, &out, "storage-9-opened-from-start").await;
    press(&c, "Visits").await;
    see(&c, "Ask about the river walk").await;
    t("close session", c.close()).await;
    audit.assert_clean();
}
