//! Where each normalised character came from in the input, in a little over two
//! bytes a character (a plain start and end offset would take eight).
//!
//! A character's start is kept as its step from the previous character's start
//! (one byte), with the full offset of every [`BLOCK`]-th character as a mark;
//! its length in the input is one byte too. Steps and lengths that do not fit in
//! a byte sit in side tables, ascending by character.

/// Characters between two marks.
const BLOCK: usize = 32;
/// A step or length kept in a side table.
const FAR: u8 = u8::MAX;

/// The input byte range of every character of a normalised stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offsets {
    /// Start of characters `0, BLOCK, 2 × BLOCK, …`.
    marks: Vec<u32>,
    /// Bytes from the previous character's start to this one's (0 at a mark).
    steps: Vec<u8>,
    /// `(index, start)` of the characters whose step is [`FAR`].
    far: Vec<(u32, u32)>,
    /// Bytes of input behind each character.
    lens: Vec<u8>,
    /// `(index, end)` of the characters whose length is [`FAR`].
    long: Vec<(u32, u32)>,
    /// Start of the last character.
    last: u32,
}

impl Offsets {
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// Room for `n` more characters.
    pub fn reserve(&mut self, n: usize) {
        self.steps.reserve(n);
        self.lens.reserve(n);
        self.marks.reserve(n / BLOCK + 1);
    }

    /// Add a character from input `start..end` (after the last one's start).
    pub fn push(&mut self, start: u32, end: u32) {
        let i = self.len();
        if i.is_multiple_of(BLOCK) {
            self.marks.push(start);
            self.steps.push(0);
        } else {
            let step = start - self.last;
            if step < FAR as u32 {
                self.steps.push(step as u8);
            } else {
                self.steps.push(FAR);
                self.far.push((i as u32, start));
            }
        }
        self.last = start;
        self.lens.push(0);
        self.set_last_end(end);
    }

    /// Move the end of the last character to `end`.
    pub fn set_last_end(&mut self, end: u32) {
        let i = self.len() - 1;
        let n = end - self.last;
        if self.lens[i] == FAR {
            self.long.pop();
        }
        if n < FAR as u32 {
            self.lens[i] = n as u8;
        } else {
            self.lens[i] = FAR;
            self.long.push((i as u32, end));
        }
    }

    /// Where the last character ends.
    pub fn last_end(&self) -> Option<u32> {
        let i = self.len().checked_sub(1)?;
        Some(self.end_from(i, self.last))
    }

    /// Start loading what [`Offsets::range`] reads for character `i`.
    pub fn prefetch(&self, i: usize) {
        crate::prefetch(&self.marks, i / BLOCK);
        crate::prefetch(&self.steps, i);
        crate::prefetch(&self.lens, i);
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
        for k in first + 1..stop {
            s = self.next_start(k, s);
            if s as usize >= offset {
                return k;
            }
        }
        stop
    }

    /// Start of character `to`, given the start `s` of an earlier (or the
    /// same) character `from` of its block: the steps between summed, from the
    /// last one kept in the side table if there is one.
    fn walk(&self, from: usize, s: u32, to: usize) -> u32 {
        let steps = &self.steps[from + 1..=to];
        if !self.far.is_empty() {
            if let Some(k) = steps.iter().rposition(|&n| n == FAR) {
                return side(&self.far, from + 1 + k) + sum(&steps[k + 1..]);
            }
        }
        s + sum(steps)
    }

    /// Start of character `k`, given the start `s` of character `k - 1`.
    fn next_start(&self, k: usize, s: u32) -> u32 {
        match self.steps[k] {
            FAR => side(&self.far, k),
            n => s + n as u32,
        }
    }

    /// End of character `i`, which starts at `s`.
    fn end_from(&self, i: usize, s: u32) -> u32 {
        match self.lens[i] {
            FAR => side(&self.long, i),
            n => s + n as u32,
        }
    }
}

/// The bytes of a run of steps.
fn sum(steps: &[u8]) -> u32 {
    steps.iter().map(|&n| n as u32).sum()
}

/// The value a side table holds for character `i`.
fn side(table: &[(u32, u32)], i: usize) -> u32 {
    let at = table.partition_point(|&(j, _)| (j as usize) < i);
    table[at].1
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
            let gap = [0, 1, 3, 254, 255, 300][i as usize % 6];
            let len = [3, 1, 255, 700, 2][i as usize % 5];
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
}
