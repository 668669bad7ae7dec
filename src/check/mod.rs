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
//! down the ranking their sources are. A small corpus is compared exactly:
//! every speech is aligned with the draft text left uncovered, the one that
//! covers most first, so an edited copy with no 8-gram left unchanged is
//! still traced. A passage shorter than twice what a passage needs counts only
//! beside a longer one of the same source, or as a stock phrase (see
//! [`supported`]): genre wording is not copying. A passage is boilerplate when most of
//! it is stock phrase of the corpus (or of the user's allowlist), and it is
//! no longer than a stock phrase or the corpus holds it nearly as well in
//! other speeches (see [`boilerplate`]); boilerplate is shown but not counted
//! in 去除套话复制比.
//!
//! Ratios count characters the way 查重 services do: letters and digits only
//! (a mask `xx` counts as the two letters it is made of, `**` as nothing).

mod alike;
mod boilerplate;
mod indexing;
mod reworded;
mod seeds;
mod sentences;
mod sources;
mod starts;
mod supported;
mod unanchored;

use crate::align::{AlignParams, Chain};
use crate::error::Result;
use crate::fingerprint::kgram_hashes;
use crate::normalize::{normalize, Normalized};
use crate::report::{DraftReport, FoundPassage, FoundSource};
use crate::scan::round;
use crate::segment::paragraph_breaks;
use crate::store::{Candidate, PRINT_K};
use alike::Matcher;
use boilerplate::Stock;
pub use indexing::{index_bytes, index_data, part_index_bytes, restocked_bytes};
use rayon::prelude::*;
use reworded::reworded;
use seeds::{drop_nested, Seeds};
use sentences::{sentences_around, Draft};
pub use sources::Sources;
use starts::cut_at_own_starts;
use supported::{same_chars, supported, WEAK_MATCHED};
use unanchored::{
    best_copies, copied_from, in_open, open_paragraphs, paragraphs, Copied, Open, MAX_PAIRS,
};

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
            align: AlignParams {
                edit_and_skip: true,
                ..AlignParams::default()
            },
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

/// Is there a stretch of at least `n` draft characters that no passage covers?
fn has_gap(covered: &[bool], n: usize) -> bool {
    covered.split(|&c| c).any(|run| run.len() >= n)
}

/// Mark the draft characters `f`'s passages cover.
fn cover(covered: &mut [bool], f: &FoundSource) {
    for p in &f.passages {
        covered[p.chars.clone()].fill(true);
    }
}

/// Fewest hits for a speech to be a candidate.
const MIN_HITS: usize = 2;

/// Check one draft against the speeches of an index.
pub fn check_draft(
    source: &str,
    text: &str,
    sources: &Sources,
    opts: &CheckOptions,
) -> Result<DraftReport> {
    let index = sources.index();
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
    // The first character of each paragraph of the draft after the first.
    let para_starts: Vec<usize> = paragraph_breaks(text)
        .map(|b| norm.starting_before(b))
        .collect();
    let para = |i: usize| para_starts.partition_point(|&s| s <= i);
    let sentences = Draft::new(text, &norm);
    let exact = sources.exact(sentences.sentences.len());
    // The draft's stock wording (phrases of the corpus, and the allowlist's):
    // a short passage of it counts as copied without a long one beside it,
    // and is boilerplate (see `boilerplate` for a long one).
    let stock = Stock::new(
        &norm,
        &hashes,
        index,
        &opts.allowlist,
        opts.boilerplate_share,
    )?;
    // `strict`: only passages with the evidence of an edited copy (several
    // exact pieces, twice the same characters a passage needs), not one
    // stock phrase a speech happens to share.
    let align_one = |d: u32, strict: bool| -> Result<Option<FoundSource>> {
        let src = sources.get(d as usize)?;
        let (doc, snorm) = (src.doc, &src.norm);
        // What a passage weighs as evidence: its characters the same on
        // both sides, in its blocks and in gaps of changed characters.
        let weight = |c: &Chain| same_chars(c, &norm.chars, &snorm.chars);
        // Short passages are found too, and kept beside a long one of the
        // same source (see `supported`): from one seed up, those with
        // `WEAK_MATCHED` characters the same once their ends have grown (a
        // moved sentence with a third of its characters changed keeps one
        // seed; recall on such drafts 0.72 → 0.75, on the national reports'
        // reordered ones 0.85 → 0.87, at the same precision).
        let params = AlignParams {
            min_matched: opts.align.k.min(opts.align.min_matched),
            ..opts.align
        };
        let weak = WEAK_MATCHED.min(opts.align.min_matched);
        let mut chains = seeds.align(&norm.chars, &snorm.chars, &params);
        if strict {
            chains.retain(|ch| ch.blocks.len() >= 2 && weight(ch) >= 2 * opts.align.min_matched);
        }
        // A passage does not run over a line of the draft that the source
        // lacks (a paragraph of the writer's own between two copied ones): two
        // line breaks in the gap's text with the characters either side of it.
        let gap_text = |gap: &std::ops::Range<usize>| {
            &text[norm.byte_range(gap.start.saturating_sub(1), (gap.end + 1).min(norm.len()))]
        };
        let own_line = |gap: std::ops::Range<usize>| gap_text(&gap).matches('\n').count() >= 2;
        // Nor, once it counts (see `supported` below), over a whole sentence
        // of the draft that the source lacks (a sentence of another source,
        // or the writer's own, between two copied ones): two sentence ends in
        // that text, and less than a third of it matched anywhere in the
        // source (a sentence moved within the source's paragraph is matched
        // where it stood; another source's sentence may share a phrase of
        // the genre with this one).
        let matched_in = |gap: &std::ops::Range<usize>| {
            let spans = chains.iter().flat_map(|c| &c.a_spans);
            let overlap = |r: &std::ops::Range<usize>| {
                r.end.min(gap.end).saturating_sub(r.start.max(gap.start))
            };
            3 * spans.map(overlap).sum::<usize>() >= gap.len()
        };
        // The sentence ends are looked for a character further out on each
        // side: a passage grows over a character the inserted sentence
        // happens to share with the source's next one (`第一百五十七条…` for
        // `第四，…`), and leaves the end before it out of the gap's text.
        let wider = |gap: &std::ops::Range<usize>| gap.start.saturating_sub(1)..gap.end + 1;
        let own_sentence = |gap: std::ops::Range<usize>| {
            let ends = gap_text(&wider(&gap))
                .matches(['。', '！', '？', '；'])
                .count();
            ends >= 2 && !matched_in(&gap)
        };
        // Nor over text only the draft has that is longer than all the
        // passage matched (and than an edit): a writer's clause between two
        // phrases of one source sentence is not copied. Of a passage cut
        // there, the pieces too short to be a passage go (a piece weighs no
        // more than its passage, so the too-short passages go here too).
        let pieces: Vec<Chain> = chains
            .iter()
            .flat_map(|ch| {
                let longest = ch.matched.max(opts.align.max_gap);
                let cut = ch.split_a(|gap| gap.len() > longest || own_line(gap));
                cut.into_iter().filter(|c| weight(c) >= weak)
            })
            .collect();
        let (min, lens) = (opts.align.min_matched, (norm.len(), snorm.len()));
        let mut kept: Vec<Chain> = supported(
            pieces,
            min,
            lens,
            weight,
            |c| stock.mostly(c.a_range()),
            para,
        )
        .into_iter()
        .flat_map(|ch| ch.split_a(own_sentence))
        .filter(|c| weight(c) >= weak)
        .collect();
        // The sentences beside a passage that were moved and reworded.
        let anchor = |c: &Chain| weight(c) >= min && !stock.mostly(c.a_range());
        let around = |w| sentences_around(doc.text, snorm, w);
        let more = reworded(&kept, anchor, &sentences, &snorm.chars, around, &para);
        kept.extend(more);
        // The passages kept, less the draft's own letters where it starts a
        // paragraph: a list's copied items stay copied, its numbers do not
        // (see `starts`).
        let own = |r: std::ops::Range<usize>| {
            text[norm.byte_range(r.start, r.end)]
                .chars()
                .any(char::is_alphanumeric)
        };
        let passages: Vec<FoundPassage> = drop_nested(kept)
            .iter()
            .flat_map(|ch| {
                let pieces = cut_at_own_starts(ch, (&norm.chars, &snorm.chars), &para_starts, own);
                pieces.into_iter().map(|piece| FoundPassage {
                    whole: ch.a_range(),
                    ..passage(&piece, &norm, snorm)
                })
            })
            .collect();
        // Every piece of a cut passage may have gone: no source then.
        if passages.is_empty() {
            return Ok(None);
        }
        Ok(Some(FoundSource::new(d as usize, doc, passages)))
    };
    let align_all = |batch: &[&Candidate]| -> Result<Vec<FoundSource>> {
        let found = batch.par_iter().map(|c| align_one(c.doc, false));
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
        found.iter().for_each(|f| cover(&mut covered, f));
    }
    twins.truncate(opts.max_sources - chosen.len());
    found.extend(align_all(&twins)?);
    found.iter().for_each(|f| cover(&mut covered, f));
    // A small corpus is compared exactly: a stretch copied with so many
    // characters changed that no print of it is left still shares seeds with
    // its source, so every other speech is aligned too, for the draft text
    // nothing covers yet; the speech that covers most of it first.
    if exact && found.len() < opts.max_sources && has_gap(&covered, opts.align.min_matched) {
        let seen: crate::FastSet<u32> = chosen.iter().chain(&twins).map(|c| c.doc).collect();
        let rest: Vec<u32> = (0..index.len() as u32)
            .filter(|d| !seen.contains(d) && Some(*d as usize) != opts.exclude)
            .collect();
        let fresh = |covered: &[bool], p: &FoundPassage| {
            covered[p.chars.clone()].iter().filter(|&&c| !c).count()
        };
        let mut more: Vec<(usize, FoundSource)> = rest
            .par_iter()
            .map(|&d| align_one(d, true))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|f| (f.passages.iter().map(|p| fresh(&covered, p)).sum(), f))
            .filter(|(n, _)| *n > 0)
            .collect();
        more.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.document.cmp(&y.1.document)));
        for (_, mut f) in more {
            if found.len() >= opts.max_sources {
                break;
            }
            f.passages
                .retain(|p| fresh(&covered, p) * 2 > p.chars.len());
            cover(&mut covered, &f);
            if !f.passages.is_empty() {
                found.push(f);
            }
        }
    }
    // Paragraphs that no passage reaches, compared sentence by sentence with
    // the sources found, the candidates with hits in them, or (a small
    // corpus) every speech.
    let paras = paragraphs(&para_starts, norm.len());
    let open = open_paragraphs(&sentences, &paras, &covered, |s| stock.mostly(s.clone()));
    if !open.is_empty() {
        let docs = open_sources((sources, exact), &cands, &found, &open, opts);
        let pairs = MAX_PAIRS / docs.len().max(1);
        let copies = docs
            .par_iter()
            .map(|&d| -> Result<Vec<Copied<FoundPassage>>> {
                let src = sources.get(d as usize)?;
                let snorm = &src.norm;
                let mut m = Matcher::new(&snorm.chars, src.sentences()).with_pairs(pairs);
                let got = copied_from(&sentences, &open, &mut m).into_iter();
                Ok(got
                    .map(|c| Copied {
                        passages: c
                            .passages
                            .iter()
                            .map(|ch| passage(ch, &norm, snorm))
                            .collect(),
                        stretch: c.stretch,
                        same: c.same,
                    })
                    .collect())
            })
            .collect::<Result<Vec<_>>>()?;
        for (d, passages) in best_copies(&docs, copies) {
            let d = d as usize;
            let room = found.len() < opts.max_sources;
            match found.iter_mut().find(|f| f.document == d) {
                Some(f) => f.passages.extend(passages),
                None if room => found.push(FoundSource::new(d, index.doc_ref(d)?, passages)),
                None => {}
            }
        }
    }
    stock.label(&mut found, index)?;
    Ok(DraftReport::assemble(source, text, &norm, &found))
}

/// The speeches whose sentences the `open` paragraphs are compared with
/// (ascending): every one of a small corpus; else those `found` and the
/// candidates with hits in an open paragraph, as many as sources may be.
fn open_sources(
    (sources, exact): (&Sources, bool),
    cands: &[Candidate],
    found: &[FoundSource],
    open: &[Open],
    opts: &CheckOptions,
) -> Vec<u32> {
    let mut docs: Vec<u32> = if exact {
        (0..sources.index().len() as u32).collect()
    } else {
        let hit = cands
            .iter()
            .filter(|c| c.hits.iter().any(|&i| in_open(open, i as usize)))
            .take(opts.max_sources);
        hit.map(|c| c.doc)
            .chain(found.iter().map(|f| f.document as u32))
            .collect()
    };
    docs.retain(|&d| Some(d as usize) != opts.exclude);
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// The report's passage of a chain between draft `a` and source `b`: its
/// byte ranges and its share of characters the same on both sides.
fn passage(ch: &Chain, a: &Normalized, b: &Normalized) -> FoundPassage {
    let (ra, rb) = (ch.a_range(), ch.b_range());
    FoundPassage {
        draft: a.byte_range(ra.start, ra.end),
        source: b.byte_range(rb.start, rb.end),
        similarity: round(
            same_chars(ch, &a.chars, &b.chars) as f64 / ra.len().max(rb.len()).max(1) as f64,
        ),
        boilerplate: false,
        whole: ra.clone(),
        chars: ra,
    }
}
