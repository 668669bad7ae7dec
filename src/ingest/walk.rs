//! Paths → the files to read: folders walked (following links, loops
//! reported), files kept by extension.

use super::{display, skip, IngestOptions, Skipped};
use std::path::{Path, PathBuf};

/// The files a path names: itself, or for a folder the files below it
/// with a wanted extension, sorted; what cannot be used is added to `skipped`.
pub(super) fn expand(
    path: &Path,
    opts: &IngestOptions,
    skipped: &mut Vec<Skipped>,
) -> Vec<PathBuf> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            skipped.push(skip(
                &display(path),
                "no such file or folder; check the path".into(),
            ));
            Vec::new()
        }
        Err(e) => {
            skipped.push(skip(&display(path), read_reason(&e)));
            Vec::new()
        }
        Ok(meta) if meta.is_dir() => walk(path, opts, skipped),
        Ok(_) => vec![path.to_path_buf()],
    }
}

fn walk(dir: &Path, opts: &IngestOptions, skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !excluded(dir, e.path(), &opts.exclude));
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() && wanted(e.path(), opts) => {
                out.push(e.path().to_path_buf())
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().map(display).unwrap_or_else(|| display(dir));
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    match e.io_error() {
                        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                            "a symbolic link whose target does not exist; fix or remove the link"
                                .to_string()
                        }
                        Some(io) => read_reason(io),
                        None => e.to_string(),
                    }
                };
                skipped.push(skip(&at, reason));
            }
        }
    }
    out.sort();
    out
}

/// Does `path`, found below the walked folder `dir`, match an `--exclude`
/// glob, by its name or by its path below `dir` (with `/` between parts)?
fn excluded(dir: &Path, path: &Path, exclude: &globset::GlobSet) -> bool {
    if exclude.is_empty() {
        return false;
    }
    let below = || {
        path.strip_prefix(dir).ok().map(|rel| {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
    };
    path.file_name().is_some_and(|n| exclude.is_match(n))
        || below().is_some_and(|r| exclude.is_match(r))
}

fn wanted(path: &Path, opts: &IngestOptions) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| opts.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Why a file could not be read, in words a user can act on.
pub(super) fn read_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; make it readable or leave it out".into()
        }
        _ => format!("cannot read: {e}"),
    }
}
