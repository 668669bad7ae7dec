//! Headings of pieces named first with long titles, and numbered series
//! that are a document's sections.

use super::tests::{BODY_ONE, BODY_TWO};
use super::*;

/// The headings `split` finds in `text`.
fn heads(text: &str) -> Vec<String> {
    split(text, &SplitRule::Default)
        .pieces
        .iter()
        .filter_map(|x| x.heading.clone())
        .collect()
}

#[test]
fn a_heading_that_names_its_piece_first_may_carry_a_long_title() {
    let long = "XX同志在全市优化营商环境暨重点项目建设推进大会上的讲话（2024年3月5日）";
    for head in [
        format!("篇一：{long}"),
        format!("【篇二】{long}"),
        format!("第三篇：{long}"),
        format!("精选范文4：{long}"),
    ] {
        assert!(head.chars().count() > HEADING_MAX_CHARS);
        let text = format!("讲话稿汇编\n{head}\n{BODY_ONE}\n篇九：短标题\n{BODY_TWO}\n");
        assert_eq!(heads(&text), [head.as_str(), "篇九：短标题"], "{text}");
    }
    // A word before 第…篇, and spaces around its numeral.
    for (first, second) in [
        (
            "正文第一篇：在全市经济工作会议上的讲话",
            "第二篇：在全县安全生产工作会议上的讲话",
        ),
        (
            "推荐第1篇：在全市经济工作会议上的讲话",
            "第2篇：在全县安全生产工作会议上的讲话",
        ),
        (
            "第 1 篇：在全市经济工作会议上的讲话",
            "第 2 篇：在全县安全生产工作会议上的讲话",
        ),
        (
            "全市开发区工作会议讲话 第 1 篇",
            "全市开发区工作会议讲话 第 2 篇",
        ),
    ] {
        let text = format!("讲话稿汇编\n{first}\n{BODY_ONE}\n{second}\n{BODY_TWO}\n");
        assert_eq!(heads(&text), [first, second], "{text}");
    }
    // Not a title: a sentence, and a long line that only ends in a piece's name.
    for line in [
        format!("篇一：{long}。会议强调，要狠抓落实"),
        format!("{long}讲话精神篇一"),
    ] {
        let text = format!("{line}\n{BODY_ONE}\n");
        assert_eq!(split(&text, &SplitRule::Default).pieces.len(), 1, "{text}");
    }
}

#[test]
fn a_section_of_one_speech_does_not_break_the_numbering_of_the_compilation() {
    // Pieces numbered `1．…讲话`; a section inside the third numbered
    // `一、` and naming a report.
    let titles = [
        "1．在全市经济工作会议上的讲话",
        "2．在全县安全生产工作会议上的讲话",
        "3．在全区优化营商环境大会上的讲话",
        "4．在全市招商引资工作推进会上的讲话",
    ];
    let mut text = String::from("2024年领导讲话稿范文(精选4篇)\n");
    for (k, t) in titles.iter().enumerate() {
        text += &format!("{t}\n{BODY_ONE}{BODY_TWO}\n");
        if k == 2 {
            text += &format!("一、关于全市国民经济和社会发展计划的报告\n{BODY_TWO}\n");
        }
    }
    assert_eq!(heads(&text), titles, "{text}");
}

#[test]
fn sections_that_name_documents_are_one_document_when_the_next_names_none() {
    // An office's year summary: sections on the speeches, reports and
    // talks it wrote, then one on other work; a study plan's items.
    let summary = format!(
        "县委办公室综合科2024年工作总结\n{BODY_ONE}\n（一）高质量起草领导讲话稿\n{BODY_TWO}{BODY_ONE}\n（二）深入开展调研撰写调研报告\n{BODY_ONE}{BODY_TWO}\n（三）精心组织各类会议交流发言\n{BODY_TWO}{BODY_ONE}\n（四）扎实做好信息报送工作\n{BODY_ONE}\n"
    );
    let plan = format!(
        "XX局党组2024年理论学习中心组学习计划\n一、学习内容\n1．深入学习党的二十大报告\n{BODY_ONE}{BODY_TWO}\n2．认真学习习近平总书记重要讲话\n{BODY_TWO}{BODY_ONE}\n3．及时学习省委全会报告\n{BODY_ONE}{BODY_TWO}\n二、学习方式\n采取集中学习与个人自学相结合的方式。\n"
    );
    for text in [summary, plan] {
        assert!(heads(&text).is_empty(), "{text}");
    }
    // A compilation's last speech with points of its own (`1．`, … `4．`)
    // after three pieces numbered the same way is still a compilation.
    let mut text = String::from("讲话稿汇编\n");
    for t in [
        "1．在全市经济工作会议上的讲话",
        "2．在全县安全生产工作会议上的讲话",
        "3．在全区优化营商环境大会上的讲话",
    ] {
        text += &format!("{t}\n{BODY_ONE}{BODY_TWO}\n");
    }
    for p in [
        "1．加强组织领导",
        "2．强化责任落实",
        "3．狠抓督促检查",
        "4．营造良好氛围",
    ] {
        text += &format!("{p}\n{BODY_TWO}\n");
    }
    assert_eq!(heads(&text).len(), 3, "{text}");
}

#[test]
fn numbered_titles_under_markdown_marks_or_a_symbol_are_a_series() {
    let titles = [
        "在全市经济工作会议上的讲话",
        "在全县安全生产工作会议上的讲话",
        "在全区优化营商环境大会上的讲话",
    ];
    let cases = [
        ("### ", ["一、", "二、", "三、"], ""),
        ("**", ["1、", "2、", "3、"], "**"),
        ("■ ", ["1、", "2、", "3、"], ""),
        ("## ", ["1. ", "2. ", "3. "], ""),
    ];
    for (open, numbers, close) in cases {
        let text: String = titles
            .iter()
            .zip(numbers)
            .map(|(t, n)| format!("{open}{n}{t}{close}\n{BODY_ONE}{BODY_TWO}\n"))
            .collect();
        let text = format!("讲话稿汇编\n{text}");
        assert_eq!(heads(&text).len(), 3, "{text}");
    }
}

#[test]
fn parts_whose_chapters_run_on_are_one_document() {
    // A plan's outline: parts (第一篇) over chapters numbered through it.
    let parts = [
        (
            "第一篇 开启全面建设社会主义现代化新征程",
            ["第一章 发展环境", "第二章 指导方针"],
        ),
        (
            "第二篇 坚持创新驱动发展",
            ["第三章 强化战略科技力量", "第四章 提升企业技术创新能力"],
        ),
        (
            "第三篇 加快发展现代产业体系",
            [
                "第五章 提升产业链供应链现代化水平",
                "第六章 发展战略性新兴产业",
            ],
        ),
    ];
    let mut outline = String::from("国民经济和社会发展第十四个五年规划纲要\n");
    for (part, chapters) in parts {
        outline += &format!("{part}\n");
        for c in chapters {
            outline += &format!("{c}\n{BODY_ONE}\n");
        }
    }
    assert!(heads(&outline).is_empty(), "{outline}");
    // A collection of laws under 篇 headings: each numbers its own chapters.
    let mut laws = String::from("法律汇编\n");
    for k in ["一", "二", "三"] {
        laws += &format!("篇{k}：某某条例\n第一章 总则\n{BODY_ONE}\n第二章 管理\n{BODY_TWO}\n");
    }
    assert_eq!(heads(&laws).len(), 3, "{laws}");
}

#[test]
fn a_lecture_that_opens_before_its_first_part_is_one_document() {
    let lecture = "专题党课讲稿：赓续红色血脉 勇担时代使命\n同志们：\n\
        今天，我以“赓续红色血脉 勇担时代使命”为题，和大家一起交流学习体会，分三篇来讲。\n\
        第一篇：回望来路，在百年奋斗中汲取力量\n甲。\n第二篇：认清形势，在时代大潮中把握使命\n乙。\n";
    assert!(heads(lecture).is_empty(), "{:?}", heads(lecture));
    let training = "在全市公文写作培训班上的讲课稿\n同志们：今天和大家交流公文写作的几点体会，下面结合几篇例文来讲。\n\
        例文一：关于做好春节期间安全生产工作的通知\n甲。\n例文二：关于2023年工作情况的报告\n乙。\n";
    assert!(heads(training).is_empty(), "{:?}", heads(training));
    // A compilation whose first speech has no heading still splits at the
    // pieces after it, and one whose preamble is a site's words splits.
    let headless = "讲话稿精选\n同志们：今天召开全市经济工作会议，主要任务是总结工作。\n篇二：在全县大会上的讲话\n乙。\n篇三：在全区大会上的讲话\n丙。\n";
    assert_eq!(
        heads(headless),
        ["篇二：在全县大会上的讲话", "篇三：在全区大会上的讲话"]
    );
    let site = "讲话稿精选\n下面是小编为大家整理的讲话稿，供大家参考。\n篇一：在全县大会上的讲话\n同志们：\n乙。\n篇二：在全区大会上的讲话\n丙。\n";
    assert_eq!(heads(site).len(), 2);
}

#[test]
fn essay_sites_name_their_pieces_with_a_word_of_praise_or_in_html() {
    for (one, two) in [
        (
            "精品范文一：在全市经济工作会议上的讲话",
            "精品范文二：在全县大会上的讲话",
        ),
        (
            "参考范文1：在全市经济工作会议上的讲话",
            "参考范文2：在全县大会上的讲话",
        ),
        (
            "精选一：在全市经济工作会议上的讲话",
            "精选二：在全县大会上的讲话",
        ),
        (
            "<h2>篇一：在全市经济工作会议上的讲话</h2>",
            "<h2>篇二：在全县大会上的讲话</h2>",
        ),
        (
            "<p><strong>篇一</strong></p>",
            "<p><strong>篇二</strong></p>",
        ),
    ] {
        let text = format!("讲话稿精选\n{one}\n{BODY_ONE}\n{two}\n{BODY_TWO}\n");
        assert_eq!(heads(&text), [one, two], "{text}");
    }
    assert_eq!(
        title_of("<h2>篇一：开发区会议讲话</h2>"),
        "篇一：开发区会议讲话"
    );
    // A sentence that praises a model text is no heading.
    let text = format!("讲话稿\n同志们：\n{BODY_ONE}\n这篇精选一：值得学习。\n{BODY_TWO}\n");
    assert!(heads(&text).is_empty());
}

/// Three speeches under `heads`, each with two paragraphs (more than a
/// section's few lines).
fn collection(heads: &[&str]) -> String {
    let mut text = String::from("领导讲话稿汇编\n");
    for h in heads {
        text += &format!("{h}\n{BODY_ONE}\n{BODY_TWO}\n");
    }
    text
}

#[test]
fn speeches_under_full_titles_alone_are_cut_when_the_titles_differ() {
    let titles = [
        "在全市经济工作会议上的讲话",
        "县长在全县安全生产工作会议上的讲话",
        "在全县学习贯彻习近平新时代中国特色社会主义思想主题教育总结暨巡回指导工作会议上的讲话",
    ];
    assert_eq!(heads(&collection(&titles)), titles);
    // Marks around the titles: a number, book-title marks, a rule above.
    let marked = [
        "NO.1 在全市经济工作会议上的讲话",
        "《在全县安全生产工作会议上的讲话》",
        "NO.3 在全区大会上的讲话",
    ];
    assert_eq!(heads(&collection(&marked)), marked);
    // One speech's title over each page of a copied PDF is not three speeches.
    let same = [titles[0]; 3];
    assert!(heads(&collection(&same)).is_empty());
    // A study note's sections name the speeches they study.
    let studied = [
        "学习习近平总书记在全国两会上的讲话",
        "学习习近平总书记在省考察时的讲话",
        "学习习近平总书记在座谈会上的讲话",
    ];
    assert!(heads(&collection(&studied)).is_empty());
}

#[test]
fn a_numeral_alone_above_a_title_heads_a_piece_but_a_page_number_does_not() {
    for n in [["01", "02", "03"], ["1", "2", "3"], ["一", "二", "三"]] {
        let text = format!(
            "讲话稿汇编\n{}\n在全市经济工作会议上的讲话\n{BODY_ONE}\n{BODY_TWO}\n{}\n在全县大会上的讲话\n{BODY_TWO}\n{BODY_ONE}\n{}\n县长在全区大会上的致辞\n{BODY_ONE}\n{BODY_TWO}\n",
            n[0], n[1], n[2]
        );
        assert_eq!(heads(&text), n, "{text}");
    }
    let page = format!("{BODY_ONE}\n{BODY_TWO}");
    let pages = format!("在全市经济工作会议上的讲话\n{page}\n1\n{page}\n2\n{page}\n3\n{page}\n");
    assert!(heads(&pages).is_empty());
}

#[test]
fn a_titled_speech_may_open_with_a_dated_line_after_a_dash() {
    let text = format!(
        "讲话汇编\n在全市经济工作会议上的讲话\n——2024年1月10日\n{BODY_ONE}\n在全县大会上的讲话\n——2024年3月5日\n{BODY_TWO}\n"
    );
    assert_eq!(
        heads(&text),
        ["在全市经济工作会议上的讲话", "在全县大会上的讲话"]
    );
}

#[test]
fn a_numbered_title_may_be_long_or_carry_its_speaker_when_it_names_a_speech() {
    let titles = [
        "1、在全市经济工作会议上的讲话 李明",
        "2、在全县学习贯彻习近平新时代中国特色社会主义思想主题教育总结暨巡回指导工作会议上的讲话",
        "3、在全区大会上的讲话 王小红",
    ];
    assert_eq!(heads(&collection(&titles)), titles);
}

#[test]
fn a_compilation_whose_pieces_quote_chapters_of_a_law_still_splits() {
    // Two pieces each quote a chapter, numbered on (第一章 in 篇一, 第三章 in
    // 篇三): a compilation headed by its title and numbers, not a plan's parts.
    let mut text = String::from("法治政府建设专题学习材料汇编\n");
    for (k, chapter) in [
        ("一", "第一章 总则"),
        ("二", ""),
        ("三", "第三章 会计监督"),
        ("四", ""),
    ] {
        text += &format!("法治政府建设专题学习材料篇{k}\n{chapter}\n{BODY_ONE}\n");
    }
    assert_eq!(heads(&text).len(), 4, "{text}");
    // The parts of an outline, a few with chapters, are still cut.
    let mut parts = String::from("规划纲要汇编\n");
    for (k, chapter) in [
        ("一", "第一章 发展环境"),
        ("二", ""),
        ("三", ""),
        ("四", "第五章 重点任务"),
        ("五", ""),
    ] {
        parts += &format!("第{k}篇 某某规划\n{chapter}\n{BODY_ONE}\n");
    }
    assert_eq!(heads(&parts).len(), 5, "{parts}");
}
