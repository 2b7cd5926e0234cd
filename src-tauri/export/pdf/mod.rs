//! The clinic visit summary as a PDF: the words of `views::summary` placed on A4 or US
//! Letter pages, with the Trends charts as vector graphics. Text is real, selectable text in
//! DejaVu Sans, embedded from the binary (no system font is read); krilla writes the PDF and
//! krilla-svg draws the charts.
//!
//! Layout happens first (a list of drawing operations per page), then drawing, so the
//! footer can say "Page 1 of 2".

mod error;
mod fonts;
mod typeset;
mod write;

pub use error::PdfError;
use fonts::*;
pub use typeset::Paper;
use typeset::*;
use write::*;

use crate::taper::discussion::Urgency;
use crate::views::charts::ChartView;
use crate::views::summary::SummaryView;
use chrono::NaiveDate;

fn urgency_colour(urgency: Urgency) -> Rgb {
    match urgency {
        Urgency::Safety => SAFETY,
        Urgency::StrongWarning => (168, 60, 0),
        Urgency::Warning => (150, 100, 0),
        Urgency::Discuss => (31, 95, 168),
        Urgency::Information => (110, 110, 110),
    }
}

/// Where the step table goes: after all the charts (as the preview shows it), or right
/// after the dose chart, where it can fill the room the dose chart leaves on page 1.
#[derive(Clone, Copy, PartialEq)]
enum StepsAt {
    AfterCharts,
    AfterDoseChart,
}

/// Lays the summary out on pages: with its charts at the text width, or a little smaller,
/// or with the step table moved up beside the dose chart, whichever first saves a page (an
/// 8-week summary keeps to two).
fn layout(view: &SummaryView, paper: Paper, faces: &Faces, charts: &[usvg::Tree]) -> Vec<Vec<Op>> {
    let full = layout_at(view, paper, faces, charts, 1.0, StepsAt::AfterCharts);
    [StepsAt::AfterCharts, StepsAt::AfterDoseChart]
        .into_iter()
        .flat_map(|at| {
            std::iter::once(1.0)
                .chain(FIT_CHART_SCALES)
                .map(move |scale| (at, scale))
        })
        .skip(1)
        .map(|(at, scale)| layout_at(view, paper, faces, charts, scale, at))
        .find(|pages| pages.len() < full.len())
        .unwrap_or(full)
}

/// Lays the summary out with its charts at `chart_scale` of the text width.
fn layout_at(
    view: &SummaryView,
    paper: Paper,
    faces: &Faces,
    charts: &[usvg::Tree],
    chart_scale: f32,
    steps_at: StepsAt,
) -> Vec<Vec<Op>> {
    let mut l = Layout::new(faces, paper);
    l.chart_scale = chart_scale;
    l.paragraph(
        &view.title,
        Style {
            size: TITLE_SIZE,
            bold: true,
            colour: INK,
        },
    );
    l.y += 2.0;
    l.paragraph(&view.period_label, BODY_BOLD);
    if let Some(note) = &view.period_note {
        l.paragraph(note, SMALL);
    }
    l.paragraph(&view.made_on, SMALL);
    // What was agreed at the last visit, for the clinician to pick up from (no heading:
    // page 1 keeps its room for the points).
    for line in &view.agreed {
        l.paragraph(line, BODY);
    }

    if let Some(message) = &view.safety_note {
        l.gap(6.0);
        l.paragraph_with_bar(
            message,
            Style {
                size: BODY_SIZE,
                bold: true,
                colour: SAFETY,
            },
            7.0,
            Some(SAFETY),
        );
    }

    let w = &view.words;
    l.heading(w.points, 30.0);
    if view.points.is_empty() {
        l.paragraph(w.no_points, BODY);
    }
    for (i, p) in view.points.iter().enumerate() {
        if i > 0 {
            l.gap(4.0);
        }
        let colour = urgency_colour(p.urgency);
        l.ensure(3.0 * BODY_SIZE * LEADING);
        let title = format!("{}: {}", p.urgency_label, p.title);
        // The step it is about goes beside the title when there is room.
        let beside = format!("   {}", p.step_label);
        let title_w = faces.bold.width(&title, BODY_SIZE);
        let fits = title_w + faces.regular.width(&beside, SMALL_SIZE) <= l.text_width() - 7.0;
        let top = l.y;
        l.paragraph_with_bar(&title, BODY_BOLD, 7.0, Some(colour));
        if !p.step_label.is_empty() {
            if fits && l.y > top {
                l.push(Op::Text {
                    x: MARGIN_X + 7.0 + title_w,
                    y: top + BODY_SIZE,
                    size: SMALL_SIZE,
                    bold: false,
                    colour: GREY,
                    text: beside,
                });
            } else {
                l.paragraph_with_bar(&p.step_label, SMALL, 7.0, Some(colour));
            }
        }
        l.paragraph_with_bar(&p.detail, BODY, 7.0, Some(colour));
    }

    l.heading(w.medication, 30.0);
    if view.medications.is_empty() {
        l.paragraph(w.no_medication, BODY);
    }
    for m in &view.medications {
        l.paragraph(&format!("{}: {}", m.name, m.dose), BODY_BOLD);
        if !m.equivalent.is_empty() {
            l.paragraph(&m.equivalent, BODY);
        }
    }
    if let Some(r) = &view.total_reduction {
        l.gap(2.0);
        l.paragraph(r, BODY);
    }

    // The dose chart, then the steps it shows with how the patient was around each, then
    // the charts of how the patient has been: the figures a decision rests on come first,
    // and the steps' table fills the room the dose chart leaves on page 1.
    let drawn: Vec<(usize, &ChartView, &usvg::Tree)> = view
        .charts
        .iter()
        .zip(charts)
        .enumerate()
        .map(|(i, (c, t))| (i, c, t))
        .collect();
    let (dose, others): (Vec<_>, Vec<_>) = drawn.into_iter().partition(|(_, c, _)| c.key == "dose");
    let draw = |l: &mut Layout, (i, c, tree): &(usize, &ChartView, &usvg::Tree)| {
        l.chart(*i, &c.title, (tree.size().width(), tree.size().height()));
        if let Some(note) = &c.note {
            l.paragraph(note, SMALL);
        }
    };
    l.heading(w.charts, 120.0);
    for chart in &dose {
        draw(&mut l, chart);
    }
    if let Some(note) = &view.dose_chart_note {
        l.paragraph(note, SMALL);
    }

    if steps_at == StepsAt::AfterDoseChart {
        step_section(&mut l, view);
    }
    l.heading(w.symptom_charts, 120.0);
    for chart in &others {
        draw(&mut l, chart);
    }
    for note in &view.chart_notes {
        l.gap(4.0);
        l.paragraph(note, BODY);
    }
    if steps_at == StepsAt::AfterCharts {
        step_section(&mut l, view);
    }

    l.heading(w.questionnaires, 20.0);
    if view.questionnaires.is_empty() {
        l.paragraph(w.no_questionnaires, BODY);
    }
    l.bullets(&view.questionnaires, BODY);

    l.heading(w.substances, 20.0);
    l.paragraph(&view.substances, BODY);

    l.heading(w.completeness, 20.0);
    l.paragraph(&view.completeness, BODY);

    l.heading(w.questions, 20.0);
    if view.questions.is_empty() {
        l.paragraph(w.no_questions, BODY);
    }
    l.bullets(&view.questions, BODY);

    // "Self-reported, not a medical record" is the footer of every page; the closing line
    // says the rest (keeping a full summary from spilling one line onto a third page).
    l.gap(5.0);
    l.paragraph(view.not_medical_advice, BODY);

    l.footers(view.self_reported);
    l.pages
}

/// The logged steps (table, its notes, the steps' own words, the doses that differed) and
/// the proposal shown, read against them.
fn step_section(l: &mut Layout, view: &SummaryView) {
    let w = &view.words;
    l.heading(w.steps, 40.0);
    let rows: Vec<Vec<String>> = view.step_table.rows.iter().map(|r| r.to_vec()).collect();
    if !rows.is_empty() {
        l.table(
            &view.step_table.headers,
            &rows,
            &[0.95, 0.85, 1.5, 0.9, 1.75, 0.7, 1.45, 1.0, 0.9],
        );
        l.y += 3.0;
    }
    l.paragraph(&view.step_table.note, SMALL);
    for d in &view.step_table.details {
        l.bullet(d, SMALL);
    }
    if !view.step_table.differed.is_empty() {
        l.paragraph(&view.step_table.differed, SMALL);
    }

    // After the logged steps: the steps the patient proposes next, read against them.
    if let Some(p) = &view.proposal {
        l.heading(p.heading, 40.0);
        l.paragraph(&p.notice, BODY_BOLD);
        l.paragraph(&p.assumed, BODY);
        if let Some(earlier) = &p.earlier {
            l.paragraph(earlier, SMALL);
        }
        if !p.rows.is_empty() {
            l.gap(2.0);
            let rows: Vec<Vec<String>> = p.rows.iter().map(|r| r.to_vec()).collect();
            l.table(&p.headers, &rows, &[0.9, 0.8, 2.6, 0.65, 0.7, 2.0]);
            l.y += 3.0;
        }
        // The steps left out, the ending and the ways on in one paragraph: the summary
        // keeps to two pages.
        let ending = p
            .more
            .iter()
            .chain(std::iter::once(&p.ending))
            .chain(&p.to_discuss)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        l.paragraph(&ending, BODY);
    }
}

/// The summary as PDF bytes on `paper`, made on `made_on`: a tagged PDF, checked as PDF/UA-1
/// and PDF/A-2a (an error rather than a file that fails the check).
pub fn summary_pdf(
    view: &SummaryView,
    paper: Paper,
    made_on: NaiveDate,
) -> Result<Vec<u8>, PdfError> {
    let faces = Faces {
        regular: Face::new(REGULAR)?,
        bold: Face::new(BOLD)?,
    };
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: chart_fonts(),
        ..usvg::Options::default()
    };
    let charts = view
        .charts
        .iter()
        .map(|c| {
            usvg::Tree::from_str(&drawable_svg(&faces, &c.svg), &options)
                .map_err(|e| PdfError::Chart(c.title.clone(), e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let pages = layout(view, paper, &faces, &charts);

    // Each chart's text alternative is the one the screen gives it.
    let figures: Vec<Figure> = view
        .charts
        .iter()
        .zip(&charts)
        .map(|(c, tree)| Figure {
            tree,
            title: &c.title,
            alt: &c.summary,
        })
        .collect();
    let about = About {
        title: &view.title,
        made_on,
    };
    write_pdf(pages, paper, &faces, &figures, &about)
}
