//! Seeded randomness: one ChaCha8 stream per record, so the output never depends on thread scheduling.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Stream tags: each collection draws from its own family of streams.
pub const TAG_WORLD: u64 = 1;
pub const TAG_ACTIVITY: u64 = 2;
pub const TAG_ORMAS: u64 = 3;
pub const TAG_PARTNERSHIP: u64 = 4;

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A deterministic generator for record `index` of the collection `tag`.
pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64, tag: u64, index: u64) -> Self {
        let key = splitmix64(seed ^ splitmix64(tag.rotate_left(32) ^ splitmix64(index)));
        Rng(ChaCha8Rng::seed_from_u64(key))
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        self.0.random_range(0..n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        self.0.random_range(lo..=hi)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.0.random_range(0..100u32) < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A copy of one element (a word, a template, an index).
    pub fn one<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// Index drawn with the given relative weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.0.random_range(0..total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// Up to `k` distinct indices in `0..n`, in drawing order.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let x = self.below(n);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}
