//! `taohua phrases`: the stock phrases and templates of a collection.

use super::{guard_output, read_and_scan, read_status, Ctx, Wants};
use crate::cli::{PhrasesArgs, PhrasesFormat};
use crate::output;
use serde::Serialize;
use std::process::ExitCode;
use taohua::ingest::Skipped;
use taohua::report::{DocumentEntry, PhrasesJson, TemplateEntry};

/// What `phrases --format json` writes: the scan report's parts that say what
/// the phrases are, keys in order (as a JSON map of them was written before),
/// serialised as they stream rather than built as a JSON value first.
#[derive(Serialize)]
struct PhrasesReport<'a> {
    documents: &'a [DocumentEntry],
    phrases: PhrasesJson<'a>,
    skipped: &'a [Skipped],
    templates: &'a [TemplateEntry],
    version: u32,
}

/// Run `phrases`.
pub fn run(args: PhrasesArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if let Some(out) = &args.output {
        guard_output("-o", out, &args.paths, &args.input.ext)?;
    }
    let (corpus, report) = read_and_scan(
        &args.paths,
        &args.input,
        (args.mining.min_docs, &args.mining.junk),
        Wants {
            progress: args.format == PhrasesFormat::Human,
            phrases: true,
        },
    )?;
    let render = |w: &mut dyn std::io::Write| match args.format {
        PhrasesFormat::Human => {
            output::human::phrases(&report, ctx.color && args.output.is_none(), w)
        }
        PhrasesFormat::Json => output::json::write(
            &PhrasesReport {
                documents: &report.documents,
                phrases: report.phrases_json(),
                skipped: &corpus.skipped,
                templates: &report.templates,
                version: report.version,
            },
            w,
        ),
        PhrasesFormat::Allowlist => output::allowlist(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    Ok(read_status(&corpus.skipped))
}
