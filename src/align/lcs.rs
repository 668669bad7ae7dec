//! Two short sequences → a longest common subsequence: of characters (a
//! mask matching any), as blocks, how `check` matches a reworded sentence
//! with its source sentence when no seed of it is left; of tokens, how
//! templates find the skeleton sentences share.

use super::Block;
use crate::normalize::{Sym, MASK};

/// Do two characters match (a mask matches any)?
fn same(x: Sym, y: Sym) -> bool {
    x == y || x == MASK || y == MASK
}

/// The table of a longest common subsequence, kept between comparisons.
#[derive(Default)]
pub struct Lcs(Vec<u16>);

/// The table filled for two sequences: their common subsequence's length,
/// and its matches read back from the same table.
pub struct Filled<'t, T, F> {
    table: &'t [u16],
    x: &'t [T],
    y: &'t [T],
    same: F,
}

impl Lcs {
    /// Longest sequence compared (the table's cells are `u16`).
    pub const MAX_LEN: usize = u16::MAX as usize;

    /// Fill the table for the characters `x` and `y` (a mask matches any).
    pub fn fill<'t>(
        &'t mut self,
        x: &'t [Sym],
        y: &'t [Sym],
    ) -> Filled<'t, Sym, impl Fn(&Sym, &Sym) -> bool> {
        self.fill_by(x, y, |a: &Sym, b: &Sym| same(*a, *b))
    }

    /// Fill the table for `x` and `y`, whose items match where `same` says:
    /// cell `(i, j)` holds the length of the longest common subsequence of
    /// `x[i..]` and `y[j..]`.
    pub fn fill_by<'t, T, F: Fn(&T, &T) -> bool>(
        &'t mut self,
        x: &'t [T],
        y: &'t [T],
        same: F,
    ) -> Filled<'t, T, F> {
        assert!(x.len().min(y.len()) <= Self::MAX_LEN, "texts too long");
        let w = y.len() + 1;
        self.0.clear();
        self.0.resize((x.len() + 1) * w, 0);
        for i in (0..x.len()).rev() {
            for j in (0..y.len()).rev() {
                self.0[i * w + j] = if same(&x[i], &y[j]) {
                    self.0[(i + 1) * w + j + 1] + 1
                } else {
                    self.0[(i + 1) * w + j].max(self.0[i * w + j + 1])
                };
            }
        }
        Filled {
            table: &self.0,
            x,
            y,
            same,
        }
    }
}

impl<T, F: Fn(&T, &T) -> bool> Filled<'_, T, F> {
    /// The length of the longest common subsequence.
    pub fn length(&self) -> usize {
        self.table[0] as usize
    }

    /// The matched items of a longest common subsequence, `(i, j)` for
    /// `x[i]` and `y[j]`, in order; matches taken as early as they can be.
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        let (x, y, t) = (self.x, self.y, self.table);
        let w = y.len() + 1;
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < x.len() && j < y.len() {
            if (self.same)(&x[i], &y[j]) && t[i * w + j] == t[(i + 1) * w + j + 1] + 1 {
                out.push((i, j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    }

    /// The common subsequence of `x` (at `at_x` in its stream) and `y` (at
    /// `at_y`), as blocks, in order (see [`Filled::pairs`]).
    pub fn blocks(&self, at_x: usize, at_y: usize) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        for (i, j) in self.pairs() {
            let (a, b) = ((at_x + i) as u32, (at_y + j) as u32);
            match out.last_mut() {
                Some(l) if l.a + l.len == a && l.b + l.len == b => l.len += 1,
                _ => out.push(Block { a, b, len: 1 }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn chars(s: &str) -> Vec<Sym> {
        normalize(s).chars
    }

    #[test]
    fn the_common_subsequence_is_found_in_runs_with_masks_matching_any() {
        let (x, y) = (
            chars("统筹推进项目建设顺利推进"),
            chars("确保了项目建设顺利推进"),
        );
        let mut t = Lcs::default();
        let filled = t.fill(&x, &y);
        assert_eq!(filled.length(), 8, "项目建设顺利推进");
        let blocks = filled.blocks(100, 50);
        assert_eq!(
            blocks,
            vec![Block {
                a: 104,
                b: 53,
                len: 8
            }]
        );
        let masked = chars("******同志带头分包重大项目");
        assert_eq!(
            t.fill(&masked, &chars("王建国同志带头分包重大项目"))
                .length(),
            11,
            "the mask stands for one of the name's characters"
        );
        assert_eq!(t.fill(&x, &[]).length(), 0);
    }
}
