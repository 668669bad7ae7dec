//! Which passages of a draft are boilerplate: the genre's wording, shown but
//! left out of 去除套话复制比.
//!
//! A passage is boilerplate when most of it lies in stock phrases of the
//! corpus (phrases of [`BOILERPLATE_MIN_DOCS`] or more speeches) or in
//! phrases of the user's allowlist, and either it is no longer than a stock
//! phrase can be ([`STOCK_MAX_CHARS`]) or the corpus holds it nearly as well
//! in that many speeches. A longer passage strung of stock phrases that one
//! speech holds better than the rest (a work report's targets paragraph, its
//! year's figures and all, copied whole from that report) is copying; the
//! thanks paragraph that six reports repeat word for word is still the
//! genre's. Allowlisted wording is boilerplate at any length.

use super::BOILERPLATE_MIN_DOCS;
use crate::error::Result;
use crate::normalize::{normalize, Normalized};
use crate::phrases::STOCK_MAX_CHARS;
use crate::report::{FoundPassage, FoundSource};
use crate::store::{Index, PRINT_K};
use std::ops::Range;

/// A draft character in a stock phrase of the corpus.
const IN_STOCK: u8 = 1;
/// A draft character in a phrase of the user's allowlist.
const IN_ALLOWED: u8 = 2;

/// How much less alike another speech may be with a passage and still hold
/// it "nearly as well".
const NEARLY: f64 = 0.1;

/// The draft's characters that lie in stock or allowlisted phrases.
pub(super) struct Stock {
    /// [`IN_STOCK`] and [`IN_ALLOWED`] bits, one byte a character.
    mask: Vec<u8>,
    /// Share of a passage that must be such wording.
    share: f64,
}

impl Stock {
    /// The mask of `norm` (whose k-gram hashes are `hashes`) against the
    /// stock phrases of `index` and the phrases of `allowlist`.
    pub(super) fn new(
        norm: &Normalized,
        hashes: &[u64],
        index: &Index,
        allowlist: &[String],
        share: f64,
    ) -> Result<Stock> {
        let mut mask = vec![0u8; norm.len()];
        let mut mark = |r: Range<usize>, bit: u8| mask[r].iter_mut().for_each(|m| *m |= bit);
        for i in index.phrase_positions(hashes)? {
            mark(i..i + PRINT_K, IN_STOCK);
        }
        for phrase in allowlist {
            let p = normalize(phrase).chars;
            if p.is_empty() {
                continue;
            }
            for (i, win) in norm.chars.windows(p.len()).enumerate() {
                if win == &p[..] {
                    mark(i..i + p.len(), IN_ALLOWED);
                }
            }
        }
        Ok(Stock { mask, share })
    }

    /// Is at least the share of draft characters `chars` wording with one of `bits`?
    fn share_of(&self, chars: Range<usize>, bits: u8) -> bool {
        let n = chars.len().max(1);
        let hit = self.mask[chars].iter().filter(|&&b| b & bits != 0).count();
        hit as f64 >= self.share * n as f64
    }

    /// Is most of draft characters `chars` stock or allowlisted wording?
    pub(super) fn mostly(&self, chars: Range<usize>) -> bool {
        self.share_of(chars, IN_STOCK | IN_ALLOWED)
    }

    /// Mark the boilerplate passages of `found` (speeches of `index`, whose
    /// copies of one another count once: see [`crate::store::copy_groups`]).
    pub(super) fn label(&self, found: &mut [FoundSource], index: &Index) -> Result<()> {
        let groups: Vec<usize> = found
            .iter()
            .map(|f| index.copy_group(f.document))
            .collect::<Result<_>>()?;
        let groups = &groups[..];
        let labels: Vec<Vec<bool>> = found
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let p = &f.passages;
                p.iter()
                    .map(|p| self.is_boilerplate(p, i, found, groups))
                    .collect()
            })
            .collect();
        for (f, labels) in found.iter_mut().zip(labels) {
            for (p, b) in f.passages.iter_mut().zip(labels) {
                p.boilerplate = b;
            }
        }
        Ok(())
    }

    /// Is passage `p` of source `i` boilerplate?
    fn is_boilerplate(
        &self,
        p: &FoundPassage,
        i: usize,
        found: &[FoundSource],
        groups: &[usize],
    ) -> bool {
        let r = p.whole.clone();
        self.share_of(r.clone(), IN_ALLOWED)
            || (self.mostly(r.clone())
                && (r.len() <= STOCK_MAX_CHARS || held_elsewhere(p, i, found, groups)))
    }
}

/// Do other sources than `i` hold four fifths of passage `p`'s draft text
/// (of the whole it is a piece of), nearly as alike as `p`, so that
/// [`BOILERPLATE_MIN_DOCS`] speeches in all hold it, the copies of one
/// speech (one group of `groups`) counted once?
fn held_elsewhere(p: &FoundPassage, i: usize, found: &[FoundSource], groups: &[usize]) -> bool {
    let holds = |q: &FoundPassage| {
        let lo = q.whole.start.max(p.whole.start);
        let hi = q.whole.end.min(p.whole.end);
        hi > lo && (hi - lo) * 5 >= p.whole.len() * 4 && q.similarity >= p.similarity - NEARLY
    };
    let mut holding: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|&(j, g)| j == i || g.passages.iter().any(holds))
        .map(|(j, _)| groups[j])
        .collect();
    holding.sort_unstable();
    holding.dedup();
    holding.len() >= BOILERPLATE_MIN_DOCS
}
