//! Unit tests of the HTML renderer on a small hand-made check report (until
//! `taohua check` exists end to end). The page is also written to
//! `target/html-check.html` so a person can open it.

use super::*;
use taohua::report::{
    DraftInfo, DraftReport, DraftSpan, MatchEntry, ParagraphEntry, SourceEntry, SourceSpan,
};

const DRAFT: &str = "同志们：\n今年以来，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央决策部署，开发区建设取得新成效。\n\
开发区是区域经济发展的重要引擎，要着力优化营商环境，推动产业集聚发展，打造高质量发展的主阵地。\n\
这次会议的主要任务是总结工作、部署任务，动员全区上下真抓实干。\n";

fn span(text: &str, part: &str) -> (usize, usize) {
    let start = text.find(part).expect("part of the draft");
    (start, start + part.len())
}

fn entry(
    part: &str,
    source_text: &str,
    number: usize,
    boilerplate: bool,
    similarity: f64,
) -> MatchEntry {
    let (start, end) = span(DRAFT, part);
    let line = DRAFT[..start].matches('\n').count() + 1;
    MatchEntry {
        draft: DraftSpan {
            start,
            end,
            start_line: line,
            end_line: line,
        },
        source: SourceSpan {
            document: number + 10,
            number,
            source: "corpus/kaifaqu-19.txt".into(),
            title: format!("全市开发区工作会议讲话精神篇{}", ["一", "二"][number - 1]),
            start: 1000 * number,
            end: 1000 * number + source_text.len(),
            start_line: 40 + number,
            end_line: 40 + number,
        },
        similarity,
        boilerplate,
        text: part.into(),
        source_text: source_text.into(),
    }
}

/// A draft copying one passage (with a masked name in the source) and one stock phrase.
pub(crate) fn sample() -> CheckReport {
    let copied = "开发区是区域经济发展的重要引擎，要着力优化营商环境，推动产业集聚发展";
    let stock = "以习近平新时代中国特色社会主义思想为指导";
    let matches = vec![
        entry(
            stock,
            "以******新时代中国特色社会主义思想为指导",
            2,
            true,
            0.8,
        ),
        entry(
            copied,
            "xx开发区是区域经济发展的重要引擎，要着力优化营商环境，加快推动产业集聚发展",
            1,
            false,
            0.93,
        ),
    ];
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for (i, line) in DRAFT.split_inclusive('\n').enumerate() {
        let chars = line.chars().filter(|c| c.is_alphanumeric()).count();
        let copied_here = if line.contains(copied) {
            copied.chars().filter(|c| c.is_alphanumeric()).count()
        } else {
            0
        };
        paragraphs.push(ParagraphEntry {
            line: i + 1,
            start: at,
            end: at + line.trim_end().len(),
            chars,
            copy_ratio: copied_here as f64 / chars.max(1) as f64,
        });
        at += line.len();
    }
    let chars = DRAFT.chars().filter(|c| c.is_alphanumeric()).count();
    let copied_chars = copied.chars().filter(|c| c.is_alphanumeric()).count();
    let stock_chars = stock.chars().filter(|c| c.is_alphanumeric()).count();
    let source = |number: usize, ratio: f64, chars: usize| SourceEntry {
        number,
        document: number + 10,
        source: "corpus/kaifaqu-19.txt".into(),
        title: format!("全市开发区工作会议讲话精神篇{}", ["一", "二"][number - 1]),
        ratio,
        chars,
    };
    CheckReport {
        version: taohua::report::REPORT_VERSION,
        corpus_documents: 19,
        drafts: vec![DraftReport {
            draft: DraftInfo {
                source: "draft.txt".into(),
                chars,
            },
            copy_ratio: (copied_chars + stock_chars) as f64 / chars as f64,
            copy_ratio_excluding_boilerplate: copied_chars as f64 / chars as f64,
            max_single_source_ratio: copied_chars as f64 / chars as f64,
            max_single_source: Some(1),
            sources: vec![
                source(1, copied_chars as f64 / chars as f64, copied_chars),
                source(2, 0.0, 0),
            ],
            matches,
            paragraphs,
            text: DRAFT.into(),
        }],
        skipped: vec![],
    }
}

fn render_check(r: &CheckReport) -> String {
    let mut out = Vec::new();
    check(r, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn check_page_is_self_contained_and_carries_its_data() {
    let html = render_check(&sample());
    let _ = std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/html-check.html"),
        &html,
    );
    for label in [
        "总文字复制比",
        "去除套话复制比",
        "单篇最大文字复制比",
        "Copy ratio",
    ] {
        assert!(html.contains(label), "missing {label}");
    }
    assert!(
        !html.contains("http:") && !html.contains("https:"),
        "no network URL"
    );
    let open = "<script type=\"application/json\" id=\"data\">";
    let start = html.find(open).expect("data blob") + open.len();
    let end = start + html[start..].find("</script>").expect("blob ends");
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("blob is JSON");
    assert_eq!(data["kind"], "check");
    assert_eq!(data["texts"][0], DRAFT);
    assert_eq!(
        data["report"]["drafts"][0]["matches"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn data_blob_cannot_close_its_script() {
    let mut r = sample();
    r.drafts[0].draft.source = "</script><script>alert(1)</script><!--".into();
    let html = render_check(&r);
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the data blob and the page script"
    );
    assert!(!html.contains("<!--"));
    let start = html.find("id=\"data\">").expect("blob") + 10;
    let end = start + html[start..].find("</script>").expect("end");
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON");
    assert_eq!(
        data["report"]["drafts"][0]["draft"]["source"],
        "</script><script>alert(1)</script><!--"
    );
}

#[test]
fn short_titles_drop_the_shared_prefix() {
    let t = [
        "全市开发区工作会议讲话精神篇四",
        "全市开发区工作会议讲话精神篇十六",
        "全市开发区工作会议讲话精神篇五",
    ];
    assert_eq!(scan_summary::short_titles(&t), ["篇四", "篇十六", "篇五"]);
    assert_eq!(
        scan_summary::short_titles(&["a.txt", "b.txt"]),
        ["a.txt", "b.txt"]
    );
    assert_eq!(scan_summary::short_titles(&["讲话"]), ["讲话"]);
}

/// A scan report of 10 000 speeches (2 000 near-duplicate pairs, 5 000 phrases),
/// written to `target/html-scan-big.html` to try the page at scale:
/// `cargo test --bin taohua big_scan_page -- --ignored`.
#[test]
#[ignore]
fn big_scan_page() {
    use taohua::report::*;
    const N: usize = 10_000;
    let words = [
        "发展",
        "改革",
        "建设",
        "经济",
        "开发区",
        "推进",
        "全面",
        "工作",
        "创新",
        "企业",
        "项目",
        "党建",
        "落实",
        "群众",
        "服务",
    ];
    let mut seed = 42u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let texts: Vec<String> = (0..N)
        .map(|_| {
            (0..400)
                .map(|i| {
                    if i % 17 == 16 {
                        "。\n".to_string()
                    } else {
                        words[next() % words.len()].to_string()
                    }
                })
                .collect()
        })
        .collect();
    let span = |d: usize, t: &str| Span {
        document: d,
        start: 0,
        end: t.len(),
        start_line: 1,
        end_line: t.lines().count(),
    };
    let documents = (0..N)
        .map(|i| DocumentEntry {
            id: i,
            source: format!("corpus/f{:03}.txt", i / 100),
            title: format!("讲话第{i}篇"),
            start_line: 1,
            end_line: 24,
            chars: 1200,
            masks: 0,
        })
        .collect();
    let pairs: Vec<PairEntry> = (0..2000)
        .map(|k| (5 * k, 5 * k + 1))
        .map(|(a, b)| PairEntry {
            a,
            b,
            relation: taohua::cluster::Relation::NearDuplicate,
            similarity: 0.9,
            a_in_b: 0.95,
            b_in_a: 0.93,
            simhash_distance: 3,
            passages: vec![Passage {
                a: span(a, &texts[a]),
                b: span(b, &texts[b]),
                chars: 1000,
            }],
        })
        .collect();
    let clusters = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| ClusterEntry {
            id: i + 1,
            documents: vec![p.a, p.b],
            representative: p.a,
        })
        .collect();
    let phrases = (0..5000)
        .map(|k| PhraseEntry {
            text: format!("全面推进开发区建设第{k}条"),
            kind: if k % 3 == 0 {
                "passage".into()
            } else {
                "stock-phrase".into()
            },
            documents: (0..10).map(|j| (k + j * 997) % N).collect(),
            speeches: 10,
            chars: 12,
            occurrences: (0..10)
                .map(|j| {
                    Occurrence::new(&Span {
                        document: (k + j * 997) % N,
                        start: 0,
                        end: 12,
                        start_line: 1,
                        end_line: 1,
                    })
                })
                .collect(),
            variants: vec![],
        })
        .collect();
    let r = ScanReport {
        version: REPORT_VERSION,
        regime: taohua::candidates::Regime::Indexed,
        documents,
        pairs,
        clusters,
        phrases,
        templates: vec![],
        junk: vec![],
        skipped: vec![],
        stats: Stats {
            files: 100,
            documents: N,
            chars: N * 1200,
            candidate_pairs: 2500,
            comparisons: 0,
        },
        texts: texts.into_iter().map(Into::into).collect(),
        offsets: vec![0; N],
    };
    let mut out = Vec::new();
    let t = std::time::Instant::now();
    scan(&r, &mut out).expect("renders");
    eprintln!("{} bytes in {:?}", out.len(), t.elapsed());
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/html-scan-big.html"),
        out,
    )
    .expect("written");
}
