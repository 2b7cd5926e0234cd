//! Domain types of the journal and the validation that turns page input into them.
//! No I/O here: the store persists these types, the taper module reasons about them.

pub mod check_in;
pub mod crisis_lines;
pub mod dose_step;
pub mod drugs;
pub mod import_source;
pub mod input;
pub mod medication;
pub mod questionnaire;
pub mod rating_scales;
pub mod symptoms;
pub mod units;
pub mod visit;

pub use check_in::{CheckIn, CheckInInput, Practice, RedFlag, SymptomEntry};
pub use dose_step::{DoseStep, DoseStepInput, PlannedStep, PlannedStepInput};
pub use import_source::ImportSource;
pub use input::{parse_input, ValidationError};
pub use medication::{DrugClass, Form, Medication, MedicationInput, NewMedication};
pub use questionnaire::{Questionnaire, QuestionnaireKind};
pub use units::{Micrograms, QuarterHours};
pub use visit::{Decision, Question, Visit};
