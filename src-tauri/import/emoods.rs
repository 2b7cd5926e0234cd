//! eMoods' CSV export (and the `entry.csv` of its backup): one row per day. No public
//! description of the columns could be found (docs/import-formats.md): the header read here
//! is `DATE, DEPRESSED, ELEVATED, IRRITABILITY, ANXIETY, SLEEP, NOTES`, levels 0 (not
//! logged) and 1 (none) to 4 (severe) as on eMoods' monthly report. Because that is not
//! certain, every level's meaning is shown to the person, who can change it.

use super::scales::ScaleBuilder;
use super::table::Table;
use super::{
    parse_date, quarter_hours_text, Cell, ImportError, ParsedFile, Rated, ScaledValue, SourceDay,
};
use crate::journal::ImportSource;

pub const ANXIETY_SCALE: &str = "emoods_anxiety";
pub const SYMPTOM_SCALE: &str = "emoods_symptom";

/// Columns read, and what they become here.
const LEVELS: &[(&str, Rated, &str)] = &[
    ("ANXIETY", Rated::Anxiety, ANXIETY_SCALE),
    ("DEPRESSED", Rated::Symptom("low_mood"), SYMPTOM_SCALE),
    (
        "IRRITABILITY",
        Rated::Symptom("irritability"),
        SYMPTOM_SCALE,
    ),
];

pub fn parse(table: &Table) -> Result<ParsedFile, ImportError> {
    let col = |name: &str| table.column(name);
    let mut anxiety = ScaleBuilder::new();
    let mut symptom = ScaleBuilder::new();
    let mut entries = Vec::new();
    for (row, cells) in &table.rows {
        let cell = |name: &str| Cell {
            row: *row,
            column: col(name)
                .map(|i| table.header[i].clone())
                .unwrap_or_else(|| name.to_string()),
            text: col(name)
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default(),
        };
        let date_cell = cell("DATE");
        let date = parse_date(&date_cell, &["%Y-%m-%d", "%m/%d/%Y"])?;
        let mut day = SourceDay {
            date: Some(date),
            row: *row,
            ..SourceDay::default()
        };
        day.origin.insert("date".into(), date_cell);
        for (name, field, scale) in LEVELS {
            let c = cell(name);
            if c.text.trim().is_empty() {
                continue;
            }
            if !matches!(c.text.trim(), "0" | "1" | "2" | "3" | "4") {
                return Err(ImportError::at(
                    &c,
                    format!(
                        "\"{}\" is not an eMoods level (0 to 4). Nothing was imported.",
                        super::short(&c.text)
                    ),
                ));
            }
            if *scale == ANXIETY_SCALE {
                anxiety.saw(&c.text);
            } else {
                symptom.saw(&c.text);
            }
            day.scaled.push(ScaledValue {
                field: *field,
                scale,
                cell: c,
            });
        }
        let sleep = cell("SLEEP");
        if !sleep.text.trim().is_empty() {
            let hours: f64 = sleep.text.trim().replace(',', ".").parse().map_err(|_| {
                ImportError::at(
                    &sleep,
                    format!(
                        "\"{}\" is not a number of hours. Nothing was imported.",
                        super::short(&sleep.text)
                    ),
                )
            })?;
            day.input.sleep_hours = Some(quarter_hours_text(hours));
            day.origin.insert("sleep_hours".into(), sleep);
        }
        let note = cell("NOTES");
        if !note.text.trim().is_empty() {
            day.input.note = Some(note.text.clone());
            day.origin.insert("note".into(), note);
        }
        entries.push(day);
    }
    let rows = table.rows.len();
    let mut days = super::group_days(entries, true, |_, _| {})?;
    let cut = super::days::fit_notes(&mut days);
    let hint = "eMoods records the day's peak as a level: 0 when nothing was logged, 1 for none up to 4 for the most severe. Check what each level means here; change any that is not right for your file.".to_string();
    let mut scales = Vec::new();
    if !anxiety.is_empty() {
        scales.push(anxiety.build(
            ANXIETY_SCALE,
            "eMoods anxiety",
            "Anxiety, 0 (none) to 10 (worst)",
            hint.clone(),
            10,
            |v| match v {
                "1" => Some(0),
                "2" => Some(3),
                "3" => Some(7),
                "4" => Some(10),
                _ => None,
            },
        ));
    }
    if !symptom.is_empty() {
        scales.push(symptom.build(
            SYMPTOM_SCALE,
            "eMoods depressed and irritability",
            "Low mood and Irritability, 0 (none) to 3 (severe)",
            hint,
            3,
            |v| match v {
                "1" => Some(0),
                "2" => Some(1),
                "3" => Some(2),
                "4" => Some(3),
                _ => None,
            },
        ));
    }
    for s in &mut scales {
        s.not_logged = Some("0");
    }
    let mut dropped = Vec::new();
    let read = [
        "DATE",
        "DEPRESSED",
        "IRRITABILITY",
        "ANXIETY",
        "SLEEP",
        "NOTES",
    ];
    for h in &table.header {
        if !read.iter().any(|r| r.eq_ignore_ascii_case(h.trim())) && !h.trim().is_empty() {
            dropped.push(format!(
                "{}: this journal has no place for it.",
                super::short(h)
            ));
        }
    }
    Ok(ParsedFile {
        source: ImportSource::Emoods,
        kind: "CSV export",
        rows,
        days,
        mapped: vec![
            "ANXIETY → Anxiety (0–10, by the scale below)".to_string(),
            "DEPRESSED → the Low mood symptom, IRRITABILITY → the Irritability symptom (by the scale below)".to_string(),
            "SLEEP → Sleep hours (rounded to the quarter hour)".to_string(),
            "NOTES → Note".to_string(),
        ],
        dropped,
        scales,
        notes_cut: cut,
        keeps_empty_days: false,
    })
}
