//! A taper plan proposal whose every dose can be made from what the person has: tablets
//! (whole, halves of scored ones, quarters where allowed) or a liquid measured in its
//! smallest amount. Each step is the achievable daily dose nearest the chosen % below the
//! current one; where the units force a larger cut, the step says so and is held longer,
//! so that the average pace stays the chosen one; no step breaks the guideline's ceiling,
//! checked by the same pace check as logged steps (`pace.rs`). Where no achievable next dose
//! is within the ceiling, the proposal stops there and says so.
//!
//! Doses are whole micrograms; every comparison with a % is exact integer arithmetic. Pure:
//! no I/O, no dates but those given.
//!
//! `request` holds what a proposal is made from and its bounds, `proposal` what it
//! proposes, `units` the amounts the tablets or the liquid can make, `split` how a daily
//! dose is shared across the dose times, `steps` the proposing itself.

mod proposal;
mod request;
mod split;
mod steps;
mod units;

pub use proposal::{Ending, Made, Proposal, ProposedStep, SavedProposal};
pub use request::{
    PlanProblem, PlanRequest, Tablet, Units, INTERVAL_DAYS_RANGE, MAX_AMOUNTS_PER_DOSE_TIME,
    MAX_STEPS, PERCENT_RANGE,
};
pub use steps::propose;
