//! Where a start's time goes, on one clock: marks from Rust and from the page, in
//! milliseconds since the process started, printed once the first screen is interactive
//! when `TAPER_JOURNAL_START_TRACE` is set (`scripts/measure-startup.sh ... trace`).
//! Without it, a mark costs one check of a flag.

use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Set to print the start-up timeline.
pub const TRACE_ENV: &str = "TAPER_JOURNAL_START_TRACE";

struct Origin {
    at: Instant,
    /// The same moment on the wall clock, which the page's marks are given in.
    epoch_ms: f64,
}

static ORIGIN: OnceLock<Origin> = OnceLock::new();
static MARKS: Mutex<Vec<(String, f64)>> = Mutex::new(Vec::new());

fn origin() -> &'static Origin {
    ORIGIN.get_or_init(|| Origin {
        at: Instant::now(),
        epoch_ms: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    })
}

fn tracing() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(TRACE_ENV).is_some())
}

/// When the process started (the first call, at the top of `run`).
pub fn started() -> Instant {
    origin().at
}

fn keep(what: String, ms: f64) {
    if let Ok(mut marks) = MARKS.lock() {
        marks.push((what, ms));
    }
}

/// Marks a moment of the start in Rust.
pub fn mark(what: &str) {
    if tracing() {
        keep(
            what.to_string(),
            origin().at.elapsed().as_secs_f64() * 1000.0,
        );
    }
}

/// The page's marks as it sent them (`[["what", ms], …]`); any other shape is left out.
pub fn page_marks(sent: &serde_json::Value) -> Vec<(String, f64)> {
    let Some(list) = sent.as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|m| Some((m.get(0)?.as_str()?.to_string(), m.get(1)?.as_f64()?)))
        .filter(|(_, ms)| ms.is_finite())
        .collect()
}

/// The page's marks (wall-clock milliseconds, `performance.timeOrigin + now()`), and the
/// timeline printed in time order.
pub fn finish(page: Vec<(String, f64)>) {
    if !tracing() {
        return;
    }
    mark("ready (the page said so)");
    for (what, epoch_ms) in page {
        keep(format!("page: {what}"), epoch_ms - origin().epoch_ms);
    }
    let Ok(mut marks) = MARKS.lock() else { return };
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    // Printed once: a page loaded again starts a timeline of its own.
    for (what, ms) in marks.drain(..) {
        eprintln!("taper-journal: start trace {ms:7.1} ms {what}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_pages_marks_are_read_leniently() {
        let sent = json!([
            ["app.js running", 12.5],
            ["no time", null],
            [3, 4.0],
            "x",
            ["ok", 1]
        ]);
        assert_eq!(
            page_marks(&sent),
            vec![
                ("app.js running".to_string(), 12.5),
                ("ok".to_string(), 1.0)
            ]
        );
        assert!(page_marks(&json!({"a": 1})).is_empty());
    }
}
