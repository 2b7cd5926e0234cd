//! The urgent-help message's words: by when the urgent thing was noted (now, or a fact to
//! raise calmly) and by who reads it (the patient, with their country's numbers; the
//! clinician, what was recorded).

use super::country::{in_sentence, HelpCountry};
use crate::journal::crisis_lines::HelpLine;
use crate::journal::RedFlag;
use crate::views::short_date;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

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
}
