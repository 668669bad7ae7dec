//! The check half of the report model: what a draft copies and from where.

use crate::ingest::Skipped;
use crate::normalize::Normalized;
use crate::scan::round;
use crate::store::DocRef;
use serde::Serialize;
use std::ops::Range;

/// A draft file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftInfo {
    /// The draft's path as given.
    pub source: String,
    /// Characters that count (letters and digits).
    pub chars: usize,
}

/// Where a match sits in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftSpan {
    /// Start byte in the draft.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// First line (1-based).
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
}

/// Where a match sits in its source speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSpan {
    /// Id of the source speech in the corpus.
    pub document: usize,
    /// The source's number in this draft's ranked source list (1-based).
    pub number: usize,
    /// The source's file.
    pub source: String,
    /// The source's title.
    pub title: String,
    /// Start byte in the source file.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// First line.
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
}

/// One copied passage of a draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchEntry {
    /// In the draft.
    pub draft: DraftSpan,
    /// In the source.
    pub source: SourceSpan,
    /// Exactly equal characters over the passage's characters (1.0 = verbatim).
    pub similarity: f64,
    /// A stock phrase of the corpus or an allowlisted phrase: not counted as copying.
    pub boilerplate: bool,
    /// The draft's text of the passage.
    pub text: String,
    /// The source's text of the passage.
    pub source_text: String,
}

/// A source a draft copies from, ranked by how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// 1-based rank.
    pub number: usize,
    /// Corpus id of the speech.
    pub document: usize,
    /// File.
    pub source: String,
    /// Title.
    pub title: String,
    /// Share of the draft's characters copied from this source (boilerplate excluded).
    pub ratio: f64,
    /// Characters copied from it.
    pub chars: usize,
}

/// The copy ratio of one paragraph of the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphEntry {
    /// Line of the paragraph.
    pub line: usize,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Characters that count.
    pub chars: usize,
    /// Share copied (boilerplate excluded).
    pub copy_ratio: f64,
}

/// Everything found for one draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftReport {
    /// The draft.
    pub draft: DraftInfo,
    /// 总文字复制比: share of the draft's characters that are copied (boilerplate included).
    pub copy_ratio: f64,
    /// 去除套话复制比: the same without boilerplate.
    pub copy_ratio_excluding_boilerplate: f64,
    /// 单篇最大文字复制比: the largest share copied from one source.
    pub max_single_source_ratio: f64,
    /// The number of that source in `sources`.
    pub max_single_source: Option<usize>,
    /// Sources, most copied first.
    pub sources: Vec<SourceEntry>,
    /// Copied passages, in draft order.
    pub matches: Vec<MatchEntry>,
    /// Per-paragraph ratios, in draft order.
    pub paragraphs: Vec<ParagraphEntry>,
    /// The draft's text (for renderers; not serialised).
    #[serde(skip)]
    pub text: String,
}

/// Everything `check` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// [`super::REPORT_VERSION`].
    pub version: u32,
    /// Speeches in the corpus checked against.
    pub corpus_documents: usize,
    /// One entry per draft, in the order given.
    pub drafts: Vec<DraftReport>,
    /// Drafts or corpus inputs that could not be read.
    pub skipped: Vec<Skipped>,
}

/// One passage `check` found, in the terms of the report: normalised draft
/// characters (for the ratios) and bytes on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundPassage {
    /// Normalised characters of the draft.
    pub chars: Range<usize>,
    /// Bytes of the draft.
    pub draft: Range<usize>,
    /// Bytes of the source speech's text.
    pub source: Range<usize>,
    /// Exactly equal characters over the passage's characters.
    pub similarity: f64,
    /// Mostly stock phrase or allowlisted.
    pub boilerplate: bool,
    /// Normalised characters of the draft of the passage this one is a
    /// piece of (a list's copied items, its numbers cut out), or `chars`:
    /// whether it is stock wording is judged on the whole.
    pub whole: Range<usize>,
}

/// A source speech `check` aligned, with the passages it shares with the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSource<'a> {
    /// Corpus id.
    pub document: usize,
    /// Its file.
    pub source: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The speech text.
    pub text: &'a str,
    /// Byte offset of the text in its file.
    pub offset: usize,
    /// Line of the text's first line in its file.
    pub start_line: usize,
    /// The shared passages (not empty).
    pub passages: Vec<FoundPassage>,
}

impl<'a> FoundSource<'a> {
    /// Speech `document` of an index and its passages.
    pub fn new(document: usize, doc: DocRef<'a>, passages: Vec<FoundPassage>) -> Self {
        FoundSource {
            document,
            source: doc.source,
            title: doc.title,
            text: doc.text,
            offset: doc.offset,
            start_line: doc.start_line,
            passages,
        }
    }
}

/// Letters and digits of the original text behind each normalised character.
pub fn char_weights(text: &str, n: &Normalized) -> Vec<u32> {
    (0..n.len())
        .map(|i| {
            text[n.byte_range(i, i + 1)]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count() as u32
        })
        .collect()
}

impl DraftReport {
    /// The report of a draft (`text`, normalised as `norm`) from the sources
    /// found: the three ratios, ranked sources, matches in draft order and
    /// per-paragraph ratios.
    pub fn assemble(source: &str, text: &str, norm: &Normalized, found: &[FoundSource]) -> Self {
        let w = char_weights(text, norm);
        let total: u64 = w.iter().map(|&x| x as u64).sum();
        // Which draft characters `spans` cover, and their weight (each once).
        let mark = |spans: &mut dyn Iterator<Item = &FoundPassage>| {
            let mut m = vec![false; norm.len()];
            spans.for_each(|p| m[p.chars.clone()].fill(true));
            m
        };
        let weight =
            |m: &[bool]| -> u64 { m.iter().zip(&w).filter(|p| *p.0).map(|p| *p.1 as u64).sum() };
        let ratio = |x: u64| {
            if total == 0 {
                0.0
            } else {
                round(x as f64 / total as f64)
            }
        };
        let passages = || found.iter().flat_map(|f| f.passages.iter());
        let all = weight(&mark(&mut passages()));
        let copied_mark = mark(&mut passages().filter(|p| !p.boilerplate));
        let copied = weight(&copied_mark);
        let mut sources: Vec<SourceEntry> = found
            .iter()
            .map(|f| {
                let chars = weight(&mark(&mut f.passages.iter().filter(|p| !p.boilerplate)));
                SourceEntry {
                    number: 0,
                    document: f.document,
                    source: f.source.to_string(),
                    title: f.title.to_string(),
                    ratio: ratio(chars),
                    chars: chars as usize,
                }
            })
            .collect();
        sources.sort_by(|a, b| b.chars.cmp(&a.chars).then(a.document.cmp(&b.document)));
        for (i, s) in sources.iter_mut().enumerate() {
            s.number = i + 1;
        }
        let number: crate::FastMap<usize, usize> =
            sources.iter().map(|s| (s.document, s.number)).collect();
        let draft_lines = newlines(text);
        let mut matches = Vec::new();
        for f in found {
            let src_lines = newlines(f.text);
            for p in &f.passages {
                let (da, db) = (p.draft.clone(), p.source.clone());
                matches.push(MatchEntry {
                    draft: DraftSpan {
                        start: da.start,
                        end: da.end,
                        start_line: line(&draft_lines, 1, da.start),
                        end_line: line(&draft_lines, 1, da.end - 1),
                    },
                    source: SourceSpan {
                        document: f.document,
                        number: number[&f.document],
                        source: f.source.to_string(),
                        title: f.title.to_string(),
                        start: f.offset + db.start,
                        end: f.offset + db.end,
                        start_line: line(&src_lines, f.start_line, db.start),
                        end_line: line(&src_lines, f.start_line, db.end - 1),
                    },
                    similarity: p.similarity,
                    boilerplate: p.boilerplate,
                    text: text[da].to_string(),
                    source_text: f.text[db].to_string(),
                });
            }
        }
        matches.sort_by_key(|m| (m.draft.start, m.source.number));
        // Each paragraph's characters are a contiguous run of the stream (starts
        // and ends increase), found by binary search: linear in the draft.
        let paragraphs = crate::segment::paragraphs(text)
            .into_iter()
            .map(|p| {
                let lo = norm.starting_before(p.start);
                let hi = norm.first_ending_after(p.end);
                let inside = lo..hi.max(lo);
                let chars: u64 = inside.clone().map(|i| w[i] as u64).sum();
                let cov: u64 = inside
                    .filter(|&i| copied_mark[i])
                    .map(|i| w[i] as u64)
                    .sum();
                ParagraphEntry {
                    line: line(&draft_lines, 1, p.start),
                    start: p.start,
                    end: p.end,
                    chars: chars as usize,
                    copy_ratio: if chars == 0 {
                        0.0
                    } else {
                        round(cov as f64 / chars as f64)
                    },
                }
            })
            .collect();
        let max = sources.first().map_or(0.0, |s| s.ratio);
        DraftReport {
            draft: DraftInfo {
                source: source.to_string(),
                chars: total as usize,
            },
            copy_ratio: ratio(all),
            copy_ratio_excluding_boilerplate: ratio(copied),
            max_single_source_ratio: max,
            max_single_source: sources.first().filter(|s| s.chars > 0).map(|s| s.number),
            sources,
            matches,
            paragraphs,
            text: text.to_string(),
        }
    }
}

fn newlines(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

fn line(newlines: &[usize], first: usize, offset: usize) -> usize {
    first + newlines.partition_point(|&n| n < offset)
}
