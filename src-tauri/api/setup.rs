//! First-run setup and the Medications screen: the medications, their doses since, the
//! equivalence table and the country whose urgent-help numbers are shown.

use crate::journal::input::{non_blank, parse_date, text_or_number};
use crate::journal::{parse_input, MedicationInput, Micrograms, ValidationError};
use crate::store::Journal;
use crate::taper::EquivalenceTable;
use crate::views::{self, Overview};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use super::error::Answer;
use super::input::not_after_today;

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
    not_after_today(
        "since",
        since,
        today,
        "This is the dose you take now: the date can be today or earlier.",
    )?;
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
