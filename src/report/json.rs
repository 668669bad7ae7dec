//! The scan report as the JSON contract has it. Derived `Serialize` writes
//! every part but the phrases, whose occurrences take their text from the
//! report's speech texts.

use super::{PhraseEntry, ScanReport, Span};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

impl ScanReport {
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.phrases.iter().map(|p| self.0.phrase_json(p)))
    }
}

/// A phrase with the report that holds its texts, to serialise.
pub struct PhraseJson<'a> {
    phrase: &'a PhraseEntry,
    report: &'a ScanReport,
}

impl Serialize for PhraseJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let PhraseJson { phrase, report } = self.0;
        s.collect_seq(
            report
                .occurrences_of(phrase)
                .map(|(span, text)| OccurrenceJson { span, text }),
        )
    }
}

/// An occurrence: flat, the span's fields then `text`.
struct OccurrenceJson<'a> {
    span: Span,
    text: &'a str,
}

impl Serialize for OccurrenceJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
