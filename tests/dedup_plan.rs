//! `dedup` removes a speech only for a kept speech that holds it: real text
//! from the seed, cut and joined into versions, copies and parts.

use crate::util::*;

/// The paragraphs (lines of 80 characters or more) of seed speech `name`.
fn paragraphs(name: &str) -> Vec<String> {
    seed_speech(name)
        .lines()
        .filter(|l| l.chars().count() >= 80)
        .map(str::to_string)
        .collect()
}

/// A compilation of `speeches` under headings `某市领导讲话篇一`, `篇二`, ….
fn compilation(speeches: &[String]) -> String {
    const N: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    let mut out = String::from("某市领导讲话汇编\n");
    for (i, s) in speeches.iter().enumerate() {
        out += &format!("某市领导讲话篇{}\n{}\n", N[i], s.trim_end());
    }
    out
}

/// Dedup `text` (with `args`), and the output and the manifest's entries.
fn dedup(text: &str, args: &[&str]) -> (String, Vec<serde_json::Value>) {
    let env = TestEnv::new();
    env.write("comp.txt", text);
    let mut cmd = env.cmd();
    cmd.args(["dedup", "comp.txt", "-o", "out.txt", "--manifest", "m.json"])
        .args(args);
    run(&mut cmd).expect(0, &[]);
    let m: serde_json::Value = serde_json::from_str(&env.read("m.json")).unwrap();
    let entries = m["entries"].as_array().unwrap().clone();
    (env.read("out.txt"), entries)
}

fn removed(entries: &[serde_json::Value]) -> Vec<(u64, u64)> {
    entries
        .iter()
        .filter(|e| e["action"] == "removed")
        .map(|e| {
            let d = e["document"].as_u64().unwrap();
            (d, e["kept_instead"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn a_version_is_removed_only_for_a_kept_near_duplicate_of_it() {
    // Six versions of one speech, each a paragraph on from the last: each
    // is a near-duplicate of its neighbours, so all are one cluster, but
    // the last versions are only partly inside the first ones.
    let p = paragraphs("篇二");
    let text = compilation(&(0..6).map(|k| p[k..k + 12].join("\n")).collect::<Vec<_>>());
    let env = TestEnv::new();
    let report = scan_json(&env.write("comp.txt", &text));
    assert_eq!(report["clusters"].as_array().unwrap().len(), 1, "{report}");
    let relation = |x: u64, y: u64| {
        report["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| (q["a"].as_u64(), q["b"].as_u64()) == (Some(x.min(y)), Some(x.max(y))))
            .map(|q| q["relation"].as_str().unwrap().to_string())
    };
    let (_, entries) = dedup(&text, &[]);
    let gone = removed(&entries);
    assert!(gone.len() >= 2 && gone.len() <= 4, "{gone:?}");
    for &(d, k) in &gone {
        assert!(!gone.iter().any(|g| g.0 == k), "{k} stays: {gone:?}");
        assert_eq!(
            relation(d, k).as_deref(),
            Some("near-duplicate"),
            "{d} for {k}"
        );
    }
}

#[test]
fn a_speech_inside_one_that_goes_itself_stays() {
    // 篇一 = P, 篇二 = P + Q, 篇三 = Q + R: 篇一 is inside 篇二, and 篇二
    // mostly inside 篇三; P is in no other speech.
    let (p, q, r) = (
        seed_speech("篇一"),
        seed_speech("篇十四"),
        seed_speech("篇五"),
    );
    let speeches = [p.clone(), format!("{p}{q}"), format!("{q}{r}")];
    let (out, entries) = dedup(&compilation(&speeches), &["--drop-contained"]);
    let first = p.lines().find(|l| l.chars().count() >= 80).unwrap();
    assert!(out.contains(first), "P is still in the output");
    assert_eq!(
        removed(&entries),
        [(0, 1)],
        "篇一 goes for 篇二, which stays"
    );
}

#[test]
fn a_speech_inside_a_removed_copy_is_not_credited_to_the_kept_one() {
    // 篇一 = X + Y with names masked (the copy that goes), 篇二 = X + Z (the
    // clean copy that stays), 篇三 = Y: 篇三 is inside 篇一 only.
    let x = seed_speech("篇六");
    let (y, z) = (seed_speech("篇十一"), seed_speech("篇九"));
    let masked = x.replacen("开发区", "******", 6);
    let speeches = [format!("{masked}{y}"), format!("{x}{z}"), y.clone()];
    let (out, entries) = dedup(&compilation(&speeches), &["--drop-contained"]);
    let gone = removed(&entries);
    assert!(gone.contains(&(0, 1)), "the masked copy goes: {gone:?}");
    assert!(!gone.iter().any(|&(d, _)| d == 2), "{gone:?}");
    assert!(out.contains(y.trim()), "Y is still in the output");
}
