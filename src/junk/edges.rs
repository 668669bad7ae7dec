//! The collection rule: a line at the edge of speeches of three or more
//! clusters that recurs verbatim (but for its figures), carries no matter of
//! its own and shares almost no vocabulary with the speech around it.

use crate::ingest::Document;
use crate::normalize::{normalize, sym, sym_char, Normalized, Sym};
use crate::segment::paragraphs;
use crate::{FastMap, FastSet};
use rayon::prelude::*;
use regex::Regex;
use std::ops::Range;

/// Where a text occurs: (document id, byte range in the speech).
type Occurrences = Vec<(usize, Range<usize>)>;

/// Shortest edge line that can be junk, in characters.
const EDGE_MIN_CHARS: usize = 8;
/// Longest: a site's filler paragraph pasted at the head of its speeches
/// (`社交媒体在现代生活中扮演着重要的角色,…`, 104 characters, 4–11% of its
/// bigrams elsewhere in the speech). No edge line of 40 to 300 characters
/// without figures recurs verbatim in three speeches of the national,
/// provincial and law corpora.
const EDGE_MAX_CHARS: usize = 300;

/// Edge lines (first two and last two) that recur in three or more clusters and
/// share little vocabulary (character bigrams) with the rest of their speech.
pub(super) fn recurring_edge_lines(
    docs: &[Document],
    group: &[usize],
    norms: &[&Normalized],
) -> Vec<(String, Occurrences)> {
    // Each speech's edge lines, found in parallel and gathered in document order.
    let edges: Vec<Vec<(String, Range<usize>)>> = docs
        .par_iter()
        .map(|d| {
            let paras = paragraphs(d.text());
            let n = paras.len();
            let mut v = Vec::new();
            for (i, p) in paras.iter().enumerate() {
                if n < 4 || (i >= 2 && i + 2 < n) {
                    continue;
                }
                let line = &d.text()[p.clone()];
                let key = line_key(line);
                let len = key.chars().count();
                if !(EDGE_MIN_CHARS..=EDGE_MAX_CHARS).contains(&len) || carries_content(line) {
                    continue;
                }
                v.push((key, p.clone()));
            }
            v
        })
        .collect();
    let mut by_key: FastMap<String, Vec<(usize, Range<usize>)>> = FastMap::default();
    for (d, list) in docs.iter().zip(edges) {
        for (key, p) in list {
            by_key.entry(key).or_default().push((d.id, p));
        }
    }
    let mut out: Vec<(String, Occurrences)> = by_key
        .into_par_iter()
        .filter(|(key, occs)| {
            let groups: FastSet<usize> = occs.iter().map(|(d, _)| group[*d]).collect();
            groups.len() >= 3
                && occs
                    .iter()
                    .all(|(d, r)| vocabulary_overlap(key, norms[*d], r) < 0.3)
        })
        .map(|(_, occs)| {
            let text = docs[occs[0].0].text()[occs[0].1.clone()].to_string();
            (text, occs)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A line as the collection rule compares it: normalised, each run of
/// figures one `#` (a site's page line, `时间:2021-03-16 发言稿 我要投稿`,
/// carries a different date in each speech).
fn line_key(line: &str) -> String {
    let mut key = String::new();
    for c in normalize(line).chars.into_iter().map(sym_char) {
        if !c.is_ascii_digit() {
            key.push(c);
        } else if !key.ends_with('#') {
            key.push('#');
        }
    }
    key
}

/// Lines that are part of a speech's matter, never junk: salutations and
/// lead-ins (ending in a colon or semicolon), enumerated items (`（一）`, `一、`,
/// `1.`, `第三条`), and anything with figures in it but a page's timestamp
/// (`2021-03-16 18:04:33`, which sites print above or below a text).
fn carries_content(line: &str) -> bool {
    static ITEM: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static STAMP: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let item = ITEM.get_or_init(|| {
        Regex::new(r"^\s*([（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、.．]|[0-9０-９]+[、.．]|第[一二三四五六七八九十百0-9]+[条章节款])")
            .expect("built-in item pattern")
    });
    let stamp = STAMP.get_or_init(|| {
        Regex::new(r"(19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?")
            .expect("built-in timestamp pattern")
    });
    let line = line.trim();
    if speakers_formula(line) {
        return true;
    }
    let figures = stamp
        .replace_all(line, "")
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    line.ends_with([':', '：', ';', '；']) || figures || item.is_match(line)
}

/// A speaker's words to the meeting: the formulas that open and close a
/// speech or report (`下面，我讲三点意见。`, `我就讲这些，谢谢大家！`,
/// `以上汇报，请予审议。`, `以上讲话，不妥之处，请批评指正。`,
/// `最后，预祝大会圆满成功！`). They recur verbatim at the edge of speeches
/// and share few words with them, as junk does, but they are the genre's
/// own matter (its templates). Not when a site's words are in the line
/// (`更多讲话稿范文，请关注本站`, `小编为大家整理的发言稿`).
fn speakers_formula(line: &str) -> bool {
    static SPEAKER: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static SITE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let speaker = SPEAKER.get_or_init(|| {
        Regex::new(r"讲话|發言|发言|汇报|匯報|审议|審議|评议|評議|指正|谢谢|謝謝|讲这些|講這些|讲到这里|講到這裡|讲[一二三四五六七八九十两几]点|講[一二三四五六七八九十兩幾]點|意见|意見|报告|報告|委托|委託|祝")
            .expect("built-in speaker pattern")
    });
    let site = SITE.get_or_init(|| {
        Regex::new(r"本站|网站|網站|小编|小編|范文|範文|整理|参考|參考|下载|下載|阅读|閱讀|投稿|收藏|分享|关注|關注|点击|點擊|免费|免費|查看|网络|網絡|转载|轉載|版权|版權")
            .expect("built-in site pattern")
    });
    speaker.is_match(line) && !site.is_match(line)
}

/// Share of the line's character bigrams that occur elsewhere in the speech
/// (`speech`, normalised; `line`, a byte range of its text).
fn vocabulary_overlap(key: &str, speech: &Normalized, line: &Range<usize>) -> f64 {
    // `key` is a normalised line written out (see `recurring_edge_lines`).
    let k: Vec<Sym> = key.chars().map(sym).collect();
    let grams: FastSet<(Sym, Sym)> = k.windows(2).map(|w| (w[0], w[1])).collect();
    if grams.is_empty() {
        return 1.0;
    }
    // The speech's characters before the line and after it, each side's
    // bigrams looked up in the line's (few) rather than all gathered.
    let (from, to) = (
        speech.starting_before(line.start),
        speech.starting_before(line.end),
    );
    let mut seen: FastSet<(Sym, Sym)> = FastSet::default();
    for side in [&speech.chars[..from], &speech.chars[to.min(speech.len())..]] {
        for w in side.windows(2) {
            let g = (w[0], w[1]);
            if grams.contains(&g) {
                seen.insert(g);
            }
        }
    }
    seen.len() as f64 / grams.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_figures_and_lead_ins_are_content() {
        assert!(carries_content("（一）物业管理区域核定意见；"));
        assert!(carries_content(
            "2016年11月11日 上海市第十四届人民代表大会常务委员会第三十三次会议通过"
        ));
        assert!(carries_content("第三条 本条例适用于本市行政区域"));
        assert!(carries_content("同志们："));
        assert!(carries_content(
            "实现五环路以内信号灯实时调度控制，中心城区绿色出行比例从75.6%提升至76.5%。"
        ));
        assert!(!carries_content(
            "时间:2021-03-16 18:04:33 发言稿 我要投稿 欢迎阅读"
        ));
        assert_eq!(
            line_key("时间:2021-03-16 18:04:33 发言稿"),
            line_key("时间：2018-04-12 08:00:01 发言稿")
        );
        assert!(!carries_content("更多精彩范文，请关注本站。"));
        for formula in [
            "我就讲这些，谢谢大家！",
            "以上讲话，不妥之处，请批评指正。",
            "以上汇报，请予审议。",
            "下面，我讲三点意见。",
            "受市政府委托，现将有关情况报告如下，请予审议。",
            "最后，预祝大会圆满成功！",
        ] {
            assert!(carries_content(formula), "{formula}");
        }
        assert!(!carries_content("更多讲话稿范文，请关注本站。"));
        assert!(!carries_content(
            "下面是小编为大家整理的发言稿，供大家参考。"
        ));
        assert!(!carries_content(
            "以上就是小编为大家整理的讲话稿范文，希望对大家有所帮助。"
        ));
    }
}
