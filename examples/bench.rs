//! End-to-end throughput of `taohua scan`, with jieba-rs alone as the yardstick.
//!
//! ```text
//! cargo run --release --example bench -- [--runs N] [--threads N] [--min-docs N|auto] [PATHS...]
//! ```
//!
//! With no paths it reads the seed compilation `corpus/kaifaqu-19.txt`. Each run
//! reads the inputs (`ingest::read_corpus`) and scans them (`scan::scan`) with the
//! default options, through the public library API only; the table gives the
//! median wall time and CPU time (user + system, all threads), throughput in MB/s
//! (10^6 bytes of decoded UTF-8 text per second), per rayon thread and per
//! CPU-second (the figure to trust on a shared machine), and the peak resident
//! memory of the process (VmHWM). In the same process, as a baseline, it loads jieba-rs's default
//! dictionary (`Jieba::new()`) and cuts the same speech texts (`cut`, hmm off) on
//! one thread, so the figures can be quoted as ratios that hold across machines.
//!
//! `--min-docs N` (or `auto`, the rule `taohua scan` applies: one speech in a
//! thousand, at least 2) overrides the one option that differs between the
//! library default and the command line.
//!
//! Runs default to 5, or 1 when the input is over 50 MB. Generated corpora for
//! larger runs: `python3 scripts/gen_corpus.py --mb 100 --out target/bench-corpus-100mb`.
//!
//! `--check INDEX DRAFT...` times `check` instead: each run maps the index
//! afresh (so the blocks a check reads are verified again, as in a new
//! process; the page cache stays warm) and checks every draft (runs default to
//! 20). It prints the median wall time of open + check + unmap per draft, the
//! mean CPU time per run, and what the checks found.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use taohua::check::{check_draft, CheckOptions, Sources};
use taohua::ingest::{read_corpus, IngestOptions};
use taohua::scan::{auto_min_docs, scan, ScanOptions};
use taohua::store::Index;

struct Args {
    paths: Vec<PathBuf>,
    runs: Option<usize>,
    threads: Option<usize>,
    /// `None`: `ScanOptions::default()`; `Some(None)`: the CLI's automatic rule.
    min_docs: Option<Option<usize>>,
    /// `--check INDEX`: time checks of the paths (drafts) against this index.
    check: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!("usage: cargo run --release --example bench -- [--runs N] [--threads N] [--min-docs N|auto] [PATHS...]");
    eprintln!("       cargo run --release --example bench -- --check INDEX [--runs N] [--threads N] DRAFT...");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        paths: Vec::new(),
        runs: None,
        threads: None,
        min_docs: None,
        check: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> usize {
            match it.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => n,
                _ => {
                    eprintln!("bench: {name} needs a positive number");
                    usage()
                }
            }
        };
        match a.as_str() {
            "--runs" => args.runs = Some(number("--runs")),
            "--threads" => args.threads = Some(number("--threads")),
            "--min-docs" => {
                args.min_docs = Some(match it.next().as_deref() {
                    Some("auto") => None,
                    Some(v) => match v.parse() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            eprintln!("bench: --min-docs needs a number or auto");
                            usage()
                        }
                    },
                    None => usage(),
                })
            }
            "--check" => match it.next() {
                Some(p) => args.check = Some(PathBuf::from(p)),
                None => usage(),
            },
            "-h" | "--help" => usage(),
            _ if a.starts_with("--") => {
                eprintln!("bench: unknown option {a}");
                usage()
            }
            _ => args.paths.push(PathBuf::from(a)),
        }
    }
    if args.paths.is_empty() {
        args.paths
            .push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/kaifaqu-19.txt"));
    }
    args
}

/// Peak resident set size of this process so far, in MB (Linux `VmHWM`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time (user + system) of this process so far (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

fn median(xs: &mut [Duration]) -> Duration {
    xs.sort_unstable();
    xs[xs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args = parse_args();
    if let Some(n) = args.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("bench: cannot set {n} threads: {e}");
            std::process::exit(2);
        }
    }
    let threads = rayon::current_num_threads();
    if let Some(index) = &args.check {
        return bench_check(index, &args, threads);
    }
    let ingest = IngestOptions::default();
    let mut options = ScanOptions::default();

    // taohua end to end: read + scan, repeated.
    let mut walls = Vec::new();
    let mut reads = Vec::new();
    let mut cpus = Vec::new();
    let mut input_bytes = 0usize;
    let mut summary = String::new();
    let mut texts: Vec<String> = Vec::new();
    let mut run = 0;
    loop {
        let c0 = cpu_time();
        let t0 = Instant::now();
        let corpus = read_corpus(&args.paths, &ingest);
        if let Some(m) = args.min_docs {
            options.min_docs = m.unwrap_or_else(|| auto_min_docs(corpus.documents.len()));
        }
        let t1 = Instant::now();
        let report = match scan(&corpus, &options, &()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("bench: scan failed: {e}");
                std::process::exit(1);
            }
        };
        let t2 = Instant::now();
        cpus.push(cpu_time().saturating_sub(c0));
        reads.push(t1 - t0);
        walls.push(t2 - t0);
        if run == 0 {
            if corpus.documents.is_empty() {
                eprintln!("bench: no speeches in the input");
                std::process::exit(2);
            }
            input_bytes = corpus.files.iter().map(|f| f.text.len()).sum();
            texts = corpus
                .documents
                .iter()
                .map(|d| d.text().to_string())
                .collect();
            summary = format!(
                "{} files, {} speeches, {} chars; regime {:?}, {} candidate pairs, {} related pairs, {} clusters, {} phrases, {} junk",
                corpus.files.len(),
                corpus.documents.len(),
                report.stats.chars,
                report.regime,
                report.stats.candidate_pairs,
                report.pairs.len(),
                report.clusters.len(),
                report.phrases.len(),
                report.junk.len(),
            );
        }
        drop(report);
        drop(corpus);
        run += 1;
        let want = args
            .runs
            .unwrap_or(if input_bytes > 50_000_000 { 1 } else { 5 });
        eprintln!("bench: run {run}/{want}: {:.0} ms", ms(t2 - t0));
        if run >= want {
            break;
        }
    }
    let runs = walls.len();
    let rss_taohua = peak_rss_mb();
    let mb = input_bytes as f64 / 1e6;
    let wall = median(&mut walls);
    let read = median(&mut reads);
    let cpu = median(&mut cpus);

    // jieba-rs alone: dictionary load and single-thread cut of the same speech texts.
    let mut loads = Vec::new();
    let mut cuts = Vec::new();
    let mut cut_cpus = Vec::new();
    let mut words = 0usize;
    for _ in 0..runs {
        let t0 = Instant::now();
        let jieba = jieba_rs::Jieba::new();
        let t1 = Instant::now();
        let c1 = cpu_time();
        words = texts.iter().map(|t| jieba.cut(t, false).len()).sum();
        let t2 = Instant::now();
        cut_cpus.push(cpu_time().saturating_sub(c1));
        loads.push(t1 - t0);
        cuts.push(t2 - t1);
    }
    let load = median(&mut loads);
    let cut = median(&mut cuts);
    let cut_cpu = median(&mut cut_cpus);
    let rss_all = peak_rss_mb();
    let text_mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;

    let rate = |mb: f64, d: Duration| mb / d.as_secs_f64().max(1e-9);
    let taohua_rate = rate(mb, wall);
    let cut_rate = rate(text_mb, cut);
    println!(
        "input: {} ({mb:.2} MB)",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("       {summary}");
    println!(
        "threads {threads}, runs {runs} (median), min_docs {}",
        options.min_docs
    );
    println!();
    let cell = |x: Option<f64>, prec: usize| x.map_or(String::new(), |v| format!("{v:.prec$}"));
    let row = |what: &str,
               wall: f64,
               cpu: Option<f64>,
               mbs: Option<f64>,
               core: Option<f64>,
               per_cpu: Option<f64>,
               rss: Option<f64>| {
        println!(
            "| {what:<28} | {:>9.1} | {:>9} | {:>7} | {:>9} | {:>8} | {:>11} |",
            wall,
            cell(cpu, 1),
            cell(mbs, 2),
            cell(core, 2),
            cell(per_cpu, 2),
            cell(rss, 0)
        );
    };
    println!(
        "| {:<28} | {:>9} | {:>9} | {:>7} | {:>9} | {:>8} | {:>11} |",
        "what", "median ms", "CPU ms", "MB/s", "MB/s/core", "MB/CPU-s", "peak RSS MB"
    );
    println!(
        "|{:-<30}|{:->11}|{:->11}|{:->9}|{:->11}|{:->10}|{:->13}|",
        "", "", "", "", "", "", ""
    );
    row(
        "taohua read+scan",
        ms(wall),
        Some(ms(cpu)),
        Some(taohua_rate),
        Some(taohua_rate / threads as f64),
        Some(rate(mb, cpu)),
        rss_taohua,
    );
    row(
        "  of which read_corpus",
        ms(read),
        None,
        None,
        None,
        None,
        None,
    );
    row(
        "jieba-rs Jieba::new()",
        ms(load),
        None,
        None,
        None,
        None,
        None,
    );
    row(
        "jieba-rs cut, hmm=false, 1 t",
        ms(cut),
        Some(ms(cut_cpu)),
        Some(cut_rate),
        Some(cut_rate),
        Some(rate(text_mb, cut_cpu)),
        rss_all,
    );
    println!();
    println!(
        "taohua per core = {:.3}x jieba cut (per CPU-second: {:.3}x); taohua wall = {:.1}x (jieba load + 1-thread cut) = {:.1}x jieba load; {words} jieba words",
        taohua_rate / threads as f64 / cut_rate,
        rate(mb, cpu) / rate(text_mb, cut_cpu),
        wall.as_secs_f64() / (load + cut).as_secs_f64().max(1e-9),
        wall.as_secs_f64() / load.as_secs_f64().max(1e-9),
    );
}

/// `--check INDEX DRAFT...`: open + check of each draft, repeated.
fn bench_check(index: &std::path::Path, args: &Args, threads: usize) {
    let fail = |what: &str, e: &dyn std::fmt::Display| -> ! {
        eprintln!("bench: {what}: {e}");
        std::process::exit(1)
    };
    let drafts: Vec<(String, String)> = args
        .paths
        .iter()
        .map(|p| match std::fs::read_to_string(p) {
            Ok(t) => (p.display().to_string(), t),
            Err(e) => fail(&p.display().to_string(), &e),
        })
        .collect();
    let runs = args.runs.unwrap_or(20);
    let opts = CheckOptions::default();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); drafts.len()];
    let mut found = vec![String::new(); drafts.len()];
    let c0 = cpu_time();
    for _ in 0..runs {
        for (k, (name, text)) in drafts.iter().enumerate() {
            let t0 = Instant::now();
            let idx = Index::open(index).unwrap_or_else(|e| fail("index", &e));
            let r = check_draft(name, text, &Sources::new(&idx), &opts)
                .unwrap_or_else(|e| fail(name, &e));
            drop(idx);
            times[k].push(t0.elapsed());
            found[k] = format!(
                "copy {:.4}, without boilerplate {:.4}, single source {:.4}; {} sources, {} matches",
                r.copy_ratio,
                r.copy_ratio_excluding_boilerplate,
                r.max_single_source_ratio,
                r.sources.len(),
                r.matches.len()
            );
        }
    }
    let cpu = cpu_time().saturating_sub(c0);
    println!("index: {}; threads {threads}, runs {runs}", index.display());
    println!(
        "| {:<40} | {:>9} | {:>9} | found",
        "draft", "median ms", "min ms"
    );
    println!("|{:-<42}|{:->11}|{:->11}|------", "", "", "");
    for (k, (name, text)) in drafts.iter().enumerate() {
        let min = *times[k].iter().min().expect("runs > 0");
        let label = format!("{name} ({} KB)", text.len() / 1024);
        println!(
            "| {label:<40} | {:>9.2} | {:>9.2} | {}",
            ms(median(&mut times[k])),
            ms(min),
            found[k]
        );
    }
    println!("CPU per run of all drafts: {:.1} ms", ms(cpu) / runs as f64);
}
