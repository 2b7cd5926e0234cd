//! The benches' one Criterion set-up: modest, so that each bench's whole run stays within a
//! few minutes on two shared cores.

use criterion::Criterion;
use std::time::Duration;

/// `samples` samples measured over `seconds`, after a second's warm-up.
pub fn criterion(samples: usize, seconds: u64) -> Criterion {
    Criterion::default()
        .sample_size(samples)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds))
}
