//! Two normalised texts → the passages they share, with exact spans.
//!
//! Seed and extend, then chain: every shared k-gram seeds an exact match that
//! is extended to a maximal exact match (MEM); MEMs are chained co-linearly by
//! dynamic programming (as read mappers do), where a short gap on both sides is
//! an edit (a changed character, a mask standing for a name, punctuation) and a
//! long gap on one side only is a deleted sentence. Each chain is one shared
//! passage. Input: two character streams (see [`crate::normalize`]); output:
//! [`Chain`]s in order of their position in `a`, non-overlapping in `a`.

use crate::fingerprint::{seed_hashes, NO_HASH};
use crate::normalize::MASK;
use crate::FastMap;
use std::ops::Range;

/// Tuning of the aligner.
#[derive(Debug, Clone, Copy)]
pub struct AlignParams {
    /// Seed length in characters.
    pub k: usize,
    /// Largest gap on both sides that always counts as an edit inside a
    /// passage (see `max_subst` for longer ones).
    pub max_gap: usize,
    /// Largest gap on both sides that still counts as changed characters when
    /// the two sides are (nearly) the same length: a stretch where every few
    /// characters were changed leaves no seed, but keeps its length.
    pub max_subst: usize,
    /// Largest gap on one side (with ≤ 3 on the other) bridged as a deletion.
    pub max_skip: usize,
    /// Fewest exactly matching characters a passage must have.
    pub min_matched: usize,
    /// Seeds that occur more often than this in `b` are not used (repeats).
    pub max_occ: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            k: 6,
            max_gap: 12,
            max_subst: 32,
            max_skip: 400,
            min_matched: 12,
            max_occ: 16,
        }
    }
}

/// An exact match: `a[a..a+len] == b[b..b+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Start in `a`.
    pub a: u32,
    /// Start in `b`.
    pub b: u32,
    /// Length.
    pub len: u32,
}

/// One shared passage: a chain of exact blocks with small edits between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The blocks, in order in both texts.
    pub blocks: Vec<Block>,
    /// Characters of `a` covered (blocks plus the edits between them).
    pub a_spans: Vec<Range<usize>>,
    /// Characters of `b` covered.
    pub b_spans: Vec<Range<usize>>,
    /// Exactly matching characters.
    pub matched: usize,
}

impl Chain {
    /// The chain of a text of `len` characters with an identical text.
    pub fn identity(len: usize) -> Chain {
        Chain {
            blocks: vec![Block {
                a: 0,
                b: 0,
                len: len as _,
            }],
            a_spans: std::iter::once(0..len).collect(),
            b_spans: std::iter::once(0..len).collect(),
            matched: len,
        }
    }

    /// The whole extent in `a`.
    pub fn a_range(&self) -> Range<usize> {
        self.a_spans[0].start..self.a_spans[self.a_spans.len() - 1].end
    }
    /// The whole extent in `b`.
    pub fn b_range(&self) -> Range<usize> {
        self.b_spans[0].start..self.b_spans[self.b_spans.len() - 1].end
    }
    /// Covered characters of `a`.
    pub fn a_covered(&self) -> usize {
        self.a_spans.iter().map(|r| r.len()).sum()
    }
    /// Covered characters of `b`.
    pub fn b_covered(&self) -> usize {
        self.b_spans.iter().map(|r| r.len()).sum()
    }
    /// The chain cut at the gaps between its stretches of `a` for which
    /// `cut(gap)` holds (a gap is a range of `a` that only `a` has): one chain
    /// per run of uncut stretches, each with its blocks and their extent in `b`.
    pub fn split_a(&self, cut: impl Fn(Range<usize>) -> bool) -> Vec<Chain> {
        let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
        for r in &self.a_spans {
            match groups.last_mut() {
                Some(g) if !cut(g[g.len() - 1].end..r.start) => g.push(r.clone()),
                _ => groups.push(vec![r.clone()]),
            }
        }
        if groups.len() == 1 {
            return vec![self.clone()];
        }
        groups
            .into_iter()
            .filter_map(|a_spans| {
                let range = a_spans[0].start..a_spans[a_spans.len() - 1].end;
                let blocks: Vec<Block> = self
                    .blocks
                    .iter()
                    .filter(|bl| range.contains(&(bl.a as usize)))
                    .copied()
                    .collect();
                let (first, last) = (blocks.first()?, blocks.last()?);
                let b_spans =
                    std::iter::once(first.b as usize..(last.b + last.len) as usize).collect();
                Some(Chain {
                    matched: blocks.iter().map(|bl| bl.len as usize).sum(),
                    blocks,
                    a_spans,
                    b_spans,
                })
            })
            .collect()
    }

    /// Map a position of `a` inside the chain to the corresponding position of `b`.
    pub fn map_a_to_b(&self, pos: usize) -> usize {
        let mut best = self.blocks[0];
        for bl in &self.blocks {
            if (bl.a as usize) <= pos {
                best = *bl;
            }
        }
        let off = pos.saturating_sub(best.a as usize).min(best.len as usize);
        best.b as usize + off
    }
}

/// The k-gram positions of a text, as hash chains: `head` holds the last
/// position of each bucket, `next` the previous position in the same bucket
/// (no allocation per k-gram, unlike a map of lists).
struct Seeds {
    hashes: Vec<u64>,
    head: Vec<u32>,
    next: Vec<u32>,
    mask: usize,
}

const NONE: u32 = u32::MAX;

impl Seeds {
    fn new(text: &[char], k: usize) -> Seeds {
        let hashes = seed_hashes(text, k);
        let size = (hashes.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut head = vec![NONE; size];
        let mut next = vec![NONE; hashes.len()];
        for (j, &h) in hashes.iter().enumerate() {
            if h != NO_HASH {
                let slot = (h as usize) & mask;
                next[j] = head[slot];
                head[slot] = j as u32;
            }
        }
        Seeds {
            hashes,
            head,
            next,
            mask,
        }
    }

    /// The positions of `h`, ascending, if there are at most `max` of them.
    fn positions(&self, h: u64, max: usize, out: &mut Vec<u32>) -> bool {
        out.clear();
        let mut j = self.head[(h as usize) & self.mask];
        while j != NONE {
            if self.hashes[j as usize] == h {
                if out.len() == max {
                    return false;
                }
                out.push(j);
            }
            j = self.next[j as usize];
        }
        out.reverse();
        true
    }
}

/// The maximal exact match through the seed at `a[i]`, `b[j]` (masks never
/// match), and where it ends in `a`; `None` when fewer than `k` characters
/// match from the seed on (a hash collision).
pub fn grow(a: &[char], b: &[char], i: usize, j: usize, k: usize) -> Option<(Block, usize)> {
    let mut len = 0;
    while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] && a[i + len] != MASK {
        len += 1;
    }
    if len < k {
        return None;
    }
    let (mut s, mut t) = (i, j);
    while s > 0 && t > 0 && a[s - 1] == b[t - 1] && a[s - 1] != MASK {
        s -= 1;
        t -= 1;
    }
    let block = Block {
        a: s as u32,
        b: t as u32,
        len: (i + len - s) as u32,
    };
    Some((block, i + len))
}

/// Maximal exact matches between `a` and `b` seeded by shared k-grams.
pub fn mems(a: &[char], b: &[char], p: &AlignParams) -> Vec<Block> {
    mems_hashed(a, &seed_hashes(a, p.k), b, p)
}

/// [`mems`] given `ha`, the seed hashes of `a` (`seed_hashes(a, p.k)`).
fn mems_hashed(a: &[char], ha: &[u64], b: &[char], p: &AlignParams) -> Vec<Block> {
    let seeds = Seeds::new(b, p.k);
    let mut reach: FastMap<i64, usize> = FastMap::default();
    let mut out = Vec::new();
    let mut list = Vec::new();
    for (i, &h) in ha.iter().enumerate() {
        if h == NO_HASH || !seeds.positions(h, p.max_occ, &mut list) {
            continue;
        }
        for &j in &list {
            let j = j as usize;
            let diag = j as i64 - i as i64;
            if reach.get(&diag).is_some_and(|&end| end > i) {
                continue;
            }
            let Some((block, end)) = grow(a, b, i, j, p.k) else {
                continue; // hash collision
            };
            reach.insert(diag, end);
            out.push(block);
        }
    }
    out.sort_by_key(|m| (m.a, m.b));
    out.dedup();
    out
}

/// All shared passages of `a` and `b`.
pub fn align(a: &[char], b: &[char], p: &AlignParams) -> Vec<Chain> {
    chain(a, b, &mems(a, b, p), p)
}

/// [`align`] of `a` with each of `bs`: `a` is hashed once.
pub fn align_each(a: &[char], bs: &[&[char]], p: &AlignParams) -> Vec<Vec<Chain>> {
    let ha = seed_hashes(a, p.k);
    bs.iter()
        .map(|b| chain(a, b, &mems_hashed(a, &ha, b, p), p))
        .collect()
}

/// Chain sorted MEMs of `a` and `b` into passages (best-scoring chains first,
/// then ordered by `a`).
pub fn chain(a: &[char], b: &[char], mems: &[Block], p: &AlignParams) -> Vec<Chain> {
    let gaps = Gaps { a, b, p };
    const LOOKBACK: usize = 64;
    let n = mems.len();
    let mut score = vec![0f32; n];
    let mut pred = vec![usize::MAX; n];
    for i in 0..n {
        let m = mems[i];
        score[i] = m.len as f32;
        for j in i.saturating_sub(LOOKBACK)..i {
            if let Some((gain, _)) = gaps.link(mems[j], m) {
                let s = score[j] + gain;
                if s > score[i] {
                    score[i] = s;
                    pred[i] = j;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| score[y].total_cmp(&score[x]).then(x.cmp(&y)));
    let mut used = vec![false; n];
    let mut chains = Vec::new();
    let mut taken = Covered::default();
    for end in order {
        if used[end] {
            continue;
        }
        let mut idx = vec![end];
        used[end] = true;
        let mut cur = end;
        while pred[cur] != usize::MAX && !used[pred[cur]] {
            cur = pred[cur];
            used[cur] = true;
            idx.push(cur);
        }
        idx.reverse();
        // Chains may interleave (a reordered sentence sits in the gap a
        // longer chain bridged as a deletion) but never cover the same text:
        // blocks on text already covered are dropped and the chain is cut
        // there, each piece standing on its own.
        let mut pieces: Vec<Vec<Block>> = vec![Vec::new()];
        for &i in &idx {
            match taken.trim(mems[i], p.k) {
                Some(m) => pieces.last_mut().expect("never empty").push(m),
                None => pieces.push(Vec::new()),
            }
        }
        for piece in pieces.into_iter().filter(|v| !v.is_empty()) {
            let c = gaps.build(piece);
            if c.matched < p.min_matched || c.a_spans.iter().any(|r| taken.overlaps(r)) {
                continue;
            }
            for r in &c.a_spans {
                taken.insert(r);
            }
            chains.push(c);
        }
    }
    chains.sort_by_key(|c| (c.a_range().start, c.b_range().start));
    chains
}

/// Disjoint spans of a text already covered by passages, by start → end: an
/// overlap test is one look at the nearest start before the new end (a scan of
/// every taken passage made a draft of one sentence repeated 100 000 times
/// quadratic).
#[derive(Debug, Default)]
pub struct Covered(std::collections::BTreeMap<usize, usize>);

impl Covered {
    /// Does `r` overlap covered text?
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.0
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &t_end)| r.start < t_end)
    }

    /// Cover `r` (which must not overlap covered text).
    pub fn insert(&mut self, r: &Range<usize>) {
        self.0.insert(r.start, r.end);
    }

    /// `m` with its ends cut back off covered text (a maximal match often runs
    /// a character or two into its neighbour's); `None` if covered text lies
    /// inside it or fewer than `k` characters are left.
    fn trim(&self, m: Block, k: usize) -> Option<Block> {
        let (mut s, mut e) = (m.a as usize, (m.a + m.len) as usize);
        if let Some((_, &t_end)) = self.0.range(..=s).next_back() {
            s = s.max(t_end);
        }
        if s + k > e {
            return None;
        }
        if let Some((&t_start, _)) = self.0.range(s..e).next() {
            e = t_start;
        }
        if e < s + k {
            return None;
        }
        let shift = (s - m.a as usize) as u32;
        Some(Block {
            a: m.a + shift,
            b: m.b + shift,
            len: (e - s) as u32,
        })
    }
}

/// The two texts a chain is built on, to tell an edit from text only one side has.
struct Gaps<'t> {
    a: &'t [char],
    b: &'t [char],
    p: &'t AlignParams,
}

impl Gaps<'_> {
    /// Can `next` follow `prev` in a chain? Returns the score gain and the overlap trimmed.
    fn link(&self, prev: Block, next: Block) -> Option<(f32, usize)> {
        let ga = next.a as i64 - (prev.a + prev.len) as i64;
        let gb = next.b as i64 - (prev.b + prev.len) as i64;
        let overlap = (-ga.min(gb)).max(0) as usize;
        if overlap >= next.len as usize || next.a <= prev.a || next.b <= prev.b {
            return None;
        }
        let (ga, gb) = (
            (ga + overlap as i64) as usize,
            (gb + overlap as i64) as usize,
        );
        let (lo, hi) = (ga.min(gb), ga.max(gb));
        let cost = if self.is_edit(prev, ga, gb) {
            0.5 * hi as f32
        } else if lo <= 3 && hi <= self.p.max_skip {
            4.0 + hi as f32 / 20.0
        } else {
            return None;
        };
        Some((next.len as f32 - overlap as f32 - cost, overlap))
    }

    /// Is the gap of `ga` characters of `a` and `gb` of `b` after `prev` an
    /// edit inside a passage (changed, masked or dropped characters) rather
    /// than text only one side has? Short gaps are; longer ones up to
    /// `max_subst` when both sides are (nearly) the same length and at least
    /// half their characters still agree, read from either end (changed
    /// characters keep their places; a word one character longer shifts the
    /// rest by one).
    fn is_edit(&self, prev: Block, ga: usize, gb: usize) -> bool {
        let (lo, hi) = (ga.min(gb), ga.max(gb));
        if hi <= self.p.max_gap {
            return true;
        }
        if hi > self.p.max_subst || hi - lo > 2 {
            return false;
        }
        let sa = (prev.a + prev.len) as usize;
        let sb = (prev.b + prev.len) as usize;
        let (Some(x), Some(y)) = (self.a.get(sa..sa + ga), self.b.get(sb..sb + gb)) else {
            return false;
        };
        let (x, y) = if ga <= gb { (x, y) } else { (y, x) };
        let d = hi - lo;
        let same = |c: char, e: char| c == e || c == MASK || e == MASK;
        // Agreements with the gaps aligned at their starts up to a split, and
        // at their ends after it, for the best split.
        let mut right: usize = (0..lo).filter(|&i| same(x[i], y[i + d])).count();
        let mut best = right;
        let mut left = 0;
        for i in 0..lo {
            left += usize::from(same(x[i], y[i]));
            right -= usize::from(same(x[i], y[i + d]));
            best = best.max(left + right);
        }
        2 * best >= lo
    }

    fn build(&self, blocks: Vec<Block>) -> Chain {
        let p = self.p;
        let mut trimmed: Vec<Block> = Vec::with_capacity(blocks.len());
        for bl in blocks {
            let mut bl = bl;
            if let Some(prev) = trimmed.last() {
                // The overlap the chain was linked with: the block before keeps its
                // end when trimmed, but `link` on its moved start could refuse and
                // leave the two overlapping (found by the align fuzz target).
                let ga = bl.a as i64 - (prev.a + prev.len) as i64;
                let gb = bl.b as i64 - (prev.b + prev.len) as i64;
                let overlap = (-ga.min(gb)).max(0) as usize;
                if overlap >= bl.len as usize {
                    continue;
                }
                bl.a += overlap as u32;
                bl.b += overlap as u32;
                bl.len -= overlap as u32;
            }
            trimmed.push(bl);
        }
        // A gap that is an edit is covered on both sides; a deletion only on the
        // side whose gap is short.
        let (mut a_spans, mut b_spans): (Vec<Range<usize>>, Vec<Range<usize>>) = (vec![], vec![]);
        let mut prev: Option<Block> = None;
        for bl in &trimmed {
            let (sa, sb) = (bl.a as usize, bl.b as usize);
            let (ea, eb) = (sa + bl.len as usize, sb + bl.len as usize);
            let (ja, jb) = match prev {
                Some(q) => {
                    let ga = sa.saturating_sub((q.a + q.len) as usize);
                    let gb = sb.saturating_sub((q.b + q.len) as usize);
                    let edit = self.is_edit(q, ga, gb);
                    (edit || ga <= p.max_gap, edit || gb <= p.max_gap)
                }
                None => (false, false),
            };
            join(&mut a_spans, sa..ea, ja);
            join(&mut b_spans, sb..eb, jb);
            prev = Some(*bl);
        }
        let matched = trimmed.iter().map(|b| b.len as usize).sum();
        Chain {
            blocks: trimmed,
            a_spans,
            b_spans,
            matched,
        }
    }
}

/// Add `r` to `spans`, as part of the last one if `joins`.
fn join(spans: &mut Vec<Range<usize>>, r: Range<usize>, joins: bool) {
    match spans.last_mut() {
        Some(last) if joins => last.end = r.end.max(last.end),
        _ => spans.push(r),
    }
}

/// Grow a chain's ends over characters that still mostly match (X-drop
/// extension: +1 for an equal character or a mask, −2 for a different one, stop
/// when the score falls 4 below its best), so a changed character next to the
/// end of a passage, or a mask at its edge, stays inside it.
pub fn extend_ends(a: &[char], b: &[char], c: &mut Chain) {
    let step = |x: char, y: char| {
        if x == y || x == MASK || y == MASK {
            1
        } else {
            -2
        }
    };
    let (ra, rb) = (c.a_range(), c.b_range());
    let (mut best, mut score, mut best_k) = (0i32, 0i32, 0usize);
    let mut k = 0;
    while k < ra.start && k < rb.start {
        score += step(a[ra.start - k - 1], b[rb.start - k - 1]);
        k += 1;
        if score > best {
            (best, best_k) = (score, k);
        }
        if score < best - 4 {
            break;
        }
    }
    c.a_spans[0].start -= best_k;
    c.b_spans[0].start -= best_k;
    let (mut best, mut score, mut best_k) = (0i32, 0i32, 0usize);
    let mut k = 0;
    while ra.end + k < a.len() && rb.end + k < b.len() {
        score += step(a[ra.end + k], b[rb.end + k]);
        k += 1;
        if score > best {
            (best, best_k) = (score, k);
        }
        if score < best - 4 {
            break;
        }
    }
    let (la, lb) = (c.a_spans.len() - 1, c.b_spans.len() - 1);
    c.a_spans[la].end += best_k;
    c.b_spans[lb].end += best_k;
}

/// Characters of a text of length `n` covered by `spans` (overlaps counted once).
pub fn covered(n: usize, spans: impl IntoIterator<Item = Range<usize>>) -> usize {
    let mut v: Vec<Range<usize>> = spans.into_iter().filter(|r| r.start < r.end).collect();
    v.sort_by_key(|r| r.start);
    let mut total = 0;
    let mut end = 0;
    for r in v {
        let s = r.start.max(end);
        let e = r.end.min(n);
        if e > s {
            total += e - s;
        }
        end = end.max(r.end);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn al(a: &str, b: &str) -> Vec<Chain> {
        align(
            &normalize(a).chars,
            &normalize(b).chars,
            &AlignParams::default(),
        )
    }

    const SRC: &str = "我们要紧密团结在以习近平同志为核心的党中央周围，全面落实党风廉政建设责任制，努力开创开发区工作新局面。";

    #[test]
    fn identical_text_is_one_passage() {
        let c = al(SRC, SRC);
        let n = normalize(SRC).len();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].a_range(), 0..n);
        assert_eq!(c[0].matched, n);
    }

    #[test]
    fn reordered_sentences_are_all_covered() {
        // Real sentences of the seed; the copy moves the second one to the end.
        let s = [
            "这次会议是市委决定召开的一次非常重要的会议。",
            "刚才，会议传达了省和市宣传思想工作会议精神，命名表彰了我市宣传思想战线先进集体和先进个人。",
            "市委对宣传思想战线的工作是满意的。",
            "一年来，宣传思想战线以贯彻落实科学发展观为主线，紧紧围绕全市的中心和大局，唱响主旋律，打好主动仗。",
        ];
        let a = s.concat();
        let b = [s[0], s[2], s[3], s[1]].concat();
        let (na, nb) = (normalize(&a), normalize(&b));
        let c = align(&na.chars, &nb.chars, &AlignParams::default());
        let inside = covered(na.len(), c.iter().flat_map(|c| c.a_spans.clone()));
        assert!(
            inside * 100 >= na.len() * 95,
            "{inside} of {}: {c:?}",
            na.len()
        );
    }

    #[test]
    fn a_stretch_of_changed_characters_stays_inside_the_passage() {
        // Both sides keep their length; every third character of the middle
        // stretch is changed, so no seed of six characters is left in it.
        let a = "我们要紧密团结在以习近平同志为核心的党中央周围，认真研究落实一系列调结构转方式促发展的有效举措，努力开创开发区工作新局面。";
        let b = "我们要紧密团结在以习近平同志为核心的党中央周围，认真研究落甲一系乙调结丙转方丁促发戊的有己举措，努力开创开发区工作新局面。";
        let c = al(a, b);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].a_range(), 0..normalize(a).len());
        // The same length of unrelated text between the two is not bridged.
        let b = "我们要紧密团结在以习近平同志为核心的党中央周围，今年全市粮食总产量再创历史新高农民收入持续增长，努力开创开发区工作新局面。";
        let c = al(a, b);
        assert_eq!(c.len(), 2, "{c:?}");
    }

    #[test]
    fn matches_are_cut_back_off_covered_text() {
        let taken = Covered([(0, 10), (30, 40)].into());
        let m = |a, len| Block { a, b: a + 100, len };
        // One character into the covered text before it: trimmed, and its
        // other side moves with it.
        assert_eq!(taken.trim(m(9, 15), 6), Some(m(10, 14)));
        assert_eq!(taken.trim(m(12, 20), 6), Some(m(12, 18)));
        assert_eq!(taken.trim(m(5, 8), 6), None, "too little left");
        assert_eq!(taken.trim(m(12, 40), 6), Some(m(12, 18)));
        assert_eq!(taken.trim(m(31, 5), 6), None, "inside covered text");
    }

    #[test]
    fn masks_and_changed_characters_stay_inside_one_passage() {
        let edited = "我们要紧密团结在以******同志为核心的党中央周围，全面落实党风廉政建设责任制，努力开创开发区工作新格局。";
        let c = al(edited, SRC);
        assert_eq!(c.len(), 1);
        let n = normalize(edited).len();
        assert_eq!(c[0].a_range().start, 0);
        assert!(c[0].a_range().end >= n - 2, "{:?}", c[0].a_range());
    }

    #[test]
    fn deleted_sentence_is_bridged() {
        let src = "第一句话讲的是开发区的发展成就。第二句话讲的是存在问题和不足之处。第三句话讲的是下一步的工作安排。";
        let draft = "第一句话讲的是开发区的发展成就。第三句话讲的是下一步的工作安排。";
        let c = al(draft, src);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].a_covered(), normalize(draft).len());
        assert_eq!(c[0].b_spans.len(), 2);
    }

    #[test]
    fn unrelated_text_shares_nothing() {
        let other = "为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。";
        assert!(al(other, SRC).is_empty());
    }

    #[test]
    fn ends_grow_over_a_changed_edge_character() {
        let src = normalize("各级党组织要全面落实党风廉政建设责任制确保各项工作落到实处").chars;
        let draft = normalize("各级党备织要全面落实党风廉政建设责任制确保各项工作备到实处").chars;
        let mut c = align(&draft, &src, &AlignParams::default()).remove(0);
        assert_eq!(c.a_range(), 4..draft.len() - 4);
        extend_ends(&draft, &src, &mut c);
        assert_eq!(c.a_range(), 0..draft.len());
    }

    #[test]
    fn covered_counts_overlaps_once() {
        assert_eq!(covered(10, [0..4, 2..6, 8..12]), 8);
    }
}
