//! The journal's operations as the page asks for them: page input (JSON) in, a screen's
//! view or one error `{kind, field, message}` out. No Tauri here, so tests drive exactly
//! what the window drives; `commands` only locks the journal and calls these.

mod check_in;
mod error;
mod exports;
pub mod import;
mod input;
pub mod plan;
mod review;
mod settings;
mod setup;
mod steps;

pub use check_in::*;
pub use error::{explain_fault, Answer, ApiError, ErrorKind};
pub use exports::*;
pub use import::{
    import_card, preview_import, read_import, read_import_file, run_import, undo_import,
    ChoicesInput, ImportDone, PendingImport,
};
pub use input::Arg;
pub use review::*;
pub use settings::*;
pub use setup::*;
pub use steps::*;
