//! Winnowed prints → the inverted index the candidate count reads.
//!
//! The prints are spread over buckets by their top bits and sorted a bucket
//! at a time, some buckets per pass so that the entries never all sit in
//! memory at once (16 bytes a print). One read of the prints counts each
//! bucket's; a pass's buckets are then cut into parts of about as many prints,
//! sorted and posted at the same time, one per thread. A speech's prints are
//! sorted, so those of a part are one run of them, found by binary search:
//! each print is read once more in all, whatever the number of passes and
//! parts. Each part posts into lists of its own, which are then laid end to
//! end in bucket order: the lists come in the order of their prints, the
//! same whatever the number of passes and parts.

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
        debug_assert!(prints.iter().all(|p| p.as_ref().is_sorted()));
        let packed = prints.len() < MAX_DOCS;
        let print_parts = if packed { print_parts } else { &[] };
        let mut first = vec![0usize];
        for p in prints {
            first.push(first[first.len() - 1] + p.as_ref().len());
        }
        // Where each bucket's prints start among all, in bucket order.
        let mut start = vec![0usize];
        start.extend(bucket_counts(prints, bits).into_iter().scan(0, |at, n| {
            *at += n;
            Some(*at)
        }));
        let threads = rayon::current_num_threads();
        let mut docs = Vec::new();
        let mut bounds = Vec::new();
        let mut comparisons = 0u64;
        for pass in weighted_ranges(&start, 0..1 << bits, pass_entries) {
            let prints_in = start[pass.end] - start[pass.start];
            let parts = weighted_ranges(&start, pass, prints_in.div_ceil(threads));
            let posted: Vec<(Vec<u32>, Vec<u32>, u64)> = parts
                .into_par_iter()
                .map(|buckets| {
                    let entries = sorted_entries(prints, &first, &start, bits, buckets);
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
/// about 2^13 prints on average, few enough that spreading the prints over
/// them writes to few places at once, small enough that each sorts in a
/// core's cache. A winnowed print is the least hash of its window, so its
/// top bits lean low: the first buckets hold several times the average.
fn bucket_bits(total: usize) -> u32 {
    (usize::BITS - total.leading_zeros())
        .saturating_sub(13)
        .clamp(1, 16)
}

/// The bucket of print `h`: its top `bits` bits, so buckets come in the
/// order of their prints.
fn bucket(h: u64, bits: u32) -> usize {
    (h >> (u64::BITS - bits)) as usize
}

/// How many prints fall in each of the `1 << bits` buckets.
fn bucket_counts<P: AsRef<[u64]> + Sync>(prints: &[P], bits: u32) -> Vec<usize> {
    let chunk = prints.len().div_ceil(rayon::current_num_threads()).max(1);
    prints
        .par_chunks(chunk)
        .map(|some| {
            let mut counts = vec![0usize; 1 << bits];
            for &h in some.iter().flat_map(|p| p.as_ref()) {
                counts[bucket(h, bits)] += 1;
            }
            counts
        })
        .reduce_with(|mut x, y| {
            x.iter_mut().zip(y).for_each(|(x, y)| *x += y);
            x
        })
        .unwrap_or_else(|| vec![0; 1 << bits])
}

/// `buckets` cut into runs of buckets holding about `per` prints each (by
/// `start`, where each bucket's prints start): as many runs as `per` asks,
/// never more than there are buckets, at least one. Each run ends at the
/// bucket boundary nearest an even share of the prints still to cut.
fn weighted_ranges(start: &[usize], buckets: Range<usize>, per: usize) -> Vec<Range<usize>> {
    let total = start[buckets.end] - start[buckets.start];
    let runs = total.div_ceil(per.max(1)).clamp(1, buckets.len().max(1));
    let mut out = Vec::with_capacity(runs);
    let mut from = buckets.start;
    for i in 1..runs {
        let want = start[from] + (start[buckets.end] - start[from]).div_ceil(runs - i + 1);
        let mut at = from + 1 + start[from + 1..buckets.end].partition_point(|&s| s < want);
        if at - 1 > from && want - start[at - 1] < start[at] - want {
            at -= 1;
        }
        // Leave a bucket for each run still to come.
        let at = at.min(buckets.end - (runs - i));
        out.push(from..at);
        from = at;
    }
    out.push(from..buckets.end);
    out
}

/// Every `(print, speech, slot)` whose print's bucket falls in `buckets`,
/// sorted: the prints of each speech in those buckets (one run of its sorted
/// prints) are spread over the buckets, then each bucket is sorted.
fn sorted_entries<P: AsRef<[u64]>>(
    prints: &[P],
    first: &[usize],
    start: &[usize],
    bits: u32,
    buckets: Range<usize>,
) -> Vec<(u64, u32, u32)> {
    let bucket = |h: u64| bucket(h, bits);
    let lo = start[buckets.start];
    let mut next: Vec<usize> = start[buckets.start..buckets.end]
        .iter()
        .map(|&s| s - lo)
        .collect();
    let mut entries = vec![(0u64, 0u32, 0u32); start[buckets.end] - lo];
    for (d, p) in prints.iter().enumerate() {
        let p = p.as_ref();
        let from = p.partition_point(|&h| bucket(h) < buckets.start);
        let to = from + p[from..].partition_point(|&h| bucket(h) < buckets.end);
        for (i, &h) in p[from..to].iter().enumerate() {
            let b = bucket(h) - buckets.start;
            entries[next[b]] = (h, d as u32, (first[d] + from + i) as u32);
            next[b] += 1;
        }
    }
    let mut sorted = Vec::with_capacity(buckets.len());
    let mut rest = &mut entries[..];
    for w in start[buckets.start..=buckets.end].windows(2) {
        let (b, r) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
        sorted.push(b);
        rest = r;
    }
    sorted.par_iter_mut().for_each(|b| b.sort_unstable());
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
    fn lists_come_in_the_order_of_their_prints() {
        let prints = recurring_prints();
        let post = Postings::with_buckets(&prints, &[], 50, 300, 6);
        // The print of each list: the one its speeches all hold.
        let print_of = |l: &[u32]| {
            let (d0, d1) = (l[0] as usize, l[1] as usize);
            *prints[d0]
                .iter()
                .find(|h| {
                    prints[d1].contains(h) && l.iter().all(|&d| prints[d as usize].contains(h))
                })
                .unwrap()
        };
        let order: Vec<u64> = post.lists().map(print_of).collect();
        assert!(order.len() > 100);
        assert!(order.windows(2).all(|w| w[0] < w[1]), "ascending prints");
    }

    #[test]
    fn weighted_ranges_cover_the_buckets_in_runs_of_about_equal_prints() {
        // Ten buckets holding 0, 5, 1, 1, 40, 0, 2, 2, 2, 7 prints.
        let counts = [0, 5, 1, 1, 40, 0, 2, 2, 2, 7];
        let mut start = vec![0];
        for c in counts {
            start.push(start[start.len() - 1] + c);
        }
        let prints = |r: &Range<usize>| start[r.end] - start[r.start];
        for per in [1, 3, 10, 20, 60, 1000] {
            for buckets in [0..10, 2..9, 4..5, 5..6] {
                let runs = weighted_ranges(&start, buckets.clone(), per);
                let want = prints(&buckets).div_ceil(per).clamp(1, buckets.len());
                assert_eq!(runs.len(), want, "per {per}, {buckets:?}");
                assert_eq!(runs[0].start, buckets.start);
                assert_eq!(runs[runs.len() - 1].end, buckets.end);
                assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
                assert!(runs.iter().all(|r| !r.is_empty()), "per {per}: {runs:?}");
            }
        }
        // A heavy bucket stands alone; the light ones around it share runs.
        let runs = weighted_ranges(&start, 0..10, 20);
        assert_eq!(runs, vec![0..4, 4..5, 5..10]);
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
