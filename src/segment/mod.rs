//! Text → paragraphs, sentences and words.
//!
//! Paragraphs are non-blank lines; sentences end at 。！？；(and their ASCII
//! forms) or at a line break; words come from jieba-rs, one shared [`Segmenter`]
//! per run (the dictionary takes a while to load, so it is built once, on
//! another thread while other stages run, and for a small input with only the
//! words that input can hold: see [`dict`]).

mod breaks;
mod dict;
pub use breaks::paragraph_breaks;
#[cfg(test)]
pub use dict::common_words;

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Byte ranges of the non-blank lines of `text`, trimmed.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            out.push(start + lead..start + lead + trimmed.len());
        }
        start += line.len();
    }
    out
}

/// Each distinct paragraph ([`paragraphs`]) of `texts`, with the indexes of
/// the texts that use it, one per use, ascending. Paragraphs behind one hash
/// are told apart by their text.
pub fn distinct_paragraphs<'a>(texts: &[&'a str]) -> Vec<(&'a str, Vec<usize>)> {
    // Seeded afresh each run, so no input can be made to put many paragraphs
    // behind one hash (they would be told apart pair by pair).
    let state = &ahash::RandomState::new();
    let mut uses: Vec<(u64, usize, usize, usize)> = texts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, &text)| {
            paragraphs(text)
                .into_iter()
                .map(move |r| (state.hash_one(&text[r.clone()]), d, r.start, r.end))
        })
        .collect();
    uses.par_sort_unstable();
    uses.par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|run| {
            let mut apart: Vec<(&str, Vec<usize>)> = Vec::with_capacity(1);
            for &(_, d, s, e) in run {
                let text = &texts[d][s..e];
                match apart.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, ds)) => ds.push(d),
                    None => apart.push((text, vec![d])),
                }
            }
            apart
        })
        .collect()
}

/// Byte ranges of the sentences of `text` (ending punctuation included).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let mut start = para.start;
        for (i, c) in text[para.clone()].char_indices() {
            if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
                let end = para.start + i + c.len_utf8();
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start..para.end, &mut out);
    }
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.chars().any(crate::normalize::counts) {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// Inputs up to this size get a dictionary cut down to their words; past it
/// nearly every word can occur and the whole dictionary loads faster.
const SUBSET_MAX_BYTES: usize = 2 << 20;

/// The word segmenter (jieba-rs with its default dictionary and optional user words).
pub struct Segmenter {
    jieba: jieba_rs::Jieba,
}

impl Segmenter {
    /// Load the default dictionary and, if given, a user dictionary
    /// (jieba format: `word [freq] [tag]` per line).
    pub fn new(user_dict: Option<&Path>) -> Result<Segmenter> {
        Segmenter::with_base(jieba_rs::Jieba::new(), user_dict)
    }

    /// A segmenter for `texts` only: it cuts them exactly as [`Segmenter::new`]
    /// does. For small inputs without a user dictionary it loads only the words
    /// the texts can contain, which takes a fraction of the time.
    pub fn for_texts<'a>(
        texts: impl Iterator<Item = &'a str> + Clone,
        user_dict: Option<&Path>,
    ) -> Result<Segmenter> {
        let bytes: usize = texts.clone().map(str::len).sum();
        if user_dict.is_some() || bytes > SUBSET_MAX_BYTES {
            return Segmenter::new(user_dict);
        }
        let mut seen = dict::CharPairs::default();
        texts.for_each(|t| seen.add(t));
        Ok(Segmenter {
            jieba: dict::subset(&seen),
        })
    }

    fn with_base(mut jieba: jieba_rs::Jieba, user_dict: Option<&Path>) -> Result<Segmenter> {
        if let Some(path) = user_dict {
            let bad = |message: String| Error::UserDict {
                path: path.to_path_buf(),
                message,
            };
            let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
            // In any encoding a speech may be in (a dictionary saved as GBK).
            let text = crate::ingest::decode(&bytes)
                .map(|d| d.text)
                .ok_or_else(|| {
                    bad("not text (binary data or an unknown encoding); save it as UTF-8".into())
                })?;
            jieba
                .load_dict(&mut std::io::Cursor::new(text))
                .map_err(|e| Error::UserDict {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?;
        }
        Ok(Segmenter { jieba })
    }

    /// Every token of `text` but whitespace, punctuation kept, as byte ranges
    /// of `text`.
    pub fn tokens(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .filter(|t| !t.word.trim().is_empty())
            .map(|t| {
                // Each token is a slice of `text`.
                let at = t.word.as_ptr() as usize - text.as_ptr() as usize;
                at..at + t.word.len()
            })
            .collect()
    }

    /// The words of `text` that carry letters or digits (punctuation and spaces dropped).
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| w.chars().any(crate::normalize::counts))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_chinese_stops() {
        let text = "同志们：\n今天召开会议。下面，我讲三点意见；谢谢大家！";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "同志们：",
                "今天召开会议。",
                "下面，我讲三点意见；",
                "谢谢大家！"
            ]
        );
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let text = "  第一段。\n\n第二段\r\n";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["第一段。", "第二段"]);
    }

    #[test]
    fn jieba_words_drop_punctuation() {
        let seg = Segmenter::new(None).unwrap();
        let text = "我们要全面落实党风廉政建设责任制。";
        let w = seg.words(text);
        assert!(w.contains(&"党风廉政"), "{w:?}");
        assert!(!w.contains(&"。"));
    }

    #[test]
    fn a_user_dictionary_is_read_in_the_encodings_of_speeches() {
        let dir = tempfile::tempdir().unwrap();
        let words = "开发区工委会 100000 n\n";
        let utf8 = dir.path().join("utf8.txt");
        let gbk = dir.path().join("gbk.txt");
        std::fs::write(&utf8, words).unwrap();
        std::fs::write(&gbk, encoding_rs::GBK.encode(words).0).unwrap();
        let text = "全市开发区工委会召开会议";
        let plain = Segmenter::new(None).unwrap().words(text);
        assert!(!plain.contains(&"开发区工委会"), "{plain:?}");
        for path in [&utf8, &gbk] {
            let seg = Segmenter::new(Some(path)).unwrap();
            assert!(seg.words(text).contains(&"开发区工委会"), "{path:?}");
        }
        std::fs::write(&gbk, b"\x00\x01binary").unwrap();
        let e = Segmenter::new(Some(&gbk)).err().unwrap().to_string();
        assert!(e.contains("gbk.txt") && e.contains("not text"), "{e}");
    }

    #[test]
    fn a_dictionary_cut_down_to_the_text_cuts_it_as_the_whole_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/kaifaqu-19.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let whole = Segmenter::new(None).unwrap();
        let part = Segmenter::for_texts(std::iter::once(text.as_str()), None).unwrap();
        let (a, b) = (whole.tokens(&text), part.tokens(&text));
        assert!(a.len() > 20_000, "{}", a.len());
        assert_eq!(a, b);
        // A text with words the first one lacks is cut differently by the part.
        let other = "量子计算机的纠错码";
        assert_eq!(whole.words(other), ["量子", "计算机", "的", "纠错码"]);
        assert_ne!(part.words(other), whole.words(other));
    }
}
