//! Diazepam equivalents from a published table the person chooses.
//!
//! Source: `journal/drugs.csv` (the reference list), copied from the project's reference folder:
//! the 2025 Joint Clinical Practice Guideline on Benzodiazepine Tapering (J Gen Intern Med
//! 2025, PMID 40526204) reprinting the VA/DoD 2021 table, and the Ashton Manual (2002,
//! revised 2007). The two disagree by up to 2x, so every converted figure names its table
//! and says it is approximate; nothing is ever converted silently.

use crate::journal::drugs::reference_drug;
use crate::journal::{Medication, Micrograms};
use serde::{Deserialize, Serialize};

/// Which published column converts doses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquivalenceTable {
    Joint2025,
    Ashton,
}

impl EquivalenceTable {
    pub const ALL: [EquivalenceTable; 2] = [EquivalenceTable::Joint2025, EquivalenceTable::Ashton];

    pub fn key(self) -> &'static str {
        match self {
            EquivalenceTable::Joint2025 => "joint_2025",
            EquivalenceTable::Ashton => "ashton",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
    /// The name shown next to every converted figure.
    pub fn label(self) -> &'static str {
        match self {
            EquivalenceTable::Joint2025 => "2025 joint guideline table",
            EquivalenceTable::Ashton => "Ashton Manual table",
        }
    }
    pub fn description(self) -> &'static str {
        match self {
            EquivalenceTable::Joint2025 => "2025 Joint Clinical Practice Guideline on Benzodiazepine Tapering (reprints the VA/DoD 2021 table). Recommended default.",
            EquivalenceTable::Ashton => "The Ashton Manual (2002, revised 2007). Where it gives a range, the lower figure is used.",
        }
    }
}

/// Where a medication's conversion factor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Table(EquivalenceTable, Micrograms),
    /// Given by the prescriber; used instead of any table.
    Custom(Micrograms),
}

impl Factor {
    pub fn mg_per_10_diazepam(self) -> Micrograms {
        match self {
            Factor::Table(_, m) | Factor::Custom(m) => m,
        }
    }
    /// "2025 joint guideline table" or "your prescriber's factor".
    pub fn source_label(self) -> &'static str {
        match self {
            Factor::Table(t, _) => t.label(),
            Factor::Custom(_) => "factor from your prescriber",
        }
    }
}

/// The factor for a medication under the chosen table; `None` for medications that are not
/// converted (adjuncts) or that the chosen table has no row for.
pub fn factor(medication: &Medication, table: EquivalenceTable) -> Option<Factor> {
    if !medication.class.is_converted() {
        return None;
    }
    if let Some(custom) = medication.custom_factor {
        return Some(Factor::Custom(custom));
    }
    let drug = reference_drug(&medication.generic)?;
    let figure = match table {
        EquivalenceTable::Joint2025 => drug.joint_2025,
        EquivalenceTable::Ashton => drug.ashton_low,
    }?;
    Some(Factor::Table(table, figure))
}

/// Daily dose in diazepam-equivalent micrograms: dose x 10 mg / factor, rounded.
pub fn diazepam_equivalent(dose: Micrograms, factor: Factor) -> Micrograms {
    let f = u64::from(factor.mg_per_10_diazepam().0.max(1));
    let de = (u64::from(dose.0) * 10_000 + f / 2) / f;
    Micrograms(u32::try_from(de).unwrap_or(u32::MAX))
}

/// The factor that judges whether a stop is abrupt, whatever table the person picked: the
/// 2025 joint guideline's own column (the guideline whose pace is checked), so that the
/// same last step of clonazepam 0.25 mg reads the same under both tables (Ashton's column
/// would double it); for a drug that column lacks, the prescriber's factor, then Ashton's.
pub fn stop_factor(medication: &Medication) -> Option<Factor> {
    if !medication.class.is_converted() {
        return None;
    }
    let drug = reference_drug(&medication.generic);
    if let Some(joint) = drug.and_then(|d| d.joint_2025) {
        return Some(Factor::Table(EquivalenceTable::Joint2025, joint));
    }
    if let Some(custom) = medication.custom_factor {
        return Some(Factor::Custom(custom));
    }
    drug.and_then(|d| d.ashton_low)
        .map(|f| Factor::Table(EquivalenceTable::Ashton, f))
}

/// Whether stopping one medication from `from` micrograms is abrupt: above the
/// diazepam-equivalent line under its `stop_factor` when one is known, else from at least a
/// quarter of the `highest` dose logged for it. (The logged steps' check and the plan
/// proposal both ask.)
pub fn stop_is_abrupt(from: u64, factor: Option<Factor>, highest: u64) -> bool {
    match factor {
        Some(f) => {
            diazepam_equivalent(Micrograms(u32::try_from(from).unwrap_or(u32::MAX)), f)
                > super::pace::ABRUPT_STOP_ABOVE_DIAZEPAM_EQ
        }
        None => from * 100 >= highest * super::pace::ABRUPT_STOP_SHARE_OF_HIGHEST_PERCENT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::DrugClass;
    use crate::journal::Form;

    fn med(generic: &str) -> Medication {
        let class = reference_drug(generic)
            .map(|d| d.class)
            .unwrap_or(DrugClass::Other);
        Medication {
            id: 1,
            generic: generic.into(),
            brand: None,
            form: Form::Tablet,
            strength: None,
            class,
            custom_factor: None,
            active: true,
        }
    }

    fn de(generic: &str, mg: u32, table: EquivalenceTable) -> Micrograms {
        diazepam_equivalent(
            Micrograms::from_mg(mg),
            factor(&med(generic), table).unwrap(),
        )
    }

    #[test]
    fn worked_examples_from_the_reference_readme() {
        use EquivalenceTable::*;
        // Joint 2025: clonazepam 1 mg = 10 mg diazepam, so 2 mg/day = 20 mg.
        assert_eq!(de("clonazepam", 2, Joint2025), Micrograms::from_mg(20));
        // Joint 2025: lorazepam 2 mg = 10 mg, so 3 mg/day = 15 mg.
        assert_eq!(de("lorazepam", 3, Joint2025), Micrograms::from_mg(15));
        // Ashton: clonazepam 0.5 mg = 10 mg, so 2 mg = 40 mg; lorazepam 1 mg = 10, so 3 mg = 30.
        assert_eq!(de("clonazepam", 2, Ashton), Micrograms::from_mg(40));
        assert_eq!(de("lorazepam", 3, Ashton), Micrograms::from_mg(30));
        // Alprazolam 0.5 mg (= 5 mg) + diazepam 5 mg (= 5 mg) = 10 mg, joint table.
        let alp = factor(&med("alprazolam"), Joint2025).unwrap();
        let dia = factor(&med("diazepam"), Joint2025).unwrap();
        let total = diazepam_equivalent(Micrograms(500), alp).0
            + diazepam_equivalent(Micrograms(5000), dia).0;
        assert_eq!(total, 10_000);
    }

    #[test]
    fn adjuncts_and_missing_rows_are_not_converted() {
        assert_eq!(
            factor(&med("gabapentin"), EquivalenceTable::Joint2025),
            None
        );
        assert_eq!(
            factor(&med("bromazepam"), EquivalenceTable::Joint2025),
            None
        );
        assert!(factor(&med("bromazepam"), EquivalenceTable::Ashton).is_some());
        let mut custom = med("bromazepam");
        custom.custom_factor = Some(Micrograms(6000));
        assert_eq!(
            factor(&custom, EquivalenceTable::Joint2025),
            Some(Factor::Custom(Micrograms(6000)))
        );
    }
}
