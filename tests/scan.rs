//! `taohua scan` end to end: the seed compilation, fixtures, determinism.

use crate::util::*;
use serde_json::Value;

fn pair(r: &Value, a: u64, b: u64) -> Option<&Value> {
    r["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| (p["a"].as_u64(), p["b"].as_u64()) == (Some(a.min(b)), Some(a.max(b))))
}

/// A report's pairs as `(name, name, relation)`, the smaller name first, sorted.
fn named_pairs(r: &Value, name: &dyn Fn(&Value) -> String) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = r["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (a, b) = (name(&p["a"]), name(&p["b"]));
            let rel = p["relation"].as_str().unwrap().to_string();
            (a.clone().min(b.clone()), a.max(b), rel)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn seed_pairs_are_the_four_known_ones() {
    let r = seed_report();
    assert_eq!(r["documents"].as_array().unwrap().len(), 19);
    assert_eq!(r["pairs"].as_array().unwrap().len(), 4, "{:#}", r["pairs"]);
    let (four, five) = (doc_id(&r, "篇四"), doc_id(&r, "篇五"));
    let (d14, d16, d17) = (
        doc_id(&r, "篇十四"),
        doc_id(&r, "篇十六"),
        doc_id(&r, "篇十七"),
    );
    assert_eq!(pair(&r, four, five).unwrap()["relation"], "near-duplicate");
    assert_eq!(pair(&r, d16, d17).unwrap()["relation"], "near-duplicate");
    for outer in [d16, d17] {
        let p = pair(&r, d14, outer).unwrap();
        assert_eq!(p["relation"], "contained");
        assert!(
            p["a_in_b"].as_f64().unwrap() > 0.9,
            "篇十四 is mostly inside: {p}"
        );
    }
    let clusters = r["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 2);
    let c45 = clusters
        .iter()
        .find(|c| c["documents"].as_array().unwrap().contains(&four.into()))
        .unwrap();
    assert_eq!(
        c45["representative"], four,
        "篇四 (unmasked, no junk) is the cleaner copy"
    );
}

#[test]
fn seed_stock_phrase_has_its_four_speeches_and_the_masked_variant() {
    let r = seed_report();
    let p = r["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .contains("紧密团结在以习近平同志为核心的党中央周围")
        })
        .expect("the stock phrase is listed");
    let docs: Vec<u64> = p["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect();
    for name in ["篇四", "篇五", "篇七", "篇十一"] {
        assert!(docs.contains(&doc_id(&r, name)), "{name} uses it: {p}");
    }
    assert_eq!(p["kind"], "stock-phrase");
    let variants = p["variants"].as_array().expect("variants listed");
    assert!(
        variants.iter().any(|v| v["text"]
            .as_str()
            .unwrap()
            .contains("以******同志为核心的党***周围")),
        "{p}"
    );
}

#[test]
fn every_occurrence_is_the_text_at_its_span_in_scan_and_phrases() {
    let r = seed_report();
    let file = std::fs::read_to_string(seed()).expect("the seed reads");
    let phrases = r["phrases"].as_array().unwrap();
    let mut masked = 0;
    for p in phrases {
        for o in p["occurrences"].as_array().unwrap() {
            let (s, e) = (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
            let text = o["text"].as_str().unwrap();
            assert!(!text.is_empty(), "{o}");
            assert_eq!(text, &file[s as usize..e as usize], "{o}");
            masked += usize::from(text.contains("***"));
        }
    }
    assert!(
        masked > 0,
        "the masked copy's occurrences are listed as written"
    );
    // `phrases --format json` lists the same phrases, texts and all.
    let only = json(
        taohua()
            .arg("phrases")
            .arg(seed())
            .args(["--format", "json"]),
    );
    assert_eq!(&only["phrases"], &r["phrases"]);
}

/// The seed hard-wrapped at 28 characters a line (as text taken from a PDF
/// is) gives the phrases of the seed: a phrase across a wrap is one phrase,
/// shown on one line, not two fragments.
#[test]
fn a_hard_wrapped_compilation_gives_the_same_phrases() {
    let env = TestEnv::new();
    let text = std::fs::read_to_string(seed()).unwrap();
    let mut wrapped = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() <= 30 {
            wrapped.push(line.to_string());
            continue;
        }
        wrapped.extend(chars.chunks(28).map(|c| c.iter().collect::<String>()));
    }
    env.write("wrapped.txt", wrapped.join("\n"));
    let r = scan_json(&env.path("wrapped.txt"));
    let phrases = field_texts(&r["phrases"], "text");
    let plain = seed_report();
    let want = plain["phrases"].as_array().unwrap().len();
    assert!(
        phrases.len().abs_diff(want) <= 5,
        "{} phrases wrapped, {want} not",
        phrases.len()
    );
    for p in [
        "让我们紧密团结在以习近平同志为核心的党中央周围",
        "全面落实党风廉政建设责任制",
    ] {
        assert!(phrases.contains(&p), "{p} in {phrases:?}");
    }
    assert!(phrases.iter().all(|p| !p.contains('\n')));
}

/// The human report names a phrase's speeches by their titles' numbers,
/// whole (`篇十一`, not `一`), copies of one speech joined (`篇十一=篇十三`)
/// however the speeches are ordered.
#[test]
fn phrase_lists_name_speeches_by_their_numbers_and_join_copies() {
    let env = TestEnv::new();
    let shared = "全面落实党风廉政建设责任制，确保各项工作落到实处。";
    let one = format!("同志们：今天召开全市开发区工作会议。{shared}经济发展取得显著成效。");
    let two = format!("为了规范物业管理活动，维护业主的合法权益，{shared}制定本条例。");
    let text = format!("讲话汇编篇十一\n{one}\n讲话汇编篇十二\n{two}\n讲话汇编篇十三\n{one}\n");
    env.write("c.txt", &text);
    let out = env
        .cmd()
        .args(["--color", "never", "scan", "c.txt"])
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("[篇十一=篇十三,篇十二]"), "{human}");
}

#[test]
fn seed_has_the_opinion_template() {
    let r = seed_report();
    let t = r["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["skeleton"].as_str().unwrap().starts_with("下面,我")
                && t["skeleton"].as_str().unwrap().ends_with("意见")
        })
        .expect("a 下面，我…意见 template");
    let members: Vec<&str> = t["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(members.contains(&"下面,我讲三点意见。"), "{members:?}");
    assert!(
        members.contains(&"下面,我代表市委、市政府讲三方面意见:"),
        "{members:?}"
    );
    let openers: Vec<&str> = r["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["skeleton"].as_str().unwrap())
        .collect();
    assert!(
        openers.contains(&"同志们:"),
        "the genre's opener: {openers:?}"
    );
}

#[test]
fn json_is_identical_across_runs_and_thread_counts() {
    let run = |threads: &str| {
        taohua()
            .args(["--threads", threads, "scan"])
            .arg(seed())
            .args(["--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("1"));
    assert_eq!(one, run("2"));
    let v: Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["version"], 1);
}

#[test]
fn human_report_of_the_seed() {
    let out = taohua()
        .args(["--color", "never", "scan"])
        .arg("corpus/kaifaqu-19.txt")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn fixtures_give_their_expected_pairs() {
    let dir = fixture("scan");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 3);
    for case in cases {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let r = scan_json(&case);
        let name = |id: &Value| {
            let d = &r["documents"][id.as_u64().unwrap() as usize];
            std::path::Path::new(d["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        assert_eq!(
            r["documents"].as_array().unwrap().len() as u64,
            expected["documents"].as_u64().unwrap(),
            "{case:?}"
        );
        let got = named_pairs(&r, &name);
        let want: Vec<(String, String, String)> = expected["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["a"].as_str().unwrap().into(),
                    p["b"].as_str().unwrap().into(),
                    p["relation"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(got, want, "{case:?}: {}", expected["about"]);
        for ph in expected["phrases"].as_array().into_iter().flatten() {
            let hit = r["phrases"].as_array().unwrap().iter().find(|p| {
                p["text"]
                    .as_str()
                    .unwrap()
                    .contains(ph["contains"].as_str().unwrap())
            });
            let hit = hit.unwrap_or_else(|| panic!("{case:?}: no phrase with {}", ph["contains"]));
            assert_eq!(
                hit["documents"].as_array().unwrap().len() as u64,
                ph["documents"].as_u64().unwrap(),
                "{case:?}"
            );
        }
    }
}

/// Copies of one speech are paired without aligning each pair: every pair of a
/// small group is listed, with the whole text as the passage; a large group
/// lists each copy with its first one, and a near-duplicate of the group pairs
/// with every copy.
#[test]
fn identical_copies_cost_one_alignment_and_still_list_their_pairs() {
    let env = TestEnv::new();
    let original = std::fs::read_to_string(fixture("scan/masked-copy/original.txt")).unwrap();
    let masked = std::fs::read_to_string(fixture("scan/masked-copy/masked.txt")).unwrap();
    for i in 0..3 {
        // The same text up to width and punctuation: identical once normalised.
        let copy = if i == 1 {
            original.replace('，', ",")
        } else {
            original.clone()
        };
        env.write(&format!("small/copy{i}.txt"), copy);
    }
    env.write("small/masked.txt", &masked);
    let r = json(
        env.cmd()
            .arg("scan")
            .arg(env.path("small"))
            .args(["--format", "json"]),
    );
    let pairs = r["pairs"].as_array().unwrap();
    assert_eq!(
        pairs.len(),
        6,
        "3 copies pairwise, and each with the masked one"
    );
    let masked_id = doc_id(&r, "masked");
    for p in pairs {
        assert_eq!(p["relation"], "near-duplicate");
        assert!(p["a"].as_u64() < p["b"].as_u64());
        let whole = p["a"] != masked_id && p["b"] != masked_id;
        if whole {
            assert_eq!(p["similarity"], 1.0);
            let passage = &p["passages"][0];
            assert_eq!(passage["a"]["start"], 0);
            assert!(passage["a"]["end"].as_u64().unwrap() as usize >= original.len() - 8);
        } else {
            assert!(p["similarity"].as_f64().unwrap() < 1.0);
        }
    }
    assert_eq!(r["stats"]["candidate_pairs"], 1, "one pair is aligned");

    for i in 0..200 {
        env.write(&format!("large/copy{i:03}.txt"), &original);
    }
    env.write("large/masked.txt", &masked);
    let r = json(
        env.cmd()
            .arg("scan")
            .arg(env.path("large"))
            .args(["--format", "json"]),
    );
    let pairs = r["pairs"].as_array().unwrap();
    let masked_id = doc_id(&r, "masked");
    let with_masked = pairs
        .iter()
        .filter(|p| p["a"] == masked_id || p["b"] == masked_id)
        .count();
    assert_eq!(with_masked, 200);
    assert_eq!(
        pairs.len(),
        200 + 199,
        "copies are listed with the first copy"
    );
    assert_eq!(r["clusters"].as_array().unwrap().len(), 1);
    assert_eq!(r["clusters"][0]["documents"].as_array().unwrap().len(), 201);
    assert_eq!(r["stats"]["candidate_pairs"], 1);
}

#[test]
fn heavily_edited_copies_are_found_in_the_indexed_regime_too() {
    // The fixtures whose copies share few prints, scanned together as a large
    // corpus would be (the indexed regime from two speeches on): each gives
    // its expected pairs, and nothing pairs across fixtures.
    use taohua::candidates::CandidateParams;
    use taohua::ingest::{add_text, Corpus, IngestOptions, SplitRule};
    use taohua::scan::{scan, ScanOptions};
    // (a-fifth-changed and heavily-edited copy the speech edited-inside-longer
    // does, inserted-and-changed the one a-quarter-changed does.)
    let cases = [
        "a-quarter-changed",
        "edited-inside-longer",
        "borrowed-clauses",
        "stock-phrase-only",
    ];
    let mut corpus = Corpus::default();
    let ingest = IngestOptions {
        split: SplitRule::Never,
        ..IngestOptions::default()
    };
    let mut want = Vec::new();
    for case in cases {
        let dir = fixture("scan").join(case);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let name = format!("{case}/{}", f.file_name().unwrap().to_string_lossy());
            add_text(&mut corpus, name, text, "UTF-8", &ingest);
        }
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        for p in expected["pairs"].as_array().unwrap() {
            let name = |k: &str| format!("{case}/{}", p[k].as_str().unwrap());
            want.push((
                name("a"),
                name("b"),
                p["relation"].as_str().unwrap().to_string(),
            ));
        }
    }
    let opts = ScanOptions {
        candidates: CandidateParams {
            exact_limit: 1,
            ..CandidateParams::default()
        },
        ..ScanOptions::default()
    };
    let r = serde_json::to_value(scan(&corpus, &opts, &()).unwrap()).unwrap();
    assert_eq!(r["regime"], "indexed");
    let name = |id: &Value| {
        r["documents"][id.as_u64().unwrap() as usize]["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    want.sort();
    assert_eq!(named_pairs(&r, &name), want);
}
