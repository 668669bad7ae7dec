//! Dispatch: one file per subcommand, each `run(args, &Ctx) -> anyhow::Result<ExitCode>`.

mod check;
mod ci;
mod index;
mod scan;

use crate::cli::{Cli, ColorChoice, Command, InputArgs};
use anyhow::Context;
use std::io::IsTerminal;
use std::process::ExitCode;
use taohua::ingest::{IngestOptions, SplitRule};

/// What every subcommand gets besides its own arguments.
pub struct Ctx {
    /// Colour the human report.
    pub color: bool,
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
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
        Command::Index(args) => index::run(args, &ctx),
        Command::Ci(args) => ci::run(args, &ctx),
    }
}

/// Turn the shared input flags into ingest options.
pub fn ingest_options(args: &InputArgs) -> anyhow::Result<IngestOptions> {
    let split = if args.no_split {
        SplitRule::Never
    } else if let Some(p) = &args.split {
        SplitRule::Pattern(
            regex::Regex::new(p).map_err(|e| taohua::error::Error::BadSplit {
                pattern: p.clone(),
                message: e.to_string(),
            })?,
        )
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
    })
}

/// Print each skipped input as a warning on stderr.
pub fn warn_skipped(skipped: &[taohua::ingest::Skipped]) {
    for s in skipped {
        eprintln!("warning: {}: {}", s.path, s.reason);
    }
}
