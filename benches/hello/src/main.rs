//! A Tauri hello world: a window whose page, once loaded, says it is ready; with
//! `TAPER_JOURNAL_EXIT_WHEN_READY` set it then quits, as the app does for the same measurement.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static STARTED: OnceLock<(Instant, f64)> = OnceLock::new();

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// With `TAPER_JOURNAL_START_TRACE` set, prints the page's moments as the app does.
#[tauri::command]
fn page_ready(app: tauri::AppHandle, marks: Option<Vec<(String, f64)>>) {
    let (at, epoch) = *STARTED.get_or_init(|| (Instant::now(), epoch_ms()));
    if std::env::var_os("TAPER_JOURNAL_START_TRACE").is_some() {
        for (what, ms) in marks.unwrap_or_default() {
            eprintln!(
                "tauri-hello: start trace {:7.1} ms page: {what}",
                ms - epoch
            );
        }
        eprintln!(
            "tauri-hello: start trace {:7.1} ms ready",
            at.elapsed().as_secs_f64() * 1000.0
        );
    }
    let ms = at.elapsed().as_millis();
    eprintln!("tauri-hello: interactive {ms} ms after start");
    if std::env::var_os("TAPER_JOURNAL_EXIT_WHEN_READY").is_some() {
        app.exit(0);
    }
}

fn main() {
    STARTED.get_or_init(|| (Instant::now(), epoch_ms()));
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![page_ready])
        .run(tauri::generate_context!())
        .expect("the hello world runs");
}
