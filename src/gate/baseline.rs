//! The baseline: findings accepted as known, as a small TOML file → [`Baseline`].
//!
//! # Format (version 1)
//!
//! ```toml
//! version = 1
//!
//! [[finding]]
//! document = "drafts/a.txt"
//! kind = "contained"
//! source = "corpus/kaifaqu-19.txt#全市开发区工作会议讲话精神篇四"
//! value = 0.9902
//!
//! [[finding]]
//! document = "drafts/a.txt"
//! kind = "copy"
//! value = 0.8123
//! ```
//!
//! An entry is keyed by the speech the finding is about, its kind and its source
//! (the other speech of a pair, or the junk text; a copy has none, as its ratio
//! is measured against the whole set), never by byte offsets or lines, so it
//! survives edits elsewhere in the files. A speech is its path relative to the
//! config file's folder, with `#` and its heading when the file is a compilation.
//! An entry accepts its finding while the finding's value has not grown by more
//! than [`TOLERANCE`] over the recorded one: a draft that copies more than was
//! accepted fails again. Entries are sorted, so a rewrite is a reviewable diff.

use serde::{Deserialize, Serialize};

/// How much a finding's value may grow over its baseline value and still pass.
pub const TOLERANCE: f64 = 0.05;

/// What identifies a finding across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The speech the finding is about.
    pub document: String,
    /// `copy`, `near-duplicate`, `contained` or `junk`.
    pub kind: String,
    /// The other speech, or the junk text; empty for a copy.
    pub source: String,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The speech the finding is about.
    pub document: String,
    /// The kind of finding.
    pub kind: String,
    /// The other speech, or the junk text (none for a copy).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The value when it was accepted (a ratio; for junk, the occurrences).
    pub value: f64,
}

impl Entry {
    /// The entry's key.
    pub fn key(&self) -> Key {
        Key {
            document: self.document.clone(),
            kind: self.kind.clone(),
            source: self.source.clone(),
        }
    }
}

/// Accepted findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    /// The entries, sorted by key.
    pub entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: toml::Spanned<u32>,
    #[serde(default)]
    finding: Vec<Entry>,
}

const HEADER: &str =
    "# Findings of `taohua ci` accepted as known; written by `taohua ci --update-baseline`.\n\
# A finding passes while it is listed here and its value has not grown by more than 0.05.\n\
# Review changes to this file like any other change.\n\n";

impl Baseline {
    /// Parse a baseline file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Baseline, super::ConfigError> {
        let f: File = toml::from_str(text).map_err(|e| super::keys::from_toml(text, file, &e))?;
        let version = *f.version.get_ref();
        if version != 1 {
            let message = format!("baseline version {version} is not one this taohua reads (1)");
            return Err(super::keys::at(text, file, f.version.span().start, message));
        }
        let known = |k: &str| super::Kind::ALL.iter().any(|x| x.as_str() == k);
        if let Some(e) = f.finding.iter().find(|e| !known(&e.kind)) {
            // The entry's line: where its kind is written.
            let at = ["\"", "'"]
                .iter()
                .filter_map(|q| text.find(&format!("{q}{}{q}", e.kind)))
                .min()
                .unwrap_or(0);
            let kinds: Vec<&str> = super::Kind::ALL.iter().map(|k| k.as_str()).collect();
            let message = format!(
                "unknown kind {:?}; a finding is one of {}",
                e.kind,
                kinds.join(", ")
            );
            return Err(super::keys::at(text, file, at, message));
        }
        Ok(Baseline::new(f.finding))
    }

    /// A baseline of these entries (sorted; for one key the last entry wins).
    pub fn new(mut entries: Vec<Entry>) -> Baseline {
        entries.sort_by_key(Entry::key);
        entries.dedup_by(|later, earlier| {
            let same = later.key() == earlier.key();
            if same {
                earlier.value = later.value;
            }
            same
        });
        Baseline { entries }
    }

    /// The entry with this key.
    pub fn get(&self, key: &Key) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.key().cmp(key))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// Does the baseline accept a finding with this key and value?
    pub fn accepts(&self, key: &Key, value: f64) -> bool {
        self.get(key)
            .is_some_and(|e| value <= e.value + TOLERANCE + 1e-9)
    }

    /// The file text: a comment, `version = 1` and the sorted entries.
    pub fn render(&self) -> String {
        let file = File {
            version: toml::Spanned::new(0..0, 1),
            finding: self.entries.clone(),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!("{HEADER}{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(document: &str, kind: &str, source: &str, value: f64) -> Entry {
        Entry {
            document: document.into(),
            kind: kind.into(),
            source: source.into(),
            value,
        }
    }

    #[test]
    fn matching_is_by_key_and_tolerates_small_growth() {
        let b = Baseline::new(vec![
            entry("d/b.txt", "copy", "c/a.txt#篇四", 0.6),
            entry("d/a.txt", "near-duplicate", "c/a.txt#篇五", 0.95),
        ]);
        let key = b.entries[1].key();
        assert_eq!(key.document, "d/b.txt");
        assert!(b.accepts(&key, 0.6));
        assert!(b.accepts(&key, 0.64));
        assert!(b.accepts(&key, 0.2));
        assert!(
            !b.accepts(&key, 0.7),
            "a finding that grew is no longer accepted"
        );
        let other = Key {
            source: "c/a.txt#篇六".into(),
            ..key.clone()
        };
        assert!(!b.accepts(&other, 0.1));
        let other_kind = Key {
            kind: "contained".into(),
            ..key
        };
        assert!(!b.accepts(&other_kind, 0.1));
    }

    #[test]
    fn render_is_sorted_and_round_trips() {
        let b = Baseline::new(vec![
            entry("z.txt", "junk", "本文由 某网 整理", 2.0),
            entry("a.txt", "copy", "c.txt", 0.5),
            entry("a.txt", "copy", "c.txt", 0.55),
        ]);
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries[0].value, 0.55);
        let text = b.render();
        assert!(text.starts_with("# Findings"));
        assert!(text.find("a.txt").unwrap() < text.find("z.txt").unwrap());
        assert!(text.contains("[[finding]]"));
        assert_eq!(Baseline::parse(&text, "b.toml").unwrap(), b);
        assert_eq!(Baseline::new(b.entries.clone()).render(), text);
    }

    #[test]
    fn a_bad_baseline_names_the_line() {
        let e = Baseline::parse(
            "version = 1\n[[finding]]\ndocument = 'a'\nkind = 'copy'\nsource = 'b'\nvalu = 1\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (6, "finding.valu"), "{e}");
        let e = Baseline::parse("# a comment\nversion = 2\n", "b.toml").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "version"), "{e}");
        let e = Baseline::parse(
            "version = 1\n\n[[finding]]\ndocument = 'a'\nkind = 'kopy'\nvalue = 0.5\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        assert!(e.message.contains("unknown kind \"kopy\""), "{e}");
        assert_eq!(
            Baseline::parse("version = 1\n", "b.toml").unwrap(),
            Baseline::default()
        );
    }
}
