//! JavaScript, JSX, TypeScript and TSX front end.
//!
//! The file is parsed once with tree-sitter into the shared arena of
//! [`ts::Arena`] (kind, field, parent and children, enclosing function and
//! class). Every later pass walks the arena iteratively; value resolution
//! recursion is capped at `MAX_DEPTH` and by a step budget.

use super::ts;
use super::Language;
use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    OffsetMap, Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, TypeUse, HOLE,
};
use crate::sema::calls::Callers;
use crate::sema::guards::absence_fails;
use crate::sema::libraries::Libraries;
use crate::sema::limits::MAX_DEPTH;
use crate::sema::models::{record_model, Member};
use crate::sema::names::is_config_name;
use crate::sema::names::setter_target;
use crate::sema::pieces::piece_len;
use crate::sema::provenance::best;
use crate::sema::provenance::configured;
use crate::sema::scope::Scopes;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use tree_sitter::Tree;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    JavaScript,
    TypeScript,
    Tsx,
}

use ts::NONE;
/// Cap on expression-resolution recursion.
/// Resolution steps allowed per top-level item (a string root, a request, a read).
const BUDGET: u32 = 4000;
const MAX_PIECES: usize = 2048;
const MAX_OPERANDS: usize = 4096;
/// How far up the tree presence checks are looked for.
const ANCESTOR_CAP: usize = 40;

/// The three grammars, by `Dialect`: functions open a scope, classes a
/// class body; comments are not part of the program.
static GRAMMARS: [ts::Grammar; 3] = [
    ts::Grammar {
        name: "javascript",
        language: || tree_sitter_javascript::LANGUAGE.into(),
        scope_kinds: FN_KINDS,
        class_kinds: CLASS_KINDS,
        extra_kinds: &["comment", "html_comment"],
    },
    ts::Grammar {
        name: "typescript",
        language: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        scope_kinds: FN_KINDS,
        class_kinds: CLASS_KINDS,
        extra_kinds: &["comment", "html_comment"],
    },
    ts::Grammar {
        name: "tsx",
        language: || tree_sitter_typescript::LANGUAGE_TSX.into(),
        scope_kinds: FN_KINDS,
        class_kinds: CLASS_KINDS,
        extra_kinds: &["comment", "html_comment"],
    },
];

fn parse(source: &str, d: Dialect) -> Option<Tree> {
    ts::parse(&GRAMMARS[d as usize], source)
}

/// Lower one JavaScript/TypeScript file into the neutral model.
pub fn lower(source: &str, dialect: Dialect) -> FileModel {
    if source.len() >= (u32::MAX as usize) {
        return FileModel {
            parse_errors: true,
            ..FileModel::default()
        };
    }
    let Some(tree) = parse(source, dialect) else {
        return FileModel {
            parse_errors: true,
            ..FileModel::default()
        };
    };
    let parse_errors = tree.root_node().has_error();
    let (arena, _) = ts::Arena::build(&tree, source, &GRAMMARS[dialect as usize]);
    drop(tree);
    let mut cx = Cx::new(arena);
    cx.collect();
    let mut model = FileModel {
        parse_errors,
        ..FileModel::default()
    };
    cx.lower_into(&mut model);
    model.functions = cx.sc.function_spans(&cx.a);
    model.returns = cx.sc.token_returns(&cx.a, |r| cx.origin(r, 1));
    model
}

// ---------------------------------------------------------------------------
// small fast hasher for the per-file maps

#[derive(Default, Clone, Copy)]
struct Fx(u64);
impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64)
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64)
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64)
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
type FxB = BuildHasherDefault<Fx>;
type Map<K, V> = HashMap<K, V, FxB>;
type Set<K> = HashSet<K, FxB>;

// ---------------------------------------------------------------------------
// arena

/// Kinds that open a scope: functions, methods, arrows, generators.
const FN_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

/// Kinds that open a class body.
const CLASS_KINDS: &[&str] = &["class_declaration", "class", "abstract_class_declaration"];

fn is_fn_kind(k: &str) -> bool {
    FN_KINDS.contains(&k)
}

/// What a node is in the IR: names, members and the wrappers a value is
/// seen through. Assignments stay [`Node::Other`]: they are reported as
/// declarations, since an assignment to a name declared nowhere binds it
/// at file scope and `this.x = v` writes the member of the innermost class
/// only. Of control flow, `if`, `!`, `&&`, `throw` and `return` are mapped
/// (for `sema::guards::absence_fails`); presence checks are read here.
fn ir_node(a: &ts::Arena, id: u32) -> Node {
    let field = |f: &str| a.field(id, f).unwrap_or(NONE);
    match a.kind(id) {
        _ if !a.is_named(id) => Node::Other,
        "identifier" | "shorthand_property_identifier" => Node::Name,
        "this" => Node::This,
        "member_expression" => Node::Member {
            object: field("object"),
            name: field("property"),
        },
        "subscript_expression" => Node::Index {
            object: field("object"),
        },
        "parenthesized_expression"
        | "non_null_expression"
        | "as_expression"
        | "satisfies_expression"
        | "await_expression" => Node::Wrap {
            inner: a.first_named(id).unwrap_or(NONE),
        },
        "type_assertion" => Node::Wrap {
            inner: a.last_named(id).unwrap_or(NONE),
        },
        "if_statement" => Node::if_fields(a, id),
        "statement_block" | "program" => Node::Block,
        "switch_statement" => Node::switch(a, a.field(id, "value")),
        "switch_case" => Node::case(a.field(id, "value")),
        "switch_default" => Node::case(None),
        "unary_expression" if a.operator(id) == Some("!") => Node::not(a.field(id, "argument")),
        "binary_expression" => match a.operator(id) {
            Some(op @ ("==" | "===" | "!=" | "!==")) => Node::compare(
                a.field(id, "left"),
                a.field(id, "right"),
                op.starts_with('='),
            ),
            _ => Node::c_binary(a, id, false),
        },
        "throw_statement" => Node::Raise,
        "return_statement" | "break_statement" | "continue_statement" => Node::Exit,
        "false" | "null" | "undefined" => Node::Falsy,
        _ => Node::Other,
    }
}

// ---------------------------------------------------------------------------
// bindings

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BK {
    Var,
    Assign,
    Param,
    Func,
    Class,
    Enum,
    Import,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(String),
    Elem,
}

/// A binding of a local as this front end reads it (see `Cx::view`):
/// the shared scopes' [`Bind`] with what its statement tells.
#[derive(Clone, Copy, Debug)]
struct Binding<'s> {
    /// the bound identifier (the binding's key in the memos)
    id: u32,
    name: &'s str,
    kind: BK,
    scope: u32,
    /// end of the whole declaration / assignment
    end: u32,
    value: Option<u32>,
    /// may count as "bound once" (false for `+=`, `++`, loop variables)
    once_ok: bool,
    /// the statement that binds
    stmt: u32,
    /// function of a parameter
    owner: u32,
    pidx: u32,
}

/// An HTTP library (or helper module) a name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lib {
    Fetch,
    /// `axios`, or an instance made by `axios.create(cfg)` (the call node)
    Axios(Option<u32>),
    /// `got`, or an instance made by `got.extend(cfg)`
    Got(Option<u32>),
    Superagent,
    Request,
    Https(&'static str),
    /// NetSuite's SuiteScript 2.x `N/https` (or `N/http`) module
    NetSuiteHttps,
    JQuery,
    Xhr,
    Qs,
    QsStringify,
    Url,
}

/// A key/value pair before it becomes an [`Entry`].
#[derive(Clone, Debug)]
struct Kv {
    key: String,
    key_span: Option<Span>,
    val: KvVal,
    span: Span,
}

#[derive(Clone, Debug)]
enum KvVal {
    Node(u32),
    Shorthand(u32),
    Str(StrValue, Option<Span>),
    Nothing,
}

/// What a body expression turned out to be.
enum Body {
    Form(Vec<Kv>),
    Json(Vec<Kv>),
    Multipart(Vec<Kv>),
    /// a plain object (its encoding is up to the library)
    Object(Vec<Kv>),
    Raw,
    Unknown,
}

struct Cx<'s> {
    src: &'s str,
    a: ts::Arena<'s>,
    /// locals, functions, their returns and the members of classes
    sc: Scopes<'s>,
    imports: Map<&'s str, (&'s str, &'s str)>,
    member_calls: Map<&'s str, Vec<u32>>,
    req_of: Map<u32, usize>,
    consumed: Set<u32>,
    xhr_of: Map<(u32, &'s str), usize>,
    call_idx: Map<u32, usize>,
    req_lib: Vec<&'static str>,
    budget: Cell<u32>,
    str_memo: RefCell<Map<u32, Option<StrValue>>>,
    str_busy: RefCell<Set<u32>>,
    org_memo: RefCell<Map<u32, Origin>>,
    org_busy: RefCell<Set<u32>>,
    store_memo: RefCell<Map<(u32, &'s str), Origin>>,
    store_busy: RefCell<Set<(u32, &'s str)>>,
    sum_memo: RefCell<Map<&'s str, Origin>>,
    sum_busy: RefCell<Set<&'s str>>,
    /// local function or method → its calls in the file (built on first use)
    callers: Callers,
    /// parameter binding → whether its default holds for every call
    default_memo: RefCell<Map<u32, bool>>,
    /// requests that send a `refresh_token` grant
    refresh_reqs: Set<usize>,
}

fn rank(o: &Origin) -> u8 {
    match o {
        Origin::Response(_) | Origin::TokenCall(_) | Origin::TokenObject => 6,
        Origin::Input => 5,
        Origin::Config => 4,
        Origin::Literal => 2,
        Origin::Param => 1,
        Origin::Unknown => 0,
    }
}

fn is_token_api_name(name: &str) -> bool {
    let l: String = name
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        l.as_str(),
        "fetchtoken"
            | "refreshtoken"
            | "exchangecode"
            | "exchangepassword"
            | "exchangerefreshtoken"
            | "requesttoken"
            | "gettoken"
            | "getaccesstoken"
            | "refreshaccesstoken"
            | "fetchaccesstoken"
            | "requestaccesstoken"
    )
}

/// Short label for a hole: whitespace collapsed, at most 40 chars.
fn short(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    let mut count = 0;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                space = true;
            }
            continue;
        }
        if space {
            if count >= 40 {
                break;
            }
            out.push(' ');
            count += 1;
            space = false;
        }
        if count >= 40 {
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}

fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("").to_string()
}

fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The part of `sv` whose resolved text is `r`.
fn slice_sv(sv: &StrValue, r: std::ops::Range<usize>) -> StrValue {
    let mut out = StrValue::new(sv.span.clone());
    let mut at = 0usize;
    for p in &sv.pieces {
        let len = piece_len(p);
        let (ps, pe) = (at, at + len);
        at = pe;
        let s = r.start.max(ps);
        let e = r.end.min(pe);
        if s >= e {
            continue;
        }
        match p {
            Piece::Hole { .. } => out.pieces.push(p.clone()),
            Piece::Lit { text, src, map } => {
                let (a, b) = (s - ps, e - ps);
                let Some(t) = text.get(a..b) else {
                    continue;
                };
                let piece = match (src, map) {
                    (Some(src), OffsetMap::Identity) => Piece::Lit {
                        text: t.to_string(),
                        src: Some(src.start + a..src.start + b),
                        map: OffsetMap::Identity,
                    },
                    (Some(_), OffsetMap::Table(tab)) => match tab.get(a..=b) {
                        Some(sub) => {
                            let s0 = sub[0] as usize;
                            let s1 = sub[sub.len() - 1] as usize;
                            let identity =
                                sub.iter().enumerate().all(|(k, v)| *v as usize == s0 + k);
                            Piece::Lit {
                                text: t.to_string(),
                                src: Some(s0..s1),
                                map: if identity {
                                    OffsetMap::Identity
                                } else {
                                    OffsetMap::Table(sub.to_vec())
                                },
                            }
                        }
                        None => Piece::synthetic(t),
                    },
                    (None, _) => Piece::synthetic(t),
                };
                out.pieces.push(piece);
            }
        }
    }
    if let Some(s) = sv.source_near(r.clone(), r.start) {
        out.span = s;
    }
    out
}

fn starts_absolute(t: &str) -> bool {
    if t.starts_with("//") {
        return true;
    }
    match t.find("://") {
        Some(i) => {
            i > 0
                && t[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        }
        None => false,
    }
}

/// `new URL(path, base)` / `url.resolve(base, path)`.
fn url_join(base: StrValue, path: StrValue, span: Span) -> StrValue {
    let pt = path.text();
    let mut out = StrValue::new(span);
    if starts_absolute(&pt) {
        out.pieces = path.pieces;
        return out;
    }
    let bt = base.text();
    let host_start = bt.find("://").map(|i| i + 3);
    let path_end = match host_start {
        Some(h) => bt[h..].find(['?', '#']).map(|k| h + k).unwrap_or(bt.len()),
        None => bt.find(['?', '#']).unwrap_or(bt.len()),
    };
    let host_end = host_start.map(|h| bt[h..path_end].find('/').map(|k| h + k).unwrap_or(path_end));
    let mut slash = false;
    let cut = if pt.is_empty() {
        path_end
    } else if pt.starts_with('/') {
        host_end.unwrap_or(path_end)
    } else {
        match host_start {
            Some(h) => match bt[h..path_end].rfind('/') {
                Some(k) => h + k + 1,
                None => {
                    slash = true;
                    path_end
                }
            },
            None => match bt[..path_end].rfind('/') {
                Some(k) => k + 1,
                None => path_end,
            },
        }
    };
    out.pieces = slice_sv(&base, 0..cut).pieces;
    if slash {
        out.pieces.push(Piece::synthetic("/"));
    }
    out.pieces.extend(path.pieces);
    out
}

/// axios `baseURL` + relative url: exactly one `/` between them.
fn base_join(base: &StrValue, url: StrValue, span: Span) -> StrValue {
    let ut = url.text();
    if starts_absolute(&ut) {
        return url;
    }
    let bt = base.text();
    let mut out = StrValue::new(span);
    out.pieces = base.pieces.clone();
    if ut.is_empty() {
        return out;
    }
    match (bt.ends_with('/'), ut.starts_with('/')) {
        (true, true) => out.pieces.extend(slice_sv(&url, 1..ut.len()).pieces),
        (false, false) => {
            out.pieces.push(Piece::synthetic("/"));
            out.pieces.extend(url.pieces);
        }
        _ => out.pieces.extend(url.pieces),
    }
    out
}

/// Decode a JS string/template literal's raw content.
fn decode_js(raw: &str, base: usize, out: &mut Vec<(char, usize)>) {
    let mut it = raw.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c != '\\' {
            out.push((c, base + i));
            continue;
        }
        let at = base + i;
        let Some((j, n)) = it.next() else {
            out.push(('\\', at));
            break;
        };
        let simple = match n {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '0' if !it.peek().is_some_and(|(_, d)| d.is_ascii_digit()) => Some('\0'),
            _ => None,
        };
        if let Some(s) = simple {
            out.push((s, at));
            continue;
        }
        match n {
            '\r' => {
                if it.peek().is_some_and(|(_, d)| *d == '\n') {
                    it.next();
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => {}
            'x' => {
                let hex = raw.get(j + 1..j + 3).unwrap_or("");
                match (hex.len() == 2)
                    .then(|| u32::from_str_radix(hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32)
                {
                    Some(ch) => {
                        out.push((ch, at));
                        it.next();
                        it.next();
                    }
                    None => out.push(('x', at)),
                }
            }
            'u' => {
                let rest = raw.get(j + 1..).unwrap_or("");
                let (code, used) = if let Some(r) = rest.strip_prefix('{') {
                    match r.find('}') {
                        Some(k) if k > 0 && k <= 6 => {
                            (u32::from_str_radix(&r[..k], 16).ok(), k + 2)
                        }
                        _ => (None, 0),
                    }
                } else {
                    match rest.get(..4) {
                        Some(h) if h.chars().all(|c| c.is_ascii_hexdigit()) => {
                            (u32::from_str_radix(h, 16).ok(), 4)
                        }
                        _ => (None, 0),
                    }
                };
                let Some(mut code) = code else {
                    out.push(('u', at));
                    continue;
                };
                for _ in 0..used {
                    it.next();
                }
                if (0xD800..0xDC00).contains(&code) {
                    // a surrogate pair written as two escapes
                    let off = j + 1 + used;
                    if let Some(lo) = raw
                        .get(off..off + 6)
                        .and_then(|s| s.strip_prefix("\\u"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .filter(|lo| (0xDC00..0xE000).contains(lo))
                    {
                        code = 0x10000 + ((code - 0xD800) << 10) + (lo - 0xDC00);
                        for _ in 0..6 {
                            it.next();
                        }
                    }
                }
                out.push((char::from_u32(code).unwrap_or('\u{FFFD}'), at));
            }
            other => out.push((other, at)),
        }
    }
}

/// A literal piece for raw source text `raw` starting at `base`.
fn lit_piece(raw: &str, base: usize, decode: bool) -> Piece {
    if !decode || memchr::memchr(b'\\', raw.as_bytes()).is_none() {
        return Piece::lit(raw, base..base + raw.len());
    }
    let mut d = Vec::with_capacity(raw.len());
    decode_js(raw, base, &mut d);
    Piece::lit_decoded(&d, base + raw.len())
}

fn method_name(prop: &str) -> Option<Method> {
    Some(match prop {
        "get" | "getJSON" => Method::Get,
        "post" | "postForm" => Method::Post,
        "put" | "putForm" => Method::Put,
        "patch" | "patchForm" => Method::Patch,
        "delete" | "del" => Method::Delete,
        "head" => Method::Head,
        "options" => Method::Other,
        _ => return None,
    })
}

fn looks_like_form(text: &str) -> bool {
    let t = text.strip_prefix('?').unwrap_or(text);
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    t.split('&').all(|part| match part.split_once('=') {
        Some((k, _)) => {
            !k.is_empty()
                && k.chars().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']' | '%')
                })
        }
        None => false,
    })
}

/// The `k=v` pairs of a query/form string value.
fn form_pairs(sv: &StrValue) -> Vec<Kv> {
    let text = sv.text();
    let mut out = Vec::new();
    let mut at = usize::from(text.starts_with('?'));
    for part in text[at..].split('&') {
        let start = at;
        at += part.len() + 1;
        let Some(eq) = part.find('=') else {
            continue;
        };
        let key = &part[..eq];
        if key.is_empty() || key.contains(HOLE) {
            continue;
        }
        let kr = start..start + eq;
        let vr = start + eq + 1..start + part.len();
        let val = slice_sv(sv, vr.clone());
        let vspan = sv.source_near(vr.clone(), vr.start);
        out.push(Kv {
            key: key.to_string(),
            key_span: sv.source_of(kr.clone()),
            val: KvVal::Str(val, vspan),
            span: sv
                .source_near(start..start + part.len(), start)
                .unwrap_or_else(|| sv.span.clone()),
        });
    }
    out
}

fn kv_entry_text(kvs: &[Kv], key: &str) -> Option<usize> {
    kvs.iter().position(|k| k.key.eq_ignore_ascii_case(key))
}

impl<'s> Cx<'s> {
    fn new(a: ts::Arena<'s>) -> Self {
        Cx {
            src: a.src,
            a,
            sc: Scopes::default(),
            imports: Map::default(),
            member_calls: Map::default(),
            req_of: Map::default(),
            consumed: Set::default(),
            xhr_of: Map::default(),
            call_idx: Map::default(),
            req_lib: Vec::new(),
            budget: Cell::new(BUDGET),
            str_memo: RefCell::default(),
            str_busy: RefCell::default(),
            org_memo: RefCell::default(),
            org_busy: RefCell::default(),
            store_memo: RefCell::default(),
            store_busy: RefCell::default(),
            sum_memo: RefCell::default(),
            sum_busy: RefCell::default(),
            callers: Callers::default(),
            default_memo: RefCell::default(),
            refresh_reqs: Set::default(),
        }
    }

    // ----- navigation -------------------------------------------------------

    fn len(&self) -> u32 {
        self.a.len() as u32
    }
    /// The kind of a named node (`""` for a token).
    fn kind(&self, i: u32) -> &'static str {
        if self.a.is_named(i) {
            self.a.kind(i)
        } else {
            ""
        }
    }
    fn fld(&self, i: u32) -> &'static str {
        self.a.field_name(i)
    }
    /// The operator of a node: its last token under a field, or `?`.
    fn op(&self, i: u32) -> &'static str {
        self.a
            .kids(i)
            .iter()
            .rev()
            .find(|&&k| {
                !self.a.is_named(k) && (!self.a.field_name(k).is_empty() || self.a.kind(k) == "?")
            })
            .map_or("", |&k| self.a.kind(k))
    }
    fn start(&self, i: u32) -> usize {
        self.a.start(i) as usize
    }
    fn end(&self, i: u32) -> usize {
        self.a.end(i) as usize
    }
    fn span(&self, i: u32) -> Span {
        self.start(i)..self.end(i)
    }
    fn text(&self, i: u32) -> &'s str {
        self.a.text(i)
    }
    fn parent(&self, i: u32) -> u32 {
        self.a.parent(i)
    }
    fn scope(&self, i: u32) -> u32 {
        self.a.scope(i)
    }
    fn class(&self, i: u32) -> u32 {
        self.a.class(i)
    }
    fn is_comment(&self, i: u32) -> bool {
        matches!(self.kind(i), "comment" | "html_comment")
    }
    /// Named children, comments skipped.
    fn kids(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        self.a.named(i)
    }
    /// The named sibling before `i` (a comment too), or `NONE`.
    fn prev(&self, i: u32) -> u32 {
        let sibs = self.a.kids(self.parent(i));
        // children are in id order
        let at = sibs.binary_search(&i).unwrap_or(0);
        sibs[..at]
            .iter()
            .rev()
            .copied()
            .find(|&k| self.a.is_named(k))
            .unwrap_or(NONE)
    }
    fn child(&self, i: u32, f: &str) -> Option<u32> {
        if i == NONE {
            return None;
        }
        self.kids(i).find(|c| self.fld(*c) == f)
    }
    fn nth(&self, i: u32, k: usize) -> Option<u32> {
        if i == NONE {
            return None;
        }
        self.kids(i).nth(k)
    }
    fn contains(&self, outer: u32, inner: u32) -> bool {
        self.start(outer) <= self.start(inner) && self.end(inner) <= self.end(outer)
    }

    /// Skip parentheses and TypeScript-only wrappers.
    fn inner(&self, mut i: u32) -> u32 {
        for _ in 0..64 {
            let next = match self.kind(i) {
                "parenthesized_expression"
                | "non_null_expression"
                | "as_expression"
                | "satisfies_expression" => self.nth(i, 0),
                "type_assertion" => self.kids(i).last(),
                _ => None,
            };
            match next {
                Some(n) => i = n,
                None => return i,
            }
        }
        i
    }
    fn is_wrapper(&self, i: u32) -> bool {
        matches!(
            self.kind(i),
            "parenthesized_expression"
                | "non_null_expression"
                | "as_expression"
                | "satisfies_expression"
                | "type_assertion"
        )
    }
    /// The parent, skipping wrappers; returns (parent, child of parent on the path).
    fn up(&self, mut i: u32) -> (u32, u32) {
        for _ in 0..64 {
            let p = self.parent(i);
            if p == NONE || !self.is_wrapper(p) {
                return (p, i);
            }
            i = p;
        }
        (NONE, i)
    }
    /// The callee of a call (seeing through TypeScript's `await f<T>()` shape).
    fn callee(&self, c: u32) -> Option<u32> {
        let f = self.child(c, "function")?;
        if self.kind(f) == "await_expression" {
            return self.nth(f, 0).map(|x| self.inner(x));
        }
        Some(self.inner(f))
    }
    fn args(&self, c: u32) -> Vec<u32> {
        match self.child(c, "arguments") {
            Some(a) if self.kind(a) == "arguments" => self.kids(a).collect(),
            _ => Vec::new(),
        }
    }
    /// `(object, property name, property node)` of a member expression.
    fn member(&self, m: u32) -> Option<(u32, &'s str, u32)> {
        if self.kind(m) != "member_expression" {
            return None;
        }
        let o = self.child(m, "object")?;
        let p = self.child(m, "property")?;
        Some((o, self.text(p), p))
    }
    /// `(receiver, method name, name node)` of a call `recv.name(...)`.
    fn method_call(&self, c: u32) -> Option<(u32, &'s str, u32)> {
        if self.kind(c) != "call_expression" {
            return None;
        }
        self.member(self.callee(c)?)
    }
    /// Content of a plain string literal (no substitutions).
    fn str_content(&self, i: u32) -> Option<(String, Span)> {
        let i = self.inner(i);
        match self.kind(i) {
            "string" => {
                let (s, e) = (self.start(i), self.end(i));
                if e < s + 2 {
                    return None;
                }
                let raw = self.src.get(s + 1..e - 1)?;
                let mut d = Vec::new();
                decode_js(raw, s + 1, &mut d);
                Some((d.iter().map(|x| x.0).collect(), s + 1..e - 1))
            }
            "template_string" => {
                if self
                    .kids(i)
                    .any(|c| self.kind(c) == "template_substitution")
                {
                    return None;
                }
                let (s, e) = (self.start(i), self.end(i));
                if e < s + 2 {
                    return None;
                }
                let raw = self.src.get(s + 1..e - 1)?;
                let mut d = Vec::new();
                decode_js(raw, s + 1, &mut d);
                Some((d.iter().map(|x| x.0).collect(), s + 1..e - 1))
            }
            _ => None,
        }
    }
    /// Dotted path of a name or member chain (`this.client.post`).
    fn path_of(&self, e: u32) -> Option<String> {
        let mut segs: Vec<String> = Vec::new();
        let mut cur = self.inner(e);
        for _ in 0..32 {
            match self.kind(cur) {
                "identifier" | "this" | "super" | "shorthand_property_identifier" => {
                    segs.push(self.text(cur).to_string());
                    segs.reverse();
                    return Some(segs.join("."));
                }
                "member_expression" => {
                    let (o, p, _) = self.member(cur)?;
                    segs.push(p.to_string());
                    cur = self.inner(o);
                }
                "subscript_expression" => {
                    let idx = self.child(cur, "index")?;
                    segs.push(self.str_content(idx)?.0);
                    cur = self.inner(self.child(cur, "object")?);
                }
                _ => return None,
            }
        }
        None
    }
    fn last_seg(&self, e: u32) -> Option<&'s str> {
        let e = self.inner(e);
        match self.kind(e) {
            "identifier" | "this" | "shorthand_property_identifier" => Some(self.text(e)),
            "member_expression" => self.member(e).map(|m| m.1),
            _ => None,
        }
    }

    fn spend(&self) -> bool {
        let b = self.budget.get();
        if b == 0 {
            return false;
        }
        self.budget.set(b - 1);
        true
    }
    fn fresh(&self) {
        self.budget.set(BUDGET);
    }

    // ----- collection -------------------------------------------------------

    fn collect(&mut self) {
        let mut pending: Vec<(u32, Bind)> = Vec::new();
        let mut out: Vec<Decl> = Vec::new();
        for i in 0..self.len() {
            match self.kind(i) {
                "variable_declarator" => {
                    let Some(name) = self.child(i, "name") else {
                        continue;
                    };
                    let value = self.child(i, "value");
                    let kind = value.map_or(BindKind::Decl, BindKind::Value);
                    self.declare(name, i, kind, self.scope(i), &mut out);
                    if let Some(v) = value {
                        if self.kind(name) == "identifier" {
                            self.name_function(v, name, &mut out);
                        }
                    }
                }
                "assignment_expression" => {
                    let (Some(l), Some(r)) = (self.child(i, "left"), self.child(i, "right")) else {
                        continue;
                    };
                    let l = self.inner(l);
                    match self.kind(l) {
                        "identifier" | "object_pattern" | "array_pattern" => {
                            self.assign(l, i, BindKind::Value(r), &mut pending);
                        }
                        "member_expression" => {
                            self.add_store(l, Some(r), true, &mut out);
                            self.keyed_set(l, r, i, &mut out);
                        }
                        "subscript_expression" => self.keyed_set(l, r, i, &mut out),
                        _ => {}
                    }
                    self.name_function(r, l, &mut out);
                }
                "augmented_assignment_expression" => {
                    let (Some(l), Some(r)) = (self.child(i, "left"), self.child(i, "right")) else {
                        continue;
                    };
                    let l = self.inner(l);
                    match self.kind(l) {
                        "identifier" => self.assign(l, i, BindKind::Append(r), &mut pending),
                        "member_expression" => self.add_store(l, Some(r), false, &mut out),
                        _ => {}
                    }
                }
                "update_expression" => {
                    let Some(a) = self.child(i, "argument") else {
                        continue;
                    };
                    let a = self.inner(a);
                    match self.kind(a) {
                        "identifier" => self.assign(a, i, BindKind::Other, &mut pending),
                        "member_expression" => self.add_store(a, None, false, &mut out),
                        _ => {}
                    }
                }
                "for_in_statement" => {
                    let (Some(l), Some(r)) = (self.child(i, "left"), self.child(i, "right")) else {
                        continue;
                    };
                    // `for (k in o)` gives keys, not elements of `o`
                    let kind = if self.op(i) == "in" {
                        BindKind::Other
                    } else {
                        BindKind::ForIn(r)
                    };
                    self.declare(l, i, kind, self.scope(i), &mut out);
                }
                "catch_clause" => {
                    if let Some(p) = self.child(i, "parameter") {
                        self.declare(p, i, BindKind::Other, self.scope(i), &mut out);
                    }
                }
                "class_declaration" | "abstract_class_declaration" | "enum_declaration" => {
                    if let Some(name) = self.child(i, "name") {
                        out.push(self.declared(self.scope(i), name, BindKind::Value(i)));
                    }
                }
                "import_statement" => self.collect_import(i, &mut out),
                "field_definition" | "public_field_definition" => {
                    let name = self.child(i, "property").or_else(|| self.child(i, "name"));
                    if let Some(name) = name {
                        let (class, value) = (self.class(i), self.child(i, "value"));
                        out.push(Decl::Member {
                            class,
                            name,
                            value,
                            ty: None,
                            decl: i,
                        });
                        // `x;` leaves the field undefined: a write of no value
                        if value.is_none() {
                            out.push(Decl::MemberSet {
                                class,
                                name,
                                value: None,
                            });
                        }
                        if let Some(v) = value {
                            self.name_function(v, name, &mut out);
                        }
                    }
                }
                "return_statement" => {
                    if let Some(value) = self.nth(i, 0) {
                        let func = self.scope(i);
                        out.push(Decl::Return { func, value });
                    }
                }
                "call_expression" => {
                    if let Some((o, _, _)) = self.callee(i).and_then(|f| self.member(f)) {
                        let o = self.inner(o);
                        if self.kind(o) == "identifier" {
                            let name = self.text(o);
                            self.member_calls.entry(name).or_default().push(i);
                        }
                    }
                    self.object_assign(i, &mut out);
                }
                "pair" => {
                    if let (Some(k), Some(v)) = (self.child(i, "key"), self.child(i, "value")) {
                        self.name_function(v, k, &mut out);
                    }
                }
                k if is_fn_kind(k) => self.collect_function(i, &mut out),
                _ => {}
            }
        }
        let ir = Ir::build(&self.a, ir_node);
        self.sc = Scopes::build(&self.a, ir, out);
        // an assignment binds the name where it is declared, else at file
        // scope (known once every declaration is)
        let assigns: Vec<Decl> = pending
            .into_iter()
            .map(|(name, bind)| {
                let scope = self.decl_scope(name, self.text(name));
                self.declared_bind(scope, name, bind)
            })
            .collect();
        self.sc.declare_after(&self.a, assigns);
    }

    /// A binding at the identifier `name` made by `stmt`.
    fn bind_at(&self, name: u32, stmt: u32, kind: BindKind) -> Bind {
        Bind {
            stmt,
            ..Bind::new(self.a.start(name), kind)
        }
    }

    /// `name` declared in `scope` with `bind`.
    fn declared_bind(&self, scope: u32, name: u32, bind: Bind) -> Decl {
        Decl::Local {
            scope,
            name,
            bind: Some(bind),
            ty: None,
        }
    }

    /// A class, enum, function or import: the name is its own statement
    /// (the binding ends with it).
    fn declared(&self, scope: u32, name: u32, kind: BindKind) -> Decl {
        self.declared_bind(scope, name, self.bind_at(name, name, kind))
    }

    /// Declare in `scope` every name of `target` (a name or a pattern).
    fn declare(&self, target: u32, stmt: u32, kind: BindKind, scope: u32, out: &mut Vec<Decl>) {
        for name in self.pattern_names(target) {
            out.push(self.declared_bind(scope, name, self.bind_at(name, stmt, kind)));
        }
    }

    /// Bind every name of an assignment's target, in the scope that
    /// declares it (decided once all declarations are known).
    fn assign(&self, target: u32, stmt: u32, kind: BindKind, pending: &mut Vec<(u32, Bind)>) {
        for name in self.pattern_names(target) {
            pending.push((name, self.bind_at(name, stmt, kind)));
        }
    }

    /// `this.x = v` (`once`), `this.x += v`, `this.x++`: a write of the
    /// member `x` of the class around `m`. A compound write gives no single
    /// value, but what it adds is still a value the member holds.
    fn add_store(&self, m: u32, value: Option<u32>, once: bool, out: &mut Vec<Decl>) {
        let Some((o, _, name)) = self.member(m) else {
            return;
        };
        if self.kind(self.inner(o)) != "this" {
            return;
        }
        let class = self.class(m);
        if !once {
            out.push(Decl::MemberSet {
                class,
                name,
                value: None,
            });
        }
        if once || value.is_some() {
            out.push(Decl::MemberSet { class, name, value });
        }
    }

    /// `body.key = v` or `body["key"] = v` with `body` a plain name: one
    /// more entry of the object the name holds.
    fn keyed_set(&self, target: u32, value: u32, stmt: u32, out: &mut Vec<Decl>) {
        let (object, key) = match self.kind(target) {
            "member_expression" => match self.member(target) {
                Some((o, _, k)) if self.kind(k) == "property_identifier" => (o, k),
                _ => return,
            },
            _ => match (self.child(target, "object"), self.child(target, "index")) {
                (Some(o), Some(k)) if self.kind(k) == "string" => (o, k),
                _ => return,
            },
        };
        if self.kind(object) == "identifier" {
            out.push(Decl::KeyedSet {
                object,
                key,
                value,
                stmt,
            });
        }
    }

    /// `Object.assign(body, { key: v }, …)` with `body` a plain name: each
    /// entry of an object literal written in the call is one more entry of
    /// the object the name holds.
    fn object_assign(&self, call: u32, out: &mut Vec<Decl>) {
        if self.callee(call).and_then(|f| self.path_of(f)).as_deref() != Some("Object.assign") {
            return;
        }
        let args = self.args(call);
        let Some(&object) = args.first() else {
            return;
        };
        if self.kind(object) != "identifier" {
            return;
        }
        for source in args.iter().skip(1).map(|a| self.inner(*a)) {
            if self.kind(source) != "object" {
                continue;
            }
            for entry in self.kids(source) {
                let (key, value) = match self.kind(entry) {
                    "pair" => match (self.child(entry, "key"), self.child(entry, "value")) {
                        (Some(k), Some(v)) => (k, v),
                        _ => continue,
                    },
                    "shorthand_property_identifier" => (entry, entry),
                    _ => continue,
                };
                out.push(Decl::KeyedSet {
                    object,
                    key,
                    value,
                    stmt: call,
                });
            }
        }
    }

    /// Give a function value the name it is stored under.
    fn name_function(&self, value: u32, name_node: u32, out: &mut Vec<Decl>) {
        let v = self.inner(value);
        if !matches!(
            self.kind(v),
            "function_expression" | "function" | "arrow_function" | "generator_function"
        ) {
            return;
        }
        let name = match self.kind(name_node) {
            "member_expression" => self.member(name_node).map(|m| m.2),
            "identifier" | "property_identifier" | "private_property_identifier" => Some(name_node),
            // `"key": function`: the key's text without quotes (a key
            // with escapes keeps them: no identifier can name it)
            "string" => match self.kids(name_node).collect::<Vec<_>>()[..] {
                [frag]
                    if self.span(frag)
                        == (self.start(name_node) + 1..self.end(name_node).saturating_sub(1)) =>
                {
                    Some(frag)
                }
                _ => Some(name_node),
            },
            _ => None,
        };
        if let Some(name) = name {
            out.push(Decl::Function { node: v, name });
        }
    }

    fn collect_function(&self, f: u32, out: &mut Vec<Decl>) {
        match self.kind(f) {
            "function_declaration" | "generator_function_declaration" => {
                if let Some(name) = self.child(f, "name") {
                    out.push(self.declared(self.scope(f), name, BindKind::Value(f)));
                    out.push(Decl::Function { node: f, name });
                }
            }
            "method_definition" => {
                if let Some(name) = self.child(f, "name") {
                    out.push(Decl::Function { node: f, name });
                }
            }
            "arrow_function" => {
                if let Some(body) = self.child(f, "body") {
                    if self.kind(body) != "statement_block" {
                        out.push(Decl::Return {
                            func: f,
                            value: body,
                        });
                    }
                }
            }
            _ => {}
        }
        for p in self.fn_params(f) {
            self.bind_param(p, f, out);
        }
    }

    /// The names a parameter binds (`None` for TypeScript's `this: T`),
    /// and the default it takes when it is a plain name
    /// (`base = "https://…"`).
    fn param_target(&self, p: u32) -> Option<(u32, Option<u32>)> {
        let (target, default) = match self.kind(p) {
            "required_parameter" | "optional_parameter" => match self.child(p, "pattern") {
                Some(t) if self.kind(t) != "this" => (t, self.child(p, "value")),
                _ => return None,
            },
            "assignment_pattern" => match self.child(p, "left") {
                Some(l) => (l, self.child(p, "right")),
                None => (p, None),
            },
            _ => (p, None),
        };
        Some((
            target,
            default.filter(|_| self.kind(target) == "identifier"),
        ))
    }

    fn bind_param(&self, p: u32, f: u32, out: &mut Vec<Decl>) {
        let Some((target, _)) = self.param_target(p) else {
            return;
        };
        self.declare(target, p, BindKind::Param(p), f, out);
        // `constructor(private readonly base = "…")`: a TypeScript parameter
        // property is also `this.base`
        let property = matches!(self.kind(p), "required_parameter" | "optional_parameter")
            && self.kids(p).any(|c| {
                matches!(self.kind(c), "accessibility_modifier" | "override_modifier")
                    || self.text(c) == "readonly"
            });
        if property && self.kind(target) == "identifier" && self.class(f) != NONE {
            out.push(Decl::MemberSet {
                class: self.class(f),
                name: target,
                value: Some(target),
            });
        }
    }

    /// The identifiers a target binds (a name, or each name of a
    /// destructuring pattern), in source order.
    fn pattern_names(&self, target: u32) -> Vec<u32> {
        let mut names = Vec::new();
        let mut stack: Vec<u32> = vec![target];
        let mut steps = 0;
        while let Some(p) = stack.pop() {
            steps += 1;
            if steps > 10_000 {
                break;
            }
            match self.kind(p) {
                "identifier" | "shorthand_property_identifier_pattern" => names.push(p),
                "object_pattern" => {
                    for c in self.kids(p).collect::<Vec<_>>().into_iter().rev() {
                        match self.kind(c) {
                            "shorthand_property_identifier_pattern" => stack.push(c),
                            "pair_pattern" => {
                                if let (Some(_), Some(v)) =
                                    (self.child(c, "key"), self.child(c, "value"))
                                {
                                    stack.push(v);
                                }
                            }
                            "object_assignment_pattern" => stack.extend(self.child(c, "left")),
                            "rest_pattern" => stack.extend(self.nth(c, 0)),
                            _ => {}
                        }
                    }
                }
                "array_pattern" => {
                    for c in self.kids(p).collect::<Vec<_>>().into_iter().rev() {
                        stack.push(c);
                    }
                }
                "assignment_pattern" => stack.extend(self.child(p, "left")),
                "rest_pattern" => stack.extend(self.nth(p, 0)),
                _ => {}
            }
        }
        names
    }

    /// The path from a destructured value to the part a bound identifier
    /// takes (`const { a: [b] } = v`: `b` is `v.a[…]`); a loop variable
    /// takes an element of the iterable.
    fn bind_path(&self, b: &Binding) -> Vec<Seg> {
        self.pattern_path(b.id, b.stmt)
    }

    /// The path of the identifier `id` bound by `stmt` (see `bind_path`).
    fn pattern_path(&self, id: u32, stmt: u32) -> Vec<Seg> {
        let mut segs = Vec::new();
        let mut c = id;
        for _ in 0..10_000 {
            let p = self.parent(c);
            match self.kind(p) {
                "object_pattern" | "object_assignment_pattern"
                    if self.kind(c) == "shorthand_property_identifier_pattern" =>
                {
                    segs.push(Seg::Key(self.text(c).to_string()));
                }
                "pair_pattern" => {
                    let key = self.child(p, "key").and_then(|k| self.key_text(k));
                    segs.push(Seg::Key(key.map(|x| x.0).unwrap_or_default()));
                }
                "array_pattern" => segs.push(Seg::Elem),
                "object_pattern"
                | "object_assignment_pattern"
                | "rest_pattern"
                | "assignment_pattern" => {}
                _ => break,
            }
            c = p;
        }
        if self.kind(stmt) == "for_in_statement" {
            segs.push(Seg::Elem);
        }
        segs.reverse();
        segs
    }

    fn collect_import(&mut self, i: u32, out: &mut Vec<Decl>) {
        let Some(src) = self.child(i, "source") else {
            return;
        };
        let Some(module) = self
            .src
            .get(self.start(src) + 1..self.end(src).saturating_sub(1))
        else {
            return;
        };
        let Some(clause) = self.kids(i).find(|c| self.kind(*c) == "import_clause") else {
            return;
        };
        let mut found: Vec<(u32, &'s str)> = Vec::new();
        for c in self.kids(clause) {
            match self.kind(c) {
                "identifier" => found.push((c, "default")),
                "namespace_import" => {
                    if let Some(x) = self.nth(c, 0) {
                        found.push((x, "*"));
                    }
                }
                "named_imports" => {
                    for s in self.kids(c) {
                        if self.kind(s) != "import_specifier" {
                            continue;
                        }
                        let Some(name) = self.child(s, "name") else {
                            continue;
                        };
                        let local = self.child(s, "alias").unwrap_or(name);
                        found.push((local, self.text(name)));
                    }
                }
                _ => {}
            }
        }
        for (local, imported) in found {
            self.imports.insert(self.text(local), (module, imported));
            out.push(self.declared(0, local, BindKind::Decl));
        }
    }

    /// The scope that declares `name` seen from `at` (file scope when none does).
    fn decl_scope(&self, at: u32, name: &str) -> u32 {
        self.sc.local_scope_of(&self.a, at, name).unwrap_or(0)
    }

    /// The identifier a binding at `pos` binds: the last named node that
    /// starts there (ids are in source order).
    fn ident_at(&self, pos: u32) -> u32 {
        let (mut lo, mut hi) = (0u32, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.a.start(mid) < pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut t = NONE;
        while lo < self.len() && self.a.start(lo) == pos {
            if self.a.is_named(lo) {
                t = lo;
            }
            lo += 1;
        }
        t
    }

    /// One binding of the shared scopes as this front end reads it: what
    /// declares it is told by its statement.
    fn view(&self, scope: u32, name: &'s str, b: &Bind) -> Binding<'s> {
        let given = match b.kind {
            BindKind::Value(v) | BindKind::Append(v) | BindKind::ForIn(v) => Some(v),
            _ => None,
        };
        let (kind, value, once_ok) = match b.kind {
            BindKind::Param(p) => (
                BK::Param,
                self.param_target(p).and_then(|(_, default)| default),
                false,
            ),
            k => match self.kind(b.stmt) {
                "variable_declarator" => (BK::Var, given, true),
                "assignment_expression" => (BK::Assign, given, true),
                "augmented_assignment_expression" | "update_expression" => {
                    (BK::Assign, given, false)
                }
                "for_in_statement" => (BK::Var, given, false),
                "catch_clause" => (BK::Other, None, false),
                // a declaration named by itself, or a parameter bound to
                // the argument of one call
                _ => match k {
                    BindKind::Value(v) => {
                        let kind = match self.kind(v) {
                            "class_declaration" | "abstract_class_declaration" => BK::Class,
                            "enum_declaration" => BK::Enum,
                            "function_declaration" | "generator_function_declaration" => BK::Func,
                            _ => BK::Var,
                        };
                        (kind, Some(v), true)
                    }
                    _ => (BK::Import, None, true),
                },
            },
        };
        let (owner, pidx) = match b.kind {
            BindKind::Param(p) => {
                let k = match self.child(scope, "parameters") {
                    Some(ps) => self.kids(ps).position(|x| x == p).unwrap_or(0),
                    None => 0,
                };
                (scope, k as u32)
            }
            _ => (NONE, 0),
        };
        Binding {
            id: self.ident_at(b.pos),
            name,
            kind,
            scope,
            // a catch parameter is usable anywhere
            end: if kind == BK::Other {
                0
            } else {
                self.a.end(b.stmt)
            },
            value,
            once_ok,
            stmt: b.stmt,
            owner,
            pidx,
        }
    }

    /// The scope, name and bindings of the local an identifier use refers to.
    fn lookup(&self, i: u32) -> Option<(u32, &'s str, &[Bind])> {
        let name = self.text(i);
        let s = self.decl_scope(i, name);
        self.sc
            .locals
            .get(&(s, name))
            .map(|v| (s, name, v.as_slice()))
    }
    fn is_declared(&self, i: u32) -> bool {
        self.lookup(i).is_some_and(|l| !l.2.is_empty())
    }

    /// The one binding with a value, when the name is bound exactly once.
    fn once(&self, i: u32) -> Option<Binding<'s>> {
        let (s, name, list) = self.lookup(i)?;
        let mut found = None;
        for bind in list {
            let b = self.view(s, name, bind);
            match b.kind {
                BK::Var | BK::Assign => {
                    let plain_decl =
                        b.kind == BK::Var && b.value.is_none() && self.bind_path(&b).is_empty();
                    if !b.once_ok && !plain_decl {
                        return None;
                    }
                    if let Some(v) = b.value {
                        if found.is_some() || self.contains(v, i) {
                            return None;
                        }
                        found = Some(b);
                    }
                }
                BK::Class | BK::Enum | BK::Func => {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(b);
                }
                // a parameter with a default that no call in the file overrides
                BK::Param if b.value.is_some() && self.default_holds(&b) => {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(b);
                }
                _ => return None,
            }
        }
        found
    }

    /// Whether every call in the file of a parameter's function leaves the
    /// parameter to its default (a constructor: every `new` of its class).
    fn default_holds(&self, b: &Binding) -> bool {
        if let Some(&h) = self.default_memo.borrow().get(&b.id) {
            return h;
        }
        // asked while the call map is being built (a callee named by a
        // parameter): no answer yet, so not known to hold, and not memoized
        if self.callers.building() {
            return false;
        }
        let (f, k) = (b.owner, b.pidx as usize);
        let passes = |c: u32| {
            let args = self.args(c);
            args.len() > k || args.iter().any(|a| self.kind(*a) == "spread_element")
        };
        let ctor = self.kind(f) == "method_definition"
            && self
                .child(f, "name")
                .is_some_and(|n| self.text(n) == "constructor");
        let holds = if ctor {
            let class = self.class(f);
            !(0..self.len()).any(|n| {
                self.kind(n) == "new_expression"
                    && self
                        .child(n, "constructor")
                        .and_then(|c| self.decl_of_class(c))
                        .is_some_and(|c| c == class)
                    && passes(n)
            })
        } else {
            !self.callers_of(f).into_iter().any(passes)
        };
        self.default_memo.borrow_mut().insert(b.id, holds);
        holds
    }

    /// The class declaration an identifier names (bound once, in the file).
    fn decl_of_class(&self, c: u32) -> Option<u32> {
        if self.kind(c) != "identifier" {
            return None;
        }
        let (s, name, list) = self.lookup(c)?;
        let [bind] = list else {
            return None;
        };
        let b = self.view(s, name, bind);
        (b.kind == BK::Class).then_some(b.value?)
    }

    /// The one value stored into `this.<name>` in the class of `at`.
    fn store_once(&self, at: u32, name: &'s str) -> Option<u32> {
        self.sc.class_single_value(self.class(at), name)
    }
}

// ---------------------------------------------------------------------------
// string resolution

fn push_capped(v: &mut StrValue, pieces: Vec<Piece>) {
    for p in pieces {
        if v.pieces.len() >= MAX_PIECES {
            return;
        }
        v.pieces.push(p);
    }
}

fn uri_component_safe(t: &str, full_uri: bool) -> bool {
    t.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || "-_.!~*'()".contains(c)
            || (full_uri && ";,/?:@&=+$#".contains(c))
    })
}

impl<'s> Cx<'s> {
    fn hole(&self, i: u32) -> Piece {
        Piece::hole(self.span(i), short(self.text(i)))
    }

    fn resolve_or_hole(&self, i: u32, d: u32) -> StrValue {
        self.resolve(i, d).unwrap_or_else(|| StrValue {
            pieces: vec![self.hole(i)],
            span: self.span(i),
        })
    }

    /// Resolve a string-valued expression; `None` when it is not known to be a string.
    fn resolve(&self, i: u32, d: u32) -> Option<StrValue> {
        if d > MAX_DEPTH || !self.spend() {
            return None;
        }
        let i = self.inner(i);
        let v = match self.kind(i) {
            "string" => Some(self.lit(i)),
            "template_string" => Some(self.template(i, d)),
            "binary_expression" => match self.op(i) {
                "+" => self.concat(i, d),
                "||" | "??" => {
                    let l = self.child(i, "left")?;
                    let r = self.child(i, "right")?;
                    self.resolve(l, d + 1).or_else(|| self.resolve(r, d + 1))
                }
                _ => None,
            },
            "identifier" | "shorthand_property_identifier" => self.resolve_ident(i, d),
            "member_expression" => self.resolve_member(i, d),
            "subscript_expression" => {
                let o = self.child(i, "object")?;
                let (k, _) = self.str_content(self.child(i, "index")?)?;
                self.resolve_key(o, &k, d)
            }
            "call_expression" => self.resolve_call(i, d),
            "new_expression" => self.resolve_new(i, d),
            _ => None,
        };
        v.map(|mut v| {
            v.span = self.span(i);
            v
        })
    }

    fn lit(&self, i: u32) -> StrValue {
        let (s, e) = (self.start(i), self.end(i));
        let mut v = StrValue::new(s..e);
        let text = self.text(i);
        let q = text.chars().next().unwrap_or('"');
        let cs = (s + q.len_utf8()).min(e);
        let ce = if text.len() >= 2 && text.ends_with(q) {
            e - q.len_utf8()
        } else {
            e
        };
        let raw = self.src.get(cs..ce.max(cs)).unwrap_or("");
        let decode = self.kind(self.parent(i)) != "jsx_attribute";
        v.pieces.push(lit_piece(raw, cs, decode));
        v
    }

    fn template(&self, i: u32, d: u32) -> StrValue {
        let (s, e) = (self.start(i), self.end(i));
        let text = self.text(i);
        let cs = (s + 1).min(e);
        let ce = if text.len() >= 2 && text.ends_with('`') {
            e - 1
        } else {
            e
        };
        // `String.raw` templates are taken verbatim
        let p = self.parent(i);
        let decode = !(self.kind(p) == "call_expression"
            && self.fld(i) == "arguments"
            && self
                .child(p, "function")
                .and_then(|f| self.path_of(f))
                .is_some_and(|f| f == "String.raw"));
        let mut v = StrValue::new(s..e);
        let mut at = cs;
        for c in self.kids(i) {
            if self.kind(c) != "template_substitution" {
                continue;
            }
            let (a, b) = (self.start(c), self.end(c));
            if a > at {
                if let Some(raw) = self.src.get(at..a) {
                    push_capped(&mut v, vec![lit_piece(raw, at, decode)]);
                }
            }
            if let Some(x) = self.nth(c, 0) {
                match self.resolve(x, d + 1) {
                    Some(sv) => push_capped(&mut v, sv.pieces),
                    None => push_capped(&mut v, vec![self.hole(x)]),
                }
            }
            at = b.max(at);
        }
        if ce > at {
            if let Some(raw) = self.src.get(at..ce) {
                push_capped(&mut v, vec![lit_piece(raw, at, decode)]);
            }
        }
        if v.pieces.is_empty() {
            v.pieces.push(Piece::lit("", cs..cs));
        }
        v
    }

    fn concat(&self, i: u32, d: u32) -> Option<StrValue> {
        let mut ops = Vec::new();
        let mut st = vec![i];
        while let Some(x) = st.pop() {
            let x = self.inner(x);
            if self.kind(x) == "binary_expression"
                && self.op(x) == "+"
                && ops.len() + st.len() < MAX_OPERANDS
            {
                if let (Some(l), Some(r)) = (self.child(x, "left"), self.child(x, "right")) {
                    st.push(r);
                    st.push(l);
                    continue;
                }
            }
            ops.push(x);
        }
        let mut out = StrValue::new(self.span(i));
        let mut stringy = false;
        for x in ops {
            match self.resolve(x, d + 1) {
                Some(sv) => {
                    stringy = true;
                    push_capped(&mut out, sv.pieces);
                }
                None if self.kind(x) == "number" => {
                    push_capped(&mut out, vec![Piece::lit(self.text(x), self.span(x))])
                }
                None => push_capped(&mut out, vec![self.hole(x)]),
            }
        }
        stringy.then_some(out)
    }

    fn memo_str(&self, id: u32, f: impl FnOnce() -> Option<StrValue>) -> Option<StrValue> {
        if let Some(v) = self.str_memo.borrow().get(&id) {
            return v.clone();
        }
        if !self.str_busy.borrow_mut().insert(id) {
            return None;
        }
        let r = f();
        self.str_busy.borrow_mut().remove(&id);
        if self.budget.get() > 0 {
            self.str_memo.borrow_mut().insert(id, r.clone());
        }
        r
    }

    fn resolve_ident(&self, i: u32, d: u32) -> Option<StrValue> {
        let b = self.once(i)?;
        if !matches!(b.kind, BK::Var | BK::Assign | BK::Param) {
            return None;
        }
        let v = b.value?;
        let path = self.bind_path(&b);
        if path.is_empty() && self.is_new(v, "URLSearchParams") {
            let kvs = self.usp_kvs(i, d + 1)?;
            return Some(self.encode(&kvs, self.span(i), d + 1));
        }
        self.memo_str(b.id, || {
            let node = self.follow_path(v, &path, d + 1)?;
            self.resolve(node, d + 1)
        })
    }

    fn follow_path(&self, v: u32, path: &[Seg], d: u32) -> Option<u32> {
        let mut cur = v;
        for seg in path {
            match seg {
                Seg::Key(k) => {
                    let o = self.object_of(cur, d + 1)?;
                    cur = self.obj_get(o, k)?;
                }
                Seg::Elem => return None,
            }
        }
        Some(cur)
    }

    fn resolve_member(&self, i: u32, d: u32) -> Option<StrValue> {
        let (o, p, _) = self.member(i)?;
        let oi = self.inner(o);
        if self.kind(oi) == "this" {
            let v = self.store_once(i, p)?;
            return self.resolve(v, d + 1);
        }
        if p == "href" {
            if let Some(v) = self.resolve(o, d + 1) {
                return Some(v);
            }
        }
        self.resolve_key(o, p, d)
    }

    fn resolve_key(&self, o: u32, key: &str, d: u32) -> Option<StrValue> {
        if let Some(obj) = self.object_of(o, d + 1) {
            let v = self.obj_get(obj, key)?;
            return self.resolve(v, d + 1);
        }
        let oi = self.inner(o);
        if self.kind(oi) == "identifier" {
            let b = self.once(oi)?;
            let decl = b.value?;
            match b.kind {
                BK::Class => {
                    if let Some(v) = self.sc.class_single_value(decl, key) {
                        return self.resolve(v, d + 1);
                    }
                }
                BK::Enum => {
                    let body = self.child(decl, "body")?;
                    for m in self.kids(body) {
                        if self.kind(m) == "enum_assignment" {
                            let name = self.child(m, "name")?;
                            if self.key_text(name).is_some_and(|k| k.0 == key) {
                                return self.resolve(self.child(m, "value")?, d + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn key_text(&self, k: u32) -> Option<(String, Span)> {
        match self.kind(k) {
            "property_identifier"
            | "identifier"
            | "private_property_identifier"
            | "shorthand_property_identifier"
            | "shorthand_property_identifier_pattern"
            | "number" => Some((self.text(k).to_string(), self.span(k))),
            "string" => self.str_content(k),
            _ => None,
        }
    }

    /// The value node of `key` in an object literal (the last one wins).
    fn obj_get(&self, obj: u32, key: &str) -> Option<u32> {
        self.obj_get_d(obj, key, 0)
    }

    /// The object literal a spread element (`...options`) spreads.
    fn spread_object(&self, c: u32, d: u32) -> Option<u32> {
        if d > MAX_DEPTH / 4 {
            return None;
        }
        self.object_of(self.nth(c, 0)?, MAX_DEPTH - MAX_DEPTH / 4 + d)
    }

    fn obj_get_d(&self, obj: u32, key: &str, d: u32) -> Option<u32> {
        let mut found = None;
        for c in self.kids(obj) {
            match self.kind(c) {
                "spread_element" => {
                    if let Some(v) = self
                        .spread_object(c, d)
                        .and_then(|o| self.obj_get_d(o, key, d + 1))
                    {
                        found = Some(v);
                    }
                }
                "pair" => {
                    let Some(k) = self.child(c, "key") else {
                        continue;
                    };
                    if self.key_text(k).is_some_and(|t| t.0 == key) {
                        found = self.child(c, "value");
                    }
                }
                "shorthand_property_identifier" if self.text(c) == key => found = Some(c),
                _ => {}
            }
        }
        found
    }

    /// The object literal an expression stands for.
    fn object_of(&self, e: u32, d: u32) -> Option<u32> {
        if d > MAX_DEPTH || !self.spend() {
            return None;
        }
        let e = self.inner(e);
        match self.kind(e) {
            "object" => Some(e),
            "identifier" | "shorthand_property_identifier" => {
                let b = self.once(e)?;
                if !matches!(b.kind, BK::Var | BK::Assign) {
                    return None;
                }
                let node = self.follow_path(b.value?, &self.bind_path(&b), d + 1)?;
                self.object_of(node, d + 1)
            }
            "member_expression" => {
                let (o, p, _) = self.member(e)?;
                if self.kind(self.inner(o)) == "this" {
                    return self.object_of(self.store_once(e, p)?, d + 1);
                }
                let obj = self.object_of(o, d + 1)?;
                self.object_of(self.obj_get(obj, p)?, d + 1)
            }
            "subscript_expression" => {
                let (k, _) = self.str_content(self.child(e, "index")?)?;
                let obj = self.object_of(self.child(e, "object")?, d + 1)?;
                self.object_of(self.obj_get(obj, &k)?, d + 1)
            }
            "call_expression" => {
                let f = self.callee(e)?;
                if matches!(self.path_of(f).as_deref(), Some("Object.freeze")) {
                    return self.object_of(*self.args(e).first()?, d + 1);
                }
                None
            }
            _ => None,
        }
    }

    fn is_new(&self, e: u32, ctor: &str) -> bool {
        let e = self.inner(e);
        self.kind(e) == "new_expression"
            && self
                .child(e, "constructor")
                .is_some_and(|c| self.text(c) == ctor)
    }

    fn resolve_call(&self, i: u32, d: u32) -> Option<StrValue> {
        let f = self.callee(i)?;
        let args = self.args(i);
        let span = self.span(i);
        match self.kind(f) {
            "identifier" => {
                let name = self.text(f);
                match name {
                    "String" => Some(self.resolve_or_hole(*args.first()?, d + 1)),
                    "encodeURIComponent" | "encodeURI" => {
                        let a = *args.first()?;
                        match self.resolve(a, d + 1) {
                            Some(v)
                                if v.is_plain()
                                    && uri_component_safe(&v.text(), name == "encodeURI") =>
                            {
                                Some(v)
                            }
                            _ => Some(StrValue {
                                pieces: vec![self.hole(i)],
                                span,
                            }),
                        }
                    }
                    _ => {
                        if self.lib_of(f, d + 1) == Some(Lib::QsStringify) {
                            let kvs = self.kvs_of(*args.first()?, d + 1);
                            return Some(self.encode(&kvs, span, d + 1));
                        }
                        if let Some(k) = self.form_writer_param(name, d) {
                            let kvs = self.kvs_of(*args.get(k)?, d + 1);
                            if !kvs.is_empty() {
                                return Some(self.encode(&kvs, span, d + 1));
                            }
                        }
                        self.resolve_return(name, d)
                    }
                }
            }
            "member_expression" => {
                let (o, p, _) = self.member(f)?;
                match p {
                    "toString" if args.is_empty() => match self.usp_kvs(o, d + 1) {
                        Some(kvs) => Some(self.encode(&kvs, span, d + 1)),
                        None => self.resolve(o, d + 1),
                    },
                    "join" => {
                        let arr = self.inner(o);
                        if let Some(kvs) = self.pairs_joined(arr, args.first().copied(), d) {
                            return Some(self.encode(&kvs, span, d + 1));
                        }
                        if self.kind(arr) != "array" {
                            return None;
                        }
                        let sep = match args.first() {
                            Some(a) => self.resolve_or_hole(*a, d + 1).pieces,
                            None => vec![Piece::synthetic(",")],
                        };
                        let mut out = StrValue::new(span);
                        for (k, el) in self.kids(arr).enumerate() {
                            if k > 0 {
                                push_capped(&mut out, sep.clone());
                            }
                            push_capped(&mut out, self.resolve_or_hole(el, d + 1).pieces);
                        }
                        Some(out)
                    }
                    "concat" => {
                        let mut out = self.resolve(o, d + 1)?;
                        for a in args {
                            push_capped(&mut out, self.resolve_or_hole(a, d + 1).pieces);
                        }
                        Some(out)
                    }
                    "stringify" => {
                        if self.lib_of(o, d + 1) != Some(Lib::Qs) {
                            return None;
                        }
                        let kvs = self.kvs_of(*args.first()?, d + 1);
                        Some(self.encode(&kvs, span, d + 1))
                    }
                    "resolve" => {
                        if self.lib_of(o, d + 1) != Some(Lib::Url) || args.len() < 2 {
                            return None;
                        }
                        let base = self.resolve_or_hole(args[0], d + 1);
                        let path = self.resolve_or_hole(args[1], d + 1);
                        Some(url_join(base, path, span))
                    }
                    _ if self.kind(self.inner(o)) == "this" => self.resolve_return(p, d),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The string an in-file function returns, when it is the only function
    /// of that name and has a single `return`.
    fn resolve_return(&self, name: &str, d: u32) -> Option<StrValue> {
        let fns = self.sc.functions_by_name.get(name)?;
        if fns.len() != 1 {
            return None;
        }
        match self.sc.returns.get(&fns[0])?.as_slice() {
            [r] => self.resolve(*r, d + 1).or_else(|| {
                // `parts = parts.join("&"); return parts;`: the name's last
                // value before the `return`
                let r = self.inner(*r);
                let v = self.sc.last_value(&self.a, r)?;
                (self.kind(r) == "identifier" && v != r).then(|| self.resolve(v, d + 1))?
            }),
            _ => None,
        }
    }

    fn resolve_new(&self, i: u32, d: u32) -> Option<StrValue> {
        let ctor = self.child(i, "constructor")?;
        let args = self.args(i);
        let span = self.span(i);
        match self.text(ctor) {
            "URL" => {
                let path = self.resolve_or_hole(*args.first()?, d + 1);
                match args.get(1) {
                    Some(b) => Some(url_join(self.resolve_or_hole(*b, d + 1), path, span)),
                    None => Some(path),
                }
            }
            "URLSearchParams" => {
                let kvs = self.usp_init(i, d + 1);
                Some(self.encode(&kvs, span, d + 1))
            }
            "String" => Some(self.resolve_or_hole(*args.first()?, d + 1)),
            _ => None,
        }
    }

    /// Encode key/value pairs as a query string: keys and values keep their
    /// spans, `=` and `&` are synthetic.
    fn encode(&self, kvs: &[Kv], span: Span, d: u32) -> StrValue {
        let mut v = StrValue::new(span);
        for (k, kv) in kvs.iter().enumerate() {
            if k > 0 {
                v.pieces.push(Piece::synthetic("&"));
            }
            match &kv.key_span {
                Some(s) if s.len() == kv.key.len() => {
                    v.pieces.push(Piece::lit(kv.key.clone(), s.clone()))
                }
                _ => v.pieces.push(Piece::synthetic(kv.key.clone())),
            }
            v.pieces.push(Piece::synthetic("="));
            let val = match &kv.val {
                KvVal::Node(n) | KvVal::Shorthand(n) => self.resolve_or_hole(*n, d + 1).pieces,
                KvVal::Str(sv, _) => sv.pieces.clone(),
                KvVal::Nothing => Vec::new(),
            };
            push_capped(&mut v, val);
            if v.pieces.len() >= MAX_PIECES {
                break;
            }
        }
        v
    }

    // ----- key/value structures -------------------------------------------

    fn obj_kvs(&self, obj: u32) -> Vec<Kv> {
        self.obj_kvs_d(obj, 0)
    }

    /// The entries of the object literal `obj` that the name `e` holds,
    /// with those written into it after its binding and before `e`
    /// (`body.client_id = id`, `Object.assign(body, { code })`).
    fn held_kvs(&self, e: u32, obj: u32) -> Vec<Kv> {
        let mut out = self.obj_kvs(obj);
        out.extend(self.keyed_kvs(e));
        out
    }

    /// The entries written into the object the name `e` holds after its
    /// binding and before `e` ([`Scopes::keyed_sets`]); nothing when `e`
    /// is not a name.
    fn keyed_kvs(&self, e: u32) -> Vec<Kv> {
        let e = self.inner(e);
        if !matches!(self.kind(e), "identifier" | "shorthand_property_identifier") {
            return Vec::new();
        }
        self.sc
            .keyed_sets(&self.a, e, self.text(e))
            .into_iter()
            .filter_map(|w| {
                let (key, ks) = self.key_text(w.key)?;
                // an entry of `Object.assign(body, { … })` is its pair
                let span = match self.parent_pair(w.value) {
                    Some(pair) => self.span(pair),
                    None if w.key == w.value => self.span(w.key),
                    None => self.span(w.stmt),
                };
                let val = if w.key == w.value {
                    KvVal::Shorthand(w.value)
                } else {
                    KvVal::Node(w.value)
                };
                Some(Kv {
                    key,
                    key_span: Some(ks),
                    val,
                    span,
                })
            })
            .collect()
    }

    fn obj_kvs_d(&self, obj: u32, d: u32) -> Vec<Kv> {
        let mut out = Vec::new();
        for c in self.kids(obj) {
            match self.kind(c) {
                "spread_element" => {
                    if let Some(o) = self.spread_object(c, d) {
                        out.extend(self.obj_kvs_d(o, d + 1));
                    }
                }
                "pair" => {
                    let (Some(k), Some(v)) = (self.child(c, "key"), self.child(c, "value")) else {
                        continue;
                    };
                    let Some((key, ks)) = self.key_text(k) else {
                        continue;
                    };
                    out.push(Kv {
                        key,
                        key_span: Some(ks),
                        val: KvVal::Node(v),
                        span: self.span(c),
                    });
                }
                "shorthand_property_identifier" => out.push(Kv {
                    key: self.text(c).to_string(),
                    key_span: Some(self.span(c)),
                    val: KvVal::Shorthand(c),
                    span: self.span(c),
                }),
                _ => {}
            }
        }
        out
    }

    /// Key/value pairs of an array of `[k, v]` pairs.
    fn pair_array_kvs(&self, arr: u32) -> Vec<Kv> {
        let mut out = Vec::new();
        for el in self.kids(arr) {
            if self.kind(el) != "array" {
                continue;
            }
            let mut it = self.kids(el);
            let (Some(k), v) = (it.next(), it.next()) else {
                continue;
            };
            let Some((key, ks)) = self.str_content(k) else {
                continue;
            };
            out.push(Kv {
                key,
                key_span: Some(ks),
                val: v.map(KvVal::Node).unwrap_or(KvVal::Nothing),
                span: self.span(el),
            });
        }
        out
    }

    /// Entries of an object, a `URLSearchParams`, or a form string an expression stands for.
    /// `Object.keys(p).map((k) => `${k}=${p[k]}`).join("&")` (or
    /// `Object.entries`): an object written out as a query by hand, the
    /// entries of that object.
    fn pairs_joined(&self, map: u32, sep: Option<u32>, d: u32) -> Option<Vec<Kv>> {
        if self.kind(map) == "identifier" {
            return self.pairs_pushed(map, sep, d);
        }
        if self.kind(map) != "call_expression" {
            return None;
        }
        let (list, name, _) = self.member(self.a.field(map, "function")?)?;
        let sep = self.resolve(sep?, d + 1)?;
        if name != "map" || !sep.is_plain() || sep.text() != "&" {
            return None;
        }
        if !self
            .args(map)
            .first()
            .is_some_and(|&f| self.text(f).contains('='))
        {
            return None;
        }
        let list = self.inner(list);
        if self.kind(list) != "call_expression" {
            return None;
        }
        let (obj, how, _) = self.member(self.a.field(list, "function")?)?;
        if self.text(obj) != "Object" || !matches!(how, "keys" | "entries") {
            return None;
        }
        let kvs = self.kvs_of(*self.args(list).first()?, d + 1);
        (!kvs.is_empty()).then_some(kvs)
    }

    /// `for (const k in o) { parts.push(enc(k) + "=" + enc(o[k])); }` then
    /// `parts.join("&")`: the pairs of `o`, written out by hand.
    fn pairs_pushed(&self, list: u32, sep: Option<u32>, d: u32) -> Option<Vec<Kv>> {
        let kvs = self.kvs_of(self.pushed_over(list, sep, d)?, d + 1);
        (!kvs.is_empty()).then_some(kvs)
    }

    /// The object `o` of `for (const k in o) { parts.push(… + "=" + …) }`
    /// when the list `parts` is joined with `&`.
    fn pushed_over(&self, list: u32, sep: Option<u32>, d: u32) -> Option<u32> {
        let sep = self.resolve(sep?, d + 1)?;
        if !sep.is_plain() || sep.text() != "&" {
            return None;
        }
        let name = self.text(list);
        let scope = self.decl_scope(list, name);
        let mut out: Option<u32> = None;
        for &c in self.member_calls.get(name)? {
            let Some((o, m, _)) = self.method_call(c) else {
                continue;
            };
            if m != "push" || self.decl_scope(o, name) != scope || self.start(c) > self.start(list)
            {
                continue;
            }
            if !self
                .args(c)
                .first()
                .is_some_and(|&a| self.text(a).contains('='))
            {
                continue;
            }
            // the `for … in` loop the push sits in
            let mut at = self.parent(c);
            for _ in 0..16 {
                if self.kind(at) == "for_in_statement" || at == 0 {
                    break;
                }
                at = self.parent(at);
            }
            if self.kind(at) != "for_in_statement" || self.op(at) != "in" {
                return None;
            }
            if out.is_some() {
                return None;
            }
            out = Some(self.child(at, "right")?);
        }
        out
    }

    /// A function of the file that writes its parameter out as a form,
    /// pair by pair (`for (k in p) parts.push(k + "=" + p[k])`, then
    /// `return parts.join("&")` or `parts = parts.join("&"); return parts`):
    /// the parameter's position.
    fn form_writer_param(&self, name: &str, d: u32) -> Option<usize> {
        let fns = self.sc.functions_by_name.get(name)?;
        let [f] = fns.as_slice() else { return None };
        let [r] = self.sc.returns.get(f)?.as_slice() else {
            return None;
        };
        let r = self.inner(*r);
        let join = if self.kind(r) == "identifier" {
            self.inner(self.sc.last_value(&self.a, r)?)
        } else {
            r
        };
        if self.kind(join) != "call_expression" {
            return None;
        }
        let (list, m, _) = self.member(self.a.field(join, "function")?)?;
        let list = self.inner(list);
        if m != "join" || self.kind(list) != "identifier" {
            return None;
        }
        let over = self.inner(self.pushed_over(list, self.args(join).first().copied(), d)?);
        if self.kind(over) != "identifier" {
            return None;
        }
        let (s, name, binds) = self.lookup(over)?;
        let [bind] = binds else { return None };
        let b = self.view(s, name, bind);
        (b.kind == BK::Param && b.owner == *f).then_some(b.pidx as usize)
    }

    fn kvs_of(&self, e: u32, d: u32) -> Vec<Kv> {
        if let Some(o) = self.object_of(e, d + 1) {
            return self.held_kvs(e, o);
        }
        if let Some(k) = self.usp_kvs(e, d + 1) {
            return k;
        }
        match self.resolve(e, d + 1) {
            Some(sv) if looks_like_form(&sv.text()) => form_pairs(&sv),
            _ => Vec::new(),
        }
    }

    /// Entries of the init argument of `new URLSearchParams(init)`.
    fn usp_init(&self, new: u32, d: u32) -> Vec<Kv> {
        let Some(a) = self.args(new).first().copied() else {
            return Vec::new();
        };
        let ai = self.inner(a);
        if self.kind(ai) == "array" {
            return self.pair_array_kvs(ai);
        }
        self.kvs_of(a, d + 1)
    }

    /// Entries of an expression that is a `URLSearchParams` (with its `.append`/`.set` calls).
    fn usp_kvs(&self, e: u32, d: u32) -> Option<Vec<Kv>> {
        if d > MAX_DEPTH || !self.spend() {
            return None;
        }
        let e = self.inner(e);
        match self.kind(e) {
            "new_expression" if self.is_new(e, "URLSearchParams") => Some(self.usp_init(e, d + 1)),
            "identifier" | "shorthand_property_identifier" => {
                let b = self.once(e)?;
                let v = b.value?;
                if !self.bind_path(&b).is_empty() || !matches!(b.kind, BK::Var | BK::Assign) {
                    return None;
                }
                if self.is_new(v, "URLSearchParams") {
                    let mut kvs = self.usp_init(self.inner(v), d + 1);
                    kvs.extend(self.appends_of(e, &["append", "set"]));
                    return Some(kvs);
                }
                if self.kind(self.inner(v)) == "identifier" {
                    return self.usp_kvs(v, d + 1);
                }
                None
            }
            "member_expression" => {
                let (o, p, _) = self.member(e)?;
                if self.kind(self.inner(o)) == "this" {
                    let v = self.store_once(e, p)?;
                    if self.is_new(v, "URLSearchParams") {
                        return Some(self.usp_init(self.inner(v), d + 1));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// `name.method("k", v)` calls on the same variable as the identifier use `e`.
    fn appends_of(&self, e: u32, methods: &[&str]) -> Vec<Kv> {
        let name = self.text(e);
        let scope = self.decl_scope(e, name);
        let mut out = Vec::new();
        let Some(calls) = self.member_calls.get(name) else {
            return out;
        };
        for &c in calls {
            let Some((o, m, _)) = self.method_call(c) else {
                continue;
            };
            if !methods.contains(&m) || self.decl_scope(o, name) != scope {
                continue;
            }
            let args = self.args(c);
            let Some((key, ks)) = args.first().and_then(|a| self.str_content(*a)) else {
                continue;
            };
            out.push(Kv {
                key,
                key_span: Some(ks),
                val: args
                    .get(1)
                    .map(|v| KvVal::Node(*v))
                    .unwrap_or(KvVal::Nothing),
                span: self.span(c),
            });
        }
        out
    }

    fn to_entry(&self, kv: &Kv) -> Entry {
        let (value, value_span) = match &kv.val {
            KvVal::Node(n) => (self.resolve(*n, 1), Some(self.span(*n))),
            KvVal::Shorthand(n) => (None, Some(self.span(*n))),
            KvVal::Str(sv, vs) => (Some(sv.clone()), vs.clone()),
            KvVal::Nothing => (None, None),
        };
        Entry {
            key: kv.key.clone(),
            key_span: kv.key_span.clone(),
            value,
            value_span,
            span: kv.span.clone(),
        }
    }

    fn to_entries(&self, kvs: &[Kv]) -> Vec<Entry> {
        kvs.iter().map(|k| self.to_entry(k)).collect()
    }
}

// ---------------------------------------------------------------------------
// libraries

fn lib_by_name(name: &str) -> Option<Lib> {
    Some(match name {
        "fetch" => Lib::Fetch,
        "axios" => Lib::Axios(None),
        "got" => Lib::Got(None),
        "superagent" => Lib::Superagent,
        "request" | "rp" | "requestPromise" => Lib::Request,
        "https" => Lib::Https("https"),
        "http" => Lib::Https("http"),
        "$" | "jQuery" => Lib::JQuery,
        "qs" | "querystring" | "queryString" => Lib::Qs,
        "url" => Lib::Url,
        _ => return None,
    })
}

fn lib_of_module(module: &str, imported: &str) -> Option<Lib> {
    let m = module.strip_prefix("node:").unwrap_or(module);
    let whole = matches!(imported, "default" | "*");
    Some(match m {
        "qs" | "querystring" | "query-string" if imported == "stringify" => Lib::QsStringify,
        "qs" | "querystring" | "query-string" if whole => Lib::Qs,
        "axios" if whole || imported == "axios" => Lib::Axios(None),
        "got" if whole || imported == "got" => Lib::Got(None),
        "superagent" if whole || imported == "superagent" => Lib::Superagent,
        "request"
        | "request-promise"
        | "request-promise-native"
        | "requestretry"
        | "postman-request"
            if whole =>
        {
            Lib::Request
        }
        "https" if whole => Lib::Https("https"),
        "N/https" | "N/http" if whole => Lib::NetSuiteHttps,
        "http" if whole => Lib::Https("http"),
        "node-fetch" | "cross-fetch" | "isomorphic-fetch" | "isomorphic-unfetch" | "unfetch"
            if whole || imported == "fetch" =>
        {
            Lib::Fetch
        }
        "undici" if imported == "fetch" => Lib::Fetch,
        "jquery" if whole || imported == "$" || imported == "jQuery" => Lib::JQuery,
        "url" if whole => Lib::Url,
        _ => return None,
    })
}

impl<'s> Cx<'s> {
    /// Which library an expression (a callee's receiver) stands for.
    fn lib_of(&self, e: u32, d: u32) -> Option<Lib> {
        if d > MAX_DEPTH || !self.spend() {
            return None;
        }
        let e = self.inner(e);
        match self.kind(e) {
            "identifier" => {
                let name = self.text(e);
                let (s, list) = match self.lookup(e) {
                    Some((_, _, l)) if l.len() > 16 => return None,
                    Some((s, _, l)) if !l.is_empty() => (s, l),
                    _ => return lib_by_name(name),
                };
                let mut res = None;
                for bind in list {
                    let b = self.view(s, name, bind);
                    match b.kind {
                        BK::Import => {
                            if let Some((m, imp)) = self.imports.get(name) {
                                res = lib_of_module(m, imp).or(res);
                            }
                        }
                        BK::Var | BK::Assign => {
                            let Some(v) = b.value else {
                                continue;
                            };
                            let lib = match self.bind_path(&b).as_slice() {
                                [] => self.lib_of_value(v, d + 1),
                                [Seg::Key(k)] => {
                                    self.require_of(v).and_then(|m| lib_of_module(&m, k))
                                }
                                _ => None,
                            };
                            res = lib.or(res);
                        }
                        // `define(['N/https'], function (https) { … })`
                        BK::Param => match self.amd_module(&b) {
                            Some(m) => {
                                let lib = lib_of_module(&m, "default")
                                    .filter(|l| *l == Lib::NetSuiteHttps);
                                res = lib.or(res);
                            }
                            None => return None,
                        },
                        _ => return None,
                    }
                }
                res
            }
            "member_expression" => {
                let (o, p, _) = self.member(e)?;
                let oi = self.inner(o);
                match self.kind(oi) {
                    "this" => self
                        .sc
                        .member_values(self.class(e), p)
                        .find_map(|v| self.lib_of_value(v, d + 1)),
                    "identifier"
                        if matches!(self.text(oi), "window" | "globalThis" | "self" | "global")
                            && !self.is_declared(oi) =>
                    {
                        lib_by_name(p)
                    }
                    _ if p == "default" => self.lib_of(o, d + 1),
                    _ => None,
                }
            }
            "call_expression" | "new_expression" => self.lib_of_value(e, d + 1),
            _ => None,
        }
    }

    /// The module an AMD loader hands a parameter: `p` of the callback in
    /// `define(['N/https', …], function (p, …) { … })` (or `require`, or
    /// `define('name', [...], …)`) is the module named at its position.
    fn amd_module(&self, b: &Binding) -> Option<String> {
        if b.kind != BK::Param || b.owner == NONE {
            return None;
        }
        let (args, callback) = self.up(b.owner);
        if self.kind(args) != "arguments" {
            return None;
        }
        let call = self.parent(args);
        let loader = self.callee(call)?;
        if self.kind(loader) != "identifier"
            || !matches!(self.text(loader), "define" | "require")
            || self.is_declared(loader)
        {
            return None;
        }
        let list = self.args(call);
        let at = list.iter().position(|a| *a == callback)?;
        let deps = self.inner(*list.get(at.checked_sub(1)?)?);
        if self.kind(deps) != "array" {
            return None;
        }
        let dep = self.kids(deps).nth(b.pidx as usize)?;
        self.str_content(dep).map(|x| x.0)
    }

    /// The module of `require("m")`.
    fn require_of(&self, v: u32) -> Option<String> {
        let v = self.inner(v);
        if self.kind(v) != "call_expression" {
            return None;
        }
        let f = self.callee(v)?;
        if self.kind(f) != "identifier" || self.text(f) != "require" {
            return None;
        }
        self.str_content(*self.args(v).first()?).map(|x| x.0)
    }

    fn lib_of_value(&self, v: u32, d: u32) -> Option<Lib> {
        if d > MAX_DEPTH {
            return None;
        }
        let v = self.inner(v);
        match self.kind(v) {
            "call_expression" => {
                if let Some(m) = self.require_of(v) {
                    return lib_of_module(&m, "default");
                }
                let f = self.callee(v)?;
                let (o, p, _) = self.member(f)?;
                match (self.lib_of(o, d + 1)?, p) {
                    (Lib::Axios(None), "create") => Some(Lib::Axios(Some(v))),
                    (Lib::Got(None), "extend") => Some(Lib::Got(Some(v))),
                    (Lib::Request, "defaults") => Some(Lib::Request),
                    (Lib::Superagent, "agent") => Some(Lib::Superagent),
                    _ => None,
                }
            }
            "new_expression" => self.is_new(v, "XMLHttpRequest").then_some(Lib::Xhr),
            "member_expression" | "identifier" => self.lib_of(v, d + 1),
            _ => None,
        }
    }

    // ----- origins -----------------------------------------------------------

    /// Where the value of an expression comes from.
    fn origin(&self, e: u32, d: u32) -> Origin {
        if d > MAX_DEPTH || !self.spend() {
            return Origin::Unknown;
        }
        let e = self.inner(e);
        match self.kind(e) {
            "await_expression" => self
                .nth(e, 0)
                .map(|x| self.origin(x, d + 1))
                .unwrap_or_default(),
            "identifier" | "shorthand_property_identifier" => self.origin_ident(e, d),
            "member_expression" => match self.member(e) {
                Some((o, p, _)) => self.origin_prop(e, o, p, d),
                None => Origin::Unknown,
            },
            "subscript_expression" => {
                let Some(o) = self.child(e, "object") else {
                    return Origin::Unknown;
                };
                match self.child(e, "index").and_then(|x| self.str_content(x)) {
                    Some((_, sp)) => {
                        let k: &'s str = self.src.get(sp).unwrap_or("");
                        self.origin_prop(e, o, k, d)
                    }
                    None => self.origin(o, d + 1),
                }
            }
            "call_expression" => self.origin_call(e, d),
            "new_expression" => {
                if self.is_new(e, "URLSearchParams") {
                    if let Some(a) = self.args(e).first() {
                        let o = self.origin(*a, d + 1);
                        if o == Origin::Input {
                            return o;
                        }
                    }
                }
                Origin::Unknown
            }
            "object" | "array" | "string" | "template_string" | "number" | "true" | "false"
            | "null" => Origin::Literal,
            "binary_expression" => match self.op(e) {
                "??" | "||" => {
                    let l = self
                        .child(e, "left")
                        .map(|x| self.origin(x, d + 1))
                        .unwrap_or_default();
                    if l != Origin::Unknown {
                        l
                    } else {
                        self.child(e, "right")
                            .map(|x| self.origin(x, d + 1))
                            .unwrap_or_default()
                    }
                }
                "&&" => self
                    .child(e, "right")
                    .map(|x| self.origin(x, d + 1))
                    .unwrap_or_default(),
                _ => Origin::Unknown,
            },
            "ternary_expression" => {
                let a = self
                    .child(e, "consequence")
                    .map(|x| self.origin(x, d + 1))
                    .unwrap_or_default();
                let b = self
                    .child(e, "alternative")
                    .map(|x| self.origin(x, d + 1))
                    .unwrap_or_default();
                best(a, b)
            }
            "assignment_expression" => self
                .child(e, "right")
                .map(|x| self.origin(x, d + 1))
                .unwrap_or_default(),
            "sequence_expression" => self
                .kids(e)
                .last()
                .map(|x| self.origin(x, d + 1))
                .unwrap_or_default(),
            _ => Origin::Unknown,
        }
    }

    fn origin_prop(&self, e: u32, o: u32, p: &'s str, d: u32) -> Origin {
        let oi = self.inner(o);
        match self.kind(oi) {
            "this" => return self.store_origin(e, p, d),
            "identifier" if self.text(oi) == "process" && p == "env" && !self.is_declared(oi) => {
                return Origin::Config
            }
            "meta_property" if p == "env" => return Origin::Config,
            _ => {}
        }
        if let Some(last) = self.last_seg(oi) {
            let l = last.to_ascii_lowercase();
            if (l == "req" || l == "request")
                && matches!(p, "body" | "query" | "params" | "form" | "cookies" | "url")
            {
                return Origin::Input;
            }
            if l == "location" && matches!(p, "search" | "hash" | "href") {
                return Origin::Input;
            }
        }
        let o = self.origin(oi, d + 1);
        configured(o, p)
    }

    fn store_origin(&self, at: u32, p: &'s str, d: u32) -> Origin {
        let Some((&key, list)) = self.sc.members.get_key_value(&(self.class(at), p)) else {
            return configured(Origin::Unknown, p);
        };
        if let Some(o) = self.store_memo.borrow().get(&key) {
            return o.clone();
        }
        if !self.store_busy.borrow_mut().insert(key) {
            return Origin::Unknown;
        }
        let mut o = Origin::Unknown;
        for &v in list.iter().flatten() {
            o = best(o, self.origin(v, d + 1));
        }
        self.store_busy.borrow_mut().remove(&key);
        o = configured(o, p);
        if self.budget.get() > 0 {
            self.store_memo.borrow_mut().insert(key, o.clone());
        }
        o
    }

    fn is_nullish(&self, v: Option<u32>) -> bool {
        match v {
            Some(v) => {
                let v = self.inner(v);
                self.kind(v) == "null"
                    || (self.kind(v) == "undefined")
                    || (self.kind(v) == "identifier" && self.text(v) == "undefined")
            }
            None => true,
        }
    }

    fn origin_ident(&self, e: u32, d: u32) -> Origin {
        let name = self.text(e);
        if name == "undefined" {
            return Origin::Unknown;
        }
        let s = self.decl_scope(e, name);
        let Some(list) = self.sc.locals.get(&(s, name)) else {
            return configured(Origin::Unknown, name);
        };
        let same = self.scope(e) == s;
        let read = self.start(e) as u32;
        let usable = |b: &Binding| match b.kind {
            BK::Param | BK::Import | BK::Other | BK::Enum => true,
            BK::Var | BK::Assign => b.value.is_some(),
            _ => false,
        };
        let view = |idx: usize| self.view(s, name, &list[idx]);
        // the last binding before the read (bindings are sorted by position)
        let upto = list.partition_point(|b| b.pos < read);
        let mut pick = (0..upto).rev().take(256).map(view).find(|b| {
            usable(b) && b.end <= read && (same || b.kind == BK::Param || !self.is_nullish(b.value))
        });
        if pick.is_none() && !same {
            pick = (0..list.len())
                .take(256)
                .map(view)
                .find(|b| usable(b) && (b.kind == BK::Param || !self.is_nullish(b.value)));
        }
        let o = pick.map(|b| self.binding_origin(&b, d)).unwrap_or_default();
        configured(o, name)
    }

    fn binding_origin(&self, b: &Binding<'s>, d: u32) -> Origin {
        let id = b.id;
        if let Some(o) = self.org_memo.borrow().get(&id) {
            return o.clone();
        }
        if !self.org_busy.borrow_mut().insert(id) {
            return Origin::Unknown;
        }
        let o = match b.kind {
            BK::Param => self.param_origin(b.owner, b.pidx, d + 1),
            BK::Var | BK::Assign => match b.value {
                Some(v) if self.is_new(v, "XMLHttpRequest") => self
                    .xhr_of
                    .get(&(b.scope, b.name))
                    .map(|r| Origin::Response(*r))
                    .unwrap_or_default(),
                Some(v) => self.origin(v, d + 1),
                None => Origin::Unknown,
            },
            BK::Enum => Origin::Literal,
            BK::Import => {
                let module = self.imports.get(b.name).map(|m| m.0).unwrap_or("");
                if is_config_name(b.name)
                    || module.contains("config")
                    || module.contains("settings")
                {
                    Origin::Config
                } else {
                    Origin::Unknown
                }
            }
            _ => Origin::Unknown,
        };
        self.org_busy.borrow_mut().remove(&id);
        if self.budget.get() > 0 {
            self.org_memo.borrow_mut().insert(id, o.clone());
        }
        o
    }

    /// Origin of parameter `k` of function `f`, from the call the function is passed to.
    fn param_origin(&self, f: u32, k: u32, d: u32) -> Origin {
        if d > MAX_DEPTH || f == NONE {
            return Origin::Param;
        }
        let (p, c) = self.up(f);
        match self.kind(p) {
            "arguments" => {
                let call = self.parent(p);
                if self.kind(call) != "call_expression" {
                    return Origin::Param;
                }
                let args = self.args(call);
                let Some(pos) = args.iter().position(|a| *a == c) else {
                    return Origin::Param;
                };
                if let Some(&r) = self.req_of.get(&call) {
                    let lib = self.req_lib.get(r).copied().unwrap_or("");
                    match lib {
                        "request" | "superagent" if k >= 1 => return Origin::Response(r),
                        "request" | "superagent" => {}
                        _ if k == 0 && pos > 0 => return Origin::Response(r),
                        _ => {}
                    }
                }
                if let Some((recv, m, _)) = self.method_call(call) {
                    match m {
                        // a promise's value, an observable's (`http.post(…).subscribe(res => …)`)
                        "then" | "done" | "subscribe" if pos == 0 && k == 0 => {
                            return self.origin(recv, d + 1)
                        }
                        "forEach" | "map" | "filter" | "find" | "some" | "every" | "flatMap"
                        | "findLast"
                            if k == 0 && pos == 0 =>
                        {
                            let o = self.origin(recv, d + 1);
                            if rank(&o) >= 4 {
                                return o;
                            }
                        }
                        "on" | "once" if pos == 1 && k == 0 => {
                            let ev = args.first().and_then(|a| self.str_content(*a));
                            if ev.is_some_and(|e| {
                                matches!(e.0.as_str(), "data" | "end" | "response")
                            }) {
                                let o = self.origin(recv, d + 1);
                                if rank(&o) >= 4 {
                                    return o;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Origin::Param
            }
            "pair" if k == 0 => {
                let key = self.child(p, "key").map(|x| self.text(x)).unwrap_or("");
                if key != "success" {
                    return Origin::Param;
                }
                let obj = self.parent(p);
                let (args, _) = self.up(obj);
                if self.kind(args) == "arguments" {
                    if let Some(&r) = self.req_of.get(&self.parent(args)) {
                        return Origin::Response(r);
                    }
                }
                Origin::Param
            }
            _ => self.callers_pass(f, k, d),
        }
    }

    /// A parameter holds what the file's callers pass when every one of
    /// them passes a token response (a `saveTokens(data)` helper); a refresh
    /// response is preferred, since the helper then stores what a refresh
    /// returned.
    fn callers_pass(&self, f: u32, k: u32, d: u32) -> Origin {
        let calls = self.callers_of(f);
        if calls.is_empty() || calls.len() > 64 {
            return Origin::Param;
        }
        let mut picked: Option<Origin> = None;
        for c in calls {
            let args = self.args(c);
            if args
                .iter()
                .take(k as usize + 1)
                .any(|a| self.kind(*a) == "spread_element")
            {
                return Origin::Param;
            }
            let Some(&a) = args.get(k as usize) else {
                return Origin::Param;
            };
            let o = self.origin(a, d + 1);
            if !matches!(o, Origin::Response(_) | Origin::TokenCall(_)) {
                return Origin::Param;
            }
            let refresh = matches!(o, Origin::Response(r) if self.refresh_reqs.contains(&r));
            let held =
                matches!(&picked, Some(Origin::Response(r)) if self.refresh_reqs.contains(r));
            if picked.is_none() || (refresh && !held) {
                picked = Some(o);
            }
        }
        picked.unwrap_or(Origin::Param)
    }

    /// The calls in the file of a local function or method.
    fn callers_of(&self, f: u32) -> Vec<u32> {
        self.callers.of(
            f,
            (0..self.len()).filter(|&c| self.kind(c) == "call_expression"),
            |c| self.local_target(c),
            |t, c| self.contains(t, c),
        )
    }

    fn origin_call(&self, c: u32, d: u32) -> Origin {
        if let Some(&r) = self.req_of.get(&c) {
            return Origin::Response(r);
        }
        let Some(f) = self.callee(c) else {
            return Origin::Unknown;
        };
        let args = self.args(c);
        let token_call = |name: &str| {
            if is_token_api_name(name) || self.sc.is_token_call(name) {
                if let Some(&k) = self.call_idx.get(&c) {
                    return Origin::TokenCall(k);
                }
            }
            Origin::Unknown
        };
        match self.kind(f) {
            "identifier" => {
                let name = self.text(f);
                if name == "structuredClone" {
                    return args
                        .first()
                        .map(|a| self.origin(*a, d + 1))
                        .unwrap_or_default();
                }
                if self.sc.functions_by_name.contains_key(name) {
                    let o = self.summary(name, d + 1);
                    if o != Origin::Unknown {
                        return o;
                    }
                }
                token_call(name)
            }
            "member_expression" => {
                let Some((o, m, _)) = self.member(f) else {
                    return Origin::Unknown;
                };
                let oi = self.inner(o);
                let recv_name = if self.kind(oi) == "identifier" {
                    self.text(oi)
                } else {
                    ""
                };
                if recv_name == "JSON" && m == "parse" {
                    return args
                        .first()
                        .map(|a| self.origin(*a, d + 1))
                        .unwrap_or_default();
                }
                if recv_name == "Object" && m == "freeze" {
                    return args
                        .first()
                        .map(|a| self.origin(*a, d + 1))
                        .unwrap_or_default();
                }
                if recv_name == "Object" && m == "assign" {
                    let mut best_o = Origin::Unknown;
                    for a in args.iter().skip(1) {
                        best_o = best(best_o, self.origin(*a, d + 1));
                    }
                    return best_o;
                }
                match m {
                    "json" | "text" | "blob" | "arrayBuffer" | "formData" | "clone" | "catch"
                    | "finally" => return self.origin(o, d + 1),
                    // Apps Script's `HTTPResponse`, SuiteScript 1.0's `nlobjServerResponse`
                    "getContentText" | "getBlob" | "getDataAsString" | "getBody" => {
                        return self.origin(o, d + 1)
                    }
                    "then" | "done" => {
                        if let Some(cb) = args.first() {
                            let cb = self.inner(*cb);
                            if is_fn_kind(self.kind(cb)) {
                                return self.ret_origin(cb, d + 1);
                            }
                        }
                        return self.origin(o, d + 1);
                    }
                    _ => {}
                }
                let own = self.kind(oi) == "this"
                    || (self.kind(oi) == "identifier"
                        && self.once(oi).is_some_and(|b| b.kind == BK::Class));
                if own && self.sc.functions_by_name.contains_key(m) {
                    let x = self.summary(m, d + 1);
                    if x != Origin::Unknown {
                        return x;
                    }
                }
                token_call(m)
            }
            _ => Origin::Unknown,
        }
    }

    /// Origin of what a function returns.
    fn ret_origin(&self, f: u32, d: u32) -> Origin {
        let mut o = Origin::Unknown;
        if let Some(list) = self.sc.returns.get(&f) {
            for r in list {
                o = best(o, self.origin(*r, d + 1));
            }
        }
        o
    }

    /// Per-file function summary: origin of the return value of functions named `name`.
    fn summary(&self, name: &'s str, d: u32) -> Origin {
        if let Some(o) = self.sum_memo.borrow().get(name) {
            return o.clone();
        }
        let Some((&key, fns)) = self.sc.functions_by_name.get_key_value(name) else {
            return Origin::Unknown;
        };
        if !self.sum_busy.borrow_mut().insert(key) {
            return Origin::Unknown;
        }
        let mut o = Origin::Unknown;
        for f in fns {
            o = best(o, self.ret_origin(*f, d + 1));
        }
        self.sum_busy.borrow_mut().remove(key);
        if self.budget.get() > 0 {
            self.sum_memo.borrow_mut().insert(key, o.clone());
        }
        o
    }
}

// ---------------------------------------------------------------------------
// HTTP requests

/// A request being recognised, before its entries are resolved.
struct Draft {
    span: Span,
    library: &'static str,
    method: Option<Method>,
    method_source: MethodSource,
    url: Option<StrValue>,
    query: Vec<Kv>,
    headers: Vec<Kv>,
    body: Option<(u32, Body)>,
    /// a kind fixed by the call itself (`form:`, `.type('form')`, `postForm`)
    forced: Option<BodyKind>,
    /// what a plain object body means for this library
    object_kind: BodyKind,
    basic: bool,
    hints: Vec<RewriteHint>,
    /// every call node that belongs to the request
    calls: Vec<u32>,
    /// the XMLHttpRequest variable: (declaring scope, identifier node)
    xhr: Option<(u32, u32)>,
}

impl Draft {
    fn new(span: Span, library: &'static str, call: u32) -> Draft {
        Draft {
            span,
            library,
            method: None,
            method_source: MethodSource::Unknown,
            url: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            forced: None,
            object_kind: BodyKind::Unknown,
            basic: false,
            hints: Vec::new(),
            calls: vec![call],
            xhr: None,
        }
    }
}

fn hint(kind: RewriteKind, span: Span, text: impl Into<String>) -> RewriteHint {
    RewriteHint {
        kind,
        edits: vec![(span, text.into())],
    }
}

impl<'s> Cx<'s> {
    fn method_of(&self, v: u32) -> (Option<Method>, MethodSource) {
        let vi = self.inner(v);
        if let Some((t, _)) = self.str_content(vi) {
            return (
                Some(Method::parse(&t)),
                MethodSource::Explicit {
                    span: self.span(vi),
                },
            );
        }
        match self.resolve(v, 0) {
            Some(sv) if sv.is_plain() => {
                // a literal passed as an argument (a wrapper's caller wrote
                // `'GET'`) is where the method is written
                let span = match sv.pieces.as_slice() {
                    [Piece::Lit { src: Some(at), .. }] if self.is_argument_literal(at) => {
                        at.clone()
                    }
                    _ => self.span(v),
                };
                (
                    Some(Method::parse(&sv.text())),
                    MethodSource::Explicit { span },
                )
            }
            _ => (None, MethodSource::Unknown),
        }
    }

    /// The content of a quoted literal that is an argument of a call: a
    /// quote before it that follows `(` or `,`.
    fn is_argument_literal(&self, at: &Span) -> bool {
        let before = self.src.get(..at.start).unwrap_or("");
        let after = self.src.get(at.end..).unwrap_or("");
        let Some(q) = before.chars().next_back() else {
            return false;
        };
        matches!(q, '"' | '\'' | '`')
            && after.starts_with(q)
            && before[..before.len() - 1].trim_end().ends_with(['(', ','])
    }

    /// For a URL written as one literal with a query (`"…?a=b"`, `` `…?a=${x}` ``):
    /// the source span from `?` to the closing quote, and the query as a literal
    /// with the same quotes.
    fn split_query(&self, arg: u32) -> Option<(Span, String)> {
        if !matches!(self.kind(arg), "string" | "template_string") {
            return None;
        }
        let (s, e) = (self.start(arg), self.end(arg));
        let text = self.text(arg);
        let q = text.chars().next()?;
        if e < s + 2 || !text.ends_with(q) {
            return None;
        }
        let subs: Vec<Span> = self
            .kids(arg)
            .filter(|c| self.kind(*c) == "template_substitution")
            .map(|c| self.span(c))
            .collect();
        let at = text.char_indices().map(|(k, _)| s + k).find(|p| {
            *p > s
                && *p < e - 1
                && self.src.as_bytes().get(*p) == Some(&b'?')
                && !subs.iter().any(|r| r.contains(p))
        })?;
        let query = self.src.get(at + 1..e - 1)?;
        if query.is_empty() {
            return None;
        }
        Some((at..e - 1, format!("{q}{query}{q}")))
    }

    /// `axios.get(url[, config])` as a POST: `axios.post(url, body[, config])`.
    /// The body is the URL's literal query string, or the `params` of a
    /// config object written in the call (which leaves the config); a
    /// config held elsewhere keeps its place behind a `null` body.
    fn axios_get_to_post(
        &self,
        name: Span,
        url: u32,
        config: Option<u32>,
    ) -> Option<Vec<(Span, String)>> {
        let mut edits = vec![(name, "post".to_string())];
        let url_end = self.end(url);
        let query = self.split_query(url);
        let literal = config
            .map(|c| self.inner(c))
            .filter(|c| self.kind(*c) == "object");
        let params = literal.and_then(|o| {
            self.kids(o).find(|p| {
                self.kind(*p) == "pair"
                    && self
                        .child(*p, "key")
                        .and_then(|k| self.key_text(k))
                        .is_some_and(|k| k.0 == "params")
            })
        });
        match (query, params, config) {
            (Some(_), Some(_), _) => return None,
            (Some((cut, q)), None, _) => {
                edits.push((cut, String::new()));
                edits.push((url_end..url_end, format!(", new URLSearchParams({q})")));
            }
            (None, Some(pair), Some(_)) => {
                let object = literal?;
                if self.kids(object).count() == 1 {
                    // the config said nothing else: it becomes the body
                    edits.extend(self.params_object_as(
                        object,
                        pair,
                        "new URLSearchParams(",
                        ")",
                    )?);
                } else if self.kids(object).next() == Some(pair) {
                    // the first entry: the object opens as the body, and the
                    // comma after the params opens the rest as the config
                    let value = self.child(pair, "value")?;
                    let comma = self.src.get(self.end(value)..)?.find(',')? + self.end(value);
                    let between = self.src.get(self.end(value)..comma)?;
                    if !between.trim().is_empty() {
                        return None;
                    }
                    let start = self.start(object);
                    edits.push((start..start + 1, "new URLSearchParams(".to_string()));
                    edits.push((self.start(pair)..self.start(value), String::new()));
                    edits.push((comma..comma + 1, "), {".to_string()));
                } else {
                    let value = self.text(self.child(pair, "value")?);
                    if value.contains('\n') {
                        return None;
                    }
                    let body = format!(", new URLSearchParams({value})");
                    edits.push((url_end..url_end, body));
                    edits.push((self.entry_removal(object, pair)?, String::new()));
                }
            }
            (None, None, Some(_)) => edits.push((url_end..url_end, ", null".to_string())),
            (None, None, None) => {}
            (None, Some(_), None) => return None,
        }
        Some(edits)
    }

    /// Angular's `http.get<T>(url[, options])` as a POST, whose body is the
    /// second argument: the URL's literal query string or an object literal
    /// of `params` (the options' only entry), sent form-encoded as before.
    fn angular_get_to_post(
        &self,
        name: Span,
        url: Option<u32>,
        options: Option<u32>,
        count: usize,
    ) -> Option<Vec<(Span, String)>> {
        const FORM: &str = "{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }";
        let url = url?;
        let url_end = self.end(url);
        let mut edits = vec![(name, "post".to_string())];
        match (self.split_query(url), options, count) {
            (Some((cut, q)), None, 1) => {
                edits.push((cut, String::new()));
                edits.push((url_end..url_end, format!(", {q}, {FORM}")));
            }
            (None, Some(o), 2) => {
                let object = self.inner(o);
                if self.kind(object) != "object" || self.kids(object).count() != 1 {
                    return None;
                }
                let pair = self.kids(object).next()?;
                let key = self.child(pair, "key").and_then(|k| self.key_text(k))?;
                let value = self.inner(self.child(pair, "value")?);
                if self.kind(pair) != "pair" || key.0 != "params" || self.kind(value) != "object" {
                    return None;
                }
                let close = format!(").toString(), {FORM}");
                edits.extend(self.params_object_as(
                    object,
                    pair,
                    "new URLSearchParams(",
                    &close,
                )?);
            }
            (None, None, 1) => edits.push((url_end..url_end, ", null".to_string())),
            _ => return None,
        }
        Some(edits)
    }

    /// `null` data and a config object written in the call with a `params`
    /// entry (`params: X` or `params`): the data becomes
    /// `new URLSearchParams(X)` and the entry leaves the config (its line
    /// stays).
    fn params_as_data(&self, data: u32, config: u32) -> Option<Vec<(Span, String)>> {
        let object = self.inner(config);
        if self.kind(object) != "object" {
            return None;
        }
        let entry = self.kids(object).find(|p| match self.kind(*p) {
            "pair" => self
                .child(*p, "key")
                .and_then(|k| self.key_text(k))
                .is_some_and(|k| k.0 == "params"),
            "shorthand_property_identifier" => self.text(*p) == "params",
            _ => false,
        })?;
        let value = match self.kind(entry) {
            "pair" => self.text(self.child(entry, "value")?),
            _ => "params",
        };
        if value.contains('\n') {
            return None;
        }
        // the entry with the comma after it
        let after = self.src.get(self.end(entry)..)?;
        let comma = after.len() - after.trim_start().len();
        let end = if after.trim_start().starts_with(',') {
            self.end(entry) + comma + 1
        } else {
            self.end(entry)
        };
        Some(vec![
            (self.span(data), format!("new URLSearchParams({value})")),
            (self.start(entry)..end, String::new()),
        ])
    }

    /// An object literal whose one entry is `params: X` rewritten in place
    /// as `open X close`: the braces and the key replaced, the value and
    /// the lines around it kept (a trailing comma stays a valid argument
    /// comma).
    fn params_object_as(
        &self,
        object: u32,
        pair: u32,
        open: &str,
        close: &str,
    ) -> Option<Vec<(Span, String)>> {
        let value = self.child(pair, "value")?;
        let (start, end) = (self.start(object), self.end(object));
        if self.src.get(start..start + 1) != Some("{") || self.src.get(end - 1..end) != Some("}") {
            return None;
        }
        Some(vec![
            (start..start + 1, open.to_string()),
            (self.start(pair)..self.start(value), String::new()),
            (end - 1..end, close.to_string()),
        ])
    }

    /// The source an entry of an object literal takes with one comma: up to
    /// the next entry, or from the previous one when it is the last.
    fn entry_removal(&self, object: u32, entry: u32) -> Option<Span> {
        let entries: Vec<u32> = self.kids(object).collect();
        let at = entries.iter().position(|e| *e == entry)?;
        match (
            entries.get(at + 1),
            at.checked_sub(1).and_then(|p| entries.get(p)),
        ) {
            (Some(next), _) => Some(self.start(entry)..self.start(*next)),
            (None, Some(prev)) => Some(self.end(*prev)..self.end(entry)),
            (None, None) => None,
        }
    }

    /// `"GET"` literal → `"POST"` with the same quotes.
    fn post_literal_hint(&self, m: u32) -> Option<RewriteHint> {
        let mi = self.inner(m);
        if self.kind(mi) != "string" {
            return None;
        }
        let t = self.text(mi);
        let q = t.chars().next()?;
        Some(hint(
            RewriteKind::ToPost,
            self.span(mi),
            format!("{q}POST{q}"),
        ))
    }

    fn headers_from(&self, h: u32, d: u32) -> Vec<Kv> {
        if d > MAX_DEPTH {
            return Vec::new();
        }
        let hi = self.inner(h);
        if let Some(o) = self.object_of(hi, d + 1) {
            return self.held_kvs(hi, o);
        }
        match self.kind(hi) {
            // fetch's `Headers`, Angular's `HttpHeaders`
            "new_expression" if self.is_new(hi, "Headers") || self.is_new(hi, "HttpHeaders") => {
                match self.args(hi).first() {
                    Some(a) => self.headers_from(*a, d + 1),
                    None => Vec::new(),
                }
            }
            "array" => self.pair_array_kvs(hi),
            "identifier" | "shorthand_property_identifier" => {
                let Some(b) = self.once(hi) else {
                    return Vec::new();
                };
                match b.value {
                    Some(v)
                        if self.bind_path(&b).is_empty()
                            && (self.is_new(v, "Headers") || self.is_new(v, "HttpHeaders")) =>
                    {
                        let mut out = self.headers_from(v, d + 1);
                        out.extend(self.appends_of(hi, &["append", "set"]));
                        out
                    }
                    Some(v) if self.bind_path(&b).is_empty() => self.headers_from(v, d + 1),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    fn str_body(&self, sv: &StrValue) -> Body {
        let text = sv.text();
        if sv.pieces.iter().all(|p| matches!(p, Piece::Hole { .. })) {
            return Body::Unknown;
        }
        if looks_like_form(&text) {
            return Body::Form(form_pairs(sv));
        }
        let t = text.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            return Body::Json(Vec::new());
        }
        Body::Raw
    }

    /// What a body expression is.
    fn classify(&self, v: u32, d: u32) -> Body {
        if d > MAX_DEPTH || !self.spend() {
            return Body::Unknown;
        }
        let v = self.inner(v);
        match self.kind(v) {
            "new_expression" => {
                if self.is_new(v, "URLSearchParams") {
                    Body::Form(self.usp_init(v, d + 1))
                } else if self.is_new(v, "FormData") {
                    Body::Multipart(Vec::new())
                } else if self.is_new(v, "Blob") {
                    Body::Raw
                } else {
                    Body::Unknown
                }
            }
            "call_expression" => {
                let Some(f) = self.callee(v) else {
                    return Body::Unknown;
                };
                let args = self.args(v);
                let first = args.first().copied();
                if let Some((o, m, _)) = self.member(f) {
                    let oi = self.inner(o);
                    if m == "stringify" && self.kind(oi) == "identifier" && self.text(oi) == "JSON"
                    {
                        return Body::Json(
                            first.map(|a| self.kvs_of(a, d + 1)).unwrap_or_default(),
                        );
                    }
                    if m == "stringify" && self.lib_of(o, d + 1) == Some(Lib::Qs) {
                        return Body::Form(
                            first.map(|a| self.kvs_of(a, d + 1)).unwrap_or_default(),
                        );
                    }
                    if m == "toString" {
                        if let Some(k) = self.usp_kvs(o, d + 1) {
                            return Body::Form(k);
                        }
                    }
                } else if self.kind(f) == "identifier" {
                    if self.lib_of(f, d + 1) == Some(Lib::QsStringify) {
                        return Body::Form(
                            first.map(|a| self.kvs_of(a, d + 1)).unwrap_or_default(),
                        );
                    }
                    if self.text(f) == "String" {
                        if let Some(a) = first {
                            return self.classify(a, d + 1);
                        }
                    }
                }
                match self.resolve(v, d + 1) {
                    Some(sv) => self.str_body(&sv),
                    None => Body::Unknown,
                }
            }
            "object" => Body::Object(self.obj_kvs(v)),
            "string" | "template_string" | "binary_expression" => match self.resolve(v, d + 1) {
                Some(sv) => self.str_body(&sv),
                None => Body::Unknown,
            },
            "identifier" | "shorthand_property_identifier" => {
                if let Some(k) = self.usp_kvs(v, d + 1) {
                    return Body::Form(k);
                }
                let Some(b) = self.once(v) else {
                    return Body::Unknown;
                };
                if !matches!(b.kind, BK::Var | BK::Assign) {
                    return Body::Unknown;
                }
                let Some(val) = b.value else {
                    return Body::Unknown;
                };
                let path = self.bind_path(&b);
                if path.is_empty() && self.is_new(val, "FormData") {
                    return Body::Multipart(self.appends_of(v, &["append", "set"]));
                }
                match self.follow_path(val, &path, d + 1) {
                    Some(node) => match self.classify(node, d + 1) {
                        Body::Object(mut kvs) if path.is_empty() => {
                            kvs.extend(self.keyed_kvs(v));
                            Body::Object(kvs)
                        }
                        body => body,
                    },
                    None => Body::Unknown,
                }
            }
            "member_expression" => {
                if let Some((o, p, _)) = self.member(v) {
                    if self.kind(self.inner(o)) == "this" {
                        if let Some(val) = self.store_once(v, p) {
                            return self.classify(val, d + 1);
                        }
                    }
                }
                match self.resolve(v, d + 1) {
                    Some(sv) => self.str_body(&sv),
                    None => Body::Unknown,
                }
            }
            _ => Body::Unknown,
        }
    }

    /// The variable a call's result is stored in: `(declaring scope, name)`.
    fn stored_in(&self, c: u32) -> Option<(u32, &'s str)> {
        let (p, child) = self.up(c);
        match self.kind(p) {
            "variable_declarator" if self.fld(child) == "value" => {
                let n = self.child(p, "name")?;
                (self.kind(n) == "identifier").then(|| (self.scope(p), self.text(n)))
            }
            "assignment_expression" if self.fld(child) == "right" => {
                let l = self.inner(self.child(p, "left")?);
                (self.kind(l) == "identifier").then(|| {
                    let name = self.text(l);
                    (self.decl_scope(l, name), name)
                })
            }
            _ => None,
        }
    }

    /// Calls `var.method(...)` on a variable.
    fn calls_on(&self, var: (u32, &'s str), methods: &[&str]) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(list) = self.member_calls.get(var.1) {
            for &c in list {
                let Some((o, m, _)) = self.method_call(c) else {
                    continue;
                };
                if methods.contains(&m) && self.decl_scope(o, var.1) == var.0 {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Find and recognise every request in the file.
    fn detect(&self) -> Vec<Draft> {
        let mut out = Vec::new();
        for c in 0..self.len() {
            if self.kind(c) != "call_expression" {
                continue;
            }
            self.fresh();
            if let Some(d) = self.detect_at(c) {
                out.push(d);
            }
        }
        out
    }

    /// Recognise the request a call makes, if any.
    fn detect_at(&self, c: u32) -> Option<Draft> {
        let f = self.callee(c)?;
        match self.kind(f) {
            // SuiteScript 1.0's global request function
            "identifier" if self.text(f) == "nlapiRequestURL" && !self.is_declared(f) => {
                self.do_nlapi(c, f)
            }
            "identifier" => match self.lib_of(f, 0) {
                Some(Lib::Fetch) => Some(self.do_fetch(c, f)),
                Some(Lib::Axios(inst)) => self.do_axios(c, f, inst, None),
                Some(Lib::Got(inst)) => self.do_got(c, f, inst, None),
                Some(Lib::Superagent) => self.do_superagent(c, f, None),
                Some(Lib::Request) => self.do_request(c, f, None),
                _ => None,
            },
            "member_expression" => {
                let (o, p, pn) = self.member(f)?;
                let oi = self.inner(o);
                let global = self.kind(oi) == "identifier"
                    && matches!(self.text(oi), "window" | "globalThis" | "self" | "global")
                    && !self.is_declared(oi);
                if global && p == "fetch" {
                    Some(self.do_fetch(c, f))
                } else if p == "fetch"
                    && self.kind(oi) == "identifier"
                    && self.text(oi) == "UrlFetchApp"
                    && !self.is_declared(oi)
                {
                    self.do_url_fetch_app(c, f)
                } else if let Some(m) = self.netsuite_promise(o, p) {
                    // `https.post.promise({ … })`
                    self.do_netsuite(c, f, m)
                } else {
                    match self.lib_of(o, 0) {
                        Some(Lib::Axios(inst)) => self.do_axios(c, f, inst, Some((p, pn))),
                        Some(Lib::Got(inst)) if method_name(p).is_some() => {
                            self.do_got(c, f, inst, Some((p, pn)))
                        }
                        Some(Lib::Superagent) if method_name(p).is_some() => {
                            self.do_superagent(c, f, Some((p, pn)))
                        }
                        Some(Lib::Request) if method_name(p).is_some() => {
                            self.do_request(c, f, Some((p, pn)))
                        }
                        Some(Lib::Https(scheme)) if p == "request" || p == "get" => {
                            self.do_https(c, f, scheme, (p, pn))
                        }
                        Some(Lib::JQuery) if matches!(p, "ajax" | "post" | "get" | "getJSON") => {
                            self.do_jquery(c, f, (p, pn))
                        }
                        Some(Lib::Xhr) if p == "open" => self.do_xhr(c, oi),
                        Some(Lib::NetSuiteHttps)
                            if matches!(p, "get" | "post" | "put" | "delete" | "request") =>
                        {
                            self.do_netsuite(c, f, (p, pn))
                        }
                        None if method_name(p).is_some() && self.is_angular_http(o) => {
                            // Angular's HttpClient takes (url, options) and
                            // (url, body, options) like axios; its POST needs a
                            // body, so no rewrite is drafted
                            self.do_axios(c, f, None, Some((p, pn))).map(|mut d| {
                                d.library = "angular";
                                d.hints.clear();
                                if p == "get" {
                                    let args = self.args(c);
                                    let edits = self.angular_get_to_post(
                                        self.span(pn),
                                        args.first().copied(),
                                        args.get(1).copied(),
                                        args.len(),
                                    );
                                    d.hints.extend(edits.map(|edits| RewriteHint {
                                        kind: RewriteKind::ToPost,
                                        edits,
                                    }));
                                }
                                d
                            })
                        }
                        _ => None,
                    }
                }
            }
            _ => None,
        }
    }

    /// `this.http` where the class declares `http: HttpClient` (Angular's
    /// client, injected through the constructor or a field).
    fn is_angular_http(&self, o: u32) -> bool {
        let o = self.inner(o);
        let Some((obj, prop, _)) = self.member(o) else {
            return false;
        };
        let class = self.class(o);
        if self.kind(self.inner(obj)) != "this" || class == NONE {
            return false;
        }
        let text = self.text(class);
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|t| t.find(prop)) {
            let start = from + at;
            let before = text[..start].chars().next_back();
            let after = text[start + prop.len()..].trim_start();
            let word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if word {
                if let Some(ty) = after.strip_prefix(':') {
                    let ty = ty.trim_start();
                    if ty.starts_with("HttpClient")
                        && !ty["HttpClient".len()..].starts_with(|c: char| c.is_alphanumeric())
                    {
                        return true;
                    }
                }
            }
            from = start + prop.len();
        }
        false
    }

    /// The `method` and `headers` of a request's options object (`fetch`'s
    /// init, `UrlFetchApp.fetch`'s params); the method's node when written.
    fn method_and_headers(&self, dr: &mut Draft, o: u32) -> Option<u32> {
        if let Some(h) = self.obj_get(o, "headers") {
            dr.headers = self.headers_from(h, 0);
        }
        let m = self.obj_get(o, "method")?;
        (dr.method, dr.method_source) = self.method_of(m);
        Some(m)
    }

    fn do_fetch(&self, c: u32, f: u32) -> Draft {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "fetch", c);
        dr.url = args.first().map(|a| self.resolve_or_hole(*a, 0));
        dr.method = Some(Method::Get);
        dr.method_source = MethodSource::Default { span: self.span(f) };
        let init = args.get(1).and_then(|a| self.object_of(*a, 0));
        let mut method_node = None;
        if let Some(o) = init {
            method_node = self.method_and_headers(&mut dr, o);
            if let Some(b) = self.obj_get(o, "body") {
                dr.body = Some((b, self.classify(b, 0)));
            }
        }
        if dr.method == Some(Method::Get) {
            match (method_node, init, args.len()) {
                (Some(m), _, _) => dr.hints.extend(self.post_literal_hint(m)),
                (None, None, 1) => {
                    let end = self.end(args[0]);
                    let edits = match self.split_query(args[0]) {
                        Some((cut, q)) => vec![
                            (cut, String::new()),
                            (
                                end..end,
                                format!(", {{ method: \"POST\", body: new URLSearchParams({q}) }}"),
                            ),
                        ],
                        None => vec![(end..end, ", { method: \"POST\" }".to_string())],
                    };
                    dr.hints.push(RewriteHint {
                        kind: RewriteKind::ToPost,
                        edits,
                    });
                }
                (None, Some(o), _) if args.get(1).map(|a| self.inner(*a)) == Some(o) => {
                    let at = self.start(o) + 1;
                    dr.hints
                        .push(hint(RewriteKind::ToPost, at..at, " method: \"POST\","));
                }
                _ => {}
            }
        }
        dr
    }

    fn instance_cfg(&self, inst: Option<u32>) -> Option<u32> {
        let call = inst?;
        let a = *self.args(call).first()?;
        self.object_of(a, 0)
    }

    fn do_axios(
        &self,
        c: u32,
        f: u32,
        inst: Option<u32>,
        prop: Option<(&'s str, u32)>,
    ) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "axios", c);
        dr.object_kind = BodyKind::Json;
        let (mut url_node, mut data) = (None, None);
        let config;
        match prop.map(|p| p.0) {
            None | Some("request") => {
                let a0 = *args.first()?;
                if self.object_of(a0, 0).is_some() && self.resolve(a0, 0).is_none() {
                    config = Some(a0);
                } else {
                    url_node = Some(a0);
                    config = args.get(1).copied();
                }
                dr.method = Some(Method::Get);
                dr.method_source = MethodSource::Default { span: self.span(f) };
            }
            Some(m @ ("get" | "delete" | "head" | "options")) => {
                url_node = args.first().copied();
                config = args.get(1).copied();
                dr.method = method_name(m);
                dr.method_source = MethodSource::Explicit {
                    span: self.span(prop?.1),
                };
                if m == "get" && (args.len() == 1 || args.len() == 2) {
                    let name = self.span(prop?.1);
                    if let Some(edits) = self.axios_get_to_post(name, args[0], args.get(1).copied())
                    {
                        dr.hints.push(RewriteHint {
                            kind: RewriteKind::ToPost,
                            edits,
                        });
                    }
                }
            }
            Some(m @ ("post" | "put" | "patch" | "postForm" | "putForm" | "patchForm")) => {
                url_node = args.first().copied();
                data = args.get(1).copied();
                config = args.get(2).copied();
                dr.method = method_name(m);
                dr.method_source = MethodSource::Explicit {
                    span: self.span(prop?.1),
                };
                if m.ends_with("Form") {
                    dr.forced = Some(BodyKind::Form);
                }
                // `axios.post(url, null, { params, … })`: the params become
                // the form body in the data's place
                if let (Some(d), Some(c)) = (args.get(1), args.get(2)) {
                    if self.is_nullish(Some(*d)) {
                        if let Some(edits) = self.params_as_data(*d, *c) {
                            dr.hints.push(RewriteHint {
                                kind: RewriteKind::QueryToForm,
                                edits,
                            });
                        }
                    }
                }
            }
            _ => return None,
        }
        let mut base: Option<StrValue> = None;
        if let Some(icfg) = self.instance_cfg(inst) {
            base = self
                .obj_get(icfg, "baseURL")
                .map(|b| self.resolve_or_hole(b, 0));
            if let Some(h) = self.obj_get(icfg, "headers") {
                dr.headers = self.headers_from(h, 0);
            }
            dr.basic |= self.obj_get(icfg, "auth").is_some();
        }
        if let Some(cfg) = config.and_then(|c| self.object_of(c, 0)) {
            if url_node.is_none() {
                url_node = self.obj_get(cfg, "url");
            }
            if let Some(m) = self.obj_get(cfg, "method") {
                (dr.method, dr.method_source) = self.method_of(m);
                if dr.method == Some(Method::Get) {
                    dr.hints.extend(self.post_literal_hint(m));
                }
            }
            if data.is_none() {
                data = self.obj_get(cfg, "data");
            }
            if let Some(p) = self.obj_get(cfg, "params") {
                dr.query = self.kvs_of(p, 0);
            }
            if let Some(h) = self.obj_get(cfg, "headers") {
                dr.headers.extend(self.headers_from(h, 0));
            }
            dr.basic |= self.obj_get(cfg, "auth").is_some();
            if let Some(b) = self.obj_get(cfg, "baseURL") {
                base = Some(self.resolve_or_hole(b, 0));
            }
        }
        dr.url = match (url_node, &base) {
            (Some(u), Some(b)) => Some(base_join(b, self.resolve_or_hole(u, 0), self.span(u))),
            (Some(u), None) => Some(self.resolve_or_hole(u, 0)),
            (None, Some(b)) => Some(b.clone()),
            (None, None) => None,
        };
        if let Some(dn) = data.filter(|x| !self.is_nullish(Some(*x))) {
            let body = self.classify(dn, 0);
            dr.body = Some((dn, body));
        }
        Some(dr)
    }

    fn do_got(
        &self,
        c: u32,
        f: u32,
        inst: Option<u32>,
        prop: Option<(&'s str, u32)>,
    ) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "got", c);
        let a0 = *args.first()?;
        let (mut url_node, opts) =
            if prop.is_none() && self.object_of(a0, 0).is_some() && self.resolve(a0, 0).is_none() {
                (None, Some(a0))
            } else {
                (Some(a0), args.get(1).copied())
            };
        match prop {
            Some((m, pn)) => {
                dr.method = method_name(m);
                dr.method_source = MethodSource::Explicit {
                    span: self.span(pn),
                };
            }
            None => {
                dr.method = Some(Method::Get);
                dr.method_source = MethodSource::Default { span: self.span(f) };
            }
        }
        let mut base = None;
        if let Some(icfg) = self.instance_cfg(inst) {
            base = self
                .obj_get(icfg, "prefixUrl")
                .map(|b| self.resolve_or_hole(b, 0));
            if let Some(h) = self.obj_get(icfg, "headers") {
                dr.headers = self.headers_from(h, 0);
            }
        }
        if let Some(o) = opts.and_then(|x| self.object_of(x, 0)) {
            if url_node.is_none() {
                url_node = self.obj_get(o, "url");
            }
            if let Some(m) = self.obj_get(o, "method") {
                (dr.method, dr.method_source) = self.method_of(m);
            }
            if let Some(p) = self.obj_get(o, "prefixUrl") {
                base = Some(self.resolve_or_hole(p, 0));
            }
            if let Some(q) = self.obj_get(o, "searchParams") {
                dr.query = self.kvs_of(q, 0);
            }
            if let Some(h) = self.obj_get(o, "headers") {
                dr.headers.extend(self.headers_from(h, 0));
            }
            dr.basic |=
                self.obj_get(o, "username").is_some() || self.obj_get(o, "password").is_some();
            if let Some(b) = self.obj_get(o, "form") {
                dr.forced = Some(BodyKind::Form);
                dr.body = Some((b, Body::Form(self.kvs_of(b, 0))));
            } else if let Some(b) = self.obj_get(o, "json") {
                dr.forced = Some(BodyKind::Json);
                dr.body = Some((b, Body::Json(self.kvs_of(b, 0))));
                if let Some(pair) = self.kids(o).find(|p| {
                    self.kind(*p) == "pair"
                        && self
                            .child(*p, "key")
                            .is_some_and(|k| self.text(k) == "json")
                }) {
                    if let Some(k) = self.child(pair, "key") {
                        dr.hints
                            .push(hint(RewriteKind::ToForm, self.span(k), "form"));
                    }
                }
            } else if let Some(b) = self.obj_get(o, "body") {
                dr.body = Some((b, self.classify(b, 0)));
            }
        }
        dr.url = match (url_node, &base) {
            (Some(u), Some(b)) => Some(base_join(b, self.resolve_or_hole(u, 0), self.span(u))),
            (Some(u), None) => Some(self.resolve_or_hole(u, 0)),
            (None, Some(b)) => Some(b.clone()),
            _ => None,
        };
        Some(dr)
    }

    fn do_superagent(&self, c: u32, f: u32, prop: Option<(&'s str, u32)>) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "superagent", c);
        dr.object_kind = BodyKind::Json;
        match prop {
            Some((m, pn)) => {
                dr.method = method_name(m);
                dr.method_source = MethodSource::Explicit {
                    span: self.span(pn),
                };
                dr.url = args.first().map(|a| self.resolve_or_hole(*a, 0));
            }
            None if args.len() >= 2 => {
                (dr.method, dr.method_source) = self.method_of(args[0]);
                dr.url = Some(self.resolve_or_hole(args[1], 0));
            }
            None => {
                dr.method = Some(Method::Get);
                dr.method_source = MethodSource::Default { span: self.span(f) };
                dr.url = args.first().map(|a| self.resolve_or_hole(*a, 0));
            }
        }
        let (mut form_type, mut json_type, mut multipart) = (false, false, false);
        // where `.send(` is named, and a `.type('json')` argument
        let (mut send_name, mut json_type_arg) = (None, None);
        let mut multipart_kvs = Vec::new();
        let mut cur = c;
        for _ in 0..256 {
            let p = self.parent(cur);
            if self.kind(p) != "member_expression" || self.child(p, "object") != Some(cur) {
                break;
            }
            let pp = self.parent(p);
            if self.kind(pp) != "call_expression" || self.child(pp, "function") != Some(p) {
                break;
            }
            let Some((_, m, _)) = self.member(p) else {
                break;
            };
            if matches!(m, "then" | "catch" | "finally" | "pipe") {
                break;
            }
            let a = self.args(pp);
            match m {
                "type" => {
                    let t = a
                        .first()
                        .and_then(|x| self.str_content(*x))
                        .map(|x| x.0.to_ascii_lowercase())
                        .unwrap_or_default();
                    if t == "form" || t.contains("x-www-form-urlencoded") {
                        form_type = true;
                    } else if t == "json" || t.contains("json") {
                        json_type = true;
                        json_type_arg = a.first().copied();
                    }
                }
                "send" => {
                    if send_name.is_none() {
                        send_name = self.child(p, "property");
                    }
                    if let Some(x) = a.first() {
                        let body = self.classify(*x, 0);
                        dr.body = Some(match dr.body.take() {
                            Some((n, Body::Object(mut prev))) => {
                                if let Body::Object(more) = body {
                                    prev.extend(more);
                                }
                                (n, Body::Object(prev))
                            }
                            Some(prev) => prev,
                            None => (*x, body),
                        });
                    }
                }
                "set" => match (a.first(), a.get(1)) {
                    (Some(k), Some(v)) => {
                        if let Some((key, ks)) = self.str_content(*k) {
                            dr.headers.push(Kv {
                                key,
                                key_span: Some(ks),
                                val: KvVal::Node(*v),
                                span: self.span(pp),
                            });
                        }
                    }
                    (Some(o), None) => dr.headers.extend(self.kvs_of(*o, 0)),
                    _ => {}
                },
                "query" => {
                    if let Some(q) = a.first() {
                        dr.query.extend(self.kvs_of(*q, 0));
                    }
                }
                "auth" => {
                    let bearer = a
                        .get(2)
                        .and_then(|o| self.object_of(*o, 0))
                        .and_then(|o| self.obj_get(o, "type"))
                        .and_then(|t| self.str_content(t))
                        .is_some_and(|t| t.0 == "bearer");
                    dr.basic |= a.len() >= 2 && !bearer;
                }
                "field" | "attach" => {
                    multipart = true;
                    if let (Some(k), v) = (a.first(), a.get(1)) {
                        if let Some((key, ks)) = self.str_content(*k) {
                            multipart_kvs.push(Kv {
                                key,
                                key_span: Some(ks),
                                val: v.map(|v| KvVal::Node(*v)).unwrap_or(KvVal::Nothing),
                                span: self.span(pp),
                            });
                        }
                    }
                }
                _ => {}
            }
            dr.calls.push(pp);
            cur = pp;
            if m == "end" {
                break;
            }
        }
        dr.span = self.span(cur);
        // an object sent as JSON: superagent form-encodes it after `.type('form')`
        if !multipart && !form_type {
            let edit = match (json_type_arg, send_name) {
                (Some(t), _) => {
                    let q = self.text(t).chars().next().unwrap_or('\'');
                    Some((self.span(t), format!("{q}form{q}")))
                }
                (None, Some(n)) if !json_type => {
                    let at = self.start(n);
                    Some((at..at, "type('form').".to_string()))
                }
                _ => None,
            };
            if let Some((at, text)) = edit {
                dr.hints.push(hint(RewriteKind::ToForm, at, text));
            }
        }
        if multipart {
            dr.forced = Some(BodyKind::Multipart);
            dr.body = Some((c, Body::Multipart(multipart_kvs)));
        } else if form_type {
            dr.forced = Some(BodyKind::Form);
            dr.object_kind = BodyKind::Form;
        } else if json_type {
            dr.forced = Some(BodyKind::Json);
        } else if let Some((_, Body::Raw)) = &dr.body {
            dr.forced = Some(BodyKind::Form);
        }
        Some(dr)
    }

    fn do_request(&self, c: u32, f: u32, prop: Option<(&'s str, u32)>) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "request", c);
        let a0 = *args.first()?;
        let (mut url_node, opts) = if self.resolve(a0, 0).is_some() {
            (
                Some(a0),
                args.get(1)
                    .copied()
                    .filter(|a| self.object_of(*a, 0).is_some()),
            )
        } else if self.object_of(a0, 0).is_some() {
            (None, Some(a0))
        } else {
            (
                Some(a0),
                args.get(1)
                    .copied()
                    .filter(|a| self.object_of(*a, 0).is_some()),
            )
        };
        match prop {
            Some((m, pn)) => {
                dr.method = method_name(m);
                dr.method_source = MethodSource::Explicit {
                    span: self.span(pn),
                };
                // `request.get({ qs })` → `request.post({ form })`: the query
                // becomes the form body (an options object written in the call)
                if m == "get" {
                    let mut edits = vec![(self.span(pn), "post".to_string())];
                    let written = opts
                        .map(|x| self.inner(x))
                        .filter(|x| self.kind(*x) == "object");
                    if let Some(o) = written {
                        let key_of = |name: &str| {
                            self.kids(o)
                                .filter(|p| self.kind(*p) == "pair")
                                .filter_map(|p| self.child(p, "key"))
                                .find(|k| self.key_text(*k).is_some_and(|t| t.0 == name))
                        };
                        let has_body = ["form", "body", "formData"]
                            .iter()
                            .any(|k| self.obj_get(o, k).is_some());
                        match key_of("qs") {
                            Some(_) if has_body => edits.clear(),
                            Some(k) => edits.push((self.span(k), "form".to_string())),
                            None => {}
                        }
                    }
                    if !edits.is_empty() {
                        dr.hints.push(RewriteHint {
                            kind: RewriteKind::ToPost,
                            edits,
                        });
                    }
                }
            }
            None => {
                dr.method = Some(Method::Get);
                dr.method_source = MethodSource::Default { span: self.span(f) };
            }
        }
        let mut base = None;
        if let Some(o) = opts.and_then(|x| self.object_of(x, 0)) {
            if url_node.is_none() {
                url_node = self.obj_get(o, "url").or_else(|| self.obj_get(o, "uri"));
            }
            if let Some(b) = self.obj_get(o, "baseUrl") {
                base = Some(self.resolve_or_hole(b, 0));
            }
            if let Some(m) = self.obj_get(o, "method") {
                (dr.method, dr.method_source) = self.method_of(m);
                if dr.method == Some(Method::Get) {
                    dr.hints.extend(self.post_literal_hint(m));
                }
            }
            if let Some(q) = self.obj_get(o, "qs") {
                dr.query = self.kvs_of(q, 0);
            }
            if let Some(h) = self.obj_get(o, "headers") {
                dr.headers = self.headers_from(h, 0);
            }
            if let Some(a) = self.obj_get(o, "auth").and_then(|a| self.object_of(a, 0)) {
                dr.basic = ["user", "username", "pass", "password"]
                    .iter()
                    .any(|k| self.obj_get(a, k).is_some());
            }
            let json = self.obj_get(o, "json");
            let json_flag = json.is_some_and(|j| self.kind(self.inner(j)) == "true");
            if let Some(b) = self.obj_get(o, "form") {
                dr.forced = Some(BodyKind::Form);
                dr.body = Some((b, Body::Form(self.kvs_of(b, 0))));
            } else if let Some(b) = self
                .obj_get(o, "formData")
                .or_else(|| self.obj_get(o, "multipart"))
            {
                dr.forced = Some(BodyKind::Multipart);
                dr.body = Some((b, Body::Multipart(self.kvs_of(b, 0))));
            } else if let Some(j) = json.filter(|_| !json_flag) {
                if self.object_of(j, 0).is_some() {
                    dr.forced = Some(BodyKind::Json);
                    dr.body = Some((j, Body::Json(self.kvs_of(j, 0))));
                    if let Some(pair) = self.kids(o).find(|p| {
                        self.kind(*p) == "pair"
                            && self
                                .child(*p, "key")
                                .is_some_and(|k| self.text(k) == "json")
                    }) {
                        if let Some(k) = self.child(pair, "key") {
                            dr.hints
                                .push(hint(RewriteKind::ToForm, self.span(k), "form"));
                        }
                    }
                }
            } else if let Some(b) = self.obj_get(o, "body") {
                let body = self.classify(b, 0);
                if json_flag {
                    dr.object_kind = BodyKind::Json;
                    if matches!(body, Body::Raw | Body::Unknown) {
                        dr.forced = Some(BodyKind::Json);
                    }
                }
                dr.body = Some((b, body));
            }
        }
        dr.url = match (url_node, &base) {
            (Some(u), Some(b)) => Some(base_join(b, self.resolve_or_hole(u, 0), self.span(u))),
            (Some(u), None) => Some(self.resolve_or_hole(u, 0)),
            _ => None,
        };
        Some(dr)
    }

    fn do_https(
        &self,
        c: u32,
        f: u32,
        scheme: &'static str,
        prop: (&'s str, u32),
    ) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "https", c);
        let a0 = *args.first()?;
        let (url, opts) = match self.object_of(a0, 0) {
            Some(o) if self.resolve(a0, 0).is_none() => (None, Some(o)),
            _ => (
                Some(self.resolve_or_hole(a0, 0)),
                args.get(1).and_then(|a| self.object_of(*a, 0)),
            ),
        };
        dr.url = url;
        if prop.0 == "get" {
            dr.method = Some(Method::Get);
            dr.method_source = MethodSource::Explicit {
                span: self.span(prop.1),
            };
        } else {
            dr.method = Some(Method::Get);
            dr.method_source = MethodSource::Default { span: self.span(f) };
        }
        if let Some(o) = opts {
            if let Some(m) = self.obj_get(o, "method") {
                (dr.method, dr.method_source) = self.method_of(m);
                if dr.method == Some(Method::Get) {
                    dr.hints.extend(self.post_literal_hint(m));
                }
            }
            if let Some(h) = self.obj_get(o, "headers") {
                dr.headers = self.headers_from(h, 0);
            }
            dr.basic |= self.obj_get(o, "auth").is_some();
            if dr.url.is_none() {
                let host = self
                    .obj_get(o, "hostname")
                    .or_else(|| self.obj_get(o, "host"));
                if let Some(h) = host {
                    let mut sch = scheme.to_string();
                    if let Some(p) = self.obj_get(o, "protocol") {
                        if let Some(sv) = self.resolve(p, 0).filter(|v| v.is_plain()) {
                            sch = sv.text().trim_end_matches(':').to_string();
                        }
                    }
                    let mut v = StrValue::new(self.span(o));
                    v.pieces.push(Piece::synthetic(format!("{sch}://")));
                    v.pieces.extend(self.resolve_or_hole(h, 0).pieces);
                    if let Some(port) = self.obj_get(o, "port") {
                        v.pieces.push(Piece::synthetic(":"));
                        let pi = self.inner(port);
                        if self.kind(pi) == "number" {
                            v.pieces.push(Piece::lit(self.text(pi), self.span(pi)));
                        } else {
                            v.pieces.extend(self.resolve_or_hole(port, 0).pieces);
                        }
                    }
                    if let Some(p) = self.obj_get(o, "path") {
                        v.pieces.extend(self.resolve_or_hole(p, 0).pieces);
                    }
                    dr.url = Some(v);
                }
            }
        }
        // the body: `.write(x)` / `.end(x)` on the request object
        let mut writes: Vec<u32> = Vec::new();
        let p = self.parent(c);
        if let Some((_, m, _)) = self.member(p).filter(|_| self.fld(c) == "object") {
            let pp = self.parent(p);
            if matches!(m, "write" | "end") && self.kind(pp) == "call_expression" {
                writes.push(pp);
            }
        }
        if let Some(var) = self.stored_in(c) {
            writes.extend(self.calls_on(var, &["write", "end"]));
        }
        for w in writes {
            if let Some(a) = self.args(w).first() {
                dr.body = Some((*a, self.classify(*a, 0)));
                dr.calls.push(w);
                break;
            }
        }
        Some(dr)
    }

    /// `https.post` of `https.post.promise`, when `https` is SuiteScript's
    /// module: the method name and its node.
    fn netsuite_promise(&self, o: u32, p: &str) -> Option<(&'s str, u32)> {
        if p != "promise" {
            return None;
        }
        let (recv, m, mn) = self.member(self.inner(o))?;
        let known = matches!(m, "get" | "post" | "put" | "delete" | "request");
        (known && self.lib_of(recv, 0) == Some(Lib::NetSuiteHttps)).then_some((m, mn))
    }

    /// Google Apps Script: `UrlFetchApp.fetch(url, params)`. The method is
    /// `params.method` (`get` when absent, any case), the body its
    /// `payload` (an object is sent as form fields, a string as written),
    /// the content type its `contentType`.
    fn do_url_fetch_app(&self, c: u32, f: u32) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "urlfetchapp", c);
        dr.object_kind = BodyKind::Form;
        let url = *args.first()?;
        dr.url = Some(self.resolve_or_hole(url, 0));
        dr.method = Some(Method::Get);
        dr.method_source = MethodSource::Default { span: self.span(f) };
        let params = args.get(1).and_then(|a| self.object_of(*a, 0));
        let mut method_node = None;
        if let Some(o) = params {
            method_node = self.method_and_headers(&mut dr, o);
            if let Some(ct) = self.obj_get(o, "contentType") {
                if let Some(pair) = self.parent_pair(ct) {
                    dr.headers.push(Kv {
                        key: "Content-Type".to_string(),
                        key_span: None,
                        val: KvVal::Node(ct),
                        span: self.span(pair),
                    });
                }
            }
            if let Some(p) = self.obj_get(o, "payload") {
                dr.body = Some((p, self.classify(p, 0)));
            }
        }
        if dr.method == Some(Method::Get) {
            // Apps Script writes its methods in lower case
            let written_in_call = params.is_some() && args.get(1).map(|a| self.inner(*a)) == params;
            match (method_node.map(|m| self.inner(m)), params, args.len()) {
                (Some(m), _, _) if self.kind(m) == "string" => {
                    let t = self.text(m);
                    let q = t.chars().next().unwrap_or('\'');
                    let post = if t.contains("GET") { "POST" } else { "post" };
                    dr.hints.push(hint(
                        RewriteKind::ToPost,
                        self.span(m),
                        format!("{q}{post}{q}"),
                    ));
                }
                (None, None, 1) => {
                    let end = self.end(url);
                    let edits = match self.split_query(url) {
                        Some((cut, q)) => vec![
                            (cut, String::new()),
                            (end..end, format!(", {{ method: 'post', payload: {q} }}")),
                        ],
                        None => vec![(end..end, ", { method: 'post' }".to_string())],
                    };
                    dr.hints.push(RewriteHint {
                        kind: RewriteKind::ToPost,
                        edits,
                    });
                }
                (None, Some(o), _) if written_in_call => {
                    let at = self.start(o) + 1;
                    dr.hints
                        .push(hint(RewriteKind::ToPost, at..at, " method: 'post',"));
                }
                _ => {}
            }
        }
        Some(dr)
    }

    /// SuiteScript 1.0: `nlapiRequestURL(url, postdata, headers, method)`.
    /// Without a method the request is a GET, or a POST when `postdata` is
    /// given (an object is sent as form fields).
    fn do_nlapi(&self, c: u32, f: u32) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "nlapi", c);
        dr.object_kind = BodyKind::Form;
        dr.url = Some(self.resolve_or_hole(*args.first()?, 0));
        let data = args.get(1).copied().filter(|d| !self.is_nullish(Some(*d)));
        dr.method = Some(if data.is_some() {
            Method::Post
        } else {
            Method::Get
        });
        dr.method_source = MethodSource::Default { span: self.span(f) };
        if let Some(h) = args.get(2).filter(|h| !self.is_nullish(Some(**h))) {
            dr.headers = self.headers_from(*h, 0);
        }
        if let Some(m) = args.get(3).filter(|m| !self.is_nullish(Some(**m))) {
            (dr.method, dr.method_source) = self.method_of(*m);
            if dr.method == Some(Method::Get) {
                dr.hints.extend(self.post_literal_hint(*m));
            }
        }
        if let Some(d) = data {
            dr.body = Some((d, self.classify(d, 0)));
        }
        Some(dr)
    }

    /// SuiteScript 2.x `N/https`: `https.get({ url, headers })`,
    /// `https.post({ url, body, headers })`, `https.request({ method:
    /// https.Method.POST, url, body, headers })` (an object body is sent
    /// as form fields, as `nlapiRequestURL` sends one).
    fn do_netsuite(&self, c: u32, f: u32, prop: (&'s str, u32)) -> Option<Draft> {
        let args = self.args(c);
        let o = self.object_of(*args.first()?, 0)?;
        let mut dr = Draft::new(self.span(c), "netsuite", c);
        dr.object_kind = BodyKind::Form;
        dr.url = Some(self.resolve_or_hole(self.obj_get(o, "url")?, 0));
        if prop.0 == "request" {
            dr.method = Some(Method::Get);
            dr.method_source = MethodSource::Default { span: self.span(f) };
            if let Some(m) = self.obj_get(o, "method") {
                (dr.method, dr.method_source) = self.netsuite_method(m);
                if dr.method == Some(Method::Get) {
                    match self.member(self.inner(m)) {
                        Some((_, _, name)) => {
                            dr.hints
                                .push(hint(RewriteKind::ToPost, self.span(name), "POST"))
                        }
                        None => dr.hints.extend(self.post_literal_hint(m)),
                    }
                }
            }
        } else {
            dr.method = method_name(prop.0);
            dr.method_source = MethodSource::Explicit {
                span: self.span(prop.1),
            };
        }
        if let Some(h) = self.obj_get(o, "headers") {
            dr.headers = self.headers_from(h, 0);
        }
        if let Some(b) = self.obj_get(o, "body") {
            dr.body = Some((b, self.classify(b, 0)));
        }
        Some(dr)
    }

    /// A method written as `https.Method.POST` (the module's enum), or as
    /// a string.
    fn netsuite_method(&self, m: u32) -> (Option<Method>, MethodSource) {
        if let Some((enum_of, name, node)) = self.member(self.inner(m)) {
            if self.last_seg(self.inner(enum_of)) == Some("Method") {
                let method = Method::parse(name);
                if method != Method::Other {
                    return (
                        Some(method),
                        MethodSource::Explicit {
                            span: self.span(node),
                        },
                    );
                }
            }
        }
        self.method_of(m)
    }

    fn do_xhr(&self, c: u32, recv: u32) -> Option<Draft> {
        if self.kind(recv) != "identifier" {
            return None;
        }
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "xhr", c);
        let m = *args.first()?;
        (dr.method, dr.method_source) = self.method_of(m);
        if dr.method == Some(Method::Get) {
            dr.hints.extend(self.post_literal_hint(m));
        }
        dr.url = args.get(1).map(|u| self.resolve_or_hole(*u, 0));
        let name = self.text(recv);
        let var = (self.decl_scope(recv, name), name);
        let next_open = self
            .calls_on(var, &["open"])
            .into_iter()
            .map(|o| self.start(o))
            .filter(|s| *s > self.start(c))
            .min()
            .unwrap_or(usize::MAX);
        for call in self.calls_on(var, &["setRequestHeader", "send"]) {
            let at = self.start(call);
            if at < self.end(c) || at > next_open {
                continue;
            }
            let a = self.args(call);
            let Some((_, m, _)) = self.method_call(call) else {
                continue;
            };
            if m == "setRequestHeader" {
                if let (Some(k), Some(v)) = (a.first(), a.get(1)) {
                    if let Some((key, ks)) = self.str_content(*k) {
                        dr.headers.push(Kv {
                            key,
                            key_span: Some(ks),
                            val: KvVal::Node(*v),
                            span: self.span(call),
                        });
                    }
                }
                dr.calls.push(call);
            } else if dr.body.is_none() {
                if let Some(b) = a.first() {
                    dr.body = Some((*b, self.classify(*b, 0)));
                }
                dr.calls.push(call);
            }
        }
        dr.xhr = Some((var.0, recv));
        Some(dr)
    }

    fn do_jquery(&self, c: u32, f: u32, prop: (&'s str, u32)) -> Option<Draft> {
        let args = self.args(c);
        let mut dr = Draft::new(self.span(c), "jquery", c);
        dr.object_kind = BodyKind::Form;
        let a0 = *args.first()?;
        let a0_settings = self.object_of(a0, 0).is_some() && self.resolve(a0, 0).is_none();
        let (mut url_node, settings, mut data) = match prop.0 {
            "ajax" if a0_settings => (None, Some(a0), None),
            "ajax" => (Some(a0), args.get(1).copied(), None),
            _ if a0_settings => (None, Some(a0), None),
            _ => {
                let d = args
                    .get(1)
                    .copied()
                    .filter(|a| !is_fn_kind(self.kind(self.inner(*a))));
                (Some(a0), None, d)
            }
        };
        if prop.0 == "ajax" {
            dr.method = Some(Method::Get);
            dr.method_source = MethodSource::Default { span: self.span(f) };
        } else {
            dr.method = method_name(prop.0);
            dr.method_source = MethodSource::Explicit {
                span: self.span(prop.1),
            };
        }
        let mut json_ct = false;
        if let Some(o) = settings.and_then(|s| self.object_of(s, 0)) {
            if url_node.is_none() {
                url_node = self.obj_get(o, "url");
            }
            if let Some(m) = self
                .obj_get(o, "type")
                .or_else(|| self.obj_get(o, "method"))
            {
                (dr.method, dr.method_source) = self.method_of(m);
                if dr.method == Some(Method::Get) {
                    dr.hints.extend(self.post_literal_hint(m));
                }
            }
            if data.is_none() {
                data = self.obj_get(o, "data");
            }
            if let Some(h) = self.obj_get(o, "headers") {
                dr.headers = self.headers_from(h, 0);
            }
            if let Some(ct) = self.obj_get(o, "contentType") {
                let v = self.resolve(ct, 0);
                json_ct = v.as_ref().is_some_and(|v| v.text().contains("json"));
                if let Some(pair) = self.parent_pair(ct) {
                    dr.headers.push(Kv {
                        key: "Content-Type".to_string(),
                        key_span: None,
                        val: KvVal::Node(ct),
                        span: self.span(pair),
                    });
                }
            }
            dr.basic |=
                self.obj_get(o, "username").is_some() || self.obj_get(o, "password").is_some();
        }
        dr.url = url_node.map(|u| self.resolve_or_hole(u, 0));
        if let Some(dn) = data {
            let body = self.classify(dn, 0);
            if dr.method == Some(Method::Get) {
                dr.query = match body {
                    Body::Form(k) | Body::Object(k) | Body::Json(k) => k,
                    _ => Vec::new(),
                };
            } else {
                if json_ct && matches!(body, Body::Raw) {
                    dr.forced = Some(BodyKind::Json);
                }
                dr.body = Some((dn, body));
            }
        }
        Some(dr)
    }

    fn parent_pair(&self, v: u32) -> Option<u32> {
        let p = self.parent(v);
        (self.kind(p) == "pair").then_some(p)
    }

    /// Offer sending a JSON body form-encoded: wrap the body in
    /// `URLSearchParams` and switch a literal `Content-Type` header.
    fn to_form_hint(&self, dr: &mut Draft, body_edit: Option<Option<(Span, String)>>) {
        let mut edits: Vec<(Span, String)> = Vec::new();
        let existing = dr.hints.iter().position(|h| h.kind == RewriteKind::ToForm);
        match body_edit {
            Some(Some(e)) => edits.push(e),
            Some(None) => {}
            None if existing.is_some() => {}
            None => return,
        }
        if let Some(k) = kv_entry_text(&dr.headers, "content-type") {
            let v = match &dr.headers[k].val {
                KvVal::Node(v) => self.inner(*v),
                _ => return,
            };
            if self.kind(v) != "string" {
                return;
            }
            let q = self.text(v).chars().next().unwrap_or('"');
            edits.push((
                self.span(v),
                format!("{q}application/x-www-form-urlencoded{q}"),
            ));
        }
        if edits.is_empty() {
            return;
        }
        match existing {
            Some(i) => dr.hints[i].edits.extend(edits),
            None => dr.hints.push(RewriteHint {
                kind: RewriteKind::ToForm,
                edits,
            }),
        }
    }

    /// Turn a draft into the model's request; `extra` receives entries that
    /// came from strings (they are not object literal entries).
    fn finish(&self, mut dr: Draft, extra: &mut Vec<Entry>) -> HttpRequest {
        let mut body_kind = None;
        let mut body_span = None;
        let mut body_kvs: Vec<Kv> = Vec::new();
        // how the body was written, for the ToForm rewrite
        let mut body_edit: Option<Option<(Span, String)>> = None;
        if let Some((n, b)) = dr.body.take() {
            body_span = Some(self.span(n));
            // Apps Script and SuiteScript send an object as form fields and
            // have no `URLSearchParams`
            let platform = matches!(dr.library, "urlfetchapp" | "nlapi" | "netsuite");
            body_edit = match &b {
                Body::Object(_) if dr.library == "axios" => Some(Some((
                    self.span(n),
                    format!("new URLSearchParams({})", self.text(n)),
                ))),
                Body::Object(_) if platform => Some(None),
                Body::Json(_) => {
                    let ni = self.inner(n);
                    let arg = self.args(ni);
                    let is_stringify = self.kind(ni) == "call_expression"
                        && self
                            .callee(ni)
                            .and_then(|f| self.path_of(f))
                            .is_some_and(|p| p == "JSON.stringify")
                        && arg.len() == 1;
                    is_stringify.then(|| {
                        let object = self.text(arg[0]);
                        Some((
                            self.span(n),
                            if platform {
                                object.to_string()
                            } else {
                                format!("new URLSearchParams({object})")
                            },
                        ))
                    })
                }
                Body::Form(_) => Some(None),
                _ => None,
            };
            let (kind, kvs) = match b {
                Body::Form(k) => (BodyKind::Form, k),
                Body::Json(k) => (BodyKind::Json, k),
                Body::Multipart(k) => (BodyKind::Multipart, k),
                Body::Object(k) => (dr.object_kind, k),
                Body::Raw => (BodyKind::Raw, Vec::new()),
                Body::Unknown => (BodyKind::Unknown, Vec::new()),
            };
            body_kind = Some(kind);
            body_kvs = kvs;
        }
        if let Some(f) = dr.forced {
            if body_kind.is_some() || f == BodyKind::Multipart {
                body_kind = Some(f);
            }
        }
        self.fresh();
        let headers = self.to_entries(&dr.headers);
        let header_text = |name: &str| {
            headers
                .iter()
                .find(|h| h.key.eq_ignore_ascii_case(name))
                .and_then(|h| h.value.as_ref())
                .map(|v| v.text().to_ascii_lowercase())
        };
        // a declared content type is what the server goes by
        if let (Some(ct), Some(kind)) = (header_text("content-type"), body_kind) {
            if ct.contains("x-www-form-urlencoded") && kind != BodyKind::Multipart {
                body_kind = Some(BodyKind::Form);
            } else if ct.contains("json") && kind != BodyKind::Multipart {
                body_kind = Some(BodyKind::Json);
            } else if ct.contains("multipart") && matches!(kind, BodyKind::Unknown | BodyKind::Raw)
            {
                body_kind = Some(BodyKind::Multipart);
            }
        }
        if body_kind == Some(BodyKind::Json) {
            self.to_form_hint(&mut dr, body_edit);
        }
        let basic = dr.basic
            || header_text("authorization").is_some_and(|a| a.trim_start().starts_with("basic"));
        let mut query = self.to_entries(&dr.query);
        if let Some(url) = &dr.url {
            let text = url.text();
            if let Some(q) = text.find('?') {
                let end = text[q..].find('#').map(|k| q + k).unwrap_or(text.len());
                let qs = slice_sv(url, q + 1..end);
                if looks_like_form(&qs.text()) {
                    let pairs = self.to_entries(&form_pairs(&qs));
                    extra.extend(pairs.iter().cloned());
                    query.extend(pairs);
                }
            }
        }
        let body = self.to_entries(&body_kvs);
        for (kv, e) in body_kvs.iter().zip(&body) {
            if matches!(kv.val, KvVal::Str(..)) {
                extra.push(e.clone());
            }
        }
        HttpRequest {
            span: dr.span,
            library: dr.library.to_string(),
            method: dr.method,
            method_source: dr.method_source,
            url: dr.url,
            query,
            headers,
            body_kind,
            body_span,
            body,
            basic_auth: basic,
            rewrite_hints: dr.hints,
        }
    }
}

// ---------------------------------------------------------------------------
// passes producing the model

/// One request followed outwards through the wrappers it is in.
struct Wrap<'w> {
    /// the library call
    at: u32,
    req_calls: &'w Set<u32>,
    /// the wrappers passed through, innermost first
    fns: Vec<u32>,
    out: &'w mut Vec<(Found, Vec<Entry>)>,
}

/// Wrapper call sites lowered per file, at most.
const MAX_WRAPPED: usize = 256;

/// A request with the calls that make it.
struct Found {
    req: HttpRequest,
    calls: Vec<u32>,
    xhr: Option<(u32, u32)>,
    library: &'static str,
}

/// What a call site's lowering set aside: the parameter bindings as they
/// were, and the memos resolved without the call's arguments.
struct Saved<'s> {
    binds: Vec<((u32, &'s str), usize, Bind)>,
    str_memo: Map<u32, Option<StrValue>>,
    org_memo: Map<u32, Origin>,
    store_memo: Map<(u32, &'s str), Origin>,
    sum_memo: Map<&'s str, Origin>,
}

fn norm_recv(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '?' && *c != '!')
        .collect()
}

/// The type a TypeScript type node names, seeing through `Promise<T>` and friends.
fn unwrap_generic(name: &str) -> bool {
    matches!(
        name,
        "Promise"
            | "AxiosResponse"
            | "Readonly"
            | "Partial"
            | "Required"
            | "Awaited"
            | "Observable"
    )
}

impl<'s> Cx<'s> {
    fn lower_into(&mut self, m: &mut FileModel) {
        let drafts = self.detect();
        let mut extra = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        for d in drafts {
            let (calls, xhr, library) = (d.calls.clone(), d.xhr, d.library);
            self.fresh();
            let r = self.finish(d, &mut extra);
            found.push(Found {
                req: r,
                calls,
                xhr,
                library,
            });
        }
        // requests through the file's own wrappers, placed among the others
        // in source order (the others keep their order)
        let inner: Vec<(HttpRequest, u32)> = found
            .iter()
            .filter_map(|f| Some((f.req.clone(), *f.calls.first()?)))
            .collect();
        for (w, ex) in self.wrapper_requests(&inner, &found) {
            extra.extend(ex);
            let at = found
                .iter()
                .position(|f| f.req.span.start > w.req.span.start)
                .unwrap_or(found.len());
            found.insert(at, w);
        }
        // calls of helpers defined in another file
        let taken: Set<u32> = found.iter().flat_map(|f| f.calls.clone()).collect();
        for c in 0..self.len() {
            if self.kind(c) != "call_expression"
                || taken.contains(&c)
                || self.local_target(c).is_some()
            {
                continue;
            }
            self.fresh();
            let Some(r) = crate::sema::helpers::helper_request(&*self, c, "helper", self.span(c))
            else {
                continue;
            };
            let at = found
                .iter()
                .position(|f| f.req.span.start > r.span.start)
                .unwrap_or(found.len());
            found.insert(
                at,
                Found {
                    req: r,
                    calls: vec![c],
                    xhr: None,
                    library: "helper",
                },
            );
        }
        for (k, f) in found.iter().enumerate() {
            for c in &f.calls {
                self.req_of.entry(*c).or_insert(k);
                self.consumed.insert(*c);
            }
            if let Some((scope, node)) = f.xhr {
                let name = self.text(node);
                self.xhr_of.entry((scope, name)).or_insert(k);
            }
            self.req_lib.push(f.library);
            let refresh_grant = |e: &Entry| {
                e.key == "grant_type"
                    && e.value
                        .as_ref()
                        .is_some_and(|v| v.text() == "refresh_token")
            };
            if f.req.body.iter().chain(&f.req.query).any(refresh_grant) {
                self.refresh_reqs.insert(k);
            }
        }
        m.http_requests.extend(found.into_iter().map(|f| f.req));
        self.strings(m);
        self.entries(m, extra);
        self.calls(m);
        self.typed_fields(m);
        self.reads(m);
        self.type_uses(m);
        for i in 0..self.len() {
            if self.is_comment(i) {
                m.comments.push(self.span(i));
            }
        }
    }

    // ----- wrappers ---------------------------------------------------------

    /// Requests made through the program's own wrappers: a named function
    /// or method whose request takes its method, URL or options from its
    /// parameters is lowered again for each call of it in the file, with
    /// the parameters bound to that call's arguments (or their defaults).
    /// A result that says something the wrapper's own request does not is
    /// the caller's request: its span is the call, and the call's result is
    /// its response. A wrapper called by another wrapper (`post(path, data)`
    /// calling `request("POST", path, data)`) is followed outwards, a few
    /// levels at most.
    fn wrapper_requests(
        &mut self,
        inner: &[(HttpRequest, u32)],
        found: &[Found],
    ) -> Vec<(Found, Vec<Entry>)> {
        let mut out = Vec::new();
        let req_calls: Set<u32> = found.iter().flat_map(|f| f.calls.clone()).collect();
        for (generic, at) in inner {
            let mut w = Wrap {
                at: *at,
                req_calls: &req_calls,
                fns: Vec::new(),
                out: &mut out,
            };
            self.wrap_outwards(&mut w, *at, generic, &[]);
        }
        out
    }

    /// Lower `w.at` at each call of the wrapper `node` is in, with `chain`
    /// (the bindings of the wrappers already passed through) still bound.
    fn wrap_outwards(&mut self, w: &mut Wrap, node: u32, prev: &HttpRequest, chain: &[(u32, u32)]) {
        let f = self.enclosing_named_fn(node);
        if f == NONE || self.fn_params(f).is_empty() || w.fns.contains(&f) || w.fns.len() >= 3 {
            return;
        }
        w.fns.push(f);
        for call in self.callers_of(f) {
            if w.req_calls.contains(&call) || w.out.len() >= MAX_WRAPPED {
                continue;
            }
            let mut subst = self.call_subst(call, f);
            if subst.is_empty() {
                continue;
            }
            subst.extend_from_slice(chain);
            let saved = self.enter_call_site(&subst);
            self.fresh();
            // a branch this caller's arguments rule out (`if (method === 'POST')`)
            let ruled_out = crate::sema::guards::ruled_out(&self.a, &self.sc.ir, w.at, |n| {
                self.resolve(n, 0)
                    .filter(StrValue::is_plain)
                    .map(|v| v.text())
            });
            let lowered = (!ruled_out)
                .then(|| self.detect_at(w.at))
                .flatten()
                .map(|d| {
                    let library = d.library;
                    self.fresh();
                    let mut ex = Vec::new();
                    (self.finish(d, &mut ex), ex, library)
                });
            self.leave_call_site(saved);
            let Some((mut r, ex, library)) = lowered else {
                continue;
            };
            let new = !crate::sema::requests::same_request(&r, prev);
            // what the wrappers themselves write is found at the caller
            let bodies: Vec<Span> = w.fns.iter().map(|f| self.span(*f)).collect();
            let inside = |sp: &Span| {
                bodies
                    .iter()
                    .any(|b| sp.start >= b.start && sp.end <= b.end)
            };
            let body_span = r.body_span.clone();
            crate::sema::requests::adopt_at_call_site(
                &mut r,
                &bodies,
                self.span(call),
                self.callee_span(call),
            );
            // a body passed in by the caller is reported where the caller wrote it
            if let Some(sp) = body_span.filter(|sp| inside(sp)) {
                r.body_span = Some(
                    self.argument_span(sp, &subst, &inside)
                        .unwrap_or(self.span(call)),
                );
            }
            // the call site calls the program's function, not the library:
            // no library's rewrite fits its arguments
            r.library = "wrapper".to_string();
            if new {
                w.out.push((
                    Found {
                        req: r.clone(),
                        calls: vec![call],
                        xhr: None,
                        library,
                    },
                    ex,
                ));
            }
            self.wrap_outwards(w, call, &r, &subst);
        }
        w.fns.pop();
    }

    /// The span of the argument a parameter named at `sp` was bound to,
    /// followed through the wrappers until it lies outside them.
    fn argument_span(
        &self,
        mut sp: Span,
        subst: &[(u32, u32)],
        inside: &dyn Fn(&Span) -> bool,
    ) -> Option<Span> {
        for _ in 0..4 {
            let name = self.src.get(sp.clone())?;
            let &(_, arg) = subst.iter().find(|&&(id, _)| {
                self.text(id) == name && self.pattern_path(id, NONE).is_empty()
            })?;
            sp = self.span(arg);
            if !inside(&sp) {
                return Some(sp);
            }
        }
        None
    }

    /// The called name of a call (`request` of `this.request(…)`).
    fn callee_span(&self, call: u32) -> Span {
        match self.callee(call).map(|f| self.inner(f)) {
            Some(f) => match self.member(f) {
                Some((_, _, pn)) => self.span(pn),
                None => self.span(f),
            },
            None => self.span(call),
        }
    }

    /// The named function or method a node is in (not a callback).
    fn enclosing_named_fn(&self, node: u32) -> u32 {
        let mut c = node;
        for _ in 0..ANCESTOR_CAP {
            c = self.parent(c);
            if c == NONE {
                return NONE;
            }
            if is_fn_kind(self.kind(c)) {
                if self.sc.functions_by_name.values().any(|fs| fs.contains(&c)) {
                    return c;
                }
                // a callback handed to a call (`new Promise((resolve) => …)`)
                // still sees the parameters of the function it is written in
                if self.kind(self.parent(c)) != "arguments" {
                    return NONE;
                }
            }
        }
        NONE
    }

    /// The parameter nodes of a function.
    fn fn_params(&self, f: u32) -> Vec<u32> {
        if let Some(ps) = self.child(f, "parameters") {
            return self.kids(ps).collect();
        }
        self.child(f, "parameter").into_iter().collect()
    }

    /// The function or method of this file a call calls: a function named
    /// once in the file, or a method of the caller's own class or object
    /// (`this.request(…)`), or of an instance made from a class of the file.
    fn local_target(&self, call: u32) -> Option<u32> {
        let f = self.inner(self.callee(call)?);
        let (name, recv) = match self.kind(f) {
            "identifier" => (self.text(f), None),
            "member_expression" => {
                let (o, p, _) = self.member(f)?;
                (p, Some(self.inner(o)))
            }
            _ => return None,
        };
        let fns = self.sc.functions_by_name.get(name)?;
        let [t] = fns.as_slice() else {
            return None;
        };
        let t = *t;
        let ok = match recv {
            None => match self.once(f) {
                Some(b) => match b.kind {
                    BK::Func => b.value == Some(t),
                    BK::Var | BK::Assign => b.value.map(|v| self.inner(v)) == Some(t),
                    _ => false,
                },
                None => false,
            },
            Some(o) => match self.kind(o) {
                "this" => {
                    let class = self.class(call);
                    if class != NONE {
                        // a method, or a function held in a class field
                        let member = self.kind(t) == "method_definition"
                            || matches!(
                                self.kind(self.parent(t)),
                                "field_definition" | "public_field_definition"
                            );
                        member && self.class(t) == class
                    } else {
                        // a method of the object literal the call is in
                        let obj = self.parent(t);
                        let obj = if self.kind(obj) == "pair" {
                            self.parent(obj)
                        } else {
                            obj
                        };
                        self.kind(obj) == "object" && self.contains(obj, call)
                    }
                }
                "identifier" => match self.once(o) {
                    Some(b)
                        if matches!(b.kind, BK::Var | BK::Assign)
                            && self.bind_path(&b).is_empty() =>
                    {
                        let v = self.inner(b.value?);
                        match self.kind(v) {
                            "new_expression" => {
                                let ctor = self.child(v, "constructor")?;
                                let cb = self.once(ctor)?;
                                cb.kind == BK::Class && cb.value.is_some_and(|c| self.class(t) == c)
                            }
                            "object" => self.contains(v, t),
                            _ => false,
                        }
                    }
                    _ => false,
                },
                _ => false,
            },
        };
        ok.then_some(t)
    }

    /// Parameter bindings of `f` (by their identifiers) → the argument of
    /// `call` they stand for (or the parameter's default value when the
    /// call passes none).
    fn call_subst(&self, call: u32, f: u32) -> Vec<(u32, u32)> {
        let args = self.args(call);
        let mut out = Vec::new();
        for (k, p) in self.fn_params(f).into_iter().enumerate() {
            let Some((target, _)) = self.param_target(p) else {
                continue;
            };
            if self.kind(p) == "rest_pattern"
                || args
                    .iter()
                    .take(k + 1)
                    .any(|a| self.kind(*a) == "spread_element")
            {
                continue;
            }
            let default = match self.kind(p) {
                "assignment_pattern" => self.child(p, "right"),
                "required_parameter" | "optional_parameter" => self.child(p, "value"),
                _ => None,
            };
            // an argument left out, or passed as `undefined`, takes the default
            let given = args
                .get(k)
                .copied()
                .filter(|&a| !(self.kind(a) == "undefined" && default.is_some()));
            let Some(a) = given.or(default) else {
                continue;
            };
            for id in self.pattern_names(target) {
                let param = self.bind_slot(id).is_some_and(|(key, idx)| {
                    matches!(self.sc.locals[&key][idx].kind, BindKind::Param(_))
                });
                if param {
                    out.push((id, a));
                }
            }
        }
        out
    }

    /// Where the binding at a parameter's identifier is kept: its local
    /// (the function, the name) and its index there.
    fn bind_slot(&self, id: u32) -> Option<((u32, &'s str), usize)> {
        let key = (self.scope(id), self.text(id));
        let at = self.a.start(id);
        let idx = self.sc.locals.get(&key)?.iter().position(|b| b.pos == at)?;
        Some((key, idx))
    }

    /// Bind each parameter to its argument, as if it were `const p = arg`,
    /// and set aside what was resolved without those bindings.
    fn enter_call_site(&mut self, subst: &[(u32, u32)]) -> Saved<'s> {
        let mut binds = Vec::new();
        for &(id, arg) in subst {
            let Some((key, idx)) = self.bind_slot(id) else {
                continue;
            };
            if let Some(b) = self.sc.locals.get_mut(&key).and_then(|v| v.get_mut(idx)) {
                binds.push((key, idx, *b));
                b.kind = BindKind::Value(arg);
            }
        }
        Saved {
            binds,
            str_memo: self.str_memo.take(),
            org_memo: self.org_memo.take(),
            store_memo: self.store_memo.take(),
            sum_memo: self.sum_memo.take(),
        }
    }

    fn leave_call_site(&mut self, saved: Saved<'s>) {
        for (key, idx, bind) in saved.binds {
            if let Some(b) = self.sc.locals.get_mut(&key).and_then(|v| v.get_mut(idx)) {
                *b = bind;
            }
        }
        self.str_memo.replace(saved.str_memo);
        self.org_memo.replace(saved.org_memo);
        self.store_memo.replace(saved.store_memo);
        self.sum_memo.replace(saved.sum_memo);
    }

    // ----- strings --------------------------------------------------------

    fn is_str_producer(&self, call: u32) -> bool {
        let Some(f) = self.callee(call) else {
            return false;
        };
        match self.kind(f) {
            "identifier" => matches!(self.text(f), "String" | "encodeURIComponent" | "encodeURI"),
            "member_expression" => match self.member(f) {
                Some((o, p, _)) => match p {
                    "toString" => self.args(call).is_empty(),
                    "join" => self.kind(self.inner(o)) == "array",
                    "concat" | "stringify" | "resolve" => true,
                    _ => false,
                },
                None => false,
            },
            _ => false,
        }
    }

    /// Whether a string expression is a part of a bigger one.
    fn absorbed(&self, i: u32) -> bool {
        let (p, c) = self.up(i);
        if p == NONE {
            return false;
        }
        match self.kind(p) {
            "binary_expression" => self.op(p) == "+",
            "template_substitution" => true,
            "arguments" => {
                let call = self.parent(p);
                match self.kind(call) {
                    "new_expression" => self.is_new(call, "URL") || self.is_new(call, "String"),
                    "call_expression" => self.is_str_producer(call),
                    _ => false,
                }
            }
            "array" => {
                let (pp, _) = self.up(p);
                self.kind(pp) == "member_expression"
                    && self.member(pp).is_some_and(|m| m.1 == "join")
                    && self.kind(self.parent(pp)) == "call_expression"
            }
            "member_expression" => {
                self.fld(c) == "object"
                    && self
                        .member(p)
                        .is_some_and(|m| matches!(m.1, "toString" | "concat"))
                    && self.kind(self.parent(p)) == "call_expression"
                    && self.is_str_producer(self.parent(p))
            }
            _ => false,
        }
    }

    fn strings(&self, m: &mut FileModel) {
        let mut covered: Vec<usize> = Vec::new();
        let mut literals: Vec<u32> = Vec::new();
        for i in 0..self.len() {
            let k = self.kind(i);
            let cand = match k {
                "string" | "template_string" => {
                    literals.push(i);
                    true
                }
                "binary_expression" => self.op(i) == "+",
                "call_expression" => self.is_str_producer(i),
                "new_expression" => self.is_new(i, "URL"),
                _ => false,
            };
            if !cand || self.absorbed(i) {
                continue;
            }
            self.fresh();
            if let Some(sv) = self.resolve(i, 0) {
                for p in &sv.pieces {
                    match p {
                        Piece::Lit { src: Some(s), .. } => covered.push(s.start),
                        Piece::Hole { src, .. } => covered.push(src.start),
                        _ => {}
                    }
                }
                m.strings.push(sv);
            }
        }
        covered.sort_unstable();
        covered.dedup();
        for i in literals {
            let (s, e) = (self.start(i), self.end(i));
            let at = covered.partition_point(|x| *x < s);
            if covered.get(at).is_some_and(|x| *x <= e) {
                continue;
            }
            self.fresh();
            let sv = if self.kind(i) == "string" {
                self.lit(i)
            } else {
                self.template(i, 0)
            };
            m.strings.push(sv);
        }
    }

    // ----- entries --------------------------------------------------------

    fn is_kv_container(&self, o: u32) -> bool {
        let o = self.inner(o);
        match self.kind(o) {
            "identifier" => self.once(o).is_some_and(|b| {
                self.bind_path(&b).is_empty()
                    && b.value.is_some_and(|v| {
                        self.is_new(v, "URLSearchParams") || self.is_new(v, "FormData")
                    })
            }),
            "member_expression" => match self.member(o) {
                Some((_, "searchParams", _)) => true,
                Some((x, p, _)) if self.kind(self.inner(x)) == "this" => {
                    self.store_once(o, p).is_some_and(|v| {
                        self.is_new(v, "URLSearchParams") || self.is_new(v, "FormData")
                    })
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn entries(&self, m: &mut FileModel, extra: Vec<Entry>) {
        let mut out: Vec<Entry> = Vec::new();
        for i in 0..self.len() {
            match self.kind(i) {
                "object" => {
                    self.fresh();
                    for kv in self.obj_kvs(i) {
                        out.push(self.to_entry(&kv));
                    }
                }
                "new_expression" if self.is_new(i, "URLSearchParams") => {
                    let Some(a) = self.args(i).first().copied() else {
                        continue;
                    };
                    self.fresh();
                    let ai = self.inner(a);
                    let kvs = match self.kind(ai) {
                        "array" => self.pair_array_kvs(ai),
                        "string" | "template_string" | "binary_expression" => self.kvs_of(ai, 0),
                        _ => Vec::new(),
                    };
                    out.extend(kvs.iter().map(|k| self.to_entry(k)));
                }
                "call_expression" => {
                    let Some((o, name, _)) = self.method_call(i) else {
                        continue;
                    };
                    if !matches!(name, "append" | "set") {
                        continue;
                    }
                    let args = self.args(i);
                    let Some((key, ks)) = args.first().and_then(|a| self.str_content(*a)) else {
                        continue;
                    };
                    self.fresh();
                    if !self.is_kv_container(o) {
                        continue;
                    }
                    let kv = Kv {
                        key,
                        key_span: Some(ks),
                        val: args
                            .get(1)
                            .map(|v| KvVal::Node(*v))
                            .unwrap_or(KvVal::Nothing),
                        span: self.span(i),
                    };
                    out.push(self.to_entry(&kv));
                }
                _ => {}
            }
        }
        out.extend(extra);
        let mut seen: Set<(usize, usize, String)> = Set::default();
        out.retain(|e| seen.insert((e.span.start, e.span.end, e.key.clone())));
        m.entries = out;
    }

    // ----- calls ----------------------------------------------------------

    fn calls(&mut self, m: &mut FileModel) {
        let mut idx: Vec<(u32, usize)> = Vec::new();
        for i in 0..self.len() {
            let k = self.kind(i);
            if !(k == "call_expression" || k == "new_expression") || self.consumed.contains(&i) {
                continue;
            }
            let f = if k == "call_expression" {
                self.callee(i)
            } else {
                self.child(i, "constructor")
            };
            let Some(f) = f else {
                continue;
            };
            let Some(callee) = self.path_of(f) else {
                continue;
            };
            self.fresh();
            let fi = self.inner(f);
            let (name, name_span) = match self.member(fi) {
                Some((_, p, pn)) => (p.to_string(), self.span(pn)),
                None => match self.kind(fi) {
                    "subscript_expression" => {
                        match self.child(fi, "index").and_then(|x| self.str_content(x)) {
                            Some((t, s)) => (t, s),
                            None => continue,
                        }
                    }
                    _ => (self.text(fi).to_string(), self.span(fi)),
                },
            };
            let mut args = Vec::new();
            let mut kwargs = Vec::new();
            for a in self.args(i) {
                if self.kind(a) == "spread_element" {
                    args.push(None);
                    continue;
                }
                args.push(self.resolve(a, 0));
                if matches!(
                    self.kind(self.inner(a)),
                    "object" | "identifier" | "member_expression"
                ) {
                    if let Some(o) = self.object_of(a, 0) {
                        kwargs.extend(self.obj_kvs(o).iter().map(|kv| self.to_entry(kv)));
                    }
                }
            }
            idx.push((i, m.calls.len()));
            m.calls.push(Call {
                callee,
                name,
                name_span,
                span: self.span(i),
                args,
                kwargs,
            });
        }
        self.call_idx.extend(idx);
    }

    // ----- typed fields ---------------------------------------------------

    fn type_optional(&self, ann: Option<u32>) -> bool {
        let Some(t) = ann.and_then(|a| self.nth(a, 0)) else {
            return false;
        };
        if self.kind(t) != "union_type" {
            return false;
        }
        let mut st = vec![t];
        let mut n = 0;
        while let Some(x) = st.pop() {
            n += 1;
            if n > 256 {
                break;
            }
            match self.kind(x) {
                "union_type" => st.extend(self.kids(x)),
                _ => {
                    let t = self.text(x).trim();
                    if t == "undefined" || t == "null" {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn typed_fields(&self, m: &mut FileModel) {
        for i in 0..self.len() {
            let (name, bodies): (u32, Vec<u32>) = match self.kind(i) {
                "interface_declaration" => {
                    let (Some(n), Some(b)) = (self.child(i, "name"), self.child(i, "body")) else {
                        continue;
                    };
                    (n, vec![b])
                }
                "type_alias_declaration" => {
                    let (Some(n), Some(v)) = (self.child(i, "name"), self.child(i, "value")) else {
                        continue;
                    };
                    let mut bodies = Vec::new();
                    let mut st = vec![v];
                    while let Some(x) = st.pop() {
                        match self.kind(x) {
                            "object_type" => bodies.push(x),
                            "intersection_type" | "parenthesized_type" if bodies.len() < 64 => {
                                st.extend(self.kids(x))
                            }
                            _ => {}
                        }
                    }
                    bodies.reverse();
                    (n, bodies)
                }
                // a type written where it is used, named for what it types:
                // `getCredentials<{ oauthTokenData: { account_key: string } }>()`
                "object_type" => {
                    let ann = self.parent(i);
                    let owner = self.parent(ann);
                    if self.kind(ann) != "type_annotation"
                        || !matches!(
                            self.kind(owner),
                            "property_signature"
                                | "public_field_definition"
                                | "required_parameter"
                                | "optional_parameter"
                                | "variable_declarator"
                        )
                    {
                        continue;
                    }
                    let Some(n) = self
                        .child(owner, "name")
                        .or_else(|| self.child(owner, "pattern"))
                    else {
                        continue;
                    };
                    if self.kind(n) == "object_pattern" {
                        continue;
                    }
                    (n, vec![i])
                }
                _ => continue,
            };
            let type_name = self.text(name).to_string();
            let mut fields: Vec<(String, Span, bool)> = Vec::new();
            for b in bodies {
                for ps in self.kids(b) {
                    if self.kind(ps) != "property_signature" {
                        continue;
                    }
                    let Some((f, sp)) = self.child(ps, "name").and_then(|n| self.key_text(n))
                    else {
                        continue;
                    };
                    let optional = self.op(ps) == "?" || self.type_optional(self.child(ps, "type"));
                    fields.push((f, sp, optional));
                }
            }
            let members: Vec<Member> = fields
                .into_iter()
                .map(|(f, sp, o)| Member::same_name(f, sp, o))
                .collect();
            record_model(m, &type_name, &[], &members);
        }
    }

    // ----- field reads ----------------------------------------------------

    /// Is the read (wrapped node `e`) a test inside condition `cond`?
    fn in_test_position(&self, e: u32, cond: u32) -> bool {
        let mut cur = e;
        for _ in 0..32 {
            if cur == cond {
                return true;
            }
            let p = self.parent(cur);
            if p == NONE {
                return false;
            }
            let ok = match self.kind(p) {
                "parenthesized_expression" | "non_null_expression" | "as_expression" => true,
                "unary_expression" => matches!(self.op(p), "!" | "typeof"),
                "binary_expression" => {
                    matches!(self.op(p), "&&" | "||" | "??" | "==" | "!=" | "===" | "!==")
                }
                _ => false,
            };
            if !ok {
                return p == cond;
            }
            cur = p;
        }
        false
    }

    /// Whether a condition tests `field` (on the same receiver, or as a string).
    /// `budget` bounds the nodes looked at for one read.
    fn mentions(&self, cond: u32, field: &str, recv_n: &str, budget: &mut u32) -> bool {
        let mut st = vec![cond];
        while let Some(x) = st.pop() {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            match self.kind(x) {
                "member_expression" => {
                    if let Some((o, p, _)) = self.member(x) {
                        if p == field && norm_recv(self.text(o)) == recv_n {
                            return true;
                        }
                    }
                }
                "subscript_expression" => {
                    if let (Some(o), Some(k)) = (
                        self.child(x, "object"),
                        self.child(x, "index").and_then(|i| self.str_content(i)),
                    ) {
                        if k.0 == field && norm_recv(self.text(o)) == recv_n {
                            return true;
                        }
                    }
                }
                "string" if self.str_content(x).is_some_and(|s| s.0 == field) => return true,
                _ => {}
            }
            st.extend(self.kids(x));
        }
        false
    }

    fn exits(&self, s: u32) -> bool {
        match self.kind(s) {
            "return_statement" | "throw_statement" | "continue_statement" | "break_statement" => {
                true
            }
            "statement_block" => self.kids(s).any(|x| {
                matches!(
                    self.kind(x),
                    "return_statement"
                        | "throw_statement"
                        | "continue_statement"
                        | "break_statement"
                )
            }),
            "expression_statement" => false,
            _ => false,
        }
    }

    /// The read sits under a presence check of the same field.
    fn presence_guarded(&self, r: u32, field: &str, recv: &str) -> bool {
        let recv_n = norm_recv(recv);
        let mut budget: u32 = 600;
        let mut cur = r;
        for _ in 0..ANCESTOR_CAP {
            let p = self.parent(cur);
            if p == NONE {
                break;
            }
            match self.kind(p) {
                "if_statement" | "while_statement" | "ternary_expression" => {
                    if let Some(cond) = self.child(p, "condition") {
                        if self.contains(cond, r) {
                            if self.in_test_position(r, cond) {
                                return true;
                            }
                        } else if self.mentions(cond, field, &recv_n, &mut budget) {
                            return true;
                        }
                    }
                }
                "binary_expression" if self.op(p) == "&&" => {
                    if let Some(l) = self.child(p, "left") {
                        if self.contains(l, r) {
                            if self.in_test_position(r, l) {
                                return true;
                            }
                        } else if self.mentions(l, field, &recv_n, &mut budget) {
                            return true;
                        }
                    }
                }
                "statement_block" | "program" | "switch_case" | "switch_default" => {
                    let mut s = self.prev(cur);
                    for _ in 0..16 {
                        if s == NONE {
                            break;
                        }
                        if self.kind(s) == "if_statement" {
                            let cond = self.child(s, "condition");
                            let cons = self.child(s, "consequence");
                            if let (Some(c), Some(k)) = (cond, cons) {
                                if self.exits(k) && self.mentions(c, field, &recv_n, &mut budget) {
                                    return true;
                                }
                            }
                        }
                        s = self.prev(s);
                    }
                }
                _ => {}
            }
            cur = p;
        }
        false
    }

    /// (guarded, asserted, assigned_to, fallback_is_target) of a read node.
    fn guard_info(&self, r: u32, field: &str, recv: &str) -> (bool, bool, Option<String>, bool) {
        let mut guarded = false;
        let mut asserted = false;
        let mut e = r;
        for _ in 0..16 {
            let p = self.parent(e);
            match self.kind(p) {
                "non_null_expression" => {
                    asserted = true;
                    e = p;
                }
                "parenthesized_expression" | "as_expression" | "satisfies_expression" => e = p,
                _ => break,
            }
        }
        let p = self.parent(e);
        match self.kind(p) {
            "unary_expression" if matches!(self.op(p), "!" | "typeof") => guarded = true,
            "binary_expression" if matches!(self.op(p), "==" | "!=" | "===" | "!==") => {
                let other = if self.fld(e) == "left" {
                    self.child(p, "right")
                } else {
                    self.child(p, "left")
                };
                if other.is_some_and(|o| matches!(self.text(o), "null" | "undefined")) {
                    guarded = true;
                }
            }
            _ => {}
        }
        let mut fallback = None;
        if self.kind(p) == "binary_expression"
            && matches!(self.op(p), "??" | "||")
            && self.fld(e) == "left"
        {
            guarded = true;
            fallback = self.child(p, "right");
            e = p;
            for _ in 0..16 {
                let q = self.parent(e);
                if self.is_wrapper(q) {
                    e = q;
                } else {
                    break;
                }
            }
        }
        let p = self.parent(e);
        let assigned = match self.kind(p) {
            "assignment_expression" if self.fld(e) == "right" => {
                self.child(p, "left").map(|l| self.text(l).to_string())
            }
            "variable_declarator" if self.fld(e) == "value" => self
                .child(p, "name")
                .filter(|n| self.kind(*n) == "identifier")
                .map(|n| self.text(n).to_string()),
            // `store.setRefreshToken(r.refresh_token)`: the sole argument of
            // a setter named for the field stores it, like an assignment
            "arguments" => {
                let call = self.parent(p);
                let args = self.args(call);
                match self.method_call(call) {
                    Some((_, name, _)) if args.len() == 1 => self
                        .callee(call)
                        .and_then(|f| setter_target(self.text(f), name, args.len(), field)),
                    // a key-value store keeps what it is handed under a
                    // key: `localStorage.setItem('rt', r.refresh_token)`,
                    // Apps Script's `props.setProperty('RT', r.refresh_token)`
                    Some((_, "setItem" | "setProperty", _)) if args.len() == 2 && args[1] == e => {
                        self.callee(call)
                            .map(|f| format!("{}({}, …)", no_ws(self.text(f)), self.text(args[0])))
                    }
                    // SuiteScript 1.0 writes a record field:
                    // `nlapiSubmitField(type, id, field, r.refresh_token)`
                    None if args.len() >= 4
                        && args[3] == e
                        && self
                            .callee(call)
                            .is_some_and(|f| self.text(f) == "nlapiSubmitField") =>
                    {
                        Some(format!("nlapiSubmitField(…, {}, …)", self.text(args[2])))
                    }
                    _ => None,
                }
            }
            // an entry of an object that replaces a stored one:
            // `tokens = { ...tokens, refreshToken: r.refresh_token }`,
            // `Object.assign(this.tokens, { refreshToken: r.refresh_token })`
            "pair" if self.fld(e) == "value" => self.object_entry_target(p),
            _ => None,
        };
        let fit = match (&assigned, fallback) {
            (Some(t), Some(f)) => no_ws(t) == no_ws(self.text(f)),
            _ => false,
        };
        if !guarded {
            guarded = self.presence_guarded(r, field, recv);
        }
        (guarded, asserted, assigned, fit)
    }

    /// The stored place an object entry lands in when the object replaces
    /// or is merged into an existing value: `target.key`. A new local object
    /// (`const t = {…}`) is not one: the code may still check it.
    fn object_entry_target(&self, pair: u32) -> Option<String> {
        let key = self.child(pair, "key")?;
        let key = match self.kind(key) {
            "property_identifier" | "identifier" => self.text(key).to_string(),
            "string" => self.text(key).trim_matches(['"', '\'']).to_string(),
            _ => return None,
        };
        let obj = self.parent(pair);
        if self.kind(obj) != "object" {
            return None;
        }
        let p = self.parent(obj);
        let target = match self.kind(p) {
            "assignment_expression" if self.fld(obj) == "right" => self.child(p, "left")?,
            "arguments" => {
                let call = self.parent(p);
                let args = self.args(call);
                let callee = no_ws(self.text(self.callee(call)?));
                if callee != "Object.assign" {
                    // an object handed to a call that keeps it:
                    // `tokenStore.save({ refreshToken: r.refresh_token })`
                    let name = callee.rsplit('.').next().unwrap_or_default();
                    return Libraries::get()
                        .keeps(Language::JavaScript, name)
                        .then(|| format!("{callee}({{ {key}: … }})"));
                }
                if args.len() < 2 || args[0] == obj || !args[1..].contains(&obj) {
                    return None;
                }
                args[0]
            }
            _ => return None,
        };
        // a function's own variable is not stored: it may be checked
        if self.kind(target) == "identifier" && self.decl_scope(target, self.text(target)) != 0 {
            return None;
        }
        Some(format!("{}.{key}", no_ws(self.text(target))))
    }

    fn make_read(
        &self,
        field: String,
        span: Span,
        kind: ReadKind,
        node: u32,
        recv: u32,
    ) -> FieldRead {
        let origin = self.origin(recv, 0);
        let recv_text = self.text(recv);
        let (guarded, asserted, assigned_to, fallback_is_target) =
            self.guard_info(node, &field, recv_text);
        FieldRead {
            absence_fails: absence_fails(&self.a, &self.sc.ir, node, false),
            field,
            span,
            kind,
            receiver: clip(recv_text, 120),
            origin,
            guarded,
            asserted,
            assigned_to,
            fallback_is_target,
            origin_span: None,
            absence: Absence::default(),
        }
    }

    /// Whether a member/subscript node is written, called or deleted rather than read.
    fn not_a_read(&self, i: u32) -> bool {
        let p = self.parent(i);
        match self.kind(p) {
            "assignment_expression" | "augmented_assignment_expression" => self.fld(i) == "left",
            "call_expression" => self.fld(i) == "function",
            "await_expression" => {
                let pp = self.parent(p);
                self.kind(pp) == "call_expression" && self.fld(p) == "function"
            }
            "update_expression" => true,
            "unary_expression" => self.op(p) == "delete",
            "for_in_statement" => self.fld(i) == "left",
            _ => false,
        }
    }

    fn destructure(&self, pat: u32, origin: &Origin, recv: String, out: &mut Vec<FieldRead>) {
        let dread =
            |field: String, span: Span, guarded: bool, to: Option<String>, recv: &str| FieldRead {
                absence_fails: false,
                field,
                span,
                kind: ReadKind::Destructure,
                receiver: clip(recv, 120),
                origin: origin.clone(),
                guarded,
                asserted: false,
                assigned_to: to,
                fallback_is_target: false,
                origin_span: None,
                absence: Absence::default(),
            };
        let mut st = vec![(pat, recv)];
        let mut steps = 0;
        while let Some((p, recv)) = st.pop() {
            steps += 1;
            if steps > 1000 {
                break;
            }
            if self.kind(p) != "object_pattern" {
                continue;
            }
            for c in self.kids(p) {
                match self.kind(c) {
                    "shorthand_property_identifier_pattern" => {
                        let t = self.text(c).to_string();
                        out.push(dread(t.clone(), self.span(c), false, Some(t), &recv));
                    }
                    "object_assignment_pattern" => {
                        if let Some(l) = self.child(c, "left") {
                            if self.kind(l) == "shorthand_property_identifier_pattern" {
                                let t = self.text(l).to_string();
                                out.push(dread(t.clone(), self.span(l), true, Some(t), &recv));
                            }
                        }
                    }
                    "pair_pattern" => {
                        let (Some(k), Some(v)) = (self.child(c, "key"), self.child(c, "value"))
                        else {
                            continue;
                        };
                        let Some((name, ks)) = self.key_text(k) else {
                            continue;
                        };
                        let (vv, guarded) = if self.kind(v) == "assignment_pattern" {
                            (self.child(v, "left").unwrap_or(v), true)
                        } else {
                            (v, false)
                        };
                        match self.kind(vv) {
                            "identifier" => out.push(dread(
                                name,
                                ks,
                                guarded,
                                Some(self.text(vv).to_string()),
                                &recv,
                            )),
                            "object_pattern" => {
                                let nested = format!("{recv}.{name}");
                                out.push(dread(name, ks, guarded, None, &recv));
                                st.push((vv, nested));
                            }
                            _ => out.push(dread(name, ks, guarded, None, &recv)),
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A call that tests a field's presence: `data.hasOwnProperty('k')`,
    /// `Object.hasOwn(data, 'k')`, `Object.prototype.hasOwnProperty.call(data, 'k')`.
    /// (field, its span, the receiver)
    fn presence_call(&self, c: u32) -> Option<(String, Span, u32)> {
        let f = self.inner(self.callee(c)?);
        let args = self.args(c);
        let (recv, key) = match self.path_of(f).as_deref() {
            Some("Object.hasOwn" | "Object.prototype.hasOwnProperty.call") => {
                let [r, k] = args.as_slice() else {
                    return None;
                };
                (*r, *k)
            }
            _ => {
                let (o, "hasOwnProperty", _) = self.method_call(c)? else {
                    return None;
                };
                let [k] = args.as_slice() else {
                    return None;
                };
                (o, *k)
            }
        };
        let (field, span) = self.str_content(self.inner(key))?;
        Some((field, span, recv))
    }

    fn param_pattern(&self, p: u32) -> Option<u32> {
        let t = match self.kind(p) {
            "required_parameter" | "optional_parameter" => self.child(p, "pattern")?,
            "assignment_pattern" => self.child(p, "left")?,
            _ => p,
        };
        let t = if self.kind(t) == "assignment_pattern" {
            self.child(t, "left")?
        } else {
            t
        };
        (self.kind(t) == "object_pattern").then_some(t)
    }

    fn reads(&self, m: &mut FileModel) {
        let mut out = Vec::new();
        for i in 0..self.len() {
            match self.kind(i) {
                "member_expression" => {
                    let Some((o, _, pn)) = self.member(i) else {
                        continue;
                    };
                    if self.kind(pn) != "property_identifier" || self.not_a_read(i) {
                        continue;
                    }
                    self.fresh();
                    out.push(self.make_read(
                        self.text(pn).to_string(),
                        self.span(pn),
                        ReadKind::Member,
                        i,
                        o,
                    ));
                }
                "subscript_expression" => {
                    let (Some(o), Some(ix)) = (self.child(i, "object"), self.child(i, "index"))
                    else {
                        continue;
                    };
                    let Some((field, span)) = self.str_content(ix) else {
                        continue;
                    };
                    if self.not_a_read(i) {
                        continue;
                    }
                    self.fresh();
                    out.push(self.make_read(field, span, ReadKind::Subscript, i, o));
                }
                "binary_expression" if self.op(i) == "in" => {
                    // `'organizer_key' in data`
                    let (Some(l), Some(r)) = (self.child(i, "left"), self.child(i, "right")) else {
                        continue;
                    };
                    let Some((field, span)) = self.str_content(self.inner(l)) else {
                        continue;
                    };
                    self.fresh();
                    out.push(self.make_read(field, span, ReadKind::Presence, i, r));
                }
                "call_expression" if self.presence_call(i).is_some() => {
                    let Some((field, span, recv)) = self.presence_call(i) else {
                        continue;
                    };
                    self.fresh();
                    out.push(self.make_read(field, span, ReadKind::Presence, i, recv));
                }
                "call_expression" => {
                    let Some((o, "get", _)) = self.method_call(i) else {
                        continue;
                    };
                    if self.req_of.contains_key(&i) {
                        continue;
                    }
                    let args = self.args(i);
                    if args.is_empty() || args.len() > 2 {
                        continue;
                    }
                    let Some((field, span)) = self.str_content(args[0]) else {
                        continue;
                    };
                    self.fresh();
                    let mut r = self.make_read(field, span, ReadKind::Get, i, o);
                    r.guarded |= args.len() == 2;
                    out.push(r);
                }
                "variable_declarator" => {
                    let (Some(n), Some(v)) = (self.child(i, "name"), self.child(i, "value")) else {
                        continue;
                    };
                    if self.kind(n) == "object_pattern" {
                        self.fresh();
                        let o = self.origin(v, 0);
                        self.destructure(n, &o, self.text(v).to_string(), &mut out);
                    }
                }
                "assignment_expression" | "for_in_statement" => {
                    let (Some(l), Some(r)) = (self.child(i, "left"), self.child(i, "right")) else {
                        continue;
                    };
                    if self.kind(l) == "object_pattern" {
                        self.fresh();
                        let o = self.origin(r, 0);
                        self.destructure(l, &o, self.text(r).to_string(), &mut out);
                    }
                }
                k if is_fn_kind(k) => {
                    let Some(params) = self.child(i, "parameters") else {
                        continue;
                    };
                    for (k, p) in self.kids(params).enumerate() {
                        if let Some(pat) = self.param_pattern(p) {
                            self.fresh();
                            let o = self.param_origin(i, k as u32, 0);
                            self.destructure(pat, &o, self.text(pat).to_string(), &mut out);
                        }
                    }
                }
                _ => {}
            }
        }
        m.field_reads = out;
    }

    // ----- type uses ------------------------------------------------------

    fn type_name(&self, t: u32) -> Option<String> {
        let mut t = t;
        for _ in 0..16 {
            match self.kind(t) {
                "type_annotation" | "parenthesized_type" | "type_arguments" => {
                    t = self.nth(t, 0)?
                }
                "type_identifier" => return Some(self.text(t).to_string()),
                "nested_type_identifier" => {
                    let s = self.text(t);
                    return Some(s.rsplit('.').next().unwrap_or(s).trim().to_string());
                }
                "generic_type" => {
                    let name = self.child(t, "name")?;
                    let n = self.text(name);
                    let n = n.rsplit('.').next().unwrap_or(n);
                    if unwrap_generic(n) {
                        t = self.nth(self.child(t, "type_arguments")?, 0)?;
                    } else {
                        return Some(n.to_string());
                    }
                }
                "union_type" => {
                    t = self
                        .kids(t)
                        .find(|x| !matches!(self.text(*x).trim(), "null" | "undefined"))?;
                }
                _ => return None,
            }
        }
        None
    }

    fn type_uses(&self, m: &mut FileModel) {
        let mut uses: Vec<TypeUse> = Vec::new();
        let mut push = |name: Option<String>, origin: Origin| {
            if let Some(type_name) = name {
                if origin != Origin::Unknown {
                    let u = TypeUse { type_name, origin };
                    if !uses.contains(&u) {
                        uses.push(u);
                    }
                }
            }
        };
        for i in 0..self.len() {
            match self.kind(i) {
                "as_expression" | "satisfies_expression" => {
                    let (Some(e), Some(t)) = (self.nth(i, 0), self.kids(i).last()) else {
                        continue;
                    };
                    self.fresh();
                    push(self.type_name(t), self.origin(e, 0));
                }
                "type_assertion" => {
                    let (Some(t), Some(e)) = (self.nth(i, 0), self.kids(i).last()) else {
                        continue;
                    };
                    self.fresh();
                    push(self.type_name(t), self.origin(e, 0));
                }
                "variable_declarator" => {
                    let (Some(t), Some(v)) = (self.child(i, "type"), self.child(i, "value")) else {
                        continue;
                    };
                    self.fresh();
                    push(self.type_name(t), self.origin(v, 0));
                }
                "call_expression" => {
                    let Some(t) = self.child(i, "type_arguments") else {
                        continue;
                    };
                    self.fresh();
                    push(self.type_name(t), self.origin(i, 0));
                }
                "required_parameter" | "optional_parameter" => {
                    let Some(t) = self.child(i, "type") else {
                        continue;
                    };
                    let f = self.parent(self.parent(i));
                    let Some(k) = self.kids(self.parent(i)).position(|x| x == i) else {
                        continue;
                    };
                    if !is_fn_kind(self.kind(f)) {
                        continue;
                    }
                    self.fresh();
                    let o = self.param_origin(f, k as u32, 0);
                    if o != Origin::Param {
                        push(self.type_name(t), o);
                    }
                }
                k if is_fn_kind(k) => {
                    let Some(t) = self.child(i, "return_type") else {
                        continue;
                    };
                    self.fresh();
                    push(self.type_name(t), self.ret_origin(i, 0));
                }
                _ => {}
            }
        }
        for u in &uses {
            for f in m.typed_fields.iter().filter(|f| f.type_name == u.type_name) {
                m.field_reads.push(FieldRead::declaration(
                    f.field.clone(),
                    f.span.clone(),
                    u.type_name.clone(),
                    u.origin.clone(),
                    f.optional,
                ));
            }
        }
        m.type_uses = uses;
    }
}

impl crate::sema::helpers::HelperSyntax for Cx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        self.args(call)
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.resolve_or_hole(e, 0)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        let kvs = self.kvs_of(e, 0);
        // how the helper encodes an object is not known here
        (!kvs.is_empty()).then(|| (BodyKind::Unknown, self.to_entries(&kvs)))
    }
    fn helper_items(&self, e: u32) -> Option<Vec<(String, u32)>> {
        let obj = self.object_of(e, 0)?;
        let items: Vec<(String, u32)> = self
            .obj_kvs(obj)
            .into_iter()
            .filter_map(|kv| match kv.val {
                KvVal::Node(n) | KvVal::Shorthand(n) => Some((kv.key, n)),
                _ => None,
            })
            .collect();
        (!items.is_empty()).then_some(items)
    }
    fn helper_headers(&self, e: u32) -> Vec<Entry> {
        self.to_entries(&self.kvs_of(e, 0))
    }
    fn helper_arena(&self) -> &crate::lang::ts::Arena<'_> {
        &self.a
    }
    fn helper_builds_string(&self, call: u32) -> bool {
        self.resolve(call, 0).is_some()
    }
}
