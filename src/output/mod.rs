//! Renderers of the report model, one per format, and the atomic writer.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// The stock phrases of a scan, one per line (a file for `check --allowlist`).
pub fn allowlist(r: &taohua::report::ScanReport, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        w,
        "# taohua phrases --format allowlist: stock phrases of {} speeches, one per line",
        r.documents.len()
    )?;
    for p in r.phrases.iter().filter(|p| p.kind == "stock-phrase") {
        let line = p.text.replace(['\n', '\r'], " ");
        writeln!(w, "{}", line.trim())?;
    }
    Ok(())
}

/// Does an output path name standard output? `-o -` does, as the inputs'
/// `-` is standard input.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Render to stdout (`path` none, or `-`), or to `path` atomically (a
/// temporary file in the same folder, renamed into place: an interrupted run
/// leaves the old file or the new). A reader that stops early (`taohua … |
/// head`) ends the output quietly, and the command still exits with the
/// status its findings call for.
pub fn emit(
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match path.filter(|p| !is_stdout(p)) {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match render(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    // What is still buffered has nowhere to go.
                    let _ = out.into_parts();
                    Ok(())
                }
                r => Ok(r?),
            }
        }
        Some(path) => write_atomic(path, render),
    }
}

/// Write a file atomically. A target that exists and is not a regular file
/// (`/dev/null`, `/dev/stdout`, a named pipe) is written in place: renaming a
/// temporary file over a device would replace the device.
pub fn write_atomic(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    stage(path)?.commit(render)
}

/// A file about to be written atomically: its temporary file is made (so a
/// folder that cannot be written is known before anything else is), and
/// [`Staged::commit`] fills it and renames it into place. Dropped uncommitted,
/// it leaves nothing behind.
pub struct Staged<'p> {
    path: &'p Path,
    target: Target,
}

enum Target {
    /// A device or pipe, written in place.
    InPlace(std::fs::File),
    /// A temporary file beside the target.
    Temp(tempfile::NamedTempFile),
}

/// Is `path` something that exists and is neither a file nor a folder (a
/// device, a pipe)? Such a target is written in place, and is no input's twin.
pub fn is_device(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Make ready to write `path` atomically (see [`Staged`]).
pub fn stage(path: &Path) -> anyhow::Result<Staged<'_>> {
    let writing = || format!("writing {}", path.display());
    if path.is_dir() {
        anyhow::bail!(
            "{} is a folder; give the name of a file to write",
            path.display()
        );
    }
    // `/dev/stdout` is a link to the process's own output, which may be a
    // regular file (`> r.txt`): written where it points, never renamed over.
    let own_stream = [Path::new("/dev"), Path::new("/proc")]
        .iter()
        .any(|d| path.starts_with(d));
    if own_stream || is_device(path) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(writing)?;
        return Ok(Staged {
            path,
            target: Target::InPlace(file),
        });
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "writing {}: cannot make its folder {}",
            path.display(),
            dir.display()
        )
    })?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        // the mode a plain create gives (0644 under the usual umask), not 0600
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).with_context(writing)?;
    Ok(Staged {
        path,
        target: Target::Temp(tmp),
    })
}

impl Staged<'_> {
    /// Write the file and put it in place.
    pub fn commit(
        self,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let path = self.path;
        let writing = || format!("writing {}", path.display());
        match self.target {
            Target::InPlace(file) => {
                let mut w = std::io::BufWriter::new(file);
                render(&mut w).with_context(writing)?;
                w.flush().with_context(writing)
            }
            Target::Temp(mut tmp) => {
                {
                    let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                    render(&mut w).with_context(writing)?;
                    w.flush().with_context(writing)?;
                }
                tmp.as_file().sync_all().with_context(writing)?;
                // (The error, not its wrapper, which would repeat it.)
                tmp.persist(path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("renaming into {}", path.display()))?;
                Ok(())
            }
        }
    }
}
