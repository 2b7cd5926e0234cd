//! The check-ins as they will be written: the person's scale choices applied, several
//! entries of one day put together, doses matched to the journal's medications, and every
//! day checked by the check-in form's own rules (an error names the file's row and column).

use super::scales::{meaning, ScaleChoices};
use super::{short, Cell, ImportError, ParsedFile, Rated, SourceDay};
use crate::journal::input::{EARLIEST_DATE, NOTE_MAX_CHARS};
use crate::journal::{CheckIn, Medication, Micrograms};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What the person chose in the preview.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub scales: ScaleChoices,
}

/// Refuses a day before the journal's earliest date or after `today` (a day that has not
/// come), naming its row.
pub fn check_dates(parsed: &ParsedFile, today: NaiveDate) -> Result<(), ImportError> {
    let (y, m, d) = EARLIEST_DATE;
    let earliest = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    for day in &parsed.days {
        let date = day.date();
        let at = |message: String| ImportError {
            row: Some(day.row),
            column: day.origin.get("date").map(|c| c.column.clone()),
            message,
        };
        if date > today {
            return Err(at(format!(
                "{} is after today; a check-in can only be for today or an earlier day. Nothing was imported.",
                crate::views::long_date(date)
            )));
        }
        if date < earliest {
            return Err(at(format!(
                "{} is before {}, the earliest day a journal holds. Nothing was imported.",
                date.format("%Y-%m-%d"),
                earliest.format("%Y-%m-%d")
            )));
        }
    }
    Ok(())
}

/// The journal's medication for a name in the file: `name#id` (our own CSV, when two
/// medications share a generic name) by id, otherwise the one medication whose generic or
/// brand name it is (case ignored). `None` when there is none, or more than one.
pub fn medication_for(name: &str, medications: &[Medication]) -> Option<i64> {
    let name = name.trim();
    if let Some((generic, id)) = name.rsplit_once('#') {
        if let Ok(id) = id.parse::<i64>() {
            return medications
                .iter()
                .find(|m| m.id == id && m.generic.eq_ignore_ascii_case(generic))
                .map(|m| m.id);
        }
    }
    let mut found = medications.iter().filter(|m| {
        m.generic.eq_ignore_ascii_case(name)
            || m.brand
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(name))
    });
    match (found.next(), found.next()) {
        (Some(m), None) => Some(m.id),
        _ => None,
    }
}

/// The medication names in the file that match none of the journal's medications.
pub fn unmatched_medications(parsed: &ParsedFile, medications: &[Medication]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in parsed.days.iter().flat_map(|d| &d.doses) {
        if seen.insert(d.medication.as_str())
            && medication_for(&d.medication, medications).is_none()
        {
            names.push(d.medication.clone());
        }
    }
    names
}

/// Every day of the file as the check-in it will be, or the first problem found.
pub fn check_ins(
    parsed: &ParsedFile,
    choices: &Choices,
    medications: &[Medication],
    today: NaiveDate,
) -> Result<Vec<CheckIn>, ImportError> {
    let mut out = Vec::with_capacity(parsed.days.len());
    for d in &parsed.days {
        let c = check_in(parsed, d, choices, medications, today)?;
        if parsed.keeps_empty_days || !c.is_empty() {
            out.push(c);
        }
    }
    Ok(out)
}

fn check_in(
    parsed: &ParsedFile,
    day: &SourceDay,
    choices: &Choices,
    medications: &[Medication],
    today: NaiveDate,
) -> Result<CheckIn, ImportError> {
    let mut input = day.input.clone();
    input.date = day.date().format("%Y-%m-%d").to_string();
    let mut origin = day.origin.clone();

    // Several entries of one day: ratings averaged, a symptom at its worst.
    let mut by_field: BTreeMap<Rated, (Vec<u8>, &Cell)> = BTreeMap::new();
    for s in &day.scaled {
        let entry = by_field.entry(s.field).or_insert((Vec::new(), &s.cell));
        if let Some(v) = meaning(&parsed.scales, &choices.scales, s.scale, &s.cell.text) {
            entry.0.push(v);
        }
    }
    for (field, (values, cell)) in by_field {
        if values.is_empty() {
            continue;
        }
        let value = match field {
            Rated::Symptom(_) => values.iter().copied().max().unwrap_or(0),
            _ => {
                let sum: u32 = values.iter().map(|&v| u32::from(v)).sum();
                let n = values.len() as u32;
                ((sum * 2 + n) / (2 * n)) as u8 // rounded half up
            }
        };
        let text = Some(value.to_string());
        let name = match field {
            Rated::Anxiety => {
                input.anxiety = text;
                "anxiety".to_string()
            }
            Rated::Mood => {
                input.mood = text;
                "mood".to_string()
            }
            Rated::SleepQuality => {
                input.sleep_quality = text;
                "sleep_quality".to_string()
            }
            Rated::Symptom(key) => {
                input
                    .symptoms
                    .insert(key.to_string(), serde_json::Value::from(value));
                format!("symptoms.{key}")
            }
        };
        origin.insert(name, cell.clone());
    }

    // Doses: summed per medication (Bearable writes one row per dose taken).
    let mut doses: BTreeMap<i64, (u64, &Cell)> = BTreeMap::new();
    for d in &day.doses {
        let Some(id) = medication_for(&d.medication, medications) else {
            continue; // said in the preview: no medication of that name in the journal
        };
        let mg = Micrograms::parse_mg(&d.cell.column, "Dose", &d.mg).map_err(|e| {
            ImportError::at(&d.cell, format!("{} Nothing was imported.", e.message))
        })?;
        let e = doses.entry(id).or_insert((0, &d.cell));
        e.0 += u64::from(mg.0);
    }
    for (id, (ug, cell)) in doses {
        let total = Micrograms(u32::try_from(ug).unwrap_or(u32::MAX));
        input
            .doses_taken
            .insert(id.to_string(), serde_json::Value::from(total.mg_text()));
        origin.insert(format!("doses_taken.{id}"), cell.clone());
    }

    input.validate(today).map_err(|e| {
        let cell = origin
            .get(&e.field)
            .or_else(|| origin.get(e.field.split('.').next().unwrap_or("")));
        match cell {
            Some(c) => ImportError::at(c, format!("{} Nothing was imported.", e.message)),
            None => ImportError {
                row: Some(day.row),
                column: None,
                message: format!("{} Nothing was imported.", e.message),
            },
        }
    })
}

/// A note made of the file's note cells, cut to what a check-in holds; `true` when cut
/// (the preview says so: the file itself keeps the whole text).
pub fn fit_note(parts: &[String]) -> (Option<String>, bool) {
    let joined = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if joined.is_empty() {
        return (None, false);
    }
    if joined.chars().count() <= NOTE_MAX_CHARS {
        return (Some(joined), false);
    }
    let cut: String = joined.chars().take(NOTE_MAX_CHARS - 1).collect();
    (Some(format!("{}…", cut.trim_end())), true)
}

/// "Rows 4, 17 and 90" for the preview's notes about the file.
pub fn rows_text(rows: &[usize]) -> String {
    let shown: Vec<String> = rows.iter().take(5).map(|r| r.to_string()).collect();
    let more = rows.len().saturating_sub(5);
    let list = match shown.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    let word = if rows.len() == 1 { "row" } else { "rows" };
    if more > 0 {
        format!("{word} {list} and {more} more")
    } else {
        format!("{word} {list}")
    }
}

/// A cell's text for a message.
pub fn quoted(cell: &Cell) -> String {
    format!("\"{}\"", short(&cell.text))
}

/// The preview's words for notes cut to what a check-in holds.
pub fn cut_notice(rows: &[usize]) -> String {
    format!(
        "The notes of the day at {} are longer than a check-in holds ({} characters): they are cut to that, ending in \"…\"; your file keeps the whole text.",
        rows_text(rows),
        crate::journal::input::NOTE_MAX_CHARS
    )
}

/// At most `max` of `lines`, then "… and N more" in one line: a hostile file's hundreds of
/// unknown columns or categories do not make the preview endless.
pub fn at_most(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max {
        let more = lines.len() - max;
        lines.truncate(max);
        lines.push(format!("… and {more} more"));
    }
    lines
}

/// Cuts every day's note to what a check-in holds; the preview's words for those cut, if any.
pub fn fit_notes(days: &mut [SourceDay]) -> Option<String> {
    let mut cut_rows = Vec::new();
    for d in days.iter_mut() {
        let (note, cut) = fit_note(&d.input.note.take().into_iter().collect::<Vec<_>>());
        d.input.note = note;
        if cut {
            cut_rows.push(d.row);
        }
    }
    (!cut_rows.is_empty()).then(|| cut_notice(&cut_rows))
}
