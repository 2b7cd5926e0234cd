//! Worked clinical scenarios for the discussion points, through the real store and the api
//! the window calls. Each writes out by hand the numbers it expects.
//!
//! Over 500 lines, kept whole: worked clinical scenarios for the discussion points; each
//! writes out its numbers by hand, and there are many.

use serde_json::json;
use taper_journal::api;
use taper_journal::journal::Micrograms;
use taper_journal::taper::discussion::{discussion_points, Finding};
use taper_journal::taper::symptom_change::{Mean, Measure};
use taper_journal::taper::PaceFinding;
use taper_journal::views::period_data::{load_period, PeriodChoice};
use taper_journal::views::TrendsView;

mod support {
    pub mod scenario;
}
use support::scenario::{day, iso, label, quick_cut_with_rising_anxiety, Scenario};

impl Scenario {
    fn findings(&self, choice: PeriodChoice, today: i64) -> Vec<Finding> {
        let data = load_period(&self.j, choice, day(today)).unwrap().unwrap();
        discussion_points(&data.evidence())
    }

    fn view(&self, period: &str, today: i64) -> TrendsView {
        api::trends(&self.j, period, Some(800), day(today)).unwrap()
    }
}

fn kinds(v: &TrendsView) -> Vec<&str> {
    v.points.iter().map(|p| p.kind).collect()
}

fn ug(mg: &str) -> Micrograms {
    Micrograms::parse_mg("dose_mg", "Dose", mg).unwrap()
}

#[test]
fn a_steady_ten_percent_every_three_weeks_with_flat_symptoms_raises_nothing() {
    // Diazepam 20 mg from day 0; exactly 10 % less every 21 days:
    // 20 -> 18 (day 21) -> 16.2 (day 42) -> 14.58 (day 63) -> 13.122 (day 84).
    let mut s = Scenario::new("diazepam", "20", 0, 0);
    for (on, mg) in [(21, "18"), (42, "16.2"), (63, "14.58"), (84, "13.122")] {
        s.step(1, on, mg);
    }
    // Daily check-ins, anxiety wobbling 2..4 around 3 (weekly pattern, mean 3.0), sleep 7 h,
    // mild tremor every day (symptom score 1).
    let wobble = [3, 4, 3, 2, 3, 4, 2];
    for on in 0..=100 {
        s.check_in(
            on,
            json!({"anxiety": wobble[(on % 7) as usize], "sleep_hours": "7", "symptoms": {"tremor": 1}}),
        );
    }
    // Day 100, 8 weeks = days 45..100 (56 days), a check-in on each.
    let findings = s.findings(PeriodChoice::Weeks8, 100);
    assert_eq!(
        findings,
        vec![Finding::Completeness {
            logged: 56,
            days: 56
        }],
        "10 % every 21 days is within the usual pace; flat symptoms raise no point"
    );
    let v = s.view("weeks_8", 100);
    assert_eq!(kinds(&v), ["completeness"]);
    assert_eq!(v.points[0].title, "Check-ins on 56 of 56 days (100 %)");
    assert!(v.urgent_help.is_none());
}

#[test]
fn b_a_quarter_cut_after_eight_days_with_anxiety_up_from_3_to_6() {
    let s = quick_cut_with_rising_anxiety();
    let findings = s.findings(PeriodChoice::Weeks8, 58);
    let step_38 = |f: &Finding| match f {
        Finding::Pace { step, .. } | Finding::SymptomsHigher { step, .. } => {
            step.date == day(38) && step.dose == ug("1.35") && step.previous_dose == Some(ug("1.8"))
        }
        _ => false,
    };

    // Pace, by hand: 1.8 -> 1.35 is 0.45/1.8 = 25.0 % in one step (over the usual 10 %),
    // 8 days after the last step (under 14), and 2 mg was still held on day 24, the start of
    // the 14-day window: (2 - 1.35)/2 = 32.5 % > 25 % — faster than the ceiling.
    let pace: Vec<&PaceFinding> = findings
        .iter()
        .filter(|f| step_38(f))
        .filter_map(|f| match f {
            Finding::Pace { finding, .. } => Some(finding),
            _ => None,
        })
        .collect();
    assert!(pace.contains(&&PaceFinding::OverCeiling {
        reduction_tenths_percent: 325,
        from: ug("2"),
        from_date: day(24)
    }));
    assert!(pace.contains(&&PaceFinding::LargerThanUsualStep {
        reduction_tenths_percent: 250
    }));
    assert!(pace.contains(&&PaceFinding::SoonerThanUsual { days: 8 }));

    // Symptoms, by hand: baseline days 24..37 = seven 2s and seven 4s = 42/14 = 3.0.
    // After, days 38..51: 4 + 5 + 12 × 6 = 81/14 = 5.79 (+2.79, at least +2).
    // Most recent 7 days, 52..58: all 6 = 6.0, still 3.0 above the baseline.
    let higher = findings
        .iter()
        .find_map(|f| match f {
            Finding::SymptomsHigher {
                step,
                changes,
                after_days: 14,
                held_now: true,
                ..
            } if step.date == day(38) => Some(changes),
            _ => None,
        })
        .expect("a symptoms-higher point for the step on day 38");
    assert_eq!(higher.len(), 1, "sleep stayed at 7 h; only anxiety rose");
    assert_eq!(higher[0].measure, Measure::Anxiety);
    assert_eq!(higher[0].before, Mean { sum: 42, count: 14 });
    assert_eq!(higher[0].after, Mean { sum: 81, count: 14 });
    assert_eq!(higher[0].recent, Some(Mean { sum: 42, count: 7 }));

    // In words, on the screen: the ceiling warning comes before the symptoms point, both
    // name the step, and the symptoms point has both means.
    let v = s.view("weeks_8", 58);
    let ceiling = v
        .points
        .iter()
        .position(|p| p.title == "Faster than the guideline's ceiling")
        .expect("ceiling warning shown");
    let symptoms = v
        .points
        .iter()
        .position(|p| p.kind == "symptoms_higher")
        .unwrap();
    assert!(ceiling < symptoms, "warnings come first: {:?}", kinds(&v));
    let step_label = format!("Clonazepam 1.8 → 1.35 mg on {}", label(38));
    assert_eq!(v.points[ceiling].step_label, step_label);
    assert!(v.points[ceiling]
        .detail
        .starts_with("32.5 % less than the 2 mg held on"));
    let p = &v.points[symptoms];
    assert_eq!(
        p.title,
        format!("Symptoms higher since the step on {}", label(38))
    );
    assert_eq!(p.step_label, step_label);
    assert_eq!(
        p.detail,
        "Mean anxiety rose from 3.0 of 10 in the 14 days before the step (14 check-ins) to 5.8 of 10 \
in the 14 days from the step on (14 check-ins). In the last 7 days it is 6.0 of 10. You may want to \
discuss holding at this dose or slowing the next step with your prescriber."
    );
    // Setup and the first check-in were on day 10: 49 days covered, all logged.
    assert_eq!(
        v.points.last().unwrap().title,
        "Check-ins on 49 of 49 days (100 %)"
    );
    for p in &v.points {
        let text = format!("{} {}", p.title, p.detail).to_lowercase();
        for instruction in [
            "you should",
            "reduce your dose",
            "increase your dose",
            "stop taking",
        ] {
            assert!(!text.contains(instruction), "an instruction in {p:?}");
        }
    }
}

#[test]
fn c_symptoms_that_rise_then_settle_back_leave_no_lingering_point() {
    // Clonazepam 2 mg from day 0, 10 % less on day 30 (after 30 days: within the pace).
    let mut s = Scenario::new("clonazepam", "2", 0, 14);
    s.step(1, 30, "1.8");
    for on in 14..=50 {
        // Baseline 3; days 30..39 anxiety 6 (the after-window mean is (10×6 + 4×3)/14 =
        // 5.1, a rise of 2.1); from day 40 back to 3, so the last 7 days (44..50) are 3.0.
        let anxiety = if (30..40).contains(&on) { 6 } else { 3 };
        s.check_in(on, json!({"anxiety": anxiety}));
    }
    let findings = s.findings(PeriodChoice::Weeks8, 50);
    assert!(
        !findings
            .iter()
            .any(|f| matches!(f, Finding::SymptomsHigher { .. })),
        "{findings:?}"
    );
    // While the rise was still there (day 39), the point was raised.
    let on_day_39 = s.findings(PeriodChoice::Weeks8, 39);
    assert!(on_day_39.iter().any(|f| matches!(
        f,
        Finding::SymptomsHigher { step, .. } if step.date == day(30)
    )));
    assert_eq!(kinds(&s.view("weeks_8", 50)), ["completeness"]);
}

#[test]
fn d_too_few_check_ins_says_so_instead_of_guessing() {
    let mut s = Scenario::new("clonazepam", "2", 0, 20);
    s.step(1, 30, "1.8");
    // Three check-ins in the 14 days before the step (days 16..29) and two after it, all
    // with anxiety far higher after: still no comparison.
    for (on, anxiety) in [(20, 2), (25, 2), (28, 2), (31, 8), (35, 8)] {
        s.check_in(on, json!({"anxiety": anxiety}));
    }
    let findings = s.findings(PeriodChoice::Weeks8, 40);
    assert!(findings.iter().any(|f| matches!(
        f,
        Finding::TooFewToCompare { step, measure: None, before: 3, after: 2 } if step.date == day(30)
    )));
    assert!(!findings
        .iter()
        .any(|f| matches!(f, Finding::SymptomsHigher { .. })));
    let v = s.view("weeks_8", 40);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "too_few_to_compare")
        .unwrap();
    assert_eq!(
        p.detail,
        "3 check-ins in the 14 days before the step (7 needed) and 2 check-ins from the step on \
(5 needed). The journal does not guess; a few more check-ins will make the comparison possible."
    );
    // Journal from day 20 (setup) to day 40: 21 days, 5 with a check-in = 23.8 %. The
    // dose's "since" (day 0) is not when the journal began: those days are not gaps.
    assert_eq!(
        v.points.last().unwrap().title,
        "Check-ins on 5 of 21 days (23.8 %)"
    );
}

/// Scenario (e): alprazolam 1 mg from day 0 (set up on day 20), switched to diazepam over
/// two weeks (days 30, 37, 44) with the diazepam-equivalent total held at 10 mg.
fn alprazolam_to_diazepam_over_two_weeks() -> Scenario {
    let mut s = Scenario::new("alprazolam", "1", 0, 20);
    s.add_medication("diazepam", "5", 30);
    s.step(1, 30, "0.5");
    s.step(1, 37, "0.25");
    s.step(2, 37, "7.5");
    s.step(1, 44, "0");
    s.step(2, 44, "10");
    s
}

#[test]
fn e_a_crossover_from_alprazolam_to_diazepam_is_paced_on_the_total() {
    // Joint 2025 table: alprazolam 1 mg ≈ diazepam 10 mg. Alprazolam 1 mg from day 0
    // (10 mg diazepam-equivalent). Over two weeks the total stays at 10 mg:
    //   day 30: alprazolam 0.5 (5) + diazepam 5 = 10
    //   day 37: alprazolam 0.25 (2.5) + diazepam 7.5 = 10
    //   day 44: alprazolam 0 + diazepam 10 = 10
    // then day 65: diazepam 9 = 10 % less in total.
    let mut s = alprazolam_to_diazepam_over_two_weeks();
    s.step(2, 65, "9");
    for on in 20..=80 {
        s.check_in(on, json!({"anxiety": 3}));
    }
    let findings = s.findings(PeriodChoice::Everything, 80);
    // Stopping alprazolam from 0.25 mg would be abrupt alone, but the total did not change:
    // no pace finding anywhere, and the last reduction compared is the total's, on day 65.
    assert!(
        !findings.iter().any(|f| matches!(f, Finding::Pace { .. })),
        "{findings:?}"
    );
    let v = s.view("everything", 80);
    assert_eq!(kinds(&v), ["completeness"]);
    let steps = api::steps(&s.j, day(80)).unwrap();
    let stop = steps
        .steps
        .iter()
        .find(|r| r.date == iso(44) && r.medication == "alprazolam")
        .unwrap();
    assert!(
        stop.total_label.starts_with(
            "All benzodiazepines and z-drugs together: 10 → 10 mg diazepam-equivalent"
        ),
        "{}",
        stop.total_label
    );
    // By day 65 alprazolam has been at 0 for three weeks: diazepam alone, 10 -> 9 = -10 %.
    let last = steps.steps.iter().find(|r| r.date == iso(65)).unwrap();
    assert_eq!(last.change_label, "−10 % from 10 mg");
    assert_eq!(last.pace_summary, "Within the usual pace");
}

#[test]
fn safety_points_come_first() {
    let mut s = quick_cut_with_rising_anxiety();
    s.check_in(
        50,
        json!({"anxiety": 6, "red_flags": ["confusion"], "alcohol_drinks": 3, "opioids": true}),
    );
    let answers = [1, 1, 1, 1, 0, 0, 0, 0, 2];
    api::save_questionnaire(
        &mut s.j,
        json!({"kind": "phq9", "date": iso(52), "answers": answers}),
        day(52),
    )
    .unwrap();
    let v = s.view("weeks_8", 58);
    assert_eq!(&kinds(&v)[..2], ["self_harm_answer", "red_flags"]);
    // Six days after the latest (the PHQ-9 of day 52), a calm fact to raise, not an alarm.
    let help = v
        .urgent_help
        .as_ref()
        .expect("the safety points bring the message");
    assert!(!help.urgent);
    assert_eq!(
        help.heading,
        format!("Thoughts of self-harm were noted on {}", label(52))
    );
    assert!(help.paragraphs[0].ends_with("Make sure your prescriber knows."));
    assert!(
        !v.points[0].detail.contains("today"),
        "{}",
        v.points[0].detail
    );
    // The day after it, still "get urgent help now".
    let next_day = s.view("weeks_8", 53);
    let help = next_day.urgent_help.unwrap();
    assert!(help.urgent);
    assert_eq!(help.heading, "Please get urgent help now");
    assert!(next_day.points[0]
        .detail
        .contains("contact your prescriber today"));
    assert!(v.points[0].detail.contains("“More than half the days”"));
    assert!(v.points[1].detail.starts_with(&format!(
        "{}: Confusion or not knowing where I am (delirium).",
        label(50)
    )));
    let substances = v.points.iter().find(|p| p.kind == "substances").unwrap();
    assert!(substances
        .detail
        .contains("alcohol on 1 day (3 drinks in all); opioids on 1 day"));
    assert!(substances.detail.contains("naloxone"));
}

#[test]
fn the_dose_taken_differing_from_the_step_is_counted() {
    let mut s = Scenario::new("clonazepam", "2", 0, 0);
    for on in 0..10 {
        let taken = if on == 3 || on == 7 { "1.5" } else { "2" };
        s.check_in(on, json!({"doses_taken": {"1": taken}}));
    }
    let v = s.view("weeks_4", 9);
    let p = v.points.iter().find(|p| p.kind == "dose_differed").unwrap();
    assert_eq!(p.title, "The dose taken differed from the step on 2 days");
    assert!(p
        .detail
        .starts_with(&format!("{}, {}.", label(3), label(7))));
}

#[test]
fn since_last_visit_uses_the_latest_visit() {
    let mut s = quick_cut_with_rising_anxiety();
    let v = s.view("since_last_visit", 58);
    assert!(
        v.period_note.is_some(),
        "no visit yet: falls back to 8 weeks"
    );
    api::add_visit(
        &mut s.j,
        json!({"date": iso(45), "clinician": "Dr Okafor", "decision": "hold"}),
        day(45),
    )
    .unwrap();
    let v = s.view("since_last_visit", 58);
    assert_eq!(v.period_label, format!("{} to {}", label(45), label(58)));
    assert!(v.period_note.is_none());
    // 14 days from the visit on, all logged.
    assert_eq!(
        v.points.last().unwrap().title,
        "Check-ins on 14 of 14 days (100 %)"
    );
}

/// The charts of a Trends view, parsed: (key, svg document text).
fn chart<'a>(v: &'a TrendsView, key: &str) -> &'a str {
    &v.charts
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no {key} chart"))
        .svg
}

fn classes(svg: &str, tag: &str, class: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| {
            n.has_tag_name(tag)
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|x| x == class))
        })
        .count()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn e_the_crossover_is_charted_as_one_diazepam_equivalent_total_with_the_table_named() {
    let s = alprazolam_to_diazepam_over_two_weeks();
    // Period: the 8 weeks up to day 50 (days -5..50), covering the whole switch.
    let v = s.view("weeks_8", 50);
    let dose = chart(&v, "dose");
    assert_eq!(
        classes(dose, "path", "dose-actual"),
        1,
        "one total line, not one per medication"
    );
    let t = texts(dose).join(" | ");
    assert!(t.contains("Diazepam-equivalent total"), "{t}");
    assert!(
        t.contains("2025 joint guideline"),
        "the table is named: {t}"
    );
    // A single medication again (diazepam alone from day 44): charted in its own mg.
    let later = s.view("weeks_4", 100);
    let dose = chart(&later, "dose");
    let t = texts(dose).join(" | ");
    assert!(
        t.contains("Daily dose (mg)") && t.contains("diazepam"),
        "{t}"
    );
}

#[test]
fn b_charts_mark_the_quick_cut_and_shade_the_week_after_each_reduction() {
    let s = quick_cut_with_rising_anxiety();
    let v = s.view("weeks_8", 58);
    assert_eq!(
        v.charts.iter().map(|c| c.key).collect::<Vec<_>>(),
        ["dose", "ratings", "symptoms"],
        "no questionnaire chart until there are answers"
    );
    let dose = chart(&v, "dose");
    // Day 38 failed the ceiling check: its strongest finding is marked as a warning.
    assert!(dose.contains("flag-warning"), "ceiling flag on the step");
    let summary = &v.charts[0].summary;
    assert!(
        summary.contains("from 2 mg to 1.35 mg in 2 steps"),
        "{summary}"
    );
    // Two reductions in the period (days 30 and 38): two shaded weeks in each panel.
    // The two panels (0-10 ratings, sleep hours) each shade both weeks and draw both steps.
    let ratings = chart(&v, "ratings");
    assert_eq!(
        classes(ratings, "rect", "after-reduction"),
        4,
        "2 weeks × 2 panels"
    );
    assert!(
        v.charts[1].summary.contains("2 reductions"),
        "{}",
        v.charts[1].summary
    );
    for c in &v.charts {
        assert!(!c.summary.is_empty(), "{} has a text alternative", c.key);
        roxmltree::Document::parse(&c.svg).expect("well-formed");
    }
}

fn symptom_points(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| {
            matches!(
                f,
                Finding::SymptomsHigher { .. }
                    | Finding::RiseNotJudged { .. }
                    | Finding::TooFewToCompare { .. }
            )
        })
        .collect()
}

/// Clonazepam 2 mg from day 0, 1.8 mg from day 30; anxiety 3 on days 16..29.
fn reduction_on_day_30() -> Scenario {
    let mut s = Scenario::new("clonazepam", "2", 0, 16);
    s.step(1, 30, "1.8");
    for on in 16..30 {
        s.check_in(on, json!({"anxiety": 3}));
    }
    s
}

#[test]
fn the_recent_week_never_reaches_back_before_the_step() {
    // Anxiety 5 from the step on; on day 34 there are 5 days after it. The last 7 days
    // would include days 28-29 (3) and hide the rise; from the step on, the mean is 5.0:
    // exactly +2 over the baseline 3.0.
    let mut s = reduction_on_day_30();
    for on in 30..=34 {
        s.check_in(on, json!({"anxiety": 5}));
    }
    let findings = s.findings(PeriodChoice::Weeks4, 34);
    assert!(
        findings.iter().any(|f| matches!(
            f,
            Finding::SymptomsHigher { after_days: 5, changes, .. }
                if changes[0].recent == Some(Mean { sum: 25, count: 5 })
        )),
        "{findings:?}"
    );
    let v = s.view("weeks_4", 34);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "symptoms_higher")
        .unwrap();
    assert!(
        p.detail
            .contains("to 5.0 of 10 in the 5 days from the step on (5 check-ins)"),
        "the window is not yet 14 days: {}",
        p.detail
    );
}

#[test]
fn too_few_ratings_of_one_measure_are_said_not_skipped() {
    // Before the step only sleep was noted; after it, anxiety 9 every day.
    let mut s = Scenario::new("clonazepam", "2", 0, 16);
    s.step(1, 30, "1.8");
    for on in 16..30 {
        s.check_in(on, json!({"sleep_hours": "7"}));
    }
    for on in 30..40 {
        s.check_in(on, json!({"anxiety": 9}));
    }
    let findings = s.findings(PeriodChoice::Weeks4, 39);
    assert!(
        findings.iter().any(|f| matches!(
            f,
            Finding::TooFewToCompare {
                measure: Some(Measure::Anxiety),
                before: 0,
                after: 10,
                ..
            }
        )),
        "{findings:?}"
    );
    let v = s.view("weeks_4", 39);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "too_few_to_compare")
        .unwrap();
    assert!(p.detail.starts_with("0 anxiety ratings in the 14 days before the step (7 needed) and 10 anxiety ratings from the step on"), "{}", p.detail);
}

#[test]
fn a_new_reduction_does_not_hide_a_rise_that_began_with_the_one_before() {
    // Anxiety 3 before day 30, 7 from day 30 on; another step on day 60. On day 61 the new
    // step has only 2 check-ins after it, but the rise since day 30 is still shown.
    let mut s = reduction_on_day_30();
    s.step(1, 60, "1.6");
    for on in 30..=61 {
        s.check_in(on, json!({"anxiety": 7}));
    }
    let findings = s.findings(PeriodChoice::Weeks4, 61);
    let points = symptom_points(&findings);
    assert!(points.iter().any(|f| matches!(
        f,
        Finding::TooFewToCompare { step, measure: None, before: 14, after: 2 } if step.date == day(60)
    )));
    assert!(
        points.iter().any(|f| matches!(
            f,
            Finding::SymptomsHigher { step, .. } if step.date == day(30)
        )),
        "{points:?}"
    );
}

#[test]
fn a_rise_with_no_recent_check_ins_is_not_called_still_higher() {
    // Anxiety 3 -> 7 after day 30, then no check-ins after day 43; seen on day 120.
    let mut s = reduction_on_day_30();
    for on in 30..44 {
        s.check_in(on, json!({"anxiety": 7}));
    }
    let findings = s.findings(PeriodChoice::Weeks4, 120);
    let points = symptom_points(&findings);
    assert_eq!(points.len(), 1, "{points:?}");
    assert!(matches!(points[0], Finding::RiseNotJudged { .. }));
    let v = s.view("weeks_4", 120);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "rise_not_judged")
        .unwrap();
    assert_eq!(
        p.urgency,
        taper_journal::taper::discussion::Urgency::Information
    );
    assert!(
        p.detail.contains("too few check-ins in the last 7 days"),
        "{}",
        p.detail
    );
}

#[test]
fn after_a_stop_the_point_does_not_speak_of_holding_the_dose() {
    let mut s = Scenario::new("clonazepam", "0.25", 0, 16);
    s.step(1, 30, "0");
    for on in 16..=40 {
        s.check_in(on, json!({"anxiety": if on < 30 { 3 } else { 6 }}));
    }
    let v = s.view("weeks_4", 40);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "symptoms_higher")
        .unwrap();
    assert!(
        p.detail.ends_with(
            "You may want to discuss how you have been since stopping with your prescriber."
        ),
        "{}",
        p.detail
    );
    assert!(!p.detail.contains("holding at this dose"));
}

#[test]
fn a_same_day_crossover_step_gives_one_pace_point_on_the_reducing_step() {
    // Joint table: alprazolam 1 mg ≈ 10 mg diazepam. Alprazolam 1 mg + diazepam 2 mg from day
    // 0 (total 12 mg). Day 30: alprazolam 0.5 (5) + diazepam 4 = 9 mg: the total fell by
    // 3/12 = 25 %, more than the usual 10 % — said once, about the alprazolam step.
    let mut s = Scenario::new("alprazolam", "1", 0, 0);
    s.add_medication("diazepam", "2", 0);
    s.step(1, 30, "0.5");
    s.step(2, 30, "4");
    let findings = s.findings(PeriodChoice::Weeks8, 40);
    let pace: Vec<_> = findings
        .iter()
        .filter_map(|f| match f {
            Finding::Pace {
                step,
                finding,
                combined,
            } => Some((step, finding, combined)),
            _ => None,
        })
        .collect();
    assert_eq!(pace.len(), 1, "{pace:?}");
    let (step, finding, combined) = pace[0];
    assert_eq!((step.medication_id, step.date), (1, day(30)));
    assert!(*combined);
    assert_eq!(
        finding,
        &PaceFinding::LargerThanUsualStep {
            reduction_tenths_percent: 250
        }
    );
}

#[test]
fn a_step_agreed_for_later_is_drawn_ahead_of_today_and_named() {
    let mut s = quick_cut_with_rising_anxiety();
    api::add_visit(
        &mut s.j,
        json!({"date": iso(56), "decision": "hold",
               "next_step": {"medication_id": 1, "date": iso(86), "dose_mg": "1.25"}}),
        day(56),
    )
    .unwrap();
    let v = s.view("weeks_8", 58);
    let dose = chart(&v, "dose");
    assert_eq!(
        classes(dose, "path", "dose-planned"),
        1,
        "the plan is drawn"
    );
    let summary = &v.charts[0].summary;
    assert!(
        summary.contains(&format!("planned at 1.25 mg from {}", label(86))),
        "{summary}"
    );
}

#[test]
fn contact_your_prescriber_today_belongs_to_the_day_of_an_abrupt_stop() {
    // Clonazepam 1 mg (≈ 10 mg diazepam) stopped in one step on day 40: abrupt.
    let mut s = Scenario::new("clonazepam", "1", 0, 0);
    s.step(1, 40, "0");
    let note_on = |today: i64| {
        let steps = api::steps(&s.j, day(today)).unwrap();
        let stop = steps.steps.iter().find(|r| r.date == iso(40)).unwrap();
        let note = stop
            .pace
            .iter()
            .find(|p| p.title == "Abrupt discontinuation")
            .expect("the stop is abrupt");
        note.detail.clone()
    };
    assert!(
        note_on(40).ends_with("Please contact your prescriber today."),
        "{}",
        note_on(40)
    );
    let later = note_on(47);
    assert!(
        later.ends_with("Make sure your prescriber knows about this step."),
        "{later}"
    );
    assert!(!later.contains("today"), "{later}");
}

#[test]
fn a_shown_proposal_is_drawn_dotted_ahead_of_today_and_named() {
    // Clonazepam 2 mg since day 0; on day 58 a proposal is kept: 0.5 mg scored tablets,
    // 10 % every 14 days from day 66. Halves force larger cuts, held longer: 1.75 mg on day
    // 66, 1.5 (84), 1.25 (104), 1 (128) and 0.75 mg on day 156, where it stops.
    let mut s = Scenario::new("clonazepam", "2", 0, 10);
    let before = s.view("weeks_8", 58);
    assert_eq!(classes(chart(&before, "dose"), "path", "dose-proposal"), 0);
    api::plan::save_plan_proposal(
        &mut s.j,
        json!({"medication_id": 1, "times": [{"label": "Morning", "dose_mg": "1"}, {"label": "Night", "dose_mg": "1"}],
               "form": "tablets", "tablets": [{"strength_mg": "0.5", "scored": true}], "quarters": false,
               "percent": "10", "every_days": "14", "start": iso(66)}),
        day(58),
    )
    .unwrap();
    let steps = s.j.shown_plan_proposal().unwrap().unwrap().proposal.steps;
    let dates: Vec<_> = steps.iter().map(|p| p.date).collect();
    assert_eq!(dates, [66, 84, 104, 128, 156].map(day));

    let v = s.view("weeks_8", 58);
    let dose = chart(&v, "dose");
    assert_eq!(
        classes(dose, "path", "dose-proposal"),
        1,
        "the proposal is drawn"
    );
    assert_eq!(
        classes(dose, "path", "dose-planned"),
        0,
        "nothing is planned"
    );
    assert!(
        dose.contains("clonazepam, proposal to discuss"),
        "the legend names it"
    );
    let summary = &v.charts[0].summary;
    assert!(
        summary.contains(&format!(
            "a proposal to discuss for clonazepam: 1.75 mg from {} to 0.75 mg from {}",
            label(66),
            label(156)
        )),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("to {}:", label(163))),
        "the time line runs on a week past the last step: {summary}"
    );

    // On day 120 the steps passed are not drawn; the line starts at the proposal's dose of
    // that day (1.25 mg since day 104).
    let later = s.view("weeks_8", 120);
    let summary = &later.charts[0].summary;
    assert!(
        summary.contains(&format!(
            "a proposal to discuss for clonazepam: 1 mg from {} to 0.75 mg from {}",
            label(128),
            label(156)
        )),
        "{summary}"
    );

    s.j.show_plan_proposal(None).unwrap();
    let unshown = s.view("weeks_8", 58);
    assert_eq!(classes(chart(&unshown, "dose"), "path", "dose-proposal"), 0);
    assert_eq!(unshown.charts[0].summary, before.charts[0].summary);
}

#[test]
fn a_symptoms_point_names_every_measure_that_moved_and_never_a_dose_no_longer_taken() {
    // Clonazepam 2 mg from day 0, 1.8 mg (10 %) on day 30, 1.7 mg on day 50.
    // Days 16..29 (the 14 days before day 30): anxiety 3, sleep 7 h, tremor 1 (score 1).
    // Days 30..: anxiety 6 (+3.0, over the 2-point line), sleep 6.5 h (-0.5 h, under the
    // 1-hour line), tremor 2 (score 1 -> 2: +100 % but +1 point, under the 3-point line).
    let mut s = Scenario::new("clonazepam", "2", 0, 16);
    s.step(1, 30, "1.8");
    s.step(1, 50, "1.7");
    for on in 16..=52 {
        let (anxiety, sleep, tremor) = if on < 30 { (3, "7", 1) } else { (6, "6.5", 2) };
        s.check_in(
            on,
            json!({"anxiety": anxiety, "sleep_hours": sleep, "symptoms": {"tremor": tremor}}),
        );
    }
    let expected_means = "Mean anxiety rose from 3.0 of 10 in the 14 days before the step (14 \
check-ins) to 6.0 of 10 in the 14 days from the step on (14 check-ins). In the last 7 days it is \
6.0 of 10. Over the same days, mean sleep went from 7.0 h to 6.5 h; mean daily symptom score (sum \
of severities) went from 1.0 to 2.0.";

    // Day 49: 1.8 mg is still taken; holding at it is a fair thing to discuss.
    let v = s.view("weeks_8", 49);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "symptoms_higher")
        .expect("a symptoms point");
    assert_eq!(
        p.detail,
        format!(
            "{expected_means} You may want to discuss holding at this dose or slowing the next \
step with your prescriber."
        )
    );

    // Day 52: the day-50 step has 3 check-ins from it on (5 needed), so the day-30 step is
    // still the one compared; but 1.8 mg is no longer taken, and is not called "this dose".
    let v = s.view("weeks_8", 52);
    let p = v
        .points
        .iter()
        .find(|p| p.kind == "symptoms_higher")
        .expect("a symptoms point");
    assert_eq!(
        p.title,
        format!("Symptoms higher since the step on {}", label(30))
    );
    assert_eq!(
        p.detail,
        format!(
            "{expected_means} The dose has changed since; you may want to discuss how you have \
been since this step with your prescriber."
        )
    );
    assert!(!p.detail.contains("holding at this dose"));
}

#[test]
fn a_crossovers_pace_point_names_its_table_and_says_approximate() {
    // Joint 2025 table (alprazolam 1 mg = 10 mg diazepam): alprazolam 2 mg (20 mg DE) from
    // day 0; day 14 alprazolam 1.5 mg + diazepam 5 mg = 20 mg DE; day 28 alprazolam 0.5 mg
    // + diazepam 5 mg = 10 mg DE: (20 - 10) / 20 = 50 % below the 20 mg DE held on day 14.
    let mut s = Scenario::new("alprazolam", "2", 0, 0);
    s.step(1, 14, "1.5");
    s.add_medication("diazepam", "5", 14);
    s.step(1, 28, "0.5");
    let v = s.view("weeks_8", 30);
    let p = v
        .points
        .iter()
        .find(|p| p.title == "Faster than the guideline's ceiling")
        .expect("the total's ceiling point");
    assert!(
        p.detail.starts_with(&format!(
            "50 % less than the ≈ 20 mg diazepam-equivalent (2025 joint guideline table, \
approximate) held on {} (within 14 days).",
            label(14)
        )),
        "{}",
        p.detail
    );
    // One point for the one event: the diazepam start carries none of the total's findings.
    let ceiling_points = v
        .points
        .iter()
        .filter(|p| p.title == "Faster than the guideline's ceiling")
        .count();
    assert_eq!(ceiling_points, 1, "{:?}", kinds(&v));
}

#[test]
fn completeness_counts_from_when_the_journal_began_not_from_the_first_check_in() {
    // A journal set up 11 months back (day 0) with one check-in, on day 334; today is day
    // 335. The 8 weeks are days 280..335 (56 days), all after the journal began: 1 of 56
    // (1.8 %), not "1 of 1 day (100 %)"; History counts from setup, 336 days.
    let mut s = Scenario::new("clonazepam", "1", 0, 0);
    s.check_in(334, json!({"anxiety": 3}));
    let v = s.view("weeks_8", 335);
    let p = v.points.last().unwrap();
    assert_eq!(p.kind, "completeness");
    assert_eq!(p.title, "Check-ins on 1 of 56 days (1.8 %)");
    let h = api::history(&s.j, day(335)).unwrap();
    assert!(
        h.completeness_label
            .starts_with(&format!("1 of 336 days logged since {}", label(0))),
        "{}",
        h.completeness_label
    );
    // Set up yesterday with the dose "since" 11 months back: the months before setup are
    // not gaps (2 days, 1 with a check-in).
    let mut s = Scenario::new("clonazepam", "1", 0, 334);
    s.check_in(334, json!({"anxiety": 3}));
    let v = s.view("weeks_8", 335);
    assert_eq!(
        v.points.last().unwrap().title,
        "Check-ins on 1 of 2 days (50 %)"
    );
}

#[test]
fn planned_steps_are_pace_checked_like_logged_ones() {
    // Clonazepam 2 mg from day 0, 1.8 mg logged on day 30. Planned, as agreed at a visit:
    //   day 44: 1.6 mg (0.2 / 1.8 = 11.1 % after 14 days: faster than the usual pace, as a
    //           note; within the ceiling);
    //   day 50: 1.2 mg (0.4 / 1.6 = 25 % this step; and the 14 days before, from day 36,
    //           held 1.8 mg to day 43: 0.6 / 1.8 = 33.3 % below it, faster than the
    //           guideline's ceiling);
    //   day 86: 1.1 mg (0.1 / 1.2 = 8.3 % after 36 days: within the usual pace).
    let mut s = Scenario::new("clonazepam", "2", 0, 0);
    s.step(1, 30, "1.8");
    for (on, mg) in [(44, "1.6"), (50, "1.2"), (86, "1.1")] {
        api::save_planned_step(
            &mut s.j,
            json!({"medication_id": 1, "date": iso(on), "dose_mg": mg, "agreed_at": "Visit"}),
            day(30),
        )
        .unwrap();
    }
    let v = api::steps(&s.j, day(31)).unwrap();
    let by_date = |on: i64| {
        v.planned
            .iter()
            .find(|p| p.date == iso(on))
            .unwrap_or_else(|| panic!("planned step on day {on}"))
    };
    let first = by_date(44);
    assert_eq!(first.pace_summary, "");
    assert_eq!(
        first
            .pace
            .iter()
            .map(|n| n.title.as_str())
            .collect::<Vec<_>>(),
        ["Faster than the usual initial pace"]
    );
    let second = by_date(50);
    assert_eq!(
        second.pace[0].title, "Faster than the guideline's ceiling",
        "{:?}",
        second.pace
    );
    assert!(second.pace[0]
        .detail
        .starts_with("33.3 % less than the 1.8 mg held on"));
    let third = by_date(86);
    assert!(third.pace.is_empty(), "{:?}", third.pace);
    assert_eq!(third.pace_summary, "Within the usual pace");
}

#[test]
fn in_a_crossover_the_total_is_checked_once_on_the_steps_screen_logged_or_planned() {
    // Joint 2025 table: alprazolam 2 mg (20 mg DE) and diazepam 2 mg from day 0 = 22 mg DE;
    // day 14: alprazolam 1 mg (10) + diazepam 4 mg (4) = 14 mg DE, 36.4 % below 22 in one
    // day. The alprazolam cut carries the ceiling finding; the diazepam increase says where
    // the total was checked, not "Within the usual pace".
    let mut s = Scenario::new("alprazolam", "2", 0, 0);
    s.add_medication("diazepam", "2", 0);
    s.step(1, 14, "1");
    s.step(2, 14, "4");
    // Planned: alprazolam to 0 on day 28, diazepam going on: part of the crossover, so not
    // judged on its own (0.5 → 0 mg would read as an abrupt stop of 5 mg DE on its own).
    api::save_planned_step(
        &mut s.j,
        json!({"medication_id": 1, "date": iso(28), "dose_mg": "0"}),
        day(14),
    )
    .unwrap();
    let v = api::steps(&s.j, day(14)).unwrap();
    let row = |med: &str| {
        v.steps
            .iter()
            .find(|r| r.date == iso(14) && r.medication.starts_with(med))
            .unwrap_or_else(|| panic!("{med} on day 14"))
    };
    let cut = row("alprazolam");
    assert_eq!(cut.pace[0].title, "Faster than the guideline's ceiling");
    let increase = row("diazepam");
    assert!(increase.pace.is_empty());
    assert_eq!(
        increase.pace_summary,
        "The total's pace is checked on the reduction of the same day"
    );
    let planned = &v.planned[0];
    assert!(planned.pace.is_empty(), "{:?}", planned.pace);
    assert!(
        planned
            .pace_summary
            .starts_with("Not pace-checked on its own"),
        "{}",
        planned.pace_summary
    );
}
