//! Stock phrases as the report shows them.

use crate::util::*;
use serde_json::Value;

/// The listed phrase whose text holds `needle` once normalised away from
/// Traditional script and full-width punctuation.
fn phrase_with<'a>(r: &'a Value, needle: &str) -> &'a Value {
    r["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["occurrences"].as_array().unwrap().len() >= 3 && {
                let t = p["text"].as_str().unwrap();
                t.contains(needle) || t.contains("貫徹落實黨的二十大")
            }
        })
        .unwrap_or_else(|| panic!("a phrase with {needle}: {r}"))
}

#[test]
fn a_phrase_is_shown_as_most_speeches_write_it() {
    // The first speech (by path) writes the shared sentence in Traditional
    // script with an ASCII comma; the two after it in Simplified script with
    // a full-width one. All three hold the phrase; it is shown the second way.
    let env = TestEnv::new();
    let shared_trad = "我們要全面貫徹落實黨的二十大精神,推動經濟社會高質量發展。";
    let shared = "我们要全面贯彻落实党的二十大精神，推动经济社会高质量发展。";
    env.write(
        "a.txt",
        format!("同志们：今天召开全市农业农村工作会议，部署春耕生产。\n{shared_trad}\n要抓好粮食生产，稳定播种面积，提高单产水平。\n"),
    );
    env.write(
        "b.txt",
        format!("为了规范物业管理活动，维护业主的合法权益，制定本条例。\n{shared}\n物业服务企业应当按照合同约定提供服务。\n"),
    );
    env.write(
        "c.txt",
        format!("一年来，全市开发区坚持稳中求进工作总基调，经济发展取得显著成效。\n{shared}\n要优化营商环境，加快项目建设，做大产业规模。\n"),
    );
    let r = json(env.cmd().args(["scan", ".", "--format", "json"]));
    let p = phrase_with(&r, "贯彻落实党的二十大");
    let text = p["text"].as_str().unwrap();
    assert!(
        text.contains("贯彻落实党的二十大精神，推动"),
        "shown in the wording two of three speeches use: {p}"
    );
    // Each occurrence still carries its own wording.
    let first = &p["occurrences"][0];
    assert_eq!(first["document"], 0);
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .contains("貫徹落實黨的二十大精神,推動"),
        "{p}"
    );
}

#[test]
fn a_phrase_most_speeches_write_in_traditional_script_is_shown_in_simplified() {
    // Two of three speeches write the shared sentence in Traditional script:
    // it is still shown as the one that writes it in Simplified script does,
    // the script every phrase is matched in.
    let env = TestEnv::new();
    let shared_trad = "我們要全面貫徹落實黨的二十大精神，推動經濟社會高質量發展。";
    let shared = "我们要全面贯彻落实党的二十大精神，推动经济社会高质量发展。";
    let speeches = [
        (
            "a.txt",
            "同志们：今天召开全市农业农村工作会议，部署春耕生产。",
            shared_trad,
        ),
        (
            "b.txt",
            "为了规范物业管理活动，维护业主的合法权益，制定本条例。",
            shared_trad,
        ),
        (
            "c.txt",
            "一年来，全市开发区坚持稳中求进工作总基调，经济发展取得显著成效。",
            shared,
        ),
    ];
    for (name, opening, middle) in speeches {
        env.write(
            name,
            format!("{opening}\n{middle}\n要优化营商环境，加快项目建设。\n"),
        );
    }
    let r = json(env.cmd().args(["scan", ".", "--format", "json"]));
    let p = phrase_with(&r, "贯彻落实党的二十大");
    assert!(
        p["text"]
            .as_str()
            .unwrap()
            .contains("贯彻落实党的二十大精神，推动经济社会"),
        "{p}"
    );
}

#[test]
fn a_passage_two_speeches_share_is_listed_when_each_runs_on_into_a_third() {
    // Sentences of three provincial work reports: 篇一 and 篇三 share
    // 接受人大及其常委会监督，自觉接受政协民主监督; 篇二 shares its left end
    // (依法接受人大及其常委会监督) with 篇三 and its right end (接受政协民主
    // 监督，自觉接受) with 篇一, so the stretch shared in 篇一 and in 篇三
    // runs on into wording the other lacks.
    let env = TestEnv::new();
    let text = "工作会议讲话(精选3篇)\n工作会议讲话篇一\n\
        我们要忠实履行宪法法律赋予的职责，坚持依法行政，自觉接受人大及其常委会监督，自觉接受政协民主监督，自觉接受社会监督，强化财会、审计、统计监督。\n\
        工作会议讲话篇二\n\
        一年来，我们全面正确履行政府职能，依法接受人大及其常委会监督，主动接受政协民主监督，自觉接受群众监督和舆论监督，强化审计、统计监督。\n\
        工作会议讲话篇三\n\
        主动接受各方监督，依法接受人大及其常委会监督，自觉接受政协民主监督，健全行政权力制约和监督体系。\n";
    env.write("c.txt", text);
    let r = json(env.cmd().args(["scan", "c.txt", "--format", "json"]));
    let listed = r["phrases"].as_array().unwrap().iter().find(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .contains("接受人大及其常委会监督，自觉接受政协民主监督")
    });
    let listed = listed.unwrap_or_else(|| panic!("the shared passage: {}", r["phrases"]));
    assert_eq!(listed["documents"], serde_json::json!([0, 2]), "{listed}");
}
