//! Daily check-ins and their symptoms, doses taken and practices.

use super::{day, Journal, Result, StoreError};
use crate::journal::check_in::{DoseTaken, Practice, RedFlag, SymptomEntry};
use crate::journal::{CheckIn, Micrograms, QuarterHours, ValidationError};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const COLUMNS: &str =
    "date, anxiety, mood, sleep_quarter_hours, sleep_quality, seizure, hallucinations,
    confusion, self_harm_thoughts, alcohol_drinks, opioids, cannabis, other_sedatives,
    substance_note, practice_note, note";

fn from_row(r: &Row) -> rusqlite::Result<CheckIn> {
    let flags = [
        (5, RedFlag::Seizure),
        (6, RedFlag::Hallucinations),
        (7, RedFlag::Confusion),
        (8, RedFlag::SelfHarmThoughts),
    ];
    let mut red_flags = Vec::new();
    for (idx, flag) in flags {
        if r.get::<_, bool>(idx)? {
            red_flags.push(flag);
        }
    }
    Ok(CheckIn {
        date: day(r, 0, "check_in", "date")?,
        anxiety: r.get(1)?,
        mood: r.get(2)?,
        sleep: r.get::<_, Option<u8>>(3)?.map(QuarterHours),
        sleep_quality: r.get(4)?,
        symptoms: Vec::new(),
        red_flags,
        doses_taken: Vec::new(),
        alcohol_drinks: r.get(9)?,
        opioids: r.get(10)?,
        cannabis: r.get(11)?,
        other_sedatives: r.get(12)?,
        substance_note: r.get(13)?,
        practices: Vec::new(),
        practice_note: r.get(14)?,
        note: r.get(15)?,
    })
}

impl Journal {
    /// Saves the day's check-in, replacing any earlier one for that day, in one transaction.
    pub fn save_check_in(&mut self, c: &CheckIn) -> Result<()> {
        for d in &c.doses_taken {
            if self.medication(d.medication_id).is_err() {
                return Err(StoreError::Invalid(ValidationError::new(
                    format!("doses_taken.{}", d.medication_id),
                    "That medication is not in the journal.",
                )));
            }
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM check_in_draft WHERE date = ?1", [c.date])?;
        write_check_in(&tx, c)?;
        tx.commit()?;
        Ok(())
    }

    /// The check-in for one day, if there is one.
    pub fn check_in(&self, date: NaiveDate) -> Result<Option<CheckIn>> {
        Ok(load(&self.conn, Some(date), Some(date))?.pop())
    }

    /// Every check-in, oldest first.
    pub fn check_ins(&self) -> Result<Vec<CheckIn>> {
        load(&self.conn, None, None)
    }

    /// The day of the first check-in, if any.
    pub fn first_check_in_date(&self) -> Result<Option<NaiveDate>> {
        self.check_in_date("SELECT min(date) FROM check_in")
    }

    /// The day of the latest check-in, if any (after today when the clock was set back).
    pub fn last_check_in_date(&self) -> Result<Option<NaiveDate>> {
        self.check_in_date("SELECT max(date) FROM check_in")
    }

    fn check_in_date(&self, sql: &str) -> Result<Option<NaiveDate>> {
        // A damaged date is an error, not "no check-in".
        Ok(self
            .conn
            .query_row(sql, [], |r| day(r, 0, "check_in", "date"))?)
    }

    /// The check-ins from `from` to `to` inclusive, oldest first.
    pub fn check_ins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        load(&self.conn, Some(from), Some(to))
    }

    /// Keeps (or, with `None`, forgets) the unsaved form of a day's check-in.
    pub fn save_check_in_draft(&mut self, date: NaiveDate, form: Option<&str>) -> Result<()> {
        match form {
            Some(f) => self.conn.execute(
                "INSERT INTO check_in_draft (date, form) VALUES (?1, ?2)
                 ON CONFLICT (date) DO UPDATE SET form = excluded.form",
                params![date, f],
            )?,
            None => self
                .conn
                .execute("DELETE FROM check_in_draft WHERE date = ?1", [date])?,
        };
        Ok(())
    }

    /// The unsaved form of a day's check-in, if one was kept.
    pub fn check_in_draft(&self, date: NaiveDate) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT form FROM check_in_draft WHERE date = ?1",
                [date],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The names of the person's own symptoms, as used in any check-in.
    pub fn own_symptom_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT name FROM check_in_symptom WHERE builtin = 0 ORDER BY name",
        )?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }
}

/// Writes one check-in inside the caller's transaction, replacing any earlier one for that
/// day (its children go with it: ON DELETE CASCADE). Medication ids must have been checked.
pub(super) fn write_check_in(tx: &Transaction, c: &CheckIn) -> Result<()> {
    let date = c.date;
    let has = |f: RedFlag| c.red_flags.contains(&f);
    // Children go with the old row (ON DELETE CASCADE) and are written afresh.
    tx.execute("DELETE FROM check_in WHERE date = ?1", [date])?;
    tx.execute(
        &format!("INSERT INTO check_in ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            date,
            c.anxiety,
            c.mood,
            c.sleep.map(|s| s.0),
            c.sleep_quality,
            has(RedFlag::Seizure),
            has(RedFlag::Hallucinations),
            has(RedFlag::Confusion),
            has(RedFlag::SelfHarmThoughts),
            c.alcohol_drinks,
            c.opioids,
            c.cannabis,
            c.other_sedatives,
            c.substance_note,
            c.practice_note,
            c.note
        ],
    )?;
    for s in &c.symptoms {
        tx.execute(
            "INSERT INTO check_in_symptom (check_in_date, builtin, name, severity) VALUES (?1, ?2, ?3, ?4)",
            params![date, s.builtin, s.name, s.severity],
        )?;
    }
    for d in &c.doses_taken {
        tx.execute(
            "INSERT INTO check_in_dose (check_in_date, medication_id, dose_ug) VALUES (?1, ?2, ?3)",
            params![date, d.medication_id, d.dose.0],
        )?;
    }
    for p in &c.practices {
        tx.execute(
            "INSERT INTO check_in_practice (check_in_date, practice) VALUES (?1, ?2)",
            params![date, p.key()],
        )?;
    }
    Ok(())
}

/// Loads the check-ins from `from` to `to` (inclusive; `None` is open-ended) with their
/// child rows: four queries, not one per day.
fn load(conn: &Connection, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<CheckIn>> {
    // Bounds that stay plain (not "?1 IS NULL OR …", which SQLite cannot use the date keys
    // for): an open end is text below or above every stored day.
    let filter = "WHERE date BETWEEN coalesce(?1, '0000-00-00') AND coalesce(?2, '9999-99-99')";
    let child_filter =
        "WHERE check_in_date BETWEEN coalesce(?1, '0000-00-00') AND coalesce(?2, '9999-99-99')";

    let mut check_ins = Vec::new();
    // The stored text of each check-in's day, to walk the child rows beside.
    let mut days: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM check_in {filter} ORDER BY date"
        ))?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            check_ins.push(from_row(r)?);
            days.push(r.get(0)?);
        }
    }
    // Each child table is read in date order too: walk it beside the check-ins (no lookup,
    // no date parsed per row). A child row without its check-in cannot be (foreign key).
    let mut walk = |sql: &str,
                    add: &mut dyn FnMut(&mut CheckIn, &rusqlite::Row) -> rusqlite::Result<()>|
     -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![from, to])?;
        let mut at = 0;
        while let Some(r) = rows.next()? {
            let day = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            while at < days.len() && days[at].as_str() < day {
                at += 1;
            }
            if days.get(at).is_some_and(|d| d == day) {
                add(&mut check_ins[at], r)?;
            }
        }
        Ok(())
    };
    // In the primary key's order, so SQLite reads the key's index without sorting (with
    // "builtin DESC" it sorted every row: a fifth of a 10-year load); built-in symptoms
    // are put first per day below.
    walk(
        &format!("SELECT check_in_date, builtin, name, severity FROM check_in_symptom {child_filter} ORDER BY check_in_date, builtin, name"),
        &mut |c, r| {
            c.symptoms.push(SymptomEntry {
                builtin: r.get(1)?,
                name: r.get(2)?,
                severity: r.get(3)?,
            });
            Ok(())
        },
    )?;
    walk(
        &format!("SELECT check_in_date, medication_id, dose_ug FROM check_in_dose {child_filter} ORDER BY check_in_date, medication_id"),
        &mut |c, r| {
            c.doses_taken.push(DoseTaken {
                medication_id: r.get(1)?,
                dose: Micrograms(r.get(2)?),
            });
            Ok(())
        },
    )?;
    walk(
        &format!("SELECT check_in_date, practice FROM check_in_practice {child_filter} ORDER BY check_in_date"),
        &mut |c, r| {
            if let Some(p) = Practice::from_key(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?) {
                c.practices.push(p);
            }
            Ok(())
        },
    )?;
    for c in &mut check_ins {
        // Stable: built-in symptoms first, each group still by name.
        c.symptoms.sort_by_key(|s| !s.builtin);
        c.practices.sort();
    }
    Ok(check_ins)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_of(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_damaged_check_in_date_is_reported_not_skipped() {
        let dir = tempfile::TempDir::new().unwrap();
        let j = Journal::open(&dir.path().join("taper-journal.db")).unwrap();
        // A day the column's pattern lets through but no calendar has, beside sound ones
        // that must not hide it.
        j.connection()
            .execute_batch(
                "INSERT INTO check_in (date) VALUES ('2026-03-01');
                 INSERT INTO check_in (date) VALUES ('2026-03-39');
                 INSERT INTO check_in (date) VALUES ('2026-04-01');",
            )
            .unwrap();
        let damaged = |result: Result<Vec<CheckIn>>| match result {
            Err(StoreError::DamagedDate(d)) => {
                assert_eq!((d.table, d.column), ("check_in", "date"));
                assert!(d.to_string().contains("check_in.date"), "{d}");
            }
            other => panic!("expected a damaged date, got {other:?}"),
        };
        damaged(j.check_ins());
        damaged(j.check_ins_between(day_of("2026-03-02"), day_of("2026-04-30")));
        // Outside the damaged day, the others read as before.
        assert_eq!(
            j.check_ins_between(day_of("2026-04-01"), day_of("2026-04-30"))
                .unwrap()
                .len(),
            1
        );
        // The latest day is sound; the damaged one is not passed over for "none".
        assert_eq!(j.last_check_in_date().unwrap(), Some(day_of("2026-04-01")));
        j.connection()
            .execute("DELETE FROM check_in WHERE date = '2026-04-01'", [])
            .unwrap();
        assert!(matches!(
            j.last_check_in_date(),
            Err(StoreError::DamagedDate(_))
        ));
    }

    #[test]
    fn a_day_is_stored_as_the_text_the_schema_checks() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut j = Journal::open(&dir.path().join("taper-journal.db")).unwrap();
        // rusqlite writes a NaiveDate as "%F", zero-padded as every existing file holds it,
        // and the column's CHECK still holds it to its pattern (no year before 1000).
        j.save_check_in_draft(day_of("0999-01-02"), Some("{}"))
            .unwrap_err();
        j.save_check_in_draft(day_of("2026-03-04"), Some("{}"))
            .unwrap();
        let (text, kind): (String, String) = j
            .connection()
            .query_row("SELECT date, typeof(date) FROM check_in_draft", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((text.as_str(), kind.as_str()), ("2026-03-04", "text"));
        assert_eq!(
            j.check_in_draft(day_of("2026-03-04")).unwrap().as_deref(),
            Some("{}")
        );
    }
}
