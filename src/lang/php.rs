//! PHP front end: parses a file with tree-sitter (the grammar that accepts
//! `<?php` mixed with HTML) and lowers it into the neutral [`FileModel`].
//! Knows PHP and its HTTP libraries (WordPress HTTP API, Guzzle, Laravel's
//! `Http` facade, curl, `file_get_contents` with stream contexts, Symfony
//! HttpClient) and its storage idioms (options, transients, sessions,
//! cache), nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing function and class), then a handful of linear passes fill the
//! model. Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use super::Language;
use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, HOLE,
};
use crate::sema::calls::Callers;
use crate::sema::format::{self, Arg, Printf};
use crate::sema::forms::{looks_form, string_pairs};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::libraries::{BuilderRole, Libraries};
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH};
use crate::sema::memo::Memo;
use crate::sema::pieces::{pieces_text, slice_pieces, sub_piece};
use crate::sema::provenance::best;
use crate::sema::provenance::configured;
use crate::sema::provenance::written_origin;
use crate::sema::provenance::{receiver_text, Reads, Trace};
use crate::sema::requests::{
    adopt_at_call_site, header_says_basic, named_method, other_branch, same_request,
};
use crate::sema::scope::{returned_values, Scopes};
use crate::sema::sinks;
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::ts::{self, NONE};

/// `sprintf`: `%1$s` numbers an argument, `%'*10s` pads with `*`.
pub(crate) const PRINTF: Printf = Printf::new(b"-+ 0123456789.")
    .convs(b"bcdeEfFgGhHosuxX")
    .numbered()
    .quoted_pad();

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "php",
    language: || tree_sitter_php::LANGUAGE_PHP.into(),
    scope_kinds: SCOPE_KINDS,
    class_kinds: CLASS_KINDS,
    extra_kinds: &["comment"],
};

/// Lower one PHP file into the model.
pub fn lower(source: &str) -> FileModel {
    ts::lower_with(&GRAMMAR, source, |ast, m| {
        let mut lx = Lx::new(ast);
        crate::lower_passes!(lx, m; requests_and_calls; ; );
    })
}

// ---------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------

type Ast<'s> = ts::Arena<'s>;

/// Syntax helpers of this grammar on the shared arena.
trait PhpSyntax<'s> {
    fn var_name(&self, i: u32) -> Option<&'s str>;
    fn is_this(&self, i: u32) -> bool;
    fn member_name(&self, i: u32) -> Option<&'s str>;
    fn subscript_parts(&self, i: u32) -> (Option<u32>, Option<u32>);
}

impl<'s> PhpSyntax<'s> for Ast<'s> {
    /// `$name` → `name`
    fn var_name(&self, i: u32) -> Option<&'s str> {
        if self.kind(i) != "variable_name" {
            return None;
        }
        let t = self.text(i);
        t.strip_prefix('$').filter(|s| !s.is_empty())
    }

    fn is_this(&self, i: u32) -> bool {
        self.var_name(i) == Some("this")
    }

    /// The `name` of a member access or call (`$a->name`, `A::name()`).
    fn member_name(&self, i: u32) -> Option<&'s str> {
        let n = self.field(i, "name")?;
        match self.kind(n) {
            "name" => Some(self.text(n)),
            "variable_name" => self.var_name(n),
            _ => None,
        }
    }

    /// Object and index of `a[b]` (the grammar gives them no field names).
    fn subscript_parts(&self, i: u32) -> (Option<u32>, Option<u32>) {
        let mut k = self.named(i);
        let obj = k.next();
        (obj, k.next())
    }
}

const SCOPE_KINDS: &[&str] = &[
    "function_definition",
    "method_declaration",
    "anonymous_function",
    "arrow_function",
];

const CLASS_KINDS: &[&str] = &[
    "class_declaration",
    "trait_declaration",
    "interface_declaration",
    "enum_declaration",
    "anonymous_class",
];

// ---------------------------------------------------------------------------
// Plain helpers
// ---------------------------------------------------------------------------

/// An item of an array literal (or of writes into an array variable).
#[derive(Clone, Debug)]
struct Item {
    key: Option<(String, Span)>,
    key_node: Option<u32>,
    value: u32,
    span: Span,
}

/// A client object: Guzzle or Symfony HttpClient.
#[derive(Clone, Copy, Debug)]
struct Inst {
    lib: &'static str,
    /// the options array given to the constructor / factory
    opts: Option<u32>,
}

struct Args<'s> {
    pos: Vec<u32>,
    named: Vec<(&'s str, u32, u32)>,
}

impl Args<'_> {
    fn get(&self, i: usize, name: &str) -> Option<u32> {
        self.named
            .iter()
            .find(|k| k.0 == name)
            .map(|k| k.2)
            .or_else(|| self.pos.get(i).copied())
    }
}

/// How to lower a request again under a call site's arguments.
#[derive(Clone, Copy)]
enum Relower {
    Call(u32),
    Curl(usize),
}

/// One curl handle's life: `curl_init`, its options, its `curl_exec`s.
#[derive(Clone, Debug, Default)]
struct CurlGroup {
    init: Option<u32>,
    setopts: Vec<u32>,
    arrays: Vec<u32>,
    execs: Vec<u32>,
}

const VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];
const NON_STRING_KINDS: &[&str] = &[
    "integer",
    "float",
    "boolean",
    "null",
    "array_creation_expression",
    "anonymous_function",
    "arrow_function",
    "object_creation_expression",
    "unary_op_expression",
    "list_literal",
];
/// Methods that keep a response's origin (`$res->getBody()`, `->json()`).
const PASS_METHODS: &[&str] = &[
    "json",
    "object",
    "collect",
    "throw",
    "throwIfStatus",
    "getBody",
    "getContents",
    "body",
    "toArray",
    "getValues",
    "__toString",
    "getContent",
    "content",
    "jsonSerialize",
    "wait",
    "resolve",
    "decodeResponse",
    "all",
];
/// Functions that keep their first argument's origin.
const PASS_FUNCS: &[&str] = &[
    "json_decode",
    "wp_remote_retrieve_body",
    "maybe_unserialize",
    "unserialize",
    "stripslashes",
    "stripslashes_deep",
    "wp_unslash",
    "trim",
    "collect",
    "array_filter",
    "array_change_key_case",
    "get_object_vars",
    "json_encode",
    "wp_json_encode",
    "strval",
];

/// The last `\`-separated segment of a (qualified) name.
fn last_ns(name: &str) -> &str {
    name.rsplit('\\').next().unwrap_or(name)
}

/// Decode PHP escapes of a double-quoted / heredoc segment. `base` is the
/// source offset of `raw`; `strip` removes that many leading blanks after
/// each newline (flexible heredoc indentation), `at_line_start` says whether
/// `raw` begins a line.
fn decode_double(
    raw: &str,
    base: usize,
    strip: usize,
    mut at_line_start: bool,
    quote: Option<char>,
    escapes: bool,
) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    let mut i = 0usize;
    let mut skipped = 0usize;
    while i < raw.len() {
        if at_line_start && skipped < strip && matches!(bytes[i], b' ' | b'\t') {
            skipped += 1;
            i += 1;
            continue;
        }
        at_line_start = false;
        skipped = 0;
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        if escapes && c == '\\' && i + 1 < raw.len() {
            let n = bytes[i + 1];
            let simple = match n {
                b'n' => Some('\n'),
                b't' => Some('\t'),
                b'r' => Some('\r'),
                b'v' => Some('\u{b}'),
                b'e' => Some('\u{1b}'),
                b'f' => Some('\u{c}'),
                b'\\' => Some('\\'),
                b'$' => Some('$'),
                b'"' if quote == Some('"') => Some('"'),
                _ => None,
            };
            if let Some(ch) = simple {
                out.push((ch, base + i));
                i += 2;
                continue;
            }
            if n == b'x' {
                let mut j = i + 2;
                let mut v = 0u32;
                while j < raw.len() && j < i + 4 && bytes[j].is_ascii_hexdigit() {
                    v = v * 16 + (bytes[j] as char).to_digit(16).unwrap_or(0);
                    j += 1;
                }
                if j > i + 2 {
                    out.push((byte_char(v), base + i));
                    i = j;
                    continue;
                }
            }
            if n.is_ascii_digit() && n < b'8' {
                let mut j = i + 1;
                let mut v = 0u32;
                while j < raw.len() && j < i + 4 && (b'0'..b'8').contains(&bytes[j]) {
                    v = v * 8 + (bytes[j] - b'0') as u32;
                    j += 1;
                }
                out.push((byte_char(v & 0xff), base + i));
                i = j;
                continue;
            }
            if n == b'u' && bytes.get(i + 2) == Some(&b'{') {
                if let Some(close) = raw[i + 3..].find('}') {
                    let hex = &raw[i + 3..i + 3 + close];
                    if let Some(ch) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                        out.push((ch, base + i));
                        i = i + 3 + close + 1;
                        continue;
                    }
                }
            }
            out.push(('\\', base + i));
            i += 1;
            continue;
        }
        out.push((c, base + i));
        if c == '\n' {
            at_line_start = true;
        }
        i += c.len_utf8();
    }
    out
}

fn byte_char(v: u32) -> char {
    if v < 0x80 {
        char::from_u32(v).unwrap_or('\u{fffd}')
    } else {
        '\u{fffd}'
    }
}

/// Decode a single-quoted segment: only `\\` and `\'` are escapes.
fn decode_single(raw: &str, base: usize) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(raw.len());
    let bytes = raw.as_bytes();
    let mut i = 0usize;
    while i < raw.len() {
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        if c == '\\' && matches!(bytes.get(i + 1), Some(b'\\') | Some(b'\'')) {
            out.push((bytes[i + 1] as char, base + i));
            i += 2;
            continue;
        }
        out.push((c, base + i));
        i += c.len_utf8();
    }
    out
}

/// A literal piece from decoded chars (identity map when nothing changed).
fn lit_piece(decoded: &[(char, usize)], start: usize, end: usize, src: &str) -> Option<Piece> {
    if decoded.is_empty() {
        return None;
    }
    let verbatim = src.get(start..end).is_some_and(|raw| {
        raw.len() == decoded.iter().map(|d| d.0.len_utf8()).sum::<usize>()
            && decoded.first().map(|d| d.1) == Some(start)
            && raw.chars().zip(decoded.iter()).all(|(a, b)| a == b.0)
    });
    if verbatim {
        let text: String = decoded.iter().map(|d| d.0).collect();
        return Some(Piece::lit(text, start..end));
    }
    Some(Piece::lit_decoded(decoded, end))
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

/// `$var['k'] = v`: (key node, value, assignment).
type SubWrite = (u32, u32, u32);
/// A parameter added to a map object: (setter, key node, value, call).
type MapWrite<'s> = (&'s str, u32, u32, u32);

/// A storage family: values written with one function, read with another.
type StoreKey = (&'static str, String);

/// The declarations of a file as they are collected, with what a binding
/// depends on so far (`global` statements, classes declared above it).
#[derive(Default)]
struct Decls<'s> {
    out: Vec<Decl>,
    globals: HashSet<(u32, &'s str)>,
    classes: HashMap<&'s str, Vec<u32>>,
}

impl Decls<'_> {
    /// The class named `name`, when only one is declared so far.
    fn sole_class(&self, name: &str) -> Option<u32> {
        match self.classes.get(last_ns(name.trim_start_matches('\\'))) {
            Some(v) if v.len() == 1 => v.first().copied(),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// declarations and bindings: variables (a binding holds from the end
    /// of its statement), classes, class constants (members of the class
    /// body), properties, functions, methods, returns, file-wide constants
    sc: Scopes<'s>,
    /// `global $x` statements: (function, name)
    globals: HashSet<(u32, &'s str)>,
    /// closure `use ($x)` captures
    uses: HashSet<(u32, &'s str)>,
    /// `$var['k'] = v` writes: (key node, value, assignment)
    sub_writes: HashMap<(u32, &'s str), Vec<SubWrite>>,
    /// `$q->add('k', v)` on a variable, with a setter some library's map
    /// objects have: (setter, key node, value, call)
    map_writes: HashMap<(u32, &'s str), Vec<MapWrite<'s>>>,
    /// `use A\B as C`: `C` → `A\B`
    imports: HashMap<&'s str, String>,
    stores: HashMap<StoreKey, Vec<u32>>,
    /// curl calls: (scope, handle text) → calls in order
    curl_calls: HashMap<(u32, &'s str), Vec<u32>>,
    mentions_guzzle: bool,
    stringy: Vec<bool>,
    req_of_call: HashMap<u32, usize>,
    /// the requests (by index) that are refresh grants
    refresh_requests: HashSet<usize>,
    token_call_of: HashMap<u32, usize>,
    /// what evaluation remembers
    memo: Memo<(u32, &'s str)>,
    store_memo: RefCell<HashMap<StoreKey, Origin>>,
    /// while a wrapper's request is lowered for one call site: parameter
    /// node → the caller's argument (or the parameter's default value)
    subst: RefCell<HashMap<u32, u32>>,
    /// local function or method → its calls in the file
    callers: Callers,
}

impl<'s> Lx<'s> {
    fn new(a: Ast<'s>) -> Lx<'s> {
        let memo = Memo::new(a.len());
        let mentions_guzzle = a.src.contains("GuzzleHttp");
        Lx {
            a,
            memo,
            mentions_guzzle,
            ..Lx::default()
        }
    }

    fn ids(&self) -> std::ops::Range<u32> {
        0..self.a.len() as u32
    }

    /// Whether two expressions are written the same (whitespace aside).
    fn same_expr(&self, a: u32, b: u32) -> bool {
        let (x, y) = (self.a.text(a), self.a.text(b));
        if x == y {
            return true;
        }
        if x.len().abs_diff(y.len()) > 64 || x.len() > 4096 {
            return false;
        }
        x.split_whitespace().eq(y.split_whitespace())
    }

    fn op_of(&self, id: u32) -> &'s str {
        self.a.operator(id).unwrap_or("")
    }

    /// Called function name, without namespace (`\wp_remote_post` → `wp_remote_post`).
    fn fn_name(&self, call: u32) -> Option<&'s str> {
        if self.a.kind(call) != "function_call_expression" {
            return None;
        }
        let f = self.a.field(call, "function")?;
        match self.a.kind(f) {
            "name" | "qualified_name" => Some(last_ns(self.a.text(f))),
            _ => None,
        }
    }

    fn args_of(&self, call: u32) -> Args<'s> {
        let mut args = Args {
            pos: Vec::new(),
            named: Vec::new(),
        };
        let al = self
            .a
            .field(call, "arguments")
            .or_else(|| self.a.named(call).find(|&k| self.a.kind(k) == "arguments"));
        let Some(al) = al else {
            return args;
        };
        for k in self.a.named(al) {
            if self.a.kind(k) != "argument" {
                continue;
            }
            let name = self.a.field(k, "name");
            let Some(e) = self.a.named(k).find(|&x| Some(x) != name) else {
                continue;
            };
            if self.a.kind(e) == "variadic_unpacking" {
                continue;
            }
            match name {
                Some(n) => args.named.push((self.a.text(n), k, e)),
                None => args.pos.push(e),
            }
        }
        args
    }

    // ----- collection -------------------------------------------------------

    /// What each node is in the IR's vocabulary. Assignments are not mapped:
    /// PHP's bindings are declared by [`Lx::decls`] (a binding holds from
    /// the end of its statement).
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "variable_name" if a.is_this(id) => Node::This,
            "name" if a.kind(a.parent(id)) == "variable_name" && !a.is_this(a.parent(id)) => {
                Node::Name
            }
            "member_access_expression" | "nullsafe_member_access_expression" => {
                Node::member(a.field(id, "object"), a.field(id, "name"))
            }
            "subscript_expression" => Node::index(a.subscript_parts(id).0),
            "parenthesized_expression" => Node::wrap(a.first_named(id)),
            "cast_expression" => Node::wrap(a.field(id, "value")),
            "binary_expression" if a.operator(id) == Some(".") => {
                Node::concat(a.field(id, "left"), a.field(id, "right"))
            }
            "binary_expression" if matches!(a.operator(id), Some("&&" | "and")) => {
                Node::and(a.field(id, "left"), a.field(id, "right"))
            }
            "binary_expression" if matches!(a.operator(id), Some("||" | "or")) => {
                Node::or(a.field(id, "left"), a.field(id, "right"))
            }
            "binary_expression" if matches!(a.operator(id), Some("==" | "===")) => {
                Node::compare(a.field(id, "left"), a.field(id, "right"), true)
            }
            "binary_expression" if matches!(a.operator(id), Some("!=" | "!==" | "<>")) => {
                Node::compare(a.field(id, "left"), a.field(id, "right"), false)
            }
            "unary_op_expression" if a.text(id).starts_with('!') => Node::not(a.last_named(id)),
            "if_statement" => Node::if_(
                a.field(id, "condition"),
                a.field(id, "body"),
                a.field(id, "alternative"),
            ),
            "switch_statement" => Node::switch(a, a.field(id, "condition")),
            "case_statement" => Node::case(a.field(id, "value")),
            "default_statement" => Node::case(None),
            "else_if_clause" => Node::if_(a.field(id, "condition"), a.field(id, "body"), None),
            "while_statement" | "conditional_expression" => Node::guarded(a.field(id, "condition")),
            "program" | "compound_statement" | "colon_block" => Node::Block,
            "throw_expression" => Node::Raise,
            "return_statement" | "break_statement" | "continue_statement" => Node::Exit,
            "null" => Node::Falsy,
            "boolean" if a.text(id).eq_ignore_ascii_case("false") => Node::Falsy,
            "function_call_expression" => {
                Node::call(None, a.field(id, "function"), a.field(id, "arguments"))
            }
            "member_call_expression" | "nullsafe_member_call_expression" => Node::call(
                a.field(id, "object"),
                a.field(id, "name"),
                a.field(id, "arguments"),
            ),
            "scoped_call_expression" => Node::call(
                a.field(id, "scope"),
                a.field(id, "name"),
                a.field(id, "arguments"),
            ),
            "arguments" => Node::Args,
            "argument" => Node::arg(a.field(id, "name"), a.last_named(id)),
            "array_creation_expression" => Node::Map,
            "array_element_initializer" if a.named(id).count() == 2 => {
                Node::entry(a.first_named(id), a.last_named(id))
            }
            _ => Node::Other,
        }
    }

    /// The node whose text is a variable's name: `x` of `$x`.
    fn var_node(&self, v: u32) -> Option<u32> {
        let name = self.a.var_name(v)?;
        self.a
            .named(v)
            .find(|&k| self.a.kind(k) == "name" && self.a.text(k) == name)
    }

    /// The node whose text is a member's name: `x` of `->x` and of `::$x`.
    fn name_node(&self, n: u32) -> Option<u32> {
        match self.a.kind(n) {
            "name" => Some(n),
            _ => self.var_node(n),
        }
    }

    /// The names a `global $a, $b;` statement declares.
    fn global_names(&self, id: u32) -> Vec<&'s str> {
        self.a
            .named(id)
            .filter_map(|k| self.a.var_name(k))
            .collect()
    }

    /// The declarations of the file, in source order: classes, functions
    /// and methods with their parameters and returns, class constants,
    /// properties (defaults, promoted parameters, `$this->x = v`), file-wide
    /// constants (`const`, `define()`) and every binding of a variable.
    ///
    /// A class constant is a member of its class body (its declaration
    /// list): PHP keeps constants and properties apart. A variable named by
    /// `global` in its function is bound at the top level from that
    /// statement on.
    fn decls(&self) -> Vec<Decl> {
        let a = &self.a;
        let mut d = Decls::default();
        for id in self.ids() {
            match a.kind(id) {
                "assignment_expression" | "reference_assignment_expression" => {
                    let Some(left) = a.field(id, "left") else {
                        continue;
                    };
                    let kind = match self.assigned(id) {
                        Some(r) if a.kind(id) == "assignment_expression" => BindKind::Value(r),
                        _ => BindKind::Other,
                    };
                    self.target(&mut d, left, kind, id);
                }
                "augmented_assignment_expression" => {
                    let Some(left) = a.field(id, "left") else {
                        continue;
                    };
                    let kind = match (self.op_of(id), a.field(id, "right")) {
                        (".=", Some(r)) if a.kind(left) == "variable_name" => BindKind::Append(r),
                        _ => BindKind::Other,
                    };
                    self.target(&mut d, left, kind, id);
                }
                "foreach_statement" => {
                    let kids = a.named_vec(id);
                    for &k in kids.iter().skip(1) {
                        if a.field_name(k) == "body" {
                            continue;
                        }
                        let mut stack = vec![k];
                        while let Some(t) = stack.pop() {
                            match a.kind(t) {
                                "pair" | "list_literal" | "by_ref" => stack.extend(a.named(t)),
                                "variable_name" => self.target(&mut d, t, BindKind::Other, id),
                                _ => {}
                            }
                        }
                    }
                }
                "catch_clause" | "static_variable_declaration" => {
                    if let Some(v) = a.named(id).find(|&k| a.kind(k) == "variable_name") {
                        self.target(&mut d, v, BindKind::Other, id);
                    }
                }
                "global_declaration" => {
                    let scope = a.scope(id);
                    for n in self.global_names(id) {
                        d.globals.insert((scope, n));
                    }
                }
                "function_definition" | "method_declaration" => {
                    if let Some(name) = a.field(id, "name") {
                        d.out.push(Decl::Function { node: id, name });
                    }
                    self.params(&mut d, id);
                }
                "anonymous_function" => self.params(&mut d, id),
                "arrow_function" => {
                    self.params(&mut d, id);
                    if let Some(value) = a.field(id, "body") {
                        d.out.push(Decl::Return { func: id, value });
                    }
                }
                "class_declaration"
                | "trait_declaration"
                | "interface_declaration"
                | "enum_declaration" => {
                    if let Some(name) = a.field(id, "name") {
                        d.classes.entry(a.text(name)).or_default().push(id);
                        d.out.push(Decl::Class { node: id, name });
                    }
                }
                "const_declaration" => {
                    let class = a.class(id);
                    let body = a.parent(id);
                    for el in a.named_vec(id) {
                        if a.kind(el) != "const_element" {
                            continue;
                        }
                        let ks = a.named_vec(el);
                        let (Some(&n), Some(&v)) = (ks.first(), ks.last()) else {
                            continue;
                        };
                        if n == v || a.kind(n) != "name" {
                            continue;
                        }
                        if class != NONE && a.kind(body) == "declaration_list" {
                            d.out.push(Decl::Member {
                                class: body,
                                name: n,
                                value: Some(v),
                                ty: None,
                                decl: id,
                            });
                        } else {
                            d.out.push(Decl::Global {
                                name: n,
                                value: Some(v),
                            });
                        }
                    }
                }
                "property_declaration" => {
                    let class = a.class(id);
                    if class == NONE {
                        continue;
                    }
                    let ty = a.field(id, "type");
                    for el in a.named_vec(id) {
                        if a.kind(el) != "property_element" {
                            continue;
                        }
                        let Some(name) = a.field(el, "name").and_then(|n| self.var_node(n)) else {
                            continue;
                        };
                        let value = a
                            .field(el, "default_value")
                            .filter(|&v| a.kind(v) != "null");
                        d.out.push(Decl::Member {
                            class,
                            name,
                            value,
                            ty,
                            decl: id,
                        });
                    }
                }
                "return_statement" => d.out.extend(Decl::return_of(a, id)),
                "function_call_expression" if self.fn_name(id) == Some("define") => {
                    let args = self.args_of(id);
                    if let (Some(&k), Some(&v)) = (args.pos.first(), args.pos.get(1)) {
                        if let Some(name) = self.literal_name(k) {
                            d.out.push(Decl::Global {
                                name,
                                value: Some(v),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        d.out
    }

    /// The value of an assignment, through a chain (`$a = $b = v`: `v`).
    fn assigned(&self, id: u32) -> Option<u32> {
        let mut right = self.a.field(id, "right");
        let mut guard = 0;
        while let Some(r) = right {
            if self.a.kind(r) != "assignment_expression" || guard > 64 {
                break;
            }
            guard += 1;
            right = self.a.field(r, "right");
        }
        right
    }

    /// The node holding the name a `define('NAME', v)` literal gives, when
    /// it has no escapes.
    fn literal_name(&self, k: u32) -> Option<u32> {
        let name = self.plain_literal(k)?;
        let (s, e) = self.content_range(k)?;
        self.a.named(k).find(|&c| {
            self.a.start(c) as usize == s && self.a.end(c) as usize == e && self.a.text(c) == name
        })
    }

    /// The parameters of a function (bound at its start) and the
    /// properties its promoted parameters declare.
    fn params(&self, d: &mut Decls<'s>, f: u32) {
        let Some(params) = self.a.field(f, "parameters") else {
            return;
        };
        let class = self.a.class(f);
        for p in self.a.named_vec(params) {
            let Some(name) = self.a.field(p, "name").and_then(|n| self.var_node(n)) else {
                continue;
            };
            d.out.push(Decl::Local {
                scope: f,
                name,
                bind: Some(Bind {
                    stmt: f,
                    ..Bind::new(self.a.start(f), BindKind::Param(p))
                }),
                ty: None,
            });
            if self.a.kind(p) == "property_promotion_parameter" && class != NONE {
                d.out.push(Decl::Member {
                    class,
                    name,
                    value: None,
                    ty: self.a.field(p, "type"),
                    decl: p,
                });
                d.out.push(Decl::MemberSet {
                    class,
                    name,
                    value: None,
                });
            }
        }
    }

    /// What an assignment to `target` binds: a variable (from the end of
    /// the statement `stmt` on), a property of the statement's class
    /// (`$this->x`, `self::$x`), or each name of `[$a, $b] = …`.
    fn target(&self, d: &mut Decls<'s>, target: u32, kind: BindKind, stmt: u32) {
        let a = &self.a;
        let scope = a.scope(stmt);
        let pos = a.end(stmt);
        let class = a.class(stmt);
        let mut stack = vec![(target, kind)];
        let mut steps = 0;
        while let Some((t, k)) = stack.pop() {
            steps += 1;
            if steps > 4096 {
                break;
            }
            let given = match k {
                BindKind::Value(v) => Some(v),
                _ => None,
            };
            match a.kind(t) {
                "variable_name" => {
                    let Some(name) = self.var_node(t) else {
                        continue;
                    };
                    let global = scope != 0 && d.globals.contains(&(scope, a.text(name)));
                    d.out.push(Decl::Local {
                        scope: if global { 0 } else { scope },
                        name,
                        bind: Some(Bind {
                            stmt,
                            ..Bind::new(pos, k)
                        }),
                        ty: None,
                    });
                }
                // `$this->x = …`, `self::$x = …`: a member of this class
                "member_access_expression"
                | "nullsafe_member_access_expression"
                | "scoped_property_access_expression" => {
                    let own = match a.field(t, "scope") {
                        Some(sc) => {
                            a.kind(sc) == "relative_scope"
                                || d.sole_class(a.text(sc)) == Some(class)
                        }
                        None => a.field(t, "object").is_some_and(|o| a.is_this(o)),
                    };
                    let name = a.field(t, "name").and_then(|n| self.name_node(n));
                    if let (true, Some(name)) = (own && class != NONE, name) {
                        d.out.push(Decl::MemberSet {
                            class,
                            name,
                            value: given,
                        });
                    }
                }
                "list_literal" | "array_element_initializer" | "by_ref" => {
                    for c in a.named(t) {
                        stack.push((c, BindKind::Other));
                    }
                }
                _ => {}
            }
        }
    }

    /// The scopes, the bindings, and what the file writes into arrays and
    /// stores; `global` and closure `use` names, imports, curl handles.
    fn collect(&mut self) {
        let ir = Ir::build(&self.a, Self::ir_node);
        let decls = self.decls();
        self.sc = Scopes::build(&self.a, ir, decls);
        // a binding holds from the end of its statement: look-ups go by position
        for v in self.sc.locals.values_mut() {
            v.sort_by_key(|b| b.pos);
        }
        for id in self.ids() {
            match self.a.kind(id) {
                "assignment_expression" => {
                    if let (Some(left), Some(r)) = (self.a.field(id, "left"), self.assigned(id)) {
                        self.array_write(left, r, id);
                    }
                }
                "global_declaration" => {
                    let scope = self.a.scope(id);
                    for n in self.global_names(id) {
                        self.globals.insert((scope, n));
                    }
                }
                "anonymous_function_use_clause" => {
                    let scope = self.a.scope(id);
                    let mut stack = self.a.named_vec(id);
                    while let Some(k) = stack.pop() {
                        match self.a.kind(k) {
                            "by_ref" => stack.extend(self.a.named(k)),
                            _ => {
                                if let Some(n) = self.a.var_name(k) {
                                    self.uses.insert((scope, n));
                                }
                            }
                        }
                    }
                }
                "namespace_use_declaration" => self.collect_use(id),
                "function_call_expression" => self.collect_call(id),
                "scoped_call_expression" => self.collect_store_call(id),
                "member_call_expression" => {
                    self.collect_store_call(id);
                    self.map_write(id);
                }
                _ => {}
            }
        }
    }

    /// `$v['k'] = v` and `$v[] = v`: a write into the array `$v` (index
    /// `NONE` when appended), or into the session (`$_SESSION['k']`).
    fn array_write(&mut self, target: u32, value: u32, stmt: u32) {
        if self.a.kind(target) != "subscript_expression" {
            return;
        }
        let (Some(obj), idx) = self.a.subscript_parts(target) else {
            return;
        };
        let Some(name) = self.a.var_name(obj) else {
            return;
        };
        if name == "_SESSION" {
            if let Some((key, _)) = idx.and_then(|i| self.literal_text(i)) {
                self.stores.entry(("session", key)).or_default().push(value);
            }
            return;
        }
        let scope = self.a.scope(stmt);
        self.sub_writes
            .entry((scope, name))
            .or_default()
            .push((idx.unwrap_or(NONE), value, stmt));
    }

    /// `$q->add('k', v)`, also down a chain (`$q->add(…)->add(…)`), with a
    /// setter that a library's map objects have: kept with the setter's
    /// name until [`Lx::array_items`] knows the class `$q` holds.
    fn map_write(&mut self, id: u32) {
        let libraries = Libraries::get();
        let setter = |id: u32| {
            self.a
                .member_name(id)
                .filter(|n| libraries.is_map_setter(Language::Php, n))
        };
        let Some(name) = setter(id) else {
            return;
        };
        let args = self.args_of(id);
        let (Some(&k), Some(&v)) = (args.pos.first(), args.pos.get(1)) else {
            return;
        };
        let mut obj = self.a.field(id, "object");
        while let Some(o) = obj.filter(|&o| self.a.kind(o) == "member_call_expression") {
            if setter(o).is_none() {
                return;
            }
            obj = self.a.field(o, "object");
        }
        let Some(var) = obj.and_then(|o| self.a.var_name(o)) else {
            return;
        };
        let scope = self.a.scope(id);
        self.map_writes
            .entry((scope, var))
            .or_default()
            .push((name, k, v, id));
    }

    /// The class name written in `new …` (`e` is that expression).
    fn created_class(&self, e: u32) -> Option<&'s str> {
        if self.a.kind(e) != "object_creation_expression" {
            return None;
        }
        let class = self
            .a
            .named(e)
            .find(|&k| matches!(self.a.kind(k), "name" | "qualified_name"))?;
        Some(self.a.text(class))
    }

    /// The setters of the map class that `new …` creates, when a library
    /// names it (`new Query()` with `use GuzzleHttp\Query`).
    fn map_setters(&self, e: u32) -> Option<&'static [String]> {
        let written = self.created_class(e)?;
        let full = self
            .qualified(written)
            .unwrap_or_else(|| written.to_string());
        Libraries::get().map_setters(Language::Php, &full)
    }

    fn collect_use(&mut self, id: u32) {
        // `use A\{B, C as D}`: the group's prefix
        let prefix = self
            .a
            .named(id)
            .find(|&k| self.a.kind(k) == "namespace_name")
            .map(|k| self.a.text(k).trim_start_matches('\\').to_string());
        let mut clauses = Vec::new();
        for k in self.a.named(id) {
            match self.a.kind(k) {
                "namespace_use_clause" => clauses.push(k),
                "namespace_use_group" => {
                    clauses.extend(
                        self.a
                            .named(k)
                            .filter(|&c| self.a.kind(c) == "namespace_use_clause"),
                    );
                }
                _ => {}
            }
        }
        for c in clauses {
            let Some(target) = self
                .a
                .named(c)
                .find(|&k| matches!(self.a.kind(k), "qualified_name" | "name"))
            else {
                continue;
            };
            let full = self.a.text(target).trim_start_matches('\\');
            let full = match &prefix {
                Some(p) if self.a.kind(self.a.parent(c)) == "namespace_use_group" => {
                    format!("{p}\\{full}")
                }
                _ => full.to_string(),
            };
            let alias = self
                .a
                .field(c, "alias")
                .map(|a| self.a.text(a))
                .unwrap_or_else(|| last_ns(self.a.text(target)));
            self.imports.insert(alias, full);
        }
    }

    fn collect_call(&mut self, id: u32) {
        let Some(name) = self.fn_name(id) else {
            return;
        };
        let args = self.args_of(id);
        match name {
            "curl_init" | "curl_setopt" | "curl_setopt_array" | "curl_exec" => {
                let handle = if name == "curl_init" {
                    let p = self.a.parent(id);
                    if self.a.kind(p) == "assignment_expression"
                        && self.a.field(p, "right") == Some(id)
                    {
                        self.a.field(p, "left")
                    } else {
                        None
                    }
                } else {
                    args.pos.first().copied()
                };
                if let Some(h) = handle {
                    let key = self.handle_key(h);
                    self.curl_calls.entry(key).or_default().push(id);
                }
            }
            _ => {
                if let Some((family, ki, vi)) = store_write(name) {
                    if let (Some(&k), Some(&v)) = (args.pos.get(ki), args.pos.get(vi)) {
                        if let Some((key, _)) = self.literal_text(k) {
                            self.stores.entry((family, key)).or_default().push(v);
                        }
                    }
                }
                if name == "session" {
                    if let Some(&arr) = args.pos.first() {
                        for it in self.literal_items(arr) {
                            if let Some((key, _)) = it.key {
                                self.stores
                                    .entry(("session", key))
                                    .or_default()
                                    .push(it.value);
                            }
                        }
                    }
                }
            }
        }
    }

    /// `Cache::put('k', v)`, `Session::put('k', v)`, `session()->put('k', v)`.
    fn collect_store_call(&mut self, id: u32) {
        let Some(family) = self.store_family(id) else {
            return;
        };
        let Some(name) = self.a.member_name(id) else {
            return;
        };
        if !matches!(
            name,
            "put" | "forever" | "add" | "set" | "remember" | "rememberForever"
        ) {
            return;
        }
        let args = self.args_of(id);
        let vi = if name == "remember" { 2 } else { 1 };
        if let (Some(&k), Some(&v)) = (args.pos.first(), args.pos.get(vi)) {
            if let Some((key, _)) = self.literal_text(k) {
                self.stores.entry((family, key)).or_default().push(v);
            }
        }
    }

    /// `Cache::…` / `Session::…` / `session()->…` / `cache()->…`: the family.
    fn store_family(&self, call: u32) -> Option<&'static str> {
        match self.a.kind(call) {
            "scoped_call_expression" => {
                let sc = self.a.field(call, "scope")?;
                match last_ns(self.a.text(sc)) {
                    "Cache" => Some("cache"),
                    "Session" => Some("session"),
                    _ => None,
                }
            }
            "member_call_expression" => {
                let obj = self.a.field(call, "object")?;
                if let Some(name) = self.fn_name(obj) {
                    return match name {
                        "cache" => Some("cache"),
                        "session" => Some("session"),
                        _ => None,
                    };
                }
                // `Yii::$app->session->set(…)`, `$this->session->set(…)`,
                // `$request->getSession()->set(…)`
                let named = match self.a.kind(obj) {
                    "member_access_expression" | "nullsafe_member_access_expression" => {
                        self.a.member_name(obj)
                    }
                    "member_call_expression" => self.a.member_name(obj),
                    _ => None,
                };
                match named {
                    Some("session" | "getSession") => Some("session"),
                    Some("cache" | "getCache") => Some("cache"),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Key for grouping curl calls: the handle expression in its function
    /// (`$this->ch` in its class).
    fn handle_key(&self, h: u32) -> (u32, &'s str) {
        let text = self.a.text(h);
        if text.starts_with("$this->") {
            (self.a.class(h), text)
        } else {
            (self.a.scope(h), text)
        }
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    /// The fallback is the target itself when both are written alike
    /// (spaces aside) or read the same store entry the value is written to.
    fn read_context(&self, read: u32, field: &str, default: Option<u32>) -> ReadContext {
        let mut top = self.peel_up(read);
        let mut fallback = default;
        let p = self.a.parent(top);
        match self.a.kind(p) {
            "binary_expression"
                if matches!(self.op_of(p), "??" | "?:") && self.a.field_name(top) == "left" =>
            {
                fallback = self.a.field(p, "right");
                top = self.peel_up(p);
            }
            "conditional_expression" => {
                let is_body = self.a.field_name(top) == "body";
                let short =
                    self.a.field(p, "body").is_none() && self.a.field_name(top) == "condition";
                if is_body || short {
                    fallback = self.a.field(p, "alternative");
                    top = self.peel_up(p);
                }
            }
            _ => {}
        }
        let p = self.a.parent(top);
        let (assigned_to, store) = match self.a.kind(p) {
            "assignment_expression" if self.a.field_name(top) == "right" => (
                self.a.field(p, "left").map(|t| self.a.text(t).to_string()),
                None,
            ),
            "argument" => match self.store_target(top) {
                Some((t, fam, key)) => (Some(t), Some((fam, key))),
                None => (sinks::setter(&self.a, &self.sc, top, field), None),
            },
            _ => (None, None),
        };
        let assigned_to =
            assigned_to.or_else(|| sinks::kept_in(&self.a, &self.sc, Language::Php, top));
        let fb_is_target = match (&assigned_to, fallback) {
            (Some(t), Some(f)) => {
                let ft: String = self.a.text(f).split_whitespace().collect();
                let tt: String = t.split_whitespace().collect();
                ft == tt
                    || store
                        .as_ref()
                        .is_some_and(|(fam, key)| self.is_store_read(f, fam, key))
            }
            _ => false,
        };
        ReadContext {
            guarded: fallback.is_some(),
            asserted: false,
            assigned_to,
            fallback_is_target: fb_is_target,
        }
    }

    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool {
        self.tests_field(cond, raw, recv)
    }
}

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "function_call_expression"
            | "member_call_expression"
            | "nullsafe_member_call_expression"
            | "scoped_call_expression" => self.call_origin(id, depth),
            "error_suppression_expression" | "clone_expression" => match self.a.first_named(id) {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "member_access_expression" | "nullsafe_member_access_expression" => {
                let Some(obj) = self.a.field(id, "object") else {
                    return Origin::Unknown;
                };
                let name = self.a.member_name(id).unwrap_or("");
                let o = if self.a.is_this(obj) {
                    self.stored_origin(self.a.class(id), name, d)
                } else {
                    self.origin_of(obj, d)
                };
                configured(o, name)
            }
            "scoped_property_access_expression" => {
                let Some(class) = self.a.field(id, "scope").and_then(|s| self.scope_class(s))
                else {
                    return Origin::Unknown;
                };
                self.stored_origin(class, self.a.member_name(id).unwrap_or(""), d)
            }
            "subscript_expression" => {
                let (Some(obj), idx) = self.a.subscript_parts(id) else {
                    return Origin::Unknown;
                };
                if self.a.var_name(obj) == Some("_SESSION") {
                    if let Some((key, _)) = idx.and_then(|i| self.literal_text(i)) {
                        return self
                            .store_origin("session", &key, d)
                            .unwrap_or(Origin::Input);
                    }
                }
                self.origin_of(obj, d)
            }
            "variable_name" => {
                if let Some(o) = written_origin(Language::Php, None, self.a.text(id)) {
                    return o;
                }
                let name = self.a.var_name(id).unwrap_or("");
                if name == "this" {
                    return Origin::Unknown;
                }
                self.var_origin(id, name, depth)
            }
            "array_creation_expression"
            | "string"
            | "encapsed_string"
            | "heredoc"
            | "nowdoc"
            | "integer"
            | "float"
            | "boolean" => Origin::Literal,
            "binary_expression" => match self.op_of(id) {
                "??" | "?:" => self.origin_of_either(id, "left", "right", d),
                _ => Origin::Unknown,
            },
            "conditional_expression" => {
                let body = self
                    .a
                    .field(id, "body")
                    .or_else(|| self.a.field(id, "condition"));
                let a = body.map(|x| self.origin_of(x, d)).unwrap_or_default();
                let b = self
                    .a
                    .field(id, "alternative")
                    .map(|x| self.origin_of(x, d))
                    .unwrap_or_default();
                best(a, b)
            }
            "assignment_expression" => match self.a.field(id, "right") {
                Some(r) => self.origin_of(r, d),
                None => Origin::Unknown,
            },
            "anonymous_function" | "arrow_function" => self.summary(id, d),
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Eval<'s> for Lx<'s> {
    crate::eval_state!('s, (u32, &'s str));

    fn stringy_binding(&self, k: u32) -> Option<u32> {
        match self.a.kind(k) {
            "subscript_expression" => self.subscript_value(k),
            _ => self.bound_value(k),
        }
    }

    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        self.stringy_kind(id, get)
    }

    fn text_binding(&self, id: u32) -> Option<u32> {
        self.bound_value(id)
    }

    fn not_text(&self, id: u32) -> bool {
        NON_STRING_KINDS.contains(&self.a.kind(id))
    }

    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        match self.a.kind(id) {
            "string" | "encapsed_string" | "heredoc" | "nowdoc" => {
                self.decode_literal(id, depth, mark, out)
            }
            "variable_name" => self.resolve_var(id, depth, out),
            "name" | "qualified_name" => {
                let t = last_ns(self.a.text(id));
                if t == "PHP_EOL" {
                    out.push(Piece::synthetic("\n"));
                } else if let Some(v) = self.bound_value(id) {
                    self.resolve_memo(v, depth + 1, out, id);
                } else {
                    out.push(self.hole(id));
                }
            }
            "class_constant_access_expression"
            | "member_access_expression"
            | "nullsafe_member_access_expression"
            | "scoped_property_access_expression" => match self.bound_value(id) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => out.push(self.hole(id)),
            },
            "subscript_expression" => match self.subscript_value(id) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => out.push(self.hole(id)),
            },
            "function_call_expression" => self.resolve_call(id, depth, mark, out),
            "member_call_expression" | "scoped_call_expression" => {
                self.resolve_getter(id, depth, out)
            }
            "integer" | "float" => out.push(Piece::lit(self.a.text(id), self.a.span(id))),
            _ => out.push(self.hole(id)),
        }
    }
}

/// The last binding at or before `pos` (bindings sorted by position).
fn last_before(bs: &[Bind], pos: u32) -> Option<Bind> {
    let n = bs.partition_point(|b| b.pos <= pos);
    n.checked_sub(1).and_then(|i| bs.get(i)).copied()
}

/// Storage writers: (family, key argument, value argument).
fn store_write(name: &str) -> Option<(&'static str, usize, usize)> {
    Some(match name {
        "update_option" | "add_option" | "update_site_option" | "add_site_option" => {
            ("option", 0, 1)
        }
        "set_transient" | "set_site_transient" => ("transient", 0, 1),
        "update_user_meta" | "add_user_meta" | "update_post_meta" | "add_post_meta"
        | "update_term_meta" => ("meta", 1, 2),
        _ => return None,
    })
}

/// Storage readers: (family, key argument).
fn store_read(name: &str) -> Option<(&'static str, usize)> {
    Some(match name {
        "get_option" | "get_site_option" => ("option", 0),
        "get_transient" | "get_site_transient" => ("transient", 0),
        "get_user_meta" | "get_post_meta" | "get_term_meta" => ("meta", 1),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

impl<'s> Lx<'s> {
    /// Scopes where a variable used at `node` may be bound, innermost first.
    fn var_scopes(&self, node: u32, name: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut s = self.a.scope(node);
        for _ in 0..64 {
            if s != 0 && self.globals.contains(&(s, name)) {
                out.push(0);
                break;
            }
            out.push(s);
            if s == 0 {
                break;
            }
            match self.a.kind(s) {
                "arrow_function" => s = self.a.scope(s),
                "anonymous_function" if self.uses.contains(&(s, name)) => s = self.a.scope(s),
                _ => break,
            }
        }
        out
    }

    /// Binding of a variable for string resolution: bound once in its scope,
    /// or the last binding before the use in a block that holds the use.
    fn str_binding(&self, node: u32, name: &str) -> Option<Bind> {
        self.str_binding_raw(node, name)
            .map(|b| self.substituted(b))
    }

    /// A parameter's binding seen through the call site being lowered.
    fn substituted(&self, mut b: Bind) -> Bind {
        if let BindKind::Param(p) = b.kind {
            if let Some(&arg) = self.subst.borrow().get(&p) {
                b.kind = BindKind::Value(arg);
            }
        }
        b
    }

    fn str_binding_raw(&self, node: u32, name: &str) -> Option<Bind> {
        let pos = self.a.start(node);
        for s in self.var_scopes(node, name) {
            let Some(bs) = self.sc.locals.get(&(s, name)) else {
                continue;
            };
            if bs.len() == 1 {
                return bs.first().copied();
            }
            let b = last_before(bs, pos)?;
            if matches!(b.kind, BindKind::Param(_)) {
                return Some(b);
            }
            let block = self.enclosing_block(b.stmt);
            if self.a.contains(block, node) {
                return Some(b);
            }
            return None;
        }
        None
    }

    fn enclosing_block(&self, stmt: u32) -> u32 {
        let mut c = stmt;
        for _ in 0..ANCESTOR_LIMIT {
            let p = self.a.parent(c);
            if p == NONE {
                return c;
            }
            match self.a.kind(p) {
                "compound_statement" | "colon_block" | "program" | "case_statement"
                | "default_statement" => return p,
                "if_statement" | "else_clause" | "else_if_clause" | "while_statement"
                | "for_statement" | "foreach_statement" | "do_statement" => return c,
                _ => c = p,
            }
        }
        c
    }

    /// Binding of a variable for value flow: the last one before the use.
    fn origin_binding(&self, node: u32, name: &str) -> Option<Bind> {
        let pos = self.a.start(node);
        for s in self.var_scopes(node, name) {
            let Some(bs) = self.sc.locals.get(&(s, name)) else {
                continue;
            };
            return last_before(bs, pos)
                .or_else(|| bs.last().copied())
                .map(|b| self.substituted(b));
        }
        None
    }

    /// The value a variable holds at `node` (last assignment before it).
    fn var_value(&self, node: u32) -> Option<u32> {
        let name = self.a.var_name(node)?;
        match self.origin_binding(node, name)?.kind {
            BindKind::Value(v) => Some(v),
            _ => None,
        }
    }

    fn class_named(&self, name: &str) -> Option<u32> {
        self.sc.sole_class(last_ns(name.trim_start_matches('\\')))
    }

    /// Local parent class and used traits of a class.
    fn bases(&self, class: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for k in self.a.named(class) {
            match self.a.kind(k) {
                "base_clause" => {
                    for n in self.a.named(k) {
                        if let Some(c) = self.class_named(self.a.text(n)) {
                            out.push(c);
                        }
                    }
                }
                "declaration_list" => {
                    for d in self.a.named(k) {
                        if self.a.kind(d) == "use_declaration" {
                            for n in self.a.named(d) {
                                if matches!(self.a.kind(n), "name" | "qualified_name") {
                                    if let Some(c) = self.class_named(self.a.text(n)) {
                                        out.push(c);
                                    }
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.retain(|&c| c != class);
        out
    }

    /// The class and its local ancestors and traits, nearest first (bounded).
    fn lineage(&self, class: u32) -> Vec<u32> {
        if class == NONE {
            return Vec::new();
        }
        let mut out = vec![class];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            for b in self.bases(out[i]) {
                if !out.contains(&b) {
                    out.push(b);
                }
            }
            i += 1;
        }
        out
    }

    /// The class a `self::` / `static::` / `parent::` / `Name::` scope names.
    fn scope_class(&self, sc: u32) -> Option<u32> {
        let t = self.a.text(sc);
        match t {
            "self" | "static" => {
                let c = self.a.class(sc);
                (c != NONE).then_some(c)
            }
            "parent" => {
                let c = self.a.class(sc);
                self.bases(c).first().copied()
            }
            _ => self.class_named(t),
        }
    }

    /// The value of a class constant, declared once in the nearest class of
    /// the lineage that declares it (constants are members of class bodies).
    fn class_const(&self, class: u32, name: &'s str) -> Option<u32> {
        let bodies: Vec<u32> = self
            .lineage(class)
            .into_iter()
            .filter_map(|c| self.a.field(c, "body"))
            .collect();
        match self.sc.first_member_values(&bodies, name) {
            [Some(v)] => Some(*v),
            _ => None,
        }
    }

    /// The values a property is given in the nearest class of the lineage
    /// that gives it any (`None`: not a value).
    fn prop_values(&self, class: u32, name: &'s str) -> &[Option<u32>] {
        self.sc.first_member_values(&self.lineage(class), name)
    }

    /// The single value of a property written once in the class.
    fn prop_value(&self, class: u32, name: &'s str) -> Option<u32> {
        match self.prop_values(class, name) {
            [v] => *v,
            _ => None,
        }
    }

    fn prop_type(&self, class: u32, name: &str) -> Option<&'s str> {
        let t = self.sc.first_member_type(&self.lineage(class), name)?;
        Some(self.a.text(t))
    }

    fn global_const(&self, name: &str) -> Option<u32> {
        self.sc
            .global_single_value(last_ns(name.trim_start_matches('\\')))
    }

    /// Value node an expression names when bound once: a constant, a class
    /// constant, a property, a variable.
    fn bound_value(&self, id: u32) -> Option<u32> {
        match self.a.kind(id) {
            "variable_name" => match self.str_binding(id, self.a.var_name(id)?)?.kind {
                BindKind::Value(v) => Some(v),
                _ => None,
            },
            "name" | "qualified_name" => self.global_const(self.a.text(id)),
            "class_constant_access_expression" => {
                let ks = self.a.named_vec(id);
                let (&sc, &n) = (ks.first()?, ks.get(1)?);
                let class = self.scope_class(sc)?;
                self.class_const(class, self.a.text(n))
            }
            "member_access_expression" | "nullsafe_member_access_expression" => {
                let obj = self.a.field(id, "object")?;
                if !self.a.is_this(obj) {
                    return None;
                }
                let class = self.a.class(id);
                self.prop_value(class, self.a.member_name(id)?)
            }
            "scoped_property_access_expression" => {
                let sc = self.a.field(id, "scope")?;
                let class = self.scope_class(sc)?;
                self.prop_value(class, self.a.member_name(id)?)
            }
            "parenthesized_expression" => {
                let mut inner = self.a.first_named(id)?;
                for _ in 0..64 {
                    if self.a.kind(inner) != "parenthesized_expression" {
                        break;
                    }
                    inner = self.a.first_named(inner)?;
                }
                if self.a.kind(inner) == "parenthesized_expression" {
                    return None;
                }
                self.bound_value(inner).or(Some(inner))
            }
            _ => None,
        }
    }

    /// Content range of a quoted literal (inside the quotes).
    fn content_range(&self, id: u32) -> Option<(usize, usize)> {
        let kids = self.a.kids(id);
        let q = |k: u32| matches!(self.a.kind(k), "'" | "\"");
        let first = kids.iter().copied().find(|&k| q(k))?;
        let last = kids.iter().copied().rev().find(|&k| q(k))?;
        if first == last {
            return None;
        }
        Some((self.a.end(first) as usize, self.a.start(last) as usize))
    }

    /// A string literal without interpolation: decoded text and content span.
    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        match self.a.kind(id) {
            "string" => {
                let (s, e) = self.content_range(id)?;
                let raw = self.a.src.get(s..e)?;
                let text: String = decode_single(raw, s).iter().map(|d| d.0).collect();
                Some((text, s..e))
            }
            "encapsed_string" => {
                if self
                    .a
                    .named(id)
                    .any(|k| !matches!(self.a.kind(k), "string_content" | "escape_sequence"))
                {
                    return None;
                }
                let (s, e) = self.content_range(id)?;
                let raw = self.a.src.get(s..e)?;
                let text: String = decode_double(raw, s, 0, false, Some('"'), true)
                    .iter()
                    .map(|d| d.0)
                    .collect();
                Some((text, s..e))
            }
            _ => None,
        }
    }

    /// The source of a literal with no escapes (for names of constants).
    fn plain_literal(&self, id: u32) -> Option<&'s str> {
        let (text, span) = self.literal_text(id)?;
        let src: &'s str = self.a.src;
        let raw = src.get(span)?;
        (raw == text).then_some(raw)
    }

    fn literal_eq(&self, id: u32, s: &str) -> bool {
        self.literal_text(id).is_some_and(|(t, _)| t == s)
    }

    /// Items of an array literal.
    fn literal_items(&self, arr: u32) -> Vec<Item> {
        let mut out = Vec::new();
        if self.a.kind(arr) != "array_creation_expression" {
            return out;
        }
        for el in self.a.named(arr) {
            if self.a.kind(el) != "array_element_initializer" {
                continue;
            }
            let ks = self.a.named_vec(el);
            let has_arrow = self.a.kids(el).iter().any(|&k| self.a.kind(k) == "=>");
            let (key_node, value) = match (has_arrow, ks.as_slice()) {
                (true, [k, v, ..]) => (Some(*k), *v),
                (false, [v, ..]) => (None, *v),
                _ => continue,
            };
            if self.a.kind(value) == "variadic_unpacking" {
                continue;
            }
            out.push(Item {
                key: key_node.and_then(|k| self.literal_text(k)),
                key_node,
                value,
                span: self.a.span(el),
            });
        }
        out
    }

    /// Items of an array an expression evaluates to: a literal, a variable,
    /// property or constant bound to one (with `$v['k'] = …` writes), merges.
    fn array_items(&self, e: u32, depth: u32) -> Option<Vec<Item>> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "array_creation_expression" => Some(self.literal_items(e)),
            "parenthesized_expression" => self.array_items(self.a.first_named(e)?, depth + 1),
            "variable_name" => {
                let name = self.a.var_name(e)?;
                let v = self.var_value(e);
                let setters = v.and_then(|v| self.map_setters(v));
                let mut items = match v {
                    // a map object is empty when made
                    Some(_) if setters.is_some() => Vec::new(),
                    Some(v) => self.array_items(v, depth + 1)?,
                    None => {
                        // `$args['body'] = …` writes without a literal
                        Vec::new()
                    }
                };
                let pos = self.a.start(e);
                let scope = self.a.scope(e);
                let bind_pos = v.map(|v| self.a.start(v)).unwrap_or(0);
                let added = setters
                    .zip(self.map_writes.get(&(scope, name)))
                    .into_iter()
                    .flat_map(|(setters, ws)| {
                        ws.iter().filter(move |w| setters.iter().any(|s| s == w.0))
                    });
                for &(_, k, val, call) in added {
                    let at = self.a.start(call);
                    if at >= bind_pos && at <= pos {
                        items.push(Item {
                            key: self.literal_text(k),
                            key_node: Some(k),
                            value: val,
                            span: self.a.span(call),
                        });
                    }
                }
                if let Some(ws) = self.sub_writes.get(&(scope, name)) {
                    for &(k, val, stmt) in ws {
                        let at = self.a.start(stmt);
                        if at < bind_pos || at > pos {
                            continue;
                        }
                        let key = if k == NONE {
                            None
                        } else {
                            self.literal_text(k)
                        };
                        if let Some((kt, _)) = &key {
                            items.retain(|it| it.key.as_ref().map(|x| &x.0) != Some(kt));
                        }
                        items.push(Item {
                            key,
                            key_node: (k != NONE).then_some(k),
                            value: val,
                            span: self.a.span(stmt),
                        });
                    }
                }
                if v.is_none() && items.is_empty() {
                    return None;
                }
                Some(items)
            }
            "member_access_expression"
            | "scoped_property_access_expression"
            | "class_constant_access_expression"
            | "name"
            | "qualified_name" => {
                let v = self.bound_value(e)?;
                self.array_items(v, depth + 1)
            }
            "function_call_expression" => {
                let name = self.fn_name(e)?;
                let args = self.args_of(e);
                match name {
                    "array_merge" | "wp_parse_args" | "array_replace" => {
                        let mut out: Vec<Item> = Vec::new();
                        let order: Vec<u32> = if name == "wp_parse_args" {
                            args.pos.iter().rev().copied().collect()
                        } else {
                            args.pos.clone()
                        };
                        for a in order {
                            merge_items(
                                &mut out,
                                self.array_items(a, depth + 1).unwrap_or_default(),
                            );
                        }
                        Some(out)
                    }
                    _ => self.returned_items(e, depth),
                }
            }
            "member_call_expression"
            | "nullsafe_member_call_expression"
            | "scoped_call_expression" => self.returned_items(e, depth),
            _ => None,
        }
    }

    /// The arrays a call of a local function or method returns
    /// (`$config = $this->webinarConfig($account);`): the entries of every
    /// array it may return, a later one replacing an earlier one's key, so
    /// that what any path sends is seen. Returns of something else (`false`)
    /// add nothing.
    fn returned_items(&self, call: u32, depth: u32) -> Option<Vec<Item>> {
        let f = self.local_target(call)?;
        let mut out: Vec<Item> = Vec::new();
        let mut any = false;
        for &r in returned_values(&self.sc, f) {
            let Some(items) = self.array_items(r, depth + 1) else {
                continue;
            };
            any = true;
            merge_items(&mut out, items);
        }
        any.then_some(out)
    }

    /// The value of key `key` in the array an expression evaluates to.
    fn array_lookup(&self, e: u32, key: &str, depth: u32) -> Option<u32> {
        let items = self.array_items(e, depth)?;
        items
            .iter()
            .rev()
            .find(|it| it.key.as_ref().is_some_and(|k| k.0 == key))
            .map(|it| it.value)
    }

    fn item<'i>(&self, items: &'i [Item], key: &str) -> Option<&'i Item> {
        items.iter().rev().find(|it| {
            it.key
                .as_ref()
                .is_some_and(|k| k.0.eq_ignore_ascii_case(key))
        })
    }
}

/// Add `items` to `out` as `array_merge` does: a keyed item replaces the
/// one of the same key already there.
fn merge_items(out: &mut Vec<Item>, items: Vec<Item>) {
    for it in items {
        if let Some((k, _)) = &it.key {
            out.retain(|x| x.key.as_ref().map(|y| &y.0) != Some(k));
        }
        out.push(it);
    }
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

const LITERAL_KINDS: &[&str] = &["string", "encapsed_string", "heredoc", "nowdoc"];
/// Functions whose result is their first argument, reshaped.
const STR_PASS: &[&str] = &[
    "urlencode",
    "rawurlencode",
    "trim",
    "rtrim",
    "ltrim",
    "untrailingslashit",
    "trailingslashit",
    "esc_url",
    "esc_url_raw",
    "sanitize_url",
    "strval",
    "esc_attr",
];

impl<'s> Lx<'s> {
    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&["binary_expression", "parenthesized_expression"]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            "string" | "encapsed_string" | "heredoc" | "nowdoc" => true,
            "cast_expression" => {
                self.a
                    .field(id, "type")
                    .is_some_and(|t| self.a.text(t).eq_ignore_ascii_case("string"))
                    && get(self.a.field(id, "value"))
            }
            "function_call_expression" => {
                let Some(name) = self.fn_name(id) else {
                    return false;
                };
                let args = self.args_of(id);
                match name {
                    "http_build_query" | "add_query_arg" => true,
                    "sprintf" | "vsprintf" => get(args.pos.first().copied()),
                    "implode" | "join" => {
                        get(args.pos.first().copied())
                            && args
                                .pos
                                .get(1)
                                .is_some_and(|&a| self.a.kind(a) == "array_creation_expression")
                    }
                    _ if STR_PASS.contains(&name) => get(args.pos.first().copied()),
                    _ => false,
                }
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
            "parenthesized_expression" | "binary_expression" | "cast_expression" => {
                self.is_stringy(p)
            }
            "argument" => self.is_stringy(self.a.parent(self.a.parent(p))),
            "array_element_initializer" => {
                let mut c = p;
                for _ in 0..6 {
                    let up = self.a.parent(c);
                    match self.a.kind(up) {
                        "array_element_initializer" | "array_creation_expression" => c = up,
                        "argument" => return self.is_stringy(self.a.parent(self.a.parent(up))),
                        _ => return false,
                    }
                }
                false
            }
            _ => false,
        }
    }

    fn strings(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.is_stringy(id) && !self.consumed_by_parent(id) {
                m.strings.push(self.resolve_root(id, true));
            }
        }
        for id in self.ids() {
            let kind = self.a.kind(id);
            if LITERAL_KINDS.contains(&kind)
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
            // HTML around the PHP code is output as written
            if kind == "text" && !self.a.text(id).trim().is_empty() {
                m.strings
                    .push(StrValue::literal(self.a.text(id), self.a.span(id)));
            }
        }
    }

    /// `$this->getApiUrl()`, `self::baseUrl()`, `static::baseUrl()`: a
    /// method of this class, called without arguments, that returns one
    /// written text (directly, or through a property or constant) reads as
    /// that text at the call (`sema::pieces::detached`); else a hole.
    fn resolve_getter(&self, id: u32, depth: u32, out: &mut Vec<Piece>) {
        let a = &self.a;
        let own = match a.kind(id) {
            "member_call_expression" => a.field(id, "object").is_some_and(|o| a.is_this(o)),
            _ => a
                .field(id, "scope")
                .is_some_and(|s| matches!(a.text(s), "self" | "static")),
        };
        let class = a.class(id);
        let value = match (own, a.member_name(id)) {
            (true, Some(name)) if class != NONE && self.args_of(id).pos.is_empty() => {
                self.sc.getter_value(a, class, name)
            }
            _ => None,
        };
        let resolve = |v| {
            let mut inner = Vec::new();
            self.resolve_into(v, depth + 1, false, &mut inner);
            inner
        };
        out.extend(crate::sema::pieces::getter_pieces(
            value,
            resolve,
            self.hole(id),
        ));
    }

    /// `CONST['k']`, `$arr['k']`, `self::URLS['k']`: the value node.
    fn subscript_value(&self, id: u32) -> Option<u32> {
        let (obj, idx) = self.a.subscript_parts(id);
        let (obj, idx) = (obj?, idx?);
        let (key, _) = self.literal_text(idx)?;
        self.array_lookup(obj, &key, 0)
    }

    fn resolve_var(&self, id: u32, depth: u32, out: &mut Vec<Piece>) {
        let Some(name) = self.a.var_name(id) else {
            out.push(self.hole(id));
            return;
        };
        if name == "this" {
            out.push(self.hole(id));
            return;
        }
        let Some(b) = self.str_binding(id, name) else {
            out.push(self.hole(id));
            return;
        };
        // `$u = A; $u .= B; $u .= C;` walked back to the assignment
        let mut chain = vec![b];
        let mut cur = b;
        for _ in 0..16 {
            if !matches!(cur.kind, BindKind::Append(_)) {
                break;
            }
            match self.str_binding(cur.stmt, name) {
                Some(p) if p.stmt != cur.stmt => {
                    chain.push(p);
                    cur = p;
                }
                _ => break,
            }
        }
        let mut first = true;
        for bd in chain.iter().rev() {
            match bd.kind {
                BindKind::Value(v) => self.resolve_memo(v, depth + 1, out, id),
                BindKind::Append(v) => {
                    if first {
                        out.push(self.hole(id));
                    }
                    self.resolve_memo(v, depth + 1, out, id);
                }
                _ => out.push(self.hole(id)),
            }
            first = false;
        }
    }

    fn decode_literal(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        if mark {
            self.mark(id);
        }
        let src = self.a.src;
        match self.a.kind(id) {
            "string" => {
                let Some((s, e)) = self.content_range(id) else {
                    out.push(self.hole(id));
                    return;
                };
                let raw = src.get(s..e).unwrap_or("");
                if let Some(p) = lit_piece(&decode_single(raw, s), s, e, src) {
                    out.push(p);
                } else {
                    out.push(Piece::lit("", s..e));
                }
            }
            "encapsed_string" => {
                let Some((s, e)) = self.content_range(id) else {
                    out.push(self.hole(id));
                    return;
                };
                self.decode_interp(id, s, e, 0, Some('"'), depth, mark, out);
            }
            "heredoc" | "nowdoc" => {
                let Some((s, e, strip)) = self.heredoc_range(id) else {
                    out.push(self.hole(id));
                    return;
                };
                let body = self
                    .a
                    .field(id, "value")
                    .or_else(|| {
                        self.a
                            .named(id)
                            .find(|&k| matches!(self.a.kind(k), "heredoc_body" | "nowdoc_body"))
                    })
                    .unwrap_or(id);
                if self.a.kind(id) == "nowdoc" {
                    let raw = src.get(s..e).unwrap_or("");
                    let d = decode_double(raw, s, strip, true, None, false);
                    match lit_piece(&d, s, e, src) {
                        Some(p) => out.push(p),
                        None => out.push(Piece::lit("", s..s)),
                    }
                } else {
                    self.decode_interp(body, s, e, strip, None, depth, mark, out);
                }
            }
            _ => out.push(self.hole(id)),
        }
    }

    /// Content of a heredoc/nowdoc: (start, end, indentation to strip).
    fn heredoc_range(&self, id: u32) -> Option<(usize, usize, usize)> {
        let src = self.a.src;
        let start_tag = self
            .a
            .kids(id)
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) == "heredoc_start")?;
        let end_tag = self
            .a
            .kids(id)
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) == "heredoc_end")?;
        let after = self.a.end(start_tag) as usize;
        let nl = src.get(after..)?.find('\n')? + after;
        let cs = nl + 1;
        let et = self.a.start(end_tag) as usize;
        let line_start = src.get(..et)?.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let indent_text = src.get(line_start..et)?;
        let strip = if indent_text.chars().all(|c| c == ' ' || c == '\t') {
            indent_text.len()
        } else {
            0
        };
        let mut ce = line_start.saturating_sub(1);
        if ce > cs && src.as_bytes().get(ce - 1) == Some(&b'\r') {
            ce -= 1;
        }
        if ce < cs {
            ce = cs;
        }
        Some((cs, ce, strip))
    }

    /// Literal text between interpolations, interpolations resolved.
    #[allow(clippy::too_many_arguments)]
    fn decode_interp(
        &self,
        holder: u32,
        cs: usize,
        ce: usize,
        strip: usize,
        quote: Option<char>,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let src = self.a.src;
        let mut at = cs;
        let flush = |a: usize, b: usize, out: &mut Vec<Piece>| {
            if b <= a {
                return;
            }
            let raw = src.get(a..b).unwrap_or("");
            let line_start = strip > 0 && (a == cs || src.as_bytes().get(a - 1) == Some(&b'\n'));
            let d = decode_double(raw, a, strip, line_start, quote, true);
            if let Some(p) = lit_piece(&d, a, b, src) {
                out.push(p);
            }
        };
        let before = out.len();
        for &k in self.a.kids(holder) {
            let (ks, ke) = (self.a.start(k) as usize, self.a.end(k) as usize);
            if ke <= cs || ks >= ce {
                continue;
            }
            match self.a.kind(k) {
                "string_content" | "escape_sequence" | "nowdoc_string" => {}
                "{" | "}" | "\"" | "'" | "${" => {
                    flush(at, ks, out);
                    at = ke;
                }
                "comment" => {}
                _ if self.a.is_named(k) => {
                    flush(at, ks, out);
                    self.resolve_interp(k, depth + 1, mark, out);
                    at = ke;
                }
                _ => {
                    flush(at, ks, out);
                    at = ke;
                }
            }
        }
        flush(at, ce, out);
        if out.len() == before {
            out.push(Piece::lit("", cs..cs));
        }
    }

    /// An interpolated expression: `$x`, `{$o->p}`, `$a[k]`, `${x}`.
    fn resolve_interp(&self, k: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        match self.a.kind(k) {
            "dynamic_variable_name" => {
                // `${name}` is the variable `$name`
                let inner = self.a.first_named(k);
                match inner.filter(|&n| self.a.kind(n) == "name") {
                    Some(n) => {
                        let name = self.a.text(n);
                        match self.str_binding(k, name).map(|b| b.kind) {
                            Some(BindKind::Value(v)) => self.resolve_memo(v, depth + 1, out, k),
                            _ => out.push(self.hole(k)),
                        }
                    }
                    None => out.push(self.hole(k)),
                }
            }
            _ => self.resolve_into(k, depth, mark, out),
        }
    }

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(name) = self.fn_name(id) else {
            out.push(self.hole(id));
            return;
        };
        let args = self.args_of(id);
        let d = depth + 1;
        match name {
            "sprintf" | "vsprintf" => {
                let Some(&fmt) = args.pos.first() else {
                    out.push(self.hole(id));
                    return;
                };
                let values: Vec<(u32, bool)> = if name == "sprintf" {
                    args.pos.iter().skip(1).map(|&a| (a, mark)).collect()
                } else {
                    match args.pos.get(1) {
                        Some(&arr) => {
                            let inline = self.a.kind(arr) == "array_creation_expression";
                            match self.array_items(arr, 0) {
                                Some(items) => {
                                    items.iter().map(|it| (it.value, mark && inline)).collect()
                                }
                                None => {
                                    let mut tmp = Vec::new();
                                    self.resolve_into(fmt, d, mark, &mut tmp);
                                    out.extend(tmp);
                                    return;
                                }
                            }
                        }
                        None => Vec::new(),
                    }
                };
                self.format(fmt, &values, d, out);
            }
            "http_build_query" => match args.pos.first() {
                Some(&arr) => {
                    let inline = self.a.kind(arr) == "array_creation_expression";
                    match self.array_items(arr, 0) {
                        Some(items) => self.encode_items(&items, d, mark && inline, out),
                        None => out.push(self.hole(id)),
                    }
                }
                None => out.push(self.hole(id)),
            },
            "add_query_arg" => self.add_query_arg(id, &args, d, mark, out),
            "implode" | "join" => {
                let (Some(&sep), Some(&arr)) = (args.pos.first(), args.pos.get(1)) else {
                    out.push(self.hole(id));
                    return;
                };
                if self.a.kind(arr) != "array_creation_expression" {
                    // a list filled elsewhere: known only when it holds the
                    // pairs of an array, else a value not known
                    match self.pairs_joined(sep, arr, d) {
                        Some(items) => self.encode_items(&items, d, false, out),
                        None => out.push(self.hole(id)),
                    }
                    return;
                }
                let items = self.literal_items(arr);
                let mut sep_pieces = Vec::new();
                self.resolve_into(sep, d, mark, &mut sep_pieces);
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.extend(sep_pieces.iter().cloned());
                    }
                    self.resolve_into(it.value, d, mark, out);
                }
            }
            "trailingslashit" => {
                if let Some(&a) = args.pos.first() {
                    let mut tmp = Vec::new();
                    self.resolve_into(a, d, mark, &mut tmp);
                    let ends = pieces_text(&tmp).ends_with(['/', '\\']);
                    out.extend(tmp);
                    if !ends {
                        out.push(Piece::synthetic("/"));
                    }
                }
            }
            "rtrim" | "untrailingslashit" | "trim" | "ltrim" => {
                let Some(&a) = args.pos.first() else {
                    out.push(self.hole(id));
                    return;
                };
                let chars: String = match args.pos.get(1) {
                    Some(&c) => match self.literal_text(c) {
                        Some((t, _)) => t,
                        None => {
                            self.resolve_into(a, d, mark, out);
                            return;
                        }
                    },
                    None if name == "untrailingslashit" => "/\\".to_string(),
                    None => " \t\n\r\0\u{b}".to_string(),
                };
                // trimming may cut a literal: it is also emitted on its own
                let mut tmp = Vec::new();
                self.resolve_into(a, d, false, &mut tmp);
                if name != "ltrim" {
                    trim_end_pieces(&mut tmp, &chars);
                }
                out.extend(tmp);
            }
            _ if STR_PASS.contains(&name) => match args.pos.first() {
                Some(&a) => self.resolve_into(a, d, mark, out),
                None => out.push(self.hole(id)),
            },
            _ => out.push(self.hole(id)),
        }
    }

    /// `k=v&k2=v2` from array items: keys keep their spans, `=`/`&` are made up.
    /// `foreach ($params as $k => $v) { $parts[] = $k . '=' . urlencode($v); }`
    /// and then `implode('&', $parts)`: an array written out as a query by
    /// hand, the items of that array.
    fn pairs_joined(&self, sep: u32, list: u32, depth: u32) -> Option<Vec<Item>> {
        let a = &self.a;
        let name = a.var_name(list)?;
        if self.literal_text(sep).map(|t| t.0).as_deref() != Some("&") {
            return None;
        }
        let scope = a.scope(list);
        for id in self.ids() {
            if a.kind(id) != "foreach_statement"
                || a.scope(id) != scope
                || a.end(id) > a.start(list)
            {
                continue;
            }
            // the nodes inside the loop follow it in the arena
            let inside = (id + 1..self.ids().end).take_while(|&x| a.contains(id, x));
            let fills = inside.into_iter().any(|x| {
                a.kind(x) == "assignment_expression"
                    && a.field(x, "left").is_some_and(|l| {
                        a.kind(l) == "subscript_expression"
                            && a.named_vec(l).len() == 1
                            && a.first_named(l).and_then(|v| a.var_name(v)) == Some(name)
                    })
                    && a.field(x, "right").is_some_and(|r| a.text(r).contains('='))
            });
            if !fills {
                continue;
            }
            let items = self.array_items(a.first_named(id)?, depth + 1)?;
            return items.iter().any(|it| it.key.is_some()).then_some(items);
        }
        None
    }

    fn encode_items(&self, items: &[Item], depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let mut first = true;
        for it in items {
            let Some((key, kspan)) = &it.key else {
                continue;
            };
            if !first {
                out.push(Piece::synthetic("&"));
            }
            first = false;
            if mark {
                if let Some(k) = it.key_node {
                    self.mark(k);
                }
            }
            let raw_same = self.a.src.get(kspan.clone()) == Some(key.as_str());
            if raw_same {
                out.push(Piece::lit(key.clone(), kspan.clone()));
            } else {
                out.push(Piece::synthetic(key.clone()));
            }
            out.push(Piece::synthetic("="));
            match self.a.kind(it.value) {
                "array_creation_expression" | "boolean" | "null" => out.push(self.hole(it.value)),
                _ => self.resolve_into(it.value, depth, mark, out),
            }
        }
    }

    /// `add_query_arg(['k' => v], $url)`, `add_query_arg('k', 'v', $url)`.
    fn add_query_arg(&self, id: u32, args: &Args, d: u32, mark: bool, out: &mut Vec<Piece>) {
        let first = args.pos.first().copied();
        let (items, url): (Vec<Item>, Option<u32>) = match first {
            Some(f) if self.a.kind(f) != "string" && self.a.kind(f) != "encapsed_string" => {
                let items = self.array_items(f, 0).unwrap_or_default();
                (items, args.pos.get(1).copied())
            }
            Some(k) => {
                let Some(&v) = args.pos.get(1) else {
                    out.push(self.hole(id));
                    return;
                };
                let key = self.literal_text(k);
                (
                    vec![Item {
                        key,
                        key_node: Some(k),
                        value: v,
                        span: self.a.start(k) as usize..self.a.end(v) as usize,
                    }],
                    args.pos.get(2).copied(),
                )
            }
            None => {
                out.push(self.hole(id));
                return;
            }
        };
        let mut base = Vec::new();
        match url {
            Some(u) => self.resolve_into(u, d, mark, &mut base),
            None => base.push(self.hole(id)),
        }
        let has_q = pieces_text(&base).contains('?');
        out.extend(base);
        out.push(Piece::synthetic(if has_q { "&" } else { "?" }));
        let inline = first.is_some_and(|f| {
            matches!(
                self.a.kind(f),
                "array_creation_expression" | "string" | "encapsed_string"
            )
        });
        self.encode_items(&items, d, mark && inline, out);
    }

    /// `sprintf` directives filled with the argument values.
    fn format(&self, fmt: u32, values: &[(u32, bool)], d: u32, out: &mut Vec<Piece>) {
        let mut tmp = Vec::new();
        // the format literal is also emitted on its own (it is split here)
        self.resolve_into(fmt, d, false, &mut tmp);
        format::printf(&tmp, &PRINTF, out, |dir, out| {
            match dir.arg {
                Arg::Pos(k) if k < values.len() => {
                    let (v, m) = values[k];
                    self.resolve_into(v, d, m, out)
                }
                _ => out.push(Piece::hole(self.a.span(fmt), dir.text)),
            }
            true
        });
    }
}

/// Trim `chars` from the end of the trailing literal pieces.
fn trim_end_pieces(p: &mut Vec<Piece>, chars: &str) {
    while let Some(last) = p.last_mut() {
        match last {
            Piece::Lit { text, .. } => {
                let keep = text.trim_end_matches(|c| chars.contains(c)).len();
                if keep == text.len() {
                    return;
                }
                if let Some(sp) = sub_piece(last, 0, keep) {
                    *last = sp;
                }
                if keep > 0 {
                    return;
                }
                p.pop();
            }
            Piece::Hole { .. } => return,
        }
    }
}

// ---------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------

/// What a body expression turns out to be.
enum Shape {
    /// an array (the library decides how it is encoded)
    Array(Vec<Item>),
    /// `json_encode(…)`: the entries of the encoded array and the call's name
    JsonEnc(Vec<Item>, Option<u32>),
    /// `http_build_query(…)`
    QueryEnc(Vec<Item>),
    Str(StrValue),
    Unknown,
}

impl<'s> Lx<'s> {
    fn item_entry(&self, it: &Item) -> Option<Entry> {
        let (key, kspan) = it.key.clone()?;
        Some(Entry {
            key,
            key_span: Some(kspan),
            value: self.value_opt(it.value),
            value_span: Some(self.a.span(it.value)),
            span: it.span.clone(),
        })
    }

    fn items_entries(&self, items: &[Item]) -> Vec<Entry> {
        items.iter().filter_map(|it| self.item_entry(it)).collect()
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "array_creation_expression" => {
                    for it in self.literal_items(id) {
                        m.entries.extend(self.item_entry(&it));
                    }
                }
                "argument" => {
                    let Some(n) = self.a.field(id, "name") else {
                        continue;
                    };
                    let Some(v) = self.a.named(id).find(|&x| x != n) else {
                        continue;
                    };
                    m.entries.push(Entry {
                        key: self.a.text(n).to_string(),
                        key_span: Some(self.a.span(n)),
                        value: self.value_opt(v),
                        value_span: Some(self.a.span(v)),
                        span: self.a.span(id),
                    });
                }
                _ => {}
            }
        }
        // `k=v&…` pairs written inside strings
        let mut extra = Vec::new();
        for sv in &m.strings {
            extra.extend(string_pairs(sv, true, slice_pieces));
        }
        m.entries.extend(extra);
    }

    fn shape_of(&self, e: u32, depth: u32) -> Shape {
        if depth > 8 {
            return Shape::Unknown;
        }
        match self.a.kind(e) {
            "array_creation_expression" => Shape::Array(self.literal_items(e)),
            "parenthesized_expression" | "cast_expression" => {
                let inner = self.a.field(e, "value").or_else(|| self.a.first_named(e));
                match inner {
                    Some(i) => self.shape_of(i, depth + 1),
                    None => Shape::Unknown,
                }
            }
            "function_call_expression" => {
                let name = self.fn_name(e).unwrap_or("");
                let args = self.args_of(e);
                let first = args.pos.first().copied();
                match name {
                    "json_encode" | "wp_json_encode" => {
                        let items = first
                            .and_then(|a| self.array_items(a, 0))
                            .unwrap_or_default();
                        let fnode = self.a.field(e, "function");
                        Shape::JsonEnc(items, fnode)
                    }
                    "http_build_query" => Shape::QueryEnc(
                        first
                            .and_then(|a| self.array_items(a, 0))
                            .unwrap_or_default(),
                    ),
                    "array_merge" | "wp_parse_args" => match self.array_items(e, depth) {
                        Some(items) => Shape::Array(items),
                        None => Shape::Unknown,
                    },
                    _ if self.is_stringy(e) => Shape::Str(self.value_sv(e)),
                    _ => Shape::Unknown,
                }
            }
            "variable_name"
            | "member_access_expression"
            | "class_constant_access_expression"
            | "scoped_property_access_expression"
            | "name" => {
                let v = match self.a.kind(e) {
                    "variable_name" => self.var_value(e),
                    _ => self.bound_value(e),
                };
                if let Some(v) = v {
                    if self.a.kind(v) != "array_creation_expression"
                        && self.map_setters(v).is_none()
                    {
                        return self.shape_of(v, depth + 1);
                    }
                }
                match self.array_items(e, depth) {
                    Some(items) => Shape::Array(items),
                    None => Shape::Unknown,
                }
            }
            _ if self.is_stringy(e) => Shape::Str(self.value_sv(e)),
            _ => Shape::Unknown,
        }
    }

    /// Body kind and entries of a body expression; arrays become `array_kind`.
    fn body_of(&self, e: u32, array_kind: BodyKind) -> (BodyKind, Vec<Entry>) {
        // `$json ? json_encode($params) : $params`: the parameters either way,
        // encoded as only the run knows
        if self.a.kind(e) == "conditional_expression" {
            if let (Some(a), Some(b)) = (self.a.field(e, "body"), self.a.field(e, "alternative")) {
                let (ka, mut ea) = self.body_of(a, array_kind);
                let (kb, eb) = self.body_of(b, array_kind);
                for x in eb {
                    if !ea.iter().any(|y| y.key == x.key) {
                        ea.push(x);
                    }
                }
                return (if ka == kb { ka } else { BodyKind::Unknown }, ea);
            }
        }
        match self.shape_of(e, 0) {
            Shape::Array(items) => (array_kind, self.items_entries(&items)),
            Shape::JsonEnc(items, _) => (BodyKind::Json, self.items_entries(&items)),
            Shape::QueryEnc(items) => (BodyKind::Form, self.items_entries(&items)),
            Shape::Str(sv) => string_body(&sv),
            Shape::Unknown => (BodyKind::Unknown, Vec::new()),
        }
    }

    /// Headers: an array `['K' => v]`, a list of `"K: v"` lines, or a string of lines.
    fn header_entries(&self, e: u32) -> Vec<Entry> {
        if let Some(items) = self.array_items(e, 0) {
            let mut out = Vec::new();
            for it in &items {
                if it.key.is_some() {
                    out.extend(self.item_entry(it));
                } else if it.key_node.is_none() {
                    let sv = self.value_sv(it.value);
                    out.extend(split_header_lines(&sv));
                }
            }
            return out;
        }
        if self.is_stringy(e) || self.bound_value(e).is_some_and(|v| self.is_stringy(v)) {
            return split_header_lines(&self.value_sv(e));
        }
        Vec::new()
    }
}

/// A string body: form pairs, JSON text, or raw.
fn string_body(sv: &StrValue) -> (BodyKind, Vec<Entry>) {
    let text = sv.text();
    let t = text.trim();
    if t.is_empty() || t.chars().all(|c| c == HOLE) {
        return (BodyKind::Unknown, Vec::new());
    }
    if looks_form(t) {
        return (BodyKind::Form, string_pairs(sv, false, slice_pieces));
    }
    if t.starts_with('{') || t.starts_with('[') {
        return (BodyKind::Json, Vec::new());
    }
    (BodyKind::Raw, Vec::new())
}

/// `"Key: value"` lines of a header string.
fn split_header_lines(sv: &StrValue) -> Vec<Entry> {
    let text = sv.text();
    let mut out = Vec::new();
    let mut at = 0usize;
    for line in text.split('\n') {
        let ls = at;
        at += line.len() + 1;
        let line_t = line.trim_end_matches('\r');
        let Some(colon) = line_t.find(':') else {
            continue;
        };
        let raw_key = &line_t[..colon];
        let key = raw_key.trim();
        if key.is_empty()
            || key.contains(HOLE)
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            continue;
        }
        let kstart = ls + (raw_key.len() - raw_key.trim_start().len());
        let krange = kstart..kstart + key.len();
        let rest = &line_t[colon + 1..];
        let vstart = ls + colon + 1 + (rest.len() - rest.trim_start().len());
        let vend = ls + line_t.trim_end().len();
        let vrange = vstart..vend.max(vstart);
        let vspan = sv.source_near(vrange.clone(), vrange.start);
        out.push(Entry {
            key: key.to_string(),
            key_span: sv.source_of(krange),
            value: Some(StrValue {
                pieces: slice_pieces(&sv.pieces, vrange.start, vrange.end),
                span: vspan.clone().unwrap_or_else(|| sv.span.clone()),
            }),
            value_span: vspan,
            span: sv
                .source_near(ls..ls + line_t.len(), ls)
                .unwrap_or_else(|| sv.span.clone()),
        });
    }
    out
}

fn header_basic(headers: &[Entry]) -> bool {
    headers.iter().any(|h| {
        h.key.eq_ignore_ascii_case("authorization")
            && h.value.as_ref().is_some_and(|v| {
                v.text()
                    .trim_start()
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("basic"))
            })
    })
}

/// Join a base URL and a path the way a client with a base URI does.
fn join_url(base: Vec<Piece>, url: Vec<Piece>) -> Vec<Piece> {
    let ut = pieces_text(&url);
    let bt = pieces_text(&base);
    if base.is_empty()
        || ut.starts_with("http:")
        || ut.starts_with("https:")
        || ut.starts_with("//")
        || ut.starts_with(HOLE)
    {
        return url;
    }
    let host_end = bt.find("://").map(|i| {
        let after = i + 3;
        bt.get(after..)
            .and_then(|r| r.find('/'))
            .map(|j| after + j)
            .unwrap_or(bt.len())
    });
    let mut out = if ut.starts_with('/') {
        match host_end {
            Some(h) => slice_pieces(&base, 0, h),
            None => {
                let mut b = base.clone();
                trim_end_pieces(&mut b, "/");
                b
            }
        }
    } else if ut.is_empty() {
        base.clone()
    } else {
        let cut = match bt.rfind('/') {
            Some(i) if host_end.is_none_or(|h| i >= h) => i + 1,
            _ => {
                let mut b = base.clone();
                b.push(Piece::synthetic("/"));
                return b.into_iter().chain(url).collect();
            }
        };
        slice_pieces(&base, 0, cut)
    };
    out.extend(url);
    out
}

// ---------------------------------------------------------------------------
// HTTP requests and calls
// ---------------------------------------------------------------------------

/// Guzzle options that show an options array belongs to an HTTP client call.
const CLIENT_OPTION_KEYS: &[&str] = &[
    "form_params",
    "json",
    "multipart",
    "query",
    "headers",
    "auth",
    "auth_basic",
    "auth_bearer",
    "base_uri",
];

impl<'s> Lx<'s> {
    fn requests_and_calls(&mut self, m: &mut FileModel) {
        // requests first, in source order, then the call list
        let mut found: Vec<(HttpRequest, Vec<u32>)> = Vec::new();
        let mut wrapped: Vec<(HttpRequest, u32, Relower)> = Vec::new();
        for id in self.ids() {
            if let Some(r) = self.detect_request(id) {
                wrapped.push((r.clone(), id, Relower::Call(id)));
                found.push((r, vec![id]));
            }
        }
        // a helper the file does not define, handed a parameter of the
        // function around it (`Api_Server::call($params)` in
        // `remote_request($params)`): what it sends is known at each call
        // of that function, so it is lowered there
        let seen: HashSet<u32> = wrapped.iter().map(|w| w.1).collect();
        for id in self.ids() {
            if !seen.contains(&id) && self.forwards_parameter_to_helper(id) {
                wrapped.push((self.empty_request(id, "helper"), id, Relower::Call(id)));
            }
        }
        let groups = self.curl_groups();
        for (gi, g) in groups.iter().enumerate() {
            if let Some(r) = self.curl_request(g) {
                let mut ids = g.execs.clone();
                if ids.is_empty() {
                    ids.extend(g.init);
                }
                if let Some(&at) = ids.first() {
                    wrapped.push((r.clone(), at, Relower::Curl(gi)));
                }
                found.push((r, ids));
            }
        }
        found.extend(self.wrapper_requests(&wrapped, &groups));
        found.sort_by_key(|(r, _)| (r.span.start, r.span.end));
        for (r, ids) in found {
            let i = m.http_requests.len();
            for id in ids {
                self.req_of_call.insert(id, i);
            }
            if crate::sema::requests::is_refresh(&r) {
                self.refresh_requests.insert(i);
            }
            m.http_requests.push(r);
        }
        for id in self.ids() {
            if !matches!(
                self.a.kind(id),
                "function_call_expression"
                    | "member_call_expression"
                    | "nullsafe_member_call_expression"
                    | "scoped_call_expression"
            ) || self.req_of_call.contains_key(&id)
            {
                continue;
            }
            let Some((callee, name, name_span)) = self.callee(id) else {
                continue;
            };
            let args = self.args_of(id);
            let call = Call {
                callee,
                name: name.to_string(),
                name_span,
                span: self.a.span(id),
                args: args.pos.iter().map(|&p| self.value_opt(p)).collect(),
                kwargs: args
                    .named
                    .iter()
                    .map(|&(n, arg, v)| Entry {
                        key: n.to_string(),
                        key_span: self.a.field(arg, "name").map(|x| self.a.span(x)),
                        value: self.value_opt(v),
                        value_span: Some(self.a.span(v)),
                        span: self.a.span(arg),
                    })
                    .collect(),
            };
            if self.sc.is_token_call(name) && self.local_target(id).is_none() {
                self.token_call_of.insert(id, m.calls.len());
            }
            m.calls.push(call);
        }
    }

    /// Requests made through the program's own wrappers: a function or
    /// method whose request takes its method, URL or options from its
    /// parameters is lowered again for each call site in the file, with the
    /// parameters bound to that call's arguments (or their defaults). The
    /// result is the caller's request: its span is the call, and the call's
    /// result is that request's response.
    fn wrapper_requests(
        &self,
        inner: &[(HttpRequest, u32, Relower)],
        groups: &[CurlGroup],
    ) -> Vec<(HttpRequest, Vec<u32>)> {
        let mut by_fn: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, (_, at, _)) in inner.iter().enumerate() {
            let f = self.enclosing_fn(*at);
            if f != NONE && !self.fn_params(f).is_empty() {
                by_fn.entry(f).or_default().push(i);
            }
        }
        if by_fn.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for call in self.ids() {
            if !matches!(
                self.a.kind(call),
                "function_call_expression"
                    | "member_call_expression"
                    | "nullsafe_member_call_expression"
                    | "scoped_call_expression"
            ) {
                continue;
            }
            let Some(f) = self.local_target(call) else {
                continue;
            };
            let Some(reqs) = by_fn.get(&f) else { continue };
            if self.a.contains(f, call) || out.len() >= MAX_WRAPPED {
                continue;
            }
            let args = self.args_of(call);
            let mut subst = HashMap::new();
            for (i, p) in self.fn_params(f).into_iter().enumerate() {
                let name = self.a.field(p, "name").and_then(|n| self.a.var_name(n));
                let named = args
                    .named
                    .iter()
                    .find(|(n, _, _)| Some(*n) == name)
                    .map(|x| x.2);
                let arg = named
                    .or_else(|| args.pos.get(i).copied())
                    .or_else(|| self.a.field(p, "default_value"));
                if let Some(arg) = arg {
                    subst.insert(p, arg);
                }
            }
            let named_method = named_method(subst.values().map(|&a| self.value_sv(a)));
            for &ri in reqs {
                let (generic, _, how) = &inner[ri];
                let saved = self.enter_call_site(subst.clone());
                let ruled_out = self.ruled_out_here(inner[ri].1);
                let r = match how {
                    _ if ruled_out => None,
                    Relower::Call(id) => self.detect_request(*id),
                    Relower::Curl(gi) => groups.get(*gi).and_then(|g| self.curl_request(g)),
                };
                self.leave_call_site(saved);
                let Some(mut r) = r else { continue };
                if same_request(&r, generic) || other_branch(named_method, r.method, reqs.len()) {
                    continue;
                }
                adopt_at_call_site(
                    &mut r,
                    &[self.a.span(f)],
                    self.a.span(call),
                    self.callee_span(call),
                );
                out.push((r, vec![call]));
            }
        }
        out
    }

    /// The called name of a call (`sendRequest` of `$this->sendRequest(…)`).
    fn callee_span(&self, call: u32) -> Span {
        self.a
            .field(call, "name")
            .or_else(|| self.a.field(call, "function"))
            .map(|n| self.a.span(n))
            .unwrap_or_else(|| self.a.span(call))
    }

    fn enter_call_site(&self, subst: HashMap<u32, u32>) -> SavedMemos<'s> {
        SavedMemos {
            subst: self.subst.replace(subst),
            str_memo: self.memo.strings.take(),
            origin_memo: self.memo.origins.take(),
            stored_memo: self.memo.stored.take(),
            store_memo: self.store_memo.take(),
        }
    }

    fn leave_call_site(&self, saved: SavedMemos<'s>) {
        self.subst.replace(saved.subst);
        self.memo.strings.replace(saved.str_memo);
        self.memo.origins.replace(saved.origin_memo);
        self.memo.stored.replace(saved.stored_memo);
        self.store_memo.replace(saved.store_memo);
    }

    /// The named function or method a node is in (not a closure).
    fn enclosing_fn(&self, node: u32) -> u32 {
        let mut c = node;
        for _ in 0..ANCESTOR_LIMIT {
            c = self.a.parent(c);
            if c == NONE {
                return NONE;
            }
            match self.a.kind(c) {
                "function_definition" | "method_declaration" => return c,
                "anonymous_function"
                | "arrow_function"
                | "anonymous_function_creation_expression" => return NONE,
                _ => {}
            }
        }
        NONE
    }

    fn fn_params(&self, f: u32) -> Vec<u32> {
        let Some(ps) = self.a.field(f, "parameters") else {
            return Vec::new();
        };
        let mut out = self.a.named_vec(ps);
        out.retain(|&p| self.a.field(p, "name").is_some());
        out
    }

    /// (callee `.`-joined, name, name span)
    fn callee(&self, call: u32) -> Option<(String, &'s str, Span)> {
        let (name_node, mut e) = match self.a.kind(call) {
            "function_call_expression" => {
                let f = self.a.field(call, "function")?;
                if !matches!(self.a.kind(f), "name" | "qualified_name") {
                    return None;
                }
                let t = self.a.text(f).trim_start_matches('\\');
                let name_span = self
                    .a
                    .kids(f)
                    .iter()
                    .rev()
                    .find(|&&k| self.a.kind(k) == "name")
                    .map(|&k| self.a.span(k))
                    .unwrap_or_else(|| self.a.span(f));
                return Some((t.replace('\\', "."), last_ns(t), name_span));
            }
            "member_call_expression" | "nullsafe_member_call_expression" => {
                (self.a.field(call, "name")?, self.a.field(call, "object")?)
            }
            "scoped_call_expression" => (self.a.field(call, "name")?, self.a.field(call, "scope")?),
            _ => return None,
        };
        if self.a.kind(name_node) != "name" {
            return None;
        }
        let mut segs: Vec<&str> = vec![self.a.text(name_node)];
        for _ in 0..64 {
            match self.a.kind(e) {
                "member_call_expression"
                | "nullsafe_member_call_expression"
                | "member_access_expression"
                | "nullsafe_member_access_expression" => {
                    segs.push(self.a.member_name(e)?);
                    e = self.a.field(e, "object")?;
                }
                "scoped_call_expression" | "scoped_property_access_expression" => {
                    segs.push(self.a.member_name(e)?);
                    e = self.a.field(e, "scope")?;
                }
                "function_call_expression" => {
                    segs.push(self.fn_name(e)?);
                    break;
                }
                "variable_name" => {
                    segs.push(self.a.var_name(e)?);
                    break;
                }
                "name" | "qualified_name" | "relative_scope" => {
                    segs.push(last_ns(self.a.text(e)));
                    break;
                }
                "parenthesized_expression" => e = self.a.first_named(e)?,
                "object_creation_expression" => {
                    segs.push(last_ns(self.created_class(e)?));
                    break;
                }
                _ => return None,
            }
        }
        segs.reverse();
        Some((
            segs.join("."),
            self.a.text(name_node),
            self.a.span(name_node),
        ))
    }

    fn empty_request(&self, call: u32, library: &str) -> HttpRequest {
        crate::sema::requests::empty_request(self.a.span(call), library)
    }

    /// Method from a literal (`'POST'`): method and its span, or unknown.
    fn method_literal(&self, e: u32) -> (Option<Method>, MethodSource) {
        if let Some((t, span)) = self.literal_text(e) {
            return (Some(Method::parse(&t)), MethodSource::Explicit { span });
        }
        if let Some(v) = self.bound_value(e) {
            if let Some((t, span)) = self.literal_text(v) {
                return (Some(Method::parse(&t)), MethodSource::Explicit { span });
            }
        }
        (None, MethodSource::Unknown)
    }

    fn detect_request(&self, id: u32) -> Option<HttpRequest> {
        match self.a.kind(id) {
            "function_call_expression" => {
                let name = self.fn_name(id)?;
                if Libraries::get()
                    .request_function(Language::Php, name)
                    .is_some()
                {
                    return Some(self.wp_request(id, name));
                }
                if name == "file_get_contents" {
                    return self.stream_request(id);
                }
                if self.local_target(id).is_none() {
                    return self.helper_request(id);
                }
                None
            }
            "member_call_expression" | "nullsafe_member_call_expression" => {
                let name = self.a.member_name(id)?;
                if let Some(chain) = self.laravel_chain(id) {
                    return Some(self.laravel_request(&chain));
                }
                if let Some(r) = self.builder_request(id, name) {
                    return Some(r);
                }
                let verb = name.strip_suffix("Async").unwrap_or(name);
                if matches!(verb, "send" | "sendRequest") {
                    return self.psr7_request(id).or_else(|| self.undefined_helper(id));
                }
                if !(VERBS.contains(&verb) || verb == "request") {
                    return self.undefined_helper(id);
                }
                let obj = self.a.field(id, "object")?;
                match self
                    .obj_inst(obj, 0)
                    .or_else(|| self.looks_like_client(id, obj))
                {
                    Some(inst) => Some(self.client_request(id, inst)),
                    None => self
                        .verb_call_request(id, verb)
                        .or_else(|| self.undefined_helper(id)),
                }
            }
            "scoped_call_expression" => match self.laravel_chain(id) {
                Some(chain) => Some(self.laravel_request(&chain)),
                None => self.undefined_helper(id),
            },
            _ => None,
        }
    }

    /// A call of a helper the file does not define with a parameter of the
    /// enclosing function as one of its arguments.
    fn forwards_parameter_to_helper(&self, id: u32) -> bool {
        if !matches!(
            self.a.kind(id),
            "function_call_expression" | "member_call_expression" | "scoped_call_expression"
        ) || self.local_target(id).is_some()
        {
            return false;
        }
        let f = self.enclosing_fn(id);
        if f == NONE {
            return false;
        }
        let params: Vec<&str> = self
            .fn_params(f)
            .into_iter()
            .filter_map(|p| self.a.field(p, "name").and_then(|n| self.a.var_name(n)))
            .collect();
        self.args_of(id).pos.iter().any(|&a| {
            self.a.kind(a) == "variable_name"
                && self.a.var_name(a).is_some_and(|n| params.contains(&n))
        })
    }

    /// A method call the file does not define, as a request helper.
    fn undefined_helper(&self, id: u32) -> Option<HttpRequest> {
        if self.local_target(id).is_some() {
            return None;
        }
        self.helper_request(id)
    }

    // ----- WordPress --------------------------------------------------------

    fn wp_request(&self, call: u32, name: &str) -> HttpRequest {
        let args = self.args_of(call);
        let fnode = self.a.field(call, "function").unwrap_or(call);
        let mut r = self.empty_request(call, "wordpress");
        r.url = args.get(0, "url").map(|u| self.value_sv(u));
        let items = args
            .get(1, "args")
            .and_then(|o| self.array_items(o, 0))
            .unwrap_or_default();
        // `wp_remote_get`, `wp_safe_remote_post`, `tve_dash_api_remote_post`
        let verb = name.rsplit('_').next().unwrap_or(name);
        let fspan = self.a.span(fnode);
        match verb {
            "get" | "post" | "head" => {
                r.method = Some(Method::parse(verb));
                r.method_source = MethodSource::Explicit {
                    span: fspan.clone(),
                };
                // parameters in the URL would stay there: no local rewrite then
                let url_has_query = r.url.as_ref().is_some_and(|u| u.text().contains('?'));
                if verb == "get" && !url_has_query {
                    let text = self.a.text(fnode);
                    if let Some(at) = text.rfind("get") {
                        let s = fspan.start + at;
                        r.rewrite_hints.push(RewriteHint {
                            kind: RewriteKind::ToPost,
                            edits: vec![(s..s + 3, "post".to_string())],
                        });
                    }
                }
            }
            _ => match self.item(&items, "method") {
                Some(it) => {
                    let (m, src) = self.method_literal(it.value);
                    r.method = m;
                    let url_has_query = r.url.as_ref().is_some_and(|u| u.text().contains('?'));
                    if m == Some(Method::Get) && !url_has_query {
                        if let MethodSource::Explicit { span } = &src {
                            r.rewrite_hints.push(RewriteHint {
                                kind: RewriteKind::ToPost,
                                edits: vec![(span.clone(), "POST".to_string())],
                            });
                        }
                    }
                    r.method_source = src;
                }
                None => {
                    r.method = Some(Method::Get);
                    r.method_source = MethodSource::Default { span: fspan };
                }
            },
        }
        if let Some(it) = self.item(&items, "headers") {
            r.headers = self.header_entries(it.value);
        }
        if let Some(it) = self.item(&items, "body") {
            let (kind, body) = self.body_of(it.value, BodyKind::Form);
            r.body_kind = Some(kind);
            r.body = body;
            r.body_span = Some(self.a.span(it.value));
            if kind == BodyKind::Json {
                if let Shape::JsonEnc(_, Some(f)) = self.shape_of(it.value, 0) {
                    r.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToForm,
                        edits: vec![(self.a.span(f), "http_build_query".to_string())],
                    });
                }
            }
        }
        r.basic_auth = header_basic(&r.headers);
        r
    }

    // ----- file_get_contents with a stream context --------------------------

    fn stream_request(&self, call: u32) -> Option<HttpRequest> {
        let args = self.args_of(call);
        let url_node = args.get(0, "filename")?;
        let url = self.value_sv(url_node);
        let text = url.text();
        let local = text.starts_with("php://")
            || text.starts_with('/')
            || text.starts_with('.')
            || text.starts_with("file:")
            || url.pieces.first().is_some_and(|p| match p {
                Piece::Hole { name, .. } => {
                    let n = name.to_ascii_lowercase();
                    [
                        "__dir__",
                        "__file__",
                        "dirname",
                        "abspath",
                        "plugin_dir",
                        "wp_content_dir",
                        "storage_path",
                        "base_path",
                        "$file",
                        "$path",
                    ]
                    .iter()
                    .any(|w| n.starts_with(w))
                }
                _ => false,
            });
        let ctx = args.get(2, "context");
        if local && ctx.is_none() {
            return None;
        }
        let fnode = self.a.field(call, "function").unwrap_or(call);
        let mut r = self.empty_request(call, "php-stream");
        r.url = Some(url);
        r.method = Some(Method::Get);
        r.method_source = MethodSource::Default {
            span: self.a.span(fnode),
        };
        let http = ctx
            .and_then(|c| self.context_array(c))
            .and_then(|arr| {
                self.array_lookup(arr, "http", 0)
                    .or_else(|| self.array_lookup(arr, "https", 0))
            })
            .and_then(|h| self.array_items(h, 0))
            .unwrap_or_default();
        if let Some(it) = self.item(&http, "method") {
            let (m, src) = self.method_literal(it.value);
            r.method = m;
            r.method_source = src;
        }
        if let Some(it) = self.item(&http, "header") {
            r.headers = self.header_entries(it.value);
        }
        if let Some(it) = self.item(&http, "content") {
            let (kind, body) = self.body_of(it.value, BodyKind::Form);
            r.body_kind = Some(kind);
            r.body = body;
            r.body_span = Some(self.a.span(it.value));
        }
        if ctx.is_none() && args.pos.len() == 1 && args.named.is_empty() {
            r.rewrite_hints
                .extend(self.stream_post(url_node).map(|edits| RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits,
                }));
        }
        r.basic_auth = header_basic(&r.headers);
        Some(r)
    }

    /// `file_get_contents($url . '?' . $query)` as a POST through a stream
    /// context, the query its form content; a URL with no query written
    /// apart gets the context alone.
    fn stream_post(&self, url_node: u32) -> Option<Vec<(Span, String)>> {
        const OPEN: &str = "stream_context_create(['http' => ['method' => 'POST', \
             'header' => 'Content-Type: application/x-www-form-urlencoded'";
        let text = self.a.text(url_node);
        let span = self.a.span(url_node);
        static JOIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let join = JOIN.get_or_init(|| {
            regex::Regex::new(r#"^(?s)(.+?)\s*\.\s*(['"])\?['"]\s*\.\s*(.+)$"#).expect("join")
        });
        let edit = match join.captures(text) {
            Some(c) => format!(
                "{}, false, {OPEN}, 'content' => {}]])",
                c.get(1)?.as_str(),
                c.get(3)?.as_str()
            ),
            None => {
                let end = span.end;
                return Some(vec![(end..end, format!(", false, {OPEN}]])"))]);
            }
        };
        Some(vec![(span, edit)])
    }

    /// The options array of `stream_context_create([...])` (inline or bound).
    fn context_array(&self, e: u32) -> Option<u32> {
        let call = match self.a.kind(e) {
            "function_call_expression" => e,
            "variable_name" => self.var_value(e)?,
            _ => return None,
        };
        if self.fn_name(call)? != "stream_context_create" {
            return None;
        }
        self.args_of(call).pos.first().copied()
    }

    // ----- Guzzle / Symfony HttpClient --------------------------------------

    /// The client a receiver holds, when the file shows it.
    fn obj_inst(&self, e: u32, depth: u32) -> Option<Inst> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "object_creation_expression" => {
                let lib = self.client_type(self.created_class(e)?)?;
                let opts = self.args_of(e).pos.first().copied();
                Some(Inst { lib, opts })
            }
            "scoped_call_expression" => {
                let sc = self.a.field(e, "scope")?;
                let name = self.a.member_name(e)?;
                if last_ns(self.a.text(sc)) == "HttpClient" && name == "create" {
                    return Some(Inst {
                        lib: "symfony",
                        opts: self.args_of(e).pos.first().copied(),
                    });
                }
                None
            }
            "parenthesized_expression" => self.obj_inst(self.a.first_named(e)?, depth + 1),
            "variable_name" => {
                let name = self.a.var_name(e)?;
                match self.origin_binding(e, name)?.kind {
                    BindKind::Value(v) => self.obj_inst(v, depth + 1),
                    BindKind::Param(p) => {
                        let t = self.a.field(p, "type")?;
                        let lib = self.client_type(self.a.text(t))?;
                        Some(Inst { lib, opts: None })
                    }
                    _ => None,
                }
            }
            "member_access_expression" | "nullsafe_member_access_expression" => {
                let obj = self.a.field(e, "object")?;
                if !self.a.is_this(obj) {
                    return None;
                }
                let class = self.a.class(e);
                let name = self.a.member_name(e)?;
                for v in self.prop_values(class, name).iter().flatten().copied() {
                    if let Some(i) = self.obj_inst(v, depth + 1) {
                        return Some(i);
                    }
                }
                let t = self.prop_type(class, name)?;
                let lib = self.client_type(t)?;
                Some(Inst { lib, opts: None })
            }
            _ => None,
        }
    }

    /// `Client`, `\GuzzleHttp\Client`, `ClientInterface`, `HttpClientInterface`.
    fn client_type(&self, t: &str) -> Option<&'static str> {
        let t = t.trim_start_matches('?').trim_start_matches('\\');
        let full = if t.contains('\\') {
            t.to_string()
        } else {
            match self.imports.get(t) {
                Some(f) => f.clone(),
                None if matches!(t, "Client" | "ClientInterface") && self.mentions_guzzle => {
                    format!("GuzzleHttp\\{t}")
                }
                None => t.to_string(),
            }
        };
        match full.as_str() {
            "GuzzleHttp\\Client" | "GuzzleHttp\\ClientInterface" => Some("guzzle"),
            "Symfony\\Contracts\\HttpClient\\HttpClientInterface"
            | "Symfony\\Component\\HttpClient\\HttpClient" => Some("symfony"),
            _ => None,
        }
    }

    /// A client the file does not show, recognised by its options or its name.
    /// `connectIntegration($url, $headers, 'POST', $data)`,
    /// `self::request('POST', $url, $payload)`, `$this->api_call($params)`:
    /// a helper the file does not define, read from its call
    /// ([`crate::sema::helpers`]).
    fn helper_request(&self, call: u32) -> Option<HttpRequest> {
        crate::sema::helpers::helper_request(self, call, "helper", self.a.span(call))
    }

    /// `$http->post($url, $data)` on an object of unknown class (a
    /// framework's own curl class, a project's client): a request only when
    /// the URL is an absolute OAuth URL. The second argument is the query
    /// of a GET and the body otherwise.
    fn verb_call_request(&self, call: u32, verb: &str) -> Option<HttpRequest> {
        if verb == "request" {
            return None;
        }
        let args = self.args_of(call);
        let u = *args.pos.first()?;
        let url = self.value_sv(u);
        let text = url.text();
        if !(text.contains("://") && text.contains("/oauth/")) {
            return None;
        }
        let mut r = self.empty_request(call, "http");
        let name_node = self.a.field(call, "name").unwrap_or(call);
        r.method = Some(Method::parse(verb));
        r.method_source = MethodSource::Explicit {
            span: self.a.span(name_node),
        };
        r.url = Some(url);
        if let Some(&d) = args.pos.get(1) {
            if r.method == Some(Method::Get) {
                r.query = self.items_entries(&self.array_items(d, 0).unwrap_or_default());
            } else {
                let (kind, body) = self.body_of(d, BodyKind::Form);
                r.body_kind = Some(kind);
                r.body = body;
                r.body_span = Some(self.a.span(d));
            }
        }
        Some(r)
    }

    fn looks_like_client(&self, call: u32, obj: u32) -> Option<Inst> {
        let name = self.a.member_name(call)?;
        let args = self.args_of(call);
        let opts = if name.starts_with("request") {
            args.pos.get(2)
        } else {
            args.pos.get(1)
        };
        let has_opts = opts
            .and_then(|&o| self.array_items(o, 0))
            .is_some_and(|items| {
                items.iter().any(|it| {
                    it.key
                        .as_ref()
                        .is_some_and(|k| CLIENT_OPTION_KEYS.contains(&k.0.as_str()))
                })
            });
        let recv = self.a.text(obj).to_ascii_lowercase();
        let named = recv.contains("client") || recv.contains("guzzle");
        let url_arg = if name.starts_with("request") {
            args.pos.get(1)
        } else {
            args.pos.first()
        };
        let urlish = url_arg.is_some_and(|&u| {
            let t = self.value_sv(u).text();
            t.contains("://") || t.starts_with('/') || t.contains("oauth")
        });
        if has_opts || (named && urlish) {
            Some(Inst {
                lib: "guzzle",
                opts: None,
            })
        } else {
            None
        }
    }

    fn client_request(&self, call: u32, inst: Inst) -> HttpRequest {
        let args = self.args_of(call);
        let name_node = self.a.field(call, "name").unwrap_or(call);
        let name = self.a.text(name_node);
        let mut r = self.empty_request(call, inst.lib);
        let is_request = name.starts_with("request");
        let (url_arg, opts_arg) = if is_request {
            (
                args.get(1, "uri").or_else(|| args.get(1, "url")),
                args.get(2, "options"),
            )
        } else {
            (
                args.get(0, "uri").or_else(|| args.get(0, "url")),
                args.get(1, "options"),
            )
        };
        if is_request {
            match args.get(0, "method") {
                Some(mn) => {
                    let (m, src) = self.method_literal(mn);
                    r.method = m;
                    if m == Some(Method::Get) {
                        if let MethodSource::Explicit { span } = &src {
                            r.rewrite_hints.push(RewriteHint {
                                kind: RewriteKind::ToPost,
                                edits: vec![(span.clone(), "POST".to_string())],
                            });
                        }
                    }
                    r.method_source = src;
                }
                None => r.method_source = MethodSource::Unknown,
            }
        } else {
            let verb = name.strip_suffix("Async").unwrap_or(name);
            r.method = Some(Method::parse(verb));
            let span = self.a.span(name_node);
            r.method_source = MethodSource::Explicit { span: span.clone() };
            if verb == "get" {
                r.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits: vec![(span.start..span.start + 3, "post".to_string())],
                });
            }
        }
        let ctor = inst
            .opts
            .and_then(|o| self.array_items(o, 0))
            .unwrap_or_default();
        let opts = opts_arg
            .and_then(|o| self.array_items(o, 0))
            .unwrap_or_default();
        let base = self.item(&ctor, "base_uri").map(|it| it.value);
        let mut url_pieces = Vec::new();
        if let Some(u) = url_arg {
            url_pieces = self.value_sv(u).pieces;
        }
        let joined = match base {
            Some(b) => join_url(self.value_sv(b).pieces, url_pieces),
            None => url_pieces,
        };
        if url_arg.is_some() || base.is_some() {
            r.url = Some(StrValue {
                pieces: joined,
                span: url_arg
                    .map(|u| self.a.span(u))
                    .unwrap_or_else(|| self.a.span(call)),
            });
        }
        for it in ctor.iter().chain(opts.iter()) {
            let Some((key, _)) = &it.key else { continue };
            match key.as_str() {
                "headers" => r.headers.extend(self.header_entries(it.value)),
                "auth" => {
                    let items = self.array_items(it.value, 0).unwrap_or_default();
                    let kind = items
                        .get(2)
                        .and_then(|k| self.literal_text(k.value))
                        .map(|t| t.0.to_ascii_lowercase());
                    r.basic_auth |= !matches!(kind.as_deref(), Some("digest") | Some("ntlm"))
                        && self.a.kind(it.value) != "null";
                }
                "auth_basic" => r.basic_auth = true,
                _ => {}
            }
        }
        for it in &opts {
            let Some((key, kspan)) = &it.key else {
                continue;
            };
            match key.as_str() {
                "form_params" => {
                    r.body_kind = Some(BodyKind::Form);
                    r.body = self.items_entries(&self.array_items(it.value, 0).unwrap_or_default());
                    r.body_span = Some(self.a.span(it.value));
                }
                "json" => {
                    r.body_kind = Some(BodyKind::Json);
                    r.body = self.items_entries(&self.array_items(it.value, 0).unwrap_or_default());
                    r.body_span = Some(self.a.span(it.value));
                    let new_key = if inst.lib == "symfony" {
                        "body"
                    } else {
                        "form_params"
                    };
                    r.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToForm,
                        edits: vec![(kspan.clone(), new_key.to_string())],
                    });
                }
                "multipart" => {
                    r.body_kind = Some(BodyKind::Multipart);
                    r.body_span = Some(self.a.span(it.value));
                }
                "body" => {
                    let (kind, body) = self.body_of(it.value, BodyKind::Form);
                    r.body_kind = Some(kind);
                    r.body = body;
                    r.body_span = Some(self.a.span(it.value));
                }
                "query" => {
                    r.query = match self.array_items(it.value, 0) {
                        Some(items) => self.items_entries(&items),
                        None => string_pairs(&self.value_sv(it.value), false, slice_pieces),
                    };
                    if r.method == Some(Method::Get) {
                        for h in r.rewrite_hints.iter_mut() {
                            if h.kind == RewriteKind::ToPost {
                                let new_key = if inst.lib == "symfony" {
                                    "body"
                                } else {
                                    "form_params"
                                };
                                h.edits.push((kspan.clone(), new_key.to_string()));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        r.basic_auth |= header_basic(&r.headers);
        r
    }

    /// `$client->send(new Request('POST', $url, $headers, $body))`.
    /// A fluent builder chain that sets a URL and ends in the builder's
    /// send method (library data says which setter sets what).
    fn builder_request(&self, call: u32, name: &str) -> Option<HttpRequest> {
        for (lib, b) in Libraries::get().builders(Language::Php, name) {
            // the setters, from the send call back to the chain's start
            let mut setters: Vec<(BuilderRole, u32)> = Vec::new();
            let mut c = call;
            let mut root = call;
            // the static call that starts the chain: (call, verb)
            let mut start: Option<(u32, &str)> = None;
            for _ in 0..64 {
                let Some(obj) = self.a.field(c, "object") else {
                    break;
                };
                let next = match self.a.kind(obj) {
                    "variable_name" if !self.a.is_this(obj) => match self.var_value(obj) {
                        Some(v) => v,
                        None => break,
                    },
                    "parenthesized_expression" => match self.a.first_named(obj) {
                        Some(v) => v,
                        None => break,
                    },
                    _ => obj,
                };
                if !matches!(
                    self.a.kind(next),
                    "member_call_expression" | "nullsafe_member_call_expression"
                ) {
                    start = b
                        .start
                        .as_deref()
                        .and_then(|class| self.verb_of_start(next, class))
                        .map(|verb| (next, verb));
                    if start.is_some() {
                        root = next;
                    }
                    break;
                }
                if let Some(role) = self.a.member_name(next).and_then(|n| b.role(n)) {
                    setters.push((role, next));
                }
                root = next;
                c = next;
            }
            if start.is_none() && !setters.iter().any(|(r, _)| *r == BuilderRole::Url) {
                continue;
            }
            setters.reverse();
            let mut r = self.empty_request(call, &lib.library);
            r.span = self.a.start(root) as usize..self.a.end(call) as usize;
            let mut data: Option<u32> = None;
            let mut json = false;
            let is_json = |t: &str| b.json_formats.iter().any(|f| t.contains(f.as_str()));
            if let Some((s, verb)) = start {
                r.method = Some(Method::parse(verb));
                if let Some(n) = self.a.field(s, "name") {
                    r.method_source = MethodSource::Explicit {
                        span: self.a.span(n),
                    };
                }
                let args = self.args_of(s).pos;
                if let Some(&u) = args.first() {
                    r.url = Some(self.value_sv(u));
                }
                data = args.get(1).copied();
                json = args.get(2).is_some_and(|&f| is_json(self.a.text(f)));
            }
            if let Some(m) = &b.default_method {
                r.method = Some(Method::parse(m));
                r.method_source = MethodSource::Default {
                    span: self
                        .a
                        .field(call, "name")
                        .map(|n| self.a.span(n))
                        .unwrap_or_else(|| self.a.span(call)),
                };
            }
            for &(role, sc) in &setters {
                let args = self.args_of(sc).pos;
                let Some(arg) = args.first().copied() else {
                    // `->sendsJson()`: the setter's name is the format
                    match role {
                        BuilderRole::Format => {
                            json = self.a.member_name(sc).is_some_and(is_json);
                        }
                        BuilderRole::Basic => r.basic_auth = true,
                        _ => {}
                    }
                    continue;
                };
                match role {
                    BuilderRole::Method => {
                        let (m, src) = self.method_literal(arg);
                        r.method = m;
                        if m == Some(Method::Get) {
                            if let MethodSource::Explicit { span } = &src {
                                let post = if self.a.text(arg).contains("GET") {
                                    "POST"
                                } else {
                                    "post"
                                };
                                let inner = span.clone();
                                r.rewrite_hints.push(RewriteHint {
                                    kind: RewriteKind::ToPost,
                                    edits: vec![(inner, post.to_string())],
                                });
                            }
                        }
                        r.method_source = src;
                    }
                    BuilderRole::Url => {
                        r.url = Some(self.value_sv(arg));
                    }
                    BuilderRole::Data => {
                        data = Some(arg);
                        // `->body($payload, 'form')`: the data's format
                        if let Some(&f) = args.get(1) {
                            json = is_json(self.a.text(f));
                        }
                    }
                    BuilderRole::Headers => r.headers.extend(self.header_entries(arg)),
                    BuilderRole::Format => json = is_json(self.a.text(arg)),
                    BuilderRole::Basic => r.basic_auth = true,
                }
            }
            if let Some(d) = data {
                if r.method == Some(Method::Get) {
                    r.query = self.items_entries(&self.array_items(d, 0).unwrap_or_default());
                } else {
                    let (kind, body) = self.body_of(d, BodyKind::Form);
                    r.body_kind = Some(if json { BodyKind::Json } else { kind });
                    r.body = body;
                    r.body_span = Some(self.a.span(d));
                }
            }
            r.basic_auth |= header_says_basic(&r.headers);
            return Some(r);
        }
        None
    }

    /// The verb of `Class::post(…)` when `Class` is `class` (fully
    /// qualified, or imported under that name).
    fn verb_of_start(&self, call: u32, class: &str) -> Option<&'static str> {
        if self.a.kind(call) != "scoped_call_expression" {
            return None;
        }
        let scope = self.a.text(self.a.field(call, "scope")?);
        if self.qualified(scope)? != class {
            return None;
        }
        let name = self
            .a
            .text(self.a.field(call, "name")?)
            .to_ascii_lowercase();
        VERBS.iter().copied().find(|v| *v == name)
    }

    fn psr7_request(&self, call: u32) -> Option<HttpRequest> {
        let args = self.args_of(call);
        let a0 = *args.pos.first()?;
        let ctor = match self.a.kind(a0) {
            "object_creation_expression" => a0,
            "variable_name" => self.var_value(a0)?,
            _ => return None,
        };
        let t = self.created_class(ctor)?.trim_start_matches('\\');
        let full = if t.contains('\\') {
            t.to_string()
        } else {
            self.imports.get(t).cloned().unwrap_or_default()
        };
        if !matches!(
            full.as_str(),
            "GuzzleHttp\\Psr7\\Request" | "Nyholm\\Psr7\\Request" | "Laminas\\Diactoros\\Request"
        ) {
            return None;
        }
        let cargs = self.args_of(ctor);
        let mut r = self.empty_request(call, "guzzle");
        if let Some(mn) = cargs.get(0, "method") {
            let (m, src) = self.method_literal(mn);
            r.method = m;
            r.method_source = src;
        }
        r.url = cargs.get(1, "uri").map(|u| self.value_sv(u));
        if let Some(h) = cargs.get(2, "headers") {
            r.headers = self.header_entries(h);
        }
        if let Some(b) = cargs.get(3, "body") {
            let (kind, body) = self.body_of(b, BodyKind::Unknown);
            r.body_kind = Some(kind);
            r.body = body;
            r.body_span = Some(self.a.span(b));
        }
        r.basic_auth = header_basic(&r.headers);
        Some(r)
    }

    // ----- Laravel `Http` ---------------------------------------------------

    fn is_http_facade(&self, sc: u32) -> bool {
        let t = self.a.text(sc).trim_start_matches('\\');
        if t == "Illuminate\\Support\\Facades\\Http" {
            return true;
        }
        if t.contains('\\') {
            return false;
        }
        match self.imports.get(t) {
            Some(full) => full == "Illuminate\\Support\\Facades\\Http" || full == "Http",
            None => t == "Http",
        }
    }

    /// The calls of an `Http::…->verb(…)` chain, root first, when `call` is
    /// its sending call.
    fn laravel_chain(&self, call: u32) -> Option<Vec<u32>> {
        let name = self.a.member_name(call)?;
        if !(VERBS.contains(&name) || name == "send") {
            return None;
        }
        let mut chain = vec![call];
        let mut c = call;
        for _ in 0..64 {
            match self.a.kind(c) {
                "scoped_call_expression" => {
                    let sc = self.a.field(c, "scope")?;
                    if !self.is_http_facade(sc) {
                        return None;
                    }
                    chain.reverse();
                    return Some(chain);
                }
                "member_call_expression" | "nullsafe_member_call_expression" => {
                    let obj = self.a.field(c, "object")?;
                    let next = match self.a.kind(obj) {
                        "variable_name" => self.var_value(obj)?,
                        "parenthesized_expression" => self.a.first_named(obj)?,
                        "member_access_expression" | "scoped_property_access_expression" => {
                            self.bound_value(obj)?
                        }
                        _ => obj,
                    };
                    if !matches!(
                        self.a.kind(next),
                        "member_call_expression"
                            | "nullsafe_member_call_expression"
                            | "scoped_call_expression"
                    ) {
                        return None;
                    }
                    chain.push(next);
                    c = next;
                }
                _ => return None,
            }
        }
        None
    }

    fn laravel_request(&self, chain: &[u32]) -> HttpRequest {
        let call = *chain.last().unwrap_or(&0);
        let root = *chain.first().unwrap_or(&call);
        let mut r = self.empty_request(call, "laravel");
        r.span = self.a.start(root) as usize..self.a.end(call) as usize;
        let mut form = false;
        let mut as_json: Option<u32> = None;
        let mut multipart = false;
        let mut base: Option<u32> = None;
        let mut raw_body: Option<u32> = None;
        for &c in &chain[..chain.len().saturating_sub(1)] {
            let Some(n) = self.a.member_name(c) else {
                continue;
            };
            let args = self.args_of(c);
            let a0 = args.pos.first().copied();
            match n {
                "asForm" => form = true,
                "asJson" => as_json = self.a.field(c, "name"),
                "asMultipart" | "attach" => multipart = true,
                "withBasicAuth" => r.basic_auth = true,
                "withHeaders" => {
                    if let Some(a) = a0 {
                        r.headers.extend(self.header_entries(a));
                    }
                }
                "withHeader" => {
                    if let (Some(k), Some(&v)) = (a0, args.pos.get(1)) {
                        if let Some((key, ks)) = self.literal_text(k) {
                            r.headers.push(Entry {
                                key,
                                key_span: Some(ks),
                                value: self.value_opt(v),
                                value_span: Some(self.a.span(v)),
                                span: self.a.span(c),
                            });
                        }
                    }
                }
                "contentType" => {
                    if let Some(a) = a0 {
                        r.headers.push(Entry {
                            key: "Content-Type".to_string(),
                            key_span: None,
                            value: self.value_opt(a),
                            value_span: Some(self.a.span(a)),
                            span: self.a.span(c),
                        });
                    }
                }
                "baseUrl" => base = a0,
                "withQueryParameters" => {
                    if let Some(items) = a0.and_then(|a| self.array_items(a, 0)) {
                        r.query.extend(self.items_entries(&items));
                    }
                }
                "withBody" => {
                    raw_body = a0;
                    if let Some(&t) = args.pos.get(1) {
                        r.headers.push(Entry {
                            key: "Content-Type".to_string(),
                            key_span: None,
                            value: self.value_opt(t),
                            value_span: Some(self.a.span(t)),
                            span: self.a.span(c),
                        });
                    }
                }
                _ => {}
            }
        }
        let name_node = self.a.field(call, "name").unwrap_or(call);
        let verb = self.a.text(name_node);
        let args = self.args_of(call);
        let (url_arg, data_arg) = if verb == "send" {
            let (m, src) = match args.get(0, "method") {
                Some(mn) => self.method_literal(mn),
                None => (None, MethodSource::Unknown),
            };
            r.method = m;
            r.method_source = src;
            (args.get(1, "url"), None)
        } else {
            r.method = Some(Method::parse(verb));
            r.method_source = MethodSource::Explicit {
                span: self.a.span(name_node),
            };
            (
                args.get(0, "url"),
                args.get(
                    1,
                    if verb == "get" || verb == "head" {
                        "query"
                    } else {
                        "data"
                    },
                ),
            )
        };
        let url = url_arg.map(|u| self.value_sv(u));
        r.url = match (base, url) {
            (Some(b), Some(u)) => Some(StrValue {
                span: u.span.clone(),
                pieces: join_url(self.value_sv(b).pieces, u.pieces),
            }),
            (None, u) => u,
            (Some(b), None) => Some(self.value_sv(b)),
        };
        let ns = self.a.span(name_node);
        let default_kind = if multipart {
            BodyKind::Multipart
        } else if form {
            BodyKind::Form
        } else {
            BodyKind::Json
        };
        match (verb, data_arg) {
            ("get" | "head", Some(q)) => {
                r.query = match self.array_items(q, 0) {
                    Some(items) => self.items_entries(&items),
                    None => string_pairs(&self.value_sv(q), false, slice_pieces),
                };
            }
            (_, Some(d)) => {
                let (kind, body) = self.body_of(d, default_kind);
                r.body_kind = Some(kind);
                r.body = body;
                r.body_span = Some(self.a.span(d));
            }
            _ => {}
        }
        if verb == "send" {
            let opts = args
                .get(2, "options")
                .and_then(|o| self.array_items(o, 0))
                .unwrap_or_default();
            for it in &opts {
                let Some((key, _)) = &it.key else { continue };
                match key.as_str() {
                    "form_params" | "json" | "body" => {
                        let k = match key.as_str() {
                            "form_params" => BodyKind::Form,
                            "json" => BodyKind::Json,
                            _ => default_kind,
                        };
                        let (kind, body) = self.body_of(it.value, k);
                        r.body_kind = Some(if key == "body" { kind } else { k });
                        r.body = body;
                        r.body_span = Some(self.a.span(it.value));
                    }
                    "query" => {
                        if let Some(items) = self.array_items(it.value, 0) {
                            r.query = self.items_entries(&items);
                        }
                    }
                    "headers" => r.headers.extend(self.header_entries(it.value)),
                    _ => {}
                }
            }
        }
        if let Some(b) = raw_body {
            let (kind, body) = self.body_of(b, BodyKind::Raw);
            r.body_kind = Some(kind);
            r.body = body;
            r.body_span = Some(self.a.span(b));
        }
        // rewrites: `Http::post` → `Http::asForm()->post`, `get` → `asForm()->post`
        if r.body_kind == Some(BodyKind::Json) && raw_body.is_none() && verb != "send" {
            let edits = match as_json {
                Some(n) => vec![(self.a.span(n), "asForm".to_string())],
                None => vec![(ns.start..ns.start, "asForm()->".to_string())],
            };
            r.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToForm,
                edits,
            });
        }
        if verb == "get" {
            let replacement = if form || as_json.is_some() {
                "post"
            } else {
                "asForm()->post"
            };
            let mut edits = vec![(ns.clone(), replacement.to_string())];
            if let Some(n) = as_json {
                edits.push((self.a.span(n), "asForm".to_string()));
            }
            r.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToPost,
                edits,
            });
        }
        r.basic_auth |= header_basic(&r.headers);
        r
    }

    // ----- curl -------------------------------------------------------------

    fn curl_groups(&self) -> Vec<CurlGroup> {
        let mut keys: Vec<&(u32, &'s str)> = self.curl_calls.keys().collect();
        keys.sort();
        let mut out = Vec::new();
        for k in keys {
            let mut calls = self.curl_calls.get(k).cloned().unwrap_or_default();
            calls.sort_by_key(|&c| self.a.start(c));
            let mut cur: Option<CurlGroup> = None;
            for c in calls {
                let name = self.fn_name(c).unwrap_or("");
                if name == "curl_init" {
                    if let Some(g) = cur.take() {
                        out.push(g);
                    }
                    cur = Some(CurlGroup {
                        init: Some(c),
                        ..Default::default()
                    });
                    continue;
                }
                let g = cur.get_or_insert_with(CurlGroup::default);
                match name {
                    "curl_setopt" => g.setopts.push(c),
                    "curl_setopt_array" => g.arrays.push(c),
                    "curl_exec" => g.execs.push(c),
                    _ => {}
                }
            }
            out.extend(cur);
        }
        out
    }

    fn curl_request(&self, g: &CurlGroup) -> Option<HttpRequest> {
        // (option name, name node, value) in order
        let mut opts: Vec<(&'s str, u32, u32)> = Vec::new();
        let mut calls: Vec<u32> = g.setopts.iter().chain(&g.arrays).copied().collect();
        // in a wrapper lowered for a caller, options set in a branch the
        // caller's arguments rule out (`if ($method == 'POST')`) are not set
        calls.retain(|&c| !self.ruled_out_here(c));
        calls.sort_by_key(|&c| self.a.start(c));
        for c in calls {
            let args = self.args_of(c);
            if self.fn_name(c) == Some("curl_setopt") {
                if let (Some(&o), Some(&v)) = (args.pos.get(1), args.pos.get(2)) {
                    if matches!(self.a.kind(o), "name" | "qualified_name") {
                        opts.push((last_ns(self.a.text(o)), o, v));
                    }
                }
            } else if let Some(&arr) = args.pos.get(1) {
                for it in self.array_items(arr, 0).unwrap_or_default() {
                    if let Some(k) = it.key_node {
                        if matches!(self.a.kind(k), "name" | "qualified_name") {
                            opts.push((last_ns(self.a.text(k)), k, it.value));
                        }
                    }
                }
            }
        }
        let first = g
            .init
            .or_else(|| g.setopts.first().copied())
            .or_else(|| g.arrays.first().copied())
            .or_else(|| g.execs.first().copied())?;
        let start = self.a.start(first) as usize;
        let end = g
            .execs
            .iter()
            .map(|&e| self.a.end(e) as usize)
            .filter(|&e| e >= start)
            .max()
            .unwrap_or(self.a.end(first) as usize);
        let mut r = self.empty_request(first, "curl");
        r.span = start..end;
        let url_opt = opts
            .iter()
            .rev()
            .find(|o| o.0 == "CURLOPT_URL")
            .map(|o| o.2);
        let url_node =
            url_opt.or_else(|| g.init.and_then(|i| self.args_of(i).pos.first().copied()));
        r.url = url_node.map(|u| self.value_sv(u));
        let fspan = self
            .a
            .field(first, "function")
            .map(|f| self.a.span(f))
            .unwrap_or_else(|| self.a.span(first));
        r.method = Some(Method::Get);
        r.method_source = MethodSource::Default { span: fspan };
        let truthy = |v: u32| -> Option<bool> {
            let t = self.a.text(v).trim().to_ascii_lowercase();
            match t.as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            }
        };
        let mut custom = None;
        for &(name, name_node, v) in &opts {
            match name {
                "CURLOPT_POST" => match truthy(v) {
                    Some(true) => {
                        r.method = Some(Method::Post);
                        r.method_source = MethodSource::Explicit {
                            span: self.a.span(v),
                        };
                    }
                    Some(false) => {
                        r.method = Some(Method::Get);
                        r.method_source = MethodSource::Explicit {
                            span: self.a.span(v),
                        };
                    }
                    None => {
                        r.method = None;
                        r.method_source = MethodSource::Unknown;
                    }
                },
                "CURLOPT_HTTPGET" if truthy(v) == Some(true) => {
                    r.method = Some(Method::Get);
                    r.method_source = MethodSource::Explicit {
                        span: self.a.span(v),
                    };
                }
                "CURLOPT_NOBODY" if truthy(v) == Some(true) => {
                    r.method = Some(Method::Head);
                    r.method_source = MethodSource::Explicit {
                        span: self.a.span(v),
                    };
                }
                "CURLOPT_POSTFIELDS" => {
                    if !matches!(r.method_source, MethodSource::Explicit { .. })
                        || r.method == Some(Method::Get)
                    {
                        r.method = Some(Method::Post);
                        r.method_source = MethodSource::Default {
                            span: self.a.span(name_node),
                        };
                    }
                    let (kind, body) = self.body_of(v, BodyKind::Form);
                    r.body_kind = Some(kind);
                    r.body = body;
                    r.body_span = Some(self.a.span(v));
                    if kind == BodyKind::Json {
                        if let Shape::JsonEnc(_, Some(f)) = self.shape_of(v, 0) {
                            r.rewrite_hints.push(RewriteHint {
                                kind: RewriteKind::ToForm,
                                edits: vec![(self.a.span(f), "http_build_query".to_string())],
                            });
                        }
                    }
                }
                "CURLOPT_CUSTOMREQUEST" => custom = Some(v),
                "CURLOPT_HTTPHEADER" => r.headers.extend(self.header_entries(v)),
                "CURLOPT_USERPWD" => r.basic_auth = true,
                _ => {}
            }
        }
        if let Some(v) = custom {
            let (m, src) = self.method_literal(v);
            if m == Some(Method::Get) {
                if let MethodSource::Explicit { span } = &src {
                    r.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToPost,
                        edits: vec![(span.clone(), "POST".to_string())],
                    });
                }
            }
            r.method = m;
            r.method_source = src;
        } else if r.method == Some(Method::Get)
            && matches!(r.method_source, MethodSource::Default { .. })
        {
            // a handle that never chose a method sends GET: set CURLOPT_POST
            // right after the statement the finding is reported at
            let own_url = url_node.is_some_and(|u| !self.mentions_parameter(u));
            if let Some(edit) = self.curl_post_after(first, g).filter(|_| own_url) {
                r.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits: vec![edit],
                });
            }
        }
        r.basic_auth |= header_basic(&r.headers);
        Some(r)
    }

    /// Whether `node` is in a branch that the arguments of the call site
    /// being lowered rule out (never outside a call site).
    fn ruled_out_here(&self, node: u32) -> bool {
        !self.subst.borrow().is_empty()
            && crate::sema::guards::ruled_out_by(
                &self.a,
                &self.sc.ir,
                node,
                |n| {
                    let v = self.value_sv(n);
                    v.is_plain().then(|| v.text())
                },
                |n| self.truth_here(n),
            )
    }

    /// The truth of a test that is not a comparison, when the values it
    /// tests are known: `empty($x)`, or `$x` itself.
    fn truth_here(&self, n: u32) -> Option<bool> {
        match self.a.kind(n) {
            "function_call_expression" if self.fn_name(n) == Some("empty") => {
                match self.args_of(n).pos.as_slice() {
                    [x] => self.emptiness(*x, 0),
                    _ => None,
                }
            }
            "variable_name" => self.emptiness(n, 0).map(|e| !e),
            _ => None,
        }
    }

    /// Whether an expression is empty in PHP's sense (`[]`, `''`, `'0'`,
    /// `null`, `false`), when its value is known; a variable is followed
    /// to the value it holds (a parameter to its caller's argument, or its
    /// default).
    fn emptiness(&self, x: u32, depth: u32) -> Option<bool> {
        if depth > 4 {
            return None;
        }
        match self.a.kind(x) {
            "variable_name" => {
                let name = self.a.var_name(x)?;
                match self.str_binding(x, name)?.kind {
                    BindKind::Value(v) if v != x => self.emptiness(v, depth + 1),
                    _ => None,
                }
            }
            "parenthesized_expression" => self.emptiness(self.a.first_named(x)?, depth + 1),
            "array_creation_expression" => Some(self.a.named(x).next().is_none()),
            "null" => Some(true),
            "boolean" => Some(self.a.text(x).eq_ignore_ascii_case("false")),
            "integer" => Some(self.a.text(x) == "0"),
            "string" | "encapsed_string" => {
                let v = self.value_sv(x);
                v.is_plain().then(|| matches!(v.text().as_str(), "" | "0"))
            }
            _ => None,
        }
    }

    /// Whether an expression names a parameter of the function around it:
    /// a request built from one is every caller's (a helper), and an edit
    /// of it would change them all.
    fn mentions_parameter(&self, node: u32) -> bool {
        let f = self.enclosing_fn(node);
        if f == NONE {
            return false;
        }
        let text = self.a.text(node);
        self.fn_params(f).into_iter().any(|p| {
            let Some(name) = self.a.field(p, "name").and_then(|n| self.a.var_name(n)) else {
                return true;
            };
            let var = format!("${name}");
            text.match_indices(&var).any(|(at, _)| {
                !text[at + var.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        })
    }

    /// ` curl_setopt($ch, CURLOPT_POST, true);` after the statement holding
    /// `node`, on its line, for the handle the group's calls name.
    fn curl_post_after(&self, node: u32, g: &CurlGroup) -> Option<(Span, String)> {
        let handle = g
            .setopts
            .iter()
            .chain(&g.execs)
            .find_map(|&c| self.args_of(c).pos.first().copied())
            .map(|h| self.a.text(h))
            .filter(|h| h.starts_with('$') && h.len() > 1)?;
        let mut stmt = node;
        while self.a.kind(stmt) != "expression_statement" {
            stmt = self.a.parent(stmt);
            if stmt == NONE {
                return None;
            }
        }
        let end = self.a.end(stmt) as usize;
        Some((
            end..end,
            format!(" curl_setopt({handle}, CURLOPT_POST, true);"),
        ))
    }

    // ----- local functions ---------------------------------------------------

    /// A function or method defined in this file that a call invokes.
    fn local_target(&self, call: u32) -> Option<u32> {
        match self.a.kind(call) {
            "function_call_expression" => {
                let name = self.fn_name(call)?;
                self.sc
                    .functions_by_name
                    .get(name)?
                    .iter()
                    .copied()
                    .find(|&f| self.a.kind(f) == "function_definition")
            }
            "member_call_expression" | "nullsafe_member_call_expression" => {
                let obj = self.a.field(call, "object")?;
                let name = self.a.member_name(call)?;
                let class = if self.a.is_this(obj) {
                    let c = self.a.class(call);
                    (c != NONE).then_some(c)
                } else {
                    match self.a.kind(obj) {
                        "variable_name" => self
                            .var_value(obj)
                            .and_then(|v| self.class_named(self.created_class(v)?)),
                        _ => None,
                    }
                };
                if let Some(c) = class {
                    return self.lineage_method(c, name);
                }
                match self.methods_named(name).as_slice() {
                    [f] => Some(*f),
                    _ => None,
                }
            }
            "scoped_call_expression" => {
                let sc = self.a.field(call, "scope")?;
                let name = self.a.member_name(call)?;
                let c = self.scope_class(sc)?;
                self.lineage_method(c, name)
            }
            _ => None,
        }
    }

    /// The methods named `name` in the file (not functions).
    fn methods_named(&self, name: &str) -> Vec<u32> {
        self.sc
            .functions_by_name
            .get(name)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| self.a.kind(f) == "method_declaration")
            .collect()
    }

    /// The method `name` of the nearest class of `class`'s lineage that
    /// declares one (the last one it declares).
    fn lineage_method(&self, class: u32, name: &str) -> Option<u32> {
        self.lineage(class).into_iter().find_map(|k| {
            self.sc
                .functions
                .get(&(k, name))?
                .iter()
                .rev()
                .copied()
                .find(|&f| self.a.kind(f) == "method_declaration")
        })
    }
}

// ---------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------

fn is_request_receiver(t: &str) -> bool {
    matches!(
        t,
        "$request" | "$req" | "request()" | "$this->request" | "Request" | "Input"
    )
}

impl<'s> Lx<'s> {
    /// A parameter holds what its callers in the file pass: a helper that
    /// stores or reads a token response it is handed (`save_tokens($r)`).
    fn param_origin(&self, param: u32, depth: u32) -> Origin {
        let f = self.a.parent(self.a.parent(param));
        if depth > MAX_DEPTH
            || !matches!(self.a.kind(f), "function_definition" | "method_declaration")
        {
            return Origin::Param;
        }
        let Some(i) = self.fn_params(f).iter().position(|&p| p == param) else {
            return Origin::Param;
        };
        let mut o = Origin::Param;
        for call in self.callers_of(f) {
            if let Some(&arg) = self.args_of(call).pos.get(i) {
                let a = self.origin_of(arg, depth + 1);
                // a helper that stores both the code exchange and the refresh
                // answers as the refresh: what it assumes of a refresh counts
                let refresh = |x: &Origin| matches!(x, Origin::Response(i) if self.refresh_requests.contains(i));
                if refresh(&a) && !refresh(&o) {
                    o = a;
                } else if matches!(a, Origin::Response(_) | Origin::TokenCall(_)) {
                    o = best(o, a);
                }
            }
        }
        if o == Origin::Param && self.declares_token_type(param) {
            return Origin::TokenObject;
        }
        o
    }

    /// A parameter declared with an OAuth library's token type
    /// (`AccessToken $token` with `use League\OAuth2\Client\Token\AccessToken`).
    fn declares_token_type(&self, param: u32) -> bool {
        let Some(t) = self.a.field(param, "type") else {
            return false;
        };
        let written = self.a.text(t).trim_start_matches('?');
        let full = self
            .qualified(written)
            .unwrap_or_else(|| written.to_string());
        Libraries::get().is_token_type(&full)
    }

    /// A class name as written, fully qualified: `\A\B` as it stands, a
    /// short name through the file's `use` imports (`None` when none names it).
    fn qualified(&self, written: &str) -> Option<String> {
        match written.strip_prefix('\\') {
            Some(q) => Some(q.to_string()),
            None => self.imports.get(written).cloned(),
        }
    }

    /// The calls in the file of a local function or method.
    fn callers_of(&self, f: u32) -> Vec<u32> {
        let calls = self.ids().filter(|&id| {
            matches!(
                self.a.kind(id),
                "function_call_expression"
                    | "member_call_expression"
                    | "nullsafe_member_call_expression"
                    | "scoped_call_expression"
            )
        });
        self.callers.of(
            f,
            calls,
            |c| self.local_target(c),
            |t, c| self.a.contains(t, c),
        )
    }

    fn var_origin(&self, id: u32, name: &str, depth: u32) -> Origin {
        let bind = self.origin_binding(id, name);
        let mut o = match bind.map(|b| b.kind) {
            Some(BindKind::Value(v)) => {
                if matches!(self.a.kind(v), "anonymous_function" | "arrow_function") {
                    Origin::Unknown
                } else {
                    self.origin_of(v, depth + 1)
                }
            }
            Some(BindKind::Param(p)) => self.param_origin(p, depth + 1),
            _ => Origin::Unknown,
        };
        // `$t = []; $t['k'] = $data['k'];`: the array holds what was written into it
        if let Some(b) = bind {
            let scope = self.a.scope(b.stmt);
            if let Some(ws) = self.sub_writes.get(&(scope, name)) {
                let (from, to) = (b.pos, self.a.start(id));
                for &(_, val, stmt) in ws {
                    let at = self.a.start(stmt);
                    if at >= from && at <= to {
                        o = best(o, self.origin_of(val, depth + 1));
                    }
                }
            }
        }
        configured(o, name)
    }

    /// Origin of values stored in `$this->name` / `self::$name` in the class.
    fn stored_origin(&self, class: u32, name: &'s str, depth: u32) -> Origin {
        if class == NONE {
            return Origin::Unknown;
        }
        self.stored_origin_of(
            (class, name),
            || self.prop_values(class, name).iter().flatten().copied(),
            depth,
        )
    }

    /// Origin of what the file stores under a key (`update_option('k', v)`).
    fn store_origin(&self, family: &'static str, key: &str, depth: u32) -> Option<Origin> {
        let k = (family, key.to_string());
        let values = self.stores.get(&k)?;
        if let Some(o) = self.store_memo.borrow().get(&k) {
            return Some(o.clone());
        }
        self.store_memo
            .borrow_mut()
            .insert(k.clone(), Origin::Unknown);
        let mut o = Origin::Unknown;
        for &v in values {
            o = best(o, self.origin_of(v, depth + 1));
        }
        self.store_memo.borrow_mut().insert(k, o.clone());
        Some(o)
    }

    fn call_origin(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        if let Some(&i) = self.token_call_of.get(&id) {
            return Origin::TokenCall(i);
        }
        if let Some(&i) = self.req_of_call.get(&id) {
            return Origin::Response(i);
        }
        let args = self.args_of(id);
        let first = args.pos.first().copied();
        match self.a.kind(id) {
            "function_call_expression" => {
                let name = self.fn_name(id).unwrap_or("");
                if PASS_FUNCS.contains(&name) || name == "sanitize_text_field" {
                    return first.map(|a| self.origin_of(a, d)).unwrap_or_default();
                }
                if let Some((family, ki)) = store_read(name) {
                    let key = args.pos.get(ki).and_then(|&k| self.literal_text(k));
                    return match key {
                        Some((key, _)) => {
                            self.store_origin(family, &key, d).unwrap_or(Origin::Config)
                        }
                        None => Origin::Config,
                    };
                }
                match name {
                    "file_get_contents" => {
                        let t = first.map(|f| self.value_sv(f).text()).unwrap_or_default();
                        if t.starts_with("php://input") {
                            return Origin::Input;
                        }
                    }
                    "getenv" | "env" | "config" | "get_site_option" | "get_theme_mod"
                    | "ini_get" => return Origin::Config,
                    "filter_input" | "filter_input_array" | "request" | "old" | "get_query_var" => {
                        return Origin::Input
                    }
                    "session" | "cache" => {
                        if let Some((key, _)) = first.and_then(|f| self.literal_text(f)) {
                            let family = if name == "session" {
                                "session"
                            } else {
                                "cache"
                            };
                            return self
                                .store_origin(family, &key, d)
                                .unwrap_or(Origin::Unknown);
                        }
                    }
                    "array_merge" | "array_replace" => {
                        let mut o = Origin::Unknown;
                        for &a in &args.pos {
                            o = best(o, self.origin_of(a, d));
                        }
                        return o;
                    }
                    _ => {}
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                Origin::Unknown
            }
            "member_call_expression" | "nullsafe_member_call_expression" => {
                let Some(obj) = self.a.field(id, "object") else {
                    return Origin::Unknown;
                };
                let name = self.a.member_name(id).unwrap_or("");
                if is_request_receiver(self.a.text(obj))
                    && matches!(
                        name,
                        "input"
                            | "get"
                            | "query"
                            | "post"
                            | "all"
                            | "json"
                            | "validated"
                            | "validate"
                            | "only"
                            | "string"
                            | "getContent"
                            | "toArray"
                            | "request"
                    )
                {
                    return Origin::Input;
                }
                if let Some(family) = self.store_family(id) {
                    if matches!(name, "get" | "pull") {
                        if let Some((key, _)) = first.and_then(|f| self.literal_text(f)) {
                            return self
                                .store_origin(family, &key, d)
                                .unwrap_or(Origin::Unknown);
                        }
                    }
                }
                if PASS_METHODS.contains(&name) {
                    let o = self.origin_of(obj, d);
                    if o != Origin::Unknown {
                        return o;
                    }
                }
                // `$DB->get_record(…)`: a row the program keeps itself
                let callee = format!("{}->{name}", self.a.text(obj).trim_start_matches('$'));
                if Libraries::get().is_own_data(Language::Php, &callee) {
                    return Origin::Config;
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                Origin::Unknown
            }
            "scoped_call_expression" => {
                let sc = self
                    .a
                    .field(id, "scope")
                    .map(|s| self.a.text(s))
                    .unwrap_or("");
                let name = self.a.member_name(id).unwrap_or("");
                if let Some(family) = self.store_family(id) {
                    if matches!(name, "get" | "pull") {
                        if let Some((key, _)) = first.and_then(|f| self.literal_text(f)) {
                            return self
                                .store_origin(family, &key, d)
                                .unwrap_or(Origin::Unknown);
                        }
                    }
                }
                match (last_ns(sc), name) {
                    ("Config", _) | ("Env", _) => return Origin::Config,
                    ("Request", _) | ("Input", _) => return Origin::Input,
                    ("Arr", "get") | ("Arr", "only") | ("Arr", "except") => {
                        return first.map(|a| self.origin_of(a, d)).unwrap_or_default()
                    }
                    _ => {}
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                Origin::Unknown
            }
            _ => Origin::Unknown,
        }
    }

    // ----- field reads ------------------------------------------------------

    /// A write target: the left side of an assignment (through `[...]`
    /// chains), a destructuring target, an `unset()` argument.
    fn is_write_target(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..64 {
            let p = self.a.parent(c);
            if p == NONE {
                return false;
            }
            match self.a.kind(p) {
                "assignment_expression"
                | "augmented_assignment_expression"
                | "reference_assignment_expression" => return self.a.field_name(c) == "left",
                "subscript_expression" => {
                    if self.a.subscript_parts(p).0 != Some(c) {
                        return false;
                    }
                    c = p;
                }
                "list_literal" | "unset_statement" => return true,
                "array_element_initializer" | "by_ref" => c = p,
                "foreach_statement" => {
                    return self.a.named(p).next() != Some(c) && self.a.field_name(c) != "body"
                }
                "pair" if self.a.kind(self.a.parent(p)) == "foreach_statement" => return true,
                "update_expression" => return true,
                _ => return false,
            }
        }
        false
    }

    /// `isset(x)` / `empty(x)`: a presence test, not a read of the value.
    fn is_presence_arg(&self, id: u32) -> bool {
        let p = self.a.parent(self.peel_up(id));
        if self.a.kind(p) != "argument" {
            return false;
        }
        let call = self.a.parent(self.a.parent(p));
        matches!(self.fn_name(call), Some("isset") | Some("empty"))
    }

    /// The test a presence read makes, and whether it holds when the field
    /// is absent: the `isset(…)` or `empty(…)` call around `$r->k`, or the
    /// read itself (`array_key_exists('k', $r)`).
    fn presence_test(&self, read: u32) -> (u32, bool) {
        if !self.is_presence_arg(read) {
            return (read, false);
        }
        let call = self
            .a
            .parent(self.a.parent(self.a.parent(self.peel_up(read))));
        (call, self.fn_name(call) == Some("empty"))
    }

    /// Does a condition test `field` of `recv`?
    fn tests_field(&self, cond: u32, field: &str, recv: u32) -> bool {
        condition_tests(
            &self.a,
            cond,
            &["anonymous_function", "arrow_function"],
            |x| {
                match self.a.kind(x) {
                    "subscript_expression" => {
                        let (o, i) = self.a.subscript_parts(x);
                        if let (Some(o), Some(i)) = (o, i) {
                            if self.same_expr(o, recv) && self.literal_eq(i, field) {
                                return true;
                            }
                        }
                    }
                    "member_access_expression" | "nullsafe_member_access_expression"
                        if self.a.member_name(x) == Some(field)
                            && self
                                .a
                                .field(x, "object")
                                .is_some_and(|o| self.same_expr(o, recv)) =>
                    {
                        return true;
                    }
                    "function_call_expression"
                    | "scoped_call_expression"
                    | "member_call_expression" => {
                        let args = self.args_of(x);
                        let name = match self.a.kind(x) {
                            "function_call_expression" => self.fn_name(x),
                            _ => self.a.member_name(x),
                        };
                        let arg = |i: usize| args.pos.get(i).copied();
                        // `(array) $r` is the same receiver
                        let uncast = |a: u32| match self.a.kind(a) {
                            "cast_expression" => self.a.field(a, "value").unwrap_or(a),
                            _ => a,
                        };
                        let is_recv =
                            |i: usize| arg(i).is_some_and(|a| self.same_expr(uncast(a), recv));
                        let is_field = |i: usize| arg(i).is_some_and(|a| self.literal_eq(a, field));
                        let hit = match name {
                            Some("array_key_exists") | Some("key_exists") => {
                                is_field(0) && is_recv(1)
                            }
                            Some("property_exists") => is_recv(0) && is_field(1),
                            Some("has") | Some("exists")
                                if self.a.kind(x) == "scoped_call_expression" =>
                            {
                                is_recv(0) && is_field(1)
                            }
                            Some("has") | Some("filled") | Some("offsetExists") => {
                                is_field(0)
                                    && self
                                        .a
                                        .field(x, "object")
                                        .is_some_and(|o| self.same_expr(o, recv))
                            }
                            _ => false,
                        };
                        if hit {
                            return true;
                        }
                    }
                    _ => {}
                }
                false
            },
        )
    }

    fn peel_up(&self, mut c: u32) -> u32 {
        for _ in 0..32 {
            let p = self.a.parent(c);
            if matches!(
                self.a.kind(p),
                "parenthesized_expression" | "cast_expression" | "error_suppression_expression"
            ) {
                c = p;
            } else {
                break;
            }
        }
        c
    }

    fn store_target(&self, arg_expr: u32) -> Option<(String, &'static str, String)> {
        let p = self.a.parent(arg_expr);
        if self.a.kind(p) != "argument" {
            return None;
        }
        let call = self.a.parent(self.a.parent(p));
        let args = self.args_of(call);
        let idx = args.pos.iter().position(|&a| a == arg_expr)?;
        match self.a.kind(call) {
            "function_call_expression" => {
                let name = self.fn_name(call)?;
                let (family, ki, vi) = store_write(name)?;
                if vi != idx {
                    return None;
                }
                let k = *args.pos.get(ki)?;
                let (key, _) = self.literal_text(k)?;
                Some((format!("{name}({})", self.a.text(k)), family, key))
            }
            "scoped_call_expression" | "member_call_expression" => {
                let family = self.store_family(call)?;
                let name = self.a.member_name(call)?;
                if !matches!(name, "put" | "forever" | "add" | "set") || idx != 1 {
                    return None;
                }
                let k = *args.pos.first()?;
                let (key, _) = self.literal_text(k)?;
                let callee = self.callee(call).map(|c| c.0).unwrap_or_default();
                Some((format!("{callee}({})", self.a.text(k)), family, key))
            }
            _ => None,
        }
    }

    /// A store read of `family`/`key`: `get_option('k')`.
    fn is_store_read(&self, e: u32, family: &str, key: &str) -> bool {
        let args = self.args_of(e);
        let (fam, ki) = match self.a.kind(e) {
            "function_call_expression" => match self.fn_name(e).and_then(store_read) {
                Some(x) => x,
                None => return false,
            },
            "scoped_call_expression" | "member_call_expression" => {
                match (self.store_family(e), self.a.member_name(e)) {
                    (Some(f), Some("get")) => (f, 0),
                    _ => return false,
                }
            }
            _ => return false,
        };
        fam == family && args.pos.get(ki).is_some_and(|&k| self.literal_eq(k, key))
    }

    /// Where the program copies a field into an array of its own, by
    /// (function, array variable, key): `$copy['organizer_key'] =
    /// $data['organizer_key']`. A later read of the copy in that function
    /// reads what is already reported where it was copied.
    fn field_copies(&self) -> HashMap<(u32, &'s str, String), u32> {
        let mut out: HashMap<(u32, &'s str, String), u32> = HashMap::new();
        for w in self.ids() {
            if self.a.kind(w) != "assignment_expression" {
                continue;
            }
            let (Some(left), Some(right)) = (self.a.field(w, "left"), self.a.field(w, "right"))
            else {
                continue;
            };
            if self.a.kind(left) != "subscript_expression" {
                continue;
            }
            let (Some(target), Some(key)) = self.a.subscript_parts(left) else {
                continue;
            };
            let (Some(name), Some((field, _))) = (self.a.var_name(target), self.literal_text(key))
            else {
                continue;
            };
            // the value is a read of the same field of something else
            let same = match self.a.kind(right) {
                "subscript_expression" => self
                    .a
                    .subscript_parts(right)
                    .1
                    .and_then(|k| self.literal_text(k))
                    .is_some_and(|k| k.0 == field),
                "member_access_expression" | "nullsafe_member_access_expression" => {
                    self.a.member_name(right) == Some(field.as_str())
                }
                _ => false,
            };
            if same {
                let at = self.a.start(w);
                out.entry((self.enclosing_fn(w), name, field))
                    .and_modify(|s| *s = (*s).min(at))
                    .or_insert(at);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn read(
        &self,
        m: &mut FileModel,
        node: u32,
        recv: u32,
        field: String,
        span: Span,
        kind: ReadKind,
        default: Option<u32>,
    ) {
        // a presence test, or the value tested for truth (`if (!$r->k)`)
        let (test, negated) = self.presence_test(node);
        let raw = field.clone();
        let at = ReadSite::new(node, recv, &raw, default, false).presence_test(test, negated);
        self.push_read(m, at, field, span, kind);
    }

    fn field_reads(&self, m: &mut FileModel) {
        let copies = self.field_copies();
        for id in self.ids() {
            match self.a.kind(id) {
                "subscript_expression" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    let (Some(obj), Some(idx)) = self.a.subscript_parts(id) else {
                        continue;
                    };
                    let Some((field, span)) = self.literal_text(idx) else {
                        continue;
                    };
                    let copied = self
                        .a
                        .var_name(obj)
                        .and_then(|n| copies.get(&(self.enclosing_fn(id), n, field.clone())));
                    if copied.is_some_and(|&at| at < self.a.start(id)) {
                        continue;
                    }
                    let kind = if self.is_presence_arg(id) {
                        ReadKind::Presence
                    } else {
                        ReadKind::Subscript
                    };
                    self.read(m, id, obj, field, span, kind, None);
                }
                "member_access_expression" | "nullsafe_member_access_expression" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    if self.is_presence_arg(id) {
                        if let (Some(obj), Some(n)) =
                            (self.a.field(id, "object"), self.a.field(id, "name"))
                        {
                            if !self.a.is_this(obj) && self.a.kind(n) == "name" {
                                let field = self.a.text(n).to_string();
                                let span = self.a.span(n);
                                self.read(m, id, obj, field, span, ReadKind::Presence, None);
                            }
                        }
                        continue;
                    }
                    let (Some(obj), Some(n)) =
                        (self.a.field(id, "object"), self.a.field(id, "name"))
                    else {
                        continue;
                    };
                    if self.a.is_this(obj) || self.a.kind(n) != "name" {
                        continue;
                    }
                    let field = self.a.text(n).to_string();
                    self.read(m, id, obj, field, self.a.span(n), ReadKind::Member, None);
                }
                "member_call_expression" | "nullsafe_member_call_expression" => {
                    let Some(name) = self.a.member_name(id) else {
                        continue;
                    };
                    if !matches!(name, "json" | "get") {
                        continue;
                    }
                    let Some(obj) = self.a.field(id, "object") else {
                        continue;
                    };
                    let args = self.args_of(id);
                    let Some((field, span)) = args.pos.first().and_then(|&k| self.literal_text(k))
                    else {
                        continue;
                    };
                    if field.contains("://") || field.starts_with('/') || field.is_empty() {
                        continue;
                    }
                    if name == "get"
                        && !matches!(
                            self.origin_of(obj, 0),
                            Origin::Response(_) | Origin::TokenCall(_)
                        )
                    {
                        continue;
                    }
                    let default = args.pos.get(1).copied();
                    self.read(m, id, obj, field, span, ReadKind::Get, default);
                }
                "function_call_expression"
                    if matches!(
                        self.fn_name(id),
                        Some("array_key_exists") | Some("property_exists") | Some("key_exists")
                    ) =>
                {
                    // `array_key_exists('k', $r)`, `property_exists($r, 'k')`
                    let args = self.args_of(id);
                    let (Some(&a0), Some(&a1)) = (args.pos.first(), args.pos.get(1)) else {
                        continue;
                    };
                    let (key, obj) = if self.fn_name(id) == Some("property_exists") {
                        (a1, a0)
                    } else {
                        (a0, a1)
                    };
                    if let Some((field, span)) = self.literal_text(key) {
                        self.read(m, id, obj, field, span, ReadKind::Presence, None);
                    }
                }
                "function_call_expression" | "scoped_call_expression" => {
                    let getter = match self.a.kind(id) {
                        "function_call_expression" => {
                            matches!(self.fn_name(id), Some("data_get") | Some("array_get"))
                        }
                        _ => {
                            self.a.member_name(id) == Some("get")
                                && self
                                    .a
                                    .field(id, "scope")
                                    .is_some_and(|s| last_ns(self.a.text(s)) == "Arr")
                        }
                    };
                    if !getter {
                        continue;
                    }
                    let args = self.args_of(id);
                    let (Some(&obj), Some(&k)) = (args.pos.first(), args.pos.get(1)) else {
                        continue;
                    };
                    let Some((field, span)) = self.literal_text(k) else {
                        continue;
                    };
                    let default = args.pos.get(2).copied();
                    self.read(m, id, obj, field, span, ReadKind::Get, default);
                }
                "list_literal" => {
                    // `['k' => $v] = $data`
                    let p = self.a.parent(id);
                    if self.a.kind(p) != "assignment_expression" || self.a.field_name(id) != "left"
                    {
                        continue;
                    }
                    let Some(src) = self.a.field(p, "right") else {
                        continue;
                    };
                    let kids: Vec<u32> = self
                        .a
                        .kids(id)
                        .iter()
                        .copied()
                        .filter(|&k| self.a.kind(k) != "comment")
                        .collect();
                    let mut pairs: Vec<(u32, u32)> = Vec::new();
                    for (i, &k) in kids.iter().enumerate() {
                        match self.a.kind(k) {
                            "array_element_initializer" => {
                                let ks = self.a.named_vec(k);
                                if let [a, b] = ks.as_slice() {
                                    pairs.push((*a, *b));
                                }
                            }
                            "=>" => {
                                if let (Some(&a), Some(&b)) =
                                    (kids.get(i.wrapping_sub(1)), kids.get(i + 1))
                                {
                                    pairs.push((a, b));
                                }
                            }
                            _ => {}
                        }
                    }
                    for (k, v) in pairs {
                        let Some((field, span)) = self.literal_text(k) else {
                            continue;
                        };
                        m.field_reads.push(FieldRead {
                            absence_fails: false,
                            field,
                            span,
                            kind: ReadKind::Destructure,
                            receiver: receiver_text(self.a.text(src)),
                            origin: self.origin_of(src, 0),
                            guarded: false,
                            asserted: false,
                            assigned_to: Some(self.a.text(v).to_string()),
                            fallback_is_target: false,
                            origin_span: None,
                            absence: Absence::default(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// Wrapper call sites lowered per file, at most.
const MAX_WRAPPED: usize = 256;

struct SavedMemos<'s> {
    subst: HashMap<u32, u32>,
    str_memo: HashMap<u32, Vec<Piece>>,
    origin_memo: HashMap<u32, Origin>,
    stored_memo: HashMap<(u32, &'s str), Origin>,
    store_memo: HashMap<StoreKey, Origin>,
}

impl crate::sema::helpers::HelperSyntax for Lx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        self.args_of(call).pos
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        self.array_items(e, 0)?;
        Some(self.body_of(e, BodyKind::Form))
    }
    fn helper_items(&self, e: u32) -> Option<Vec<(String, u32)>> {
        let items = self.array_items(e, 0)?;
        Some(
            items
                .into_iter()
                .filter_map(|it| Some((it.key?.0, it.value)))
                .collect(),
        )
    }
    fn helper_headers(&self, e: u32) -> Vec<Entry> {
        self.header_entries(e)
    }
    fn helper_arena(&self) -> &crate::lang::ts::Arena<'_> {
        &self.a
    }
    fn helper_builds_string(&self, call: u32) -> bool {
        self.is_stringy(call)
    }
}
