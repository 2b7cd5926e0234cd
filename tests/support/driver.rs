//! Driving the real window through tauri-driver and WebKitWebDriver, shared by the
//! end-to-end tests (tests/e2e/) and the installed-package test (tests/package.rs).
//! Controls are found the way a person finds them: by their visible labels and button texts.
//! Each test binary uses part of it.
#![allow(dead_code)]

use chrono::NaiveDate;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use std::future::Future;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const STEP_TIMEOUT: Duration = Duration::from_secs(20);

/// Every WebDriver call gets a deadline, so a stuck window fails the test instead of hanging.
pub async fn t<T, E: std::fmt::Debug>(what: &str, fut: impl Future<Output = Result<T, E>>) -> T {
    match tokio::time::timeout(STEP_TIMEOUT, fut).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => panic!("{what}: {e:?}"),
        Err(_) => panic!("{what}: timed out after {STEP_TIMEOUT:?}"),
    }
}

pub struct TauriDriver(Child);

impl TauriDriver {
    /// A driver whose app opens `journal` (TAPER_JOURNAL_DB), with `env` added.
    pub fn start(journal: &Path, log: &Path, port: u16, env: &[(&str, &Path)]) -> TauriDriver {
        let mut with_journal = vec![("TAPER_JOURNAL_DB", journal)];
        with_journal.extend_from_slice(env);
        Self::start_with(log, port, &with_journal)
    }

    /// A driver whose app gets `env` and no TAPER_JOURNAL_DB unless `env` names one: the
    /// journal is then in the app data folder, as for a person (XDG_DATA_HOME on Linux).
    pub fn start_with(log: &Path, port: u16, env: &[(&str, &Path)]) -> TauriDriver {
        // Another driver on these ports (a second e2e run on this machine) would answer
        // /status for this one, and run this test's sessions against its own app.
        for p in [port, port + 1] {
            if let Err(e) = std::net::TcpListener::bind(("127.0.0.1", p)) {
                panic!("port {p} is taken ({e}): is another e2e run going on this machine?");
            }
        }
        let log = std::fs::File::create(log).expect("driver log");
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .env_remove("TAPER_JOURNAL_DB")
            // The region for urgent-help numbers comes from LANG alone in these runs, and
            // is none (C) unless a test asks for one: the machine's own locale never decides.
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            // Its own process group, so WebKitWebDriver and the app go down with it.
            .process_group(0)
            .spawn()
            .expect("tauri-driver must be installed (cargo install tauri-driver --locked); run `./dev.sh test`");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if status_ok(port) {
                return TauriDriver(child);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        drop(TauriDriver(child));
        panic!("tauri-driver did not answer /status on port {port}");
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn status_ok(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf.starts_with("HTTP/1.1 200")
}

/// A session with the app this build made.
pub async fn open_app(port: u16) -> Client {
    open_app_at(port, Path::new(env!("CARGO_BIN_EXE_taper-journal"))).await
}

/// A session with the app at `application` (an installed one, say).
pub async fn open_app_at(port: u16, application: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": application }),
    );
    let builder = ClientBuilder::rustls()
        .expect("tls")
        .capabilities(caps)
        .to_owned();
    t(
        "new session",
        builder.connect(&format!("http://127.0.0.1:{port}")),
    )
    .await
}

pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("\"{s}\"")
    }
}

/// The control whose visible <label> reads `label`. A screen that re-renders between the
/// two lookups is asked again.
pub async fn by_label(c: &Client, label: &str) -> Element {
    let xp = format!("//label[normalize-space()={}]", xpath_literal(label));
    let deadline = Instant::now() + STEP_TIMEOUT;
    loop {
        if let Ok(l) = c.find(Locator::XPath(&xp)).await {
            if let Ok(Some(id)) = l.attr("for").await {
                if let Ok(e) = c.find(Locator::Id(&id)).await {
                    return e;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "label {label}: no control found within {STEP_TIMEOUT:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Brings a control to the middle of the window, clear of the sticky save bar.
pub async fn centre(c: &Client, e: &Element) {
    let arg = serde_json::to_value(e).expect("element");
    t(
        "scroll into view",
        c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg]),
    )
    .await;
}

pub async fn fill(c: &Client, label: &str, text: &str) {
    let e = by_label(c, label).await;
    centre(c, &e).await;
    t("clear", e.clear()).await;
    t(&format!("type into {label}"), e.send_keys(text)).await;
}

pub async fn choose(c: &Client, label: &str, option_text: &str) {
    let e = by_label(c, label).await;
    centre(c, &e).await;
    let opt = t(
        &format!("option {option_text} of {label}"),
        e.find(Locator::XPath(&format!(
            "./option[normalize-space()={}]",
            xpath_literal(option_text)
        ))),
    )
    .await;
    t("choose option", opt.click()).await;
}

pub async fn button(c: &Client, text: &str) -> Element {
    let xp = format!("//button[normalize-space()={}]", xpath_literal(text));
    t(
        &format!("button {text}"),
        c.wait()
            .at_most(STEP_TIMEOUT)
            .for_element(Locator::XPath(&xp)),
    )
    .await
}

/// Presses the button with `text`. A screen shown again just as the button was found (its
/// button replaced before the click) is simply asked again, as `see` does.
pub async fn press(c: &Client, text: &str) {
    for _ in 0..3 {
        let b = button(c, text).await;
        match tokio::time::timeout(STEP_TIMEOUT, b.click()).await {
            Ok(Ok(())) => return,
            Ok(Err(e)) if e.is_stale_element_reference() => continue,
            Ok(Err(e)) => panic!("click {text}: {e:?}"),
            Err(_) => panic!("click {text}: timed out after {STEP_TIMEOUT:?}"),
        }
    }
    panic!("click {text}: the button was replaced three times in a row");
}

/// Waits until some element's text contains `text`, and returns that text. A screen that
/// re-renders between finding the element and reading it is simply asked again.
pub async fn see(c: &Client, text: &str) -> String {
    see_within(c, text, STEP_TIMEOUT).await
}

/// `see`, waiting up to `timeout` (for what the app does by itself, on a timer).
pub async fn see_within(c: &Client, text: &str, timeout: Duration) -> String {
    let xp = format!(
        "//*[contains(normalize-space(text()), {})]",
        xpath_literal(text)
    );
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(e) = c.find(Locator::XPath(&xp)).await {
            if let Ok(found) = e.text().await {
                return found;
            }
        }
        if Instant::now() >= deadline {
            // What the window showed instead, for whoever reads the failure.
            if let Ok(png) = c.screenshot().await {
                let _ = std::fs::write(artifacts().join("failure.png"), png);
            }
            panic!("see {text:?}: not shown within {timeout:?} (e2e-artifacts/failure.png)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits for the dialog `selector` and checks what a person sees at that moment: the whole
/// dialog inside the window, on top of everything at its middle, and the focus in it.
/// Returns what was measured (with its `role` and `text`), or None if none appeared (a
/// screenshot of the window is kept as e2e-artifacts/failure.png).
pub async fn dialog_in_view(c: &Client, selector: &str, when: &str) -> Option<serde_json::Value> {
    let deadline = Instant::now() + STEP_TIMEOUT;
    loop {
        let seen = t(
            "dialog",
            c.execute(
                "const d = document.querySelector(arguments[0]);
                 if (!d) return null;
                 const r = d.getBoundingClientRect();
                 const mid = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                 return { top: r.top, left: r.left, bottom: r.bottom, right: r.right,
                          width: innerWidth, height: innerHeight,
                          onTop: !!mid && d.contains(mid),
                          focusIn: d.contains(document.activeElement),
                          role: d.getAttribute('role'), text: d.innerText };",
                vec![serde_json::json!(selector)],
            ),
        )
        .await;
        if !seen.is_null() {
            let n = |k: &str| seen[k].as_f64().unwrap_or(f64::NAN);
            let inside = n("top") >= 0.0
                && n("left") >= 0.0
                && n("bottom") <= n("height")
                && n("right") <= n("width");
            assert!(
                inside,
                "{when}: the dialog is not wholly in the window: {seen}"
            );
            assert!(
                seen["onTop"] == true,
                "{when}: something covers the dialog: {seen}"
            );
            assert!(
                seen["focusIn"] == true,
                "{when}: the focus is not in the dialog: {seen}"
            );
            return Some(seen);
        }
        if Instant::now() >= deadline {
            if let Ok(png) = c.screenshot().await {
                let _ = std::fs::write(artifacts().join("failure.png"), png);
            }
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn value_of(c: &Client, label: &str) -> String {
    let e = by_label(c, label).await;
    t("value", e.prop("value")).await.unwrap_or_default()
}

/// Waits until the app that had `journal` open has gone (its lock is free), so that the
/// next start is a fresh one rather than a hand-over to a window still closing.
pub async fn wait_until_closed(journal: &Path) {
    use taper_journal::store::lock::{JournalLock, Locked};
    let deadline = Instant::now() + STEP_TIMEOUT;
    loop {
        if let Ok(Locked::Taken(lock)) = JournalLock::take(journal) {
            drop(lock);
            return;
        }
        assert!(Instant::now() < deadline, "the app did not close");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A screenshot of what the window shows now: after two painted frames, so that what the
/// last action changed (a dialog just opened, a box just ticked) is on screen, not the
/// frame before it (seen at 480 × 480 under Xvfb).
pub async fn shot(c: &Client, dir: &Path, name: &str) {
    t(
        "two painted frames",
        c.execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
            vec![],
        ),
    )
    .await;
    let png = t("screenshot", c.screenshot()).await;
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Types on whatever has focus, key after key, as a keyboard does: nothing is clicked and
/// no element is focused by the test. Special keys are their WebDriver characters
/// (`char::from(Key::Tab)`).
pub async fn keys(c: &Client, text: &str) {
    let mut seq = KeyActions::new("keyboard".into());
    for ch in text.chars() {
        seq = seq
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
    }
    t(&format!("keys {text:?}"), c.perform_actions(seq)).await;
}

/// A key pressed while a modifier is held, such as Ctrl+Enter.
pub async fn chord(c: &Client, modifier: Key, key: Key) {
    let (m, k) = (char::from(modifier), char::from(key));
    let seq = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: m })
        .then(KeyAction::Down { value: k })
        .then(KeyAction::Up { value: k })
        .then(KeyAction::Up { value: m });
    t("chord", c.perform_actions(seq)).await;
}

/// What has the keyboard focus, named as a person sees it: a control by its label, anything
/// else by its aria-label or text.
pub async fn focused(c: &Client) -> String {
    let name = t(
        "focused element",
        c.execute(
            "const e = document.activeElement;
             if (!e || e === document.body) return '(nothing)';
             if (e.labels && e.labels.length) return e.labels[0].textContent.trim();
             return (e.getAttribute('aria-label') || e.textContent || '').trim();",
            vec![],
        ),
    )
    .await;
    name.as_str().unwrap_or_default().to_string()
}

/// Why the focused element cannot be seen, if it cannot: WCAG 2.2 2.4.11 (focus not
/// obscured), here held a little stricter — the middle of the element must be in the window
/// and not under anything else, such as the sticky save bar.
pub async fn focus_hidden(c: &Client) -> Option<String> {
    let why = t(
        "focus visible",
        c.execute(
            "const e = document.activeElement;
             const r = e.getBoundingClientRect();
             const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             if (top && (top === e || e.contains(top))) return '';
             const where = `(its top and bottom ${r.top}, ${r.bottom}; window height ${innerHeight})`;
             return (top ? 'under ' + top.outerHTML.slice(0, 120) : 'outside the window') + ' ' + where;",
            vec![],
        ),
    )
    .await;
    Some(why.as_str().unwrap_or_default().to_string()).filter(|w| !w.is_empty())
}

/// First-run setup with one medication taken at `dose_mg` a day since today; ends on Today.
pub async fn set_up_today(c: &Client, medication: &str, dose_mg: &str) {
    see(c, "Welcome to Taper Journal").await;
    fill(c, "Medication name", medication).await;
    fill(c, "Current total daily dose (mg)", dose_mg).await;
    fill(
        c,
        "Taking this dose since",
        &ymd(chrono::Local::now().date_naive()),
    )
    .await;
    press(c, "Start my journal").await;
    see(c, "Today — ").await;
}

pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// Asserts that the element is wholly inside the window and not covered.
pub async fn assert_in_view(c: &Client, selector: &str, when: &str) {
    let seen = t(
        "in view",
        c.execute(
            "const d = document.querySelector(arguments[0]);
             if (!d) return null;
             const r = d.getBoundingClientRect();
             const mid = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             return { top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                      width: innerWidth, height: innerHeight, onTop: !!mid && d.contains(mid),
                      text: d.innerText };",
            vec![serde_json::json!(selector)],
        ),
    )
    .await;
    let n = |k: &str| seen[k].as_f64().unwrap_or(f64::NAN);
    assert!(
        n("top") >= 0.0
            && n("left") >= 0.0
            && n("bottom") <= n("height")
            && n("right") <= n("width"),
        "{when}: {selector} is not wholly in the window: {seen}"
    );
    assert!(
        seen["onTop"] == true,
        "{when}: something covers {selector}: {seen}"
    );
}
