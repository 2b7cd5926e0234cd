//! What the journal gives to others: the clinic visit summary (PDF) and the data exports
//! (CSV, FHIR, calendar). Each turns journal data into bytes; writing them to the place the
//! person chose is the command layer's job. The full backup lives with the store
//! (`store::backup`), since it reads and writes every table.

pub mod csv;
pub mod fhir;
pub mod ics;
pub mod pdf;
