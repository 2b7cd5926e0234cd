//! Discussion points for a period: the facts worth raising with the prescriber, most urgent
//! first. Pure: stored data in, findings with their numbers out; the wording is in
//! `views::discussion`. A finding is never an instruction to change a dose.

use super::dose_taken::differs_from_step;
use super::pace::{PaceFinding, PaceLevel};
use super::step_analysis::{dose_in_effect, StepFacts, StepKind};
use super::symptom_change::{compare_around_step, Measure, MeasureChange, SymptomComparison};
use crate::journal::{CheckIn, DoseStep, Micrograms, Questionnaire, RedFlag};
use chrono::NaiveDate;
use serde::Serialize;

/// A days-inclusive stretch of the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// The step a finding refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepRef {
    pub step_id: i64,
    pub medication_id: i64,
    pub date: NaiveDate,
    pub dose: Micrograms,
    pub previous_dose: Option<Micrograms>,
}

impl StepRef {
    fn of(f: &StepFacts) -> StepRef {
        StepRef {
            step_id: f.step_id,
            medication_id: f.medication_id,
            date: f.date,
            dose: f.dose,
            previous_dose: f.previous_dose,
        }
    }
}

/// How urgent a finding is; the list is sorted by this, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Seek help now (red flags, PHQ-9 item 9).
    Safety,
    StrongWarning,
    Warning,
    /// Worth raising at the next visit.
    Discuss,
    Information,
}

/// One thing worth discussing, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// PHQ-9 item 9 answered above 0.
    SelfHarmAnswer { date: NaiveDate, answer: u8 },
    /// Days with a red-flag symptom.
    RedFlags {
        days: Vec<(NaiveDate, Vec<RedFlag>)>,
    },
    /// A pace-check result of a step in the period. `combined`: about the
    /// diazepam-equivalent total of several medications.
    Pace {
        step: StepRef,
        finding: PaceFinding,
        combined: bool,
    },
    /// Symptoms higher since the last reduction, and still higher recently. `after_days`:
    /// how many days after the step were compared (up to 14).
    SymptomsHigher {
        step: StepRef,
        after_days: i64,
        changes: Vec<MeasureChange>,
        /// The other measures compared, with their means (named when they moved too).
        others: Vec<MeasureChange>,
        /// Whether the step's dose is still the one taken at the end of the period: a
        /// dose no longer taken is not one to "hold".
        held_now: bool,
    },
    /// Symptoms rose after the reduction, but the last week has too few check-ins to tell
    /// whether they still are higher.
    RiseNotJudged {
        step: StepRef,
        after_days: i64,
        changes: Vec<MeasureChange>,
    },
    /// Too few check-ins around the last reduction to compare (`measure` None), or too few
    /// values of one measure.
    TooFewToCompare {
        step: StepRef,
        measure: Option<Measure>,
        before: usize,
        after: usize,
    },
    /// Alcohol, opioids or other sedatives taken on some days.
    Substances {
        alcohol_days: usize,
        alcohol_drinks: u32,
        opioid_days: usize,
        sedative_days: usize,
    },
    /// The dose taken differed from the step on these days.
    DoseDiffered { days: Vec<NaiveDate> },
    /// Days with a check-in out of the days of the period the journal covers.
    Completeness { logged: usize, days: i64 },
}

impl From<PaceLevel> for Urgency {
    fn from(level: PaceLevel) -> Urgency {
        match level {
            PaceLevel::StrongWarning => Urgency::StrongWarning,
            PaceLevel::Warning => Urgency::Warning,
            PaceLevel::Information => Urgency::Information,
        }
    }
}

impl Finding {
    pub fn urgency(&self) -> Urgency {
        match self {
            Finding::SelfHarmAnswer { .. } | Finding::RedFlags { .. } => Urgency::Safety,
            Finding::Pace { finding, .. } => Urgency::from(finding.level()),
            Finding::Substances { .. } => Urgency::Warning,
            Finding::SymptomsHigher { .. } | Finding::DoseDiffered { .. } => Urgency::Discuss,
            Finding::RiseNotJudged { .. }
            | Finding::TooFewToCompare { .. }
            | Finding::Completeness { .. } => Urgency::Information,
        }
    }
}

/// What the discussion points are computed from.
pub struct Evidence<'a> {
    pub period: Period,
    /// The day the journal began (setup, or an earlier check-in); days before it are not
    /// counted as gaps (a dose step's "since" date may be long before).
    pub journal_start: NaiveDate,
    /// All analysed steps, oldest first.
    pub facts: &'a [StepFacts],
    pub steps: &'a [DoseStep],
    /// Check-ins sorted by date, covering at least the period and the
    /// `symptom_change::BASELINE_DAYS` before the last reduction.
    pub check_ins: &'a [CheckIn],
    pub questionnaires: &'a [Questionnaire],
}

/// A reduction of the taper: a benzodiazepine or z-drug step down or to zero that lowered
/// the diazepam-equivalent total when several are taken (a crossover's switch day that
/// leaves the total unchanged is not a reduction).
pub fn is_taper_reduction(f: &StepFacts) -> bool {
    f.pace_checked
        && matches!(f.kind, StepKind::Reduction | StepKind::Stop)
        && f.total.as_ref().is_none_or(|t| t.after < t.before)
}

/// The discussion points of a period, most urgent first.
pub fn discussion_points(e: &Evidence) -> Vec<Finding> {
    let mut points = Vec::new();
    let period = e.period;
    let in_period = |d: NaiveDate| period.contains(d);
    let days: Vec<&CheckIn> = e.check_ins.iter().filter(|c| in_period(c.date)).collect();

    for q in e.questionnaires.iter().filter(|q| in_period(q.date)) {
        if q.safety_concern() {
            points.push(Finding::SelfHarmAnswer {
                date: q.date,
                answer: q.answers[crate::journal::questionnaire::PHQ9_SAFETY_ITEM],
            });
        }
    }

    let red: Vec<(NaiveDate, Vec<RedFlag>)> = days
        .iter()
        .filter(|c| !c.red_flags.is_empty())
        .map(|c| (c.date, c.red_flags.clone()))
        .collect();
    if !red.is_empty() {
        points.push(Finding::RedFlags { days: red });
    }

    // In a crossover every step of the day carries the total's findings: report them once
    // per day, on a step that lowered its own dose.
    let mut seen: Vec<(NaiveDate, &PaceFinding)> = Vec::new();
    for f in e.facts.iter().filter(|f| in_period(f.date)) {
        if f.total.is_some() && !matches!(f.kind, StepKind::Reduction | StepKind::Stop) {
            continue;
        }
        for finding in &f.pace {
            if f.total.is_some() && seen.contains(&(f.date, finding)) {
                continue;
            }
            seen.push((f.date, finding));
            points.push(Finding::Pace {
                step: StepRef::of(f),
                finding: finding.clone(),
                combined: f.total.is_some(),
            });
        }
    }

    // Symptoms since the last reduction up to the end of the period, even one before the
    // period: "since the last reduction" is about now. When the last one is too recent to
    // compare, the one before it is still compared, so a rise that began then stays shown.
    let reductions = last_reductions(e.facts, period.end);
    if let Some(last) = reductions.first() {
        let compared = compare_symptoms(e, last, &mut points, true);
        if !compared {
            if let Some(previous) = reductions.get(1) {
                compare_symptoms(e, previous, &mut points, false);
            }
        }
    }

    let alcohol: Vec<u8> = days
        .iter()
        .filter_map(|c| c.alcohol_drinks.filter(|n| *n > 0))
        .collect();
    let opioid_days = days.iter().filter(|c| c.opioids).count();
    let sedative_days = days.iter().filter(|c| c.other_sedatives).count();
    if !alcohol.is_empty() || opioid_days > 0 || sedative_days > 0 {
        points.push(Finding::Substances {
            alcohol_days: alcohol.len(),
            alcohol_drinks: alcohol.iter().map(|n| u32::from(*n)).sum(),
            opioid_days,
            sedative_days,
        });
    }

    let differed: Vec<NaiveDate> = days
        .iter()
        .filter(|c| differs_from_step(e.steps, c))
        .map(|c| c.date)
        .collect();
    if !differed.is_empty() {
        points.push(Finding::DoseDiffered { days: differed });
    }

    let covered_from = period.start.max(e.journal_start);
    if covered_from <= period.end {
        points.push(Finding::Completeness {
            logged: days.iter().filter(|c| c.date >= covered_from).count(),
            days: (period.end - covered_from).num_days() + 1,
        });
    }

    // Stable: within one urgency, the order above (and dates within pace findings) holds.
    points.sort_by_key(Finding::urgency);
    points
}

/// The taper reductions up to `end`, latest first, one per day.
pub fn last_reductions(facts: &[StepFacts], end: NaiveDate) -> Vec<&StepFacts> {
    let mut r: Vec<&StepFacts> = facts
        .iter()
        .filter(|f| f.date <= end && is_taper_reduction(f))
        .collect();
    r.sort_by_key(|f| std::cmp::Reverse((f.date, f.step_id)));
    r.dedup_by_key(|f| f.date);
    r
}

/// Adds the symptom points for one reduction; false when there were too few check-ins to
/// compare at all. `report_shortfall`: say so when data is short (only for the last step).
fn compare_symptoms(
    e: &Evidence,
    step: &StepFacts,
    points: &mut Vec<Finding>,
    report_shortfall: bool,
) -> bool {
    let at = StepRef::of(step);
    match compare_around_step(e.check_ins, step.date, e.period.end) {
        SymptomComparison::TooFewCheckIns { before, after, .. } => {
            if report_shortfall {
                points.push(Finding::TooFewToCompare {
                    step: at,
                    measure: None,
                    before,
                    after,
                });
            }
            false
        }
        SymptomComparison::Compared {
            after_days,
            higher,
            unjudged,
            too_few,
            others,
            ..
        } => {
            if !higher.is_empty() {
                points.push(Finding::SymptomsHigher {
                    step: at,
                    after_days,
                    changes: higher,
                    others,
                    held_now: dose_in_effect(e.steps, step.medication_id, e.period.end)
                        == Some(step.dose),
                });
            }
            if !unjudged.is_empty() {
                points.push(Finding::RiseNotJudged {
                    step: at,
                    after_days,
                    changes: unjudged,
                });
            }
            if report_shortfall {
                for t in too_few {
                    points.push(Finding::TooFewToCompare {
                        step: at,
                        measure: Some(t.measure),
                        before: t.before,
                        after: t.after,
                    });
                }
            }
            true
        }
    }
}
