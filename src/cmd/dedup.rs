//! `taohua dedup`: write the collection back without copies (and junk).

use super::{absolute, guard_output, read_and_scan, read_status, same_file, Ctx, Wants};
use crate::cli::DedupArgs;
use crate::output::{is_stdout, json, stage};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use taohua::dedup::{junk_ranges, plan, rewrite, ManifestEntry};

/// Run `dedup`.
pub fn run(args: DedupArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    // `-o -`: the collection goes to standard output, and a manifest only
    // where `--manifest` says.
    let to_stdout = is_stdout(&args.output);
    let manifest_path = match (&args.manifest, to_stdout) {
        (Some(m), _) => Some(m.clone()),
        (None, true) => None,
        (None, false) => Some(PathBuf::from(format!(
            "{}.manifest.json",
            args.output.display()
        ))),
    };
    // The output would be read back as a speech from inside an input folder;
    // the manifest is not, but must not replace an input or the output.
    guard_output("-o", &args.output, &args.paths, &[])?;
    if let Some(m) = &manifest_path {
        guard_output("--manifest", m, &args.paths, &args.input.ext)?;
        if same_file(m, &args.output) {
            bail!(
                "--manifest {} is the output itself; give the manifest another name",
                m.display()
            );
        }
    }
    // One file in (or stdin), one file out; else a folder.
    let single_file =
        args.paths.len() == 1 && (args.paths[0].as_os_str() == "-" || args.paths[0].is_file());
    if to_stdout && !single_file {
        bail!("-o -: a folder or several files are written back as a folder; give -o DIR");
    }
    if to_stdout && manifest_path.as_deref().is_some_and(is_stdout) {
        bail!("-o - and --manifest - would both go to standard output; give the manifest a file");
    }
    // Only the relations and the junk say what is written back.
    let wants = Wants {
        progress: true,
        phrases: false,
    };
    let (corpus, report) = read_and_scan(&args.paths, &args.input, (None, &args.junk), wants)?;
    let plan = plan(&report, args.drop_contained);
    let junk = if args.strip_junk {
        junk_ranges(&corpus, &report)
    } else {
        vec![Vec::new(); corpus.files.len()]
    };
    let mut manifest: Vec<ManifestEntry> = plan.removed.clone();
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    for (f, file) in corpus.files.iter().enumerate() {
        let Some(text) = rewrite(file, &corpus.documents, &plan.keep, &junk[f]) else {
            continue;
        };
        for &d in file.documents.iter().filter(|&&d| plan.keep[d]) {
            let doc = &corpus.documents[d];
            let cut: Vec<String> = junk[f]
                .iter()
                .filter(|(r, _)| within(r, doc))
                .map(|(_, t)| t.clone())
                .collect();
            if !cut.is_empty() {
                manifest.push(ManifestEntry {
                    document: d,
                    source: file.path.clone(),
                    title: doc.title.clone(),
                    action: "changed".into(),
                    reason: "site junk cut out".into(),
                    kept_instead: None,
                    junk_removed: cut,
                });
            }
        }
        let rel = if single_file {
            PathBuf::new()
        } else {
            relative(&args.paths, &file.path)
        };
        outputs.push((rel, text));
    }
    manifest.sort_by(|a, b| (a.document, &a.action).cmp(&(b.document, &b.action)));
    let kept = plan.keep.iter().filter(|&&k| k).count();
    // Everything is written back as UTF-8 without a BOM: the files read in
    // another encoding, or with a BOM, say so, and so do the files whose
    // malformed bytes were read (and are written) as U+FFFD.
    let converted: Vec<serde_json::Value> = corpus
        .files
        .iter()
        .filter_map(|f| {
            let repaired = corpus.repaired.iter().find(|r| r.path == f.path);
            if f.encoding == "UTF-8" && repaired.is_none() {
                return None;
            }
            let mut entry = serde_json::json!({ "source": f.path, "encoding": f.encoding, "written_as": "UTF-8" });
            if let Some(r) = repaired {
                entry["replaced"] = r.reason.clone().into();
            }
            Some(entry)
        })
        .collect();
    // Junk cut outside any speech (a compilation's title and filler lines).
    let outside: Vec<serde_json::Value> = corpus
        .files
        .iter()
        .zip(&junk)
        .flat_map(|(file, ranges)| {
            ranges
                .iter()
                .filter(|(r, _)| {
                    !file
                        .documents
                        .iter()
                        .any(|&d| within(r, &corpus.documents[d]))
                })
                .map(|(_, t)| serde_json::json!({ "source": file.path, "text": t }))
        })
        .collect();
    let doc = serde_json::json!({ "version": taohua::report::REPORT_VERSION, "output": args.output, "speeches_in": corpus.documents.len(), "speeches_out": kept, "entries": manifest, "junk_removed_outside_speeches": outside, "converted": converted, "skipped": corpus.skipped });
    // The manifest's place is made first: when it cannot be written, neither
    // is the output (an output without its manifest would not say what went).
    // A manifest inside the output folder goes in once the folder is made.
    let inside = |m: &Path| {
        absolute(m)
            .zip(absolute(&args.output))
            .is_some_and(|(m, o)| m.starts_with(&o))
    };
    let staged = match &manifest_path {
        Some(m) if !inside(m) && !is_stdout(m) => Some(stage(m)?),
        _ => None,
    };
    if single_file {
        let (_, text) = outputs.pop().context("nothing is left to write")?;
        crate::output::emit(Some(&args.output), |w| w.write_all(text.as_bytes()))?;
    } else {
        write_folder(&args.output, &outputs)?;
    }
    match (staged, &manifest_path) {
        (Some(staged), _) => staged.commit(|w| json::write(&doc, w))?,
        (None, Some(m)) => crate::output::emit(Some(m), |w| json::write(&doc, w))?,
        (None, None) => {}
    }
    let manifest = manifest_path.as_ref().map_or_else(
        || "no manifest (give --manifest FILE for one)".to_string(),
        |m| format!("manifest {}", m.display()),
    );
    let output = match to_stdout {
        true => "standard output".to_string(),
        false => args.output.display().to_string(),
    };
    eprintln!(
        "{output}: {kept} of {} speeches kept; {manifest}",
        corpus.documents.len(),
    );
    Ok(read_status(&corpus.skipped))
}

/// Does the junk at bytes `r` of a file lie inside speech `doc`?
fn within(r: &std::ops::Range<usize>, doc: &taohua::ingest::Document) -> bool {
    r.start >= doc.range.start && r.end <= doc.range.end
}

fn relative(inputs: &[PathBuf], file: &str) -> PathBuf {
    let f = Path::new(file);
    for i in inputs.iter().filter(|i| i.is_dir()) {
        if let Ok(rel) = f.strip_prefix(i) {
            return rel.to_path_buf();
        }
    }
    PathBuf::from(f.file_name().unwrap_or(f.as_os_str()))
}

/// Write a new folder atomically: fill a temporary sibling, then rename it into place.
fn write_folder(out: &Path, files: &[(PathBuf, String)]) -> anyhow::Result<()> {
    if out.exists() {
        bail!(
            "{} already exists; remove it or choose another output folder",
            out.display()
        );
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        // the mode a plain mkdir gives (0755 under the usual umask), not 0700
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let tmp = builder
        .prefix(".taohua-dedup-")
        .tempdir_in(parent)
        .with_context(|| format!("writing into {}", parent.display()))?;
    for (rel, text) in files {
        let p = tmp.path().join(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, out).with_context(|| format!("renaming into {}", out.display()))?;
    Ok(())
}
