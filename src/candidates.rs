//! Fingerprints → the pairs of speeches worth aligning.
//!
//! Two regimes, and the report says which ran:
//! * **exact** (small corpora): every pair that shares a few winnowed prints is
//!   aligned; no pair with a shared passage is missed.
//! * **indexed** (large corpora): an inverted index of winnowed prints, where
//!   prints held by very many speeches (stock wording, site junk repeated
//!   everywhere) are left out so the work stays near-linear, and a pair must share
//!   a real fraction of its prints; plus simhash tables (the 64 bits cut into
//!   four 16-bit blocks: two hashes within Hamming distance 3 agree on one block),
//!   which find whole-speech near-duplicates whose passages are heavily edited.

use crate::fingerprint::hamming;
use crate::FastMap;
use serde::Serialize;

/// Which way candidate pairs were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    /// All pairs sharing a passage were aligned.
    Exact,
    /// Inverted index and simhash tables.
    Indexed,
}

/// Tuning of candidate generation.
#[derive(Debug, Clone, Copy)]
pub struct CandidateParams {
    /// Up to this many speeches, the exact regime runs.
    pub exact_limit: usize,
    /// Fewest shared prints for a pair to be aligned.
    pub min_shared: usize,
    /// In the indexed regime, the share of the smaller speech's prints a pair must share.
    pub min_fraction: f64,
    /// In the indexed regime, prints held by more speeches than this are not posted.
    pub max_df: usize,
    /// Simhash Hamming distance that makes a pair a candidate regardless of prints.
    pub simhash_k: u32,
}

impl Default for CandidateParams {
    fn default() -> Self {
        CandidateParams {
            exact_limit: 400,
            min_shared: 3,
            min_fraction: 0.3,
            max_df: 64,
            simhash_k: 3,
        }
    }
}

/// The candidate pairs, sorted, `a < b`.
#[derive(Debug, Clone)]
pub struct Candidates {
    /// Pairs of document ids.
    pub pairs: Vec<(u32, u32)>,
    /// Which regime produced them.
    pub regime: Regime,
    /// Postings that were compared (a measure of the work done).
    pub comparisons: u64,
}

/// Find candidate pairs from each speech's distinct winnowed prints and simhash.
pub fn candidates(prints: &[Vec<u64>], simhashes: &[u64], p: &CandidateParams) -> Candidates {
    let n = prints.len();
    let regime = if n <= p.exact_limit {
        Regime::Exact
    } else {
        Regime::Indexed
    };
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (d, ps) in prints.iter().enumerate() {
        for &h in ps {
            postings.entry(h).or_default().push(d as u32);
        }
    }
    let max_df = if regime == Regime::Exact {
        usize::MAX
    } else {
        p.max_df
    };
    let mut shared: FastMap<(u32, u32), u32> = FastMap::default();
    let mut comparisons = 0u64;
    let mut lists: Vec<&Vec<u32>> = postings
        .values()
        .filter(|l| l.len() > 1 && l.len() <= max_df)
        .collect();
    lists.sort_unstable();
    for list in lists {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                comparisons += 1;
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(u32, u32)> = shared
        .into_iter()
        .filter(|&((a, b), s)| {
            let small = prints[a as usize]
                .len()
                .min(prints[b as usize].len())
                .max(1);
            let need = match regime {
                Regime::Exact => p.min_shared.max((p.min_fraction * small as f64) as usize),
                Regime::Indexed => p.min_shared.max((p.min_fraction * small as f64) as usize),
            };
            s as usize >= need
        })
        .map(|(k, _)| k)
        .collect();
    if regime == Regime::Indexed {
        pairs.extend(simhash_pairs(simhashes, p.simhash_k, &mut comparisons));
    }
    pairs.sort_unstable();
    pairs.dedup();
    Candidates {
        pairs,
        regime,
        comparisons,
    }
}

/// Pairs within Hamming distance `k ≤ 3` by four 16-bit block tables.
pub fn simhash_pairs(hashes: &[u64], k: u32, comparisons: &mut u64) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for block in 0..4 {
        let mut table: FastMap<u16, Vec<u32>> = FastMap::default();
        for (d, &h) in hashes.iter().enumerate() {
            table
                .entry((h >> (16 * block)) as u16)
                .or_default()
                .push(d as u32);
        }
        for list in table.values() {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    *comparisons += 1;
                    if hamming(hashes[a as usize], hashes[b as usize]) <= k {
                        out.push((a.min(b), a.max(b)));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_sharing_prints_are_candidates() {
        let prints = vec![vec![1, 2, 3, 4], vec![2, 3, 4, 9], vec![7, 8]];
        let c = candidates(&prints, &[0, 0, 0], &CandidateParams::default());
        assert_eq!(c.pairs, vec![(0, 1)]);
        assert_eq!(c.regime, Regime::Exact);
    }

    #[test]
    fn indexed_regime_finds_the_same_pair_and_simhash_neighbours() {
        let p = CandidateParams {
            exact_limit: 1,
            ..Default::default()
        };
        let prints = vec![vec![1, 2, 3, 4], vec![2, 3, 4, 9], vec![7, 8], vec![70, 80]];
        let c = candidates(&prints, &[0, u64::MAX, 0xFFFF_0000, 0xFFFF_0007], &p);
        assert_eq!(c.pairs, vec![(0, 1), (2, 3)]);
        assert_eq!(c.regime, Regime::Indexed);
    }
}
