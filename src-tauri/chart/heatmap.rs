//! The symptom heat map: one row per symptom, one column per day (or week, month… over
//! long periods, showing the highest severity in each), shaded light to dark by severity;
//! days with a red-flag symptom marked in a row of their own and outlined.

use super::axis::{date_ticks, max_date_ticks, Ticks};
use super::draw::{
    frame, legend_height, panel, text_width, title_height, Glyph, LegendItem, Marker, PanelSpec,
    Shape, BLACK, FONT, VERMILLION, X_LABEL_AREA,
};
use super::svg::Ink;
use super::{
    count_text, date_text, empty, finish, one_line, period_text, word_label, Chart, Period, Size,
    SymptomHeatmap,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::element::Rectangle;
use plotters::style::{Color, RGBColor};

const TITLE: &str = "Symptom heat map";

/// About 120 columns at most, so that a ten-year journal stays light; 125 lets the 121
/// calendar months a ten-year period can touch keep month columns.
pub(crate) const MAX_COLUMNS: usize = 125;
/// Narrower cells are hard to see.
const MIN_CELL_PX: u32 = 4;

/// Mild, moderate, severe: one hue, light to dark, so the order survives greyscale print
/// and colour blindness (ColorBrewer "Blues").
const SEVERITY_FILL: [RGBColor; 3] = [
    RGBColor(0xC6, 0xDB, 0xEF),
    RGBColor(0x6B, 0xAE, 0xD6),
    RGBColor(0x08, 0x45, 0x94),
];
const SEVERITY_NAME: [&str; 3] = ["Mild", "Moderate", "Severe"];
const SEVERITY_CLASS: [&str; 3] = ["cell severity-1", "cell severity-2", "cell severity-3"];

const RED_FLAG_ROW: &str = "Red flag";
/// Row labels are whole up to this many characters: every built-in symptom (the longest,
/// "Feeling unreal (depersonalisation)", has 34); a longer name of the person's own is
/// shortened by whole words, and is whole in the text alternative.
const LABEL_CHARS: usize = 40;
/// Row labels take at most about two fifths of the chart's width (7 px a character at the
/// label size), so a narrow window keeps room for the days.
fn label_chars(width: u32) -> usize {
    (width as usize * 2 / 5 / 7).clamp(12, LABEL_CHARS)
}
/// Room the row labels and the right margin were given before labels were whole: a chart
/// with shorter labels keeps the columns it had.
const LABEL_AREA_PX: u32 = 220;
const ROW_PX: u32 = 20;

/// How many days one column covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl BinUnit {
    fn name(self) -> &'static str {
        match self {
            BinUnit::Day => "day",
            BinUnit::Week => "week",
            BinUnit::Month => "month",
            BinUnit::Quarter => "quarter",
            BinUnit::Year => "year",
        }
    }

    /// The next day on which a column may start, after `d`.
    fn next_start(self, d: NaiveDate) -> Option<NaiveDate> {
        let first_of_month = d.with_day(1)?;
        match self {
            BinUnit::Day => d.succ_opt(),
            BinUnit::Week => {
                d.checked_add_days(Days::new(7 - u64::from(d.weekday().num_days_from_monday())))
            }
            BinUnit::Month => first_of_month.checked_add_months(Months::new(1)),
            BinUnit::Quarter => first_of_month
                .checked_sub_months(Months::new(d.month0() % 3))?
                .checked_add_months(Months::new(3)),
            BinUnit::Year => NaiveDate::from_ymd_opt(d.year().checked_add(1)?, 1, 1),
        }
    }
}

/// The columns of a heat map: the first day of each (the first is the period start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bins {
    pub unit: BinUnit,
    pub starts: Vec<NaiveDate>,
}

impl Bins {
    /// Column of a day inside the period.
    fn column(&self, d: NaiveDate) -> usize {
        self.starts.partition_point(|s| *s <= d).saturating_sub(1)
    }
}

/// The finest calendar unit (day, week from Monday, month, quarter, year) that gives at most
/// `max_columns` columns.
pub(crate) fn bins(p: Period, max_columns: usize) -> Bins {
    let max_columns = max_columns.max(1);
    let units = [
        BinUnit::Day,
        BinUnit::Week,
        BinUnit::Month,
        BinUnit::Quarter,
        BinUnit::Year,
    ];
    let mut last = None;
    for unit in units {
        let mut starts = vec![p.start];
        let mut d = unit.next_start(p.start);
        while let Some(s) = d {
            if s > p.end || starts.len() > max_columns {
                break;
            }
            starts.push(s);
            d = unit.next_start(s);
        }
        if starts.len() <= max_columns {
            return Bins { unit, starts };
        }
        last = Some(Bins { unit, starts });
    }
    // More than `max_columns` years: only when the width allows very few columns.
    last.unwrap_or(Bins {
        unit: BinUnit::Year,
        starts: vec![p.start],
    })
}

/// One row as drawn: its label and the highest severity in each column (0 = none).
struct Row {
    label: String,
    /// The name in the text alternative and the note, whole.
    name: String,
    columns: Vec<u8>,
    /// Days with any symptom in the period (for the summary).
    days: usize,
}

impl SymptomHeatmap {
    /// A height that gives each row of this period about 20 pixels, for callers that size
    /// the chart to its content.
    pub fn suggested_height(&self, width: u32) -> u32 {
        self.height_for_rows_of(width, ROW_PX)
    }

    /// A height that gives each row drawn (at most `max_rows`) `row_px` pixels.
    pub fn height_for_rows_of(&self, width: u32, row_px: u32) -> u32 {
        let p = self.period.normalized();
        let symptoms = self
            .rows
            .iter()
            .filter(|r| {
                r.days
                    .iter()
                    .any(|(d, s)| p.contains(*d) && (1..=3).contains(s))
            })
            .count();
        let rows = symptoms.min(self.max_rows.unwrap_or(usize::MAX))
            + usize::from(self.red_flag_days.iter().any(|d| p.contains(*d)));
        let legend = legend_height(&legend_items(true), width);
        let title = title_height(
            "Withdrawal symptoms by week (highest severity in each week)",
            width,
        );
        (rows as u32 * row_px + legend + title + X_LABEL_AREA + 24)
            .clamp(super::MIN_SIZE.height, super::MAX_SIZE.height)
    }
}

fn legend_items(red_flags: bool) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = SEVERITY_FILL
        .iter()
        .zip(SEVERITY_NAME)
        .map(|(fill, name)| LegendItem::new(Glyph::Swatch { fill: *fill }, name))
        .collect();
    if red_flags {
        items.push(LegendItem::new(
            Glyph::Marker {
                shape: Shape::TriangleUp,
                color: BLACK,
                filled: true,
            },
            "Red-flag symptom recorded",
        ));
    }
    items
}

/// Draws the symptom heat map.
pub fn symptom_heatmap(c: &SymptomHeatmap, size: Size) -> Chart {
    let size = size.clamped();
    let p = c.period.normalized();
    let label_max = label_chars(size.0);
    let mut in_period: Vec<(&super::SymptomRow, Vec<(NaiveDate, u8)>)> = c
        .rows
        .iter()
        .map(|r| {
            // Each day's highest severity.
            let mut days: Vec<(NaiveDate, u8)> = r
                .days
                .iter()
                .copied()
                .filter(|(d, s)| p.contains(*d) && (1..=3).contains(s))
                .collect();
            days.sort_by_key(|(d, s)| (*d, std::cmp::Reverse(*s)));
            days.dedup_by_key(|(d, _)| *d);
            (r, days)
        })
        .filter(|(_, days)| !days.is_empty())
        .collect();
    // How often and how severe together: the sum of each day's highest severity.
    let burden = |days: &[(NaiveDate, u8)]| days.iter().map(|(_, s)| u32::from(*s)).sum::<u32>();
    // Limited (the printed summary): the most frequent or severe first, the rest named
    // under the chart.
    let mut left_out = Vec::new();
    if let Some(max) = c.max_rows {
        in_period.sort_by_key(|(_, days)| std::cmp::Reverse((burden(days), days.len())));
        left_out = in_period.split_off(max.max(1).min(in_period.len()));
    }
    // Columns of at least MIN_CELL_PX beside the labels (and the right margin).
    let label_px = in_period
        .iter()
        .map(|(r, _)| text_width(&word_label(&r.label, label_max), FONT) + 28)
        .max()
        .map_or(0, |w| w.max(0) as u32)
        .max(LABEL_AREA_PX);
    let max_columns = MAX_COLUMNS.min((size.0.saturating_sub(label_px) / MIN_CELL_PX) as usize);
    let b = bins(p, max_columns);
    let n_cols = b.starts.len();

    let row = |(r, days): &(&super::SymptomRow, Vec<(NaiveDate, u8)>)| {
        let mut columns = vec![0u8; n_cols];
        for (d, s) in days {
            let col = &mut columns[b.column(*d)];
            *col = (*col).max(*s);
        }
        Row {
            label: word_label(&r.label, label_max),
            name: one_line(&r.label),
            columns,
            days: days.len(),
        }
    };
    let rows: Vec<Row> = in_period.iter().map(row).collect();
    let left_out: Vec<Row> = left_out.iter().map(row).collect();
    let recorded = rows.len() + left_out.len();
    let mut flag_days: Vec<NaiveDate> = c
        .red_flag_days
        .iter()
        .copied()
        .filter(|d| p.contains(*d))
        .collect();
    flag_days.sort();
    flag_days.dedup();
    if rows.is_empty() && flag_days.is_empty() {
        return empty(size, TITLE, p);
    }
    let mut flag_columns: Vec<usize> = flag_days.iter().map(|d| b.column(*d)).collect();
    flag_columns.dedup();

    // Rows from the top: the red-flag row first when there is one.
    let mut labels: Vec<String> = Vec::new();
    if !flag_days.is_empty() {
        labels.push(RED_FLAG_ROW.to_string());
    }
    labels.extend(rows.iter().map(|r| r.label.clone()));
    let n_rows = labels.len();
    let first_symptom_row = n_rows - rows.len();

    let unit = b.unit.name();
    let binned = b.unit != BinUnit::Day;
    let mut summary = format!(
        "Symptom heat map, {}, by {unit}{}: {} recorded",
        period_text(p),
        if binned {
            format!(" (highest severity in each {unit})")
        } else {
            String::new()
        },
        count_text(recorded, "symptom", "symptoms"),
    );
    if !left_out.is_empty() {
        summary.push_str(&format!(
            ", the {} most frequent or severe drawn (the others are named below the chart)",
            rows.len()
        ));
    }
    let mut by_days: Vec<&Row> = rows.iter().chain(&left_out).collect();
    by_days.sort_by_key(|r| std::cmp::Reverse(r.days));
    if !by_days.is_empty() {
        let most: Vec<String> = by_days
            .iter()
            .take(3)
            .map(|r| format!("{} ({})", r.name, count_text(r.days, "day", "days")))
            .collect();
        summary.push_str(&format!(", most often {}", most.join(", ")));
    }
    if !flag_days.is_empty() {
        let listed: Vec<String> = flag_days.iter().take(3).map(|d| date_text(*d)).collect();
        let more = if flag_days.len() > 3 { ", …" } else { "" };
        summary.push_str(&format!(
            "; a red-flag symptom on {} ({}{more})",
            count_text(flag_days.len(), "day", "days"),
            listed.join(", ")
        ));
    }
    summary.push('.');

    let legend = legend_items(!flag_days.is_empty());
    let title = if binned {
        format!("Withdrawal symptoms by {unit} (highest severity in each {unit})")
    } else {
        "Withdrawal symptoms by day".to_string()
    };
    let title = if left_out.is_empty() {
        title
    } else {
        format!(
            "{title}: the {} most frequent or severe of {recorded}",
            rows.len()
        )
    };
    let note = (!left_out.is_empty()).then(|| {
        let named: Vec<String> = left_out
            .iter()
            .map(|r| format!("{} ({})", r.name, count_text(r.days, "day", "days")))
            .collect();
        format!(
            "And {} noted, milder or rarer: {}.",
            count_text(left_out.len(), "more symptom", "more symptoms"),
            named.join(", ")
        )
    });
    // Column edges on the x axis (days since the period start), the last at the end.
    let edges: Vec<f64> = b
        .starts
        .iter()
        .map(|d| p.x(*d))
        .chain(std::iter::once(p.days() as f64))
        .collect();

    let mut chart = finish(size, TITLE, summary, |root, pen| {
        let plot_area = frame(root, pen, &legend)?;
        let (w, _) = root.dim_in_pixel();
        let dates = date_ticks(p, max_date_ticks(w.saturating_sub(label_px)));
        // Row i (from the top) spans y from n_rows - i - 1 to n_rows - i.
        let row_label = |v: f64| -> String {
            let i = n_rows as f64 - v.floor() - 1.0;
            if i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let n = n_rows as f64;
        let mut plot = panel(
            &plot_area,
            &PanelSpec {
                period: p,
                dates: &dates,
                y: Ticks::new(0.0..n, (0..n_rows).map(|i| i as f64 + 0.5).collect()),
                y_title: &title,
                y_format: &row_label,
                x_labels: true,
                right: 0,
                keep_all_y_ticks: true,
            },
        )?;
        let y_of = |i: usize| n - i as f64;
        for (s, (fill, class)) in SEVERITY_FILL.iter().zip(SEVERITY_CLASS).enumerate() {
            pen.set(Ink::named(class));
            let severity = s as u8 + 1;
            let edges = &edges;
            plot.draw_series(rows.iter().enumerate().flat_map(|(r, row)| {
                let top = y_of(first_symptom_row + r);
                row.columns
                    .iter()
                    .enumerate()
                    .filter(move |(_, v)| **v == severity)
                    .map(move |(col, _)| {
                        Rectangle::new(
                            [(edges[col], top - 0.1), (edges[col + 1], top - 0.9)],
                            fill.filled(),
                        )
                    })
            }))?;
        }
        if !flag_days.is_empty() {
            pen.set(Ink::named("red-flag-column"));
            for col in &flag_columns {
                plot.plotting_area().draw(&Rectangle::new(
                    [(edges[*col], n), (edges[col + 1], 0.0)],
                    VERMILLION.stroke_width(2),
                ))?;
            }
            pen.set(Ink::named("red-flag"));
            for col in &flag_columns {
                let x = (edges[*col] + edges[col + 1]) / 2.0;
                plot.plotting_area().draw(&Marker::filled(
                    (x, n - 0.5),
                    Shape::TriangleUp,
                    6,
                    BLACK,
                ))?;
            }
        }
        pen.clear();
        Ok(())
    });
    chart.note = note;
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn eight_weeks_keep_one_column_per_day() {
        let p = Period {
            start: d(2026, 10, 1),
            end: d(2026, 11, 25),
        };
        let b = bins(p, MAX_COLUMNS);
        assert_eq!(b.unit, BinUnit::Day);
        assert_eq!(b.starts.len(), 56);
        assert_eq!(b.column(d(2026, 10, 3)), 2);
    }

    #[test]
    fn a_year_is_binned_by_week_from_monday() {
        // 1 Oct 2025 is a Wednesday: the first column is Wed–Sun, then Mondays.
        let p = Period {
            start: d(2025, 10, 1),
            end: d(2026, 9, 30),
        };
        let b = bins(p, MAX_COLUMNS);
        assert_eq!(b.unit, BinUnit::Week);
        assert_eq!(b.starts[1], d(2025, 10, 6));
        assert_eq!(b.starts.len(), 53);
        assert_eq!(b.column(d(2025, 10, 5)), 0);
        assert_eq!(b.column(d(2025, 10, 6)), 1);
    }

    #[test]
    fn ten_years_are_binned_by_month_within_about_120_columns() {
        let p = Period {
            start: d(2016, 11, 25),
            end: d(2026, 11, 22),
        };
        let b = bins(p, MAX_COLUMNS);
        assert_eq!(b.unit, BinUnit::Month);
        assert_eq!(b.starts.len(), 121);
        assert_eq!(b.starts[1], d(2016, 12, 1));
        assert_eq!(b.column(d(2026, 11, 22)), 120);
        // Narrow charts get coarser columns.
        let narrow = bins(p, 60);
        assert_eq!(narrow.unit, BinUnit::Quarter);
        assert_eq!(narrow.starts[1], d(2017, 1, 1));
        assert!(narrow.starts.len() <= 60);
        assert_eq!(bins(p, 5).unit, BinUnit::Year);
    }
}
