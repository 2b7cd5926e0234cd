//! A seeded synthetic journal for the benchmarks (and a small test that keeps it honest).
//!
//! `generate(years)` writes `years` of history ending on `today()` into a fresh SQLite file
//! in a temporary folder, through `taper_journal::api` — the same calls the window makes —
//! so the data is exactly what the app would have written. The same `years` always gives
//! the same journal: a hand-written splitmix64 with a fixed seed, no clock, no `rand`.
//!
//! The story: clonazepam 2 mg (liquid, 0.1 mg/mL) since half a year before the journal
//! starts; a dose step every 14–28 days, mostly 5–10 % less, sometimes a hold or a larger
//! cut (15–25 %); a third of the way in, a two-week crossover from clonazepam to diazepam
//! (half, then a quarter, then none, the diazepam-equivalent total unchanged), then diazepam
//! (liquid, 1 mg/mL) for the rest. A taper at 5–10 % a step every few weeks would fall to
//! micrograms within a decade, so the taper is paced to the history: a reduction that would
//! take the diazepam-equivalent dose below a curve falling to `END_SHARE` of the starting
//! dose by `today()` is logged as a hold instead, unless it is one of the larger cuts
//! (never within 1 year; over 10 years three steps in four are holds).
//!
//! Check-ins on about 95 % of days (gaps of 1–7 days), ratings and 3–8 built-in symptoms
//! that rise in the week after a reduction and settle over the next weeks, now and then an
//! own symptom, a drink, a dose taken other than the step's, one red-flag day; GAD-7
//! and PHQ-9 every 14 days; a visit every 80–100 days agreeing the next step (a planned
//! step); and four planned steps after `today()`.
//!
//! Over 500 lines, kept whole: one generator: the taper plan, the person's days and the
//! journal written from them are one seeded sequence.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Instant;
use taper_journal::api;
use taper_journal::journal::symptoms::BUILTIN_SYMPTOMS;
use taper_journal::store::Journal;
use tempfile::TempDir;

/// The one seed; each size mixes in its number of years.
const SEED: u64 = 0x7A9E_4A11_2026_0001;
/// Clonazepam 2 mg a day at setup: a common maintenance dose for panic disorder.
const START_DOSE_UG: u32 = 2_000;
/// Joint 2025 table: clonazepam 1 mg ≈ diazepam 10 mg.
const CLONAZEPAM_TO_DIAZEPAM: u32 = 10;
/// By `today()` the paced curve reaches this share of the starting diazepam equivalent.
const END_SHARE: f64 = 0.02;
/// Liquids measured to 0.1 mL: 10 µg of clonazepam (0.1 mg/mL), 100 µg of diazepam
/// (1 mg/mL); 10 µg for both keeps the crossover's halves exact.
const ROUND_UG: f64 = 10.0;
/// Withdrawal load at the peak of the week after a reduction, per unit of the share cut:
/// a 7.5 % step peaks at about 2 points of anxiety, a 20 % cut at about 5.
const LOAD_PER_SHARE: f64 = 27.0;

/// A folder to copy each generated journal into (`synthetic-10y.db`, …), to look at it
/// with sqlite3 or open it in the app through `TAPER_JOURNAL_DB`.
pub const KEEP_ENV: &str = "SYNTHETIC_JOURNAL_KEEP";

/// The last day of every synthetic journal (fixed, so runs compare).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

/// A generated journal. `journal` is declared first so it closes before the folder goes.
pub struct Synthetic {
    pub journal: Journal,
    pub today: NaiveDate,
    pub stats: Stats,
    _dir: TempDir,
}

/// What was generated, counted back from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub years: u32,
    pub first_day: NaiveDate,
    pub days: i64,
    pub check_ins: i64,
    /// Dose steps, including the two medications' starting doses.
    pub dose_steps: i64,
    /// Steps that logged the medication's previous dose again.
    pub holds: i64,
    /// The dose in effect on the last day, in mg ("diazepam 2.5").
    pub last_dose: String,
    pub planned_steps: i64,
    /// check_in_symptom rows, built-in and own.
    pub symptom_rows: i64,
    pub own_symptom_rows: i64,
    pub dose_taken_rows: i64,
    pub questionnaires: i64,
    pub visits: i64,
    pub red_flag_days: i64,
    /// The crossover's first day.
    pub crossover: NaiveDate,
    pub file_bytes: u64,
    pub generation_ms: u128,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} y synthetic journal ({} to {}, {} days): {} check-ins, {} dose steps ({} holds, \
             now {} mg), {} planned, {} symptom rows ({} own), {} dose-taken rows, {} questionnaires, {} visits, \
             {} red-flag days, crossover from {}; {:.1} MB, generated in {:.1} s",
            self.years,
            self.first_day,
            today(),
            self.days,
            self.check_ins,
            self.dose_steps,
            self.holds,
            self.last_dose,
            self.planned_steps,
            self.symptom_rows,
            self.own_symptom_rows,
            self.dose_taken_rows,
            self.questionnaires,
            self.visits,
            self.red_flag_days,
            self.crossover,
            self.file_bytes as f64 / 1e6,
            self.generation_ms as f64 / 1e3,
        )
    }
}

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Uniform in lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// About normal with mean 0 and deviation `sd` (Irwin–Hall: twelve uniforms).
    fn noise(&mut self, sd: f64) -> f64 {
        ((0..12).map(|_| self.unit()).sum::<f64>() - 6.0) * sd
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drug {
    Clonazepam,
    Diazepam,
}

/// What happens on a day, in the order the person would enter it.
#[derive(Debug, Clone)]
enum Event {
    /// Diazepam added with its first dose (the crossover's first day).
    AddDiazepam {
        dose_ug: u32,
    },
    Step {
        drug: Drug,
        dose_ug: u32,
    },
    /// Clonazepam marked as no longer taken once it reached zero.
    Retire(Drug),
}

/// The taper, decided before anything is written.
struct Taper {
    events: BTreeMap<NaiveDate, Vec<Event>>,
    /// Each reduction's date and the share of the dose it cut (drives the symptoms).
    reductions: Vec<(NaiveDate, f64)>,
    crossover: NaiveDate,
    /// Planned steps after today: (drug, date, dose).
    future: Vec<(Drug, NaiveDate, u32)>,
}

fn round_ug(ug: f64) -> u32 {
    ((ug / ROUND_UG).round() * ROUND_UG) as u32
}

fn diazepam_equivalent(drug: Drug, ug: u32) -> u32 {
    match drug {
        Drug::Clonazepam => ug * CLONAZEPAM_TO_DIAZEPAM,
        Drug::Diazepam => ug,
    }
}

fn plan_taper(rng: &mut Rng, start: NaiveDate, end: NaiveDate) -> Taper {
    let span = (end - start).num_days() as f64;
    let start_eq = f64::from(diazepam_equivalent(Drug::Clonazepam, START_DOSE_UG));
    let paced_floor =
        |d: NaiveDate| start_eq * END_SHARE.powf((d - start).num_days() as f64 / span);
    let crossover_from = start + Duration::days((span * 0.35) as i64);
    let mut events: BTreeMap<NaiveDate, Vec<Event>> = BTreeMap::new();
    let mut reductions = Vec::new();
    let mut crossover = None;
    let (mut drug, mut dose) = (Drug::Clonazepam, START_DOSE_UG);
    let mut date = start + Duration::days(rng.between(14, 28));
    while date <= end {
        if crossover.is_none() && date >= crossover_from && date + Duration::days(14) <= end {
            // Clonazepam half, a quarter, then none over two weeks, diazepam making up the
            // rest: the diazepam-equivalent total stays the same throughout.
            let c = dose;
            let (half, quarter) = (round_ug(f64::from(c) / 2.0), round_ug(f64::from(c) / 4.0));
            let diazepam = |clonazepam: u32| (c - clonazepam) * CLONAZEPAM_TO_DIAZEPAM;
            events.entry(date).or_default().extend([
                Event::AddDiazepam {
                    dose_ug: diazepam(half),
                },
                Event::Step {
                    drug: Drug::Clonazepam,
                    dose_ug: half,
                },
            ]);
            events.entry(date + Duration::days(7)).or_default().extend([
                Event::Step {
                    drug: Drug::Clonazepam,
                    dose_ug: quarter,
                },
                Event::Step {
                    drug: Drug::Diazepam,
                    dose_ug: diazepam(quarter),
                },
            ]);
            events
                .entry(date + Duration::days(14))
                .or_default()
                .extend([
                    Event::Step {
                        drug: Drug::Clonazepam,
                        dose_ug: 0,
                    },
                    Event::Step {
                        drug: Drug::Diazepam,
                        dose_ug: diazepam(0),
                    },
                    Event::Retire(Drug::Clonazepam),
                ]);
            crossover = Some(date);
            (drug, dose) = (Drug::Diazepam, diazepam(0));
            date += Duration::days(14 + rng.between(14, 28));
            continue;
        }
        let r = rng.unit();
        let share = if r < 0.12 {
            0.0 // a hold, logged as the same dose again
        } else if r < 0.17 {
            rng.uniform(0.15, 0.25) // a larger cut
        } else {
            rng.uniform(0.05, 0.10)
        };
        let mut next = round_ug(f64::from(dose) * (1.0 - share));
        // A larger cut happens anyway (the holds after it let the curve catch up), so every
        // size has a few for the pace check to find.
        if share < 0.15 && f64::from(diazepam_equivalent(drug, next)) < paced_floor(date) {
            next = dose;
        }
        if next < dose {
            reductions.push((date, f64::from(dose - next) / f64::from(dose)));
        }
        events.entry(date).or_default().push(Event::Step {
            drug,
            dose_ug: next,
        });
        dose = next;
        date += Duration::days(rng.between(14, 28));
    }
    // Agreed for the coming months: 7.5 % less every three weeks.
    let future = (0..4)
        .scan(dose, |d, k| {
            *d = round_ug(f64::from(*d) * 0.925);
            Some((drug, date + Duration::days(21 * k), *d))
        })
        .collect();
    Taper {
        events,
        reductions,
        crossover: crossover.expect("the history is long enough for a crossover"),
        future,
    }
}

/// How strongly the reduction `days_since` ago is felt: rising over the first week (the
/// delay the guideline mentions), then fading over a few weeks.
fn felt(days_since: i64) -> f64 {
    match days_since {
        ..0 => 0.0,
        0..=6 => (days_since + 1) as f64 / 7.0,
        _ => (-((days_since - 6) as f64) / 10.0).exp(),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn mg(ug: u32) -> String {
    taper_journal::journal::Micrograms(ug).mg_text()
}

fn rating(x: f64, max: f64) -> i64 {
    x.round().clamp(0.0, max) as i64
}

const OWN_SYMPTOMS: [&str; 4] = [
    "jaw clenching",
    "burning skin",
    "ear fullness",
    "inner restlessness",
];
const NOTES: [&str; 6] = [
    "Walked in the park, felt a bit better afterwards.",
    "Woke at 4 and could not get back to sleep.",
    "Busy day at work; tension in the shoulders by the evening.",
    "Wave of anxiety in the afternoon, passed after an hour.",
    "Good day. Cooked dinner with friends.",
    "Headache most of the day, drank more water.",
];
const CLINICIANS: [&str; 3] = ["Dr Okafor", "Dr Lindqvist", "NP Reyes"];

/// Builds a `years`-long synthetic journal ending on `today()`.
pub fn generate(years: u32) -> Synthetic {
    let started = Instant::now();
    let today = today();
    let first_day = today
        .with_year(today.year() - years as i32)
        .expect("22 November exists every year");
    let mut rng = Rng(SEED ^ u64::from(years));
    let taper = plan_taper(&mut rng, first_day, today);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("journal.db");
    let mut j = Journal::open(&path).expect("a new journal");
    // Generation only: skip the fsync of every transaction (FULL, the app's setting,
    // would make the 10-year journal take minutes to write). The journal is reopened with
    // the app's own pragmas before it is measured.
    j.connection()
        .execute_batch("PRAGMA synchronous = OFF")
        .expect("pragma");

    let since = first_day - Duration::days(183);
    api::complete_setup(
        &mut j,
        json!({
            "medication": {"generic": "clonazepam", "brand": "Klonopin", "form": "liquid", "strength_mg": "0.1"},
            "dose_mg": mg(START_DOSE_UG),
            "since": iso(since),
        }),
        first_day,
    )
    .expect("setup");

    // The person's own pattern: the symptoms they tend to have, most frequent first.
    let mut usual: Vec<&str> = BUILTIN_SYMPTOMS.iter().map(|s| s.key).collect();
    for i in (1..usual.len()).rev() {
        usual.swap(i, rng.between(0, i as i64) as usize);
    }
    let usual: Vec<(&str, f64)> = usual
        .into_iter()
        .enumerate()
        .map(|(i, key)| (key, 0.8f64.powi(i as i32)))
        .collect();

    let mut ids: BTreeMap<&str, i64> = BTreeMap::new();
    ids.insert("clonazepam", medication_id(&j, "clonazepam"));
    let mut doses: BTreeMap<i64, u32> = BTreeMap::from([(ids["clonazepam"], START_DOSE_UG)]);
    let red_flag_day = first_day + Duration::days(rng.between(0, (today - first_day).num_days()));
    let mut next_visit = first_day + Duration::days(rng.between(60, 100));
    let mut last_visit = None;
    let mut mood_drift = 0.0;
    let mut gap_left = 0;

    let mut day = first_day;
    while day <= today {
        for event in taper.events.get(&day).into_iter().flatten() {
            match *event {
                Event::AddDiazepam { dose_ug } => {
                    api::add_medication(
                        &mut j,
                        json!({
                            "medication": {"generic": "diazepam", "brand": "Valium", "form": "liquid", "strength_mg": "1"},
                            "dose_mg": mg(dose_ug),
                            "since": iso(day),
                        }),
                        day,
                    )
                    .expect("add diazepam");
                    let id = medication_id(&j, "diazepam");
                    ids.insert("diazepam", id);
                    doses.insert(id, dose_ug);
                }
                Event::Step { drug, dose_ug } => {
                    let id = ids[drug_name(drug)];
                    api::save_step(
                        &mut j,
                        json!({"medication_id": id, "date": iso(day), "dose_mg": mg(dose_ug)}),
                        day,
                    )
                    .expect("dose step");
                    doses.insert(id, dose_ug);
                }
                Event::Retire(drug) => {
                    api::set_medication_active(&mut j, ids[drug_name(drug)], false, day)
                        .expect("retire");
                }
            }
        }

        // Withdrawal load from recent reductions, and a slow drift of the person's mood.
        let load: f64 = taper
            .reductions
            .iter()
            .filter(|(d, _)| *d <= day && (day - *d).num_days() < 90)
            .map(|(d, share)| LOAD_PER_SHARE * share * felt((day - *d).num_days()))
            .sum();
        mood_drift = 0.9 * mood_drift + rng.noise(0.3);

        let elapsed = (day - first_day).num_days();
        if elapsed % 14 == 0 {
            let item =
                |rng: &mut Rng| rating(0.8 + 0.3 * load + 0.4 * mood_drift + rng.noise(0.5), 3.0);
            let gad: Vec<i64> = (0..7).map(|_| item(&mut rng)).collect();
            let mut phq: Vec<i64> = (0..9).map(|_| item(&mut rng)).collect();
            phq[8] = 0;
            for (kind, answers) in [("gad7", gad), ("phq9", phq)] {
                api::save_questionnaire(
                    &mut j,
                    json!({"kind": kind, "date": iso(day), "answers": answers}),
                    day,
                )
                .expect("questionnaire");
            }
        }

        if day == next_visit {
            let r = rng.unit();
            let decision = match r {
                r if r < 0.75 => "continue",
                r if r < 0.87 => "hold",
                r if r < 0.96 => "slow_down",
                _ => "other",
            };
            let mut visit = json!({
                "date": iso(day),
                "clinician": CLINICIANS[rng.between(0, 2) as usize],
                "decision": decision,
            });
            // The next step agreed there, as it was then taken.
            let next = taper
                .events
                .range(day + Duration::days(1)..=today)
                .find_map(|(d, evs)| {
                    evs.iter().find_map(|e| match e {
                        Event::Step { drug, dose_ug } => ids
                            .get(drug_name(*drug))
                            .map(|id| json!({"medication_id": id, "date": iso(*d), "dose_mg": mg(*dose_ug)})),
                        _ => None,
                    })
                });
            if let Some(step) = next {
                visit["next_step"] = step;
            }
            api::add_visit(&mut j, visit, day).expect("visit");
            last_visit = Some(day);
            next_visit = day + Duration::days(rng.between(80, 100));
        }

        if gap_left == 0 && rng.chance(0.012) {
            gap_left = rng.between(1, 7);
        }
        let in_gap = gap_left > 0;
        gap_left = (gap_left - 1).max(0);
        // The red-flag day always has its check-in: that is how it is known.
        if !in_gap || day == red_flag_day {
            let input = check_in(
                &mut rng,
                day,
                load,
                mood_drift,
                day == red_flag_day,
                &usual,
                &doses,
            );
            api::save_check_in(&mut j, input, day).expect("check-in");
        }
        day += Duration::days(1);
    }

    let agreed = last_visit.map(|d| format!("Visit on {}", d.format("%-d %b %Y")));
    for (drug, date, dose) in &taper.future {
        api::save_planned_step(
            &mut j,
            json!({"medication_id": ids[drug_name(*drug)], "date": iso(*date), "dose_mg": mg(*dose), "agreed_at": agreed}),
            today,
        )
        .expect("planned step");
    }

    drop(j);
    if let Some(keep) = std::env::var_os(KEEP_ENV).filter(|d| !d.is_empty()) {
        let to = std::path::Path::new(&keep).join(format!("synthetic-{years}y.db"));
        std::fs::create_dir_all(&keep).expect("the folder to keep journals in");
        std::fs::copy(&path, &to).expect("copy of the journal");
    }
    let journal = Journal::open(&path).expect("reopen");
    let stats = count(&journal, years, first_day, taper.crossover, started);
    Synthetic {
        journal,
        today,
        stats,
        _dir: dir,
    }
}

fn drug_name(d: Drug) -> &'static str {
    match d {
        Drug::Clonazepam => "clonazepam",
        Drug::Diazepam => "diazepam",
    }
}

fn medication_id(j: &Journal, generic: &str) -> i64 {
    j.medications()
        .expect("medications")
        .iter()
        .find(|m| m.generic == generic)
        .map(|m| m.id)
        .expect("the medication just added")
}

/// One day's check-in form as the page would send it. `usual`: the person's symptoms with
/// how often each comes up.
fn check_in(
    rng: &mut Rng,
    day: NaiveDate,
    load: f64,
    drift: f64,
    red_flag: bool,
    usual: &[(&str, f64)],
    doses: &BTreeMap<i64, u32>,
) -> Value {
    let quarter_hours = rating(
        4.0 * (7.0 - 0.35 * load - 0.3 * drift + rng.noise(0.6)),
        96.0,
    );
    let mut input = json!({
        "date": iso(day),
        "anxiety": rating(3.0 + load + 1.5 * drift + rng.noise(0.8), 10.0),
        "mood": rating(6.0 - 0.6 * load - drift + rng.noise(0.8), 10.0),
        "sleep_hours": format!("{}", quarter_hours as f64 / 4.0),
        "sleep_quality": rating(6.0 - 0.7 * load - 0.5 * drift + rng.noise(1.0), 10.0),
    });

    // 3–8 of the usual symptoms, more and worse in the weeks after a reduction.
    let n = (3.5 + 0.8 * load + rng.noise(1.2)).round().clamp(3.0, 8.0) as usize;
    let mut pool: Vec<usize> = (0..usual.len()).collect();
    let mut symptoms = Map::new();
    for _ in 0..n {
        let total: f64 = pool.iter().map(|&i| usual[i].1).sum();
        let mut pick = rng.unit() * total;
        let at = pool
            .iter()
            .position(|&i| {
                pick -= usual[i].1;
                pick < 0.0
            })
            .unwrap_or(pool.len() - 1);
        let i = pool.remove(at);
        let severity = rating(1.0 + 0.35 * load + rng.noise(0.6), 3.0).max(1);
        symptoms.insert(usual[i].0.to_string(), json!(severity));
    }
    input["symptoms"] = Value::Object(symptoms);
    if rng.chance(0.06) {
        let name = OWN_SYMPTOMS[rng.between(0, 3) as usize];
        input["own_symptoms"] = json!({ name: rng.between(1, 2) });
    }
    if red_flag {
        input["red_flags"] = json!(["confusion"]);
    }

    let mut taken = Map::new();
    for (id, dose) in doses.iter().filter(|(_, d)| **d > 0) {
        let dose = if rng.chance(0.02) {
            round_ug(f64::from(*dose) * [0.5, 0.75, 1.25][rng.between(0, 2) as usize])
        } else {
            *dose
        };
        taken.insert(id.to_string(), json!(mg(dose)));
    }
    input["doses_taken"] = Value::Object(taken);

    if rng.chance(0.015) {
        input["alcohol_drinks"] = json!(rng.between(1, 3));
    }
    let practices: Vec<&str> = [
        ("exercise", 0.35),
        ("relaxation", 0.25),
        ("cbt", 0.05),
        ("dbt_skill", 0.03),
    ]
    .into_iter()
    .filter(|(_, p)| rng.chance(*p))
    .map(|(k, _)| k)
    .collect();
    input["practices"] = json!(practices);
    if rng.chance(0.12) {
        input["note"] = json!(NOTES[rng.between(0, NOTES.len() as i64 - 1) as usize]);
    }
    input
}

/// Counts what was written, from the database itself.
fn count(
    j: &Journal,
    years: u32,
    first_day: NaiveDate,
    crossover: NaiveDate,
    started: Instant,
) -> Stats {
    let n = |sql: &str| -> i64 {
        j.connection()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    };
    let steps = j.dose_steps().expect("steps");
    let holds = steps
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            steps[..*i]
                .iter()
                .rfind(|p| p.medication_id == s.medication_id)
                .is_some_and(|p| p.dose == s.dose)
        })
        .count() as i64;
    let last = steps.last().expect("a step");
    let generic = j
        .medication(last.medication_id)
        .expect("medication")
        .generic;
    Stats {
        years,
        first_day,
        days: (today() - first_day).num_days() + 1,
        check_ins: n("SELECT count(*) FROM check_in"),
        dose_steps: n("SELECT count(*) FROM dose_step"),
        holds,
        last_dose: format!("{generic} {}", last.dose.mg_text()),
        planned_steps: n("SELECT count(*) FROM planned_step"),
        symptom_rows: n("SELECT count(*) FROM check_in_symptom"),
        own_symptom_rows: n("SELECT count(*) FROM check_in_symptom WHERE builtin = 0"),
        dose_taken_rows: n("SELECT count(*) FROM check_in_dose"),
        questionnaires: n("SELECT count(*) FROM questionnaire"),
        visits: n("SELECT count(*) FROM visit"),
        red_flag_days: n(
            "SELECT count(*) FROM check_in WHERE seizure + hallucinations + confusion + self_harm_thoughts > 0",
        ),
        crossover,
        file_bytes: std::fs::metadata(j.path()).map_or(0, |m| m.len()),
        generation_ms: started.elapsed().as_millis(),
    }
}
