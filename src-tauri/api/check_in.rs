//! The Today screen (a day's check-in and its unsaved draft) and History.

use crate::journal::check_in::NOT_A_LATER_DAY;
use crate::journal::input::parse_date;
use crate::journal::{parse_input, CheckInInput, ValidationError};
use crate::store::Journal;
use crate::views::{self, CheckInView, HistoryView, SavedCheckIn};
use chrono::NaiveDate;
use serde_json::Value;

use super::error::Answer;
use super::input::not_after_today;

/// The check-in form for a day (today when `date` is absent).
pub fn check_in(j: &Journal, date: Option<&str>, today: NaiveDate) -> Answer<CheckInView> {
    let day = match date {
        Some(d) => parse_date("date", d)?,
        None => today,
    };
    refuse_a_later_day(j, day, today)?;
    Ok(views::check_in_view(j, day, today)?)
}

/// The latest day a check-in may be opened or saved for, asked for `day`: today, or `day`
/// itself when it is later and the journal already holds its check-in or draft. The
/// computer's clock or time zone has moved back since (set by hand, a trip west, a form
/// opened before it moved): what is there stays open and is saved on its own day.
fn latest_open_day(j: &Journal, day: NaiveDate, today: NaiveDate) -> Answer<NaiveDate> {
    let held = day > today && (j.check_in(day)?.is_some() || j.check_in_draft(day)?.is_some());
    Ok(if held { day } else { today })
}

/// Refuses a day after the latest one open (`latest_open_day`), naming the date field.
fn refuse_a_later_day(j: &Journal, day: NaiveDate, today: NaiveDate) -> Answer<()> {
    Ok(not_after_today(
        "date",
        day,
        latest_open_day(j, day, today)?,
        NOT_A_LATER_DAY,
    )?)
}

/// Saves a day's check-in (a second save that day replaces the first).
pub fn save_check_in(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<SavedCheckIn> {
    let input = parse_input::<CheckInInput>(input)?;
    // A date that does not parse is named by `validate`.
    let latest = match parse_date("date", &input.date) {
        Ok(day) => latest_open_day(j, day, today)?,
        Err(_) => today,
    };
    let check_in = input.validate(latest)?;
    j.save_check_in(&check_in)?;
    let view = views::check_in_view(j, check_in.date, today)?;
    Ok(SavedCheckIn {
        message: format!("Saved your check-in for {}.", view.date_label),
        check_in: view,
    })
}

/// A kept draft is at most this large: far more than any real check-in form.
pub const DRAFT_MAX_BYTES: usize = 100_000;

/// Keeps what was typed into a day's check-in form, unvalidated, until it is saved.
/// `form` is the list of `[field, value]` pairs the form holds; an empty list forgets it.
pub fn save_check_in_draft(
    j: &mut Journal,
    date: &str,
    form: Value,
    today: NaiveDate,
) -> Answer<()> {
    let day = parse_date("date", date)?;
    refuse_a_later_day(j, day, today)?;
    let pairs = form
        .as_array()
        .filter(|a| {
            a.iter().all(|p| {
                p.as_array()
                    .is_some_and(|kv| kv.len() == 2 && kv.iter().all(Value::is_string))
            })
        })
        .ok_or_else(|| ValidationError::new("form", "The unsaved form could not be read."))?;
    if pairs.is_empty() {
        j.save_check_in_draft(day, None)?;
        return Ok(());
    }
    let text = escape_controls(&form.to_string());
    if text.len() > DRAFT_MAX_BYTES {
        return Err(ValidationError::new(
            "form",
            "This is too much text to keep as an unsaved draft; please shorten the note.",
        )
        .into());
    }
    j.save_check_in_draft(day, Some(&text))?;
    Ok(())
}

/// JSON text with every control character written as a `\uXXXX` escape. serde_json escapes
/// only U+0000-U+001F; DEL and U+0080-U+009F would be stored raw, and a backup holding
/// them would be refused by the restore (stored text has no control characters).
fn escape_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_control() {
            // Only inside strings: serde_json writes no raw control characters elsewhere.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn history(j: &Journal, today: NaiveDate) -> Answer<HistoryView> {
    Ok(views::history_view(j, today)?)
}
