//! A small typesetter for the summary: the embedded fonts (measured with skrifa, drawn by
//! krilla), paragraphs that wrap and break across pages, headings kept with what follows,
//! tables, bullets, charts placed as SVG, footers; then the drawing of the laid-out pages
//! into a PDF. It knows nothing of what the summary says (`pdf/mod.rs` does). Longer than
//! most files: it is one layout state (`Layout`) and the operations on it.

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
pub(super) static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// The family name inside those files; the chart SVGs ask for "sans-serif".
pub(super) const FAMILY: &str = "DejaVu Sans";

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
pub(super) const MARGIN_X: f32 = 42.0;
pub(super) const MARGIN_TOP: f32 = 36.0;
/// Room for the footer below the text.
pub(super) const MARGIN_BOTTOM: f32 = 40.0;
pub(super) const TITLE_SIZE: f32 = 15.0;
pub(super) const HEADING_SIZE: f32 = 11.0;
pub(super) const BODY_SIZE: f32 = 9.0;
pub(super) const SMALL_SIZE: f32 = 7.8;
pub(super) const TABLE_SIZE: f32 = 7.2;
pub(super) const LEADING: f32 = 1.3;
/// A chart may be drawn this much smaller than the text width to fit the rest of a page.
pub(super) const MIN_CHART_SCALE: f32 = 0.8;

pub(super) type Rgb = (u8, u8, u8);
pub(super) const INK: Rgb = (20, 20, 20);
pub(super) const GREY: Rgb = (85, 85, 85);
pub(super) const RULE: Rgb = (170, 170, 170);
pub(super) const SHADE: Rgb = (236, 238, 241);
pub(super) const SAFETY: Rgb = (176, 0, 32);

/// A font for drawing (krilla) and for measuring (skrifa), from the same bytes.
pub(super) struct Face {
    pub(super) font: Font,
    pub(super) measure: FontRef<'static>,
    pub(super) units_per_em: f32,
}

impl Face {
    pub(super) fn new(data: &'static [u8]) -> Result<Face, PdfError> {
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
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
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

pub(super) struct Faces {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

impl Faces {
    pub(super) fn get(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// The chart fonts: only the embedded ones, with DejaVu Sans as the sans-serif family
/// (usvg drops text whose family it cannot find).
pub(super) fn chart_fonts() -> Arc<usvg::fontdb::Database> {
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

pub(super) enum Op {
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
pub(super) fn glued_words(paragraph: &str) -> Vec<String> {
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
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) colour: Rgb,
}

pub(super) const BODY: Style = Style {
    size: BODY_SIZE,
    bold: false,
    colour: INK,
};
pub(super) const BODY_BOLD: Style = Style {
    size: BODY_SIZE,
    bold: true,
    colour: INK,
};
pub(super) const SMALL: Style = Style {
    size: SMALL_SIZE,
    bold: false,
    colour: GREY,
};

pub(super) struct Layout<'a> {
    pub(super) faces: &'a Faces,
    pub(super) page_w: f32,
    pub(super) page_h: f32,
    pub(super) pages: Vec<Vec<Op>>,
    pub(super) y: f32,
}

impl<'a> Layout<'a> {
    pub(super) fn new(faces: &'a Faces, paper: Paper) -> Self {
        let (page_w, page_h) = paper.size();
        Layout {
            faces,
            page_w,
            page_h,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        }
    }

    pub(super) fn text_width(&self) -> f32 {
        self.page_w - 2.0 * MARGIN_X
    }

    pub(super) fn bottom(&self) -> f32 {
        self.page_h - MARGIN_BOTTOM
    }

    pub(super) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    pub(super) fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    pub(super) fn gap(&mut self, h: f32) {
        if self.y > MARGIN_TOP {
            self.y += h;
        }
    }

    /// Greedy word wrap to `width` points; a word longer than a line is cut.
    pub(super) fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
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

    pub(super) fn line_height(style: Style) -> f32 {
        style.size * LEADING
    }

    /// A wrapped paragraph at `indent` from the left margin, with an optional coloured bar
    /// in the margin beside it.
    pub(super) fn paragraph_with_bar(
        &mut self,
        text: &str,
        style: Style,
        indent: f32,
        bar: Option<Rgb>,
    ) {
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

    pub(super) fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_with_bar(text, style, 0.0, None);
    }

    /// A section heading, kept with at least `keep` points of what follows.
    pub(super) fn heading(&mut self, text: &str, keep: f32) {
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

    pub(super) fn bullet(&mut self, text: &str, style: Style) {
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
    pub(super) fn table(&mut self, headers: &[&str], rows: &[Vec<String>], shares: &[f32]) {
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
    pub(super) fn chart(&mut self, index: usize, title: &str, svg_size: (f32, f32)) {
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
    pub(super) fn footers(&mut self, left: &str) {
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

pub(super) fn fill(colour: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        ..Fill::default()
    }
}

/// Draws laid-out `pages` on `paper` as PDF bytes; `charts` are the SVG trees the pages'
/// chart operations name by index, `chart_titles` their titles (for an error).
pub(super) fn write_pdf(
    pages: Vec<Vec<Op>>,
    paper: Paper,
    faces: &Faces,
    charts: &[usvg::Tree],
    chart_titles: &[String],
    title: &str,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
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
                            chart_titles.get(index).cloned().unwrap_or_default(),
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
