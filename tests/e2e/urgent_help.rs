//! Urgent help in view at once, with the numbers of the person's country.

use super::*;
use fantoccini::{Client, Locator};
use std::path::Path;
use std::time::Duration;

/// The en_GB start, and the de_DE one (each test its own ports).
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

/// The substance notes shown now, sorted (each once).
async fn substance_notes_shown(c: &Client) -> Vec<String> {
    let shown = t(
        "notes shown",
        c.execute(
            "return [...document.querySelectorAll('p.substance-note:not([hidden])')].map((p) => p.dataset.substance).sort();",
            vec![],
        ),
    )
    .await;
    serde_json::from_value(shown).expect("a list of names")
}

/// The urgent-help message where the person is looking, at the default window size and at
/// the smallest (480 × 480): on ticking a red flag, after saving it, when a draft with one
/// comes back, and on PHQ-9 question 9; from a fresh start under en_GB, with the United
/// Kingdom's numbers (999 and Samaritans); the substance notes beside their boxes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urgent_help_is_in_view_with_the_numbers_of_the_persons_country() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = artifacts();

    let journal = tmp.path().join("e2e-urgent-gb.db");
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
    assert_in_view(
        &c,
        "p.substance-note[data-substance='opioids']",
        "opioids ticked",
    )
    .await;
    shot(&c, &out, "urgent-help-gb-opioids-480").await;
    // Other sedatives ticked, and alcohol above 0: each its own calm note, in view at once.
    let sedatives = by_label(&c, "Other sedatives or sleep aids").await;
    centre(&c, &sedatives).await;
    t("tick sedatives", sedatives.click()).await;
    assert_in_view(
        &c,
        "p.substance-note[data-substance='other_sedatives']",
        "other sedatives ticked",
    )
    .await;
    let drinks = by_label(&c, "Alcoholic drinks").await;
    centre(&c, &drinks).await;
    fill(&c, "Alcoholic drinks", "2").await;
    assert_in_view(
        &c,
        "p.substance-note[data-substance='alcohol']",
        "2 drinks typed",
    )
    .await;
    shot(&c, &out, "urgent-help-gb-substances-480").await;
    // Once per check-in: one note per substance, however it was reached.
    let shown = substance_notes_shown(&c).await;
    assert_eq!(
        shown,
        ["alcohol", "opioids", "other_sedatives"],
        "{shown:?}"
    );
    let texts = t(
        "note texts",
        c.execute(
            "return [...document.querySelectorAll('p.substance-note:not([hidden])')].map((p) => p.innerText);",
            vec![],
        ),
    )
    .await;
    let texts = texts.to_string();
    assert!(
        texts.contains("Other sedatives or sleep aids add to the effect"),
        "{texts}"
    );
    assert!(texts.contains("Alcohol adds to the effect"), "{texts}");
    assert!(
        !texts.contains("urgent help"),
        "the notes are calm: {texts}"
    );
    // No drinks, and the boxes unticked: the notes go.
    fill(&c, "Alcoholic drinks", "0").await;
    for label in [
        "Opioids (e.g. painkillers)",
        "Other sedatives or sleep aids",
    ] {
        let bx = by_label(&c, label).await;
        centre(&c, &bx).await;
        t("untick", bx.click()).await;
    }
    assert!(substance_notes_shown(&c).await.is_empty());
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
}

/// A fresh start under de_DE: setup proposes Germany, and a red flag gives Germany's
/// numbers (112 and TelefonSeelsorge), never another country's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_start_under_de_de_gives_germanys_numbers() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = artifacts();
    let journal = tmp.path().join("e2e-urgent-de.db");
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
