//! The import under hostile files, as property tests: whatever bytes are offered — garbage,
//! another encoding, or one of the four formats' headers over rows of hostile cells
//! (formulas, quotes and line breaks, dates after today or in year 0, out-of-range
//! numbers, duplicate days) — the file is either refused with a message that says where, or
//! imported whole; a refused import leaves the journal byte for byte as it was, an accepted
//! one leaves every screen loading, and its undo takes the check-ins back to before. And
//! typed text with formula characters, quotes and line breaks goes out through our CSV and
//! comes back in exactly. `PROPTEST_CASES=n` runs more.

mod support {
    pub mod hostile;
    pub mod journal_dump;
}
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;
use support::hostile::*;
use taper_journal::api::{self, ChoicesInput};

const HEADERS: &[&str] = &[
    "full_date,date,weekday,time,mood,activities,note_title,note",
    "year,date,weekday,time,mood,activities,note",
    "date,weekday,time of day,category,rating/amount,detail,notes",
    "date,date formatted,weekday,time of day,category,rating/amount,detail,notes",
    "DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES",
];

/// A cell: plausible values of every format, and what a hostile file holds.
fn cell() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(vec![
            "2026-03-02", "2026-11-21", "2027-01-01", "0000-01-01", "1969-12-31", "2026-02-30",
            "2nd Mar 2026", "31st Feb 2026", "9 March", "rad", "good", "meh", "Good ", "awful",
            "Mood", "Symptom", "Sleep", "Sleep quality", "Meds/Supplements", "Energy",
            "Anxiety (Mild)", "Insomnia (Unbearable)", "Diazepam (mg)", "Vitamin D3 (mcg)",
            "Clonazepam (IU)", "7:15", "25:00", "0", "1", "2", "3", "4", "5", "10", "11", "-1",
            "6.5", "1e9", "NaN", "=1+1", "+SUM(A1)", "@x", "-2", "'=x", "yes", "no", "",
        ]).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ,;\"'\n\r=+@|().-]{0,30}",
        1 => any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
    .boxed()
}

fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

/// A file: raw bytes, or a format's header over rows of hostile cells, in UTF-8, UTF-16
/// or with a stray Latin-1 byte.
fn file() -> BoxedStrategy<Vec<u8>> {
    let rows = (
        select(HEADERS.to_vec()),
        prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..12),
        0u8..4,
    )
        .prop_map(|(header, rows, encoding)| {
            let mut text = format!("{header}\r\n");
            for r in &rows {
                text.push_str(&csv_line(r));
                text.push_str("\r\n");
            }
            match encoding {
                0 => [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                1 => {
                    let mut b = text.into_bytes();
                    b.push(0xE9);
                    b
                }
                _ => text.into_bytes(),
            }
        });
    prop_oneof![1 => prop::collection::vec(any::<u8>(), 0..400), 4 => rows].boxed()
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn a_hostile_file_is_refused_saying_where_or_imported_whole_and_undone_whole(bytes in file()) {
        let mut c = open_case(Start::WithData);
        let before = state(&c);
        let check_ins_before = c.j.check_ins().unwrap();
        match api::read_import(&c.j, &bytes, "hostile.csv", today()) {
            Err(e) => {
                prop_assert_eq!(e.field.as_deref(), Some("file"));
                prop_assert!(e.message.ends_with("Nothing was imported."), "{}", e.message);
                unchanged(&before, &state(&c)).map_err(fail)?;
            }
            Ok((pending, preview)) => {
                unchanged(&before, &state(&c)).map_err(fail)?;
                match api::run_import(&mut c.j, &pending, ChoicesInput::default(), today()) {
                    Err(e) => {
                        prop_assert!(preview.problem.is_some() || preview.import_label.is_none(),
                            "the preview offered an import that was then refused: {}", e.message);
                        unchanged(&before, &state(&c)).map_err(fail)?;
                    }
                    Ok(done) => {
                        prop_assert!(preview.import_label.is_some(), "{}", done.message);
                        every_view_loads(&c.j).map_err(fail)?;
                        api::undo_import(&mut c.j, done.imports[0].id, today()).unwrap();
                        prop_assert_eq!(c.j.check_ins().unwrap(), check_ins_before);
                    }
                }
            }
        }
    }

    /// Typed text (notes, own symptoms) goes out through our CSV and back in exactly.
    #[test]
    fn typed_text_goes_out_through_our_csv_and_comes_back_exactly(
        notes in prop::collection::vec("[-=+@'\"a-zé😊 ,;|\n\t]{0,60}", 1..6),
    ) {
        let mut c = open_case(Start::Empty);
        api::complete_setup(&mut c.j, valid_setup(), today()).unwrap();
        for (i, note) in notes.iter().enumerate() {
            let date = (today() - chrono::Duration::days(i as i64)).format("%Y-%m-%d").to_string();
            let saved = api::save_check_in(&mut c.j, json!({"date": date, "note": note, "substance_note": note.chars().take(50).collect::<String>(), "anxiety": i % 11}), today());
            prop_assert!(saved.is_ok(), "{:?}", saved.err());
        }
        let original = c.j.check_ins().unwrap();
        let csv = api::export_csv(&c.j).unwrap();
        c.j.connection().execute("DELETE FROM check_in", []).unwrap();
        let (pending, _) = api::read_import(&c.j, &csv, "round-trip.csv", today()).unwrap();
        api::run_import(&mut c.j, &pending, ChoicesInput::default(), today()).unwrap();
        prop_assert_eq!(c.j.check_ins().unwrap(), original);
    }
}
