//! An [`Index`] → its speeches made ready for a run of checks, and the
//! regime the run is in.
//!
//! A check compares a draft with source speeches as normalised streams, and
//! its open paragraphs with their sentences. Made afresh for every draft,
//! that was half the time of a check against a corpus of a few megabytes:
//! the same speeches were normalised and cut again for each draft. A small
//! corpus ([`KEEP_BYTES`] of text or less) has each speech made ready once,
//! on first use, and kept for every draft of the run; a larger one has them
//! made per draft, so memory stays what the drafts need.
//!
//! The regime, decided for each draft: a corpus is compared *exactly*
//! (every speech aligned with the draft text nothing covers, every speech's
//! sentences with the open paragraphs: see [`super::check_draft`]) when it
//! holds at most [`EXACT_SPEECHES`] speeches, or when its speeches are kept
//! and the draft's sentences times the corpus's units of work
//! ([`Sources::units`]) stay within [`EXACT_WORK`].
//! Then a copy with no print left (a filler word every word or two, two
//! characters in five changed) is still found; otherwise only the
//! candidates the prints reach are compared. The regime of a draft depends
//! on that draft and the corpus alone, never on the other drafts of a run.

use super::sentences::sentence_spans;
use crate::error::Result;
use crate::normalize::{normalize, Normalized};
use crate::store::{DocRef, Index};
use std::ops::{Deref, Range};
use std::sync::OnceLock;

/// Corpora with at most this many bytes of text keep their speeches ready
/// for every draft of a run (about as much memory again as the text).
pub const KEEP_BYTES: usize = 32 << 20;
/// Corpora of up to this many speeches are compared exactly, whatever their size.
pub const EXACT_SPEECHES: usize = 200;
/// Bytes of text counted as one unit of a corpus's work (about a sentence
/// and a half of Chinese: a draft sentence is compared with each of them).
pub const BYTES_A_UNIT: usize = 64;
/// Units of work a speech costs on its own (each draft sentence is looked
/// for in each speech: with 100 000 speeches of a clause each, that was
/// most of the time).
pub const UNITS_A_SPEECH: usize = 8;
/// A draft is compared exactly with a kept corpus while its sentences times
/// the corpus's units stay within this (about 0.2 CPU-s a draft at most).
pub const EXACT_WORK: u64 = 1 << 26;

/// A speech of the index, normalised, and its sentences once asked for.
pub struct Source<'i> {
    /// The speech as the index holds it.
    pub doc: DocRef<'i>,
    /// Its normalised stream.
    pub norm: Normalized,
    sentences: OnceLock<Vec<Range<usize>>>,
}

impl<'i> Source<'i> {
    fn new(index: &'i Index, d: usize) -> Result<Source<'i>> {
        let doc = index.doc_ref(d)?;
        let norm = normalize(doc.text);
        Ok(Source {
            doc,
            norm,
            sentences: OnceLock::new(),
        })
    }

    /// Its sentences, as ranges of its stream (see [`sentence_spans`]).
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences
            .get_or_init(|| sentence_spans(self.doc.text, &self.norm))
    }
}

/// A source made ready: kept for the run, or made for this use.
pub enum Ready<'a, 'i> {
    /// Kept by the [`Sources`].
    Kept(&'a Source<'i>),
    /// Made for this use, let go after it.
    Fresh(Box<Source<'i>>),
}

impl<'i> Deref for Ready<'_, 'i> {
    type Target = Source<'i>;

    fn deref(&self) -> &Source<'i> {
        match self {
            Ready::Kept(s) => s,
            Ready::Fresh(s) => s,
        }
    }
}

/// The speeches of an index for a run of checks.
pub struct Sources<'i> {
    index: &'i Index,
    /// One cell a speech when they are kept, else empty.
    kept: Vec<OnceLock<Source<'i>>>,
}

impl<'i> Sources<'i> {
    /// The speeches of `index` for a run of checks.
    pub fn new(index: &'i Index) -> Sources<'i> {
        let kept = match index.text_bytes() <= KEEP_BYTES {
            true => (0..index.len()).map(|_| OnceLock::new()).collect(),
            false => Vec::new(),
        };
        Sources { index, kept }
    }

    /// The index.
    pub fn index(&self) -> &'i Index {
        self.index
    }

    /// The corpus's units of work (what each draft sentence is compared
    /// with): [`UNITS_A_SPEECH`] a speech, and one for every
    /// [`BYTES_A_UNIT`] bytes of its text.
    pub fn units(&self) -> u64 {
        (UNITS_A_SPEECH * self.index.len() + self.index.text_bytes() / BYTES_A_UNIT) as u64
    }

    /// Is a draft of `sentences` sentences compared exactly (see the
    /// module's notes)?
    pub fn exact(&self, sentences: usize) -> bool {
        let kept = !self.kept.is_empty() || self.index.is_empty();
        let work = (sentences.max(1) as u64).saturating_mul(self.units());
        self.index.len() <= EXACT_SPEECHES || (kept && work <= EXACT_WORK)
    }

    /// Speech `d`, made ready.
    pub fn get(&self, d: usize) -> Result<Ready<'_, 'i>> {
        let Some(cell) = self.kept.get(d) else {
            return Ok(Ready::Fresh(Box::new(Source::new(self.index, d)?)));
        };
        if let Some(s) = cell.get() {
            return Ok(Ready::Kept(s));
        }
        let made = Source::new(self.index, d)?;
        Ok(Ready::Kept(cell.get_or_init(move || made)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::index_bytes;
    use crate::ingest::seed_corpus;
    use crate::store::Bytes;

    #[test]
    fn a_corpus_is_compared_exactly_by_its_speeches_or_by_the_drafts_work() {
        let idx = Index::from_bytes(Bytes::Owned(index_bytes(&seed_corpus())), "seed").unwrap();
        let bytes = idx.text_bytes();
        assert!(bytes > 200_000 && bytes <= KEEP_BYTES);
        assert_eq!(
            Sources::new(&idx).units(),
            (19 * UNITS_A_SPEECH + bytes / BYTES_A_UNIT) as u64
        );
        // 19 speeches: exact for any draft.
        assert!(Sources::new(&idx).exact(1_000_000));
        // Past the speeches' floor, by the draft's work.
        let mut corpus = seed_corpus();
        let extra = (0..EXACT_SPEECHES).map(|i| format!("第{i}条 本条例自公布之日起施行。"));
        for (i, text) in extra.enumerate() {
            let opts = crate::ingest::IngestOptions::default();
            crate::ingest::add_text(&mut corpus, format!("{i}.txt"), text, "UTF-8", &opts);
        }
        let big = Index::from_bytes(Bytes::Owned(index_bytes(&corpus)), "big").unwrap();
        assert!(big.len() > EXACT_SPEECHES);
        let most = (EXACT_WORK / Sources::new(&big).units()) as usize;
        assert!(Sources::new(&big).exact(most));
        assert!(!Sources::new(&big).exact(most + 1));
        // A speech is made once and kept; its sentences are those of its text.
        let sources = Sources::new(&idx);
        let (a, b) = (sources.get(3).unwrap(), sources.get(3).unwrap());
        assert!(matches!((&a, &b), (Ready::Kept(x), Ready::Kept(y)) if std::ptr::eq(*x, *y)));
        assert_eq!(a.norm, normalize(idx.doc_ref(3).unwrap().text));
        assert_eq!(a.sentences(), sentence_spans(a.doc.text, &a.norm));
        assert!(sources.get(idx.len()).is_err());
    }
}
