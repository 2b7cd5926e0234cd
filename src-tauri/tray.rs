//! The tray icon and the window's close: what keeps Taper Journal running between
//! reminders. The icon's menu opens the window, opens Today, snoozes or quits. Closing the
//! window leaves the app in the tray only when the person chose so in Settings and this
//! desktop shows tray icons; otherwise it quits as before, so that nobody is left with an
//! app running that they cannot see. The first close to the tray asks, in the window,
//! before it goes.

use crate::notifier::{self, ReminderState};
use crate::views::staying_open::{
    CLOSE_TO_TRAY, MENU_CHECK_IN, MENU_OPEN, MENU_QUIT, MENU_SNOOZE, TRAY_TOOLTIP,
};
use crate::window;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, CloseRequestApi, Manager, Window};

/// The argument the login item starts the app with: into the tray, no window.
pub const IN_TRAY_ARG: &str = "--in-tray";

/// What the shell knows of the tray.
#[derive(Default)]
pub struct Tray {
    /// Making the icon has begun: it is made once.
    begun: AtomicBool,
    /// The icon was made (on Linux the AppIndicator library loaded).
    made: AtomicBool,
    /// A close was asked about in the window and not yet answered: a second close goes.
    asked: AtomicBool,
}

impl Tray {
    /// Whether the icon is there to be seen: made, and (on Linux) a tray on the desktop
    /// that shows it.
    pub fn found(&self) -> bool {
        self.made.load(Ordering::SeqCst) && desktop_has_tray()
    }
}

/// How long a start waits for the page to say its first screen is shown before it makes
/// the icon anyway.
const AT_THE_LATEST: Duration = Duration::from_secs(3);

/// How long after the page says its first screen is built the icon is made: time for that
/// screen to reach the window first (the window's frames are shown on the main thread too).
const AFTER_THE_FIRST_SCREEN: Duration = Duration::from_millis(500);

/// Makes the icon off the path to the first screen: making it holds the main thread for
/// about 10 ms, which the page's loading waited for. Now when the app starts into the tray
/// (the icon is all there is); otherwise just after the page says its first screen is
/// built (`first_screen_built`), or after a few seconds if it never does.
pub fn make_when_needed<S: ReminderState>(app: &AppHandle) {
    if std::env::args().any(|a| a == IN_TRAY_ARG) {
        make::<S>(app);
        return;
    }
    make_later::<S>(app, AT_THE_LATEST);
}

/// The page's first screen is built: the icon follows it shortly.
pub fn first_screen_built<S: ReminderState>(app: &AppHandle) {
    make_later::<S>(app, AFTER_THE_FIRST_SCREEN);
}

/// Makes the icon on the main thread after `wait`, from a thread of its own: asked from the
/// main thread itself, `run_on_main_thread` would make it at once.
fn make_later<S: ReminderState>(app: &AppHandle, wait: Duration) {
    let app = app.clone();
    let waiting = std::thread::Builder::new()
        .name("tray".into())
        .spawn(move || {
            std::thread::sleep(wait);
            let handle = app.clone();
            if let Err(e) = app.run_on_main_thread(move || make::<S>(&handle)) {
                eprintln!("taper-journal: no tray icon: {e}");
            }
        });
    if let Err(e) = waiting {
        eprintln!("taper-journal: no tray icon: {e}");
    }
}

/// On Linux, tray icons are StatusNotifierItems: shown only when a tray (a "host") has
/// registered with the watcher on the session bus. GNOME has none unless an extension
/// adds one.
#[cfg(target_os = "linux")]
fn desktop_has_tray() -> bool {
    let found = || -> zbus::Result<bool> {
        let bus = zbus::blocking::Connection::session()?;
        let watcher = zbus::blocking::Proxy::new(
            &bus,
            "org.kde.StatusNotifierWatcher",
            "/StatusNotifierWatcher",
            "org.kde.StatusNotifierWatcher",
        )?;
        watcher.get_property("IsStatusNotifierHostRegistered")
    };
    found().unwrap_or(false)
}

/// Windows' notification area and macOS's menu bar are always there.
#[cfg(not(target_os = "linux"))]
fn desktop_has_tray() -> bool {
    true
}

/// Makes the tray icon, once; says in the log if it cannot be.
fn make<S: ReminderState>(app: &AppHandle) {
    let tray = app.state::<Tray>();
    if tray.begun.swap(true, Ordering::SeqCst) {
        return;
    }
    // On Linux the AppIndicator library is loaded when first used, and its absence is a
    // panic in the tray crate: caught here, so that the journal still opens.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build::<S>(app)));
    let made = match built {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            eprintln!("taper-journal: no tray icon: {e}");
            false
        }
        Err(_) => {
            eprintln!("taper-journal: no tray icon (the tray library could not be loaded)");
            false
        }
    };
    tray.made.store(made, Ordering::SeqCst);
    crate::start_trace::mark("tray made");
}

fn build<S: ReminderState>(app: &AppHandle) -> tauri::Result<()> {
    let item = |id: &str, label: &str| MenuItem::with_id(app, id, label, true, None::<&str>);
    let menu = Menu::with_items(
        app,
        &[
            &item("open", MENU_OPEN)?,
            &item("check_in", MENU_CHECK_IN)?,
            &item("snooze", MENU_SNOOZE)?,
            &PredefinedMenuItem::separator(app)?,
            &item("quit", MENU_QUIT)?,
        ],
    )?;
    let mut tray = TrayIconBuilder::with_id("taper-journal")
        .tooltip(TRAY_TOOLTIP)
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => window::show(app, None),
            "check_in" => window::show(app, Some("today")),
            "snooze" => notifier::snooze::<S>(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// The window's close button: quits, unless the person chose to keep the app in the tray
/// and there is a tray to keep it in. The first time, the window asks (the page's dialog
/// answers with `hide` or quits); a second close while it asks goes at once.
pub fn on_close_requested<S: ReminderState>(window: &Window, api: &CloseRequestApi) {
    let app = window.app_handle();
    let kept = app
        .state::<S>()
        .with_journal(|j| j.staying_open())
        .and_then(|r| r.ok());
    let Some((true, explained)) = kept else {
        return; // not chosen, or no journal open: the window closes and the app quits
    };
    let tray = app.state::<Tray>();
    if !tray.found() {
        return;
    }
    api.prevent_close();
    if explained || tray.asked.swap(true, Ordering::SeqCst) {
        hide::<S>(app);
        return;
    }
    match window::main_window(app) {
        Some(w) => window::call_page(&w, "taperCloseToTray", &CLOSE_TO_TRAY),
        None => hide::<S>(app),
    }
}

/// Hides the window into the tray, and remembers that the first close has been said.
pub fn hide<S: ReminderState>(app: &AppHandle) {
    app.state::<Tray>().asked.store(false, Ordering::SeqCst);
    if let Some(Err(e)) = app
        .state::<S>()
        .with_journal(|j| j.set_tray_close_explained())
    {
        eprintln!("taper-journal: could not note that the tray was explained: {e}");
    }
    if let Some(w) = window::main_window(app) {
        let _ = w.hide();
    }
}

/// The person answered the close dialog by keeping the window: a later close asks again.
pub fn not_closed(app: &AppHandle) {
    app.state::<Tray>().asked.store(false, Ordering::SeqCst);
}

/// Started from the login item (`--in-tray`): the window stays hidden, if there is a tray
/// to open it from and the journal opened (a locked or damaged journal needs the window,
/// and nothing can remind until it opens).
pub fn start_hidden_if_asked<S: ReminderState>(app: &tauri::App) {
    if !std::env::args().any(|a| a == IN_TRAY_ARG) {
        return;
    }
    let open = app.state::<S>().with_journal(|_| ()).is_some();
    if open && app.state::<Tray>().found() {
        if let Some(w) = window::main_window(app.handle()) {
            let _ = w.hide();
        }
    }
}

/// Whether the system starts Taper Journal at login (its own setting: an XDG autostart
/// entry on Linux, a launch agent on macOS, the Run key on Windows).
pub fn starts_at_login(app: &AppHandle) -> Result<bool, String> {
    use tauri_plugin_autostart::ManagerExt;
    app.autolaunch().is_enabled().map_err(|e| e.to_string())
}

/// Turns starting at login (into the tray) on or off.
pub fn set_start_at_login(app: &AppHandle, on: bool) -> Result<(), String> {
    use tauri_plugin_autostart::ManagerExt;
    let login = app.autolaunch();
    if on { login.enable() } else { login.disable() }.map_err(|e| e.to_string())
}
