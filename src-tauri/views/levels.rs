//! The words for how strongly something is said: a discussion point's urgency and a pace
//! finding's level, the same word for the same strength on every screen and in print (a
//! printed page cannot rely on colour).

use crate::taper::discussion::Urgency;
use crate::taper::PaceLevel;

/// The word for an urgency, on the screen and in print.
pub fn urgency_label(u: Urgency) -> &'static str {
    match u {
        Urgency::Safety => "Urgent",
        Urgency::StrongWarning => "Important",
        Urgency::Warning => "Warning",
        Urgency::Discuss => "To discuss",
        Urgency::Information => "Note",
    }
}

/// The word for a pace finding's level: that of the urgency it has as a discussion point.
pub fn pace_level_label(level: PaceLevel) -> &'static str {
    urgency_label(Urgency::from(level))
}
