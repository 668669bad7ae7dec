//! `taohua check` of a copied paragraph with a sentence of the writer's own
//! put between two of its sentences: the inserted sentence is not copied.

use crate::util::*;

/// The inserted sentence starts with the character that starts the
/// source's next sentence (`第一百五十七条…` before `第四，…`), so the passage
/// grows over that character; the sentence is still cut out.
#[test]
fn a_sentence_inserted_into_a_copied_paragraph_is_not_copied() {
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let from = seed_text
        .find("第三,我们正面临着加速发展的大好形势")
        .unwrap();
    let cut = from + seed_text[from..].find("的效果。").unwrap() + "的效果。".len();
    let next = &seed_text[cut..];
    let next = &next[..next.find("的条件").unwrap() + "的条件".len()];
    assert!(next.starts_with("第四"), "{next}");
    let inserted = "第一百五十七条 人民法院对抵押物、质押物、留置物可以采取财产保全措施，\
        但不影响抵押权人、质权人、留置权人的优先受偿权。";
    let draft = format!("{}{inserted}{next}。\n", &seed_text[from..cut]);
    let env = TestEnv::new();
    let path = env.write("draft.txt", &draft);
    let report = check(&path, &seed());
    let matches = report["drafts"][0]["matches"].as_array().unwrap().clone();
    let covered = |at: usize| {
        matches.iter().any(|m| {
            let (s, e) = (m["draft"]["start"].as_u64(), m["draft"]["end"].as_u64());
            (s.unwrap() as usize..e.unwrap() as usize).contains(&at)
        })
    };
    let law = cut + "第".len() - from..cut + inserted.len() - from;
    let copied_law = law.clone().filter(|&b| covered(b)).count();
    assert_eq!(
        copied_law, 0,
        "the inserted sentence is its own: {matches:#?}"
    );
    assert!(covered(0) && covered(cut - from - "的效果。".len()));
    assert!(covered(cut + inserted.len() - from + "第四".len()));
}
