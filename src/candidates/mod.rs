//! Fingerprints → the pairs of speeches worth aligning.
//!
//! Two regimes, and the report says which ran:
//! * **exact** (small corpora): every pair of about the same length that
//!   shares a few winnowed prints is aligned (the same speech with a quarter
//!   of its characters changed keeps one print in twenty), and a pair of unlike
//!   length when it shares a real fraction of the shorter's prints.
//! * **indexed** (large corpora): an inverted index of winnowed prints, where
//!   prints held by very many speeches (more than 64, and than one speech in
//!   512: stock wording, site junk repeated everywhere) are left out so the work
//!   stays near-linear, and a pair must share
//!   a real fraction of its prints; plus simhash tables (the 64 bits cut into
//!   four 16-bit blocks: two hashes within Hamming distance 3 agree on one block),
//!   which find whole-speech near-duplicates whose passages are heavily edited.
//!
//! In the indexed regime, the shared prints must also lie along a good part
//! of one of the two speeches (see [`CandidateParams::min_spread_whole`]).
//! In both, a pair that shares fewer prints than that, down to a few in a
//! hundred, is aligned as a possible *edited copy* (one speech inside the
//! other, or the same speech, with its wording changed throughout) when the
//! prints it shares lie all along one of the two speeches: an edited copy
//! keeps a few in every stretch, where two speeches that share some whole
//! paragraphs (most such pairs of a large collection) share them in a few
//! stretches. The scan holds such a pair to a higher bar (see
//! [`Candidates::edited`]).

mod classes;
mod postings;

use crate::fingerprint::hamming;
use crate::fingerprint::{spread, Prints, MAX_PARTS};
use crate::FastMap;
use classes::Classes;
use postings::{Postings, PASS_ENTRIES};
use rayon::prelude::*;
use serde::Serialize;

/// Which way candidate pairs were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    /// Pairs of about the same length sharing a few prints were aligned, and
    /// pairs of unlike length sharing a fraction of the shorter's.
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
    /// The share of the smaller speech's prints a pair must share (one inside
    /// the other; in the exact regime, to be more than an edited copy) ...
    pub min_fraction: f64,
    /// ... or, for two speeches of about the same length (the shorter at
    /// least `similar_length` of the longer), this share of both speeches'
    /// prints in the indexed regime (the exact one asks only `min_shared`):
    /// the same speech heavily edited (a fifth of its characters
    /// changed leaves about a seventh of its prints, on both sides), where text
    /// one speech merely takes from a longer one shares less of the longer.
    pub min_fraction_both: f64,
    /// See `min_fraction_both`.
    pub similar_length: f64,
    /// Two speeches that share this share of the shorter's prints (of the
    /// longer's, for two of about the same length), but fewer than the rules
    /// above ask, are aligned as a possible edited copy (see
    /// [`Candidates::edited`]), if `min_spread` holds: with prints of 8
    /// characters, a seventh of the characters changed leaves about a
    /// quarter of the prints, a quarter changed a tenth (0.75^8), 30% changed
    /// one in seventeen (0.7^8) on average and as few as one in 26 in a
    /// speech of 1 100 prints (4%, the bar before, missed two of six such
    /// copies among 600 other speeches; 3% finds them and aligns no more
    /// pairs of 10^4 generated speeches, 16% more of the provincial reports).
    pub min_fraction_edited: f64,
    /// ... when the prints the pair shares lie in this share of the parts of
    /// one of the two speeches (see [`Prints`]): an edited copy keeps prints
    /// all along, where two speeches that share a few whole paragraphs (many
    /// pairs of a large collection) share them in a few parts.
    pub min_spread: f64,
    /// In the indexed regime, a pair that shares enough prints to be more
    /// than a possible edited copy (`min_fraction`, or `min_fraction_both`
    /// for two of about the same length) is aligned only when the prints lie
    /// in this share of the parts of one of the two speeches, less
    /// `whole_slack` parts. The least that relates, one speech 60% inside
    /// another, holds them in about ten of its sixteen parts (fewer where
    /// some of what it shares is stock wording, whose prints are not posted:
    /// 6 of 13 at the least in 10^5 generated speeches); two speeches dealt a
    /// few of the same paragraphs (four in five of the candidate pairs of
    /// 10^4 generated speeches, none of which relate) in a few.
    pub min_spread_whole: f64,
    /// See `min_spread_whole`.
    pub whole_slack: u32,
    /// In the indexed regime, prints held by more speeches than this, and
    /// than `max_df_share` of all speeches, are not posted.
    pub max_df: usize,
    /// See `max_df`: stock wording is held by a share of the speeches, so the
    /// cut grows with the corpus. A fixed cut of 64 left nearly every print out
    /// of a 138 000-speech corpus whose paragraphs recur about 88 times each, and
    /// found 49 of its 34 536 required pairs; with 1/512 (270) it finds 99.7%.
    pub max_df_share: f64,
    /// Simhash Hamming distance that makes a pair a candidate regardless of prints.
    pub simhash_k: u32,
}

impl Default for CandidateParams {
    fn default() -> Self {
        CandidateParams {
            exact_limit: 400,
            min_shared: 3,
            min_fraction: 0.3,
            min_fraction_both: 0.12,
            similar_length: 0.8,
            min_fraction_edited: 0.03,
            min_spread: 0.6,
            min_spread_whole: 0.5,
            whole_slack: 1,
            max_df: 64,
            max_df_share: 1.0 / 512.0,
            simhash_k: 3,
        }
    }
}

/// The candidate pairs, sorted, `a < b`.
#[derive(Debug, Clone)]
pub struct Candidates {
    /// Pairs of document ids.
    pub pairs: Vec<(u32, u32)>,
    /// The pairs among them (sorted) that are aligned only as a possible
    /// heavily edited copy (see `min_fraction_edited`). Such a copy is
    /// covered nearly whole; a text that reuses pieces of a longer one (a
    /// local regulation quoting the national law) is not.
    pub edited: Vec<(u32, u32)>,
    /// Which regime produced them.
    pub regime: Regime,
    /// Postings that were compared (a measure of the work done).
    pub comparisons: u64,
}

/// Find candidate pairs from each speech's distinct winnowed prints and simhash.
/// The prints are let go once indexed: the pairs are counted from the index.
pub fn candidates<P: Into<Prints>>(
    prints: Vec<P>,
    simhashes: &[u64],
    p: &CandidateParams,
) -> Candidates {
    let mut prints: Vec<Prints> = prints.into_iter().map(Into::into).collect();
    let n = prints.len();
    let regime = if n <= p.exact_limit {
        Regime::Exact
    } else {
        Regime::Indexed
    };
    let max_df = if regime == Regime::Exact {
        usize::MAX
    } else {
        p.max_df.max((n as f64 * p.max_df_share) as usize)
    };
    // Each print's part of its speech, by slot (the index packs it with the
    // speech's id), and how many parts each speech has.
    // (Past `MAX_DOCS` speeches the index holds no parts: each speech is one.)
    let packed = n < postings::MAX_DOCS;
    let parts: Vec<u8> = match packed {
        true => prints
            .iter_mut()
            .flat_map(|x| std::mem::take(&mut x.part))
            .collect(),
        false => Vec::new(),
    };
    let cut: Vec<u8> = prints
        .iter()
        .map(|x| if packed { x.parts } else { 1 })
        .collect();
    let post = Postings::new(&prints, &parts, max_df, PASS_ENTRIES);
    drop(prints);
    drop(parts);
    let mut comparisons = post.comparisons;
    let speech_prints: Vec<usize> = (0..n as u32).map(|d| post.prints(d)).collect();
    // The count reads each list of the same speeches once (see `classes`).
    let classes = Classes::new(&post, n);
    drop(post);
    // The prints a pair must share to be aligned, and to be aligned as more
    // than an edited copy (see `Candidates::edited`).
    let need = |a: u32, b: u32| {
        let (la, lb) = (speech_prints[a as usize], speech_prints[b as usize]);
        let share = |f: f64, n: usize| p.min_shared.max((f * n.max(1) as f64) as usize);
        let (small, large) = (la.min(lb), la.max(lb));
        let one_inside = share(p.min_fraction, small) as u32;
        if (small as f64) < p.similar_length * large as f64 {
            return (share(p.min_fraction_edited, small) as u32, one_inside);
        }
        // Few pairs to align: the same speech heavily edited is never missed.
        if regime == Regime::Exact {
            return (p.min_shared as u32, p.min_shared as u32);
        }
        let both = one_inside.min(share(p.min_fraction_both, large) as u32);
        (both.min(share(p.min_fraction_edited, large) as u32), both)
    };
    // For each speech, the speeches after it that share its prints, counted in
    // a dense array (the all-pairs similarity search way: no map of pairs).
    // A counter is 16 bits of count (one that reaches the top is counted again
    // from the classes) and the parts of both speeches that hold the shared
    // prints: 8 bytes a speech, about 1 MB for 138 000 speeches.
    let found: Vec<((u32, u32), bool)> = (0..n)
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || (vec![0u64; n], Vec::new()),
            |(count, touched), a| {
                let a = a as u32;
                let lists = classes.of(a);
                for (i, after @ &(from, to, weight)) in lists.iter().enumerate() {
                    let part_a = classes.own_parts(after) << COUNT_BITS;
                    // The lists lie scattered over the index: start loading
                    // a later one while this one is counted.
                    if let Some(&(later, end, _)) = lists.get(i + PREFETCH_LISTS) {
                        for at in (later..end).step_by(8).take(4) {
                            crate::prefetch(&classes.entries, at as usize);
                        }
                    }
                    let weight = weight as u64;
                    for &x in &classes.entries[from as usize..to as usize] {
                        let b = Classes::speech(x);
                        let c = &mut count[b as usize];
                        if *c == 0 {
                            touched.push(b);
                        }
                        *c += weight.min(COUNT - (*c & COUNT));
                        *c |= part_a | Classes::parts(x) << (COUNT_BITS + MAX_PARTS as u32);
                    }
                }
                let mut out = Vec::new();
                for b in touched.drain(..) {
                    let c = std::mem::take(&mut count[b as usize]);
                    // Both bars ask at least `min_shared`: a pair that shares
                    // fewer prints needs them not worked out.
                    if c & COUNT < p.min_shared as u64 {
                        continue;
                    }
                    let shared = match c & COUNT {
                        COUNT => classes.shared(a, b),
                        c => c as u32,
                    };
                    let (aligned, whole) = need(a, b);
                    // An edited copy keeps prints all along the speech it
                    // copies; pairs of a large corpus that share only some
                    // paragraphs, no more than a few of its parts.
                    let spread_out = |share: f64, slack: u32| {
                        let mask = (c >> COUNT_BITS) as u32;
                        spread(mask, (cut[a as usize], cut[b as usize]), share, slack)
                    };
                    if shared >= whole
                        && (regime == Regime::Exact
                            || spread_out(p.min_spread_whole, p.whole_slack))
                    {
                        out.push(((a, b), false));
                    } else if shared >= aligned && shared < whole && spread_out(p.min_spread, 0) {
                        out.push(((a, b), true));
                    }
                }
                out
            },
        )
        .flatten()
        .collect();
    let mut edited: Vec<(u32, u32)> = found.iter().filter(|x| x.1).map(|x| x.0).collect();
    edited.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = found.into_iter().map(|x| x.0).collect();
    if regime == Regime::Indexed {
        // A pair whose simhashes agree is more than a possible edited copy.
        let mut near = simhash_pairs(simhashes, p.simhash_k, &mut comparisons);
        near.sort_unstable();
        edited.retain(|x| near.binary_search(x).is_err());
        pairs.extend(near);
    }
    pairs.sort_unstable();
    pairs.dedup();
    Candidates {
        pairs,
        edited,
        regime,
        comparisons,
    }
}

/// How many posting lists ahead of the one being counted are prefetched.
const PREFETCH_LISTS: usize = 6;

/// A pair's count of shared prints sits in the low bits of its counter (it
/// stops at [`COUNT`] and is then counted again exactly); above it, the parts
/// of the first speech and of the second that hold them, a bit each.
const COUNT_BITS: u32 = 16;
const COUNT: u64 = (1 << COUNT_BITS) - 1;

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
        let c = candidates(prints, &[0, 0, 0], &CandidateParams::default());
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
        let c = candidates(prints, &[0, u64::MAX, 0xFFFF_0000, 0xFFFF_0007], &p);
        assert_eq!(c.pairs, vec![(0, 1), (2, 3)]);
        assert_eq!(c.regime, Regime::Indexed);
    }

    #[test]
    fn counts_past_the_16_bit_counter_are_exact() {
        // Very long speeches of unlike length: one is inside the other at 30%
        // of the shorter's 250 000 prints (75 000), past what a 16-bit count
        // holds; 80 000 shared are enough, 70 000 make only a possible edited
        // copy.
        let pair = |shared: u64| {
            let a: Vec<u64> = (0..250_000).collect();
            let b: Vec<u64> = (250_000 - shared..650_000 - shared).collect();
            let c = candidates(vec![a, b], &[0, u64::MAX], &CandidateParams::default());
            (c.pairs, c.edited)
        };
        assert_eq!(pair(80_000), (vec![(0, 1)], vec![]));
        assert_eq!(pair(70_000), (vec![(0, 1)], vec![(0, 1)]));
    }

    #[test]
    fn the_frequency_cut_grows_with_the_corpus() {
        // 40 000 speeches: a copied pair whose ten prints are each held by 70
        // other speeches too (df 72: over 64, under one speech in 512 = 78).
        let n = 40_000;
        let mut prints: Vec<Vec<u64>> = (0..n).map(|d| vec![1_000_000 + d as u64]).collect();
        let shared: Vec<u64> = (1..=10).collect();
        prints[0] = shared.clone();
        prints[1] = shared.clone();
        for (i, &h) in shared.iter().enumerate() {
            for k in 0..70 {
                prints[2 + i * 70 + k].push(h);
                prints[2 + i * 70 + k].sort_unstable();
            }
        }
        let sims: Vec<u64> = (0..n as u64)
            .map(|d| d.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let found = candidates(prints.clone(), &sims, &CandidateParams::default());
        assert!(
            found.pairs.contains(&(0, 1)),
            "{:?}",
            &found.pairs[..found.pairs.len().min(5)]
        );
        let fixed = CandidateParams {
            max_df_share: 0.0,
            ..Default::default()
        };
        let cut = candidates(prints, &sims, &fixed);
        assert!(
            !cut.pairs.contains(&(0, 1)),
            "a fixed cut of 64 leaves every print out"
        );
    }

    #[test]
    fn heavily_edited_copies_of_similar_length_are_candidates() {
        // 200 prints each, 26 shared: too few for one inside the other (60 of
        // the smaller), enough for two speeches of the same length (24).
        let a: Vec<u64> = (0..200).collect();
        let b: Vec<u64> = (174..374).collect();
        let c = candidates(
            vec![a.clone(), b],
            &[0, u64::MAX],
            &CandidateParams::default(),
        );
        assert_eq!(c.pairs, vec![(0, 1)]);
        // 3 shared: a candidate only where every such pair is aligned (fewer
        // than the 6 of an edited copy).
        let c = |p: &CandidateParams| {
            let b: Vec<u64> = (197..397).collect();
            candidates(vec![a.clone(), b], &[0, u64::MAX], p).pairs
        };
        assert_eq!(c(&CandidateParams::default()), vec![(0, 1)]);
        let indexed = CandidateParams {
            exact_limit: 1,
            ..Default::default()
        };
        assert!(c(&indexed).is_empty());
        // The same 26 shared prints with a speech twice as long: aligned only
        // as a possible edited copy (prints given without parts are spread
        // over the one part of their speech).
        let long: Vec<u64> = (174..574).collect();
        for p in [CandidateParams::default(), indexed] {
            let c = candidates(vec![a.clone(), long.clone()], &[0, u64::MAX], &p);
            assert_eq!((c.pairs, c.edited), (vec![(0, 1)], vec![(0, 1)]));
        }
        // Unless their simhashes agree (indexed regime): then it is a pair
        // like any other.
        let c = candidates(vec![a, long], &[7, 7], &indexed);
        assert_eq!((c.pairs, c.edited), (vec![(0, 1)], vec![]));
    }

    #[test]
    fn few_shared_prints_make_a_candidate_only_when_spread_along_a_speech() {
        // A speech of 320 prints in 16 parts of 20, and a longer one (1 000
        // prints, all in its first part) holding 40 of them: fewer than 30%
        // of the shorter's, more than 3%.
        let short = Prints {
            hashes: (0..320).collect(),
            part: (0..320).map(|i| (i / 20) as u8).collect(),
            parts: 16,
        };
        let long = |shared: &dyn Fn(u64) -> bool| {
            let mut hashes: Vec<u64> = (0..320).filter(|&h| shared(h)).collect();
            hashes.extend(10_000..10_000 + 1_000 - hashes.len() as u64);
            Prints {
                part: vec![0; hashes.len()],
                hashes,
                parts: 16,
            }
        };
        for exact_limit in [400, 1] {
            let p = CandidateParams {
                exact_limit,
                ..CandidateParams::default()
            };
            let pair = |shared: &dyn Fn(u64) -> bool| {
                let c = candidates(vec![short.clone(), long(shared)], &[0, u64::MAX], &p);
                (c.pairs, c.edited)
            };
            // Every eighth print: some in every part of the shorter speech.
            let one = vec![(0u32, 1u32)];
            assert_eq!(pair(&|h| h % 8 == 0), (one.clone(), one));
            // The first 40: two whole parts of it (a shared paragraph).
            assert_eq!(pair(&|h| h < 40), (vec![], vec![]));
        }
    }

    #[test]
    fn indexed_pairs_must_share_prints_along_a_speech() {
        // Two speeches of 320 prints in 16 parts of 20 that share over 30% of
        // them: in 6 parts of each (paragraphs dealt to both), in 7 (half of
        // 16 parts less one of slack) or all along.
        let speech = |own: u64, shared: &dyn Fn(u64) -> bool| {
            let mut both: Vec<(u64, u8)> = (0..320)
                .map(|i| (if shared(i) { i } else { own + i }, (i / 20) as u8))
                .collect();
            both.sort_unstable();
            Prints {
                hashes: both.iter().map(|x| x.0).collect(),
                part: both.iter().map(|x| x.1).collect(),
                parts: 16,
            }
        };
        let pair = |exact_limit: usize, shared: &dyn Fn(u64) -> bool| {
            let p = CandidateParams {
                exact_limit,
                ..CandidateParams::default()
            };
            let (a, b) = (speech(10_000, shared), speech(20_000, shared));
            candidates(vec![a, b], &[0, u64::MAX], &p).pairs
        };
        let one = vec![(0u32, 1u32)];
        let six_parts = |i: u64| i < 120;
        let seven_parts = |i: u64| i < 280 && i % 40 < 20;
        let all_along = |i: u64| i % 20 < 6;
        assert_eq!(pair(400, &six_parts), one, "exact regime: aligned");
        assert_eq!(pair(1, &six_parts), vec![]);
        assert_eq!(pair(1, &seven_parts), one);
        assert_eq!(pair(1, &all_along), one);
    }

    #[test]
    fn unlike_lengths_sharing_few_prints_are_edited_candidates() {
        // A speech of 200 prints and one of 600 sharing `shared` of them.
        let pair = |shared: u64| {
            let a: Vec<u64> = (0..200).collect();
            let b: Vec<u64> = (200 - shared..800 - shared).collect();
            let c = candidates(vec![a, b], &[0, u64::MAX], &CandidateParams::default());
            (c.pairs, c.edited)
        };
        let one = vec![(0u32, 1u32)];
        // A real fraction of the shorter's (60): a candidate like any other.
        assert_eq!(pair(80), (one.clone(), vec![]));
        assert_eq!(pair(60), (one.clone(), vec![]));
        // Fewer, down to 3% (6): a possible edited copy.
        assert_eq!(pair(59), (one.clone(), one.clone()));
        assert_eq!(pair(6), (one.clone(), one));
        // Fewer still: not aligned.
        assert_eq!(pair(5), (vec![], vec![]));
    }
}
