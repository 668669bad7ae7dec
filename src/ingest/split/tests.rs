use super::series::{
    leading_numbered, may_be_numbered, may_lead_numbered, names_a_document, numbered_title,
    numeral_value,
};
use super::*;

const COMPILATION: &str = "2023年讲话精神(优秀2篇)\n下面是小编整理的。\n会议讲话精神篇一\n同志们：\n第一章 总则\n一、统一思想\n会议讲话精神篇二\n谢谢大家！\n";

#[test]
fn a_heading_is_short_by_characters_not_bytes() {
    let han = |n: usize| "篇".repeat(n);
    assert!(
        short_enough(&han(HEADING_MAX_CHARS)),
        "120 bytes, 40 characters"
    );
    assert!(!short_enough(&han(HEADING_MAX_CHARS + 1)));
    assert!(short_enough(&"a".repeat(HEADING_MAX_CHARS)));
    assert!(!short_enough(&"a".repeat(HEADING_MAX_CHARS + 1)));
    assert!(short_enough(&"😀".repeat(HEADING_MAX_CHARS)), "160 bytes");
    assert!(!short_enough(&"😀".repeat(HEADING_MAX_CHARS + 1)));
    // Lines cut at every newline, the last one without its own.
    assert_eq!(lines("a\n\nbc"), vec![0..1, 2..2, 3..5]);
    assert_eq!(lines("a\n"), vec![0..1]);
}

#[test]
fn splits_at_headings_and_keeps_preamble() {
    let p = split(COMPILATION, &SplitRule::Default);
    assert_eq!(p.pieces.len(), 2);
    assert_eq!(
        &COMPILATION[p.preamble.clone().unwrap()],
        "2023年讲话精神(优秀2篇)\n下面是小编整理的。"
    );
    assert_eq!(p.pieces[0].heading.as_deref(), Some("会议讲话精神篇一"));
    assert_eq!(
        &COMPILATION[p.pieces[0].body.clone()],
        "同志们：\n第一章 总则\n一、统一思想"
    );
    assert_eq!((p.pieces[0].start_line, p.pieces[0].end_line), (4, 6));
    assert_eq!(&COMPILATION[p.pieces[1].body.clone()], "谢谢大家！");
}

#[test]
fn section_headings_never_split() {
    let text = "第一章 总则\n第一条 为了规范管理。\n（二）加强领导\n一、提高认识\n";
    let p = split(text, &SplitRule::Default);
    assert_eq!(p.pieces.len(), 1);
    assert!(p.preamble.is_none());
    assert!(p.pieces[0].heading.is_none());
}

#[test]
fn essay_site_heading_styles_split() {
    for head in [
        "篇一：2023年全市开发区工作会议讲话",
        "【篇2】在全市开发区工作会议上的讲话",
        "第三篇 在开发区工作会议上的讲话",
        "（第1篇）讲话稿",
        "范文一：开发区工作会议讲话",
        "例文 2",
        "开发区工作会议讲话精神篇十九",
        "开发区工作会议讲话 第一篇",
        "精选范文3",
        "讲话稿例文 二",
        "范文（一）",
        "【范例一】",
        "【範例二】",
        "範文（三）",
        "範文4：開發區工作會議講話",
        "篇(2)：开发区工作会议讲话",
        "开发区工作会议讲话篇（三）",
        "开发区工作会议讲话篇一：",
        "开发区工作会议讲话篇三 ：",
        "开发区工作会议讲话（篇四）：",
        "开发区工作会议讲话篇【五】",
        "## 篇一：学习讲话稿",
        "**篇二：学习讲话稿**",
    ] {
        assert!(SplitRule::Default.is_heading(head), "{head}");
    }
    for line in [
        "篇幅所限，不再展开。",
        "2023年讲话精神(优秀19篇)",
        "范文网为您整理了以下内容。",
        "一、以第一篇讲话为纲",
        "这是我写的第一篇讲话稿",
        "更多范文请访问本站",
        "（一）篇幅",
        "篇章（一）",
        "具体安排详见第三篇。",
        "这是我们写好的第一篇。",
        "以下是范文1。",
        "我们要以第三篇章的精神，推动开发区高质量发展，谱写新的篇章，篇篇都是好文章，这一篇二十字以上的句子",
    ] {
        assert!(!SplitRule::Default.is_heading(line), "{line}");
    }
    let text =
        "2023年讲话稿(精选2篇)\n篇一：开发区会议讲话\n同志们：\n篇二：开发区会议讲话\n谢谢大家！\n";
    let p = split(text, &SplitRule::Default);
    assert_eq!(p.pieces.len(), 2);
    assert_eq!(&text[p.preamble.unwrap()], "2023年讲话稿(精选2篇)");
    assert_eq!(&text[p.pieces[1].body.clone()], "谢谢大家！");
}

#[test]
fn a_numbered_series_of_titles_splits() {
    for (head, n) in [
        ("在全市开发区工作会议上的讲话（", "）"),
        ("开发区工作会议讲话稿", ""),
    ] {
        let text: String = ["一", "二", "三"]
            .iter()
            .map(|k| format!("{head}{k}{n}\n同志们：今天开会。\n（一）统一思想\n"))
            .collect();
        let text = format!("开发区讲话稿精选\n{text}");
        let p = split(&text, &SplitRule::Default);
        assert_eq!(p.pieces.len(), 3, "{text}");
        assert_eq!(&text[p.preamble.unwrap()], "开发区讲话稿精选");
        assert_eq!(
            &text[p.pieces[2].body.clone()],
            "同志们：今天开会。\n（一）统一思想"
        );
    }
    // The number before the title: `1、`, `2.`, `（三）`, `【4】`, `⑤`, `六、`.
    for marks in [
        ["1、", "2、", "3、"],
        ["1. ", "2. ", "3. "],
        ["（一）", "（二）", "（三）"],
        ["【1】", "【2】", "【4】"],
        ["①", "②", "③"],
        ["一、", "二、", "三、"],
    ] {
        let text: String = marks
            .iter()
            .map(|k| format!("{k}在全市开发区工作会议上的讲话\n同志们：今天开会。\n一、统一思想\n"))
            .collect();
        let p = split(&text, &SplitRule::Default);
        assert_eq!(p.pieces.len(), 3, "{text}");
        assert_eq!(
            &text[p.pieces[1].body.clone()],
            "同志们：今天开会。\n一、统一思想"
        );
    }
    // Not a series: two titles; a title repeated with one numeral; titles
    // too short to be titles; section headings; and lines that only look
    // like a series: contact lines (the title ends in a digit or a colon),
    // page footers after their page's text, a list of amendments
    // (numbered from 九, no text under each), numerals that skip more than
    // one.
    for text in [
        "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（二）\n乙。\n",
        "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（一）\n乙。\n开发区工作会议讲话（一）\n丙。\n",
        "工作要求1\n甲。\n工作要求2\n乙。\n工作要求3\n丙。\n",
        "（一）统一思想\n甲。\n（二）加强领导\n乙。\n（三）狠抓落实\n丙。\n",
        "关于举办培训班的通知\n各单位：\n现将有关事项通知如下。\n联系电话：0571-87001001\n联系电话：0571-87001002\n联系电话：0571-87001003\n",
        "在全市经济工作会议上的讲话\n同志们：\n今天召开全市经济工作会议。\n下面，我讲三点意见。\n全市经济工作会议文件汇编 1\n一、充分肯定成绩\n今年以来经济运行平稳。\n全市经济工作会议文件汇编 2\n二、把握形势\n明年意义重大。\n全市经济工作会议文件汇编 3\n",
        "刑法学习资料\n中华人民共和国刑法修正案（九）\n中华人民共和国刑法修正案（十）\n中华人民共和国刑法修正案（十一）\n各单位要认真组织学习。\n",
        "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（四）\n乙。\n开发区工作会议讲话（五）\n丙。\n",
        "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（三）\n乙。\n开发区工作会议讲话（五）\n丙。\n",
        "在全市工作会议上的讲话\n同志们：\n重点工作任务之一：\n甲。\n重点工作任务之二：\n乙。\n重点工作任务之三：\n丙。\n",
        "一、提高政治站位\n甲。\n二、狠抓项目建设\n乙。\n三、优化营商环境\n丙。\n",
        "1、加强组织领导工作\n甲。\n1、加强组织领导工作\n乙。\n1、加强组织领导工作\n丙。\n",
        "2023年开发区工作会议讲话\n甲。\n2024年开发区工作会议讲话\n乙。\n2025年开发区工作会议讲话\n丙。\n",
        "2024年全镇工作计划\n为做好今年工作，制定本计划。\n1 月份工作安排\n召开会议。\n2 月份工作安排\n督查。\n3 月份工作安排\n总结。\n",
        "施工方案\n1 号楼施工方案\n甲。\n2 号楼施工方案\n乙。\n3 号楼施工方案\n丙。\n",
        "党课讲稿\n第一篇章：回顾光辉历程\n甲。\n第二篇章：把握时代使命\n乙。\n第三篇章：奋进新的征程\n丙。\n",
        // Bare numerals out of order, two only, one without text under it,
        // or the points of an outline.
        "讲话\n一:\n甲。\n三:\n乙。\n二:\n丙。\n",
        "讲话\n一:\n甲。\n二:\n乙。\n",
        "讲话\n一:\n甲。\n二:\n三:\n丙。\n",
        "同志们：\n今天讲三点。\n一:\n加强学习。\n二:\n狠抓落实。\n三:\n改进作风。\n",
    ] {
        assert_eq!(split(text, &SplitRule::Default).pieces.len(), 1, "{text}");
    }
    // A series after a contents list of its titles, one with a piece left
    // out, one bracketed 【】 with colons.
    for (text, bodies) in [
        ("目录\n开发区工作会议讲话（一）\n开发区工作会议讲话（二）\n开发区工作会议讲话（三）\n开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（二）\n乙。\n开发区工作会议讲话（三）\n丙。\n", ["甲。", "乙。", "丙。"]),
        ("开发区工作会议讲话1\n甲。\n开发区工作会议讲话2\n乙。\n开发区工作会议讲话4\n丙。\n", ["甲。", "乙。", "丙。"]),
        ("开发区工作会议讲话【一】\n甲。\n开发区工作会议讲话【二】\n乙。\n开发区工作会议讲话【三】\n丙。\n", ["甲。", "乙。", "丙。"]),

        // Under a site's page head: breadcrumb, title, author, date, lead-in.
        ("当前位置：首页 > 讲话稿 > 致辞\n开幕式领导讲话致辞汇总\n作者：佚名\n时间：2021-03-16\n下面是小编整理的开幕式致辞，供大家参考。\n开幕式领导讲话致辞（一）\n甲。\n开幕式领导讲话致辞（二）\n乙。\n开幕式领导讲话致辞（三）\n丙。\n", ["甲。", "乙。", "丙。"]),
    ] {
        let p = split(text, &SplitRule::Default);
        let got: Vec<&str> = p.pieces.iter().map(|x| &text[x.body.clone()]).collect();
        assert_eq!(got, bodies, "{text}");
    }
    assert_eq!(
        title_of("开发区工作会议讲话篇一："),
        "开发区工作会议讲话篇一"
    );
    assert_eq!(
        title_of("## 开发区工作会议讲话篇二"),
        "开发区工作会议讲话篇二"
    );
    // Sites mark headings with a symbol before them.
    let text = "讲话稿精选\n★篇一：开发区会议讲话\n甲。\n◆篇二：开发区会议讲话\n乙。\n";
    let p = split(text, &SplitRule::Default);
    assert_eq!(p.pieces.len(), 2);
    assert_eq!(
        title_of(p.pieces[1].heading.as_deref().unwrap()),
        "篇二：开发区会议讲话"
    );
    assert_eq!(numeral_value("⑳"), Some(20));
    assert_eq!(numeral_value("12、"), Some(12));
    assert_eq!(numeral_value("（二十一）"), Some(21));
    assert_eq!(numeral_value("十"), Some(10));
    assert_eq!(numeral_value("１２"), Some(12));
    assert_eq!(numeral_value("三十"), Some(30));
    assert_eq!(numeral_value("一百"), None);
    // Where the file has headings of the built-in kinds, they alone cut it.
    let text = "会议讲话精神篇一\n开发区工作会议讲话（一）\n开发区工作会议讲话（二）\n开发区工作会议讲话（三）\n";
    assert_eq!(split(text, &SplitRule::Default).pieces.len(), 1);
}

#[test]
fn never_and_pattern_rules() {
    assert_eq!(split(COMPILATION, &SplitRule::Never).pieces.len(), 1);
    let rule = SplitRule::Pattern(Regex::new("^同志们").unwrap());
    assert_eq!(split(COMPILATION, &rule).pieces.len(), 1);
}

#[test]
fn whitespace_only_has_no_speech() {
    assert!(split(" \n\n", &SplitRule::Default).pieces.is_empty());
}

#[test]
fn lines_turned_away_early_never_match_the_patterns() {
    let seed = include_str!("../../../corpus/kaifaqu-19.txt");
    let made = [
        "全市开发区工作会议讲话精神篇四",
        "【范文3】",
        "例文 12",
        "第二篇 讲话",
        "篇一",
        "在全市工作会议上的讲话（三）",
        "在全市工作会议上的讲话(12)",
        "在全市工作会议上的讲话 ２",
        "在全市工作会议上的讲话两",
        "在全市工作会议上的讲话。",
    ];
    for line in seed.lines().chain(made) {
        let line = line.trim();
        if !may_be_heading(line) {
            assert!(!default_heading().is_match(line), "{line}");
        }
        if !may_be_numbered(line) {
            assert!(numbered_title().captures(line).is_none(), "{line}");
        }
        if !may_lead_numbered(line) {
            assert!(leading_numbered().captures(line).is_none(), "{line}");
        }
    }
    for line in &made[..5] {
        assert!(
            may_be_heading(line) && default_heading().is_match(line),
            "{line}"
        );
    }
    for line in &made[5..9] {
        assert!(
            may_be_numbered(line) && numbered_title().is_match(line),
            "{line}"
        );
    }
}

#[test]
fn bare_numerals_with_a_speech_under_each_split() {
    let speech = |s: &str| s.repeat(12);
    let text = format!(
        "演讲比赛前领导讲话\n一:\n{}\n二:\n{}\n三：\n{}\n",
        speech("谢谢大家的积极参与。"),
        speech("大家下午好，欢迎各位。"),
        speech("预祝比赛圆满成功！")
    );
    let p = split(&text, &SplitRule::Default);
    let heads: Vec<&str> = p
        .pieces
        .iter()
        .map(|x| x.heading.as_deref().unwrap())
        .collect();
    assert_eq!(heads, ["一:", "二:", "三："]);
    assert_eq!(&text[p.preamble.unwrap()], "演讲比赛前领导讲话");
}

/// Paragraphs of the seed's 篇一 and 篇二, long enough to be a speech's text.
pub(super) const BODY_ONE: &str = "市委、市政府决定,今天召开全市精神文明建设工作会议。这次会议的主要任务是:以“三个代表”重要思想和科学发展观为指导,深入贯彻党的十六届五中全会精神,总结工作,部署任务。";
pub(super) const BODY_TWO: &str = "这次全省开发区工作会议是在我省积极应对国际金融危机影响、经济企稳回升的关键时期召开的一次重要会议。会议的主要任务是总结三年来全省开发区工作,分析形势,部署任务。";

#[test]
fn numbered_titles_that_differ_split_when_each_names_a_document() {
    let titles = [
        "1．在全市精神文明建设工作会议上的讲话（节选）",
        "2．在全省开发区工作会议上的讲话",
        "3．全市开发区工作会议讲话稿(全文)",
        "4．陕西省政府工作报告（2025年）",
    ];
    let text: String = titles
        .iter()
        .zip([BODY_ONE, BODY_TWO, BODY_ONE, BODY_TWO])
        .map(|(t, b)| format!("{t}\n同志们：\n{b}\n一、统一思想\n{b}\n"))
        .collect();
    let text = format!("2023年讲话稿汇编\n{text}");
    let p = split(&text, &SplitRule::Default);
    let heads: Vec<&str> = p
        .pieces
        .iter()
        .filter_map(|x| x.heading.as_deref())
        .collect();
    assert_eq!(heads, titles, "{text}");
    assert_eq!(&text[p.preamble.unwrap()], "2023年讲话稿汇编");
    // Not a compilation: section titles that name no document, however long
    // the text under them; titles of documents with a line under each; and
    // such titles after a speech's own opening (no short preamble).
    let sections: String = [
        "1．文明城市创建工作扎实有效",
        "2．思想道德建设切实加强",
        "3．基层文明创建力度不断加大",
    ]
    .iter()
    .map(|t| format!("{t}\n{BODY_ONE}\n"))
    .collect();
    let outline: String = titles.iter().map(|t| format!("{t}\n甲。\n")).collect();
    let opened: String = titles
        .iter()
        .map(|t| format!("{t}\n{BODY_TWO}\n"))
        .collect();
    let opened = format!("学习体会\n{BODY_ONE}\n{BODY_TWO}\n{BODY_ONE}\n{opened}");
    // A study note whose sections name the speech and reports it studies,
    // after a short opening.
    let studied: String = [
        "一、深入学习习近平总书记重要讲话",
        "二、认真学习政府工作报告",
        "三、认真学习全国人大常委会工作报告",
    ]
    .iter()
    .map(|t| format!("{t}\n{BODY_ONE}\n"))
    .collect();
    let studied =
        format!("学习贯彻全国两会精神心得体会\n近期，我认真学习了全国两会精神。\n{studied}");
    for text in [sections, outline, opened, studied] {
        assert_eq!(split(&text, &SplitRule::Default).pieces.len(), 1, "{text}");
    }
    assert!(names_a_document("在全市经济工作会议上的讲话(全文)"));
    assert!(names_a_document("讲话稿"));
    assert!(!names_a_document("几点意见"));
    assert!(!names_a_document("深入学习贯彻党的二十大精神"));
    // The speeches and reports a study note's sections study.
    assert!(!names_a_document("深入学习习近平总书记重要讲话"));
    assert!(!names_a_document("认真学习政府工作报告"));
    assert!(!names_a_document("学习全国人大常委会工作报告"));
    assert!(names_a_document("学习贯彻党的二十大精神心得体会"));
    assert!(names_a_document(
        "在学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话"
    ));
}

#[test]
fn headings_after_a_word_of_praise_or_in_lenticular_brackets_split() {
    for head in [
        "精选范文1：政府工作报告",
        "文章2：政府工作报告",
        "〖篇三〗政府工作报告",
        "优秀范文（四）",
    ] {
        assert!(SplitRule::Default.is_heading(head), "{head}");
    }
    for line in ["文章二十条规定了处罚", "文章写得好不好", "精选几篇范文"] {
        assert!(!SplitRule::Default.is_heading(line), "{line}");
    }
    // A genre word with its numeral is a title of its own in a series.
    let text: String = ["讲话稿一", "讲话稿二", "讲话稿三"]
        .iter()
        .map(|t| format!("{t}\n同志们：\n{BODY_TWO}\n"))
        .collect();
    assert_eq!(split(&text, &SplitRule::Default).pieces.len(), 3);
}
