//! The journal-wide settings row (there is exactly one once setup is done).

use super::{day, Journal, Result};
use crate::taper::EquivalenceTable;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub equivalence_table: EquivalenceTable,
    pub setup_completed_on: NaiveDate,
}

impl Journal {
    /// `None` until first-run setup has been completed.
    pub fn settings(&self) -> Result<Option<Settings>> {
        let row = self
            .conn
            .query_row(
                "SELECT equivalence_table, setup_completed_on FROM settings WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        day(r, 1, "settings", "setup_completed_on")?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(table, on)| Settings {
            // The CHECK constraint admits only known keys.
            equivalence_table: EquivalenceTable::from_key(&table)
                .unwrap_or(EquivalenceTable::Joint2025),
            setup_completed_on: on,
        }))
    }

    /// The clinic summary's paper size key ("a4" or "letter"); "a4" before setup.
    pub fn paper(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT paper FROM settings WHERE id = 1", [], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| "a4".to_string()))
    }

    /// Sets the paper size; the CHECK constraint admits only "a4" and "letter", which the
    /// caller has validated.
    pub fn set_paper(&mut self, key: &str) -> Result<()> {
        let changed = self
            .conn
            .execute("UPDATE settings SET paper = ?1 WHERE id = 1", params![key])?;
        if changed == 0 {
            return Err(super::StoreError::NotFound {
                what: "The journal's settings",
                field: "paper",
            });
        }
        Ok(())
    }

    /// The country whose numbers the urgent-help message gives: a code, "other", or `None`
    /// until chosen (and before setup).
    pub fn help_country(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT help_country FROM settings WHERE id = 1", [], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten())
    }

    /// Sets it; the caller has validated the key against the reference file.
    pub fn set_help_country(&mut self, key: &str) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE settings SET help_country = ?1 WHERE id = 1",
            params![key],
        )?;
        if changed == 0 {
            return Err(super::StoreError::NotFound {
                what: "The journal's settings",
                field: "help_country",
            });
        }
        Ok(())
    }

    pub fn set_equivalence_table(&mut self, table: EquivalenceTable) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE settings SET equivalence_table = ?1 WHERE id = 1",
            params![table.key()],
        )?;
        if changed == 0 {
            return Err(super::StoreError::NotFound {
                what: "The journal's settings",
                field: "table",
            });
        }
        Ok(())
    }
}

pub(super) fn insert_settings(
    tx: &rusqlite::Transaction,
    table: EquivalenceTable,
    help_country: Option<&str>,
    on: NaiveDate,
) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (id, equivalence_table, setup_completed_on, help_country) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET equivalence_table = excluded.equivalence_table,
           help_country = excluded.help_country",
        params![table.key(), on, help_country],
    )?;
    Ok(())
}
