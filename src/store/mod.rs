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
//! | 24..32 | xxh3-64 checksum of every other byte of the file |
//! | 32..96 | eight section (offset, length) pairs of `u32`s into the body |
//! | 96.. | body |
//!
//! Sections: documents (fixed records), strings (paths, titles), texts (speech
//! texts), hashes (sorted `u64` prints), post offsets (`u32`, one more than the
//! hashes), postings (`u32` document ids), phrase grams (sorted `u64` k-gram
//! hashes of the corpus's stock phrases).
//!
//! Loading checks the magic, the version (a newer file is refused), the length,
//! the checksum and every offset before anything is used, so a truncated or
//! damaged file is an error, never a panic or a wrong answer. The file is mapped,
//! not read, so a check against a large index touches only the pages it needs.

use crate::error::{Error, Result};
use crate::fingerprint::{kgram_hashes, winnow};
use crate::ingest::Corpus;
use crate::normalize::normalize;
use crate::FastMap;
use std::path::Path;

/// Position of `h` in a section of sorted little-endian `u64`s (binary search).
fn find_u64(sorted: &[u8], h: u64) -> Option<usize> {
    let n = sorted.len() / 8;
    let key = |i: usize| u64::from_le_bytes(sorted[i * 8..i * 8 + 8].try_into().expect("8"));
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if key(mid) < h {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo < n && key(lo) == h).then_some(lo)
}

/// Magic bytes at the start of every index.
pub const MAGIC: &[u8; 8] = b"TAOHUAIX";
/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
const HEADER: usize = 96;
const DOC_REC: usize = 40;
/// k-gram length of index prints.
pub const PRINT_K: usize = 8;
/// Winnowing window of index prints.
pub const PRINT_W: usize = 4;

/// One speech of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedDoc {
    /// The speech text.
    pub text: String,
    /// Its file.
    pub source: String,
    /// Its title.
    pub title: String,
    /// Byte offset of the text in its file.
    pub offset: usize,
    /// Line of the text's first line in its file.
    pub start_line: usize,
}

/// What goes into an index.
#[derive(Debug, Clone, Default)]
pub struct IndexData {
    /// The speeches.
    pub docs: Vec<IndexedDoc>,
    /// k-gram hashes (k = [`crate::phrases::PHRASE_K`]) of the stock phrases.
    pub phrase_grams: Vec<u64>,
}

impl IndexData {
    /// The speeches of a corpus (phrase grams are added by the caller).
    pub fn from_corpus(corpus: &Corpus) -> IndexData {
        IndexData {
            docs: corpus
                .documents
                .iter()
                .map(|d| IndexedDoc {
                    text: d.text().to_string(),
                    source: corpus.files[d.file].path.clone(),
                    title: d.title.clone(),
                    offset: d.range.start,
                    start_line: d.start_line,
                })
                .collect(),
            phrase_grams: Vec::new(),
        }
    }
}

/// Serialise an index.
pub fn encode(data: &IndexData) -> Vec<u8> {
    let mut strings = Vec::new();
    let mut texts = Vec::new();
    let mut docs = Vec::with_capacity(data.docs.len() * DOC_REC);
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (id, d) in data.docs.iter().enumerate() {
        let put = |blob: &mut Vec<u8>, s: &str| {
            let at = blob.len() as u64;
            blob.extend_from_slice(s.as_bytes());
            (at, s.len() as u32)
        };
        let (t_at, t_len) = put(&mut texts, &d.text);
        let (s_at, s_len) = put(&mut strings, &d.source);
        let (ti_at, ti_len) = put(&mut strings, &d.title);
        for v in [
            t_at,
            t_len as u64,
            s_at,
            s_len as u64,
            ti_at,
            ti_len as u64,
            d.offset as u64,
            d.start_line as u64,
        ] {
            docs.extend_from_slice(&(v as u32).to_le_bytes());
        }
        docs.extend_from_slice(&(t_at >> 32).to_le_bytes()[..4]);
        docs.extend_from_slice(&[0; 4]);
        let norm = normalize(&d.text);
        let mut prints: Vec<u64> = winnow(&kgram_hashes(&norm.chars, PRINT_K), PRINT_W)
            .into_iter()
            .map(|p| p.1)
            .collect();
        prints.sort_unstable();
        prints.dedup();
        for h in prints {
            postings.entry(h).or_default().push(id as u32);
        }
    }
    let mut keys: Vec<u64> = postings.keys().copied().collect();
    keys.sort_unstable();
    let mut hashes = Vec::with_capacity(keys.len() * 8);
    let mut offs = Vec::with_capacity((keys.len() + 1) * 4);
    let mut posts = Vec::new();
    for k in &keys {
        hashes.extend_from_slice(&k.to_le_bytes());
        offs.extend_from_slice(&((posts.len() / 4) as u32).to_le_bytes());
        for d in &postings[k] {
            posts.extend_from_slice(&d.to_le_bytes());
        }
    }
    offs.extend_from_slice(&((posts.len() / 4) as u32).to_le_bytes());
    let mut grams = data.phrase_grams.clone();
    grams.sort_unstable();
    grams.dedup();
    let grams: Vec<u8> = grams.iter().flat_map(|g| g.to_le_bytes()).collect();
    let sections: [&[u8]; 7] = [&docs, &strings, &texts, &hashes, &offs, &posts, &grams];
    let mut body = Vec::new();
    let mut table = Vec::new();
    for s in sections {
        while !body.len().is_multiple_of(8) {
            body.push(0);
        }
        table.push((body.len() as u32, s.len() as u32));
        body.extend_from_slice(s);
    }
    table.push((0, data.docs.len() as u32));
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(PRINT_K as u16).to_le_bytes());
    out.extend_from_slice(&(PRINT_W as u16).to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    for (o, l) in table {
        out.extend_from_slice(&o.to_le_bytes());
        out.extend_from_slice(&l.to_le_bytes());
    }
    out.extend_from_slice(&body);
    let sum = checksum(&out);
    out[24..32].copy_from_slice(&sum.to_le_bytes());
    out
}

/// xxh3-64 of everything but the checksum field itself.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&bytes[..24]);
    h.update(&bytes[32..]);
    h.digest()
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

/// A validated index, ready to query.
pub struct Index {
    bytes: Bytes,
    sec: [(usize, usize); 7],
    docs: usize,
    /// Where it came from (for messages).
    pub path: String,
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
    /// Map and validate an index file.
    pub fn open(path: &Path) -> Result<Index> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        // SAFETY: the map is read-only and every access is bounds-checked against
        // its length; a file changed underneath us can give wrong bytes, which the
        // checksum verified at open time does not cover, but never unsafety in Rust
        // terms beyond what memmap2 documents for shared maps.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Index::from_bytes(Bytes::Mapped(map), &path.to_string_lossy())
    }

    /// Validate index bytes.
    pub fn from_bytes(bytes: Bytes, path: &str) -> Result<Index> {
        let bad = |m: &str| Error::BadIndex {
            path: path.into(),
            message: m.to_string(),
        };
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(bad("not a taohua index (or truncated before its header); build one with `taohua index CORPUS -o FILE`"));
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version > VERSION {
            return Err(bad(&format!("index format version {version} is newer than this taohua reads ({VERSION}); upgrade taohua or rebuild the index")));
        }
        if version == 0
            || u16::from_le_bytes([bytes[12], bytes[13]]) as usize != PRINT_K
            || u16::from_le_bytes([bytes[14], bytes[15]]) as usize != PRINT_W
        {
            return Err(bad(
                "index was built with other settings; rebuild it with `taohua index`",
            ));
        }
        let body_len = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
        if body_len != (bytes.len() - HEADER) as u64 {
            return Err(bad(
                "index is truncated or has trailing bytes; rebuild it with `taohua index`",
            ));
        }
        let sum = u64::from_le_bytes(bytes[24..32].try_into().expect("8 bytes"));
        if checksum(&bytes) != sum {
            return Err(bad(
                "index is corrupted (checksum mismatch); rebuild it with `taohua index`",
            ));
        }
        let mut sec = [(0usize, 0usize); 7];
        for (i, s) in sec.iter_mut().enumerate() {
            let at = 32 + i * 8;
            let o = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4")) as usize;
            let l = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().expect("4")) as usize;
            if o.checked_add(l).is_none_or(|e| e > body_len as usize) {
                return Err(bad(
                    "index section table is damaged; rebuild it with `taohua index`",
                ));
            }
            *s = (HEADER + o, l);
        }
        let docs = u32::from_le_bytes(bytes[92..96].try_into().expect("4")) as usize;
        let idx = Index {
            bytes,
            sec,
            docs,
            path: path.to_string(),
        };
        idx.validate().map_err(|m| bad(&m))?;
        Ok(idx)
    }

    fn section(&self, i: usize) -> &[u8] {
        let (o, l) = self.sec[i];
        &self.bytes[o..o + l]
    }

    fn validate(&self) -> std::result::Result<(), String> {
        let damaged = || "index structure is damaged; rebuild it with `taohua index`".to_string();
        if self.section(0).len() != self.docs * DOC_REC
            || !self.section(3).len().is_multiple_of(8)
            || self.section(4).len() != self.section(3).len() / 2 + 4
            || !self.section(5).len().is_multiple_of(4)
            || !self.section(6).len().is_multiple_of(8)
        {
            return Err(damaged());
        }
        for d in 0..self.docs {
            let r = self.record(d);
            let text_end = r[0] as u64 | ((r[8] as u64) << 32);
            if text_end
                .checked_add(r[1] as u64)
                .is_none_or(|e| e > self.section(2).len() as u64)
                || (r[2] as u64 + r[3] as u64) > self.section(1).len() as u64
                || (r[4] as u64 + r[5] as u64) > self.section(1).len() as u64
            {
                return Err(damaged());
            }
        }
        let n_post = (self.section(5).len() / 4) as u32;
        let offs = self.section(4);
        let mut prev = 0;
        for c in offs.chunks_exact(4) {
            let v = u32::from_le_bytes(c.try_into().expect("4"));
            if v < prev || v > n_post {
                return Err(damaged());
            }
            prev = v;
        }
        if self
            .section(5)
            .chunks_exact(4)
            .any(|c| u32::from_le_bytes(c.try_into().expect("4")) as usize >= self.docs)
        {
            return Err(damaged());
        }
        Ok(())
    }

    fn record(&self, d: usize) -> [u32; 10] {
        let rec = &self.section(0)[d * DOC_REC..(d + 1) * DOC_REC];
        std::array::from_fn(|i| u32::from_le_bytes(rec[i * 4..i * 4 + 4].try_into().expect("4")))
    }

    /// Number of speeches.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// True when the index holds no speech.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// One speech (text checked as UTF-8 on access).
    pub fn doc(&self, d: usize) -> Result<IndexedDoc> {
        let r = self.record(d);
        let bad = || Error::BadIndex {
            path: self.path.clone().into(),
            message: "index holds text that is not UTF-8; rebuild it with `taohua index`".into(),
        };
        let at = r[0] as usize | ((r[8] as usize) << 32);
        let s = |o: u32, l: u32| {
            std::str::from_utf8(&self.section(1)[o as usize..(o + l) as usize]).map(str::to_string)
        };
        Ok(IndexedDoc {
            text: std::str::from_utf8(&self.section(2)[at..at + r[1] as usize])
                .map_err(|_| bad())?
                .to_string(),
            source: s(r[2], r[3]).map_err(|_| bad())?,
            title: s(r[4], r[5]).map_err(|_| bad())?,
            offset: r[6] as usize,
            start_line: r[7] as usize,
        })
    }

    /// The documents holding the print `h`.
    pub fn postings(&self, h: u64) -> Vec<u32> {
        let Some(at) = find_u64(self.section(3), h) else {
            return Vec::new();
        };
        let offs = self.section(4);
        let off =
            |i: usize| u32::from_le_bytes(offs[i * 4..i * 4 + 4].try_into().expect("4")) as usize;
        self.section(5)[off(at) * 4..off(at + 1) * 4]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4")))
            .collect()
    }

    /// Is `h` a k-gram of a stock phrase of the corpus?
    pub fn is_phrase_gram(&self, h: u64) -> bool {
        find_u64(self.section(6), h).is_some()
    }

    /// Everything in the index, for `index add`.
    pub fn data(&self) -> Result<IndexData> {
        Ok(IndexData {
            docs: (0..self.docs).map(|d| self.doc(d)).collect::<Result<_>>()?,
            phrase_grams: self
                .section(6)
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8")))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        encode(&IndexData {
            docs: vec![
                IndexedDoc {
                    text: "同志们：要全面落实党风廉政建设责任制，确保各项工作落到实处。".into(),
                    source: "a.txt".into(),
                    title: "篇一".into(),
                    offset: 10,
                    start_line: 3,
                },
                IndexedDoc {
                    text: "为了规范物业管理活动，维护业主的合法权益，制定本条例。".into(),
                    source: "b.txt".into(),
                    title: "b".into(),
                    offset: 0,
                    start_line: 1,
                },
            ],
            phrase_grams: vec![42],
        })
    }

    #[test]
    fn round_trip() {
        let idx = Index::from_bytes(Bytes::Owned(sample()), "t").unwrap();
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.doc(0).unwrap().title, "篇一");
        assert_eq!(idx.doc(1).unwrap().offset, 0);
        assert!(idx.is_phrase_gram(42) && !idx.is_phrase_gram(43));
        let n = normalize(&idx.doc(1).unwrap().text);
        let h = kgram_hashes(&n.chars, PRINT_K);
        assert!(h.iter().any(|&h| idx.postings(h) == vec![1]));
    }

    #[test]
    fn damage_is_an_error() {
        let good = sample();
        let truncated = good[..good.len() - 5].to_vec();
        assert!(Index::from_bytes(Bytes::Owned(truncated), "t").is_err());
        for at in [HEADER + 3, good.len() - 1, 40] {
            let mut flipped = good.clone();
            flipped[at] ^= 0x10;
            assert!(
                Index::from_bytes(Bytes::Owned(flipped), "t").is_err(),
                "flip at {at}"
            );
        }
        let mut newer = good.clone();
        newer[8] = 9;
        let err = Index::from_bytes(Bytes::Owned(newer), "t")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
