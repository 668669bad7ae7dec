//! Bytes → UTF-8 text: BOMs, UTF-8, GB18030/GBK and UTF-16 detection.

/// Decoded text and the name of the encoding it came in.
pub struct Decoded {
    /// The text, UTF-8, without a byte-order mark.
    pub text: String,
    /// The encoding that was detected (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    pub encoding: &'static str,
}

/// Decode a file's bytes, or `None` when they are not text taohua can read
/// (NUL bytes outside UTF-16, or malformed in every candidate encoding).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    decode_text(bytes).map(|(text, encoding)| Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// [`decode`] into a text shared by the speeches cut from it, copied once.
pub fn decode_shared(bytes: &[u8]) -> Option<(std::sync::Arc<str>, &'static str)> {
    decode_text(bytes).map(|(text, encoding)| (text.as_ref().into(), encoding))
}

/// The text of `bytes` and its encoding: UTF-8 (most files, checked with
/// SIMD) as it is, other encodings decoded.
fn decode_text(bytes: &[u8]) -> Option<(std::borrow::Cow<'_, str>, &'static str)> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (!had_errors).then_some((text, enc.name()));
    }
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some((text.into(), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    // Chinese text that is not UTF-8 is nearly always GBK; GB18030 is its superset.
    // A single-byte code page (windows-1252, KOI8-R…) decodes any bytes at all, so
    // broken UTF-8 would come out as plausible junk: try GB18030 (strictly) instead.
    let enc = if guess == encoding_rs::GBK || guess == encoding_rs::UTF_8 || guess.is_single_byte()
    {
        encoding_rs::GB18030
    } else {
        guess
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors || text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    Some((text, enc.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = decode("同志们：".as_bytes()).unwrap();
        assert_eq!(plain.text, "同志们：");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("同志们：".as_bytes());
        assert_eq!(decode(&bom).unwrap().text, "同志们：");
    }

    #[test]
    fn reads_gbk_and_utf16() {
        let (gbk, _, _) = encoding_rs::GBK.encode("谢谢大家！");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, "谢谢大家！");
        assert_eq!(d.encoding, "gb18030");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "谢谢大家".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().text, "谢谢大家");
    }

    #[test]
    fn shared_text_is_what_decode_gives() {
        let (gbk, _, _) = encoding_rs::GBK.encode("谢谢大家！");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("同志们：".as_bytes());
        let inputs: [&[u8]; 6] = [
            "同志们：今天召开会议。".as_bytes(),
            &bom,
            &gbk,
            b"",
            &[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2],
            b"hello \x80\x80 world \xff\xff end \xc3\x28",
        ];
        for bytes in inputs {
            let shared = decode_shared(bytes);
            let plain = decode(bytes).map(|d| (d.text, d.encoding));
            assert_eq!(shared.map(|(t, e)| (t.to_string(), e)), plain, "{bytes:?}");
        }
    }

    #[test]
    fn refuses_binary() {
        assert!(decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]).is_none());
    }

    #[test]
    fn refuses_broken_utf8_that_is_not_gb18030() {
        // a single-byte code page would take these; GB18030 does not
        assert!(decode(b"hello \x80\x80 world \xff\xff end \xc3\x28").is_none());
        assert!(decode(b"Caf\xe9 cr\xe8me br\xfbl\xe9e").is_none());
    }
}
