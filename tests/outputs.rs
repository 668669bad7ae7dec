//! Outputs: no output flag may write over an input (a report, an index or a
//! manifest over the speeches it was made from), a dedup output is never left
//! without its manifest, and a reader that closes the pipe early ends the run
//! quietly with the status its findings call for.

use crate::util::*;

#[test]
fn no_output_flag_writes_over_an_input() {
    let env = TestEnv::new();
    env.write("c.txt", SPEECH);
    env.write("in/a.txt", SPEECH);
    env.write("in/b.txt", OTHER);
    let cases: [&[&str]; 8] = [
        &["scan", "c.txt", "-o", "c.txt"],
        &["phrases", "c.txt", "-o", "c.txt"],
        &["index", "c.txt", "-o", "c.txt"],
        &["check", "c.txt", "--against", "in", "-o", "c.txt"],
        &["check", "c.txt", "--against", "in", "-o", "in/a.txt"],
        &["scan", "in", "-f", "json", "-o", "in/b.txt"],
        &["dedup", "c.txt", "-o", "out.txt", "--manifest", "c.txt"],
        &["dedup", "in", "-o", "out", "--manifest", "in/a.txt"],
    ];
    for args in cases {
        run(env.cmd().args(args)).expect(2, &["would write over or into the input"]);
        assert_eq!(env.read("c.txt"), SPEECH);
        assert_eq!(env.read("in/a.txt"), SPEECH);
        assert_eq!(env.read("in/b.txt"), OTHER);
    }
    // Folders not made yet inside an input folder are inside it too.
    for args in [
        &["dedup", "in", "-o", "in/new/out"][..],
        &["scan", "in", "-o", "in/new/deeper/r.txt"],
    ] {
        run(env.cmd().args(args)).expect(2, &["would write over or into the input in"]);
        assert!(!env.path("in/new").exists());
    }
    // Devices are not inputs or outputs to guard.
    run(env.cmd().args(["scan", "c.txt", "-o", "/dev/null"])).expect(0, &[]);
    // A report beside the speeches, in a file the run does not read, is fine.
    run(env
        .cmd()
        .args(["scan", "in", "-f", "json", "-o", "in/report.json"]))
    .expect(0, &[]);
}

#[test]
fn the_ci_report_does_not_replace_the_config_or_a_speech() {
    let env = TestEnv::new();
    env.write("corpus/a.txt", SPEECH);
    env.write("drafts/b.txt", OTHER);
    run(env.cmd().args(["ci", "--init"])).expect(0, &[]);
    let config = env.read("taohua.toml");
    // The baseline is an input even before it is first written.
    assert!(!env.path("taohua-baseline.toml").exists());
    for out in ["taohua.toml", "corpus/a.txt", "taohua-baseline.toml"] {
        run(env.cmd().args(["ci", "-o", out])).expect(2, &["would write over"]);
    }
    // A new file the globs would read as a speech next time.
    run(env.cmd().args(["ci", "-o", "drafts/report.txt"]))
        .expect(2, &["is taken by the [documents] globs"]);
    assert!(!env.path("taohua-baseline.toml").exists());
    assert!(!env.path("drafts/report.txt").exists());
    assert_eq!(env.read("taohua.toml"), config);
    assert_eq!(env.read("corpus/a.txt"), SPEECH);
    run(env.cmd().args(["ci", "-f", "json", "-o", "ci.json"])).expect(0, &[]);
}

#[test]
fn a_dedup_manifest_is_never_the_output_nor_missing_beside_it() {
    let env = TestEnv::new();
    env.copy(&seed(), "c.txt");
    run(env
        .cmd()
        .args(["dedup", "c.txt", "-o", "out.txt", "--manifest", "out.txt"]))
    .expect(2, &["--manifest out.txt is the output itself"]);
    assert!(!env.path("out.txt").exists());
    // A manifest inside the output folder is written into it.
    env.copy(&seed(), "in/c.txt");
    run(env
        .cmd()
        .args(["dedup", "in", "-o", "outd", "--manifest", "outd/m.json"]))
    .expect(0, &[]);
    assert!(env.path("outd/m.json").is_file() && env.path("outd/c.txt").is_file());
    // A manifest that cannot be written: the output is not written either.
    env.write("blocked", "a file where the manifest's folder should be");
    run(env.cmd().args([
        "dedup",
        "c.txt",
        "-o",
        "out.txt",
        "--manifest",
        "blocked/m.json",
    ]))
    .expect(2, &["blocked"]);
    assert!(!env.path("out.txt").exists());
    // The manifest names what could not be read.
    run(env
        .cmd()
        .args(["dedup", "c.txt", "nope.txt", "-o", "out.txt"]))
    .expect(2, &["nope.txt"]);
    let m: serde_json::Value = serde_json::from_str(&env.read("out.txt.manifest.json")).unwrap();
    assert_eq!(m["skipped"][0]["path"], "nope.txt", "{m}");
    assert_eq!(m["speeches_out"], 17);
}

#[test]
fn stdin_is_one_input_for_dedup_and_a_draft_for_check() {
    let env = TestEnv::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let r = run(env
        .cmd()
        .args(["dedup", "-", "-o", "out.txt"])
        .write_stdin(seed_text.clone()));
    r.expect(0, &["17 of 19 speeches kept"]);
    assert!(env.path("out.txt").is_file(), "one input, one output file");
    env.write("corpus.txt", SPEECH);
    let r = run(env
        .cmd()
        .args(["check", "-", "--against", "corpus.txt", "-f", "json"])
        .write_stdin(SPEECH));
    r.expect(0, &[]);
    let d = &r.json()["drafts"][0];
    assert_eq!(d["draft"]["source"], "-");
    assert!(d["copy_ratio"].as_f64().unwrap() > 0.99, "{d}");
    run(env
        .cmd()
        .args(["check", "-", "--against", "-"])
        .write_stdin(SPEECH))
    .expect(2, &["can be read only once"]);
}

#[test]
fn flags_that_would_match_every_line_or_start_too_many_threads_are_refused() {
    let seed = seed();
    let seed = seed.to_str().unwrap();
    for (args, needle) in [
        (&["scan", seed, "--junk-pattern", ""][..], "--junk-pattern"),
        (
            &["dedup", seed, "--junk-pattern", "a|", "-o", "x"],
            "matches empty text",
        ),
        (&["scan", seed, "--split", "^"], "--split"),
        (&["scan", seed, "--split", "\\b"], "--split"),
        (&["scan", seed, "--junk-pattern", "\\b"], "--junk-pattern"),
        (&["scan", seed, "--threads", "100000"], "--threads"),
        (&["scan", seed, "--threads", "0"], "--threads"),
    ] {
        run(taohua().args(args)).expect(2, &[needle]);
    }
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_run_quietly() {
    let seed = "corpus/kaifaqu-19.txt";
    let draft = "tests/fixtures/check/draft.txt";
    for (args, take, code) in [
        (&["scan", seed, "--format", "json"][..], 100, 0),
        (&["--color", "always", "scan", seed], 0, 0),
        (&["scan", seed, "--format", "html"], 10, 0),
        (&["phrases", seed, "--format", "allowlist"], 1, 0),
        (
            &["check", draft, "--against", seed, "--format", "json"],
            100,
            0,
        ),
        (&["check", draft, "--against", seed], 0, 0),
        (&["check", draft, "--against", seed, "-f", "html"], 10, 0),
        // Findings above the bar, or an input that could not be read, keep
        // their status when the reader goes away.
        (
            &["check", draft, "--against", seed, "--max-copy", "1%"],
            0,
            1,
        ),
        (&["check", draft, "nope.txt", "--against", seed], 0, 2),
    ] {
        // The reader may close before or after the output ends: several runs.
        for _ in 0..3 {
            let (got, stderr) = closed_early(args, take);
            assert_eq!(got, Some(code), "{args:?}: {stderr}");
            assert!(
                !stderr.contains("error") && !stderr.contains("panicked"),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_pattern_for_blank_lines_only_is_not_refused() {
    let seed = seed();
    let r = run(taohua()
        .arg("scan")
        .arg(&seed)
        .args(["--junk-pattern", "^\\s*$", "-f", "json"]));
    r.expect(0, &[]);
    assert_eq!(r.json()["junk"].as_array().unwrap().len(), 5);
}

#[test]
fn a_report_to_dev_stdout_sent_to_a_file_lands_in_the_file() {
    let env = TestEnv::new();
    env.write("c.txt", SPEECH);
    let out = std::fs::File::create(env.path("r.json")).unwrap();
    let status = bin(env.dir.path())
        .args(["scan", "c.txt", "-f", "json", "-o", "/dev/stdout"])
        .stdout(out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let text = env.read("r.json");
    assert!(text.starts_with("{\"version\""), "{text}");
    assert!(std::fs::symlink_metadata("/dev/stdout").is_ok());
}
