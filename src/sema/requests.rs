//! Building blocks of the HTTP requests the front ends record.

use crate::model::*;

pub fn empty_request(span: Span, library: &str) -> HttpRequest {
    HttpRequest {
        span,
        library: library.to_string(),
        method: None,
        method_source: MethodSource::Unknown,
        url: None,
        query: Vec::new(),
        headers: Vec::new(),
        body_kind: None,
        body_span: None,
        body: Vec::new(),
        basic_auth: false,
        rewrite_hints: Vec::new(),
    }
}

pub fn header_says_basic(h: &[Entry]) -> bool {
    h.iter().any(|e| {
        e.key.eq_ignore_ascii_case("authorization")
            && e.value.as_ref().is_some_and(|v| {
                v.text()
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("basic")
            })
    })
}

pub fn synthetic_entry(key: &str, value: &str, at: Span) -> Entry {
    Entry {
        key: key.to_string(),
        key_span: None,
        value: Some(StrValue {
            pieces: vec![Piece::synthetic(value)],
            span: at.clone(),
        }),
        value_span: None,
        span: at,
    }
}
