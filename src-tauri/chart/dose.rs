//! Dose over time: a step line per medication (the dose holds until the next step), taken
//! solid, planned dashed and a proposal to discuss dotted, with the pace check's flags
//! marked on their steps.

use super::axis::{date_ticks, max_date_ticks, value_ticks, Ticks};
use super::draw::{
    frame, panel, Glyph, LegendItem, Marker, PanelSpec, Shape, BLACK, BLUE, BLUISH_GREEN,
    REDDISH_PURPLE, VERMILLION,
};
use super::svg::{Dash, Ink};
use super::{
    count_text, empty, finish, number_text, one_line, period_text, short_label, Chart, DoseChart,
    FlagLevel, Period, Size,
};
use chrono::NaiveDate;
use plotters::element::PathElement;
use plotters::style::{Color, RGBColor};

const TITLE: &str = "Dose over time";

/// Line colours and step marker shapes, in the order of the series.
const COLORS: [RGBColor; 5] = [BLACK, VERMILLION, BLUE, BLUISH_GREEN, REDDISH_PURPLE];
const SHAPES: [Shape; 5] = [
    Shape::Circle,
    Shape::Square,
    Shape::TriangleDown,
    Shape::Diamond,
    Shape::TriangleUp,
];

impl FlagLevel {
    fn shape(self) -> Shape {
        match self {
            FlagLevel::Information => Shape::Circle,
            FlagLevel::Warning => Shape::TriangleUp,
            FlagLevel::Strong => Shape::Diamond,
        }
    }

    fn legend(self) -> &'static str {
        match self {
            FlagLevel::Information => "Faster than the usual initial pace",
            FlagLevel::Warning => "Faster than the guideline's ceiling",
            FlagLevel::Strong => "Abrupt stop",
        }
    }

    fn class(self) -> &'static str {
        match self {
            FlagLevel::Information => "flag flag-information",
            FlagLevel::Warning => "flag flag-warning",
            FlagLevel::Strong => "flag flag-strong",
        }
    }
}

/// Valid steps (finite, not negative) in date order, the last one kept for a date.
fn clean(changes: &[(NaiveDate, f64)]) -> Vec<(NaiveDate, f64)> {
    let mut v: Vec<_> = changes
        .iter()
        .copied()
        .filter(|(_, mg)| mg.is_finite() && *mg >= 0.0)
        .collect();
    v.sort_by_key(|(d, _)| *d);
    let mut out: Vec<(NaiveDate, f64)> = Vec::with_capacity(v.len());
    for (d, mg) in v {
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 = mg,
            _ => out.push((d, mg)),
        }
    }
    out
}

/// The step line inside the period as (x, mg) corners: each dose runs flat to the next
/// step, then the line drops (or rises) there. Empty when nothing is in effect by the end.
pub(crate) fn step_points(steps: &[(NaiveDate, f64)], p: Period) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut current: Option<f64> = None;
    for (d, mg) in steps {
        if *d <= p.start {
            current = Some(*mg);
            continue;
        }
        if *d > p.end {
            break;
        }
        let x = p.x(*d);
        if let Some(prev) = current {
            if out.is_empty() {
                out.push((0.0, prev));
            }
            out.push((x, prev));
        }
        out.push((x, *mg));
        current = Some(*mg);
    }
    if let Some(mg) = current {
        if out.is_empty() {
            out.push((0.0, mg));
        }
        out.push((p.days() as f64, mg));
    }
    out
}

/// One medication as drawn.
struct Line {
    color: RGBColor,
    shape: Shape,
    label: String,
    /// Step line corners, taken and planned.
    actual: Vec<(f64, f64)>,
    planned: Vec<(f64, f64)>,
    proposal: Vec<(f64, f64)>,
    /// The proposal's first and last steps in the period, for the summary.
    proposal_ends: Option<((NaiveDate, f64), (NaiveDate, f64))>,
    /// Steps inside the period.
    markers: Vec<(f64, f64)>,
    /// The first planned step after the taken line ends, for the summary.
    next_planned: Option<(NaiveDate, f64)>,
    facts: Option<LineFacts>,
}

/// What the summary says of one line: dose at the start and end, and steps in between.
struct LineFacts {
    from: f64,
    to: f64,
    steps: usize,
}

fn line_facts(steps: &[(NaiveDate, f64)], p: Period) -> Option<LineFacts> {
    let before = steps.iter().rev().find(|(d, _)| *d < p.start).map(|s| s.1);
    let inside: Vec<f64> = steps
        .iter()
        .filter(|(d, _)| p.contains(*d))
        .map(|s| s.1)
        .collect();
    let from = before.or_else(|| inside.first().copied())?;
    let mut prev = before;
    let mut count = 0;
    for mg in &inside {
        if prev.is_some_and(|p| p != *mg) {
            count += 1;
        }
        prev = Some(*mg);
    }
    Some(LineFacts {
        from,
        to: prev.unwrap_or(from),
        steps: count,
    })
}

fn mg(v: f64) -> String {
    format!("{} mg", number_text(v, 3))
}

/// Draws the dose chart.
pub fn dose_chart(c: &DoseChart, size: Size) -> Chart {
    let size = size.clamped();
    let p = c.period.normalized();
    // Taken doses end today; the x scale stays that of the whole period.
    let taken = Period {
        start: p.start,
        end: c.actual_until.map_or(p.end, |u| u.clamp(p.start, p.end)),
    };
    let lines: Vec<Line> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let actual = clean(&s.actual);
            let planned = clean(&s.planned);
            let proposal = clean(&s.proposal);
            // The first point is the dose the proposal starts from, not one of its steps.
            let proposed: Vec<_> = proposal
                .iter()
                .skip(1)
                .filter(|(d, _)| p.contains(*d))
                .copied()
                .collect();
            Line {
                color: COLORS[i % COLORS.len()],
                shape: SHAPES[i % SHAPES.len()],
                // Whole: the legend wraps it, and the text alternative reads it all.
                label: one_line(&s.label),
                markers: actual
                    .iter()
                    .filter(|(d, _)| p.contains(*d))
                    .map(|(d, mg)| (p.x(*d), *mg))
                    .collect(),
                actual: step_points(&actual, taken),
                planned: step_points(&planned, p),
                proposal: step_points(&proposal, p),
                proposal_ends: proposed.first().zip(proposed.last()).map(|(a, b)| (*a, *b)),
                next_planned: planned.iter().copied().find(|(d, _)| *d > taken.end),
                facts: line_facts(&actual, p),
            }
        })
        .filter(|l| !l.actual.is_empty() || !l.planned.is_empty() || !l.proposal.is_empty())
        .collect();
    if lines.is_empty() {
        return empty(size, TITLE, p);
    }
    let flags: Vec<_> = c
        .flags
        .iter()
        .filter(|f| p.contains(f.date) && f.dose.is_finite() && f.dose >= 0.0)
        .collect();

    // Summary: each line's change, then the flags, counted by level.
    let mut parts: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            let (label, f) = (&l.label, l.facts.as_ref()?);
            Some(if f.steps == 0 {
                format!("{label} at {}", mg(f.from))
            } else {
                format!(
                    "{label} from {} to {} in {}",
                    mg(f.from),
                    mg(f.to),
                    count_text(f.steps, "step", "steps")
                )
            })
        })
        .collect();
    if parts.is_empty() {
        parts.push("planned doses only".to_string());
    }
    for l in &lines {
        if let Some((d, dose)) = l.next_planned {
            parts.push(format!(
                "{} planned at {} from {}",
                l.label,
                mg(dose),
                d.format("%-d %b %Y")
            ));
        }
        if let Some(((first, from), (last, to))) = l.proposal_ends {
            parts.push(if first == last {
                format!(
                    "a proposal to discuss for {}: {} from {}",
                    l.label,
                    mg(from),
                    first.format("%-d %b %Y")
                )
            } else {
                format!(
                    "a proposal to discuss for {}: {} from {} to {} from {}",
                    l.label,
                    mg(from),
                    first.format("%-d %b %Y"),
                    mg(to),
                    last.format("%-d %b %Y")
                )
            });
        }
    }
    let mut flag_parts = Vec::new();
    for level in [
        FlagLevel::Information,
        FlagLevel::Warning,
        FlagLevel::Strong,
    ] {
        let n = flags.iter().filter(|f| f.level == level).count();
        if n > 0 {
            let what = match level {
                FlagLevel::Strong => count_text(n, "abrupt stop", "abrupt stops"),
                _ => format!(
                    "{} {}",
                    count_text(n, "step", "steps"),
                    level.legend().to_lowercase()
                ),
            };
            flag_parts.push(what);
        }
    }
    let mut summary = format!("Dose chart, {}: {}", period_text(p), parts.join("; "));
    if !flag_parts.is_empty() {
        summary.push_str("; ");
        summary.push_str(&flag_parts.join("; "));
    }
    summary.push('.');

    // Legend: each line (taken, planned, proposed), then the flag levels present.
    let mut legend = Vec::new();
    for l in &lines {
        if !l.actual.is_empty() {
            legend.push(LegendItem::new(
                Glyph::Line {
                    color: l.color,
                    width: 3,
                    dash: Dash::Solid,
                    marker: Some(l.shape),
                },
                l.label.clone(),
            ));
        }
        if !l.planned.is_empty() {
            legend.push(LegendItem::new(
                Glyph::Line {
                    color: l.color,
                    width: 2,
                    dash: Dash::Long,
                    marker: None,
                },
                format!("{}, planned", l.label),
            ));
        }
        if !l.proposal.is_empty() {
            legend.push(LegendItem::new(
                Glyph::Line {
                    color: l.color,
                    width: 2,
                    dash: Dash::Dotted,
                    marker: None,
                },
                format!("{}, proposal to discuss", l.label),
            ));
        }
    }
    for level in [
        FlagLevel::Information,
        FlagLevel::Warning,
        FlagLevel::Strong,
    ] {
        if flags.iter().any(|f| f.level == level) {
            legend.push(LegendItem::new(
                Glyph::Marker {
                    shape: level.shape(),
                    color: BLACK,
                    filled: false,
                },
                level.legend(),
            ));
        }
    }

    let max = lines
        .iter()
        .flat_map(|l| {
            l.actual
                .iter()
                .chain(&l.planned)
                .chain(&l.proposal)
                .map(|(_, y)| *y)
        })
        .chain(flags.iter().map(|f| f.dose))
        .fold(0.0, f64::max);
    let (top, ticks) = value_ticks(max * 1.05);
    let y_title = if c.y_label.trim().is_empty() {
        "Daily dose (mg)".to_string()
    } else {
        short_label(&c.y_label, 160)
    };

    finish(size, TITLE, summary, |root, pen| {
        let plot_area = frame(root, pen, &legend)?;
        let (w, _) = root.dim_in_pixel();
        let dates = date_ticks(p, max_date_ticks(w.saturating_sub(90)));
        let y_format = |v: f64| number_text(v, 3);
        let mut plot = panel(
            &plot_area,
            &PanelSpec {
                period: p,
                dates: &dates,
                y: Ticks::new(-top * 0.03..top * 1.02, ticks),
                y_title: &y_title,
                y_format: &y_format,
                x_labels: true,
                right: 0,
                keep_all_y_ticks: false,
            },
        )?;
        // A proposal under planned under taken: where they agree, the firmer line covers.
        for l in lines.iter().filter(|l| l.proposal.len() > 1) {
            pen.set(Ink::dashed("series dose-proposal", Dash::Dotted));
            plot.draw_series(std::iter::once(PathElement::new(
                l.proposal.clone(),
                l.color.stroke_width(2),
            )))?;
        }
        for l in lines.iter().filter(|l| l.planned.len() > 1) {
            pen.set(Ink::dashed("series dose-planned", Dash::Long));
            plot.draw_series(std::iter::once(PathElement::new(
                l.planned.clone(),
                l.color.stroke_width(2),
            )))?;
        }
        for l in &lines {
            if l.actual.len() > 1 {
                pen.set(Ink::named("series dose-actual"));
                plot.draw_series(std::iter::once(PathElement::new(
                    l.actual.clone(),
                    l.color.stroke_width(3),
                )))?;
            }
            pen.set(Ink::named("step-marker"));
            plot.draw_series(
                l.markers
                    .iter()
                    .map(|at| Marker::filled(*at, l.shape, 4, l.color)),
            )?;
        }
        for f in &flags {
            pen.set(Ink::named(f.level.class()));
            let r = if f.level == FlagLevel::Information {
                8
            } else {
                10
            };
            plot.draw_series(std::iter::once(Marker::hollow(
                (p.x(f.date), f.dose),
                f.level.shape(),
                r,
                BLACK,
                2,
            )))?;
        }
        pen.clear();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn the_dose_holds_until_the_next_step() {
        // 2 mg since September, 1.75 mg from 11 Oct, 1.5 mg from 1 Nov; period 1–30 Oct.
        let p = Period {
            start: d(10, 1),
            end: d(10, 30),
        };
        let steps = clean(&[(d(11, 1), 1.5), (d(9, 1), 2.0), (d(10, 11), 1.75)]);
        assert_eq!(
            step_points(&steps, p),
            vec![(0.0, 2.0), (10.0, 2.0), (10.0, 1.75), (30.0, 1.75)]
        );
        let f = line_facts(&steps, p).unwrap();
        assert_eq!((f.from, f.to, f.steps), (2.0, 1.75, 1));
    }

    #[test]
    fn a_medication_started_in_the_period_starts_there() {
        let p = Period {
            start: d(10, 1),
            end: d(10, 10),
        };
        let steps = clean(&[(d(10, 5), 5.0), (d(10, 5), 10.0), (d(10, 20), 2.0)]);
        // Same date twice: the later entry wins; the step after the period is left out.
        assert_eq!(step_points(&steps, p), vec![(4.0, 10.0), (10.0, 10.0)]);
        assert_eq!(line_facts(&steps, p).unwrap().steps, 0);
        assert!(step_points(&clean(&[(d(10, 20), 1.0)]), p).is_empty());
        assert!(clean(&[(d(10, 2), f64::NAN), (d(10, 3), -1.0)]).is_empty());
    }
}
