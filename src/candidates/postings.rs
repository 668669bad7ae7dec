//! Winnowed prints → the inverted index the candidate count reads.
//!
//! The prints are spread over buckets by their low bits and sorted a bucket
//! at a time, some buckets per pass so that the entries never all sit in
//! memory at once (16 bytes a print). A pass's buckets are cut into parts
//! that are sorted and posted at the same time, one per thread; each part
//! posts into lists of its own, which are then laid end to end in bucket
//! order (the same order whatever the number of parts).

use rayon::prelude::*;
use std::ops::Range;

/// The inverted index of prints: the lists of speeches holding each print
/// (ascending) that is held by 2 to `max_df` speeches, one after another.
/// Each entry of a list is the speech's id, with the print's part of that
/// speech (see [`crate::fingerprint::Prints`]) in the top bits: see [`entry`].
pub(super) struct Postings {
    docs: Vec<u32>,
    /// Where each list starts in `docs`, and where the last ends.
    bounds: Vec<u32>,
    first: Vec<usize>,
    /// Pairs of speeches the posted lists hold.
    pub(super) comparisons: u64,
    /// Do the entries carry parts?
    packed: bool,
}

/// Where a list entry's part starts.
const PART_SHIFT: u32 = 28;
/// Speech ids up to this fit in a list entry beside a part.
pub(super) const MAX_DOCS: usize = 1 << PART_SHIFT;

impl Postings {
    /// Index `prints`, sorting about `pass_entries` of them at a time.
    /// `print_parts` gives each print's part of its speech by slot (`first[d]
    /// + i` for print `i` of speech `d`; none: all in part 0; ignored for
    /// [`MAX_DOCS`] speeches or more).
    pub(super) fn new<P: AsRef<[u64]> + Sync>(
        prints: &[P],
        print_parts: &[u8],
        max_df: usize,
        pass_entries: usize,
    ) -> Postings {
        let total = prints.iter().map(|p| p.as_ref().len()).sum();
        Self::with_buckets(
            prints,
            print_parts,
            max_df,
            pass_entries,
            bucket_bits(total),
        )
    }

    /// [`Postings::new`] with `1 << bits` buckets.
    fn with_buckets<P: AsRef<[u64]> + Sync>(
        prints: &[P],
        print_parts: &[u8],
        max_df: usize,
        pass_entries: usize,
        bits: u32,
    ) -> Postings {
        let packed = prints.len() < MAX_DOCS;
        let print_parts = if packed { print_parts } else { &[] };
        let mut first = vec![0usize];
        for p in prints {
            first.push(first[first.len() - 1] + p.as_ref().len());
        }
        let total = first[first.len() - 1];
        let threads = rayon::current_num_threads();
        let mut docs = Vec::new();
        let mut bounds = Vec::new();
        let mut comparisons = 0u64;
        for pass in crate::pass_ranges(total, pass_entries, 1 << bits) {
            let parts: Vec<Range<usize>> = crate::pass_ranges(threads, 1, pass.len())
                .map(|r| pass.start + r.start..pass.start + r.end)
                .collect();
            let posted: Vec<(Vec<u32>, Vec<u32>, u64)> = parts
                .into_par_iter()
                .map(|buckets| {
                    let entries = sorted_entries(prints, &first, bits, buckets);
                    post(&entries, print_parts, max_df)
                })
                .collect();
            for (lists, starts, pairs) in posted {
                let at = docs.len() as u32;
                bounds.extend(starts.iter().map(|&s| at + s));
                docs.extend_from_slice(&lists);
                comparisons += pairs;
            }
        }
        bounds.push(docs.len() as u32);
        Postings {
            docs,
            bounds,
            first,
            comparisons,
            packed,
        }
    }

    /// A list entry: `(speech, part)`.
    pub(super) fn entry(&self, x: u32) -> (u32, u32) {
        if self.packed {
            (x & (MAX_DOCS as u32 - 1), x >> PART_SHIFT)
        } else {
            (x, 0)
        }
    }

    /// How many prints speech `d` has.
    pub(super) fn prints(&self, d: u32) -> usize {
        self.first[d as usize + 1] - self.first[d as usize]
    }

    /// The posted lists, in order: the entries of the speeches holding a print.
    pub(super) fn lists(&self) -> impl ExactSizeIterator<Item = &[u32]> + '_ {
        (0..self.bounds.len() - 1).map(|k| self.list(k))
    }

    /// The posted list `k` (of [`Postings::lists`]).
    pub(super) fn list(&self, k: usize) -> &[u32] {
        &self.docs[self.bounds[k] as usize..self.bounds[k + 1] as usize]
    }
}

/// Post sorted `entries`: the speeches of each print held by 2 to `max_df`
/// of them (each with its print's part), one list after another from 0; with
/// where each list starts and the pairs of speeches the lists hold.
fn post(
    entries: &[(u64, u32, u32)],
    print_parts: &[u8],
    max_df: usize,
) -> (Vec<u32>, Vec<u32>, u64) {
    let mut docs = Vec::new();
    let mut starts = Vec::new();
    let mut comparisons = 0u64;
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        // Each speech once (a speech's prints are distinct, but a caller's
        // are not checked: one listed twice would pair the speech with itself).
        let holders = || run.chunk_by(|x, y| x.1 == y.1).map(|same| same[0]);
        let n = holders().count();
        if n < 2 || n > max_df {
            continue;
        }
        comparisons += (n * (n - 1) / 2) as u64;
        starts.push(docs.len() as u32);
        docs.extend(holders().map(|e| {
            let part = print_parts.get(e.2 as usize).copied().unwrap_or(0) as u32;
            e.1 | part << PART_SHIFT
        }));
    }
    (docs, starts, comparisons)
}

/// About how many prints one pass of [`Postings::new`] sorts.
pub(super) const PASS_ENTRIES: usize = 1 << 24;

/// Bits of a print that choose its bucket, for `total` prints: buckets of
/// about 2^16 prints, few enough that spreading the prints over them writes
/// to few places at once, small enough that each sorts in a core's cache.
fn bucket_bits(total: usize) -> u32 {
    (usize::BITS - total.leading_zeros())
        .saturating_sub(16)
        .clamp(1, 16)
}

/// The bucket of print `h`, by its low bits. A winnowed print is the least
/// hash of its window, so its top bits lean low (buckets by the top bits held
/// 92% of the prints in the first third of the buckets); its lowest bit is
/// always set.
fn bucket(h: u64, bits: u32) -> usize {
    (h >> 1) as usize & ((1 << bits) - 1)
}

/// Every `(print, speech, slot)` whose print's bucket falls in `range`,
/// by bucket and then sorted: a counting pass spreads them over the buckets,
/// then each bucket is sorted.
fn sorted_entries<P: AsRef<[u64]>>(
    prints: &[P],
    first: &[usize],
    bits: u32,
    range: std::ops::Range<usize>,
) -> Vec<(u64, u32, u32)> {
    let bucket = |h: u64| bucket(h, bits);
    let mut start = vec![0usize; range.len() + 1];
    for &h in prints.iter().flat_map(|p| p.as_ref()) {
        let b = bucket(h);
        if range.contains(&b) {
            start[b - range.start + 1] += 1;
        }
    }
    for b in 1..start.len() {
        start[b] += start[b - 1];
    }
    let mut next = start.clone();
    let mut entries = vec![(0u64, 0u32, 0u32); start[range.len()]];
    for (d, p) in prints.iter().enumerate() {
        for (i, &h) in p.as_ref().iter().enumerate() {
            let b = bucket(h);
            if range.contains(&b) {
                let b = b - range.start;
                entries[next[b]] = (h, d as u32, (first[d] + i) as u32);
                next[b] += 1;
            }
        }
    }
    let mut buckets = Vec::with_capacity(range.len());
    let mut rest = &mut entries[..];
    for w in start.windows(2) {
        let (b, r) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
        buckets.push(b);
        rest = r;
    }
    buckets.par_iter_mut().for_each(|b| b.sort_unstable());
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 300 speeches of 40 prints from a small pool, so prints recur.
    fn recurring_prints() -> Vec<Vec<u64>> {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        (0..300)
            .map(|_| {
                let mut p: Vec<u64> = (0..40)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x % 997).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    })
                    .collect();
                p.sort_unstable();
                p.dedup();
                p
            })
            .collect()
    }

    #[test]
    fn each_list_holds_the_speeches_of_a_print() {
        let prints = recurring_prints();
        let max_df = 50;
        let mut holders: crate::FastMap<u64, Vec<u32>> = Default::default();
        for (d, p) in prints.iter().enumerate() {
            for &h in p {
                holders.entry(h).or_default().push(d as u32);
            }
        }
        let mut want: Vec<Vec<u32>> = holders
            .into_values()
            .filter(|l| (2..=max_df).contains(&l.len()))
            .collect();
        want.sort_unstable();
        let post = Postings::new(&prints, &[], max_df, 1000);
        let mut got: Vec<Vec<u32>> = post.lists().map(|l| l.to_vec()).collect();
        got.sort_unstable();
        assert!(want.len() > 100, "the pool makes prints recur");
        assert_eq!(got, want);
        let pairs: usize = want.iter().map(|l| l.len() * (l.len() - 1) / 2).sum();
        assert_eq!(post.comparisons, pairs as u64);
    }

    #[test]
    fn a_print_given_twice_lists_its_speech_once() {
        let prints = [vec![5, 5, 7], vec![5, 7, 9], vec![9, 9]];
        let post = Postings::new(&prints, &[], 10, 100);
        let mut lists: Vec<&[u32]> = post.lists().collect();
        lists.sort_unstable();
        assert_eq!(lists, [&[0, 1][..], &[0, 1], &[1, 2]]);
        assert_eq!(post.comparisons, 3);
    }

    #[test]
    fn postings_are_the_same_in_any_passes_and_threads() {
        let prints = recurring_prints();
        for bits in [1, 3, 8] {
            let one = Postings::with_buckets(&prints, &[], 50, usize::MAX, bits);
            for threads in [1, 2, 5] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                for pass_entries in [1, 7, 1000, usize::MAX] {
                    let many = pool
                        .install(|| Postings::with_buckets(&prints, &[], 50, pass_entries, bits));
                    let at = format!("{bits} bits, {threads} threads, passes of {pass_entries}");
                    assert_eq!(many.docs, one.docs, "{at}");
                    assert_eq!(many.bounds, one.bounds, "{at}");
                    assert_eq!(many.first, one.first, "{at}");
                    assert_eq!(many.comparisons, one.comparisons, "{at}");
                }
            }
        }
    }
}
