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
    assert_eq!(names, ["ingest", "normalize", "align", "index"]);
}
