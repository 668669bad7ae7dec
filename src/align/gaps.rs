//! The gap rule: what lies between two exact matches of a chain, an edit or
//! text only one side has.

use super::{AlignParams, Block, Chain};
use crate::normalize::{Sym, MASK};
use std::ops::Range;

/// Most characters the two sides of a long gap may differ by for it to be
/// read as changed characters (a word one or two characters longer): the
/// pieces of an edited copy lie on diagonals at most this far apart.
pub(super) const EDIT_DRIFT: usize = 2;

/// What lies between two matches of a chain, when a chain may bridge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// An edit inside a passage (changed, masked or dropped characters),
    /// covered on both sides: any gap of at most `max_gap` on both sides
    /// (`agree` 0), and a longer one up to `max_subst` when both sides are
    /// (nearly) the same length and at least a third of their characters
    /// still agree (`agree` of them), read from either end (changed
    /// characters keep their places; a word one character longer shifts the
    /// rest by one). Unrelated text agrees in a few characters in a hundred;
    /// a third (not a half, as before) raised the copied characters `check`
    /// finds in drafts with a quarter of their characters changed from 87.9%
    /// to 89.5%, 30% changed from 74.6% to 79.8%, with the same precision.
    ///
    /// `link` charges only the characters that do not agree: at half a
    /// character for each, a piece of six after thirteen characters of which
    /// five agree did not pay for its gap, and two such pieces of a sentence
    /// with a fifth of its characters changed each fell below `min_matched`.
    /// Crediting them raised the copied characters `check` finds with a
    /// quarter changed from 89.6% to 92.6%, 30% changed from 79.7% to 86.2%,
    /// with the same precision on every set (also crediting those of short
    /// gaps found a little more, but grew passages over the genre's shared
    /// wording in the provincial drafts).
    Edit { agree: usize },
    /// Text only one side has (up to `max_skip`, with at most 3 characters
    /// on the other side): covered only on a side of at most `max_gap`.
    Deletion,
    /// An edit next to a deletion (a clause dropped or inserted beside
    /// changed characters: 作为按志可移的基部改略 for 作为矢志不移的基本战略,
    /// then a clause the draft left out), covered on the short side. The
    /// short side, of 4 to `max_subst` characters, must agree in a third of
    /// its characters and at least three (`agree`) with the long side's start
    /// up to a split and its end after it, and the long side be at most
    /// `max_skip`. Drafts with clauses inserted and 15% of characters changed
    /// went from 83.6% to 96.7% of copied characters found, reordered with
    /// 20% changed from 83.6% to 87.3%, with the same precision on every set
    /// (without the three, 23 more characters of the provincial drafts were
    /// taken for copied). Only where `p.edit_and_skip` allows it (`check`):
    /// between two versions of a law, whose articles repeat the same
    /// formulas, such links chained pieces across inserted articles to the
    /// wrong article (道路运输条例 2019/2023 fell from near-duplicate to
    /// contained, and 30 of 94 pairs lost up to 7% of their coverage).
    EditBesideDeletion { agree: usize },
}

/// The two texts a chain is built on, to tell an edit from text only one side has.
pub(super) struct Gaps<'t> {
    pub(super) a: &'t [Sym],
    pub(super) b: &'t [Sym],
    pub(super) p: &'t AlignParams,
}

impl Gaps<'_> {
    /// Can `next` follow `prev` in a chain? Returns the score gain and the overlap trimmed.
    pub(super) fn link(&self, prev: Block, next: Block) -> Option<(f32, usize)> {
        let ga = next.a as i64 - (prev.a + prev.len) as i64;
        let gb = next.b as i64 - (prev.b + prev.len) as i64;
        let overlap = (-ga.min(gb)).max(0) as usize;
        if overlap >= next.len as usize || next.a <= prev.a || next.b <= prev.b {
            return None;
        }
        let (ga, gb) = (
            (ga + overlap as i64) as usize,
            (gb + overlap as i64) as usize,
        );
        let (lo, hi) = (ga.min(gb), ga.max(gb));
        // A changed character costs half a matched one; in a long gap read as
        // changed characters, those that still agree cost nothing. A deletion
        // costs a flat 4 and a little per character.
        let cost = match self.gap(prev, ga, gb)? {
            Gap::Edit { agree } => 0.5 * (hi - agree) as f32,
            Gap::Deletion => 4.0 + hi as f32 / 20.0,
            Gap::EditBesideDeletion { agree } => 4.0 + hi as f32 / 20.0 + 0.5 * (lo - agree) as f32,
        };
        Some((next.len as f32 - overlap as f32 - cost, overlap))
    }

    /// What the gap of `ga` characters of `a` and `gb` of `b` after `prev`
    /// is, if a chain may bridge it (see [`Gap`]); `link` and `build` read it
    /// the same way.
    fn gap(&self, prev: Block, ga: usize, gb: usize) -> Option<Gap> {
        let p = self.p;
        let (lo, hi) = (ga.min(gb), ga.max(gb));
        if hi <= p.max_gap {
            return Some(Gap::Edit { agree: 0 });
        }
        let same_length = hi <= p.max_subst && hi - lo <= EDIT_DRIFT;
        let beside = p.edit_and_skip && lo > 3 && lo <= p.max_subst && hi <= p.max_skip;
        // One count of the characters that agree serves both readings.
        let agree = match same_length || beside {
            true => self.agree(prev, ga, gb),
            false => 0,
        };
        if same_length && 3 * agree >= lo {
            Some(Gap::Edit { agree })
        } else if lo <= 3 && hi <= p.max_skip {
            Some(Gap::Deletion)
        } else if beside && 3 * agree >= lo && agree >= 3 {
            Some(Gap::EditBesideDeletion { agree })
        } else {
            None
        }
    }

    /// Characters of the gap of `ga` characters of `a` and `gb` of `b` after
    /// `prev` that agree (see [`agreeing`]).
    fn agree(&self, prev: Block, ga: usize, gb: usize) -> usize {
        let sa = (prev.a + prev.len) as usize;
        let sb = (prev.b + prev.len) as usize;
        match (self.a.get(sa..sa + ga), self.b.get(sb..sb + gb)) {
            (Some(x), Some(y)) => agreeing(x, y),
            _ => 0,
        }
    }

    pub(super) fn build(&self, blocks: Vec<Block>) -> Chain {
        let p = self.p;
        let mut trimmed: Vec<Block> = Vec::with_capacity(blocks.len());
        for bl in blocks {
            let mut bl = bl;
            if let Some(prev) = trimmed.last() {
                // The overlap the chain was linked with: the block before keeps its
                // end when trimmed, but `link` on its moved start could refuse and
                // leave the two overlapping (found by the align fuzz target).
                let ga = bl.a as i64 - (prev.a + prev.len) as i64;
                let gb = bl.b as i64 - (prev.b + prev.len) as i64;
                let overlap = (-ga.min(gb)).max(0) as usize;
                if overlap >= bl.len as usize {
                    continue;
                }
                bl.a += overlap as u32;
                bl.b += overlap as u32;
                bl.len -= overlap as u32;
            }
            trimmed.push(bl);
        }
        // A gap that is an edit is covered on both sides; a deletion (also
        // one next to an edit) only on the side whose gap is short.
        let (mut a_spans, mut b_spans): (Vec<Range<usize>>, Vec<Range<usize>>) = (vec![], vec![]);
        let mut prev: Option<Block> = None;
        for bl in &trimmed {
            let (sa, sb) = (bl.a as usize, bl.b as usize);
            let (ea, eb) = (sa + bl.len as usize, sb + bl.len as usize);
            let (ja, jb) = match prev {
                Some(q) => {
                    let ga = sa.saturating_sub((q.a + q.len) as usize);
                    let gb = sb.saturating_sub((q.b + q.len) as usize);
                    let short = (ga <= p.max_gap, gb <= p.max_gap);
                    match self.gap(q, ga, gb) {
                        Some(Gap::Edit { .. }) => (true, true),
                        Some(Gap::EditBesideDeletion { .. }) => {
                            (short.0 || ga <= gb, short.1 || gb <= ga)
                        }
                        _ => short,
                    }
                }
                None => (false, false),
            };
            join(&mut a_spans, sa..ea, ja);
            join(&mut b_spans, sb..eb, jb);
            prev = Some(*bl);
        }
        let matched = trimmed.iter().map(|b| b.len as usize).sum();
        Chain {
            blocks: trimmed,
            a_spans,
            b_spans,
            matched,
        }
    }
}

/// Add `r` to `spans`, as part of the last one if `joins`.
fn join(spans: &mut Vec<Range<usize>>, r: Range<usize>, joins: bool) {
    match spans.last_mut() {
        Some(last) if joins => last.end = r.end.max(last.end),
        _ => spans.push(r),
    }
}

/// Characters of two gaps' texts that agree (equal, or a mask), with the
/// shorter aligned with the longer's start up to a split and with its end
/// after it, for the best split (for gaps of one length: those equal at the
/// same place).
pub fn agreeing(x: &[Sym], y: &[Sym]) -> usize {
    let (x, y) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let (lo, d) = (x.len(), y.len() - x.len());
    let same = |c: Sym, e: Sym| c == e || c == MASK || e == MASK;
    let mut right: usize = (0..lo).filter(|&i| same(x[i], y[i + d])).count();
    let mut best = right;
    let mut left = 0;
    for i in 0..lo {
        left += usize::from(same(x[i], y[i]));
        right -= usize::from(same(x[i], y[i + d]));
        best = best.max(left + right);
    }
    best
}
