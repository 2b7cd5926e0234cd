//! Linux: a second start hands over to the open window *before* it starts any window-system
//! code. The single-instance plugin does the same from inside Tauri's setup, but it then
//! has to `exit()` a process that has GTK, WebKit and the accessibility bus running, and on
//! a loaded machine that exit was seen to crash (SIGSEGV) now and then. Asking here first
//! leaves the plugin only the rare case of two starts at the same moment.
//!
//! The name and object path are the plugin's own (`<id>.SingleInstance`, the same with `/`),
//! so this asks exactly the window the plugin registered.

use std::time::Duration;

/// How long a second start waits for the open window to answer. A window that does not
/// answer in this time is stuck; the plugin would wait for it for ever.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// What became of asking an open window to come to the front.
#[derive(Debug, PartialEq)]
pub enum Handover {
    /// A window for this journal answered: this start should end.
    Done,
    /// No window for this journal (or no session bus): start normally.
    NoneOpen,
    /// A window for this journal is there but did not answer in time.
    NoAnswer,
}

/// The D-Bus well-known name and object path the single-instance plugin serves for `id`.
pub fn bus_name_and_path(id: &str) -> (String, String) {
    let name = format!("{id}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Asks an already open window for this journal to come to the front.
pub fn to_open_window(id: &str) -> Handover {
    let (name, path) = bus_name_and_path(id);
    let bus = zbus::blocking::connection::Builder::session()
        .and_then(|b| b.method_timeout(ANSWER_WITHIN).build());
    let Ok(bus) = bus else {
        return Handover::NoneOpen;
    };
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    match bus.call_method(
        Some(name.as_str()),
        path.as_str(),
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd.as_str()),
    ) {
        Ok(_) => Handover::Done,
        Err(zbus::Error::InputOutput(e)) if e.kind() == std::io::ErrorKind::TimedOut => {
            Handover::NoAnswer
        }
        // Nobody owns the name (or a window was just closing): the plugin, in Tauri's
        // setup, claims it or hands over if another start got there first.
        Err(_) => Handover::NoneOpen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_s_name_and_path() {
        // tauri-plugin-single-instance 2.5 (linux.rs): `<id>.SingleInstance`, and the path
        // from it with '.' → '/' and '-' → '_'.
        assert_eq!(
            bus_name_and_path("org.taperjournal.desktop"),
            (
                "org.taperjournal.desktop.SingleInstance".to_string(),
                "/org/taperjournal/desktop/SingleInstance".to_string()
            )
        );
        assert_eq!(bus_name_and_path("a.b-c").1, "/a/b_c/SingleInstance");
    }
}
