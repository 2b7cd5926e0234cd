//! GAD-7 and PHQ-9 answers.

use super::{day, Journal, Result};
use crate::journal::questionnaire::{parse_answers, Questionnaire, QuestionnaireKind};
use rusqlite::params;

impl Journal {
    /// Saves a questionnaire; a second one of the same kind on the same day replaces it.
    pub fn save_questionnaire(&mut self, q: &Questionnaire) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = tx.query_row(
            "INSERT INTO questionnaire (kind, date, answers) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind, date) DO UPDATE SET answers = excluded.answers
             RETURNING id",
            params![q.kind.key(), q.date, q.answers_text()],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Every questionnaire, oldest first.
    pub fn questionnaires(&self) -> Result<Vec<Questionnaire>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, date, answers FROM questionnaire ORDER BY date, kind",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let kind_text: String = r.get(1)?;
                let answers_text: String = r.get(3)?;
                let damaged = |idx| {
                    rusqlite::Error::FromSqlConversionFailure(
                        idx,
                        rusqlite::types::Type::Text,
                        "questionnaire row does not match its kind".into(),
                    )
                };
                let kind = QuestionnaireKind::from_key(&kind_text).ok_or_else(|| damaged(1))?;
                Ok(Questionnaire {
                    id: r.get(0)?,
                    kind,
                    date: day(r, 2, "questionnaire", "date")?,
                    answers: parse_answers(kind, &answers_text).ok_or_else(|| damaged(3))?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
