//! Numbered schema migrations tracked by `PRAGMA user_version`.
//!
//! Migration N takes the schema from version N-1 to N. A shipped migration is never edited:
//! add a new one. Each runs in its own transaction with the version bump, so a crash leaves
//! the file at N-1 or N, never between. CHECK constraints mirror `journal` validation.

use super::{Result, StoreError};
use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[
    // 1: medications, settings, dose steps and daily check-ins.
    "CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        equivalence_table TEXT NOT NULL CHECK (equivalence_table IN ('joint_2025', 'ashton')),
        setup_completed_on TEXT NOT NULL
    ) STRICT;
    CREATE TABLE medication (
        id INTEGER PRIMARY KEY,
        generic TEXT NOT NULL CHECK (length(generic) BETWEEN 1 AND 80),
        brand TEXT CHECK (brand IS NULL OR length(brand) BETWEEN 1 AND 80),
        form TEXT NOT NULL CHECK (form IN ('tablet', 'liquid')),
        strength_ug INTEGER CHECK (strength_ug IS NULL OR strength_ug BETWEEN 1 AND 5000000),
        class TEXT NOT NULL CHECK (class IN ('benzodiazepine', 'z_drug', 'other')),
        custom_factor_ug INTEGER CHECK (custom_factor_ug IS NULL OR custom_factor_ug BETWEEN 1 AND 5000000),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT;
    CREATE TABLE dose_step (
        id INTEGER PRIMARY KEY,
        medication_id INTEGER NOT NULL REFERENCES medication(id),
        date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        dose_ug INTEGER NOT NULL CHECK (dose_ug BETWEEN 0 AND 5000000),
        split TEXT CHECK (split IS NULL OR length(split) <= 200),
        note TEXT CHECK (note IS NULL OR length(note) <= 2000),
        UNIQUE (medication_id, date)
    ) STRICT;
    CREATE TABLE check_in (
        date TEXT PRIMARY KEY CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),
        mood INTEGER CHECK (mood BETWEEN 0 AND 10),
        sleep_quarter_hours INTEGER CHECK (sleep_quarter_hours BETWEEN 0 AND 96),
        sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),
        seizure INTEGER NOT NULL DEFAULT 0 CHECK (seizure IN (0, 1)),
        hallucinations INTEGER NOT NULL DEFAULT 0 CHECK (hallucinations IN (0, 1)),
        confusion INTEGER NOT NULL DEFAULT 0 CHECK (confusion IN (0, 1)),
        self_harm_thoughts INTEGER NOT NULL DEFAULT 0 CHECK (self_harm_thoughts IN (0, 1)),
        alcohol_drinks INTEGER CHECK (alcohol_drinks BETWEEN 0 AND 50),
        opioids INTEGER NOT NULL DEFAULT 0 CHECK (opioids IN (0, 1)),
        cannabis INTEGER NOT NULL DEFAULT 0 CHECK (cannabis IN (0, 1)),
        other_sedatives INTEGER NOT NULL DEFAULT 0 CHECK (other_sedatives IN (0, 1)),
        substance_note TEXT CHECK (substance_note IS NULL OR length(substance_note) <= 200),
        practice_note TEXT CHECK (practice_note IS NULL OR length(practice_note) <= 200),
        note TEXT CHECK (note IS NULL OR length(note) <= 2000)
    ) STRICT;
    CREATE TABLE check_in_symptom (
        check_in_date TEXT NOT NULL REFERENCES check_in(date) ON DELETE CASCADE,
        builtin INTEGER NOT NULL CHECK (builtin IN (0, 1)),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
        PRIMARY KEY (check_in_date, builtin, name)
    ) STRICT;
    CREATE TABLE check_in_dose (
        check_in_date TEXT NOT NULL REFERENCES check_in(date) ON DELETE CASCADE,
        medication_id INTEGER NOT NULL REFERENCES medication(id),
        dose_ug INTEGER NOT NULL CHECK (dose_ug BETWEEN 0 AND 5000000),
        PRIMARY KEY (check_in_date, medication_id)
    ) STRICT;
    CREATE TABLE check_in_practice (
        check_in_date TEXT NOT NULL REFERENCES check_in(date) ON DELETE CASCADE,
        practice TEXT NOT NULL CHECK (practice IN ('cbt', 'dbt_skill', 'exercise', 'relaxation')),
        PRIMARY KEY (check_in_date, practice)
    ) STRICT;",
    // 2: steps agreed with the prescriber, and indexes for date-ordered reads.
    "CREATE TABLE planned_step (
        id INTEGER PRIMARY KEY,
        medication_id INTEGER NOT NULL REFERENCES medication(id),
        date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        dose_ug INTEGER NOT NULL CHECK (dose_ug BETWEEN 0 AND 5000000),
        agreed_at TEXT CHECK (agreed_at IS NULL OR length(agreed_at) <= 200),
        note TEXT CHECK (note IS NULL OR length(note) <= 2000),
        UNIQUE (medication_id, date)
    ) STRICT;
    CREATE INDEX dose_step_by_date ON dose_step(date);
    CREATE INDEX check_in_dose_by_medication ON check_in_dose(medication_id);",
    // 3: what was typed into a day's check-in form but not yet saved, so closing the app
    // never loses it. The form's fields as JSON, validated only when saved for real.
    "CREATE TABLE check_in_draft (
        date TEXT PRIMARY KEY CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        form TEXT NOT NULL CHECK (length(form) <= 100000)
    ) STRICT;",
    // 4: GAD-7 / PHQ-9 answers, clinic visits, and the patient's questions for the
    // prescriber. Answers are kept as a string of item scores ("0123012"), one digit each.
    "CREATE TABLE questionnaire (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('gad7', 'phq9')),
        date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        answers TEXT NOT NULL CHECK (
            answers NOT GLOB '*[^0-3]*'
            AND length(answers) = CASE kind WHEN 'gad7' THEN 7 ELSE 9 END),
        UNIQUE (kind, date)
    ) STRICT;
    CREATE TABLE visit (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        clinician TEXT CHECK (clinician IS NULL OR length(clinician) <= 200),
        decision TEXT NOT NULL CHECK (decision IN ('continue', 'hold', 'slow_down', 'other')),
        note TEXT CHECK (note IS NULL OR length(note) <= 2000),
        planned_step_id INTEGER REFERENCES planned_step(id) ON DELETE SET NULL
    ) STRICT;
    CREATE INDEX visit_by_date ON visit(date);
    CREATE TABLE question (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
        added_on TEXT NOT NULL CHECK (added_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        done_on TEXT CHECK (done_on IS NULL OR done_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        visit_id INTEGER REFERENCES visit(id) ON DELETE SET NULL
    ) STRICT;",
    // 5: the paper size of the clinic summary (a setting: A4 in most of the world, US
    // Letter in North America).
    "ALTER TABLE settings ADD COLUMN paper TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a4', 'letter'));",
    // 6: whose emergency number and crisis lines the urgent-help message gives: a country
    // code of the reference file, 'other' (the general message), or NULL until chosen
    // (existing journals; the general message meanwhile).
    "ALTER TABLE settings ADD COLUMN help_country TEXT CHECK (help_country IS NULL OR help_country = 'other' OR (length(help_country) = 2 AND help_country GLOB '[A-Z][A-Z]'));",
    // 7: reminders (all off until the person turns one on): the local time of day, what
    // to be reminded of, whether the notification may say more than "time for your
    // check-in"; and what was shown, so a restart does not remind twice in a day.
    "ALTER TABLE settings ADD COLUMN reminder_time TEXT CHECK (reminder_time IS NULL OR reminder_time GLOB '[01][0-9]:[0-5][0-9]' OR reminder_time GLOB '2[0-3]:[0-5][0-9]');
     ALTER TABLE settings ADD COLUMN remind_check_in INTEGER NOT NULL DEFAULT 0 CHECK (remind_check_in IN (0, 1));
     ALTER TABLE settings ADD COLUMN remind_questionnaires INTEGER NOT NULL DEFAULT 0 CHECK (remind_questionnaires IN (0, 1));
     ALTER TABLE settings ADD COLUMN remind_planned_steps INTEGER NOT NULL DEFAULT 0 CHECK (remind_planned_steps IN (0, 1));
     ALTER TABLE settings ADD COLUMN reminder_details INTEGER NOT NULL DEFAULT 0 CHECK (reminder_details IN (0, 1));
     ALTER TABLE settings ADD COLUMN reminded_check_in_on TEXT;
     ALTER TABLE settings ADD COLUMN reminded_questionnaires_on TEXT;
     ALTER TABLE settings ADD COLUMN reminded_step_tomorrow_on TEXT;
     ALTER TABLE settings ADD COLUMN reminded_step_today_on TEXT;
     ALTER TABLE settings ADD COLUMN reminders_snoozed_until TEXT;",
    // 8: staying open for reminders: keep running in the tray when the window is closed
    // (off until chosen), and whether the first such close has said where the app went.
    "ALTER TABLE settings ADD COLUMN keep_in_tray INTEGER NOT NULL DEFAULT 0 CHECK (keep_in_tray IN (0, 1));
     ALTER TABLE settings ADD COLUMN tray_close_explained INTEGER NOT NULL DEFAULT 0 CHECK (tray_close_explained IN (0, 1));",
    // 9: taper plan proposals kept for a visit, as they were made (taper::plan::SavedProposal):
    // what was assumed (dose times, units, pace) and the proposed steps, each as JSON since
    // they are read and written whole; at most one is shown on the chart and the summary.
    "CREATE TABLE plan_proposal (
        id INTEGER PRIMARY KEY,
        medication_id INTEGER NOT NULL REFERENCES medication(id),
        made_on TEXT NOT NULL CHECK (made_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        shown INTEGER NOT NULL DEFAULT 0 CHECK (shown IN (0, 1)),
        basis TEXT NOT NULL CHECK (length(basis) <= 20000 AND json_valid(basis)),
        steps TEXT NOT NULL CHECK (length(steps) <= 1000000 AND json_valid(steps))
    ) STRICT;
    CREATE UNIQUE INDEX plan_proposal_shown ON plan_proposal(shown) WHERE shown = 1;",
    // 10: check-ins brought in from another app's file (or this app's CSV): each import, the
    // days it wrote (a row goes with its check-in when the person changes or deletes that
    // day, so an undo never removes what the person wrote since), and the check-ins it
    // replaced at the person's choice, as backup rows (JSON), so that an undo puts them back.
    // (Those rows are the check-in tables' columns as of this version: a later migration that
    // adds a required column to them must convert `import_replaced.rows` too.)
    "CREATE TABLE import (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('taper_journal_csv', 'emoods', 'daylio', 'bearable')),
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        imported_on TEXT NOT NULL CHECK (imported_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        days INTEGER NOT NULL CHECK (days >= 0),
        undone_on TEXT CHECK (undone_on IS NULL OR undone_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
    ) STRICT;
    CREATE TABLE imported_check_in (
        check_in_date TEXT PRIMARY KEY REFERENCES check_in(date) ON DELETE CASCADE,
        import_id INTEGER NOT NULL REFERENCES import(id)
    ) STRICT;
    CREATE INDEX imported_check_in_import ON imported_check_in(import_id);
    CREATE TABLE import_replaced (
        import_id INTEGER NOT NULL REFERENCES import(id),
        date TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        rows TEXT NOT NULL CHECK (length(rows) <= 100000 AND json_valid(rows)),
        PRIMARY KEY (import_id, date)
    ) STRICT;",
];

/// The schema version of an open database.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a database newer than this binary knows. Reads only: callers run it before
/// anything (such as switching to WAL) could change the file.
pub fn refuse_newer(conn: &Connection) -> Result<()> {
    let supported = MIGRATIONS.len() as i64;
    let current = version(conn)?;
    if current > supported {
        return Err(StoreError::NewerSchema {
            found: current,
            supported,
        });
    }
    Ok(())
}

/// Brings the schema up to version `target` (<= MIGRATIONS.len()). Refuses a database
/// newer than this binary knows, without touching it.
pub fn migrate(conn: &mut Connection, target: usize) -> Result<()> {
    refuse_newer(conn)?;
    let current = version(conn)?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target)
        .skip(current.max(0) as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
