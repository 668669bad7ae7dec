//! The draft's k-gram table, built once per draft, and the passages it
//! shares with each source.

use crate::align::{chain, extend_ends, AlignParams, Chain, Covered, SeedTable};
use crate::normalize::Sym;
use crate::FastMap;
use std::ops::Range;

/// The draft's k-grams (k = the aligner's seed length), built once per draft;
/// each source streams its k-grams through this table, so aligning a source
/// builds no table of its own.
pub(super) struct Seeds(SeedTable);

impl Seeds {
    pub(super) fn new(chars: &[Sym], k: usize) -> Seeds {
        Seeds(SeedTable::new(chars, k))
    }

    /// The shared passages of the draft `a` and `b`, as [`crate::align::align`]
    /// finds them, with their ends grown by [`extend_ends`]. A chain that
    /// overlaps a better one in `a` is dropped whole by [`chain`], even when
    /// only a stray match at its start overlaps; so the matches outside every
    /// passage are chained again, and chains that fit are kept.
    pub(super) fn align(&self, a: &[Sym], b: &[Sym], p: &AlignParams) -> Vec<Chain> {
        let mut rest = self.0.mems(a, b, p);
        let mut chains: Vec<Chain> = Vec::new();
        let mut taken = Covered::default();
        while !rest.is_empty() {
            let before = chains.len();
            // Best chains first. A chain may lie in draft text a better one
            // bridged (a sentence moved there), but never on text it covers.
            let mut found = chain(a, b, &rest, p);
            found.sort_by(|x, y| {
                y.matched
                    .cmp(&x.matched)
                    .then(x.a_range().start.cmp(&y.a_range().start))
            });
            for c in found {
                if !c.a_spans.iter().any(|r| taken.overlaps(r)) {
                    c.a_spans.iter().for_each(|r| taken.insert(r));
                    chains.push(c);
                }
            }
            if chains.len() == before {
                break;
            }
            rest.retain(|m| !taken.overlaps(&(m.a as usize..(m.a + m.len) as usize)));
        }
        chains.sort_by_key(|c| (c.a_range().start, c.b_range().start));
        for c in &mut chains {
            extend_ends(a, b, c);
        }
        chains
    }
}

/// The passages without those that lie (nearly) inside another's spans on
/// both sides. A one-seed chain on the diagonal of a long one, in a copy
/// with a third of its characters changed, grows over the whole of it (see
/// [`extend_ends`]) and would be listed twice; growing, it may also cross a
/// few characters the long one leaves out (a gap only the draft has), so a
/// passage goes when nine tenths of it lie inside the other's spans. (Dropping
/// them before the passages are cut and weighed lost a twentieth of the
/// recall on such drafts: a piece of the long one may go where the short one
/// stays.)
///
/// A passage is tested only against those kept that share a stretch of
/// [`NEST_BUCKET`] draft characters with it (one it lies inside shares
/// characters with it): a draft of one sentence written 100 000 times has
/// as many passages, and testing each against all kept took 101 s.
pub(super) fn drop_nested(mut passages: Vec<Chain>) -> Vec<Chain> {
    passages.sort_by_key(|c| std::cmp::Reverse(c.a_covered() + c.b_covered()));
    let buckets = |c: &Chain| -> Vec<usize> {
        let mut v: Vec<usize> = c
            .a_spans
            .iter()
            .filter(|r| !r.is_empty())
            .flat_map(|r| r.start / NEST_BUCKET..=(r.end - 1) / NEST_BUCKET)
            .collect();
        v.dedup();
        v
    };
    let mut kept: Vec<Chain> = Vec::with_capacity(passages.len());
    let mut at: FastMap<usize, Vec<u32>> = FastMap::default();
    let mut near: Vec<u32> = Vec::new();
    for c in passages {
        let inside = |k: &Chain| {
            10 * shared(&c.a_spans, &k.a_spans) >= 9 * c.a_covered()
                && 10 * shared(&c.b_spans, &k.b_spans) >= 9 * c.b_covered()
        };
        let mine = buckets(&c);
        near.clear();
        near.extend(mine.iter().flat_map(|b| at.get(b)).flatten());
        near.sort_unstable();
        near.dedup();
        if !near.iter().any(|&k| inside(&kept[k as usize])) {
            for b in mine {
                at.entry(b).or_default().push(kept.len() as u32);
            }
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.a_range().start, c.b_range().start));
    kept
}

/// Draft characters a bucket of [`drop_nested`] spans.
const NEST_BUCKET: usize = 64;

/// Characters two lists of ascending, disjoint spans have in common.
fn shared(x: &[Range<usize>], y: &[Range<usize>]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        let (p, q) = (&x[i], &y[j]);
        n += p.end.min(q.end).saturating_sub(p.start.max(q.start));
        if p.end <= q.end {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Block;

    fn passage(a: Vec<Range<usize>>, b: Vec<Range<usize>>, blocks: &[(u32, u32, u32)]) -> Chain {
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|&(a, b, len)| Block { a, b, len })
            .collect();
        Chain {
            matched: blocks.iter().map(|b| b.len as usize).sum(),
            blocks,
            a_spans: a,
            b_spans: b,
        }
    }

    #[test]
    fn a_passage_nearly_inside_another_is_listed_once() {
        // A long passage with a gap only the draft has (22 740..22 777), and
        // one grown over the gap on the same diagonal, nearly all inside it.
        let long = passage(
            vec![11..22_740, 22_777..35_334],
            std::iter::once(11..35_297).collect(),
            &[(11, 11, 100), (35_000, 34_963, 100)],
        );
        let grown = passage(
            std::iter::once(11..24_964).collect(),
            std::iter::once(11..24_964).collect(),
            &[(500, 500, 7)],
        );
        // One that is mostly elsewhere in the source stays.
        let moved = passage(
            std::iter::once(30_000..30_400).collect(),
            std::iter::once(40_000..40_400).collect(),
            &[(30_000, 40_000, 9)],
        );
        let kept = drop_nested(vec![grown, moved.clone(), long.clone()]);
        assert_eq!(kept, vec![long, moved]);
        assert_eq!(shared(&[0..10, 20..30], &[5..25, 40..50]), 10);
    }
}
