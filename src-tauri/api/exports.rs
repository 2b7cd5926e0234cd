//! The Export screen and the visit summary: backups and restores, CSV, FHIR, the calendar,
//! the summary's preview and PDF.

use crate::journal::ValidationError;
use crate::store::auto_backup;
use crate::store::Journal;
use crate::views::{self, PeriodChoice};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::error::{setup_first, Answer, ApiError, ErrorKind};

/// The whole journal as a backup document (JSON), made on `today`.
pub fn backup(j: &Journal, today: NaiveDate) -> Answer<Value> {
    Ok(j.backup(today)?)
}

/// Replaces the journal with a backup file's contents after checking all of it, or changes
/// nothing and says why (field "backup").
pub fn restore(j: &mut Journal, bytes: &[u8]) -> Answer<crate::store::backup::RestoreSummary> {
    Ok(j.restore(bytes)?)
}

/// The backup as the file's bytes (indented JSON, readable in a text editor).
pub fn backup_file(j: &Journal, today: NaiveDate) -> Answer<Vec<u8>> {
    let doc = j.backup(today)?;
    serde_json::to_vec_pretty(&doc).map_err(|e| ApiError {
        cause: None,
        kind: ErrorKind::Storage,
        field: None,
        message: format!("The backup could not be written out ({e})."),
    })
}

/// What a restore did, for the page.
#[derive(Debug, Serialize)]
pub struct Restored {
    pub restored: bool,
    pub message: String,
}

/// Checks a backup fully; if it is good, saves the current journal as a backup beside the
/// journal file, then restores. A bad backup changes nothing and writes nothing.
pub fn restore_keeping_current(j: &mut Journal, bytes: &[u8]) -> Answer<Restored> {
    let checked = crate::store::backup::check_backup(bytes)?;
    // A copy of the database, not JSON: locked with the passphrase when the journal is.
    let aside =
        auto_backup::aside_path(j.path(), crate::store::copies::CopyKind::KeptBeforeRestore);
    j.copy_to(&aside).map_err(|e| ApiError {
        // A full disk or a folder turned read-only is said as such (explain_fault).
        cause: crate::store::write_fault::suspect(&e),
        kind: ErrorKind::Storage,
        field: None,
        message: format!(
            "Nothing was changed: the current journal could not be saved aside first ({e})."
        ),
    })?;
    let s = j.restore_checked(checked)?;
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    Ok(Restored {
        restored: true,
        message: format!(
            "Restored the backup: {}, {}, {}. Your journal as it was is kept in {}.",
            count(s.medications, "medication", "medications"),
            count(s.dose_steps, "dose step", "dose steps"),
            count(s.check_ins, "check-in", "check-ins"),
            aside.display()
        ),
    })
}

impl From<crate::export::csv::CsvError> for ApiError {
    fn from(e: crate::export::csv::CsvError) -> Self {
        match e {
            crate::export::csv::CsvError::Store(s) => s.into(),
            other => ApiError {
                cause: None,
                kind: ErrorKind::Storage,
                field: None,
                message: other.to_string(),
            },
        }
    }
}

/// The journal as CSV, one row per day (columns in `docs/csv-columns.md`), UTF-8 with a BOM.
pub fn export_csv(j: &Journal) -> Answer<Vec<u8>> {
    Ok(crate::export::csv::export(j)?)
}

/// The journal as a FHIR R4 Bundle (JSON), made on `today`.
pub fn export_fhir(j: &Journal, today: NaiveDate) -> Answer<Vec<u8>> {
    Ok(crate::export::fhir::export(j, today)?)
}

/// The planned steps as an .ics calendar made on `today` (neutral titles keep the drug's
/// name and dose out of every event; alarms come the evening before).
pub fn export_ics(
    j: &Journal,
    options: crate::export::ics::CalendarOptions,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    Ok(crate::export::ics::export(j, options, today)?)
}

/// The summary's period and optional patient name, checked; errors name the field.
fn summary_for(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<views::summary::SummaryView> {
    let choice = PeriodChoice::from_key(period)
        .ok_or_else(|| ValidationError::new("period", "Choose one of the listed periods."))?;
    let name = match patient_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(crate::journal::input::name(
            "patient_name",
            "The patient's name",
            n,
        )?),
        None => None,
    };
    views::summary::summary_view(j, choice, name.as_deref(), today)?.ok_or_else(setup_first)
}

fn paper(key: &str) -> Result<crate::export::pdf::Paper, ValidationError> {
    crate::export::pdf::Paper::from_key(key)
        .ok_or_else(|| ValidationError::new("paper", "Choose A4 or US Letter for the paper size."))
}

/// The clinic visit summary as a PDF on `paper` ("a4" or "letter"), for a period
/// (`PeriodChoice` key) and an optional patient name.
pub fn summary_pdf(
    j: &Journal,
    period: &str,
    paper_key: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    let paper = paper(paper_key)?;
    let view = summary_for(j, period, patient_name, today)?;
    Ok(crate::export::pdf::summary_pdf(&view, paper, today)?)
}

/// A summary PDF that could not be made: the person reads a calm message; a failed
/// accessibility check's reasons go to the log.
impl From<crate::export::pdf::PdfError> for ApiError {
    fn from(e: crate::export::pdf::PdfError) -> Self {
        if let Some(reason) = e.reason() {
            eprintln!("taper-journal: the summary PDF could not be made: {reason}");
        }
        ApiError {
            cause: None,
            kind: ErrorKind::Export,
            field: None,
            message: e.to_string(),
        }
    }
}

/// The summary PDF on the paper size set in the journal.
pub fn summary_pdf_on_set_paper(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    let paper = j.paper()?;
    summary_pdf(j, period, &paper, patient_name, today)
}

/// The Visit summary screen: the summary as it will print, and the paper size set.
#[derive(Debug, Serialize)]
pub struct SummaryScreen {
    pub summary: views::summary::SummaryView,
    pub paper: String,
    pub periods: Vec<views::overview::KeyLabel>,
}

pub fn summary_preview(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<SummaryScreen> {
    Ok(SummaryScreen {
        summary: summary_for(j, period, patient_name, today)?,
        paper: j.paper()?,
        periods: PeriodChoice::ALL
            .iter()
            .map(|p| views::overview::KeyLabel {
                key: p.key(),
                label: p.label(),
            })
            .collect(),
    })
}

/// Sets the summary's paper size ("a4" or "letter").
pub fn set_paper(j: &mut Journal, key: &str) -> Answer<()> {
    let p = paper(key)?;
    j.set_paper(p.key())?;
    Ok(())
}

/// The Reminders card at `now` (the person's local time); `problem` is why the last
/// reminder could not be shown, as the shell found.
/// Replaces the journal with one of its automatic backups (named as listed), keeping the
/// current journal aside first.
pub fn restore_auto_backup(j: &mut Journal, name: &str) -> Answer<Restored> {
    let Some(backup) = auto_backup::find(j.path(), name) else {
        return Err(ApiError {
            cause: None,
            kind: ErrorKind::NotFound,
            field: Some("backup".to_string()),
            message: "That backup is no longer there. Nothing was changed.".to_string(),
        });
    };
    let aside = j.restore_auto_backup(&backup.path)?;
    let what = if backup.kind.is_kept_aside() {
        "the copy kept on"
    } else {
        "the automatic backup from"
    };
    Ok(Restored {
        restored: true,
        message: format!(
            "Restored {what} {}. Your journal as it was is kept in {}.",
            views::long_date(backup.date),
            aside.display()
        ),
    })
}
