//! Taper Journal: a private journal for a benzodiazepine taper.
//!
//! `journal` (domain types, validation), `store` (SQLite), `taper` (pure arithmetic),
//! `views` (what each screen shows) and `api` (the operations the page asks for) know
//! nothing of Tauri and are tested directly; `session` holds what start-up found;
//! `commands` and `shell` (with `run`) are the thin desktop shell around them. `chart` draws SVG charts from plain data, knowing none of the others.

pub mod api;
pub mod chart;
pub mod clock;
#[cfg(feature = "desktop")]
pub mod commands;
pub mod export;
pub mod files;
#[cfg(all(feature = "desktop", target_os = "linux"))]
mod handover;
pub mod import;
pub mod journal;
#[cfg(feature = "desktop")]
mod notifier;
pub mod reminders;
pub mod session;
#[cfg(feature = "desktop")]
mod shell;
pub mod stable_id;
pub mod start_trace;
pub mod store;
pub mod taper;
#[cfg(feature = "desktop")]
mod tray;
pub mod views;
#[cfg(feature = "desktop")]
mod window;

#[cfg(feature = "desktop")]
pub use shell::run;

/// The app's version: the one in Cargo.toml, which the packages, About and every backup
/// file's header carry (tauri.conf.json has none of its own, so Tauri takes this one too).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

pub use start_trace::started;
