//! The character tables behind [`super::normalize`]: which characters the
//! Traditional → Simplified conversion may change, and which the common case
//! takes or drops without the whole way through.

use super::{counts, fold, is_mask_mark};

/// Characters that the Traditional → Simplified conversion (fast2s) may change:
/// those it changes on their own, and those it changes only beside certain others.
pub(super) struct MayConvert(Vec<u64>);

impl MayConvert {
    /// fast2s's context rules (its `special.rs`): these keep or change their
    /// form depending on the neighbouring character.
    const CONTEXTUAL: &'static str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

    pub(super) fn get() -> &'static MayConvert {
        static TABLE: std::sync::OnceLock<MayConvert> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            let mut set = |c: char| bits[c as usize / 64] |= 1 << (c as usize % 64);
            // fast2s converts only three-byte characters (U+0800..U+FFFF); each
            // is tried alone, between digits, so none sees a neighbour.
            let all: String = (0x800..=0xFFFF)
                .filter_map(char::from_u32)
                .flat_map(|c| [c, '0'])
                .collect();
            for (a, b) in all.chars().zip(fast2s::convert(&all).chars()) {
                if a != b {
                    set(a);
                }
            }
            Self::CONTEXTUAL.chars().for_each(set);
            MayConvert(bits)
        })
    }

    pub(super) fn has(&self, c: char) -> bool {
        let c = c as usize;
        c < 0x10000 && self.0[c / 64] >> (c % 64) & 1 == 1
    }
}

/// The Simplified form of the character `c` at byte `at` of `text`: what
/// `fast2s::convert(text)` puts there (it converts one character for one,
/// looking at the characters either side), without converting the whole text.
pub(super) fn simplified_at(table: &MayConvert, text: &str, at: usize, c: char) -> char {
    if !table.has(c) {
        return c;
    }
    // fast2s sees '0' beyond either end of the text.
    let prev = text[..at].chars().next_back().unwrap_or('0');
    let next = text[at + c.len_utf8()..].chars().next().unwrap_or('0');
    let window: String = [prev, c, next].iter().collect();
    fast2s::convert(&window).chars().nth(1).unwrap_or(c)
}

/// The characters of the Basic Multilingual Plane that `normalize` takes as
/// they are, or drops, whatever is around them: nearly every character of a
/// speech (the common Chinese characters, punctuation). A character is taken
/// as it is when the Traditional → Simplified conversion leaves it alone,
/// folding does not change it, it cannot start a mask (`*`, `×`, `x`, a quote)
/// and it counts; dropped when all that holds except that it does not count.
/// The rest go the whole way through `normalize`.
pub(super) struct Quick {
    taken: Vec<u64>,
    dropped: Vec<u64>,
}

impl Quick {
    pub(super) fn get() -> &'static Quick {
        static TABLE: std::sync::OnceLock<Quick> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let may = MayConvert::get();
            let mut quick = Quick {
                taken: vec![0u64; 0x10000 / 64],
                dropped: vec![0u64; 0x10000 / 64],
            };
            for c in (0..0x10000).filter_map(char::from_u32) {
                let plain = !may.has(c)
                    && fold(c) == c
                    && !is_mask_mark(c)
                    && !matches!(c, 'x' | '“' | '"');
                let bits = match (plain, counts(c)) {
                    (false, _) => continue,
                    (true, true) => &mut quick.taken,
                    (true, false) => &mut quick.dropped,
                };
                bits[c as usize / 64] |= 1 << (c as usize % 64);
            }
            quick
        })
    }

    /// `Some(true)`: `c` is taken as it is; `Some(false)`: dropped; `None`:
    /// it needs the whole way.
    pub(super) fn of(&self, c: char) -> Option<bool> {
        let c = c as usize;
        let bit = |bits: &[u64]| bits.get(c / 64).is_some_and(|w| w >> (c % 64) & 1 == 1);
        if bit(&self.taken) {
            Some(true)
        } else if bit(&self.dropped) {
            Some(false)
        } else {
            None
        }
    }
}
