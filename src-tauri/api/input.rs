//! What every operation takes from the page: a command's argument as sent, read into its
//! type with the field named; and the one refusal of a day after today.

use super::error::Answer;
use crate::journal::ValidationError;
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

/// A command's argument exactly as the page sent it (absent, null or any JSON), read into
/// its type by [`Arg::take`]: a wrong type or a missing argument is refused naming it in
/// words, never with the shell's "invalid args `id` for command …".
#[derive(Debug, Default, Clone)]
pub struct Arg(Option<Value>);

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Value>::deserialize(d).map(Arg)
    }
}

impl From<Value> for Arg {
    fn from(v: Value) -> Self {
        Arg(Some(v))
    }
}

impl Arg {
    /// The argument as a `T`, or an error naming `name`.
    pub fn take<T: serde::de::DeserializeOwned>(self, name: &str) -> Answer<T> {
        Ok(crate::journal::input::parse_arg(
            name,
            self.0.unwrap_or_default(),
        )?)
    }

    /// The argument as a form for `parse_input` (an absent one is null, refused as "input").
    pub fn form(self) -> Value {
        self.0.unwrap_or_default()
    }
}

/// Refuses `day` for `field` when it is after `today`, in the words of its form (each
/// says what to do instead).
pub fn not_after_today(
    field: &str,
    day: NaiveDate,
    today: NaiveDate,
    why: &str,
) -> Result<(), ValidationError> {
    if day > today {
        return Err(ValidationError::new(field, why));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_or_missing_argument_is_named_in_words() {
        let err = Arg::from(serde_json::json!("7"))
            .take::<i64>("id")
            .unwrap_err();
        assert_eq!(
            (err.kind.name(), err.field.as_deref()),
            ("invalid_input", Some("id"))
        );
        assert_eq!(
            err.message,
            "This field takes a whole number, but text was sent. Nothing was saved."
        );
        let err = Arg::default().take::<bool>("done").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("done"));
        assert!(
            err.message
                .contains("takes a yes/no value, but nothing was sent"),
            "{}",
            err.message
        );
        let err = Arg::from(serde_json::json!([1]))
            .take::<String>("paper")
            .unwrap_err();
        assert!(
            err.message.contains("takes text, but a list was sent"),
            "{}",
            err.message
        );
        // An optional argument may be absent or null.
        assert_eq!(Arg::default().take::<Option<String>>("date").unwrap(), None);
        assert_eq!(
            Arg::from(serde_json::json!(5)).take::<i64>("id").unwrap(),
            5
        );
    }
}
