//! The other apps' rating scales and the person's choice of what each value means here.
//!
//! Daylio's moods are words the person may have chosen themselves; eMoods writes levels
//! (0 not logged, 1 none … 4 severe); Bearable rates mood 1–10 and sleep quality 1–5. Each
//! value met in the file is offered with a proposed meaning on this journal's scale (0–10
//! for ratings, none–severe for symptoms), which the person can change or leave out.

use serde::Serialize;
use std::collections::BTreeMap;

/// A field of the check-in that a scaled value lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rated {
    Anxiety,
    Mood,
    SleepQuality,
    /// A built-in symptom's severity (0–3), by key.
    Symptom(&'static str),
}

impl Rated {
    /// The highest value on this journal's side: 10 for ratings, 3 (severe) for symptoms.
    pub fn max(self) -> u8 {
        match self {
            Rated::Symptom(_) => 3,
            _ => 10,
        }
    }
}

/// One of the other app's values and what it will mean here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleValue {
    /// As the file writes it.
    pub value: String,
    /// "wobbly (2 entries)".
    pub label: String,
    /// How many cells hold it.
    pub count: usize,
    /// What it means here (0..=max), `None` for "leave out".
    pub means: Option<u8>,
}

/// A scale of the other app met in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    /// Stable key the page sends back with the person's choices ("daylio_mood").
    pub key: &'static str,
    /// "Daylio mood".
    pub label: &'static str,
    /// What the values become here, in words ("Mood, 0 (very low) to 10 (very good)").
    pub target: &'static str,
    /// Why a choice is asked ("Your own mood words: choose what each means here.").
    pub hint: String,
    /// Ratings (0–10) or symptom severities (0–3).
    pub max: u8,
    /// What each value can be made to mean, for the page's choice: "" (leave out), then
    /// every value of this journal's scale with its words ("2 – moderate").
    pub options: Vec<ScaleOption>,
    pub values: Vec<ScaleValue>,
    /// The other app's value for "nothing logged" (eMoods' 0), left out by design: not
    /// counted as waiting for the person's choice.
    pub not_logged: Option<&'static str>,
}

/// More different values than any of these apps' scales has (Daylio's own words included):
/// beyond this the column is not a rating, and the preview would be a wall of choices.
pub const MAX_SCALE_VALUES: usize = 60;

/// Refuses a scale with more values than a person could place, naming its column.
pub fn check_size(scale: &Scale, column: &str) -> Result<(), super::ImportError> {
    if scale.values.len() > MAX_SCALE_VALUES {
        return Err(super::ImportError {
            row: None,
            column: Some(column.to_string()),
            message: format!(
                "This column holds {} different values; a rating scale has far fewer (at most {MAX_SCALE_VALUES} are read). Nothing was imported.",
                scale.values.len()
            ),
        });
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleOption {
    pub value: String,
    pub label: String,
}

/// The choices for a scale up to `max`: leave out, then 0..=max (severities with words).
fn options(max: u8) -> Vec<ScaleOption> {
    let mut out = vec![ScaleOption {
        value: String::new(),
        label: "Leave out".to_string(),
    }];
    for n in 0..=max {
        let label = match crate::journal::symptoms::SEVERITY_LABELS.get(usize::from(n)) {
            Some(words) if max == 3 => format!("{n} – {words}"),
            _ => n.to_string(),
        };
        out.push(ScaleOption {
            value: n.to_string(),
            label,
        });
    }
    out
}

/// Collects the values of one scale as met in the file, each with its proposed meaning.
pub struct ScaleBuilder {
    counts: BTreeMap<String, usize>,
    order: Vec<String>,
}

impl ScaleBuilder {
    pub fn new() -> ScaleBuilder {
        ScaleBuilder {
            counts: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    pub fn saw(&mut self, value: &str) {
        let v = normal(value);
        let n = self.counts.entry(v.clone()).or_insert(0);
        if *n == 0 {
            self.order.push(v);
        }
        *n += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The scale, values in `order` (numbers ascending, words as first met), each proposed
    /// by `propose`.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        mut self,
        key: &'static str,
        label: &'static str,
        target: &'static str,
        hint: String,
        max: u8,
        propose: impl Fn(&str) -> Option<u8>,
    ) -> Scale {
        if self.order.iter().all(|v| v.parse::<f64>().is_ok()) {
            self.order.sort_by(|a, b| {
                let (a, b) = (
                    a.parse::<f64>().unwrap_or(0.0),
                    b.parse::<f64>().unwrap_or(0.0),
                );
                a.total_cmp(&b)
            });
        }
        let values = self
            .order
            .into_iter()
            .map(|v| {
                let count = self.counts[&v];
                ScaleValue {
                    label: format!(
                        "{} ({})",
                        super::short(&v),
                        crate::views::words::count_text(count, "entry", "entries")
                    ),
                    count,
                    means: propose(&v).map(|m| m.min(max)),
                    value: v,
                }
            })
            .collect();
        Scale {
            key,
            label,
            target,
            hint,
            max,
            options: options(max),
            values,
            not_logged: None,
        }
    }
}

impl Default for ScaleBuilder {
    fn default() -> Self {
        ScaleBuilder::new()
    }
}

/// A value as compared: trimmed, lower case (Daylio writes "good " and "Good").
pub fn normal(value: &str) -> String {
    value.trim().to_lowercase()
}

/// The person's choices, by scale key and value; what they did not send stays as proposed.
pub type ScaleChoices = BTreeMap<String, BTreeMap<String, Option<u8>>>;

/// What `value` of scale `key` means here, under the person's choices.
pub fn meaning(scales: &[Scale], choices: &ScaleChoices, key: &str, value: &str) -> Option<u8> {
    let v = normal(value);
    if let Some(chosen) = choices.get(key).and_then(|c| c.get(&v)) {
        return *chosen;
    }
    scales
        .iter()
        .find(|s| s.key == key)
        .and_then(|s| s.values.iter().find(|x| x.value == v))
        .and_then(|x| x.means)
}

/// The scales with the person's choices applied (for the preview).
pub fn with_choices(scales: &[Scale], choices: &ScaleChoices) -> Vec<Scale> {
    scales
        .iter()
        .map(|s| {
            let mut s = s.clone();
            for v in &mut s.values {
                v.means = meaning(scales, choices, s.key, &v.value);
            }
            s
        })
        .collect()
}

/// A value from `from_low..=from_high` placed on `0..=to` (rounded half up).
pub fn linear(value: f64, from_low: f64, from_high: f64, to: u8) -> Option<u8> {
    if !(from_low..=from_high).contains(&value) || from_high <= from_low {
        return None;
    }
    let placed = (value - from_low) / (from_high - from_low) * f64::from(to);
    Some((placed + 0.5).floor() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_five_point_scale_spreads_over_zero_to_ten() {
        let placed: Vec<Option<u8>> = (1..=5)
            .map(|v| linear(f64::from(v), 1.0, 5.0, 10))
            .collect();
        assert_eq!(placed, [Some(0), Some(3), Some(5), Some(8), Some(10)]);
        assert_eq!(linear(6.0, 1.0, 5.0, 10), None);
        // Bearable's mood 1–10 onto 0–10: 1 → 0, 10 → 10, 7 → 7.
        assert_eq!(linear(7.0, 1.0, 10.0, 10), Some(7));
    }

    #[test]
    fn a_choice_overrides_the_proposal_and_can_leave_a_value_out() {
        let mut b = ScaleBuilder::new();
        for v in ["good", "Good ", "wobbly"] {
            b.saw(v);
        }
        let s = b.build(
            "daylio_mood",
            "Daylio mood",
            "Mood",
            String::new(),
            10,
            |v| (v == "good").then_some(8),
        );
        assert_eq!(s.values[0].count, 2);
        let scales = [s];
        let mut choices = ScaleChoices::new();
        assert_eq!(meaning(&scales, &choices, "daylio_mood", "GOOD"), Some(8));
        assert_eq!(meaning(&scales, &choices, "daylio_mood", "wobbly"), None);
        choices.insert(
            "daylio_mood".into(),
            [("wobbly".to_string(), Some(4)), ("good".to_string(), None)].into(),
        );
        assert_eq!(meaning(&scales, &choices, "daylio_mood", "wobbly"), Some(4));
        assert_eq!(meaning(&scales, &choices, "daylio_mood", "good"), None);
    }
}
