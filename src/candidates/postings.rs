//! Winnowed prints → the inverted index the candidate count reads.
//!
//! The prints are spread over buckets by their low bits and sorted a bucket
//! at a time, some buckets per pass so that the entries never all sit in
//! memory at once (16 bytes a print). A pass's buckets are cut into parts
//! that are sorted and posted at the same time, one per thread; each part
//! posts into lists of its own, which are then laid end to end in bucket
//! order (the same order whatever the number of parts) and the slots moved
//! to the lists' final place.

use rayon::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// The inverted index of prints: the lists of speeches holding each print
/// (ascending) that is held by 2 to `max_df` speeches, one after another, and
/// for each print of each speech the part of its list after that speech.
/// Each entry of a list is the speech's id, with the print's part of that
/// speech (see [`crate::fingerprint::Prints`]) in the top bits: see [`entry`].
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    /// By slot (`first[d] + i` for print `i` of speech `d`): a range of
    /// `docs`, packed by [`pack`] (0 when empty). Atomic so that the parts of
    /// a pass fill it at once; read with `Relaxed`, a plain load.
    after: Vec<AtomicU64>,
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

fn pack(from: u32, to: u32) -> u64 {
    (from as u64) << 32 | to as u64
}

fn unpack(x: u64) -> (u32, u32) {
    ((x >> 32) as u32, x as u32)
}

impl Postings {
    /// Index `prints`, sorting about `pass_entries` of them at a time.
    /// `print_parts` gives each print's part of its speech by slot (none:
    /// all in part 0; ignored for [`MAX_DOCS`] speeches or more).
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
        let after: Vec<AtomicU64> = (0..total)
            .into_par_iter()
            .map(|_| AtomicU64::new(0))
            .collect();
        let threads = rayon::current_num_threads();
        let mut docs = Vec::new();
        let mut comparisons = 0u64;
        // Where the lists of each bucket's part start in `docs`.
        let mut base = vec![0u32; 1 << bits];
        for pass in crate::pass_ranges(total, pass_entries, 1 << bits) {
            let parts: Vec<Range<usize>> = crate::pass_ranges(threads, 1, pass.len())
                .map(|r| pass.start + r.start..pass.start + r.end)
                .collect();
            let posted: Vec<(Range<usize>, Vec<u32>, u64)> = parts
                .into_par_iter()
                .map(|buckets| {
                    let entries = sorted_entries(prints, &first, bits, buckets.clone());
                    let (lists, pairs) = post(&entries, print_parts, max_df, &after);
                    (buckets, lists, pairs)
                })
                .collect();
            for (buckets, lists, pairs) in posted {
                base[buckets].fill(docs.len() as u32);
                docs.extend_from_slice(&lists);
                comparisons += pairs;
            }
        }
        // Each part posted from 0: move its slots to where its lists landed.
        prints.par_iter().enumerate().for_each(|(d, p)| {
            for (i, &h) in p.as_ref().iter().enumerate() {
                let slot = &after[first[d] + i];
                let (from, to) = unpack(slot.load(Relaxed));
                if from < to {
                    let at = base[bucket(h, bits)];
                    slot.store(pack(at + from, at + to), Relaxed);
                }
            }
        });
        Postings {
            docs,
            after,
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

    /// The slots of speech `d`'s prints.
    pub(super) fn slots(&self, d: u32) -> Range<usize> {
        self.first[d as usize]..self.first[d as usize + 1]
    }

    /// The range of `docs` after a slot's speech in the list of its print.
    pub(super) fn list(&self, slot: usize) -> (u32, u32) {
        unpack(self.after[slot].load(Relaxed))
    }

    /// [`Postings::list`] of each of speech `d`'s prints.
    pub(super) fn lists(&self, d: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots(d).map(|slot| self.list(slot))
    }

    /// How many posted prints speech `a` shares with a later speech `b`
    /// (what [`super::classes::Classes::shared`] is tested against).
    #[cfg(test)]
    pub(super) fn shared(&self, a: u32, b: u32) -> u32 {
        self.lists(a)
            .filter(|&(from, to)| {
                self.docs[from as usize..to as usize]
                    .binary_search_by_key(&b, |&x| self.entry(x).0)
                    .is_ok()
            })
            .count() as u32
    }
}

/// Post sorted `entries`: the speeches of each print held by 2 to `max_df`
/// of them (each with its print's part), one list after another from 0, and
/// for each entry's slot the part of its list after its speech (into
/// `after`); with the pairs of speeches the lists hold.
fn post(
    entries: &[(u64, u32, u32)],
    print_parts: &[u8],
    max_df: usize,
    after: &[AtomicU64],
) -> (Vec<u32>, u64) {
    let mut docs = Vec::new();
    let mut comparisons = 0u64;
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 || run.len() > max_df {
            continue;
        }
        comparisons += (run.len() * (run.len() - 1) / 2) as u64;
        let start = docs.len() as u32;
        docs.extend(run.iter().map(|e| {
            let part = print_parts.get(e.2 as usize).copied().unwrap_or(0) as u32;
            e.1 | part << PART_SHIFT
        }));
        // The first entry of a later speech (a speech's prints are
        // distinct, but the caller's are not checked).
        let mut next = run.len();
        for j in (0..run.len()).rev() {
            if j + 1 < run.len() && run[j + 1].1 != run[j].1 {
                next = j + 1;
            }
            if next < run.len() {
                let range = pack(start + next as u32, start + run.len() as u32);
                after[run[j].2 as usize].store(range, Relaxed);
            }
        }
    }
    (docs, comparisons)
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
    fn each_slot_lists_the_later_speeches_holding_its_print() {
        let prints = recurring_prints();
        let max_df = 50;
        let mut holders: crate::FastMap<u64, Vec<u32>> = Default::default();
        for (d, p) in prints.iter().enumerate() {
            for &h in p {
                holders.entry(h).or_default().push(d as u32);
            }
        }
        let post = Postings::new(&prints, &[], max_df, 1000);
        let mut pairs = 0;
        for (d, p) in prints.iter().enumerate() {
            for (&h, (from, to)) in p.iter().zip(post.lists(d as u32)) {
                let all = &holders[&h];
                let want: Vec<u32> = if all.len() > max_df {
                    vec![]
                } else {
                    all.iter().copied().filter(|&e| e > d as u32).collect()
                };
                pairs += want.len() as u64;
                assert_eq!(&post.docs[from as usize..to as usize], &want[..]);
            }
        }
        assert!(pairs > 1000, "the pool makes prints recur");
        assert_eq!(post.comparisons, pairs);
    }

    #[test]
    fn postings_are_the_same_in_any_passes_and_threads() {
        let prints = recurring_prints();
        let ranges = |p: &Postings| -> Vec<Vec<(u32, u32)>> {
            (0..prints.len())
                .map(|d| p.lists(d as u32).collect())
                .collect()
        };
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
                    assert_eq!(ranges(&many), ranges(&one), "{at}");
                    assert_eq!(many.first, one.first, "{at}");
                    assert_eq!(many.comparisons, one.comparisons, "{at}");
                }
            }
        }
    }
}
