//! The checks behind the fuzz targets, one function per target, each taking
//! the fuzzer's bytes and panicking on a broken invariant.
//!
//! The same file is compiled into the integration tests (`tests/fuzz_corpus.rs`
//! includes it with `#[path]`), which replay `fuzz/corpus/<target>/*` through
//! these functions on stable Rust, so the corpus guards CI without a fuzzer.

use std::ops::Range;
use taohua::align::{
    align as align_chars, chain, covered, extend_ends, AlignParams, Chain, SeedTable,
};
use taohua::check::{check_draft, index_bytes, CheckOptions, Sources};
use taohua::cluster::coverage;
use taohua::ingest::{self, Corpus, IngestOptions, Pieces, SplitRule};
use taohua::normalize::{fold, normalize as normalize_text, sym, sym_char, Sym, MASK};
use taohua::store::{Bytes, Index};

/// A fuzz target's check.
pub type Check = fn(&[u8]);

/// The targets, by name, as `tests/fuzz_corpus.rs` replays them.
pub const TARGETS: &[(&str, Check)] = &[
    ("ingest", ingest),
    ("normalize", normalize),
    ("align", align),
    ("index", index),
    ("check", check),
];

fn lines_before(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn check_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

fn check_pieces(text: &str, p: &Pieces) {
    let mut at = 0;
    if let Some(pre) = &p.preamble {
        check_range(text, pre, "preamble");
        at = pre.end;
    }
    for piece in &p.pieces {
        if let Some(h) = &piece.heading_range {
            check_range(text, h, "heading");
            assert!(h.start >= at, "heading {h:?} before {at}");
            assert_eq!(
                piece.heading.as_deref(),
                Some(text[h.clone()].trim()),
                "heading text"
            );
            at = h.end;
        } else {
            assert!(piece.heading.is_none());
        }
        let b = &piece.body;
        check_range(text, b, "body");
        assert!(
            b.start >= at,
            "body {b:?} overlaps what precedes it (at {at})"
        );
        at = b.end;
        assert!(piece.start_line <= piece.end_line);
        assert_eq!(
            piece.start_line,
            lines_before(text, b.start) + 1,
            "start line"
        );
        assert_eq!(piece.end_line, lines_before(text, b.end) + 1, "end line");
        if !b.is_empty() {
            let body = &text[b.clone()];
            assert!(!body.starts_with('\n') && !body.ends_with('\n'));
        }
    }
}

/// Decoding and splitting: `decode` never panics, UTF-8 comes back unchanged,
/// and every piece's ranges and line numbers agree with the text.
pub fn ingest(data: &[u8]) {
    let decoded = ingest::decode(data);
    if let Ok(s) = std::str::from_utf8(data) {
        if !data.contains(&0) && encoding_rs::Encoding::for_bom(data).is_none() {
            assert_eq!(decoded.as_ref().map(|d| d.text.as_str()), Some(s));
        }
    }
    let Some(d) = decoded else { return };
    let text = d.text.as_str();
    static PATTERN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| regex::Regex::new("^(第.{1,3}篇|#+ )").expect("fixed pattern"))
        .clone();
    for rule in [
        SplitRule::Default,
        SplitRule::Never,
        SplitRule::Pattern(pattern),
    ] {
        let pieces = ingest::split(text, &rule);
        check_pieces(text, &pieces);
        if matches!(rule, SplitRule::Never) {
            assert!(pieces.pieces.len() <= 1 && pieces.preamble.is_none());
        }
    }
    let mut corpus = Corpus::default();
    ingest::add_bytes(&mut corpus, "f.txt".into(), data, &IngestOptions::default());
    assert_eq!(corpus.files.len(), 1, "decoded text is always a file");
    assert_eq!(
        corpus.skipped.len(),
        usize::from(corpus.documents.is_empty())
    );
    for doc in &corpus.documents {
        let t = doc.text();
        assert!(t.chars().any(char::is_alphanumeric));
        assert_eq!(doc.line_of(0), doc.start_line);
        assert_eq!(doc.line_of(t.len()), doc.end_line);
    }
}

/// Normalisation: every character maps back to a range of the input on char
/// boundaries, ranges strictly increasing and disjoint; a character that is not
/// a mask came from exactly one input character.
/// The character `&#digits;` or `&#xhex;` stands for.
fn referenced_char(s: &str) -> Option<char> {
    let num = s.strip_prefix("&#")?.strip_suffix(';')?;
    let code = match num.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => num.parse().ok()?,
    };
    char::from_u32(code)
}

pub fn normalize(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let n = normalize_text(text);
    let mut prev_end = 0usize;
    for i in 0..n.len() {
        let r = n.byte_range(i, i + 1);
        assert_eq!(r.end, n.end(i) as usize, "character {i}");
        assert_eq!(n.starting_before(r.start), i);
        check_range(text, &r, "character");
        assert!(r.start < r.end, "empty range {r:?}");
        assert!(r.start >= prev_end, "range {r:?} overlaps the one before");
        prev_end = r.end;
        let orig = &text[r.clone()];
        if n.chars[i] == MASK {
            continue;
        }
        let c = sym_char(n.chars[i]);
        // A numeric character reference (`&#36827;`) stands for its character.
        let referenced = referenced_char(orig).map(String::from);
        let orig = referenced.as_deref().unwrap_or(orig);
        assert_eq!(orig.chars().count(), 1, "{c:?} came from {orig:?}");
        // Folded first as well: a Kangxi radical is read as its ideograph
        // before the script is converted (`⾾` is 鬥 is 斗).
        let folded: String = orig.chars().map(fold).collect();
        let simple: Vec<char> = fast2s::convert(&folded).chars().map(fold).collect();
        assert!(
            simple.iter().all(|c| c.is_alphanumeric()),
            "{simple:?} counts but is not a letter or digit"
        );
        assert_eq!(
            simple.into_iter().map(sym).collect::<Vec<_>>(),
            [n.chars[i]],
            "{orig:?} normalised to {c:?}"
        );
    }
    if !n.is_empty() {
        let all = n.byte_range(0, n.len());
        assert!(all.start <= all.end);
        assert_eq!(n.string(0, n.len()).chars().count(), n.len());
    }
}

/// Two character streams from the fuzzer's bytes, over a small alphabet (with
/// the mask symbol) so that they share many seeds.
fn two_streams(data: &[u8]) -> (Vec<Sym>, Vec<Sym>) {
    let alpha: [Sym; 8] = [
        sym('甲'),
        sym('乙'),
        sym('丙'),
        sym('丁'),
        sym('a'),
        sym('1'),
        MASK,
        sym('的'),
    ];
    let Some((&cut, rest)) = data.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let cut = (cut as usize * rest.len() / 255).min(rest.len());
    let map = |b: &[u8]| -> Vec<Sym> { b.iter().map(|&x| alpha[(x & 7) as usize]).collect() };
    let (a, b) = rest.split_at(cut);
    let mut b = map(b);
    // make b share a copy of a's middle, so chains are the common case
    let a = map(a);
    if a.len() > 20 && b.len() > 4 {
        let at = b.len() / 2;
        let piece: Vec<Sym> = a[a.len() / 4..a.len() * 3 / 4].to_vec();
        b.splice(at..at, piece);
    }
    (a, b)
}

fn check_chain(a: &[Sym], b: &[Sym], c: &Chain, p: &AlignParams) {
    assert!(!c.blocks.is_empty() && !c.a_spans.is_empty() && !c.b_spans.is_empty());
    let mut prev: Option<taohua::align::Block> = None;
    for bl in &c.blocks {
        let (x, y, len) = (bl.a as usize, bl.b as usize, bl.len as usize);
        assert!(len > 0, "empty block {bl:?}");
        assert!(
            x + len <= a.len() && y + len <= b.len(),
            "block {bl:?} out of bounds"
        );
        assert_eq!(
            &a[x..x + len],
            &b[y..y + len],
            "block {bl:?} does not match"
        );
        assert!(!a[x..x + len].contains(&MASK), "block {bl:?} holds a mask");
        if let Some(q) = prev {
            assert!(
                x >= (q.a + q.len) as usize && y >= (q.b + q.len) as usize,
                "blocks {q:?} and {bl:?} overlap or go backwards"
            );
        }
        prev = Some(*bl);
    }
    assert_eq!(
        c.matched,
        c.blocks.iter().map(|b| b.len as usize).sum::<usize>()
    );
    assert!(c.matched >= p.min_matched);
    for (spans, n) in [(&c.a_spans, a.len()), (&c.b_spans, b.len())] {
        let mut end = 0;
        for (i, s) in spans.iter().enumerate() {
            assert!(s.start < s.end && s.end <= n, "span {s:?} of 0..{n}");
            assert!(i == 0 || s.start > end, "spans not disjoint and sorted");
            end = s.end;
        }
    }
    assert!(c.matched <= c.a_covered() && c.matched <= c.b_covered());
    let ra = c.a_range();
    for pos in ra.clone().step_by(ra.len() / 16 + 1).chain([ra.end - 1]) {
        assert!(c.map_a_to_b(pos) <= b.len());
    }
}

/// Alignment: chains within bounds, blocks that really match, covered spans
/// disjoint in `a`; `extend_ends` keeps every chain within bounds.
pub fn align(data: &[u8]) {
    let (a, b) = two_streams(data);
    for p in [
        AlignParams::default(),
        AlignParams {
            k: 3,
            max_gap: 4,
            max_subst: 8,
            max_skip: 40,
            min_matched: 4,
            max_occ: 4,
            edit_and_skip: true,
        },
    ] {
        let mut chains = align_chars(&a, &b, &p);
        for c in &chains {
            check_chain(&a, &b, c, &p);
        }
        // A pair is let go unaligned only when its chains could not have
        // covered the share of either text; otherwise it gets the same seeds.
        let table = SeedTable::new(&a, p.k);
        let all = table.mems(&a, &b, &p);
        let cov = coverage(a.len(), b.len(), &chain(&a, &b, &all, &p));
        for share in [0.3, 0.6, 0.8] {
            match table.mems_reaching(&a, &b, &p, share) {
                Some(mems) => assert_eq!(mems, all, "share {share}"),
                None => assert!(
                    cov.a_in_b.max(cov.b_in_a) < share,
                    "let go at {share}: {cov:?}"
                ),
            }
        }
        // Chains may interleave (a reordered sentence inside a bridged
        // deletion) but never cover the same characters of `a`.
        let mut ranges: Vec<Range<usize>> = chains.iter().flat_map(|c| c.a_spans.clone()).collect();
        ranges.sort_by_key(|r| r.start);
        for w in ranges.windows(2) {
            assert!(
                w[0].end <= w[1].start,
                "chains cover the same text of a: {w:?}"
            );
        }
        for c in &mut chains {
            extend_ends(&a, &b, c);
            let (ra, rb) = (c.a_range(), c.b_range());
            assert!(
                ra.start < ra.end && ra.end <= a.len(),
                "{ra:?} of {}",
                a.len()
            );
            assert!(
                rb.start < rb.end && rb.end <= b.len(),
                "{rb:?} of {}",
                b.len()
            );
            // Cut at every gap, each piece keeps its part of the grown ends
            // inside both texts.
            for piece in c.split_a(|_| true) {
                let (pa, pb) = (piece.a_range(), piece.b_range());
                assert!(pa.start >= ra.start && pa.end <= ra.end, "{pa:?} of {ra:?}");
                assert!(
                    pb.start < pb.end && pb.end <= b.len(),
                    "{pb:?} of {}",
                    b.len()
                );
            }
        }
        let cov = covered(a.len(), chains.iter().map(Chain::a_range));
        assert!(cov <= a.len());
    }
}

/// The xxh3 checksum an index carries at bytes 24..32.
fn index_checksum(bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&bytes[..24]);
    h.update(&bytes[32..]);
    h.digest()
}

/// A posting list as the store returns it: plain, or checked on access (an
/// error, from a damaged index, reads as no postings here).
trait PostingList {
    fn list(self) -> Vec<u32>;
}

impl PostingList for Vec<u32> {
    fn list(self) -> Vec<u32> {
        self
    }
}

impl<E> PostingList for Result<Vec<u32>, E> {
    fn list(self) -> Vec<u32> {
        self.unwrap_or_default()
    }
}

fn use_index(idx: &Index, data: &[u8]) {
    for d in 0..idx.len() {
        if let Ok(doc) = idx.doc(d) {
            assert!(doc.text.len() < data.len());
        }
    }
    for chunk in data.chunks_exact(8).take(64) {
        let h = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        for id in idx.postings(h, usize::MAX).list() {
            assert!((id as usize) < idx.len(), "posting {id} of {}", idx.len());
        }
        let _ = idx.is_phrase_gram(h);
    }
    let _ = idx.data();
}

/// The fixed fields of an index header: magic, version, k-gram and window.
fn fix_fields(b: &mut [u8]) {
    b[..8].copy_from_slice(taohua::store::MAGIC);
    b[8..12].copy_from_slice(&taohua::store::VERSION.to_le_bytes());
    b[12..14].copy_from_slice(&(taohua::store::PRINT_K as u16).to_le_bytes());
    b[14..16].copy_from_slice(&(taohua::store::PRINT_W as u16).to_le_bytes());
}

/// `data` with a consistent 96-byte header (the first file layout: one xxh3
/// over the whole file but the checksum field).
fn repair_96(data: &[u8]) -> Option<Vec<u8>> {
    let mut b = data.to_vec();
    if b.len() < 96 {
        return None;
    }
    fix_fields(&mut b);
    let body = (b.len() - 96) as u64;
    b[16..24].copy_from_slice(&body.to_le_bytes());
    let sum = index_checksum(&b);
    b[24..32].copy_from_slice(&sum.to_le_bytes());
    Some(b)
}

/// `data` with a consistent 128-byte header (the block-summed layout: ten
/// sections, the last the xxh3 of every 4 KiB block of the body before it, and
/// a header checksum over the header and those sums). Tied to that layout: a
/// format change needs the same change here, or the fuzzer stops getting past
/// the checksums (it still runs every input as given).
fn repair_128(data: &[u8]) -> Option<Vec<u8>> {
    const HEADER: usize = 128;
    const BLOCK: usize = 4096;
    const SUMS_AT: usize = 32 + 9 * 8;
    if data.len() < HEADER {
        return None;
    }
    let mut b = data.to_vec();
    fix_fields(&mut b);
    let off = u32::from_le_bytes(b[SUMS_AT..SUMS_AT + 4].try_into().expect("4")) as usize;
    let so = HEADER + off.min(b.len() - HEADER);
    let sums: Vec<u8> = b[HEADER..so]
        .chunks(BLOCK)
        .flat_map(|c| xxhash_rust::xxh3::xxh3_64(c).to_le_bytes())
        .collect();
    b.truncate(so);
    b.extend_from_slice(&sums);
    b[SUMS_AT..SUMS_AT + 4].copy_from_slice(&((so - HEADER) as u32).to_le_bytes());
    b[SUMS_AT + 4..SUMS_AT + 8].copy_from_slice(&(sums.len() as u32).to_le_bytes());
    let body = (b.len() - HEADER) as u64;
    b[16..24].copy_from_slice(&body.to_le_bytes());
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&b[..24]);
    h.update(&b[32..HEADER]);
    h.update(&sums);
    let sum = h.digest();
    b[24..32].copy_from_slice(&sum.to_le_bytes());
    Some(b)
}

/// Index loading: `from_bytes` never panics on any bytes, and an index it
/// accepts answers `doc`, `postings` and `data` without panicking. The bytes are
/// tried as given, and again with the header's lengths and checksums made right
/// (for either file layout), so that mutations reach the structure checks
/// behind the checksums.
pub fn index(data: &[u8]) {
    let tries = [Some(data.to_vec()), repair_96(data), repair_128(data)];
    for bytes in tries.into_iter().flatten() {
        if let Ok(idx) = Index::from_bytes(Bytes::Owned(bytes.clone()), "fuzz") {
            use_index(&idx, &bytes);
        }
    }
}

/// `check`: a draft against a corpus, both from the fuzzer's bytes (split at
/// the first `0xFF`, a byte UTF-8 never holds): the corpus is indexed and
/// opened, the check runs, every match lies inside the draft on character
/// boundaries and inside its source, and the ratios are shares.
pub fn check(data: &[u8]) {
    let at = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (corpus_bytes, draft_bytes) = (&data[..at], &data[(at + 1).min(data.len())..]);
    let Ok(draft) = std::str::from_utf8(draft_bytes) else {
        return;
    };
    let mut corpus = Corpus::default();
    ingest::add_bytes(
        &mut corpus,
        "c.txt".into(),
        corpus_bytes,
        &IngestOptions::default(),
    );
    if corpus.documents.is_empty() {
        return;
    }
    let idx = Index::from_bytes(Bytes::Owned(index_bytes(&corpus)), "fuzz")
        .expect("an index just made opens");
    let r = check_draft(
        "d.txt",
        draft,
        &Sources::new(&idx),
        &CheckOptions::default(),
    )
    .expect("a check against an index just made runs");
    for ratio in [
        r.copy_ratio,
        r.copy_ratio_excluding_boilerplate,
        r.max_single_source_ratio,
    ] {
        assert!((0.0..=1.0).contains(&ratio), "ratio {ratio}");
    }
    assert!(r.copy_ratio_excluding_boilerplate <= r.copy_ratio + 1e-9);
    for m in &r.matches {
        let span = m.draft.start..m.draft.end;
        check_range(draft, &span, "match");
        assert!(!span.is_empty(), "an empty match");
        let source = &corpus.documents[m.source.document];
        let text = source.file_text();
        check_range(text, &(m.source.start..m.source.end), "source");
    }
}
