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

/// Where a phrase occurs: a [`Span`] kept in 20 bytes instead of 40 (a report
/// of a large corpus holds tens of millions). Its text is
/// [`ScanReport::text_of`] its span. The start byte is held in 40 bits (a
/// file of up to a terabyte), the line count in 24; lengths, lines and line
/// counts past what they hold (a single occurrence of 4 GiB) are held as the
/// most they hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Occurrence {
    /// The start byte's low 32 bits.
    start: u32,
    /// The start byte's top 8 bits, then the line count.
    high: u32,
    document: u32,
    len: u32,
    start_line: u32,
}

/// Bits of [`Occurrence::high`] that hold the top of the start byte.
const START_HIGH_BITS: u32 = 8;
/// The most start byte and line count an occurrence holds.
const MAX_START: u64 = (1 << (32 + START_HIGH_BITS)) - 1;
const MAX_LINES: u32 = (1 << (32 - START_HIGH_BITS)) - 1;

impl Occurrence {
    /// The occurrence at `span`.
    pub fn new(span: &Span) -> Occurrence {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let start = (span.start as u64).min(MAX_START);
        let lines = narrow(span.end_line.saturating_sub(span.start_line)).min(MAX_LINES);
        Occurrence {
            start: start as u32,
            high: (start >> 32) as u32 | lines << START_HIGH_BITS,
            document: narrow(span.document),
            len: narrow(span.end.saturating_sub(span.start)),
            start_line: narrow(span.start_line),
        }
    }

    /// Where it is.
    pub fn span(&self) -> Span {
        let start = self.start();
        let lines = (self.high >> START_HIGH_BITS) as usize;
        Span {
            document: self.document as usize,
            start,
            end: start + self.len as usize,
            start_line: self.start_line as usize,
            end_line: self.start_line as usize + lines,
        }
    }

    /// The document it is in.
    pub fn document(&self) -> usize {
        self.document as usize
    }

    /// Its start byte in the file.
    pub fn start(&self) -> usize {
        ((self.high as u64 & ((1 << START_HIGH_BITS) - 1)) << 32 | self.start as u64) as usize
    }
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
    pub occurrences: Vec<Occurrence>,
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

/// A share as a whole percent, or to a tenth where rounding would make it
/// 100% (two law versions 99.6% alike are not shown as one text); without
/// the `%` sign.
pub fn whole_percent(x: f64) -> String {
    let x = x.clamp(0.0, 1.0) * 100.0;
    if x < 100.0 && x.round() >= 100.0 {
        format!("{:.1}", (x * 10.0).floor() / 10.0)
    } else {
        format!("{x:.0}")
    }
}

impl ScanReport {
    /// The text of a span of one of the report's speeches, as written (empty
    /// if the span is not inside its speech).
    pub fn text_of(&self, span: &Span) -> &str {
        let Some((text, at)) = self.speech(span.document) else {
            return "";
        };
        span.start
            .checked_sub(at)
            .zip(span.end.checked_sub(at))
            .and_then(|(s, e)| text.get(s, e))
            .unwrap_or("")
    }

    /// Speech `d`'s text and where it starts in its file.
    fn speech(&self, d: usize) -> Option<(&SharedText, usize)> {
        Some((self.texts.get(d)?, *self.offsets.get(d)?))
    }

    /// Each occurrence of `phrase` with its span and [`ScanReport::text_of`]
    /// it. The texts lie scattered over the corpus, so those of later
    /// occurrences are loaded ahead while earlier ones are used.
    pub fn occurrences_of<'a>(
        &'a self,
        phrase: &'a PhraseEntry,
    ) -> impl Iterator<Item = (Span, &'a str)> + 'a {
        let occ = &phrase.occurrences;
        occ.iter().enumerate().map(move |(x, o)| {
            crate::load_ahead(
                occ,
                x,
                |o| crate::prefetch(&self.texts, o.document()),
                |o| self.prefetch_text(o),
            );
            let span = o.span();
            let text = self.text_of(&span);
            (span, text)
        })
    }

    /// Start loading the text of `o`.
    fn prefetch_text(&self, o: &Occurrence) {
        if let Some((text, at)) = self.speech(o.document()) {
            if let Some(s) = o.start().checked_sub(at) {
                text.prefetch(s);
            }
        }
    }
}

mod check;
mod json;
pub use check::*;
pub use json::{PhraseJson, PhrasesJson};

mod text;
pub use text::SharedText;

#[cfg(test)]
mod tests;
