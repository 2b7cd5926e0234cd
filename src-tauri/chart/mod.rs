//! Charts as SVG, drawn with plotters: dose over time, daily ratings, the symptom heat map
//! and questionnaire scores. Inputs are plain data owned here (an adapter turns journal
//! data into them); each function returns the SVG and a short text alternative, never an
//! error: an empty period says so, odd values (NaN, out of range) are left out.
//!
//! Readable in greyscale and for colour-blind readers: the Okabe–Ito palette, and every
//! series also differs by dash pattern or marker shape. User text (medication and symptom
//! names) is escaped by the SVG writer.

mod axis;
mod dose;
mod draw;
mod heatmap;
mod ratings;
mod rolling_mean;
mod scores;
mod svg;

pub use dose::dose_chart;
pub use heatmap::symptom_heatmap;
pub use ratings::ratings_chart;
pub use scores::scores_chart;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Calendar days from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Width and height of a chart in SVG pixels; the SVG also carries a viewBox, so the page
/// may scale it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// A drawn chart: the SVG document and a one- or two-sentence text alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    pub svg: String,
    pub summary: String,
    /// A line to print under the chart, for what it leaves out ("And 9 more symptoms
    /// noted, milder or rarer: …"); none when it draws everything.
    pub note: Option<String>,
}

/// Dose over time, one step line per medication (or one diazepam-equivalent total).
#[derive(Debug, Clone, PartialEq)]
pub struct DoseChart {
    pub period: Period,
    /// The y axis title with its unit, and the equivalence table when converted.
    pub y_label: String,
    pub series: Vec<DoseLine>,
    pub flags: Vec<StepFlag>,
    /// The last day of what was actually taken (today) when the period runs on into planned
    /// steps: taken lines stop there, planned ones go on.
    pub actual_until: Option<NaiveDate>,
}

/// One medication's doses in mg: each pair is a step, the dose from that date on.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseLine {
    pub label: String,
    pub actual: Vec<(NaiveDate, f64)>,
    pub planned: Vec<(NaiveDate, f64)>,
    /// The steps of the taper proposal shown (Plan screen), from the dose it starts at.
    pub proposal: Vec<(NaiveDate, f64)>,
}

/// A step the pace check commented on, marked where the line reaches `dose` on `date`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepFlag {
    pub date: NaiveDate,
    pub dose: f64,
    pub level: FlagLevel,
}

/// How strongly the pace check worded a step (the levels of `taper::pace::PaceLevel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagLevel {
    /// Faster than the usual initial pace.
    Information,
    /// Faster than the guideline's ceiling.
    Warning,
    /// Abrupt discontinuation.
    Strong,
}

/// Daily ratings (0–10), sleep hours (0–24), and the dose steps to read them against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RatingsChart {
    pub period: Period,
    pub anxiety: Vec<(NaiveDate, u8)>,
    pub mood: Vec<(NaiveDate, u8)>,
    pub sleep_quality: Vec<(NaiveDate, u8)>,
    pub sleep_hours: Vec<(NaiveDate, f64)>,
    /// Every dose step (a vertical line each).
    pub step_dates: Vec<NaiveDate>,
    /// The steps that lowered a dose (the 7 days from each are shaded).
    pub reduction_dates: Vec<NaiveDate>,
}

/// Withdrawal symptoms by day, severity 1 (mild) to 3 (severe).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SymptomHeatmap {
    pub period: Period,
    pub rows: Vec<SymptomRow>,
    /// Days with a red-flag symptom (seizure, hallucinations, confusion, thoughts of
    /// self-harm).
    pub red_flag_days: Vec<NaiveDate>,
    /// At most this many symptom rows, the most frequent or severe first, the rest named in
    /// the chart's note (the printed summary); `None` draws every symptom in `rows` order
    /// (the screen).
    pub max_rows: Option<usize>,
}

/// One symptom's severities by day (days without an entry are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct SymptomRow {
    pub label: String,
    pub days: Vec<(NaiveDate, u8)>,
}

/// GAD-7 and PHQ-9 totals over time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoresChart {
    pub period: Period,
    pub gad7: Vec<(NaiveDate, u8)>,
    pub phq9: Vec<(NaiveDate, u8)>,
}

/// Shown instead of an empty plot.
pub const NO_ENTRIES: &str = "No entries in this period";

/// Sizes outside these bounds are clamped: smaller cannot hold axes and labels, larger
/// only makes the SVG heavier.
pub const MIN_SIZE: Size = Size {
    width: 320,
    height: 160,
};
pub const MAX_SIZE: Size = Size {
    width: 2400,
    height: 1600,
};

/// Longer periods keep their most recent hundred years: nobody's journal is longer, and it
/// bounds the work an odd date can cause.
const MAX_PERIOD_DAYS: i64 = 36_525;

impl Default for Period {
    fn default() -> Self {
        let d = NaiveDate::default();
        Period { start: d, end: d }
    }
}

impl Period {
    /// Start before end, at most `MAX_PERIOD_DAYS` long.
    fn normalized(self) -> Period {
        let (start, end) = if self.start <= self.end {
            (self.start, self.end)
        } else {
            (self.end, self.start)
        };
        let start = if (end - start).num_days() >= MAX_PERIOD_DAYS {
            end.checked_sub_days(chrono::Days::new(MAX_PERIOD_DAYS as u64 - 1))
                .unwrap_or(start)
        } else {
            start
        };
        Period { start, end }
    }

    /// Number of days, both ends included (at least 1 once normalized).
    fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    fn contains(self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Position of a day on the x axis: days since the start (the day's left edge).
    fn x(self, d: NaiveDate) -> f64 {
        (d - self.start).num_days() as f64
    }
}

impl Size {
    fn clamped(self) -> (u32, u32) {
        (
            self.width.clamp(MIN_SIZE.width, MAX_SIZE.width),
            self.height.clamp(MIN_SIZE.height, MAX_SIZE.height),
        )
    }
}

/// "22 Nov 2026".
fn date_text(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "1 Oct to 22 Nov 2026", "3 Dec 2025 to 2 Feb 2026", or one day.
fn period_text(p: Period) -> String {
    if p.start == p.end {
        date_text(p.end)
    } else if p.start.year() == p.end.year() {
        format!("{} to {}", p.start.format("%-d %b"), date_text(p.end))
    } else {
        format!("{} to {}", date_text(p.start), date_text(p.end))
    }
}

/// A number as a person writes it: at most `decimals` decimals, no trailing zeros.
fn number_text(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// "1 step", "3 steps".
fn count_text(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// User text for a label read whole (wrapped where it is drawn): control characters as
/// spaces, trimmed.
fn one_line(text: &str) -> String {
    short_label(text, usize::MAX)
}

/// User text for a label: control characters as spaces, trimmed, at most `max` characters
/// (an ellipsis marks the cut).
fn short_label(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let t = clean.trim();
    if t.chars().count() <= max {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// User text for a label of at most `max` characters, shortened by whole words: spaces and
/// control characters between words as one space, and if too long the words that fit and an ellipsis
/// after the last of them ("Feeling unreal …"). Only a first word longer than `max` is
/// itself cut.
fn word_label(text: &str, max: usize) -> String {
    let t = one_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let mut kept = String::new();
    for word in t.split_whitespace() {
        let with = if kept.is_empty() {
            word.to_string()
        } else {
            format!("{kept} {word}")
        };
        // Room for " …" after the words kept.
        if with.chars().count() + 2 > max {
            break;
        }
        kept = with;
    }
    if kept.is_empty() {
        short_label(&t, max)
    } else {
        format!("{kept} …")
    }
}

/// Renders with `draw`, or says that the chart could not be drawn (plotters reported a
/// layout error; the writer itself cannot fail).
fn finish(
    size: (u32, u32),
    title: &str,
    summary: String,
    draw: impl for<'a> FnOnce(&svg::Area<'a>, &svg::Pen) -> svg::Drawn,
) -> Chart {
    match svg::render(size, title, &summary, draw) {
        Some(svg) => Chart {
            svg,
            summary,
            note: None,
        },
        None => {
            let message = format!("{title}: this chart could not be drawn at this size.");
            Chart {
                svg: svg::message_svg(size, title, &message, &message),
                summary: message,
                note: None,
            }
        }
    }
}

/// The chart for a period without data.
fn empty(size: (u32, u32), title: &str, period: Period) -> Chart {
    let summary = format!(
        "{title}, {}: {}.",
        period_text(period),
        NO_ENTRIES.to_lowercase()
    );
    Chart {
        svg: svg::message_svg(size, title, NO_ENTRIES, &summary),
        summary,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_are_put_in_order_and_bounded() {
        let p = Period {
            start: d(2026, 11, 22),
            end: d(2026, 10, 1),
        }
        .normalized();
        assert_eq!((p.start, p.end), (d(2026, 10, 1), d(2026, 11, 22)));
        assert_eq!(p.days(), 53);
        let huge = Period {
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
        }
        .normalized();
        assert_eq!(huge.days(), MAX_PERIOD_DAYS);
        assert_eq!(period_text(p), "1 Oct to 22 Nov 2026");
        assert_eq!(
            period_text(Period {
                start: d(2025, 12, 3),
                end: d(2026, 2, 2)
            }),
            "3 Dec 2025 to 2 Feb 2026"
        );
    }

    #[test]
    fn numbers_and_labels_read_naturally() {
        assert_eq!(number_text(1.5, 3), "1.5");
        assert_eq!(number_text(2.0, 3), "2");
        assert_eq!(number_text(0.125, 3), "0.125");
        assert_eq!(number_text(-0.0001, 2), "0");
        assert_eq!(short_label("  tinnitus ", 8), "tinnitus");
        assert_eq!(short_label("depersonalisation", 8), "deperso…");
        assert_eq!(short_label("a\u{0}b\n", 8), "a b");
        // By whole words: never cut inside one, unless a single word is too long.
        let unreal = "Feeling unreal (depersonalisation)";
        assert_eq!(word_label(unreal, 34), unreal);
        assert_eq!(word_label(unreal, 33), "Feeling unreal …");
        assert_eq!(word_label(" ear  fullness\n", 12), "ear fullness");
        assert_eq!(word_label("depersonalisation", 8), "deperso…");
    }
}
