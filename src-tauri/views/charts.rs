//! The Trends charts: journal data of a period turned into the chart module's plain inputs.
//! The same charts go into the clinic summary.
//!
//! One concept: a period's journal data made into the Trends charts' inputs; kept whole
//! because every chart reads the same `PeriodData` through the same helpers (`mg`,
//! `line_points`, the period shown), and a file per chart would share them back and forth.

use super::period_data::PeriodData;
use crate::chart::{self, FlagLevel, Period, Size};
use crate::journal::symptoms::builtin_symptom;
use crate::journal::{DoseStep, Micrograms};
use crate::taper::discussion::is_taper_reduction;
use crate::taper::equivalence::{self, Factor};
use crate::taper::{dose_in_effect, PaceLevel};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One chart as the page shows it.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub key: &'static str,
    pub title: String,
    pub svg: String,
    /// The chart's text alternative, for screen readers.
    pub summary: String,
    /// A line under the chart for what it leaves out (the summary's heat map).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Chart heights in pixels; widths follow the window.
#[derive(Debug, Clone, Copy)]
pub struct Heights {
    pub dose: u32,
    pub ratings: u32,
    pub scores: u32,
    /// Each row of the symptom heat map (its height follows the rows drawn).
    pub symptom_row: u32,
    /// At most this many symptom rows, the most frequent or severe, the rest named under
    /// the chart; `None`: every symptom noted, in the list's order.
    pub symptom_rows: Option<usize>,
}

/// On screen.
pub const SCREEN_HEIGHTS: Heights = Heights {
    dose: 300,
    ratings: 380,
    scores: 260,
    symptom_row: 20,
    symptom_rows: None,
};

fn mg(m: Micrograms) -> f64 {
    f64::from(m.0) / 1000.0
}

/// Every chart of the period, `width` pixels wide: dose, ratings, symptoms, and the
/// questionnaire scores once there are any.
pub fn charts(data: &PeriodData, width: u32) -> Vec<ChartView> {
    charts_sized(data, width, SCREEN_HEIGHTS)
}

/// The same charts at other heights (the clinic summary draws them a little flatter, so
/// two pages hold them).
pub fn charts_sized(data: &PeriodData, width: u32, heights: Heights) -> Vec<ChartView> {
    let period = Period {
        start: data.period.start,
        end: data.period.end,
    };
    let size = |height| Size { width, height };
    let mut out = Vec::with_capacity(4);
    let dose = chart::dose_chart(&dose_input(data, period), size(heights.dose));
    out.push(view("dose", "Daily dose", dose));
    let ratings = chart::ratings_chart(&ratings_input(data, period), size(heights.ratings));
    out.push(view("ratings", "Anxiety, mood and sleep", ratings));
    let heat = chart::SymptomHeatmap {
        max_rows: heights.symptom_rows,
        ..heatmap_input(data, period)
    };
    let heat = chart::symptom_heatmap(
        &heat,
        size(heat.height_for_rows_of(width, heights.symptom_row)),
    );
    out.push(view("symptoms", "Withdrawal symptoms", heat));
    if data
        .questionnaires
        .iter()
        .any(|q| period.contains_day(q.date))
    {
        let scores = chart::scores_chart(&scores_input(data, period), size(heights.scores));
        out.push(view("scores", "GAD-7 and PHQ-9", scores));
    }
    out
}

fn view(key: &'static str, title: &str, c: chart::Chart) -> ChartView {
    ChartView {
        key,
        title: title.to_string(),
        svg: c.svg,
        summary: c.summary,
        note: c.note,
    }
}

/// The steps of one medication as a step line over the period: the dose in effect at the
/// start, then every change in the period.
fn line_points(
    steps: &[DoseStep],
    medication_id: i64,
    period: Period,
    amount: impl Fn(Micrograms) -> f64,
) -> Vec<(NaiveDate, f64)> {
    let mut points = Vec::new();
    if let Some(d) = dose_in_effect(steps, medication_id, period.start) {
        points.push((period.start, amount(d)));
    }
    points.extend(
        steps
            .iter()
            .filter(|s| s.medication_id == medication_id && period.contains_day(s.date))
            .filter(|s| s.date > period.start)
            .map(|s| (s.date, amount(s.dose))),
    );
    points
}

trait ContainsDay {
    fn contains_day(&self, d: NaiveDate) -> bool;
}

impl ContainsDay for Period {
    fn contains_day(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

fn flag_level(level: PaceLevel) -> FlagLevel {
    match level {
        PaceLevel::Information => FlagLevel::Information,
        PaceLevel::Warning => FlagLevel::Warning,
        PaceLevel::StrongWarning => FlagLevel::Strong,
    }
}

/// Benzodiazepines and z-drugs in mg each; or, when two or more with a known factor were
/// taken in the period (a crossover), their diazepam-equivalent total, table named.
/// Planned steps up to this many days after the period are drawn on the dose chart, whose
/// time line then runs on past today.
const PLANNED_AHEAD_DAYS: i64 = 120;
/// Room after the last planned step, so its new level reads as a line, not a corner.
const AFTER_LAST_PLANNED_DAYS: i64 = 7;

fn dose_input(data: &PeriodData, shown: Period) -> chart::DoseChart {
    let today = shown.end;
    let period = Period {
        start: shown.start,
        end: data
            .planned
            .iter()
            .map(|p| p.date)
            .chain(drawn_ahead(data, today))
            .filter(|d| *d > today && (*d - today).num_days() <= PLANNED_AHEAD_DAYS)
            .max()
            .map_or(today, |d| {
                d + chrono::Duration::days(AFTER_LAST_PLANNED_DAYS)
            }),
    };
    let actual_until = (period.end > today).then_some(today);
    let converted: Vec<&crate::journal::Medication> = data
        .medications
        .iter()
        .filter(|m| m.class.is_converted())
        .filter(|m| data.steps.iter().any(|s| s.medication_id == m.id))
        .collect();
    let factors: BTreeMap<i64, Factor> = converted
        .iter()
        .filter_map(|m| equivalence::factor(m, data.table).map(|f| (m.id, f)))
        .collect();
    let taken_in_period = |id: i64| {
        dose_in_effect(&data.steps, id, period.start).is_some_and(|d| d.0 > 0)
            || data
                .steps
                .iter()
                .any(|s| s.medication_id == id && s.dose.0 > 0 && period.contains_day(s.date))
    };
    let combined: Vec<i64> = factors
        .keys()
        .copied()
        .filter(|id| taken_in_period(*id))
        .collect();

    let worst_level = |f: &crate::taper::StepFacts| f.pace.iter().map(|p| p.level()).max();
    if combined.len() >= 2 {
        let total_on = |day: NaiveDate, planned: bool| -> f64 {
            combined
                .iter()
                .map(|id| {
                    let actual = data
                        .steps
                        .iter()
                        .filter(|s| s.medication_id == *id && s.date <= day)
                        .max_by_key(|s| (s.date, s.id));
                    let plan = data
                        .planned
                        .iter()
                        .filter(|p| p.medication_id == *id && p.date <= day)
                        .filter(|p| actual.is_none_or(|a| p.date > a.date))
                        .max_by_key(|p| p.date);
                    let dose = match (planned, plan, actual) {
                        (true, Some(p), _) => p.dose,
                        (_, _, Some(a)) => a.dose,
                        _ => Micrograms::ZERO,
                    };
                    mg(equivalence::diazepam_equivalent(dose, factors[id]))
                })
                .sum()
        };
        // Before the first step of these medications there is no total to draw (not 0).
        let first_step = data
            .steps
            .iter()
            .filter(|s| combined.contains(&s.medication_id))
            .map(|s| s.date)
            .min();
        let change_days: BTreeSet<NaiveDate> = data
            .steps
            .iter()
            .filter(|s| combined.contains(&s.medication_id) && period.contains_day(s.date))
            .map(|s| s.date)
            .chain(
                first_step
                    .filter(|d| *d <= period.start)
                    .map(|_| period.start),
            )
            .collect();
        let actual = change_days
            .iter()
            .map(|d| (*d, total_on(*d, false)))
            .collect();
        let planned_days: BTreeSet<NaiveDate> = data
            .planned
            .iter()
            .filter(|p| combined.contains(&p.medication_id) && p.date >= period.start)
            .map(|p| p.date)
            .collect();
        let planned = planned_days
            .iter()
            .map(|d| (*d, total_on(*d, true)))
            .collect();
        let flags = data
            .facts
            .iter()
            .filter(|f| period.contains_day(f.date) && combined.contains(&f.medication_id))
            .filter_map(|f| {
                worst_level(f).map(|l| chart::StepFlag {
                    date: f.date,
                    dose: total_on(f.date, false),
                    level: flag_level(l),
                })
            })
            .collect();
        // Never convert silently: a medication the table has no figure for is named.
        let not_counted: Vec<String> = converted
            .iter()
            .filter(|m| !factors.contains_key(&m.id) && taken_in_period(m.id))
            .map(|m| m.display_name())
            .collect();
        let not_counted = if not_counted.is_empty() {
            String::new()
        } else {
            format!(
                "; not counted: {} (no figure in the table)",
                not_counted.join(", ")
            )
        };
        return chart::DoseChart {
            period,
            y_label: format!(
                "Diazepam-equivalent total (mg a day; {}, approximate{not_counted})",
                data.table.label()
            ),
            series: vec![chart::DoseLine {
                label: format!(
                    "Benzodiazepines together (diazepam-equivalent, {})",
                    data.table.label()
                ),
                actual,
                planned,
                // A proposal is for one medication: not drawn on a total.
                proposal: Vec::new(),
            }],
            flags,
            actual_until,
        };
    }

    let series = converted
        .iter()
        .map(|m| chart::DoseLine {
            label: m.display_name(),
            actual: line_points(&data.steps, m.id, period, mg),
            planned: planned_points(data, m.id, period),
            proposal: proposal_points(data, m.id, today),
        })
        .filter(|l| !l.actual.is_empty() || !l.planned.is_empty())
        .collect();
    let flags = data
        .facts
        .iter()
        .filter(|f| period.contains_day(f.date))
        .filter_map(|f| {
            worst_level(f).map(|l| chart::StepFlag {
                date: f.date,
                dose: mg(f.dose),
                level: flag_level(l),
            })
        })
        .collect();
    chart::DoseChart {
        period,
        y_label: "Daily dose (mg)".to_string(),
        series,
        flags,
        actual_until,
    }
}

/// The shown proposal's steps after today, as far ahead as planned steps are drawn.
fn proposed_ahead(
    data: &PeriodData,
    today: NaiveDate,
) -> impl Iterator<Item = &crate::taper::plan::ProposedStep> {
    data.proposal
        .iter()
        .flat_map(|p| &p.proposal.steps)
        .filter(move |s| s.date > today && (s.date - today).num_days() <= PLANNED_AHEAD_DAYS)
}

/// The proposal's dates the chart draws: those of a medication drawn in mg of its own.
/// (On a crossover total it is not drawn, and its dates may still widen the time line.)
fn drawn_ahead(data: &PeriodData, today: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
    let drawn = data.proposal.as_ref().is_some_and(|p| {
        data.medications
            .iter()
            .any(|m| m.id == p.medication_id && m.class.is_converted())
    });
    proposed_ahead(data, today)
        .filter(move |_| drawn)
        .map(|s| s.date)
}

/// The shown proposal for this medication, from the dose it has on today (its starting
/// dose, or its last step passed): a dotted line of what is still only to discuss.
fn proposal_points(
    data: &PeriodData,
    medication_id: i64,
    today: NaiveDate,
) -> Vec<(NaiveDate, f64)> {
    let Some(p) = data
        .proposal
        .as_ref()
        .filter(|p| p.medication_id == medication_id)
    else {
        return Vec::new();
    };
    let steps: Vec<(NaiveDate, f64)> = proposed_ahead(data, today)
        .map(|s| (s.date, mg(s.daily)))
        .collect();
    if steps.is_empty() {
        return Vec::new();
    }
    let now = p
        .proposal
        .steps
        .iter()
        .rev()
        .find(|s| s.date <= today)
        .map_or_else(
            // Summed wide: a restored backup is only checked for its shape.
            || {
                let total: u64 = p.request.times.iter().map(|t| u64::from(t.0)).sum();
                Micrograms(u32::try_from(total).unwrap_or(u32::MAX))
            },
            |s| s.daily,
        );
    std::iter::once((today, mg(now))).chain(steps).collect()
}

/// Planned steps from the period's start on, joined to the last actual dose so the dashed
/// line continues from where the solid one is.
fn planned_points(data: &PeriodData, medication_id: i64, period: Period) -> Vec<(NaiveDate, f64)> {
    let last_actual = data
        .steps
        .iter()
        .filter(|s| s.medication_id == medication_id && s.date <= period.end)
        .max_by_key(|s| (s.date, s.id));
    let mut plan: Vec<(NaiveDate, f64)> = data
        .planned
        .iter()
        .filter(|p| p.medication_id == medication_id && p.date >= period.start)
        .filter(|p| last_actual.is_none_or(|a| p.date > a.date))
        .map(|p| (p.date, mg(p.dose)))
        .collect();
    plan.sort_by_key(|p| p.0);
    if let (Some(a), false) = (last_actual, plan.is_empty()) {
        plan.insert(0, (a.date.max(period.start), mg(a.dose)));
    }
    plan
}

fn ratings_input(data: &PeriodData, period: Period) -> chart::RatingsChart {
    let days = data
        .check_ins
        .iter()
        .filter(|c| period.contains_day(c.date));
    let mut r = chart::RatingsChart {
        period,
        ..Default::default()
    };
    for c in days {
        if let Some(v) = c.anxiety {
            r.anxiety.push((c.date, v));
        }
        if let Some(v) = c.mood {
            r.mood.push((c.date, v));
        }
        if let Some(v) = c.sleep_quality {
            r.sleep_quality.push((c.date, v));
        }
        if let Some(q) = c.sleep {
            r.sleep_hours.push((c.date, f64::from(q.0) / 4.0));
        }
    }
    let in_period: Vec<&crate::taper::StepFacts> = data
        .facts
        .iter()
        .filter(|f| period.contains_day(f.date) && f.previous_dose.is_some())
        .collect();
    r.step_dates = in_period
        .iter()
        .map(|f| f.date)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    r.reduction_dates = in_period
        .iter()
        .filter(|f| is_taper_reduction(f))
        .map(|f| f.date)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    r
}

fn heatmap_input(data: &PeriodData, period: Period) -> chart::SymptomHeatmap {
    // Built-in symptoms in their list order, then the person's own, alphabetically.
    let mut rows: BTreeMap<(bool, usize, String), Vec<(NaiveDate, u8)>> = BTreeMap::new();
    let mut red_flag_days = Vec::new();
    for c in data
        .check_ins
        .iter()
        .filter(|c| period.contains_day(c.date))
    {
        if !c.red_flags.is_empty() {
            red_flag_days.push(c.date);
        }
        for s in &c.symptoms {
            let key = if s.builtin {
                let order = crate::journal::symptoms::BUILTIN_SYMPTOMS
                    .iter()
                    .position(|b| b.key == s.name)
                    .unwrap_or(usize::MAX);
                let label =
                    builtin_symptom(&s.name).map_or(s.name.clone(), |b| b.label.to_string());
                (false, order, label)
            } else {
                (true, 0, s.name.clone())
            };
            rows.entry(key).or_default().push((c.date, s.severity));
        }
    }
    chart::SymptomHeatmap {
        period,
        rows: rows
            .into_iter()
            .map(|((_, _, label), days)| chart::SymptomRow { label, days })
            .collect(),
        red_flag_days,
        max_rows: None,
    }
}

fn scores_input(data: &PeriodData, period: Period) -> chart::ScoresChart {
    use crate::journal::QuestionnaireKind;
    let of = |kind| {
        data.questionnaires
            .iter()
            .filter(|q| q.kind == kind && period.contains_day(q.date))
            .map(|q| (q.date, q.total()))
            .collect()
    };
    chart::ScoresChart {
        period,
        gad7: of(QuestionnaireKind::Gad7),
        phq9: of(QuestionnaireKind::Phq9),
    }
}
