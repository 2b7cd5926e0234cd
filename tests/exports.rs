//! The data exports (CSV, FHIR R4 Bundle, calendar) of a journal built through the api the
//! window calls, each read back and checked value by value.
//!
//! Over 500 lines, kept whole: the three exports of one journal, each read back value by
//! value; they share the journal they read.

use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use taper_journal::api;
use taper_journal::export::ics::CalendarOptions;
use taper_journal::store::Journal;
use tempfile::TempDir;

/// Day `n` of the scenario, counted from Monday 7 September 2026.
fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 7).unwrap() + Duration::days(n)
}

fn iso(n: i64) -> String {
    day(n).format("%Y-%m-%d").to_string()
}

/// The note of day 3: commas, quotes, a line break, a formula and non-ASCII text.
const TRICKY_NOTE: &str = "=SUM(A1)\nSlept badly, \"woke\" at 3; Grüße, 睡眠 😴";

/// Clonazepam (typed as "Klonopin") 2 mg since 30 days before setup on day 0; a step to
/// 1.8 mg on day 10, when diazepam 5 mg is added; gabapentin 300 mg (not converted) from
/// day 2. Check-ins on days 0–14 except day 5; day 3 is full.
struct Scenario {
    _dir: TempDir,
    j: Journal,
}

fn scenario() -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(&dir.path().join("journal.db")).unwrap();
    api::complete_setup(
        &mut j,
        json!({"medication": {"generic": "Klonopin"}, "dose_mg": "2", "since": iso(-30)}),
        day(0),
    )
    .unwrap();
    api::add_medication(
        &mut j,
        json!({"medication": {"generic": "gabapentin", "class": "other"}, "dose_mg": "300", "since": iso(2)}),
        day(2),
    )
    .unwrap();
    api::save_step(
        &mut j,
        json!({"medication_id": 1, "date": iso(10), "dose_mg": "1.8"}),
        day(10),
    )
    .unwrap();
    api::add_medication(
        &mut j,
        json!({"medication": {"generic": "diazepam"}, "dose_mg": "5", "since": iso(10)}),
        day(10),
    )
    .unwrap();
    for n in (0..=14).filter(|n| *n != 5) {
        let mut input = json!({
            "date": iso(n), "anxiety": n % 11, "mood": 5, "sleep_hours": "6.75",
            "sleep_quality": 4, "symptoms": {"tremor": 1}
        });
        if n == 3 {
            input = json!({
                "date": iso(n), "anxiety": 7, "mood": 3, "sleep_hours": "4.25", "sleep_quality": 2,
                "symptoms": {"insomnia": 3, "tremor": 2, "headache": 1},
                "own_symptoms": {"jaw clenching": 2, "ear pressure": 1},
                "red_flags": ["confusion", "seizure"],
                "doses_taken": {"1": "1.75", "2": "300"},
                "alcohol_drinks": "2", "opioids": true, "cannabis": false, "other_sedatives": true,
                "practices": ["exercise", "cbt"],
                "note": TRICKY_NOTE
            });
        }
        api::save_check_in(&mut j, input, day(n)).unwrap();
    }
    api::save_questionnaire(
        &mut j,
        json!({"kind": "gad7", "date": iso(7), "answers": [2, 2, 1, 2, 1, 2, 1]}),
        day(7),
    )
    .unwrap();
    api::save_questionnaire(
        &mut j,
        json!({"kind": "phq9", "date": iso(7), "answers": [1, 2, 1, 2, 0, 1, 1, 0, 0]}),
        day(7),
    )
    .unwrap();
    Scenario { _dir: dir, j }
}

// ---------------------------------------------------------------------------------- CSV

/// The documented header (docs/csv-columns.md), written out by hand so any change to the
/// column list fails here first.
fn documented_header() -> Vec<&'static str> {
    vec![
        "date",
        "dose_mg:clonazepam",
        "taken_mg:clonazepam",
        "dose_mg:gabapentin",
        "taken_mg:gabapentin",
        "dose_mg:diazepam",
        "taken_mg:diazepam",
        "diazepam_equivalent_total_mg",
        "equivalence_table",
        "anxiety",
        "mood",
        "sleep_hours",
        "sleep_quality",
        "symptom:anxiety_panic",
        "symptom:irritability",
        "symptom:insomnia",
        "symptom:nightmares",
        "symptom:muscle_tension",
        "symptom:tremor",
        "symptom:headache",
        "symptom:nausea_gi",
        "symptom:palpitations",
        "symptom:sweating",
        "symptom:dizziness",
        "symptom:tinnitus",
        "symptom:paresthesia",
        "symptom:sensory_sensitivity",
        "symptom:cognitive_fog",
        "symptom:depersonalisation",
        "symptom:low_mood",
        "symptom:fatigue",
        "own_symptoms",
        "red_flags",
        "alcohol_drinks",
        "opioids",
        "cannabis",
        "other_sedatives",
        "substance_note",
        "practices",
        "practice_note",
        "note",
    ]
}

/// The CSV read back: header and rows keyed by column name.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the file starts with a UTF-8 byte order mark");
    let mut r = csv::Reader::from_reader(body);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_has_the_documented_header_and_one_row_per_day_including_the_gap() {
    let s = scenario();
    let bytes = api::export_csv(&s.j).unwrap();
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, documented_header());
    // The journal begins on the setup day (day 0), not 30 days earlier when clonazepam
    // was started, and ends with the last check-in (day 14): 15 rows, day 5 included.
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str()).collect();
    let expected: Vec<String> = (0..=14).map(iso).collect();
    assert_eq!(dates, expected);
    // Rows end in CRLF (RFC 4180), also the header.
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(text.contains("note\r\n"), "header ends in CRLF");

    let gap = &rows[5];
    assert_eq!(
        gap["dose_mg:clonazepam"], "2",
        "the dose still shows on a gap day"
    );
    assert_eq!(gap["diazepam_equivalent_total_mg"], "20");
    for col in [
        "anxiety",
        "mood",
        "sleep_hours",
        "symptom:tremor",
        "opioids",
        "note",
    ] {
        assert_eq!(gap[col], "", "{col} is empty on a day without a check-in");
    }
}

#[test]
fn csv_values_read_back_as_recorded() {
    let s = scenario();
    let (_, rows) = read_csv(&api::export_csv(&s.j).unwrap());
    let by_date: BTreeMap<&str, &BTreeMap<String, String>> =
        rows.iter().map(|r| (r["date"].as_str(), r)).collect();

    // Day 0: clonazepam 2 mg = 20 mg diazepam (2025 joint table: 1 mg = 10 mg); gabapentin
    // not yet started; diazepam not yet added.
    let d0 = by_date[iso(0).as_str()];
    assert_eq!(d0["dose_mg:clonazepam"], "2");
    assert_eq!(d0["dose_mg:gabapentin"], "");
    assert_eq!(d0["dose_mg:diazepam"], "");
    assert_eq!(d0["diazepam_equivalent_total_mg"], "20");
    assert_eq!(d0["equivalence_table"], "2025 joint guideline table");
    assert_eq!(d0["anxiety"], "0");
    assert_eq!(d0["sleep_hours"], "6.75");
    assert_eq!(d0["symptom:tremor"], "1");
    assert_eq!(
        d0["symptom:insomnia"], "0",
        "not rated means none on a check-in day"
    );
    assert_eq!(d0["opioids"], "no");

    // Day 3: everything recorded.
    let d3 = by_date[iso(3).as_str()];
    let expected = [
        ("dose_mg:clonazepam", "2"),
        ("taken_mg:clonazepam", "1.75"),
        ("dose_mg:gabapentin", "300"),
        ("taken_mg:gabapentin", "300"),
        ("diazepam_equivalent_total_mg", "20"),
        ("anxiety", "7"),
        ("mood", "3"),
        ("sleep_hours", "4.25"),
        ("sleep_quality", "2"),
        ("symptom:insomnia", "3"),
        ("symptom:tremor", "2"),
        ("symptom:headache", "1"),
        ("symptom:fatigue", "0"),
        ("own_symptoms", "ear pressure=1; jaw clenching=2"),
        ("red_flags", "seizure;confusion"),
        ("alcohol_drinks", "2"),
        ("opioids", "yes"),
        ("cannabis", "no"),
        ("other_sedatives", "yes"),
        ("practices", "cbt;exercise"),
    ];
    for (col, value) in expected {
        assert_eq!(d3[col], value, "{col}");
    }
    // The note comes back whole, with the leading apostrophe that stops a spreadsheet
    // from running "=SUM(A1)" as a formula.
    assert_eq!(d3["note"], format!("'{TRICKY_NOTE}"));

    // Day 10: clonazepam 1.8 mg (18 mg) + diazepam 5 mg (5 mg) = 23 mg; gabapentin is
    // logged but not converted.
    let d10 = by_date[iso(10).as_str()];
    assert_eq!(d10["dose_mg:clonazepam"], "1.8");
    assert_eq!(d10["dose_mg:diazepam"], "5");
    assert_eq!(d10["diazepam_equivalent_total_mg"], "23");
    assert_eq!(d10["taken_mg:diazepam"], "");
}

#[test]
fn csv_equivalents_follow_the_chosen_table() {
    let mut s = scenario();
    api::set_equivalence_table(&mut s.j, "ashton", day(14)).unwrap();
    let (_, rows) = read_csv(&api::export_csv(&s.j).unwrap());
    // Ashton: clonazepam 0.5 mg = 10 mg, so 1.8 mg = 36 mg; + diazepam 5 mg = 41 mg.
    let last = rows.last().unwrap();
    assert_eq!(last["diazepam_equivalent_total_mg"], "41");
    assert_eq!(last["equivalence_table"], "Ashton Manual table");
}

#[test]
fn an_empty_journal_gives_only_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(&dir.path().join("journal.db")).unwrap();
    let (header, rows) = read_csv(&api::export_csv(&j).unwrap());
    assert_eq!(header.first().map(String::as_str), Some("date"));
    assert!(rows.is_empty());
}

// --------------------------------------------------------------------------------- FHIR

fn bundle(s: &Scenario) -> Value {
    serde_json::from_slice(&api::export_fhir(&s.j, day(14)).unwrap()).unwrap()
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

fn has(v: &Value, path: &[&str]) -> bool {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    !cur.is_null() && cur != &json!("") && cur != &json!([])
}

/// Every `reference` anywhere in a value.
fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "reference" {
                    out.push(x.as_str().unwrap_or("").to_string());
                } else {
                    references(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        _ => {}
    }
}

#[test]
fn fhir_bundle_has_the_required_elements_of_every_resource() {
    let s = scenario();
    let b = bundle(&s);
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    let entries = b["entry"].as_array().unwrap();
    let mut full_urls = BTreeSet::new();
    for e in entries {
        let id = e["resource"]["id"]
            .as_str()
            .expect("every resource has an id");
        assert_eq!(e["fullUrl"], format!("urn:uuid:{id}"));
        assert_eq!(id.len(), 36, "{id}");
        assert!(full_urls.insert(id.to_string()), "fullUrl {id} is unique");
        let r = &e["resource"];
        match r["resourceType"].as_str().unwrap() {
            "Patient" => assert!(r.get("name").is_none(), "no name is given"),
            "MedicationStatement" => {
                for path in [
                    &["status"][..],
                    &["medicationCodeableConcept", "text"],
                    &["subject", "reference"],
                    &["effectivePeriod", "start"],
                ] {
                    assert!(has(r, path), "MedicationStatement {path:?}: {r}");
                }
            }
            "Observation" => {
                assert_eq!(r["status"], "final");
                assert!(has(r, &["code", "coding"]), "{r}");
                assert!(has(r, &["effectiveDateTime"]), "{r}");
            }
            "QuestionnaireResponse" => {
                assert_eq!(r["status"], "completed");
                for item in r["item"].as_array().unwrap() {
                    assert!(has(item, &["linkId"]), "{item}");
                    assert!(item["answer"][0]["valueInteger"].is_u64(), "{item}");
                }
            }
            other => panic!("unexpected resource {other}"),
        }
    }
    // Every reference resolves inside the bundle.
    let mut refs = Vec::new();
    references(&b, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let id = r
            .strip_prefix("urn:uuid:")
            .expect("references are urn:uuid");
        assert!(full_urls.contains(id), "{r} resolves");
    }
    // The same journal on the same day gives the same bytes.
    assert_eq!(
        api::export_fhir(&s.j, day(14)).unwrap(),
        api::export_fhir(&s.j, day(14)).unwrap()
    );
}

#[test]
fn fhir_has_one_medication_statement_per_dose_step() {
    let s = scenario();
    let b = bundle(&s);
    let steps = s.j.dose_steps().unwrap();
    let statements = resources(&b, "MedicationStatement");
    // Clonazepam 2 and 1.8 mg, gabapentin 300 mg, diazepam 5 mg.
    assert_eq!(steps.len(), 4);
    assert_eq!(statements.len(), steps.len());
    let first = statements
        .iter()
        .find(|r| r["effectivePeriod"]["start"] == iso(-30))
        .unwrap();
    assert_eq!(first["medicationCodeableConcept"]["text"], "clonazepam");
    assert_eq!(first["status"], "completed");
    // Taken up to and including day 9; 1.8 mg from day 10.
    assert_eq!(first["effectivePeriod"]["end"], iso(9));
    assert_eq!(first["dosage"][0]["text"], "2 mg per day");
    let q = &first["dosage"][0]["doseAndRate"][0]["doseQuantity"];
    assert_eq!(
        q,
        &json!({"value": 2, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"})
    );
    let current = statements
        .iter()
        .find(|r| {
            r["effectivePeriod"]["start"] == iso(10)
                && r["medicationCodeableConcept"]["text"] == "clonazepam"
        })
        .unwrap();
    assert_eq!(current["status"], "active");
    assert_eq!(current["dosage"][0]["text"], "1.8 mg per day");
    assert_eq!(
        current["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"],
        json!(1.8)
    );
    assert!(current["effectivePeriod"].get("end").is_none());
}

#[test]
fn fhir_ratings_are_observations_with_their_codes() {
    let s = scenario();
    let b = bundle(&s);
    let obs = resources(&b, "Observation");
    let coded = |system: &str, code: &str| -> Vec<&Value> {
        obs.iter()
            .copied()
            .filter(|r| {
                r["code"]["coding"][0]["system"] == system && r["code"]["coding"][0]["code"] == code
            })
            .collect()
    };
    // 14 check-ins, each with anxiety, mood, sleep quality and sleep hours.
    for code in ["anxiety", "mood", "sleep-quality"] {
        assert_eq!(coded("urn:taper-journal:ratings", code).len(), 14, "{code}");
    }
    let anxiety_day3 = coded("urn:taper-journal:ratings", "anxiety")
        .into_iter()
        .find(|r| r["effectiveDateTime"] == iso(3))
        .unwrap();
    assert_eq!(anxiety_day3["valueInteger"], 7);
    let sleep = coded("http://loinc.org", "93832-4");
    assert_eq!(sleep.len(), 14);
    let sleep_day3 = sleep
        .iter()
        .find(|r| r["effectiveDateTime"] == iso(3))
        .unwrap();
    assert_eq!(
        sleep_day3["valueQuantity"],
        json!({"value": 4.25, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h"})
    );
}

#[test]
fn fhir_questionnaires_have_responses_and_loinc_totals() {
    let s = scenario();
    let b = bundle(&s);
    let responses = resources(&b, "QuestionnaireResponse");
    assert_eq!(responses.len(), 2);
    let item_counts: BTreeSet<usize> = responses
        .iter()
        .map(|r| r["item"].as_array().unwrap().len())
        .collect();
    assert_eq!(item_counts, BTreeSet::from([7, 9]));
    for r in &responses {
        assert_eq!(r["authored"], iso(7));
    }
    let obs = resources(&b, "Observation");
    let total = |code: &str| {
        let found: Vec<&&Value> = obs
            .iter()
            .filter(|r| {
                r["code"]["coding"][0]["system"] == "http://loinc.org"
                    && r["code"]["coding"][0]["code"] == code
            })
            .collect();
        assert_eq!(found.len(), 1, "one total for {code}");
        *found[0]
    };
    // GAD-7 2+2+1+2+1+2+1 = 11, moderate; PHQ-9 1+2+1+2+0+1+1+0+0 = 8, mild.
    let gad = total("70274-6");
    assert_eq!(gad["valueInteger"], 11);
    assert_eq!(gad["interpretation"][0]["text"], "moderate");
    let phq = total("44261-6");
    assert_eq!(phq["valueInteger"], 8);
    assert_eq!(phq["interpretation"][0]["text"], "mild");
    // Each total points at its response.
    let gad_response = gad["derivedFrom"][0]["reference"].as_str().unwrap();
    let gad_items = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["fullUrl"] == gad_response)
        .map(|e| e["resource"]["item"].as_array().unwrap().len());
    assert_eq!(gad_items, Some(7));
}

// ---------------------------------------------------------------------------------- ICS

fn with_planned_steps(s: &mut Scenario) {
    let long_note = "Agreed: clonazepam down to 1.6 mg; split 0.8 mg morning, 0.8 mg night, \
                     check in with Dr. Ünal after two weeks \\ no rush.";
    api::save_planned_step(
        &mut s.j,
        json!({"medication_id": 1, "date": iso(24), "dose_mg": "1.6", "agreed_at": "Visit, 7 Sept", "note": long_note}),
        day(20),
    )
    .unwrap();
    api::save_planned_step(
        &mut s.j,
        json!({"medication_id": 1, "date": iso(45), "dose_mg": "1.45"}),
        day(20),
    )
    .unwrap();
    api::save_planned_step(
        &mut s.j,
        json!({"medication_id": 3, "date": iso(45), "dose_mg": "4"}),
        day(20),
    )
    .unwrap();
}

/// Checks the RFC 5545 framing and returns the unfolded content lines.
fn ics_lines(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"));
    let raw: Vec<&str> = text.split_terminator("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for l in raw {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        assert!(!l.is_empty());
        match l.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .expect("no fold before the first line")
                .push_str(rest),
            None => lines.push(l.to_string()),
        }
    }
    let mut open: Vec<String> = Vec::new();
    for l in &lines {
        if let Some(c) = l.strip_prefix("BEGIN:") {
            open.push(c.to_string());
        } else if let Some(c) = l.strip_prefix("END:") {
            assert_eq!(open.pop().as_deref(), Some(c), "END:{c} matches its BEGIN");
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}");
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    lines
}

/// Each VEVENT's properties, name (with parameters) -> value.
fn events(lines: &[String]) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut cur: Option<BTreeMap<String, String>> = None;
    for l in lines {
        match l.as_str() {
            "BEGIN:VEVENT" => cur = Some(BTreeMap::new()),
            "END:VEVENT" => out.push(cur.take().unwrap()),
            _ => {
                if let Some(ev) = cur.as_mut() {
                    let (k, v) = l.split_once(':').unwrap();
                    ev.insert(k.to_string(), v.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn ics_has_one_all_day_event_per_planned_step() {
    let mut s = scenario();
    with_planned_steps(&mut s);
    let bytes = api::export_ics(
        &s.j,
        CalendarOptions {
            neutral_titles: false,
            alarms: false,
        },
        day(14),
    )
    .unwrap();
    let lines = ics_lines(&bytes);
    let evs = events(&lines);
    assert_eq!(evs.len(), s.j.planned_steps().unwrap().len());
    assert_eq!(evs.len(), 3);
    let uids: BTreeSet<&String> = evs.iter().map(|e| &e["UID"]).collect();
    assert_eq!(uids.len(), 3, "one UID per planned step");
    let first = &evs[0];
    assert_eq!(
        first["DTSTART;VALUE=DATE"],
        day(24).format("%Y%m%d").to_string()
    );
    assert_eq!(
        first["DTEND;VALUE=DATE"],
        day(25).format("%Y%m%d").to_string()
    );
    assert_eq!(first["DTSTAMP"], "20260921T000000Z");
    assert_eq!(first["SUMMARY"], "clonazepam: 1.6 mg a day from today");
    // Commas, semicolons, backslashes and line breaks are escaped in TEXT.
    let d = &first["DESCRIPTION"];
    assert!(d.contains("Agreed at: Visit\\, 7 Sept"), "{d}");
    assert!(d.contains("1.6 mg\\; split 0.8 mg morning\\,"), "{d}");
    assert!(d.contains("\\\\ no rush"), "{d}");
    assert!(d.contains("\\n"), "{d}");
    assert!(
        lines.iter().any(|l| l.len() > 75),
        "the long description was folded"
    );
    assert_eq!(evs[2]["SUMMARY"], "diazepam: 4 mg a day from today");
    // Exporting again the same day gives the same bytes, so calendars update, not duplicate.
    assert_eq!(
        bytes,
        api::export_ics(
            &s.j,
            CalendarOptions {
                neutral_titles: false,
                alarms: false
            },
            day(14)
        )
        .unwrap()
    );
}

#[test]
fn ics_neutral_titles_name_no_medication_anywhere() {
    let mut s = scenario();
    with_planned_steps(&mut s);
    let bytes = api::export_ics(
        &s.j,
        CalendarOptions {
            neutral_titles: true,
            alarms: false,
        },
        day(14),
    )
    .unwrap();
    let lines = ics_lines(&bytes);
    let evs = events(&lines);
    assert_eq!(evs.len(), 3);
    let unfolded = lines.join("\n").to_lowercase();
    for name in [
        "clonazepam",
        "klonopin",
        "diazepam",
        "gabapentin",
        "1.6",
        " mg",
    ] {
        assert!(
            !unfolded.contains(name),
            "{name} appears in the neutral calendar"
        );
    }
    for e in &evs {
        assert_eq!(e["SUMMARY"], "Planned step");
    }
    // The same events as with titles: same UIDs and dates.
    let titled = events(&ics_lines(
        &api::export_ics(
            &s.j,
            CalendarOptions {
                neutral_titles: false,
                alarms: false,
            },
            day(14),
        )
        .unwrap(),
    ));
    for (a, b) in evs.iter().zip(&titled) {
        assert_eq!(a["UID"], b["UID"]);
        assert_eq!(a["DTSTART;VALUE=DATE"], b["DTSTART;VALUE=DATE"]);
    }
}

/// With alarms, every event carries one VALARM (RFC 5545 3.6.6: ACTION, TRIGGER and
/// DESCRIPTION) at 18:00 the evening before (-6 h from the all-day start), in neutral words
/// even when the titles name the drug; without, none.
#[test]
fn ics_alarms_come_the_evening_before_in_neutral_words() {
    let mut s = scenario();
    with_planned_steps(&mut s);
    let with = CalendarOptions {
        neutral_titles: false,
        alarms: true,
    };
    let text = String::from_utf8(api::export_ics(&s.j, with, day(14)).unwrap()).unwrap();
    let lines = ics_lines(text.as_bytes());
    let starts = lines.iter().filter(|l| *l == "BEGIN:VALARM").count();
    assert_eq!(starts, 3, "one alarm per planned step");
    let alarm: Vec<&String> = lines
        .iter()
        .skip_while(|l| *l != "BEGIN:VALARM")
        .take_while(|l| *l != "END:VALARM")
        .collect();
    assert_eq!(
        alarm[1..],
        [
            "ACTION:DISPLAY",
            "TRIGGER:-PT6H",
            "DESCRIPTION:Planned step tomorrow"
        ]
    );
    // Each alarm sits inside its event.
    let mut depth_ok = true;
    let mut in_event = false;
    for l in &lines {
        match l.as_str() {
            "BEGIN:VEVENT" => in_event = true,
            "END:VEVENT" => in_event = false,
            "BEGIN:VALARM" => depth_ok &= in_event,
            _ => {}
        }
    }
    assert!(depth_ok, "every VALARM is inside a VEVENT");
    // Calendar apps show the title in the alarm: with alarms, titles are neutral too.
    for e in &events(&lines) {
        assert_eq!(e["SUMMARY"], "Planned step");
    }
    assert!(!text.to_lowercase().contains("clonazepam"));
    let without = api::export_ics(
        &s.j,
        CalendarOptions {
            neutral_titles: false,
            alarms: false,
        },
        day(14),
    )
    .unwrap();
    assert!(!String::from_utf8(without).unwrap().contains("VALARM"));
}
