//! Fuzz target: see `taohua_fuzz::check`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| taohua_fuzz::check(data));
