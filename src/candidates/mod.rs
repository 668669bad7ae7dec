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
    /// In the exact regime, every pair is aligned when (speeches − 1) × all
    /// their prints is at most this (a speech has about one print in five
    /// characters: 1.2 × 10^8 characters compared, about a CPU-second here),
    /// the pairs the prints do not propose as possible edited copies.
    /// Half a speech with 30% of its characters changed keeps 3 to 10 of
    /// its 8-character prints, as many as two unrelated speeches of the
    /// genre share, so no count of prints tells them apart; aligning does.
    pub exact_all_pairs: u64,
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
            exact_all_pairs: 25_000_000,
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
    // A speech too short to hold `min_shared` prints (about 24 characters)
    // has too few words for its simhash to mean anything, and ten thousand
    // copies of `好的。` (too short to be grouped as twins) would all share
    // one table bucket: they stay out of the simhash tables.
    let simhashed: Vec<bool> = prints
        .iter()
        .map(|x| x.hashes.len() >= p.min_shared)
        .collect();
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
        let mut near = simhash_pairs(simhashes, &simhashed, p.simhash_k, &mut comparisons);
        near.sort_unstable();
        edited.retain(|x| near.binary_search(x).is_err());
        pairs.extend(near);
    }
    pairs.sort_unstable();
    pairs.dedup();
    let few = || {
        let prints_in_all: u64 = speech_prints.iter().map(|&x| x as u64).sum();
        (n as u64).saturating_sub(1).saturating_mul(prints_in_all) <= p.exact_all_pairs
    };
    if regime == Regime::Exact && few() {
        let rest = every_pair_but(n as u32, &pairs);
        pairs.extend_from_slice(&rest);
        pairs.sort_unstable();
        edited.extend(rest);
        edited.sort_unstable();
    }
    Candidates {
        pairs,
        edited,
        regime,
        comparisons,
    }
}

/// Every pair `a < b` of `n` speeches that is not in `pairs` (sorted).
fn every_pair_but(n: u32, pairs: &[(u32, u32)]) -> Vec<(u32, u32)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .filter(|x| pairs.binary_search(x).is_err())
        .collect()
}

/// How many posting lists ahead of the one being counted are prefetched.
const PREFETCH_LISTS: usize = 6;

/// A pair's count of shared prints sits in the low bits of its counter (it
/// stops at [`COUNT`] and is then counted again exactly); above it, the parts
/// of the first speech and of the second that hold them, a bit each.
const COUNT_BITS: u32 = 16;
const COUNT: u64 = (1 << COUNT_BITS) - 1;

/// Pairs within Hamming distance `k ≤ 3` by four 16-bit block tables, of
/// the speeches `d` whose `keep[d]`.
fn simhash_pairs(hashes: &[u64], keep: &[bool], k: u32, comparisons: &mut u64) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for block in 0..4 {
        let mut table: FastMap<u16, Vec<u32>> = FastMap::default();
        for (d, &h) in hashes.iter().enumerate().filter(|&(d, _)| keep[d]) {
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
mod tests;
