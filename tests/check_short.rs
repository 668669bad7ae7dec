//! `taohua check`: short passages count beside a long one of the same source,
//! and stand alone only with 13 identical characters in a row or as stock
//! phrases of the corpus.

use crate::util::*;
use serde_json::Value;

/// The texts of a draft report's matches.
fn match_texts(draft: &Value) -> Vec<&str> {
    draft["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

/// `check` of `draft` against a corpus of one speech, `source`.
fn check_against(draft: &str, source: &str) -> Value {
    let env = TestEnv::new();
    let corpus = env.write("source.txt", source);
    check_text_against(draft, &corpus)["drafts"][0].clone()
}

/// Two provincial work reports, a year and a province apart: the 2026 one
/// words an item as the 2025 one did (`……中央生态环保督察……整改……生态环保督察`,
/// 15 matched characters, 9 in a row) and shares with it the report's
/// opening formula, a line away. The item is the genre, not copying.
#[test]
fn genre_wording_shared_with_one_report_is_not_copying() {
    let draft = "持续加强污染防治。深化美丽幸福河湖建设，深入推进入河排污口排查整治，巩固城市集中式饮用水水源地保护和黑臭水体治理成效。\
        提质建设全域“无废城市”，开展固体废物综合治理行动，深化生活垃圾和建筑垃圾全链条治理，推动新污染物协同治理。\
        做好中央生态环保督察整改工作，推进市级生态环保督察。\n\
        现在，我代表省人民政府向大会报告工作，请予审议，并请各位政协委员和列席人员提出意见。\n";
    let source = "现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和列席人员提出意见。\n\
        以更大力度推进蓝天碧水净土保卫战。深入开展空气质量持续改善行动，加强污染物协同控制，巩固“退后十”成果。\
        深化水生态环境系统治理，县级以上饮用水源水质达标率达到100%。实施土壤污染源头防控行动，建设“无废城市”。\
        抓好中央生态环保督察反馈问题整改，开展省级生态环保督察。\n";
    let d = check_against(draft, source);
    let texts = match_texts(&d);
    assert_eq!(texts.len(), 1, "{d:#}");
    assert!(
        texts[0].starts_with("现在，我代表省人民政府"),
        "the formula is: {d:#}"
    );
}

/// The same short stretch beside a copied paragraph of that report is part
/// of the copying: the report's next paragraph is copied whole, and the
/// short sentence moved to its end is counted with it.
#[test]
fn a_short_sentence_moved_inside_a_copied_paragraph_is_copied() {
    // 篇十七's paragraph on new industries, its heading sentence moved to
    // the end (a short sentence alone, 10 characters).
    let r = check_text_against_seed(
        "大力培育国家重点支持、体现区域战略需求、产业前景好、发展潜力大的新兴产业,\
         着力在新能源、新材料、节能环保、电动汽车、生物医药等重点领域率先突破,\
         抢占未来发展的制高点。瞄准世界产业最新发展趋势,三要积极培育新兴产业。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.99, "{d:#}");
    let covered = match_texts(d)
        .iter()
        .any(|t| t.contains("三要积极培育新兴产业"));
    assert!(covered, "the moved sentence is in a passage: {d:#}");
}

/// A stock phrase of the corpus (in three or more of its speeches) alone is
/// counted in 总文字复制比 and marked boilerplate, so 去除套话复制比 leaves it out.
#[test]
fn a_stock_phrase_alone_counts_as_boilerplate() {
    let r = check_text_against_seed(
        "会议强调，要在市委市政府的坚强领导下把今年的各项工作做好。以习近平同志为核心的党中央。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.2, "{d:#}");
    assert_eq!(
        d["copy_ratio_excluding_boilerplate"].as_f64().unwrap(),
        0.0,
        "{d:#}"
    );
    let matches = d["matches"].as_array().unwrap();
    assert!(!matches.is_empty() && matches.iter().all(|m| m["boilerplate"] == true));
}

fn check_text_against_seed(text: &str) -> Value {
    check_text_against(text, &seed())
}

/// A sentence of 篇十 with a third of its characters changed one for one
/// keeps only 19 characters in runs of four or more, too few for a passage
/// alone; with the characters that still stand in place between the runs
/// it is a copy.
#[test]
fn a_sentence_with_a_third_of_its_characters_changed_is_still_copied() {
    let r = check_text_against_seed(
        "(六)切根告市各设民容事业,努力自进定当福祉。始终及度关理民生,努人解决好群有最由心、最直选、定现实接利益问对,不断保升城乡群众生活创满定度建舒关监。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.6, "{d:#}");
    let m = &d["matches"][0];
    let title = m["source"]["title"].as_str().unwrap();
    assert!(title.ends_with("篇十"), "{title}");
    // Its similarity counts the characters left in place too: 36 of 49,
    // where its exact runs alone are 19.
    assert_eq!(m["similarity"].as_f64().unwrap(), 0.7347, "{m:#}");
}

/// Text of the writer's own around what is copied (a village survey).
const OWN: &str = "今年春天我们小组走访了城东的三个村庄，记录了农户对灌溉渠修缮的意见，\
    大家普遍希望在雨季来临之前完成清淤，并把水闸的维护交给村里的年轻人负责。";

/// A 22-character sentence of 篇四 copied word for word into the writer's own
/// text stands alone: it has 13 characters in a row (the 查重 convention).
#[test]
fn a_short_sentence_copied_word_for_word_counts_alone() {
    let r = check_text_against_seed(&format!(
        "{OWN}不信马列信鬼神，不图公德图私利，最后堕入犯罪深渊。{OWN}\n"
    ));
    let d = &r["drafts"][0];
    let texts = match_texts(d);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("不图公德图私利，最后堕入犯罪深渊")),
        "{d:#}"
    );
    assert!(texts.iter().all(|t| !t.contains("灌溉渠")), "{d:#}");
}

/// A copied sentence with the place name masked (`**`, `xx`) keeps the
/// characters the mask stands for: it is as copied as the unmasked one.
#[test]
fn a_masked_name_does_not_hide_a_copied_sentence() {
    let ratio = |name: &str| {
        let r = check_text_against_seed(&format!(
            "{OWN}开发区建设事关{name}振兴发展大局。各地、各部门要高度重视。{OWN}\n"
        ));
        r["drafts"][0]["copy_ratio"].as_f64().unwrap()
    };
    let plain = ratio("吉林");
    assert!(plain > 0.1, "{plain}");
    for masked in ["**", "xx"] {
        let r = ratio(masked);
        assert!(r > 0.1 && r <= plain, "{masked}: {r} against {plain}");
    }
}

/// The same paragraph as above, hard-wrapped at 30 characters a line (a
/// text from a PDF): the wraps are not paragraph breaks, so the moved
/// sentence on the last line is still copied with the rest.
#[test]
fn a_hard_wrapped_paragraph_is_one_paragraph() {
    let r = check_text_against_seed(
        "大力培育国家重点支持、体现区域战略需求、产业前景好、发展潜力\n\
         大的新兴产业,着力在新能源、新材料、节能环保、电动汽车、生物\n\
         医药等重点领域率先突破,抢占未来发展的制高点。瞄准世界产业最\n\
         新发展趋势,三要积极培育新兴产业。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.99, "{d:#}");
}

/// Wrapped at 28 characters, the third line ends a sentence exactly at the
/// wrap: still one paragraph, so the moved sentence after it is copied too.
#[test]
fn a_wrap_that_falls_after_a_sentence_end_is_no_paragraph_break() {
    let r = check_text_against_seed(
        "大力培育国家重点支持、体现区域战略需求、产业前景好、发展\n\
         潜力大的新兴产业,着力在新能源、新材料、节能环保、电动汽\n\
         车、生物医药等重点领域率先突破,抢占未来发展的制高点。\n\
         瞄准世界产业最新发展趋势,三要积极培育新兴产业。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.99, "{d:#}");
}

/// A copied heading without an end mark is a paragraph of its own: it does
/// not carry the writer's paragraph under it into the copy.
#[test]
fn a_copied_heading_carries_nothing_of_the_paragraph_under_it() {
    for heading in [
        "一、客观总结成绩，坚定发展信心",
        "## 一、客观总结成绩，坚定发展信心",
    ] {
        let r = check_text_against_seed(&format!(
            "{heading}\n一年来，面对招商难、融资难、用地紧等多重困难，开发区党工委带领全体干部负重奋进，埋头苦干，新落户企业二十六家，园区面貌焕然一新。\n"
        ));
        let d = &r["drafts"][0];
        let texts = match_texts(d);
        assert!(texts.iter().any(|t| t.contains("客观总结成绩")), "{d:#}");
        assert!(
            texts.iter().all(|t| !t.contains("埋头苦干")),
            "{heading}: {d:#}"
        );
    }
}

/// A paragraph of the 2015 government work report with its heading and the
/// next paragraph's start.
const REPORT_2015: &str = "四、协调推动经济稳定增长和结构优化\n\n\
    稳增长和调结构相辅相成。我们既要全力保持经济在合理区间运行，又要积极促进经济转型升级、行稳致远。\n\n\
    加快培育消费增长点。鼓励大众消费，控制“三公”消费。促进养老家政健康消费，壮大信息消费，提升旅游休闲消费。\n";

/// A paragraph of the 2015 government work report, its two sentences
/// swapped and every few characters changed (a fifth overall, as the hard
/// drafts do): the longer sentence keeps two seeds (`我们既要全力保持经`,
/// `又要积极促进`), and its end (`学西转型出级、行目致远` for
/// `经济转型升级、行稳致远`) keeps none, but half its characters stand
/// where they stood. The passage grows over that end, and what it has the
/// same on both sides (24 characters) carries it. The short sentence moved
/// after it (`迈增打和调结涌相辅相成` for `稳增长和调结构相辅相成`) holds no
/// seed, but 8 of its 11 characters are its source sentence's, in order:
/// beside the passage, it is copied too. The writer's own sentence before
/// them is not.
#[test]
fn a_sentence_end_with_every_few_characters_changed_is_copied() {
    let draft = "今年我们将围绕产业园区的提档升级，抓好招商引资和项目建设。\n\
        我们既要全力保持经造发合个中间运稳，又要积极促进学西转型出级、行目致远。迈增打和调结涌相辅相成。\n";
    let d = check_against(draft, REPORT_2015);
    let texts = match_texts(&d);
    assert_eq!(texts.len(), 2, "{d:#}");
    assert!(
        texts[0].starts_with("我们既要全力保持") && texts[0].ends_with("行目致远"),
        "the whole sentence, its changed end too: {d:#}"
    );
    assert_eq!(texts[1], "迈增打和调结涌相辅相成", "{d:#}");
}

/// The same paragraph copied with its sentences swapped and one character
/// of the short one changed (`稳增长打调结构相辅相成`): its one seed,
/// `调结构相辅相成`, is 7 characters, under the 8 a passage needs, but with
/// its grown start (`稳增长`) 10 are the same, and the copied sentence
/// beside it carries it.
#[test]
fn a_moved_sentence_with_one_seed_counts_beside_its_paragraph() {
    let draft = "今年我们将围绕产业园区的提档升级，抓好招商引资和项目建设。\n\
        我们既要全力保持经济在合理区间运行，又要积极促进经济转型升级、行稳致远。稳增长打调结构相辅相成。\n";
    let d = check_against(draft, REPORT_2015);
    let texts = match_texts(&d);
    assert_eq!(texts.len(), 2, "{d:#}");
    assert_eq!(texts[1], "稳增长打调结构相辅相成", "{d:#}");
}

/// A paragraph of a 2025 provincial report copied with about a third of
/// its characters changed: the copy is one passage, listed once. (A chain
/// of one seed on the long one's diagonal grew over the whole of it and was
/// listed beside it, with the same extent.)
#[test]
fn a_heavily_edited_paragraph_is_listed_once() {
    let source = "打响“银龄”品牌。深化养老服务改革发展，扩大普惠养老服务，发展社区支持的居家养老，\
        加强失能失智老年人照护，加快健全覆盖城乡的三级养老服务网络。深入实施新时代“银龄人才万人计划”。\
        积极发展银发经济，促进智慧健康养老产业发展，支持社会力量建设康养综合体。\n";
    let draft = "打高“人龄”品牌。深推养老服务改力车港，扩大普惠科老服务，发一社综构持空和家养能，\
        建成失执失出设移新照服，一快健制覆盖城乡的演级合机服务结络。范增力施展时代“银龄术才万人计针”。\
        量极发展银发经济，促进加慧最康深教产业发展，规持产品力作建设安养综合体。\n";
    let d = check_against(draft, source);
    let ranges: Vec<(u64, u64)> = d["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let r = &m["draft"];
            (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(ranges.len(), 1, "{d:#}");
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.9, "{d:#}");
}

/// The targets paragraphs and thanks paragraphs of fifteen national work
/// reports (`fixtures/check/work-report-formulae.txt`): every targets
/// paragraph is strung of the genre's formulae (`今年经济社会发展的主要预期目标是`,
/// `城镇新增就业……万人以上`, `国际收支基本平衡`), each its own year's figures;
/// the thanks paragraph is word for word the same in six of them.
fn check_against_formulae(draft: &str, extra: &[&str]) -> Value {
    let env = TestEnv::new();
    env.write("draft.txt", draft);
    let mut cmd = env.cmd();
    cmd.args(["check", "draft.txt", "--against"])
        .arg(fixture("check/work-report-formulae.txt"))
        .args(["--format", "json"])
        .args(extra);
    json(&mut cmd)["drafts"][0].clone()
}

const TARGETS_2014: &str = "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，\
    居民消费价格涨幅控制在3.5%左右，城镇新增就业1000万人以上，城镇登记失业率控制在4.6%以内，\
    国际收支基本平衡，努力实现居民收入增长和经济发展同步。\n";

/// A targets paragraph copied whole, its figures and all, is copied from its
/// report, though every phrase of it is the genre's: the 2014 report holds it
/// word for word, the others with their own figures (similarity 0.73-0.83).
#[test]
fn a_paragraph_strung_of_formulae_copied_from_one_report_is_copying() {
    let d = check_against_formulae(&format!("{TARGETS_2014}{OWN}\n"), &[]);
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.5, "{d:#}");
    let counted = &d["copy_ratio_excluding_boilerplate"];
    assert_eq!(
        counted, &d["copy_ratio"],
        "counted in 去除套话复制比: {d:#}"
    );
    for m in d["matches"].as_array().unwrap() {
        let from_2014 = m["source"]["title"].as_str().unwrap().starts_with("2014");
        assert_eq!(
            m["boilerplate"], !from_2014,
            "only 2014's is copying: {m:#}"
        );
    }
}

/// The thanks paragraph that six reports repeat word for word is the genre's,
/// however long; and wording the user allowlists is boilerplate at any length.
#[test]
fn a_paragraph_many_reports_repeat_or_allowlisted_is_boilerplate() {
    let thanks = "我代表国务院，向全国各族人民，向各民主党派、各人民团体和各界人士，表示诚挚感谢！\
        向香港特别行政区同胞、澳门特别行政区同胞、台湾同胞和海外侨胞，表示诚挚感谢！\
        向关心和支持中国现代化建设的各国政府、国际组织和各国朋友，表示诚挚感谢！\n";
    let env = TestEnv::new();
    let allow = env.write("allow.txt", TARGETS_2014);
    for (draft, extra) in [
        (thanks, vec![]),
        (TARGETS_2014, vec!["--allowlist", allow.to_str().unwrap()]),
    ] {
        let d = check_against_formulae(&format!("{draft}{OWN}\n"), &extra);
        assert!(d["copy_ratio"].as_f64().unwrap() > 0.5, "{d:#}");
        assert_eq!(d["copy_ratio_excluding_boilerplate"], 0.0, "{d:#}");
    }
}

/// A paragraph of 篇十六 with 20 of its characters swapped for the Kangxi
/// radicals they look like (`⼯业` for `工业`, a known way to dodge 查重) is
/// still copied whole.
#[test]
fn kangxi_look_alikes_do_not_hide_a_copied_paragraph() {
    let r = check_text_against_seed(
        "——要把打造郑州都市区⽣态⼯业新城作为发展⽅向。我们在狠抓⼯业的同时,按照创建国家⽣态⼯业⽰范园区的要求,\
         谋求从⼯业⽀撑向城市⽀撑要⽣产⼒,推进⼯业强区向产城融合转变,统筹产业、⼈⼝、环境和⽣态的合理配置,\
         着⼒打造融⼊郑州都市区的⽣态⼯业新城。\n",
    );
    let d = &r["drafts"][0];
    assert_eq!(d["copy_ratio"].as_f64().unwrap(), 1.0, "{d:#}");
}
