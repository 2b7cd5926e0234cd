//! A D-Bus session bus of a test's own, and a notification server on it that records
//! every Notify call (Debian's python3-dbusmock, template notification_daemon): the app
//! talks to that bus alone, so another test's bus or the machine's own desktop never sees
//! these notifications. Used by tests/reminders.rs and tests/tray.rs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed when the test ends.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A D-Bus session bus of the test's own, with no services to start on demand (so a
/// notification daemon installed on the machine is never started on it); its address.
pub fn private_bus(dir: &Path) -> (Killed, String) {
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
    )
    .expect("bus config");
    let mut bus = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (package dbus)");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().expect("stdout"))
        .read_line(&mut address)
        .expect("the bus address");
    (Killed(bus), address.trim().to_string())
}

/// The recording notification server on `bus`, logging to `log`; returns once it serves.
pub fn notification_server(bus: &str, log: &Path) -> Killed {
    let _ = std::fs::remove_file(log);
    let server = Killed(
        Command::new("/usr/bin/python3")
            .args([
                "-m",
                "dbusmock",
                "--session",
                "-t",
                "notification_daemon",
                "-l",
            ])
            .arg(log)
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3-dbusmock"),
    );
    wait_for_service(
        bus,
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
    );
    server
}

/// Waits until `name` answers at `path` on `bus` (15 s at most).
pub fn wait_for_service(bus: &str, name: &str, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        let up = Command::new("gdbus")
            .args([
                "introspect",
                "--session",
                "--dest",
                name,
                "--object-path",
                path,
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if up {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{name} did not start on the test's bus");
}

/// Every Notify call the server recorded, as its log line.
pub fn notify_calls(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|l| l.contains(" Notify "))
        .map(str::to_string)
        .collect()
}

/// The (summary, body) of every notification the server was asked to show.
pub fn notifications(log: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let call = line.split_once(" Notify ")?.1;
            // "app" replaces_id "icon" "summary" "body" [actions] {hints} timeout
            let quoted: Vec<&str> = call.split('"').collect();
            Some((quoted.get(5)?.to_string(), quoted.get(7)?.to_string()))
        })
        .collect()
}

/// Waits until `count` notifications have been recorded.
pub async fn until_shown(log: &Path, count: usize, what: &str) -> Vec<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let shown = notifications(log);
        if shown.len() >= count {
            return shown;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {count} notification(s) expected, {} shown",
            shown.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
