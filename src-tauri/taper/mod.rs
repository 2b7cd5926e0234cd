//! Taper arithmetic: pure functions over stored steps. No I/O, no Tauri.

pub mod discussion;
pub mod dose_taken;
pub mod equivalence;
pub mod pace;
pub mod plan;
pub mod step_analysis;
pub mod symptom_change;
pub mod total_reduction;

pub use equivalence::EquivalenceTable;
pub use pace::{PaceFinding, PaceLevel};
pub use step_analysis::{
    analyse_steps, check_planned, dose_held_since, dose_in_effect, step_in_effect, PlannedPace,
    StepFacts, StepKind,
};
