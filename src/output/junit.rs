//! JUnit XML renderer of `taohua ci`: one test case per speech of the set.
//!
//! A speech with fail-tier findings the baseline does not accept has one
//! `<failure>` listing them; its warnings and accepted findings go to
//! `<system-out>`. No timings, so the output is deterministic.

use super::github::lines;
use std::io::{self, Write};
use taohua::gate::{Finding, GateReport, Level, Role};

/// Write the report as JUnit XML.
pub fn write(report: &GateReport, w: &mut dyn Write) -> io::Result<()> {
    let failed = report
        .documents
        .iter()
        .filter(|d| findings(report, &d.key).any(|f| f.fails()))
        .count();
    let n = report.documents.len();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="taohua ci" tests="{n}" failures="{failed}" errors="{}">"#,
        report.skipped.len()
    )?;
    writeln!(
        w,
        r#"  <testsuite name="{}" tests="{n}" failures="{failed}" errors="{}" skipped="0">"#,
        xml(&report.config),
        report.skipped.len()
    )?;
    for d in &report.documents {
        let class = match d.role {
            Role::Corpus => "taohua.corpus",
            Role::New => "taohua.new",
        };
        let name = if d.key.contains('#') {
            format!("{} «{}»", d.path, d.title)
        } else {
            d.path.clone()
        };
        write!(
            w,
            r#"    <testcase classname="{class}" name="{}" file="{}" line="{}""#,
            xml(&name),
            xml(&d.path),
            d.start_line
        )?;
        let (fail, other): (Vec<&Finding>, Vec<&Finding>) =
            findings(report, &d.key).partition(|f| f.fails());
        if fail.is_empty() && other.is_empty() {
            writeln!(w, "/>")?;
            continue;
        }
        writeln!(w, ">")?;
        if let Some(first) = fail.first() {
            let body: Vec<String> = fail.iter().map(|f| describe(f)).collect();
            writeln!(
                w,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                if fail.len() == 1 {
                    first.kind.as_str()
                } else {
                    "taohua"
                },
                xml(&first.message),
                xml(&body.join("\n"))
            )?;
        }
        if !other.is_empty() {
            let body: Vec<String> = other.iter().map(|f| describe(f)).collect();
            writeln!(
                w,
                "      <system-out>{}</system-out>",
                xml(&body.join("\n"))
            )?;
        }
        writeln!(w, "    </testcase>")?;
    }
    for s in &report.skipped {
        writeln!(
            w,
            r#"    <testcase classname="taohua.unreadable" name="{}"><error message="{}"/></testcase>"#,
            xml(&s.path),
            xml(&s.reason)
        )?;
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")
}

fn findings<'a>(report: &'a GateReport, key: &'a str) -> impl Iterator<Item = &'a Finding> {
    report
        .findings
        .iter()
        .filter(move |f| f.document.key == key)
}

/// A finding as plain lines: the verdict and message, then each location.
fn describe(f: &Finding) -> String {
    let head = match (f.accepted, f.level) {
        (true, _) => "accepted",
        (false, Level::Fail) => "error",
        (false, Level::Warn) => "warning",
    };
    let mut s = format!("{head}[{}] {}", f.kind.as_str(), f.message);
    for l in &f.locations {
        s.push_str(&format!(
            "\n  {}: {}",
            f.document.path,
            lines(l.start_line, l.end_line)
        ));
        if let Some(p) = &l.source {
            s.push_str(&format!(
                " ← {}, {}",
                p.label(),
                lines(p.start_line, p.end_line)
            ));
        }
    }
    s
}

/// Escape text for XML attributes and content; drop characters XML 1.0 forbids.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escapes() {
        assert_eq!(super::xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
