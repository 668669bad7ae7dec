//! A document set, its `taohua.toml` and a baseline → a [`GateReport`]: the CI verdict.
//!
//! Input: a [`Config`] (parsed from `taohua.toml`, see [`config`]), the [`Set`] of
//! speeches its globs select (read by [`load`]: the only part that touches files),
//! allowlisted phrases and a [`Baseline`]. Output: [`findings::run`] gives every
//! finding at or above a warn tier, each marked accepted when the baseline
//! accepts it, with a summary that decides the exit code.
//!
//! The checks:
//! * **copy**: every new document is checked (as `taohua check` does) against the
//!   rest of the set, the corpus and the other new documents; its 去除套话复制比 is
//!   measured against the `copy` tiers. Stock phrases are mined from the corpus
//!   only, so new documents never turn copied text into boilerplate.
//! * **near-duplicate** and **contained**: the whole set is scanned (as `taohua
//!   scan` does) and every related pair is measured against the `similarity` and
//!   `containment` tiers; a pair gives one finding, of the kind that reaches the
//!   higher level (near-duplicate on a tie). With `scope = "new"` only pairs with a
//!   new document count. A pair's finding is about its new speech, or, when both
//!   are new or both old, about the contained speech or the later copy.
//! * **junk**: site junk inside a speech in scope, at the `junk` level.
//!
//! Invariants: findings are sorted (document path, line, kind, source), every
//! location carries the 1-based lines of the file, so the same set gives the same
//! report byte for byte whatever the thread count. The library never prints.

pub mod baseline;
pub mod config;
pub mod findings;
mod keys;
mod set;

pub use baseline::{Baseline, Entry, Key};
pub use config::{Config, ConfigError, Level, Scope, Tier, FILE_NAME, INIT};
pub use set::{display_root, find_config, load, selects, Role, Set};

use crate::ingest::Skipped;
use serde::Serialize;

/// Version of the CI report format; bumped on any incompatible change.
pub const GATE_VERSION: u32 = 1;

/// A speech of the set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeechRef {
    /// Its file, as shown to the user (relative to the current folder when inside it).
    pub path: String,
    /// Its heading, or the file stem.
    pub title: String,
    /// Its name in the baseline: path relative to the config's folder, `#heading` in a compilation.
    pub key: String,
    /// Corpus or new document.
    pub role: Role,
    /// First line in the file.
    pub start_line: usize,
    /// Last line in the file.
    pub end_line: usize,
}

impl SpeechRef {
    /// The speech as `path`, or `path «title»` when its file is a compilation.
    pub fn label(&self) -> String {
        if self.key.contains('#') {
            format!("{} «{}»", self.path, self.title)
        } else {
            self.path.clone()
        }
    }
}

/// Lines of another speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file.
    pub path: String,
    /// The speech's title.
    pub title: String,
    /// First line.
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
}

impl Location {
    /// Up to `n` locations, the longest first chosen, returned in file order,
    /// and how many were left out.
    pub fn longest(all: &[Location], n: usize) -> (Vec<&Location>, usize) {
        let mut pick: Vec<&Location> = all.iter().collect();
        pick.sort_by_key(|l| (std::cmp::Reverse(l.chars), l.start_line, l.end_line));
        pick.truncate(n);
        pick.sort_by_key(|l| (l.start_line, l.end_line, std::cmp::Reverse(l.chars)));
        (pick, all.len().saturating_sub(n))
    }
}

impl Place {
    /// `path`, or `path «title»` when the title is a heading (not the file stem).
    pub fn label(&self) -> String {
        let stem = std::path::Path::new(&self.path)
            .file_stem()
            .map(|s| s.to_string_lossy());
        if stem.as_deref() == Some(self.title.as_str()) {
            self.path.clone()
        } else {
            format!("{} «{}»", self.path, self.title)
        }
    }
}

/// Where a finding shows in its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// First line in the document's file.
    pub start_line: usize,
    /// Last line.
    pub end_line: usize,
    /// The same text in the source speech, for copies and pairs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Place>,
    /// Letters and digits of the text there.
    pub chars: usize,
    /// The start of the text there (at most 40 characters).
    pub excerpt: String,
}

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A new document copies from the rest of the set.
    Copy,
    /// Two speeches are one speech.
    NearDuplicate,
    /// One speech is mostly inside another.
    Contained,
    /// Site junk in a speech.
    Junk,
}

impl Kind {
    /// The name used in reports, rule ids and the baseline.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Copy => "copy",
            Kind::NearDuplicate => "near-duplicate",
            Kind::Contained => "contained",
            Kind::Junk => "junk",
        }
    }

    /// Every kind, in report order.
    pub const ALL: [Kind; 4] = [Kind::Copy, Kind::NearDuplicate, Kind::Contained, Kind::Junk];

    /// One line on what the check measures.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Copy => "A new document copies text from the rest of the set (去除套话复制比: stock phrases left out).",
            Kind::NearDuplicate => "Two speeches of the set are the same speech.",
            Kind::Contained => "One speech of the set is mostly inside another.",
            Kind::Junk => "Text injected by an essay site sits in a speech.",
        }
    }
}

/// One thing the gate found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// Warn or fail.
    pub level: Level,
    /// The baseline accepts it: it never fails the run.
    pub accepted: bool,
    /// The speech it is about.
    pub document: SpeechRef,
    /// The other speech (the main source of a copy, the other of a pair).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SpeechRef>,
    /// The junk text, for junk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub junk: Option<String>,
    /// The measure: a ratio (copy, similarity, containment) or, for junk, occurrences.
    pub value: f64,
    /// The tier it reached.
    pub threshold: f64,
    /// The value its baseline entry recorded, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_value: Option<f64>,
    /// One sentence for people, starting with the document's label.
    pub message: String,
    /// Where it shows in the document, in file order.
    pub locations: Vec<Location>,
}

impl Finding {
    /// The finding's key in the baseline. A copy is keyed by its document alone:
    /// its ratio is measured against the whole set, whichever speech is the main
    /// source, and its value guards it from growing.
    pub fn key(&self) -> Key {
        Key {
            document: self.document.key.clone(),
            kind: self.kind.as_str().to_string(),
            source: match (self.kind, &self.source, &self.junk) {
                (Kind::Copy, _, _) => String::new(),
                (_, _, Some(j)) => j.clone(),
                (_, Some(s), None) => s.key.clone(),
                (_, None, None) => String::new(),
            },
        }
    }

    /// Does it fail the run?
    pub fn fails(&self) -> bool {
        self.level == Level::Fail && !self.accepted
    }
}

/// Counts that decide the verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Speeches in the set.
    pub documents: usize,
    /// New documents among them.
    pub new_documents: usize,
    /// Fail-tier findings the baseline does not accept (any makes the run fail).
    pub failures: usize,
    /// Warn-tier findings the baseline does not accept.
    pub warnings: usize,
    /// Findings the baseline accepts.
    pub accepted: usize,
    /// Baseline entries that match no finding any more.
    pub stale_baseline_entries: usize,
}

/// Everything `taohua ci` found.
///
/// # Format
///
/// As JSON: `version`, `config` and `baseline` (the files as shown), `documents`
/// (every speech: `path`, `title`, `key`, `role`, `start_line`, `end_line`),
/// `findings` (each with `kind`, `level`, `accepted`, `document`, `source` or
/// `junk`, `value`, `threshold`, `baseline_value`, `message` and `locations` of
/// `start_line`, `end_line`, `source` lines, `chars` and `excerpt`), `summary` and `skipped`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateReport {
    /// [`GATE_VERSION`].
    pub version: u32,
    /// The config file.
    pub config: String,
    /// The baseline file.
    pub baseline: String,
    /// The speeches, in set order.
    pub documents: Vec<SpeechRef>,
    /// The findings, sorted.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
    /// Files that could not be read.
    pub skipped: Vec<Skipped>,
}

impl GateReport {
    /// Every finding as a baseline entry (what `--update-baseline` writes).
    pub fn to_baseline(&self) -> Baseline {
        Baseline::new(
            self.findings
                .iter()
                .map(|f| {
                    let k = f.key();
                    Entry {
                        document: k.document,
                        kind: k.kind,
                        source: k.source,
                        value: f.value,
                    }
                })
                .collect(),
        )
    }
}
