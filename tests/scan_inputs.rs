//! `taohua scan` end to end: what it reads (encodings, unreadable files, splitting, excluded names).

use crate::util::*;
use serde_json::Value;

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
