//! Seeds: the maximal exact matches two texts share, found from shared k-grams.

use super::{AlignParams, Block};
use crate::fingerprint::{seed_hashes, NO_HASH};
use crate::normalize::MASK;
use crate::FastMap;

/// The k-gram positions of a text, as hash chains: `head` holds the last
/// position of each bucket, `next` the previous position in the same bucket
/// (no allocation per k-gram, unlike a map of lists).
struct Seeds {
    hashes: Vec<u64>,
    head: Vec<u32>,
    next: Vec<u32>,
    mask: usize,
}

const NONE: u32 = u32::MAX;

impl Seeds {
    fn new(text: &[char], k: usize) -> Seeds {
        let hashes = seed_hashes(text, k);
        let size = (hashes.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut head = vec![NONE; size];
        let mut next = vec![NONE; hashes.len()];
        for (j, &h) in hashes.iter().enumerate() {
            if h != NO_HASH {
                let slot = (h as usize) & mask;
                next[j] = head[slot];
                head[slot] = j as u32;
            }
        }
        Seeds {
            hashes,
            head,
            next,
            mask,
        }
    }

    /// The positions of `h`, ascending, if there are at most `max` of them.
    fn positions(&self, h: u64, max: usize, out: &mut Vec<u32>) -> bool {
        out.clear();
        let mut j = self.head[(h as usize) & self.mask];
        while j != NONE {
            if self.hashes[j as usize] == h {
                if out.len() == max {
                    return false;
                }
                out.push(j);
            }
            j = self.next[j as usize];
        }
        out.reverse();
        true
    }
}

/// The maximal exact match through the seed at `a[i]`, `b[j]` (masks never
/// match), and where it ends in `a`; `None` when fewer than `k` characters
/// match from the seed on (a hash collision).
pub fn grow(a: &[char], b: &[char], i: usize, j: usize, k: usize) -> Option<(Block, usize)> {
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

/// Maximal exact matches between `a` and `b` seeded by shared k-grams.
pub fn mems(a: &[char], b: &[char], p: &AlignParams) -> Vec<Block> {
    mems_hashed(a, &seed_hashes(a, p.k), b, p)
}

/// [`mems`] given `ha`, the seed hashes of `a` (`seed_hashes(a, p.k)`).
pub(super) fn mems_hashed(a: &[char], ha: &[u64], b: &[char], p: &AlignParams) -> Vec<Block> {
    let seeds = Seeds::new(b, p.k);
    let mut reach: FastMap<i64, usize> = FastMap::default();
    let mut out = Vec::new();
    let mut list = Vec::new();
    for (i, &h) in ha.iter().enumerate() {
        if h == NO_HASH || !seeds.positions(h, p.max_occ, &mut list) {
            continue;
        }
        for &j in &list {
            let j = j as usize;
            let diag = j as i64 - i as i64;
            if reach.get(&diag).is_some_and(|&end| end > i) {
                continue;
            }
            let Some((block, end)) = grow(a, b, i, j, p.k) else {
                continue; // hash collision
            };
            reach.insert(diag, end);
            out.push(block);
        }
    }
    out.sort_by_key(|m| (m.a, m.b));
    out.dedup();
    out
}
