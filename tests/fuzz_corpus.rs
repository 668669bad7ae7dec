//! The committed fuzz corpus (`fuzz/corpus/<target>/*`), replayed through the
//! fuzz targets' own checks (`fuzz/src/lib.rs`) on stable Rust: what the fuzzer
//! found once stays fixed, without a nightly toolchain or a fuzzing run in CI.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use crate::util::root;

fn replay(target: &str) {
    let (_, check) = checks::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a target of fuzz/src/lib.rs");
    let dir = root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{}: seed corpus missing", dir.display());
    let mut failed = Vec::new();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(f.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: inputs that fail: {failed:?}");
}

#[test]
fn ingest_corpus() {
    replay("ingest");
}

#[test]
fn check_corpus() {
    replay("check");
}

#[test]
fn normalize_corpus() {
    replay("normalize");
}

#[test]
fn align_corpus() {
    replay("align");
}

#[test]
fn index_corpus() {
    replay("index");
}

#[test]
fn every_target_is_replayed() {
    let names: Vec<&str> = checks::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["ingest", "normalize", "align", "index", "check"]);
}

#[test]
fn the_ingest_corpus_runs_through_the_binary_without_a_panic() {
    // every odd file the fuzzer kept, as a corpus and as drafts: each is read or
    // named as skipped (exit 0 or 2), never a crash
    let dir = root().join("fuzz/corpus/ingest");
    let mut drafts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    drafts.sort();
    for args in [
        vec!["scan".into(), dir.clone()],
        [
            vec!["check".into()],
            drafts,
            vec!["--against".into(), dir.clone()],
        ]
        .concat(),
    ] {
        let out = crate::util::taohua()
            .args(&args)
            .args(["--ext", "txt,bin", "--format", "json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 2)) && !stderr.contains("panicked"),
            "{:?}: {stderr}",
            &args[0]
        );
        let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    }
}
