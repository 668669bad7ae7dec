//! Counting k-grams across speeches.
//!
//! A k-gram's count is the number of distinct clusters (copies of one speech
//! count once) whose speeches hold it. It is counted over the collection's
//! distinct lines ([`Lines`]): each line's distinct k-grams are laid out by
//! their top bits with the line; each of those partitions is sorted and
//! counted as runs, a k-gram in one line taking that line's clusters and one
//! in several the union of theirs; only the k-grams held by at least
//! `min_docs` clusters are kept. Lines holding many characters are counted in
//! passes over parts of the hash space, each hashing the lines again, so the
//! count never holds every k-gram at once.

use crate::buckets;
use crate::fingerprint::{kgram_hashes_into, NO_HASH};
use crate::FastMap;
use rayon::prelude::*;

use super::lines::Lines;
use super::PHRASE_K;

/// Partitions of the k-gram count, by the top bits of the hash.
const PARTITION_BITS: u32 = 8;
const PARTITIONS: usize = 1 << PARTITION_BITS;
/// About how many k-grams one counting pass holds (16 bytes each, with their
/// line and its number of clusters: 512 MB): a collection whose distinct
/// lines hold more characters is counted in passes.
pub(super) const PASS_KGRAMS: usize = 1 << 25;

/// The k-grams held by enough clusters, each with a dense id and its count.
pub(super) struct Shared {
    ids: FastMap<u64, u32>,
    counts: Vec<u32>,
    /// A bit per slot of the hash space's low bits, set where a shared k-gram
    /// falls: most k-grams of a large collection are not shared, and this
    /// (16 to 32 bits per shared k-gram, far smaller than the map) turns them
    /// away before the map.
    held: Vec<u64>,
}

/// Bits of [`Shared::held`] per shared k-gram, at least (one k-gram in 16 to
/// 32 that is not shared then passes to the map), and the most it takes
/// (past 2^24 shared k-grams more of them pass).
const HELD_BITS_PER_KGRAM: usize = 16;
const HELD_MAX_BITS: usize = 1 << 28;

/// The id of a k-gram that is not shared.
pub(super) const NOT_SHARED: u32 = u32::MAX;

impl Shared {
    /// Count the k-grams of the distinct `lines` of a collection, keeping
    /// those held by at least `min_docs` clusters. Their characters set how
    /// many passes the count takes: each pass hashes every line again but
    /// keeps only its share of the hash space, so its buffers stay near
    /// `pass_kgrams` k-grams.
    pub(super) fn new(lines: &Lines, min_docs: u32, pass_kgrams: usize) -> Shared {
        Shared::from_counts(
            crate::pass_ranges(lines.chars(), pass_kgrams, PARTITIONS)
                .flat_map(|parts| count_pass(lines, min_docs, parts)),
        )
    }

    /// Shared k-grams with their counts, ids given in order.
    pub(super) fn from_counts(counts: impl Iterator<Item = (u64, u32)>) -> Shared {
        let mut shared = Shared {
            ids: FastMap::default(),
            counts: Vec::new(),
            held: Vec::new(),
        };
        for (h, c) in counts {
            shared.ids.insert(h, shared.counts.len() as u32);
            shared.counts.push(c);
        }
        let bits = (shared.counts.len() * HELD_BITS_PER_KGRAM)
            .next_power_of_two()
            .clamp(64, HELD_MAX_BITS);
        shared.held = vec![0; bits / 64];
        for &h in shared.ids.keys() {
            let (word, bit) = shared.slot(h);
            shared.held[word] |= bit;
        }
        shared
    }

    /// The word of [`Shared::held`] and the bit in it for k-gram hash `h` (a
    /// k-gram hash is odd: its lowest bit says nothing).
    fn slot(&self, h: u64) -> (usize, u64) {
        let slot = (h >> 1) as usize & (self.held.len() * 64 - 1);
        (slot / 64, 1 << (slot % 64))
    }

    /// Can k-gram hash `h` be shared? (False only for k-grams that are not.)
    fn may_hold(&self, h: u64) -> bool {
        let (word, bit) = self.slot(h);
        self.held[word] & bit != 0
    }

    /// The id of k-gram hash `h`, if it is shared.
    fn id(&self, h: u64) -> Option<u32> {
        if !self.may_hold(h) {
            return None;
        }
        self.ids.get(&h).copied()
    }

    /// The id of each k-gram hash ([`NOT_SHARED`] for those held by too few).
    pub(super) fn ids(&self, hashes: &[u64]) -> Vec<u32> {
        hashes
            .iter()
            .map(|&h| self.id(h).unwrap_or(NOT_SHARED))
            .collect()
    }

    /// The position and id of each shared k-gram among `hashes`, ascending:
    /// a representative's shared k-grams without a slot for every character.
    pub(super) fn shared_at(&self, hashes: &[u64]) -> Vec<(u32, u32)> {
        hashes
            .iter()
            .enumerate()
            .filter_map(|(pos, &h)| Some((pos as u32, self.id(h)?)))
            .collect()
    }

    /// Number of shared k-grams.
    pub(super) fn len(&self) -> usize {
        self.counts.len()
    }

    /// How many groups hold the k-gram with id `id` (0 when it is not shared).
    pub(super) fn count(&self, id: u32) -> u32 {
        self.counts.get(id as usize).copied().unwrap_or(0)
    }
}

/// One pass of [`Shared::new`]: the counts of the shared k-grams whose top
/// bits fall in `parts`, ascending.
fn count_pass(lines: &Lines, min_docs: u32, parts: std::ops::Range<usize>) -> Vec<(u64, u32)> {
    let part = |h: u64| (h >> (64 - PARTITION_BITS)) as usize;
    // Without a branch: a pass keeps an unpredictable share of the k-grams.
    let mine = |h: u64| (h != NO_HASH) & (part(h) >= parts.start) & (part(h) < parts.end);
    // Each chunk of lines: every line's distinct k-grams with the line and
    // the number of its clusters, laid out by their top bits (a counting sort into one exact-size vector), so
    // each partition is then gathered from the chunks, sorted and counted on
    // its own (each fits in cache) without one vector growing to hold them all.
    let chunk = lines.len().div_ceil(64).max(1);
    let buckets: Vec<(Vec<Held>, Vec<usize>)> = (0..lines.len())
        .into_par_iter()
        .chunks(chunk)
        .map(|chunk| {
            let (mut all, mut v, mut table) = (Vec::new(), Vec::new(), Vec::new());
            for l in chunk {
                kgram_hashes_into(lines.text(l), PHRASE_K, &mut v);
                // Each k-gram is written, and kept by moving on.
                let mut kept = 0;
                for i in 0..v.len() {
                    let h = v[i];
                    v[kept] = h;
                    kept += mine(h) as usize;
                }
                v.truncate(kept);
                distinct(&mut v, &mut table);
                let n = lines.clusters(l).len() as u32;
                all.extend(v.iter().map(|&h| (h, l as u32, n)));
            }
            let offsets: Vec<usize> = buckets::starts(PARTITIONS, all.iter().map(|x| part(x.0)));
            let out = buckets::scatter(&offsets, all.iter().map(|&x| (part(x.0), x)), |_| ());
            (out, offsets)
        })
        .collect();
    let counted: Vec<Vec<(u64, u32)>> = parts
        .into_par_iter()
        .map_init(Vec::new, |union, p| {
            let size = buckets.iter().map(|(_, o)| o[p + 1] - o[p]).sum();
            let mut part = Vec::with_capacity(size);
            for (hs, o) in &buckets {
                part.extend_from_slice(&hs[o[p]..o[p + 1]]);
            }
            part.sort_unstable_by_key(|&(h, ..)| h);
            part.chunk_by(|a, b| a.0 == b.0)
                .filter_map(|run| {
                    let count = clusters_holding(lines, run, min_docs, union);
                    (count >= min_docs).then_some((run[0].0, count))
                })
                .collect()
        })
        .collect();
    counted.into_iter().flatten().collect()
}

/// A k-gram of a line: its hash, the line, and how many clusters hold the line.
type Held = (u64, u32, u32);

/// How many clusters hold a k-gram, given the distinct lines it is in
/// (`run`, one entry per line): the size of the union of their clusters, or
/// any number below `min_docs` when even their sum is below it.
fn clusters_holding(lines: &Lines, run: &[Held], min_docs: u32, union: &mut Vec<u32>) -> u32 {
    if let [(_, _, n)] = run {
        return *n;
    }
    let sum: usize = run.iter().map(|&(.., n)| n as usize).sum();
    if sum < min_docs as usize {
        return 0;
    }
    union.clear();
    for &(_, l, _) in run {
        union.extend_from_slice(lines.clusters(l as usize));
    }
    union.sort_unstable();
    union.dedup();
    union.len() as u32
}

/// Keep the first of each k-gram hash in `v` (none is [`NO_HASH`]), through
/// an open-addressed table (`table`, reused): a speech's k-grams are mostly
/// distinct, and finding so is cheaper than sorting them.
fn distinct(v: &mut Vec<u64>, table: &mut Vec<u64>) {
    let size = (2 * v.len()).next_power_of_two().max(16);
    table.clear();
    table.resize(size, NO_HASH);
    let mask = size - 1;
    let mut kept = 0;
    for i in 0..v.len() {
        let h = v[i];
        // (A k-gram hash is odd: its lowest bit says nothing.)
        let mut at = (h >> 1) as usize & mask;
        loop {
            let t = table[at];
            if t == NO_HASH {
                table[at] = h;
                v[kept] = h;
                kept += 1;
                break;
            }
            if t == h {
                break;
            }
            at = (at + 1) & mask;
        }
    }
    v.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::testing::Speeches;

    #[test]
    fn counts_are_those_of_counting_cluster_by_cluster_in_one_pass_or_many() {
        // A pool of 60 lines of 8 to 15 characters over three letters, so
        // that one k-gram is in many different lines; 200 speeches of five
        // lines from the pool, in clusters of three.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let pool: Vec<String> = (0..60)
            .map(|_| {
                (0..8 + next(8))
                    .map(|_| ['甲', '乙', '丙'][next(3) as usize])
                    .collect()
            })
            .collect();
        let speeches: Vec<Vec<&str>> = (0..200)
            .map(|_| (0..5).map(|_| pool[next(60) as usize].as_str()).collect())
            .collect();
        let groups: Vec<Vec<usize>> = (0..200)
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|c| c.to_vec())
            .collect();
        // Cluster by cluster: the k-grams of each line of its speeches, once.
        let mut want: FastMap<u64, u32> = FastMap::default();
        for members in &groups {
            let mut held: Vec<u64> = members
                .iter()
                .flat_map(|&d| &speeches[d])
                .flat_map(|l| {
                    crate::fingerprint::kgram_hashes(
                        &crate::normalize::normalize(l).chars,
                        PHRASE_K,
                    )
                })
                .collect();
            held.sort_unstable();
            held.dedup();
            for h in held {
                *want.entry(h).or_default() += 1;
            }
        }
        let min_docs = 12;
        let mut want: Vec<(u64, u32)> = want.into_iter().filter(|&(_, c)| c >= min_docs).collect();
        want.sort_unstable();
        let s = Speeches::new(&speeches);
        let counts = |shared: &Shared| {
            let mut v: Vec<(u64, u32)> = shared
                .ids
                .iter()
                .map(|(&h, &id)| (h, shared.count(id)))
                .collect();
            v.sort_unstable();
            v
        };
        let one = s.count(&groups, min_docs, usize::MAX);
        assert!(
            want.len() > 50 && want.len() < 6000,
            "some k-grams are shared, not all: {}",
            want.len()
        );
        assert_eq!(counts(&one), want);
        for (&h, &id) in &one.ids {
            assert_eq!(
                one.id(h),
                Some(id),
                "the held bits pass every shared k-gram"
            );
        }
        let unshared = (0..10_000u64).map(|i| i.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        let passed = unshared
            .filter(|h| !one.ids.contains_key(h))
            .filter(|&h| one.may_hold(h));
        assert!(
            passed.count() < 1_000,
            "most k-grams not shared stop at the held bits"
        );
        let all: Vec<u64> = (0..200).flat_map(|d| s.hashes(d)).collect();
        // Two passes, seven, and one per partition.
        let chars = s.lines(&groups).chars();
        assert!(chars > 300, "{chars}");
        for passes in [2, 7, chars] {
            let pass_kgrams = chars.div_ceil(passes);
            assert_eq!(
                crate::pass_ranges(chars, pass_kgrams, PARTITIONS).count(),
                passes.min(PARTITIONS)
            );
            let many = s.count(&groups, min_docs, pass_kgrams);
            assert_eq!(counts(&many), want, "passes of {pass_kgrams}");
            assert_eq!(many.ids(&all), one.ids(&all));
        }
    }

    #[test]
    fn distinct_keeps_the_first_of_each_in_order() {
        let mut table = Vec::new();
        // Odd hashes; the second list's share their low bits, so they
        // collide in the table and probe past one another.
        let spread: Vec<u64> = (0..500u64)
            .map(|i| ((i * 7919) % 131).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
            .collect();
        let colliding: Vec<u64> = (0..300u64).map(|i| ((i % 40) << 40) | 1).collect();
        for input in [spread, colliding, vec![], vec![5, 5, 5]] {
            let mut want: Vec<u64> = Vec::new();
            for &h in &input {
                if !want.contains(&h) {
                    want.push(h);
                }
            }
            let mut v = input.clone();
            distinct(&mut v, &mut table);
            assert_eq!(v, want);
        }
    }
}
