//! Querying an index with a draft's k-grams: which speeches share them (with
//! the draft positions they share), and which are k-grams of stock phrases.
//! Every distinct k-gram is looked up once, in hash order (the order of the
//! index), and posting lists are read where they lie, not copied.

use super::{Index, HASHES, HASH_DIR, OFFSETS, POSTINGS};
use crate::error::Result;
use crate::fingerprint::NO_HASH;

/// The document ids holding one print, as they lie in the index (ascending).
#[derive(Debug, Clone, Copy, Default)]
pub struct PostingList<'a>(&'a [u8]);

impl<'a> PostingList<'a> {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// True when no document holds the print (or too many do).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The document ids.
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        let b: &'a [u8] = self.0;
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
    }
}

/// A speech that shares prints with a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The speech.
    pub doc: u32,
    /// Draft positions of the shared k-grams (ascending, repeated when the
    /// draft repeats a k-gram); their number is the speech's vote.
    pub hits: Vec<u32>,
}

/// `(hash, position)` of every k-gram of `hashes` but masked ones, sorted.
fn by_hash(hashes: &[u64]) -> Vec<(u64, u32)> {
    let mut order: Vec<(u64, u32)> = hashes
        .iter()
        .enumerate()
        .filter(|&(_, &h)| h != NO_HASH)
        .map(|(i, &h)| (h, i as u32))
        .collect();
    order.sort_unstable();
    order
}

impl Index {
    /// [`Index::postings`] without copying: the list as it lies in the index,
    /// verified, every document id checked.
    pub fn posting_list(&self, h: u64, max_docs: usize) -> Result<PostingList<'_>> {
        let Some(at) = self.find(HASHES, HASH_DIR, h)? else {
            return Ok(PostingList(&[]));
        };
        let (from, to) = (
            self.u32_at(OFFSETS, at)? as usize,
            self.u32_at(OFFSETS, at + 1)? as usize,
        );
        if from > to {
            return Err(self.damaged("posting offsets"));
        }
        if to - from > max_docs {
            return Ok(PostingList(&[]));
        }
        let list = PostingList(self.read(POSTINGS, from * 4..to * 4)?);
        if list.iter().any(|d| d as usize >= self.docs) {
            return Err(self.damaged("posting document id"));
        }
        Ok(list)
    }

    /// The speeches holding at least `min_hits` of the k-grams `hashes` (one
    /// per draft position), most hits first (ties by id), at most `max`; prints
    /// held by more than `max_df` speeches do not count, nor does `exclude`.
    pub fn candidates(
        &self,
        hashes: &[u64],
        max_df: usize,
        min_hits: usize,
        max: usize,
        exclude: Option<usize>,
    ) -> Result<Vec<Candidate>> {
        let order = by_hash(hashes);
        let mut lists: Vec<(PostingList, &[(u64, u32)])> = Vec::new();
        let mut votes = vec![0u32; self.len()];
        for same in order.chunk_by(|x, y| x.0 == y.0) {
            let list = self.posting_list(same[0].0, max_df)?;
            if !list.is_empty() {
                for d in list.iter() {
                    votes[d as usize] += same.len() as u32;
                }
                lists.push((list, same));
            }
        }
        if let Some(x) = exclude.filter(|&x| x < votes.len()) {
            votes[x] = 0;
        }
        let mut ranked: Vec<(u32, u32)> = votes
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v as usize >= min_hits.max(1))
            .map(|(d, &v)| (v, d as u32))
            .collect();
        ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        ranked.truncate(max);
        // Slot of each candidate, by document (0: not a candidate).
        let mut slot = votes;
        slot.fill(0);
        for (k, &(_, d)) in ranked.iter().enumerate() {
            slot[d as usize] = k as u32 + 1;
        }
        let mut cands: Vec<Candidate> = ranked
            .iter()
            .map(|&(v, doc)| Candidate {
                doc,
                hits: Vec::with_capacity(v as usize),
            })
            .collect();
        for (list, same) in &lists {
            for d in list.iter() {
                if let Some(k) = (slot[d as usize] as usize).checked_sub(1) {
                    cands[k].hits.extend(same.iter().map(|p| p.1));
                }
            }
        }
        for c in &mut cands {
            c.hits.sort_unstable();
        }
        Ok(cands)
    }

    /// Positions of `hashes` (k-grams of a draft) that are k-grams of a stock
    /// phrase.
    pub fn phrase_positions(&self, hashes: &[u64]) -> Result<Vec<usize>> {
        let order: Vec<(u64, u32)> = by_hash(hashes);
        let mut out = Vec::new();
        for same in order.chunk_by(|x, y| x.0 == y.0) {
            if self.is_phrase_gram(same[0].0)? {
                out.extend(same.iter().map(|p| p.1 as usize));
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}
