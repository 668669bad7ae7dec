//! Speeches that each open with their own title: a collection (汇编) with no
//! numbers, each speech under a title such as `在全市经济工作会议上的讲话`
//! with, within its next three lines, a salutation (`同志们：`,
//! `尊敬的各位来宾：`) or the date the speech was given (`（2023年12月20日）`).

use super::series::{
    names_a_document, short_preamble, text_under_each, DOCUMENT_BODY_CHARS, TITLE_MAX_CHARS,
};
use super::{blank_line, short_enough, unmarked, within_chars};
use regex::Regex;
use std::ops::Range;

/// Fewest titled speeches that make a file a collection (one is a speech
/// with its title, which needs no cut).
const TITLED_MIN: usize = 2;
/// Lines after a title within which its salutation or date must stand, not
/// counting blank ones.
const OPENING_LINES: usize = 3;

/// A speech's title: `在…上的讲话` and its kin, or a line ending in 讲话,
/// 发言, 致辞, 结束语, 心得体会, 述职报告 and the like (in either script),
/// with a speaker or a date in brackets after it.
fn speech_title() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^.{2,36}(讲话|發言|发言|講話|致辞|致辭|讲稿|講稿|讲话稿|講話稿|发言稿|發言稿|演讲稿|演講稿|讲话提纲|主持词|主持詞|工作报告|工作報告|结束语|結束語|心得体会|心得體會|述职报告|述職報告)([（(][^（）()]{1,24}[）)])?$",
        )
        .expect("built-in speech title pattern")
    })
}

/// How a speech opens: a salutation ending in a colon (the speech may go on
/// after it on the line: `各位领导、各位同学：大家下午好！…`) or a comma at the
/// line's end, or a date on its own line.
fn opening() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^({SALUTATION}([：:]|[，,]$)|(——|—|-{{1,2}})?[ 　]*[（(]?[0-9〇零一二三四五六七八九]{{4}}年[0-9一二三四五六七八九十]{{1,2}}月([0-9一二三四五六七八九十]{{1,3}}日)?[）)]?$)",
        ))
        .expect("built-in speech opening pattern")
    })
}

/// Whom a speech is addressed to, before its colon (`同志们`, `各位代表、同志们`).
const SALUTATION: &str =
    "(同志们|同志們|各位|尊敬的|女士们|女士們|亲爱的|親愛的)[^。！？!?：:]{0,30}";

/// A salutation and its colon at the start of a line, and the length of
/// both (the speech may go on after it on the line).
pub(super) fn salutation(line: &str) -> Option<usize> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!("^{SALUTATION}[：:]")).expect("built-in salutation pattern")
    });
    re.find(line).map(|m| m.end())
}

/// The title lines of a collection of titled speeches: at least
/// [`TITLED_MIN`] short lines that are a speech's title, each followed
/// within [`OPENING_LINES`] lines, before another title, by how a speech
/// opens; none otherwise.
pub(super) fn titled_headings(text: &str, lines: &[Range<usize>]) -> Vec<usize> {
    let line = |i: usize| text[lines[i].clone()].trim();
    let titles_of: Vec<&str> = (0..lines.len()).map(|i| title(line(i))).collect();
    let is_full: Vec<bool> = titles_of
        .iter()
        .map(|t| within_chars(t, TITLE_MAX_CHARS) && meeting_title().is_match(t))
        .collect();
    let is_title: Vec<bool> = (0..lines.len())
        .map(|i| is_full[i] || (short_enough(line(i)) && speech_title().is_match(titles_of[i])))
        .collect();
    // The opening comes before the next title (the titles of a contents
    // list open nothing).
    let opens = |i: usize| {
        (i + 1..lines.len())
            .filter(|&j| !blank_line(text, lines, j))
            .take(OPENING_LINES)
            .take_while(|&j| !is_title[j])
            .any(|j| opening().is_match(line(j)))
    };
    let titles: Vec<usize> = (0..lines.len())
        .filter(|&i| is_title[i] && opens(i))
        .collect();
    if titles.len() < TITLED_MIN {
        return untitled_collection(text, lines, &titles_of, &is_full);
    }
    // In such a collection a speech's full title (`在…上的讲话`) with text
    // under it (not a contents list's line) opens a speech even when the
    // text starts without a salutation or a date: no section of a speech
    // is headed so.
    let text_under = |i: usize| {
        (i + 1..lines.len())
            .find(|&j| !blank_line(text, lines, j))
            .is_some_and(|j| !is_title[j])
    };
    let full = |i: usize| is_full[i] && text_under(i);
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| titles.binary_search(&i).is_ok() || full(i))
        .collect();
    // A subtitle (`——在全市经济工作会议上的讲话`) under the speech's main
    // title (`凝心聚力 奋勇争先 推动高质量发展`): the speech starts at the main one.
    found
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let main = (0..i).rev().find(|&j| !blank_line(text, lines, j));
            let after_last = |j: usize| k == 0 || j > found[k - 1];
            match main {
                Some(j) if line(i).starts_with('—') && after_last(j) && main_title(line(j)) => j,
                _ => i,
            }
        })
        .collect()
}

/// Fewest speeches' full titles that make a collection when no speech in
/// it opens with a salutation or a date.
const UNTITLED_MIN: usize = 3;

/// The full titles (`在…上的讲话`) of a collection whose speeches open
/// straight with their matter: at least [`UNTITLED_MIN`] different ones,
/// each naming its own speech (not `学习…在…上的讲话`, a study note's
/// section), each with [`DOCUMENT_BODY_CHARS`] of text under it, and little
/// text before the first. (A speech's title repeated over each page of a
/// copied PDF is one title.)
fn untitled_collection(
    text: &str,
    lines: &[Range<usize>],
    titles_of: &[&str],
    is_full: &[bool],
) -> Vec<usize> {
    let line = |i: usize| text[lines[i].clone()].trim();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| is_full[i] && names_a_document(titles_of[i]))
        .collect();
    let bodies = text_under_each(text, lines, found.iter().copied(), DOCUMENT_BODY_CHARS);
    let names: std::collections::BTreeSet<&str> = found.iter().map(|&i| titles_of[i]).collect();
    let before: Vec<&str> = (0..found.first().map_or(0, |&i| i)).map(line).collect();
    match found.len() >= UNTITLED_MIN
        && names.len() == found.len()
        && bodies
        && short_preamble(&before)
    {
        true => found,
        false => Vec::new(),
    }
}

/// A line as a title: without its marks (see [`unmarked`]), a number before
/// it (`NO.1 在…的讲话`) and the book-title marks around it (`《在…的讲话》`).
fn title(line: &str) -> &str {
    static NO: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let no = NO.get_or_init(|| {
        Regex::new(r"^(?i:no)[.．]?[ 　]*[0-9０-９]{1,2}[ 　]*[:：、.．]?[ 　]*")
            .expect("built-in number pattern")
    });
    let line = unmarked(line);
    let line = no.find(line).map_or(line, |m| line[m.end()..].trim());
    match line.strip_prefix('《').and_then(|l| l.strip_suffix('》')) {
        Some(inner) if !inner.contains(['《', '》']) => inner,
        _ => line,
    }
}

/// Can `line` be a speech's main title over its subtitle: short, no
/// sentence's end, not a salutation or a date?
fn main_title(line: &str) -> bool {
    short_enough(line)
        && !line.contains(['。', '！', '？', '；', '：', ':'])
        && !opening().is_match(line)
        && !speech_title().is_match(line)
}

/// A speech's full title: `在…上的讲话` (`致辞`, `发言`), after its speaker
/// (`XX同志在…`, `市长在…`), with a note in brackets after it.
fn meeting_title() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(.{0,16}(同志|书记|書記|市长|市長|县长|縣長|区长|區長|省长|省長|主任|部长|部長))?在.{2,50}上的(讲话|講話|致辞|致辭|发言|發言|讲话稿|講話稿|发言稿|發言稿)([（(][^（）()]{1,24}[）)])?$",
        )
        .expect("built-in meeting title pattern")
    })
}

#[cfg(test)]
mod tests {
    use super::super::{split, Pieces, SplitRule};

    /// The headings a split cuts at.
    fn headings(p: &Pieces) -> Vec<&str> {
        p.pieces
            .iter()
            .map(|x| x.heading.as_deref().unwrap())
            .collect()
    }

    #[test]
    fn speeches_under_their_own_titles_are_cut_at_each() {
        let text = "领导讲话汇编\n目录\n在全市经济工作会议上的讲话\n在全县三级干部大会上的讲话\n\n\
            在全市经济工作会议上的讲话\n（2023年12月20日）\n同志们：\n今天召开全市经济工作会议。\n\
            在全县三级干部大会上的讲话\n县委书记 李四\n\n各位代表，同志们：\n一、深入学习贯彻总书记重要讲话\n今年是关键之年。\n\
            市长在招商引资推介会上的致辞（2024年3月）\n尊敬的各位来宾：\n欢迎各位。\n";
        let p = split(text, &SplitRule::Default);
        let titles = headings(&p);
        assert_eq!(
            titles,
            [
                "在全市经济工作会议上的讲话",
                "在全县三级干部大会上的讲话",
                "市长在招商引资推介会上的致辞（2024年3月）"
            ],
            "a section heading ending in 讲话 with no salutation is no title"
        );
        assert_eq!(
            &text[p.preamble.unwrap()],
            "领导讲话汇编\n目录\n在全市经济工作会议上的讲话\n在全县三级干部大会上的讲话\n",
            "the contents list is the preamble"
        );
        assert_eq!(
            &text[p.pieces[0].body.clone()],
            "（2023年12月20日）\n同志们：\n今天召开全市经济工作会议。"
        );
    }

    #[test]
    fn titles_in_either_script_and_a_salutation_with_text_after_it_open_speeches() {
        let text = "演讲稿汇总\n\
            在全市大会上的講話\n同志們：\n今天召开大会。\n\
            「五四」演讲比赛结束语\n发言人:祝友炎\n各位老师、各位同学: 大家下午好!今天的比赛圆满结束。\n我宣布比赛结束。\n\
            青年教师座谈会心得体会\n尊敬的各位领导，同志们：\n参加座谈会收获很大。\n";
        let p = split(text, &SplitRule::Default);
        let titles = headings(&p);
        assert_eq!(
            titles,
            [
                "在全市大会上的講話",
                "「五四」演讲比赛结束语",
                "青年教师座谈会心得体会"
            ]
        );
    }

    #[test]
    fn in_a_collection_a_full_title_opens_a_speech_without_a_salutation() {
        let text = "领导讲话汇编\n\
            在全市经济工作会议上的讲话\n同志们：\n今天召开全市经济工作会议。\n\n\
            ## 县长在全县安全生产工作会议上的讲话\n安全生产事关人民群众生命财产安全。\n一、认真学习总书记重要讲话\n甲。\n\n\
            在全区优化营商环境大会上的讲话\n（2024年3月5日）\n营商环境就是生产力。\n";
        let p = split(text, &SplitRule::Default);
        assert_eq!(
            headings(&p),
            [
                "在全市经济工作会议上的讲话",
                "## 县长在全县安全生产工作会议上的讲话",
                "在全区优化营商环境大会上的讲话"
            ],
            "a section heading ending in 讲话 is still no title"
        );
    }

    #[test]
    fn a_speech_under_a_main_title_and_a_subtitle_starts_at_the_main_title() {
        let text = "领导讲话汇编\n\
            凝心聚力 奋勇争先\n——在全市经济工作会议上的讲话\n（2024年1月10日）\n同志们：\n今天召开会议。\n\
            真抓实干 久久为功\n——在全县安全生产工作会议上的讲话\n同志们：\n安全生产事关全局。\n";
        let p = split(text, &SplitRule::Default);
        assert_eq!(headings(&p), ["凝心聚力 奋勇争先", "真抓实干 久久为功"]);
        assert_eq!(&text[p.preamble.unwrap()], "领导讲话汇编");
        assert!(text[p.pieces[0].body.clone()].starts_with("——在全市经济工作会议上的讲话"));
    }

    #[test]
    fn one_speech_under_its_title_is_not_cut() {
        for text in [
            "在全市经济工作会议上的讲话\n同志们：\n今天召开全市经济工作会议。\n一、认真学习总书记重要讲话\n甲。\n",
            // A title with no opening after it, and a salutation with no title.
            "在全市经济工作会议上的讲话\n今天召开会议。\n在全县三级干部大会上的讲话\n同志们：\n乙。\n同志们：\n丙。\n",
        ] {
            assert_eq!(split(text, &SplitRule::Default).pieces.len(), 1, "{text}");
        }
    }
}
