//! A candidate phrase no two speeches hold whole → the part of it that two do.
//!
//! A candidate is a stretch of one speech whose k-grams are each held by
//! enough speeches, but not always by the same ones: a passage two speeches
//! share (`贯彻落实习近平总书记重要讲话重要指示`) may run on in one of them
//! into wording it shares with a third (`全面…`), and in the other into
//! wording shared with the third on the other side (`…精神`). The stretch
//! then stands whole in no second speech, and the passage the two share was
//! lost. Its core is what another speech holds around the candidate's
//! rarest k-gram.

use super::PHRASE_K;
use crate::normalize::{Normalized, Sym};
use std::ops::Range;

/// The longest stretch of `k` around its k-gram at `shift` that a speech of
/// another group than `own` holds, from `places` (speech, start of that
/// k-gram in it; `group[d]` is `d`'s group), if it is shorter than `k`.
pub(super) fn shared_core(
    k: &[Sym],
    shift: usize,
    places: impl Iterator<Item = (usize, usize)>,
    norms: &[&Normalized],
    (own, group): (usize, &[usize]),
) -> Option<Range<usize>> {
    let gram = k.get(shift..shift + PHRASE_K)?;
    let mut best: Option<Range<usize>> = None;
    for (d, p) in places.filter(|&(d, _)| group[d] != own) {
        let text = &norms[d].chars;
        if text.get(p..p + PHRASE_K) != Some(gram) {
            continue;
        }
        let left = (1..=shift.min(p))
            .take_while(|&i| k[shift - i] == text[p - i])
            .count();
        let right = (0..(k.len() - shift - PHRASE_K).min(text.len() - p - PHRASE_K))
            .take_while(|&j| k[shift + PHRASE_K + j] == text[p + PHRASE_K + j])
            .count();
        let r = shift - left..shift + PHRASE_K + right;
        if best.as_ref().is_none_or(|b| r.len() > b.len()) {
            best = Some(r);
        }
    }
    best.filter(|r| r.len() < k.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn the_core_is_what_another_speech_holds_around_the_rarest_gram() {
        let texts = [
            "甲乙全面贯彻落实习近平总书记重要讲话重要指示丙丁",
            "戊己贯彻落实习近平总书记重要讲话重要指示精神庚",
            "全面贯彻落实习近平总书记辛壬重要讲话重要指示精神",
        ];
        let norms: Vec<Normalized> = texts.iter().map(|t| normalize(t)).collect();
        let norms: Vec<&Normalized> = norms.iter().collect();
        // The candidate of the first: all its k-grams are held twice.
        let k = &norms[0].chars[2..22];
        // Its k-gram 总书记重要讲话重 (at 8) only the second speech holds too.
        let shift = 8;
        let at = |d: usize| {
            let gram = &k[shift..shift + PHRASE_K];
            norms[d].chars.windows(PHRASE_K).position(|w| w == gram)
        };
        assert_eq!(at(2), None);
        let places = [(0, at(0).unwrap()), (1, at(1).unwrap())];
        let core = shared_core(k, shift, places.into_iter(), &norms, (0, &[0, 1, 2]));
        let core = core.expect("a core");
        let text: String = k[core]
            .iter()
            .map(|&c| crate::normalize::sym_char(c))
            .collect();
        assert_eq!(text, "贯彻落实习近平总书记重要讲话重要指示");
        // The candidate held whole by another speech has no core.
        let whole = &norms[1].chars[2..20];
        let places = [(0, at(0).unwrap()), (1, at(1).unwrap())];
        let shift = 6;
        assert_eq!(
            shared_core(whole, shift, places.into_iter(), &norms, (1, &[0, 1, 2])),
            None
        );
    }
}
