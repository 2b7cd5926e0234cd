//! A Tauri hello world: a window whose page, once loaded, says it is ready; with
//! `TAPER_JOURNAL_EXIT_WHEN_READY` set it then quits, as the app does for the same measurement.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn page_ready(app: tauri::AppHandle) {
    let ms = STARTED.get().map_or(0, |s| s.elapsed().as_millis());
    eprintln!("tauri-hello: interactive {ms} ms after start");
    if std::env::var_os("TAPER_JOURNAL_EXIT_WHEN_READY").is_some() {
        app.exit(0);
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![page_ready])
        .run(tauri::generate_context!())
        .expect("the hello world runs");
}
