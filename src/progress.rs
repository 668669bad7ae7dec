//! The one progress bar: on stderr, and only for a person at a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar that the library ticks through [`taohua::scan::Progress`].
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar that draws only when stderr is a terminal and `visible` is set
    /// (off for machine formats and in CI).
    pub fn new(visible: bool) -> Bar {
        let show = visible && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !show {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{prefix:>11} [{bar:30}] {pos}/{len} {elapsed}")
                .expect("static template")
                .progress_chars("=> "),
        );
        Bar(bar)
    }

    /// Remove the bar from the screen.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl taohua::scan::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_prefix(name.to_string());
        self.0.set_position(0);
        self.0.set_length(total);
    }
    fn tick(&self, n: u64) {
        self.0.inc(n);
    }
}
