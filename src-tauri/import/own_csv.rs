//! This app's own spreadsheet (`docs/csv-columns.md`): every check-in field, field for
//! field. Dose steps and the worked-out totals are not check-ins: they are left out.

use super::table::Table;
use super::{parse_date, Cell, ImportError, ParsedFile, SourceDay, SourceDose};
use crate::export::csv::{unguard_formula, RATING_COLUMNS, TRAILING_COLUMNS};
use crate::journal::symptoms::BUILTIN_SYMPTOMS;
use crate::journal::ImportSource;
use serde_json::Value;

/// Columns whose text the person typed (the export guards them against formulas).
const TYPED: &[&str] = &["own_symptoms", "substance_note", "practice_note", "note"];

pub fn parse(table: &Table) -> Result<ParsedFile, ImportError> {
    let mut mapped = vec![
        "Every check-in field: ratings, sleep, symptoms, red flags, substances, practices and notes".to_string(),
    ];
    let mut dropped = vec![
        "Dose steps (dose_mg columns) and the diazepam-equivalent total: not check-ins. A backup carries the steps; they can be entered on the Steps screen.".to_string(),
    ];
    let taken: Vec<(usize, String)> = table
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.strip_prefix("taken_mg:").map(|n| (i, n.to_string())))
        .collect();
    if !taken.is_empty() {
        mapped.push(format!(
            "Doses taken ({})",
            super::days::at_most(taken.iter().map(|(_, n)| super::short(n)).collect(), 10)
                .join(", ")
        ));
    }
    let known = |h: &str| {
        h == "date"
            || h.starts_with("dose_mg:")
            || h.starts_with("taken_mg:")
            || RATING_COLUMNS.contains(&h)
            || TRAILING_COLUMNS.contains(&h)
            || h.strip_prefix("symptom:")
                .is_some_and(|k| BUILTIN_SYMPTOMS.iter().any(|s| s.key == k))
    };
    for h in table.header.iter().filter(|h| !known(h)) {
        dropped.push(format!(
            "Column \"{}\": not one this app writes.",
            super::short(h)
        ));
    }

    let mut days = Vec::new();
    for (row, cells) in &table.rows {
        let cell = |name: &str| -> Option<Cell> {
            let i = table.column(name)?;
            Some(Cell {
                row: *row,
                column: name.to_string(),
                text: cells.get(i).cloned().unwrap_or_default(),
            })
        };
        let date_cell = cell("date").unwrap_or(Cell {
            row: *row,
            column: "date".into(),
            text: String::new(),
        });
        let date = parse_date(&date_cell, &["%Y-%m-%d"])?;
        // A day without a check-in has every check-in cell empty (opioids is "yes"/"no"
        // on every check-in day).
        let check_in_cells = [
            "anxiety",
            "mood",
            "sleep_hours",
            "sleep_quality",
            "opioids",
            "note",
        ];
        if check_in_cells
            .iter()
            .filter_map(|c| cell(c))
            .all(|c| c.text.trim().is_empty())
        {
            continue;
        }
        let mut day = SourceDay {
            date: Some(date),
            row: *row,
            ..SourceDay::default()
        };
        day.origin.insert("date".into(), date_cell);
        let mut text = |name: &str, field: &str| -> Option<String> {
            let c = cell(name)?;
            let value = if TYPED.contains(&name) {
                unguard_formula(&c.text).to_string()
            } else {
                c.text.clone()
            };
            day.origin.insert(field.to_string(), c);
            Some(value).filter(|v| !v.trim().is_empty())
        };
        let anxiety = text("anxiety", "anxiety");
        let mood = text("mood", "mood");
        let sleep = text("sleep_hours", "sleep_hours");
        let quality = text("sleep_quality", "sleep_quality");
        let own = text("own_symptoms", "own_symptoms");
        let flags = text("red_flags", "red_flags");
        let alcohol = text("alcohol_drinks", "alcohol_drinks");
        let substance_note = text("substance_note", "substance_note");
        let practices = text("practices", "practices");
        let practice_note = text("practice_note", "practice_note");
        let note = text("note", "note");
        day.input.anxiety = anxiety;
        day.input.mood = mood;
        day.input.sleep_hours = sleep;
        day.input.sleep_quality = quality;
        day.input.alcohol_drinks = alcohol;
        day.input.substance_note = substance_note;
        day.input.practice_note = practice_note;
        day.input.note = note;
        for s in BUILTIN_SYMPTOMS {
            let name = format!("symptom:{}", s.key);
            if let Some(c) = cell(&name) {
                if !c.text.trim().is_empty() {
                    day.input
                        .symptoms
                        .insert(s.key.to_string(), Value::from(c.text.trim()));
                }
                day.origin.insert(format!("symptoms.{}", s.key), c);
            }
        }
        for part in own.iter().flat_map(|o| o.split("; ")) {
            let Some((name, severity)) = part.rsplit_once('=') else {
                let c = cell("own_symptoms").unwrap_or_else(|| date_cell_at(*row));
                return Err(ImportError::at(
                    &c,
                    format!(
                        "\"{}\" is not a symptom and its severity (name=1). Nothing was imported.",
                        super::short(part)
                    ),
                ));
            };
            day.input
                .own_symptoms
                .insert(name.to_string(), Value::from(severity.trim()));
        }
        day.input.red_flags = list(flags.as_deref());
        day.input.practices = list(practices.as_deref());
        for (name, field) in [("opioids", 0), ("cannabis", 1), ("other_sedatives", 2)] {
            let Some(c) = cell(name) else { continue };
            let yes = match c.text.trim() {
                "yes" => true,
                "no" | "" => false,
                _ => {
                    return Err(ImportError::at(
                        &c,
                        format!(
                            "\"{}\" should be yes or no. Nothing was imported.",
                            super::short(&c.text)
                        ),
                    ))
                }
            };
            match field {
                0 => day.input.opioids = yes,
                1 => day.input.cannabis = yes,
                _ => day.input.other_sedatives = yes,
            }
        }
        for (i, name) in &taken {
            let text = cells.get(*i).map(|t| t.trim()).unwrap_or("");
            if text.is_empty() {
                continue;
            }
            day.doses.push(SourceDose {
                medication: name.clone(),
                mg: text.to_string(),
                cell: Cell {
                    row: *row,
                    column: table.header[*i].clone(),
                    text: text.to_string(),
                },
            });
        }
        days.push(day);
    }
    let rows = table.rows.len();
    let days = super::group_days(days, true, |_, _| {})?;
    Ok(ParsedFile {
        source: ImportSource::TaperJournalCsv,
        kind: "spreadsheet (CSV)",
        rows,
        days,
        mapped,
        dropped,
        scales: Vec::new(),
        notes_cut: None,
        keeps_empty_days: true,
    })
}

fn date_cell_at(row: usize) -> Cell {
    Cell {
        row,
        column: "own_symptoms".into(),
        text: String::new(),
    }
}

/// Keys joined by ";" (spaces around them allowed).
fn list(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        t.split(';')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}
