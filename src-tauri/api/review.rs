//! Looking back and ahead with the prescriber: Trends, the questionnaires, visits and
//! the questions for them.

use crate::journal::questionnaire::{QuestionnaireInput, PHQ9_SAFETY_ITEM};
use crate::journal::visit::{question_text, VisitInput};
use crate::journal::{parse_input, ValidationError};
use crate::store::Journal;
use crate::views::questionnaires::self_harm_help;
use crate::views::{
    self, PeriodChoice, QuestionnairesView, SavedQuestionnaire, TrendsView, VisitsView,
};
use chrono::NaiveDate;
use serde_json::Value;

use super::error::{setup_first, Answer};
use super::input::not_after_today;

/// Charts are drawn this wide when the page does not say (it sends its own width).
pub const DEFAULT_CHART_WIDTH: u32 = 900;

/// The Trends screen for a period ("weeks_4", "weeks_8", "since_last_visit",
/// "everything"), charts `width` pixels wide.
pub fn trends(
    j: &Journal,
    period: &str,
    width: Option<u32>,
    today: NaiveDate,
) -> Answer<TrendsView> {
    let choice = PeriodChoice::from_key(period)
        .ok_or_else(|| ValidationError::new("period", "Choose one of the listed periods."))?;
    views::trends_view(j, choice, width.unwrap_or(DEFAULT_CHART_WIDTH), today)?
        .ok_or_else(setup_first)
}

pub fn questionnaires(j: &Journal, today: NaiveDate) -> Answer<QuestionnairesView> {
    Ok(views::questionnaires_view(j, today)?)
}

/// Saves a GAD-7 or PHQ-9 (a second one of the same kind that day replaces the first).
pub fn save_questionnaire(
    j: &mut Journal,
    input: Value,
    today: NaiveDate,
) -> Answer<SavedQuestionnaire> {
    let q = parse_input::<QuestionnaireInput>(input)?.validate()?;
    not_after_today(
        "date",
        q.date,
        today,
        "A questionnaire is for today or an earlier day.",
    )?;
    j.save_questionnaire(&q)?;
    let country = views::urgent_help::chosen_country(j)?;
    Ok(SavedQuestionnaire {
        message: format!(
            "Saved your {} for {}: {} of {}, {}.",
            q.kind.short_label(),
            views::short_date(q.date),
            q.total(),
            q.kind.max_total(),
            q.band()
        ),
        urgent_help: q
            .safety_concern()
            .then(|| q.answers.get(PHQ9_SAFETY_ITEM).copied())
            .flatten()
            .and_then(|answer| self_harm_help(answer, q.date, today, country)),
        view: views::questionnaires_view(j, today)?,
    })
}

pub fn visits(j: &Journal) -> Answer<VisitsView> {
    Ok(views::visits_view(j)?)
}

/// Records a visit that happened (today or earlier), with the next step agreed there and
/// the questions answered.
pub fn add_visit(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<VisitsView> {
    let visit = parse_input::<VisitInput>(input)?.validate()?;
    not_after_today(
        "date",
        visit.visit.date,
        today,
        "Record a visit on the day it happens or afterwards.",
    )?;
    j.add_visit(&visit)?;
    visits(j)
}

pub fn delete_visit(j: &mut Journal, id: i64) -> Answer<VisitsView> {
    j.delete_visit(id)?;
    visits(j)
}

pub fn add_question(j: &mut Journal, text: &str, today: NaiveDate) -> Answer<VisitsView> {
    let text = question_text(text)?;
    j.add_question(&text, today)?;
    visits(j)
}

/// Ticks a question off (today) or opens it again.
pub fn set_question_done(
    j: &mut Journal,
    id: i64,
    done: bool,
    today: NaiveDate,
) -> Answer<VisitsView> {
    j.set_question_done(id, done.then_some(today))?;
    visits(j)
}

pub fn delete_question(j: &mut Journal, id: i64) -> Answer<VisitsView> {
    j.delete_question(id)?;
    visits(j)
}
