//! The benchmarks' synthetic journal generator, checked on one year: the journal it writes
//! looks like the taper it describes, and the Trends screen works on it.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use chrono::{Duration, NaiveDate};
use taper_journal::api;
use taper_journal::views::PeriodChoice;

#[test]
fn one_synthetic_year_looks_like_a_taper_and_the_trends_screen_reads_it() {
    let s = synthetic::generate(1);
    let j = &s.journal;
    let st = &s.stats;
    println!("{st}");

    // A check-in on about 95 % of the 366 days (22 Nov 2025 to 22 Nov 2026), never all.
    assert_eq!(st.days, 366);
    assert!(
        st.check_ins >= 330 && st.check_ins < st.days,
        "{} check-ins",
        st.check_ins
    );
    let check_ins = j.check_ins().unwrap();
    assert_eq!(check_ins.len() as i64, st.check_ins);
    for c in &check_ins {
        let builtin = c.symptoms.iter().filter(|s| s.builtin).count();
        assert!(
            (3..=8).contains(&builtin),
            "{builtin} symptoms on {}",
            c.date
        );
        assert!(c.anxiety.is_some() && c.sleep.is_some() && !c.doses_taken.is_empty());
    }

    // Steps every 14–28 days after the setup's starting dose, except inside the two-week
    // crossover (clonazepam half, quarter, none, a week apart).
    let meds = j.medications().unwrap();
    let names: Vec<&str> = meds.iter().map(|m| m.generic.as_str()).collect();
    assert_eq!(names, ["diazepam", "clonazepam"], "active first");
    let mut dates: Vec<NaiveDate> = j.dose_steps().unwrap().iter().map(|s| s.date).collect();
    dates.dedup();
    let first_day = s.today - Duration::days(st.days - 1);
    assert!(
        dates[0] < first_day,
        "the setup dose began before the journal"
    );
    let crossover = [
        st.crossover,
        st.crossover + Duration::days(7),
        st.crossover + Duration::days(14),
    ];
    for pair in dates[1..].windows(2) {
        let gap = (pair[1] - pair[0]).num_days();
        if crossover.contains(&pair[1]) && pair[1] != st.crossover {
            assert_eq!(gap, 7, "crossover steps on {:?}", pair);
        } else {
            assert!((14..=28).contains(&gap), "{gap} days between {:?}", pair);
        }
    }
    assert!(dates[1] - first_day <= Duration::days(28));
    assert!(s.today - *dates.last().unwrap() < Duration::days(28));
    assert!(st.dose_steps >= 15, "{} steps", st.dose_steps);
    // Four agreed for the coming months, and one agreed at each visit before the last step.
    assert!((4..=4 + st.visits).contains(&st.planned_steps));
    assert!(j.planned_steps().unwrap().iter().any(|p| p.date > s.today));

    // GAD-7 and PHQ-9 every 14 days from the first day; a visit every 80–100 days.
    assert_eq!(st.questionnaires, 2 * 27);
    assert!((3..=5).contains(&st.visits), "{} visits", st.visits);
    assert_eq!(st.red_flag_days, 1);

    // Every period of the Trends screen loads, with at least the completeness point.
    for period in PeriodChoice::ALL {
        let v = api::trends(j, period.key(), Some(900), s.today).unwrap();
        let last = v.points.last().expect("discussion points");
        assert_eq!(
            last.kind,
            "completeness",
            "{}: {:?}",
            period.key(),
            v.points
        );
    }

    // The same seed, the same journal.
    let again = synthetic::generate(1);
    assert_eq!(again.journal.check_ins().unwrap(), check_ins);
    assert_eq!(again.journal.dose_steps().unwrap(), j.dose_steps().unwrap());
}
