//! The charts as a reader's software sees them: each SVG is parsed as XML, and the tests look
//! for the series, axis titles, escaped names and markers a patient or prescriber relies on.
//!
//! `CHART_SAMPLES=dir cargo test --test chart samples` also writes the sample charts there.
//!
//! Over 500 lines, kept whole: the charts of one journal, each parsed as XML with the same
//! helpers.

use chrono::{Duration, NaiveDate};
use roxmltree::{Document, Node};
use taper_journal::chart::{
    dose_chart, ratings_chart, scores_chart, symptom_heatmap, Chart, DoseChart, DoseLine,
    FlagLevel, Period, RatingsChart, ScoresChart, Size, StepFlag, SymptomHeatmap, SymptomRow,
    NO_ENTRIES,
};

const HOSTILE: &str = "<script>&\"x\"";
const SIZE: Size = Size {
    width: 900,
    height: 420,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Eight weeks: Thursday 1 October to Wednesday 25 November 2026.
fn eight_weeks() -> Period {
    Period {
        start: date(2026, 10, 1),
        end: date(2026, 11, 25),
    }
}

/// Ten years ending on 25 November 2026 (3 650 days).
fn ten_years() -> Period {
    let end = date(2026, 11, 25);
    Period {
        start: end - Duration::days(3649),
        end,
    }
}

/// A small deterministic generator, so that the scenarios need no dependency.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as f64 / (1u64 << 31) as f64
    }

    /// A rating near `centre`, 0–10.
    fn rating(&mut self, centre: f64) -> u8 {
        (centre + (self.next() - 0.5) * 3.0)
            .round()
            .clamp(0.0, 10.0) as u8
    }
}

fn days(p: Period) -> impl Iterator<Item = NaiveDate> {
    p.start.iter_days().take_while(move |d| *d <= p.end)
}

/// Clonazepam tapered in four steps (one over the guideline's ceiling), planned dashed, and
/// a second medication whose name is hostile text.
fn dose_scenario(p: Period) -> DoseChart {
    DoseChart {
        actual_until: None,
        period: p,
        y_label: "Daily dose (mg)".to_string(),
        series: vec![
            DoseLine {
                label: "clonazepam".to_string(),
                actual: vec![
                    (date(2026, 8, 1), 2.0),
                    (date(2026, 10, 5), 1.75),
                    (date(2026, 10, 19), 1.5),
                    (date(2026, 11, 2), 1.0),
                ],
                planned: vec![
                    (date(2026, 8, 1), 2.0),
                    (date(2026, 10, 5), 1.75),
                    (date(2026, 10, 19), 1.5),
                    (date(2026, 11, 16), 1.25),
                ],
                proposal: vec![
                    (date(2026, 11, 2), 1.0),
                    (date(2026, 11, 16), 0.875),
                    (date(2026, 11, 30), 0.75),
                ],
            },
            DoseLine {
                label: HOSTILE.to_string(),
                actual: vec![(date(2026, 10, 12), 0.5), (date(2026, 11, 9), 0.25)],
                planned: vec![],
                proposal: vec![],
            },
        ],
        flags: vec![
            StepFlag {
                date: date(2026, 10, 5),
                dose: 1.75,
                level: FlagLevel::Information,
            },
            StepFlag {
                date: date(2026, 11, 2),
                dose: 1.0,
                level: FlagLevel::Warning,
            },
        ],
    }
}

/// Daily check-ins with a few gaps; anxiety up and sleep down in the week after each
/// reduction.
fn ratings_scenario(p: Period, steps: &[NaiveDate]) -> RatingsChart {
    let mut n = Noise(7);
    let mut c = RatingsChart {
        period: p,
        step_dates: steps.to_vec(),
        reduction_dates: steps.to_vec(),
        ..RatingsChart::default()
    };
    for d in days(p) {
        if n.next() < 0.1 {
            continue;
        }
        let after = steps.iter().any(|s| d >= *s && (d - *s).num_days() < 10);
        let bump = if after { 2.0 } else { 0.0 };
        c.anxiety.push((d, n.rating(3.5 + bump)));
        c.mood.push((d, n.rating(6.0 - bump / 2.0)));
        c.sleep_quality.push((d, n.rating(6.0 - bump)));
        c.sleep_hours
            .push((d, ((6.8 - bump / 2.0 + n.next() * 1.5) * 4.0).round() / 4.0));
    }
    c
}

const SYMPTOMS: [&str; 18] = [
    "anxiety/panic",
    "irritability",
    "insomnia",
    "nightmares",
    "muscle tension/pain",
    "tremor",
    "headache",
    "nausea/GI upset",
    "palpitations",
    "sweating",
    "dizziness",
    "tinnitus",
    "tingling/numbness",
    "light/sound sensitivity",
    "cognitive fog",
    "depersonalisation/derealisation",
    "low mood",
    "fatigue",
];

/// Symptoms mostly in the ten days after a step, fewer as the years go by; symptoms further
/// down the list are rarer.
fn heatmap_scenario(
    p: Period,
    names: &[&str],
    steps: &[NaiveDate],
    red_flags: Vec<NaiveDate>,
) -> SymptomHeatmap {
    let mut n = Noise(11);
    SymptomHeatmap {
        period: p,
        rows: names
            .iter()
            .enumerate()
            .map(|(i, name)| SymptomRow {
                label: name.to_string(),
                days: days(p)
                    .filter_map(|d| {
                        let after = steps.iter().any(|s| d >= *s && (d - *s).num_days() < 10);
                        let years_left = f64::from((p.end - d).num_days() as i32) / 365.0;
                        let fading = (years_left / 10.0).clamp(0.1, 1.0);
                        let rarity = 1.0 - i as f64 / names.len() as f64 * 0.7;
                        let chance = if after { 0.6 } else { 0.12 }
                            * rarity
                            * if (p.end - p.start).num_days() > 400 {
                                fading
                            } else {
                                1.0
                            };
                        if n.next() > chance {
                            return None;
                        }
                        let r = n.next() + if after { 0.3 } else { 0.0 };
                        let s = if r < 0.6 {
                            1
                        } else if r < 0.95 {
                            2
                        } else {
                            3
                        };
                        Some((d, s))
                    })
                    .collect(),
            })
            .collect(),
        red_flag_days: red_flags,
        max_rows: None,
    }
}

fn scores_scenario(p: Period) -> ScoresChart {
    let gad = [12, 10, 11, 8, 7];
    let phq = [9, 8, 10, 7, 6];
    let dates: Vec<NaiveDate> = days(p).step_by(14).collect();
    ScoresChart {
        period: p,
        gad7: dates.iter().copied().zip(gad).collect(),
        phq9: dates.iter().copied().zip(phq).collect(),
    }
}

/// Ten years: ~120 steps, daily check-ins, 18 symptoms, a few red-flag days.
fn ten_year_charts() -> (DoseChart, RatingsChart, SymptomHeatmap, ScoresChart) {
    let p = ten_years();
    let steps: Vec<NaiveDate> = days(p).step_by(30).take(120).collect();
    let dose = DoseChart {
        actual_until: None,
        period: p,
        y_label: "Daily dose (mg)".to_string(),
        series: vec![DoseLine {
            label: "diazepam".to_string(),
            actual: steps
                .iter()
                .enumerate()
                .map(|(i, d)| (*d, 40.0 - i as f64 / 3.0))
                .collect(),
            planned: steps
                .iter()
                .enumerate()
                .map(|(i, d)| (*d, 40.0 - i as f64 / 3.0))
                .collect(),
            proposal: vec![],
        }],
        flags: steps
            .iter()
            .enumerate()
            .step_by(10)
            .map(|(i, d)| StepFlag {
                date: *d,
                dose: 40.0 - i as f64 / 3.0,
                level: FlagLevel::Information,
            })
            .collect(),
    };
    let ratings = ratings_scenario(p, &steps);
    let heat = heatmap_scenario(
        p,
        &SYMPTOMS,
        &steps,
        vec![date(2019, 3, 4), date(2024, 7, 9), date(2024, 7, 10)],
    );
    // Scores easing over the years, with fortnightly noise.
    let mut n = Noise(5);
    let mut score = |d: NaiveDate, start: f64, max: f64| {
        let years = (d - p.start).num_days() as f64 / 365.0;
        (start - years + (n.next() - 0.5) * 5.0)
            .round()
            .clamp(0.0, max) as u8
    };
    let scores = ScoresChart {
        period: p,
        gad7: days(p)
            .step_by(14)
            .map(|d| (d, score(d, 14.0, 21.0)))
            .collect(),
        phq9: days(p)
            .step_by(14)
            .map(|d| (d, score(d, 12.0, 27.0)))
            .collect(),
    };
    (dose, ratings, heat, scores)
}

fn parse(chart: &Chart) -> Document<'_> {
    Document::parse(&chart.svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

fn count(doc: &Document, tag: &str, class: &str) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && has_class(n, class))
        .count()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// Well-formed, titled for screen readers, scalable, and not the "could not be drawn" chart.
fn check_document(chart: &Chart, size: Size) -> Document<'_> {
    let doc = parse(chart);
    let root = doc.root_element();
    assert!(root.has_tag_name("svg"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-label"), Some(chart.summary.as_str()));
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {} {}", size.width, size.height).as_str())
    );
    assert!(root.children().any(|n| n.has_tag_name("title")));
    assert!(
        !chart.summary.contains("could not be drawn"),
        "{}",
        chart.summary
    );
    doc
}

#[test]
fn dose_chart_draws_one_path_per_line_with_flags_and_a_legend() {
    let chart = dose_chart(&dose_scenario(eight_weeks()), SIZE);
    let doc = check_document(&chart, SIZE);
    // Two medications taken, one of them planned.
    assert_eq!(count(&doc, "path", "dose-actual"), 2);
    assert_eq!(count(&doc, "path", "dose-planned"), 1);
    assert_eq!(count(&doc, "path", "dose-proposal"), 1);
    let dashes = |class: &str| {
        doc.descendants()
            .find(|n| has_class(n, class))
            .and_then(|n| n.attribute("stroke-dasharray"))
            .map(str::to_string)
    };
    let (planned, proposed) = (dashes("dose-planned"), dashes("dose-proposal"));
    assert!(planned.is_some() && proposed.is_some());
    assert_ne!(
        planned, proposed,
        "a proposal does not look like a planned step"
    );
    assert_eq!(count(&doc, "circle", "flag-information"), 1);
    assert!(doc.descendants().any(|n| has_class(&n, "flag-warning")));
    let t = texts(&doc);
    for expected in [
        "Daily dose (mg)",
        "Date (2026)",
        "clonazepam",
        "clonazepam, planned",
        "clonazepam, proposal to discuss",
        "Faster than the guideline's ceiling",
        "5 Oct",
    ] {
        assert!(t.iter().any(|s| s == expected), "{expected} missing: {t:?}");
    }
    assert_eq!(
        chart.summary,
        "Dose chart, 1 Oct to 25 Nov 2026: clonazepam from 2 mg to 1 mg in 3 steps; \
         <script>&\"x\" from 0.5 mg to 0.25 mg in 1 step; \
         a proposal to discuss for clonazepam: 0.875 mg from 16 Nov 2026; \
         1 step faster than the usual initial pace; 1 step faster than the guideline's ceiling."
    );
}

#[test]
fn user_text_is_escaped_and_reads_back_unchanged() {
    let dose = dose_chart(&dose_scenario(eight_weeks()), SIZE);
    let heat = symptom_heatmap(
        &heatmap_scenario(eight_weeks(), &["insomnia", HOSTILE], &[], vec![]),
        SIZE,
    );
    for chart in [&dose, &heat] {
        assert!(!chart.svg.contains("<script"), "raw markup in the SVG");
        let doc = parse(chart);
        assert!(
            texts(&doc).iter().any(|t| t == HOSTILE),
            "the name does not read back: {:?}",
            texts(&doc)
        );
        // The text alternative keeps the name as typed; the SVG attribute escapes it.
        assert_eq!(
            doc.root_element().attribute("aria-label"),
            Some(chart.summary.as_str())
        );
    }
    // Control characters cannot be carried by XML at all: they become spaces.
    let mut odd = dose_scenario(eight_weeks());
    odd.series[0].label = "clonazepam\u{0}\u{1b}]".to_string();
    let chart = dose_chart(&odd, SIZE);
    check_document(&chart, SIZE);
}

#[test]
fn ratings_chart_has_points_means_step_lines_and_shaded_weeks() {
    let p = eight_weeks();
    let steps = [date(2026, 10, 5), date(2026, 10, 19), date(2026, 11, 2)];
    let chart = ratings_chart(&ratings_scenario(p, &steps), SIZE);
    let doc = check_document(&chart, SIZE);
    for class in [
        "mean-anxiety",
        "mean-mood",
        "mean-sleep-quality",
        "mean-sleep-hours",
    ] {
        assert_eq!(count(&doc, "path", class), 1, "{class}");
    }
    assert!(count(&doc, "circle", "points-anxiety") > 40);
    assert!(count(&doc, "rect", "points-mood") > 40);
    // Each step in both panels (one path a panel); each reduction's week shaded in both.
    let step_lines: usize = doc
        .descendants()
        .filter(|n| has_class(n, "step-line"))
        .map(|n| n.attribute("d").unwrap_or("").matches('M').count())
        .sum();
    assert_eq!(step_lines, 6);
    assert_eq!(count(&doc, "rect", "after-reduction"), 6);
    let t = texts(&doc);
    for expected in [
        "Anxiety (10 = worst)",
        "Mood (10 = best)",
        "Sleep, hours (points: each day; lines: 7-day mean)",
        "7 days after a reduction",
        "Date (2026)",
    ] {
        assert!(t.iter().any(|s| s == expected), "{expected} missing: {t:?}");
    }
    assert!(chart
        .summary
        .starts_with("Ratings chart, 1 Oct to 25 Nov 2026: 7-day mean anxiety from "));
}

#[test]
fn heat_map_marks_red_flags_and_bins_long_periods() {
    let chart = symptom_heatmap(
        &heatmap_scenario(
            eight_weeks(),
            &["insomnia", "tremor"],
            &[date(2026, 10, 19)],
            vec![date(2026, 11, 12)],
        ),
        SIZE,
    );
    let doc = check_document(&chart, SIZE);
    assert_eq!(count(&doc, "polygon", "red-flag"), 1);
    assert_eq!(count(&doc, "rect", "red-flag-column"), 1);
    let t = texts(&doc);
    assert!(t.iter().any(|s| s == "Red-flag symptom recorded"));
    assert!(t.iter().any(|s| s == "Withdrawal symptoms by day"));
    assert!(chart
        .summary
        .ends_with("a red-flag symptom on 1 day (12 Nov 2026)."));

    let (_, _, heat, _) = ten_year_charts();
    let big = Size {
        width: 1200,
        height: 600,
    };
    let chart = symptom_heatmap(&heat, big);
    let doc = check_document(&chart, big);
    let mut columns: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && has_class(n, "cell"))
        .filter_map(|n| n.attribute("x"))
        .collect();
    columns.sort();
    columns.dedup();
    assert!(
        (100..=125).contains(&columns.len()),
        "{} columns",
        columns.len()
    );
    assert_eq!(
        count(&doc, "polygon", "red-flag"),
        2,
        "two months with red flags"
    );
    assert!(chart
        .summary
        .contains("by month (highest severity in each month)"));
    assert!(chart.svg.len() < 400_000, "{} bytes", chart.svg.len());
}

#[test]
fn scores_chart_shows_both_questionnaires_over_their_bands() {
    let chart = scores_chart(&scores_scenario(eight_weeks()), SIZE);
    let doc = check_document(&chart, SIZE);
    assert_eq!(count(&doc, "path", "score-gad7"), 1);
    assert_eq!(count(&doc, "path", "score-phq9"), 1);
    // Four GAD-7 bands and five PHQ-9 bands, each named.
    assert_eq!(count(&doc, "rect", "band"), 9);
    let t = texts(&doc);
    for expected in [
        "GAD-7 anxiety total (0–21)",
        "PHQ-9 depression total (0–27)",
        "moderately severe",
        "minimal",
    ] {
        assert!(t.iter().any(|s| s == expected), "{expected} missing: {t:?}");
    }
    assert_eq!(
        chart.summary,
        "Questionnaire scores, 1 Oct to 25 Nov 2026: GAD-7 from 12 (moderate) to 8 (mild) \
         over 4 questionnaires; PHQ-9 from 9 (mild) to 7 (mild) over 4 questionnaires."
    );
}

#[test]
fn an_empty_period_says_so() {
    let p = Period {
        start: date(2020, 1, 1),
        end: date(2020, 2, 1),
    };
    // Check-ins exist, but all after the period.
    let mut ratings = ratings_scenario(eight_weeks(), &[]);
    ratings.period = p;
    let charts = [
        dose_chart(
            &DoseChart {
                period: p,
                y_label: String::new(),
                series: vec![],
                flags: vec![],
                actual_until: None,
            },
            SIZE,
        ),
        ratings_chart(&ratings, SIZE),
        symptom_heatmap(
            &SymptomHeatmap {
                period: p,
                ..Default::default()
            },
            SIZE,
        ),
        scores_chart(
            &ScoresChart {
                period: p,
                ..Default::default()
            },
            SIZE,
        ),
    ];
    for chart in &charts {
        let doc = check_document(chart, SIZE);
        assert!(texts(&doc).iter().any(|t| t == NO_ENTRIES), "{}", chart.svg);
        assert!(chart.summary.ends_with("no entries in this period."));
    }
}

#[test]
fn odd_input_never_fails() {
    let day = date(2026, 11, 22);
    let one_day = Period {
        start: day,
        end: day,
    };
    let reversed = Period {
        start: date(2026, 11, 25),
        end: date(2026, 10, 1),
    };
    let extremes = Period {
        start: NaiveDate::MIN,
        end: NaiveDate::MAX,
    };
    let sizes = [
        Size {
            width: 0,
            height: 0,
        },
        Size {
            width: 320,
            height: 160,
        },
        Size {
            width: u32::MAX,
            height: u32::MAX,
        },
    ];
    for period in [one_day, reversed, extremes, eight_weeks()] {
        let dose = DoseChart {
            actual_until: None,
            period,
            y_label: " ".to_string(),
            series: vec![
                DoseLine {
                    label: String::new(),
                    actual: vec![(day, 0.0), (day, f64::NAN), (NaiveDate::MAX, 1.0)],
                    planned: vec![(NaiveDate::MIN, f64::INFINITY), (day, -1.0)],
                    proposal: vec![(day, f64::NAN), (NaiveDate::MAX, -3.0)],
                },
                DoseLine {
                    label: "all equal".to_string(),
                    actual: vec![(date(2026, 10, 1), 2.0), (date(2026, 11, 1), 2.0)],
                    planned: vec![],
                    proposal: vec![],
                },
            ],
            flags: vec![StepFlag {
                date: day,
                dose: f64::NAN,
                level: FlagLevel::Strong,
            }],
        };
        let ratings = RatingsChart {
            period,
            anxiety: vec![(day, 11), (day, 5), (NaiveDate::MIN, 3)],
            mood: vec![(day, 5), (day, 5)],
            sleep_quality: vec![],
            sleep_hours: vec![(day, f64::NAN), (day, 30.0), (day, 24.0)],
            step_dates: vec![day, day, NaiveDate::MAX],
            reduction_dates: vec![day],
        };
        let heat = SymptomHeatmap {
            period,
            rows: vec![SymptomRow {
                label: "x".repeat(500),
                days: vec![(day, 0), (day, 9), (day, 3), (NaiveDate::MIN, 2)],
            }],
            red_flag_days: vec![day, day],
            max_rows: None,
        };
        let scores = ScoresChart {
            period,
            gad7: vec![(day, 99), (day, 21)],
            phq9: vec![(day, 0)],
        };
        for size in sizes {
            let clamped = Size {
                width: size.width.clamp(320, 2400),
                height: size.height.clamp(160, 1600),
            };
            for chart in [
                dose_chart(&dose, size),
                ratings_chart(&ratings, size),
                symptom_heatmap(&heat, size),
                scores_chart(&scores, size),
            ] {
                check_document(&chart, clamped);
            }
        }
    }
    // A single day with data draws, with its date on the axis.
    let chart = scores_chart(
        &ScoresChart {
            period: one_day,
            gad7: vec![(day, 9)],
            phq9: vec![],
        },
        SIZE,
    );
    let doc = check_document(&chart, SIZE);
    assert!(texts(&doc).iter().any(|t| t == "22 Nov"));
    assert!(texts(&doc)
        .iter()
        .any(|t| t == "No PHQ-9 scores in this period"));
}

#[test]
fn ten_years_stay_light() {
    let (dose, ratings, heat, scores) = ten_year_charts();
    let size = Size {
        width: 1200,
        height: 500,
    };
    let ratings_chart = ratings_chart(&ratings, size);
    let doc = check_document(&ratings_chart, size);
    // Daily points would be 3 650 a series; the 7-day means carry the picture.
    assert_eq!(count(&doc, "circle", "points-anxiety"), 0);
    assert_eq!(count(&doc, "path", "mean-anxiety"), 1);
    let t = texts(&doc);
    assert!(t.iter().any(|s| s == "2020"), "{t:?}");
    for chart in [
        dose_chart(&dose, size),
        ratings_chart,
        symptom_heatmap(&heat, size),
        scores_chart(&scores, size),
    ] {
        let doc = check_document(&chart, size);
        let elements = doc.descendants().filter(|n| n.is_element()).count();
        assert!(elements < 3_000, "{elements} elements: {}", chart.summary);
        assert!(chart.svg.len() < 250_000, "{} bytes", chart.svg.len());
    }
}

#[test]
fn samples() {
    let Some(dir) = std::env::var_os("CHART_SAMPLES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = eight_weeks();
    let steps = [date(2026, 10, 5), date(2026, 10, 19), date(2026, 11, 2)];
    let mut dose = dose_scenario(p);
    dose.series[1].label = "lorazepam".to_string();
    let (dose10, ratings10, heat10, scores10) = ten_year_charts();
    let wide = Size {
        width: 1000,
        height: 460,
    };
    let heat = heatmap_scenario(
        p,
        &SYMPTOMS[..8]
            .iter()
            .copied()
            .chain(["jaw clenching"])
            .collect::<Vec<_>>(),
        &steps,
        vec![date(2026, 11, 12)],
    );
    let heat_size = Size {
        width: 1000,
        height: heat.suggested_height(1000),
    };
    let heat10_size = Size {
        width: 1000,
        height: heat10.suggested_height(1000),
    };
    for (name, chart) in [
        ("dose-8-weeks", dose_chart(&dose, wide)),
        (
            "ratings-8-weeks",
            ratings_chart(&ratings_scenario(p, &steps), wide),
        ),
        ("heatmap-8-weeks", symptom_heatmap(&heat, heat_size)),
        ("scores-8-weeks", scores_chart(&scores_scenario(p), wide)),
        ("dose-10-years", dose_chart(&dose10, wide)),
        ("ratings-10-years", ratings_chart(&ratings10, wide)),
        ("heatmap-10-years", symptom_heatmap(&heat10, heat10_size)),
        ("scores-10-years", scores_chart(&scores10, wide)),
        (
            "empty",
            scores_chart(
                &ScoresChart {
                    period: p,
                    ..Default::default()
                },
                Size {
                    width: 600,
                    height: 200,
                },
            ),
        ),
        (
            "dose-small",
            dose_chart(
                &dose,
                Size {
                    width: 320,
                    height: 160,
                },
            ),
        ),
        (
            "scores-small",
            scores_chart(
                &scores_scenario(p),
                Size {
                    width: 320,
                    height: 240,
                },
            ),
        ),
    ] {
        std::fs::write(dir.join(format!("{name}.svg")), &chart.svg).unwrap();
        println!("{name}: {}", chart.summary);
    }
}
