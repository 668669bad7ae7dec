//! Speeches → their weighted simhashes (word-bigram shingles weighted by idf).
//!
//! Each distinct paragraph is segmented once (copies, stock paragraphs and site
//! junk repeated across a collection cost nothing more). Each distinct shingle
//! gets a dense id, its rank in the [`Vocabulary`] of all shingles in hash
//! order, so document frequencies and weights live in small arrays rather than
//! a large map probed once per shingle of every speech.
//!
//! Memory: on a collection whose paragraphs are mostly distinct, the shingles
//! are most of what this stage holds. They are held once (each paragraph's
//! distinct shingles), the vocabulary is gathered from them in passes over
//! parts of the hash space, and a paragraph's shingles are let go as soon as
//! they are turned into ids.

use super::{shingles, simhash};
use crate::ingest::Document;
use crate::segment::Segmenter;
use rayon::prelude::*;

/// About how many shingles one pass of the vocabulary gathers (8 bytes each).
const PASS_SHINGLES: usize = 1 << 24;
/// Parts of the hash space (by the top 8 bits) that passes are made of.
const PARTS: usize = 256;
/// About how many shingles share one bucket of the vocabulary's index (one
/// cache line of hashes).
const PER_BUCKET: usize = 8;

/// Weighted simhash of every speech: word-bigram shingles (within paragraphs),
/// weighted by idf.
pub fn speech_simhashes(docs: &[Document], seg: &Segmenter) -> Vec<u64> {
    let texts: Vec<&str> = docs.iter().map(|d| d.text()).collect();
    let distinct = crate::segment::distinct_paragraphs(&texts);
    // Each speech's paragraphs as ids of the distinct ones.
    let mut doc_paras: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
    for (p, (_, ds)) in distinct.iter().enumerate() {
        for &d in ds {
            doc_paras[d].push(p as u32);
        }
    }
    let texts: Vec<&str> = distinct.into_iter().map(|(t, _)| t).collect();
    let para_shingles: Vec<Vec<u64>> = texts
        .par_iter()
        .map(|p| {
            let mut s = shingles(&seg.words(p));
            s.sort_unstable();
            s.dedup();
            s.shrink_to_fit();
            s
        })
        .collect();
    drop(texts);
    let vocab = Vocabulary::new(&para_shingles, PASS_SHINGLES);
    let para_ids: Vec<Vec<u32>> = para_shingles
        .into_par_iter()
        .map(|sh| sh.iter().map(|&h| vocab.rank(h)).collect())
        .collect();
    let hashes = vocab.hashes;
    // A speech's features: the union of its paragraphs' ids, each list
    // ascending, merged two by two.
    let feats: Vec<Vec<u32>> = doc_paras
        .par_iter()
        .map_init(<(Vec<u32>, Vec<u32>)>::default, |bufs, ps| {
            let lists: Vec<&[u32]> = ps.iter().map(|&p| &para_ids[p as usize][..]).collect();
            union(&lists, bufs)
        })
        .collect();
    drop(para_ids);
    let mut df = vec![0u32; hashes.len()];
    for &id in feats.iter().flatten() {
        df[id as usize] += 1;
    }
    let n = docs.len() as f32;
    let weights: Vec<f32> = df
        .iter()
        .map(|&c| ((n + 1.0) / (c.max(1) as f32)).ln() + 0.1)
        .collect();
    drop(df);
    // A speech's features are gathered first, in a loop of independent loads
    // (cache misses overlap), then summed.
    feats
        .par_iter()
        .map_init(Vec::new, |got, f| {
            got.clear();
            got.extend(f.iter().map(|&i| (hashes[i as usize], weights[i as usize])));
            simhash(got.iter().copied())
        })
        .collect()
}

/// The union of ascending lists without repeats, ascending: the lists are
/// laid end to end and neighbouring runs merged two by two, in time that
/// grows with the log of their number rather than of their length, as sorting
/// them together would. `bufs` are buffers the caller keeps; the union is
/// returned in a list of its own size.
fn union(lists: &[&[u32]], bufs: &mut (Vec<u32>, Vec<u32>)) -> Vec<u32> {
    let (cur, tmp) = bufs;
    cur.clear();
    let mut ends: Vec<usize> = Vec::with_capacity(lists.len());
    for l in lists.iter().filter(|l| !l.is_empty()) {
        cur.extend_from_slice(l);
        ends.push(cur.len());
    }
    while ends.len() > 1 {
        tmp.clear();
        let mut merged = Vec::with_capacity(ends.len().div_ceil(2));
        let mut start = 0;
        for pair in ends.chunks(2) {
            match *pair {
                [mid, end] => merge_into(&cur[start..mid], &cur[mid..end], tmp),
                [end] => tmp.extend_from_slice(&cur[start..end]),
                _ => unreachable!("chunks of two"),
            }
            start = pair[pair.len() - 1];
            merged.push(tmp.len());
        }
        std::mem::swap(cur, tmp);
        ends = merged;
    }
    cur.to_vec()
}

/// Append the union of ascending `a` and `b` (each without repeats) to `out`.
fn merge_into(a: &[u32], b: &[u32], out: &mut Vec<u32>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// Every distinct shingle of a collection, ascending, with an index that finds
/// a shingle's rank in about one cache line.
struct Vocabulary {
    hashes: Vec<u64>,
    /// `starts[b]..starts[b + 1]`: the shingles whose top `bits` bits are `b`.
    starts: Vec<u32>,
    bits: u32,
}

impl Vocabulary {
    /// The distinct shingles of `lists` (each ascending), gathered in passes
    /// of about `per_pass` shingles over parts of the hash space.
    fn new(lists: &[Vec<u64>], per_pass: usize) -> Vocabulary {
        let total = lists.iter().map(Vec::len).sum();
        let mut hashes: Vec<u64> = Vec::new();
        for parts in crate::pass_ranges(total, per_pass, PARTS) {
            let below =
                |part: usize| -> Option<u64> { (part < PARTS).then_some((part as u64) << 56) };
            let (lo, hi) = (below(parts.start).unwrap_or(0), below(parts.end));
            let mut pass: Vec<u64> = lists
                .par_iter()
                .flat_map_iter(|l| {
                    let from = l.partition_point(|&h| h < lo);
                    let to = hi.map_or(l.len(), |hi| l.partition_point(|&h| h < hi));
                    l[from..to].iter().copied()
                })
                .collect();
            pass.par_sort_unstable();
            pass.dedup();
            hashes.extend_from_slice(&pass);
        }
        hashes.shrink_to_fit();
        assert!(
            hashes.len() < u32::MAX as usize,
            "more distinct shingles than ids"
        );
        let bits = (hashes.len() / PER_BUCKET)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(1, 32);
        let starts = crate::buckets::starts(
            1 << bits,
            hashes.iter().map(|&h| (h >> (64 - bits)) as usize),
        );
        Vocabulary {
            hashes,
            starts,
            bits,
        }
    }

    /// The rank of shingle `h`, which is in the vocabulary.
    fn rank(&self, h: u64) -> u32 {
        let b = (h >> (64 - self.bits)) as usize;
        let (from, to) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        (from + self.hashes[from..to].partition_point(|&x| x < h)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_union_of_ascending_lists_is_their_sorted_distinct_ids() {
        let mut bufs = Default::default();
        for n in 0..40u32 {
            // n lists of up to 60 ids from a range that makes many repeats.
            let lists: Vec<Vec<u32>> = (0..n)
                .map(|i| {
                    let mut l: Vec<u32> = (0..(i * 7 + n) % 61)
                        .map(|j| (super::super::mix((i * 131 + j) as u64) % 300) as u32)
                        .collect();
                    l.sort_unstable();
                    l.dedup();
                    l
                })
                .collect();
            let refs: Vec<&[u32]> = lists.iter().map(|l| &l[..]).collect();
            let mut want: Vec<u32> = lists.iter().flatten().copied().collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(union(&refs, &mut bufs), want, "{n} lists");
        }
    }

    #[test]
    fn the_vocabulary_is_every_shingle_once_in_order_in_any_number_of_passes() {
        let lists: Vec<Vec<u64>> = (0..300u64)
            .map(|i| {
                let mut l: Vec<u64> = (0..i % 37)
                    .map(|j| super::super::mix(i * 7 % 50 + j * 1000))
                    .chain([0, u64::MAX, 1 << 56, (1 << 56) - 1])
                    .collect();
                l.sort_unstable();
                l.dedup();
                l
            })
            .collect();
        let mut want: Vec<u64> = lists.iter().flatten().copied().collect();
        want.sort_unstable();
        want.dedup();
        for per_pass in [1, 100, 1000, usize::MAX] {
            let v = Vocabulary::new(&lists, per_pass);
            assert_eq!(v.hashes, want, "per pass {per_pass}");
            for (i, &h) in want.iter().enumerate() {
                assert_eq!(v.rank(h) as usize, i, "per pass {per_pass}");
            }
        }
        let none = Vocabulary::new(&[], 10);
        assert!(none.hashes.is_empty());
    }
}
