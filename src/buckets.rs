//! A counting sort: items laid out by a small integer key (their bucket), in
//! their order within each bucket, with where each bucket starts. Several
//! stages index their data this way: a speech's places by k-gram id, k-grams
//! by their top bits, occurrences by speech, shingles by their top bits.

/// An offset into a list laid out by bucket: `u32` where the buckets are many
/// and the list fits (half the memory), `usize` elsewhere.
pub(crate) trait Offset: Copy + Default + std::ops::AddAssign {
    /// One item.
    const ONE: Self;
    /// As an index.
    fn at(self) -> usize;
}

impl Offset for u32 {
    const ONE: u32 = 1;
    fn at(self) -> usize {
        self as usize
    }
}

impl Offset for usize {
    const ONE: usize = 1;
    fn at(self) -> usize {
        self
    }
}

/// Where each of `buckets` buckets starts in a list laid out by bucket, for
/// items whose buckets are `keys` (each below `buckets`): bucket `b` holds
/// `starts[b]..starts[b + 1]`, and the last entry is the number of items.
pub(crate) fn starts<O: Offset>(buckets: usize, keys: impl IntoIterator<Item = usize>) -> Vec<O> {
    let mut starts = vec![O::default(); buckets + 1];
    // `for_each`, not a `for` loop: the keys are often a `flat_map`, which
    // runs as plain nested loops only when driven from inside.
    keys.into_iter().for_each(|k| starts[k + 1] += O::ONE);
    for b in 1..starts.len() {
        let before = starts[b - 1];
        starts[b] += before;
    }
    starts
}

/// `items`, each `(bucket, item)`, laid out by bucket at `starts` (from
/// [`starts`] of the same buckets), in their order within each bucket;
/// `placed` is told where each item went, in the order of `items`.
pub(crate) fn scatter<O: Offset, T: Copy + Default>(
    starts: &[O],
    items: impl IntoIterator<Item = (usize, T)>,
    mut placed: impl FnMut(usize),
) -> Vec<T> {
    let mut fill = starts.to_vec();
    let mut out = vec![T::default(); starts.last().map_or(0, |n| n.at())];
    items.into_iter().for_each(|(b, item)| {
        let at = fill[b].at();
        out[at] = item;
        fill[b] += O::ONE;
        placed(at);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_laid_out_as_a_stable_sort_by_bucket_lays_them() {
        // Items with buckets drawn from a small generator, some buckets empty.
        let items: Vec<(usize, u32)> = (0..500u32)
            .map(|i| ((i.wrapping_mul(2_654_435_761) >> 7) as usize % 37, i))
            .collect();
        let starts32: Vec<u32> = starts(40, items.iter().map(|x| x.0));
        let starts64: Vec<usize> = starts(40, items.iter().map(|x| x.0));
        assert_eq!(starts32.len(), 41);
        assert_eq!(*starts32.last().unwrap(), 500);
        assert!(starts32
            .iter()
            .map(|&s| s as usize)
            .eq(starts64.iter().copied()));
        let mut placed = Vec::new();
        let out = scatter(&starts32, items.iter().copied(), |at| placed.push(at));
        let mut sorted = items.clone();
        sorted.sort_by_key(|x| x.0);
        assert_eq!(out, sorted.iter().map(|x| x.1).collect::<Vec<_>>());
        for (b, w) in starts32.windows(2).enumerate() {
            assert!(sorted[w[0] as usize..w[1] as usize]
                .iter()
                .all(|x| x.0 == b));
        }
        // Each item was placed where the layout holds it.
        for (i, &at) in placed.iter().enumerate() {
            assert_eq!(out[at], items[i].1);
        }
        let none: Vec<u32> = scatter::<usize, u32>(&starts(3, []), [], |_| ());
        assert!(none.is_empty());
    }
}
