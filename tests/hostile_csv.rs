//! The CSV export under hostile notes, as a property test: whatever a person may type in a
//! note (formula characters, quotes, separators, line breaks), it comes back out of the CSV
//! exactly, and no cell starts a formula. `PROPTEST_CASES=n` runs more.

mod support {
    pub mod hostile;
    pub mod journal_dump;
}
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;
use std::collections::BTreeMap;
use support::hostile::*;
use taper_journal::api::{self};

/// What `export::csv` guards (OWASP's CSV-injection list): a cell starting with one of
/// these would be read by a spreadsheet as a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Text a person may save in a note: anything but control characters other than newline
/// and tab, with formula characters, quotes, separators and line breaks made likely.
fn note_text(max: usize) -> BoxedStrategy<String> {
    let ch = prop_oneof![
        3 => select(vec!['=', '+', '-', '@', '\t', '\n', '"', ',', ';', '\'', ' ', '|', '\u{a0}', '\u{feff}', 'é', '😊', 'x', '1']),
        2 => any::<char>().prop_map(|c| if c.is_control() { '?' } else { c }),
    ];
    prop::collection::vec(ch, 0..max)
        .prop_map(|cs| cs.into_iter().collect())
        .boxed()
}

/// An own symptom name: the name rule allows "-" and "+" first.
fn own_symptom_name() -> BoxedStrategy<String> {
    "[-+(]?[A-Za-zé0-9][A-Za-zé0-9 ]{0,19}"
        .prop_filter("not a built-in symptom", |n| {
            !taper_journal::journal::symptoms::BUILTIN_SYMPTOMS
                .iter()
                .any(|s| s.label.eq_ignore_ascii_case(n.trim()))
        })
        .boxed()
}

#[derive(Debug, Clone)]
struct NoteDay {
    days_ago: u8,
    note: String,
    substance_note: String,
    practice_note: String,
    own_symptom: String,
}

fn note_day() -> impl Strategy<Value = NoteDay> {
    (
        0u8..40,
        note_text(400),
        note_text(60),
        note_text(60),
        own_symptom_name(),
    )
        .prop_map(
            |(days_ago, note, substance_note, practice_note, own_symptom)| NoteDay {
                days_ago,
                note,
                substance_note,
                practice_note,
                own_symptom,
            },
        )
}

/// A typed text as the CSV holds it: stored trimmed (blank is nothing), then guarded.
fn expected_cell(typed: &str) -> String {
    taper_journal::export::csv::guard_formula(typed.trim())
}

proptest! {
    #![proptest_config(config(64))]

    /// Check-in notes come back out of the CSV exactly (through a real CSV reader), and no
    /// cell anywhere starts with a formula character.
    #[test]
    fn csv_export_round_trips_notes_and_no_cell_starts_a_formula(
        days in prop::collection::vec(note_day(), 1..5),
    ) {
        let mut c = open_case(Start::WithData);
        let mut expected: BTreeMap<String, (String, String, String, String)> = BTreeMap::new();
        for d in &days {
            let date = (today() - chrono::Duration::days(i64::from(d.days_ago)))
                .format("%Y-%m-%d")
                .to_string();
            let input = json!({
                "date": date, "note": d.note, "substance_note": d.substance_note,
                "practice_note": d.practice_note, "own_symptoms": {d.own_symptom.as_str(): 2},
            });
            let saved = api::save_check_in(&mut c.j, input, today());
            prop_assert!(saved.is_ok(), "a valid check-in was refused: {:?}", saved.err());
            let own = format!("{}=2", d.own_symptom.trim());
            expected.insert(date, (
                expected_cell(&d.note),
                expected_cell(&d.substance_note),
                expected_cell(&d.practice_note),
                expected_cell(&own),
            ));
        }
        let bytes = api::export_csv(&c.j).unwrap();
        let body = bytes.strip_prefix(taper_journal::export::csv::UTF8_BOM).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (note, substance, practice, own) =
            (col("note"), col("substance_note"), col("practice_note"), col("own_symptoms"));
        for h in &header {
            prop_assert!(!h.starts_with(FORMULA_STARTS), "header cell {h:?}");
        }
        let mut seen = 0;
        for record in reader.records() {
            let record = record.unwrap();
            prop_assert_eq!(record.len(), header.len());
            for cell in &record {
                prop_assert!(!cell.starts_with(FORMULA_STARTS), "cell {:?} starts a formula", abbreviate(cell));
            }
            if let Some((n, s, p, o)) = expected.get(&record[0]) {
                seen += 1;
                prop_assert_eq!(&record[note], n.as_str());
                prop_assert_eq!(&record[substance], s.as_str());
                prop_assert_eq!(&record[practice], p.as_str());
                prop_assert_eq!(&record[own], o.as_str());
            }
        }
        prop_assert_eq!(seen, expected.len(), "every saved day has its row");
    }
}
