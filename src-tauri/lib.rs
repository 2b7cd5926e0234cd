//! Taper Journal: a private journal for a benzodiazepine taper.
//!
//! `journal` (domain types, validation), `store` (SQLite), `taper` (pure arithmetic),
//! `views` (what each screen shows) and `api` (the operations the page asks for) know
//! nothing of Tauri and are tested directly; `commands` and `run` are the thin desktop
//! shell around them. `chart` draws SVG charts from plain data, knowing none of the others.

pub mod api;
pub mod chart;
#[cfg(feature = "desktop")]
pub mod commands;
pub mod export;
pub mod files;
pub mod journal;
pub mod store;
pub mod taper;
pub mod views;

#[cfg(feature = "desktop")]
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;
#[cfg(feature = "desktop")]
use tauri::Manager;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// When the process started (first call of `run`), for the start-up time.
pub fn started() -> Instant {
    *STARTED.get_or_init(Instant::now)
}

/// Where the journal lives: `TAPER_JOURNAL_DB` if set, else the per-user app data folder.
#[cfg(feature = "desktop")]
fn journal_path(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os(store::JOURNAL_PATH_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    app.path()
        .app_data_dir()
        .map(|d| d.join(store::JOURNAL_FILE_NAME))
        .map_err(|e| format!("The app data folder could not be found: {e}"))
}

/// Starts the desktop app.
#[cfg(feature = "desktop")]
pub fn run() {
    started();
    let result = tauri::Builder::default()
        .setup(|app| {
            let journal = journal_path(app).and_then(|path| {
                store::Journal::open(&path).map_err(|e| format!("{e} ({})", path.display()))
            });
            app.manage(commands::AppState::new(journal));
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Taper Journal could not start: {e}");
        std::process::exit(1);
    }
}
