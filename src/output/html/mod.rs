//! HTML renderer: one self-contained file to look at and send on.
//!
//! The page is plain HTML (a static summary: counts, ratios, the main findings)
//! plus its data as JSON blobs (`<script type="application/json" id="data">`, and
//! for a scan `id="texts"`) that the inline script renders: tables of 100 rows a
//! page, a similarity map on a canvas, and a side-by-side view built when a pair
//! is opened. A scan page carries what its views show, packed (`scan_data`): the
//! JSON report of the 100 MB benchmark corpus is 661 MB, its page 17 MB, opened
//! and drawn in about a second. Inline CSS and JS only: nothing is fetched, so the
//! file opens from disk anywhere and prints readably (print CSS). Labels are
//! Chinese first, English beside them.

mod check_summary;
mod delta;
#[cfg(test)]
mod from_json;
mod scan_data;
mod scan_summary;
#[cfg(test)]
mod tests;

use serde::Serialize;
use std::io::{self, Write};
use taohua::report::{CheckReport, ScanReport};

const CSS: &str = include_str!("report.css");
const JS_COMMON: &str = include_str!("report.js");
const JS_SCAN: &str = include_str!("scan.js");
const JS_CHECK: &str = include_str!("check.js");

/// What the check page's script reads.
#[derive(Serialize)]
struct CheckData<'a> {
    kind: &'static str,
    report: &'a CheckReport,
    /// Each draft's text (spans are byte offsets into it).
    texts: Vec<&'a str>,
}

/// Render a scan report as one HTML page.
pub fn scan(r: &ScanReport, w: &mut dyn Write) -> io::Result<()> {
    let titles: Vec<&str> = r.documents.iter().map(|d| d.title.as_str()).collect();
    let cut = scan_summary::shared_prefix(&titles);
    let cut16 = titles
        .first()
        .map_or(0, |t| t.chars().take(cut).map(char::len_utf16).sum());
    let (data, texts) = scan_data::pack(r, cut16);
    head(w, "套话扫描报告 · taohua scan report")?;
    scan_summary::write(r, w)?;
    write_data(w, "data", &data)?;
    write_data(w, "texts", &texts)?;
    foot(w, JS_SCAN)
}

/// Render a check report as one HTML page.
pub fn check(r: &CheckReport, w: &mut dyn Write) -> io::Result<()> {
    let texts = r.drafts.iter().map(|d| d.text.as_str()).collect();
    let data = CheckData {
        kind: "check",
        report: r,
        texts,
    };
    head(w, "文字复制检测报告 · taohua check report")?;
    check_summary::write(r, w)?;
    write_data(w, "data", &data)?;
    foot(w, JS_CHECK)
}

fn head(w: &mut dyn Write, title: &str) -> io::Result<()> {
    write!(
        w,
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"taohua {}\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
        CSS
    )
}

fn foot(w: &mut dyn Write, page_js: &str) -> io::Result<()> {
    write!(
        w,
        "<script>\n{JS_COMMON}\n{page_js}</script>\n</body>\n</html>\n"
    )
}

fn write_data(w: &mut dyn Write, id: &str, data: &impl Serialize) -> io::Result<()> {
    write!(w, "<script type=\"application/json\" id=\"{id}\">")?;
    serde_json::to_writer(ScriptSafe(&mut *w), data).map_err(io::Error::from)?;
    w.write_all(b"</script>\n")
}

/// Writes JSON so that it cannot end its `<script>` element: every `<` (which
/// serde_json only ever writes inside strings) becomes `\u003c`, so neither
/// `</script` nor `<!--` can appear. JSON.parse reads it back unchanged.
struct ScriptSafe<'a>(&'a mut dyn Write);

impl Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Escape text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A share as a percentage with one decimal (`95.4%`).
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Cut a text to `n` characters with an ellipsis, on one line.
pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\r'], " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n).chain(std::iter::once('…')).collect()
    }
}

/// A labelled figure of the summary grid.
pub(crate) fn stat(
    w: &mut dyn Write,
    zh: &str,
    en: &str,
    value: &str,
    note: &str,
) -> io::Result<()> {
    write!(w, "<div class=\"stat\"><div class=\"v\">{}</div><div class=\"k\">{} <span class=\"en\">{}</span></div>", esc(value), esc(zh), esc(en))?;
    if !note.is_empty() {
        write!(w, "<div class=\"n\">{}</div>", esc(note))?;
    }
    writeln!(w, "</div>")
}

/// A labelled share with a bar.
pub(crate) fn ratio(
    w: &mut dyn Write,
    zh: &str,
    en: &str,
    x: f64,
    note: &str,
    class: &str,
) -> io::Result<()> {
    let width = (x.clamp(0.0, 1.0) * 100.0 * 10.0).round() / 10.0;
    writeln!(
        w,
        "<div class=\"ratio {class}\"><div class=\"rk\">{} <span class=\"en\">{}</span></div><div class=\"rv\">{}</div>\
         <div class=\"bar\"><i style=\"width:{width}%\"></i></div><div class=\"n\">{}</div></div>",
        esc(zh),
        esc(en),
        pct(x),
        esc(note)
    )
}

/// The heading of a section the script fills, with a placeholder for no-JS readers.
/// The list of inputs that could not be read (if any), then the page's end.
pub(crate) fn skipped_and_footer(
    w: &mut dyn Write,
    skipped: &[taohua::ingest::Skipped],
) -> io::Result<()> {
    if !skipped.is_empty() {
        writeln!(w, "<section class=\"card\" id=\"skipped\"><h2>未能读取 <span class=\"en\">Skipped inputs</span></h2><ul>")?;
        for s in skipped {
            writeln!(
                w,
                "<li><code>{}</code>: {}</li>",
                esc(&s.path),
                esc(&s.reason)
            )?;
        }
        writeln!(w, "</ul></section>")?;
    }
    writeln!(w, "</main>")?;
    writeln!(w, "<footer>taohua {} · 本报告为单一文件，不访问网络 · One self-contained file; nothing is fetched.</footer>", env!("CARGO_PKG_VERSION"))
}

pub(crate) fn section(w: &mut dyn Write, id: &str, zh: &str, en: &str) -> io::Result<()> {
    writeln!(
        w,
        "<section class=\"card js-sec\" id=\"{id}\"><h2>{} <span class=\"en\">{}</span></h2>\
         <div class=\"body\"><p class=\"muted nojs\">需要 JavaScript 显示此部分 · This part needs JavaScript.</p></div></section>",
        esc(zh),
        esc(en)
    )
}

/// Top bar with the page title and links to sections.
pub(crate) fn topbar(
    w: &mut dyn Write,
    zh: &str,
    en: &str,
    links: &[(&str, &str)],
) -> io::Result<()> {
    write!(
        w,
        "<header class=\"top\"><div class=\"brand\">{} <span class=\"en\">{}</span></div><nav>",
        esc(zh),
        esc(en)
    )?;
    for (id, label) in links {
        write!(w, "<a href=\"#{id}\">{}</a>", esc(label))?;
    }
    writeln!(w, "</nav></header>")
}
