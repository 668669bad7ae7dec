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
