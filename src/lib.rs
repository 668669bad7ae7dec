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
mod buckets;
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
pub mod wording;

/// The one hash map type of the crate (fast, not DoS-resistant; iteration order
/// must never reach output: sort first).
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// The one hash set type of the crate.
pub type FastSet<K> = std::collections::HashSet<K, ahash::RandomState>;

/// `parts` (of a hash space) cut into consecutive ranges, one per pass of a
/// job that holds about `per_pass` of its `items` at a time: as many passes as
/// that takes, at least one and at most one per part.
pub(crate) fn pass_ranges(
    items: usize,
    per_pass: usize,
    parts: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let passes = items.div_ceil(per_pass.max(1)).clamp(1, parts.max(1));
    (0..passes).map(move |i| i * parts / passes..(i + 1) * parts / passes)
}

/// The items two sorted lists have in common, counted with repeats (a
/// merge of the two).
pub(crate) fn sorted_common<T: Ord>(x: &[T], y: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many items ahead [`load_ahead`] starts loading one.
const AHEAD: usize = 8;

/// For a loop at item `x` of `items` whose items lead into memory scattered
/// over the corpus: `outer` starts loading what the item `2 × AHEAD` on
/// leads to first (a speech's struct), `inner` what the item `AHEAD` on
/// leads to through it (that struct is in cache by then). Hints only.
#[inline(always)]
pub(crate) fn load_ahead<T>(items: &[T], x: usize, outer: impl FnOnce(&T), inner: impl FnOnce(&T)) {
    if let Some(t) = items.get(x + 2 * AHEAD) {
        outer(t);
    }
    if let Some(t) = items.get(x + AHEAD) {
        inner(t);
    }
}

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
