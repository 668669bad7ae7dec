//! `taohua check` and `taohua index` end to end.

use crate::util::*;
use serde_json::Value;

/// `check` of a draft with `text` against the seed compilation.
fn check_text(text: &str) -> Value {
    check_text_against(text, &seed())
}

/// The copy ratio of each paragraph of a draft's report.
fn paragraph_ratios(draft: &Value) -> Vec<f64> {
    draft["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["copy_ratio"].as_f64().unwrap())
        .collect()
}

#[test]
fn edited_copy_is_found_with_its_source() {
    let r = check(&fixture("check/draft.txt"), &seed());
    let d = &r["drafts"][0];
    let paras = paragraph_ratios(d);
    assert_eq!(paras.len(), 3);
    assert!(
        paras[0] == 0.0 && paras[2] == 0.0 && paras[1] > 0.97,
        "only the middle paragraph is copied: {paras:?}"
    );
    let top = &d["sources"][0];
    assert!(
        top["title"].as_str().unwrap().ends_with("篇四")
            || top["title"].as_str().unwrap().ends_with("篇五"),
        "{top}"
    );
    let m = &d["matches"][0];
    assert_eq!(
        m["draft"]["start_line"], 2,
        "the copied paragraph is line 2: {m}"
    );
    assert_eq!(m["draft"]["end_line"], 2);
    assert!(
        m["text"].as_str().unwrap().contains("******"),
        "the masked name stays inside the match"
    );
    let draft = std::fs::read_to_string(fixture("check/draft.txt")).unwrap();
    let line2 = draft.lines().nth(1).unwrap();
    let (s, e) = (
        m["draft"]["start"].as_u64().unwrap() as usize,
        m["draft"]["end"].as_u64().unwrap() as usize,
    );
    assert!(
        line2.len() - (e - s) < 12,
        "the match covers the line: {}..{} of {}",
        s,
        e,
        line2.len()
    );
}

#[test]
fn a_corpus_speech_is_fully_copied_and_a_law_is_not() {
    let env = TestEnv::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = seed_text.lines().collect();
    env.write("speech.txt", lines[52..78].join("\n"));
    let r = check(&env.path("speech.txt"), &seed());
    let d = &r["drafts"][0];
    assert!(
        d["copy_ratio"].as_f64().unwrap() > 0.97,
        "{}",
        d["copy_ratio"]
    );
    assert!(d["max_single_source_ratio"].as_f64().unwrap() > 0.97);
    let r = check(&fixture("check/law.txt"), &seed());
    assert!(r["drafts"][0]["copy_ratio"].as_f64().unwrap() < 0.02);
    assert!(r["drafts"][0]["matches"].as_array().unwrap().is_empty());
}

#[test]
fn max_copy_sets_the_exit_code() {
    let run = |max: &str| {
        taohua()
            .arg("check")
            .arg(fixture("check/draft.txt"))
            .arg("--against")
            .arg(seed())
            .args(["--max-copy", max, "--format", "json"])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run("10%"), Some(1));
    assert_eq!(run("0.95"), Some(0));
}

#[test]
fn terminal_view_marks_copied_text_and_sources() {
    let out = taohua()
        .args(["--color", "never", "check"])
        .arg(fixture("check/draft.txt"))
        .arg("--against")
        .arg(seed())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("总文字复制比")
            && text.contains("去除套话复制比")
            && text.contains("单篇最大文字复制比"),
        "{text}"
    );
    assert!(
        text.contains("【") && text.contains("】[1]"),
        "copied text marked with its source number: {text}"
    );
    // The legend says what the marks are, not colours that are not there.
    assert!(
        text.contains("(【copied 复制】[source], 〔boilerplate 套话〕)") && !text.contains("red:")
    );
    assert!(text.contains("against 19 speeches"));
    let out = taohua()
        .args(["--color", "always", "check"])
        .arg(fixture("check/draft.txt"))
        .arg("--against")
        .arg(seed())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout).unwrap().contains("\x1b[31m"),
        "red when colour is on"
    );
}

#[test]
fn allowlist_turns_a_phrase_into_boilerplate() {
    let env = TestEnv::new();
    env.write("draft.txt", "我们要让我们紧密团结在以习近平同志为核心的党中央周围，这是一句话。\n另外的内容完全是新写的，与任何讲话都没有关系。\n");
    let allow = "# stock phrases\n紧密团结在以习近平同志为核心的党中央周围\n";
    env.write("allow.txt", allow);
    // The same list saved as GBK reads the same.
    env.write("allow-gbk.txt", encoding_rs::GBK.encode(allow).0);
    let check = |list: &str| {
        json(
            env.cmd()
                .args(["check", "draft.txt", "--against"])
                .arg(seed())
                .args(["--allowlist", list, "--format", "json"]),
        )
    };
    let r = check("allow.txt");
    assert_eq!(check("allow-gbk.txt"), r);
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.2, "{d}");
    assert_eq!(
        d["copy_ratio_excluding_boilerplate"].as_f64().unwrap(),
        0.0,
        "{d}"
    );
    assert!(d["matches"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["boilerplate"] == true));
}

#[test]
fn sentences_interleaved_from_three_speeches_are_each_traced_to_their_own() {
    // A paragraph of nine sentences of the seed taken in turn from 篇二,
    // 篇六 and 篇九 (each speech's in its own order): a passage of one
    // speech ran over the other two's sentences between its own (all three
    // were listed over most of the paragraph, 22% for one where 10% was its).
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let body = |n: &str| -> String {
        let head = format!("全市开发区工作会议讲话精神{n}\n");
        let start = seed_text.find(&head).unwrap() + head.len();
        let end = seed_text[start..]
            .find("全市开发区工作会议讲话精神篇")
            .unwrap();
        seed_text[start..start + end].to_string()
    };
    let speeches = ["篇二", "篇六", "篇九"];
    let sentences: Vec<Vec<String>> = speeches
        .iter()
        .map(|n| {
            body(n)
                .split_inclusive('。')
                .map(str::trim)
                .filter(|s| (30..=80).contains(&s.chars().count()) && !s.contains('\n'))
                .skip(2)
                .take(3)
                .map(String::from)
                .collect()
        })
        .collect();
    let mut draft = String::new();
    let mut from = Vec::new();
    for k in 0..3 {
        for (i, list) in sentences.iter().enumerate() {
            from.push((draft.len()..draft.len() + list[k].len(), speeches[i]));
            draft.push_str(&list[k]);
        }
    }
    let r = check_text(&draft);
    let matches = r["drafts"][0]["matches"].as_array().unwrap();
    let counted: Vec<&Value> = matches
        .iter()
        .filter(|m| m["boilerplate"] == false)
        .collect();
    assert!(counted.len() >= 7, "{matches:?}");
    for m in counted {
        let (start, end) = (
            m["draft"]["start"].as_u64().unwrap() as usize,
            m["draft"]["end"].as_u64().unwrap() as usize,
        );
        let (sentence, speech) = from.iter().find(|(r, _)| r.contains(&start)).unwrap();
        assert!(end <= sentence.end, "a match runs past its sentence: {m}");
        assert!(
            m["source"]["title"].as_str().unwrap().ends_with(speech),
            "{m}"
        );
    }
}

#[test]
fn folder_as_draft_is_named_and_others_still_checked() {
    let env = TestEnv::new();
    std::fs::create_dir(env.path("drafts")).unwrap();
    let out = env
        .cmd()
        .args(["check", "drafts"])
        .arg(fixture("check/draft.txt"))
        .arg("--against")
        .arg(seed())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("drafts: is a folder"));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["drafts"].as_array().unwrap().len(), 1);
}

/// An edited paragraph whose first words also match an earlier sentence of
/// the source: the aligner's chain for it starts with that stray match and
/// overlaps the previous passage; the rest of it is still found.
#[test]
fn a_passage_behind_a_stray_overlapping_match_is_found() {
    let r = check_text(
        "要把打造郑州都市区生态工业新城作为发展方向。我们在狠抓工业的同时，按照创建国家生态****示范园区的要求，谋求从工业支撑向城市支撑要生产力，推进工业强区向产城融合转变，统筹xx、人口、环境和生态的合理配xx打造融入郑州都市区的生态工业新城。\n\
         ——要把方业强区作为矢志不移的基本战略。“”,我策面临的最大问题仍是工业经济发展不足,必须矢志不移地坚持以工业为主导,律力做大做强工业经济。\n",
    );
    let d = &r["drafts"][0];
    let paras = paragraph_ratios(d);
    assert!(
        paras.iter().all(|&p| p > 0.9),
        "both paragraphs copied: {paras:?}"
    );
}

/// A paragraph of 篇十 with its sentences shuffled: every sentence is copied,
/// including the long one that lands where the best chain bridged a gap.
#[test]
fn every_sentence_of_a_reordered_paragraph_is_found() {
    let r = check_text(
        "财政大口径收入3.86亿元,增长32.95%;一是调结构、转方式,发展势头强劲有力。小口径收入2.86亿元,增长28.97%;\
         一年来,面对国内经济下行压力加大、自然灾害多发的不利影响,我们始终紧盯“综合经济实力持续增强”这一目标不放松,\
         认真研究落实了一系列调结构、转方式、促发展的有效举措,全县经济综合实力稳健增长,发展势头持续向好,质量效益显著提升。\
         城镇居民人均可支配收入20247元,增长17.29%;全年预计完成生产总值55.62亿元,同比增长23.05%;\n",
    );
    let ratio = r["drafts"][0]["copy_ratio"].as_f64().unwrap();
    assert!(ratio > 0.95, "every sentence is in 篇十: {ratio}");
}

/// A sentence of 篇二 with about one character in seven changed leaves no
/// eight-character run, so no print of it is left: a small corpus is compared
/// exactly, and the source is still found.
#[test]
fn a_short_copy_without_a_print_left_is_found_in_a_small_corpus() {
    let r = check_text(
        "开发区建设事关中林振兴发展大局。各门、各部门要高度重视,福上位置,精源组织,采目有力措施,推动开部区发展实人新突破。\n",
    );
    let d = &r["drafts"][0];
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.9, "{d:#}");
    let title = d["matches"][0]["source"]["title"].as_str().unwrap();
    assert!(title.ends_with("篇二"), "{title}");
}

/// A law clause shares one set phrase (治理体系和治理能力现代化) with a
/// speech of the seed: comparing a small corpus exactly does not make that
/// copying.
#[test]
fn a_set_phrase_alone_is_not_copying_in_a_small_corpus() {
    let r = check_text(
        "第十条 制定地方性法规应当坚持和发展全过程人民民主，发挥法治在国家治理体系和治理能力现代化中的重要作用。\n",
    );
    let d = &r["drafts"][0];
    assert_eq!(d["copy_ratio"].as_f64().unwrap(), 0.0, "{d:#}");
}

/// Two consecutive paragraphs of a seed speech with a paragraph of the
/// writer's own between them: the passage does not run over the own line.
#[test]
fn an_own_paragraph_between_two_copied_ones_is_not_copied() {
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = seed_text.lines().collect();
    let (a, b) = (lines[316], lines[317]);
    assert!(a.starts_with("五是要抓好信访维稳工作") && b.starts_with("六是要抓好廉洁自律工作"));
    let own = "第六十五条 违反本条例的规定，未经许可擅自从事道路运输经营的，由县级以上人民政府交通运输主管部门责令停止经营，没收违法所得，并处违法所得二倍以上十倍以下的罚款。";
    let r = check_text(&format!("{a}\n{own}\n{b}\n"));
    let paras = paragraph_ratios(&r["drafts"][0]);
    assert!(paras[0] > 0.95 && paras[2] > 0.95, "{paras:?}");
    assert_eq!(paras[1], 0.0, "{paras:?}");
}

/// Speeches of a folder: `n` of them hold the paragraphs `a` and `b`, one
/// holds `c` only; the draft copies all three.
#[test]
fn a_clause_of_the_writers_own_between_two_phrases_of_a_source_is_not_copied() {
    // 同志们,新的航程已经开启,新的任务光荣艰巨。让我们… closes a seed speech; the
    // draft puts 120 characters of a regulation (in no speech) after its
    // first clause. A passage bridged the clause (and the draft was 100%
    // copied); now only the closing sentence is.
    let law = "本条例所称营商环境，是指市场主体在市场经济活动中所涉及的体制机制性因素和条件。优化营商环境应当坚持市场化、法治化、国际化原则，以市场主体需求为导向，以政府职能转变为核心，对标国际先进水平，建立健全营商环境评价体系，持续优化公平竞争的市场环境。";
    let text = format!("同志们,新的航程已经开启,{law}新的任务光荣艰巨。让我们紧密团结在以习近平同志为核心的党中央周围。\n");
    let r = check_text(&text);
    let d = &r["drafts"][0];
    let ratio = d["copy_ratio"].as_f64().unwrap();
    assert!((0.1..0.3).contains(&ratio), "{ratio}: {d}");
    let law_at = text.find(law).unwrap();
    for m in d["matches"].as_array().unwrap() {
        let (s, e) = (
            m["draft"]["start"].as_u64().unwrap() as usize,
            m["draft"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            e <= law_at || s >= law_at + law.len(),
            "no match reaches into the regulation: {m}"
        );
    }
}

#[test]
fn a_source_whose_passage_was_cut_to_nothing_is_not_listed() {
    // The draft has two pieces of one source sentence with 30 characters of
    // its own between them: the passage is cut there, and each piece (11
    // characters) is too short to stand alone. No source is left to list.
    let env = TestEnv::new();
    env.write(
        "c/src.txt",
        "会议指出，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。\n",
    );
    env.write("c/other.txt", OTHER);
    let draft = env.write(
        "draft.txt",
        "这是一份草稿。坚持稳中求进工作总基调我们本地自己的一段话写在这里共有二十八个字符左右的内容完整准确全面贯彻新发展。结束。\n",
    );
    let d = &check(&draft, &env.path("c"))["drafts"][0];
    assert_eq!(d["copy_ratio"], 0.0, "{d}");
    assert_eq!(d["sources"].as_array().map_or(0, Vec::len), 0, "{d}");
}

#[test]
fn a_draft_the_corpus_folder_holds_is_found_in_it_and_told() {
    // A corpus speech checked against its corpus is all copied (the issue's
    // property), and the user is told it found itself.
    let env = TestEnv::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = seed_text.lines().collect();
    env.write("corpus/kaifaqu-19.txt", &seed_text);
    let draft = env.write(
        "corpus/draft.txt",
        format!("{}\n{}\n", lines[316], lines[317]),
    );
    let corpus = env.path("corpus");
    let check_json = |draft: &std::path::Path| {
        run(taohua()
            .arg("check")
            .arg(draft)
            .arg("--against")
            .arg(&corpus)
            .args(["--format", "json"]))
    };
    let r = check_json(&draft);
    r.expect(0, &["draft.txt is itself in the corpus"]);
    assert_eq!(r.json()["drafts"][0]["copy_ratio"], 1.0);
    // Not said of a draft the corpus does not hold.
    let other = env.write("draft.txt", format!("{}\n", lines[316]));
    let r = check_json(&other);
    assert!(!r.stderr.contains("itself in the corpus"), "{}", r.stderr);
}

fn crowded_corpus(env: &TestEnv, n: usize) -> std::path::PathBuf {
    let a = "各级党组织要全面落实党风廉政建设责任制，确保各项工作落到实处，推动全面从严治党向纵深发展。";
    let b = "要坚持以人民为中心的发展思想，着力解决群众最关心最直接最现实的利益问题，不断增强人民群众的获得感。";
    let c = "为了规范物业管理活动，维护业主和物业服务企业的合法权益，改善人民群众的生活和工作环境，制定本条例。";
    for i in 0..n {
        env.write(
            &format!("corpus/s{i:03}.txt"),
            format!("第{i}号讲话的开头。\n{a}\n{b}\n"),
        );
    }
    env.write("corpus/z.txt", format!("另一篇讲话的开头。\n{c}\n"));
    env.write("draft.txt", format!("{a}\n{b}\n{c}\n"))
}

#[test]
fn a_source_ranked_below_many_redundant_ones_is_still_aligned() {
    let env = TestEnv::new();
    let draft = crowded_corpus(&env, 60);
    let r = check(&draft, &env.path("corpus"));
    let d = &r["drafts"][0];
    assert!(
        d["copy_ratio"].as_f64().unwrap() > 0.99,
        "{}",
        d["copy_ratio"]
    );
    let sources: Vec<&str> = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert!(sources.iter().any(|s| s.ends_with("z.txt")), "{sources:?}");
    // Sixty speeches hold the first two paragraphs alike: the index cannot
    // tell them apart, so all are listed or none is preferred by its id.
    assert!(
        sources.len() == 61 || sources.len() <= 41,
        "{}",
        sources.len()
    );
}

#[test]
fn copies_with_a_quarter_of_their_characters_changed_are_still_found() {
    // A passage of the seed with one Chinese character in four (chosen by a
    // fixed sequence) replaced by another of the passage's characters: few
    // runs of six unchanged characters are left, many of four. Three such
    // copies, each checked on its own: with seeds of six characters they
    // measured 0.75, 0.87 and 0.96 copied; with four, 0.94, 0.99 and 0.99.
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let lines: Vec<&str> = seed_text.lines().collect();
    let passage = lines[52..60].join("\n");
    let is_han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    let han: Vec<char> = passage.chars().filter(is_han).collect();
    let mut ratios = Vec::new();
    for mut x in [
        0x2545_F491_4F6C_DD1Du64,
        0x9E37_79B9_7F4A_7C15,
        0x1234_5678_9ABC_DEF1,
    ] {
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut changed, mut total) = (0, 0);
        let edited: String = passage
            .chars()
            .map(|c| {
                if !is_han(&c) {
                    return c;
                }
                total += 1;
                if next() % 4 != 0 {
                    return c;
                }
                let other = han[(next() % han.len() as u64) as usize];
                changed += usize::from(other != c);
                other
            })
            .collect();
        assert!(
            (0.2..0.3).contains(&(changed as f64 / total as f64)),
            "{changed} of {total} changed"
        );
        let r = check_text(&edited);
        let d = &r["drafts"][0];
        assert!(
            d["sources"][0]["title"].as_str().unwrap().contains("篇"),
            "{}",
            d["sources"][0]
        );
        ratios.push(d["copy_ratio"].as_f64().unwrap());
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    assert!(
        mean > 0.95 && ratios.iter().all(|&r| r > 0.9),
        "copy ratios {ratios:?}"
    );
}
