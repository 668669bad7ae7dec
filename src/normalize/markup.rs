//! HTML left in scraped text: tags (`<p>`, `<br/>`, `<span class="x">`) and
//! character references (`&nbsp;`, `&ldquo;`, `&#8220;`, `&#x4E2D;`).
//!
//! A page copied into a text file keeps them, and their letters would count
//! as the draft's own characters (`&ldquo;五个必须&rdquo;` held 10 letters
//! that no source has, and broke the run it stood in). A tag is dropped like
//! punctuation; a reference is read as the character it stands for.

/// Element names a tag is taken for (lower case): the ones pages carry text in.
const ELEMENTS: &[&str] = &[
    "a",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "u",
    "ul",
    "article",
    "header",
    "footer",
    "label",
    "input",
    "meta",
    "link",
    "nav",
    "figure",
    "figcaption",
];

/// Named references and the characters they stand for (those of text:
/// spaces, quotes, dashes, marks).
const NAMED: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("divide", '÷'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("yen", '¥'),
    ("permil", '‰'),
];

/// Longest tag taken, in bytes (attributes included).
const MAX_TAG: usize = 300;

/// The markup that starts at byte `at` of `text` (where a `<` or `&`
/// stands): its length in bytes, and for a reference the character it
/// stands for.
pub(super) fn markup_at(text: &str, at: usize) -> Option<(usize, Option<char>)> {
    let rest = &text.as_bytes()[at..];
    match rest.first()? {
        b'<' => tag_len(rest).map(|n| (n, None)),
        b'&' => reference(rest).map(|(n, c)| (n, Some(c))),
        _ => None,
    }
}

/// `<name …>` or `</name>` of a known element, on one line.
fn tag_len(s: &[u8]) -> Option<usize> {
    let body = s.strip_prefix(b"<")?;
    let body = body.strip_prefix(b"/").unwrap_or(body);
    let name_len = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &body[..name_len];
    if !ELEMENTS
        .iter()
        .any(|e| e.as_bytes().eq_ignore_ascii_case(name))
    {
        return None;
    }
    // After the name: `>`, `/>`, or a space and attributes up to `>`.
    let after = &body[name_len..];
    if !matches!(after.first(), Some(b'>' | b'/' | b' ' | b'\t')) {
        return None;
    }
    let close = after
        .iter()
        .take(MAX_TAG)
        .position(|&b| b == b'>' || b == b'<' || b == b'\n')?;
    (after[close] == b'>').then_some(s.len() - after.len() + close + 1)
}

/// `&name;`, `&#digits;` or `&#xhex;`, and the character it stands for.
fn reference(s: &[u8]) -> Option<(usize, char)> {
    let end = s.iter().take(12).position(|&b| b == b';')?;
    let body = std::str::from_utf8(&s[1..end]).ok()?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control())?
    } else {
        NAMED.iter().find(|(n, _)| *n == body)?.1
    };
    Some((end + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_references_are_found() {
        assert_eq!(markup_at("<p>讲话", 0), Some((3, None)));
        assert_eq!(markup_at("</P>", 0), Some((4, None)));
        assert_eq!(markup_at("<br/>", 0), Some((5, None)));
        let span = r#"<span style="color:red">"#;
        assert_eq!(markup_at(span, 0), Some((span.len(), None)));
        assert_eq!(markup_at("&nbsp;", 0), Some((6, Some(' '))));
        assert_eq!(markup_at("&ldquo;", 0), Some((7, Some('“'))));
        assert_eq!(markup_at("&#20013;", 0), Some((8, Some('中'))));
        assert_eq!(markup_at("&#x4E2D;", 0), Some((8, Some('中'))));
    }

    #[test]
    fn text_that_only_looks_like_markup_is_text() {
        for text in [
            "<增长率>",
            "a<b",
            "<p",
            "<pa>",
            "<p\n>",
            "x < y > z",
            "&",
            "& 同志们;",
            "&foo;",
            "&#;",
            "&#xZZ;",
            "&#0;",
            "&nbsp",
        ] {
            let at = text.find(['<', '&']).unwrap();
            assert_eq!(markup_at(text, at), None, "{text}");
        }
    }
}
