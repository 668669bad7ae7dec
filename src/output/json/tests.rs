//! [`scan`] gives the bytes of [`write`] (the derived `Serialize` of the
//! report), whatever the chunk size: the seed's report, with the lists it
//! lacks filled in and strings and figures that need care in JSON.

use super::*;
use std::path::PathBuf;
use taohua::ingest::Skipped;

fn seed_report() -> ScanReport {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/kaifaqu-19.txt");
    let corpus = taohua::ingest::read_corpus(&[seed], &Default::default());
    taohua::scan::scan(&corpus, &Default::default(), &()).expect("the seed scans")
}

/// The seed's report with every list non-empty and awkward strings and numbers.
fn awkward_report() -> ScanReport {
    let mut r = seed_report();
    for list in [
        r.documents.len(),
        r.pairs.len(),
        r.clusters.len(),
        r.phrases.len(),
        r.templates.len(),
        r.junk.len(),
    ] {
        assert!(list > 1, "the seed fills every list");
    }
    assert!(r.phrases.iter().any(|p| p.variants.is_empty()));
    assert!(r.phrases.iter().any(|p| !p.variants.is_empty()));
    let awkward = "引号\"反斜杠\\换行\n制表\t控制\u{1}\u{7f}</script>é😀";
    r.documents[0].title = awkward.into();
    r.phrases[0].text = awkward.into();
    r.pairs[0].similarity = 0.1 + 0.2;
    r.pairs[0].a_in_b = 1.0;
    r.pairs[0].b_in_a = 1e-7;
    r.skipped = vec![
        Skipped {
            path: awkward.into(),
            reason: "not UTF-8".into(),
        },
        Skipped {
            path: "b.txt".into(),
            reason: String::new(),
        },
    ];
    r
}

fn expected(r: &ScanReport) -> Vec<u8> {
    let mut out = Vec::new();
    write(r, &mut out).expect("writes to memory");
    out
}

fn chunked(r: &ScanReport, chunk_bytes: usize) -> Vec<u8> {
    let mut out = Vec::new();
    scan_in_chunks(r, &mut out, chunk_bytes).expect("writes to memory");
    out
}

#[test]
fn scan_writes_the_bytes_of_write() {
    let r = awkward_report();
    let want = expected(&r);
    let mut got = Vec::new();
    scan(&r, &mut got).expect("writes to memory");
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&want)
    );
    assert_eq!(got, want);
}

#[test]
fn any_chunk_size_gives_the_same_bytes() {
    let r = awkward_report();
    let want = expected(&r);
    // one entry a chunk (many batches), a few, all in one
    for chunk_bytes in [1, 300, 5000, usize::MAX] {
        assert_eq!(
            chunked(&r, chunk_bytes),
            want,
            "chunks of {chunk_bytes} bytes"
        );
    }
}

#[test]
fn empty_lists_give_the_same_bytes() {
    let mut r = awkward_report();
    r.documents.clear();
    r.pairs.clear();
    r.clusters.clear();
    r.phrases.clear();
    r.templates.clear();
    r.junk.clear();
    r.skipped.clear();
    let want = expected(&r);
    for chunk_bytes in [1, usize::MAX] {
        assert_eq!(chunked(&r, chunk_bytes), want);
    }
}

#[test]
fn lists_are_cut_into_runs_of_about_the_size_asked() {
    let items = [5, 5, 20, 1, 1, 1, 9];
    let runs = chunks(&items, |&n| n, 10);
    assert_eq!(runs, [&[5, 5][..], &[20], &[1, 1, 1, 9]]);
    assert_eq!(chunks(&items, |&n| n, 3).len(), 5);
    assert!(chunks(&[0u8; 0], |_| 1, 10).is_empty());
}
