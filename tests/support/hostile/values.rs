//! Hostile values for every argument, near misses of the valid forms, and how a failing
//! case shows them (invisible characters written out, long strings shortened).

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------

/// Text that has broken parsers before: number and date look-alikes, markup, injection,
/// invisible and direction-changing characters, keys that are valid elsewhere.
pub const TRICKY: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "a\u{0}b",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "0",
    "00000000000000000000001",
    "1e309",
    "1E3",
    "-1",
    "0x10",
    "1_000",
    "1,5",
    "1.2.3",
    ".5",
    "5.",
    "١٫٥",
    "１．５",
    "½",
    "5000.001",
    "4294967.296",
    "18446744073709551616",
    "9223372036854775808",
    "2026-02-29",
    "2024-02-29",
    "2026-11-23",
    "1969-12-31",
    "1970-01-01",
    "2100-12-31",
    "2101-01-01",
    "0000-00-00",
    "+2026-11-20",
    "2026-11-20T00:00:00",
    "2026-W47-1",
    " 2026-11-20 ",
    "２０２６-１１-２０",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\")",
    "@SUM(A1)",
    "\u{202e}evil",
    "\u{feff}",
    "\u{200b}",
    "🏳️‍🌈",
    "Ω≈ç√∫",
    "null",
    "true",
    "[]",
    "{}",
    "__proto__",
    "constructor",
    "'; DROP TABLE check_in; --",
    "%s%n%x",
    "../../etc/passwd",
    "joint_2025",
    "ashton",
    "JOINT_2025",
    "joint_2025 ",
    "a4",
    "letter",
    "A4\u{0}",
    "everything",
    "weeks_4",
    "since_last_visit",
    "everything\n",
    "clonazepam",
    "benzodiazepine",
    "z_drug",
    "liquid",
    "gad7",
    "phq9",
    "hold",
    "seizure",
    "exercise",
];

pub fn hostile_string() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[\\x00-\\x1f\\x7f\\u{85}\\u{a0}\\u{200b}-\\u{200f}\\u{2028}\\u{2029}\\u{202a}-\\u{202e}\\u{feff} a-z0-9<>&\"'=+@.,-]{0,12}",
        3 => select(TRICKY).prop_map(String::from),
        1 => (0usize..=120_000, select(vec!['x', 'é', '😊', '\u{0}', '<', '\n', ' ']))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
        2 => "[-+]?[0-9]{0,25}([.,][0-9]{0,8})?([eE][-+]?[0-9]{1,4})?",
        2 => "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3} ?",
    ]
    .boxed()
}

pub fn hostile_number() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => select(vec![0i64, -1, 1, 2, 3, 4, 7, 9, 10, 11, 50, 51, 255, 256, 5000, 5001, i64::MAX, i64::MIN])
            .prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        // NaN and the infinities cannot be JSON numbers; serde_json makes them null.
        1 => any::<f64>().prop_map(Value::from),
        1 => select(vec![1e308, -0.0, 0.1, 1.5, 2.0, 5e-324, -1.5, 1e-7]).prop_map(Value::from),
    ]
    .boxed()
}

/// Field names of every form, so arbitrary objects sometimes have the right keys.
pub const FIELDS: &[&str] = &[
    "medication",
    "dose_mg",
    "since",
    "table",
    "generic",
    "brand",
    "form",
    "strength_mg",
    "class",
    "custom_factor_mg",
    "id",
    "medication_id",
    "date",
    "split",
    "note",
    "agreed_at",
    "anxiety",
    "mood",
    "sleep_hours",
    "sleep_quality",
    "symptoms",
    "own_symptoms",
    "red_flags",
    "doses_taken",
    "alcohol_drinks",
    "opioids",
    "cannabis",
    "other_sedatives",
    "substance_note",
    "practices",
    "practice_note",
    "kind",
    "answers",
    "clinician",
    "decision",
    "next_step",
    "answered_questions",
    "insomnia",
    "tremor",
    "1",
    "2",
];

pub fn field_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(FIELDS).prop_map(String::from),
        1 => hostile_string(),
    ]
    .boxed()
}

pub fn scalar() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => hostile_number(),
        4 => hostile_string().prop_map(Value::String),
    ]
    .boxed()
}

/// Arbitrary JSON: nested objects and lists of hostile scalars, now and then nested
/// almost as deep as the IPC's JSON reader allows (128).
pub fn arb_json() -> BoxedStrategy<Value> {
    let nested = scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    prop_oneof![
        12 => nested,
        1 => (1usize..120, scalar()).prop_map(|(depth, leaf)| {
            (0..depth).fold(leaf, |v, _| Value::Array(vec![v]))
        }),
    ]
    .boxed()
}

/// A value to put where a valid one was: a hostile scalar or small structure, or a value
/// that is valid somewhere (a real id, a date at the journal's edges) to reach the paths
/// that accept it.
pub fn hostile_value() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => scalar(),
        1 => arb_json(),
        2 => select(vec![
            json!("0"), json!("0.001"), json!("5000"), json!(0), json!(1), json!(2), json!(3),
            json!("1970-01-01"), json!("2100-12-31"), json!("2026-11-22"), json!("2026-11-21"),
            json!("2024-02-29"), json!([]), json!({}), json!(["1", "2"]), json!([[]]),
        ]),
    ]
    .boxed()
}

pub fn hostile_id() -> BoxedStrategy<i64> {
    prop_oneof![
        4 => -1i64..8,
        1 => any::<i64>(),
        1 => select(vec![i64::MIN, i64::MAX, i64::from(u32::MAX) + 1]),
    ]
    .boxed()
}

pub fn hostile_width() -> BoxedStrategy<Option<u32>> {
    prop_oneof![
        2 => Just(None),
        2 => select(vec![0, 1, 2, 10, 100, 320, 4096, 100_000, u32::MAX]).prop_map(Some),
        1 => any::<u32>().prop_map(Some),
    ]
    .boxed()
}

pub fn hostile_date_arg() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        4 => hostile_string().prop_map(Some),
    ]
    .boxed()
}

/// A valid key, a near miss of it (case, spaces, a NUL, cut short), or anything.
pub fn near_key(valid: &'static [&'static str]) -> BoxedStrategy<String> {
    let near = (select(valid), 0..6u8).prop_map(|(k, how)| match how {
        0 => k.to_uppercase(),
        1 => format!(" {k} "),
        2 => format!("{k}\u{0}"),
        3 => k[..k.len() / 2].to_string(),
        4 => format!("{k}{k}"),
        _ => k.replace('_', "-"),
    });
    prop_oneof![
        2 => select(valid).prop_map(String::from),
        2 => near,
        1 => hostile_string(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Near-valid forms: a valid input with one field replaced, removed or added
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub enum Seg {
    Key(String),
    At(usize),
}

/// Every position in a JSON value, the value itself first.
pub fn positions(v: &Value) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    at.push(Seg::Key(k.clone()));
                    walk(child, at, out);
                    at.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    at.push(Seg::At(i));
                    walk(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

pub fn at_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::At(i) => v.get_mut(*i),
    })
}

/// `base` with one position made hostile: replaced, removed, or given an extra field or
/// element.
pub fn near(base: Value) -> BoxedStrategy<Value> {
    let all = positions(&base);
    let inner: Vec<Vec<Seg>> = all.iter().skip(1).cloned().collect();
    let containers: Vec<Vec<Seg>> = all
        .iter()
        .filter(|p| {
            let mut b = base.clone();
            at_mut(&mut b, p).is_some_and(|v| v.is_object() || v.is_array())
        })
        .cloned()
        .collect();
    let (b1, b2, b3, b4) = (base.clone(), base.clone(), base.clone(), base);
    prop_oneof![
        6 => (select(all), hostile_value()).prop_map(move |(path, value)| {
            let mut v = b1.clone();
            if let Some(slot) = at_mut(&mut v, &path) {
                *slot = value;
            }
            v
        }),
        2 => select(inner).prop_map(move |path| {
            let mut v = b2.clone();
            if let Some((last, parent)) = path.split_last() {
                match (at_mut(&mut v, parent), last) {
                    (Some(Value::Object(m)), Seg::Key(k)) => {
                        m.remove(k);
                    }
                    (Some(Value::Array(a)), Seg::At(i)) => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
            v
        }),
        1 => (select(containers), field_name(), hostile_value()).prop_map(move |(path, k, value)| {
            let mut v = b3.clone();
            match at_mut(&mut v, &path) {
                Some(Value::Object(m)) => {
                    m.insert(k, value);
                }
                Some(Value::Array(a)) => a.push(value),
                _ => {}
            }
            v
        }),
        1 => Just(b4),
    ]
    .boxed()
}

/// Long strings shortened, so a failing case prints readably.
pub fn abbreviate(s: &str) -> String {
    let n = s.chars().count();
    if n <= 80 {
        s.to_string()
    } else {
        let head: String = s.chars().take(40).collect();
        format!("{head}…[{n} chars]")
    }
}

pub fn short_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(abbreviate(s)),
        Value::Array(a) => Value::Array(a.iter().map(short_value).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (abbreviate(k), short_value(v)))
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

/// JSON as the page would send it, long strings shortened, and every invisible character
/// (controls, zero-width and direction marks, no-break space) written as `\u{..}` so a
/// failing case shows what it holds.
pub fn show(v: &Value) -> String {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{a0}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{feff}')
    };
    serde_json::to_string(&short_value(v))
        .unwrap()
        .chars()
        .map(|c| {
            if invisible(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub fn show_str(s: &str) -> String {
    show(&Value::String(s.to_string()))
}

pub fn show_opt(s: &Option<String>) -> String {
    s.as_deref().map_or("None".to_string(), show_str)
}
