//! A check-in on a full disk: refused in view, saved once space is back.

use super::*;
use chrono::Local;

const FULL_DISK_TEST_PORT: u16 = 4464;

/// A check-in saved on a disk filled to the last byte (the journal on a small tmpfs): the
/// person sees, in the save bar at the moment of the click and at the default and the
/// smallest window, that the disk is full and nothing was lost; what they typed stays in
/// the form, and the same press saves it once space is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_in_on_a_full_disk_is_refused_in_view_and_saved_once_space_is_back() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let Some(disk) = support::tmpfs::Tmpfs::mount(4096) else {
        return;
    };
    let journal = disk.path().join("e2e-full-disk.db");
    let out = artifacts();
    let log = out.join("tauri-driver-full-disk.log");
    let driver = TauriDriver::start(&journal, &log, FULL_DISK_TEST_PORT, &[]);
    let c = open_app(FULL_DISK_TEST_PORT).await;
    set_up_today(&c, "clonazepam", "1").await;
    let filler = support::tmpfs::fill(disk.path());

    for (w, h, size) in [(1100, 800, "default"), (480, 480, "480")] {
        t("window size", c.set_window_size(w, h)).await;
        fill(&c, "Anxiety (0–10)", "7").await;
        press(&c, "Save check-in").await;
        let said = see(&c, "The disk is full.").await;
        assert!(
            said.contains("Nothing was changed just now")
                && said.contains("anything you typed is still here"),
            "{said}"
        );
        assert_in_view(&c, ".form-status.problem", &format!("full disk, {size}")).await;
        shot(&c, &out, &format!("full-disk-1-refused-{size}")).await;
        assert_eq!(
            value_of(&c, "Anxiety (0–10)").await,
            "7",
            "what was typed stays"
        );
    }

    std::fs::remove_file(&filler).expect("free the disk");
    press(&c, "Save check-in").await;
    see(&c, "Saved your check-in").await;
    shot(&c, &out, "full-disk-2-saved").await;
    t("close session", c.close()).await;
    drop(driver);
    // The app gone before the tmpfs is unmounted (else it is busy, and stays mounted).
    wait_until_closed(&journal).await;
    let j = taper_journal::store::Journal::open(&journal).expect("journal");
    let saved = j.check_ins().expect("check-ins");
    assert_eq!(saved.len(), 1, "one check-in, saved once");
    assert_eq!(saved[0].date, Local::now().date_naive());
    assert_eq!(saved[0].anxiety, Some(7), "what was typed on the full disk");
}
