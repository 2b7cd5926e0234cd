//! What the patient recorded, for the clinician: the questionnaires with their change,
//! substances, data completeness; and what was agreed at the last visit.

use super::*;

/// The questionnaires for the clinician: per kind, the latest in the period with its band,
/// and the change since the last visit (the latest on or before it) or, without a visit
/// before it, since the first in the period; then any PHQ-9 question 9 answered above
/// "Not at all", each with its answer.
pub(super) fn questionnaire_lines(data: &PeriodData, last_visit: Option<NaiveDate>) -> Vec<String> {
    use crate::journal::questionnaire::QuestionnaireKind;
    let score = |q: &crate::journal::Questionnaire| {
        format!(
            "{} of {}, {}, on {}",
            q.total(),
            q.kind.max_total(),
            q.band(),
            short_date(q.date)
        )
    };
    let mut lines = Vec::new();
    for kind in QuestionnaireKind::ALL {
        let mut own: Vec<&crate::journal::Questionnaire> = data
            .questionnaires
            .iter()
            .filter(|q| q.kind == kind)
            .collect();
        own.sort_by_key(|q| q.date);
        let in_period: Vec<&&crate::journal::Questionnaire> = own
            .iter()
            .filter(|q| data.period.contains(q.date))
            .collect();
        let Some(latest) = in_period.last() else {
            continue;
        };
        let at_visit = last_visit.and_then(|v| {
            own.iter()
                .rfind(|q| q.date <= v && q.date < latest.date)
                .map(|q| (q, "the last before the last visit"))
        });
        let baseline = at_visit.or_else(|| {
            in_period
                .first()
                .filter(|q| q.date < latest.date)
                .map(|q| (*q, "the first in this period"))
        });
        let change = match baseline {
            Some((b, which)) => {
                let diff = i32::from(latest.total()) - i32::from(b.total());
                let moved = match diff {
                    0 => "unchanged".to_string(),
                    d if d > 0 => format!("up {d}"),
                    d => format!("down {}", -d),
                };
                format!("; {moved} from {} ({which})", score(b))
            }
            None => String::new(),
        };
        lines.push(format!("{}: {}{change}.", kind.label(), score(latest)));
    }
    let mut concerns: Vec<&crate::journal::Questionnaire> = data
        .questionnaires
        .iter()
        .filter(|q| data.period.contains(q.date) && q.safety_concern())
        .collect();
    concerns.sort_by_key(|q| q.date);
    for q in concerns {
        let answer = q.answers.get(PHQ9_SAFETY_ITEM).copied().unwrap_or(0);
        lines.push(format!(
            "PHQ-9 question 9 (thoughts of self-harm) on {}: “{}”.",
            short_date(q.date),
            ANSWER_OPTIONS[usize::from(answer).min(3)]
        ));
    }
    lines
}

pub(super) fn substances_text(data: &PeriodData) -> String {
    let days: Vec<&CheckIn> = in_period(data).collect();
    let alcohol_days = days
        .iter()
        .filter(|c| c.alcohol_drinks.is_some_and(|d| d > 0))
        .count();
    let drinks: u32 = days
        .iter()
        .filter_map(|c| c.alcohol_drinks)
        .map(u32::from)
        .sum();
    let count = |f: fn(&CheckIn) -> bool| days.iter().filter(|c| f(c)).count();
    let on = |n: usize| count_text(n, "day", "days");
    format!(
        "On the {} with a check-in: alcohol on {}{}; opioids on {}; other sedatives on {}; cannabis on {}.",
        on(days.len()),
        on(alcohol_days),
        if alcohol_days > 0 {
            format!(" ({} in all)", count_text(drinks as usize, "drink", "drinks"))
        } else {
            String::new()
        },
        on(count(|c| c.opioids)),
        on(count(|c| c.other_sedatives)),
        on(count(|c| c.cannabis)),
    )
}

/// What was agreed, for the clinician to pick up from: the last visit on or before
/// `today` with its decision, and the next planned step (today or later).
pub(super) fn agreed_lines(
    journal: &Journal,
    data: &PeriodData,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let name_of = |id: i64| {
        data.medications
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.display_name())
            .unwrap_or_else(|| "medication".to_string())
    };
    let mut lines = Vec::new();
    if let Some(v) = journal
        .visits()?
        .into_iter()
        .filter(|v| v.date <= today)
        .max_by_key(|v| (v.date, v.id))
    {
        let with = v
            .clinician
            .as_deref()
            .map(|c| format!(" with {c}"))
            .unwrap_or_default();
        let note = v
            .note
            .as_deref()
            .map(|n| format!(" Note: {n}"))
            .unwrap_or_default();
        // "Something else (see note)" says nothing without its note.
        let decided = match (v.decision, v.note.is_some()) {
            (crate::journal::Decision::Other, false) => "something else",
            (d, _) => d.label(),
        };
        lines.push(format!(
            "Last visit on {}{with}. Decided: {decided}.{note}",
            short_date(v.date)
        ));
    }
    if let Some(p) = data
        .planned
        .iter()
        .filter(|p| p.date >= today)
        .min_by_key(|p| (p.date, p.id))
    {
        let agreed_at = p
            .agreed_at
            .as_deref()
            .map(|a| format!(" (agreed: {a})"))
            .unwrap_or_default();
        lines.push(format!(
            "Next agreed step: {} {} mg a day from {}{agreed_at}.",
            name_of(p.medication_id),
            p.dose.mg_text(),
            short_date(p.date)
        ));
    }
    Ok(lines)
}

pub(super) fn completeness_text(data: &PeriodData) -> String {
    let from = data.period.start.max(data.span.logging_from);
    let days = ((data.period.end - from).num_days() + 1).max(0);
    let logged: Vec<&CheckIn> = in_period(data).collect();
    let share = if days > 0 {
        (logged.len() as u64 * 1000 + days as u64 / 2) / days as u64
    } else {
        0
    };
    let began = if from > data.period.start {
        format!(" since the journal began on {}", short_date(from))
    } else {
        String::new()
    };
    let rated = |f: fn(&CheckIn) -> bool| logged.iter().filter(|c| f(c)).count();
    format!(
        "Check-ins on {} of {} ({}){began}. Anxiety rated on {}, sleep noted on {}, symptoms noted on {}.",
        logged.len(),
        count_text(days as usize, "day", "days"),
        share_text(share),
        count_text(rated(|c| c.anxiety.is_some()), "day", "days"),
        count_text(rated(|c| c.sleep.is_some()), "day", "days"),
        count_text(rated(|c| !c.symptoms.is_empty()), "day", "days"),
    )
}
