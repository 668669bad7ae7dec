//! The scan pipeline: a [`Corpus`] → a [`ScanReport`].
//!
//! Runs the stages in order (normalise and fingerprint every speech, load the
//! word segmenter meanwhile, find candidate pairs, align them, relate and
//! cluster, then mine junk, stock phrases and templates) and assembles the one
//! report. Work is spread over rayon's threads; every list is sorted before it
//! reaches the report, so results do not depend on the thread count.

use crate::align::{align_each, AlignParams};
use crate::candidates::{candidates, CandidateParams, Regime};
use crate::cluster::{clusters, coverage, relation, RelationParams};
use crate::error::Result;
use crate::fingerprint::{kgram_hashes, speech_simhashes, winnow, Prints};
use crate::ingest::{Corpus, Document};
use crate::normalize::{normalize, Normalized, Sym, MASK};
use crate::report::{
    ClusterEntry, DocumentEntry, JunkEntry, PhraseEntry, ScanReport, Span, Stats, TemplateEntry,
    REPORT_VERSION,
};
use crate::segment::Segmenter;
use crate::twins::{Alignments, Twins};
use crate::{junk, phrases, templates};
use rayon::prelude::*;
use std::path::PathBuf;

mod pairs;
use pairs::{realign, second_look, verified_pairs, Aligned};

/// Everything a scan can be tuned by.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Alignment.
    pub align: AlignParams,
    /// Candidate generation.
    pub candidates: CandidateParams,
    /// Relation thresholds.
    pub relations: RelationParams,
    /// Length of the character n-grams that are winnowed into prints.
    pub print_k: usize,
    /// Winnowing window.
    pub print_w: usize,
    /// Fewest distinct speeches (duplicate clusters count once) for a stock phrase.
    pub min_docs: usize,
    /// A jieba user dictionary.
    pub user_dict: Option<PathBuf>,
    /// Extra junk patterns (regular expressions) from the user.
    pub junk_patterns: Vec<regex::Regex>,
    /// Mine stock phrases, shared passages and templates. `dedup` and `ci`
    /// read only the relations and the junk, and skip them (a third of a
    /// scan's work, and its largest memory at a gigabyte).
    pub phrases: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            align: AlignParams::default(),
            candidates: CandidateParams::default(),
            relations: RelationParams::default(),
            print_k: 8,
            print_w: 8,
            min_docs: 2,
            user_dict: None,
            junk_patterns: Vec::new(),
            phrases: true,
        }
    }
}

/// The default `min_docs`: 2, or one speech in a thousand for large collections,
/// so that 19 speeches and 100 000 speeches both get a list worth reading.
pub fn auto_min_docs(documents: usize) -> usize {
    (documents / 1000).max(2)
}

/// Progress of a long run, reported by the library to whoever drives it.
pub trait Progress: Sync {
    /// A stage starts, with the number of steps it will take.
    fn stage(&self, _name: &str, _total: u64) {}
    /// Steps done.
    fn tick(&self, _n: u64) {}
}

impl Progress for () {}

/// A speech made ready for matching.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The normalised characters.
    pub norm: Normalized,
    /// Masks in it.
    pub masks: usize,
}

/// Normalise and fingerprint one text: the speech made ready, and its
/// distinct winnowed prints, sorted (which serve only to find candidates).
pub fn prepare(text: &str, k: usize, w: usize) -> (Prepared, Prints) {
    let norm = normalize(text);
    let prints = Prints::new(&winnow(&kgram_hashes(&norm.chars, k), w));
    let masks = norm.chars.iter().filter(|&&c| c == MASK).count();
    (Prepared { norm, masks }, prints)
}

/// Run the whole scan.
pub fn scan(corpus: &Corpus, opts: &ScanOptions, progress: &dyn Progress) -> Result<ScanReport> {
    let docs = &corpus.documents;
    progress.stage("fingerprint", docs.len() as u64);
    let (seg, (prepared, mut all_prints)) = rayon::join(
        || Segmenter::for_texts(docs.iter().map(|d| d.text()), opts.user_dict.as_deref()),
        || {
            docs.par_iter()
                .map(|d| {
                    let p = prepare(d.text(), opts.print_k, opts.print_w);
                    progress.tick(1);
                    p
                })
                .unzip::<_, _, Vec<_>, Vec<_>>()
        },
    );
    let seg = seg?;
    progress.stage("simhash", 0);
    let sims = speech_simhashes(docs, &seg);
    let twins = Twins::group(&prepared);
    let leaders = twins.leaders();
    let prints: Vec<Prints> = leaders
        .iter()
        .map(|&d| std::mem::take(&mut all_prints[d]))
        .collect();
    // The other copies' prints are not needed; the leaders' are let go once
    // indexed, and the stages after this one read the text.
    drop(all_prints);
    let lead_sims: Vec<u64> = leaders.iter().map(|&d| sims[d]).collect();
    progress.stage("candidates", 0);
    let cand = candidates(prints, &lead_sims, &opts.candidates);
    progress.stage("align", cand.pairs.len() as u64);
    let prep: &[Prepared] = &prepared;
    // Pairs come sorted, so each speech's k-grams are tabled once for the
    // pairs it leads; a pair whose passages cannot cover a relation's share of
    // either speech is not aligned. A pair that may only be an edited copy is
    // held to the stricter relations of one.
    let edited = opts.relations.for_edited();
    let params = |pair: &(u32, u32)| match cand.edited.binary_search(pair) {
        Ok(_) => &edited,
        Err(_) => &opts.relations,
    };
    let few_pairs = cand.regime == Regime::Exact;
    let aligned: Vec<Aligned> = cand
        .pairs
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|run| {
            let a = leaders[run[0].0 as usize];
            let bs: Vec<(usize, &RelationParams)> = run
                .iter()
                .map(|pair| (leaders[pair.1 as usize], params(pair)))
                .collect();
            let texts: Vec<(&[Sym], f64)> = bs
                .iter()
                .map(|&(b, rel)| (&prep[b].norm.chars[..], rel.least_share()))
                .collect();
            let chains = align_each(&prep[a].norm.chars, &texts, &opts.align);
            progress.tick(run.len() as u64);
            // Most pairs of a large corpus are in no relation: their chains
            // are let go here, by the threads, rather than all held to the
            // end of the stage (see `realign` for the few still needed).
            bs.into_iter().zip(chains).map(move |((b, rel), chains)| {
                let (x, y) = (&prep[a].norm.chars[..], &prep[b].norm.chars[..]);
                let cov = coverage(x.len(), y.len(), &chains);
                let found = match relation(&cov, rel) {
                    Some(rel) => Some((rel, cov, chains)),
                    None => second_look(x, y, &cov, &opts.align, &opts.relations, few_pairs),
                };
                let (chains, relation) = match found {
                    Some((rel, cov, chains)) => (chains, Some((rel, cov))),
                    None => (Vec::new(), None),
                };
                Aligned {
                    pair: (a, b),
                    chains,
                    relation,
                }
            })
        })
        .collect();
    // The candidates have served: what the report says of them is kept.
    let (regime, candidate_pairs, comparisons) = (cand.regime, cand.pairs.len(), cand.comparisons);
    drop(cand);
    let (pairs, links) = verified_pairs(docs, &prepared, &sims, &twins, &aligned);
    // Junk patterns, matched once: built-in hits count against a speech as
    // its cluster's representative, and all are listed as junk.
    let hits: Vec<junk::Hits> = docs
        .par_iter()
        .map(|d| junk::pattern_hits(d.text(), &opts.junk_patterns))
        .collect();
    let builtin = |d: usize| hits[d].iter().filter(|h| h.1).count() as i64;
    let (group, found) = clusters(docs.len(), &links, |d| {
        prepared[d].norm.len() as i64 - 40 * prepared[d].masks as i64 - 200 * builtin(d)
    });
    progress.stage("junk", 0);
    let norms: Vec<&Normalized> = prepared.iter().map(|p| &p.norm).collect();
    let junk = junk::find(corpus, &group, &hits, &norms);
    let (phrases, templates) = if opts.phrases {
        let mined = Mined {
            prepared: &prepared,
            norms: &norms,
            twins: &twins,
            group: &group,
            junk: &junk,
        };
        mine(docs, mined, aligned, &seg, opts, progress)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(ScanReport {
        version: REPORT_VERSION,
        regime,
        documents: docs
            .iter()
            .zip(&prepared)
            .map(|(d, p)| DocumentEntry {
                id: d.id,
                source: corpus.files[d.file].path.clone(),
                title: d.title.clone(),
                start_line: d.start_line,
                end_line: d.end_line,
                chars: p.norm.len(),
                masks: p.masks,
            })
            .collect(),
        pairs,
        clusters: found
            .into_iter()
            .enumerate()
            .map(|(i, c)| ClusterEntry {
                id: i + 1,
                documents: c.documents,
                representative: c.representative,
            })
            .collect(),
        phrases,
        templates,
        junk,
        skipped: corpus.skipped.clone(),
        stats: Stats {
            files: corpus.files.len(),
            documents: docs.len(),
            chars: prepared.iter().map(|p| p.norm.len()).sum(),
            candidate_pairs,
            comparisons,
        },
        texts: docs.iter().map(|d| d.speech_text()).collect(),
        offsets: docs.iter().map(|d| d.range.start).collect(),
    })
}

/// What phrase mining reads of the stages before it.
struct Mined<'a> {
    prepared: &'a [Prepared],
    /// Each speech's normalised characters (of `prepared`).
    norms: &'a [&'a Normalized],
    twins: &'a Twins,
    group: &'a [usize],
    junk: &'a [JunkEntry],
}

/// The stock phrases, passages and templates.
fn mine(
    docs: &[Document],
    m: Mined,
    mut aligned: Vec<Aligned>,
    seg: &Segmenter,
    opts: &ScanOptions,
    progress: &dyn Progress,
) -> (Vec<PhraseEntry>, Vec<TemplateEntry>) {
    let group = m.group;
    // Only alignments inside a cluster carry phrases from one copy to another;
    // the rest (most pairs of a large corpus) are let go before mining, with
    // their room (1.5 million pairs, 130 MB, at 1 GB of generated speeches).
    aligned.retain(|x| group[x.pair.0] == group[x.pair.1]);
    aligned.shrink_to_fit();
    realign(&mut aligned, m.prepared, &opts.align);
    let alignments = Alignments {
        chains: aligned.iter().map(|x| (x.pair, &x.chains)).collect(),
        lead: &m.twins.lead,
    };
    progress.stage("phrases", 0);
    let phrases = phrases::mine(
        docs,
        m.norms,
        group,
        &alignments,
        m.junk,
        (opts.min_docs, true, true),
    );
    progress.stage("templates", 0);
    let templates = templates::find(docs, seg, group, opts.min_docs);
    (phrases, templates)
}

/// Round a ratio to 4 decimals (stable JSON).
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A span of a document from a range of its normalised characters.
pub fn span(doc: &Document, norm: &Normalized, from: usize, to: usize) -> Span {
    let r = norm.byte_range(from, to);
    let (start_line, end_line) = doc.lines_of(r.start, r.end.saturating_sub(1).max(r.start));
    Span {
        document: doc.id,
        start: doc.range.start + r.start,
        end: doc.range.start + r.end,
        start_line,
        end_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_without_phrases_finds_the_same_relations_and_junk() {
        let corpus = crate::ingest::seed_corpus();
        let full = scan(&corpus, &ScanOptions::default(), &()).unwrap();
        let opts = ScanOptions {
            phrases: false,
            ..ScanOptions::default()
        };
        let bare = scan(&corpus, &opts, &()).unwrap();
        assert!(!full.phrases.is_empty() && !full.templates.is_empty());
        assert!(bare.phrases.is_empty() && bare.templates.is_empty());
        assert_eq!(full.pairs.len(), 4, "the seed's four pairs");
        let json = |r: &ScanReport| {
            let mut v = serde_json::to_value(r).unwrap();
            v.as_object_mut()
                .unwrap()
                .retain(|k, _| !["phrases", "templates"].contains(&k.as_str()));
            v
        };
        assert_eq!(json(&full), json(&bare));
    }
}
