//! Short matches are kept only where another match stands by them on their
//! diagonal (the two-hit rule of BLAST).
//!
//! Seeds of four characters find the pieces of a copy with every few
//! characters changed, but also the four-character words any two texts of the
//! genre share, everywhere. The pieces of a copy line up: changed characters
//! keep their places, so the next piece lies on the same diagonal (or one or
//! two off, for a character added or dropped) a few characters on. A chance
//! match stands alone, and left in, it crowds out of the chainer's look-back
//! the match a real chain would link to across a gap.

use super::Block;

/// Matches at least this long stand on their own (a seed of six characters
/// finds them).
pub(super) const ALONE_FROM: u32 = 6;

/// Keep the matches of at least [`ALONE_FROM`] characters, and the shorter
/// ones with another match whose diagonal differs by at most `drift` and that
/// lies at most `near` characters of `a` away. Keeps the order.
pub(super) fn drop_lone(mems: &mut Vec<Block>, near: usize, drift: usize) {
    if mems.iter().all(|m| m.len >= ALONE_FROM) {
        return;
    }
    let diag = |m: &Block| m.a as i64 - m.b as i64;
    let mut by_diag: Vec<(i64, i64, i64)> = mems
        .iter()
        .map(|m| (diag(m), m.a as i64, (m.a + m.len) as i64))
        .collect();
    by_diag.sort_unstable();
    let (near, drift) = (near as i64, drift as i64);
    let supported = |m: &Block| {
        let (d, s, e) = (diag(m), m.a as i64, (m.a + m.len) as i64);
        (d - drift..=d + drift).any(|dd| {
            // On diagonal `dd`, from the first match that ends at most
            // `near` before `s`: maximal matches on one diagonal never
            // overlap or touch, so their ends ascend with their starts.
            let from = by_diag.partition_point(|x| (x.0, x.2) < (dd, s - near));
            by_diag[from..]
                .iter()
                .take_while(|x| x.0 == dd && x.1 <= e + near)
                .any(|x| (x.0, x.1) != (d, s))
        })
    };
    mems.retain(|m| m.len >= ALONE_FROM || supported(m));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(a: u32, b: u32, len: u32) -> Block {
        Block { a, b, len }
    }

    #[test]
    fn short_matches_need_a_neighbour_on_their_diagonal() {
        let mut mems = vec![
            block(0, 100, 4),   // alone: nothing near diagonal -100
            block(10, 500, 8),  // long: stays
            block(40, 20, 4),   // diagonal 20: the next one 4 on
            block(48, 28, 5),   // diagonal 20
            block(90, 71, 4),   // diagonal 19, 37 after the last: too far
            block(200, 50, 4),  // diagonal 150, by the long one below
            block(236, 84, 30), // diagonal 152, 32 on
            block(300, 299, 4), // diagonal 1: 3 off the next, too far off
            block(310, 306, 4), // diagonal 4
            block(400, 0, 100), // diagonal 400, long, ends at 500
            block(520, 120, 4), // 20 after its end: stays
            block(600, 200, 4), // 76 after the last one: too far
        ];
        drop_lone(&mut mems, 32, 2);
        let starts: Vec<u32> = mems.iter().map(|m| m.a).collect();
        assert_eq!(starts, vec![10, 40, 48, 200, 236, 400, 520]);
    }

    #[test]
    fn long_matches_alone_are_left_as_they_are() {
        let mut mems = vec![block(0, 900, 6), block(50, 3, 40)];
        let before = mems.clone();
        drop_lone(&mut mems, 32, 2);
        assert_eq!(mems, before);
    }
}
