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

mod medication;
mod records;
mod step_table;

pub use medication::MedicationLine;
use medication::{listed, medication_lines, total_reduction_text};
use records::{agreed_lines, completeness_text, questionnaire_lines, substances_text};
use step_table::step_table;
pub use step_table::StepTable;

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

fn in_period(data: &PeriodData) -> impl Iterator<Item = &CheckIn> {
    data.check_ins
        .iter()
        .filter(|c| data.period.start <= c.date && c.date <= data.period.end)
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
