//! `taohua check`: what each draft copies from a corpus, with the 查重 ratios.

use super::{guard_output, ingest_options, same_file, warn_read, Ctx};
use crate::cli::{CheckArgs, CheckFormat, RatioKind};
use crate::exit_code;
use crate::output;
use anyhow::bail;
use std::process::ExitCode;
use taohua::check::{check_draft, index_bytes, CheckOptions, Sources};
use taohua::ingest::{decode, read_corpus, repair_note, Skipped};
use taohua::report::{CheckReport, DraftReport, REPORT_VERSION};
use taohua::store::{is_index, Bytes, Index};

/// Run `check`.
pub fn run(args: CheckArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let stdin =
        |paths: &[std::path::PathBuf]| paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin(&args.drafts) + stdin(&args.against) > 1 {
        bail!("`-` (stdin) can be read only once: give it for one draft or for --against");
    }
    if let Some(out) = &args.output {
        let inputs: Vec<_> = args.drafts.iter().chain(&args.against).cloned().collect();
        guard_output("-o", out, &inputs, &args.input.ext)?;
    }
    if args.drafts.is_empty() {
        // `check -a corpus draft.txt`: `--against` took the draft as a corpus path.
        bail!("no draft to check: give the drafts before --against, which takes every path after it (`taohua check DRAFT... --against CORPUS`), or end the corpus paths with `--`");
    }
    let (index, mut skipped) = open_against(&args)?;
    let opts = CheckOptions {
        allowlist: read_allowlists(&args.allowlist)?,
        ..CheckOptions::default()
    };
    let sources = Sources::new(&index);
    let mut drafts = Vec::new();
    for path in &args.drafts {
        let shown = path.to_string_lossy().into_owned();
        // `check dir/a.txt --against dir` finds a.txt in itself: say so.
        if in_corpus(&index, path)? {
            eprintln!("note: {shown} is itself in the corpus, and its own copy there is counted as a source; check it against the other files to leave it out");
        }
        match read_draft(path) {
            Ok(text) => drafts.push(check_draft(&shown, &text, &sources, &opts)?),
            Err(reason) => {
                eprintln!("warning: {shown}: {reason}");
                skipped.push(Skipped {
                    path: shown,
                    reason,
                });
            }
        }
    }
    let report = CheckReport {
        version: REPORT_VERSION,
        corpus_documents: index.len(),
        drafts,
        skipped,
    };
    let render = |w: &mut dyn std::io::Write| match args.format {
        CheckFormat::Human => output::human::check(&report, ctx.color && args.output.is_none(), w),
        CheckFormat::Json => output::json::write(&report, w),
        CheckFormat::Html => output::html::check(&report, w),
    };
    output::emit(args.output.as_deref(), render)?;
    if !report.skipped.is_empty() {
        return Ok(exit_code::ERROR.into());
    }
    // Say which drafts are over the limit, and by which ratio.
    let mut over = false;
    if let Some(max) = args.max_copy {
        for d in report.drafts.iter().filter(|d| ratio(d, args.ratio) > max) {
            over = true;
            eprintln!(
                "over the limit: {}: {} {:.1}% > --max-copy {}%",
                d.draft.source,
                ratio_name(args.ratio),
                100.0 * ratio(d, args.ratio),
                format!("{:.1}", 100.0 * max).trim_end_matches(".0")
            );
        }
    }
    Ok(if over {
        exit_code::FINDINGS
    } else {
        exit_code::CLEAN
    }
    .into())
}

/// The name of a `--ratio` kind, as 查重 reports print it.
fn ratio_name(kind: RatioKind) -> &'static str {
    match kind {
        RatioKind::ExcludingBoilerplate => "去除套话复制比",
        RatioKind::Total => "总文字复制比",
        RatioKind::SingleSource => "单篇最大文字复制比",
    }
}

/// The ratio a `--ratio` kind names.
pub fn ratio(d: &DraftReport, kind: RatioKind) -> f64 {
    match kind {
        RatioKind::ExcludingBoilerplate => d.copy_ratio_excluding_boilerplate,
        RatioKind::Total => d.copy_ratio,
        RatioKind::SingleSource => d.max_single_source_ratio,
    }
}

/// Open the corpus: one index file, or files and folders indexed in memory.
pub fn open_against(args: &CheckArgs) -> anyhow::Result<(Index, Vec<Skipped>)> {
    let indexes: Vec<_> = args
        .against
        .iter()
        .filter(|p| p.is_file() && is_index(p))
        .collect();
    match indexes.len() {
        0 => {}
        1 if args.against.len() == 1 => return Ok((Index::open(indexes[0])?, Vec::new())),
        _ => bail!("--against takes one index file, or corpus files and folders, not both; add speeches to an index with `taohua index add`"),
    }
    let corpus = read_corpus(&args.against, &ingest_options(&args.input)?);
    warn_read(&corpus);
    if corpus.documents.is_empty() {
        bail!("no speech could be read from --against; give corpus files, folders or an index");
    }
    let index = Index::from_bytes(Bytes::Owned(index_bytes(&corpus)), "(corpus in memory)")?;
    Ok((index, corpus.skipped))
}

/// Does the corpus hold speeches read from the file `path` (never for stdin)?
/// Only sources with the same file name are resolved, so a large index costs
/// a few path lookups.
fn in_corpus(index: &Index, path: &std::path::Path) -> anyhow::Result<bool> {
    let Some(name) = path.file_name().filter(|_| path.is_file()) else {
        return Ok(false);
    };
    for d in 0..index.len() {
        let source = std::path::Path::new(index.source(d)?);
        if source.file_name() == Some(name) && same_file(source, path) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn read_draft(path: &std::path::Path) -> Result<String, String> {
    if path.is_dir() {
        return Err("is a folder; give draft files (e.g. DIR/*.txt)".into());
    }
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        bytes
    } else {
        std::fs::read(path).map_err(|e| unreadable(&e))?
    };
    let d = decode(&bytes).ok_or_else(|| {
        "not text (binary data or an unknown encoding); convert it to UTF-8".to_string()
    })?;
    if let Some(note) = repair_note(d.encoding, d.replaced) {
        eprintln!("warning: {}: {note}", path.display());
    }
    Ok(d.text)
}

/// Why a file the user named (a draft, an allowlist) could not be read, and
/// what to do.
fn unreadable(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied; make it readable".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Read allowlist files: one phrase per line, `#` starts a comment.
pub fn read_allowlists(paths: &[std::path::PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for p in paths {
        // In any encoding a speech may be in (an allowlist saved as GBK).
        let bytes = std::fs::read(p)
            .map_err(|e| anyhow::anyhow!("--allowlist {}: {}", p.display(), unreadable(&e)))?;
        let Some(text) = decode(&bytes).map(|d| d.text) else {
            bail!(
                "allowlist {}: not text (binary data or an unknown encoding); save it as UTF-8",
                p.display()
            )
        };
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    Ok(out)
}
