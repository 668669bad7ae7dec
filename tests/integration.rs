//! One integration-test binary: every module runs the built `taohua` binary.

mod util;

mod bad_args;
mod bad_input;
mod check;
mod check_copies;
mod check_index;
mod check_inserted;
mod check_lists;
mod check_reworded;
mod check_short;
mod ci;
mod ci_roles;
mod dedup;
mod dedup_plan;
mod faults;
mod fuzz_corpus;
mod html;
mod junk;
mod outputs;
mod phrases;
mod properties;
mod scan;
mod scan_inputs;
