//! The config's folder and globs → the [`Set`] of speeches, each corpus or new.
//!
//! The folder is walked (sorted, symbolic links followed, folders named `.…`
//! left out); a file is new when a `new` glob takes it, else corpus when a
//! `corpus` glob does, unless an `exclude` glob takes it. Files are read with
//! [`crate::ingest`], so they are decoded and cut into speeches as everywhere else;
//! unreadable ones are listed in the corpus's `skipped`.

use super::Config;
use crate::ingest::{add_bytes, Corpus, IngestOptions, Skipped};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Whether a speech is part of the corpus or a new document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Already in the collection.
    Corpus,
    /// Being added: checked for copying.
    New,
}

/// The speeches a config selects.
#[derive(Debug, Clone, Default)]
pub struct Set {
    /// Files and speeches; file paths as shown to the user.
    pub corpus: Corpus,
    /// Role of each speech (by document id).
    pub roles: Vec<Role>,
    /// Baseline key of each speech (by document id).
    pub keys: Vec<String>,
}

/// The first `taohua.toml` in `start` or a folder above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(super::FILE_NAME))
        .find(|p| p.is_file())
}

/// How paths under `root` are shown when the user is in `cwd`: `""` when they
/// are the same folder, `"sub/"` when `root` is inside `cwd`, `"../"` when `cwd`
/// is inside `root`, else `root` itself.
pub fn display_root(root: &Path, cwd: &Path) -> String {
    if let Ok(rel) = root.strip_prefix(cwd) {
        if rel.as_os_str().is_empty() {
            String::new()
        } else {
            format!("{}/", slashed(rel))
        }
    } else if let Ok(up) = cwd.strip_prefix(root) {
        "../".repeat(up.components().count())
    } else {
        format!("{}/", root.display())
    }
}

fn slashed(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The role the config's globs give the file at `rel` (relative to the
/// config's folder, `/`-separated), if they take it.
fn role(cfg: &Config, rel: &str) -> Option<Role> {
    if cfg.exclude.is_match(rel) {
        None
    } else if cfg.new.is_match(rel) {
        Some(Role::New)
    } else if cfg.corpus.is_match(rel) {
        Some(Role::Corpus)
    } else {
        None
    }
}

/// Do the config's globs take a file at `path` (absolute, under `root`)?
pub fn selects(root: &Path, cfg: &Config, path: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|rel| role(cfg, &slashed(rel)).is_some())
}

/// Read the speeches of `root` that the config's globs select; paths are shown
/// as `shown_root` + the path relative to `root`. `skip` are files never taken
/// (the config and the baseline).
pub fn load(root: &Path, shown_root: &str, cfg: &Config, skip: &[PathBuf]) -> Set {
    let opts = IngestOptions {
        extensions: Vec::new(),
        split: cfg.split.clone(),
        ..IngestOptions::default()
    };
    let mut corpus = Corpus::default();
    let mut file_roles = Vec::new();
    let mut file_rel = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().unwrap_or(root);
                corpus.skipped.push(Skipped {
                    path: shown(shown_root, root, at),
                    reason: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() || skip.iter().any(|s| s == entry.path()) {
            continue;
        }
        let rel = slashed(entry.path().strip_prefix(root).unwrap_or(entry.path()));
        let Some(role) = role(cfg, &rel) else {
            continue;
        };
        let path = format!("{shown_root}{rel}");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                let before = corpus.files.len();
                add_bytes(&mut corpus, path, &bytes, &opts);
                if corpus.files.len() > before {
                    file_roles.push(role);
                    file_rel.push(rel);
                }
            }
            Err(e) => corpus.skipped.push(Skipped {
                path,
                reason: format!("cannot read: {e}"),
            }),
        }
    }
    let roles = corpus
        .documents
        .iter()
        .map(|d| file_roles[d.file])
        .collect();
    // A speech's key is its file, and its title in a compilation; a title
    // the file repeats is told apart by its count (`…#篇一#2`), so that the
    // baseline holds a finding of each.
    let mut seen: crate::FastMap<(usize, &str), usize> = crate::FastMap::default();
    let keys = corpus
        .documents
        .iter()
        .map(|d| {
            let f = &corpus.files[d.file];
            if !f.pieces.pieces.iter().any(|p| p.heading.is_some()) {
                return file_rel[d.file].clone();
            }
            let nth = seen.entry((d.file, &d.title)).or_default();
            *nth += 1;
            match *nth {
                1 => format!("{}#{}", file_rel[d.file], d.title),
                n => format!("{}#{}#{n}", file_rel[d.file], d.title),
            }
        })
        .collect();
    Set {
        corpus,
        roles,
        keys,
    }
}

fn shown(shown_root: &str, root: &Path, at: &Path) -> String {
    match at.strip_prefix(root) {
        Ok(rel) => format!("{shown_root}{}", slashed(rel)),
        Err(_) => at.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_shown_relative_to_the_current_folder() {
        let cwd = Path::new("/repo");
        assert_eq!(display_root(Path::new("/repo"), cwd), "");
        assert_eq!(display_root(Path::new("/repo/docs/zh"), cwd), "docs/zh/");
        assert_eq!(display_root(Path::new("/"), cwd), "../");
        assert_eq!(
            display_root(Path::new("/repo"), Path::new("/repo/a/b")),
            "../../"
        );
        assert_eq!(display_root(Path::new("/elsewhere"), cwd), "/elsewhere/");
    }

    #[test]
    fn globs_pick_roles_and_compilations_get_keys_with_titles() {
        let dir = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w(
            "corpus/a.txt",
            "汇编\n讲话篇一\n同志们：要抓落实。\n讲话篇二\n谢谢大家！\n",
        );
        w("corpus/skip.txt", "不要读我。\n");
        w("drafts/d.txt", "同志们：要抓落实。\n");
        w("drafts/d.doc", "not taken\n");
        w(".git/x.txt", "hidden\n");
        let cfg = Config::parse(
            "[documents]\ncorpus = ['corpus/*.txt', '**/*.txt']\nnew = ['drafts/*.txt']\nexclude = ['corpus/skip.txt']\n",
            "taohua.toml",
        )
        .unwrap();
        let set = load(dir.path(), "", &cfg, &[]);
        let paths: Vec<&str> = set.corpus.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["corpus/a.txt", "drafts/d.txt"]);
        assert_eq!(set.roles, [Role::Corpus, Role::Corpus, Role::New]);
        assert_eq!(
            set.keys,
            [
                "corpus/a.txt#讲话篇一",
                "corpus/a.txt#讲话篇二",
                "drafts/d.txt"
            ]
        );
        assert!(set.corpus.skipped.is_empty());
    }
}
