//! Two normalised texts → the passages they share, with exact spans.
//!
//! Seed and extend, then chain: every shared k-gram seeds an exact match that
//! is extended to a maximal exact match (MEM); MEMs are chained co-linearly by
//! dynamic programming (as read mappers do), where a short gap on both sides is
//! an edit (a changed character, a mask standing for a name, punctuation) and a
//! long gap on one side only is a deleted sentence. Each chain is one shared
//! passage. Input: two character streams (see [`crate::normalize`]); output:
//! [`Chain`]s in order of their position in `a`, non-overlapping in `a`.

mod gaps;
mod lcs;
mod mems;
mod reach;
mod support;
mod taken;

use crate::normalize::{Sym, MASK};
use crate::FastMap;
pub use gaps::agreeing;
use gaps::{Gaps, EDIT_DRIFT};
pub use lcs::{Filled, Lcs};
pub use mems::{grow, mems, SeedTable};
use std::ops::Range;
pub use taken::Covered;
use taken::Ranked;

/// Tuning of the aligner.
#[derive(Debug, Clone, Copy)]
pub struct AlignParams {
    /// Seed length in characters: 4. An edited copy with a quarter of its
    /// characters changed keeps few runs of six unchanged characters (one
    /// start in six) but many of four. Measured against 6: `check` drafts
    /// with 15/20/25% of their characters changed went from 0.977/0.944/0.812
    /// to 0.988/0.979/0.935 copied-character F1, and `scan` found the same
    /// speech with 25% changed as a near-duplicate in 6 of 6 compilations
    /// (0 of 6), with 30% in 4 of 6 (0); precision on drafts over provincial
    /// work reports (the genre's wording, not copied) 0.993/0.989 →
    /// 0.991/0.988; the seed, the laws and 10^4 and 10^5 generated speeches
    /// scored the same. Align took about a quarter more CPU at 10^5 speeches
    /// (medians of four alternated runs 33.5 → 42.8 s; the whole scan 7%
    /// more), and `check` against every speech of a small corpus about twice
    /// as long.
    pub k: usize,
    /// Largest gap on both sides that always counts as an edit inside a
    /// passage (see `max_subst` for longer ones).
    pub max_gap: usize,
    /// Largest gap on both sides that still counts as changed characters when
    /// the two sides are (nearly) the same length: a stretch where every few
    /// characters were changed leaves no seed, but keeps its length.
    pub max_subst: usize,
    /// Largest gap on one side (with ≤ 3 on the other) bridged as a deletion.
    pub max_skip: usize,
    /// Fewest exactly matching characters a passage must have.
    pub min_matched: usize,
    /// Seeds that occur more often than this in `b` are not used (repeats).
    pub max_occ: usize,
    /// Whether a gap of changed characters beside text only one side has (a
    /// clause dropped or inserted in an edited copy) is bridged: on for
    /// `check`, off for `scan` (see `Gap::EditBesideDeletion` in `gaps.rs`).
    pub edit_and_skip: bool,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            k: 4,
            max_gap: 12,
            max_subst: 32,
            max_skip: 400,
            min_matched: 12,
            max_occ: 16,
            edit_and_skip: false,
        }
    }
}

/// An exact match: `a[a..a+len] == b[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Start in `a`.
    pub a: u32,
    /// Start in `b`.
    pub b: u32,
    /// Length.
    pub len: u32,
}

/// One shared passage: a chain of exact blocks with small edits between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The blocks, in order in both texts.
    pub blocks: Vec<Block>,
    /// Characters of `a` covered (blocks plus the edits between them).
    pub a_spans: Vec<Range<usize>>,
    /// Characters of `b` covered.
    pub b_spans: Vec<Range<usize>>,
    /// Exactly matching characters.
    pub matched: usize,
}

impl Chain {
    /// The chain of a text of `len` characters with an identical text.
    pub fn identity(len: usize) -> Chain {
        Chain {
            blocks: vec![Block {
                a: 0,
                b: 0,
                len: len as _,
            }],
            a_spans: std::iter::once(0..len).collect(),
            b_spans: std::iter::once(0..len).collect(),
            matched: len,
        }
    }

    /// The whole extent in `a`.
    pub fn a_range(&self) -> Range<usize> {
        self.a_spans[0].start..self.a_spans[self.a_spans.len() - 1].end
    }
    /// The whole extent in `b`.
    pub fn b_range(&self) -> Range<usize> {
        self.b_spans[0].start..self.b_spans[self.b_spans.len() - 1].end
    }
    /// Covered characters of `a`.
    pub fn a_covered(&self) -> usize {
        self.a_spans.iter().map(|r| r.len()).sum()
    }
    /// Covered characters of `b`.
    pub fn b_covered(&self) -> usize {
        self.b_spans.iter().map(|r| r.len()).sum()
    }
    /// The chain cut at the gaps between its stretches of `a` for which
    /// `cut(gap)` holds (a gap is a range of `a` that only `a` has): one chain
    /// per run of uncut stretches, each with its blocks and their extent in `b`.
    pub fn split_a(&self, cut: impl Fn(Range<usize>) -> bool) -> Vec<Chain> {
        let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
        for r in &self.a_spans {
            match groups.last_mut() {
                Some(g) if !cut(g[g.len() - 1].end..r.start) => g.push(r.clone()),
                _ => groups.push(vec![r.clone()]),
            }
        }
        if groups.len() == 1 {
            return vec![self.clone()];
        }
        groups
            .into_iter()
            .filter_map(|a_spans| {
                let range = a_spans[0].start..a_spans[a_spans.len() - 1].end;
                let blocks: Vec<Block> = self
                    .blocks
                    .iter()
                    .filter(|bl| range.contains(&(bl.a as usize)))
                    .copied()
                    .collect();
                let (first, last) = (blocks.first()?, blocks.last()?);
                // The chain's grown ends (see `extend_ends`) lie on the
                // diagonal of its first and last block, in `b` as in `a`.
                let grown_start = (first.a as usize).saturating_sub(range.start);
                let grown_end = range.end.saturating_sub((last.a + last.len) as usize);
                let b_spans = std::iter::once(
                    (first.b as usize).saturating_sub(grown_start)
                        ..(last.b + last.len) as usize + grown_end,
                )
                .collect();
                Some(Chain {
                    matched: blocks.iter().map(|bl| bl.len as usize).sum(),
                    blocks,
                    a_spans,
                    b_spans,
                })
            })
            .collect()
    }

    /// Map a position of `a` inside the chain to the corresponding position of `b`.
    pub fn map_a_to_b(&self, pos: usize) -> usize {
        let mut best = self.blocks[0];
        for bl in &self.blocks {
            if (bl.a as usize) <= pos {
                best = *bl;
            }
        }
        let off = pos.saturating_sub(best.a as usize).min(best.len as usize);
        best.b as usize + off
    }
}

/// All shared passages of `a` and `b`.
pub fn align(a: &[Sym], b: &[Sym], p: &AlignParams) -> Vec<Chain> {
    chain(a, b, &mems(a, b, p), p)
}

/// [`align`] of `a` with each of `bs`: `a`'s k-grams are tabled once. A pair
/// whose passages could not cover its `share` of either text (by the k-grams
/// they share; 0 aligns every pair) gets no passages, without the work.
pub fn align_each(a: &[Sym], bs: &[(&[Sym], f64)], p: &AlignParams) -> Vec<Vec<Chain>> {
    let table = SeedTable::new(a, p.k);
    bs.iter()
        .map(|&(b, share)| match table.mems_reaching(a, b, p, share) {
            Some(mems) => chain(a, b, &mems, p),
            None => Vec::new(),
        })
        .collect()
}

/// Chain sorted MEMs of `a` and `b` into passages (best-scoring chains first,
/// then ordered by `a`).
pub fn chain(a: &[Sym], b: &[Sym], mems: &[Block], p: &AlignParams) -> Vec<Chain> {
    let gaps = Gaps { a, b, p };
    const LOOKBACK: usize = 64;
    let n = mems.len();
    let mut score = vec![0f32; n];
    let mut pred = vec![usize::MAX; n];
    // The latest match on each diagonal: the piece before a changed or
    // masked character lies on the same one (or up to `EDIT_DRIFT` off),
    // however many matches elsewhere start in between (a speech's repeated
    // phrases).
    let mut last_on: FastMap<i64, usize> = FastMap::default();
    for i in 0..n {
        let m = mems[i];
        score[i] = m.len as f32;
        let window = i.saturating_sub(LOOKBACK);
        let d = m.a as i64 - m.b as i64;
        let drift = EDIT_DRIFT as i64;
        let on_band = (d - drift..=d + drift).filter_map(|x| last_on.get(&x).copied());
        for j in (window..i).chain(on_band.filter(|&j| j < window)) {
            if let Some((gain, _)) = gaps.link(mems[j], m) {
                let s = score[j] + gain;
                if s > score[i] || (s == score[i] && pred[i] != usize::MAX && j < pred[i]) {
                    score[i] = s;
                    pred[i] = j;
                }
            }
        }
        last_on.insert(d, i);
    }
    // Best chain first. A chain whose first matches a better one took is
    // worth only what is left of it: it is ranked again at that (a short
    // match that had linked, as a deletion, to the start of a long passage
    // outranked a paragraph copied whole, took a piece of it and cut it).
    let mut heap: std::collections::BinaryHeap<Ranked> = (0..n)
        .map(|end| Ranked {
            score: score[end],
            end,
        })
        .collect();
    let mut used = vec![false; n];
    let mut chains = Vec::new();
    let mut taken = Covered::default();
    while let Some(Ranked { score: ranked, end }) = heap.pop() {
        if used[end] {
            continue;
        }
        let mut idx = vec![end];
        let mut cur = end;
        while pred[cur] != usize::MAX && !used[pred[cur]] {
            cur = pred[cur];
            idx.push(cur);
        }
        let left = match pred[cur] {
            usize::MAX => score[end],
            _ => score[end] - score[cur] + mems[cur].len as f32,
        };
        if left < ranked {
            heap.push(Ranked { score: left, end });
            continue;
        }
        idx.iter().for_each(|&i| used[i] = true);
        idx.reverse();
        // Chains may interleave (a reordered sentence sits in the gap a
        // longer chain bridged as a deletion) but never cover the same text:
        // matches on text already covered are cut back off it and the chain
        // is cut there, each piece standing on its own.
        let mut pieces: Vec<Vec<Block>> = vec![Vec::new()];
        for &i in &idx {
            let parts = taken.uncovered(mems[i], p.k);
            if parts.is_empty() {
                pieces.push(Vec::new());
            }
            for (j, m) in parts.into_iter().enumerate() {
                if j > 0 {
                    pieces.push(Vec::new());
                }
                pieces.last_mut().expect("never empty").push(m);
            }
        }
        for piece in pieces.into_iter().filter(|v| !v.is_empty()) {
            let c = gaps.build(piece);
            if c.matched < p.min_matched || c.a_spans.iter().any(|r| taken.overlaps(r)) {
                continue;
            }
            for r in &c.a_spans {
                taken.insert(r);
            }
            chains.push(c);
        }
    }
    chains.sort_by_key(|c| (c.a_range().start, c.b_range().start));
    chains
}

/// How far below its best an end's score may fall before [`extend_ends`]
/// stops looking further.
const X_DROP: i32 = 8;

/// Grow a chain's ends over characters that still match at least as often as
/// not (X-drop extension: +1 for an equal character or a mask, −1 for a
/// different one, stop when the score falls [`X_DROP`] below its best), so a
/// changed character next to the end of a passage, a mask at its edge, or the
/// end of a sentence with every few characters changed (no seed left in it)
/// stays inside it. Scoring a different character −2 grew ends over single
/// changes only: `check` recall on drafts with a quarter of their characters
/// changed was 0.93 (now 0.98), with 35% 0.76 (0.93), at the same precision
/// on drafts over the provincial reports (genre wording, not copied).
pub fn extend_ends(a: &[Sym], b: &[Sym], c: &mut Chain) {
    let step = |x: Sym, y: Sym| {
        if x == y || x == MASK || y == MASK {
            1
        } else {
            -1
        }
    };
    let (ra, rb) = (c.a_range(), c.b_range());
    let (mut best, mut score, mut best_k) = (0i32, 0i32, 0usize);
    let mut k = 0;
    while k < ra.start && k < rb.start {
        score += step(a[ra.start - k - 1], b[rb.start - k - 1]);
        k += 1;
        if score > best {
            (best, best_k) = (score, k);
        }
        if score < best - X_DROP {
            break;
        }
    }
    c.a_spans[0].start -= best_k;
    c.b_spans[0].start -= best_k;
    let (mut best, mut score, mut best_k) = (0i32, 0i32, 0usize);
    let mut k = 0;
    while ra.end + k < a.len() && rb.end + k < b.len() {
        score += step(a[ra.end + k], b[rb.end + k]);
        k += 1;
        if score > best {
            (best, best_k) = (score, k);
        }
        if score < best - X_DROP {
            break;
        }
    }
    let (la, lb) = (c.a_spans.len() - 1, c.b_spans.len() - 1);
    c.a_spans[la].end += best_k;
    c.b_spans[lb].end += best_k;
}

/// Characters of a text of length `n` covered by `spans` (overlaps counted once).
pub fn covered(n: usize, spans: impl IntoIterator<Item = Range<usize>>) -> usize {
    let mut v: Vec<Range<usize>> = spans.into_iter().filter(|r| r.start < r.end).collect();
    v.sort_by_key(|r| r.start);
    let mut total = 0;
    let mut end = 0;
    for r in v {
        let s = r.start.max(end);
        let e = r.end.min(n);
        if e > s {
            total += e - s;
        }
        end = end.max(r.end);
    }
    total
}

#[cfg(test)]
mod tests;
