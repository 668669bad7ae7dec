//! Dispatch: one file per subcommand, each `run(args, &Ctx) -> anyhow::Result<ExitCode>`.

mod check;
mod ci;
mod dedup;
mod guard;
mod index;
mod phrases;
mod scan;

use crate::cli::{Cli, ColorChoice, Command, InputArgs, JunkArgs};
use anyhow::Context;
pub use guard::{absolute, guard_output, same_file};
use std::io::IsTerminal;
use std::process::ExitCode;
use taohua::ingest::{matches_empty_in_lines, IngestOptions, SplitRule};

/// What every subcommand gets besides its own arguments.
pub struct Ctx {
    /// Colour the human report.
    pub color: bool,
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
            .context("--threads: cannot start the thread pool")?;
    }
    let ctx = Ctx {
        color: match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        },
    };
    match cli.command {
        Command::Scan(args) => scan::run(args, &ctx),
        Command::Check(args) => check::run(args, &ctx),
        Command::Phrases(args) => phrases::run(args, &ctx),
        Command::Dedup(args) => dedup::run(args, &ctx),
        Command::Index(args) => index::run(args, &ctx),
        Command::Ci(args) => ci::run(args, &ctx),
    }
}

/// Turn the shared input flags into ingest options.
pub fn ingest_options(args: &InputArgs) -> anyhow::Result<IngestOptions> {
    let split = if args.no_split {
        SplitRule::Never
    } else if let Some(p) = &args.split {
        let re = regex::Regex::new(p).map_err(|e| taohua::error::Error::BadSplit {
            pattern: p.clone(),
            message: e.to_string(),
        })?;
        if matches_empty_in_lines(&re) {
            anyhow::bail!("--split {p:?} matches empty text inside ordinary lines, so every line would be a heading; give a pattern that needs some text");
        }
        SplitRule::Pattern(re)
    } else {
        SplitRule::Default
    };
    Ok(IngestOptions {
        extensions: args
            .ext
            .iter()
            .map(|e| e.trim_start_matches('.').to_string())
            .collect(),
        split,
        exclude: exclude_globs(&args.exclude)?,
    })
}

/// The `--exclude` globs, one set; a glob that does not parse is named.
fn exclude_globs(globs: &[String]) -> anyhow::Result<globset::GlobSet> {
    taohua::ingest::glob_set(globs.iter().map(String::as_str)).map_err(|(i, e)| match i {
        Some(i) => anyhow::anyhow!(
            "--exclude {:?} is not a valid glob: {e}; write a file or folder name, or a path such as `drafts/**/*.txt`",
            globs[i]
        ),
        None => anyhow::anyhow!("--exclude: {e}"),
    })
}

/// What a command wants of a scan.
pub struct Wants {
    /// A progress bar on stderr (for output meant for people).
    pub progress: bool,
    /// Stock phrases, shared passages and templates, besides the relations
    /// between speeches and the junk.
    pub phrases: bool,
}

/// Read a corpus and scan it: the shared first half of scan, phrases and dedup.
/// Returns the corpus and the report; fails when no speech could be read.
pub fn read_and_scan(
    paths: &[std::path::PathBuf],
    input: &InputArgs,
    (min_docs, junk): (Option<usize>, &JunkArgs),
    wants: Wants,
) -> anyhow::Result<(taohua::ingest::Corpus, taohua::report::ScanReport)> {
    // So that `TAOHUA_TIMINGS` counts the reading too (the bar itself is made
    // after it, so that warnings about unreadable files print clear of it).
    let started = std::time::Instant::now();
    let corpus = taohua::ingest::read_corpus(paths, &ingest_options(input)?);
    warn_read(&corpus);
    if corpus.documents.is_empty() {
        anyhow::bail!(
            "no speech could be read from the inputs; give files or folders of .txt/.md text"
        );
    }
    let junk_patterns = junk
        .junk_patterns
        .iter()
        .map(|p| {
            regex::Regex::new(p)
                .with_context(|| format!("--junk-pattern {p:?} is not a valid regular expression"))
                .and_then(|re| {
                    // A pattern with empty matches in ordinary text would mark every line.
                    if matches_empty_in_lines(&re) {
                        anyhow::bail!("--junk-pattern {p:?} matches empty text inside ordinary lines, so it would mark every line as junk; give a pattern that needs some text")
                    }
                    Ok(re)
                })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let opts = taohua::scan::ScanOptions {
        min_docs: min_docs.unwrap_or_else(|| taohua::scan::auto_min_docs(corpus.documents.len())),
        user_dict: input.user_dict.clone(),
        junk_patterns,
        phrases: wants.phrases,
        ..Default::default()
    };
    let bar = crate::progress::Bar::new(wants.progress, started);
    let report = taohua::scan::scan(&corpus, &opts, &bar)?;
    bar.finish();
    Ok((corpus, report))
}

/// Exit status of a run that read a corpus: 2 when some input was skipped.
pub fn read_status(skipped: &[taohua::ingest::Skipped]) -> std::process::ExitCode {
    if skipped.is_empty() {
        crate::exit_code::CLEAN
    } else {
        crate::exit_code::ERROR
    }
    .into()
}

/// Print each input skipped, or read with malformed bytes replaced, as a
/// warning on stderr.
pub fn warn_read(corpus: &taohua::ingest::Corpus) {
    for s in corpus.skipped.iter().chain(&corpus.repaired) {
        eprintln!("warning: {}: {}", s.path, s.reason);
    }
}
