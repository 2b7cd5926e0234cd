//! The reminder rule across clock changes and time zones: a reminder time is local
//! wall-clock time, reminded once a local day.

use super::due::plan;
use super::examples::{at, check_in_at, day, hm, nothing_shown};
use super::inputs::{Kind, Logged, Shown};
use chrono::{Duration, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Europe::London;
use chrono_tz::Tz;

// Europe/London: clocks go forward at 01:00 GMT on 29 March 2026 (01:00 -> 02:00 BST)
// and back at 02:00 BST on 25 October 2026 (02:00 -> 01:00 GMT).
#[test]
fn london_spring_forward_a_time_in_the_skipped_hour_comes_after_the_gap() {
    let w = check_in_at(1, 30);
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(London, "2026-03-29 00:30"),
    );
    let next = p.next.unwrap();
    // 01:30 does not exist that night: the first moment after the gap, 02:00 BST,
    // which is 01:00 UTC.
    assert_eq!(next.naive_local(), day("2026-03-29").and_time(hm(2, 0)));
    assert_eq!(next.naive_utc(), day("2026-03-29").and_time(hm(1, 0)));
    let due = plan(Some(&w), &Logged::default(), &nothing_shown(), &next);
    assert_eq!(due.due_now, vec![Kind::CheckIn]);
    // An ordinary 20:00 on that day is simply 20:00 BST (19:00 UTC).
    let w = check_in_at(20, 0);
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(London, "2026-03-29 12:00"),
    );
    assert_eq!(
        p.next.unwrap().naive_utc(),
        day("2026-03-29").and_time(hm(19, 0))
    );
}

#[test]
fn london_fall_back_a_time_that_happens_twice_reminds_once() {
    let w = check_in_at(1, 30);
    let first = London
        .from_local_datetime(&day("2026-10-25").and_time(hm(1, 30)))
        .earliest()
        .unwrap();
    let second = London
        .from_local_datetime(&day("2026-10-25").and_time(hm(1, 30)))
        .latest()
        .unwrap();
    assert_eq!(
        second - first,
        Duration::hours(1),
        "01:30 BST and 01:30 GMT"
    );
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(London, "2026-10-25 00:45"),
    );
    assert_eq!(p.next, Some(first), "the first 01:30 (BST)");
    let due = plan(Some(&w), &Logged::default(), &nothing_shown(), &first);
    assert_eq!(due.due_now, vec![Kind::CheckIn]);
    let mut shown = nothing_shown();
    shown.last_day.insert(Kind::CheckIn, day("2026-10-25"));
    let again = plan(Some(&w), &Logged::default(), &shown, &second);
    assert!(
        again.due_now.is_empty(),
        "the second 01:30 (GMT) is the same day"
    );
    assert_eq!(
        again.next.unwrap().naive_local(),
        day("2026-10-26").and_time(hm(1, 30))
    );
}

// America/New_York: forward at 02:00 EST on 8 March 2026 (02:00 -> 03:00 EDT), back at
// 02:00 EDT on 1 November 2026 (02:00 -> 01:00 EST).
#[test]
fn new_york_spring_forward_and_fall_back() {
    let w = check_in_at(2, 15);
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(New_York, "2026-03-08 01:00"),
    );
    let next = p.next.unwrap();
    assert_eq!(
        next.naive_local(),
        day("2026-03-08").and_time(hm(3, 0)),
        "after the gap"
    );
    assert_eq!(next.naive_utc(), day("2026-03-08").and_time(hm(7, 0)));

    let w = check_in_at(1, 15);
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(New_York, "2026-11-01 00:00"),
    );
    // The first 01:15 is EDT (UTC-4): 05:15 UTC.
    assert_eq!(
        p.next.unwrap().naive_utc(),
        day("2026-11-01").and_time(hm(5, 15))
    );
    // The evening reminder on the 25-hour day is still 20:00 local (01:00 UTC next day).
    let w = check_in_at(20, 0);
    let p = plan(
        Some(&w),
        &Logged::default(),
        &nothing_shown(),
        &at(New_York, "2026-11-01 12:00"),
    );
    assert_eq!(
        p.next.unwrap().naive_utc(),
        day("2026-11-02").and_time(hm(1, 0))
    );
}

#[test]
fn a_trip_across_time_zones_keeps_local_time() {
    // Reminded in London at 20:00 on 1 December, then in New York the same evening:
    // 20:00 in New York is 01:00 in London the next day, a new day there but not here.
    let w = check_in_at(20, 0);
    let mut shown: Shown<Tz> = nothing_shown();
    shown.last_day.insert(Kind::CheckIn, day("2026-12-01"));
    let ny = plan(
        Some(&w),
        &Logged::default(),
        &shown,
        &at(New_York, "2026-12-01 20:00"),
    );
    assert!(
        ny.due_now.is_empty(),
        "still 1 December where the person is"
    );
}
