//! Pieces headed by a bare numeral: `一:`, `二：` alone on their lines, or
//! `01`, `1`, `一` alone above a piece's title.

use super::series::{
    arabic_digit, names_a_document, numeral_value, short_preamble, text_under_each, SERIES_MIN,
    TITLE_MAX_CHARS,
};
use super::{title_line, unmarked};
use std::ops::Range;

/// Fewest characters under each bare numeral of a series: a speech, not
/// the point of an outline.
const BARE_BODY_CHARS: usize = 100;

/// The lines of a series of bare numerals, each alone on its line with a
/// colon (`一:`, `二：`, as some essay sites head the pieces of a page), or
/// alone without one above the piece's title (`01` over `在全市经济工作会议上
/// 的讲话`; a page number of a copied PDF stands over running text):
/// numbered 1, 2, 3, … one by one on at least [`SERIES_MIN`] lines, each with
/// [`BARE_BODY_CHARS`] of text under it, and little text before the first (as
/// for titles). A section of a speech is headed by its title, never by a
/// numeral alone.
pub(super) fn bare_headings(text: &str, lines: &[Range<usize>]) -> Vec<usize> {
    let line = |i: usize| text[lines[i].clone()].trim();
    let titled = |i: usize| {
        let next = (i + 1..lines.len()).map(line).find(|l| !l.is_empty());
        next.is_some_and(|l| {
            let l = unmarked(l);
            title_line(l, TITLE_MAX_CHARS) && names_a_document(l)
        })
    };
    let bare = |i: usize| {
        let l = unmarked(line(i));
        let (n, colon) = match l.strip_suffix([':', '：']) {
            Some(n) => (n, true),
            None => (l, false),
        };
        let chinese = !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c));
        let arabic = !n.is_empty() && n.chars().count() <= 2 && n.chars().all(arabic_digit);
        let numeral = match colon {
            true => chinese,
            false => (chinese || arabic) && titled(i),
        };
        numeral.then(|| numeral_value(n)).flatten()
    };
    let numbered: Vec<(usize, u32)> = (0..lines.len())
        .filter_map(|i| bare(i).map(|v| (i, v)))
        .collect();
    let in_order = numbered
        .iter()
        .enumerate()
        .all(|(k, x)| x.1 == k as u32 + 1);
    let bodies = text_under_each(text, lines, numbered.iter().map(|x| x.0), BARE_BODY_CHARS);
    let before: Vec<&str> = (0..numbered.first().map_or(0, |x| x.0)).map(line).collect();
    match numbered.len() >= SERIES_MIN && in_order && bodies && short_preamble(&before) {
        true => numbered.into_iter().map(|x| x.0).collect(),
        false => Vec::new(),
    }
}
