//! The urgent-help message in every form it takes: worded by when the urgent thing was
//! noted (today or yesterday: get help now; earlier: a fact to raise, calmly) and by who
//! reads it (the patient, with their country's numbers; the clinician, what was recorded).
//! Every screen and the summary take their safety words from here.

use super::short_date;
use crate::journal::crisis_lines::{self, Country, HelpLine};
use crate::journal::{RedFlag, ValidationError};
use crate::store::{Journal, Result};
use chrono::{Duration, NaiveDate};
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

/// Who reads a safety sentence: the patient on `today`, with their country's numbers, or
/// the clinician reading the summary (what was recorded, no instruction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Patient {
        today: NaiveDate,
        country: HelpCountry,
    },
    Clinician,
}

/// How a discussion point about urgent symptoms ends, the latest noted on `latest`.
pub fn point_closing(reader: Reader, latest: NaiveDate, self_harm: bool) -> String {
    let Reader::Patient { today, country } = reader else {
        return String::new();
    };
    let now = is_recent(latest, today);
    // "Today" already says it when it is recent.
    let mut out = if now {
        Vec::new()
    } else {
        vec!["Make sure your prescriber knows.".to_string()]
    };
    out.push(emergency_sentence(country, now));
    if self_harm {
        out.extend(crisis_sentence(country));
    }
    if now {
        out.push("Please also contact your prescriber today.".to_string());
    }
    out.join(" ")
}

/// How the abrupt-stop note ends: "contact your prescriber today" belongs to the day of
/// the step only; later it is a fact to make sure of; the clinician needs neither.
pub fn abrupt_stop_closing(reader: Reader, step_date: NaiveDate) -> &'static str {
    match reader {
        Reader::Patient { today, .. } if step_date >= today => {
            " Please contact your prescriber today."
        }
        Reader::Patient { .. } => " Make sure your prescriber knows about this step.",
        Reader::Clinician => "",
    }
}

/// One number as the message lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contact {
    /// "Emergency services", "Samaritans".
    pub name: String,
    pub number: String,
    /// "Call, free, 24 hours a day"; may be empty.
    pub how: String,
}

/// The message for the patient, as a dialog (`urgent`) or a calm note.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UrgentHelp {
    /// Noted today or yesterday (or on a day after today, with the clock set back): get help now.
    pub urgent: bool,
    /// "Please get urgent help now", or "Urgent symptoms were noted on 3 Mar 2026".
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// The numbers to call, emergency first; empty where the country is not known.
    pub contacts: Vec<Contact>,
    /// Whose numbers these are and where they come from, or how to get them shown.
    pub numbers_note: String,
    /// The button that closes the dialog.
    pub close_label: &'static str,
}

/// What the urgent thing was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Noted {
    /// Red-flag symptoms noted on a check-in.
    RedFlags(Vec<RedFlag>),
    /// Red flags being ticked in a form, which the page lists itself; `self_harm` when the
    /// thoughts-of-self-harm box is among them (the crisis lines are then named too).
    Ticking { self_harm: bool },
    /// PHQ-9 question 9 answered above "Not at all", with the answer's words.
    SelfHarmAnswer(&'static str),
}

/// Today or yesterday, or a day after today (a clock set back): still "now".
pub fn is_recent(date: NaiveDate, today: NaiveDate) -> bool {
    date >= today - Duration::days(1)
}

/// "a seizure", "hallucinations and confusion (delirium)".
fn flag_nouns(flags: &[RedFlag]) -> String {
    let nouns: Vec<&str> = flags.iter().map(|f| f.noun()).collect();
    match nouns.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn contacts(country: HelpCountry) -> Vec<Contact> {
    let HelpCountry::Known(c) = country else {
        return Vec::new();
    };
    let contact = |l: &HelpLine| Contact {
        name: l.name.clone(),
        number: l.number.clone(),
        how: l.how.clone(),
    };
    c.emergency
        .iter()
        .chain(&c.crisis_lines)
        .map(contact)
        .collect()
}

/// "Call 999 …", for the country chosen, or the general sentence.
fn emergency_sentence(country: HelpCountry, now: bool) -> String {
    let numbers = match country {
        HelpCountry::Known(c) => c
            .emergency
            .iter()
            .map(|l| l.number.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
        _ => String::new(),
    };
    let call = if numbers.is_empty() {
        "call your local emergency number".to_string()
    } else {
        format!("call {numbers}")
    };
    if now {
        format!("If this is happening now, or you feel you are in danger, {call} now.")
    } else {
        format!("If it is happening now or comes back, {call} at once.")
    }
}

fn crisis_sentence(country: HelpCountry) -> Option<String> {
    let HelpCountry::Known(c) = country else {
        return None;
    };
    let lines: Vec<String> = c
        .crisis_lines
        .iter()
        .map(|l| format!("{} ({})", l.name, l.number))
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "For thoughts of suicide or self-harm you can also talk to {}.",
            lines.join(" or ")
        )
    })
}

/// A country's name inside a sentence: "the United Kingdom", "Germany".
fn in_sentence(name: &str) -> String {
    const WITH_THE: [&str; 3] = ["United States", "United Kingdom", "Netherlands"];
    if WITH_THE.contains(&name) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

fn numbers_note(country: HelpCountry) -> String {
    match country {
        HelpCountry::Known(c) => {
            let checked = c
                .emergency
                .iter()
                .chain(&c.crisis_lines)
                .map(|l| l.checked_on.as_str())
                .min()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| format!(", from their official sources as read on {}", short_date(d)))
                .unwrap_or_default();
            format!(
                "Numbers for {}{checked}. Another country can be chosen in Settings.",
                in_sentence(&c.name)
            )
        }
        HelpCountry::Other => "Your local emergency number works wherever you are.".to_string(),
        HelpCountry::NotChosen => {
            "Choose your country in Settings to see its emergency number and crisis line here."
                .to_string()
        }
    }
}

/// The patient's message for something noted on `date`.
pub fn urgent_help(
    noted: &Noted,
    date: NaiveDate,
    today: NaiveDate,
    country: HelpCountry,
) -> UrgentHelp {
    let now = is_recent(date, today);
    let day = short_date(date);
    let mut paragraphs = Vec::new();
    let heading = if now {
        "Please get urgent help now".to_string()
    } else {
        match noted {
            Noted::RedFlags(_) | Noted::Ticking { .. } => {
                format!("Urgent symptoms were noted on {day}")
            }
            Noted::SelfHarmAnswer(_) => format!("Thoughts of self-harm were noted on {day}"),
        }
    };
    match (noted, now) {
        (Noted::RedFlags(flags), true) if !flags.is_empty() => {
            paragraphs.push(format!("You noted {}.", flag_nouns(flags)));
        }
        (Noted::RedFlags(flags), false) => paragraphs.push(format!(
            "Urgent symptoms were noted on {day}: {}. Make sure your prescriber knows.",
            flag_nouns(flags)
        )),
        (Noted::Ticking { .. }, false) => paragraphs.push(format!(
            "Urgent symptoms were noted on {day}. Make sure your prescriber knows."
        )),
        (Noted::Ticking { .. }, true) => {}
        (Noted::SelfHarmAnswer(answer), true) => paragraphs.push(format!(
            "You answered the question about thoughts of being better off dead or of hurting yourself with “{answer}”."
        )),
        (Noted::SelfHarmAnswer(answer), false) => paragraphs.push(format!(
            "On {day} you answered the question about thoughts of being better off dead or of hurting yourself with “{answer}”. Make sure your prescriber knows."
        )),
        (Noted::RedFlags(_), true) => {}
    }
    paragraphs.push(emergency_sentence(country, now));
    let self_harm = match noted {
        Noted::SelfHarmAnswer(_) => true,
        Noted::RedFlags(flags) => flags.contains(&RedFlag::SelfHarmThoughts),
        Noted::Ticking { self_harm } => *self_harm,
    };
    if self_harm {
        paragraphs.extend(crisis_sentence(country));
    }
    if now {
        paragraphs.push(
            "Please also contact your prescriber today. You have done the right thing by noting this."
                .to_string(),
        );
    }
    UrgentHelp {
        urgent: now,
        heading,
        paragraphs,
        contacts: contacts(country),
        numbers_note: numbers_note(country),
        close_label: "I have read this",
    }
}

/// For the clinician (the summary): what the patient recorded and when, no instruction.
pub fn recorded_for_clinician(
    red_flags: &[(NaiveDate, Vec<RedFlag>)],
    self_harm: &[(NaiveDate, &str)],
) -> Option<String> {
    let mut parts: Vec<String> = red_flags
        .iter()
        .map(|(d, flags)| format!("{} on {}", flag_nouns(flags), short_date(*d)))
        .collect();
    parts.extend(self_harm.iter().map(|(d, answer)| {
        format!(
            "PHQ-9 question 9 (thoughts of self-harm) answered “{answer}” on {}",
            short_date(*d)
        )
    }));
    (!parts.is_empty()).then(|| format!("Recorded by the patient: {}.", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn uk() -> HelpCountry {
        HelpCountry::from_setting(Some("GB"))
    }

    fn text(h: &UrgentHelp) -> String {
        h.paragraphs.join(" ")
    }

    #[test]
    fn a_seizure_today_or_yesterday_is_urgent_with_the_countrys_numbers() {
        for noted_on in ["2026-03-03", "2026-03-02"] {
            let h = urgent_help(
                &Noted::RedFlags(vec![RedFlag::Seizure]),
                d(noted_on),
                d("2026-03-03"),
                uk(),
            );
            assert!(h.urgent);
            assert_eq!(h.heading, "Please get urgent help now");
            assert!(text(&h).contains("You noted a seizure."), "{}", text(&h));
            assert!(text(&h).contains("call 999 now"), "{}", text(&h));
            assert!(text(&h).contains("contact your prescriber today"));
            assert!(!text(&h).contains("911"));
            assert_eq!(h.contacts[0].number, "999");
        }
    }

    #[test]
    fn an_older_seizure_is_a_fact_to_raise_calmly() {
        let h = urgent_help(
            &Noted::RedFlags(vec![RedFlag::Seizure]),
            d("2026-03-03"),
            d("2026-03-20"),
            uk(),
        );
        assert!(!h.urgent);
        assert_eq!(h.heading, "Urgent symptoms were noted on 3 Mar 2026");
        assert!(text(&h).starts_with(
            "Urgent symptoms were noted on 3 Mar 2026: a seizure. Make sure your prescriber knows."
        ));
        assert!(!text(&h).contains("urgent help now"));
        assert!(!text(&h).contains("today"));
    }

    #[test]
    fn without_a_country_the_message_is_general_and_names_no_number() {
        for country in [HelpCountry::NotChosen, HelpCountry::Other] {
            let h = urgent_help(
                &Noted::SelfHarmAnswer("Several days"),
                d("2026-03-03"),
                d("2026-03-03"),
                country,
            );
            assert!(text(&h).contains("call your local emergency number now"));
            assert!(h.contacts.is_empty());
            for digits in ["911", "988", "999", "112", "116"] {
                assert!(!text(&h).contains(digits), "{digits} in {}", text(&h));
            }
        }
        assert!(numbers_note(HelpCountry::NotChosen).contains("Settings"));
    }

    #[test]
    fn thoughts_of_self_harm_add_the_crisis_line_and_a_seizure_alone_does_not() {
        let harm = urgent_help(
            &Noted::RedFlags(vec![RedFlag::SelfHarmThoughts]),
            d("2026-03-03"),
            d("2026-03-03"),
            uk(),
        );
        assert!(
            text(&harm).contains("Samaritans (116 123)"),
            "{}",
            text(&harm)
        );
        let fit = urgent_help(
            &Noted::RedFlags(vec![RedFlag::Seizure]),
            d("2026-03-03"),
            d("2026-03-03"),
            uk(),
        );
        assert!(!text(&fit).contains("Samaritans"));
        // The numbers are listed either way.
        assert!(fit.contacts.iter().any(|c| c.number == "116 123"));
    }

    #[test]
    fn a_day_after_today_counts_as_now() {
        assert!(is_recent(d("2026-03-05"), d("2026-03-03")));
        assert!(is_recent(d("2026-03-02"), d("2026-03-03")));
        assert!(!is_recent(d("2026-03-01"), d("2026-03-03")));
    }

    #[test]
    fn the_clinician_reads_what_was_recorded_and_when() {
        let text = recorded_for_clinician(
            &[(d("2026-03-03"), vec![RedFlag::Seizure, RedFlag::Confusion])],
            &[(d("2026-03-05"), "Several days")],
        )
        .unwrap();
        assert_eq!(text, "Recorded by the patient: a seizure and confusion (delirium) on 3 Mar 2026; PHQ-9 question 9 (thoughts of self-harm) answered “Several days” on 5 Mar 2026.");
        assert!(!text.contains("help"));
        assert_eq!(recorded_for_clinician(&[], &[]), None);
    }

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
