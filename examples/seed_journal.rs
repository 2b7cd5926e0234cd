//! Writes the benchmarks' synthetic journal (benches/support/synthetic.rs) to a file, for
//! measuring the real app on it: `cargo run --release --example seed_journal -- 10 PATH`
//! (years, then the journal file to write; it must not exist yet).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let years: u32 = args
        .next()
        .and_then(|y| y.parse().ok())
        .expect("usage: seed_journal YEARS PATH");
    let path = std::path::PathBuf::from(args.next().expect("usage: seed_journal YEARS PATH"));
    assert!(!path.exists(), "{} exists already", path.display());
    let s = synthetic::generate(years);
    s.journal.copy_to(&path).expect("the journal written");
    eprintln!("{} (as of {}) -> {}", s.stats, s.today, path.display());
}
