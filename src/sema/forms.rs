//! Form-encoded text: `k=v&…` recognition and its key/value pairs.

use crate::model::*;
use crate::sema::pieces::slice_pieces;

pub fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']' | '%')
}

/// `a=b&c=d` (holes allowed in values).
pub fn looks_form(text: &str) -> bool {
    if text.is_empty() || !text.contains('=') || text.starts_with("http") {
        return false;
    }
    text.split('&').all(|seg| match seg.split_once('=') {
        Some((k, v)) => {
            !k.is_empty()
                && k.chars().all(is_key_char)
                && !v
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '"' | '<' | '>'))
        }
        None => false,
    })
}

/// `k=v&k2=v2` of entries, in the given order: a key as written when its
/// span covers it, a hole for a value not known.
pub fn encode_entries(entries: &[Entry]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(Piece::synthetic("&"));
        }
        match &e.key_span {
            Some(ks) if ks.len() == e.key.len() => out.push(Piece::lit(e.key.clone(), ks.clone())),
            _ => out.push(Piece::synthetic(e.key.clone())),
        }
        out.push(Piece::synthetic("="));
        match &e.value {
            Some(v) => out.extend(v.pieces.iter().cloned()),
            None => out.push(Piece::hole(
                e.value_span.clone().unwrap_or_else(|| e.span.clone()),
                e.key.clone(),
            )),
        }
    }
    out
}

/// How a front end slices the pieces of a value (they differ in whether
/// an empty piece at the edge of the range is kept).
pub type Slicer = fn(&[Piece], usize, usize) -> Vec<Piece>;

/// `k=v` pairs of a form string, or of the query part of a URL.
/// `written_only`: skip pairs whose `=` was not written in the source.
pub fn string_pairs(sv: &StrValue, written_only: bool, slice: Slicer) -> Vec<Entry> {
    let text = sv.text();
    let (start, end) = if let Some(q) = text.find('?') {
        let end = text.get(q..).and_then(|r| r.find('#')).map(|h| q + h);
        (q + 1, end.unwrap_or(text.len()))
    } else if looks_form(&text) {
        (0, text.len())
    } else {
        return Vec::new();
    };
    let Some(body) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = start;
    for seg in body.split('&') {
        let seg_start = at;
        at += seg.len() + 1;
        let Some(eq) = seg.find('=') else { continue };
        let key = &seg[..eq];
        if key.is_empty() || !key.chars().all(is_key_char) {
            continue;
        }
        let eq_abs = seg_start + eq;
        if written_only && sv.source_of(eq_abs..eq_abs + 1).is_none() {
            continue;
        }
        let vrange = eq_abs + 1..seg_start + seg.len();
        let vspan = sv.source_near(vrange.clone(), vrange.start);
        let value = StrValue {
            pieces: slice(&sv.pieces, vrange.start, vrange.end),
            span: vspan.clone().unwrap_or_else(|| sv.span.clone()),
        };
        out.push(Entry {
            key: key.to_string(),
            key_span: sv.source_of(seg_start..eq_abs),
            value: Some(value),
            value_span: vspan,
            span: sv
                .source_near(seg_start..seg_start + seg.len(), seg_start)
                .unwrap_or_else(|| sv.span.clone()),
        });
    }
    out
}

/// `k=v` pairs of a whole form string (`a=b&c=d`, or `?a=b&c=d`), with
/// spans into the literal; a pair without `=` is passed over.
pub fn form_pairs(sv: &StrValue) -> Vec<Entry> {
    let text = sv.text();
    let body = text.strip_prefix('?').unwrap_or(&text);
    let off0 = text.len() - body.len();
    if !looks_form(body) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = off0;
    for seg in body.split('&') {
        let seg_start = at;
        at += seg.len() + 1;
        let Some((k, _)) = seg.split_once('=') else {
            continue;
        };
        let kr = seg_start..seg_start + k.len();
        let vr = seg_start + k.len() + 1..seg_start + seg.len();
        let value = StrValue {
            pieces: slice_pieces(&sv.pieces, vr.start, vr.end),
            span: sv.source_of(vr.clone()).unwrap_or_else(|| sv.span.clone()),
        };
        out.push(Entry {
            key: k.to_string(),
            key_span: sv.source_of(kr.clone()),
            value_span: Some(value.span.clone()),
            value: Some(value),
            span: sv
                .source_near(seg_start..seg_start + seg.len(), kr.start)
                .unwrap_or_else(|| sv.span.clone()),
        });
    }
    out
}
