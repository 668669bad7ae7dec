//! Speeches → the passages and stock phrases they share.
//!
//! Every character k-gram is counted in distinct speeches, where the copies of
//! one speech (a duplicate cluster) count once. In each cluster's representative
//! the positions whose k-gram is held by at least `min_docs` clusters form runs;
//! a run is cut where the set of clusters holding the k-gram changes, so each
//! phrase is maximal for its set of speeches and phrases are not substrings of
//! one another. Each phrase is then located in every speech that holds it, and
//! carried through the alignment into the other copies of its cluster, where a
//! masked wording (`以******同志为核心的党***周围`) becomes a listed variant.

use crate::fingerprint::{kgram_hashes, NO_HASH};
use crate::ingest::Document;
use crate::normalize::Normalized;
use crate::report::{JunkEntry, Occurrence, PhraseEntry, Variant};
use crate::scan::span;
use crate::twins::Alignments;
use crate::{FastMap, FastSet};
use rayon::prelude::*;

/// Shortest phrase, in characters (also the k-gram length).
pub const PHRASE_K: usize = 8;
/// Phrases up to this many characters are stock phrases; longer ones are passages.
pub const STOCK_MAX_CHARS: usize = 40;

/// Characters per partition of the k-gram count (bounds the memory of counting).
const CHARS_PER_PARTITION: usize = 8 << 20;

/// How many distinct clusters hold each k-gram, for the k-grams held by at least
/// `min_docs`. The hash space is cut into partitions counted one after another
/// (in parallel where cores allow), so memory stays bounded on large corpora:
/// only the shared k-grams are kept.
fn shared_counts(
    n: usize,
    group: &[usize],
    hashes_of: &(dyn Fn(usize) -> Vec<u64> + Sync),
    norms: &[&Normalized],
    min_docs: u32,
) -> FastMap<u64, u32> {
    let total: usize = norms.iter().map(|n| n.len()).sum();
    let parts = (total / CHARS_PER_PARTITION).max(1) as u64;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&d| (group[d], d));
    let maps: Vec<FastMap<u64, u32>> = (0..parts)
        .into_par_iter()
        .map(|p| {
            let mut held: FastMap<u64, (u32, u32)> = FastMap::default();
            for &d in &order {
                let g = group[d] as u32;
                for h in hashes_of(d) {
                    if h == NO_HASH || h % parts != p {
                        continue;
                    }
                    let e = held.entry(h).or_insert((0, u32::MAX));
                    if e.1 != g {
                        *e = (e.0 + 1, g);
                    }
                }
            }
            held.into_iter()
                .filter(|(_, (c, _))| *c >= min_docs)
                .map(|(h, (c, _))| (h, c))
                .collect()
        })
        .collect();
    let mut out = FastMap::default();
    for m in maps {
        out.extend(m);
    }
    out
}

/// Mine the shared phrases. `group[d]` is `d`'s cluster (its smallest member id
/// when it has copies); `aligned` carries positions from one copy to another.
pub fn mine(
    docs: &[Document],
    norms: &[&Normalized],
    group: &[usize],
    aligned: &Alignments,
    junk: &[JunkEntry],
    min_docs: usize,
) -> Vec<PhraseEntry> {
    let min_docs = min_docs.max(2) as u32;
    let hashes_of = |d: usize| line_bounded_hashes(docs[d].text(), norms[d]);
    let reps = representatives(docs, norms, group);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (d, &g) in group.iter().enumerate() {
        members[g].push(d);
    }
    let held = shared_counts(docs.len(), group, &hashes_of, norms, min_docs);
    let mut where_: FastMap<u64, Vec<(u32, u32)>> = FastMap::default();
    let rep_hashes: Vec<Vec<u64>> = reps.par_iter().map(|&d| hashes_of(d)).collect();
    for (&d, hs) in reps.iter().zip(&rep_hashes) {
        for (i, h) in hs.iter().enumerate() {
            if held.contains_key(h) {
                where_.entry(*h).or_default().push((d as u32, i as u32));
            }
        }
    }
    let junk_spans = JunkSpans::new(junk);
    let mut seen: FastSet<String> = FastSet::default();
    let mut out = Vec::new();
    for (&d, hs) in reps.iter().zip(&rep_hashes) {
        for (s, e) in runs(hs, &held, min_docs) {
            let key = key_of(norms[d], s, e);
            if !seen.insert(key.clone()) {
                continue;
            }
            let occ = locate(&key, &hs[s], &where_, norms);
            let groups: FastSet<usize> = occ.iter().map(|&(x, _)| group[x]).collect();
            if (groups.len() as u32) < min_docs {
                continue;
            }
            out.push(entry(
                docs,
                norms,
                group,
                &members,
                aligned,
                &occ,
                groups.len(),
                &key,
                &junk_spans,
            ));
        }
    }
    out.extend(shared_junk(docs, group, junk, min_docs));
    let mut out = maximal(out);
    out.sort_by(|a, b| {
        b.speeches
            .cmp(&a.speeches)
            .then(b.chars.cmp(&a.chars))
            .then_with(|| {
                (a.occurrences[0].span.document, a.occurrences[0].span.start)
                    .cmp(&(b.occurrences[0].span.document, b.occurrences[0].span.start))
            })
    });
    out
}

/// Where junk sits, per document, to tell a phrase that is junk from one that is not.
struct JunkSpans(FastMap<usize, Vec<(usize, usize)>>);

impl JunkSpans {
    fn new(junk: &[JunkEntry]) -> JunkSpans {
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
fn shared_junk(
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
                let span = crate::report::Span {
                    document: doc.id,
                    start: o.start,
                    end: o.end,
                    start_line: line,
                    end_line: line,
                };
                Some(Occurrence {
                    span,
                    text: doc.file_text()[o.start..o.end].to_string(),
                })
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

/// The k-gram hashes of the stock phrases (at most [`STOCK_MAX_CHARS`] long) used
/// by at least `min_docs` speeches, each speech counted on its own: what a check
/// treats as boilerplate.
pub fn stock_grams(docs: &[Document], norms: &[&Normalized], min_docs: usize) -> Vec<u64> {
    let group: Vec<usize> = (0..docs.len()).collect();
    let none = Alignments {
        chains: FastMap::default(),
        lead: &group,
    };
    let mut grams: Vec<u64> = mine(docs, norms, &group, &none, &[], min_docs)
        .into_iter()
        .filter(|p| p.kind == "stock-phrase")
        .flat_map(|p| kgram_hashes(&crate::normalize::normalize(&p.text).chars, PHRASE_K))
        .filter(|&h| h != NO_HASH)
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// k-gram hashes where windows that cross a line break never match.
fn line_bounded_hashes(text: &str, n: &Normalized) -> Vec<u64> {
    let mut h = kgram_hashes(&n.chars, PHRASE_K);
    let mut last_break: Option<usize> = None;
    for i in 1..n.len() {
        let gap = &text.as_bytes()[n.ends[i - 1] as usize..n.starts[i] as usize];
        if gap.contains(&b'\n') {
            last_break = Some(i);
        }
        // window starting at s covers s..s+k; it crosses the break at i when s < i < s+k
        if let Some(b) = last_break.filter(|&b| b == i) {
            for s in b.saturating_sub(PHRASE_K - 1)..b {
                if let Some(x) = h.get_mut(s) {
                    *x = NO_HASH;
                }
            }
        }
    }
    h
}

/// Is a phrase used by `more` speeches nearly the same as a longer one used by
/// `fewer` (at most a twentieth fewer, rounded down)? Then it adds nothing.
fn near(more: u32, fewer: u32) -> bool {
    more.saturating_sub(fewer) <= more / 20
}

/// Drop phrases that are part of a longer phrase used by (nearly) as many speeches.
fn maximal(mut list: Vec<PhraseEntry>) -> Vec<PhraseEntry> {
    list.sort_by(|a, b| b.chars.cmp(&a.chars).then(b.speeches.cmp(&a.speeches)));
    let keys: Vec<Vec<char>> = list
        .iter()
        .map(|p| crate::normalize::normalize(&p.text).chars)
        .collect();
    let mut by_gram: FastMap<u64, Vec<usize>> = FastMap::default();
    let mut keep = vec![true; list.len()];
    for i in 0..list.len() {
        let first = kgram_hashes(&keys[i], PHRASE_K)
            .first()
            .copied()
            .unwrap_or(NO_HASH);
        let inside = by_gram.get(&first).is_some_and(|qs| {
            qs.iter().any(|&q| {
                near(list[i].speeches as u32, list[q].speeches as u32)
                    && keys[q].windows(keys[i].len()).any(|w| w == &keys[i][..])
            })
        });
        if inside && list[i].kind != "junk" {
            keep[i] = false;
            continue;
        }
        let mut grams = kgram_hashes(&keys[i], PHRASE_K);
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            by_gram.entry(g).or_default().push(i);
        }
    }
    list.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// One member per cluster: the one whose text is cleanest is chosen by the
/// caller's grouping; here the member with fewest masks, then the longest.
fn representatives(docs: &[Document], norms: &[&Normalized], group: &[usize]) -> Vec<usize> {
    let mut best: FastMap<usize, usize> = FastMap::default();
    let masks = |d: usize| {
        norms[d]
            .chars
            .iter()
            .filter(|&&c| c == crate::normalize::MASK)
            .count()
    };
    for d in 0..docs.len() {
        let cur = best.entry(group[d]).or_insert(d);
        if (masks(d), std::cmp::Reverse(norms[d].len()), d)
            < (masks(*cur), std::cmp::Reverse(norms[*cur].len()), *cur)
        {
            *cur = d;
        }
    }
    let mut v: Vec<usize> = best.into_values().collect();
    v.sort_unstable();
    v
}

/// Candidate phrases of one speech: within each run of k-grams held by enough
/// clusters, every maximal stretch whose k-grams are all held by at least `L`
/// clusters, for each level `L` that occurs (a stretch that cannot grow without
/// losing speeches). Levels within a twentieth of the enclosing stretch's are skipped
/// as near-copies of it. Returns character ranges.
fn runs(hashes: &[u64], held: &FastMap<u64, u32>, min_docs: u32) -> Vec<(usize, usize)> {
    let count: Vec<u32> = hashes
        .iter()
        .map(|h| held.get(h).copied().unwrap_or(0))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < count.len() {
        if count[i] < min_docs {
            i += 1;
            continue;
        }
        let start = i;
        while i < count.len() && count[i] >= min_docs {
            i += 1;
        }
        let mut stack = vec![(start, i, 0u32)];
        while let Some((s, e, parent)) = stack.pop() {
            let level = *count[s..e].iter().min().expect("non-empty");
            if parent == 0 || !near(level, parent) {
                out.push((s, e - 1 + PHRASE_K));
            }
            let mut j = s;
            while j < e {
                if count[j] == level {
                    j += 1;
                    continue;
                }
                let from = j;
                while j < e && count[j] > level {
                    j += 1;
                }
                stack.push((
                    from,
                    j,
                    if parent == 0 || !near(level, parent) {
                        level
                    } else {
                        parent
                    },
                ));
            }
        }
    }
    out
}

fn key_of(n: &Normalized, s: usize, e: usize) -> String {
    n.chars[s..e.min(n.len())].iter().collect()
}

/// Every (document, start) in the representatives where `key` occurs.
fn locate(
    key: &str,
    first: &u64,
    where_: &FastMap<u64, Vec<(u32, u32)>>,
    norms: &[&Normalized],
) -> Vec<(usize, usize)> {
    let k: Vec<char> = key.chars().collect();
    let mut out: Vec<(usize, usize)> = where_
        .get(first)
        .map(|l| {
            l.iter()
                .map(|&(d, p)| (d as usize, p as usize))
                .filter(|&(d, p)| norms[d].chars.get(p..p + k.len()) == Some(&k[..]))
                .collect()
        })
        .unwrap_or_default();
    out.sort_unstable();
    out
}

#[allow(clippy::too_many_arguments)] // one call site; the pieces are the scan's own state
fn entry(
    docs: &[Document],
    norms: &[&Normalized],
    group: &[usize],
    members: &[Vec<usize>],
    aligned: &Alignments,
    occ: &[(usize, usize)],
    speeches: usize,
    key: &str,
    junk_spans: &JunkSpans,
) -> PhraseEntry {
    let len = key.chars().count();
    let mut occurrences = Vec::new();
    let mut variants: FastMap<String, Vec<usize>> = FastMap::default();
    for &(d, p) in occ {
        occurrences.push(occurrence(docs, norms, d, p, p + len));
        for &m in members[group[d]].iter().filter(|&&m| m != d) {
            if let Some((s, e)) = aligned.project(d, m, p, p + len) {
                let o = occurrence(docs, norms, m, s, e);
                let vkey: String = norms[m].string(s, e);
                if vkey != key {
                    variants.entry(o.text.clone()).or_default().push(m);
                }
                occurrences.push(o);
            }
        }
    }
    occurrences.sort_by_key(|o| (o.span.document, o.span.start));
    occurrences.dedup();
    let mut documents: Vec<usize> = occurrences.iter().map(|o| o.span.document).collect();
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
        .any(|o| junk_spans.covers(o.span.document, o.span.start, o.span.end));
    PhraseEntry {
        text: occurrences
            .iter()
            .find(|o| o.span.document == occ[0].0)
            .map(|o| o.text.clone())
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

fn occurrence(
    docs: &[Document],
    norms: &[&Normalized],
    d: usize,
    s: usize,
    e: usize,
) -> Occurrence {
    let sp = span(&docs[d], norms[d], s, e);
    let text = docs[d].file_text()[sp.start..sp.end].to_string();
    Occurrence { span: sp, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_stretches_keep_a_core_used_by_clearly_more_speeches() {
        // k-gram support along one speech: a long stretch held by 51, inside it a
        // core held by 63, inside that a part held by 63 as well (not emitted twice).
        let hashes: Vec<u64> = (1..=12).collect();
        let counts = [51, 51, 63, 63, 63, 63, 63, 63, 51, 51, 0, 0];
        let held: FastMap<u64, u32> = hashes
            .iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|(h, c)| (*h, c))
            .collect();
        let mut got = runs(&hashes, &held, 2);
        got.sort_unstable();
        assert_eq!(got, vec![(0, 9 + PHRASE_K), (2, 7 + PHRASE_K)]);
    }

    #[test]
    fn near_counts_are_one_phrase() {
        assert!(near(63, 63) && near(63, 61));
        assert!(!near(63, 57) && !near(3, 2));
    }
}
