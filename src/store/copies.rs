//! Which speeches of an index are copies of one another: the same speech,
//! lightly edited or with names masked, judged by their prints alone, so
//! that a check counts such a group as one speech when it asks how many
//! speeches hold a wording.
//!
//! A corpus that holds a report five times over would otherwise make every
//! passage of that report look like the genre's stock wording ("five
//! speeches hold it"), and a draft copied from it would be excused as
//! boilerplate.
//!
//! Each speech's [`SKETCH`] smallest prints (a bottom-k sample of its
//! print set) are looked up among every speech's prints; a speech holding
//! enough of them is checked print by print, and two speeches are copies when
//! they share [`MIN_SHARE`] of the prints of each. A speech merely inside a
//! longer one is not its copy: a resolution that quotes a work report would
//! otherwise join the report to the next year's, through the next year's
//! resolution, and the thanks paragraph that every report repeats would count
//! as one speech's. Prints held by very many speeches (stock wording) are not
//! looked up, so the work stays near-linear in the corpus.

use crate::cluster::UnionFind;
use crate::{FastMap, FastSet};
use rayon::prelude::*;
use std::collections::hash_map::Entry;

/// Prints sampled from each speech.
const SKETCH: usize = 24;
/// Sampled prints a speech must hold to be checked in full against the
/// sampling one (a copy sharing half of its prints holds about twelve).
const MIN_SAMPLED: usize = 6;
/// Share of each speech's prints two copies share. Prints are 8-character
/// k-grams winnowed in windows of 4: a speech with 2% of its characters
/// changed keeps about 85% of them, one with every 30th changed about 70%,
/// while two reports of one province in successive years share a tenth to a
/// fifth.
pub const MIN_SHARE: f64 = 0.5;
/// Fewest prints two copies share (about 250 characters): two short texts
/// that are mostly one stock paragraph (the thanks that ends every work
/// report, and a few lines of targets) are not taken for copies.
const MIN_COMMON: usize = 64;
/// Sampled prints held by more speeches than this (and than one speech in
/// 256) are stock wording and are not looked up. So are those of a speech
/// with more copies than that which are not all identical (a hundred lightly
/// edited copies of one speech stay apart): finding them would cost the
/// square of their number.
const MAX_HOLDERS: usize = 64;

/// Each speech's group: the smallest id among the speeches it is a copy of
/// (through any chain of copies), itself when it has none. `prints[d]` is
/// speech `d`'s prints, sorted and distinct (see [`super::doc_prints`]).
pub fn copy_groups(prints: &[Vec<u64>]) -> Vec<u32> {
    let n = prints.len();
    let mut uf = UnionFind::new(n);
    // Speeches with the same prints are one speech, however many there are
    // (their sampled prints, held by them all, are past the cut below): only
    // the first of each is sampled and looked up.
    let mut first: FastMap<&[u64], usize> = FastMap::default();
    let mut leaders: Vec<usize> = Vec::new();
    for (d, p) in prints.iter().enumerate() {
        if p.len() < MIN_COMMON {
            continue;
        }
        match first.entry(&p[..]) {
            Entry::Occupied(e) => uf.union(*e.get(), d),
            Entry::Vacant(e) => {
                e.insert(d);
                leaders.push(d);
            }
        }
    }
    let sampled: FastSet<u64> = leaders
        .iter()
        .flat_map(|&d| prints[d].iter().take(SKETCH).copied())
        .collect();
    // Every leader holding a sampled print, by print.
    let mut holders: Vec<(u64, u32)> = leaders
        .par_iter()
        .flat_map_iter(|&d| {
            let sampled = &sampled;
            prints[d]
                .iter()
                .filter(move |h| sampled.contains(h))
                .map(move |&h| (h, d as u32))
        })
        .collect();
    holders.par_sort_unstable();
    let max_holders = MAX_HOLDERS.max(n / 256);
    let mut runs: FastMap<u64, &[(u64, u32)]> = FastMap::default();
    for run in holders.chunk_by(|x, y| x.0 == y.0) {
        if run.len() >= 2 && run.len() <= max_holders {
            runs.insert(run[0].0, run);
        }
    }
    let links: Vec<(usize, usize)> = leaders
        .par_iter()
        .flat_map_iter(|&a| {
            let mut tally: FastMap<u32, usize> = FastMap::default();
            for h in prints[a].iter().take(SKETCH) {
                for &(_, b) in runs.get(h).copied().unwrap_or_default() {
                    if b as usize != a {
                        *tally.entry(b).or_default() += 1;
                    }
                }
            }
            let mut out: Vec<(usize, usize)> = tally
                .into_iter()
                .filter(|&(_, t)| t >= MIN_SAMPLED)
                .map(|(b, _)| b as usize)
                .filter(|&b| are_copies(&prints[a], &prints[b]))
                .map(|b| (a.min(b), a.max(b)))
                .collect();
            out.sort_unstable();
            out
        })
        .collect();
    for (a, b) in links {
        uf.union(a, b);
    }
    (0..n).map(|d| uf.find(d) as u32).collect()
}

/// Do two sorted print lists share [`MIN_SHARE`] of each one's prints (and
/// at least [`MIN_COMMON`])?
fn are_copies(a: &[u64], b: &[u64]) -> bool {
    let most = a.len().max(b.len());
    let need = ((most as f64 * MIN_SHARE).ceil() as usize).max(MIN_COMMON);
    if a.len().min(b.len()) < need {
        return false;
    }
    crate::sorted_common(a, b) >= need
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::seed_corpus;
    use crate::normalize::normalize;
    use crate::store::doc_prints;

    fn seed_groups() -> (Vec<String>, Vec<u32>) {
        let corpus = seed_corpus();
        let prints: Vec<Vec<u64>> = corpus
            .documents
            .iter()
            .map(|d| doc_prints(&normalize(d.text())))
            .collect();
        let titles = corpus.documents.iter().map(|d| d.title.clone()).collect();
        (titles, copy_groups(&prints))
    }

    #[test]
    fn the_seed_copies_are_grouped_and_nothing_else() {
        let (titles, groups) = seed_groups();
        let id = |suffix: &str| titles.iter().position(|t| t.ends_with(suffix)).unwrap();
        let (four, five) = (id("篇四"), id("篇五"));
        let (fourteen, sixteen, seventeen) = (id("篇十四"), id("篇十六"), id("篇十七"));
        assert_eq!(groups[five], four as u32, "篇五 is 篇四 with names masked");
        // 篇十四 is all inside 篇十六 and 篇十七, and six tenths of each.
        assert_eq!(groups[sixteen], fourteen as u32);
        assert_eq!(groups[seventeen], fourteen as u32);
        let alone = (0..titles.len())
            .filter(|&d| ![four, five, fourteen, sixteen, seventeen].contains(&d))
            .all(|d| groups[d] == d as u32);
        assert!(alone, "the other speeches are copies of none: {groups:?}");
    }

    #[test]
    fn any_number_of_identical_speeches_is_one_group() {
        let one: Vec<u64> = (0..100).map(|i| i * 7919).collect();
        let mut prints = vec![(0..100).collect::<Vec<u64>>()];
        prints.extend(std::iter::repeat_n(one, 2000));
        let groups = copy_groups(&prints);
        assert_eq!(groups[0], 0);
        assert!(groups[1..].iter().all(|&g| g == 1), "{:?}", &groups[..5]);
    }

    #[test]
    fn copies_share_half_of_each() {
        let a: Vec<u64> = (0..200).collect();
        assert!(are_copies(&a, &(100..300).collect::<Vec<_>>()));
        assert!(!are_copies(&a, &(101..300).collect::<Vec<_>>()));
        assert!(
            !are_copies(&a, &(0..401).collect::<Vec<_>>()),
            "inside, no copy"
        );
        assert!(!are_copies(&a[..60], &a[..60]), "too short to judge");
    }
}
