//! The clinic visit summary as a PDF: the words of `views::summary` placed on A4 or US
//! Letter pages, with the Trends charts as vector graphics. Text is real, selectable text in
//! DejaVu Sans, embedded from the binary (no system font is read); krilla writes the PDF and
//! krilla-svg draws the charts.
//!
//! Layout happens first (a list of drawing operations per page), then drawing, so the
//! footer can say "Page 1 of 2".

use crate::taper::discussion::Urgency;
use crate::views::summary::SummaryView;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::{FontRef, MetadataProvider};
use std::sync::{Arc, OnceLock};

/// DejaVu Sans 2.37 (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt).
static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");
/// The family name inside those files; the chart SVGs ask for "sans-serif".
const FAMILY: &str = "DejaVu Sans";

/// Paper sizes in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    pub fn from_key(key: &str) -> Option<Paper> {
        match key {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("The embedded font could not be read.")]
    Font,
    #[error("The {0} chart could not be drawn: {1}")]
    Chart(String, String),
    #[error("The PDF could not be written: {0}")]
    Write(String),
}

// Layout, in points from the page's top-left corner.
const MARGIN_X: f32 = 42.0;
const MARGIN_TOP: f32 = 36.0;
/// Room for the footer below the text.
const MARGIN_BOTTOM: f32 = 40.0;
const TITLE_SIZE: f32 = 15.0;
const HEADING_SIZE: f32 = 11.0;
const BODY_SIZE: f32 = 9.0;
const SMALL_SIZE: f32 = 7.8;
const TABLE_SIZE: f32 = 7.2;
const LEADING: f32 = 1.3;
/// A chart may be drawn this much smaller than the text width to fit the rest of a page.
const MIN_CHART_SCALE: f32 = 0.8;

type Rgb = (u8, u8, u8);
const INK: Rgb = (20, 20, 20);
const GREY: Rgb = (85, 85, 85);
const RULE: Rgb = (170, 170, 170);
const SHADE: Rgb = (236, 238, 241);
const SAFETY: Rgb = (176, 0, 32);

fn urgency_colour(urgency: Urgency) -> Rgb {
    match urgency {
        Urgency::Safety => SAFETY,
        Urgency::StrongWarning => (168, 60, 0),
        Urgency::Warning => (150, 100, 0),
        Urgency::Discuss => (31, 95, 168),
        Urgency::Information => (110, 110, 110),
    }
}

/// A font for drawing (krilla) and for measuring (skrifa), from the same bytes.
struct Face {
    font: Font,
    measure: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, PdfError> {
        let font = Font::new(data.into(), 0).ok_or(PdfError::Font)?;
        let measure = FontRef::new(data).map_err(|_| PdfError::Font)?;
        let units_per_em = f32::from(
            measure
                .metrics(FontSize::unscaled(), LocationRef::default())
                .units_per_em,
        )
        .max(1.0);
        Ok(Face {
            font,
            measure,
            units_per_em,
        })
    }

    /// Width of `text` at `size` points (advances only; kerning changes it by a hair).
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.measure.charmap();
        let metrics = self
            .measure
            .glyph_metrics(FontSize::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(0.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    fn get(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// The chart fonts: only the embedded ones, with DejaVu Sans as the sans-serif family
/// (usvg drops text whose family it cannot find).
fn chart_fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(REGULAR)));
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(BOLD)));
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

enum Op {
    Text {
        x: f32,
        /// Baseline.
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgb,
    },
    Chart {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// The words of a paragraph, with a unit kept on the line of its number ("25 %",
/// "1.8 mg", "7.0 h").
fn glued_words(paragraph: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in paragraph.split_whitespace() {
        let unit = word.starts_with('%')
            || ["mg", "h"]
                .iter()
                .any(|u| word.trim_end_matches([',', '.', ';', ')']) == *u);
        match words.last_mut() {
            Some(last) if unit && last.ends_with(|c: char| c.is_ascii_digit()) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    words
}

/// Text style of one run of lines.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    colour: Rgb,
}

const BODY: Style = Style {
    size: BODY_SIZE,
    bold: false,
    colour: INK,
};
const BODY_BOLD: Style = Style {
    size: BODY_SIZE,
    bold: true,
    colour: INK,
};
const SMALL: Style = Style {
    size: SMALL_SIZE,
    bold: false,
    colour: GREY,
};

struct Layout<'a> {
    faces: &'a Faces,
    page_w: f32,
    page_h: f32,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn new(faces: &'a Faces, paper: Paper) -> Self {
        let (page_w, page_h) = paper.size();
        Layout {
            faces,
            page_w,
            page_h,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        }
    }

    fn text_width(&self) -> f32 {
        self.page_w - 2.0 * MARGIN_X
    }

    fn bottom(&self) -> f32 {
        self.page_h - MARGIN_BOTTOM
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    fn gap(&mut self, h: f32) {
        if self.y > MARGIN_TOP {
            self.y += h;
        }
    }

    /// Greedy word wrap to `width` points; a word longer than a line is cut.
    fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let face = self.faces.get(style.bold);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in glued_words(paragraph) {
                let word = word.as_str();
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if face.width(&candidate, style.size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: cut it where it overflows.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if face.width(&piece, style.size) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    fn line_height(style: Style) -> f32 {
        style.size * LEADING
    }

    /// A wrapped paragraph at `indent` from the left margin, with an optional coloured bar
    /// in the margin beside it.
    fn paragraph_with_bar(&mut self, text: &str, style: Style, indent: f32, bar: Option<Rgb>) {
        let lines = self.wrap(text, style, self.text_width() - indent);
        let lh = Self::line_height(style);
        for line in lines {
            self.ensure(lh);
            if let Some(colour) = bar {
                self.push(Op::Rect {
                    x: MARGIN_X,
                    y: self.y,
                    w: 2.5,
                    h: lh,
                    colour,
                });
            }
            self.push(Op::Text {
                x: MARGIN_X + indent,
                y: self.y + style.size,
                size: style.size,
                bold: style.bold,
                colour: style.colour,
                text: line,
            });
            self.y += lh;
        }
    }

    fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_with_bar(text, style, 0.0, None);
    }

    /// A section heading, kept with at least `keep` points of what follows.
    fn heading(&mut self, text: &str, keep: f32) {
        self.gap(9.0);
        let lh = Self::line_height(Style {
            size: HEADING_SIZE,
            bold: true,
            colour: INK,
        });
        self.ensure(lh + 3.0 + keep);
        self.push(Op::Text {
            x: MARGIN_X,
            y: self.y + HEADING_SIZE,
            size: HEADING_SIZE,
            bold: true,
            colour: INK,
            text: text.to_string(),
        });
        self.y += lh;
        self.push(Op::Line {
            x1: MARGIN_X,
            y1: self.y,
            x2: self.page_w - MARGIN_X,
            y2: self.y,
            width: 0.6,
            colour: RULE,
        });
        self.y += 3.5;
    }

    fn bullet(&mut self, text: &str, style: Style) {
        let lines = self.wrap(text, style, self.text_width() - 10.0);
        let lh = Self::line_height(style);
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(lh);
            if i == 0 {
                self.push(Op::Text {
                    x: MARGIN_X + 1.0,
                    y: self.y + style.size,
                    size: style.size,
                    bold: false,
                    colour: style.colour,
                    text: "•".to_string(),
                });
            }
            self.push(Op::Text {
                x: MARGIN_X + 10.0,
                y: self.y + style.size,
                size: style.size,
                bold: style.bold,
                colour: style.colour,
                text: line,
            });
            self.y += lh;
        }
    }

    /// A table whose cells wrap; column widths are shares of the text width. The header
    /// row is repeated on a new page.
    fn table(&mut self, headers: &[&str], rows: &[Vec<String>], shares: &[f32]) {
        let pad = 2.5;
        // No word is cut: a column is at least as wide as its longest word, its header's
        // in bold included (the first column, the date, as its whole text); the others
        // share what is left.
        let minimum: Vec<f32> = (0..shares.len())
            .map(|i| {
                let header = headers
                    .get(i)
                    .map(|h| glued_words(h))
                    .unwrap_or_default()
                    .iter()
                    .map(|w| self.faces.get(true).width(w, TABLE_SIZE))
                    .fold(0.0, f32::max);
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .flat_map(|c| {
                        if i == 0 {
                            vec![c.clone()]
                        } else {
                            glued_words(c)
                        }
                    })
                    .map(|w| self.faces.get(false).width(&w, TABLE_SIZE))
                    .fold(header, f32::max)
                    + 2.0 * pad
                    + 0.5
            })
            .collect();
        let mut pinned = vec![false; shares.len()];
        let mut widths: Vec<f32> = Vec::new();
        for _ in 0..shares.len() {
            let fixed: f32 = (0..shares.len())
                .filter(|i| pinned[*i])
                .map(|i| minimum[i])
                .sum();
            let free: f32 = (0..shares.len())
                .filter(|i| !pinned[*i])
                .map(|i| shares[i])
                .sum::<f32>()
                .max(f32::EPSILON);
            let unit = (self.text_width() - fixed).max(0.0) / free;
            widths = (0..shares.len())
                .map(|i| {
                    if pinned[i] {
                        minimum[i]
                    } else {
                        shares[i] * unit
                    }
                })
                .collect();
            let mut changed = false;
            for i in 0..shares.len() {
                if !pinned[i] && widths[i] < minimum[i] {
                    pinned[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let head = Style {
            size: TABLE_SIZE,
            bold: true,
            colour: INK,
        };
        let cell = Style {
            size: TABLE_SIZE,
            bold: false,
            colour: INK,
        };
        let header_cells: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let measure = |layout: &Self, cells: &[String], style: Style| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| layout.wrap(c, style, w - 2.0 * pad))
                .collect()
        };
        let header_lines = measure(self, &header_cells, head);
        let height = |lines: &[Vec<String>], style: Style| {
            lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * Self::line_height(style)
                + 2.0 * pad
        };
        let header_h = height(&header_lines, head);
        let draw_row = |layout: &mut Self, lines: &[Vec<String>], style: Style, shaded: bool| {
            let h = height(lines, style);
            if shaded {
                layout.push(Op::Rect {
                    x: MARGIN_X,
                    y: layout.y,
                    w: layout.text_width(),
                    h,
                    colour: SHADE,
                });
            }
            let mut x = MARGIN_X;
            for (cell_lines, w) in lines.iter().zip(&widths) {
                let mut y = layout.y + pad;
                for line in cell_lines {
                    layout.push(Op::Text {
                        x: x + pad,
                        y: y + style.size,
                        size: style.size,
                        bold: style.bold,
                        colour: style.colour,
                        text: line.clone(),
                    });
                    y += Self::line_height(style);
                }
                x += w;
            }
            layout.y += h;
            layout.push(Op::Line {
                x1: MARGIN_X,
                y1: layout.y,
                x2: MARGIN_X + layout.text_width(),
                y2: layout.y,
                width: 0.4,
                colour: RULE,
            });
        };
        let first_row_h = rows
            .first()
            .map_or(0.0, |r| height(&measure(self, r, cell), cell));
        self.ensure(header_h + first_row_h);
        draw_row(self, &header_lines, head, true);
        for row in rows {
            let lines = measure(self, row, cell);
            let h = height(&lines, cell);
            if self.y + h > self.bottom() {
                self.new_page();
                draw_row(self, &header_lines, head, true);
            }
            draw_row(self, &lines, cell, false);
        }
    }

    /// A chart scaled to the text width, its title above it.
    fn chart(&mut self, index: usize, title: &str, svg_size: (f32, f32)) {
        let mut w = self.text_width();
        let mut h = svg_size.1 * w / svg_size.0.max(1.0);
        let title_style = Style {
            size: BODY_SIZE,
            bold: true,
            colour: INK,
        };
        let lh = Self::line_height(title_style);
        self.gap(4.0);
        // A little smaller rather than a half-empty page.
        let room = self.bottom() - self.y - lh;
        if h > room && h * MIN_CHART_SCALE <= room {
            w *= room / h;
            h = room;
        }
        self.ensure(lh + h);
        self.paragraph(title, title_style);
        self.push(Op::Chart {
            index,
            x: MARGIN_X,
            y: self.y,
            w,
            h,
        });
        self.y += h;
    }

    /// The footer of every page: where the data comes from, and the page number.
    fn footers(&mut self, left: &str) {
        let n = self.pages.len();
        let y = self.page_h - MARGIN_BOTTOM + 20.0;
        let right_edge = self.page_w - MARGIN_X;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = format!("Page {} of {n}", i + 1);
            let number_w = self.faces.regular.width(&number, SMALL_SIZE);
            page.push(Op::Line {
                x1: MARGIN_X,
                y1: y - 10.0,
                x2: right_edge,
                y2: y - 10.0,
                width: 0.4,
                colour: RULE,
            });
            page.push(Op::Text {
                x: MARGIN_X,
                y,
                size: SMALL_SIZE,
                bold: false,
                colour: GREY,
                text: left.to_string(),
            });
            page.push(Op::Text {
                x: right_edge - number_w,
                y,
                size: SMALL_SIZE,
                bold: false,
                colour: GREY,
                text: number,
            });
        }
    }
}

/// Lays the summary out on pages.
fn layout(view: &SummaryView, paper: Paper, faces: &Faces, charts: &[usvg::Tree]) -> Vec<Vec<Op>> {
    let mut l = Layout::new(faces, paper);
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

    l.heading(w.charts, 120.0);
    for (i, (c, tree)) in view.charts.iter().zip(charts).enumerate() {
        l.chart(i, &c.title, (tree.size().width(), tree.size().height()));
    }
    for note in &view.chart_notes {
        l.gap(4.0);
        l.paragraph(note, BODY);
    }

    l.heading(w.steps, 40.0);
    let rows: Vec<Vec<String>> = view.step_table.rows.iter().map(|r| r.to_vec()).collect();
    if !rows.is_empty() {
        l.table(
            &view.step_table.headers,
            &rows,
            &[1.0, 0.7, 1.0, 1.0, 2.1, 0.8, 1.6, 1.05, 0.95],
        );
        l.y += 3.0;
    }
    l.paragraph(&view.step_table.note, SMALL);

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

    l.heading(w.questionnaires, 20.0);
    if view.questionnaires.is_empty() {
        l.paragraph(w.no_questionnaires, BODY);
    }
    for q in &view.questionnaires {
        l.bullet(q, BODY);
    }

    l.heading(w.substances, 20.0);
    l.paragraph(&view.substances, BODY);

    l.heading(w.completeness, 20.0);
    l.paragraph(&view.completeness, BODY);

    l.heading(w.questions, 20.0);
    if view.questions.is_empty() {
        l.paragraph(w.no_questions, BODY);
    }
    for q in &view.questions {
        l.bullet(q, BODY);
    }

    // "Self-reported, not a medical record" is the footer of every page; the closing line
    // says the rest (keeping a full summary from spilling one line onto a third page).
    l.gap(5.0);
    l.paragraph(view.not_medical_advice, BODY);

    l.footers(view.self_reported);
    l.pages
}

fn fill(colour: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }
}

/// The summary as PDF bytes on `paper`.
pub fn summary_pdf(view: &SummaryView, paper: Paper) -> Result<Vec<u8>, PdfError> {
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
            usvg::Tree::from_str(&c.svg, &options)
                .map_err(|e| PdfError::Chart(c.title.clone(), e.to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let pages = layout(view, paper, &faces, &charts);

    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(view.title.clone())
            .language("en".to_string())
            .creator("Taper Journal".to_string()),
    );
    let (w, h) = paper.size();
    for ops in pages {
        let settings = PageSettings::from_wh(w, h)
            .ok_or_else(|| PdfError::Write("invalid page size".to_string()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(fill(colour)));
                    surface.draw_text(
                        Point::from_xy(x, y),
                        faces.get(bold).font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    colour,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y1);
                    pb.line_to(x2, y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                            width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Rect { x, y, w, h, colour } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(colour)));
                        surface.draw_path(&path);
                    }
                }
                Op::Chart { index, x, y, w, h } => {
                    let (Some(tree), Some(size)) = (charts.get(index), Size::from_wh(w, h)) else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(x, y));
                    let drawn = surface.draw_svg(tree, size, SvgSettings::default());
                    surface.pop();
                    if drawn.is_none() {
                        return Err(PdfError::Chart(
                            view.charts
                                .get(index)
                                .map_or_else(String::new, |c| c.title.clone()),
                            "krilla-svg could not draw it".to_string(),
                        ));
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}
