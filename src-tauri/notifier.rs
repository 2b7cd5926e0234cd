//! Shows reminders as system notifications while the app runs: a thread asks the rule
//! (reminders/rule.rs) what is due, shows it, records it, and sleeps until the rule's next
//! moment — at most a minute, so that a clock changed or a laptop woken from sleep is
//! noticed within a minute (a sleeping thread's timer does not count the time suspended).
//! A change in Settings wakes it at once. A notification that cannot be shown is kept as
//! the problem Settings shows; nothing is recorded as shown, so it is tried again.

use crate::store::Journal;
use crate::views::reminders::{notification_text, plan_at, NOT_READ, NOT_RECORDED};
#[cfg(all(unix, not(target_os = "macos")))]
use crate::views::staying_open::{ACTION_OPEN, ACTION_SNOOZE};
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use tauri::Manager;

/// The longest the thread sleeps between two looks.
pub const WAKE_AT_LEAST_EVERY: Duration = Duration::from_secs(60);

/// What the reminder thread needs of the app's state: the open journal, and the part it
/// shares with the commands. (The commands' AppState provides it, so this module needs
/// nothing of the commands.)
pub trait ReminderState: Send + Sync + 'static {
    /// Runs `f` on the open journal, if one is open.
    fn with_journal<T>(&self, f: impl FnOnce(&mut Journal) -> T) -> Option<T>;
    fn notifier(&self) -> &Notifier;
}

/// What the reminder thread shares with the commands.
#[derive(Default)]
pub struct Notifier {
    problem: Mutex<Option<String>>,
    woken: Mutex<bool>,
    wake: Condvar,
}

impl Notifier {
    /// Why the last reminder could not be shown, if it could not.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_problem(&self, problem: Option<String>) {
        *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = problem;
    }

    /// Asks the thread to look again now (the settings or the journal changed).
    pub fn wake(&self) {
        *self.woken.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.wake.notify_all();
    }

    fn sleep(&self, at_most: Duration) {
        let woken = self.woken.lock().unwrap_or_else(|p| p.into_inner());
        let (mut woken, _) = self
            .wake
            .wait_timeout_while(woken, at_most, |w| !*w)
            .unwrap_or_else(|p| p.into_inner());
        *woken = false;
    }
}

/// How long "remind me in an hour" holds reminders back. Debug builds take
/// TAPER_TEST_SNOOZE_SECONDS instead, so that the end-to-end tests wait seconds.
pub fn snooze_length() -> chrono::Duration {
    #[cfg(debug_assertions)]
    if let Some(seconds) = std::env::var("TAPER_TEST_SNOOZE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return chrono::Duration::seconds(seconds);
    }
    crate::views::reminders::SNOOZE
}

/// "Remind me in an hour" from outside the page (the tray, a notification's button).
pub fn snooze<S: ReminderState>(app: &tauri::AppHandle) {
    let state = app.state::<S>();
    let until = crate::clock::now().to_utc() + snooze_length();
    match state.with_journal(|j| j.snooze_reminders(until)) {
        Some(Ok(())) => state.notifier().wake(),
        Some(Err(e)) => eprintln!("taper-journal: reminders could not be snoozed: {e}"),
        None => {}
    }
}

/// Shows one notification; the error in words if the system would not show it (the
/// system's own words go to the log). Where the notification service offers buttons
/// (Linux), it has "Remind me in an hour", and a click on it opens Today.
fn show<S: ReminderState>(app: &tauri::AppHandle, title: &str, text: &str) -> Result<(), String> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Taper Journal")
        .summary(title)
        .body(text);
    #[cfg(all(unix, not(target_os = "macos")))]
    notification
        .action("default", ACTION_OPEN)
        .action("snooze", ACTION_SNOOZE);
    let shown = notification.show().map_err(|e| {
        eprintln!("taper-journal: a reminder could not be shown: {e}");
        crate::views::reminders::NOT_SHOWN.to_string()
    })?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        // Waits on the notification's own connection (some services answer only there)
        // until it is clicked or closed; a few such waits a day at most.
        let app = app.clone();
        let waiting = std::thread::Builder::new()
            .name("reminder-buttons".into())
            .spawn(move || {
                shown.wait_for_action(|action| match action {
                    "snooze" => snooze::<S>(&app),
                    "default" => crate::window::show(&app, Some("today")),
                    _ => {}
                })
            });
        if let Err(e) = waiting {
            eprintln!("taper-journal: a reminder's buttons will not answer: {e}");
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let _ = (app, shown);
    Ok(())
}

/// One look: shows what is due, and returns how long to sleep.
fn look<S: ReminderState>(app: &tauri::AppHandle) -> Duration {
    let state = app.state::<S>();
    let notifier = state.notifier();
    let now = crate::clock::now();
    let (plan, settings) = match state.with_journal(|j| plan_at(j, &now)) {
        None => return WAKE_AT_LEAST_EVERY, // no journal open (start screen)
        Some(Err(e)) => {
            eprintln!("taper-journal: reminders could not read the journal: {e}");
            notifier.set_problem(Some(NOT_READ.to_string()));
            return WAKE_AT_LEAST_EVERY;
        }
        Some(Ok(found)) => found,
    };
    if !plan.due_now.is_empty() {
        let (title, text) = notification_text(&plan.due_now, settings.details);
        if let Err(problem) = show::<S>(app, title, &text) {
            notifier.set_problem(Some(problem));
            return WAKE_AT_LEAST_EVERY;
        }
        notifier.set_problem(None);
        let today = now.date_naive();
        match state.with_journal(|j| j.record_reminders_shown(&plan.due_now, today)) {
            Some(Ok(())) => return Duration::from_secs(1), // the next moment has moved
            Some(Err(e)) => {
                // Shown but not remembered: wait the longest, rather than show it again.
                eprintln!("taper-journal: a reminder was shown but could not be recorded: {e}");
                notifier.set_problem(Some(NOT_RECORDED.to_string()));
                return WAKE_AT_LEAST_EVERY;
            }
            None => return WAKE_AT_LEAST_EVERY,
        }
    }
    plan.next
        .and_then(|next| (next - now).to_std().ok())
        .map_or(WAKE_AT_LEAST_EVERY, |d| d.min(WAKE_AT_LEAST_EVERY))
        .max(Duration::from_millis(200))
}

/// Starts the reminder thread for the app's lifetime.
pub fn start<S: ReminderState>(app: tauri::AppHandle) {
    let started = std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || loop {
            // A panic in one look (a bug) must not end reminders without a word.
            let wait = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| look::<S>(&app)))
                .unwrap_or_else(|_| {
                    app.state::<S>()
                        .notifier()
                        .set_problem(Some(NOT_READ.to_string()));
                    WAKE_AT_LEAST_EVERY
                });
            app.state::<S>().notifier().sleep(wait);
        });
    if let Err(e) = started {
        eprintln!("taper-journal: reminders cannot run: {e}");
    }
}
