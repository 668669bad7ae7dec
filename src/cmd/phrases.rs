//! `taohua phrases`: the stock phrases and templates of a collection.

use super::{read_and_scan, read_status, Ctx};
use crate::cli::{PhrasesArgs, PhrasesFormat};
use crate::output;
use std::process::ExitCode;

/// Run `phrases`.
pub fn run(args: PhrasesArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let (corpus, report) = read_and_scan(
        &args.paths,
        &args.input,
        &args.mining,
        args.format == PhrasesFormat::Human,
    )?;
    let render = |w: &mut dyn std::io::Write| match args.format {
        PhrasesFormat::Human => {
            output::human::phrases(&report, ctx.color && args.output.is_none(), w)
        }
        PhrasesFormat::Json => output::json::write(
            &serde_json::json!({
                "version": report.version,
                "documents": report.documents,
                "phrases": report.phrases_json(),
                "templates": report.templates,
            }),
            w,
        ),
        PhrasesFormat::Allowlist => output::allowlist(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    Ok(read_status(&corpus.skipped))
}
