//! Candidate pairs once aligned → the pairs of speeches the report lists.

use super::{round, span, Prepared};
use crate::align::{align, extend_ends, AlignParams, Chain};
use crate::cluster::{coverage, relation, Coverage, Relation, RelationParams};
use crate::fingerprint::hamming;
use crate::ingest::Document;
use crate::normalize::Sym;
use crate::report::{PairEntry, Passage};
use crate::twins::Twins;
use rayon::prelude::*;

/// A candidate pair once aligned: its passages, kept only when it is in a
/// relation (see [`realign`]), and that relation with its coverage.
pub(super) struct Aligned {
    pub(super) pair: (usize, usize),
    pub(super) chains: Vec<Chain>,
    pub(super) relation: Option<(Relation, Coverage)>,
}

/// A pair in no relation gets a second look when its passages cover at
/// least this share of one speech (the same speech with 45% of its
/// characters changed: 30–35% by the first alignment) ...
const SECOND_LOOK_ONE: f64 = 0.25;
/// ... and, in the indexed regime, this share of the other: an edited copy
/// of the same speech is covered about alike both ways, a speech with a
/// passage of another (most such pairs of a large corpus: at 100 MB
/// generated, 1 778 pairs over 40% of one speech, 89 over 20% of both)
/// mostly one way. In the exact regime, where pairs are few, a pair covered
/// one way only gets the second look too: an edited copy of a quarter of a
/// speech, its paragraphs reordered and 30% of its characters changed, is
/// covered 59% and 13% by the first alignment, 88% and 20% by the second.
const SECOND_LOOK_BOTH: f64 = 0.2;
/// Fewest exactly matching characters of a passage in the second look (as
/// `check` finds the short ones; only those in a stretch count, see
/// [`coverage`]).
const SECOND_LOOK_MATCHED: usize = 8;

/// A pair the first alignment left in no relation, aligned again as `check`
/// aligns a draft: a clause dropped beside changed characters is bridged,
/// passages are found from 8 matching characters, and their ends grow over
/// characters that still match as often as not (see [`extend_ends`]). The
/// same speech with its sentences reordered and 30% of its characters
/// changed, or with 40% changed, is covered 50–60% by the first alignment
/// and 70–95% by this one. The relation it then implies is held to the
/// thresholds of an edited copy ([`RelationParams::for_edited`]), which ask
/// more than plain containment because a text quoting pieces of a longer one
/// is covered that much one way; a pair inside each other by the plain bar
/// both ways is contained too (the same speech with 45% of its characters
/// changed, or its sentences shuffled and 30% changed: 60–69% each way; on
/// the national, provincial and law corpora no pair in no relation reaches
/// it, the closest 0.58 one way).
pub(super) fn second_look(
    a: &[Sym],
    b: &[Sym],
    first: &Coverage,
    p: &AlignParams,
    relations: &RelationParams,
    few_pairs: bool,
) -> Option<(Relation, Coverage, Vec<Chain>)> {
    let (one, both) = (
        first.a_in_b.max(first.b_in_a),
        first.a_in_b.min(first.b_in_a),
    );
    if one < SECOND_LOOK_ONE || (both < SECOND_LOOK_BOTH && !few_pairs) {
        return None;
    }
    let p = AlignParams {
        edit_and_skip: true,
        min_matched: SECOND_LOOK_MATCHED.min(p.min_matched),
        ..*p
    };
    let mut chains = align(a, b, &p);
    for c in &mut chains {
        extend_ends(a, b, c);
    }
    let cov = coverage(a.len(), b.len(), &chains);
    let both_ways = cov.a_in_b.min(cov.b_in_a) >= relations.contained;
    let rel = relation(&cov, &relations.for_edited())
        .or_else(|| both_ways.then_some(Relation::Contained));
    rel.map(|rel| (rel, cov, chains))
}

/// Align again the pairs whose chains were let go at the align stage (they
/// were in no relation) but which ended in one cluster, joined through other
/// copies: their chains carry phrases from one copy to the other. Pairs with
/// no shared passage are aligned again for nothing, which costs little.
pub(super) fn realign(aligned: &mut [Aligned], prepared: &[Prepared], p: &AlignParams) {
    aligned
        .par_iter_mut()
        .filter(|x| x.chains.is_empty())
        .for_each(|x| {
            let (a, b) = x.pair;
            x.chains = align(&prepared[a].norm.chars, &prepared[b].norm.chars, p);
        });
}

/// The pairs of speeches the alignments verify, with the twins of each leader,
/// sorted; and the near-duplicate links that join clusters.
pub(super) fn verified_pairs(
    docs: &[Document],
    prepared: &[Prepared],
    sims: &[u64],
    twins: &Twins,
    aligned: &[Aligned],
) -> (Vec<PairEntry>, Vec<(usize, usize)>) {
    let mut pairs = Vec::new();
    let mut links = Vec::new();
    // `x` reads the chains' `a` side, `y` their `b` side; the entry puts the
    // smaller id first.
    let entry = |x: usize, y: usize, rel, cov: &Coverage, chains: &[Chain]| {
        let mut passages: Vec<Passage> = chains
            .iter()
            .map(|c| {
                let sa = span(
                    &docs[x],
                    &prepared[x].norm,
                    c.a_range().start,
                    c.a_range().end,
                );
                let sb = span(
                    &docs[y],
                    &prepared[y].norm,
                    c.b_range().start,
                    c.b_range().end,
                );
                if x < y {
                    Passage {
                        a: sa,
                        b: sb,
                        chars: c.a_covered(),
                    }
                } else {
                    Passage {
                        a: sb,
                        b: sa,
                        chars: c.b_covered(),
                    }
                }
            })
            .collect();
        passages.sort_by_key(|p| (p.a.start, p.b.start));
        let (a_in_b, b_in_a) = if x < y {
            (cov.a_in_b, cov.b_in_a)
        } else {
            (cov.b_in_a, cov.a_in_b)
        };
        PairEntry {
            a: x.min(y),
            b: x.max(y),
            relation: rel,
            similarity: round(cov.similarity),
            a_in_b: round(a_in_b),
            b_in_a: round(b_in_a),
            simhash_distance: hamming(sims[x], sims[y]),
            passages,
        }
    };
    for found in aligned {
        let Some((rel, cov)) = found.relation else {
            continue;
        };
        let (a, b) = found.pair;
        if rel == Relation::NearDuplicate {
            links.push((a, b));
        }
        for (x, y) in twins.outer_pairs(a, b) {
            pairs.push(entry(x, y, rel, &cov, &found.chains));
        }
    }
    let whole = Coverage {
        a_in_b: 1.0,
        b_in_a: 1.0,
        similarity: 1.0,
    };
    for l in twins.leaders() {
        let n = prepared[l].norm.len();
        let identity = [Chain::identity(n)];
        for (x, y) in twins.inner_pairs(l) {
            links.push((x, y));
            pairs.push(entry(x, y, Relation::NearDuplicate, &whole, &identity));
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    (pairs, links)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::prepare;

    #[test]
    fn a_pair_covered_one_way_gets_a_second_look_only_among_few() {
        let text = crate::normalize::normalize(
            "同志们：这次全市开发区工作会议，主要任务是总结工作、分析形势。我们要坚持以习近平新时代中国特色社会主义思想为指导，推动开发区高质量发展。",
        )
        .chars;
        let (p, r) = (AlignParams::default(), RelationParams::default());
        let first = |a_in_b, b_in_a| Coverage {
            a_in_b,
            b_in_a,
            similarity: (a_in_b + b_in_a) / 2.0,
        };
        let look = |a, b, few| second_look(&text, &text, &first(a, b), &p, &r, few).map(|x| x.0);
        for few in [false, true] {
            assert_eq!(look(0.5, 0.45, few), Some(Relation::NearDuplicate));
            assert_eq!(look(0.22, 0.22, few), None, "too little either way");
        }
        assert_eq!(
            look(0.5, 0.1, false),
            None,
            "one way only: a passage of the other"
        );
        assert_eq!(
            look(0.5, 0.1, true),
            Some(Relation::NearDuplicate),
            "few pairs: looked at"
        );
    }

    #[test]
    fn pairs_let_go_are_aligned_again_and_the_rest_kept() {
        let speech = |extra: &str| {
            format!("同志们：这次全市开发区工作会议，主要任务是总结工作、分析形势。{extra}我们要坚持以习近平新时代中国特色社会主义思想为指导，推动开发区高质量发展。")
        };
        let texts = [speech("一是抓招商。"), speech("二是抓改革。"), speech("")];
        let prepared: Vec<Prepared> = texts.iter().map(|t| prepare(t, 13, 8).0).collect();
        let p = AlignParams::default();
        let kept = align(&prepared[0].norm.chars, &prepared[2].norm.chars, &p);
        let pair = |pair, chains| Aligned {
            pair,
            chains,
            relation: None,
        };
        let mut aligned = vec![pair((0, 1), Vec::new()), pair((0, 2), kept.clone())];
        realign(&mut aligned, &prepared, &p);
        let again = align(&prepared[0].norm.chars, &prepared[1].norm.chars, &p);
        assert!(!again.is_empty(), "the two speeches share passages");
        assert_eq!(aligned[0].chains, again);
        assert_eq!(aligned[1].chains, kept);
    }
}
