//! One integration-test binary: every module runs the built `taohua` binary.

mod util;

mod scan;
