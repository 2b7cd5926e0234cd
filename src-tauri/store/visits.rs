//! Clinic visits and the questions for the prescriber.

use super::{day, Journal, Result, StoreError};
use crate::journal::visit::{Decision, NewVisit, Question, Visit};
use crate::journal::ValidationError;
use rusqlite::params;

impl Journal {
    /// Records a visit, its agreed next step (as a planned step; one already planned for that
    /// medication and day is updated) and the questions answered there, in one transaction.
    pub fn add_visit(&mut self, v: &NewVisit) -> Result<i64> {
        if let Some(step) = &v.next_step {
            self.medication(step.medication_id).map_err(|_| {
                StoreError::Invalid(ValidationError::new(
                    "next_step.medication_id",
                    "Choose the medication the next step is for.",
                ))
            })?;
        }
        let tx = self.conn.transaction()?;
        let planned_step_id: Option<i64> = match &v.next_step {
            Some(s) => Some(tx.query_row(
                "INSERT INTO planned_step (medication_id, date, dose_ug, agreed_at, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (medication_id, date) DO UPDATE SET dose_ug = excluded.dose_ug,
                    agreed_at = excluded.agreed_at, note = excluded.note
                 RETURNING id",
                params![s.medication_id, s.date, s.dose.0, s.agreed_at, s.note],
                |r| r.get(0),
            )?),
            None => None,
        };
        let visit = &v.visit;
        tx.execute(
            "INSERT INTO visit (date, clinician, decision, note, planned_step_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![visit.date, visit.clinician, visit.decision.key(), visit.note, planned_step_id],
        )?;
        let id = tx.last_insert_rowid();
        for q in &v.answered_questions {
            let n = tx.execute(
                "UPDATE question SET done_on = ?2, visit_id = ?3 WHERE id = ?1",
                params![q, visit.date, id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    what: "That question",
                    field: "answered_questions",
                });
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// Every visit, oldest first.
    pub fn visits(&self) -> Result<Vec<Visit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date, clinician, decision, note, planned_step_id FROM visit ORDER BY date, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let key: String = r.get(3)?;
                Ok(Visit {
                    id: r.get(0)?,
                    date: day(r, 1, "visit", "date")?,
                    clinician: r.get(2)?,
                    decision: Decision::from_key(&key).ok_or_else(|| {
                        rusqlite::Error::FromSqlConversionFailure(
                            3,
                            rusqlite::types::Type::Text,
                            "unknown decision".into(),
                        )
                    })?,
                    note: r.get(4)?,
                    planned_step_id: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The latest visit on or before `day`, if any.
    pub fn last_visit_date(&self, day: chrono::NaiveDate) -> Result<Option<chrono::NaiveDate>> {
        // A damaged date is an error, not "no visit".
        Ok(self
            .conn
            .query_row("SELECT max(date) FROM visit WHERE date <= ?1", [day], |r| {
                super::day(r, 0, "visit", "date")
            })?)
    }

    pub fn delete_visit(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        // Questions ticked off at it become open again; its planned step stays planned.
        tx.execute(
            "UPDATE question SET done_on = NULL, visit_id = NULL WHERE visit_id = ?1",
            [id],
        )?;
        let n = tx.execute("DELETE FROM visit WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That visit",
                field: "id",
            });
        }
        tx.commit()?;
        Ok(())
    }

    pub fn add_question(&mut self, text: &str, today: chrono::NaiveDate) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO question (text, added_on) VALUES (?1, ?2)",
            params![text, today],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Ticks a question off (`done_on` set) or opens it again (`None`).
    pub fn set_question_done(&mut self, id: i64, done_on: Option<chrono::NaiveDate>) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE question SET done_on = ?2, visit_id = NULL WHERE id = ?1",
            params![id, done_on],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That question",
                field: "id",
            });
        }
        Ok(())
    }

    pub fn delete_question(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM question WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "That question",
                field: "id",
            });
        }
        Ok(())
    }

    /// Every question: open ones first (oldest first), then those ticked off.
    pub fn questions(&self) -> Result<Vec<Question>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, text, added_on, done_on, visit_id FROM question
             ORDER BY done_on IS NOT NULL, coalesce(done_on, added_on), id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Question {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    added_on: day(r, 2, "question", "added_on")?,
                    done_on: day(r, 3, "question", "done_on")?,
                    visit_id: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Whether `result` failed on a damaged date in `table.column`, said by name.
    fn damaged_in<T: std::fmt::Debug>(result: Result<T>, table: &str, column: &str) -> bool {
        match result {
            Err(StoreError::DamagedDate(d)) => {
                d.table == table
                    && d.column == column
                    && d.to_string().contains(&format!("{table}.{column}"))
            }
            other => panic!("expected a damaged date in {table}.{column}, got {other:?}"),
        }
    }

    #[test]
    fn a_damaged_visit_or_question_date_is_reported_not_skipped() {
        let dir = tempfile::TempDir::new().unwrap();
        let j = Journal::open(&dir.path().join("taper-journal.db")).unwrap();
        let conn = j.connection();
        // Dates the columns' pattern lets through but no calendar has, as a damaged or
        // hand-edited file might hold, beside a sound visit that must not hide them.
        conn.execute_batch(
            "INSERT INTO visit (date, decision) VALUES ('2026-01-15', 'continue');
             INSERT INTO visit (date, decision) VALUES ('2026-02-30', 'continue');
             INSERT INTO question (text, added_on, done_on) VALUES ('Sound?', '2026-03-01', NULL);
             INSERT INTO question (text, added_on, done_on) VALUES ('Damaged?', '2026-03-01', '2026-04-31');",
        )
        .unwrap();
        let march = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        assert!(damaged_in(j.visits(), "visit", "date"));
        assert!(damaged_in(j.last_visit_date(march), "visit", "date"));
        assert!(damaged_in(j.questions(), "question", "done_on"));
    }
}
