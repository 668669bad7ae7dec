//! Draft paragraphs no passage reaches → the reworded sentences copied into them.
//!
//! A paragraph copied with two characters in five changed, or with its
//! sentences reordered and a third of its characters changed, may keep no run
//! of identical characters long enough for a passage: then nothing anchors
//! the sentences beside it (see [`super::reworded`]) and the whole paragraph
//! is missed. So each sentence of a draft paragraph that passages leave
//! mostly uncovered is compared with every sentence of a candidate source,
//! by their longest common subsequence (see [`Matcher`]). One sentence alike
//! is no evidence: genre text has template sentences that reach half of a
//! sentence by chance among a source's hundreds. The sentences count only
//! when two or more of the paragraph's match sentences of one source that lie
//! together, within the paragraph's length and [`NEAR_SOURCE`] of each other
//! (a paragraph taken from one place), with three times the characters a
//! short passage needs; or one sentence alone with 30.

use super::alike::Matcher;
use super::sentences::Draft;
use super::supported::{NEAR_SOURCE, WEAK_MATCHED};
use crate::align::Chain;
use crate::report::FoundPassage;
use std::ops::Range;

/// Share (in tenths) of a paragraph that passages may cover for it to be
/// compared sentence by sentence.
const COVERED_TENTHS: usize = 5;
/// Fewest sentences of a paragraph matched in one place of a source ...
const MIN_SENTENCES: usize = 2;
/// ... with this many characters the same in all (three times what a short
/// passage beside a long one needs: two template sentences of a government
/// work report, near each other in another province's report, had 18 to 23).
const MIN_SAME: usize = 3 * WEAK_MATCHED;
/// Characters the same that one sentence alone needs (no sentence of the
/// clean drafts of the same genre reached it).
const ONE_SENTENCE: usize = 30;

/// Most pairs of sentences of a fit length compared for one draft, over all
/// its sources (about a second): a draft of 10 KB compares some 30 000 with
/// a speech; one of 10 MB with a corpus of 52 took 16 CPU-seconds more
/// before this limit. Past it, a source's other sentences are left as they are.
pub(super) const MAX_PAIRS: usize = 1 << 27;

/// An open paragraph's copy from one source: the characters its sentences
/// have the same, and their passages.
pub(super) type Copy = (usize, Vec<FoundPassage>);

/// The paragraphs of a draft stream of `len` characters whose paragraphs
/// after the first start at `starts` (ascending), empty ones left out.
pub(super) fn paragraphs(starts: &[usize], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut from = 0;
    for &s in starts.iter().chain(std::iter::once(&len)) {
        if s > from {
            out.push(from..s);
            from = s;
        }
    }
    out
}

/// Does draft character `i` lie in one of the `open` paragraphs?
pub(super) fn in_open(open: &[Open], i: usize) -> bool {
    let k = open.partition_point(|p| p.chars.end <= i);
    open.get(k).is_some_and(|p| p.chars.contains(&i))
}

/// Each open paragraph's copy from the source whose sentences have most the
/// same (the first such of `docs`), given `copies[j][i]`, paragraph `i`'s
/// copy from `docs[j]`: the source, and the passages.
pub(super) fn best_copies(
    docs: &[u32],
    mut copies: Vec<Vec<Option<Copy>>>,
) -> Vec<(u32, Vec<FoundPassage>)> {
    let paras = copies.first().map_or(0, |c| c.len());
    (0..paras)
        .filter_map(|i| {
            let (_, j) = (copies.iter().enumerate())
                .filter_map(|(j, row)| row[i].as_ref().map(|c| (c.0, j)))
                .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))?;
            let passages = copies[j][i].take().map(|c| c.1).unwrap_or_default();
            Some((docs[j], passages))
        })
        .collect()
}

/// A draft paragraph that passages leave mostly uncovered, and the sentences
/// of it that are compared.
pub(super) struct Open {
    /// Its characters.
    pub(super) chars: Range<usize>,
    /// Indexes of its sentences (in the draft's sentences) that are compared.
    sentences: Vec<usize>,
}

/// The paragraphs (`paras`, ranges of the draft's stream) that `covered`
/// (the draft characters passages cover) leaves mostly open, with their
/// sentences that are neither covered nor `skip`ped (stock wording).
pub(super) fn open_paragraphs(
    a: &Draft,
    paras: &[Range<usize>],
    covered: &[bool],
    skip: impl Fn(&Range<usize>) -> bool,
) -> Vec<Open> {
    let count = |r: &Range<usize>| covered[r.clone()].iter().filter(|&&c| c).count();
    paras
        .iter()
        .filter(|p| 10 * count(p) < COVERED_TENTHS * p.len())
        .filter_map(|p| {
            let from = a.sentences.partition_point(|s| s.end <= p.start);
            let sentences: Vec<usize> = (from..a.sentences.len())
                .take_while(|&k| a.sentences[k].start < p.end)
                .filter(|&k| {
                    let s = &a.sentences[k];
                    10 * count(s) < COVERED_TENTHS * s.len() && !skip(s)
                })
                .collect();
            (!sentences.is_empty()).then(|| Open {
                chars: p.clone(),
                sentences,
            })
        })
        .collect()
}

/// For each open paragraph, the sentences of it copied from `source`, when
/// at least [`MIN_SENTENCES`] of them lie together in the source with
/// [`MIN_SAME`] characters the same, or one with [`ONE_SENTENCE`] (the group
/// with most), with the characters they match.
pub(super) fn copied_from(
    a: &Draft,
    open: &[Open],
    source: &mut Matcher,
) -> Vec<Option<(usize, Vec<Chain>)>> {
    let all = source.sentences.len();
    open.iter()
        .map(|p| {
            let mut found: Vec<Chain> = p
                .sentences
                .iter()
                .filter_map(|&k| source.most_alike(a, k, 0..all))
                .collect();
            found.sort_by_key(|c| (c.b_range().start, c.a_range().start));
            together(found, p.chars.len() + NEAR_SOURCE)
        })
        .collect()
}

/// The run of `found` (by source start) whose source text spans at most
/// `reach` and that matches most characters, when it is enough (see
/// [`copied_from`]).
fn together(found: Vec<Chain>, reach: usize) -> Option<(usize, Vec<Chain>)> {
    let mut best: Option<(usize, Range<usize>)> = None;
    for i in 0..found.len() {
        let start = found[i].b_range().start;
        let mut same = 0;
        for (j, c) in found.iter().enumerate().skip(i) {
            if c.b_range().end > start + reach {
                break;
            }
            same += c.matched;
            let enough = (j + 1 - i >= MIN_SENTENCES && same >= MIN_SAME) || same >= ONE_SENTENCE;
            if enough && best.as_ref().is_none_or(|b| same > b.0) {
                best = Some((same, i..j + 1));
            }
        }
    }
    let (same, run) = best?;
    Some((same, found[run].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::super::sentences::sentence_spans;
    use super::*;
    use crate::normalize::normalize;

    /// The paragraphs of a text, one a line, as ranges of its stream.
    fn lines(text: &str, n: &crate::normalize::Normalized) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let (s, e) = (n.starting_before(at), n.starting_before(at + line.len()));
            out.push(s..e);
            at += line.len();
        }
        out
    }

    #[test]
    fn a_reworded_paragraph_with_no_passage_is_found_where_its_sentences_lie_together() {
        // The source: a paragraph among others. The draft: the writer's own
        // paragraph, then that paragraph with its sentences swapped and about
        // a third of its characters changed (no 8 in a row left), then one
        // sentence alike a source sentence on its own.
        let source = "今年以来，全市上下认真贯彻落实市委决策部署。\n\
            开发区要坚持项目为王，全力以赴抓招商引资工作。各部门要做到全程服务，带头分包重大项目。园区要统筹推进基础设施建设，完善配套功能。\n\
            要加强干部队伍建设，提高服务企业的能力和水平。\n";
        let draft = "明天上午九点，在市政府礼堂召开全体干部大会。\n\
            园区需统筹促进基础设施建造，健全配套功能。开发区需坚持工程为王，全力以赴抓招商引资事情。各部门需作到全程服务，带头分抱重点项目。\n\
            要加强干部队伍的建设，提升服务群众的能力。\n";
        let (sn, dn) = (normalize(source), normalize(draft));
        let a = Draft::new(draft, &dn);
        let paras = lines(draft, &dn);
        let open = open_paragraphs(&a, &paras, &vec![false; dn.len()], |_| false);
        assert_eq!(open.len(), 3);
        assert_eq!(open[1].chars, paras[1]);
        let mut m = Matcher::new(&sn.chars, sentence_spans(source, &sn));
        let got = copied_from(&a, &open, &mut m);
        assert_eq!(got[0], None, "the writer's own sentence");
        assert_eq!(
            got[2], None,
            "one sentence alike, too little the same alone"
        );
        let (same, chains) = got[1].clone().expect("the reworded paragraph");
        assert_eq!(chains.len(), 3);
        assert!(same >= 3 * 8);
        let ds = &a.sentences;
        let spans: Vec<Range<usize>> = chains.iter().map(|c| c.a_range()).collect();
        assert_eq!(spans, vec![ds[2].clone(), ds[3].clone(), ds[1].clone()]);
        // Covered paragraphs are not compared.
        let mut covered = vec![false; dn.len()];
        covered[paras[1].clone()].fill(true);
        assert_eq!(open_paragraphs(&a, &paras, &covered, |_| false).len(), 2);
    }

    #[test]
    fn sentences_alike_far_apart_in_the_source_are_no_copy() {
        // Two template sentences of the draft's paragraph each alike one of
        // the source, but the source's two lie in different paragraphs far
        // apart.
        let filler = "这是一段很长的与前后文毫无关系的正文内容用来隔开两处。".repeat(20);
        let source = format!(
            "开发区要坚持项目为王，全力以赴抓招商引资工作。\n{filler}\n各部门要做到全程服务，带头分包重大项目。\n"
        );
        let draft = "开发区需坚持工程为王，全力以赴抓招商引资事情。各部门需作到全程服务，带头分抱重点项目。\n";
        let (sn, dn) = (normalize(&source), normalize(draft));
        let a = Draft::new(draft, &dn);
        let open = open_paragraphs(&a, &lines(draft, &dn), &vec![false; dn.len()], |_| false);
        let mut m = Matcher::new(&sn.chars, sentence_spans(&source, &sn));
        assert_eq!(copied_from(&a, &open, &mut m), vec![None]);
    }
}
