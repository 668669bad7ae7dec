//! Text → paragraphs, sentences and words.
//!
//! Paragraphs are non-blank lines; sentences end at 。！？；(and their ASCII
//! forms) or at a line break; words come from jieba-rs, one shared [`Segmenter`]
//! per run (the dictionary takes a while to load, so it is built once and may be
//! built on another thread while other stages run).

use crate::error::{Error, Result};
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
    if t.chars().any(char::is_alphanumeric) {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// The word segmenter (jieba-rs with its default dictionary and optional user words).
pub struct Segmenter {
    jieba: jieba_rs::Jieba,
}

impl Segmenter {
    /// Load the default dictionary and, if given, a user dictionary
    /// (jieba format: `word [freq] [tag]` per line).
    pub fn new(user_dict: Option<&Path>) -> Result<Segmenter> {
        let mut jieba = jieba_rs::Jieba::new();
        if let Some(path) = user_dict {
            let file = std::fs::File::open(path).map_err(|e| Error::UserDict {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            jieba
                .load_dict(&mut std::io::BufReader::new(file))
                .map_err(|e| Error::UserDict {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?;
        }
        Ok(Segmenter { jieba })
    }

    /// Every token of `text` but whitespace, punctuation kept (width-folded).
    pub fn tokens(&self, text: &str) -> Vec<String> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .filter(|t| !t.word.trim().is_empty())
            .map(|t| t.word.chars().map(crate::normalize::fold).collect())
            .collect()
    }

    /// The words of `text` that carry letters or digits (punctuation and spaces dropped).
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| t.word)
            .filter(|w| w.chars().any(char::is_alphanumeric))
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
        let w = seg.words("我们要全面落实党风廉政建设责任制。");
        assert!(w.contains(&"党风廉政"), "{w:?}");
        assert!(!w.contains(&"。"));
    }
}
