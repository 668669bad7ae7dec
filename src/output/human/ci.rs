//! Human renderer of `taohua ci`: failures and warnings with their lines, then the verdict.

use super::{counted, Style};
use std::io::{self, Write};
use taohua::gate::{Finding, GateReport, Level, Location};

/// Locations listed per finding (the longest, in file order); the rest are counted.
const SHOWN: usize = 5;

/// Render a CI report.
pub fn ci(report: &GateReport, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let st = Style::new(color);
    let s = &report.summary;
    writeln!(
        w,
        "{} {} speeches ({} new) selected by {}",
        st.bold("taohua ci:"),
        s.documents,
        s.new_documents,
        report.config
    )?;
    for f in report.findings.iter().filter(|f| !f.accepted) {
        finding(f, &st, w)?;
    }
    writeln!(w)?;
    let mut parts = vec![
        counted(s.failures, "failure", "failures"),
        counted(s.warnings, "warning", "warnings"),
        format!("{} accepted by {}", s.accepted, report.baseline),
    ];
    if s.stale_baseline_entries > 0 {
        parts.push(format!(
            "{} baseline {} no longer found (drop with --update-baseline)",
            s.stale_baseline_entries,
            if s.stale_baseline_entries == 1 {
                "entry"
            } else {
                "entries"
            }
        ));
    }
    if !report.skipped.is_empty() {
        parts.push(format!(
            "{} unreadable",
            counted(report.skipped.len(), "file", "files")
        ));
    }
    let verdict = if !report.skipped.is_empty() {
        st.red(&st.bold("ERROR"))
    } else if s.failures > 0 {
        st.red(&st.bold("FAILED"))
    } else {
        st.bold("PASSED")
    };
    writeln!(w, "{verdict}: {}", parts.join(", "))
}

fn finding(f: &Finding, st: &Style, w: &mut dyn Write) -> io::Result<()> {
    let head = match f.level {
        Level::Fail => st.red(&st.bold(&format!("error[{}]", f.kind.as_str()))),
        Level::Warn => st.yellow(&st.bold(&format!("warning[{}]", f.kind.as_str()))),
    };
    writeln!(w, "\n{head} {}", f.message)?;
    if let Some(b) = f.baseline_value {
        writeln!(
            w,
            "  {}",
            st.dim(&format!(
                "the baseline accepted {b} for this finding; it is {} now",
                f.value
            ))
        )?;
    }
    let (shown, more) = Location::longest(&f.locations, SHOWN);
    for l in shown {
        let at = format!("{}:{}", f.document.path, lines(l.start_line, l.end_line));
        let from = match &l.source {
            Some(p) => format!(
                " ← {}:{}{}",
                p.path,
                lines(p.start_line, p.end_line),
                p.label().strip_prefix(p.path.as_str()).unwrap_or_default()
            ),
            None => String::new(),
        };
        writeln!(w, "  {at}{from}  {}", st.dim(&l.excerpt))?;
    }
    if more > 0 {
        writeln!(w, "  {}", st.dim(&format!("… and {more} shorter passages")))?;
    }
    Ok(())
}

/// `7` or `7-9`.
pub fn lines(a: usize, b: usize) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}-{b}")
    }
}
