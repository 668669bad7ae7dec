//! Tests of the report model.

use super::*;

#[test]
fn a_shared_text_gives_its_pieces_on_character_boundaries_only() {
    // 乙丙 of 甲乙丙丁 (three bytes a character).
    let t = SharedText::new("甲乙丙丁".into(), 3..9);
    assert_eq!(t.as_str(), "乙丙");
    assert_eq!(t.get(0, 3), Some("乙"));
    assert_eq!(t.get(3, 6), Some("丙"));
    assert_eq!(t.get(0, 6), Some("乙丙"));
    assert_eq!(t.get(6, 6), Some(""));
    assert_eq!(t.get(1, 3), None, "inside a character");
    assert_eq!(t.get(3, 9), None, "past its end, though inside the file");
    assert_eq!(t.get(3, 0), None);
}

#[test]
fn an_occurrence_keeps_its_span() {
    for span in [
        Span {
            document: 7,
            start: 5_000_000_000,
            end: 5_000_000_120,
            start_line: 3,
            end_line: 9,
        },
        Span {
            document: 0,
            start: 0,
            end: 0,
            start_line: 1,
            end_line: 1,
        },
        // The most a start byte and a line count hold.
        Span {
            document: u32::MAX as usize,
            start: (1 << 40) - 1,
            end: (1 << 40) - 1 + u32::MAX as usize,
            start_line: u32::MAX as usize,
            end_line: u32::MAX as usize + (1 << 24) - 1,
        },
    ] {
        let o = Occurrence::new(&span);
        assert_eq!(o.span(), span);
        assert_eq!((o.document(), o.start()), (span.document, span.start));
    }
    // Past them, the most they hold.
    let far = Occurrence::new(&Span {
        document: 1,
        start: 1 << 41,
        end: (1 << 41) + 10,
        start_line: 2,
        end_line: 2 + (1 << 30),
    });
    assert_eq!(far.start(), (1 << 40) - 1);
    assert_eq!(far.span().end, (1 << 40) - 1 + 10);
    assert_eq!(far.span().end_line, 2 + (1 << 24) - 1);
    assert_eq!(std::mem::size_of::<Occurrence>(), 20);
}

#[test]
fn text_of_a_span_is_its_bytes_in_the_speech_or_empty() {
    let file: std::sync::Arc<str> = "标题\n第一篇讲话\n".into();
    let report = ScanReport {
        version: REPORT_VERSION,
        regime: Regime::Exact,
        documents: Vec::new(),
        pairs: Vec::new(),
        clusters: Vec::new(),
        phrases: Vec::new(),
        templates: Vec::new(),
        junk: Vec::new(),
        skipped: Vec::new(),
        stats: Stats::default(),
        texts: vec![SharedText::new(file, 7..23)],
        offsets: vec![7],
    };
    let span = |document, start, end| Span {
        document,
        start,
        end,
        start_line: 2,
        end_line: 2,
    };
    assert_eq!(report.text_of(&span(0, 7, 13)), "第一");
    assert_eq!(report.text_of(&span(0, 7, 22)), "第一篇讲话");
    // before the speech, inside a character, past its end, no such speech
    assert_eq!(report.text_of(&span(0, 0, 6)), "");
    assert_eq!(report.text_of(&span(0, 8, 13)), "");
    assert_eq!(report.text_of(&span(0, 7, 40)), "");
    assert_eq!(report.text_of(&span(1, 7, 13)), "");
}

#[test]
fn shares_near_one_are_not_rounded_to_a_whole() {
    assert_eq!(super::whole_percent(0.9964), "99.6");
    assert_eq!(super::whole_percent(0.9992), "99.9");
    assert_eq!(super::whole_percent(1.0), "100");
    assert_eq!(super::whole_percent(0.957), "96");
}
