//! Passages cut where the draft starts a paragraph with letters or digits of
//! its own: the numbers of a list (`2.`, `（二）`) or the cells of a table row
//! between copied items. The aligner takes a few characters that only one
//! side has as an edit inside a passage, so without the cut a list of copied
//! sentences would count its numbers as copied.

use crate::align::Chain;
use crate::normalize::Sym;
use std::ops::Range;

/// Longest gap looked into (the aligner's edits are shorter).
const MAX_GAP: usize = 64;

/// Which characters of `a` have no counterpart in `b` by the fewest edits
/// (a changed character is one edit, as is one only `a` or `b` has); of
/// alignments as good, the one with the changed characters last.
fn inserted(a: &[Sym], b: &[Sym]) -> Vec<bool> {
    let (n, m) = (a.len(), b.len());
    // cost[i][j]: edits between a[i..] and b[j..].
    let mut cost = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            cost[i][j] = match (i < n, j < m) {
                (false, _) => (m - j) as u32,
                (true, false) => (n - i) as u32,
                (true, true) => {
                    let diag = cost[i + 1][j + 1] + u32::from(a[i] != b[j]);
                    diag.min(cost[i + 1][j] + 1).min(cost[i][j + 1] + 1)
                }
            };
        }
    }
    // From the front, an extra character of `a` first when it is as good.
    let mut out = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n {
        if j == m || cost[i][j] == cost[i + 1][j] + 1 {
            out[i] = true;
            i += 1;
        } else if cost[i][j] == cost[i + 1][j + 1] + u32::from(a[i] != b[j]) {
            i += 1;
            j += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// `ch` (a passage of draft `a` and source `b`) cut wherever, between two
/// of its blocks, the draft has characters the source lacks next to a
/// paragraph start of the draft (`starts`, sorted), some of them letters or
/// digits (`own`). One chain per piece, without those characters; the
/// changed characters beside them stay copied.
pub(super) fn cut_at_own_starts(
    ch: &Chain,
    (a, b): (&[Sym], &[Sym]),
    starts: &[usize],
    own: impl Fn(Range<usize>) -> bool,
) -> Vec<Chain> {
    let holes: Vec<Range<usize>> = ch
        .blocks
        .windows(2)
        .filter_map(|w| {
            let ga = (w[0].a + w[0].len) as usize..w[1].a as usize;
            let gb = (w[0].b + w[0].len) as usize..w[1].b as usize;
            let start = *starts.get(starts.partition_point(|&s| s < ga.start))?;
            if ga.len() <= gb.len() || !ga.contains(&start) || ga.len() > MAX_GAP {
                return None;
            }
            // The run of the draft's extra characters at the start.
            let extra = inserted(&a[ga.clone()], &b[gb]);
            let at = start - ga.start;
            let from = extra[..at].iter().rposition(|&x| !x).map_or(0, |i| i + 1);
            let to = extra[at..]
                .iter()
                .position(|&x| !x)
                .map_or(extra.len(), |i| at + i);
            let hole = ga.start + from..ga.start + to;
            (!hole.is_empty() && own(hole.clone())).then_some(hole)
        })
        .collect();
    if holes.is_empty() {
        return vec![ch.clone()];
    }
    let a_spans = ch
        .a_spans
        .iter()
        .flat_map(|r| {
            let mut pieces = Vec::new();
            let mut from = r.start;
            for h in holes
                .iter()
                .filter(|h| h.start >= r.start && h.end <= r.end)
            {
                pieces.push(from..h.start);
                from = h.end;
            }
            pieces.push(from..r.end);
            pieces.into_iter().filter(|p| !p.is_empty())
        })
        .collect();
    let punched = Chain {
        a_spans,
        ..ch.clone()
    };
    punched.split_a(|gap| holes.contains(&gap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Block;

    /// A chain of two blocks of 10: at 0 in both texts, and at `a` and `b`.
    fn two_blocks(a: u32, b: u32) -> Chain {
        let block = |a, b| Block { a, b, len: 10 };
        Chain {
            blocks: vec![block(0, 0), block(a, b)],
            a_spans: std::iter::once(0..a as usize + 10).collect(),
            b_spans: std::iter::once(0..b as usize + 10).collect(),
            matched: 20,
        }
    }

    fn a_spans(pieces: &[Chain]) -> Vec<Vec<Range<usize>>> {
        pieces.iter().map(|c| c.a_spans.clone()).collect()
    }

    /// A text of the given parts.
    fn text(parts: &[&[Sym]]) -> Vec<Sym> {
        parts.concat()
    }

    #[test]
    fn a_list_number_between_two_copied_items_cuts_the_passage() {
        // Draft: 10 copied characters, "2." (2 own characters starting a
        // paragraph at 10), 10 copied; the source has the 20 in one run.
        let source: Vec<Sym> = (100..120).collect();
        let (first, second): (Vec<Sym>, Vec<Sym>) = ((100..110).collect(), (110..120).collect());
        let draft = text(&[&first, &[1, 2], &second]);
        let ch = two_blocks(12, 10);
        let both = (&draft[..], &source[..]);
        let pieces = cut_at_own_starts(&ch, both, &[10], |_| true);
        assert_eq!(a_spans(&pieces), vec![vec![0..10], vec![12..22]]);
        assert_eq!(pieces[1].b_spans, vec![10..20]);
        // Not at a paragraph start, or only punctuation: one passage.
        assert_eq!(
            cut_at_own_starts(&ch, both, &[5], |_| true),
            vec![ch.clone()]
        );
        assert_eq!(cut_at_own_starts(&ch, both, &[10], |_| false), vec![ch]);
        // "2." and a changed character in place of the source's 110: the
        // changed one stays in the second piece.
        let source: Vec<Sym> = (100..121).collect();
        let rest: Vec<Sym> = (111..121).collect();
        let draft = text(&[&first, &[1, 2, 99], &rest]);
        let changed = two_blocks(13, 11);
        let pieces = cut_at_own_starts(&changed, (&draft, &source), &[10], |r| r == (10..12));
        assert_eq!(a_spans(&pieces), vec![vec![0..10], vec![12..23]]);
        assert_eq!(pieces[1].b_spans, vec![10..21]);
    }

    #[test]
    fn the_extra_characters_of_a_gap_are_found_by_the_fewest_edits() {
        // "2.X" for the source's "Y": the number is extra, X changed.
        assert_eq!(inserted(&[2, 3, 9], &[8]), vec![true, true, false]);
        // "Z。2." for "W。": Z changed, 。 the same, "2." extra.
        assert_eq!(
            inserted(&[9, 5, 2, 3], &[8, 5]),
            vec![false, false, true, true]
        );
        // A table's other cells and the next row's number: all extra.
        assert_eq!(inserted(&[1, 2, 3], &[]), vec![true; 3]);
    }
}
