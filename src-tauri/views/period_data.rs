//! One period's data, loaded once from the journal: what the Trends screen, its charts and
//! the visit summary (and the benchmarks) all work from, and how a period choice becomes
//! the days it covers.

use super::discussion::{point_view, PointView};
use super::urgent_help::Reader;
use crate::store::{Journal, Result};
use crate::taper::discussion::{discussion_points, last_reductions, Evidence, Finding, Period};
use crate::taper::symptom_change::{AFTER_DAYS, BASELINE_DAYS, RECENT_DAYS};
use crate::taper::{analyse_steps, EquivalenceTable};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// The periods the picker offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodChoice {
    Weeks4,
    Weeks8,
    SinceLastVisit,
    Everything,
}

impl PeriodChoice {
    pub const ALL: [PeriodChoice; 4] = [
        PeriodChoice::Weeks4,
        PeriodChoice::Weeks8,
        PeriodChoice::SinceLastVisit,
        PeriodChoice::Everything,
    ];
    pub fn key(self) -> &'static str {
        match self {
            PeriodChoice::Weeks4 => "weeks_4",
            PeriodChoice::Weeks8 => "weeks_8",
            PeriodChoice::SinceLastVisit => "since_last_visit",
            PeriodChoice::Everything => "everything",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
    pub fn label(self) -> &'static str {
        match self {
            PeriodChoice::Weeks4 => "4 weeks",
            PeriodChoice::Weeks8 => "8 weeks",
            PeriodChoice::SinceLastVisit => "Since last visit",
            PeriodChoice::Everything => "Everything",
        }
    }
}

/// Where the journal begins: the first day with a step, a check-in or the setup.
#[derive(Debug, Clone, Copy)]
pub struct JournalSpan {
    /// Earliest of setup and the first check-in: days before it are not gaps.
    pub logging_from: NaiveDate,
    /// Earliest of everything, including a back-dated first dose step.
    pub first_day: NaiveDate,
}

/// The days a choice covers on `today`, and a note when it had to fall back.
pub fn resolve_period(
    choice: PeriodChoice,
    today: NaiveDate,
    last_visit: Option<NaiveDate>,
    span: JournalSpan,
) -> (Period, Option<String>) {
    let weeks = |n: i64| Period {
        start: today - Duration::days(7 * n - 1),
        end: today,
    };
    match choice {
        PeriodChoice::Weeks4 => (weeks(4), None),
        PeriodChoice::Weeks8 => (weeks(8), None),
        PeriodChoice::SinceLastVisit => match last_visit {
            Some(v) => (
                Period {
                    start: v,
                    end: today,
                },
                None,
            ),
            None => (
                weeks(8),
                Some("No visit is recorded yet, so this shows the last 8 weeks.".to_string()),
            ),
        },
        PeriodChoice::Everything => (
            Period {
                start: span.first_day.min(today),
                end: today,
            },
            None,
        ),
    }
}

/// Everything loaded for a period: shared by the screen, the benchmarks and the exports.
pub struct PeriodData {
    pub period: Period,
    pub period_note: Option<String>,
    pub table: EquivalenceTable,
    pub medications: Vec<crate::journal::Medication>,
    pub steps: Vec<crate::journal::DoseStep>,
    pub planned: Vec<crate::journal::PlannedStep>,
    /// The kept taper proposal the person chose to show (Plan screen), if any.
    pub proposal: Option<crate::taper::plan::SavedProposal>,
    pub facts: Vec<crate::taper::StepFacts>,
    /// Check-ins of the period, plus the baseline days before the last reduction.
    pub check_ins: Vec<crate::journal::CheckIn>,
    pub questionnaires: Vec<crate::journal::Questionnaire>,
    pub span: JournalSpan,
}

/// Loads one period's data for `choice` on `today`; `None` before setup.
pub fn load_period(
    journal: &Journal,
    choice: PeriodChoice,
    today: NaiveDate,
) -> Result<Option<PeriodData>> {
    let Some(settings) = journal.settings()? else {
        return Ok(None);
    };
    let medications = journal.medications()?;
    let steps = journal.dose_steps()?;
    let planned = journal.planned_steps()?;
    let facts = analyse_steps(&medications, &steps, settings.equivalence_table);
    let first_check_in = journal.first_check_in_date()?;
    let logging_from = first_check_in.map_or(settings.setup_completed_on, |d| {
        d.min(settings.setup_completed_on)
    });
    let span = JournalSpan {
        logging_from,
        first_day: steps
            .first()
            .map_or(logging_from, |s| s.date.min(logging_from)),
    };
    let last_visit = journal.last_visit_date(today)?;
    let (period, period_note) = resolve_period(choice, today, last_visit, span);
    // The symptom comparison also needs the days around the last two reductions (baseline
    // and after-window), which may lie long before the period: load those fortnights, not
    // everything in between (a long hold would otherwise read years for an 8-week view).
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = last_reductions(&facts, period.end)
        .iter()
        .take(2)
        .map(|f| {
            (
                f.date - Duration::days(BASELINE_DAYS),
                (f.date + Duration::days(AFTER_DAYS - 1)).min(period.end),
            )
        })
        .chain([
            (period.start, period.end),
            // The recent week, even when the period is shorter (a visit a few days ago).
            (period.end - Duration::days(RECENT_DAYS - 1), period.end),
        ])
        .collect();
    ranges.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 + Duration::days(1) => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    let mut check_ins = Vec::new();
    for (from, to) in merged {
        check_ins.extend(journal.check_ins_between(from, to)?);
    }
    Ok(Some(PeriodData {
        period,
        period_note,
        table: settings.equivalence_table,
        medications,
        steps,
        planned,
        proposal: journal.shown_plan_proposal()?,
        facts,
        check_ins,
        questionnaires: journal.questionnaires()?,
        span,
    }))
}

impl PeriodData {
    pub fn evidence(&self) -> Evidence<'_> {
        Evidence {
            period: self.period,
            // Completeness counts from when the journal began (setup, or a check-in
            // entered for an earlier day): a dose step's "since" date can be years before
            // anyone kept a journal, and those years are not gaps.
            journal_start: self.span.logging_from,
            facts: &self.facts,
            steps: &self.steps,
            check_ins: &self.check_ins,
            questionnaires: &self.questionnaires,
        }
    }

    /// The discussion points in words for `reader`, most urgent first.
    pub fn points(&self, reader: Reader) -> Vec<PointView> {
        self.points_of(&discussion_points(&self.evidence()), reader)
    }

    /// The words of `findings` (found once by a caller that needs them for more).
    pub fn points_of(&self, findings: &[Finding], reader: Reader) -> Vec<PointView> {
        findings
            .iter()
            .map(|f| point_view(f, &self.medications, self.table, reader))
            .collect()
    }
}
