//! Writing an index: [`IndexData`] → the bytes of the file format in `mod.rs`.

use super::copies::copy_groups;
use super::{DocRef, BLOCK, DOC_REC, HEADER, MAGIC, PRINT_K, PRINT_W, SECTIONS, VERSION};
use crate::fingerprint::{kgram_hashes, winnow};
use crate::ingest::Corpus;
use crate::normalize::{normalize, Normalized};
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
            docs: corpus_docs(corpus).iter().map(DocRef::to_owned).collect(),
            phrase_grams: Vec::new(),
        }
    }
}

/// The speeches of a corpus as an index holds them, borrowed.
pub fn corpus_docs(corpus: &Corpus) -> Vec<DocRef<'_>> {
    corpus
        .documents
        .iter()
        .map(|d| DocRef {
            text: d.text(),
            source: &corpus.files[d.file].path,
            title: &d.title,
            offset: d.range.start,
            start_line: d.start_line,
        })
        .collect()
}

impl DocRef<'_> {
    /// This speech, copied.
    pub fn to_owned(&self) -> IndexedDoc {
        IndexedDoc {
            text: self.text.to_string(),
            source: self.source.to_string(),
            title: self.title.to_string(),
            offset: self.offset,
            start_line: self.start_line,
        }
    }
}

impl IndexedDoc {
    /// This speech, borrowed.
    pub fn as_ref(&self) -> DocRef<'_> {
        DocRef {
            text: &self.text,
            source: &self.source,
            title: &self.title,
            offset: self.offset,
            start_line: self.start_line,
        }
    }
}

/// The prints of a speech as an index keeps them: winnowed k-gram hashes
/// ([`PRINT_K`], [`PRINT_W`]), sorted, each once.
pub fn doc_prints(norm: &Normalized) -> Vec<u64> {
    let mut p: Vec<u64> = winnow(&kgram_hashes(&norm.chars, PRINT_K), PRINT_W)
        .into_iter()
        .map(|p| p.1)
        .collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// Serialise an index (the speeches' copy groups found from their prints).
pub fn encode(data: &IndexData) -> Vec<u8> {
    let docs: Vec<DocRef> = data.docs.iter().map(IndexedDoc::as_ref).collect();
    let prints: Vec<Vec<u64>> = docs
        .par_iter()
        .map(|d| doc_prints(&normalize(d.text)))
        .collect();
    let groups = copy_groups(&prints);
    encode_parts(&docs, prints, &data.phrase_grams, &groups)
}

/// Serialise an index from its parts: the speeches, the prints of each
/// ([`doc_prints`], one list per speech), the stock-phrase k-grams and each
/// speech's copy group ([`copy_groups`]).
pub fn encode_parts(
    docs: &[DocRef],
    prints: Vec<Vec<u64>>,
    phrase_grams: &[u64],
    groups: &[u32],
) -> Vec<u8> {
    assert_eq!(docs.len(), prints.len(), "one print list per speech");
    assert_eq!(docs.len(), groups.len(), "one copy group per speech");
    // Postings: every (print, speech) pair, sorted; speeches ascend within a print.
    let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(prints.iter().map(Vec::len).sum());
    for (id, ps) in prints.into_iter().enumerate() {
        pairs.extend(ps.into_iter().map(|h| (h, id as u32)));
    }
    pairs.par_sort_unstable();
    let mut keys: Vec<u64> = Vec::new();
    let mut offs: Vec<u32> = Vec::new();
    for (i, &(h, _)) in pairs.iter().enumerate() {
        if keys.last() != Some(&h) {
            keys.push(h);
            offs.push(i as u32);
        }
    }
    offs.push(pairs.len() as u32);
    let mut grams = phrase_grams.to_vec();
    grams.sort_unstable();
    grams.dedup();
    let strings: usize = docs.iter().map(|d| d.source.len() + d.title.len()).sum();
    let texts: usize = docs.iter().map(|d| d.text.len()).sum();
    let sizes: [usize; SECTIONS - 1] = [
        docs.len() * DOC_REC,
        strings,
        texts,
        keys.len() * 8,
        offs.len() * 4,
        pairs.len() * 4,
        grams.len() * 8,
        DIR_LEN,
        DIR_LEN,
    ];
    let body: usize = sizes.iter().map(|s| s.next_multiple_of(8)).sum();
    let mut out = Vec::with_capacity(HEADER + body + body.div_ceil(BLOCK) * 8);
    out.resize(HEADER, 0);
    let mut table = Vec::with_capacity(SECTIONS);
    let mut section = |out: &mut Vec<u8>, fill: &mut dyn FnMut(&mut Vec<u8>)| {
        out.resize(out.len().next_multiple_of(8), 0);
        let at = out.len();
        fill(out);
        table.push(((at - HEADER) as u32, (out.len() - at) as u32));
    };
    let (mut s_at, mut t_at) = (0u64, 0u64);
    section(&mut out, &mut |out| {
        for (d, &group) in docs.iter().zip(groups) {
            let (src, title) = (s_at, s_at + d.source.len() as u64);
            s_at = title + d.title.len() as u64;
            let fields = [
                t_at,
                d.text.len() as u64,
                src,
                d.source.len() as u64,
                title,
                d.title.len() as u64,
                d.offset as u64,
                d.start_line as u64,
            ];
            for v in fields {
                out.extend_from_slice(&(v as u32).to_le_bytes());
            }
            out.extend_from_slice(&((t_at >> 32) as u32).to_le_bytes());
            // 0 in an index written before copy groups: each its own.
            out.extend_from_slice(&(group + 1).to_le_bytes());
            t_at += d.text.len() as u64;
        }
    });
    section(&mut out, &mut |out| {
        for d in docs {
            out.extend_from_slice(d.source.as_bytes());
            out.extend_from_slice(d.title.as_bytes());
        }
    });
    section(&mut out, &mut |out| {
        for d in docs {
            out.extend_from_slice(d.text.as_bytes());
        }
    });
    section(&mut out, &mut |out| put_u64s(out, &keys));
    section(&mut out, &mut |out| {
        offs.iter()
            .for_each(|o| out.extend_from_slice(&o.to_le_bytes()))
    });
    section(&mut out, &mut |out| {
        pairs
            .iter()
            .for_each(|p| out.extend_from_slice(&p.1.to_le_bytes()))
    });
    drop(pairs);
    section(&mut out, &mut |out| put_u64s(out, &grams));
    section(&mut out, &mut |out| directory(out, &keys));
    section(&mut out, &mut |out| directory(out, &grams));
    out.resize(out.len().next_multiple_of(8), 0);
    let sums: Vec<u8> = out[HEADER..]
        .par_chunks(BLOCK)
        .flat_map_iter(|b| xxhash_rust::xxh3::xxh3_64(b).to_le_bytes())
        .collect();
    let at = out.len();
    out.extend_from_slice(&sums);
    table.push(((at - HEADER) as u32, sums.len() as u32));
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&VERSION.to_le_bytes());
    header.extend_from_slice(&(PRINT_K as u16).to_le_bytes());
    header.extend_from_slice(&(PRINT_W as u16).to_le_bytes());
    header.extend_from_slice(&((out.len() - HEADER) as u64).to_le_bytes());
    header.extend_from_slice(&[0; 8]);
    for (o, l) in table {
        header.extend_from_slice(&o.to_le_bytes());
        header.extend_from_slice(&l.to_le_bytes());
    }
    header.extend_from_slice(&(docs.len() as u32).to_le_bytes());
    header.resize(HEADER, 0);
    out[..HEADER].copy_from_slice(&header);
    let sum = super::header_checksum(&out[..HEADER], &out[at..]);
    out[24..32].copy_from_slice(&sum.to_le_bytes());
    out
}

/// Bytes of a bucket directory (65 537 `u32`s).
const DIR_LEN: usize = 65537 * 4;

/// The bucket directory of a sorted hash list: entry `b` is the index of the
/// first hash whose top 16 bits are `b` (65 537 entries).
fn directory(out: &mut Vec<u8>, sorted: &[u64]) {
    for b in 0..=65536u64 {
        let i = sorted.partition_point(|&h| (h >> 48) < b) as u32;
        out.extend_from_slice(&i.to_le_bytes());
    }
}

fn put_u64s(out: &mut Vec<u8>, v: &[u64]) {
    v.iter()
        .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
}
