//! `taohua scan` end to end: site junk found by the built-in list and by the collection rule.

use crate::util::*;
use serde_json::Value;

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

/// The formulas a speech closes with (`我就讲这些，谢谢大家！`) recur at
/// the end of many speeches and share few words with them, as junk does;
/// they are the genre's matter, and `dedup --strip-junk` keeps them.
#[test]
fn a_speakers_closing_formula_in_three_speeches_is_not_junk() {
    let closers = [
        "我就讲这些，谢谢大家！",
        "以上讲话，不妥之处，请批评指正。",
        "以上汇报，请予审议。",
    ];
    for closer in closers {
        let env = TestEnv::new();
        let text = std::fs::read_to_string(seed()).unwrap();
        let mut out = String::new();
        let mut current = "";
        let end_of = |s: &str| ["篇二", "篇六", "篇十"].contains(&s);
        for line in text.lines() {
            let heading = line.trim().strip_prefix("全市开发区工作会议讲话精神");
            if let Some(next) = heading {
                if end_of(current) {
                    out += &format!("{closer}\n");
                }
                current = next;
            }
            out += &format!("{line}\n");
        }
        env.write("seed3.txt", &out);
        let r = scan_json(&env.path("seed3.txt"));
        let junk = field_texts(&r["junk"], "text");
        assert!(!junk.contains(&closer), "{closer}: {junk:?}");
        assert!(junk.contains(&"当前隐藏内容免费查看"), "{junk:?}");
        run(env
            .cmd()
            .args(["dedup", "seed3.txt", "--strip-junk", "-o", "out.txt"]))
        .expect(0, &[]);
        assert_eq!(env.read("out.txt").matches(closer).count(), 3, "{closer}");
    }
}
