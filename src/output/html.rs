//! HTML renderer: one self-contained file (inline CSS and JS, no network).

use std::io::{self, Write};
use taohua::report::{CheckReport, ScanReport};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Render a scan report as one HTML page.
pub fn scan(r: &ScanReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>taohua scan</title><body>")?;
    writeln!(w, "<h1>套话扫描 taohua scan</h1><p>{} speeches, {} clusters</p><ul>", r.documents.len(), r.clusters.len())?;
    for c in &r.clusters {
        let names: Vec<String> = c.documents.iter().map(|&d| escape(&r.documents[d].title)).collect();
        writeln!(w, "<li>{}</li>", names.join(" · "))?;
    }
    writeln!(w, "</ul></body></html>")
}

/// Render a check report as one HTML page.
pub fn check(r: &CheckReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>taohua check</title><body>")?;
    for d in &r.drafts {
        writeln!(w, "<h2>{}</h2><p>总文字复制比 {:.1}%</p>", escape(&d.draft.source), d.copy_ratio * 100.0)?;
    }
    writeln!(w, "</body></html>")
}
