//! The command line (clap lives here and nowhere else).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find the template text (套话) in collections of Chinese speeches.
#[derive(Debug, Parser)]
#[command(name = "taohua", version, about, long_about = None)]
pub struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
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
    /// built-in `…篇N` heading rule.
    #[arg(long, value_name = "REGEX", conflicts_with = "no_split")]
    pub split: Option<String>,
    /// Never split files: each file is one speech.
    #[arg(long)]
    pub no_split: bool,
    /// File extensions taken from folders, comma-separated.
    #[arg(long, value_name = "EXT,...", value_delimiter = ',', default_value = "txt,md")]
    pub ext: Vec<String>,
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
    /// Fewest distinct speeches a stock phrase must appear in (copies of one speech count once).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_docs: usize,
    /// Extra site-junk pattern (regular expression); may be repeated.
    #[arg(long = "junk-pattern", value_name = "REGEX")]
    pub junk_patterns: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
