//! Staying open for reminders, in the real window on a desktop of the test's own: a tray
//! (a StatusNotifierWatcher with a host, tests/support/desktop.py) and a recording
//! notification server on a private D-Bus session bus, the window's close button pressed
//! through X as a window manager would. Checks the tray's menu and what each entry does,
//! "keep running in the tray" with its first-close dialog (at the default and the smallest
//! window), the login item, and a notification's "Remind me in an hour" button.
//!
//! Runs with TAPER_E2E=1, as `./dev.sh test` sets.

mod support {
    pub mod bus;
    pub mod driver;
}
use chrono::Local;
use fantoccini::key::Key;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::bus::*;
use support::driver::*;

const TRAY_TEST_PORT: u16 = 4460;
const SNOOZE_SECONDS: u64 = 5;
const WINDOW_TITLE: &str = "Taper Journal";

fn desktop_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/desktop.py")
}

/// Runs tests/support/desktop.py with `args` on `bus`; its output.
fn desktop(bus: &str, args: &[&str]) -> String {
    let out = Command::new("/usr/bin/python3")
        .arg(desktop_script())
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .output()
        .expect("python3 (python3-dbus, python3-gi, python3-xlib)");
    assert!(
        out.status.success(),
        "desktop.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A tray on `bus`; the items that register with it are written to `items`.
fn tray(bus: &str, items: &Path) -> Killed {
    let tray = Killed(
        Command::new("/usr/bin/python3")
            .arg(desktop_script())
            .arg("tray")
            .arg(items)
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3"),
    );
    wait_for_service(
        bus,
        "org.kde.StatusNotifierWatcher",
        "/StatusNotifierWatcher",
    );
    tray
}

/// The app's tray item, once it has registered.
async fn tray_item(items: &Path) -> String {
    let deadline = Instant::now() + STEP_TIMEOUT;
    loop {
        let text = std::fs::read_to_string(items).unwrap_or_default();
        if let Some(item) = text.lines().next() {
            return item.to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no tray icon registered with the tray"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The tray menu's entries: (id, label).
fn menu(bus: &str, item: &str) -> Vec<(i64, String)> {
    serde_json::from_str(&desktop(bus, &["menu", item])).expect("menu as JSON")
}

/// Clicks the tray menu's entry `label`.
fn click(bus: &str, item: &str, label: &str) {
    let (id, _) = menu(bus, item)
        .into_iter()
        .find(|(_, l)| l == label)
        .unwrap_or_else(|| panic!("no {label:?} in the tray menu"));
    desktop(bus, &["click", item, &id.to_string()]);
}

/// Waits until the window is mapped (`shown`) or not.
async fn until_window(bus: &str, shown: bool, when: &str) {
    let want = if shown { "shown" } else { "hidden" };
    let deadline = Instant::now() + STEP_TIMEOUT;
    while desktop(bus, &["shown", WINDOW_TITLE]) != want {
        assert!(
            Instant::now() < deadline,
            "{when}: the window is not {want}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The first-close dialog, checked as a person sees it; its text.
async fn close_dialog(c: &fantoccini::Client, when: &str) -> String {
    let seen = dialog_in_view(c, "dialog.close-dialog[open]", when)
        .await
        .unwrap_or_else(|| panic!("{when}: no dialog when the window was closed"));
    seen["text"].as_str().unwrap_or_default().to_string()
}

async fn no_dialog(c: &fantoccini::Client) -> bool {
    t(
        "dialogs",
        c.find_all(fantoccini::Locator::Css("dialog.close-dialog")),
    )
    .await
    .is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_keeps_the_app_open_to_remind_and_a_notification_can_snooze() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("tray-journal.db");
    let log = tmp.path().join("notifications.log");
    let items = tmp.path().join("tray-items");
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let out = artifacts();
    let (_bus, bus) = private_bus(tmp.path());
    let _server = notification_server(&bus, &log);
    let _tray = tray(&bus, &items);
    let snooze = SNOOZE_SECONDS.to_string();
    let _driver = TauriDriver::start(
        &journal,
        &out.join("tray-driver.log"),
        TRAY_TEST_PORT,
        &[
            ("DBUS_SESSION_BUS_ADDRESS", Path::new(&bus)),
            ("TAPER_TEST_SNOOZE_SECONDS", Path::new(&snooze)),
            // The login item is written under $HOME/.config/autostart: the test's own.
            ("HOME", &home),
        ],
    );
    let c = open_app(TRAY_TEST_PORT).await;
    set_up_today(&c, "lorazepam", "2").await;

    // The tray icon and its menu.
    let item = tray_item(&items).await;
    let labels: Vec<String> = menu(&bus, &item).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        labels,
        [
            "Open Taper Journal",
            "Check in now",
            "Remind me in an hour",
            "Quit Taper Journal"
        ]
    );

    // Off by default: closing would quit. Turned on, with starting at login.
    press(&c, "Settings").await;
    see(&c, "Staying open for reminders").await;
    see(&c, "Closing the window quits Taper Journal").await;
    for label in [
        "Keep running in the tray when the window is closed",
        "Start at login, in the tray",
    ] {
        let b = by_label(&c, label).await;
        assert_eq!(
            t("checked", b.prop("checked")).await.as_deref(),
            Some("false"),
            "{label} is off by default"
        );
        centre(&c, &b).await;
        t(label, b.click()).await;
    }
    let card = t(
        "the card",
        c.find(fantoccini::Locator::Css("form.staying-open")),
    )
    .await;
    t(
        "save",
        card.find(fantoccini::Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click(),
    )
    .await;
    see(&c, "Closing the window leaves Taper Journal in the tray").await;
    shot(&c, &out, "tray-1-settings").await;
    let autostart = home.join(".config/autostart");
    let entries: Vec<_> = std::fs::read_dir(&autostart)
        .expect("the login item's folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(entries.len(), 1, "one login item: {entries:?}");
    let entry = std::fs::read_to_string(&entries[0]).expect("login item");
    let exec = entry
        .lines()
        .find(|l| l.starts_with("Exec="))
        .expect("Exec line");
    assert!(exec.ends_with(" --in-tray"), "{exec}");

    // The first close, at the smallest window: the dialog says where the app goes; Escape
    // keeps the window.
    t("small window", c.set_window_size(480, 480)).await;
    let card = t(
        "the card",
        c.find(fantoccini::Locator::Css("form.staying-open")),
    )
    .await;
    centre(&c, &card).await;
    shot(&c, &out, "tray-1b-settings-480").await;
    desktop(&bus, &["close", WINDOW_TITLE]);
    let said = close_dialog(&c, "480 window, first close").await;
    assert!(said.contains("keeps running in the tray"), "{said}");
    shot(&c, &out, "tray-2-first-close-480").await;
    keys(&c, &char::from(Key::Escape).to_string()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(no_dialog(&c).await, "Escape closes the dialog");
    until_window(&bus, true, "kept open with Escape").await;

    // Asked again at the default size; "Close the window" hides it into the tray.
    t("default window", c.set_window_size(1100, 800)).await;
    desktop(&bus, &["close", WINDOW_TITLE]);
    close_dialog(&c, "default window, first close").await;
    shot(&c, &out, "tray-3-first-close").await;
    press(&c, "Close the window").await;
    until_window(&bus, false, "closed to the tray").await;

    // "Check in now" brings it back on Today.
    click(&bus, &item, "Check in now");
    until_window(&bus, true, "Check in now").await;
    see(&c, "Today — ").await;

    // Later closes go straight to the tray; "Open Taper Journal" brings it back as it was.
    desktop(&bus, &["close", WINDOW_TITLE]);
    until_window(&bus, false, "a later close").await;
    assert!(no_dialog(&c).await, "only the first close asks");
    click(&bus, &item, "Open Taper Journal");
    until_window(&bus, true, "Open").await;

    // Single instance holds with the window in the tray: a second start shows it and
    // goes; the login item's start (--in-tray) leaves it where it is.
    desktop(&bus, &["close", WINDOW_TITLE]);
    until_window(&bus, false, "closed again").await;
    let start_again = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_taper-journal"))
            .args(args)
            .env("TAPER_JOURNAL_DB", &journal)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .env("HOME", &home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("second start");
        assert!(status.success(), "the second start hands over: {status:?}");
    };
    start_again(&["--in-tray"]);
    tokio::time::sleep(Duration::from_secs(1)).await;
    until_window(&bus, false, "a start from the login item").await;
    start_again(&[]);
    until_window(&bus, true, "a second start").await;

    // A reminder with a "Remind me in an hour" button; pressed, the reminder comes again
    // after the snooze (5 s here), and the tray's own "Remind me in an hour" does the same.
    while Local::now().format("%H:%M").to_string() == "23:59" {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    press(&c, "Settings").await;
    fill(
        &c,
        "Reminder time",
        &Local::now().format("%H:%M").to_string(),
    )
    .await;
    let daily = by_label(&c, "The daily check-in").await;
    centre(&c, &daily).await;
    t("tick the daily check-in", daily.click()).await;
    press(&c, "Save reminders").await;
    until_shown(&log, 1, "the check-in reminder").await;
    let call = notify_calls(&log).remove(0);
    assert!(
        call.contains(r#""snooze", "Remind me in an hour""#),
        "the notification has the button: {call}"
    );
    // The server's first notification is number 1: its button pressed.
    let pressed = Command::new("gdbus")
        .args([
            "call",
            "--session",
            "--dest",
            "org.freedesktop.Notifications",
            "--object-path",
            "/org/freedesktop/Notifications",
            "--method",
            "org.freedesktop.DBus.Mock.EmitSignal",
            "org.freedesktop.Notifications",
            "ActionInvoked",
            "us",
            "[<uint32 1>, <'snooze'>]",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .status()
        .expect("gdbus");
    assert!(pressed.success());
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(notifications(&log).len(), 1, "nothing while snoozed");
    until_shown(&log, 2, "the reminder after the notification's snooze").await;
    click(&bus, &item, "Remind me in an hour");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(notifications(&log).len(), 2, "nothing while snoozed");
    until_shown(&log, 3, "the reminder after the tray's snooze").await;

    // Turned off again: the login item goes.
    press(&c, "Today").await;
    press(&c, "Settings").await;
    let login = by_label(&c, "Start at login, in the tray").await;
    centre(&c, &login).await;
    t("untick", login.click()).await;
    let card = t(
        "the card",
        c.find(fantoccini::Locator::Css("form.staying-open")),
    )
    .await;
    t(
        "save",
        card.find(fantoccini::Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click(),
    )
    .await;
    see(&c, "Closing the window leaves Taper Journal in the tray").await;
    let deadline = Instant::now() + STEP_TIMEOUT;
    while entries[0].exists() {
        assert!(Instant::now() < deadline, "the login item was not removed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // "Quit Taper Journal" ends the app: the journal's lock is free.
    click(&bus, &item, "Quit Taper Journal");
    wait_until_closed(&journal).await;
    let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
}
