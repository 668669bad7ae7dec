//! `taohua dedup`: write the collection back without copies (and junk).

use super::{absolute, guard_output, read_and_scan, read_status, same_file, Ctx, Wants};
use crate::cli::DedupArgs;
use crate::output::{json, stage, write_atomic};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use taohua::dedup::{junk_ranges, plan, rewrite, ManifestEntry};

/// Run `dedup`.
pub fn run(args: DedupArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let manifest_path = args
        .manifest
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.manifest.json", args.output.display())));
    // The output would be read back as a speech from inside an input folder;
    // the manifest is not, but must not replace an input or the output.
    guard_output("-o", &args.output, &args.paths, &[])?;
    guard_output("--manifest", &manifest_path, &args.paths, &args.input.ext)?;
    if same_file(&manifest_path, &args.output) {
        bail!(
            "--manifest {} is the output itself; give the manifest another name",
            manifest_path.display()
        );
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
    // One file in (or stdin), one file out; else a folder.
    let single_file =
        args.paths.len() == 1 && (args.paths[0].as_os_str() == "-" || args.paths[0].is_file());
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
                .filter(|(r, _)| r.start >= doc.range.start && r.end <= doc.range.end)
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
    // Everything is written back as UTF-8: the files read in another encoding say so.
    let converted: Vec<serde_json::Value> = corpus
        .files
        .iter()
        .filter(|f| f.encoding != "UTF-8")
        .map(|f| serde_json::json!({ "source": f.path, "encoding": f.encoding, "written_as": "UTF-8" }))
        .collect();
    let doc = serde_json::json!({ "version": taohua::report::REPORT_VERSION, "output": args.output, "speeches_in": corpus.documents.len(), "speeches_out": kept, "entries": manifest, "converted": converted, "skipped": corpus.skipped });
    // The manifest's place is made first: when it cannot be written, neither
    // is the output (an output without its manifest would not say what went).
    // A manifest inside the output folder goes in once the folder is made.
    let inside = absolute(&manifest_path)
        .zip(absolute(&args.output))
        .is_some_and(|(m, o)| m.starts_with(&o));
    let staged = if inside {
        None
    } else {
        Some(stage(&manifest_path)?)
    };
    if single_file {
        let (_, text) = outputs.pop().context("nothing is left to write")?;
        write_atomic(&args.output, |w| w.write_all(text.as_bytes()))?;
    } else {
        write_folder(&args.output, &outputs)?;
    }
    match staged {
        Some(staged) => staged.commit(|w| json::write(&doc, w))?,
        None => write_atomic(&manifest_path, |w| json::write(&doc, w))?,
    }
    eprintln!(
        "{}: {} of {} speeches kept; manifest {}",
        args.output.display(),
        kept,
        corpus.documents.len(),
        manifest_path.display()
    );
    Ok(read_status(&corpus.skipped))
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
