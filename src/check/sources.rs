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
//! The regime: a corpus is compared *exactly* (every speech aligned with the
//! draft text nothing covers, every speech's sentences with the open
//! paragraphs: see [`super::check_draft`]) when its speeches are kept and
//! the run's work stays in budget ([`EXACT_WORK`] draft-bytes). Then a copy
//! with no print left (a filler word every word or two, two characters in
//! five changed) is still found, whatever the number of speeches; in a
//! larger run only the candidates the prints reach are compared.

use super::sentences::sentence_spans;
use crate::error::Result;
use crate::normalize::{normalize, Normalized};
use crate::store::{DocRef, Index};
use std::ops::{Deref, Range};
use std::sync::OnceLock;

/// Corpora with at most this many bytes of text keep their speeches ready
/// for every draft of a run (about as much memory again as the text).
pub const KEEP_BYTES: usize = 32 << 20;
/// A run compares exactly while its drafts times the corpus's bytes of text
/// stay within this.
pub const EXACT_WORK: u64 = 1 << 33;

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
    exact: bool,
}

impl<'i> Sources<'i> {
    /// The speeches of `index` for a run that checks `drafts` drafts.
    pub fn new(index: &'i Index, drafts: usize) -> Sources<'i> {
        let bytes = index.text_bytes();
        let keep = bytes <= KEEP_BYTES;
        let kept = match keep {
            true => (0..index.len()).map(|_| OnceLock::new()).collect(),
            false => Vec::new(),
        };
        let work = (drafts.max(1) as u64).saturating_mul(bytes as u64);
        Sources {
            index,
            kept,
            exact: keep && work <= EXACT_WORK,
        }
    }

    /// The index.
    pub fn index(&self) -> &'i Index {
        self.index
    }

    /// Is the corpus compared exactly (see the module's notes)?
    pub fn exact(&self) -> bool {
        self.exact
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
    fn a_small_corpus_is_kept_and_compared_exactly_while_the_run_is_in_budget() {
        let idx = Index::from_bytes(Bytes::Owned(index_bytes(&seed_corpus())), "seed").unwrap();
        let bytes = idx.text_bytes() as u64;
        assert!(bytes > 200_000 && bytes as usize <= KEEP_BYTES);
        assert!(Sources::new(&idx, 1).exact());
        let most = (EXACT_WORK / bytes) as usize;
        assert!(Sources::new(&idx, most).exact());
        assert!(!Sources::new(&idx, most + 1).exact());
        // A speech is made once and kept; its sentences are those of its text.
        let sources = Sources::new(&idx, 1);
        let (a, b) = (sources.get(3).unwrap(), sources.get(3).unwrap());
        assert!(matches!((&a, &b), (Ready::Kept(x), Ready::Kept(y)) if std::ptr::eq(*x, *y)));
        assert_eq!(a.norm, normalize(idx.doc_ref(3).unwrap().text));
        assert_eq!(a.sentences(), sentence_spans(a.doc.text, &a.norm));
        assert!(sources.get(idx.len()).is_err());
    }
}
