//! Urgent help in view at once, with the numbers of the person's country.

use super::*;
use fantoccini::{Client, Locator};
use std::path::Path;
use std::time::Duration;

/// The en_GB start, and the de_DE one on ports of its own (the first driver's ports may
/// not be free again at once).
const URGENT_HELP_TEST_PORT: u16 = 4450;
const URGENT_HELP_DE_TEST_PORT: u16 = 4452;

/// A fresh start under `lang`: setup proposes the country of the locale, and completing it
/// keeps that country for the urgent-help numbers.
async fn set_up_under(
    lang: &str,
    port: u16,
    journal: &Path,
    log: &Path,
    country: &str,
) -> (TauriDriver, Client) {
    let driver = TauriDriver::start(journal, log, port, &[("LANG", Path::new(lang))]);
    let c = open_app(port).await;
    see(&c, "Welcome to Taper Journal").await;
    let picker = by_label(&c, "Country or region for urgent-help numbers").await;
    assert_eq!(
        t("proposed country", picker.prop("value")).await.as_deref(),
        Some(country),
        "under LANG={lang} setup proposes {country}"
    );
    fill(&c, "Medication name", "lorazepam").await;
    fill(&c, "Current total daily dose (mg)", "2").await;
    press(&c, "Start my journal").await;
    see(&c, "Today — ").await;
    (driver, c)
}

/// Ticks the seizure box as a person would (scrolled to it, clicked) and checks the message
/// is in view at once; returns its text.
async fn tick_seizure(c: &Client, when: &str) -> String {
    let seizure = by_label(c, "A seizure (fit)").await;
    centre(c, &seizure).await;
    t("tick seizure", seizure.click()).await;
    urgent_help_in_view(c, when).await
}

/// The urgent-help message where the person is looking, at the default window size and at
/// the smallest (480 × 480): on ticking a red flag, after saving it, when a draft with one
/// comes back, and on PHQ-9 question 9; with the numbers of the country of LANG (en_GB:
/// 999 and Samaritans; de_DE: 112 and TelefonSeelsorge), from a fresh start each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urgent_help_is_in_view_with_the_numbers_of_the_persons_country() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = artifacts();

    // --- en_GB: the United Kingdom's numbers.
    // Each journal in a folder of its own: the backups beside one would make the other's
    // first start look like a journal gone missing.
    for folder in ["gb", "de"] {
        std::fs::create_dir_all(tmp.path().join(folder)).expect("folder");
    }
    let journal = tmp.path().join("gb").join("e2e-urgent-gb.db");
    let (driver, c) = set_up_under(
        "en_GB.UTF-8",
        URGENT_HELP_TEST_PORT,
        &journal,
        &out.join("tauri-driver-urgent-gb.log"),
        "GB",
    )
    .await;
    for (w, h, size) in [(1100, 800, "default"), (480, 480, "480")] {
        t("window size", c.set_window_size(w, h)).await;
        press(&c, "Today").await;
        see(&c, "Today — ").await;
        let text = tick_seizure(&c, &format!("{size} window, ticked")).await;
        assert!(text.contains("Please get urgent help now"), "{text}");
        assert!(text.contains("call 999 now"), "{text}");
        assert!(
            text.contains("Samaritans") && text.contains("116 123"),
            "{text}"
        );
        assert!(!text.contains("911") && !text.contains("988"), "{text}");
        shot(&c, &out, &format!("urgent-help-gb-tick-{size}")).await;
        close_urgent_help(&c, "A seizure (fit)").await;
        // Untick: the box beside the flags goes, and no message is left behind.
        let seizure = by_label(&c, "A seizure (fit)").await;
        t("untick", seizure.click()).await;
    }
    // Saved with the flag: the message again, in view, right after the save (480 × 480).
    tick_seizure(&c, "480 window, ticked before saving").await;
    close_urgent_help(&c, "A seizure (fit)").await;
    press(&c, "Save check-in").await;
    let text = urgent_help_in_view(&c, "480 window, after saving").await;
    assert!(text.contains("call 999 now"), "{text}");
    shot(&c, &out, "urgent-help-gb-saved-480").await;
    close_urgent_help(&c, "Save changes").await;
    // A draft with another flag ticked comes back with the message when the day is opened again.
    let confusion = by_label(&c, "Confusion or not knowing where I am (delirium)").await;
    centre(&c, &confusion).await;
    t("tick confusion", confusion.click()).await;
    urgent_help_in_view(&c, "480 window, second flag").await;
    close_urgent_help(&c, "Confusion or not knowing where I am (delirium)").await;
    // Let the draft be written (the page waits 400 ms), then leave and come back.
    tokio::time::sleep(Duration::from_millis(900)).await;
    press(&c, "History").await;
    see(&c, "History").await;
    press(&c, "Today").await;
    let text = urgent_help_in_view(&c, "480 window, draft restored").await;
    assert!(text.contains("Confusion"), "{text}");
    shot(&c, &out, "urgent-help-gb-draft-480").await;
    close_urgent_help(&c, "A seizure (fit)").await;
    // Opioids ticked: the overdose-risk note, naloxone included, calmly beside the box.
    let opioids = by_label(&c, "Opioids (e.g. painkillers)").await;
    centre(&c, &opioids).await;
    t("tick opioids", opioids.click()).await;
    let note = t(
        "opioid note",
        c.find(Locator::XPath("//input[@name='opioids']/../following-sibling::p[1][contains(@class, 'substance-note')]")),
    )
    .await;
    assert!(
        t("note shown", note.is_displayed()).await,
        "the opioid note is shown"
    );
    assert!(t("note text", note.text()).await.contains("naloxone"));
    shot(&c, &out, "urgent-help-gb-opioids-480").await;
    // PHQ-9 question 9, at both sizes: the crisis line is named in the words too.
    for (w, h, size) in [(1100, 800, "default"), (480, 480, "480")] {
        t("window size", c.set_window_size(w, h)).await;
        press(&c, "Questionnaires").await;
        see(&c, "PHQ-9 (mood)").await;
        let item9 = t(
            "PHQ-9 item 9",
            c.wait().at_most(STEP_TIMEOUT).for_element(Locator::XPath(
                "//fieldset[legend[starts-with(normalize-space(), '9. Thoughts that you would be better off dead')]]//label[normalize-space()='Nearly every day']",
            )),
        )
        .await;
        centre(&c, &item9).await;
        t("answer item 9", item9.click()).await;
        let text = urgent_help_in_view(&c, &format!("{size} window, PHQ-9 question 9")).await;
        assert!(text.contains("“Nearly every day”"), "{text}");
        assert!(text.contains("Samaritans (116 123)"), "{text}");
        shot(&c, &out, &format!("urgent-help-gb-phq9-{size}")).await;
        close_urgent_help(&c, "Nearly every day").await;
    }
    // Settings names the country, and another can be chosen there.
    press(&c, "Settings").await;
    see(
        &c,
        "The urgent-help message gives the numbers for the United Kingdom.",
    )
    .await;
    let picker = by_label(&c, "Country or region for urgent-help numbers").await;
    assert_eq!(
        t("chosen", picker.prop("value")).await.as_deref(),
        Some("GB")
    );
    t("close", c.close()).await;
    drop(driver);
    wait_until_closed(&journal).await;

    // --- de_DE: Germany's numbers, never another country's.
    let journal = tmp.path().join("de").join("e2e-urgent-de.db");
    let (driver, c) = set_up_under(
        "de_DE.UTF-8",
        URGENT_HELP_DE_TEST_PORT,
        &journal,
        &out.join("tauri-driver-urgent-de.log"),
        "DE",
    )
    .await;
    let text = tick_seizure(&c, "de_DE, default window").await;
    assert!(text.contains("call 112 now"), "{text}");
    assert!(text.contains("TelefonSeelsorge"), "{text}");
    assert!(
        !text.contains("999") && !text.contains("911") && !text.contains("Samaritans"),
        "{text}"
    );
    shot(&c, &out, "urgent-help-de-tick-default").await;
    close_urgent_help(&c, "A seizure (fit)").await;
    t("close", c.close()).await;
    drop(driver);
}
