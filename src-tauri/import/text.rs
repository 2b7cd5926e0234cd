//! A file's bytes into text, or a clear refusal: too large, not text at all, or text in an
//! encoding other than UTF-8 (said with the row and column where it shows).

use super::ImportError;

/// Ten years of the busiest of these exports (Bearable: a row per rating) is a few MB.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Text of the file: UTF-8 (a byte order mark is dropped) or UTF-16 with its byte order
/// mark (what some spreadsheets save as "Unicode text").
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::file(
            "This file is a zip archive (an eMoods backup is one). Open it with your file manager and choose the entry.csv inside, or the CSV file the app exported. Nothing was imported.",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    // UTF-16 without its byte order mark: every other byte of ASCII text is zero.
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) {
        if bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0 && bytes[2] != 0 {
            return utf16(bytes, u16::from_le_bytes);
        }
        if bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0 && bytes[3] != 0 {
            return utf16(bytes, u16::from_be_bytes);
        }
    }
    utf8(bytes)
}

pub fn too_large(len: usize) -> ImportError {
    ImportError::file(format!(
        "This file is {} MB; an export of these apps is far smaller (this import reads at most {} MB). Nothing was imported.",
        len.div_ceil(1024 * 1024),
        MAX_BYTES / (1024 * 1024)
    ))
}

fn not_text() -> ImportError {
    ImportError::file(
        "This file is not a spreadsheet (CSV) file: it holds data that is not text. Choose the CSV file the app exported. Nothing was imported.",
    )
}

fn utf8(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.contains(&0) {
        return Err(not_text());
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            // Mostly text with a stray byte: another encoding (Latin-1, Windows-1252).
            let (row, column) = position(&bytes[..at]);
            if looks_binary(bytes) {
                return Err(not_text());
            }
            Err(ImportError {
                row: Some(row),
                column: Some(column),
                message: "The file is not in UTF-8, the text encoding this import reads (it may be Latin-1 or Windows-1252). Save it again as \"CSV UTF-8\" and import that. Nothing was imported.".to_string(),
            })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(not_text());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: String = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| not_text())?;
    if text.contains('\0') {
        return Err(not_text());
    }
    Ok(text)
}

/// More than one in 20 bytes a control character other than line ends and tabs.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
        .count();
    control * 20 > sample.len()
}

/// The spreadsheet row (1 = the header) and the column's header name at the end of
/// `before`, told approximately (quotes are followed, which is enough to point a person).
fn position(before: &[u8]) -> (usize, String) {
    let text = String::from_utf8_lossy(before);
    // The same separator as `table::read` picks, and rows counted as it counts them (a
    // blank line is no row; a line break inside quotes is no new row).
    let first_line = super::table::first_line(&text);
    let separator = super::table::separator(first_line) as char;
    let mut row = 1;
    let mut column = 0;
    let mut quoted = false;
    let mut line_has_text = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' => {
                quoted = !quoted;
                line_has_text = true;
            }
            // A line ends at "\n", "\r\n" or a lone "\r", as the CSV reader takes them.
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if !quoted => {
                if line_has_text {
                    row += 1;
                }
                column = 0;
                line_has_text = false;
            }
            c if c == separator && !quoted => {
                column += 1;
                line_has_text = true;
            }
            _ => line_has_text = true,
        }
    }
    let header: Vec<&str> = first_line.split(separator).collect();
    let name = header
        .get(column)
        .map(|h| h.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| format!("{}", column + 1));
    (row, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom_and_utf16_with_one_are_read() {
        assert_eq!(decode("a,b\r\n1,é".as_bytes()).unwrap(), "a,b\r\n1,é");
        assert_eq!(decode(b"\xEF\xBB\xBFa").unwrap(), "a");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("date,é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "date,é");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("date".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "date");
        let no_mark: Vec<u8> = "date,mood"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&no_mark).unwrap(), "date,mood");
    }

    #[test]
    fn latin1_is_refused_naming_the_row_and_column() {
        let e = decode(b"date,note\n2026-01-01,caf\xE9\n").unwrap_err();
        assert_eq!(e.row, Some(2));
        assert_eq!(e.column.as_deref(), Some("note"));
        // Counted as the table counts rows: a blank line is none, a quoted break is none;
        // the separator is the header's.
        let e =
            decode(b"date;note\r\n\r\n2026-01-01;\"a\nb\"\r\n2026-01-02;caf\xE9\n").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("note")));
        // Old Mac line ends (a lone CR), as Excel's "CSV (Macintosh)" writes them.
        let e = decode(b"date,note\r2026-01-01,caf\xE9\r").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("note")));
        assert!(e.message.contains("UTF-8"), "{}", e.message);
    }

    #[test]
    fn a_zip_archive_is_named_as_one() {
        let e = decode(b"PK\x03\x04\x14\x00rest of an archive").unwrap_err();
        assert!(e.message.contains("entry.csv inside"), "{}", e.message);
    }

    #[test]
    fn binary_and_oversized_files_are_refused() {
        assert!(decode(b"\x00\x01\x02PK")
            .unwrap_err()
            .message
            .contains("not text"));
        let e = decode(&vec![b'a'; MAX_BYTES + 1]).unwrap_err();
        assert!(e.message.contains("33 MB"), "{}", e.message);
    }
}
