//! Medications, and first-run setup (settings + first medication + its starting dose).

use super::{settings::insert_settings, Journal, Result, StoreError};

/// What first-run setup chooses besides the first medication.
#[derive(Debug, Clone, Copy)]
pub struct SetupChoices<'a> {
    pub table: EquivalenceTable,
    /// The urgent-help country's key, validated by the caller; `None` leaves it to choose.
    pub help_country: Option<&'a str>,
    /// The daily check-in reminder, offered at the end of setup at the proposed time.
    pub check_in_reminder: bool,
}
use crate::journal::{DrugClass, Form, Medication, Micrograms, NewMedication};
use crate::taper::EquivalenceTable;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

const COLUMNS: &str = "id, generic, brand, form, strength_ug, class, custom_factor_ug, active";

fn from_row(r: &Row) -> rusqlite::Result<Medication> {
    let form: String = r.get(3)?;
    let class: String = r.get(5)?;
    Ok(Medication {
        id: r.get(0)?,
        generic: r.get(1)?,
        brand: r.get(2)?,
        // CHECK constraints admit only these keys.
        form: Form::from_key(&form).unwrap_or(Form::Tablet),
        strength: r.get::<_, Option<u32>>(4)?.map(Micrograms),
        class: DrugClass::from_key(&class).unwrap_or(DrugClass::Other),
        custom_factor: r.get::<_, Option<u32>>(6)?.map(Micrograms),
        active: r.get(7)?,
    })
}

fn insert_medication(
    tx: &Transaction,
    m: &NewMedication,
    dose: Micrograms,
    since: NaiveDate,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO medication (generic, brand, form, strength_ug, class, custom_factor_ug, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
        params![
            m.generic,
            m.brand,
            m.form.key(),
            m.strength.map(|s| s.0),
            m.class.key(),
            m.custom_factor.map(|f| f.0)
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO dose_step (medication_id, date, dose_ug, note) VALUES (?1, ?2, ?3, NULL)",
        params![id, since, dose.0],
    )?;
    Ok(id)
}

impl Journal {
    /// First-run setup in one transaction: the chosen table, the medication, and its current
    /// dose as the first dose step; the country for urgent help left to be chosen.
    pub fn complete_setup(
        &mut self,
        medication: &NewMedication,
        dose: Micrograms,
        since: NaiveDate,
        table: EquivalenceTable,
        today: NaiveDate,
    ) -> Result<i64> {
        let choices = SetupChoices {
            table,
            help_country: None,
            check_in_reminder: false,
        };
        self.complete_setup_in(medication, dose, since, &choices, today)
    }

    /// First-run setup as the setup screen does it, with the country whose numbers the
    /// urgent-help message gives (validated by the caller).
    pub fn complete_setup_in(
        &mut self,
        medication: &NewMedication,
        dose: Micrograms,
        since: NaiveDate,
        choices: &SetupChoices,
        today: NaiveDate,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        insert_settings(&tx, choices.table, choices.help_country, today)?;
        if choices.check_in_reminder {
            tx.execute(
                "UPDATE settings SET remind_check_in = 1, reminder_time = ?1 WHERE id = 1",
                [crate::reminders::settings::PROPOSED_TIME
                    .format("%H:%M")
                    .to_string()],
            )?;
        }
        let id = insert_medication(&tx, medication, dose, since)?;
        tx.commit()?;
        Ok(id)
    }

    /// Adds another medication (a crossover or an adjunct) with its current dose.
    pub fn add_medication(
        &mut self,
        medication: &NewMedication,
        dose: Micrograms,
        since: NaiveDate,
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert_medication(&tx, medication, dose, since)?;
        tx.commit()?;
        Ok(id)
    }

    /// All medications, active first, in the order they were added.
    pub fn medications(&self) -> Result<Vec<Medication>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM medication ORDER BY active DESC, id"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn medication(&self, id: i64) -> Result<Medication> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM medication WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "That medication",
                field: "medication_id",
            })
    }

    /// Corrects a medication's details (a misspelt name, the wrong kind, a factor); its
    /// dose steps and check-ins stay attached to it.
    pub fn update_medication(&mut self, id: i64, m: &NewMedication) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE medication SET generic = ?2, brand = ?3, form = ?4, strength_ug = ?5,
             class = ?6, custom_factor_ug = ?7 WHERE id = ?1",
            params![
                id,
                m.generic,
                m.brand,
                m.form.key(),
                m.strength.map(|s| s.0),
                m.class.key(),
                m.custom_factor.map(|f| f.0)
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That medication",
                field: "id",
            });
        }
        Ok(())
    }

    /// Stops (or resumes) showing a medication on Today; its history stays.
    pub fn set_medication_active(&mut self, id: i64, active: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE medication SET active = ?2 WHERE id = ?1",
            params![id, active],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That medication",
                field: "medication_id",
            });
        }
        Ok(())
    }
}
