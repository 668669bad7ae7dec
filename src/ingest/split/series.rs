//! Numbered series of titles: a compilation whose pieces are one title with
//! a number after it (`…讲话精神（三）`, `…讲话稿3`) or before it
//! (`3、…讲话`, `（三）…讲话`, `③…讲话`).

use super::{short_enough, unmarked, within_chars, NUMERAL};
use regex::Regex;
use std::ops::Range;

/// Longest line of a numbered title that names a document (a meeting's full
/// name runs past the 40 characters of a heading), in characters.
pub(super) const TITLE_MAX_CHARS: usize = 60;

/// Could `line` match [`numbered_title`]? It ends in a numeral or a closing
/// bracket: other lines are turned away before the pattern is run.
pub(super) fn may_be_numbered(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| {
        matches!(c, ')' | '）' | ']' | '】') || arabic_digit(c) || chinese_numeral(c)
    })
}

/// An Arabic digit, ASCII or full-width.
pub(super) fn arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A character of a Chinese numeral (as in [`NUMERAL`]).
fn chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百千零〇两".contains(c)
}

pub(super) fn numbered_title() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(.{{2,}}?)[ \t　]*(（{NUMERAL}）|\({NUMERAL}\)|【{NUMERAL}】|\[{NUMERAL}\]|{NUMERAL})$"
        ))
        .expect("built-in numbered title pattern")
    })
}

/// A title after its number (`1、…讲话`, `（一）…讲话`, `【2】…讲话`, `③…讲话`).
pub(super) fn leading_numbered() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(（{NUMERAL}）|\({NUMERAL}\)|【{NUMERAL}】|\[{NUMERAL}\]|{NUMERAL}[、.．:：]|{NUMERAL}[ \t　]|[①-⑳])[ \t　]*(.{{2,}})$"
        ))
        .expect("built-in leading-number title pattern")
    })
}

/// Units and measures a figure is written with (`1 月`, `3 号楼`, `5 万元`).
const UNITS: &str =
    "年月日号时点分秒周季度个位名次届期岁万亿千百元角倍成层楼栋条款项章节篇页米吨亩%";

/// Could `line` match [`leading_numbered`]? It starts with a numeral, an
/// opening bracket or a circled number.
pub(super) fn may_lead_numbered(line: &str) -> bool {
    line.chars().next().is_some_and(|c| {
        matches!(c, '(' | '（' | '[' | '【' | '①'..='⑳') || arabic_digit(c) || chinese_numeral(c)
    })
}

/// Fewest titles of one series that make a file a compilation.
pub(super) const SERIES_MIN: usize = 3;
/// Most characters, and lines, before the first title of a series: a
/// compilation's own title and the site's page head (breadcrumb, author,
/// date, lead-in: five lines on real pages), not a page of text (a page
/// footer numbered 1, 2, 3 follows its page).
const SERIES_PREAMBLE_CHARS: usize = 300;
const SERIES_PREAMBLE_LINES: usize = 6;

/// Are the (trimmed) lines before a series few and short enough for a
/// preamble ([`SERIES_PREAMBLE_CHARS`] characters but spaces, in
/// [`SERIES_PREAMBLE_LINES`] lines with text)?
pub(super) fn short_preamble(before: &[&str]) -> bool {
    let chars: usize = before
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let filled = before.iter().filter(|l| !l.is_empty()).count();
    chars <= SERIES_PREAMBLE_CHARS && filled <= SERIES_PREAMBLE_LINES
}

/// The value of a numeral up to 99: Arabic (ASCII or full-width) or Chinese
/// (`三`, `十二`, `二十`, `二十一`), bracketed or not.
pub(super) fn numeral_value(s: &str) -> Option<u32> {
    let s = s.trim_matches(['（', '）', '(', ')', '【', '】', '[', ']']);
    let s = s.trim_end_matches(['、', '.', '．', ':', '：', ' ', '\t', '　']);
    if let Some(c) = s.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        return (s.chars().count() == 1).then(|| c as u32 - '①' as u32 + 1);
    }
    if s.chars().all(arabic_digit) {
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

/// A numbered title: the title and its numeral, and whether the numeral
/// leads (`1、…讲话`) or follows (`…讲话（一）`).
fn numbered(line: &str) -> Option<(bool, &str, &str)> {
    fn group<'t>(c: &regex::Captures<'t>, i: usize) -> &'t str {
        c.get(i).map_or("", |m| m.as_str())
    }
    let trailing = may_be_numbered(line)
        .then(|| numbered_title().captures(line))
        .flatten();
    let (leads, title, numeral) = match (trailing, may_lead_numbered(line)) {
        (Some(c), _) => (false, group(&c, 1), group(&c, 2)),
        (None, true) => {
            let c = leading_numbered().captures(line)?;
            let (numeral, title) = (group(&c, 1), group(&c, 2));
            // `1 月份工作安排`, `3 号楼施工方案`: a figure and its unit
            // with a space between, not a number and a title.
            let spaced = numeral.ends_with([' ', '\t', '　']);
            if spaced && title.starts_with(|c: char| c.is_ascii_digit() || UNITS.contains(c)) {
                return None;
            }
            (true, title, numeral)
        }
        _ => return None,
    };
    let title = title.trim();
    let bare = without_note(title);
    let ends_in_letter = bare.chars().last().is_some_and(char::is_alphabetic);
    let long_enough = bare.chars().count() >= TITLE_MIN_CHARS || ends_in_document_word(bare);
    (ends_in_letter && long_enough).then_some((leads, title, numeral))
}

/// Fewest characters of a numbered title, but for one that names a document
/// (`讲话稿一`, `发言稿2`).
const TITLE_MIN_CHARS: usize = 6;

/// Longest note in brackets at the end of a title (`（节选）`, `(全文)`,
/// `（2023年12月20日）`), in characters.
const NOTE_MAX_CHARS: usize = 12;

/// A title without the note in brackets at its end.
fn without_note(title: &str) -> &str {
    let Some(open) = title.rfind(['（', '(']) else {
        return title;
    };
    let note = &title[open..];
    let closed = note.ends_with(['）', ')']);
    match closed && open > 0 && note.chars().count() <= NOTE_MAX_CHARS + 2 {
        true => title[..open].trim_end(),
        false => title,
    }
}

/// Words a document's title ends in (`…政府工作报告`, `…上的讲话`,
/// `…讲话稿`, `…心得体会`). A piece of a compilation is named as a document;
/// a section of one by its matter (`一、统一思想`), and the words that also
/// close sections' titles (`…几点意见`, `…实施方案`, `…会议精神`) are not
/// among these.
const DOCUMENT_WORDS: &[&str] = &[
    "讲话",
    "講話",
    "报告",
    "報告",
    "发言",
    "發言",
    "致辞",
    "致辭",
    "稿",
    "体会",
    "體會",
    "贺词",
    "賀詞",
    "主持词",
    "主持詞",
    "范文",
    "範文",
    "文章",
];

/// Does a title (its note in brackets aside) end in one of [`DOCUMENT_WORDS`],
/// as the document's own name? A section of a study note names the speech or
/// report it studies (`一、深入学习习近平总书记重要讲话`, `二、认真学习政府工作
/// 报告`): a title that opens with studying a speech or report is no
/// document's name (`学习贯彻…心得体会` is one; so is `在学习贯彻…会议上的讲话`,
/// which opens with 在).
pub(super) fn names_a_document(title: &str) -> bool {
    let bare = without_speaker(without_note(title));
    ends_in_document_word(bare) && !studies_a_speech(bare)
}

/// A title without the speaker's name set after it (`在全市经济工作会议上的
/// 讲话 李明`: a space, then two to four letters).
fn without_speaker(title: &str) -> &str {
    let Some((head, name)) = title.rsplit_once([' ', '　']) else {
        return title;
    };
    let head = head.trim_end();
    let name_like =
        (2..=4).contains(&name.chars().count()) && name.chars().all(char::is_alphabetic);
    match name_like && ends_in_document_word(head) {
        true => head,
        false => title,
    }
}

/// Does a title open with studying (in its first five characters, after a
/// word of manner: `深入学习`, `及时学习`), and end in, a speech or report?
/// A title that opens with 在 names a meeting's speech (`在学习贯彻…会议上的讲话`).
fn studies_a_speech(bare: &str) -> bool {
    const STUDY: &[&str] = &[
        "学习", "學習", "贯彻", "貫徹", "领会", "領會", "解读", "解讀", "传达", "傳達", "研读",
        "研讀", "宣讲", "宣講",
    ];
    const STUDIED: &[&str] = &[
        "讲话", "講話", "报告", "報告", "发言", "發言", "致辞", "致辭", "贺词", "賀詞",
    ];
    let head: String = bare.chars().take(5).collect();
    !bare.starts_with('在')
        && STUDY.iter().any(|v| head.contains(v))
        && STUDIED.iter().any(|w| bare.ends_with(w))
}

/// How a numeral is written: leading or following its title, in Arabic or
/// Chinese figures (or circled), and the marks around it (`1．`, `一、`,
/// `（一）`). The pieces of a compilation are numbered one way; a section of
/// one of its speeches another (`一、认真学习…讲话` under `3．在…讲话`).
fn style(leads: bool, numeral: &str) -> (bool, char, String) {
    let kind = match numeral
        .chars()
        .find(|&c| arabic_digit(c) || chinese_numeral(c))
    {
        Some(c) if arabic_digit(c) => '1',
        Some(_) => '一',
        None => '①',
    };
    let marks = numeral
        .chars()
        .filter(|&c| !arabic_digit(c) && !chinese_numeral(c) && !('①'..='⑳').contains(&c))
        .collect();
    (leads, kind, marks)
}

/// Does a title without its note end in one of [`DOCUMENT_WORDS`]?
fn ends_in_document_word(bare: &str) -> bool {
    DOCUMENT_WORDS.iter().any(|w| bare.ends_with(w))
}

/// The lines of a numbered series of titles: one title (ending in a letter)
/// after or before numerals that start at 1 and go up by one (by two once: a
/// piece left out) on at least [`SERIES_MIN`] short lines, each with text
/// under it, and little text before the first. A contents list of the same
/// titles before them (without text under each) is part of the preamble.
/// Section headings inside a speech (`一、统一思想`, `二、加强领导`) are
/// no series: their titles differ. Titles that differ make a series when
/// each names a document (see [`names_a_document`]: `1．陕西省政府工作报告`,
/// `2．在全市经济工作会议上的讲话（节选）`) and has [`DOCUMENT_BODY_CHARS`]
/// of text under it.
pub(super) fn series_headings(text: &str, lines: &[Range<usize>]) -> Vec<usize> {
    type Titles<'t, K> = std::collections::BTreeMap<K, Vec<(usize, &'t str)>>;
    type Way = (bool, char, String);
    let mut by_title: Titles<(bool, &str)> = Default::default();
    // Titles that each name a document, whatever the document (`1．陕西省政府
    // 工作报告`, `2．河南省政府工作报告`), one list for each way of numbering
    // (see `style`); and, for each way, the numbers of titles that name none.
    let mut documents: Titles<Way> = Default::default();
    let mut others: std::collections::BTreeMap<Way, Vec<(usize, u32)>> = Default::default();
    for (i, r) in lines.iter().enumerate() {
        // Without Markdown marks and symbols (`### 一、…`, `**1、…**`, `■ 1、…`).
        let line = unmarked(text[r.clone()].trim());
        if !within_chars(line, TITLE_MAX_CHARS) {
            continue;
        }
        if let Some((leads, title, numeral)) = numbered(line) {
            // A title past the short length of a heading names its document
            // (`3、在全县学习贯彻…主题教育总结暨巡回指导工作会议上的讲话`).
            if !short_enough(line) && !names_a_document(title) {
                continue;
            }
            by_title
                .entry((leads, title))
                .or_default()
                .push((i, numeral));
            let way = style(leads, numeral);
            if names_a_document(title) {
                documents.entry(way).or_default().push((i, numeral));
            } else if let Some(n) = numeral_value(numeral) {
                others.entry(way).or_default().push((i, n));
            }
        }
    }
    // A document's sections: the next one, numbered the same way, names no
    // document (`（三）…交流发言`, then `（四）扎实做好信息报送工作`). A list
    // that starts again at 1 inside the last speech is its own.
    let sections = |way: &Way, v: &[(usize, &str)]| {
        let last = v.last().and_then(|x| Some((x.0, numeral_value(x.1)?)));
        let Some(((i, n), o)) = last.zip(others.get(way)) else {
            return false;
        };
        let restarts = |j: usize| o.iter().any(|&(k, m)| k > i && k < j && m == 1);
        o.iter().any(|&(j, m)| j > i && m == n + 1 && !restarts(j))
    };
    let distinct = documents
        .iter()
        .filter(|(way, v)| !sections(way, v))
        .map(|(_, v)| (v.clone(), DOCUMENT_BODY_CHARS));
    let series = by_title.into_values().map(|v| (v, 1)).chain(distinct);
    let series = series.filter_map(|(v, least)| {
        let values: Vec<Option<u32>> = v.iter().map(|x| numeral_value(x.1)).collect();
        // The series proper starts at the last 1: what comes before is a
        // contents list, whose lines count as preamble only as titles (text
        // under them is text before the series).
        let start = values.iter().rposition(|&x| x == Some(1))?;
        let (toc, v) = (&v[..start], &v[start..]);
        // Numbered one by one, one number at most left out.
        let steps: Vec<Option<u32>> = values[start..]
            .windows(2)
            .map(|w| w[1].zip(w[0]).and_then(|(b, a)| b.checked_sub(a)))
            .collect();
        let counted = v.len() >= SERIES_MIN
            && steps.iter().all(|&d| matches!(d, Some(1 | 2)))
            && steps.iter().filter(|&&d| d == Some(2)).count() <= 1;
        // Text under every title (a list of titles is not a compilation).
        let bodies = text_under_each(text, lines, v.iter().map(|x| x.0), least);
        let before = (0..v[0].0).filter(|i| !toc.iter().any(|x| x.0 == *i));
        let before: Vec<&str> = before.map(|i| text[lines[i].clone()].trim()).collect();
        (counted && bodies && short_preamble(&before)).then(|| v.to_vec())
    });
    // The longest series (the first of equally long ones).
    let best = series.fold(
        Vec::new(),
        |best, v| if v.len() > best.len() { v } else { best },
    );
    best.into_iter().map(|x| x.0).collect()
}

/// Has each of the heading lines `heads` (ascending) at least `least`
/// characters of text under it, up to the next (the last: to the end)?
pub(super) fn text_under_each(
    text: &str,
    lines: &[Range<usize>],
    heads: impl IntoIterator<Item = usize>,
    least: usize,
) -> bool {
    let mut heads = heads.into_iter().peekable();
    while let Some(i) = heads.next() {
        let next = heads.peek().copied().unwrap_or(lines.len());
        if chars_under(text, lines, i + 1..next) < least {
            return false;
        }
    }
    true
}

/// Characters of lines `under` (each trimmed): a heading's text.
fn chars_under(text: &str, lines: &[Range<usize>], under: Range<usize>) -> usize {
    under
        .map(|j| text[lines[j].clone()].trim().chars().count())
        .sum()
}

/// Fewest characters under each title of a series whose titles differ
/// (each naming a document): a speech, not a section of one.
pub(super) const DOCUMENT_BODY_CHARS: usize = 100;
