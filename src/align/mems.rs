//! Seeds: the maximal exact matches two texts share, found from shared k-grams
//! (short ones only beside another on their diagonal: [`super::support`]).
//!
//! One text's k-grams go into a [`SeedTable`], built once; every text it is
//! compared with streams its own k-grams through the table, so a speech with
//! many candidate partners (or a draft checked against many sources) is
//! hashed and tabled once, and each partner costs one pass over its k-grams.

use super::gaps::EDIT_DRIFT;
use super::reach::reachable;
use super::support::drop_lone;
use super::{AlignParams, Block};
use crate::fingerprint::{seed_hashes, seed_hashes_into, NO_HASH};
use crate::normalize::{Sym, MASK};
use std::cell::RefCell;

/// The k-grams of a text `a`: each distinct k-gram once, with its positions.
pub struct SeedTable {
    k: usize,
    /// Length of the text tabled.
    len: usize,
    /// Open addressing: the k-gram hash in each slot (0 for an empty one:
    /// no seed hash is 0), so a probe reads one array ...
    slot_keys: Vec<u64>,
    /// ... and the entry of each filled slot.
    slots: Vec<u32>,
    /// Number of entries.
    entries: usize,
    /// Entry → its positions in `a`, ascending: `pos[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    pos: Vec<u32>,
    /// A bit per hash of `a`, by [`SeedTable::bit`]: most k-grams of a
    /// partner are not in `a`, and this (in the core's nearest cache) says so
    /// without a look at the table.
    bits: Vec<u64>,
}

/// Bits in [`SeedTable::bits`], a power of two.
const BITS: usize = 1 << 15;

/// Buffers reused from one partner to the next (per thread, so a table can be
/// shared by threads).
#[derive(Default)]
struct Scratch {
    hashes: Vec<u64>,
    /// (position in `b`, entry) of every k-gram of `b` that `a` has.
    hits: Vec<(u32, u32)>,
    /// Position in `a` → whether a k-gram of `b` starts there.
    in_a: Vec<bool>,
    /// Entry → how often `b` has it (zero between calls).
    count: Vec<u32>,
    /// Diagonal (`j - i + a.len()`) → end in `b` of the match found on it,
    /// valid when stamped with this call's `stamp`.
    reach: Vec<(u32, u32)>,
    stamp: u32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl SeedTable {
    /// The table of `a`'s k-grams (masked ones left out).
    pub fn new(a: &[Sym], k: usize) -> SeedTable {
        let hashes = seed_hashes(a, k);
        // At most two thirds full.
        let cap = (hashes.len() * 3 / 2).next_power_of_two().max(16);
        let mut table = SeedTable {
            k,
            len: a.len(),
            slot_keys: vec![0; cap],
            slots: vec![0; cap],
            entries: 0,
            starts: Vec::new(),
            pos: Vec::new(),
            bits: vec![0; BITS / 64],
        };
        // Entries in order of first occurrence; `starts` first counts them.
        let entry: Vec<u32> = hashes
            .iter()
            .map(|&h| {
                if h == NO_HASH {
                    return u32::MAX;
                }
                let bit = Self::bit(h);
                table.bits[bit / 64] |= 1 << (bit % 64);
                let e = table.find_or_insert(h);
                if e == table.starts.len() {
                    table.starts.push(0);
                }
                table.starts[e] += 1;
                e as u32
            })
            .collect();
        let mut total = 0;
        for s in &mut table.starts {
            (*s, total) = (total, total + *s);
        }
        table.starts.push(total);
        table.pos = vec![0; total as usize];
        let mut fill = table.starts.clone();
        for (i, &e) in entry.iter().enumerate() {
            if e != u32::MAX {
                table.pos[fill[e as usize] as usize] = i as u32;
                fill[e as usize] += 1;
            }
        }
        table
    }

    /// First slot of `h`: the seed hashes' bits are not spread, so spread them.
    fn home(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// `h`'s bit in `bits` (other bits of the spread hash than `home`'s).
    fn bit(h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS.trailing_zeros())) as usize
    }

    /// The slot that holds `h`, or the empty slot where it would go.
    fn slot(&self, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut s = self.home(h);
        while self.slot_keys[s] != h && self.slot_keys[s] != 0 {
            s = (s + 1) & mask;
        }
        s
    }

    fn find(&self, h: u64) -> Option<usize> {
        let bit = Self::bit(h);
        if self.bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let s = self.slot(h);
        (self.slot_keys[s] != 0).then(|| self.slots[s] as usize)
    }

    fn find_or_insert(&mut self, h: u64) -> usize {
        debug_assert_ne!(h, 0, "seed hashes are never 0");
        let s = self.slot(h);
        if self.slot_keys[s] == 0 {
            self.slot_keys[s] = h;
            self.slots[s] = self.entries as u32;
            self.entries += 1;
        }
        self.slots[s] as usize
    }

    /// Maximal exact matches of `a` (this table's text) and `b`, seeded by
    /// shared k-grams that occur at most `p.max_occ` times in `b`, less the
    /// short ones that stand alone ([`super::support`]); sorted by position
    /// in `a`, then `b`. `a` must be the text the table was made of,
    /// and `p.k` its `k`.
    pub fn mems(&self, a: &[Sym], b: &[Sym], p: &AlignParams) -> Vec<Block> {
        self.mems_reaching(a, b, p, 0.0).unwrap_or_default()
    }

    /// [`SeedTable::mems`], or `None` without growing a match when no chain
    /// of them could cover `share` of either text (see [`super::reach`]).
    pub fn mems_reaching(
        &self,
        a: &[Sym],
        b: &[Sym],
        p: &AlignParams,
        share: f64,
    ) -> Option<Vec<Block>> {
        assert!(
            a.len() == self.len && p.k == self.k,
            "SeedTable::mems: not the table's own text or k"
        );
        SCRATCH.with(|s| self.mems_with(a, b, p, share, &mut s.borrow_mut()))
    }

    fn mems_with(
        &self,
        a: &[Sym],
        b: &[Sym],
        p: &AlignParams,
        share: f64,
        s: &mut Scratch,
    ) -> Option<Vec<Block>> {
        let Scratch {
            hashes,
            hits,
            in_a,
            count,
            reach,
            stamp,
        } = s;
        seed_hashes_into(b, self.k, hashes);
        if count.len() < self.entries {
            count.resize(self.entries, 0);
        }
        hits.clear();
        for (j, &h) in hashes.iter().enumerate() {
            if h == NO_HASH {
                continue;
            }
            if let Some(e) = self.find(h) {
                count[e] += 1;
                hits.push((j as u32, e as u32));
            }
        }
        if share > 0.0 {
            // Could the hits cover `share` of either text (see `super::reach`)?
            let gap = p.max_gap.max(p.max_subst);
            let fits = |x: usize, n: usize| n > 0 && x as f64 / n as f64 >= share;
            let in_b = reachable(b.len(), self.k, gap, hits.iter().map(|h| h.0 as usize));
            if !fits(in_b, b.len()) && !fits(self.reachable_in_a(gap, hits, count, in_a), a.len()) {
                for &(_, e) in hits.iter() {
                    count[e as usize] = 0;
                }
                return None;
            }
        }
        // In order of `b`: a seed inside the match already found on its
        // diagonal belongs to that match.
        if reach.len() < a.len() + b.len() {
            reach.resize(a.len() + b.len(), (0, 0));
        }
        *stamp = stamp.wrapping_add(1);
        if *stamp == 0 {
            reach.fill((0, 0));
            *stamp = 1;
        }
        let mut out = Vec::new();
        for &(j, e) in hits.iter() {
            let e = e as usize;
            if count[e] as usize > p.max_occ {
                continue;
            }
            let j = j as usize;
            for &i in &self.pos[self.starts[e] as usize..self.starts[e + 1] as usize] {
                let i = i as usize;
                let diag = &mut reach[j + a.len() - i];
                if diag.0 == *stamp && diag.1 as usize > j {
                    continue;
                }
                let Some((block, end)) = grow(a, b, i, j, self.k) else {
                    continue; // hash collision
                };
                *diag = (*stamp, (j + end - i) as u32);
                out.push(block);
            }
        }
        for &(_, e) in hits.iter() {
            count[e as usize] = 0;
        }
        out.sort_unstable_by_key(|m| (m.a, m.b));
        out.dedup();
        // Support within `max_subst`, on diagonals at most `EDIT_DRIFT` apart
        // (the gaps the chainer reads as changed characters); a short piece
        // just after a longer insertion needs a neighbour on its own diagonal.
        drop_lone(&mut out, p.max_subst, EDIT_DRIFT);
        Some(out)
    }

    /// [`reachable`] in the table's text from the k-grams of `b` it has
    /// (`hits`); `count` is the entries' counts in `b`, left as found.
    fn reachable_in_a(
        &self,
        gap: usize,
        hits: &[(u32, u32)],
        count: &mut [u32],
        in_a: &mut Vec<bool>,
    ) -> usize {
        // Each entry's positions once (a repeated k-gram of `b` is hit often).
        const SEEN: u32 = 1 << 31;
        in_a.clear();
        in_a.resize(self.len, false);
        for &(_, e) in hits {
            let e = e as usize;
            if count[e] & SEEN == 0 {
                count[e] |= SEEN;
                for &i in &self.pos[self.starts[e] as usize..self.starts[e + 1] as usize] {
                    in_a[i as usize] = true;
                }
            }
        }
        for &(_, e) in hits {
            count[e as usize] &= !SEEN;
        }
        let starts = in_a.iter().enumerate().filter(|x| *x.1).map(|x| x.0);
        reachable(self.len, self.k, gap, starts)
    }
}

/// The maximal exact match through the seed at `a[i]`, `b[j]` (masks never
/// match), and where it ends in `a`; `None` when fewer than `k` characters
/// match from the seed on (a hash collision).
pub fn grow(a: &[Sym], b: &[Sym], i: usize, j: usize, k: usize) -> Option<(Block, usize)> {
    let mut len = 0;
    while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] && a[i + len] != MASK {
        len += 1;
    }
    if len < k {
        return None;
    }
    let (mut s, mut t) = (i, j);
    while s > 0 && t > 0 && a[s - 1] == b[t - 1] && a[s - 1] != MASK {
        s -= 1;
        t -= 1;
    }
    let block = Block {
        a: s as u32,
        b: t as u32,
        len: (i + len - s) as u32,
    };
    Some((block, i + len))
}

/// Maximal exact matches between `a` and `b` seeded by shared k-grams (that
/// occur at most `p.max_occ` times in `b`), less the short ones that stand
/// alone.
pub fn mems(a: &[Sym], b: &[Sym], p: &AlignParams) -> Vec<Block> {
    SeedTable::new(a, p.k).mems(a, b, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::mix;

    /// Texts over a small alphabet with masks, so repeats, collisions of
    /// diagonals and masks all occur.
    fn text(seed: u64, n: usize) -> Vec<Sym> {
        (0..n as u64)
            .map(|i| match mix(seed ^ i.wrapping_mul(0x9e37)) % 9 {
                0 => MASK,
                x => crate::normalize::sym(
                    ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'][x as usize - 1],
                ),
            })
            .collect()
    }

    /// Every maximal exact match of at least `k` unmasked characters through
    /// a k-gram that `b` holds at most `max_occ` times, by comparing every
    /// pair of positions.
    fn brute_force(a: &[Sym], b: &[Sym], p: &AlignParams) -> Vec<Block> {
        let k = p.k;
        let clean = |t: &[Sym], i: usize| t[i..i + k].iter().all(|&c| c != MASK);
        let mut out = Vec::new();
        for i in (0..(a.len() + 1).saturating_sub(k)).filter(|&i| clean(a, i)) {
            let gram = &a[i..i + k];
            let in_b: Vec<usize> = (0..(b.len() + 1).saturating_sub(k))
                .filter(|&j| &b[j..j + k] == gram)
                .collect();
            if in_b.len() > p.max_occ {
                continue;
            }
            out.extend(
                in_b.into_iter()
                    .filter_map(|j| grow(a, b, i, j, k))
                    .map(|m| m.0),
            );
        }
        out.sort_unstable_by_key(|m| (m.a, m.b));
        out.dedup();
        drop_lone(&mut out, p.max_subst, EDIT_DRIFT);
        out
    }

    #[test]
    fn the_table_finds_every_maximal_match_through_a_usable_seed_but_lone_short_ones() {
        for seed in 0..200u64 {
            let p = AlignParams {
                k: 3,
                max_occ: [2, 4, 16][seed as usize % 3],
                ..AlignParams::default()
            };
            let a = text(seed, 20 + (seed as usize * 7) % 300);
            let mut b = text(seed + 1000, 10 + (seed as usize * 13) % 200);
            // b copies a stretch of a, so long matches occur too.
            let from = (seed as usize * 3) % a.len();
            b.extend_from_slice(&a[from..a.len().min(from + 60)]);
            let table = SeedTable::new(&a, p.k);
            let want = brute_force(&a, &b, &p);
            assert_eq!(table.mems(&a, &b, &p), want, "seed {seed}");
            // The table is reused: a second partner, then the first again.
            let c = text(seed + 2000, 50);
            assert_eq!(table.mems(&a, &c, &p), brute_force(&a, &c, &p));
            assert_eq!(table.mems(&a, &b, &p), want, "seed {seed}, again");
        }
    }
}
