//! Speeches → groups of identical texts ("twins"), and the pairs they stand for.
//!
//! Speeches whose normalised texts are identical are the same speech without
//! any alignment: only the first of each group (its leader) goes through
//! candidate generation and alignment, so ten thousand copies of one speech
//! cost one alignment, not fifty million. A pair verified between two leaders
//! holds for their twins too, character for character, and is listed for each
//! pair of twins, unless the groups are so large that the list would be
//! quadratic: then the leaders' pair stands for them (their clusters hold every
//! member). Inside a group every pair is listed, or, for a large group, each
//! member with the leader.

use crate::align::Chain;
use crate::scan::Prepared;
use crate::FastMap;

/// Texts shorter than this (in normalised characters) are left to alignment,
/// which never pairs a text with too few characters to make a passage.
const MIN_CHARS: usize = 12;

/// Most pairs listed for one group, or for one verified pair of leaders.
pub const MAX_LISTED: usize = 4096;

/// Groups of speeches with identical normalised texts.
#[derive(Debug, Clone)]
pub struct Twins {
    /// Each speech's leader (the smallest id of its group; itself when alone).
    pub lead: Vec<usize>,
    /// The members of each leader's group, leader first, ascending; empty for
    /// speeches that are not leaders.
    pub members: Vec<Vec<usize>>,
}

impl Twins {
    /// Group the prepared speeches.
    pub fn group(prepared: &[Prepared]) -> Twins {
        let n = prepared.len();
        let mut lead: Vec<usize> = (0..n).collect();
        let mut first: FastMap<u64, Vec<usize>> = FastMap::default();
        for (d, p) in prepared.iter().enumerate() {
            let chars = &p.norm.chars;
            if chars.len() < MIN_CHARS {
                continue;
            }
            let bytes: Vec<u8> = chars
                .iter()
                .flat_map(|c| (*c as u32).to_le_bytes())
                .collect();
            let leaders = first.entry(xxhash_rust::xxh3::xxh3_64(&bytes)).or_default();
            match leaders.iter().find(|&&l| prepared[l].norm.chars == *chars) {
                Some(&l) => lead[d] = l,
                None => leaders.push(d),
            }
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (d, &l) in lead.iter().enumerate() {
            members[l].push(d);
        }
        Twins { lead, members }
    }

    /// The leaders, ascending.
    pub fn leaders(&self) -> Vec<usize> {
        (0..self.lead.len())
            .filter(|&d| self.lead[d] == d)
            .collect()
    }

    /// The pairs of twins inside the group led by `l`, ascending: all of them,
    /// or for a large group each member with the leader.
    pub fn inner_pairs(&self, l: usize) -> Vec<(usize, usize)> {
        let m = &self.members[l];
        if m.len() * (m.len() - 1) / 2 <= MAX_LISTED {
            let mut out = Vec::new();
            for (i, &x) in m.iter().enumerate() {
                out.extend(m[i + 1..].iter().map(|&y| (x, y)));
            }
            out
        } else {
            m[1..].iter().map(|&y| (l, y)).collect()
        }
    }

    /// The pairs a verified pair of leaders `a < b` stands for: every twin of
    /// `a` with every twin of `b` (as `(twin of a, twin of b)`), or just the
    /// leaders when that would be more than [`MAX_LISTED`].
    pub fn outer_pairs(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        let (ma, mb) = (&self.members[a], &self.members[b]);
        if ma.len() * mb.len() > MAX_LISTED {
            return vec![(a, b)];
        }
        ma.iter()
            .flat_map(|&x| mb.iter().map(move |&y| (x, y)))
            .collect()
    }
}

/// The alignments of a scan, looked up between any two speeches: through
/// their leaders, or as the identity between twins.
pub struct Alignments<'a> {
    /// Chains of each aligned pair of leaders `(a, b)`, `a < b`.
    pub chains: FastMap<(usize, usize), &'a Vec<Chain>>,
    /// Each speech's leader.
    pub lead: &'a [usize],
}

impl Alignments<'_> {
    /// Carry the character range `s..e` of `from` into `to`, if an alignment
    /// covers it and carries it to at least half its length.
    pub fn project(&self, from: usize, to: usize, s: usize, e: usize) -> Option<(usize, usize)> {
        let (lf, lt) = (self.lead[from], self.lead[to]);
        if lf == lt {
            return Some((s, e));
        }
        let (a, b, forward) = if lf < lt {
            (lf, lt, true)
        } else {
            (lt, lf, false)
        };
        let list = self.chains.get(&(a, b))?;
        for c in list.iter() {
            let blocks: Vec<(usize, usize, usize)> = c
                .blocks
                .iter()
                .map(|bl| {
                    if forward {
                        (bl.a as usize, bl.b as usize, bl.len as usize)
                    } else {
                        (bl.b as usize, bl.a as usize, bl.len as usize)
                    }
                })
                .collect();
            let (first, last) = (blocks[0], blocks[blocks.len() - 1]);
            if s < first.0 || e > last.0 + last.2 {
                continue;
            }
            let map = |pos: usize| {
                let bl = blocks
                    .iter()
                    .rev()
                    .find(|bl| bl.0 <= pos)
                    .copied()
                    .unwrap_or(first);
                bl.1 + (pos - bl.0).min(bl.2)
            };
            // Where the copy dropped the range, the alignment carries it to a
            // character or two of whatever stands there: what it is carried
            // to must be at least half as long (a rewrite of about the same
            // length, 五万元以上 for 二千元以上, is a variant worth listing).
            let (ms, me) = (map(s), map(e - 1) + 1);
            return (me > ms && 2 * (me - ms) >= e - s).then_some((ms, me));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::prepare;

    fn prepared(texts: &[&str]) -> Vec<Prepared> {
        texts.iter().map(|t| prepare(t, 8, 8).0).collect()
    }

    #[test]
    fn identical_normalised_texts_are_twins() {
        let a = "同志们：今天我们召开全市开发区工作会议，主要任务是总结工作。";
        let b = "同志们:今天我们召开全市开发区工作会议,主要任务是总结工作.";
        let c = "同志们：今天我们召开全市开发区工作会议，主要任务是部署工作。";
        let t = Twins::group(&prepared(&[a, c, b, "短", "短"]));
        assert_eq!(t.lead, [0, 1, 0, 3, 4]);
        assert_eq!(t.leaders(), [0, 1, 3, 4]);
        assert_eq!(t.members[0], [0, 2]);
        assert_eq!(t.inner_pairs(0), [(0, 2)]);
        assert_eq!(t.outer_pairs(0, 1), [(0, 1), (2, 1)]);
    }

    #[test]
    fn large_groups_list_members_with_the_leader() {
        let text = "让我们紧密团结在以习近平同志为核心的党中央周围，奋力谱写新篇章。";
        let t = Twins::group(&prepared(&vec![text; 100]));
        let inner = t.inner_pairs(0);
        assert_eq!(inner.len(), 99);
        assert!(inner.iter().all(|&(a, _)| a == 0));
        let small = Twins::group(&prepared(&vec![text; 90]));
        assert_eq!(small.inner_pairs(0).len(), 90 * 89 / 2);
    }

    #[test]
    fn a_range_the_copy_dropped_is_not_carried_into_it() {
        use crate::align::{align, AlignParams};
        let head =
            "同志们：今天我们召开全市开发区工作会议，主要任务是总结工作、分析形势、部署任务。";
        let dropped = "全面落实党风廉政建设责任制，确保各项工作落到实处。";
        let tail = "一年来，全市开发区坚持稳中求进工作总基调，经济发展取得显著成效。";
        let p = prepared(&[&format!("{head}{dropped}{tail}"), &format!("{head}{tail}")]);
        let (a, b) = (&p[0].norm.chars, &p[1].norm.chars);
        let chains = align(a, b, &AlignParams::default());
        let lead = [0, 1];
        let aligned = Alignments {
            chains: [((0, 1), &chains)].into_iter().collect(),
            lead: &lead,
        };
        let n = |t: &str| crate::normalize::normalize(t).len();
        let (h, d) = (n(head), n(dropped));
        // The head is carried over as it is; the dropped sentence is not
        // carried to the character or two where it stood.
        assert_eq!(aligned.project(0, 1, 2, 10), Some((2, 10)));
        assert_eq!(aligned.project(0, 1, h + 2, h + d - 2), None);
        assert_eq!(
            aligned.project(1, 0, h + 2, h + 10),
            Some((h + d + 2, h + d + 10))
        );
    }
}
