//! The one report model: what `scan` and `check` found, ready to render.
//!
//! # Format
//!
//! Serialised as JSON it is the contract in `DESIGN.md`: a scan report has
//! `version`, `documents`, `pairs`, `clusters`, `phrases`, `templates`, `junk`,
//! `skipped` and `stats`; a check report has `version`, `drafts` and `skipped`.
//! Byte offsets (`start`, `end`) are into the text of the file as read (UTF-8,
//! BOM removed); lines are 1-based lines of that file. Every list is sorted, so
//! the same input gives the same bytes whatever the thread count.

use crate::candidates::Regime;
use crate::cluster::Relation;
use crate::ingest::Skipped;
use serde::Serialize;

/// Version of the report format; bumped on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// A span of a file: byte offsets and lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Document id (in the report's `documents`, or the source's id in a check).
    pub document: usize,
    /// Start byte in the file.
    pub start: usize,
    /// End byte in the file (exclusive).
    pub end: usize,
    /// First line (1-based).
    pub start_line: usize,
    /// Last line (1-based).
    pub end_line: usize,
}

/// A speech as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentEntry {
    /// Id used by every other part of the report.
    pub id: usize,
    /// The file.
    pub source: String,
    /// Heading line, or file stem.
    pub title: String,
    /// First line of the speech in the file.
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
    /// Characters that count (letters and digits).
    pub chars: usize,
    /// Masks (`******`, `xx`, …) in the speech.
    pub masks: usize,
}

/// A passage two speeches share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Where it is in the first speech.
    pub a: Span,
    /// Where it is in the second.
    pub b: Span,
    /// Characters of the passage in `a`.
    pub chars: usize,
}

/// Two speeches that are one speech, or one inside the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairEntry {
    /// First speech (the smaller id).
    pub a: usize,
    /// Second speech.
    pub b: usize,
    /// near-duplicate or contained.
    pub relation: Relation,
    /// Shared characters of both over all characters of both.
    pub similarity: f64,
    /// Share of `a` inside `b`.
    pub a_in_b: f64,
    /// Share of `b` inside `a`.
    pub b_in_a: f64,
    /// Hamming distance of the two speeches' weighted simhashes (of 64 bits).
    pub simhash_distance: u32,
    /// The aligned passages, in order in `a`.
    pub passages: Vec<Passage>,
}

/// Speeches that are one speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterEntry {
    /// 1-based cluster number.
    pub id: usize,
    /// Member document ids.
    pub documents: Vec<usize>,
    /// The cleanest member.
    pub representative: usize,
}

/// A wording of a phrase and the speeches that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The wording.
    pub text: String,
    /// Speeches that use it.
    pub documents: Vec<usize>,
}

/// A passage shared by at least two different speeches (copies of one speech count once).
///
/// Serialised through its report ([`ScanReport::phrase_json`]), which holds
/// the text of each occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseEntry {
    /// The text as first written.
    pub text: String,
    /// `stock-phrase` (short formula) or `passage` (a longer copied passage).
    pub kind: String,
    /// Speeches that hold it (all copies).
    pub documents: Vec<usize>,
    /// Distinct speeches, one per duplicate cluster.
    pub speeches: usize,
    /// Characters that count.
    pub chars: usize,
    /// Every occurrence. Its text, as written (masks and all), is
    /// [`ScanReport::text_of`] it: a large report holds tens of millions.
    pub occurrences: Vec<Span>,
    /// Other wordings of the same formula (masked forms, older and newer 提法).
    pub variants: Vec<Variant>,
}

/// A sentence skeleton shared by speeches, with its slots.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateEntry {
    /// The skeleton, `…` marking each slot.
    pub skeleton: String,
    /// The sentences that fill it, with their speeches.
    pub members: Vec<Variant>,
    /// For each slot, the distinct fillers seen.
    pub slots: Vec<Vec<String>>,
    /// Distinct speeches that use it.
    pub speeches: usize,
}

/// Text injected by an essay site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JunkEntry {
    /// The text.
    pub text: String,
    /// Speeches it sits in (empty for a compilation's preamble).
    pub documents: Vec<usize>,
    /// Why it is junk.
    pub reason: String,
    /// Every occurrence.
    pub occurrences: Vec<JunkOccurrence>,
}

/// Where a piece of junk sits: in a speech, or in a compilation's preamble.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JunkOccurrence {
    /// The file.
    pub source: String,
    /// The speech, or none for a preamble.
    pub document: Option<usize>,
    /// Start byte in the file.
    pub start: usize,
    /// End byte in the file.
    pub end: usize,
    /// Line (1-based).
    pub line: usize,
}

/// Figures about the run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Files read.
    pub files: usize,
    /// Speeches.
    pub documents: usize,
    /// Characters that count, in all speeches.
    pub chars: usize,
    /// Candidate pairs aligned.
    pub candidate_pairs: usize,
    /// Postings compared while finding candidates.
    pub comparisons: u64,
}

/// Everything `scan` found.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanReport {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// How candidate pairs were found.
    pub regime: Regime,
    /// The speeches.
    pub documents: Vec<DocumentEntry>,
    /// Related pairs, by `a` then `b`.
    pub pairs: Vec<PairEntry>,
    /// Duplicate clusters, largest first.
    pub clusters: Vec<ClusterEntry>,
    /// Shared passages and stock phrases, most used first.
    pub phrases: Vec<PhraseEntry>,
    /// Sentence templates, most used first.
    pub templates: Vec<TemplateEntry>,
    /// Site junk.
    pub junk: Vec<JunkEntry>,
    /// Inputs that could not be read.
    pub skipped: Vec<Skipped>,
    /// Figures.
    pub stats: Stats,
    /// Each document's speech text, by id (for renderers; not serialised).
    pub texts: Vec<SharedText>,
    /// Byte offset of each speech text within its file (for renderers; not serialised).
    pub offsets: Vec<usize>,
}

impl ScanReport {
    /// The text of a span of one of the report's speeches, as written (empty
    /// if the span is not inside its speech).
    pub fn text_of(&self, span: &Span) -> &str {
        let d = span.document;
        let (Some(text), Some(&at)) = (self.texts.get(d), self.offsets.get(d)) else {
            return "";
        };
        span.start
            .checked_sub(at)
            .zip(span.end.checked_sub(at))
            .and_then(|(s, e)| text.get(s..e))
            .unwrap_or("")
    }

    /// A phrase, serialisable as the contract has it: each occurrence flat, the
    /// span's fields then its `text`.
    pub fn phrase_json<'a>(&'a self, phrase: &'a PhraseEntry) -> PhraseJson<'a> {
        PhraseJson {
            phrase,
            report: self,
        }
    }

    /// The phrases, serialisable (see [`ScanReport::phrase_json`]).
    pub fn phrases_json(&self) -> PhrasesJson<'_> {
        PhrasesJson(self)
    }
}

// By hand, as the derived one would be but for the phrases, whose occurrences'
// texts are the report's.
impl Serialize for ScanReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("ScanReport", 10)?;
        m.serialize_field("version", &self.version)?;
        m.serialize_field("regime", &self.regime)?;
        m.serialize_field("documents", &self.documents)?;
        m.serialize_field("pairs", &self.pairs)?;
        m.serialize_field("clusters", &self.clusters)?;
        m.serialize_field("phrases", &self.phrases_json())?;
        m.serialize_field("templates", &self.templates)?;
        m.serialize_field("junk", &self.junk)?;
        m.serialize_field("skipped", &self.skipped)?;
        m.serialize_field("stats", &self.stats)?;
        m.end()
    }
}

/// A report's phrases, to serialise.
pub struct PhrasesJson<'a>(&'a ScanReport);

impl Serialize for PhrasesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.phrases.iter().map(|p| self.0.phrase_json(p)))
    }
}

/// A phrase with the report that holds its texts, to serialise.
pub struct PhraseJson<'a> {
    phrase: &'a PhraseEntry,
    report: &'a ScanReport,
}

impl Serialize for PhraseJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = self.phrase;
        let fields = if p.variants.is_empty() { 6 } else { 7 };
        let mut m = s.serialize_struct("PhraseEntry", fields)?;
        m.serialize_field("text", &p.text)?;
        m.serialize_field("kind", &p.kind)?;
        m.serialize_field("documents", &p.documents)?;
        m.serialize_field("speeches", &p.speeches)?;
        m.serialize_field("chars", &p.chars)?;
        m.serialize_field("occurrences", &OccurrencesJson(self))?;
        if !p.variants.is_empty() {
            m.serialize_field("variants", &p.variants)?;
        }
        m.end()
    }
}

/// A phrase's occurrences, to serialise.
struct OccurrencesJson<'a>(&'a PhraseJson<'a>);

impl Serialize for OccurrencesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let PhraseJson { phrase, report } = self.0;
        s.collect_seq(phrase.occurrences.iter().map(|o| OccurrenceJson {
            span: o,
            text: report.text_of(o),
        }))
    }
}

/// An occurrence: flat, the span's fields then `text`.
struct OccurrenceJson<'a> {
    span: &'a Span,
    text: &'a str,
}

impl Serialize for OccurrenceJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Occurrence", 6)?;
        m.serialize_field("document", &self.span.document)?;
        m.serialize_field("start", &self.span.start)?;
        m.serialize_field("end", &self.span.end)?;
        m.serialize_field("start_line", &self.span.start_line)?;
        m.serialize_field("end_line", &self.span.end_line)?;
        m.serialize_field("text", self.text)?;
        m.end()
    }
}

/// A piece of text (a speech, an occurrence of a phrase), shared with the file
/// it was read from: a report of a large corpus holds no second copy of it.
#[derive(Debug, Clone)]
pub struct SharedText {
    file: std::sync::Arc<str>,
    range: std::ops::Range<usize>,
}

impl SharedText {
    /// The text at `range` of a file's text.
    pub fn new(file: std::sync::Arc<str>, range: std::ops::Range<usize>) -> SharedText {
        SharedText { file, range }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.file[self.range.clone()]
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        let range = 0..s.len();
        SharedText {
            file: s.into(),
            range,
        }
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

mod check;
pub use check::*;
