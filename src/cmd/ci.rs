//! `taohua ci`: gate a document set (being written; see issue 5).

use super::Ctx;
use crate::cli::CiArgs;
use std::process::ExitCode;

/// Run `ci`.
pub fn run(_args: CiArgs, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("taohua ci is not available in this build yet")
}
