//! Phrase entries: each phrase with its occurrences in every speech that uses
//! it, carried into the copies of those speeches, and the junk shared between
//! speeches listed among the phrases.

use super::STOCK_MAX_CHARS;
use crate::ingest::Document;
use crate::normalize::Normalized;
use crate::report::{JunkEntry, Occurrence, PhraseEntry, Span, Variant};
use crate::scan::span;
use crate::twins::Alignments;
use crate::{FastMap, FastSet};

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

#[allow(clippy::too_many_arguments)] // one call site; the pieces are the scan's own state
pub(super) fn entry(
    docs: &[Document],
    norms: &[&Normalized],
    cluster: &[&[usize]],
    aligned: &Alignments,
    occ: &[(usize, usize)],
    speeches: usize,
    key: &str,
    junk_spans: &JunkSpans,
) -> PhraseEntry {
    let len = key.chars().count();
    let copies: usize = occ.iter().map(|&(d, _)| cluster[d].len()).sum();
    let mut occurrences = Vec::with_capacity(copies);
    let mut variants: FastMap<String, Vec<usize>> = FastMap::default();
    for (x, &(d, p)) in occ.iter().enumerate() {
        // As in `locate`: the speeches' streams first, then the parts of them
        // that `span` reads.
        crate::load_ahead(
            occ,
            x,
            |&(d, _)| {
                crate::prefetch_ref(norms[d]);
                crate::prefetch(docs, d);
            },
            |&(d, p)| {
                norms[d].prefetch(p, p + len);
                docs[d].prefetch_lines();
            },
        );
        occurrences.push(Occurrence::new(&span(&docs[d], norms[d], p, p + len)));
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
                        .entry(text_at(docs, &o).to_string())
                        .or_default()
                        .push(m);
                }
                occurrences.push(Occurrence::new(&o));
            }
        }
    }
    occurrences.sort_by_key(|o| (o.document(), o.start()));
    occurrences.dedup();
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
        text: occurrences
            .iter()
            .find(|o| o.document() == occ[0].0)
            .map(|o| text_at(docs, &o.span()).to_string())
            .unwrap_or_default(),
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

/// The text of a span, as written.
fn text_at<'a>(docs: &'a [Document], span: &Span) -> &'a str {
    &docs[span.document].file_text()[span.start..span.end]
}
