//! The clinic visit summary: every text of the one- or two-page PDF the patient brings to
//! the prescriber, worded here so the PDF writer only places it. Discussion points come
//! first, then medication, charts, steps, the taper proposal shown (if any), questionnaires,
//! substances, completeness and the patient's questions. Calm words, never an instruction
//! to change a dose.

use super::charts::ChartView;
use super::discussion::{mean_text, PointView};
use super::overview::NOT_MEDICAL_ADVICE;
use super::period_data::{load_period, PeriodChoice, PeriodData};
use super::plan::{change_short, clinician_notice, plan_view, short_notes};
use super::steps::step_row;
use super::urgent_help::{recorded_for_clinician, Reader};
use super::words::{capitalised, count_text};
use super::{days_text, percent_text, share_text, short_date};
use crate::journal::questionnaire::{ANSWER_OPTIONS, PHQ9_SAFETY_ITEM};
use crate::journal::{CheckIn, Medication, Micrograms};
use crate::store::{Journal, Result};
use crate::taper::equivalence;
use crate::taper::symptom_change::{means_around_step, MeansAround, BASELINE_DAYS};
use crate::taper::total_reduction::{total_reduction, TotalReduction};
use crate::taper::{dose_held_since, dose_in_effect, StepFacts};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// The line under every summary: where the figures come from.
pub const SELF_REPORTED: &str =
    "Self-reported data from the patient's journal, not a medical record.";

/// Charts are drawn this many pixels wide and scaled to the text width of the page, so
/// their labels print at about 7 pt and an 8-week summary fits on two pages.
pub const SUMMARY_CHART_WIDTH: u32 = 860;
/// Flatter than on screen (300, 380; scores as on screen, whose band names need the room):
/// the dose line and ratings read as well, and an
/// 8-week summary fits on two A4 or Letter pages. The heat map draws the symptoms that
/// weighed most (an 8-week journal notes 15–20 of the 18 built-in ones and some of the
/// person's own; all of them took half a page), and names the others in a line under it.
pub const SUMMARY_CHART_HEIGHTS: super::charts::Heights = super::charts::Heights {
    dose: 220,
    ratings: 330,
    scores: 260,
    symptom_row: 16,
    symptom_rows: Some(SUMMARY_SYMPTOM_ROWS),
};

/// Symptom rows drawn on the summary's heat map, the most frequent or severe.
pub const SUMMARY_SYMPTOM_ROWS: usize = 6;

/// Open questions printed on the summary; more are counted in one line.
pub const SUMMARY_MAX_QUESTIONS: usize = 20;

/// Steps of a taper proposal printed on the summary; more are counted in one line. Six
/// steps are about three months at the usual 2 weeks, past the next visit, and keep an
/// 8-week summary on two pages; the full table is on the Plan screen.
pub const SUMMARY_MAX_PROPOSAL_STEPS: usize = 6;

/// The whole summary in words.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    pub title: String,
    /// "Period: 14 Sep 2026 to 8 Nov 2026 (8 weeks, 56 days)".
    pub period_label: String,
    pub period_note: Option<String>,
    /// "Made on 8 Nov 2026 with Taper Journal."
    pub made_on: String,
    /// Listed first when the patient recorded something urgent: what and when, worded for
    /// the clinician ("Recorded by the patient: a seizure on 3 Mar 2026.").
    pub safety_note: Option<String>,
    /// Discussion points and red flags, most urgent first.
    pub points: Vec<PointView>,
    pub medications: Vec<MedicationLine>,
    /// "Total reduction since the first logged dose …", when a taper is logged.
    pub total_reduction: Option<String>,
    pub charts: Vec<ChartView>,
    /// Said instead of a chart with nothing in it ("No withdrawal symptoms were noted …").
    pub chart_notes: Vec<String>,
    /// Under the dose chart: the medications it does not draw (adjuncts), if any.
    pub dose_chart_note: Option<String>,
    pub step_table: StepTable,
    /// The taper proposal the patient chose to show (Plan screen), to discuss.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<SummaryProposal>,
    /// One line per GAD-7 or PHQ-9 in the period, oldest first.
    pub questionnaires: Vec<String>,
    pub substances: String,
    pub completeness: String,
    /// The last visit (date, clinician, decision, note) and the next agreed step, in words.
    pub agreed: Vec<String>,
    /// The patient's open questions, oldest first.
    pub questions: Vec<String>,
    pub self_reported: &'static str,
    pub not_medical_advice: &'static str,
    pub words: SummaryWords,
}

/// The summary's headings, and what it says of a section with nothing in it: the PDF and
/// its preview ("how it will print") say the same words, for its reader, the clinician.
#[derive(Debug, Serialize)]
pub struct SummaryWords {
    pub points: &'static str,
    pub no_points: &'static str,
    pub medication: &'static str,
    pub no_medication: &'static str,
    pub charts: &'static str,
    /// The heading of the ratings, symptoms and questionnaire charts, after the steps.
    pub symptom_charts: &'static str,
    pub steps: &'static str,
    pub questionnaires: &'static str,
    pub no_questionnaires: &'static str,
    pub substances: &'static str,
    pub completeness: &'static str,
    pub questions: &'static str,
    pub no_questions: &'static str,
}

pub const SUMMARY_WORDS: SummaryWords = SummaryWords {
    points: "Discussion points",
    no_points: "Nothing stood out in this period.",
    medication: "Medication",
    no_medication: "No benzodiazepine dose is logged.",
    charts: "Charts",
    symptom_charts: "How the patient has been",
    steps: "Dose steps in this period",
    questionnaires: "Questionnaires (GAD-7, PHQ-9)",
    no_questionnaires: "None completed in this period.",
    substances: "Alcohol and other substances",
    completeness: "Data completeness",
    questions: "The patient's questions",
    no_questions: "No open questions.",
};

/// One active benzodiazepine or z-drug and its current dose.
#[derive(Debug, Serialize)]
pub struct MedicationLine {
    /// "Clonazepam (Klonopin)".
    pub name: String,
    /// "1.35 mg a day since 15 Oct 2026 (24 days at this dose)".
    pub dose: String,
    /// "≈ 27 mg diazepam-equivalent (2025 joint guideline table, approximate)", or why not;
    /// empty after a stop.
    pub equivalent: String,
}

/// The steps of the period with the symptom means around each.
#[derive(Debug, Serialize)]
pub struct StepTable {
    pub headers: [&'static str; 9],
    pub rows: Vec<[String; 9]>,
    /// What the before/after columns mean; or that no step was logged in the period.
    pub note: String,
    /// Each step's split through the day and note, where it has them.
    pub details: Vec<String>,
    /// The days the dose taken differed from the step, with the amounts; empty if none.
    pub differed: String,
}

/// A kept taper proposal, compact, for the prescriber: what it is, what it assumed, its
/// next steps and how it ends.
#[derive(Debug, Serialize)]
pub struct SummaryProposal {
    /// "A proposal to discuss".
    pub heading: &'static str,
    /// "Made by the patient on 2 December 2026 with Taper Journal, to discuss; not
    /// a prescription."
    pub notice: String,
    /// "Medication: clonazepam. Made from: 0.5 mg tablets (scored). Pace: 10 % of the current
    /// dose every 14 days."
    pub assumed: String,
    /// Steps dated before the summary, left out of the table.
    pub earlier: Option<String>,
    pub headers: [&'static str; 6],
    /// Date, daily dose, how each dose time is made (joined by "; "), change, held for, notes.
    pub rows: Vec<[String; 6]>,
    /// "… and 12 more steps, to 0 mg on 4 Apr 2028 (the full table is in the app)."
    pub more: Option<String>,
    /// How the proposal ends.
    pub ending: String,
    /// At a stop: what could let it go on.
    pub to_discuss: Vec<String>,
}

fn total_reduction_text(r: TotalReduction, data: &PeriodData) -> String {
    let amount = |m: Micrograms| {
        if r.diazepam_equivalent {
            format!("{} mg diazepam-equivalent", m.mg_rounded_text())
        } else {
            format!("{} mg", m.mg_text())
        }
    };
    let tenths = r.tenths_percent();
    let change = if r.to <= r.from {
        format!(
            "{} less ({})",
            amount(Micrograms(r.from.0 - r.to.0)),
            share_text(tenths.unsigned_abs())
        )
    } else {
        format!(
            "{} more ({})",
            amount(Micrograms(r.to.0 - r.from.0)),
            percent_text(-tenths)
        )
    };
    let source = if r.diazepam_equivalent {
        format!(
            " All benzodiazepines together, {}, approximate.",
            data.table.label()
        )
    } else {
        String::new()
    };
    format!(
        "Total reduction since the first logged dose ({} on {}): {} → {}, {change}.{source}",
        amount(r.from),
        short_date(r.from_date),
        amount(r.from),
        amount(r.to),
    )
}

/// Whether the summary lists a medication: one shown on Today, or one taken (or stopped)
/// in the period even if it has since been hidden from Today.
fn listed(data: &PeriodData, m: &Medication) -> bool {
    m.active
        || dose_in_effect(&data.steps, m.id, data.period.start).is_some_and(|d| d.0 > 0)
        || data
            .steps
            .iter()
            .any(|s| s.medication_id == m.id && data.period.contains(s.date))
}

fn medication_lines(data: &PeriodData, today: NaiveDate) -> Vec<MedicationLine> {
    // Every medication taken, adjuncts too (gabapentin, an SSRI): listed with their dose,
    // never converted. Benzodiazepines and z-drugs first, as the taper is about them.
    let mut meds: Vec<&Medication> = data
        .medications
        .iter()
        .filter(|m| listed(data, m))
        .collect();
    meds.sort_by_key(|m| !m.class.is_converted());
    meds.into_iter()
        .filter_map(|m| {
            let (dose, since) = dose_held_since(&data.steps, m.id, today)?;
            let days = (today - since).num_days();
            let dose_text = if dose == Micrograms::ZERO {
                format!("stopped on {} ({} ago)", short_date(since), days_text(days))
            } else if !m.class.is_converted() {
                // Its steps are not in the step table: the dose before is said here.
                let before = data
                    .steps
                    .iter()
                    .filter(|s| s.medication_id == m.id && s.date < since)
                    .max_by_key(|s| (s.date, s.id))
                    .map(|s| format!("from {} mg; ", s.dose.mg_text()))
                    .unwrap_or_default();
                format!(
                    "{} mg a day since {} ({before}{} at this dose)",
                    dose.mg_text(),
                    short_date(since),
                    days_text(days)
                )
            } else {
                format!(
                    "{} mg a day since {} ({} at this dose)",
                    dose.mg_text(),
                    short_date(since),
                    days_text(days)
                )
            };
            let equivalent = match equivalence::factor(m, data.table) {
                _ if dose == Micrograms::ZERO => String::new(),
                _ if !m.class.is_converted() => {
                    "Not converted (not a benzodiazepine or z-drug)".to_string()
                }
                Some(f) => format!(
                    "≈ {} mg diazepam-equivalent ({}, approximate)",
                    equivalence::diazepam_equivalent(dose, f).mg_rounded_text(),
                    f.source_label()
                ),
                None => format!(
                    "Not converted: the {} has no figure for {}",
                    data.table.label(),
                    m.generic
                ),
            };
            Some(MedicationLine {
                name: capitalised(&m.display_name()),
                dose: dose_text,
                equivalent,
            })
        })
        .collect()
}

/// "3.0 of 10 → 5.8 of 10", or a dash where a window has no value.
fn means_cell(m: &MeansAround) -> String {
    let one = |mean: crate::taper::symptom_change::Mean| {
        if mean.count == 0 {
            "–".to_string()
        } else {
            mean_text(m.measure, mean)
        }
    };
    format!("{} → {}", one(m.before), one(m.after))
}

/// The pace check of a step in a few words: the findings' titles, or the steps screen's
/// summary ("Within the usual pace").
fn pace_cell(row: &super::steps::StepRow) -> String {
    let mut titles: Vec<&str> = Vec::new();
    for n in &row.pace {
        if !titles.contains(&n.title.as_str()) {
            titles.push(&n.title);
        }
    }
    if titles.is_empty() {
        row.pace_summary.clone()
    } else {
        titles.join("; ")
    }
}

fn step_table(data: &PeriodData, check_ins: &[CheckIn]) -> StepTable {
    let period = data.period;
    let meds: HashMap<i64, &Medication> = data.medications.iter().map(|m| (m.id, m)).collect();
    let by_id: HashMap<i64, &crate::journal::DoseStep> =
        data.steps.iter().map(|s| (s.id, s)).collect();
    // The taper's steps: an adjunct's change is under Medication, with the dose before it.
    let in_period: Vec<&StepFacts> = data
        .facts
        .iter()
        .filter(|f| period.start <= f.date && f.date <= period.end && f.pace_checked)
        .collect();
    let several = in_period
        .iter()
        .any(|f| f.medication_id != in_period[0].medication_id);
    let rows = in_period
        .iter()
        .map(|f| {
            let row = step_row(
                f,
                by_id.get(&f.step_id).copied(),
                &meds,
                data.table,
                Reader::Clinician,
            );
            let (after_days, means) = means_around_step(check_ins, f.date, period.end);
            let dose = if several {
                format!("{} {}", capitalised(&row.medication), row.dose_label)
            } else {
                row.dose_label.clone()
            };
            let mut change = if row.change_label.is_empty() {
                row.kind_label.to_string()
            } else {
                row.change_label.clone()
            };
            // In a crossover the pace is that of the total: it stands beside the drug's own.
            if let Some(t) = &f.total {
                change.push_str(&format!(
                    "; total {} → {} mg DE{}",
                    t.before.mg_rounded_text(),
                    t.after.mg_rounded_text(),
                    t.change_tenths_percent
                        .map(|c| format!(" ({})", percent_text(c)))
                        .unwrap_or_default()
                ));
            }
            let counts = format!(
                "{} / {}{}",
                means[2].before.count,
                means[2].after.count,
                if after_days < crate::taper::symptom_change::AFTER_DAYS {
                    format!(" (step {} ago)", days_text(after_days))
                } else {
                    String::new()
                }
            );
            [
                row.date_label.clone(),
                dose,
                change,
                row.days_held_label.clone(),
                pace_cell(&row),
                counts,
                means_cell(&means[0]),
                means_cell(&means[1]),
                means_cell(&means[2]),
            ]
        })
        .collect::<Vec<_>>();
    let totals = in_period.iter().any(|f| f.total.is_some());
    let note = if rows.is_empty() {
        "No benzodiazepine or z-drug dose step was logged in this period.".to_string()
    } else {
        format!(
            "Anxiety, sleep and symptom score: the mean in the {BASELINE_DAYS} days before each step → the mean in the {} days from the step on (fewer for a recent step). Check-ins: how many there were before / after. Symptom score: the day's sum of severities (0–3 each).{}",
            crate::taper::symptom_change::AFTER_DAYS,
            if totals {
                format!(
                    " Total: all benzodiazepines together in mg diazepam-equivalent (DE), {}, approximate; the pace check is of the total.",
                    data.table.label()
                )
            } else {
                String::new()
            }
        )
    };
    let details = in_period
        .iter()
        .filter_map(|f| {
            let step = by_id.get(&f.step_id)?;
            let mut parts = Vec::new();
            if let Some(split) = step.split.as_deref().filter(|t| !t.trim().is_empty()) {
                parts.push(format!("taken as {split}"));
            }
            if let Some(note) = step.note.as_deref().filter(|t| !t.trim().is_empty()) {
                parts.push(format!("note: “{note}”"));
            }
            if parts.is_empty() {
                return None;
            }
            let name = meds
                .get(&f.medication_id)
                .map(|m| m.display_name())
                .unwrap_or_default();
            Some(format!(
                "{}, {name} {} mg: {}.",
                short_date(f.date),
                f.dose.mg_text(),
                parts.join("; ")
            ))
        })
        .collect();
    StepTable {
        headers: [
            "Date",
            "Dose",
            "Change",
            "Held before",
            "Pace check",
            "Check-ins",
            "Anxiety",
            "Sleep",
            "Symptom score",
        ],
        rows,
        note,
        details,
        differed: differed_text(data),
    }
}

/// At most this many days with a dose that differed are listed; the rest are counted.
const DIFFERED_LISTED: usize = 10;

/// "The dose taken differed from the step on 3 days: 14 Oct 2026, clonazepam 1.5 mg
/// (step 1.35 mg); …": recorded, not judged.
fn differed_text(data: &PeriodData) -> String {
    let name = |id: i64| {
        data.medications
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.display_name())
            .unwrap_or_default()
    };
    let days: Vec<String> = in_period(data)
        .filter_map(|c| {
            let parts: Vec<String> = c
                .doses_taken
                .iter()
                .filter_map(|d| {
                    let step = dose_in_effect(&data.steps, d.medication_id, c.date)?;
                    (step != d.dose).then(|| {
                        format!(
                            "{} {} mg (step {} mg)",
                            name(d.medication_id),
                            d.dose.mg_text(),
                            step.mg_text()
                        )
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| format!("{}, {}", short_date(c.date), parts.join(", ")))
        })
        .collect();
    if days.is_empty() {
        return String::new();
    }
    let more = if days.len() > DIFFERED_LISTED {
        format!(
            "; and {} more",
            count_text(days.len() - DIFFERED_LISTED, "day", "days")
        )
    } else {
        String::new()
    };
    format!(
        "The dose taken differed from the step on {}: {}{more}.",
        count_text(days.len(), "day", "days"),
        days.iter()
            .take(DIFFERED_LISTED)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    )
}

/// The proposal shown, from its next step on `today`; if all are earlier, none (counted).
fn summary_proposal(data: &PeriodData, today: NaiveDate) -> Option<SummaryProposal> {
    let p = data.proposal.as_ref()?;
    let medication = data
        .medications
        .iter()
        .find(|m| m.id == p.medication_id)
        .map_or_else(String::new, |m| m.display_name());
    let plan = plan_view(
        &p.proposal,
        &medication,
        &p.labels,
        &p.request.units,
        p.request.percent,
        p.request.every_days,
    );
    let steps = &p.proposal.steps;
    // All dated before today: none is printed as if still to come; the line says so.
    let skipped = steps
        .iter()
        .position(|s| s.date >= today)
        .unwrap_or(steps.len());
    let earlier = match &steps[..skipped] {
        [] => None,
        [one] => Some(format!(
            "1 earlier step, on {}, is left out (the full table is in the app).",
            short_date(one.date)
        )),
        [first, .., last] => Some(format!(
            "{skipped} earlier steps, {} to {}, are left out (the full table is in the app).",
            short_date(first.date),
            short_date(last.date)
        )),
    };
    let rows = steps
        .iter()
        .zip(&plan.rows)
        .skip(skipped)
        .take(SUMMARY_MAX_PROPOSAL_STEPS)
        .map(|(step, row)| {
            [
                short_date(step.date),
                row.daily.clone(),
                row.made.join("; "),
                change_short(step),
                row.held.clone().unwrap_or_default(),
                short_notes(step, &p.request.units).join("; "),
            ]
        })
        .collect();
    let left = steps
        .len()
        .saturating_sub(skipped + SUMMARY_MAX_PROPOSAL_STEPS);
    let more = steps.last().filter(|_| left > 0).map(|last| {
        format!(
            "… and {}, to {} mg on {} (the full table is in the app).",
            count_text(left, "more step", "more steps"),
            last.daily.mg_text(),
            short_date(last.date)
        )
    });
    Some(SummaryProposal {
        heading: "A proposal to discuss",
        notice: clinician_notice(p),
        assumed: plan.assumed,
        earlier,
        headers: [
            "Date",
            "Daily dose",
            "Each dose made as",
            "Change",
            "Held for",
            "Notes",
        ],
        rows,
        more,
        ending: plan.ending,
        to_discuss: plan.to_discuss,
    })
}

/// The questionnaires for the clinician: per kind, the latest in the period with its band,
/// and the change since the last visit (the latest on or before it) or, without a visit
/// before it, since the first in the period; then any PHQ-9 question 9 answered above
/// "Not at all", each with its answer.
fn questionnaire_lines(data: &PeriodData, last_visit: Option<NaiveDate>) -> Vec<String> {
    use crate::journal::questionnaire::QuestionnaireKind;
    let score = |q: &crate::journal::Questionnaire| {
        format!(
            "{} of {}, {}, on {}",
            q.total(),
            q.kind.max_total(),
            q.band(),
            short_date(q.date)
        )
    };
    let mut lines = Vec::new();
    for kind in QuestionnaireKind::ALL {
        let mut own: Vec<&crate::journal::Questionnaire> = data
            .questionnaires
            .iter()
            .filter(|q| q.kind == kind)
            .collect();
        own.sort_by_key(|q| q.date);
        let in_period: Vec<&&crate::journal::Questionnaire> = own
            .iter()
            .filter(|q| data.period.contains(q.date))
            .collect();
        let Some(latest) = in_period.last() else {
            continue;
        };
        let at_visit = last_visit.and_then(|v| {
            own.iter()
                .rfind(|q| q.date <= v && q.date < latest.date)
                .map(|q| (q, "the last before the last visit"))
        });
        let baseline = at_visit.or_else(|| {
            in_period
                .first()
                .filter(|q| q.date < latest.date)
                .map(|q| (*q, "the first in this period"))
        });
        let change = match baseline {
            Some((b, which)) => {
                let diff = i32::from(latest.total()) - i32::from(b.total());
                let moved = match diff {
                    0 => "unchanged".to_string(),
                    d if d > 0 => format!("up {d}"),
                    d => format!("down {}", -d),
                };
                format!("; {moved} from {} ({which})", score(b))
            }
            None => String::new(),
        };
        lines.push(format!("{}: {}{change}.", kind.label(), score(latest)));
    }
    let mut concerns: Vec<&crate::journal::Questionnaire> = data
        .questionnaires
        .iter()
        .filter(|q| data.period.contains(q.date) && q.safety_concern())
        .collect();
    concerns.sort_by_key(|q| q.date);
    for q in concerns {
        let answer = q.answers.get(PHQ9_SAFETY_ITEM).copied().unwrap_or(0);
        lines.push(format!(
            "PHQ-9 question 9 (thoughts of self-harm) on {}: “{}”.",
            short_date(q.date),
            ANSWER_OPTIONS[usize::from(answer).min(3)]
        ));
    }
    lines
}

fn in_period(data: &PeriodData) -> impl Iterator<Item = &CheckIn> {
    data.check_ins
        .iter()
        .filter(|c| data.period.start <= c.date && c.date <= data.period.end)
}

fn substances_text(data: &PeriodData) -> String {
    let days: Vec<&CheckIn> = in_period(data).collect();
    let alcohol_days = days
        .iter()
        .filter(|c| c.alcohol_drinks.is_some_and(|d| d > 0))
        .count();
    let drinks: u32 = days
        .iter()
        .filter_map(|c| c.alcohol_drinks)
        .map(u32::from)
        .sum();
    let count = |f: fn(&CheckIn) -> bool| days.iter().filter(|c| f(c)).count();
    let on = |n: usize| count_text(n, "day", "days");
    format!(
        "On the {} with a check-in: alcohol on {}{}; opioids on {}; other sedatives on {}; cannabis on {}.",
        on(days.len()),
        on(alcohol_days),
        if alcohol_days > 0 {
            format!(" ({} in all)", count_text(drinks as usize, "drink", "drinks"))
        } else {
            String::new()
        },
        on(count(|c| c.opioids)),
        on(count(|c| c.other_sedatives)),
        on(count(|c| c.cannabis)),
    )
}

/// What was agreed, for the clinician to pick up from: the last visit on or before
/// `today` with its decision, and the next planned step (today or later).
fn agreed_lines(journal: &Journal, data: &PeriodData, today: NaiveDate) -> Result<Vec<String>> {
    let name_of = |id: i64| {
        data.medications
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.display_name())
            .unwrap_or_else(|| "medication".to_string())
    };
    let mut lines = Vec::new();
    if let Some(v) = journal
        .visits()?
        .into_iter()
        .filter(|v| v.date <= today)
        .max_by_key(|v| (v.date, v.id))
    {
        let with = v
            .clinician
            .as_deref()
            .map(|c| format!(" with {c}"))
            .unwrap_or_default();
        let note = v
            .note
            .as_deref()
            .map(|n| format!(" Note: {n}"))
            .unwrap_or_default();
        // "Something else (see note)" says nothing without its note.
        let decided = match (v.decision, v.note.is_some()) {
            (crate::journal::Decision::Other, false) => "something else",
            (d, _) => d.label(),
        };
        lines.push(format!(
            "Last visit on {}{with}. Decided: {decided}.{note}",
            short_date(v.date)
        ));
    }
    if let Some(p) = data
        .planned
        .iter()
        .filter(|p| p.date >= today)
        .min_by_key(|p| (p.date, p.id))
    {
        let agreed_at = p
            .agreed_at
            .as_deref()
            .map(|a| format!(" (agreed: {a})"))
            .unwrap_or_default();
        lines.push(format!(
            "Next agreed step: {} {} mg a day from {}{agreed_at}.",
            name_of(p.medication_id),
            p.dose.mg_text(),
            short_date(p.date)
        ));
    }
    Ok(lines)
}

fn completeness_text(data: &PeriodData) -> String {
    let from = data.period.start.max(data.span.logging_from);
    let days = ((data.period.end - from).num_days() + 1).max(0);
    let logged: Vec<&CheckIn> = in_period(data).collect();
    let share = if days > 0 {
        (logged.len() as u64 * 1000 + days as u64 / 2) / days as u64
    } else {
        0
    };
    let began = if from > data.period.start {
        format!(" since the journal began on {}", short_date(from))
    } else {
        String::new()
    };
    let rated = |f: fn(&CheckIn) -> bool| logged.iter().filter(|c| f(c)).count();
    format!(
        "Check-ins on {} of {} ({}){began}. Anxiety rated on {}, sleep noted on {}, symptoms noted on {}.",
        logged.len(),
        count_text(days as usize, "day", "days"),
        share_text(share),
        count_text(rated(|c| c.anxiety.is_some()), "day", "days"),
        count_text(rated(|c| c.sleep.is_some()), "day", "days"),
        count_text(rated(|c| !c.symptoms.is_empty()), "day", "days"),
    )
}

fn period_label(data: &PeriodData, choice: PeriodChoice, last_visit: Option<NaiveDate>) -> String {
    let days = (data.period.end - data.period.start).num_days() + 1;
    let which = match (choice, last_visit) {
        (PeriodChoice::SinceLastVisit, Some(v)) => {
            format!("since the last visit on {}", short_date(v))
        }
        (PeriodChoice::Everything, _) => "the whole journal".to_string(),
        _ if days % 7 == 0 => count_text((days / 7) as usize, "week", "weeks"),
        _ => String::new(),
    };
    let which = if which.is_empty() {
        days_text(days)
    } else {
        format!("{which}, {}", days_text(days))
    };
    format!(
        "Period: {} to {} ({which})",
        short_date(data.period.start),
        short_date(data.period.end)
    )
}

/// The summary for `choice` on `today`; `None` before setup. `patient_name` is shown as
/// given (the api checks it).
pub fn summary_view(
    journal: &Journal,
    choice: PeriodChoice,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Result<Option<SummaryView>> {
    let Some(data) = load_period(journal, choice, today)? else {
        return Ok(None);
    };
    let last_visit = journal.last_visit_date(today)?;
    // The step table needs the fortnight before the period's first step as well.
    let check_ins = journal.check_ins_between(
        data.period.start - Duration::days(BASELINE_DAYS),
        data.period.end,
    )?;
    let points = data.points(Reader::Clinician);
    // An empty symptom heat map would take a third of a page to say nothing.
    let any_symptom = in_period(&data).any(|c| !c.symptoms.is_empty());
    let mut charts = super::charts::charts_sized(&data, SUMMARY_CHART_WIDTH, SUMMARY_CHART_HEIGHTS);
    let mut chart_notes = Vec::new();
    let mut dose_chart_note = None;
    if !any_symptom {
        charts.retain(|c| c.key != "symptoms");
        chart_notes.push("Withdrawal symptoms: none were noted in this period.".to_string());
    }
    // Adjuncts are listed with their doses above, not drawn: their mg on the taper's axis
    // would flatten the benzodiazepine line.
    let adjuncts: Vec<String> = data
        .medications
        .iter()
        .filter(|m| listed(&data, m) && !m.class.is_converted())
        .map(|m| m.display_name())
        .collect();
    if !adjuncts.is_empty() {
        dose_chart_note = Some(format!(
            "The dose chart shows the benzodiazepines and z-drugs; {} {} listed with {} dose under Medication.",
            adjuncts.join(", "),
            if adjuncts.len() == 1 { "is" } else { "are" },
            if adjuncts.len() == 1 { "its" } else { "their" },
        ));
    }
    let safety_note = recorded_for_clinician(
        &in_period(&data)
            .filter(|c| !c.red_flags.is_empty())
            .map(|c| (c.date, c.red_flags.clone()))
            .collect::<Vec<_>>(),
        &data
            .questionnaires
            .iter()
            .filter(|q| data.period.contains(q.date) && q.safety_concern())
            .map(|q| {
                let answer = q.answers.get(PHQ9_SAFETY_ITEM).copied().unwrap_or(0);
                (q.date, ANSWER_OPTIONS[usize::from(answer).min(3)])
            })
            .collect::<Vec<_>>(),
    );
    let open: Vec<String> = journal
        .questions()?
        .into_iter()
        .filter(|q| q.done_on.is_none())
        .map(|q| q.text)
        .collect();
    // A visit has room for a page of questions; the rest are counted, not dropped silently.
    let mut questions: Vec<String> = open.iter().take(SUMMARY_MAX_QUESTIONS).cloned().collect();
    if open.len() > SUMMARY_MAX_QUESTIONS {
        questions.push(format!(
            "… and {} more questions in the journal.",
            open.len() - SUMMARY_MAX_QUESTIONS
        ));
    }
    Ok(Some(SummaryView {
        title: match patient_name {
            Some(name) => format!("Clinic visit summary: {name}"),
            None => "Clinic visit summary".to_string(),
        },
        period_label: period_label(&data, choice, last_visit),
        period_note: data.period_note.clone(),
        made_on: format!("Made on {} with Taper Journal.", short_date(today)),
        safety_note,
        points,
        medications: medication_lines(&data, today),
        total_reduction: total_reduction(&data.medications, &data.steps, data.table, today)
            .map(|r| total_reduction_text(r, &data)),
        charts,
        chart_notes,
        dose_chart_note,
        step_table: step_table(&data, &check_ins),
        proposal: summary_proposal(&data, today),
        questionnaires: questionnaire_lines(&data, last_visit),
        substances: substances_text(&data),
        completeness: completeness_text(&data),
        agreed: agreed_lines(journal, &data, today)?,
        questions,
        self_reported: SELF_REPORTED,
        not_medical_advice: NOT_MEDICAL_ADVICE,
        words: SUMMARY_WORDS,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::QuarterHours;
    use crate::taper::symptom_change::{Mean, Measure};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap()
    }

    fn check_in(date: NaiveDate, anxiety: Option<u8>, sleep_hours_quarters: u8) -> CheckIn {
        CheckIn {
            date,
            anxiety,
            mood: None,
            sleep: Some(QuarterHours(sleep_hours_quarters)),
            sleep_quality: None,
            symptoms: vec![crate::journal::check_in::SymptomEntry {
                name: "tremor".to_string(),
                builtin: true,
                severity: 1,
            }],
            red_flags: vec![],
            doses_taken: vec![],
            alcohol_drinks: None,
            opioids: false,
            cannabis: false,
            other_sedatives: false,
            substance_note: None,
            practices: vec![],
            practice_note: None,
            note: None,
        }
    }

    #[test]
    fn step_table_means_use_the_fortnights_around_the_step() {
        // Step on 15 Oct. Before: 1–14 Oct, anxiety 2 on odd days and 4 on even days (seven
        // of each: 42 / 14 = 3.0), sleep 7 h (28 quarter hours). After: 15–20 Oct only (the
        // period ends on the 20th: 6 days), anxiety 6 on five days and one day not rated
        // (30 / 5 = 6.0), sleep 6 h (24 quarters). A check-in on 21 Oct is past the end.
        let mut days = Vec::new();
        for day in 1..=14 {
            days.push(check_in(d(day), Some(2 + 2 * (1 - day as u8 % 2)), 28));
        }
        for day in 15..=20 {
            days.push(check_in(d(day), (day != 17).then_some(6), 24));
        }
        days.push(check_in(d(21), Some(10), 4));
        let (after_days, means) = means_around_step(&days, d(15), d(20));
        assert_eq!(after_days, 6);
        assert_eq!(means[0].measure, Measure::Anxiety);
        assert_eq!(means[0].before, Mean { sum: 42, count: 14 });
        assert_eq!(means[0].after, Mean { sum: 30, count: 5 });
        assert_eq!(means_cell(&means[0]), "3.0 of 10 → 6.0 of 10");
        // Sleep: 14 × 28 / (4 × 14) = 7.0 h; 6 × 24 / (4 × 6) = 6.0 h.
        assert_eq!(means_cell(&means[1]), "7.0 h → 6.0 h");
        // Symptom score: tremor 1 every day -> 1.0 both sides, 14 and 6 check-ins.
        assert_eq!(means[2].before, Mean { sum: 14, count: 14 });
        assert_eq!(means[2].after, Mean { sum: 6, count: 6 });
        assert_eq!(means_cell(&means[2]), "1.0 → 1.0");
        // Nothing before a first step: a dash, not 0.
        let (_, none_before) = means_around_step(&days, d(1), d(20));
        assert_eq!(means_cell(&none_before[0]), "– → 3.0 of 10");
    }
}
