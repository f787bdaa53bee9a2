//! Determinism without a random source: stable question keys, seeds derived from them, and seeded shuffles.

use sha2::{Digest, Sha256};

/// A question's stable identity: the hash of what it tests and what its answer is.
pub fn question_key(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(&hasher.finalize()[..12])
}

/// A 64-bit seed from any text (a question key, a chat id and a key...).
pub fn seed(text: &str) -> u64 {
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(bytes)
}

/// A small deterministic generator (SplitMix64): the same seed gives the same sequence everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }
}

/// Shuffles `options` (the first one being the correct answer) with `seed`; returns them with the index
/// where the correct answer landed.
pub fn shuffle_options(mut options: Vec<String>, seed: u64) -> (Vec<String>, usize) {
    let mut order: Vec<usize> = (0..options.len()).collect();
    let mut rng = Rng::new(seed);
    for i in (1..order.len()).rev() {
        let j = rng.below(i + 1);
        order.swap(i, j);
    }
    let correct = order.iter().position(|&i| i == 0).unwrap_or(0);
    let mut taken: Vec<Option<String>> = options.drain(..).map(Some).collect();
    let shuffled = order.iter().filter_map(|&i| taken.get_mut(i).and_then(Option::take)).collect();
    (shuffled, correct)
}

/// Up to `n` distinct items: drawn with `seed` from `preferred`, then topped up from `fallback` in order.
pub fn pick<T: Clone + PartialEq>(preferred: &[T], fallback: &[T], n: usize, seed: u64) -> Vec<T> {
    let mut pool: Vec<T> = preferred.to_vec();
    let mut rng = Rng::new(seed);
    let mut out: Vec<T> = Vec::new();
    while out.len() < n && !pool.is_empty() {
        let item = pool.swap_remove(rng.below(pool.len()));
        if !out.contains(&item) {
            out.push(item);
        }
    }
    for item in fallback {
        if out.len() >= n {
            break;
        }
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_seeds_are_stable() {
        assert_eq!(question_key(&["figure", "abc", "$240 billion"]), question_key(&["figure", "abc", "$240 billion"]));
        assert_ne!(question_key(&["figure", "ab", "c"]), question_key(&["figure", "a", "bc"]));
        assert_eq!(seed("x"), seed("x"));
    }

    #[test]
    fn a_shuffle_keeps_every_option_and_tracks_the_answer() {
        let options: Vec<String> = ["right", "a", "b", "c"].iter().map(|s| s.to_string()).collect();
        for s in 0..50 {
            let (shuffled, correct) = shuffle_options(options.clone(), s);
            assert_eq!(shuffled[correct], "right");
            let mut sorted = shuffled.clone();
            sorted.sort();
            assert_eq!(sorted, vec!["a", "b", "c", "right"]);
        }
    }

    #[test]
    fn the_answer_lands_in_every_position() {
        let options: Vec<String> = ["right", "a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let mut counts = [0; 4];
        for s in 0..400 {
            counts[shuffle_options(options.clone(), seed(&s.to_string())).1] += 1;
        }
        assert!(counts.iter().all(|&c| c > 60), "{counts:?}");
    }

    #[test]
    fn picks_are_distinct_preferred_first_and_vary_with_the_seed() {
        let preferred: Vec<u32> = (0..10).collect();
        let fallback: Vec<u32> = vec![3, 100, 101];
        let picked = pick(&preferred, &fallback, 3, 42);
        assert_eq!(picked.len(), 3);
        assert!(picked.iter().all(|&p| p < 10), "{picked:?}");
        assert_eq!(pick(&preferred[..1], &fallback, 3, 1), vec![0, 3, 100]);
        let variants: std::collections::HashSet<Vec<u32>> = (0..20).map(|s| pick(&preferred, &[], 3, s)).collect();
        assert!(variants.len() > 5);
    }
}
