//! The jieba dictionary, cut down to the words a given text can contain.
//!
//! Loading all 349 046 words of jieba's dictionary into jieba-rs takes 100–200 ms,
//! longer than a whole scan of a small compilation. A word can only be found in
//! a text if each pair of neighbouring characters in it occurs in the text, so
//! for a small input only those words are loaded (about 40 000 for the seed
//! compilation), plus one placeholder word no text can contain that carries the
//! frequency of the words left out: the dictionary's total, which scales every
//! word's probability in jieba's route, stays the same, and so does every cut.
//! `jieba-dict.txt` is jieba-rs 0.11's default dictionary (MIT, from
//! github.com/messense/jieba-rs, originally fxsjy/jieba) with the tags dropped.

use crate::FastSet;

/// jieba's default dictionary: `word frequency` per line.
const DICT: &str = include_str!("jieba-dict.txt");

/// The sum of the frequencies in [`DICT`] (checked by a test).
const TOTAL_FREQ: u64 = 60_101_964;

/// A character in Unicode's private use area: never in a text jieba cuts into
/// words, so the placeholder it names is never matched.
const PLACEHOLDER: char = '\u{E000}';

/// Pairs of neighbouring characters, and single characters, of a set of texts.
#[derive(Default)]
pub struct CharPairs {
    singles: FastSet<char>,
    pairs: FastSet<u64>,
}

fn pair(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

impl CharPairs {
    /// Record the characters of `text`.
    pub fn add(&mut self, text: &str) {
        let mut prev: Option<char> = None;
        for c in text.chars() {
            self.singles.insert(c);
            if let Some(p) = prev {
                self.pairs.insert(pair(p, c));
            }
            prev = Some(c);
        }
    }

    /// Can `word` occur in the recorded texts?
    fn may_hold(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(mut prev) = chars.next() else {
            return false;
        };
        let mut single = true;
        for c in chars {
            single = false;
            if !self.pairs.contains(&pair(prev, c)) {
                return false;
            }
            prev = c;
        }
        !single || self.singles.contains(&prev)
    }
}

/// A jieba-rs segmenter with the words that may occur in the recorded texts,
/// and the placeholder that keeps the dictionary's total.
pub fn subset(seen: &CharPairs) -> jieba_rs::Jieba {
    let mut jieba = jieba_rs::Jieba::empty();
    let mut kept: u64 = 0;
    for line in DICT.lines() {
        let Some((word, freq)) = line.split_once(' ') else {
            continue;
        };
        if seen.may_hold(word) {
            let freq = freq.parse::<usize>().unwrap_or(0);
            kept += freq as u64;
            jieba.add_word(word, Some(freq), None);
        }
    }
    let rest = TOTAL_FREQ.saturating_sub(kept) as usize;
    jieba.add_word(&PLACEHOLDER.to_string(), Some(rest), None);
    jieba
}

/// The words of two or three characters of jieba's dictionary used at least
/// `min_freq` times (its corpus counts; the dictionary also holds rare
/// strings such as `结在`, 3) for which `keep` holds.
#[cfg(test)]
pub fn common_words(min_freq: u64, keep: impl Fn(&str) -> bool) -> FastSet<String> {
    DICT.lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(w, f)| {
            (2..=3).contains(&w.chars().count())
                && keep(w)
                && f.parse::<u64>().is_ok_and(|f| f >= min_freq)
        })
        .map(|(w, _)| w.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_is_the_sum_of_the_dictionary() {
        let sum: u64 = DICT
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(_, f)| f.parse::<u64>().unwrap())
            .sum();
        assert_eq!(sum, TOTAL_FREQ);
        assert_eq!(DICT.lines().count(), 349_045);
    }

    #[test]
    fn only_words_whose_neighbours_occur_are_kept() {
        let mut seen = CharPairs::default();
        seen.add("全面从严治党");
        assert!(seen.may_hold("从严治党"));
        assert!(seen.may_hold("党"));
        assert!(!seen.may_hold("治理"));
        assert!(!seen.may_hold("严党"));
        let sub = subset(&seen);
        assert!(sub.has_word("从严治党") && sub.has_word("治党"));
        assert!(!sub.has_word("我们"));
        let total = jieba_rs::Jieba::new().suggest_freq("从严治党");
        let common = common_words(100, |w| w.ends_with('在'));
        assert!(common.contains("现在") && common.contains("存在"));
        assert!(!common.contains("结在"), "a rare string of the dictionary");
        assert_eq!(sub.suggest_freq("从严治党"), total);
    }
}
