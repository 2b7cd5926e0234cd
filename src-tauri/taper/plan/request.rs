//! What a taper plan proposal is made from (the doses now, the units, the chosen pace and
//! end), the bounds on each, and what makes a request impossible to plan.

use crate::journal::Micrograms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest proposal: beyond it the pace is too slow to be a plan (over 7 years at the
/// slowest interval of 14 days).
pub const MAX_STEPS: usize = 200;
/// The paces that can be discussed: 1–25 % of the current dose every 7–56 days. The
/// guideline's usual pace is 5–10 % every 2–4 weeks; its ceiling 25 % within 2 weeks.
pub const PERCENT_RANGE: std::ops::RangeInclusive<u32> = 1..=25;
pub const INTERVAL_DAYS_RANGE: std::ops::RangeInclusive<i64> = 7..=56;
/// How many different amounts one dose time may have: a bound on the work, far above any
/// real tablet or syringe (10 mg in 0.01 mL of a 1 mg/mL liquid is 1 000 amounts).
pub const MAX_AMOUNTS_PER_DOSE_TIME: u64 = 4_000;

/// One tablet strength the person has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tablet {
    pub strength: Micrograms,
    /// Scored: it can be halved.
    pub scored: bool,
}

/// What the doses are made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Units {
    Tablets {
        tablets: Vec<Tablet>,
        /// Quarters of scored tablets (imprecise, so off unless chosen).
        quarters: bool,
    },
    Liquid {
        /// Micrograms per mL (0.1 mg/mL is 100).
        micrograms_per_ml: u32,
        /// The smallest amount that can be measured, in hundredths of a mL (0.1 mL is 10).
        smallest_hundredths_ml: u32,
    },
}

/// What to propose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The dose at each time of day now (morning, night...), in the order of the day.
    pub times: Vec<Micrograms>,
    /// Since when the current dose is taken (for the 14-day ceiling of the first step).
    pub current_since: NaiveDate,
    /// The date of the first step.
    pub start: NaiveDate,
    pub units: Units,
    /// The chosen reduction, in % of the current dose (PERCENT_RANGE).
    pub percent: u32,
    /// The chosen interval between steps, in days (INTERVAL_DAYS_RANGE).
    pub every_days: i64,
    /// Where the proposal ends: 0 (stopping) or a lower daily dose.
    pub end: Micrograms,
}

/// What makes a request impossible to plan; the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// More than MAX_STEPS steps at this pace.
    TooManySteps,
    /// The smallest liquid amount is not a whole number of micrograms.
    LiquidNotWholeMicrograms { hundredths_of_microgram: u64 },
    /// The units are so fine for this dose that the amounts exceed the bound.
    UnitsTooFine,
    /// No unit is usable (no tablet, or none with a whole-microgram piece).
    NoUnits,
}
