//! Text a report shows, shared with the file it was read from.

/// A piece of text (a speech, an occurrence of a phrase), shared with the file
/// it was read from: a report of a large corpus holds no second copy of it.
#[derive(Debug, Clone)]
pub struct SharedText {
    file: std::sync::Arc<str>,
    range: std::ops::Range<usize>,
}

impl SharedText {
    /// The text at `range` of a file's text.
    pub fn new(file: std::sync::Arc<str>, range: std::ops::Range<usize>) -> SharedText {
        SharedText { file, range }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.file[self.range.clone()]
    }

    /// The text at `s..e` (byte offsets into it), if that lies inside it on
    /// character boundaries. Only the bytes at `s` and `e` are read (taking
    /// [`SharedText::as_str`] first would read those at both of its ends).
    pub fn get(&self, s: usize, e: usize) -> Option<&str> {
        if s > e || e > self.range.len() {
            return None;
        }
        self.file.get(self.range.start + s..self.range.start + e)
    }

    /// Start loading byte `at` of the text (a hint only).
    pub fn prefetch(&self, at: usize) {
        if let Some(at) = self.range.start.checked_add(at) {
            crate::prefetch(self.file.as_bytes(), at);
        }
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        let range = 0..s.len();
        SharedText {
            file: s.into(),
            range,
        }
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}
