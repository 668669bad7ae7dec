//! One integration-test binary: every module runs the built `taohua` binary.

mod util;

mod bad_input;
mod check;
mod ci;
mod dedup;
mod html;
mod scan;
