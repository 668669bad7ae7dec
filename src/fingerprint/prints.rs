//! A speech's winnowed prints, as the candidate stage reads them: distinct
//! and sorted, each with the part of the speech it first occurs in.
//!
//! The parts say how a shared set of prints is spread over a speech. A copy
//! edited throughout keeps a few prints in every stretch; two speeches that
//! share a few whole paragraphs share prints in those paragraphs only.

/// Most parts a speech is cut into (one bit each in a 16-bit mask).
pub const MAX_PARTS: usize = 16;
/// Fewest prints in a part, so that a copy with a quarter of its characters
/// changed (about a tenth of its prints kept) still keeps one in most parts.
const PART_PRINTS: usize = 16;

/// Distinct winnowed prints of one speech.
#[derive(Debug, Clone, Default)]
pub struct Prints {
    /// The prints, sorted.
    pub hashes: Vec<u64>,
    /// For each print, the part of the speech where it first occurs.
    pub part: Vec<u8>,
    /// How many parts the speech is cut into: runs of equally many of its
    /// prints, in text order.
    pub parts: u8,
}

impl Prints {
    /// The prints of `winnowed` (`(position, hash)` in text order).
    ///
    /// The parts cut the speech's *distinct* prints in the order they first
    /// occur: a speech that says the same thing twice has every part filled,
    /// not the first half only.
    pub fn new(winnowed: &[(u32, u64)]) -> Prints {
        // Each print with the rank of its first occurrence in text order.
        let mut both: Vec<(u64, u32)> = winnowed
            .iter()
            .enumerate()
            .map(|(i, &(_, h))| (h, i as u32))
            .collect();
        both.sort_unstable();
        both.dedup_by_key(|x| x.0);
        let n = both.len();
        let parts = (n / PART_PRINTS).clamp(1, MAX_PARTS);
        // A print's rank among the first occurrences in text order: how many
        // first occurrences come before its own (counted over the text, not
        // sorted).
        let mut rank = vec![0u32; winnowed.len() + 1];
        for &(_, first) in &both {
            rank[first as usize + 1] = 1;
        }
        for i in 1..rank.len() {
            rank[i] += rank[i - 1];
        }
        let part = both
            .iter()
            .map(|&(_, first)| (rank[first as usize] as usize * parts / n) as u8)
            .collect();
        Prints {
            hashes: both.iter().map(|x| x.0).collect(),
            part,
            parts: parts as u8,
        }
    }
}

/// Prints given as distinct sorted hashes alone: the whole speech one part.
impl From<Vec<u64>> for Prints {
    fn from(hashes: Vec<u64>) -> Prints {
        Prints {
            part: vec![0; hashes.len()],
            hashes,
            parts: 1,
        }
    }
}

impl AsRef<[u64]> for Prints {
    fn as_ref(&self) -> &[u64] {
        &self.hashes
    }
}

/// Does a set of shared prints reach `share` of the parts of either speech,
/// less `slack` parts? `mask` holds the parts hit in one speech in its low 16
/// bits and in the other in its high 16 bits.
pub fn spread(mask: u32, parts: (u8, u8), share: f64, slack: u32) -> bool {
    let side = |bits: u32, n: u8| (bits.count_ones() + slack) as f64 >= share * n as f64;
    side(mask & 0xFFFF, parts.0) || side(mask >> 16, parts.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cut_the_prints_in_text_order_and_keep_the_first_occurrence() {
        // 65 prints in text order, print 7 recurring at the end: 64 distinct,
        // 4 parts of 16.
        let mut w: Vec<(u32, u64)> = (0..65).map(|i| (i * 4, 1000 - i as u64)).collect();
        w[64].1 = 1000 - 7;
        let p = Prints::new(&w);
        assert_eq!(p.parts, 4);
        assert_eq!(p.hashes.len(), 64);
        assert!(p.hashes.windows(2).all(|x| x[0] < x[1]));
        let part = |h: u64| p.part[p.hashes.binary_search(&h).unwrap()];
        assert_eq!(part(1000), 0);
        assert_eq!(part(1000 - 7), 0, "first occurrence");
        assert_eq!(part(1000 - 15), 0);
        assert_eq!(part(1000 - 16), 1);
        assert_eq!(part(1000 - 63), 3);
        // Few prints: one part; many: at most 16.
        assert_eq!(Prints::new(&w[..20]).parts, 1);
        let long: Vec<(u32, u64)> = (0..1000).map(|i| (i, i as u64)).collect();
        assert_eq!(Prints::new(&long).parts, 16);
        assert_eq!(Prints::new(&[]).parts, 1);
    }

    #[test]
    fn a_speech_said_twice_fills_every_part() {
        // 256 distinct prints, then the same again: 16 parts of 16 distinct
        // prints, each part holding 16 of them (not the first 8 parts 32).
        let once: Vec<(u32, u64)> = (0..256).map(|i| (i, 5000 + i as u64 * 7)).collect();
        let twice: Vec<(u32, u64)> = once
            .iter()
            .chain(&once)
            .enumerate()
            .map(|(i, &(_, h))| (i as u32, h))
            .collect();
        let p = Prints::new(&twice);
        assert_eq!(p.parts, 16);
        let mut per_part = [0usize; 16];
        for &x in &p.part {
            per_part[x as usize] += 1;
        }
        assert_eq!(per_part, [16; 16]);
    }

    #[test]
    fn spread_counts_the_parts_hit_on_either_side() {
        // 10 of 16 parts hit on the first side, 2 of 4 on the other.
        let mask = 0x03FF | 0b0011 << 16;
        assert!(spread(mask, (16, 4), 0.6, 0));
        assert!(!spread(mask, (16, 4), 0.7, 0));
        assert!(spread(mask, (16, 4), 0.7, 2), "11.2 of 16, less 2");
        assert!(spread(mask, (16, 2), 0.7, 0), "both parts of the other");
    }
}
