//! What a start shows first, in one answer: the page asks Rust once on its way to the first
//! screen rather than three times (each call is a round trip through the main thread, a few
//! milliseconds of every start); only what could not be read is asked for again.

use crate::session::StartView;
use crate::views::{CheckInView, Overview};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FirstScreen {
    /// The journal open, the unlock screen, or a problem found at start.
    pub start: StartView,
    /// With the journal open: its overview, and today's check-in form. `None` when the
    /// journal is not open, or when one could not be read: the page then asks for it on its
    /// own and shows that call's refusal.
    pub overview: Option<Overview>,
    pub check_in: Option<CheckInView>,
}
