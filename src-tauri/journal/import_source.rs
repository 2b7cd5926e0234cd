//! Where imported check-ins came from: the apps whose files the Import screen reads.

use serde::Serialize;

/// The app (and file kind) an import was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// This app's own spreadsheet export (`docs/csv-columns.md`).
    TaperJournalCsv,
    /// eMoods Bipolar Mood Tracker: its CSV export or the `entry.csv` of its backup.
    Emoods,
    /// Daylio's CSV export.
    Daylio,
    /// Bearable's CSV export.
    Bearable,
}

impl ImportSource {
    pub const ALL: [ImportSource; 4] = [
        ImportSource::TaperJournalCsv,
        ImportSource::Emoods,
        ImportSource::Daylio,
        ImportSource::Bearable,
    ];

    /// The stored key (also the schema's CHECK list).
    pub fn key(self) -> &'static str {
        match self {
            ImportSource::TaperJournalCsv => "taper_journal_csv",
            ImportSource::Emoods => "emoods",
            ImportSource::Daylio => "daylio",
            ImportSource::Bearable => "bearable",
        }
    }

    /// The name a person knows it by ("imported from Daylio").
    pub fn label(self) -> &'static str {
        match self {
            ImportSource::TaperJournalCsv => "a Taper Journal spreadsheet",
            ImportSource::Emoods => "eMoods",
            ImportSource::Daylio => "Daylio",
            ImportSource::Bearable => "Bearable",
        }
    }

    pub fn from_key(key: &str) -> Option<ImportSource> {
        ImportSource::ALL.into_iter().find(|s| s.key() == key)
    }
}
