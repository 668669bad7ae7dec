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
