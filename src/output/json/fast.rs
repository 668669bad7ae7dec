//! A phrase and its occurrences written as their `Serialize` writes them, but
//! without its per-field work (keys escaped one byte at a time, a state per
//! field): a large report holds millions of occurrences. The patterns name
//! every field, so a field added to these types does not compile here until it
//! is written; the tests check the bytes against `Serialize`.

use taohua::report::{Occurrence, PhraseEntry, Span};

/// A phrase, as `PhraseEntry`'s derived `Serialize` writes it.
pub(super) fn phrase(p: &PhraseEntry, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    let PhraseEntry {
        text,
        kind,
        documents,
        speeches,
        chars,
        occurrences,
        variants,
    } = p;
    buf.extend_from_slice(b"{\"text\":");
    serde_json::to_writer(&mut *buf, text)?;
    buf.extend_from_slice(b",\"kind\":");
    serde_json::to_writer(&mut *buf, kind)?;
    buf.extend_from_slice(b",\"documents\":");
    serde_json::to_writer(&mut *buf, documents)?;
    buf.extend_from_slice(b",\"speeches\":");
    serde_json::to_writer(&mut *buf, speeches)?;
    buf.extend_from_slice(b",\"chars\":");
    serde_json::to_writer(&mut *buf, chars)?;
    buf.extend_from_slice(b",\"occurrences\":[");
    for (i, o) in occurrences.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        occurrence(o, buf)?;
    }
    buf.push(b']');
    // skip_serializing_if = "Vec::is_empty"
    if !variants.is_empty() {
        buf.extend_from_slice(b",\"variants\":");
        serde_json::to_writer(&mut *buf, variants)?;
    }
    buf.push(b'}');
    Ok(())
}

/// An occurrence, as its `Serialize` writes it: flat, the span's fields then `text`.
fn occurrence(o: &Occurrence, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    let Occurrence {
        span:
            Span {
                document,
                start,
                end,
                start_line,
                end_line,
            },
        text,
    } = o;
    let text: &str = text;
    buf.extend_from_slice(b"{\"document\":");
    serde_json::to_writer(&mut *buf, document)?;
    buf.extend_from_slice(b",\"start\":");
    serde_json::to_writer(&mut *buf, start)?;
    buf.extend_from_slice(b",\"end\":");
    serde_json::to_writer(&mut *buf, end)?;
    buf.extend_from_slice(b",\"start_line\":");
    serde_json::to_writer(&mut *buf, start_line)?;
    buf.extend_from_slice(b",\"end_line\":");
    serde_json::to_writer(&mut *buf, end_line)?;
    buf.extend_from_slice(b",\"text\":");
    serde_json::to_writer(&mut *buf, text)?;
    buf.push(b'}');
    Ok(())
}
