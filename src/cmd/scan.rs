//! `taohua scan`: read a corpus, find duplicates, copied passages, phrases and junk.

use super::{guard_output, read_and_scan, read_status, Ctx, Wants};
use crate::cli::{ScanArgs, ScanFormat};
use crate::output;
use std::process::ExitCode;

/// Run `scan`.
pub fn run(args: ScanArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if let Some(out) = &args.output {
        guard_output("-o", out, &args.paths, &args.input.ext)?;
    }
    let (corpus, report) = read_and_scan(
        &args.paths,
        &args.input,
        (args.mining.min_docs, &args.mining.junk),
        Wants {
            progress: args.format == ScanFormat::Human,
            phrases: true,
        },
    )?;
    let render = |w: &mut dyn std::io::Write| match args.format {
        ScanFormat::Human => output::human::scan(&report, ctx.color && args.output.is_none(), w),
        ScanFormat::Json => output::json::scan(&report, w),
        ScanFormat::Html => output::html::scan(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    let status = read_status(&corpus.skipped);
    // The process ends next: leave the report to the operating system rather
    // than free its millions of entries one by one (0.5 s at 100 MB).
    std::mem::forget(report);
    Ok(status)
}
