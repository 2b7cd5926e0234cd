//! Deterministic bytes that are no database at all: what a damaged disk or a stray file
//! leaves where the journal should be (xorshift64, so the same seed gives the same bytes).

pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}
