//! A source's passages → the reworded sentences beside them.
//!
//! A copied paragraph whose sentences were moved and a third of whose
//! characters were changed keeps few runs of identical characters: some of
//! its sentences hold no seed at all, or only a piece of one. The passages
//! found show where in the source the paragraph came from. So each sentence of
//! a draft paragraph that holds such a passage, and that passages leave
//! mostly uncovered, is compared with the source's sentences near that
//! passage's source text: when the longest common subsequence of their
//! characters (a mask matching any) is at least half of the longer sentence,
//! the sentence is copied too: the run of its matched characters that are at
//! least half of their extent on both sides.
//! Sentences of genre text that were never copied rarely get there: of
//! sentences of one government work report, each with the 20 sentences
//! around a random place of another year's report, 1 in 100 reached 0.36 of
//! the longer, 1 in 200 half (where a template sentence was shared).

use super::supported::{NEAR_SOURCE, WEAK_MATCHED};
use crate::align::{Block, Chain};
use crate::normalize::{Normalized, Sym, MASK};
use crate::segment::sentences;
use std::ops::Range;

/// Fewest characters a reworded sentence must have in common with its
/// source sentence: as many as a short passage beside a long one needs.
const MIN_COMMON: usize = WEAK_MATCHED;
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

/// The sentences of a text as ranges of its normalised stream, empty ones left out.
pub(super) fn sentence_spans(text: &str, norm: &Normalized) -> Vec<Range<usize>> {
    spans_in(text, norm, 0..text.len())
}

/// The sentences of a text that overlap `window`, a range of its normalised
/// stream (only that part of a long source is cut into sentences).
pub(super) fn sentences_around(
    text: &str,
    norm: &Normalized,
    window: Range<usize>,
) -> Vec<Range<usize>> {
    let window = window.start.min(norm.len())..window.end.min(norm.len());
    if window.is_empty() {
        return Vec::new();
    }
    let bytes = norm.byte_range(window.start, window.end);
    let stop = |c: char| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n');
    let start = text[..bytes.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[bytes.end..]
        .find(stop)
        .map_or(text.len(), |i| bytes.end + i);
    spans_in(text, norm, start..end)
}

/// The sentences of `text[bytes]`, as ranges of the stream of `text`.
fn spans_in(text: &str, norm: &Normalized, bytes: Range<usize>) -> Vec<Range<usize>> {
    sentences(&text[bytes.clone()])
        .into_iter()
        .map(|r| {
            norm.starting_before(bytes.start + r.start)..norm.starting_before(bytes.start + r.end)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// A draft's stream and its sentences (with their characters sorted), cut
/// once for all its sources.
pub(super) struct Draft<'a> {
    chars: &'a [Sym],
    sentences: Vec<Range<usize>>,
    sorted: Vec<Vec<Sym>>,
}

impl<'a> Draft<'a> {
    pub(super) fn new(text: &str, norm: &'a Normalized) -> Draft<'a> {
        let sentences = sentence_spans(text, norm);
        let sorted = sentences
            .iter()
            .map(|s| sorted(&norm.chars[s.clone()]))
            .collect();
        Draft {
            chars: &norm.chars,
            sentences,
            sorted,
        }
    }
}

/// The reworded sentences of the draft `a` beside the passages `kept` from
/// source `b`: for each `anchor` passage, the draft sentences of its
/// paragraphs (`para` gives a draft character's paragraph) that passages
/// cover less than nine tenths of, each matched with the most alike source
/// sentence within [`NEAR_SOURCE`] of the anchor's source text (sentences
/// moved within a paragraph, as `supported` groups passages).
pub(super) fn reworded(
    kept: &[Chain],
    anchor: impl Fn(&Chain) -> bool,
    a: &Draft,
    b_chars: &[Sym],
    b_sentences: impl FnOnce(Range<usize>) -> Vec<Range<usize>>,
    para: &dyn Fn(usize) -> usize,
) -> Vec<Chain> {
    // Each anchored paragraph with the source windows of its anchors,
    // by paragraph and start, those of a paragraph that overlap merged.
    let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
    for c in kept.iter().filter(|c| anchor(c)) {
        let (ra, rb) = (c.a_range(), c.b_range());
        let window = rb.start.saturating_sub(NEAR_SOURCE)..rb.end + NEAR_SOURCE;
        for p in para(ra.start)..=para(ra.end - 1) {
            windows.push((p, window.clone()));
        }
    }
    if windows.is_empty() {
        return Vec::new();
    }
    windows.sort_by_key(|(p, w)| (*p, w.start));
    windows.dedup_by(|next, kept| {
        let joins = next.0 == kept.0 && next.1.start <= kept.1.end;
        if joins {
            kept.1.end = kept.1.end.max(next.1.end);
        }
        joins
    });
    // The source's sentences in reach of any anchor, cut once (ascending and
    // apart), with their characters sorted once they are compared.
    let reach = windows.iter().map(|w| w.1.start).min().unwrap_or(0)
        ..windows.iter().map(|w| w.1.end).max().unwrap_or(0);
    let b_sentences = b_sentences(reach);
    let mut sorted_b: Vec<Option<Vec<Sym>>> = vec![None; b_sentences.len()];
    // What the passages cover of the draft, as ascending disjoint spans.
    let mut spans: Vec<Range<usize>> = kept.iter().flat_map(|c| c.a_spans.clone()).collect();
    spans.sort_by_key(|r| r.start);
    spans.dedup_by(|next, kept| {
        let joins = next.start <= kept.end;
        if joins {
            kept.end = kept.end.max(next.end);
        }
        joins
    });
    let covered = |r: &Range<usize>| -> usize {
        let from = spans.partition_point(|x| x.end <= r.start);
        spans[from..]
            .iter()
            .take_while(|x| x.start < r.end)
            .map(|x| x.end.min(r.end) - x.start.max(r.start))
            .sum()
    };
    let mut out = Vec::new();
    let mut table = Lcs::default();
    for (s, sorted_x) in a.sentences.iter().zip(&a.sorted) {
        let n = s.len();
        let done = covered(s);
        if !(MIN_COMMON..=MAX_SENTENCE).contains(&n) || 10 * done >= COVERED_TENTHS * n {
            continue;
        }
        // The source sentences that overlap a window of this paragraph.
        let p = para(s.start);
        let from = windows.partition_point(|w| w.0 < p);
        let to = windows.partition_point(|w| w.0 <= p);
        let mut near: Vec<usize> = Vec::new();
        for (_, w) in &windows[from..to] {
            let i = b_sentences.partition_point(|t| t.end <= w.start);
            let j = b_sentences.partition_point(|t| t.start < w.end);
            let i = i.max(near.last().map_or(0, |&k| k + 1));
            near.extend(i..j);
        }
        if near.is_empty() {
            continue;
        }
        let x = &a.chars[s.clone()];
        let mut best: Option<(usize, &Range<usize>)> = None;
        for k in near {
            let t = &b_sentences[k];
            if !(MIN_COMMON..=MAX_SENTENCE).contains(&t.len()) {
                continue;
            }
            let y = &b_chars[t.clone()];
            let sorted_y = sorted_b[k].get_or_insert_with(|| sorted(y));
            let masks = x.iter().chain(y).filter(|&&c| c == MASK).count();
            if 2 * (common(sorted_x, sorted_y) + masks) < n.max(t.len()) {
                continue;
            }
            let l = table.length(x, y);
            let better = best.is_none_or(|(m, u)| {
                (l, std::cmp::Reverse(t.start)) > (m, std::cmp::Reverse(u.start))
            });
            if l >= MIN_COMMON && 2 * l >= n.max(t.len()) && better {
                best = Some((l, t));
            }
        }
        let Some((_, t)) = best else {
            continue;
        };
        let blocks = table.blocks(x, &b_chars[t.clone()], s.start, t.start);
        let Some(c) = densest(&blocks).and_then(|run| sentence_chain(&blocks, run, s, t)) else {
            continue;
        };
        let fresh = c.a_range().len() - covered(&c.a_range());
        if fresh >= MIN_FRESH {
            out.push(c);
        }
    }
    out
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
/// what it leaves there is a character or two, or still a share
/// ([`EDGE_TENTHS`]) the same (heavily changed words at a sentence's end,
/// not the writer's own clause after a copied one); likewise at their ends.
fn sentence_chain(
    blocks: &[Block],
    run: Range<usize>,
    s: &Range<usize>,
    t: &Range<usize>,
) -> Option<Chain> {
    let inside = &blocks[run.clone()];
    let matched: usize = inside.iter().map(|b| b.len as usize).sum();
    if matched < MIN_COMMON {
        return None;
    }
    let (first, last) = (inside[0], inside[inside.len() - 1]);
    let same = |bs: &[Block]| bs.iter().map(|b| b.len as usize).sum::<usize>();
    let grows = |same: usize, a: usize, b: usize| a <= 2 || 10 * same >= EDGE_TENTHS * a.max(b);
    let head = grows(
        same(&blocks[..run.start]),
        first.a as usize - s.start,
        first.b as usize - t.start,
    );
    let (a_end, b_end) = ((last.a + last.len) as usize, (last.b + last.len) as usize);
    let tail = grows(same(&blocks[run.end..]), s.end - a_end, t.end - b_end);
    let a = if head { s.start } else { first.a as usize }..if tail { s.end } else { a_end };
    let b = if head { t.start } else { first.b as usize }..if tail { t.end } else { b_end };
    Some(Chain {
        matched,
        a_spans: vec![a],
        b_spans: vec![b],
        blocks: inside.to_vec(),
    })
}

/// Do two characters match (a mask matches any)?
fn same(x: Sym, y: Sym) -> bool {
    x == y || x == MASK || y == MASK
}

/// The characters of a sentence but masks, sorted.
fn sorted(x: &[Sym]) -> Vec<Sym> {
    let mut v: Vec<Sym> = x.iter().copied().filter(|&c| c != MASK).collect();
    v.sort_unstable();
    v
}

/// The characters two sorted lists have in common, counted with repeats:
/// with the masks of both, at most how long their common subsequence can be.
fn common(x: &[Sym], y: &[Sym]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The table of a longest common subsequence, kept between sentences.
#[derive(Default)]
struct Lcs(Vec<u16>);

impl Lcs {
    /// Fill the table for `x` and `y`: cell `(i, j)` holds the length of the
    /// longest common subsequence of `x[i..]` and `y[j..]`.
    fn fill(&mut self, x: &[Sym], y: &[Sym]) {
        let w = y.len() + 1;
        self.0.clear();
        self.0.resize((x.len() + 1) * w, 0);
        for i in (0..x.len()).rev() {
            for j in (0..y.len()).rev() {
                self.0[i * w + j] = if same(x[i], y[j]) {
                    self.0[(i + 1) * w + j + 1] + 1
                } else {
                    self.0[(i + 1) * w + j].max(self.0[i * w + j + 1])
                };
            }
        }
    }

    /// The length of the longest common subsequence of `x` and `y`.
    fn length(&mut self, x: &[Sym], y: &[Sym]) -> usize {
        self.fill(x, y);
        self.0[0] as usize
    }

    /// The runs of one longest common subsequence of `x` (at `at_x` in its
    /// stream) and `y` (at `at_y`), as blocks, in order; matches taken as
    /// early as they can be.
    fn blocks(&mut self, x: &[Sym], y: &[Sym], at_x: usize, at_y: usize) -> Vec<Block> {
        self.fill(x, y);
        let w = y.len() + 1;
        let (mut i, mut j) = (0, 0);
        let mut out: Vec<Block> = Vec::new();
        while i < x.len() && j < y.len() {
            if same(x[i], y[j]) && self.0[i * w + j] == self.0[(i + 1) * w + j + 1] + 1 {
                let (a, b) = ((at_x + i) as u32, (at_y + j) as u32);
                match out.last_mut() {
                    Some(l) if l.a + l.len == a && l.b + l.len == b => l.len += 1,
                    _ => out.push(Block { a, b, len: 1 }),
                }
                i += 1;
                j += 1;
            } else if self.0[(i + 1) * w + j] >= self.0[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn chars(s: &str) -> Vec<Sym> {
        normalize(s).chars
    }

    #[test]
    fn the_common_subsequence_is_found_in_runs_with_masks_matching_any() {
        let (x, y) = (
            chars("统筹推进项目建设顺利推进"),
            chars("确保了项目建设顺利推进"),
        );
        let mut t = Lcs::default();
        assert_eq!(t.length(&x, &y), 8, "项目建设顺利推进");
        let blocks = t.blocks(&x, &y, 100, 50);
        assert_eq!(
            blocks,
            vec![Block {
                a: 104,
                b: 53,
                len: 8
            }]
        );
        let masked = chars("******同志带头分包重大项目");
        assert_eq!(
            t.length(&masked, &chars("王建国同志带头分包重大项目")),
            11,
            "the mask stands for one of the name's characters"
        );
        assert_eq!(common(&sorted(&x), &sorted(&y)), 8, "推 and 进 once each");
        assert_eq!(
            common(&sorted(&chars("甲乙丙")), &sorted(&chars("丁戊己"))),
            0
        );
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
        let kept = vec![Chain {
            blocks: vec![Block {
                a: 0,
                b: 0,
                len: 16,
            }],
            a_spans: std::iter::once(0..16).collect(),
            b_spans: std::iter::once(0..16).collect(),
            matched: 16,
        }];
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
}
