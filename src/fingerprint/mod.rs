//! Normalised text and tokens → fingerprints.
//!
//! * character k-gram hashes over the [`Normalized`](crate::normalize::Normalized)
//!   stream (one per position; windows holding a mask get [`NO_HASH`]), and
//!   winnowing (Schleimer et al. 2003): the minimum hash of every window of `w`
//!   k-grams, so that any shared run of `w + k - 1` characters yields a shared
//!   fingerprint;
//! * a 64-bit weighted simhash (Charikar 2002) over word shingles, where each
//!   feature's weight is its inverse document frequency in the corpus, so stock
//!   wording counts less than the words that make a speech its own.
//!
//! Every hash here is a fixed function of the text: no seed, no per-process state.

mod prints;
mod speeches;

use crate::normalize::{Sym, MASK};
pub use prints::{spread, Prints, MAX_PARTS};
pub use speeches::speech_simhashes;

/// The hash of a k-gram window that holds a mask (such windows never match).
pub const NO_HASH: u64 = 0;

/// Mix 64 bits (the splitmix64 finaliser).
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of every k-gram of `chars` (`chars.len() - k + 1` values, or none).
pub fn kgram_hashes(chars: &[Sym], k: usize) -> Vec<u64> {
    let mut out = Vec::new();
    kgram_hashes_into(chars, k, &mut out);
    out
}

/// [`kgram_hashes`] into `out` (cleared first), so that a caller hashing many
/// speeches reuses one buffer.
pub fn kgram_hashes_into(chars: &[Sym], k: usize, out: &mut Vec<u64>) {
    rolling(chars, k, |h| mix(h) | 1, out)
}

/// Hash of every k-gram of `chars` for seeding an exact match: like
/// [`kgram_hashes`] (masked windows are [`NO_HASH`], equal k-grams hash equal)
/// but without the final mix, so half the multiplications. Its bits are not
/// spread: for lookups that compare the text, not for prints.
pub fn seed_hashes(chars: &[Sym], k: usize) -> Vec<u64> {
    let mut out = Vec::new();
    seed_hashes_into(chars, k, &mut out);
    out
}

/// [`seed_hashes`] written into `out` (cleared first).
pub fn seed_hashes_into(chars: &[Sym], k: usize, out: &mut Vec<u64>) {
    rolling(chars, k, |h| h.max(1), out)
}

/// The polynomial rolling hash of every k-gram of `chars`, each passed through
/// `finish` (which must not give [`NO_HASH`]); masked windows are [`NO_HASH`].
/// Written into `out`, cleared first.
fn rolling(chars: &[Sym], k: usize, finish: impl Fn(u64) -> u64, out: &mut Vec<u64>) {
    out.clear();
    if k == 0 || chars.len() < k {
        return;
    }
    const B: u64 = 0x100_0000_01b3;
    let bk = (0..k).fold(1u64, |acc, _| acc.wrapping_mul(B));
    let mut h = chars[..k - 1]
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(B).wrapping_add(c as u64));
    // Characters since the last mask (a window is masked while fewer than k).
    let mut clean = chars[..k - 1]
        .iter()
        .rev()
        .take_while(|&&c| c != MASK)
        .count();
    out.reserve(chars.len() - k + 1);
    for i in k - 1..chars.len() {
        let c = chars[i];
        // The character leaving the window, weighed off the dependency chain.
        let gone = if i >= k { chars[i - k] as u64 } else { 0 };
        h = h
            .wrapping_mul(B)
            .wrapping_add((c as u64).wrapping_sub(gone.wrapping_mul(bk)));
        clean = if c == MASK { 0 } else { clean + 1 };
        out.push(if clean >= k { finish(h) } else { NO_HASH });
    }
}

/// Winnow `hashes` with window `w`: `(position, hash)` of each window minimum
/// (the rightmost on ties), each selected position once, in order.
pub fn winnow(hashes: &[u64], w: usize) -> Vec<(u32, u64)> {
    let mut out: Vec<(u32, u64)> = Vec::new();
    if hashes.is_empty() || w == 0 {
        return out;
    }
    let key = |h: u64| if h == NO_HASH { u64::MAX } else { h };
    let w = w.min(hashes.len());
    out.reserve(2 * hashes.len() / (w + 1) + 1);
    // `m`: the rightmost minimum of the window ending at `i`; when it leaves
    // the window the window is scanned again (once in about `w` steps).
    let mut m = 0;
    for i in 0..hashes.len() {
        if m + w <= i {
            m = i + 1 - w;
            for j in m + 1..i {
                if key(hashes[j]) <= key(hashes[m]) {
                    m = j;
                }
            }
        }
        if key(hashes[i]) <= key(hashes[m]) {
            m = i;
        }
        if i + 1 >= w && hashes[m] != NO_HASH && out.last().is_none_or(|&(p, _)| p as usize != m) {
            out.push((m as u32, hashes[m]));
        }
    }
    out
}

/// Hash a token string (FNV-1a then mixed; fixed across runs and machines).
pub fn token_hash(token: &str) -> u64 {
    mix(fnv1a(token.bytes().map(u64::from)))
}

/// FNV-1a over a sequence of units (bytes, or characters as their code points).
pub fn fnv1a(units: impl Iterator<Item = u64>) -> u64 {
    units.fold(0xcbf2_9ce4_8422_2325, |h, u| {
        (h ^ u).wrapping_mul(0x100_0000_01b3)
    })
}

/// Hashes of the word shingles (pairs of consecutive tokens) of a token list.
pub fn shingles(tokens: &[&str]) -> Vec<u64> {
    match tokens.len() {
        0 => Vec::new(),
        1 => vec![token_hash(tokens[0])],
        _ => tokens
            .windows(2)
            .map(|w| mix(token_hash(w[0]) ^ token_hash(w[1]).rotate_left(17)))
            .collect(),
    }
}

/// `SIGNS[b][k]` is +1.0 when bit `k` of byte `b` is set, else −1.0.
static SIGNS: [[f32; 8]; 256] = {
    let mut t = [[0f32; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            t[b][k] = if (b >> k) & 1 == 1 { 1.0 } else { -1.0 };
            k += 1;
        }
        b += 1;
    }
    t
};

/// Weighted simhash of `(feature hash, weight)` pairs: bit `b` is set when the
/// weights of features with bit `b` set outweigh those without. The 64 lanes
/// are updated eight at a time from a sign table, so the loop vectorises.
pub fn simhash<I: IntoIterator<Item = (u64, f32)>>(features: I) -> u64 {
    let mut acc = [[0f32; 8]; 8];
    for (h, w) in features {
        for (j, lanes) in acc.iter_mut().enumerate() {
            let signs = &SIGNS[((h >> (8 * j)) & 0xFF) as usize];
            for k in 0..8 {
                lanes[k] += w * signs[k];
            }
        }
    }
    let mut v = 0u64;
    for (j, lanes) in acc.iter().enumerate() {
        for (k, &s) in lanes.iter().enumerate() {
            if s > 0.0 {
                v |= 1 << (8 * j + k);
            }
        }
    }
    v
}

/// Hamming distance of two simhashes.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<Sym> {
        s.chars().map(crate::normalize::sym).collect()
    }

    /// The mask as it stands in a test text (`chars` makes it [`MASK`]).
    const M: char = '\u{E000}';

    #[test]
    fn equal_kgrams_hash_equal_and_masks_never_match() {
        let a = kgram_hashes(&chars("全面落实党风廉政建设责任制"), 5);
        let b = kgram_hashes(&chars("要全面落实党风廉政建设"), 5);
        assert_eq!(a[0], b[1]);
        let m = kgram_hashes(&chars(&format!("全面{M}落实党风")), 3);
        assert_eq!(&m[..3], &[NO_HASH; 3]);
        assert_ne!(m[3], NO_HASH);
    }

    #[test]
    fn seed_hashes_tell_apart_what_kgram_hashes_do() {
        let text = chars(&format!(
            "{}以{}同志为核心的党中央周围{}",
            "全面建设社会主义现代化国家".repeat(3),
            M,
            "团结奋斗团结奋斗"
        ));
        for k in [1, 2, 6, 8] {
            let (seed, full) = (seed_hashes(&text, k), kgram_hashes(&text, k));
            assert_eq!(seed.len(), full.len());
            for i in 0..seed.len() {
                assert_eq!(seed[i] == NO_HASH, full[i] == NO_HASH, "k {k} at {i}");
                for j in 0..seed.len() {
                    assert_eq!(seed[i] == seed[j], full[i] == full[j], "k {k}: {i}, {j}");
                }
            }
        }
    }

    #[test]
    fn winnowing_guarantees_a_shared_print_for_long_runs() {
        let shared = "做到权限能宽则宽手续能简则简";
        let a = chars(&format!("一二三四五六七{shared}"));
        let b = chars(&format!("{shared}甲乙丙丁"));
        let (k, w) = (5, 4);
        let pa: Vec<u64> = winnow(&kgram_hashes(&a, k), w)
            .into_iter()
            .map(|p| p.1)
            .collect();
        let pb: Vec<u64> = winnow(&kgram_hashes(&b, k), w)
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert!(pa.iter().any(|h| pb.contains(h)));
    }

    #[test]
    fn winnowing_selects_the_rightmost_minimum_of_every_window() {
        // Against the definition, on hashes with many ties and masks.
        let mut x = 7u64;
        for len in 0..200 {
            let hashes: Vec<u64> = (0..len)
                .map(|_| {
                    x = mix(x);
                    x % 6
                })
                .collect();
            for w in 1..12 {
                let key = |h: u64| if h == NO_HASH { u64::MAX } else { h };
                let mut want: Vec<(u32, u64)> = Vec::new();
                for end in w.min(len)..=len {
                    let win = end - w.min(len);
                    let m = (win..end).rev().min_by_key(|&j| key(hashes[j]));
                    let Some(m) = m.filter(|&m| hashes[m] != NO_HASH) else {
                        continue;
                    };
                    if want.last().is_none_or(|&(p, _)| p as usize != m) {
                        want.push((m as u32, hashes[m]));
                    }
                }
                assert_eq!(winnow(&hashes, w), want, "{hashes:?} {w}");
            }
        }
    }

    #[test]
    fn simhash_with_unit_weights_equals_the_simhash_crate() {
        // The crate hashes each word with SipHash-1-3 (key 0,0) through `Hash`;
        // with the same feature hashes and weight 1 our bits are the crate's bits.
        use std::hash::{Hash, Hasher};
        let words = "同志们 今天 召开 全市 开发区 工作 会议 主要 任务 是 总结 工作 部署 任务";
        let feature = |w: &str| {
            let mut s = siphasher::sip::SipHasher::default();
            w.hash(&mut s);
            s.finish()
        };
        let ours = simhash(words.split_whitespace().map(|w| (feature(w), 1.0)));
        assert_eq!(ours, ::simhash::simhash(words));
    }

    #[test]
    fn simhash_is_near_for_near_texts_and_weights_matter() {
        let a: Vec<(u64, f32)> = (0..40u64).map(|i| (mix(i), 1.0)).collect();
        let mut b = a.clone();
        b[0] = (mix(999), 1.0);
        assert!(hamming(simhash(a.clone()), simhash(b)) <= 8);
        let far: Vec<(u64, f32)> = (100..140u64).map(|i| (mix(i), 1.0)).collect();
        assert!(hamming(simhash(a), simhash(far)) > 16);
    }
}
