//! Reminders in the real window, delivered to a real notification server: Debian's
//! python3-dbusmock (template notification_daemon) on a D-Bus session bus of this test's
//! own, which records every Notify call. The app talks to that bus alone, so another
//! test's bus or the machine's own desktop never sees these notifications.
//!
//! Runs with TAPER_E2E=1, as `./dev.sh test` sets.

mod support {
    pub mod bus;
    pub mod driver;
}
use chrono::Local;
use std::path::Path;
use std::time::Duration;
use support::bus::*;
use support::driver::*;

const REMINDERS_TEST_PORT: u16 = 4458;
/// "Remind me in an hour" lasts this long in the test (a debug build's override).
const SNOOZE_SECONDS: u64 = 5;

async fn save_reminders(c: &fantoccini::Client, time: &str) {
    press(c, "Settings").await;
    see(c, "Reminders").await;
    fill(c, "Reminder time", time).await;
    let daily = by_label(c, "The daily check-in").await;
    if t("checked", daily.prop("checked")).await.as_deref() != Some("true") {
        centre(c, &daily).await;
        t("tick the daily check-in", daily.click()).await;
    }
    press(c, "Save reminders").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_is_neutral_said_when_it_fails_snoozes_and_stops_once_checked_in() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("reminders-journal.db");
    let log = tmp.path().join("notifications.log");
    let out = artifacts();
    let (_bus, address) = private_bus(tmp.path());
    let mut server = Some(notification_server(&address, &log));
    let snooze = SNOOZE_SECONDS.to_string();
    let _driver = TauriDriver::start(
        &journal,
        &out.join("reminders-driver.log"),
        REMINDERS_TEST_PORT,
        &[
            ("DBUS_SESSION_BUS_ADDRESS", Path::new(&address)),
            ("TAPER_TEST_SNOOZE_SECONDS", Path::new(&snooze)),
        ],
    );
    let c = open_app(REMINDERS_TEST_PORT).await;
    set_up_today(&c, "lorazepam", "2").await;

    // Off until turned on: nothing is shown.
    press(&c, "Settings").await;
    see(&c, "All reminders are off.").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(notifications(&log).is_empty());

    // The daily check-in at the minute now: due at once, and neutral. (In the last minute
    // of a day, the time would be tomorrow's by the time it is saved: wait for the new day.)
    while Local::now().format("%H:%M").to_string() == "23:59" {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let now = Local::now().format("%H:%M").to_string();
    save_reminders(&c, &now).await;
    let shown = until_shown(&log, 1, "the check-in reminder").await;
    assert_eq!(
        shown[0],
        (
            "Taper Journal".to_string(),
            "Time for your check-in.".to_string()
        )
    );
    shot(&c, &out, "reminders-1-settings").await;
    // At the smallest window the card's status and controls still fit its width.
    t("small window", c.set_window_size(480, 480)).await;
    press(&c, "Today").await;
    press(&c, "Settings").await;
    see(&c, "Next reminder: tomorrow at").await;
    shot(&c, &out, "reminders-1b-settings-480").await;
    t("default window", c.set_window_size(1100, 800)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(notifications(&log).len(), 1, "once a day, not again");

    // No notification service: the reminder that falls due after the snooze cannot be
    // shown, and Settings says so.
    drop(server.take());
    press(&c, "Remind me in an hour").await;
    see(&c, "Next reminder: today at").await;
    tokio::time::sleep(Duration::from_secs(SNOOZE_SECONDS + 2)).await;
    press(&c, "Today").await;
    press(&c, "Settings").await;
    let problem = see(&c, "The last reminder could not be shown").await;
    assert!(
        problem.contains("no notification service answered"),
        "{problem}"
    );
    see(&c, "A reminder is due now.").await;
    shot(&c, &out, "reminders-2-problem").await;

    // The service back and "Remind me in an hour" again: nothing during the snooze, then
    // the reminder (it was not recorded as shown), and the problem goes.
    server = Some(notification_server(&address, &log));
    press(&c, "Remind me in an hour").await;
    see(&c, "Next reminder: today at").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(notifications(&log).is_empty(), "nothing while snoozed");
    let shown = until_shown(&log, 1, "the reminder after the snooze").await;
    assert_eq!(shown.last().unwrap().1, "Time for your check-in.");
    press(&c, "Today").await;
    press(&c, "Settings").await;
    see(&c, "Reminders").await;
    let problems = t(
        "problem",
        c.find_all(fantoccini::Locator::Css(".reminder-problem")),
    )
    .await;
    assert!(
        problems.is_empty(),
        "the problem is gone once a reminder was shown"
    );

    // The check-in saved, then "Remind me in an hour": the snooze ends with nothing to say,
    // and the next reminder is tomorrow's.
    press(&c, "Today").await;
    see(&c, "Today — ").await;
    fill(&c, "Anxiety (0–10)", "2").await;
    press(&c, "Save check-in").await;
    see(&c, "Saved your check-in").await;
    press(&c, "Settings").await;
    press(&c, "Remind me in an hour").await;
    see(&c, "Next reminder: today at").await;
    tokio::time::sleep(Duration::from_secs(SNOOZE_SECONDS + 3)).await;
    assert_eq!(
        notifications(&log).len(),
        1,
        "nothing after the check-in: {:?}",
        notifications(&log)
    );
    // Saving the same settings again repeats nothing either.
    press(&c, "Save reminders").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        notifications(&log).len(),
        1,
        "a second save is not a second reminder"
    );
    press(&c, "Today").await;
    press(&c, "Settings").await;
    see(&c, "Next reminder: tomorrow at").await;
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
    drop(server);
}
