//! The template front end: XML connector and integration templates and
//! JSON request definitions (Postman collections, HAR captures, connector
//! files). The text front end reads such a file first, line by line as it
//! always has (the host rules need nothing more); a well-formed document
//! then adds what it declares:
//!
//! - a request wherever one element or object names both an HTTP method
//!   (`method`, `verb`, `httpMethod`) and a URL (`uri`, `url`, `href`,
//!   `endpoint`, or `path` holding an absolute URL), with the parameters,
//!   headers and body written around it;
//! - a field read for each JSONPath (`$.field`, `$['field']`) written in a
//!   value, read from the response of the one request it sits beside.
//!
//! Template placeholders (`{{name}}`, `${name}`, `{name}`) are unknown
//! values. A file that does not parse keeps the text front end's lines
//! alone.

mod json;
mod xml;

use super::TextKind;
use crate::model::{
    BodyKind, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource, Origin, Piece,
    ReadKind, Span, StrValue, HOLE,
};

/// Which kind of document a template file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

/// Lower one template file: the text front end's lines, and the requests
/// and reads of the document when it parses.
pub fn lower(source: &str, format: Format) -> FileModel {
    let lines = match format {
        Format::Xml => TextKind::Xml,
        Format::Json => TextKind::Json,
    };
    let mut model = super::text::lower(source, lines);
    let tree = match format {
        Format::Xml => xml::parse(source),
        Format::Json => json::parse(source),
    };
    if let Some(tree) = tree {
        let requests = requests(&tree, format);
        model.field_reads = reads(&tree, &requests);
        model.http_requests = requests.into_iter().map(|(_, r)| r).collect();
    }
    model
}

/// A document as nodes: XML elements, or JSON objects and arrays.
#[derive(Debug, Default)]
struct Tree {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Element,
    Object,
    Array,
}

#[derive(Debug)]
struct Node {
    kind: NodeKind,
    /// an element's local name in lower case; empty for JSON
    name: String,
    /// the whole element (start tag to end tag) or object/array
    span: Span,
    parent: Option<usize>,
    /// attributes, object members, array items (with no key)
    props: Vec<Prop>,
    /// nested elements, objects and arrays, in order
    children: Vec<usize>,
    /// an element's character data
    texts: Vec<Text>,
}

#[derive(Debug)]
struct Prop {
    key: Option<Text>,
    value: PropValue,
}

#[derive(Debug)]
enum PropValue {
    Str(Text),
    Node(usize),
    /// a number, `true`, `false`, `null`: its span and text
    Scalar(Span, String),
}

impl PropValue {
    /// A string or scalar written as `word` (any case, blanks around).
    fn says(&self, word: &str) -> bool {
        match self {
            PropValue::Str(t) => t.value.text().trim().eq_ignore_ascii_case(word),
            PropValue::Scalar(_, text) => text == word,
            PropValue::Node(_) => false,
        }
    }
}

/// A decoded string and the span of its content in the source.
#[derive(Debug, Clone)]
struct Text {
    value: StrValue,
    span: Span,
}

/// Decoded characters (each with the source offset it came from) as a
/// value; `end` is the offset just past the content. Placeholders become
/// holes.
fn decoded_value(decoded: &[(char, usize)], end: usize) -> StrValue {
    let start = decoded.first().map_or(end, |d| d.1);
    let offset_after = |i: usize| decoded.get(i + 1).map_or(end, |d| d.1);
    let mut value = StrValue::new(start..end);
    let mut run_start = 0;
    let mut i = 0;
    while i < decoded.len() {
        let Some((last, name)) = placeholder(decoded, i) else {
            i += 1;
            continue;
        };
        let hole_start = decoded[i].1;
        if run_start < i {
            value.push(Piece::lit_decoded(&decoded[run_start..i], hole_start));
        }
        value.push(Piece::hole(hole_start..offset_after(last), name));
        i = last + 1;
        run_start = i;
    }
    if run_start < decoded.len() || value.pieces.is_empty() {
        value.push(Piece::lit_decoded(&decoded[run_start..], end));
    }
    value
}

/// A placeholder starting at `decoded[i]`: `{{name}}`, `${name}` or
/// `{name}`; the index of its last character and the name.
fn placeholder(decoded: &[(char, usize)], i: usize) -> Option<(usize, String)> {
    let at = |k: usize| decoded.get(k).map(|d| d.0);
    let (open, close) = match (at(i)?, at(i + 1)?) {
        ('{', '{') => (i + 2, "}}"),
        ('$', '{') => (i + 2, "}"),
        ('{', _) => (i + 1, "}"),
        _ => return None,
    };
    let mut name = String::new();
    let mut k = open;
    while let Some(c) = at(k) {
        if c == '}' {
            break;
        }
        name.push(c);
        k += 1;
        if name.len() > 64 {
            return None;
        }
    }
    let name = name.trim().to_string();
    let named = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '$'));
    if !named || at(k) != Some('}') {
        return None;
    }
    if close == "}}" {
        // named `{x}` so that messages show `{{x}}` as written
        (at(k + 1) == Some('}')).then_some((k + 1, format!("{{{name}}}")))
    } else {
        Some((k, name))
    }
}

fn key_of(prop: &Prop) -> Option<String> {
    prop.key
        .as_ref()
        .map(|k| k.value.text().to_ascii_lowercase())
}

impl Node {
    /// The first property under one of `keys` (lower case).
    fn prop(&self, keys: &[&str]) -> Option<&Prop> {
        self.props
            .iter()
            .find(|p| key_of(p).is_some_and(|k| keys.contains(&k.as_str())))
    }
    /// The first string property under one of `keys`.
    fn text(&self, keys: &[&str]) -> Option<&Text> {
        self.props.iter().find_map(|p| match &p.value {
            PropValue::Str(t) if key_of(p).is_some_and(|k| keys.contains(&k.as_str())) => Some(t),
            _ => None,
        })
    }
    /// The node under one of `keys`.
    fn child(&self, keys: &[&str]) -> Option<usize> {
        match self.prop(keys)?.value {
            PropValue::Node(n) => Some(n),
            _ => None,
        }
    }
    /// A property under one of `keys` written as `value` (a string or a scalar).
    fn says(&self, keys: &[&str], value: &str) -> bool {
        self.props
            .iter()
            .any(|p| key_of(p).is_some_and(|k| keys.contains(&k.as_str())) && p.value.says(value))
    }
}

const METHOD_KEYS: &[&str] = &["method", "verb", "httpmethod", "http-method", "http_method"];
// `uri-template`: Synapse (WSO2) endpoints
const URL_KEYS: &[&str] = &[
    "uri",
    "url",
    "href",
    "endpoint",
    "uri-template",
    "url-template",
];

/// `https://…`, `http://…` or `//…`.
fn is_absolute(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("//")
}

/// The method a node names, with the span of the name as written.
fn method_of(node: &Node) -> Option<(Method, Span)> {
    node.props.iter().find_map(|p| {
        let key = key_of(p)?;
        let PropValue::Str(t) = &p.value else {
            return None;
        };
        let method = Method::parse(&t.value.text());
        (METHOD_KEYS.contains(&key.as_str()) && method != Method::Other && t.value.is_plain())
            .then(|| (method, t.span.clone()))
    })
}

/// The URL a node names: a string, or a Postman URL object's `raw`.
fn url_of(tree: &Tree, node: &Node) -> Option<StrValue> {
    node.props.iter().find_map(|p| {
        let key = key_of(p)?;
        match &p.value {
            PropValue::Str(t) if URL_KEYS.contains(&key.as_str()) => Some(t.value.clone()),
            PropValue::Str(t) if key == "path" && is_absolute(&t.value.text()) => {
                Some(t.value.clone())
            }
            PropValue::Node(n) if URL_KEYS.contains(&key.as_str()) => {
                tree.nodes[*n].text(&["raw"]).map(|t| t.value.clone())
            }
            _ => None,
        }
    })
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Query,
    Header,
    Body,
}

fn place_named(word: &str) -> Option<Place> {
    match word.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "query" | "querystring" | "queryparam" | "queryparams" | "queryparameters" => {
            Some(Place::Query)
        }
        "header" | "headers" => Some(Place::Header),
        "body" | "form" | "formdata" | "formparam" | "formparams" | "payload" => Some(Place::Body),
        _ => None,
    }
}

/// Every request of the document, with the node that declares it.
fn requests(tree: &Tree, format: Format) -> Vec<(usize, HttpRequest)> {
    let declared: Vec<Option<(Method, Span, StrValue)>> = tree
        .nodes
        .iter()
        .map(|node| {
            let (method, span) = method_of(node)?;
            Some((method, span, url_of(tree, node)?))
        })
        .collect();
    let mut out = Vec::new();
    for (i, found) in declared.iter().enumerate() {
        let Some((method, method_span, url)) = found else {
            continue;
        };
        let mut request =
            crate::sema::requests::empty_request(tree.nodes[i].span.clone(), "template");
        request.method = Some(*method);
        request.method_source = MethodSource::Explicit {
            span: method_span.clone(),
        };
        request.url = Some(url.clone());
        let mut raw_body = None;
        match format {
            Format::Xml => xml_parts(tree, i, &declared, &mut request, &mut raw_body),
            Format::Json => json_parts(tree, i, &mut request, &mut raw_body),
        }
        finish_body(&mut request, raw_body);
        out.push((i, request));
    }
    out
}

/// A body written as one string (a raw JSON or form body).
struct RawBody {
    text: Text,
    /// the definition says the body is JSON (a `language`, a MIME type)
    json: bool,
}

fn content_type(request: &HttpRequest) -> String {
    request
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .and_then(|h| h.value.as_ref())
        .map(|v| v.text().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The body's kind from its content type and what it is, and the entries
/// of a body written as one string.
fn finish_body(request: &mut HttpRequest, raw: Option<RawBody>) {
    let content_type = content_type(request);
    request.basic_auth |= request.headers.iter().any(|h| {
        h.key.eq_ignore_ascii_case("authorization")
            && h.value.as_ref().is_some_and(|v| {
                v.text()
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("basic")
            })
    });
    if let Some(raw) = raw {
        let text = raw.text.value.text();
        request.body_span = Some(raw.text.span.clone());
        let json = raw.json || content_type.contains("json") || text.trim_start().starts_with('{');
        if json {
            request.body_kind = Some(BodyKind::Json);
            request.body = raw_json_entries(&raw.text.value, &text);
        } else if text.contains('=') {
            request.body_kind = Some(BodyKind::Form);
            request.body = raw_form_entries(&raw.text, &text);
        } else {
            request.body_kind = Some(BodyKind::Raw);
        }
        return;
    }
    if request.body_kind.is_none() && !request.body.is_empty() {
        request.body_kind = Some(if content_type.contains("json") {
            BodyKind::Json
        } else if content_type.contains("multipart") {
            BodyKind::Multipart
        } else {
            BodyKind::Form
        });
    }
}

/// A literal part of `value`'s text as a value of its own, when it maps
/// to the source unbroken.
fn part_of(value: &StrValue, text: &str, range: std::ops::Range<usize>) -> Option<StrValue> {
    let part = text.get(range.clone())?;
    if part.contains(HOLE) {
        return None;
    }
    let span = value.source_of(range)?;
    Some(if span.len() == part.len() {
        StrValue::literal(part, span)
    } else {
        // escapes between: the text is known, its bytes are not one run
        StrValue {
            span,
            pieces: vec![Piece::synthetic(part)],
        }
    })
}

/// The scalar members of a raw JSON body object.
fn raw_json_entries(value: &StrValue, text: &str) -> Vec<Entry> {
    let Some(tree) = json::parse(text) else {
        return Vec::new();
    };
    let Some(object) = tree.nodes.first().filter(|n| n.kind == NodeKind::Object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for prop in &object.props {
        let Some(key) = &prop.key else { continue };
        let Some(key_span) = value.source_of(key.span.clone()) else {
            continue;
        };
        let (entry_value, value_span) = match &prop.value {
            PropValue::Str(t) => (
                part_of(value, text, t.span.clone()),
                value.source_of(t.span.clone()),
            ),
            PropValue::Scalar(s, _) => {
                (part_of(value, text, s.clone()), value.source_of(s.clone()))
            }
            PropValue::Node(_) => (None, None),
        };
        let end = value_span.as_ref().map_or(key_span.end, |s| s.end);
        out.push(Entry {
            key: key.value.text(),
            key_span: Some(key_span.clone()),
            value: entry_value,
            value_span,
            span: key_span.start..end,
        });
    }
    out
}

/// The `key=value` pairs of a raw form body.
fn raw_form_entries(raw: &Text, text: &str) -> Vec<Entry> {
    let pairs = crate::goto::parse_query(text, 0..text.len()).unwrap_or_default();
    pairs
        .into_iter()
        .filter_map(|p| {
            let key_span = raw.value.source_of(p.key_range.clone())?;
            let value_span = raw
                .value
                .source_near(p.value_range.clone(), p.value_range.start);
            let end = value_span.as_ref().map_or(key_span.end, |s| s.end);
            Some(Entry {
                key: p.key.trim().to_string(),
                key_span: Some(key_span.clone()),
                value: part_of(&raw.value, text, p.value_range.clone()),
                value_span,
                span: key_span.start..end,
            })
        })
        .collect()
}

fn entry(key: &Text, value: Option<&Text>, span: Span) -> Entry {
    Entry {
        key: key.value.text().trim().to_string(),
        key_span: Some(key.span.clone()),
        value: value.map(|v| v.value.clone()),
        value_span: value.map(|v| v.span.clone()),
        span,
    }
}

fn push_entry(request: &mut HttpRequest, place: Place, entry: Entry) {
    match place {
        Place::Query => request.query.push(entry),
        Place::Header => request.headers.push(entry),
        Place::Body => request.body.push(entry),
    }
}

/// XML: `<param>`/`<parameter>`/`<header>` elements inside the request
/// element (not inside another request), placed by an `in`/`location`
/// attribute, their own name or a wrapping `<query>`/`<headers>`/`<body>`,
/// else by the method; a `<body>` with text is a raw body.
fn xml_parts(
    tree: &Tree,
    request_node: usize,
    declared: &[Option<(Method, Span, StrValue)>],
    request: &mut HttpRequest,
    raw_body: &mut Option<RawBody>,
) {
    let mut stack: Vec<usize> = tree.nodes[request_node].children.clone();
    while let Some(n) = stack.pop() {
        if declared[n].is_some() {
            continue;
        }
        let node = &tree.nodes[n];
        stack.extend(node.children.iter().copied());
        let name = node.name.as_str();
        let is_param = matches!(name, "param" | "parameter" | "header")
            || name.ends_with("param")
            || name.ends_with("parameter");
        if is_param {
            let Some(key) = node.text(&["name", "key"]) else {
                continue;
            };
            let value = node.text(&["value"]).or_else(|| {
                node.texts
                    .iter()
                    .find(|t| !t.value.text().trim().is_empty())
            });
            let place = node
                .text(&["in", "location", "type", "style", "kind"])
                .and_then(|t| place_named(&t.value.text()))
                .or_else(|| {
                    place_named(name.trim_end_matches("parameter").trim_end_matches("param"))
                })
                .or_else(|| wrapper_place(tree, n, request_node))
                .unwrap_or(if request.method == Some(Method::Get) {
                    Place::Query
                } else {
                    Place::Body
                });
            push_entry(request, place, entry(key, value, node.span.clone()));
        } else if matches!(name, "body" | "payload") && node.children.is_empty() {
            if let Some(text) = node
                .texts
                .iter()
                .find(|t| !t.value.text().trim().is_empty())
            {
                let json = node
                    .text(&["type", "contenttype", "content-type", "mediatype", "format"])
                    .is_some_and(|t| t.value.text().to_ascii_lowercase().contains("json"));
                *raw_body = Some(RawBody {
                    text: text.clone(),
                    json,
                });
            }
        }
    }
    // document order
    for list in [&mut request.query, &mut request.headers, &mut request.body] {
        list.sort_by_key(|e| e.span.start);
    }
}

/// The place named by an element between a parameter and its request.
fn wrapper_place(tree: &Tree, mut n: usize, request_node: usize) -> Option<Place> {
    while let Some(parent) = tree.nodes[n].parent {
        if parent == request_node {
            return None;
        }
        if let Some(place) = place_named(&tree.nodes[parent].name) {
            return Some(place);
        }
        n = parent;
    }
    None
}

/// JSON `{key|name, value}` items of a list, or the members of an object.
fn json_entries(tree: &Tree, n: usize) -> Vec<Entry> {
    let node = &tree.nodes[n];
    let mut out = Vec::new();
    match node.kind {
        NodeKind::Array => {
            for prop in &node.props {
                let PropValue::Node(item) = prop.value else {
                    continue;
                };
                let item = &tree.nodes[item];
                if item.says(&["disabled"], "true") {
                    continue;
                }
                if let Some(key) = item.text(&["key", "name"]) {
                    out.push(entry(key, item.text(&["value"]), item.span.clone()));
                }
            }
        }
        NodeKind::Object | NodeKind::Element => {
            for prop in &node.props {
                let Some(key) = &prop.key else { continue };
                match &prop.value {
                    PropValue::Str(v) => {
                        out.push(entry(key, Some(v), key.span.start..v.span.end));
                    }
                    PropValue::Scalar(s, text) => out.push(Entry {
                        key: key.value.text(),
                        key_span: Some(key.span.clone()),
                        value: Some(StrValue::literal(text.clone(), s.clone())),
                        value_span: Some(s.clone()),
                        span: key.span.start..s.end,
                    }),
                    PropValue::Node(_) => {}
                }
            }
        }
    }
    out
}

/// JSON: the request object's headers, query, body and auth (Postman,
/// HAR, and plain definitions).
fn json_parts(
    tree: &Tree,
    request_node: usize,
    request: &mut HttpRequest,
    raw_body: &mut Option<RawBody>,
) {
    let node = &tree.nodes[request_node];
    if let Some(h) = node.child(&["header", "headers"]) {
        request.headers = json_entries(tree, h);
    }
    let url_has_query = request.url.as_ref().is_some_and(|u| u.text().contains('?'));
    if !url_has_query {
        let query = node
            .child(&["query", "querystring", "queryparams", "queryparameters"])
            .or_else(|| {
                // a Postman URL object without `raw`
                let url = node.child(URL_KEYS)?;
                tree.nodes[url].child(&["query"])
            });
        if let Some(q) = query {
            request.query = json_entries(tree, q);
        }
    }
    if let Some(auth) = node.child(&["auth"]) {
        request.basic_auth |= tree.nodes[auth].says(&["type"], "basic");
    }
    let Some(body) = node.prop(&["body", "data", "form", "formdata", "payload", "postdata"]) else {
        return;
    };
    let form = key_of(body).is_some_and(|k| k == "form" || k == "formdata");
    match &body.value {
        PropValue::Str(t) => {
            *raw_body = Some(RawBody {
                text: t.clone(),
                json: false,
            })
        }
        PropValue::Node(b) => {
            let b = *b;
            let body = &tree.nodes[b];
            request.body_span = Some(body.span.clone());
            if let Some(mode) = body.text(&["mode"]).map(|t| t.value.text()) {
                // Postman
                match mode.as_str() {
                    "urlencoded" => {
                        if let Some(list) = body.child(&["urlencoded"]) {
                            request.body = json_entries(tree, list);
                            request.body_span = Some(tree.nodes[list].span.clone());
                        }
                        request.body_kind = Some(BodyKind::Form);
                    }
                    "formdata" => {
                        if let Some(list) = body.child(&["formdata"]) {
                            request.body = json_entries(tree, list);
                            request.body_span = Some(tree.nodes[list].span.clone());
                        }
                        request.body_kind = Some(BodyKind::Multipart);
                    }
                    "raw" => {
                        if let Some(raw) = body.text(&["raw"]) {
                            let json = body
                                .child(&["options"])
                                .and_then(|o| tree.nodes[o].child(&["raw"]))
                                .is_some_and(|r| tree.nodes[r].says(&["language"], "json"));
                            *raw_body = Some(RawBody {
                                text: raw.clone(),
                                json,
                            });
                        }
                    }
                    _ => {}
                }
            } else if body.child(&["params"]).is_some() || body.text(&["text"]).is_some() {
                // HAR `postData`
                let json = body
                    .text(&["mimetype"])
                    .is_some_and(|t| t.value.text().to_ascii_lowercase().contains("json"));
                if let Some(text) = body.text(&["text"]) {
                    *raw_body = Some(RawBody {
                        text: text.clone(),
                        json,
                    });
                } else if let Some(list) = body.child(&["params"]) {
                    request.body = json_entries(tree, list);
                    request.body_kind = Some(if json { BodyKind::Json } else { BodyKind::Form });
                }
            } else {
                request.body = json_entries(tree, b);
                if form {
                    request.body_kind = Some(BodyKind::Form);
                }
            }
        }
        PropValue::Scalar(..) => {}
    }
}

/// Keys whose value is a JSONPath to read from (the target is named beside it).
const PATH_KEYS: &[&str] = &[
    "path",
    "jsonpath",
    "json_path",
    "json-path",
    "selector",
    "expression",
    "expr",
    "source",
    "from",
    "value",
    "query",
    "select",
];
/// Keys that name where an extracted value is stored.
const TARGET_KEYS: &[&str] = &[
    "name", "var", "variable", "target", "to", "saveas", "save_as", "into", "store", "key",
    "property",
];
/// Keys that give a value for when the path finds nothing.
const DEFAULT_KEYS: &[&str] = &[
    "default",
    "defaultvalue",
    "default_value",
    "default-value",
    "fallback",
    "ifmissing",
    "if_missing",
];

/// The first segment of a JSONPath that is the whole `text`: the field
/// read from the top of the document, its range in `text`, and how.
fn jsonpath_field(text: &str) -> Option<(String, std::ops::Range<usize>, ReadKind)> {
    let lead = text.len() - text.trim_start().len();
    let path = text.trim();
    // a path handed to an expression function: Synapse `json-eval($.x)`
    if let Some((func, inner)) = path.strip_suffix(')').and_then(|p| p.split_once('(')) {
        let named = func.starts_with(|c: char| c.is_ascii_alphabetic())
            && func
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'));
        if !named {
            return None;
        }
        let (field, range, kind) = jsonpath_field(inner)?;
        let shift = lead + func.len() + 1;
        return Some((field, range.start + shift..range.end + shift, kind));
    }
    let rest = path.strip_prefix('$')?;
    let (name, range, after, kind) = if let Some(dotted) = rest.strip_prefix('.') {
        let len = dotted
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(dotted.len());
        let start = lead + 2;
        (
            &dotted[..len],
            start..start + len,
            &dotted[len..],
            ReadKind::Member,
        )
    } else if let Some(bracket) = rest.strip_prefix('[') {
        let quote = bracket.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let inner = &bracket[1..];
        let len = inner.find(quote)?;
        let after = inner[len + 1..].strip_prefix(']')?;
        let start = lead + 3;
        (
            &inner[..len],
            start..start + len,
            after,
            ReadKind::Subscript,
        )
    } else {
        return None;
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with(['.', '[']))
        && !after.contains(char::is_whitespace);
    valid.then(|| (name.to_string(), range, kind))
}

/// A request that obtains a token, by what any OAuth token request sends
/// or where it goes: a `grant_type`, or a path ending in `/token`.
fn token_like(request: &HttpRequest) -> bool {
    let url = request.url.as_ref().map(|u| u.text()).unwrap_or_default();
    let grant = request
        .body
        .iter()
        .chain(&request.query)
        .any(|e| e.key == "grant_type")
        || url.contains("grant_type=");
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/')
        .to_ascii_lowercase();
    grant || path.ends_with("/token") || path.ends_with("/access_token")
}

/// Field reads of every JSONPath written in an attribute, member or text,
/// from the response of the request beside it: the nearest enclosing node
/// that holds requests holds one, or one of them obtains a token. A path
/// with no such request is left out (its data may be anything).
/// Whether the document's character data (an embedded script) names
/// `target` as a quoted string.
fn handed_to_script(tree: &Tree, target: &str) -> bool {
    let quoted = [format!("'{target}'"), format!("\"{target}\"")];
    tree.nodes.iter().any(|n| {
        n.texts.iter().any(|t| {
            let text = t.value.text();
            quoted.iter().any(|q| text.contains(q.as_str()))
        })
    })
}

fn reads(tree: &Tree, requests: &[(usize, HttpRequest)]) -> Vec<FieldRead> {
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); tree.nodes.len()];
    for (k, (node, _)) in requests.iter().enumerate() {
        let mut at = Some(*node);
        while let Some(n) = at {
            under[n].push(k);
            at = tree.nodes[n].parent;
        }
    }
    let origin_of = |mut n: usize| -> Option<usize> {
        loop {
            match under[n].as_slice() {
                [] => n = tree.nodes[n].parent?,
                [one] => return Some(*one),
                many => {
                    let tokens: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&k| token_like(&requests[k].1))
                        .collect();
                    return (tokens.len() == 1).then(|| tokens[0]);
                }
            }
        }
    };
    let mut out = Vec::new();
    for (n, node) in tree.nodes.iter().enumerate() {
        let holders = node
            .props
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match &p.value {
                PropValue::Str(t) => Some((Some(i), p.key.as_ref().map(|k| k.value.text()), t)),
                _ => None,
            })
            .chain(
                node.texts
                    .iter()
                    .map(|t| (None, Some(node.name.clone()), t)),
            );
        for (own, holder, text) in holders {
            if !text.value.is_plain() {
                continue;
            }
            let written = text.value.text();
            let Some((field, range, kind)) = jsonpath_field(&written) else {
                continue;
            };
            let Some(span) = text.value.source_of(range) else {
                continue;
            };
            let Some(k) = origin_of(n) else { continue };
            let sibling = |keys: &[&str]| {
                node.props.iter().enumerate().find_map(|(i, p)| {
                    let key = key_of(p)?;
                    (Some(i) != own && keys.contains(&key.as_str())).then_some(p)
                })
            };
            let target = match holder {
                Some(h) if PATH_KEYS.contains(&h.to_ascii_lowercase().as_str()) => {
                    sibling(TARGET_KEYS).and_then(|p| match &p.value {
                        PropValue::Str(t) => Some(t.value.text()),
                        _ => None,
                    })
                }
                Some(h) if !h.is_empty() => Some(h),
                _ => None,
            };
            let says =
                |keys: &[&str], word: &str| sibling(keys).is_some_and(|p| p.value.says(word));
            // a value handed to a script of the document
            // (`mc.getProperty('uri.var.refreshToken')`) is checked or not
            // where this file cannot tell: it is not assumed present
            let scripted = target.as_deref().is_some_and(|t| handed_to_script(tree, t));
            let guarded = sibling(DEFAULT_KEYS).is_some()
                || says(&["optional"], "true")
                || says(&["required"], "false")
                || scripted;
            out.push(FieldRead {
                absence_fails: false,
                field,
                span,
                kind,
                receiver: "$".to_string(),
                origin: Origin::Response(k),
                guarded,
                asserted: false,
                assigned_to: target,
                fallback_is_target: false,
                origin_span: None,
                absence: Default::default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
