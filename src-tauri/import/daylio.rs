//! Daylio's CSV export: one row per entry (a day may have several), newest first. The mood
//! is a word — Daylio's own five or the person's — mapped by the person's choice; notes are
//! kept; activities have no place in this journal and are left out (and said so).

use super::scales::{normal, ScaleBuilder};
use super::table::Table;
use super::{parse_date, Cell, ImportError, ParsedFile, Rated, ScaledValue, SourceDay};
use crate::journal::ImportSource;

pub const MOOD_SCALE: &str = "daylio_mood";

/// Daylio's five moods, worst to best, placed evenly on 0–10.
const DEFAULT_MOODS: [(&str, u8); 5] = [
    ("awful", 0),
    ("bad", 3),
    ("meh", 5),
    ("good", 8),
    ("rad", 10),
];

pub fn parse(table: &Table) -> Result<ParsedFile, ImportError> {
    let col = |name: &str| table.column(name);
    let mood = col("mood");
    let activities = col("activities");
    let mut scale = ScaleBuilder::new();
    let mut activity_names: Vec<String> = Vec::new();
    let mut activities_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut entries = Vec::new();
    // Newest first in the file: read oldest first, so a day's notes come in time order.
    for (row, cells) in table.rows.iter().rev() {
        let cell = |i: Option<usize>, name: &str| Cell {
            row: *row,
            column: name.to_string(),
            text: i.and_then(|i| cells.get(i)).cloned().unwrap_or_default(),
        };
        let date = match col("full_date") {
            Some(i) => {
                let c = cell(Some(i), "full_date");
                let d = parse_date(&c, &["%Y-%m-%d"])?;
                (d, c)
            }
            None => {
                // The older export: "year" and "28 September".
                let c = cell(col("date"), "date");
                let year = cell(col("year"), "year");
                let joined = Cell {
                    text: format!("{} {}", c.text.trim(), year.text.trim()),
                    ..c.clone()
                };
                (parse_date(&joined, &["%d %B %Y"])?, c)
            }
        };
        let mut day = SourceDay {
            date: Some(date.0),
            row: *row,
            ..SourceDay::default()
        };
        day.origin.insert("date".into(), date.1);
        let m = cell(mood, "mood");
        if !m.text.trim().is_empty() {
            scale.saw(&m.text);
            day.scaled.push(ScaledValue {
                field: Rated::Mood,
                scale: MOOD_SCALE,
                cell: m,
            });
        }
        for a in cell(activities, "activities").text.split('|') {
            let a = a.trim();
            if !a.is_empty() && activities_seen.insert(a.to_lowercase()) {
                activity_names.push(a.to_string());
            }
        }
        let title = cell(col("note_title"), "note_title").text;
        let note = cell(col("note"), "note");
        let text = match (title.trim(), note.text.trim()) {
            ("", n) => n.to_string(),
            (t, "") => t.to_string(),
            (t, n) => format!("{t}\n{n}"),
        };
        if !text.is_empty() {
            day.input.note = Some(text);
            day.origin.insert("note".into(), note);
        }
        entries.push(day);
    }
    let rows = table.rows.len();
    let mut days = super::group_days(entries, false, |first, more| {
        first.scaled.extend(more.scaled);
        first.input.note = match (first.input.note.take(), more.input.note) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };
        if !first.origin.contains_key("note") {
            if let Some(c) = more.origin.get("note") {
                first.origin.insert("note".into(), c.clone());
            }
        }
    })?;
    let cut = super::days::fit_notes(&mut days);
    let has_moods = !scale.is_empty();
    let mood_scale = scale.build(
        MOOD_SCALE,
        "Daylio mood",
        "Mood, 0 (very low) to 10 (very good)",
        "Daylio's moods are words, and you may have chosen your own. Choose what each means on this journal's mood scale, or leave it out.".to_string(),
        10,
        |v| DEFAULT_MOODS.iter().find(|(w, _)| *w == normal(v)).map(|(_, m)| *m),
    );
    super::scales::check_size(&mood_scale, "mood")?;
    let mut mapped = Vec::new();
    if has_moods {
        mapped.push(
            "mood → Mood (0–10, by the scale below; several entries of a day are averaged)"
                .to_string(),
        );
    }
    mapped.push("note_title and note → Note (several entries of a day in time order)".to_string());
    let mut dropped = Vec::new();
    if !activity_names.is_empty() {
        let shown: Vec<String> = activity_names
            .iter()
            .take(6)
            .map(|a| super::short(a))
            .collect();
        dropped.push(format!(
            "activities ({}{}): this journal has no place for them.",
            shown.join(", "),
            if activity_names.len() > 6 {
                format!(" and {} more", activity_names.len() - 6)
            } else {
                String::new()
            }
        ));
    }
    Ok(ParsedFile {
        source: ImportSource::Daylio,
        kind: "CSV export",
        rows,
        days,
        mapped,
        dropped,
        scales: if has_moods {
            vec![mood_scale]
        } else {
            Vec::new()
        },
        notes_cut: cut,
        keeps_empty_days: false,
    })
}
