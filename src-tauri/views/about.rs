//! About: which version this is, under which licence, where its journal lives, whose
//! tables it converts with, and whose work it is built on.

use crate::taper::equivalence::EquivalenceTable;
use serde::Serialize;
use std::path::Path;

/// The app's own licence (MIT), the DejaVu fonts' (embedded in the summary PDF), and the
/// third-party crates' licences, generated from Cargo.lock by cargo-about
/// (`./dev.sh licences`; tests/package.rs checks it names every crate the app is built
/// from). The packages' copyright file is these three texts too (dev.sh).
const APP_LICENCE: &str = include_str!("../../LICENSE");
const FONT_LICENCE: &str = include_str!("../export/fonts/LICENSE-DejaVu.txt");
pub const THIRD_PARTY_LICENCES: &str = include_str!("../../packaging/licences.txt");

#[derive(Debug, Serialize, PartialEq)]
pub struct AboutView {
    /// "Taper Journal 0.1.0".
    pub title: String,
    pub version: String,
    /// "Free software under the MIT licence."
    pub licence: String,
    pub licence_text: String,
    /// The journal file's full path, as the system names it.
    pub journal_path: String,
    pub tables: Vec<TableSource>,
    pub not_advice: &'static str,
    pub font_licence: String,
    pub third_party_licences: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct TableSource {
    pub label: String,
    pub source: String,
}

pub fn about_view(journal_path: &Path) -> AboutView {
    AboutView {
        title: format!("Taper Journal {}", crate::APP_VERSION),
        version: crate::APP_VERSION.to_string(),
        licence: "Free software under the MIT licence.".to_string(),
        licence_text: APP_LICENCE.to_string(),
        journal_path: journal_path.display().to_string(),
        tables: EquivalenceTable::ALL
            .into_iter()
            .map(|t| TableSource {
                label: t.label().to_string(),
                source: t.description().to_string(),
            })
            .collect(),
        not_advice: super::overview::NOT_MEDICAL_ADVICE,
        font_licence: FONT_LICENCE.to_string(),
        third_party_licences: THIRD_PARTY_LICENCES.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_names_this_version_this_journal_both_tables_and_every_licence() {
        let path =
            Path::new("/home/someone/.local/share/org.taperjournal.desktop/taper-journal.db");
        let about = about_view(path);
        assert_eq!(
            about.title,
            format!("Taper Journal {}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(about.journal_path, path.display().to_string());
        assert_eq!(about.tables.len(), EquivalenceTable::ALL.len());
        assert!(about
            .tables
            .iter()
            .any(|t| t.source.contains("2025 Joint Clinical Practice Guideline")));
        assert!(about
            .tables
            .iter()
            .any(|t| t.source.contains("Ashton Manual")));
        assert!(about.licence_text.starts_with("MIT License"));
        assert!(about.font_licence.contains("DejaVu"));
        assert!(about.third_party_licences.contains("  - krilla "));
        assert!(
            about.third_party_licences.contains("Zetetic"),
            "SQLCipher's own licence"
        );
        assert!(about.not_advice.contains("not medical advice"));
    }
}
