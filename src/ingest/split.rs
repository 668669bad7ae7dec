//! A file's text → speeches: split a compilation at its heading lines.
//!
//! A heading is a short line naming a piece of a compilation (`…讲话精神篇四`,
//! `第三篇 …`), or one of a numbered series of titles (`…讲话精神（三）`, `3、…讲话`,
//! `…讲话稿3`). Text before the first heading is the preamble (the
//! compilation's title and the site's filler), not a speech. A file with no
//! heading is one speech; section headings inside a speech (`第一章`, `一、`,
//! `（二）`) never split.

use regex::Regex;
use std::ops::Range;

/// How a file is cut into speeches.
#[derive(Debug, Clone)]
pub enum SplitRule {
    /// The built-in rule: a line of at most 40 characters that ends in 篇 and
    /// a numeral (`…讲话精神篇四`), in 第, a numeral and 篇 (`…讲话 第一篇`) or
    /// in 范文/例文 and a numeral (`精选范文一`), or starts, after an optional
    /// opening bracket, with 篇 and a numeral (`篇一：…`, `【篇2】…`), 第, a
    /// numeral and 篇 (`第三篇 …`) or 范文/例文 and a numeral (`范文一：…`),
    /// the styles of essay sites; the numeral after 篇, 范文 or 例文 may be
    /// bracketed (`范文（一）`, `篇【3】`), and a heading at the end of its
    /// line may close a bracket and end in a colon (`…讲话（篇四）：`);
    /// Markdown heading marks around the line and a symbol before it do not
    /// count (`## 篇一`, `★篇一：…`). A file
    /// with none of these is cut at a numbered series of titles instead: at
    /// least three lines of at most 40 characters that are one title of 6
    /// characters or more, ending in a letter, followed or preceded by
    /// numerals from 1 up, by one (one number may be left out), bracketed or
    /// not (`…讲话精神（一）`, `…讲话精神（二）`, …; `1、…讲话`, `（二）…讲话`,
    /// `③…讲话`), with text under each and at most 3 lines (200
    /// characters) before the first besides a contents list of the titles.
    Default,
    /// A user pattern matched against each trimmed line.
    Pattern(Regex),
    /// Never split: every file is one speech.
    Never,
}

/// Longest heading line, in characters: a title, not a line of text.
const HEADING_MAX_CHARS: usize = 40;

const NUMERAL: &str = "[一二三四五六七八九十百千零〇两0-9０-９]+";
/// A numeral, bracketed or not (`篇（一）`, `范文(2)`, `篇【3】`).
const N_BR: &str = "([（(【\\[〔]?[一二三四五六七八九十百千零〇两0-9０-９]+[）)】\\]〕]?)";
/// What may follow a heading's numeral at the end of its line: a closing
/// bracket (`（篇一）`) and a colon (`…讲话篇一：`). Not a full stop: a
/// sentence ends in one (`具体安排详见第三篇。`).
const TAIL: &str = "[）)】\\]〕]?[ \t　]*[：:]?";

fn default_heading() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "(((篇|范文 ?|例文 ?){N_BR}|第{NUMERAL}篇){TAIL}$)|(^[【\\[〔（(]?(第{NUMERAL}篇|(篇|范文|例文) ?{N_BR}))"
        ))
        .expect("built-in heading pattern")
    })
}

/// A line without the Markdown that may make it a heading (`## 篇一`,
/// `**篇一**`) and the symbols sites set before one (`★篇一：…`).
fn unmarked(line: &str) -> &str {
    line.trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim_start_matches(DECORATIONS)
        .trim()
}

/// Symbols that mark a heading on essay sites, not part of its title.
const DECORATIONS: &[char] = &[
    '★', '☆', '◆', '◇', '●', '○', '■', '□', '▲', '△', '▶', '►', '※', '◎', '•', '·',
];

/// A heading as a speech's title: without Markdown marks and the colon or
/// full stop it may end in.
pub fn title_of(heading: &str) -> &str {
    unmarked(heading).trim_end_matches([':', '：', '。', '.', ' ', '\t', '　'])
}

impl SplitRule {
    fn is_heading(&self, line: &str) -> bool {
        let line = line.trim();
        match self {
            SplitRule::Never => false,
            SplitRule::Pattern(re) => !line.is_empty() && re.is_match(line),
            SplitRule::Default => {
                let line = unmarked(line);
                short_enough(line) && may_be_heading(line) && default_heading().is_match(line)
            }
        }
    }
}

/// Could `line` match [`default_heading`]? Each of its ways holds 篇, 范文 or
/// 例文: a line without them is turned away before the pattern is run.
fn may_be_heading(line: &str) -> bool {
    line.contains('篇') || line.contains("范文") || line.contains("例文")
}

/// Could `line` match [`numbered_title`]? It ends in a numeral or a closing
/// bracket: other lines are turned away before the pattern is run.
fn may_be_numbered(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| {
        matches!(c, ')' | '）' | ']' | '】' | '0'..='9' | '０'..='９')
            || "一二三四五六七八九十百千零〇两".contains(c)
    })
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
            r"^(.{{6,}}?)[ \t　]*(（{NUMERAL}）|\({NUMERAL}\)|【{NUMERAL}】|\[{NUMERAL}\]|{NUMERAL})$"
        ))
        .expect("built-in numbered title pattern")
    })
}

/// A title after its number (`1、…讲话`, `（一）…讲话`, `【2】…讲话`, `③…讲话`).
fn leading_numbered() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(（{NUMERAL}）|\({NUMERAL}\)|【{NUMERAL}】|\[{NUMERAL}\]|{NUMERAL}[、.．:：]|{NUMERAL}[ \t　]|[①-⑳])[ \t　]*(.{{6,}})$"
        ))
        .expect("built-in leading-number title pattern")
    })
}

/// Could `line` match [`leading_numbered`]? It starts with a numeral, an
/// opening bracket or a circled number.
fn may_lead_numbered(line: &str) -> bool {
    line.chars().next().is_some_and(|c| {
        matches!(c, '(' | '（' | '[' | '【' | '0'..='9' | '０'..='９' | '①'..='⑳')
            || "一二三四五六七八九十百千零〇两".contains(c)
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
    let s = s.trim_matches(['（', '）', '(', ')', '【', '】', '[', ']']);
    let s = s.trim_end_matches(['、', '.', '．', ':', '：', ' ', '\t', '　']);
    if let Some(c) = s.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        return (s.chars().count() == 1).then(|| c as u32 - '①' as u32 + 1);
    }
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

/// A numbered title: the title and its numeral, and whether the numeral
/// leads (`1、…讲话`) or follows (`…讲话（一）`).
fn numbered(line: &str) -> Option<(bool, &str, &str)> {
    fn group<'t>(c: &regex::Captures<'t>, i: usize) -> &'t str {
        c.get(i).map_or("", |m| m.as_str())
    }
    let (leads, title, numeral) = match (may_be_numbered(line), may_lead_numbered(line)) {
        (true, _) if numbered_title().is_match(line) => {
            let c = numbered_title().captures(line)?;
            (false, group(&c, 1), group(&c, 2))
        }
        (_, true) => {
            let c = leading_numbered().captures(line)?;
            (true, group(&c, 2), group(&c, 1))
        }
        _ => return None,
    };
    let title = title.trim();
    title
        .chars()
        .last()
        .is_some_and(char::is_alphabetic)
        .then_some((leads, title, numeral))
}

/// The lines of a numbered series of titles: one title (ending in a letter)
/// after or before numerals that start at 1 and go up by one (by two once: a
/// piece left out) on at least [`SERIES_MIN`] short lines, each with text
/// under it, and little text before the first. A contents list of the same
/// titles before them (without text under each) is part of the preamble.
/// Section headings inside a speech (`一、统一思想`, `二、加强领导`) are
/// no series: their titles differ.
fn series_headings(text: &str, lines: &[Range<usize>]) -> Vec<usize> {
    type Titles<'t> = std::collections::BTreeMap<(bool, &'t str), Vec<(usize, &'t str)>>;
    let mut by_title: Titles = Default::default();
    for (i, r) in lines.iter().enumerate() {
        let line = text[r.clone()].trim();
        if !short_enough(line) {
            continue;
        }
        if let Some((leads, title, numeral)) = numbered(line) {
            by_title
                .entry((leads, title))
                .or_default()
                .push((i, numeral));
        }
    }
    let blank = |i: usize| blank_line(text, lines, i);
    let series = by_title.into_values().filter_map(|v| {
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
        let bodies = v.iter().enumerate().all(|(k, &(i, _))| {
            let next = v.get(k + 1).map_or(lines.len(), |x| x.0);
            (i + 1..next).any(|j| !blank(j))
        });
        let before = (0..v[0].0).filter(|i| !toc.iter().any(|x| x.0 == *i));
        let before: Vec<&str> = before.map(|i| text[lines[i].clone()].trim()).collect();
        let chars: usize = before
            .iter()
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        let filled = before.iter().filter(|l| !l.is_empty()).count();
        (counted && bodies && chars <= SERIES_PREAMBLE_CHARS && filled <= SERIES_PREAMBLE_LINES)
            .then(|| v.to_vec())
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
mod tests;
