//! A file's text → speeches: split a compilation at its heading lines.
//!
//! A heading is a short line naming a piece of a compilation (`…讲话精神篇四`,
//! `第三篇 …`), or one of a numbered series of titles (`…讲话精神（三）`,
//! `…讲话稿3`). Text before the first heading is the preamble (the
//! compilation's title and the site's filler), not a speech. A file with no
//! heading is one speech; section headings inside a speech (`第一章`, `一、`,
//! `（二）`) never split.

use regex::Regex;
use std::ops::Range;

/// How a file is cut into speeches.
#[derive(Debug, Clone)]
pub enum SplitRule {
    /// The built-in rule: a line of at most 40 characters that ends in 篇 +
    /// numeral (`…讲话精神篇四`), or starts, after an optional opening bracket,
    /// with 篇 + numeral (`篇一：…`, `【篇2】…`), 第 + numeral + 篇 (`第三篇 …`)
    /// or 范文/例文 + numeral (`范文一：…`), the styles of essay sites. A file
    /// with none of these is cut at a numbered series of titles instead: at
    /// least three lines of at most 40 characters that are one title of 6
    /// characters or more, ending in a letter, followed by the numerals 1, 2,
    /// 3, … in order, bracketed or not (`…讲话精神（一）`, `…讲话精神（二）`,
    /// …), with text under each and at most 3 lines (200 characters) before
    /// the first.
    Default,
    /// A user pattern matched against each trimmed line.
    Pattern(Regex),
    /// Never split: every file is one speech.
    Never,
}

/// Longest heading line, in characters: a title, not a line of text.
const HEADING_MAX_CHARS: usize = 40;

const NUMERAL: &str = "[一二三四五六七八九十百千零〇两0-9０-９]+";

fn default_heading() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "(篇{NUMERAL}$)|(^[【\\[〔（(]?(第{NUMERAL}篇|(篇|范文|例文) ?{NUMERAL}))"
        ))
        .expect("built-in heading pattern")
    })
}

impl SplitRule {
    fn is_heading(&self, line: &str) -> bool {
        let line = line.trim();
        match self {
            SplitRule::Never => false,
            SplitRule::Pattern(re) => !line.is_empty() && re.is_match(line),
            SplitRule::Default => short_enough(line) && default_heading().is_match(line),
        }
    }
}

/// Has `line` at most [`HEADING_MAX_CHARS`] characters? (Without counting
/// the characters of a paragraph: its bytes tell most lines apart.)
fn short_enough(line: &str) -> bool {
    line.len() <= HEADING_MAX_CHARS
        || (line.len() <= 4 * HEADING_MAX_CHARS && line.chars().count() <= HEADING_MAX_CHARS)
}

/// One piece of a file: a speech with its heading, byte range and lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The heading line (trimmed), when the file is a compilation.
    pub heading: Option<String>,
    /// Byte range of the heading line in the file text.
    pub heading_range: Option<Range<usize>>,
    /// Byte range of the speech body in the file text (no heading, no trailing blank lines).
    pub body: Range<usize>,
    /// 1-based line of the first body line.
    pub start_line: usize,
    /// 1-based line of the last body line.
    pub end_line: usize,
}

/// The pieces of a file and its preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pieces {
    /// Text before the first heading (only in compilations).
    pub preamble: Option<Range<usize>>,
    /// The speeches in file order.
    pub pieces: Vec<Piece>,
}

/// Lines of `text` as (byte range without the line break, 1-based number).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(start..i);
        start = i + 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn numbered_title() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(.{{6,}}?)[ \t　]*(（{NUMERAL}）|\({NUMERAL}\)|{NUMERAL})$"
        ))
        .expect("built-in numbered title pattern")
    })
}

/// Fewest titles of one series that make a file a compilation.
const SERIES_MIN: usize = 3;
/// Most characters, and lines, before the first title of a series: a
/// compilation's own title and the site's filler, not a page of text (a page
/// footer numbered 1, 2, 3 follows its page).
const SERIES_PREAMBLE_CHARS: usize = 200;
const SERIES_PREAMBLE_LINES: usize = 3;

/// The value of a numeral up to 99: Arabic (ASCII or full-width) or Chinese
/// (`三`, `十二`, `二十`, `二十一`), bracketed or not.
fn numeral_value(s: &str) -> Option<u32> {
    let s = s.trim_matches(['（', '）', '(', ')']);
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let digits: String = s
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
                _ => Some(c),
            })
            .collect::<Option<String>>()?;
        return digits.parse().ok().filter(|&v| v <= 99);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
            .or((c == '〇').then_some(0))
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        None if chars.len() == 1 => digit(chars[0]),
        None => None,
        Some(at) => {
            let tens = match &chars[..at] {
                [] => 1,
                [d] => digit(*d)?,
                _ => return None,
            };
            let ones = match &chars[at + 1..] {
                [] => 0,
                [d] => digit(*d)?,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
    }
}

/// The lines of a numbered series of titles: one title (ending in a letter)
/// followed by the numerals 1, 2, 3, … in order on at least [`SERIES_MIN`]
/// short lines, each with text under it, and little text before the first.
fn series_headings(text: &str, lines: &[Range<usize>]) -> Vec<usize> {
    let mut by_title: std::collections::BTreeMap<&str, Vec<(usize, &str)>> = Default::default();
    for (i, r) in lines.iter().enumerate() {
        let line = text[r.clone()].trim();
        if !short_enough(line) {
            continue;
        }
        if let Some(c) = numbered_title().captures(line) {
            let (title, numeral) = (
                c.get(1).map_or("", |m| m.as_str()),
                c.get(2).map_or("", |m| m.as_str()),
            );
            if title.chars().last().is_some_and(char::is_alphabetic) {
                by_title.entry(title).or_default().push((i, numeral));
            }
        }
    }
    let blank = |i: usize| blank_line(text, lines, i);
    let series = by_title.into_values().filter(|v| {
        let counted = v.len() >= SERIES_MIN
            && (v.iter().map(|x| numeral_value(x.1))).eq((1..=v.len() as u32).map(Some));
        // Text under every title (a list of titles is not a compilation).
        let bodies = v.iter().enumerate().all(|(k, &(i, _))| {
            let next = v.get(k + 1).map_or(lines.len(), |x| x.0);
            (i + 1..next).any(|j| !blank(j))
        });
        let before = &text[..lines[v[0].0].start];
        let chars = before.chars().filter(|c| !c.is_whitespace()).count();
        let filled = before.lines().filter(|l| !l.trim().is_empty()).count();
        counted && bodies && chars <= SERIES_PREAMBLE_CHARS && filled <= SERIES_PREAMBLE_LINES
    });
    // The longest series (the first of equally long ones).
    let best = series.fold(
        Vec::new(),
        |best, v| if v.len() > best.len() { v } else { best },
    );
    best.into_iter().map(|x| x.0).collect()
}

/// Cut `text` into speeches by `rule`.
pub fn split(text: &str, rule: &SplitRule) -> Pieces {
    let lines = lines(text);
    let mut headings: Vec<usize> = (0..lines.len())
        .filter(|&i| rule.is_heading(&text[lines[i].clone()]))
        .collect();
    if headings.is_empty() && matches!(rule, SplitRule::Default) {
        headings = series_headings(text, &lines);
    }
    if headings.is_empty() {
        let piece = body_piece(text, &lines, 0, lines.len(), None);
        return Pieces {
            preamble: None,
            pieces: piece.into_iter().collect(),
        };
    }
    let first = headings[0];
    let preamble = (first > 0).then(|| lines[0].start..lines[first - 1].end);
    let mut pieces = Vec::new();
    for (k, &h) in headings.iter().enumerate() {
        let end = headings.get(k + 1).copied().unwrap_or(lines.len());
        let heading = Some(h);
        if let Some(p) = body_piece(text, &lines, h + 1, end, heading) {
            pieces.push(p);
        } else {
            // A heading with no text under it still names a (empty) speech.
            let at = lines[h].end;
            pieces.push(Piece {
                heading: Some(text[lines[h].clone()].trim().to_string()),
                heading_range: Some(lines[h].clone()),
                body: at..at,
                start_line: h + 1,
                end_line: h + 1,
            });
        }
    }
    Pieces { preamble, pieces }
}

/// Is line `i` blank?
fn blank_line(text: &str, lines: &[Range<usize>], i: usize) -> bool {
    text[lines[i].clone()].trim().is_empty()
}

fn body_piece(
    text: &str,
    lines: &[Range<usize>],
    from: usize,
    to: usize,
    heading: Option<usize>,
) -> Option<Piece> {
    let blank = |i: usize| blank_line(text, lines, i);
    let first = (from..to).find(|&i| !blank(i))?;
    let last = (from..to).rev().find(|&i| !blank(i))?;
    Some(Piece {
        heading: heading.map(|h| text[lines[h].clone()].trim().to_string()),
        heading_range: heading.map(|h| lines[h].clone()),
        body: lines[first].start..lines[last].end,
        start_line: first + 1,
        end_line: last + 1,
    })
}

#[cfg(test)]
mod tests {
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
        ] {
            assert!(SplitRule::Default.is_heading(head), "{head}");
        }
        for line in [
            "篇幅所限，不再展开。",
            "2023年讲话精神(优秀19篇)",
            "范文网为您整理了以下内容。",
            "一、以第一篇讲话为纲",
            "我们要以第三篇章的精神，推动开发区高质量发展，谱写新的篇章，篇篇都是好文章，这一篇二十字以上的句子",
        ] {
            assert!(!SplitRule::Default.is_heading(line), "{line}");
        }
        let text = "2023年讲话稿(精选2篇)\n篇一：开发区会议讲话\n同志们：\n篇二：开发区会议讲话\n谢谢大家！\n";
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
        // Not a series: two titles; a title repeated with one numeral; titles
        // too short to be titles; section headings; and lines that only look
        // like a series: contact lines (the title ends in a digit or a colon),
        // page footers after their page's text, a list of amendments
        // (numbered from 九, no text under each), a contents list whose titles
        // come again as headings.
        for text in [
            "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（二）\n乙。\n",
            "开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（一）\n乙。\n开发区工作会议讲话（一）\n丙。\n",
            "工作要求1\n甲。\n工作要求2\n乙。\n工作要求3\n丙。\n",
            "（一）统一思想\n甲。\n（二）加强领导\n乙。\n（三）狠抓落实\n丙。\n",
            "关于举办培训班的通知\n各单位：\n现将有关事项通知如下。\n联系电话：0571-87001001\n联系电话：0571-87001002\n联系电话：0571-87001003\n",
            "在全市经济工作会议上的讲话\n同志们：\n今天召开全市经济工作会议。\n下面，我讲三点意见。\n全市经济工作会议文件汇编 1\n一、充分肯定成绩\n今年以来经济运行平稳。\n全市经济工作会议文件汇编 2\n二、把握形势\n明年意义重大。\n全市经济工作会议文件汇编 3\n",
            "刑法学习资料\n中华人民共和国刑法修正案（九）\n中华人民共和国刑法修正案（十）\n中华人民共和国刑法修正案（十一）\n各单位要认真组织学习。\n",
            "目录\n开发区工作会议讲话（一）\n开发区工作会议讲话（二）\n开发区工作会议讲话（三）\n开发区工作会议讲话（一）\n甲。\n开发区工作会议讲话（二）\n乙。\n开发区工作会议讲话（三）\n丙。\n",
        ] {
            assert_eq!(split(text, &SplitRule::Default).pieces.len(), 1, "{text}");
        }
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
}
