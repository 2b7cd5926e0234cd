//! The taper plan proposal (`taper::plan::propose`) at its longest: a liquid followed
//! closely for nearly the 200-step limit, a request refused after 200 steps, and four dose
//! times with three tablet strengths and quarters (the widest search of achievable doses).
//! The target is well under 10 ms each. The baseline, measured in the same run, is the short
//! worked example of the unit tests (clonazepam 2 mg with 0.5 mg scored tablets, 10 % every
//! 14 days: five steps). Run with `cargo bench --bench plan`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use taper_journal::journal::Micrograms;
use taper_journal::taper::plan::{propose, PlanRequest, Tablet, Units};

fn request(times: &[u32], units: Units, percent: u32, every_days: i64) -> PlanRequest {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    PlanRequest {
        times: times.iter().map(|t| Micrograms(*t)).collect(),
        current_since: start - chrono::Duration::days(30),
        start,
        units,
        percent,
        every_days,
        end: Micrograms::ZERO,
    }
}

/// Stopping from above 2.5 mg diazepam (the factor is 1: diazepam itself).
fn abrupt(amount: u64) -> bool {
    amount > 2_500
}

fn plans(c: &mut Criterion) {
    let liquid = |per_ml, smallest| Units::Liquid {
        micrograms_per_ml: per_ml,
        smallest_hundredths_ml: smallest,
    };
    // Diazepam 30 mg in a 1 mg/mL liquid to 0.05 mL, 3 % every 14 days.
    let longest = request(&[15_000, 15_000], liquid(1000, 5), 3, 14);
    let steps = propose(&longest, abrupt).expect("a proposal").steps.len();
    eprintln!("longest accepted: {steps} steps");
    // 40 mg at 1 % a week: refused once it passes 200 steps.
    let refused = request(&[40_000], liquid(1000, 1), 1, 7);
    assert!(propose(&refused, abrupt).is_err());
    // Four dose times, 10, 5 and 2 mg scored tablets, quarters allowed, 5 %.
    let tablets = Units::Tablets {
        tablets: [10_000, 5_000, 2_000]
            .into_iter()
            .map(|s| Tablet {
                strength: Micrograms(s),
                scored: true,
            })
            .collect(),
        quarters: true,
    };
    let wide = request(&[10_000, 10_000, 10_000, 10_000], tablets, 5, 14);
    eprintln!(
        "four dose times: {} steps",
        propose(&wide, abrupt).expect("a proposal").steps.len()
    );

    // The baseline: clonazepam 1 mg twice a day, 0.5 mg scored tablets, 10 % every 14 days.
    let halves = Units::Tablets {
        tablets: vec![Tablet {
            strength: Micrograms(500),
            scored: true,
        }],
        quarters: false,
    };
    let worked = request(&[1_000, 1_000], halves, 10, 14);
    let clonazepam_abrupt = |amount: u64| amount * 20 > 2_500;

    let mut group = c.benchmark_group("plan");
    group.bench_function("baseline_clonazepam_worked", |b| {
        b.iter(|| propose(black_box(&worked), clonazepam_abrupt))
    });
    group.bench_function("liquid_longest", |b| {
        b.iter(|| propose(black_box(&longest), abrupt))
    });
    group.bench_function("refused_after_200", |b| {
        b.iter(|| propose(black_box(&refused), abrupt))
    });
    group.bench_function("tablets_four_times", |b| {
        b.iter(|| propose(black_box(&wide), abrupt))
    });
    group.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
