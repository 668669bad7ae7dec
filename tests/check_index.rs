//! `taohua check` against an index file: the same answers as the corpus, `index add`, damaged indexes.

use crate::util::*;

/// A test folder holding `seed.idx`, the index of the seed compilation.
fn seed_index() -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    let idx = env.path("seed.idx");
    taohua()
        .arg("index")
        .arg(seed())
        .arg("-o")
        .arg(&idx)
        .assert()
        .success();
    (env, idx)
}

#[test]
fn index_gives_the_same_answer_and_add_extends_it() {
    let (_env, idx) = seed_index(); // (the folder lives as long as `_env`)
    let direct = check(&fixture("check/draft.txt"), &seed());
    let via = check(&fixture("check/draft.txt"), &idx);
    assert_eq!(direct["drafts"], via["drafts"]);
    // add the law excerpt; a draft of it then finds it
    taohua()
        .args(["index", "add"])
        .arg(&idx)
        .arg(fixture("check/law.txt"))
        .assert()
        .success();
    let r = check(&fixture("check/law.txt"), &idx);
    assert_eq!(r["corpus_documents"], 20);
    assert!(r["drafts"][0]["copy_ratio"].as_f64().unwrap() > 0.97);
    // The same file added again replaces its speech: one source, not two.
    taohua()
        .args(["index", "add"])
        .arg(&idx)
        .arg(fixture("check/law.txt"))
        .assert()
        .success()
        .stderr(predicates::str::contains("replacing 1 from the same files"));
    let again = check(&fixture("check/law.txt"), &idx);
    assert_eq!(again["corpus_documents"], 20);
    assert_eq!(again["drafts"], r["drafts"]);
    // ... however its path is spelled.
    let spelled = fixture("check/../check/law.txt");
    taohua()
        .args(["index", "add"])
        .arg(&idx)
        .arg(&spelled)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "20 speeches (1 added, replacing 1",
        ));
    assert_eq!(
        check(&fixture("check/law.txt"), &idx)["corpus_documents"],
        20
    );
}

#[test]
fn speeches_added_to_an_index_give_the_index_of_all_at_once() {
    // The seed cut in two files before 篇八: its stock phrases (the
    // `让我们紧密团结…` of 篇四, 篇五, 篇七 and 篇十一) are in both.
    let env = TestEnv::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let cut = seed_text.find("全市开发区工作会议讲话精神篇八").unwrap();
    env.write("a.txt", &seed_text[..cut]);
    env.write("b.txt", &seed_text[cut..]);
    run(env.cmd().args(["index", "a.txt", "b.txt", "-o", "one.idx"])).expect(0, &[]);
    run(env.cmd().args(["index", "a.txt", "-o", "add.idx"])).expect(0, &[]);
    run(env.cmd().args(["index", "add", "add.idx", "b.txt"])).expect(0, &["19 speeches"]);
    let (one, add) = (env.path("one.idx"), env.path("add.idx"));
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(add).unwrap());
}

#[test]
fn damaged_indexes_are_refused_with_exit_2() {
    let (env, idx) = seed_index();
    let good = std::fs::read(&idx).unwrap();
    let mut cases = vec![("truncated", good[..good.len() / 2].to_vec())];
    let mut flipped = good.clone();
    flipped[good.len() - 100] ^= 0x01;
    cases.push(("corrupted", flipped));
    let mut newer = good.clone();
    newer[8] = 7;
    cases.push(("newer", newer));
    for (what, bytes) in cases {
        let bad = env.write(&format!("{what}.idx"), bytes);
        let out = taohua()
            .arg("check")
            .arg(fixture("check/draft.txt"))
            .arg("--against")
            .arg(&bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{what}.idx")) && err.contains(what),
            "{what}: {err}"
        );
    }
}
