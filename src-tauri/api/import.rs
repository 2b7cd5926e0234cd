//! The Import card: a file read and previewed (nothing written), the person's choices
//! (what each of the other app's values means here, and whether days that already have a
//! check-in are kept or replaced), the import written all at once, and an undo.

use super::error::{Answer, ApiError, ErrorKind};
use crate::import::{self, scales::ScaleChoices, Choices, ImportError, ParsedFile};
use crate::journal::ValidationError;
use crate::store::{ExistingDays, Journal};
use crate::views::import::{self as words, ImportItem, ImportPreview};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A file read and understood, kept by the shell between the preview and the import.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub parsed: ParsedFile,
    pub file_name: String,
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        ApiError {
            cause: None,
            kind: ErrorKind::InvalidInput,
            field: Some("file".to_string()),
            message: e.to_string(),
        }
    }
}

/// The choices as the page sends them: `{"existing": "keep"|"replace", "scales": {key:
/// {value: 0..=max or null}}}`; anything missing stays as proposed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoicesInput {
    #[serde(default)]
    pub existing: Option<String>,
    #[serde(default)]
    pub scales: BTreeMap<String, BTreeMap<String, Value>>,
}

fn choices(
    parsed: &ParsedFile,
    input: &ChoicesInput,
) -> Result<(Choices, ExistingDays), ValidationError> {
    let existing = match input.existing.as_deref() {
        None | Some("keep") => ExistingDays::Keep,
        Some("replace") => ExistingDays::Replace,
        Some(_) => {
            return Err(ValidationError::new(
                "existing",
                "Choose to keep or to replace the days that already have a check-in.",
            ))
        }
    };
    let mut scales = ScaleChoices::new();
    for (key, values) in &input.scales {
        let scale = parsed.scales.iter().find(|s| s.key == key).ok_or_else(|| {
            ValidationError::new(
                format!("scales.{}", import::short(key)),
                "This file has no such scale.",
            )
        })?;
        let mut chosen = BTreeMap::new();
        for (value, meaning) in values {
            let field = format!("scales.{}.{}", scale.key, import::short(value));
            let v = import::scales::normal(value);
            if !scale.values.iter().any(|x| x.value == v) {
                return Err(ValidationError::new(
                    field,
                    "This value is not in the file.",
                ));
            }
            let m = match meaning {
                Value::Null => None,
                Value::String(s) if s.trim().is_empty() => None,
                other => {
                    let n = match other {
                        Value::Number(n) => n.as_u64(),
                        Value::String(s) => s.trim().parse::<u64>().ok(),
                        _ => None,
                    };
                    match n {
                        Some(n) if n <= u64::from(scale.max) => Some(n as u8),
                        _ => {
                            return Err(ValidationError::new(
                                field,
                                format!(
                                    "Choose a whole number from 0 to {}, or leave it out.",
                                    scale.max
                                ),
                            ))
                        }
                    }
                }
            };
            chosen.insert(v, m);
        }
        scales.insert(scale.key.to_string(), chosen);
    }
    Ok((Choices { scales }, existing))
}

/// Reads a file's bytes (named `file_name`) into a pending import and its first preview.
pub fn read_import(
    j: &Journal,
    bytes: &[u8],
    file_name: &str,
    today: NaiveDate,
) -> Answer<(PendingImport, ImportPreview)> {
    let parsed = import::read(bytes, today)?;
    let pending = PendingImport {
        parsed,
        // Kept in the journal (and its backups, which refuse control characters).
        file_name: file_name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(255)
            .collect::<String>()
            .trim()
            .to_string(),
    };
    let pending = if pending.file_name.is_empty() {
        PendingImport {
            file_name: "file".to_string(),
            ..pending
        }
    } else {
        pending
    };
    let preview = preview_import(j, &pending, ChoicesInput::default(), today)?;
    Ok((pending, preview))
}

/// Reads the file at `path` (refused before reading when larger than an import reads) into
/// a pending import and its first preview.
pub fn read_import_file(
    j: &Journal,
    path: &std::path::Path,
    today: NaiveDate,
) -> Answer<(PendingImport, ImportPreview)> {
    let unreadable = |e: std::io::Error| {
        ImportError::file(format!(
            "The file could not be read ({e}). Nothing was imported."
        ))
    };
    let len = std::fs::metadata(path).map_err(unreadable)?.len();
    if len > import::text::MAX_BYTES as u64 {
        return Err(import::text::too_large(usize::try_from(len).unwrap_or(usize::MAX)).into());
    }
    // Read at most one byte more than allowed: a pipe or a growing file is bounded too.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(unreadable)?,
            import::text::MAX_BYTES as u64 + 1,
        ),
        &mut bytes,
    )
    .map_err(unreadable)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the file".to_string());
    read_import(j, &bytes, &name, today)
}

/// The preview under the person's choices. Nothing is written.
pub fn preview_import(
    j: &Journal,
    pending: &PendingImport,
    input: ChoicesInput,
    today: NaiveDate,
) -> Answer<ImportPreview> {
    let parsed = &pending.parsed;
    let (choices, existing) = choices(parsed, &input)?;
    let medications = j.medications()?;
    let check_ins = import::check_ins(parsed, &choices, &medications, today);
    let taken: std::collections::BTreeSet<NaiveDate> =
        j.check_ins()?.iter().map(|c| c.date).collect();
    // What the person most needs to know first (never summarised away), then the format's
    // own lines, at most ten of them.
    let mut dropped: Vec<String> = parsed.notes_cut.iter().cloned().collect();
    if let Ok(list) = &check_ins {
        let empty = parsed.days.len() - list.len();
        if empty > 0 {
            dropped.push(format!(
                "{} with nothing this journal keeps (for example every level \"not logged\", or only words not placed on the scale yet): not brought in.",
                crate::views::days_text(empty as i64)
            ));
        }
    }
    let unmatched = import::days::unmatched_medications(parsed, &medications);
    if !unmatched.is_empty() {
        dropped.push(format!(
            "Doses of {}: no medication of that name in your journal. Add it on the Medications screen first to bring these doses in.",
            import::days::at_most(unmatched.iter().map(|n| import::short(n)).collect(), 10).join(", ")
        ));
    }
    dropped.extend(import::days::at_most(parsed.dropped.clone(), 10));
    Ok(words::preview(
        parsed.source,
        parsed.kind,
        &pending.file_name,
        parsed.rows,
        check_ins.as_deref().map_err(|e| e.to_string()),
        &|d| taken.contains(&d),
        existing,
        parsed.mapped.clone(),
        dropped,
        import::scales::with_choices(&parsed.scales, &choices.scales),
    ))
}

/// What an import or an undo did, for the page.
#[derive(Debug, Serialize)]
pub struct ImportDone {
    pub done: bool,
    pub message: String,
    pub imports: Vec<ImportItem>,
}

/// Writes the pending import under the person's choices, all days in one transaction.
pub fn run_import(
    j: &mut Journal,
    pending: &PendingImport,
    input: ChoicesInput,
    today: NaiveDate,
) -> Answer<ImportDone> {
    let parsed = &pending.parsed;
    let (choices, existing) = choices(parsed, &input)?;
    let check_ins = import::check_ins(parsed, &choices, &j.medications()?, today)?;
    let empty_days = {
        let taken: std::collections::BTreeSet<NaiveDate> =
            j.check_ins()?.iter().map(|c| c.date).collect();
        check_ins
            .iter()
            .filter(|c| !taken.contains(&c.date))
            .count()
    };
    if check_ins.is_empty() || (existing == ExistingDays::Keep && empty_days == 0) {
        // The preview offered no Import button: nothing would be written.
        return Err(ImportError::file(
            "There is no day to bring in: the file holds nothing this journal keeps, or every day in it already has a check-in. Nothing was imported.",
        )
        .into());
    }
    let written = j.import_check_ins(
        parsed.source,
        &pending.file_name,
        today,
        &check_ins,
        existing,
    )?;
    Ok(ImportDone {
        done: true,
        message: words::written_message(parsed.source, &written),
        imports: words::import_items(&j.imports()?),
    })
}

/// Undoes one import as a whole.
pub fn undo_import(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<ImportDone> {
    let undone = j.undo_import(id, today)?;
    Ok(ImportDone {
        done: true,
        message: words::undone_message(&undone),
        imports: words::import_items(&j.imports()?),
    })
}

/// The Import card: its words and the imports made so far, newest first.
pub fn import_card(j: &Journal) -> Answer<words::ImportCard> {
    Ok(words::import_card(&j.imports()?))
}
