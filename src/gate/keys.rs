//! Where in a TOML text an error is: its line and dotted key, for messages
//! that say what to fix (`taohua.toml:12: thresholds.copy.warn: …`).

use super::ConfigError;

/// A [`ConfigError`] at byte `at` of `text`.
pub(crate) fn at(text: &str, file: &str, at: usize, message: String) -> ConfigError {
    ConfigError {
        file: file.to_string(),
        line: line_of(text, at),
        key: key_path(text, at),
        message,
    }
}

/// A [`ConfigError`] from a TOML or serde error (its span gives the place).
pub(crate) fn from_toml(text: &str, file: &str, e: &toml::de::Error) -> ConfigError {
    let mut err = at(
        text,
        file,
        e.span().map_or(0, |s| s.start),
        tidy(e.message()),
    );
    // The words a switch takes, where serde knows only that it wanted one.
    if err.message.contains("wanted string or table") {
        let words = match err.key.rsplit('.').next() {
            Some("scope") => Some("\"all\" or \"new\""),
            Some("junk") => Some("\"off\", \"warn\" or \"fail\""),
            _ => None,
        };
        if let Some(words) = words {
            err.message = format!("expected {words}");
        }
    }
    err
}

/// serde's words → the words of a config file.
fn tidy(message: &str) -> String {
    let m = message.trim();
    match m.strip_prefix("unknown field `") {
        Some(rest) => match rest.split_once("`, ") {
            Some((_, expected)) => format!("unknown key; {expected}"),
            None => "unknown key".into(),
        },
        None => m
            .replace("unknown variant", "unknown value")
            .replace("expected f64", "expected a number")
            .replace(
                "expected struct Tier",
                "expected a table like { warn = 0.3, fail = 0.5 }",
            )
            .replace("expected a sequence", "expected a list"),
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The dotted key at byte `at`: the table header above, the inline tables open
/// on the line, and the key being set (or the key that starts at `at`).
fn key_path(text: &str, at: usize) -> String {
    static TOKEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let token = TOKEN.get_or_init(|| {
        regex::Regex::new(r#"\{|\}|(?:([A-Za-z0-9_.\-]+)|"([^"]*)")\s*=|"(?:[^"\\]|\\.)*"|'[^']*'"#)
            .expect("key pattern")
    });
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let header = |line: &str| -> Option<Vec<String>> {
        let inner = line.trim_start().strip_prefix('[')?.trim_start_matches('[');
        let inner = inner.split(']').next().unwrap_or("");
        Some(inner.split('.').map(|k| k.trim().to_string()).collect())
    };
    // On a table header itself: its key, up to the part at `at`.
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if let Some(keys) = header(&text[line_start..line_end]) {
        let before = text[line_start..at].matches('.').count();
        let mut keys = keys;
        keys.truncate(before + 1);
        keys.retain(|k| !k.is_empty());
        return keys.join(".");
    }
    let mut path: Vec<String> = Vec::new();
    for line in text[..line_start].lines() {
        if let Some(keys) = header(line) {
            path = keys;
        }
    }
    let mut last: Option<String> = None;
    for c in token.captures_iter(&text[line_start..at]) {
        match &c[0] {
            "{" => path.extend(last.take()),
            "}" => {
                path.pop();
            }
            _ => {
                if let Some(k) = c.get(1).or(c.get(2)) {
                    last = Some(k.as_str().to_string());
                }
            }
        }
    }
    match token.captures(&text[at..]) {
        // A key at `at`: the keys set before it on the line are its siblings.
        Some(c) if c.get(0).is_some_and(|m| m.start() == 0) && c.get(1).or(c.get(2)).is_some() => {
            path.push(c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_string());
        }
        _ => path.extend(last),
    }
    path.retain(|k| !k.is_empty());
    path.join(".")
}

#[cfg(test)]
mod tests {
    use super::key_path;

    #[test]
    fn keys_are_found_from_headers_inline_tables_and_key_spans() {
        let text = "[a]\nb = { c = 1, d = { e = 'x' } }\n[[f]]\ng = 2\n";
        assert_eq!(key_path(text, text.find("1").unwrap()), "a.b.c");
        assert_eq!(key_path(text, text.find("'x'").unwrap()), "a.b.d.e");
        assert_eq!(key_path(text, text.find("g =").unwrap()), "f.g");
        assert_eq!(key_path(text, text.find("2").unwrap()), "f.g");
        assert_eq!(key_path("x = 1", 4), "x");
        // A key among others of an inline table, and a table header.
        let text = "[t]\ncopy = { warn = 0.3, fail = 0.5, typo = 1 }\n[extra]\n[split.sub]\n";
        assert_eq!(key_path(text, text.find("typo").unwrap()), "t.copy.typo");
        assert_eq!(key_path(text, text.find("extra").unwrap()), "extra");
        assert_eq!(key_path(text, text.find("sub").unwrap()), "split.sub");
        assert_eq!(key_path(text, text.find("split").unwrap()), "split");
    }
}
