//! When a reminder is due: a pure function of what the person asked to be reminded of,
//! what the journal holds, what was already shown, and the local now. No clock, timer or
//! notification here; the shell asks this rule and does what it says.
//!
//! The rules, each tested below:
//! - a kind is reminded at most once per local day, and never for a day that no longer
//!   needs it (the check-in saved; the step not planned);
//! - only today counts: after a sleep, a late start or a night with the laptop closed,
//!   what was missed is one catch-up notice now, never one per missed day;
//! - the reminder time is local wall-clock time: on the day clocks go forward, a time in
//!   the skipped hour comes at the first moment after the gap; on the day they go back, a
//!   time that happens twice comes the first time only;
//! - "remind me in an hour" holds everything back until then, and then reminds once more
//!   of what is still open today.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone};
use std::collections::BTreeMap;

/// What a reminder is for. The notification's words never name it (views/reminders.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Today's check-in is not saved yet.
    CheckIn,
    /// The GAD-7 and PHQ-9 fall due today.
    Questionnaires,
    /// A planned step is tomorrow.
    StepTomorrow,
    /// A planned step is today.
    StepToday,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::CheckIn,
        Kind::Questionnaires,
        Kind::StepTomorrow,
        Kind::StepToday,
    ];

    /// The name it is stored under.
    pub fn key(self) -> &'static str {
        match self {
            Kind::CheckIn => "check_in",
            Kind::Questionnaires => "questionnaires",
            Kind::StepTomorrow => "step_tomorrow",
            Kind::StepToday => "step_today",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What the person asked to be reminded of, all at one local time of day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub at: NaiveTime,
    pub check_in: bool,
    pub questionnaires: bool,
    pub planned_steps: bool,
}

/// What the journal holds that decides whether a day needs a reminder.
#[derive(Debug, Clone, Default)]
pub struct Logged {
    /// Days with a saved check-in (only today's matters; more is harmless).
    pub checked_in: Vec<NaiveDate>,
    /// The day each questionnaire next falls due (those done before; Today offers the
    /// others).
    pub questionnaires_due_on: Vec<NaiveDate>,
    /// The days of planned steps.
    pub planned_steps: Vec<NaiveDate>,
}

/// What was shown already: the local day each kind was last shown, and a snooze.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<Tz: TimeZone> {
    pub last_day: BTreeMap<Kind, NaiveDate>,
    /// "Remind me in an hour": nothing until then; then once more what is still open.
    pub snoozed_until: Option<DateTime<Tz>>,
}

impl<Tz: TimeZone> Default for Shown<Tz> {
    fn default() -> Self {
        Shown {
            last_day: BTreeMap::new(),
            snoozed_until: None,
        }
    }
}

impl<Tz: TimeZone> Shown<Tz> {
    /// The same, its snooze read in another time zone (the store keeps it in UTC).
    pub fn in_zone<Tz2: TimeZone>(&self, tz: &Tz2) -> Shown<Tz2> {
        Shown {
            last_day: self.last_day.clone(),
            snoozed_until: self.snoozed_until.as_ref().map(|t| t.with_timezone(tz)),
        }
    }
}

/// The rule's answer: what to show now (at most one notice, however many kinds), and when
/// to ask again at the latest if nothing changes before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<Tz: TimeZone> {
    pub due_now: Vec<Kind>,
    pub next: Option<DateTime<Tz>>,
}

/// How far ahead `next` looks for a day that needs a reminder.
const LOOK_AHEAD_DAYS: i64 = 400;

/// The moment `at` o'clock happens on `day` in `tz`: the first of two on the day clocks go
/// back; on the day they go forward, for a time in the skipped hour, the first moment after
/// the gap (gaps are whole minutes in every zone in use).
pub fn moment<Tz: TimeZone>(tz: &Tz, day: NaiveDate, at: NaiveTime) -> Option<DateTime<Tz>> {
    let wall = day.and_time(at);
    (0..=24 * 60).find_map(|minutes| {
        tz.from_local_datetime(&(wall + Duration::minutes(minutes)))
            .earliest()
    })
}

/// Whether `day` needs a reminder of `kind`, by what the journal holds and (for the
/// questionnaires, reminded once per due date however long they stay due) what was shown.
fn needed<Tz: TimeZone>(
    kind: Kind,
    day: NaiveDate,
    wanted: &Wanted,
    logged: &Logged,
    shown: &Shown<Tz>,
) -> bool {
    match kind {
        Kind::CheckIn => wanted.check_in && !logged.checked_in.contains(&day),
        Kind::Questionnaires => {
            let last = shown.last_day.get(&Kind::Questionnaires);
            wanted.questionnaires
                && logged
                    .questionnaires_due_on
                    .iter()
                    .any(|due| *due <= day && last.is_none_or(|l| l < due))
        }
        Kind::StepTomorrow => {
            wanted.planned_steps && logged.planned_steps.contains(&(day + Duration::days(1)))
        }
        Kind::StepToday => wanted.planned_steps && logged.planned_steps.contains(&day),
    }
}

/// What is due at `now`, and when to look again.
pub fn plan<Tz: TimeZone>(
    wanted: Option<&Wanted>,
    logged: &Logged,
    shown: &Shown<Tz>,
    now: &DateTime<Tz>,
) -> Plan<Tz> {
    let Some(wanted) = wanted else {
        return Plan {
            due_now: vec![],
            next: None,
        };
    };
    let tz = now.timezone();
    let today = now.naive_local().date();
    let shown_today = |k: &Kind| shown.last_day.get(k) == Some(&today);
    let open_today: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| needed(*k, today, wanted, logged, shown))
        .collect();
    // A snooze belongs to the day it ends on: one ending tomorrow (asked for late in the
    // evening) or left from an earlier day is no snooze today, so that it never brings a
    // reminder at midnight or takes the place of the next day's.
    let snooze = shown
        .snoozed_until
        .as_ref()
        .filter(|until| until.naive_local().date() == today);
    let snoozing = snooze.is_some_and(|until| until > now);
    let snooze_over = snooze.is_some_and(|until| until <= now);
    let time_today = moment(&tz, today, wanted.at);
    let time_has_come = time_today.as_ref().is_some_and(|t| t <= now);

    // Due: what is open today, once its time has come, if not shown today; and after a
    // snooze, once more what was shown today and is still open.
    let due_now: Vec<Kind> = if snoozing {
        vec![]
    } else {
        open_today
            .iter()
            .copied()
            .filter(|k| (time_has_come && !shown_today(k)) || (snooze_over && shown_today(k)))
            .collect()
    };

    // The next moment something could fall due if nothing changes before: the snooze's
    // end, today's time if it is still to come, or the time on the next day needing one.
    if snoozing {
        return Plan {
            due_now,
            next: snooze.cloned(),
        };
    }
    let still_today = time_today
        .filter(|t| t > now)
        .filter(|_| open_today.iter().any(|k| !shown_today(k)));
    let later_day = (1..=LOOK_AHEAD_DAYS)
        .map(|n| today + Duration::days(n))
        .find(|d| {
            Kind::ALL
                .into_iter()
                .any(|k| needed(k, *d, wanted, logged, shown))
        })
        .and_then(|d| moment(&tz, d, wanted.at));
    Plan {
        due_now,
        next: still_today.or(later_day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::London;
    use chrono_tz::Tz;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn at(tz: Tz, s: &str) -> DateTime<Tz> {
        let wall = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&wall).earliest().unwrap()
    }
    fn check_in_at(h: u32, m: u32) -> Wanted {
        Wanted {
            at: hm(h, m),
            check_in: true,
            questionnaires: true,
            planned_steps: true,
        }
    }
    fn nothing_shown() -> Shown<Tz> {
        Shown::default()
    }

    #[test]
    fn off_until_turned_on() {
        let now = at(London, "2026-12-01 21:00");
        let p = plan(None, &Logged::default(), &nothing_shown(), &now);
        assert_eq!(
            p,
            Plan {
                due_now: vec![],
                next: None
            }
        );
    }

    #[test]
    fn the_check_in_at_its_time_and_not_before() {
        let w = check_in_at(20, 0);
        let logged = Logged::default();
        let before = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-01 19:59"),
        );
        assert!(before.due_now.is_empty());
        assert_eq!(before.next, Some(at(London, "2026-12-01 20:00")));
        let on_time = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-01 20:00"),
        );
        assert_eq!(on_time.due_now, vec![Kind::CheckIn]);
    }

    #[test]
    fn no_reminder_for_a_day_already_checked_in() {
        let w = check_in_at(20, 0);
        let logged = Logged {
            checked_in: vec![day("2026-12-01")],
            ..Logged::default()
        };
        let p = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-01 20:30"),
        );
        assert!(p.due_now.is_empty());
        // Tomorrow is not checked in yet: that is the next time.
        assert_eq!(p.next, Some(at(London, "2026-12-02 20:00")));
    }

    #[test]
    fn at_most_once_a_day() {
        let w = check_in_at(20, 0);
        let mut shown = nothing_shown();
        shown.last_day.insert(Kind::CheckIn, day("2026-12-01"));
        let p = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-01 23:59"),
        );
        assert!(p.due_now.is_empty(), "shown once today already");
        assert_eq!(p.next, Some(at(London, "2026-12-02 20:00")));
    }

    #[test]
    fn after_three_days_asleep_one_catch_up_not_three() {
        // Shown last on 1 December; the laptop slept until 4 December 08:00. Today's time
        // (20:00) has not come, and the missed days are not made up: nothing now.
        let w = check_in_at(20, 0);
        let mut shown = nothing_shown();
        shown.last_day.insert(Kind::CheckIn, day("2026-12-01"));
        let morning = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-04 08:00"),
        );
        assert!(morning.due_now.is_empty());
        // Woken at 22:00 instead: one check-in reminder, for today.
        let evening = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-04 22:00"),
        );
        assert_eq!(evening.due_now, vec![Kind::CheckIn]);
    }

    #[test]
    fn a_late_start_gets_one_notice_for_everything_open_today() {
        // Step planned for tomorrow and the questionnaires due today; started at 21:15.
        let w = check_in_at(20, 0);
        let logged = Logged {
            checked_in: vec![],
            questionnaires_due_on: vec![day("2026-12-01")],
            planned_steps: vec![day("2026-12-02")],
        };
        let p = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-01 21:15"),
        );
        assert_eq!(
            p.due_now,
            vec![Kind::CheckIn, Kind::Questionnaires, Kind::StepTomorrow]
        );
        // The next day: the step itself (and the check-in).
        let shown = Shown {
            last_day: p.due_now.iter().map(|k| (*k, day("2026-12-01"))).collect(),
            snoozed_until: None,
        };
        let next = plan(Some(&w), &logged, &shown, &at(London, "2026-12-02 20:00"));
        assert_eq!(next.due_now, vec![Kind::CheckIn, Kind::StepToday]);
    }

    #[test]
    fn questionnaires_once_for_each_time_they_fall_due() {
        let w = Wanted {
            check_in: false,
            ..check_in_at(20, 0)
        };
        // The GAD-7 falls due on 10 December, the PHQ-9 (done later) on 14 December.
        let logged = Logged {
            questionnaires_due_on: vec![day("2026-12-10"), day("2026-12-14")],
            ..Logged::default()
        };
        let early = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-01 21:00"),
        );
        assert!(early.due_now.is_empty());
        assert_eq!(early.next, Some(at(London, "2026-12-10 20:00")));
        // The app was closed on the 10th: reminded on the 11th, once.
        let late = plan(
            Some(&w),
            &logged,
            &nothing_shown(),
            &at(London, "2026-12-11 21:00"),
        );
        assert_eq!(late.due_now, vec![Kind::Questionnaires]);
        let mut shown = nothing_shown();
        shown
            .last_day
            .insert(Kind::Questionnaires, day("2026-12-11"));
        let after = plan(Some(&w), &logged, &shown, &at(London, "2026-12-12 21:00"));
        assert!(after.due_now.is_empty(), "not chased day after day");
        // The PHQ-9's own due date still brings its reminder.
        assert_eq!(after.next, Some(at(London, "2026-12-14 20:00")));
        let phq = plan(Some(&w), &logged, &shown, &at(London, "2026-12-14 20:00"));
        assert_eq!(phq.due_now, vec![Kind::Questionnaires]);
        shown
            .last_day
            .insert(Kind::Questionnaires, day("2026-12-14"));
        let done = plan(Some(&w), &logged, &shown, &at(London, "2026-12-15 21:00"));
        assert_eq!(
            done,
            Plan {
                due_now: vec![],
                next: None
            }
        );
    }

    #[test]
    fn a_snooze_never_brings_a_reminder_early_at_midnight_or_in_place_of_the_next_days() {
        let w = check_in_at(20, 0);
        // "Remind me in an hour" at 10:00, before anything was shown: nothing at 11:00.
        let mut shown = nothing_shown();
        shown.snoozed_until = Some(at(London, "2026-12-01 11:00"));
        let p = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-01 11:00"),
        );
        assert!(
            p.due_now.is_empty(),
            "nothing had been shown to remind of again"
        );
        assert_eq!(p.next, Some(at(London, "2026-12-01 20:00")));
        // Shown at 20:00, snoozed to 21:00, checked in at 20:30: the snooze ends with
        // nothing to say, and the next day has its reminder at 20:00, not at midnight.
        shown.last_day.insert(Kind::CheckIn, day("2026-12-01"));
        shown.snoozed_until = Some(at(London, "2026-12-01 21:00"));
        let next_day = Logged::default();
        let midnight = plan(Some(&w), &next_day, &shown, &at(London, "2026-12-02 00:00"));
        assert!(midnight.due_now.is_empty(), "no reminder at midnight");
        assert_eq!(midnight.next, Some(at(London, "2026-12-02 20:00")));
        let evening = plan(Some(&w), &next_day, &shown, &at(London, "2026-12-02 20:00"));
        assert_eq!(evening.due_now, vec![Kind::CheckIn]);
        // Snoozed at 23:30 to 00:30: it belongs to the next day, where nothing was shown.
        shown.snoozed_until = Some(at(London, "2026-12-02 00:30"));
        let late = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-02 00:30"),
        );
        assert!(late.due_now.is_empty());
    }

    #[test]
    fn remind_me_in_an_hour() {
        let w = check_in_at(20, 0);
        let mut shown = nothing_shown();
        shown.last_day.insert(Kind::CheckIn, day("2026-12-01"));
        shown.snoozed_until = Some(at(London, "2026-12-01 21:05"));
        let during = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-01 20:30"),
        );
        assert!(during.due_now.is_empty());
        assert_eq!(during.next, Some(at(London, "2026-12-01 21:05")));
        let after = plan(
            Some(&w),
            &Logged::default(),
            &shown,
            &at(London, "2026-12-01 21:05"),
        );
        assert_eq!(after.due_now, vec![Kind::CheckIn], "once more, as asked");
        // Checked in meanwhile: the snooze ends with nothing to say.
        let logged = Logged {
            checked_in: vec![day("2026-12-01")],
            ..Logged::default()
        };
        let done = plan(Some(&w), &logged, &shown, &at(London, "2026-12-01 21:05"));
        assert!(done.due_now.is_empty());
    }

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
}
