//! The data every screen needs: setup state, medications with their current dose, and the
//! fixed lists (reference drugs, symptoms, red flags, practices, tables).

use super::long_date;
use super::urgent_help::{
    chosen_country, help_country_setting, proposed_for_this_system, HelpCountrySetting,
};
use crate::journal::check_in::Practice;
use crate::journal::drugs::reference_drugs;
use crate::journal::symptoms::{RedFlag, BUILTIN_SYMPTOMS, SEVERITY_LABELS};
use crate::journal::{DoseStep, Medication};
use crate::store::{Journal, Result};
use crate::taper::dose_held_since;
use crate::taper::equivalence::{self, EquivalenceTable};
use chrono::NaiveDate;
use serde::Serialize;

/// Shown wherever a figure could be mistaken for advice.
pub const NOT_MEDICAL_ADVICE: &str = "Taper Journal is a journal, not medical advice. Dose changes are decided together with your prescriber.";

#[derive(Debug, Serialize)]
pub struct KeyLabel {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TableChoice {
    pub key: &'static str,
    pub label: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ReferenceChoice {
    pub generic: String,
    pub brands: String,
    pub class_label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MedicationView {
    pub id: i64,
    pub name: String,
    pub class_label: &'static str,
    pub form: &'static str,
    /// "2 mg tablets", "2.5 mg/mL liquid", or "".
    pub strength_label: String,
    /// "1 mg ≈ 10 mg diazepam (2025 joint guideline table, approximate)" or why not converted.
    pub conversion_label: String,
    pub active: bool,
    /// Dose in effect today, mg as typed ("0.75"), empty if none.
    pub current_dose_mg: String,
    /// "0.75 mg a day since 3 Nov 2026".
    pub current_dose_label: String,
    /// The fields as entered, to pre-fill the correction form.
    pub fields: MedicationFields,
}

/// A medication's fields as the page's form holds them.
#[derive(Debug, Serialize)]
pub struct MedicationFields {
    pub generic: String,
    pub brand: String,
    pub form: &'static str,
    pub strength_mg: String,
    pub class: &'static str,
    pub custom_factor_mg: String,
}

#[derive(Debug, Serialize)]
pub struct Overview {
    pub needs_setup: bool,
    pub today: String,
    pub today_label: String,
    pub table: &'static str,
    pub table_label: &'static str,
    pub tables: Vec<TableChoice>,
    pub medications: Vec<MedicationView>,
    pub reference_drugs: Vec<ReferenceChoice>,
    pub symptoms: Vec<KeyLabel>,
    pub severities: [&'static str; 4],
    pub red_flags: Vec<KeyLabel>,
    pub practices: Vec<KeyLabel>,
    /// Whose emergency number and crisis lines the urgent-help message gives.
    pub help_country: HelpCountrySetting,
    /// The daily check-in reminder offered at the end of setup.
    pub reminder_offer: String,
    /// The calendar export's choice of an alarm in each event.
    pub calendar_alarm_label: String,
    pub not_medical_advice: &'static str,
}

pub fn medication_view(
    m: &Medication,
    steps: &[DoseStep],
    table: EquivalenceTable,
    today: NaiveDate,
) -> MedicationView {
    let strength_label = match (m.strength, m.form) {
        (Some(s), crate::journal::Form::Tablet) => format!("{} mg tablets", s.mg_text()),
        (Some(s), crate::journal::Form::Liquid) => format!("{} mg/mL liquid", s.mg_text()),
        (None, crate::journal::Form::Liquid) => "liquid".to_string(),
        (None, crate::journal::Form::Tablet) => String::new(),
    };
    let conversion_label = match equivalence::factor(m, table) {
        Some(f) => format!(
            "{} mg ≈ 10 mg diazepam ({}, approximate)",
            f.mg_per_10_diazepam().mg_text(),
            f.source_label()
        ),
        None if m.class.is_converted() => format!(
            "Not converted: the {} has no figure for {}",
            table.label(),
            m.generic
        ),
        None => "Logged, not converted to diazepam equivalents".to_string(),
    };
    let held = dose_held_since(steps, m.id, today);
    MedicationView {
        id: m.id,
        name: m.display_name(),
        class_label: m.class.label(),
        form: m.form.key(),
        strength_label,
        conversion_label,
        active: m.active,
        fields: MedicationFields {
            generic: m.generic.clone(),
            brand: m.brand.clone().unwrap_or_default(),
            form: m.form.key(),
            strength_mg: m.strength.map(|s| s.mg_text()).unwrap_or_default(),
            class: m.class.key(),
            custom_factor_mg: m.custom_factor.map(|f| f.mg_text()).unwrap_or_default(),
        },
        current_dose_mg: held.map(|(d, _)| d.mg_text()).unwrap_or_default(),
        current_dose_label: match held {
            Some((d, since)) => {
                format!(
                    "{} mg a day since {}",
                    d.mg_text(),
                    super::short_date(since)
                )
            }
            None => "No dose logged yet".to_string(),
        },
    }
}

pub fn overview(journal: &Journal, today: NaiveDate) -> Result<Overview> {
    let settings = journal.settings()?;
    let table = settings
        .as_ref()
        .map_or(EquivalenceTable::Joint2025, |s| s.equivalence_table);
    let steps = journal.dose_steps()?;
    let medications = journal
        .medications()?
        .iter()
        .map(|m| medication_view(m, &steps, table, today))
        .collect();
    Ok(Overview {
        needs_setup: settings.is_none(),
        today: today.format("%Y-%m-%d").to_string(),
        today_label: long_date(today),
        table: table.key(),
        table_label: table.label(),
        tables: EquivalenceTable::ALL
            .iter()
            .map(|t| TableChoice {
                key: t.key(),
                label: t.label(),
                description: t.description(),
            })
            .collect(),
        medications,
        reference_drugs: reference_drugs()
            .iter()
            .map(|d| ReferenceChoice {
                generic: d.generic.clone(),
                brands: d.brands.join(", "),
                class_label: d.class.label(),
            })
            .collect(),
        symptoms: BUILTIN_SYMPTOMS
            .iter()
            .map(|s| KeyLabel {
                key: s.key,
                label: s.label,
            })
            .collect(),
        severities: SEVERITY_LABELS,
        red_flags: RedFlag::ALL
            .iter()
            .map(|f| KeyLabel {
                key: f.key(),
                label: f.label(),
            })
            .collect(),
        practices: Practice::ALL
            .iter()
            .map(|p| KeyLabel {
                key: p.key(),
                label: p.label(),
            })
            .collect(),
        help_country: help_country_setting(chosen_country(journal)?, proposed_for_this_system()),
        reminder_offer: super::reminders::setup_offer(),
        calendar_alarm_label: crate::export::ics::alarm_label(),
        not_medical_advice: NOT_MEDICAL_ADVICE,
    })
}
