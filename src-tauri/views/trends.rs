//! The Trends screen: a period, its discussion points and its charts.

use super::charts::{charts, ChartView};
use super::discussion::PointView;
use super::overview::NOT_MEDICAL_ADVICE;
use super::period_data::load_period;
use super::period_data::PeriodChoice;
use super::short_date;
use super::urgent_help::{chosen_country, urgent_help, Noted, Reader, UrgentHelp};
use crate::journal::questionnaire::ANSWER_OPTIONS;
use crate::store::{Journal, Result};
use crate::taper::discussion::{discussion_points, Finding};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct PeriodOption {
    pub key: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Debug, Serialize)]
pub struct TrendsView {
    pub periods: Vec<PeriodOption>,
    pub period_label: String,
    pub period_note: Option<String>,
    pub points: Vec<PointView>,
    /// Shown at the top when a point is about safety: urgent when the latest was noted
    /// today or yesterday, a calm fact to raise when earlier.
    pub urgent_help: Option<UrgentHelp>,
    pub charts: Vec<ChartView>,
    pub table_label: &'static str,
    pub not_medical_advice: &'static str,
}

/// The latest urgent thing among the findings (red flags or PHQ-9 question 9), and when.
fn latest_urgent(findings: &[Finding]) -> Option<(Noted, NaiveDate)> {
    findings
        .iter()
        .cloned()
        .filter_map(|f| match f {
            Finding::SelfHarmAnswer { date, answer } => Some((
                Noted::SelfHarmAnswer(ANSWER_OPTIONS[usize::from(answer).min(3)]),
                date,
            )),
            Finding::RedFlags { days } => days
                .into_iter()
                .max_by_key(|(d, _)| *d)
                .map(|(d, flags)| (Noted::RedFlags(flags), d)),
            _ => None,
        })
        .max_by_key(|(_, d)| *d)
}

/// The Trends screen for a period, with charts `width` pixels wide.
pub fn trends_view(
    journal: &Journal,
    choice: PeriodChoice,
    width: u32,
    today: NaiveDate,
) -> Result<Option<TrendsView>> {
    let Some(data) = load_period(journal, choice, today)? else {
        return Ok(None);
    };
    let country = chosen_country(journal)?;
    // Found once: the points and the message above them come from the same findings.
    let findings = discussion_points(&data.evidence());
    let points = data.points_of(&findings, Reader::Patient { today, country });
    let charts = charts(&data, width);
    Ok(Some(TrendsView {
        periods: PeriodChoice::ALL
            .iter()
            .map(|p| PeriodOption {
                key: p.key(),
                label: p.label(),
                selected: *p == choice,
            })
            .collect(),
        period_label: format!(
            "{} to {}",
            short_date(data.period.start),
            short_date(data.period.end)
        ),
        period_note: data.period_note.clone(),
        urgent_help: latest_urgent(&findings)
            .map(|(noted, date)| urgent_help(&noted, date, today, country)),
        points,
        charts,
        table_label: data.table.label(),
        not_medical_advice: NOT_MEDICAL_ADVICE,
    }))
}
