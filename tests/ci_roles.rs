//! `taohua ci` over sets whose new documents come before the corpus in path
//! order: the corpus's stock phrases and copies are found among its own
//! speeches, numbered apart from the new ones.

use crate::util::*;

#[test]
fn new_documents_sorting_before_the_corpus_are_checked() {
    let env = TestEnv::new();
    env.copy(&seed(), "corpus/kaifaqu-19.txt");
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    // Lines 53–72 of the seed: the first twenty lines of 篇四 (and of 篇五).
    let copied: Vec<&str> = seed_text.lines().skip(52).take(20).collect();
    env.write("a-drafts/copy.txt", copied.join("\n") + "\n");
    env.write(
        "taohua.toml",
        "[documents]\ncorpus = [\"corpus/**/*.txt\"]\nnew = [\"a-drafts/**/*.txt\"]\n",
    );
    let out = env.cmd().args(["ci", "--format", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let copy = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "copy")
        .unwrap_or_else(|| panic!("a copy finding: {report:#}"));
    assert_eq!(copy["document"]["path"], "a-drafts/copy.txt");
    assert!(copy["value"].as_f64().unwrap() > 0.9, "{copy:#}");
}
