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

use super::alike::Matcher;
use super::sentences::Draft;
use super::supported::NEAR_SOURCE;
use crate::align::Chain;
use crate::normalize::Sym;
use std::ops::Range;

/// How far from a passage, in draft characters, a sentence of its paragraph
/// may lie (a sentence moved within a paragraph).
const NEAR_DRAFT: usize = 400;
/// A sentence covered this much (in tenths) by passages already is left as it is.
const COVERED_TENTHS: usize = 9;
/// Fewest characters a reworded sentence must add to what passages cover.
const MIN_FRESH: usize = 4;

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
    // apart).
    let reach = windows.iter().map(|w| w.source.start).min().unwrap_or(0)
        ..windows.iter().map(|w| w.source.end).max().unwrap_or(0);
    let mut source = Matcher::new(b_chars, b_sentences(reach));
    let covered = Covered::new(kept);
    let mut out = Vec::new();
    // Only the draft's sentences near some anchor (the ones each anchor
    // reaches, merged).
    let mut reached: Vec<Range<usize>> = windows.iter().map(|w| w.draft.clone()).collect();
    reached.sort_by_key(|r| r.start);
    for k in overlapping(&a.sentences, &reached) {
        let s = &a.sentences[k];
        if 10 * covered.of(s) >= COVERED_TENTHS * s.len() {
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
        let near = overlapping(&source.sentences, &reaches);
        let Some(c) = source.most_alike(a, k, near.into_iter()).map(|x| x.chain) else {
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

#[cfg(test)]
mod tests {
    use super::super::sentences::{sentence_spans, sentences_around};
    use super::*;
    use crate::align::Block;
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
}
