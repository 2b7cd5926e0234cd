//! Dose steps and planned steps.

use super::{day, Journal, Result, StoreError};
use crate::journal::{DoseStep, Micrograms, PlannedStep, ValidationError};
use rusqlite::{params, ErrorCode};

/// A second step for the same medication on the same day is a conflict the person can fix.
fn map_unique(e: rusqlite::Error, what: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == ErrorCode::ConstraintViolation
                && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::Invalid(ValidationError::new(
                "date",
                format!("There is already a {what} for this medication on that date. Change that one instead."),
            ))
        }
        _ => StoreError::Sqlite(e),
    }
}

impl Journal {
    /// All dose steps, oldest first.
    pub fn dose_steps(&self) -> Result<Vec<DoseStep>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, date, dose_ug, split, note FROM dose_step ORDER BY date, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DoseStep {
                    id: r.get(0)?,
                    medication_id: r.get(1)?,
                    date: day(r, 2, "dose_step", "date")?,
                    dose: Micrograms(r.get(3)?),
                    split: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Inserts a step (`id` 0) or corrects an existing one; returns its id.
    pub fn save_dose_step(&mut self, step: &DoseStep) -> Result<i64> {
        self.medication(step.medication_id)?;
        let tx = self.conn.transaction()?;
        let id = if step.id == 0 {
            tx.execute(
                "INSERT INTO dose_step (medication_id, date, dose_ug, split, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![step.medication_id, step.date, step.dose.0, step.split, step.note],
            )
            .map_err(|e| map_unique(e, "dose step"))?;
            tx.last_insert_rowid()
        } else {
            let n = tx
                .execute(
                    "UPDATE dose_step SET medication_id = ?2, date = ?3, dose_ug = ?4, split = ?5, note = ?6 WHERE id = ?1",
                    params![step.id, step.medication_id, step.date, step.dose.0, step.split, step.note],
                )
                .map_err(|e| map_unique(e, "dose step"))?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "That dose step",
                    field: "id",
                });
            }
            step.id
        };
        tx.commit()?;
        Ok(id)
    }

    pub fn delete_dose_step(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM dose_step WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That dose step",
                field: "id",
            });
        }
        Ok(())
    }

    /// All planned steps, oldest first.
    pub fn planned_steps(&self) -> Result<Vec<PlannedStep>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, date, dose_ug, agreed_at, note FROM planned_step ORDER BY date, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PlannedStep {
                    id: r.get(0)?,
                    medication_id: r.get(1)?,
                    date: day(r, 2, "planned_step", "date")?,
                    dose: Micrograms(r.get(3)?),
                    agreed_at: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn save_planned_step(&mut self, step: &PlannedStep) -> Result<i64> {
        self.medication(step.medication_id)?;
        let tx = self.conn.transaction()?;
        let id = if step.id == 0 {
            tx.execute(
                "INSERT INTO planned_step (medication_id, date, dose_ug, agreed_at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![step.medication_id, step.date, step.dose.0, step.agreed_at, step.note],
            )
            .map_err(|e| map_unique(e, "planned step"))?;
            tx.last_insert_rowid()
        } else {
            let n = tx
                .execute(
                    "UPDATE planned_step SET medication_id = ?2, date = ?3, dose_ug = ?4, agreed_at = ?5, note = ?6 WHERE id = ?1",
                    params![step.id, step.medication_id, step.date, step.dose.0, step.agreed_at, step.note],
                )
                .map_err(|e| map_unique(e, "planned step"))?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "That planned step",
                    field: "id",
                });
            }
            step.id
        };
        tx.commit()?;
        Ok(id)
    }

    /// Adds several planned steps (agreed at a visit) in one transaction: all, or none.
    pub fn add_planned_steps(&mut self, steps: &[PlannedStep]) -> Result<()> {
        for s in steps {
            self.medication(s.medication_id)?;
        }
        let tx = self.conn.transaction()?;
        for s in steps {
            tx.execute(
                "INSERT INTO planned_step (medication_id, date, dose_ug, agreed_at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.medication_id, s.date, s.dose.0, s.agreed_at, s.note],
            )
            .map_err(|e| map_unique(e, "planned step"))?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_planned_step(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM planned_step WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That planned step",
                field: "id",
            });
        }
        Ok(())
    }
}
