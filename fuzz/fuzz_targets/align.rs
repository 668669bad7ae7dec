//! Fuzz target: see `taohua_fuzz::align`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| taohua_fuzz::align(data));
