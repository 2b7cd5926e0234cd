//! The SVG writer plotters draws on. plotters' own SVG backend cannot dash a line (its
//! `DashedLineSeries` writes one element per dash), name what it draws, or title the image,
//! so the charts use this small backend instead: one `<path>` per series, a `class` on each
//! series, `stroke-dasharray` for the dash patterns, and `role="img"`, `aria-label` and a
//! `<title>` for screen readers. Text is XML-escaped here, once, for every chart.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::cell::Cell;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::rc::Rc;

/// A stroke pattern, so that lines differ by more than colour (greyscale print, colour
/// blindness).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Dash {
    #[default]
    Solid,
    /// Planned doses; mood.
    Long,
    /// Sleep quality; dose step lines.
    Short,
    /// A taper proposal to discuss: neither taken nor agreed.
    Dotted,
}

impl Dash {
    fn pattern(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Long => Some("8 5"),
            Dash::Short => Some("3 3"),
            Dash::Dotted => Some("2 5"),
        }
    }
}

/// What the primitives drawn next belong to: a class that names them in the SVG (tests and
/// the page find a series by it) and a dash pattern. Strokes drawn under one named ink
/// become one `<path>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ink {
    pub class: &'static str,
    pub dash: Dash,
}

impl Ink {
    pub(crate) const fn named(class: &'static str) -> Self {
        Ink {
            class,
            dash: Dash::Solid,
        }
    }

    pub(crate) const fn dashed(class: &'static str, dash: Dash) -> Self {
        Ink { class, dash }
    }
}

/// Shared between a chart's drawing code and the backend plotters owns: set it before
/// drawing a series, so the backend can name and dash what follows.
#[derive(Clone, Default)]
pub(crate) struct Pen(Rc<Cell<Ink>>);

impl Pen {
    pub(crate) fn set(&self, ink: Ink) {
        self.0.set(ink);
    }

    pub(crate) fn clear(&self) {
        self.0.set(Ink::default());
    }

    fn get(&self) -> Ink {
        self.0.get()
    }
}

/// Strokes of one series waiting to be written as a single `<path>`.
struct OpenPath {
    ink: Ink,
    color: ((u8, u8, u8), u64),
    width: u32,
    d: String,
}

/// The backend: writes SVG elements into a string as plotters draws.
pub(crate) struct SvgCanvas<'a> {
    out: &'a mut String,
    size: (u32, u32),
    pen: Pen,
    open: Option<OpenPath>,
    closed: bool,
}

pub(crate) type Area<'a> = DrawingArea<SvgCanvas<'a>, Shift>;
pub(crate) type DrawError = DrawingAreaErrorKind<Infallible>;
pub(crate) type Drawn = Result<(), DrawError>;

/// Draws one chart as a complete SVG document. `title` and `summary` become the image's
/// accessible name; `draw` paints on the whole canvas. `None` if plotters reported an error
/// (a layout it could not fit).
pub(crate) fn render(
    size: (u32, u32),
    title: &str,
    summary: &str,
    draw: impl for<'a> FnOnce(&Area<'a>, &Pen) -> Drawn,
) -> Option<String> {
    let mut out = String::with_capacity(16 * 1024);
    open_svg(&mut out, size, title, summary);
    let pen = Pen::default();
    let result = {
        let canvas = SvgCanvas {
            out: &mut out,
            size,
            pen: pen.clone(),
            open: None,
            closed: false,
        };
        let root = canvas.into_drawing_area();
        draw(&root, &pen).and_then(|()| root.present())
    };
    result.ok().map(|()| out)
}

/// A chart with nothing but a message in it (no data, or a chart that could not be drawn);
/// `summary` is its text alternative.
pub(crate) fn message_svg(size: (u32, u32), title: &str, message: &str, summary: &str) -> String {
    let (w, h) = size;
    let mut out = String::new();
    open_svg(&mut out, size, title, summary);
    let _ = write!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n\
         <text class=\"chart-title\" x=\"8\" y=\"8\" dy=\"0.76em\" font-family=\"sans-serif\" font-size=\"12.1\" fill=\"#222222\">"
    );
    push_escaped(&mut out, title);
    let _ = write!(
        out,
        "</text>\n<text class=\"message\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" dy=\"0.35em\" font-family=\"sans-serif\" font-size=\"14\" fill=\"#333333\">",
        w / 2,
        h / 2,
    );
    push_escaped(&mut out, message);
    out.push_str("</text>\n</svg>\n");
    out
}

fn open_svg(out: &mut String, (w, h): (u32, u32), title: &str, summary: &str) {
    let label = if summary.is_empty() { title } else { summary };
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\""
    );
    push_escaped(out, label);
    out.push_str("\">\n<title>");
    push_escaped(out, title);
    out.push_str("</title>\n<desc>");
    push_escaped(out, summary);
    out.push_str("</desc>\n");
}

/// Appends `text` escaped for XML content or a quoted attribute. Control characters, which
/// XML 1.0 cannot carry even escaped, become spaces.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push(' '),
            c => out.push(c),
        }
    }
}

fn hex(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02X}{g:02X}{b:02X}")
}

impl SvgCanvas<'_> {
    /// Writes the strokes collected for the current series, if any.
    fn flush(&mut self) {
        if let Some(p) = self.open.take() {
            if p.d.is_empty() {
                return;
            }
            let color = BackendColor {
                rgb: p.color.0,
                alpha: f64::from_bits(p.color.1),
            };
            self.out.push_str("<path");
            self.class_attr(p.ink);
            let _ = write!(
                self.out,
                " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"",
                hex(color),
                p.width
            );
            if let Some(dash) = p.ink.dash.pattern() {
                let _ = write!(self.out, " stroke-dasharray=\"{dash}\"");
            }
            self.opacity(color);
            let _ = writeln!(self.out, " d=\"{}\"/>", p.d.trim_end());
        }
    }

    fn class_attr(&mut self, ink: Ink) {
        if !ink.class.is_empty() {
            let _ = write!(self.out, " class=\"{}\"", ink.class);
        }
    }

    fn opacity(&mut self, c: BackendColor) {
        if c.alpha < 1.0 {
            let _ = write!(self.out, " opacity=\"{:.2}\"", c.alpha.max(0.0));
        }
    }

    /// Starts an element: flushes pending strokes (drawing order is painting order) and
    /// names the element after the current ink.
    fn start(&mut self, tag: &str) -> Ink {
        self.flush();
        let ink = self.pen.get();
        self.out.push('<');
        self.out.push_str(tag);
        self.class_attr(ink);
        ink
    }

    fn dash_attr(&mut self, ink: Ink) {
        if let Some(dash) = ink.dash.pattern() {
            let _ = write!(self.out, " stroke-dasharray=\"{dash}\"");
        }
    }
}

impl DrawingBackend for SvgCanvas<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        if !self.closed {
            self.flush();
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if color.alpha > 0.0 {
            self.start("rect");
            let _ = write!(
                self.out,
                " x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\" fill=\"{}\"",
                hex(color)
            );
            self.opacity(color);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha > 0.0 {
            let ink = self.start("line");
            let _ = write!(
                self.out,
                " x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{}\" stroke-width=\"{}\"",
                hex(c),
                style.stroke_width()
            );
            self.dash_attr(ink);
            self.opacity(c);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha > 0.0 {
            let ink = self.start("rect");
            let (x, w) = (x0.min(x1), (x1 - x0).abs());
            let (y, h) = (y0.min(y1), (y1 - y0).abs());
            let _ = write!(
                self.out,
                " x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\""
            );
            if fill {
                let _ = write!(self.out, " fill=\"{}\"", hex(c));
            } else {
                let _ = write!(
                    self.out,
                    " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
                    hex(c),
                    style.stroke_width()
                );
                self.dash_attr(ink);
            }
            self.opacity(c);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha <= 0.0 {
            return Ok(());
        }
        let ink = self.pen.get();
        let key = (c.rgb, c.alpha.to_bits());
        let width = style.stroke_width();
        let same = self
            .open
            .as_ref()
            .is_some_and(|p| p.ink == ink && p.color == key && p.width == width);
        if !same {
            self.flush();
            self.open = Some(OpenPath {
                ink,
                color: key,
                width,
                d: String::new(),
            });
        }
        if let Some(open) = self.open.as_mut() {
            let mut last: Option<BackendCoord> = None;
            for p in path {
                if last == Some(p) {
                    continue;
                }
                let cmd = if last.is_none() { 'M' } else { 'L' };
                let _ = write!(open.d, "{cmd}{},{} ", p.0, p.1);
                last = Some(p);
            }
        }
        // Only a named series is worth merging; axes and ticks are written as they come.
        if ink.class.is_empty() {
            self.flush();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha > 0.0 {
            self.start("circle");
            let _ = write!(self.out, " cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
            if fill {
                let _ = write!(self.out, " fill=\"{}\"", hex(c));
            } else {
                let _ = write!(
                    self.out,
                    " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
                    hex(c),
                    style.stroke_width()
                );
            }
            self.opacity(c);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha > 0.0 {
            self.start("polygon");
            self.out.push_str(" points=\"");
            for (x, y) in vert {
                let _ = write!(self.out, "{x},{y} ");
            }
            let _ = write!(self.out, "\" fill=\"{}\"", hex(c));
            self.opacity(c);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let c = style.color();
        if c.alpha <= 0.0 {
            return Ok(());
        }
        self.start("text");
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.35em",
            VPos::Bottom => "-0.2em",
        };
        // plotters sizes text as if the font were 1.24 times the em; this matches its
        // estimate (the same convention as its own SVG backend).
        let _ = write!(
            self.out,
            " x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"{}\" font-size=\"{:.1}\" fill=\"{}\"",
            style.family().as_str(),
            style.size() / 1.24,
            hex(c)
        );
        self.opacity(c);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(self.out, " font-style=\"{}\"", other.as_str());
            }
        }
        let angle = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(a) = angle {
            let _ = write!(self.out, " transform=\"rotate({a}, {x}, {y})\"");
        }
        self.out.push('>');
        push_escaped(self.out, text);
        self.out.push_str("</text>\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_control_characters_dropped() {
        let mut s = String::new();
        push_escaped(&mut s, "<script>&\"x\"'\u{0}\u{7}");
        assert_eq!(s, "&lt;script&gt;&amp;&quot;x&quot;&apos;  ");
    }
}
