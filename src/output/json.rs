//! JSON renderer: the report model as the contract in `DESIGN.md` (one object,
//! compact: a large report is hundreds of megabytes, and indentation would be
//! a third of them; pipe through `jq .` to read it).

use serde::Serialize;
use std::io::Write;

/// Write any report as compact JSON with a trailing newline.
pub fn write<T: Serialize>(report: &T, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, report)?;
    writeln!(w)
}
