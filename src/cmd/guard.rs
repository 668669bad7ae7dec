//! Outputs that would replace inputs: refused before anything is read.

use crate::output::is_device;
use std::path::{Component, Path, PathBuf};

/// Refuse an output (given by `flag`) that would write over an input: an
/// input file itself, or a file that an input folder holds and the run reads
/// (its extension one of `exts`; every place inside the folder when `exts` is
/// empty, for an output that would be read back as a speech). Devices and
/// pipes (`/dev/null`, `/dev/stdout`) are neither.
pub fn guard_output(
    flag: &str,
    out: &Path,
    inputs: &[PathBuf],
    exts: &[String],
) -> anyhow::Result<()> {
    if is_device(out) || crate::output::is_stdout(out) {
        return Ok(());
    }
    let Some(out_abs) = absolute(out) else {
        return Ok(());
    };
    let read_from_folder = exts.is_empty()
        || out_abs
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| {
                exts.iter()
                    .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
            });
    for i in inputs
        .iter()
        .filter(|i| i.as_os_str() != "-" && !is_device(i))
    {
        // An input not written yet (a baseline to come) is compared by name.
        let Some(ia) = absolute(i) else {
            continue;
        };
        if out_abs == ia || (ia.is_dir() && out_abs.starts_with(&ia) && read_from_folder) {
            anyhow::bail!(
                "{flag} {} would write over or into the input {}; choose an output outside the inputs",
                out.display(),
                i.display()
            );
        }
    }
    Ok(())
}

/// Do two paths name one file (or one place for a file not yet written)?
pub fn same_file(a: &Path, b: &Path) -> bool {
    absolute(a).is_some_and(|x| Some(x) == absolute(b))
}

/// `p` made absolute with its links resolved, for a file or folders that may
/// not exist yet: the nearest folder that exists is resolved and the rest of
/// the path added to it (`.` and `..` in the rest taken as written).
pub fn absolute(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let mut base = p.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let resolved = loop {
        if let Ok(c) = std::fs::canonicalize(base) {
            break c;
        }
        rest.push(base.components().next_back()?);
        base = base.parent()?;
    };
    let mut out = resolved;
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => out.push(name),
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_not_yet_made_resolve_through_the_nearest_folder_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("in")).unwrap();
        let at = |rel: &str| absolute(&root.join(rel)).unwrap();
        assert_eq!(at("in"), root.join("in"));
        assert_eq!(at("in/new/deeper/x.txt"), root.join("in/new/deeper/x.txt"));
        assert_eq!(at("in/new/../x.txt"), root.join("in/x.txt"));
        assert_eq!(at("in/./y"), root.join("in/y"));
        let inputs = [root.join("in")];
        let refused = |rel: &str, exts: &[String]| {
            guard_output("-o", &root.join(rel), &inputs, exts).is_err()
        };
        let txt = ["txt".to_string()];
        assert!(
            refused("in/new/out", &[]),
            "a folder not made yet, inside an input"
        );
        assert!(refused("in/new/r.TXT", &txt));
        assert!(!refused("in/new/r.json", &txt));
        assert!(!refused("out/r.txt", &[]));
        // A file to come (a baseline not written yet) is an input by name.
        let baseline = [root.join("taohua-baseline.toml")];
        assert!(guard_output("-o", &root.join("taohua-baseline.toml"), &baseline, &[]).is_err());
        // Devices are not files.
        assert!(guard_output(
            "-o",
            Path::new("/dev/null"),
            &[PathBuf::from("/dev/null")],
            &[]
        )
        .is_ok());
    }
}
