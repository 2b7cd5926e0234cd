//! The clinic visit summary PDF for a known scenario, read back with poppler (pdftotext,
//! pdfinfo, pdffonts) the way a PDF viewer would, and its tagging and structure checked
//! with qpdf, a second reader. CI needs the `poppler-utils` and `qpdf` packages.
//!
//! Over 500 lines, kept whole: the summary PDF of known scenarios read back by two readers;
//! the scenarios and the reading helpers are shared by every test.

use serde_json::json;
use std::path::Path;
use std::process::Command;
use taper_journal::api;
use taper_journal::store::Journal;
use taper_journal::views::summary::summary_view;
use taper_journal::views::PeriodChoice;

mod support {
    pub mod scenario;
}
use support::scenario::{day, iso, label, Scenario};

/// Scenario (b) of tests/trends.rs: clonazepam 2 mg, 10 % less on day 30, then 25 % less
/// only 8 days later; anxiety 3 -> 6. Plus a GAD-7 of 12 (moderate) on day 50 and an open
/// question (and one already answered, which is left out).
fn quick_cut_with_rising_anxiety() -> Scenario {
    let mut s = support::scenario::quick_cut_with_rising_anxiety();
    api::save_questionnaire(
        &mut s.j,
        json!({"kind": "gad7", "date": iso(50), "answers": [2, 2, 2, 2, 1, 2, 1]}),
        day(50),
    )
    .unwrap();
    api::add_question(
        &mut s.j,
        "Could we talk about holding at 1.35 mg for longer?",
        day(52),
    )
    .unwrap();
    api::add_question(&mut s.j, "An answered question", day(20)).unwrap();
    let answered =
        s.j.questions()
            .unwrap()
            .iter()
            .find(|q| q.text == "An answered question")
            .unwrap()
            .id;
    api::set_question_done(&mut s.j, answered, true, day(40)).unwrap();
    s
}

/// Runs a poppler tool; fails with what to install when it is missing.
fn poppler(tool: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{tool}` could not be run ({e}). These tests read the PDF with poppler: install the \
             Debian/Ubuntu package `poppler-utils` (apt-get install poppler-utils)."
        )
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Poppler's pdfinfo (22.12 here) misreads the tagged PDF's valid `/MarkInfo << /Suspects false >>`
    // (it accepts only `true`) and says so on every run; any other message still fails.
    let stderr = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.trim() != "Syntax Error: Suspects object is wrong type (boolean)")
        .collect::<Vec<_>>()
        .join("\n");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

/// Whitespace collapsed, so phrases wrapped over two lines still match.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_pdf(s: &Scenario, paper: &str) -> std::path::PathBuf {
    let bytes = api::summary_pdf(&s.j, "weeks_8", paper, Some("Alex Example"), day(58)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let path = s.dir.path().join(format!("summary-{paper}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    // Kept for looking at by hand when asked (pdftoppm -png -r 80 …).
    if let Ok(dir) = std::env::var("SUMMARY_PDF_DIR") {
        std::fs::copy(&path, Path::new(&dir).join(format!("summary-{paper}.pdf"))).unwrap();
    }
    path
}

fn check_pdf(s: &Scenario, paper: &str, page_size: &str) {
    let path = write_pdf(s, paper);
    let file = path.to_str().unwrap();

    let (info, info_err) = poppler("pdfinfo", &[file]);
    assert_eq!(info_err.trim(), "", "pdfinfo warnings for {paper}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    assert!(
        (1..=2).contains(&pages),
        "8 weeks fit on 1-2 pages, got {pages}"
    );
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_string();
    assert!(
        size.starts_with(page_size),
        "{paper}: page size {size}, expected {page_size}"
    );

    let (fonts, fonts_err) = poppler("pdffonts", &[file]);
    assert_eq!(fonts_err.trim(), "", "pdffonts warnings");
    // name type encoding emb sub uni object ID: every font row says "yes" under emb.
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "fonts are listed:\n{fonts}");
    for row in &rows {
        assert!(row.contains("DejaVuSans"), "only DejaVu Sans: {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {row}");
    }

    let (text, text_err) = poppler("pdftotext", &["-layout", file, "-"]);
    assert_eq!(text_err.trim(), "", "pdftotext warnings");
    let text = flat(&text);
    let expected = [
        "Clinic visit summary: Alex Example".to_string(),
        format!("Period: {} to {} (8 weeks, 56 days)", label(3), label(58)),
        // Current dose, its diazepam equivalent (1 mg clonazepam ≈ 10 mg diazepam in the
        // joint table: 1.35 mg ≈ 13.5 mg), and 20 days at it (day 38 to day 58).
        format!("Clonazepam: 1.35 mg a day since {} (20 days at this dose)", label(38)),
        "≈ 13.5 mg diazepam-equivalent (2025 joint guideline table, approximate)".to_string(),
        // 2 -> 1.35 mg: 0.65 mg less, 0.65 / 2 = 32.5 %.
        format!(
            "Total reduction since the first logged dose (2 mg on {}): 2 mg → 1.35 mg, 0.65 mg less (32.5 %)",
            label(0)
        ),
        // Axis labels of the charts.
        "Daily dose (mg)".to_string(),
        "The patient's questions".to_string(),
        "Could we talk about holding at 1.35 mg for longer?".to_string(),
        format!("GAD-7 (anxiety): 12 of 21, moderate, on {}.", label(50)),
        "not a medical record".to_string(),
        "Taper Journal is a journal, not medical advice.".to_string(),
    ];
    for e in &expected {
        assert!(
            text.contains(e.as_str()),
            "{paper}: missing {e:?} in:\n{text}"
        );
    }
    assert!(
        !text.contains("An answered question"),
        "only open questions"
    );

    // Every discussion point's title, as the Trends screen words it.
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    assert!(view.points.len() >= 4, "{:?}", view.points);
    for p in &view.points {
        assert!(
            text.contains(&flat(&format!("{}: {}", p.urgency_label, p.title))),
            "{paper}: point {:?} missing",
            p.title
        );
    }
    // The charts' time axis is text: its title, and date ticks ("21 Sep") that appear only
    // on an axis (elsewhere dates carry the year: "21 Sep 2026").
    assert!(text.contains("Date (2026)"), "the time axis title is text");
    let tick_only = (3..=58)
        .map(|n| day(n).format("%-d %b").to_string())
        .filter(|d| text.matches(d.as_str()).count() > text.matches(&format!("{d} 2026")).count())
        .count();
    assert!(tick_only >= 3, "chart date labels are text: {text}");
    assert!(text.contains("Withdrawal symptoms: none were noted in this period."));
    for label in [
        "Anxiety, mood and sleep",
        "GAD-7 anxiety total (0–21)",
        "Sleep (hours)",
    ] {
        assert!(text.contains(label), "chart title {label:?}");
    }
}

#[test]
fn the_summary_pdf_reads_back_on_a4_and_letter() {
    let s = quick_cut_with_rising_anxiety();
    check_pdf(&s, "a4", "595.28 x 841.89 pts (A4)");
    check_pdf(&s, "letter", "612 x 792 pts (letter)");
}

#[test]
fn the_step_table_shows_the_fortnights_around_each_step() {
    let s = quick_cut_with_rising_anxiety();
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    let rows = &view.step_table.rows;
    assert_eq!(rows.len(), 2, "the steps on days 30 and 38");
    // Day 30 (1.8 mg, −10 % from 2 mg, 2 mg held 30 days): before = days 16..29, anxiety
    // 2/4 alternating = 42/14 = 3.0; after = days 30..43: days 30..37 alternate (8 days:
    // 24), then 4, 5, and 6 on days 40..43 (4 × 6 = 24): 24 + 9 + 24 = 57 / 14 = 4.07 -> 4.1.
    assert_eq!(rows[0][0], label(30));
    assert_eq!(rows[0][1], "1.8 mg");
    assert_eq!(rows[0][2], "−10 % from 2 mg");
    assert_eq!(rows[0][3], "30 days at 2 mg");
    assert_eq!(rows[0][5], "14 / 14");
    assert_eq!(rows[0][6], "3.0 of 10 → 4.1 of 10");
    assert_eq!(rows[0][7], "7.0 h → 7.0 h");
    // The same means as the discussion point: 42/14 = 3.0 before, 81/14 = 5.79 -> 5.8 after.
    assert_eq!(rows[1][0], label(38));
    assert_eq!(rows[1][1], "1.35 mg");
    assert_eq!(rows[1][2], "−25 % from 1.8 mg");
    assert_eq!(rows[1][3], "8 days at 1.8 mg");
    assert!(
        rows[1][4].contains("Faster than the guideline's ceiling"),
        "{}",
        rows[1][4]
    );
    assert_eq!(rows[1][6], "3.0 of 10 → 5.8 of 10");
    // No symptoms were noted: a score of 0 on each check-in.
    assert_eq!(rows[1][8], "0.0 → 0.0");
    assert!(view
        .completeness
        .starts_with("Check-ins on 49 of 49 days (100 %) since the journal began on"));
}

#[test]
fn bad_period_paper_or_name_name_the_field() {
    let s = quick_cut_with_rising_anxiety();
    let field = |period: &str, paper: &str, name: Option<&str>| {
        api::summary_pdf(&s.j, period, paper, name, day(58))
            .unwrap_err()
            .field
    };
    assert_eq!(field("weeks_9", "a4", None).as_deref(), Some("period"));
    assert_eq!(field("weeks_8", "a3", None).as_deref(), Some("paper"));
    assert_eq!(
        field("weeks_8", "a4", Some("<script>")).as_deref(),
        Some("patient_name")
    );
    let long = "A".repeat(81);
    assert_eq!(
        field("weeks_8", "a4", Some(&long)).as_deref(),
        Some("patient_name")
    );
    // Blank is the same as no name; the default period falls back to 8 weeks.
    assert!(api::summary_pdf(&s.j, "since_last_visit", "letter", Some("  "), day(58)).is_ok());
}

#[test]
fn before_setup_there_is_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(&dir.path().join("journal.db")).unwrap();
    let e = api::summary_pdf(&j, "weeks_8", "a4", None, day(0)).unwrap_err();
    assert_eq!(e.kind, "not_found");
}

#[test]
fn a_crossover_with_a_red_flag_reads_in_diazepam_equivalents_and_urgent_first() {
    // Clonazepam 1 mg (≈ 10 mg diazepam) from day 0; diazepam 5 mg added on day 20 while
    // clonazepam goes to 0.5 mg (≈ 5 mg): total 10 -> 10 mg; on day 40 clonazepam stops:
    // total 5 mg diazepam-equivalent. From 10 to 5: 5 mg less, 50 %.
    let mut s = Scenario::new("clonazepam", "1", 0, 0);
    api::add_medication(
        &mut s.j,
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "5", "since": iso(20)}),
        day(20),
    )
    .unwrap();
    api::save_step(
        &mut s.j,
        json!({"medication_id": 1, "date": iso(20), "dose_mg": "0.5",
               "split": "0.25 morning, 0.25 night", "note": "switch agreed with Dr Lee"}),
        day(20),
    )
    .unwrap();
    s.step(1, 40, "0");
    // Gabapentin, an adjunct: listed with its dose, never converted.
    api::add_medication(
        &mut s.j,
        json!({"medication": {"generic": "gabapentin", "class": "other"}, "dose_mg": "900", "since": iso(0)}),
        day(0),
    )
    .unwrap();
    s.step(3, 30, "600");
    for on in 0..=55 {
        let mut fields =
            json!({"anxiety": 4, "sleep_hours": "6.5", "symptoms": {"tremor": 1, "insomnia": 2}});
        if on == 50 {
            fields["red_flags"] = json!(["confusion"]);
            fields["alcohol_drinks"] = json!(2);
        }
        if on == 25 {
            fields["doses_taken"] = json!({"1": "0.75"});
        }
        s.check_in(on, fields);
    }
    // The change cell of the switch day: the drug's own change, and the total beside it
    // (20 days at 1 mg = 10 mg DE; then 0.5 mg = 5 + diazepam 5 = 10 mg DE).
    let view = summary_view(&s.j, PeriodChoice::Everything, None, day(55))
        .unwrap()
        .unwrap();
    let switch = view
        .step_table
        .rows
        .iter()
        .find(|r| r[1] == "Clonazepam 0.5 mg")
        .expect("the switch day's clonazepam step");
    assert_eq!(switch[2], "−50 % from 1 mg; total 10 → 10 mg DE (0 %)");
    for paper in ["a4", "letter"] {
        let bytes = api::summary_pdf(&s.j, "everything", paper, None, day(55)).unwrap();
        let path = s.dir.path().join(format!("crossover-{paper}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        if let Ok(dir) = std::env::var("SUMMARY_PDF_DIR") {
            std::fs::copy(
                &path,
                Path::new(&dir).join(format!("crossover-{paper}.pdf")),
            )
            .unwrap();
        }
        let file = path.to_str().unwrap();
        let (info, err) = poppler("pdfinfo", &[file]);
        assert_eq!(err.trim(), "");
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(" 2")),
            "{paper}: 8 weeks with a crossover and a red flag still fits two pages: {info}"
        );
        let (text, err) = poppler("pdftotext", &[file, "-"]);
        assert_eq!(err.trim(), "");
        let text = flat(&text);
        let urgent = text
            .find("Urgent: Urgent symptoms noted on 1 day")
            .expect("red flag");
        let first_other = text.find("Important:").or(text.find("Warning:"));
        assert!(first_other.is_none_or(|o| urgent < o), "urgent first");
        // The clinician reads what the patient recorded and when, first, and no instruction
        // to seek help (that is the patient's message, on screen).
        let recorded = text
            .find(&format!(
                "Recorded by the patient: confusion (delirium) on {}.",
                label(50)
            ))
            .unwrap_or_else(|| panic!("{paper}: the recorded red flag, first, in:\n{text}"));
        assert!(
            recorded < urgent,
            "{paper}: what was recorded comes before the points"
        );
        for instruction in [
            "get urgent help",
            "emergency number",
            "911",
            "988",
            "contact your prescriber today",
            "Make sure your prescriber knows",
        ] {
            assert!(
                !text.contains(instruction),
                "{paper}: {instruction:?} in the summary:\n{text}"
            );
        }
        for e in [
            "Total reduction since the first logged dose (10 mg diazepam-equivalent on",
            "10 mg diazepam-equivalent → 5 mg diazepam-equivalent, 5 mg diazepam-equivalent less (50 %). All benzodiazepines together, 2025 joint guideline table, approximate.",
            "Diazepam: 5 mg a day since",
            // A stop reads as a sentence, not "0 mg: stopped".
            &format!("Clonazepam: stopped on {} (15 days ago)", label(40)),
            &format!("Gabapentin: 600 mg a day since {} (from 900 mg; 25 days at this dose) Not converted (not a benzodiazepine or z-drug)", label(30)),
            "The dose chart shows the benzodiazepines and z-drugs; gabapentin is listed with its dose under Medication.",
            // The step table: the total beside the drug's own change, the table named; the
            // split and the note; the day the dose taken differed, with the amounts.
            "Total: all benzodiazepines together in mg diazepam-equivalent (DE), 2025 joint guideline table, approximate",
            &format!("{}, clonazepam 0.5 mg: taken as 0.25 morning, 0.25 night; note: “switch agreed with Dr Lee”.", label(20)),
            &format!("The dose taken differed from the step on 1 day: {}, clonazepam 0.75 mg (step 0.5 mg).", label(25)),
            // The total's legend whole, with its table (wrapped, never cut).
            "Benzodiazepines together (diazepam-equivalent, 2025 joint guideline table)",
            "Diazepam-equivalent total",
            "alcohol on 1 day (2 drinks in all)",
            "Tremor",
        ] {
            assert!(text.contains(e), "{paper}: missing {e:?} in:\n{text}");
        }
    }
}

/// Keeps a taper proposal on day 58 (it becomes the one shown): clonazepam 1 mg morning and
/// night, 0.5 mg scored tablets, 10 % every 14 days from day 66 (12 Nov 2026).
fn keep_proposal(s: &mut Scenario, quarters: bool) {
    api::plan::save_plan_proposal(
        &mut s.j,
        json!({"medication_id": 1, "times": [{"label": "Morning", "dose_mg": "1"}, {"label": "Night", "dose_mg": "1"}],
               "form": "tablets", "tablets": [{"strength_mg": "0.5", "scored": true}], "quarters": quarters,
               "percent": "10", "every_days": "14", "start": iso(66)}),
        day(58),
    )
    .unwrap();
}

fn pdf_text(s: &Scenario, paper: &str, name: &str) -> (u32, String) {
    let bytes = api::summary_pdf(&s.j, "weeks_8", paper, Some("Alex Example"), day(58)).unwrap();
    let path = s.dir.path().join(format!("{name}-{paper}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    if let Ok(dir) = std::env::var("SUMMARY_PDF_DIR") {
        std::fs::copy(&path, Path::new(&dir).join(format!("{name}-{paper}.pdf"))).unwrap();
    }
    let file = path.to_str().unwrap();
    let (info, err) = poppler("pdfinfo", &[file]);
    assert_eq!(err.trim(), "", "pdfinfo warnings for {paper}");
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    let (text, err) = poppler("pdftotext", &["-layout", file, "-"]);
    assert_eq!(err.trim(), "", "pdftotext warnings for {paper}");
    (pages, flat(&text))
}

#[test]
fn a_shown_proposal_is_on_the_summary_and_its_pdf_and_gone_when_unshown() {
    let mut s = quick_cut_with_rising_anxiety();
    let before: Vec<(u32, String)> = ["a4", "letter"]
        .iter()
        .map(|paper| pdf_text(&s, paper, "without-proposal"))
        .collect();
    keep_proposal(&mut s, false);

    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    let p = view
        .proposal
        .as_ref()
        .expect("the shown proposal is on the summary");
    assert_eq!(p.heading, "A proposal to discuss");
    assert_eq!(
        p.notice,
        "Made by the patient on 4 November 2026 with Taper Journal, to discuss; not a prescription."
    );
    assert_eq!(
        p.assumed,
        "Medication: clonazepam. Made from: 0.5 mg tablets (scored). Pace: 10 % of the current dose every 14 days."
    );
    // 2 mg in halves of 0.5 mg: the nearest to 10 % less is 1.75 mg (12.5 %), larger than
    // chosen, so held 18 days (12.5 / 10 × 14 = 17.5 -> 18): 1½ tablets in the morning, 2
    // at night. Then 1.5, 1.25, 1 and 0.75 mg (25 %); 0.5 mg would be 33.3 %: a stop.
    assert_eq!(p.rows.len(), 5);
    assert_eq!(
        p.rows[0],
        [
            label(66),
            "1.75 mg".to_string(),
            "Morning: 1½ × 0.5 mg; Night: 2 × 0.5 mg".to_string(),
            "−12.5 %".to_string(),
            "18 days".to_string(),
            "Larger than chosen (tablet sizes)".to_string(),
        ]
    );
    assert_eq!(p.rows[4][1], "0.75 mg");
    assert_eq!(p.rows[4][4], "", "the last step has no hold");
    assert!(p.earlier.is_none() && p.more.is_none(), "{p:?}");
    assert!(
        p.ending.starts_with("The proposal stops at 0.75 mg a day"),
        "{}",
        p.ending
    );
    assert!(p
        .to_discuss
        .contains(&"A lower tablet strength.".to_string()));

    for (paper, (pages_before, _)) in ["a4", "letter"].iter().zip(&before) {
        let (pages, text) = pdf_text(&s, paper, "with-proposal");
        assert!(
            pages <= 2,
            "{paper}: 8 weeks and a proposal fit on two pages, got {pages} (before: {pages_before})"
        );
        for e in [
            "A proposal to discuss",
            "Made by the patient on 4 November 2026 with Taper Journal, to discuss; not a prescription.",
            "Pace: 10 % of the current dose every 14 days.",
            "Each dose made as",
            "1.75 mg",
            "Larger than chosen (tablet sizes)",
            "The proposal stops at 0.75 mg a day",
            "A lower tablet strength.",
        ] {
            assert!(text.contains(e), "{paper}: missing {e:?} in:\n{text}");
        }
        assert!(text.contains(&label(66)), "{paper}: the first step's date");
        // After the logged steps, before the questionnaires.
        let at = |t: &str| text.find(t).unwrap_or_else(|| panic!("{paper}: {t:?}"));
        assert!(at("Dose steps in this period") < at("A proposal to discuss"));
        assert!(at("A proposal to discuss") < at("Questionnaires (GAD-7, PHQ-9)"));
    }

    s.j.show_plan_proposal(None).unwrap();
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    assert!(view.proposal.is_none());
    let json = serde_json::to_value(&view).unwrap();
    assert!(
        json.get("proposal").is_none(),
        "the preview gets no proposal"
    );
    for (paper, before) in ["a4", "letter"].iter().zip(&before) {
        let after = pdf_text(&s, paper, "unshown");
        assert!(!after.1.contains("A proposal to discuss"), "{paper}");
        assert_eq!(
            &after, before,
            "{paper}: the summary reads as without a proposal"
        );
    }
}

#[test]
fn a_long_proposal_shows_its_next_steps_and_counts_the_rest() {
    let mut s = quick_cut_with_rising_anxiety();
    // With quarters, 0.125 mg pieces: 13 steps from 1.875 mg on 12 Nov 2026, every 14 days
    // while the cuts stay near 10 % (1.875, 1.75 … 1 mg), then held longer, to 0.375 mg.
    keep_proposal(&mut s, true);
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    let p = view.proposal.unwrap();
    assert_eq!(p.rows.len(), 6, "at most 6 steps are printed");
    assert_eq!(p.rows[0][0], label(66));
    assert_eq!(p.rows[0][1], "1.875 mg");
    assert_eq!(p.rows[5][1], "1.25 mg");
    let all = s.j.shown_plan_proposal().unwrap().unwrap().proposal.steps;
    assert_eq!(all.len(), 13);
    let last = all.last().unwrap();
    assert_eq!(last.daily.mg_text(), "0.375");
    assert_eq!(
        p.more.as_deref(),
        Some(
            format!(
                "… and 7 more steps, to 0.375 mg on {} (the full table is in the app).",
                last.date.format("%-d %b %Y")
            )
            .as_str()
        )
    );

    // Four weeks later the first two steps (12 and 26 Nov) have passed: the table starts at
    // the next one, 10 Dec (1.625 mg), and says what it left out.
    let later = summary_view(&s.j, PeriodChoice::Weeks8, None, day(90))
        .unwrap()
        .unwrap();
    let p = later.proposal.unwrap();
    assert_eq!(
        p.earlier.as_deref(),
        Some(
            format!(
                "2 earlier steps, {} to {}, are left out (the full table is in the app).",
                label(66),
                label(80)
            )
            .as_str()
        )
    );
    assert_eq!(p.rows[0][0], label(94));
    assert_eq!(p.rows[0][1], "1.625 mg");
    assert_eq!(p.rows.len(), 6);
    assert!(p
        .more
        .unwrap()
        .starts_with("… and 5 more steps, to 0.375 mg on"));

    for paper in ["a4", "letter"] {
        let (pages, text) = pdf_text(&s, paper, "long-proposal");
        assert!(pages <= 2, "{paper}: {pages} pages");
        assert!(
            text.contains("… and 7 more steps, to 0.375 mg on"),
            "{paper}: {text}"
        );
    }
}

#[test]
fn a_proposal_whose_steps_have_all_passed_prints_none_as_still_to_come() {
    let mut s = quick_cut_with_rising_anxiety();
    keep_proposal(&mut s, false);
    // Its five steps run from day 66 to day 156; on day 200 all are past.
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(200))
        .unwrap()
        .unwrap();
    let p = view.proposal.expect("still shown");
    assert!(p.rows.is_empty(), "{:?}", p.rows);
    assert!(p.more.is_none());
    assert_eq!(
        p.earlier.as_deref(),
        Some(
            format!(
                "5 earlier steps, {} to {}, are left out (the full table is in the app).",
                label(66),
                label(156)
            )
            .as_str()
        )
    );
}

#[test]
fn the_summary_says_what_was_agreed_at_the_last_visit_and_the_next_step() {
    let mut s = support::scenario::quick_cut_with_rising_anxiety();
    api::add_visit(
        &mut s.j,
        json!({"date": iso(40), "clinician": "Dr Lee", "decision": "slow_down",
               "note": "Hold 4 weeks, then review",
               "next_step": {"medication_id": 1, "date": iso(70), "dose_mg": "1.2"}}),
        day(40),
    )
    .unwrap();
    // GAD-7: 8 (mild) on day 36, before the visit; 12 (moderate) on day 50. PHQ-9 on day
    // 50 with question 9 answered "Several days" (1): 2+1+1+1+0+0+0+0+1 = 6, mild.
    for (date, kind, answers) in [
        (36, "gad7", json!([1, 1, 1, 1, 1, 1, 2])),
        (50, "gad7", json!([2, 2, 2, 2, 1, 2, 1])),
        (50, "phq9", json!([2, 1, 1, 1, 0, 0, 0, 0, 1])),
    ] {
        api::save_questionnaire(
            &mut s.j,
            json!({"kind": kind, "date": iso(date), "answers": answers}),
            day(date),
        )
        .unwrap();
    }
    let view = summary_view(&s.j, PeriodChoice::Weeks8, None, day(58))
        .unwrap()
        .unwrap();
    assert_eq!(
        view.questionnaires,
        [
            format!(
                "GAD-7 (anxiety): 12 of 21, moderate, on {}; up 4 from 8 of 21, mild, on {} (the last before the last visit).",
                label(50),
                label(36)
            ),
            format!("PHQ-9 (mood): 6 of 27, mild, on {}.", label(50)),
            format!(
                "PHQ-9 question 9 (thoughts of self-harm) on {}: “Several days”.",
                label(50)
            ),
        ]
    );
    assert_eq!(
        view.agreed[0],
        format!(
            "Last visit on {} with Dr Lee. Decided: Slow down. Note: Hold 4 weeks, then review",
            label(40)
        )
    );
    assert!(
        view.agreed[1].starts_with(&format!(
            "Next agreed step: clonazepam 1.2 mg a day from {}",
            label(70)
        )),
        "{:?}",
        view.agreed
    );
    // The same words in the PDF, on page 1.
    let bytes = api::summary_pdf(&s.j, "weeks_8", "a4", None, day(58)).unwrap();
    let path = s.dir.path().join("agreed.pdf");
    std::fs::write(&path, bytes).unwrap();
    let (page1, _) = poppler(
        "pdftotext",
        &["-f", "1", "-l", "1", path.to_str().unwrap(), "-"],
    );
    let page1 = flat(&page1);
    assert!(page1.contains("Decided: Slow down."), "{page1}");
    assert!(
        page1.contains("Next agreed step: clonazepam 1.2 mg a day from"),
        "{page1}"
    );
}

/// Runs qpdf; fails with what to install when it is missing.
fn qpdf(args: &[&str]) -> String {
    let out = Command::new("qpdf")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "`qpdf` could not be run ({e}). This test checks the PDF's structure with qpdf: \
             install the Debian/Ubuntu package `qpdf` (apt-get install qpdf)."
            )
        });
    // 0: fine; 3: warnings only, which the test reports as a failure below.
    assert!(
        out.status.success(),
        "qpdf {args:?} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The operators of a content stream, each with how deep in marked content (BDC/BMC … EMC)
/// it stands. Strings, names, numbers, arrays and dictionaries are skipped.
fn operators(stream: &[u8]) -> Vec<(String, i32)> {
    let regular = |c: u8| !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&c);
    let (mut ops, mut depth, mut i) = (Vec::new(), 0, 0);
    while i < stream.len() {
        let c = stream[i];
        match c {
            b'(' => {
                // A literal string: nested parentheses, backslash escapes.
                let mut nest = 0;
                while i < stream.len() {
                    match stream[i] {
                        b'\\' => i += 1,
                        b'(' => nest += 1,
                        b')' => {
                            nest -= 1;
                            if nest == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if stream.get(i + 1) != Some(&b'<') => {
                while i < stream.len() && stream[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'%' => {
                while i < stream.len() && stream[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' => {
                i += 1;
                while i < stream.len() && regular(stream[i]) {
                    i += 1;
                }
            }
            _ if regular(c) => {
                let start = i;
                while i < stream.len() && regular(stream[i]) {
                    i += 1;
                }
                let token = String::from_utf8_lossy(&stream[start..i]).into_owned();
                let number = token
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-.".contains(c));
                if number || token == "true" || token == "false" || token == "null" {
                    continue;
                }
                if token == "EMC" {
                    depth -= 1;
                }
                ops.push((token.clone(), depth));
                if token == "BDC" || token == "BMC" {
                    depth += 1;
                }
            }
            _ => i += 1,
        }
    }
    ops
}

#[test]
fn the_summary_pdf_is_tagged_in_reading_order_and_declares_pdf_ua_1_and_pdf_a_2a() {
    let s = quick_cut_with_rising_anxiety();
    let path = write_pdf(&s, "a4");
    let file = path.to_str().unwrap();
    let view = summary_view(&s.j, PeriodChoice::Weeks8, Some("Alex Example"), day(58))
        .unwrap()
        .unwrap();

    let (info, err) = poppler("pdfinfo", &[file]);
    assert_eq!(err.trim(), "");
    for line in [
        "Tagged:          yes",
        "PDF version:     1.7",
        "Title:           Clinic visit summary: Alex Example",
    ] {
        assert!(info.lines().any(|l| l == line), "{line:?} in:\n{info}");
    }

    // The XMP says which standards the file keeps, its language and the day it was made.
    let (meta, err) = poppler("pdfinfo", &["-meta", file]);
    assert_eq!(err.trim(), "");
    for e in [
        "<pdfuaid:part>1</pdfuaid:part>".to_string(),
        "<pdfaid:part>2</pdfaid:part>".to_string(),
        "<pdfaid:conformance>A</pdfaid:conformance>".to_string(),
        "<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>".to_string(),
        format!("<xmp:CreateDate>{}T00:00:00Z</xmp:CreateDate>", iso(58)),
    ] {
        assert!(meta.contains(&e), "{e} in the XMP:\n{meta}");
    }

    // The structure in reading order: the title, the sections, the charts as figures, the
    // step table with its header cells, the lists; footers are not in it.
    let (tree, err) = poppler("pdfinfo", &["-struct-text", file]);
    assert_eq!(err.trim(), "");
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    assert_eq!(lines.first(), Some(&"Document"), "{tree}");
    assert_eq!(
        lines.get(1),
        Some(&"H1 \"Clinic visit summary: Alex Example\" (block)"),
        "the title first:\n{tree}"
    );
    let mut from = 0;
    for e in [
        "H2 \"Discussion points\" (block)",
        "H2 \"Medication\" (block)",
        "H2 \"Charts\" (block)",
        "H3 \"Daily dose\" (block)",
        "Figure:",
        "H3 \"Anxiety, mood and sleep\" (block)",
        "Figure:",
        "H2 \"Dose steps in this period\" (block)",
        "Table (block)",
        "THead",
        "TR",
        "TH:",
        "/Scope /Column",
        "\"Date\"",
        "TBody",
        "TR",
        "TD",
        "H2 \"Questionnaires (GAD-7, PHQ-9)\" (block)",
        "L (block):",
        "/ListNumbering /Disc",
        "LI (block)",
        "Lbl (block)",
        "\"•\"",
        "LBody (block)",
        "H2 \"The patient's questions\" (block)",
        "\"Could we talk about holding at 1.35 mg for longer?\"",
        "\"Taper Journal is a journal, not medical advice. Dose changes are decided together with your prescriber.\"",
    ] {
        let at = lines[from..]
            .iter()
            .position(|l| *l == e)
            .unwrap_or_else(|| panic!("{e:?} after line {from} in:\n{tree}"));
        from += at + 1;
    }
    for footer in [view.self_reported, "Page 1 of 2", "Page 2 of 2"] {
        assert!(
            !tree.contains(footer),
            "the footer is an artifact: {footer:?}"
        );
    }

    // A second reader, qpdf: the file is sound, and its catalog, pages and figures say
    // what PDF/UA asks of them.
    let check = qpdf(&["--check", file]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&qpdf(&["--json=2", "--json-key=qpdf", file])).unwrap();
    let objects: Vec<&serde_json::Value> = json["qpdf"][1]
        .as_object()
        .unwrap()
        .values()
        .map(|o| &o["value"])
        .collect();
    let of_type = |t: &str| -> Vec<&serde_json::Value> {
        objects
            .iter()
            .copied()
            .filter(|o| o["/Type"] == t)
            .collect()
    };
    let catalog = of_type("/Catalog")[0];
    assert_eq!(catalog["/Lang"], "u:en");
    assert_eq!(catalog["/MarkInfo"]["/Marked"], true);
    assert_eq!(catalog["/ViewerPreferences"]["/DisplayDocTitle"], true);
    assert!(catalog["/StructTreeRoot"].is_string(), "{catalog}");
    assert!(catalog["/Outlines"].is_string(), "{catalog}");
    let pages = of_type("/Page");
    assert_eq!(pages.len(), 2);
    for page in &pages {
        assert!(page["/StructParents"].is_number(), "{page}");
    }
    // The bookmarks are the headings.
    let bookmarks: Vec<&str> = objects
        .iter()
        .filter_map(|o| o["/Title"].as_str())
        .collect();
    for heading in [
        "u:Clinic visit summary: Alex Example",
        "u:Charts",
        "u:Daily dose",
    ] {
        assert!(bookmarks.contains(&heading), "{heading} in {bookmarks:?}");
    }
    // Each chart is a figure whose alternative text is the one the screen gives it.
    let mut alts: Vec<&str> = objects
        .iter()
        .filter(|o| o["/S"] == "/Figure")
        .filter_map(|o| o["/Alt"].as_str())
        .collect();
    let mut expected: Vec<String> = view
        .charts
        .iter()
        .map(|c| format!("u:{}", c.summary))
        .collect();
    assert!(!expected.is_empty());
    alts.sort();
    expected.sort();
    assert_eq!(alts, expected);

    // Every mark on every page is inside marked content: tagged, or an artifact.
    let qdf = s.dir.path().join("summary-qdf.pdf");
    qpdf(&[
        "--qdf",
        "--object-streams=disable",
        file,
        qdf.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&qdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let streams: Vec<&str> = text.split("%% Contents for page").skip(1).collect();
    assert_eq!(streams.len(), 2, "one content stream a page");
    for (n, part) in streams.iter().enumerate() {
        let start = part.find("stream\n").unwrap() + "stream\n".len();
        let end = part.find("\nendstream").unwrap();
        let ops = operators(&part.as_bytes()[start..end]);
        let painting = [
            "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh",
        ];
        let marks = ops.iter().filter(|(op, _)| painting.contains(&op.as_str()));
        let mut count = 0;
        for (op, depth) in marks {
            assert!(*depth >= 1, "page {}: {op} outside marked content", n + 1);
            count += 1;
        }
        assert!(count > 20, "page {}: {count} marks", n + 1);
        assert_eq!(
            ops.iter()
                .filter(|(op, _)| op == "BDC" || op == "BMC")
                .count(),
            ops.iter().filter(|(op, _)| op == "EMC").count(),
            "balanced"
        );
    }
}

/// A summary that fails its PDF/UA or PDF/A check reaches the page as an export error in
/// calm words, with no field at fault; no bytes come back, so nothing is saved (the save
/// dialog is only opened once the PDF is made). The refusal itself is provoked in
/// `export::pdf::typeset`'s unit tests (a chart without a text alternative).
#[test]
fn a_pdf_that_fails_its_accessibility_check_is_a_calm_export_error() {
    use taper_journal::export::pdf::PdfError;
    let e = api::ApiError::from(PdfError::NotAccessible(
        "MissingAltText(None) (PDF/UA-1, PDF/A-2a)".to_string(),
    ));
    assert_eq!(e.kind, "export");
    assert_eq!(e.field, None);
    assert_eq!(
        e.message,
        "The summary could not be made as an accessible PDF, so no file was saved. Your journal \
         is unchanged."
    );
    assert!(
        !e.message.contains("MissingAltText"),
        "the reason is for the log"
    );
}

/// A name in a script the embedded font lacks still makes a summary: drawn as stand-ins
/// (PDF/UA and PDF/A forbid the empty glyph), read and copied as the name itself.
#[test]
fn a_name_the_font_cannot_draw_still_makes_an_accessible_summary() {
    let s = quick_cut_with_rising_anxiety();
    let bytes = api::summary_pdf(&s.j, "weeks_8", "a4", Some("李明"), day(58)).unwrap();
    let path = s.dir.path().join("name.pdf");
    std::fs::write(&path, bytes).unwrap();
    let file = path.to_str().unwrap();
    let (text, err) = poppler("pdftotext", &[file, "-"]);
    assert_eq!(err.trim(), "");
    assert!(text.contains("Clinic visit summary: 李明"), "{text}");
    let (info, _) = poppler("pdfinfo", &[file]);
    assert!(
        info.contains("Title:           Clinic visit summary: 李明"),
        "{info}"
    );
}

#[path = "../benches/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

/// The 8-week summary of the benchmarks' seeded journal of `years`, on A4 and on Letter: two
/// pages, and every symptom of the heat map named whole (drawn, or in the line under it).
fn seeded_eight_weeks_fit_two_pages(years: u32) {
    let s = synthetic::generate(years);
    let view = summary_view(&s.journal, PeriodChoice::Weeks8, None, s.today)
        .unwrap()
        .unwrap();
    let heat = view.charts.iter().find(|c| c.key == "symptoms").unwrap();
    let note = heat
        .note
        .as_deref()
        .expect("more symptoms than rows: a note");
    assert!(
        !heat.svg.contains('…') && !heat.summary.contains('…') && !note.contains('…'),
        "no symptom name is cut: {note}"
    );
    let dir = tempfile::tempdir().unwrap();
    for paper in ["a4", "letter"] {
        let bytes = api::summary_pdf(&s.journal, "weeks_8", paper, None, s.today).unwrap();
        let path = dir.path().join(format!("summary-{years}y-{paper}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        if let Ok(keep) = std::env::var("SUMMARY_PDF_DIR") {
            std::fs::copy(&path, Path::new(&keep).join(path.file_name().unwrap())).unwrap();
        }
        let file = path.to_str().unwrap();
        let (info, _) = poppler("pdfinfo", &[file]);
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().eq(["Pages:", "2"])),
            "{years} y, {paper}: {info}"
        );
        let (text, _) = poppler("pdftotext", &[file, "-"]);
        let text = flat(&text);
        // Nothing in this journal is shortened, so no ellipsis at all ("depersonali…").
        assert!(!text.contains('…'), "{years} y, {paper}: {text}");
        for name in ["Tinnitus", "Insomnia"] {
            assert!(text.contains(name), "{name} on the {paper} page: {text}");
        }
        // Noted on 9 of the 56 days: not among the rows drawn, named whole under them.
        assert!(
            text.contains("Feeling unreal (depersonalisation)"),
            "{years} y, {paper}: {text}"
        );
    }
}

#[test]
fn the_eight_week_summary_of_a_seeded_year_fits_two_pages_on_a4_and_letter() {
    seeded_eight_weeks_fit_two_pages(1);
}

/// About 20 s to write ten years in a debug build.
#[test]
fn the_eight_week_summary_of_a_seeded_decade_fits_two_pages_on_a4_and_letter() {
    seeded_eight_weeks_fit_two_pages(10);
}
