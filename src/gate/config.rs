//! `taohua.toml` text → a validated [`Config`].
//!
//! Unknown keys, wrong types and bad values are errors that name the file, the
//! line and the dotted key (`taohua.toml:12: thresholds.copy.warn: …`). Every key
//! may be left out; the defaults are the values of [`INIT`], the commented file
//! that `taohua ci --init` writes.

use super::keys::{at, from_toml};
use crate::ingest::SplitRule;
use globset::GlobSet;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The name `taohua ci` looks for, walking up from its start folder.
pub const FILE_NAME: &str = "taohua.toml";

/// The commented default config `taohua ci --init` writes.
pub const INIT: &str = include_str!("default.toml");

/// A config that cannot be used, with where and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {}{message}", if key.is_empty() { String::new() } else { format!("{key}: ") })]
pub struct ConfigError {
    /// The config file as shown to the user.
    pub file: String,
    /// 1-based line of the offending key or value.
    pub line: usize,
    /// Dotted key (`thresholds.copy.warn`), empty when the text is not TOML at all.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// How strongly a finding speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Printed; the run still passes.
    Warn,
    /// The run fails (exit 1) unless the baseline accepts the finding.
    Fail,
}

/// A warn tier and a fail tier of one measure (either may be off).
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Warn from this value.
    pub warn: Option<f64>,
    /// Fail from this value.
    pub fail: Option<f64>,
}

impl Tier {
    fn new(warn: f64, fail: f64) -> Tier {
        Tier {
            warn: Some(warn),
            fail: Some(fail),
        }
    }

    /// The level a value reaches, with the threshold it reached.
    pub fn level(&self, value: f64) -> Option<(Level, f64)> {
        match (self.fail, self.warn) {
            (Some(f), _) if value >= f => Some((Level::Fail, f)),
            (_, Some(w)) if value >= w => Some((Level::Warn, w)),
            _ => None,
        }
    }

    /// The lowest value that reaches any level.
    pub fn lowest(&self) -> Option<f64> {
        self.warn.into_iter().chain(self.fail).reduce(f64::min)
    }
}

/// Which speeches the duplicate and junk checks cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every speech of the set.
    #[default]
    All,
    /// Only pairs and junk that involve a new document.
    New,
}

/// The thresholds of every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// 去除套话复制比 of a new document.
    pub copy: Tier,
    /// Similarity of two speeches (near-duplicates).
    pub similarity: Tier,
    /// Share of one speech inside another.
    pub containment: Tier,
    /// Level of site junk, `None` for off.
    pub junk: Option<Level>,
}

/// A validated `taohua.toml`. Paths are relative to the config file's folder.
#[derive(Debug, Clone)]
pub struct Config {
    /// The baseline file.
    pub baseline: String,
    /// Allowlist files.
    pub allowlist: Vec<String>,
    /// Extra junk patterns.
    pub junk_patterns: Vec<regex::Regex>,
    /// A jieba user dictionary.
    pub user_dict: Option<String>,
    /// Globs of the corpus.
    pub corpus: GlobSet,
    /// Globs of the new documents.
    pub new: GlobSet,
    /// Globs left out.
    pub exclude: GlobSet,
    /// Reach of the duplicate and junk checks.
    pub scope: Scope,
    /// How files are cut into speeches.
    pub split: SplitRule,
    /// When findings warn and fail.
    pub thresholds: Thresholds,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default = "default_baseline")]
    baseline: String,
    #[serde(default)]
    allowlist: Vec<String>,
    #[serde(default)]
    junk_patterns: Vec<Spanned<String>>,
    user_dict: Option<String>,
    #[serde(default)]
    documents: RawDocuments,
    #[serde(default)]
    split: RawSplit,
    #[serde(default)]
    thresholds: RawThresholds,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocuments {
    #[serde(default = "default_corpus")]
    corpus: Vec<Spanned<String>>,
    #[serde(default = "default_new")]
    new: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    scope: Scope,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSplit {
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    never: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    #[serde(default = "default_copy")]
    copy: Spanned<Tier>,
    #[serde(default = "default_similarity")]
    similarity: Spanned<Tier>,
    #[serde(default = "default_containment")]
    containment: Spanned<Tier>,
    #[serde(default = "default_junk")]
    junk: Switch,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Switch {
    Off,
    Warn,
    Fail,
}

fn default_baseline() -> String {
    "taohua-baseline.toml".into()
}
fn globs(list: &[&str]) -> Vec<Spanned<String>> {
    list.iter()
        .map(|g| Spanned::new(0..0, g.to_string()))
        .collect()
}
fn default_corpus() -> Vec<Spanned<String>> {
    globs(&["corpus/**/*.txt", "corpus/**/*.md"])
}
fn default_new() -> Vec<Spanned<String>> {
    globs(&["drafts/**/*.txt", "drafts/**/*.md"])
}
fn default_copy() -> Spanned<Tier> {
    Spanned::new(0..0, Tier::new(0.3, 0.5))
}
fn default_similarity() -> Spanned<Tier> {
    Spanned::new(0..0, Tier::new(0.8, 0.9))
}
fn default_containment() -> Spanned<Tier> {
    Spanned::new(0..0, Tier::new(0.6, 0.8))
}
fn default_junk() -> Switch {
    Switch::Warn
}

impl Default for RawDocuments {
    fn default() -> Self {
        RawDocuments {
            corpus: default_corpus(),
            new: default_new(),
            exclude: Vec::new(),
            scope: Scope::All,
        }
    }
}

impl Default for RawThresholds {
    fn default() -> Self {
        RawThresholds {
            copy: default_copy(),
            similarity: default_similarity(),
            containment: default_containment(),
            junk: default_junk(),
        }
    }
}

impl Config {
    /// Parse and validate the text of a config; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let err = |span: Range<usize>, message: String| at(text, file, span.start, message);
        let raw: Raw = toml::from_str(text).map_err(|e| from_toml(text, file, &e))?;
        let t = &raw.thresholds;
        for tier in [&t.copy, &t.similarity, &t.containment] {
            let Tier { warn, fail } = *tier.get_ref();
            if warn
                .into_iter()
                .chain(fail)
                .any(|v| !(0.0..=1.0).contains(&v))
            {
                return Err(err(
                    tier.span(),
                    "ratios go from 0 to 1 (write 0.3 for 30%)".into(),
                ));
            }
            if let (Some(w), Some(f)) = (warn, fail) {
                if w > f {
                    return Err(err(tier.span(), format!("warn ({w}) is above fail ({f})")));
                }
            }
        }
        // A pattern that takes every line (an empty match inside ordinary
        // text) is refused, as the command line's `--split` and
        // `--junk-pattern` refuse it.
        let regex = |s: &Spanned<String>, every_line_a: &str| {
            let re = regex::Regex::new(s.get_ref())
                .map_err(|e| err(s.span(), format!("not a valid regular expression: {e}")))?;
            match crate::ingest::matches_empty_in_lines(&re) {
                true => Err(err(s.span(), format!("matches empty text inside ordinary lines, so every line would be {every_line_a}; give a pattern that needs some text"))),
                false => Ok(re),
            }
        };
        let glob_set = |list: &[Spanned<String>]| {
            crate::ingest::glob_set(list.iter().map(|g| g.get_ref().as_str())).map_err(|(i, e)| {
                match i {
                    Some(i) => err(list[i].span(), format!("not a valid glob: {e}")),
                    None => err(0..0, e),
                }
            })
        };
        let split = match (&raw.split.pattern, raw.split.never) {
            (Some(p), true) => {
                return Err(err(
                    p.span(),
                    "set either `pattern` or `never = true`, not both".into(),
                ))
            }
            (Some(p), false) => SplitRule::Pattern(regex(p, "a heading")?),
            (None, true) => SplitRule::Never,
            (None, false) => SplitRule::Default,
        };
        Ok(Config {
            baseline: raw.baseline,
            allowlist: raw.allowlist,
            junk_patterns: raw
                .junk_patterns
                .iter()
                .map(|p| regex(p, "junk"))
                .collect::<Result<_, _>>()?,
            user_dict: raw.user_dict,
            corpus: glob_set(&raw.documents.corpus)?,
            new: glob_set(&raw.documents.new)?,
            exclude: glob_set(&raw.documents.exclude)?,
            scope: raw.documents.scope,
            split,
            thresholds: Thresholds {
                copy: *t.copy.get_ref(),
                similarity: *t.similarity.get_ref(),
                containment: *t.containment.get_ref(),
                junk: match t.junk {
                    Switch::Off => None,
                    Switch::Warn => Some(Level::Warn),
                    Switch::Fail => Some(Level::Fail),
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "taohua.toml")
    }

    #[test]
    fn the_init_file_is_the_defaults() {
        let init = parse(INIT).unwrap();
        let empty = parse("").unwrap();
        assert_eq!(init.thresholds, empty.thresholds);
        assert_eq!(init.baseline, "taohua-baseline.toml");
        assert_eq!(init.thresholds.copy, Tier::new(0.3, 0.5));
        assert_eq!(init.thresholds.junk, Some(Level::Warn));
        assert!(init.new.is_match("drafts/a/b.txt") && empty.new.is_match("drafts/a/b.txt"));
        assert!(init.corpus.is_match("corpus/x.md") && !init.corpus.is_match("drafts/x.md"));
        assert!(matches!(init.split, SplitRule::Default));
    }

    #[test]
    fn settings_are_read() {
        let c = parse(
            "baseline = \"b.toml\"\njunk_patterns = ['本站']\n[documents]\ncorpus = [\"a/*.txt\"]\nnew = [\"n/**\"]\nscope = \"new\"\n[split]\nnever = true\n[thresholds]\ncopy = { fail = 0.4 }\njunk = \"off\"\n[thresholds.similarity]\nwarn = 0.7\n",
        )
        .unwrap();
        assert_eq!(c.baseline, "b.toml");
        assert_eq!(c.scope, Scope::New);
        assert!(matches!(c.split, SplitRule::Never));
        assert!(c.corpus.is_match("a/x.txt") && !c.corpus.is_match("a/b/x.txt"));
        assert_eq!(c.thresholds.copy.level(0.45), Some((Level::Fail, 0.4)));
        assert_eq!(c.thresholds.copy.level(0.35), None);
        assert_eq!(
            c.thresholds.similarity.level(0.75),
            Some((Level::Warn, 0.7))
        );
        assert_eq!(c.thresholds.similarity.fail, None);
        assert_eq!(c.thresholds.junk, None);
        assert!(c.junk_patterns[0].is_match("本站"));
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_line() {
        let e = parse("baseline = \"b.toml\"\n\n[thresholds]\ncopy = { warn = 0.2 }\ncontainmnet = { fail = 0.9 }\n")
            .unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (5, "thresholds.containmnet"));
        assert!(e.message.starts_with("unknown key; expected one of"), "{e}");
        assert!(e
            .to_string()
            .starts_with("taohua.toml:5: thresholds.containmnet: unknown key"));
        let e = parse("[documents]\ncorpus = []\n[split]\npatern = 'x'\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (4, "split.patern"));
    }

    #[test]
    fn a_wrong_type_is_named_with_its_line() {
        let e = parse("[thresholds]\ncopy = { warn = 0.2, fail = \"high\" }\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "thresholds.copy.fail"), "{e}");
        let e = parse("\n\n[documents]\nnew = \"drafts\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (4, "documents.new"), "{e}");
        let e = parse("[thresholds]\njunk = \"loud\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "thresholds.junk"), "{e}");
        assert!(e.message.contains("unknown value"), "{e}");
    }

    #[test]
    fn bad_values_are_named() {
        let e = parse("[thresholds]\ncopy = { warn = 30, fail = 50 }\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "thresholds.copy"), "{e}");
        let e = parse("[thresholds]\nsimilarity = { warn = 0.9, fail = 0.8 }\n").unwrap_err();
        assert!(e.message.contains("above fail"), "{e}");
        let e = parse("[split]\npattern = '('\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "split.pattern"), "{e}");
        // Patterns that would take every line, as the flags refuse them.
        let e = parse("[split]\npattern = 'x*'\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "split.pattern"), "{e}");
        assert!(e.message.contains("every line would be a heading"), "{e}");
        let e = parse("junk_patterns = ['本站', 'a|']\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (1, "junk_patterns"), "{e}");
        assert!(parse("junk_patterns = ['^\\s*$']\n").is_ok());
        let e = parse("[documents]\ncorpus = ['a/[b']\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "documents.corpus"), "{e}");
        let e = parse("x = = 1\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
