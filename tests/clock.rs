//! A clock that moves under the journal: set back (a check-in dated after "today"), a trip
//! across time zones, midnight passing with a form open. Nothing is hidden or lost, and a
//! check-in is saved on the day its form was for, never moved to another.

mod support {
    pub mod journal_dump;
}
use chrono::NaiveDate;
use serde_json::{json, Value};
use taper_journal::api::{self, ApiError};
use taper_journal::store::Journal;
use taper_journal::views::day::AFTER_TODAY_MARK;
use taper_journal::views::history::HistoryEntry;
use tempfile::TempDir;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn set_up(today: &str) -> (TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "clonazepam"}, "dose_mg": "1.5", "since": "2026-11-01"}),
        d(today),
    )
    .unwrap();
    (dir, j)
}

fn snapshot(j: &Journal) -> String {
    support::journal_dump::table_rows(j.connection())
}

fn refused_on_date<T: std::fmt::Debug>(result: Result<T, ApiError>) {
    let e = result.expect_err("a day after today with nothing in it should be refused");
    assert_eq!(e.field.as_deref(), Some("date"), "{e:?}");
    assert_eq!(
        e.message,
        "A check-in can only be for today or an earlier day."
    );
}

fn listed_days(j: &Journal, today: &str) -> Vec<(String, Vec<String>)> {
    api::history(j, d(today))
        .unwrap()
        .entries
        .into_iter()
        .filter_map(|e| match e {
            HistoryEntry::Day { date, marks, .. } => Some((date, marks)),
            HistoryEntry::Gap { .. } => None,
        })
        .collect()
}

#[test]
fn a_check_in_dated_after_a_clock_set_back_stays_listed_open_and_saved_on_its_own_day() {
    let (_dir, mut j) = set_up("2026-11-20");
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-20", "anxiety": "3"}),
        d("2026-11-20"),
    )
    .unwrap();
    api::save_check_in(
        &mut j,
        json!({"date": "2026-11-22", "anxiety": "4", "note": "before the clock moved"}),
        d("2026-11-22"),
    )
    .unwrap();
    // The computer's clock is set back three days.
    let today = "2026-11-19";

    // History lists it first, marked; the days between are not called missed.
    let history = api::history(&j, d(today)).unwrap();
    let HistoryEntry::Day { date, marks, .. } = &history.entries[0] else {
        panic!(
            "the later check-in should come first: {:?}",
            history.entries
        );
    };
    assert_eq!(date, "2026-11-22");
    assert_eq!(marks, &vec![AFTER_TODAY_MARK.to_string()]);
    assert!(matches!(&history.entries[1], HistoryEntry::Day { date, .. } if date == "2026-11-20"));
    // Counted from today back: the later days are not days logged "since".
    assert_eq!(
        history.completeness_label,
        "0 of 1 day logged since 19 Nov 2026 (0 %)"
    );
    assert!(
        !history
            .entries
            .iter()
            .any(|e| matches!(e, HistoryEntry::Gap { date, .. } if date.as_str() > today)),
        "no gap after today: {:?}",
        history.entries
    );

    // It opens as it was saved, and says why its day is after today.
    let opened = api::check_in(&j, Some("2026-11-22"), d(today)).unwrap();
    assert!(opened.exists);
    assert_eq!(
        (opened.anxiety.as_str(), opened.note.as_str()),
        ("4", "before the clock moved")
    );
    assert_eq!(
        opened.clock_note.as_deref(),
        Some("This form is for Sunday 22 November 2026, which is after today's date on this computer (Thursday 19 November 2026). The computer's clock or time zone may have changed. The check-in is kept as it is, and you can still change it here.")
    );
    // Today's form says a later check-in is kept.
    let today_form = api::check_in(&j, None, d(today)).unwrap();
    assert_eq!(today_form.date, today);
    assert!(today_form
        .clock_note
        .as_deref()
        .unwrap()
        .starts_with("Your journal has a check-in for Sunday 22 November 2026, after today's date on this computer (Thursday 19 November 2026)."));

    // A change is saved on the check-in's own day; nothing appears on "today".
    let saved = api::save_check_in(
        &mut j,
        json!({"date": "2026-11-22", "anxiety": "5", "note": "changed later"}),
        d(today),
    )
    .unwrap();
    assert_eq!(saved.check_in.date, "2026-11-22");
    let stored = j.check_in(d("2026-11-22")).unwrap().unwrap();
    assert_eq!(
        (stored.anxiety, stored.note.as_deref()),
        (Some(5), Some("changed later"))
    );
    assert!(j.check_in(d(today)).unwrap().is_none());

    // A later day the journal holds nothing for is still refused, and nothing is written.
    let before = snapshot(&j);
    refused_on_date(api::check_in(&j, Some("2026-11-21"), d(today)));
    refused_on_date(api::save_check_in(
        &mut j,
        json!({"date": "2026-11-21", "anxiety": "2"}),
        d(today),
    ));
    refused_on_date(api::save_check_in_draft(
        &mut j,
        "2026-11-21",
        json!([["anxiety", "2"]]),
        d(today),
    ));
    assert_eq!(snapshot(&j), before);

    // With the clock right again, it is an ordinary day, listed once.
    let days = listed_days(&j, "2026-11-23");
    assert_eq!(
        days.iter().filter(|(date, _)| date == "2026-11-22").count(),
        1
    );
    assert!(days.iter().all(|(_, marks)| marks.is_empty()), "{days:?}");
    assert_eq!(
        api::check_in(&j, None, d("2026-11-23")).unwrap().clock_note,
        None
    );
}

fn typed_form(date: &str) -> Value {
    json!([["anxiety", "6"], ["note", format!("typed on {date}")]])
}

#[test]
fn a_form_open_past_midnight_is_saved_on_the_day_it_was_opened_for() {
    let (_dir, mut j) = set_up("2026-11-22");
    let form = api::check_in(&j, None, d("2026-11-22")).unwrap();
    assert!(form.is_today);
    api::save_check_in_draft(&mut j, &form.date, typed_form(&form.date), d("2026-11-22")).unwrap();

    // Midnight passes; the form still sends its own day.
    let saved = api::save_check_in(
        &mut j,
        json!({"date": form.date, "anxiety": "6", "note": "typed on 2026-11-22"}),
        d("2026-11-23"),
    )
    .unwrap();
    assert_eq!(saved.check_in.date, "2026-11-22");
    assert_eq!(
        saved.message,
        "Saved your check-in for Sunday 22 November 2026."
    );
    assert!(j.check_in(d("2026-11-23")).unwrap().is_none());
    assert!(
        j.check_in_draft(d("2026-11-22")).unwrap().is_none(),
        "the draft went with the save"
    );
    let new_day = api::check_in(&j, None, d("2026-11-23")).unwrap();
    assert_eq!(
        (new_day.date.as_str(), new_day.exists),
        ("2026-11-23", false)
    );
}

#[test]
fn a_form_typed_before_a_trip_west_is_kept_and_saved_on_its_own_day() {
    // Opened and typed in just after midnight on the 23rd; then the time zone puts the
    // computer back on the evening of the 22nd.
    let (_dir, mut j) = set_up("2026-11-23");
    api::save_check_in_draft(
        &mut j,
        "2026-11-23",
        typed_form("2026-11-23"),
        d("2026-11-23"),
    )
    .unwrap();
    let west = d("2026-11-22");
    // Typing goes on (the draft is kept), the form reopens with it, and the save lands on the 23rd.
    api::save_check_in_draft(&mut j, "2026-11-23", json!([["anxiety", "7"]]), west).unwrap();
    let reopened = api::check_in(&j, Some("2026-11-23"), west).unwrap();
    assert_eq!(reopened.draft, Some(json!([["anxiety", "7"]])));
    assert!(reopened
        .clock_note
        .unwrap()
        .ends_with("What you typed for it is kept, not yet saved; saving keeps it on that day."));
    let saved =
        api::save_check_in(&mut j, json!({"date": "2026-11-23", "anxiety": "7"}), west).unwrap();
    assert_eq!(saved.check_in.date, "2026-11-23");
    assert_eq!(
        j.check_in(d("2026-11-23")).unwrap().unwrap().anxiety,
        Some(7)
    );
    assert!(j.check_in(west).unwrap().is_none());
}
