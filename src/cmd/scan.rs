//! `taohua scan`: read a corpus, find duplicates, copied passages, phrases and junk.

use super::{ingest_options, warn_skipped, Ctx};
use crate::cli::{ScanArgs, ScanFormat};
use crate::exit_code;
use crate::output;
use crate::progress::Bar;
use anyhow::Context;
use std::process::ExitCode;
use taohua::ingest::read_corpus;
use taohua::scan::{scan, ScanOptions};

/// Run `scan`.
pub fn run(args: ScanArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let corpus = read_corpus(&args.paths, &ingest_options(&args.input)?);
    warn_skipped(&corpus.skipped);
    if corpus.documents.is_empty() {
        anyhow::bail!(
            "no speech could be read from the inputs; give files or folders of .txt/.md text"
        );
    }
    let junk_patterns = args
        .junk_patterns
        .iter()
        .map(|p| {
            regex::Regex::new(p)
                .with_context(|| format!("--junk-pattern {p:?} is not a valid regular expression"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let opts = ScanOptions {
        min_docs: args.min_docs,
        user_dict: args.input.user_dict.clone(),
        junk_patterns,
        ..ScanOptions::default()
    };
    let bar = Bar::new(args.format == ScanFormat::Human);
    let report = scan(&corpus, &opts, &bar)?;
    bar.finish();
    let render = |w: &mut dyn std::io::Write| match args.format {
        ScanFormat::Human => output::human::scan(&report, ctx.color && args.output.is_none(), w),
        ScanFormat::Json => output::json::write(&report, w),
        ScanFormat::Html => output::html::scan(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    Ok(if corpus.skipped.is_empty() {
        exit_code::CLEAN
    } else {
        exit_code::ERROR
    }
    .into())
}
