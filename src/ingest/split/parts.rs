//! Are a file's pieces the parts of one document? A plan's outline whose
//! chapters run on through its 第N篇 parts, or a lecture that greets its
//! hearers before its first part.

use super::{series, titled, unmarked, DI_PIAN, MODEL, NUMERAL};
use regex::Regex;
use std::ops::Range;

/// Are the pieces under `headings` parts of one document, whose chapters
/// (`第五章 …`) are numbered on from one part to the next? A plan's outline
/// is cut in parts (`第一篇 …`, `第二篇 …`), most of them over chapters
/// numbered through the whole of it; the pieces of a compilation each number
/// their own from 第一章 (the laws of a collection), or have none, or a few
/// quote a law's chapters.
pub(super) fn chapters_run_on(text: &str, lines: &[Range<usize>], headings: &[usize]) -> bool {
    static CHAPTER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static PART: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let chapter = CHAPTER.get_or_init(|| {
        Regex::new(&format!("^第({NUMERAL})章")).expect("built-in chapter pattern")
    });
    // A document's parts are headed 第一篇, 第二篇, …; a compilation's
    // pieces by its title and their number (`…学习材料篇三`), whatever
    // chapters of a law they quote.
    let part =
        PART.get_or_init(|| Regex::new(&format!("^{DI_PIAN}")).expect("built-in part pattern"));
    let line = |i: usize| unmarked(text[lines[i].clone()].trim());
    if !headings.iter().all(|&h| part.is_match(line(h))) {
        return false;
    }
    let mut parts_with_chapters = 0;
    let mut last = 0;
    for (k, &h) in headings.iter().enumerate() {
        let end = headings.get(k + 1).copied().unwrap_or(lines.len());
        let numbers = (h + 1..end).filter_map(|i| {
            let c = chapter.captures(line(i))?;
            series::numeral_value(c.get(1)?.as_str())
        });
        let mut any = false;
        for n in numbers {
            if n <= last {
                return false;
            }
            (last, any) = (n, true);
        }
        parts_with_chapters += usize::from(any);
    }
    // Chapters in most parts: a few pieces that quote a chapter are no outline.
    parts_with_chapters >= 2 && 2 * parts_with_chapters >= headings.len()
}

/// Fewest characters of a speech after its salutation before the first
/// heading: the speaker's opening words, not a line of a contents list.
const OPENING_CHARS: usize = 20;

/// Does a speech open before the first heading, which is its first part
/// (`第一篇：回望来路…`, `例文一：…`)? A lecture or 党课 addresses its hearers
/// (`同志们：今天，我以…为题…`) and then goes through its parts; a
/// compilation's preamble is its own title and a site's words. (A first
/// speech without a heading comes before a second piece: `篇二`.)
pub(super) fn speech_opens_before(text: &str, lines: &[Range<usize>], headings: &[usize]) -> bool {
    let Some(&first) = headings.first() else {
        return false;
    };
    let line = |i: usize| unmarked(text[lines[i].clone()].trim());
    let Some((at, after)) = (0..first).find_map(|i| Some((i, titled::salutation(line(i))?))) else {
        return false;
    };
    let opening: usize = line(at)[after..].chars().count()
        + (at + 1..first)
            .map(|i| line(i).chars().count())
            .sum::<usize>();
    opening >= OPENING_CHARS && first_part(line(first))
}

/// Is a heading its document's first part: numbered 1 (`第一篇：…`, `例文一：`,
/// `…讲话精神篇一`)?
fn first_part(heading: &str) -> bool {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            "(篇|第|{MODEL}|文章)[ 　]?[（(【\\[〔〖]?(?<n>{NUMERAL})"
        ))
        .expect("built-in part number pattern")
    });
    let number = re.captures(heading).and_then(|c| c.name("n"));
    number.is_some_and(|n| series::numeral_value(n.as_str()) == Some(1))
}
