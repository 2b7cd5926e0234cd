//! Reading the page's JSON into typed input: unknown or missing fields and wrong types are
//! refused with the field's path named, in words, never serde's or Tauri's.

use super::error::ValidationError;
use serde::de::DeserializeOwned;
use serde::de::Deserializer;
#[cfg(test)]
use serde::Deserialize;

/// Reads page input (a JSON object) into a typed input struct. Unknown fields, missing
/// fields and wrong types are refused with the field named (its path, as the page names
/// it: "medication.form", "answers.8") and said in words, never serde's or Tauri's.
pub fn parse_input<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationError> {
    // Every form is an object; serde would read a list as a struct's fields in order.
    if !value.is_object() {
        return Err(ValidationError::new(
            "input",
            format!(
                "The form's contents did not arrive ({} came instead of the form's fields). Nothing was saved. Please try again; if it keeps happening, restart the app.",
                json_kind(&value)
            ),
        ));
    }
    // serde reads a list in place of a group of fields as the fields in order (and may
    // even accept it). Each list inside the form is asked about first: with an empty group
    // in its place, does the form lack that group's fields? Then it takes a group there.
    for at in list_positions(&value) {
        let mut probe = value.clone();
        if let Some(slot) = probe.pointer_mut(&pointer(&at)) {
            *slot = serde_json::Value::Object(serde_json::Map::new());
        }
        let takes_a_group = match deserialize_at::<T>(probe) {
            Err((p, t)) if p == at => t.starts_with("missing field"),
            Err((p, _)) => p.len() > at.len() && p.starts_with(&at),
            Ok(_) => false,
        };
        if takes_a_group {
            return Err(ValidationError::new(
                at.join("."),
                "This field takes a group of fields, but a list was sent. Nothing was saved.",
            ));
        }
    }
    let (path, text) = match deserialize_at::<T>(value.clone()) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let sent_here = json_kind(
        value
            .pointer(&pointer(&path))
            .unwrap_or(&serde_json::Value::Null),
    );
    Err(match backticked(&text) {
        // The path already ends at the unknown field.
        Some(field) if text.starts_with("unknown field") => ValidationError::new(
            path.join("."),
            format!("\"{field}\" is not a field this form knows. Nothing was saved."),
        ),
        // The path ends at the form that lacks it.
        Some(field) if text.starts_with("missing field") => {
            let mut full = path.clone();
            full.push(field);
            ValidationError::new(full.join("."), "This field is required.")
        }
        _ => ValidationError::new(path.join("."), wrong_type_message(&text, sent_here)),
    })
}

/// A JSON pointer to `path` ("/own_symptoms/neck~1shoulder").
fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// The paths of every list below the top of `v`.
fn list_positions(v: &serde_json::Value) -> Vec<Vec<String>> {
    fn walk(v: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        let children: Vec<(String, &serde_json::Value)> = match v {
            serde_json::Value::Object(m) => m.iter().map(|(k, c)| (k.clone(), c)).collect(),
            serde_json::Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), c))
                .collect(),
            _ => return,
        };
        for (key, child) in children {
            at.push(key);
            if child.is_array() {
                out.push(at.clone());
            }
            walk(child, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

/// Deserialises, or says where it failed (the path's keys and indices) and serde's text.
fn deserialize_at<T: DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, (Vec<String>, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        (path, e.into_inner().to_string())
    })
}

/// Reads one argument of a command (an id, a key, a yes/no) into its type; a wrong type or
/// a missing one is refused naming `name`, in words.
pub fn parse_arg<T: DeserializeOwned>(
    name: &str,
    value: serde_json::Value,
) -> Result<T, ValidationError> {
    let sent = json_kind(&value);
    serde_json::from_value(value)
        .map_err(|e| ValidationError::new(name, wrong_type_message(&e.to_string(), sent)))
}

/// What kind of JSON value was sent, in words.
pub(crate) fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "nothing",
        serde_json::Value::Bool(_) => "a yes/no value",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a group of fields",
    }
}

/// serde's "invalid type: sequence, expected a string" as "This field takes text, but a
/// list was sent."
pub(crate) fn wrong_type_message(text: &str, sent: &str) -> String {
    let expected = text
        .rsplit_once("expected ")
        .map(|(_, e)| e.trim())
        .unwrap_or_default();
    let takes = if expected.starts_with("a string") || expected.starts_with("a char") {
        "text"
    } else if expected.starts_with("text or a number") {
        "text or a number"
    } else if expected.starts_with("a boolean") {
        "a yes/no value"
    } else if expected.starts_with("a sequence") || expected.starts_with("tuple") {
        "a list"
    } else if expected.starts_with("a map") || expected.starts_with("struct") {
        "a group of fields"
    } else if expected.starts_with('u')
        || expected.starts_with('i')
        || expected.starts_with("an integer")
    {
        "a whole number"
    } else if expected.starts_with('f') {
        "a number"
    } else {
        return "This field holds a value the form cannot use. Nothing was saved.".to_string();
    };
    if text.starts_with("invalid value") {
        // The right kind, out of the type's range ("integer `300`, expected u8").
        return format!(
            "This field takes {takes} in a smaller range than the one sent. Nothing was saved."
        );
    }
    let sent = match (takes, sent, text.contains("floating point")) {
        ("a whole number", "a number", true) => "a number with a fraction",
        _ => sent,
    };
    format!("This field takes {takes}, but {sent} was sent. Nothing was saved.")
}

fn backticked(text: &str) -> Option<String> {
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    Some(text[start..start + len].to_string())
}

/// Accepts a JSON string or number for a field typed into a text box, so the page can send
/// exactly what the person typed and Rust alone decides whether it is valid. Anything else
/// is refused as "expected text or a number".
pub fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct TextOrNumber;
    impl<'de> serde::de::Visitor<'de> for TextOrNumber {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text or a number")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(
                serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
            ))
        }
    }
    d.deserialize_any(TextOrNumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_named() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Form {
            date: String,
        }
        let err = parse_input::<Form>(serde_json::json!({"date": "2026-01-01", "dose_kg": 1}))
            .unwrap_err();
        assert_eq!(err.field, "dose_kg");
    }

    #[test]
    fn wrong_types_name_the_field_in_words() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            form: String,
        }
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Form {
            note: Option<String>,
            #[serde(default, deserialize_with = "text_or_number")]
            dose_mg: Option<String>,
            flags: Vec<String>,
            inner: Inner,
            answers: Vec<Option<u8>>,
        }
        let base = serde_json::json!({"note": "x", "dose_mg": 1, "flags": [], "inner": {"form": "tablet"}, "answers": [1]});
        let cases = [
            (
                "/note",
                serde_json::json!(5),
                "note",
                "takes text, but a number",
            ),
            (
                "/dose_mg",
                serde_json::json!([1]),
                "dose_mg",
                "takes text or a number, but a list",
            ),
            (
                "/flags",
                serde_json::json!("seizure"),
                "flags",
                "takes a list, but text",
            ),
            (
                "/inner",
                serde_json::json!([]),
                "inner",
                "takes a group of fields, but a list",
            ),
            (
                "/inner/form",
                serde_json::json!(true),
                "inner.form",
                "takes text, but a yes/no value",
            ),
            (
                "/answers/0",
                serde_json::json!("x"),
                "answers.0",
                "takes a whole number, but text",
            ),
            (
                "/answers/0",
                serde_json::json!(300),
                "answers.0",
                "takes a whole number in a smaller range",
            ),
            (
                "/answers/0",
                serde_json::json!(1.5),
                "answers.0",
                "takes a whole number, but a number with a fraction",
            ),
        ];
        for (pointer, wrong, field, words) in cases {
            let mut v = base.clone();
            *v.pointer_mut(pointer).unwrap() = wrong;
            let err = parse_input::<Form>(v).unwrap_err();
            assert_eq!(err.field, field, "{pointer}");
            assert!(err.message.contains(words), "{pointer}: {}", err.message);
            for serde_word in ["invalid type", "sequence", "untagged", "expected"] {
                assert!(
                    !err.message.contains(serde_word),
                    "{pointer}: {}",
                    err.message
                );
            }
        }
        for root in [
            serde_json::Value::Null,
            serde_json::json!([]),
            serde_json::json!("x"),
        ] {
            let err = parse_input::<Form>(root).unwrap_err();
            assert_eq!(err.field, "input");
            assert!(err.message.contains("did not arrive"), "{}", err.message);
        }
        let nested = parse_input::<Form>(serde_json::json!({"note": "x", "flags": [], "inner": {"form": "t", "x": 1}, "answers": []})).unwrap_err();
        assert_eq!(nested.field, "inner.x");
        // A list where a group of fields goes is refused there, even one whose elements
        // would line up with the group's fields in order.
        let listed = parse_input::<Form>(
            serde_json::json!({"note": "x", "flags": [], "inner": ["tablet"], "answers": []}),
        )
        .unwrap_err();
        assert_eq!(listed.field, "inner");
        assert!(
            listed
                .message
                .contains("takes a group of fields, but a list"),
            "{}",
            listed.message
        );
        // A key with a slash is found where it is ("a/b"), not taken for a path.
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Named {
            own: std::collections::BTreeMap<String, u8>,
        }
        let slash =
            parse_input::<Named>(serde_json::json!({"own": {"neck/shoulder": "x"}})).unwrap_err();
        assert_eq!(slash.field, "own.neck/shoulder");
        assert!(
            slash.message.contains("but text was sent"),
            "{}",
            slash.message
        );
    }
}
