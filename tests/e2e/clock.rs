//! Past midnight: a form open keeps its day and says so.

use super::*;
use chrono::{Duration as Days, Local};
use std::path::Path;
use std::time::Duration;

const CLOCK_TEST_PORT: u16 = 4466;

/// Moves the running app's clock (a debug build reads the offset at every look) to
/// `at` local time.
fn set_clock(file: &Path, at: chrono::NaiveDateTime) {
    let at = at
        .and_local_timezone(Local)
        .earliest()
        .expect("a local time");
    let offset = (at - Local::now()).num_seconds();
    std::fs::write(file, offset.to_string()).expect("write the test clock");
}

/// Midnight passes with today's check-in half typed: the form keeps the day it was opened
/// for and says so in the save bar, in view at the default and the smallest window; the
/// save lands on that day; Today then opens the new day, and an untouched form follows
/// the next midnight by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_open_past_midnight_keeps_its_day_and_says_so() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("e2e-clock.db");
    let clock = dir.path().join("clock");
    std::fs::write(&clock, "0").unwrap();
    let out = artifacts();
    let log = out.join("tauri-driver-clock.log");
    let driver = TauriDriver::start(
        &journal,
        &log,
        CLOCK_TEST_PORT,
        &[(taper_journal::clock::TEST_CLOCK_FILE, clock.as_path())],
    );
    let c = open_app(CLOCK_TEST_PORT).await;
    set_up_today(&c, "clonazepam", "1").await;
    let day = Local::now().date_naive();
    let long = |d: chrono::NaiveDate| d.format("%A %-d %B %Y").to_string();
    see(&c, &format!("Today — {}", long(day))).await;

    fill(&c, "Anxiety (0–10)", "6").await;
    fill(&c, "Note (optional)", "typed before midnight").await;
    // Half a minute after the next midnight; the page looks again within 20 s.
    let next = day + Days::days(1);
    set_clock(&clock, next.and_hms_opt(0, 0, 30).unwrap());
    let said = see_within(&c, "This form is still for", Duration::from_secs(40)).await;
    assert_eq!(
        said,
        format!(
            "It is now {}. This form is still for {}, the day it was opened for: saving it keeps it on that day.",
            long(next),
            long(day)
        )
    );
    see(&c, &format!("Check-in for {}", long(day))).await;
    for (w, h, size) in [(1100, 800, "default"), (480, 480, "480")] {
        t("window size", c.set_window_size(w, h)).await;
        assert_in_view(&c, ".kept-day", &format!("past midnight, {size}")).await;
        shot(&c, &out, &format!("clock-1-kept-day-{size}")).await;
    }
    assert_eq!(
        value_of(&c, "Anxiety (0–10)").await,
        "6",
        "what was typed stays"
    );
    t("window size", c.set_window_size(1100, 800)).await;
    press(&c, "Save check-in").await;
    see(&c, &format!("Saved your check-in for {}.", long(day))).await;
    shot(&c, &out, "clock-2-saved-on-its-day").await;

    // Once saved, the form is that day's, with the way back to today.
    press(&c, "Back to today").await;
    see(&c, &format!("Today — {}", long(next))).await;
    // Nothing typed: the form follows the next midnight by itself.
    let after = next + Days::days(1);
    set_clock(&clock, after.and_hms_opt(0, 0, 5).unwrap());
    see_within(
        &c,
        &format!("Today — {}", long(after)),
        Duration::from_secs(40),
    )
    .await;
    shot(&c, &out, "clock-3-followed").await;
    t("close session", c.close()).await;
    drop(driver);

    let j = taper_journal::store::Journal::open(&journal).expect("journal");
    let saved = j.check_ins().expect("check-ins");
    assert_eq!(saved.len(), 1, "one check-in: {saved:?}");
    assert_eq!(saved[0].date, day, "saved on the day its form was for");
    assert_eq!(
        (saved[0].anxiety, saved[0].note.as_deref()),
        (Some(6), Some("typed before midnight"))
    );
}
