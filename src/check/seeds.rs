//! The draft's k-gram table: the maximal exact matches of a draft and each
//! source, found with one table per draft.

use crate::align::{chain, extend_ends, grow, AlignParams, Block, Chain, Covered};
use crate::fingerprint::{kgram_hashes, NO_HASH};

/// The draft's k-grams (k = the aligner's seed length), built once per draft;
/// each source streams its k-grams through this table, so aligning a source
/// builds no map of its own. Finds the maximal exact matches
/// [`crate::align::mems`] finds, in a different order.
pub(super) struct Seeds {
    /// Open addressing: entry + 1, or 0 for an empty slot.
    slots: Vec<u32>,
    /// Entry → k-gram hash.
    keys: Vec<u64>,
    /// Entry → its draft positions, `pos[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    pos: Vec<u32>,
}

impl Seeds {
    pub(super) fn new(chars: &[char], k: usize) -> Seeds {
        let mut pairs: Vec<(u64, u32)> = kgram_hashes(chars, k)
            .into_iter()
            .enumerate()
            .filter(|&(_, h)| h != NO_HASH)
            .map(|(i, h)| (h, i as u32))
            .collect();
        pairs.sort_unstable();
        let (mut keys, mut starts) = (Vec::new(), Vec::new());
        let mut pos = Vec::with_capacity(pairs.len());
        for (h, i) in pairs {
            if keys.last() != Some(&h) {
                keys.push(h);
                starts.push(pos.len() as u32);
            }
            pos.push(i);
        }
        starts.push(pos.len() as u32);
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        for (e, &h) in keys.iter().enumerate() {
            let mut s = Self::home(h, cap);
            while slots[s] != 0 {
                s = (s + 1) & (cap - 1);
            }
            slots[s] = e as u32 + 1;
        }
        Seeds {
            slots,
            keys,
            starts,
            pos,
        }
    }

    /// First slot of `h` (hashes are odd: the low bit carries nothing).
    fn home(h: u64, cap: usize) -> usize {
        (h >> 1) as usize & (cap - 1)
    }

    fn find(&self, h: u64) -> Option<usize> {
        let cap = self.slots.len();
        let mut s = Self::home(h, cap);
        loop {
            let e = self.slots[s] as usize;
            if e == 0 {
                return None;
            }
            if self.keys[e - 1] == h {
                return Some(e - 1);
            }
            s = (s + 1) & (cap - 1);
        }
    }

    /// Maximal exact matches of the draft `a` (this table's text) and `b`,
    /// seeded by shared k-grams that occur at most `p.max_occ` times in `b`;
    /// sorted by position in `a`, then `b`.
    fn mems(&self, a: &[char], b: &[char], p: &AlignParams) -> Vec<Block> {
        let mut hits: Vec<(u32, u32)> = kgram_hashes(b, p.k)
            .into_iter()
            .enumerate()
            .filter(|&(_, h)| h != NO_HASH)
            .filter_map(|(j, h)| Some((self.find(h)? as u32, j as u32)))
            .collect();
        hits.sort_unstable();
        let mut seeds: Vec<(i64, u32, u32)> = Vec::new();
        for group in hits.chunk_by(|x, y| x.0 == y.0) {
            if group.len() > p.max_occ {
                continue;
            }
            let e = group[0].0 as usize;
            for &i in &self.pos[self.starts[e] as usize..self.starts[e + 1] as usize] {
                seeds.extend(group.iter().map(|&(_, j)| (j as i64 - i as i64, i, j)));
            }
        }
        seeds.sort_unstable();
        let mut out = Vec::new();
        let (mut diag, mut reach) = (i64::MIN, 0usize);
        for &(d, i, j) in &seeds {
            if d != diag {
                (diag, reach) = (d, 0);
            } else if (i as usize) < reach {
                continue; // inside the match found on this diagonal
            }
            let Some((block, end)) = grow(a, b, i as usize, j as usize, p.k) else {
                continue; // hash collision
            };
            reach = end;
            out.push(block);
        }
        out.sort_unstable_by_key(|m| (m.a, m.b));
        out.dedup();
        out
    }

    /// The shared passages of the draft `a` and `b`, as [`crate::align::align`]
    /// finds them, with their ends grown by [`extend_ends`]. A chain that
    /// overlaps a better one in `a` is dropped whole by [`chain`], even when
    /// only a stray match at its start overlaps; so the matches outside every
    /// passage are chained again, and chains that fit are kept.
    pub(super) fn align(&self, a: &[char], b: &[char], p: &AlignParams) -> Vec<Chain> {
        let mut rest = self.mems(a, b, p);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::mems;
    use crate::fingerprint::mix;
    use crate::normalize::MASK;

    /// Texts over a small alphabet with masks, so repeats, collisions of
    /// diagonals and masks all occur.
    fn text(seed: u64, n: usize) -> Vec<char> {
        (0..n as u64)
            .map(|i| match mix(seed ^ i.wrapping_mul(0x9e37)) % 9 {
                0 => MASK,
                x => ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'][x as usize - 1],
            })
            .collect()
    }

    #[test]
    fn seed_table_finds_the_mems_the_aligner_finds() {
        let p = AlignParams {
            k: 3,
            ..AlignParams::default()
        };
        for seed in 0..200u64 {
            let a = text(seed, 20 + (seed as usize * 7) % 300);
            let mut b = text(seed + 1000, 10 + (seed as usize * 13) % 200);
            // b copies a stretch of a, so long matches occur too.
            let from = (seed as usize * 3) % a.len();
            b.extend_from_slice(&a[from..a.len().min(from + 60)]);
            let table = Seeds::new(&a, p.k);
            assert_eq!(table.mems(&a, &b, &p), mems(&a, &b, &p), "seed {seed}");
        }
    }
}
