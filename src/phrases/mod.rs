//! Speeches → the passages and stock phrases they share.
//!
//! Every character k-gram is counted in distinct speeches, where the copies of
//! one speech (a duplicate cluster) count once. In each cluster's representative
//! the positions whose k-gram is held by at least `min_docs` clusters form runs;
//! a run is cut where the set of clusters holding the k-gram changes, so each
//! phrase is maximal for its set of speeches and phrases are not substrings of
//! one another. Each phrase is then located in every speech that holds it, and
//! carried through the alignment into the other copies of its cluster, where a
//! masked wording (`以******同志为核心的党***周围`) becomes a listed variant.

mod cores;
mod count;
mod ends;
mod entry;
mod lines;
mod rows;
#[cfg(test)]
mod testing;

use crate::fingerprint::{kgram_hashes, NO_HASH};
use crate::ingest::Document;
use crate::normalize::{sym_char, Normalized, Sym};
use crate::report::{JunkEntry, PhraseEntry};
use crate::twins::Alignments;
use crate::{FastMap, FastSet};
use cores::shared_core;
use count::{Shared, NOT_SHARED, PASS_KGRAMS};
use entry::{entry, own_occurrences, shared_junk, JunkSpans, Located};
use lines::{line_cuts, Lines};
use rayon::prelude::*;
use rows::{locate, rarest, Positions, Rows};

/// Shortest phrase, in characters (also the k-gram length).
pub const PHRASE_K: usize = 8;
/// Phrases up to this many characters are stock phrases; longer ones are passages.
pub const STOCK_MAX_CHARS: usize = 40;
/// Phrases located at a time, in parallel.
const BATCH_PHRASES: usize = 1 << 10;
/// Occurrences held at a time, per speech of the collection: phrases are
/// located until they have about this many for each speech, whose spans are
/// then worked out together, speech by speech (see `own_occurrences`), so a
/// speech's offsets and line table are loaded once for many of them. (With
/// 1 024 phrases at a time, 10^5 generated speeches had fewer occurrences in
/// a batch than speeches; with 20 a speech their spans took half as long,
/// with 10 the phrase stage kept little of that.) About 50 bytes each while
/// held.
const PLACES_PER_SPEECH: usize = 20;
/// ... and at least this many.
const MIN_BATCH_PLACES: usize = 1 << 16;

/// Mine the shared phrases. `group[d]` is `d`'s cluster (its smallest member id
/// when it has copies); `aligned` carries positions from one copy to another.
/// With `tidy`, each phrase's ends are tidied to where a reader would quote
/// it (see [`ends`]); without, phrases are the runs of shared k-grams as found.
/// With `cores`, a run no two speeches hold whole gives the part of it that
/// two do (see [`cores`]).
pub fn mine(
    docs: &[Document],
    norms: &[&Normalized],
    group: &[usize],
    aligned: &Alignments,
    junk: &[JunkEntry],
    (min_docs, tidy, cores): (usize, bool, bool),
) -> Vec<PhraseEntry> {
    let min_docs = min_docs.max(2) as u32;
    let reps = representatives(docs, norms, group);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (d, &g) in group.iter().enumerate() {
        members[g].push(d);
    }
    let groups: Vec<Vec<usize>> = members.iter().filter(|m| !m.is_empty()).cloned().collect();
    // Each speech's cluster, in one dense array that phrase entries read per occurrence.
    let cluster: Vec<&[usize]> = group.iter().map(|&g| &members[g][..]).collect();
    // The k-grams are counted over the collection's distinct lines, and
    // hashed again where they are needed rather than held: eight bytes a
    // character for the whole corpus.
    let chars_of = |d: usize| &norms[d].chars[..];
    let cuts_of = |d: usize, cuts: &mut Vec<usize>| line_cuts(docs[d].text(), norms[d], cuts);
    let lines = Lines::new(&groups, &chars_of, &cuts_of);
    let shared = Shared::new(&lines, min_docs, PASS_KGRAMS);
    // From here on each line's shared k-grams are their positions and dense
    // shared ids. A k-gram never reaches across a line break, so each
    // distinct line is mined once, where it first stands in a representative.
    let rows = Rows::new(&lines, &shared);
    let firsts = rows.first_places(&reps);
    let junk_spans = JunkSpans::new(junk);
    // Candidate phrases of every line, the first of each wording kept.
    let found: Vec<Vec<(u32, u32)>> = firsts
        .par_iter()
        .map(|&(_, _, l)| {
            runs(rows.line(l), &shared, min_docs)
                .into_iter()
                .map(|(s, e)| (s as u32, e as u32))
                .collect()
        })
        .collect();
    // A run's characters (a run ends where its last k-gram does, or at the end).
    let chars_of = |d: usize, s: usize, e: usize| &norms[d].chars[s..e.min(norms[d].len())];
    let mut seen: FastSet<&[Sym]> = FastSet::default();
    let unique: Vec<(usize, usize, usize)> = firsts
        .iter()
        .zip(found)
        .flat_map(|(&(d, start, _), list)| {
            list.into_iter()
                .map(move |(s, e)| (d, start + s as usize, start + e as usize))
        })
        .filter_map(|(d, s, e)| match tidy {
            true => ends::tidy(docs[d].text(), norms[d], (s, e)).map(|(s, e)| (d, s, e)),
            false => Some((d, s, e)),
        })
        .filter(|&(d, s, e)| seen.insert(chars_of(d, s, e)))
        .collect();
    // A phrase is located through its rarest k-gram (see `locate`): only
    // those k-grams' places are indexed, and then the rows have served.
    let rarest: Vec<Option<(usize, u32)>> = unique
        .par_iter()
        .map(|&(d, s, e)| rarest(chars_of(d, s, e), &shared))
        .collect();
    let mut wanted = vec![false; shared.len()];
    for &(_, id) in rarest.iter().flatten().filter(|x| x.1 != NOT_SHARED) {
        wanted[id as usize] = true;
    }
    let positions = Positions::new(&shared, &reps, &rows, &wanted);
    // So have the shared k-grams' map and counts (an entry for each k-gram
    // that `min_docs` clusters hold): let them go before the occurrences
    // gather.
    drop(rows);
    drop(lines);
    drop(shared);
    drop(wanted);
    // Phrases are located a batch at a time; once they hold enough
    // occurrences, the spans of those are found speech by speech (see
    // `own_occurrences`) and the entries made.
    let mut out: Vec<PhraseEntry> = Vec::new();
    let mut located: Vec<Located> = Vec::new();
    let mut places = 0;
    let batch_places = (PLACES_PER_SPEECH * docs.len()).max(MIN_BATCH_PLACES);
    let mut batches = unique
        .chunks(BATCH_PHRASES)
        .zip(rarest.chunks(BATCH_PHRASES))
        .peekable();
    while let Some((batch, rarest)) = batches.next() {
        let more: Vec<Located> = batch
            .par_iter()
            .zip(rarest)
            .filter_map(|(&(d, s, e), &rarest)| {
                let groups_of = |occ: &[(usize, usize)]| -> FastSet<usize> {
                    occ.iter().map(|&(x, _)| group[x]).collect()
                };
                let mut chars = chars_of(d, s, e);
                let mut occ = locate(chars, rarest, &positions, norms);
                let mut groups = groups_of(&occ);
                // Held whole by too few: the part of it that another holds
                // (see `cores`).
                let few = cores && (groups.len() as u32) < min_docs;
                if let Some((shift, id)) = rarest.filter(|_| few) {
                    let places = positions
                        .of(id)
                        .flatten()
                        .map(|&(x, p)| (x as usize, p as usize));
                    let core = shared_core(chars, shift, places, norms, (group[d], group))?;
                    let rarest = Some((shift - core.start, id));
                    chars = &chars[core];
                    occ = locate(chars, rarest, &positions, norms);
                    groups = groups_of(&occ);
                }
                ((groups.len() as u32) >= min_docs).then(|| Located {
                    key: chars.iter().map(|&c| sym_char(c)).collect(),
                    len: chars.len(),
                    occ,
                    speeches: groups.len(),
                })
            })
            .collect();
        places += more.iter().map(|l| l.occ.len()).sum::<usize>();
        located.extend(more);
        if places < batch_places && batches.peek().is_some() {
            continue;
        }
        let own = own_occurrences(docs, norms, &located);
        out.par_extend(
            located
                .par_iter()
                .enumerate()
                .map(|(i, l)| entry(docs, norms, &cluster, aligned, l, own.of(i), &junk_spans)),
        );
        located.clear();
        places = 0;
    }
    out.extend(shared_junk(docs, group, junk, min_docs));
    let mut out = maximal(out);
    out.sort_by(|a, b| {
        b.speeches
            .cmp(&a.speeches)
            .then(b.chars.cmp(&a.chars))
            .then_with(|| {
                (a.occurrences[0].document(), a.occurrences[0].start())
                    .cmp(&(b.occurrences[0].document(), b.occurrences[0].start()))
            })
    });
    out
}

/// The k-gram hashes of the stock phrases (at most [`STOCK_MAX_CHARS`] long) used
/// by at least `min_docs` speeches, the speeches of one group (`group[d]`, the
/// smallest id of `d`'s copies: see [`crate::store::copy_groups`]) counted
/// once: what a check treats as boilerplate. Every speech is mined, not one
/// of each group: a copy may hold wording of its own.
pub fn stock_grams(
    docs: &[Document],
    norms: &[&Normalized],
    group: &[usize],
    min_docs: usize,
) -> Vec<u64> {
    let own: Vec<usize> = (0..docs.len()).collect();
    let none = Alignments {
        chains: FastMap::default(),
        lead: &own,
    };
    let groups_of = |p: &PhraseEntry| {
        let mut g: Vec<usize> = p.documents.iter().map(|&d| group[d]).collect();
        g.sort_unstable();
        g.dedup();
        g.len()
    };
    // Without cores: a check's boilerplate stays the stretches speeches hold
    // whole (with the cores as well, 4 of 172 sets of drafts lost 0.001 to
    // 0.002 of their copied-character F1: more of what they copied was
    // marked boilerplate).
    let mut grams: Vec<u64> = mine(docs, norms, &own, &none, &[], (min_docs, false, false))
        .into_iter()
        .filter(|p| p.kind == "stock-phrase" && groups_of(p) >= min_docs)
        .flat_map(|p| kgram_hashes(&crate::normalize::normalize(&p.text).chars, PHRASE_K))
        .filter(|&h| h != NO_HASH)
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Is a phrase used by `more` speeches nearly the same as a longer one used by
/// `fewer` (at most a twentieth fewer, rounded down)? Then it adds nothing.
fn near(more: u32, fewer: u32) -> bool {
    more.saturating_sub(fewer) <= more / 20
}

/// Drop phrases that are part of a longer phrase used by (nearly) as many speeches.
fn maximal(mut list: Vec<PhraseEntry>) -> Vec<PhraseEntry> {
    list.sort_by(|a, b| b.chars.cmp(&a.chars).then(b.speeches.cmp(&a.speeches)));
    let keys: Vec<Vec<Sym>> = list
        .par_iter()
        .map(|p| crate::normalize::normalize(&p.text).chars)
        .collect();
    let first_of = |key: &[Sym]| kgram_hashes(&key[..key.len().min(PHRASE_K)], PHRASE_K);
    let firsts: Vec<u64> = keys
        .iter()
        .map(|k| first_of(k).first().copied().unwrap_or(NO_HASH))
        .collect();
    // A phrase is looked for only through its first k-gram, so a longer
    // phrase is filed under just those of its k-grams that begin some phrase
    // (a long passage has hundreds of k-grams, few of them a first).
    let wanted: FastSet<u64> = firsts.iter().copied().collect();
    let mut by_gram: FastMap<u64, Vec<usize>> = FastMap::default();
    let mut keep = vec![true; list.len()];
    for i in 0..list.len() {
        let first = firsts[i];
        let inside = by_gram.get(&first).is_some_and(|qs| {
            qs.iter().any(|&q| {
                near(list[i].speeches as u32, list[q].speeches as u32)
                    && keys[q].windows(keys[i].len()).any(|w| w == &keys[i][..])
            })
        });
        if inside && list[i].kind != "junk" {
            keep[i] = false;
            continue;
        }
        let mut grams = kgram_hashes(&keys[i], PHRASE_K);
        grams.retain(|g| wanted.contains(g));
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            by_gram.entry(g).or_default().push(i);
        }
    }
    list.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// One member per cluster: the one whose text is cleanest is chosen by the
/// caller's grouping; here the member with fewest masks, then the longest.
fn representatives(docs: &[Document], norms: &[&Normalized], group: &[usize]) -> Vec<usize> {
    let mut best: FastMap<usize, usize> = FastMap::default();
    let masks = |d: usize| {
        norms[d]
            .chars
            .iter()
            .filter(|&&c| c == crate::normalize::MASK)
            .count()
    };
    for d in 0..docs.len() {
        let cur = best.entry(group[d]).or_insert(d);
        if (masks(d), std::cmp::Reverse(norms[d].len()), d)
            < (masks(*cur), std::cmp::Reverse(norms[*cur].len()), *cur)
        {
            *cur = d;
        }
    }
    let mut v: Vec<usize> = best.into_values().collect();
    v.sort_unstable();
    v
}

/// Candidate phrases of one line, from the `(position, id)` of its shared
/// k-grams: within each run of k-grams held by enough clusters, every maximal
/// stretch whose k-grams are all held by at least `L` clusters, for each level
/// `L` that occurs (a stretch that cannot grow without losing speeches). Levels
/// within a twentieth of the enclosing stretch's are skipped as near-copies of
/// it. Returns character ranges.
fn runs(row: &[(u32, u32)], shared: &Shared, min_docs: u32) -> Vec<(usize, usize)> {
    let held: Vec<(u32, u32)> = row
        .iter()
        .map(|&(pos, id)| (pos, shared.count(id)))
        .filter(|&(_, c)| c >= min_docs)
        .collect();
    let mut out = Vec::new();
    for run in held.chunk_by(|a, b| b.0 == a.0 + 1) {
        let base = run[0].0 as usize;
        let count: Vec<u32> = run.iter().map(|&(_, c)| c).collect();
        let mut stack = vec![(0, count.len(), 0u32)];
        while let Some((s, e, parent)) = stack.pop() {
            let level = *count[s..e].iter().min().expect("non-empty");
            if parent == 0 || !near(level, parent) {
                out.push((base + s, base + e - 1 + PHRASE_K));
            }
            let mut j = s;
            while j < e {
                if count[j] == level {
                    j += 1;
                    continue;
                }
                let from = j;
                while j < e && count[j] > level {
                    j += 1;
                }
                stack.push((
                    from,
                    j,
                    if parent == 0 || !near(level, parent) {
                        level
                    } else {
                        parent
                    },
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_stretches_keep_a_core_used_by_clearly_more_speeches() {
        // k-gram support along one speech: a long stretch held by 51, inside it a
        // core held by 63, inside that a part held by 63 as well (not emitted twice).
        let hashes: Vec<u64> = (1..=12).collect();
        let counts = [51, 51, 63, 63, 63, 63, 63, 63, 51, 51, 0, 0];
        let held = Shared::from_counts(
            hashes
                .iter()
                .zip(counts)
                .filter(|(_, c)| *c > 0)
                .map(|(h, c)| (*h, c)),
        );
        let mut got = runs(&held.shared_at(&hashes), &held, 2);
        got.sort_unstable();
        assert_eq!(got, vec![(0, 9 + PHRASE_K), (2, 7 + PHRASE_K)]);
    }

    #[test]
    fn near_counts_are_one_phrase() {
        assert!(near(63, 63) && near(63, 61));
        assert!(!near(63, 57) && !near(3, 2));
    }
}
