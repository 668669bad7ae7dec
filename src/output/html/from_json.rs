//! A harness to work on the scan page without rescanning: read a saved
//! `taohua scan --format json` report back (the report model serialises only),
//! take each speech's text from its file again, and render the page.
//!
//! ```sh
//! TAOHUA_JSON=scan.json TAOHUA_HTML=scan.html [TAOHUA_BASE=dir] \
//!   cargo test --release --bin taohua html_from_json -- --ignored --nocapture
//! ```
//!
//! Sources in the report are resolved against `TAOHUA_BASE` (default: the
//! current folder, as the scan ran). Only speeches one per file or split by
//! lines are rebuilt (byte offsets are recomputed from the line numbers).

use serde::Deserialize;
use std::collections::HashMap;
use taohua::report::*;

#[derive(Deserialize)]
struct JSpan {
    document: usize,
    start: usize,
    end: usize,
    start_line: usize,
    end_line: usize,
}

impl From<JSpan> for Span {
    fn from(s: JSpan) -> Span {
        Span {
            document: s.document,
            start: s.start,
            end: s.end,
            start_line: s.start_line,
            end_line: s.end_line,
        }
    }
}

#[derive(Deserialize)]
struct JDoc {
    id: usize,
    source: String,
    title: String,
    start_line: usize,
    end_line: usize,
    chars: usize,
    masks: usize,
}

#[derive(Deserialize)]
struct JPassage {
    a: JSpan,
    b: JSpan,
    chars: usize,
}

#[derive(Deserialize)]
struct JPair {
    a: usize,
    b: usize,
    relation: String,
    similarity: f64,
    a_in_b: f64,
    b_in_a: f64,
    simhash_distance: u32,
    passages: Vec<JPassage>,
}

#[derive(Deserialize)]
struct JCluster {
    id: usize,
    documents: Vec<usize>,
    representative: usize,
}

#[derive(Deserialize)]
struct JVariant {
    text: String,
    documents: Vec<usize>,
}

#[derive(Deserialize)]
struct JPhrase {
    text: String,
    kind: String,
    documents: Vec<usize>,
    speeches: usize,
    chars: usize,
    /// Each occurrence's `text` is taken from the speech again.
    occurrences: Vec<JSpan>,
    #[serde(default)]
    variants: Vec<JVariant>,
}

#[derive(Deserialize)]
struct JTemplate {
    skeleton: String,
    members: Vec<JVariant>,
    slots: Vec<Vec<String>>,
    speeches: usize,
}

#[derive(Deserialize)]
struct JJunkOcc {
    source: String,
    document: Option<usize>,
    start: usize,
    end: usize,
    line: usize,
}

#[derive(Deserialize)]
struct JJunk {
    text: String,
    documents: Vec<usize>,
    reason: String,
    occurrences: Vec<JJunkOcc>,
}

#[derive(Deserialize)]
struct JSkipped {
    path: String,
    reason: String,
}

#[derive(Deserialize)]
struct JStats {
    files: usize,
    documents: usize,
    chars: usize,
    candidate_pairs: usize,
    comparisons: u64,
}

#[derive(Deserialize)]
struct JReport {
    version: u32,
    regime: String,
    documents: Vec<JDoc>,
    pairs: Vec<JPair>,
    clusters: Vec<JCluster>,
    phrases: Vec<JPhrase>,
    templates: Vec<JTemplate>,
    junk: Vec<JJunk>,
    skipped: Vec<JSkipped>,
    stats: JStats,
}

fn variant(v: JVariant) -> Variant {
    Variant {
        text: v.text,
        documents: v.documents,
    }
}

/// The speech body of `doc` in its file: (text, byte offset in the file).
fn body(files: &mut HashMap<String, String>, base: &str, d: &JDoc) -> (String, usize) {
    let file = files.entry(d.source.clone()).or_insert_with(|| {
        let path = std::path::Path::new(base).join(&d.source);
        let t = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t)
    });
    let mut starts = vec![0];
    starts.extend(file.match_indices('\n').map(|(i, _)| i + 1));
    let start = starts[d.start_line - 1];
    let end = starts.get(d.end_line).map_or(file.len(), |&next| next - 1);
    (file[start..end].to_string(), start)
}

fn read(json: &str, base: &str) -> ScanReport {
    let f = std::io::BufReader::new(std::fs::File::open(json).expect("the JSON report"));
    let j: JReport = serde_json::from_reader(f).expect("a scan report");
    let mut files = HashMap::new();
    let (texts, offsets): (Vec<String>, Vec<usize>) = j
        .documents
        .iter()
        .map(|d| body(&mut files, base, d))
        .unzip();
    ScanReport {
        version: j.version,
        regime: match j.regime.as_str() {
            "exact" => taohua::candidates::Regime::Exact,
            _ => taohua::candidates::Regime::Indexed,
        },
        documents: j
            .documents
            .into_iter()
            .map(|d| DocumentEntry {
                id: d.id,
                source: d.source,
                title: d.title,
                start_line: d.start_line,
                end_line: d.end_line,
                chars: d.chars,
                masks: d.masks,
            })
            .collect(),
        pairs: j
            .pairs
            .into_iter()
            .map(|p| PairEntry {
                a: p.a,
                b: p.b,
                relation: if p.relation == "contained" {
                    taohua::cluster::Relation::Contained
                } else {
                    taohua::cluster::Relation::NearDuplicate
                },
                similarity: p.similarity,
                a_in_b: p.a_in_b,
                b_in_a: p.b_in_a,
                simhash_distance: p.simhash_distance,
                passages: p
                    .passages
                    .into_iter()
                    .map(|s| Passage {
                        a: s.a.into(),
                        b: s.b.into(),
                        chars: s.chars,
                    })
                    .collect(),
            })
            .collect(),
        clusters: j
            .clusters
            .into_iter()
            .map(|c| ClusterEntry {
                id: c.id,
                documents: c.documents,
                representative: c.representative,
            })
            .collect(),
        phrases: j
            .phrases
            .into_iter()
            .map(|p| PhraseEntry {
                text: p.text,
                kind: p.kind,
                documents: p.documents,
                speeches: p.speeches,
                chars: p.chars,
                occurrences: p
                    .occurrences
                    .into_iter()
                    .map(|o| Occurrence::new(&o.into()))
                    .collect(),
                variants: p.variants.into_iter().map(variant).collect(),
            })
            .collect(),
        templates: j
            .templates
            .into_iter()
            .map(|t| TemplateEntry {
                skeleton: t.skeleton,
                members: t.members.into_iter().map(variant).collect(),
                slots: t.slots,
                speeches: t.speeches,
            })
            .collect(),
        junk: j
            .junk
            .into_iter()
            .map(|k| JunkEntry {
                text: k.text,
                documents: k.documents,
                reason: k.reason,
                occurrences: k
                    .occurrences
                    .into_iter()
                    .map(|o| JunkOccurrence {
                        source: o.source,
                        document: o.document,
                        start: o.start,
                        end: o.end,
                        line: o.line,
                    })
                    .collect(),
            })
            .collect(),
        skipped: j
            .skipped
            .into_iter()
            .map(|s| taohua::ingest::Skipped {
                path: s.path,
                reason: s.reason,
            })
            .collect(),
        stats: Stats {
            files: j.stats.files,
            documents: j.stats.documents,
            chars: j.stats.chars,
            candidate_pairs: j.stats.candidate_pairs,
            comparisons: j.stats.comparisons,
        },
        texts: texts.into_iter().map(Into::into).collect(),
        offsets,
    }
}

#[test]
#[ignore]
fn html_from_json() {
    let (Ok(json), Ok(html)) = (std::env::var("TAOHUA_JSON"), std::env::var("TAOHUA_HTML")) else {
        eprintln!("set TAOHUA_JSON and TAOHUA_HTML");
        return;
    };
    let base = std::env::var("TAOHUA_BASE").unwrap_or_else(|_| ".".into());
    let t = std::time::Instant::now();
    let r = read(&json, &base);
    eprintln!("read {} speeches in {:?}", r.documents.len(), t.elapsed());
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    super::scan(&r, &mut out).expect("renders");
    eprintln!("rendered {} bytes in {:?}", out.len(), t.elapsed());
    std::fs::write(&html, out).expect("written");
}
