//! `taohua check` of copied text laid out as a list: the list's own numbers
//! are not copied text.

use crate::util::*;

#[test]
fn the_numbers_of_a_list_of_copied_sentences_are_not_copied() {
    // Consecutive sentences of one seed paragraph, one numbered item each.
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let para = seed_text
        .lines()
        .find(|l| l.starts_with("二要抓好政策落实。"))
        .expect("the seed paragraph");
    let sentences: Vec<&str> = para.split_inclusive('。').skip(1).take(4).collect();
    assert_eq!(sentences.len(), 4);
    let items: Vec<String> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect();
    let draft = format!("关于宣传思想工作的几点要求\n{}\n", items.join("\n"));
    let env = TestEnv::new();
    let r = check(&env.write("draft.txt", &draft), &seed());
    let matches = r["drafts"][0]["matches"].as_array().unwrap();
    let copied: Vec<&str> = matches
        .iter()
        .map(|m| {
            &draft[m["draft"]["start"].as_u64().unwrap() as usize
                ..m["draft"]["end"].as_u64().unwrap() as usize]
        })
        .collect();
    for n in 2..=4 {
        let number = format!("{n}. ");
        assert!(
            copied.iter().all(|c| !c.contains(&number)),
            "{number:?} in {copied:#?}"
        );
    }
    // Every sentence is still found whole.
    for s in &sentences {
        let body = s.trim_end_matches('。');
        assert!(
            copied.iter().any(|c| c.contains(body)),
            "{body} not in {copied:#?}"
        );
    }
}
