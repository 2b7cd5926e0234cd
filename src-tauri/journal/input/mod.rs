//! Shared rules for page input: field-named errors, dates, bounded text and ratings.
//!
//! Every limit the page is held to lives here or beside its type, and the SQL CHECK
//! constraints in `store::migrations` mirror them.
//!
//! `error` is the refusal (which field, and why), `decode` reads the page's JSON into typed
//! input with the field named, `fields` holds the rules and limits for each kind of field.

mod decode;
mod error;
mod fields;

pub use decode::{parse_arg, parse_input, text_or_number};
pub use error::ValidationError;
pub use fields::{
    bounded_whole, name, non_blank, optional_text, parse_date, rating, EARLIEST_DATE, LATEST_DATE,
    NAME_MAX_CHARS, NOTE_MAX_CHARS, SHORT_TEXT_MAX_CHARS,
};
