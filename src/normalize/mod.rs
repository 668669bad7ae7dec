//! Text → the character stream that matching works on, with a map back.
//!
//! Input: a speech's text. Output: [`Normalized`], the letters and digits of the
//! text after width folding (full-width → half-width, NFKC-style), ASCII case
//! folding and Traditional → Simplified conversion, with punctuation and
//! whitespace dropped (the 查重 convention: only characters count). Masks that
//! sites and writers use to hide names (`******`, `***`, `xx`, `××`, an empty
//! `“”`) become one [`MASK`] character that alignment lets match any text.
//!
//! Invariant: `start(i) < end(i) <= start(i + 1)`, both on character
//! boundaries of the input; `text[start(i)..end(i)]` is what `chars[i]` came from.

mod markup;
mod offsets;
mod tables;

use offsets::Offsets;
use tables::{simplified_at, MayConvert, Quick};

/// One normalised character as matching sees it, in two bytes: its code point
/// when that is in the Basic Multilingual Plane (all the Chinese of speeches,
/// Latin, digits), else one of the private-use codes after [`MASK`], picked by
/// the code point (two rare characters outside the plane may then match).
pub type Sym = u16;

/// The one mask symbol (a private-use character; input private-use characters
/// do not count, so none reaches the stream).
pub const MASK: Sym = 0xE000;

/// Private-use codes for characters outside the Basic Multilingual Plane.
const FOLDED: std::ops::RangeInclusive<u32> = 0xE001..=0xF8FF;

/// The symbol of a counting character.
pub fn sym(c: char) -> Sym {
    let c = c as u32;
    match Sym::try_from(c) {
        Ok(s) => s,
        Err(_) => (FOLDED.start() + c % (FOLDED.end() - FOLDED.start() + 1)) as Sym,
    }
}

/// The character a symbol stands for (a folded one as its private-use code,
/// the mask as U+E000).
pub fn sym_char(s: Sym) -> char {
    char::from_u32(s as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The normalised character stream of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The characters that count, one [`Sym`] each.
    pub chars: Vec<Sym>,
    /// Where each character came from in the input.
    offsets: Offsets,
}

impl Normalized {
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when nothing counts.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Byte range in the input of characters `from..to` (`to` exclusive, non-empty).
    pub fn byte_range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let (start, end) = self.offsets.range(from, to - 1);
        start as usize..end as usize
    }

    /// Byte offset in the input where character `i` ends.
    pub fn end(&self, i: usize) -> u32 {
        self.offsets.end(i)
    }

    /// The number of characters that start before byte `offset`.
    pub fn starting_before(&self, offset: usize) -> usize {
        self.offsets.starting_before(offset)
    }

    /// The first character that ends after byte `offset` (`len()` if none does).
    pub fn first_ending_after(&self, offset: usize) -> usize {
        // Every character from the first that starts at or after `offset` on
        // ends after it, and of those before only the last can.
        let j = self.starting_before(offset);
        if j > 0 && self.end(j - 1) as usize > offset {
            j - 1
        } else {
            j
        }
    }

    /// Add `c`, which came from input `start..end`; a mask right after a mask
    /// joins it.
    fn push(&mut self, c: Sym, start: usize, end: usize) {
        if c == MASK
            && self.chars.last() == Some(&MASK)
            && self.offsets.last_end() == Some(start as u32)
        {
            self.offsets.set_last_end(end as u32);
            return;
        }
        self.chars.push(c);
        self.offsets.push(start as u32, end as u32);
    }

    /// Add `c` (not a mask), which came from input `start..end`.
    fn push_plain(&mut self, c: Sym, start: usize, end: usize) {
        self.chars.push(c);
        self.offsets.push(start as u32, end as u32);
    }

    /// The normalised characters `from..to` as a string (masks as `*`).
    pub fn string(&self, from: usize, to: usize) -> String {
        self.shown(from, to).collect()
    }

    /// The normalised characters `from..to`, masks as `*`.
    pub fn shown(&self, from: usize, to: usize) -> impl Iterator<Item = char> + '_ {
        self.chars[from..to]
            .iter()
            .map(|&c| if c == MASK { '*' } else { sym_char(c) })
    }
}

/// Fold one character: full width → half width, ASCII lower case, a
/// Kangxi or CJK radical → the ideograph it looks like (`⾼` U+2FBC → `高`:
/// swapping characters for these look-alikes is a known way to dodge 查重).
pub fn fold(c: char) -> char {
    let c = look_alike(c);
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// A Kangxi or CJK radical as the ideograph it looks like; any other
/// character as it is.
fn look_alike(c: char) -> char {
    match c as u32 {
        0x2E80..=0x2FDF => radical(c),
        _ => c,
    }
}

/// The ideograph a radical stands for (its compatibility decomposition,
/// when that is one character), else the radical.
fn radical(c: char) -> char {
    let mut out: Option<char> = None;
    let mut n = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        out = Some(d);
        n += 1;
    });
    match (n, out) {
        (1, Some(d)) if d != c => d,
        _ => c,
    }
}

fn is_mask_mark(c: char) -> bool {
    matches!(c, '*' | '×' | '✕' | '╳')
}

/// Normalise `text`.
pub fn normalize(text: &str) -> Normalized {
    normalize_with(text, Some(Quick::get()))
}

/// Normalise `text`, taking the characters `quick` knows the short way.
fn normalize_with(text: &str, quick: Option<&Quick>) -> Normalized {
    let table = MayConvert::get();
    let mut out = Normalized::default();
    let expect = text.len() / 3;
    out.chars.reserve(expect);
    out.offsets.reserve(expect);
    let mut iter = text.char_indices().peekable();
    while let Some((at, orig)) = iter.next() {
        // HTML left in the text: a tag is dropped, a reference read as its
        // character (see [`markup`]).
        if orig == '<' || orig == '&' {
            if let Some((len, stands_for)) = markup::markup_at(text, at) {
                while iter.peek().is_some_and(|&(i, _)| i < at + len) {
                    iter.next();
                }
                // (Read alone: its neighbours are markup.)
                let alone = |c: char| simplified_at(table, c.encode_utf8(&mut [0; 4]), 0, c);
                let c = stands_for.map(|c| fold(alone(c)));
                if let Some(c) = c.filter(|&c| counts(c) && !is_mask_mark(c)) {
                    out.push_plain(sym(c), at, at + len);
                }
                continue;
            }
        }
        match quick.and_then(|q| q.of(orig)) {
            Some(true) => {
                out.push_plain(orig as Sym, at, at + orig.len_utf8());
                continue;
            }
            Some(false) => continue,
            None => {}
        }
        // A radical is read as its ideograph before the script is
        // converted (`⾨` is 門 is 门); both take three bytes.
        let c = fold(simplified_at(table, text, at, look_alike(orig)));
        let mut end = at + orig.len_utf8();
        // Runs of mask marks, `xx`/`XX` and an empty pair of quotes become one MASK.
        let run_of = |first: char| -> Option<fn(char) -> bool> {
            if is_mask_mark(first) {
                Some(is_mask_mark)
            } else if first == 'x' {
                Some(|c: char| fold(c) == 'x')
            } else {
                None
            }
        };
        if let Some(same) = run_of(c) {
            let mut n = 1;
            while let Some(&(at2, o2)) = iter.peek() {
                if !same(o2) {
                    break;
                }
                end = at2 + o2.len_utf8();
                n += 1;
                iter.next();
            }
            let is_mask = if c == 'x' {
                n >= 2
                    && !ascii_letter_before(text, at)
                    && !iter.peek().is_some_and(|&(_, o)| o.is_ascii_alphabetic())
            } else {
                n >= 2
                    || c == '×'
                        && out
                            .chars
                            .last()
                            .is_none_or(|&p| !sym_char(p).is_ascii_digit())
            };
            if is_mask {
                out.push(MASK, at, end);
            } else if c == 'x' {
                // (a full-width `ｘ` is three bytes: map each to its whole character)
                for (k, ch) in text[at..end].char_indices() {
                    out.push(sym('x'), at + k, at + k + ch.len_utf8());
                }
            }
            continue;
        }
        if matches!(orig, '“' | '"') && iter.peek().is_some_and(|&(_, o)| matches!(o, '”' | '"'))
        {
            let (at2, o2) = iter.next().expect("peeked");
            out.push(MASK, at, at2 + o2.len_utf8());
            continue;
        }
        if counts(c) {
            out.push(sym(c), at, end);
        }
    }
    out
}

/// Does `c` count (a letter or digit)? The common CJK block is tested first, as the
/// general Unicode lookup is slow and nearly every character is in it.
pub fn counts(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}') || c.is_alphanumeric()
}

fn ascii_letter_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests;
