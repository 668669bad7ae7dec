//! Shared k-grams → where they are: each representative's row of shared
//! k-grams as `(position, id)`, and for each shared k-gram where it starts in
//! every representative.

use super::count::Shared;
use super::lines::Lines;
use super::PHRASE_K;
use crate::fingerprint::kgram_hashes_into;
use rayon::prelude::*;

/// The shared k-grams of each representative `reps[i]`, as `(position, id)`
/// ascending: those of its lines, each distinct line's found once.
pub(super) fn rows(lines: &Lines, shared: &Shared, reps: &[usize]) -> Vec<Vec<(u32, u32)>> {
    let line_rows: Vec<Vec<(u32, u32)>> = (0..lines.len())
        .into_par_iter()
        .map_init(Vec::new, |hashes, l| {
            kgram_hashes_into(lines.text(l), PHRASE_K, hashes);
            shared.shared_at(hashes)
        })
        .collect();
    reps.par_iter()
        .map(|&d| {
            lines
                .of_speech(d)
                .flat_map(|(start, l)| {
                    line_rows[l]
                        .iter()
                        .map(move |&(pos, id)| (start as u32 + pos, id))
                })
                .collect()
        })
        .collect()
}

/// Where each wanted shared k-gram starts in the representatives, as
/// `(document, position)`, ascending.
pub(super) struct Positions {
    offsets: Vec<u32>,
    at: Vec<(u32, u32)>,
}

impl Positions {
    /// Index the shared k-grams of each representative `reps[i]`, given as
    /// `(position, id)` in `rows[i]`, whose ids are `wanted` (the others get
    /// no places).
    pub(super) fn new(
        shared: &Shared,
        reps: &[usize],
        rows: &[Vec<(u32, u32)>],
        wanted: &[bool],
    ) -> Positions {
        let mut offsets = vec![0u32; shared.len() + 1];
        for &(_, id) in rows.iter().flatten() {
            if wanted[id as usize] {
                offsets[id as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut at = vec![(0u32, 0u32); offsets[offsets.len() - 1] as usize];
        for (&d, row) in reps.iter().zip(rows) {
            for &(pos, id) in row.iter().filter(|x| wanted[x.1 as usize]) {
                at[fill[id as usize] as usize] = (d as u32, pos);
                fill[id as usize] += 1;
            }
        }
        Positions { offsets, at }
    }

    /// Where the k-gram with id `id` starts (nowhere if it is not shared).
    pub(super) fn of(&self, id: u32) -> &[(u32, u32)] {
        match self.offsets.get(id as usize + 1) {
            Some(&end) => &self.at[self.offsets[id as usize] as usize..end as usize],
            None => &[],
        }
    }
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
        let rows: Vec<Vec<(u32, u32)>> = reps
            .iter()
            .map(|&d| shared.shared_at(&s.hashes(d)))
            .collect();
        assert_eq!(rows[1], [(0, id(b)), (8, id(c)), (16, id(b))]);
        let all = vec![true; shared.len()];
        let pos = Positions::new(&shared, &reps, &rows, &all);
        assert_eq!(pos.of(id(b)), [(0, 8), (2, 0), (2, 16)]);
        assert_eq!(pos.of(id(c)), [(0, 16), (2, 8), (3, 8)]);
        assert!(pos.of(NOT_SHARED).is_empty());
        // Only the wanted k-grams get places.
        let mut only_c = vec![false; shared.len()];
        only_c[id(c) as usize] = true;
        let pos = Positions::new(&shared, &reps, &rows, &only_c);
        assert!(pos.of(id(b)).is_empty());
        assert_eq!(pos.of(id(c)), [(0, 16), (2, 8), (3, 8)]);
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
        let got = rows(&s.lines(&groups), &shared, &reps);
        for (i, &d) in reps.iter().enumerate() {
            assert_eq!(got[i], shared.shared_at(&s.hashes(d)), "speech {d}");
        }
        assert!(got.iter().all(|r| !r.is_empty()));
        // 以*同志为核心的党中央周围: the four windows after the mask (the
        // other line is speech 3's own).
        assert_eq!(got[3].iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3, 4, 5]);
    }
}
