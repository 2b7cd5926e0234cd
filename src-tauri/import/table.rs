//! The file's text as a table: the header and each row with its row number (the header is
//! row 1; a note with line breaks inside quotes is still one row; blank lines are no rows).

use super::ImportError;
use std::collections::HashMap;

/// Far more rows than ten years of any of these exports (Bearable writes one per rating).
pub const MAX_ROWS: usize = 500_000;
/// A row wider than this is not one of these exports.
pub const MAX_COLUMNS: usize = 500;

pub struct Table {
    pub header: Vec<String>,
    /// (row number, cells), in file order; blank lines are skipped.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Header name (trimmed, lower case) to its first column: parsers look columns up per
    /// row, so this is a map, not a scan.
    index: HashMap<String, usize>,
}

impl Table {
    /// The index of the column named `name` (case and surrounding spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.index.get(&name.trim().to_lowercase()).copied()
    }
}

/// A cell's line breaks as this journal keeps them: "\r\n" and "\r" become "\n".
fn cell_text(c: &str) -> String {
    if c.contains('\r') {
        c.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        c.to_string()
    }
}

/// The header line: up to the first line end, "\n", "\r\n" or a lone "\r" (old Mac files).
pub fn first_line(text: &str) -> &str {
    text.split(['\r', '\n']).next().unwrap_or("")
}

/// The separator a header line shows: a comma, or else a semicolon or a tab.
pub fn separator(first_line: &str) -> u8 {
    if first_line.contains(',') {
        b','
    } else if first_line.contains(';') {
        b';'
    } else if first_line.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// Reads `text` as CSV. The separator is a comma, or a semicolon or tab when the header
/// has those and no comma (a spreadsheet saved in a European locale).
pub fn read(text: &str) -> Result<Table, ImportError> {
    let delimiter = separator(first_line(text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|c| c.trim().to_string()).collect(),
        Some(Err(e)) => return Err(broken(1, &e)),
        None => {
            return Err(ImportError::file(
                "This file is empty. Nothing was imported.",
            ))
        }
    };
    if header.len() > MAX_COLUMNS {
        return Err(ImportError {
            row: Some(1),
            column: None,
            message: format!(
                "The first row names {} columns; these exports have far fewer. Nothing was imported.",
                header.len()
            ),
        });
    }
    if header.iter().all(String::is_empty) {
        return Err(ImportError::file(
            "This file's first row is empty: it should name the columns. Nothing was imported.",
        ));
    }
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        let record = record.map_err(|e| broken(row, &e))?;
        if rows.len() >= MAX_ROWS {
            return Err(ImportError {
                row: Some(row),
                column: None,
                message: format!(
                    "This file has more than {MAX_ROWS} rows, far more than years of these exports. Nothing was imported."
                ),
            });
        }
        if record.len() > MAX_COLUMNS {
            return Err(ImportError {
                row: Some(row),
                column: None,
                message: format!(
                    "This row has {} cells; these exports have far fewer. Nothing was imported.",
                    record.len()
                ),
            });
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((row, record.iter().map(cell_text).collect()));
    }
    let mut index = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        index.entry(h.trim().to_lowercase()).or_insert(i);
    }
    Ok(Table {
        header,
        rows,
        index,
    })
}

fn broken(row: usize, e: &csv::Error) -> ImportError {
    ImportError {
        row: Some(row),
        column: None,
        message: format!("This row could not be read as CSV ({e}). Nothing was imported."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let t =
            read("date,note\r\n2026-01-01,\"two\r\nlines, and a comma\"\r\n\r\n2026-01-02,x\r\n")
                .unwrap();
        assert_eq!(t.header, ["date", "note"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].0, 2);
        // A Windows line break inside a note is kept as a line break.
        assert_eq!(t.rows[0].1[1], "two\nlines, and a comma");
        // Blank lines are not rows (the CSV reader skips them).
        assert_eq!(t.rows[1].0, 3);
        assert_eq!(t.column(" NOTE "), Some(1));
    }

    #[test]
    fn a_semicolon_separated_file_is_read_too() {
        let t = read("date;mood\n2026-01-01;5\n").unwrap();
        assert_eq!(t.rows[0].1, ["2026-01-01", "5"]);
    }
}
