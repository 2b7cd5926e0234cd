//! The journal as a FHIR R4 Bundle (JSON) for a clinic's systems.
//!
//! A `collection` Bundle holding: a Patient placeholder (no name: the journal keeps none);
//! one MedicationStatement per dose step; one Observation per rating per day (anxiety,
//! mood and sleep quality 0–10 in the local code system [`RATINGS_SYSTEM`]; sleep duration
//! under LOINC 93832-4 in hours); and per GAD-7/PHQ-9 a QuestionnaireResponse plus an
//! Observation of its total score under its LOINC code, with the band as interpretation.
//!
//! Required elements (FHIR R4): Bundle.type; MedicationStatement.status, .medication[x]
//! and .subject; Observation.status and .code; QuestionnaireResponse.status and each
//! item's linkId. Every entry has a `fullUrl` `urn:uuid:…` and the same uuid as its `id`;
//! the uuid is derived from the row it comes from, so exporting twice gives the same file.

use crate::journal::{CheckIn, DoseStep, Medication, Micrograms, Questionnaire, QuestionnaireKind};
use crate::store::{Journal, StoreError};
use chrono::NaiveDate;
use serde_json::{json, Value};

/// The local code system of the journal's 0–10 ratings (no LOINC code fits them).
pub const RATINGS_SYSTEM: &str = "urn:taper-journal:ratings";
pub const LOINC: &str = "http://loinc.org";
pub const UCUM: &str = "http://unitsofmeasure.org";
/// LOINC "Sleep duration".
pub const LOINC_SLEEP_DURATION: &str = "93832-4";
/// LOINC total score codes (shared/reference/README.md).
pub const LOINC_GAD7_TOTAL: &str = "70274-6";
pub const LOINC_PHQ9_TOTAL: &str = "44261-6";

const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// The LOINC code and display of a questionnaire's total score.
pub fn total_score_code(kind: QuestionnaireKind) -> (&'static str, &'static str) {
    match kind {
        QuestionnaireKind::Gad7 => (
            LOINC_GAD7_TOTAL,
            "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
        ),
        QuestionnaireKind::Phq9 => (
            LOINC_PHQ9_TOTAL,
            "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
        ),
    }
}

/// The id of a row (`kind`, `key`): a name-based uuid, the same for the same row in every
/// export.
pub fn row_uuid(kind: &str, key: &str) -> String {
    crate::stable_id::name_uuid(&format!("{kind}/{key}"))
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A Bundle entry: the resource with its id, under `urn:uuid:<id>`.
fn entry(id: &str, mut resource: Value) -> Value {
    resource["id"] = json!(id);
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

/// Writes the whole journal as a FHIR R4 Bundle, made on `today`.
pub fn export(j: &Journal, today: NaiveDate) -> Result<Vec<u8>, StoreError> {
    let bundle = bundle(
        &j.medications()?,
        &j.dose_steps()?,
        &j.check_ins()?,
        &j.questionnaires()?,
        today,
    );
    // Serialising a Value cannot fail; an empty Vec would only hide a bug.
    Ok(serde_json::to_vec_pretty(&bundle).unwrap_or_default())
}

/// The Bundle for already loaded data.
pub fn bundle(
    medications: &[Medication],
    steps: &[DoseStep],
    check_ins: &[CheckIn],
    questionnaires: &[Questionnaire],
    today: NaiveDate,
) -> Value {
    let patient_id = row_uuid("patient", "1");
    let subject = json!({ "reference": format!("urn:uuid:{patient_id}") });
    let mut entries = vec![entry(
        &patient_id,
        json!({
            "resourceType": "Patient",
            "text": {
                "status": "generated",
                "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">The person who kept this Taper Journal (no name recorded).</div>"
            }
        }),
    )];
    for (i, s) in steps.iter().enumerate() {
        let Some(m) = medications.iter().find(|m| m.id == s.medication_id) else {
            continue;
        };
        let next = steps[i + 1..]
            .iter()
            .find(|n| n.medication_id == s.medication_id);
        entries.push(medication_statement(s, m, next, &subject));
    }
    for c in check_ins {
        entries.extend(rating_observations(c, &subject));
    }
    for q in questionnaires {
        let response_id = row_uuid("questionnaire_response", &q.id.to_string());
        entries.push(questionnaire_response(q, &response_id, &subject));
        entries.push(total_score_observation(q, &response_id, &subject));
    }
    json!({
        "resourceType": "Bundle",
        "id": row_uuid("bundle", &iso(today)),
        "meta": { "lastUpdated": format!("{}T00:00:00Z", iso(today)) },
        "type": "collection",
        "timestamp": format!("{}T00:00:00Z", iso(today)),
        "entry": entries,
    })
}

/// One dose step: the dose taken from its date until the day before the next step of the
/// same medication. FHIR periods include their end, so the end is that last day, not the
/// next step's date (which would put both doses on one day).
fn medication_statement(
    s: &DoseStep,
    m: &Medication,
    next: Option<&DoseStep>,
    subject: &Value,
) -> Value {
    let mut period = json!({ "start": iso(s.date) });
    if let Some(n) = next {
        let last_day = n.date.pred_opt().unwrap_or(n.date).max(s.date);
        period["end"] = json!(iso(last_day));
    }
    // Superseded steps are completed; the latest one is active while the medication is
    // taken, stopped when it went to 0 mg.
    let status = match next {
        Some(_) => "completed",
        None if s.dose == Micrograms::ZERO => "stopped",
        None if m.active => "active",
        None => "completed",
    };
    let mg = s.dose.mg_text();
    let mut dosage = json!({
        "text": format!("{mg} mg per day"),
        "timing": { "repeat": { "frequency": 1, "period": 1, "periodUnit": "d" } },
        "doseAndRate": [{
            "doseQuantity": { "value": mg_number(s.dose), "unit": "mg", "system": UCUM, "code": "mg" }
        }]
    });
    if let Some(split) = &s.split {
        dosage["patientInstruction"] = json!(split);
    }
    let mut r = json!({
        "resourceType": "MedicationStatement",
        "status": status,
        "medicationCodeableConcept": { "text": m.generic },
        "subject": subject,
        "effectivePeriod": period,
        "dosage": [dosage],
    });
    if let Some(note) = &s.note {
        r["note"] = json!([{ "text": note }]);
    }
    entry(&row_uuid("dose_step", &s.id.to_string()), r)
}

/// mg as a JSON number with the exact decimals ("1.25" -> 1.25), never a float artefact.
fn mg_number(dose: Micrograms) -> Value {
    dose.mg_text()
        .parse::<serde_json::Number>()
        .map(Value::Number)
        .unwrap_or_else(|_| json!(dose.mg_text()))
}

/// The day's ratings, each its own Observation.
fn rating_observations(c: &CheckIn, subject: &Value) -> Vec<Value> {
    let day = iso(c.date);
    let mut out = Vec::new();
    let ratings = [
        ("anxiety", "Anxiety (0-10, self-rated)", c.anxiety),
        ("mood", "Mood (0-10, self-rated)", c.mood),
        (
            "sleep-quality",
            "Sleep quality (0-10, self-rated)",
            c.sleep_quality,
        ),
    ];
    for (code, display, value) in ratings {
        let Some(v) = value else { continue };
        let r = json!({
            "resourceType": "Observation",
            "status": "final",
            "category": [survey_category()],
            "code": {
                "coding": [{ "system": RATINGS_SYSTEM, "code": code, "display": display }],
                "text": display
            },
            "subject": subject,
            "effectiveDateTime": day,
            "valueInteger": v,
        });
        out.push(entry(&row_uuid(&format!("check_in/{code}"), &day), r));
    }
    if let Some(sleep) = c.sleep {
        let hours = sleep
            .hours_text()
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or_else(|_| json!(sleep.hours_text()));
        let r = json!({
            "resourceType": "Observation",
            "status": "final",
            "code": {
                "coding": [{ "system": LOINC, "code": LOINC_SLEEP_DURATION, "display": "Sleep duration" }],
                "text": "Sleep duration"
            },
            "subject": subject,
            "effectiveDateTime": day,
            "valueQuantity": { "value": hours, "unit": "h", "system": UCUM, "code": "h" },
        });
        out.push(entry(&row_uuid("check_in/sleep-duration", &day), r));
    }
    out
}

fn survey_category() -> Value {
    json!({ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey" }] })
}

/// The answers item by item; linkIds are "1".."7" / "1".."9", the items' numbers.
fn questionnaire_response(q: &Questionnaire, id: &str, subject: &Value) -> Value {
    let items: Vec<Value> = q
        .kind
        .items()
        .iter()
        .zip(&q.answers)
        .enumerate()
        .map(|(i, (text, answer))| {
            json!({
                "linkId": (i + 1).to_string(),
                "text": text,
                "answer": [{ "valueInteger": answer }]
            })
        })
        .collect();
    let r = json!({
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": subject,
        "authored": iso(q.date),
        "text": {
            "status": "generated",
            "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{}</div>", q.kind.short_label())
        },
        "item": items,
    });
    entry(id, r)
}

/// The total score under its LOINC code, the band as interpretation text.
fn total_score_observation(q: &Questionnaire, response_id: &str, subject: &Value) -> Value {
    let (code, display) = total_score_code(q.kind);
    let r = json!({
        "resourceType": "Observation",
        "status": "final",
        "category": [survey_category()],
        "code": {
            "coding": [{ "system": LOINC, "code": code, "display": display }],
            "text": format!("{} total score", q.kind.short_label())
        },
        "subject": subject,
        "effectiveDateTime": iso(q.date),
        "valueInteger": q.total(),
        "interpretation": [{ "text": q.band() }],
        "derivedFrom": [{ "reference": format!("urn:uuid:{response_id}") }],
    });
    entry(&row_uuid("questionnaire_total", &q.id.to_string()), r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_uuids_are_stable_distinct_and_uuid_shaped() {
        let a = row_uuid("dose_step", "1");
        assert_eq!(a, row_uuid("dose_step", "1"));
        assert_ne!(a, row_uuid("dose_step", "2"));
        assert_ne!(a, row_uuid("planned_step", "1"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(&parts[2][..1], "5", "version nibble: name-based");
        assert!("89ab".contains(&parts[3][..1]), "variant");
    }

    #[test]
    fn doses_are_exact_json_numbers() {
        assert_eq!(mg_number(Micrograms(1250)).to_string(), "1.25");
        assert_eq!(mg_number(Micrograms(2000)).to_string(), "2");
    }
}
