//! Writing an index: [`IndexData`] → the bytes of the file format in `mod.rs`.

use super::{BLOCK, DOC_REC, HEADER, MAGIC, PRINT_K, PRINT_W, SECTIONS, VERSION};
use crate::fingerprint::{kgram_hashes, winnow};
use crate::ingest::Corpus;
use crate::normalize::normalize;
use crate::FastMap;
use rayon::prelude::*;

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

/// The bucket directory of a sorted hash list: entry `b` is the index of the
/// first hash whose top 16 bits are `b` (65 537 entries).
fn directory(sorted: &[u64]) -> Vec<u8> {
    (0..=65536u64)
        .map(|b| sorted.partition_point(|&h| (h >> 48) < b) as u32)
        .flat_map(|i| i.to_le_bytes())
        .collect()
}

fn u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Serialise an index.
pub fn encode(data: &IndexData) -> Vec<u8> {
    let mut strings = Vec::new();
    let mut texts = Vec::new();
    let mut docs = Vec::with_capacity(data.docs.len() * DOC_REC);
    for d in &data.docs {
        let put = |blob: &mut Vec<u8>, s: &str| {
            let at = blob.len() as u64;
            blob.extend_from_slice(s.as_bytes());
            (at, s.len() as u64)
        };
        let (t_at, t_len) = put(&mut texts, &d.text);
        let (s_at, s_len) = put(&mut strings, &d.source);
        let (ti_at, ti_len) = put(&mut strings, &d.title);
        let fields = [t_at, t_len, s_at, s_len, ti_at, ti_len];
        for v in fields
            .into_iter()
            .chain([d.offset as u64, d.start_line as u64])
        {
            docs.extend_from_slice(&(v as u32).to_le_bytes());
        }
        docs.extend_from_slice(&((t_at >> 32) as u32).to_le_bytes());
        docs.extend_from_slice(&[0; 4]);
    }
    let prints: Vec<Vec<u64>> = data
        .docs
        .par_iter()
        .map(|d| {
            let norm = normalize(&d.text);
            let mut p: Vec<u64> = winnow(&kgram_hashes(&norm.chars, PRINT_K), PRINT_W)
                .into_iter()
                .map(|p| p.1)
                .collect();
            p.sort_unstable();
            p.dedup();
            p
        })
        .collect();
    let mut postings: FastMap<u64, Vec<u32>> = FastMap::default();
    for (id, ps) in prints.iter().enumerate() {
        for &h in ps {
            postings.entry(h).or_default().push(id as u32);
        }
    }
    drop(prints);
    let mut keys: Vec<u64> = postings.keys().copied().collect();
    keys.sort_unstable();
    let mut offs = Vec::with_capacity((keys.len() + 1) * 4);
    let mut posts = Vec::new();
    for k in &keys {
        offs.extend_from_slice(&((posts.len() / 4) as u32).to_le_bytes());
        for d in &postings[k] {
            posts.extend_from_slice(&d.to_le_bytes());
        }
    }
    offs.extend_from_slice(&((posts.len() / 4) as u32).to_le_bytes());
    drop(postings);
    let mut grams = data.phrase_grams.clone();
    grams.sort_unstable();
    grams.dedup();
    let sections: [Vec<u8>; SECTIONS - 1] = [
        docs,
        strings,
        texts,
        u64s(&keys),
        offs,
        posts,
        u64s(&grams),
        directory(&keys),
        directory(&grams),
    ];
    let mut body = Vec::new();
    let mut table = Vec::new();
    for s in &sections {
        while !body.len().is_multiple_of(8) {
            body.push(0);
        }
        table.push((body.len() as u32, s.len() as u32));
        body.extend_from_slice(s);
    }
    drop(sections);
    while !body.len().is_multiple_of(8) {
        body.push(0);
    }
    let sums: Vec<u8> = body
        .chunks(BLOCK)
        .flat_map(|b| xxhash_rust::xxh3::xxh3_64(b).to_le_bytes())
        .collect();
    table.push((body.len() as u32, sums.len() as u32));
    body.extend_from_slice(&sums);
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
    out.extend_from_slice(&(data.docs.len() as u32).to_le_bytes());
    out.resize(HEADER, 0);
    out.extend_from_slice(&body);
    let sum = super::header_checksum(&out[..HEADER], &out[HEADER + table_last(&out)..]);
    out[24..32].copy_from_slice(&sum.to_le_bytes());
    out
}

/// Offset of the block-sum section within the body, read back from the header.
fn table_last(out: &[u8]) -> usize {
    let at = 32 + (SECTIONS - 1) * 8;
    u32::from_le_bytes(out[at..at + 4].try_into().expect("4")) as usize
}
