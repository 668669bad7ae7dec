//! The static part of the check page: for each draft the three ratios
//! (总文字复制比, 去除套话复制比, 单篇最大文字复制比) and its main sources as
//! plain HTML, plus the headings of the sections the script fills.

use super::{clip, esc, pct, ratio, section, skipped_and_footer, stat, topbar};
use std::io::{self, Write};
use taohua::report::{CheckReport, DraftReport};

/// Drafts shown as full blocks; more are listed in a table.
const MAX_BLOCKS: usize = 5;
/// Drafts listed statically at most.
const MAX_ROWS: usize = 500;
/// Sources listed per draft block.
const MAX_SOURCES: usize = 5;

/// Share of a draft that is boilerplate (copied but stock text).
fn boilerplate_ratio(d: &DraftReport) -> f64 {
    (d.copy_ratio - d.copy_ratio_excluding_boilerplate).max(0.0)
}

/// Colour class of a copy ratio.
pub(super) fn level(x: f64) -> &'static str {
    if x >= 0.3 {
        "red"
    } else if x >= 0.1 {
        "orange"
    } else {
        "green"
    }
}

fn max_source_note(d: &DraftReport) -> String {
    d.max_single_source
        .and_then(|n| d.sources.iter().find(|s| s.number == n))
        .map_or_else(String::new, |s| {
            format!("[{}] {}", s.number, clip(&s.title, 30))
        })
}

fn block(d: &DraftReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "<div class=\"draft-sum\"><h3>草稿 <span class=\"en\">Draft</span> <code>{}</code></h3>",
        esc(&d.draft.source)
    )?;
    writeln!(w, "<div class=\"ratios big\">")?;
    ratio(
        w,
        "总文字复制比",
        "Copy ratio",
        d.copy_ratio,
        &format!("其中套话 boilerplate {}", pct(boilerplate_ratio(d))),
        level(d.copy_ratio),
    )?;
    ratio(
        w,
        "去除套话复制比",
        "Excluding boilerplate",
        d.copy_ratio_excluding_boilerplate,
        "",
        level(d.copy_ratio_excluding_boilerplate),
    )?;
    ratio(
        w,
        "单篇最大文字复制比",
        "Largest from one source",
        d.max_single_source_ratio,
        &max_source_note(d),
        level(d.max_single_source_ratio),
    )?;
    writeln!(w, "</div><div class=\"stats small\">")?;
    stat(w, "字数", "Characters", &d.draft.chars.to_string(), "")?;
    stat(w, "来源", "Sources", &d.sources.len().to_string(), "")?;
    stat(
        w,
        "复制段落",
        "Copied passages",
        &d.matches
            .iter()
            .filter(|m| !m.boilerplate)
            .count()
            .to_string(),
        "",
    )?;
    stat(
        w,
        "套话段落",
        "Boilerplate passages",
        &d.matches
            .iter()
            .filter(|m| m.boilerplate)
            .count()
            .to_string(),
        "",
    )?;
    writeln!(w, "</div>")?;
    if !d.sources.is_empty() {
        writeln!(w, "<ol class=\"sources-static\">")?;
        for s in d.sources.iter().take(MAX_SOURCES) {
            writeln!(
                w,
                "<li value=\"{}\"><b>{}</b> <span class=\"muted\">{}</span> — {} <span class=\"muted\">({} 字 chars)</span></li>",
                s.number,
                esc(&s.title),
                esc(&s.source),
                pct(s.ratio),
                s.chars
            )?;
        }
        if d.sources.len() > MAX_SOURCES {
            writeln!(
                w,
                "<li class=\"muted\" value=\"{}\">… 另有 {} 个来源 · {} more sources</li>",
                MAX_SOURCES + 1,
                d.sources.len() - MAX_SOURCES,
                d.sources.len() - MAX_SOURCES
            )?;
        }
        writeln!(w, "</ol>")?;
    } else {
        writeln!(
            w,
            "<p class=\"muted\">未发现复制 · No copied text found.</p>"
        )?;
    }
    writeln!(w, "</div>")
}

fn table(r: &CheckReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "<table class=\"grid\"><thead><tr><th>草稿 Draft</th><th>总文字复制比<br><span class=\"en\">Copy ratio</span></th>\
         <th>去除套话复制比<br><span class=\"en\">Excl. boilerplate</span></th><th>单篇最大文字复制比<br><span class=\"en\">Largest one source</span></th>\
         <th>来源 Sources</th></tr></thead><tbody>"
    )?;
    for d in r.drafts.iter().take(MAX_ROWS) {
        writeln!(
            w,
            "<tr><td><code>{}</code></td><td class=\"num {}\">{}</td><td class=\"num {}\">{}</td><td class=\"num {}\">{} <span class=\"muted\">{}</span></td><td class=\"num\">{}</td></tr>",
            esc(&d.draft.source),
            level(d.copy_ratio),
            pct(d.copy_ratio),
            level(d.copy_ratio_excluding_boilerplate),
            pct(d.copy_ratio_excluding_boilerplate),
            level(d.max_single_source_ratio),
            pct(d.max_single_source_ratio),
            esc(&max_source_note(d)),
            d.sources.len()
        )?;
    }
    writeln!(w, "</tbody></table>")?;
    if r.drafts.len() > MAX_ROWS {
        writeln!(
            w,
            "<p class=\"muted\">… 另有 {} 篇草稿，见下表 · {} more drafts below</p>",
            r.drafts.len() - MAX_ROWS,
            r.drafts.len() - MAX_ROWS
        )?;
    }
    Ok(())
}

/// Write the top bar, the summary card and the section headings.
pub(super) fn write(r: &CheckReport, w: &mut dyn Write) -> io::Result<()> {
    let mut links = vec![("summary", "概要 Summary")];
    if r.drafts.len() > 1 {
        links.push(("drafts", "草稿 Drafts"));
    }
    links.push(("draft", "全文对照 Marked text"));
    links.push(("sources", "来源 Sources"));
    topbar(w, "文字复制检测报告", "taohua check report", &links)?;
    writeln!(w, "<main>\n<section class=\"card summary\" id=\"summary\">")?;
    writeln!(
        w,
        "<h1>文字复制检测报告 <span class=\"en\">taohua check report</span></h1>"
    )?;
    writeln!(
        w,
        "<p class=\"meta\">比对库 Corpus: {} 篇讲话 speeches · 草稿 Drafts: {} · taohua {}</p>",
        r.corpus_documents,
        r.drafts.len(),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        w,
        "<p class=\"legend\"><mark class=\"copy\">复制 copied</mark> <mark class=\"boiler\">套话 boilerplate</mark> \
         <span class=\"mask\">**</span> 遮盖 mask</p>"
    )?;
    if r.drafts.len() <= MAX_BLOCKS {
        for d in &r.drafts {
            block(d, w)?;
        }
    } else {
        table(r, w)?;
    }
    if r.drafts.is_empty() {
        writeln!(w, "<p class=\"muted\">没有草稿 · No draft was checked.</p>")?;
    }
    writeln!(w, "</section>")?;
    if r.drafts.len() > 1 {
        section(w, "drafts", "草稿列表", "Drafts")?;
    }
    section(w, "draft", "全文标注", "Draft text, copied passages marked")?;
    section(w, "sources", "来源", "Sources")?;
    skipped_and_footer(w, &r.skipped)
}
