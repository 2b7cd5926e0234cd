//! What each screen shows, computed and worded in Rust. The page only places these values;
//! it never computes a clinical figure or formats a dose.

pub mod about;
pub mod charts;
pub mod check_in;
pub mod day;
pub mod discussion;
pub mod history;
pub mod overview;
pub mod period_data;
pub mod plan;
pub mod questionnaires;
pub mod reminders;
pub mod settings;
pub mod start_screen;
pub mod staying_open;
pub mod steps;
pub mod summary;
pub mod trends;
pub mod urgent_help;
pub mod visits;
pub mod write_fault;

pub use about::{about_view, AboutView};
pub use check_in::{check_in_view, CheckInView, SavedCheckIn};
pub use history::{history_view, HistoryView};
pub use overview::{overview, Overview};
pub use period_data::PeriodChoice;
pub use questionnaires::{questionnaires_view, QuestionnairesView, SavedQuestionnaire};
pub use settings::{settings_view, SettingsView};
pub use steps::{steps_view, StepsView};
pub use trends::{trends_view, TrendsView};
pub use visits::{visits_view, VisitsView};

use chrono::NaiveDate;

/// "Sunday 22 November 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "22 Nov 2026".
pub fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Signed tenths of a percent as text: -111 -> "−11.1 %", 0 -> "0 %".
pub fn percent_text(tenths: i64) -> String {
    let sign = match tenths.signum() {
        -1 => "−",
        1 => "+",
        _ => "",
    };
    let a = tenths.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{} %", a / 10)
    } else {
        format!("{sign}{}.{} %", a / 10, a % 10)
    }
}

/// Unsigned tenths of a percent: 333 -> "33.3 %".
pub fn share_text(tenths: u64) -> String {
    percent_text(tenths as i64)
        .trim_start_matches('+')
        .to_string()
}

/// "1 day", "3 days".
pub fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_naturally() {
        assert_eq!(percent_text(-111), "−11.1 %");
        assert_eq!(percent_text(-100), "−10 %");
        assert_eq!(percent_text(250), "+25 %");
        assert_eq!(share_text(333), "33.3 %");
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            "Sunday 22 November 2026"
        );
    }
}
