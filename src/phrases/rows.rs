//! Shared k-grams → where they are: each distinct line's row of shared
//! k-grams as `(position, id)`, a representative's row as its lines' rows
//! placed where the lines stand, and for each wanted shared k-gram where it
//! starts in every representative.
//!
//! A k-gram never reaches across a line break, so a speech's row is its
//! lines' rows side by side: it is read through the lines rather than held
//! (a line of a large collection stands in many speeches).

use super::count::Shared;
use super::lines::Lines;
use super::PHRASE_K;
use crate::buckets;
use crate::fingerprint::{kgram_hashes, kgram_hashes_into};
use crate::normalize::{Normalized, Sym};
use rayon::prelude::*;

/// The shared k-grams of every distinct line, as `(position in the line, id)`
/// ascending.
pub(super) struct Rows<'l, 'a> {
    lines: &'l Lines<'a>,
    rows: Vec<Vec<(u32, u32)>>,
}

impl<'l, 'a> Rows<'l, 'a> {
    pub(super) fn new(lines: &'l Lines<'a>, shared: &Shared) -> Rows<'l, 'a> {
        let rows = (0..lines.len())
            .into_par_iter()
            .map_init(Vec::new, |hashes, l| {
                kgram_hashes_into(lines.text(l), PHRASE_K, hashes);
                shared.shared_at(hashes)
            })
            .collect();
        Rows { lines, rows }
    }

    /// The row of line `l`.
    pub(super) fn line(&self, l: usize) -> &[(u32, u32)] {
        &self.rows[l]
    }

    /// The row of speech `d` (one of the groups'), as `(position in its
    /// stream, id)` ascending.
    pub(super) fn of_speech(&self, d: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.lines.of_speech(d).flat_map(move |(start, l)| {
            self.rows[l]
                .iter()
                .map(move |&(pos, id)| (start as u32 + pos, id))
        })
    }

    /// Each line that stands in one of `speeches`, once, where it first
    /// stands (in the order of `speeches`, then of the lines in each):
    /// `(speech, start in its stream, line)`.
    pub(super) fn first_places(&self, speeches: &[usize]) -> Vec<(usize, usize, usize)> {
        let mut seen = vec![false; self.lines.len()];
        let mut out = Vec::new();
        for &d in speeches {
            for (start, l) in self.lines.of_speech(d) {
                if !std::mem::replace(&mut seen[l], true) {
                    out.push((d, start, l));
                }
            }
        }
        out
    }
}

/// Where each wanted shared k-gram starts in the representatives, as
/// `(document, position)`, in the order of the representatives and then of
/// the positions: one index per run of representatives, made on a thread of
/// its own, and a k-gram's places are its places in each run, run after run.
pub(super) struct Positions {
    runs: Vec<Run>,
}

/// The places of the wanted k-grams in one run of representatives.
struct Run {
    offsets: Vec<u32>,
    at: Vec<(u32, u32)>,
}

impl Positions {
    /// Index the shared k-grams of each representative of `reps` whose ids
    /// are `wanted` (the others get no places), a run a thread.
    pub(super) fn new(shared: &Shared, reps: &[usize], rows: &Rows, wanted: &[bool]) -> Positions {
        Positions::in_runs(shared, reps, rows, wanted, rayon::current_num_threads())
    }

    /// [`Positions::new`] with `reps` cut into `runs` runs.
    fn in_runs(
        shared: &Shared,
        reps: &[usize],
        rows: &Rows,
        wanted: &[bool],
        runs: usize,
    ) -> Positions {
        let per_run = reps.len().div_ceil(runs.max(1)).max(1);
        Positions {
            runs: reps
                .par_chunks(per_run)
                .map(|run| Run::new(shared.len(), run, rows, wanted))
                .collect(),
        }
    }

    /// Where the k-gram with id `id` starts (nowhere if it is not shared),
    /// a run at a time.
    pub(super) fn of(&self, id: u32) -> impl Iterator<Item = &[(u32, u32)]> {
        self.runs.iter().map(move |r| r.of(id))
    }
}

impl Run {
    /// The places of the `wanted` of `ids` shared k-grams in `reps`.
    fn new(ids: usize, reps: &[usize], rows: &Rows, wanted: &[bool]) -> Run {
        let places = || {
            reps.iter().flat_map(|&d| {
                rows.of_speech(d)
                    .filter(|x| wanted[x.1 as usize])
                    .map(move |(pos, id)| (id as usize, (d as u32, pos)))
            })
        };
        let offsets: Vec<u32> = buckets::starts(ids, places().map(|x| x.0));
        let at = buckets::scatter(&offsets, places(), |_| ());
        Run { offsets, at }
    }

    fn of(&self, id: u32) -> &[(u32, u32)] {
        match self.offsets.get(id as usize + 1) {
            Some(&end) => &self.at[self.offsets[id as usize] as usize..end as usize],
            None => &[],
        }
    }
}

/// The k-gram of `k` held by the fewest clusters (the first of those): its
/// offset in `k` and its shared id.
pub(super) fn rarest(k: &[Sym], shared: &Shared) -> Option<(usize, u32)> {
    let ids = shared.ids(&kgram_hashes(k, PHRASE_K));
    let shift = (0..ids.len()).min_by_key(|&i| (shared.count(ids[i]), i))?;
    Some((shift, ids[shift]))
}

/// Every (document, start) in the representatives where `k` (a run of shared
/// k-grams) occurs: looked up through its `rarest` k-gram (see [`rarest`]), so
/// the work is proportional to how often the phrase occurs. An occurrence
/// that overlaps the one before it in its speech is not one: text that
/// repeats itself (`甲乙甲乙甲乙…`) holds a long phrase at every turn, and
/// listing each would take the square of the text (a sentence written 30 000
/// times holding one written 1 000 times: a report of 2 GB).
pub(super) fn locate(
    k: &[Sym],
    rarest: Option<(usize, u32)>,
    positions: &Positions,
    norms: &[&Normalized],
) -> Vec<(usize, usize)> {
    let Some((shift, id)) = rarest else {
        return Vec::new();
    };
    let mut places: Vec<(u32, u32)> = positions
        .of(id)
        .flatten()
        .filter_map(|&(d, p)| Some((d, p.checked_sub(shift as u32)?)))
        .collect();
    places.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    // The speech of the last occurrence, and where it ends.
    let mut free = (u32::MAX, 0);
    for (x, &(d, p)) in places.iter().enumerate() {
        // The speeches lie scattered in memory: load each one's stream
        // and then its characters while earlier ones are compared.
        crate::load_ahead(
            &places,
            x,
            |&(d, _)| crate::prefetch_ref(norms[d as usize]),
            |&(d, p)| crate::prefetch(&norms[d as usize].chars, p as usize),
        );
        let p = p as usize;
        if free.0 == d && p < free.1 {
            continue;
        }
        if norms[d as usize].chars.get(p..p + k.len()) == Some(k) {
            out.push((d as usize, p));
            free = (d, p + k.len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::count::NOT_SHARED;
    use crate::phrases::testing::Speeches;

    #[test]
    fn copies_count_once_and_positions_list_every_start() {
        let (a, b, c, e) = (
            "全面建设社会主义",
            "深化改革开放推进",
            "坚持人民中心思想",
            "加快构建发展格局",
        );
        // Speeches 0 and 1 are one speech; 2 and 3 stand alone.
        let s = Speeches::new(&[vec![a, b, c], vec![a, b], vec![b, c, b], vec![e, c]]);
        let groups = vec![vec![0, 1], vec![2], vec![3]];
        let shared = s.count(&groups, 2, 1 << 20);
        let id = |line: &str| {
            shared.ids(
                &s.hashes(0)
                    .iter()
                    .chain(&s.hashes(3))
                    .copied()
                    .filter(|&h| {
                        crate::fingerprint::kgram_hashes(
                            &crate::normalize::normalize(line).chars,
                            PHRASE_K,
                        ) == [h]
                    })
                    .take(1)
                    .collect::<Vec<_>>(),
            )[0]
        };
        assert_eq!(
            shared.count(id(b)),
            2,
            "held by the first pair once and by 2"
        );
        assert_eq!(shared.count(id(c)), 3);
        assert_eq!(id(a), NOT_SHARED, "only in the copies of one speech");
        assert_eq!(shared.count(id(a)), 0);
        assert_eq!(id(e), NOT_SHARED);
        let reps = [0, 2, 3];
        let lines = s.lines(&groups);
        let rows = Rows::new(&lines, &shared);
        assert_eq!(
            rows.of_speech(2).collect::<Vec<_>>(),
            [(0, id(b)), (8, id(c)), (16, id(b))]
        );
        let all = vec![true; shared.len()];
        let places = |pos: &Positions, id: u32| -> Vec<(u32, u32)> {
            pos.of(id).flatten().copied().collect()
        };
        // The same places in the same order, however many runs index them.
        for runs in 1..=4 {
            let pos = Positions::in_runs(&shared, &reps, &rows, &all, runs);
            assert_eq!(pos.runs.len(), runs.min(reps.len()));
            assert_eq!(places(&pos, id(b)), [(0, 8), (2, 0), (2, 16)]);
            assert_eq!(places(&pos, id(c)), [(0, 16), (2, 8), (3, 8)]);
            assert!(places(&pos, NOT_SHARED).is_empty());
        }
        // Only the wanted k-grams get places.
        let mut only_c = vec![false; shared.len()];
        only_c[id(c) as usize] = true;
        let pos = Positions::new(&shared, &reps, &rows, &only_c);
        assert!(places(&pos, id(b)).is_empty());
        assert_eq!(places(&pos, id(c)), [(0, 16), (2, 8), (3, 8)]);
    }

    #[test]
    fn a_row_is_the_shared_kgrams_of_the_whole_speech() {
        // Lines shared and not, repeated inside a speech, a short line, a
        // masked one, and blank lines between.
        let s = Speeches::new(&[
            vec![
                "全面建设社会主义现代化国家",
                "短行",
                "",
                "深化改革开放不断推进",
            ],
            vec![
                "深化改革开放不断推进",
                "全面建设社会主义现代化国家",
                "深化改革开放不断推进",
            ],
            vec![
                "以******同志为核心的党中央周围",
                "全面建设社会主义现代化国家",
            ],
            vec![
                "以******同志为核心的党中央周围",
                "坚持以人民为中心的发展思想",
            ],
        ]);
        let groups = vec![vec![0], vec![1], vec![2], vec![3]];
        let shared = s.count(&groups, 2, 1 << 20);
        let reps = [0, 1, 2, 3];
        let lines = s.lines(&groups);
        let rows = Rows::new(&lines, &shared);
        let got: Vec<Vec<(u32, u32)>> = reps.iter().map(|&d| rows.of_speech(d).collect()).collect();
        for (i, &d) in reps.iter().enumerate() {
            assert_eq!(got[i], shared.shared_at(&s.hashes(d)), "speech {d}");
        }
        assert!(got.iter().all(|r| !r.is_empty()));
        // Each line once, where it first stands: speech 0's three lines with
        // k-grams, then speech 2's masked one and speech 3's own.
        let firsts = rows.first_places(&reps);
        let mut held: Vec<usize> = firsts.iter().map(|x| x.2).collect();
        held.sort_unstable();
        held.dedup();
        assert_eq!(held.len(), firsts.len(), "no line twice");
        assert!(firsts
            .iter()
            .all(|&(d, start, l)| lines.of_speech(d).any(|x| x == (start, l))));
        assert_eq!(
            firsts.iter().filter(|x| x.0 == 1).count(),
            0,
            "speech 1 has no line of its own"
        );
        // 以*同志为核心的党中央周围: the four windows after the mask (the
        // other line is speech 3's own).
        assert_eq!(got[3].iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3, 4, 5]);
    }
}
