//! Crash safety: a writer process saving check-ins through the app's own store is killed
//! (SIGKILL) at random moments, again and again. After every kill the journal opens with
//! `Journal::open`, passes SQLite's integrity and foreign-key checks, holds every check-in
//! the writer acknowledged (across all kills) exactly as written, and holds nothing
//! half-written: beyond the acknowledged days there is at most the one check-in in flight,
//! and only whole.
//!
//! A killed process leaves the kernel's page cache behind, so this proves that every save
//! is one transaction and is acknowledged only once committed; it does not simulate power
//! loss (that rests on WAL with `synchronous = FULL`, set in `store::configure`).
//!
//! The kill times come from a seeded generator; the seed is printed first. Replay a run's
//! timings with `TAPER_CRASH_SEED=<seed>` (the scheduler still varies where each kill
//! lands), and run longer with `TAPER_CRASH_CYCLES=<n>`:
//!
//!     TAPER_CRASH_CYCLES=2000 cargo test --test crash -- --nocapture
#![cfg(unix)]

use chrono::{Duration as Days, NaiveDate};
use serde_json::{json, Map, Value};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use taper_journal::api;
use taper_journal::journal::{parse_input, CheckIn, CheckInInput};
use taper_journal::store::{Journal, JOURNAL_FILE_NAME};

/// Set (to the journal's path) only in the writer process the crash test starts.
const WRITER_ENV: &str = "TAPER_CRASH_WRITER";
/// The writer's first day, as a day number (see `day`).
const FROM_ENV: &str = "TAPER_CRASH_FROM";
const SEED_ENV: &str = "TAPER_CRASH_SEED";
const CYCLES_ENV: &str = "TAPER_CRASH_CYCLES";
/// The writer "test", run alone in the re-executed test binary.
const WRITER_TEST: &str = "writer_child_process";
/// 30–45 s on the 2-core development machine while another build runs (debug build,
/// journal on disk); each check after a kill reads the whole journal, so time grows faster
/// than the cycles (300 took 55–60 s there).
const DEFAULT_CYCLES: u32 = 250;
/// What SIGKILL is on every Unix.
const SIGKILL: i32 = 9;
/// The writer starts in well under a second; this only stops a stuck run.
const FIRST_ACK_TIMEOUT: Duration = Duration::from_secs(30);

/// The first day the app accepts: the writer's day 0.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
}

/// The last day the app accepts, taken as today so that every written day is in the past.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap()
}

/// Day `n` of the run: every save is a new day, so each one adds a check-in.
fn day(n: u32) -> NaiveDate {
    first_day() + Days::days(n.into())
}

fn day_number(date: NaiveDate) -> u32 {
    u32::try_from((date - first_day()).num_days()).expect("a day of the run")
}

/// The days the calendar holds from day 0 to today.
fn days_available() -> u32 {
    day_number(today()) + 1
}

const BUILTIN_SYMPTOMS: [&str; 18] = [
    "anxiety_panic",
    "irritability",
    "insomnia",
    "nightmares",
    "muscle_tension",
    "tremor",
    "headache",
    "nausea_gi",
    "palpitations",
    "sweating",
    "dizziness",
    "tinnitus",
    "paresthesia",
    "sensory_sensitivity",
    "cognitive_fog",
    "depersonalisation",
    "low_mood",
    "fatigue",
];

/// Day `n`'s check-in as the page sends it: every field varies with `n`, most days rate a
/// dozen symptoms, and notes run from none to near the limit, so one save writes several
/// rows in several tables and several pages.
fn entry(n: u32) -> Value {
    let symptoms: Map<String, Value> = BUILTIN_SYMPTOMS
        .iter()
        .enumerate()
        .map(|(i, key)| (key.to_string(), json!((n as usize + i * i) % 4)))
        .collect();
    let red_flags: Vec<&str> = match n % 29 {
        0 => vec!["seizure", "self_harm_thoughts"],
        13 => vec!["confusion"],
        _ => vec![],
    };
    let practices: Vec<&str> = ["cbt", "dbt_skill", "exercise", "relaxation"]
        .into_iter()
        .enumerate()
        .filter(|(i, _)| (n >> i) & 1 == 1)
        .map(|(_, p)| p)
        .collect();
    // Now and then a note near the 2,000-character limit.
    let phrases = if n % 50 == 7 { 45 } else { n % 12 };
    let note = if n.is_multiple_of(9) {
        Value::Null
    } else {
        json!(format!(
            "Day {n}: {}",
            "walked by the river, Ünïcödé 😊 \"quotes\"; ".repeat(phrases as usize)
        ))
    };
    let cannabis = n.is_multiple_of(5);
    json!({
        "date": day(n).to_string(),
        "anxiety": n % 11,
        "mood": (n * 3) % 11,
        "sleep_hours": format!("{}", f64::from(16 + n % 25) / 4.0),
        "sleep_quality": (n * 7) % 11,
        "symptoms": symptoms,
        "own_symptoms": {"Jaw clenching": n % 4, "Ear pressure (left)": (n / 3) % 4},
        "red_flags": red_flags,
        "doses_taken": {"1": format!("{}.{:03}", (500 + n % 1500) / 1000, (500 + n % 1500) % 1000)},
        "alcohol_drinks": n % 4,
        "opioids": n.is_multiple_of(17),
        "cannabis": cannabis,
        "other_sedatives": n.is_multiple_of(23),
        "substance_note": if cannabis { json!("half a gummy, evening") } else { Value::Null },
        "practices": practices,
        "practice_note": if n % 6 == 1 { json!(format!("box breathing x{}", n % 7)) } else { Value::Null },
        "note": note,
    })
}

/// Day `n`'s check-in as the store must hold it: the same input through the same
/// validation the save uses.
fn expected(n: u32) -> CheckIn {
    parse_input::<CheckInInput>(entry(n))
        .and_then(|input| input.validate(today()))
        .unwrap_or_else(|e| panic!("day {n}'s test check-in is not valid: {e:?}"))
}

/// Not a test of its own: the crash test re-runs this binary with only this function and
/// `TAPER_CRASH_WRITER` set, and that process saves check-ins, one day after another, until
/// it is killed. In a normal run the variable is unset and this returns at once.
#[test]
fn writer_child_process() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let from: u32 = std::env::var(FROM_ENV)
        .expect("the first day to write")
        .parse()
        .expect("the first day as a number");
    let mut journal = Journal::open(Path::new(&path)).expect("the journal opens");
    // The writer runs with the app's pragmas, not a test's: WAL, synchronous = FULL (2).
    let conn = journal.connection();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let synchronous: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), synchronous), ("wal", 2));
    // Written straight to the pipe (not through the test harness's capture), one line per
    // save that returned Ok, flushed before the next save begins.
    let mut out = std::io::stdout().lock();
    for n in from..days_available() {
        if let Err(e) = api::save_check_in(&mut journal, entry(n), today()) {
            panic!("saving day {n} failed: {e:?}");
        }
        writeln!(out, "ack {}", day(n))
            .and_then(|()| out.flush())
            .expect("the crash test is listening");
    }
}

/// xorshift64*: enough to spread kill times, and the same for the same seed everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Zero is xorshift's one fixed point.
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number from 0 to `max` inclusive.
    fn up_to(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }
}

/// When a cycle's kill comes.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// This long after the writer was started, acknowledged or not: some land while it
    /// starts or opens the journal, some in its first save.
    AfterStart(Duration),
    /// This long after its first acknowledgement: anywhere in a later save.
    AfterFirstAck(Duration),
}

impl KillAt {
    fn choose(rng: &mut Rng) -> KillAt {
        if rng.up_to(3) == 0 {
            KillAt::AfterStart(Duration::from_micros(rng.up_to(25_000)))
        } else {
            KillAt::AfterFirstAck(Duration::from_micros(rng.up_to(40_000)))
        }
    }
}

/// Ends a writer that did not behave, and says what it wrote to stderr.
fn fail(mut child: Child, stderr: &Path, context: &str, what: &str) -> ! {
    let _ = child.kill();
    let status = child.wait();
    let output = std::fs::read_to_string(stderr).unwrap_or_default();
    panic!("{context}: {what} (status {status:?}); the writer's stderr:\n{output}");
}

/// Starts a writer at day `from`, kills it at `kill_at`, and returns the days it
/// acknowledged, in order.
fn run_and_kill(journal: &Path, from: u32, kill_at: KillAt, context: &str) -> Vec<u32> {
    let stderr = journal.with_file_name("writer-stderr.txt");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", WRITER_TEST, "--nocapture", "--test-threads=1"])
        .env(WRITER_ENV, journal)
        .env(FROM_ENV, from.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (first_ack, first_ack_seen) = mpsc::channel();
    // The harness prints its own lines too, and "test writer_child_process ... " with no
    // line end before the test runs, so the first acknowledgement ends a line rather than
    // starting one. The reader ends when the killed writer's end of the pipe closes,
    // holding every line it flushed.
    let reader = thread::spawn(move || {
        let mut acks = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some((_, date)) = line.rsplit_once("ack ") {
                let date: NaiveDate = date.parse().expect("an acknowledged date");
                acks.push(day_number(date));
                let _ = first_ack.send(());
            }
        }
        acks
    });
    let wait = match kill_at {
        KillAt::AfterStart(wait) => wait,
        KillAt::AfterFirstAck(wait) => {
            if first_ack_seen.recv_timeout(FIRST_ACK_TIMEOUT).is_err() {
                fail(child, &stderr, context, "no check-in was acknowledged");
            }
            wait
        }
    };
    thread::sleep(wait);
    child.kill().unwrap();
    let status = child.wait().unwrap();
    if status.signal() != Some(SIGKILL) {
        fail(
            child,
            &stderr,
            context,
            "the writer stopped before it was killed",
        );
    }
    reader.join().unwrap()
}

/// Opens the journal as the app does after a kill and checks it: intact, every day before
/// `acknowledged` whole and exact, and past them at most the day in flight, whole. Returns
/// whether that day in flight was there (committed, killed before acknowledging).
fn check_after_kill(path: &Path, acknowledged: u32, expect: &[CheckIn], context: &str) -> bool {
    let journal = Journal::open(path)
        .unwrap_or_else(|e| panic!("{context}: the journal does not open after the kill: {e}"));
    let conn = journal.connection();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(integrity, ["ok"], "{context}: integrity check");
    let dangling = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    assert_eq!(dangling, 0, "{context}: rows whose check-in is missing");

    let stored = journal.check_ins().unwrap();
    let acknowledged = acknowledged as usize;
    for (n, want) in expect[..acknowledged].iter().enumerate() {
        assert_eq!(
            stored.get(n),
            Some(want),
            "{context}: the acknowledged check-in for {} is not there as written",
            want.date
        );
    }
    match &stored[acknowledged.min(stored.len())..] {
        [] => false,
        [c] if c.date == expect[acknowledged].date => {
            assert_eq!(
                c, &expect[acknowledged],
                "{context}: the check-in in flight is there, but not whole"
            );
            true
        }
        extra => panic!(
            "{context}: check-ins beyond the acknowledged ones and the one in flight ({}): {:?}",
            expect[acknowledged].date,
            extra.iter().map(|c| c.date).collect::<Vec<_>>()
        ),
    }
}

/// One line to stderr (shown with `--nocapture`) in one write, so the harness's lines
/// about the other test in this binary do not land in the middle of it.
fn say(line: String) {
    eprint!("{}", line + "\n");
}

#[test]
fn killed_writers_leave_every_acknowledged_check_in_whole() {
    let seed = match std::env::var(SEED_ENV) {
        Ok(s) => s.parse().expect("TAPER_CRASH_SEED is a whole number"),
        Err(_) => {
            let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            since_epoch.as_nanos() as u64 ^ u64::from(std::process::id())
        }
    };
    let cycles: u32 = match std::env::var(CYCLES_ENV) {
        Ok(s) => s.parse().expect("TAPER_CRASH_CYCLES is a whole number"),
        Err(_) => DEFAULT_CYCLES,
    };
    say(format!(
        "crash test: {cycles} kill cycles, seed {seed} (replay with {SEED_ENV}={seed})"
    ));
    let started = Instant::now();
    let mut rng = Rng::new(seed);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JOURNAL_FILE_NAME);
    {
        let mut journal = Journal::open(&path).unwrap();
        api::complete_setup(
            &mut journal,
            json!({"medication": {"generic": "clonazepam"}, "dose_mg": "2", "since": first_day().to_string()}),
            today(),
        )
        .unwrap();
    }

    let mut expect: Vec<CheckIn> = Vec::new();
    let mut acknowledged = 0;
    let (mut before_first_ack, mut in_flight_found, mut verified) = (0, 0, 0u64);
    for cycle in 1..=cycles {
        let kill_at = KillAt::choose(&mut rng);
        let context = format!("cycle {cycle} of {cycles} (seed {seed}, kill {kill_at:?})");
        let acks = run_and_kill(&path, acknowledged, kill_at, &context);
        if acks.is_empty() {
            before_first_ack += 1;
        }
        for n in acks {
            assert_eq!(n, acknowledged, "{context}: acknowledgements out of order");
            acknowledged += 1;
        }
        assert!(
            acknowledged < days_available(),
            "{context}: the calendar ran out; run fewer cycles"
        );
        while expect.len() <= acknowledged as usize {
            expect.push(expected(expect.len() as u32));
        }
        if check_after_kill(&path, acknowledged, &expect, &context) {
            in_flight_found += 1;
        }
        verified += u64::from(acknowledged);
    }
    say(format!(
        "crash test: {cycles} kills in {:.1} s (seed {seed}): {acknowledged} acknowledged \
         check-ins, all read back whole after every kill ({verified} comparisons); \
         {before_first_ack} kills came before the first acknowledgement; the check-in in \
         flight was found whole {in_flight_found} times and absent {} times, never partial",
        started.elapsed().as_secs_f64(),
        cycles - in_flight_found
    ));
    assert!(acknowledged > 0, "no check-in was ever acknowledged");
}
