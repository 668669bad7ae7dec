//! The one progress bar: on stderr, and only for a person at a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar that the library ticks through [`taohua::scan::Progress`].
/// With `TAOHUA_TIMINGS=1` it also prints how long each stage took, on stderr.
pub struct Bar(
    ProgressBar,
    Option<std::sync::Mutex<(String, std::time::Instant, f64)>>,
);

impl Bar {
    /// A bar that draws only when stderr is a terminal and `visible` is set
    /// (off for machine formats and in CI); timings count from `started`.
    pub fn new(visible: bool, started: std::time::Instant) -> Bar {
        let timings = std::env::var_os("TAOHUA_TIMINGS")
            .is_some_and(|v| v == "1")
            .then(|| {
                // The CPU time of the process so far counts toward the first lap.
                std::sync::Mutex::new((String::from("read"), started, 0.0))
            });
        let show = visible && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !show {
            return Bar(ProgressBar::hidden(), timings);
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{prefix:>11} [{bar:30}] {pos}/{len} {elapsed}")
                .expect("static template")
                .progress_chars("=> "),
        );
        Bar(bar, timings)
    }

    /// Remove the bar from the screen.
    pub fn finish(&self) {
        self.0.finish_and_clear();
        self.lap("done");
    }

    fn lap(&self, next: &str) {
        if let Some(t) = &self.1 {
            let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
            let cpu = cpu_secs().unwrap_or(0.0);
            // Both memory figures from one reading of the status.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let mb = |field| {
                status_mb(&status, field).map_or_else(|| "?".to_string(), |m| m.to_string())
            };
            eprintln!(
                "timing: {:<12} {:>9.1} ms  cpu {:>9.1} ms  rss {:>6} MB  peak {:>6} MB",
                t.0,
                t.1.elapsed().as_secs_f64() * 1000.0,
                (cpu - t.2) * 1000.0,
                mb("VmRSS:"),
                mb("VmHWM:")
            );
            *t = (next.to_string(), std::time::Instant::now(), cpu);
        }
    }
}

/// A memory figure of this process from the text of `/proc/self/status`,
/// such as its resident memory (`VmRSS:`) or the peak of it so far
/// (`VmHWM:`), in MB (Linux; `None` elsewhere, where the text is empty).
fn status_mb(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// CPU time of this process so far, user and system (Linux; `None` elsewhere).
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split_whitespace();
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    // Clock ticks, 100 a second on Linux.
    Some((utime + stime) / 100.0)
}

impl taohua::scan::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        crate::memory::release_freed();
        self.lap(name);
        self.0.set_prefix(name.to_string());
        self.0.set_position(0);
        self.0.set_length(total);
    }
    fn tick(&self, n: u64) {
        self.0.inc(n);
    }
}
