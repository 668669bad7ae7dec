//! A file's text → speeches: split a compilation at its heading lines.
//!
//! A heading is a short line naming a piece of a compilation (`…讲话精神篇四`,
//! `第三篇 …`), or one of a numbered series of titles (`…讲话精神（三）`, `3、…讲话`,
//! `…讲话稿3`). Text before the first heading is the preamble (the
//! compilation's title and the site's filler), not a speech. A file with no
//! heading is one speech; section headings inside a speech (`第一章`, `一、`,
//! `（二）`) never split.

use bare::bare_headings;
use parts::{chapters_run_on, speech_opens_before};
use regex::Regex;
use series::series_headings;
use std::ops::Range;
use titled::titled_headings;

/// How a file is cut into speeches.
#[derive(Debug, Clone)]
pub enum SplitRule {
    /// The built-in rule: a line of at most 40 characters that ends in 篇 and
    /// a numeral (`…讲话精神篇四`), in 第, a numeral and 篇 (`…讲话 第一篇`) or
    /// in 范文/例文/范例 (either script) and a numeral (`精选范文一`), or starts, after an optional
    /// opening bracket, with 篇 and a numeral (`篇一：…`, `【篇2】…`), 第, a
    /// numeral and 篇 (`第三篇 …`, not `第一篇章…`, a part of one text) or
    /// 范文/例文 and a numeral (`范文一：…`),
    /// the styles of essay sites, also after 精选, 优秀, 推荐 or 热门
    /// (`精选范文1：…`, `推荐第1篇：…`; 第…篇 also after 正文, and with a
    /// space either side of its numeral: `第 1 篇`), or with 文章, a numeral and a colon, a comma or a
    /// space (`文章2：…`); the numeral after 篇, 范文 or 例文 may be
    /// bracketed (`范文（一）`, `篇【3】`, `〖篇一〗`), and a heading at the end of its
    /// line may close a bracket and end in a colon (`…讲话（篇四）：`);
    /// Markdown heading marks around the line and a symbol before it do not
    /// count (`## 篇一`, `★篇一：…`); a line that opens with its piece's name
    /// and a mark (`篇三：`, `【篇三】`, `第三篇：`) may be up to 100 characters
    /// long (see [`NAMED_HEADING_MAX_CHARS`]). A file
    /// with none of these is cut at a numbered series of titles instead: at
    /// least three lines of at most 40 characters that are one title of 6
    /// characters or more, ending in a letter, followed or preceded by
    /// numerals from 1 up, by one (one number may be left out), bracketed or
    /// not (`…讲话精神（一）`, `…讲话精神（二）`, …; `1、…讲话`, `（二）…讲话`,
    /// `③…讲话`), with text under each and at most 6 lines (300
    /// characters) before the first besides a contents list of the titles;
    /// the titles may differ when each names a document (ends in 讲话, 报告,
    /// 发言, 致辞, 稿, 体会, 贺词, 主持词, 范文 or 文章, a note in brackets
    /// after it aside: `1．陕西省政府工作报告（节选）`, `2．河南省政府工作报告`)
    /// and has 100 characters or more under it.
    /// A file with none of those is cut at a series of bare numerals, each
    /// alone on its line with a colon (`一:`, `二：`, `三:`), numbered from 1
    /// one by one, with 100 characters or more under each. A file with none of those either is
    /// cut at speeches' own titles
    /// (`在全市经济工作会议上的讲话`, `…的致辞（2024年3月）`) when at least two
    /// are each followed, within three lines, by a salutation (`同志们：`)
    /// or a date (`（2023年12月20日）`).
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
const N_BR: &str = "([（(【\\[〔〖]?[一二三四五六七八九十百千零〇两0-9０-９]+[）)】\\]〕〗]?)";
/// What may follow a heading's numeral at the end of its line: a closing
/// bracket (`（篇一）`) and a colon (`…讲话篇一：`). Not a full stop: a
/// sentence ends in one (`具体安排详见第三篇。`).
const TAIL: &str = "[）)】\\]〕〗]?[ \t　]*[：:]?";

/// The N-th piece (`第三篇`, `第 3 篇`: a space either side of the numeral
/// as text exported from a document site has it).
const DI_PIAN: &str = "第[ 　]?[一二三四五六七八九十百千零〇两0-9０-９]+[ 　]?篇";

/// A model text of an essay site: 范文, 例文, 范例, in either script.
const MODEL: &str = "(范文|範文|例文|范例|範例)";
/// What a site may call its pieces before their name (`精选范文1：…`,
/// `精品范文一：…`, `参考范文2：…`).
const PICKED: &str = "(精选|精選|优秀|優秀|推荐|推薦|热门|熱門|精品|最新|经典|經典|实用|實用|参考|參考|通用|优质|優質|热点|熱點|必备|必備|优选|優選)";

fn default_heading() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "(((篇|{MODEL} ?){N_BR}|{DI_PIAN}){TAIL}$)|(^[【\\[〔〖（(]?(({PICKED}|正文)?{DI_PIAN}([^章]|$)|{PICKED}?(篇|{MODEL}) ?{N_BR}|文章 ?{N_BR}([：:、 \t　]|$)))"
        ))
        .expect("built-in heading pattern")
    })
}

/// Longest heading line that names its piece first (`篇三：XX同志在全市优化营商
/// 环境暨重点项目建设推进大会上的讲话（2024年3月5日）`), in characters: an
/// official title with its speaker, meeting and date runs past
/// [`HEADING_MAX_CHARS`].
const NAMED_HEADING_MAX_CHARS: usize = 100;

/// A heading that opens with its piece's name and a mark after it (`篇三：`,
/// `【篇三】`, `第三篇：`, `范文三：`), followed by a title of any length up
/// to [`NAMED_HEADING_MAX_CHARS`]; also `精选一：…`.
fn named_heading() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            "^([【\\[〔〖（(]({DI_PIAN}|{PICKED}?(篇|{MODEL}) ?{NUMERAL})[】\\]〕〗）)][：:、 \t　]?|(({PICKED}|正文)?{DI_PIAN}|{PICKED}?(篇|{MODEL}) ?{N_BR})[：:、 \t　]|(精选|精選){N_BR}[：:])"
        ))
        .expect("built-in named heading pattern")
    })
}

/// Is `line` a title of at most [`NAMED_HEADING_MAX_CHARS`] characters?
fn long_title(line: &str) -> bool {
    title_line(line, NAMED_HEADING_MAX_CHARS)
}

/// Is `line` a title of at most `max` characters, with no sentence's end in it?
fn title_line(line: &str, max: usize) -> bool {
    within_chars(line, max) && !line.contains(['。', '！', '？', '；'])
}

/// A line without the Markdown that may make it a heading (`## 篇一`,
/// `**篇一**`), the HTML tags around it (`<h2>篇一</h2>`,
/// `<p><strong>篇一：…</strong></p>`) and the symbols sites set before one
/// (`★篇一：…`).
fn unmarked(line: &str) -> &str {
    without_tags(line)
        .trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim_start_matches(DECORATIONS)
        .trim()
}

/// A line without the HTML tags that open and close it (`<p><strong>…</strong></p>`).
fn without_tags(line: &str) -> &str {
    let is_name = |s: &str| {
        let name = s.split([' ', '/']).next().unwrap_or("");
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let mut line = line.trim();
    while let Some(rest) = line.strip_prefix('<') {
        match rest.split_once('>') {
            Some((tag, after)) if is_name(tag) && !tag.starts_with('/') => line = after.trim(),
            _ => break,
        }
    }
    while let Some(rest) = line.strip_suffix('>') {
        match rest.rsplit_once("</") {
            Some((before, name)) if is_name(name) => line = before.trim(),
            _ => break,
        }
    }
    line
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
                may_be_heading(line)
                    && ((short_enough(line) && default_heading().is_match(line))
                        || (long_title(line) && named_heading().is_match(line)))
            }
        }
    }
}

/// Could `line` match [`default_heading`]? Each of its ways holds 篇, 例 or
/// 范文: a line without them is turned away before the pattern is run.
fn may_be_heading(line: &str) -> bool {
    line.contains('篇')
        || line.contains('例')
        || line.contains("范文")
        || line.contains("範文")
        || line.contains("文章")
        || line.contains("精选")
        || line.contains("精選")
}

/// Has `line` at most [`HEADING_MAX_CHARS`] characters? (Without counting
/// the characters of a paragraph: its bytes tell most lines apart.)
fn short_enough(line: &str) -> bool {
    within_chars(line, HEADING_MAX_CHARS)
}

/// Has `line` at most `max` characters? (A line of at most `max` bytes has;
/// one of more than four times as many bytes has not.)
fn within_chars(line: &str, max: usize) -> bool {
    line.len() <= max || (line.len() <= 4 * max && line.chars().count() <= max)
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

/// Cut `text` into speeches by `rule`.
pub fn split(text: &str, rule: &SplitRule) -> Pieces {
    let lines = lines(text);
    let mut headings: Vec<usize> = (0..lines.len())
        .filter(|&i| rule.is_heading(&text[lines[i].clone()]))
        .collect();
    let parts_of_one = |headings: &[usize]| {
        chapters_run_on(text, &lines, headings) || speech_opens_before(text, &lines, headings)
    };
    if matches!(rule, SplitRule::Default) && parts_of_one(&headings) {
        headings.clear();
    } else if headings.is_empty() && matches!(rule, SplitRule::Default) {
        headings = series_headings(text, &lines);
        if headings.is_empty() {
            headings = bare_headings(text, &lines);
        }
        if headings.is_empty() {
            headings = titled_headings(text, &lines);
        }
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

mod bare;
mod parts;
mod series;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_titles;
mod titled;

/// Does `re` find an empty match inside ordinary lines of text (`''`, `a|`,
/// `\b`, `^`)? Such a pattern takes every line (as a heading, or as junk);
/// one that matches only empty or blank lines (`^\s*$`) does not.
pub fn matches_empty_in_lines(re: &regex::Regex) -> bool {
    ["同志们：今天我们召开全市开发区工作会议。", "abc 123"]
        .iter()
        .any(|line| re.find_iter(line).any(|m| m.is_empty()))
}
