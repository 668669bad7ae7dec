//! `taohua index`: build an index file of a corpus, or add speeches to one.

use super::{guard_output, ingest_options, warn_skipped, Ctx};
use crate::cli::{IndexAction, IndexArgs};
use crate::exit_code;
use crate::output::write_atomic;
use anyhow::{bail, Context};
use std::path::Path;
use std::process::ExitCode;
use taohua::check::{index_bytes, index_data};
use taohua::ingest::read_corpus;
use taohua::store::{encode, Index, IndexData};

/// Run `index`.
pub fn run(args: IndexArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if let Some(IndexAction::Add {
        index,
        paths,
        input,
    }) = args.action
    {
        let old = Index::open(&index)?;
        let corpus = read_corpus(&paths, &ingest_options(&input)?);
        warn_skipped(&corpus.skipped);
        let mut data = old.data()?;
        let before = data.docs.len();
        let added = index_data(&corpus);
        data.docs.extend(added.docs);
        data.phrase_grams.extend(added.phrase_grams);
        drop(old);
        write(&index, &data)?;
        eprintln!(
            "{}: {} speeches (+{})",
            index.display(),
            data.docs.len(),
            data.docs.len() - before
        );
        return Ok(status(corpus.skipped.is_empty()));
    }
    let Some(out) = args.output else {
        bail!("give the index file to write with -o FILE (or use `taohua index add FILE PATH...`)");
    };
    if args.paths.is_empty() {
        bail!(
            "give the corpus files or folders to index: `taohua index PATH... -o {}`",
            out.display()
        );
    }
    guard_output("-o", &out, &args.paths, &args.input.ext)?;
    let corpus = read_corpus(&args.paths, &ingest_options(&args.input)?);
    warn_skipped(&corpus.skipped);
    if corpus.documents.is_empty() {
        bail!("no speech could be read from the inputs; nothing to index");
    }
    let bytes = index_bytes(&corpus);
    write_bytes(&out, &bytes)?;
    eprintln!(
        "{}: {} speeches indexed",
        out.display(),
        corpus.documents.len()
    );
    Ok(status(corpus.skipped.is_empty()))
}

fn write(path: &Path, data: &IndexData) -> anyhow::Result<()> {
    write_bytes(path, &encode(data))
}

fn write_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(path, |w| w.write_all(bytes))
        .with_context(|| format!("writing index {}", path.display()))
}

fn status(clean: bool) -> ExitCode {
    if clean {
        exit_code::CLEAN
    } else {
        exit_code::ERROR
    }
    .into()
}
