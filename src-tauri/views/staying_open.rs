//! Staying open for reminders, in words: the tray icon's menu, the Settings card, and what
//! the first close to the tray says. Reminders come only while the app runs, so a person
//! may keep it in the tray and start it at login; both are off until chosen.

use serde::Serialize;

/// The tray icon's tooltip and menu.
pub const TRAY_TOOLTIP: &str = "Taper Journal";
pub const MENU_OPEN: &str = "Open Taper Journal";
pub const MENU_CHECK_IN: &str = "Check in now";
pub const MENU_SNOOZE: &str = "Remind me in an hour";
pub const MENU_QUIT: &str = "Quit Taper Journal";
/// A notification's buttons (where the notification service offers them).
pub const ACTION_OPEN: &str = "Open";
pub const ACTION_SNOOZE: &str = MENU_SNOOZE;

/// The Settings card "Staying open".
#[derive(Debug, Serialize, PartialEq)]
pub struct StayingOpenView {
    pub keep_in_tray: bool,
    pub start_at_login: bool,
    /// Whether this desktop shows tray icons (without one, closing the window quits).
    pub tray_found: bool,
    /// What closing the window does now, in words.
    pub note: String,
    /// Why the login setting could not be read, if it could not.
    pub problem: Option<String>,
}

pub fn staying_open_view(
    keep_in_tray: bool,
    start_at_login: Result<bool, String>,
    tray_found: bool,
) -> StayingOpenView {
    let note = match (tray_found, keep_in_tray) {
        (false, _) => "No tray was found on this desktop, so closing the window quits Taper Journal and reminders stop until you open it again. (On GNOME, the AppIndicator extension adds a tray.)".to_string(),
        (true, false) => "Closing the window quits Taper Journal; reminders stop until you open it again.".to_string(),
        (true, true) => format!("Closing the window leaves Taper Journal in the tray. Its icon’s menu has “{MENU_OPEN}”, “{MENU_CHECK_IN}”, “{MENU_SNOOZE}” and “{MENU_QUIT}”."),
    };
    let (start_at_login, problem) = match start_at_login {
        Ok(on) => (on, None),
        Err(e) => (
            false,
            Some(format!(
                "Whether Taper Journal starts at login could not be read: {e}"
            )),
        ),
    };
    StayingOpenView {
        keep_in_tray,
        start_at_login,
        tray_found,
        note,
        problem,
    }
}

/// What the first close to the tray says, in a dialog in the window, before it goes.
#[derive(Debug, Serialize, PartialEq)]
pub struct CloseToTray {
    pub heading: &'static str,
    pub text: &'static str,
    pub close_label: &'static str,
    pub quit_label: &'static str,
    pub stay_label: &'static str,
}

pub const CLOSE_TO_TRAY: CloseToTray = CloseToTray {
    heading: "Taper Journal keeps running in the tray",
    text: "Closing the window leaves Taper Journal running, so that reminders can come. Its icon is in the tray, at the top or bottom of the screen: open the journal or quit from there. You can change this in Settings.",
    close_label: "Close the window",
    quit_label: "Quit Taper Journal",
    stay_label: "Keep the window open",
};

/// "Start at login" could not be changed.
pub fn login_not_set(e: &str) -> String {
    format!("Start at login could not be changed: {e}. Nothing else was changed.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_is_said_as_it_is() {
        let no_tray = staying_open_view(true, Ok(false), false);
        assert!(no_tray.note.starts_with("No tray was found"));
        assert!(staying_open_view(false, Ok(false), true)
            .note
            .starts_with("Closing the window quits"));
        let kept = staying_open_view(true, Ok(true), true);
        assert!(kept.note.contains(MENU_SNOOZE));
        assert!(kept.start_at_login && kept.problem.is_none());
    }

    #[test]
    fn an_unreadable_login_setting_is_said_and_shown_off() {
        let v = staying_open_view(false, Err("no home folder".into()), true);
        assert!(!v.start_at_login);
        assert_eq!(
            v.problem.as_deref(),
            Some("Whether Taper Journal starts at login could not be read: no home folder")
        );
    }
}
