//! Test helpers: a temporary folder with fixtures, and the binary as a command.

#![allow(dead_code)] // each test module uses a different subset

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed compilation bundled in `corpus/`.
pub fn seed() -> PathBuf {
    root().join("corpus/kaifaqu-19.txt")
}

/// A fixture file or folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The `taohua` binary, with colour and CI detection neutralised.
pub fn taohua() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("taohua").expect("binary built");
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

/// A temporary working folder.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    /// An empty folder.
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Path inside the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Write a file (folders created).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Copy a file into the folder.
    pub fn copy(&self, from: &Path, rel: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(from, &p).unwrap();
        p
    }

    /// The binary, run in this folder.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = taohua();
        c.current_dir(self.dir.path());
        c
    }
}

/// Run and parse stdout as JSON.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.output().expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The id of the document whose title ends with `suffix` (e.g. `篇四`).
pub fn doc_id(report: &serde_json::Value, suffix: &str) -> u64 {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["title"].as_str().unwrap().ends_with(suffix)
                && !d["title"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("十{suffix}"))
        })
        .unwrap_or_else(|| panic!("no document titled …{suffix}"))["id"]
        .as_u64()
        .unwrap()
}
