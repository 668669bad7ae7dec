//! The check half of the report model: what a draft copies and from where.

use crate::ingest::Skipped;
use serde::Serialize;

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
