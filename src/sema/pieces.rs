//! Pieces of resolved string values: their text, length and slices that keep
//! the source offsets of every literal part.

use crate::lang::ts::Arena;
use crate::model::*;

pub fn piece_len(p: &Piece) -> usize {
    match p {
        Piece::Lit { text, .. } => text.len(),
        Piece::Hole { .. } => HOLE.len_utf8(),
    }
}

pub fn pieces_text(p: &[Piece]) -> String {
    let mut out = String::new();
    for x in p {
        match x {
            Piece::Lit { text, .. } => out.push_str(text),
            Piece::Hole { .. } => out.push(HOLE),
        }
    }
    out
}

/// The part `a..b` (text offsets) of a literal piece.
pub fn sub_piece(p: &Piece, a: usize, b: usize) -> Option<Piece> {
    match p {
        Piece::Hole { .. } => Some(p.clone()),
        Piece::Lit { text, src, map } => {
            let t = text.get(a..b)?.to_string();
            let (src2, map2) = match (src, map) {
                (None, _) => (None, OffsetMap::Identity),
                (Some(s), OffsetMap::Identity) => {
                    (Some(s.start + a..s.start + b), OffsetMap::Identity)
                }
                (Some(_), OffsetMap::Table(tb)) => {
                    let slice = tb.get(a..=b)?;
                    let st = *slice.first()? as usize;
                    let en = *slice.last()? as usize;
                    let ident = slice.iter().enumerate().all(|(k, &v)| v as usize == st + k);
                    (
                        Some(st..en),
                        if ident {
                            OffsetMap::Identity
                        } else {
                            OffsetMap::Table(slice.to_vec())
                        },
                    )
                }
            };
            Some(Piece::Lit {
                text: t,
                src: src2,
                map: map2,
            })
        }
    }
}

/// Pieces covering text range `a..b`.
pub fn slice_pieces(p: &[Piece], a: usize, b: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for x in p {
        let len = piece_len(x);
        let (s, e) = (at, at + len);
        at = e;
        if (e <= a || s >= b) && !(len == 0 && s >= a && s < b) {
            continue;
        }
        match x {
            Piece::Hole { .. } => {
                if s >= a && e <= b {
                    out.push(x.clone());
                }
            }
            Piece::Lit { .. } => {
                let lo = a.max(s) - s;
                let hi = b.min(e) - s;
                if let Some(sp) = sub_piece(x, lo, hi.max(lo)) {
                    out.push(sp);
                }
            }
        }
    }
    out
}

/// The value of a getter that returns one written text (`return
/// "https://api.getgo.com"`, `return BASE`) as it reads at the site that
/// calls it: the text without its source, so that a finding and its fix
/// stay at this site and never edit a value other code also reads. `None`
/// for anything else: a URL the getter builds is reported where it is
/// built, once.
pub fn detached(pieces: &[Piece]) -> Option<Vec<Piece>> {
    match pieces {
        [Piece::Lit { text, .. }] => Some(vec![Piece::synthetic(text.clone())]),
        _ => None,
    }
}

/// What a call to a getter reads as: the getter's value resolved by the
/// front end (`resolve`), detached (see [`detached`]); else `hole`.
pub fn getter_pieces(
    value: Option<u32>,
    resolve: impl FnOnce(u32) -> Vec<Piece>,
    hole: Piece,
) -> Vec<Piece> {
    value
        .and_then(|v| detached(&resolve(v)))
        .unwrap_or_else(|| vec![hole])
}

/// Which nodes of a file evaluate to a string, by `at(id, known, names)`:
/// the front end's judgement of one node from what is known of the nodes
/// after it. A first pass over the whole arena sees literals and what is
/// built of them; two more passes over the `again` kinds (operators,
/// calls), with `names` set, let them lean on names bound to strings.
pub fn string_nodes(
    a: &Arena,
    again: &[&str],
    at: impl Fn(u32, &[bool], bool) -> bool,
) -> Vec<bool> {
    let len = a.len();
    let mut s = vec![false; len];
    for id in (0..len as u32).rev() {
        s[id as usize] = at(id, &s, false);
    }
    for _ in 0..2 {
        for id in (0..len as u32).rev() {
            if !s[id as usize] && again.contains(&a.kind(id)) {
                s[id as usize] = at(id, &s, true);
            }
        }
    }
    s
}
