//! The built-in withdrawal symptom list (PRODUCT.md), severities and red-flag symptoms.

use serde::Serialize;

/// A built-in symptom: a stable key stored in the database and the words shown.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Symptom {
    pub key: &'static str,
    pub label: &'static str,
}

/// Common benzodiazepine withdrawal symptoms, rated 0–3 each day (PRODUCT.md list).
/// Keys are stored: never rename one, only add.
pub const BUILTIN_SYMPTOMS: &[Symptom] = &[
    Symptom {
        key: "anxiety_panic",
        label: "Anxiety or panic",
    },
    Symptom {
        key: "irritability",
        label: "Irritability",
    },
    Symptom {
        key: "insomnia",
        label: "Insomnia",
    },
    Symptom {
        key: "nightmares",
        label: "Nightmares",
    },
    Symptom {
        key: "muscle_tension",
        label: "Muscle tension or pain",
    },
    Symptom {
        key: "tremor",
        label: "Tremor",
    },
    Symptom {
        key: "headache",
        label: "Headache",
    },
    Symptom {
        key: "nausea_gi",
        label: "Nausea or stomach upset",
    },
    Symptom {
        key: "palpitations",
        label: "Palpitations or racing heart",
    },
    Symptom {
        key: "sweating",
        label: "Sweating",
    },
    Symptom {
        key: "dizziness",
        label: "Dizziness",
    },
    Symptom {
        key: "tinnitus",
        label: "Tinnitus",
    },
    Symptom {
        key: "paresthesia",
        label: "Tingling or numbness",
    },
    Symptom {
        key: "sensory_sensitivity",
        label: "Light or sound sensitivity",
    },
    Symptom {
        key: "cognitive_fog",
        label: "Brain fog or poor memory",
    },
    Symptom {
        key: "depersonalisation",
        label: "Feeling unreal (depersonalisation)",
    },
    Symptom {
        key: "low_mood",
        label: "Low mood",
    },
    Symptom {
        key: "fatigue",
        label: "Fatigue",
    },
];

pub fn builtin_symptom(key: &str) -> Option<&'static Symptom> {
    BUILTIN_SYMPTOMS.iter().find(|s| s.key == key)
}

/// Severity words for 0–3, in order.
pub const SEVERITY_LABELS: [&str; 4] = ["none", "mild", "moderate", "severe"];

/// Symptoms that call for urgent help the same day, recorded as yes/no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedFlag {
    Seizure,
    Hallucinations,
    Confusion,
    SelfHarmThoughts,
}

impl RedFlag {
    pub const ALL: [RedFlag; 4] = [
        RedFlag::Seizure,
        RedFlag::Hallucinations,
        RedFlag::Confusion,
        RedFlag::SelfHarmThoughts,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RedFlag::Seizure => "seizure",
            RedFlag::Hallucinations => "hallucinations",
            RedFlag::Confusion => "confusion",
            RedFlag::SelfHarmThoughts => "self_harm_thoughts",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RedFlag::Seizure => "A seizure (fit)",
            RedFlag::Hallucinations => "Seeing or hearing things others don't (hallucinations)",
            RedFlag::Confusion => "Confusion or not knowing where I am (delirium)",
            RedFlag::SelfHarmThoughts => "Thoughts of harming myself or of suicide",
        }
    }

    /// The symptom inside a sentence: "Urgent symptoms were noted on 3 Mar 2026: a seizure."
    pub fn noun(self) -> &'static str {
        match self {
            RedFlag::Seizure => "a seizure",
            RedFlag::Hallucinations => "hallucinations",
            RedFlag::Confusion => "confusion (delirium)",
            RedFlag::SelfHarmThoughts => "thoughts of self-harm or suicide",
        }
    }

    pub fn from_key(key: &str) -> Option<RedFlag> {
        RedFlag::ALL.into_iter().find(|f| f.key() == key)
    }
}
