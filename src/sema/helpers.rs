//! The program's own request helpers, seen only from their calls.
//!
//! Integrations send their token requests through helpers of their own:
//! `self::request('POST', $url, $params)`, `call_api(:post, TOKEN_URL,
//! params)`, `await Send(HttpMethod.Post, url, form)`, `c.do(http.MethodPost,
//! u, form)`, `this.send('post', url, data)`. The helper often lives in
//! another file (a base class, a shared client), so its body says nothing
//! here. Its call does: an absolute OAuth token URL together with an HTTP
//! method or with parameters that carry a `grant_type` is a token request,
//! and so is one argument that describes a whole request (a map naming the
//! `method` and the `url`, with its `body` and `headers`). The call's
//! result is that request's response.
//!
//! A front end says what its syntax holds ([`HelperSyntax`]); the reading of
//! the call is the same for every language.

use crate::lang::ts::Arena;
use crate::model::{BodyKind, Entry, HttpRequest, Method, MethodSource, Span, StrValue};

/// What the reading of a helper call needs from a front end.
pub trait HelperSyntax {
    /// The positional arguments of `call`.
    fn helper_args(&self, call: u32) -> Vec<u32>;
    /// The string value of an expression (holes where it is not known).
    fn helper_string(&self, e: u32) -> StrValue;
    /// The parameters a map or form expression holds, with how they would be
    /// sent, or `None` when `e` is not a map or form the front end can read
    /// (a literal, a name bound to one, entries added later, a form string).
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)>;
    /// The keyed items of a map expression: each key with its value node
    /// (`None` where helpers take the parts as arguments, not as a map).
    fn helper_items(&self, _e: u32) -> Option<Vec<(String, u32)>> {
        None
    }
    /// The headers a map expression holds.
    fn helper_headers(&self, e: u32) -> Vec<Entry>;
    /// The file's syntax tree (spans and text of nodes).
    fn helper_arena(&self) -> &Arena<'_>;
    /// The call produces a string (a URL or query builder), not a response.
    fn helper_builds_string(&self, call: u32) -> bool;
    /// The node kinds of a named function or method, whose `name` and
    /// `parameters` fields [`forwarded_requests`] reads (none: the front end
    /// follows its wrappers itself).
    fn helper_function_kinds(&self) -> &'static [&'static str] {
        &[]
    }
}

/// The arguments of a call in a language with keyword arguments: the
/// positional ones, then the argument list itself standing for the
/// keywords (`send(:post, url, grant_type: …)`); the list alone when only
/// keywords are given (`call_api(method: :post, url: …)`), as one
/// description of the request.
pub fn with_keywords(positional: Vec<u32>, has_keywords: bool, list: Option<u32>) -> Vec<u32> {
    if !has_keywords {
        return positional;
    }
    let mut out = positional;
    out.extend(list);
    out
}

/// Keys under which a request description holds each part.
const URL_KEYS: &[&str] = &["url", "uri", "endpoint"];
const METHOD_KEYS: &[&str] = &["method", "type"];
const BODY_KEYS: &[&str] = &["body", "form_params", "form", "data", "json"];

/// The request a call of an unknown helper makes, if its arguments show one.
pub fn helper_request(
    h: &impl HelperSyntax,
    call: u32,
    library: &str,
    span: Span,
) -> Option<HttpRequest> {
    if h.helper_builds_string(call) {
        return None;
    }
    let args = h.helper_args(call);
    if let [one] = args.as_slice() {
        if let Some(r) = described_request(h, *one, library, span.clone()) {
            return Some(r);
        }
    }
    let mut url = None;
    let mut method = None;
    let mut grant: Option<(u32, BodyKind, Vec<Entry>)> = None;
    let mut url_first = false;
    for (i, &a) in args.iter().enumerate() {
        if url.is_none() {
            if let Some(v) = token_url(h, a) {
                url = Some(v);
                url_first = i == 0;
                continue;
            }
        }
        if method.is_none() {
            if let Some(m) = method_named(h, a) {
                method = Some(m);
                continue;
            }
        }
        if grant.is_none() {
            if let Some((kind, body)) = h.helper_params(a) {
                if body.iter().any(|e| e.key == "grant_type") {
                    grant = Some((a, kind, body));
                }
            } else if let Some(entry) = grant_named(h, a) {
                grant = Some((a, BodyKind::Unknown, vec![entry]));
            }
        }
    }
    let url = url?;
    // a name states the method of a helper that takes the URL first
    // (`httpsGet(url)`), not of a lookup with a URL as its default
    // (`config.get("token_url", "https://…")`)
    if method.is_none() && url_first {
        method = method_in_name(h, call, &args);
    }
    if method.is_none() && grant.is_none() {
        return None;
    }
    let mut r = crate::sema::requests::empty_request(span, library);
    if let Some((m, src)) = method {
        r.method = Some(m);
        r.method_source = src;
    }
    r.url = Some(url);
    if let Some((node, kind, body)) = grant {
        r.body_kind = Some(kind);
        r.body = body;
        r.body_span = Some(h.helper_arena().span(node));
    }
    Some(r)
}

/// [`helper_request`] at `call`, as the front ends that track a request's
/// calls record it: the request, the calls whose result is its response,
/// and the calls it takes up.
pub fn call_request(h: &impl HelperSyntax, call: u32) -> Option<(HttpRequest, Vec<u32>, Vec<u32>)> {
    let r = helper_request(h, call, "helper", h.helper_arena().span(call))?;
    Some((r, vec![call], vec![call]))
}

/// An absolute OAuth token URL (`https://…/oauth/…token`).
fn token_url(h: &impl HelperSyntax, e: u32) -> Option<StrValue> {
    let v = h.helper_string(e);
    let t = v.text();
    // a path the helper joins to its client's base (`oauth/access_token`)
    let relative = !t.contains("://")
        && t.trim_start_matches('/').starts_with("oauth/")
        && !t.contains(char::is_whitespace);
    if !(relative || t.contains("://") && t.contains("/oauth/")) {
        return None;
    }
    let path = t
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (path.ends_with("token") || path.ends_with("token/")).then_some(v)
}

/// The grants a token helper may be told by name, as an argument of its
/// own (`getAccessToken($url, 'authorization_code', $params)`).
const GRANTS: &[&str] = &[
    "authorization_code",
    "refresh_token",
    "password",
    "client_credentials",
];

/// A grant type written as an argument of its own, as the `grant_type`
/// the helper sends.
fn grant_named(h: &impl HelperSyntax, e: u32) -> Option<Entry> {
    let v = h.helper_string(e);
    if !(v.is_plain() && GRANTS.contains(&v.text().as_str())) {
        return None;
    }
    let span = h.helper_arena().span(e);
    Some(Entry {
        key: "grant_type".to_string(),
        key_span: None,
        value: Some(v),
        value_span: Some(span.clone()),
        span,
    })
}

/// An HTTP method written as an argument: a string (`'POST'`), a symbol
/// (`:post`) or a library's constant (`HttpMethod.Post`,
/// `http.MethodPost`, `Method::POST`).
fn method_named(h: &impl HelperSyntax, e: u32) -> Option<(Method, MethodSource)> {
    let v = h.helper_string(e);
    let span = h.helper_arena().span(e);
    let text = if v.is_plain() {
        v.text()
    } else {
        // a name is a variable; a constant is qualified or a symbol
        let t = h.helper_arena().text(e).trim();
        if !(t.contains('.') || t.contains("::") || t.starts_with(':')) {
            return None;
        }
        t.to_string()
    };
    let word = text
        .trim()
        .trim_start_matches(':')
        .rsplit(['.', ':'])
        .next()
        .unwrap_or("");
    let word = word.strip_prefix("Method").unwrap_or(word);
    let m = Method::parse(word);
    if m == Method::Other || word.len() > 7 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // a method written inside a string: the edit replaces the word alone
    let at = match v.source_of(0..v.text().len()).filter(|_| v.is_plain()) {
        Some(s) => s,
        None => span,
    };
    Some((m, MethodSource::Explicit { span: at }))
}

/// Words that may stand beside the verb in a helper's name and still say
/// only "send an HTTP request": `httpsGet`, `CallGetAPI`, `do_post`,
/// `sendGetRequest`, `getJsonAsync`.
const SENDING_WORDS: &[&str] = &[
    "http", "https", "api", "call", "do", "send", "curl", "rest", "web", "request", "req", "url",
    "json", "async", "execute", "exec", "perform", "make", "invoke", "raw", "method",
];

/// The HTTP method a helper's own name states, when every word of the name
/// is one verb or a word about sending: `Utils.httpsGet(url)`,
/// `CallGetAPI(url)`, `$this->doPost($url, $form)`. `getToken(url)` or
/// `postMessage(url)` say what is fetched or posted, not how, and a bare
/// `get(url)` may be a map's; they state nothing.
fn method_in_name(
    h: &impl HelperSyntax,
    call: u32,
    args: &[u32],
) -> Option<(Method, MethodSource)> {
    let (at, name) = called_name(h, call, args)?;
    let words = name_words(name);
    // a bare `get(url)` or `post(url)` is as often a map or a cache
    if words.len() < 2 {
        return None;
    }
    let mut verb = None;
    for w in words {
        match Method::parse(&w) {
            Method::Other | Method::Head => {
                if !SENDING_WORDS.contains(&w.as_str()) {
                    return None;
                }
            }
            m if verb.is_none_or(|v| v == m) => verb = Some(m),
            _ => return None,
        }
    }
    Some((verb?, MethodSource::Explicit { span: at }))
}

/// The name a call calls, with its span: the identifier right before the
/// argument list (`httpsGet` of `Utils.httpsGet(url)`, `Call` of
/// `this.Call<T>(url)`, `get` of Ruby's `get url`).
fn called_name<'a>(h: &'a impl HelperSyntax, call: u32, args: &[u32]) -> Option<(Span, &'a str)> {
    let a = h.helper_arena();
    let first = *args.first()?;
    let (start, arg_start) = (a.start(call) as usize, a.start(first) as usize);
    let head = a.text(call).get(..arg_start.checked_sub(start)?)?;
    // the called name ends right before the argument list (`(`, or a space
    // where parentheses are optional), after any type arguments (`<T>`)
    let mut head = head.trim_end();
    head = head.strip_suffix('(').unwrap_or(head).trim_end();
    if let Some(open) = head.strip_suffix('>').and_then(|h| h.rfind('<')) {
        head = head[..open].trim_end();
    }
    let name_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .last()
        .map(|(i, _)| i)?;
    Some((start + name_start..start + head.len(), &head[name_start..]))
}

/// The named function or method a node is in: the function, its name and
/// its parameters' names.
fn enclosing_function(h: &impl HelperSyntax, node: u32) -> Option<(u32, &str, Vec<&str>)> {
    let a = h.helper_arena();
    let kinds = h.helper_function_kinds();
    let mut f = node;
    for _ in 0..crate::sema::limits::ANCESTOR_LIMIT {
        f = a.parent(f);
        if f == crate::lang::ts::NONE {
            return None;
        }
        if kinds.contains(&a.kind(f)) {
            let name = a.text(a.field(f, "name")?);
            let params = a
                .field(f, "parameters")
                .map(|ps| {
                    a.named(ps)
                        .filter_map(|p| match a.field(p, "name") {
                            Some(n) => Some(a.text(n)),
                            None => (a.kind(p) == "identifier").then(|| a.text(p)),
                        })
                        .collect()
                })
                .unwrap_or_default();
            return Some((f, name, params));
        }
    }
    None
}

/// A front end's requests as it tracks them: each request with the calls
/// whose result is its response and the calls it takes up.
pub type Found = Vec<(HttpRequest, Vec<u32>, Vec<u32>)>;

/// [`forwarded_requests`] added to `found`: every call of kind `call_kind`
/// not yet `handled` may be one.
pub fn add_forwarded(
    h: &impl HelperSyntax,
    found: &mut Found,
    handled: &std::collections::HashSet<u32>,
    call_kind: &str,
) {
    let a = h.helper_arena();
    let rest: Vec<u32> = (0..a.len() as u32)
        .filter(|&id| a.kind(id) == call_kind && !handled.contains(&id))
        .collect();
    let inner: Vec<(&HttpRequest, u32)> = found
        .iter()
        .filter_map(|(r, resp, calls)| Some((r, *calls.first().or(resp.first())?)))
        .collect();
    let forwarded = forwarded_requests(h, &inner, &rest);
    found.extend(forwarded.into_iter().map(|(r, c)| (r, vec![c], vec![c])));
}

/// Requests made through the file's own forwarding functions: a request
/// whose whole URL is a parameter of the function it is in
/// (`CallApi<T>(string uri)` creating a `WebRequest` on `uri` with
/// `Method = "GET"`) is made, with its method, by every call of that
/// function (any overload) that passes an absolute token URL. Only the
/// method and the URL carry over: the headers and body the function sets
/// serve every other caller too. `inner` holds each request with the node
/// it was found at; `calls` are the calls that are not requests already.
/// The result pairs each request with its call.
pub fn forwarded_requests(
    h: &impl HelperSyntax,
    inner: &[(&HttpRequest, u32)],
    calls: &[u32],
) -> Vec<(HttpRequest, u32)> {
    let mut forwarders: Vec<(u32, &str, &HttpRequest)> = Vec::new();
    for &(r, at) in inner {
        let Some(url) = &r.url else { continue };
        let [crate::model::Piece::Hole { name: hole, .. }] = url.pieces.as_slice() else {
            continue;
        };
        let Some((f, name, params)) = enclosing_function(h, at) else {
            continue;
        };
        if params.contains(&hole.as_str()) && r.method.is_some() {
            forwarders.push((f, name, r));
        }
    }
    let mut out = Vec::new();
    if forwarders.is_empty() {
        return out;
    }
    let a = h.helper_arena();
    for &call in calls {
        let args = h.helper_args(call);
        let Some((at, name)) = called_name(h, call, &args) else {
            continue;
        };
        let Some(&(_, _, r)) = forwarders
            .iter()
            .find(|(f, n, _)| *n == name && !a.contains(*f, call))
        else {
            continue;
        };
        let Some(url) = args.iter().find_map(|&e| token_url(h, e)) else {
            continue;
        };
        let mut req = crate::sema::requests::empty_request(a.span(call), &r.library);
        req.method = r.method;
        req.method_source = MethodSource::Explicit { span: at };
        req.url = Some(url);
        out.push((req, call));
    }
    out
}

/// The lower-case words of an identifier: `CallGetAPI` → call, get, api;
/// `http_get_json` → http, get, json.
fn name_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphabetic() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One map argument that describes the whole request.
fn described_request(
    h: &impl HelperSyntax,
    desc: u32,
    library: &str,
    span: Span,
) -> Option<HttpRequest> {
    let items = h.helper_items(desc)?;
    let item = |names: &[&str]| {
        items
            .iter()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), *v))
    };
    let url = token_url(h, item(URL_KEYS)?.1)?;
    let (m, src) = method_named(h, item(METHOD_KEYS)?.1)?;
    let mut r = crate::sema::requests::empty_request(span, library);
    r.method = Some(m);
    r.method_source = src;
    r.url = Some(url);
    if let Some((_, node)) = item(&["headers"]) {
        r.headers = h.helper_headers(node);
    }
    if let Some((key, node)) = item(BODY_KEYS) {
        if let Some((kind, entries)) = h.helper_params(node) {
            if m == Method::Get {
                r.query = entries;
            } else {
                r.body_kind = Some(if key == "json" { BodyKind::Json } else { kind });
                r.body = entries;
                r.body_span = Some(h.helper_arena().span(node));
            }
        }
    }
    r.basic_auth |= crate::sema::requests::header_says_basic(&r.headers);
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn words_of_helper_names() {
        assert_eq!(name_words("CallGetAPI"), ["call", "get", "api"]);
        assert_eq!(name_words("httpsGet"), ["https", "get"]);
        assert_eq!(name_words("http_get_json"), ["http", "get", "json"]);
        assert_eq!(name_words("APIKeyPost2"), ["api", "key", "post"]);
        assert_eq!(name_words("getToken"), ["get", "token"]);
    }
}
