//! Trends: a quick cut and the anxiety after it, the questionnaire, the summary.

use super::*;
use chrono::{Duration as Days, Local};
use fantoccini::Locator;
use std::process::Command;

const TRENDS_TEST_PORT: u16 = 4446;

/// Scenario (b) of the Trends issue, typed into the real window: clonazepam 2 mg, 10 % less
/// on day 30, then 25 % less only 8 days later (day 38 = 20 days ago), anxiety 3 before and
/// 6 after. The Trends screen shows the ceiling warning and the symptoms-higher point with
/// both means, and the charts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trends_show_a_quick_cut_and_the_anxiety_after_it() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let mut audit = Audit::new("trends");
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("e2e-trends.db");
    let out = artifacts();
    // Saves go to this folder instead of a native dialog (which WebDriver cannot drive).
    let exports = tmp.path().join("exports");
    std::fs::create_dir_all(&exports).expect("exports dir");
    let today = Local::now().date_naive();
    let backup = exports.join(format!("taper-journal-backup-{}.json", ymd(today)));
    let _driver = TauriDriver::start(
        &journal,
        &out.join("tauri-driver-trends.log"),
        TRENDS_TEST_PORT,
        &[
            ("TAPER_JOURNAL_EXPORT_DIR", &exports),
            ("TAPER_JOURNAL_OPEN_FILE", &backup),
        ],
    );
    let day = |n: i64| today - Days::days(58 - n);

    let c = open_app(TRENDS_TEST_PORT).await;
    see(&c, "Welcome to Taper Journal").await;
    fill(&c, "Medication name", "clonazepam").await;
    fill(&c, "Current total daily dose (mg)", "2").await;
    fill(&c, "Taking this dose since", &ymd(day(0))).await;
    press(&c, "Start my journal").await;
    see(&c, "Today — ").await;

    press(&c, "Dose steps").await;
    for (on, mg) in [(30, "1.8"), (38, "1.35")] {
        fill(&c, "Date it starts", &ymd(day(on))).await;
        fill(&c, "New total daily dose (mg)", mg).await;
        press(&c, "Save dose step").await;
        see(&c, &format!("{mg} mg a day")).await;
    }

    // Seven check-ins before the cut (days 31..37, anxiety 3), seven after it (38..44,
    // anxiety 6) and three in the last week (56..58, anxiety 6): 17, each opened by date.
    press(&c, "Today").await;
    let days: Vec<(i64, &str)> = (31..=37)
        .map(|d| (d, "3"))
        .chain((38..=44).map(|d| (d, "6")))
        .chain((56..=58).map(|d| (d, "6")))
        .collect();
    for (on, anxiety) in days {
        fill(&c, "Check in for another day", &ymd(day(on))).await;
        press(&c, "Open day").await;
        let heading = if on == 58 {
            "Today — ".to_string()
        } else {
            format!("Check-in for {}", day(on).format("%A %-d %B %Y"))
        };
        see(&c, &heading).await;
        if on == 31 {
            audit
                .screen(&c, "Today (check-in for an earlier day)")
                .await;
        }
        fill(&c, "Anxiety (0–10)", anxiety).await;
        press(&c, "Save check-in").await;
        see(&c, "Saved your check-in").await;
    }

    press(&c, "Trends").await;
    see(&c, "Points you may want to discuss").await;
    let ceiling = see(&c, "32.5 % less than the 2 mg held on").await;
    assert!(ceiling.contains("within 14 days"), "{ceiling}");
    let title = format!(
        "Symptoms higher since the step on {}",
        day(38).format("%-d %b %Y")
    );
    see(&c, &title).await;
    let detail = see(&c, "Mean anxiety rose from 3.0 of 10").await;
    assert!(
        detail.contains("to 6.0 of 10 in the 14 days from the step on (7 check-ins)")
            && detail.contains("In the last 7 days it is 6.0 of 10"),
        "{detail}"
    );
    see(&c, "holding at this dose or slowing the next step").await;
    see(
        &c,
        &format!(
            "Step: Clonazepam 1.8 → 1.35 mg on {}",
            day(38).format("%-d %b %Y")
        ),
    )
    .await;
    let charts = t("charts", c.find_all(Locator::Css("figure.chart svg"))).await;
    assert!(
        charts.len() >= 3,
        "dose, ratings and symptom charts: {}",
        charts.len()
    );
    let label = t("chart label", charts[0].attr("aria-label"))
        .await
        .unwrap_or_default();
    assert!(label.to_lowercase().contains("dose"), "{label}");
    shot(&c, &out, "7-trends").await;
    audit.screen(&c, "Trends (points and charts)").await;
    let chart_section = t(
        "charts heading",
        c.find(Locator::XPath("//h2[normalize-space()='Charts']")),
    )
    .await;
    t(
        "scroll to charts",
        c.execute(
            "arguments[0].scrollIntoView()",
            vec![serde_json::to_value(&chart_section).expect("element")],
        ),
    )
    .await;
    shot(&c, &out, "8-trends-charts").await;

    // The period picker: everything keeps the points.
    let everything = by_label(&c, "Everything").await;
    t("everything", everything.click()).await;
    see(&c, &title).await;

    // A question for the prescriber, then a visit where it was answered and a hold decided,
    // with the next step agreed; "Since last visit" then starts at the visit.
    press(&c, "Visits").await;
    fill(
        &c,
        "A question for your prescriber",
        "Could we hold at 1.35 mg for a month?",
    )
    .await;
    press(&c, "Add question").await;
    see(&c, "Added ").await;
    fill(&c, "Date of the visit", &ymd(day(50))).await;
    fill(&c, "Clinician (optional)", "Dr Okafor").await;
    choose(&c, "What was decided", "Hold at the current dose").await;
    fill(&c, "From (date)", &ymd(today + Days::days(28))).await;
    fill(&c, "Total daily dose (mg)", "1.25").await;
    let boxes = t(
        "checkboxes",
        c.find_all(Locator::Css("input[name='answered']")),
    )
    .await;
    assert_eq!(
        boxes.len(),
        1,
        "the open question is offered for ticking off"
    );
    t("tick it at the visit", boxes[0].click()).await;
    press(&c, "Save visit").await;
    see(&c, "Visit saved.").await;
    see(&c, "Next step: clonazepam 1.25 mg a day from").await;
    see(&c, &format!("Answered {}", day(50).format("%-d %b %Y"))).await;
    shot(&c, &out, "9-visits").await;
    audit.screen(&c, "Visits (a question and a visit)").await;
    press(&c, "Trends").await;
    let since = by_label(&c, "Since last visit").await;
    t("since last visit", since.click()).await;
    see(
        &c,
        &format!(
            "{} to {}",
            day(50).format("%-d %b %Y"),
            today.format("%-d %b %Y")
        ),
    )
    .await;

    see(&c, "planned at 1.25 mg from").await;
    let charts_heading = t(
        "charts heading",
        c.find(Locator::XPath("//h2[normalize-space()='Charts']")),
    )
    .await;
    centre(&c, &charts_heading).await;
    shot(&c, &out, "9b-trends-since-visit").await;

    // PHQ-9: answering question 9 above "Not at all" shows the urgent-help message at once.
    press(&c, "Questionnaires").await;
    see(&c, "PHQ-9 (mood)").await;
    let item9 = t(
        "PHQ-9 item 9",
        c.wait().at_most(STEP_TIMEOUT).for_element(Locator::XPath(
            "//fieldset[legend[starts-with(normalize-space(), '9. Thoughts that you would be better off dead')]]//label[normalize-space()='Several days']",
        )),
    )
    .await;
    centre(&c, &item9).await;
    t("answer item 9", item9.click()).await;
    let alert = urgent_help_in_view(&c, "PHQ-9 question 9, default window").await;
    assert!(alert.contains("Please get urgent help now"), "{alert}");
    assert!(alert.contains("“Several days”"), "{alert}");
    shot(&c, &out, "10-questionnaire-item-9").await;
    audit
        .screen(&c, "Questionnaires (urgent-help message shown)")
        .await;
    close_urgent_help(&c, "Several days").await;
    // Beside the question, the same message stays once the dialog is closed.
    see(&c, "Please get urgent help now").await;

    // Removing the visit asks once more; then its question is open again.
    press(&c, "Visits").await;
    press(&c, "Remove this visit").await;
    press(
        &c,
        &format!("Yes, remove the visit of {}", day(50).format("%-d %b %Y")),
    )
    .await;
    see(&c, "No visits recorded yet.").await;
    see(&c, "Added ").await;

    // A backup saved through the window lands on disk as a Taper Journal backup; after a
    // mistaken check-in, restoring it brings the journal back as it was.
    press(&c, "Export and import").await;
    press(&c, "Save a backup…").await;
    see(&c, "Saved your backup to").await;
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&backup).expect("backup on disk")).expect("JSON");
    assert_eq!(saved["format"], "taper-journal-backup");
    assert_eq!(
        saved["tables"]["check_in"].as_array().map(Vec::len),
        Some(17)
    );
    // The spreadsheet, the FHIR bundle and the calendar (neutral titles by default).
    press(&c, "Save the spreadsheet (CSV)…").await;
    see(&c, "Saved the spreadsheet to").await;
    let csv = std::fs::read_to_string(exports.join(format!("taper-journal-{}.csv", ymd(today))))
        .expect("CSV on disk");
    assert!(
        csv.starts_with("\u{feff}date,"),
        "{}",
        &csv[..40.min(csv.len())]
    );
    press(&c, "Save for the clinic (FHIR)…").await;
    see(&c, "Saved the FHIR file to").await;
    let fhir: serde_json::Value = serde_json::from_slice(
        &std::fs::read(exports.join(format!("taper-journal-fhir-{}.json", ymd(today))))
            .expect("FHIR on disk"),
    )
    .expect("JSON");
    assert_eq!(fhir["resourceType"], "Bundle");
    press(&c, "Save the calendar (.ics)…").await;
    see(&c, "Saved the calendar to").await;
    let ics = std::fs::read_to_string(
        exports.join(format!("taper-journal-planned-steps-{}.ics", ymd(today))),
    )
    .expect("calendar on disk");
    assert!(ics.contains("SUMMARY:Planned step"), "{ics}");
    assert!(
        !ics.to_lowercase().contains("clonazepam"),
        "neutral titles by default"
    );
    shot(&c, &out, "12-exports").await;
    audit.screen(&c, "Export and import").await;

    // The visit summary: previewed in the window, saved as a PDF, found on disk and read
    // back with poppler.
    press(&c, "Visit summary").await;
    see(&c, "This is how it will print").await;
    choose(&c, "Period", "8 weeks").await;
    // The preview's headings are the PDF's.
    see(&c, "Dose steps in this period").await;
    see(&c, "Discussion points").await;
    choose(&c, "Paper size", "US Letter").await;
    fill(&c, "Your name on the summary (optional)", "Alex Doe").await;
    press(&c, "Save the summary as PDF…").await;
    see(&c, "Saved the visit summary to").await;
    shot(&c, &out, "13-visit-summary").await;
    audit.screen(&c, "Visit summary (preview shown)").await;
    let pdf = exports.join(format!("taper-journal-visit-summary-{}.pdf", ymd(today)));
    let bytes = std::fs::read(&pdf).expect("PDF on disk");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by ./dev.sh test");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in ["Alex Doe", "1.35 mg", "32.5 %", "not a medical record"] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF:\n{text}"
        );
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("612 x 792"), "US Letter, as chosen: {info}");

    press(&c, "Today").await;
    fill(&c, "Check in for another day", &ymd(day(10))).await;
    press(&c, "Open day").await;
    fill(&c, "Anxiety (0–10)", "9").await;
    press(&c, "Save check-in").await;
    see(&c, "Saved your check-in").await;
    press(&c, "Export and import").await;
    press(&c, "Restore from a backup…").await;
    button(&c, "Yes, choose a backup to restore").await;
    audit.screen(&c, "Export (restoring asks first)").await;
    press(&c, "Yes, choose a backup to restore").await;
    see(
        &c,
        "Restored the backup: 1 medication, 3 dose steps, 17 check-ins.",
    )
    .await;
    shot(&c, &out, "11-restored").await;
    press(&c, "Today").await;
    fill(&c, "Check in for another day", &ymd(day(10))).await;
    press(&c, "Open day").await;
    see(&c, "Every field is optional").await;
    assert_eq!(
        value_of(&c, "Anxiety (0–10)").await,
        "",
        "the mistaken check-in is gone"
    );
    let aside = std::fs::read_dir(journal.parent().expect("dir"))
        .expect("journal dir")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("taper-journal-before-restore-")
        });
    assert!(aside, "the journal as it was is kept beside it");
    t("close session", c.close()).await;
    audit.assert_clean();
}
