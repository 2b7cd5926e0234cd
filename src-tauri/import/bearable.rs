//! Bearable's CSV export: one row per reading (many per day), by category. Mood (1–10) and
//! sleep quality (1–5) are mapped by the person's choice; symptoms (0–4, none … unbearable)
//! keep their severity, unbearable as severe, the top of this journal's scale; sleep (H:MM)
//! is rounded to the quarter hour; doses in mg (or mcg, g) are summed per day.

use super::scales::{linear, ScaleBuilder};
use super::table::Table;
use super::{
    parse_date, quarter_hours_text, Cell, ImportError, ParsedFile, Rated, ScaledValue, SourceDay,
    SourceDose,
};
use crate::journal::check_in::MAX_OWN_SYMPTOMS;
use crate::journal::symptoms::BUILTIN_SYMPTOMS;
use crate::journal::ImportSource;
use serde_json::Value;
use std::collections::BTreeMap;

pub const MOOD_SCALE: &str = "bearable_mood";
pub const SLEEP_QUALITY_SCALE: &str = "bearable_sleep_quality";

/// Bearable's symptom names that are one of this journal's symptoms under another name.
const SYMPTOM_NAMES: &[(&str, &str)] = &[
    ("anxiety", "anxiety_panic"),
    ("panic", "anxiety_panic"),
    ("panic attack", "anxiety_panic"),
    ("nausea", "nausea_gi"),
    ("muscle tension", "muscle_tension"),
    ("muscle pain", "muscle_tension"),
    ("palpitations", "palpitations"),
    ("racing heart", "palpitations"),
    ("tingling", "paresthesia"),
    ("numbness", "paresthesia"),
    ("brain fog", "cognitive_fog"),
    ("depersonalisation", "depersonalisation"),
    ("depersonalization", "depersonalisation"),
    ("depression", "low_mood"),
    ("low mood", "low_mood"),
];

fn builtin_for(name: &str) -> Option<&'static str> {
    let n = name.trim().to_lowercase();
    SYMPTOM_NAMES
        .iter()
        .find(|(b, _)| *b == n)
        .map(|(_, k)| *k)
        .or_else(|| {
            BUILTIN_SYMPTOMS
                .iter()
                .find(|s| s.label.eq_ignore_ascii_case(&n) || s.key == n)
                .map(|s| s.key)
        })
}

/// "22nd Sep 2020" (the `date` column) as a date cell's text this import reads.
fn ordinal_date(text: &str) -> String {
    let mut parts = text.split_whitespace();
    let day: String = parts
        .next()
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    format!("{day} {}", parts.collect::<Vec<_>>().join(" "))
}

/// "Anxiety (Moderate)" → "Anxiety"; "Clonazepam (mg)" → ("Clonazepam", "mg").
fn name_and_bracket(detail: &str) -> (String, Option<String>) {
    let d = detail.trim();
    match (d.rfind('('), d.ends_with(')')) {
        (Some(i), true) => (
            d[..i].trim().to_string(),
            Some(d[i + 1..d.len() - 1].trim().to_string()),
        ),
        _ => (d.to_string(), None),
    }
}

/// "7:15" → 7.25 hours.
fn duration_hours(text: &str) -> Option<f64> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (m < 60 && h <= 24).then(|| f64::from(h) + f64::from(m) / 60.0)
}

pub fn parse(table: &Table) -> Result<ParsedFile, ImportError> {
    let col = |name: &str| table.column(name);
    let (category, amount, detail, notes) = (
        col("category"),
        col("rating/amount"),
        col("detail"),
        col("notes"),
    );
    let formatted = col("date formatted");
    let mut mood = ScaleBuilder::new();
    let mut quality = ScaleBuilder::new();
    let mut left_out: BTreeMap<String, usize> = BTreeMap::new();
    let mut units_left_out: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::new();
    // Severity per (day, symptom), the worst of the day; own symptoms kept apart.
    for (row, cells) in &table.rows {
        let cell = |i: Option<usize>, name: &str| Cell {
            row: *row,
            column: name.to_string(),
            text: i.and_then(|i| cells.get(i)).cloned().unwrap_or_default(),
        };
        let (date, date_cell) = match formatted {
            Some(i) if !cell(Some(i), "date formatted").text.trim().is_empty() => {
                let c = cell(Some(i), "date formatted");
                (parse_date(&c, &["%Y-%m-%d"])?, c)
            }
            _ => {
                let c = cell(col("date"), "date");
                let readable = Cell {
                    text: ordinal_date(&c.text),
                    ..c.clone()
                };
                let d = parse_date(&readable, &["%d %b %Y", "%d %B %Y"]).map_err(|_| {
                    ImportError::at(
                        &c,
                        format!(
                            "\"{}\" is not a date this import can read (expected for example 14th Mar 2026). Nothing was imported.",
                            super::short(&c.text)
                        ),
                    )
                })?;
                (d, c)
            }
        };
        let mut day = SourceDay {
            date: Some(date),
            row: *row,
            ..SourceDay::default()
        };
        day.origin.insert("date".into(), date_cell);
        // Read first: a row left out below may still carry a note.
        let note = cell(notes, "notes");
        // Bearable writes ". " on sleep rows: punctuation alone is no note.
        if note.text.chars().any(char::is_alphanumeric) {
            day.input.note = Some(note.text.trim().to_string());
            day.origin.insert("note".into(), note);
        }
        let what = cell(category, "category").text.trim().to_string();
        let value = cell(amount, "rating/amount");
        let det = cell(detail, "detail").text;
        match what.to_lowercase().as_str() {
            "mood" if !value.text.trim().is_empty() => {
                mood.saw(&value.text);
                day.scaled.push(ScaledValue {
                    field: Rated::Mood,
                    scale: MOOD_SCALE,
                    cell: value,
                });
            }
            "sleep quality" if !value.text.trim().is_empty() => {
                quality.saw(&value.text);
                day.scaled.push(ScaledValue {
                    field: Rated::SleepQuality,
                    scale: SLEEP_QUALITY_SCALE,
                    cell: value,
                });
            }
            "sleep" if value.text.trim().is_empty() => {}
            "sleep" => {
                let hours = duration_hours(&value.text).ok_or_else(|| {
                    ImportError::at(&value, format!("\"{}\" is not a sleep time as hours:minutes (7:15). Nothing was imported.", super::short(&value.text)))
                })?;
                day.input.sleep_hours = Some(quarter_hours_text(hours));
                day.origin.insert("sleep_hours".into(), value);
            }
            "symptom" => {
                let (name, _) = name_and_bracket(&det);
                let severity: u8 = match value.text.trim().parse::<u8>() {
                    Ok(n @ 0..=4) => n.min(3),
                    _ => {
                        return Err(ImportError::at(
                            &value,
                            format!(
                            "\"{}\" is not a symptom severity from 0 to 4. Nothing was imported.",
                            super::short(&value.text)
                        ),
                        ))
                    }
                };
                match builtin_for(&name) {
                    _ if severity == 0 || name.is_empty() => {}
                    Some(key) => {
                        day.input
                            .symptoms
                            .insert(key.to_string(), Value::from(severity));
                        day.origin.insert(format!("symptoms.{key}"), value);
                    }
                    None if crate::journal::input::name("own_symptoms", "Symptom name", &name)
                        .is_ok() =>
                    {
                        day.input.own_symptoms.insert(name, Value::from(severity));
                        day.origin.insert("own_symptoms".into(), value);
                    }
                    None => {
                        *left_out
                            .entry(format!(
                            "symptom \"{}\" (a name with characters this journal does not keep)",
                            super::short(&name)
                        ))
                            .or_default() += 1
                    }
                }
            }
            "meds/supplements" => {
                let (name, unit) = name_and_bracket(&det);
                let factor = match unit.as_deref().map(str::to_lowercase).as_deref() {
                    Some("mg") => Some(1.0),
                    Some("mcg") | Some("µg") | Some("ug") => Some(0.001),
                    Some("g") => Some(1000.0),
                    other => {
                        *units_left_out
                            .entry(format!("{name} ({})", other.unwrap_or("no unit")))
                            .or_default() += 1;
                        None
                    }
                };
                if let Some(factor) = factor {
                    let amount: f64 =
                        value.text.trim().replace(',', ".").parse().map_err(|_| {
                            ImportError::at(
                                &value,
                                format!(
                                    "\"{}\" is not an amount. Nothing was imported.",
                                    super::short(&value.text)
                                ),
                            )
                        })?;
                    let mg = amount * factor;
                    day.doses.push(SourceDose {
                        medication: name,
                        mg: format!("{:.3}", (mg * 1000.0).round() / 1000.0),
                        cell: value,
                    });
                }
            }
            _ => {
                *left_out
                    .entry(if what.is_empty() {
                        "rows without a category".to_string()
                    } else {
                        what.clone()
                    })
                    .or_default() += 1
            }
        }
        entries.push(day);
    }
    let rows = table.rows.len();
    let mut days = super::group_days(entries, false, |first, more| {
        first.scaled.extend(more.scaled);
        first.doses.extend(more.doses);
        for (k, v) in more.input.symptoms {
            let worse = first.input.symptoms.get(&k).and_then(Value::as_u64) < v.as_u64();
            if worse {
                first.input.symptoms.insert(k, v);
            }
        }
        for (k, v) in more.input.own_symptoms {
            let worse = first.input.own_symptoms.get(&k).and_then(Value::as_u64) < v.as_u64();
            if worse {
                first.input.own_symptoms.insert(k, v);
            }
        }
        if more.input.sleep_hours.is_some() {
            first.input.sleep_hours = more.input.sleep_hours;
        }
        first.input.note = match (first.input.note.take(), more.input.note) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };
        for (k, c) in more.origin {
            first.origin.entry(k).or_insert(c);
        }
    })?;
    let cut = super::days::fit_notes(&mut days);
    let mut crowded = 0;
    for d in &mut days {
        // At most MAX_OWN_SYMPTOMS of the person's own a day: the worst are kept.
        if d.input.own_symptoms.len() > MAX_OWN_SYMPTOMS {
            let mut own: Vec<(String, Value)> = std::mem::take(&mut d.input.own_symptoms)
                .into_iter()
                .collect();
            own.sort_by_key(|(_, v)| std::cmp::Reverse(v.as_u64()));
            own.truncate(MAX_OWN_SYMPTOMS);
            d.input.own_symptoms = own.into_iter().collect();
            crowded += 1;
        }
    }
    let mut scales = Vec::new();
    if !mood.is_empty() {
        scales.push(mood.build(MOOD_SCALE, "Bearable mood", "Mood, 0 (very low) to 10 (very good)",
            "Bearable rates mood from 1 to 10; this journal from 0 to 10. Each value is placed evenly; change any you wish.".to_string(), 10,
            |v| v.parse::<f64>().ok().and_then(|n| linear(n, 1.0, 10.0, 10))));
    }
    if !quality.is_empty() {
        scales.push(quality.build(
            SLEEP_QUALITY_SCALE,
            "Bearable sleep quality",
            "Sleep quality, 0 (very poor) to 10 (very good)",
            "Bearable rates sleep quality from 1 to 5; this journal from 0 to 10.".to_string(),
            10,
            |v| v.parse::<f64>().ok().and_then(|n| linear(n, 1.0, 5.0, 10)),
        ));
    }
    for s in &scales {
        super::scales::check_size(s, "rating/amount")?;
    }
    let mapped = vec![
        "Mood → Mood and Sleep quality → Sleep quality (by the scales below; several entries of a day are averaged)".to_string(),
        "Sleep → Sleep hours (rounded to the quarter hour; the night is counted on the day the file gives it)".to_string(),
        "Symptom → Symptoms (this journal's own where the name matches, otherwise yours; the worst of the day; unbearable as severe). Bearable's Anxiety symptom becomes the Anxiety or panic symptom, not the 0–10 anxiety rating".to_string(),
        "Meds/Supplements in mg, mcg or g → Doses taken, summed per day, for medications of the same name in your journal".to_string(),
        "notes → Note".to_string(),
    ];
    let mut dropped: Vec<String> = left_out
        .iter()
        .map(|(what, n)| format!("{what}: {n} rows; this journal has no place for them."))
        .collect();
    if !units_left_out.is_empty() {
        dropped.push(format!(
            "Doses not in mg, mcg or g: {}.",
            units_left_out
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if crowded > 0 {
        dropped.push(format!("On {crowded} days more than {MAX_OWN_SYMPTOMS} of your own symptoms were rated: the {MAX_OWN_SYMPTOMS} worst of each day are brought in."));
    }
    Ok(ParsedFile {
        source: ImportSource::Bearable,
        kind: "CSV export",
        rows,
        days,
        mapped,
        dropped,
        scales,
        notes_cut: cut,
        keeps_empty_days: false,
    })
}
