//! A small typesetter for the summary: paragraphs that wrap and break across pages,
//! headings kept with what follows, tables, bullets, charts placed as SVG, footers. It
//! knows nothing of what the summary says (`pdf/mod.rs` does), nor of the PDF it becomes
//! (`pdf/write.rs` draws the laid-out pages; `pdf/fonts.rs` measures the words). Longer
//! than most files: it is one layout state (`Layout`) and the operations on it.
//!
//! The PDF is tagged, so a screen reader reads it: each `Layout` method also says what its
//! operations are in the document's structure (`Op::Begin(Role)` … `Op::End` around them),
//! and `write_pdf` turns those into krilla's tag tree, in reading order. A caller of
//! `heading`, `paragraph`, `bullet`, `table` or `chart` gets its content tagged without
//! knowing of it.

use super::fonts::*;

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
/// Every chart a little smaller, tried in turn when a document runs a few lines onto one
/// more page: a page saved rather than a page that holds four lines.
pub(super) const FIT_CHART_SCALES: [f32; 3] = [0.95, 0.9, 0.85];
/// Between two columns of bullets.
const COLUMN_GAP: f32 = 18.0;
/// From a bullet to its text.
const BULLET_INDENT: f32 = 10.0;

pub(super) type Rgb = (u8, u8, u8);
pub(super) const INK: Rgb = (20, 20, 20);
pub(super) const GREY: Rgb = (85, 85, 85);
pub(super) const RULE: Rgb = (170, 170, 170);
pub(super) const SHADE: Rgb = (236, 238, 241);
pub(super) const SAFETY: Rgb = (176, 0, 32);

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
    /// The operations up to the matching `End` are this structure element (nested ones
    /// inside it). Draws nothing; an element may span pages.
    Begin(Role),
    End,
}

/// What a run of operations is in the document's structure, as a screen reader reads it.
/// Text outside any element becomes a paragraph of its own; rules and rectangles are always
/// decoration (artifacts).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    /// A heading with its text (the outline's entry): 1 the title, 2 a section, 3 a chart.
    Heading(u16, String),
    Paragraph,
    /// Bullets in a row; an item is a label (the bullet) and a body.
    List,
    ListItem,
    ListLabel,
    ListBody,
    Table,
    TableHead,
    TableBody,
    Row,
    HeaderCell,
    Cell,
    /// A chart, by its index into the charts given to `write_pdf` (which hold its text
    /// alternative).
    Figure(usize),
    /// Not content: the footer, or a table's header row repeated on a new page.
    Artifact(Pagination),
}

/// Why something is an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pagination {
    Footer,
    /// Drawn again because a page broke (a repeated table header).
    Repeated,
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
    /// Bullets in a row make one list: open until something other than a bullet comes.
    list_open: bool,
    /// Charts are drawn at this share of the text width (1, or less to save a page).
    pub(super) chart_scale: f32,
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
            list_open: false,
            chart_scale: 1.0,
        }
    }

    /// Opens a structure element around the operations that follow (see [`Role`]).
    pub(super) fn begin(&mut self, role: Role) {
        self.push(Op::Begin(role));
    }

    /// Closes the innermost open structure element.
    pub(super) fn end(&mut self) {
        self.push(Op::End);
    }

    /// Ends a list of bullets, if one is open: anything but a bullet does this first.
    pub(super) fn close_list(&mut self) {
        if self.list_open {
            self.list_open = false;
            self.end();
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

    /// Greedy word wrap to `width` points; a word longer than a line is cut. A line that
    /// ends between words keeps a space at its end: it draws nothing, and a screen reader
    /// (or a copy) does not run the last word into the next line's first (PDF/UA and
    /// PDF/A-2a ask for word boundaries as spaces).
    pub(super) fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let face = self.faces.get(style.bold);
        let mut lines = Vec::new();
        let mut paragraphs = text.split('\n').peekable();
        while let Some(paragraph) = paragraphs.next() {
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
                    line.push(' ');
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
            if paragraphs.peek().is_some() && !line.is_empty() {
                line.push(' ');
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
        // The title is the one paragraph set in the title's size.
        let role = if style.size >= TITLE_SIZE {
            Role::Heading(1, text.to_string())
        } else {
            Role::Paragraph
        };
        self.block_with_bar(role, text, style, indent, bar);
    }

    /// A wrapped paragraph as `role` (a paragraph, or a heading set like one).
    fn block_with_bar(
        &mut self,
        role: Role,
        text: &str,
        style: Style,
        indent: f32,
        bar: Option<Rgb>,
    ) {
        self.close_list();
        self.begin(role);
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
        self.end();
    }

    pub(super) fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_with_bar(text, style, 0.0, None);
    }

    /// A section heading, kept with at least `keep` points of what follows.
    pub(super) fn heading(&mut self, text: &str, keep: f32) {
        self.close_list();
        self.gap(9.0);
        let lh = Self::line_height(Style {
            size: HEADING_SIZE,
            bold: true,
            colour: INK,
        });
        self.ensure(lh + 3.0 + keep);
        self.begin(Role::Heading(2, text.to_string()));
        self.push(Op::Text {
            x: MARGIN_X,
            y: self.y + HEADING_SIZE,
            size: HEADING_SIZE,
            bold: true,
            colour: INK,
            text: text.to_string(),
        });
        self.end();
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
        self.bullet_at(text, style, MARGIN_X, self.text_width());
    }

    /// Bullets in a row (one list). Four or more short ones, each a line in half the
    /// width, go in two columns, read down the first and then the second: a list of
    /// scores then takes half the lines.
    pub(super) fn bullets(&mut self, items: &[String], style: Style) {
        let half = (self.text_width() - COLUMN_GAP) / 2.0;
        let short = |t: &String| self.wrap(t, style, half - BULLET_INDENT).len() == 1;
        let lh = Self::line_height(style);
        let rows = items.len().div_ceil(2);
        let two = items.len() >= 4 && items.iter().all(short);
        if !two {
            for item in items {
                self.bullet(item, style);
            }
            return;
        }
        self.ensure(rows as f32 * lh);
        let top = self.y;
        for (i, item) in items.iter().enumerate() {
            if i == rows {
                self.y = top;
            }
            let x = if i < rows {
                MARGIN_X
            } else {
                MARGIN_X + half + COLUMN_GAP
            };
            self.bullet_at(item, style, x, half);
        }
        self.y = top + rows as f32 * lh;
    }

    /// One bullet at `x`, its text wrapped to `width` beside the bullet.
    fn bullet_at(&mut self, text: &str, style: Style, x: f32, width: f32) {
        if !self.list_open {
            self.begin(Role::List);
            self.list_open = true;
        }
        self.begin(Role::ListItem);
        let lines = self.wrap(text, style, width - BULLET_INDENT);
        let lh = Self::line_height(style);
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(lh);
            if i == 0 {
                self.begin(Role::ListLabel);
                self.push(Op::Text {
                    x: x + 1.0,
                    y: self.y + style.size,
                    size: style.size,
                    bold: false,
                    colour: style.colour,
                    text: "•".to_string(),
                });
                self.end();
                self.begin(Role::ListBody);
            }
            self.push(Op::Text {
                x: x + BULLET_INDENT,
                y: self.y + style.size,
                size: style.size,
                bold: style.bold,
                colour: style.colour,
                text: line,
            });
            self.y += lh;
        }
        self.end();
        self.end();
    }

    /// A table whose cells wrap; column widths are shares of the text width. The header
    /// row is repeated on a new page.
    pub(super) fn table(&mut self, headers: &[&str], rows: &[Vec<String>], shares: &[f32]) {
        self.close_list();
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
        // The header row once as the table's head (and as an artifact when repeated on a
        // new page), the others as its body.
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Head,
            Repeated,
            Body,
        }
        let draw_row = |layout: &mut Self, lines: &[Vec<String>], style: Style, kind: Kind| {
            let h = height(lines, style);
            layout.begin(match kind {
                Kind::Repeated => Role::Artifact(Pagination::Repeated),
                _ => Role::Row,
            });
            let shaded = kind != Kind::Body;
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
                layout.begin(match kind {
                    Kind::Body => Role::Cell,
                    _ => Role::HeaderCell,
                });
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
                layout.end();
                x += w;
            }
            layout.end();
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
        self.begin(Role::Table);
        self.begin(Role::TableHead);
        draw_row(self, &header_lines, head, Kind::Head);
        self.end();
        self.begin(Role::TableBody);
        for row in rows {
            let lines = measure(self, row, cell);
            let h = height(&lines, cell);
            if self.y + h > self.bottom() {
                self.new_page();
                draw_row(self, &header_lines, head, Kind::Repeated);
            }
            draw_row(self, &lines, cell, Kind::Body);
        }
        self.end();
        self.end();
    }

    /// A chart scaled to the text width, its title above it.
    pub(super) fn chart(&mut self, index: usize, title: &str, svg_size: (f32, f32)) {
        let mut w = self.text_width() * self.chart_scale;
        let mut h = svg_size.1 * w / svg_size.0.max(1.0);
        let title_style = Style {
            size: BODY_SIZE,
            bold: true,
            colour: INK,
        };
        let lh = Self::line_height(title_style);
        self.close_list();
        self.gap(4.0);
        // A little smaller rather than a half-empty page.
        let room = self.bottom() - self.y - lh;
        if h > room && h * MIN_CHART_SCALE <= room {
            w *= room / h;
            h = room;
        }
        self.ensure(lh + h);
        self.block_with_bar(
            Role::Heading(3, title.to_string()),
            title,
            title_style,
            0.0,
            None,
        );
        self.begin(Role::Figure(index));
        self.push(Op::Chart {
            index,
            x: MARGIN_X,
            y: self.y,
            w,
            h,
        });
        self.end();
        self.y += h;
    }

    /// The footer of every page: where the data comes from, and the page number.
    pub(super) fn footers(&mut self, left: &str) {
        self.close_list();
        let n = self.pages.len();
        let y = self.page_h - MARGIN_BOTTOM + 20.0;
        let right_edge = self.page_w - MARGIN_X;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = format!("Page {} of {n}", i + 1);
            let number_w = self.faces.regular.width(&number, SMALL_SIZE);
            page.push(Op::Begin(Role::Artifact(Pagination::Footer)));
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
            page.push(Op::End);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::write::{write_pdf, About};
    use super::*;

    fn faces() -> Faces {
        Faces {
            regular: Face::new(REGULAR).unwrap(),
            bold: Face::new(BOLD).unwrap(),
        }
    }

    /// The roles opened on each page, in order.
    fn roles(pages: &[Vec<Op>]) -> Vec<Vec<Role>> {
        pages
            .iter()
            .map(|ops| {
                ops.iter()
                    .filter_map(|op| match op {
                        Op::Begin(role) => Some(role.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_table_and_a_paragraph_that_go_on_to_the_next_page_stay_one_element() {
        let faces = faces();
        let mut l = Layout::new(&faces, Paper::A4);
        l.heading("Steps", 20.0);
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| vec![format!("Row {i}"), "1 mg".to_string()])
            .collect();
        l.table(&["Date", "Dose"], &rows, &[1.0, 1.0]);
        let words = "Words that wrap over many lines. ".repeat(150);
        l.paragraph(&words, BODY);
        l.footers("A footer");
        let roles = roles(&l.pages);
        assert!(roles.len() >= 3, "{} pages", roles.len());
        let all: Vec<&Role> = roles.iter().flatten().collect();
        let count = |r: &Role| all.iter().filter(|x| **x == r).count();
        assert_eq!(count(&Role::Table), 1);
        assert_eq!(count(&Role::TableHead), 1);
        assert_eq!(count(&Role::TableBody), 1);
        assert_eq!(count(&Role::Row), 81, "the header row once, then 80");
        assert_eq!(count(&Role::Paragraph), 1);
        // The header row drawn again on the next page is not read again.
        assert!(roles[1].contains(&Role::Artifact(Pagination::Repeated)));
        let begins = l
            .pages
            .iter()
            .flatten()
            .filter(|op| matches!(op, Op::Begin(_)))
            .count();
        let ends = l
            .pages
            .iter()
            .flatten()
            .filter(|op| matches!(op, Op::End))
            .count();
        assert_eq!(begins, ends);
        let about = About {
            title: "A title",
            made_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        };
        assert!(write_pdf(l.pages, Paper::A4, &faces, &[], &about).is_ok());
    }

    #[test]
    fn four_short_bullets_take_two_columns_and_a_long_one_keeps_one() {
        let faces = faces();
        let texts = |n: usize, t: &str| (0..n).map(|i| format!("{t} {i}")).collect::<Vec<_>>();
        let lh = Layout::line_height(BODY);
        // Five short ones: three lines, the first column read first.
        let mut l = Layout::new(&faces, Paper::A4);
        l.bullets(&texts(5, "Short"), BODY);
        assert!((l.y - (MARGIN_TOP + 3.0 * lh)).abs() < 0.01, "{}", l.y);
        let xs: Vec<(f32, String)> = l.pages[0]
            .iter()
            .filter_map(|op| match op {
                Op::Text { x, text, .. } if text != "•" => Some((*x, text.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(xs[0], (MARGIN_X + BULLET_INDENT, "Short 0".to_string()));
        assert!(xs[3].0 > MARGIN_X + l.text_width() / 2.0, "{xs:?}");
        l.footers("A footer");
        let roles: Vec<Role> = roles(&l.pages).concat();
        assert_eq!(roles.iter().filter(|r| **r == Role::List).count(), 1);
        assert_eq!(roles.iter().filter(|r| **r == Role::ListItem).count(), 5);
        // One that needs more than half the width: one column, one bullet a line.
        let mut l = Layout::new(&faces, Paper::A4);
        let mut items = texts(3, "Short");
        items.push("A question long enough to need more than half of the width of the page".into());
        l.bullets(&items, BODY);
        assert!((l.y - (MARGIN_TOP + 4.0 * lh)).abs() < 0.01, "{}", l.y);
    }

    #[test]
    fn bullets_in_a_row_are_one_list_and_anything_else_ends_it() {
        let faces = faces();
        let mut l = Layout::new(&faces, Paper::A4);
        l.bullet("One", BODY);
        l.bullet("Two", BODY);
        l.paragraph("Between", BODY);
        l.bullet("Three", BODY);
        l.footers("A footer");
        let roles: Vec<Role> = roles(&l.pages).concat();
        let lists = roles.iter().filter(|r| **r == Role::List).count();
        let items = roles.iter().filter(|r| **r == Role::ListItem).count();
        assert_eq!((lists, items), (2, 3));
    }
}
