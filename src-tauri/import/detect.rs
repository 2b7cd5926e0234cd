//! Which app wrote the file, from its header row alone.

use super::table::Table;
use super::{short, ImportError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OwnCsv,
    Emoods,
    Daylio,
    Bearable,
}

pub fn format(table: &Table) -> Result<Format, ImportError> {
    let has = |name: &str| table.column(name).is_some();
    let first = table.header.first().map(|h| h.trim().to_lowercase());
    if first.as_deref() == Some("date") && has("diazepam_equivalent_total_mg") && has("note") {
        return Ok(Format::OwnCsv);
    }
    if has("mood") && has("activities") && (has("full_date") || has("year")) {
        return Ok(Format::Daylio);
    }
    if has("category") && has("rating/amount") && has("detail") {
        return Ok(Format::Bearable);
    }
    if has("depressed") && has("elevated") {
        return Ok(Format::Emoods);
    }
    let header: Vec<String> = table.header.iter().take(6).map(|h| short(h)).collect();
    Err(ImportError::file(format!(
        "This file's columns ({}{}) are not those of a Taper Journal spreadsheet, eMoods, Daylio or Bearable export. Choose the CSV file one of those apps exported. Nothing was imported.",
        header.join(", "),
        if table.header.len() > 6 { ", …" } else { "" }
    )))
}
