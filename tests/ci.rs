//! `taohua ci` end to end, on a fixture repository built from speeches of the seed.

use crate::util::{fixture, seed, TestEnv};
use serde_json::Value;

/// The non-empty body lines of the seed's speech whose heading ends with `suffix`.
fn speech(suffix: &str) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let is_head = |l: &str| l.trim().chars().count() < 40 && l.trim().contains("讲话精神篇");
    let at = lines
        .iter()
        .position(|l| {
            is_head(l) && l.trim().ends_with(suffix) && !l.trim().ends_with(&format!("十{suffix}"))
        })
        .unwrap_or_else(|| panic!("no speech …{suffix}"));
    let body = lines[at + 1..]
        .iter()
        .take_while(|l| !is_head(l))
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.to_string())
        .collect();
    (lines[at].trim().to_string(), body)
}

/// A repository: `corpus/speeches.txt` (a compilation of 篇一, 二, 三, 四, 六),
/// `corpus/eight.txt` (篇八), `drafts/clean.txt` (篇十二) and the fixture config.
fn repo() -> TestEnv {
    let env = TestEnv::new();
    let mut comp = vec!["讲话汇编".to_string()];
    for n in ["篇一", "篇二", "篇三", "篇四", "篇六"] {
        let (head, body) = speech(n);
        comp.push(head);
        comp.extend(body);
    }
    env.write("corpus/speeches.txt", comp.join("\n") + "\n");
    env.write("corpus/eight.txt", speech("篇八").1.join("\n") + "\n");
    env.write("drafts/clean.txt", speech("篇十二").1.join("\n") + "\n");
    env.copy(&fixture("ci/taohua.toml"), "taohua.toml");
    env
}

/// Two lines of its own, then the first 20 lines of 篇四 (draft lines 3–22).
fn copy_of_pian_si() -> String {
    let mut lines = vec![
        "同志们：".to_string(),
        "今天我们召开全区干部教育培训工作推进会，我先讲几点意见。".to_string(),
    ];
    lines.extend(speech("篇四").1.into_iter().take(20));
    lines.join("\n") + "\n"
}

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().arg("ci").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_of(env: &TestEnv, args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(env, args);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out} {err}"));
    (code, v)
}

#[test]
fn the_clean_set_passes() {
    let env = repo();
    let (code, out, err) = run(&env, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("7 speeches (1 new)"), "{out}");
    assert!(out.contains("PASSED: 0 failures, 0 warnings"), "{out}");
    let (code, r) = json_of(&env, &["--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(r["findings"], serde_json::json!([]));
    assert_eq!(
        r["documents"][1]["key"],
        "corpus/speeches.txt#全市开发区工作会议讲话精神篇一"
    );
}

#[test]
fn a_copy_of_pian_si_fails_in_every_format() {
    let env = repo();
    env.write("drafts/copy.txt", copy_of_pian_si());

    let (code, out, _) = run(&env, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[copy] drafts/copy.txt copies"), "{out}");
    assert!(
        out.contains(
            "drafts/copy.txt:3-22 ← corpus/speeches.txt:52-71 «全市开发区工作会议讲话精神篇四»"
        ),
        "{out}"
    );
    assert!(out.contains("FAILED"), "{out}");

    let (code, r) = json_of(&env, &["-f", "json"]);
    assert_eq!(code, 1);
    let copy = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "copy")
        .unwrap();
    assert_eq!(copy["level"], "fail");
    assert_eq!(copy["document"]["path"], "drafts/copy.txt");
    assert!(copy["value"].as_f64().unwrap() > 0.9);
    assert_eq!(copy["source"]["title"], "全市开发区工作会议讲话精神篇四");
    let at = &copy["locations"][0];
    assert_eq!(
        (at["start_line"].as_u64(), at["end_line"].as_u64()),
        (Some(3), Some(22))
    );
    assert_eq!(at["source"]["path"], "corpus/speeches.txt");
    assert!(r["summary"]["failures"].as_u64().unwrap() >= 1);

    let (code, sarif) = json_of(&env, &["-f", "sarif"]);
    assert_eq!(code, 1);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("ci/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    let mut bad = sarif.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad), "the schema check is live");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "copy")
        .unwrap();
    assert_eq!(result["level"], "error");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "drafts/copy.txt");
    assert_eq!(
        (
            loc["region"]["startLine"].as_u64(),
            loc["region"]["endLine"].as_u64()
        ),
        (Some(3), Some(22))
    );
    let rel = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(rel["artifactLocation"]["uri"], "corpus/speeches.txt");
    assert_eq!(rel["region"]["startLine"], 52);
    assert!(result["message"]["text"]
        .as_str()
        .unwrap()
        .contains("«全市开发区工作会议讲话精神篇四», lines 52-71](1)"));

    let (code, xml, _) = run(&env, &["-f", "junit"]);
    assert_eq!(code, 1);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains(r#"<testsuites name="taohua ci" tests="8" failures="1" errors="0">"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), 8, "{xml}");
    let case = &xml[xml.find(r#"name="drafts/copy.txt""#).unwrap()..];
    let case = &case[..case.find("</testcase>").unwrap()];
    assert!(case.contains("<failure type=\"taohua\""), "{case}");
    assert!(case.contains("drafts/copy.txt: lines 3-22 ← corpus/speeches.txt «全市开发区工作会议讲话精神篇四», lines 52-71"), "{case}");
    assert!(
        xml.contains(r#"name="drafts/clean.txt" file="drafts/clean.txt" line="1"/>"#),
        "{xml}"
    );

    let (code, gh, _) = run(&env, &["-f", "github"]);
    assert_eq!(code, 1);
    let line = gh
        .lines()
        .find(|l| l.contains("title=taohua copy"))
        .unwrap();
    assert!(line.starts_with("::error file=drafts/copy.txt,line=3,endLine=22,title=taohua copy::drafts/copy.txt copies"), "{line}");
    assert!(
        line.contains("← corpus/speeches.txt «全市开发区工作会议讲话精神篇四», lines 52-71"),
        "{line}"
    );
}

#[test]
fn output_is_deterministic_and_goes_to_a_file() {
    let env = repo();
    env.write("drafts/copy.txt", copy_of_pian_si());
    let (_, one, _) = run(&env, &["-f", "sarif"]);
    let out = env
        .cmd()
        .args(["--threads", "1", "ci", "-f", "sarif", "-o", "out/ci.sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(env.read("out/ci.sarif"), one);
}

#[test]
fn the_baseline_accepts_known_findings_but_not_a_second_copy() {
    let env = repo();
    env.write("drafts/copy.txt", copy_of_pian_si());
    let (code, _, err) = run(&env, &["--update-baseline"]);
    assert_eq!(code, 0, "{err}");
    let baseline = env.read("taohua-baseline.toml");
    assert!(baseline.contains("[[finding]]\ndocument = \"drafts/copy.txt\"\nkind = \"contained\"\nsource = \"corpus/speeches.txt#全市开发区工作会议讲话精神篇四\""), "{baseline}");
    assert!(
        baseline.contains("document = \"drafts/copy.txt\"\nkind = \"copy\"\nvalue = "),
        "{baseline}"
    );
    run(&env, &["--update-baseline"]);
    assert_eq!(
        env.read("taohua-baseline.toml"),
        baseline,
        "rewriting is stable"
    );

    let (code, out, _) = run(&env, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("PASSED: 0 failures, 0 warnings, 2 accepted by taohua-baseline.toml"),
        "{out}"
    );
    let (_, sarif) = json_of(&env, &["-f", "sarif"]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["suppressions"][0]["kind"] == "external"));

    env.write("drafts/copy2.txt", copy_of_pian_si());
    let (code, r) = json_of(&env, &["-f", "json"]);
    assert_eq!(code, 1);
    let failing: Vec<&Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == "fail" && f["accepted"] == false)
        .collect();
    assert!(!failing.is_empty());
    assert!(
        failing
            .iter()
            .all(|f| f["document"]["path"] == "drafts/copy2.txt"),
        "{failing:#?}"
    );
    assert_eq!(r["summary"]["accepted"], 2);
}

#[test]
fn a_misspelt_key_exits_2_naming_the_key_and_line() {
    let env = repo();
    let config = env.read("taohua.toml");
    env.write(
        "taohua.toml",
        config.replace("containment =", "containmnet ="),
    );
    let (code, out, err) = run(&env, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("taohua.toml:13: thresholds.containmnet: unknown key"),
        "{err}"
    );

    env.write(
        "taohua.toml",
        config.replace("fail = 0.5", "fail = \"half\""),
    );
    let (code, _, err) = run(&env, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("taohua.toml:11: thresholds.copy.fail: invalid type"),
        "{err}"
    );
}

#[test]
fn a_warn_tier_finding_prints_a_warning_and_passes() {
    let env = repo();
    std::fs::remove_file(env.path("drafts/clean.txt")).unwrap();
    let mut lines: Vec<String> = speech("篇十二").1.into_iter().take(10).collect();
    lines.extend(speech("篇三").1.into_iter().skip(9).take(5));
    env.write("drafts/partial.txt", lines.join("\n") + "\n");
    let (code, out, _) = run(&env, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[copy] drafts/partial.txt copies"),
        "{out}"
    );
    assert!(
        out.contains("drafts/partial.txt:11-15 ← corpus/speeches.txt:"),
        "{out}"
    );
    assert!(out.contains("PASSED: 0 failures, 1 warning,"), "{out}");
    let (code, gh, _) = run(&env, &["-f", "github"]);
    assert_eq!(code, 0);
    assert!(
        gh.starts_with("::warning file=drafts/partial.txt,line=11,endLine=15,"),
        "{gh}"
    );
}

#[test]
fn duplicates_in_the_corpus_count_unless_the_scope_is_new() {
    let env = repo();
    env.write("corpus/five.txt", speech("篇五").1.join("\n") + "\n");
    let (code, r) = json_of(&env, &["-f", "json"]);
    assert_eq!(code, 1);
    let dup = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "near-duplicate")
        .unwrap();
    assert_eq!(dup["document"]["path"], "corpus/speeches.txt");
    assert_eq!(dup["source"]["path"], "corpus/five.txt");
    let config = env.read("taohua.toml");
    env.write(
        "taohua.toml",
        config.replace("scope = \"all\"", "scope = \"new\""),
    );
    let (code, out, _) = run(&env, &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_config_is_found_walking_up_and_init_writes_one_once() {
    let env = repo();
    let (code, out, _) = run(&env, &["drafts"]);
    assert_eq!(code, 0, "{out}");
    env.write("drafts/copy.txt", copy_of_pian_si());
    let out = env
        .cmd()
        .current_dir(env.path("drafts"))
        .args(["ci", "-f", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let gh = String::from_utf8(out.stdout).unwrap();
    assert!(
        gh.starts_with("::error file=../drafts/copy.txt,line=3,"),
        "paths are relative to the current folder: {gh}"
    );
    assert!(gh.contains("accepted by ../taohua-baseline.toml"), "{gh}");

    let empty = TestEnv::new();
    let (code, _, err) = run(&empty, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("taohua ci --init"), "{err}");
    let (code, _, err) = run(&empty, &["--init"]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(empty.path("taohua.toml")).unwrap();
    assert!(written.contains("[thresholds]") && written.starts_with("# taohua.toml"));
    let (code, _, err) = run(&empty, &["--init"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    // A folder named that is not there yet is made.
    let (code, _, err) = run(&empty, &["--init", "new/repo"]);
    assert_eq!(code, 0, "{err}");
    assert!(empty.path("new/repo/taohua.toml").is_file());
    let (code, _, err) = run(&empty, &[]);
    assert_eq!(code, 2, "an empty set cannot be checked");
    assert!(err.contains("select no readable speech"), "{err}");
}

/// An empty draft cannot be read: the run exits 2, and the formats CI
/// systems read say which file and why (an `::error` on it; a SARIF tool
/// execution notification, the invocation not successful).
#[test]
fn a_file_that_cannot_be_read_is_named_in_every_ci_format() {
    let env = repo();
    env.write("drafts/empty.txt", "");
    let (code, gh, _) = run(&env, &["-f", "github"]);
    assert_eq!(code, 2, "{gh}");
    assert!(
        gh.lines().any(|l| l.starts_with("::error file=drafts/empty.txt,")
            && l.contains("no text in it")),
        "{gh}"
    );
    assert!(gh.trim_end().ends_with("1 file not read"), "{gh}");
    let (code, sarif) = json_of(&env, &["-f", "sarif"]);
    assert_eq!(code, 2);
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "drafts/empty.txt"
    );
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("ci/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(
        validator.is_valid(&sarif),
        "SARIF with notifications validates"
    );
}
