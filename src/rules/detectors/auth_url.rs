//! URL rules: retired OAuth hosts and prefixes (GT001, GT002, GT101–GT103),
//! the old token path (GT003), and `/authorize` parameters (GT009, GT010).

use super::shared_hosts::{host_literal, use_site_edits, Plan};
use super::{display_url, Context, StringUrls};
use crate::finding::{FixSafety, RawFinding};
use crate::goto::{parse_query, Host, UrlHit};
use crate::model::{Piece, Span, HOLE};
use crate::rules::Rule;

pub fn run(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    for s in ctx.urls.iter().filter(|s| !s.doc) {
        for hit in &s.hits {
            match code {
                "GT001" => legacy_proxy(ctx, s, hit, rule, code, out),
                "GT002" => v2_proxy(ctx, s, hit, rule, code, out),
                "GT003" => access_token_path(s, hit, rule, code, out),
                "GT009" | "GT010" if !ctx.model.text_only => authorize(s, hit, rule, code, out),
                "GT101" | "GT102" | "GT103" => legacy_host(ctx, s, hit, rule, code, out),
                _ => {}
            }
        }
        if code == "GT003" && ctx.goto_context && !ctx.model.text_only {
            unresolved_access_token_path(s, rule, code, out);
        }
    }
    if code == "GT002" && ctx.goto_context && !ctx.model.text_only {
        unresolved_v2_paths(ctx, rule, code, out);
    }
}

/// Where the query of a URL ends. A URL ends at whitespace, but not at
/// whitespace inside a value joined in from elsewhere: `scope` bound to
/// `"calls.v2.initiate cr.v1.read"` and written as `&scope={scope}&state=…`
/// leaves the rest of the query, `state` too, after its spaces.
fn query_end(s: &StringUrls, end: usize) -> usize {
    let own = &s.value.span;
    let joined = |at: usize| {
        s.value.piece_at(at).is_some_and(|(i, _)| {
            matches!(&s.value.pieces[i], Piece::Lit { src: Some(src), .. }
                if !(own.start <= src.start && src.end <= own.end))
        })
    };
    if !joined(end) {
        return end;
    }
    for (k, c) in s.text[end..].char_indices() {
        if c.is_whitespace() && !joined(end + k) {
            return end + k;
        }
    }
    s.text.len()
}

/// A path under `oauth/v2/` whose host is not known here (a wrapper's
/// parameter, a base passed in: `c.do("POST", "/oauth/v2/token", form)`)
/// in a file that names `api.getgo.com`: only the retired proxy had these
/// paths. Reported at the path, without a fix (the host is elsewhere),
/// unless a resolved URL already reports it.
fn unresolved_v2_paths(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    let names_getgo = ctx
        .urls
        .iter()
        .any(|u| u.hits.iter().any(|h| h.host == Host::GetGo));
    if !names_getgo {
        return;
    }
    for s in ctx.urls.iter().filter(|s| !s.doc && s.hits.is_empty()) {
        let lower = s.text.to_ascii_lowercase();
        let Some(at) = lower.find("oauth/v2") else {
            continue;
        };
        let end = at + "oauth/v2".len();
        let whole_segment = lower
            .as_bytes()
            .get(end)
            .is_none_or(|&b| b == b'/' || b == b'?' || b == b'"');
        // what stands before `oauth/`: nothing known, or a hole
        let head = &s.text[..at];
        let head = head.strip_suffix('/').unwrap_or(head);
        if !whole_segment || !(head.is_empty() || head.ends_with(HOLE)) {
            continue;
        }
        let Some(span) = s.value.source_of(at..end) else {
            continue;
        };
        let reported = out.iter().any(|f| {
            f.code == code && f.span.start < span.end.max(span.start + 1) && span.start < f.span.end
        });
        if reported {
            continue;
        }
        let url = s.value.display();
        out.push(RawFinding::new(
            code,
            span,
            rule.render_message(&[("url", &url)]),
        ));
    }
}

fn message(rule: &Rule, s: &StringUrls, hit: &UrlHit) -> String {
    let url = display_url(s.value, hit);
    rule.render_message(&[("url", &url)])
}

/// The scheme+`//` to keep when replacing a URL's start.
fn scheme_prefix(hit: &UrlHit) -> &'static str {
    if hit.scheme.is_some() {
        "https://"
    } else if hit.start < hit.host_range.start {
        "//"
    } else {
        ""
    }
}

/// Replace `text[range]` with `with`, when the range sits in one literal.
fn replace(s: &StringUrls, range: std::ops::Range<usize>, with: String) -> Vec<(Span, String)> {
    match s.value.source_of(range) {
        Some(span) => vec![(span, with)],
        None => Vec::new(),
    }
}

fn host_and_prefix_finding(
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    prefix_len: usize,
    replacement: &str,
) -> RawFinding {
    let bad = hit.host_range.start..hit.path_range.start + prefix_len;
    // where the path is written: after its first slash, which may end the
    // base (`"https://api.getgo.com/"` joined with `"oauth/v2/token"`)
    let anchor = if s.text[hit.path_range.clone()].starts_with('/') && prefix_len > 1 {
        hit.path_range.start + 1
    } else {
        hit.path_range.start
    };
    let span = s
        .value
        .source_near(bad.clone(), anchor)
        .or_else(|| s.value.source_near(bad, hit.host_range.start))
        .unwrap_or_else(|| s.value.span.clone());
    // keep a scheme-less or protocol-relative URL in its form
    let replacement = replacement
        .strip_prefix("https://")
        .map(|rest| format!("{}{}", scheme_prefix(hit), rest))
        .unwrap_or_else(|| replacement.to_string());
    let mut edits = replace(
        s,
        hit.start..hit.path_range.start + prefix_len,
        replacement.clone(),
    );
    if edits.is_empty() && replacement.ends_with('/') {
        // `/oauth` ends one literal and `/…` starts the next: stop before the slash
        let shorter = replacement.trim_end_matches('/').to_string();
        edits = replace(s, hit.start..hit.path_range.start + prefix_len - 1, shorter);
    }
    RawFinding::new(code, span, message(rule, s, hit)).with_edits(edits)
}

fn legacy_proxy(
    ctx: &Context,
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    if hit.host != Host::GetGo {
        return;
    }
    let path = s.text.get(hit.path_range.clone()).unwrap_or("");
    let lower = path.to_ascii_lowercase();
    let is_v2 = lower == "/oauth/v2" || lower.starts_with("/oauth/v2/");
    if is_v2 || !(lower == "/oauth" || lower.starts_with("/oauth/")) {
        return;
    }
    let replacement = rule
        .param_str("replacement")
        .unwrap_or("https://authentication.logmeininc.com/oauth/");
    // replace through `/oauth/` when the slash is there, else through `/oauth`
    let (prefix_len, replacement) = if lower.starts_with("/oauth/") {
        (7, replacement.to_string())
    } else {
        (6, replacement.trim_end_matches('/').to_string())
    };
    let f = host_and_prefix_finding(s, hit, rule, code, prefix_len, &replacement);
    out.extend(by_shared_host(ctx, s, hit, f));
}

fn v2_proxy(
    ctx: &Context,
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    if hit.host != Host::GetGo {
        return;
    }
    let lower = s
        .text
        .get(hit.path_range.clone())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(lower == "/oauth/v2" || lower.starts_with("/oauth/v2/")) {
        return;
    }
    let replacement = rule
        .param_str("replacement")
        .unwrap_or("https://authentication.logmeininc.com/oauth");
    let f = host_and_prefix_finding(s, hit, rule, code, 9, replacement);
    out.extend(by_shared_host(ctx, s, hit, f));
}

const JOINED_TITLE: &str =
    "Write the new URL where the path is: the client's base URL serves its other requests, so it stays";

const USE_SITE_TITLE: &str =
    "Write the new URL where it is used: the host constant also serves other requests, so it stays";

/// An OAuth URL built from a shared host literal: one fix for the literal
/// and every use when all uses are OAuth (safe), else the URL rewritten
/// where it is written (unsafe), else none.
fn by_shared_host(
    ctx: &Context,
    s: &StringUrls,
    hit: &UrlHit,
    mut f: RawFinding,
) -> Vec<RawFinding> {
    let mut at_literal = None;
    match ctx.shared_hosts.plan(s.value, hit) {
        // a URL a client joins from its base and a written path: the base
        // serves the client's every request, so the path becomes absolute
        None if f.edits.is_empty() => {
            if let Some(edits) = use_site_edits(&ctx.source.text, s.value, &s.text, hit) {
                // reported where the path is written: each request its own
                if let Some((at, _)) = edits.first() {
                    f.span = at.start..at.end.max(at.start + 1);
                }
                f.edits = edits;
                f.weaker_fix = Some((FixSafety::Unsafe, JOINED_TITLE.to_string()));
            }
        }
        None => {}
        Some(Plan::Constant(edits)) => {
            f.edits = edits.clone();
            // the fix changes the host literal where it is written: reported
            // there too (once, however many uses share it)
            if let Some((_, _, literal)) = host_literal(s.value, hit) {
                let elsewhere = !(f.span.start <= literal.start && literal.end <= f.span.end);
                if elsewhere && reported_on_its_own(ctx, &literal) {
                    // the literal is an OAuth URL with its own finding and
                    // fix (a client's `base_uri` on the old host): this one
                    // is the URL the use builds, reported at the use alone
                    f.edits.clear();
                } else if elsewhere
                    && edits
                        .iter()
                        .any(|(e, _)| e.start <= literal.start && literal.end <= e.end)
                {
                    let mut g = RawFinding::new(f.code, literal, f.message.clone());
                    g.edits = edits.clone();
                    at_literal = Some(g);
                }
            }
        }
        Some(Plan::UseSite) => {
            f.edits = use_site_edits(&ctx.source.text, s.value, &s.text, hit).unwrap_or_default();
            f.weaker_fix = Some((FixSafety::Unsafe, USE_SITE_TITLE.to_string()));
            // a path a client joins onto a base written elsewhere: reported
            // where the edit is, the use
            let within = |at: &Span| {
                f.edits
                    .iter()
                    .any(|(e, _)| e.start <= at.start && at.end <= e.end.max(e.start + 1))
            };
            let text = &ctx.source.text;
            let apart = |at: &Span| {
                let (a, b) = (at.start.min(f.span.start), at.end.max(f.span.end));
                text.get(a..b).is_some_and(|t| t.contains('\n'))
            };
            if let Some((at, _)) = f
                .edits
                .first()
                .filter(|(at, _)| !within(&f.span) && apart(at))
            {
                f.span = at.clone();
            }
        }
        Some(Plan::Unfixable) => f.edits.clear(),
    }
    std::iter::once(f).chain(at_literal).collect()
}

/// A literal that is itself an OAuth URL of a GoTo host (its own string,
/// with a path under `/oauth`): the URL rules report it where it stands.
fn reported_on_its_own(ctx: &Context, literal: &Span) -> bool {
    ctx.urls.iter().any(|u| {
        u.value.span.start <= literal.start
            && literal.end <= u.value.span.end
            && u.value.pieces.len() == 1
            && u.hits.iter().any(|h| {
                u.text
                    .get(h.path_range.clone())
                    .is_some_and(|p| p.to_ascii_lowercase().starts_with("/oauth"))
            })
    })
}

fn access_token_path(
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    if !hit.is_auth(&s.text) || hit.path_incomplete || hit.host == Host::JiveAuth {
        return;
    }
    let old = rule.param_str("old_segment").unwrap_or("access_token");
    let new = rule.param_str("new_segment").unwrap_or("token");
    let path = s.text.get(hit.path_range.clone()).unwrap_or("");
    let trimmed = path.trim_end_matches('/');
    let Some(seg_start) = trimmed.rfind('/').map(|i| i + 1) else {
        return;
    };
    if !trimmed[seg_start..].eq_ignore_ascii_case(old) {
        return;
    }
    let range = hit.path_range.start + seg_start..hit.path_range.start + trimmed.len();
    let Some(span) = s.value.source_of(range.clone()) else {
        return;
    };
    out.push(
        RawFinding::new(code, span.clone(), message(rule, s, hit))
            .with_edits(vec![(span, new.to_string())]),
    );
}

/// `/oauth/access_token` after a host the file does not resolve
/// (`${base}/oauth/access_token`, a relative path) in a GoTo file.
fn unresolved_access_token_path(
    s: &StringUrls,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    let old = rule.param_str("old_segment").unwrap_or("access_token");
    let new = rule.param_str("new_segment").unwrap_or("token");
    let needle = format!("oauth/{old}");
    let lower = s.text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|t| t.find(&needle)) {
        let at = from + found;
        from = at + needle.len();
        let covered = s
            .hits
            .iter()
            .any(|h| at >= h.host_range.end && at < h.end.max(h.path_range.end));
        if covered {
            continue;
        }
        // what stands before `oauth/`: nothing known, or a hole
        let head = &s.text[..at];
        let head = head.strip_suffix('/').unwrap_or(head);
        let unknown_host = head.is_empty() || head.ends_with(HOLE);
        let after_ok = lower
            .as_bytes()
            .get(from)
            .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
        if !unknown_host || !after_ok {
            continue;
        }
        let seg = at + 6..from;
        if let Some(span) = s.value.source_of(seg) {
            let url = s.value.display();
            out.push(
                RawFinding::new(code, span.clone(), rule.render_message(&[("url", &url)]))
                    .with_edits(vec![(span, new.to_string())]),
            );
        }
    }
}

fn authorize(
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    if !matches!(
        hit.host,
        Host::GetGo | Host::CitrixOnline | Host::Authentication | Host::Extra
    ) || !hit.is_authorize_endpoint(&s.text)
    {
        return;
    }
    // a bare base URL gets its parameters elsewhere (an OAuth library, a builder)
    let Some(q) = hit.query_start else {
        return;
    };
    let end = query_end(s, hit.end);
    let Some(params) = parse_query(&s.text, q + 1..end) else {
        return;
    };
    let wanted = if code == "GT009" {
        "response_type"
    } else {
        "state"
    };
    if params.iter().any(|p| p.key.eq_ignore_ascii_case(wanted)) {
        return;
    }
    let path = s.text.get(hit.path_range.clone()).unwrap_or("");
    let seg_start = path
        .trim_end_matches('/')
        .rfind('/')
        .map(|i| i + 1)
        .unwrap_or(0);
    let seg = hit.path_range.start + seg_start..hit.path_range.end;
    // point where the query is written (the `?`), else at the path
    let query_end = s
        .value
        .piece_at(q)
        .map(|(_, r)| r.end.min(hit.end))
        .unwrap_or(q + 1);
    let span = s
        .value
        .source_of(q..query_end)
        .or_else(|| s.value.source_of(q..q + 1))
        .or_else(|| s.value.source_near(seg.clone(), seg.start))
        .unwrap_or_else(|| s.value.span.clone());
    let whole = UrlHit { end, ..hit.clone() };
    let mut f = RawFinding::new(code, span, message(rule, s, &whole));
    if code == "GT009" {
        let append = rule.param_str("append").unwrap_or("response_type=code");
        if let Some(mark) = s.value.source_of(q..q + 1) {
            let sep = if q + 1 == hit.end { "" } else { "&" };
            f.edits = vec![(mark.end..mark.end, format!("{append}{sep}"))];
        } else if let Some(path_end) = hit
            .path_range
            .end
            .checked_sub(1)
            .and_then(|p| s.value.source_of(p..hit.path_range.end))
            .filter(|_| hit.path_range.end == q)
        {
            // the query is added by a call (`add_query_arg`, a `params`
            // option): those keep a query the URL already has
            f.edits = vec![(path_end.end..path_end.end, format!("?{append}"))];
            f.weaker_fix = Some((
                FixSafety::Unsafe,
                format!("Write `?{append}` into the URL the query is added to"),
            ));
        }
    }
    out.push(f);
}

fn legacy_host(
    ctx: &Context,
    s: &StringUrls,
    hit: &UrlHit,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    let wanted = match code {
        "GT101" => Host::CitrixOnline,
        "GT102" => Host::JiveAuth,
        _ => Host::JiveApi,
    };
    if hit.host != wanted {
        return;
    }
    let lower_path = s
        .text
        .get(hit.path_range.clone())
        .unwrap_or("")
        .to_ascii_lowercase();
    let scheme = scheme_prefix(hit);
    let is_oauth = lower_path == "/oauth" || lower_path.starts_with("/oauth/");
    let shared = if code == "GT101" {
        ctx.shared_hosts.plan(s.value, hit)
    } else {
        None
    };
    // the retired host is reported where it is written, once: an OAuth URL
    // built from a shared host carries its use-site rewrite on that finding
    // (one use per pass); only a host written in another file is shown at
    // the use
    let at_host = s.value.source_of(hit.host_range.clone());
    let span = match (shared, at_host) {
        (_, Some(host)) => host,
        (Some(_), None) if is_oauth => s
            .value
            .source_near(hit.path_range.clone(), hit.path_range.start)
            .unwrap_or_else(|| s.value.span.clone()),
        _ => s
            .value
            .source_near(hit.host_range.clone(), hit.host_range.start)
            .unwrap_or_else(|| s.value.span.clone()),
    };
    let all_oauth = matches!(shared, Some(Plan::Constant(_)));
    let replacement = match code {
        "GT101" if is_oauth || all_oauth => rule
            .param_str("auth_replacement")
            .unwrap_or("https://authentication.logmeininc.com/oauth/"),
        "GT101" => rule
            .param_str("replacement_host")
            .unwrap_or("api.getgo.com"),
        _ => "",
    };
    let url = display_url(s.value, hit);
    let mut f = RawFinding::new(
        code,
        span,
        rule.render_message(&[("url", &url), ("replacement", replacement)]),
    );
    match (code, shared) {
        ("GT101", Some(Plan::Constant(edits))) => f.edits = edits.clone(),
        ("GT101", Some(Plan::UseSite)) if is_oauth => {
            f.edits = use_site_edits(&ctx.source.text, s.value, &s.text, hit).unwrap_or_default();
            f.weaker_fix = Some((FixSafety::Unsafe, USE_SITE_TITLE.to_string()));
        }
        // the literal's own host stays as long as its OAuth uses cannot move
        ("GT101", Some(Plan::Unfixable)) => {}
        ("GT101", _) => {
            if is_oauth {
                let auth = rule
                    .param_str("auth_replacement")
                    .unwrap_or("https://authentication.logmeininc.com/oauth/");
                let rest = auth.strip_prefix("https://").unwrap_or(auth);
                // `/v2` goes too: the new host serves no `/oauth/v2`
                let (len, rest) = if lower_path.starts_with("/oauth/v2/") {
                    (10, rest.to_string())
                } else if lower_path == "/oauth/v2" {
                    (9, rest.trim_end_matches('/').to_string())
                } else if lower_path.starts_with("/oauth/") {
                    (7, rest.to_string())
                } else {
                    (6, rest.trim_end_matches('/').to_string())
                };
                f.edits = replace(
                    s,
                    hit.start..hit.path_range.start + len,
                    format!("{scheme}{rest}"),
                );
            } else {
                let host = rule
                    .param_str("replacement_host")
                    .unwrap_or("api.getgo.com");
                f.edits = replace(s, hit.host_range.clone(), host.to_string());
            }
        }
        ("GT102", _) => {
            if hit.path_incomplete {
            } else if lower_path.ends_with("/token") {
                let auth = rule
                    .param_str("auth_replacement")
                    .unwrap_or("https://authentication.logmeininc.com/oauth/");
                f.edits = replace(s, hit.start..hit.path_range.end, format!("{auth}token"));
            } else if lower_path.ends_with("/authorize") || lower_path.ends_with("/grant") {
                let to = rule
                    .param_str("replacement")
                    .unwrap_or("https://authentication.logmeininc.com/oauth/authorize");
                f.edits = replace(s, hit.start..hit.path_range.end, to.to_string());
            }
        }
        _ => {
            let host = rule.param_str("replacement_host").unwrap_or("api.goto.com");
            f.edits = replace(s, hit.host_range.clone(), host.to_string());
        }
    }
    out.push(f);
}
