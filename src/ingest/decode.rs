//! Bytes → UTF-8 text: BOMs, UTF-8, GB18030/GBK, Big5 and UTF-16 detection.

use std::borrow::Cow;

/// Decoded text and the name of the encoding it came in.
pub struct Decoded {
    /// The text, UTF-8, without a byte-order mark.
    pub text: String,
    /// The encoding that was detected (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Malformed sequences (a stray byte, a cut character) that were read as
    /// U+FFFD (see [`decode`]).
    pub replaced: usize,
}

/// Decode a file's bytes, or `None` when they are not text taohua can read
/// (NUL bytes outside UTF-16, or malformed in every candidate encoding). A
/// file of text with a few malformed bytes (a last character cut off, a
/// stray byte: at most one for every hundred characters beyond ASCII, or
/// three) is
/// read with U+FFFD in their place, and `replaced` says how many: the rest of
/// the file is not lost over them.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    decode_text(bytes).map(|(text, encoding, replaced)| Decoded {
        text: text.into_owned(),
        encoding,
        replaced,
    })
}

/// [`decode`] into a text shared by the speeches cut from it, copied once:
/// the text, its encoding and the malformed bytes replaced.
pub fn decode_shared(bytes: &[u8]) -> Option<(std::sync::Arc<str>, &'static str, usize)> {
    decode_text(bytes).map(|(text, encoding, replaced)| (text.as_ref().into(), encoding, replaced))
}

/// What a reader is told of a text read with `replaced` malformed sequences
/// replaced (see [`decode`]), when there are any.
pub fn repair_note(encoding: &str, replaced: usize) -> Option<String> {
    let what = match replaced {
        0 => return None,
        1 => "sequence",
        _ => "sequences",
    };
    Some(format!("{replaced} malformed {what} in otherwise {encoding} text, read as U+FFFD; fix or re-save the file to read them"))
}

/// Most malformed bytes a text may have for every hundred characters beyond
/// ASCII to be read with them replaced.
const REPLACED_PER_HUNDRED: usize = 1;

/// Few enough replaced for the text to be read (see [`REPLACED_PER_HUNDRED`];
/// up to three in a short text, a cut character's bytes, among ten times as
/// many characters beyond ASCII)?
fn few(replaced: usize, wide_chars: usize) -> bool {
    replaced * 100 <= wide_chars.max(300) * REPLACED_PER_HUNDRED && wide_chars >= 10 * replaced
}

/// A control character that is no whitespace: binary data, not text.
fn binary(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// A decoding with errors, when they are few: its text and how many
/// replacement characters it holds.
fn repaired(text: Cow<'_, str>) -> Option<(Cow<'_, str>, usize)> {
    let marks = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let wide = text.chars().filter(|c| !c.is_ascii()).count() - marks;
    (!text.chars().any(binary) && few(marks, wide)).then_some((text, marks))
}

/// UTF-8 with a few malformed bytes, read with them replaced.
fn lossy_utf8(bytes: &[u8]) -> Option<(Cow<'_, str>, &'static str, usize)> {
    // Each malformed stretch becomes one U+FFFD.
    let (mut bad, mut wide, mut controls) = (0, 0, false);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            wide += usize::from(!c.is_ascii());
            controls |= binary(c);
        }
        bad += usize::from(!chunk.invalid().is_empty());
    }
    (bad > 0 && few(bad, wide) && !controls).then(|| (String::from_utf8_lossy(bytes), "UTF-8", bad))
}

/// The encoding of a UTF-8 file that starts with a byte order mark.
pub const UTF8_BOM: &str = "UTF-8 with BOM";

/// The text of `bytes`, its encoding and the malformed bytes replaced: UTF-8
/// (most files, checked with SIMD) as it is, other encodings decoded.
fn decode_text(bytes: &[u8]) -> Option<(Cow<'_, str>, &'static str, usize)> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        // (A UTF-8 file with a BOM is named apart: `dedup` writes it back
        // without one, and says so.)
        let name = match enc == encoding_rs::UTF_8 {
            true => UTF8_BOM,
            false => enc.name(),
        };
        if !had_errors {
            return Some((text, name, 0));
        }
        // A cut last unit, not a file of broken units.
        return repaired(text)
            .filter(|&(_, n)| n <= 1)
            .map(|(t, n)| (t, name, n));
    }
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some((text.into(), "UTF-8", 0));
    }
    if let Some(read) = lossy_utf8(bytes) {
        return Some(read);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    // Traditional text from Taiwan or Hong Kong is Big5, whose bytes GB18030
    // mostly decodes too, as nonsense: taken when the detector, unhinted,
    // sees Big5 and every byte decodes.
    if detector.guess(None, true) == encoding_rs::BIG5 {
        let (text, had_errors) = encoding_rs::BIG5.decode_without_bom_handling(bytes);
        if !had_errors && !text.chars().any(binary) {
            return Some((text, encoding_rs::BIG5.name(), 0));
        }
    }
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
    if !had_errors {
        return (!text.chars().any(binary)).then_some((text, enc.name(), 0));
    }
    // A few malformed bytes only where the detector itself saw GBK: text
    // in a single-byte code page (Latin-1 German with one `ß`) would come out
    // as GB18030 mojibake.
    let gbk = guess == encoding_rs::GBK || guess == encoding_rs::GB18030;
    repaired(text)
        .filter(|_| gbk)
        .map(|(t, n)| (t, enc.name(), n))
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
        let with_bom = decode(&bom).unwrap();
        assert_eq!(with_bom.text, "同志们：");
        assert_eq!((plain.encoding, with_bom.encoding), ("UTF-8", UTF8_BOM));
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
    fn reads_big5_and_still_takes_gbk_as_gbk() {
        let traditional = "各位代表：現在，我代表省人民政府，向大會報告工作，請予審議，並請省政協委員提出意見。過去一年，我們堅持穩中求進工作總基調，經濟運行總體平穩、穩中有進。";
        let (big5, _, bad) = encoding_rs::BIG5.encode(traditional);
        assert!(!bad);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (traditional, "Big5"));
        let simplified = "各位代表：现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。过去一年，我们坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。";
        let (gbk, _, _) = encoding_rs::GBK.encode(simplified);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (simplified, "gb18030"));
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
            let plain = decode(bytes).map(|d| (d.text, d.encoding, d.replaced));
            assert_eq!(
                shared.map(|(t, e, n)| (t.to_string(), e, n)),
                plain,
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn a_few_malformed_bytes_are_replaced_not_the_file_lost() {
        let text =
            "同志们：今天我们召开全市开发区工作会议，主要任务是总结工作、部署任务。".repeat(3);
        // A stray byte in UTF-8, and the last character cut off.
        let mut stray = text.as_bytes().to_vec();
        stray.insert(9, 0xFF);
        let d = decode(&stray).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert_eq!(d.text.replace('\u{FFFD}', ""), text);
        let cut = &text.as_bytes()[..text.len() - 1];
        let d = decode(cut).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        // GBK with a stray byte.
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let mut gbk = gbk.into_owned();
        gbk.insert(8, 0xFF);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(
            d.replaced >= 1 && d.text.contains("开发区工作会议"),
            "{}",
            d.text
        );
        // Latin-1 with one byte that is no GB18030 is no text either.
        assert!(
            decode(b"Wir gehen zu Fu\xdf nach Hause und f\xfchren die F\xf6rderung fort.")
                .is_none()
        );
        // Nor UTF-16 with more than one broken unit.
        let mut units = vec![0xFF, 0xFE];
        for _ in 0..3 {
            units.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
        }
        assert!(decode(&units).is_none());
        // Many malformed bytes are no text.
        let mut many = text.as_bytes().to_vec();
        for i in (0..many.len()).step_by(20) {
            many[i] = 0xFF;
        }
        assert!(decode(&many).is_none());
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
