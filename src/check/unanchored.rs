//! Draft paragraphs no passage reaches → the reworded sentences copied into them.
//!
//! A paragraph copied with two characters in five changed, or with its
//! sentences reordered and a third of its characters changed, may keep no run
//! of identical characters long enough for a passage: then nothing anchors
//! the sentences beside it (see [`super::reworded`]) and the whole paragraph
//! is missed. So each sentence that no passage touches, of a draft paragraph
//! that passages leave mostly uncovered, is compared with every sentence of
//! a candidate source,
//! by their longest common subsequence (see [`Matcher`]). One sentence alike
//! is no evidence: genre text has template sentences that reach half of a
//! sentence by chance among a source's hundreds. The sentences count only
//! when two or more of the paragraph's match distinct sentences of one source
//! that lie together, within the paragraph's length and [`NEAR_SOURCE`] of each other
//! (a paragraph taken from one place), with three times the characters a
//! short passage needs; or one sentence alone with 30.

use super::alike::{fits, Alike, Matcher};
use super::sentences::Draft;
use super::supported::{NEAR_SOURCE, WEAK_MATCHED};
use crate::align::Chain;
use crate::report::FoundPassage;
use std::ops::Range;

/// Share (in tenths) of a paragraph that passages may cover for it to be
/// compared sentence by sentence (its sentences that no passage touches).
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

/// An open stretch's copy from one source: the stretch (its index among the
/// open ones), the characters its sentences have the same, and their
/// passages (chains, or the report's passages).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Copied<P> {
    pub(super) stretch: usize,
    pub(super) same: usize,
    pub(super) passages: Vec<P>,
}

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
/// same (the first such of `docs`), given `copies[j]`, the copies from
/// `docs[j]` by open paragraph: the source, and the passages.
pub(super) fn best_copies(
    docs: &[u32],
    copies: Vec<Vec<Copied<FoundPassage>>>,
) -> Vec<(u32, Vec<FoundPassage>)> {
    let mut all: Vec<(u32, Copied<FoundPassage>)> = Vec::new();
    for (&d, list) in docs.iter().zip(copies) {
        all.extend(list.into_iter().map(|c| (d, c)));
    }
    // By stretch, most the same first, then the first source.
    all.sort_by(|(d, x), (e, y)| (x.stretch, y.same, d).cmp(&(y.stretch, x.same, e)));
    all.dedup_by_key(|(_, c)| c.stretch);
    all.into_iter().map(|(d, c)| (d, c.passages)).collect()
}

/// A stretch of a draft paragraph that passages leave mostly uncovered (a
/// long paragraph is cut into stretches of [`MAX_STRETCH`] sentences), and
/// the sentences of it that are compared.
pub(super) struct Open {
    /// Its characters.
    pub(super) chars: Range<usize>,
    /// Indexes of its sentences (in the draft's sentences) that are compared.
    sentences: Vec<usize>,
}

/// Most sentences compared as one stretch of a paragraph (a paragraph taken
/// from one place of a source has fewer; a draft on one line has no
/// paragraphs).
const MAX_STRETCH: usize = 32;

/// The paragraphs (`paras`, ranges of the draft's stream) that `covered`
/// (the draft characters passages cover) leaves mostly open, with their
/// sentences of a length that is compared (see [`fits`]) that no passage
/// touches and that are not `skip`ped (stock wording).
pub(super) fn open_paragraphs(
    a: &Draft,
    paras: &[Range<usize>],
    covered: &[bool],
    skip: impl Fn(&Range<usize>) -> bool,
) -> Vec<Open> {
    let count = |r: &Range<usize>| covered[r.clone()].iter().filter(|&&c| c).count();
    let mut out = Vec::new();
    for p in paras
        .iter()
        .filter(|p| 10 * count(p) < COVERED_TENTHS * p.len())
    {
        let from = a.sentences.partition_point(|s| s.end <= p.start);
        let sentences: Vec<usize> = (from..a.sentences.len())
            .take_while(|&k| a.sentences[k].start < p.end)
            .filter(|&k| {
                let s = &a.sentences[k];
                fits(s.len()) && count(s) == 0 && !skip(s)
            })
            .collect();
        for stretch in sentences.chunks(MAX_STRETCH) {
            let (first, last) = (
                &a.sentences[stretch[0]],
                &a.sentences[stretch[stretch.len() - 1]],
            );
            out.push(Open {
                chars: first.start..last.end,
                sentences: stretch.to_vec(),
            });
        }
    }
    out
}

/// The open stretches' copies from `source`, by stretch (see [`best_copies`]):
/// its sentences' passages when at least [`MIN_SENTENCES`] of them match
/// distinct source sentences that lie together with [`MIN_SAME`] characters
/// the same, masks aside, or one with [`ONE_SENTENCE`] (the group with most),
/// and the characters they have the same.
pub(super) fn copied_from(a: &Draft, open: &[Open], source: &mut Matcher) -> Vec<Copied<Chain>> {
    let all = source.sentences.len();
    let mut out = Vec::new();
    for (i, p) in open.iter().enumerate() {
        let mut found: Vec<Alike> = p
            .sentences
            .iter()
            .filter_map(|&k| source.most_alike(a, k, 0..all))
            .collect();
        // A source sentence is evidence once: for the draft sentence most
        // like it.
        found.sort_by(|x, y| {
            (x.chain.b_range().start, y.same, x.chain.a_range().start).cmp(&(
                y.chain.b_range().start,
                x.same,
                y.chain.a_range().start,
            ))
        });
        found.dedup_by_key(|x| x.chain.b_range().start);
        if let Some((same, passages)) = together(found, p.chars.len() + NEAR_SOURCE) {
            out.push(Copied {
                stretch: i,
                same,
                passages,
            });
        }
    }
    out
}

/// The run of `found` (by source start) whose source text spans at most
/// `reach` and that has most characters the same, when it is enough (see
/// [`copied_from`]).
fn together(found: Vec<Alike>, reach: usize) -> Option<(usize, Vec<Chain>)> {
    let mut best: Option<(usize, Range<usize>)> = None;
    for i in 0..found.len() {
        let start = found[i].chain.b_range().start;
        let mut same = 0;
        for (j, x) in found.iter().enumerate().skip(i) {
            if x.chain.b_range().end > start + reach {
                break;
            }
            same += x.same;
            let enough = (j + 1 - i >= MIN_SENTENCES && same >= MIN_SAME) || same >= ONE_SENTENCE;
            if enough && best.as_ref().is_none_or(|b| same > b.0) {
                best = Some((same, i..j + 1));
            }
        }
    }
    let (same, run) = best?;
    let chains = found.into_iter().skip(run.start).take(run.len());
    Some((same, chains.map(|x| x.chain).collect()))
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
        // Not the writer's own sentence, nor one sentence alike with too
        // little the same alone: the reworded paragraph only.
        assert_eq!(got.len(), 1);
        let Copied {
            stretch,
            same,
            passages: chains,
        } = got[0].clone();
        assert_eq!(stretch, 1);
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
        assert_eq!(copied_from(&a, &open, &mut m), vec![]);
    }

    #[test]
    fn one_source_sentence_is_evidence_once_and_masks_are_not() {
        // Three draft sentences each alike the same source sentence (a
        // template), and a paragraph with every other character masked.
        let source = "一年来，我们持续加强政府自身建设。巩固拓展主题教育成果。\n\
            开发区要坚持项目为王，全力以赴抓招商引资工作。各部门要做到全程服务，带头分包重大项目。\n";
        let draft = "要持续加强法治政府建设。围绕重点领域开展政府立法。要持续加强效能政府建设。坚持为人民出政绩。要持续加强廉洁政府建设。\n\
            开×区×坚×项×为×，全×以×抓×商×资×作。各×门×做×全×服×，带×分×重×项×。\n";
        let (sn, dn) = (normalize(source), normalize(draft));
        let a = Draft::new(draft, &dn);
        let open = open_paragraphs(&a, &lines(draft, &dn), &vec![false; dn.len()], |_| false);
        assert_eq!(open.len(), 2);
        let mut m = Matcher::new(&sn.chars, sentence_spans(source, &sn));
        assert_eq!(copied_from(&a, &open, &mut m), vec![]);
    }

    #[test]
    fn a_long_paragraph_is_compared_in_stretches() {
        let draft = "开发区需坚持工程为王全力以赴抓招商引资事情。".repeat(70) + "\n";
        let dn = normalize(&draft);
        let a = Draft::new(&draft, &dn);
        let open = open_paragraphs(&a, &lines(&draft, &dn), &vec![false; dn.len()], |_| false);
        let sizes: Vec<usize> = open.iter().map(|o| o.sentences.len()).collect();
        assert_eq!(sizes, [32, 32, 6]);
        assert!(open.windows(2).all(|w| w[0].chars.end <= w[1].chars.start));
    }
}
