//! Human renderer: a report a person reads at a glance (counts first).

use std::io::{self, Write};
use taohua::cluster::Relation;
use taohua::report::ScanReport;

mod check;
mod ci;
pub use check::check;
pub use ci::ci;

/// ANSI styling that turns itself off.
#[derive(Clone, Copy)]
pub struct Style {
    on: bool,
}

impl Style {
    /// Styling when `on`.
    pub fn new(on: bool) -> Style {
        Style { on }
    }
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    /// Is colour on?
    pub fn is_on(&self) -> bool {
        self.on
    }
    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    /// Red (copied text).
    pub fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    /// Yellow (boilerplate).
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    /// Dim (secondary detail).
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// Cut a text to `n` characters with an ellipsis.
pub fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n).chain(std::iter::once('…')).collect()
    }
}

/// Render a scan report.
pub fn scan(r: &ScanReport, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let st = Style::new(color);
    let name = |id: usize| {
        r.documents
            .get(id)
            .map_or_else(|| id.to_string(), |d| format!("[{}] {}", id, d.title))
    };
    let contained: Vec<_> = r
        .pairs
        .iter()
        .filter(|p| p.relation == Relation::Contained)
        .collect();
    let stock = r
        .phrases
        .iter()
        .filter(|p| p.kind == "stock-phrase")
        .count();
    let passages = r.phrases.iter().filter(|p| p.kind == "passage").count();
    writeln!(w, "{}", st.bold("taohua scan 套话扫描"))?;
    let counts = [
        (r.documents.len(), "speech", "speeches"),
        (r.clusters.len(), "duplicate cluster", "duplicate clusters"),
        (contained.len(), "contained", "contained"),
        (passages, "shared passage", "shared passages"),
        (stock, "stock phrase", "stock phrases"),
        (r.templates.len(), "template", "templates"),
        (r.junk.len(), "junk text", "junk texts"),
    ]
    .map(|(n, one, many)| counted(n, one, many));
    let files = counted(r.stats.files, "file", "files");
    let [speeches, rest @ ..] = counts;
    writeln!(w, "{speeches} in {files} · {}", rest.join(" · "))?;
    writeln!(
        w,
        "{}",
        st.dim(&format!(
            "candidate pairs: {} ({} regime)",
            r.stats.candidate_pairs,
            serde_json::to_string(&r.regime)
                .unwrap_or_default()
                .trim_matches('"')
        ))
    )?;
    for s in &r.skipped {
        writeln!(w, "skipped {}: {}", s.path, s.reason)?;
    }
    section(w, &st, "Duplicate speeches 重复讲话", r.clusters.is_empty())?;
    for c in &r.clusters {
        writeln!(w, "  cluster {}: keep {}", c.id, name(c.representative))?;
        for &d in c.documents.iter().filter(|&&d| d != c.representative) {
            let p = r
                .pairs
                .iter()
                .find(|p| (p.a, p.b) == (d.min(c.representative), d.max(c.representative)));
            let sim = p.map_or(String::new(), |p| {
                format!(
                    "similarity {}%",
                    taohua::report::whole_percent(p.similarity)
                )
            });
            writeln!(w, "    copy {}  {}", name(d), st.dim(&sim))?;
        }
    }
    section(w, &st, "Contained speeches 包含关系", contained.is_empty())?;
    for p in &contained {
        let (inner, outer, share) = if p.a_in_b >= p.b_in_a {
            (p.a, p.b, p.a_in_b)
        } else {
            (p.b, p.a, p.b_in_a)
        };
        writeln!(
            w,
            "  {} is {}% inside {}",
            name(inner),
            taohua::report::whole_percent(share),
            name(outer)
        )?;
    }
    list_phrases(w, &st, r, "passage", "Shared passages 共有段落", 10, 60)?;
    list_phrases(w, &st, r, "stock-phrase", "Stock phrases 套话", 15, 40)?;
    section(w, &st, "Templates 句式模板", r.templates.is_empty())?;
    for t in r.templates.iter().take(10) {
        writeln!(
            w,
            "  {:>3} speeches  {}",
            t.speeches,
            st.yellow(&t.skeleton)
        )?;
        for m in t.members.iter().take(3).filter(|_| !t.slots.is_empty()) {
            writeln!(w, "                {}", st.dim(&clip(&m.text, 50)))?;
        }
    }
    section(w, &st, "Site junk 网站垃圾文字", r.junk.is_empty())?;
    for j in &r.junk {
        let lines: Vec<String> = j
            .occurrences
            .iter()
            .map(|o| format!("{}:{}", o.source, o.line))
            .collect();
        writeln!(
            w,
            "  {}  {}",
            st.red(&clip(&j.text, 40)),
            st.dim(&format!("{} · {}", j.reason, clip(&lines.join(", "), 80)))
        )?;
    }
    Ok(())
}

/// Render the phrases and templates of a scan.
pub fn phrases(r: &ScanReport, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let st = Style::new(color);
    writeln!(w, "{}", st.bold("taohua phrases 套话与模板"))?;
    list_phrases(w, &st, r, "stock-phrase", "Stock phrases 套话", 50, 40)?;
    list_phrases(w, &st, r, "passage", "Shared passages 共有段落", 20, 60)?;
    templates(w, &st, r, 30)
}

fn templates(w: &mut dyn Write, st: &Style, r: &ScanReport, max: usize) -> io::Result<()> {
    section(w, st, "Templates 句式模板", r.templates.is_empty())?;
    for t in r.templates.iter().take(max) {
        writeln!(
            w,
            "  {:>3} speeches  {}",
            t.speeches,
            st.yellow(&t.skeleton)
        )?;
        for (i, slot) in t.slots.iter().enumerate() {
            writeln!(
                w,
                "                slot {}: {}",
                i + 1,
                st.dim(&clip(&slot.join(" | "), 60))
            )?;
        }
    }
    Ok(())
}

/// How the phrase lists name each speech: by what sets its title apart
/// from the others' (`篇十四` of `全市开发区工作会议讲话精神篇十四`) when that
/// is short for every speech, else by its id.
fn short_labels(r: &ScanReport) -> Vec<String> {
    let titles: Vec<Vec<char>> = r
        .documents
        .iter()
        .map(|d| d.title.chars().collect())
        .collect();
    let ids = || r.documents.iter().map(|d| d.id.to_string()).collect();
    let Some(first) = titles.first() else {
        return Vec::new();
    };
    let common = titles.iter().fold(first.len(), |n, t| {
        n.min(first.iter().zip(t).take_while(|(a, b)| a == b).count())
    });
    // The number stays whole, with its mark (`篇十四` of 篇十一…篇十九, `（三）`).
    let mut common = common;
    while common > 0 && "篇第（(【[一二三四五六七八九十百零〇0123456789".contains(first[common - 1])
    {
        common -= 1;
    }
    let rest: Vec<String> = titles
        .iter()
        .map(|t| t[common..].iter().collect())
        .collect();
    let distinct: std::collections::HashSet<&String> = rest.iter().collect();
    let short = |s: &String| (1..=SHORT_LABEL_CHARS).contains(&s.chars().count());
    if titles.len() > 1 && distinct.len() == rest.len() && rest.iter().all(short) {
        rest
    } else {
        ids()
    }
}

/// Longest label [`short_labels`] gives.
const SHORT_LABEL_CHARS: usize = 8;

fn section(w: &mut dyn Write, st: &Style, title: &str, empty: bool) -> io::Result<()> {
    writeln!(w)?;
    writeln!(w, "{}", st.bold(title))?;
    if empty {
        writeln!(w, "  none")?;
    }
    Ok(())
}

fn list_phrases(
    w: &mut dyn Write,
    st: &Style,
    r: &ScanReport,
    kind: &str,
    title: &str,
    max: usize,
    width: usize,
) -> io::Result<()> {
    let list: Vec<_> = r.phrases.iter().filter(|p| p.kind == kind).collect();
    section(w, st, title, list.is_empty())?;
    let labels = short_labels(r);
    // Copies of one speech (a duplicate cluster) count once: they are shown
    // joined, `篇十六=篇十七`.
    let mut cluster_of = vec![usize::MAX; r.documents.len()];
    for c in &r.clusters {
        for &d in &c.documents {
            if let Some(x) = cluster_of.get_mut(d) {
                *x = c.id;
            }
        }
    }
    let cluster = |d: usize| cluster_of.get(d).copied().unwrap_or(usize::MAX);
    for p in list.iter().take(max) {
        // Each speech with the copies of it, in the order the first is met.
        let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
        for &d in &p.documents {
            let label = labels.get(d).cloned().unwrap_or_else(|| d.to_string());
            let c = cluster(d);
            match groups.iter_mut().find(|g| c != usize::MAX && g.0 == c) {
                Some(g) => g.1.push(label),
                None => groups.push((c, vec![label])),
            }
        }
        let docs: Vec<String> = groups.into_iter().map(|g| g.1.join("=")).collect();
        writeln!(
            w,
            "  {:>3} speeches  {:>4} chars  {}  {}",
            p.speeches,
            p.chars,
            st.yellow(&clip(&p.text, width)),
            st.dim(&format!("[{}]", docs.join(",")))
        )?;
        for v in &p.variants {
            writeln!(
                w,
                "                 variant {}",
                st.dim(&clip(&v.text, width))
            )?;
        }
    }
    if list.len() > max {
        let all = match kind {
            "stock-phrase" => "`taohua phrases --format allowlist` lists them all, one a line; --format json with their places",
            _ => "--format json lists them all",
        };
        writeln!(w, "  … and {} more ({all})", list.len() - max)?;
    }
    Ok(())
}

/// `n` and its noun: `1 file`, `2 files`.
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
