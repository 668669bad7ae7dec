//! The draft's k-gram table, built once per draft, and the passages it
//! shares with each source.

use crate::align::{chain, extend_ends, AlignParams, Chain, Covered, SeedTable};
use crate::normalize::Sym;
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

/// The passages without those that lie inside another's spans on both
/// sides. A one-seed chain on the diagonal of a long one, in a copy with a
/// third of its characters changed, grows over the whole of it (see
/// [`extend_ends`]) and would be listed twice. (Dropping them before the
/// passages are cut and weighed lost a twentieth of the recall on such
/// drafts: a piece of the long one may go where the short one stays.)
pub(super) fn drop_nested(mut passages: Vec<Chain>) -> Vec<Chain> {
    passages.sort_by_key(|c| std::cmp::Reverse(c.a_covered() + c.b_covered()));
    let within = |spans: &[Range<usize>], r: &Range<usize>| {
        spans.iter().any(|s| s.start <= r.start && r.end <= s.end)
    };
    let mut kept: Vec<Chain> = Vec::with_capacity(passages.len());
    for c in passages {
        let inside = |k: &Chain| {
            c.a_spans.iter().all(|r| within(&k.a_spans, r))
                && c.b_spans.iter().all(|r| within(&k.b_spans, r))
        };
        if !kept.iter().any(inside) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.a_range().start, c.b_range().start));
    kept
}
