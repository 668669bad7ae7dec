//! Posting lists that hold the same speeches, read once.
//!
//! A paragraph that many speeches share gives each of them the same prints,
//! and each of those prints the same list of speeches: the count would read
//! that list once per print (at 10^5 generated speeches, it read 1.45 billion
//! entries, and reads 0.54 billion through the classes). Here the lists of the same
//! speeches are made one *class*, read once with the number of its prints as
//! weight. Each entry of a class keeps the parts of its speech that hold the
//! class's prints (the prints of a paragraph that a part boundary cuts sit in
//! two parts). What a pair counts is the same as print by print: every print
//! of a class is held by every speech of it.

use super::postings::Postings;
use rayon::prelude::*;

/// For one class a speech is in: the range of [`Classes::entries`] after the
/// speech in the class's list, and how many prints the class has.
type After = (u32, u32, u32);

/// The classes of an index's posting lists, and each speech's place in them.
pub(super) struct Classes {
    /// The classes' lists, one after another: each entry a speech id (low 32
    /// bits) and, above, the parts of it holding the class's prints (a bit each).
    pub(super) entries: Vec<u64>,
    /// From `first[a]`, for each class speech `a` is in: the range of
    /// `entries` after `a` in the class's list, and how many prints the class
    /// has. `a`'s own entry is the one just before the range.
    after: Vec<After>,
    first: Vec<usize>,
}

impl Classes {
    /// The classes of `post`'s lists, for its `n` speeches.
    pub(super) fn new(post: &Postings, n: usize) -> Classes {
        let doc = |x: u32| post.entry(x).0;
        let lists = post.lists().len();
        // Lists with the same speeches side by side: by a hash of them, and
        // those behind one hash told apart by their speeches.
        let mut keys: Vec<(u64, u32)> = (0..lists)
            .into_par_iter()
            .map(|k| {
                let h = post.list(k).iter().fold(0x243F_6A88_85A3_08D3u64, |h, &x| {
                    (h ^ doc(x) as u64)
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        .rotate_left(31)
                });
                (h, k as u32)
            })
            .collect();
        keys.par_sort_unstable();
        let mut entries: Vec<u64> = Vec::new();
        // Per class: where its list starts in `entries`, and its prints.
        let mut start: Vec<u32> = Vec::new();
        let mut weight: Vec<u32> = Vec::new();
        let part_bit = |x: u32| 1u64 << (32 + post.entry(x).1);
        for run in keys.chunk_by(|x, y| x.0 == y.0) {
            let opened = start.len();
            for &(_, k) in run {
                let l = post.list(k as usize);
                // The entries of class `c` (one opened for this run).
                let class = |c: usize| {
                    start[c] as usize..start.get(c + 1).map_or(entries.len(), |&e| e as usize)
                };
                let same = |c: &usize| {
                    let e = &entries[class(*c)];
                    e.len() == l.len() && e.iter().zip(l).all(|(&y, &x)| y as u32 == doc(x))
                };
                match (opened..start.len()).find(same) {
                    Some(c) => {
                        let e = class(c);
                        for (y, &x) in entries[e].iter_mut().zip(l) {
                            *y |= part_bit(x);
                        }
                        weight[c] += 1;
                    }
                    None => {
                        start.push(entries.len() as u32);
                        weight.push(1);
                        entries.extend(l.iter().map(|&x| doc(x) as u64 | part_bit(x)));
                    }
                }
            }
        }
        drop(keys);
        start.push(entries.len() as u32);
        // Each speech's classes, each once (all of a class's prints are its),
        // read off the classes' lists and laid out by speech; a class's last
        // speech has nothing after it.
        let with_after = || {
            start
                .windows(2)
                .enumerate()
                .flat_map(|(c, w)| (w[0]..w[1] - 1).map(move |at| (c, at, w[1])))
        };
        let first: Vec<usize> = crate::buckets::starts(
            n,
            with_after().map(|(_, at, _)| Self::speech(entries[at as usize]) as usize),
        );
        // Laid out a range of speeches per task, each reading every class.
        let tasks = 2 * rayon::current_num_threads();
        let cuts: Vec<usize> = (0..=tasks).map(|t| t * n / tasks).collect();
        let mut after: Vec<After> = vec![(0, 0, 0); first[n]];
        let mut parts: Vec<(std::ops::Range<usize>, &mut [After])> = Vec::new();
        let mut rest = &mut after[..];
        for w in cuts.windows(2) {
            let (part, r) = std::mem::take(&mut rest).split_at_mut(first[w[1]] - first[w[0]]);
            parts.push((w[0]..w[1], part));
            rest = r;
        }
        parts.into_par_iter().for_each(|(speeches, out)| {
            let base = first[speeches.start];
            let mut fill: Vec<usize> = first[speeches.clone()].iter().map(|f| f - base).collect();
            for (c, at, end) in with_after() {
                let d = Self::speech(entries[at as usize]) as usize;
                if speeches.contains(&d) {
                    out[fill[d - speeches.start]] = (at + 1, end, weight[c]);
                    fill[d - speeches.start] += 1;
                }
            }
        });
        Classes {
            entries,
            after,
            first,
        }
    }

    /// For each class speech `a` is in: the range of [`Classes::entries`]
    /// after `a`, and the class's prints.
    pub(super) fn of(&self, a: u32) -> &[After] {
        &self.after[self.first[a as usize]..self.first[a as usize + 1]]
    }

    /// The parts of speech `a` holding the prints of the class that `after`
    /// (one of [`Classes::of`] `a`) is in: those of `a`'s own entry.
    pub(super) fn own_parts(&self, after: &After) -> u64 {
        Self::parts(self.entries[after.0 as usize - 1])
    }

    /// The parts of its speech that an entry holds the class's prints in (a bit each).
    pub(super) fn parts(x: u64) -> u64 {
        x >> 32
    }

    /// The speech of an entry.
    pub(super) fn speech(x: u64) -> u32 {
        x as u32
    }

    /// How many posted prints speech `a` shares with a later speech `b`.
    pub(super) fn shared(&self, a: u32, b: u32) -> u32 {
        self.of(a)
            .iter()
            .filter(|&&(from, to, _)| {
                self.entries[from as usize..to as usize]
                    .binary_search_by_key(&b, |&x| Self::speech(x))
                    .is_ok()
            })
            .map(|x| x.2)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FastMap;

    /// 300 speeches, each a few paragraphs of 8 prints from a pool of 60, and
    /// prints of their own; each print in one of 4 parts by its place.
    fn paragraphs() -> (Vec<Vec<u64>>, Vec<Vec<u8>>) {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut prints = Vec::new();
        let mut parts = Vec::new();
        for d in 0..300u64 {
            let mut p: Vec<u64> = Vec::new();
            for _ in 0..4 {
                let para = next() % 60;
                p.extend((0..8).map(|i| (para * 8 + i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
            }
            p.extend((0..5).map(|i| (d * 16 + i + 10_000).wrapping_mul(0x2545_F491_4F6C_DD1D)));
            p.sort_unstable();
            p.dedup();
            // Parts by rank of the sorted prints: a paragraph's prints
            // scatter over several.
            let n = p.len();
            parts.push((0..n).map(|i| (i * 4 / n) as u8).collect());
            prints.push(p);
        }
        (prints, parts)
    }

    #[test]
    fn classes_count_and_mark_parts_as_print_by_print() {
        let (prints, parts) = paragraphs();
        let flat: Vec<u8> = parts.iter().flatten().copied().collect();
        let max_df = 40;
        let post = Postings::new(&prints, &flat, max_df, 500);
        let classes = Classes::new(&post, prints.len());
        // Each print's speeches, with its part in each.
        let mut holders: FastMap<u64, Vec<(u32, u64)>> = FastMap::default();
        for (d, p) in prints.iter().enumerate() {
            for (i, &h) in p.iter().enumerate() {
                holders
                    .entry(h)
                    .or_default()
                    .push((d as u32, 1 << parts[d][i]));
            }
        }
        let mut read = (0, 0);
        for a in 0..prints.len() as u32 {
            // Print by print: each later speech's count and the parts of both.
            let mut want: FastMap<u32, (u32, u64, u64)> = FastMap::default();
            for (i, h) in prints[a as usize].iter().enumerate() {
                let held = &holders[h];
                if !(2..=max_df).contains(&held.len()) {
                    continue;
                }
                for &(b, part_b) in held.iter().filter(|x| x.0 > a) {
                    let w = want.entry(b).or_default();
                    w.0 += 1;
                    w.1 |= 1 << parts[a as usize][i];
                    w.2 |= part_b;
                    read.0 += 1;
                }
            }
            let mut got: FastMap<u32, (u32, u64, u64)> = FastMap::default();
            for after @ &(from, to, weight) in classes.of(a) {
                assert_eq!(Classes::speech(classes.entries[from as usize - 1]), a);
                for &x in &classes.entries[from as usize..to as usize] {
                    let g = got.entry(Classes::speech(x)).or_default();
                    g.0 += weight;
                    g.1 |= classes.own_parts(after);
                    g.2 |= Classes::parts(x);
                    read.1 += 1;
                }
            }
            assert_eq!(got, want, "speech {a}");
            for (&b, w) in &want {
                assert_eq!(classes.shared(a, b), w.0);
            }
        }
        assert!(read.0 > 10_000, "paragraphs recur: {read:?}");
        assert!(
            read.1 * 4 < read.0,
            "a paragraph's list is read once, not once per print: {read:?}"
        );
    }
}
