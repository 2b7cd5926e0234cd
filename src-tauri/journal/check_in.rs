//! The daily check-in: one per calendar day, every field but the date optional.

use super::input::{
    self, non_blank, text_or_number, ValidationError, NAME_MAX_CHARS, NOTE_MAX_CHARS,
    SHORT_TEXT_MAX_CHARS,
};
pub use super::symptoms::RedFlag;
use super::symptoms::{builtin_symptom, BUILTIN_SYMPTOMS};
use super::units::{Micrograms, QuarterHours};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// More drinks than this in a day is a typing mistake rather than an entry.
pub const MAX_ALCOHOL_DRINKS: u8 = 50;
/// A person's own symptoms per day; the built-in list covers most, this bounds a paste.
pub const MAX_OWN_SYMPTOMS: usize = 20;
/// The form sends every own symptom ever used (most rated "none"); this bounds a paste.
pub const MAX_OWN_SYMPTOMS_LISTED: usize = 500;

/// Therapy or coping practice done that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Practice {
    Cbt,
    DbtSkill,
    Exercise,
    Relaxation,
}

impl Practice {
    pub const ALL: [Practice; 4] = [
        Practice::Cbt,
        Practice::DbtSkill,
        Practice::Exercise,
        Practice::Relaxation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Practice::Cbt => "cbt",
            Practice::DbtSkill => "dbt_skill",
            Practice::Exercise => "exercise",
            Practice::Relaxation => "relaxation",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Practice::Cbt => "CBT (therapy or exercises)",
            Practice::DbtSkill => "A DBT skill",
            Practice::Exercise => "Exercise or a walk",
            Practice::Relaxation => "Breathing, relaxation or mindfulness",
        }
    }
    pub fn from_key(key: &str) -> Option<Practice> {
        Practice::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// One symptom rated that day (severity 1–3; "none" is simply not stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SymptomEntry {
    /// A built-in key, or the person's own symptom name when `builtin` is false.
    pub name: String,
    pub builtin: bool,
    pub severity: u8,
}

/// What was taken of one medication that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoseTaken {
    pub medication_id: i64,
    pub dose: Micrograms,
}

/// A validated check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    pub date: NaiveDate,
    pub anxiety: Option<u8>,
    pub mood: Option<u8>,
    pub sleep: Option<QuarterHours>,
    pub sleep_quality: Option<u8>,
    pub symptoms: Vec<SymptomEntry>,
    pub red_flags: Vec<RedFlag>,
    pub doses_taken: Vec<DoseTaken>,
    pub alcohol_drinks: Option<u8>,
    pub opioids: bool,
    pub cannabis: bool,
    pub other_sedatives: bool,
    pub substance_note: Option<String>,
    pub practices: Vec<Practice>,
    pub practice_note: Option<String>,
    pub note: Option<String>,
}

impl CheckIn {
    /// Nothing recorded at all (an imported day with nothing this journal keeps).
    pub fn is_empty(&self) -> bool {
        self.anxiety.is_none()
            && self.mood.is_none()
            && self.sleep.is_none()
            && self.sleep_quality.is_none()
            && self.symptoms.is_empty()
            && self.red_flags.is_empty()
            && self.doses_taken.is_empty()
            && self.alcohol_drinks.is_none()
            && !self.opioids
            && !self.cannabis
            && !self.other_sedatives
            && self.substance_note.is_none()
            && self.practices.is_empty()
            && self.practice_note.is_none()
            && self.note.is_none()
    }

    /// Sum of the day's symptom severities (built-in and own).
    pub fn symptom_score(&self) -> u32 {
        self.symptoms.iter().map(|s| u32::from(s.severity)).sum()
    }
}

/// The check-in form as the page sends it: numbers as typed, maps keyed by symptom.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInInput {
    pub date: String,
    #[serde(default, deserialize_with = "text_or_number")]
    pub anxiety: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub mood: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub sleep_hours: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub sleep_quality: Option<String>,
    /// Built-in symptom key -> severity 0–3.
    #[serde(default)]
    pub symptoms: BTreeMap<String, serde_json::Value>,
    /// The person's own symptom name -> severity 0–3.
    #[serde(default)]
    pub own_symptoms: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub red_flags: Vec<String>,
    /// Medication id -> mg taken that day.
    #[serde(default)]
    pub doses_taken: BTreeMap<String, serde_json::Value>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub alcohol_drinks: Option<String>,
    #[serde(default)]
    pub opioids: bool,
    #[serde(default)]
    pub cannabis: bool,
    #[serde(default)]
    pub other_sedatives: bool,
    #[serde(default)]
    pub substance_note: Option<String>,
    #[serde(default)]
    pub practices: Vec<String>,
    #[serde(default)]
    pub practice_note: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Why a check-in for a day after today is refused (a day that has not begun).
pub const NOT_A_LATER_DAY: &str = "A check-in can only be for today or an earlier day.";

impl CheckInInput {
    /// Validates against `latest`, the latest day a check-in may be for: today (a day that
    /// has not begun has no check-in), or a later day the journal already holds.
    pub fn validate(&self, latest: NaiveDate) -> Result<CheckIn, ValidationError> {
        let date = input::parse_date("date", &self.date)?;
        if date > latest {
            return Err(ValidationError::new("date", NOT_A_LATER_DAY));
        }
        let sleep = match non_blank(&self.sleep_hours) {
            Some(t) => Some(QuarterHours::parse_hours("sleep_hours", t)?),
            None => None,
        };
        let mut symptoms = Vec::new();
        for (key, value) in &self.symptoms {
            let field = format!("symptoms.{key}");
            let symptom = builtin_symptom(key).ok_or_else(|| {
                ValidationError::new(&field, format!("\"{key}\" is not a built-in symptom."))
            })?;
            if let Some(severity) = severity(&field, symptom.label, value)? {
                symptoms.push(SymptomEntry {
                    name: symptom.key.to_string(),
                    builtin: true,
                    severity,
                });
            }
        }
        if self.own_symptoms.len() > MAX_OWN_SYMPTOMS_LISTED {
            return Err(ValidationError::new(
                "own_symptoms",
                "Too many symptoms in one check-in.",
            ));
        }
        for (raw_name, value) in &self.own_symptoms {
            let name = input::name("own_symptoms", "Symptom name", raw_name)?;
            if BUILTIN_SYMPTOMS
                .iter()
                .any(|s| s.label.eq_ignore_ascii_case(&name))
            {
                return Err(ValidationError::new(
                    "own_symptoms",
                    format!("\"{name}\" is already in the list above."),
                ));
            }
            if let Some(severity) = severity("own_symptoms", &name, value)? {
                if symptoms.iter().any(|s| !s.builtin && s.name == name) {
                    return Err(ValidationError::new(
                        "own_symptoms",
                        format!("\"{name}\" appears twice."),
                    ));
                }
                symptoms.push(SymptomEntry {
                    name,
                    builtin: false,
                    severity,
                });
            }
        }
        // Only symptoms rated above "none" count: the form lists every own symptom ever used.
        if symptoms.iter().filter(|s| !s.builtin).count() > MAX_OWN_SYMPTOMS {
            return Err(ValidationError::new(
                "own_symptoms",
                format!("At most {MAX_OWN_SYMPTOMS} of your own symptoms can be rated on one day."),
            ));
        }
        let mut red_flags = Vec::new();
        for key in &self.red_flags {
            let flag = RedFlag::from_key(key).ok_or_else(|| {
                ValidationError::new("red_flags", format!("\"{key}\" is not a red-flag symptom."))
            })?;
            if !red_flags.contains(&flag) {
                red_flags.push(flag);
            }
        }
        red_flags.sort();
        let mut doses_taken = Vec::new();
        for (id_text, value) in &self.doses_taken {
            let field = format!("doses_taken.{id_text}");
            let medication_id: i64 = id_text
                .parse()
                .map_err(|_| ValidationError::new(&field, "Unknown medication."))?;
            let text = match value {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) if s.trim().is_empty() => continue,
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => {
                    return Err(ValidationError::new(
                        &field,
                        "Dose taken must be a number of mg.",
                    ))
                }
            };
            let dose = Micrograms::parse_mg(&field, "Dose taken", &text)?;
            doses_taken.push(DoseTaken {
                medication_id,
                dose,
            });
        }
        let mut practices = Vec::new();
        for key in &self.practices {
            let p = Practice::from_key(key).ok_or_else(|| {
                ValidationError::new("practices", format!("\"{key}\" is not a listed practice."))
            })?;
            if !practices.contains(&p) {
                practices.push(p);
            }
        }
        practices.sort();
        Ok(CheckIn {
            date,
            anxiety: input::rating("anxiety", "Anxiety", &self.anxiety)?,
            mood: input::rating("mood", "Mood", &self.mood)?,
            sleep,
            sleep_quality: input::rating("sleep_quality", "Sleep quality", &self.sleep_quality)?,
            symptoms,
            red_flags,
            doses_taken,
            alcohol_drinks: input::bounded_whole(
                "alcohol_drinks",
                "Alcoholic drinks",
                &self.alcohol_drinks,
                MAX_ALCOHOL_DRINKS,
            )?,
            opioids: self.opioids,
            cannabis: self.cannabis,
            other_sedatives: self.other_sedatives,
            substance_note: input::optional_text(
                "substance_note",
                "Substance note",
                &self.substance_note,
                SHORT_TEXT_MAX_CHARS,
            )?,
            practices,
            practice_note: input::optional_text(
                "practice_note",
                "Practice note",
                &self.practice_note,
                SHORT_TEXT_MAX_CHARS,
            )?,
            note: input::optional_text("note", "Note", &self.note, NOTE_MAX_CHARS)?,
        })
    }
}

/// Severity 0–3 as a number or digit text; 0 ("none") and blank mean nothing to store.
fn severity(
    field: &str,
    label: &str,
    value: &serde_json::Value,
) -> Result<Option<u8>, ValidationError> {
    let n = match value {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) if s.trim().is_empty() => return Ok(None),
        serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(0) => Ok(None),
        Some(n @ 1..=3) => Ok(Some(n as u8)),
        _ => Err(ValidationError::new(
            field,
            format!("{label}: choose none, mild, moderate or severe."),
        )),
    }
}

const _: () = assert!(NAME_MAX_CHARS <= SHORT_TEXT_MAX_CHARS);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn parse(v: serde_json::Value) -> Result<CheckIn, ValidationError> {
        input::parse_input::<CheckInInput>(v)?.validate(today())
    }

    #[test]
    fn a_full_check_in() {
        let c = parse(json!({
            "date": "2026-11-22", "anxiety": "4", "mood": 6, "sleep_hours": "6.75",
            "sleep_quality": "5", "symptoms": {"insomnia": 2, "tremor": "0", "headache": "1"},
            "own_symptoms": {"jaw clenching": 1}, "red_flags": [],
            "doses_taken": {"1": "0.5"}, "alcohol_drinks": "1", "practices": ["cbt", "exercise"],
            "note": "walked <b>twice</b>"
        }))
        .unwrap();
        assert_eq!(c.anxiety, Some(4));
        assert_eq!(c.sleep, Some(QuarterHours(27)));
        // tremor "none" is not stored; score = insomnia 2 + headache 1 + own 1.
        assert_eq!(c.symptoms.len(), 3);
        assert_eq!(c.symptom_score(), 4);
        assert_eq!(
            c.doses_taken,
            vec![DoseTaken {
                medication_id: 1,
                dose: Micrograms(500)
            }]
        );
        assert_eq!(c.note.as_deref(), Some("walked <b>twice</b>"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (json!({"date": "2026-11-22", "anxiety": 11}), "anxiety"),
            (json!({"date": "2026-11-23"}), "date"),
            (
                json!({"date": "2026-11-22", "sleep_hours": "7.3"}),
                "sleep_hours",
            ),
            (
                json!({"date": "2026-11-22", "symptoms": {"insomnia": 4}}),
                "symptoms.insomnia",
            ),
            (
                json!({"date": "2026-11-22", "symptoms": {"made_up": 1}}),
                "symptoms.made_up",
            ),
            (
                json!({"date": "2026-11-22", "red_flags": ["sneeze"]}),
                "red_flags",
            ),
            (
                json!({"date": "2026-11-22", "doses_taken": {"1": "-1"}}),
                "doses_taken.1",
            ),
            (
                json!({"date": "2026-11-22", "own_symptoms": {"<script>": 1}}),
                "own_symptoms",
            ),
            (
                json!({"date": "2026-11-22", "note": "x".repeat(1_048_576)}),
                "note",
            ),
            (json!({"date": "2026-11-22", "mood_swing": 3}), "mood_swing"),
        ];
        for (value, field) in cases {
            assert_eq!(parse(value).unwrap_err().field, field);
        }
    }
}
