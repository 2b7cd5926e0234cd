//! Linux: a second start hands over to the open window *before* it starts any window-system
//! code. The single-instance plugin does the same from inside Tauri's setup, but it then
//! has to `exit()` a process that has GTK, WebKit and the accessibility bus running, and on
//! a loaded machine that exit was seen to crash (SIGSEGV) now and then. Asking here first
//! leaves the plugin only the rare case of two starts at the same moment.
//!
//! The name and object path are the plugin's own (`<id>.SingleInstance`, the same with `/`),
//! so this asks exactly the window the plugin registered.

use zbus::blocking::Connection;

/// The D-Bus well-known name and object path the single-instance plugin serves for `id`.
pub fn bus_name_and_path(id: &str) -> (String, String) {
    let name = format!("{id}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Asks an already open window for this journal to come to the front. True when one
/// answered (this start should then end); false when none did, or there is no session bus,
/// and the app should start normally.
pub fn to_open_window(id: &str) -> bool {
    let (name, path) = bus_name_and_path(id);
    let Ok(bus) = Connection::session() else {
        return false;
    };
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    bus.call_method(
        Some(name.as_str()),
        path.as_str(),
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd.as_str()),
    )
    .is_ok()
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
