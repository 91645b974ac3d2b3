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

/// Whether a request lowered again for one call of a wrapper says nothing
/// the wrapper's own request did not already say (then it is dropped).
pub fn same_request(a: &HttpRequest, b: &HttpRequest) -> bool {
    let keys = |es: &[Entry]| es.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
    a.url.as_ref().map(|u| u.text()) == b.url.as_ref().map(|u| u.text())
        && a.method == b.method
        && keys(&a.query) == keys(&b.query)
        && keys(&a.body) == keys(&b.body)
        && a.body_kind == b.body_kind
        && a.basic_auth == b.basic_auth
        && keys(&a.headers) == keys(&b.headers)
}

/// Make a request lowered inside a wrapper (or a chain of wrappers, whose
/// bodies are `wrappers`) the caller's request: it spans
/// the call, a method the wrapper itself writes is reported at the called
/// name, and edits inside the wrapper are dropped (they would change every
/// caller).
pub fn adopt_at_call_site(r: &mut HttpRequest, wrappers: &[Span], call: Span, callee: Span) {
    let inside = |sp: &Span| {
        wrappers
            .iter()
            .any(|w| sp.start < w.end && w.start < sp.end)
    };
    match &mut r.method_source {
        MethodSource::Explicit { span } | MethodSource::Default { span } if inside(span) => {
            *span = callee
        }
        _ => {}
    }
    r.rewrite_hints
        .retain(|h| h.edits.iter().all(|(sp, _)| !inside(sp)));
    r.span = call;
}

/// A refresh grant: `grant_type=refresh_token` in the body, the query or
/// the URL.
pub fn is_refresh(r: &HttpRequest) -> bool {
    let grant = |e: &Entry| {
        e.key == "grant_type"
            && e.value
                .as_ref()
                .is_some_and(|v| v.text() == "refresh_token")
    };
    r.body.iter().chain(&r.query).any(grant)
        || r.url
            .as_ref()
            .is_some_and(|u| u.text().contains("grant_type=refresh_token"))
}

/// The entries written into the map the name `e` holds after its binding
/// and before `e` (`params["client_id"] = id`, see
/// [`crate::sema::scope::Scopes::keyed_sets`]):
/// `key` reads a written key (its text and the span of that text), `value`
/// resolves a written value.
pub fn keyed_entries(
    sc: &crate::sema::scope::Scopes,
    a: &crate::lang::ts::Arena,
    e: u32,
    key: impl Fn(u32) -> Option<(String, Span)>,
    value: impl Fn(u32) -> Option<StrValue>,
) -> Vec<Entry> {
    sc.keyed_sets(a, e, a.text(e))
        .into_iter()
        .filter_map(|w| {
            let (k, key_span) = key(w.key)?;
            Some(Entry {
                key: k,
                key_span: Some(key_span),
                value: value(w.value),
                value_span: Some(a.span(w.value)),
                span: a.span(w.stmt),
            })
        })
        .collect()
}

/// The method a call of the program's own wrapper names among its
/// arguments (`_call($path, $params, 'POST')`), when one is a plain
/// method literal.
pub fn named_method(arguments: impl IntoIterator<Item = StrValue>) -> Option<Method> {
    arguments
        .into_iter()
        .filter(StrValue::is_plain)
        .map(|v| Method::parse(&v.text()))
        .find(|m| *m != Method::Other)
}

/// A wrapper that picks its library call by method (`switch ($method)`,
/// `if method == "GET":`) lowers every branch for each call: a branch whose
/// method is not the one the caller names is not this call's request.
pub fn other_branch(named: Option<Method>, got: Option<Method>, branches: usize) -> bool {
    branches > 1 && matches!((named, got), (Some(want), Some(got)) if want != got)
}
