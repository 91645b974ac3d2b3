//! Helpers the front ends' checks share: find a value by its source text,
//! show a request's URL and keys, find a read.

use gotolint::model::*;

/// The source text of a span (`<bad span>` when it does not fit).
pub fn at<'a>(src: &'a str, s: &Span) -> &'a str {
    src.get(s.clone()).unwrap_or("<bad span>")
}

/// The string value whose whole expression is `expr` in the source.
pub fn string_from<'a>(m: &'a FileModel, src: &str, expr: &str) -> &'a StrValue {
    m.strings
        .iter()
        .find(|s| at(src, &s.span) == expr)
        .unwrap_or_else(|| panic!("no string for {expr:?}"))
}

/// A request's URL as messages show it.
pub fn url(r: &HttpRequest) -> String {
    r.url.as_ref().map(|u| u.display()).unwrap_or_default()
}

/// The keys of some entries, in order.
pub fn keys(e: &[Entry]) -> Vec<&str> {
    e.iter().map(|e| e.key.as_str()).collect()
}

/// The first read of `field`.
pub fn read<'a>(m: &'a FileModel, field: &str) -> &'a FieldRead {
    m.field_reads
        .iter()
        .find(|r| r.field == field)
        .unwrap_or_else(|| panic!("no read of {field}"))
}

/// The source text that decided a request's method.
pub fn method_span<'a>(src: &'a str, r: &HttpRequest) -> &'a str {
    match &r.method_source {
        MethodSource::Explicit { span } | MethodSource::Default { span } => at(src, span),
        MethodSource::Unknown => "<unknown>",
    }
}

/// The first read of `field` in code (not a typed model's declaration).
pub fn read_in_code<'a>(m: &'a FileModel, field: &str) -> &'a FieldRead {
    m.field_reads
        .iter()
        .find(|r| r.field == field && r.kind != ReadKind::Declaration)
        .unwrap_or_else(|| panic!("no read of {field}"))
}
