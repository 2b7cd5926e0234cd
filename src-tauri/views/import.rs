//! The Import card's words: a file's preview before anything is written (the first days as
//! they will appear, the counts, what maps and what does not, the scales to choose), and the
//! imports made so far, each with its undo.

pub use super::history::imported_mark;
use super::history::summary;
use super::words::{count_text, days_text, one_or_many, short_date};
use crate::import::Scale;
use crate::journal::{CheckIn, ImportSource};
use crate::store::{ExistingDays, ImportRecord, ImportUndone, ImportWritten};
use chrono::NaiveDate;
use serde::Serialize;

/// How many days the preview shows as they will appear.
pub const PREVIEW_DAYS: usize = 7;

#[derive(Debug, Serialize)]
pub struct PreviewDay {
    pub date_label: String,
    pub summary: String,
    pub note: Option<String>,
    /// "Already has a check-in: kept as it is" / "…: replaced".
    pub existing: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ImportPreview {
    /// "Daylio (CSV export): daylio_export.csv".
    pub title: String,
    pub source: ImportSource,
    /// "143 days, 2 Mar 2025 – 6 Dec 2026, from 180 rows".
    pub counts: Vec<String>,
    pub days_with_check_in: usize,
    pub mapped: Vec<String>,
    pub dropped: Vec<String>,
    pub scales: Vec<Scale>,
    pub first_days: Vec<PreviewDay>,
    /// Why the import cannot go ahead with these choices (a row the check-in rules refuse).
    pub problem: Option<String>,
    /// "Import 140 days", or `None` when nothing would be written.
    pub import_label: Option<String>,
    pub existing: &'static str,
}

/// What the person will see, for `check_ins` (already mapped by their choices, or the
/// problem that stops them) of a file with `source_days` days.
#[allow(clippy::too_many_arguments)]
pub fn preview(
    source: ImportSource,
    kind: &str,
    file_name: &str,
    rows: usize,
    check_ins: Result<&[CheckIn], String>,
    has_check_in: &dyn Fn(NaiveDate) -> bool,
    existing: ExistingDays,
    mapped: Vec<String>,
    dropped: Vec<String>,
    scales: Vec<Scale>,
) -> ImportPreview {
    let title = format!("{} ({kind}): {file_name}", capital(source.label()));
    let (list, problem) = match check_ins {
        Ok(list) => (list, None),
        Err(p) => (&[][..], Some(p)),
    };
    let taken = list.iter().filter(|c| has_check_in(c.date)).count();
    let mut counts = Vec::new();
    if let (Some(first), Some(last)) = (list.first(), list.last()) {
        counts.push(format!(
            "{} from {} to {}, read from {}.",
            days_text(list.len() as i64),
            short_date(first.date),
            short_date(last.date),
            count_text(rows, "row", "rows")
        ));
    } else if problem.is_none() {
        counts.push(format!(
            "No day with anything this journal keeps, in {}.",
            count_text(rows, "row", "rows")
        ));
    }
    let unplaced: Vec<String> = scales
        .iter()
        .filter_map(|s| {
            let n: usize = s
                .values
                .iter()
                .filter(|v| v.means.is_none() && Some(v.value.as_str()) != s.not_logged)
                .map(|v| v.count)
                .sum();
            (n > 0).then(|| {
                format!(
                    "{} {} of {}",
                    n,
                    if n == 1 { "value" } else { "values" },
                    s.label
                )
            })
        })
        .collect();
    if !unplaced.is_empty() {
        counts.push(format!(
            "Not placed on this journal's scale (below): {}. They come in without that rating unless you choose what they mean (a day with nothing else is then left out).",
            unplaced.join(", ")
        ));
    }
    if taken > 0 {
        counts.push(match existing {
            ExistingDays::Keep => format!(
                "{} already {} a check-in in your journal: kept as {} (only empty days are filled).",
                days_text(taken as i64),
                if taken == 1 { "has" } else { "have" },
                if taken == 1 { "it is" } else { "they are" }
            ),
            ExistingDays::Replace => format!(
                "{} already {} a check-in: replaced by the imported {} (undoing the import puts {} back, unless you change that day meanwhile).",
                days_text(taken as i64),
                if taken == 1 { "has" } else { "have" },
                if taken == 1 { "day" } else { "days" },
                if taken == 1 { "it" } else { "them" }
            ),
        });
    }
    let written = match existing {
        ExistingDays::Keep => list.len() - taken,
        ExistingDays::Replace => list.len(),
    };
    let first_days = list
        .iter()
        .take(PREVIEW_DAYS)
        .map(|c| PreviewDay {
            date_label: short_date(c.date),
            summary: summary(c),
            note: c.note.as_ref().map(|n| excerpt(n)),
            existing: has_check_in(c.date).then(|| match existing {
                ExistingDays::Keep => "Already has a check-in: kept as it is".to_string(),
                ExistingDays::Replace => "Already has a check-in: replaced".to_string(),
            }),
        })
        .collect();
    ImportPreview {
        title,
        source,
        counts,
        days_with_check_in: taken,
        mapped,
        dropped,
        scales,
        first_days,
        import_label: (problem.is_none() && written > 0)
            .then(|| format!("Import {}", days_text(written as i64))),
        problem,
        existing: match existing {
            ExistingDays::Keep => "keep",
            ExistingDays::Replace => "replace",
        },
    }
}

fn excerpt(note: &str) -> String {
    let one_line = note.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 120 {
        format!("{}…", one_line.chars().take(120).collect::<String>())
    } else {
        one_line
    }
}

fn capital(s: &str) -> String {
    super::words::capitalised(s)
}

/// What an import did, in a sentence.
pub fn written_message(source: ImportSource, w: &ImportWritten) -> String {
    let mut m = format!(
        "Imported {} from {}.",
        days_text(w.written as i64),
        source.label()
    );
    if w.kept > 0 {
        m.push_str(&format!(
            " {} that already had a check-in {} kept as {}.",
            days_text(w.kept as i64),
            one_or_many(w.kept, "was", "were"),
            one_or_many(w.kept, "it was", "they were")
        ));
    }
    if w.replaced > 0 {
        m.push_str(&format!(
            " {} replaced; undoing the import puts {} back (unless you change that day meanwhile).",
            count_text(w.replaced, "check-in was", "check-ins were"),
            one_or_many(w.replaced, "it", "them")
        ));
    }
    m.push_str(" History shows each imported day; the import can be undone below.");
    m
}

/// What an undo did, in a sentence.
pub fn undone_message(u: &ImportUndone) -> String {
    let mut m = format!(
        "Undid the import from {} of {}: {} removed.",
        u.source.label(),
        short_date(u.imported_on),
        days_text(u.removed as i64)
    );
    if u.changed_since > 0 {
        m.push_str(&format!(
            " {} you changed since {} kept as you left {}.",
            days_text(u.changed_since as i64),
            one_or_many(u.changed_since, "is", "are"),
            one_or_many(u.changed_since, "it", "them")
        ));
    }
    if u.put_back > 0 {
        m.push_str(&format!(
            " {} it had replaced {} back.",
            count_text(u.put_back, "check-in", "check-ins"),
            one_or_many(u.put_back, "is", "are")
        ));
    }
    if u.not_put_back > 0 {
        m.push_str(&format!(
            " {} it had replaced {} not put back, because you wrote that day since.",
            count_text(u.not_put_back, "check-in", "check-ins"),
            one_or_many(u.not_put_back, "was", "were")
        ));
    }
    m
}

/// One import in the list on the Import card.
#[derive(Debug, Serialize)]
pub struct ImportItem {
    pub id: i64,
    /// "Daylio, daylio_export.csv, imported on 1 Dec 2026: 143 days".
    pub label: String,
    /// "Undone on 2 Dec 2026", or how many days are still as imported.
    pub state: String,
    pub can_undo: bool,
}

pub fn import_items(records: &[ImportRecord]) -> Vec<ImportItem> {
    records
        .iter()
        .map(|r| ImportItem {
            id: r.id,
            label: format!(
                "{}, {}, imported on {}: {}",
                capital(r.source.label()),
                r.file_name,
                short_date(r.imported_on),
                days_text(r.days as i64)
            ),
            state: match r.undone_on {
                Some(d) => format!("Undone on {}", short_date(d)),
                None if r.still_imported == r.days => "All days as imported".to_string(),
                None => format!(
                    "{} of them as imported; {} changed since (an undo keeps those)",
                    r.still_imported,
                    days_text(r.days.saturating_sub(r.still_imported) as i64)
                ),
            },
            can_undo: r.undone_on.is_none(),
        })
        .collect()
}

/// The Import card: its words (the page places them) and the imports made so far.
#[derive(Debug, Serialize)]
pub struct ImportCard {
    pub heading: &'static str,
    pub intro: &'static str,
    pub choose: &'static str,
    /// Said when a file's preview appears.
    pub previewed: &'static str,
    pub not_chosen: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    pub first_days_heading: &'static str,
    pub mapped_heading: &'static str,
    pub dropped_heading: &'static str,
    pub value_heading: &'static str,
    pub meaning_heading: &'static str,
    pub existing_legend: &'static str,
    pub existing_choices: [super::overview::KeyLabel; 2],
    pub list_heading: &'static str,
    pub undo: &'static str,
    pub undo_confirm: &'static str,
    pub undo_yes: &'static str,
    pub undo_no: &'static str,
    pub imports: Vec<ImportItem>,
}

pub fn import_card(records: &[ImportRecord]) -> ImportCard {
    use super::overview::KeyLabel;
    ImportCard {
        heading: "Bring past days in",
        intro: "Days you tracked in eMoods, Daylio or Bearable (their CSV export), or a Taper Journal spreadsheet. You see how they will appear before anything is written; days that already have a check-in are kept unless you choose otherwise.",
        choose: "Choose a file to import…",
        previewed: "Nothing is written until you press Import. Check the first days below.",
        not_chosen: "Nothing was imported: no file was chosen.",
        cancel: "Cancel",
        cancelled: "Nothing was imported.",
        first_days_heading: "The first days, as they will appear",
        mapped_heading: "What comes in",
        dropped_heading: "What is left out",
        value_heading: "In the file",
        meaning_heading: "Means here",
        existing_legend: "Days that already have a check-in",
        existing_choices: [
            KeyLabel {
                key: "keep",
                label: "Keep them as they are (only empty days are filled)",
            },
            KeyLabel {
                key: "replace",
                label: "Replace them with the imported days (an undo puts them back, unless you change those days meanwhile)",
            },
        ],
        list_heading: "Imports so far",
        undo: "Undo this import…",
        undo_confirm: "This removes the days it brought in (days you changed since stay).",
        undo_yes: "Yes, undo this import",
        undo_no: "Keep it",
        imports: import_items(records),
    }
}
