//! Speeches → their distinct short sentences, each with the speeches that
//! use it.

use super::MAX_CHARS;
use crate::ingest::Document;
use crate::segment::{distinct_paragraphs, sentences};
use crate::wording::Wordings;
use rayon::prelude::*;

/// A use of a sentence: its hash, its distinct paragraph, and its byte range
/// there.
type Use = (u64, usize, usize, usize);

/// A distinct short sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Distinct<'a> {
    /// The sentence width-folded.
    pub(super) key: String,
    /// As most of its uses write it (the least such wording among equals):
    /// what the report shows.
    pub(super) shown: &'a str,
    /// The speeches that use it, ascending, once per use.
    pub(super) docs: Vec<usize>,
}

/// Each distinct short sentence (width-folded, 2 to [`MAX_CHARS`] letters or
/// digits) with the speeches that use it, in text order. Uses are grouped by
/// a hash of the folded sentence, so one string is made per distinct sentence
/// rather than one per use.
pub(super) fn distinct_sentences(docs: &[Document]) -> Vec<Distinct<'_>> {
    sentences_by_hash(docs, &|t: &str| {
        crate::fingerprint::fnv1a(folded(t).map(|c| c as u64))
    })
}

fn folded(t: &str) -> impl Iterator<Item = char> + '_ {
    t.chars().map(crate::normalize::fold)
}

/// [`distinct_sentences`] with the hash that groups the uses.
///
/// A sentence never crosses a line, and collections repeat whole paragraphs:
/// the distinct paragraphs are found first (by their bytes), each with the
/// speeches that use it, and only those are cut into sentences.
fn sentences_by_hash<'a>(
    docs: &'a [Document],
    hash: &(dyn Fn(&str) -> u64 + Sync),
) -> Vec<Distinct<'a>> {
    let texts: Vec<&str> = docs.iter().map(|d| d.text()).collect();
    let paragraphs = distinct_paragraphs(&texts);
    let mut uses: Vec<Use> = paragraphs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(p, &(text, _))| {
            sentences(text).into_iter().filter_map(move |r| {
                let t = &text[r.clone()];
                let letters = folded(t).filter(|&c| crate::normalize::counts(c)).count();
                (2..=MAX_CHARS)
                    .contains(&letters)
                    .then(|| (hash(t), p, r.start, r.end))
            })
        })
        .collect();
    uses.par_sort_unstable();
    let text_of = |&(_, p, s, e): &Use| &paragraphs[p].0[s..e];
    // The speeches of a sentence: one per use, ascending.
    let docs_of = |run: &mut dyn Iterator<Item = &Use>| {
        let mut ds: Vec<usize> = run
            .flat_map(|u| paragraphs[u.1].1.iter().copied())
            .collect();
        ds.sort_unstable();
        ds
    };
    // A sentence's uses, all with one folded text.
    let distinct = |key: String, same: &mut dyn Iterator<Item = &Use>| {
        let same: Vec<&Use> = same.collect();
        let mut wordings = Wordings::default();
        // A use is a distinct paragraph: it counts once per speech using it.
        same.iter()
            .for_each(|u| wordings.add_n(text_of(u), paragraphs[u.1].1.len()));
        Distinct {
            key,
            shown: wordings.most_common_least(),
            docs: docs_of(&mut same.into_iter()),
        }
    };
    let mut out: Vec<Distinct<'a>> = uses
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|run| {
            let first = text_of(&run[0]);
            if run.iter().all(|u| folded(text_of(u)).eq(folded(first))) {
                return vec![distinct(folded(first).collect(), &mut run.iter())];
            }
            // Different sentences behind one hash: grouped by their text.
            let mut texts: Vec<(String, &Use)> = run
                .iter()
                .map(|u| (folded(text_of(u)).collect(), u))
                .collect();
            texts.sort_by(|a, b| a.0.cmp(&b.0));
            texts
                .chunk_by(|a, b| a.0 == b.0)
                .map(|same| distinct(same[0].0.clone(), &mut same.iter().map(|x| x.1)))
                .collect()
        })
        .collect();
    out.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_behind_one_hash_are_still_told_apart() {
        // The seed compilation, its uses grouped by the real hash and by a
        // hash under which every sentence collides: the same list either way.
        let corpus = crate::ingest::seed_corpus();
        let docs = &corpus.documents;
        let real = distinct_sentences(docs);
        assert!(real.len() > 500, "{}", real.len());
        assert!(
            real.windows(2).all(|w| w[0].key < w[1].key),
            "in text order"
        );
        let thanks = real
            .iter()
            .find(|s| s.key == "谢谢大家!")
            .expect("a closer");
        assert!(thanks.docs.len() >= 3, "{thanks:?}");
        assert_eq!(thanks.shown, "谢谢大家!", "as the seed writes it");
        assert_eq!(sentences_by_hash(docs, &|_: &str| 7), real);
    }

    #[test]
    fn sentences_found_through_distinct_paragraphs_are_those_of_every_speech() {
        // The seed (two pairs of copies) and a compilation whose speeches
        // repeat a paragraph, one of them twice, and say a sentence twice in
        // one paragraph.
        let mut corpus = crate::ingest::seed_corpus();
        let opts = crate::ingest::IngestOptions::default();
        let repeated =
            "同志们:今天召开会议。我讲三点意见。\n".repeat(2) + "我讲三点意见。谢谢大家!\n";
        // The first speech also has a paragraph saying one sentence twice.
        let twice = "我讲三点意见。我讲三点意见。";
        let comp =
            format!("讲话篇一\n{repeated}{twice}\n讲话篇二\n  {repeated}\n讲话篇三\n谢谢大家!\n");
        crate::ingest::add_text(&mut corpus, "comp".into(), comp, "UTF-8", &opts);
        let docs = &corpus.documents;
        assert!(docs.len() >= 22, "{}", docs.len());
        // Every speech's sentences, one by one.
        let mut want: Vec<(String, Vec<usize>)> = Vec::new();
        let mut all: Vec<(String, usize)> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for r in sentences(doc.text()) {
                let t = &doc.text()[r];
                let letters = folded(t).filter(|&c| crate::normalize::counts(c)).count();
                if (2..=MAX_CHARS).contains(&letters) {
                    all.push((folded(t).collect(), d));
                }
            }
        }
        all.sort();
        for (t, d) in all {
            match want.last_mut() {
                Some((last, ds)) if *last == t => ds.push(d),
                _ => want.push((t, vec![d])),
            }
        }
        let got: Vec<(String, Vec<usize>)> = distinct_sentences(docs)
            .into_iter()
            .map(|s| (s.key, s.docs))
            .collect();
        assert_eq!(got, want);
        let n = docs.len();
        let opener = got
            .iter()
            .find(|(t, _)| t == "我讲三点意见。")
            .expect("a repeated sentence");
        assert_eq!(
            opener.1,
            [n - 3, n - 3, n - 3, n - 3, n - 3, n - 2, n - 2, n - 2],
            "once per use"
        );
    }
}
