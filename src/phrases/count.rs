//! Counting k-grams across speeches, and finding where the shared ones are.
//!
//! A k-gram's count is the number of distinct clusters (copies of one speech
//! count once) whose speeches hold it. Every cluster's distinct k-grams are
//! laid out by their top bits; each of those partitions is sorted and counted
//! as runs; only the k-grams held by at least `min_docs` clusters are kept. A
//! large corpus is counted in passes over parts of the hash space, each
//! hashing the speeches again, so the count never holds every k-gram at once.
//! Their positions in the representatives are indexed in one flat table
//! (compressed rows: one slice per k-gram), so a phrase is located through its
//! rarest k-gram in time proportional to where that k-gram occurs.

use crate::fingerprint::{kgram_hashes_into, NO_HASH};
use crate::normalize::Normalized;
use crate::FastMap;
use rayon::prelude::*;

use super::PHRASE_K;

/// Partitions of the k-gram count, by the top bits of the hash.
const PARTITION_BITS: u32 = 8;
const PARTITIONS: usize = 1 << PARTITION_BITS;
/// About how many k-grams one counting pass holds (8 bytes each): a corpus of
/// more characters is counted in passes.
pub(super) const PASS_KGRAMS: usize = 1 << 26;

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
    /// Count the k-grams of `groups` (each a list of speeches that are one
    /// speech), keeping those held by at least `min_docs` groups. `kgrams`,
    /// about how many k-grams the groups hold, sets how many passes the count
    /// takes: each pass hashes every speech again but keeps only its share of
    /// the hash space, so its buffers stay near `pass_kgrams` k-grams.
    pub(super) fn new(
        groups: &[Vec<usize>],
        hashes_of: HashesOf,
        min_docs: u32,
        kgrams: usize,
        pass_kgrams: usize,
    ) -> Shared {
        Shared::from_counts(
            crate::pass_ranges(kgrams, pass_kgrams, PARTITIONS)
                .flat_map(|parts| count_pass(groups, hashes_of, min_docs, parts)),
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

    /// How many groups hold the k-gram with id `id` (0 when it is not shared).
    pub(super) fn count(&self, id: u32) -> u32 {
        self.counts.get(id as usize).copied().unwrap_or(0)
    }
}

/// One pass of [`Shared::new`]: the counts of the shared k-grams whose top
/// bits fall in `parts`, ascending.
fn count_pass(
    groups: &[Vec<usize>],
    hashes_of: HashesOf,
    min_docs: u32,
    parts: std::ops::Range<usize>,
) -> Vec<(u64, u32)> {
    let part = |h: u64| (h >> (64 - PARTITION_BITS)) as usize;
    // Without a branch: a pass keeps an unpredictable share of the k-grams.
    let mine = |h: u64| (h != NO_HASH) & (part(h) >= parts.start) & (part(h) < parts.end);
    // Each chunk of groups: every group's distinct k-grams, laid out by
    // their top bits (a counting sort into one exact-size vector), so each
    // partition is then gathered from the chunks, sorted and counted on its
    // own (each fits in cache) without one vector growing to hold them all.
    let chunk = groups.len().div_ceil(64).max(1);
    let buckets: Vec<(Vec<u64>, Vec<usize>)> = groups
        .par_chunks(chunk)
        .map(|chunk| {
            let (mut all, mut v, mut hashes, mut table) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for members in chunk {
                v.clear();
                for &d in members {
                    hashes_of(d, &mut hashes);
                    // Each k-gram is written, and kept by moving on.
                    let at = v.len();
                    v.resize(at + hashes.len(), 0);
                    let mut kept = at;
                    for &h in &hashes {
                        v[kept] = h;
                        kept += mine(h) as usize;
                    }
                    v.truncate(kept);
                }
                distinct(&mut v, &mut table);
                all.extend_from_slice(&v);
            }
            let mut offsets = vec![0usize; PARTITIONS + 1];
            for &h in &all {
                offsets[part(h) + 1] += 1;
            }
            for i in 1..offsets.len() {
                offsets[i] += offsets[i - 1];
            }
            let mut fill = offsets.clone();
            let mut out = vec![0u64; all.len()];
            for &h in &all {
                out[fill[part(h)]] = h;
                fill[part(h)] += 1;
            }
            (out, offsets)
        })
        .collect();
    let counted: Vec<Vec<(u64, u32)>> = parts
        .into_par_iter()
        .map(|p| {
            let size = buckets.iter().map(|(_, o)| o[p + 1] - o[p]).sum();
            let mut part = Vec::with_capacity(size);
            for (hs, o) in &buckets {
                part.extend_from_slice(&hs[o[p]..o[p + 1]]);
            }
            part.sort_unstable();
            part.chunk_by(|a, b| a == b)
                .filter(|run| run.len() as u32 >= min_docs)
                .map(|run| (run[0], run.len() as u32))
                .collect()
        })
        .collect();
    counted.into_iter().flatten().collect()
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

/// Where each shared k-gram starts in the representatives, as `(document,
/// position)`, ascending.
pub(super) struct Positions {
    offsets: Vec<u32>,
    at: Vec<(u32, u32)>,
}

impl Positions {
    /// Index the shared k-grams of each representative `reps[i]`, given as
    /// `(position, id)` in `rows[i]`.
    pub(super) fn new(shared: &Shared, reps: &[usize], rows: &[Vec<(u32, u32)>]) -> Positions {
        let mut offsets = vec![0u32; shared.counts.len() + 1];
        for &(_, id) in rows.iter().flatten() {
            offsets[id as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut at = vec![(0u32, 0u32); offsets[offsets.len() - 1] as usize];
        for (&d, row) in reps.iter().zip(rows) {
            for &(pos, id) in row {
                at[fill[id as usize] as usize] = (d as u32, pos);
                fill[id as usize] += 1;
            }
        }
        Positions { offsets, at }
    }

    /// Where the k-gram with id `id` starts (nowhere if it is not shared).
    pub(super) fn of(&self, id: u32) -> &[(u32, u32)] {
        match self.offsets.get(id as usize + 1) {
            Some(&end) => &self.at[self.offsets[id as usize] as usize..end as usize],
            None => &[],
        }
    }
}

/// The k-gram hashes of one speech, written into a buffer (cleared first).
pub(super) type HashesOf<'a> = &'a (dyn Fn(usize, &mut Vec<u64>) + Sync);

/// k-gram hashes where windows that cross a line break never match, into `h`
/// (cleared first).
pub(super) fn line_bounded_hashes(text: &str, n: &Normalized, h: &mut Vec<u64>) {
    kgram_hashes_into(&n.chars, PHRASE_K, h);
    // A line break sits between two characters (never inside one's input):
    // the windows that hold both are cut.
    for (at, _) in text.match_indices('\n') {
        let i = n.starting_before(at);
        if i == 0 || i == n.len() {
            continue;
        }
        for s in i.saturating_sub(PHRASE_K - 1)..i {
            if let Some(x) = h.get_mut(s) {
                *x = NO_HASH;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_count_once_and_positions_list_every_start() {
        // Speeches 0 and 1 are one speech; 2 and 3 stand alone.
        let hashes = [vec![5, 7, 9], vec![5, 7], vec![7, 9, 7], vec![11, 9]];
        let groups = vec![vec![0, 1], vec![2], vec![3]];
        let hashes_of = |d: usize, out: &mut Vec<u64>| {
            out.clear();
            out.extend_from_slice(&hashes[d]);
        };
        let shared = Shared::new(&groups, &hashes_of, 2, 8, 1 << 20);
        let id = |h: u64| shared.ids(&[h])[0];
        assert_eq!(
            shared.count(id(7)),
            2,
            "held by the first pair once and by 2"
        );
        assert_eq!(shared.count(id(9)), 3);
        assert_eq!(id(5), NOT_SHARED, "only in the copies of one speech");
        assert_eq!(shared.count(id(5)), 0);
        assert_eq!(id(11), NOT_SHARED);
        let reps = [0, 2, 3];
        let rows: Vec<Vec<(u32, u32)>> =
            reps.iter().map(|&d| shared.shared_at(&hashes[d])).collect();
        assert_eq!(rows[1], [(0, id(7)), (1, id(9)), (2, id(7))]);
        let pos = Positions::new(&shared, &reps, &rows);
        assert_eq!(pos.of(id(7)), [(0, 1), (2, 0), (2, 2)]);
        assert_eq!(pos.of(id(9)), [(0, 2), (2, 1), (3, 1)]);
        assert!(pos.of(NOT_SHARED).is_empty());
    }

    #[test]
    fn counts_and_ids_are_the_same_in_one_pass_or_many() {
        // 200 speeches of 50 k-grams from a pool of 400, in groups of three.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let hashes: Vec<Vec<u64>> = (0..200)
            .map(|_| {
                (0..50)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x % 400 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    })
                    .collect()
            })
            .collect();
        let groups: Vec<Vec<usize>> = (0..200)
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|c| c.to_vec())
            .collect();
        let hashes_of = |d: usize, out: &mut Vec<u64>| {
            out.clear();
            out.extend_from_slice(&hashes[d]);
        };
        let count = |pass_kgrams| Shared::new(&groups, &hashes_of, 3, 10_000, pass_kgrams);
        let one = count(usize::MAX);
        assert!(one.counts.len() > 100, "most of the pool is shared");
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
        let all: Vec<u64> = hashes.iter().flatten().copied().collect();
        // 2 passes, 7, and one per partition.
        for pass_kgrams in [5_000, 1_500, 1] {
            let many = count(pass_kgrams);
            assert_eq!(many.counts, one.counts, "passes of {pass_kgrams}");
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

    #[test]
    fn windows_across_a_line_break_never_match() {
        let text = "\n甲乙丙丁戊己庚辛。\r\n\n壬癸子丑寅卯辰巳\n";
        let n = crate::normalize::normalize(text);
        let mut h = Vec::new();
        line_bounded_hashes(text, &n, &mut h);
        assert_eq!(h.len(), 16 - PHRASE_K + 1);
        // Windows 1..=7 hold characters of both lines; 0 and 8 one line each.
        let cut: Vec<usize> = (0..h.len()).filter(|&i| h[i] == NO_HASH).collect();
        assert_eq!(cut, (1..PHRASE_K).collect::<Vec<_>>());
        assert_eq!(
            h[0],
            crate::fingerprint::kgram_hashes(&n.chars, PHRASE_K)[0]
        );
    }
}
