//! What the four charts share: the palette, marker shapes, the legend, and a panel (a plot
//! with its y title above it, value ticks on the left and dates below).

use super::axis::{DateTicks, Ticks};
use super::svg::{Area, Dash, DrawError, Drawn, Ink, Pen, SvgCanvas};
use super::Period;
use chrono::Days;
use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::cartesian::Cartesian2d;
use plotters::element::{Drawable, PathElement, PointCollection, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, ShapeStyle, TextStyle};
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). Yellow,
/// orange and sky blue are left out of lines: too light on white (under 3:1).
pub(crate) const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
pub(crate) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub(crate) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub(crate) const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub(crate) const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub(crate) const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub(crate) const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const MUTED_TEXT: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub(crate) const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);

/// plotters' font size unit: the SVG font size is this divided by 1.24 (about 12 px).
pub(crate) const FONT: f64 = 15.0;

pub(crate) fn font(size: f64, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&color)
}

/// Rough width of `text` in pixels at `size`, as plotters estimates it (no font is loaded;
/// the SVG viewer lays out the real text).
pub(crate) fn text_width(text: &str, size: f64) -> i32 {
    (text.chars().count() as f64 * size / 1.24 / 1.24 * 0.7).ceil() as i32
}

/// Marker shapes: a series never relies on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Square,
    TriangleUp,
    TriangleDown,
    Diamond,
}

/// A marker at a data point, `radius` pixels from centre to edge.
pub(crate) struct Marker<C> {
    pub at: C,
    pub shape: Shape,
    pub radius: i32,
    pub style: ShapeStyle,
}

impl<C> Marker<C> {
    pub(crate) fn filled(at: C, shape: Shape, radius: i32, color: impl Color) -> Self {
        Marker {
            at,
            shape,
            radius,
            style: color.filled(),
        }
    }

    pub(crate) fn hollow(at: C, shape: Shape, radius: i32, color: RGBColor, width: u32) -> Self {
        Marker {
            at,
            shape,
            radius,
            style: color.stroke_width(width),
        }
    }
}

impl<'a, C: 'a> PointCollection<'a, C> for &'a Marker<C> {
    type Point = &'a C;
    type IntoIter = std::iter::Once<&'a C>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for Marker<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some((x, y)) = pos.next() else {
            return Ok(());
        };
        let r = self.radius;
        let filled = self.style.filled;
        let corners: Vec<BackendCoord> = match self.shape {
            Shape::Circle => {
                return backend.draw_circle((x, y), r.max(1) as u32, &self.style, filled)
            }
            Shape::Square => {
                let s = (f64::from(r) * 0.85).round() as i32;
                return backend.draw_rect((x - s, y - s), (x + s, y + s), &self.style, filled);
            }
            Shape::TriangleUp => vec![(x, y - r), (x + r, y + r * 3 / 4), (x - r, y + r * 3 / 4)],
            Shape::TriangleDown => {
                vec![(x, y + r), (x + r, y - r * 3 / 4), (x - r, y - r * 3 / 4)]
            }
            Shape::Diamond => vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        };
        if filled {
            backend.fill_polygon(corners, &self.style)
        } else {
            let first = corners[0];
            backend.draw_path(
                corners.into_iter().chain(std::iter::once(first)),
                &self.style,
            )
        }
    }
}

/// How an entry is drawn in the legend.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Glyph {
    Line {
        color: RGBColor,
        width: u32,
        dash: Dash,
        marker: Option<Shape>,
    },
    Marker {
        shape: Shape,
        color: RGBColor,
        filled: bool,
    },
    /// A filled square (heat map severities, shaded bands).
    Swatch { fill: RGBColor },
}

#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub glyph: Glyph,
    pub label: String,
}

impl LegendItem {
    pub(crate) fn new(glyph: Glyph, label: impl Into<String>) -> Self {
        LegendItem {
            glyph,
            label: label.into(),
        }
    }
}

const LEGEND_ROW: i32 = 20;
const GLYPH_WIDTH: i32 = 30;
const LEGEND_PAD: i32 = 8;

/// An entry's label in lines that fit beside its glyph in `width`: wrapped at spaces,
/// never cut (a label is the only place a long name, such as the crossover total's with
/// its table, is read whole).
fn label_lines(item: &LegendItem, width: i32) -> Vec<String> {
    let room = width - 2 * LEGEND_PAD - GLYPH_WIDTH - 6 - 18;
    if text_width(&item.label, FONT) <= room {
        vec![item.label.clone()]
    } else {
        wrap(&item.label, room, FONT)
    }
}

/// One legend entry placed: its left edge, its first row, and its label's lines.
struct Placed {
    x: i32,
    row: i32,
    lines: Vec<String>,
}

/// Entries placed left to right, wrapping onto new rows; an entry too long for a row of
/// its own takes several.
fn legend_layout(items: &[LegendItem], width: i32) -> Vec<Placed> {
    let mut x = LEGEND_PAD;
    let mut row = 0;
    let mut rows_used = 1;
    items
        .iter()
        .map(|item| {
            let lines = label_lines(item, width);
            let text = lines.iter().map(|l| text_width(l, FONT)).max().unwrap_or(0);
            let w = GLYPH_WIDTH + 6 + text + 18;
            if x > LEGEND_PAD && x + w > width - LEGEND_PAD {
                x = LEGEND_PAD;
                row += rows_used;
                rows_used = 1;
            }
            rows_used = rows_used.max(lines.len() as i32);
            let at = Placed { x, row, lines };
            x += w;
            at
        })
        .collect()
}

/// Pixels the legend needs at this width.
pub(crate) fn legend_height(items: &[LegendItem], width: u32) -> u32 {
    let rows = legend_layout(items, width as i32)
        .iter()
        .map(|p| p.row + p.lines.len() as i32)
        .max()
        .unwrap_or(0);
    (rows * LEGEND_ROW + if rows > 0 { 6 } else { 0 }) as u32
}

/// Draws the legend across the top of `area`.
fn draw_legend(area: &Area, pen: &Pen, items: &[LegendItem]) -> Drawn {
    let (w, _) = area.dim_in_pixel();
    for (item, Placed { x, row, lines }) in items.iter().zip(legend_layout(items, w as i32)) {
        let y = 4 + row * LEGEND_ROW + LEGEND_ROW / 2;
        match item.glyph {
            Glyph::Line {
                color,
                width,
                dash,
                marker,
            } => {
                pen.set(Ink::dashed("legend", dash));
                area.draw(&PathElement::new(
                    vec![(x, y), (x + GLYPH_WIDTH, y)],
                    color.stroke_width(width),
                ))?;
                if let Some(shape) = marker {
                    pen.set(Ink::named("legend"));
                    area.draw(&Marker::filled((x + GLYPH_WIDTH / 2, y), shape, 4, color))?;
                }
            }
            Glyph::Marker {
                shape,
                color,
                filled,
            } => {
                pen.set(Ink::named("legend"));
                let at = (x + GLYPH_WIDTH / 2, y);
                let m = if filled {
                    Marker::filled(at, shape, 5, color)
                } else {
                    Marker::hollow(at, shape, 6, color, 2)
                };
                area.draw(&m)?;
            }
            Glyph::Swatch { fill } => {
                pen.set(Ink::named("legend"));
                let x0 = x + GLYPH_WIDTH / 2 - 7;
                area.draw(&Rectangle::new(
                    [(x0, y - 7), (x0 + 14, y + 7)],
                    fill.filled(),
                ))?;
                area.draw(&Rectangle::new(
                    [(x0, y - 7), (x0 + 14, y + 7)],
                    AXIS.stroke_width(1),
                ))?;
            }
        }
        pen.set(Ink::named("legend"));
        for (i, line) in lines.into_iter().enumerate() {
            area.draw(&Text::new(
                line,
                (x + GLYPH_WIDTH + 6, y + i as i32 * LEGEND_ROW),
                font(FONT, TEXT).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
    }
    pen.clear();
    Ok(())
}

/// Splits `text` into lines of about `width` pixels at word boundaries.
pub(crate) fn wrap(text: &str, width: i32, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

const TITLE_LINE: i32 = 17;

/// Pixels the y title needs above a panel of this width.
pub(crate) fn title_height(title: &str, width: u32) -> u32 {
    (wrap(title, width as i32 - 16, FONT).len() as i32 * TITLE_LINE + 4) as u32
}

/// A plot with dates on x.
pub(crate) type Plot<'b, 'a> = ChartContext<'b, SvgCanvas<'a>, Cartesian2d<Ticks, Ticks>>;

/// How a panel shows its axes.
pub(crate) struct PanelSpec<'t> {
    pub period: Period,
    pub dates: &'t DateTicks,
    pub y: Ticks,
    /// Written above the plot, horizontally (long titles wrap instead of running off a
    /// rotated axis), with the unit.
    pub y_title: &'t str,
    pub y_format: &'t dyn Fn(f64) -> String,
    /// Dates under this panel (the lowest of stacked panels).
    pub x_labels: bool,
    /// Space on the right of the plot (labels of bands).
    pub right: u32,
    /// Every y tick is a row to name (heat map); otherwise a short panel keeps every other
    /// tick, so that the labels do not overlap.
    pub keep_all_y_ticks: bool,
}

/// Value labels closer than this overlap.
const MIN_TICK_PX: i32 = 16;

/// Every other tick (the first kept) until they are `MIN_TICK_PX` apart on `plot_h` pixels.
fn thin_ticks(mut ticks: Vec<f64>, plot_h: i32) -> Vec<f64> {
    while ticks.len() > 2 && plot_h / (ticks.len() as i32 - 1) < MIN_TICK_PX {
        ticks = ticks.into_iter().step_by(2).collect();
    }
    ticks
}

/// Height of the date labels and their title under the lowest panel.
pub(crate) const X_LABEL_AREA: u32 = 42;

/// Width the y tick labels need.
fn y_label_width(spec: &PanelSpec) -> u32 {
    let widest = spec
        .y
        .ticks
        .iter()
        .map(|v| text_width(&(spec.y_format)(*v), FONT))
        .max()
        .unwrap_or(0);
    (widest + 16).max(36) as u32
}

/// Draws the panel's title, axes, grid and tick labels, and returns the plot to draw the
/// data on.
pub(crate) fn panel<'b, 'a>(
    area: &'b Area<'a>,
    spec: &PanelSpec,
) -> Result<Plot<'b, 'a>, DrawError> {
    let (w, _) = area.dim_in_pixel();
    let lines = wrap(spec.y_title, w as i32 - 16, FONT);
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(
            line.clone(),
            (8, 2 + i as i32 * TITLE_LINE),
            font(FONT, TEXT).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    let top = lines.len() as i32 * TITLE_LINE + 8;
    let bottom = if spec.x_labels { X_LABEL_AREA } else { 4 };
    let period = spec.period;
    let dates = spec.dates;
    let mut y = spec.y.clone();
    if !spec.keep_all_y_ticks {
        let (_, h) = area.dim_in_pixel();
        y.ticks = thin_ticks(y.ticks, h as i32 - top - bottom as i32);
    }
    let n_y_labels = y.ticks.len();
    let mut chart = ChartBuilder::on(area)
        .margin_top(top)
        .margin_right(12 + spec.right)
        .x_label_area_size(bottom)
        .y_label_area_size(y_label_width(spec))
        .build_cartesian_2d(dates.axis(period), y)?;
    let x_format = |x: &f64| -> String {
        period
            .start
            .checked_add_days(Days::new(x.max(0.0) as u64))
            .map(|d| dates.label(d))
            .unwrap_or_default()
    };
    let y_format = |v: &f64| (spec.y_format)(*v);
    let x_title = dates.axis_title(period);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(AXIS.stroke_width(1))
        .label_style(font(FONT, TEXT))
        .axis_desc_style(font(FONT, TEXT))
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .y_labels(n_y_labels)
        .x_labels(if spec.x_labels { dates.dates.len() } else { 0 });
    if spec.x_labels {
        mesh.x_desc(x_title.as_str());
    }
    mesh.draw()?;
    Ok(chart)
}

/// Vertical lines at `days` (x positions) across the plot.
pub(crate) fn vertical_lines(
    plot: &mut Plot,
    pen: &Pen,
    ink: Ink,
    days: &[f64],
    color: RGBColor,
) -> Drawn {
    if days.is_empty() {
        return Ok(());
    }
    let (y0, y1) = (plot.y_range().start, plot.y_range().end);
    pen.set(ink);
    plot.draw_series(
        days.iter()
            .map(|x| PathElement::new(vec![(*x, y0), (*x, y1)], color.stroke_width(1))),
    )?;
    pen.clear();
    Ok(())
}

/// A message centred in the plot ("No GAD-7 scores in this period").
pub(crate) fn plot_message(plot: &Plot, message: &str) -> Drawn {
    let x = plot.x_range();
    let y = plot.y_range();
    plot.plotting_area().draw(&Text::new(
        message.to_string(),
        ((x.start + x.end) / 2.0, (y.start + y.end) / 2.0),
        font(FONT, MUTED_TEXT).pos(Pos::new(HPos::Center, VPos::Center)),
    ))
}

/// Fills the canvas white (a transparent chart would take the page's dark background),
/// draws the legend across the top, and returns the area below it. A chart too small for
/// its legend goes without (its text alternative still names every series).
pub(crate) fn frame<'a>(
    root: &Area<'a>,
    pen: &Pen,
    items: &[LegendItem],
) -> Result<Area<'a>, DrawError> {
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
    let legend = legend_height(items, w);
    if legend * 3 > h {
        return Ok(root.clone());
    }
    let (legend_area, rest) = root.split_vertically(legend);
    draw_legend(&legend_area, pen, items)?;
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_at_words() {
        let t = "Diazepam-equivalent total (mg, 2025 joint guideline table, approximate)";
        let lines = wrap(t, 300, FONT);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), t);
        assert_eq!(wrap("Daily dose (mg)", 900, FONT), vec!["Daily dose (mg)"]);
    }

    #[test]
    fn short_panels_keep_every_other_tick() {
        let ticks = vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0];
        assert_eq!(thin_ticks(ticks.clone(), 200), ticks);
        // 60 px for five gaps is 12 px a gap: every other tick, 20 px apart.
        assert_eq!(thin_ticks(ticks.clone(), 60), vec![0.0, 4.0, 8.0]);
        assert_eq!(thin_ticks(ticks, 10).len(), 2);
    }

    #[test]
    fn legend_wraps_onto_rows() {
        let items: Vec<_> = (0..6)
            .map(|i| LegendItem::new(Glyph::Swatch { fill: GRID }, format!("entry number {i}")))
            .collect();
        assert_eq!(legend_height(&items, 2000), 26);
        assert!(legend_height(&items, 320) > 60);
        assert_eq!(legend_height(&[], 800), 0);
    }
}
