//! GAD-7 and PHQ-9 totals over time, each in its own panel over its standard severity
//! bands (lightly shaded, named on the right).

use super::axis::{date_ticks, max_date_ticks, Ticks};
use super::draw::{
    font, frame, panel, plot_message, text_width, Glyph, LegendItem, Marker, PanelSpec, Plot,
    Shape, BLUE, FONT, MUTED_TEXT, VERMILLION,
};
use super::svg::{Dash, Drawn, Ink, Pen};
use super::{
    count_text, empty, finish, number_text, period_text, Chart, Period, ScoresChart, Size,
};
use chrono::NaiveDate;
use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

use crate::journal::QuestionnaireKind;

const TITLE: &str = "Questionnaire scores";

/// A severity band: the lowest total in it and its name.
type Band = (u8, &'static str);

// The bands and maxima are the questionnaires' own (journal::questionnaire), one place.
const GAD7: QuestionnaireKind = QuestionnaireKind::Gad7;
const PHQ9: QuestionnaireKind = QuestionnaireKind::Phq9;

/// Band shading, lightest for the lowest band; light enough for the points to stand out
/// in greyscale.
const BAND_FILL: [RGBColor; 5] = [
    RGBColor(0xFF, 0xFF, 0xFF),
    RGBColor(0xF4, 0xF4, 0xF4),
    RGBColor(0xE9, 0xE9, 0xE9),
    RGBColor(0xDE, 0xDE, 0xDE),
    RGBColor(0xD3, 0xD3, 0xD3),
];

struct Questionnaire {
    name: &'static str,
    /// With its range, on the panel.
    title: &'static str,
    max: u8,
    bands: &'static [Band],
    color: RGBColor,
    shape: Shape,
    class: &'static str,
    /// One total per date, in date order.
    scores: Vec<(NaiveDate, u8)>,
}

impl Questionnaire {
    fn band(&self, score: u8) -> &'static str {
        self.bands
            .iter()
            .rev()
            .find(|(low, _)| score >= *low)
            .map_or("", |(_, name)| name)
    }

    fn summary(&self) -> Option<String> {
        let (first, last) = (self.scores.first()?.1, self.scores.last()?.1);
        Some(if self.scores.len() == 1 {
            format!(
                "{} {first} ({}), 1 questionnaire",
                self.name,
                self.band(first)
            )
        } else {
            format!(
                "{} from {first} ({}) to {last} ({}) over {}",
                self.name,
                self.band(first),
                self.band(last),
                count_text(self.scores.len(), "questionnaire", "questionnaires")
            )
        })
    }
}

/// Totals inside the period and the scale, in date order, the last kept for a date.
fn clean(scores: &[(NaiveDate, u8)], max: u8, p: Period) -> Vec<(NaiveDate, u8)> {
    let mut v: Vec<_> = scores
        .iter()
        .copied()
        .filter(|(d, s)| p.contains(*d) && *s <= max)
        .collect();
    v.sort_by_key(|(d, _)| *d);
    let mut out: Vec<(NaiveDate, u8)> = Vec::with_capacity(v.len());
    for (d, s) in v {
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 = s,
            _ => out.push((d, s)),
        }
    }
    out
}

/// Draws the questionnaire chart.
pub fn scores_chart(c: &ScoresChart, size: Size) -> Chart {
    let size = size.clamped();
    let p = c.period.normalized();
    let panels = [
        Questionnaire {
            name: "GAD-7",
            title: "GAD-7 anxiety total (0–21)",
            max: GAD7.max_total(),
            bands: GAD7.bands(),
            color: VERMILLION,
            shape: Shape::Circle,
            class: "series score-gad7",
            scores: clean(&c.gad7, GAD7.max_total(), p),
        },
        Questionnaire {
            name: "PHQ-9",
            title: "PHQ-9 depression total (0–27)",
            max: PHQ9.max_total(),
            bands: PHQ9.bands(),
            color: BLUE,
            shape: Shape::Square,
            class: "series score-phq9",
            scores: clean(&c.phq9, PHQ9.max_total(), p),
        },
    ];
    if panels.iter().all(|q| q.scores.is_empty()) {
        return empty(size, TITLE, p);
    }
    let parts: Vec<String> = panels.iter().filter_map(Questionnaire::summary).collect();
    let summary = format!(
        "Questionnaire scores, {}: {}.",
        period_text(p),
        parts.join("; ")
    );
    let legend: Vec<LegendItem> = panels
        .iter()
        .map(|q| {
            LegendItem::new(
                Glyph::Line {
                    color: q.color,
                    width: 2,
                    dash: Dash::Solid,
                    marker: Some(q.shape),
                },
                q.name,
            )
        })
        .chain(std::iter::once(LegendItem::new(
            Glyph::Swatch { fill: BAND_FILL[2] },
            "Severity bands (darker = more severe)",
        )))
        .collect();
    let band_label_width = PHQ9
        .bands()
        .iter()
        .map(|(_, name)| text_width(name, FONT))
        .max()
        .unwrap_or(0) as u32
        + 10;

    finish(size, TITLE, summary, |root, pen| {
        let rest = frame(root, pen, &legend)?;
        let (w, _) = root.dim_in_pixel();
        let (_, h) = rest.dim_in_pixel();
        // GAD-7 runs to 21, PHQ-9 to 27: heights in proportion, plus the dates below.
        let (top_area, bottom_area) = rest.split_vertically(h * 44 / 100);
        let dates = date_ticks(p, max_date_ticks(w.saturating_sub(60 + band_label_width)));
        let format = |v: f64| number_text(v, 0);
        for (q, area, last) in [
            (&panels[0], &top_area, false),
            (&panels[1], &bottom_area, true),
        ] {
            let mut ticks: Vec<f64> = q.bands.iter().map(|(low, _)| f64::from(*low)).collect();
            ticks.push(f64::from(q.max));
            let mut plot = panel(
                area,
                &PanelSpec {
                    period: p,
                    dates: &dates,
                    y: Ticks::new(-0.5..f64::from(q.max) + 0.5, ticks),
                    y_title: q.title,
                    y_format: &format,
                    x_labels: last,
                    right: band_label_width,
                    keep_all_y_ticks: false,
                },
            )?;
            draw_bands(&mut plot, pen, q)?;
            draw_scores(&mut plot, pen, q, p)?;
        }
        pen.clear();
        Ok(())
    })
}

/// Shades each band across the plot and names it in the margin on the right.
fn draw_bands(plot: &mut Plot, pen: &Pen, q: &Questionnaire) -> Drawn {
    let x = plot.x_range();
    let top = f64::from(q.max) + 0.5;
    let edges: Vec<(f64, f64)> = q
        .bands
        .iter()
        .enumerate()
        .map(|(i, (low, _))| {
            let high = q
                .bands
                .get(i + 1)
                .map_or(top, |(next, _)| f64::from(*next) - 0.5);
            (f64::from(*low) - 0.5, high)
        })
        .collect();
    pen.set(Ink::named("band"));
    plot.draw_series(
        edges
            .iter()
            .zip(BAND_FILL)
            .map(|((lo, hi), fill)| Rectangle::new([(x.start, *lo), (x.end, *hi)], fill.filled())),
    )?;
    let root = plot.plotting_area().strip_coord_spec();
    let (left, top_px) = root.get_base_pixel();
    for ((lo, hi), (_, name)) in edges.iter().zip(q.bands) {
        let (_, y_lo) = plot.backend_coord(&(x.end, *lo));
        let (_, y_hi) = plot.backend_coord(&(x.end, *hi));
        if (y_lo - y_hi).abs() < 12 {
            continue; // no room for the name in a short panel; the axis still gives the bands
        }
        let (px, py) = plot.backend_coord(&(x.end, (lo + hi) / 2.0));
        root.draw(&Text::new(
            name.to_string(),
            (px - left + 6, py - top_px),
            font(FONT, MUTED_TEXT).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    pen.clear();
    Ok(())
}

fn draw_scores(plot: &mut Plot, pen: &Pen, q: &Questionnaire, p: Period) -> Drawn {
    if q.scores.is_empty() {
        return plot_message(plot, &format!("No {} scores in this period", q.name));
    }
    let points: Vec<(f64, f64)> = q
        .scores
        .iter()
        .map(|(d, s)| (p.x(*d) + 0.5, f64::from(*s)))
        .collect();
    pen.set(Ink::named(q.class));
    plot.draw_series(std::iter::once(PathElement::new(
        points.clone(),
        q.color.stroke_width(2),
    )))?;
    // Years of fortnightly scores: smaller markers where they would touch.
    let (w, _) = plot.plotting_area().dim_in_pixel();
    let radius = if points.len() as u32 * 12 > w { 2 } else { 4 };
    pen.set(Ink::named("points"));
    plot.draw_series(
        points
            .iter()
            .map(|at| Marker::filled(*at, q.shape, radius, q.color)),
    )?;
    pen.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_fall_in_their_standard_bands() {
        let q = |bands: &'static [Band]| Questionnaire {
            name: "",
            title: "",
            max: 27,
            bands,
            color: BLUE,
            shape: Shape::Circle,
            class: "",
            scores: vec![],
        };
        let gad = q(GAD7.bands());
        assert_eq!(gad.band(4), "minimal");
        assert_eq!(gad.band(5), "mild");
        assert_eq!(gad.band(14), "moderate");
        assert_eq!(gad.band(21), "severe");
        let phq = q(PHQ9.bands());
        assert_eq!(phq.band(19), "moderately severe");
        assert_eq!(phq.band(20), "severe");
    }
}
