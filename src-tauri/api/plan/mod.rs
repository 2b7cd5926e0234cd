//! The Plan screen's operations: the form's starting values from the journal, and a
//! proposal computed from what the person typed (nothing written until it is kept).
//!
//! `form` gives the form's starting values, `propose` reads the form and proposes, `kept`
//! keeps, shows and deletes proposals, `agreed` turns the steps agreed at a visit into
//! planned steps.

mod agreed;
mod form;
mod kept;
mod propose;

pub use agreed::plan_agreed_steps;
pub use form::{plan_form, PlanFormView, PlanMedication};
pub use kept::{delete_plan_proposal, save_plan_proposal, show_plan_proposal, KeptPlans};
pub use propose::{propose_plan, DoseTimeInput};
