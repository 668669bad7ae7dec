//! `--format html`: one self-contained page that a browser renders.
//!
//! The browser tests run headless Chromium (`/usr/bin/chromium`, or the path in
//! `TAOHUA_CHROMIUM`). In CI (`CI` set; `.ci/run` installs Chromium) a missing
//! browser fails the tests; elsewhere they are skipped with a note, so that
//! `cargo test` passes on a fresh machine. `TAOHUA_SKIP_BROWSER=1` always skips.
//! Screenshots land in `target/html-*.png` for a person to look at.

use crate::util::{doc_id, json, seed, taohua, TestEnv};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A rendered HTML report on disk.
struct Page {
    _env: TestEnv,
    path: PathBuf,
    html: String,
}

impl Page {
    /// Run `taohua ARGS --format html -o report.html` and read the page.
    fn render(args: &[&str]) -> Page {
        Page::render_in(TestEnv::new(), args)
    }

    /// The same in `env` (which holds the inputs the arguments name).
    fn render_in(env: TestEnv, args: &[&str]) -> Page {
        let path = env.path("report.html");
        let out = taohua()
            .args(args)
            .args(["--format", "html", "-o"])
            .arg(&path)
            .output()
            .expect("runs");
        assert!(
            path.exists(),
            "no report written: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = std::fs::read_to_string(&path).expect("UTF-8 page");
        Page {
            _env: env,
            path,
            html,
        }
    }

    /// The embedded report data.
    fn data(&self) -> serde_json::Value {
        self.blob("data")
    }

    /// The JSON blob `<script type="application/json" id=ID>`.
    fn blob(&self, id: &str) -> serde_json::Value {
        let doc = Html::parse_document(&self.html);
        let blob = doc
            .select(&sel(&format!("script#{id}[type=\"application/json\"]")))
            .next()
            .unwrap_or_else(|| panic!("a {id} blob"));
        serde_json::from_str(&blob.text().collect::<String>())
            .unwrap_or_else(|e| panic!("the {id} blob is JSON: {e}"))
    }

    /// The DOM after the page's script ran, with `#fragment` (may be empty);
    /// None when browser tests are skipped.
    fn dom(&self, fragment: &str) -> Option<Html> {
        let out = browser(&self.path, fragment, &["--dump-dom"])?;
        Some(Html::parse_document(&String::from_utf8_lossy(&out)))
    }

    /// Save a screenshot as `target/NAME` (`width`×`height` window).
    fn screenshot(&self, fragment: &str, name: &str, (width, height): (u32, u32)) {
        let png = target_dir().join(name);
        let _ = std::fs::remove_file(&png);
        let shot = format!("--screenshot={}", png.display());
        let size = format!("--window-size={width},{height}");
        if browser(&self.path, fragment, &[&shot, &size]).is_some() {
            assert!(png.exists(), "no screenshot at {}", png.display());
        }
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| crate::util::root().join("target"), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("target dir");
    dir
}

/// Headless Chromium, or None when skipped; fails loudly when absent in CI.
fn chromium() -> Option<PathBuf> {
    if std::env::var("TAOHUA_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("TAOHUA_SKIP_BROWSER=1: browser test skipped");
        return None;
    }
    let candidates = std::env::var_os("TAOHUA_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from));
    let found = candidates.into_iter().find(|p| p.exists());
    if found.is_none() && std::env::var_os("CI").is_none() {
        eprintln!("headless Chromium not installed: browser test skipped (`apt-get install -y chromium fonts-noto-cjk`, or run .ci/run)");
        return None;
    }
    assert!(
        found.is_some(),
        "headless Chromium not found at /usr/bin/chromium (or $TAOHUA_CHROMIUM): install it \
         (`apt-get install -y chromium fonts-noto-cjk`) or set TAOHUA_SKIP_BROWSER=1 to skip browser tests"
    );
    found
}

/// Open `page#fragment` in headless Chromium (fresh profile, no network) with
/// `args`; stdout. None when browser tests are skipped.
fn browser(page: &Path, fragment: &str, args: &[&str]) -> Option<Vec<u8>> {
    let exe = chromium()?;
    let profile = tempfile::tempdir().expect("profile dir");
    let mut url = format!(
        "file://{}",
        page.canonicalize().expect("page path").display()
    );
    if !fragment.is_empty() {
        url = format!("{url}#{fragment}");
    }
    let mut child = Command::new(&exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg("--host-resolver-rules=MAP * ~NOTFOUND")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut { stdout }, &mut buf).map(|_| buf)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.join().expect("reader").expect("chromium stdout");
    assert!(status.success(), "chromium failed ({status}) on {url}");
    Some(out)
}

/// Fail if the page would fetch anything: external scripts, styles, images,
/// frames, fonts, imports or network URLs in attributes, CSS or script.
fn assert_self_contained(html: &str) {
    let doc = Html::parse_document(html);
    let network = |v: &str| {
        let v = v.trim().to_ascii_lowercase();
        v.starts_with("//")
            || v.contains("://")
            || v.starts_with("http:")
            || v.starts_with("https:")
    };
    let url_attrs = [
        "src",
        "href",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "manifest",
        "ping",
        "xlink:href",
        "cite",
        "longdesc",
    ];
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            assert!(
                !(url_attrs.contains(&attr) && network(value)),
                "<{name} {attr}=\"{value}\"> points to the network"
            );
            if attr == "style" {
                assert_css_local(value);
            }
        }
        assert!(
            !(name == "script" && el.value().attr("src").is_some()),
            "external script"
        );
        assert!(
            !matches!(name, "iframe" | "object" | "embed" | "base" | "link"),
            "<{name}> element"
        );
        assert!(
            !(name == "meta" && el.value().attr("http-equiv").is_some()),
            "<meta http-equiv>"
        );
    }
    for style in doc.select(&sel("style")) {
        assert_css_local(&style.text().collect::<String>());
    }
    for script in doc.select(&sel("script:not([type=\"application/json\"])")) {
        let js = script.text().collect::<String>();
        for bad in [
            "http://",
            "https://",
            "fetch(",
            "XMLHttpRequest",
            "import(",
            "WebSocket",
            "EventSource",
            "sendBeacon",
            "new Image",
        ] {
            assert!(!js.contains(bad), "the script uses {bad}");
        }
    }
}

fn assert_css_local(css: &str) {
    let css = css.to_ascii_lowercase();
    assert!(!css.contains("@import"), "CSS @import");
    assert!(!css.contains("://"), "a network URL in CSS");
    for (i, _) in css.match_indices("url(") {
        let arg = css[i + 4..].trim_start_matches(['"', '\'', ' ']);
        assert!(
            arg.starts_with("data:") || arg.starts_with('#'),
            "CSS url( to something else than data: or #: {}",
            &css[i..(i + 60).min(css.len())]
        );
    }
}

/// The texts of the rows of `table` (a CSS selector of a table in the DOM).
fn rows(dom: &Html, table: &str) -> Vec<String> {
    dom.select(&sel(&format!("{table} tbody tr")))
        .map(|tr| tr.text().collect::<String>())
        .collect()
}

/// The ids of 篇四 and 篇五, 篇十六 and 篇十七 in the seed.
fn seed_pairs() -> [(u64, u64); 2] {
    let report = json(taohua().arg("scan").arg(seed()).args(["--format", "json"]));
    [
        (doc_id(&report, "篇四"), doc_id(&report, "篇五")),
        (doc_id(&report, "篇十六"), doc_id(&report, "篇十七")),
    ]
}

fn scan_seed() -> Page {
    Page::render(&["scan", seed().to_str().expect("UTF-8 path")])
}

#[test]
fn scan_page_is_one_self_contained_file() {
    let page = scan_seed();
    assert_self_contained(&page.html);
    eprintln!("seed scan report: {} bytes", page.html.len());
    let data = page.data();
    assert_eq!(data["kind"], "scan");
    assert_eq!(data["docs"].as_array().map(Vec::len), Some(19));
    // The texts of the speeches in a pair, each stored once: the first of a
    // pair as text, the copy as pieces of it (`[doc, start, len]`) and text.
    let texts = page.blob("texts");
    for (a, b) in seed_pairs() {
        for id in [a, b] {
            let t = &texts[id.to_string()];
            assert!(
                t.is_string() || t.is_array(),
                "text of speech {id} embedded for the side-by-side view"
            );
        }
        // `to` is stored as pieces copied from `from`, which is stored as text.
        let copies = |to: u64, from: u64| {
            texts[from.to_string()].is_string()
                && texts[to.to_string()]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p[0].as_u64() == Some(from)))
        };
        assert!(
            copies(b, a) || copies(a, b),
            "one of {a} and {b} stored as pieces of the other"
        );
    }
    // The static summary reads without the script: counts and the two clusters.
    let doc = Html::parse_document(&page.html);
    let summary: String = doc
        .select(&sel("#summary"))
        .flat_map(|s| s.text())
        .collect();
    for want in [
        "讲话",
        "Speeches",
        "重复讲话",
        "Duplicate clusters",
        "篇四",
        "篇五",
        "篇十六",
        "篇十七",
    ] {
        assert!(summary.contains(want), "summary lacks {want}");
    }
    assert!(page.html.contains("@media print"), "print CSS");
}

#[test]
fn scan_page_renders_in_a_browser() {
    let page = scan_seed();
    let Some(dom) = page.dom("") else { return };
    let clusters = rows(&dom, "#clusters table");
    for (a, b) in [("篇四", "篇五"), ("篇十六", "篇十七")] {
        assert!(
            clusters.iter().any(|r| r.contains(a) && r.contains(b)),
            "no cluster row with {a} and {b} in {clusters:?}"
        );
    }
    assert_eq!(
        dom.select(&sel(".js-sec .nojs")).count(),
        0,
        "every section rendered by the script"
    );
    assert!(
        dom.select(&sel("#heatmap canvas")).next().is_some(),
        "similarity map"
    );
    let phrases = rows(&dom, "#phrases table").len();
    assert!(
        (1..=100).contains(&phrases),
        "phrases paged 100 a page, got {phrases}"
    );
    assert!(rows(&dom, "#templates table").len() > 1 && rows(&dom, "#junk table").len() > 1);
    page.screenshot("", "html-scan.png", (1280, 2000));

    for (i, (a, b)) in seed_pairs().into_iter().enumerate() {
        let Some(dom) = page.dom(&format!("pair={a}-{b}")) else {
            return;
        };
        for side in ["A", "B"] {
            let marks: String = dom
                .select(&sel(&format!("#sbs .col[data-side={side}] mark.hl")))
                .flat_map(|m| m.text())
                .collect();
            assert!(
                marks.chars().count() > 1000,
                "side {side} of {a}-{b}: aligned passage highlighted, got {} chars",
                marks.chars().count()
            );
        }
        if i == 0 {
            // 篇五 is 篇四 with names masked: masks and differences are marked.
            assert!(
                dom.select(&sel("#sbs .col[data-side=B] .mask"))
                    .next()
                    .is_some(),
                "masks shown as masks"
            );
            assert!(
                dom.select(&sel("#sbs .col .diff")).next().is_some(),
                "differences inside the passage marked"
            );
            page.screenshot(&format!("pair={a}-{b}"), "html-scan-pair.png", (1280, 1000));
        }
    }
}

/// A draft copying two paragraphs of 篇四 (which 篇五 repeats) and part of
/// 篇十七, with a stock phrase and a sentence of its own.
fn seed_draft(env: &TestEnv) -> PathBuf {
    let seed = std::fs::read_to_string(seed()).expect("seed");
    let lines: Vec<&str> = seed.lines().collect();
    let part: String = lines[371].chars().take(120).collect();
    let draft = [
        "关于推进开发区高质量发展的讲话",
        "",
        lines[53],
        lines[54],
        "今年我们还要在营商环境上下功夫，把审批时限压缩一半，让企业少跑腿。",
        &part,
        "让我们紧密团结在以习近平同志为核心的党中央周围，开拓进取，扎实工作。",
    ]
    .join("\n");
    env.write("draft.txt", draft + "\n")
}

#[test]
fn check_page_renders_in_a_browser() {
    let env = TestEnv::new();
    let draft = seed_draft(&env);
    let page = Page::render_in(
        env,
        &[
            "check",
            draft.to_str().expect("UTF-8"),
            "--against",
            seed().to_str().expect("UTF-8"),
        ],
    );
    assert_self_contained(&page.html);
    assert_eq!(page.data()["kind"], "check");
    let doc = Html::parse_document(&page.html);
    let summary: String = doc
        .select(&sel("#summary"))
        .flat_map(|s| s.text())
        .collect();
    for want in [
        "总文字复制比",
        "去除套话复制比",
        "单篇最大文字复制比",
        "篇四",
    ] {
        assert!(summary.contains(want), "summary lacks {want}");
    }
    let Some(dom) = page.dom("") else { return };
    let copied: String = dom
        .select(&sel("#draft mark.copy"))
        .flat_map(|m| m.text())
        .collect();
    assert!(
        copied.contains("提高政治站位"),
        "copied text marked red: {copied}"
    );
    assert!(
        dom.select(&sel("#draft sup.ref a"))
            .any(|a| a.text().collect::<String>() == "[1]"),
        "passages linked to numbered sources"
    );
    assert!(
        rows(&dom, "#sources table")
            .iter()
            .any(|r| r.contains("篇四")),
        "sources listed"
    );
    page.screenshot("", "html-check.png", (1280, 1600));
    let Some(dom) = page.dom("draft=0&src=1") else {
        return;
    };
    let sides: Vec<String> = dom
        .select(&sel("#sbs .match .col"))
        .map(|c| c.text().collect())
        .collect();
    assert!(
        sides.len() >= 2 && sides[..2].iter().all(|t| t.contains("提高政治站位")),
        "draft and source side by side: {sides:?}"
    );
}

/// `reports/` holds the sample reports of the bundled corpus; regenerate them with
/// `scripts/sample-reports.sh` whenever the renderer or the pipeline changes.
#[test]
fn sample_reports_are_fresh() {
    let env = TestEnv::new();
    let root = crate::util::root();
    let cases: [(&str, Vec<&str>); 2] = [
        (
            "kaifaqu-19-scan.html",
            vec!["scan", "corpus/kaifaqu-19.txt", "--format", "html"],
        ),
        (
            "sample-check.html",
            vec![
                "check",
                "tests/fixtures/check/draft.txt",
                "--against",
                "corpus/kaifaqu-19.txt",
                "--format",
                "html",
            ],
        ),
    ];
    for (name, args) in cases {
        let fresh = env.path(name);
        taohua()
            .current_dir(&root)
            .args(&args)
            .arg("-o")
            .arg(&fresh)
            .assert()
            .success();
        let committed = std::fs::read(root.join("reports").join(name)).unwrap_or_default();
        assert!(
            std::fs::read(&fresh).unwrap() == committed,
            "reports/{name} is stale: run scripts/sample-reports.sh and commit the result"
        );
    }
}
