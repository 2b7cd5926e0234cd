//! Worked clinical examples for the taper arithmetic, through the public API only.
//!
//! Every test writes out the hand arithmetic it checks. Doses are typed as mg text and held
//! as whole micrograms (1.8 mg = 1800 µg), so the percentages below are exact ratios.
//!
//! Over 500 lines, kept whole: one suite of worked examples for one piece of arithmetic
//! (the step's pace and equivalents); each test is short, there are many.

use chrono::{Duration, NaiveDate};
use taper_journal::journal::{DoseStep, DrugClass, Form, Medication, Micrograms};
use taper_journal::taper::equivalence::Factor;
use taper_journal::taper::{
    analyse_steps, EquivalenceTable, PaceFinding, PaceLevel, StepFacts, StepKind,
};

/// Day `n` of the examples, counted from Monday 5 January 2026.
fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(n)
}

fn mg(text: &str) -> Micrograms {
    Micrograms::parse_mg("dose_mg", "Dose", text).unwrap()
}

fn med(id: i64, generic: &str, class: DrugClass) -> Medication {
    Medication {
        id,
        generic: generic.to_string(),
        brand: None,
        form: Form::Tablet,
        strength: None,
        class,
        custom_factor: None,
        active: true,
    }
}

/// A dose step: from `day(on)` on, `dose_mg` of medication `medication_id` a day.
fn step(id: i64, medication_id: i64, on: i64, dose_mg: &str) -> DoseStep {
    DoseStep {
        id,
        medication_id,
        date: day(on),
        dose: mg(dose_mg),
        split: None,
        note: None,
    }
}

fn facts_for(facts: &[StepFacts], step_id: i64) -> &StepFacts {
    facts
        .iter()
        .find(|f| f.step_id == step_id)
        .unwrap_or_else(|| panic!("no facts for step {step_id}"))
}

fn has_abrupt_stop(f: &StepFacts) -> bool {
    f.pace
        .iter()
        .any(|p| matches!(p, PaceFinding::AbruptStop { .. }))
}

#[test]
fn clonazepam_two_quick_cuts_cross_the_ceiling() {
    // Clonazepam 1.8 mg/day held from day 0, 1.6 mg from day 7, 1.2 mg from day 13.
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [
        step(1, 1, 0, "1.8"),
        step(2, 1, 7, "1.6"),
        step(3, 1, 13, "1.2"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    assert_eq!(facts.len(), 3);

    // Day 0: the starting dose, nothing to compare with.
    let start = facts_for(&facts, 1);
    assert_eq!(start.kind, StepKind::Start);
    assert_eq!(start.previous_dose, None);
    assert_eq!(start.change_tenths_percent, None);
    assert_eq!(start.days_held, None);
    assert!(start.pace_checked);
    assert!(start.pace.is_empty());
    assert_eq!(
        start.total, None,
        "only one benzodiazepine: no combined total"
    );

    // Day 7: (1.6 - 1.8) / 1.8 = -0.2 / 1.8 = -11.11 % -> -111 tenths; held 7 days.
    // 11.1 % > 10 % in one step, and 7 < 14 days apart: faster than the usual initial pace
    // (information). The window before day 7 holds at most 1.8 mg; 0.2 / 1.8 = 11.1 % is
    // under the 25 % ceiling.
    let first_cut = facts_for(&facts, 2);
    assert_eq!(first_cut.kind, StepKind::Reduction);
    assert_eq!(first_cut.previous_dose, Some(Micrograms(1800)));
    assert_eq!(first_cut.change_tenths_percent, Some(-111));
    assert_eq!(first_cut.days_held, Some(7));
    assert_eq!(
        first_cut.pace,
        vec![
            PaceFinding::LargerThanUsualStep {
                reduction_tenths_percent: 111
            },
            PaceFinding::SoonerThanUsual { days: 7 },
        ]
    );
    assert!(first_cut
        .pace
        .iter()
        .all(|p| p.level() == PaceLevel::Information));

    // Day 13: (1.2 - 1.6) / 1.6 = -0.4 / 1.6 = -25.0 % -> -250 tenths; held 13 - 7 = 6 days.
    // The 14-day window before day 13 starts on day -1 and holds 1.8 mg from day 0:
    // (1.8 - 1.2) / 1.8 = 0.6 / 1.8 = 33.3 % > 25 % -> over the guideline's ceiling (warning).
    let second_cut = facts_for(&facts, 3);
    assert_eq!(second_cut.kind, StepKind::Reduction);
    assert_eq!(second_cut.previous_dose, Some(Micrograms(1600)));
    assert_eq!(second_cut.change_tenths_percent, Some(-250));
    assert_eq!(second_cut.days_held, Some(6));
    assert_eq!(
        second_cut.pace,
        vec![
            PaceFinding::LargerThanUsualStep {
                reduction_tenths_percent: 250
            },
            PaceFinding::SoonerThanUsual { days: 6 },
            PaceFinding::OverCeiling {
                reduction_tenths_percent: 333,
                from: Micrograms(1800),
                from_date: day(0),
            },
        ]
    );
    let ceiling = second_cut
        .pace
        .iter()
        .find(|p| matches!(p, PaceFinding::OverCeiling { .. }))
        .unwrap();
    assert_eq!(ceiling.level(), PaceLevel::Warning);
}

#[test]
fn ten_percent_after_three_weeks_is_within_the_usual_pace() {
    // 2.0 mg from day 0, 1.8 mg from day 21: (1.8 - 2.0) / 2.0 = -10.0 % exactly -> -100
    // tenths. "More than 10 %" is not met by exactly 10 %, 21 days >= 14, and 10 % <= 25 %:
    // no pace finding at all.
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [step(1, 1, 0, "2"), step(2, 1, 21, "1.8")];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let cut = facts_for(&facts, 2);
    assert_eq!(cut.kind, StepKind::Reduction);
    assert_eq!(cut.change_tenths_percent, Some(-100));
    assert_eq!(cut.days_held, Some(21));
    assert!(cut.pace_checked);
    assert_eq!(cut.pace, vec![]);
}

#[test]
fn abrupt_stop_of_clonazepam_is_a_strong_warning() {
    // Clonazepam 2 mg/day from day 0, 0 mg from day 28. 2 mg clonazepam = 20 mg diazepam
    // (joint table: 1 mg = 10 mg), far above the 5 mg diazepam-equivalent limit for a
    // last step: abrupt discontinuation (strong warning).
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [step(1, 1, 0, "2"), step(2, 1, 28, "0")];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let stop = facts_for(&facts, 2);
    assert_eq!(stop.kind, StepKind::Stop);
    // (0 - 2) / 2 = -100.0 % -> -1000 tenths.
    assert_eq!(stop.change_tenths_percent, Some(-1000));
    assert_eq!(stop.days_held, Some(28));
    assert!(stop.pace.contains(&PaceFinding::AbruptStop {
        from: Micrograms(2000)
    }));
    assert_eq!(
        stop.pace.iter().map(PaceFinding::level).max(),
        Some(PaceLevel::StrongWarning)
    );
}

#[test]
fn a_last_small_step_of_diazepam_is_not_abrupt() {
    // Diazepam 2 mg from day 0, 1 mg from day 28, 0 from day 56. The stop is from 1 mg
    // diazepam = 1 mg diazepam-equivalent, not above the 5 mg limit: a usual last step,
    // not abrupt discontinuation, and after 28 days nothing else to flag either (its 100 %
    // is how a taper ends, not a step faster than the guideline).
    let meds = [med(1, "diazepam", DrugClass::Benzodiazepine)];
    let steps = [step(1, 1, 0, "2"), step(2, 1, 28, "1"), step(3, 1, 56, "0")];
    for table in EquivalenceTable::ALL {
        let facts = analyse_steps(&meds, &steps, table);
        let stop = facts_for(&facts, 3);
        assert_eq!(stop.kind, StepKind::Stop);
        assert_eq!(stop.previous_dose, Some(Micrograms(1000)));
        assert_eq!(stop.days_held, Some(28));
        assert!(!has_abrupt_stop(stop), "{table:?}: {:?}", stop.pace);
        assert_eq!(stop.pace, vec![], "{table:?}");
    }
}

#[test]
fn every_step_kind_is_derived_from_the_previous_dose() {
    // Clonazepam: 1 mg (start), 1 mg again (hold), 0.9 mg (reduction), 1 mg (increase),
    // 0 mg (stop), 0.5 mg (reinstatement after the stop).
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [
        step(1, 1, 0, "1"),
        step(2, 1, 14, "1"),
        step(3, 1, 28, "0.9"),
        step(4, 1, 42, "1"),
        step(5, 1, 56, "0"),
        step(6, 1, 58, "0.5"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let kinds: Vec<StepKind> = facts.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        vec![
            StepKind::Start,
            StepKind::Hold,
            StepKind::Reduction,
            StepKind::Increase,
            StepKind::Stop,
            StepKind::Reinstatement,
        ]
    );
    // Hold: 1 -> 1 = 0.0 %; reduction: (0.9 - 1) / 1 = -10.0 %; increase: (1 - 0.9) / 0.9
    // = +11.1 %; stop: -100.0 %; reinstatement: from 0 mg there is no percentage.
    let changes: Vec<Option<i64>> = facts.iter().map(|f| f.change_tenths_percent).collect();
    assert_eq!(
        changes,
        vec![None, Some(0), Some(-100), Some(111), Some(-1000), None]
    );
    // Days held count from the first day of the previous dose: the 1 mg of day 0 was still
    // held (the day-14 hold changed nothing) when it went to 0.9 mg on day 28.
    let days: Vec<Option<i64>> = facts.iter().map(|f| f.days_held).collect();
    assert_eq!(
        days,
        vec![None, Some(14), Some(28), Some(14), Some(14), Some(2)]
    );
    // Holds, increases and reinstatements are never pace findings; the 10 % cut after 14
    // days is within the usual pace.
    for i in [0, 1, 2, 3, 5] {
        assert_eq!(facts[i].pace, vec![], "{:?}", facts[i].kind);
    }
    // The stop from 1 mg clonazepam (= 10 mg diazepam, joint table) is abrupt.
    assert!(facts[4].pace.contains(&PaceFinding::AbruptStop {
        from: Micrograms(1000)
    }));
}

#[test]
fn diazepam_equivalents_name_their_table() {
    // Joint 2025 table: clonazepam 1 mg = 10 mg diazepam, so 2 mg/day = 2 x 10 = 20 mg;
    // lorazepam 2 mg = 10 mg, so 3 mg/day = 3 x 10 / 2 = 15 mg.
    // Ashton table: clonazepam 0.5 mg = 10 mg, so 2 mg = 2 x 10 / 0.5 = 40 mg;
    // lorazepam 1 mg = 10 mg, so 3 mg = 30 mg.
    let cases = [
        ("clonazepam", "2", EquivalenceTable::Joint2025, "1", "20"),
        ("clonazepam", "2", EquivalenceTable::Ashton, "0.5", "40"),
        ("lorazepam", "3", EquivalenceTable::Joint2025, "2", "15"),
        ("lorazepam", "3", EquivalenceTable::Ashton, "1", "30"),
    ];
    for (generic, dose, table, factor_mg, expected_mg) in cases {
        let meds = [med(1, generic, DrugClass::Benzodiazepine)];
        let facts = analyse_steps(&meds, &[step(1, 1, 0, dose)], table);
        assert_eq!(
            facts[0].equivalent,
            Some((mg(expected_mg), Factor::Table(table, mg(factor_mg)))),
            "{generic} {dose} mg, {table:?}"
        );
    }
}

#[test]
fn crossover_from_alprazolam_to_diazepam_is_paced_in_diazepam_equivalents() {
    // Joint 2025 table: alprazolam 1 mg = 10 mg diazepam.
    //   day 0:  alprazolam 2 mg                      = 20 mg diazepam-equivalent (DE)
    //   day 14: alprazolam 1.5 mg (15) + diazepam 5 mg (5) = 20 mg DE: total unchanged
    //   day 28: alprazolam 0.5 mg (5)  + diazepam 5 mg (5) = 10 mg DE: -50 % in 14 days
    // Gabapentin (an adjunct) is logged alongside and never converted or pace-checked.
    let meds = [
        med(1, "alprazolam", DrugClass::Benzodiazepine),
        med(2, "diazepam", DrugClass::Benzodiazepine),
        med(3, "gabapentin", DrugClass::Other),
    ];
    let steps = [
        step(1, 1, 0, "2"),
        step(2, 3, 0, "900"),
        step(3, 1, 14, "1.5"),
        step(4, 2, 14, "5"),
        step(5, 3, 21, "600"),
        step(6, 1, 28, "0.5"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    assert_eq!(facts.len(), 6);

    // Day 0: alprazolam alone, 2 mg = 20 mg DE.
    let alprazolam_start = facts_for(&facts, 1);
    assert_eq!(alprazolam_start.kind, StepKind::Start);
    assert_eq!(
        alprazolam_start.equivalent.map(|(de, _)| de),
        Some(mg("20"))
    );
    assert_eq!(alprazolam_start.total, None);

    // Day 14, alprazolam 2 -> 1.5 mg: -0.5 / 2 = -25.0 % of the drug itself, but the total
    // stays 20 -> 20 mg DE (0 %), so no pace finding.
    let alprazolam_cut = facts_for(&facts, 3);
    assert_eq!(alprazolam_cut.kind, StepKind::Reduction);
    assert_eq!(alprazolam_cut.change_tenths_percent, Some(-250));
    assert_eq!(alprazolam_cut.days_held, Some(14));
    let total = alprazolam_cut.total.as_ref().expect("two benzodiazepines");
    assert_eq!(total.before, mg("20"));
    assert_eq!(total.after, mg("20"));
    assert_eq!(total.change_tenths_percent, Some(0));
    assert_eq!(alprazolam_cut.pace, vec![]);

    // Day 14, diazepam 5 mg starts (= 5 mg DE): same total, no pace finding.
    let diazepam_start = facts_for(&facts, 4);
    assert_eq!(diazepam_start.kind, StepKind::Start);
    assert_eq!(diazepam_start.equivalent.map(|(de, _)| de), Some(mg("5")));
    let total = diazepam_start.total.as_ref().expect("two benzodiazepines");
    assert_eq!((total.before, total.after), (mg("20"), mg("20")));
    assert_eq!(diazepam_start.pace, vec![]);

    // Day 28, alprazolam 1.5 -> 0.5 mg: the drug itself -1 / 1.5 = -66.7 %; the total
    // 20 -> 10 mg DE = -50.0 %. The 14-day window starts on day 14 with 20 mg DE held:
    // (20 - 10) / 20 = 50.0 % > 25 % -> over the ceiling, measured in DE, not in mg of
    // alprazolam. 14 days after the previous step is not "sooner than usual".
    let second_cut = facts_for(&facts, 6);
    assert_eq!(second_cut.kind, StepKind::Reduction);
    assert_eq!(second_cut.change_tenths_percent, Some(-667));
    assert_eq!(second_cut.days_held, Some(14));
    let total = second_cut.total.as_ref().expect("two benzodiazepines");
    assert_eq!(total.before, mg("20"));
    assert_eq!(total.after, mg("10"));
    assert_eq!(total.change_tenths_percent, Some(-500));
    assert_eq!(
        second_cut.pace,
        vec![
            PaceFinding::LargerThanUsualStep {
                reduction_tenths_percent: 500
            },
            PaceFinding::OverCeiling {
                reduction_tenths_percent: 500,
                from: mg("20"),
                from_date: day(14),
            },
        ]
    );

    // Gabapentin 900 -> 600 mg (-33.3 %) is logged, not converted and not pace-checked.
    for id in [2, 5] {
        let adjunct = facts_for(&facts, id);
        assert!(!adjunct.pace_checked);
        assert_eq!(adjunct.equivalent, None);
        assert_eq!(adjunct.total, None);
        assert_eq!(adjunct.pace, vec![]);
    }
    let gabapentin_cut = facts_for(&facts, 5);
    assert_eq!(gabapentin_cut.kind, StepKind::Reduction);
    assert_eq!(gabapentin_cut.change_tenths_percent, Some(-333));
    assert_eq!(gabapentin_cut.days_held, Some(21));
}

#[test]
fn steps_are_analysed_in_date_order_whatever_order_they_arrive_in() {
    // The same clonazepam example as above, given newest first: the facts come back oldest
    // first and the day-13 step still compares with 1.6 mg (-25.0 %).
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [
        step(3, 1, 13, "1.2"),
        step(1, 1, 0, "1.8"),
        step(2, 1, 7, "1.6"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let dates: Vec<NaiveDate> = facts.iter().map(|f| f.date).collect();
    assert_eq!(dates, vec![day(0), day(7), day(13)]);
    assert_eq!(facts[2].change_tenths_percent, Some(-250));
    assert_eq!(facts[2].previous_dose, Some(Micrograms(1600)));
}

#[test]
fn a_logged_hold_does_not_restart_the_clock() {
    // Clonazepam 2 mg from day 0, 2 mg logged again on day 10 (a hold), 1.8 mg on day 21:
    // 2 mg was held for 21 days, and 0.2 / 2 = 10.0 %: within the usual pace.
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [
        step(1, 1, 0, "2"),
        step(2, 1, 10, "2"),
        step(3, 1, 21, "1.8"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let cut = facts_for(&facts, 3);
    assert_eq!(cut.days_held, Some(21));
    assert_eq!(cut.change_tenths_percent, Some(-100));
    assert_eq!(cut.pace, vec![]);
}

#[test]
fn the_ceiling_still_counts_the_crossover_total_after_one_medication_stops() {
    // Alprazolam 0.5 mg (5 mg DE, joint) + diazepam 20 mg = 25 mg DE. Alprazolam stops on
    // day 56 (total 20 mg DE, -20 %), diazepam 20 -> 16 mg on day 63 (total 16 mg DE):
    // 25 -> 16 is 9 / 25 = 36.0 % within 7 days, over the ceiling in DE terms.
    let meds = [
        med(1, "alprazolam", DrugClass::Benzodiazepine),
        med(2, "diazepam", DrugClass::Benzodiazepine),
    ];
    let steps = [
        step(1, 1, 0, "0.5"),
        step(2, 2, 0, "20"),
        step(3, 1, 56, "0"),
        step(4, 2, 63, "16"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let last = facts_for(&facts, 4);
    let total = last
        .total
        .as_ref()
        .expect("combined total within the window");
    assert_eq!(
        (total.before, total.after),
        (Micrograms(20_000), Micrograms(16_000))
    );
    assert!(last.pace.contains(&PaceFinding::OverCeiling {
        reduction_tenths_percent: 360,
        from: Micrograms(25_000),
        from_date: day(49),
    }));
    // The alprazolam stop itself: 5 mg DE of a 25 mg DE total goes, not an abrupt stop.
    let stop = facts_for(&facts, 3);
    assert!(!stop
        .pace
        .iter()
        .any(|p| matches!(p, PaceFinding::AbruptStop { .. })));
}

#[test]
fn a_medication_the_table_cannot_convert_does_not_hide_a_crossover() {
    // Zolpidem has no figure in the joint table. Clonazepam 1 mg (10 mg DE) swapped for
    // diazepam 10 mg on day 14: the total stays 10 mg DE, so no pace finding at all, and
    // zolpidem is named as not counted.
    let meds = [
        med(1, "clonazepam", DrugClass::Benzodiazepine),
        med(2, "zolpidem", DrugClass::ZDrug),
        med(3, "diazepam", DrugClass::Benzodiazepine),
    ];
    let steps = [
        step(1, 1, 0, "1"),
        step(2, 2, 0, "10"),
        step(3, 1, 14, "0"),
        step(4, 3, 14, "10"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let stop = facts_for(&facts, 3);
    assert_eq!(
        stop.pace,
        vec![],
        "a like-for-like swap is not an abrupt stop"
    );
    let total = stop.total.as_ref().expect("combined total");
    assert_eq!(
        (total.before, total.after),
        (Micrograms(10_000), Micrograms(10_000))
    );
    assert_eq!(total.excluded, vec![2]);
}

#[test]
fn the_last_step_of_clonazepam_reads_the_same_under_both_tables() {
    // Clonazepam 0.5 mg from day 0, 0.25 mg from day 28, 0 from day 56. Under the 2025
    // joint table 0.25 mg clonazepam = 0.25 × 10 / 1 = 2.5 mg diazepam-equivalent, not above
    // the 2.5 mg line: a usual last step. Under Ashton's column (0.5 mg = 10 mg diazepam) the
    // same tablet would be 5 mg; the stop is judged in the guideline's own column whatever
    // table the person picked, so it is not "abrupt" under Ashton either.
    let meds = [med(1, "clonazepam", DrugClass::Benzodiazepine)];
    let steps = [
        step(1, 1, 0, "0.5"),
        step(2, 1, 28, "0.25"),
        step(3, 1, 56, "0"),
    ];
    for table in EquivalenceTable::ALL {
        let facts = analyse_steps(&meds, &steps, table);
        let stop = facts_for(&facts, 3);
        assert_eq!(stop.kind, StepKind::Stop);
        assert_eq!(stop.pace, vec![], "{table:?}");
    }
    // From 0.5 mg (5 mg diazepam-equivalent in the joint column) to 0 is abrupt under both.
    let steps = [step(1, 1, 0, "0.5"), step(2, 1, 28, "0")];
    for table in EquivalenceTable::ALL {
        let facts = analyse_steps(&meds, &steps, table);
        assert!(has_abrupt_stop(facts_for(&facts, 2)), "{table:?}");
    }
}

#[test]
fn an_abrupt_stop_is_one_finding_not_three() {
    // Lorazepam 2 mg from day 0, 0 on day 7. The joint table: 2 mg lorazepam = 10 mg
    // diazepam-equivalent, well above 2.5 mg: abrupt. It is also a 100 % step, 7 days after
    // the last, and 100 % below the 14-day window's 2 mg; those say the same event less
    // clearly and are not listed beside it.
    let meds = [med(1, "lorazepam", DrugClass::Benzodiazepine)];
    let steps = [step(1, 1, 0, "2"), step(2, 1, 7, "0")];
    for table in EquivalenceTable::ALL {
        let facts = analyse_steps(&meds, &steps, table);
        assert_eq!(
            facts_for(&facts, 2).pace,
            vec![PaceFinding::AbruptStop { from: mg("2") }],
            "{table:?}"
        );
    }
}

#[test]
fn in_a_crossover_the_diazepam_steps_do_not_repeat_the_totals_findings() {
    // Joint 2025 table: alprazolam 1 mg = 10 mg diazepam.
    //   day 0:  alprazolam 2 mg (20 mg DE) + diazepam 2 mg (2)       = 22 mg DE
    //   day 14: alprazolam 1 mg (10)      + diazepam 4 mg (4), the same day = 14 mg DE:
    //           (22 - 14) / 22 = 36.4 % in one day: faster than the ceiling.
    // The finding belongs to the alprazolam cut that lowered the total; the diazepam
    // increase on the same day carries none, and no starting dose is ever "faster than the
    // usual initial pace".
    let meds = [
        med(1, "alprazolam", DrugClass::Benzodiazepine),
        med(2, "diazepam", DrugClass::Benzodiazepine),
    ];
    let steps = [
        step(1, 1, 0, "2"),
        step(2, 2, 0, "2"),
        step(3, 1, 14, "1"),
        step(4, 2, 14, "4"),
    ];
    let facts = analyse_steps(&meds, &steps, EquivalenceTable::Joint2025);
    let cut = facts_for(&facts, 3);
    assert_eq!(cut.kind, StepKind::Reduction);
    assert!(
        cut.pace.iter().any(|p| matches!(
            p,
            PaceFinding::OverCeiling {
                reduction_tenths_percent: 364,
                ..
            }
        )),
        "{:?}",
        cut.pace
    );
    let increase = facts_for(&facts, 4);
    assert_eq!(increase.kind, StepKind::Increase);
    assert_eq!(increase.pace, vec![]);
    for start in [1, 2] {
        assert_eq!(facts_for(&facts, start).pace, vec![], "step {start}");
    }
}
