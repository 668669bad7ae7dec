//! How much of a text the passages of a pair can cover at most, from the
//! k-gram hits alone: a pair that cannot reach a relation is not aligned.
//!
//! A passage's exact blocks lie inside k-grams both texts share (every
//! k-gram of a maximal match is shared), and a chain bridges at most `gap`
//! characters between two blocks. So the characters a chain covers are
//! inside shared k-grams, or in a run of at most `gap` others between two
//! such: counting those bounds the coverage from above, whatever the chain.

/// Characters of a text of `len` inside the k-grams starting at `starts`
/// (ascending), plus the runs of at most `gap` characters between two of them.
pub(super) fn reachable(
    len: usize,
    k: usize,
    gap: usize,
    starts: impl IntoIterator<Item = usize>,
) -> usize {
    let mut total = 0;
    let mut end: Option<usize> = None;
    for s in starts {
        let e = (s + k).min(len);
        match end {
            Some(x) if s <= x => {
                if e > x {
                    total += e - x;
                    end = Some(e);
                }
            }
            Some(x) => {
                if s - x <= gap {
                    total += s - x;
                }
                total += e - s;
                end = Some(e);
            }
            None => {
                total += e - s;
                end = Some(e);
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_short_runs_between_them_count() {
        // Windows of 3 at 0, 1 (overlapping: 0..4), 10 (a run of 6 between),
        // and 30 (a run of 17: too long to bridge).
        assert_eq!(reachable(40, 3, 8, [0, 1, 10, 30]), 4 + 6 + 3 + 3);
        // The last window is cut at the end of the text; nothing before the
        // first window or after the last counts.
        assert_eq!(reachable(12, 3, 8, [5, 11]), 3 + 3 + 1);
        assert_eq!(reachable(12, 3, 8, []), 0);
    }

    /// A text over `letters` letters with masks, seeded.
    fn text(seed: u64, n: usize, letters: u64) -> Vec<crate::normalize::Sym> {
        use crate::fingerprint::mix;
        use crate::normalize::MASK;
        (0..n as u64)
            .map(
                |i| match mix(seed ^ i.wrapping_mul(0x9e37)) % (letters + 1) {
                    0 => MASK,
                    x => 0x4e00 + x as crate::normalize::Sym,
                },
            )
            .collect()
    }

    #[test]
    fn a_pair_is_let_go_only_when_its_chains_cannot_cover_the_share() {
        use crate::align::{chain, AlignParams, SeedTable};
        use crate::cluster::coverage;
        let (mut skipped, mut kept) = (0, 0);
        for seed in 0..300u64 {
            let p = AlignParams {
                k: 3,
                ..AlignParams::default()
            };
            // Texts that share a stretch of `a` (of 0 to 120 characters) in
            // random text, with edits in the copy.
            let a = text(seed, 40 + (seed as usize * 7) % 200, 12 + seed % 30);
            let mut b = text(seed + 1000, 10 + (seed as usize * 13) % 150, 12 + seed % 30);
            let from = (seed as usize * 3) % a.len();
            let mut copy = a[from..a.len().min(from + (seed as usize * 11) % 120)].to_vec();
            for c in copy.iter_mut().step_by(7 + seed as usize % 9) {
                *c = crate::normalize::sym('改');
            }
            // And a stretch where every other character changed: no seed is
            // left in it, but a chain bridges it as an edit.
            if copy.len() > 60 {
                let at = 20 + seed as usize % 10;
                for c in copy[at..at + 14 + seed as usize % 16].iter_mut().step_by(2) {
                    *c = crate::normalize::sym('换');
                }
            }
            b.extend(copy);
            let table = SeedTable::new(&a, p.k);
            let all = table.mems(&a, &b, &p);
            let cov = coverage(a.len(), b.len(), &chain(&a, &b, &all, &p));
            for share in [0.3, 0.6, 0.8] {
                match table.mems_reaching(&a, &b, &p, share) {
                    Some(mems) => {
                        kept += 1;
                        assert_eq!(mems, all, "seed {seed}");
                    }
                    None => {
                        skipped += 1;
                        assert!(cov.a_in_b.max(cov.b_in_a) < share, "seed {seed}: {cov:?}");
                    }
                }
            }
        }
        assert!(skipped > 100 && kept > 100, "{skipped} let go, {kept} kept");
    }
}
