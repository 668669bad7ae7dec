//! Bad arguments, end to end: damaged indexes, configs with unknown keys or
//! wrong types, regexes that do not compile, misspelt formats and an empty
//! stdin each get a message naming the file or flag and what to do, and exit 2.

use crate::util::*;

#[test]
fn damaged_indexes_beyond_the_basic_three() {
    // truncated in half, a flipped byte and a newer version are in tests/check.rs
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    run(env.cmd().args(["index", "good.txt", "-o", "good.idx"])).expect(0, &[]);
    let good = std::fs::read(env.path("good.idx")).unwrap();
    let check = |name: &str| {
        run(env
            .cmd()
            .args(["check", "good.txt", "--against", name, "-f", "json"]))
    };
    // cut inside the header: the magic is there, the rest is not
    env.write("head.idx", &good[..40]);
    check("head.idx").expect(
        2,
        &["head.idx: not a taohua index (or truncated before its header)"],
    );
    // one trailing byte too many
    let mut long = good.clone();
    long.push(0);
    env.write("long.idx", &long);
    check("long.idx").expect(2, &["long.idx: index is truncated or has trailing bytes"]);
    // a flipped bit in the header's section table, and in the version field
    let mut table = good.clone();
    table[40] ^= 0x80;
    env.write("table.idx", &table);
    check("table.idx").expect(2, &["table.idx: index is corrupted", "rebuild it"]);
    let mut zero = good.clone();
    zero[8..12].copy_from_slice(&0u32.to_le_bytes());
    env.write("zero.idx", &zero);
    check("zero.idx").expect(2, &["zero.idx: index was built with other settings"]);
    // an empty file is no index: read as a corpus, and found empty
    env.write("empty.idx", "");
    check("empty.idx").expect(2, &["empty.idx: no text in it"]);
    // `index add` to a damaged or newer index refuses and leaves the file alone
    let mut newer = good.clone();
    newer[8] = 200;
    env.write("newer.idx", &newer);
    for (name, before) in [("table.idx", &table), ("newer.idx", &newer)] {
        run(env.cmd().args(["index", "add", name, "good.txt"])).expect(2, &[name]);
        assert_eq!(&std::fs::read(env.path(name)).unwrap(), before, "{name}");
    }
    run(env.cmd().args(["index", "add", "newer.idx", "good.txt"]))
        .expect(2, &["is newer than this taohua reads", "upgrade taohua"]);
}

#[test]
fn ci_config_with_unknown_keys_or_wrong_types_is_named_with_its_line() {
    let env = TestEnv::new();
    env.write("corpus/a.txt", SPEECH);
    env.write("drafts/b.txt", OTHER);
    let cases = [
        (
            "[documents]\ncorpus = [\"corpus/*.txt\"]\nnew = [\"drafts/*.txt\"]\ncolour = \"red\"\n",
            "taohua.toml:4: documents.colour: unknown key; expected one of",
        ),
        (
            "[thresholds]\ncopy = { warn = \"high\", fail = 0.5 }\n",
            "taohua.toml:2: thresholds.copy.warn: invalid type: string \"high\", expected a number",
        ),
        (
            "[documents]\ncorpus = \"corpus/*.txt\"\n",
            "taohua.toml:2: documents.corpus: invalid type: string \"corpus/*.txt\", expected a list",
        ),
        ("[thresholds\n", "taohua.toml:1: "),
        (
            "[split]\npattern = \"(\"\n",
            "taohua.toml:2: split.pattern: not a valid regular expression",
        ),
        // Unknown tables, and a key beside others in an inline table.
        ("[extra]\nx = 1\n", "taohua.toml:1: extra: unknown key"),
        (
            "[documents]\nscope = \"all\"\n[split.sub]\nx = 1\n",
            "taohua.toml:3: split.sub: unknown key; expected `pattern` or `never`",
        ),
        (
            "[thresholds]\ncopy = { warn = 0.3, fail = 0.5, typo = 1 }\n",
            "taohua.toml:2: thresholds.copy.typo: unknown key",
        ),
        (
            "[thresholds]\ncopy = 0.5\n",
            "thresholds.copy: invalid type: floating point `0.5`, expected a table like { warn = 0.3, fail = 0.5 }",
        ),
        (
            "[thresholds]\njunk = 1\n",
            "taohua.toml:2: thresholds.junk: expected \"off\", \"warn\" or \"fail\"",
        ),
    ];
    for (toml, want) in cases {
        env.write("taohua.toml", toml);
        run(env.cmd().arg("ci")).expect(2, &[want]);
    }
    run(env.cmd().args(["ci", "--config", "nope.toml"])).expect(2, &["nope.toml"]);
    // A baseline cut short in the middle of a character, and one with a kind
    // no finding has.
    env.write("taohua.toml", "");
    env.write("taohua-baseline.toml", b"version = 1\n# \xe5\xbc");
    run(env.cmd().arg("ci")).expect(
        2,
        &[
            "taohua-baseline.toml: not UTF-8 text (cut short",
            "--update-baseline",
        ],
    );
    env.write(
        "taohua-baseline.toml",
        "version = 1\n[[finding]]\ndocument = 'a'\nkind = 'kopy'\nvalue = 1\n",
    );
    run(env.cmd().arg("ci")).expect(
        2,
        &["taohua-baseline.toml:4: finding.kind: unknown kind \"kopy\""],
    );
}

#[test]
fn an_exclude_glob_that_does_not_parse_names_its_flag() {
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    for args in [
        &["scan", "good.txt"][..],
        &["dedup", "good.txt", "-o", "out"],
        &["index", "good.txt", "-o", "idx"],
        &["check", "good.txt", "--against", "good.txt"],
    ] {
        run(env.cmd().args(args).args(["--exclude", "[篇"]))
            .expect(2, &["--exclude \"[篇\" is not a valid glob", "unclosed"]);
    }
}

#[test]
fn regexes_that_do_not_compile_name_their_flag() {
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    for sub in ["scan", "phrases"] {
        run(env.cmd().args([sub, "good.txt", "--junk-pattern", "[小编"])).expect(
            2,
            &[
                "--junk-pattern \"[小编\" is not a valid regular expression",
                "unclosed",
            ],
        );
        run(env.cmd().args([sub, "good.txt", "--split", "篇(一"]))
            .expect(2, &["--split \"篇(一\" is not a valid regular expression"]);
    }
    run(env.cmd().args([
        "dedup",
        "good.txt",
        "-o",
        "out.txt",
        "--junk-pattern",
        "(?<",
    ]))
    .expect(2, &["--junk-pattern"]);
    assert!(!env.path("out.txt").exists(), "nothing written");
    run(env
        .cmd()
        .args(["check", "good.txt", "--against", "good.txt", "--split", "*"]))
    .expect(2, &["--split \"*\""]);
    run(env
        .cmd()
        .args(["index", "good.txt", "-o", "x.idx", "--split", "a{2,1}"]))
    .expect(2, &["--split"]);
    assert!(!env.path("x.idx").exists(), "nothing written");
}

#[test]
fn a_misspelt_format_suggests_the_right_one() {
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    for args in [
        &["scan", "good.txt", "--format", "jsno"][..],
        &["phrases", "good.txt", "-f", "jsno"],
        &[
            "check",
            "good.txt",
            "--against",
            "good.txt",
            "--format",
            "jsno",
        ],
        &["ci", "--format", "jsno"],
    ] {
        let r = run(env.cmd().args(args));
        r.expect(
            2,
            &["invalid value 'jsno' for '--format <FORMAT>'", "'json'"],
        );
        assert!(r.stdout.is_empty());
    }
    run(env.cmd().args(["scan", "good.txt", "--format", "sarif"]))
        .expect(2, &["possible values: human, json, html"]);
}

/// `dedup` mines no phrases, so it takes no phrase flag to ignore; it does
/// take the junk patterns, which `--strip-junk` cuts.
#[test]
fn dedup_refuses_the_phrase_flag_it_would_ignore() {
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    let r = run(env
        .cmd()
        .args(["dedup", "good.txt", "-o", "out.txt", "--min-docs", "3"]));
    r.expect(2, &["unexpected argument '--min-docs'"]);
    assert!(!env.path("out.txt").exists());
    run(env.cmd().args([
        "dedup",
        "good.txt",
        "-o",
        "out.txt",
        "--junk-pattern",
        "本文来源于.*",
    ]))
    .expect(0, &[]);
    assert!(env.path("out.txt").exists());
}

#[test]
fn stdin_with_nothing_on_it_is_named() {
    let env = TestEnv::new();
    env.write("good.txt", SPEECH);
    run(env.cmd().args(["scan", "-", "good.txt"]).write_stdin(""))
        .expect(2, &["warning: -: no text in it"]);
    let r = run(env
        .cmd()
        .args(["scan", "-", "-f", "json"])
        .write_stdin(SPEECH.as_bytes()));
    r.expect(0, &[]);
    assert_eq!(r.json()["documents"][0]["source"], "-");
}

/// `check --max-copy` says which draft is over the limit, by which ratio;
/// `check -a CORPUS DRAFT` (the draft taken as a corpus path) says how to
/// give drafts.
#[test]
fn check_explains_its_exit_status_and_its_argument_order() {
    let env = TestEnv::new();
    env.write("draft.txt", SPEECH);
    env.write("corpus.txt", SPEECH);
    let check = |more: &[&str]| {
        run(env
            .cmd()
            .args(["check", "draft.txt", "-a", "corpus.txt"])
            .args(more))
    };
    check(&["--max-copy", "30%"]).expect(
        1,
        &["over the limit: draft.txt: 去除套话复制比 100.0% > --max-copy 30%"],
    );
    check(&["--max-copy", "0.995", "--ratio", "total"])
        .expect(1, &["总文字复制比 100.0% > --max-copy 99.5%"]);
    check(&["--allowlist", "nope.txt"])
        .expect(2, &["--allowlist nope.txt: no such file; check the path"]);
    run(env.cmd().args(["check", "-a", "corpus.txt", "draft.txt"]))
        .expect(2, &["no draft to check: give the drafts before --against"]);
}
