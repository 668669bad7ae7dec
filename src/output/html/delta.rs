//! Speech texts for the side-by-side views, each stored once: a speech that is
//! mostly a copy of a related speech already stored is written as the pieces it
//! copies from it (`[doc, start, len]` in UTF-16 units, as JavaScript slices)
//! and the text between them. A near-duplicate cluster costs about one speech.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Shortest copied run (UTF-16 units); shorter runs are written out.
const K: usize = 8;
/// Most speeches one speech copies from.
const MAX_BASES: usize = 4;
/// Longest chain of copies of copies (the page decodes recursively).
const MAX_DEPTH: usize = 8;

/// A piece of a speech: its own text, or `[doc, start, len]` of an earlier one.
#[derive(Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub(super) enum Piece {
    Text(String),
    Copy(usize, usize, usize),
}

/// A speech as the page reads it.
#[derive(Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub(super) enum Stored {
    Plain(String),
    Pieces(Vec<Piece>),
}

/// Store the speeches `order` lists (in that order) from `texts`; a speech may
/// copy from the speeches `related` names for it that were stored before it.
pub(super) fn store(
    texts: &[&str],
    order: &[usize],
    related: &HashMap<usize, Vec<usize>>,
) -> BTreeMap<usize, Stored> {
    let mut out = BTreeMap::new();
    let mut units: HashMap<usize, Vec<u16>> = HashMap::new();
    let mut depth: HashMap<usize, usize> = HashMap::new();
    for &id in order {
        let Some(text) = texts.get(id) else { continue };
        if out.contains_key(&id) {
            continue;
        }
        let own: Vec<u16> = text.encode_utf16().collect();
        let bases: Vec<usize> = related
            .get(&id)
            .into_iter()
            .flatten()
            .copied()
            .filter(|b| depth.get(b).is_some_and(|&d| d < MAX_DEPTH))
            .take(MAX_BASES)
            .collect();
        let pieces = if bases.is_empty() {
            None
        } else {
            let base_units: Vec<(usize, &[u16])> =
                bases.iter().map(|&b| (b, units[&b].as_slice())).collect();
            encode(&own, &base_units).filter(|p| cost(p) * 10 < text.len() * 9)
        };
        let d = match &pieces {
            Some(_) => 1 + bases.iter().map(|b| depth[b]).max().unwrap_or(0),
            None => 0,
        };
        depth.insert(id, d);
        units.insert(id, own);
        out.insert(
            id,
            pieces.map_or_else(|| Stored::Plain((*text).to_string()), Stored::Pieces),
        );
    }
    out
}

/// About the bytes of `pieces` as JSON.
fn cost(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) => s.len() + 3,
            Piece::Copy(..) => 16,
        })
        .sum()
}

/// Eight UTF-16 units as one key.
fn key(s: &[u16]) -> u128 {
    s[..K].iter().fold(0u128, |k, &u| (k << 16) | u128::from(u))
}

fn is_high(u: u16) -> bool {
    (0xd800..0xdc00).contains(&u)
}

fn is_low(u: u16) -> bool {
    (0xdc00..0xe000).contains(&u)
}

/// `target` as runs copied from `bases` and text of its own (None when a
/// piece would not be valid UTF-16, which cannot happen for valid input).
fn encode(target: &[u16], bases: &[(usize, &[u16])]) -> Option<Vec<Piece>> {
    let mut at: HashMap<u128, (usize, usize)> = HashMap::new();
    for (b, &(_, units)) in bases.iter().enumerate() {
        for i in 0..units.len().saturating_sub(K - 1) {
            at.entry(key(&units[i..])).or_insert((b, i));
        }
    }
    let mut out = Vec::new();
    let mut lit: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < target.len() {
        let found = (i + K <= target.len() && !is_low(target[i]))
            .then(|| at.get(&key(&target[i..])))
            .flatten();
        if let Some(&(b, s)) = found {
            let base = bases[b].1;
            let mut n = 0;
            while i + n < target.len() && s + n < base.len() && target[i + n] == base[s + n] {
                n += 1;
            }
            if is_high(target[i + n - 1]) {
                n -= 1;
            }
            if n >= K {
                if !lit.is_empty() {
                    out.push(Piece::Text(String::from_utf16(&lit).ok()?));
                    lit.clear();
                }
                out.push(Piece::Copy(bases[b].0, s, n));
                i += n;
                continue;
            }
        }
        lit.push(target[i]);
        i += 1;
    }
    if !lit.is_empty() {
        out.push(Piece::Text(String::from_utf16(&lit).ok()?));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page does: join the pieces, slicing earlier speeches.
    fn decode(all: &BTreeMap<usize, Stored>, id: usize) -> String {
        match &all[&id] {
            Stored::Plain(s) => s.clone(),
            Stored::Pieces(ps) => ps
                .iter()
                .map(|p| match p {
                    Piece::Text(s) => s.clone(),
                    &Piece::Copy(d, s, n) => {
                        let base: Vec<u16> = decode(all, d).encode_utf16().collect();
                        String::from_utf16(&base[s..s + n]).expect("whole characters")
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn copies_are_stored_as_pieces_and_read_back() {
        let a = "同志们：今年以来，我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央决策部署，开发区建设取得新成效。😀开发区是区域经济发展的重要引擎，要着力优化营商环境。";
        let b = "同志们：今年以来，我们坚持以******新时代中国特色社会主义思想为指导，认真贯彻落实党中央决策部署，开发区建设取得新成效。😁开发区是区域经济发展的重要引擎，要着力优化营商环境。更多精彩范文，请关注本站。";
        let c = "开发区建设取得新成效。😀开发区是区域经济发展的重要引擎";
        let texts = [a, b, c, "无关"];
        let related = HashMap::from([(1, vec![0]), (2, vec![1, 0]), (0, vec![1])]);
        let all = store(&texts, &[0, 1, 2, 3], &related);
        assert_eq!(all[&0], Stored::Plain(a.into()));
        assert!(matches!(all[&1], Stored::Pieces(_)), "{:?}", all[&1]);
        assert!(matches!(all[&2], Stored::Pieces(_)), "{:?}", all[&2]);
        for (id, t) in texts.iter().enumerate() {
            assert_eq!(&decode(&all, id), t);
        }
    }

    #[test]
    fn unrelated_or_short_texts_stay_plain() {
        let texts = ["短", "另一篇完全不同的讲话内容在这里"];
        let related = HashMap::from([(1, vec![0])]);
        let all = store(&texts, &[0, 1], &related);
        assert_eq!(all[&1], Stored::Plain(texts[1].into()));
    }
}
