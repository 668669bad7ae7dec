//! JSON renderer: the report model as the contract in `DESIGN.md` (pretty, one object).

use serde::Serialize;
use std::io::Write;

/// Write any report as pretty JSON with a trailing newline.
pub fn write<T: Serialize>(report: &T, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    writeln!(w)
}
