//! GAD-7 and PHQ-9: the standard items, answer options, scoring and bands.
//!
//! Source: Spitzer, Kroenke, Williams, Löwe (GAD-7, 2006) and Kroenke, Spitzer, Williams
//! (PHQ-9, 2001); both released by Pfizer for use without charge or permission. Both ask
//! about the last two weeks, which is why the journal offers them every two weeks
//! (`DUE_EVERY_DAYS`), not daily.

use super::input::{parse_date, ValidationError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Both questionnaires cover the past two weeks.
pub const DUE_EVERY_DAYS: i64 = 14;

/// The four answers every item offers, scored 0–3.
pub const ANSWER_OPTIONS: [&str; 4] = [
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
];

const GAD7_ITEMS: [&str; 7] = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
];

const PHQ9_ITEMS: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

/// GAD-7 bands: 5 / 10 / 15 are the published cut-offs for mild / moderate / severe anxiety.
const GAD7_BANDS: &[(u8, &str)] = &[
    (0, "minimal"),
    (5, "mild"),
    (10, "moderate"),
    (15, "severe"),
];

/// PHQ-9 bands: 5 / 10 / 15 / 20 for mild / moderate / moderately severe / severe depression.
const PHQ9_BANDS: &[(u8, &str)] = &[
    (0, "minimal"),
    (5, "mild"),
    (10, "moderate"),
    (15, "moderately severe"),
    (20, "severe"),
];

/// PHQ-9 item 9 (index 8): thoughts of being better off dead or of self-harm. Any answer
/// above "Not at all" shows the safety message at once.
pub const PHQ9_SAFETY_ITEM: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionnaireKind {
    Gad7,
    Phq9,
}

impl QuestionnaireKind {
    pub const ALL: [QuestionnaireKind; 2] = [QuestionnaireKind::Gad7, QuestionnaireKind::Phq9];

    pub fn key(self) -> &'static str {
        match self {
            QuestionnaireKind::Gad7 => "gad7",
            QuestionnaireKind::Phq9 => "phq9",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
    pub fn label(self) -> &'static str {
        match self {
            QuestionnaireKind::Gad7 => "GAD-7 (anxiety)",
            QuestionnaireKind::Phq9 => "PHQ-9 (mood)",
        }
    }
    pub fn short_label(self) -> &'static str {
        match self {
            QuestionnaireKind::Gad7 => "GAD-7",
            QuestionnaireKind::Phq9 => "PHQ-9",
        }
    }
    pub fn items(self) -> &'static [&'static str] {
        match self {
            QuestionnaireKind::Gad7 => &GAD7_ITEMS,
            QuestionnaireKind::Phq9 => &PHQ9_ITEMS,
        }
    }
    /// The stem printed above the items.
    pub fn stem(self) -> &'static str {
        match self {
            QuestionnaireKind::Gad7 => {
                "Over the last 2 weeks, how often have you been bothered by the following problems?"
            }
            QuestionnaireKind::Phq9 => {
                "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
            }
        }
    }
    /// Band lower bounds and names, lowest first.
    pub fn bands(self) -> &'static [(u8, &'static str)] {
        match self {
            QuestionnaireKind::Gad7 => GAD7_BANDS,
            QuestionnaireKind::Phq9 => PHQ9_BANDS,
        }
    }
    pub fn max_total(self) -> u8 {
        3 * self.items().len() as u8
    }
    /// Whether this answer to this item shows the safety message at once: PHQ-9 item 9
    /// (thoughts of being better off dead or of self-harm) above "Not at all".
    pub fn answer_raises_safety(self, item: usize, answer: u8) -> bool {
        self == QuestionnaireKind::Phq9 && item == PHQ9_SAFETY_ITEM && answer > 0
    }
    /// The band a total falls in ("moderate").
    pub fn band(self, total: u8) -> &'static str {
        self.bands()
            .iter()
            .rev()
            .find(|(from, _)| total >= *from)
            .map_or("minimal", |(_, name)| name)
    }
}

/// One completed questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    pub id: i64,
    pub kind: QuestionnaireKind,
    pub date: NaiveDate,
    /// One score 0–3 per item, in item order.
    pub answers: Vec<u8>,
}

impl Questionnaire {
    pub fn total(&self) -> u8 {
        self.answers.iter().sum()
    }
    pub fn band(&self) -> &'static str {
        self.kind.band(self.total())
    }
    /// True when PHQ-9 item 9 was answered above 0.
    pub fn safety_concern(&self) -> bool {
        self.answers
            .iter()
            .enumerate()
            .any(|(item, a)| self.kind.answer_raises_safety(item, *a))
    }
    /// The answers as stored: one digit per item.
    pub fn answers_text(&self) -> String {
        self.answers.iter().map(|a| char::from(b'0' + a)).collect()
    }
}

/// The questionnaire form: every item must be answered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireInput {
    pub kind: String,
    pub date: String,
    /// One entry per item: 0–3, or null when not answered yet.
    pub answers: Vec<Option<serde_json::Value>>,
}

impl QuestionnaireInput {
    pub fn validate(&self) -> Result<Questionnaire, ValidationError> {
        let kind = QuestionnaireKind::from_key(&self.kind)
            .ok_or_else(|| ValidationError::new("kind", "Choose GAD-7 or PHQ-9."))?;
        let date = parse_date("date", &self.date)?;
        let n = kind.items().len();
        if self.answers.len() != n {
            return Err(ValidationError::new(
                "answers",
                format!("{} has {n} questions.", kind.short_label()),
            ));
        }
        let mut answers = Vec::with_capacity(n);
        for (i, a) in self.answers.iter().enumerate() {
            let field = format!("answers.{i}");
            let score = match a {
                None | Some(serde_json::Value::Null) => {
                    return Err(ValidationError::new(
                        field,
                        format!("Question {} is not answered yet.", i + 1),
                    ))
                }
                Some(v) => v
                    .as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                    .filter(|s| *s <= 3),
            };
            match score {
                Some(s) => answers.push(s as u8),
                None => {
                    return Err(ValidationError::new(
                        field,
                        format!("Question {}: choose one of the four answers.", i + 1),
                    ))
                }
            }
        }
        Ok(Questionnaire {
            id: 0,
            kind,
            date,
            answers,
        })
    }
}

/// Parses stored answers ("0123012"); None when they are not digits 0–3 of the right count.
pub fn parse_answers(kind: QuestionnaireKind, text: &str) -> Option<Vec<u8>> {
    let answers: Vec<u8> = text
        .bytes()
        .map(|b| b.checked_sub(b'0').filter(|d| *d <= 3))
        .collect::<Option<_>>()?;
    (answers.len() == kind.items().len()).then_some(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bands_follow_the_published_cut_offs() {
        let g = QuestionnaireKind::Gad7;
        assert_eq!(
            [0, 4, 5, 9, 10, 14, 15, 21].map(|t| g.band(t)),
            ["minimal", "minimal", "mild", "mild", "moderate", "moderate", "severe", "severe"]
        );
        let p = QuestionnaireKind::Phq9;
        assert_eq!(
            [4, 5, 10, 15, 19, 20, 27].map(|t| p.band(t)),
            [
                "minimal",
                "mild",
                "moderate",
                "moderately severe",
                "moderately severe",
                "severe",
                "severe"
            ]
        );
        assert_eq!(g.max_total(), 21);
        assert_eq!(p.max_total(), 27);
    }

    #[test]
    fn scoring_and_the_safety_item() {
        // PHQ-9 answers 1,2,1,2,0,1,1,0,1 = 9, "mild"; item 9 answered "several days".
        let q = QuestionnaireInput {
            kind: "phq9".into(),
            date: "2026-11-01".into(),
            answers: [1, 2, 1, 2, 0, 1, 1, 0, 1].map(|a| Some(json!(a))).to_vec(),
        }
        .validate()
        .unwrap();
        assert_eq!(q.total(), 9);
        assert_eq!(q.band(), "mild");
        assert!(q.safety_concern());
        assert_eq!(q.answers_text(), "121201101");
        assert_eq!(
            parse_answers(QuestionnaireKind::Phq9, "121201101"),
            Some(q.answers)
        );
        assert_eq!(parse_answers(QuestionnaireKind::Gad7, "01234"), None);
    }

    #[test]
    fn unanswered_or_out_of_range_items_name_the_question() {
        let mut answers = vec![Some(json!(0)); 7];
        answers[3] = None;
        let input = QuestionnaireInput {
            kind: "gad7".into(),
            date: "2026-11-01".into(),
            answers: answers.clone(),
        };
        assert_eq!(input.validate().unwrap_err().field, "answers.3");
        answers[3] = Some(json!(4));
        let input = QuestionnaireInput { answers, ..input };
        let e = input.validate().unwrap_err();
        assert_eq!(e.field, "answers.3");
        assert!(e.message.contains("Question 4"), "{}", e.message);
    }
}
