//! Doses in whole micrograms and sleep in quarter hours: exact integers inside, decimal
//! text only at the edges, so "exactly 10 %" is never lost to floating point.

use super::input::ValidationError;
use serde::{Deserialize, Serialize};

/// The largest total daily dose the journal accepts, in mg. Benzodiazepine doses stay far
/// below it, but adjuncts logged alongside reach grams (gabapentin up to 3 600 mg/day);
/// anything above is a typing mistake (10 kg), not a dose.
pub const MAX_DAILY_DOSE_MG: u32 = 5_000;

/// A daily dose or a strength, in micrograms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Micrograms(pub u32);

impl Micrograms {
    pub const ZERO: Micrograms = Micrograms(0);

    pub const fn from_mg(mg: u32) -> Self {
        Micrograms(mg * 1000)
    }

    /// Parses mg as typed ("1.25", "0,5", "2"), at most three decimals (one microgram).
    pub fn parse_mg(field: &str, label: &str, text: &str) -> Result<Self, ValidationError> {
        let t = text.trim().replace(',', ".");
        let invalid = || {
            ValidationError::new(
                field,
                format!("{label} must be a number of mg, such as 1.5 (0 or more)."),
            )
        };
        if t.starts_with('-') {
            return Err(ValidationError::new(
                field,
                format!("{label} cannot be negative."),
            ));
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t.as_str(), ""));
        if (whole.is_empty() && frac.is_empty())
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(invalid());
        }
        if frac.len() > 3 {
            return Err(ValidationError::new(
                field,
                format!("{label} can have at most 3 decimals (1 microgram)."),
            ));
        }
        let too_large = || {
            ValidationError::new(
                field,
                format!("{label} of {} mg is not a plausible daily dose (at most {MAX_DAILY_DOSE_MG} mg).", t),
            )
        };
        let whole_mg: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_large())?
        };
        let frac_ug: u64 = format!("{frac:0<3}").parse().map_err(|_| invalid())?;
        let total = whole_mg
            .checked_mul(1000)
            .and_then(|w| w.checked_add(frac_ug))
            .ok_or_else(too_large)?;
        if total > u64::from(MAX_DAILY_DOSE_MG) * 1000 {
            return Err(too_large());
        }
        Ok(Micrograms(total as u32))
    }

    /// mg as a person writes it: 1250 µg -> "1.25", 2000 µg -> "2".
    pub fn mg_text(self) -> String {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
        }
    }

    /// mg rounded for reading (diazepam equivalents): at most two decimals.
    pub fn mg_rounded_text(self) -> String {
        let rounded = (u64::from(self.0) + 5) / 10 * 10;
        Micrograms(u32::try_from(rounded).unwrap_or(u32::MAX)).mg_text()
    }
}

/// Sleep duration in quarter hours (0–96), entered as hours: "7", "7.25", "7,5".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterHours(pub u8);

impl QuarterHours {
    pub fn parse_hours(field: &str, text: &str) -> Result<Self, ValidationError> {
        let t = text.trim().replace(',', ".");
        let msg = "Sleep hours must be between 0 and 24, in quarter hours (for example 6, 6.25, 6.5 or 6.75).";
        let hours: f64 = t.parse().map_err(|_| ValidationError::new(field, msg))?;
        if !hours.is_finite() || !(0.0..=24.0).contains(&hours) {
            return Err(ValidationError::new(field, msg));
        }
        let quarters = hours * 4.0;
        if (quarters - quarters.round()).abs() > 1e-9 {
            return Err(ValidationError::new(field, msg));
        }
        Ok(QuarterHours(quarters.round() as u8))
    }

    pub fn hours_text(self) -> String {
        let whole = self.0 / 4;
        match self.0 % 4 {
            0 => whole.to_string(),
            1 => format!("{whole}.25"),
            2 => format!("{whole}.5"),
            _ => format!("{whole}.75"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mg_round_trips_exactly() {
        for (text, ug) in [
            ("1.25", 1250),
            ("0,5", 500),
            ("2", 2000),
            ("0.125", 125),
            (".5", 500),
            ("0", 0),
        ] {
            let m = Micrograms::parse_mg("dose_mg", "Dose", text).unwrap();
            assert_eq!(m, Micrograms(ug), "{text}");
        }
        assert_eq!(Micrograms(1250).mg_text(), "1.25");
        assert_eq!(Micrograms(125).mg_text(), "0.125");
        assert_eq!(Micrograms(20_000).mg_text(), "20");
        assert_eq!(Micrograms(16_667).mg_rounded_text(), "16.67");
        // Saturates instead of overflowing (a huge converted figure must not panic).
        assert!(Micrograms(u32::MAX)
            .mg_rounded_text()
            .starts_with("4294967"));
    }

    #[test]
    fn absurd_doses_are_refused_with_the_field_named() {
        for bad in [
            "-1", "NaN", "inf", "", "1e3", "abc", "10000000", "0.0001", "1.2.3",
        ] {
            let err = Micrograms::parse_mg("dose_mg", "Dose", bad).unwrap_err();
            assert_eq!(err.field, "dose_mg", "{bad}");
        }
        assert!(Micrograms::parse_mg("d", "Dose", "5000").is_ok());
        assert!(Micrograms::parse_mg("d", "Dose", "5000.001").is_err());
    }

    #[test]
    fn sleep_is_in_quarter_hours() {
        assert_eq!(
            QuarterHours::parse_hours("s", "7.5").unwrap(),
            QuarterHours(30)
        );
        assert_eq!(
            QuarterHours::parse_hours("s", "24").unwrap(),
            QuarterHours(96)
        );
        assert_eq!(QuarterHours(29).hours_text(), "7.25");
        for bad in ["7.3", "25", "-1", "NaN", "inf"] {
            assert!(QuarterHours::parse_hours("s", bad).is_err(), "{bad}");
        }
    }
}
