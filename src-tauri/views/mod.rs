//! What each screen shows, computed and worded in Rust. The page only places these values;
//! it never computes a clinical figure or formats a dose.

pub mod about;
pub mod charts;
pub mod check_in;
pub mod day;
pub mod discussion;
pub mod first_screen;
pub mod history;
pub mod import;
pub mod levels;
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
pub mod words;
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

pub use words::{days_text, long_date, percent_text, share_text, short_date};
