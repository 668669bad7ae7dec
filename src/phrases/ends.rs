//! A run of shared characters → the phrase a reader would quote.
//!
//! A run of shared k-grams starts and ends wherever the speeches stop
//! agreeing, which is often a clause or a word away from where the wording
//! does: `的结果。我代表国务院，向`, `深入贯彻落实科学发展观，以`,
//! `全区经济社会发展的`. So a run's ends are tidied before it is located:
//! a stub of fewer than [`MIN_CLAUSE`] characters cut off by a clause mark
//! (`，；：。！？`) at either end is dropped, and so is a single function
//! character (`的`, `和`, …) at either end unless it belongs to a word
//! there (`和平`, `目的`, `现在`: a common word of jieba's dictionary). A run that is
//! then shorter than a phrase can be is no phrase: its core is held as part
//! of longer ones.

use super::PHRASE_K;
use crate::normalize::{sym_char, Normalized};
use crate::FastSet;
use std::sync::OnceLock;

/// Fewest characters of a clause at either end of a phrase that is kept.
const MIN_CLAUSE: usize = 4;

/// Characters that, standing alone at the start of a run, tie it to the
/// clause before rather than belong to its wording (a preposition such as
/// `在`, `以`, `向` starts many a formula: `在市委、市政府的坚强领导下`).
const FUNCTION_FIRST: &str = "的了和与及并而且或之等也";
/// ... and at the end, to the clause after (`…各人民团体和`, `…发展的`).
const FUNCTION_LAST: &str = "的和与及并在以对把将被从向为是而或之使让请";

/// Marks that end a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '；' | '：' | '。' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
    )
}

/// A word's least frequency in jieba's dictionary for a function character
/// at a phrase's end to count as part of it (`出让` 108, `应对` 184; the
/// dictionary's rare strings such as `结在` 3 do not).
#[cfg(test)]
const COMMON: u64 = 100;

/// The common words (used at least `COMMON` times) of two or three characters of jieba's
/// dictionary that start with a character of [`FUNCTION_FIRST`] or end with
/// one of [`FUNCTION_LAST`], one a line (kept in step with the dictionary
/// and the two lists by a test).
const EDGE_WORDS: &str = include_str!("edge-words.txt");

fn words() -> &'static FastSet<&'static str> {
    static WORDS: OnceLock<FastSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| EDGE_WORDS.lines().collect())
}

/// The tidied `from..to` of `norm` (whose input is `text`), or `None` when
/// what is left is shorter than a phrase.
pub(super) fn tidy(
    text: &str,
    norm: &Normalized,
    (from, to): (usize, usize),
) -> Option<(usize, usize)> {
    let (mut s, mut e) = (from, to.min(norm.len()));
    if e <= s {
        return None;
    }
    // Where the clauses inside the run start: the first character after each
    // clause mark.
    let bytes = norm.byte_range(s, e);
    let mut cuts = text
        .get(bytes.clone())?
        .char_indices()
        .filter(|&(_, c)| ends_clause(c))
        .map(|(at, c)| norm.starting_before(bytes.start + at + c.len_utf8()))
        .filter(|&b| b > s && b < e);
    let first = cuts.next();
    let last = cuts.next_back().or(first);
    if let Some(b) = first.filter(|&b| b - s < MIN_CLAUSE) {
        s = b;
    }
    if let Some(b) = last.filter(|&b| b > s && e - b < MIN_CLAUSE) {
        e = b;
    }
    let chars = &norm.chars[s..e];
    let word = |r: std::ops::Range<usize>| {
        chars.get(r).is_some_and(|w| {
            words().contains(&w.iter().map(|&c| sym_char(c)).collect::<String>()[..])
        })
    };
    // A function character alone at an end goes, unless a word there holds it.
    let lone = |at: usize, set: &str, words: [std::ops::Range<usize>; 2]| {
        chars.get(at).is_some_and(|&c| set.contains(sym_char(c))) && !words.into_iter().any(&word)
    };
    let n = chars.len();
    let lead = lone(0, FUNCTION_FIRST, [0..2, 0..3]);
    let tail = n > 1 && lone(n - 1, FUNCTION_LAST, [n - 2..n, n.saturating_sub(3)..n]);
    let (s, e) = (s + usize::from(lead), e - usize::from(tail));
    (e >= s + PHRASE_K).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The tidied text of the whole of `text`.
    fn tidied(text: &str) -> Option<String> {
        let norm = normalize(text);
        tidy(text, &norm, (0, norm.len())).map(|(s, e)| norm.string(s, e))
    }

    /// Each text and what tidying leaves of it (its normalised characters).
    fn expect(cases: &[(&str, Option<&str>)]) {
        for &(text, want) in cases {
            assert_eq!(tidied(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn stubs_of_clauses_at_the_ends_are_dropped() {
        expect(&[
            (
                "让我们紧密团结在以习近平同志为核心的党中央周围，在",
                Some("让我们紧密团结在以习近平同志为核心的党中央周围"),
            ),
            (
                "年，全区经济社会发展取得新成效",
                Some("全区经济社会发展取得新成效"),
            ),
            // What is left of this is too short to be a phrase.
            ("的结果。我代表国务院，向", None),
            // A clause of four characters or more stays.
            (
                "现在我们，紧密团结在党中央周围",
                Some("现在我们紧密团结在党中央周围"),
            ),
        ]);
    }

    #[test]
    fn the_edge_words_are_those_of_the_dictionary() {
        let at = |c: Option<char>, set: &str| c.is_some_and(|c| set.contains(c));
        let mut want: Vec<String> = crate::segment::common_words(COMMON, |w| {
            at(w.chars().next(), FUNCTION_FIRST) || at(w.chars().next_back(), FUNCTION_LAST)
        })
        .into_iter()
        .collect();
        want.sort();
        let mut have: Vec<&str> = EDGE_WORDS.lines().collect();
        have.sort();
        assert_eq!(have, want, "regenerate edge-words.txt from the dictionary");
        assert!(words().contains("现在") && !words().contains("结在"));
    }

    #[test]
    fn a_function_character_goes_unless_it_is_part_of_a_word() {
        expect(&[
            ("全区经济社会发展的", Some("全区经济社会发展")),
            ("和各民主党派各人民团体和", Some("各民主党派各人民团体")),
            // A preposition starts many a formula.
            ("在中国共产党领导下", Some("在中国共产党领导下")),
            // `和平`, `现在` are words: nothing goes.
            ("和平共处五项原则", Some("和平共处五项原则")),
            ("我们的工作重点现在", Some("我们的工作重点现在")),
        ]);
    }
}
