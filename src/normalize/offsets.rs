//! Where each normalised character came from in the input, in a little over one
//! byte a character (a plain start and end offset would take eight).
//!
//! A character's code byte holds its length in the input (1 to 4 bytes, one
//! UTF-8 character) and the gap since the previous character's end (up to
//! [`MAX_GAP`] bytes of punctuation and whitespace), so a start is the sum of
//! the lengths and gaps since the last mark: the full offset of every
//! [`BLOCK`]-th character. A character whose length or gap does not fit (a
//! joined mask like `******`, a long run of punctuation) is [`FAR`]: its start
//! and end sit in a side table, ascending by character.

/// Characters between two marks.
const BLOCK: usize = 32;
/// The code of a character kept in the side table.
const FAR: u8 = u8::MAX;
/// The longest gap a code holds (six bits; the top code is [`FAR`]).
const MAX_GAP: u32 = 62;
/// The longest input a code holds: one UTF-8 character.
const MAX_LEN: u32 = 4;

/// The code of a character of `len` input bytes, `gap` bytes after the
/// previous one (`None` when it does not fit).
fn code(gap: u32, len: u32) -> Option<u8> {
    (gap <= MAX_GAP && (1..=MAX_LEN).contains(&len)).then(|| (gap << 2 | (len - 1)) as u8)
}

/// The input length of a character that is not [`FAR`].
fn len_of(c: u8) -> u32 {
    (c & 3) as u32 + 1
}

/// The gap before a character that is not [`FAR`].
fn gap_of(c: u8) -> u32 {
    (c >> 2) as u32
}

/// The input byte range of every character of a normalised stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offsets {
    /// Start of characters `0, BLOCK, 2 × BLOCK, …`.
    marks: Vec<u32>,
    /// Each character's length and gap (the gap of a character at a mark is 0).
    codes: Vec<u8>,
    /// `(index, start, end)` of the characters whose code is [`FAR`].
    far: Vec<(u32, u32, u32)>,
    /// Start and end of the last character.
    last: (u32, u32),
}

impl Offsets {
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Room for `n` more characters.
    pub fn reserve(&mut self, n: usize) {
        self.codes.reserve(n);
        self.marks.reserve(n / BLOCK + 1);
    }

    /// Add a character from input `start..end` (after the last one's end).
    pub fn push(&mut self, start: u32, end: u32) {
        let i = self.len();
        let gap = if i.is_multiple_of(BLOCK) {
            self.marks.push(start);
            0
        } else {
            start - self.last.1
        };
        let c = self.code_or_far(i, gap, start, end);
        self.codes.push(c);
        self.last = (start, end);
    }

    /// The code of character `i`, or [`FAR`] with the character put in the
    /// side table.
    fn code_or_far(&mut self, i: usize, gap: u32, start: u32, end: u32) -> u8 {
        code(gap, end - start).unwrap_or_else(|| {
            self.far.push((i as u32, start, end));
            FAR
        })
    }

    /// Move the end of the last character to `end`.
    pub fn set_last_end(&mut self, end: u32) {
        let i = self.len() - 1;
        match self.codes[i] {
            FAR => {
                if let Some(far) = self.far.last_mut() {
                    far.2 = end;
                }
            }
            c => {
                let c = self.code_or_far(i, gap_of(c), self.last.0, end);
                self.codes[i] = c;
            }
        }
        self.last.1 = end;
    }

    /// Where the last character ends.
    pub fn last_end(&self) -> Option<u32> {
        (!self.codes.is_empty()).then_some(self.last.1)
    }

    /// Byte offset where character `i` starts.
    pub fn start(&self, i: usize) -> u32 {
        let first = i / BLOCK * BLOCK;
        self.walk(first, self.marks[i / BLOCK], i)
    }

    /// Byte range of characters `from..=last`: one walk when both are in
    /// one block.
    pub fn range(&self, from: usize, last: usize) -> (u32, u32) {
        let start = self.start(from);
        let last_start = if last / BLOCK == from / BLOCK {
            self.walk(from, start, last)
        } else {
            self.start(last)
        };
        (start, self.end_from(last, last_start))
    }

    /// Byte offset where character `i` ends.
    pub fn end(&self, i: usize) -> u32 {
        self.end_from(i, self.start(i))
    }

    /// The number of characters that start before byte `offset`.
    pub fn starting_before(&self, offset: usize) -> usize {
        let b = self.marks.partition_point(|&s| (s as usize) < offset);
        if b == 0 {
            return 0;
        }
        let first = (b - 1) * BLOCK;
        let stop = (first + BLOCK).min(self.len());
        let mut s = self.marks[b - 1];
        let mut e = self.end_from(first, s);
        for k in first + 1..stop {
            (s, e) = match self.codes[k] {
                FAR => side(&self.far, k),
                c => (e + gap_of(c), e + gap_of(c) + len_of(c)),
            };
            if s as usize >= offset {
                return k;
            }
        }
        stop
    }

    /// Start of character `to`, given the start `s` of an earlier (or the
    /// same) character `from` of its block: the lengths and gaps between
    /// summed, from the last character in the side table if there is one.
    fn walk(&self, from: usize, s: u32, to: usize) -> u32 {
        if from == to {
            return s;
        }
        let codes = &self.codes[from..=to];
        let far = if self.far.is_empty() {
            None
        } else {
            codes.iter().rposition(|&c| c == FAR)
        };
        let (end, rest) = match far {
            Some(k) if k + 1 == codes.len() => return side(&self.far, to).0,
            Some(k) => (side(&self.far, from + k).1, &codes[k + 1..]),
            None => (s + len_of(codes[0]), &codes[1..]),
        };
        end + gaps_and_lens(rest)
    }

    /// End of character `i`, which starts at `s`.
    fn end_from(&self, i: usize, s: u32) -> u32 {
        match self.codes[i] {
            FAR => side(&self.far, i).1,
            c => s + len_of(c),
        }
    }
}

/// From the end of the character before `codes` to the start of the last of
/// them: every gap, and every length but the last (none is [`FAR`]).
fn gaps_and_lens(codes: &[u8]) -> u32 {
    let Some((_, before)) = codes.split_last() else {
        return 0;
    };
    let gaps: u32 = codes.iter().map(|&c| gap_of(c)).sum();
    let lens: u32 = before.iter().map(|&c| len_of(c)).sum();
    gaps + lens
}

/// Start and end of character `i`, from the side table.
fn side(table: &[(u32, u32, u32)], i: usize) -> (u32, u32) {
    let at = table.partition_point(|&(j, _, _)| (j as usize) < i);
    (table[at].1, table[at].2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_range_comes_back_across_marks_and_side_tables() {
        // Steps and lengths of every size, past several marks.
        let mut want = Vec::new();
        let mut at = 0u32;
        for i in 0..200u32 {
            // Codes hold gaps to 62 and lengths to 4; the rest go far.
            let gap = [0, 1, 3, 62, 63, 254, 255, 300][i as usize % 8];
            let len = [3, 1, 255, 700, 2, 4, 5][i as usize % 7];
            want.push((at + gap, at + gap + len));
            at += gap + len;
        }
        let mut o = Offsets::default();
        for &(s, e) in &want {
            o.push(s, e);
        }
        for (i, &(s, e)) in want.iter().enumerate() {
            assert_eq!((o.start(i), o.end(i)), (s, e), "character {i}");
            assert_eq!(o.starting_before(s as usize), i);
            assert_eq!(o.starting_before(s as usize + 1), i + 1);
        }
        for from in 0..200 {
            for last in from..(from + 70).min(200) {
                assert_eq!(o.range(from, last), (want[from].0, want[last].1));
            }
        }
        assert_eq!(o.last_end(), Some(want[199].1));
        o.set_last_end(want[199].1 + 1000);
        assert_eq!(o.end(199), want[199].1 + 1000);
        assert_eq!(o.starting_before(usize::MAX), 200);
    }

    #[test]
    fn a_joined_mask_grows_into_the_side_table_and_back_out_of_reach() {
        // A character that fits a code, grown past four bytes, then grown again.
        let mut o = Offsets::default();
        o.push(0, 3);
        o.push(5, 8);
        o.set_last_end(11);
        assert_eq!(o.far.len(), 1);
        o.set_last_end(20);
        o.push(23, 26);
        assert_eq!(o.far.len(), 1);
        assert_eq!(o.range(0, 2), (0, 26));
        assert_eq!((o.start(1), o.end(1)), (5, 20));
        assert_eq!((o.start(2), o.end(2)), (23, 26));
        assert_eq!(o.starting_before(21), 2);
        assert_eq!(o.last_end(), Some(26));
    }
}
