//! The main window, brought forward from outside the page: a second start, the tray's
//! menu, a notification's button. (The page itself is told through one global function,
//! `window.taperShow`, evaluated from Rust: the page needs no event permission.)

use tauri::{AppHandle, Manager, WebviewWindow};

/// The window's label in tauri.conf.json.
pub const MAIN: &str = "main";

pub fn main_window(app: &AppHandle) -> Option<WebviewWindow> {
    app.get_webview_window(MAIN)
}

/// Shows the window (hidden in the tray, minimised or behind others) and, if `screen` is
/// given ("today"), that screen, once the journal is open and set up.
pub fn show(app: &AppHandle, screen: Option<&str>) {
    let Some(w) = main_window(app) else { return };
    let _ = w.show();
    let _ = w.unminimize();
    let _ = w.set_focus();
    if let Some(screen) = screen {
        call_page(&w, "taperShow", &screen);
    }
}

/// Calls the page's global function `name` with `arg` (as JSON), if the page has it.
pub fn call_page(w: &WebviewWindow, name: &str, arg: &impl serde::Serialize) {
    let Ok(arg) = serde_json::to_string(arg) else {
        return;
    };
    if let Err(e) = w.eval(format!("window.{name} && window.{name}({arg});")) {
        eprintln!("taper-journal: the page could not be told ({name}): {e}");
    }
}
