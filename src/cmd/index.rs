//! `taohua index`: build an index file of a corpus, or add speeches to one.

use super::{absolute, guard_output, ingest_options, warn_read, Ctx};
use crate::cli::{IndexAction, IndexArgs};
use crate::exit_code;
use crate::output::write_atomic;
use anyhow::bail;
use std::path::Path;
use std::process::ExitCode;
use taohua::check::{index_bytes, restocked_bytes};
use taohua::ingest::read_corpus;
use taohua::store::{Index, IndexData};

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
        warn_read(&corpus);
        let mut data = old.data()?;
        let added = IndexData::from_corpus(&corpus);
        // A file added again replaces the speeches it gave before (it was
        // edited), rather than listing them twice.
        // (Named as the file system resolves them: `./a.txt` is `a.txt`.)
        let mut resolved: taohua::FastMap<String, std::path::PathBuf> = Default::default();
        let mut key = |source: &str| {
            resolved
                .entry(source.to_string())
                .or_insert_with(|| absolute(Path::new(source)).unwrap_or_else(|| source.into()))
                .clone()
        };
        let again: taohua::FastSet<std::path::PathBuf> =
            added.docs.iter().map(|d| key(&d.source)).collect();
        let before = data.docs.len();
        data.docs.retain(|d| !again.contains(&key(&d.source)));
        let replaced = before - data.docs.len();
        let new = added.docs.len();
        data.docs.extend(added.docs);
        drop(old);
        // The stock phrases are those of all the speeches now held.
        write_bytes(&index, &restocked_bytes(&data.docs))?;
        eprintln!(
            "{}: {} speeches ({new} added{})",
            index.display(),
            data.docs.len(),
            if replaced > 0 {
                format!(", replacing {replaced} from the same files")
            } else {
                String::new()
            }
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
    warn_read(&corpus);
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

fn write_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // (write_atomic names the file in its errors.)
    write_atomic(path, |w| w.write_all(bytes))
}

fn status(clean: bool) -> ExitCode {
    if clean {
        exit_code::CLEAN
    } else {
        exit_code::ERROR
    }
    .into()
}
