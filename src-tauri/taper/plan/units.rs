//! The amounts one dose time can have from what the person has: whole, halved or quartered
//! tablets (each made with the fewest pieces), or multiples of a liquid's smallest amount.

use super::proposal::Made;
use super::request::{PlanProblem, Tablet, MAX_AMOUNTS_PER_DOSE_TIME};

/// One dose time's achievable amounts, ascending, each with how it is made.
pub(super) struct Options {
    pub(super) amounts: Vec<u64>,
    pub(super) made: Vec<Made>,
}

/// The smallest pieces: (strength index, piece size in µg, quarters per piece).
fn pieces(tablets: &[Tablet], quarters: bool) -> Vec<(usize, u64, u32)> {
    tablets
        .iter()
        .enumerate()
        .filter(|(_, t)| t.strength.0 > 0)
        .map(|(i, t)| {
            let s = u64::from(t.strength.0);
            // The finest division that leaves whole micrograms.
            let div = [4u64, 2, 1]
                .into_iter()
                .find(|d| (*d == 1 || t.scored) && (*d != 4 || quarters) && s % d == 0)
                .unwrap_or(1);
            (i, s / div, (4 / div) as u32)
        })
        .collect()
}

pub(super) fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The amounts one dose time can have, up to `max`: each made with the fewest pieces.
pub(super) fn tablet_options(
    tablets: &[Tablet],
    quarters: bool,
    max: u64,
) -> Result<Options, PlanProblem> {
    let pieces = pieces(tablets, quarters);
    let g = pieces.iter().fold(0, |g, p| gcd(g, p.1));
    if g == 0 {
        return Err(PlanProblem::NoUnits);
    }
    if max / g > MAX_AMOUNTS_PER_DOSE_TIME {
        return Err(PlanProblem::UnitsTooFine);
    }
    // best[k]: the fewest pieces making k × g, and the quarters of each strength.
    let slots = (max / g) as usize + 1;
    let mut best: Vec<Option<(u32, Vec<u32>)>> = vec![None; slots];
    best[0] = Some((0, vec![0; tablets.len()]));
    for &(index, size, quarters_each) in &pieces {
        let step = (size / g) as usize;
        // Unbounded counts of this piece: ascending, so k pieces build on k − 1.
        for k in step..slots {
            let Some((count, made)) = best[k - step].clone() else {
                continue;
            };
            if best[k].as_ref().is_none_or(|(c, _)| *c > count + 1) {
                let mut made = made;
                made[index] += quarters_each;
                best[k] = Some((count + 1, made));
            }
        }
    }
    let mut options = Options {
        amounts: Vec::new(),
        made: Vec::new(),
    };
    for (k, b) in best.into_iter().enumerate() {
        if let Some((_, quarters)) = b {
            options.amounts.push(k as u64 * g);
            options.made.push(Made::Tablets { quarters });
        }
    }
    Ok(options)
}

/// Every multiple of the smallest measurable amount, up to `max`.
pub(super) fn liquid_options(
    micrograms_per_ml: u32,
    smallest: u32,
    max: u64,
) -> Result<Options, PlanProblem> {
    let exact = u64::from(micrograms_per_ml) * u64::from(smallest);
    if exact == 0 {
        return Err(PlanProblem::NoUnits);
    }
    if exact % 100 != 0 {
        return Err(PlanProblem::LiquidNotWholeMicrograms {
            hundredths_of_microgram: exact,
        });
    }
    let g = exact / 100;
    if max / g > MAX_AMOUNTS_PER_DOSE_TIME {
        return Err(PlanProblem::UnitsTooFine);
    }
    let n = max / g;
    Ok(Options {
        amounts: (0..=n).map(|k| k * g).collect(),
        made: (0..=n)
            .map(|k| Made::Liquid {
                hundredths_ml: k * u64::from(smallest),
            })
            .collect(),
    })
}
