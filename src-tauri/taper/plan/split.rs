//! Sharing a daily dose across the dose times: which daily totals the units can make, and
//! the amounts at each time nearest the current split's proportions.

use super::units::Options;

/// Sets of sums, as bitsets over multiples of `g`.
pub(super) struct Sums {
    g: u64,
    /// reach[i]: the daily totals the first i dose times can make (each within its cap).
    reach: Vec<Vec<u64>>,
}

fn bit(set: &[u64], k: usize) -> bool {
    set.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)
}

impl Sums {
    pub(super) fn new(options: &[Options], caps: &[u64], g: u64) -> Sums {
        let total: u64 = caps.iter().sum();
        let bits = (total / g) as usize + 1;
        let words = bits.div_ceil(64);
        let mut reach = vec![{
            let mut s = vec![0u64; words];
            s[0] = 1;
            s
        }];
        for (o, &cap) in options.iter().zip(caps) {
            let before = reach.last().expect("reach has a first set");
            let mut next = vec![0u64; words];
            let usable = o.amounts.iter().take_while(|a| **a <= cap).count();
            let contiguous = o.amounts[..usable]
                .iter()
                .enumerate()
                .all(|(k, a)| *a == k as u64 * g);
            if contiguous {
                // Every multiple up to the cap (a liquid): each total reachable before
                // reaches the next `usable` totals, a sliding window over the bits.
                let mut in_window = 0usize;
                for j in 0..bits {
                    in_window += usize::from(bit(before, j));
                    if j >= usable {
                        in_window -= usize::from(bit(before, j - usable));
                    }
                    if in_window > 0 {
                        next[j / 64] |= 1 << (j % 64);
                    }
                }
                reach.push(next);
                continue;
            }
            for &a in &o.amounts[..usable] {
                let shift = (a / g) as usize;
                let (w, b) = (shift / 64, shift % 64);
                for i in (0..words).rev() {
                    if i < w {
                        break;
                    }
                    let lo = before[i - w] << b;
                    let hi = if b > 0 && i > w {
                        before[i - w - 1] >> (64 - b)
                    } else {
                        0
                    };
                    next[i] |= lo | hi;
                }
            }
            reach.push(next);
        }
        Sums { g, reach }
    }

    fn can(&self, times: usize, amount: u64) -> bool {
        amount.is_multiple_of(self.g) && bit(&self.reach[times], (amount / self.g) as usize)
    }

    /// The achievable daily totals below `below`, descending.
    pub(super) fn totals_below(&self, below: u64) -> impl Iterator<Item = u64> + '_ {
        let all = self.reach.len() - 1;
        let top = below.saturating_sub(1) / self.g;
        (0..=top)
            .rev()
            .map(move |k| k * self.g)
            .filter(move |a| *a < below && self.can(all, *a))
    }
}

/// The amounts at each time making `daily`, each within its cap, as near as can be to the
/// current split's proportions (the later dose times kept higher on a tie, so that the
/// night dose is the last to go).
pub(super) fn split(
    options: &[Options],
    caps: &[u64],
    sums: &Sums,
    daily: u64,
) -> Vec<(u64, usize)> {
    let total: u64 = caps.iter().sum::<u64>().max(1);
    let mut left = daily;
    let mut chosen = vec![(0, 0); options.len()];
    for i in (0..options.len()).rev() {
        let o = &options[i];
        let share = |a: u64| (a * total).abs_diff(daily * caps[i]);
        let pick = o
            .amounts
            .iter()
            .enumerate()
            .take_while(|(_, a)| **a <= caps[i] && **a <= left)
            .filter(|(_, a)| sums.can(i, left - **a))
            .min_by(|(_, a), (_, b)| share(**a).cmp(&share(**b)).then(b.cmp(a)))
            .map(|(k, a)| (*a, k))
            .expect("a total from `sums` can be split");
        chosen[i] = pick;
        left -= pick.0;
    }
    chosen
}
