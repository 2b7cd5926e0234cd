//! The planned steps as a calendar file (iCalendar, RFC 5545), written by hand: the format
//! is small and a dependency would bring more than it saves.
//!
//! One all-day VEVENT per planned step (DTSTART;VALUE=DATE, DTEND the next day, RFC 5545
//! 3.6.1). The UID is stable per planned step, so importing the file again updates the
//! events instead of duplicating them; DTSTAMP is the export day at 00:00 UTC, so the same
//! journal exported on the same day gives the same bytes. With neutral titles no event
//! names the drug or its dose anywhere (a shared or work calendar shows only
//! "Planned step"), and the person's own notes are left out since they may name it.

use crate::journal::{Medication, PlannedStep};
use crate::store::{Journal, StoreError};
use chrono::NaiveDate;

/// RFC 5545 3.1: content lines are at most 75 octets, excluding the line break.
pub const MAX_LINE_OCTETS: usize = 75;

/// The alarm's time: relative to the all-day event's start (midnight), 18:00 the evening
/// before, when there is still time to get ready for the step.
pub const ALARM_TRIGGER: &str = "-PT6H";
/// The alarm's words, neutral like a notification's: they show on a lock screen.
pub const ALARM_TEXT: &str = "Planned step tomorrow";

/// The export screen's words for the alarms choice.
pub fn alarm_label() -> String {
    format!(
        "A reminder in each event at 18:00 the evening before, saying only \"{ALARM_TEXT}\". Calendar apps show the event's title with it, so the titles are then neutral too."
    )
}

/// What the calendar file holds besides the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CalendarOptions {
    /// Events say "Planned step" and never name the medication or the dose.
    pub neutral_titles: bool,
    /// Each event carries an alarm (VALARM) the evening before, in neutral words. Calendar
    /// apps show the event's title in the alarm, on a lock screen too, so alarms make the
    /// titles neutral whatever `neutral_titles` says.
    pub alarms: bool,
}

/// Writes the planned steps as an .ics file, made on `today`.
pub fn export(
    j: &Journal,
    options: CalendarOptions,
    today: NaiveDate,
) -> Result<Vec<u8>, StoreError> {
    let text = calendar(&j.medications()?, &j.planned_steps()?, options, today);
    Ok(text.into_bytes())
}

/// The calendar text (CRLF line ends, folded lines) for already loaded data.
pub fn calendar(
    medications: &[Medication],
    planned: &[PlannedStep],
    options: CalendarOptions,
    today: NaiveDate,
) -> String {
    let neutral_titles = options.neutral_titles || options.alarms;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Taper Journal//Planned steps//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(if neutral_titles {
                "Planned steps"
            } else {
                "Taper Journal: planned steps"
            })
        ),
    ];
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    for step in planned {
        let (summary, description) = if neutral_titles {
            (
                "Planned step".to_string(),
                "A planned step agreed with your prescriber. Open your journal for the details."
                    .to_string(),
            )
        } else {
            let name = medications
                .iter()
                .find(|m| m.id == step.medication_id)
                .map_or("Medication", |m| m.generic.as_str());
            let mg = step.dose.mg_text();
            let mut d = format!(
                "Planned with your prescriber: {name} {mg} mg a day from {}.",
                step.date.format("%-d %B %Y")
            );
            if let Some(at) = &step.agreed_at {
                d.push_str(&format!("\nAgreed at: {at}"));
            }
            if let Some(note) = &step.note {
                d.push_str(&format!("\nNote: {note}"));
            }
            d.push_str("\nDose changes are decided together with your prescriber.");
            (format!("{name}: {mg} mg a day from today"), d)
        };
        let next_day = step.date.succ_opt().unwrap_or(step.date);
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:planned-step-{}@taper-journal.invalid", step.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", step.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
            format!("SUMMARY:{}", escape_text(&summary)),
            format!("DESCRIPTION:{}", escape_text(&description)),
            // An all-day reminder, not a busy block in the person's day.
            "TRANSP:TRANSPARENT".to_string(),
        ]);
        if options.alarms {
            // RFC 5545 3.6.6: ACTION, TRIGGER and DESCRIPTION are required for DISPLAY.
            lines.extend([
                "BEGIN:VALARM".to_string(),
                "ACTION:DISPLAY".to_string(),
                format!("TRIGGER:{ALARM_TRIGGER}"),
                format!("DESCRIPTION:{}", escape_text(ALARM_TEXT)),
                "END:VALARM".to_string(),
            ]);
        }
        lines.push("END:VEVENT".to_string());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
    }
    out
}

/// RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF and a lone CR are one line break each.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT values.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 3.1 folding: a line longer than 75 octets is broken before that, never inside a
/// UTF-8 character, each continuation starting with one space; every line ends in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for l in folded.split_terminator("\r\n") {
            assert!(l.len() <= MAX_LINE_OCTETS, "{l}");
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT"), "SHORT\r\n");
    }
}
