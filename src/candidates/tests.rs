//! Tests of candidate generation.

use super::*;

/// The default rules without the exact regime's every-pair route: what the
/// prints alone propose.
fn by_prints() -> CandidateParams {
    CandidateParams {
        exact_all_pairs: 0,
        ..Default::default()
    }
}

#[test]
fn pairs_sharing_prints_are_candidates() {
    let prints = vec![vec![1, 2, 3, 4], vec![2, 3, 4, 9], vec![7, 8]];
    let c = candidates(prints, &[0, 0, 0], &by_prints());
    assert_eq!(c.pairs, vec![(0, 1)]);
    assert_eq!(c.regime, Regime::Exact);
}

#[test]
fn a_small_corpus_aligns_every_pair() {
    // Three speeches of 10 prints in all, two sharing some: (3 - 1) × 10 =
    // 20 within the budget, every pair is aligned, those the prints do not
    // propose as possible edited copies.
    let prints = vec![vec![1, 2, 3, 4], vec![2, 3, 4, 9], vec![7, 8]];
    let with = |budget: u64, exact_limit: usize| {
        let p = CandidateParams {
            exact_all_pairs: budget,
            exact_limit,
            ..Default::default()
        };
        let c = candidates(prints.clone(), &[0, u64::MAX, 0xFFFF], &p);
        (c.pairs, c.edited)
    };
    let all = vec![(0, 1), (0, 2), (1, 2)];
    assert_eq!(with(20, 400), (all.clone(), vec![(0, 2), (1, 2)]));
    assert_eq!(with(CandidateParams::default().exact_all_pairs, 400).0, all);
    // Past the budget, or in the indexed regime: what the prints propose.
    assert_eq!(with(19, 400), (vec![(0, 1)], vec![]));
    assert_eq!(with(u64::MAX, 1), (vec![(0, 1)], vec![]));
}

#[test]
fn indexed_regime_finds_the_same_pair_and_simhash_neighbours() {
    let p = CandidateParams {
        exact_limit: 1,
        ..Default::default()
    };
    let prints = vec![
        vec![1, 2, 3, 4],
        vec![2, 3, 4, 9],
        vec![7, 8, 10],
        vec![70, 80, 90],
    ];
    let c = candidates(prints, &[0, u64::MAX, 0xFFFF_0000, 0xFFFF_0007], &p);
    assert_eq!(c.pairs, vec![(0, 1), (2, 3)]);
    assert_eq!(c.regime, Regime::Indexed);
}

/// Pairs of speech ids.
type Pairs = Vec<(u32, u32)>;

/// The candidate pairs and possible edited copies of a speech of `short`
/// prints and one of `long` sharing `shared` of them (the short one's last),
/// by the default rules.
fn unlike_pair(short: u64, long: u64, shared: u64) -> (Pairs, Pairs) {
    let a: Vec<u64> = (0..short).collect();
    let b: Vec<u64> = (short - shared..short + long - shared).collect();
    let c = candidates(vec![a, b], &[0, u64::MAX], &by_prints());
    (c.pairs, c.edited)
}

#[test]
fn counts_past_the_16_bit_counter_are_exact() {
    // Very long speeches of unlike length: one is inside the other at 30%
    // of the shorter's 250 000 prints (75 000), past what a 16-bit count
    // holds; 80 000 shared are enough, 70 000 make only a possible edited
    // copy.
    let pair = |shared: u64| unlike_pair(250_000, 400_000, shared);
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
    let found = candidates(prints.clone(), &sims, &by_prints());
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
    let c = candidates(vec![a.clone(), b], &[0, u64::MAX], &by_prints());
    assert_eq!(c.pairs, vec![(0, 1)]);
    // 3 shared: a candidate only where every such pair is aligned (fewer
    // than the 6 of an edited copy).
    let c = |p: &CandidateParams| {
        let b: Vec<u64> = (197..397).collect();
        candidates(vec![a.clone(), b], &[0, u64::MAX], p).pairs
    };
    assert_eq!(c(&by_prints()), vec![(0, 1)]);
    let indexed = CandidateParams {
        exact_limit: 1,
        ..Default::default()
    };
    assert!(c(&indexed).is_empty());
    // The same 26 shared prints with a speech twice as long: aligned only
    // as a possible edited copy (prints given without parts are spread
    // over the one part of their speech).
    let long: Vec<u64> = (174..574).collect();
    for p in [by_prints(), indexed] {
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
            ..by_prints()
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
            ..by_prints()
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
    let pair = |shared: u64| unlike_pair(200, 600, shared);
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

#[test]
fn speeches_too_short_for_prints_stay_out_of_the_simhash_tables() {
    // 2 000 copies of `好的。` (one print each, too short to be twins) with
    // one simhash: no pair and no comparison, where the tables compared
    // every pair (two million, all aligned for nothing).
    let n = 2000;
    let prints: Vec<Vec<u64>> = vec![vec![42]; n];
    let c = candidates(prints, &vec![7; n], &CandidateParams::default());
    assert_eq!(c.regime, Regime::Indexed);
    assert!(
        c.pairs.is_empty() && c.comparisons < n as u64,
        "{}",
        c.comparisons
    );
    // Three prints are enough to be compared.
    let prints: Vec<Vec<u64>> = (0..n as u64)
        .map(|d| vec![d, n as u64 + d, 5 * n as u64 + d])
        .collect();
    let mut sims = vec![0u64; n];
    sims[7] = 0b111;
    assert!(candidates(prints, &sims, &CandidateParams::default())
        .pairs
        .contains(&(0, 7)));
}
