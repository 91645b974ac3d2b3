//! Token requests and what they send (GT004–GT008, GT015), and the
//! per-file facts behind GT013.

use super::{inside, Context, FileFacts};
use crate::finding::RawFinding;
use crate::goto::{self, find_form_pairs, parse_query};
use crate::model::{BodyKind, Entry, HttpRequest, Method, MethodSource, Span, StrValue, HOLE};
use crate::rules::Rule;

/// A request the file makes to a GoTo token endpoint.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// index into `FileModel::http_requests`
    pub request: usize,
    /// the URL for messages
    pub url: String,
    /// `grant_type` values sent (literal ones)
    pub grants: Vec<String>,
}

impl TokenRequest {
    pub fn is_refresh(&self) -> bool {
        self.grants.iter().any(|g| g == "refresh_token")
    }
    /// Only the client-credentials grant is sent: its response carries no
    /// refresh token (RFC 6749, 4.4.3); the program asks again for a new
    /// access token, so there is nothing to refresh.
    pub fn is_client_credentials(&self) -> bool {
        !self.grants.is_empty() && self.grants.iter().all(|g| g == "client_credentials")
    }
    /// Whether the grant is known and is not a refresh.
    pub fn is_known_non_refresh(&self) -> bool {
        !self.grants.is_empty() && !self.is_refresh()
    }
}

/// The URL's host is not known in this file: a hole before the path, a
/// relative path, or no URL at all.
pub(super) fn host_unknown(url: Option<&StrValue>) -> bool {
    let Some(url) = url else { return true };
    let text = url.text();
    let text = text.trim_start();
    // a path with no host before it (`oauth/access_token`): the first
    // segment names no host (no dot, no port)
    let relative = !text.contains("://")
        && text
            .split(['/', '?'])
            .next()
            .is_some_and(|first| !first.is_empty() && !first.contains(['.', ':', HOLE]));
    text.is_empty()
        || text.starts_with(HOLE)
        || text.starts_with('/') && !text.starts_with("//")
        || relative && text.contains('/')
}

/// The response of request `i` comes from an API that is not a token
/// endpoint: its URL names a host (GoTo's or another) and it is not a
/// token request (the admin users API, SCIM `/identity/v1/Users/me`).
pub fn answers_another_api(ctx: &Context, i: usize) -> bool {
    let Some(req) = ctx.model.http_requests.get(i) else {
        return false;
    };
    !host_unknown(req.url.as_ref()) && ctx.token_request(i).is_none()
}

fn entry_value(e: &Entry) -> Option<String> {
    e.value.as_ref().filter(|v| v.is_plain()).map(|v| v.text())
}

/// `grant_type` values of a request: body/query entries and `a=b` strings.
fn grants_of(req: &HttpRequest) -> Vec<String> {
    let mut grants = Vec::new();
    for e in req.body.iter().chain(&req.query) {
        if e.key == "grant_type" {
            if let Some(v) = entry_value(e) {
                grants.push(v);
            }
        }
    }
    if let Some(url) = &req.url {
        for p in find_form_pairs(&url.text()) {
            if p.key == "grant_type" && !p.value.contains(HOLE) {
                grants.push(p.value);
            }
        }
    }
    grants
}

/// `grant_type` values written in a map earlier in the function that makes
/// a request whose body is not known (`$data = ['grant_type' =>
/// 'refresh_token', …]; $curl->post($url, self::encode($data))`).
fn grants_written_before(ctx: &Context, req: &HttpRequest) -> Vec<String> {
    let Some(f) = ctx.model.function_of(&req.span) else {
        return Vec::new();
    };
    ctx.model
        .entries
        .iter()
        .filter(|e| e.key == "grant_type" && e.span.start < req.span.start)
        .filter(|e| ctx.model.function_of(&e.span) == Some(f))
        .filter_map(entry_value)
        .collect()
}

fn sends_grant_type(req: &HttpRequest) -> bool {
    req.body
        .iter()
        .chain(&req.query)
        .any(|e| e.key == "grant_type")
        || req
            .url
            .as_ref()
            .is_some_and(|u| u.text().contains("grant_type="))
}

pub fn find_token_requests(ctx: &Context) -> Vec<TokenRequest> {
    let mut out = Vec::new();
    for (i, req) in ctx.model.http_requests.iter().enumerate() {
        let url_text = req.url.as_ref().map(|u| u.text()).unwrap_or_default();
        let hits = goto::find_urls(&url_text, ctx.extra_hosts);
        let is_token = if let Some(hit) = hits.first() {
            hit.is_token_endpoint(&url_text)
        } else if host_unknown(req.url.as_ref()) {
            let path = url_text.to_ascii_lowercase();
            let token_path = ["/oauth/token", "/oauth/access_token", "/oauth/v2/token"]
                .iter()
                .any(|p| {
                    path.split(['?', HOLE]).any(|part| {
                        let part = part.trim_end_matches('/');
                        part.ends_with(p) || part == &p[1..]
                    })
                });
            ctx.goto_context && (sends_grant_type(req) || token_path)
        } else {
            false
        };
        if is_token {
            let url = req
                .url
                .as_ref()
                .map(|u| u.display())
                .unwrap_or_else(|| "the token endpoint".to_string());
            let mut grants = grants_of(req);
            if grants.is_empty() && req.body.is_empty() {
                grants = grants_written_before(ctx, req);
            }
            out.push(TokenRequest {
                request: i,
                url: one_line(&url),
                grants,
            });
        }
    }
    out
}

fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.chars().count() > 160 {
        let cut: String = line.chars().take(160).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// Source span of an entry's literal value content, or the value expression.
fn value_span(e: &Entry) -> Span {
    if let Some(v) = &e.value {
        let text = v.text();
        if let Some(span) = v.source_of(0..text.len()) {
            return span;
        }
    }
    e.value_span.clone().unwrap_or_else(|| e.span.clone())
}

/// Requests whose URL resolves to a host that is not GoTo's: the spans of
/// the calls and of their body/query entries (which may be defined earlier
/// in a variable) belong to another provider.
/// Two entries look like parts of one object/dict: the text between them
/// has no unbalanced closing bracket and is short.
fn same_container(source: &str, a: &Span, b: &Span) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    if second.start < first.end || second.start - first.end > 2000 {
        return second.start < first.end;
    }
    let between = source.get(first.end..second.start).unwrap_or("");
    let mut depth: i32 = 0;
    for c in between.chars() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

pub fn run(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    match code {
        "GT004" => get_method(ctx, rule, code, out),
        "GT005" => client_id(ctx, rule, code, out),
        "GT006" => json_body(ctx, rule, code, out),
        "GT007" => user_id(ctx, rule, code, out),
        "GT008" => password_grant(ctx, rule, code, out),
        "GT015" => params_in_query(ctx, rule, code, out),
        _ => {}
    }
}

fn get_method(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    for t in &ctx.token_requests {
        let req = &ctx.model.http_requests[t.request];
        if req.method != Some(Method::Get) {
            continue;
        }
        let span = match &req.method_source {
            MethodSource::Explicit { span } | MethodSource::Default { span } => span.clone(),
            MethodSource::Unknown => continue,
        };
        let edits = req
            .rewrite_hints
            .iter()
            .find(|h| h.kind == crate::model::RewriteKind::ToPost)
            .map(|h| h.edits.clone())
            .unwrap_or_default();
        let msg = rule.render_message(&[("url", &t.url), ("method", "GET")]);
        out.push(RawFinding::new(code, span, msg).with_edits(edits));
    }
}

fn client_id(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    let keys = rule.param_list("keys");
    let keys: Vec<&str> = if keys.is_empty() {
        vec!["client_id", "client_secret"]
    } else {
        keys.iter().map(String::as_str).collect()
    };
    for t in &ctx.token_requests {
        let req = &ctx.model.http_requests[t.request];
        // both parameters of a request share one rewrite: sent as Basic
        let basic = hint_edits(req, crate::model::RewriteKind::BasicAuth);
        // OAuth libraries send the client credentials as Basic by default;
        // where the front end read a configuration that sends them in the
        // body (an auth style, an auth scheme) the request is not Basic
        if (req.library == "requests_oauthlib" || req.library == "oauth2") && req.basic_auth {
            let include = req.body.iter().any(|e| {
                e.key == "include_client_id"
                    && entry_value(e).is_some_and(|v| v == "True" || v == "true")
            });
            if !include {
                continue;
            }
        }
        for e in req.body.iter().chain(&req.query) {
            if keys.contains(&e.key.as_str()) {
                let span = e.key_span.clone().unwrap_or_else(|| e.span.clone());
                out.push(
                    RawFinding::new(
                        code,
                        span,
                        rule.render_message(&[("param", &e.key), ("url", &t.url)]),
                    )
                    .with_edits(basic.clone()),
                );
            }
        }
        let texts = req.url.iter().map(|u| (u, u.text()));
        for (value, text) in texts {
            let Some(q) = text.find('?') else { continue };
            for p in parse_query(&text, q + 1..text.len()).unwrap_or_default() {
                if keys.contains(&p.key.as_str()) {
                    if let Some(span) = value.source_of(p.key_range.clone()) {
                        out.push(RawFinding::new(
                            code,
                            span,
                            rule.render_message(&[("param", &p.key), ("url", &t.url)]),
                        ));
                    }
                }
            }
        }
        // a form body written as one string: `client_id=…&grant_type=…`
        if let Some(body) = req.body_span.as_ref() {
            body_pairs(ctx, body, &keys, &t.url, rule, code, out);
        }
    }
    grant_urls(ctx, &keys, rule, code, out);
}

fn body_pairs(
    ctx: &Context,
    body: &Span,
    keys: &[&str],
    url: &str,
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    for s in &ctx.urls {
        if s.value.span.start >= body.start && s.value.span.end <= body.end {
            for p in find_form_pairs(&s.text) {
                if keys.contains(&p.key.as_str()) {
                    if let Some(span) = s.value.source_of(p.key_range.clone()) {
                        out.push(RawFinding::new(
                            code,
                            span,
                            rule.render_message(&[("param", &p.key), ("url", url)]),
                        ));
                    }
                }
            }
        }
    }
}

/// A token endpoint URL whose own query carries the grant
/// (`…/oauth/access_token?grant_type=password&…&client_id=…`) is a token
/// request wherever it is sent from, even through a call the analysis does
/// not know: its `client_id` is a parameter of that request.
fn grant_urls(
    ctx: &Context,
    keys: &[&str],
    rule: &Rule,
    code: &'static str,
    out: &mut Vec<RawFinding>,
) {
    // in text (docs, config lines) a URL is not known to be sent
    if ctx.model.text_only {
        return;
    }
    let foreign = ctx.foreign_requests.as_slice();
    // URLs of recognised token requests were reported above
    let known: Vec<Span> = ctx
        .token_requests
        .iter()
        .filter_map(|t| ctx.model.http_requests[t.request].url.as_ref())
        .map(|u| u.span.clone())
        .collect();
    for s in &ctx.urls {
        if s.doc || inside(&s.value.span, foreign) || inside(&s.value.span, &known) {
            continue;
        }
        let mut queries: Vec<usize> = s
            .hits
            .iter()
            .filter(|h| h.is_token_endpoint(&s.text))
            .filter_map(|h| h.query_start)
            .collect();
        if ctx.goto_context && s.hits.is_empty() {
            queries.extend(unresolved_token_query(&s.text));
        }
        for q in queries {
            let end = s.text[q..]
                .find(['#', ' ', '\n'])
                .map_or(s.text.len(), |i| q + i);
            let pairs = parse_query(&s.text, q + 1..end).unwrap_or_default();
            if !pairs.iter().any(|p| p.key == "grant_type") {
                continue;
            }
            let url = one_line(&s.value.display());
            for p in pairs.iter().filter(|p| keys.contains(&p.key.as_str())) {
                if let Some(span) = s.value.source_of(p.key_range.clone()) {
                    if out.iter().any(|f| f.code == code && f.span == span) {
                        continue;
                    }
                    out.push(RawFinding::new(
                        code,
                        span,
                        rule.render_message(&[("param", &p.key), ("url", &url)]),
                    ));
                }
            }
        }
    }
}

/// The `?` of `/oauth/access_token?…` after a host this file does not show
/// (a relative path a wrapper sends, a base joined elsewhere).
fn unresolved_token_query(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let needle = "oauth/access_token?";
    let at = lower.find(needle)?;
    let head = &text[..at];
    let head = head.strip_suffix('/').unwrap_or(head);
    (head.is_empty() || head.ends_with(HOLE)).then_some(at + needle.len() - 1)
}

/// A finding's span started where its fix starts, when that is on an
/// earlier line (the `'query' =>` key above the parameters, `asJson()`
/// above the body): the lines the fix edits lie in the finding.
fn from_first_edit(text: &str, span: Span, edits: &[(Span, String)]) -> Span {
    match edits.iter().map(|(e, _)| e.start).min() {
        Some(first)
            if first < span.start
                && text
                    .get(first..span.start)
                    .is_some_and(|t| t.contains('\n')) =>
        {
            first..span.end
        }
        _ => span,
    }
}

/// The edits of the request's rewrite of `kind`, if one was drafted.
fn hint_edits(req: &HttpRequest, kind: crate::model::RewriteKind) -> Vec<(Span, String)> {
    req.rewrite_hints
        .iter()
        .find(|h| h.kind == kind)
        .map(|h| h.edits.clone())
        .unwrap_or_default()
}

/// GT015: a POST whose grant parameters travel in the URL query or the
/// query argument. A GET is GT004's alone (its fix makes it a POST).
fn params_in_query(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    let keys = rule.param_list("keys");
    for t in &ctx.token_requests {
        let req = &ctx.model.http_requests[t.request];
        if req.method != Some(Method::Post) {
            continue;
        }
        let mut found: Vec<(Span, String)> = req
            .query
            .iter()
            .filter(|e| keys.contains(&e.key))
            .map(|e| {
                (
                    e.key_span.clone().unwrap_or_else(|| e.span.clone()),
                    e.key.clone(),
                )
            })
            .collect();
        if let Some(url) = &req.url {
            let text = url.text();
            if let Some(q) = text.find('?') {
                let end = text.find('#').unwrap_or(text.len()).max(q + 1);
                for p in parse_query(&text, q + 1..end).unwrap_or_default() {
                    if keys.contains(&p.key) {
                        let span = url
                            .source_of(p.key_range.clone())
                            .unwrap_or_else(|| url.span.clone());
                        found.push((span, p.key));
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        found.sort_by_key(|(s, _)| (s.start, s.end));
        let mut names: Vec<String> = Vec::new();
        for (_, k) in &found {
            let named = format!("`{k}`");
            if !names.contains(&named) {
                names.push(named);
            }
        }
        let msg = rule.render_message(&[("url", &t.url), ("params", &names.join(", "))]);
        let edits = hint_edits(req, crate::model::RewriteKind::QueryToForm);
        let span = from_first_edit(&ctx.source.text, found[0].0.clone(), &edits);
        out.push(RawFinding::new(code, span, msg).with_edits(edits));
    }
}

/// Past the string literal opened by `quote`; false for a template literal
/// with an interpolation (its value is not written here).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, quote: char) -> bool {
    while let Some(d) = chars.next() {
        if d == '\\' {
            chars.next();
        } else if d == quote {
            break;
        } else if quote == '`' && d == '$' && chars.peek() == Some(&'{') {
            return false;
        }
    }
    true
}

/// A body expression with no object or array written inside another one
/// (`payload`, `&body`, `Object.assign({ client_id: id }, grant)`): only
/// the values it names could nest, and a token request's do not.
fn nests_nothing(body: &str) -> bool {
    let mut depth = 0usize;
    let mut chars = body.chars().peekable();
    let mut word = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' if !skip_string(&mut chars, c) => return false,
            '"' | '\'' | '`' => {}
            '{' | '[' => {
                depth += 1;
                if depth > 1 {
                    return false;
                }
            }
            '(' if word.eq_ignore_ascii_case("array") => {
                depth += 1;
                if depth > 1 {
                    return false;
                }
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            word.clear();
        }
    }
    true
}

/// A body that form encoding keeps intact: an object (dict, hash, PHP
/// array) literal whose values are all scalars, or a string literal. Nested
/// objects, arrays, spreads (`...x`, `**x`) and a variable holding the
/// whole body would be sent garbled (`[object Object]`).
fn is_flat_scalar_body(body: &str) -> bool {
    let mut body = body.trim();
    // Rust: `&serde_json::json!({…})`
    body = body.strip_prefix('&').unwrap_or(body).trim();
    // the serialising call around the object: `JSON.stringify({…})`
    for wrapper in [
        "JSON.stringify(",
        "json.dumps(",
        "json_encode(",
        "wp_json_encode(",
        "to_json(",
        "serde_json::json!(",
        "json!(",
    ] {
        if let Some(inner) = body.strip_prefix(wrapper).and_then(|b| b.strip_suffix(')')) {
            body = inner.trim();
        }
    }
    // Ruby: `{…}.to_json`
    body = body.strip_suffix(".to_json").unwrap_or(body).trim();
    let quoted = |q: char| body.len() >= 2 && body.starts_with(q) && body.ends_with(q);
    if ['"', '\'', '`'].into_iter().any(quoted) {
        return !body[1..body.len() - 1].contains(body.chars().next().unwrap_or('"'));
    }
    let inner = if let Some(rest) = body.strip_prefix("array(") {
        rest.strip_suffix(')')
    } else if body.starts_with('{') && body.ends_with('}')
        || body.starts_with('[') && body.ends_with(']') && body.contains("=>")
    {
        body.get(1..body.len() - 1)
    } else {
        None
    };
    let Some(inner) = inner else {
        return false;
    };
    // outside string literals and comments: no nesting, no spread
    let mut chars = inner.chars().peekable();
    // the last character that is not blank, a comment or inside a string
    let mut last = ',';
    // the name just before, for `array(`
    let mut word = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' if !skip_string(&mut chars, c) => return false,
            '"' | '\'' | '`' => {}
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                continue;
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut star = false;
                for d in chars.by_ref() {
                    if star && d == '/' {
                        break;
                    }
                    star = d == '*';
                }
                continue;
            }
            '#' if last == ',' || last.is_whitespace() => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                continue;
            }
            // an object or an array as a value (a subscript `$a['k']`,
            // `b[0]` follows a name and is a scalar read)
            '{' => return false,
            '[' if matches!(last, ':' | ',' | '(' | '>' | '=') => return false,
            // PHP `array(…)` as a value
            '(' if word.eq_ignore_ascii_case("array") => return false,
            '.' if chars.peek() == Some(&'.') => return false,
            '*' if chars.peek() == Some(&'*') => return false,
            _ => {}
        }
        if !c.is_whitespace() {
            last = c;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            word.clear();
        }
    }
    true
}

fn json_body(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    for t in &ctx.token_requests {
        let req = &ctx.model.http_requests[t.request];
        let pairwise = hint_edits(req, crate::model::RewriteKind::JsonToForm);
        let mut edits = if pairwise.is_empty() {
            hint_edits(req, crate::model::RewriteKind::ToForm)
        } else {
            pairwise.clone()
        };
        let mut msg = rule.render_message(&[("url", &t.url)]);
        let body_text = req
            .body_span
            .as_ref()
            .and_then(|s| ctx.source.text.get(s.clone()));
        // a body held in a name, or merged from one, is taken to be what a
        // token request's body is: OAuth parameters, all scalars
        let flat = !pairwise.is_empty()
            || body_text.is_some_and(|b| is_flat_scalar_body(b) || nests_nothing(b));
        if !edits.is_empty() && !flat {
            edits.clear();
            msg.push_str(
                "; no fix is offered: the body holds nested objects or arrays, which form \
                 encoding would garble (encode those fields by hand)",
            );
        }
        // an explicit JSON content type is the thing to change; else the
        // body. Of a header given twice the later one is sent (a map keeps
        // the last value of a key written twice).
        let json_header = req
            .headers
            .iter()
            .rfind(|h| h.key.eq_ignore_ascii_case("content-type"))
            .filter(|h| entry_value(h).is_some_and(|v| v.to_ascii_lowercase().contains("json")));
        // reported at the JSON content type, else at the body; a fix that
        // starts on an earlier line (`Http::asJson()->post(…)`) moves it there
        let at = |span: Span| from_first_edit(&ctx.source.text, span, &edits);
        if let Some(h) = json_header {
            out.push(RawFinding::new(code, at(value_span(h)), msg).with_edits(edits));
        } else if req.body_kind == Some(BodyKind::Json) {
            let span = req.body_span.clone().unwrap_or_else(|| req.span.clone());
            out.push(RawFinding::new(code, at(span), msg).with_edits(edits));
        }
    }
}

fn password_entries<'m>(ctx: &'m Context) -> Vec<&'m Entry> {
    let mut entries: Vec<&Entry> = ctx.model.entries.iter().collect();
    for req in &ctx.model.http_requests {
        entries.extend(req.body.iter().chain(&req.query));
    }
    entries
        .into_iter()
        .filter(|e| e.key == "grant_type" && entry_value(e).is_some_and(|v| v == "password"))
        .collect()
}

fn user_id(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    if !ctx.goto_context {
        return;
    }
    let old = rule.param_str("old_key").unwrap_or("user_id");
    let new = rule.param_str("new_key").unwrap_or("username");
    let foreign = ctx.foreign_requests.as_slice();
    let grants = password_entries(ctx);
    let msg = rule.render_message(&[]);
    let mut all: Vec<&Entry> = ctx.model.entries.iter().collect();
    for req in &ctx.model.http_requests {
        all.extend(req.body.iter().chain(&req.query));
    }
    for e in all {
        if e.key != old || inside(&e.span, foreign) {
            continue;
        }
        let Some(key_span) = e.key_span.clone() else {
            continue;
        };
        // beside the grant in one literal, or a parameter of a request
        // whose parameters hold it (`params.add(new BasicNameValuePair(…))`
        // one statement at a time)
        let in_password_grant = grants
            .iter()
            .any(|g| same_container(&ctx.source.text, &g.span, &e.span))
            || ctx.model.http_requests.iter().any(|r| {
                let params = || r.body.iter().chain(&r.query);
                params().any(|x| x.span == e.span)
                    && params().any(|g| grants.iter().any(|p| std::ptr::eq(*p, g)))
            });
        if in_password_grant {
            out.push(
                RawFinding::new(code, key_span.clone(), msg.clone())
                    .with_edits(vec![(key_span, new.to_string())]),
            );
        }
    }
    for s in &ctx.urls {
        if inside(&s.value.span, foreign) || s.names_another_host() {
            continue;
        }
        let pairs = find_form_pairs(&s.text);
        if !pairs
            .iter()
            .any(|p| p.key == "grant_type" && p.value == "password")
        {
            continue;
        }
        for p in pairs.iter().filter(|p| p.key == old) {
            if let Some(span) = s.value.source_of(p.key_range.clone()) {
                out.push(
                    RawFinding::new(code, span.clone(), msg.clone())
                        .with_edits(vec![(span, new.to_string())]),
                );
            }
        }
    }
}

fn password_grant(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    let foreign = ctx.foreign_requests.as_slice();
    let msg = rule.render_message(&[]);
    // a password grant sent to a GoTo token endpoint counts without more evidence
    let token_bodies: Vec<&Entry> = ctx
        .token_requests
        .iter()
        .flat_map(|t| {
            let r = &ctx.model.http_requests[t.request];
            r.body.iter().chain(&r.query)
        })
        .collect();
    for e in password_entries(ctx) {
        let in_token_request = token_bodies.iter().any(|t| t.span == e.span);
        if !(in_token_request || ctx.goto_context && !inside(&e.span, foreign)) {
            continue;
        }
        out.push(RawFinding::new(code, value_span(e), msg.clone()));
    }
    if !ctx.goto_context {
        return;
    }
    for s in &ctx.urls {
        if inside(&s.value.span, foreign) || s.names_another_host() {
            continue;
        }
        for p in find_form_pairs(&s.text) {
            if p.key == "grant_type" && p.value == "password" {
                if let Some(span) = s.value.source_of(p.value_range.clone()) {
                    out.push(RawFinding::new(code, span, msg.clone()));
                }
            }
        }
    }
}

/// What GT013 needs from this file.
pub fn facts(ctx: &Context) -> FileFacts {
    let mut facts = FileFacts::default();
    for t in &ctx.token_requests {
        if t.is_refresh() {
            facts.refreshes = true;
        } else if facts.first_token_request.is_none()
            && !ctx.model.text_only
            && !t.is_client_credentials()
        {
            // a template or a request collection (Postman, a connector's
            // XML) describes requests; whether the program that runs them
            // refreshes is not in it: only its refresh grants count
            let req = &ctx.model.http_requests[t.request];
            facts.first_token_request = Some((req.span.clone(), t.url.clone()));
        }
    }
    if !ctx.goto_context {
        return facts;
    }
    let refresh_entry =
        |e: &Entry| e.key == "grant_type" && entry_value(e).is_some_and(|v| v == "refresh_token");
    if ctx.model.entries.iter().any(refresh_entry) {
        facts.refreshes = true;
    }
    if ctx.urls.iter().any(|s| {
        find_form_pairs(&s.text)
            .iter()
            .any(|p| p.key == "grant_type" && p.value == "refresh_token")
    }) {
        facts.refreshes = true;
    }
    const REFRESH_CALLS: &[&str] = &[
        "refresh_token",
        "exchange_refresh_token",
        "refreshToken",
        "refresh_access_token",
        "refreshAccessToken",
    ];
    if ctx
        .model
        .calls
        .iter()
        .any(|c| REFRESH_CALLS.contains(&c.name.as_str()))
    {
        facts.refreshes = true;
    }
    facts
}

#[cfg(test)]
mod flat_body_tests {
    use super::is_flat_scalar_body;

    #[test]
    fn only_flat_objects_of_scalars_are_flat() {
        for flat in [
            r#"{ grant_type: "refresh_token", refresh_token: rt }"#,
            r#"{"grant_type": "authorization_code", "code": code, "n": 1}"#,
            r#"['grant_type' => 'password', 'username' => $u]"#,
            r#""grant_type=refresh_token""#,
            "`grant_type=authorization_code&code=${code}`",
            r#"JSON.stringify({ grant_type: "refresh_token", refresh_token: rt })"#,
            "[ // don't\n 'refresh_token' => $old['refresh_token'], # it's\n 'n' => $a[0] ]",
            "{ refresh_token: store[\"rt\"], /* [x] */ id: cfg.id }",
            "{ grant_type: \"authorization_code\", code: code }.to_json",
            "&serde_json::json!({\"grant_type\": \"refresh_token\", \"refresh_token\": self.rt})",
        ] {
            assert!(is_flat_scalar_body(flat), "{flat}");
        }
        for garbled in [
            "payload",
            "JSON.stringify(payload)",
            r#"{ grant_type: "x", extra: { a: 1 } }"#,
            r#"{ grant_type: "x", scopes: ["a", "b"] }"#,
            r#"{ grant_type: "x", ...rest }"#,
            r#"{"grant_type": "x", **rest}"#,
            r#"['a' => ['b' => 1]]"#,
            r#"['a' => array(1)]"#,
            r#"{ a: `${x}` }"#,
        ] {
            assert!(!is_flat_scalar_body(garbled), "{garbled}");
        }
    }
}
