//! Import (issue 16): our own CSV gives the same check-ins back, field for field; eMoods,
//! Daylio and Bearable files (hand-made samples in tests/fixtures/import/) map what maps
//! and say what does not; an import writes all days or none, never overwrites unless asked,
//! remembers its source and is undone as a whole; bad files are refused naming the row and
//! column, with nothing written.
//!
//! Over 500 lines, kept whole: the import's worked examples (one per format, keep, replace,
//! undo, hostile files) over the same small journal and samples.

#[path = "../benches/support/synthetic.rs"]
#[allow(dead_code)] // the generator's figures are for the benches
mod synthetic;
mod support {
    pub mod journal_dump;
}

use chrono::NaiveDate;
use serde_json::{json, Value};
use support::journal_dump::table_rows;
use taper_journal::api::{self, ChoicesInput, PendingImport};
use taper_journal::store::Journal;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

/// A journal set up with diazepam (as the Bearable sample takes it) on 1 Feb 2026.
fn journal(dir: &TempDir) -> Journal {
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "diazepam", "brand": "Valium"}, "dose_mg": "5", "since": "2026-02-01"}),
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
    )
    .unwrap();
    j
}

fn choices(v: Value) -> ChoicesInput {
    serde_json::from_value(v).unwrap()
}

fn read(j: &Journal, bytes: &[u8]) -> PendingImport {
    api::read_import(j, bytes, "sample.csv", today()).unwrap().0
}

/// The person's own check-in on 3 March 2026, a day the eMoods sample also holds.
fn own_check_in(j: &mut Journal, note: &str) -> taper_journal::journal::CheckIn {
    api::save_check_in(
        j,
        json!({"date": "2026-03-03", "anxiety": 2, "note": note}),
        today(),
    )
    .unwrap();
    day(j, 2026, 3, 3)
}

fn day(j: &Journal, y: i32, m: u32, d: u32) -> taper_journal::journal::CheckIn {
    j.check_in(NaiveDate::from_ymd_opt(y, m, d).unwrap())
        .unwrap()
        .unwrap_or_else(|| panic!("a check-in on {y}-{m}-{d}"))
}

#[test]
fn our_own_csv_of_a_synthetic_year_gives_the_same_check_ins_back_field_for_field() {
    let s = synthetic::generate(1);
    let original = s.journal.check_ins().unwrap();
    assert!(original.len() > 300);
    let csv = api::export_csv(&s.journal).unwrap();

    // The same journal without its check-ins (medications, steps and all else kept).
    let dir = TempDir::new().unwrap();
    let mut j = Journal::open(&dir.path().join("copy.db")).unwrap();
    api::restore(&mut j, &api::backup_file(&s.journal, today()).unwrap()).unwrap();
    j.connection().execute("DELETE FROM check_in", []).unwrap();
    assert!(j.check_ins().unwrap().is_empty());

    let (pending, preview) = api::read_import(&j, &csv, "taper-journal.csv", today()).unwrap();
    assert_eq!(preview.problem, None);
    assert_eq!(
        preview.import_label.as_deref(),
        Some(format!("Import {} days", original.len()).as_str())
    );
    assert_eq!(preview.first_days.len(), 7);
    let done = api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    assert!(
        done.message.starts_with(&format!(
            "Imported {} days from a Taper Journal spreadsheet.",
            original.len()
        )),
        "{}",
        done.message
    );
    assert_eq!(
        j.check_ins().unwrap(),
        original,
        "every check-in, field for field"
    );

    // Each day remembers where it came from; History says so.
    let history = api::history(&j, today()).unwrap();
    let text = serde_json::to_string(&history).unwrap();
    assert!(text.contains("Imported from a Taper Journal spreadsheet on 6 Dec 2026"));

    // Undone as a whole: the journal is as it was before the import (but for the list).
    let id = done.imports[0].id;
    let undone = api::undo_import(&mut j, id, today()).unwrap();
    assert!(
        undone
            .message
            .contains(&format!("{} days removed", original.len())),
        "{}",
        undone.message
    );
    assert!(j.check_ins().unwrap().is_empty());
    assert!(!undone.imports[0].can_undo);
    assert!(
        api::undo_import(&mut j, id, today()).is_err(),
        "an import is undone once"
    );
}

#[test]
fn daylio_moods_are_placed_on_the_mood_scale_and_notes_kept_with_their_line_breaks() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let pending = read(&j, &fixture("daylio.csv"));
    let preview = api::preview_import(&j, &pending, ChoicesInput::default(), today()).unwrap();
    assert!(
        preview.title.starts_with("Daylio (CSV export)"),
        "{}",
        preview.title
    );
    let scale = &preview.scales[0];
    assert_eq!(scale.key, "daylio_mood");
    let meaning = |w: &str| scale.values.iter().find(|v| v.value == w).unwrap().means;
    assert_eq!(
        (meaning("rad"), meaning("good"), meaning("meh")),
        (Some(10), Some(8), Some(5))
    );
    assert!(
        preview
            .dropped
            .iter()
            .any(|d| d.starts_with("activities (exercise, cook")),
        "{:?}",
        preview.dropped
    );
    api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    let c = day(&j, 2026, 3, 8);
    assert_eq!(c.mood, Some(5));
    assert_eq!(
        c.note.as_deref(),
        Some("Rough night\nWoke at 3 and could not settle.\nHeart racing for a while, then it eased after breathing exercises.")
    );
    assert_eq!(day(&j, 2026, 3, 7).mood, Some(10));
}

#[test]
fn daylio_own_mood_words_wait_for_the_persons_choice_and_two_entries_of_a_day_are_averaged() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let pending = read(&j, &fixture("daylio_custom.csv"));
    let preview = api::preview_import(&j, &pending, ChoicesInput::default(), today()).unwrap();
    // Own words have no proposed meaning: left out until chosen.
    assert!(preview.scales[0].values.iter().all(|v| v.means.is_none()));
    assert!(preview
        .first_days
        .iter()
        .all(|d| !d.summary.contains("Mood")));
    let chosen = choices(
        json!({"scales": {"daylio_mood": {"steady": 6, "wobbly": 4, "foggy": "3", "bright": 8, "raw": 2}}}),
    );
    let preview = api::preview_import(&j, &pending, chosen, today()).unwrap();
    let nine = preview
        .first_days
        .iter()
        .find(|d| d.date_label == "9 Mar 2026")
        .unwrap();
    // 9 March: foggy (3) in the morning, wobbly (4) in the evening: 3.5, rounded to 4.
    assert!(nine.summary.contains("Mood 4/10"), "{}", nine.summary);
    let chosen = choices(
        json!({"scales": {"daylio_mood": {"steady": 6, "wobbly": 4, "foggy": "3", "bright": 8, "raw": 2}}}),
    );
    api::run_import(&mut j, &pending, chosen, today()).unwrap();
    let c = day(&j, 2026, 3, 9);
    assert_eq!(c.mood, Some(4));
    // Notes in time order: the morning's first (the file runs newest first).
    assert_eq!(
        c.note.as_deref(),
        Some("Slept maybe 4 hours.\nJaw clenched when I woke.\n\nEvening\nJittery after the meeting, settled, then tired")
    );
    // A choice outside the scale names its field.
    let bad = api::preview_import(
        &j,
        &pending,
        choices(json!({"scales": {"daylio_mood": {"steady": 11}}})),
        today(),
    )
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("scales.daylio_mood.steady"));
    let bad = api::preview_import(
        &j,
        &pending,
        choices(json!({"scales": {"daylio_mood": {"calm": 5}}})),
        today(),
    )
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("scales.daylio_mood.calm"));
}

#[test]
fn bearable_readings_become_one_check_in_a_day_with_doses_summed_for_the_medication_of_that_name() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let pending = read(&j, &fixture("bearable.csv"));
    let preview = api::preview_import(&j, &pending, ChoicesInput::default(), today()).unwrap();
    assert_eq!(
        preview.counts[0],
        "5 days from 2 Mar 2026 to 6 Mar 2026, read from 34 rows."
    );
    assert!(
        preview
            .dropped
            .iter()
            .any(|d| d.contains("Vitamin D3") && d.contains("no medication of that name")),
        "{:?}",
        preview.dropped
    );
    assert!(
        preview
            .dropped
            .iter()
            .any(|d| d.starts_with("Energy: 2 rows")),
        "{:?}",
        preview.dropped
    );
    api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    let c = day(&j, 2026, 3, 2);
    // Mood 6 and 7 of 1–10: 5.6 → 6 and 6.7 → 7 on 0–10, averaged 6.5 → 7.
    assert_eq!(c.mood, Some(7));
    assert_eq!(c.sleep.map(|s| s.hours_text()).as_deref(), Some("6.75"));
    // Sleep quality 3 of 1–5 is 5 of 0–10.
    assert_eq!(c.sleep_quality, Some(5));
    let severity = |c: &taper_journal::journal::CheckIn, key: &str| {
        c.symptoms
            .iter()
            .find(|s| s.name == key)
            .map(|s| s.severity)
    };
    // Anxiety moderate in the morning, mild in the evening: the worst of the day.
    assert_eq!(severity(&c, "anxiety_panic"), Some(2));
    assert_eq!(c.doses_taken.len(), 1);
    assert_eq!(c.doses_taken[0].dose.mg_text(), "5");
    // 6 March: insomnia "unbearable" (4) is severe, the top of this journal's scale.
    assert_eq!(severity(&day(&j, 2026, 3, 6), "insomnia"), Some(3));
    assert_eq!(day(&j, 2026, 3, 4).doses_taken[0].dose.mg_text(), "4.5");
}

#[test]
fn emoods_levels_map_by_the_shown_scale_and_zero_is_not_logged() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let pending = read(&j, &fixture("emoods.csv"));
    let preview = api::preview_import(&j, &pending, ChoicesInput::default(), today()).unwrap();
    let anxiety = preview
        .scales
        .iter()
        .find(|s| s.key == "emoods_anxiety")
        .unwrap();
    assert_eq!(
        anxiety
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.means))
            .collect::<Vec<_>>(),
        [("1", Some(0)), ("2", Some(3)), ("3", Some(7))]
    );
    assert!(
        preview.dropped.iter().any(|d| d.starts_with("ELEVATED")),
        "{:?}",
        preview.dropped
    );
    api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    let c = day(&j, 2026, 3, 3);
    assert_eq!(c.anxiety, Some(7));
    assert_eq!(c.sleep.map(|s| s.hours_text()).as_deref(), Some("5.25"));
    assert_eq!(c.note.as_deref(), Some("Shaky hands at work, left early"));
    // 5 March: depressed and irritability 0, not logged: no symptom.
    assert!(day(&j, 2026, 3, 5).symptoms.is_empty());
    // 6 March: a row with every cell empty is no check-in (said in the preview).
    assert!(j
        .check_in(NaiveDate::from_ymd_opt(2026, 3, 6).unwrap())
        .unwrap()
        .is_none());
    assert!(
        preview
            .dropped
            .iter()
            .any(|d| d.starts_with("1 day with nothing this journal keeps")),
        "{:?}",
        preview.dropped
    );
    assert_eq!(
        day(&j, 2026, 3, 7)
            .symptoms
            .iter()
            .find(|s| s.name == "low_mood")
            .map(|s| s.severity),
        Some(1)
    );
}

#[test]
fn a_day_with_a_check_in_is_kept_unless_the_person_chooses_and_an_undo_puts_it_back() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let mine = own_check_in(&mut j, "my own words");
    let pending = read(&j, &fixture("emoods.csv"));

    // Default: only empty days are filled.
    let preview = api::preview_import(&j, &pending, ChoicesInput::default(), today()).unwrap();
    assert_eq!(preview.days_with_check_in, 1);
    assert_eq!(preview.import_label.as_deref(), Some("Import 5 days"));
    let done = api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    assert!(
        done.message
            .contains("1 day that already had a check-in was kept as it was"),
        "{}",
        done.message
    );
    assert_eq!(day(&j, 2026, 3, 3), mine);
    api::undo_import(&mut j, done.imports[0].id, today()).unwrap();
    assert_eq!(j.check_ins().unwrap(), vec![mine.clone()]);

    // Replace, then undo: the person's check-in is back exactly.
    let before = table_rows(j.connection());
    let replace = || choices(json!({"existing": "replace"}));
    let done = api::run_import(&mut j, &pending, replace(), today()).unwrap();
    assert_eq!(day(&j, 2026, 3, 3).anxiety, Some(7));
    // A day the person changes after the import is theirs: an undo keeps it.
    api::save_check_in(&mut j, json!({"date": "2026-03-04", "mood": 9}), today()).unwrap();
    let undone = api::undo_import(&mut j, done.imports[0].id, today()).unwrap();
    assert!(
        undone.message.contains("1 day you changed since is kept"),
        "{}",
        undone.message
    );
    assert!(
        undone
            .message
            .contains("1 check-in it had replaced is back"),
        "{}",
        undone.message
    );
    assert_eq!(day(&j, 2026, 3, 3), mine);
    assert_eq!(day(&j, 2026, 3, 4).mood, Some(9));
    api::save_check_in(&mut j, json!({"date": "2026-03-04"}), today()).unwrap();
    j.connection()
        .execute("DELETE FROM check_in WHERE date = '2026-03-04'", [])
        .unwrap();
    let after: String = table_rows(j.connection())
        .lines()
        .filter(|l| !l.starts_with("import "))
        .map(|l| format!("{l}\n"))
        .collect();
    let before: String = before
        .lines()
        .filter(|l| !l.starts_with("import "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(after, before, "the journal is as it was before the import");

    let wrong = api::preview_import(&j, &pending, choices(json!({"existing": "merge"})), today())
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("existing"));
}

/// A bad cell anywhere refuses the whole file, naming the row and the column; the journal
/// is byte for byte as it was.
#[test]
fn hostile_files_are_refused_naming_the_row_and_column_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let j = journal(&dir);
    let before = table_rows(j.connection());
    let own = |rows: &str| {
        let header = String::from_utf8(api::export_csv(&j).unwrap()).unwrap();
        format!("{}{rows}", header.lines().next().unwrap())
    };
    let empty_tail = ",".repeat(own("").matches(',').count() - 6);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"\x00\x01\x02\x03PK\x03\x04binary".to_vec(), "not text"),
        (b"PK\x03\x04\x14\x00zipped".to_vec(), "choose the entry.csv inside"),
        (b"full_date,date,weekday,time,mood,activities,note_title,note\n2026-03-01,1 March,Sunday,9:00,good,,,caf\xE9\n".to_vec(),
            "Row 2, column \"note\": The file is not in UTF-8"),
        (b"full_date,date,weekday,time,mood,activities,note_title,note\n2027-03-01,1 March,Monday,9:00,good,,,\n".to_vec(),
            "Row 2, column \"full_date\": Monday 1 March 2027 is after today"),
        (b"full_date,date,weekday,time,mood,activities,note_title,note\n0000-03-01,1 March,Monday,9:00,good,,,\n".to_vec(),
            "Row 2, column \"full_date\""),
        (b"DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES\n2026-03-02,1,0,1,2,6.5,\n2026-03-03,1,0,1,2,6.5,\n2026-03-02,1,0,1,2,6.5,\n".to_vec(),
            "Rows 2 and 4 are both for Monday 2 March 2026"),
        (b"DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES\n2026-03-02,1,0,1,=1+1,6.5,\n".to_vec(),
            "Row 2, column \"ANXIETY\": \"=1+1\" is not an eMoods level"),
        (b"DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES\n2026-03-02,1,0,1,2,25,\n".to_vec(),
            "Row 2, column \"SLEEP\": Sleep hours must be between 0 and 24"),
        (own(&format!("\r\n2026-03-02,,,,,3,11{empty_tail}\r\n")).into_bytes(), "Row 2, column \"mood\": Mood"),
        (b"name,amount\nx,1\n".to_vec(), "are not those of a Taper Journal spreadsheet, eMoods, Daylio or Bearable export"),
        (Vec::new(), "This file is empty"),
    ];
    for (bytes, expected) in cases {
        let e = api::read_import(&j, &bytes, "x.csv", today())
            .and_then(|(p, _)| {
                api::run_import(
                    &mut Journal::open(j.path()).unwrap(),
                    &p,
                    ChoicesInput::default(),
                    today(),
                )
                .map(|_| ())
            })
            .err()
            .unwrap_or_else(|| panic!("refused: {expected}"));
        assert!(
            e.message.contains(expected),
            "expected {expected:?} in {:?}",
            e.message
        );
        assert_eq!(e.field.as_deref(), Some("file"));
        assert_eq!(
            table_rows(j.connection()),
            before,
            "nothing written ({expected})"
        );
    }
}

#[test]
fn utf16_files_are_read_and_a_200_mb_file_is_refused_before_it_is_read() {
    let dir = TempDir::new().unwrap();
    let j = journal(&dir);
    let text = String::from_utf8(fixture("emoods.csv")).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (_, preview) = api::read_import(&j, &utf16, "emoods.csv", today()).unwrap();
    assert!(
        preview.counts[0].starts_with("6 days from 2 Mar 2026"),
        "{:?}",
        preview.counts
    );

    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let e = api::read_import_file(&j, &huge, today()).unwrap_err();
    assert!(
        e.message.starts_with("This file is 200 MB"),
        "{}",
        e.message
    );
}

/// 100 000 rows: read, checked and refused (or imported) in well under a few seconds, with
/// a message that names the first row at fault.
#[test]
fn a_file_of_100_000_rows_is_refused_at_its_first_day_after_today() {
    let dir = TempDir::new().unwrap();
    let j = journal(&dir);
    let mut csv = String::from("DATE,DEPRESSED,ELEVATED,IRRITABILITY,ANXIETY,SLEEP,NOTES\n");
    let first = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    for (i, d) in first.iter_days().take(100_000).enumerate() {
        csv.push_str(&format!(
            "{},1,0,1,{},7,\"note, {i}\"\n",
            d.format("%Y-%m-%d"),
            i % 5
        ));
    }
    let started = std::time::Instant::now();
    let e = api::read_import(&j, csv.as_bytes(), "big.csv", today()).unwrap_err();
    println!("100 000 rows refused in {:?}", started.elapsed());
    let after_today = (today() - first).num_days() as usize + 1 + 2; // header is row 1
    assert!(
        e.message
            .starts_with(&format!("Row {after_today}, column \"DATE\"")),
        "{}",
        e.message
    );
}

/// Two imports that replaced the same day: the later is undone first, so the person's own
/// check-in kept by the earlier is never hidden; undone in that order, it is back.
#[test]
fn an_import_whose_days_a_later_import_replaced_is_undone_after_it() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let mine = own_check_in(&mut j, "mine");
    let pending = read(&j, &fixture("emoods.csv"));
    let replace = || choices(json!({"existing": "replace"}));
    let first = api::run_import(&mut j, &pending, replace(), today())
        .unwrap()
        .imports[0]
        .id;
    let second = api::run_import(&mut j, &pending, replace(), today())
        .unwrap()
        .imports[0]
        .id;
    let refused = api::undo_import(&mut j, first, today()).unwrap_err();
    assert!(
        refused.message.contains("Undo that one first"),
        "{}",
        refused.message
    );
    assert_eq!(refused.field.as_deref(), Some("import"));
    api::undo_import(&mut j, second, today()).unwrap();
    // The first import's days are back as its own (History says so) ...
    assert!(j
        .imported_from(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap())
        .unwrap()
        .is_some());
    let undone = api::undo_import(&mut j, first, today()).unwrap();
    assert!(
        undone
            .message
            .contains("1 check-in it had replaced is back"),
        "{}",
        undone.message
    );
    // ... and after both undos, only the person's own check-in is left.
    assert_eq!(j.check_ins().unwrap(), vec![mine]);
}

/// A note saved on Windows (CRLF inside the quoted cell) comes in with its line breaks.
#[test]
fn a_windows_line_break_inside_a_note_is_a_line_break() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let csv = "full_date,date,weekday,time,mood,activities,note_title,note\r\n2026-03-01,1 March,Sunday,9:00 pm,good,\"\",\"\",\"first line\r\nsecond line\"\r\n";
    let pending = read(&j, csv.as_bytes());
    api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    assert_eq!(
        day(&j, 2026, 3, 1).note.as_deref(),
        Some("first line\nsecond line")
    );
}

/// A header of thousands of columns, or a rating column of thousands of different values,
/// is refused at once rather than offered as a preview no one could read.
#[test]
fn a_very_wide_header_or_a_scale_of_thousands_of_values_is_refused() {
    let dir = TempDir::new().unwrap();
    let j = journal(&dir);
    let wide = format!(
        "date,diazepam_equivalent_total_mg,note{}\n",
        ",x".repeat(10_000)
    );
    let e = api::read_import(&j, wide.as_bytes(), "wide.csv", today()).unwrap_err();
    assert!(
        e.message
            .starts_with("Row 1: The first row names 10003 columns"),
        "{}",
        e.message
    );
    let mut moods = String::from("date,weekday,time of day,category,rating/amount,detail,notes\n");
    for i in 0..200 {
        moods.push_str(&format!(
            "\"2nd Mar 2026\",\"Monday\",\"08:00\",\"Mood\",\"1.{i:03}\",\"\",\"\"\n"
        ));
    }
    let e = api::read_import(&j, moods.as_bytes(), "moods.csv", today()).unwrap_err();
    assert!(
        e.message
            .starts_with("Column \"rating/amount\": This column holds 200 different values"),
        "{}",
        e.message
    );
}

/// A note longer than a check-in holds is cut to 2000 characters, ending in "…", and the
/// preview names its row before anything is written.
#[test]
fn a_note_longer_than_a_check_in_holds_is_cut_and_the_preview_says_where() {
    let dir = TempDir::new().unwrap();
    let mut j = journal(&dir);
    let long = "word ".repeat(500);
    let csv = format!("full_date,date,weekday,time,mood,activities,note_title,note\n2026-03-01,1 March,Sunday,9:00 pm,good,,,\"{long}\"\n");
    let (pending, preview) = api::read_import(&j, csv.as_bytes(), "daylio.csv", today()).unwrap();
    assert!(
        preview.dropped.iter().any(|d| d.starts_with(
            "The notes of the day at row 2 are longer than a check-in holds (2000 characters)"
        )),
        "{:?}",
        preview.dropped
    );
    api::run_import(&mut j, &pending, ChoicesInput::default(), today()).unwrap();
    let note = day(&j, 2026, 3, 1).note.unwrap();
    assert_eq!(
        note.chars().count(),
        2000,
        "as much as a check-in holds, the last character \"…\""
    );
    assert!(note.ends_with('…') && note.starts_with("word word"));
}

/// The preview's most needed notices come first and are never summarised away, however
/// many other lines the file gives (a Bearable export with many left-out categories).
#[test]
fn unknown_medications_and_empty_days_are_said_first_whatever_else_is_left_out() {
    let dir = TempDir::new().unwrap();
    let j = journal(&dir);
    let mut csv = String::from("date,weekday,time of day,category,rating/amount,detail,notes\n");
    for category in [
        "Energy",
        "Sleep factors",
        "Factors",
        "Food Diary",
        "Food Diary factors",
        "Gratitudes",
        "Health measurements",
        "Nutrition",
        "Lifestyle",
        "Work",
        "Social",
        "Weather",
        "Active",
    ] {
        csv.push_str(&format!(
            "\"2nd Mar 2026\",\"Monday\",\"am\",\"{category}\",\"3\",\"x\",\"\"\n"
        ));
    }
    csv.push_str("\"3rd Mar 2026\",\"Tuesday\",\"8:00\",\"Meds/Supplements\",\"0.5\",\"Clonazepam (mg)\",\"\"\n");
    let (_, preview) = api::read_import(&j, csv.as_bytes(), "bearable.csv", today()).unwrap();
    assert!(
        preview.dropped[0].starts_with("2 days with nothing this journal keeps"),
        "{:?}",
        preview.dropped
    );
    assert!(
        preview.dropped[1].starts_with("Doses of Clonazepam: no medication of that name"),
        "{:?}",
        preview.dropped
    );
    assert_eq!(
        preview.dropped.last().map(String::as_str),
        Some("… and 3 more")
    );
}
