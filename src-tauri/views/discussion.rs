//! Discussion points in words: each finding with the numbers behind it and the step it
//! refers to. Calm, blame-free, and never an instruction to change a dose.

use super::levels::urgency_label;
use super::steps::pace_note;
use super::urgent_help::{point_closing, Reader};
use super::words::{capitalised, count_text};
use super::{share_text, short_date};
use crate::journal::questionnaire::ANSWER_OPTIONS;
use crate::journal::{Medication, Micrograms};
use crate::taper::discussion::{Finding, StepRef, Urgency};
use crate::taper::symptom_change::{
    Mean, Measure, MeasureChange, AFTER_DAYS, AFTER_MIN_CHECK_INS, BASELINE_DAYS,
    BASELINE_MIN_CHECK_INS, RECENT_DAYS, RECENT_MIN_CHECK_INS,
};
use crate::taper::EquivalenceTable;
use chrono::NaiveDate;
use serde::Serialize;

/// The sentence every symptoms-higher point ends with (PRODUCT.md).
pub const HOLD_OR_SLOW_SUGGESTION: &str =
    "You may want to discuss holding at this dose or slowing the next step with your prescriber.";
/// The same point after a step to zero.
pub const AFTER_STOP_SUGGESTION: &str =
    "You may want to discuss how you have been since stopping with your prescriber.";
/// The same point when the step's dose is no longer the one taken: there is no such dose
/// to hold.
pub const AFTER_CHANGE_SUGGESTION: &str =
    "The dose has changed since; you may want to discuss how you have been since this step with your prescriber.";

/// At most this many dates are listed in one point; the rest are counted.
const DATES_LISTED: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// The finding's kind ("symptoms_higher", "pace", …), stable for the page and tests.
    pub kind: &'static str,
    pub urgency: Urgency,
    /// The word for the urgency ("Urgent", "To discuss"): a printed page cannot rely on
    /// colour, and the screen says the same word.
    pub urgency_label: &'static str,
    pub title: String,
    pub detail: String,
    /// "Clonazepam 1.8 → 1.35 mg on 3 Nov 2026", when the point is about one step.
    pub step_label: String,
}

fn step_label(step: &StepRef, meds: &[Medication]) -> String {
    let name = meds
        .iter()
        .find(|m| m.id == step.medication_id)
        .map(|m| capitalised(&m.display_name()))
        .unwrap_or_else(|| "Medication".to_string());
    match step.previous_dose {
        Some(p) => format!(
            "{name} {} → {} mg on {}",
            p.mg_text(),
            step.dose.mg_text(),
            short_date(step.date)
        ),
        None => format!(
            "{name} {} mg from {}",
            step.dose.mg_text(),
            short_date(step.date)
        ),
    }
}

fn dates_text(days: &[NaiveDate]) -> String {
    let mut listed: Vec<String> = days
        .iter()
        .take(DATES_LISTED)
        .map(|d| short_date(*d))
        .collect();
    if days.len() > DATES_LISTED {
        listed.push(format!("and {} more", days.len() - DATES_LISTED));
    }
    listed.join(", ")
}

/// A tenths value as "6.1".
fn tenths_text(t: i64) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// A mean of the measure as people read it: "6.1 of 10", "6.3 h", "4.0".
pub fn mean_text(m: Measure, mean: Mean) -> String {
    match m {
        Measure::Anxiety => format!("{} of 10", tenths_text(mean.tenths())),
        // Quarter hours: the mean in hours is sum / (4·count).
        Measure::Sleep => format!(
            "{} h",
            tenths_text(
                Mean {
                    sum: mean.sum,
                    count: mean.count * 4
                }
                .tenths()
            )
        ),
        Measure::SymptomScore => tenths_text(mean.tenths()),
    }
}

fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Anxiety => "anxiety",
        Measure::Sleep => "sleep",
        Measure::SymptomScore => "daily symptom score (sum of severities)",
    }
}

/// "in the 14 days from the step on": the after-window starts on the step's own day
/// (symptom_change::AFTER_DAYS), and counts fewer days while it is not yet complete.
fn after_window_text(after_days: i64) -> String {
    format!(
        "in the {} from the step on",
        count_text(after_days.clamp(0, AFTER_DAYS) as usize, "day", "days")
    )
}

/// How the other measures compared moved over the same days, when their shown means
/// differ: "Over the same days, mean sleep went from 7.0 h to 6.5 h." A measure that rose
/// past its line and has settled back says so.
fn others_sentence(others: &[MeasureChange]) -> String {
    let moved: Vec<String> = others
        .iter()
        .filter(|c| mean_text(c.measure, c.before) != mean_text(c.measure, c.after))
        .map(|c| {
            let settled = match c.recent {
                Some(r) if c.measure.worse(c.before, c.after) => {
                    format!(
                        ", and is back to {} in the last {RECENT_DAYS} days",
                        mean_text(c.measure, r)
                    )
                }
                _ => String::new(),
            };
            format!(
                "mean {} went from {} to {}{settled}",
                measure_name(c.measure),
                mean_text(c.measure, c.before),
                mean_text(c.measure, c.after)
            )
        })
        .collect();
    if moved.is_empty() {
        return String::new();
    }
    format!(" Over the same days, {}.", moved.join("; "))
}

fn change_sentence(c: &MeasureChange, after_days: i64) -> String {
    let verb = if c.measure == Measure::Sleep {
        "fell"
    } else {
        "rose"
    };
    let recent = match c.recent {
        Some(r) => format!(
            " In the last {RECENT_DAYS} days it is {}.",
            mean_text(c.measure, r)
        ),
        None => String::new(),
    };
    format!(
        "Mean {} {verb} from {} in the {BASELINE_DAYS} days before the step ({}) to {} {} ({}).{recent}",
        measure_name(c.measure),
        mean_text(c.measure, c.before),
        count_text(c.before.count as usize, "check-in", "check-ins"),
        mean_text(c.measure, c.after),
        after_window_text(after_days),
        count_text(c.after.count as usize, "check-in", "check-ins"),
    )
}

/// How often a measure was noted: "3 anxiety ratings", "1 check-in".
fn values_text(measure: Option<Measure>, n: usize) -> String {
    match measure {
        None => count_text(n, "check-in", "check-ins"),
        Some(Measure::Anxiety) => count_text(n, "anxiety rating", "anxiety ratings"),
        Some(Measure::Sleep) => count_text(n, "night's sleep", "nights' sleep"),
        Some(Measure::SymptomScore) => count_text(n, "symptom entry", "symptom entries"),
    }
}

/// One finding in words; `table` names the one a crossover's total was converted with.
pub fn point_view(
    f: &Finding,
    meds: &[Medication],
    table: EquivalenceTable,
    reader: Reader,
) -> PointView {
    let no_step = String::new();
    let (kind, title, detail, step) = match f {
        Finding::SelfHarmAnswer { date, answer } => {
            let who = match reader {
                Reader::Patient { .. } => "you",
                Reader::Clinician => "the patient",
            };
            (
                "self_harm_answer",
                "Thoughts of self-harm (PHQ-9 question 9)".to_string(),
                format!(
                    "On {} {who} answered question 9 with “{}”. {}",
                    short_date(*date),
                    ANSWER_OPTIONS[usize::from(*answer).min(3)],
                    point_closing(reader, *date, true)
                )
                .trim_end()
                .to_string(),
                no_step,
            )
        }
        Finding::RedFlags { days } => {
            let list: Vec<String> = days
                .iter()
                .take(DATES_LISTED)
                .map(|(d, flags)| {
                    let names: Vec<&str> = flags.iter().map(|f| f.label()).collect();
                    format!("{}: {}", short_date(*d), names.join(", "))
                })
                .collect();
            let more = if days.len() > DATES_LISTED {
                format!("; and {} more days", days.len() - DATES_LISTED)
            } else {
                String::new()
            };
            let latest = days.iter().map(|(d, _)| *d).max().unwrap_or_default();
            let self_harm = days
                .iter()
                .any(|(_, flags)| flags.contains(&crate::journal::RedFlag::SelfHarmThoughts));
            (
                "red_flags",
                format!(
                    "Urgent symptoms noted on {}",
                    count_text(days.len(), "day", "days")
                ),
                format!(
                    "{}{more}. {}",
                    list.join("; "),
                    point_closing(reader, latest, self_harm)
                )
                .trim_end()
                .to_string(),
                no_step,
            )
        }
        Finding::Pace {
            step,
            finding,
            combined,
        } => {
            let note = pace_note(finding, combined.then_some(table), step.date, reader);
            ("pace", note.title, note.detail, step_label(step, meds))
        }
        Finding::SymptomsHigher {
            step,
            after_days,
            changes,
            others,
            held_now,
        } => {
            let sentences: Vec<String> = changes
                .iter()
                .map(|c| change_sentence(c, *after_days))
                .collect();
            // After a stop there is no dose to hold or next step to slow; after a later
            // change, the step's dose is no longer one to hold.
            let closing = if step.dose == Micrograms::ZERO {
                AFTER_STOP_SUGGESTION
            } else if !held_now {
                AFTER_CHANGE_SUGGESTION
            } else {
                HOLD_OR_SLOW_SUGGESTION
            };
            (
                "symptoms_higher",
                format!("Symptoms higher since the step on {}", short_date(step.date)),
                format!(
                    "{}{} {closing}",
                    sentences.join(" "),
                    others_sentence(others)
                ),
                step_label(step, meds),
            )
        }
        Finding::RiseNotJudged {
            step,
            after_days,
            changes,
        } => {
            let sentences: Vec<String> = changes
                .iter()
                .map(|c| change_sentence(c, *after_days))
                .collect();
            (
                "rise_not_judged",
                format!("Symptoms rose after the step on {}", short_date(step.date)),
                format!(
                    "{} There are too few check-ins in the last {RECENT_DAYS} days ({RECENT_MIN_CHECK_INS} needed) to tell whether this is still so; a few more check-ins will show it.",
                    sentences.join(" ")
                ),
                step_label(step, meds),
            )
        }
        Finding::TooFewToCompare {
            step,
            measure,
            before,
            after,
        } => (
            "too_few_to_compare",
            match measure {
                None => format!(
                    "Too few check-ins to compare symptoms around the step on {}",
                    short_date(step.date)
                ),
                Some(m) => format!(
                    "Too few {} entries to compare around the step on {}",
                    measure_name(*m),
                    short_date(step.date)
                ),
            },
            format!(
                "{} in the {BASELINE_DAYS} days before the step ({BASELINE_MIN_CHECK_INS} needed) and {} from the step on ({AFTER_MIN_CHECK_INS} needed). The journal does not guess; a few more check-ins will make the comparison possible.",
                values_text(*measure, *before),
                values_text(*measure, *after),
            ),
            step_label(step, meds),
        ),
        Finding::Substances {
            alcohol_days,
            alcohol_drinks,
            opioid_days,
            sedative_days,
        } => {
            let mut parts = Vec::new();
            if *alcohol_days > 0 {
                parts.push(format!(
                    "alcohol on {} ({} in all)",
                    count_text(*alcohol_days, "day", "days"),
                    count_text(*alcohol_drinks as usize, "drink", "drinks")
                ));
            }
            if *opioid_days > 0 {
                parts.push(format!("opioids on {}", count_text(*opioid_days, "day", "days")));
            }
            if *sedative_days > 0 {
                parts.push(format!(
                    "other sedatives on {}",
                    count_text(*sedative_days, "day", "days")
                ));
            }
            let naloxone = if *opioid_days > 0 {
                " Ask your prescriber or pharmacist about naloxone, which can reverse an opioid overdose, and keep it at home."
            } else {
                ""
            };
            (
                "substances",
                "Alcohol, opioids or other sedatives".to_string(),
                format!(
                    "You noted {}. Taken together with a benzodiazepine, these slow breathing and raise the risk of an overdose.{naloxone} This is worth mentioning to your prescriber.",
                    parts.join("; ")
                ),
                no_step,
            )
        }
        Finding::DoseDiffered { days } => (
            "dose_differed",
            format!(
                "The dose taken differed from the step on {}",
                count_text(days.len(), "day", "days")
            ),
            format!(
                "{}. Noting this helps your prescriber fit the plan to what happens day to day.",
                dates_text(days)
            ),
            no_step,
        ),
        Finding::Completeness { logged, days } => {
            let share = if *days > 0 {
                (*logged as u64 * 1000 + *days as u64 / 2) / *days as u64
            } else {
                0
            };
            (
                "completeness",
                format!(
                    "Check-ins on {logged} of {} ({})",
                    count_text(*days as usize, "day", "days"),
                    share_text(share)
                ),
                "Gaps are fine. The more days have a check-in, the clearer the picture for you and your prescriber.".to_string(),
                no_step,
            )
        }
    };
    PointView {
        kind,
        urgency: f.urgency(),
        urgency_label: urgency_label(f.urgency()),
        title,
        detail,
        step_label: step,
    }
}
