//! The text chains have taken, and the order they are taken in.

use super::Block;
use std::ops::Range;

/// Disjoint spans of a text already covered by passages, by start → end: an
/// overlap test is one look at the nearest start before the new end (a scan of
/// every taken passage made a draft of one sentence repeated 100 000 times
/// quadratic).
#[derive(Debug, Default)]
pub struct Covered(pub(super) std::collections::BTreeMap<usize, usize>);

impl Covered {
    /// Does `r` overlap covered text?
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.0
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &t_end)| r.start < t_end)
    }

    /// Cover `r` (which must not overlap covered text).
    pub fn insert(&mut self, r: &Range<usize>) {
        self.0.insert(r.start, r.end);
    }

    /// The pieces of `m` off covered text, each of at least `k` characters
    /// (a maximal match often runs a character or two into its neighbour's;
    /// one may run across a passage already taken, and go on after it).
    pub(super) fn uncovered(&self, m: Block, k: usize) -> Vec<Block> {
        let (mut s, e) = (m.a as usize, (m.a + m.len) as usize);
        if let Some((_, &t_end)) = self.0.range(..=s).next_back() {
            s = s.max(t_end);
        }
        let mut out = Vec::new();
        if s + k > e {
            return out;
        }
        let mut piece = |from: usize, to: usize| {
            if to >= from + k {
                let shift = (from - m.a as usize) as u32;
                out.push(Block {
                    a: m.a + shift,
                    b: m.b + shift,
                    len: (to - from) as u32,
                });
            }
        };
        for (&t_start, &t_end) in self.0.range(s..e) {
            piece(s, t_start);
            s = t_end;
        }
        if s < e {
            piece(s, e);
        }
        out
    }
}

/// A chain's end and the score of the chain up to it, best first (the
/// earlier match of equal ones).
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub(super) score: f32,
    pub(super) end: usize,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.end.cmp(&self.end))
    }
}
