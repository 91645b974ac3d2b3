//! Java front end: parses a file with tree-sitter and lowers it into the
//! neutral [`FileModel`]. Knows Java and its HTTP libraries (Spring
//! `RestTemplate` and `WebClient`, OkHttp, Apache HttpClient,
//! `HttpURLConnection`, `java.net.http`) and JSON libraries (Jackson,
//! org.json, Gson), nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing method and type), then a handful of linear passes fill the
//! model. Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::lang::Language;
use crate::model::{
    BodyKind, Call, Entry, FileModel, HttpRequest, Method, MethodSource, Origin, Piece, ReadKind,
    Span, StrValue, TypeUse,
};
use crate::sema::calls::CallsOn;
use crate::sema::format::{self, Arg, Printf};
use crate::sema::forms::{form_pairs, looks_form};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::libraries::Libraries;
use crate::sema::limits::ANCESTOR_LIMIT;
use crate::sema::memo::Memo;
use crate::sema::models::{declaration_reads, declare_models, push_use, wire_name, ModelField};
use crate::sema::names::{is_constant_case, last_segment, norm_recv};
use crate::sema::pieces::{getter_pieces, pieces_text};
use crate::sema::provenance::{best_of, configured, declared_param_origin};
use crate::sema::provenance::{Reads, Trace};
use crate::sema::requests::{empty_request, header_says_basic};
use crate::sema::scope::{Receiver, Scopes};
use crate::sema::urls::{path_join, uri_join};
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::ts::{self, NONE};

/// `String.format`: `%1$s` numbers an argument, `%n` is a line break.
pub(crate) const PRINTF: Printf = Printf::new(b"-#+ 0,(.<0123456789").no_arg(b"n").numbered();

/// Kinds whose value is never text: numbers, booleans, objects, functions.
const NOT_TEXT: &[&str] = &[
    "decimal_integer_literal",
    "hex_integer_literal",
    "decimal_floating_point_literal",
    "true",
    "false",
    "null_literal",
    "object_creation_expression",
    "array_creation_expression",
    "array_initializer",
    "lambda_expression",
    "class_literal",
    "method_reference",
];

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "java",
    language: || tree_sitter_java::LANGUAGE.into(),
    scope_kinds: FUNC_KINDS,
    class_kinds: CLASS_KINDS,
    extra_kinds: &["line_comment", "block_comment"],
};

/// Lower one Java file into the model.
pub fn lower(source: &str) -> FileModel {
    ts::lower_with(&GRAMMAR, source, |ast, m| {
        let mut lx = Lx::new(ast);
        crate::lower_passes!(lx, m; requests, calls; models; type_uses);
    })
}

// ---------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------

const FUNC_KINDS: &[&str] = &[
    "method_declaration",
    "constructor_declaration",
    "compact_constructor_declaration",
    "lambda_expression",
    "static_initializer",
];

const CLASS_KINDS: &[&str] = &[
    "class_declaration",
    "record_declaration",
    "interface_declaration",
    "enum_declaration",
];

type Ast<'s> = ts::Arena<'s>;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/// A decoded character, the source offset it came from and its source length.
type Seg = (char, usize, usize);

/// Types that hold any JSON, never a model of a response.
const NOT_MODELS: &[&str] = &[
    "String",
    "Object",
    "Map",
    "HashMap",
    "JsonNode",
    "JSONObject",
    "List",
    "ObjectNode",
    "JsonObject",
    "Void",
    "Integer",
    "Long",
    "Boolean",
];

/// What a request body was made of.
#[derive(Default)]
struct Body {
    kind: Option<BodyKind>,
    span: Option<Span>,
    entries: Vec<Entry>,
    headers: Vec<Entry>,
}

const REST_TEMPLATE_METHODS: &[&str] = &[
    "postForEntity",
    "postForObject",
    "postForLocation",
    "getForObject",
    "getForEntity",
    "exchange",
    "put",
    "patchForObject",
    "delete",
    "execute",
];

/// `.add("k", v)`-style calls that build a key/value collection.
const ADD_NAMES: &[&str] = &[
    "put",
    "add",
    "set",
    "with",
    "append",
    "addEncoded",
    "addParameter",
    "setParameter",
    "queryParam",
    "addQueryParameter",
    "addFormDataPart",
    "putIfAbsent",
    "fromFormData",
];

/// Calls on a value that keep its origin (the parsed body of a response).
const KEEP_ORIGIN: &[&str] = &[
    "getBody",
    "body",
    "block",
    "blockOptional",
    "bodyToMono",
    "bodyToFlux",
    "toEntity",
    "getEntity",
    "getContent",
    "string",
    "bytes",
    "charStream",
    "byteStream",
    "getInputStream",
    "lines",
    "collect",
    "readLine",
    "join",
    "get",
    "thenApply",
    "toString",
    "orElseThrow",
    "orElse",
    "getResponseBody",
    "getResponseBodyAsString",
    "content",
    "getContentAsString",
    "asString",
    "path",
    "getJSONObject",
    "asText",
];

const DESERIALIZERS: &[&str] = &[
    "readValue",
    "readTree",
    "convertValue",
    "treeToValue",
    "fromJson",
    "parseObject",
    "parse",
    "parseString",
    "parseReader",
    "toString",
    "valueToTree",
];

/// Decode Java escapes (`\n`, `\s`, octal, `\uXXXX`, line continuation).
fn decode_escapes(raw: &[Seg]) -> Vec<Seg> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (c, at, len) = raw[i];
        if c != '\\' || i + 1 >= raw.len() {
            out.push((c, at, len));
            i += 1;
            continue;
        }
        let (n, _, nlen) = raw[i + 1];
        let mut consumed = 2;
        let mut src_len = len + nlen;
        let decoded = match n {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            's' => Some(' '),
            '\n' => None,
            '0'..='7' => {
                let mut v = n.to_digit(8).unwrap_or(0);
                let max = if n <= '3' { 3 } else { 2 };
                while consumed < 1 + max {
                    match raw.get(i + consumed) {
                        Some(&(d, _, dl)) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            src_len += dl;
                            consumed += 1;
                        }
                        _ => break,
                    }
                }
                char::from_u32(v)
            }
            'u' => {
                let mut k = i + 1;
                while raw.get(k).is_some_and(|x| x.0 == 'u') {
                    k += 1;
                }
                let hex: String = raw.iter().skip(k).take(4).map(|x| x.0).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 4 => {
                        consumed = k + 4 - i;
                        src_len = raw[i..i + consumed].iter().map(|x| x.2).sum();
                        Some(ch)
                    }
                    _ => Some('u'),
                }
            }
            other => Some(other),
        };
        if let Some(d) = decoded {
            out.push((d, at, src_len));
        }
        i += consumed;
    }
    out
}

/// A text block's content (the characters after the opening `"""`):
/// incidental indentation and trailing blanks removed, escapes decoded.
fn text_block(raw: &[Seg]) -> Vec<Seg> {
    let Some(first_nl) = raw.iter().position(|s| s.0 == '\n') else {
        return decode_escapes(raw);
    };
    let body = &raw[first_nl + 1..];
    // line ranges in `body`; the '\n' of a line sits at its end index
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, s) in body.iter().enumerate() {
        if s.0 == '\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, body.len()));
    let is_blank = |c: char| c == ' ' || c == '\t' || c == '\r';
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, &(a, b))| *i == last || !body[a..b].iter().all(|s| is_blank(s.0)))
        .map(|(_, &(a, b))| {
            body[a..b]
                .iter()
                .take_while(|s| s.0 == ' ' || s.0 == '\t')
                .count()
        })
        .min()
        .unwrap_or(0);
    let mut out: Vec<Seg> = Vec::new();
    for &(a, b) in &lines {
        let from = (a + indent).min(b);
        let mut to = b;
        while to > from && is_blank(body[to - 1].0) {
            to -= 1;
        }
        out.extend_from_slice(&body[from..to]);
        if let Some(nl) = body.get(b) {
            out.push(*nl);
        }
    }
    decode_escapes(&out)
}

/// Simple type name without generic arguments or package.
fn simple_type(t: &str) -> &str {
    let t = t.split('<').next().unwrap_or(t).trim();
    let t = t.trim_end_matches("[]");
    last_segment(t)
}

/// `getOrganizerKey` → `organizerKey`.
fn property_of_getter(name: &str) -> Option<String> {
    let rest = name
        .strip_prefix("get")
        .or_else(|| name.strip_prefix("is"))?;
    let mut ch = rest.chars();
    let first = ch.next()?;
    if !first.is_uppercase() {
        return None;
    }
    // `getURL` keeps its capitals, `getOrganizerKey` → `organizerKey`
    let second_upper = rest.chars().nth(1).is_some_and(|c| c.is_uppercase());
    if second_upper {
        return Some(rest.to_string());
    }
    Some(first.to_lowercase().chain(ch).collect())
}

/// Spring/JAX-RS media type constants → their value.
fn media_constant(name: &str) -> Option<&'static str> {
    let n = last_segment(name);
    let n = n.strip_suffix("_VALUE").unwrap_or(n);
    Some(match n {
        "APPLICATION_JSON" | "APPLICATION_JSON_UTF8" | "JSON" => "application/json",
        "APPLICATION_FORM_URLENCODED" | "FORM_URLENCODED" => "application/x-www-form-urlencoded",
        "MULTIPART_FORM_DATA" | "MULTIPART_FORM" => "multipart/form-data",
        "TEXT_PLAIN" => "text/plain",
        "APPLICATION_XML" => "application/xml",
        "APPLICATION_OCTET_STREAM" => "application/octet-stream",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// declarations and bindings
    sc: Scopes<'s>,
    /// invocations `recv.m(…)` by (function, receiver) and receiver root
    calls_on: CallsOn,
    /// assignments `recv.f = v` by (function, receiver root)
    sets_on: HashMap<(u32, String), Vec<u32>>,
    /// every invocation, by function
    scope_calls: HashMap<u32, Vec<u32>>,
    stringy: Vec<bool>,
    req_of_call: HashMap<u32, usize>,
    /// a request by where it is written (`new HttpPost(url)`): (start, end)
    req_at: HashMap<(usize, usize), usize>,
    token_call_of: HashMap<u32, usize>,
    handled_calls: HashSet<u32>,
    /// Java property name → wire name, per model type
    wire: HashMap<String, Vec<(String, String)>>,
    /// model type → (wire name, span, optional)
    model_fields: HashMap<String, Vec<(String, Span, bool)>>,
    /// what evaluation remembers
    memo: Memo<(u32, &'s str)>,
    /// request URLs composed from a client's base URL and a path: string
    /// expressions of their own
    joined_urls: RefCell<Vec<StrValue>>,
}

const URI_CHAIN_ROOTS: &[&str] = &[
    "UriComponentsBuilder.fromHttpUrl",
    "UriComponentsBuilder.fromUriString",
    "UriComponentsBuilder.fromUri",
    "UriComponentsBuilder.fromPath",
    "HttpUrl.parse",
    "HttpUrl.get",
];

const URI_CHAIN_CALLS: &[&str] = &[
    "queryParam",
    "replaceQueryParam",
    "path",
    "pathSegment",
    "build",
    "encode",
    "toUriString",
    "toUri",
    "toString",
    "buildAndExpand",
    "expand",
    "newBuilder",
    "addQueryParameter",
    "addEncodedQueryParameter",
    "setQueryParameter",
    "addPathSegment",
    "addPathSegments",
    "addParameter",
    "setParameter",
    "url",
    "uri",
    "toURL",
    "toURI",
];

impl<'s> Lx<'s> {
    fn new(a: Ast<'s>) -> Lx<'s> {
        let memo = Memo::new(a.len());
        Lx {
            a,
            memo,
            ..Lx::default()
        }
    }

    fn ids(&self) -> std::ops::Range<u32> {
        0..self.a.len() as u32
    }

    /// Positional arguments of a call or creation.
    fn args_of(&self, call: u32) -> Vec<u32> {
        match self.a.field(call, "arguments") {
            Some(list) => self.a.named_vec(list),
            None => Vec::new(),
        }
    }

    fn name_of(&self, call: u32) -> &'s str {
        self.a
            .field(call, "name")
            .map(|n| self.a.text(n))
            .unwrap_or("")
    }

    fn object_of(&self, call: u32) -> Option<u32> {
        self.a.field(call, "object")
    }

    /// Callee as `.`-joined names: `client.newCall.execute`.
    fn callee_text(&self, call: u32) -> String {
        let mut parts: Vec<&str> = vec![self.name_of(call)];
        let mut o = self.object_of(call);
        for _ in 0..16 {
            let Some(x) = o else { break };
            match self.a.kind(x) {
                "method_invocation" => {
                    parts.push(self.name_of(x));
                    o = self.object_of(x);
                }
                "identifier" | "field_access" | "scoped_identifier" => {
                    let t: String = self
                        .a
                        .text(x)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let t = t.strip_prefix("this.").unwrap_or(&t).to_string();
                    if t != "this" {
                        let mut out: Vec<String> = vec![t];
                        out.extend(parts.iter().rev().map(|s| s.to_string()));
                        return out.join(".");
                    }
                    break;
                }
                "object_creation_expression" => {
                    let t = self
                        .a
                        .field(x, "type")
                        .map(|t| simple_type_full(self.a.text(t)))
                        .unwrap_or_default();
                    let mut out: Vec<String> = vec![format!("new {t}")];
                    out.extend(parts.iter().rev().map(|s| s.to_string()));
                    return out.join(".");
                }
                _ => break,
            }
        }
        parts.reverse();
        parts.join(".")
    }

    fn type_name_of(&self, t: u32) -> String {
        if self.a.kind(t) == "generic_type" {
            let outer = self
                .a
                .named(t)
                .find(|&k| matches!(self.a.kind(k), "type_identifier" | "scoped_type_identifier"))
                .map(|k| simple_type(self.a.text(k)))
                .unwrap_or("");
            if matches!(
                outer,
                "ResponseEntity"
                    | "Mono"
                    | "Optional"
                    | "CompletableFuture"
                    | "Future"
                    | "HttpResponse"
                    | "HttpEntity"
                    | "Call"
                    | "Response"
            ) {
                if let Some(inner) = self
                    .a
                    .child_of_kind(t, "type_arguments")
                    .and_then(|l| self.a.first_named(l))
                {
                    return simple_type(self.a.text(inner)).to_string();
                }
            }
        }
        simple_type(self.a.text(t)).to_string()
    }

    // ----- collection -------------------------------------------------------

    fn is_record_param(&self, p: u32) -> bool {
        let list = self.a.parent(p);
        self.a.kind(self.a.parent(list)) == "record_declaration"
    }

    /// What each node is in the IR's vocabulary.
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "identifier" => Node::Name,
            "this" => Node::This,
            "field_access" => Node::member(a.field(id, "object"), a.field(id, "field")),
            "array_access" => Node::index(a.field(id, "array")),
            "parenthesized_expression" => Node::wrap(a.first_named(id)),
            "cast_expression" => Node::wrap(a.field(id, "value")),
            "assignment_expression" => Node::assign(
                a.field(id, "left"),
                a.field(id, "right"),
                a.operator(id) == Some("="),
            ),
            "if_statement" => Node::if_fields(a, id),
            "while_statement" | "ternary_expression" => Node::guarded(a.field(id, "condition")),
            "binary_expression" => Node::c_binary(a, id, true),
            "unary_expression" if a.text(id).starts_with('!') => Node::not(a.last_named(id)),
            "block" => Node::Block,
            "return_statement" | "continue_statement" | "break_statement" => Node::Exit,
            "throw_statement" => Node::Raise,
            "null_literal" | "false" => Node::Falsy,
            _ => Node::Other,
        }
    }

    /// A written type, unless it is `var`.
    fn written_type(&self, t: Option<u32>) -> Option<u32> {
        t.filter(|&t| self.a.text(t) != "var")
    }

    /// The declarations of the file, in source order.
    fn decls(&self) -> Vec<Decl> {
        let a = &self.a;
        let mut out = Vec::new();
        let local = Decl::local;
        for id in self.ids() {
            match a.kind(id) {
                k if CLASS_KINDS.contains(&k) => {
                    if let Some(name) = a.field(id, "name") {
                        out.push(Decl::Class { node: id, name });
                    }
                }
                "method_declaration" => {
                    if let Some(name) = a.field(id, "name") {
                        out.push(Decl::Function { node: id, name });
                    }
                }
                "lambda_expression" => {
                    if let Some(p) = a.field(id, "parameters") {
                        let names: Vec<u32> = match a.kind(p) {
                            "identifier" => vec![p],
                            "inferred_parameters" => a.named_vec(p),
                            _ => Vec::new(),
                        };
                        for n in names {
                            out.push(local(id, n, a.start(n), BindKind::Param(n), None));
                        }
                    }
                }
                "formal_parameter" | "spread_parameter" => {
                    let Some(name) = a.field(id, "name").or_else(|| {
                        a.child_of_kind(id, "variable_declarator")
                            .and_then(|d| a.field(d, "name"))
                    }) else {
                        continue;
                    };
                    let ty = a.field(id, "type");
                    if self.is_record_param(id) {
                        out.push(Decl::Member {
                            class: a.parent(a.parent(id)),
                            name,
                            value: None,
                            ty,
                            decl: id,
                        });
                        continue;
                    }
                    out.push(local(
                        a.scope(id),
                        name,
                        a.start(id),
                        BindKind::Param(id),
                        ty,
                    ));
                }
                "catch_formal_parameter" | "enhanced_for_statement" => {
                    if let Some(n) = a.field(id, "name") {
                        let ty = a.field(id, "type");
                        out.push(local(a.scope(id), n, a.start(n), BindKind::Other, ty));
                    }
                }
                "resource" => {
                    if let (Some(n), Some(v)) = (a.field(id, "name"), a.field(id, "value")) {
                        let ty = self.written_type(a.field(id, "type"));
                        out.push(local(a.scope(id), n, a.start(id), BindKind::Value(v), ty));
                    }
                }
                "variable_declarator" => {
                    let Some(name) = a.field(id, "name") else {
                        continue;
                    };
                    let decl = a.parent(id);
                    let ty = a.field(decl, "type");
                    let value = a.field(id, "value");
                    match a.kind(decl) {
                        "field_declaration" | "constant_declaration" => {
                            out.push(Decl::Member {
                                class: a.class(id),
                                name,
                                value,
                                ty,
                                decl,
                            });
                        }
                        "local_variable_declaration" => out.push(Decl::Local {
                            scope: a.scope(id),
                            name,
                            bind: value.map(|v| Bind::new(a.start(id), BindKind::Value(v))),
                            ty: self.written_type(ty),
                        }),
                        _ => {}
                    }
                }
                "return_statement" => out.extend(Decl::return_of(a, id)),
                _ => {}
            }
        }
        out
    }

    fn collect(&mut self) {
        let ir = Ir::build(&self.a, Self::ir_node);
        let decls = self.decls();
        self.sc = Scopes::build(&self.a, ir, decls);
        for id in self.ids() {
            if self.a.kind(id) != "method_invocation" {
                continue;
            }
            let scope = self.a.scope(id);
            self.scope_calls.entry(scope).or_default().push(id);
            let Some(recv) = self.object_of(id) else {
                continue;
            };
            let r = norm_recv(self.a.text(recv));
            if r.starts_with('\u{0}') {
                continue;
            }
            let root = self.recv_root(recv);
            self.calls_on.add(scope, r, root, id);
        }
        for id in self.ids() {
            let Node::Assign { target, .. } = self.sc.ir.node(id) else {
                continue;
            };
            let (Node::Member { object, .. } | Node::Index { object }) = self.sc.ir.node(target)
            else {
                continue;
            };
            if let Some(r) = self.recv_root(object) {
                self.sets_on
                    .entry((self.a.scope(id), r))
                    .or_default()
                    .push(id);
            }
        }
    }

    /// `conn` of `conn.x.y`, `tokens` of `this.tokens.x`.
    fn recv_root(&self, recv: u32) -> Option<String> {
        let mut root = recv;
        for _ in 0..16 {
            match self.a.kind(root) {
                "field_access" => {
                    let o = self.a.field(root, "object")?;
                    if self.a.kind(o) == "this" {
                        break;
                    }
                    root = o;
                }
                "array_access" => root = self.a.field(root, "array")?,
                _ => break,
            }
        }
        matches!(self.a.kind(root), "identifier" | "field_access")
            .then(|| norm_recv(self.a.text(root)))
    }

    fn created_type(&self, e: u32) -> Option<&'s str> {
        if self.a.kind(e) != "object_creation_expression" {
            return None;
        }
        let t = self.a.field(e, "type")?;
        Some(simple_type(self.a.text(t)))
    }

    /// `Request.Builder` of `new Request.Builder()`.
    fn created_type_full(&self, e: u32) -> Option<String> {
        if self.a.kind(e) != "object_creation_expression" {
            return None;
        }
        let t = self.a.field(e, "type")?;
        Some(simple_type_full(self.a.text(t)))
    }

    fn declared_type(&self, e: u32) -> Option<String> {
        let t = self.sc.declared_type(&self.a, e)?;
        Some(simple_type(self.a.text(t)).to_string())
    }

    fn object_type(&self, e: u32) -> Option<String> {
        if let Some(t) = self.declared_type(e) {
            return Some(t);
        }
        let v = self.sc.follow(&self.a, e);
        self.created_type(v).map(str::to_string)
    }

    // ----- strings ----------------------------------------------------------

    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&[
            "binary_expression",
            "parenthesized_expression",
            "object_creation_expression",
            "method_invocation",
        ]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    /// The root URL expression and the calls of a URI builder chain
    /// (`UriComponentsBuilder.fromHttpUrl(u).queryParam(…).toUriString()`).
    fn uri_chain(&self, id: u32) -> Option<(u32, Vec<u32>)> {
        let mut calls = Vec::new();
        let mut c = id;
        for _ in 0..64 {
            match self.a.kind(c) {
                "method_invocation" => {
                    let callee = self.callee_text(c);
                    let root_call = URI_CHAIN_ROOTS.iter().any(|r| callee.ends_with(r))
                        && self
                            .object_of(c)
                            .is_some_and(|o| self.a.kind(o) != "method_invocation");
                    if root_call {
                        calls.reverse();
                        return self.args_of(c).first().map(|&u| (u, calls));
                    }
                    if !URI_CHAIN_CALLS.contains(&self.name_of(c)) {
                        return None;
                    }
                    calls.push(c);
                    c = self.object_of(c)?;
                }
                "object_creation_expression" => {
                    if self.created_type(c) != Some("URIBuilder") || calls.is_empty() {
                        return None;
                    }
                    calls.reverse();
                    return self.args_of(c).first().map(|&u| (u, calls));
                }
                _ => return None,
            }
        }
        None
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            "string_literal" => true,
            "method_invocation" => {
                let callee = self.callee_text(id);
                let name = self.name_of(id);
                if matches!(
                    callee.as_str(),
                    "String.format" | "String.valueOf" | "URI.create" | "String.join"
                ) {
                    return true;
                }
                if self.uri_chain(id).is_some() {
                    return true;
                }
                let obj = self.object_of(id);
                match name {
                    "formatted" | "concat" => get(obj),
                    "toString" | "trim" | "strip" | "toURL" | "toURI" | "toExternalForm" => {
                        self.args_of(id).is_empty() && get(obj)
                    }
                    _ => false,
                }
            }
            "object_creation_expression" => {
                if !matches!(self.created_type(id), Some("URL" | "URI" | "GenericUrl")) {
                    return false;
                }
                self.args_of(id).iter().any(|&p| get(Some(p)))
            }
            _ => false,
        }
    }

    fn consumed_by_parent(&self, id: u32) -> bool {
        let p = self.a.parent(id);
        if p == NONE {
            return false;
        }
        match self.a.kind(p) {
            "parenthesized_expression" | "binary_expression" => self.is_stringy(p),
            "method_invocation" => self.a.field_name(id) == "object" && self.is_stringy(p),
            "argument_list" => self.is_stringy(self.a.parent(p)),
            _ => false,
        }
    }

    fn strings(&self, m: &mut FileModel) {
        m.strings.extend(self.joined_urls.borrow_mut().drain(..));
        for id in self.ids() {
            if self.is_stringy(id) && !self.consumed_by_parent(id) {
                m.strings.push(self.resolve_root(id, true));
            }
        }
        for id in self.ids() {
            if self.a.kind(id) == "string_literal"
                && !self
                    .memo
                    .consumed
                    .borrow()
                    .get(id as usize)
                    .copied()
                    .unwrap_or(true)
            {
                m.strings.push(self.resolve_root(id, true));
            }
        }
    }

    /// The name node of `Type.CONSTANT` or a statically imported
    /// `CONSTANT`: a name written in capitals, as enum constants are.
    fn constant_name(&self, e: u32) -> Option<u32> {
        let n = match self.a.kind(e) {
            "field_access" => self.a.field(e, "field")?,
            "identifier" => e,
            _ => return None,
        };
        is_constant_case(self.a.text(n)).then_some(n)
    }

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let callee = self.callee_text(id);
        let name = self.name_of(id);
        let args = self.args_of(id);
        let obj = self.object_of(id);
        // `Key.CLIENT_SECRET.name()`: an enum constant's own name
        if name == "name" && args.is_empty() {
            if let Some(c) = obj.and_then(|o| self.constant_name(o)) {
                out.push(Piece::lit(self.a.text(c), self.a.span(c)));
                return;
            }
        }
        match callee.as_str() {
            "String.format" => {
                // a Locale may come first
                let skip = match (args.first(), args.get(1)) {
                    (Some(&f), Some(&s)) if !self.is_stringy(f) && self.is_stringy(s) => 1,
                    _ => 0,
                };
                let Some(&fmt) = args.get(skip) else {
                    out.push(self.hole(id));
                    return;
                };
                let mut f = Vec::new();
                self.resolve_into(fmt, depth + 1, mark, &mut f);
                let rest: Vec<u32> = args.iter().skip(skip + 1).copied().collect();
                self.percent_format(f, &rest, id, depth, mark, out);
                return;
            }
            "String.valueOf" | "URI.create" => {
                match args.first() {
                    Some(&a) => self.resolve_into(a, depth + 1, mark, out),
                    None => out.push(self.hole(id)),
                }
                return;
            }
            "String.join" => {
                let Some((&sep, items)) = args.split_first() else {
                    out.push(self.hole(id));
                    return;
                };
                let mut s = Vec::new();
                self.resolve_into(sep, depth + 1, mark, &mut s);
                for (i, &it) in items.iter().enumerate() {
                    if i > 0 {
                        out.extend(s.iter().cloned());
                    }
                    self.resolve_into(it, depth + 1, mark, out);
                }
                return;
            }
            _ => {}
        }
        if let Some((root, calls)) = self.uri_chain(id) {
            self.resolve_uri_chain(root, &calls, depth, mark, out);
            return;
        }
        match (name, obj) {
            ("formatted", Some(o)) => {
                let mut f = Vec::new();
                self.resolve_into(o, depth + 1, mark, &mut f);
                self.percent_format(f, &args, id, depth, mark, out);
            }
            ("concat", Some(o)) => {
                self.resolve_into(o, depth + 1, mark, out);
                for &a in &args {
                    self.resolve_into(a, depth + 1, mark, out);
                }
            }
            ("toString" | "trim" | "strip" | "toURL" | "toURI" | "toExternalForm", Some(o))
                if args.is_empty() =>
            {
                self.resolve_into(o, depth + 1, mark, out)
            }
            // a getter of this class: `getApiUrl()`, `this.getApiUrl()`
            (name, o)
                if args.is_empty()
                    && o.is_none_or(|o| self.sc.ir.node(o) == Node::This)
                    && self.a.class(id) != NONE =>
            {
                let getter = self.sc.getter_value(&self.a, self.a.class(id), name);
                let resolve = |v| {
                    let mut value = Vec::new();
                    self.resolve_into(v, depth + 1, false, &mut value);
                    value
                };
                out.extend(getter_pieces(getter, resolve, self.hole(id)));
            }
            _ => out.push(self.hole(id)),
        }
    }

    /// A URI builder chain: the root URL, path segments and query parameters.
    fn resolve_uri_chain(
        &self,
        root: u32,
        calls: &[u32],
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let mut url = Vec::new();
        self.resolve_into(root, depth + 1, mark, &mut url);
        let mut query: Vec<Piece> = Vec::new();
        let mut has_query = pieces_text(&url).contains('?');
        for &c in calls {
            let args = self.args_of(c);
            match self.name_of(c) {
                "path" | "addPathSegments" | "addPathSegment" | "pathSegment" => {
                    for &a in &args {
                        let mut seg = Vec::new();
                        self.resolve_into(a, depth + 1, mark, &mut seg);
                        if !pieces_text(&seg).starts_with('/') {
                            url.push(Piece::synthetic("/"));
                        }
                        url.extend(seg);
                    }
                }
                "queryParam"
                | "replaceQueryParam"
                | "addQueryParameter"
                | "addEncodedQueryParameter"
                | "setQueryParameter"
                | "addParameter"
                | "setParameter" => {
                    let Some(&k) = args.first() else { continue };
                    query.push(Piece::synthetic(if has_query { "&" } else { "?" }));
                    has_query = true;
                    self.resolve_into(k, depth + 1, mark, &mut query);
                    if let Some(&v) = args.get(1) {
                        query.push(Piece::synthetic("="));
                        self.resolve_into(v, depth + 1, mark, &mut query);
                    }
                }
                _ => {}
            }
        }
        out.extend(url);
        out.extend(query);
    }

    /// `String.format` conversions: `%s`, `%d`, `%1$s`, `%%`, `%n`.
    #[allow(clippy::too_many_arguments)]
    fn percent_format(
        &self,
        fmt: Vec<Piece>,
        args: &[u32],
        call: u32,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        format::printf(&fmt, &PRINTF, out, |d, out| {
            match d.arg {
                Arg::Pos(k) => match args.get(k) {
                    Some(&a) => self.resolve_into(a, depth + 1, mark, out),
                    None => out.push(Piece::hole(self.a.span(call), d.text)),
                },
                _ => out.push(Piece::synthetic("\n")),
            }
            true
        });
    }

    // ----- literals ---------------------------------------------------------

    fn literal_segs(&self, id: u32) -> (Vec<Seg>, usize) {
        let start = self.a.start(id) as usize;
        let text = self.a.text(id);
        let block = text.starts_with("\"\"\"");
        let q = if block { 3 } else { 1 };
        let content_start = start + q;
        let inner_end = if text.len() >= 2 * q && text.ends_with('"') {
            text.len() - q
        } else {
            text.len()
        };
        let raw: Vec<Seg> = text
            .get(q..inner_end.max(q))
            .unwrap_or("")
            .char_indices()
            .map(|(i, c)| (c, content_start + i, c.len_utf8()))
            .collect();
        let segs = if block {
            text_block(&raw)
        } else {
            decode_escapes(&raw)
        };
        (segs, content_start)
    }

    fn decode_string(&self, id: u32, mark: bool, out: &mut Vec<Piece>) {
        if mark {
            if let Some(c) = self.memo.consumed.borrow_mut().get_mut(id as usize) {
                *c = true;
            }
        }
        let (segs, content_start) = self.literal_segs(id);
        if segs.is_empty() {
            out.push(Piece::lit("", content_start..content_start));
            return;
        }
        let mut run: Vec<(char, usize)> = Vec::new();
        let mut run_end = 0usize;
        for (c, at, len) in segs {
            if !run.is_empty() && at != run_end {
                out.push(Piece::lit_decoded(&run, run_end));
                run.clear();
            }
            run.push((c, at));
            run_end = at + len;
        }
        if !run.is_empty() {
            out.push(Piece::lit_decoded(&run, run_end));
        }
    }

    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        if self.a.kind(id) == "method_invocation"
            && self.name_of(id) == "name"
            && self.args_of(id).is_empty()
        {
            let c = self.constant_name(self.object_of(id)?)?;
            return Some((self.a.text(c).to_string(), self.a.span(c)));
        }
        if self.a.kind(id) != "string_literal" {
            return None;
        }
        let mut p = Vec::new();
        self.decode_string(id, false, &mut p);
        let sv = StrValue {
            pieces: p,
            span: self.a.span(id),
        };
        let text = sv.text();
        let span = sv
            .source_of(0..text.len())
            .unwrap_or_else(|| self.a.span(id));
        Some((text, span))
    }

    fn literal_eq(&self, id: u32, s: &str) -> bool {
        self.literal_text(id).is_some_and(|(t, _)| t == s)
    }
}

/// `Request.Builder` of `okhttp3.Request.Builder<…>`.
fn simple_type_full(t: &str) -> String {
    let t = t.split('<').next().unwrap_or(t).trim();
    let parts: Vec<&str> = t.split('.').collect();
    // keep capitalised segments (nested types), drop the package
    let keep: Vec<&str> = parts
        .iter()
        .copied()
        .skip_while(|p| p.chars().next().is_some_and(|c| c.is_lowercase()))
        .collect();
    keep.join(".")
}

// ---------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "method_invocation" => self.call_origin(id, depth),
            "field_access" => {
                let (Some(obj), Some(n)) = (self.a.field(id, "object"), self.a.field(id, "field"))
                else {
                    return Origin::Unknown;
                };
                let name = self.a.text(n);
                if self.a.kind(obj) == "this" {
                    let o = match self.sc.member_class_of(&self.a, id, name) {
                        Some(c) => self.member_origin(c, name, d),
                        None => Origin::Unknown,
                    };
                    return configured(o, name);
                }
                let o = self.origin_of(obj, d);
                configured(o, name)
            }
            "array_access" => match self.a.field(id, "array") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            "identifier" => self.var_origin(id, depth),
            "object_creation_expression" => {
                if matches!(
                    self.created_type(id),
                    Some(
                        "JSONObject"
                            | "JSONArray"
                            | "JSONTokener"
                            | "BufferedReader"
                            | "InputStreamReader"
                            | "String"
                            | "Scanner"
                            | "JsonReader"
                            | "StringReader"
                    )
                ) {
                    if let Some(&a) = self.args_of(id).first() {
                        let o = self.origin_of(a, d);
                        if o != Origin::Unknown {
                            return o;
                        }
                    }
                }
                Origin::Literal
            }
            "array_creation_expression" | "array_initializer" | "string_literal" => Origin::Literal,
            "ternary_expression" => self.origin_of_either(id, "consequence", "alternative", d),
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    /// (guarded by a fallback, asserted, assigned_to, fallback_is_target)
    fn read_context(&self, read: u32, field: &str, default: Option<u32>) -> ReadContext {
        let mut top = self.peel_up(read);
        let mut fallback = default;
        let mut asserted = false;
        // Optional.ofNullable(read).orElse(fb) / Objects.requireNonNullElse(read, fb)
        if let Some(call) = self.call_of_arg(top) {
            let callee = self.callee_text(call);
            if callee == "Optional.ofNullable" {
                if let Some(&x) = self.chain_up(call).first() {
                    if matches!(
                        self.name_of(x),
                        "orElse" | "orElseGet" | "ifPresent" | "map"
                    ) {
                        fallback = self.args_of(x).first().copied();
                        top = self.peel_up(x);
                    }
                }
            } else if callee == "Objects.requireNonNullElse"
                || callee == "Objects.requireNonNullElseGet"
            {
                fallback = self.args_of(call).get(1).copied();
                top = self.peel_up(call);
            } else if callee == "Objects.requireNonNull" {
                asserted = true;
                top = self.peel_up(call);
            }
        }
        let p = self.a.parent(top);
        if self.a.kind(p) == "ternary_expression" && self.a.field_name(top) == "consequence" {
            fallback = self.a.field(p, "alternative");
            top = self.peel_up(p);
        }
        let p = self.a.parent(top);
        let target = match self.a.kind(p) {
            "assignment_expression" if self.a.field_name(top) == "right" => self
                .a
                .field(p, "left")
                .map(|l| self.sc.target_text(&self.a, l)),
            "variable_declarator" => self.a.field(p, "name").map(|n| self.a.text(n).to_string()),
            // `tokens.setRefreshToken(body.refresh_token)`
            "argument_list" => {
                let call = self.a.parent(p);
                crate::sema::names::setter_target(
                    &self.callee_text(call),
                    self.name_of(call),
                    self.args_of(call).len(),
                    field,
                )
            }
            _ => None,
        };
        ReadContext::new(fallback.map(|f| self.a.text(f)), asserted, target)
    }

    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool {
        self.tests_field(cond, raw, &norm_recv(self.a.text(recv)))
    }
}

impl<'s> Eval<'s> for Lx<'s> {
    crate::eval_state!('s, (u32, &'s str));

    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        self.stringy_kind(id, get)
    }

    fn not_text(&self, id: u32) -> bool {
        NOT_TEXT.contains(&self.a.kind(id)) && !self.is_stringy(id)
    }

    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        match self.a.kind(id) {
            "string_literal" => self.decode_string(id, mark, out),
            "identifier" | "field_access" => match self.sc.bound_value(&self.a, id) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => out.push(self.hole(id)),
            },
            "method_invocation" => self.resolve_call(id, depth, mark, out),
            "object_creation_expression"
                if matches!(self.created_type(id), Some("URL" | "URI" | "GenericUrl")) =>
            {
                let args = self.args_of(id);
                match args.as_slice() {
                    [one] => self.resolve_into(*one, depth + 1, mark, out),
                    [base, rel] => {
                        let mut b = Vec::new();
                        self.resolve_into(*base, depth + 1, mark, &mut b);
                        let mut r = Vec::new();
                        self.resolve_into(*rel, depth + 1, mark, &mut r);
                        out.extend(uri_join(b, r));
                    }
                    _ => out.push(self.hole(id)),
                }
            }
            "decimal_integer_literal" | "true" | "false" | "character_literal" => {
                let t = self.a.text(id);
                let t = if self.a.kind(id) == "character_literal" {
                    t.trim_matches('\'')
                } else {
                    t
                };
                let s = self.a.start(id) as usize
                    + if self.a.kind(id) == "character_literal" {
                        1
                    } else {
                        0
                    };
                out.push(Piece::lit(t, s..s + t.len()));
            }
            _ => out.push(self.hole(id)),
        }
    }
}

impl<'s> Lx<'s> {
    fn make_entry(&self, key: u32, value: Option<u32>, span: Span) -> Option<Entry> {
        let (k, ks) = self.literal_text(key)?;
        Some(Entry {
            key: k,
            key_span: Some(ks),
            value: value.and_then(|v| self.value_opt(v)),
            value_span: value.map(|v| self.a.span(v)),
            span,
        })
    }

    /// `Map.of("k", v, …)` and friends: alternating keys and values.
    fn map_of_entries(&self, call: u32) -> Option<Vec<Entry>> {
        let callee = self.callee_text(call);
        let args = self.args_of(call);
        let last = last_segment(&callee);
        let owner = callee.rsplit('.').nth(1).unwrap_or("");
        let alternating = matches!(last, "of" | "singletonMap")
            && matches!(owner, "Map" | "ImmutableMap" | "Collections" | "HashMap");
        if alternating {
            if args.len() % 2 != 0 || args.is_empty() {
                return None;
            }
            let mut out = Vec::new();
            for pair in args.chunks(2) {
                let span = self.a.start(pair[0]) as usize..self.a.end(pair[1]) as usize;
                if let Some(e) = self.make_entry(pair[0], Some(pair[1]), span) {
                    out.push(e);
                }
            }
            return Some(out);
        }
        if matches!(last, "ofEntries" | "asList" | "of" | "singletonList")
            && matches!(
                owner,
                "Map" | "List" | "Arrays" | "Collections" | "Set" | "ImmutableList"
            )
        {
            return Some(args.iter().filter_map(|&a| self.pair_entry(a)).collect());
        }
        None
    }

    /// `Map.entry("k", v)`, `new BasicNameValuePair("k", v)`,
    /// `new AbstractMap.SimpleEntry<>("k", v)`, `Pair.of("k", v)`.
    fn pair_entry(&self, e: u32) -> Option<Entry> {
        let ok = match self.a.kind(e) {
            "object_creation_expression" => matches!(
                self.created_type(e),
                Some(
                    "BasicNameValuePair" | "SimpleEntry" | "SimpleImmutableEntry" | "NameValuePair"
                )
            ),
            "method_invocation" => {
                let c = self.callee_text(e);
                c.ends_with("Map.entry") || c.ends_with("Pair.of") || c == "entry"
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        match self.args_of(e).as_slice() {
            [k, v] => self.make_entry(*k, Some(*v), self.a.span(e)),
            _ => None,
        }
    }

    /// `x.put("k", v)`, `form.add("k", v)`, `.queryParam("k", v)`.
    fn add_call_entry(&self, call: u32) -> Option<Entry> {
        if !ADD_NAMES.contains(&self.name_of(call)) {
            return None;
        }
        let args = self.args_of(call);
        if args.len() < 2 {
            return None;
        }
        self.make_entry(args[0], Some(args[1]), self.a.span(call))
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "method_invocation" => {
                    if let Some(es) = self.map_of_entries(id) {
                        if !matches!(self.callee_text(id).as_str(), "List.of" | "Arrays.asList") {
                            m.entries.extend(es);
                        }
                    } else if let Some(e) = self.pair_entry(id).or_else(|| self.add_call_entry(id))
                    {
                        m.entries.push(e);
                    }
                }
                "object_creation_expression" => {
                    if let Some(e) = self.pair_entry(id) {
                        m.entries.push(e);
                    }
                }
                _ => {}
            }
        }
    }

    /// Entries of a key/value structure: a map, a list of pairs, a form
    /// builder chain, a form string, a variable holding one.
    fn entries_of(&self, e: u32, depth: u32) -> Vec<Entry> {
        let mut out = Vec::new();
        if depth > 8 {
            return out;
        }
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "method_invocation" => {
                if let Some(es) = self.map_of_entries(v) {
                    out.extend(es);
                } else if let Some(p) = self.pair_entry(v) {
                    out.push(p);
                } else {
                    // a builder chain: `new FormBody.Builder().add(…).add(…).build()`
                    let mut c = v;
                    for _ in 0..64 {
                        if self.a.kind(c) != "method_invocation" {
                            break;
                        }
                        let name = self.name_of(c);
                        if let Some(en) = self.add_call_entry(c) {
                            out.push(en);
                        } else if matches!(name, "fromFormData" | "fromValue" | "fromObject")
                            && self.args_of(c).len() == 1
                        {
                            out.extend(self.entries_of(self.args_of(c)[0], depth + 1));
                        } else if matches!(name, "writeValueAsString" | "toJson" | "valueToTree") {
                            if let Some(&a) = self.args_of(c).first() {
                                out.extend(self.entries_of(a, depth + 1));
                            }
                            break;
                        }
                        match self.object_of(c) {
                            Some(o) => c = o,
                            None => break,
                        }
                    }
                    if matches!(
                        self.a.kind(c),
                        "identifier" | "field_access" | "object_creation_expression"
                    ) && c != v
                        && !self.is_type_like(c)
                    {
                        out.extend(self.entries_of(c, depth + 1));
                    }
                    out.reverse();
                    if out.is_empty() && self.is_stringy(v) {
                        out.extend(form_pairs(&self.value_sv(v)));
                    }
                }
            }
            "object_creation_expression" => {
                let args = self.args_of(v);
                match self.created_type(v) {
                    Some("BasicNameValuePair" | "SimpleEntry") => {
                        if let Some(p) = self.pair_entry(v) {
                            out.push(p);
                        }
                    }
                    Some(
                        "UrlEncodedFormEntity"
                        | "HttpEntity"
                        | "HashMap"
                        | "LinkedHashMap"
                        | "LinkedMultiValueMap"
                        | "JSONObject"
                        | "TreeMap"
                        | "ArrayList",
                    ) => {
                        if let Some(&first) = args.first() {
                            if !self.is_stringy(first) {
                                out.extend(self.entries_of(first, depth + 1));
                            }
                        }
                    }
                    _ => {}
                }
                // double-brace initialisation: `new HashMap<>() {{ put("k", v); }}`
                if let Some(body) = self.a.child_of_kind(v, "class_body") {
                    let (s, t) = (self.a.start(body), self.a.end(body));
                    for id in body..self.a.len() as u32 {
                        if self.a.start(id) >= t {
                            break;
                        }
                        if self.a.start(id) >= s && self.a.kind(id) == "method_invocation" {
                            if let Some(en) = self.add_call_entry(id) {
                                out.push(en);
                            }
                        }
                    }
                }
            }
            "string_literal" | "binary_expression" if self.is_stringy(v) => {
                out.extend(form_pairs(&self.value_sv(v)));
            }
            _ => {}
        }
        // `.put("k", v)` / `.add(new BasicNameValuePair(…))` on the variable
        if matches!(self.a.kind(e), "identifier" | "field_access") {
            let r = norm_recv(self.a.text(e));
            let key = (self.a.scope(e), r.clone());
            let mut calls: Vec<u32> = self.calls_on.scoped.get(&key).cloned().unwrap_or_default();
            if calls.is_empty() {
                calls = self.calls_on.wide.get(&r).cloned().unwrap_or_default();
            }
            for c in calls {
                if self.object_of(c).map(|o| norm_recv(self.a.text(o))) != Some(r.clone()) {
                    continue;
                }
                if let Some(en) = self.add_call_entry(c) {
                    if !out.iter().any(|o| o.span == en.span) {
                        out.push(en);
                    }
                } else if self.name_of(c) == "add" {
                    if let Some(&a) = self.args_of(c).first() {
                        if let Some(p) = self.pair_entry(a) {
                            out.push(p);
                        }
                    }
                } else if matches!(self.name_of(c), "putAll" | "addAll" | "setAll") {
                    if let Some(&a) = self.args_of(c).first() {
                        out.extend(self.entries_of(a, depth + 1));
                    }
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// HTTP requests
// ---------------------------------------------------------------------------

fn content_type_of(h: &[Entry]) -> String {
    h.iter()
        .rev()
        .find(|e| e.key.eq_ignore_ascii_case("content-type"))
        .and_then(|e| e.value.as_ref())
        .map(|v| v.text().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A found request: the request, the calls whose result is the response,
/// and the calls it accounts for.
type Found = (HttpRequest, Vec<u32>, Vec<u32>);

impl<'s> Lx<'s> {
    fn requests(&mut self, m: &mut FileModel) {
        let mut found: Vec<Found> = Vec::new();
        let mut handled: HashSet<u32> = HashSet::new();
        for id in self.ids() {
            let r = match self.a.kind(id) {
                "object_creation_expression" => {
                    let full = self.created_type_full(id).unwrap_or_default();
                    if full.ends_with("Request.Builder") {
                        Some(self.builder_request(id, "okhttp"))
                    } else if matches!(
                        self.created_type(id),
                        Some(
                            "HttpGet"
                                | "HttpPost"
                                | "HttpPut"
                                | "HttpPatch"
                                | "HttpDelete"
                                | "HttpHead"
                        )
                    ) {
                        Some(self.apache_request(id))
                    } else if self.created_type(id) == Some("OAuthRequest") {
                        self.scribe_request(id)
                    } else {
                        None
                    }
                }
                "method_invocation" => {
                    let callee = self.callee_text(id);
                    if callee.ends_with("HttpRequest.newBuilder") {
                        Some(self.builder_request(id, "java.net.http"))
                    } else if self.name_of(id) == "openConnection" {
                        self.connection_request(id)
                    } else if self.name_of(id) == "openStream" {
                        self.stream_request(id)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            if let Some(r) = r {
                handled.extend(r.2.iter().copied());
                found.push(r);
            }
        }
        for id in self.ids() {
            if self.a.kind(id) != "method_invocation" || handled.contains(&id) {
                continue;
            }
            let r = self
                .rest_template_request(id)
                .or_else(|| self.factory_request(id))
                .or_else(|| self.webclient_request(id))
                .or_else(|| self.unseen_request(id))
                .or_else(|| crate::sema::helpers::call_request(&*self, id));
            if let Some(r) = r {
                handled.extend(r.2.iter().copied());
                found.push(r);
            }
        }
        found.extend(self.oauth_api_requests());
        crate::sema::helpers::add_forwarded(&*self, &mut found, &handled, "method_invocation");
        for (req, resp, calls) in found {
            let i = m.http_requests.len();
            self.req_at.insert((req.span.start, req.span.end), i);
            m.http_requests.push(req);
            for r in resp {
                self.req_of_call.insert(r, i);
            }
            self.handled_calls.extend(calls);
        }
    }

    /// Calls chained on `start`: `start.a().b()` → [a, b].
    fn chain_up(&self, start: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut c = start;
        for _ in 0..256 {
            let p = self.a.parent(c);
            if self.a.kind(p) == "method_invocation" && self.a.field(p, "object") == Some(c) {
                out.push(p);
                c = p;
            } else {
                break;
            }
        }
        out
    }

    /// The variable an expression (through casts) is stored in.
    fn stored_in(&self, e: u32) -> Option<String> {
        let mut up = self.a.parent(e);
        for _ in 0..4 {
            if matches!(
                self.a.kind(up),
                "cast_expression" | "parenthesized_expression"
            ) {
                up = self.a.parent(up);
            }
        }
        match self.a.kind(up) {
            "variable_declarator" | "resource" => {
                self.a.field(up, "name").map(|n| self.a.text(n).to_string())
            }
            "assignment_expression" => self.a.field(up, "left").map(|l| norm_recv(self.a.text(l))),
            _ => None,
        }
    }

    /// Calls in the same function taking `var` (or `node` itself) as an argument.
    fn calls_taking(&self, node: u32, var: Option<&str>, names: &[&str]) -> Vec<u32> {
        let mut out = Vec::new();
        // inline: `client.execute(new HttpPost(url))`
        let p = self.a.parent(node);
        if self.a.kind(p) == "argument_list" {
            let call = self.a.parent(p);
            if self.a.kind(call) == "method_invocation" && names.contains(&self.name_of(call)) {
                out.push(call);
                return out;
            }
        }
        let Some(var) = var else { return out };
        let scope = self.a.scope(node);
        for &c in self
            .scope_calls
            .get(&scope)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
        {
            if !names.contains(&self.name_of(c)) || self.a.start(c) < self.a.start(node) {
                continue;
            }
            if self
                .args_of(c)
                .first()
                .is_some_and(|&a| norm_recv(self.a.text(a)) == var)
            {
                out.push(c);
            }
        }
        out
    }

    /// `MediaType.APPLICATION_JSON`, `MediaType.parse("…")`, `"application/json"`.
    fn media_entry(&self, media: u32, span: Span) -> Entry {
        let v = self.sc.follow(&self.a, media);
        let (value, vspan) = match self.a.kind(v) {
            "field_access" | "identifier" if media_constant(self.a.text(v)).is_some() => {
                let text = media_constant(self.a.text(v)).unwrap_or("");
                let mut sv = StrValue::new(self.a.span(v));
                sv.push(Piece::synthetic(text));
                (sv, self.a.span(media))
            }
            "method_invocation"
                if matches!(
                    self.name_of(v),
                    "parse" | "get" | "valueOf" | "parseMediaType" | "create" | "toMediaType"
                ) =>
            {
                match self.args_of(v).first() {
                    Some(&a) => (self.value_sv(a), self.a.span(a)),
                    None => (self.value_sv(v), self.a.span(v)),
                }
            }
            _ => (self.value_sv(media), self.a.span(media)),
        };
        Entry {
            key: "Content-Type".to_string(),
            key_span: None,
            value: Some(value),
            value_span: Some(vspan),
            span,
        }
    }

    fn header_entry(&self, k: u32, v: u32, span: Span) -> Option<Entry> {
        let key = match self.literal_text(k) {
            Some((t, _)) => t,
            None => {
                let t = last_segment(self.a.text(k));
                match t {
                    "AUTHORIZATION" => "Authorization".to_string(),
                    "CONTENT_TYPE" => "Content-Type".to_string(),
                    "ACCEPT" => "Accept".to_string(),
                    _ => {
                        let sv = self.value_sv(k);
                        if !sv.is_plain() {
                            return None;
                        }
                        sv.text()
                    }
                }
            }
        };
        if key.eq_ignore_ascii_case("content-type") {
            let mut e = self.media_entry(v, span);
            e.key = key;
            e.key_span = self.literal_text(k).map(|x| x.1);
            return Some(e);
        }
        let mut value = self.value_sv(v);
        if self.a.text(v).contains("Credentials.basic") {
            value = StrValue::new(self.a.span(v));
            value.push(Piece::synthetic("Basic "));
            value.push(self.hole(v));
        }
        Some(Entry {
            key,
            key_span: self.literal_text(k).map(|x| x.1),
            value: Some(value),
            value_span: Some(self.a.span(v)),
            span,
        })
    }

    /// Headers set by calls: `header(k, v)`, `setHeader`, `setRequestProperty`,
    /// `set`/`add` on `HttpHeaders`, `setContentType`, `setBasicAuth`, `contentType`.
    fn headers_from_calls(&self, calls: &[u32], out: &mut Vec<Entry>, basic: &mut bool) {
        for &c in calls {
            let args = self.args_of(c);
            match self.name_of(c) {
                "header" | "addHeader" | "setHeader" | "setRequestProperty"
                | "addRequestProperty" | "set" | "add" => {
                    if let (Some(&k), Some(&v)) = (args.first(), args.get(1)) {
                        if let Some(e) = self.header_entry(k, v, self.a.span(c)) {
                            out.push(e);
                        }
                    }
                }
                "headers" if args.len() >= 2 => {
                    for pair in args.chunks(2) {
                        if let [k, v] = pair {
                            if let Some(e) = self.header_entry(*k, *v, self.a.span(c)) {
                                out.push(e);
                            }
                        }
                    }
                }
                "headers" => {
                    // `.headers(h -> { h.setBasicAuth(…); h.setContentType(…); })`
                    if let Some(&l) = args.first() {
                        let inner: Vec<u32> = (l..self.a.len() as u32)
                            .take_while(|&i| self.a.start(i) < self.a.end(l))
                            .filter(|&i| self.a.kind(i) == "method_invocation")
                            .collect();
                        self.headers_from_calls(&inner, out, basic);
                    }
                }
                "setContentType" | "contentType" => {
                    if let Some(&m) = args.first() {
                        out.push(self.media_entry(m, self.a.span(c)));
                    }
                }
                "setBasicAuth" | "basicAuthentication" => {
                    *basic = true;
                    let mut sv = StrValue::new(self.a.span(c));
                    sv.push(Piece::synthetic("Basic "));
                    sv.push(self.hole(c));
                    out.push(Entry {
                        key: "Authorization".to_string(),
                        key_span: None,
                        value: Some(sv),
                        value_span: Some(self.a.span(c)),
                        span: self.a.span(c),
                    });
                }
                _ => {}
            }
        }
        if header_says_basic(out) {
            *basic = true;
        }
    }

    /// A string body: JSON, a form string, or raw, by content type and shape.
    fn string_body(&self, s: u32, ct: &str) -> Body {
        let mut b = Body {
            kind: Some(BodyKind::Raw),
            span: Some(self.a.span(s)),
            ..Default::default()
        };
        let serialized = self.serialized_arg(s);
        let sv = self.value_sv(s);
        // a form string is a form whatever type it is labelled with
        let form_string = serialized.is_none() && looks_form(&sv.text());
        if (ct.contains("json") || serialized.is_some()) && !form_string {
            b.kind = Some(BodyKind::Json);
            if let Some(x) = serialized {
                b.entries = self.entries_of(x, 0);
            }
        } else if ct.contains("x-www-form-urlencoded") || form_string {
            b.kind = Some(BodyKind::Form);
            b.entries = form_pairs(&sv);
            if b.entries.is_empty() {
                b.entries = self.entries_of(s, 0);
            }
        }
        b
    }

    /// `mapper.writeValueAsString(x)` / `gson.toJson(x)` → `x`.
    fn serialized_arg(&self, e: u32) -> Option<u32> {
        let v = self.sc.follow(&self.a, e);
        if self.a.kind(v) != "method_invocation" {
            return None;
        }
        if matches!(
            self.name_of(v),
            "writeValueAsString" | "toJson" | "writeValueAsBytes"
        ) {
            return self.args_of(v).first().copied();
        }
        if self.name_of(v) == "toString" {
            let o = self.object_of(v)?;
            let ov = self.sc.follow(&self.a, o);
            if self.created_type(ov) == Some("JSONObject") {
                return Some(o);
            }
        }
        if matches!(self.name_of(v), "getBytes") {
            return self.object_of(v).and_then(|o| self.serialized_arg(o));
        }
        None
    }

    /// Is this body a form map (`MultiValueMap`) rather than a JSON object?
    fn is_multi_value_map(&self, e: u32) -> bool {
        if self
            .declared_type(e)
            .is_some_and(|t| t.contains("MultiValueMap"))
        {
            return true;
        }
        let v = self.sc.follow(&self.a, e);
        matches!(
            self.created_type(v),
            Some("LinkedMultiValueMap" | "MultiValueMapAdapter")
        )
    }

    /// What a body expression sends, given the content type set elsewhere.
    fn body_of(&self, e: u32, ct: &str) -> Body {
        let v = self.sc.follow(&self.a, e);
        let mut b = Body {
            kind: Some(BodyKind::Unknown),
            span: Some(self.a.span(e)),
            ..Default::default()
        };
        match self.a.kind(v) {
            "method_invocation" => {
                let callee = self.callee_text(v);
                let name = self.name_of(v);
                let args = self.args_of(v);
                if callee.ends_with("RequestBody.create") || name == "toRequestBody" {
                    // OkHttp: create(content, mediaType) or create(mediaType, content)
                    let (media, data) = match args.as_slice() {
                        [a, c] if self.a.text(*a).contains("MediaType") => (Some(*a), Some(*c)),
                        [c, a] => (Some(*a), Some(*c)),
                        [c] => (None, Some(*c)),
                        _ => (None, None),
                    };
                    let mut ct2 = ct.to_string();
                    if let Some(m) = media {
                        let en = self.media_entry(m, self.a.span(m));
                        ct2 = en
                            .value
                            .as_ref()
                            .map(|v| v.text().to_ascii_lowercase())
                            .unwrap_or_default();
                        b.headers.push(en);
                    }
                    if let Some(d) = data {
                        let sb = self.string_body(d, &ct2);
                        b.kind = sb.kind;
                        b.entries = sb.entries;
                    }
                    return b;
                }
                if callee.ends_with("BodyPublishers.ofString")
                    || callee.ends_with("BodyPublishers.ofByteArray")
                {
                    if let Some(&s) = args.first() {
                        let sb = self.string_body(s, ct);
                        b.kind = sb.kind;
                        b.entries = sb.entries;
                    }
                    return b;
                }
                // form builders and inserters
                let chain_text = self.a.text(v);
                if chain_text.contains("FormBody.Builder") || chain_text.contains("fromFormData") {
                    b.kind = Some(BodyKind::Form);
                    b.entries = self.entries_of(v, 0);
                    return b;
                }
                if chain_text.contains("MultipartBody") || chain_text.contains("fromMultipartData")
                {
                    b.kind = Some(BodyKind::Multipart);
                    return b;
                }
                if matches!(name, "fromValue" | "fromObject") {
                    if let Some(&x) = args.first() {
                        return self.body_of(x, ct);
                    }
                }
                if let Some(es) = self.map_of_entries(v) {
                    b.kind = Some(if ct.contains("x-www-form-urlencoded") {
                        BodyKind::Form
                    } else {
                        BodyKind::Json
                    });
                    b.entries = es;
                    return b;
                }
                if self.is_stringy(v) || self.serialized_arg(v).is_some() {
                    let sb = self.string_body(v, ct);
                    b.kind = sb.kind;
                    b.entries = sb.entries;
                }
            }
            "object_creation_expression" => {
                let args = self.args_of(v);
                match self.created_type(v) {
                    Some("UrlEncodedFormEntity") => {
                        b.kind = Some(BodyKind::Form);
                        b.entries = args
                            .first()
                            .map(|&p| self.entries_of(p, 0))
                            .unwrap_or_default();
                    }
                    Some("StringEntity" | "ByteArrayEntity") => {
                        let mut ct2 = ct.to_string();
                        if let Some(&c) = args.get(1) {
                            if self.a.text(c).contains("ContentType") {
                                let en = self.media_entry(c, self.a.span(c));
                                ct2 = en
                                    .value
                                    .as_ref()
                                    .map(|v| v.text().to_ascii_lowercase())
                                    .unwrap_or_default();
                                b.headers.push(en);
                            }
                        }
                        if let Some(&s) = args.first() {
                            let sb = self.string_body(s, &ct2);
                            b.kind = sb.kind;
                            b.entries = sb.entries;
                        }
                    }
                    Some("MultipartEntity" | "MultipartBody") => b.kind = Some(BodyKind::Multipart),
                    Some("LinkedMultiValueMap") => {
                        b.kind = Some(if ct.contains("json") {
                            BodyKind::Json
                        } else {
                            BodyKind::Form
                        });
                        b.entries = self.entries_of(e, 0);
                    }
                    Some("HashMap" | "LinkedHashMap" | "TreeMap" | "JSONObject") => {
                        b.kind = Some(if ct.contains("x-www-form-urlencoded") {
                            BodyKind::Form
                        } else {
                            BodyKind::Json
                        });
                        b.entries = self.entries_of(e, 0);
                    }
                    Some(t) if t.chars().next().is_some_and(|c| c.is_uppercase()) => {
                        // a POJO: serialized as JSON by the message converters
                        b.kind = Some(if ct.contains("x-www-form-urlencoded") {
                            BodyKind::Form
                        } else {
                            BodyKind::Json
                        });
                    }
                    _ => {}
                }
            }
            "string_literal" | "binary_expression" => {
                let sb = self.string_body(v, ct);
                b.kind = sb.kind;
                b.entries = sb.entries;
            }
            _ => {
                if self.is_multi_value_map(e) {
                    b.kind = Some(if ct.contains("json") {
                        BodyKind::Json
                    } else {
                        BodyKind::Form
                    });
                    b.entries = self.entries_of(e, 0);
                } else if self
                    .declared_type(e)
                    .is_some_and(|t| t.starts_with("Map") || t.ends_with("Map"))
                {
                    b.kind = Some(if ct.contains("x-www-form-urlencoded") {
                        BodyKind::Form
                    } else {
                        BodyKind::Json
                    });
                    b.entries = self.entries_of(e, 0);
                } else if self.declared_type(e).is_some_and(|t| t == "String") {
                    let sb = self.string_body(e, ct);
                    b.kind = sb.kind;
                    b.entries = sb.entries;
                }
            }
        }
        b
    }

    fn apply_body(&self, req: &mut HttpRequest, b: Body) {
        req.body_kind = b.kind;
        req.body_span = b.span;
        req.body = b.entries;
        req.headers.extend(b.headers);
    }

    fn explicit_method(&self, req: &mut HttpRequest, name_node: Option<u32>, m: Method) {
        req.method = Some(m);
        req.method_source = match name_node {
            Some(n) => MethodSource::Explicit {
                span: self.a.span(n),
            },
            None => MethodSource::Unknown,
        };
    }

    /// `HttpMethod.POST`, `"POST"`.
    fn method_expr(&self, req: &mut HttpRequest, e: u32) {
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "field_access" => {
                if let Some(f) = self.a.field(v, "field") {
                    req.method = Some(Method::parse(self.a.text(f)));
                    req.method_source = MethodSource::Explicit {
                        span: self.a.span(f),
                    };
                }
            }
            "string_literal" => {
                if let Some((t, span)) = self.literal_text(v) {
                    req.method = Some(Method::parse(&t));
                    req.method_source = MethodSource::Explicit { span };
                }
            }
            _ => {
                req.method = None;
                req.method_source = MethodSource::Unknown;
            }
        }
    }

    /// OkHttp `new Request.Builder()…` and `HttpRequest.newBuilder(…)…`.
    fn builder_request(&self, anchor: u32, lib: &str) -> Found {
        let mut req = empty_request(self.a.span(anchor), lib);
        let mut chain = self.chain_up(anchor);
        let top = chain.last().copied().unwrap_or(anchor);
        req.span = self.a.span(top);
        let var = self.stored_in(top);
        // a builder kept in a variable and configured by statements
        if let Some(v) = &var {
            if self.name_of(top) != "build" {
                let key = (self.a.scope(anchor), v.clone());
                for &c in self
                    .calls_on
                    .scoped
                    .get(&key)
                    .map(|x| x.as_slice())
                    .unwrap_or(&[])
                {
                    if self.object_of(c).map(|o| norm_recv(self.a.text(o))) == Some(v.clone()) {
                        chain.push(c);
                        chain.extend(self.chain_up(c));
                    }
                }
            }
        }
        if lib == "java.net.http" {
            if let Some(&u) = self.args_of(anchor).first() {
                req.url = Some(self.value_sv(u));
            }
            let n = self.a.field(anchor, "name");
            req.method = Some(Method::Get);
            req.method_source = match n {
                Some(n) => MethodSource::Default {
                    span: self.a.span(n),
                },
                None => MethodSource::Unknown,
            };
        } else {
            let t = self.a.field(anchor, "type").unwrap_or(anchor);
            req.method = Some(Method::Get);
            req.method_source = MethodSource::Default {
                span: self.a.span(t),
            };
        }
        let mut basic = false;
        self.headers_from_calls(&chain, &mut req.headers, &mut basic);
        let ct = content_type_of(&req.headers);
        for &c in &chain {
            let args = self.args_of(c);
            let name = self.name_of(c);
            let nn = self.a.field(c, "name");
            match name {
                "url" | "uri" => {
                    if let Some(&u) = args.first() {
                        req.url = Some(self.value_sv(u));
                    }
                }
                "get" | "GET" | "head" | "HEAD" | "delete" | "DELETE" if args.is_empty() => {
                    self.explicit_method(&mut req, nn, Method::parse(name));
                }
                "post" | "put" | "patch" | "delete" | "POST" | "PUT" | "PATCH" | "DELETE" => {
                    self.explicit_method(&mut req, nn, Method::parse(name));
                    if let Some(&b) = args.first() {
                        let body = self.body_of(b, &ct);
                        self.apply_body(&mut req, body);
                    }
                }
                "method" => {
                    if let Some(&m) = args.first() {
                        self.method_expr(&mut req, m);
                    }
                    if let Some(&b) = args.get(1) {
                        let body = self.body_of(b, &ct);
                        self.apply_body(&mut req, body);
                    }
                }
                _ => {}
            }
        }
        req.basic_auth = basic || header_says_basic(&req.headers);
        // execution: client.newCall(request).execute() / client.send(request, …)
        let mut handled: Vec<u32> = chain.clone();
        let mut resp = Vec::new();
        let names: &[&str] = if lib == "okhttp" {
            &["newCall"]
        } else {
            &["send", "sendAsync"]
        };
        for c in self.calls_taking(top, var.as_deref(), names) {
            handled.push(c);
            if lib == "okhttp" {
                let up = self.chain_up(c);
                match up.first() {
                    Some(&x) if matches!(self.name_of(x), "execute" | "enqueue") => {
                        handled.push(x);
                        resp.push(x);
                        req.span = self.a.span(x);
                    }
                    _ => resp.push(c),
                }
            } else {
                resp.push(c);
                req.span = self.a.span(c);
            }
        }
        (req, resp, handled)
    }

    /// Apache HttpClient `new HttpPost(url)` with `setEntity`, headers and
    /// `client.execute(post)`.
    fn apache_request(&self, creation: u32) -> Found {
        let mut req = empty_request(self.a.span(creation), "apache-httpclient");
        let ty = self.created_type(creation).unwrap_or("");
        let t = self.a.field(creation, "type").unwrap_or(creation);
        req.method = Some(Method::parse(ty.trim_start_matches("Http")));
        req.method_source = MethodSource::Explicit {
            span: self.a.span(t),
        };
        if let Some(&u) = self.args_of(creation).first() {
            req.url = Some(self.value_sv(u));
        }
        let var = self.stored_in(creation);
        let mut handled = Vec::new();
        if let Some(v) = &var {
            let calls = self.calls_on_var(creation, v);
            let mut basic = false;
            self.headers_from_calls(&calls, &mut req.headers, &mut basic);
            req.basic_auth = basic;
            let ct = content_type_of(&req.headers);
            for &c in &calls {
                if self.name_of(c) == "setEntity" {
                    if let Some(&e) = self.args_of(c).first() {
                        let b = self.body_of(e, &ct);
                        self.apply_body(&mut req, b);
                    }
                }
                handled.push(c);
            }
        }
        let mut found = (req, Vec::new(), handled);
        self.sent_by(
            creation,
            var.as_deref(),
            &["execute", "executeOpen"],
            &mut found,
        );
        found
    }

    /// The request `creation` made is sent by the first call of `names`
    /// taking it (or the variable `var` holding it), whose result is the
    /// response; Basic credentials written as a header count.
    fn sent_by(&self, creation: u32, var: Option<&str>, names: &[&str], found: &mut Found) {
        let (req, resp, handled) = found;
        if let Some(c) = self.calls_taking(creation, var, names).first().copied() {
            handled.push(c);
            resp.push(c);
            req.span = self.a.span(c);
        }
        req.basic_auth |= header_says_basic(&req.headers);
    }

    /// The calls made on the variable `var` that holds what `at` created,
    /// in `at`'s scope (`post.setEntity(…)`, `request.addBodyParameter(…)`).
    fn calls_on_var(&self, at: u32, var: &str) -> Vec<u32> {
        let key = (self.a.scope(at), var.to_string());
        self.calls_on
            .scoped
            .get(&key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| {
                self.object_of(c)
                    .map(|o| norm_recv(self.a.text(o)))
                    .as_deref()
                    == Some(var)
            })
            .collect()
    }

    /// The token requests an OAuth client library makes for a class of
    /// this file that extends one of its API classes (Scribe's
    /// `DefaultApi20`, `libraries/java/scribe.toml`): at the URL the class
    /// returns from the token-endpoint method, with the library's verb
    /// unless the class overrides the verb's method.
    fn oauth_api_requests(&self) -> Vec<Found> {
        let mut out = Vec::new();
        // imports and the package are the file's own top-level declarations
        let heads: Vec<&str> = self
            .a
            .named(0)
            .filter(|&id| {
                matches!(
                    self.a.kind(id),
                    "import_declaration" | "package_declaration"
                )
            })
            .map(|id| self.a.text(id))
            .collect();
        for (library, api) in Libraries::get().oauth_apis(Language::Java) {
            let in_package = |h: &&str| {
                h.split_whitespace()
                    .nth(1)
                    .is_some_and(|p| p.starts_with(&format!("{}.", api.package)))
            };
            if !heads.iter().any(in_package) {
                continue;
            }
            for class in self
                .ids()
                .filter(|&id| self.a.kind(id) == "class_declaration")
            {
                let extends = self
                    .a
                    .field(class, "superclass")
                    .and_then(|s| self.a.last_named(s))
                    .is_some_and(|t| simple_type(self.a.text(t)) == api.base);
                let Some(body) = self.a.field(class, "body").filter(|_| extends) else {
                    continue;
                };
                let methods: Vec<u32> = self
                    .a
                    .named(body)
                    .filter(|&d| self.a.kind(d) == "method_declaration")
                    .collect();
                let named = |name: &str| {
                    methods
                        .iter()
                        .copied()
                        .find(|&d| self.a.field(d, "name").map(|n| self.a.text(n)) == Some(name))
                };
                if named(&api.verb).is_some() {
                    continue;
                }
                let Some(url) = named(&api.token_url).and_then(|d| self.returned_value(d)) else {
                    continue;
                };
                let mut req = empty_request(self.a.span(url), &library.library);
                req.method = Some(Method::parse(&api.default_verb));
                req.method_source = MethodSource::Default {
                    span: self.a.span(url),
                };
                req.url = Some(self.value_sv(url));
                out.push((req, Vec::new(), Vec::new()));
            }
        }
        out
    }

    /// The value of the only `return` of method `decl` that returns one.
    fn returned_value(&self, decl: u32) -> Option<u32> {
        let body = self.a.field(decl, "body")?;
        let mut values = self
            .ids()
            .filter(|&id| self.a.kind(id) == "return_statement" && self.a.contains(body, id))
            .filter_map(|r| self.a.first_named(r));
        let one = values.next()?;
        values.next().is_none().then_some(one)
    }

    /// ScribeJava `new OAuthRequest(Verb.POST, url)` with its parameters
    /// added by statements (`addBodyParameter`, `addQuerystringParameter`,
    /// `addParameter`: the body of a POST or PUT, else the query), headers
    /// and `service.execute(request)` / `request.send()`.
    fn scribe_request(&self, creation: u32) -> Option<Found> {
        let args = self.args_of(creation);
        let (&verb, &url) = (args.first()?, args.get(1)?);
        let mut req = empty_request(self.a.span(creation), "scribejava");
        self.method_expr(&mut req, verb);
        req.url = Some(self.value_sv(url));
        let var = self.stored_in(creation);
        let mut handled = Vec::new();
        let mut resp = Vec::new();
        if let Some(v) = &var {
            let calls: Vec<u32> = self
                .calls_on_var(creation, v)
                .into_iter()
                .filter(|&c| self.a.start(c) > self.a.start(creation))
                .collect();
            let mut basic = false;
            self.headers_from_calls(&calls, &mut req.headers, &mut basic);
            req.basic_auth = basic;
            let in_body = matches!(req.method, Some(Method::Post | Method::Put | Method::Patch));
            for &c in &calls {
                let a = self.args_of(c);
                let to_body = match self.name_of(c) {
                    "addBodyParameter" => true,
                    "addParameter" => in_body,
                    "addQuerystringParameter" => false,
                    "send" => {
                        resp.push(c);
                        req.span = self.a.span(c);
                        handled.push(c);
                        continue;
                    }
                    _ => {
                        handled.push(c);
                        continue;
                    }
                };
                handled.push(c);
                let (Some(&k), Some(&val)) = (a.first(), a.get(1)) else {
                    continue;
                };
                let Some(e) = self.make_entry(k, Some(val), self.a.span(c)) else {
                    continue;
                };
                if to_body {
                    req.body_kind = Some(BodyKind::Form);
                    req.body.push(e);
                } else {
                    req.query.push(e);
                }
            }
        }
        let mut found = (req, resp, handled);
        self.sent_by(creation, var.as_deref(), &["execute"], &mut found);
        Some(found)
    }

    /// `new URL(u).openStream()`: a GET of the URL whose answer is the stream.
    fn stream_request(&self, open: u32) -> Option<Found> {
        if !self.args_of(open).is_empty() {
            return None;
        }
        let url = self.object_of(open)?;
        let value = self.value_sv(url);
        if !value.text().contains("://") {
            return None;
        }
        let mut req = empty_request(self.a.span(open), "java.net.URL");
        req.url = Some(value);
        req.method = Some(Method::Get);
        req.method_source = MethodSource::Default {
            span: self.a.span(self.a.field(open, "name")?),
        };
        Some((req, vec![open], vec![open]))
    }

    /// `(HttpURLConnection) new URL(u).openConnection()` and the calls on it.
    fn connection_request(&self, open: u32) -> Option<Found> {
        let url = self.object_of(open)?;
        let mut req = empty_request(self.a.span(open), "HttpURLConnection");
        req.url = Some(self.value_sv(url));
        let nn = self.a.field(open, "name")?;
        req.method = Some(Method::Get);
        req.method_source = MethodSource::Default {
            span: self.a.span(nn),
        };
        let mut handled = vec![open];
        let mut resp = Vec::new();
        let Some(var) = self.stored_in(open) else {
            return Some((req, resp, handled));
        };
        let scope = self.a.scope(open);
        let key = (scope, var.clone());
        let calls = self.calls_on.scoped.get(&key).cloned().unwrap_or_default();
        let direct: Vec<u32> = calls
            .iter()
            .copied()
            .filter(|&c| self.object_of(c).map(|o| norm_recv(self.a.text(o))) == Some(var.clone()))
            .collect();
        let mut basic = false;
        self.headers_from_calls(&direct, &mut req.headers, &mut basic);
        req.basic_auth = basic;
        let mut method_set = false;
        let mut output: Option<u32> = None;
        for &c in &direct {
            match self.name_of(c) {
                "setRequestMethod" => {
                    if let Some(&m) = self.args_of(c).first() {
                        self.method_expr(&mut req, m);
                        method_set = true;
                    }
                }
                "getOutputStream" => output = output.or(Some(c)),
                "getInputStream" | "getErrorStream" => resp.push(c),
                _ => {}
            }
            handled.push(c);
        }
        if let Some(o) = output {
            if !method_set {
                req.method = Some(Method::Post);
                if let Some(n) = self.a.field(o, "name") {
                    req.method_source = MethodSource::Default {
                        span: self.a.span(n),
                    };
                }
            }
            // what is written: streams opened on the connection, then writes
            let mut streams: Vec<String> = Vec::new();
            let pattern = format!("{var}.getOutputStream()");
            for _ in 0..3 {
                for ((s, name), binds) in &self.sc.locals {
                    if *s != scope || streams.iter().any(|x| x == name) {
                        continue;
                    }
                    let hit = binds.iter().any(|b| match b.kind {
                        BindKind::Value(v) => {
                            let t: String = self
                                .a
                                .text(v)
                                .chars()
                                .filter(|c| !c.is_whitespace())
                                .collect();
                            t.contains(&pattern)
                                || streams.iter().any(|x| {
                                    t.contains(&format!("({x})")) || t.contains(&format!("({x},"))
                                })
                        }
                        _ => false,
                    });
                    if hit {
                        streams.push(name.to_string());
                    }
                }
            }
            let mut writes: Vec<u32> = Vec::new();
            for &c in &calls {
                if self
                    .object_of(c)
                    .is_some_and(|o| self.name_of(o) == "getOutputStream")
                {
                    writes.push(c);
                }
            }
            for s in &streams {
                for &c in self
                    .calls_on
                    .scoped
                    .get(&(scope, s.clone()))
                    .map(|v| v.as_slice())
                    .unwrap_or(&[])
                {
                    writes.push(c);
                }
            }
            let ct = content_type_of(&req.headers);
            for c in writes {
                if !matches!(
                    self.name_of(c),
                    "write"
                        | "writeBytes"
                        | "print"
                        | "println"
                        | "append"
                        | "writeUTF"
                        | "writeChars"
                ) {
                    continue;
                }
                let Some(&a) = self.args_of(c).first() else {
                    continue;
                };
                let a = {
                    let v = self.sc.follow(&self.a, a);
                    if self.a.kind(v) == "method_invocation" && self.name_of(v) == "getBytes" {
                        self.object_of(v).unwrap_or(a)
                    } else {
                        a
                    }
                };
                let b = self.string_body(a, &ct);
                self.apply_body(&mut req, b);
                break;
            }
            if req.body_kind.is_none() {
                req.body_kind = Some(BodyKind::Unknown);
                req.body_span = Some(self.a.span(o));
            }
        }
        req.basic_auth |= header_says_basic(&req.headers);
        Some((req, resp, handled))
    }

    fn is_rest_template(&self, recv: u32) -> bool {
        match self.object_type(recv) {
            Some(t) => matches!(
                t.as_str(),
                "RestTemplate" | "RestOperations" | "TestRestTemplate"
            ),
            None => {
                let l = self.a.text(recv).to_ascii_lowercase();
                l.contains("resttemplate") || l.contains("rest") && l.ends_with("template")
            }
        }
    }

    /// Headers and Basic credentials of a Spring `HttpHeaders` expression.
    fn spring_headers(&self, h: u32, out: &mut Vec<Entry>) -> bool {
        let mut basic = false;
        if matches!(self.a.kind(h), "identifier" | "field_access") {
            let r = norm_recv(self.a.text(h));
            let calls: Vec<u32> = self
                .calls_on
                .scoped
                .get(&(self.a.scope(h), r.clone()))
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|&c| {
                    self.object_of(c).map(|o| norm_recv(self.a.text(o))) == Some(r.clone())
                })
                .collect();
            self.headers_from_calls(&calls, out, &mut basic);
        }
        basic
    }

    fn rest_template_request(&self, call: u32) -> Option<Found> {
        let name = self.name_of(call);
        if !REST_TEMPLATE_METHODS.contains(&name) {
            return None;
        }
        let recv = self.object_of(call)?;
        let args = self.args_of(call);
        if args.is_empty() || !self.is_rest_template(recv) {
            return None;
        }
        let mut req = empty_request(self.a.span(call), "RestTemplate");
        let nn = self.a.field(call, "name");
        let entity_at = match name {
            "postForEntity" | "postForObject" | "postForLocation" | "put" | "patchForObject" => {
                let m = match name {
                    "put" => Method::Put,
                    "patchForObject" => Method::Patch,
                    _ => Method::Post,
                };
                self.explicit_method(&mut req, nn, m);
                Some(1)
            }
            "getForObject" | "getForEntity" => {
                self.explicit_method(&mut req, nn, Method::Get);
                None
            }
            "delete" => {
                self.explicit_method(&mut req, nn, Method::Delete);
                None
            }
            _ => {
                // exchange(url, HttpMethod.X, entity, T.class) / execute(url, method, …)
                if let Some(&m) = args.get(1) {
                    self.method_expr(&mut req, m);
                }
                Some(2)
            }
        };
        req.url = Some(self.value_sv(args[0]));
        if let Some(ent) = entity_at.and_then(|i| args.get(i).copied()) {
            let v = self.sc.follow(&self.a, ent);
            let (body, headers) =
                if matches!(self.created_type(v), Some("HttpEntity" | "RequestEntity")) {
                    let ea = self.args_of(v);
                    match ea.as_slice() {
                        [b, h, ..] if !self.a.text(*h).contains("HttpMethod") => {
                            (Some(*b), Some(*h))
                        }
                        [b, ..]
                            if self.created_type(self.sc.follow(&self.a, *b))
                                == Some("HttpHeaders") =>
                        {
                            (None, Some(*b))
                        }
                        [b, ..] => (Some(*b), None),
                        [] => (None, None),
                    }
                } else if self.a.kind(v) == "null_literal" {
                    (None, None)
                } else {
                    (Some(ent), None)
                };
            if let Some(h) = headers {
                req.basic_auth |= self.spring_headers(h, &mut req.headers);
            }
            if let Some(b) = body {
                let ct = content_type_of(&req.headers);
                let bd = self.body_of(b, &ct);
                self.apply_body(&mut req, bd);
            }
        }
        // a template built with basic authentication
        let rv = self.sc.follow(&self.a, recv);
        let rt = self.a.text(rv);
        if rt.contains("basicAuthentication") || rt.contains("BasicAuthenticationInterceptor") {
            req.basic_auth = true;
        }
        if let Some(calls) = self.calls_on.wide.get(&norm_recv(self.a.text(recv))) {
            if calls
                .iter()
                .any(|&c| self.a.text(c).contains("BasicAuthenticationInterceptor"))
            {
                req.basic_auth = true;
            }
        }
        req.basic_auth |= header_says_basic(&req.headers);
        Some((req, vec![call], vec![call]))
    }

    /// google-http-client: `factory.buildGetRequest(url)`,
    /// `buildPostRequest(url, content)`, `buildRequest("POST", url,
    /// content)` on a request factory; the content is a form
    /// (`new UrlEncodedContent(map)`) or JSON (`new JsonHttpContent(f, data)`).
    fn factory_request(&self, call: u32) -> Option<Found> {
        const FORM_TYPE: &str = "application/x-www-form-urlencoded";
        let name = self.name_of(call);
        let args = self.args_of(call);
        let recv = self.object_of(call)?;
        let factory = self.a.text(recv).to_ascii_lowercase().contains("factory")
            || self
                .a
                .text(self.sc.follow(&self.a, recv))
                .contains("createRequestFactory");
        if !factory {
            return None;
        }
        let mut req = empty_request(self.a.span(call), "google-http-client");
        let nn = self.a.field(call, "name");
        let (url, content) = match name {
            "buildRequest" => {
                self.method_expr(&mut req, *args.first()?);
                (*args.get(1)?, args.get(2).copied())
            }
            _ => {
                let verb = name.strip_prefix("build")?.strip_suffix("Request")?;
                let m = Method::parse(verb);
                if m == Method::Other {
                    return None;
                }
                self.explicit_method(&mut req, nn, m);
                (*args.first()?, args.get(1).copied())
            }
        };
        // a `GenericUrl` variable is often given a new URL for each request
        req.url = Some(self.value_sv(self.sc.follow(&self.a, url)));
        if let Some(c) = content.map(|c| self.sc.follow(&self.a, c)) {
            let content_args = self.args_of(c);
            let (data, ct) = match self.created_type(c) {
                Some("UrlEncodedContent") => (content_args.first(), FORM_TYPE),
                Some("JsonHttpContent") => (content_args.get(1), "application/json"),
                _ => (None, ""),
            };
            if let Some(&d) = data {
                let mut b = self.body_of(d, ct);
                b.kind = Some(if ct == FORM_TYPE {
                    BodyKind::Form
                } else {
                    BodyKind::Json
                });
                self.apply_body(&mut req, b);
            }
        }
        Some((req, vec![call], vec![call]))
    }

    /// `client.newCall(request).execute()` / `http.send(request, handler)`
    /// with a request built out of sight (a parameter, another method).
    fn unseen_request(&self, call: u32) -> Option<Found> {
        let name = self.name_of(call);
        let obj = self.object_of(call)?;
        let okhttp = matches!(name, "execute" | "enqueue")
            && self.a.kind(obj) == "method_invocation"
            && self.name_of(obj) == "newCall";
        let java_net = matches!(name, "send" | "sendAsync")
            && self.args_of(call).len() == 2
            && self
                .args_of(call)
                .get(1)
                .is_some_and(|&h| self.a.text(h).contains("BodyHandlers"));
        if !(okhttp || java_net) {
            return None;
        }
        let lib = if okhttp { "okhttp" } else { "java.net.http" };
        let req = empty_request(self.a.span(call), lib);
        let mut handled = vec![call];
        if okhttp {
            handled.push(obj);
        }
        Some((req, vec![call], handled))
    }

    /// Spring `WebClient` / `RestClient`: `client.post().uri(u)…retrieve()`.
    fn webclient_request(&self, call: u32) -> Option<Found> {
        let name = self.name_of(call);
        let verb = matches!(
            name,
            "get" | "post" | "put" | "patch" | "delete" | "head" | "options"
        ) && self.args_of(call).is_empty();
        if !(verb || name == "method" && self.args_of(call).len() == 1) {
            return None;
        }
        let recv = self.object_of(call)?;
        let chain = self.chain_up(call);
        let uri = chain.iter().copied().find(|&c| self.name_of(c) == "uri")?;
        let mut req = empty_request(self.a.span(call), "WebClient");
        if verb {
            self.explicit_method(&mut req, self.a.field(call, "name"), Method::parse(name));
        } else if let Some(&m) = self.args_of(call).first() {
            self.method_expr(&mut req, m);
        }
        let top = chain.last().copied().unwrap_or(call);
        req.span = self.a.span(top);
        // base URL and credentials of the client
        let rv = self.sc.follow(&self.a, recv);
        let mut base: Option<Vec<Piece>> = None;
        let mut c = rv;
        for _ in 0..64 {
            if self.a.kind(c) != "method_invocation" {
                break;
            }
            if matches!(self.name_of(c), "baseUrl" | "create") {
                if let Some(&b) = self.args_of(c).first() {
                    base = Some(self.value_sv(b).pieces);
                }
            }
            match self.object_of(c) {
                Some(o) => c = o,
                None => break,
            }
        }
        let client_text = self.a.text(rv);
        req.basic_auth =
            client_text.contains("basicAuthentication") || client_text.contains("setBasicAuth");
        if let Some(&u) = self.args_of(uri).first() {
            let sv = self.value_sv(u);
            req.url = Some(match base {
                Some(b) if !sv.text().contains("://") => {
                    let joined = StrValue {
                        pieces: path_join(b, sv.pieces),
                        span: sv.span,
                    };
                    self.joined_urls.borrow_mut().push(joined.clone());
                    joined
                }
                _ => sv,
            });
        }
        let mut basic = false;
        self.headers_from_calls(&chain, &mut req.headers, &mut basic);
        req.basic_auth |= basic;
        let ct = content_type_of(&req.headers);
        let mut resp = Vec::new();
        for &c in &chain {
            match self.name_of(c) {
                "body" | "bodyValue" | "syncBody" if resp.is_empty() => {
                    if let Some(&b) = self.args_of(c).first() {
                        let bd = self.body_of(b, &ct);
                        self.apply_body(&mut req, bd);
                    }
                }
                "retrieve" | "exchange" | "exchangeToMono" | "exchangeToFlux"
                    if resp.is_empty() =>
                {
                    resp.push(c);
                }
                _ => {}
            }
        }
        if resp.is_empty() {
            resp.push(top);
        }
        req.basic_auth |= header_says_basic(&req.headers);
        let mut handled = vec![call];
        handled.extend(chain.iter().copied());
        Some((req, resp, handled))
    }

    // ----- other calls ------------------------------------------------------

    fn calls(&mut self, m: &mut FileModel) {
        let mut token_calls = Vec::new();
        for id in self.ids() {
            if self.a.kind(id) != "method_invocation" || self.handled_calls.contains(&id) {
                continue;
            }
            let Some(name_node) = self.a.field(id, "name") else {
                continue;
            };
            let name = self.a.text(name_node);
            let args = self
                .args_of(id)
                .iter()
                .map(|&p| self.value_opt(p))
                .collect();
            let i = m.calls.len();
            m.calls.push(Call {
                callee: self.callee_text(id),
                name: name.to_string(),
                name_span: self.a.span(name_node),
                span: self.a.span(id),
                args,
                kwargs: Vec::new(),
            });
            if self.sc.is_token_call(name) && self.local_target(id).is_none() {
                token_calls.push((id, i));
            }
        }
        for (id, i) in token_calls {
            self.token_call_of.insert(id, i);
        }
    }
}

// ---------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------

impl<'s> Lx<'s> {
    fn annotations_text(&self, decl: u32) -> String {
        let mut out = String::new();
        for &k in self.a.kids(decl) {
            if self.a.kind(k) == "modifiers" {
                out.push_str(self.a.text(k));
            }
        }
        out
    }

    fn param_origin(&self, p: u32) -> Origin {
        let text = |f: &str| self.a.field(p, f).map(|n| self.a.text(n)).unwrap_or("");
        let markers = self.annotations_text(p);
        declared_param_origin(
            Language::Java,
            simple_type(text("type")),
            &markers,
            text("name"),
        )
    }

    /// The origin of the text buffer `name` read at `id`
    /// (`sb.toString()` after `sb.append(line)`): the best of what its
    /// constructor was given and what its function appended to it before,
    /// when library data says its class builds text; `None` otherwise.
    fn text_buffer_origin(&self, id: u32, name: &str, depth: u32) -> Option<Origin> {
        let b = self.sc.bind_before(&self.a, id, name)?;
        let BindKind::Value(v) = b.kind else {
            return None;
        };
        if self.a.kind(v) != "object_creation_expression" {
            return None;
        }
        let ty = simple_type(self.a.text(self.a.field(v, "type")?));
        let appenders = Libraries::get().text_appenders(Language::Java, ty)?;
        let appends = self
            .scope_calls
            .get(&self.a.scope(id))
            .into_iter()
            .flatten();
        let appended = appends
            .filter(|&&c| {
                self.a.start(c) > self.a.start(v)
                    && self.a.start(c) < self.a.start(id)
                    && appenders.iter().any(|m| m == self.name_of(c))
                    && self.object_of(c).is_some_and(|o| self.a.text(o) == name)
            })
            .filter_map(|&c| self.args_of(c).first().copied());
        let values: Vec<u32> = self.args_of(v).into_iter().chain(appended).collect();
        if values.is_empty() {
            return None;
        }
        Some(best_of(
            values.into_iter().map(|x| self.origin_of(x, depth + 1)),
        ))
    }

    fn var_origin(&self, id: u32, depth: u32) -> Origin {
        let name = self.a.text(id);
        if let Some(o) = self.text_buffer_origin(id, name, depth) {
            return configured(o, name);
        }
        let local = self.local_origin(id, name, depth, |p| {
            if self.a.kind(p) == "formal_parameter" {
                self.param_origin(p)
            } else {
                Origin::Param
            }
        });
        let o = if let Some(o) = local {
            o
        } else if let Some(c) = self.sc.member_class_of(&self.a, id, name) {
            let decl = self.sc.member_decl.get(&(c, name)).copied();
            let markers = decl.map(|d| self.annotations_text(d)).unwrap_or_default();
            self.declared_member_origin(c, name, depth, Language::Java, simple_type, &markers)
        } else {
            Origin::Unknown
        };
        configured(o, name)
    }

    /// A method of this file that a call invokes.
    fn local_target(&self, call: u32) -> Option<u32> {
        let name = self.name_of(call);
        match self.object_of(call) {
            None => self.sc.method_in(self.a.class_chain(call), name),
            Some(obj) => {
                let ty = self.object_type(obj);
                let recv = Receiver {
                    node: obj,
                    is_self: matches!(self.a.kind(obj), "this" | "super"),
                    type_name: ty.as_deref(),
                };
                let sole = property_of_getter(name).is_none();
                self.sc.method_on(&self.a, call, recv, name, sole)
            }
        }
    }

    fn call_origin(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        if let Some(&i) = self.token_call_of.get(&id) {
            return Origin::TokenCall(i);
        }
        if let Some(&i) = self.req_of_call.get(&id) {
            return Origin::Response(i);
        }
        let callee = self.callee_text(id);
        let name = self.name_of(id);
        let args = self.args_of(id);
        if matches!(
            callee.as_str(),
            "System.getenv" | "System.getProperty" | "dotenv.get"
        ) {
            return Origin::Config;
        }
        if self.map_of_entries(id).is_some() {
            return Origin::Literal;
        }
        if matches!(
            callee.as_str(),
            "EntityUtils.toString"
                | "IOUtils.toString"
                | "StreamUtils.copyToString"
                | "Optional.ofNullable"
                | "Optional.of"
                | "Objects.requireNonNull"
                | "JsonParser.parseString"
                | "JsonParser.parseReader"
                | "JSON.parseObject"
                | "JSON.parse"
                | "Objects.requireNonNullElse"
        ) {
            if let Some(&a) = args.first() {
                return self.origin_of(a, d);
            }
        }
        if DESERIALIZERS.contains(&name) && self.object_of(id).is_some() {
            if let Some(&a) = args.first() {
                let o = self.origin_of(a, d);
                if o != Origin::Unknown {
                    return o;
                }
            }
        }
        let local = self.local_target(id);
        // the program's own executor given a request object
        // (`GoToResponse r = execute(post)` with `post = new HttpPost(url)`):
        // its result is the answer to that request
        let executor = local.is_some()
            || ["execute", "send", "perform", "call", "run"]
                .iter()
                .any(|p| name.starts_with(p));
        if executor {
            for &a in &args {
                let v = self.sc.follow(&self.a, a);
                if self.a.kind(v) == "object_creation_expression" {
                    let span = self.a.span(v);
                    if let Some(&i) = self.req_at.get(&(span.start, span.end)) {
                        return Origin::Response(i);
                    }
                }
            }
        }
        // a parser of the project's own, defined elsewhere, given a response
        // (`GoToJsonUtil.parseToken(response.content())`): its result is that response
        let parser = ["parse", "from", "deserialize", "read", "to"]
            .iter()
            .any(|p| {
                name.strip_prefix(p)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
            });
        if parser && local.is_none() && args.len() == 1 {
            let o = self.origin_of(args[0], d);
            if matches!(o, Origin::Response(_) | Origin::TokenCall(_)) {
                return o;
            }
        }
        if let Some(f) = local {
            let o = self.summary(f, d);
            // an accessor of the program's own response holder
            // (`response.content()` of a `GoToResponse(status, content)`)
            // answers with what the holder holds
            let holder = if args.is_empty() && matches!(o, Origin::Unknown | Origin::Param) {
                self.object_of(id).map(|r| self.origin_of(r, d))
            } else {
                None
            };
            if let Some(h @ (Origin::Response(_) | Origin::TokenCall(_))) = holder {
                return h;
            }
            if o != Origin::Unknown {
                return o;
            }
        }
        if let Some(recv) = self.object_of(id) {
            let o = self.origin_of(recv, d);
            if o != Origin::Unknown
                && (KEEP_ORIGIN.contains(&name) || name.starts_with("get") && !args.is_empty())
            {
                return o;
            }
            if matches!(name, "getProperty" | "getRequiredProperty") && o == Origin::Config {
                return Origin::Config;
            }
            if matches!(name, "getParameter" | "getHeader" | "getReader") && o == Origin::Input {
                return Origin::Input;
            }
        }
        Origin::Unknown
    }

    // ----- field reads ------------------------------------------------------

    fn is_write_target(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..8 {
            let p = self.a.parent(c);
            match self.a.kind(p) {
                "assignment_expression" => return self.a.field_name(c) == "left",
                "parenthesized_expression" => c = p,
                "update_expression" => return true,
                _ => return false,
            }
        }
        false
    }

    /// Is `e` a type, package or constant holder (`MediaType.X`, `System.out`)?
    fn is_type_like(&self, e: u32) -> bool {
        let mut root = e;
        for _ in 0..32 {
            match self.a.kind(root) {
                "field_access" => match self.a.field(root, "object") {
                    Some(o) => root = o,
                    None => return false,
                },
                _ => break,
            }
        }
        match self.a.kind(root) {
            "identifier" => {
                // an unbound name at the root is a type or a package
                let t = self.a.text(root);
                self.sc.local_scope_of(&self.a, root, t).is_none()
                    && self.sc.member_class_of(&self.a, root, t).is_none()
            }
            "scoped_identifier" | "type_identifier" => true,
            _ => false,
        }
    }

    fn in_non_value_context(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..ANCESTOR_LIMIT {
            let p = self.a.parent(c);
            if p == NONE {
                return false;
            }
            match self.a.kind(p) {
                "annotation"
                | "marker_annotation"
                | "import_declaration"
                | "package_declaration" => return true,
                k if k.ends_with("_statement") || k == "block" => return false,
                _ => {}
            }
            c = p;
        }
        false
    }

    /// The model type a receiver holds, when the file declares it.
    fn expr_type(&self, e: u32, depth: u32) -> Option<String> {
        if depth > 8 {
            return None;
        }
        if let Some(s) = self.sc.local_scope_of(&self.a, e, self.a.text(e)) {
            if let Some(&t) = self.sc.local_type.get(&(s, self.a.text(e))) {
                let n = self.type_name_of(t);
                if self.wire.contains_key(&n) {
                    return Some(n);
                }
            }
        }
        if let Some(t) = self.declared_type(e) {
            if self.wire.contains_key(&t) {
                return Some(t);
            }
        }
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "method_invocation" => {
                if let Some(t) = self.class_literal_arg(v) {
                    return Some(t);
                }
                if matches!(
                    self.name_of(v),
                    "getBody" | "block" | "body" | "get" | "orElseThrow"
                ) {
                    if let Some(o) = self.object_of(v) {
                        return self.expr_type(o, depth + 1);
                    }
                }
                let m = self.local_target(v)?;
                let r = self.a.field(m, "type")?;
                Some(self.type_name_of(r))
            }
            "object_creation_expression" => self.created_type(v).map(str::to_string),
            "cast_expression" => self.a.field(v, "type").map(|t| self.type_name_of(t)),
            _ => None,
        }
    }

    /// `T` of a `T.class` argument (or the chain's `bodyToMono(T.class)`).
    fn class_literal_arg(&self, call: u32) -> Option<String> {
        let mut c = call;
        for _ in 0..8 {
            for a in self.args_of(c) {
                if self.a.kind(a) == "class_literal" {
                    let t = self.a.first_named(a)?;
                    return Some(simple_type(self.a.text(t)).to_string());
                }
            }
            if matches!(
                self.name_of(c),
                "block" | "getBody" | "blockOptional" | "get"
            ) {
                match self.object_of(c) {
                    Some(o) if self.a.kind(o) == "method_invocation" => c = o,
                    _ => return None,
                }
            } else {
                return None;
            }
        }
        None
    }

    fn wire_field(&self, recv: u32, prop: &str) -> String {
        wire_name(&self.wire, self.expr_type(recv, 0), prop)
    }

    /// Does a condition test `field` (getter or key) of `recv`?
    fn tests_field(&self, cond: u32, raw: &str, recv: &str) -> bool {
        condition_tests(&self.a, cond, &["lambda_expression"], |x| {
            match self.a.kind(x) {
                "field_access"
                    if self.a.field(x, "field").map(|n| self.a.text(n)) == Some(raw)
                        && self
                            .a
                            .field(x, "object")
                            .is_some_and(|o| norm_recv(self.a.text(o)) == recv) =>
                {
                    return true;
                }
                "method_invocation" => {
                    if let Some(o) = self.object_of(x) {
                        if norm_recv(self.a.text(o)) == recv {
                            let args = self.args_of(x);
                            if self.name_of(x) == raw && args.is_empty() {
                                return true;
                            }
                            if args.first().is_some_and(|&k| self.literal_eq(k, raw)) {
                                return true;
                            }
                        }
                    }
                }
                _ => {}
            }
            false
        })
    }

    fn peel_up(&self, mut c: u32) -> u32 {
        for _ in 0..32 {
            let p = self.a.parent(c);
            let up = match self.a.kind(p) {
                "parenthesized_expression" => true,
                "cast_expression" => self.a.field_name(c) == "value",
                // `node.get("k").asText()` is still the value of the read
                "method_invocation" => {
                    self.a.field_name(c) == "object"
                        && self.args_of(p).is_empty()
                        && matches!(
                            self.name_of(p),
                            "asText"
                                | "textValue"
                                | "getAsString"
                                | "toString"
                                | "trim"
                                | "asLong"
                                | "asInt"
                                | "longValue"
                                | "intValue"
                        )
                }
                _ => false,
            };
            if up {
                c = p;
            } else {
                break;
            }
        }
        c
    }

    /// The call around an argument: `f(x)` for `x`.
    fn call_of_arg(&self, arg: u32) -> Option<u32> {
        let list = self.a.parent(arg);
        if self.a.kind(list) != "argument_list" {
            return None;
        }
        let call = self.a.parent(list);
        (self.a.kind(call) == "method_invocation").then_some(call)
    }

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "field_access" => {
                    if self.is_write_target(id) || self.in_non_value_context(id) {
                        continue;
                    }
                    let (Some(obj), Some(n)) =
                        (self.a.field(id, "object"), self.a.field(id, "field"))
                    else {
                        continue;
                    };
                    if matches!(self.a.kind(obj), "this" | "super") || self.is_type_like(obj) {
                        continue;
                    }
                    let p = self.a.parent(id);
                    if self.a.kind(p) == "method_invocation"
                        && self.a.field(p, "object") == Some(id)
                    {
                        // still a read of the field
                    }
                    let raw = self.a.text(n);
                    let field = self.wire_field(obj, raw);
                    self.push_read(
                        m,
                        ReadSite::plain(id, obj, raw),
                        field,
                        self.a.span(n),
                        ReadKind::Member,
                    );
                }
                "method_invocation" => {
                    if self.req_of_call.contains_key(&id) {
                        continue;
                    }
                    let Some(obj) = self.object_of(id) else {
                        continue;
                    };
                    if matches!(self.a.kind(obj), "this" | "super") || self.is_type_like(obj) {
                        continue;
                    }
                    let name = self.name_of(id);
                    let Some(nn) = self.a.field(id, "name") else {
                        continue;
                    };
                    let args = self.args_of(id);
                    if args.is_empty() {
                        // a getter, or a record accessor of a model type
                        let prop = match property_of_getter(name) {
                            Some(p) if !Libraries::get().is_meta_method(Language::Java, name) => p,
                            _ => {
                                let record_accessor = self
                                    .expr_type(obj, 0)
                                    .and_then(|t| self.wire.get(&t))
                                    .is_some_and(|map| map.iter().any(|(p, _)| p == name));
                                if !record_accessor {
                                    continue;
                                }
                                name.to_string()
                            }
                        };
                        let field = self.wire_field(obj, &prop);
                        self.push_read(
                            m,
                            ReadSite::plain(id, obj, name),
                            field,
                            self.a.span(nn),
                            ReadKind::Member,
                        );
                        continue;
                    }
                    let (kind, always) = match name {
                        "get" | "path" | "findValue" | "getString" | "getInt" | "getLong"
                        | "getBoolean" | "getDouble" | "getJSONObject" | "getJSONArray"
                        | "getAsString" | "getAsJsonObject" | "getFirst" => (ReadKind::Get, false),
                        "optString" | "optInt" | "optLong" | "optBoolean" | "optJSONObject"
                        | "optJSONArray" | "opt" | "getOrDefault" => (ReadKind::Get, true),
                        _ => continue,
                    };
                    let Some((field, span)) = args.first().and_then(|&k| self.literal_text(k))
                    else {
                        continue;
                    };
                    if field.contains("://") || field.starts_with('/') {
                        continue;
                    }
                    let default = if matches!(name, "getOrDefault" | "optString") {
                        args.get(1).copied()
                    } else {
                        None
                    };
                    let raw = field.clone();
                    let at = ReadSite::new(id, obj, &raw, default, always);
                    self.push_read(m, at, field, span, kind);
                }
                _ => {}
            }
        }
    }

    // ----- typed models -----------------------------------------------------

    /// `@JsonProperty("x")` / `@JsonProperty(value = "x")` / `@SerializedName("x")`;
    /// `Err` when `@JsonIgnore`.
    fn json_name(&self, decl: u32) -> Result<Option<String>, ()> {
        for &mods in self.a.kids(decl) {
            if self.a.kind(mods) != "modifiers" {
                continue;
            }
            for an in self.a.named(mods) {
                let name = self
                    .a
                    .field(an, "name")
                    .map(|n| last_segment(self.a.text(n)))
                    .unwrap_or("");
                match name {
                    "JsonIgnore" => return Err(()),
                    "JsonProperty" | "SerializedName" | "JsonAlias" | "Json" => {}
                    _ => continue,
                }
                if name == "JsonAlias" {
                    continue;
                }
                let Some(args) = self.a.field(an, "arguments") else {
                    continue;
                };
                for arg in self.a.named(args) {
                    let v = match self.a.kind(arg) {
                        "element_value_pair" => {
                            let k = self
                                .a
                                .field(arg, "key")
                                .map(|k| self.a.text(k))
                                .unwrap_or("");
                            if !matches!(k, "value" | "name") {
                                continue;
                            }
                            match self.a.field(arg, "value") {
                                Some(v) => v,
                                None => continue,
                            }
                        }
                        _ => arg,
                    };
                    if let Some((t, _)) = self.literal_text(v) {
                        if !t.is_empty() {
                            return Ok(Some(t));
                        }
                    }
                    let sv = self.value_sv(v);
                    if sv.is_plain() && !sv.text().is_empty() {
                        return Ok(Some(sv.text()));
                    }
                }
            }
        }
        Ok(None)
    }

    fn modifiers_text(&self, decl: u32) -> &'s str {
        self.a
            .kids(decl)
            .iter()
            .find(|&&k| self.a.kind(k) == "modifiers")
            .map(|&k| self.a.text(k))
            .unwrap_or("")
    }

    /// Jackson and Gson leave a missing member null: only one marked
    /// `required = true` fails without it.
    fn is_optional(&self, decl: u32) -> bool {
        let mods = self.modifiers_text(decl).replace(' ', "");
        !mods.contains("required=true")
    }

    /// Serialized members of a type: (Java name, wire name, span, optional, explicit).
    fn class_fields(&self, class: u32) -> Vec<ModelField> {
        let mut out: Vec<ModelField> = Vec::new();
        if self.a.kind(class) == "record_declaration" {
            if let Some(pl) = self.a.field(class, "parameters") {
                for p in self.a.named(pl) {
                    let Some(n) = self.a.field(p, "name") else {
                        continue;
                    };
                    let Ok(wire) = self.json_name(p) else {
                        continue;
                    };
                    let raw = self.a.text(n).to_string();
                    let optional = self.is_optional(p);
                    let explicit = wire.is_some();
                    out.push((
                        raw.clone(),
                        wire.unwrap_or(raw),
                        self.a.span(n),
                        optional,
                        explicit,
                    ));
                }
            }
        }
        let Some(body) = self.a.field(class, "body") else {
            return out;
        };
        let mut getters: Vec<(String, String)> = Vec::new();
        for d in self.a.named(body) {
            match self.a.kind(d) {
                "field_declaration" => {
                    let mods = self.modifiers_text(d);
                    if mods.split_whitespace().any(|w| w == "static") {
                        continue;
                    }
                    let Ok(wire) = self.json_name(d) else {
                        continue;
                    };
                    let optional = self.is_optional(d);
                    for decl in self.a.named(d) {
                        if self.a.kind(decl) != "variable_declarator" {
                            continue;
                        }
                        let Some(n) = self.a.field(decl, "name") else {
                            continue;
                        };
                        let raw = self.a.text(n).to_string();
                        out.push((
                            raw.clone(),
                            wire.clone().unwrap_or(raw),
                            self.a.span(n),
                            optional,
                            wire.is_some(),
                        ));
                    }
                }
                "method_declaration" => {
                    // `@JsonProperty("x") public String getX()` names the wire field
                    let name = self
                        .a
                        .field(d, "name")
                        .map(|n| self.a.text(n))
                        .unwrap_or("");
                    if let (Some(prop), Ok(Some(wire))) =
                        (property_of_getter(name), self.json_name(d))
                    {
                        getters.push((prop, wire));
                    }
                }
                _ => {}
            }
        }
        for (prop, wire) in getters {
            if let Some(f) = out.iter_mut().find(|f| f.0 == prop) {
                f.1 = wire;
                f.4 = true;
            }
        }
        out
    }

    /// A class with logic beyond accessors is not a data model.
    fn has_logic(&self, class: u32) -> bool {
        let Some(body) = self.a.field(class, "body") else {
            return false;
        };
        self.a.named(body).any(|d| {
            self.a.kind(d) == "method_declaration"
                && !self.a.field(d, "name").is_some_and(|n| {
                    let t = self.a.text(n);
                    t.starts_with("get")
                        || t.starts_with("set")
                        || t.starts_with("is")
                        || matches!(t, "toString" | "equals" | "hashCode" | "builder")
                })
        })
    }

    fn models(&mut self, m: &mut FileModel) {
        let mut pending: Vec<(String, Vec<ModelField>)> = Vec::new();
        for id in self.ids() {
            let k = self.a.kind(id);
            if !matches!(k, "class_declaration" | "record_declaration") {
                continue;
            }
            let Some(nm) = self.a.field(id, "name") else {
                continue;
            };
            let name = self.a.text(nm).to_string();
            let fields = self.class_fields(id);
            if fields.is_empty() {
                continue;
            }
            let explicit = fields.iter().any(|f| f.4);
            let record = k == "record_declaration";
            let annotated = {
                let mods = self.modifiers_text(id);
                mods.contains("@Json") || mods.contains("@Data") || mods.contains("@Value")
            };
            if !(explicit || record || annotated || !self.has_logic(id)) {
                continue;
            }
            pending.push((name, fields));
        }
        let (wire, models) = declare_models(m, pending);
        self.wire.extend(wire);
        self.model_fields = models;
    }

    fn type_uses(&self, m: &mut FileModel) {
        let models = &self.model_fields;
        let mut uses: Vec<TypeUse> = Vec::new();
        let mut push = |t: String, o: Origin| push_use(&mut uses, t, o, NOT_MODELS);
        for id in self.ids() {
            match self.a.kind(id) {
                "class_literal" => {
                    let Some(call) = self.call_of_arg(id) else {
                        continue;
                    };
                    let name = self.name_of(call);
                    let relevant = self.req_of_call.contains_key(&call)
                        || DESERIALIZERS.contains(&name)
                        || matches!(name, "bodyToMono" | "bodyToFlux" | "toEntity" | "body");
                    if !relevant {
                        continue;
                    }
                    let Some(t) = self.a.first_named(id) else {
                        continue;
                    };
                    push(
                        simple_type(self.a.text(t)).to_string(),
                        self.origin_of(call, 0),
                    );
                }
                "variable_declarator" => {
                    let decl = self.a.parent(id);
                    if self.a.kind(decl) != "local_variable_declaration"
                        && self.a.kind(decl) != "field_declaration"
                    {
                        continue;
                    }
                    let Some(t) = self.a.field(decl, "type") else {
                        continue;
                    };
                    if let Some(v) = self.a.field(id, "value") {
                        push(self.type_name_of(t), self.origin_of(v, 0));
                    }
                }
                "cast_expression" => {
                    if let (Some(t), Some(v)) =
                        (self.a.field(id, "type"), self.a.field(id, "value"))
                    {
                        push(self.type_name_of(t), self.origin_of(v, 0));
                    }
                }
                "method_declaration" => {
                    if let Some(r) = self.a.field(id, "type") {
                        let o = self.summary(id, 0);
                        push(self.type_name_of(r), o);
                    }
                }
                _ => {}
            }
        }
        m.field_reads.extend(declaration_reads(&uses, models));
        m.type_uses = uses;
    }
}

impl crate::sema::helpers::HelperSyntax for Lx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        self.args_of(call)
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        let entries = self.entries_of(e, 0);
        if !entries.is_empty() {
            return Some((BodyKind::Form, entries));
        }
        let b = self.body_of(e, "");
        (!b.entries.is_empty()).then(|| (b.kind.unwrap_or(BodyKind::Unknown), b.entries))
    }
    fn helper_headers(&self, e: u32) -> Vec<Entry> {
        self.entries_of(e, 0)
    }
    fn helper_arena(&self) -> &crate::lang::ts::Arena<'_> {
        &self.a
    }
    fn helper_builds_string(&self, call: u32) -> bool {
        self.is_stringy(call)
    }
    fn helper_function_kinds(&self) -> &'static [&'static str] {
        &["method_declaration", "constructor_declaration"]
    }
}
