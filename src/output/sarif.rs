//! SARIF 2.1.0 renderer of `taohua ci`, for code-scanning UIs.
//!
//! One run; one rule per finding kind (`copy`, `near-duplicate`, `contained`,
//! `junk`); one result per location of a finding: the region is the lines of
//! the copied text in the document, the related location (linked from the
//! message as `[…](1)`) the same text in its source. Findings the baseline
//! accepts are kept with an external suppression and `baselineState`
//! `unchanged`, so the UIs hide them. A file that could not be read is a tool
//! execution notification, and the invocation is then not successful. Keys
//! are sorted (serde_json's map), so the output is deterministic.

use super::github::lines;
use serde_json::{json, Value};
use std::io::{self, Write};
use taohua::gate::{Finding, GateReport, Kind, Level, Location};

/// Write the report as a SARIF 2.1.0 log.
pub fn write(report: &GateReport, w: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Kind::ALL
        .iter()
        .map(|k| {
            json!({
                "id": k.as_str(),
                "name": k.as_str(),
                "shortDescription": { "text": k.describe() },
                "defaultConfiguration": { "level": if *k == Kind::Junk { "warning" } else { "error" } },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .flat_map(|f| results(report, f))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "taohua",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(report)],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &log)?;
    writeln!(w)
}

/// The run's invocation: successful unless a file could not be read, each
/// such file a notification on it.
fn invocation(report: &GateReport) -> Value {
    let notes: Vec<Value> = report
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": "error",
                "message": { "text": format!("could not read {}: {}", s.path, s.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&s.path) } } }],
            })
        })
        .collect();
    json!({
        "executionSuccessful": report.skipped.is_empty(),
        "toolExecutionNotifications": notes,
    })
}

fn results(report: &GateReport, f: &Finding) -> Vec<Value> {
    let whole = [Location {
        start_line: f.document.start_line,
        end_line: f.document.end_line,
        source: None,
        chars: 0,
        excerpt: String::new(),
    }];
    let locations = if f.locations.is_empty() {
        &whole[..]
    } else {
        &f.locations[..]
    };
    let key = f.key();
    locations
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut r = json!({
                "ruleId": f.kind.as_str(),
                "ruleIndex": Kind::ALL.iter().position(|k| *k == f.kind).unwrap_or(0),
                "level": match f.level { Level::Fail => "error", Level::Warn => "warning" },
                "locations": [physical(&f.document.path, l.start_line, l.end_line)],
                "partialFingerprints": {
                    "taohuaFinding/v1": format!("{:016x}:{n}", xxhash_rust::xxh3::xxh3_64(
                        format!("{}\0{}\0{}", key.document, key.kind, key.source).as_bytes()
                    )),
                },
                "baselineState": if f.accepted { "unchanged" } else if f.baseline_value.is_some() { "updated" } else { "new" },
                "properties": { "value": f.value, "threshold": f.threshold },
            });
            let text = match &l.source {
                Some(p) => {
                    r["relatedLocations"] = json!([{
                        "id": 1,
                        "message": { "text": format!("{}, {}", p.label(), lines(p.start_line, p.end_line)) },
                        "physicalLocation": physical(&p.path, p.start_line, p.end_line)["physicalLocation"],
                    }]);
                    format!(
                        "{}. {}: [{}, {}](1).",
                        escape(&f.message),
                        upper(&lines(l.start_line, l.end_line)),
                        escape(&p.label()),
                        lines(p.start_line, p.end_line)
                    )
                }
                None => escape(&f.message),
            };
            r["message"] = json!({ "text": text });
            if f.accepted {
                r["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("accepted in {}", report.baseline),
                }]);
            }
            r
        })
        .collect()
}

fn physical(path: &str, start: usize, end: usize) -> Value {
    json!({ "physicalLocation": {
        "artifactLocation": { "uri": uri(path) },
        "region": { "startLine": start.max(1), "endLine": end.max(start).max(1) },
    }})
}

/// A path as a URI reference: relative paths stay relative, bytes outside the
/// unreserved set are percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn upper(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Brackets are link syntax in SARIF messages.
fn escape(s: &str) -> String {
    s.replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("drafts/a b.txt"), "drafts/a%20b.txt");
        assert_eq!(uri("篇.txt"), "%E7%AF%87.txt");
        assert_eq!(uri("/abs/x#1.txt"), "file:///abs/x%231.txt");
    }
}
