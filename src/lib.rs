//! taohua (套话): find the template text in collections of Chinese speeches.
//!
//! The pipeline, one module per stage, each named after the data it produces:
//!
//! | stage | produces |
//! |---|---|
//! | [`ingest`] | [`ingest::Corpus`]: files, folders and stdin decoded and cut into speeches |
//! | [`normalize`] | [`normalize::Normalized`]: the characters that count, mapped back to bytes |
//! | [`segment`] | paragraphs, sentences and jieba words |
//! | [`fingerprint`] | k-gram hashes, winnowed prints, weighted simhashes |
//! | [`candidates`] | the pairs of speeches worth aligning |
//! | [`align`] | [`align::Chain`]s: shared passages with exact spans |
//! | [`cluster`] | pair relations (near-duplicate, contained) and clusters |
//! | [`phrases`] | stock phrases shared across speeches, grouped with variants |
//! | [`templates`] | sentence skeletons with slots |
//! | [`junk`] | text that essay sites inject |
//! | [`report`] | the one serialisable report model |
//!
//! ```
//! use taohua::{ingest, scan};
//! let mut corpus = ingest::Corpus::default();
//! let text = "汇编\n讲话篇一\n同志们：要全面落实党风廉政建设责任制，确保各项工作落到实处。\n讲话篇二\n同志们：要全面落实党风廉政建设责任制，确保各项工作落到实处。\n";
//! ingest::add_text(&mut corpus, "a.txt".into(), text.into(), "UTF-8", &Default::default());
//! let report = scan::scan(&corpus, &scan::ScanOptions::default(), &()).unwrap();
//! assert_eq!(report.pairs.len(), 1);
//! ```
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod candidates;
pub mod check;
pub mod cluster;
pub mod dedup;
pub mod error;
pub mod fingerprint;
pub mod gate;
pub mod ingest;
pub mod junk;
pub mod normalize;
pub mod phrases;
pub mod report;
pub mod scan;
pub mod segment;
pub mod store;
pub mod templates;
pub mod twins;

/// The one hash map type of the crate (fast, not DoS-resistant; iteration order
/// must never reach output: sort first).
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// The one hash set type of the crate.
pub type FastSet<K> = std::collections::HashSet<K, ahash::RandomState>;

/// Ask the CPU to start loading the cache line that holds `slice[at]`, for a
/// loop about to read scattered memory (nothing when `at` is out of bounds).
/// A hint only: it changes no result.
#[inline(always)]
pub(crate) fn prefetch<T>(slice: &[T], at: usize) {
    if let Some(x) = slice.get(at) {
        prefetch_ref(x);
    }
}

/// [`prefetch`] the cache line that holds `x` (nothing off x86-64).
#[inline(always)]
pub(crate) fn prefetch_ref<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch never faults and reads nothing the program sees;
        // the pointer comes from a reference.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
