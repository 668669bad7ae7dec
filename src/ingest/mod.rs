//! Files, folders and stdin → a [`Corpus`] of speeches.
//!
//! The only stage that touches the file system. Input: paths (files, folders
//! walked recursively for the chosen extensions, or `-` for stdin). Output: every
//! readable file decoded to UTF-8 and cut into [`Document`]s; every file that
//! could not be read is listed in [`Corpus::skipped`] with its reason, and the
//! run goes on. Documents are numbered in a stable order (paths sorted, then file
//! order), so results depend neither on the order the file system returns nor
//! on the order of the arguments.

mod decode;
mod split;
mod walk;

pub use decode::{decode, decode_shared, repair_note, Decoded};
pub use split::{matches_empty_in_lines, split, Piece, Pieces, SplitRule};
use walk::{expand, read_reason};

use rayon::prelude::*;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One speech.
#[derive(Debug, Clone)]
pub struct Document {
    /// Index in [`Corpus::documents`].
    pub id: usize,
    /// Index in [`Corpus::files`].
    pub file: usize,
    /// Index of its piece in the file's [`Pieces`].
    pub piece: usize,
    /// The heading line for a speech of a compilation, else the file stem.
    pub title: String,
    /// Byte range of the speech in its file's text.
    pub range: Range<usize>,
    /// 1-based line numbers of the first and last line in the file.
    pub start_line: usize,
    /// Last line (1-based, inclusive).
    pub end_line: usize,
    text: Arc<str>,
    newlines: Vec<u32>,
}

impl Document {
    /// The speech text.
    pub fn text(&self) -> &str {
        &self.text[self.range.clone()]
    }

    /// The speech text, sharing the file's text (no copy).
    pub fn speech_text(&self) -> crate::report::SharedText {
        self.shared(self.range.clone())
    }

    /// The text at `range` (byte offsets into [`Document::file_text`]), sharing
    /// the file's text (no copy).
    pub fn shared(&self, range: Range<usize>) -> crate::report::SharedText {
        crate::report::SharedText::new(self.text.clone(), range)
    }

    /// The text of the whole file the speech comes from.
    pub fn file_text(&self) -> &str {
        &self.text
    }

    /// 1-based file line of a byte offset into [`Document::text`].
    pub fn line_of(&self, offset: usize) -> usize {
        self.start_line + self.newlines.partition_point(|&n| (n as usize) < offset)
    }

    /// 1-based file lines of two byte offsets `from <= to` into
    /// [`Document::text`]: one search, then a walk over the lines between
    /// (a span is usually on one line).
    pub fn lines_of(&self, from: usize, to: usize) -> (usize, usize) {
        let first = self.newlines.partition_point(|&n| (n as usize) < from);
        let rest = &self.newlines[first..];
        let between = match rest.iter().take(8).position(|&n| n as usize >= to) {
            Some(k) => k,
            None => rest.partition_point(|&n| (n as usize) < to),
        };
        (self.start_line + first, self.start_line + first + between)
    }
}

/// A file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given or found (`-` for stdin).
    pub path: String,
    /// The decoded text.
    pub text: Arc<str>,
    /// Encoding it was read in.
    pub encoding: &'static str,
    /// How it was cut.
    pub pieces: Pieces,
    /// The ids of its documents, in file order.
    pub documents: Vec<usize>,
}

/// A file or folder that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The path.
    pub path: String,
    /// What went wrong, in words a user can act on.
    pub reason: String,
}

/// Everything read from the inputs.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Files read.
    pub files: Vec<SourceFile>,
    /// Speeches, numbered in order.
    pub documents: Vec<Document>,
    /// Inputs that could not be read.
    pub skipped: Vec<Skipped>,
    /// Files read with a few malformed bytes replaced (see [`decode`]): the
    /// path and what was done, in words.
    pub repaired: Vec<Skipped>,
}

/// What to read and how to cut it.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// File extensions to take from folders (without dot).
    pub extensions: Vec<String>,
    /// Heading rule.
    pub split: SplitRule,
    /// Files and folders left out of a folder's walk, by name or by path
    /// below the folder.
    pub exclude: globset::GlobSet,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            extensions: vec!["txt".into(), "md".into()],
            split: SplitRule::Default,
            exclude: globset::GlobSet::empty(),
        }
    }
}

/// A set of globs as `--exclude` and `taohua.toml` write them (`*` stops at
/// a `/`). A glob that does not parse is named by its index, with what is
/// wrong with it; a set that cannot be built has no index.
pub fn glob_set<'a>(
    globs: impl IntoIterator<Item = &'a str>,
) -> std::result::Result<globset::GlobSet, (Option<usize>, String)> {
    let mut set = globset::GlobSetBuilder::new();
    for (i, g) in globs.into_iter().enumerate() {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .map_err(|e| (Some(i), e.kind().to_string()))?;
        set.add(glob);
    }
    set.build().map_err(|e| (None, e.to_string()))
}

/// Read every path; unreadable ones land in [`Corpus::skipped`].
pub fn read_corpus(paths: &[PathBuf], opts: &IngestOptions) -> Corpus {
    let mut corpus = Corpus::default();
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let mut bytes = Vec::new();
        match std::io::stdin().lock().read_to_end(&mut bytes) {
            Ok(_) => add_bytes(&mut corpus, "-".into(), &bytes, opts),
            Err(e) => corpus
                .skipped
                .push(skip("-", format!("cannot read stdin: {e}"))),
        }
    }
    // Files in path order, each once, whatever the order of the arguments:
    // the same inputs always give the same document ids and the same report.
    let mut found: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .flat_map(|p| expand(p, opts, &mut corpus.skipped))
        .collect();
    found.sort();
    found.dedup();
    corpus.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    // Read, decode and cut in parallel; number the documents in path order.
    let loaded: Vec<Result<(Cut, usize), Skipped>> = found
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f).map_err(|e| skip(&display(f), read_reason(&e)))?;
            let (text, encoding, replaced) =
                decode_shared(&bytes).ok_or_else(|| undecodable(&display(f)))?;
            Ok((cut(text, encoding, opts), replaced))
        })
        .collect();
    for (f, l) in found.iter().zip(loaded) {
        match l {
            Ok((c, replaced)) => {
                note_replaced(&mut corpus, &display(f), c.encoding, replaced);
                push_cut(&mut corpus, display(f), c);
            }
            Err(s) => corpus.skipped.push(s),
        }
    }
    corpus
}

/// Record that `path` was read with `replaced` malformed sequences replaced.
fn note_replaced(corpus: &mut Corpus, path: &str, encoding: &str, replaced: usize) {
    if let Some(note) = repair_note(encoding, replaced) {
        corpus.repaired.push(skip(path, note));
    }
}

fn undecodable(path: &str) -> Skipped {
    skip(
        path,
        "not text (binary data or an unknown encoding); convert it to UTF-8 or leave it out".into(),
    )
}

/// Add a file's contents (already read) to the corpus.
pub fn add_bytes(corpus: &mut Corpus, path: String, bytes: &[u8], opts: &IngestOptions) {
    match decode_shared(bytes) {
        Some((text, encoding, replaced)) => {
            note_replaced(corpus, &path, encoding, replaced);
            push_cut(corpus, path, cut(text, encoding, opts));
        }
        None => corpus.skipped.push(undecodable(&path)),
    }
}

/// Add a file's decoded text to the corpus.
pub fn add_text(
    corpus: &mut Corpus,
    path: String,
    text: String,
    encoding: &'static str,
    opts: &IngestOptions,
) {
    push_cut(corpus, path, cut(text.into(), encoding, opts));
}

/// A decoded file cut into pieces, before its documents are numbered.
struct Cut {
    text: Arc<str>,
    encoding: &'static str,
    pieces: Pieces,
    /// For each piece with speech text in it: its index and its newlines.
    speeches: Vec<(usize, Vec<u32>)>,
}

fn cut(text: Arc<str>, encoding: &'static str, opts: &IngestOptions) -> Cut {
    let pieces = split(&text, &opts.split);
    let speeches = pieces
        .pieces
        .iter()
        .enumerate()
        .filter(|(_, piece)| text[piece.body.clone()].chars().any(char::is_alphanumeric))
        .map(|(k, piece)| {
            let newlines = memchr::memchr_iter(b'\n', text[piece.body.clone()].as_bytes())
                .map(|i| i as u32)
                .collect();
            (k, newlines)
        })
        .collect();
    Cut {
        text,
        encoding,
        pieces,
        speeches,
    }
}

fn push_cut(corpus: &mut Corpus, path: String, cut: Cut) {
    let Cut {
        text,
        encoding,
        pieces,
        speeches,
    } = cut;
    let file = corpus.files.len();
    let stem = stem(&path);
    let mut ids = Vec::new();
    for (k, newlines) in speeches {
        let piece = &pieces.pieces[k];
        let id = corpus.documents.len();
        ids.push(id);
        corpus.documents.push(Document {
            id,
            file,
            piece: k,
            title: piece
                .heading
                .as_deref()
                .map_or_else(|| stem.clone(), |h| split::title_of(h).to_string()),
            range: piece.body.clone(),
            start_line: piece.start_line,
            end_line: piece.end_line,
            newlines,
            text: text.clone(),
        });
    }
    if ids.is_empty() {
        let reason = if pieces.pieces.is_empty() {
            "no text in it (empty or whitespace only)"
        } else if pieces.pieces.iter().all(|p| p.heading.is_none()) {
            "no letters or digits in it (only punctuation or symbols)"
        } else {
            "headings but no speech text under them"
        };
        corpus.skipped.push(skip(&path, reason.into()));
    }
    corpus.files.push(SourceFile {
        path,
        text,
        encoding,
        pieces,
        documents: ids,
    });
}

fn skip(path: &str, reason: String) -> Skipped {
    Skipped {
        path: path.to_string(),
        reason,
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// The bundled seed compilation read into a corpus (as file `seed`), for
/// the unit tests of later stages.
#[cfg(test)]
pub(crate) fn seed_corpus() -> Corpus {
    let mut corpus = Corpus::default();
    let seed = include_str!("../../corpus/kaifaqu-19.txt").to_string();
    add_text(
        &mut corpus,
        "seed".into(),
        seed,
        "UTF-8",
        &IngestOptions::default(),
    );
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compilation_becomes_speeches_with_lines() {
        let mut c = Corpus::default();
        let text = "标题(优秀2篇)\n讲话精神篇一\n同志们：\n要抓落实。\n讲话精神篇二\n谢谢大家！\n";
        add_text(
            &mut c,
            "a.txt".into(),
            text.into(),
            "UTF-8",
            &IngestOptions::default(),
        );
        assert_eq!(c.documents.len(), 2);
        let d = &c.documents[0];
        assert_eq!(d.title, "讲话精神篇一");
        assert_eq!(d.text(), "同志们：\n要抓落实。");
        assert_eq!((d.start_line, d.end_line), (3, 4));
        assert_eq!(d.line_of("同志们：\n".len()), 4);
        // Spans within a line, across a few and across many (past the walk).
        let long: String = (1..=30).map(|i| format!("第{i}行。\n")).collect();
        let mut lines = Corpus::default();
        add_text(
            &mut lines,
            "b.txt".into(),
            long,
            "UTF-8",
            &IngestOptions::default(),
        );
        for d in [d, &lines.documents[0]] {
            let len = d.text().len();
            for from in (0..=len).step_by(3) {
                for to in (from..=len).step_by(3) {
                    assert_eq!(d.lines_of(from, to), (d.line_of(from), d.line_of(to)));
                }
            }
        }
        assert_eq!(c.documents[1].title, "讲话精神篇二");
    }

    #[test]
    fn empty_file_is_skipped_with_reason() {
        let mut c = Corpus::default();
        add_bytes(&mut c, "e.txt".into(), b"  \n", &IngestOptions::default());
        assert!(c.documents.is_empty());
        assert_eq!(c.skipped[0].path, "e.txt");
    }
}
