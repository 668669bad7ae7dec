//! The `taohua` command line: parse, run, print the error once, exit.

mod cli;
mod cmd;
mod exit_code;
mod memory;
mod output;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => exit_code::CLEAN.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            exit_code::ERROR.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
