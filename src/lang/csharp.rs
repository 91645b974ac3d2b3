//! C# front end: parses a file with tree-sitter and lowers it into the
//! neutral [`FileModel`]. Knows C# and its HTTP libraries (`HttpClient`,
//! RestSharp, `WebClient`, `HttpWebRequest`) and JSON libraries
//! (Newtonsoft.Json, System.Text.Json), nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing function and type), then a handful of linear passes fill the
//! model. Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::lang::Language;
use crate::model::{
    BodyKind, Call, Entry, FileModel, HttpRequest, Method, MethodSource, Origin, Piece, ReadKind,
    Span, StrValue, TypeUse, HOLE,
};
use crate::sema::calls::CallsOn;
use crate::sema::format::{self, Arg};
use crate::sema::forms::{encode_entries, form_pairs, looks_form};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::limits::ANCESTOR_LIMIT;
use crate::sema::memo::Memo;
use crate::sema::models::{declaration_reads, declare_models, push_use, wire_name, ModelField};
use crate::sema::names::{last_segment, norm_recv};
use crate::sema::pieces::{pieces_text, slice_pieces};
use crate::sema::provenance::{configured, declared_param_origin, written_origin};
use crate::sema::provenance::{Reads, Trace};
use crate::sema::requests::{empty_request, header_says_basic};
use crate::sema::scope::{Receiver, Scopes};
use crate::sema::urls::{path_join, uri_join};
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::ts::{self, NONE};

/// Kinds whose value is never text: numbers, booleans, objects, functions.
const NOT_TEXT: &[&str] = &[
    "integer_literal",
    "real_literal",
    "boolean_literal",
    "null_literal",
    "object_creation_expression",
    "anonymous_object_creation_expression",
    "implicit_object_creation_expression",
    "array_creation_expression",
    "implicit_array_creation_expression",
    "lambda_expression",
    "initializer_expression",
];

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "csharp",
    language: || tree_sitter_c_sharp::LANGUAGE.into(),
    scope_kinds: FUNC_KINDS,
    class_kinds: CLASS_KINDS,
    extra_kinds: &["comment", "preproc_region", "preproc_endregion"],
};

/// Lower one C# file into the model.
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
    "local_function_statement",
    "lambda_expression",
    "anonymous_method_expression",
    "accessor_declaration",
    "operator_declaration",
    "conversion_operator_declaration",
    "destructor_declaration",
];

const CLASS_KINDS: &[&str] = &[
    "class_declaration",
    "record_declaration",
    "struct_declaration",
    "interface_declaration",
    "record_struct_declaration",
];

type Ast<'s> = ts::Arena<'s>;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/// Decoded characters of a string literal, with interpolation holes.
#[derive(Clone, Copy, Debug)]
enum Seg {
    /// a character, the source offset it came from and its source length
    C(char, usize, usize),
    /// an interpolated expression
    I(u32),
}

/// Types that hold any JSON, never a model of a response.
const NOT_MODELS: &[&str] = &[
    "String",
    "Object",
    "JObject",
    "JToken",
    "JsonElement",
    "JsonDocument",
    "JsonNode",
    "Dictionary",
    "IDictionary",
    "List",
    "HttpResponseMessage",
];

/// What a request body was made of.
#[derive(Default)]
struct Body {
    kind: Option<BodyKind>,
    span: Option<Span>,
    entries: Vec<Entry>,
    headers: Vec<Entry>,
}

const HTTPCLIENT_VERBS: &[&str] = &[
    "GetAsync",
    "PostAsync",
    "PutAsync",
    "PatchAsync",
    "DeleteAsync",
    "GetStringAsync",
    "GetStreamAsync",
    "GetByteArrayAsync",
    "GetFromJsonAsync",
    "PostAsJsonAsync",
    "PutAsJsonAsync",
    "PatchAsJsonAsync",
    "DeleteFromJsonAsync",
    "SendAsync",
    "Send",
];

const REST_EXEC: &[&str] = &[
    "Execute",
    "ExecuteAsync",
    "ExecuteTaskAsync",
    "ExecuteGet",
    "ExecutePost",
    "ExecuteGetAsync",
    "ExecutePostAsync",
    "ExecuteGetTaskAsync",
    "ExecutePostTaskAsync",
    "Get",
    "GetAsync",
    "Post",
    "PostAsync",
    "Put",
    "PutAsync",
    "Patch",
    "PatchAsync",
    "Delete",
    "DeleteAsync",
    "Head",
    "HeadAsync",
    "Options",
    "OptionsAsync",
];

const WEBCLIENT_METHODS: &[&str] = &[
    "UploadValues",
    "UploadValuesAsync",
    "UploadValuesTaskAsync",
    "UploadString",
    "UploadStringAsync",
    "UploadStringTaskAsync",
    "UploadData",
    "UploadDataAsync",
    "UploadDataTaskAsync",
    "DownloadString",
    "DownloadStringAsync",
    "DownloadStringTaskAsync",
    "DownloadData",
    "DownloadDataAsync",
    "DownloadDataTaskAsync",
    "OpenRead",
    "OpenReadAsync",
    "OpenReadTaskAsync",
];

/// `.Add("k", v)`-style calls that build a key/value collection.
const ADD_NAMES: &[&str] = &[
    "Add",
    "TryAdd",
    "AddParameter",
    "AddOrUpdateParameter",
    "AddQueryParameter",
    "AddHeader",
    "AddUrlSegment",
    "AddCookie",
    "AddFormParameter",
    "Append",
    "Set",
    "TryAddWithoutValidation",
];

/// Calls on a value that keep its origin (the parsed body of a response).
const KEEP_ORIGIN: &[&str] = &[
    "ReadAsStringAsync",
    "ReadAsStreamAsync",
    "ReadAsByteArrayAsync",
    "ReadFromJsonAsync",
    "ReadAsAsync",
    "ReadToEnd",
    "ReadToEndAsync",
    "GetResponseStream",
    "EnsureSuccessStatusCode",
    "GetAwaiter",
    "GetResult",
    "ConfigureAwait",
    "ToObject",
    "ToString",
    "Deserialize",
    "GetRawText",
    "Clone",
    "DeepClone",
    "AsObject",
    "GetValue",
    "SelectToken",
    "GetProperty",
    "Value",
];

const DESERIALIZERS: &[&str] = &[
    "DeserializeObject",
    "Deserialize",
    "DeserializeAsync",
    "Parse",
    "ParseAsync",
    "Load",
    "ReadFrom",
    "FromObject",
    "PopulateObject",
];

fn decode_escape(s: &str) -> char {
    let body = s.strip_prefix('\\').unwrap_or(s);
    let mut ch = body.chars();
    let Some(first) = ch.next() else { return '\\' };
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    match first {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'v' => '\u{b}',
        'e' => '\u{1b}',
        'x' | 'u' | 'U' => hex(&body[1..]).unwrap_or('\u{fffd}'),
        c => c,
    }
}

/// Remove the indentation of a multi-line raw string (`"""` on their own
/// lines): the first and last lines go, and every line loses the closing
/// line's whitespace.
fn dedent(segs: Vec<Seg>) -> Vec<Seg> {
    let is_nl = |s: &Seg| matches!(s, Seg::C('\n', _, _));
    if !segs.iter().any(is_nl) {
        return segs;
    }
    let ws = |s: &Seg| matches!(s, Seg::C(c, _, _) if *c == ' ' || *c == '\t' || *c == '\r');
    let mut lo = 0;
    if let Some(first_nl) = segs.iter().position(is_nl) {
        if segs[..first_nl].iter().all(ws) {
            lo = first_nl + 1;
        }
    }
    let mut hi = segs.len();
    let mut indent = 0;
    if let Some(last_nl) = segs.iter().rposition(is_nl) {
        if last_nl >= lo && segs[last_nl + 1..].iter().all(ws) {
            indent = segs.len() - last_nl - 1;
            hi = last_nl;
            if hi > lo && matches!(segs[hi - 1], Seg::C('\r', _, _)) {
                hi -= 1;
            }
        }
    }
    let mut out = Vec::with_capacity(hi.saturating_sub(lo));
    let mut at_line_start = true;
    let mut skipped = 0;
    for s in segs.get(lo..hi).unwrap_or(&[]) {
        if at_line_start && skipped < indent && ws(s) {
            skipped += 1;
            continue;
        }
        at_line_start = is_nl(s);
        skipped = 0;
        out.push(*s);
    }
    out
}

/// `PascalCase` type name without generic arguments or namespace.
fn simple_type(t: &str) -> &str {
    let t = t.split('<').next().unwrap_or(t);
    let t = t.trim_end_matches('?').trim();
    last_segment(t)
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// declarations and bindings
    sc: Scopes<'s>,
    /// invocations `recv.M(…)` by (function, receiver)
    calls_on: CallsOn,
    /// assignments `recv.P… = v` / `recv[…] = v` by (function, receiver root)
    sets_on: HashMap<(u32, String), Vec<u32>>,
    /// the same, file-wide (clients configured in a constructor)
    wide_sets: HashMap<String, Vec<u32>>,
    /// every invocation, by function
    scope_calls: HashMap<u32, Vec<u32>>,
    stringy: Vec<bool>,
    req_of_call: HashMap<u32, usize>,
    token_call_of: HashMap<u32, usize>,
    handled_calls: HashSet<u32>,
    /// C# property name → wire name, per model type
    wire: HashMap<String, Vec<(String, String)>>,
    /// model type → (wire name, span, optional)
    model_fields: HashMap<String, Vec<(String, Span, bool)>>,
    /// what evaluation remembers
    memo: Memo<(u32, &'s str)>,
    /// request URLs composed from a client's base URL and a path: string
    /// expressions of their own
    joined_urls: RefCell<Vec<StrValue>>,
}

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

    fn op_of(&self, id: u32) -> &'s str {
        self.a.operator(id).unwrap_or("")
    }

    /// The value of a `variable_declarator` (after `=`).
    fn declarator_value(&self, d: u32) -> Option<u32> {
        let mut seen_eq = false;
        for &k in self.a.kids(d) {
            if !self.a.is_named(k) && self.a.text(k) == "=" {
                seen_eq = true;
                continue;
            }
            if seen_eq && self.a.is_named(k) && !self.a.is_extra(k) {
                return Some(k);
            }
        }
        None
    }

    /// The expression of an `argument` (after `name:` and `ref`/`out`).
    fn arg_expr(&self, arg: u32) -> Option<u32> {
        if self.a.kind(arg) != "argument" {
            return Some(arg);
        }
        self.a
            .named(arg)
            .filter(|&k| self.a.field_name(k) != "name")
            .last()
    }

    /// Positional and named arguments of a call or creation.
    fn args_of(&self, call: u32) -> (Vec<u32>, Vec<(&'s str, u32, u32)>) {
        let mut pos = Vec::new();
        let mut named = Vec::new();
        let list = self
            .a
            .field(call, "arguments")
            .or_else(|| self.a.child_of_kind(call, "argument_list"));
        let Some(list) = list else {
            return (pos, named);
        };
        for arg in self.a.named(list) {
            if self.a.kind(arg) != "argument" {
                continue;
            }
            let Some(e) = self.arg_expr(arg) else {
                continue;
            };
            match self.a.field(arg, "name") {
                Some(n) => named.push((self.a.text(n), arg, e)),
                None => pos.push(e),
            }
        }
        (pos, named)
    }

    /// Name identifier of a callee (`Format` of `string.Format`, `Get` of `Get<T>`).
    fn callee_name(&self, func: u32) -> Option<u32> {
        let n = match self.a.kind(func) {
            "member_access_expression" => self.a.field(func, "name")?,
            "member_binding_expression" => self.a.field(func, "name")?,
            "identifier" | "generic_name" => func,
            _ => return None,
        };
        if self.a.kind(n) == "generic_name" {
            return self.a.child_of_kind(n, "identifier");
        }
        Some(n)
    }

    /// Generic type argument of a callee (`T` of `Deserialize<T>`).
    fn callee_type_arg(&self, func: u32) -> Option<String> {
        let n = match self.a.kind(func) {
            "member_access_expression" | "member_binding_expression" => {
                self.a.field(func, "name")?
            }
            _ => func,
        };
        if self.a.kind(n) != "generic_name" {
            return None;
        }
        let list = self.a.child_of_kind(n, "type_argument_list")?;
        let t = self.a.first_named(list)?;
        Some(self.type_name_of(t))
    }

    /// The payload type of a call: its type argument (`Deserialize<T>(…)`),
    /// or for a call given the type as a value, the last argument's
    /// `typeof(T)` or source-generated `JsonTypeInfo` (`ctx.Default.T`,
    /// `_jsonContext.T`).
    fn call_payload_type(&self, call: u32) -> Option<String> {
        let f = self.a.field(call, "function")?;
        if let Some(t) = self.callee_type_arg(f) {
            return Some(t);
        }
        let args = self.a.field(call, "arguments")?;
        let last = self.a.last_named(args)?;
        let v = self.a.first_named(last)?;
        match self.a.kind(v) {
            "typeof_expression" => self.a.field(v, "type").map(|t| self.type_name_of(t)),
            "member_access_expression" => {
                let recv = self.a.text(self.a.field(v, "expression")?);
                let name = self.a.text(self.a.field(v, "name")?);
                let context = recv.ends_with("Context")
                    || recv.ends_with("Context.Default")
                    || recv.ends_with(".Default");
                (context && name.starts_with(|c: char| c.is_ascii_uppercase()))
                    .then(|| name.to_string())
            }
            _ => None,
        }
    }

    fn type_name_of(&self, t: u32) -> String {
        let text = self.a.text(t);
        // Task<T>, ActionResult<T>, IRestResponse<T>: the payload type
        if self.a.kind(t) == "generic_name" {
            let outer = self
                .a
                .child_of_kind(t, "identifier")
                .map(|i| self.a.text(i))
                .unwrap_or("");
            if matches!(
                outer,
                "Task"
                    | "ValueTask"
                    | "ActionResult"
                    | "IRestResponse"
                    | "RestResponse"
                    | "Response"
                    | "ApiResponse"
                    | "Nullable"
            ) {
                if let Some(inner) = self
                    .a
                    .child_of_kind(t, "type_argument_list")
                    .and_then(|l| self.a.first_named(l))
                {
                    return simple_type(self.a.text(inner)).to_string();
                }
            }
        }
        if self.a.kind(t) == "nullable_type" {
            if let Some(inner) = self.a.first_named(t) {
                return simple_type(self.a.text(inner)).to_string();
            }
        }
        simple_type(text).to_string()
    }

    /// Callee as `.`-joined segments without generic arguments.
    fn callee_text(&self, func: u32) -> String {
        let mut out = String::new();
        if self.a.text(func).len() > 512 {
            return self
                .callee_name(func)
                .map(|n| self.a.text(n).to_string())
                .unwrap_or_default();
        }
        let mut depth = 0i32;
        for c in self.a.text(func).chars() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ if depth > 0 || c.is_whitespace() => {}
                '?' => {}
                _ => out.push(c),
            }
        }
        out.strip_prefix("this.").unwrap_or(&out).to_string()
    }

    // ----- collection -------------------------------------------------------

    /// What each node is in the IR's vocabulary.
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "identifier" => Node::Name,
            "this" => Node::This,
            "member_access_expression" => {
                Node::member(a.field(id, "expression"), a.field(id, "name"))
            }
            "element_access_expression" => Node::index(a.field(id, "expression")),
            "parenthesized_expression" | "await_expression" | "postfix_unary_expression" => {
                Node::wrap(a.first_named(id))
            }
            "cast_expression" => Node::wrap(a.field(id, "value")),
            // object initializer members are not assignments to variables
            "assignment_expression" if a.kind(a.parent(id)) != "initializer_expression" => {
                Node::assign(
                    a.field(id, "left"),
                    a.field(id, "right"),
                    a.operator(id) == Some("="),
                )
            }
            "if_statement" => Node::if_fields(a, id),
            "while_statement" | "conditional_expression" => Node::guarded(a.field(id, "condition")),
            "binary_expression" => Node::c_binary(a, id, true),
            "prefix_unary_expression" if a.text(id).starts_with('!') => Node::not(a.last_named(id)),
            "block" => Node::Block,
            "return_statement" | "continue_statement" | "break_statement" => Node::Exit,
            "throw_statement" => Node::Raise,
            "null_literal" => Node::Falsy,
            "boolean_literal" if a.text(id) == "false" => Node::Falsy,
            "expression_statement" if a.text(id).starts_with("throw") => Node::Raise,
            _ => Node::Other,
        }
    }

    /// A written type, unless it is `var`.
    fn written_type(&self, t: Option<u32>) -> Option<u32> {
        t.filter(|&t| self.a.kind(t) != "implicit_type")
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
                    // record positional parameters are properties
                    if let Some(pl) = a.child_of_kind(id, "parameter_list") {
                        for p in a.named_vec(pl) {
                            if let Some(name) = a.field(p, "name") {
                                out.push(Decl::Member {
                                    class: id,
                                    name,
                                    value: None,
                                    ty: a.field(p, "type"),
                                    decl: p,
                                });
                            }
                        }
                    }
                }
                "method_declaration" | "local_function_statement" => {
                    if let Some(name) = a.field(id, "name") {
                        out.push(Decl::Function { node: id, name });
                    }
                    if let Some(b) = a.field(id, "body") {
                        if a.kind(b) == "arrow_expression_clause" {
                            if let Some(value) = a.first_named(b) {
                                out.push(Decl::Return { func: id, value });
                            }
                        }
                    }
                }
                "lambda_expression" => {
                    if let Some(p) = a.field(id, "parameters") {
                        if matches!(a.kind(p), "implicit_parameter" | "identifier") {
                            out.push(local(id, p, a.start(p), BindKind::Param(p), None));
                        }
                    }
                }
                "parameter" => {
                    if let Some(n) = a.field(id, "name") {
                        if a.class(id) != NONE
                            && CLASS_KINDS.contains(&a.kind(a.parent(a.parent(id))))
                        {
                            continue;
                        }
                        let ty = a.field(id, "type");
                        out.push(local(a.scope(id), n, a.start(id), BindKind::Param(id), ty));
                    }
                }
                "variable_declarator" => {
                    let Some(name) = a.field(id, "name") else {
                        continue;
                    };
                    let decl = a.parent(id);
                    let ty = a.field(decl, "type");
                    let value = self.declarator_value(id);
                    if matches!(
                        a.kind(a.parent(decl)),
                        "field_declaration" | "event_field_declaration"
                    ) {
                        let class = a.class(id);
                        out.push(Decl::Member {
                            class,
                            name,
                            value,
                            ty,
                            decl,
                        });
                    } else {
                        out.push(Decl::Local {
                            scope: a.scope(id),
                            name,
                            bind: value.map(|v| Bind::new(a.start(id), BindKind::Value(v))),
                            ty: self.written_type(ty),
                        });
                    }
                }
                "property_declaration" => {
                    let Some(name) = a.field(id, "name") else {
                        continue;
                    };
                    let mut value = a.field(id, "value");
                    if let Some(v) = value {
                        if a.kind(v) == "arrow_expression_clause" {
                            value = a.first_named(v);
                        }
                    }
                    out.push(Decl::Member {
                        class: a.class(id),
                        name,
                        value,
                        ty: a.field(id, "type"),
                        decl: id,
                    });
                }
                "foreach_statement" => {
                    if let Some(l) = a.field(id, "left") {
                        if a.kind(l) == "identifier" {
                            out.push(local(a.scope(id), l, a.start(l), BindKind::Other, None));
                        }
                    }
                }
                "declaration_expression" | "catch_declaration" | "declaration_pattern" => {
                    if let Some(n) = a.field(id, "name") {
                        if a.kind(n) == "identifier" {
                            let ty = self.written_type(a.field(id, "type"));
                            out.push(local(a.scope(id), n, a.start(n), BindKind::Other, ty));
                        }
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
            if self.a.kind(id) != "invocation_expression" {
                continue;
            }
            let scope = self.a.scope(id);
            self.scope_calls.entry(scope).or_default().push(id);
            let Some(func) = self.a.field(id, "function") else {
                continue;
            };
            if self.a.kind(func) != "member_access_expression" {
                continue;
            }
            let Some(recv) = self.a.field(func, "expression") else {
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
            let Node::Assign { target: left, .. } = self.sc.ir.node(id) else {
                continue;
            };
            let scope = self.a.scope(id);
            if !matches!(
                self.a.kind(left),
                "member_access_expression" | "element_access_expression"
            ) {
                continue;
            }
            // receiver root: `msg` of `msg.Headers.Authorization`
            let mut root = left;
            for _ in 0..16 {
                match self.a.kind(root) {
                    "member_access_expression" | "element_access_expression" => {
                        match self.a.field(root, "expression") {
                            Some(o)
                                if self.a.kind(o) != "this"
                                    && matches!(
                                        self.a.kind(o),
                                        "member_access_expression" | "element_access_expression"
                                    ) =>
                            {
                                root = o
                            }
                            Some(o) => {
                                root = o;
                                break;
                            }
                            None => break,
                        }
                    }
                    _ => break,
                }
            }
            // `this.x.P = v`: the root is `this.x`
            let r = if self.a.kind(root) == "this" {
                match self.a.field(left, "name") {
                    Some(n) => self.a.text(n).to_string(),
                    None => continue,
                }
            } else {
                let p = self.a.parent(root);
                if self.a.kind(p) == "member_access_expression"
                    && self.a.field(p, "expression").map(|o| self.a.kind(o)) == Some("this")
                {
                    norm_recv(self.a.text(p))
                } else {
                    norm_recv(self.a.text(root))
                }
            };
            self.sets_on.entry((scope, r.clone())).or_default().push(id);
            self.wide_sets.entry(r).or_default().push(id);
        }
    }

    /// `msg` of `msg.Headers`, `_http` of `this._http.DefaultRequestHeaders`.
    fn recv_root(&self, recv: u32) -> Option<String> {
        let mut root = recv;
        for _ in 0..16 {
            if self.a.kind(root) != "member_access_expression" {
                break;
            }
            let o = self.a.field(root, "expression")?;
            if self.a.kind(o) == "this" {
                break;
            }
            root = o;
        }
        matches!(self.a.kind(root), "identifier" | "member_access_expression")
            .then(|| norm_recv(self.a.text(root)))
    }

    /// Type name written for an object creation (`Uri`, `RestRequest`).
    fn created_type(&self, e: u32) -> Option<&'s str> {
        match self.a.kind(e) {
            "object_creation_expression" => {
                let t = self.a.field(e, "type")?;
                Some(simple_type(self.a.text(t)))
            }
            "implicit_object_creation_expression" => {
                // `Foo x = new(...)`: the declared type
                let d = self.a.parent(e);
                if self.a.kind(d) == "variable_declarator" {
                    let t = self.a.field(self.a.parent(d), "type")?;
                    return Some(simple_type(self.a.text(t)));
                }
                None
            }
            _ => None,
        }
    }

    /// Declared type name of a variable, field or property expression.
    fn declared_type(&self, e: u32) -> Option<String> {
        let t = self.sc.declared_type(&self.a, e)?;
        Some(self.type_name_of(t))
    }

    /// The type of object a receiver holds: declared, or created.
    fn object_type(&self, e: u32) -> Option<String> {
        if let Some(t) = self.declared_type(e) {
            return Some(t);
        }
        let v = self.sc.follow(&self.a, e);
        if let Some(t) = self.created_type(v) {
            return Some(t.to_string());
        }
        None
    }

    // ----- strings ----------------------------------------------------------

    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&[
            "binary_expression",
            "parenthesized_expression",
            "object_creation_expression",
            "invocation_expression",
        ]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    fn is_literal_kind(kind: &str) -> bool {
        matches!(
            kind,
            "string_literal"
                | "verbatim_string_literal"
                | "raw_string_literal"
                | "interpolated_string_expression"
        )
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            k if Self::is_literal_kind(k) => true,
            "invocation_expression" => {
                let Some(func) = self.a.field(id, "function") else {
                    return false;
                };
                let callee = self.callee_text(func);
                let name = last_segment(&callee);
                match callee.as_str() {
                    "string.Format"
                    | "String.Format"
                    | "string.Concat"
                    | "String.Concat"
                    | "System.String.Format" => return true,
                    _ => {}
                }
                if is_add_query_string(&callee) {
                    let (pos, _) = self.args_of(id);
                    return get(pos.first().copied());
                }
                if matches!(
                    name,
                    "ToString" | "TrimEnd" | "TrimStart" | "Trim" | "ToLowerInvariant"
                ) && self.a.kind(func) == "member_access_expression"
                {
                    let (pos, _) = self.args_of(id);
                    return (name != "ToString" || pos.is_empty())
                        && get(self.a.field(func, "expression"));
                }
                false
            }
            "object_creation_expression" => {
                if !matches!(self.created_type(id), Some("Uri" | "UriBuilder")) {
                    return false;
                }
                let (pos, _) = self.args_of(id);
                pos.iter().any(|&p| get(Some(p)))
            }
            _ => false,
        }
    }

    /// Whether the parent of a string expression resolves it as part of itself.
    fn consumed_by_parent(&self, id: u32) -> bool {
        let p = self.a.parent(id);
        if p == NONE {
            return false;
        }
        match self.a.kind(p) {
            "parenthesized_expression" | "binary_expression" => self.is_stringy(p),
            "interpolation" => true,
            "member_access_expression" => {
                let call = self.a.parent(p);
                self.a.field_name(id) == "expression"
                    && self.a.kind(call) == "invocation_expression"
                    && self.is_stringy(call)
            }
            "argument" => {
                let call = self.a.parent(self.a.parent(p));
                self.is_stringy(call)
            }
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
            if matches!(
                self.a.kind(id),
                "string_literal" | "verbatim_string_literal" | "raw_string_literal"
            ) && !self
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

    /// `UriKind.Relative` and friends as the second argument of `new Uri`.
    fn is_uri_kind(&self, e: Option<u32>) -> bool {
        e.is_some_and(|e| self.a.text(e).contains("UriKind"))
    }

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(func) = self.a.field(id, "function") else {
            out.push(self.hole(id));
            return;
        };
        let callee = self.callee_text(func);
        let name = last_segment(&callee);
        let (pos, _) = self.args_of(id);
        match callee.as_str() {
            "string.Format" | "String.Format" | "System.String.Format" => {
                // an IFormatProvider may come first
                let skip = match (pos.first(), pos.get(1)) {
                    (Some(&f), Some(&s))
                        if !self.is_stringy(f)
                            && self.sc.bound_value(&self.a, f).is_none()
                            && self.is_stringy(s) =>
                    {
                        1
                    }
                    _ => 0,
                };
                let Some(&fmt) = pos.get(skip) else {
                    out.push(self.hole(id));
                    return;
                };
                let mut f = Vec::new();
                self.resolve_into(fmt, depth + 1, mark, &mut f);
                let args: Vec<u32> = pos.iter().skip(skip + 1).copied().collect();
                self.brace_format(f, &args, id, depth, mark, out);
                return;
            }
            "string.Concat" | "String.Concat" => {
                for &p in &pos {
                    self.resolve_into(p, depth + 1, mark, out);
                }
                return;
            }
            "nameof" => {
                let t = pos.first().map(|&p| self.a.text(p)).unwrap_or("");
                out.push(Piece::synthetic(last_segment(t)));
                return;
            }
            c if is_add_query_string(c) => {
                self.add_query_string(id, &pos, depth, mark, out);
                return;
            }
            _ => {}
        }
        if name == "GetBytes" && callee.contains("Encoding") {
            // the bytes of a string written to a request stream: its text
            if let [one] = pos.as_slice() {
                self.resolve_into(*one, depth + 1, mark, out);
                return;
            }
        }
        if name == "ParseQueryString" {
            // the collection's `ToString()`: its pairs, written on its variable
            match self.bound_var(id) {
                Some((scope, var)) => {
                    let mut entries = Vec::new();
                    if let Some(&init) = pos.first() {
                        if Self::is_literal_kind(self.a.kind(init)) {
                            entries.extend(form_pairs(&self.value_sv(init)));
                        }
                    }
                    self.written_entries(scope, var, &mut entries);
                    entries.sort_by_key(|e| e.span.start);
                    out.extend(encode_entries(&entries));
                }
                None => out.push(self.hole(id)),
            }
            return;
        }
        if matches!(
            name,
            "ToString" | "TrimEnd" | "TrimStart" | "Trim" | "ToLowerInvariant"
        ) && self.a.kind(func) == "member_access_expression"
            && (name != "ToString" || pos.is_empty())
        {
            if let Some(o) = self.a.field(func, "expression") {
                self.resolve_into(o, depth + 1, mark, out);
                return;
            }
        }
        out.push(self.hole(id));
    }

    /// The local or field a creation or call is stored in: `var b = new …`,
    /// `b = new …`, with the function it is written in.
    fn bound_var(&self, e: u32) -> Option<(u32, String)> {
        let p = self.a.parent(e);
        let var = match self.a.kind(p) {
            "variable_declarator" => self.a.field(p, "name").map(|n| self.a.text(n).to_string()),
            "assignment_expression" if self.a.field(p, "right") == Some(e) => {
                self.a.field(p, "left").map(|l| norm_recv(self.a.text(l)))
            }
            _ => None,
        }?;
        Some((self.a.scope(e), var))
    }

    /// `u.Uri`, `u.Uri.AbsoluteUri`, `u.AbsoluteUri` of a URI builder or
    /// `Uri` the scope knows: the URL of `u`.
    fn uri_of(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let name = self.a.field(id, "name").map(|n| self.a.text(n));
        let inner = self.a.field(id, "expression");
        let (Some("Uri" | "AbsoluteUri" | "OriginalString"), Some(inner)) = (name, inner) else {
            out.push(self.hole(id));
            return;
        };
        let holds_uri = |e: u32| {
            let v = self.sc.follow(&self.a, e);
            matches!(self.created_type(v), Some("Uri" | "UriBuilder"))
        };
        let known = match self.a.kind(inner) {
            "member_access_expression" => {
                self.a.field(inner, "name").map(|n| self.a.text(n)) == Some("Uri")
                    && self.a.field(inner, "expression").is_some_and(holds_uri)
            }
            "identifier" => holds_uri(inner),
            _ => false,
        };
        if !known {
            out.push(self.hole(id));
            return;
        }
        self.resolve_into(inner, depth + 1, mark, out);
    }

    /// `new UriBuilder(url) { Path = …, Query = … }` and `b.Path = …` /
    /// `b.Query = …` on its variable: the URL the builder makes.
    fn uri_builder(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let (pos, _) = self.args_of(id);
        let [base] = pos.as_slice() else {
            out.push(self.hole(id));
            return;
        };
        let mut writes: Vec<(&str, u32)> = Vec::new();
        if let Some(init) = self.a.field(id, "initializer") {
            for c in self.a.named(init) {
                if let (Some(l), Some(r)) = (self.a.field(c, "left"), self.a.field(c, "right")) {
                    writes.push((self.a.text(l), r));
                }
            }
        }
        if let Some((scope, var)) = self.bound_var(id) {
            for &s in self
                .sets_on
                .get(&(scope, var.clone()))
                .into_iter()
                .flatten()
            {
                let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                    continue;
                };
                if self.a.kind(l) == "member_access_expression"
                    && self
                        .a
                        .field(l, "expression")
                        .map(|o| norm_recv(self.a.text(o)))
                        == Some(var.clone())
                {
                    if let Some(n) = self.a.field(l, "name") {
                        writes.push((self.a.text(n), r));
                    }
                }
            }
        }
        let (mut path, mut query) = (None, None);
        for (prop, r) in writes {
            match prop {
                "Path" => path = Some(r),
                "Query" => query = Some(r),
                // another host, scheme or port: a URL not known here
                "Host" | "Scheme" | "Port" | "Uri" => {
                    out.push(self.hole(id));
                    return;
                }
                _ => {}
            }
        }
        let mut url = Vec::new();
        self.resolve_into(*base, depth + 1, mark, &mut url);
        let text = pieces_text(&url);
        let end = |from: usize, stops: &[char]| {
            text[from..]
                .find(|c| stops.contains(&c))
                .map_or(text.len(), |i| from + i)
        };
        let authority = text.find("://").map_or(0, |i| i + 3);
        let keep = match (path, query) {
            (Some(_), _) => end(authority, &['/', '?', '#']),
            (None, Some(_)) => end(authority, &['?', '#']),
            (None, None) => text.len(),
        };
        if keep < text.len() {
            url = slice_pieces(&url, 0, keep);
        }
        if let Some(p) = path {
            let mut rel = Vec::new();
            self.resolve_into(p, depth + 1, mark, &mut rel);
            if !pieces_text(&rel).starts_with('/') {
                url.push(Piece::synthetic("/"));
            }
            url.extend(rel);
        }
        if let Some(q) = query {
            let mut rel = Vec::new();
            self.resolve_into(q, depth + 1, mark, &mut rel);
            if pieces_text(&rel).starts_with('?') {
                rel = slice_pieces(&rel, 1, pieces_text(&rel).len());
            }
            if !rel.is_empty() {
                // the builder replaces any query the base or path has: a
                // query written at their end would be dropped or escaped,
                // so the URL's last character before `?` is no place to edit
                if let Some(Piece::Lit { text, .. }) = url.last() {
                    if let Some(c) = text.chars().last() {
                        let n = pieces_text(&url).len();
                        url = slice_pieces(&url, 0, n - c.len_utf8());
                        url.push(Piece::synthetic(c.to_string()));
                    }
                }
                url.push(Piece::synthetic("?"));
                url.extend(rel);
            }
        }
        out.extend(url);
    }

    /// `QueryHelpers.AddQueryString(url, "k", v)` and
    /// `QueryHelpers.AddQueryString(url, pairs)`: the URL with the pairs
    /// appended to its query.
    fn add_query_string(
        &self,
        call: u32,
        pos: &[u32],
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let entries = match pos {
            [_, k, v] => self
                .make_entry(
                    *k,
                    Some(*v),
                    self.a.start(*k) as usize..self.a.end(*v) as usize,
                )
                .into_iter()
                .collect(),
            [_, pairs] => {
                let mut e = self.entries_of(*pairs, 0);
                e.sort_by_key(|x| x.span.start);
                e
            }
            _ => Vec::new(),
        };
        let (Some(&url), false) = (pos.first(), entries.is_empty()) else {
            out.push(self.hole(call));
            return;
        };
        let mut base = Vec::new();
        self.resolve_into(url, depth + 1, mark, &mut base);
        let sep = if pieces_text(&base).contains('?') {
            "&"
        } else {
            "?"
        };
        out.extend(base);
        out.push(Piece::synthetic(sep));
        out.extend(encode_entries(&entries));
    }

    /// `string.Format` placeholders: `{0}`, `{1,-5:N}`, `{{`.
    #[allow(clippy::too_many_arguments)]
    fn brace_format(
        &self,
        fmt: Vec<Piece>,
        args: &[u32],
        call: u32,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        format::braces(&fmt, &format::COMPOSITE, out, |d, out| match d.arg {
            Arg::Pos(k) if k < args.len() => self.resolve_into(args[k], depth + 1, mark, out),
            _ => out.push(Piece::hole(self.a.span(call), &d.text[1..d.text.len() - 1])),
        });
    }

    // ----- literals ---------------------------------------------------------

    fn chars_of(&self, a: usize, b: usize, verbatim: bool, braces: bool, segs: &mut Vec<Seg>) {
        let Some(text) = self.a.src.get(a..b) else {
            return;
        };
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let doubled = (verbatim && c == '"') || (braces && (c == '{' || c == '}'));
            if doubled && it.peek().map(|p| p.1) == Some(c) {
                it.next();
                segs.push(Seg::C(c, a + i, 2 * c.len_utf8()));
            } else {
                segs.push(Seg::C(c, a + i, c.len_utf8()));
            }
        }
    }

    /// Decoded characters (and interpolations) of a string literal.
    fn literal_segs(&self, id: u32) -> (Vec<Seg>, usize) {
        let mut segs = Vec::new();
        let start = self.a.start(id) as usize;
        let end = self.a.end(id) as usize;
        let mut content_start = start;
        match self.a.kind(id) {
            "string_literal" => {
                content_start = start + 1;
                for &k in self.a.kids(id) {
                    match self.a.kind(k) {
                        "string_literal_content" => self.chars_of(
                            self.a.start(k) as usize,
                            self.a.end(k) as usize,
                            false,
                            false,
                            &mut segs,
                        ),
                        "escape_sequence" => segs.push(Seg::C(
                            decode_escape(self.a.text(k)),
                            self.a.start(k) as usize,
                            (self.a.end(k) - self.a.start(k)) as usize,
                        )),
                        _ => {}
                    }
                }
            }
            "verbatim_string_literal" => {
                content_start = start + 2;
                let close = self.a.text(id).rfind('"').map(|i| start + i).unwrap_or(end);
                self.chars_of(start + 2, close.max(start + 2), true, false, &mut segs);
            }
            "raw_string_literal" => {
                for &k in self.a.kids(id) {
                    match self.a.kind(k) {
                        "raw_string_start" => content_start = self.a.end(k) as usize,
                        "raw_string_content" => self.chars_of(
                            self.a.start(k) as usize,
                            self.a.end(k) as usize,
                            false,
                            false,
                            &mut segs,
                        ),
                        _ => {}
                    }
                }
                segs = dedent(segs);
            }
            "interpolated_string_expression" => {
                let mut verbatim = false;
                let mut raw = false;
                for &k in self.a.kids(id) {
                    match self.a.kind(k) {
                        "interpolation_start" => {
                            verbatim = self.a.text(k).contains('@');
                            content_start = self.a.end(k) as usize + 1;
                        }
                        "interpolation_quote" => {
                            if self.a.text(k).len() >= 3 {
                                raw = true;
                            }
                            if content_start <= self.a.start(k) as usize + 1 {
                                content_start = self.a.end(k) as usize;
                            }
                        }
                        "string_content" => self.chars_of(
                            self.a.start(k) as usize,
                            self.a.end(k) as usize,
                            verbatim,
                            !raw,
                            &mut segs,
                        ),
                        "escape_sequence" => segs.push(Seg::C(
                            decode_escape(self.a.text(k)),
                            self.a.start(k) as usize,
                            (self.a.end(k) - self.a.start(k)) as usize,
                        )),
                        "interpolation" => {
                            let e = self.a.named(k).find(|&x| {
                                !matches!(
                                    self.a.kind(x),
                                    "interpolation_brace"
                                        | "interpolation_alignment_clause"
                                        | "interpolation_format_clause"
                                )
                            });
                            if let Some(e) = e {
                                segs.push(Seg::I(e));
                            }
                        }
                        _ => {}
                    }
                }
                if raw {
                    segs = dedent(segs);
                }
            }
            _ => {}
        }
        (segs, content_start)
    }

    fn decode_string(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
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
        let flush = |run: &mut Vec<(char, usize)>, end: usize, out: &mut Vec<Piece>| {
            if !run.is_empty() {
                out.push(Piece::lit_decoded(run, end));
                run.clear();
            }
        };
        for s in segs {
            match s {
                Seg::C(c, at, len) => {
                    if !run.is_empty() && at != run_end {
                        flush(&mut run, run_end, out);
                    }
                    run.push((c, at));
                    run_end = at + len;
                }
                Seg::I(e) => {
                    flush(&mut run, run_end, out);
                    self.resolve_into(e, depth + 1, mark, out);
                }
            }
        }
        flush(&mut run, run_end, out);
    }

    /// Text and content span of a plain literal (no interpolation).
    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        if !matches!(
            self.a.kind(id),
            "string_literal" | "verbatim_string_literal" | "raw_string_literal"
        ) {
            return None;
        }
        let mut p = Vec::new();
        self.decode_string(id, 0, false, &mut p);
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

// ---------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "invocation_expression" => self.call_origin(id, depth),
            "checked_expression" => match self.a.first_named(id) {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "as_expression" => match self.a.field(id, "left") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            "conditional_access_expression" => match self.a.field(id, "condition") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            "member_access_expression" => {
                let (Some(obj), Some(n)) =
                    (self.a.field(id, "expression"), self.a.field(id, "name"))
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
                let ot = self.a.text(obj);
                if written_origin(Language::CSharp, Some(ot), name) == Some(Origin::Input) {
                    return Origin::Input;
                }
                let o = self.origin_of(obj, d);
                configured(o, name)
            }
            "element_access_expression" => match self.a.field(id, "expression") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            "identifier" => self.var_origin(id, depth),
            "object_creation_expression" => {
                if matches!(
                    self.created_type(id),
                    Some("StreamReader" | "JsonTextReader" | "StringReader" | "JObject" | "JArray")
                ) {
                    if let Some(&a) = self.args_of(id).0.first() {
                        let o = self.origin_of(a, d);
                        if o != Origin::Unknown {
                            return o;
                        }
                    }
                }
                Origin::Literal
            }
            "anonymous_object_creation_expression"
            | "implicit_object_creation_expression"
            | "array_creation_expression"
            | "implicit_array_creation_expression"
            | "initializer_expression"
            | "collection_expression"
            | "string_literal"
            | "verbatim_string_literal"
            | "raw_string_literal"
            | "interpolated_string_expression" => Origin::Literal,
            "binary_expression" if self.op_of(id) == "??" => {
                self.origin_of_either(id, "left", "right", d)
            }
            "conditional_expression" => self.origin_of_either(id, "consequence", "alternative", d),
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    /// (guarded by a fallback, assigned_to, fallback_is_target)
    fn read_context(&self, read: u32, field: &str, default: Option<u32>) -> ReadContext {
        let mut top = self.peel_up(read);
        let mut fallback = default;
        let p = self.a.parent(top);
        if self.a.kind(p) == "binary_expression"
            && self.op_of(p) == "??"
            && self.a.field_name(top) == "left"
        {
            fallback = self.a.field(p, "right");
            top = self.peel_up(p);
        }
        let p = self.a.parent(top);
        let target = match self.a.kind(p) {
            "assignment_expression" if self.a.field_name(top) == "right" => self
                .a
                .field(p, "left")
                .map(|l| self.sc.target_text(&self.a, l)),
            "variable_declarator" => self.a.field(p, "name").map(|n| self.a.text(n).to_string()),
            // `tokens.SetRefreshToken(body.refresh_token)`
            "argument" => {
                let call = self.a.parent(self.a.parent(p));
                match self.a.field(call, "function") {
                    Some(func) if self.a.kind(call) == "invocation_expression" => {
                        let callee = self.callee_text(func);
                        let method = callee.rsplit('.').next().unwrap_or("").to_string();
                        let (pos, named) = self.args_of(call);
                        crate::sema::names::setter_target(
                            &callee,
                            &method,
                            pos.len() + named.len(),
                            field,
                        )
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let asserted = {
            let p = self.a.parent(read);
            self.a.kind(p) == "postfix_unary_expression" && self.a.text(p).ends_with('!')
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
            k if Self::is_literal_kind(k) => self.decode_string(id, depth, mark, out),
            "identifier" | "member_access_expression" => match self.sc.bound_value(&self.a, id) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => self.uri_of(id, depth, mark, out),
            },
            "invocation_expression" => self.resolve_call(id, depth, mark, out),
            "object_creation_expression" if self.created_type(id) == Some("Uri") => {
                let (pos, _) = self.args_of(id);
                match pos.as_slice() {
                    [one] | [one, _] if !self.is_uri_kind(pos.get(1).copied()) => {
                        let mut base = Vec::new();
                        self.resolve_into(*one, depth + 1, mark, &mut base);
                        let mut rel = Vec::new();
                        if let Some(&r) = pos.get(1) {
                            self.resolve_into(r, depth + 1, mark, &mut rel);
                            out.extend(uri_join(base, rel));
                        } else {
                            out.extend(base);
                        }
                    }
                    [one, _] => self.resolve_into(*one, depth + 1, mark, out),
                    _ => out.push(self.hole(id)),
                }
            }
            "object_creation_expression" if self.created_type(id) == Some("UriBuilder") => {
                self.uri_builder(id, depth, mark, out)
            }
            "integer_literal" | "real_literal" | "boolean_literal" => {
                out.push(Piece::lit(self.a.text(id), self.a.span(id)));
            }
            "character_literal" => {
                let t = self.a.text(id);
                let inner = t.get(1..t.len().saturating_sub(1)).unwrap_or("");
                let c = if inner.starts_with('\\') {
                    decode_escape(inner)
                } else {
                    inner.chars().next().unwrap_or(' ')
                };
                let s = self.a.start(id) as usize + 1;
                out.push(Piece::lit_decoded(&[(c, s)], s + inner.len()));
            }
            _ => out.push(self.hole(id)),
        }
    }
}

impl<'s> Lx<'s> {
    fn make_entry(&self, key: u32, value: Option<u32>, span: Span) -> Option<Entry> {
        let (k, ks) = match self.a.kind(key) {
            "identifier" => (self.a.text(key).to_string(), self.a.span(key)),
            _ => self.literal_text(key)?,
        };
        Some(Entry {
            key: k,
            key_span: Some(ks),
            value: value.and_then(|v| self.value_opt(v)),
            value_span: value.map(|v| self.a.span(v)),
            span,
        })
    }

    /// `new KeyValuePair<string,string>("k", v)`, `KeyValuePair.Create("k", v)`,
    /// `("k", v)` in a collection.
    fn pair_entry(&self, e: u32) -> Option<Entry> {
        match self.a.kind(e) {
            "object_creation_expression" if self.created_type(e) == Some("KeyValuePair") => {
                let (pos, _) = self.args_of(e);
                match pos.as_slice() {
                    [k, v] => self.make_entry(*k, Some(*v), self.a.span(e)),
                    _ => None,
                }
            }
            "invocation_expression" => {
                let f = self.a.field(e, "function")?;
                if !self.callee_text(f).ends_with("KeyValuePair.Create") {
                    return None;
                }
                let (pos, _) = self.args_of(e);
                match pos.as_slice() {
                    [k, v] => self.make_entry(*k, Some(*v), self.a.span(e)),
                    _ => None,
                }
            }
            "tuple_expression" => {
                let kids: Vec<u32> = self.a.named(e).filter_map(|a| self.arg_expr(a)).collect();
                match kids.as_slice() {
                    [k, v] if Self::is_literal_kind(self.a.kind(*k)) => {
                        self.make_entry(*k, Some(*v), self.a.span(e))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// An entry written directly in an initializer: `{ "k", v }`,
    /// `["k"] = v`, `Name = v`.
    fn init_item_entry(&self, c: u32) -> Option<Entry> {
        match self.a.kind(c) {
            "initializer_expression" => match self.a.named_vec(c).as_slice() {
                [k, v] if Self::is_literal_kind(self.a.kind(*k)) => {
                    self.make_entry(*k, Some(*v), self.a.span(c))
                }
                _ => None,
            },
            "assignment_expression" => {
                let l = self.a.field(c, "left")?;
                let r = self.a.field(c, "right")?;
                match self.a.kind(l) {
                    "identifier" => self.make_entry(l, Some(r), self.a.span(c)),
                    "element_binding_expression" => {
                        let arg = self.a.named(l).find(|&x| self.a.kind(x) == "argument")?;
                        let k = self.arg_expr(arg)?;
                        self.make_entry(k, Some(r), self.a.span(c))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Members of `new { a = 1, b }`.
    fn anon_entries(&self, e: u32) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut group: Vec<u32> = Vec::new();
        let flush = |group: &mut Vec<u32>, out: &mut Vec<Entry>| {
            if group.is_empty() {
                return;
            }
            let eq = group
                .iter()
                .position(|&k| !self.a.is_named(k) && self.a.text(k) == "=");
            let named: Vec<u32> = group
                .iter()
                .copied()
                .filter(|&k| self.a.is_named(k) && !self.a.is_extra(k))
                .collect();
            let span = match (group.first(), group.last()) {
                (Some(&f), Some(&l)) => self.a.start(f) as usize..self.a.end(l) as usize,
                _ => 0..0,
            };
            match eq {
                Some(_) if named.len() >= 2 => {
                    if let Some(en) = self.make_entry(named[0], Some(named[1]), span) {
                        out.push(en);
                    }
                }
                None if named.len() == 1 => {
                    let x = named[0];
                    let key = match self.a.kind(x) {
                        "member_access_expression" => self.a.field(x, "name"),
                        "identifier" => Some(x),
                        _ => None,
                    };
                    if let Some(k) = key {
                        out.push(Entry {
                            key: self.a.text(k).to_string(),
                            key_span: Some(self.a.span(k)),
                            value: None,
                            value_span: Some(self.a.span(x)),
                            span,
                        });
                    }
                }
                _ => {}
            }
            group.clear();
        };
        for &k in self.a.kids(e) {
            if self.a.is_named(k) || !matches!(self.a.text(k), "," | "{" | "}" | "new") {
                group.push(k);
            } else if self.a.text(k) == "," || self.a.text(k) == "}" {
                flush(&mut group, &mut out);
            }
        }
        flush(&mut group, &mut out);
        out
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "initializer_expression" => {
                    for c in self.a.named(id) {
                        if let Some(e) = self.init_item_entry(c) {
                            m.entries.push(e);
                        }
                    }
                }
                "anonymous_object_creation_expression" => {
                    m.entries.extend(self.anon_entries(id));
                }
                "object_creation_expression" | "invocation_expression" => {
                    if let Some(e) = self.pair_entry(id) {
                        m.entries.push(e);
                    } else if self.a.kind(id) == "invocation_expression" {
                        if let Some(e) = self.add_call_entry(id) {
                            m.entries.push(e);
                        }
                    }
                }
                "tuple_expression" => {
                    if matches!(
                        self.a.kind(self.a.parent(id)),
                        "initializer_expression" | "collection_expression"
                    ) {
                        if let Some(e) = self.pair_entry(id) {
                            m.entries.push(e);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// `x.Add("k", v)`, `request.AddParameter("k", v)`.
    fn add_call_entry(&self, call: u32) -> Option<Entry> {
        let f = self.a.field(call, "function")?;
        if self.a.kind(f) != "member_access_expression" {
            return None;
        }
        let name = self.a.text(self.callee_name(f)?);
        if !ADD_NAMES.contains(&name) {
            return None;
        }
        let (pos, _) = self.args_of(call);
        if pos.len() < 2 {
            return None;
        }
        let k = pos[0];
        if !Self::is_literal_kind(self.a.kind(k)) {
            return None;
        }
        self.make_entry(k, Some(pos[1]), self.a.span(call))
    }

    /// Key/value entries of an initializer (every form).
    fn init_entries(&self, init: u32, out: &mut Vec<Entry>) {
        for c in self.a.named(init) {
            if let Some(e) = self.init_item_entry(c).or_else(|| self.pair_entry(c)) {
                out.push(e);
            }
        }
    }

    /// Entries of a key/value structure: a dictionary, a collection of
    /// pairs, an anonymous object, a form string, a variable holding one.
    fn entries_of(&self, e: u32, depth: u32) -> Vec<Entry> {
        let mut out = Vec::new();
        if depth > 8 {
            return out;
        }
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "object_creation_expression" | "implicit_object_creation_expression" => {
                if let Some(init) = self
                    .a
                    .field(v, "initializer")
                    .or_else(|| self.a.child_of_kind(v, "initializer_expression"))
                {
                    self.init_entries(init, &mut out);
                }
                let (pos, _) = self.args_of(v);
                if let Some(&first) = pos.first() {
                    if !self.is_stringy(first) {
                        out.extend(self.entries_of(first, depth + 1));
                    }
                }
            }
            "anonymous_object_creation_expression" => out.extend(self.anon_entries(v)),
            "array_creation_expression"
            | "implicit_array_creation_expression"
            | "collection_expression"
            | "initializer_expression" => {
                let init = if self.a.kind(v) == "initializer_expression"
                    || self.a.kind(v) == "collection_expression"
                {
                    Some(v)
                } else {
                    self.a.child_of_kind(v, "initializer_expression")
                };
                if let Some(init) = init {
                    for c in self.a.named(init) {
                        let c = if self.a.kind(c) == "expression_element" {
                            self.a.first_named(c).unwrap_or(c)
                        } else {
                            c
                        };
                        if let Some(en) = self.pair_entry(c).or_else(|| self.init_item_entry(c)) {
                            out.push(en);
                        }
                    }
                }
            }
            "invocation_expression" => {
                if let Some(f) = self.a.field(v, "function") {
                    let name = self.callee_name(f).map(|n| self.a.text(n)).unwrap_or("");
                    let (pos, _) = self.args_of(v);
                    if matches!(
                        name,
                        "SerializeObject" | "Serialize" | "FromObject" | "ToList" | "ToArray"
                    ) {
                        if let Some(&a) = pos.first() {
                            out.extend(self.entries_of(a, depth + 1));
                        } else if let Some(o) = self.a.field(f, "expression") {
                            out.extend(self.entries_of(o, depth + 1));
                        }
                    } else if self.is_stringy(v) {
                        out.extend(form_pairs(&self.value_sv(v)));
                    }
                }
            }
            k if Self::is_literal_kind(k) || self.is_stringy(v) => {
                out.extend(form_pairs(&self.value_sv(v)));
            }
            _ => {}
        }
        // `.Add("k", v)` calls and `x["k"] = v` writes on the variable
        if matches!(self.a.kind(e), "identifier" | "member_access_expression") {
            self.written_entries(self.a.scope(e), norm_recv(self.a.text(e)), &mut out);
        }
        out
    }

    /// Pairs added to a variable in a function: `.Add("k", v)` calls and
    /// `x["k"] = v` writes.
    fn written_entries(&self, scope: u32, r: String, out: &mut Vec<Entry>) {
        if let Some(calls) = self.calls_on.scoped.get(&(scope, r.clone())) {
            for &c in calls {
                if let Some(en) = self.add_call_entry(c) {
                    if !out.iter().any(|o| o.span == en.span) {
                        out.push(en);
                    }
                }
            }
        }
        if let Some(sets) = self.sets_on.get(&(scope, r)) {
            for &s in sets {
                let (Some(l), Some(rv)) = (self.a.field(s, "left"), self.a.field(s, "right"))
                else {
                    continue;
                };
                if self.a.kind(l) != "element_access_expression" {
                    continue;
                }
                let Some(k) = self
                    .a
                    .field(l, "subscript")
                    .and_then(|sub| self.a.named(sub).next())
                    .and_then(|arg| self.arg_expr(arg))
                else {
                    continue;
                };
                if let Some(en) = self.make_entry(k, Some(rv), self.a.span(s)) {
                    out.push(en);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// HTTP requests
// ---------------------------------------------------------------------------

/// `QueryHelpers.AddQueryString` (ASP.NET Core), also imported statically.
fn is_add_query_string(callee: &str) -> bool {
    callee == "AddQueryString" || callee.ends_with("QueryHelpers.AddQueryString")
}

fn verb_of(name: &str) -> Option<Method> {
    let n = name
        .trim_start_matches("Execute")
        .trim_end_matches("Async")
        .trim_end_matches("Task");
    for (p, m) in [
        ("Get", Method::Get),
        ("Post", Method::Post),
        ("Put", Method::Put),
        ("Patch", Method::Patch),
        ("Delete", Method::Delete),
        ("Head", Method::Head),
        ("Options", Method::Other),
    ] {
        if n.starts_with(p) {
            return Some(m);
        }
    }
    None
}

impl<'s> Lx<'s> {
    fn requests(&mut self, m: &mut FileModel) {
        let mut found: Vec<(HttpRequest, Vec<u32>, Vec<u32>)> = Vec::new();
        let mut handled: HashSet<u32> = HashSet::new();
        for id in self.ids() {
            if self.created_type(id) == Some("RestRequest") {
                let (req, resp, calls) = self.rest_request(id);
                handled.extend(calls.iter().copied());
                found.push((req, resp, calls));
            }
        }
        for id in self.ids() {
            if self.a.kind(id) != "invocation_expression" || handled.contains(&id) {
                continue;
            }
            let r = self
                .identity_model_request(id)
                .or_else(|| self.httpclient_request(id))
                .map(|r| (r, vec![id], vec![id]))
                .or_else(|| self.webclient_request(id).map(|r| (r, vec![id], vec![id])))
                .or_else(|| self.webrequest_request(id))
                .or_else(|| crate::sema::helpers::call_request(&*self, id));
            if let Some(r) = r {
                handled.extend(r.2.iter().copied());
                found.push(r);
            }
        }
        crate::sema::helpers::add_forwarded(&*self, &mut found, &handled, "invocation_expression");
        for (req, resp, calls) in found {
            let i = m.http_requests.len();
            m.http_requests.push(req);
            for r in resp {
                self.req_of_call.insert(r, i);
            }
            self.handled_calls.extend(calls);
        }
    }

    fn method_name_node(&self, call: u32) -> Option<(u32, &'s str)> {
        let f = self.a.field(call, "function")?;
        let n = self.callee_name(f)?;
        Some((n, self.a.text(n)))
    }

    fn receiver(&self, call: u32) -> Option<u32> {
        let f = self.a.field(call, "function")?;
        if self.a.kind(f) != "member_access_expression" {
            return None;
        }
        self.a.field(f, "expression")
    }

    fn is_rest_request(&self, e: u32) -> bool {
        if self
            .declared_type(e)
            .is_some_and(|t| t == "RestRequest" || t == "IRestRequest")
        {
            return true;
        }
        self.created_type(self.sc.follow(&self.a, e)) == Some("RestRequest")
    }

    fn is_rest_client(&self, e: u32) -> bool {
        self.object_type(e)
            .is_some_and(|t| t == "RestClient" || t == "IRestClient")
    }

    fn is_httpclient(&self, recv: u32) -> bool {
        match self.object_type(recv) {
            Some(t) => t == "HttpClient" || t == "HttpMessageInvoker",
            None => {
                let v = self.sc.follow(&self.a, recv);
                if self.a.kind(v) == "invocation_expression" {
                    if let Some((_, n)) = self.method_name_node(v) {
                        if n == "CreateClient" {
                            return true;
                        }
                    }
                }
                let l = self.a.text(recv).to_ascii_lowercase();
                l.contains("http") || l.ends_with("client")
            }
        }
    }

    /// `BaseAddress` of an `HttpClient`.
    fn client_base(&self, recv: u32) -> Option<Vec<Piece>> {
        let v = self.sc.follow(&self.a, recv);
        if let Some(init) = self.a.field(v, "initializer") {
            for c in self.a.named(init) {
                if self.a.kind(c) == "assignment_expression"
                    && self.a.field(c, "left").map(|l| self.a.text(l)) == Some("BaseAddress")
                {
                    return self.a.field(c, "right").map(|r| self.value_sv(r).pieces);
                }
            }
        }
        let key = norm_recv(self.a.text(recv));
        let find = |sets: &[u32]| -> Option<u32> {
            sets.iter().copied().find(|&s| {
                self.a
                    .field(s, "left")
                    .is_some_and(|l| self.a.text(l).ends_with(".BaseAddress"))
            })
        };
        if let Some(s) = self.wide_sets.get(&key).and_then(|v| find(v)) {
            return self.a.field(s, "right").map(|r| self.value_sv(r).pieces);
        }
        // one base address in the file (a typed client configured elsewhere)
        let all: Vec<u32> = self
            .wide_sets
            .values()
            .filter_map(|v| find(v))
            .collect::<HashSet<u32>>()
            .into_iter()
            .collect();
        if let [s] = all.as_slice() {
            return self.a.field(*s, "right").map(|r| self.value_sv(r).pieces);
        }
        None
    }

    fn url_with_base(&self, url: u32, base: Option<Vec<Piece>>) -> StrValue {
        let sv = self.value_sv(url);
        let text = sv.text();
        match base {
            Some(b) if !text.contains("://") && !text.starts_with(HOLE) => {
                let joined = StrValue {
                    pieces: uri_join(b, sv.pieces),
                    span: sv.span,
                };
                self.joined_urls.borrow_mut().push(joined.clone());
                joined
            }
            _ => sv,
        }
    }

    /// `new AuthenticationHeaderValue("Basic", x)` → an Authorization entry.
    fn auth_header(&self, assign: u32, value: u32) -> Option<Entry> {
        let v = self.sc.follow(&self.a, value);
        let ty = self.created_type(v)?;
        let (pos, _) = self.args_of(v);
        let mut sv = StrValue::new(self.a.span(v));
        match ty {
            "AuthenticationHeaderValue" => {
                let scheme = *pos.first()?;
                sv.extend(self.value_sv(scheme));
                if let Some(&p) = pos.get(1) {
                    sv.push(Piece::synthetic(" "));
                    sv.extend(self.value_sv(p));
                }
            }
            "BasicAuthenticationHeaderValue" => {
                sv.push(Piece::synthetic("Basic "));
                for &p in &pos {
                    sv.extend(self.value_sv(p));
                }
            }
            _ => return None,
        }
        Some(Entry {
            key: "Authorization".to_string(),
            key_span: None,
            value: Some(sv),
            value_span: Some(self.a.span(v)),
            span: self.a.span(assign),
        })
    }

    /// A header written as `x.Headers.Add("k", v)` or `x.Headers["k"] = v`.
    fn header_call_entry(&self, call: u32) -> Option<Entry> {
        let f = self.a.field(call, "function")?;
        let t = self.a.text(f);
        if !t.contains("Headers") {
            return None;
        }
        let name = self.a.text(self.callee_name(f)?);
        if !matches!(name, "Add" | "TryAddWithoutValidation" | "Set") {
            return None;
        }
        let (pos, _) = self.args_of(call);
        let (&k, &v) = (pos.first()?, pos.get(1)?);
        self.header_entry(k, v, self.a.span(call))
    }

    fn header_entry(&self, k: u32, v: u32, span: Span) -> Option<Entry> {
        if let Some(mut e) = self.make_entry(k, Some(v), span.clone()) {
            if self.a.kind(k) == "identifier" {
                return None;
            }
            e.value = Some(self.value_sv(v));
            return Some(e);
        }
        // HttpRequestHeader.ContentType
        let t = self.a.text(k);
        let key = match last_segment(t) {
            "ContentType" => "Content-Type",
            "Authorization" => "Authorization",
            "Accept" => "Accept",
            _ => return None,
        };
        Some(Entry {
            key: key.to_string(),
            key_span: None,
            value: Some(self.value_sv(v)),
            value_span: Some(self.a.span(v)),
            span,
        })
    }

    /// Headers set on a client or message: `DefaultRequestHeaders`,
    /// `Headers.Authorization`, `Headers.Add`, `Headers["k"] = v`.
    fn headers_set_on(&self, sets: &[u32], calls: &[u32], out: &mut Vec<Entry>) {
        for &s in sets {
            let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                continue;
            };
            let lt = self.a.text(l);
            if lt.ends_with("Headers.Authorization") {
                if let Some(e) = self.auth_header(s, r) {
                    out.push(e);
                }
            } else if self.a.kind(l) == "element_access_expression" && lt.contains("Headers") {
                if let Some(k) = self
                    .a
                    .field(l, "subscript")
                    .and_then(|sub| self.a.named(sub).next())
                    .and_then(|arg| self.arg_expr(arg))
                {
                    if let Some(e) = self.header_entry(k, r, self.a.span(s)) {
                        out.push(e);
                    }
                }
            } else if lt.ends_with(".ContentType") {
                out.push(self.content_type_entry(s, r));
            }
        }
        for &c in calls {
            if let Some(e) = self.header_call_entry(c) {
                out.push(e);
            }
        }
    }

    fn content_type_entry(&self, span_node: u32, media: u32) -> Entry {
        let mv = self.sc.follow(&self.a, media);
        let inner = if self
            .created_type(mv)
            .is_some_and(|t| t == "MediaTypeHeaderValue" || t == "MediaTypeWithQualityHeaderValue")
        {
            self.args_of(mv).0.first().copied().unwrap_or(media)
        } else {
            media
        };
        Entry {
            key: "Content-Type".to_string(),
            key_span: None,
            value: Some(self.value_sv(inner)),
            value_span: Some(self.a.span(inner)),
            span: self.a.span(span_node),
        }
    }

    fn client_headers(&self, recv: u32) -> Vec<Entry> {
        let key = norm_recv(self.a.text(recv));
        let mut out = Vec::new();
        let default_sets = |k: &str| -> Vec<u32> {
            self.wide_sets
                .get(k)
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&s| {
                            self.a
                                .field(s, "left")
                                .is_some_and(|l| self.a.text(l).contains("DefaultRequestHeaders"))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let default_calls = |k: &str| -> Vec<u32> {
            self.calls_on
                .wide
                .get(k)
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&c| {
                            self.a
                                .field(c, "function")
                                .is_some_and(|f| self.a.text(f).contains("DefaultRequestHeaders"))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut sets = default_sets(&key);
        let mut calls = default_calls(&key);
        if sets.is_empty() && calls.is_empty() {
            // one client configured in the file under another name
            let keys: Vec<&String> = self
                .wide_sets
                .keys()
                .chain(self.calls_on.wide.keys())
                .filter(|k| !default_sets(k).is_empty() || !default_calls(k).is_empty())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            if let [k] = keys.as_slice() {
                sets = default_sets(k);
                calls = default_calls(k);
            }
        }
        self.headers_set_on(&sets, &calls, &mut out);
        out
    }

    /// What an `HttpContent` expression sends.
    fn content_of(&self, e: u32) -> Body {
        let mut b = Body {
            kind: Some(BodyKind::Unknown),
            span: Some(self.a.span(e)),
            ..Default::default()
        };
        let v = self.sc.follow(&self.a, e);
        match self.created_type(v) {
            Some("FormUrlEncodedContent") => {
                b.kind = Some(BodyKind::Form);
                if let Some(&d) = self.args_of(v).0.first() {
                    b.entries = self.entries_of(d, 0);
                }
            }
            Some("StringContent") => {
                let (pos, named) = self.args_of(v);
                let data = pos.first().copied();
                let media = named
                    .iter()
                    .find(|n| n.0 == "mediaType")
                    .map(|n| n.2)
                    .or_else(|| pos.get(2).copied())
                    .or_else(|| {
                        pos.get(1).copied().filter(|&m| {
                            !self.a.text(m).contains("Encoding")
                                && (self.is_stringy(m)
                                    || self.a.text(m).contains("MediaType")
                                    || self.sc.bound_value(&self.a, m).is_some())
                        })
                    });
                let media_text = media
                    .map(|m| {
                        let en = self.content_type_entry(m, m);
                        let t = en.value.as_ref().map(|v| v.text()).unwrap_or_default();
                        b.headers.push(en);
                        t.to_ascii_lowercase()
                    })
                    .unwrap_or_default();
                let serialized = data.and_then(|d| self.serialized_arg(d));
                let sv = data.map(|d| self.value_sv(d));
                let form_like = sv.as_ref().is_some_and(|s| looks_form(&s.text()));
                if media_text.contains("json") || (media.is_none() && serialized.is_some()) {
                    b.kind = Some(BodyKind::Json);
                    if let Some(s) = serialized {
                        b.entries = self.entries_of(s, 0);
                    }
                } else if media_text.contains("x-www-form-urlencoded") || form_like {
                    b.kind = Some(BodyKind::Form);
                    if let Some(sv) = &sv {
                        b.entries = form_pairs(sv);
                    }
                } else if media_text.contains("multipart") {
                    b.kind = Some(BodyKind::Multipart);
                } else {
                    b.kind = Some(BodyKind::Raw);
                }
            }
            Some("MultipartFormDataContent") => b.kind = Some(BodyKind::Multipart),
            Some("ByteArrayContent") | Some("StreamContent") | Some("ReadOnlyMemoryContent") => {
                b.kind = Some(BodyKind::Raw)
            }
            _ => {
                if self.a.kind(v) == "invocation_expression" {
                    let f = self.a.field(v, "function");
                    let callee = f.map(|f| self.callee_text(f)).unwrap_or_default();
                    if callee.ends_with("JsonContent.Create") {
                        b.kind = Some(BodyKind::Json);
                        if let Some(&o) = self.args_of(v).0.first() {
                            b.entries = self.entries_of(o, 0);
                        }
                    }
                }
            }
        }
        // `content.Headers.ContentType = new MediaTypeHeaderValue("…")`
        if matches!(self.a.kind(e), "identifier") {
            let key = (self.a.scope(e), norm_recv(self.a.text(e)));
            if let Some(sets) = self.sets_on.get(&key) {
                let mut hs = Vec::new();
                self.headers_set_on(sets, &[], &mut hs);
                for h in hs {
                    if h.key == "Content-Type" {
                        let t = h.value.as_ref().map(|v| v.text()).unwrap_or_default();
                        if t.contains("json") {
                            b.kind = Some(BodyKind::Json);
                        }
                    }
                    b.headers.push(h);
                }
            }
        }
        b
    }

    /// `JsonConvert.SerializeObject(x)` / `JsonSerializer.Serialize(x)` → `x`.
    fn serialized_arg(&self, e: u32) -> Option<u32> {
        let v = self.sc.follow(&self.a, e);
        if self.a.kind(v) != "invocation_expression" {
            return None;
        }
        let (_, n) = self.method_name_node(v)?;
        if matches!(n, "SerializeObject" | "Serialize") {
            return self.args_of(v).0.first().copied();
        }
        None
    }

    fn apply_body(&self, req: &mut HttpRequest, b: Body) {
        req.body_kind = b.kind;
        req.body_span = b.span;
        req.body = b.entries;
        req.headers.extend(b.headers);
    }

    fn httpclient_request(&self, call: u32) -> Option<HttpRequest> {
        let (name_node, name) = self.method_name_node(call)?;
        if !HTTPCLIENT_VERBS.contains(&name) {
            return None;
        }
        let recv = self.receiver(call)?;
        if self.is_rest_client(recv) {
            return None;
        }
        let (pos, named) = self.args_of(call);
        let first = named
            .iter()
            .find(|n| n.0 == "requestUri" || n.0 == "request")
            .map(|n| n.2)
            .or_else(|| pos.first().copied());
        if first.is_some_and(|f| self.is_rest_request(f)) {
            return None;
        }
        if !self.is_httpclient(recv) {
            return None;
        }
        let mut req = empty_request(self.a.span(call), "HttpClient");
        if matches!(name, "Send" | "SendAsync") {
            let msg = first?;
            self.message_into(&mut req, msg, recv);
        } else {
            req.method = verb_of(name);
            req.method_source = MethodSource::Explicit {
                span: self.a.span(name_node),
            };
            if let Some(u) = first {
                req.url = Some(self.url_with_base(u, self.client_base(recv)));
            }
            if matches!(req.method, Some(Method::Post | Method::Put | Method::Patch)) {
                let content = named
                    .iter()
                    .find(|n| n.0 == "content" || n.0 == "value")
                    .map(|n| n.2)
                    .or_else(|| pos.get(1).copied());
                if let Some(c) = content {
                    if name.contains("AsJson") {
                        req.body_kind = Some(BodyKind::Json);
                        req.body_span = Some(self.a.span(c));
                        req.body = self.entries_of(c, 0);
                    } else {
                        let b = self.content_of(c);
                        self.apply_body(&mut req, b);
                    }
                }
            }
        }
        let mut hs = self.client_headers(recv);
        hs.append(&mut req.headers);
        req.headers = hs;
        req.basic_auth = header_says_basic(&req.headers);
        Some(req)
    }

    /// IdentityModel's `client.RequestPasswordTokenAsync(new PasswordTokenRequest { … })`
    /// and its siblings: a POST of the grant with Basic client credentials.
    fn identity_model_request(&self, call: u32) -> Option<HttpRequest> {
        let (name_node, name) = self.method_name_node(call)?;
        let grant = match name {
            "RequestPasswordTokenAsync" => Some("password"),
            "RequestAuthorizationCodeTokenAsync" => Some("authorization_code"),
            "RequestRefreshTokenAsync" => Some("refresh_token"),
            "RequestClientCredentialsTokenAsync" => Some("client_credentials"),
            "RequestTokenAsync" => None,
            _ => return None,
        };
        let arg = *self.args_of(call).0.first()?;
        let v = self.sc.follow(&self.a, arg);
        let mut req = empty_request(self.a.span(call), "IdentityModel");
        req.method = Some(Method::Post);
        req.method_source = MethodSource::Explicit {
            span: self.a.span(name_node),
        };
        req.body_kind = Some(BodyKind::Form);
        req.body_span = Some(self.a.span(arg));
        req.basic_auth = true;
        if let Some(g) = grant {
            let mut value = StrValue::new(self.a.span(name_node));
            value.push(Piece::synthetic(g));
            req.body.push(Entry {
                key: "grant_type".to_string(),
                key_span: None,
                value: Some(value),
                value_span: Some(self.a.span(name_node)),
                span: self.a.span(name_node),
            });
        }
        let mut inits = Vec::new();
        if let Some(init) = self.a.field(v, "initializer") {
            self.init_entries(init, &mut inits);
        }
        let mut client_in_body = false;
        for e in inits {
            let wire = match e.key.as_str() {
                "Address" => {
                    if let Some(u) = e.value.clone() {
                        req.url = Some(u);
                    }
                    continue;
                }
                "ClientCredentialStyle" => {
                    let t = e
                        .value_span
                        .as_ref()
                        .and_then(|s| self.a.src.get(s.clone()))
                        .unwrap_or("");
                    client_in_body = t.contains("PostBody");
                    continue;
                }
                "GrantType" => "grant_type",
                "UserName" => "username",
                "Password" => "password",
                "Code" => "code",
                "RedirectUri" => "redirect_uri",
                "RefreshToken" => "refresh_token",
                "Scope" => "scope",
                "ClientId" => "client_id",
                "ClientSecret" => "client_secret",
                _ => continue,
            };
            req.body.push(Entry {
                key: wire.to_string(),
                ..e
            });
        }
        if client_in_body {
            req.basic_auth = false;
        } else {
            req.body
                .retain(|e| e.key != "client_id" && e.key != "client_secret");
        }
        Some(req)
    }

    /// `HttpMethod.Post`, `new HttpMethod("POST")`, `HttpMethod.Parse("POST")`.
    fn http_method(&self, e: u32) -> (Option<Method>, MethodSource) {
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "member_access_expression" => {
                if let Some(n) = self.a.field(v, "name") {
                    let m = Method::parse(self.a.text(n));
                    return (
                        Some(m),
                        MethodSource::Explicit {
                            span: self.a.span(n),
                        },
                    );
                }
            }
            "object_creation_expression" | "invocation_expression" => {
                if let Some(&a) = self.args_of(v).0.first() {
                    if let Some((t, span)) = self.literal_text(a) {
                        return (Some(Method::parse(&t)), MethodSource::Explicit { span });
                    }
                }
            }
            _ => {
                if let Some((t, span)) = self.literal_text(v) {
                    return (Some(Method::parse(&t)), MethodSource::Explicit { span });
                }
            }
        }
        (None, MethodSource::Unknown)
    }

    /// Fill a request from an `HttpRequestMessage` (inline or a variable).
    fn message_into(&self, req: &mut HttpRequest, msg: u32, recv: u32) {
        let v = self.sc.follow(&self.a, msg);
        let mut method: Option<u32> = None;
        let mut url: Option<u32> = None;
        let mut content: Option<u32> = None;
        let mut default_span = None;
        let mut headers = Vec::new();
        if matches!(
            self.created_type(v),
            Some("HttpRequestMessage") | Some("HttpRequestMessage?")
        ) {
            let t = self.a.field(v, "type").unwrap_or(v);
            default_span = Some(self.a.span(t));
            let (pos, _) = self.args_of(v);
            method = pos.first().copied();
            url = pos.get(1).copied();
            if let Some(init) = self
                .a
                .field(v, "initializer")
                .or_else(|| self.a.child_of_kind(v, "initializer_expression"))
            {
                for c in self.a.named(init) {
                    if self.a.kind(c) != "assignment_expression" {
                        continue;
                    }
                    let (Some(l), Some(r)) = (self.a.field(c, "left"), self.a.field(c, "right"))
                    else {
                        continue;
                    };
                    match self.a.text(l) {
                        "Method" => method = Some(r),
                        "RequestUri" => url = Some(r),
                        "Content" => content = Some(r),
                        _ => {}
                    }
                }
            }
        }
        if matches!(self.a.kind(msg), "identifier") {
            let key = (self.a.scope(msg), norm_recv(self.a.text(msg)));
            let sets = self.sets_on.get(&key).cloned().unwrap_or_default();
            let calls = self.calls_on.scoped.get(&key).cloned().unwrap_or_default();
            for &s in &sets {
                let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                    continue;
                };
                match self.a.text(self.a.field(l, "name").unwrap_or(l)) {
                    "Method" => method = Some(r),
                    "RequestUri" => url = Some(r),
                    "Content" => content = Some(r),
                    _ => {}
                }
            }
            self.headers_set_on(&sets, &calls, &mut headers);
        }
        match method {
            Some(mn) => {
                let (m, src) = self.http_method(mn);
                req.method = m;
                req.method_source = src;
            }
            None => {
                if let Some(span) = default_span {
                    req.method = Some(Method::Get);
                    req.method_source = MethodSource::Default { span };
                }
            }
        }
        if let Some(u) = url {
            req.url = Some(self.url_with_base(u, self.client_base(recv)));
        }
        if let Some(c) = content {
            let b = self.content_of(c);
            self.apply_body(req, b);
        }
        req.headers.extend(headers);
    }

    /// A RestSharp request: the `RestRequest`, its parameters, the client
    /// that executes it. Returns (request, response calls, handled calls).
    fn rest_request(&self, creation: u32) -> (HttpRequest, Vec<u32>, Vec<u32>) {
        let mut req = empty_request(self.a.span(creation), "RestSharp");
        let (pos, named) = self.args_of(creation);
        let is_method = |e: u32| {
            let t = self.a.text(e);
            t.starts_with("Method.") || t.starts_with("RestSharp.Method.")
        };
        let mut resource = named
            .iter()
            .find(|n| n.0 == "resource")
            .map(|n| n.2)
            .or_else(|| pos.first().copied().filter(|&p| !is_method(p)));
        let mut method_node = named
            .iter()
            .find(|n| n.0 == "method")
            .map(|n| n.2)
            .or_else(|| pos.iter().copied().find(|&p| is_method(p)));
        let mut json_format = false;
        if let Some(init) = self.a.field(creation, "initializer") {
            for c in self.a.named(init) {
                let (Some(l), Some(r)) = (self.a.field(c, "left"), self.a.field(c, "right")) else {
                    continue;
                };
                match self.a.text(l) {
                    "Method" => method_node = Some(r),
                    "Resource" => resource = Some(r),
                    "RequestFormat" => json_format = self.a.text(r).contains("Json"),
                    _ => {}
                }
            }
        }
        // the variable holding the request
        let p = self.a.parent(creation);
        let var: Option<String> = match self.a.kind(p) {
            "variable_declarator" => self.a.field(p, "name").map(|n| self.a.text(n).to_string()),
            "assignment_expression" => self.a.field(p, "left").map(|l| norm_recv(self.a.text(l))),
            _ => None,
        };
        let scope = self.a.scope(creation);
        let key = var.clone().map(|v| (scope, v));
        let calls = key
            .as_ref()
            .and_then(|k| self.calls_on.scoped.get(k))
            .cloned()
            .unwrap_or_default();
        let sets = key
            .as_ref()
            .and_then(|k| self.sets_on.get(k))
            .cloned()
            .unwrap_or_default();
        for &s in &sets {
            let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                continue;
            };
            match self.a.text(self.a.field(l, "name").unwrap_or(l)) {
                "Method" => method_node = Some(r),
                "Resource" => resource = Some(r),
                "RequestFormat" => json_format = self.a.text(r).contains("Json"),
                _ => {}
            }
        }
        // the execution
        let mut exec: Option<u32> = None;
        let arg_call = self.a.parent(self.a.parent(p));
        if self.a.kind(p) == "argument" && self.a.kind(arg_call) == "invocation_expression" {
            if let Some((_, n)) = self.method_name_node(arg_call) {
                if REST_EXEC.contains(&n) {
                    exec = Some(arg_call);
                }
            }
        }
        if exec.is_none() {
            if let Some(v) = &var {
                for &c in self
                    .scope_calls
                    .get(&scope)
                    .map(|v| v.as_slice())
                    .unwrap_or(&[])
                {
                    let Some((_, n)) = self.method_name_node(c) else {
                        continue;
                    };
                    if !REST_EXEC.contains(&n) || self.a.start(c) < self.a.start(creation) {
                        continue;
                    }
                    let (cp, _) = self.args_of(c);
                    if cp.iter().any(|&a| norm_recv(self.a.text(a)) == *v) {
                        exec = Some(c);
                        break;
                    }
                }
            }
        }
        let mut handled = Vec::new();
        let mut resp = Vec::new();
        if let Some(x) = exec {
            req.span = self.a.span(x);
            handled.push(x);
            resp.push(x);
        }
        // method
        if let Some((nn, n)) = exec.and_then(|x| self.method_name_node(x)) {
            if let Some(m) = verb_of(n) {
                req.method = Some(m);
                req.method_source = MethodSource::Explicit {
                    span: self.a.span(nn),
                };
            }
        }
        if req.method.is_none() {
            match method_node {
                Some(mn) => {
                    let (m, src) = self.http_method(mn);
                    req.method = m;
                    req.method_source = src;
                }
                None => {
                    let t = self.a.field(creation, "type").unwrap_or(creation);
                    req.method = Some(Method::Get);
                    req.method_source = MethodSource::Default {
                        span: self.a.span(t),
                    };
                }
            }
        }
        let sends_body = !matches!(
            req.method,
            Some(Method::Get | Method::Head | Method::Delete)
        );
        // parameters
        let mut params = Vec::new();
        for &c in &calls {
            let Some((_, n)) = self.method_name_node(c) else {
                continue;
            };
            let (cp, cn) = self.args_of(c);
            match n {
                "AddParameter"
                | "AddOrUpdateParameter"
                | "AddObject"
                | "AddQueryParameter"
                | "AddHeader"
                | "AddStringBody"
                | "AddJsonBody"
                | "AddBody"
                | "AddXmlBody" => {}
                _ => continue,
            }
            handled.push(c);
            match n {
                "AddParameter" | "AddOrUpdateParameter" => {
                    let ptype = cp.get(2).map(|&t| self.a.text(t)).unwrap_or("");
                    if ptype.contains("RequestBody") {
                        // AddParameter("application/json", body, ParameterType.RequestBody)
                        if let (Some(&ct), Some(&data)) = (cp.first(), cp.get(1)) {
                            let en = self.content_type_entry(ct, ct);
                            let t = en.value.as_ref().map(|v| v.text()).unwrap_or_default();
                            req.headers.push(en);
                            req.body_span = Some(self.a.span(data));
                            if t.contains("json") {
                                req.body_kind = Some(BodyKind::Json);
                                if let Some(s) = self.serialized_arg(data) {
                                    req.body = self.entries_of(s, 0);
                                }
                            } else {
                                req.body_kind = Some(BodyKind::Form);
                                req.body = form_pairs(&self.value_sv(data));
                            }
                        }
                    } else if let Some(e) = self.add_call_entry(c) {
                        if ptype.contains("HttpHeader") {
                            req.headers.push(e);
                        } else if ptype.contains("QueryString") {
                            req.query.push(e);
                        } else {
                            params.push(e);
                        }
                    } else if let Some(&o) = cp.first() {
                        // AddParameter(new Parameter(...)) or an object
                        params.extend(self.entries_of(o, 0));
                    }
                }
                "AddObject" => {
                    if let Some(&o) = cp.first() {
                        params.extend(self.entries_of(o, 0));
                    }
                }
                "AddQueryParameter" => {
                    if let Some(e) = self.add_call_entry(c) {
                        req.query.push(e);
                    }
                }
                "AddHeader" => {
                    if let Some(e) = self.add_call_entry(c) {
                        req.headers.push(e);
                    }
                }
                "AddJsonBody" | "AddBody" | "AddStringBody" | "AddXmlBody" => {
                    let Some(&o) = cp.first() else { continue };
                    let fmt = cp
                        .get(1)
                        .or_else(|| cn.first().map(|n| &n.2))
                        .map(|&f| self.value_sv(f).text().to_ascii_lowercase())
                        .unwrap_or_default();
                    let json = n == "AddJsonBody"
                        || (n == "AddBody" && (json_format || !self.is_stringy(o)))
                        || fmt.contains("json");
                    req.body_span = Some(self.a.span(o));
                    if json {
                        req.body_kind = Some(BodyKind::Json);
                        let src = self.serialized_arg(o).unwrap_or(o);
                        req.body = self.entries_of(src, 0);
                    } else {
                        let sv = self.value_sv(o);
                        if looks_form(&sv.text()) {
                            req.body_kind = Some(BodyKind::Form);
                            req.body = form_pairs(&sv);
                        } else {
                            req.body_kind = Some(BodyKind::Raw);
                        }
                    }
                }
                _ => {}
            }
        }
        if !params.is_empty() {
            if sends_body && req.body_kind.is_none() {
                req.body_kind = Some(BodyKind::Form);
                req.body = params;
            } else if sends_body {
                req.body.extend(params);
            } else {
                req.query.extend(params);
            }
        }
        // the client: base URL and authenticator
        let mut base: Option<Vec<Piece>> = None;
        if let Some(client) = exec.and_then(|x| self.receiver(x)) {
            let (b, basic) = self.rest_client(client);
            base = b;
            req.basic_auth |= basic;
        }
        if let Some(r) = resource {
            let sv = self.value_sv(r);
            req.url = Some(match base {
                Some(b) => {
                    let joined = StrValue {
                        pieces: path_join(b, sv.pieces),
                        span: sv.span,
                    };
                    self.joined_urls.borrow_mut().push(joined.clone());
                    joined
                }
                None => sv,
            });
        } else if let Some(b) = base {
            req.url = Some(StrValue {
                pieces: b,
                span: self.a.span(creation),
            });
        }
        req.basic_auth |= header_says_basic(&req.headers);
        (req, resp, handled)
    }

    /// Base URL and Basic authenticator of a RestSharp client.
    fn rest_client(&self, client: u32) -> (Option<Vec<Piece>>, bool) {
        let mut base = None;
        let mut basic = false;
        let mut look: Vec<u32> = vec![client];
        let mut seen = 0;
        while let Some(e) = look.pop() {
            seen += 1;
            if seen > 8 {
                break;
            }
            let v = self.sc.follow(&self.a, e);
            let ty = self.created_type(v);
            if matches!(ty, Some("RestClient") | Some("RestClientOptions")) {
                let (pos, _) = self.args_of(v);
                if let Some(&first) = pos.first() {
                    if self.created_type(self.sc.follow(&self.a, first))
                        == Some("RestClientOptions")
                    {
                        look.push(first);
                    } else if base.is_none() {
                        base = Some(self.value_sv(first).pieces);
                    }
                }
                if let Some(init) = self.a.field(v, "initializer") {
                    for c in self.a.named(init) {
                        let (Some(l), Some(r)) =
                            (self.a.field(c, "left"), self.a.field(c, "right"))
                        else {
                            continue;
                        };
                        match self.a.text(l) {
                            "BaseUrl" if base.is_none() => base = Some(self.value_sv(r).pieces),
                            "Authenticator" => {
                                basic |= self.a.text(r).contains("HttpBasicAuthenticator")
                            }
                            _ => {}
                        }
                    }
                }
            }
            let key = norm_recv(self.a.text(e));
            for &s in self
                .wide_sets
                .get(&key)
                .map(|v| v.as_slice())
                .unwrap_or(&[])
            {
                let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                    continue;
                };
                let lt = self.a.text(l);
                if lt.ends_with(".BaseUrl") && base.is_none() {
                    base = Some(self.value_sv(r).pieces);
                } else if lt.ends_with(".Authenticator") {
                    basic |= self
                        .a
                        .text(self.sc.follow(&self.a, r))
                        .contains("HttpBasicAuthenticator");
                }
            }
        }
        (base, basic)
    }

    fn webclient_request(&self, call: u32) -> Option<HttpRequest> {
        let (name_node, name) = self.method_name_node(call)?;
        if !WEBCLIENT_METHODS.contains(&name) {
            return None;
        }
        let recv = self.receiver(call)?;
        let (pos, _) = self.args_of(call);
        let url = *pos.first()?;
        let mut req = empty_request(self.a.span(call), "WebClient");
        let key = norm_recv(self.a.text(recv));
        let sets = self.wide_sets.get(&key).cloned().unwrap_or_default();
        let calls = self.calls_on.wide.get(&key).cloned().unwrap_or_default();
        let mut base = None;
        for &s in &sets {
            if self
                .a
                .field(s, "left")
                .is_some_and(|l| self.a.text(l).ends_with(".BaseAddress"))
            {
                base = self.a.field(s, "right").map(|r| self.value_sv(r).pieces);
            }
        }
        req.url = Some(self.url_with_base(url, base));
        self.headers_set_on(&sets, &calls, &mut req.headers);
        let upload = name.starts_with("Upload");
        if upload {
            let (data, method) = if pos.len() >= 3 {
                (pos.get(2).copied(), pos.get(1).copied())
            } else {
                (pos.get(1).copied(), None)
            };
            match method.and_then(|m| self.literal_text(m).map(|l| (m, l))) {
                Some((_, (t, span))) => {
                    req.method = Some(Method::parse(&t));
                    req.method_source = MethodSource::Explicit { span };
                }
                None if method.is_some() => {}
                None => {
                    req.method = Some(Method::Post);
                    req.method_source = MethodSource::Default {
                        span: self.a.span(name_node),
                    };
                }
            }
            if let Some(d) = data {
                req.body_span = Some(self.a.span(d));
                if name.starts_with("UploadValues") {
                    req.body_kind = Some(BodyKind::Form);
                    req.body = self.entries_of(d, 0);
                } else if name.starts_with("UploadString") {
                    let json = req.headers.iter().any(|h| {
                        h.key.eq_ignore_ascii_case("content-type")
                            && h.value.as_ref().is_some_and(|v| v.text().contains("json"))
                    });
                    if json || self.serialized_arg(d).is_some() {
                        req.body_kind = Some(BodyKind::Json);
                        if let Some(s) = self.serialized_arg(d) {
                            req.body = self.entries_of(s, 0);
                        }
                    } else {
                        let sv = self.value_sv(d);
                        if looks_form(&sv.text()) {
                            req.body_kind = Some(BodyKind::Form);
                            req.body = form_pairs(&sv);
                        } else {
                            req.body_kind = Some(BodyKind::Raw);
                        }
                    }
                } else {
                    req.body_kind = Some(BodyKind::Raw);
                }
            }
        } else {
            req.method = Some(Method::Get);
            req.method_source = MethodSource::Default {
                span: self.a.span(name_node),
            };
        }
        req.basic_auth = header_says_basic(&req.headers);
        Some(req)
    }

    /// `WebRequest.Create(url)` with `.Method`, `.ContentType`, headers and
    /// `GetResponse()` on the variable.
    fn webrequest_request(&self, call: u32) -> Option<(HttpRequest, Vec<u32>, Vec<u32>)> {
        let f = self.a.field(call, "function")?;
        let callee = self.callee_text(f);
        if !matches!(
            callee.as_str(),
            "WebRequest.Create"
                | "WebRequest.CreateHttp"
                | "HttpWebRequest.Create"
                | "HttpWebRequest.CreateHttp"
                | "System.Net.WebRequest.Create"
        ) {
            return None;
        }
        let (name_node, _) = self.method_name_node(call)?;
        let url = *self.args_of(call).0.first()?;
        let mut req = empty_request(self.a.span(call), "HttpWebRequest");
        req.url = Some(self.value_sv(url));
        req.method = Some(Method::Get);
        req.method_source = MethodSource::Default {
            span: self.a.span(name_node),
        };
        let mut up = self.a.parent(call);
        for _ in 0..4 {
            if matches!(
                self.a.kind(up),
                "cast_expression" | "parenthesized_expression" | "as_expression"
            ) {
                up = self.a.parent(up);
            }
        }
        let var = match self.a.kind(up) {
            "variable_declarator" => self.a.field(up, "name").map(|n| self.a.text(n).to_string()),
            "assignment_expression" => self.a.field(up, "left").map(|l| norm_recv(self.a.text(l))),
            _ => None,
        };
        let mut resp = Vec::new();
        if let Some(v) = var {
            let key = (self.a.scope(call), v);
            let sets = self.sets_on.get(&key).cloned().unwrap_or_default();
            let calls = self.calls_on.scoped.get(&key).cloned().unwrap_or_default();
            for &s in &sets {
                let (Some(l), Some(r)) = (self.a.field(s, "left"), self.a.field(s, "right")) else {
                    continue;
                };
                if self.a.text(l).ends_with(".Method") {
                    let (m, src) = self.http_method(r);
                    req.method = m;
                    req.method_source = src;
                }
            }
            self.headers_set_on(&sets, &calls, &mut req.headers);
            for &c in &calls {
                match self.method_name_node(c).map(|x| x.1) {
                    Some("GetResponse" | "GetResponseAsync") => resp.push(c),
                    Some("GetRequestStream" | "GetRequestStreamAsync") => {
                        req.body_kind = Some(BodyKind::Unknown);
                        req.body_span = Some(self.a.span(c));
                        let content_type = |part: &str| {
                            req.headers.iter().any(|h| {
                                h.key.eq_ignore_ascii_case("content-type")
                                    && h.value.as_ref().is_some_and(|v| v.text().contains(part))
                            })
                        };
                        if content_type("json") {
                            req.body_kind = Some(BodyKind::Json);
                        } else if let Some(written) = self.written_to_stream(c) {
                            let sv = self.value_sv(written);
                            if looks_form(&sv.text()) {
                                req.body = form_pairs(&sv);
                                req.body_span = Some(self.a.span(written));
                                if content_type("x-www-form-urlencoded") {
                                    req.body_kind = Some(BodyKind::Form);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        req.basic_auth = header_says_basic(&req.headers);
        Some((req, resp, vec![call]))
    }

    /// What is written to a request stream: `stream.Write(data, 0, n)` on
    /// the stream's variable, or `writer.Write(body)` on a `StreamWriter`
    /// made on the stream or on the call itself.
    fn written_to_stream(&self, get_stream: u32) -> Option<u32> {
        let mut owners = vec![get_stream];
        if let Some(stream) = self.bound_var(get_stream) {
            owners.extend(self.created_on(&stream));
        }
        owners.extend(self.writer_creation_of(get_stream));
        for owner in owners {
            let Some(key) = self.bound_var(owner) else {
                continue;
            };
            for &w in self.calls_on.scoped.get(&key).into_iter().flatten() {
                if matches!(
                    self.method_name_node(w).map(|x| x.1),
                    Some("Write" | "WriteAsync")
                ) {
                    if let Some(&first) = self.args_of(w).0.first() {
                        return Some(first);
                    }
                }
            }
        }
        None
    }

    /// A `StreamWriter` created on the stream variable `stream` (its
    /// variable names the writes), as the creation node.
    fn created_on(&self, stream: &(u32, String)) -> Vec<u32> {
        self.ids()
            .filter(|&id| self.created_type(id) == Some("StreamWriter"))
            .filter(|&id| {
                self.args_of(id).0.first().is_some_and(|&a| {
                    self.a.scope(a) == stream.0 && norm_recv(self.a.text(a)) == stream.1
                })
            })
            .collect()
    }

    /// `new StreamWriter(request.GetRequestStream())`: the creation.
    fn writer_creation_of(&self, get_stream: u32) -> Option<u32> {
        let p = self.a.parent(self.a.parent(get_stream));
        let p = if self.a.kind(p) == "argument_list" {
            self.a.parent(p)
        } else {
            p
        };
        (self.created_type(p) == Some("StreamWriter")).then_some(p)
    }

    // ----- other calls ------------------------------------------------------

    fn calls(&mut self, m: &mut FileModel) {
        let mut token_calls = Vec::new();
        for id in self.ids() {
            if self.a.kind(id) != "invocation_expression" || self.handled_calls.contains(&id) {
                continue;
            }
            let Some(func) = self.a.field(id, "function") else {
                continue;
            };
            let Some(name_node) = self.callee_name(func) else {
                continue;
            };
            let name = self.a.text(name_node);
            if name == "nameof" {
                continue;
            }
            let (pos, named) = self.args_of(id);
            let args = pos.iter().map(|&p| self.value_opt(p)).collect();
            let kwargs = named
                .iter()
                .map(|&(n, arg, e)| Entry {
                    key: n.to_string(),
                    key_span: self.a.field(arg, "name").map(|k| self.a.span(k)),
                    value: self.value_opt(e),
                    value_span: Some(self.a.span(e)),
                    span: self.a.span(arg),
                })
                .collect();
            let i = m.calls.len();
            m.calls.push(Call {
                callee: self.callee_text(func),
                name: name.to_string(),
                name_span: self.a.span(name_node),
                span: self.a.span(id),
                args,
                kwargs,
            });
            if self.sc.is_token_call(name) {
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
    fn param_origin(&self, p: u32) -> Origin {
        let markers: String = (self.a.kids(p).iter())
            .filter(|&&k| self.a.kind(k) == "attribute_list")
            .map(|&k| self.a.text(k))
            .collect();
        let text = |f: &str| self.a.field(p, f).map(|n| self.a.text(n)).unwrap_or("");
        declared_param_origin(
            Language::CSharp,
            simple_type(text("type")),
            &markers,
            text("name"),
        )
    }

    fn var_origin(&self, id: u32, depth: u32) -> Origin {
        let name = self.a.text(id);
        let local = self.local_origin(id, name, depth, |p| {
            if self.a.kind(p) == "parameter" {
                self.param_origin(p)
            } else {
                Origin::Param
            }
        });
        let o = if let Some(o) = local {
            o
        } else if let Some(c) = self.sc.member_class_of(&self.a, id, name) {
            self.declared_member_origin(c, name, depth, Language::CSharp, simple_type, "")
        } else if name == "Request" {
            Origin::Input
        } else {
            Origin::Unknown
        };
        configured(o, name)
    }

    /// A method of this file that a call invokes.
    fn local_target(&self, call: u32) -> Option<u32> {
        let func = self.a.field(call, "function")?;
        let name_node = self.callee_name(func)?;
        let name = self.a.text(name_node);
        match self.a.kind(func) {
            "identifier" | "generic_name" => {
                // a local function first, then a method of the enclosing types
                for s in self.a.scope_chain(call) {
                    if let Some(v) = self.sc.functions_by_name.get(name) {
                        if let Some(&f) = v.iter().find(|&&f| {
                            self.a.kind(f) == "local_function_statement" && self.a.scope(f) == s
                        }) {
                            return Some(f);
                        }
                    }
                }
                self.sc.method_in(self.a.class_chain(call), name)
            }
            "member_access_expression" => {
                let obj = self.a.field(func, "expression")?;
                let ty = self.object_type(obj);
                let recv = Receiver {
                    node: obj,
                    is_self: matches!(self.a.kind(obj), "this" | "base"),
                    type_name: ty.as_deref(),
                };
                self.sc.method_on(&self.a, call, recv, name, true)
            }
            _ => None,
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
        let Some(func) = self.a.field(id, "function") else {
            return Origin::Unknown;
        };
        let callee = self.callee_text(func);
        let name = last_segment(&callee);
        let (pos, _) = self.args_of(id);
        if callee == "Environment.GetEnvironmentVariable" {
            return Origin::Config;
        }
        let static_recv = callee
            .rsplit_once('.')
            .map(|(r, _)| last_segment(r))
            .unwrap_or("");
        if DESERIALIZERS.contains(&name)
            && matches!(
                static_recv,
                "JsonConvert"
                    | "JsonSerializer"
                    | "JObject"
                    | "JToken"
                    | "JArray"
                    | "JsonDocument"
                    | "JsonNode"
                    | "JsonElement"
            )
        {
            if let Some(&a) = pos.first() {
                return self.origin_of(a, d);
            }
        }
        if let Some(f) = self.local_target(id) {
            let o = self.summary(f, d);
            if o != Origin::Unknown {
                return o;
            }
        }
        if let Some(recv) = self.receiver(id) {
            if KEEP_ORIGIN.contains(&name)
                || name.starts_with("ReadAs")
                || name.starts_with("ReadFrom")
            {
                let o = self.origin_of(recv, d);
                if o != Origin::Unknown {
                    return o;
                }
            }
            if matches!(
                name,
                "GetValue" | "GetSection" | "GetConnectionString" | "Get"
            ) && self.origin_of(recv, d) == Origin::Config
            {
                return Origin::Config;
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
                "prefix_unary_expression" | "postfix_unary_expression" => {
                    let t = self.a.text(p);
                    return t.contains("++") || t.contains("--");
                }
                "argument" => {
                    let t = self.a.text(p);
                    return t.starts_with("out ") || t.starts_with("ref ");
                }
                _ => return false,
            }
        }
        false
    }

    /// Is `e` a type or namespace rather than a value (`Encoding.UTF8`)?
    fn is_type_like(&self, e: u32) -> bool {
        let mut root = e;
        for _ in 0..32 {
            if self.a.kind(root) == "member_access_expression" {
                match self.a.field(root, "expression") {
                    Some(o) => root = o,
                    None => return false,
                }
            } else {
                break;
            }
        }
        match self.a.kind(root) {
            "predefined_type" | "alias_qualified_name" | "generic_name" => true,
            "identifier" => {
                let t = self.a.text(root);
                self.sc.local_scope_of(&self.a, root, t).is_none()
                    && self.sc.member_class_of(&self.a, root, t).is_none()
                    && t.chars().next().is_some_and(|c| c.is_uppercase())
                    && t != "Request"
            }
            _ => false,
        }
    }

    /// Inside an attribute, `nameof`, or a type position.
    fn in_non_value_context(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..ANCESTOR_LIMIT {
            let p = self.a.parent(c);
            if p == NONE {
                return false;
            }
            match self.a.kind(p) {
                "attribute"
                | "attribute_list"
                | "using_directive"
                | "namespace_declaration"
                | "file_scoped_namespace_declaration"
                | "type_argument_list" => return true,
                "invocation_expression"
                    if self
                        .a
                        .field(p, "function")
                        .is_some_and(|f| self.a.text(f) == "nameof") =>
                {
                    return true;
                }
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
        if let Some(t) = self.declared_type(e) {
            if self.wire.contains_key(&t) {
                return Some(t);
            }
        }
        let v = self.sc.follow(&self.a, e);
        match self.a.kind(v) {
            "invocation_expression" => {
                if let Some(t) = self.call_payload_type(v) {
                    return Some(t);
                }
                let m = self.local_target(v)?;
                let r = self
                    .a
                    .field(m, "returns")
                    .or_else(|| self.a.field(m, "type"))?;
                Some(self.type_name_of(r))
            }
            "object_creation_expression" => self.created_type(v).map(str::to_string),
            "cast_expression" => self.a.field(v, "type").map(|t| self.type_name_of(t)),
            "as_expression" => self.a.field(v, "right").map(|t| self.type_name_of(t)),
            "member_access_expression" => {
                let n = self.a.text(self.a.field(v, "name")?);
                let o = self.a.field(v, "expression")?;
                if matches!(n, "Data" | "Value" | "Result") {
                    return self.expr_type(o, depth + 1);
                }
                // a property of a model type: its declared type
                let ot = self.expr_type(o, depth + 1)?;
                let c = self.sc.class_named(&ot)?;
                let t = self.sc.member_type.get(&(c, n))?;
                Some(self.type_name_of(*t))
            }
            _ => None,
        }
    }

    /// Wire name of a property read on `recv`.
    fn wire_field(&self, recv: u32, prop: &str) -> String {
        wire_name(&self.wire, self.expr_type(recv, 0), prop)
    }

    /// Does a condition test `field` of `recv`?
    fn tests_field(&self, cond: u32, field: &str, recv: &str) -> bool {
        condition_tests(&self.a, cond, &["lambda_expression"], |x| {
            match self.a.kind(x) {
                "member_access_expression"
                    if self.a.field(x, "name").map(|n| self.a.text(n)) == Some(field)
                        && self
                            .a
                            .field(x, "expression")
                            .is_some_and(|o| norm_recv(self.a.text(o)) == recv) =>
                {
                    return true;
                }
                "conditional_access_expression" => {
                    let c = self.a.field(x, "condition");
                    if c.is_some_and(|o| norm_recv(self.a.text(o)) == recv)
                        && self.a.named(x).any(|b| {
                            self.a.kind(b) == "member_binding_expression"
                                && self.a.field(b, "name").map(|n| self.a.text(n)) == Some(field)
                        })
                    {
                        return true;
                    }
                }
                "element_access_expression" => {
                    let key = self
                        .a
                        .field(x, "subscript")
                        .and_then(|s| self.a.named(s).next())
                        .and_then(|a| self.arg_expr(a));
                    if key.is_some_and(|k| self.literal_eq(k, field))
                        && self
                            .a
                            .field(x, "expression")
                            .is_some_and(|o| norm_recv(self.a.text(o)) == recv)
                    {
                        return true;
                    }
                }
                "invocation_expression" => {
                    if let (Some(r), Some(&k)) = (self.receiver(x), self.args_of(x).0.first()) {
                        if norm_recv(self.a.text(r)) == recv && self.literal_eq(k, field) {
                            return true;
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
            // `el.GetProperty("k").GetString()` is still the value of the read
            if self.a.kind(p) == "member_access_expression" && self.a.field_name(c) == "expression"
            {
                let call = self.a.parent(p);
                let plain = self.a.kind(call) == "invocation_expression"
                    && self.a.field(call, "function") == Some(p)
                    && self.args_of(call).0.is_empty()
                    && self.a.field(p, "name").is_some_and(|n| {
                        matches!(
                            self.a.text(n),
                            "GetString" | "ToString" | "Trim" | "GetRawText" | "ToObject"
                        )
                    });
                if plain {
                    c = call;
                    continue;
                }
                break;
            }
            let up = match self.a.kind(p) {
                "parenthesized_expression" | "await_expression" => true,
                "cast_expression" => self.a.field_name(c) == "value",
                "postfix_unary_expression" => self.a.text(p).ends_with('!'),
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

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "member_access_expression" => {
                    let p = self.a.parent(id);
                    if self.a.kind(p) == "invocation_expression"
                        && self.a.field(p, "function") == Some(id)
                    {
                        continue;
                    }
                    if self.is_write_target(id) {
                        continue;
                    }
                    let (Some(obj), Some(n)) =
                        (self.a.field(id, "expression"), self.a.field(id, "name"))
                    else {
                        continue;
                    };
                    if self.a.kind(n) != "identifier"
                        || matches!(self.a.kind(obj), "this" | "base")
                        || self.is_type_like(obj)
                        || self.in_non_value_context(id)
                    {
                        continue;
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
                "member_binding_expression" => {
                    let p = self.a.parent(id);
                    if self.a.kind(p) != "conditional_access_expression" {
                        continue;
                    }
                    let (Some(obj), Some(n)) =
                        (self.a.field(p, "condition"), self.a.field(id, "name"))
                    else {
                        continue;
                    };
                    if self.a.kind(n) != "identifier" || self.is_write_target(p) {
                        continue;
                    }
                    let raw = self.a.text(n);
                    let field = self.wire_field(obj, raw);
                    self.push_read(
                        m,
                        ReadSite::plain(p, obj, raw),
                        field,
                        self.a.span(n),
                        ReadKind::Member,
                    );
                }
                "element_access_expression" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    let Some(obj) = self.a.field(id, "expression") else {
                        continue;
                    };
                    let Some(k) = self
                        .a
                        .field(id, "subscript")
                        .and_then(|s| self.a.named(s).next())
                        .and_then(|a| self.arg_expr(a))
                    else {
                        continue;
                    };
                    let Some((field, span)) = self.literal_text(k) else {
                        continue;
                    };
                    if self.in_non_value_context(id) {
                        continue;
                    }
                    let raw = field.clone();
                    self.push_read(
                        m,
                        ReadSite::plain(id, obj, &raw),
                        field,
                        span,
                        ReadKind::Subscript,
                    );
                }
                "invocation_expression" => {
                    if self.req_of_call.contains_key(&id) {
                        continue;
                    }
                    let Some((_, name)) = self.method_name_node(id) else {
                        continue;
                    };
                    let (kind, always) = match name {
                        "Value" | "GetValue" | "SelectToken" => (ReadKind::Get, false),
                        "GetProperty" => (ReadKind::Subscript, false),
                        "TryGetValue" | "TryGetProperty" => (ReadKind::Get, true),
                        "GetValueOrDefault" => (ReadKind::Get, false),
                        // `json.ContainsKey("organizer_key")`: on the new
                        // response always false
                        "ContainsKey" | "ContainsProperty" => (ReadKind::Presence, false),
                        _ => continue,
                    };
                    let Some(obj) = self.receiver(id) else {
                        continue;
                    };
                    if self.is_type_like(obj) {
                        continue;
                    }
                    let (pos, _) = self.args_of(id);
                    let Some((field, span)) = pos.first().and_then(|&k| self.literal_text(k))
                    else {
                        continue;
                    };
                    let default = if name == "GetValueOrDefault" {
                        pos.get(1).copied()
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

    /// The wire name from `[JsonProperty("x")]`, `[JsonPropertyName("x")]`,
    /// `[DataMember(Name = "x")]`; `Err` when `[JsonIgnore]`.
    fn json_name(&self, decl: u32) -> Result<Option<String>, ()> {
        for &al in self.a.kids(decl) {
            if self.a.kind(al) != "attribute_list" {
                continue;
            }
            for at in self.a.named(al) {
                if self.a.kind(at) != "attribute" {
                    continue;
                }
                let name = self
                    .a
                    .field(at, "name")
                    .map(|n| last_segment(self.a.text(n)))
                    .unwrap_or("");
                let name = name.strip_suffix("Attribute").unwrap_or(name);
                match name {
                    "JsonIgnore" => return Err(()),
                    "JsonProperty"
                    | "JsonPropertyName"
                    | "DataMember"
                    | "JsonPropertyAttribute" => {}
                    _ => continue,
                }
                let Some(args) = self.a.child_of_kind(at, "attribute_argument_list") else {
                    continue;
                };
                for arg in self.a.named(args) {
                    let label = self.a.field(arg, "name").map(|n| self.a.text(n));
                    if !matches!(label, None | Some("PropertyName") | Some("Name")) {
                        continue;
                    }
                    let Some(v) = self
                        .a
                        .named(arg)
                        .filter(|&k| self.a.field_name(k) != "name")
                        .last()
                    else {
                        continue;
                    };
                    if let Some((t, _)) = self.literal_text(v) {
                        return Ok(Some(t));
                    }
                    let sv = self.value_sv(v);
                    if sv.is_plain() {
                        return Ok(Some(sv.text()));
                    }
                }
            }
        }
        Ok(None)
    }

    fn has_modifier(&self, decl: u32, m: &str) -> bool {
        self.a
            .kids(decl)
            .iter()
            .any(|&k| self.a.kind(k) == "modifier" && self.a.text(k) == m)
    }

    /// `[JsonRequired]`, or Newtonsoft's `Required.Always`/`Required = Required.AllowNull`:
    /// deserialization fails without the member.
    fn json_required(&self, decl: u32) -> bool {
        self.a.named(decl).any(|k| {
            self.a.kind(k) == "attribute_list" && {
                let t = self.a.text(k);
                t.contains("JsonRequired") || t.contains("Required.Always")
            }
        })
    }

    /// Serialized members of a type: (C# name, wire name, span, optional, explicit).
    fn class_fields(&self, class: u32) -> Vec<ModelField> {
        let mut out = Vec::new();
        if let Some(pl) = self.a.child_of_kind(class, "parameter_list") {
            for p in self.a.named(pl) {
                let Some(n) = self.a.field(p, "name") else {
                    continue;
                };
                let Ok(wire) = self.json_name(p) else {
                    continue;
                };
                // a serializer leaves a missing member null or default; only a
                // member marked required fails without it
                let optional = !self.a.text(p).contains("JsonRequired");
                let raw = self.a.text(n).to_string();
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
        let Some(body) = self.a.field(class, "body") else {
            return out;
        };
        for d in self.a.named(body) {
            match self.a.kind(d) {
                "property_declaration" => {
                    if self.has_modifier(d, "static") {
                        continue;
                    }
                    let Some(n) = self.a.field(d, "name") else {
                        continue;
                    };
                    let value = self.a.field(d, "value");
                    if value.is_some_and(|v| self.a.kind(v) == "arrow_expression_clause") {
                        continue;
                    }
                    let computed = self.a.field(d, "accessors").is_some_and(|acc| {
                        self.a.named(acc).any(|x| {
                            self.a.named(x).any(|b| {
                                matches!(self.a.kind(b), "block" | "arrow_expression_clause")
                            })
                        })
                    });
                    let Ok(wire) = self.json_name(d) else {
                        continue;
                    };
                    if computed && wire.is_none() {
                        continue;
                    }
                    let optional = !self.has_modifier(d, "required") && !self.json_required(d);
                    let raw = self.a.text(n).to_string();
                    let explicit = wire.is_some();
                    out.push((
                        raw.clone(),
                        wire.unwrap_or(raw),
                        self.a.span(n),
                        optional,
                        explicit,
                    ));
                }
                "field_declaration" => {
                    if self.has_modifier(d, "static") || self.has_modifier(d, "const") {
                        continue;
                    }
                    let Ok(wire) = self.json_name(d) else {
                        continue;
                    };
                    if wire.is_none() && !self.has_modifier(d, "public") {
                        continue;
                    }
                    let Some(vd) = self.a.child_of_kind(d, "variable_declaration") else {
                        continue;
                    };
                    for decl in self.a.named(vd) {
                        if self.a.kind(decl) != "variable_declarator" {
                            continue;
                        }
                        let Some(n) = self.a.field(decl, "name") else {
                            continue;
                        };
                        let optional = !self.has_modifier(d, "required") && !self.json_required(d);
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
                _ => {}
            }
        }
        out
    }

    fn has_methods(&self, class: u32) -> bool {
        let Some(body) = self.a.field(class, "body") else {
            return false;
        };
        self.a.named(body).any(|d| {
            matches!(
                self.a.kind(d),
                "method_declaration" | "constructor_declaration"
            )
        })
    }

    fn models(&mut self, m: &mut FileModel) {
        let mut pending: Vec<(String, Vec<ModelField>)> = Vec::new();
        for id in self.ids() {
            let k = self.a.kind(id);
            if !CLASS_KINDS.contains(&k) || k == "interface_declaration" {
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
            let record = k.starts_with("record");
            if !(explicit || record || !self.has_methods(id)) {
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
                "invocation_expression" => {
                    let Some(f) = self.a.field(id, "function") else {
                        continue;
                    };
                    let Some(t) = self.call_payload_type(id) else {
                        continue;
                    };
                    let name = self.callee_name(f).map(|n| self.a.text(n)).unwrap_or("");
                    let deser = DESERIALIZERS.contains(&name)
                        || name.starts_with("ReadAs")
                        || name.starts_with("ReadFrom")
                        || name.starts_with("GetFrom")
                        || name == "ToObject"
                        || (REST_EXEC.contains(&name) && self.req_of_call.contains_key(&id));
                    if deser {
                        push(t, self.origin_of(id, 0));
                    }
                }
                "variable_declarator" => {
                    let decl = self.a.parent(id);
                    let Some(t) = self.a.field(decl, "type") else {
                        continue;
                    };
                    if self.a.kind(t) == "implicit_type" {
                        continue;
                    }
                    if let Some(v) = self.declarator_value(id) {
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
                "as_expression" => {
                    if let (Some(v), Some(t)) =
                        (self.a.field(id, "left"), self.a.field(id, "right"))
                    {
                        push(self.type_name_of(t), self.origin_of(v, 0));
                    }
                }
                "method_declaration" | "local_function_statement" => {
                    let r = self
                        .a
                        .field(id, "returns")
                        .or_else(|| self.a.field(id, "type"));
                    if let Some(r) = r {
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
        self.args_of(call).0
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        let b = self.content_of(e);
        if !b.entries.is_empty() {
            return Some((b.kind.unwrap_or(BodyKind::Unknown), b.entries));
        }
        let entries = self.entries_of(e, 0);
        if !entries.is_empty() {
            return Some((BodyKind::Form, entries));
        }
        let pairs = form_pairs(&self.value_sv(e));
        (self.is_stringy(e) && !pairs.is_empty()).then_some((BodyKind::Form, pairs))
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
        &[
            "method_declaration",
            "local_function_statement",
            "constructor_declaration",
        ]
    }
}
