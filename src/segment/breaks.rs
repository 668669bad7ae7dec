//! A text → where its paragraphs end, hard-wrapped lines joined: the unit
//! inside which the passages of one source support each other in a check,
//! and inside which shared phrases are mined in a scan.

/// The byte offsets of the line breaks of `text` that end a paragraph: those
/// after a sentence's end (。！？；：, a closing quote or bracket after one),
/// at a blank line, and before and after a heading or list line. A break
/// inside a sentence is a wrapped line, and so is one after a sentence's end
/// on a full line of hard-wrapped text.
pub fn paragraph_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let blank = |c: char| (c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}') && c != '\n';
    let width = wrap_width(text);
    memchr::memchr_iter(b'\n', text.as_bytes()).filter(move |&b| {
        let before = text[..b].trim_end_matches(blank);
        let last = before.trim_end_matches(['”', '’', '"', '\'', '」', '』', ')', '）', '】']);
        let ends = last.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…']);
        let next = text[b + 1..].trim_start_matches(blank);
        let line = before
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .trim_start_matches(blank);
        // In hard-wrapped text a full line that happens to end a sentence
        // is still a wrap: the paragraph's last line is the short one.
        let full = width.is_some_and(|w| line.chars().count() + WRAP_SLACK >= w);
        (ends && !full)
            || before.ends_with('\n')
            || next.starts_with('\n')
            || before.is_empty()
            || heading(line)
            || heading(next)
    })
}

/// Lines this many characters shorter than the wrap width still count as full.
const WRAP_SLACK: usize = 2;

/// The width text is hard-wrapped at, if it is: at least four lines, and at
/// least half of them within [`WRAP_SLACK`] characters of the most common
/// length (a text of one paragraph a line has lines of every length).
fn wrap_width(text: &str) -> Option<usize> {
    let lens: Vec<usize> = text
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lens.len() < 4 {
        return None;
    }
    let mut counts: crate::FastMap<usize, usize> = crate::FastMap::default();
    for &n in &lens {
        *counts.entry(n).or_default() += 1;
    }
    let (&mode, _) = counts.iter().max_by_key(|&(&n, &c)| (c, n))?;
    let near = lens
        .iter()
        .filter(|&&n| n + WRAP_SLACK >= mode && n <= mode)
        .count();
    (mode >= 10 && 2 * near >= lens.len()).then_some(mode)
}

/// Does a line start as a heading, a list item or a table row does (`#`,
/// `- `, `1.`, `一、`, `（一）`, `第一章`, `|`)? Such a line is a paragraph of
/// its own, with or without an end mark.
fn heading(line: &str) -> bool {
    const ORDINALS: &str = "一二三四五六七八九十百零〇0123456789０１２３４５６７８９";
    let mut chars = line.chars();
    match chars.next() {
        Some('#' | '-' | '*' | '+' | '•' | '·' | '●' | '■' | '◆' | '○' | '|' | '｜') => {
            return true
        }
        Some('(' | '（' | '【' | '〔') => {
            let inner: String = chars
                .clone()
                .take_while(|&c| ORDINALS.contains(c))
                .collect();
            return !inner.is_empty();
        }
        Some('第') => {
            let rest: String = chars
                .clone()
                .skip_while(|&c| ORDINALS.contains(c))
                .take(1)
                .collect();
            return matches!(rest.as_str(), "章" | "节" | "条" | "部" | "篇" | "编");
        }
        Some(c) if ORDINALS.contains(c) => {}
        _ => return false,
    }
    let rest = chars.find(|&c| !ORDINALS.contains(c));
    matches!(rest, Some('、' | '.' | '．' | ')' | '）'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_end_at_a_sentence_end_or_a_blank_line_not_at_a_wrap() {
        let text = "同志们：\n今天我们召开全区工作会议，\n我先讲几点意见。”\r\n一、提高站位\n\n二、狠抓落实\n";
        let breaks: Vec<&str> = paragraph_breaks(text).map(|b| &text[..b]).collect();
        let ends: Vec<char> = breaks
            .iter()
            .map(|t| t.trim_end().chars().last().unwrap())
            .collect();
        // After 们：, after 见。” (CRLF), after 位 (a blank line follows), the
        // blank line's own, and after 实 (a heading); not after 议， (a
        // wrapped line).
        assert_eq!(ends, ['：', '”', '位', '位', '实']);
    }
    #[test]
    fn headings_are_paragraphs_and_a_full_wrapped_line_is_not_a_break() {
        let breaks = |text: &str| -> Vec<usize> {
            paragraph_breaks(text)
                .map(|b| text[..b].matches('\n').count() + 1)
                .collect()
        };
        // A heading without an end mark, then the writer's paragraph (and the end).
        assert_eq!(
            breaks("一、客观总结成绩，坚定发展信心\n一年来，开发区负重奋进。\n"),
            [1, 2]
        );
        assert_eq!(
            breaks("## 总结成绩\n- 第一项\n（二）第二项\n第三章 附则\n"),
            [1, 2, 3, 4]
        );
        // A wrapped line that starts with a year is no heading.
        assert!(breaks("今年的目标是\n2025年完成改造\n").is_empty());
        // Hard-wrapped at 28 characters: the third line ends a sentence at
        // the wrap and is full, so no break; the short fourth line ends it
        // (and the fifth, the text).
        let wrapped = "大力培育国家重点支持、体现区域战略需求、产业前景好、发展\n\
            潜力大的新兴产业,着力在新能源、新材料、节能环保、电动汽\n\
            车、生物医药等重点领域率先突破,抢占未来发展的制高点。\n\
            瞄准世界产业最新发展趋势,三要积极培育新兴产业。\n\
            下一段。\n";
        assert_eq!(wrap_width(wrapped), Some(28));
        assert_eq!(breaks(wrapped), [4, 5]);
        // One paragraph a line, of every length: not wrapped.
        assert_eq!(wrap_width("一年来，开发区负重奋进。\n新落户企业二十六家，园区面貌焕然一新，税收增长两成。\n我讲三点意见。\n同志们，任务艰巨。\n"), None);
    }
}
