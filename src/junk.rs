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

use crate::ingest::{Corpus, Document};
use crate::normalize::{normalize, sym, sym_char, Normalized, Sym};
use crate::report::{JunkEntry, JunkOccurrence};
use crate::segment::paragraphs;
use crate::{FastMap, FastSet};
use rayon::prelude::*;
use regex::Regex;
use std::ops::Range;

/// Site phrases known to be junk.
pub const BUILTIN: &[&str] = &[
    r"(下面|以下|以上|上面)(就是|是|为|為)[^。！？\n]{0,8}小[编編][^。！？\n]{0,40}[。！？]?",
    // A site's lead-in that counts its pieces: `下面给大家分享…致辞5篇,供大家参考。`
    r"(下面|以下)(给|給|为|為)大家(分享|整理|带来|帶來|收集)[^。！？\n]{0,60}[0-9一二三四五六七八九十]+篇[^。！？\n]{0,20}",
    r"(当前)?隐藏内容免费查看",
    r"[（(]?(优秀|精选|热门|推荐)[0-9一二三四五六七八九十]+篇[)）]?",
    r"点击[^。\n]{0,8}(查看|阅读|下载)全文",
    r"(本文|本篇)(由|来自|转载自)[^。\n]{0,30}",
    // (A source line names the net or a site: `本文来源于基层调研` is matter.)
    r"(本文|本篇)(内容)?来源于?[：:]?\s*(网络|互联网|网友|网上|网站|https?://|www\.)[^。\n]{0,30}",
    r"本文内容由[^。\n]{0,30}",
    r"文章来源[：:][^。\n]{0,30}",
    r"(更多|精彩)[^。\n]{0,12}(请|敬请)(关注|访问)[^。\n]{0,30}",
    r"(免费|全文)下载[^。\n]{0,20}",
    r"下载(全文|完整版|原文)[^。\n]{0,10}",
    r"展开(阅读)?全文",
    // Paywalls and page furniture: `（此处隐藏3821字）`, `以下内容需要付费后查看`,
    // `第1页 共3页`, `上一篇：…`, `本文已影响1.2W+人`.
    r"此处隐藏(内容|[：:]?\s*[0-9０-９]+\s*字)[^。\n]{0,12}",
    r"需要?付费后?(才能)?(查看|阅读|下载)",
    r"第 ?[0-9]{1,4} ?页[ ，,/／]*共 ?[0-9]{1,4} ?页",
    // (Only the marker: a navigation line is short and is widened to the
    // whole line; a `[^\n]{0,40}` after two alternatives took ten times as
    // long to search.)
    r"(?:上一篇|下一篇)[：:]",
    r"本文已影响[^\n]{0,12}人",
    r"(扫码|扫一扫|扫描二维码)关注[^。\n]{0,30}",
    r"感谢(您的)?(阅读|浏览)[^。！\n]{0,20}[。！]?",
    // Copyright lines of the sites (`版权所有©2023 范文网`, `Copyright © …`).
    r"版权所有 ?(©|\(c\)|（c）)[^\n]{0,40}",
    r"([Cc]opyright|COPYRIGHT) ?(©|\([Cc]\)|(19|20)[0-9]{2})[^\n]{0,60}",
    r"©\s*(19|20)[0-9]{2}[^\n]{0,50}",
    r"[Aa]ll [Rr]ights [Rr]eserved\.?",
    // Disclaimers and source lines of reposting sites: `（本文来源于网络，如有
    // 侵权请联系删除）`, `声明：……版权归原作者所有`, `来源：网络整理` (each
    // starts at a word, which the regex engine looks for first: a pattern
    // that may start anywhere cost 0.6 CPU-seconds at 100 MB).
    r"(如有侵权|若有侵权|侵权请?联系|版权归原作者)[^。！？\n]{0,30}[)）】\]]?",
    r"来源[：:]\s*(网络|互联网|网友|网上)[^。\n]{0,20}",
    // Previews and paywalls of essay and document-sharing sites:
    // `预览结束,免费获取全文…`, `请点击👉 … 👈联系老师`, `……(未完,全文共2850字,当前仅显示1812字…`,
    // `收藏《…》)`, `因篇幅问题不能全部显示,请点此查看更多更全内容`,
    // `《….docx》由会员分享,可在线阅读…`, `已阅读5页,还剩13页未读`.
    r"预览(已)?结束[^\n]{0,30}",
    r"点击[^\n]{0,20}联系(老师|客服)",
    r"未完[，,]\s*全文共\s*[0-9]+\s*字[^\n]{0,60}",
    r"收藏《[^》\n]{1,40}》[)）]",
    r"因篇幅(问题|有限|所限)?[，,]?(不能|无法|無法)(全部|完整)(显示|顯示|展示)[^\n]{0,30}",
    r"由会员分享[，,]\s*可在线阅读[^\n]{0,80}",
    r"已阅读\s*[0-9]+\s*页[，,]\s*还剩\s*[0-9]+\s*页[^\n]{0,12}",
    r"(点击|點擊)查看更多",
    // Page information: `时间:… 发言稿 我要投稿`, `人气:45`, `发布人:… 字体: | | 打印文章`,
    // `字數 1170 閱讀 7568`, `閱讀(2.47W)`, `字号:大 中 小`, `当前位置:主页 > 心得体会 >`,
    // `小編精心推薦`, `网站客服:3074922707`, `上传人:…`, `申明敬告:`, `版权说明:`.
    r"我要投稿",
    r"人[气氣][：:]\s*[0-9]+",
    r"打印(文章|本文|此文|本页)",
    r"字[数數]\s*[0-9]+\s*[阅閱][读讀]\s*[0-9]+",
    r"[阅閱][读讀]\s*[（(][0-9.]+[WwKk万萬]?[)）]",
    r"字[号號体體][：:]\s*[|｜]?\s*大\s*[|｜]?\s*中\s*[|｜]?\s*小",
    r"[当當]前位置[：:][^\n]{0,60}[>›»]",
    r"小[编編]精心推[荐薦]",
    r"(网站|網站|在线|在線)客服[：:]?\s*[0-9]{5,}",
    r"上[传傳](人|时间|時間)[：:]",
    r"(申明敬告|版权说明|版權說明)[：:]",
    // A page's address left in the text (`本文链接：https://…`, `www.….com`).
    r"(https?://|www\.)[A-Za-z0-9./?=&_%#~:+-]+",
];

fn builtin() -> &'static [Regex] {
    static RES: std::sync::OnceLock<Vec<Regex>> = std::sync::OnceLock::new();
    RES.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|p| Regex::new(p).expect("built-in junk pattern"))
            .collect()
    })
}

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
fn recurring_edge_lines(
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
    let figures = stamp
        .replace_all(line, "")
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    line.ends_with([':', '：', ';', '；']) || figures || item.is_match(line)
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

    fn builtin_hits(text: &str) -> usize {
        pattern_hits(text, &[]).len()
    }

    #[test]
    fn builtin_patterns_find_site_phrases() {
        for text in [
            "下面是小编为大家整理的,供大家参考。",
            "下面是本站小编给大家整理的开发区工作会议上的讲话,仅供参考。",
            "当前隐藏内容免费查看办了30多所干部学校",
            "2023年全市开发区工作会议讲话精神(优秀19篇)",
            "（本文来源于网络，如有侵权请联系删除）",
            "声明：本站文章均来自网友投稿，版权归原作者所有。",
            "来源：网络整理",
            "本文链接：https://www.example.com/fanwen/123.html",
            "更多范文见www.example.cn",
            "本文来源于网络，仅供参考",
            "（此处隐藏3821字）",
            "第 2 页 共 5 页",
            "上一篇：开发区工作会议讲话",
            "版权所有©2023 范文网 All Rights Reserved",
            "以上就是小编为大家整理的开发区工作会议讲话，希望对大家有所帮助。",
            "扫码关注公众号获取更多范文",
            "下面就是小編給大家整理的,僅供參考。",
            "下面给大家分享一些关于作开幕式领导讲话致辞5篇,供大家参考。",
            "预览结束,免费获取全文或定制代笔此类文章!",
            "全文预览已结束",
            "请点击👉 mbgs777 👈联系老师",
            "……(未完,全文共2850字,当前仅显示1812字,请阅读下面提示信息。",
            "收藏《读书演讲稿:以亮剑精神投入决战》)",
            "因篇幅问题不能全部显示,请点此查看更多更全内容",
            "《模拟政协发言稿.docx》由会员分享,可在线阅读,更多相关请在淘文阁上搜索。",
            "已阅读5页,还剩13页未读 继续免费阅读",
            "点击查看更多>>",
            "时间:2021-03-16 18:04:33 发言稿 我要投稿",
            "时间: 2024-02-01 05:52:40 人气:45",
            "发布人: 谜语网 发布时间:2015-07-16 字体: | | 打印文章",
            "2021-09-25 08:19:00 字數 1170 閱讀 7568",
            "演講稿 閱讀(2.47W)",
            "字号:大 中 小",
            "当前位置:主页 > 心得体会 > 工作心得体会 >",
            "當前位置:簡歷模板館>實用文>演講稿>",
            "小編精心推薦",
            "网站客服:3074922707",
            "上传人:牧羊曲112 文档编号:1653931 上传时间:2022-12-12",
            "申明敬告: 本站不保证该用户上传的文档完整性。",
            "版权说明:本文档由用户提供并上传,收益归属内容提供方",
        ] {
            assert_eq!(builtin_hits(text), 1, "{text}");
        }
        // The matter of speeches, and of laws that is like them, is not junk.
        for text in [
            "同志们：今天召开全市开发区工作会议。",
            "资金来源：财政专项资金和社会资本。",
            "依法严厉打击侵犯知识产权行为，保护原作者的合法权益。",
            "侵权人应当承担侵权责任。",
            "推进5G网络建设，网址备案管理进一步规范。",
            "推行扫码办事，群众办事“最多跑一次”。",
            "推行扫码领取电子证照，扫一扫获取办事指南。",
            "此处隐藏着巨大的发展潜力。",
            "本文来源于基层一线的调研。",
            "第一，必须坚持党的领导，这是第一页也是最重要的一页。",
            "著作权人享有版权所有的权利。",
            "Copyright Law Art. 5 applies to official documents.",
            "下面，我给大家分享三点体会，供大家参考。",
            "下面给大家分享几点学习心得，仅供参考。",
            "我们要把当前位置摆正，不能好高骛远。",
            "全市上下人气旺、干劲足。",
            "预览了全部方案，结束了讨论。",
            "收藏《人民日报》的评论员文章。",
            "因篇幅所限，这里不再展开。",
        ] {
            assert_eq!(builtin_hits(text), 0, "{text}");
        }
    }

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
        assert!(!carries_content(
            "以上就是小编为大家整理的讲话稿范文，希望对大家有所帮助。"
        ));
    }

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
