//! The contract between the page and Rust, pinned: the commands the Tauri handler
//! registers, the ones build.rs lets the app manifest allow, the main window's capability
//! and the ones `ui/backend.js` calls are the same set; every error kind goes to the page
//! as its pinned name, and an error as exactly `{kind, field, message}`.

use std::collections::BTreeSet;
use taper_journal::api::{ApiError, ErrorKind};

fn source(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let from = text
        .find(open)
        .unwrap_or_else(|| panic!("{open:?} not found"))
        + open.len();
    let to = text[from..].find(close).expect("closed") + from;
    &text[from..to]
}

fn words(list: &str, trim: &[char]) -> BTreeSet<String> {
    list.split(',')
        .map(|w| w.trim().trim_matches(trim).to_string())
        .filter(|w| !w.is_empty() && !w.starts_with("//"))
        .collect()
}

/// The handler's command names (a command in a submodule is listed as `import::name`).
fn handler() -> BTreeSet<String> {
    words(
        between(
            &source("src-tauri/commands.rs"),
            "tauri::generate_handler![",
            "]",
        ),
        &[],
    )
    .into_iter()
    .map(|w| w.rsplit("::").next().unwrap_or(&w).to_string())
    .collect()
}

fn manifest() -> BTreeSet<String> {
    let build = source("src-tauri/build.rs");
    let body = &build[build.find("fn taper_commands()").expect("the list")..];
    words(between(body, "&[\n", "]"), &['"'])
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&source("src-tauri/capabilities/main.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

fn page() -> BTreeSet<String> {
    let js = source("ui/backend.js");
    js.split("invoke('")
        .skip(1) // the text before the first call
        .map(|rest| rest[..rest.find('\'').unwrap()].to_string())
        .collect()
}

#[test]
fn the_handler_the_manifest_the_capability_and_the_page_name_the_same_commands() {
    let handler = handler();
    assert!(handler.len() > 40, "the handler list was read: {handler:?}");
    assert_eq!(manifest(), handler, "build.rs's list");
    assert_eq!(capability(), handler, "capabilities/main.json");
    assert_eq!(page(), handler, "ui/backend.js");
    let commands = source("src-tauri/commands.rs") + &source("src-tauri/commands/import.rs");
    for name in &handler {
        assert!(
            commands.contains(&format!("pub fn {name}("))
                || commands.contains(&format!("pub async fn {name}(")),
            "{name} is a command in commands.rs"
        );
    }
}

#[test]
fn every_error_kind_goes_to_the_page_as_its_pinned_name() {
    let pinned = [
        "invalid_input",
        "invalid_backup",
        "not_found",
        "storage",
        "cannot_write",
        "replaced",
        "unavailable",
        "wrong_passphrase",
        "export",
    ];
    let sent: Vec<String> = ErrorKind::ALL
        .iter()
        .map(|k| serde_json::to_string(k).unwrap())
        .collect();
    let expected: Vec<String> = pinned.iter().map(|n| format!("\"{n}\"")).collect();
    assert_eq!(sent, expected);
    for k in ErrorKind::ALL {
        assert_eq!(
            format!("\"{}\"", k.name()),
            serde_json::to_string(&k).unwrap()
        );
    }
}

#[test]
fn an_error_goes_to_the_page_as_kind_field_and_message_only() {
    let e = ApiError {
        kind: ErrorKind::CannotWrite,
        field: None,
        message: "The disk is full.".to_string(),
        cause: Some(taper_journal::store::write_fault::Suspect::Folder),
    };
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"kind":"cannot_write","field":null,"message":"The disk is full."}"#
    );
}
