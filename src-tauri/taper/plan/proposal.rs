//! What a taper plan proposal proposes: its steps, how each dose time is made, how it
//! ends; and a proposal kept to bring to a visit.

use super::request::PlanRequest;
use crate::journal::Micrograms;
use crate::taper::pace::PaceFinding;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How one dose time is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Made {
    /// Quarter-tablets of each strength, in the order given (6 is 1½ tablets).
    Tablets { quarters: Vec<u32> },
    /// Hundredths of a mL.
    Liquid { hundredths_ml: u64 },
}

/// One proposed step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedStep {
    pub date: NaiveDate,
    pub daily: Micrograms,
    /// The amount at each dose time, and how it is made.
    pub times: Vec<(Micrograms, Made)>,
    /// Below the previous daily dose, in tenths of a percent (100 % to zero).
    pub reduction_tenths_percent: u64,
    /// Days until the next step (none for the last one).
    pub days_held: Option<i64>,
    /// The units allowed no cut as small as the one chosen.
    pub larger_than_chosen: bool,
    /// The guideline's notes on this step (a larger than usual step, sooner than usual...).
    pub findings: Vec<PaceFinding>,
}

/// How the proposal ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ending", rename_all = "snake_case")]
pub enum Ending {
    /// The last step reaches the end dose (zero: stopping, marked for discussion).
    Reached,
    /// The end dose cannot be made from the units; the last step is the nearest above it.
    NearestToEnd,
    /// No achievable lower dose is within the ceiling from `at`: the proposal stops there.
    /// `next` is the nearest achievable lower dose, and its cut in tenths of a percent.
    NoStepWithinCeiling {
        at: Micrograms,
        next: Micrograms,
        next_reduction_tenths_percent: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub steps: Vec<ProposedStep>,
    pub ending: Ending,
}

/// A proposal kept to bring to a visit: what it assumed, what it proposed and when. It is
/// kept as it was made, so the table taken to the clinic reads the same later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedProposal {
    /// 0 until saved.
    pub id: i64,
    pub medication_id: i64,
    pub made_on: NaiveDate,
    /// The one proposal drawn on the dose chart and printed on the visit summary.
    pub shown: bool,
    /// The names of the dose times ("Morning", "Night"), in the order of `request.times`.
    pub labels: Vec<String>,
    pub request: PlanRequest,
    pub proposal: Proposal,
}
