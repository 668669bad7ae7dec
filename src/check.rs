//! A draft and an [`Index`] of a corpus → what the draft copies, from where (查重).
//!
//! Every character k-gram of the draft is looked up in the index's postings;
//! the speeches it hits most are aligned with the draft (seed, extend, chain:
//! see [`crate::align`]), so copying survives masks, punctuation and width
//! changes, changed characters, deleted or reordered sentences, split or merged
//! paragraphs and Traditional script. A passage is boilerplate when most of it
//! is a stock phrase of the corpus (or of the user's allowlist); boilerplate is
//! shown but not counted in 去除套话复制比.
//!
//! Ratios count characters the way 查重 services do: letters and digits only
//! (a mask `xx` counts as the two letters it is made of, `**` as nothing).

use crate::align::{align, extend_ends, AlignParams, Chain};
use crate::error::Result;
use crate::fingerprint::{kgram_hashes, NO_HASH};
use crate::ingest::Corpus;
use crate::normalize::{normalize, Normalized};
use crate::report::{
    DraftInfo, DraftReport, DraftSpan, MatchEntry, ParagraphEntry, SourceEntry, SourceSpan,
};
use crate::scan::round;
use crate::segment::paragraphs;
use crate::store::{Index, IndexData, IndexedDoc, PRINT_K};
use crate::FastMap;
use rayon::prelude::*;
use std::ops::Range;

/// Tuning of a check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Alignment.
    pub align: AlignParams,
    /// Most source speeches aligned per draft.
    pub max_sources: usize,
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
            max_df: 1000,
            allowlist: Vec::new(),
            boilerplate_share: 0.8,
            exclude: None,
        }
    }
}

/// Fewest speeches a stock phrase must be used by to count as boilerplate in a check.
pub const BOILERPLATE_MIN_DOCS: usize = 3;

/// Everything an index of `corpus` holds: its speeches and the k-grams of its stock phrases.
pub fn index_data(corpus: &Corpus) -> IndexData {
    let mut data = IndexData::from_corpus(corpus);
    let norms: Vec<Normalized> = corpus
        .documents
        .par_iter()
        .map(|d| normalize(d.text()))
        .collect();
    let refs: Vec<&Normalized> = norms.iter().collect();
    data.phrase_grams = crate::phrases::stock_grams(&corpus.documents, &refs, BOILERPLATE_MIN_DOCS);
    data
}

/// Letters and digits of the original text behind each normalised character.
fn weights(text: &str, n: &Normalized) -> Vec<u32> {
    (0..n.len())
        .map(|i| {
            text[n.starts[i] as usize..n.ends[i] as usize]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count() as u32
        })
        .collect()
}

struct Found {
    doc: usize,
    meta: IndexedDoc,
    norm: Normalized,
    chains: Vec<Chain>,
}

/// Check one draft against an index.
pub fn check_draft(
    source: &str,
    text: &str,
    index: &Index,
    opts: &CheckOptions,
) -> Result<DraftReport> {
    let norm = normalize(text);
    let w = weights(text, &norm);
    let total: u64 = w.iter().map(|&x| x as u64).sum();
    let hashes = kgram_hashes(&norm.chars, PRINT_K);
    let mut hits: FastMap<u32, u32> = FastMap::default();
    for &h in &hashes {
        if h != NO_HASH {
            for d in index.postings(h, opts.max_df)? {
                *hits.entry(d).or_default() += 1;
            }
        }
    }
    let mut cands: Vec<(u32, u32)> = hits
        .into_iter()
        .filter(|&(d, n)| n >= 2 && Some(d as usize) != opts.exclude)
        .collect();
    cands.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    cands.truncate(opts.max_sources);
    let found: Vec<Found> = cands
        .par_iter()
        .map(|&(d, _)| {
            let meta = index.doc(d as usize)?;
            let snorm = normalize(&meta.text);
            let mut chains = align(&norm.chars, &snorm.chars, &opts.align);
            for c in &mut chains {
                extend_ends(&norm.chars, &snorm.chars, c);
            }
            Ok(Found {
                doc: d as usize,
                meta,
                norm: snorm,
                chains,
            })
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|f| !f.chains.is_empty())
        .collect();
    let boiler = boilerplate_mask(&norm, &hashes, index, &opts.allowlist)?;
    let is_boiler = |c: &Chain| {
        let r = c.a_range();
        let n = r.len().max(1);
        boiler[r].iter().filter(|&&b| b).count() as f64 >= opts.boilerplate_share * n as f64
    };
    let weight_of = |spans: &mut dyn Iterator<Item = Range<usize>>| -> u64 {
        let mut mark = vec![false; norm.len()];
        for r in spans {
            mark[r].iter_mut().for_each(|m| *m = true);
        }
        mark.iter()
            .zip(&w)
            .filter(|(m, _)| **m)
            .map(|(_, &x)| x as u64)
            .sum()
    };
    let ratio = |x: u64| {
        if total == 0 {
            0.0
        } else {
            round(x as f64 / total as f64)
        }
    };
    let all = weight_of(
        &mut found
            .iter()
            .flat_map(|f| f.chains.iter().map(|c| c.a_range())),
    );
    let copied = weight_of(&mut found.iter().flat_map(|f| {
        f.chains
            .iter()
            .filter(|c| !is_boiler(c))
            .map(|c| c.a_range())
    }));
    let mut sources: Vec<SourceEntry> = found
        .iter()
        .map(|f| {
            let chars = weight_of(
                &mut f
                    .chains
                    .iter()
                    .filter(|c| !is_boiler(c))
                    .map(|c| c.a_range()),
            );
            SourceEntry {
                number: 0,
                document: f.doc,
                source: f.meta.source.clone(),
                title: f.meta.title.clone(),
                ratio: ratio(chars),
                chars: chars as usize,
            }
        })
        .collect();
    sources.sort_by(|a, b| b.chars.cmp(&a.chars).then(a.document.cmp(&b.document)));
    for (i, s) in sources.iter_mut().enumerate() {
        s.number = i + 1;
    }
    let number: FastMap<usize, usize> = sources.iter().map(|s| (s.document, s.number)).collect();
    let draft_lines = newlines(text);
    let mut matches = Vec::new();
    for f in &found {
        let src_lines = newlines(&f.meta.text);
        for c in &f.chains {
            let (ra, rb) = (c.a_range(), c.b_range());
            let (da, db) = (
                norm.byte_range(ra.start, ra.end),
                f.norm.byte_range(rb.start, rb.end),
            );
            matches.push(MatchEntry {
                draft: DraftSpan {
                    start: da.start,
                    end: da.end,
                    start_line: line(&draft_lines, 1, da.start),
                    end_line: line(&draft_lines, 1, da.end - 1),
                },
                source: SourceSpan {
                    document: f.doc,
                    number: number[&f.doc],
                    source: f.meta.source.clone(),
                    title: f.meta.title.clone(),
                    start: f.meta.offset + db.start,
                    end: f.meta.offset + db.end,
                    start_line: line(&src_lines, f.meta.start_line, db.start),
                    end_line: line(&src_lines, f.meta.start_line, db.end - 1),
                },
                similarity: round(c.matched as f64 / ra.len().max(rb.len()).max(1) as f64),
                boilerplate: is_boiler(c),
                text: text[da].to_string(),
                source_text: f.meta.text[db].to_string(),
            });
        }
    }
    matches.sort_by_key(|m| (m.draft.start, m.source.number));
    // Copied (non-boilerplate) characters, marked once; each paragraph's characters
    // are a contiguous run of the stream (starts and ends increase), found by
    // binary search: linear in the draft, not paragraphs × characters × spans.
    let mut copied_mark = vec![false; norm.len()];
    for f in &found {
        for c in f.chains.iter().filter(|c| !is_boiler(c)) {
            copied_mark[c.a_range()].iter_mut().for_each(|m| *m = true);
        }
    }
    let paragraphs = paragraphs(text)
        .into_iter()
        .map(|p| {
            let lo = norm.starts.partition_point(|&s| (s as usize) < p.start);
            let hi = norm.ends.partition_point(|&e| (e as usize) <= p.end);
            let inside = lo..hi.max(lo);
            let chars: u64 = inside.clone().map(|i| w[i] as u64).sum();
            let cov: u64 = inside
                .filter(|&i| copied_mark[i])
                .map(|i| w[i] as u64)
                .sum();
            ParagraphEntry {
                line: line(&draft_lines, 1, p.start),
                start: p.start,
                end: p.end,
                chars: chars as usize,
                copy_ratio: if chars == 0 {
                    0.0
                } else {
                    round(cov as f64 / chars as f64)
                },
            }
        })
        .collect();
    let max = sources.first().map_or(0.0, |s| s.ratio);
    Ok(DraftReport {
        draft: DraftInfo {
            source: source.to_string(),
            chars: total as usize,
        },
        copy_ratio: ratio(all),
        copy_ratio_excluding_boilerplate: ratio(copied),
        max_single_source_ratio: max,
        max_single_source: sources.first().filter(|s| s.chars > 0).map(|s| s.number),
        sources,
        matches,
        paragraphs,
        text: text.to_string(),
    })
}

/// Which draft characters lie in a stock phrase of the corpus or an allowlisted phrase.
fn boilerplate_mask(
    norm: &Normalized,
    hashes: &[u64],
    index: &Index,
    allowlist: &[String],
) -> Result<Vec<bool>> {
    let mut mask = vec![false; norm.len()];
    for (i, &h) in hashes.iter().enumerate() {
        if h != NO_HASH && index.is_phrase_gram(h)? {
            mask[i..i + PRINT_K].iter_mut().for_each(|m| *m = true);
        }
    }
    for phrase in allowlist {
        let p = normalize(phrase).chars;
        if p.is_empty() {
            continue;
        }
        for (i, win) in norm.chars.windows(p.len()).enumerate() {
            if win == &p[..] {
                mask[i..i + p.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    Ok(mask)
}

fn newlines(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

fn line(newlines: &[usize], first: usize, offset: usize) -> usize {
    first + newlines.partition_point(|&n| n < offset)
}
