//! Fuzz target: see `taohua_fuzz::ingest`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| taohua_fuzz::ingest(data));
