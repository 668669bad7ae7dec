//! How a text is written where it occurs: its wordings (the same characters
//! once normalised, with widths, punctuation or script that differ), counted,
//! and the one to show.

/// Most wordings counted; past it a new wording is not counted (the list is
/// searched for each occurrence).
const MAX_WORDINGS: usize = 32;

/// The wordings met, each with its count, in the order first met. A wording
/// is a text (`&str`), or anything that stands for one and compares as it
/// would (see [`Hashed`]).
pub struct Wordings<K>(Vec<(K, usize)>);

impl<K> Default for Wordings<K> {
    fn default() -> Self {
        Wordings(Vec::new())
    }
}

/// A wording known by the hash of its text, with where it was first met: the
/// text is read only for the wording shown. Two are equal when their hashes
/// are (64 bits: two wordings of one phrase that collide are vanishingly rare).
#[derive(Debug, Clone, Copy)]
pub struct Hashed<P> {
    /// The hash of the text.
    pub hash: u64,
    /// Where the text is.
    pub at: P,
}

impl<P> PartialEq for Hashed<P> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
    }
}

impl<K: PartialEq + Copy> Wordings<K> {
    /// Count one occurrence written as `text`.
    pub fn add(&mut self, text: K) {
        self.add_n(text, 1);
    }

    /// Count `n` occurrences written as `text`.
    pub fn add_n(&mut self, text: K, n: usize) {
        let full = self.0.len() >= MAX_WORDINGS;
        match self.0.iter_mut().find(|(t, _)| *t == text) {
            Some((_, m)) => *m += n,
            None if !full => self.0.push((text, n)),
            None => {}
        }
    }

    /// The wording met most often, the first met among equals: a text is
    /// shown as most speeches write it, not as the first one happens to (a
    /// 1954 report in Traditional script, say).
    pub fn most_common(&self) -> Option<K> {
        self.best(|_| true, |a, b| a.1 > b.1)
    }

    /// [`Self::most_common`] of the wordings for which `preferred` holds,
    /// if any does; else of all.
    pub fn most_common_of(&self, preferred: impl Fn(K) -> bool) -> Option<K> {
        self.best(preferred, |a, b| a.1 > b.1)
            .or_else(|| self.most_common())
    }

    /// The best by `better` of the wordings that `keep` holds for.
    fn best(
        &self,
        keep: impl Fn(K) -> bool,
        better: impl Fn((K, usize), (K, usize)) -> bool,
    ) -> Option<K> {
        let mut best: Option<(K, usize)> = None;
        for &w in self.0.iter().filter(|w| keep(w.0)) {
            if best.is_none_or(|b| better(w, b)) {
                best = Some(w);
            }
        }
        best.map(|(t, _)| t)
    }
}

impl<'a> Wordings<&'a str> {
    /// The wording met most often, the least among equals: for occurrences
    /// met in no fixed order.
    pub fn most_common_least(&self) -> &'a str {
        self.best(|_| true, |a, b| a.1 > b.1 || (a.1 == b.1 && a.0 < b.0))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preferred_wording_wins_over_a_more_common_one() {
        let mut w = Wordings::default();
        ["堅持", "堅持", "坚持", "坚持", "坚持", "堅持"]
            .into_iter()
            .for_each(|t| w.add(t));
        w.add("堅持");
        assert_eq!(w.most_common(), Some("堅持"));
        assert_eq!(w.most_common_of(|t| t.starts_with('坚')), Some("坚持"));
        assert_eq!(w.most_common_of(|_| false), Some("堅持"), "none preferred");
    }

    #[test]
    fn the_most_common_wording_wins_and_ties_go_by_order_or_text() {
        let mut w = Wordings::default();
        assert_eq!(w.most_common().unwrap_or_default(), "");
        for t in ["社会事业发展,改善民生", "社会事业发展、改善民生"] {
            w.add(t);
        }
        assert_eq!(
            w.most_common().unwrap_or_default(),
            "社会事业发展,改善民生",
            "a tie: the first"
        );
        assert_eq!(
            w.most_common_least(),
            "社会事业发展,改善民生",
            "a tie: the least"
        );
        w.add("社会事业发展、改善民生");
        assert_eq!(
            w.most_common().unwrap_or_default(),
            "社会事业发展、改善民生"
        );
        assert_eq!(w.most_common_least(), "社会事业发展、改善民生");
        let mut w = Wordings::default();
        for t in ["各位代表！", "各位代表!"] {
            w.add(t);
        }
        assert_eq!(w.most_common().unwrap_or_default(), "各位代表！");
        assert_eq!(w.most_common_least(), "各位代表!");
        w.add_n("各位代表！", 2);
        assert_eq!(w.most_common_least(), "各位代表！");
        // Past the cap a new wording is not counted, however often it comes.
        let many: Vec<String> = (0..MAX_WORDINGS).map(|i| format!("w{i}")).collect();
        let mut w = Wordings::default();
        many.iter().for_each(|t| w.add(t.as_str()));
        (0..5).for_each(|_| w.add("late"));
        assert_eq!(w.most_common().unwrap_or_default(), "w0");
    }

    #[test]
    fn hashed_wordings_count_by_hash_and_keep_where_each_was_first_met() {
        let mut w = Wordings::default();
        assert!(w.most_common().is_none());
        w.add(Hashed { hash: 1, at: 10 });
        w.add(Hashed { hash: 2, at: 20 });
        w.add(Hashed { hash: 2, at: 30 });
        let best = w.most_common().unwrap();
        assert_eq!((best.hash, best.at), (2, 20));
    }
}
