//! A corpus → what an index of it holds: its speeches, and the k-grams of
//! the stock phrases that [`super::check_draft`] tells from copying.

use super::BOILERPLATE_MIN_DOCS;
use crate::ingest::{add_text, Corpus, IngestOptions, SplitRule};
use crate::normalize::{normalize, Normalized};
use crate::store::{corpus_docs, doc_prints, encode_parts, DocRef, IndexData, IndexedDoc};
use rayon::prelude::*;

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
    let (norms, grams) = normalize_and_mine(&corpus);
    // Each speech of an index holds letters, so each is one document again
    // (were one left out, its prints are made from its own text).
    let prints: Vec<Vec<u64>> = match norms.len() == docs.len() {
        true => norms.par_iter().map(doc_prints).collect(),
        false => docs
            .par_iter()
            .map(|d| doc_prints(&normalize(&d.text)))
            .collect(),
    };
    drop(norms);
    let refs: Vec<DocRef> = docs.iter().map(IndexedDoc::as_ref).collect();
    encode_parts(&refs, prints, &grams)
}
