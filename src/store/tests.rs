//! Round trip and damage tests of the index format.

use super::*;
use crate::fingerprint::kgram_hashes;
use crate::normalize::normalize;

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
    assert!(idx.is_phrase_gram(42).unwrap() && !idx.is_phrase_gram(43).unwrap());
    let n = normalize(&idx.doc(1).unwrap().text);
    let h = kgram_hashes(&n.chars, PRINT_K);
    assert!(h.iter().any(|&h| idx.postings(h, 10).unwrap() == vec![1]));
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
    // A flipped byte in a speech's text is found when that text is read.
    let mut text = good.clone();
    let at = text
        .windows("物业".len())
        .position(|w| w == "物业".as_bytes())
        .unwrap();
    text[at] ^= 0x01;
    // (at open when it shares a block with the document table, else on reading it)
    if let Ok(idx) = Index::from_bytes(Bytes::Owned(text), "t") {
        assert!(idx.doc(1).is_err());
    }
    let mut newer = good.clone();
    newer[8] = 9;
    let err = Index::from_bytes(Bytes::Owned(newer), "t")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("newer"), "{err}");
}

/// `bytes` with its block sums and header checksum made right again.
fn reseal(mut bytes: Vec<u8>) -> Vec<u8> {
    let (at, len) = (32 + 8 * SUMS, 32 + 8 * SUMS + 4);
    let sums_at = HEADER + le32(&bytes[at..], 0) as usize;
    let sums_len = le32(&bytes[len..], 0) as usize;
    let sums: Vec<u8> = bytes[HEADER..sums_at]
        .chunks(BLOCK)
        .flat_map(|b| xxhash_rust::xxh3::xxh3_64(b).to_le_bytes())
        .collect();
    assert_eq!(sums.len(), sums_len);
    bytes[sums_at..sums_at + sums_len].copy_from_slice(&sums);
    let sum = header_checksum(&bytes[..HEADER], &bytes[sums_at..sums_at + sums_len]);
    bytes[24..32].copy_from_slice(&sum.to_le_bytes());
    bytes
}

#[test]
fn an_index_records_which_speeches_are_copies() {
    let corpus = crate::ingest::seed_corpus();
    let bytes = crate::check::index_bytes(&corpus);
    let idx = Index::from_bytes(Bytes::Owned(bytes.clone()), "seed").unwrap();
    let id = |suffix: &str| {
        let d = corpus.documents.iter();
        d.clone().position(|d| d.title.ends_with(suffix)).unwrap()
    };
    assert_eq!(idx.copy_group(id("篇五")).unwrap(), id("篇四"));
    assert_eq!(idx.copy_group(id("篇十七")).unwrap(), id("篇十四"));
    assert_eq!(idx.copy_group(id("篇三")).unwrap(), id("篇三"));
    // An index written before copy groups holds 0 in the field: each speech
    // is then its own group.
    let mut old = bytes;
    let table = HEADER + le32(&old[32..], 0) as usize;
    for d in 0..idx.len() {
        let at = table + d * DOC_REC + 36;
        old[at..at + 4].copy_from_slice(&[0; 4]);
    }
    let old = Index::from_bytes(Bytes::Owned(reseal(old)), "old").unwrap();
    assert_eq!(old.copy_group(id("篇五")).unwrap(), id("篇五"));
    assert_eq!(old.doc(id("篇五")).unwrap(), idx.doc(id("篇五")).unwrap());
}
