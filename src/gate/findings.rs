//! A [`Set`], its [`Config`] and a [`Baseline`] → the [`GateReport`] (see the
//! module contract in [`crate::gate`] for what each check measures).

use super::{
    Baseline, Config, Finding, GateReport, Kind, Level, Location, Place, Role, Scope, Set,
    SpeechRef, Summary, GATE_VERSION,
};
use crate::check::{check_draft, part_index_bytes, CheckOptions, Sources};
use crate::cluster::RelationParams;
use crate::error::Result;
use crate::report::{PairEntry, Passage, ScanReport, Span};
use crate::scan::{scan, ScanOptions};
use crate::store::{Bytes, Index};
use crate::FastSet;

/// Shortest passage of a related pair listed as a location (shorter ones are
/// stray repeats of a phrase, not the copy); passages inside a longer one in
/// the document are left out too.
pub const MIN_PASSAGE_CHARS: usize = 20;

/// The files a report names, as shown to the user.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The config file.
    pub config: String,
    /// The baseline file.
    pub baseline: String,
}

/// Run every check on the set and judge the findings against the baseline.
pub fn run(
    set: &Set,
    cfg: &Config,
    allowlist: &[String],
    baseline: &Baseline,
    names: &Names,
) -> Result<GateReport> {
    let mut findings = copy_findings(set, cfg, allowlist)?;
    let t = &cfg.thresholds;
    if t.similarity.lowest().or(t.containment.lowest()).is_some() || t.junk.is_some() {
        let contained = [t.similarity.lowest(), t.containment.lowest()]
            .into_iter()
            .flatten()
            .fold(RelationParams::default().contained, f64::min);
        let opts = ScanOptions {
            relations: RelationParams {
                contained,
                ..RelationParams::default()
            },
            user_dict: cfg.user_dict.as_ref().map(Into::into),
            junk_patterns: cfg.junk_patterns.clone(),
            // The gate reads the pairs and the junk only.
            phrases: false,
            ..ScanOptions::default()
        };
        let report = scan(&set.corpus, &opts, &())?;
        for p in &report.pairs {
            findings.extend(pair_finding(set, cfg, p));
        }
        findings.extend(junk_findings(set, cfg, &report));
    }
    findings.sort_by(|a, b| {
        let key = |f: &Finding| (f.document.start_line, f.kind, f.key().source);
        a.document
            .path
            .cmp(&b.document.path)
            .then_with(|| key(a).cmp(&key(b)))
    });
    let mut summary = Summary {
        documents: set.corpus.documents.len(),
        new_documents: set.roles.iter().filter(|&&r| r == Role::New).count(),
        ..Summary::default()
    };
    let mut found = FastSet::default();
    for f in &mut findings {
        let key = f.key();
        f.baseline_value = baseline.get(&key).map(|e| e.value);
        f.accepted = baseline.accepts(&key, f.value);
        match (f.accepted, f.level) {
            (true, _) => summary.accepted += 1,
            (false, Level::Fail) => summary.failures += 1,
            (false, Level::Warn) => summary.warnings += 1,
        }
        found.insert(key);
    }
    summary.stale_baseline_entries = baseline
        .entries
        .iter()
        .filter(|e| !found.contains(&e.key()))
        .count();
    Ok(GateReport {
        version: GATE_VERSION,
        config: names.config.clone(),
        baseline: names.baseline.clone(),
        documents: (0..set.corpus.documents.len())
            .map(|d| speech(set, d))
            .collect(),
        findings,
        summary,
        skipped: set.corpus.skipped.clone(),
    })
}

fn speech(set: &Set, id: usize) -> SpeechRef {
    let d = &set.corpus.documents[id];
    SpeechRef {
        path: set.corpus.files[d.file].path.clone(),
        title: d.title.clone(),
        key: set.keys[id].clone(),
        role: set.roles[id],
        start_line: d.start_line,
        end_line: d.end_line,
    }
}

fn pct(x: f64) -> String {
    format!("{}%", crate::report::whole_percent(x))
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

fn excerpt(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t,
    }
}

/// Each new document against an index of every other speech of the set.
fn copy_findings(set: &Set, cfg: &Config, allowlist: &[String]) -> Result<Vec<Finding>> {
    let docs = &set.corpus.documents;
    let new: Vec<usize> = (0..docs.len())
        .filter(|&d| set.roles[d] == Role::New)
        .collect();
    if new.is_empty() || cfg.thresholds.copy.lowest().is_none() || docs.len() < 2 {
        return Ok(Vec::new());
    }
    let corpus = |d: usize| set.roles[d] == Role::Corpus;
    let index = Index::from_bytes(
        Bytes::Owned(part_index_bytes(&set.corpus, &corpus)),
        "(document set)",
    )?;
    let sources = Sources::new(&index);
    let mut out = Vec::new();
    for d in new {
        let opts = CheckOptions {
            allowlist: allowlist.to_vec(),
            exclude: Some(d),
            ..CheckOptions::default()
        };
        let doc = &docs[d];
        let me = speech(set, d);
        let r = check_draft(&me.path, doc.text(), &sources, &opts)?;
        let value = r.copy_ratio_excluding_boilerplate;
        let Some((level, threshold)) = cfg.thresholds.copy.level(value) else {
            continue;
        };
        let main = r.sources.iter().find(|s| s.chars > 0);
        let source = main.map(|s| speech(set, s.document));
        let shift = doc.start_line - 1;
        let locations = r
            .matches
            .iter()
            .filter(|m| !m.boilerplate)
            .map(|m| Location {
                start_line: m.draft.start_line + shift,
                end_line: m.draft.end_line + shift,
                source: Some(Place {
                    path: m.source.source.clone(),
                    title: m.source.title.clone(),
                    start_line: m.source.start_line,
                    end_line: m.source.end_line,
                }),
                chars: letters(&m.text),
                excerpt: excerpt(&m.text),
            })
            .collect();
        let most = match (&source, main) {
            (Some(s), Some(m)) => {
                format!("; most from {} ({})", s.label(), pct(m.ratio))
            }
            _ => String::new(),
        };
        out.push(Finding {
            kind: Kind::Copy,
            level,
            accepted: false,
            message: format!(
                "{} copies {} of its text from the rest of the set (去除套话复制比; {} from {}){most}",
                me.label(),
                pct(value),
                verb(level),
                pct(threshold)
            ),
            document: me,
            source,
            junk: None,
            value,
            threshold,
            baseline_value: None,
            locations,
        });
    }
    Ok(out)
}

fn verb(level: Level) -> &'static str {
    match level {
        Level::Warn => "warn",
        Level::Fail => "fail",
    }
}

/// One finding for a related pair, if it reaches a tier.
fn pair_finding(set: &Set, cfg: &Config, p: &PairEntry) -> Option<Finding> {
    let (a, b) = (p.a, p.b);
    if cfg.scope == Scope::New && set.roles[a] != Role::New && set.roles[b] != Role::New {
        return None;
    }
    let t = &cfg.thresholds;
    let contain = p.a_in_b.max(p.b_in_a);
    let (kind, (level, threshold), value) = match (
        t.similarity.level(p.similarity),
        t.containment.level(contain),
    ) {
        (Some(d), Some(c)) if c.0 > d.0 => (Kind::Contained, c, contain),
        (Some(d), _) => (Kind::NearDuplicate, d, p.similarity),
        (None, Some(c)) => (Kind::Contained, c, contain),
        (None, None) => return None,
    };
    let doc_is_a = match (set.roles[a], set.roles[b]) {
        (Role::New, Role::Corpus) => true,
        (Role::Corpus, Role::New) => false,
        _ if kind == Kind::Contained => p.a_in_b >= p.b_in_a,
        _ => set.keys[a] > set.keys[b],
    };
    let (me, other) = if doc_is_a { (a, b) } else { (b, a) };
    let (doc, source) = (speech(set, me), speech(set, other));
    let inside = if doc_is_a { p.a_in_b } else { p.b_in_a };
    let what = match kind {
        Kind::Contained if inside >= contain => format!("is {} inside", pct(contain)),
        Kind::Contained => format!("holds {} of", pct(contain)),
        _ => format!("is the same speech ({} similar) as", pct(p.similarity)),
    };
    let measure = if kind == Kind::Contained {
        "containment"
    } else {
        "similarity"
    };
    let file_text = set.corpus.documents[me].file_text();
    let side = |ps: &Passage| {
        if doc_is_a {
            (ps.a.clone(), ps.b.clone())
        } else {
            (ps.b.clone(), ps.a.clone())
        }
    };
    let largest = p.passages.iter().map(|ps| ps.chars).max().unwrap_or(0);
    let within = |x: &Span| {
        p.passages
            .iter()
            .map(|o| side(o).0)
            .any(|o| o.start <= x.start && x.end <= o.end && o.end - o.start > x.end - x.start)
    };
    let locations = p
        .passages
        .iter()
        .filter(|ps| ps.chars >= MIN_PASSAGE_CHARS.min(largest) && !within(&side(ps).0))
        .map(|ps| {
            let (mine, theirs) = side(ps);
            Location {
                start_line: mine.start_line,
                end_line: mine.end_line,
                source: Some(Place {
                    path: source.path.clone(),
                    title: source.title.clone(),
                    start_line: theirs.start_line,
                    end_line: theirs.end_line,
                }),
                chars: letters(&file_text[mine.start..mine.end]),
                excerpt: excerpt(&file_text[mine.start..mine.end]),
            }
        })
        .collect();
    Some(Finding {
        kind,
        level,
        accepted: false,
        message: format!(
            "{} {what} {} ({measure}; {} from {})",
            doc.label(),
            source.label(),
            verb(level),
            pct(threshold)
        ),
        document: doc,
        source: Some(source),
        junk: None,
        value,
        threshold,
        baseline_value: None,
        locations,
    })
}

/// One finding per junk text and speech in scope.
fn junk_findings(set: &Set, cfg: &Config, report: &ScanReport) -> Vec<Finding> {
    let Some(level) = cfg.thresholds.junk else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for j in &report.junk {
        let mut docs: Vec<usize> = j.occurrences.iter().filter_map(|o| o.document).collect();
        docs.sort_unstable();
        docs.dedup();
        for d in docs {
            if cfg.scope == Scope::New && set.roles[d] != Role::New {
                continue;
            }
            let me = speech(set, d);
            let locations: Vec<Location> = j
                .occurrences
                .iter()
                .filter(|o| o.document == Some(d))
                .map(|o| Location {
                    start_line: o.line,
                    end_line: o.line,
                    source: None,
                    chars: letters(&j.text),
                    excerpt: excerpt(&j.text),
                })
                .collect();
            out.push(Finding {
                kind: Kind::Junk,
                level,
                accepted: false,
                message: format!(
                    "{} holds site junk «{}» ({})",
                    me.label(),
                    excerpt(&j.text),
                    j.reason
                ),
                document: me,
                source: None,
                junk: Some(j.text.clone()),
                value: locations.len() as f64,
                threshold: 1.0,
                baseline_value: None,
                locations,
            });
        }
    }
    out
}
