//! Setup, a check-in, dose steps and a restart: everything kept.

use super::*;
use chrono::{Duration as Days, Local};
use fantoccini::key::Key;
use fantoccini::Locator;
use std::time::{Duration, Instant};

const JOURNAL_TEST_PORT: u16 = 4444;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_check_in_dose_steps_and_restart_keep_everything() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let mut audit = Audit::new("journal");
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("e2e-journal.db");
    let out = artifacts();
    let _driver = TauriDriver::start(
        &journal,
        &out.join("tauri-driver.log"),
        JOURNAL_TEST_PORT,
        &[],
    );

    let today = Local::now().date_naive();
    let start = today - Days::days(20);

    // --- First start: setup.
    let c = open_app(JOURNAL_TEST_PORT).await;
    see(&c, "Welcome to Taper Journal").await;
    shot(&c, &out, "1-setup").await;
    audit.screen(&c, "Setup (first run)").await;
    fill(&c, "Medication name", "clonazepam").await;
    fill(&c, "Current total daily dose (mg)", "1.8").await;
    fill(&c, "Taking this dose since", &ymd(start)).await;
    press(&c, "Start my journal").await;
    see(&c, "Today — ").await;
    shot(&c, &out, "2a-today").await;
    audit.screen(&c, "Today (empty check-in form)").await;

    // --- A check-in with the keyboard alone, from the navigation to the saved check-in:
    // the window as it opens (reloaded, nothing focused), Tab past the skip link to Today in
    // the navigation, Enter; Tab into the form, type, Tab to the next field, a digit picks a
    // severity; Tab on through the whole form, every control in sight when it has focus (not
    // under the sticky save bar), to the save button, and Enter. The keys go to whatever has
    // focus; nothing is clicked.
    let tab = char::from(Key::Tab);
    t("reload", c.refresh()).await;
    see(&c, "Today — ").await;
    assert_eq!(focused(&c).await, "(nothing)");
    keys(&c, &tab.to_string()).await;
    assert_eq!(focused(&c).await, "Skip to content");
    keys(&c, &tab.to_string()).await;
    assert_eq!(focused(&c).await, "Today", "the navigation comes next");
    keys(&c, &char::from(Key::Enter).to_string()).await;
    let deadline = Instant::now() + STEP_TIMEOUT;
    while !focused(&c).await.starts_with("Today — ") {
        assert!(
            Instant::now() < deadline,
            "Enter on Today shows the screen and moves focus to its heading: {}",
            focused(&c).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    keys(&c, &format!("{tab}{tab}")).await;
    assert_eq!(
        focused(&c).await,
        "Anxiety (0–10)",
        "past the questionnaire reminder, the first rating"
    );
    keys(&c, &format!("4{tab}6{tab}6.5{tab}5{tab}{tab}{tab}")).await;
    assert_eq!(focused(&c).await, "Insomnia");
    keys(&c, "2").await;
    let mut walked = vec![];
    while walked.last().map(String::as_str) != Some("Save check-in") {
        keys(&c, &tab.to_string()).await;
        let now = focused(&c).await;
        if let Some(why) = focus_hidden(&c).await {
            panic!("{now:?} has the focus but cannot be seen: {why}");
        }
        walked.push(now);
        assert!(
            walked.len() < 80,
            "Tab never reached the save button: {walked:?}"
        );
    }
    assert!(
        walked.contains(&"A seizure (fit)".to_string())
            && walked.contains(&"Note (optional)".to_string()),
        "every part of the form is on the way: {walked:?}"
    );
    keys(&c, &char::from(Key::Enter).to_string()).await;
    see(&c, "Saved your check-in").await;
    assert_eq!(value_of(&c, "Mood (0–10)").await, "6");
    assert_eq!(value_of(&c, "Sleep last night (hours)").await, "6.5");
    assert_eq!(value_of(&c, "Sleep quality (0–10)").await, "5");
    assert_eq!(
        value_of(&c, "Insomnia").await,
        "2",
        "a digit picked the severity"
    );
    // The rest with the mouse.
    choose(&c, "Tremor", "1 – mild").await;
    assert_eq!(
        value_of(&c, "clonazepam (mg taken in total)").await,
        "1.8",
        "dose taken is pre-filled"
    );
    fill(&c, "Note (optional)", "Slept <b>badly</b>").await;
    // A red flag shows the urgent-help message at once, in view, before anything is saved
    // (under LANG=C setup proposes "another country": the general words).
    let seizure = by_label(&c, "A seizure (fit)").await;
    centre(&c, &seizure).await;
    t("tick red flag", seizure.click()).await;
    let alert = urgent_help_in_view(&c, "default window, ticked").await;
    assert!(alert.contains("Please get urgent help now"), "{alert}");
    assert!(!alert.contains("911") && !alert.contains("988"), "{alert}");
    shot(&c, &out, "2b-red-flag").await;
    audit.screen(&c, "Today (urgent-help message shown)").await;
    close_urgent_help(&c, "A seizure (fit)").await;
    // Untick with the keyboard (the space bar), as a person without a mouse would.
    t("untick red flag", seizure.send_keys(" ")).await;
    assert_eq!(
        t("unticked", seizure.prop("checked")).await.as_deref(),
        Some("false")
    );
    press(&c, "Save changes").await;
    see(&c, "Saved your check-in").await;
    shot(&c, &out, "2-today-saved").await;

    // --- An invalid value is refused next to its field, and nothing is written. Ctrl+Enter
    // saves from anywhere in the form.
    fill(&c, "Anxiety (0–10)", "11").await;
    chord(&c, Key::Control, Key::Enter).await;
    let msg = see(&c, "Anxiety must be a whole number from 0 to 10").await;
    assert!(msg.contains("0 to 10"));
    see(&c, "Not saved. Please look at the highlighted field.").await;
    let anxiety = by_label(&c, "Anxiety (0–10)").await;
    assert_eq!(
        t("aria-invalid", anxiety.attr("aria-invalid"))
            .await
            .as_deref(),
        Some("true")
    );
    shot(&c, &out, "3-today-invalid").await;
    audit
        .screen(&c, "Today (a refused value beside its field)")
        .await;

    // --- Dose steps: 1.8 mg from day 0, 1.6 on day 7, 1.2 on day 13 (33 % within 14 days).
    press(&c, "Dose steps").await;
    see(&c, "Log a dose step").await;
    fill(&c, "Date it starts", &ymd(start + Days::days(7))).await;
    fill(&c, "New total daily dose (mg)", "1.6").await;
    press(&c, "Save dose step").await;
    see(&c, "Dose step saved").await;
    fill(&c, "Date it starts", &ymd(start + Days::days(13))).await;
    fill(&c, "New total daily dose (mg)", "-1").await;
    press(&c, "Save dose step").await;
    see(&c, "Daily dose cannot be negative").await;
    fill(&c, "New total daily dose (mg)", "1.2").await;
    press(&c, "Save dose step").await;
    see(&c, "Dose step saved").await;
    let ceiling = see(&c, "33.3 % less than the 1.8 mg").await;
    assert!(ceiling.contains("within 14 days"), "{ceiling}");
    see(&c, "Faster than the guideline's ceiling").await;
    see(&c, "−25 % from 1.6 mg").await;
    shot(&c, &out, "4-steps").await;
    audit.screen(&c, "Dose steps (with pace warnings)").await;

    // A mistaken step, logged and then deleted after the inline confirmation.
    fill(&c, "Date it starts", &ymd(today)).await;
    fill(&c, "New total daily dose (mg)", "1.1").await;
    press(&c, "Save dose step").await;
    see(&c, "1.1 mg a day").await;
    let newest = t("newest step", c.find(Locator::Css(".step-list li.step"))).await;
    let delete = t(
        "its delete button",
        newest.find(Locator::XPath(".//button[normalize-space()='Delete']")),
    )
    .await;
    t("delete", delete.click()).await;
    let confirm = t(
        "confirm",
        newest.find(Locator::XPath(
            ".//button[starts-with(normalize-space(), 'Yes, delete')]",
        )),
    )
    .await;
    t("confirm delete", confirm.click()).await;
    let deadline = Instant::now() + STEP_TIMEOUT;
    while t("steps", c.find_all(Locator::Css(".step-list li.step")))
        .await
        .len()
        != 3
    {
        assert!(
            Instant::now() < deadline,
            "the deleted step is still listed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    press(&c, "History").await;
    see(&c, "Anxiety 4/10").await;
    shot(&c, &out, "5-history").await;
    audit.screen(&c, "History").await;
    press(&c, "Medications").await;
    see(&c, "1.2 mg a day since").await;
    shot(&c, &out, "6-medications").await;
    audit.screen(&c, "Medications").await;
    // Correct a medication's details: the brand (the first "Brand" field is the correction's).
    press(&c, "Correct details").await;
    see(&c, "Correct the details of clonazepam").await;
    audit.screen(&c, "Medications (correcting details)").await;
    fill(&c, "Brand (optional)", "Klonopin").await;
    press(&c, "Save details").await;
    see(&c, "clonazepam (Klonopin)").await;
    // About: this version, and the real place of this journal.
    press(&c, "About").await;
    see(&c, &format!("Taper Journal {}", env!("CARGO_PKG_VERSION"))).await;
    see(&c, &journal.display().to_string()).await;
    let fold = t(
        "third-party licences",
        c.find(Locator::XPath(
            "//summary[normalize-space()='Third-party software']",
        )),
    )
    .await;
    t("open the licences", fold.click()).await;
    see(&c, "Third-party software in Taper Journal").await;
    shot(&c, &out, "6b-about").await;
    t("small window", c.set_window_size(480, 480)).await;
    see(&c, "Where this journal lives").await;
    shot(&c, &out, "6c-about-480").await;
    t("default window", c.set_window_size(1100, 800)).await;
    audit.screen(&c, "About").await;
    // The refused, unsaved 11 is still in the form after switching screens.
    press(&c, "Today").await;
    see(&c, "What you typed earlier is back in the form").await;
    assert_eq!(value_of(&c, "Anxiety (0–10)").await, "11");
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;

    // --- Restart on the same journal: everything is still there.
    let c = open_app(JOURNAL_TEST_PORT).await;
    see(&c, "Today — ").await;
    // The refused 11 was kept as an unsaved draft, not as the check-in: discarding the
    // draft shows the saved 4.
    see(&c, "What you typed earlier is back in the form").await;
    assert_eq!(value_of(&c, "Anxiety (0–10)").await, "11");
    press(&c, "Discard unsaved changes").await;
    let deadline = Instant::now() + STEP_TIMEOUT;
    while value_of(&c, "Anxiety (0–10)").await != "4" {
        assert!(
            Instant::now() < deadline,
            "the saved check-in did not come back"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(value_of(&c, "Sleep last night (hours)").await, "6.5");
    assert_eq!(value_of(&c, "Insomnia").await, "2");
    assert_eq!(
        value_of(&c, "Note (optional)").await,
        "Slept <b>badly</b>",
        "markup kept as text"
    );
    press(&c, "Dose steps").await;
    see(&c, "Faster than the guideline's ceiling").await;
    let steps = t("step list", c.find_all(Locator::Css(".step-list li.step"))).await;
    assert_eq!(steps.len(), 3, "start, 1.6 and 1.2 mg");
    press(&c, "History").await;
    see(&c, "Anxiety 4/10").await;
    t("close session", c.close()).await;
    audit.assert_clean();
}
