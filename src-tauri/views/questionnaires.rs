//! The questionnaires screen: GAD-7 and PHQ-9 forms, when each is due, and past scores.

use super::short_date;
use super::urgent_help::{chosen_country, urgent_help, HelpCountry, Noted, UrgentHelp};
use crate::journal::questionnaire::{
    QuestionnaireKind, ANSWER_OPTIONS, DUE_EVERY_DAYS, PHQ9_SAFETY_ITEM,
};
use crate::journal::Questionnaire;
use crate::store::{Journal, Result};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct QuestionnaireForm {
    pub kind: &'static str,
    pub label: &'static str,
    pub stem: &'static str,
    pub items: &'static [&'static str],
    pub options: [&'static str; 4],
    /// The item whose answer shows the safety message at once (PHQ-9 item 9), and the
    /// answers that do (every answer above "Not at all"): the rule stays in Rust.
    pub safety_item: Option<usize>,
    pub safety_answers: Vec<u8>,
    pub due: bool,
    /// "Due today (last done 3 Nov 2026)", "Next due 17 Nov 2026".
    pub due_label: String,
}

#[derive(Debug, Serialize)]
pub struct ScoreRow {
    pub date: String,
    pub date_label: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub total: u8,
    pub max: u8,
    pub band: &'static str,
    /// "8 of 21 — mild".
    pub score_label: String,
}

#[derive(Debug, Serialize)]
pub struct QuestionnairesView {
    pub forms: Vec<QuestionnaireForm>,
    /// Newest first.
    pub history: Vec<ScoreRow>,
    /// For PHQ-9 question 9 on today's form, by answer (0–3): the message shown at once
    /// when that answer is chosen; `None` for "Not at all".
    pub self_harm_help: Vec<Option<UrgentHelp>>,
    pub note: &'static str,
}

/// The answer to a save: the score in words, and the safety message when item 9 is above 0.
#[derive(Debug, Serialize)]
pub struct SavedQuestionnaire {
    pub message: String,
    pub urgent_help: Option<UrgentHelp>,
    pub view: QuestionnairesView,
}

/// When each questionnaire is next due: never done, or done `DUE_EVERY_DAYS` ago or more.
pub fn due_on(all: &[Questionnaire], kind: QuestionnaireKind) -> Option<NaiveDate> {
    all.iter()
        .filter(|q| q.kind == kind)
        .map(|q| q.date)
        .max()
        .map(|last| last + Duration::days(DUE_EVERY_DAYS))
}

/// "GAD-7 and PHQ-9 are due" for the Today screen, or None.
pub fn due_notice(all: &[Questionnaire], today: NaiveDate) -> Option<String> {
    let due: Vec<&str> = QuestionnaireKind::ALL
        .into_iter()
        .filter(|k| due_on(all, *k).is_none_or(|d| d <= today))
        .map(|k| k.short_label())
        .collect();
    match due.as_slice() {
        [] => None,
        [one] => Some(format!(
            "Your two-weekly {one} questionnaire is due. It takes about two minutes, on the Questionnaires screen."
        )),
        _ => Some(format!(
            "Your two-weekly {} questionnaires are due. They take about five minutes, on the Questionnaires screen.",
            due.join(" and ")
        )),
    }
}

pub fn score_row(q: &Questionnaire) -> ScoreRow {
    ScoreRow {
        date: q.date.format("%Y-%m-%d").to_string(),
        date_label: short_date(q.date),
        kind: q.kind.key(),
        label: q.kind.short_label(),
        total: q.total(),
        max: q.kind.max_total(),
        band: q.band(),
        score_label: format!("{} of {} — {}", q.total(), q.kind.max_total(), q.band()),
    }
}

/// The message for a PHQ-9 question 9 answer on `date`, when the answer calls for one.
pub fn self_harm_help(
    answer: u8,
    date: NaiveDate,
    today: NaiveDate,
    country: HelpCountry,
) -> Option<UrgentHelp> {
    QuestionnaireKind::Phq9
        .answer_raises_safety(PHQ9_SAFETY_ITEM, answer)
        .then(|| {
            let words = ANSWER_OPTIONS[usize::from(answer).min(ANSWER_OPTIONS.len() - 1)];
            urgent_help(&Noted::SelfHarmAnswer(words), date, today, country)
        })
}

pub fn questionnaires_view(journal: &Journal, today: NaiveDate) -> Result<QuestionnairesView> {
    let all = journal.questionnaires()?;
    let country = chosen_country(journal)?;
    let forms = QuestionnaireKind::ALL
        .into_iter()
        .map(|kind| {
            let last = all.iter().filter(|q| q.kind == kind).map(|q| q.date).max();
            let due_date = due_on(&all, kind);
            let due = due_date.is_none_or(|d| d <= today);
            let due_label = match (last, due_date) {
                (None, _) => "Not done yet".to_string(),
                (Some(l), Some(_)) if due => format!("Due (last done {})", short_date(l)),
                (Some(l), Some(d)) => {
                    format!("Last done {}; next due {}", short_date(l), short_date(d))
                }
                (Some(l), None) => format!("Last done {}", short_date(l)),
            };
            QuestionnaireForm {
                kind: kind.key(),
                label: kind.label(),
                stem: kind.stem(),
                items: kind.items(),
                options: ANSWER_OPTIONS,
                safety_item: (kind == QuestionnaireKind::Phq9).then_some(PHQ9_SAFETY_ITEM),
                safety_answers: (0..ANSWER_OPTIONS.len() as u8)
                    .filter(|a| kind.answer_raises_safety(PHQ9_SAFETY_ITEM, *a))
                    .collect(),
                due,
                due_label,
            }
        })
        .collect();
    Ok(QuestionnairesView {
        forms,
        history: all.iter().rev().map(score_row).collect(),
        self_harm_help: (0..ANSWER_OPTIONS.len() as u8)
            .map(|a| self_harm_help(a, today, today, country))
            .collect(),
        note: "Both questionnaires ask about the last two weeks, so the journal offers them every two weeks. Scores are a screening aid to discuss with your clinician, not a diagnosis.",
    })
}
