//! Whose numbers the urgent-help message gives: the country chosen in Settings, one proposed
//! from the system's language, or none (the general message), and the setting's choices.

use crate::journal::crisis_lines::{self, Country};
use crate::journal::ValidationError;
use crate::store::{Journal, Result};
use serde::Serialize;

/// What the person chose for the numbers: a country of the reference file, "another
/// country" (the general message), or nothing yet (the general message too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpCountry {
    NotChosen,
    Other,
    Known(&'static Country),
}

/// The stored key for "another country or region".
pub const OTHER_COUNTRY: &str = "other";

impl HelpCountry {
    /// From the stored setting; a code the reference file no longer has is "another country".
    pub fn from_setting(key: Option<&str>) -> HelpCountry {
        match key {
            None => HelpCountry::NotChosen,
            Some(OTHER_COUNTRY) => HelpCountry::Other,
            Some(code) => {
                crisis_lines::country(code).map_or(HelpCountry::Other, HelpCountry::Known)
            }
        }
    }

    /// The key the setting stores and the page sends.
    pub fn key(self) -> &'static str {
        match self {
            HelpCountry::NotChosen => "",
            HelpCountry::Other => OTHER_COUNTRY,
            HelpCountry::Known(c) => &c.code,
        }
    }

    /// The country proposed for a journal where none is chosen: the system locale's region
    /// when the reference file has it, else "another country".
    pub fn proposed(locale: Option<&str>) -> HelpCountry {
        locale
            .and_then(crisis_lines::region_of_locale)
            .and_then(|code| crisis_lines::country(&code))
            .map_or(HelpCountry::Other, HelpCountry::Known)
    }
}

/// The country the setting holds for this journal.
pub fn chosen_country(journal: &Journal) -> Result<HelpCountry> {
    Ok(HelpCountry::from_setting(
        journal.help_country()?.as_deref(),
    ))
}

/// The country proposed from the system's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on
/// Linux; the platform's own setting on macOS and Windows): the first that names a region.
/// A region the file lacks gives "another country", never the next locale's country
/// (fr-FR then en-US is not the United States).
pub fn proposed_for_this_system() -> HelpCountry {
    proposed_from(sys_locale::get_locales())
}

/// The proposal for the system's locales, most preferred first.
fn proposed_from(mut locales: impl Iterator<Item = String>) -> HelpCountry {
    let first_with_region = locales.find(|l| crisis_lines::region_of_locale(l).is_some());
    HelpCountry::proposed(first_with_region.as_deref())
}

/// The setting as setup and Settings show it.
#[derive(Debug, Serialize)]
pub struct HelpCountrySetting {
    pub label: &'static str,
    pub hint: &'static str,
    /// Every country of the reference file, then "another country".
    pub choices: Vec<CountryChoice>,
    /// What is stored: a code, "other", or "" when not chosen yet.
    pub chosen: &'static str,
    /// What the list shows selected: the chosen one, or the system's proposal.
    pub selected: &'static str,
    /// Said while nothing is chosen.
    pub not_chosen_note: Option<&'static str>,
    /// What the message gives now: "The urgent-help message gives the numbers for Germany."
    pub current_note: String,
}

#[derive(Debug, Serialize)]
pub struct CountryChoice {
    pub key: &'static str,
    pub label: &'static str,
}

pub fn help_country_setting(chosen: HelpCountry, proposed: HelpCountry) -> HelpCountrySetting {
    let mut choices: Vec<CountryChoice> = crisis_lines::countries()
        .iter()
        .map(|c| CountryChoice {
            key: &c.code,
            label: &c.name,
        })
        .collect();
    choices.push(CountryChoice {
        key: OTHER_COUNTRY,
        label: "Another country or region (the general message)",
    });
    HelpCountrySetting {
        label: "Country or region for urgent-help numbers",
        hint: "If you note an urgent symptom, the app shows this country's emergency number and crisis line.",
        choices,
        chosen: chosen.key(),
        selected: if chosen == HelpCountry::NotChosen { proposed.key() } else { chosen.key() },
        not_chosen_note: (chosen == HelpCountry::NotChosen).then_some(
            "Not chosen yet: until then the urgent-help message says to call your local emergency number.",
        ),
        current_note: match chosen {
            HelpCountry::Known(c) => {
                format!("The urgent-help message gives the numbers for {}.", in_sentence(&c.name))
            }
            _ => "The urgent-help message says to call your local emergency number.".to_string(),
        },
    }
}

/// Validates the key the page sends for the setting.
pub fn parse_help_country(key: &str) -> std::result::Result<HelpCountry, ValidationError> {
    match HelpCountry::from_setting(Some(key.trim())) {
        HelpCountry::Other if key.trim() != OTHER_COUNTRY => Err(ValidationError::new(
            "help_country",
            "Choose one of the listed countries, or \"Another country or region\".",
        )),
        c => Ok(c),
    }
}

/// A country's name inside a sentence: "the United Kingdom", "Germany".
pub(super) fn in_sentence(name: &str) -> String {
    const WITH_THE: [&str; 3] = ["United States", "United Kingdom", "Netherlands"];
    if WITH_THE.contains(&name) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_countries_or_other_are_accepted() {
        assert_eq!(parse_help_country("GB").unwrap().key(), "GB");
        assert_eq!(parse_help_country("other").unwrap(), HelpCountry::Other);
        let err = parse_help_country("XQ").unwrap_err();
        assert_eq!(err.field, "help_country");
        assert!(parse_help_country("").is_err());
    }

    #[test]
    fn the_proposed_country_follows_the_locale_or_is_another_country() {
        assert_eq!(HelpCountry::proposed(Some("en_GB.UTF-8")).key(), "GB");
        assert_eq!(HelpCountry::proposed(Some("de_DE.UTF-8")).key(), "DE");
        assert_eq!(HelpCountry::proposed(Some("C")), HelpCountry::Other);
        assert_eq!(HelpCountry::proposed(None), HelpCountry::Other);
        assert_eq!(HelpCountry::from_setting(Some("XQ")), HelpCountry::Other);
        // The first locale with a region decides: a region the file lacks is "another
        // country", not the next locale's (ja-JP then en-US is not the United States).
        let of = |l: &[&str]| proposed_from(l.iter().map(|s| s.to_string())).key();
        assert_eq!(of(&["ja-JP", "en-US"]), "other");
        assert_eq!(of(&["en", "en-GB"]), "GB");
        assert_eq!(of(&[]), "other");
    }
}
