//! Taper plan proposals kept for a visit (migration 9): saved whole, as they were made, so
//! the table brought to the clinic reads the same later; one at a time is shown on the dose
//! chart and the visit summary.

use super::{day, Journal, Result, StoreError};
use crate::journal::ValidationError;
use crate::taper::plan::{PlanRequest, Proposal, SavedProposal};
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// What the `basis` column holds: what the proposal assumed.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Basis {
    labels: Vec<String>,
    request: PlanRequest,
}

fn not_found() -> StoreError {
    StoreError::NotFound {
        what: "That proposal",
        field: "proposal_id",
    }
}

/// A stored value this version cannot read: said, never guessed at.
fn unreadable(column: usize, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

fn proposal_from_row(r: &rusqlite::Row) -> rusqlite::Result<SavedProposal> {
    let basis: Basis =
        serde_json::from_str(&r.get::<_, String>(4)?).map_err(|e| unreadable(4, e))?;
    let proposal: Proposal =
        serde_json::from_str(&r.get::<_, String>(5)?).map_err(|e| unreadable(5, e))?;
    Ok(SavedProposal {
        id: r.get(0)?,
        medication_id: r.get(1)?,
        made_on: day(r, 2, "plan_proposal", "made_on")?,
        shown: r.get(3)?,
        labels: basis.labels,
        request: basis.request,
        proposal,
    })
}

impl Journal {
    /// Every kept proposal, the newest first.
    pub fn plan_proposals(&self) -> Result<Vec<SavedProposal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, made_on, shown, basis, steps FROM plan_proposal ORDER BY made_on DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], proposal_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The proposal shown on the chart and the summary, if one is. One this version cannot
    /// read is not drawn or printed (the Plan screen says it cannot be read), so that it
    /// never stops Trends or the summary from opening.
    pub fn shown_plan_proposal(&self) -> Result<Option<SavedProposal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, made_on, shown, basis, steps FROM plan_proposal WHERE shown = 1",
        )?;
        match stmt.query_row([], proposal_from_row) {
            Ok(p) => Ok(Some(p)),
            Err(rusqlite::Error::QueryReturnedNoRows)
            | Err(rusqlite::Error::FromSqlConversionFailure(..)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Keeps a new proposal; it becomes the one shown. Returns its id.
    pub fn save_plan_proposal(&mut self, p: &SavedProposal) -> Result<i64> {
        self.medication(p.medication_id)?;
        let basis = serde_json::to_string(&Basis {
            labels: p.labels.clone(),
            request: p.request.clone(),
        })
        .map_err(|e| StoreError::Invalid(ValidationError::new("proposal", e.to_string())))?;
        let steps = serde_json::to_string(&p.proposal)
            .map_err(|e| StoreError::Invalid(ValidationError::new("proposal", e.to_string())))?;
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE plan_proposal SET shown = 0 WHERE shown = 1", [])?;
        tx.execute(
            "INSERT INTO plan_proposal (medication_id, made_on, shown, basis, steps) VALUES (?1, ?2, 1, ?3, ?4)",
            params![p.medication_id, p.made_on, basis, steps],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Shows one proposal on the chart and the summary (`None`: none).
    pub fn show_plan_proposal(&mut self, id: Option<i64>) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE plan_proposal SET shown = 0 WHERE shown = 1", [])?;
        if let Some(id) = id {
            if tx.execute("UPDATE plan_proposal SET shown = 1 WHERE id = ?1", [id])? == 0 {
                return Err(not_found());
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_plan_proposal(&mut self, id: i64) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM plan_proposal WHERE id = ?1", [id])?
            == 0
        {
            return Err(not_found());
        }
        Ok(())
    }
}
