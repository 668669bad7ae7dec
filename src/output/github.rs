//! GitHub Actions workflow-command renderer of `taohua ci`.
//!
//! One `::error` (fail tier) or `::warning` (warn tier) line per location of a
//! finding the baseline does not accept, with `file`, `line` and `endLine`, so the
//! annotation sits on the copied lines of the pull request; then a plain summary.
//! A finding with many locations is annotated on its [`MAX_PER_FINDING`] longest
//! ones (GitHub shows few annotations per step); the other formats list them all.
//! A file that could not be read gets an `::error` of its own.

use std::io::{self, Write};
use taohua::gate::{GateReport, Level, Location};

/// Most annotations written for one finding.
pub const MAX_PER_FINDING: usize = 10;

/// Write the report as workflow commands.
pub fn write(report: &GateReport, w: &mut dyn Write) -> io::Result<()> {
    for f in report.findings.iter().filter(|f| !f.accepted) {
        let cmd = match f.level {
            Level::Fail => "error",
            Level::Warn => "warning",
        };
        let title = format!("taohua {}", f.kind.as_str());
        let (shown, more) = Location::longest(&f.locations, MAX_PER_FINDING);
        let mut spots: Vec<(usize, usize, String)> = shown
            .iter()
            .map(|l| {
                let from = l.source.as_ref().map_or(String::new(), |p| {
                    format!(
                        ". {} ← {}, {}",
                        lines(l.start_line, l.end_line),
                        p.label(),
                        lines(p.start_line, p.end_line)
                    )
                });
                let rest = if more > 0 {
                    format!(" ({more} shorter passages not annotated)")
                } else {
                    String::new()
                };
                (l.start_line, l.end_line, from + &rest)
            })
            .collect();
        if spots.is_empty() {
            spots.push((f.document.start_line, f.document.end_line, String::new()));
        }
        for (start, end, from) in spots {
            writeln!(
                w,
                "::{cmd} file={},line={start},endLine={end},title={}::{}",
                property(&f.document.path),
                property(&title),
                data(&format!("{}{from}", f.message))
            )?;
        }
    }
    // A file that could not be read fails the run (exit 2): say which, on the file.
    for sk in &report.skipped {
        writeln!(
            w,
            "::error file={},title={}::{}",
            property(&sk.path),
            property("taohua could not read this file"),
            data(&sk.reason)
        )?;
    }
    let s = &report.summary;
    let unread = match report.skipped.len() {
        0 => String::new(),
        1 => ", 1 file not read".to_string(),
        n => format!(", {n} files not read"),
    };
    writeln!(
        w,
        "taohua ci: {} failures, {} warnings, {} accepted by {}{unread}",
        s.failures, s.warnings, s.accepted, report.baseline
    )
}

/// `line 7` or `lines 7-9`.
pub fn lines(a: usize, b: usize) -> String {
    if a == b {
        format!("line {a}")
    } else {
        format!("lines {a}-{b}")
    }
}

/// Escape a command's message.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nx"), "50%25%0Ax");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
