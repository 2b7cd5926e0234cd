//! Bringing past days in from a file: this app's own CSV, eMoods, Daylio and Bearable
//! (columns and sources in `docs/import-formats.md`).
//!
//! The steps, each its own module: `text` (bytes to text, or a clear refusal), `table`
//! (CSV rows with their row numbers), `detect` (which app wrote it, from the header), one
//! module per format (rows to `SourceDay`s: values in our fields, the rating values still
//! in the other app's scale, each remembering its row and column), `scales` (the person's
//! choice of what each of the other app's values means here) and `days` (the check-ins as
//! they will be written, checked by the same rules as the check-in form). Nothing here
//! writes: `store::imports` writes all days in one transaction.

mod bearable;
mod daylio;
pub mod days;
mod detect;
mod emoods;
mod own_csv;
pub mod scales;
pub mod table;
pub mod text;

use crate::journal::{CheckInInput, ImportSource};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

pub use days::{check_ins, Choices};
pub use scales::{Rated, Scale};

/// Why a file cannot be imported: where (row, column) when it is one place, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The row as counted from the header (row 1).
    pub row: Option<usize>,
    /// The column's name in the file's header.
    pub column: Option<String>,
    pub message: String,
}

impl ImportError {
    pub fn file(message: impl Into<String>) -> ImportError {
        ImportError {
            row: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(cell: &Cell, message: impl Into<String>) -> ImportError {
        ImportError {
            row: Some(cell.row),
            column: Some(cell.column.clone()),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "Row {r}, column \"{}\": {}", short(c), self.message),
            (Some(r), None) => write!(f, "Row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "Column \"{}\": {}", short(c), self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// Text from the file, shortened and without control characters before it goes into a
/// message.
pub fn short(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

/// One cell of the file: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub row: usize,
    pub column: String,
    pub text: String,
}

/// A rating still in the other app's scale, to be mapped by the person's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaledValue {
    pub field: Rated,
    /// The scale's key (`Scale::key`).
    pub scale: &'static str,
    pub cell: Cell,
}

/// A dose read from the file, by the medication's name as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDose {
    pub medication: String,
    /// mg as text.
    pub mg: String,
    pub cell: Cell,
}

/// One day read from the file, before the scales are chosen.
#[derive(Debug, Clone, Default)]
pub struct SourceDay {
    pub date: Option<NaiveDate>,
    /// The first row of the file for this day.
    pub row: usize,
    /// Values already in this journal's terms (the check-in form's fields as text).
    pub input: CheckInInput,
    /// Where each of `input`'s fields came from, by the form's field name, for messages.
    pub origin: BTreeMap<String, Cell>,
    pub scaled: Vec<ScaledValue>,
    pub doses: Vec<SourceDose>,
}

impl SourceDay {
    pub fn date(&self) -> NaiveDate {
        self.date.unwrap_or_default()
    }
}

/// A file read and understood, waiting for the person's choices.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub source: ImportSource,
    /// What was found out about the file's version or kind ("CSV export", "backup's entry.csv").
    pub kind: &'static str,
    pub rows: usize,
    /// One per day, in date order.
    pub days: Vec<SourceDay>,
    /// What is brought in: "Mood → Mood (0–10, by the scale below)".
    pub mapped: Vec<String>,
    /// What is left out, and why.
    pub dropped: Vec<String>,
    /// Notes cut to what a check-in holds, with their rows (shown before the other lines).
    pub notes_cut: Option<String>,
    /// The other app's rating scales met in the file.
    pub scales: Vec<Scale>,
    /// Whether a day with nothing in it is a check-in all the same: in our own CSV it is
    /// (the person saved an empty check-in); in another app's file it is a day with nothing
    /// this journal keeps (an eMoods day "not logged"), and is not brought in.
    pub keeps_empty_days: bool,
}

/// Reads a file's bytes: decodes, recognises the app from the header, reads every row.
/// `today` bounds the dates (a day that has not come is refused).
pub fn read(bytes: &[u8], today: NaiveDate) -> Result<ParsedFile, ImportError> {
    let text = text::decode(bytes)?;
    let table = table::read(&text)?;
    let parsed = match detect::format(&table)? {
        detect::Format::OwnCsv => own_csv::parse(&table)?,
        detect::Format::Emoods => emoods::parse(&table)?,
        detect::Format::Daylio => daylio::parse(&table)?,
        detect::Format::Bearable => bearable::parse(&table)?,
    };
    days::check_dates(&parsed, today)?;
    Ok(parsed)
}

/// A date cell in one of the formats' date formats, or an error naming the cell.
pub fn parse_date(cell: &Cell, formats: &[&str]) -> Result<NaiveDate, ImportError> {
    let t = cell.text.trim();
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| {
            ImportError::at(
                cell,
                format!(
                    "\"{}\" is not a date this import can read (expected for example {}). Nothing was imported.",
                    short(t),
                    NaiveDate::from_ymd_opt(2026, 3, 14)
                        .map(|d| d.format(formats[0]).to_string())
                        .unwrap_or_default()
                ),
            )
        })
}

/// Groups rows into days in date order; `one_row_per_day` refuses two rows for one date
/// (naming both rows), otherwise `merge` folds each further row into its day.
pub fn group_days(
    rows: Vec<SourceDay>,
    one_row_per_day: bool,
    mut merge: impl FnMut(&mut SourceDay, SourceDay),
) -> Result<Vec<SourceDay>, ImportError> {
    let mut by_date: BTreeMap<NaiveDate, SourceDay> = BTreeMap::new();
    for day in rows {
        match by_date.get_mut(&day.date()) {
            Some(first) if one_row_per_day => {
                return Err(ImportError {
                    row: Some(day.row),
                    column: None,
                    message: format!(
                        "Rows {} and {} are both for {}; this file should have one row per day. Nothing was imported.",
                        first.row,
                        day.row,
                        crate::views::long_date(day.date())
                    ),
                })
            }
            Some(first) => merge(first, day),
            None => {
                by_date.insert(day.date(), day);
            }
        }
    }
    Ok(by_date.into_values().collect())
}

/// Sleep hours as our form takes them: rounded to the quarter hour.
pub fn quarter_hours_text(hours: f64) -> String {
    let q = (hours * 4.0).round() / 4.0;
    if q.fract() == 0.0 {
        format!("{q:.0}")
    } else {
        format!("{q}")
    }
}
