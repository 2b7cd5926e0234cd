//! The visits screen: past clinic visits, and the questions for the prescriber.

use super::overview::KeyLabel;
use super::short_date;
use crate::journal::visit::Decision;
use crate::store::{Journal, Result};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct VisitRow {
    pub id: i64,
    pub date_label: String,
    pub clinician: String,
    pub decision_label: &'static str,
    pub note: String,
    /// "Next step: clonazepam 0.5 mg from 1 Dec 2026", when one was agreed.
    pub next_step_label: String,
    pub questions_answered: usize,
}

#[derive(Debug, Serialize)]
pub struct QuestionRow {
    pub id: i64,
    pub text: String,
    pub done: bool,
    /// "Added 3 Nov 2026" or "Answered 17 Nov 2026".
    pub date_label: String,
}

#[derive(Debug, Serialize)]
pub struct MedicationChoice {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct VisitsView {
    /// Newest first.
    pub visits: Vec<VisitRow>,
    pub decisions: Vec<KeyLabel>,
    /// Open questions first, then answered ones.
    pub questions: Vec<QuestionRow>,
    pub medications: Vec<MedicationChoice>,
}

pub fn visits_view(journal: &Journal) -> Result<VisitsView> {
    let medications = journal.medications()?;
    let planned = journal.planned_steps()?;
    let questions = journal.questions()?;
    let visits = journal
        .visits()?
        .into_iter()
        .rev()
        .map(|v| {
            let next_step_label = v
                .planned_step_id
                .and_then(|id| planned.iter().find(|p| p.id == id))
                .map(|p| {
                    let name = medications
                        .iter()
                        .find(|m| m.id == p.medication_id)
                        .map(|m| m.display_name())
                        .unwrap_or_default();
                    format!(
                        "Next step: {name} {} mg a day from {}",
                        p.dose.mg_text(),
                        short_date(p.date)
                    )
                })
                .unwrap_or_default();
            VisitRow {
                id: v.id,
                date_label: short_date(v.date),
                clinician: v.clinician.clone().unwrap_or_default(),
                decision_label: v.decision.label(),
                note: v.note.clone().unwrap_or_default(),
                next_step_label,
                questions_answered: questions
                    .iter()
                    .filter(|q| q.visit_id == Some(v.id))
                    .count(),
            }
        })
        .collect();
    Ok(VisitsView {
        visits,
        decisions: Decision::ALL
            .iter()
            .map(|d| KeyLabel {
                key: d.key(),
                label: d.label(),
            })
            .collect(),
        questions: questions
            .iter()
            .map(|q| QuestionRow {
                id: q.id,
                text: q.text.clone(),
                done: q.done_on.is_some(),
                date_label: match q.done_on {
                    Some(d) => format!("Answered {}", short_date(d)),
                    None => format!("Added {}", short_date(q.added_on)),
                },
            })
            .collect(),
        medications: medications
            .iter()
            .filter(|m| m.active)
            .map(|m| MedicationChoice {
                id: m.id,
                name: m.display_name(),
            })
            .collect(),
    })
}
