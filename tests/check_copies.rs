//! `check` against a corpus that holds one speech several times: the copies
//! are one speech, so what the draft takes from it is copying, not the
//! genre's stock wording that "three speeches hold".

use crate::util::*;

/// `text` with every 30th Chinese character, from the `from`-th, made `to`:
/// a copy whose runs of wording shared with the original are all short.
fn every_30th(text: &str, from: usize, to: char) -> String {
    let mut k = 0;
    text.chars()
        .map(|c| {
            if !('\u{4e00}'..='\u{9fff}').contains(&c) {
                return c;
            }
            k += 1;
            if (k - 1) % 30 == from {
                to
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn a_speech_held_three_times_is_still_a_source_not_boilerplate() {
    let env = TestEnv::new();
    let three = seed_speech("篇三");
    env.write("corpus/a.txt", &three);
    env.write("corpus/b.txt", every_30th(&three, 0, '某'));
    env.write("corpus/c.txt", every_30th(&three, 15, '甲'));
    env.write("corpus/d.txt", seed_speech("篇二"));
    let para = three.lines().filter(|l| l.chars().count() > 150).nth(1);
    let own = "为了规范物业管理活动，维护业主和物业服务企业的合法权益，改善人民群众的生活和工作环境，制定本条例。";
    let draft = env.write("draft.txt", format!("{}\n{own}\n", para.unwrap()));
    let report = check(&draft, &env.path("corpus"));
    let d = &report["drafts"][0];
    let total = d["copy_ratio"].as_f64().unwrap();
    assert!(total > 0.7, "the paragraph is copied: {total}");
    assert_eq!(
        d["copy_ratio_excluding_boilerplate"].as_f64().unwrap(),
        total,
        "three copies of one speech make no stock wording"
    );
    let matches = d["matches"].as_array().unwrap();
    assert!(matches
        .iter()
        .any(|m| m["source"]["source"].as_str().unwrap().ends_with("a.txt")));
    assert!(matches.iter().all(|m| m["boilerplate"] == false));
}
