//! Human renderer of a check: ratios on top, sources numbered, then the draft
//! with copied text in red and boilerplate in yellow (【copied】[n] and 〔boilerplate〕
//! when colour is off).

use super::{clip, Style};
use std::io::{self, Write};
use taohua::report::{CheckReport, DraftReport};

/// Render a check report.
pub fn check(r: &CheckReport, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let st = Style::new(color);
    writeln!(
        w,
        "{}  {}",
        st.bold("taohua check 查重报告"),
        st.dim(&format!(
            "against {}",
            super::counted(r.corpus_documents, "speech", "speeches")
        ))
    )?;
    for s in &r.skipped {
        writeln!(w, "skipped {}: {}", s.path, s.reason)?;
    }
    for d in &r.drafts {
        draft(d, &st, w)?;
    }
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn draft(d: &DraftReport, st: &Style, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w)?;
    writeln!(
        w,
        "{}  {}",
        st.bold(&d.draft.source),
        st.dim(&format!("{} characters", d.draft.chars))
    )?;
    writeln!(
        w,
        "  总文字复制比 total copied              {}",
        st.bold(&pct(d.copy_ratio))
    )?;
    writeln!(
        w,
        "  去除套话复制比 excluding boilerplate    {}",
        st.bold(&pct(d.copy_ratio_excluding_boilerplate))
    )?;
    let top = d
        .max_single_source
        .and_then(|n| d.sources.iter().find(|s| s.number == n));
    let top = top.map_or(String::new(), |s| format!("  [{}] {}", s.number, s.title));
    writeln!(
        w,
        "  单篇最大文字复制比 most from one source {}{}",
        st.bold(&pct(d.max_single_source_ratio)),
        top
    )?;
    if d.sources.is_empty() {
        writeln!(w, "  no copied text found 未发现复制")?;
        return Ok(());
    }
    writeln!(w, "{}", st.bold("  来源 Sources"))?;
    for s in &d.sources {
        writeln!(
            w,
            "  [{}] {:>6}  {}  {}",
            s.number,
            pct(s.ratio),
            s.title,
            st.dim(&s.source)
        )?;
    }
    let copied: Vec<_> = d.paragraphs.iter().filter(|p| p.copy_ratio > 0.0).collect();
    if !copied.is_empty() {
        writeln!(w, "{}", st.bold("  段落 Paragraphs with copied text"))?;
        for p in copied {
            writeln!(
                w,
                "  line {:>4}  {:>6}  {}",
                p.line,
                pct(p.copy_ratio),
                st.dim(&clip(&d.text[p.start..p.end], 30))
            )?;
        }
    }
    let legend = match st.is_on() {
        true => "  全文 Text (red: copied 复制, yellow: boilerplate 套话)",
        false => "  全文 Text (【copied 复制】[source], 〔boilerplate 套话〕)",
    };
    writeln!(w, "{}", st.bold(legend))?;
    writeln!(w, "{}", marked(d, st))
}

/// The draft text with its copied and boilerplate spans marked.
fn marked(d: &DraftReport, st: &Style) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Plain,
        Boiler,
        Copied,
    }
    let text = &d.text;
    let mut mark = vec![Mark::Plain; text.len()];
    for m in &d.matches {
        let want = if m.boilerplate {
            Mark::Boiler
        } else {
            Mark::Copied
        };
        for x in &mut mark[m.draft.start.min(text.len())..m.draft.end.min(text.len())] {
            if *x != Mark::Copied {
                *x = want;
            }
        }
    }
    let mut out = String::new();
    let mut start = 0;
    while start < text.len() {
        let kind = mark[start];
        let mut end = start;
        while end < text.len() && mark[end] == kind {
            end += 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let piece = &text[start..end];
        match kind {
            Mark::Plain => out.push_str(piece),
            Mark::Boiler if st.is_on() => out.push_str(&st.yellow(piece)),
            Mark::Boiler => out.push_str(&format!("〔{piece}〕")),
            Mark::Copied => {
                let mut nums: Vec<usize> = d
                    .matches
                    .iter()
                    .filter(|m| !m.boilerplate && m.draft.start < end && start < m.draft.end)
                    .map(|m| m.source.number)
                    .collect();
                nums.sort_unstable();
                nums.dedup();
                let refs: String = nums.iter().map(|n| format!("[{n}]")).collect();
                if st.is_on() {
                    out.push_str(&st.red(piece));
                    out.push_str(&st.dim(&refs));
                } else {
                    out.push_str(&format!("【{piece}】{refs}"));
                }
            }
        }
        start = end;
    }
    out
}
