//! The desktop shell: the Tauri window, the single-instance hand-over, and the session
//! opened at start. Built only with the `desktop` feature (the default); the library
//! without it has no Tauri at all (the fuzz targets build it so).

use crate::{commands, session, started, store};
use std::path::PathBuf;
use tauri::Manager;

/// Where the journal lives: `TAPER_JOURNAL_DB` if set (a folder that must exist), else the
/// per-user app data folder, made on the first start only (`store::folder`).
fn journal_path(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os(store::JOURNAL_PATH_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| format!("The app data folder could not be found: {e}"))?;
    // Beside the app's own folders, not in them: on macOS and Windows the config folder
    // is the data folder, and a marker inside would vanish with the journal's folder.
    let made = app
        .path()
        .config_dir()
        .map_err(|e| format!("The settings folder could not be found: {e}"))?
        .join(format!("{}.journal-folder-made", app.config().identifier));
    // A failure here is said by the start screen (the folder cannot be written, or gone).
    if let Err(e) = store::folder::make_on_first_start(&dir, &made) {
        eprintln!("taper-journal: the journal's folder could not be made: {e}");
    }
    Ok(dir.join(store::JOURNAL_FILE_NAME))
}

/// The id that makes a second start hand over to the first (on Linux, a D-Bus name). One
/// per journal: the usual journal has the app's own identifier; a journal elsewhere
/// (`TAPER_JOURNAL_DB`, as tests use) gets its own, so that separate journals can be open
/// side by side.
fn single_instance_id(identifier: &str) -> String {
    let Some(custom) = std::env::var_os(store::JOURNAL_PATH_ENV).filter(|p| !p.is_empty()) else {
        return identifier.to_string();
    };
    // Stable across runs and builds; hex only, as a D-Bus name's element allows.
    let id = crate::stable_id::bytes_uuid(&[b"journal/", custom.as_encoded_bytes()].concat());
    format!("{identifier}.j{}", id.replace('-', ""))
}

/// Brings the first window to the front when the app is started a second time (from the
/// tray too). The login item's start while the app runs changes nothing.
fn focus_main_window(app: &tauri::AppHandle, argv: &[String]) {
    if argv.iter().any(|a| a == crate::tray::IN_TRAY_ARG) {
        return;
    }
    eprintln!("taper-journal: started again; showing the open window instead");
    crate::window::show(app, None);
}

/// Opens the journal (or finds why it cannot be), holding the lock that keeps a second
/// copy of the app away from it.
fn start_session(app: &tauri::App) -> commands::AppState {
    let today = crate::clock::today();
    let path = match journal_path(app) {
        Ok(p) => p,
        Err(why) => return commands::AppState::new(session::Session::Unavailable(why), None, None),
    };
    // Off the path to the first screen: the journal starts while the window is made.
    commands::AppState::starting(move || {
        let started = session::Session::start_locked(path, today);
        crate::start_trace::mark("journal started (own thread)");
        started
    })
}

/// Starts the desktop app.
pub fn run() {
    started();
    let context = tauri::generate_context!();
    let id = single_instance_id(&context.config().identifier);
    // Linux only: the crash on exit this avoids is GTK's. On Windows and macOS the
    // single-instance plugin alone hands over (a named mutex and a window message on
    // Windows; on macOS the system itself keeps one copy of an app bundle running).
    #[cfg(target_os = "linux")]
    match crate::handover::to_open_window(&id) {
        crate::handover::Handover::Done => {
            eprintln!("taper-journal: already open; asked that window to come to the front");
            return;
        }
        crate::handover::Handover::NoAnswer => {
            eprintln!(
                "taper-journal: a window for this journal is open but not answering; not starting a second one"
            );
            std::process::exit(1);
        }
        crate::handover::Handover::NoneOpen => {}
    }
    let single = tauri_plugin_single_instance::Builder::new()
        .callback(|app, argv, _cwd| focus_main_window(app, &argv))
        .dbus_id(id);
    crate::start_trace::mark("handover checked");
    let result = tauri::Builder::default()
        // First, so that a second start hands over before it opens anything.
        .plugin(single.build())
        .setup(|app| {
            crate::start_trace::mark("setup (the window made)");
            let state = start_session(app);
            app.manage(state);
            app.manage(crate::tray::Tray::default());
            crate::tray::make_when_needed::<commands::AppState>(app.handle());
            crate::tray::start_hidden_if_asked::<commands::AppState>(app);
            crate::notifier::start::<commands::AppState>(app.handle().clone());
            crate::start_trace::mark("setup done");
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                crate::tray::on_close_requested::<commands::AppState>(window, api);
            }
        })
        .plugin(tauri_plugin_dialog::init())
        // "Start at login, in the tray": set from Settings through Rust (the page has no
        // permission for the plugin's own commands).
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(crate::tray::IN_TRAY_ARG)
                .build(),
        )
        .invoke_handler(commands::handler())
        .run(context);
    if let Err(e) = result {
        if e.to_string()
            .contains("forward arguments to the running instance")
        {
            start_again_once();
        }
        eprintln!("Taper Journal could not start: {e}");
        std::process::exit(1);
    }
}

/// Set on the one retry after a start that found the previous window still closing.
const RETRIED_ENV: &str = "TAPER_JOURNAL_RETRIED_START";

/// A start in the moment the previous window is closing finds it, asks it to come to the
/// front, and gets no answer. Once that window is gone, starting again is what the person
/// meant: wait a moment and start afresh (once).
fn start_again_once() {
    if std::env::var_os(RETRIED_ENV).is_some() {
        return;
    }
    std::thread::sleep(std::time::Duration::from_millis(800));
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut again = std::process::Command::new(exe);
    again
        .args(std::env::args_os().skip(1))
        .env(RETRIED_ENV, "1");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Same process, same window-system session: only returns if it failed.
        let _ = again.exec();
    }
    #[cfg(not(unix))]
    if let Ok(mut child) = again.spawn() {
        let code = child.wait().ok().and_then(|s| s.code()).unwrap_or(1);
        std::process::exit(code);
    }
}
