//! Fuzz target: see `taohua_fuzz::index`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| taohua_fuzz::index(data));
