//! End to end in the real window: the built app driven through tauri-driver and
//! WebKitWebDriver (run under Xvfb by `./dev.sh test`). Controls are found the way a person
//! finds them: by their visible labels and button texts.
//!
//! Skipped unless TAPER_E2E=1, so a plain `cargo test` works without a display; `./dev.sh test`
//! and CI set it, and there a missing driver fails the test.
//!
//! Every screen is also audited with axe-core (tests/support/axe.rs) once it shows its data,
//! in the light and the dark palette: `audit.screen(&c, "Name").await` checks one more.
//!
//! One test binary, a module per part of the app; each test has its own tauri-driver (its
//! port, and WebKitWebDriver on port + 1), so the tests run at the same time. The WebDriver
//! harness is in tests/support/driver.rs.

use fantoccini::key::Key;
use fantoccini::Client;
use std::time::{Duration, Instant};

#[path = "../support/mod_e2e.rs"]
mod support;
use support::axe::Audit;
use support::driver::*;

mod clock;
mod full_disk;
mod import;
mod journal;
mod plan;
mod storage;
mod trends;
mod urgent_help;

/// Waits for the urgent-help dialog and checks what a person sees at that moment: the
/// whole dialog inside the window, on top of everything at its middle, and the focus in it.
/// Returns its text.
async fn urgent_help_in_view(c: &Client, when: &str) -> String {
    let Some(seen) = dialog_in_view(c, "dialog.urgent-help-dialog[open]", when).await else {
        let page = c
            .execute(
                "return [...document.querySelectorAll('input[name=red_flags]:checked')].map((i) => i.value).join(',')
                   + ' | draft note: ' + !!document.querySelector('.draft-note')
                   + ' | dialogs: ' + document.querySelectorAll('dialog').length",
                vec![],
            )
            .await;
        panic!("{when}: no urgent-help message appeared within {STEP_TIMEOUT:?} (e2e-artifacts/failure.png; {page:?})");
    };
    assert_eq!(seen["role"], "alertdialog", "{when}");
    seen["text"].as_str().unwrap_or_default().to_string()
}

/// Closes the urgent-help dialog with Escape; the focus goes back to the control `opener`.
async fn close_urgent_help(c: &Client, opener: &str) {
    keys(c, &char::from(Key::Escape).to_string()).await;
    let deadline = Instant::now() + STEP_TIMEOUT;
    loop {
        let open = t(
            "dialog open",
            c.execute(
                "return !!document.querySelector('dialog.urgent-help-dialog[open]')",
                vec![],
            ),
        )
        .await;
        if open == false && focused(c).await == opener {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "Escape did not close the message and give the focus back to {opener:?} (focus: {})",
            focused(c).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
