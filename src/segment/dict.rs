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
    for (word, freq) in subset_words(seen) {
        kept += freq as u64;
        jieba.add_word(word, Some(freq), None);
    }
    let rest = TOTAL_FREQ.saturating_sub(kept) as usize;
    jieba.add_word(&PLACEHOLDER.to_string(), Some(rest), None);
    jieba
}

/// Up to the first eight bytes of `b`, big-endian and padded with zeros:
/// for strings without NUL bytes none of which begins another, the order
/// of these numbers is the order of the strings.
fn pack(b: &[u8]) -> u64 {
    let mut x = [0u8; 8];
    let n = b.len().min(8);
    x[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(x)
}

/// The words of [`DICT`] that may occur in the recorded texts, with their
/// frequencies, in the dictionary's order.
///
/// The dictionary is sorted by bytes (checked by a test), so the words that
/// begin with one pair of characters, or that are one character, stand
/// together, and one pass beside the sorted pairs and singles of the texts
/// finds them with a comparison of two numbers a line: only the words found
/// there are checked (about 40 000 of the 349 045 for the seed), where
/// parsing and checking every line took most of the time of loading a
/// cut-down dictionary.
fn subset_words(seen: &CharPairs) -> Vec<(&'static str, usize)> {
    // Each key: its bytes packed (see `pack`) and how many there are. A
    // pair with a control character in it begins no word.
    let key = |a: char, b: char| {
        let mut buf = [0u8; 8];
        let n = a.encode_utf8(&mut buf).len();
        let n = n + b.encode_utf8(&mut buf[n..]).len();
        (a >= ' ' && b >= ' ').then(|| (pack(&buf[..n]), n))
    };
    let mut keys: Vec<(u64, usize)> = seen
        .pairs
        .iter()
        .filter_map(|&p| key(char::from_u32((p >> 32) as u32)?, char::from_u32(p as u32)?))
        .chain(seen.singles.iter().filter_map(|&c| key(c, ' ')))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // One pass over the dictionary beside the sorted keys: each step passes
    // a line or a key.
    let bytes = DICT.as_bytes();
    let mut out = Vec::new();
    let (mut at, mut k) = (0, 0);
    'lines: for end in memchr::memchr_iter(b'\n', bytes) {
        // The line's first eight bytes. Those past its end do not count: a
        // line shorter than a key differs from it at its space, if not before.
        let head = match bytes.get(at..at + 8) {
            Some(b) => u64::from_be_bytes(b.try_into().unwrap_or_default()),
            None => pack(&bytes[at..end]),
        };
        loop {
            let Some(&(key, n)) = keys.get(k) else {
                break 'lines;
            };
            match (head & (!0u64 << (8 * (8 - n)))).cmp(&key) {
                std::cmp::Ordering::Less => break,
                std::cmp::Ordering::Greater => k += 1,
                std::cmp::Ordering::Equal => {
                    if let Some((word, freq)) = DICT[at..end].split_once(' ') {
                        if seen.may_hold(word) {
                            out.push((word, freq.parse::<usize>().unwrap_or(0)));
                        }
                    }
                    break;
                }
            }
        }
        at = end + 1;
    }
    out
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
    fn the_dictionary_is_sorted_so_the_words_of_a_pair_stand_together() {
        let lines: Vec<&str> = DICT.lines().collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(!DICT.contains('\0') && DICT.ends_with('\n'));
    }

    /// The words a pass over every line of the dictionary keeps.
    fn full_pass(seen: &CharPairs) -> Vec<(&'static str, usize)> {
        DICT.lines()
            .filter_map(|l| l.split_once(' '))
            .filter(|(w, _)| seen.may_hold(w))
            .map(|(w, f)| (w, f.parse().unwrap()))
            .collect()
    }

    #[test]
    fn the_looked_up_words_are_the_words_a_full_pass_keeps() {
        let mut seen = CharPairs::default();
        let seed = include_str!("../../corpus/kaifaqu-19.txt");
        // The seed, a text with ASCII, digits and tabs, and a line that is
        // only one character.
        for t in [seed, "AI与5G\t融合，2023年x光机。", "党"] {
            seen.add(t);
        }
        let found = subset_words(&seen);
        assert!(found.len() > 10_000, "{}", found.len());
        assert_eq!(found, full_pass(&seen));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Texts made of dictionary words (whole, cut short or run
        /// together) and other characters.
        #[test]
        fn any_text_gets_the_words_a_full_pass_keeps(
            picks in proptest::collection::vec((0usize..349_045, 0usize..4, "[a-zA-Z0-9 ，。\t\u{4e00}-\u{9fa5}]{0,3}"), 0..60)
        ) {
            let lines: Vec<&str> = DICT.lines().collect();
            let text: String = picks
                .iter()
                .map(|&(i, cut, ref glue)| {
                    let word = lines[i].split(' ').next().unwrap();
                    let keep = word.chars().count().saturating_sub(cut).max(1);
                    word.chars().take(keep).collect::<String>() + glue
                })
                .collect();
            let mut seen = CharPairs::default();
            seen.add(&text);
            proptest::prop_assert_eq!(subset_words(&seen), full_pass(&seen));
        }
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
