//! Phrase entries: each phrase with its occurrences in every speech that uses
//! it, carried into the copies of those speeches, and the junk shared between
//! speeches listed among the phrases.

use super::STOCK_MAX_CHARS;
use crate::buckets;
use crate::ingest::Document;
use crate::normalize::Normalized;
use crate::report::{JunkEntry, Occurrence, PhraseEntry, Span, Variant};
use crate::scan::span;
use crate::twins::Alignments;
use crate::wording::{Hashed, Wordings};
use crate::{FastMap, FastSet};
use rayon::prelude::*;

/// Where junk sits, per document, to tell a phrase that is junk from one that is not.
pub(super) struct JunkSpans(FastMap<usize, Vec<(usize, usize)>>);

impl JunkSpans {
    pub(super) fn new(junk: &[JunkEntry]) -> JunkSpans {
        let mut m: FastMap<usize, Vec<(usize, usize)>> = FastMap::default();
        for o in junk.iter().flat_map(|j| &j.occurrences) {
            if let Some(d) = o.document {
                m.entry(d).or_default().push((o.start, o.end));
            }
        }
        m.values_mut().for_each(|v| v.sort_unstable());
        JunkSpans(m)
    }

    /// Does junk cover at least half of `start..end` in document `d`?
    fn covers(&self, d: usize, start: usize, end: usize) -> bool {
        let Some(v) = self.0.get(&d) else {
            return false;
        };
        let overlap: usize = v
            .iter()
            .take_while(|&&(s, _)| s < end)
            .map(|&(s, e)| e.min(end).saturating_sub(s.max(start)))
            .sum();
        overlap * 2 >= end - start
    }
}

/// Junk that sits in speeches of two or more clusters is text they share too:
/// listed among the phrases with kind `junk`, never as a stock phrase or copying.
pub(super) fn shared_junk(
    docs: &[Document],
    group: &[usize],
    junk: &[JunkEntry],
    min_docs: u32,
) -> Vec<PhraseEntry> {
    let mut out = Vec::new();
    for j in junk {
        let groups: FastSet<usize> = j.documents.iter().map(|&d| group[d]).collect();
        if (groups.len() as u32) < min_docs {
            continue;
        }
        let occurrences: Vec<Occurrence> = j
            .occurrences
            .iter()
            .filter_map(|o| {
                let doc = &docs[o.document?];
                let line = doc.line_of(o.start - doc.range.start);
                Some(Occurrence::new(&Span {
                    document: doc.id,
                    start: o.start,
                    end: o.end,
                    start_line: line,
                    end_line: line,
                }))
            })
            .collect();
        out.push(PhraseEntry {
            text: j.text.clone(),
            kind: "junk".into(),
            documents: j.documents.clone(),
            speeches: groups.len(),
            chars: crate::normalize::normalize(&j.text).len(),
            occurrences,
            variants: Vec::new(),
        });
    }
    out
}

/// A phrase found in the representatives.
pub(super) struct Located {
    /// Its characters, as a string.
    pub(super) key: String,
    /// Its length in characters.
    pub(super) len: usize,
    /// Where it is: `(speech, position)`, ascending.
    pub(super) occ: Vec<(usize, usize)>,
    /// Distinct speeches (clusters) holding it.
    pub(super) speeches: usize,
}

/// The occurrences of a batch of located phrases in the representatives, at
/// each phrase's places in order, each with the hash of its text as written.
pub(super) struct Own {
    /// The occurrences, speech by speech, with their texts' hashes.
    found: Vec<(Occurrence, u64)>,
    /// Place → its occurrence in `found`, one phrase's places after another.
    index: Vec<u32>,
    /// Where each phrase's places start in `index`, and where the last end.
    starts: Vec<usize>,
}

impl Own {
    /// The occurrences of phrase `i` of the batch, with their texts' hashes.
    pub(super) fn of(&self, i: usize) -> impl Iterator<Item = (Occurrence, u64)> + '_ {
        self.index[self.starts[i]..self.starts[i + 1]]
            .iter()
            .map(|&k| self.found[k as usize])
    }
}

/// The occurrence at each place of each phrase of `located`, with the hash of
/// its text. They are worked out speech by speech: the places are first laid
/// out by speech (a counting sort), so a speech's offsets, line table and
/// text are loaded once for all the places in it rather than once per place
/// (scattered over the collection).
pub(super) fn own_occurrences(
    docs: &[Document],
    norms: &[&Normalized],
    located: &[Located],
) -> Own {
    // (speech, position, length), by speech; `index` says where each went.
    let occ = || {
        located.iter().flat_map(|l| {
            l.occ
                .iter()
                .map(move |&(d, p)| (d, (d as u32, p as u32, l.len as u32)))
        })
    };
    let start: Vec<usize> = buckets::starts(docs.len(), occ().map(|x| x.0));
    let mut index = Vec::with_capacity(start[docs.len()]);
    let places = buckets::scatter(&start, occ(), |at| index.push(at as u32));
    let mut starts = Vec::with_capacity(located.len() + 1);
    starts.push(0);
    for l in located {
        starts.push(starts[starts.len() - 1] + l.occ.len());
    }
    let hasher = ahash::RandomState::with_seeds(7, 11, 13, 17);
    let found = places
        .par_iter()
        .map(|&(d, p, len)| {
            let (d, p) = (d as usize, p as usize);
            let at = span(&docs[d], norms[d], p, p + len as usize);
            (Occurrence::new(&at), hasher.hash_one(text_at(docs, &at)))
        })
        .collect();
    Own {
        found,
        index,
        starts,
    }
}

/// The entry of a located phrase, given its occurrences in the
/// representatives (`own`, from [`own_occurrences`]): those and their
/// copies', with the other wordings found there.
pub(super) fn entry(
    docs: &[Document],
    norms: &[&Normalized],
    cluster: &[&[usize]],
    aligned: &Alignments,
    located: &Located,
    own: impl Iterator<Item = (Occurrence, u64)>,
    junk_spans: &JunkSpans,
) -> PhraseEntry {
    let Located {
        key,
        len,
        occ,
        speeches,
    } = located;
    let (len, speeches) = (*len, *speeches);
    let copies: usize = occ.iter().map(|&(d, _)| cluster[d].len()).sum();
    let mut occurrences = Vec::with_capacity(copies);
    let mut variants: FastMap<String, Vec<usize>> = FastMap::default();
    let mut wordings = Wordings::default();
    for (&(d, p), (o, hash)) in occ.iter().zip(own) {
        wordings.add(Hashed { hash, at: o });
        occurrences.push(o);
        // (Most speeches of a large collection have no copy: their cluster's
        // list is then not read.)
        let others = if cluster[d].len() > 1 {
            cluster[d]
        } else {
            &[]
        };
        for &m in others.iter().filter(|&&m| m != d) {
            if let Some((s, e)) = aligned.project(d, m, p, p + len) {
                let o = span(&docs[m], norms[m], s, e);
                if !norms[m].shown(s, e).eq(key.chars()) {
                    variants
                        .entry(unwrapped(text_at(docs, &o)))
                        .or_default()
                        .push(m);
                }
                occurrences.push(Occurrence::new(&o));
            }
        }
    }
    occurrences.sort_by_key(|o| (o.document(), o.start()));
    occurrences.dedup();
    // Nor in a copy does an occurrence overlap the one before it (see `locate`).
    let mut free = (usize::MAX, 0);
    occurrences.retain(|o| {
        let span = o.span();
        let apart = span.document != free.0 || span.start >= free.1;
        if apart {
            free = (span.document, span.end);
        }
        apart
    });
    occurrences.shrink_to_fit();
    let mut documents: Vec<usize> = occurrences.iter().map(|o| o.document()).collect();
    documents.dedup();
    let mut variants: Vec<Variant> = variants
        .into_iter()
        .map(|(text, mut documents)| {
            documents.sort_unstable();
            documents.dedup();
            Variant { text, documents }
        })
        .collect();
    variants.sort_by(|a, b| a.text.cmp(&b.text));
    let is_junk = occurrences
        .iter()
        .map(Occurrence::span)
        .any(|o| junk_spans.covers(o.document, o.start, o.end));
    PhraseEntry {
        // Shown in Simplified script where any speech writes it so.
        text: unwrapped(
            wordings
                .most_common_of(|w| {
                    let t = text_at(docs, &w.at.span());
                    fast2s::convert(t) == t
                })
                .map_or("", |w| text_at(docs, &w.at.span())),
        ),
        kind: if is_junk {
            "junk"
        } else if len <= STOCK_MAX_CHARS {
            "stock-phrase"
        } else {
            "passage"
        }
        .to_string(),
        documents,
        speeches,
        chars: len,
        occurrences,
        variants,
    }
}

/// A phrase's wording on one line: a hard-wrapped phrase
/// (`国家级夜间文化\n和旅游消费集聚区`) without its line breaks and the
/// spaces around them.
fn unwrapped(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    text.lines().map(str::trim).collect()
}

/// The text of a span, as written.
fn text_at<'a>(docs: &'a [Document], span: &Span) -> &'a str {
    &docs[span.document].file_text()[span.start..span.end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_phrase_is_shown_on_one_line() {
        assert_eq!(
            unwrapped("国家级夜间文化\r\n  和旅游消费集聚区"),
            "国家级夜间文化和旅游消费集聚区"
        );
        assert_eq!(unwrapped("规模以上工业增加值"), "规模以上工业增加值");
    }

    #[test]
    fn junk_covers_a_phrase_when_it_holds_half_of_it_in_that_speech() {
        let at =
            |document: Option<usize>, start: usize, end: usize| crate::report::JunkOccurrence {
                source: String::new(),
                document,
                start,
                end,
                line: 1,
            };
        let entry = |occurrences| JunkEntry {
            text: String::new(),
            documents: Vec::new(),
            reason: String::new(),
            occurrences,
        };
        // Two entries, listed out of order, the second with a preamble occurrence.
        let junk = [
            entry(vec![at(Some(3), 100, 130), at(Some(1), 50, 60)]),
            entry(vec![at(None, 0, 40), at(Some(1), 10, 20)]),
        ];
        let spans = JunkSpans::new(&junk);
        assert!(spans.covers(1, 10, 30), "half of 10..30 is junk");
        assert!(!spans.covers(1, 10, 31));
        assert!(
            !spans.covers(1, 15, 55),
            "two spans: 5 + 5 of 40 is not half"
        );
        assert!(spans.covers(1, 45, 65), "the later span, 10 of 20");
        assert!(spans.covers(3, 90, 130));
        assert!(!spans.covers(0, 10, 30), "no junk in speech 0");
        assert!(!spans.covers(2, 100, 130));
        assert!(!spans.covers(4, 100, 130), "past the last speech with junk");
        assert!(!JunkSpans::new(&[]).covers(0, 0, 10));
    }

    #[test]
    fn occurrences_found_speech_by_speech_are_each_places_span() {
        let corpus = crate::ingest::seed_corpus();
        let docs = &corpus.documents;
        let normalized: Vec<Normalized> = docs
            .iter()
            .map(|d| crate::normalize::normalize(d.text()))
            .collect();
        let norms: Vec<&Normalized> = normalized.iter().collect();
        // Phrases of several lengths at places scattered over the speeches,
        // listed in an order of their own (not the speeches').
        let located: Vec<Located> = (0..40)
            .map(|i| {
                let len = 8 + i % 13;
                let occ = (0..docs.len())
                    .rev()
                    .step_by(1 + i % 3)
                    .map(|d| (d, (i * 37 + d * 11) % (norms[d].len() - len)))
                    .collect();
                Located {
                    key: String::new(),
                    len,
                    occ,
                    speeches: 0,
                }
            })
            .collect();
        let own = own_occurrences(docs, &norms, &located);
        let own: Vec<Occurrence> = (0..located.len())
            .flat_map(|i| own.of(i))
            .map(|(o, _)| o)
            .collect();
        let want: Vec<Occurrence> = located
            .iter()
            .flat_map(|l| {
                l.occ
                    .iter()
                    .map(|&(d, p)| Occurrence::new(&span(&docs[d], norms[d], p, p + l.len)))
            })
            .collect();
        assert_eq!(own, want);
    }
}
