//! `taohua dedup` and `taohua phrases` end to end.

use crate::util::*;

#[test]
fn dedup_keeps_one_copy_and_strips_junk() {
    let env = TestEnv::new();
    let out = env.path("dedup.txt");
    taohua()
        .arg("dedup")
        .arg(seed())
        .arg("--strip-junk")
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let r = json(taohua().arg("scan").arg(&out).args(["--format", "json"]));
    let titles: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 17, "{titles:?}");
    assert!(
        titles.iter().any(|t| t.ends_with("篇四")) && !titles.iter().any(|t| t.ends_with("篇五")),
        "篇四 kept over 篇五"
    );
    assert_eq!(
        titles
            .iter()
            .filter(|t| t.ends_with("篇十六") || t.ends_with("篇十七"))
            .count(),
        1
    );
    let text = std::fs::read_to_string(&out).unwrap();
    for junk in ["小编", "当前隐藏内容免费查看", "优秀19篇"] {
        assert!(!text.contains(junk), "{junk} left in the output");
    }
    assert!(
        r["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["relation"] == "contained"),
        "no duplicates left"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&env.read("dedup.txt.manifest.json")).unwrap();
    assert_eq!(manifest["speeches_out"], 17);
    assert!(manifest["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "removed" && e["title"].as_str().unwrap().ends_with("篇五")));
    // The compilation's title and filler line, cut outside any speech, are listed too.
    let outside = field_texts(&manifest["junk_removed_outside_speeches"], "text");
    assert!(
        outside.iter().any(|t| t.contains("优秀19篇")),
        "{outside:?}"
    );
}

/// `-o -` is standard output, as for every command: the collection goes
/// there, no file named `-` is made, and the manifest only where `--manifest`
/// says; a folder cannot go to standard output.
#[test]
fn dash_output_is_standard_output() {
    let env = TestEnv::new();
    let dedup = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.arg("dedup").arg(seed()).args(args);
        cmd
    };
    let out = dedup(&["-o", "-"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("全市开发区工作会议讲话精神篇四") && !text.contains("篇五\n"));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no manifest"));
    let scan = env
        .cmd()
        .arg("scan")
        .arg(seed())
        .args(["-f", "json", "-o", "-"])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&scan.stdout).unwrap();
    assert_eq!(r["documents"].as_array().unwrap().len(), 19);
    assert!(!env.path("-").exists() && !env.path("-.manifest.json").exists());
    // The manifest alone may go to standard output, not both.
    let out = dedup(&["-o", "kept.txt", "--manifest", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let manifest: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(manifest["speeches_out"], 17);
    dedup(&["-o", "-", "--manifest", "-"]).assert().code(2);
    env.write("a/one.txt", SPEECH);
    env.cmd()
        .args(["dedup", "a", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give -o DIR"));
}

#[test]
fn drop_contained_leaves_sixteen() {
    let env = TestEnv::new();
    let out = env.path("d.txt");
    taohua()
        .arg("dedup")
        .arg(seed())
        .args(["--strip-junk", "--drop-contained", "-o"])
        .arg(&out)
        .assert()
        .success();
    let r = json(taohua().arg("scan").arg(&out).args(["--format", "json"]));
    assert_eq!(r["documents"].as_array().unwrap().len(), 16);
    assert!(r["pairs"].as_array().unwrap().is_empty());
}

#[test]
fn dedup_never_writes_over_its_input() {
    let env = TestEnv::new();
    let input = env.copy(&seed(), "in.txt");
    let before = std::fs::read(&input).unwrap();
    let out = env
        .cmd()
        .args(["dedup", "in.txt", "-o", "in.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write over"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn dedup_of_a_folder_writes_a_folder() {
    let env = TestEnv::new();
    let out = env.path("out");
    taohua()
        .arg("dedup")
        .arg(fixture("scan/masked-copy"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["law.txt", "original.txt"],
        "the masked copy is dropped, the clean one kept"
    );
}

#[test]
fn phrases_allowlist_lists_the_stock_phrase() {
    let out = taohua()
        .arg("phrases")
        .arg(seed())
        .args(["--format", "allowlist"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("紧密团结在以习近平同志为核心的党中央周围")),
        "{text}"
    );
    assert!(
        text.lines().all(|l| !l.contains("小编")),
        "junk is not a stock phrase"
    );
}

#[test]
fn output_to_a_device_writes_through_it() {
    // `-o /dev/null` must never rename a file over the device.
    taohua()
        .arg("scan")
        .arg(seed())
        .args(["--format", "json", "-o", "/dev/null"])
        .assert()
        .success();
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn gbk_and_bom_files_come_back_as_plain_utf8_and_the_manifest_says_so() {
    let env = TestEnv::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    env.write("in/gbk.txt", encoding_rs::GBK.encode(&seed_text).0);
    env.write("in/utf8.txt", "同志们：今天我们召开全市开发区工作会议。\n");
    // Saved by Notepad: UTF-8 with a byte order mark, written back without.
    let bom = "\u{feff}同志们：这次会议的主要任务是总结三年来全省开发区工作。\n";
    env.write("in/bom.txt", bom);
    // One malformed byte in a UTF-8 file: read, and written back, as U+FFFD.
    let mut bad = "同志们：要坚持以习近平新时代中国特色社会主义思想为指导。"
        .as_bytes()
        .to_vec();
    bad.insert(9, 0xff);
    env.write("in/bad.txt", bad);
    run(env.cmd().args(["dedup", "in", "-o", "out"])).expect(0, &[]);
    let back = env.read("out/gbk.txt");
    assert!(back.contains("全市开发区工作会议讲话精神篇四"), "UTF-8 now");
    assert_eq!(env.read("out/bom.txt"), bom.trim_start_matches('\u{feff}'));
    let m: serde_json::Value = serde_json::from_str(&env.read("out.manifest.json")).unwrap();
    let converted = m["converted"].as_array().unwrap();
    let listed: Vec<(&str, &str, &str)> = converted
        .iter()
        .map(|c| {
            let source = c["source"].as_str().unwrap();
            let name = &source[source.rfind('/').map_or(0, |i| i + 1)..];
            (
                name,
                c["encoding"].as_str().unwrap(),
                c["written_as"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("bad.txt", "UTF-8", "UTF-8"),
            ("bom.txt", "UTF-8 with BOM", "UTF-8"),
            ("gbk.txt", "gb18030", "UTF-8")
        ],
        "{m}"
    );
    assert!(
        converted[0]["replaced"]
            .as_str()
            .is_some_and(|r| r.starts_with("1 malformed sequence")),
        "{m}"
    );
    assert!(env.read("out/bad.txt").contains('\u{FFFD}'));
    assert!(converted[1].get("replaced").is_none(), "{m}");
}
