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

/// An occurrence, as the report writes it: flat, the span's fields then
/// `text`. Tens of millions of them make most of a large report, so their
/// numbers are written with `itoa` and their text by [`string`].
fn occurrence(o: &Span, text: &str, buf: &mut Vec<u8>) -> serde_json::Result<()> {
    let Span {
        document,
        start,
        end,
        start_line,
        end_line,
    } = o;
    let mut digits = itoa::Buffer::new();
    let mut number = |key: &[u8], n: usize| {
        buf.extend_from_slice(key);
        buf.extend_from_slice(digits.format(n).as_bytes());
    };
    number(b"{\"document\":", *document);
    number(b",\"start\":", *start);
    number(b",\"end\":", *end);
    number(b",\"start_line\":", *start_line);
    number(b",\"end_line\":", *end_line);
    buf.extend_from_slice(b",\"text\":");
    string(buf, text)?;
    buf.push(b'}');
    Ok(())
}

/// A string as `serde_json` writes it: as it is between quotes when nothing
/// in it needs escaping (a control character, `"` or `\\`), as nearly every
/// occurrence's text is; else by `serde_json`.
fn string(buf: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(buf, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_occurrences_are_written_as_serde_json_writes_them() {
        let mut strings: Vec<String> = [
            "",
            "让我们紧密团结在以习近平同志为核心的党中央周围",
            "引号\"反斜杠\\换行\n制表\t</script>é😀\u{7f}",
            "以******同志为核心的党***周围",
        ]
        .map(String::from)
        .to_vec();
        strings.extend((0u8..=0x7f).map(|b| format!("前{}后", b as char)));
        for s in &strings {
            let mut fast = Vec::new();
            string(&mut fast, s).expect("writes to memory");
            assert_eq!(fast, serde_json::to_vec(s).expect("serialises"), "{s:?}");
        }
        let span = Span {
            document: 7,
            start: 0,
            end: usize::MAX,
            start_line: 1,
            end_line: 4_294_967_296,
        };
        #[derive(Serialize)]
        struct Want<'a> {
            #[serde(flatten)]
            span: &'a Span,
            text: &'a str,
        }
        for text in &strings {
            let mut fast = Vec::new();
            occurrence(&span, text, &mut fast).expect("writes to memory");
            let want = serde_json::to_vec(&Want { span: &span, text }).expect("serialises");
            assert_eq!(fast, want, "{text:?}");
        }
    }
}
