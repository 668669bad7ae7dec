//! A corpus → what an index of it holds: its speeches, and the k-grams of
//! the stock phrases that [`super::check_draft`] tells from copying.

use super::BOILERPLATE_MIN_DOCS;
use crate::ingest::{add_text, Corpus, Document, IngestOptions, SplitRule};
use crate::normalize::{normalize, Normalized};
use crate::store::{
    copy_groups, corpus_docs, doc_prints, encode_parts, DocRef, IndexData, IndexedDoc,
};
use rayon::prelude::*;

/// Everything an index of `corpus` holds: its speeches and the k-grams of its stock phrases.
pub fn index_data(corpus: &Corpus) -> IndexData {
    let mut data = IndexData::from_corpus(corpus);
    data.phrase_grams = normalize_and_mine(corpus, &|_| true).grams;
    data
}

/// The index file of `corpus` ([`crate::store::encode`] of [`index_data`],
/// with every speech normalised once and its text not copied).
pub fn index_bytes(corpus: &Corpus) -> Vec<u8> {
    part_index_bytes(corpus, &|_| true)
}

/// The index file of `corpus` whose stock phrases and copy groups come from
/// the speeches that `part` takes only, the others each a group of its own:
/// `ci` checks each new document against all the others, and a new document
/// must neither make a stock phrase of its own wording nor join two speeches
/// of the corpus into one group (a draft made of halves of two reports).
pub fn part_index_bytes(corpus: &Corpus, part: &(dyn Fn(usize) -> bool + Sync)) -> Vec<u8> {
    let m = normalize_and_mine(corpus, part);
    encode_parts(&corpus_docs(corpus), m.prints, &m.grams, &m.groups)
}

/// What an index is made of, but for the speeches themselves.
struct Mined {
    /// Each speech's prints ([`doc_prints`]).
    prints: Vec<Vec<u64>>,
    /// Each speech's copy group ([`copy_groups`]).
    groups: Vec<u32>,
    /// The k-grams of the stock phrases.
    grams: Vec<u64>,
}

/// Every speech normalised and fingerprinted, the groups of the speeches
/// `part` takes that are copies of one another, and the k-grams of their
/// stock phrases (a group counted once). The prints are made twice, before
/// and after the mining, so that they are not held beside its peak.
fn normalize_and_mine(corpus: &Corpus, part: &(dyn Fn(usize) -> bool + Sync)) -> Mined {
    let docs = &corpus.documents;
    let norms: Vec<Normalized> = docs.par_iter().map(|d| normalize(d.text())).collect();
    let ids: Vec<usize> = (0..docs.len()).filter(|&d| part(d)).collect();
    let of_part: Vec<Vec<u64>> = ids.par_iter().map(|&d| doc_prints(&norms[d])).collect();
    let local = copy_groups(&of_part);
    drop(of_part);
    let mut groups: Vec<u32> = (0..docs.len() as u32).collect();
    for (&d, &g) in ids.iter().zip(&local) {
        groups[d] = ids[g as usize] as u32;
    }
    // Mining numbers the speeches it reads from 0.
    let renumbered: Vec<Document>;
    let part_docs: &[Document] = match ids.len() == docs.len() {
        true => docs,
        false => {
            renumbered = (ids.iter().enumerate())
                .map(|(i, &d)| {
                    let mut doc = docs[d].clone();
                    doc.id = i;
                    doc
                })
                .collect();
            &renumbered
        }
    };
    let refs: Vec<&Normalized> = ids.iter().map(|&d| &norms[d]).collect();
    let group: Vec<usize> = local.iter().map(|&g| g as usize).collect();
    let grams = crate::phrases::stock_grams(part_docs, &refs, &group, BOILERPLATE_MIN_DOCS);
    Mined {
        prints: norms.par_iter().map(doc_prints).collect(),
        groups,
        grams,
    }
}

/// The index file of an index's speeches, with the stock phrases of them
/// all mined again: what `index add` writes, so that speeches added to an
/// index give the same index as all of its files indexed at once (a phrase
/// in two old speeches and one new one is a stock phrase of the whole; one
/// only in speeches replaced is none). Each speech is normalised once, for
/// the phrases and its prints both.
pub fn restocked_bytes(docs: &[IndexedDoc]) -> Vec<u8> {
    let opts = IngestOptions {
        split: SplitRule::Never,
        ..IngestOptions::default()
    };
    let mut corpus = Corpus::default();
    for d in docs {
        add_text(
            &mut corpus,
            d.source.clone(),
            d.text.clone(),
            "UTF-8",
            &opts,
        );
    }
    let m = normalize_and_mine(&corpus, &|_| true);
    let refs: Vec<DocRef> = docs.iter().map(IndexedDoc::as_ref).collect();
    // Each speech of an index holds letters, so each is one document again
    // (were one left out, its prints are made from its own text).
    if m.prints.len() == docs.len() {
        return encode_parts(&refs, m.prints, &m.grams, &m.groups);
    }
    let prints: Vec<Vec<u64>> = docs
        .par_iter()
        .map(|d| doc_prints(&normalize(&d.text)))
        .collect();
    let groups = copy_groups(&prints);
    encode_parts(&refs, prints, &m.grams, &groups)
}
