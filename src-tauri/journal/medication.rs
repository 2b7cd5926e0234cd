//! A medication the person takes, as entered at setup or on the medication screen.

use super::drugs;
use super::input::{self, non_blank, text_or_number, ValidationError};
use super::units::Micrograms;
use serde::{Deserialize, Serialize};

/// Tablet strengths are mg per tablet; liquid strengths are mg per mL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Tablet,
    Liquid,
}

impl Form {
    pub fn key(self) -> &'static str {
        match self {
            Form::Tablet => "tablet",
            Form::Liquid => "liquid",
        }
    }
    pub fn from_key(key: &str) -> Option<Form> {
        match key {
            "tablet" => Some(Form::Tablet),
            "liquid" => Some(Form::Liquid),
            _ => None,
        }
    }
}

/// Benzodiazepines and z-drugs are converted to diazepam equivalents and pace-checked;
/// other medications (adjuncts such as gabapentin) are logged but never converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugClass {
    Benzodiazepine,
    ZDrug,
    Other,
}

impl DrugClass {
    pub fn key(self) -> &'static str {
        match self {
            DrugClass::Benzodiazepine => "benzodiazepine",
            DrugClass::ZDrug => "z_drug",
            DrugClass::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<DrugClass> {
        match key {
            "benzodiazepine" => Some(DrugClass::Benzodiazepine),
            "z_drug" | "z-drug" => Some(DrugClass::ZDrug),
            "other" => Some(DrugClass::Other),
            _ => None,
        }
    }
    pub fn is_converted(self) -> bool {
        self != DrugClass::Other
    }
    pub fn label(self) -> &'static str {
        match self {
            DrugClass::Benzodiazepine => "benzodiazepine",
            DrugClass::ZDrug => "z-drug",
            DrugClass::Other => "other medication (logged, not converted)",
        }
    }
}

/// A stored medication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Medication {
    pub id: i64,
    pub generic: String,
    pub brand: Option<String>,
    pub form: Form,
    /// mg per tablet, or mg per mL for a liquid.
    pub strength: Option<Micrograms>,
    pub class: DrugClass,
    /// The prescriber's own factor: mg of this drug taken as equal to 10 mg diazepam.
    pub custom_factor: Option<Micrograms>,
    pub active: bool,
}

impl Medication {
    /// "clonazepam (Klonopin)".
    pub fn display_name(&self) -> String {
        match &self.brand {
            Some(b) => format!("{} ({b})", self.generic),
            None => self.generic.clone(),
        }
    }
}

/// A validated medication, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedication {
    pub generic: String,
    pub brand: Option<String>,
    pub form: Form,
    pub strength: Option<Micrograms>,
    pub class: DrugClass,
    pub custom_factor: Option<Micrograms>,
}

/// The medication part of the setup and "add medication" forms, as the page sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationInput {
    pub generic: String,
    #[serde(default)]
    pub brand: Option<String>,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub strength_mg: Option<String>,
    /// Only for a name not in the built-in list: "benzodiazepine", "z_drug" or "other".
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    pub custom_factor_mg: Option<String>,
}

impl MedicationInput {
    pub fn validate(&self) -> Result<NewMedication, ValidationError> {
        let typed = input::name("generic", "Medication name", &self.generic)?;
        // A built-in name keeps its table spelling and class, whatever case was typed.
        let reference = drugs::reference_drug(&typed);
        let generic = reference
            .map(|r| r.generic.to_string())
            .unwrap_or_else(|| typed.clone());
        let brand = match non_blank(&self.brand) {
            Some(b) => Some(input::name("brand", "Brand name", b)?),
            // "Klonopin" typed as the name: keep the brand, file it under its generic.
            None => reference
                .and_then(|r| r.brands.iter().find(|b| b.eq_ignore_ascii_case(&typed)))
                .cloned(),
        };
        let form = match non_blank(&self.form) {
            None => Form::Tablet,
            Some(f) => Form::from_key(f)
                .ok_or_else(|| ValidationError::new("form", "Form must be tablet or liquid."))?,
        };
        let strength = optional_positive_mg("strength_mg", "Strength", &self.strength_mg)?;
        let class = match reference {
            Some(r) => r.class,
            None => match non_blank(&self.class) {
                None => {
                    return Err(ValidationError::new(
                        "class",
                        format!("\"{generic}\" is not in the built-in list: please say whether it is a benzodiazepine, a z-drug or another medication (and check the spelling)."),
                    ))
                }
                Some(c) => DrugClass::from_key(c).ok_or_else(|| {
                    ValidationError::new("class", "Choose benzodiazepine, z-drug or other.")
                })?,
            },
        };
        let custom_factor = match non_blank(&self.custom_factor_mg) {
            None => None,
            Some(_) if !class.is_converted() => {
                return Err(ValidationError::new(
                    "custom_factor_mg",
                    "Only benzodiazepines and z-drugs are converted to diazepam equivalents.",
                ))
            }
            Some(_) => {
                let factor = optional_positive_mg(
                    "custom_factor_mg",
                    "Equivalence",
                    &self.custom_factor_mg,
                )?;
                let (min, max) = (drugs::CUSTOM_FACTOR_MIN, drugs::CUSTOM_FACTOR_MAX);
                if factor.is_some_and(|f| f < min || f > max) {
                    return Err(ValidationError::new(
                        "custom_factor_mg",
                        format!("Equivalence must be between {} and {} mg (published figures run from 0.25 to 30 mg).", min.mg_text(), max.mg_text()),
                    ));
                }
                factor
            }
        };
        Ok(NewMedication {
            generic,
            brand,
            form,
            strength,
            class,
            custom_factor,
        })
    }
}

/// An optional amount in mg that, when given, must be above zero (a strength, a factor).
fn optional_positive_mg(
    field: &str,
    label: &str,
    value: &Option<String>,
) -> Result<Option<Micrograms>, ValidationError> {
    let Some(text) = non_blank(value) else {
        return Ok(None);
    };
    let m = Micrograms::parse_mg(field, label, text)?;
    if m == Micrograms::ZERO {
        return Err(ValidationError::new(
            field,
            format!("{label} must be more than 0 mg."),
        ));
    }
    Ok(Some(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(generic: &str) -> MedicationInput {
        MedicationInput {
            generic: generic.into(),
            ..Default::default()
        }
    }

    #[test]
    fn built_in_names_take_their_class_from_the_table() {
        let k = input("klonopin").validate().unwrap();
        assert_eq!(
            (k.generic.as_str(), k.brand.as_deref()),
            ("clonazepam", Some("Klonopin"))
        );
        let m = input("Clonazepam").validate().unwrap();
        assert_eq!(m.generic, "clonazepam");
        assert_eq!(m.class, DrugClass::Benzodiazepine);
        assert_eq!(
            input("zolpidem").validate().unwrap().class,
            DrugClass::ZDrug
        );
        // A name outside the list needs its kind said, never silently "other".
        assert_eq!(input("Klonipin").validate().unwrap_err().field, "class");
        let mut g = input("gabapentin");
        g.class = Some("other".into());
        assert_eq!(g.validate().unwrap().class, DrugClass::Other);
    }

    #[test]
    fn a_custom_factor_is_only_for_converted_drugs() {
        let mut g = input("gabapentin");
        g.class = Some("other".into());
        g.custom_factor_mg = Some("300".into());
        assert_eq!(g.validate().unwrap_err().field, "custom_factor_mg");
        let mut tiny = input("etizolam");
        tiny.class = Some("benzodiazepine".into());
        tiny.custom_factor_mg = Some("0.001".into());
        assert_eq!(tiny.validate().unwrap_err().field, "custom_factor_mg");
        let mut e = input("etizolam");
        e.class = Some("benzodiazepine".into());
        e.custom_factor_mg = Some("1".into());
        assert_eq!(e.validate().unwrap().custom_factor, Some(Micrograms(1000)));
    }

    #[test]
    fn markup_in_a_name_is_refused() {
        assert_eq!(
            input("<img src=x onerror=alert(1)>")
                .validate()
                .unwrap_err()
                .field,
            "generic"
        );
        let mut b = input("clonazepam");
        b.brand = Some("<i>K</i>".into());
        assert_eq!(b.validate().unwrap_err().field, "brand");
    }
}
