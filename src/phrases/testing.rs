//! Test helpers: speeches written as their lines, counted.

use super::count::Shared;
use super::lines::{line_cuts, Lines};
use super::PHRASE_K;
use crate::fingerprint::{kgram_hashes_into, NO_HASH};
use crate::normalize::Normalized;

/// Speeches given as their lines: each one's text and normalised stream.
pub(super) struct Speeches {
    texts: Vec<String>,
    norms: Vec<Normalized>,
}

impl Speeches {
    pub(super) fn new(speeches: &[Vec<&str>]) -> Speeches {
        // Each line a paragraph of its own, a blank line after it (lines
        // without an end mark, or of about one length, would be read as
        // hard-wrapped: see `line_cuts`).
        let texts: Vec<String> = speeches.iter().map(|l| l.join("。\n\n")).collect();
        let norms = texts
            .iter()
            .map(|t| crate::normalize::normalize(t))
            .collect();
        Speeches { texts, norms }
    }

    /// The distinct lines of `groups`.
    pub(super) fn lines(&self, groups: &[Vec<usize>]) -> Lines<'_> {
        let chars_of = |d: usize| &self.norms[d].chars[..];
        let cuts_of = |d: usize, c: &mut Vec<usize>| line_cuts(&self.texts[d], &self.norms[d], c);
        Lines::new(groups, &chars_of, &cuts_of)
    }

    /// The k-grams `groups` share.
    pub(super) fn count(&self, groups: &[Vec<usize>], min_docs: u32, pass_kgrams: usize) -> Shared {
        Shared::new(&self.lines(groups), min_docs, pass_kgrams)
    }

    /// The k-gram hashes of speech `d` as a whole, its windows across line
    /// breaks cut: what counting and rows over lines must agree with.
    pub(super) fn hashes(&self, d: usize) -> Vec<u64> {
        let mut h = Vec::new();
        line_bounded_hashes(&self.texts[d], &self.norms[d], &mut h);
        h
    }
}

/// k-gram hashes where windows that cross a line break never match, into `h`
/// (cleared first).
pub(super) fn line_bounded_hashes(text: &str, n: &Normalized, h: &mut Vec<u64>) {
    kgram_hashes_into(&n.chars, PHRASE_K, h);
    let mut cuts = Vec::new();
    line_cuts(text, n, &mut cuts);
    // The windows that hold characters on both sides of a cut.
    for i in cuts {
        for s in i.saturating_sub(PHRASE_K - 1)..i {
            if let Some(x) = h.get_mut(s) {
                *x = NO_HASH;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_across_a_line_break_never_match() {
        let text = "\n甲乙丙丁戊己庚辛。\r\n\n壬癸子丑寅卯辰巳\n";
        let n = crate::normalize::normalize(text);
        let mut h = Vec::new();
        line_bounded_hashes(text, &n, &mut h);
        assert_eq!(h.len(), 16 - PHRASE_K + 1);
        // Windows 1..=7 hold characters of both lines; 0 and 8 one line each.
        let cut: Vec<usize> = (0..h.len()).filter(|&i| h[i] == NO_HASH).collect();
        assert_eq!(cut, (1..PHRASE_K).collect::<Vec<_>>());
        assert_eq!(
            h[0],
            crate::fingerprint::kgram_hashes(&n.chars, PHRASE_K)[0]
        );
    }
}
