//! A draft sentence and a source's sentences → the most alike, as a passage.
//!
//! Two sentences are alike when the longest common subsequence of their
//! characters is at least half of the longer sentence, masks aside (a mask
//! matches any character but counts for none), with [`MIN_COMMON`]
//! characters or more. What is marked copied is the run of their matched
//! characters that are at least half of their extent on both sides (see
//! [`densest`]), grown to the sentences' ends over little text. Used beside
//! passages (see [`super::reworded`]) and in paragraphs no passage reaches
//! (see [`super::unanchored`]).

use super::sentences::{common, sorted, Bag, Draft};
use super::supported::WEAK_MATCHED;
use crate::align::{Block, Chain, Lcs};
use crate::normalize::{Sym, MASK};
use std::borrow::Cow;
use std::ops::Range;

/// Fewest characters, masks aside, a reworded sentence must have in common
/// with its source sentence: as many as a short passage beside a long one needs.
const MIN_COMMON: usize = WEAK_MATCHED;
/// Share (in tenths) of the text a passage leaves at a sentence's start or
/// end that must be the same for the passage to take it in (chance among
/// sentences of the genre is about 2 in 10).
const EDGE_TENTHS: usize = 3;
/// Longest sentence compared, in characters (a paragraph without stops is no sentence).
const MAX_SENTENCE: usize = 300;
/// Most cells of common-subsequence tables filled for one source (about
/// 50 ms): past them, its other sentences are left as they are.
const MAX_CELLS: usize = 1 << 25;

/// Is a sentence of `n` characters of a length that is compared?
pub(super) fn fits(n: usize) -> bool {
    (MIN_COMMON..=MAX_SENTENCE).contains(&n)
}

/// A draft sentence's passage from its most alike source sentence, and the
/// characters the passage has the same, masks aside.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Alike {
    pub(super) same: usize,
    pub(super) chain: Chain,
}

/// A source's sentences, each matched with the draft's sentences by their
/// longest common subsequence (with their characters sorted once compared,
/// and the cells of the tables filled counted against [`MAX_CELLS`], the
/// pairs of sentences compared against a budget).
pub(super) struct Matcher<'s> {
    chars: &'s [Sym],
    pub(super) sentences: Cow<'s, [Range<usize>]>,
    sorted: Vec<Option<Vec<Sym>>>,
    bags: Vec<Option<Bag>>,
    table: Lcs,
    cells: usize,
    pairs_left: usize,
}

impl<'s> Matcher<'s> {
    pub(super) fn new(
        chars: &'s [Sym],
        sentences: impl Into<Cow<'s, [Range<usize>]>>,
    ) -> Matcher<'s> {
        let sentences = sentences.into();
        Matcher {
            chars,
            sorted: vec![None; sentences.len()],
            bags: vec![None; sentences.len()],
            sentences,
            table: Lcs::default(),
            cells: 0,
            pairs_left: usize::MAX,
        }
    }

    /// The same, looking at most at `n` pairs of sentences (those passed
    /// over for their lengths count too).
    pub(super) fn with_pairs(self, n: usize) -> Matcher<'s> {
        Matcher {
            pairs_left: n,
            ..self
        }
    }

    /// The passage of draft sentence `k` from the most alike of the source
    /// sentences `candidates` (most characters in common, masks aside, at
    /// least [`MIN_COMMON`] and half of the longer sentence): the densest run
    /// of their common subsequence, grown to the sentences' ends (see
    /// [`sentence_chain`]).
    pub(super) fn most_alike(
        &mut self,
        a: &Draft,
        k: usize,
        candidates: impl Iterator<Item = usize>,
    ) -> Option<Alike> {
        let (s, sorted_x) = (&a.sentences[k], &a.sorted[k]);
        let n = s.len();
        if !fits(n) {
            return None;
        }
        let x = &a.chars[s.clone()];
        let mut best: Option<(usize, Vec<Block>, usize)> = None;
        for j in candidates {
            if self.cells > MAX_CELLS || self.pairs_left == 0 {
                break;
            }
            let t = &self.sentences[j];
            // Every pair looked at counts, those passed over for their
            // lengths too (a corpus of one-clause speeches against a long
            // draft: mostly those).
            self.pairs_left -= 1;
            // Half of the longer sentence in common needs the shorter to be
            // at least that long.
            if !fits(t.len()) || 2 * n.min(t.len()) < n.max(t.len()) {
                continue;
            }
            let y = &self.chars[t.clone()];
            let enough = |same: usize| same >= MIN_COMMON && 2 * same >= n.max(t.len());
            let bag_y = self.bags[j].get_or_insert_with(|| Bag::of(y));
            if !enough(a.bag(k).bound(bag_y)) {
                continue;
            }
            let sorted_y = self.sorted[j].get_or_insert_with(|| sorted(y));
            if !enough(common(sorted_x, sorted_y)) {
                continue;
            }
            self.cells += n * t.len();
            let masks = x.iter().chain(y).filter(|&&c| c == MASK).count();
            let filled = self.table.fill(x, y);
            if !enough(filled.length()) {
                continue;
            }
            let blocks = filled.blocks(s.start, t.start);
            let same = if masks == 0 {
                matched(&blocks)
            } else {
                unmasked(&blocks, a.chars, self.chars)
            };
            if enough(same) && best.as_ref().is_none_or(|b| same > b.0) {
                best = Some((same, blocks, j));
            }
        }
        let (_, blocks, j) = best?;
        let chain =
            densest(&blocks).and_then(|run| sentence_chain(&blocks, run, s, &self.sentences[j]))?;
        // What the passage marks has the same: its blocks, masks aside.
        let same = unmasked(&chain.blocks, a.chars, self.chars);
        Some(Alike { same, chain })
    }
}

/// Characters the blocks match.
fn matched(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.len as usize).sum()
}

/// Characters the blocks match, but those against a mask.
fn unmasked(blocks: &[Block], a: &[Sym], b: &[Sym]) -> usize {
    blocks
        .iter()
        .flat_map(|bl| (0..bl.len as usize).map(move |k| (bl.a as usize + k, bl.b as usize + k)))
        .filter(|&(i, j)| a[i] != MASK && b[j] != MASK)
        .count()
}

/// The run of `blocks` (in order, as a common subsequence gives them) that
/// matches most characters more than it leaves between them on either side:
/// its matched characters at least half of its extent in the draft and in the
/// source. A sentence of the draft that runs a copied clause into the
/// writer's own text (no stop between them) keeps the clause.
fn densest(blocks: &[Block]) -> Option<Range<usize>> {
    let mut best: Option<(i64, Range<usize>)> = None;
    for i in 0..blocks.len() {
        let mut matched = 0i64;
        for j in i..blocks.len() {
            matched += blocks[j].len as i64;
            let extent = |start: u32, end: u32| (end + blocks[j].len - start) as i64;
            let a = extent(blocks[i].a, blocks[j].a);
            let b = extent(blocks[i].b, blocks[j].b);
            let score = 2 * matched - a;
            if 2 * matched >= b && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, i..j + 1));
            }
        }
    }
    best.map(|(_, run)| run)
}

/// The passage of a reworded sentence: the dense `run` of its `blocks`,
/// grown to the start of draft sentence `s` and source sentence `t` when
/// what it leaves there on both sides is a character or two, or still a
/// share ([`EDGE_TENTHS`]) the same (heavily changed words at a sentence's
/// end, not the writer's own clause after a copied one); likewise at their ends.
fn sentence_chain(
    blocks: &[Block],
    run: Range<usize>,
    s: &Range<usize>,
    t: &Range<usize>,
) -> Option<Chain> {
    let inside = &blocks[run.clone()];
    if matched(inside) < MIN_COMMON {
        return None;
    }
    let (first, last) = (inside[0], inside[inside.len() - 1]);
    let grows =
        |same: usize, a: usize, b: usize| a.max(b) <= 2 || 10 * same >= EDGE_TENTHS * a.max(b);
    let head = grows(
        matched(&blocks[..run.start]),
        first.a as usize - s.start,
        first.b as usize - t.start,
    );
    let (a_end, b_end) = ((last.a + last.len) as usize, (last.b + last.len) as usize);
    let tail = grows(matched(&blocks[run.end..]), s.end - a_end, t.end - b_end);
    let a = if head { s.start } else { first.a as usize }..if tail { s.end } else { a_end };
    let b = if head { t.start } else { first.b as usize }..if tail { t.end } else { b_end };
    Some(Chain {
        matched: matched(inside),
        a_spans: vec![a],
        b_spans: vec![b],
        blocks: inside.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::sentences::sentence_spans;
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn the_most_alike_sentence_is_found_within_the_pairs_allowed() {
        let source = "园区要统筹推进基础设施建设。开发区要坚持项目为王，全力以赴抓招商。各部门要做到全程服务。";
        let draft = "开发区需坚持工程为王，全力以赴抓招商引资。";
        let (sn, dn) = (normalize(source), normalize(draft));
        let a = Draft::new(draft, &dn);
        let all = || 0..3;
        let mut m = Matcher::new(&sn.chars, sentence_spans(source, &sn));
        let c = m.most_alike(&a, 0, all()).expect("the second sentence");
        assert_eq!(c.chain.b_range(), m.sentences[1]);
        assert!(c.same >= 12 && c.same <= c.chain.matched);
        // One pair allowed: the first sentence (of a fit length) is compared, not the second.
        let mut one = Matcher::new(&sn.chars, sentence_spans(source, &sn)).with_pairs(1);
        assert!(one.most_alike(&a, 0, all()).is_none());
    }

    #[test]
    fn a_passage_grows_to_a_sentence_end_only_over_little_text_on_both_sides() {
        let whole = Block {
            a: 0,
            b: 0,
            len: 10,
        };
        let c = sentence_chain(&[whole], 0..1, &(0..10), &(0..19)).unwrap();
        assert_eq!(c.b_range(), 0..10, "nine source characters the draft lacks");
        let c = sentence_chain(&[whole], 0..1, &(0..11), &(0..12)).unwrap();
        assert_eq!((c.a_range(), c.b_range()), (0..11, 0..12));
    }
}
