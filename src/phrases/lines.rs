//! Speeches → their distinct lines, each once for the whole collection with
//! the clusters that hold it.
//!
//! A line is a stretch of a speech's normalised stream between two line
//! breaks; phrase k-grams never cross one (see [`line_cuts`]), so the k-grams
//! a cluster holds are the k-grams of its lines. Collections of speeches
//! repeat whole paragraphs (copied passages, the genre's set pieces, site
//! junk), so counting k-grams over the distinct lines, each weighed by its
//! clusters, hashes far fewer characters than counting them speech by speech.

use super::PHRASE_K;
use crate::normalize::{Normalized, Sym};
use crate::segment::paragraph_breaks;
use rayon::prelude::*;

/// The distinct lines of a collection and the clusters holding each.
pub(super) struct Lines<'a> {
    /// Each distinct line's characters (none shorter than a k-gram).
    text: Vec<&'a [Sym]>,
    /// Where each line's clusters start in `clusters` (one more than lines).
    offsets: Vec<u32>,
    /// The clusters (indexes into the caller's groups) holding each line,
    /// ascending.
    clusters: Vec<u32>,
    /// Where each speech's lines start in `placed` (one more than speeches).
    speech_at: Vec<u32>,
    /// Each speech's lines as `(start, line)`, ascending by start (while
    /// the lines are gathered: `(speech, start, line)` in any order).
    placed: Vec<(u32, u32, u32)>,
}

/// One line of one cluster: its hash, cluster, and where it is.
#[derive(Clone, Copy)]
struct Held {
    hash: u64,
    group: u32,
    doc: u32,
    start: u32,
    end: u32,
}

impl<'a> Lines<'a> {
    /// The distinct lines of `groups` (each a list of speeches that are one
    /// speech), given each speech's stream and its line cuts.
    pub(super) fn new(
        groups: &[Vec<usize>],
        chars_of: &(dyn Fn(usize) -> &'a [Sym] + Sync),
        cuts_of: &(dyn Fn(usize, &mut Vec<usize>) + Sync),
    ) -> Lines<'a> {
        // Seeded afresh each run, so no input can be made to put many lines
        // behind one hash (they would be told apart pair by pair).
        let state = ahash::RandomState::new();
        Lines::with_hash(groups, chars_of, cuts_of, &|line: &[Sym]| {
            state.hash_one(line)
        })
    }

    /// [`Lines::new`] with the hash that groups equal lines (lines behind one
    /// hash are still told apart by their characters).
    fn with_hash(
        groups: &[Vec<usize>],
        chars_of: &(dyn Fn(usize) -> &'a [Sym] + Sync),
        cuts_of: &(dyn Fn(usize, &mut Vec<usize>) + Sync),
        hash: &(dyn Fn(&[Sym]) -> u64 + Sync),
    ) -> Lines<'a> {
        let mut held: Vec<Held> = groups
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |cuts, (g, members)| {
                let mut out = Vec::new();
                for &d in members {
                    let chars = chars_of(d);
                    cuts_of(d, cuts);
                    let mut start = 0;
                    for &end in cuts.iter().chain(std::iter::once(&chars.len())) {
                        if end >= start + PHRASE_K {
                            out.push(Held {
                                hash: hash(&chars[start..end]),
                                group: g as u32,
                                doc: d as u32,
                                start: start as u32,
                                end: end as u32,
                            });
                        }
                        start = end;
                    }
                }
                out
            })
            .flatten_iter()
            .collect();
        held.par_sort_unstable_by_key(|h| (h.hash, h.group));
        let line = |h: &Held| &chars_of(h.doc as usize)[h.start as usize..h.end as usize];
        // Each run of one hash is almost always one line; lines behind one
        // hash are told apart by their characters.
        let parts: Vec<Lines<'a>> = held
            .par_chunk_by(|a, b| a.hash == b.hash)
            .fold(Lines::empty, |mut part, run| {
                let first = line(&run[0]);
                if run.iter().all(|h| line(h) == first) {
                    part.push(first, run);
                } else {
                    let mut apart: Vec<(&'a [Sym], Vec<Held>)> = Vec::new();
                    for h in run {
                        let text = line(h);
                        match apart.iter_mut().find(|(t, _)| *t == text) {
                            Some((_, hs)) => hs.push(*h),
                            None => apart.push((text, vec![*h])),
                        }
                    }
                    for (text, hs) in apart {
                        part.push(text, &hs);
                    }
                }
                part
            })
            .collect();
        drop(held);
        let mut lines = Lines::empty();
        for part in parts {
            let base = lines.clusters.len() as u32;
            let first = lines.text.len() as u32;
            lines.text.extend_from_slice(&part.text);
            lines.clusters.extend_from_slice(&part.clusters);
            lines
                .offsets
                .extend(part.offsets[1..].iter().map(|&o| base + o));
            lines
                .placed
                .extend(part.placed.iter().map(|&(d, s, l)| (d, s, first + l)));
        }
        lines.placed.par_sort_unstable();
        let speeches = groups.iter().flatten().max().map_or(0, |&d| d + 1);
        lines.speech_at =
            crate::buckets::starts(speeches, lines.placed.iter().map(|x| x.0 as usize));
        lines
    }

    fn empty() -> Lines<'a> {
        Lines {
            text: Vec::new(),
            offsets: vec![0],
            clusters: Vec::new(),
            speech_at: Vec::new(),
            placed: Vec::new(),
        }
    }

    /// Add a line, held where `held` says (ascending by cluster).
    fn push(&mut self, text: &'a [Sym], held: &[Held]) {
        let line = self.text.len() as u32;
        let from = self.clusters.len();
        for h in held {
            if self.clusters.len() == from || self.clusters.last() != Some(&h.group) {
                self.clusters.push(h.group);
            }
            self.placed.push((h.doc, h.start, line));
        }
        self.text.push(text);
        self.offsets.push(self.clusters.len() as u32);
    }

    /// The lines of speech `d` (one of the groups'), as `(start in its
    /// stream, line)`, ascending.
    pub(super) fn of_speech(&self, d: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let at = self
            .speech_at
            .get(d..d + 2)
            .map_or(0..0, |a| a[0] as usize..a[1] as usize);
        self.placed[at]
            .iter()
            .map(|&(_, s, l)| (s as usize, l as usize))
    }

    /// Number of distinct lines.
    pub(super) fn len(&self) -> usize {
        self.text.len()
    }

    /// The characters of line `l`.
    pub(super) fn text(&self, l: usize) -> &'a [Sym] {
        self.text[l]
    }

    /// The clusters holding line `l`, ascending.
    pub(super) fn clusters(&self, l: usize) -> &[u32] {
        &self.clusters[self.offsets[l] as usize..self.offsets[l + 1] as usize]
    }

    /// Characters of all distinct lines.
    pub(super) fn chars(&self) -> usize {
        self.text.iter().map(|t| t.len()).sum()
    }
}

/// Where a speech's stream is cut into lines, into `cuts` (cleared first): at
/// each paragraph break of the text (a hard-wrapped line is no break: see
/// [`paragraph_breaks`]) that falls between two characters of the stream,
/// the index of the character after it, ascending.
pub(super) fn line_cuts(text: &str, n: &Normalized, cuts: &mut Vec<usize>) {
    cuts.clear();
    // A line break sits between two characters (never inside one's input).
    for at in paragraph_breaks(text) {
        let i = n.starting_before(at);
        if i == 0 || i == n.len() || cuts.last() == Some(&i) {
            continue;
        }
        cuts.push(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Speeches as lists of lines; each speech's stream and cuts.
    fn streams(speeches: &[Vec<&str>]) -> (Vec<Vec<Sym>>, Vec<Vec<usize>>) {
        let mut chars = Vec::new();
        let mut cuts = Vec::new();
        for lines in speeches {
            let mut c: Vec<Sym> = Vec::new();
            let mut k = Vec::new();
            for l in lines {
                if !c.is_empty() {
                    k.push(c.len());
                }
                c.extend(l.chars().map(crate::normalize::sym));
            }
            chars.push(c);
            cuts.push(k);
        }
        (chars, cuts)
    }

    fn listed<'a>(lines: &Lines<'a>) -> Vec<(String, Vec<u32>)> {
        let mut v: Vec<(String, Vec<u32>)> = (0..lines.len())
            .map(|l| {
                let t = lines.text(l).iter().map(|&s| crate::normalize::sym_char(s));
                (t.collect(), lines.clusters(l).to_vec())
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn each_line_is_listed_once_with_its_clusters() {
        let speeches = vec![
            vec!["全面建设社会主义现代化国家", "深化改革开放不断推进"],
            vec!["全面建设社会主义现代化国家", "深化改革开放不断推进"],
            vec!["深化改革开放不断推进", "短行", "全面建设社会主义现代化国家"],
            vec!["坚持以人民为中心的发展思想"],
        ];
        let (chars, cuts) = streams(&speeches);
        // Speeches 0 and 1 are one speech: cluster 0.
        let groups = vec![vec![0, 1], vec![2], vec![3]];
        let chars_of = |d: usize| &chars[d][..];
        let cuts_of = |d: usize, out: &mut Vec<usize>| out.clone_from(&cuts[d]);
        let want = vec![
            ("全面建设社会主义现代化国家".to_string(), vec![0, 1]),
            ("坚持以人民为中心的发展思想".to_string(), vec![2]),
            ("深化改革开放不断推进".to_string(), vec![0, 1]),
        ];
        let lines = Lines::new(&groups, &chars_of, &cuts_of);
        assert_eq!(
            listed(&lines),
            want,
            "a line shorter than a k-gram is left out"
        );
        // Every line behind one hash: still told apart by its characters.
        let collide = Lines::with_hash(&groups, &chars_of, &cuts_of, &|_: &[Sym]| 7);
        assert_eq!(listed(&collide), want);
        assert_eq!(collide.chars(), 13 + 13 + 10);
    }

    #[test]
    fn cuts_fall_at_line_breaks_between_characters() {
        let text = "\n甲乙丙。\r\n\n丁戊\n\n己\n";
        let n = crate::normalize::normalize(text);
        let mut cuts = Vec::new();
        line_cuts(text, &n, &mut cuts);
        assert_eq!(
            cuts,
            [3, 5],
            "once per break between characters, none at the ends"
        );
    }
}
