//! A corpus → one index file (and back): speeches, texts, n-gram postings and
//! stock-phrase statistics, for fast repeated checks.
//!
//! # File format (version 1, little-endian)
//!
//! | bytes | what |
//! |---|---|
//! | 0..8 | magic `TAOHUAIX` |
//! | 8..12 | format version (`u32`) |
//! | 12..16 | print k-gram length, winnow window (`u16`, `u16`) |
//! | 16..24 | body length (`u64`) |
//! | 24..32 | xxh3-64 of the header (but this field) and of the block sums |
//! | 32..112 | ten section (offset, length) pairs of `u32`s into the body |
//! | 112..116 | number of speeches (`u32`) |
//! | 128.. | body |
//!
//! Sections: documents (fixed records of ten `u32`s: text offset, text
//! length, source offset and length, title offset and length, byte offset in
//! the file, first line, the text offset's high bits, and the speech's copy
//! group plus one: 0 in files written before groups, read as "its own"),
//! strings (paths, titles), texts (speech
//! texts), hashes (sorted `u64` prints), post offsets (`u32`, one more than the
//! hashes), postings (`u32` document ids), phrase grams (sorted `u64` k-gram
//! hashes of the corpus's stock phrases), two bucket directories (by the top 16
//! bits of a hash, into hashes and phrase grams), and last the block sums: an
//! xxh3-64 of every 4 KiB block of the body before them.
//!
//! Opening checks the magic, the version (a newer file is refused), the length,
//! the header checksum (which covers the block sums) and the document table.
//! Every other byte is checked against its block's sum the first time it is
//! read, and every offset is checked before use, so a truncated or damaged file
//! is an error, never a panic or a wrong answer. The file is mapped, not read:
//! a check against a large index touches, and verifies, only the blocks it needs.

mod copies;
mod encode;
mod probe;

pub use copies::copy_groups;
pub use encode::{corpus_docs, doc_prints, encode, encode_parts, IndexData, IndexedDoc};
pub use probe::{Candidate, PostingList};

use crate::error::{Error, Result};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Magic bytes at the start of every index.
pub const MAGIC: &[u8; 8] = b"TAOHUAIX";
/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
const HEADER: usize = 128;
const DOC_REC: usize = 40;
const SECTIONS: usize = 10;
const BLOCK: usize = 4096;
/// k-gram length of index prints.
pub const PRINT_K: usize = 8;
/// Winnowing window of index prints.
pub const PRINT_W: usize = 4;

const DOCS: usize = 0;
const STRINGS: usize = 1;
const TEXTS: usize = 2;
const HASHES: usize = 3;
const OFFSETS: usize = 4;
const POSTINGS: usize = 5;
const GRAMS: usize = 6;
const HASH_DIR: usize = 7;
const GRAM_DIR: usize = 8;
const SUMS: usize = 9;

fn header_checksum(header: &[u8], sums: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&header[..24]);
    h.update(&header[32..]);
    h.update(sums);
    h.digest()
}

fn le32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
}

fn le64(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i * 8..i * 8 + 8].try_into().expect("8 bytes"))
}

/// Bytes of an index: a mapped file or a buffer built in memory.
pub enum Bytes {
    /// A mapped file.
    Mapped(memmap2::Mmap),
    /// In memory.
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// An opened index, ready to query.
pub struct Index {
    bytes: Bytes,
    sec: [(usize, usize); SECTIONS],
    docs: usize,
    checked: Vec<AtomicBool>,
    /// Where it came from (for messages).
    pub path: String,
}

/// One speech of an index, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRef<'a> {
    /// The speech text.
    pub text: &'a str,
    /// Its file.
    pub source: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Byte offset of the text in its file.
    pub offset: usize,
    /// Line of the text's first line in its file.
    pub start_line: usize,
}

/// Is this file an index (by its magic bytes)?
pub fn is_index(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == MAGIC
}

impl Index {
    /// Map and open an index file.
    pub fn open(path: &Path) -> Result<Index> {
        let read = |error| Error::Read {
            path: path.to_path_buf(),
            error,
        };
        let file = std::fs::File::open(path).map_err(read)?;
        // SAFETY: the map is read-only and every read is bounds-checked and
        // verified against its block sum; a file changed underneath us after a
        // block was verified can give wrong bytes, as with any mapped file.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(read)?;
        Index::from_bytes(Bytes::Mapped(map), &path.to_string_lossy())
    }

    /// Open index bytes.
    pub fn from_bytes(bytes: Bytes, path: &str) -> Result<Index> {
        let bad = |m: &str| Error::BadIndex {
            path: path.into(),
            message: m.to_string(),
        };
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(bad("not a taohua index (or truncated before its header); build one with `taohua index CORPUS -o FILE`"));
        }
        let version = le32(&bytes[8..12], 0);
        if version > VERSION {
            return Err(bad(&format!("index format version {version} is newer than this taohua reads ({VERSION}); upgrade taohua or rebuild the index")));
        }
        let settings = (
            u16::from_le_bytes([bytes[12], bytes[13]]),
            u16::from_le_bytes([bytes[14], bytes[15]]),
        );
        if version == 0 || settings != (PRINT_K as u16, PRINT_W as u16) {
            return Err(bad(
                "index was built with other settings; rebuild it with `taohua index`",
            ));
        }
        let body_len = le64(&bytes[16..24], 0);
        if body_len != (bytes.len() - HEADER) as u64 {
            return Err(bad(
                "index is truncated or has trailing bytes; rebuild it with `taohua index`",
            ));
        }
        let mut sec = [(0usize, 0usize); SECTIONS];
        for (i, s) in sec.iter_mut().enumerate() {
            let (o, l) = (
                le32(&bytes[32..], 2 * i) as usize,
                le32(&bytes[32..], 2 * i + 1) as usize,
            );
            if o.checked_add(l).is_none_or(|e| e > body_len as usize) {
                return Err(bad(
                    "index is corrupted (section table); rebuild it with `taohua index`",
                ));
            }
            *s = (HEADER + o, l);
        }
        let (so, sl) = sec[SUMS];
        let blocks = (so - HEADER).div_ceil(BLOCK);
        if sl != blocks * 8
            || header_checksum(&bytes[..HEADER], &bytes[so..so + sl]) != le64(&bytes[24..32], 0)
        {
            return Err(bad(
                "index is corrupted (checksum mismatch); rebuild it with `taohua index`",
            ));
        }
        let docs = le32(&bytes[112..116], 0) as usize;
        let checked = (0..blocks).map(|_| AtomicBool::new(false)).collect();
        let idx = Index {
            bytes,
            sec,
            docs,
            checked,
            path: path.to_string(),
        };
        idx.validate()?;
        Ok(idx)
    }

    fn damaged(&self, what: &str) -> Error {
        Error::BadIndex {
            path: self.path.clone().into(),
            message: format!("index is corrupted ({what}); rebuild it with `taohua index`"),
        }
    }

    /// Bytes `range` of section `s`, verified against their block sums.
    fn read(&self, s: usize, range: Range<usize>) -> Result<&[u8]> {
        let (o, l) = self.sec[s];
        if range.start > range.end || range.end > l {
            return Err(self.damaged("offset out of range"));
        }
        let (from, to) = (o + range.start, o + range.end);
        if to > from {
            let sums = &self.bytes[self.sec[SUMS].0..];
            for b in (from - HEADER) / BLOCK..=(to - 1 - HEADER) / BLOCK {
                if self.checked[b].load(Ordering::Relaxed) {
                    continue;
                }
                let start = HEADER + b * BLOCK;
                let end = (start + BLOCK).min(self.sec[SUMS].0);
                if xxhash_rust::xxh3::xxh3_64(&self.bytes[start..end]) != le64(sums, b) {
                    return Err(self.damaged("checksum mismatch"));
                }
                self.checked[b].store(true, Ordering::Relaxed);
            }
        }
        Ok(&self.bytes[from..to])
    }

    fn u32_at(&self, s: usize, i: usize) -> Result<u32> {
        Ok(le32(self.read(s, i * 4..i * 4 + 4)?, 0))
    }

    fn validate(&self) -> Result<()> {
        let len = |s: usize| self.sec[s].1;
        let shapes_ok = len(DOCS) == self.docs * DOC_REC
            && len(HASHES).is_multiple_of(8)
            && len(OFFSETS) == len(HASHES) / 2 + 4
            && len(POSTINGS).is_multiple_of(4)
            && len(GRAMS).is_multiple_of(8)
            && len(HASH_DIR) == 65537 * 4
            && len(GRAM_DIR) == 65537 * 4;
        if !shapes_ok {
            return Err(self.damaged("section sizes"));
        }
        let table = self.read(DOCS, 0..len(DOCS))?;
        for d in 0..self.docs {
            let r: [u32; 10] = std::array::from_fn(|i| le32(table, d * 10 + i));
            let text_at = r[0] as u64 | ((r[8] as u64) << 32);
            if text_at + r[1] as u64 > len(TEXTS) as u64
                || r[2] as u64 + r[3] as u64 > len(STRINGS) as u64
                || r[4] as u64 + r[5] as u64 > len(STRINGS) as u64
                || r[9] as usize > self.docs
            {
                return Err(self.damaged("document table"));
            }
        }
        Ok(())
    }

    /// Number of speeches.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// Bytes of speech text the index holds, all speeches together.
    pub fn text_bytes(&self) -> usize {
        self.sec[TEXTS].1
    }

    /// True when the index holds no speech.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// One speech (its text and strings copied out of the index).
    pub fn doc(&self, d: usize) -> Result<IndexedDoc> {
        Ok(self.doc_ref(d)?.to_owned())
    }

    /// The file speech `d` was read from (its text is not read).
    pub fn source(&self, d: usize) -> Result<&str> {
        let r = self.doc_record(d)?;
        self.str_at(STRINGS, r[2] as usize, r[3])
    }

    /// Speech `d`'s record in the document table.
    fn doc_record(&self, d: usize) -> Result<[u32; 10]> {
        if d >= self.docs {
            return Err(self.damaged("document id"));
        }
        Ok(std::array::from_fn(|i| {
            le32(&self.bytes[self.sec[DOCS].0 + d * DOC_REC..], i)
        }))
    }

    /// The smallest id of the speeches that speech `d` is a copy of
    /// (the same speech, lightly edited; see [`copy_groups`]),
    /// `d` itself when it is a copy of none or the index predates groups.
    pub fn copy_group(&self, d: usize) -> Result<usize> {
        let r = self.doc_record(d)?;
        Ok(r[9].checked_sub(1).map_or(d, |g| g as usize))
    }

    /// The `len` bytes at `at` of section `s`, which must be UTF-8.
    fn str_at(&self, s: usize, at: usize, len: u32) -> Result<&str> {
        std::str::from_utf8(self.read(s, at..at + len as usize)?)
            .map_err(|_| self.damaged("text that is not UTF-8"))
    }

    /// One speech, borrowed from the index (nothing copied; the text is
    /// verified and checked to be UTF-8).
    pub fn doc_ref(&self, d: usize) -> Result<DocRef<'_>> {
        let r = self.doc_record(d)?;
        let at = r[0] as usize | ((r[8] as usize) << 32);
        Ok(DocRef {
            text: self.str_at(TEXTS, at, r[1])?,
            source: self.str_at(STRINGS, r[2] as usize, r[3])?,
            title: self.str_at(STRINGS, r[4] as usize, r[5])?,
            offset: r[6] as usize,
            start_line: r[7] as usize,
        })
    }

    /// Position of `h` in a sorted hash section, through its bucket directory.
    fn find(&self, sorted: usize, dir: usize, h: u64) -> Result<Option<usize>> {
        let b = (h >> 48) as usize;
        let (lo, hi) = (
            self.u32_at(dir, b)? as usize,
            self.u32_at(dir, b + 1)? as usize,
        );
        if lo > hi {
            return Err(self.damaged("bucket directory"));
        }
        let bucket = self.read(sorted, lo * 8..hi * 8)?;
        let (mut a, mut b) = (0, hi - lo);
        while a < b {
            let mid = (a + b) / 2;
            if le64(bucket, mid) < h {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        Ok((a < hi - lo && le64(bucket, a) == h).then_some(lo + a))
    }

    /// The documents holding the print `h`; empty when more than `max_docs` hold
    /// it (a print that common is stock wording: it cannot pick a source, and its
    /// list is never read).
    pub fn postings(&self, h: u64, max_docs: usize) -> Result<Vec<u32>> {
        Ok(self.posting_list(h, max_docs)?.iter().collect())
    }

    /// Is `h` a k-gram of a stock phrase of the corpus?
    pub fn is_phrase_gram(&self, h: u64) -> Result<bool> {
        Ok(self.find(GRAMS, GRAM_DIR, h)?.is_some())
    }

    /// Everything in the index, for `index add`.
    pub fn data(&self) -> Result<IndexData> {
        let grams = self.read(GRAMS, 0..self.sec[GRAMS].1)?;
        Ok(IndexData {
            docs: (0..self.docs).map(|d| self.doc(d)).collect::<Result<_>>()?,
            phrase_grams: (0..grams.len() / 8).map(|i| le64(grams, i)).collect(),
        })
    }
}
#[cfg(test)]
mod tests;
