//! Tests of template finding.

use super::*;

#[test]
fn the_tokens_two_lists_share_bound_their_longest_common_subsequence() {
    // Lists over a small vocabulary (many repeats), seeded.
    let words = [
        "下面", "我", "讲", "三点", "意见", ",", "代表", "市委", "要", "加强",
    ];
    let list = |seed: u64, n: usize| -> Vec<&str> {
        (0..n as u64)
            .map(|i| words[(crate::fingerprint::mix(seed ^ (i * 0x9e37)) % 10) as usize])
            .collect()
    };
    let mut tight = 0;
    for seed in 0..400u64 {
        let (a, b) = (
            list(seed, 3 + seed as usize % 12),
            list(seed + 999, 2 + seed as usize % 15),
        );
        let l = lcs(&a, &b, &mut Lcs::default());
        let (n, c) = common(&sorted_tokens(&a), &sorted_tokens(&b));
        assert!(l.len() <= n && chars(&l) <= c, "{a:?} {b:?}");
        tight += usize::from(l.len() == n);
    }
    assert!(tight > 50, "the bound is often exact: {tight}");
}

#[test]
fn skeleton_of_the_opinion_family() {
    let a = ["下面", ",", "我", "讲", "三点", "意见"];
    let b = [
        "下面",
        ",",
        "我",
        "代表",
        "市委",
        "、",
        "市政府",
        "讲",
        "三",
        "方面",
        "意见",
    ];
    let s = lcs(&a, &b, &mut Lcs::default());
    assert_eq!(s, ["下面", ",", "我", "讲", "意见"]);
    assert_eq!(fillers(&s, &b)[3].concat(), "代表市委、市政府");
}

#[test]
fn a_template_is_shown_as_its_sentences_are_written() {
    // Folded for matching (half-width punctuation, lower case), shown as
    // written: the skeleton in its first member's wording, each filler and
    // member in its own.
    let mut a = sent(
        &["今年", "广义", "货币", "m2", "增长", "12", "%", "左右"],
        vec![0],
    );
    a.shown = "今年广义货币M2增长12％左右".to_string();
    let mut b = sent(
        &["今年", "广义", "货币", "m2", "增长", "9", "%", "左右"],
        vec![1],
    );
    b.shown = "今年广义货币M2增长9%左右".to_string();
    let sents = [a, b];
    let t = bucket_templates(&sents, &[0, 1], &[0, 1], 2);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].skeleton, "今年广义货币M2增长…％左右");
    assert_eq!(t[0].slots, [vec!["12".to_string(), "9".to_string()]]);
    let members: Vec<&str> = t[0].members.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        members,
        ["今年广义货币M2增长12％左右", "今年广义货币M2增长9%左右"]
    );
}

#[test]
fn a_filler_written_in_two_widths_is_listed_once() {
    let toks = ["下面", "我", "讲", "(", "三点", ")", "意见"];
    let mut a = sent(&toks, vec![0]);
    a.shown = "下面我讲(三点)意见".to_string();
    let mut b = sent(&toks, vec![1]);
    b.shown = "下面我讲（三点）意见".to_string();
    let c = sent(&["下面", "我", "讲", "两点", "意见"], vec![2]);
    let sents = [a, b, c];
    let t = bucket_templates(&sents, &[0, 1, 2], &[0, 1, 2], 2);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].skeleton, "下面我讲…意见");
    assert_eq!(t[0].slots, [vec!["(三点)".to_string(), "两点".to_string()]]);
}

#[test]
fn a_zero_width_space_is_no_filler() {
    let sents = [
        sent(&["深化", "\u{200B}", "农村", "综合", "改革"], vec![0]),
        sent(&["深化", "农村", "综合", "改革"], vec![1]),
    ];
    let t = bucket_templates(&sents, &[0, 1], &[0, 1], 2);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].skeleton, "深化农村综合改革");
    assert!(t[0].slots.is_empty(), "{t:?}");
}

/// A sentence of the given tokens used by the given speeches.
fn sent(tokens: &[&str], docs: Vec<usize>) -> Sent {
    let mut text = String::new();
    let mut spans = Vec::new();
    for t in tokens {
        spans.push((text.len() as u32, (text.len() + t.len()) as u32));
        text.push_str(t);
    }
    Sent {
        shown: text.clone(),
        text,
        tokens: spans,
        docs,
    }
}

#[test]
fn a_bucket_gives_a_template_exactly_when_enough_speeches_can_reach_it() {
    let sents = [
        sent(&["下面", "我", "讲", "三点", "意见"], vec![0]),
        sent(&["下面", "我", "讲", "两点", "意见"], vec![1]),
        sent(&["下面", "我", "再", "讲", "几点", "意见"], vec![2, 3]),
        sent(&["下面", "请", "大家", "发表", "意见"], vec![4]),
    ];
    let group = [0, 1, 2, 2, 4];
    let ids = [0, 1, 2, 3];
    // Speeches 2 and 3 are one cluster: the three first sentences reach 3.
    let got = bucket_templates(&sents, &ids, &group, 3);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].skeleton, "下面我…讲…意见");
    assert_eq!(got[0].speeches, 3);
    assert!(bucket_templates(&sents, &ids, &group, 4).is_empty());
    // The last sentence alone reaches one cluster: it starts nothing.
    assert!(bucket_templates(&sents, &[3, 0], &group, 2).is_empty());
}
