//! `taohua scan` end to end: the seed compilation, fixtures, determinism.

use crate::util::*;
use serde_json::Value;

/// The JSON report of `taohua scan PATH`.
fn scan_json(path: &std::path::Path) -> Value {
    json(taohua().arg("scan").arg(path).args(["--format", "json"]))
}

fn seed_report() -> Value {
    scan_json(&seed())
}

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

#[test]
fn seed_junk_is_junk_not_copying() {
    let r = seed_report();
    let junk = field_texts(&r["junk"], "text");
    assert!(
        junk.contains(&"下面是小编为大家整理的,供大家参考。"),
        "{junk:?}"
    );
    assert!(junk.contains(&"当前隐藏内容免费查看"), "{junk:?}");
    assert!(
        junk.iter().any(|j| j.contains("优秀19篇")),
        "the preamble title is junk: {junk:?}"
    );
    for p in r["phrases"].as_array().unwrap() {
        if p["text"].as_str().unwrap().contains("小编") {
            assert_eq!(p["kind"], "junk", "junk is never a copied passage: {p}");
        }
    }
}

/// The seed's filler paragraph (its second line, 104 characters about
/// social media) pasted at the head of three of its speeches is junk there
/// too: it recurs at their edge and shares next to no vocabulary with them.
#[test]
fn a_filler_paragraph_pasted_into_speeches_is_junk() {
    let env = TestEnv::new();
    let text = std::fs::read_to_string(seed()).unwrap();
    let filler = text.lines().nth(1).unwrap().to_string();
    assert!(filler.starts_with("社交媒体"));
    let mut out = Vec::new();
    for line in text.lines() {
        out.push(line.to_string());
        if ["篇一", "篇二", "篇三"]
            .iter()
            .any(|h| line.trim().ends_with(h))
        {
            out.push(filler.clone());
        }
    }
    env.write("pasted.txt", out.join("\n"));
    let r = scan_json(&env.path("pasted.txt"));
    let inside: Vec<&Value> = r["junk"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["text"] == filler.as_str() && !j["documents"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(inside.len(), 1, "{}", r["junk"]);
    assert_eq!(inside[0]["documents"], serde_json::json!([0, 1, 2]));
}

/// A site's page line under three of the seed's speeches, each with its own
/// timestamp (`时间:2021-03-16 18:04:33 发言稿 我要投稿`), is junk in each: it
/// recurs but for its figures; a line with a figure of a speech's matter
/// recurring so would not be.
#[test]
fn a_page_line_with_its_own_timestamp_in_each_speech_is_junk() {
    let env = TestEnv::new();
    let text = std::fs::read_to_string(seed()).unwrap();
    let mut out = Vec::new();
    let mut n = 0;
    for line in text.lines() {
        if ["篇二", "篇三", "篇四"]
            .iter()
            .any(|h| line.trim().ends_with(h))
        {
            n += 1;
            out.push(format!("时间:2021-0{n}-1{n} 0{n}:04:33 讲话稿 欢迎阅读"));
        }
        out.push(line.to_string());
    }
    env.write("stamped.txt", out.join("\n"));
    let r = scan_json(&env.path("stamped.txt"));
    let stamped: Vec<&Value> = r["junk"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["text"].as_str().unwrap().contains("欢迎阅读"))
        .collect();
    assert_eq!(stamped.len(), 1, "{}", r["junk"]);
    assert_eq!(stamped[0]["occurrences"].as_array().unwrap().len(), 3);
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

#[test]
fn encodings_are_detected() {
    let env = TestEnv::new();
    let text = "会议讲话篇一\n同志们：要全面落实党风廉政建设责任制，确保各项工作落到实处，推动开发区高质量发展。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    env.write("gbk.txt", &gbk);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    env.write("utf16.txt", &utf16);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    env.write("bom.txt", &bom);
    let r = json(env.cmd().args(["scan", ".", "--format", "json"]));
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().all(|d| d["title"] == "会议讲话篇一"));
    assert_eq!(
        r["clusters"][0]["documents"].as_array().unwrap().len(),
        3,
        "the same speech in three encodings"
    );
}

#[test]
fn unreadable_input_is_named_and_the_rest_is_scanned() {
    let out = taohua()
        .arg("scan")
        .arg("no-such-file.txt")
        .arg(seed())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no-such-file.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["documents"].as_array().unwrap().len(), 19);
    assert_eq!(r["skipped"][0]["path"], "no-such-file.txt");
}

#[test]
fn no_split_and_custom_split() {
    let r = json(
        taohua()
            .arg("scan")
            .arg(seed())
            .args(["--no-split", "--format", "json"]),
    );
    assert_eq!(r["documents"].as_array().unwrap().len(), 1);
    let out = taohua()
        .arg("scan")
        .arg(seed())
        .args(["--split", "(unclosed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--split"));
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
fn a_compilation_headed_by_a_numbered_series_splits_like_the_seed() {
    // The seed with its headings rewritten `…讲话精神（四）` and `…讲话精神4`.
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let env = TestEnv::new();
    let numerals = [
        "十九", "十八", "十七", "十六", "十五", "十四", "十三", "十二", "十一", "十", "九", "八",
        "七", "六", "五", "四", "三", "二", "一",
    ];
    for s in 0..2 {
        let mut text = seed_text.clone();
        for (i, k) in numerals.iter().enumerate() {
            let numbered = match s {
                0 => format!("（{k}）"),
                _ => (19 - i).to_string(),
            };
            text = text.replace(
                &format!("讲话精神篇{k}\n"),
                &format!("讲话精神{numbered}\n"),
            );
        }
        assert!(!text.contains("讲话精神篇"), "every heading rewritten");
        let path = env.write(&format!("series{s}.txt"), &text);
        let r = scan_json(&path);
        assert_eq!(r["documents"].as_array().unwrap().len(), 19);
        // The same pairs (byte offsets move with the headings' lengths).
        let pairs = |r: &Value| -> Vec<String> {
            let keys = ["a", "b", "relation", "a_in_b", "b_in_a"];
            let list = r["pairs"].as_array().unwrap().iter();
            list.map(|p| keys.map(|k| p[k].to_string()).join(" "))
                .collect()
        };
        assert_eq!(pairs(&r), pairs(&seed_report()));
    }
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

/// `--exclude` leaves out what a folder's walk finds by name or by path
/// below the folder (a corpus's `SOURCE.md`, a folder of drafts); a file
/// named on the command line is read all the same.
#[test]
fn excluded_names_and_paths_are_left_out_of_a_folder() {
    let env = TestEnv::new();
    let speech = std::fs::read_to_string(fixture("scan").join("reordered/original.txt")).unwrap();
    env.write("corpus/a.txt", &speech);
    env.write(
        "corpus/SOURCE.md",
        "# Where these texts come from\n\n来源：某网站，2023年。\n",
    );
    env.write("corpus/drafts/b.txt", &speech);
    env.write("corpus/2025/c.txt", &speech);
    let sources = |args: &[&str]| -> Vec<String> {
        let r = json(env.cmd().arg("scan").args(args).args(["--format", "json"]));
        let mut s: Vec<String> = r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["source"].as_str().unwrap().replace('\\', "/"))
            .collect();
        s.sort();
        s
    };
    assert_eq!(sources(&["corpus"]).len(), 4);
    assert_eq!(
        sources(&["corpus", "-E", "SOURCE.md", "--exclude", "drafts"]),
        ["corpus/2025/c.txt", "corpus/a.txt"]
    );
    // A path below the folder; `*` does not cross a `/`.
    assert_eq!(
        sources(&["corpus", "-E", "*/c.txt", "-E", "*.md", "-E", "*/b.txt"]),
        ["corpus/a.txt"]
    );
    assert_eq!(
        sources(&[
            "corpus",
            "corpus/SOURCE.md",
            "-E",
            "SOURCE.md",
            "-E",
            "*.txt"
        ]),
        ["corpus/SOURCE.md"]
    );
}
