//! A scanned corpus → the same collection without copies and junk.
//!
//! [`plan`] decides, from a [`ScanReport`], which speeches to keep: one
//! representative per duplicate cluster (the cleanest copy), and, when asked,
//! none of the speeches that are mostly inside another kept speech. [`rewrite`]
//! writes a file back in its own shape: a compilation stays a compilation with
//! its headings, and site junk is cut out when asked. Nothing here touches disk.

use crate::cluster::Relation;
use crate::ingest::{Corpus, Document, SourceFile};
use crate::report::{PairEntry, ScanReport};
use serde::Serialize;
use std::ops::Range;

/// Why a speech is left out or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManifestEntry {
    /// The speech's id in the scan.
    pub document: usize,
    /// Its file.
    pub source: String,
    /// Its title.
    pub title: String,
    /// `removed` or `changed`.
    pub action: String,
    /// Why, in words.
    pub reason: String,
    /// The speech kept in its place, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_instead: Option<usize>,
    /// Junk texts cut out of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub junk_removed: Vec<String>,
}

/// What dedup does.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `keep[id]` for every speech.
    pub keep: Vec<bool>,
    /// Removed speeches, with reasons.
    pub removed: Vec<ManifestEntry>,
}

/// Decide which speeches stay.
///
/// A speech is removed only for a speech that is kept and holds it, by a
/// pair of the two themselves, so nothing a removed speech says is lost
/// beyond what that pair leaves out:
/// - a copy goes when it is a near-duplicate of its cluster's representative,
///   or of another copy kept. Clusters are joined link by link, so the first
///   and last of a chain of versions may be less alike than a near-duplicate
///   (73% of each in the other): such a copy is kept.
/// - with `drop_contained`, a speech goes when it is mostly inside a kept
///   speech, the largest shares first; a speech that has taken another's
///   place stays.
pub fn plan(r: &ScanReport, drop_contained: bool) -> Plan {
    let n = r.documents.len();
    let mut keep = vec![true; n];
    let mut removed = Vec::new();
    let title = |d: usize| r.documents[d].title.clone();
    let pairs: crate::FastMap<(usize, usize), &PairEntry> =
        r.pairs.iter().map(|p| ((p.a, p.b), p)).collect();
    let pair_of = |x: usize, y: usize| pairs.get(&(x.min(y), x.max(y))).copied();
    let near = |x: usize, y: usize| {
        pair_of(x, y)
            .filter(|p| p.relation == Relation::NearDuplicate)
            .map(|p| p.similarity)
    };
    // Speeches another speech was removed for: they stay.
    let mut pinned = vec![false; n];
    for c in &r.clusters {
        let rep = c.representative;
        let mut kept = vec![rep];
        let mut rest: Vec<usize> = c.documents.iter().copied().filter(|&d| d != rep).collect();
        // Those most like the representative first, so a chain is walked
        // from it outwards.
        let to_rep = |d: usize| pair_of(d, rep).map_or(0.0, |p| p.similarity);
        rest.sort_by(|&x, &y| to_rep(y).total_cmp(&to_rep(x)).then(x.cmp(&y)));
        for d in rest {
            let best = kept
                .iter()
                .filter_map(|&k| near(d, k).map(|s| (s, k)))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            let Some((sim, k)) = best else {
                kept.push(d);
                continue;
            };
            keep[d] = false;
            pinned[k] = true;
            let what = match k == rep {
                true => "the cleanest copy is kept",
                false => "a copy kept because it is less like the cleanest",
            };
            removed.push(entry(
                r,
                d,
                format!(
                    "duplicate of [{k}] {} (similarity {}%); {what}",
                    title(k),
                    crate::report::whole_percent(sim)
                ),
                Some(k),
            ));
        }
    }
    if drop_contained {
        let mut inner: Vec<(usize, usize, f64)> = r
            .pairs
            .iter()
            .filter(|p| p.relation == Relation::Contained)
            .map(|p| {
                if p.a_in_b >= p.b_in_a {
                    (p.a, p.b, p.a_in_b)
                } else {
                    (p.b, p.a, p.b_in_a)
                }
            })
            .collect();
        inner.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        for (small, host, share) in inner {
            // The host must stay: a removed copy's text is not in the output,
            // and a speech others were removed for is not removed itself.
            if keep[small] && keep[host] && !pinned[small] {
                keep[small] = false;
                pinned[host] = true;
                removed.push(entry(
                    r,
                    small,
                    format!(
                        "{}% of it stands in [{}] {}",
                        crate::report::whole_percent(share),
                        host,
                        title(host)
                    ),
                    Some(host),
                ));
            }
        }
    }
    removed.sort_by_key(|e| e.document);
    Plan { keep, removed }
}

fn entry(r: &ScanReport, d: usize, reason: String, kept_instead: Option<usize>) -> ManifestEntry {
    ManifestEntry {
        document: d,
        source: r.documents[d].source.clone(),
        title: r.documents[d].title.clone(),
        action: "removed".into(),
        reason,
        kept_instead,
        junk_removed: Vec::new(),
    }
}

/// Byte ranges of junk in each file (by file index), from the scan's junk list.
pub fn junk_ranges(corpus: &Corpus, r: &ScanReport) -> Vec<Vec<(Range<usize>, String)>> {
    let mut out = vec![Vec::new(); corpus.files.len()];
    for j in &r.junk {
        for o in &j.occurrences {
            if let Some(f) = corpus.files.iter().position(|f| f.path == o.source) {
                out[f].push((o.start..o.end, j.text.clone()));
            }
        }
    }
    for v in &mut out {
        v.sort_by_key(|(r, _)| (r.start, r.end));
        v.dedup_by(|b, a| b.0.start < a.0.end);
    }
    out
}

/// The text of `file` with removed speeches left out (heading and all) and,
/// if `junk` is given, those byte ranges cut (a range that is a whole line takes
/// its line break with it). Returns `None` when nothing of the file is kept.
pub fn rewrite(
    file: &SourceFile,
    documents: &[Document],
    keep: &[bool],
    junk: &[(Range<usize>, String)],
) -> Option<String> {
    let text: &str = &file.text;
    let mut cut: Vec<Range<usize>> = Vec::new();
    let docs = &file.documents;
    if !docs.is_empty() && docs.iter().all(|&d| !keep[d]) {
        return None;
    }
    for &d in docs {
        let piece = &file.pieces.pieces[documents[d].piece];
        if !keep[d] {
            let start = piece
                .heading_range
                .as_ref()
                .map_or(piece.body.start, |h| h.start);
            cut.push(start..line_end(text, piece.body.end));
        }
    }
    for (r, _) in junk {
        let (ls, le) = (line_start(text, r.start), line_end(text, r.end));
        let whole_line = text[ls..r.start].trim().is_empty()
            && text[r.end..le]
                .trim_end_matches(['\n', '\r'])
                .trim()
                .is_empty();
        cut.push(if whole_line { ls..le } else { r.clone() });
    }
    cut.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in cut {
        if r.start > at {
            out.push_str(&text[at..r.start]);
        }
        at = at.max(r.end);
    }
    out.push_str(&text[at.min(text.len())..]);
    Some(out)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// End of the line holding `at`, after its line break.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}
