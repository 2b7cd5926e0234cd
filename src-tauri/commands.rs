//! The IPC boundary: each Tauri command locks the journal and calls `api`. Nothing else
//! happens here, so the page can do exactly what `tests/` do through `api`.
//!
//! One concept, over 500 lines: some 70 commands of a few lines each, the state they share
//! and the dialogs; kept in one file so the handler list (pinned by tests/contract.rs) is
//! read beside what it registers. A screen whose commands keep state of their own between
//! calls gets a module: `import` (a file read, waiting for the person's choices).

use crate::api::{self, Answer, ApiError, Arg};
use crate::api::{PassphraseChanged, Restored};
use crate::files::{self, SavedFile};
use crate::notifier::{Notifier, ReminderState};
use crate::session::{Session, StartView};
use crate::store::backup::BACKUP_MAX_BYTES;
use crate::store::lock::JournalLock;
use crate::store::Journal;
use crate::tray::{self, Tray};
use crate::views::day::{day_view, DayView};
use crate::views::first_screen::FirstScreen;
use crate::views::reminders::RemindersView;
use crate::views::staying_open::{login_not_set, staying_open_view, StayingOpenView};
use crate::views::{
    AboutView, CheckInView, HistoryView, Overview, QuestionnairesView, SavedCheckIn,
    SavedQuestionnaire, SettingsView, StepsView, TrendsView, VisitsView,
};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

mod import;

/// The journal (or why it is not open), and the lock that keeps other copies of the app
/// away from it.
pub struct AppState {
    /// The journal's start (the file checked, opened and locked, the day's backup), run on
    /// a thread of its own while the window and its page are made; taken, and waited for,
    /// by the first call that needs the session. Its guard is held until the results are in
    /// place, so no call ever sees the session before the start has filled it.
    starting: Mutex<Option<JoinHandle<Started>>>,
    session: Mutex<Session>,
    /// Said once, on the first screen after start (a backup that could not be taken).
    notice: Mutex<Option<String>>,
    notifier: Notifier,
    /// Taken at start, or by Try again when the folder could not be used at start.
    lock: Mutex<Option<JournalLock>>,
    /// A file read for import, waiting for the person's choices (`commands::import`);
    /// forgotten whenever another journal, or another state of it, takes its place.
    pending_import: Mutex<Option<std::sync::Arc<api::PendingImport>>>,
}

/// What a start gives: the session, a notice to say once, the journal's lock.
pub type Started = (Session, Option<String>, Option<JournalLock>);

/// A lock whose holder panicked: an earlier command stopped mid-way; SQLite rolled back its
/// transaction, so what the lock guards is still consistent and can be used.
fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn new(session: Session, notice: Option<String>, lock: Option<JournalLock>) -> Self {
        AppState {
            starting: Mutex::new(None),
            session: Mutex::new(session),
            notice: Mutex::new(notice),
            notifier: Notifier::default(),
            lock: Mutex::new(lock),
            pending_import: Mutex::new(None),
        }
    }

    /// A state whose session `start` makes on a thread of its own (see `starting`).
    pub fn starting(start: impl FnOnce() -> Started + Send + 'static) -> Self {
        let thread = std::thread::Builder::new().name("journal-start".into());
        // Shared, so that the start is still here to be made if no thread can be had.
        let start = std::sync::Arc::new(Mutex::new(Some(start)));
        let on_thread = std::sync::Arc::clone(&start);
        let take = |s: &Mutex<Option<_>>| guard(s).take().expect("the start is made once");
        match thread.spawn(move || take(&on_thread)()) {
            Ok(running) => {
                let state = AppState::new(Session::Unavailable(String::new()), None, None);
                *guard(&state.starting) = Some(running);
                state
            }
            // No thread to be had: the start is made here, as it was before it had one.
            Err(_) => {
                let (session, notice, lock) = take(&start)();
                AppState::new(session, notice, lock)
            }
        }
    }

    /// Waits for the start, if it is still running, and puts what it made in place.
    fn started(&self) {
        let mut starting = guard(&self.starting);
        if let Some(start) = starting.take() {
            let (session, notice, lock) = start.join().unwrap_or_else(|_| {
                let why = "The journal could not be opened at start (an internal error). Nothing was changed; please close the app and start it again.";
                (Session::Unavailable(why.to_string()), None, None)
            });
            *guard(&self.session) = session;
            *guard(&self.notice) = notice;
            *guard(&self.lock) = lock;
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        self.started();
        guard(&self.session)
    }

    /// The notice of the start, once.
    fn take_notice(&self) -> Option<String> {
        self.started();
        guard(&self.notice).take()
    }

    fn journal_lock(&self) -> MutexGuard<'_, Option<JournalLock>> {
        self.started();
        guard(&self.lock)
    }

    /// Runs `f` on the open journal, one command at a time.
    fn pending_import(&self) -> MutexGuard<'_, Option<std::sync::Arc<api::PendingImport>>> {
        guard(&self.pending_import)
    }

    /// The journal was replaced or reopened: a file read for import was previewed against
    /// the one before, so it is forgotten. Called with the session still held, so that no
    /// file read meanwhile (`commands::import`, which sets it under the same guard) survives.
    fn journal_changed(&self) {
        *self.pending_import() = None;
    }

    fn with<T>(&self, f: impl FnOnce(&mut Journal) -> Answer<T>) -> Answer<T> {
        let mut session = self.session();
        let j = session.journal()?;
        let path = j.path().to_path_buf();
        api::explain_fault(&path, f(j))
    }
}

impl ReminderState for AppState {
    fn with_journal<T>(&self, f: impl FnOnce(&mut Journal) -> T) -> Option<T> {
        let mut session = self.session();
        session.journal().ok().map(f)
    }
    fn notifier(&self) -> &Notifier {
        &self.notifier
    }
}

use crate::clock::today;

/// Today, and when the page should look again: the page follows the day while it stays
/// open. `form_date` is the day of a form opened as today's. Needs no journal.
#[tauri::command]
pub fn get_today(form_date: Arg) -> Answer<DayView> {
    let form_date: Option<String> = form_date.take("form_date")?;
    let form_day = form_date
        .as_deref()
        .map(|d| crate::journal::input::parse_date("form_date", d))
        .transpose()?;
    let now = crate::clock::now();
    let ms = crate::clock::until_midnight(now).num_milliseconds();
    Ok(day_view(now.date_naive(), ms, form_day))
}

#[tauri::command]
pub fn get_overview(state: State<AppState>) -> Answer<Overview> {
    let overview = state.with(|j| api::overview(j, today()));
    crate::start_trace::mark("get_overview answered");
    overview
}

#[tauri::command]
pub fn complete_setup(state: State<AppState>, input: Arg) -> Answer<Overview> {
    state.with(|j| api::complete_setup(j, input.form(), today()))
}

#[tauri::command]
pub fn add_medication(state: State<AppState>, input: Arg) -> Answer<Overview> {
    state.with(|j| api::add_medication(j, input.form(), today()))
}

#[tauri::command]
pub fn update_medication(state: State<AppState>, id: Arg, input: Arg) -> Answer<Overview> {
    state.with(|j| api::update_medication(j, id.take("id")?, input.form(), today()))
}

#[tauri::command]
pub fn set_medication_active(state: State<AppState>, id: Arg, active: Arg) -> Answer<Overview> {
    let (id, active) = (id.take("id")?, active.take("active")?);
    state.with(|j| api::set_medication_active(j, id, active, today()))
}

#[tauri::command]
pub fn set_equivalence_table(state: State<AppState>, table: Arg) -> Answer<Overview> {
    let table: String = table.take("table")?;
    state.with(|j| api::set_equivalence_table(j, &table, today()))
}

#[tauri::command]
pub fn set_help_country(state: State<AppState>, input: Arg) -> Answer<Overview> {
    state.with(|j| api::set_help_country(j, input.form(), today()))
}

#[tauri::command]
pub fn list_steps(state: State<AppState>) -> Answer<StepsView> {
    state.with(|j| api::steps(j, today()))
}

#[tauri::command]
pub fn save_step(state: State<AppState>, input: Arg) -> Answer<StepsView> {
    state.with(|j| api::save_step(j, input.form(), today()))
}

#[tauri::command]
pub fn delete_step(state: State<AppState>, id: Arg) -> Answer<StepsView> {
    let id = id.take("id")?;
    state.with(|j| api::delete_step(j, id, today()))
}

#[tauri::command]
pub fn save_planned_step(state: State<AppState>, input: Arg) -> Answer<StepsView> {
    state.with(|j| api::save_planned_step(j, input.form(), today()))
}

#[tauri::command]
pub fn delete_planned_step(state: State<AppState>, id: Arg) -> Answer<StepsView> {
    let id = id.take("id")?;
    state.with(|j| api::delete_planned_step(j, id, today()))
}

#[tauri::command]
pub fn get_checkin(state: State<AppState>, date: Arg) -> Answer<CheckInView> {
    let date: Option<String> = date.take("date")?;
    let check_in = state.with(|j| api::check_in(j, date.as_deref(), today()));
    crate::start_trace::mark("get_checkin answered");
    check_in
}

#[tauri::command]
pub fn save_checkin(state: State<AppState>, input: Arg) -> Answer<SavedCheckIn> {
    state.with(|j| api::save_check_in(j, input.form(), today()))
}

#[tauri::command]
pub fn save_checkin_draft(state: State<AppState>, date: Arg, form: Arg) -> Answer<()> {
    let date: String = date.take("date")?;
    state.with(|j| api::save_check_in_draft(j, &date, form.form(), today()))
}

#[tauri::command]
pub fn list_history(state: State<AppState>) -> Answer<HistoryView> {
    state.with(|j| api::history(j, today()))
}

#[tauri::command]
pub fn get_trends(state: State<AppState>, period: Arg, width: Arg) -> Answer<TrendsView> {
    let (period, width): (String, Option<u32>) = (period.take("period")?, width.take("width")?);
    state.with(|j| api::trends(j, &period, width, today()))
}

#[tauri::command]
pub fn get_questionnaires(state: State<AppState>) -> Answer<QuestionnairesView> {
    state.with(|j| api::questionnaires(j, today()))
}

#[tauri::command]
pub fn save_questionnaire(state: State<AppState>, input: Arg) -> Answer<SavedQuestionnaire> {
    state.with(|j| api::save_questionnaire(j, input.form(), today()))
}

#[tauri::command]
pub fn list_visits(state: State<AppState>) -> Answer<VisitsView> {
    state.with(|j| api::visits(j))
}

#[tauri::command]
pub fn add_visit(state: State<AppState>, input: Arg) -> Answer<VisitsView> {
    state.with(|j| api::add_visit(j, input.form(), today()))
}

#[tauri::command]
pub fn delete_visit(state: State<AppState>, id: Arg) -> Answer<VisitsView> {
    let id = id.take("id")?;
    state.with(|j| api::delete_visit(j, id))
}

#[tauri::command]
pub fn add_question(state: State<AppState>, text: Arg) -> Answer<VisitsView> {
    let text: String = text.take("text")?;
    state.with(|j| api::add_question(j, &text, today()))
}

#[tauri::command]
pub fn set_question_done(state: State<AppState>, id: Arg, done: Arg) -> Answer<VisitsView> {
    let (id, done) = (id.take("id")?, done.take("done")?);
    state.with(|j| api::set_question_done(j, id, done, today()))
}

#[tauri::command]
pub fn delete_question(state: State<AppState>, id: Arg) -> Answer<VisitsView> {
    let id = id.take("id")?;
    state.with(|j| api::delete_question(j, id))
}

/// For the end-to-end tests, which cannot drive a native dialog: saves go to this folder
/// under the suggested name, and a restore reads `TAPER_JOURNAL_OPEN_FILE`. Honoured only
/// in debug builds, so a variable left in someone's environment never redirects a release.
pub const EXPORT_DIR_ENV: &str = "TAPER_JOURNAL_EXPORT_DIR";
pub const OPEN_FILE_ENV: &str = "TAPER_JOURNAL_OPEN_FILE";

fn test_env(name: &str) -> Option<std::ffi::OsString> {
    if cfg!(debug_assertions) {
        std::env::var_os(name).filter(|v| !v.is_empty())
    } else {
        None
    }
}

/// Asks where to save (a native dialog), suggesting `name`.
fn save_path(app: &tauri::AppHandle, name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = test_env(EXPORT_DIR_ENV) {
        return Some(PathBuf::from(dir).join(name));
    }
    app.dialog()
        .file()
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks which file to open (a native dialog).
fn open_path(app: &tauri::AppHandle, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(file) = test_env(OPEN_FILE_ENV) {
        return Some(PathBuf::from(file));
    }
    app.dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Makes an export from the journal, then asks where to save it and writes it there.
/// The journal is locked only while the bytes are made, not while the dialog is open.
fn save_export(
    app: &tauri::AppHandle,
    state: &AppState,
    export: Export,
    make: impl FnOnce(&mut Journal) -> Answer<Vec<u8>>,
) -> Answer<SavedFile> {
    let bytes = state.with(make)?;
    let name = format!(
        "{}-{}.{}",
        export.file_stem,
        today().format("%Y-%m-%d"),
        export.extension
    );
    Ok(
        match save_path(app, &name, (export.filter_name, &[export.extension])) {
            Some(path) => files::save(&path, &bytes, export.what),
            None => SavedFile::not_chosen(),
        },
    )
}

/// One kind of file the journal saves.
struct Export {
    file_stem: &'static str,
    extension: &'static str,
    filter_name: &'static str,
    /// "your backup", as in "Saved your backup to …".
    what: &'static str,
}

const BACKUP: Export = Export {
    file_stem: "taper-journal-backup",
    extension: "json",
    filter_name: "Taper Journal backup",
    what: "your backup",
};

const CSV: Export = Export {
    file_stem: "taper-journal",
    extension: "csv",
    filter_name: "Spreadsheet (CSV)",
    what: "the spreadsheet",
};

const FHIR: Export = Export {
    file_stem: "taper-journal-fhir",
    extension: "json",
    filter_name: "FHIR R4 bundle (JSON)",
    what: "the FHIR file",
};

const CALENDAR: Export = Export {
    file_stem: "taper-journal-planned-steps",
    extension: "ics",
    filter_name: "Calendar (.ics)",
    what: "the calendar",
};

#[tauri::command]
pub async fn save_csv(app: tauri::AppHandle, state: State<'_, AppState>) -> Answer<SavedFile> {
    save_export(&app, &state, CSV, |j| api::export_csv(j))
}

#[tauri::command]
pub async fn save_fhir(app: tauri::AppHandle, state: State<'_, AppState>) -> Answer<SavedFile> {
    save_export(&app, &state, FHIR, |j| api::export_fhir(j, today()))
}

#[tauri::command]
pub async fn save_calendar(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    neutral_titles: Arg,
    alarms: Arg,
) -> Answer<SavedFile> {
    let options = crate::export::ics::CalendarOptions {
        neutral_titles: neutral_titles.take("neutral_titles")?,
        alarms: alarms.take("alarms")?,
    };
    save_export(&app, &state, CALENDAR, |j| {
        api::export_ics(j, options, today())
    })
}

const SUMMARY: Export = Export {
    file_stem: "taper-journal-visit-summary",
    extension: "pdf",
    filter_name: "PDF",
    what: "the visit summary",
};

#[tauri::command]
pub fn get_summary(
    state: State<AppState>,
    period: Arg,
    patient_name: Arg,
) -> Answer<api::SummaryScreen> {
    let (period, patient_name): (String, Option<String>) =
        (period.take("period")?, patient_name.take("patient_name")?);
    state.with(|j| api::summary_preview(j, &period, patient_name.as_deref(), today()))
}

#[tauri::command]
pub fn set_paper(state: State<AppState>, paper: Arg) -> Answer<()> {
    let paper: String = paper.take("paper")?;
    state.with(|j| api::set_paper(j, &paper))
}

#[tauri::command]
pub async fn save_summary(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    period: Arg,
    patient_name: Arg,
) -> Answer<SavedFile> {
    let (period, patient_name): (String, Option<String>) =
        (period.take("period")?, patient_name.take("patient_name")?);
    save_export(&app, &state, SUMMARY, |j| {
        api::summary_pdf_on_set_paper(j, &period, patient_name.as_deref(), today())
    })
}

/// Saves a full backup where the person chooses. (Commands with a dialog are async, so the
/// dialog never blocks the window's main thread.)
#[tauri::command]
pub async fn save_backup(app: tauri::AppHandle, state: State<'_, AppState>) -> Answer<SavedFile> {
    save_export(&app, &state, BACKUP, |j| api::backup_file(j, today()))
}

/// Replaces the journal with a backup the person picks. The current journal is first saved
/// as a backup beside the journal file, so a restore never loses what was there.
#[tauri::command]
pub async fn restore_backup(app: tauri::AppHandle, state: State<'_, AppState>) -> Answer<Restored> {
    let Some(path) = open_path(&app, (BACKUP.filter_name, &[BACKUP.extension])) else {
        return Ok(Restored {
            restored: false,
            message: "Nothing was changed: no file was chosen.".to_string(),
        });
    };
    let bytes = files::read_limited(&path, BACKUP_MAX_BYTES).map_err(|message| ApiError {
        cause: None,
        kind: crate::api::ErrorKind::InvalidInput,
        field: Some("backup".to_string()),
        message,
    })?;
    state.with(|j| {
        let restored = api::restore_keeping_current(j, &bytes)?;
        state.journal_changed();
        Ok(restored)
    })
}

/// What the first screen shows: the journal (with its overview and today's check-in), the
/// unlock screen, or a problem found at start.
#[tauri::command]
pub fn get_start(state: State<AppState>) -> FirstScreen {
    crate::start_trace::mark("get_start asked");
    let notice = state.take_notice();
    let start = state.session().view(notice);
    let open = start.state == "open";
    // A refusal is dropped here, not lost: the page asks again and shows that answer's.
    let overview = open.then(|| state.with(|j| api::overview(j, today())).ok());
    let check_in = open.then(|| state.with(|j| api::check_in(j, None, today())).ok());
    crate::start_trace::mark("get_start answered");
    FirstScreen {
        start,
        overview: overview.flatten(),
        check_in: check_in.flatten(),
    }
}

#[tauri::command(async)]
pub fn unlock(state: State<AppState>, passphrase: Arg) -> Answer<StartView> {
    let passphrase: String = passphrase.take("passphrase")?;
    let mut session = state.session();
    let view = session.unlock(&passphrase, today());
    state.journal_changed();
    view
}

/// The start screen's "Try again", once the journal's folder may be writable again.
#[tauri::command(async)]
pub fn retry_start(state: State<AppState>) -> StartView {
    let mut lock = state.journal_lock();
    let mut session = state.session();
    let view = session.retry(&mut lock, today());
    state.journal_changed();
    view
}

/// Keeps the file that could not be used aside, unchanged, and starts an empty journal.
#[tauri::command(async)]
pub fn start_new_journal(state: State<AppState>) -> Answer<StartView> {
    let mut lock = state.journal_lock();
    let mut session = state.session();
    let view = session.start_new(&mut lock, today());
    state.journal_changed();
    view
}

/// Keeps the file that could not be used aside, unchanged, and restores the newest
/// automatic backup in its place.
#[tauri::command(async)]
pub fn restore_latest_backup(state: State<AppState>, passphrase: Arg) -> Answer<StartView> {
    let passphrase: Option<String> = passphrase.take("passphrase")?;
    let mut session = state.session();
    let view = session.restore_latest(passphrase.as_deref());
    state.journal_changed();
    view
}

#[tauri::command]
pub fn get_reminders(state: State<AppState>) -> Answer<RemindersView> {
    let problem = state.notifier().problem();
    state.with(|j| api::reminders(j, &crate::clock::now(), problem))
}

#[tauri::command]
pub fn set_reminders(state: State<AppState>, input: Arg) -> Answer<RemindersView> {
    state.with(|j| api::set_reminders(j, input.form()))?;
    // A new choice is tried afresh; an old problem would only mislead.
    state.notifier().set_problem(None);
    state.notifier().wake();
    get_reminders(state)
}

/// "Remind me in an hour".
#[tauri::command]
pub fn snooze_reminders(state: State<AppState>) -> Answer<RemindersView> {
    state.with(|j| {
        api::snooze_reminders(
            j,
            crate::clock::now().to_utc() + crate::notifier::snooze_length(),
        )
    })?;
    state.notifier().wake();
    get_reminders(state)
}

/// The Settings card "Staying open": the tray, and starting at login.
#[tauri::command]
pub fn get_staying_open(app: AppHandle, state: State<AppState>) -> Answer<StayingOpenView> {
    let (keep, _) = state.with(|j| Ok(j.staying_open()?))?;
    let found = app.state::<Tray>().found();
    Ok(staying_open_view(keep, tray::starts_at_login(&app), found))
}

#[tauri::command]
pub fn set_staying_open(
    app: AppHandle,
    state: State<AppState>,
    input: Arg,
) -> Answer<StayingOpenView> {
    let choice = api::staying_open_input(input.form())?;
    state.with(|j| api::set_keep_in_tray(j, choice.keep_in_tray))?;
    if tray::starts_at_login(&app).ok() != Some(choice.start_at_login) {
        tray::set_start_at_login(&app, choice.start_at_login).map_err(|e| ApiError {
            cause: None,
            kind: crate::api::ErrorKind::Storage,
            field: Some("start_at_login".to_string()),
            message: login_not_set(&e),
        })?;
    }
    get_staying_open(app, state)
}

/// The first close's dialog: "Close the window" (into the tray).
#[tauri::command]
pub fn close_to_tray(app: AppHandle) {
    tray::hide::<AppState>(&app);
}

/// The first close's dialog: "Keep the window open" (or Escape).
#[tauri::command]
pub fn keep_window_open(app: AppHandle) {
    tray::not_closed(&app);
}

/// The first close's dialog: "Quit Taper Journal".
#[tauri::command]
pub fn quit_app(app: AppHandle) {
    app.exit(0);
}

#[tauri::command]
pub fn get_plan_form(state: State<AppState>) -> Answer<api::plan::PlanFormView> {
    state.with(|j| api::plan::plan_form(j, today()))
}

/// A taper proposal from the Plan form (nothing is written).
#[tauri::command]
pub fn propose_plan(state: State<AppState>, input: Arg) -> Answer<crate::views::plan::PlanView> {
    state.with(|j| api::plan::propose_plan(j, input.form(), today()))
}

type SavedPlans = Answer<api::plan::KeptPlans>;

/// Keeps the Plan form's proposal (computed again in Rust); it becomes the one shown.
#[tauri::command]
pub fn save_plan_proposal(state: State<AppState>, input: Arg) -> SavedPlans {
    state.with(|j| api::plan::save_plan_proposal(j, input.form(), today()))
}

/// Shows a kept proposal on the dose chart and the visit summary (`id` null: none).
#[tauri::command]
pub fn show_plan_proposal(state: State<AppState>, id: Arg) -> SavedPlans {
    let id: Option<i64> = id.take("id")?;
    state.with(|j| api::plan::show_plan_proposal(j, id, today()))
}

#[tauri::command]
pub fn delete_plan_proposal(state: State<AppState>, id: Arg) -> SavedPlans {
    let id = id.take("id")?;
    state.with(|j| api::plan::delete_plan_proposal(j, id, today()))
}

/// A kept proposal's steps agreed at a visit become planned steps.
#[tauri::command]
pub fn plan_agreed_steps(state: State<AppState>, input: Arg) -> SavedPlans {
    state.with(|j| api::plan::plan_agreed_steps(j, input.form(), today()))
}

#[tauri::command]
pub fn get_about(state: State<AppState>) -> Answer<AboutView> {
    state.with(|j| api::about(j))
}

#[tauri::command]
pub fn get_settings(state: State<AppState>) -> Answer<SettingsView> {
    state.with(|j| api::settings(j))
}

#[tauri::command(async)]
pub fn restore_auto_backup(state: State<AppState>, name: Arg) -> Answer<Restored> {
    let name: String = name.take("name")?;
    state.with(|j| {
        let restored = api::restore_auto_backup(j, &name)?;
        state.journal_changed();
        Ok(restored)
    })
}

/// Opens a journal set aside beside this one again, setting this one aside in its place.
/// The page then starts afresh from the answer, as at a start.
#[tauri::command(async)]
pub fn reopen_set_aside_journal(
    state: State<AppState>,
    name: Arg,
    passphrase: Arg,
) -> Answer<StartView> {
    let (name, passphrase): (String, Option<String>) =
        (name.take("name")?, passphrase.take("passphrase")?);
    let mut session = state.session();
    let view = session.reopen_set_aside(&name, passphrase.as_deref(), today());
    state.journal_changed();
    view
}

// Re-keying and unlocking derive keys and rewrite files (seconds, not milliseconds): run
// off the window's main thread, so the window keeps answering meanwhile.

#[tauri::command(async)]
pub fn set_passphrase(state: State<AppState>, input: Arg) -> Answer<PassphraseChanged> {
    state.with(|j| api::set_passphrase(j, input.form()))
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<AppState>, input: Arg) -> Answer<PassphraseChanged> {
    state.with(|j| api::change_passphrase(j, input.form()))
}

#[tauri::command(async)]
pub fn remove_passphrase(state: State<AppState>, input: Arg) -> Answer<PassphraseChanged> {
    state.with(|j| api::remove_passphrase(j, input.form()))
}

/// Set to quit as soon as the first screen is interactive (start-up measurements).
pub const EXIT_WHEN_READY_ENV: &str = "TAPER_JOURNAL_EXIT_WHEN_READY";

/// The page calls this once its first screen is interactive: logs the start-up time, and
/// has the tray icon made just after (tray.rs). For measurements, quits instead when
/// `TAPER_JOURNAL_EXIT_WHEN_READY` is set: a start's first screen does not wait for the
/// icon, and a measured start ends before it.
#[tauri::command]
pub fn page_ready(app: tauri::AppHandle, marks: Option<serde_json::Value>) {
    let ms = crate::started().elapsed().as_millis();
    // Read leniently: a mark the page could not time never keeps the start from ending.
    crate::start_trace::finish(
        marks
            .as_ref()
            .map_or_else(Vec::new, crate::start_trace::page_marks),
    );
    eprintln!("taper-journal: interactive {ms} ms after start");
    if std::env::var_os(EXIT_WHEN_READY_ENV).is_some() {
        app.exit(0);
    } else {
        tray::first_screen_built::<AppState>(&app);
    }
}

/// Every command the page may call. Keep in step with `build.rs` and the capability file.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        get_overview,
        complete_setup,
        add_medication,
        update_medication,
        set_medication_active,
        set_equivalence_table,
        set_help_country,
        list_steps,
        save_step,
        delete_step,
        save_planned_step,
        delete_planned_step,
        get_today,
        get_checkin,
        save_checkin,
        save_checkin_draft,
        list_history,
        get_trends,
        get_questionnaires,
        save_questionnaire,
        list_visits,
        add_visit,
        delete_visit,
        add_question,
        set_question_done,
        delete_question,
        save_backup,
        restore_backup,
        import::choose_import_file,
        import::preview_import,
        import::run_import,
        import::cancel_import,
        import::get_import_card,
        import::undo_import,
        save_csv,
        save_fhir,
        save_calendar,
        get_summary,
        set_paper,
        save_summary,
        get_start,
        unlock,
        start_new_journal,
        retry_start,
        restore_latest_backup,
        get_settings,
        get_about,
        get_reminders,
        set_reminders,
        snooze_reminders,
        get_plan_form,
        propose_plan,
        save_plan_proposal,
        show_plan_proposal,
        delete_plan_proposal,
        plan_agreed_steps,
        get_staying_open,
        set_staying_open,
        close_to_tray,
        keep_window_open,
        quit_app,
        restore_auto_backup,
        reopen_set_aside_journal,
        set_passphrase,
        change_passphrase,
        remove_passphrase,
        page_ready
    ]
}
