//! The command line (clap lives here and nowhere else).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find the template text (套话) in collections of Chinese speeches.
#[derive(Debug, Parser)]
#[command(name = "taohua", version, about, long_about = None)]
pub struct Cli {
    /// Worker threads, 1 to 1024 (default: all cores).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// When to colour the human report.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find duplicate speeches, copied passages, stock phrases and site junk.
    Scan(ScanArgs),
    /// List the stock phrases and templates of a collection.
    Phrases(PhrasesArgs),
    /// Write the collection back without duplicate speeches (and junk).
    Dedup(DedupArgs),
    /// Check drafts against a corpus or an index for copied text (查重).
    Check(CheckArgs),
    /// Build an index file of a corpus (`index PATH... -o FILE`), or add to one (`index add FILE PATH...`).
    Index(IndexArgs),
    /// Gate a document set in CI: thresholds from taohua.toml, a baseline, exit codes.
    Ci(CiArgs),
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Report formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// A report for people (the default).
    Human,
    /// The JSON report contract.
    Json,
    /// One self-contained HTML page (use with -o FILE).
    Html,
}

/// How inputs are read (shared by every subcommand that reads a corpus).
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Split compilations at lines matching this regular expression instead of the
    /// built-in heading rules (`…篇N`, `…第N篇`, `…范文N`, `篇N：…`, `第N篇…`, or a numbered series of titles).
    #[arg(long, value_name = "REGEX", conflicts_with = "no_split")]
    pub split: Option<String>,
    /// Never split files: each file is one speech.
    #[arg(long)]
    pub no_split: bool,
    /// File extensions taken from folders, comma-separated.
    #[arg(
        long,
        value_name = "EXT,...",
        value_delimiter = ',',
        default_value = "txt,md"
    )]
    pub ext: Vec<String>,
    /// Leave out what lies in a given folder and matches this glob: a file
    /// or folder name (`SOURCE.md`, `drafts`) or a path below the folder
    /// (`2025-*/*.txt`, `**/README.md`); may be repeated. Files named on the
    /// command line are always read.
    #[arg(long, short = 'E', value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// A jieba user dictionary (one `word [freq] [tag]` per line).
    #[arg(long, value_name = "FILE")]
    pub user_dict: Option<PathBuf>,
}

/// `taohua scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ScanFormat::Human)]
    pub format: ScanFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub mining: MiningArgs,
}

/// Phrase and junk mining flags (shared by scan and phrases).
#[derive(Debug, Clone, Args)]
pub struct MiningArgs {
    /// Fewest distinct speeches a shared phrase must appear in (copies of one speech
    /// count once); default: 2, or one in a thousand speeches for large collections.
    #[arg(long, value_name = "N", value_parser = parse_min_docs)]
    pub min_docs: Option<usize>,
    #[command(flatten)]
    pub junk: JunkArgs,
}

/// Site-junk flags (shared by scan, phrases and dedup; dedup mines no phrases).
#[derive(Debug, Clone, Args)]
pub struct JunkArgs {
    /// Extra site-junk pattern (regular expression); may be repeated.
    #[arg(long = "junk-pattern", value_name = "REGEX")]
    pub junk_patterns: Vec<String>,
}

/// Formats of `phrases`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PhrasesFormat {
    /// A table for people (the default).
    Human,
    /// JSON: phrases and templates.
    Json,
    /// One stock phrase per line: a file for `check --allowlist` and taohua.toml.
    Allowlist,
}

/// `taohua phrases`.
#[derive(Debug, Args)]
pub struct PhrasesArgs {
    /// Files, folders or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub mining: MiningArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PhrasesFormat::Human)]
    pub format: PhrasesFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `taohua dedup`.
#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Files, folders or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where to write: a file when the input is one file, else a new folder.
    #[arg(long, short = 'o', value_name = "OUT", required = true)]
    pub output: PathBuf,
    /// Cut site junk out of the speeches kept.
    #[arg(long)]
    pub strip_junk: bool,
    /// Also drop speeches that are mostly inside another kept speech.
    #[arg(long)]
    pub drop_contained: bool,
    /// Where to write the manifest (JSON); default: OUT.manifest.json.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub junk: JunkArgs,
}

/// Report formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// The draft with copied text marked, ratios on top (the default).
    Human,
    /// The JSON report contract.
    Json,
    /// One self-contained HTML page (use with -o FILE).
    Html,
}

/// Which ratio `--max-copy` limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RatioKind {
    /// 去除套话复制比: copied text without boilerplate.
    ExcludingBoilerplate,
    /// 总文字复制比: all copied text.
    Total,
    /// 单篇最大文字复制比: the most copied from one source.
    SingleSource,
}

/// `taohua check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Draft files to check (each file is one draft; `-` reads stdin). Give
    /// them before `--against`, which takes every path after it.
    #[arg(value_name = "DRAFT")]
    pub drafts: Vec<PathBuf>,
    /// The corpus: files and folders of speeches, or one index file built by `taohua index`.
    #[arg(long, short = 'a', required = true, num_args = 1.., value_name = "CORPUS_OR_INDEX")]
    pub against: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// A file of phrases (one per line) to treat as boilerplate, e.g. from `taohua phrases --format allowlist`.
    #[arg(long, value_name = "FILE")]
    pub allowlist: Vec<PathBuf>,
    /// Exit 1 when a draft's ratio is above this: 0.3 or 30% (a bare number above 1 is a percentage: 1.5 is 1.5%, 1 is 100%).
    #[arg(long, value_name = "RATIO", value_parser = parse_ratio)]
    pub max_copy: Option<f64>,
    /// The ratio `--max-copy` limits.
    #[arg(long, value_enum, default_value_t = RatioKind::ExcludingBoilerplate)]
    pub ratio: RatioKind,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `taohua index`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct IndexArgs {
    /// Add speeches to an existing index.
    #[command(subcommand)]
    pub action: Option<IndexAction>,
    /// Files and folders of the corpus.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The index file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// `taohua index add`.
#[derive(Debug, Subcommand)]
pub enum IndexAction {
    /// Add the speeches of PATH... to the index FILE (rewritten atomically).
    Add {
        /// The index to extend.
        #[arg(value_name = "FILE")]
        index: PathBuf,
        /// Files and folders to add.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        input: InputArgs,
    },
}

/// Report formats of `ci`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiFormat {
    /// Findings for people (the default).
    Human,
    /// JSON.
    Json,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
    /// JUnit XML, one test case per document.
    Junit,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

/// `taohua ci`.
#[derive(Debug, Args)]
pub struct CiArgs {
    /// Where to start looking for taohua.toml (walking up); default: the current folder.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Use this config file instead of searching for taohua.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Write a commented default taohua.toml (in PATH or the current folder) and exit.
    #[arg(long)]
    pub init: bool,
    /// Accept every current finding: write them to the baseline file and exit 0.
    #[arg(long)]
    pub update_baseline: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CiFormat::Human)]
    pub format: CiFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Parse `--min-docs`: a phrase is shared by two speeches or more.
fn parse_min_docs(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 2 => Ok(n),
        Ok(_) => Err(format!(
            "{s} is too few: a shared phrase is in at least 2 speeches; give 2 or more"
        )),
        Err(_) => Err(format!("{s:?} is not a number of speeches; give 2 or more")),
    }
}

/// Parse `0.3`, `30%` or `30` (percent when above 1) into a ratio.
pub fn parse_ratio(s: &str) -> Result<f64, String> {
    let (num, pct) = match s.strip_suffix('%') {
        Some(n) => (n, true),
        None => (s, false),
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a ratio; write 0.3 or 30%"))?;
    let v = if pct || v > 1.0 { v / 100.0 } else { v };
    if !(0.0..=1.0).contains(&v) {
        return Err(format!("{s:?} is not between 0 and 100%"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn ratios_parse_as_users_write_them() {
        assert_eq!(parse_min_docs("3"), Ok(3));
        assert!(parse_min_docs("1").unwrap_err().contains("at least 2"));
        assert!(parse_min_docs("x").is_err());
        assert_eq!(parse_ratio("0.3"), Ok(0.3));
        assert_eq!(parse_ratio("30%"), Ok(0.3));
        assert_eq!(parse_ratio("30"), Ok(0.3));
        assert!(parse_ratio("abc").is_err());
        assert!(parse_ratio("130%").is_err());
    }
}
