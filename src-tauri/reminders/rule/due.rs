//! The reminder rule itself: what is due now (at most one notice), and when to look again;
//! reminder times are local wall-clock times (`moment`).

use super::inputs::{Kind, Logged, Shown, Wanted};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone};

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
    use crate::reminders::rule::examples::{at, check_in_at, day, nothing_shown};
    use chrono_tz::Europe::London;

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
}
