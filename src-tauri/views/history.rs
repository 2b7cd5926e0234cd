//! The History screen: every day from the start of the journal, newest first, with the
//! days without a check-in grouped into visible gaps.

use super::day::AFTER_TODAY_MARK;
use super::{days_text, long_date, short_date};
use crate::journal::{CheckIn, ImportSource};
use crate::store::{Journal, Result};
use crate::taper::dose_taken;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HistoryEntry {
    Day {
        date: String,
        date_label: String,
        summary: String,
        /// Short notes that deserve a second look: red flag, dose differed, substances.
        marks: Vec<String>,
        red_flag: bool,
    },
    Gap {
        label: String,
        days: i64,
        /// The most recent missing day, which the page offers to fill in.
        date: String,
        date_label: String,
    },
}

#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub entries: Vec<HistoryEntry>,
    /// "12 of 30 days logged since 24 Oct 2026 (40 %)".
    pub completeness_label: String,
}

pub(crate) fn summary(c: &CheckIn) -> String {
    let mut parts = Vec::new();
    if let Some(a) = c.anxiety {
        parts.push(format!("Anxiety {a}/10"));
    }
    if let Some(m) = c.mood {
        parts.push(format!("Mood {m}/10"));
    }
    if let Some(s) = c.sleep {
        let quality = c
            .sleep_quality
            .map(|q| format!(", quality {q}/10"))
            .unwrap_or_default();
        parts.push(format!("Sleep {} h{quality}", s.hours_text()));
    } else if let Some(q) = c.sleep_quality {
        parts.push(format!("Sleep quality {q}/10"));
    }
    let rated = c.symptoms.len();
    if rated > 0 {
        parts.push(format!(
            "Symptom score {} ({} symptom{})",
            c.symptom_score(),
            rated,
            if rated == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        "Checked in (no ratings)".to_string()
    } else {
        parts.join(" · ")
    }
}

pub fn history_view(journal: &Journal, today: NaiveDate) -> Result<HistoryView> {
    let check_ins = journal.check_ins()?;
    let steps = journal.dose_steps()?;
    let imported = journal.imported_days()?;
    let start = [
        journal.settings()?.map(|s| s.setup_completed_on),
        check_ins.first().map(|c| c.date),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(today)
    .min(today);

    let mut entries = Vec::new();
    let mut logged = 0i64;
    let mut gap: Option<(NaiveDate, NaiveDate)> = None; // (newest, oldest) missing day
    let mut by_date = check_ins.iter().rev().peekable();
    // From the latest check-in when it is dated after today (the clock was set back since):
    // listed and marked, never hidden; the days after today without one are not gaps.
    let mut day = check_ins.last().map_or(today, |c| c.date.max(today));
    let flush = |gap: &mut Option<(NaiveDate, NaiveDate)>, entries: &mut Vec<HistoryEntry>| {
        if let Some((newest, oldest)) = gap.take() {
            let days = (newest - oldest).num_days() + 1;
            let label = if days == 1 {
                format!("No check-in on {}", short_date(newest))
            } else {
                format!(
                    "No check-in for {} ({} – {})",
                    days_text(days),
                    short_date(oldest),
                    short_date(newest)
                )
            };
            entries.push(HistoryEntry::Gap {
                label,
                days,
                date: newest.format("%Y-%m-%d").to_string(),
                date_label: short_date(newest),
            });
        }
    };
    while day >= start {
        while by_date.peek().is_some_and(|c| c.date > day) {
            by_date.next();
        }
        match by_date.peek() {
            Some(c) if c.date == day => {
                flush(&mut gap, &mut entries);
                let mut marks = Vec::new();
                if day > today {
                    marks.push(AFTER_TODAY_MARK.to_string());
                } else {
                    logged += 1;
                }
                if let Some((source, on)) = imported.get(&day) {
                    marks.push(imported_mark(*source, *on));
                }
                if !c.red_flags.is_empty() {
                    marks.push("Red-flag symptom recorded".to_string());
                }
                if dose_taken::differs_from_step(&steps, c) {
                    marks.push("Dose taken differed from the step".to_string());
                }
                if c.alcohol_drinks.unwrap_or(0) > 0 || c.opioids || c.other_sedatives || c.cannabis
                {
                    marks.push("Other substances".to_string());
                }
                entries.push(HistoryEntry::Day {
                    date: day.format("%Y-%m-%d").to_string(),
                    date_label: long_date(day),
                    summary: summary(c),
                    red_flag: !c.red_flags.is_empty(),
                    marks,
                });
            }
            _ if day > today => {}
            _ => {
                gap = Some(match gap {
                    Some((newest, _)) => (newest, day),
                    None => (day, day),
                });
            }
        }
        day -= Duration::days(1);
    }
    flush(&mut gap, &mut entries);
    let period = (today - start).num_days() + 1;
    let pct = if period > 0 { logged * 100 / period } else { 0 };
    Ok(HistoryView {
        entries,
        completeness_label: format!(
            "{logged} of {} logged since {} ({pct} %)",
            days_text(period),
            short_date(start)
        ),
    })
}

/// "Imported from Daylio on 1 Dec 2026", in History and on the day's check-in.
pub fn imported_mark(source: ImportSource, on: NaiveDate) -> String {
    format!("Imported from {} on {}", source.label(), short_date(on))
}
