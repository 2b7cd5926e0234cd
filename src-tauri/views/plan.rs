//! The Plan screen in words: a taper proposal (taper/plan.rs) as a table to bring to the
//! prescriber. It is a proposal to discuss, said at the top; no sentence is an instruction.

use super::steps::pace_note;
use super::urgent_help::Reader;
use super::{long_date, percent_text, share_text};
use crate::journal::Micrograms;
use crate::taper::pace::PaceFinding;
use crate::taper::plan::{Ending, Made, Proposal, ProposedStep, SavedProposal, Units};
use chrono::NaiveDate;
use serde::Serialize;

/// Said at the top of every proposal.
pub const PROPOSAL_NOTICE: &str = "A proposal to discuss with your prescriber, not a plan to follow. Dose changes are decided with them. The table shows what the tablets or liquid you have could make at the pace you chose, checked against the 2025 guideline (5–10 % of the current dose every 2–4 weeks, generally not more than 25 % within 2 weeks).";

/// One row of the proposal's table.
#[derive(Debug, Serialize, PartialEq)]
pub struct PlanRow {
    /// "Monday 4 January 2027".
    pub date: String,
    /// "1.75 mg".
    pub daily: String,
    /// "Morning: 1½ × 0.5 mg", one per dose time.
    pub made: Vec<String>,
    /// "12.5 % less than before".
    pub change: String,
    /// "18 days", or none for the last step.
    pub held: Option<String>,
    /// Why a step is larger than chosen, the step to zero, the guideline's notes.
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct PlanView {
    pub notice: &'static str,
    /// "Medication: clonazepam. Made from: 0.5 mg tablets (scored). Pace: 10 % every 14 days."
    pub assumed: String,
    pub rows: Vec<PlanRow>,
    /// How the proposal ends.
    pub ending: String,
    /// At a stop: what could let it go on, as points to discuss.
    pub to_discuss: Vec<String>,
}

/// "1½", "¾", "2".
fn tablets_text(quarters: u32) -> String {
    let whole = quarters / 4;
    let part = match quarters % 4 {
        1 => "¼",
        2 => "½",
        3 => "¾",
        _ => "",
    };
    match (whole, part) {
        (0, "") => "0".to_string(),
        (0, p) => p.to_string(),
        (w, p) => format!("{w}{p}"),
    }
}

/// "1½ × 0.5 mg + 1 × 0.25 mg", "1.3 mL", or "none".
pub fn made_text(made: &Made, units: &Units) -> String {
    match (made, units) {
        (Made::Tablets { quarters }, Units::Tablets { tablets, .. }) => {
            let parts: Vec<String> = quarters
                .iter()
                .zip(tablets)
                .filter(|(q, _)| **q > 0)
                .map(|(q, t)| format!("{} × {} mg", tablets_text(*q), t.strength.mg_text()))
                .collect();
            if parts.is_empty() {
                "none".to_string()
            } else {
                parts.join(" + ")
            }
        }
        (Made::Liquid { hundredths_ml }, _) => {
            if *hundredths_ml == 0 {
                "none".to_string()
            } else {
                let ml = format!("{}.{:02}", hundredths_ml / 100, hundredths_ml % 100);
                format!("{} mL", ml.trim_end_matches('0').trim_end_matches('.'))
            }
        }
        _ => String::new(),
    }
}

/// "0.5 mg tablets (scored) and 0.25 mg tablets", "a 0.1 mg/mL liquid measured to 0.1 mL".
pub fn units_text(units: &Units) -> String {
    match units {
        Units::Tablets { tablets, quarters } => {
            let list: Vec<String> = tablets
                .iter()
                .map(|t| {
                    format!(
                        "{} mg tablets{}",
                        t.strength.mg_text(),
                        if t.scored { " (scored)" } else { "" }
                    )
                })
                .collect();
            let quarters = if *quarters && tablets.iter().any(|t| t.scored) {
                ", quarters allowed"
            } else {
                ""
            };
            format!("{}{quarters}", list.join(" and "))
        }
        Units::Liquid {
            micrograms_per_ml,
            smallest_hundredths_ml,
        } => format!(
            "a {} mg/mL liquid measured to {}",
            Micrograms(*micrograms_per_ml).mg_text(),
            made_text(
                &Made::Liquid {
                    hundredths_ml: u64::from(*smallest_hundredths_ml)
                },
                units
            )
        ),
    }
}

/// Why a step is larger than the % chosen, in a few words.
fn larger_reason(units: &Units) -> &'static str {
    match units {
        Units::Tablets { .. } => "Larger than chosen because of the tablet sizes",
        Units::Liquid { .. } => {
            "Larger than chosen because of the smallest amount that can be measured"
        }
    }
}

/// The same, to fit a table cell of the summary.
fn larger_short(units: &Units) -> &'static str {
    match units {
        Units::Tablets { .. } => "Larger than chosen (tablet sizes)",
        Units::Liquid { .. } => "Larger than chosen (smallest measure)",
    }
}

fn larger_note(units: &Units) -> String {
    format!(
        "{}, so held longer: the average pace stays the one chosen.",
        larger_reason(units)
    )
}

const TO_ZERO: &str = "The step to zero";

fn to_zero_note() -> String {
    format!("{TO_ZERO}: a step to discuss with your prescriber in particular.")
}

/// The guideline's notes worth a word on a step: a larger step than usual is said once, by
/// the units' note, when the units caused it; the step to zero has its own note.
fn noted_findings(step: &ProposedStep) -> impl Iterator<Item = &PaceFinding> {
    step.findings.iter().filter(move |f| {
        step.daily.0 != 0
            && !(step.larger_than_chosen && matches!(f, PaceFinding::LargerThanUsualStep { .. }))
    })
}

fn row(step: &ProposedStep, labels: &[String], units: &Units) -> PlanRow {
    let made = step
        .times
        .iter()
        .zip(labels)
        .map(|((_, made), label)| format!("{label}: {}", made_text(made, units)))
        .collect();
    let mut notes = Vec::new();
    if step.larger_than_chosen {
        notes.push(larger_note(units));
    }
    if step.daily.0 == 0 {
        notes.push(to_zero_note());
    }
    for f in noted_findings(step) {
        let note = pace_note(f, None, step.date, Reader::Clinician);
        notes.push(format!("{}: {}", note.title, note.detail));
    }
    PlanRow {
        date: long_date(step.date),
        daily: format!("{} mg", step.daily.mg_text()),
        made,
        change: format!(
            "{} less than before",
            share_text(step.reduction_tenths_percent)
        ),
        held: step.days_held.map(|d| {
            if d == 1 {
                "1 day".to_string()
            } else {
                format!("{d} days")
            }
        }),
        notes,
    }
}

/// What could let a stopped proposal go on, for the units it had.
fn ways_on(units: &Units) -> Vec<String> {
    let mut ways = vec!["A lower tablet strength.".to_string()];
    match units {
        Units::Tablets { tablets, quarters } => {
            if tablets.iter().any(|t| !t.scored) {
                ways.push("A scored tablet, which can be halved.".to_string());
            }
            if !quarters {
                ways.push("Quarter tablets, where the tablet allows (quarters are less precise than halves).".to_string());
            }
            ways.push("A liquid form, measured with an oral syringe.".to_string());
        }
        Units::Liquid { .. } => {
            ways.push(
                "A smaller measurable amount (a finer oral syringe) or a more dilute liquid."
                    .to_string(),
            );
        }
    }
    ways.push(
        "A preparation made up by a pharmacy (compounded) in the strength needed.".to_string(),
    );
    ways
}

pub fn plan_view(
    proposal: &Proposal,
    medication: &str,
    labels: &[String],
    units: &Units,
    percent: u32,
    every_days: i64,
) -> PlanView {
    let rows: Vec<PlanRow> = proposal
        .steps
        .iter()
        .map(|s| row(s, labels, units))
        .collect();
    let (ending, to_discuss) = match &proposal.ending {
        Ending::Reached if proposal.steps.last().is_some_and(|s| s.daily.0 == 0) => (
            "The proposal ends at zero.".to_string(),
            Vec::new(),
        ),
        Ending::Reached => ("The proposal ends at the end dose chosen.".to_string(), Vec::new()),
        Ending::NearestToEnd => (
            "The end dose chosen cannot be made from these units; the proposal ends at the nearest dose above it.".to_string(),
            Vec::new(),
        ),
        Ending::NoStepWithinCeiling {
            at,
            next,
            next_reduction_tenths_percent,
        } => (
            format!(
                "The proposal stops at {} mg a day: the next dose these units can make, {} mg, would be {} less in one step, more than the guideline's 25 % within 2 weeks. What could let it go on, to discuss:",
                at.mg_text(),
                next.mg_text(),
                share_text(*next_reduction_tenths_percent)
            ),
            ways_on(units),
        ),
    };
    PlanView {
        notice: PROPOSAL_NOTICE,
        assumed: format!(
            "Medication: {medication}. Made from: {}. Pace: {percent} % of the current dose every {every_days} days.",
            units_text(units)
        ),
        rows,
        ending,
        to_discuss,
    }
}

/// One step of a kept proposal, as a choice of steps agreed at a visit.
#[derive(Debug, Serialize, PartialEq)]
pub struct StepChoice {
    /// ISO date, the choice's value.
    pub date: String,
    /// "Monday 4 January 2027: 1.75 mg a day".
    pub label: String,
}

/// A kept proposal on the Plan screen.
#[derive(Debug, Serialize, PartialEq)]
pub struct SavedPlanView {
    pub id: i64,
    /// "Made on 2 December 2026: clonazepam, 10 % every 14 days".
    pub title: String,
    /// Drawn on the dose chart and printed on the visit summary.
    pub shown: bool,
    /// Whether it is shown, in words.
    pub status: &'static str,
    pub plan: PlanView,
    /// The steps from today on, which can become planned steps once agreed.
    pub ahead: Vec<StepChoice>,
}

/// "2 December 2026": the day a proposal was made, as its title says it.
fn made_on_text(p: &SavedProposal) -> String {
    p.made_on.format("%-d %B %Y").to_string()
}

/// "Made on 2 December 2026: clonazepam, 10 % every 14 days".
pub fn saved_title(p: &SavedProposal, medication: &str) -> String {
    format!(
        "Made on {}: {medication}, {} % every {} days",
        made_on_text(p),
        p.request.percent,
        p.request.every_days
    )
}

/// The note each planned step made from a proposal carries.
pub fn planned_from_note(p: &SavedProposal) -> String {
    format!("From the proposal made on {}.", made_on_text(p))
}

/// PROPOSAL_NOTICE in one line for the prescriber, who reads the visit summary:
/// "Made by the patient on 2 December 2026 with Taper Journal, to discuss; not a
/// prescription."
pub fn clinician_notice(p: &SavedProposal) -> String {
    format!(
        "Made by the patient on {} with Taper Journal, to discuss; not a prescription.",
        made_on_text(p)
    )
}

/// A step's change in a table column: "−12.5 %" (the Plan screen says "12.5 % less than
/// before").
pub fn change_short(step: &ProposedStep) -> String {
    percent_text(-i64::try_from(step.reduction_tenths_percent).unwrap_or(i64::MAX))
}

/// A step's notes in a few words each, for a table column: why it is larger than chosen,
/// the step to zero, the titles of the guideline's notes (the Plan screen says each in
/// full).
pub fn short_notes(step: &ProposedStep, units: &Units) -> Vec<String> {
    let mut notes = Vec::new();
    if step.larger_than_chosen {
        notes.push(larger_short(units).to_string());
    }
    if step.daily.0 == 0 {
        notes.push(TO_ZERO.to_string());
    }
    for f in noted_findings(step) {
        let title = pace_note(f, None, step.date, Reader::Clinician).title;
        if !notes.contains(&title) {
            notes.push(title);
        }
    }
    notes
}

pub fn saved_plan_view(p: &SavedProposal, medication: &str, today: NaiveDate) -> SavedPlanView {
    SavedPlanView {
        id: p.id,
        title: saved_title(p, medication),
        shown: p.shown,
        status: if p.shown {
            "Shown on the visit summary, and on the dose chart (Trends) for its steps in the next 4 months."
        } else {
            "Not shown on the chart or the summary."
        },
        plan: plan_view(
            &p.proposal,
            medication,
            &p.labels,
            &p.request.units,
            p.request.percent,
            p.request.every_days,
        ),
        ahead: p
            .proposal
            .steps
            .iter()
            .filter(|s| s.date >= today)
            .map(|s| StepChoice {
                date: s.date.format("%Y-%m-%d").to_string(),
                label: format!("{}: {} mg a day", long_date(s.date), s.daily.mg_text()),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taper::plan::Tablet;

    #[test]
    fn doses_are_said_as_they_are_made() {
        let tablets = Units::Tablets {
            tablets: vec![
                Tablet {
                    strength: Micrograms(500),
                    scored: true,
                },
                Tablet {
                    strength: Micrograms(250),
                    scored: false,
                },
            ],
            quarters: false,
        };
        assert_eq!(
            made_text(
                &Made::Tablets {
                    quarters: vec![6, 4]
                },
                &tablets
            ),
            "1½ × 0.5 mg + 1 × 0.25 mg"
        );
        assert_eq!(
            made_text(
                &Made::Tablets {
                    quarters: vec![2, 0]
                },
                &tablets
            ),
            "½ × 0.5 mg"
        );
        assert_eq!(
            made_text(
                &Made::Tablets {
                    quarters: vec![0, 0]
                },
                &tablets
            ),
            "none"
        );
        let liquid = Units::Liquid {
            micrograms_per_ml: 100,
            smallest_hundredths_ml: 10,
        };
        assert_eq!(
            made_text(&Made::Liquid { hundredths_ml: 130 }, &liquid),
            "1.3 mL"
        );
        assert_eq!(
            made_text(&Made::Liquid { hundredths_ml: 800 }, &liquid),
            "8 mL"
        );
        assert_eq!(units_text(&liquid), "a 0.1 mg/mL liquid measured to 0.1 mL");
        assert_eq!(
            units_text(&tablets),
            "0.5 mg tablets (scored) and 0.25 mg tablets"
        );
    }

    #[test]
    fn no_sentence_is_an_instruction() {
        let words = [PROPOSAL_NOTICE.to_string(), to_zero_note()]
            .into_iter()
            .chain(ways_on(&Units::Tablets {
                tablets: vec![],
                quarters: false,
            }))
            .collect::<Vec<_>>();
        for w in words {
            for imperative in ["Reduce", "Cut", "Take", "Stop", "Lower"] {
                assert!(!w.starts_with(imperative), "{w}");
                assert!(!w.contains(&format!(". {imperative} ")), "{w}");
            }
        }
    }
}
