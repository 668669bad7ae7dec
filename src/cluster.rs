//! Aligned pairs → relations between speeches and clusters of copies.
//!
//! A verified pair is a **near-duplicate** (the same speech: each is mostly
//! inside the other) or **contained** (one is mostly inside the other, not the
//! other way round). Near-duplicates are joined by union-find into clusters; a
//! cluster's representative is its cleanest copy (fewest masks and junk, most
//! complete). Containment is its own relation and never joins clusters.

use crate::align::{covered, Chain};
use serde::Serialize;
use std::ops::Range;

/// How two speeches relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The same speech.
    NearDuplicate,
    /// One mostly inside the other.
    Contained,
}

/// Thresholds of the relations (shares of a speech's characters).
#[derive(Debug, Clone, Copy)]
pub struct RelationParams {
    /// Both speeches at least this much inside each other: near-duplicate.
    pub near_duplicate: f64,
    /// One speech at least this much inside the other: contained.
    pub contained: f64,
}

impl Default for RelationParams {
    fn default() -> Self {
        RelationParams {
            near_duplicate: 0.8,
            contained: 0.6,
        }
    }
}

impl RelationParams {
    /// The least share of a speech a pair must cover for any relation: when
    /// both speeches are covered less, [`relation`] gives none.
    pub fn least_share(&self) -> f64 {
        self.contained.min(self.near_duplicate)
    }

    /// The thresholds for a pair aligned only as a possible heavily edited
    /// copy (see [`crate::candidates::Candidates::edited`]): one speech is
    /// contained only when it is inside the other half way from the
    /// containment bar to the near-duplicate one (0.7 by default). An edited
    /// copy is covered nearly as fully as a near-duplicate (a copy with
    /// clauses inserted and a fifth of its characters changed: 77–83% of the
    /// original inside it); a text that quotes pieces of a longer one, about
    /// as much as containment asks (a regulation quoting the Legislation
    /// Law: 63%).
    pub fn for_edited(&self) -> RelationParams {
        RelationParams {
            contained: self
                .contained
                .max((self.contained + self.near_duplicate) / 2.0),
            ..*self
        }
    }
}

/// Coverage of a verified pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Share of `a` inside `b`.
    pub a_in_b: f64,
    /// Share of `b` inside `a`.
    pub b_in_a: f64,
    /// Shared characters of both over all characters of both.
    pub similarity: f64,
}

/// Shortest stretch of shared text, in characters, that counts toward a
/// relation. The formulas a resolution takes from a report run 13 to 31
/// characters; a revised law keeps its old text in longer runs (at 40, three
/// version pairs of the law revisions, rewritten throughout, lost theirs).
pub const STRETCH_CHARS: usize = 30;
/// Passages at most this many characters apart in a text are one stretch of it.
pub const STRETCH_GAP: usize = 20;

/// Measure how much of each text the chains cover, counting only the chains
/// that lie in a stretch of shared text of at least [`STRETCH_CHARS`] (or
/// half the shorter text, if that is shorter than twice it) in both texts, where
/// chains at most [`STRETCH_GAP`] apart are one stretch. A speech put
/// together from stock phrases found all over a long one (a resolution
/// quoting a report's formulas, 62% of it in runs of 13 to 30 characters
/// from all over the report, and one of 100) is not inside it; a copy with its sentences reordered
/// is (each sentence lands beside the others of its paragraph).
pub fn coverage(a_len: usize, b_len: usize, chains: &[Chain]) -> Coverage {
    let least = STRETCH_CHARS.min(a_len.min(b_len) / 2);
    let in_a = in_stretches(chains, |c| &c.a_spans, least);
    let in_b = in_stretches(chains, |c| &c.b_spans, least);
    let kept = || {
        chains
            .iter()
            .zip(in_a.iter().zip(&in_b))
            .filter(|(_, (&a, &b))| a && b)
            .map(|(c, _)| c)
    };
    let ca = covered(a_len, kept().flat_map(|c| c.a_spans.iter().cloned()));
    let cb = covered(b_len, kept().flat_map(|c| c.b_spans.iter().cloned()));
    let ratio = |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    Coverage {
        a_in_b: ratio(ca, a_len),
        b_in_a: ratio(cb, b_len),
        similarity: ratio(ca + cb, a_len + b_len),
    }
}

/// For each chain, whether its spans on one side (`side`) lie in a stretch
/// of chains, each at most [`STRETCH_GAP`] after the stretch so far, whose
/// spans hold at least `least` characters.
fn in_stretches(
    chains: &[Chain],
    side: impl Fn(&Chain) -> &[Range<usize>],
    least: usize,
) -> Vec<bool> {
    // (start, end, chain) of each chain's spans on this side.
    let mut order: Vec<(usize, usize, usize)> = chains
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let spans = side(c);
            let start = spans.iter().map(|r| r.start).min()?;
            let end = spans.iter().map(|r| r.end).max()?;
            Some((start, end, i))
        })
        .collect();
    order.sort_unstable();
    let mut out = vec![false; chains.len()];
    let mut at = 0;
    while at < order.len() {
        let (mut end, mut next) = (order[at].1, at + 1);
        while next < order.len() && order[next].0 <= end + STRETCH_GAP {
            end = end.max(order[next].1);
            next += 1;
        }
        // The characters the stretch's chains cover, once each (chains may
        // overlap on one side).
        let chars = covered(
            end,
            order[at..next]
                .iter()
                .flat_map(|x| side(&chains[x.2]).iter().cloned()),
        );
        for x in &order[at..next] {
            out[x.2] = chars >= least;
        }
        at = next;
    }
    out
}

/// The relation a coverage implies, if any.
pub fn relation(c: &Coverage, p: &RelationParams) -> Option<Relation> {
    if c.a_in_b.min(c.b_in_a) >= p.near_duplicate {
        Some(Relation::NearDuplicate)
    } else if c.a_in_b.max(c.b_in_a) >= p.contained {
        Some(Relation::Contained)
    } else {
        None
    }
}

/// Union-find over `n` items.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    /// The root of `x`'s set (the smallest id is always the root).
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// Join the sets of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
    }
}

/// A set of speeches that are one speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Members, ascending.
    pub documents: Vec<usize>,
    /// The cleanest member.
    pub representative: usize,
}

/// Group `n` documents by near-duplicate `links`; `cleanliness(d)` ranks members
/// (higher is cleaner). Returns the group id of each document and the clusters of
/// two or more members, ordered by size (descending) then first member.
pub fn clusters(
    n: usize,
    links: &[(usize, usize)],
    cleanliness: impl Fn(usize) -> i64,
) -> (Vec<usize>, Vec<Cluster>) {
    let mut uf = UnionFind::new(n);
    for &(a, b) in links {
        uf.union(a, b);
    }
    let group: Vec<usize> = (0..n).map(|d| uf.find(d)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (d, &g) in group.iter().enumerate() {
        members[g].push(d);
    }
    let mut out: Vec<Cluster> = members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|documents| {
            let representative = *documents
                .iter()
                .max_by_key(|&&d| (cleanliness(d), std::cmp::Reverse(d)))
                .expect("non-empty");
            Cluster {
                documents,
                representative,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.documents
            .len()
            .cmp(&x.documents.len())
            .then(x.documents[0].cmp(&y.documents[0]))
    });
    (group, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_relation_below_the_least_share_on_both_sides() {
        for p in [
            RelationParams::default(),
            RelationParams {
                near_duplicate: 0.5,
                contained: 0.9,
            },
        ] {
            let least = p.least_share();
            let cov = |x: f64, y: f64| Coverage {
                a_in_b: x,
                b_in_a: y,
                similarity: (x + y) / 2.0,
            };
            let under = least - 1e-9;
            assert_eq!(relation(&cov(under, under), &p), None, "{p:?}");
            assert!(relation(&cov(least, least), &p).is_some(), "{p:?}");
        }
    }

    #[test]
    fn an_edited_copy_is_contained_only_when_inside_nearly_like_a_near_duplicate() {
        let p = RelationParams::default();
        let cov = |x: f64, y: f64| Coverage {
            a_in_b: x,
            b_in_a: y,
            similarity: (x + y) / 2.0,
        };
        // The regulation that quotes the law: 63% of it aligns.
        assert_eq!(relation(&cov(0.63, 0.3), &p), Some(Relation::Contained));
        assert_eq!(relation(&cov(0.63, 0.3), &p.for_edited()), None);
        // A speech with clauses inserted and a fifth of it changed: 77% of
        // the original inside it, 66% of it inside the original.
        assert_eq!(
            relation(&cov(0.77, 0.66), &p.for_edited()),
            Some(Relation::Contained)
        );
        assert_eq!(relation(&cov(0.69, 0.6), &p.for_edited()), None);
        // A speech edited throughout inside a longer text.
        assert_eq!(
            relation(&cov(0.5, 0.997), &p.for_edited()),
            Some(Relation::Contained)
        );
        assert_eq!(
            relation(&cov(0.9, 0.85), &p.for_edited()),
            Some(Relation::NearDuplicate)
        );
        // Where a user asks less of a near-duplicate than of containment, the
        // edited bar is not lowered.
        let loose = RelationParams {
            near_duplicate: 0.5,
            contained: 0.7,
        };
        assert_eq!(loose.for_edited().contained, 0.7);
    }

    #[test]
    fn runs_from_all_over_a_long_text_do_not_put_a_short_one_inside_it() {
        use crate::align::{align, AlignParams};
        use crate::normalize::{normalize, sym, Sym};
        let corpus = crate::ingest::seed_corpus();
        let b = normalize(corpus.documents[15].text()).chars;
        assert!(b.len() > 5_000, "篇十六 is long: {}", b.len());
        let p = AlignParams::default();
        let share = |a: &[Sym]| coverage(a.len(), b.len(), &align(a, &b, &p)).a_in_b;
        // Six runs of 20 characters from far apart in b, each followed by
        // four characters of other text: every run is found, none counts.
        let filler: Vec<Sym> = "会议强调".chars().map(sym).collect();
        let mosaic: Vec<Sym> = (0..6)
            .flat_map(|i| {
                let at = 100 + i * (b.len() - 200) / 6;
                b[at..at + 20].iter().chain(&filler).copied()
            })
            .collect();
        let chains = align(&mosaic, &b, &p);
        let found = covered(
            mosaic.len(),
            chains.iter().flat_map(|c| c.a_spans.iter().cloned()),
        );
        assert!(found >= 6 * 20, "each run is aligned: {found}");
        assert_eq!(share(&mosaic), 0.0);
        // Six runs side by side in b, in reverse order: a copy with its
        // sentences reordered is inside b.
        let at = b.len() / 2;
        let reordered: Vec<Sym> = (0..6)
            .rev()
            .flat_map(|i| b[at + 20 * i..at + 20 * (i + 1)].iter().copied())
            .collect();
        assert!(share(&reordered) > 0.9, "{}", share(&reordered));
        // A short text is inside a long one in a run of half its length.
        let short: Vec<Sym> = b[at..at + 24].to_vec();
        assert!(coverage(24, b.len(), &align(&short, &b, &p)).a_in_b > 0.95);
    }

    #[test]
    fn relations_follow_coverage() {
        let p = RelationParams::default();
        let c = |a, b| Coverage {
            a_in_b: a,
            b_in_a: b,
            similarity: 0.0,
        };
        assert_eq!(relation(&c(0.95, 0.9), &p), Some(Relation::NearDuplicate));
        assert_eq!(relation(&c(0.92, 0.3), &p), Some(Relation::Contained));
        assert_eq!(relation(&c(0.2, 0.1), &p), None);
    }

    #[test]
    fn clusters_pick_the_cleanest() {
        let (group, cl) = clusters(5, &[(1, 2), (3, 4)], |d| if d == 2 { 10 } else { 0 });
        assert_eq!(group, vec![0, 1, 1, 3, 3]);
        assert_eq!(cl.len(), 2);
        assert_eq!(cl[0].representative, 2);
        assert_eq!(cl[1].documents, vec![3, 4]);
    }
}
