//! The IPC boundary: thin Tauri commands that read typed input, call the library and map
//! errors to one serializable shape `{kind, field, message}` the page can place.

use crate::journal::{
    parse_input, CheckInInput, DoseStepInput, MedicationInput, Micrograms, PlannedStepInput,
    ValidationError,
};
use crate::store::{Journal, StoreError};
use crate::taper::EquivalenceTable;
use crate::views::{self, CheckInView, HistoryView, Overview, SavedCheckIn, StepsView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::{Mutex, MutexGuard};
use tauri::State;

/// The open journal, or why it could not be opened.
pub struct AppState {
    journal: Mutex<Result<Journal, String>>,
}

impl AppState {
    pub fn new(journal: Result<Journal, String>) -> Self {
        AppState {
            journal: Mutex::new(journal),
        }
    }
}

/// The error every command returns. `kind` is stable; `field` names the input at fault.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CommandError {
    pub kind: &'static str,
    pub field: Option<String>,
    pub message: String,
}

impl From<ValidationError> for CommandError {
    fn from(e: ValidationError) -> Self {
        CommandError {
            kind: "invalid_input",
            field: Some(e.field),
            message: e.message,
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => v.into(),
            StoreError::NotFound { field, .. } => CommandError {
                kind: "not_found",
                field: Some(field.to_string()),
                message: e.to_string(),
            },
            other => CommandError {
                kind: "storage",
                field: None,
                message: other.to_string(),
            },
        }
    }
}

type Answer<T> = Result<T, CommandError>;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn journal<'a>(state: &'a State<AppState>) -> Answer<MutexGuard<'a, Result<Journal, String>>> {
    // A poisoned lock means an earlier command panicked mid-way; SQLite rolled back its
    // transaction, so the connection is still consistent and can be used.
    Ok(state.journal.lock().unwrap_or_else(|p| p.into_inner()))
}

fn open(guard: &mut Result<Journal, String>) -> Answer<&mut Journal> {
    guard.as_mut().map_err(|why| CommandError {
        kind: "unavailable",
        field: None,
        message: why.clone(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetupInput {
    medication: MedicationInput,
    #[serde(deserialize_with = "crate::journal::input::text_or_number")]
    dose_mg: Option<String>,
    since: String,
    #[serde(default)]
    table: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddMedicationInput {
    medication: MedicationInput,
    #[serde(deserialize_with = "crate::journal::input::text_or_number")]
    dose_mg: Option<String>,
    since: String,
}

fn current_dose(
    dose: &Option<String>,
    since: &str,
) -> Result<(Micrograms, NaiveDate), ValidationError> {
    let dose = match crate::journal::input::non_blank(dose) {
        Some(t) => Micrograms::parse_mg("dose_mg", "Current daily dose", t)?,
        None => {
            return Err(ValidationError::new(
                "dose_mg",
                "Enter the current total daily dose in mg.",
            ))
        }
    };
    let since = crate::journal::input::parse_date("since", since)?;
    Ok((dose, since))
}

/// Medication fields are nested under "medication" in the setup and add forms.
fn in_medication(e: ValidationError) -> ValidationError {
    ValidationError::new(format!("medication.{}", e.field), e.message)
}

fn table(key: &str) -> Result<EquivalenceTable, ValidationError> {
    EquivalenceTable::from_key(key)
        .ok_or_else(|| ValidationError::new("table", "Choose one of the listed tables."))
}

#[tauri::command]
pub fn get_overview(state: State<AppState>) -> Answer<Overview> {
    let mut g = journal(&state)?;
    Ok(views::overview(open(&mut g)?, today())?)
}

#[tauri::command]
pub fn complete_setup(state: State<AppState>, input: Value) -> Answer<Overview> {
    let input: SetupInput = parse_input(input)?;
    let medication = input.medication.validate().map_err(in_medication)?;
    let (dose, since) = current_dose(&input.dose_mg, &input.since)?;
    let table = table(input.table.as_deref().unwrap_or("joint_2025"))?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.complete_setup(&medication, dose, since, table, today())?;
    Ok(views::overview(j, today())?)
}

#[tauri::command]
pub fn add_medication(state: State<AppState>, input: Value) -> Answer<Overview> {
    let input: AddMedicationInput = parse_input(input)?;
    let medication = input.medication.validate().map_err(in_medication)?;
    let (dose, since) = current_dose(&input.dose_mg, &input.since)?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.add_medication(&medication, dose, since)?;
    Ok(views::overview(j, today())?)
}

#[tauri::command]
pub fn set_medication_active(state: State<AppState>, id: i64, active: bool) -> Answer<Overview> {
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.set_medication_active(id, active)?;
    Ok(views::overview(j, today())?)
}

#[tauri::command]
pub fn set_equivalence_table(state: State<AppState>, table: String) -> Answer<Overview> {
    let t = self::table(&table)?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.set_equivalence_table(t)?;
    Ok(views::overview(j, today())?)
}

#[tauri::command]
pub fn list_steps(state: State<AppState>) -> Answer<StepsView> {
    let mut g = journal(&state)?;
    Ok(views::steps_view(open(&mut g)?)?)
}

#[tauri::command]
pub fn save_step(state: State<AppState>, input: Value) -> Answer<StepsView> {
    let step = parse_input::<DoseStepInput>(input)?.validate()?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.save_dose_step(&step)?;
    Ok(views::steps_view(j)?)
}

#[tauri::command]
pub fn delete_step(state: State<AppState>, id: i64) -> Answer<StepsView> {
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.delete_dose_step(id)?;
    Ok(views::steps_view(j)?)
}

#[tauri::command]
pub fn save_planned_step(state: State<AppState>, input: Value) -> Answer<StepsView> {
    let step = parse_input::<PlannedStepInput>(input)?.validate()?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.save_planned_step(&step)?;
    Ok(views::steps_view(j)?)
}

#[tauri::command]
pub fn delete_planned_step(state: State<AppState>, id: i64) -> Answer<StepsView> {
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.delete_planned_step(id)?;
    Ok(views::steps_view(j)?)
}

#[tauri::command]
pub fn get_checkin(state: State<AppState>, date: Option<String>) -> Answer<CheckInView> {
    let day = match date {
        Some(d) => crate::journal::input::parse_date("date", &d)?,
        None => today(),
    };
    let mut g = journal(&state)?;
    Ok(views::check_in_view(open(&mut g)?, day, today())?)
}

#[tauri::command]
pub fn save_checkin(state: State<AppState>, input: Value) -> Answer<SavedCheckIn> {
    let check_in = parse_input::<CheckInInput>(input)?.validate(today())?;
    let mut g = journal(&state)?;
    let j = open(&mut g)?;
    j.save_check_in(&check_in)?;
    let view = views::check_in_view(j, check_in.date, today())?;
    Ok(SavedCheckIn {
        message: format!("Saved your check-in for {}.", view.date_label),
        check_in: view,
    })
}

#[tauri::command]
pub fn list_history(state: State<AppState>) -> Answer<HistoryView> {
    let mut g = journal(&state)?;
    Ok(views::history_view(open(&mut g)?, today())?)
}

/// Set to quit as soon as the first screen is interactive (start-up measurements).
pub const EXIT_WHEN_READY_ENV: &str = "TAPER_JOURNAL_EXIT_WHEN_READY";

/// The page calls this once its first screen is interactive: logs the start-up time and,
/// for measurements, quits when `TAPER_JOURNAL_EXIT_WHEN_READY` is set.
#[tauri::command]
pub fn page_ready(app: tauri::AppHandle) {
    let ms = crate::started().elapsed().as_millis();
    eprintln!("taper-journal: interactive {ms} ms after start");
    if std::env::var_os(EXIT_WHEN_READY_ENV).is_some() {
        app.exit(0);
    }
}

/// Every command the page may call. Keep in step with `build.rs` and the capability file.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        get_overview,
        complete_setup,
        add_medication,
        set_medication_active,
        set_equivalence_table,
        list_steps,
        save_step,
        delete_step,
        save_planned_step,
        delete_planned_step,
        get_checkin,
        save_checkin,
        list_history,
        page_ready
    ]
}
