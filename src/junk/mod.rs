//! Speeches → the text essay sites inject into them.
//!
//! Three sources, each reported with its reason:
//! * the built-in list of site phrases (`下面是小编为大家整理的`, `当前隐藏内容免费查看`,
//!   `(优秀19篇)` …) and the user's own patterns;
//! * a compilation's preamble (its title and SEO filler: text before the first speech);
//! * the collection rule, which needs no list: a line of 8–300 characters
//!   that recurs verbatim (but for its figures) in speeches of three or more
//!   clusters, sits at the edge of a speech (first or last two lines), carries
//!   no matter of its own (no figures but a page's timestamp, no enumerated
//!   item, no lead-in ending in a colon) and shares almost
//!   no vocabulary with the speech around it. A new site's junk is found this way without a code change.

mod builtin;
mod edges;

use crate::ingest::{Corpus, Document};
use crate::normalize::Normalized;
use crate::report::{JunkEntry, JunkOccurrence};
use crate::segment::paragraphs;
use crate::FastMap;
use builtin::builtin;
pub use builtin::BUILTIN;
use edges::recurring_edge_lines;
use regex::Regex;
use std::ops::Range;

/// Where the built-in patterns, then the user's, hit a speech's text, one range
/// per match (widened to its line when the line is short), and whether the
/// pattern is built in.
pub type Hits = Vec<(Range<usize>, bool)>;

/// The [`Hits`] of the built-in and `user` patterns in `text`.
pub fn pattern_hits(text: &str, user: &[Regex]) -> Hits {
    let builtin = builtin().iter().map(|r| (r, true));
    let mut out = Vec::new();
    for (re, is_builtin) in builtin.chain(user.iter().map(|r| (r, false))) {
        out.extend(
            re.find_iter(text)
                .map(|m| (widen_to_line(text, m.range(), is_builtin), is_builtin)),
        );
    }
    // Two patterns that hit one stretch (`本文来源于网络，如有侵权请联系删除`)
    // hit it once, as built-in if either is.
    out.sort_by_key(|(r, builtin)| (r.start, r.end, !builtin));
    out.dedup_by_key(|(r, _)| (r.start, r.end));
    out
}

/// Find the junk of a corpus; `group[d]` is the duplicate cluster of document
/// `d` and `hits[d]` its [`pattern_hits`].
pub fn find(
    corpus: &Corpus,
    group: &[usize],
    hits: &[Hits],
    norms: &[&Normalized],
) -> Vec<JunkEntry> {
    let mut found: FastMap<String, JunkEntry> = FastMap::default();
    let mut add = |text: &str, reason: &str, occ: JunkOccurrence| {
        let e = found.entry(text.to_string()).or_insert_with(|| JunkEntry {
            text: text.to_string(),
            documents: Vec::new(),
            reason: reason.to_string(),
            occurrences: Vec::new(),
        });
        if let Some(d) = occ.document {
            e.documents.push(d);
        }
        e.occurrences.push(occ);
    };
    for file in &corpus.files {
        if let Some(pre) = &file.pieces.preamble {
            for p in paragraphs(&file.text[pre.clone()]) {
                let r = pre.start + p.start..pre.start + p.end;
                add(
                    &file.text[r.clone()],
                    "compilation preamble (title and site filler, not a speech)",
                    JunkOccurrence {
                        source: file.path.clone(),
                        document: None,
                        line: 1 + file.text[..r.start].bytes().filter(|&b| b == b'\n').count(),
                        start: r.start,
                        end: r.end,
                    },
                );
            }
        }
    }
    for (d, list) in corpus.documents.iter().zip(hits) {
        for (r, is_builtin) in list {
            let reason = if *is_builtin {
                "built-in site phrase"
            } else {
                "user junk pattern"
            };
            add(
                &d.text()[r.clone()],
                reason,
                occurrence(corpus, d, r.clone()),
            );
        }
    }
    for (text, occs) in recurring_edge_lines(&corpus.documents, group, norms) {
        for (d, r) in occs {
            add(
                &text,
                "recurs in unrelated speeches at their edge and shares no vocabulary with them",
                occurrence(corpus, &corpus.documents[d], r),
            );
        }
    }
    let mut out: Vec<JunkEntry> = found
        .into_values()
        .map(|mut e| {
            e.documents.sort_unstable();
            e.documents.dedup();
            e.occurrences
                .sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
            e.occurrences.dedup();
            e
        })
        .collect();
    out.sort_by(|a, b| {
        b.occurrences
            .len()
            .cmp(&a.occurrences.len())
            .then_with(|| a.text.cmp(&b.text))
    });
    out
}

/// A hit inside a short line stands for the whole line, and so does a
/// built-in one in a row of page fields (`上传人:… 文档编号:… 上传时间:…
/// 格式:PPT 页数:43`); in a long paragraph only the hit.
fn widen_to_line(text: &str, r: Range<usize>, builtin: bool) -> Range<usize> {
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    let line = text[start..end].trim();
    let chars = line.chars().count();
    if chars <= 60 || (builtin && chars <= 200 && page_fields(line)) {
        let lead = text[start..end].len() - text[start..end].trim_start().len();
        start + lead..start + lead + line.len()
    } else {
        r
    }
}

/// Is `line` a row of page fields rather than prose: three or more parts
/// between spaces, none of them longer than [`FIELD_CHARS`], at least two
/// of them `label:value` with a label of at most four characters, and no
/// sentence's end in it (a full stop in a figure, `1.26MB`, is none)?
fn page_fields(line: &str) -> bool {
    let prose = line.contains(['。', '！', '？', '；', '!', '?'])
        || line.contains(". ")
        || line.ends_with('.');
    let parts: Vec<&str> = line.split_whitespace().collect();
    let labelled = |p: &&&str| {
        p.find([':', '：'])
            .is_some_and(|i| (1..=4).contains(&p[..i].chars().count()))
    };
    !prose
        && parts.len() >= 3
        && parts.iter().all(|p| p.chars().count() <= FIELD_CHARS)
        && parts.iter().filter(labelled).count() >= 2
}

/// The longest part of a row of page fields (`文档编号:1653931`, `上传时间:2022-12-12`).
const FIELD_CHARS: usize = 24;

/// A junk occurrence at byte range `r` of speech `d` (lines from the speech's
/// own line index, not a count over the whole file).
fn occurrence(corpus: &Corpus, d: &Document, r: Range<usize>) -> JunkOccurrence {
    JunkOccurrence {
        source: corpus.files[d.file].path.clone(),
        document: Some(d.id),
        line: d.line_of(r.start),
        start: d.range.start + r.start,
        end: d.range.start + r.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_fragment_stays_a_fragment() {
        let text = "当前隐藏内容免费查看办了30多所干部学校,掀起了吃小米饭、攻理论山的热潮,纠正了党内的教条主义倾向,为党的事业发展提供了坚强保证。";
        let m = builtin().iter().find_map(|r| r.find(text)).unwrap();
        assert_eq!(
            &text[widen_to_line(text, m.range(), true)],
            "当前隐藏内容免费查看"
        );
    }

    #[test]
    fn a_row_of_page_fields_is_junk_as_a_whole() {
        let row =
            "上传人:牧羊曲112 文档编号:1653931 上传时间:2022-12-12 格式:PPT 页数:43 大小:1.26MB";
        let text = format!("同志们：\n{row}\n要抓落实。");
        let hits = pattern_hits(&text, &[]);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(&text[hits[0].0.clone()], row);
        // Clauses of a speech between spaces are no row of fields.
        let spaced = "我们要认真学习 深刻领会会议精神 上传时间：这样的提示要从材料里删去 把全部精力用在抓落实上 确保各项任务按时完成 不断开创工作新局面";
        let hits = pattern_hits(spaced, &[]);
        assert_eq!(&spaced[hits[0].0.clone()], "上传时间：");
        // A long sentence of a speech that holds a hit keeps only the hit.
        let prose = "我们要把上传时间：这样的提示从材料里删去，把全部精力用在抓落实上，确保各项任务按时完成，不断开创工作新局面，让人民群众有更多获得感、幸福感和安全感，为全面建设社会主义现代化国家作出新的更大贡献。";
        let hits = pattern_hits(prose, &[]);
        assert_eq!(&prose[hits[0].0.clone()], "上传时间：");
    }
}
