//! What the scan page embeds, packed: rows as arrays (the script's `unpack`
//! names the fields), sources and titles front-coded, shares rounded, at most
//! [`MAX_PHRASES`] phrases and [`MAX_TEMPLATES`] templates with capped lists
//! (their full counts beside them), passages in UTF-16 units of the speech text,
//! and the texts of the speeches in some pair stored once ([`super::delta`]) in
//! a second blob that the page parses when a pair is opened. The JSON report
//! has everything; this is what the views show.

use super::delta::{self, Stored};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use taohua::cluster::Relation;
use taohua::report::{ScanReport, Span, Variant};

/// Most phrases and templates the page carries (the most used).
pub(super) const MAX_PHRASES: usize = 2000;
pub(super) const MAX_TEMPLATES: usize = 1000;
/// Most occurrences, members, fillers and speeches listed per row.
const MAX_LIST: usize = 20;
const MAX_DOCS: usize = 12;

/// The first blob: everything but the texts.
#[derive(Serialize)]
pub(super) struct ScanData<'a> {
    kind: &'static str,
    /// UTF-16 units the labels drop from the titles (their shared prefix).
    cut: usize,
    docs: Vec<Doc<'a>>,
    pairs: Vec<Pair>,
    /// `[id, representative, members]`.
    clusters: Vec<(usize, usize, &'a [usize])>,
    phrases: Vec<Phrase<'a>>,
    templates: Vec<Template<'a>>,
    junk: Vec<Junk<'a>>,
    /// Full counts of what is capped.
    total: Totals,
}

/// `[shared, rest]` of the source, then of the title (front-coded against the
/// previous speech), start line, end line, characters, masks.
type Doc<'a> = (usize, &'a str, usize, &'a str, usize, usize, usize, usize);

/// `[a, b, contained?, similarity, a in b, b in a, simhash distance, passages]`;
/// passages flat, 9 numbers each: a start, a end, a first line, a last line,
/// the same for b, chars.
type Pair = (usize, usize, u8, f64, f64, f64, u32, Vec<usize>);

/// `[kind, text, speeches, chars, occurrences, [first occurrences], [variants]]`.
type Phrase<'a> = (
    &'a str,
    &'a str,
    usize,
    usize,
    usize,
    Vec<Occ<'a>>,
    Vec<Var<'a>>,
);

/// `[skeleton, speeches, members, [first members], [first fillers of each slot]]`.
type Template<'a> = (&'a str, usize, usize, Vec<Var<'a>>, Vec<&'a [String]>);

/// `[text, reason, speeches, [first speeches], occurrences, [[source, line]]]`.
type Junk<'a> = (
    &'a str,
    &'a str,
    usize,
    &'a [usize],
    usize,
    Vec<(&'a str, usize)>,
);

#[derive(Serialize)]
struct Totals {
    phrases: usize,
    templates: usize,
}

/// `[doc, line]`, or `[doc, line, text]` when the text is not the phrase's.
#[derive(Serialize)]
#[serde(untagged)]
enum Occ<'a> {
    Same(usize, usize),
    Other(usize, usize, &'a str),
}

/// `[text, speeches, [first speeches]]`.
type Var<'a> = (&'a str, usize, &'a [usize]);

fn var(v: &Variant) -> Var<'_> {
    (
        &v.text,
        v.documents.len(),
        &v.documents[..v.documents.len().min(MAX_DOCS)],
    )
}

/// A share with four decimals (the page shows one decimal of a percentage).
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Length in bytes of the longest common prefix of `a` and `b` that ends on a
/// character boundary, and the same in UTF-16 units.
fn common(a: &str, b: &str) -> (usize, usize) {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .fold((0, 0), |(n8, n16), (c, _)| {
            (n8 + c.len_utf8(), n16 + c.len_utf16())
        })
}

/// Byte offset into `text` → UTF-16 index, for sorted look-ups.
struct Utf16<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl Utf16<'_> {
    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            (self.byte, self.unit) = (0, 0);
        }
        let part = self.text.get(self.byte..byte).unwrap_or("");
        self.unit += part.chars().map(char::len_utf16).sum::<usize>();
        self.byte = byte;
        self.unit
    }
}

/// A passage span as UTF-16 indices into its speech's text.
fn units<'a>(r: &'a ScanReport, s: &Span, index: &mut HashMap<usize, Utf16<'a>>) -> (usize, usize) {
    let off = r.offsets.get(s.document).copied().unwrap_or(0);
    let text = r.texts.get(s.document).map_or("", |t| t.as_str());
    let ix = index.entry(s.document).or_insert(Utf16 {
        text,
        byte: 0,
        unit: 0,
    });
    let start = ix.at(s.start.saturating_sub(off));
    (start, ix.at(s.end.saturating_sub(off)).max(start))
}

/// The page's data, and its texts: speech id → text or pieces.
pub(super) fn pack(r: &ScanReport, cut: usize) -> (ScanData<'_>, BTreeMap<usize, Stored>) {
    let (mut src, mut title) = ("", "");
    let docs = r
        .documents
        .iter()
        .map(|d| {
            let (s8, s16) = common(src, &d.source);
            let (t8, t16) = common(title, &d.title);
            (src, title) = (&d.source, &d.title);
            (
                s16,
                &d.source[s8..],
                t16,
                &d.title[t8..],
                d.start_line,
                d.end_line,
                d.chars,
                d.masks,
            )
        })
        .collect();
    let mut index = HashMap::new();
    let pairs = r
        .pairs
        .iter()
        .map(|p| {
            let mut flat = Vec::with_capacity(9 * p.passages.len());
            for ps in &p.passages {
                let (a0, a1) = units(r, &ps.a, &mut index);
                let (b0, b1) = units(r, &ps.b, &mut index);
                flat.extend([a0, a1, ps.a.start_line, ps.a.end_line]);
                flat.extend([b0, b1, ps.b.start_line, ps.b.end_line, ps.chars]);
            }
            let rel = u8::from(p.relation == Relation::Contained);
            let sims = (round(p.similarity), round(p.a_in_b), round(p.b_in_a));
            (
                p.a,
                p.b,
                rel,
                sims.0,
                sims.1,
                sims.2,
                p.simhash_distance,
                flat,
            )
        })
        .collect();
    let phrases = r
        .phrases
        .iter()
        .take(MAX_PHRASES)
        .map(|p| {
            let occ = r.occurrences_of(p).take(MAX_LIST).map(|(o, text)| {
                if text == p.text {
                    Occ::Same(o.document, o.start_line)
                } else {
                    Occ::Other(o.document, o.start_line, text)
                }
            });
            let vars = p.variants.iter().take(MAX_LIST).map(var).collect();
            (
                p.kind.as_str(),
                p.text.as_str(),
                p.speeches,
                p.chars,
                p.occurrences.len(),
                occ.collect(),
                vars,
            )
        })
        .collect();
    let templates = r
        .templates
        .iter()
        .take(MAX_TEMPLATES)
        .map(|t| {
            let members = t.members.iter().take(MAX_LIST).map(var).collect();
            let slots = t
                .slots
                .iter()
                .map(|s| &s[..s.len().min(MAX_LIST)])
                .collect();
            (
                t.skeleton.as_str(),
                t.speeches,
                t.members.len(),
                members,
                slots,
            )
        })
        .collect();
    let junk = r
        .junk
        .iter()
        .map(|j| {
            let occ = j
                .occurrences
                .iter()
                .take(MAX_LIST)
                .map(|o| (o.source.as_str(), o.line));
            let first = &j.documents[..j.documents.len().min(MAX_DOCS)];
            (
                j.text.as_str(),
                j.reason.as_str(),
                j.documents.len(),
                first,
                j.occurrences.len(),
                occ.collect(),
            )
        })
        .collect();
    let data = ScanData {
        kind: "scan",
        cut,
        docs,
        pairs,
        clusters: r
            .clusters
            .iter()
            .map(|c| (c.id, c.representative, c.documents.as_slice()))
            .collect(),
        phrases,
        templates,
        junk,
        total: Totals {
            phrases: r.phrases.len(),
            templates: r.templates.len(),
        },
    };
    (data, texts(r))
}

/// The texts of the speeches in some pair: cluster representatives first, then
/// by id; each may copy from the related speeches stored before it (most similar first).
fn texts(r: &ScanReport) -> BTreeMap<usize, Stored> {
    let mut related: HashMap<usize, Vec<(f64, usize)>> = HashMap::new();
    for p in &r.pairs {
        related.entry(p.a).or_default().push((p.similarity, p.b));
        related.entry(p.b).or_default().push((p.similarity, p.a));
    }
    let related: HashMap<usize, Vec<usize>> = related
        .into_iter()
        .map(|(id, mut v)| {
            v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            (id, v.into_iter().map(|(_, b)| b).collect())
        })
        .collect();
    let mut order: Vec<usize> = r.clusters.iter().map(|c| c.representative).collect();
    let mut in_pair: Vec<usize> = related.keys().copied().collect();
    in_pair.sort_unstable();
    order.extend(in_pair);
    let texts: Vec<&str> = r.texts.iter().map(|t| t.as_str()).collect();
    delta::store(&texts, &order, &related)
}
