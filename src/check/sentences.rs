//! A text → its sentences, as ranges of its normalised stream: cut at
//! sentence stops and at the line breaks that end a paragraph (a
//! hard-wrapped line is no break), for matching reworded sentences (see
//! [`super::reworded`]).

use crate::normalize::{Normalized, Sym, MASK};
use crate::segment::paragraph_breaks;
use std::ops::Range;
use std::sync::OnceLock;

/// Does `c` end a sentence?
fn stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// The sentences of a text as ranges of its normalised stream, empty ones left out.
pub(super) fn sentence_spans(text: &str, norm: &Normalized) -> Vec<Range<usize>> {
    spans_in(text, norm, 0..text.len())
}

/// The sentences of a text that overlap `window`, a range of its normalised
/// stream (only that part of a long source is cut into sentences).
pub(super) fn sentences_around(
    text: &str,
    norm: &Normalized,
    window: Range<usize>,
) -> Vec<Range<usize>> {
    let window = window.start.min(norm.len())..window.end.min(norm.len());
    if window.is_empty() {
        return Vec::new();
    }
    let bytes = norm.byte_range(window.start, window.end);
    let start = text[..bytes.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[bytes.end..]
        .find(stop)
        .map_or(text.len(), |i| bytes.end + i);
    spans_in(text, norm, start..end)
}

/// The sentences of `text[bytes]`, as ranges of the stream of `text`.
fn spans_in(text: &str, norm: &Normalized, bytes: Range<usize>) -> Vec<Range<usize>> {
    let part = &text[bytes.clone()];
    let mut cuts: Vec<usize> = paragraph_breaks(part).collect();
    cuts.extend(
        part.char_indices()
            .filter(|&(_, c)| stop(c))
            .map(|(i, c)| i + c.len_utf8()),
    );
    cuts.sort_unstable();
    cuts.push(part.len());
    let at = |i: usize| norm.starting_before(bytes.start + i);
    let mut from = 0;
    let mut out = Vec::new();
    for end in cuts {
        let r = at(from)..at(end);
        if !r.is_empty() {
            out.push(r);
        }
        from = end;
    }
    out
}

/// A draft's stream and its sentences (with their characters sorted, and
/// counted in [`Bag`]s once compared), cut once for all its sources.
pub(super) struct Draft<'a> {
    pub(super) chars: &'a [Sym],
    pub(super) sentences: Vec<Range<usize>>,
    pub(super) sorted: Vec<Vec<Sym>>,
    bags: Vec<OnceLock<Bag>>,
}

impl<'a> Draft<'a> {
    pub(super) fn new(text: &str, norm: &'a Normalized) -> Draft<'a> {
        let sentences = sentence_spans(text, norm);
        let sorted = sentences
            .iter()
            .map(|s| sorted(&norm.chars[s.clone()]))
            .collect();
        let bags = sentences.iter().map(|_| OnceLock::new()).collect();
        Draft {
            chars: &norm.chars,
            sentences,
            sorted,
            bags,
        }
    }
}

impl Draft<'_> {
    /// Sentence `k`'s [`Bag`], made when it is first compared.
    pub(super) fn bag(&self, k: usize) -> &Bag {
        self.bags[k].get_or_init(|| Bag::of(&self.chars[self.sentences[k].clone()]))
    }
}

/// Buckets of a [`Bag`].
const BUCKETS: usize = 128;

/// A sentence's characters but masks, counted by bucket (a hash of the
/// character): the sum over buckets of the smaller count of two bags is at
/// least the characters the two sentences have in common ([`common`]), and
/// is found in a few instructions, where `common` walks both sentences. A
/// bag whose count would pass 255 holds no bound.
#[derive(Clone)]
pub(super) struct Bag(Option<Box<[u8; BUCKETS]>>);

impl Bag {
    pub(super) fn of(x: &[Sym]) -> Bag {
        let mut counts = Box::new([0u8; BUCKETS]);
        for &c in x.iter().filter(|&&c| c != MASK) {
            let b = ((c as u32).wrapping_mul(0x9E37_79B1) >> 25) as usize;
            match counts[b].checked_add(1) {
                Some(n) => counts[b] = n,
                None => return Bag(None),
            }
        }
        Bag(Some(counts))
    }

    /// At least the characters two sentences have in common ([`usize::MAX`]
    /// when either bag holds no bound).
    pub(super) fn bound(&self, other: &Bag) -> usize {
        match (&self.0, &other.0) {
            // At most 128 × 255: a u16 holds the sum.
            (Some(x), Some(y)) => {
                let sum: u16 = x.iter().zip(y.iter()).map(|(a, b)| *a.min(b) as u16).sum();
                sum as usize
            }
            _ => usize::MAX,
        }
    }
}

/// The characters of a sentence but masks, sorted.
pub(super) fn sorted(x: &[Sym]) -> Vec<Sym> {
    let mut v: Vec<Sym> = x.iter().copied().filter(|&c| c != MASK).collect();
    v.sort_unstable();
    v
}

/// The characters two sorted lists have in common, counted with repeats:
/// at most how many characters but masks two sentences can have in common
/// in order.
pub(super) fn common(x: &[Sym], y: &[Sym]) -> usize {
    crate::sorted_common(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn sentences_end_at_stops_and_paragraph_ends_not_at_wraps() {
        let text = "今年是关键之年。我们要坚持稳中求进\n工作总基调；推动高质量发展\n\n二、主要任务\n抓好项目建设";
        let n = normalize(text);
        let got: Vec<String> = sentence_spans(text, &n)
            .into_iter()
            .map(|r| {
                n.chars[r]
                    .iter()
                    .map(|&c| crate::normalize::sym_char(c))
                    .collect()
            })
            .collect();
        assert_eq!(
            got,
            [
                "今年是关键之年",
                "我们要坚持稳中求进工作总基调",
                "推动高质量发展",
                "二主要任务",
                "抓好项目建设"
            ],
            "a line broken inside a sentence is one sentence"
        );
        let around = sentences_around(text, &n, 9..10);
        assert_eq!(
            around,
            vec![7..21],
            "the sentence of one character, across its wrap"
        );
    }

    #[test]
    fn a_bag_bounds_the_characters_in_common_from_above() {
        let texts = [
            "统筹推进项目建设顺利推进",
            "确保了项目建设顺利推进",
            "***同志们要加强作风建设",
            "甲乙丙丁戊己庚辛壬癸",
        ];
        for x in texts {
            for y in texts {
                let (x, y) = (normalize(x).chars, normalize(y).chars);
                let same = common(&sorted(&x), &sorted(&y));
                assert!(Bag::of(&x).bound(&Bag::of(&y)) >= same);
            }
        }
        let one = normalize(&"推".repeat(256)).chars;
        assert_eq!(
            Bag::of(&one).bound(&Bag::of(&one)),
            usize::MAX,
            "a count past 255"
        );
    }

    #[test]
    fn characters_in_common_are_counted_with_repeats_and_without_masks() {
        let x = normalize("统筹推进项目建设顺利推进").chars;
        let y = normalize("确保了项目建设顺利推进").chars;
        assert_eq!(common(&sorted(&x), &sorted(&y)), 8, "推 and 进 once each");
        let masked = normalize("***同志").chars;
        assert_eq!(sorted(&masked).len(), 2);
        assert_eq!(
            common(
                &sorted(&normalize("甲乙丙").chars),
                &sorted(&normalize("丁戊己").chars)
            ),
            0
        );
    }
}
