//! A source's passages → the reworded sentences beside them.
//!
//! A copied paragraph whose sentences were moved and a third of whose
//! characters were changed keeps few runs of identical characters: some of
//! its sentences hold no seed at all, or only a piece of one. The passages
//! found show where in the source the paragraph came from. So each sentence of
//! a draft paragraph that holds such a passage, near it and left mostly
//! uncovered by passages, is compared with the source's sentences near that
//! passage's source text: when the longest common subsequence of their
//! characters is at least half of the longer sentence, masks aside (a mask
//! matches any character but counts for none), the sentence is copied too:
//! the run of its matched characters that are at least half of their extent
//! on both sides. Sentences of genre text that were never copied rarely get
//! there: of sentences of one government work report, each with the 20
//! sentences around a random place of another year's report, 1 in 100
//! reached 0.36 of the longer, 1 in 200 half (where a template sentence was
//! shared).

use super::sentences::{common, sorted, Draft};
use super::supported::{NEAR_SOURCE, WEAK_MATCHED};
use crate::align::{Block, Chain, Lcs};
use crate::normalize::{Sym, MASK};
use std::ops::Range;

/// Fewest characters, masks aside, a reworded sentence must have in common
/// with its source sentence: as many as a short passage beside a long one needs.
const MIN_COMMON: usize = WEAK_MATCHED;
/// How far from a passage, in draft characters, a sentence of its paragraph
/// may lie (a sentence moved within a paragraph).
const NEAR_DRAFT: usize = 400;
/// A sentence covered this much (in tenths) by passages already is left as it is.
const COVERED_TENTHS: usize = 9;
/// Fewest characters a reworded sentence must add to what passages cover.
const MIN_FRESH: usize = 4;
/// Share (in tenths) of the text a passage leaves at a sentence's start or
/// end that must be the same for the passage to take it in (chance among
/// sentences of the genre is about 2 in 10).
const EDGE_TENTHS: usize = 3;
/// Longest sentence compared, in characters (a paragraph without stops is no sentence).
const MAX_SENTENCE: usize = 300;
/// Most cells of common-subsequence tables filled for one source (about
/// 50 ms): past them, its other sentences are left as they are.
const MAX_CELLS: usize = 1 << 25;

/// Where an anchor passage lets sentences be matched: a draft paragraph, the
/// draft text near the passage in it, and the source text near its source.
struct Window {
    para: usize,
    draft: Range<usize>,
    source: Range<usize>,
}

/// The reworded sentences of draft `a` beside the passages `kept` from a
/// source (its stream `b_chars`; its sentences overlapping a range of it
/// from `b_sentences`): for each `anchor` passage, the draft sentences of
/// its paragraphs (`para` gives a draft character's paragraph) within
/// [`NEAR_DRAFT`] of it that passages cover less than nine tenths of, each
/// matched with the most alike source sentence within [`NEAR_SOURCE`] of the
/// anchor's source text (sentences moved within a paragraph, as `supported`
/// groups passages).
pub(super) fn reworded(
    kept: &[Chain],
    anchor: impl Fn(&Chain) -> bool,
    a: &Draft,
    b_chars: &[Sym],
    b_sentences: impl FnOnce(Range<usize>) -> Vec<Range<usize>>,
    para: &dyn Fn(usize) -> usize,
) -> Vec<Chain> {
    let mut windows: Vec<Window> = Vec::new();
    for c in kept.iter().filter(|c| anchor(c)) {
        let (ra, rb) = (c.a_range(), c.b_range());
        for p in para(ra.start)..=para(ra.end - 1) {
            windows.push(Window {
                para: p,
                draft: ra.start.saturating_sub(NEAR_DRAFT)..ra.end + NEAR_DRAFT,
                source: rb.start.saturating_sub(NEAR_SOURCE)..rb.end + NEAR_SOURCE,
            });
        }
    }
    if windows.is_empty() {
        return Vec::new();
    }
    windows.sort_by_key(|w| (w.para, w.draft.start));
    // The source's sentences in reach of any anchor, cut once (ascending and
    // apart), with their characters sorted once they are compared.
    let reach = windows.iter().map(|w| w.source.start).min().unwrap_or(0)
        ..windows.iter().map(|w| w.source.end).max().unwrap_or(0);
    let b_sentences = b_sentences(reach);
    let mut sorted_b: Vec<Option<Vec<Sym>>> = vec![None; b_sentences.len()];
    let covered = Covered::new(kept);
    let mut out = Vec::new();
    let (mut table, mut cells) = (Lcs::default(), 0);
    // Only the draft's sentences near some anchor (the ones each anchor
    // reaches, merged).
    let mut reached: Vec<Range<usize>> = windows.iter().map(|w| w.draft.clone()).collect();
    reached.sort_by_key(|r| r.start);
    for k in overlapping(&a.sentences, &reached) {
        let (s, sorted_x) = (&a.sentences[k], &a.sorted[k]);
        let n = s.len();
        if !(MIN_COMMON..=MAX_SENTENCE).contains(&n) || 10 * covered.of(s) >= COVERED_TENTHS * n {
            continue;
        }
        // The source text near the anchors near this sentence, merged.
        let p = para(s.start);
        let from = windows.partition_point(|w| w.para < p);
        let mut reaches: Vec<Range<usize>> = windows[from..]
            .iter()
            .take_while(|w| w.para == p && w.draft.start < s.end)
            .filter(|w| s.start < w.draft.end)
            .map(|w| w.source.clone())
            .collect();
        reaches.sort_by_key(|r| r.start);
        let x = &a.chars[s.clone()];
        // The most alike source sentence: most characters in common, masks aside.
        let mut best: Option<(usize, Vec<Block>, &Range<usize>)> = None;
        for k in overlapping(&b_sentences, &reaches) {
            let t = &b_sentences[k];
            if !(MIN_COMMON..=MAX_SENTENCE).contains(&t.len()) || cells > MAX_CELLS {
                continue;
            }
            let y = &b_chars[t.clone()];
            let sorted_y = sorted_b[k].get_or_insert_with(|| sorted(y));
            let enough = |same: usize| same >= MIN_COMMON && 2 * same >= n.max(t.len());
            if !enough(common(sorted_x, sorted_y)) {
                continue;
            }
            cells += n * t.len();
            let masks = x.iter().chain(y).filter(|&&c| c == MASK).count();
            let filled = table.fill(x, y);
            if !enough(filled.length()) {
                continue;
            }
            let blocks = filled.blocks(s.start, t.start);
            let same = if masks == 0 {
                matched(&blocks)
            } else {
                unmasked(&blocks, a.chars, b_chars)
            };
            if enough(same) && best.as_ref().is_none_or(|b| same > b.0) {
                best = Some((same, blocks, t));
            }
        }
        let Some((_, blocks, t)) = best else {
            continue;
        };
        let Some(c) = densest(&blocks).and_then(|run| sentence_chain(&blocks, run, s, t)) else {
            continue;
        };
        let fresh = c.a_range().len() - covered.of(&c.a_range());
        if fresh >= MIN_FRESH {
            out.push(c);
        }
    }
    out
}

/// The indexes of the `sentences` (ascending and apart) that overlap any of
/// `ranges` (by start), each once.
fn overlapping(sentences: &[Range<usize>], ranges: &[Range<usize>]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for r in ranges {
        let i = sentences.partition_point(|s| s.end <= r.start);
        let j = sentences.partition_point(|s| s.start < r.end);
        let i = i.max(out.last().map_or(0, |&k| k + 1));
        out.extend(i..j);
    }
    out
}

/// What the passages cover of the draft, as ascending disjoint spans.
struct Covered(Vec<Range<usize>>);

impl Covered {
    fn new(kept: &[Chain]) -> Covered {
        let mut spans: Vec<Range<usize>> = kept.iter().flat_map(|c| c.a_spans.clone()).collect();
        spans.sort_by_key(|r| r.start);
        spans.dedup_by(|next, kept| {
            let joins = next.start <= kept.end;
            if joins {
                kept.end = kept.end.max(next.end);
            }
            joins
        });
        Covered(spans)
    }

    /// Characters of `r` covered.
    fn of(&self, r: &Range<usize>) -> usize {
        let from = self.0.partition_point(|x| x.end <= r.start);
        self.0[from..]
            .iter()
            .take_while(|x| x.start < r.end)
            .map(|x| x.end.min(r.end) - x.start.max(r.start))
            .sum()
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
    use super::super::sentences::{sentence_spans, sentences_around};
    use super::*;
    use crate::normalize::normalize;

    /// The passage of a draft's and a source's first 16 characters, copied.
    fn first_16() -> Vec<Chain> {
        vec![Chain {
            blocks: vec![Block {
                a: 0,
                b: 0,
                len: 16,
            }],
            a_spans: std::iter::once(0..16).collect(),
            b_spans: std::iter::once(0..16).collect(),
            matched: 16,
        }]
    }

    #[test]
    fn a_moved_sentence_with_changed_characters_beside_a_passage_is_found() {
        // The source paragraph, and a draft of it: the first sentence kept
        // (a passage found), the second moved to the end with a third of its
        // characters changed, and a sentence of the writer's own.
        let source = "开发区要坚持项目为王，全力以赴抓招商。各部门要做到全程服务，带头分包重大项目。园区要统筹推进基础设施建设。";
        let draft = "开发区要坚持项目为王，全力以赴抓招商。园区要统筹推进基础设施建设。明天上午九点在市政府礼堂开会。各部门要作到全责服务，带头分抱重大项木。";
        let (sn, dn) = (normalize(source), normalize(draft));
        let (ss, ds) = (sentence_spans(source, &sn), sentence_spans(draft, &dn));
        assert_eq!(ds.len(), 4);
        let kept = first_16();
        let a = Draft::new(draft, &dn);
        let around = |w: Range<usize>| sentences_around(source, &sn, w);
        assert_eq!(around(0..sn.len()), ss, "the whole source");
        assert_eq!(around(20..21), ss[1..2], "the sentence of one character");
        let found = reworded(&kept, |_| true, &a, &sn.chars, around, &|_| 0);
        let spans: Vec<Range<usize>> = found.iter().map(|c| c.a_range()).collect();
        // The third source sentence, copied word for word but not found by the
        // passage, and the moved one; the writer's own sentence is not.
        assert_eq!(spans, vec![ds[1].clone(), ds[3].clone()]);
        assert_eq!(found[1].b_range(), ss[1].clone());
        assert!(found[1].matched >= 12 && found[1].matched < ds[3].len());
        // No anchor, no sentences.
        assert!(reworded(&kept, |_| false, &a, &sn.chars, around, &|_| 0).is_empty());
    }

    #[test]
    fn a_sentence_of_masks_is_not_copied_from_one_it_shares_nothing_with() {
        // Sentences A and B copied; between them in the source a list of
        // masked names, in the draft the writer's own sentence after them.
        let source = "开发区要坚持项目为王全力以赴抓招商。出席今天会议的有***、***、***、***、***、***、***、***、***、***等同志。园区要统筹推进基础设施建设。";
        let draft = "开发区要坚持项目为王全力以赴抓招商。园区要统筹推进基础设施建设。明天上午九点在市政府礼堂召开全体会议。";
        let (sn, dn) = (normalize(source), normalize(draft));
        let kept = first_16();
        let a = Draft::new(draft, &dn);
        let around = |w: Range<usize>| sentences_around(source, &sn, w);
        let found = reworded(&kept, |_| true, &a, &sn.chars, around, &|_| 0);
        let spans: Vec<Range<usize>> = found.iter().map(|c| c.a_range()).collect();
        let ds = sentence_spans(draft, &dn);
        assert_eq!(spans, vec![ds[1].clone()], "B, not the writer's sentence");
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
