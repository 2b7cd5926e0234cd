//! When a reminder is due: a pure function of what the person asked to be reminded of,
//! what the journal holds, what was already shown, and the local now. No clock, timer or
//! notification here; the shell asks this rule and does what it says.
//!
//! The rules, each tested beside it:
//! - a kind is reminded at most once per local day, and never for a day that no longer
//!   needs it (the check-in saved; the step not planned);
//! - only today counts: after a sleep, a late start or a night with the laptop closed,
//!   what was missed is one catch-up notice now, never one per missed day;
//! - the reminder time is local wall-clock time: on the day clocks go forward, a time in
//!   the skipped hour comes at the first moment after the gap; on the day they go back, a
//!   time that happens twice comes the first time only;
//! - "remind me in an hour" holds everything back until then, and then reminds once more
//!   of what is still open today.
//!
//! `inputs` holds what the rule reads (the kinds of reminder, what the person asked for,
//! what the journal holds, what was shown), `due` the rule itself; `clock_changes` tests it
//! across clock changes and time zones.

mod due;
mod inputs;

#[cfg(test)]
mod clock_changes;
#[cfg(test)]
mod examples;

pub use due::{moment, plan, Plan};
pub use inputs::{Kind, Logged, Shown, Wanted};
