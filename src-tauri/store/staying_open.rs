//! Staying open for reminders, in the settings row (migration 8): whether closing the
//! window leaves the app in the tray, and whether the first such close has said so.
//! (Starting at login is the system's own setting, not the journal's.)

use super::{Journal, Result, StoreError};
use rusqlite::{params, OptionalExtension};

fn not_set_up() -> StoreError {
    StoreError::NotFound {
        what: "The journal's settings",
        field: "keep_in_tray",
    }
}

impl Journal {
    /// (keep running in the tray when the window is closed, the first close has said so);
    /// both off before setup.
    pub fn staying_open(&self) -> Result<(bool, bool)> {
        Ok(self
            .conn
            .query_row(
                "SELECT keep_in_tray, tray_close_explained FROM settings WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((false, false)))
    }

    pub fn set_keep_in_tray(&mut self, keep: bool) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE settings SET keep_in_tray = ?1 WHERE id = 1",
            params![keep],
        )?;
        if changed == 0 {
            return Err(not_set_up());
        }
        Ok(())
    }

    /// The first close to the tray has said where the app went; later ones just close.
    pub fn set_tray_close_explained(&mut self) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE settings SET tray_close_explained = 1 WHERE id = 1",
            [],
        )?;
        if changed == 0 {
            return Err(not_set_up());
        }
        Ok(())
    }
}
