//! Exit codes, the contract CI systems read.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | ran; nothing above the thresholds (warnings may be printed) |
//! | 1 | ran; a finding above a threshold (`--max-copy`, the CI fail tier) |
//! | 2 | could not run as asked: bad arguments, unreadable config or index, no input at all; or an input could not be read (it is named on stderr and in the report, the others were processed) |

/// Ran, nothing above the thresholds.
pub const CLEAN: u8 = 0;
/// Ran, findings above a threshold.
pub const FINDINGS: u8 = 1;
/// Could not run, or an input could not be read.
pub const ERROR: u8 = 2;
