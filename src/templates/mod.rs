//! Sentences → the skeletons they share: templates with slots.
//!
//! Short sentences are cut into jieba tokens (punctuation kept) and bucketed by
//! their first and last token. Two sentences of a bucket that differ but share a
//! long common subsequence of tokens (at least half of the shorter one) share a
//! skeleton, e.g. `下面,我讲三点意见` and `下面,我代表市委、市政府讲三方面意见` give
//! `下面,我…讲…意见`; every other sentence of the bucket that contains the
//! skeleton joins it, and each slot lists its fillers. Sentences repeated word
//! for word across speeches (openers and closers such as `同志们:`, `谢谢大家!`)
//! are templates without slots. Copies of one speech count once.

use crate::align::Lcs;
use crate::ingest::Document;
use crate::report::{TemplateEntry, Variant};
use crate::segment::Segmenter;
use crate::{FastMap, FastSet};
use rayon::prelude::*;
use sentences::distinct_sentences;

mod sentences;

/// Longest sentence considered, in characters.
const MAX_CHARS: usize = 40;
/// Most distinct sentences compared within one bucket.
const MAX_BUCKET: usize = 200;

struct Sent {
    /// The sentence, width-folded.
    text: String,
    /// As most of its uses write it: `text` unfolded, character for character.
    shown: String,
    /// Its jieba tokens but whitespace, as byte ranges of `text` (a list of
    /// strings would take several times the memory, for every distinct
    /// sentence of a collection).
    tokens: Vec<(u32, u32)>,
    docs: Vec<usize>,
}

impl Sent {
    fn tokens(&self) -> Vec<&str> {
        self.tokens
            .iter()
            .map(|&(s, e)| &self.text[s as usize..e as usize])
            .collect()
    }

    /// The part of `shown` that `piece`, a part of `text`, folds from
    /// (folding maps each character to one character).
    fn shown_of<'s>(&'s self, piece: &'s str) -> &'s str {
        let at = (piece.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let Some(before) = self.text.get(..at) else {
            return piece;
        };
        let (skip, take) = (before.chars().count(), piece.chars().count());
        let mut starts = self.shown.char_indices().map(|(i, _)| i).skip(skip);
        let start = starts.next().unwrap_or(self.shown.len());
        let end = starts
            .nth(take.saturating_sub(1))
            .unwrap_or(self.shown.len());
        if take == 0 {
            return "";
        }
        &self.shown[start..end]
    }
}

/// Find the templates used by at least `min_docs` distinct speeches.
pub fn find(
    docs: &[Document],
    seg: &Segmenter,
    group: &[usize],
    min_docs: usize,
) -> Vec<TemplateEntry> {
    let min_docs = min_docs.max(2);
    let by_text = distinct_sentences(docs);
    // Only sentences that can share a skeleton with a sentence of another speech
    // are segmented: same first and last letter or digit (punctuation aside).
    let edge = |t: &str| {
        (
            t.chars().find(|&c| crate::normalize::counts(c)),
            t.chars().rev().find(|&c| crate::normalize::counts(c)),
        )
    };
    let mut edge_groups: FastMap<(Option<char>, Option<char>), FastSet<usize>> = FastMap::default();
    for s in &by_text {
        edge_groups
            .entry(edge(&s.key))
            .or_default()
            .extend(s.docs.iter().map(|&d| group[d]));
    }
    let texts: Vec<_> = by_text
        .into_iter()
        .filter(|s| edge_groups[&edge(&s.key)].len() >= min_docs)
        .collect();
    let sents: Vec<Sent> = texts
        .into_par_iter()
        .map(|mut s| {
            s.docs.dedup();
            Sent {
                tokens: seg
                    .tokens(&s.key)
                    .into_iter()
                    .map(|r| (r.start as u32, r.end as u32))
                    .collect(),
                text: s.key,
                shown: s.shown.to_string(),
                docs: s.docs,
            }
        })
        .collect();
    let speeches =
        |ds: &mut dyn Iterator<Item = usize>| ds.map(|d| group[d]).collect::<FastSet<_>>().len();
    let mut out = Vec::new();
    // Openers and closers: the same short sentence in many speeches.
    for s in &sents {
        let n = speeches(&mut s.docs.iter().copied());
        if n >= min_docs.max(3) && s.text.chars().count() <= 12 {
            out.push(TemplateEntry {
                skeleton: s.shown.clone(),
                members: vec![Variant {
                    text: s.shown.clone(),
                    documents: s.docs.clone(),
                }],
                slots: Vec::new(),
                speeches: n,
            });
        }
    }
    let mut buckets: FastMap<(&str, &str), Vec<usize>> = FastMap::default();
    for (i, s) in sents.iter().enumerate() {
        let words: Vec<&str> = s
            .tokens()
            .into_iter()
            .filter(|t| t.chars().any(crate::normalize::counts))
            .collect();
        if words.len() >= 3 {
            buckets
                .entry((words[0], words[words.len() - 1]))
                .or_default()
                .push(i);
        }
    }
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort();
    let found: Vec<Vec<TemplateEntry>> = keys
        .par_iter()
        .map(|k| {
            let ids = &buckets[k];
            bucket_templates(&sents, &ids[..ids.len().min(MAX_BUCKET)], group, min_docs)
        })
        .collect();
    out.extend(found.into_iter().flatten());
    out.sort_by(|a, b| {
        b.speeches
            .cmp(&a.speeches)
            .then(b.members.len().cmp(&a.members.len()))
            .then_with(|| a.skeleton.cmp(&b.skeleton))
    });
    out
}

fn bucket_templates(
    sents: &[Sent],
    ids: &[usize],
    group: &[usize],
    min_docs: usize,
) -> Vec<TemplateEntry> {
    // `reach[x]`: the clusters that sentences `x..` use together. A skeleton
    // grown from `x` has members among them only, so once fewer than
    // `min_docs` remain no later sentence can start a template.
    let mut reach = vec![0; ids.len()];
    let mut seen: FastSet<usize> = FastSet::default();
    for z in (0..ids.len()).rev() {
        seen.extend(sents[ids[z]].docs.iter().map(|&d| group[d]));
        reach[z] = seen.len();
    }
    let mut used = vec![false; ids.len()];
    let mut out = Vec::new();
    if reach.first().is_none_or(|&r| r < min_docs) {
        return out;
    }
    let tokens: Vec<Vec<&str>> = ids
        .iter()
        .map(|&i| {
            let mut t = sents[i].tokens();
            let end = content(&t).len();
            t.truncate(end);
            t
        })
        .collect();
    // Each sentence's tokens without its final punctuation, and their characters.
    let chars_of: Vec<usize> = tokens.iter().map(|t| chars(t)).collect();
    let sorted: Vec<Vec<&str>> = tokens.iter().map(|t| sorted_tokens(t)).collect();
    let mut table = Lcs::default();
    for x in 0..ids.len() {
        if reach[x] < min_docs {
            break;
        }
        if used[x] {
            continue;
        }
        // Grow a skeleton from sentence x: each sentence that shares enough of it
        // joins, and the skeleton shrinks to what all members share.
        let mut skel = tokens[x].clone();
        let mut skel_sorted = sorted[x].clone();
        let mut members = vec![x];
        for y in (x + 1..ids.len()).filter(|&y| !used[y]) {
            // What both hold bounds what their longest common subsequence
            // keeps: most sentences of a bucket are let go on that alone,
            // without the quadratic table.
            let (most, most_chars) = common(&skel_sorted, &sorted[y]);
            let may = |z: usize| similar_enough(most_chars, chars_of[z]);
            if most < 3 || !may(y) || !members.iter().all(|&m| may(m)) {
                continue;
            }
            let cand = lcs(&skel, &tokens[y], &mut table);
            let kept = chars(&cand);
            let ok = |z: usize| similar_enough(kept, chars_of[z]);
            if cand.len() >= 3 && members.iter().all(|&m| ok(m)) && ok(y) {
                skel_sorted = sorted_tokens(&cand);
                skel = cand;
                members.push(y);
            }
        }
        let groups: FastSet<usize> = members
            .iter()
            .flat_map(|&z| sents[ids[z]].docs.iter().map(|&d| group[d]))
            .collect();
        if members.len() < 2 || groups.len() < min_docs {
            continue;
        }
        for &z in &members {
            used[z] = true;
        }
        out.push(template(sents, ids, &tokens, &members, &skel, groups.len()));
    }
    out
}

/// Tokens without sentence-final punctuation.
fn content<'a, 't>(tokens: &'t [&'a str]) -> &'t [&'a str] {
    let mut end = tokens.len();
    while end > 0 && !tokens[end - 1].chars().any(crate::normalize::counts) {
        end -= 1;
    }
    &tokens[..end]
}

/// A skeleton must keep at least half of a member's characters (a quarter for long ones).
fn similar_enough(skeleton_chars: usize, member_chars: usize) -> bool {
    let (cs, ct) = (skeleton_chars, member_chars);
    cs * 2 >= ct.min(12) && cs * 4 >= ct
}

/// Tokens in sorted order (a multiset, for [`common`]).
fn sorted_tokens<'a>(tokens: &[&'a str]) -> Vec<&'a str> {
    let mut s = tokens.to_vec();
    s.sort_unstable();
    s
}

/// How many tokens two sorted lists hold in common (as multisets), and their
/// characters: no common subsequence of the two keeps more.
fn common(a: &[&str], b: &[&str]) -> (usize, usize) {
    let (mut i, mut j, mut n, mut c) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                c += a[i].chars().count();
                i += 1;
                j += 1;
            }
        }
    }
    (n, c)
}

/// Characters of a token list.
fn chars(tokens: &[&str]) -> usize {
    tokens.iter().map(|s| s.chars().count()).sum()
}

fn template(
    sents: &[Sent],
    ids: &[usize],
    // Each sentence's tokens without final punctuation.
    tokens: &[Vec<&str>],
    members: &[usize],
    skel: &[&str],
    speeches: usize,
) -> TemplateEntry {
    let mut slots: Vec<Vec<String>> = vec![Vec::new(); skel.len() + 1];
    // Each slot's fillers as matched (folded), so one filler written in two
    // widths (`(` and `（`) is listed once, as first shown.
    let mut seen: Vec<Vec<String>> = vec![Vec::new(); skel.len() + 1];
    for &z in members {
        let sent = &sents[ids[z]];
        for (i, slot) in fillers(skel, &tokens[z]).into_iter().enumerate() {
            let key = slot.concat();
            let shown: String = slot.iter().map(|t| sent.shown_of(t)).collect();
            // A filler of invisible characters alone (a zero-width space a
            // site left in) is no filler.
            if shown.chars().any(visible) && !seen[i].contains(&key) {
                seen[i].push(key);
                slots[i].push(shown);
            }
        }
    }
    // The skeleton's tokens are the first member's (a common subsequence keeps
    // tokens of the list it grew from), shown as it writes them.
    let first = &sents[ids[members[0]]];
    let mut skeleton = String::new();
    for (i, t) in skel.iter().enumerate() {
        if !slots[i].is_empty() {
            skeleton.push('…');
        }
        skeleton.push_str(first.shown_of(t));
    }
    if !slots[skel.len()].is_empty() {
        skeleton.push('…');
    }
    TemplateEntry {
        skeleton,
        members: members
            .iter()
            .map(|&z| Variant {
                text: sents[ids[z]].shown.clone(),
                documents: sents[ids[z]].docs.clone(),
            })
            .collect(),
        slots: slots.into_iter().filter(|s| !s.is_empty()).collect(),
        speeches,
    }
}

/// A character one sees: not a space, nor a zero-width one.
fn visible(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Longest common subsequence of two token lists (`table` kept between them).
fn lcs<'a>(a: &[&'a str], b: &[&'a str], table: &mut Lcs) -> Vec<&'a str> {
    let filled = table.fill_by(a, b, |x, y| x == y);
    filled.pairs().into_iter().map(|(i, _)| a[i]).collect()
}

/// The tokens between consecutive skeleton tokens (greedy leftmost embedding).
fn fillers<'a>(skel: &[&str], tokens: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out = vec![Vec::new(); skel.len() + 1];
    let mut k = 0;
    for &t in tokens {
        if k < skel.len() && t == skel[k] {
            k += 1;
        } else {
            out[k].push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests;
