//! The Import card's commands: the file is chosen in the system's own dialog and read here
//! (the page has no file access); what was read waits in `AppState` for the person's
//! choices until it is imported, another file is chosen, or the person cancels.

use super::{open_path, today, AppState};
use crate::api::{self, Answer, ApiError, Arg, ChoicesInput, ImportDone};
use crate::views::import::{ImportCard, ImportPreview};
use serde::Serialize;
use tauri::State;

/// The preview of a chosen file, or that none was chosen.
#[derive(Debug, Serialize)]
pub struct Chosen {
    pub chosen: bool,
    pub preview: Option<ImportPreview>,
}

/// Asks for a file, reads and previews it. Nothing is written.
#[tauri::command]
pub async fn choose_import_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Answer<Chosen> {
    let Some(path) = open_path(&app, ("Spreadsheet (CSV)", &["csv", "CSV", "txt"])) else {
        return Ok(Chosen {
            chosen: false,
            preview: None,
        });
    };
    // Kept under the session's guard, so a restore meanwhile forgets it after, never before.
    let preview = state.with(|j| {
        let (pending, preview) = api::read_import_file(j, &path, today())?;
        *state.pending_import() = Some(std::sync::Arc::new(pending));
        Ok(preview)
    })?;
    Ok(Chosen {
        chosen: true,
        preview: Some(preview),
    })
}

fn pending(state: &AppState) -> Answer<std::sync::Arc<api::PendingImport>> {
    state.pending_import().clone().ok_or_else(|| ApiError {
        cause: None,
        kind: crate::api::ErrorKind::NotFound,
        field: Some("file".to_string()),
        message: "No file is waiting to be imported: choose one first.".to_string(),
    })
}

/// The preview again under the person's choices. Nothing is written.
#[tauri::command(async)]
pub fn preview_import(state: State<AppState>, choices: Arg) -> Answer<ImportPreview> {
    let choices: ChoicesInput = choices.take("choices")?;
    let pending = pending(&state)?;
    state.with(|j| api::preview_import(j, &pending, choices, today()))
}

/// Imports the waiting file under the person's choices, all days at once or none.
#[tauri::command(async)]
pub fn run_import(state: State<AppState>, choices: Arg) -> Answer<ImportDone> {
    let choices: ChoicesInput = choices.take("choices")?;
    let pending = pending(&state)?;
    let done = state.with(|j| api::run_import(j, &pending, choices, today()))?;
    *state.pending_import() = None;
    Ok(done)
}

/// Forgets the waiting file.
#[tauri::command]
pub fn cancel_import(state: State<AppState>) {
    *state.pending_import() = None;
}

/// The Import card's words and the imports made so far.
#[tauri::command]
pub fn get_import_card(state: State<AppState>) -> Answer<ImportCard> {
    state.with(|j| api::import_card(j))
}

/// Undoes one import as a whole.
#[tauri::command(async)]
pub fn undo_import(state: State<AppState>, id: Arg) -> Answer<ImportDone> {
    let id: i64 = id.take("id")?;
    state.with(|j| api::undo_import(j, id, today()))
}
