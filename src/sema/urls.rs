//! URL joins as HTTP clients perform them.

use super::pieces::{pieces_text, slice_pieces};
use crate::model::*;

/// Join a relative reference onto a base URL the way `new Uri(base, rel)`
/// does: an absolute path keeps the base's scheme and host, a relative
/// path replaces the base's last segment.
pub fn uri_join(base: Vec<Piece>, rel: Vec<Piece>) -> Vec<Piece> {
    let rt = pieces_text(&rel);
    if base.is_empty() || rt.contains("://") || rt.starts_with("//") {
        return rel;
    }
    let bt = pieces_text(&base);
    let scheme_end = bt.find("://").map(|i| i + 3);
    let mut out;
    if rt.starts_with('/') {
        let host_end = match scheme_end {
            Some(s) => bt[s..].find('/').map(|j| s + j).unwrap_or(bt.len()),
            None => bt.find('/').unwrap_or(bt.len()),
        };
        out = slice_pieces(&base, 0, host_end);
    } else {
        match bt.rfind('/') {
            Some(i) if scheme_end.is_none_or(|s| i >= s) => {
                out = slice_pieces(&base, 0, i + 1);
            }
            _ => {
                out = base;
                out.push(Piece::synthetic("/"));
            }
        }
    }
    out.extend(rel);
    out
}

/// Append a path to a base URL with exactly one `/` between them.
pub fn path_join(base: Vec<Piece>, rel: Vec<Piece>) -> Vec<Piece> {
    let rt = pieces_text(&rel);
    if base.is_empty() || rt.contains("://") {
        return rel;
    }
    let bt = pieces_text(&base);
    let keep = bt.trim_end_matches('/').len();
    let mut out = slice_pieces(&base, 0, keep);
    let skip = rt.len() - rt.trim_start_matches('/').len();
    if !rt.is_empty() {
        out.push(Piece::synthetic("/"));
    }
    out.extend(slice_pieces(&rel, skip, rt.len()));
    out
}
