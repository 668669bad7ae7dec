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

/// A compilation that repeats one heading over three speeches: each has a
/// key of its own (`…#讲话精神篇一#2`), so a baseline written from the set
/// accepts every finding of it on the next run.
#[test]
fn a_baseline_of_a_compilation_with_a_repeated_heading_accepts_its_own_run() {
    let env = TestEnv::new();
    env.write("corpus/c4.txt", seed_speech("篇四"));
    let mut comp = String::from("汇编\n");
    for n in ["篇四", "篇五", "篇七"] {
        comp += &format!("讲话精神篇一\n{}", seed_speech(n));
    }
    env.write("a/comp.txt", comp);
    env.write(
        "taohua.toml",
        "[documents]\ncorpus = [\"corpus/*.txt\"]\nnew = [\"a/*.txt\"]\n",
    );
    let ci = |args: &[&str]| env.cmd().arg("ci").args(args).output().unwrap();
    assert_eq!(ci(&[]).status.code(), Some(1), "copies of 篇四 fail");
    assert_eq!(ci(&["--update-baseline"]).status.code(), Some(0));
    let baseline = env.read("taohua-baseline.toml");
    assert!(baseline.contains("a/comp.txt#讲话精神篇一#2"), "{baseline}");
    let again = ci(&[]);
    let out = String::from_utf8_lossy(&again.stdout);
    assert_eq!(again.status.code(), Some(0), "{out}");
}
