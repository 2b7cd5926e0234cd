//! The urgent-help message in every form it takes: worded by when the urgent thing was
//! noted (today or yesterday: get help now; earlier: a fact to raise, calmly) and by who
//! reads it (the patient, with their country's numbers; the clinician, what was recorded).
//! Every screen and the summary take their safety words from here.
//!
//! `country` holds whose numbers are shown (the country chosen in Settings, or proposed
//! from the system's language); `message` words the message itself for each reader.

mod country;
mod message;

pub use country::{
    chosen_country, help_country_setting, parse_help_country, proposed_for_this_system,
    CountryChoice, HelpCountry, HelpCountrySetting, OTHER_COUNTRY,
};
pub use message::{
    abrupt_stop_closing, is_recent, point_closing, recorded_for_clinician, urgent_help, Contact,
    Noted, Reader, UrgentHelp,
};
