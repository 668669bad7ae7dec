//! A draft and an [`Index`] of a corpus → what the draft copies, from where (查重).
//!
//! Every character k-gram of the draft is looked up in the index's postings;
//! the speeches it hits are candidates, ranked by their hits, and are aligned
//! with the draft best first (seed, extend, chain: see [`crate::align`]), so
//! copying survives masks, punctuation and width changes, changed characters,
//! deleted or reordered sentences, split or merged paragraphs and Traditional
//! script. A candidate whose hits all lie in draft text that better sources
//! already cover cannot add copied text and is not aligned: a passage held by
//! ten speeches is traced to the one that shares most with the draft, and the
//! budget of aligned sources goes to the draft's other passages, however far
//! down the ranking their sources are. A passage is boilerplate when most of
//! it is a stock phrase of the corpus (or of the user's allowlist);
//! boilerplate is shown but not counted in 去除套话复制比.
//!
//! Ratios count characters the way 查重 services do: letters and digits only
//! (a mask `xx` counts as the two letters it is made of, `**` as nothing).

use crate::align::{chain, extend_ends, grow, AlignParams, Block, Chain, Covered};
use crate::error::Result;
use crate::fingerprint::{kgram_hashes, NO_HASH};
use crate::ingest::Corpus;
use crate::normalize::{normalize, Normalized};
use crate::report::{DraftReport, FoundPassage, FoundSource};
use crate::scan::round;
use crate::store::{corpus_docs, doc_prints, encode_parts, Candidate, Index, IndexData, PRINT_K};
use rayon::prelude::*;

/// Tuning of a check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Alignment.
    pub align: AlignParams,
    /// Most source speeches aligned per draft.
    pub max_sources: usize,
    /// Most candidate speeches considered per draft (by votes), of which those
    /// that can add copied text are aligned.
    pub max_candidates: usize,
    /// Prints held by more speeches than this do not vote for sources.
    pub max_df: usize,
    /// Phrases the user declares boilerplate (one per entry).
    pub allowlist: Vec<String>,
    /// Share of a passage that must be stock phrase for the passage to be boilerplate.
    pub boilerplate_share: f64,
    /// A speech of the index never taken as a source (the draft itself, when a
    /// document set is checked against one index of the whole set).
    pub exclude: Option<usize>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            align: AlignParams::default(),
            max_sources: 40,
            max_candidates: 1000,
            max_df: 1000,
            allowlist: Vec::new(),
            boilerplate_share: 0.8,
            exclude: None,
        }
    }
}

/// Fewest speeches a stock phrase must be used by to count as boilerplate in a check.
pub const BOILERPLATE_MIN_DOCS: usize = 3;

/// Candidates aligned together (in parallel) before the next ones are tested
/// against what they cover. A constant, so the result is the same on any
/// number of threads.
const BATCH: usize = 4;

/// Fewest hits for a speech to be a candidate.
const MIN_HITS: usize = 2;

/// Everything an index of `corpus` holds: its speeches and the k-grams of its stock phrases.
pub fn index_data(corpus: &Corpus) -> IndexData {
    let mut data = IndexData::from_corpus(corpus);
    data.phrase_grams = normalize_and_mine(corpus).1;
    data
}

/// The index file of `corpus` ([`crate::store::encode`] of [`index_data`],
/// with every speech normalised once and its text not copied).
pub fn index_bytes(corpus: &Corpus) -> Vec<u8> {
    let (norms, grams) = normalize_and_mine(corpus);
    let prints: Vec<Vec<u64>> = norms.par_iter().map(doc_prints).collect();
    drop(norms);
    encode_parts(&corpus_docs(corpus), prints, &grams)
}

/// Every speech normalised, and the k-grams of the corpus's stock phrases.
fn normalize_and_mine(corpus: &Corpus) -> (Vec<Normalized>, Vec<u64>) {
    let docs = &corpus.documents;
    let norms: Vec<Normalized> = docs.par_iter().map(|d| normalize(d.text())).collect();
    let refs: Vec<&Normalized> = norms.iter().collect();
    let grams = crate::phrases::stock_grams(docs, &refs, BOILERPLATE_MIN_DOCS);
    (norms, grams)
}

/// Check one draft against an index.
pub fn check_draft(
    source: &str,
    text: &str,
    index: &Index,
    opts: &CheckOptions,
) -> Result<DraftReport> {
    let norm = normalize(text);
    let hashes = kgram_hashes(&norm.chars, PRINT_K);
    let cands = index.candidates(
        &hashes,
        opts.max_df,
        MIN_HITS,
        opts.max_candidates,
        opts.exclude,
    )?;
    let seeds = Seeds::new(&norm.chars, opts.align.k);
    let align_one = |c: &Candidate| -> Result<Option<FoundSource>> {
        let doc = index.doc_ref(c.doc as usize)?;
        let snorm = normalize(doc.text);
        let chains = seeds.align(&norm.chars, &snorm.chars, &opts.align);
        if chains.is_empty() {
            return Ok(None);
        }
        let passages = chains
            .iter()
            .map(|ch| {
                let (ra, rb) = (ch.a_range(), ch.b_range());
                FoundPassage {
                    draft: norm.byte_range(ra.start, ra.end),
                    source: snorm.byte_range(rb.start, rb.end),
                    similarity: round(ch.matched as f64 / ra.len().max(rb.len()).max(1) as f64),
                    boilerplate: false,
                    chars: ra,
                }
            })
            .collect();
        Ok(Some(FoundSource::new(c.doc as usize, doc, passages)))
    };
    let align_all = |batch: &[&Candidate]| -> Result<Vec<FoundSource>> {
        let found = batch.par_iter().map(|c| align_one(c));
        Ok(found
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect())
    };
    // Best candidates first, a batch at a time: a candidate is aligned only
    // when one of its hits reaches draft text not yet covered. Then, while the
    // budget lasts, those passed over that have the very hits of one aligned:
    // the index cannot tell them apart, so they are listed alike.
    let mut covered = vec![false; norm.len()];
    let mut found: Vec<FoundSource> = Vec::new();
    let (mut chosen, mut twins): (Vec<&Candidate>, Vec<&Candidate>) = Default::default();
    let mut next = 0;
    while next < cands.len() && chosen.len() < opts.max_sources {
        let from = chosen.len();
        while next < cands.len() && chosen.len() - from < BATCH && chosen.len() < opts.max_sources {
            let c = &cands[next];
            next += 1;
            let window = |&i: &u32| &covered[i as usize..i as usize + PRINT_K];
            if c.hits.iter().any(|i| window(i).contains(&false)) {
                chosen.push(c);
            } else if chosen.iter().any(|a| a.hits == c.hits) {
                twins.push(c);
            }
        }
        found.extend(align_all(&chosen[from..])?);
        found
            .iter()
            .flat_map(|f| &f.passages)
            .for_each(|p| covered[p.chars.clone()].fill(true));
    }
    twins.truncate(opts.max_sources - chosen.len());
    found.extend(align_all(&twins)?);
    found
        .iter()
        .flat_map(|f| &f.passages)
        .for_each(|p| covered[p.chars.clone()].fill(true));
    let boiler = boilerplate_mask(&norm, &hashes, &covered, index, &opts.allowlist)?;
    for p in found.iter_mut().flat_map(|f| f.passages.iter_mut()) {
        let n = p.chars.len().max(1);
        let stock = boiler[p.chars.clone()].iter().filter(|&&b| b).count();
        p.boilerplate = stock as f64 >= opts.boilerplate_share * n as f64;
    }
    Ok(DraftReport::assemble(source, text, &norm, &found))
}

/// The draft's k-grams (k = the aligner's seed length), built once per draft;
/// each source streams its k-grams through this table, so aligning a source
/// builds no map of its own. Finds the maximal exact matches
/// [`crate::align::mems`] finds, in a different order.
struct Seeds {
    /// Open addressing: entry + 1, or 0 for an empty slot.
    slots: Vec<u32>,
    /// Entry → k-gram hash.
    keys: Vec<u64>,
    /// Entry → its draft positions, `pos[starts[e]..starts[e + 1]]`.
    starts: Vec<u32>,
    pos: Vec<u32>,
}

impl Seeds {
    fn new(chars: &[char], k: usize) -> Seeds {
        let mut pairs: Vec<(u64, u32)> = kgram_hashes(chars, k)
            .into_iter()
            .enumerate()
            .filter(|&(_, h)| h != NO_HASH)
            .map(|(i, h)| (h, i as u32))
            .collect();
        pairs.sort_unstable();
        let (mut keys, mut starts) = (Vec::new(), Vec::new());
        let mut pos = Vec::with_capacity(pairs.len());
        for (h, i) in pairs {
            if keys.last() != Some(&h) {
                keys.push(h);
                starts.push(pos.len() as u32);
            }
            pos.push(i);
        }
        starts.push(pos.len() as u32);
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        for (e, &h) in keys.iter().enumerate() {
            let mut s = Self::home(h, cap);
            while slots[s] != 0 {
                s = (s + 1) & (cap - 1);
            }
            slots[s] = e as u32 + 1;
        }
        Seeds {
            slots,
            keys,
            starts,
            pos,
        }
    }

    /// First slot of `h` (hashes are odd: the low bit carries nothing).
    fn home(h: u64, cap: usize) -> usize {
        (h >> 1) as usize & (cap - 1)
    }

    fn find(&self, h: u64) -> Option<usize> {
        let cap = self.slots.len();
        let mut s = Self::home(h, cap);
        loop {
            let e = self.slots[s] as usize;
            if e == 0 {
                return None;
            }
            if self.keys[e - 1] == h {
                return Some(e - 1);
            }
            s = (s + 1) & (cap - 1);
        }
    }

    /// Maximal exact matches of the draft `a` (this table's text) and `b`,
    /// seeded by shared k-grams that occur at most `p.max_occ` times in `b`;
    /// sorted by position in `a`, then `b`.
    fn mems(&self, a: &[char], b: &[char], p: &AlignParams) -> Vec<Block> {
        let mut hits: Vec<(u32, u32)> = kgram_hashes(b, p.k)
            .into_iter()
            .enumerate()
            .filter(|&(_, h)| h != NO_HASH)
            .filter_map(|(j, h)| Some((self.find(h)? as u32, j as u32)))
            .collect();
        hits.sort_unstable();
        let mut seeds: Vec<(i64, u32, u32)> = Vec::new();
        for group in hits.chunk_by(|x, y| x.0 == y.0) {
            if group.len() > p.max_occ {
                continue;
            }
            let e = group[0].0 as usize;
            for &i in &self.pos[self.starts[e] as usize..self.starts[e + 1] as usize] {
                seeds.extend(group.iter().map(|&(_, j)| (j as i64 - i as i64, i, j)));
            }
        }
        seeds.sort_unstable();
        let mut out = Vec::new();
        let (mut diag, mut reach) = (i64::MIN, 0usize);
        for &(d, i, j) in &seeds {
            if d != diag {
                (diag, reach) = (d, 0);
            } else if (i as usize) < reach {
                continue; // inside the match found on this diagonal
            }
            let Some((block, end)) = grow(a, b, i as usize, j as usize, p.k) else {
                continue; // hash collision
            };
            reach = end;
            out.push(block);
        }
        out.sort_unstable_by_key(|m| (m.a, m.b));
        out.dedup();
        out
    }

    /// The shared passages of the draft `a` and `b`, as [`crate::align::align`]
    /// finds them, with their ends grown by [`extend_ends`]. A chain that
    /// overlaps a better one in `a` is dropped whole by [`chain`], even when
    /// only a stray match at its start overlaps; so the matches outside every
    /// passage are chained again, and chains that fit are kept.
    fn align(&self, a: &[char], b: &[char], p: &AlignParams) -> Vec<Chain> {
        let mut rest = self.mems(a, b, p);
        let mut chains: Vec<Chain> = Vec::new();
        let mut taken = Covered::default();
        while !rest.is_empty() {
            let before = chains.len();
            // Best chains first. A chain may lie in draft text a better one
            // bridged (a sentence moved there), but never on text it covers.
            let mut found = chain(a, b, &rest, p);
            found.sort_by(|x, y| {
                y.matched
                    .cmp(&x.matched)
                    .then(x.a_range().start.cmp(&y.a_range().start))
            });
            for c in found {
                if !c.a_spans.iter().any(|r| taken.overlaps(r)) {
                    c.a_spans.iter().for_each(|r| taken.insert(r));
                    chains.push(c);
                }
            }
            if chains.len() == before {
                break;
            }
            rest.retain(|m| !taken.overlaps(&(m.a as usize..(m.a + m.len) as usize)));
        }
        chains.sort_by_key(|c| (c.a_range().start, c.b_range().start));
        for c in &mut chains {
            extend_ends(a, b, c);
        }
        chains
    }
}

/// Which draft characters lie in a stock phrase of the corpus or an allowlisted
/// phrase; only k-grams that reach into `covered` characters are looked up.
fn boilerplate_mask(
    norm: &Normalized,
    hashes: &[u64],
    covered: &[bool],
    index: &Index,
    allowlist: &[String],
) -> Result<Vec<bool>> {
    let mut mask = vec![false; norm.len()];
    // Only k-grams that reach a covered character matter.
    let mut next_covered = vec![norm.len(); norm.len() + 1];
    for i in (0..norm.len()).rev() {
        next_covered[i] = if covered[i] { i } else { next_covered[i + 1] };
    }
    for i in index.phrase_positions(hashes, |i| next_covered[i] < i + PRINT_K)? {
        mask[i..i + PRINT_K].fill(true);
    }
    for phrase in allowlist {
        let p = normalize(phrase).chars;
        if p.is_empty() {
            continue;
        }
        for (i, win) in norm.chars.windows(p.len()).enumerate() {
            if win == &p[..] {
                mask[i..i + p.len()].fill(true);
            }
        }
    }
    Ok(mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::mems;
    use crate::fingerprint::mix;
    use crate::normalize::MASK;

    /// Texts over a small alphabet with masks, so repeats, collisions of
    /// diagonals and masks all occur.
    fn text(seed: u64, n: usize) -> Vec<char> {
        (0..n as u64)
            .map(|i| match mix(seed ^ i.wrapping_mul(0x9e37)) % 9 {
                0 => MASK,
                x => ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'][x as usize - 1],
            })
            .collect()
    }

    #[test]
    fn seed_table_finds_the_mems_the_aligner_finds() {
        let p = AlignParams {
            k: 3,
            ..AlignParams::default()
        };
        for seed in 0..200u64 {
            let a = text(seed, 20 + (seed as usize * 7) % 300);
            let mut b = text(seed + 1000, 10 + (seed as usize * 13) % 200);
            // b copies a stretch of a, so long matches occur too.
            let from = (seed as usize * 3) % a.len();
            b.extend_from_slice(&a[from..a.len().min(from + 60)]);
            let table = Seeds::new(&a, p.k);
            assert_eq!(table.mems(&a, &b, &p), mems(&a, &b, &p), "seed {seed}");
        }
    }
}
