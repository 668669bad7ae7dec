//! Properties (proptest) of the library and of the binary:
//!
//! * a speech aligns with itself completely (with masks in it too);
//! * `check` of a corpus speech against its corpus finds it (≈100%);
//! * the JSON report does not depend on the thread count (byte for byte) nor on
//!   the order the input files are given in (up to document numbering), and a
//!   pair's `a_in_b`/`b_in_a` swap when its speeches swap places.
//!
//! Case counts are kept small: the binary properties run `taohua` three times
//! per case.

use crate::util::{taohua, TestEnv};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use taohua::align::{align, covered, extend_ends, AlignParams, Chain};
use taohua::check::{check_draft, index_data, CheckOptions, Sources};
use taohua::ingest::{add_text, Corpus, IngestOptions, SplitRule};
use taohua::normalize::normalize;
use taohua::store::{encode, Bytes, Index};

/// A small deterministic generator (the texts come from a seed proptest picks).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() % n
    }

    /// A CJK character from the whole unified block (so 6-grams do not repeat).
    fn han(&mut self) -> char {
        char::from_u32(0x4E00 + self.below(0x9FA5 - 0x4E00) as u32).unwrap()
    }

    fn sentence(&mut self) -> String {
        let mut s: String = (0..8 + self.below(22)).map(|_| self.han()).collect();
        s.push(['。', '，', '；', '！'][self.below(4)]);
        s
    }

    fn passage(&mut self) -> String {
        (0..3 + self.below(4)).map(|_| self.sentence()).collect()
    }
}

/// `chars` CJK characters in sentences, on lines of a few sentences each.
fn prose(seed: u64, chars: usize) -> String {
    let mut g = Lcg(seed);
    let mut s = String::new();
    let mut n = 0;
    while n < chars {
        let k = (8 + g.below(22)).min(chars - n);
        s.extend((0..k).map(|_| g.han()));
        n += k;
        s.push(if g.below(4) == 0 { '\n' } else { '。' });
    }
    s
}

fn full_cover(len: usize, chains: &[Chain]) -> usize {
    covered(len, chains.iter().map(Chain::a_range))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_speech_aligns_with_itself_completely(seed in any::<u64>(), len in 12usize..800) {
        let n = normalize(&prose(seed, len));
        prop_assert_eq!(n.len(), len);
        let chains = align(&n.chars, &n.chars, &AlignParams::default());
        prop_assert_eq!(chains.len(), 1);
        prop_assert_eq!(chains[0].a_range(), 0..len);
        prop_assert_eq!(chains[0].b_range(), 0..len);
        prop_assert_eq!(chains[0].matched, len);
    }

    #[test]
    fn a_masked_speech_aligns_with_itself_completely(
        seed in any::<u64>(),
        len in 40usize..600,
        masks in proptest::collection::vec(0.0f64..1.0, 1..4),
    ) {
        // masks at least 16 characters apart, so every stretch between them seeds
        let mut text: Vec<char> = prose(seed, len).chars().collect();
        let mut at: Vec<usize> = masks.iter().map(|f| (f * text.len() as f64) as usize).collect();
        at.sort_unstable();
        at.dedup_by(|x, y| *x < *y + 16 * 3);
        for &i in at.iter().rev() {
            text.splice(i..i, "******".chars());
        }
        let text: String = text.into_iter().collect();
        let n = normalize(&text);
        let mut chains = align(&n.chars, &n.chars, &AlignParams::default());
        for c in &mut chains {
            extend_ends(&n.chars, &n.chars, c);
        }
        prop_assert_eq!(full_cover(n.len(), &chains), n.len(), "{}", text);
    }

    #[test]
    fn a_corpus_speech_checked_against_its_corpus_is_all_copied(
        seed in any::<u64>(),
        docs in 1usize..6,
        pick in any::<prop::sample::Index>(),
    ) {
        let mut g = Lcg(seed);
        let stock = g.sentence() + &g.sentence();
        let texts: Vec<String> = (0..docs)
            .map(|i| {
                let mut t = g.passage();
                if i % 2 == 0 {
                    t.push_str(&stock);
                }
                t.push('\n');
                t.push_str(&g.passage());
                t
            })
            .collect();
        let mut corpus = Corpus::default();
        let opts = IngestOptions { split: SplitRule::Never, ..IngestOptions::default() };
        for (i, t) in texts.iter().enumerate() {
            add_text(&mut corpus, format!("{i}.txt"), t.clone(), "UTF-8", &opts);
        }
        let index = Index::from_bytes(Bytes::Owned(encode(&index_data(&corpus))), "mem").unwrap();
        let k = pick.index(docs);
        let r = check_draft("draft", &texts[k], &Sources::new(&index), &CheckOptions::default()).unwrap();
        prop_assert!(r.copy_ratio >= 0.99, "{} of {}", r.copy_ratio, texts[k]);
        prop_assert_eq!(&r.sources[0].source, &format!("{k}.txt"));
        prop_assert!(r.sources[0].chars > 0);
        prop_assert!(r.copy_ratio_excluding_boilerplate <= r.copy_ratio);
        prop_assert!(r.max_single_source_ratio <= r.copy_ratio_excluding_boilerplate + 1e-9);
    }
}

/// Speeches that share passages, with near-copies among them.
fn folder(seed: u64, docs: usize) -> Vec<(String, String)> {
    let mut g = Lcg(seed);
    let pool: Vec<String> = (0..3).map(|_| g.passage()).collect();
    let mut texts: Vec<String> = Vec::new();
    for i in 0..docs {
        if i > 0 && g.below(3) == 0 {
            // a near-copy of an earlier speech: a name masked, a character changed
            let mut t: Vec<char> = texts[g.below(i)].chars().collect();
            let at = g.below(t.len().saturating_sub(4).max(1));
            t.splice(at..(at + 2).min(t.len()), "***".chars());
            let at = g.below(t.len());
            if t[at] != '\n' && t[at] != '*' {
                t[at] = g.han();
            }
            texts.push(t.into_iter().collect());
            continue;
        }
        let mut parts: Vec<String> = (0..1 + g.below(2)).map(|_| g.passage()).collect();
        for p in &pool {
            if g.below(2) == 0 {
                parts.insert(g.below(parts.len() + 1), p.clone());
            }
        }
        texts.push(parts.join("\n"));
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| (format!("d{i}.txt"), t + "\n"))
        .collect()
}

/// The JSON report with document ids replaced by file names, pairs oriented by
/// name and every list sorted: what must not change with the input order.
fn canonical(r: &Value) -> Value {
    let names: BTreeMap<u64, String> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let name = d["source"].as_str().unwrap();
            (
                d["id"].as_u64().unwrap(),
                name.rsplit('/').next().unwrap().to_string(),
            )
        })
        .collect();
    fn walk(v: &mut Value, names: &BTreeMap<u64, String>) {
        match v {
            Value::Object(map) => {
                map.remove("id");
                for (k, x) in map.iter_mut() {
                    match (k.as_str(), &*x) {
                        ("a" | "b" | "document" | "representative", Value::Number(n)) => {
                            *x = Value::String(names[&n.as_u64().unwrap()].clone());
                        }
                        ("documents", Value::Array(ids)) if ids.iter().all(Value::is_number) => {
                            let mut v: Vec<String> = ids
                                .iter()
                                .map(|i| names[&i.as_u64().unwrap()].clone())
                                .collect();
                            v.sort();
                            *x = v.into();
                        }
                        _ => walk(x, names),
                    }
                }
                if let (Some(Value::String(a)), Some(Value::String(b))) =
                    (map.get("a"), map.get("b"))
                {
                    let flip = a > b;
                    if flip {
                        swap(map, "a", "b");
                        swap(map, "a_in_b", "b_in_a");
                    }
                    // a passage's `chars` counts its `a` side: one-sided by definition
                    if let Some(Value::Array(ps)) = map.get_mut("passages") {
                        for p in ps.iter_mut() {
                            let p = p.as_object_mut().unwrap();
                            if flip {
                                swap(p, "a", "b");
                            }
                            p.remove("chars");
                        }
                        ps.sort_by_key(|x| x.to_string()); // again, oriented
                    }
                }
            }
            Value::Array(items) => {
                for x in items.iter_mut() {
                    walk(x, names);
                }
                items.sort_by_key(|x| x.to_string());
            }
            _ => {}
        }
    }
    fn swap(map: &mut serde_json::Map<String, Value>, x: &str, y: &str) {
        let (vx, vy) = (map.remove(x), map.remove(y));
        if let Some(v) = vy {
            map.insert(x.into(), v);
        }
        if let Some(v) = vx {
            map.insert(y.into(), v);
        }
    }
    let mut v = r.clone();
    walk(&mut v, &names);
    v
}

fn scan_json(env: &TestEnv, threads: &str, files: &[&str]) -> (Vec<u8>, Value) {
    let out = env
        .cmd()
        .args(["--threads", threads, "scan", "--format", "json"])
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (out.stdout, v)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5, ..ProptestConfig::default() })]

    #[test]
    fn scans_do_not_depend_on_thread_count_or_file_order(seed in any::<u64>(), docs in 3usize..7) {
        let env = TestEnv::new();
        let files = folder(seed, docs);
        for (name, text) in &files {
            env.write(name, text);
        }
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let (one, report) = scan_json(&env, "1", &names);
        let (two, _) = scan_json(&env, "2", &names);
        prop_assert!(one == two, "JSON differs between 1 and 2 threads");
        let reversed: Vec<&str> = names.iter().rev().copied().collect();
        let (_, swapped) = scan_json(&env, "2", &reversed);
        let (x, y) = (canonical(&report), canonical(&swapped));
        prop_assert!(
            x == y,
            "the report depends on the file order:\n{}\n---\n{}",
            serde_json::to_string_pretty(&x).unwrap(),
            serde_json::to_string_pretty(&y).unwrap()
        );
    }
}

#[test]
fn the_folder_generator_makes_pairs() {
    // guard: the generated folders do exercise pairs and clusters
    let env = TestEnv::new();
    let files = folder(11, 6);
    for (name, text) in &files {
        env.write(name, text);
    }
    let out = taohua()
        .current_dir(env.dir.path())
        .args(["scan", ".", "--format", "json"])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!r["pairs"].as_array().unwrap().is_empty(), "{r}");
}
