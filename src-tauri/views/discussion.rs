//! Discussion points in words: each finding with the numbers behind it and the step it
//! refers to. Calm, blame-free, and never an instruction to change a dose.

use super::steps::pace_note;
use super::{share_text, short_date};
use crate::journal::questionnaire::ANSWER_OPTIONS;
use crate::journal::symptoms::SAFETY_MESSAGE;
use crate::journal::Medication;
use crate::taper::discussion::{Finding, StepRef, Urgency};
use crate::taper::symptom_change::{
    Mean, Measure, MeasureChange, AFTER_DAYS, AFTER_MIN_CHECK_INS, BASELINE_DAYS,
    BASELINE_MIN_CHECK_INS, RECENT_DAYS,
};
use chrono::NaiveDate;
use serde::Serialize;

/// The sentence every symptoms-higher point ends with (PRODUCT.md).
pub const HOLD_OR_SLOW_SUGGESTION: &str =
    "You may want to discuss holding at this dose or slowing the next step with your prescriber.";

/// At most this many dates are listed in one point; the rest are counted.
const DATES_LISTED: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// The finding's kind ("symptoms_higher", "pace", …), stable for the page and tests.
    pub kind: &'static str,
    pub urgency: Urgency,
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

/// The label starts a line: "Clonazepam 1.8 → 1.35 mg …".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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

fn count_text(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
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

fn change_sentence(c: &MeasureChange) -> String {
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
        None => format!(
            " There are too few check-ins in the last {RECENT_DAYS} days to tell whether it is still {}.",
            if c.measure == Measure::Sleep { "lower" } else { "higher" }
        ),
    };
    let first = measure_name(c.measure);
    format!(
        "Mean {first} {verb} from {} in the {BASELINE_DAYS} days before the step ({}) to {} in the {AFTER_DAYS} days after it ({}).{recent}",
        mean_text(c.measure, c.before),
        count_text(c.before.count as usize, "check-in", "check-ins"),
        mean_text(c.measure, c.after),
        count_text(c.after.count as usize, "check-in", "check-ins"),
    )
}

/// One finding in words.
pub fn point_view(f: &Finding, meds: &[Medication]) -> PointView {
    let no_step = String::new();
    let (kind, title, detail, step) = match f {
        Finding::SelfHarmAnswer { date, answer } => (
            "self_harm_answer",
            "Thoughts of self-harm (PHQ-9 question 9)".to_string(),
            format!(
                "On {} you answered question 9 with “{}”. {SAFETY_MESSAGE}",
                short_date(*date),
                ANSWER_OPTIONS[usize::from(*answer).min(3)]
            ),
            no_step,
        ),
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
            (
                "red_flags",
                format!(
                    "Urgent symptoms noted on {}",
                    count_text(days.len(), "day", "days")
                ),
                format!(
                    "{}{more}. If this is happening now, please get urgent help (your local emergency number; in the US call or text 988). Please make sure your prescriber knows about these days.",
                    list.join("; ")
                ),
                no_step,
            )
        }
        Finding::Pace {
            step,
            finding,
            combined,
        } => {
            let note = pace_note(finding, *combined);
            ("pace", note.title, note.detail, step_label(step, meds))
        }
        Finding::SymptomsHigher { step, changes } => {
            let sentences: Vec<String> = changes.iter().map(change_sentence).collect();
            (
                "symptoms_higher",
                format!("Symptoms higher since the step on {}", short_date(step.date)),
                format!("{} {HOLD_OR_SLOW_SUGGESTION}", sentences.join(" ")),
                step_label(step, meds),
            )
        }
        Finding::TooFewToCompare {
            step,
            before,
            after,
        } => (
            "too_few_to_compare",
            format!(
                "Too few check-ins to compare symptoms around the step on {}",
                short_date(step.date)
            ),
            format!(
                "{} in the {BASELINE_DAYS} days before the step ({BASELINE_MIN_CHECK_INS} needed) and {} from the step on ({AFTER_MIN_CHECK_INS} needed). The journal does not guess; a few more check-ins will make the comparison possible.",
                count_text(*before, "check-in", "check-ins"),
                count_text(*after, "check-in", "check-ins"),
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
        title,
        detail,
        step_label: step,
    }
}
