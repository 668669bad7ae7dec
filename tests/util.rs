//! Test helpers: a temporary folder with fixtures, and the binary as a command.

#![allow(dead_code)] // each test module uses a different subset

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed compilation bundled in `corpus/`.
pub fn seed() -> PathBuf {
    root().join("corpus/kaifaqu-19.txt")
}

/// Speech `name` (`篇三`) of the seed compilation, without its heading.
pub fn seed_speech(name: &str) -> String {
    let text = std::fs::read_to_string(seed()).unwrap();
    let heading = format!("全市开发区工作会议讲话精神{name}\n");
    let start = text.find(&heading).unwrap() + heading.len();
    let end = text[start..]
        .find("全市开发区工作会议讲话精神篇")
        .map_or(text.len(), |e| start + e);
    text[start..end].to_string()
}

/// A fixture file or folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The JSON report of `taohua scan PATH`.
pub fn scan_json(path: &Path) -> Value {
    json(taohua().arg("scan").arg(path).args(["--format", "json"]))
}

/// The JSON report of `taohua scan` of the seed compilation.
pub fn seed_report() -> Value {
    scan_json(&seed())
}

/// The JSON report of `taohua check DRAFT --against CORPUS`.
pub fn check(draft: &Path, against: &Path) -> Value {
    json(
        taohua()
            .arg("check")
            .arg(draft)
            .arg("--against")
            .arg(against)
            .args(["--format", "json"]),
    )
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

    /// A file of the folder, as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
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
/// The string `field` of every object in the array `list`.
pub fn field_texts<'a>(list: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap())
        .collect()
}

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

/// The JSON report of `check` of a draft with `text` against `against`.
pub fn check_text_against(text: &str, against: &Path) -> serde_json::Value {
    let env = TestEnv::new();
    env.write("draft.txt", text);
    json(
        env.cmd()
            .arg("check")
            .arg("draft.txt")
            .arg("--against")
            .arg(against)
            .args(["--format", "json"]),
    )
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

/// A speech long enough to be matched (three sentences, two paragraphs).
pub const SPEECH: &str = "同志们：今天我们召开全市开发区工作会议，主要任务是总结工作、分析形势、部署任务。\n一年来，全市开发区坚持稳中求进工作总基调，全面落实党风廉政建设责任制，确保各项工作落到实处，经济发展取得显著成效。\n";

/// Another speech with nothing in common with [`SPEECH`].
pub const OTHER: &str = "为了规范物业管理活动，维护业主和物业服务企业的合法权益，改善人民群众的生活和工作环境，制定本条例。\n";

/// What a finished run left.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} / stderr {}",
                String::from_utf8_lossy(&self.stdout),
                self.stderr
            )
        })
    }

    /// Assert the exit code and that stderr has every one of `needles`.
    pub fn expect(&self, code: i32, needles: &[&str]) -> &Self {
        assert_eq!(self.code, Some(code), "exit code; stderr: {}", self.stderr);
        for n in needles {
            assert!(
                self.stderr.contains(n),
                "stderr lacks {n:?}: {}",
                self.stderr
            );
        }
        self
    }
}

/// Run to the end; a panic anywhere fails the test.
pub fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().expect("runs");
    let r = Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "panic: {}",
        r.stderr
    );
    r
}

/// The built binary as a plain std command (for spawning and killing).
pub fn bin(dir: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("taohua"));
    c.current_dir(dir).env_remove("CI").env_remove("NO_COLOR");
    c
}

/// Run `args` with stdout to a pipe whose reader takes `take` bytes and closes.
pub fn closed_early(args: &[&str], take: usize) -> (Option<i32>, String) {
    let mut child = bin(&root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = vec![0; take];
    if take > 0 {
        stdout.read_exact(&mut buf).unwrap();
    }
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Deterministic pseudo-random Chinese prose of about `bytes` bytes, on one line.
pub fn prose(bytes: usize, seed: u64) -> String {
    const ALPHA: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由";
    let alpha: Vec<char> = ALPHA.chars().collect();
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        for _ in 0..8 + next() % 30 {
            s.push(alpha[next() % alpha.len()]);
        }
        s.push(['，', '。', '；'][next() % 3]);
    }
    s
}
