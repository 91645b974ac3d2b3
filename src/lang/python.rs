//! Python front end: parses a file with tree-sitter and lowers it into the
//! neutral [`FileModel`]. Knows Python and its HTTP/OAuth libraries
//! (requests, httpx, aiohttp, urllib, requests_oauthlib, authlib), nothing
//! about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing scope and class), then a handful of linear passes fill the
//! model. Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use super::Language;
use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, TypeUse,
};
use crate::sema::calls::Callers;
use crate::sema::format::{self, Arg, Braces, Printf};
use crate::sema::forms::{looks_form, string_pairs};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH};
use crate::sema::memo::Memo;
use crate::sema::models::{record_model, Member};
use crate::sema::names::is_config_name;
use crate::sema::names::{is_ident, last_segment};
use crate::sema::pieces::{getter_pieces, pieces_text, slice_pieces};
use crate::sema::provenance::best;
use crate::sema::provenance::configured;
use crate::sema::provenance::written_origin;
use crate::sema::provenance::{Reads, Trace};
use crate::sema::requests::{
    adopt_at_call_site, keyed_entries, named_method, other_branch, same_request,
};
use crate::sema::scope::{returned_values, Scopes};
use crate::sema::sinks;
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::ts::{self, NONE};

/// `%` formatting: `%(name)s` reads a dict; `%r` and `%a` are a repr.
pub(crate) const PRINTF: Printf = Printf::new(b"-+ #0123456789.*hlL")
    .convs(b"diouxXeEfFgGcrsa")
    .paren_names();

/// `str.format`: `{}`, `{0}`, `{name}`, `{x!r:>5}`.
pub(crate) const BRACES: Braces = Braces {
    ends: &['!', ':'],
    auto_and_names: true,
};

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "python",
    language: || tree_sitter_python::LANGUAGE.into(),
    scope_kinds: &["function_definition", "class_definition"],
    class_kinds: &["class_definition"],
    extra_kinds: &["comment", "line_continuation"],
};

/// Lower one Python file into the model.
pub fn lower(source: &str) -> FileModel {
    ts::lower_with(&GRAMMAR, source, |ast, m| {
        let mut lx = Lx::new(ast);
        crate::lower_passes!(lx, m; requests_and_calls; ; types);
    })
}

// ---------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------

type Ast<'s> = ts::Arena<'s>;

/// Syntax helpers of this grammar on the shared arena.
trait PythonSyntax<'s> {
    fn attr_name(&self, attr: u32) -> &'s str;
}

impl<'s> PythonSyntax<'s> for Ast<'s> {
    /// `a.b` and `a(…)` chains: the attribute name.
    fn attr_name(&self, attr: u32) -> &'s str {
        self.field(attr, "attribute")
            .map(|a| self.text(a))
            .unwrap_or("")
    }
}

// ---------------------------------------------------------------------------
// Libraries
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lib {
    Requests,
    Httpx,
    Aiohttp,
    OAuth2,
    Authlib,
}

impl Lib {
    fn name(self) -> &'static str {
        match self {
            Lib::Requests => "requests",
            Lib::Httpx => "httpx",
            Lib::Aiohttp => "aiohttp",
            Lib::OAuth2 => "requests_oauthlib",
            Lib::Authlib => "authlib",
        }
    }
}

/// An HTTP client object (session, client, OAuth session).
#[derive(Clone, Debug)]
struct Inst {
    lib: Lib,
    base: Option<u32>,
    auth: Option<u32>,
    grant: Option<(&'static str, Span)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ModelKind {
    TypedDict { total: bool },
    Dataclass,
    Pydantic,
}

/// Key and value nodes of a key/value literal, and whether it is inline.
type KvItems = (Vec<(u32, Option<u32>)>, bool);

struct Args<'s> {
    pos: Vec<u32>,
    kw: Vec<(&'s str, u32, u32)>,
    splat: Vec<u32>,
}

impl Args<'_> {
    fn kw(&self, name: &str) -> Option<u32> {
        self.kw.iter().find(|k| k.0 == name).map(|k| k.2)
    }
    fn kw_node(&self, name: &str) -> Option<u32> {
        self.kw.iter().find(|k| k.0 == name).map(|k| k.1)
    }
    fn arg(&self, i: usize, name: &str) -> Option<u32> {
        self.kw(name).or_else(|| self.pos.get(i).copied())
    }
}

const VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];
const NON_STRING_KINDS: &[&str] = &[
    "integer",
    "float",
    "true",
    "false",
    "none",
    "dictionary",
    "list",
    "tuple",
    "set",
    "lambda",
    "list_comprehension",
    "dictionary_comprehension",
    "set_comprehension",
    "generator_expression",
    "comparison_operator",
    "not_operator",
    "unary_operator",
    "ellipsis",
];
const VALIDATORS: &[&str] = &[
    "model_validate",
    "model_validate_json",
    "parse_obj",
    "parse_raw",
    "from_dict",
    "from_json",
    "validate_python",
    "validate_json",
    "structure",
];

/// What the declaration pass gathers: the declarations in source order, and
/// the names each function declares `global` or `nonlocal`.
#[derive(Default)]
struct DeclPass<'s> {
    out: Vec<Decl>,
    globals: HashSet<(u32, &'s str)>,
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// declarations and bindings
    sc: Scopes<'s>,
    imports: HashMap<&'s str, String>,
    /// names bound by `import x` / `import x as y`
    modules: HashSet<&'s str>,
    add_headers: HashMap<(u32, &'s str), Vec<u32>>,
    attr_auth: HashMap<&'s str, u32>,
    oauth_imported: bool,
    authlib_only: bool,
    stringy: Vec<bool>,
    req_of_call: HashMap<u32, usize>,
    token_call_of: HashMap<u32, usize>,
    /// what evaluation remembers
    memo: Memo<(u32, &'s str)>,
    /// while a wrapper's request is lowered for one call site: parameter
    /// node → the caller's argument (or the parameter's default value)
    subst: RefCell<HashMap<u32, u32>>,
    /// likewise for a `**kwargs` parameter: the caller's keyword arguments
    /// that no named parameter takes
    kw_subst: RefCell<HashMap<u32, Vec<u32>>>,
    /// local function or method → its calls in the file (built on first use)
    callers: Callers,
    /// requests whose body asks for a `refresh_token` grant
    refresh_reqs: HashSet<usize>,
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

    fn is_self(&self, id: u32) -> bool {
        self.a.kind(id) == "identifier" && matches!(self.a.text(id), "self" | "cls")
    }

    // ----- collection -------------------------------------------------------

    /// What each node is in the IR's vocabulary.
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "identifier" if matches!(a.text(id), "self" | "cls") => Node::This,
            "identifier" => Node::Name,
            "attribute" => Node::member(a.field(id, "object"), a.field(id, "attribute")),
            "subscript" => Node::index(a.field(id, "value")),
            "parenthesized_expression" => Node::wrap(a.first_named(id)),
            "binary_operator" if a.operator(id) == Some("+") => {
                Node::concat(a.field(id, "left"), a.field(id, "right"))
            }
            "block" | "module" => Node::Block,
            "if_statement" => Node::if_(
                a.field(id, "condition"),
                a.field(id, "consequence"),
                a.field(id, "alternative"),
            ),
            "elif_clause" => Node::if_(a.field(id, "condition"), a.field(id, "consequence"), None),
            "while_statement" => Node::guarded(a.field(id, "condition")),
            // `value if condition else other`
            "conditional_expression" => Node::guarded(a.named(id).nth(1)),
            "not_operator" => Node::not(a.field(id, "argument")),
            "comparison_operator" => {
                let operands: Vec<u32> = a.named(id).collect();
                match (operands.as_slice(), a.fields(id, "operators").as_slice()) {
                    ([l, r], [op]) if matches!(a.text(*op), "==" | "!=") => {
                        Node::compare(Some(*l), Some(*r), a.text(*op) == "==")
                    }
                    _ => Node::Other,
                }
            }
            "boolean_operator" if a.operator(id) == Some("and") => {
                Node::and(a.field(id, "left"), a.field(id, "right"))
            }
            "boolean_operator" if a.operator(id) == Some("or") => {
                Node::or(a.field(id, "left"), a.field(id, "right"))
            }
            "raise_statement" => Node::Raise,
            "return_statement" => Node::Exit,
            "false" | "none" => Node::Falsy,
            "call" => Node::call_through(
                a,
                a.field(id, "function"),
                "object",
                "attribute",
                a.field(id, "arguments"),
            ),
            "argument_list" => Node::Args,
            "keyword_argument" => Node::arg(a.field(id, "name"), a.field(id, "value")),
            "dictionary" => Node::Map,
            "pair" => Node::entry(a.field(id, "key"), a.field(id, "value")),
            _ => Node::Other,
        }
    }

    /// A binding of the name node `name` in `scope`, or at the top level
    /// when that scope declares the name `global`/`nonlocal`.
    fn bind_name(d: &mut DeclPass<'s>, a: &Ast<'s>, scope: u32, name: u32, b: Bind) {
        let scope = if scope != 0 && d.globals.contains(&(scope, a.text(name))) {
            0
        } else {
            scope
        };
        d.out.push(Decl::Local {
            scope,
            name,
            bind: Some(b),
            ty: None,
        });
    }

    /// The bindings an assignment target makes: names in the statement's
    /// scope, `self.x`/`cls.x` as members of the class; tuple and list
    /// targets bind their names without a value. Also records the value
    /// given to `x.auth`.
    fn bind_target(
        &mut self,
        d: &mut DeclPass<'s>,
        target: u32,
        kind: BindKind,
        pos: u32,
        stmt: u32,
    ) {
        let scope = self.a.scope(stmt);
        let mut stack = vec![(target, kind)];
        let mut steps = 0;
        while let Some((t, k)) = stack.pop() {
            steps += 1;
            if steps > 4096 {
                break;
            }
            match self.a.kind(t) {
                "identifier" => {
                    let b = Bind {
                        stmt,
                        ..Bind::new(pos, k)
                    };
                    Self::bind_name(d, &self.a, scope, t, b);
                }
                "attribute" => {
                    let Some(obj) = self.a.field(t, "object") else {
                        continue;
                    };
                    let value = match k {
                        BindKind::Value(v) => Some(v),
                        _ => None,
                    };
                    if self.is_self(obj) {
                        let class = self.a.class(stmt);
                        if class != NONE {
                            d.out.push(Decl::MemberSet {
                                class,
                                name: self.a.field(t, "attribute").unwrap_or(NONE),
                                value,
                            });
                        }
                    }
                    if self.a.attr_name(t) == "auth" {
                        if let Some(v) = value {
                            let recv = self.a.text(obj);
                            self.attr_auth.insert(recv, v);
                        }
                    }
                }
                // `params["client_id"] = v`: one more entry of the dict
                "subscript" => {
                    if let (Some(object), Some(key), BindKind::Value(value)) =
                        (self.a.field(t, "value"), self.a.field(t, "subscript"), k)
                    {
                        if self.a.kind(object) == "identifier" {
                            d.out.push(Decl::KeyedSet {
                                object,
                                key,
                                value,
                                stmt,
                            });
                        }
                    }
                }
                "pattern_list"
                | "tuple_pattern"
                | "list_pattern"
                | "tuple"
                | "list"
                | "parenthesized_expression"
                | "list_splat_pattern"
                | "as_pattern_target" => {
                    let inner = if self.a.kind(t) == "as_pattern_target" {
                        k
                    } else {
                        BindKind::Other
                    };
                    for c in self.a.named(t) {
                        stack.push((c, inner));
                    }
                }
                _ => {}
            }
        }
    }

    /// `params.update({"k": v}, k=v)` as a statement: one keyed set per
    /// entry of the dict the name holds.
    fn update_decls(&self, d: &mut DeclPass<'s>, call: u32) {
        let Some(func) = self.a.field(call, "function") else {
            return;
        };
        if self.a.kind(func) != "attribute"
            || self.a.attr_name(func) != "update"
            || self.a.kind(self.a.parent(call)) != "expression_statement"
        {
            return;
        }
        let Some(object) = self.a.field(func, "object") else {
            return;
        };
        if self.a.kind(object) != "identifier" {
            return;
        }
        let Some(args) = self.a.field(call, "arguments") else {
            return;
        };
        let mut set = |key, value| {
            d.out.push(Decl::KeyedSet {
                object,
                key,
                value,
                stmt: call,
            })
        };
        for arg in self.a.named(args) {
            match self.a.kind(arg) {
                "dictionary" => {
                    for p in self.a.named(arg) {
                        if let (Some(k), Some(v)) =
                            (self.a.field(p, "key"), self.a.field(p, "value"))
                        {
                            set(k, v);
                        }
                    }
                }
                "keyword_argument" => {
                    if let (Some(k), Some(v)) =
                        (self.a.field(arg, "name"), self.a.field(arg, "value"))
                    {
                        set(k, v);
                    }
                }
                _ => {}
            }
        }
    }

    /// The declarations of the file, in source order: classes, functions
    /// and their parameters, returns, imports and every name an assignment,
    /// loop, `with … as` or walrus binds. Also records the imports and the
    /// values given to `x.auth`.
    fn decls(&mut self) -> Vec<Decl> {
        let mut d = DeclPass::default();
        for id in self.ids() {
            match self.a.kind(id) {
                "global_statement" | "nonlocal_statement" => {
                    let scope = self.a.scope(id);
                    for n in self.a.named(id) {
                        if self.a.kind(n) == "identifier" {
                            d.globals.insert((scope, self.a.text(n)));
                        }
                    }
                }
                "assignment" => {
                    let Some(left) = self.a.field(id, "left") else {
                        continue;
                    };
                    let mut right = self.a.field(id, "right");
                    let mut guard = 0;
                    while let Some(r) = right {
                        if self.a.kind(r) != "assignment" || guard > 64 {
                            break;
                        }
                        guard += 1;
                        right = self.a.field(r, "right");
                    }
                    // annotation only: not a binding (class fields are read elsewhere)
                    if let Some(r) = right {
                        self.bind_target(&mut d, left, BindKind::Value(r), self.a.end(id), id);
                    }
                }
                "augmented_assignment" => {
                    let Some(left) = self.a.field(id, "left") else {
                        continue;
                    };
                    let kind = match (self.op_of(id), self.a.field(id, "right")) {
                        ("+=", Some(r)) => BindKind::Append(r),
                        _ => BindKind::Other,
                    };
                    if self.a.kind(left) == "attribute" {
                        // a second write to self.x: counts as another binding
                        self.bind_target(&mut d, left, BindKind::Other, self.a.end(id), id);
                    } else {
                        self.bind_target(&mut d, left, kind, self.a.end(id), id);
                    }
                }
                "named_expression" => {
                    if let (Some(n), Some(v)) =
                        (self.a.field(id, "name"), self.a.field(id, "value"))
                    {
                        self.bind_target(&mut d, n, BindKind::Value(v), self.a.end(id), id);
                    }
                }
                "for_statement" => {
                    if let (Some(l), Some(r)) =
                        (self.a.field(id, "left"), self.a.field(id, "right"))
                    {
                        let k = if self.a.kind(l) == "identifier" {
                            BindKind::ForIn(r)
                        } else {
                            BindKind::Other
                        };
                        self.bind_target(&mut d, l, k, self.a.end(r), id);
                    }
                }
                "with_item" => {
                    let Some(v) = self.a.field(id, "value") else {
                        continue;
                    };
                    if self.a.kind(v) != "as_pattern" {
                        continue;
                    }
                    let expr = self.a.first_named(v);
                    let target = self.a.field(v, "alias");
                    if let (Some(e), Some(t)) = (expr, target) {
                        self.bind_target(&mut d, t, BindKind::Value(e), self.a.end(v), id);
                    }
                }
                "call" => self.update_decls(&mut d, id),
                "function_definition" => self.function_decls(&mut d, id),
                "class_definition" => {
                    if let Some(name) = self.a.field(id, "name") {
                        d.out.push(Decl::Class { node: id, name });
                        let b = Bind {
                            stmt: id,
                            ..Bind::new(self.a.start(id), BindKind::Other)
                        };
                        Self::bind_name(&mut d, &self.a, self.a.scope(id), name, b);
                    }
                }
                "import_statement" | "import_from_statement" => self.import_decls(&mut d, id),
                "return_statement" => {
                    let func = self.a.scope(id);
                    if self.a.kind(func) == "function_definition" {
                        if let Some(value) = self.a.first_named(id) {
                            d.out.push(Decl::Return { func, value });
                        }
                    }
                }
                _ => {}
            }
        }
        d.out
    }

    fn collect(&mut self) {
        let ir = Ir::build(&self.a, Self::ir_node);
        let decls = self.decls();
        self.sc = Scopes::build(&self.a, ir, decls);
        for id in self.ids() {
            if self.a.kind(id) != "call" {
                continue;
            }
            let Some(func) = self.a.field(id, "function") else {
                continue;
            };
            if self.a.kind(func) == "attribute"
                && matches!(
                    self.a.attr_name(func),
                    "add_header" | "add_unredirected_header"
                )
            {
                if let Some(obj) = self.a.field(func, "object") {
                    if self.a.kind(obj) == "identifier" {
                        let key = (self.a.scope(id), self.a.text(obj));
                        self.add_headers.entry(key).or_default().push(id);
                    }
                }
            }
        }
        let q: Vec<&String> = self.imports.values().collect();
        let rol = q
            .iter()
            .any(|s| s.contains("requests_oauthlib") || s.contains("oauthlib"));
        let authlib = q.iter().any(|s| s.starts_with("authlib"));
        self.oauth_imported = rol || authlib;
        self.authlib_only = authlib && !rol;
    }

    /// A function: its name bound in the enclosing scope, its parameters
    /// in its own.
    fn function_decls(&self, d: &mut DeclPass<'s>, id: u32) {
        let Some(nm) = self.a.field(id, "name") else {
            return;
        };
        let outer = self.a.scope(id);
        let b = Bind {
            stmt: id,
            ..Bind::new(self.a.start(id), BindKind::Other)
        };
        Self::bind_name(d, &self.a, outer, nm, b);
        d.out.push(Decl::Function { node: id, name: nm });
        let Some(params) = self.a.field(id, "parameters") else {
            return;
        };
        for p in self.a.named(params) {
            let ident = match self.a.kind(p) {
                "identifier" => Some(p),
                "default_parameter" | "typed_default_parameter" => self.a.field(p, "name"),
                "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => self
                    .a
                    .named(p)
                    .find(|&k| self.a.kind(k) == "identifier")
                    .or_else(|| {
                        self.a.named(p).find_map(|k| {
                            self.a.named(k).find(|&kk| self.a.kind(kk) == "identifier")
                        })
                    }),
                _ => None,
            };
            if let Some(i) = ident {
                let b = Bind {
                    stmt: id,
                    ..Bind::new(self.a.start(id), BindKind::Param(p))
                };
                Self::bind_name(d, &self.a, id, i, b);
            }
        }
    }

    /// An import: the names it binds, and what each stands for.
    fn import_decls(&mut self, d: &mut DeclPass<'s>, id: u32) {
        let scope = self.a.scope(id);
        let from = if self.a.kind(id) == "import_from_statement" {
            self.a.field(id, "module_name").map(|m| self.a.text(m))
        } else {
            None
        };
        let names: Vec<u32> = self
            .a
            .kids(id)
            .iter()
            .copied()
            .filter(|&k| self.a.field_name(k) == "name")
            .collect();
        for n in names {
            // the node naming the bound name (none when its text is not one
            // identifier: `import a .b` binds no name a use could read)
            let (local, node, full): (&'s str, Option<u32>, String) = match self.a.kind(n) {
                "dotted_name" => {
                    let t = self.a.text(n);
                    match from {
                        Some(m) => (t, Some(n), format!("{m}.{t}")),
                        None => {
                            let first = t.split('.').next().unwrap_or(t);
                            let node = self.a.first_named(n).filter(|&f| self.a.text(f) == first);
                            (first, node, first.to_string())
                        }
                    }
                }
                "aliased_import" => {
                    let Some(alias) = self.a.field(n, "alias") else {
                        continue;
                    };
                    let dn = self
                        .a
                        .field(n, "name")
                        .map(|x| self.a.text(x))
                        .unwrap_or("");
                    let full = match from {
                        Some(m) => format!("{m}.{dn}"),
                        None => dn.to_string(),
                    };
                    (self.a.text(alias), Some(alias), full)
                }
                _ => continue,
            };
            if from.is_none() {
                self.modules.insert(local);
            }
            self.imports.insert(local, full);
            if let Some(node) = node {
                let b = Bind {
                    stmt: id,
                    ..Bind::new(self.a.end(id), BindKind::Other)
                };
                Self::bind_name(d, &self.a, scope, node, b);
            }
        }
    }

    // ----- lookups ----------------------------------------------------------

    /// Binding of `name` for string resolution: bound once in its scope, or
    /// the last binding before the use in an enclosing block.
    fn str_binding(&self, node: u32, name: &str) -> Option<Bind> {
        self.sc
            .block_binding(&self.a, node, name)
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

    /// Binding of `name` for value flow: last assignment before the use in
    /// the function, then enclosing scopes (any position).
    fn origin_binding(&self, node: u32, name: &str) -> Option<Bind> {
        self.sc
            .last_binding(&self.a, node, name)
            .map(|b| self.substituted(b))
    }

    /// Local base classes of a class (by name).
    fn bases(&self, class: u32) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(sup) = self.a.field(class, "superclasses") {
            for k in self.a.named(sup) {
                if self.a.kind(k) == "identifier" {
                    if let Some(c) = self.sc.sole_class(self.a.text(k)) {
                        if c != class {
                            out.push(c);
                        }
                    }
                }
            }
        }
        out
    }

    /// The class and its local ancestors, nearest first (bounded).
    fn class_lineage(&self, class: u32) -> Vec<u32> {
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

    /// Values written to `attr` of a class: `self.attr = v` and class-body `attr = v`.
    fn class_attr_values(&self, class: u32, attr: &str) -> Vec<Option<u32>> {
        for c in self.class_lineage(class) {
            let vals = self.sc.class_values(c, attr);
            if !vals.is_empty() {
                return vals;
            }
        }
        Vec::new()
    }

    /// The single value of `self.attr` / `Class.attr`, if written once.
    fn class_attr_value(&self, class: u32, attr: &str) -> Option<u32> {
        let v = self.class_attr_values(class, attr);
        if v.len() == 1 {
            v.first().copied().flatten()
        } else {
            None
        }
    }

    /// The class an attribute receiver names: `self`, `cls`, or a local class.
    fn receiver_class(&self, obj: u32) -> Option<u32> {
        if self.is_self(obj) {
            let c = self.a.class(obj);
            return (c != NONE).then_some(c);
        }
        if self.a.kind(obj) == "identifier" {
            return self.sc.sole_class(self.a.text(obj));
        }
        None
    }

    fn qualify(&self, expr: u32) -> Option<String> {
        let mut segs: Vec<&str> = Vec::new();
        let mut e = expr;
        for _ in 0..64 {
            match self.a.kind(e) {
                "attribute" => {
                    segs.push(self.a.attr_name(e));
                    e = self.a.field(e, "object")?;
                }
                "identifier" => {
                    let root = self.a.text(e);
                    let mut out = match self.imports.get(root) {
                        Some(q) => q.clone(),
                        None => root.to_string(),
                    };
                    for s in segs.iter().rev() {
                        out.push('.');
                        out.push_str(s);
                    }
                    return Some(out);
                }
                _ => return None,
            }
        }
        None
    }

    /// Callee as written, `.`-joined, through calls (`a().b` → `a.b`).
    fn callee_chain(&self, func: u32) -> Option<String> {
        let mut segs: Vec<&str> = Vec::new();
        let mut e = func;
        for _ in 0..64 {
            match self.a.kind(e) {
                "attribute" => {
                    segs.push(self.a.attr_name(e));
                    e = self.a.field(e, "object")?;
                }
                "call" => {
                    e = self.a.field(e, "function")?;
                }
                "identifier" => {
                    segs.push(self.a.text(e));
                    segs.reverse();
                    return Some(segs.join("."));
                }
                _ => return None,
            }
        }
        None
    }

    fn chain_root(&self, e: u32) -> u32 {
        let mut e = e;
        for _ in 0..64 {
            match self.a.kind(e) {
                "attribute" => match self.a.field(e, "object") {
                    Some(o) => e = o,
                    None => return e,
                },
                "subscript" => match self.a.field(e, "value") {
                    Some(o) => e = o,
                    None => return e,
                },
                _ => return e,
            }
        }
        e
    }

    fn is_module_name(&self, id: u32) -> bool {
        self.a.kind(id) == "identifier"
            && (self.modules.contains(self.a.text(id))
                || matches!(
                    self.a.text(id),
                    "requests" | "httpx" | "aiohttp" | "urllib" | "os" | "json" | "logging"
                ))
            && !self.is_self(id)
    }

    fn args_of(&self, call: u32) -> Args<'s> {
        let mut args = Args {
            pos: Vec::new(),
            kw: Vec::new(),
            splat: Vec::new(),
        };
        let Some(al) = self.a.field(call, "arguments") else {
            return args;
        };
        if self.a.kind(al) == "generator_expression" {
            args.pos.push(al);
            return args;
        }
        for k in self.a.named(al) {
            match self.a.kind(k) {
                "keyword_argument" => {
                    if let (Some(n), Some(v)) = (self.a.field(k, "name"), self.a.field(k, "value"))
                    {
                        if self.a.kind(v) != "none" {
                            args.kw.push((self.a.text(n), k, v));
                        }
                    }
                }
                "dictionary_splat" => {
                    if let Some(e) = self.a.first_named(k) {
                        match self.forwarded_kwargs(e) {
                            Some(kws) => {
                                for kw in kws {
                                    if let (Some(n), Some(v)) =
                                        (self.a.field(kw, "name"), self.a.field(kw, "value"))
                                    {
                                        if self.a.kind(v) != "none" {
                                            args.kw.push((self.a.text(n), kw, v));
                                        }
                                    }
                                }
                            }
                            None => args.splat.push(e),
                        }
                    }
                }
                "list_splat" => {}
                _ => args.pos.push(k),
            }
        }
        args
    }

    /// `**kwargs` of a wrapper lowered for a call site: the caller's
    /// keyword arguments it carries on.
    fn forwarded_kwargs(&self, e: u32) -> Option<Vec<u32>> {
        if self.kw_subst.borrow().is_empty() || self.a.kind(e) != "identifier" {
            return None;
        }
        let BindKind::Param(p) = self.sc.last_binding(&self.a, e, self.a.text(e))?.kind else {
            return None;
        };
        self.kw_subst.borrow().get(&p).cloned()
    }

    // ----- strings ----------------------------------------------------------

    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&["binary_operator", "parenthesized_expression"]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            "string" | "concatenated_string" => true,
            "binary_operator" => {
                // `+` is a concatenation; `fmt % args` is a string when `fmt` is
                self.a.operator(id) == Some("%") && get(self.a.field(id, "left"))
            }
            "call" => {
                let Some(func) = self.a.field(id, "function") else {
                    return false;
                };
                match self.a.kind(func) {
                    "attribute" => {
                        let name = self.a.attr_name(func);
                        let obj = self.a.field(func, "object");
                        match name {
                            "format" | "urljoin" | "urlencode" => true,
                            "join" | "encode" | "decode" | "strip" | "rstrip" | "lstrip" => {
                                get(obj)
                            }
                            _ => false,
                        }
                    }
                    "identifier" => match self.a.text(func) {
                        "urljoin" | "urlencode" => true,
                        "str" => get(self.args_of(id).pos.first().copied()),
                        _ => false,
                    },
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Value node an identifier / `self.x` / `Class.x` is bound to once.
    fn bound_value(&self, id: u32) -> Option<u32> {
        match self.a.kind(id) {
            "identifier" => match self.str_binding(id, self.a.text(id))?.kind {
                BindKind::Value(v) => Some(v),
                _ => None,
            },
            "attribute" => {
                let obj = self.a.field(id, "object")?;
                let class = self.receiver_class(obj)?;
                self.class_attr_value(class, self.a.attr_name(id))
            }
            _ => None,
        }
    }

    /// Whether the parent of a string expression resolves it as part of itself.
    fn consumed_by_parent(&self, id: u32) -> bool {
        let p = self.a.parent(id);
        if p == NONE {
            return false;
        }
        match self.a.kind(p) {
            "concatenated_string" | "parenthesized_expression" | "binary_operator" => {
                self.is_stringy(p)
            }
            "interpolation" => self.a.field_name(id) == "expression",
            "attribute" => {
                let call = self.a.parent(p);
                self.a.field_name(id) == "object"
                    && self.a.kind(call) == "call"
                    && self.a.field(call, "function") == Some(p)
                    && self.is_stringy(call)
            }
            "argument_list" => self.is_stringy(self.a.parent(p)),
            "keyword_argument" => {
                let al = self.a.parent(p);
                self.a.field_name(id) == "value" && self.is_stringy(self.a.parent(al))
            }
            "tuple" | "list" | "pair" | "dictionary" => {
                // items of a `%` tuple, a joined list, an encoded dict or pair list
                let mut c = p;
                for _ in 0..4 {
                    let up = self.a.parent(c);
                    match self.a.kind(up) {
                        "tuple" | "list" | "pair" | "dictionary" | "parenthesized_expression" => {
                            c = up
                        }
                        "argument_list" => return self.is_stringy(self.a.parent(up)),
                        "binary_operator" => {
                            return self.a.field_name(c) == "right"
                                && self.op_of(up) == "%"
                                && self.is_stringy(up)
                        }
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
                if self.is_docstring(id) {
                    m.docs.push(self.a.span(id));
                }
                m.strings.push(self.resolve_root(id, true));
            }
        }
        for id in self.ids() {
            if self.a.kind(id) == "string"
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

    /// The string that documents a module, class or function (its first
    /// statement): help text, not a value the program uses.
    fn is_docstring(&self, id: u32) -> bool {
        let stmt = self.a.parent(id);
        if self.a.kind(id) != "string" || self.a.kind(stmt) != "expression_statement" {
            return false;
        }
        let body = self.a.parent(stmt);
        let first = self
            .a
            .kids(body)
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) != "comment");
        if first != Some(stmt) {
            return false;
        }
        match self.a.kind(body) {
            "module" => true,
            "block" => matches!(
                self.a.kind(self.a.parent(body)),
                "function_definition" | "class_definition"
            ),
            _ => false,
        }
    }

    fn resolve_name(&self, id: u32, depth: u32, out: &mut Vec<Piece>) {
        let name = self.a.text(id);
        match self.str_binding(id, name).map(|b| (b, b.kind)) {
            Some((_, BindKind::Value(v))) => self.resolve_memo(v, depth + 1, out, id),
            Some((b, BindKind::Append(v))) => {
                // value before the `+=`, then the added part
                let before = self.str_binding(b.stmt, name);
                match before.map(|x| x.kind) {
                    Some(BindKind::Value(pv)) if pv != v => {
                        self.resolve_memo(pv, depth + 1, out, id)
                    }
                    _ => out.push(self.hole(id)),
                }
                self.resolve_memo(v, depth + 1, out, id);
            }
            Some((_, BindKind::Param(p))) => match self.constructor_default(p) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => out.push(self.hole(id)),
            },
            _ => out.push(self.hole(id)),
        }
    }

    /// The default of a constructor parameter written as a string
    /// (`def __init__(self, base_url="https://…")`): what the instance holds
    /// unless a caller passes another.
    fn constructor_default(&self, p: u32) -> Option<u32> {
        if !matches!(
            self.a.kind(p),
            "default_parameter" | "typed_default_parameter"
        ) {
            return None;
        }
        let f = self.a.parent(self.a.parent(p));
        if self.a.kind(f) != "function_definition"
            || self.a.field(f, "name").map(|n| self.a.text(n)) != Some("__init__")
        {
            return None;
        }
        let v = self.a.field(p, "value")?;
        matches!(self.a.kind(v), "string" | "concatenated_string").then_some(v)
    }

    // ----- literals ---------------------------------------------------------

    /// (raw, fstring, bytes, content start, content end, interpolations)
    fn string_parts(&self, id: u32) -> Option<(bool, bool, bool, u32, u32, Vec<u32>)> {
        let kids = self.a.kids(id);
        let start = kids
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) == "string_start")?;
        let end = kids
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) == "string_end")
            .map(|k| self.a.start(k))
            .unwrap_or(self.a.end(id));
        let prefix = self.a.text(start).to_ascii_lowercase();
        let prefix = prefix.trim_end_matches(['"', '\'']);
        let interps: Vec<u32> = kids
            .iter()
            .copied()
            .filter(|&k| self.a.kind(k) == "interpolation")
            .collect();
        let cs = self.a.end(start);
        Some((
            prefix.contains('r'),
            prefix.contains('f'),
            prefix.contains('b'),
            cs,
            end.max(cs),
            interps,
        ))
    }

    fn decode_string(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        if mark {
            if let Some(c) = self.memo.consumed.borrow_mut().get_mut(id as usize) {
                *c = true;
            }
        }
        let Some((raw, fstr, bytes, cs, ce, interps)) = self.string_parts(id) else {
            out.push(self.hole(id));
            return;
        };
        if interps.is_empty() {
            if let Some(p) = self.decode_segment(cs, ce, raw, fstr, bytes) {
                out.push(p);
            }
            return;
        }
        let mut at = cs;
        for it in interps {
            let s = self.a.start(it);
            if s > at {
                if let Some(p) = self.decode_segment(at, s, raw, fstr, bytes) {
                    out.push(p);
                }
            }
            at = self.a.end(it).max(at);
            let expr = self.a.field(it, "expression");
            let plain = self.a.field(it, "type_conversion").is_none()
                && self.a.field(it, "format_specifier").is_none()
                && !self
                    .a
                    .text(it)
                    .trim_end_matches('}')
                    .trim_end()
                    .ends_with('=');
            match expr {
                Some(e) if plain => self.resolve_into(e, depth + 1, mark, out),
                Some(e) => out.push(self.hole(e)),
                None => out.push(self.hole(it)),
            }
        }
        if ce > at {
            if let Some(p) = self.decode_segment(at, ce, raw, fstr, bytes) {
                out.push(p);
            }
        }
    }

    fn decode_segment(&self, a: u32, b: u32, raw: bool, fstr: bool, bytes: bool) -> Option<Piece> {
        let (a, b) = (a as usize, b as usize);
        let text = self.a.src.get(a..b)?;
        let needs =
            (!raw && text.contains('\\')) || (fstr && (text.contains("{{") || text.contains("}}")));
        if !needs {
            return Some(Piece::lit(text, a..b));
        }
        let mut decoded: Vec<(char, usize)> = Vec::with_capacity(text.len());
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (off, c) = chars[i];
            let at = a + off;
            let next = chars.get(i + 1).map(|x| x.1);
            if fstr && (c == '{' || c == '}') && next == Some(c) {
                decoded.push((c, at));
                i += 2;
                continue;
            }
            if c != '\\' || raw {
                decoded.push((c, at));
                i += 1;
                continue;
            }
            let Some(n) = next else {
                decoded.push((c, at));
                i += 1;
                continue;
            };
            let simple = ts::c_escape(n);
            if let Some(ch) = simple {
                decoded.push((ch, at));
                i += 2;
                continue;
            }
            match n {
                '\n' => i += 2,
                '\r' => {
                    i += 2;
                    if chars.get(i).map(|x| x.1) == Some('\n') {
                        i += 1;
                    }
                }
                '0'..='7' => {
                    let mut v = 0u32;
                    let mut k = i + 1;
                    while k < chars.len() && k < i + 4 {
                        match chars[k].1.to_digit(8) {
                            Some(d) => v = v * 8 + d,
                            None => break,
                        }
                        k += 1;
                    }
                    decoded.push((char::from_u32(v).unwrap_or('\u{fffd}'), at));
                    i = k;
                }
                'x' | 'u' | 'U' if !(bytes && n != 'x') => {
                    let width = match n {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let digits: String =
                        chars.iter().skip(i + 2).take(width).map(|x| x.1).collect();
                    match (digits.len() == width)
                        .then(|| u32::from_str_radix(&digits, 16).ok())
                        .flatten()
                        .and_then(char::from_u32)
                    {
                        Some(ch) => {
                            decoded.push((ch, at));
                            i += 2 + width;
                        }
                        None => {
                            decoded.push((c, at));
                            i += 1;
                        }
                    }
                }
                _ => {
                    // unknown escape (and \N{…}): kept as written
                    decoded.push((c, at));
                    i += 1;
                }
            }
        }
        Some(Piece::lit_decoded(&decoded, b))
    }

    /// Text and content span of a plain (non-interpolated) string literal.
    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        if self.a.kind(id) != "string" {
            return None;
        }
        let (raw, fstr, bytes, cs, ce, interps) = self.string_parts(id)?;
        if !interps.is_empty() {
            return None;
        }
        match self.decode_segment(cs, ce, raw, fstr, bytes)? {
            Piece::Lit { text, .. } => Some((text, cs as usize..ce as usize)),
            Piece::Hole { .. } => None,
        }
    }

    fn literal_eq(&self, id: u32, s: &str) -> bool {
        self.literal_text(id).map(|t| t.0 == s).unwrap_or(false)
    }

    // ----- composite resolution --------------------------------------------

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(func) = self.a.field(id, "function") else {
            out.push(self.hole(id));
            return;
        };
        let args = self.args_of(id);
        if self.a.kind(func) == "attribute" {
            let obj = self.a.field(func, "object");
            let name = self.a.attr_name(func);
            if let Some(obj) = obj {
                match name {
                    "format" if !self.is_module_name(obj) => {
                        let mut fmt = Vec::new();
                        self.resolve_into(obj, depth + 1, mark, &mut fmt);
                        self.brace_format(fmt, &args, id, depth, mark, out);
                        return;
                    }
                    "join" if self.is_stringy(obj) || self.bound_value(obj).is_some() => {
                        self.join(obj, &args, id, depth, mark, out);
                        return;
                    }
                    "encode" | "decode" => {
                        self.resolve_into(obj, depth + 1, mark, out);
                        return;
                    }
                    "strip" | "rstrip" | "lstrip" => {
                        let mut tmp = Vec::new();
                        self.resolve_into(obj, depth + 1, mark, &mut tmp);
                        let chars: String = match args.pos.first() {
                            Some(&c) => match self.literal_text(c) {
                                Some((t, _)) => t,
                                None => {
                                    out.extend(tmp);
                                    return;
                                }
                            },
                            None => " \t\r\n".to_string(),
                        };
                        let t = pieces_text(&tmp);
                        let set = |c: char| chars.contains(c);
                        let mut lo = 0;
                        let mut hi = t.len();
                        if name != "lstrip" {
                            hi = t.trim_end_matches(set).len();
                        }
                        if name != "rstrip" {
                            lo = t.len() - t.trim_start_matches(set).len();
                        }
                        out.extend(slice_pieces(&tmp, lo, hi.max(lo)));
                        return;
                    }
                    _ => {}
                }
            }
        }
        // a getter of this class or module: `self.api_url()`, `base_url()`
        if args.pos.is_empty() && args.kw.is_empty() {
            let getter = match self.a.kind(func) {
                "attribute" => self
                    .a
                    .field(func, "object")
                    .filter(|&o| self.is_self(o))
                    .and_then(|_| {
                        let class = self.a.class(id);
                        (class != NONE)
                            .then(|| self.sc.getter_value(&self.a, class, self.a.attr_name(func)))
                            .flatten()
                    }),
                "identifier" => self.sc.getter_value(&self.a, NONE, self.a.text(func)),
                _ => None,
            };
            if getter.is_some() {
                let resolve = |v| {
                    let mut value = Vec::new();
                    self.resolve_into(v, depth + 1, false, &mut value);
                    value
                };
                out.extend(getter_pieces(getter, resolve, self.hole(id)));
                return;
            }
        }
        let q = self.qualify(func).unwrap_or_default();
        match last_segment(&q) {
            "urljoin" => self.urljoin(&args, id, depth, mark, out),
            "urlencode" => self.urlencode(&args, id, depth, mark, out),
            "str" | "quote" | "quote_plus" if self.a.kind(func) == "identifier" => {
                match args.pos.first() {
                    Some(&a) if args.pos.len() == 1 || q != "str" => {
                        self.resolve_into(a, depth + 1, mark, out)
                    }
                    _ => out.push(self.hole(id)),
                }
            }
            _ => out.push(self.hole(id)),
        }
    }

    fn brace_format(
        &self,
        fmt: Vec<Piece>,
        args: &Args,
        call: u32,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        format::braces(&fmt, &BRACES, out, |d, out| {
            let arg = match d.arg {
                Arg::Pos(k) => args.pos.get(k).copied(),
                Arg::Name(name) if is_ident(name) => args.kw(name),
                _ => None,
            };
            match arg {
                Some(a) if !d.spec.starts_with('!') && !d.spec.contains('{') => {
                    self.resolve_into(a, depth + 1, mark, out)
                }
                Some(a) => out.push(self.hole(a)),
                None => {
                    let src = format::source_of(&fmt, &d.at).unwrap_or_else(|| self.a.span(call));
                    let inner = &d.text[1..d.text.len() - 1];
                    let name = inner[..inner.len() - d.spec.len()].trim();
                    let name = if name.is_empty() { "?" } else { name };
                    out.push(Piece::hole(src, name));
                }
            }
        });
    }

    fn percent_format(
        &self,
        id: u32,
        l: u32,
        r: u32,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let mut fmt = Vec::new();
        self.resolve_into(l, depth + 1, mark, &mut fmt);
        let positional: Vec<u32> = match self.a.kind(r) {
            "tuple" => self.a.named_vec(r),
            "parenthesized_expression" => self.a.named_vec(r),
            "dictionary" => Vec::new(),
            _ => vec![r],
        };
        let dict = (self.a.kind(r) == "dictionary").then_some(r);
        format::printf(&fmt, &PRINTF, out, |d, out| {
            let arg = match d.arg {
                Arg::Name(key) => dict.and_then(|x| self.dict_lookup(x, key)),
                Arg::Pos(k) => positional.get(k).copied(),
                Arg::None => None,
            };
            match arg {
                Some(a) if d.conv != b'r' && d.conv != b'a' => {
                    self.resolve_into(a, depth + 1, mark, out)
                }
                Some(a) => out.push(self.hole(a)),
                None => out.push(self.hole(id)),
            }
            true
        });
    }

    fn join(&self, sep: u32, args: &Args, call: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(&arg) = args.pos.first() else {
            out.push(self.hole(call));
            return;
        };
        if let Some(entries) = self.pairs_joined(sep, arg) {
            out.extend(crate::sema::forms::encode_entries(&entries));
            return;
        }
        let (items, mark_items) = match self.a.kind(arg) {
            "list" | "tuple" => (self.a.named_vec(arg), mark),
            "identifier" => match self.bound_value(arg) {
                Some(v) if matches!(self.a.kind(v), "list" | "tuple") => {
                    (self.a.named_vec(v), false)
                }
                _ => {
                    out.push(self.hole(call));
                    return;
                }
            },
            _ => {
                out.push(self.hole(call));
                return;
            }
        };
        let mut sp = Vec::new();
        self.resolve_into(sep, depth + 1, mark, &mut sp);
        for (k, it) in items.into_iter().enumerate() {
            if k > 0 {
                out.extend(sp.iter().cloned());
            }
            self.resolve_into(it, depth + 1, mark_items, out);
        }
    }

    /// `"&".join(f"{k}={v}" for k, v in params.items())`: a dict written
    /// out as a query by hand, the entries of that dict.
    fn pairs_joined(&self, sep: u32, items: u32) -> Option<Vec<Entry>> {
        let a = &self.a;
        if !matches!(a.kind(items), "generator_expression" | "list_comprehension")
            || self.literal_text(sep).map(|t| t.0).as_deref() != Some("&")
            || !a
                .field(items, "body")
                .is_some_and(|b| a.text(b).contains('='))
        {
            return None;
        }
        let clause = a.named(items).find(|&c| a.kind(c) == "for_in_clause")?;
        let source = a.field(clause, "right")?;
        let func = a
            .field(source, "function")
            .filter(|_| a.kind(source) == "call")?;
        if a.kind(func) != "attribute" || a.attr_name(func) != "items" {
            return None;
        }
        let entries = self.entries_of(a.field(func, "object")?, 0);
        (!entries.is_empty()).then_some(entries)
    }

    fn urljoin(&self, args: &Args, call: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let (Some(base), Some(path)) = (args.arg(0, "base"), args.arg(1, "url")) else {
            out.push(self.hole(call));
            return;
        };
        // the base is marked as emitted only when all of it is kept
        let mut b = Vec::new();
        self.resolve_into(base, depth + 1, false, &mut b);
        let mut p = Vec::new();
        self.resolve_into(path, depth + 1, mark, &mut p);
        let bt = pieces_text(&b);
        let pt = pieces_text(&p);
        let scheme = bt.find("://");
        let keep = if pt.starts_with("http://") || pt.starts_with("https://") {
            0
        } else if pt.starts_with("//") {
            scheme.map(|i| i + 1).unwrap_or(bt.len())
        } else if pt.starts_with('/') {
            match scheme {
                Some(i) => bt
                    .get(i + 3..)
                    .and_then(|r| r.find(['/', '?', '#']))
                    .map(|j| i + 3 + j)
                    .unwrap_or(bt.len()),
                None => bt.trim_end_matches('/').len(),
            }
        } else if pt.is_empty() {
            bt.len()
        } else {
            let after = scheme.map(|i| i + 3).unwrap_or(0);
            match bt.get(after..).and_then(|r| r.rfind('/')) {
                Some(j) => after + j + 1,
                None => bt.len(),
            }
        };
        let slash = !pt.is_empty()
            && !pt.starts_with('/')
            && !pt.contains("://")
            && keep == bt.len()
            && !bt.ends_with('/');
        if mark && keep == bt.len() {
            let mut marked = Vec::new();
            self.resolve_into(base, depth + 1, true, &mut marked);
        }
        out.extend(slice_pieces(&b, 0, keep));
        if slash {
            out.push(Piece::synthetic("/"));
        }
        out.extend(p);
    }

    fn urlencode(&self, args: &Args, call: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(arg) = args.arg(0, "query") else {
            out.push(self.hole(call));
            return;
        };
        let Some((items, inline)) = self.kv_items(arg, 0) else {
            out.push(self.hole(arg));
            return;
        };
        let mark = mark && inline;
        for (k, (key, val)) in items.into_iter().enumerate() {
            if k > 0 {
                out.push(Piece::synthetic("&"));
            }
            if self.a.kind(key) == "string" {
                self.decode_string(key, depth + 1, mark, out);
            } else {
                out.push(Piece::lit(self.a.text(key), self.a.span(key)));
            }
            out.push(Piece::synthetic("="));
            match val {
                Some(v) => self.resolve_into(v, depth + 1, mark, out),
                None => out.push(self.hole(key)),
            }
        }
    }

    /// Key/value nodes of a dict literal, `dict(k=v)`, or list of pairs,
    /// following a name bound to one. Bool: the literal is inline.
    fn kv_items(&self, e: u32, depth: u32) -> Option<KvItems> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "dictionary" => Some((
                self.a
                    .named(e)
                    .filter(|&p| self.a.kind(p) == "pair")
                    .filter_map(|p| Some((self.a.field(p, "key")?, self.a.field(p, "value"))))
                    .collect(),
                true,
            )),
            "list" | "tuple" => Some((
                self.a
                    .named(e)
                    .filter_map(|t| {
                        let kids = self.a.named_vec(t);
                        (matches!(self.a.kind(t), "tuple" | "list") && kids.len() == 2)
                            .then(|| (kids[0], Some(kids[1])))
                    })
                    .collect(),
                true,
            )),
            "call" => {
                let func = self.a.field(e, "function")?;
                if self.a.kind(func) == "identifier" && self.a.text(func) == "dict" {
                    let mut v = Vec::new();
                    let mut inline = true;
                    let args = self.args_of(e);
                    if let Some(&p0) = args.pos.first() {
                        let (items, i) = self.kv_items(p0, depth + 1)?;
                        inline = i;
                        v.extend(items);
                    }
                    for (_, kw, val) in args.kw {
                        v.push((self.a.field(kw, "name").unwrap_or(kw), Some(val)));
                    }
                    return Some((v, inline));
                }
                None
            }
            "identifier" | "attribute" => {
                let v = match self.a.kind(e) {
                    "identifier" => match self.origin_binding(e, self.a.text(e))?.kind {
                        BindKind::Value(v) => v,
                        _ => return None,
                    },
                    _ => self.bound_value(e)?,
                };
                self.kv_items(v, depth + 1).map(|(i, _)| (i, false))
            }
            "parenthesized_expression" => self.kv_items(self.a.first_named(e)?, depth + 1),
            _ => None,
        }
    }

    /// `X["k"]` where X is a dict constant: the value node.
    fn subscript_value(&self, id: u32, depth: u32) -> Option<u32> {
        let value = self.a.field(id, "value")?;
        let key = self.a.field(id, "subscript")?;
        let (k, _) = self.literal_text(key)?;
        let container = self.find_dict(value, depth)?;
        self.dict_lookup(container, &k)
    }

    fn find_dict(&self, e: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.a.kind(e) {
            "dictionary" => Some(e),
            "call" => {
                let f = self.a.field(e, "function")?;
                (self.a.kind(f) == "identifier" && self.a.text(f) == "dict").then_some(e)
            }
            "identifier" | "attribute" => self.find_dict(self.bound_value(e)?, depth + 1),
            "subscript" => {
                let v = self.subscript_value(e, depth + 1)?;
                self.find_dict(v, depth + 1)
            }
            "parenthesized_expression" => self.find_dict(self.a.first_named(e)?, depth + 1),
            _ => None,
        }
    }

    fn dict_lookup(&self, d: u32, key: &str) -> Option<u32> {
        match self.a.kind(d) {
            "dictionary" => self.a.named(d).find_map(|p| {
                if self.a.kind(p) != "pair" {
                    return None;
                }
                let k = self.a.field(p, "key")?;
                if self.literal_eq(k, key) {
                    self.a.field(p, "value")
                } else {
                    None
                }
            }),
            "call" => self.args_of(d).kw(key),
            _ => None,
        }
    }

    // ----- entries ----------------------------------------------------------

    fn key_of(&self, k: u32) -> Option<(String, Span)> {
        if self.a.kind(k) == "string" {
            return self.literal_text(k);
        }
        if matches!(self.a.kind(k), "identifier" | "attribute") {
            let sv = self.value_sv(k);
            let t = sv.text();
            if sv.is_plain() && !t.is_empty() {
                return Some((t, self.a.span(k)));
            }
        }
        None
    }

    fn pair_entry(&self, pair: u32) -> Option<Entry> {
        let k = self.a.field(pair, "key")?;
        let v = self.a.field(pair, "value")?;
        let (key, ks) = self.key_of(k)?;
        Some(Entry {
            key,
            key_span: Some(ks),
            value: self.value_opt(v),
            value_span: Some(self.a.span(v)),
            span: self.a.span(pair),
        })
    }

    /// The entries `params["k"] = v` writes into the dict the name `e`
    /// holds, after its binding and before `e`.
    fn keyed_entries(&self, e: u32) -> Vec<Entry> {
        let key = |k: u32| {
            // the name of `update(k=v)` is the key itself
            if self.a.kind(self.a.parent(k)) == "keyword_argument" {
                Some((self.a.text(k).to_string(), self.a.span(k)))
            } else {
                self.key_of(k)
            }
        };
        keyed_entries(&self.sc, &self.a, e, key, |v| self.value_opt(v))
    }

    fn kw_entry(&self, kw: u32) -> Option<Entry> {
        let n = self.a.field(kw, "name")?;
        let v = self.a.field(kw, "value")?;
        Some(Entry {
            key: self.a.text(n).to_string(),
            key_span: Some(self.a.span(n)),
            value: self.value_opt(v),
            value_span: Some(self.a.span(v)),
            span: self.a.span(kw),
        })
    }

    fn tuple_entry(&self, t: u32) -> Option<Entry> {
        let kids = self.a.named_vec(t);
        if kids.len() != 2 {
            return None;
        }
        let (key, ks) = self.literal_text(kids[0])?;
        Some(Entry {
            key,
            key_span: Some(ks),
            value: self.value_opt(kids[1]),
            value_span: Some(self.a.span(kids[1])),
            span: self.a.span(t),
        })
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "pair" if self.a.kind(self.a.parent(id)) == "dictionary" => {
                    if let Some(e) = self.pair_entry(id) {
                        m.entries.push(e);
                    }
                }
                "keyword_argument" => {
                    let al = self.a.parent(id);
                    if self.a.kind(self.a.parent(al)) == "call" {
                        if let Some(e) = self.kw_entry(id) {
                            m.entries.push(e);
                        }
                    }
                }
                "tuple" if matches!(self.a.kind(self.a.parent(id)), "list" | "tuple" | "set") => {
                    if let Some(e) = self.tuple_entry(id) {
                        m.entries.push(e);
                    }
                }
                _ => {}
            }
        }
        // `k=v&…` pairs written inside strings
        let mut extra = Vec::new();
        for sv in &m.strings {
            extra.extend(self.string_pairs(sv, true));
        }
        m.entries.extend(extra);
    }

    /// Entries of a container expression (dict, dict(), list of pairs, a name
    /// bound to one, a `a=b&c=d` string).
    fn entries_of(&self, e: u32, depth: u32) -> Vec<Entry> {
        if depth > 8 {
            return Vec::new();
        }
        match self.a.kind(e) {
            "dictionary" => self
                .a
                .named(e)
                .filter(|&p| self.a.kind(p) == "pair")
                .filter_map(|p| self.pair_entry(p))
                .collect(),
            "list" | "tuple" => self
                .a
                .named(e)
                .filter(|&t| self.a.kind(t) == "tuple")
                .filter_map(|t| self.tuple_entry(t))
                .collect(),
            "call" => {
                let Some(func) = self.a.field(e, "function") else {
                    return Vec::new();
                };
                if self.a.kind(func) == "identifier" && self.a.text(func) == "dict" {
                    let args = self.args_of(e);
                    let mut out = Vec::new();
                    if let Some(&p0) = args.pos.first() {
                        out.extend(self.entries_of(p0, depth + 1));
                    }
                    for (_, kw, _) in &args.kw {
                        out.extend(self.kw_entry(*kw));
                    }
                    return out;
                }
                if self.is_stringy(e) {
                    return self.string_pairs(&self.value_sv(e), false);
                }
                // `data=self._payload()`: what the file's own function returns
                match self.local_target(e) {
                    Some(f) => returned_values(&self.sc, f)
                        .iter()
                        .flat_map(|&r| self.entries_of(r, depth + 1))
                        .collect(),
                    None => Vec::new(),
                }
            }
            "identifier" | "attribute" => {
                let v = match self.a.kind(e) {
                    "identifier" => match self.origin_binding(e, self.a.text(e)).map(|b| b.kind) {
                        Some(BindKind::Value(v)) => v,
                        _ => return Vec::new(),
                    },
                    _ => match self.bound_value(e) {
                        Some(v) => v,
                        None => return Vec::new(),
                    },
                };
                let mut out = self.entries_of(v, depth + 1);
                if self.a.kind(e) == "identifier" {
                    out.extend(self.keyed_entries(e));
                }
                out
            }
            "parenthesized_expression" => match self.a.first_named(e) {
                Some(i) => self.entries_of(i, depth + 1),
                None => Vec::new(),
            },
            _ if self.is_stringy(e) => self.string_pairs(&self.value_sv(e), false),
            _ => Vec::new(),
        }
    }

    /// `k=v` pairs of a form string, or of the query part of a URL.
    fn string_pairs(&self, sv: &StrValue, written_only: bool) -> Vec<Entry> {
        string_pairs(sv, written_only, slice_pieces)
    }

    // ----- HTTP requests and calls -----------------------------------------

    fn requests_and_calls(&mut self, m: &mut FileModel) {
        // requests first: the library calls, then the calls of the
        // program's own wrappers, in source order; then the call list
        let mut found: Vec<(HttpRequest, u32, bool)> = Vec::new();
        for id in self.ids() {
            if self.a.kind(id) == "call" {
                if let Some((r, t)) = self.detect_request(id) {
                    found.push((r, id, t));
                }
            }
        }
        // the call graph is read without any call site's bindings
        self.callers_of(NONE);
        let wrapped = self.wrapper_requests(&found);
        found.extend(wrapped.into_iter().map(|(r, call)| (r, call, false)));
        found.sort_by_key(|(r, _, _)| (r.span.start, std::cmp::Reverse(r.span.end)));
        let mut token_lib: HashSet<u32> = HashSet::new();
        for (r, id, t) in found {
            let i = m.http_requests.len();
            if crate::sema::requests::is_refresh(&r) {
                self.refresh_reqs.insert(i);
            }
            self.req_of_call.insert(id, i);
            if t {
                token_lib.insert(id);
            }
            m.http_requests.push(r);
        }
        for id in self.ids() {
            if self.a.kind(id) != "call" {
                continue;
            }
            if self.req_of_call.contains_key(&id) && !token_lib.contains(&id) {
                continue;
            }
            let func = self.a.field(id, "function");
            let token_lib = token_lib.contains(&id);
            let Some(func) = func else { continue };
            let Some(callee) = self.callee_chain(func) else {
                continue;
            };
            let (name, name_span) = match self.a.kind(func) {
                "attribute" => match self.a.field(func, "attribute") {
                    Some(n) => (self.a.text(n), self.a.span(n)),
                    None => continue,
                },
                _ => (self.a.text(func), self.a.span(func)),
            };
            let args = self.args_of(id);
            let call = Call {
                callee,
                name: name.to_string(),
                name_span,
                span: self.a.span(id),
                args: args.pos.iter().map(|&p| self.value_opt(p)).collect(),
                kwargs: args.kw.iter().filter_map(|k| self.kw_entry(k.1)).collect(),
            };
            if token_lib || (self.sc.is_token_call(name) && self.local_target(id).is_none()) {
                self.token_call_of.insert(id, m.calls.len());
            }
            m.calls.push(call);
        }
    }

    /// Requests made through the program's own wrappers: a function or
    /// method whose request takes its method, URL or options from its
    /// parameters is lowered again for each call of it in the file, with
    /// the parameters bound to that call's arguments (or their defaults)
    /// and `**kwargs` carrying the caller's keyword arguments. The result
    /// is the caller's request: its span is the call, and the call's
    /// result is that request's response.
    fn wrapper_requests(&self, inner: &[(HttpRequest, u32, bool)]) -> Vec<(HttpRequest, u32)> {
        let mut by_fn: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, (_, at, _)) in inner.iter().enumerate() {
            let f = self.enclosing_fn(*at);
            if f != NONE && self.takes_arguments(f) {
                by_fn.entry(f).or_default().push(i);
            }
        }
        if by_fn.is_empty() {
            return Vec::new();
        }
        let library_calls: HashSet<u32> = inner.iter().map(|x| x.1).collect();
        let mut out = Vec::new();
        for call in self.ids() {
            if self.a.kind(call) != "call" || library_calls.contains(&call) {
                continue;
            }
            let Some(f) = self.local_target(call) else {
                continue;
            };
            let Some(reqs) = by_fn.get(&f) else { continue };
            if self.a.contains(f, call) || out.len() >= MAX_WRAPPED {
                continue;
            }
            let (subst, kw_subst) = self.bind_params(f, call);
            // the method the caller names, when it passes one
            let named_method = named_method(subst.values().map(|&a| self.value_sv(a)));
            let body = self.a.span(f);
            for &ri in reqs {
                let (generic, at, _) = &inner[ri];
                let saved = self.enter_call_site(subst.clone(), kw_subst.clone());
                // a branch this caller's arguments rule out (`if method == "GET":`)
                let ruled_out = crate::sema::guards::ruled_out(&self.a, &self.sc.ir, *at, |n| {
                    self.known_str(n)
                });
                let r = if ruled_out {
                    None
                } else {
                    self.detect_request(*at).map(|x| x.0)
                };
                self.leave_call_site(saved);
                let Some(mut r) = r else { continue };
                if same_request(&r, generic) {
                    continue;
                }
                if other_branch(named_method, r.method, reqs.len()) {
                    continue;
                }
                adopt_at_call_site(
                    &mut r,
                    std::slice::from_ref(&body),
                    self.a.span(call),
                    self.callee_span(call),
                );
                out.push((r, call));
            }
        }
        out
    }

    /// A string known here: a literal, a name bound to one (a parameter at
    /// a call site), or one of those with `.upper()`/`.lower()`.
    fn known_str(&self, e: u32) -> Option<String> {
        if self.a.kind(e) == "call" {
            let func = self.a.field(e, "function")?;
            let args = self.a.field(e, "arguments")?;
            if self.a.kind(func) != "attribute" || self.a.named(args).next().is_some() {
                return None;
            }
            let object = self.a.field(func, "object")?;
            let inner = self.known_str(object)?;
            return match self.a.field(func, "attribute").map(|n| self.a.text(n)) {
                Some("upper") => Some(inner.to_uppercase()),
                Some("lower") => Some(inner.to_lowercase()),
                _ => None,
            };
        }
        if !matches!(
            self.a.kind(e),
            "string" | "identifier" | "concatenated_string"
        ) {
            return None;
        }
        let v = self.value_sv(e);
        v.is_plain().then(|| v.text())
    }

    /// The called name of a call (`_request` of `self._request(…)`).
    fn callee_span(&self, call: u32) -> Span {
        match self.a.field(call, "function") {
            Some(f) => self.a.span(self.name_node(f)),
            None => self.a.span(call),
        }
    }

    fn enter_call_site(
        &self,
        subst: HashMap<u32, u32>,
        kw: HashMap<u32, Vec<u32>>,
    ) -> SavedMemos<'s> {
        SavedMemos {
            subst: self.subst.replace(subst),
            kw_subst: self.kw_subst.replace(kw),
            str_memo: self.memo.strings.take(),
            origin_memo: self.memo.origins.take(),
            stored_memo: self.memo.stored.take(),
        }
    }

    fn leave_call_site(&self, saved: SavedMemos<'s>) {
        self.subst.replace(saved.subst);
        self.kw_subst.replace(saved.kw_subst);
        self.memo.strings.replace(saved.str_memo);
        self.memo.origins.replace(saved.origin_memo);
        self.memo.stored.replace(saved.stored_memo);
    }

    /// The named function a node is in (not a lambda, not a class body).
    fn enclosing_fn(&self, node: u32) -> u32 {
        let mut c = node;
        for _ in 0..ANCESTOR_LIMIT {
            c = self.a.parent(c);
            if c == NONE {
                return NONE;
            }
            match self.a.kind(c) {
                "function_definition" => return c,
                "lambda" | "class_definition" => return NONE,
                _ => {}
            }
        }
        NONE
    }

    /// A method called on an instance: its first parameter is the receiver.
    fn is_bound_method(&self, f: u32) -> bool {
        if self.a.kind(self.a.scope(f)) != "class_definition" {
            return false;
        }
        let p = self.a.parent(f);
        !(self.a.kind(p) == "decorated_definition"
            && self
                .a
                .named(p)
                .any(|d| self.a.kind(d) == "decorator" && self.a.text(d).contains("staticmethod")))
    }

    /// The parameter nodes of a function a caller fills (not `self`/`cls`).
    fn call_params(&self, f: u32) -> Vec<u32> {
        let Some(ps) = self.a.field(f, "parameters") else {
            return Vec::new();
        };
        let mut out = self.a.named_vec(ps);
        if self.is_bound_method(f) && !out.is_empty() {
            out.remove(0);
        }
        out
    }

    fn takes_arguments(&self, f: u32) -> bool {
        self.call_params(f)
            .iter()
            .any(|&p| self.param_name(p).is_some())
    }

    fn param_name(&self, p: u32) -> Option<&'s str> {
        let n = match self.a.kind(p) {
            "identifier" => Some(p),
            "default_parameter" | "typed_default_parameter" => self.a.field(p, "name"),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => self
                .a
                .first_named(p)
                .filter(|&k| self.a.kind(k) == "identifier"),
            _ => None,
        }?;
        Some(self.a.text(n))
    }

    /// A call's arguments by the parameters of the function it calls:
    /// parameter node → argument (or the default value), and a `**kwargs`
    /// parameter → the keyword arguments no named parameter takes.
    #[allow(clippy::type_complexity)]
    fn bind_params(&self, f: u32, call: u32) -> (HashMap<u32, u32>, HashMap<u32, Vec<u32>>) {
        let args = self.args_of(call);
        let mut subst = HashMap::new();
        let mut kw_subst = HashMap::new();
        let mut named: Vec<&str> = Vec::new();
        let mut kwargs = None;
        let mut i = 0usize;
        let mut keyword_only = false;
        // called through the class (`Client.m(obj, …)`): the receiver is passed
        let skip = usize::from(
            self.is_bound_method(f)
                && self
                    .a
                    .field(call, "function")
                    .and_then(|func| self.a.field(func, "object"))
                    .is_some_and(|o| self.sc.sole_class(self.a.text(o)).is_some()),
        );
        for p in self.call_params(f) {
            match self.a.kind(p) {
                "identifier"
                | "typed_parameter"
                | "default_parameter"
                | "typed_default_parameter" => {
                    let name = self.param_name(p);
                    let arg = name
                        .and_then(|n| args.kw(n))
                        .or_else(|| {
                            (!keyword_only)
                                .then(|| args.pos.get(i + skip).copied())
                                .flatten()
                        })
                        .or_else(|| self.a.field(p, "value"));
                    i += 1;
                    if let Some(n) = name {
                        named.push(n);
                    }
                    if let Some(a) = arg {
                        subst.insert(p, a);
                    }
                }
                "list_splat_pattern" | "keyword_separator" => keyword_only = true,
                "dictionary_splat_pattern" => kwargs = Some(p),
                _ => {}
            }
        }
        if let Some(p) = kwargs {
            let rest: Vec<u32> = args
                .kw
                .iter()
                .filter(|k| !named.contains(&k.0))
                .map(|k| k.1)
                .collect();
            kw_subst.insert(p, rest);
        }
        (subst, kw_subst)
    }

    /// A name in a wrapper lowered for a call site: the caller's argument
    /// when the name is a parameter bound to one.
    fn through_param(&self, node: u32) -> u32 {
        if self.subst.borrow().is_empty() || self.a.kind(node) != "identifier" {
            return node;
        }
        match self
            .sc
            .block_binding(&self.a, node, self.a.text(node))
            .map(|b| b.kind)
        {
            Some(BindKind::Param(p)) => self.subst.borrow().get(&p).copied().unwrap_or(node),
            _ => node,
        }
    }

    fn detect_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        if let Some(found) = self.library_request(call) {
            return Some(found);
        }
        // a helper defined here is lowered as a wrapper instead
        if self.local_target(call).is_some() {
            return None;
        }
        let r = crate::sema::helpers::helper_request(self, call, "helper", self.a.span(call))?;
        Some((r, false))
    }

    fn library_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        let func = self.a.field(call, "function")?;
        let args = self.args_of(call);
        if let Some(q) = self.qualify(func) {
            let (module, name) = q.rsplit_once('.').unwrap_or(("", q.as_str()));
            let lib = match module {
                "requests" | "requests.api" => Some(Lib::Requests),
                "httpx" => Some(Lib::Httpx),
                "aiohttp" if name == "request" => Some(Lib::Aiohttp),
                _ => None,
            };
            if let Some(lib) = lib {
                if VERBS.contains(&name)
                    || name == "request"
                    || (lib == Lib::Httpx && name == "stream")
                {
                    return Some((self.lib_request(call, func, lib, name, &args, None), false));
                }
                if lib == Lib::Requests && name == "Request" {
                    return Some((
                        self.lib_request(call, func, lib, "request", &args, None),
                        false,
                    ));
                }
            }
            if name == "urlopen"
                && (module.contains("urllib")
                    || (module.is_empty() && !self.sc.functions_by_name.contains_key("urlopen")))
            {
                return self.urlopen_request(call, func, &args).map(|r| (r, false));
            }
            if name == "Request" && module.contains("urllib") {
                return Some((self.urllib_request(call, func, &args), false));
            }
        }
        if self.a.kind(func) != "attribute" {
            return None;
        }
        let obj = self.a.field(func, "object")?;
        let name = self.a.attr_name(func);
        let inst = self.obj_inst(obj, 0);
        let token_name = matches!(name, "fetch_token" | "refresh_token" | "fetch_access_token");
        match inst {
            Some(inst) => {
                if matches!(inst.lib, Lib::OAuth2 | Lib::Authlib) && token_name {
                    return Some((
                        self.token_request(call, func, name, &args, Some(&inst)),
                        true,
                    ));
                }
                let http = VERBS.contains(&name)
                    || name == "request"
                    || (inst.lib == Lib::Httpx && matches!(name, "stream" | "build_request"));
                if http {
                    return Some((
                        self.lib_request(call, func, inst.lib, name, &args, Some(&inst)),
                        false,
                    ));
                }
                None
            }
            None => {
                // a session handed in (`def authenticate(session)`) calling a
                // verb with an absolute OAuth URL, in a file that imports
                // requests or httpx: that library's request
                if VERBS.contains(&name) && !self.is_self(obj) {
                    let lib = self
                        .imports
                        .values()
                        .find_map(|m| match m.split('.').next() {
                            Some("requests") => Some(Lib::Requests),
                            Some("httpx") => Some(Lib::Httpx),
                            _ => None,
                        });
                    let url = args.pos.first().map(|&u| self.value_sv(u).text());
                    let oauth = url.is_some_and(|t| t.contains("://") && t.contains("/oauth/"));
                    if let (Some(lib), true) = (lib, oauth) {
                        return Some((self.lib_request(call, func, lib, name, &args, None), false));
                    }
                }
                if !token_name || self.is_self(obj) {
                    return None;
                }
                let has_url = !args.pos.is_empty() || args.kw("token_url").is_some();
                let recv = self.a.text(obj).to_ascii_lowercase();
                let plausible = self.oauth_imported
                    || ((recv.contains("oauth")
                        || recv.contains("session")
                        || recv.contains("client"))
                        && self.local_target(call).is_none());
                (has_url && plausible)
                    .then(|| (self.token_request(call, func, name, &args, None), true))
            }
        }
    }

    fn obj_inst(&self, e: u32, depth: u32) -> Option<Inst> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "call" => self.ctor_inst(e),
            "parenthesized_expression" | "await" => {
                self.obj_inst(self.a.first_named(e)?, depth + 1)
            }
            // `session or requests.Session()`, `s if s else requests.Session()`
            "boolean_operator" | "conditional_expression" => self
                .a
                .named_vec(e)
                .into_iter()
                .find_map(|c| self.obj_inst(c, depth + 1)),
            "identifier" => match self.origin_binding(e, self.a.text(e))?.kind {
                BindKind::Value(v) => self.obj_inst(v, depth + 1),
                BindKind::Param(p) => self.param_inst(p),
                _ => None,
            },
            "attribute" => {
                let obj = self.a.field(e, "object")?;
                let class = self.receiver_class(obj)?;
                self.class_attr_values(class, self.a.attr_name(e))
                    .into_iter()
                    .flatten()
                    .find_map(|v| self.obj_inst(v, depth + 1))
            }
            _ => None,
        }
    }

    fn param_inst(&self, p: u32) -> Option<Inst> {
        let t = self.a.field(p, "type").map(|t| self.a.text(t))?;
        let lib = if t.ends_with("ClientSession") {
            Lib::Aiohttp
        } else if t.ends_with("OAuth2Session") {
            Lib::OAuth2
        } else if t.contains("httpx") || t == "AsyncClient" {
            Lib::Httpx
        } else if t.ends_with("Session") {
            Lib::Requests
        } else {
            return None;
        };
        Some(Inst {
            lib,
            base: None,
            auth: None,
            grant: None,
        })
    }

    fn ctor_inst(&self, call: u32) -> Option<Inst> {
        let func = self.a.field(call, "function")?;
        let q = self.qualify(func)?;
        let args = self.args_of(call);
        let last = last_segment(&q);
        let mut inst = Inst {
            lib: Lib::Requests,
            base: None,
            auth: args.kw("auth"),
            grant: None,
        };
        match q.as_str() {
            "requests.Session" | "requests.session" | "requests.sessions.Session" => {}
            "httpx.Client" | "httpx.AsyncClient" => {
                inst.lib = Lib::Httpx;
                inst.base = args.kw("base_url");
            }
            "aiohttp.ClientSession" => {
                inst.lib = Lib::Aiohttp;
                inst.base = args.arg(0, "base_url");
            }
            _ if last == "OAuth2Session"
                || last == "AsyncOAuth2Client"
                || last == "OAuth2Client" =>
            {
                inst.lib =
                    if q.starts_with("authlib") || last != "OAuth2Session" || self.authlib_only {
                        Lib::Authlib
                    } else {
                        Lib::OAuth2
                    };
                if let Some(c) = args.kw("client").or_else(|| {
                    (inst.lib == Lib::OAuth2)
                        .then(|| args.pos.get(1).copied())
                        .flatten()
                }) {
                    inst.grant = self.oauth_client_grant(c, 0);
                }
            }
            _ => return None,
        }
        Some(inst)
    }

    fn oauth_client_grant(&self, e: u32, depth: u32) -> Option<(&'static str, Span)> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "call" => {
                let q = self.qualify(self.a.field(e, "function")?)?;
                match last_segment(&q) {
                    "LegacyApplicationClient" => Some(("password", self.a.span(e))),
                    "BackendApplicationClient" => Some(("client_credentials", self.a.span(e))),
                    _ => None,
                }
            }
            "identifier" | "attribute" => {
                let v = match self.a.kind(e) {
                    "identifier" => match self.origin_binding(e, self.a.text(e))?.kind {
                        BindKind::Value(v) => v,
                        _ => return None,
                    },
                    _ => self.bound_value(e)?,
                };
                self.oauth_client_grant(v, depth + 1)
            }
            _ => None,
        }
    }

    fn empty_request(&self, call: u32, library: &str) -> HttpRequest {
        crate::sema::requests::empty_request(self.a.span(call), library)
    }

    fn name_node(&self, func: u32) -> u32 {
        if self.a.kind(func) == "attribute" {
            self.a.field(func, "attribute").unwrap_or(func)
        } else {
            func
        }
    }

    fn set_method_from(&self, req: &mut HttpRequest, node: u32) {
        let sv = self.value_sv(node);
        if sv.is_plain() && !sv.text().is_empty() {
            req.method = Some(Method::parse(&sv.text()));
            req.method_source = MethodSource::Explicit {
                span: self.a.span(node),
            };
        }
    }

    fn url_value(&self, node: u32, base: Option<u32>) -> StrValue {
        let mut sv = self.value_sv(node);
        if let Some(b) = base {
            let t = sv.text();
            if !(t.starts_with("http://") || t.starts_with("https://")) {
                let bv = self.value_sv(b);
                let bt = bv.text();
                let mut pieces = bv.pieces;
                match (bt.ends_with('/'), t.starts_with('/')) {
                    (true, true) => pieces.extend(slice_pieces(&sv.pieces, 1, t.len())),
                    (false, false) if !t.is_empty() => {
                        pieces.push(Piece::synthetic("/"));
                        pieces.extend(sv.pieces);
                    }
                    _ => pieces.extend(sv.pieces),
                }
                sv.pieces = pieces;
            }
        }
        sv
    }

    fn is_basic_auth(&self, e: u32, depth: u32) -> bool {
        if depth > 8 {
            return false;
        }
        match self.a.kind(e) {
            "tuple" | "list" => self.a.named(e).count() == 2,
            "parenthesized_expression" => self
                .a
                .first_named(e)
                .map(|i| self.is_basic_auth(i, depth + 1))
                .unwrap_or(false),
            "call" => self
                .a
                .field(e, "function")
                .and_then(|f| self.callee_chain(f))
                .map(|c| matches!(last_segment(&c), "HTTPBasicAuth" | "BasicAuth"))
                .unwrap_or(false),
            "identifier" => match self.origin_binding(e, self.a.text(e)).map(|b| b.kind) {
                Some(BindKind::Value(v)) => self.is_basic_auth(v, depth + 1),
                _ => false,
            },
            "attribute" => self
                .bound_value(e)
                .map(|v| self.is_basic_auth(v, depth + 1))
                .unwrap_or(false),
            _ => false,
        }
    }

    fn header_basic(headers: &[Entry]) -> bool {
        headers.iter().any(|h| {
            h.key.eq_ignore_ascii_case("authorization")
                && h.value
                    .as_ref()
                    .map(|v| {
                        v.text()
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("basic ")
                    })
                    .unwrap_or(false)
        })
    }

    /// Body of a `data=`-like argument: kind and visible entries.
    fn body_of(&self, e: u32, depth: u32) -> (BodyKind, Vec<Entry>) {
        if depth > 8 {
            return (BodyKind::Unknown, Vec::new());
        }
        match self.a.kind(e) {
            "dictionary" | "list" | "tuple" => (BodyKind::Form, self.entries_of(e, depth + 1)),
            "call" => {
                let Some(func) = self.a.field(e, "function") else {
                    return (BodyKind::Unknown, Vec::new());
                };
                let args = self.args_of(e);
                let q = self.qualify(func).unwrap_or_default();
                let last = last_segment(&q);
                if self.a.kind(func) == "attribute" && matches!(last, "encode" | "decode") {
                    if let Some(o) = self.a.field(func, "object") {
                        return self.body_of(o, depth + 1);
                    }
                }
                match last {
                    "urlencode" => (
                        BodyKind::Form,
                        args.arg(0, "query")
                            .map(|a| self.entries_of(a, depth + 1))
                            .unwrap_or_default(),
                    ),
                    "dumps" => (
                        BodyKind::Json,
                        args.pos
                            .first()
                            .map(|&a| self.entries_of(a, depth + 1))
                            .unwrap_or_default(),
                    ),
                    "bytes" | "str" => match args.pos.first() {
                        Some(&a) => self.body_of(a, depth + 1),
                        None => (BodyKind::Unknown, Vec::new()),
                    },
                    "dict" => (BodyKind::Form, self.entries_of(e, depth + 1)),
                    "FormData" | "MultipartEncoder" => (BodyKind::Multipart, Vec::new()),
                    _ if self.is_stringy(e) => self.string_body(e),
                    // `data=self._payload()`: what the file's own function returns
                    _ => {
                        let mut kind = BodyKind::Unknown;
                        let mut entries = Vec::new();
                        let returned = self.local_target(e).map(|f| returned_values(&self.sc, f));
                        for &r in returned.unwrap_or_default() {
                            let (k, mut got) = self.body_of(r, depth + 1);
                            if kind == BodyKind::Unknown {
                                kind = k;
                            }
                            entries.append(&mut got);
                        }
                        (kind, entries)
                    }
                }
            }
            "identifier" | "attribute" => {
                let v = match self.a.kind(e) {
                    "identifier" => match self.origin_binding(e, self.a.text(e)).map(|b| b.kind) {
                        Some(BindKind::Value(v)) => Some(v),
                        _ => None,
                    },
                    _ => self.bound_value(e),
                };
                let Some(v) = v else {
                    return (BodyKind::Unknown, Vec::new());
                };
                let (kind, mut entries) = self.body_of(v, depth + 1);
                if self.a.kind(e) == "identifier" && matches!(kind, BodyKind::Form | BodyKind::Json)
                {
                    entries.extend(self.keyed_entries(e));
                }
                (kind, entries)
            }
            "parenthesized_expression" => match self.a.first_named(e) {
                Some(i) => self.body_of(i, depth + 1),
                None => (BodyKind::Unknown, Vec::new()),
            },
            _ if self.is_stringy(e) => self.string_body(e),
            _ => (BodyKind::Unknown, Vec::new()),
        }
    }

    fn string_body(&self, e: u32) -> (BodyKind, Vec<Entry>) {
        let sv = self.value_sv(e);
        if looks_form(&sv.text()) {
            (BodyKind::Form, self.string_pairs(&sv, false))
        } else {
            (BodyKind::Raw, Vec::new())
        }
    }

    fn lib_request(
        &self,
        call: u32,
        func: u32,
        lib: Lib,
        name: &str,
        args: &Args,
        inst: Option<&Inst>,
    ) -> HttpRequest {
        let mut req = self.empty_request(call, lib.name());
        let name_node = self.name_node(func);
        let generic = matches!(name, "request" | "stream" | "build_request");
        let (method_node, url_node) = if generic {
            // a wrapper's `method` parameter: the caller's literal
            (
                args.arg(0, "method").map(|m| self.through_param(m)),
                args.arg(1, "url"),
            )
        } else {
            (None, args.arg(0, "url"))
        };
        if generic {
            if let Some(mn) = method_node {
                self.set_method_from(&mut req, mn);
            }
        } else {
            req.method = Some(Method::parse(name));
            req.method_source = MethodSource::Explicit {
                span: self.a.span(name_node),
            };
        }
        if let Some(u) = url_node {
            let sv = self.url_value(u, inst.and_then(|i| i.base));
            req.query.extend(self.string_pairs(&sv, false));
            req.url = Some(sv);
        }
        // requests' positional layout
        let requests_like = matches!(lib, Lib::Requests | Lib::OAuth2);
        let pos_params = (requests_like && name == "get")
            .then(|| args.pos.get(1).copied())
            .flatten();
        let pos_data = (requests_like && matches!(name, "post" | "put" | "patch"))
            .then(|| args.pos.get(1).copied())
            .flatten();
        let pos_json = (requests_like && name == "post")
            .then(|| args.pos.get(2).copied())
            .flatten();
        let params = args.kw("params").or(pos_params);
        if let Some(p) = params {
            req.query.extend(self.entries_of(p, 0));
        }
        if let Some(h) = args.kw("headers") {
            req.headers = self.entries_of(h, 0);
        }
        let data = args.kw("data").or(pos_data);
        let json = args.kw("json").or(pos_json);
        let files = args.kw("files");
        let content = args.kw("content");
        if let Some(f) = files {
            req.body_kind = Some(BodyKind::Multipart);
            req.body_span = Some(self.a.span(data.unwrap_or(f)));
            if let Some(d) = data {
                req.body.extend(self.entries_of(d, 0));
            }
            req.body.extend(self.entries_of(f, 0));
        } else if let Some(j) = json {
            req.body_kind = Some(BodyKind::Json);
            req.body_span = Some(self.a.span(j));
            req.body = self.entries_of(j, 0);
        } else if let Some(d) = data {
            let (k, e) = self.body_of(d, 0);
            req.body_kind = Some(k);
            req.body_span = Some(self.a.span(d));
            req.body = e;
        } else if let Some(c) = content {
            let (k, e) = self.body_of(c, 0);
            req.body_kind = Some(if k == BodyKind::Form {
                k
            } else {
                BodyKind::Raw
            });
            req.body_span = Some(self.a.span(c));
            req.body = e;
        }
        req.basic_auth = args
            .kw("auth")
            .map(|a| self.is_basic_auth(a, 0))
            .unwrap_or(false)
            || inst
                .and_then(|i| i.auth)
                .map(|a| self.is_basic_auth(a, 0))
                .unwrap_or(false)
            || Self::header_basic(&req.headers);
        if !req.basic_auth {
            if let Some(obj) = self.a.field(func, "object") {
                if let Some(&a) = self.attr_auth.get(self.a.text(obj)) {
                    req.basic_auth = self.is_basic_auth(a, 0);
                }
            }
        }
        // rewrite hints
        if req.method == Some(Method::Get) && data.is_none() && json.is_none() && files.is_none() {
            if let MethodSource::Explicit { span } = &req.method_source {
                let mut edits = Vec::new();
                if generic {
                    if let Some((_, content)) = method_node.and_then(|m| self.literal_text(m)) {
                        edits.push((content, "POST".to_string()));
                    }
                } else if self.a.text(name_node) == "get" {
                    edits.push((span.clone(), "post".to_string()));
                }
                if !edits.is_empty() {
                    if let Some(pn) = args.kw_node("params").and_then(|k| self.a.field(k, "name")) {
                        edits.push((self.a.span(pn), "data".to_string()));
                    }
                    req.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToPost,
                        edits,
                    });
                }
            }
        }
        if files.is_none() {
            if let Some(jn) = args.kw_node("json").and_then(|k| self.a.field(k, "name")) {
                if data.is_none() {
                    req.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToForm,
                        edits: vec![(self.a.span(jn), "data".to_string())],
                    });
                }
            } else if let Some(d) = data {
                if let Some(inner) = self.dumps_arg(d) {
                    req.rewrite_hints.push(RewriteHint {
                        kind: RewriteKind::ToForm,
                        edits: vec![(self.a.span(d), self.a.text(inner).to_string())],
                    });
                }
            }
        }
        req
    }

    /// `json.dumps(x)`: x.
    fn dumps_arg(&self, e: u32) -> Option<u32> {
        if self.a.kind(e) != "call" {
            return None;
        }
        let q = self.qualify(self.a.field(e, "function")?)?;
        if q.ends_with("json.dumps") || q == "dumps" {
            return self.args_of(e).pos.first().copied();
        }
        None
    }

    /// A urllib `Request(...)` call an expression evaluates to.
    fn urllib_request_of(&self, e: u32, depth: u32) -> Option<u32> {
        if depth > 8 {
            return None;
        }
        match self.a.kind(e) {
            "call" => {
                let q = self.qualify(self.a.field(e, "function")?)?;
                (last_segment(&q) == "Request" && q.contains("urllib")).then_some(e)
            }
            "identifier" => match self.origin_binding(e, self.a.text(e))?.kind {
                BindKind::Value(v) => self.urllib_request_of(v, depth + 1),
                _ => None,
            },
            _ => None,
        }
    }

    fn urlopen_request(&self, call: u32, func: u32, args: &Args) -> Option<HttpRequest> {
        let target = args.arg(0, "url")?;
        if self.urllib_request_of(target, 0).is_some() {
            return None;
        }
        let mut req = self.empty_request(call, "urllib");
        let data = args.arg(1, "data");
        req.method = Some(if data.is_some() {
            Method::Post
        } else {
            Method::Get
        });
        req.method_source = MethodSource::Default {
            span: self.a.span(self.name_node(func)),
        };
        let sv = self.value_sv(target);
        req.query.extend(self.string_pairs(&sv, false));
        req.url = Some(sv);
        if let Some(d) = data {
            let (k, e) = self.body_of(d, 0);
            req.body_kind = Some(k);
            req.body_span = Some(self.a.span(d));
            req.body = e;
        }
        Some(req)
    }

    fn urllib_request(&self, call: u32, func: u32, args: &Args) -> HttpRequest {
        let mut req = self.empty_request(call, "urllib");
        let data = args.arg(1, "data");
        match args.arg(5, "method") {
            Some(mn) => self.set_method_from(&mut req, mn),
            None => {
                req.method = Some(if data.is_some() {
                    Method::Post
                } else {
                    Method::Get
                });
                req.method_source = MethodSource::Default {
                    span: self.a.span(self.name_node(func)),
                };
            }
        }
        if let Some(u) = args.arg(0, "url") {
            let sv = self.value_sv(u);
            req.query.extend(self.string_pairs(&sv, false));
            req.url = Some(sv);
        }
        if let Some(h) = args.arg(2, "headers") {
            req.headers = self.entries_of(h, 0);
        }
        // req.add_header("K", "v") on the variable it is assigned to
        let p = self.a.parent(call);
        if self.a.kind(p) == "assignment" {
            if let Some(l) = self.a.field(p, "left") {
                if self.a.kind(l) == "identifier" {
                    let key = (self.a.scope(p), self.a.text(l));
                    for &c in self
                        .add_headers
                        .get(&key)
                        .map(|v| v.as_slice())
                        .unwrap_or(&[])
                    {
                        let a = self.args_of(c);
                        if let (Some(k), Some(v)) = (a.pos.first(), a.pos.get(1)) {
                            if let Some((key, ks)) = self.literal_text(*k) {
                                req.headers.push(Entry {
                                    key,
                                    key_span: Some(ks),
                                    value: self.value_opt(*v),
                                    value_span: Some(self.a.span(*v)),
                                    span: self.a.span(c),
                                });
                            }
                        }
                    }
                }
            }
        }
        if let Some(d) = data {
            let (k, e) = self.body_of(d, 0);
            req.body_kind = Some(k);
            req.body_span = Some(self.a.span(d));
            req.body = e;
        }
        req.basic_auth = Self::header_basic(&req.headers);
        req
    }

    fn token_request(
        &self,
        call: u32,
        func: u32,
        name: &str,
        args: &Args,
        inst: Option<&Inst>,
    ) -> HttpRequest {
        let lib = match inst {
            Some(i) => i.lib,
            None if self.authlib_only => Lib::Authlib,
            None => Lib::OAuth2,
        };
        let mut req = self.empty_request(call, lib.name());
        req.method = Some(Method::Post);
        req.method_source = MethodSource::Default {
            span: self.a.span(self.name_node(func)),
        };
        if let Some(u) = args.arg(0, "token_url").or_else(|| args.kw("url")) {
            req.url = Some(self.value_sv(u));
        }
        const TRANSPORT: &[&str] = &[
            "auth",
            "headers",
            "timeout",
            "verify",
            "proxies",
            "cert",
            "method",
            "force_querystring",
            "body",
            "authorization_response",
            "token_url",
            "url",
        ];
        for (k, kw, _) in &args.kw {
            if !TRANSPORT.contains(k) {
                req.body.extend(self.kw_entry(*kw));
            }
        }
        if args.kw("grant_type").is_none() {
            let call_span = self.a.span(call);
            let grant = if name == "refresh_token" {
                Some(("refresh_token", call_span))
            } else if let Some(g) = inst.and_then(|i| i.grant.clone()) {
                Some(g)
            } else if args.kw("code").is_some() || args.kw("authorization_response").is_some() {
                Some(("authorization_code", call_span))
            } else if lib == Lib::Authlib
                && args.kw("username").is_some()
                && args.kw("password").is_some()
            {
                Some(("password", call_span))
            } else {
                None
            };
            if let Some((g, sp)) = grant {
                req.body.insert(
                    0,
                    Entry {
                        key: "grant_type".to_string(),
                        key_span: None,
                        value: Some(StrValue {
                            pieces: vec![Piece::synthetic(g)],
                            span: sp.clone(),
                        }),
                        value_span: None,
                        span: sp,
                    },
                );
            }
        }
        req.body_kind = Some(BodyKind::Form);
        if let Some(h) = args.kw("headers") {
            req.headers = self.entries_of(h, 0);
        }
        req.basic_auth = match args.kw("auth") {
            Some(a) => self.is_basic_auth(a, 0),
            None => {
                // requests_oauthlib sends client credentials as Basic unless
                // include_client_id=True
                lib == Lib::OAuth2
                    && name != "refresh_token"
                    && args
                        .kw("include_client_id")
                        .map(|v| self.a.kind(v) != "true")
                        .unwrap_or(true)
            }
        } || Self::header_basic(&req.headers);
        req
    }

    // ----- origins ----------------------------------------------------------

    fn var_origin(&self, id: u32, depth: u32) -> Origin {
        let name = self.a.text(id);
        let o = match self.origin_binding(id, name).map(|b| b.kind) {
            Some(BindKind::Value(v)) | Some(BindKind::ForIn(v)) => self.origin_of(v, depth + 1),
            Some(BindKind::Param(p)) => {
                if is_config_name(name) {
                    Origin::Config
                } else {
                    self.param_origin(p, depth + 1)
                }
            }
            _ => Origin::Unknown,
        };
        configured(o, name)
    }

    /// A parameter holds what the file's callers pass when every one of
    /// them passes a token response (a `save_tokens(self, data)` helper);
    /// a refresh response among them is the one that counts.
    fn param_origin(&self, param: u32, depth: u32) -> Origin {
        let f = self.a.parent(self.a.parent(param));
        if depth > MAX_DEPTH || self.a.kind(f) != "function_definition" {
            return Origin::Param;
        }
        let callers = self.callers_of(f);
        if callers.is_empty() || callers.len() > MAX_WRAPPED {
            return Origin::Param;
        }
        let mut o: Option<Origin> = None;
        for call in callers {
            let Some(&arg) = self.bind_params(f, call).0.get(&param) else {
                return Origin::Param;
            };
            let a = self.origin_of(arg, depth + 1);
            let refresh = matches!(a, Origin::Response(i) if self.refresh_reqs.contains(&i));
            match (&o, &a) {
                (_, Origin::Response(_) | Origin::TokenCall(_)) => {
                    if o.is_none() || refresh {
                        o = Some(a);
                    }
                }
                _ => return Origin::Param,
            }
        }
        o.unwrap_or(Origin::Param)
    }

    /// The calls in the file of a local function or method.
    fn callers_of(&self, f: u32) -> Vec<u32> {
        self.callers.of(
            f,
            self.ids().filter(|&c| self.a.kind(c) == "call"),
            |c| self.local_target(c),
            |t, c| self.a.contains(t, c),
        )
    }

    /// Origin of values stored in `self.attr` anywhere in the class.
    fn stored_origin(&self, class: u32, attr: &'s str, depth: u32) -> Origin {
        if class == NONE {
            return Origin::Unknown;
        }
        self.stored_origin_of(
            (class, attr),
            || self.class_attr_values(class, attr).into_iter().flatten(),
            depth,
        )
    }

    /// A function defined in this file that a call invokes.
    fn local_target(&self, call: u32) -> Option<u32> {
        let func = self.a.field(call, "function")?;
        match self.a.kind(func) {
            "identifier" => {
                let fs = self.sc.functions_by_name.get(self.a.text(func))?;
                let chain = self.sc.visible_scopes(&self.a, call);
                fs.iter()
                    .copied()
                    .find(|&f| chain.contains(&self.a.scope(f)))
                    .or_else(|| fs.first().copied())
                    .filter(|&f| self.a.kind(self.a.scope(f)) != "class_definition")
            }
            "attribute" => {
                let obj = self.a.field(func, "object")?;
                let name = self.a.attr_name(func);
                let class = if self.is_self(obj) {
                    let c = self.a.class(call);
                    (c != NONE).then_some(c)
                } else if self.a.kind(obj) == "identifier" {
                    let t = self.a.text(obj);
                    self.sc.sole_class(t).or_else(|| {
                        // x = LocalClass(...)
                        match self.origin_binding(obj, t)?.kind {
                            BindKind::Value(v) if self.a.kind(v) == "call" => {
                                let f = self.a.field(v, "function")?;
                                (self.a.kind(f) == "identifier")
                                    .then(|| self.sc.sole_class(self.a.text(f)))
                                    .flatten()
                            }
                            _ => None,
                        }
                    })
                } else {
                    None
                };
                if let Some(c) = class {
                    for k in self.class_lineage(c) {
                        if let Some(f) = self.sc.method(&self.a, k, name) {
                            return Some(f);
                        }
                    }
                    return None;
                }
                if self.is_module_name(self.chain_root(obj)) {
                    return None;
                }
                self.sc.sole_method(&self.a, name)
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
        let args = self.args_of(id);
        let first = args.pos.first().copied();
        let q = self.qualify(func).unwrap_or_default();
        match q.as_str() {
            "json.loads" | "json.load" | "simplejson.loads" | "orjson.loads" | "ujson.loads" => {
                return first.map(|a| self.origin_of(a, d)).unwrap_or_default();
            }
            "os.getenv" | "os.environ.get" | "environ.get" | "dotenv_values" | "os.getenvb" => {
                return Origin::Config;
            }
            _ => {}
        }
        let last = last_segment(&q);
        if matches!(last, "urlopen" | "open") {
            if let Some(a) = first {
                let o = self.origin_of(a, d);
                if matches!(o, Origin::Response(_)) {
                    return o;
                }
            }
        }
        match self.a.kind(func) {
            "attribute" => {
                let Some(obj) = self.a.field(func, "object") else {
                    return Origin::Unknown;
                };
                let name = self.a.attr_name(func);
                if name == "get_json"
                    && written_origin(Language::Python, Some(self.a.text(obj)), name)
                        == Some(Origin::Input)
                {
                    return Origin::Input;
                }
                if matches!(
                    name,
                    "json"
                        | "read"
                        | "text"
                        | "decode"
                        | "get"
                        | "copy"
                        | "getvalue"
                        | "dict"
                        | "model_dump"
                        | "to_dict"
                        | "items"
                        | "values"
                        | "result"
                        | "pop"
                        | "setdefault"
                ) {
                    let o = self.origin_of(obj, d);
                    if o != Origin::Unknown {
                        return o;
                    }
                }
                // model factories: `User.from_dict(d)`, `UserResponse.create_from_dict(d)`
                if VALIDATORS.contains(&name)
                    || name.starts_with("from_")
                    || name.starts_with("create_from_")
                {
                    if let Some(a) = first.or_else(|| args.kw("obj")).or_else(|| args.kw("data")) {
                        return self.origin_of(a, d);
                    }
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                Origin::Unknown
            }
            "identifier" => {
                let name = self.a.text(func);
                match name {
                    "input" | "raw_input" => return Origin::Input,
                    "getenv" => return Origin::Config,
                    "cast" => {
                        return args
                            .pos
                            .get(1)
                            .map(|&a| self.origin_of(a, d))
                            .unwrap_or_default()
                    }
                    "dict" | "list" | "deepcopy" | "copy" | "loads" | "load" => {
                        if let Some(a) = first {
                            return self.origin_of(a, d);
                        }
                    }
                    "from_dict" => {
                        if let Some(a) = args.arg(1, "data") {
                            return self.origin_of(a, d);
                        }
                    }
                    _ => {}
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                if let Some(&s) = args.splat.first() {
                    return self.origin_of(s, d);
                }
                Origin::Unknown
            }
            _ => Origin::Unknown,
        }
    }

    // ----- field reads ------------------------------------------------------

    fn is_write_target(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..32 {
            let p = self.a.parent(c);
            if p == NONE {
                return false;
            }
            match self.a.kind(p) {
                "assignment" | "augmented_assignment" => return self.a.field_name(c) == "left",
                "pattern_list"
                | "tuple_pattern"
                | "list_pattern"
                | "list_splat_pattern"
                | "parenthesized_expression"
                | "tuple"
                | "list"
                | "expression_list" => c = p,
                "delete_statement" | "as_pattern_target" => return true,
                "for_statement" | "for_in_clause" => return self.a.field_name(c) == "left",
                _ => return false,
            }
        }
        false
    }

    /// Does a condition test `field` of `recv`?
    fn tests_field(&self, cond: u32, field: &str, recv: &str) -> bool {
        condition_tests(&self.a, cond, &["not_operator", "lambda"], |x| {
            match self.a.kind(x) {
                // `"k" in d`, `"k" not in d`
                "comparison_operator" => {
                    let membership = self.a.kids(x).iter().any(|&k| {
                        self.a.field_name(k) == "operators"
                            && matches!(self.a.text(k), "in" | "not in")
                    });
                    let ks = self.a.named_vec(x);
                    if membership
                        && ks.len() == 2
                        && self.literal_eq(ks[0], field)
                        && self.a.text(ks[1]) == recv
                    {
                        return true;
                    }
                }
                "subscript" => {
                    if let (Some(v), Some(k)) =
                        (self.a.field(x, "value"), self.a.field(x, "subscript"))
                    {
                        if self.a.text(v) == recv && self.literal_eq(k, field) {
                            return true;
                        }
                    }
                }
                "call" => {
                    if let Some(f) = self.a.field(x, "function") {
                        let a = self.args_of(x);
                        match self.a.kind(f) {
                            "attribute"
                                if self.a.attr_name(f) == "get"
                                    && self.a.field(f, "object").map(|o| self.a.text(o))
                                        == Some(recv)
                                    && a.pos.first().map(|&k| self.literal_eq(k, field))
                                        == Some(true) =>
                            {
                                return true;
                            }
                            "identifier"
                                if self.a.text(f) == "hasattr"
                                    && a.pos.first().map(|&o| self.a.text(o)) == Some(recv)
                                    && a.pos.get(1).map(|&k| self.literal_eq(k, field))
                                        == Some(true) =>
                            {
                                return true;
                            }
                            _ => {}
                        }
                    }
                }
                "attribute"
                    if self.a.attr_name(x) == field
                        && self.a.field(x, "object").map(|o| self.a.text(o)) == Some(recv) =>
                {
                    return true;
                }
                _ => {}
            }
            false
        })
    }

    fn peel_up(&self, mut c: u32) -> u32 {
        for _ in 0..32 {
            let p = self.a.parent(c);
            if self.a.kind(p) == "parenthesized_expression" {
                c = p;
            } else {
                break;
            }
        }
        c
    }

    /// Whether the plain name `name` already holds a value on every path to
    /// the statement around `node`: a parameter of the enclosing function,
    /// or assigned by an earlier statement of the same block or of a block
    /// that encloses it within the function (module level likewise).
    fn bound_before(&self, node: u32, name: &str) -> bool {
        let is_name = |n: u32| self.a.kind(n) == "identifier" && self.a.text(n) == name;
        let mut stmt = node;
        while stmt != NONE && self.a.kind(stmt) != "expression_statement" {
            stmt = self.a.parent(stmt);
        }
        if stmt == NONE
            || !is_name(
                self.a
                    .field(self.a.first_named(stmt).unwrap_or(NONE), "left")
                    .unwrap_or(NONE),
            )
        {
            return false;
        }
        let mut child = stmt;
        loop {
            let block = self.a.parent(child);
            if block == NONE {
                return false;
            }
            match self.a.kind(block) {
                "block" | "module" => {
                    let assigned_earlier = self
                        .a
                        .named(block)
                        .take_while(|&s| s != child)
                        .filter(|&s| self.a.kind(s) == "expression_statement")
                        .filter_map(|s| self.a.first_named(s))
                        .filter(|&a| self.a.kind(a) == "assignment")
                        .any(|a| self.a.field(a, "left").is_some_and(is_name));
                    if assigned_earlier {
                        return true;
                    }
                }
                "function_definition" => {
                    let params = self.a.field(block, "parameters").unwrap_or(NONE);
                    return self.a.named(params).any(|p| {
                        let n = match self.a.kind(p) {
                            "identifier" => Some(p),
                            "typed_parameter" => self.a.first_named(p),
                            _ => self.a.field(p, "name"),
                        };
                        n.is_some_and(is_name)
                    });
                }
                "class_definition" | "lambda" => return false,
                _ => {}
            }
            child = block;
        }
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
        // `"k" not in d` holds when the field is absent
        let negated = self.a.kind(node) == "comparison_operator"
            && self
                .a
                .kids(node)
                .iter()
                .any(|&k| self.a.field_name(k) == "operators" && self.a.text(k) == "not in");
        let raw = field.clone();
        let at = ReadSite::new(node, recv, &raw, default, false).presence_test(node, negated);
        self.push_read(m, at, field, span, kind);
    }

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "subscript" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    let (Some(v), Some(k)) =
                        (self.a.field(id, "value"), self.a.field(id, "subscript"))
                    else {
                        continue;
                    };
                    let Some((field, span)) = self.literal_text(k) else {
                        continue;
                    };
                    self.read(m, id, v, field, span, ReadKind::Subscript, None);
                }
                "call" => {
                    if self.req_of_call.contains_key(&id) {
                        continue;
                    }
                    let Some(func) = self.a.field(id, "function") else {
                        continue;
                    };
                    let args = self.args_of(id);
                    match self.a.kind(func) {
                        "attribute" if self.a.attr_name(func) == "get" => {
                            let Some(obj) = self.a.field(func, "object") else {
                                continue;
                            };
                            if self.is_module_name(obj) {
                                continue;
                            }
                            let Some((field, span)) =
                                args.pos.first().and_then(|&k| self.literal_text(k))
                            else {
                                continue;
                            };
                            // `client.get("https://…")` on a client we could not identify
                            if field.contains("://") || field.starts_with('/') {
                                continue;
                            }
                            let default = args.pos.get(1).copied().or_else(|| args.kw("default"));
                            self.read(m, id, obj, field, span, ReadKind::Get, default);
                        }
                        // `r.has_key("k")`
                        "attribute" if self.a.attr_name(func) == "has_key" => {
                            let Some(obj) = self.a.field(func, "object") else {
                                continue;
                            };
                            let Some((field, span)) =
                                args.pos.first().and_then(|&k| self.literal_text(k))
                            else {
                                continue;
                            };
                            self.read(m, id, obj, field, span, ReadKind::Presence, None);
                        }
                        // `hasattr(r, "k")`
                        "identifier" if self.a.text(func) == "hasattr" => {
                            let (Some(&obj), Some(&k)) = (args.pos.first(), args.pos.get(1)) else {
                                continue;
                            };
                            let Some((field, span)) = self.literal_text(k) else {
                                continue;
                            };
                            self.read(m, id, obj, field, span, ReadKind::Presence, None);
                        }
                        "identifier" if self.a.text(func) == "getattr" => {
                            let (Some(&obj), Some(&k)) = (args.pos.first(), args.pos.get(1)) else {
                                continue;
                            };
                            let Some((field, span)) = self.literal_text(k) else {
                                continue;
                            };
                            let default = args.pos.get(2).copied();
                            self.read(m, id, obj, field, span, ReadKind::Member, default);
                        }
                        _ => {}
                    }
                }
                // `"k" in r`, `"k" not in r`
                "comparison_operator" => {
                    let ks = self.a.named_vec(id);
                    let op = self
                        .a
                        .kids(id)
                        .iter()
                        .filter(|&&k| self.a.field_name(k) == "operators")
                        .map(|&k| self.a.text(k))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let [key, recv] = ks.as_slice() else {
                        continue;
                    };
                    if !matches!(op.as_str(), "in" | "not in")
                        || self.a.kind(*key) != "string"
                        || NON_STRING_KINDS.contains(&self.a.kind(*recv))
                        || matches!(self.a.kind(*recv), "string" | "concatenated_string")
                    {
                        continue;
                    }
                    let Some((field, span)) = self.literal_text(*key) else {
                        continue;
                    };
                    self.read(m, id, *recv, field, span, ReadKind::Presence, None);
                }
                "attribute" => {
                    let p = self.a.parent(id);
                    if self.a.kind(p) == "call" && self.a.field(p, "function") == Some(id) {
                        continue;
                    }
                    if self.is_write_target(id) {
                        continue;
                    }
                    let (Some(obj), Some(an)) =
                        (self.a.field(id, "object"), self.a.field(id, "attribute"))
                    else {
                        continue;
                    };
                    if self.is_self(obj) || self.is_module_name(self.chain_root(obj)) {
                        continue;
                    }
                    if self.a.kind(obj) == "identifier"
                        && self.sc.sole_class(self.a.text(obj)).is_some()
                    {
                        continue;
                    }
                    if matches!(
                        self.a.kind(self.a.parent(self.peel_up(id))),
                        "decorator" | "type"
                    ) {
                        continue;
                    }
                    let field = self.a.text(an).to_string();
                    self.read(m, id, obj, field, self.a.span(an), ReadKind::Member, None);
                }
                _ => {}
            }
        }
    }

    // ----- typed models -----------------------------------------------------

    fn model_kind(&self, class: u32, depth: u32) -> Option<ModelKind> {
        if depth > 8 {
            return None;
        }
        let mut kind = None;
        if let Some(sup) = self.a.field(class, "superclasses") {
            let total = !self
                .a
                .named(sup)
                .filter(|&k| self.a.kind(k) == "keyword_argument")
                .any(|k| {
                    self.a.field(k, "name").map(|n| self.a.text(n)) == Some("total")
                        && self.a.field(k, "value").map(|v| self.a.kind(v)) == Some("false")
                });
            for k in self.a.named(sup) {
                if !matches!(self.a.kind(k), "identifier" | "attribute") {
                    continue;
                }
                let t = last_segment(self.a.text(k));
                kind = match t {
                    "TypedDict" => Some(ModelKind::TypedDict { total }),
                    "BaseModel" | "GenericModel" => Some(ModelKind::Pydantic),
                    "NamedTuple" => Some(ModelKind::Dataclass),
                    _ => self
                        .sc
                        .sole_class(t)
                        .filter(|&c| c != class)
                        .and_then(|c| self.model_kind(c, depth + 1))
                        .map(|k| match k {
                            ModelKind::TypedDict { .. } => ModelKind::TypedDict { total },
                            other => other,
                        }),
                };
                if kind.is_some() {
                    break;
                }
            }
        }
        if kind.is_none() {
            let p = self.a.parent(class);
            if self.a.kind(p) == "decorated_definition" {
                for d in self.a.named(p) {
                    if self.a.kind(d) != "decorator" {
                        continue;
                    }
                    let t = self.a.text(d).trim_start_matches('@');
                    let t = t.split('(').next().unwrap_or(t).trim();
                    if matches!(
                        last_segment(t),
                        "dataclass" | "define" | "frozen" | "s" | "attrs" | "mutable"
                    ) {
                        kind = Some(ModelKind::Dataclass);
                    }
                }
            }
        }
        kind
    }

    /// (wire name, name span, optional) for each annotated attribute of a class body.
    fn class_fields(&self, class: u32, kind: ModelKind) -> Vec<(String, Span, bool)> {
        let mut out = Vec::new();
        let Some(body) = self.a.field(class, "body") else {
            return out;
        };
        for st in self.a.named(body) {
            if self.a.kind(st) != "expression_statement" {
                continue;
            }
            let Some(asg) = self.a.first_named(st) else {
                continue;
            };
            if self.a.kind(asg) != "assignment" {
                continue;
            }
            let (Some(left), Some(ty)) = (self.a.field(asg, "left"), self.a.field(asg, "type"))
            else {
                continue;
            };
            if self.a.kind(left) != "identifier" {
                continue;
            }
            let tt: String = self
                .a
                .text(ty)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if tt.starts_with("ClassVar") || tt.contains(".ClassVar") || tt.contains("InitVar") {
                continue;
            }
            let right = self.a.field(asg, "right");
            let mut wire = self.a.text(left).to_string();
            let type_optional = tt.contains("Optional[")
                || tt.contains("NotRequired[")
                || tt.contains("|None")
                || tt.contains("None|")
                || (tt.starts_with("Union[") && tt.contains("None"));
            let required_marker = tt.starts_with("Required[") || tt.contains(".Required[");
            let mut has_default = right.is_some();
            if let Some(r) = right {
                if self.a.kind(r) == "call" {
                    let fname = self
                        .a
                        .field(r, "function")
                        .and_then(|f| self.callee_chain(f))
                        .unwrap_or_default();
                    let ln = last_segment(&fname);
                    if ln == "Field" || ln == "field" || ln == "ib" || ln == "attrib" {
                        let a = self.args_of(r);
                        has_default = a.kw("default").is_some()
                            || a.kw("default_factory").is_some()
                            || a.kw("factory").is_some()
                            || a.pos
                                .first()
                                .map(|&p| self.a.kind(p) != "ellipsis")
                                .unwrap_or(false);
                        if let Some(al) = a.kw("alias").or_else(|| a.kw("validation_alias")) {
                            if let Some((t, _)) = self.literal_text(al) {
                                wire = t;
                            }
                        }
                    }
                }
            }
            let optional = match kind {
                ModelKind::TypedDict { total } => type_optional || (!total && !required_marker),
                _ => type_optional || has_default,
            };
            out.push((wire, self.a.span(left), optional));
        }
        out
    }

    fn types(&self, m: &mut FileModel) {
        // typed models: name → fields (own + inherited)
        let mut models: HashMap<String, Vec<(String, Span, bool)>> = HashMap::new();
        for id in self.ids() {
            match self.a.kind(id) {
                "class_definition" => {
                    let Some(kind) = self.model_kind(id, 0) else {
                        continue;
                    };
                    let Some(nm) = self.a.field(id, "name") else {
                        continue;
                    };
                    let name = self.a.text(nm).to_string();
                    let own = self.class_fields(id, kind);
                    let mut all: Vec<(String, Span, bool)> = Vec::new();
                    for c in self.class_lineage(id).into_iter().skip(1).rev() {
                        if let Some(k) = self.model_kind(c, 0) {
                            all.extend(self.class_fields(c, k));
                        }
                    }
                    let inherited: Vec<String> = all.iter().map(|f| f.0.clone()).collect();
                    all.extend(own.iter().cloned());
                    let members: Vec<Member> = own
                        .into_iter()
                        .map(|(f, sp, o)| Member::same_name(f, sp, o))
                        .collect();
                    record_model(m, &name, &inherited, &members);
                    models.insert(name, all);
                }
                "assignment" => {
                    // T = TypedDict("T", {"a": str}, total=False)
                    let Some(r) = self.a.field(id, "right") else {
                        continue;
                    };
                    if self.a.kind(r) != "call" {
                        continue;
                    }
                    let Some(f) = self.a.field(r, "function") else {
                        continue;
                    };
                    if last_segment(self.a.text(f)) != "TypedDict" {
                        continue;
                    }
                    let args = self.args_of(r);
                    let Some(&d) = args.pos.get(1) else { continue };
                    if self.a.kind(d) != "dictionary" {
                        continue;
                    }
                    let total = args
                        .kw("total")
                        .map(|v| self.a.kind(v) != "false")
                        .unwrap_or(true);
                    let name = match args.pos.first().and_then(|&n| self.literal_text(n)) {
                        Some((t, _)) => t,
                        None => self
                            .a
                            .field(id, "left")
                            .map(|l| self.a.text(l))
                            .unwrap_or("")
                            .to_string(),
                    };
                    let mut fields = Vec::new();
                    for p in self.a.named(d) {
                        let (Some(k), Some(v)) = (self.a.field(p, "key"), self.a.field(p, "value"))
                        else {
                            continue;
                        };
                        let Some((key, ks)) = self.literal_text(k) else {
                            continue;
                        };
                        let tt: String = self
                            .a
                            .text(v)
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect();
                        let optional = tt.contains("NotRequired[")
                            || tt.contains("Optional[")
                            || tt.contains("|None")
                            || (!total && !tt.starts_with("Required["));
                        fields.push((key, ks, optional));
                    }
                    let members: Vec<Member> = fields
                        .iter()
                        .map(|(f, sp, o)| Member::same_name(f.clone(), sp.clone(), *o))
                        .collect();
                    record_model(m, &name, &[], &members);
                    models.insert(name, fields);
                }
                _ => {}
            }
        }
        // type uses
        let mut uses: Vec<TypeUse> = Vec::new();
        let type_name = |n: u32| -> Option<String> {
            let t = match self.a.kind(n) {
                "string" => self.literal_text(n)?.0,
                "identifier" | "attribute" => last_segment(self.a.text(n)).to_string(),
                "type" => {
                    let inner = self.a.first_named(n)?;
                    if self.a.kind(inner) == "identifier" {
                        self.a.text(inner).to_string()
                    } else {
                        let t: String = self
                            .a
                            .text(inner)
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect();
                        let t = t.strip_prefix("Optional[")?.strip_suffix(']')?.to_string();
                        is_ident(&t).then_some(t)?
                    }
                }
                _ => return None,
            };
            (is_ident(&t) && t.chars().next().map(|c| c.is_uppercase()).unwrap_or(false))
                .then_some(t)
        };
        let mut push = |t: Option<String>, o: Origin| {
            if let Some(t) = t {
                if o != Origin::Unknown {
                    uses.push(TypeUse {
                        type_name: t,
                        origin: o,
                    });
                }
            }
        };
        for id in self.ids() {
            match self.a.kind(id) {
                "call" => {
                    let Some(func) = self.a.field(id, "function") else {
                        continue;
                    };
                    let args = self.args_of(id);
                    match self.a.kind(func) {
                        "identifier" | "attribute" if !args.splat.is_empty() => {
                            if let Some(&s) = args.splat.first() {
                                push(type_name(func), self.origin_of(s, 0));
                            }
                        }
                        "attribute" => {
                            let Some(obj) = self.a.field(func, "object") else {
                                continue;
                            };
                            let name = self.a.attr_name(func);
                            if !VALIDATORS.contains(&name) {
                                continue;
                            }
                            let val = args.pos.first().copied().or_else(|| args.kw("obj"));
                            let Some(val) = val else { continue };
                            // TypeAdapter(T).validate_python(x)
                            let tn = if self.a.kind(obj) == "call" {
                                self.args_of(obj).pos.first().and_then(|&t| type_name(t))
                            } else {
                                type_name(obj)
                            };
                            push(tn, self.origin_of(val, 0));
                        }
                        "identifier" => {
                            let q = self.qualify(func).unwrap_or_default();
                            match last_segment(&q) {
                                "cast" => {
                                    if let (Some(&t), Some(&v)) =
                                        (args.pos.first(), args.pos.get(1))
                                    {
                                        push(type_name(t), self.origin_of(v, 0));
                                    }
                                }
                                "from_dict" => {
                                    if let (Some(t), Some(v)) =
                                        (args.arg(0, "data_class"), args.arg(1, "data"))
                                    {
                                        push(type_name(t), self.origin_of(v, 0));
                                    }
                                }
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                }
                "assignment" => {
                    if let (Some(t), Some(r)) =
                        (self.a.field(id, "type"), self.a.field(id, "right"))
                    {
                        push(type_name(t), self.origin_of(r, 0));
                    }
                }
                "function_definition" => {
                    if let Some(t) = self.a.field(id, "return_type") {
                        let tn = type_name(t);
                        if tn.is_some() {
                            push(tn, self.summary(id, 0));
                        }
                    }
                }
                _ => {}
            }
        }
        // declaration reads for used local models
        let mut seen: HashSet<(String, String)> = HashSet::new();
        for u in &uses {
            let Some(fields) = models.get(&u.type_name) else {
                continue;
            };
            if !seen.insert((u.type_name.clone(), format!("{:?}", u.origin))) {
                continue;
            }
            for (field, span, optional) in fields {
                m.field_reads.push(FieldRead {
                    absence_fails: false,
                    field: field.clone(),
                    span: span.clone(),
                    kind: ReadKind::Declaration,
                    receiver: u.type_name.clone(),
                    origin: u.origin.clone(),
                    guarded: *optional,
                    asserted: false,
                    assigned_to: None,
                    fallback_is_target: false,
                    origin_span: None,
                    absence: Absence::default(),
                });
            }
        }
        m.type_uses = uses;
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    fn read_context(&self, read: u32, field: &str, default: Option<u32>) -> ReadContext {
        let mut top = self.peel_up(read);
        let mut fallback = default;
        let p = self.a.parent(top);
        match self.a.kind(p) {
            "boolean_operator"
                if self.a.operator(p) == Some("or") && self.a.field_name(top) == "left" =>
            {
                fallback = self.a.field(p, "right");
                top = self.peel_up(p);
            }
            "conditional_expression" => {
                let k = self.a.named_vec(p);
                if k.first() == Some(&top) {
                    fallback = k.get(2).copied();
                    top = self.peel_up(p);
                }
            }
            _ => {}
        }
        let p = self.a.parent(top);
        let target = match self.a.kind(p) {
            "assignment" if self.a.field_name(top) == "right" => self.a.field(p, "left"),
            "named_expression" if self.a.field_name(top) == "value" => self.a.field(p, "name"),
            _ => None,
        };
        let assigned_to = target
            .map(|t| self.a.text(t).to_string())
            .or_else(|| sinks::setter(&self.a, &self.sc, top, field))
            .or_else(|| sinks::kept_in(&self.a, &self.sc, Language::Python, top));
        ReadContext::new(fallback.map(|f| self.a.text(f)), false, assigned_to)
    }

    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool {
        self.tests_field(cond, raw, self.a.text(recv))
    }

    fn bound_on_every_path(&self, node: u32, name: &str) -> bool {
        self.bound_before(node, name)
    }
}

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "call" => self.call_origin(id, depth),
            "await" => match self.a.first_named(id) {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "attribute" => {
                let Some(obj) = self.a.field(id, "object") else {
                    return Origin::Unknown;
                };
                let attr = self.a.attr_name(id);
                let ot = self.a.text(obj);
                if let Some(o) = written_origin(Language::Python, Some(ot), attr) {
                    return o;
                }
                if self.is_self(obj) {
                    let class = self.a.class(id);
                    let o = self.stored_origin(class, attr, d);
                    return configured(o, attr);
                }
                let o = self.origin_of(obj, d);
                configured(o, attr)
            }
            "subscript" => match self.a.field(id, "value") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            "identifier" => self.var_origin(id, depth),
            "dictionary"
            | "dictionary_comprehension"
            | "list"
            | "string"
            | "concatenated_string" => Origin::Literal,
            "boolean_operator" => self.origin_of_either(id, "left", "right", d),
            "conditional_expression" => {
                let k = self.a.named_vec(id);
                let a = k.first().map(|&x| self.origin_of(x, d)).unwrap_or_default();
                let b = k.get(2).map(|&x| self.origin_of(x, d)).unwrap_or_default();
                best(a, b)
            }
            "named_expression" => match self.a.field(id, "value") {
                Some(v) => self.origin_of(v, d),
                None => Origin::Unknown,
            },
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Eval<'s> for Lx<'s> {
    crate::eval_state!('s, (u32, &'s str));

    fn stringy_binding(&self, k: u32) -> Option<u32> {
        matches!(self.a.kind(k), "identifier" | "attribute")
            .then(|| self.bound_value(k))
            .flatten()
    }

    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        self.stringy_kind(id, get)
    }

    fn text_binding(&self, id: u32) -> Option<u32> {
        match self.a.kind(id) {
            "identifier" | "attribute" => self.bound_value(id),
            _ => None,
        }
    }

    fn not_text(&self, id: u32) -> bool {
        NON_STRING_KINDS.contains(&self.a.kind(id))
    }

    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        match self.a.kind(id) {
            "string" => self.decode_string(id, depth, mark, out),
            "concatenated_string" => {
                for k in self.a.named_vec(id) {
                    self.resolve_into(k, depth + 1, mark, out);
                }
            }
            "binary_operator" if self.op_of(id) == "%" => {
                match (self.a.field(id, "left"), self.a.field(id, "right")) {
                    (Some(l), Some(r)) => self.percent_format(id, l, r, depth, mark, out),
                    _ => out.push(self.hole(id)),
                }
            }
            "call" => self.resolve_call(id, depth, mark, out),
            "identifier" => self.resolve_name(id, depth, out),
            "attribute" => {
                let obj = self.a.field(id, "object");
                let attr = self.a.attr_name(id);
                if let Some(v) = self.bound_value(id) {
                    self.resolve_memo(v, depth + 1, out, id);
                } else if let (Some(o), "value") = (obj, attr) {
                    if self.a.kind(o) == "attribute" && self.bound_value(o).is_some() {
                        self.resolve_into(o, depth + 1, mark, out);
                    } else {
                        out.push(self.hole(id));
                    }
                } else {
                    out.push(self.hole(id));
                }
            }
            "subscript" => match self.subscript_value(id, depth) {
                Some(v) => self.resolve_memo(v, depth + 1, out, id),
                None => out.push(self.hole(id)),
            },
            "integer" | "float" | "true" | "false" | "none" => {
                out.push(Piece::lit(self.a.text(id), self.a.span(id)));
            }
            _ => out.push(self.hole(id)),
        }
    }
}

/// Wrapper call sites lowered per file, at most.
const MAX_WRAPPED: usize = 256;

struct SavedMemos<'s> {
    subst: HashMap<u32, u32>,
    kw_subst: HashMap<u32, Vec<u32>>,
    str_memo: HashMap<u32, Vec<Piece>>,
    origin_memo: HashMap<u32, Origin>,
    stored_memo: HashMap<(u32, &'s str), Origin>,
}

impl crate::sema::helpers::HelperSyntax for Lx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        let args = self.args_of(call);
        let list = self.a.field(call, "arguments");
        crate::sema::helpers::with_keywords(args.pos, !args.kw.is_empty(), list)
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        // trailing keywords: `send("POST", url, grant_type=…)`
        if self.a.kind(e) == "argument_list" {
            let entries: Vec<Entry> = self
                .args_of(self.a.parent(e))
                .kw
                .iter()
                .filter_map(|k| self.kw_entry(k.1))
                .collect();
            return (!entries.is_empty()).then_some((BodyKind::Form, entries));
        }
        let (kind, entries) = self.body_of(e, 0);
        if !entries.is_empty() {
            return Some((kind, entries));
        }
        let entries = self.entries_of(e, 0);
        (!entries.is_empty()).then_some((BodyKind::Form, entries))
    }
    fn helper_items(&self, e: u32) -> Option<Vec<(String, u32)>> {
        let items: Vec<(String, u32)> = if self.a.kind(e) == "argument_list" {
            self.args_of(self.a.parent(e))
                .kw
                .iter()
                .map(|k| (k.0.to_string(), k.2))
                .collect()
        } else {
            let d = self.find_dict(e, 0)?;
            self.a
                .named(d)
                .filter(|&p| self.a.kind(p) == "pair")
                .filter_map(|p| {
                    let key = self.value_sv(self.a.field(p, "key")?);
                    key.is_plain()
                        .then(|| (key.text(), self.a.field(p, "value")))
                        .and_then(|(k, v)| Some((k, v?)))
                })
                .collect()
        };
        (!items.is_empty()).then_some(items)
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
}
