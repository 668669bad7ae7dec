//! A phrase and its occurrences written as the report's `Serialize` writes them, but
//! without its per-field work (keys escaped one byte at a time, a state per
//! field): a large report holds millions of occurrences. The patterns name
//! every field, so a field added to these types does not compile here until it
//! is written; the tests check the bytes against `Serialize`.

use serde::Serialize;
use taohua::report::{PhraseEntry, ScanReport, Span};

/// `"key":value` after `sep` (`{` for an object's first field, else `,`); keys are
/// field names, which need no escaping.
fn field<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    sep: u8,
    key: &str,
    value: &T,
) -> serde_json::Result<()> {
    buf.push(sep);
    buf.push(b'"');
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\":");
    serde_json::to_writer(&mut *buf, value)
}

/// A phrase of report `r`, as [`ScanReport::phrase_json`] writes it.
pub(super) fn phrase(r: &ScanReport, p: &PhraseEntry, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    let PhraseEntry {
        text,
        kind,
        documents,
        speeches,
        chars,
        occurrences: _,
        variants,
    } = p;
    field(buf, b'{', "text", text)?;
    field(buf, b',', "kind", kind)?;
    field(buf, b',', "documents", documents)?;
    field(buf, b',', "speeches", speeches)?;
    field(buf, b',', "chars", chars)?;
    buf.extend_from_slice(b",\"occurrences\":[");
    for (i, (span, text)) in r.occurrences_of(p).enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        occurrence(&span, text, buf)?;
    }
    buf.push(b']');
    // skip_serializing_if = "Vec::is_empty"
    if !variants.is_empty() {
        field(buf, b',', "variants", variants)?;
    }
    buf.push(b'}');
    Ok(())
}

/// An occurrence, as the report writes it: flat, the span's fields then `text`.
fn occurrence(o: &Span, text: &str, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    let Span {
        document,
        start,
        end,
        start_line,
        end_line,
    } = o;
    field(buf, b'{', "document", document)?;
    field(buf, b',', "start", start)?;
    field(buf, b',', "end", end)?;
    field(buf, b',', "start_line", start_line)?;
    field(buf, b',', "end_line", end_line)?;
    field(buf, b',', "text", text)?;
    buf.push(b'}');
    Ok(())
}
