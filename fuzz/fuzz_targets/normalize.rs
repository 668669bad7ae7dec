//! Fuzz target: see `taohua_fuzz::normalize`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| taohua_fuzz::normalize(data));
