//! The static part of the scan page: counts, ratios and the main findings as
//! plain HTML (meaningful before the script runs, and in print), plus the
//! headings of the sections the script fills.

use super::{clip, esc, pct, ratio, section, skipped_and_footer, stat, topbar};
use std::collections::BTreeSet;
use std::io::{self, Write};
use taohua::cluster::Relation;
use taohua::report::ScanReport;

/// Findings listed statically, per kind.
const MAX_FINDINGS: usize = 12;

/// Characters the labels drop from the titles: the prefix all titles share
/// (`全市开发区工作会议讲话精神篇四` → `篇四`), keeping at least two characters
/// of each, and only when at least four are shared.
pub(super) fn shared_prefix(titles: &[&str]) -> usize {
    let chars: Vec<Vec<char>> = titles.iter().map(|t| t.chars().collect()).collect();
    let mut p = match chars.split_first() {
        Some((first, rest)) if !rest.is_empty() => rest.iter().fold(first.len(), |p, t| {
            p.min(t.iter().zip(first).take_while(|(a, b)| a == b).count())
        }),
        _ => 0,
    };
    while p > 0 && chars.iter().any(|t| t.len() - p < 2) {
        p -= 1;
    }
    if p < 4 {
        0
    } else {
        p
    }
}

/// Short labels for the speeches: titles without their shared prefix.
pub(super) fn short_titles(titles: &[&str]) -> Vec<String> {
    let p = shared_prefix(titles);
    titles.iter().map(|t| t.chars().skip(p).collect()).collect()
}

/// Write the top bar, the summary card and the section headings.
pub(super) fn write(r: &ScanReport, w: &mut dyn Write) -> io::Result<()> {
    let titles: Vec<&str> = r.documents.iter().map(|d| d.title.as_str()).collect();
    let labels = short_titles(&titles);
    let name = |id: usize| {
        labels
            .get(id)
            .map_or_else(|| format!("#{id}"), |l| l.clone())
    };
    let n = r.documents.len().max(1) as f64;
    let contained: Vec<_> = r
        .pairs
        .iter()
        .filter(|p| p.relation == Relation::Contained)
        .collect();
    let kind_count = |k: &str| r.phrases.iter().filter(|p| p.kind == k).count();
    let copies: Vec<usize> = r
        .clusters
        .iter()
        .flat_map(|c| {
            c.documents
                .iter()
                .copied()
                .filter(move |&d| d != c.representative)
        })
        .collect();
    let copied_chars: usize = copies
        .iter()
        .filter_map(|&d| r.documents.get(d))
        .map(|d| d.chars)
        .sum();
    let in_pair: BTreeSet<usize> = r.pairs.iter().flat_map(|p| [p.a, p.b]).collect();
    let with_stock: BTreeSet<usize> = r
        .phrases
        .iter()
        .filter(|p| p.kind == "stock-phrase")
        .flat_map(|p| p.documents.iter().copied())
        .collect();

    topbar(
        w,
        "套话扫描报告",
        "taohua scan report",
        &[
            ("summary", "概要 Summary"),
            ("clusters", "重复 Duplicates"),
            ("contained", "包含 Contained"),
            ("heatmap", "矩阵 Map"),
            ("phrases", "套话 Phrases"),
            ("templates", "句式 Templates"),
            ("junk", "垃圾 Junk"),
            ("documents", "讲话 Speeches"),
        ],
    )?;
    writeln!(w, "<main>\n<section class=\"card summary\" id=\"summary\">")?;
    writeln!(
        w,
        "<h1>套话扫描报告 <span class=\"en\">taohua scan report</span></h1>"
    )?;
    let mut sources: Vec<&str> = r.documents.iter().map(|d| d.source.as_str()).collect();
    sources.dedup();
    let shown: Vec<String> = sources.iter().take(3).map(|s| esc(s)).collect();
    let more = if sources.len() > 3 {
        format!(" … (+{})", sources.len() - 3)
    } else {
        String::new()
    };
    let regime = serde_json::to_value(r.regime)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(
        w,
        "<p class=\"meta\">输入 Input: {}{} · 比对方式 Regime: {} · 候选对 Candidate pairs: {} · taohua {}</p>",
        shown.join(", "),
        esc(&more),
        esc(&regime),
        r.stats.candidate_pairs,
        env!("CARGO_PKG_VERSION")
    )?;

    writeln!(w, "<div class=\"stats\">")?;
    stat(
        w,
        "讲话",
        "Speeches",
        &r.documents.len().to_string(),
        &format!("{} 个文件 files", r.stats.files),
    )?;
    stat(w, "字数", "Characters", &r.stats.chars.to_string(), "")?;
    stat(
        w,
        "重复讲话",
        "Duplicate clusters",
        &r.clusters.len().to_string(),
        &format!("{} 篇副本 copies", copies.len()),
    )?;
    stat(w, "包含关系", "Contained", &contained.len().to_string(), "")?;
    stat(
        w,
        "共有段落",
        "Shared passages",
        &kind_count("passage").to_string(),
        "",
    )?;
    stat(
        w,
        "套话",
        "Stock phrases",
        &kind_count("stock-phrase").to_string(),
        "",
    )?;
    stat(
        w,
        "句式模板",
        "Templates",
        &r.templates.len().to_string(),
        "",
    )?;
    stat(
        w,
        "网站垃圾文字",
        "Site junk",
        &r.junk.len().to_string(),
        "",
    )?;
    if !r.skipped.is_empty() {
        stat(w, "未能读取", "Skipped", &r.skipped.len().to_string(), "")?;
    }
    writeln!(w, "</div>\n<div class=\"ratios\">")?;
    ratio(
        w,
        "重复副本占比",
        "Speeches that are copies",
        copies.len() as f64 / n,
        &format!("{} / {}", copies.len(), r.documents.len()),
        "red",
    )?;
    let total_chars = r.stats.chars.max(1) as f64;
    ratio(
        w,
        "重复字数占比",
        "Characters in copies",
        copied_chars as f64 / total_chars,
        &format!("{copied_chars} / {}", r.stats.chars),
        "red",
    )?;
    ratio(
        w,
        "涉及重复或包含",
        "Speeches in a related pair",
        in_pair.len() as f64 / n,
        &format!("{} / {}", in_pair.len(), r.documents.len()),
        "orange",
    )?;
    ratio(
        w,
        "使用套话的讲话",
        "Speeches using stock phrases",
        with_stock.len() as f64 / n,
        &format!("{} / {}", with_stock.len(), r.documents.len()),
        "yellow",
    )?;
    writeln!(w, "</div>")?;

    writeln!(
        w,
        "<h3>主要发现 <span class=\"en\">Key findings</span></h3>\n<ul class=\"findings\">"
    )?;
    for c in r.clusters.iter().take(MAX_FINDINGS) {
        let others: Vec<String> = c
            .documents
            .iter()
            .filter(|&&d| d != c.representative)
            .map(|&d| esc(&name(d)))
            .collect();
        let sims: Vec<String> = c
            .documents
            .iter()
            .filter(|&&d| d != c.representative)
            .filter_map(|&d| {
                r.pairs
                    .iter()
                    .find(|p| (p.a, p.b) == (d.min(c.representative), d.max(c.representative)))
            })
            .map(|p| pct(p.similarity))
            .collect();
        writeln!(
            w,
            "<li><b class=\"tag red\">重复 duplicate</b> 簇 {}: <b>{}</b> = {} <span class=\"muted\">相似度 similarity {} · 保留 keep {}</span></li>",
            c.id,
            esc(&name(c.representative)),
            others.join(" = "),
            sims.join(", "),
            esc(&name(c.representative))
        )?;
    }
    for p in contained.iter().take(MAX_FINDINGS) {
        let (inner, outer, share) = if p.a_in_b >= p.b_in_a {
            (p.a, p.b, p.a_in_b)
        } else {
            (p.b, p.a, p.b_in_a)
        };
        writeln!(
            w,
            "<li><b class=\"tag orange\">包含 contained</b> <b>{}</b> 的 {} 在 <b>{}</b> 中 <span class=\"muted\">{} of it is inside</span></li>",
            esc(&name(inner)),
            pct(share),
            esc(&name(outer)),
            pct(share)
        )?;
    }
    for p in r
        .phrases
        .iter()
        .filter(|p| p.kind == "stock-phrase")
        .take(5)
    {
        writeln!(
            w,
            "<li><b class=\"tag yellow\">套话 stock phrase</b> “{}” <span class=\"muted\">{} 篇讲话 speeches</span></li>",
            esc(&clip(&p.text, 40)),
            p.speeches
        )?;
    }
    for j in r.junk.iter().take(5) {
        writeln!(
            w,
            "<li><b class=\"tag grey\">垃圾 junk</b> “{}” <span class=\"muted\">{} · {} 处 places</span></li>",
            esc(&clip(&j.text, 40)),
            esc(&j.reason),
            j.occurrences.len()
        )?;
    }
    let rest = r.clusters.len().saturating_sub(MAX_FINDINGS)
        + contained.len().saturating_sub(MAX_FINDINGS);
    if rest > 0 {
        writeln!(
            w,
            "<li class=\"muted\">… 另有 {rest} 项，见下表 · {rest} more in the tables below</li>"
        )?;
    }
    if r.clusters.is_empty() && contained.is_empty() && r.phrases.is_empty() && r.junk.is_empty() {
        writeln!(
            w,
            "<li class=\"muted\">未发现重复、包含、套话或垃圾文字 · Nothing found</li>"
        )?;
    }
    writeln!(w, "</ul>\n</section>")?;

    section(w, "clusters", "重复讲话", "Duplicate speeches")?;
    section(w, "contained", "包含关系", "Contained speeches")?;
    section(w, "heatmap", "相似度矩阵", "Similarity map")?;
    section(w, "pairs", "全部关联对", "All related pairs")?;
    section(
        w,
        "phrases",
        "套话与共有段落",
        "Stock phrases and shared passages",
    )?;
    section(w, "templates", "句式模板", "Sentence templates")?;
    section(w, "junk", "网站垃圾文字", "Site junk")?;
    section(w, "documents", "讲话列表", "Speeches")?;
    skipped_and_footer(w, &r.skipped)
}
