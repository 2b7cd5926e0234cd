//! The built-in list of benzodiazepines and z-drugs: generic and brand names, class, and
//! the factors of the two published equivalence tables (taper/equivalence.rs converts with
//! them; its opening comment names the sources). Parsed once from `drugs.csv`.

use super::{DrugClass, Micrograms};
use serde::Serialize;
use std::sync::OnceLock;

const TABLE_CSV: &str = include_str!("drugs.csv");

/// A prescriber's own factor (mg equal to 10 mg diazepam) must lie in this range. Published
/// factors run from 0.25 mg (triazolam) to 30 mg (oxazepam); far outside it is a typing
/// mistake that would turn an ordinary dose into an absurd diazepam equivalent.
pub const CUSTOM_FACTOR_MIN: Micrograms = Micrograms(50);
pub const CUSTOM_FACTOR_MAX: Micrograms = Micrograms::from_mg(100);

/// One row of the reference table. Factors are mg of the drug taken as equal to 10 mg diazepam.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceDrug {
    pub generic: String,
    pub brands: Vec<String>,
    pub class: DrugClass,
    pub joint_2025: Option<Micrograms>,
    pub ashton_low: Option<Micrograms>,
    pub ashton_high: Option<Micrograms>,
}

/// The built-in list, parsed once from the embedded CSV.
pub fn reference_drugs() -> &'static [ReferenceDrug] {
    static DRUGS: OnceLock<Vec<ReferenceDrug>> = OnceLock::new();
    DRUGS.get_or_init(|| parse_table(TABLE_CSV))
}

fn parse_table(csv: &str) -> Vec<ReferenceDrug> {
    let mg = |s: &str| {
        Micrograms::parse_mg("table", "factor", s)
            .ok()
            .filter(|m| m.0 > 0)
    };
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.trim().split(',').collect();
            let [generic, brands, class, joint, low, high] = cols.as_slice() else {
                return None;
            };
            Some(ReferenceDrug {
                generic: generic.to_string(),
                brands: brands
                    .split(';')
                    .filter(|b| !b.is_empty())
                    .map(str::to_string)
                    .collect(),
                class: DrugClass::from_key(class)?,
                joint_2025: mg(joint),
                ashton_low: mg(low),
                ashton_high: mg(high),
            })
        })
        .collect()
}

/// Finds a built-in drug by generic or brand name, ignoring case.
pub fn reference_drug(name: &str) -> Option<&'static ReferenceDrug> {
    let n = name.trim();
    reference_drugs().iter().find(|d| {
        d.generic.eq_ignore_ascii_case(n) || d.brands.iter().any(|b| b.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_row_of_the_reference() {
        assert_eq!(reference_drugs().len(), TABLE_CSV.lines().count() - 1);
        assert_eq!(reference_drug("Klonopin").unwrap().generic, "clonazepam");
        assert_eq!(
            reference_drug("TRIAZOLAM").unwrap().joint_2025,
            Some(Micrograms(250))
        );
        assert_eq!(reference_drug("bromazepam").unwrap().joint_2025, None);
    }
}
