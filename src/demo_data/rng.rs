//! Deterministic randomness: one ChaCha8 stream per (seed, purpose, index), so any entity can be
//! regenerated on its own and the output never depends on thread count or chunking.
//!
//! Sampling helpers are written here rather than taken from `rand`'s distributions, whose
//! algorithms may change between versions; only ChaCha8's keystream is relied upon.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// What a random stream is used for; part of its key so streams never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Company = 1,
    Member = 2,
    Skeleton = 3,
    Edges = 4,
    MemberQuery = 5,
    CompanyQuery = 6,
}

/// A seeded generator with the few sampling operations the generator needs.
pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn for_entity(seed: u64, stream: Stream, index: u64) -> Self {
        let words = [
            mix(seed),
            mix(seed.rotate_left(17) ^ stream as u64),
            mix(index ^ 0x5eed_0000_0000_0000),
            mix(index.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ stream as u64),
        ];
        let mut key = [0u8; 32];
        for (slot, word) in key.chunks_exact_mut(8).zip(words) {
            slot.copy_from_slice(&word.to_le_bytes());
        }
        Self(ChaCha8Rng::from_seed(key))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A rank in `0..n` with Zipf-like weight `1 / (rank + 1)^s`, `0 < s < 1`: a few ranks are
    /// very common and the long tail is rare (inverse of the continuous distribution).
    pub fn zipf(&mut self, n: usize, s: f64) -> usize {
        let e = 1.0 - s;
        let top = ((n + 1) as f64).powf(e) - 1.0;
        let x = (1.0 + self.unit() * top).powf(1.0 / e) - 1.0;
        (x as usize).min(n.saturating_sub(1))
    }

    /// Index into `weights` with probability proportional to the weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut target = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if target < u64::from(w) {
                return i;
            }
            target -= u64::from(w);
        }
        weights.len() - 1
    }

    /// Number of failures before the first success of a Bernoulli(p) trial, `0 < p <= 1`.
    pub fn geometric(&mut self, p: f64) -> u64 {
        if p >= 1.0 {
            return 0;
        }
        let u = 1.0 - self.unit();
        (u.ln() / (1.0 - p).ln()).floor() as u64
    }
}

/// SplitMix64 finalizer: spreads nearby inputs over the whole key space.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_same_stream_and_different_index_differs() {
        let a: Vec<u64> = (0..4).map(|_| Rng::for_entity(7, Stream::Member, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::for_entity(7, Stream::Member, 4).next_u64(), a[0]);
        assert_ne!(Rng::for_entity(7, Stream::Company, 3).next_u64(), a[0]);
    }

    #[test]
    fn zipf_favours_low_ranks_but_reaches_the_tail() {
        let mut rng = Rng::for_entity(1, Stream::Member, 0);
        let mut counts = [0u32; 100];
        for _ in 0..100_000 {
            counts[rng.zipf(100, 0.7)] += 1;
        }
        assert!(counts[0] > counts[10] && counts[10] > counts[90]);
        assert!(counts[99] > 0);
    }

    #[test]
    fn geometric_mean_matches_its_parameter() {
        let mut rng = Rng::for_entity(1, Stream::Edges, 0);
        let mean = (0..100_000).map(|_| rng.geometric(0.2)).sum::<u64>() as f64 / 100_000.0;
        assert!((mean - 4.0).abs() < 0.1, "mean {mean}");
    }
}
