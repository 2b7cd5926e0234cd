//! The check-in's rating scales: what each end of a scale means, said once for the form
//! (its label and hint) and the charts (their legends).

use serde::Serialize;

/// One rated or measured field of the daily check-in.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RatingScale {
    /// The check-in field it fills.
    pub key: &'static str,
    /// The form's label.
    pub label: &'static str,
    /// The form's hint: what the ends of the scale mean.
    pub hint: &'static str,
    /// The chart legend, with the direction of the scale.
    pub legend: &'static str,
}

pub const ANXIETY: RatingScale = RatingScale {
    key: "anxiety",
    label: "Anxiety (0–10)",
    hint: "0 none, 10 worst",
    legend: "Anxiety (10 = worst)",
};
pub const MOOD: RatingScale = RatingScale {
    key: "mood",
    label: "Mood (0–10)",
    hint: "0 lowest, 10 best",
    legend: "Mood (10 = best)",
};
pub const SLEEP_HOURS: RatingScale = RatingScale {
    key: "sleep_hours",
    label: "Sleep last night (hours)",
    hint: "Quarter hours, e.g. 6.5",
    legend: "Sleep (hours)",
};
pub const SLEEP_QUALITY: RatingScale = RatingScale {
    key: "sleep_quality",
    label: "Sleep quality (0–10)",
    hint: "0 very poor, 10 very good",
    legend: "Sleep quality (10 = best)",
};

/// In the order of the form.
pub const RATING_SCALES: [RatingScale; 4] = [ANXIETY, MOOD, SLEEP_HOURS, SLEEP_QUALITY];
