//! The journal's operations as the page asks for them: page input (JSON) in, a screen's
//! view or one error `{kind, field, message}` out. No Tauri here, so tests drive exactly
//! what the window drives; `commands` only locks the journal and calls these.

mod error;
pub mod plan;

pub use error::{explain_fault, Answer, ApiError, ErrorKind};

use crate::journal::input::{non_blank, parse_date, text_or_number};
use crate::journal::questionnaire::{QuestionnaireInput, PHQ9_SAFETY_ITEM};
use crate::journal::visit::{question_text, VisitInput};
use crate::journal::{
    parse_input, CheckInInput, DoseStepInput, MedicationInput, Micrograms, PlannedStepInput,
    ValidationError,
};
use crate::store::auto_backup;
use crate::store::{Journal, Passphrase};
use crate::taper::EquivalenceTable;
use crate::views::questionnaires::self_harm_help;
use crate::views::{
    self, CheckInView, HistoryView, Overview, PeriodChoice, QuestionnairesView, SavedCheckIn,
    SavedQuestionnaire, SettingsView, StepsView, TrendsView, VisitsView,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A command's argument exactly as the page sent it (absent, null or any JSON), read into
/// its type by [`Arg::take`]: a wrong type or a missing argument is refused naming it in
/// words, never with the shell's "invalid args `id` for command …".
#[derive(Debug, Default, Clone)]
pub struct Arg(Option<Value>);

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Value>::deserialize(d).map(Arg)
    }
}

impl From<Value> for Arg {
    fn from(v: Value) -> Self {
        Arg(Some(v))
    }
}

impl Arg {
    /// The argument as a `T`, or an error naming `name`.
    pub fn take<T: serde::de::DeserializeOwned>(self, name: &str) -> Answer<T> {
        Ok(crate::journal::input::parse_arg(
            name,
            self.0.unwrap_or_default(),
        )?)
    }

    /// The argument as a form for `parse_input` (an absent one is null, refused as "input").
    pub fn form(self) -> Value {
        self.0.unwrap_or_default()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetupInput {
    medication: MedicationInput,
    #[serde(deserialize_with = "text_or_number")]
    dose_mg: Option<String>,
    since: String,
    #[serde(default)]
    table: Option<String>,
    /// The country whose urgent-help numbers to show; absent leaves it to be chosen.
    #[serde(default)]
    help_country: Option<String>,
    /// The daily check-in reminder at the proposed time, offered at the end of setup.
    #[serde(default)]
    check_in_reminder: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemindersInput {
    time: String,
    check_in: bool,
    questionnaires: bool,
    planned_steps: bool,
    details: bool,
}

/// The Settings card "Staying open".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StayingOpenInput {
    pub keep_in_tray: bool,
    pub start_at_login: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HelpCountryInput {
    help_country: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddMedicationInput {
    medication: MedicationInput,
    #[serde(deserialize_with = "text_or_number")]
    dose_mg: Option<String>,
    since: String,
}

fn current_dose(
    dose: &Option<String>,
    since: &str,
    today: NaiveDate,
) -> Result<(Micrograms, NaiveDate), ValidationError> {
    let dose = match non_blank(dose) {
        Some(t) => Micrograms::parse_mg("dose_mg", "Current daily dose", t)?,
        None => {
            return Err(ValidationError::new(
                "dose_mg",
                "Enter the current total daily dose in mg.",
            ))
        }
    };
    let since = parse_date("since", since)?;
    if since > today {
        return Err(ValidationError::new(
            "since",
            "This is the dose you take now: the date can be today or earlier.",
        ));
    }
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

pub fn overview(j: &Journal, today: NaiveDate) -> Answer<Overview> {
    Ok(views::overview(j, today)?)
}

/// First start: the medication, its current dose since when, and the equivalence table.
pub fn complete_setup(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<Overview> {
    let input: SetupInput = parse_input(input)?;
    let medication = input.medication.validate().map_err(in_medication)?;
    let (dose, since) = current_dose(&input.dose_mg, &input.since, today)?;
    let table = table(input.table.as_deref().unwrap_or("joint_2025"))?;
    let help_country = input
        .help_country
        .as_deref()
        .map(views::urgent_help::parse_help_country)
        .transpose()?;
    if j.settings()?.is_some() {
        return Err(ValidationError::new(
            "form",
            "Setup is already done. Add another medication on the Medications screen.",
        )
        .into());
    }
    let choices = crate::store::SetupChoices {
        table,
        help_country: help_country.as_ref().map(|c| c.key()),
        check_in_reminder: input.check_in_reminder,
    };
    j.complete_setup_in(&medication, dose, since, &choices, today)?;
    overview(j, today)
}

pub fn add_medication(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<Overview> {
    let input: AddMedicationInput = parse_input(input)?;
    let medication = input.medication.validate().map_err(in_medication)?;
    let (dose, since) = current_dose(&input.dose_mg, &input.since, today)?;
    j.add_medication(&medication, dose, since)?;
    overview(j, today)
}

/// Corrects a medication's details; `input` holds the same fields as when it was added.
pub fn update_medication(
    j: &mut Journal,
    id: i64,
    input: Value,
    today: NaiveDate,
) -> Answer<Overview> {
    let medication = parse_input::<MedicationInput>(input)?
        .validate()
        .map_err(in_medication)?;
    j.update_medication(id, &medication)?;
    overview(j, today)
}

pub fn set_medication_active(
    j: &mut Journal,
    id: i64,
    active: bool,
    today: NaiveDate,
) -> Answer<Overview> {
    j.set_medication_active(id, active)?;
    overview(j, today)
}

pub fn set_equivalence_table(j: &mut Journal, key: &str, today: NaiveDate) -> Answer<Overview> {
    j.set_equivalence_table(table(key)?)?;
    overview(j, today)
}

/// Chooses the country whose emergency number and crisis lines the urgent-help message gives.
pub fn set_help_country(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<Overview> {
    let input: HelpCountryInput = parse_input(input)?;
    let country = views::urgent_help::parse_help_country(&input.help_country)?;
    j.set_help_country(country.key())?;
    overview(j, today)
}

pub fn steps(j: &Journal, today: NaiveDate) -> Answer<StepsView> {
    Ok(views::steps_view(j, today)?)
}

/// Logs a new dose step, or corrects one when the input carries its `id`. A step is what
/// was taken from its date on, so it cannot start after today; future steps are planned.
pub fn save_step(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<StepsView> {
    let step = parse_input::<DoseStepInput>(input)?.validate()?;
    if step.date > today {
        return Err(ValidationError::new(
            "date",
            "A dose step starts today or earlier. For a step agreed for later, add a planned step.",
        )
        .into());
    }
    j.save_dose_step(&step)?;
    steps(j, today)
}

pub fn delete_step(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<StepsView> {
    j.delete_dose_step(id)?;
    steps(j, today)
}

pub fn save_planned_step(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<StepsView> {
    let step = parse_input::<PlannedStepInput>(input)?.validate()?;
    j.save_planned_step(&step)?;
    steps(j, today)
}

pub fn delete_planned_step(j: &mut Journal, id: i64, today: NaiveDate) -> Answer<StepsView> {
    j.delete_planned_step(id)?;
    steps(j, today)
}

/// The check-in form for a day (today when `date` is absent).
pub fn check_in(j: &Journal, date: Option<&str>, today: NaiveDate) -> Answer<CheckInView> {
    let day = match date {
        Some(d) => parse_date("date", d)?,
        None => today,
    };
    if day > latest_open_day(j, day, today)? {
        return Err(ValidationError::new(
            "date",
            "A check-in can only be for today or an earlier day.",
        )
        .into());
    }
    Ok(views::check_in_view(j, day, today)?)
}

/// The latest day a check-in may be opened or saved for, asked for `day`: today, or `day`
/// itself when it is later and the journal already holds its check-in or draft. The
/// computer's clock or time zone has moved back since (set by hand, a trip west, a form
/// opened before it moved): what is there stays open and is saved on its own day.
fn latest_open_day(j: &Journal, day: NaiveDate, today: NaiveDate) -> Answer<NaiveDate> {
    let held = day > today && (j.check_in(day)?.is_some() || j.check_in_draft(day)?.is_some());
    Ok(if held { day } else { today })
}

/// Saves a day's check-in (a second save that day replaces the first).
pub fn save_check_in(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<SavedCheckIn> {
    let input = parse_input::<CheckInInput>(input)?;
    // A date that does not parse is named by `validate`.
    let latest = match parse_date("date", &input.date) {
        Ok(day) => latest_open_day(j, day, today)?,
        Err(_) => today,
    };
    let check_in = input.validate(latest)?;
    j.save_check_in(&check_in)?;
    let view = views::check_in_view(j, check_in.date, today)?;
    Ok(SavedCheckIn {
        message: format!("Saved your check-in for {}.", view.date_label),
        check_in: view,
    })
}

/// A kept draft is at most this large: far more than any real check-in form.
pub const DRAFT_MAX_BYTES: usize = 100_000;

/// Keeps what was typed into a day's check-in form, unvalidated, until it is saved.
/// `form` is the list of `[field, value]` pairs the form holds; an empty list forgets it.
pub fn save_check_in_draft(
    j: &mut Journal,
    date: &str,
    form: Value,
    today: NaiveDate,
) -> Answer<()> {
    let day = parse_date("date", date)?;
    if day > latest_open_day(j, day, today)? {
        return Err(ValidationError::new(
            "date",
            "A check-in can only be for today or an earlier day.",
        )
        .into());
    }
    let pairs = form
        .as_array()
        .filter(|a| {
            a.iter().all(|p| {
                p.as_array()
                    .is_some_and(|kv| kv.len() == 2 && kv.iter().all(Value::is_string))
            })
        })
        .ok_or_else(|| ValidationError::new("form", "The unsaved form could not be read."))?;
    if pairs.is_empty() {
        j.save_check_in_draft(day, None)?;
        return Ok(());
    }
    let text = escape_controls(&form.to_string());
    if text.len() > DRAFT_MAX_BYTES {
        return Err(ValidationError::new(
            "form",
            "This is too much text to keep as an unsaved draft; please shorten the note.",
        )
        .into());
    }
    j.save_check_in_draft(day, Some(&text))?;
    Ok(())
}

/// JSON text with every control character written as a `\uXXXX` escape. serde_json escapes
/// only U+0000-U+001F; DEL and U+0080-U+009F would be stored raw, and a backup holding
/// them would be refused by the restore (stored text has no control characters).
fn escape_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_control() {
            // Only inside strings: serde_json writes no raw control characters elsewhere.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

pub fn history(j: &Journal, today: NaiveDate) -> Answer<HistoryView> {
    Ok(views::history_view(j, today)?)
}

/// Charts are drawn this wide when the page does not say (it sends its own width).
pub const DEFAULT_CHART_WIDTH: u32 = 900;

fn setup_first() -> ApiError {
    ApiError {
        cause: None,
        kind: ErrorKind::NotFound,
        field: None,
        message: "Set up the journal first.".to_string(),
    }
}

/// The Trends screen for a period ("weeks_4", "weeks_8", "since_last_visit",
/// "everything"), charts `width` pixels wide.
pub fn trends(
    j: &Journal,
    period: &str,
    width: Option<u32>,
    today: NaiveDate,
) -> Answer<TrendsView> {
    let choice = PeriodChoice::from_key(period)
        .ok_or_else(|| ValidationError::new("period", "Choose one of the listed periods."))?;
    views::trends_view(j, choice, width.unwrap_or(DEFAULT_CHART_WIDTH), today)?
        .ok_or_else(setup_first)
}

pub fn questionnaires(j: &Journal, today: NaiveDate) -> Answer<QuestionnairesView> {
    Ok(views::questionnaires_view(j, today)?)
}

/// Saves a GAD-7 or PHQ-9 (a second one of the same kind that day replaces the first).
pub fn save_questionnaire(
    j: &mut Journal,
    input: Value,
    today: NaiveDate,
) -> Answer<SavedQuestionnaire> {
    let q = parse_input::<QuestionnaireInput>(input)?.validate()?;
    if q.date > today {
        return Err(ValidationError::new(
            "date",
            "A questionnaire is for today or an earlier day.",
        )
        .into());
    }
    j.save_questionnaire(&q)?;
    let country = views::urgent_help::chosen_country(j)?;
    Ok(SavedQuestionnaire {
        message: format!(
            "Saved your {} for {}: {} of {}, {}.",
            q.kind.short_label(),
            views::short_date(q.date),
            q.total(),
            q.kind.max_total(),
            q.band()
        ),
        urgent_help: q
            .safety_concern()
            .then(|| q.answers.get(PHQ9_SAFETY_ITEM).copied())
            .flatten()
            .and_then(|answer| self_harm_help(answer, q.date, today, country)),
        view: views::questionnaires_view(j, today)?,
    })
}

pub fn visits(j: &Journal) -> Answer<VisitsView> {
    Ok(views::visits_view(j)?)
}

/// Records a visit that happened (today or earlier), with the next step agreed there and
/// the questions answered.
pub fn add_visit(j: &mut Journal, input: Value, today: NaiveDate) -> Answer<VisitsView> {
    let visit = parse_input::<VisitInput>(input)?.validate()?;
    if visit.visit.date > today {
        return Err(ValidationError::new(
            "date",
            "Record a visit on the day it happens or afterwards.",
        )
        .into());
    }
    j.add_visit(&visit)?;
    visits(j)
}

pub fn delete_visit(j: &mut Journal, id: i64) -> Answer<VisitsView> {
    j.delete_visit(id)?;
    visits(j)
}

pub fn add_question(j: &mut Journal, text: &str, today: NaiveDate) -> Answer<VisitsView> {
    let text = question_text(text)?;
    j.add_question(&text, today)?;
    visits(j)
}

/// Ticks a question off (today) or opens it again.
pub fn set_question_done(
    j: &mut Journal,
    id: i64,
    done: bool,
    today: NaiveDate,
) -> Answer<VisitsView> {
    j.set_question_done(id, done.then_some(today))?;
    visits(j)
}

pub fn delete_question(j: &mut Journal, id: i64) -> Answer<VisitsView> {
    j.delete_question(id)?;
    visits(j)
}

/// The whole journal as a backup document (JSON), made on `today`.
pub fn backup(j: &Journal, today: NaiveDate) -> Answer<Value> {
    Ok(j.backup(today)?)
}

/// Replaces the journal with a backup file's contents after checking all of it, or changes
/// nothing and says why (field "backup").
pub fn restore(j: &mut Journal, bytes: &[u8]) -> Answer<crate::store::backup::RestoreSummary> {
    Ok(j.restore(bytes)?)
}

/// The backup as the file's bytes (indented JSON, readable in a text editor).
pub fn backup_file(j: &Journal, today: NaiveDate) -> Answer<Vec<u8>> {
    let doc = j.backup(today)?;
    serde_json::to_vec_pretty(&doc).map_err(|e| ApiError {
        cause: None,
        kind: ErrorKind::Storage,
        field: None,
        message: format!("The backup could not be written out ({e})."),
    })
}

/// What a restore did, for the page.
#[derive(Debug, Serialize)]
pub struct Restored {
    pub restored: bool,
    pub message: String,
}

/// Checks a backup fully; if it is good, saves the current journal as a backup beside the
/// journal file, then restores. A bad backup changes nothing and writes nothing.
pub fn restore_keeping_current(j: &mut Journal, bytes: &[u8]) -> Answer<Restored> {
    let checked = crate::store::backup::check_backup(bytes)?;
    // A copy of the database, not JSON: locked with the passphrase when the journal is.
    let aside =
        auto_backup::aside_path(j.path(), crate::store::copies::CopyKind::KeptBeforeRestore);
    j.copy_to(&aside).map_err(|e| ApiError {
        // A full disk or a folder turned read-only is said as such (explain_fault).
        cause: crate::store::write_fault::suspect(&e),
        kind: ErrorKind::Storage,
        field: None,
        message: format!(
            "Nothing was changed: the current journal could not be saved aside first ({e})."
        ),
    })?;
    let s = j.restore_checked(checked)?;
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    Ok(Restored {
        restored: true,
        message: format!(
            "Restored the backup: {}, {}, {}. Your journal as it was is kept in {}.",
            count(s.medications, "medication", "medications"),
            count(s.dose_steps, "dose step", "dose steps"),
            count(s.check_ins, "check-in", "check-ins"),
            aside.display()
        ),
    })
}

impl From<crate::export::csv::CsvError> for ApiError {
    fn from(e: crate::export::csv::CsvError) -> Self {
        match e {
            crate::export::csv::CsvError::Store(s) => s.into(),
            other => ApiError {
                cause: None,
                kind: ErrorKind::Storage,
                field: None,
                message: other.to_string(),
            },
        }
    }
}

/// The journal as CSV, one row per day (columns in `docs/csv-columns.md`), UTF-8 with a BOM.
pub fn export_csv(j: &Journal) -> Answer<Vec<u8>> {
    Ok(crate::export::csv::export(j)?)
}

/// The journal as a FHIR R4 Bundle (JSON), made on `today`.
pub fn export_fhir(j: &Journal, today: NaiveDate) -> Answer<Vec<u8>> {
    Ok(crate::export::fhir::export(j, today)?)
}

/// The planned steps as an .ics calendar made on `today` (neutral titles keep the drug's
/// name and dose out of every event; alarms come the evening before).
pub fn export_ics(
    j: &Journal,
    options: crate::export::ics::CalendarOptions,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    Ok(crate::export::ics::export(j, options, today)?)
}

/// The summary's period and optional patient name, checked; errors name the field.
fn summary_for(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<views::summary::SummaryView> {
    let choice = PeriodChoice::from_key(period)
        .ok_or_else(|| ValidationError::new("period", "Choose one of the listed periods."))?;
    let name = match patient_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(crate::journal::input::name(
            "patient_name",
            "The patient's name",
            n,
        )?),
        None => None,
    };
    views::summary::summary_view(j, choice, name.as_deref(), today)?.ok_or_else(setup_first)
}

fn paper(key: &str) -> Result<crate::export::pdf::Paper, ValidationError> {
    crate::export::pdf::Paper::from_key(key)
        .ok_or_else(|| ValidationError::new("paper", "Choose A4 or US Letter for the paper size."))
}

/// The clinic visit summary as a PDF on `paper` ("a4" or "letter"), for a period
/// (`PeriodChoice` key) and an optional patient name.
pub fn summary_pdf(
    j: &Journal,
    period: &str,
    paper_key: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    let paper = paper(paper_key)?;
    let view = summary_for(j, period, patient_name, today)?;
    crate::export::pdf::summary_pdf(&view, paper).map_err(|e| ApiError {
        cause: None,
        kind: ErrorKind::Export,
        field: None,
        message: e.to_string(),
    })
}

/// The summary PDF on the paper size set in the journal.
pub fn summary_pdf_on_set_paper(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<Vec<u8>> {
    let paper = j.paper()?;
    summary_pdf(j, period, &paper, patient_name, today)
}

/// The Visit summary screen: the summary as it will print, and the paper size set.
#[derive(Debug, Serialize)]
pub struct SummaryScreen {
    pub summary: views::summary::SummaryView,
    pub paper: String,
    pub periods: Vec<views::overview::KeyLabel>,
}

pub fn summary_preview(
    j: &Journal,
    period: &str,
    patient_name: Option<&str>,
    today: NaiveDate,
) -> Answer<SummaryScreen> {
    Ok(SummaryScreen {
        summary: summary_for(j, period, patient_name, today)?,
        paper: j.paper()?,
        periods: PeriodChoice::ALL
            .iter()
            .map(|p| views::overview::KeyLabel {
                key: p.key(),
                label: p.label(),
            })
            .collect(),
    })
}

/// Sets the summary's paper size ("a4" or "letter").
pub fn set_paper(j: &mut Journal, key: &str) -> Answer<()> {
    let p = paper(key)?;
    j.set_paper(p.key())?;
    Ok(())
}

/// The Reminders card at `now` (the person's local time); `problem` is why the last
/// reminder could not be shown, as the shell found.
pub fn reminders(
    j: &Journal,
    now: &chrono::DateTime<chrono::Local>,
    problem: Option<String>,
) -> Answer<views::reminders::RemindersView> {
    Ok(views::reminders::reminders_view(j, now, problem)?)
}

/// Saves what to be reminded of and when.
pub fn set_reminders(j: &mut Journal, input: Value) -> Answer<()> {
    let input: RemindersInput = parse_input(input)?;
    let at = chrono::NaiveTime::parse_from_str(input.time.trim(), "%H:%M").map_err(|_| {
        ValidationError::new(
            "time",
            "Reminder time: use hours and minutes on the 24-hour clock, such as 20:00.",
        )
    })?;
    j.set_reminder_settings(&crate::reminders::ReminderSettings {
        at,
        check_in: input.check_in,
        questionnaires: input.questionnaires,
        planned_steps: input.planned_steps,
        details: input.details,
    })?;
    Ok(())
}

/// "Remind me in an hour": nothing until `until`.
pub fn snooze_reminders(j: &mut Journal, until: chrono::DateTime<chrono::Utc>) -> Answer<()> {
    j.snooze_reminders(until)?;
    Ok(())
}

/// Reads the "Staying open" choices (the login item is the shell's to set).
pub fn staying_open_input(input: Value) -> Answer<StayingOpenInput> {
    Ok(parse_input(input)?)
}

/// Saves whether closing the window keeps the app in the tray.
pub fn set_keep_in_tray(j: &mut Journal, keep: bool) -> Answer<()> {
    j.set_keep_in_tray(keep)?;
    Ok(())
}

/// The About screen, for the journal open now.
pub fn about(j: &Journal) -> Answer<views::AboutView> {
    Ok(views::about_view(j.path()))
}

/// The Settings screen.
pub fn settings(j: &Journal) -> Answer<SettingsView> {
    Ok(views::settings_view(j))
}

/// Replaces the journal with one of its automatic backups (named as listed), keeping the
/// current journal aside first.
pub fn restore_auto_backup(j: &mut Journal, name: &str) -> Answer<Restored> {
    let Some(backup) = auto_backup::find(j.path(), name) else {
        return Err(ApiError {
            cause: None,
            kind: ErrorKind::NotFound,
            field: Some("backup".to_string()),
            message: "That backup is no longer there. Nothing was changed.".to_string(),
        });
    };
    let aside = j.restore_auto_backup(&backup.path)?;
    let what = if backup.kind.is_kept_aside() {
        "the copy kept on"
    } else {
        "the automatic backup from"
    };
    Ok(Restored {
        restored: true,
        message: format!(
            "Restored {what} {}. Your journal as it was is kept in {}.",
            views::long_date(backup.date),
            aside.display()
        ),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPassphraseInput {
    passphrase: String,
    confirm: String,
    /// "I understand a forgotten passphrase cannot be recovered."
    #[serde(default)]
    understood: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangePassphraseInput {
    current: String,
    passphrase: String,
    confirm: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovePassphraseInput {
    current: String,
}

/// The journal's passphrase, checked against what the person typed as "current".
fn current_passphrase(j: &Journal, typed: &str) -> Answer<Passphrase> {
    let given = Passphrase::to_unlock(typed, "current")?;
    if !j.passphrase_matches(&given) {
        return Err(ApiError {
            cause: None,
            kind: ErrorKind::WrongPassphrase,
            field: Some("current".to_string()),
            message: "That is not the journal's current passphrase. Nothing was changed."
                .to_string(),
        });
    }
    Ok(given)
}

/// What a passphrase change did, for the Settings screen.
#[derive(Debug, Serialize)]
pub struct PassphraseChanged {
    pub settings: SettingsView,
    pub message: String,
}

/// The journal changed; says so, and names any copy that could not follow.
fn passphrase_changed(j: &Journal, done: &str, left: Vec<String>) -> Answer<PassphraseChanged> {
    let message = if left.is_empty() {
        format!("{done} So are the copies the app keeps of it.")
    } else {
        format!(
            "{done} {} of its copies could not be changed and were left as they were: {}.",
            left.len(),
            left.join(", ")
        )
    };
    Ok(PassphraseChanged {
        settings: views::settings_view(j),
        message,
    })
}

/// Locks an unencrypted journal, and the copies the app keeps, with a new passphrase.
pub fn set_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: NewPassphraseInput = parse_input(input)?;
    if j.is_encrypted() {
        return Err(ValidationError::new(
            "passphrase",
            "The journal already has a passphrase; use \"Change passphrase\" instead.",
        )
        .into());
    }
    let key = Passphrase::new_checked(&input.passphrase, &input.confirm)?;
    if !input.understood {
        return Err(ValidationError::new(
            "understood",
            "Please tick the box to say you understand that a forgotten passphrase cannot be recovered.",
        )
        .into());
    }
    j.rewrite_with_key(Some(key))?;
    let left = j.rekey_copies(None);
    passphrase_changed(j, "The journal is now locked with your passphrase.", left)
}

/// Changes the passphrase of an encrypted journal and of the copies the app keeps.
pub fn change_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: ChangePassphraseInput = parse_input(input)?;
    let old = current_passphrase(j, &input.current)?;
    let key = Passphrase::new_checked(&input.passphrase, &input.confirm)?;
    j.rewrite_with_key(Some(key))?;
    let left = j.rekey_copies(Some(&old));
    passphrase_changed(j, "The passphrase was changed.", left)
}

/// Removes the passphrase: the journal and the copies the app keeps are stored unencrypted.
pub fn remove_passphrase(j: &mut Journal, input: Value) -> Answer<PassphraseChanged> {
    let input: RemovePassphraseInput = parse_input(input)?;
    let old = current_passphrase(j, &input.current)?;
    j.rewrite_with_key(None)?;
    let left = j.rekey_copies(Some(&old));
    passphrase_changed(
        j,
        "The journal is no longer locked with a passphrase.",
        left,
    )
}

#[cfg(test)]
mod arg_tests {
    use super::*;

    #[test]
    fn a_wrong_or_missing_argument_is_named_in_words() {
        let err = Arg::from(serde_json::json!("7"))
            .take::<i64>("id")
            .unwrap_err();
        assert_eq!(
            (err.kind.name(), err.field.as_deref()),
            ("invalid_input", Some("id"))
        );
        assert_eq!(
            err.message,
            "This field takes a whole number, but text was sent. Nothing was saved."
        );
        let err = Arg::default().take::<bool>("done").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("done"));
        assert!(
            err.message
                .contains("takes a yes/no value, but nothing was sent"),
            "{}",
            err.message
        );
        let err = Arg::from(serde_json::json!([1]))
            .take::<String>("paper")
            .unwrap_err();
        assert!(
            err.message.contains("takes text, but a list was sent"),
            "{}",
            err.message
        );
        // An optional argument may be absent or null.
        assert_eq!(Arg::default().take::<Option<String>>("date").unwrap(), None);
        assert_eq!(
            Arg::from(serde_json::json!(5)).take::<i64>("id").unwrap(),
            5
        );
    }
}
