//! A source's passages → those with the support of a long one.
//!
//! Genre wording gives a draft and a speech it never copied many short shared
//! stretches (`统筹发展和安全，……社会大局和谐稳定`, 12–20 characters each): one
//! alone is not copying. A copied paragraph leaves at least one long passage,
//! and when its sentences were moved and its characters changed, short ones
//! beside it, near in the draft and near in the source. So passages are
//! grouped by nearness on both sides, and a group is kept only when it holds
//! an anchor: a passage with 13 identical characters in a row (the 查重
//! convention), or twice the characters a passage needs the same on both
//! sides (see [`same_chars`]), or one that is most of the shorter text (a
//! short speech copied whole); never a stock phrase. A
//! stock phrase of the corpus stands alone: it counts in 总文字复制比 and is
//! marked boilerplate.

use crate::align::{agreeing, Block, Chain};
use crate::cluster::UnionFind;
use crate::normalize::{Sym, MASK};
use std::ops::Range;

/// Fewest matched characters of a short passage that an anchor can carry (a
/// moved sentence of a copied paragraph with a fifth of its characters
/// changed keeps about this many in runs of four).
pub(super) const WEAK_MATCHED: usize = 8;
/// A run of this many identical characters is copying on its own, as 查重
/// services count it (13 in a row).
const LONG_RUN: usize = 13;
/// Most difference between the text two blocks have between them in the
/// draft and in the source for them to be [`in_step`] (a few changed words).
const STEP_DRIFT: usize = 20;
/// How near, in draft characters, a passage must lie to one of its group.
const NEAR_DRAFT: usize = 200;
/// ... and in source characters (sentences moved within a paragraph, or a
/// paragraph taken from further on).
pub(super) const NEAR_SOURCE: usize = 400;

/// Most characters a mask stands for in [`same_chars`] (a name).
const MASKED_MAX: usize = 4;

/// Is a gap's text a mask and nothing else?
fn is_mask(gap: &[Sym]) -> bool {
    !gap.is_empty() && gap.iter().all(|&c| c == MASK)
}

/// The characters of a passage that are the same on both sides: its
/// blocks, inside each gap of the same length on both sides (characters
/// changed one for one) those equal at the same place, and the characters a
/// mask stands for (up to a name's length); and in the ends that
/// [`crate::align::extend_ends`] grew past its first and last block, those
/// equal at the same place (or masked).
pub(super) fn same_chars(c: &Chain, a: &[Sym], b: &[Sym]) -> usize {
    let in_gaps: usize = c
        .blocks
        .windows(2)
        .map(|w| {
            let (x, y) = (w[0], w[1]);
            let ga = &a[(x.a + x.len) as usize..y.a as usize];
            let gb = &b[(x.b + x.len) as usize..y.b as usize];
            if is_mask(ga) || is_mask(gb) {
                // A masked name stands for the name.
                ga.len().max(gb.len()).min(MASKED_MAX)
            } else if ga.len() == gb.len() {
                // Counted as the aligner counts a gap (see `agreeing`). Gaps
                // of unequal lengths (up to 3 apart) were tried: 0.2 points
                // of precision on drafts over the national reports for 1.7 of
                // recall on drafts with characters dropped.
                agreeing(ga, gb)
            } else {
                0
            }
        })
        .sum();
    c.matched + in_gaps + in_ends(c, a, b)
}

/// The characters equal at the same place (or masked) in the ends a chain
/// was grown by beyond its first and last block (the same length on both
/// sides), digits aside.
fn in_ends(c: &Chain, a: &[Sym], b: &[Sym]) -> usize {
    let (Some(first), Some(last)) = (c.blocks.first(), c.blocks.last()) else {
        return 0;
    };
    // Figures are what the genre's formulas change (`2025年工作回顾` for
    // `2024年工作回顾`): a digit in place is not counted.
    let digit = |c: Sym| (c as u32) < 128 && (c as u8).is_ascii_digit();
    let agree = |x: Range<usize>, y: Range<usize>| match (a.get(x), b.get(y)) {
        (Some(x), Some(y)) => x
            .iter()
            .zip(y)
            .filter(|(p, q)| (p == q && !digit(**p)) || **p == MASK || **q == MASK)
            .count(),
        _ => 0,
    };
    let (a_span, b_span) = (c.a_range(), c.b_range());
    let head = agree(
        a_span.start..first.a as usize,
        b_span.start..first.b as usize,
    );
    let (a_end, b_end) = ((last.a + last.len) as usize, (last.b + last.len) as usize);
    head + agree(a_end..a_span.end, b_end..b_span.end)
}

/// Do two blocks continue each other in order on both sides, with about as
/// much text between them in the draft as in the source? Then a paragraph
/// break between them in the draft (a copied paragraph split, a hard wrap
/// after a sentence's end) does not part them.
fn in_step(x: &Block, y: &Block) -> bool {
    let shift = |bl: &Block| bl.a as i64 - bl.b as i64;
    (x.a < y.a) == (x.b < y.b) && (shift(x) - shift(y)).unsigned_abs() as usize <= STEP_DRIFT
}

/// Characters between two ranges (0 when they overlap).
fn apart(x: Range<usize>, y: Range<usize>) -> usize {
    x.start
        .saturating_sub(y.end)
        .max(y.start.saturating_sub(x.end))
}

/// Do two ranges share an item?
fn overlap(x: Range<usize>, y: Range<usize>) -> bool {
    x.start < y.end && y.start < x.end
}

/// Are two passages near: a block of one within `NEAR_DRAFT` characters of
/// a block of the other in the same paragraph of the draft (`para` gives a
/// draft character's paragraph), and within `NEAR_SOURCE` of it in the
/// source? Their whole extents are not enough: a passage of a whole speech
/// is near every phrase of that speech, and the paragraph next to a copied
/// one is the writer's own however much of its topic it shares.
fn near(x: &Chain, y: &Chain, para: &dyn Fn(usize) -> usize) -> bool {
    let (few, many) = if x.blocks.len() <= y.blocks.len() {
        (x, y)
    } else {
        (y, x)
    };
    let a_of = |bl: &Block| bl.a as usize..(bl.a + bl.len) as usize;
    // The paragraphs a block spans (it may run over a paragraph break that
    // the source lacks).
    let paras = |bl: &Block| para(bl.a as usize)..para((bl.a + bl.len) as usize - 1) + 1;
    let b_of = |bl: &Block| bl.b as usize..(bl.b + bl.len) as usize;
    few.blocks.iter().any(|bl| {
        // `many`'s blocks ascend in the draft: those that end after this
        // block's start less `NEAR_DRAFT`, up to those that start past its end
        // plus `NEAR_DRAFT`.
        let from = many
            .blocks
            .partition_point(|m| (m.a + m.len) as usize + NEAR_DRAFT < bl.a as usize);
        many.blocks[from..]
            .iter()
            .take_while(|m| m.a as usize <= (bl.a + bl.len) as usize + NEAR_DRAFT)
            .any(|m| {
                apart(a_of(m), a_of(bl)) <= NEAR_DRAFT
                    && apart(b_of(m), b_of(bl)) <= NEAR_SOURCE
                    && (overlap(paras(m), paras(bl)) || in_step(m, bl))
            })
    })
}

/// The passages of `chains` (the draft and the source `lens` characters
/// long) in a group with an anchor, and the stock phrases (`stock`) of a
/// passage's length alone, by start in the draft. `min_matched` is what a
/// passage needs; an anchor is no stock phrase and has a run of
/// [`LONG_RUN`], or a `weight` of twice `min_matched`, or of at least that and
/// half the shorter text.
pub(super) fn supported(
    mut chains: Vec<Chain>,
    min_matched: usize,
    (a_len, b_len): (usize, usize),
    weight: impl Fn(&Chain) -> usize,
    stock: impl Fn(&Chain) -> bool,
    para: impl Fn(usize) -> usize,
) -> Vec<Chain> {
    chains.sort_by_key(|c| (c.a_range().start, c.b_range().start));
    let mut groups = UnionFind::new(chains.len());
    // By start in the draft, a passage can be near only those that start
    // before its end plus `NEAR_DRAFT` (passages rarely overlap in the
    // draft, so the scan is short).
    for (i, x) in chains.iter().enumerate() {
        let end = x.a_range().end + NEAR_DRAFT;
        for (j, y) in chains.iter().enumerate().skip(i + 1) {
            if y.a_range().start > end {
                break;
            }
            if near(x, y, &para) {
                groups.union(i, j);
            }
        }
    }
    let shorter = a_len.min(b_len);
    // A stock phrase carries nothing: the genre's formulae sit beside its
    // wording everywhere.
    let anchor = |c: &Chain| {
        let w = weight(c);
        let run = c.blocks.iter().map(|b| b.len as usize).max().unwrap_or(0);
        !stock(c)
            && (w >= 2 * min_matched || (w >= min_matched && 2 * w >= shorter) || run >= LONG_RUN)
    };
    let mut anchored = vec![false; chains.len()];
    for (i, c) in chains.iter().enumerate() {
        if anchor(c) {
            anchored[groups.find(i)] = true;
        }
    }
    chains
        .into_iter()
        .enumerate()
        .filter(|(i, c)| anchored[groups.find(*i)] || (c.matched >= min_matched && stock(c)))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A passage of exact blocks `(draft start, source start, length)`.
    fn passage(blocks: &[(u32, u32, u32)]) -> Chain {
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|&(a, b, len)| Block { a, b, len })
            .collect();
        let (first, last) = (blocks[0], blocks[blocks.len() - 1]);
        Chain {
            a_spans: std::iter::once(first.a as usize..(last.a + last.len) as usize).collect(),
            b_spans: std::iter::once(first.b as usize..(last.b + last.len) as usize).collect(),
            matched: blocks.iter().map(|b| b.len as usize).sum(),
            blocks,
        }
    }

    /// The draft starts of the passages kept, with every character in
    /// paragraph 0 unless `para` says otherwise.
    fn kept(chains: Vec<Chain>, para: impl Fn(usize) -> usize) -> Vec<usize> {
        supported(chains, 12, (10_000, 10_000), |c| c.matched, |_| false, para)
            .iter()
            .map(|c| c.a_range().start)
            .collect()
    }

    #[test]
    fn a_lone_passage_needs_twice_the_matched_characters_or_a_long_run() {
        assert!(kept(vec![passage(&[(100, 500, 8), (110, 510, 12)])], |_| 0).is_empty());
        assert_eq!(
            kept(vec![passage(&[(100, 500, 12), (114, 514, 12)])], |_| 0),
            [100]
        );
        assert_eq!(kept(vec![passage(&[(100, 500, 13)])], |_| 0), [100]);
    }

    #[test]
    fn a_stock_phrase_carries_nothing_beside_it() {
        let stock = passage(&[(1000, 3000, 30)]);
        let beside = passage(&[(1040, 3040, 9)]);
        let is_stock = |c: &Chain| c.matched == 30;
        let kept: Vec<usize> = supported(
            vec![stock, beside],
            12,
            (10_000, 10_000),
            |c| c.matched,
            is_stock,
            |_| 0,
        )
        .iter()
        .map(|c| c.a_range().start)
        .collect();
        assert_eq!(kept, [1000], "the stock phrase alone");
    }

    #[test]
    fn a_short_passage_is_kept_beside_an_anchor_in_its_paragraph_near_in_the_source() {
        let anchor = || passage(&[(1000, 3000, 30)]);
        // A moved sentence: after the anchor in the draft, before it in the source.
        let moved = || passage(&[(1100, 2800, 9)]);
        assert_eq!(kept(vec![moved(), anchor()], |_| 0), [1000, 1100]);
        // The same words 2 000 characters away in the source: a shared phrase.
        let far = passage(&[(1100, 5100, 9)]);
        assert_eq!(kept(vec![far, anchor()], |_| 0), [1000]);
        // The same passage in the paragraph before the anchor's: the writer's own.
        let before = || passage(&[(900, 2950, 9)]);
        let para = |i: usize| usize::from(i >= 950);
        assert_eq!(kept(vec![before(), anchor()], para), [1000]);
        // ... unless the anchor starts in that paragraph too.
        let across = passage(&[(940, 2990, 40)]);
        assert_eq!(kept(vec![before(), across], para), [900, 940]);
        // A chain of short ones, each near the next, reaches the anchor.
        let steps = vec![
            anchor(),
            passage(&[(1150, 3100, 9)]),
            passage(&[(1300, 3200, 9)]),
        ];
        assert_eq!(kept(steps, |_| 0), [1000, 1150, 1300]);
    }

    #[test]
    fn nearness_is_between_blocks_not_whole_extents() {
        // A passage that bridges much of the source (a speech's opening and
        // closing kept, the rest cut); a phrase from the middle of that
        // stretch, beside the passage in the draft, is far from its blocks.
        let whole = passage(&[(1000, 0, 20), (1030, 5000, 20)]);
        let phrase = passage(&[(960, 2500, 9)]);
        assert_eq!(kept(vec![phrase, whole], |_| 0), [1000]);
    }

    #[test]
    fn most_of_a_short_text_is_an_anchor_and_stock_phrases_stand_alone() {
        let short = || vec![passage(&[(0, 40, 7), (8, 48, 8)])];
        assert!(kept(short(), |_| 0).is_empty());
        let lens = (28, 400);
        assert_eq!(
            supported(short(), 12, lens, |c| c.matched, |_| false, |_| 0).len(),
            1
        );
        assert_eq!(
            supported(
                short(),
                12,
                (10_000, 10_000),
                |c| c.matched,
                |_| true,
                |_| 0
            )
            .len(),
            1
        );
    }

    #[test]
    fn characters_changed_one_for_one_still_count_as_the_same() {
        // 篇十's sentence with a third of its characters changed: the exact
        // runs hold 19 characters, the gaps between them 17 more in place.
        let src = crate::normalize::normalize("(六)切实抓好各项民生事业,努力增进人民福祉。始终高度关注民生,努力解决好群众最关心、最直接、最现实的利益问题,不断提升城乡群众生活的满意度和舒适度。");
        let draft = crate::normalize::normalize("(六)切根告市各设民容事业,努力自进定当福祉。始终及度关理民生,努人解决好群有最由心、最直选、定现实接利益问对,不断保升城乡群众生活创满定度建舒关监。");
        let p = crate::align::AlignParams {
            edit_and_skip: true,
            ..Default::default()
        };
        let chains = crate::align::align(&draft.chars, &src.chars, &p);
        assert_eq!(chains.len(), 1);
        let c = &chains[0];
        assert_eq!(c.matched, 19);
        assert_eq!(same_chars(c, &draft.chars, &src.chars), 36);
        // A gap of another length on each side (words moved) adds nothing.
        let moved = passage(&[(0, 0, 4), (10, 12, 4)]);
        let a: Vec<Sym> = (0..14).collect();
        let b: Vec<Sym> = (0..16).collect();
        assert_eq!(same_chars(&moved, &a, &b), 8);
    }

    #[test]
    fn the_grown_ends_count_what_stands_in_place() {
        // The 2015 report's sentence, every few characters changed: two
        // seeds (9 and 6 characters), a gap between them where 3 of 8
        // agree, and an end past the last seed with no seed in it where 6 of
        // 10 do (`学西转型出级行目致远` for `经济转型升级行稳致远`).
        let src = crate::normalize::normalize(
            "我们既要全力保持经济在合理区间运行，又要积极促进经济转型升级、行稳致远。",
        );
        let draft = crate::normalize::normalize(
            "我们既要全力保持经造发合个中间运稳，又要积极促进学西转型出级、行目致远。",
        );
        let p = crate::align::AlignParams {
            edit_and_skip: true,
            ..Default::default()
        };
        let (a, b) = (&draft.chars, &src.chars);
        let mut c = crate::align::align(a, b, &p).remove(0);
        assert_eq!((c.matched, c.a_range()), (15, 0..23));
        assert_eq!(same_chars(&c, a, b), 18);
        crate::align::extend_ends(a, b, &mut c);
        assert_eq!(c.a_range(), 0..a.len());
        assert_eq!(same_chars(&c, a, b), 24);
        // A year in a grown end is what the genre's formulas change: its
        // digits in place do not count, its 年 does.
        let src = crate::normalize::normalize("2024年工作回顾").chars;
        let draft = crate::normalize::normalize("2025年工作回顾").chars;
        let mut c = passage(&[(5, 5, 4)]);
        crate::align::extend_ends(&draft, &src, &mut c);
        assert_eq!(c.a_range(), 0..9);
        assert_eq!(same_chars(&c, &draft, &src), 5);
    }

    #[test]
    fn a_mask_stands_for_the_name_it_hides() {
        use crate::normalize::normalize;
        let src = normalize("开发区建设事关吉林振兴发展大局。各地、各部门要高度重视。");
        for masked in [
            "开发区建设事关**振兴发展大局。各地、各部门要高度重视。",
            "开发区建设事关xx振兴发展大局。各地、各部门要高度重视。",
        ] {
            let draft = normalize(masked);
            let p = crate::align::AlignParams {
                edit_and_skip: true,
                ..Default::default()
            };
            let chains = crate::align::align(&draft.chars, &src.chars, &p);
            assert_eq!(chains.len(), 1, "{masked}");
            let c = &chains[0];
            assert_eq!(c.matched, 23, "{masked}");
            assert_eq!(same_chars(c, &draft.chars, &src.chars), 25, "{masked}");
        }
    }

    #[test]
    fn blocks_in_step_continue_across_a_paragraph_break() {
        // The draft's paragraph 1 continues the source where paragraph 0 left off.
        let first = || passage(&[(1000, 3000, 30)]);
        let next = passage(&[(1040, 3041, 9)]);
        let para = |i: usize| usize::from(i >= 1035);
        assert_eq!(kept(vec![first(), next], para), [1000, 1040]);
        // A phrase from elsewhere in the source, in the next paragraph: not.
        let elsewhere = passage(&[(1040, 3300, 9)]);
        assert_eq!(kept(vec![first(), elsewhere], para), [1000]);
    }
}
