//! The emergency number and crisis lines of each country the urgent-help message knows,
//! read from one cited reference file (`crisis_lines.csv`, compiled in).
//!
//! Every row names its official source and the day it was checked. A number that could
//! not be confirmed in a source that was read stays out of the file, and a country with no
//! emergency row is not offered: its people get the general "call your local emergency
//! number" message, never a guessed number or another country's.

use serde::Deserialize;
use std::sync::OnceLock;

/// The reference file: `country_code,country,kind,name,number,how,source,checked_on`.
const CRISIS_LINES_CSV: &str = include_str!("crisis_lines.csv");

/// One number to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// "Samaritans", or "Emergency services".
    pub name: String,
    /// As dialled in the country: "116 123".
    pub number: String,
    /// "Call, free, 24 hours a day"; empty where the source says nothing more.
    pub how: String,
    /// The official page the number was confirmed on.
    pub source: String,
    /// The day it was checked there (ISO).
    pub checked_on: String,
}

/// A country's numbers: at least one emergency number, and its crisis lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case: "GB".
    pub code: String,
    /// "United Kingdom".
    pub name: String,
    pub emergency: Vec<HelpLine>,
    pub crisis_lines: Vec<HelpLine>,
}

#[derive(Debug, Deserialize)]
struct Row {
    country_code: String,
    country: String,
    kind: String,
    name: String,
    number: String,
    how: String,
    source: String,
    checked_on: String,
}

/// Every country of the reference file, sorted by name.
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| parse(CRISIS_LINES_CSV).unwrap_or_default())
}

/// The country with this code, if the reference file has its numbers.
pub fn country(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.code == code)
}

/// Reads the reference file; a row that breaks the file's rules is an error naming it
/// (the unit test below reads the shipped file, so a bad edit fails the build's tests).
fn parse(text: &str) -> Result<Vec<Country>, String> {
    let mut out: Vec<Country> = Vec::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| format!("crisis_lines.csv line {line}: {e}"))?;
        let valid_code =
            row.country_code.len() == 2 && row.country_code.bytes().all(|b| b.is_ascii_uppercase());
        if !valid_code || row.country.trim().is_empty() {
            return Err(format!("crisis_lines.csv line {line}: country"));
        }
        if row.name.trim().is_empty()
            || row.number.trim().is_empty()
            || !row.source.starts_with("https://")
            || chrono::NaiveDate::parse_from_str(&row.checked_on, "%Y-%m-%d").is_err()
        {
            return Err(format!(
                "crisis_lines.csv line {line}: name, number, an https source and the date checked are required"
            ));
        }
        let help = HelpLine {
            name: row.name,
            number: row.number,
            how: row.how,
            source: row.source,
            checked_on: row.checked_on,
        };
        let index = match out.iter().position(|c| c.code == row.country_code) {
            Some(i) => i,
            None => {
                out.push(Country {
                    code: row.country_code,
                    name: row.country,
                    emergency: Vec::new(),
                    crisis_lines: Vec::new(),
                });
                out.len() - 1
            }
        };
        match row.kind.as_str() {
            "emergency" => out[index].emergency.push(help),
            "crisis_line" => out[index].crisis_lines.push(help),
            other => return Err(format!("crisis_lines.csv line {line}: kind \"{other}\"")),
        }
    }
    // A country is only offered with an emergency number to call.
    out.retain(|c| !c.emergency.is_empty());
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The region of a locale name, as the system gives it: "en_GB.UTF-8" and "en-GB" → "GB",
/// "de_DE@euro" → "DE", "zh-Hant-TW" → "TW"; "C", "POSIX" and a bare "en" → none.
pub fn region_of_locale(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next()?;
    base.split(['_', '-'])
        .skip(1)
        .find(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|part| part.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_reads_and_every_row_cites_its_source_and_date() {
        let countries = parse(CRISIS_LINES_CSV).expect("crisis_lines.csv is valid");
        // The 19 countries issue 10 asked for, each with at least its emergency number.
        let mut codes: Vec<&str> = countries.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(
            codes,
            [
                "AT", "AU", "BE", "CA", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "NL",
                "NO", "NZ", "PT", "SE", "US"
            ]
        );
        assert!(countries.iter().all(|c| !c.emergency.is_empty()));
        for c in &countries {
            for line in c.emergency.iter().chain(&c.crisis_lines) {
                assert!(
                    line.source.starts_with("https://"),
                    "{}: {:?}",
                    c.code,
                    line
                );
                assert!(
                    line.checked_on.starts_with("2026-"),
                    "{}: {:?}",
                    c.code,
                    line
                );
            }
        }
        // Every row of the file made it into a country (none dropped by accident).
        let rows = CRISIS_LINES_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        let kept: usize = countries
            .iter()
            .map(|c| c.emergency.len() + c.crisis_lines.len())
            .sum();
        assert_eq!(rows, kept);
    }

    #[test]
    fn the_united_kingdom_and_the_united_states_have_their_own_numbers() {
        let gb = country("GB").expect("GB");
        assert_eq!(gb.emergency[0].number, "999");
        assert!(gb.crisis_lines.iter().any(|l| l.number == "116 123"));
        let us = country("US").expect("US");
        assert_eq!(us.emergency[0].number, "911");
        assert!(us.crisis_lines.iter().any(|l| l.number == "988"));
    }

    #[test]
    fn a_row_without_a_source_or_date_is_refused() {
        let head = "country_code,country,kind,name,number,how,source,checked_on\n";
        let no_source = format!("{head}XX,Nowhere,emergency,Emergency services,112,,,2026-12-01\n");
        assert!(parse(&no_source).unwrap_err().contains("line 2"));
        let no_date =
            format!("{head}XX,Nowhere,emergency,Emergency services,112,,https://example.org,\n");
        assert!(parse(&no_date).is_err());
        let bad_kind = format!("{head}XX,Nowhere,hotline,A,1,,https://example.org,2026-12-01\n");
        assert!(parse(&bad_kind).unwrap_err().contains("hotline"));
    }

    #[test]
    fn a_country_with_only_a_crisis_line_is_not_offered() {
        let text = "country_code,country,kind,name,number,how,source,checked_on\n\
XX,Nowhere,crisis_line,A line,1,,https://example.org,2026-12-01\n";
        assert!(parse(text).unwrap().is_empty());
    }

    #[test]
    fn regions_are_read_from_locale_names() {
        assert_eq!(region_of_locale("en_GB.UTF-8").as_deref(), Some("GB"));
        assert_eq!(region_of_locale("de_DE.UTF-8").as_deref(), Some("DE"));
        assert_eq!(region_of_locale("de_DE@euro").as_deref(), Some("DE"));
        assert_eq!(region_of_locale("en-US").as_deref(), Some("US"));
        assert_eq!(region_of_locale("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(region_of_locale("fr_ch").as_deref(), Some("CH"));
        assert_eq!(region_of_locale("C"), None);
        assert_eq!(region_of_locale("POSIX"), None);
        assert_eq!(region_of_locale("en"), None);
        assert_eq!(region_of_locale(""), None);
    }
}
