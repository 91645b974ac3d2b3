//! Go front end: parses a file with tree-sitter and lowers it into the
//! neutral [`FileModel`]. Knows Go, `net/http`, `net/url`, `encoding/json`
//! and `golang.org/x/oauth2`; nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing function), then a handful of linear passes fill the model.
//! Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use super::Language;
use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, TypeUse,
};
use crate::sema::format::{self, Arg, Printf};
use crate::sema::forms::{encode_entries, looks_form, string_pairs};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH};
use crate::sema::memo::Memo;
use crate::sema::models::{record_model, Member as ModelMember};
use crate::sema::names::is_config_name;
use crate::sema::pieces::{pieces_text, slice_pieces};
use crate::sema::provenance::configured;
use crate::sema::provenance::{Reads, Trace};
use crate::sema::requests::synthetic_entry;
use crate::sema::scope::Scopes;
use crate::sema::sinks;
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::ts::{self, NONE};

/// `fmt.Sprintf`: any verb; flags, width, precision and `[n]` indexes
/// make a value the reading does not follow.
pub(crate) const PRINTF: Printf = Printf::new(b"+-# 0123456789.*[]");

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "go",
    language: || tree_sitter_go::LANGUAGE.into(),
    scope_kinds: SCOPE_KINDS,
    class_kinds: &[],
    extra_kinds: &["comment"],
};

/// Lower one Go file into the model.
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

const SCOPE_KINDS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

fn is_scope_kind(k: &str) -> bool {
    SCOPE_KINDS.contains(&k)
}

// ---------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------

/// The wire name in a `json:"name,opts"` struct tag: (name, offset of the
/// name in the tag text, omitempty).
fn json_tag(tag: &str) -> Option<(String, usize, bool)> {
    let mut rest = tag;
    let mut base = 0usize;
    loop {
        let t = rest.trim_start();
        base += rest.len() - t.len();
        rest = t;
        let colon = rest.find(':')?;
        let key = &rest[..colon];
        let after = rest.get(colon + 1..)?;
        if !after.starts_with('"') {
            return None;
        }
        let close = after[1..].find('"')?;
        let value = &after[1..1 + close];
        if key == "json" {
            let name = value.split(',').next().unwrap_or("");
            let omit = value.split(',').skip(1).any(|o| o == "omitempty");
            return Some((name.to_string(), base + colon + 2, omit));
        }
        let used = colon + 1 + close + 2;
        base += used;
        rest = rest.get(used..)?;
    }
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct FieldDef<'s> {
    name: &'s str,
    name_node: u32,
    ty: u32,
    /// `json:"…"` name and the span of that name inside the tag
    wire: Option<(String, Span)>,
    omitempty: bool,
    skip: bool,
}

#[derive(Clone)]
struct StructDef<'s> {
    fields: Vec<FieldDef<'s>>,
    json: bool,
}

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// import name → import path
    imports: HashMap<&'s str, &'s str>,
    sc: Scopes<'s>,
    structs: HashMap<&'s str, StructDef<'s>>,
    struct_order: Vec<&'s str>,
    /// local named types that are maps
    map_types: HashSet<&'s str>,
    /// method name → (receiver type, declaration)
    methods: HashMap<&'s str, Vec<(&'s str, u32)>>,
    /// `x.f = v` and `f: v` in struct literals, by field name
    field_assigns: HashMap<&'s str, Vec<u32>>,
    /// `json.Unmarshal(d, &x.f)`: stored origins by field name
    field_outs: HashMap<&'s str, Vec<u32>>,
    /// `v.Set/Add/Del(...)` calls by (scope, variable)
    value_ops: HashMap<(u32, &'s str), Vec<u32>>,
    oauth_imported: bool,
    /// `oauth2.Config{…}` literals
    oauth_configs: Vec<u32>,
    stringy: Vec<bool>,
    /// what evaluation remembers
    memo: Memo<&'s str>,
    req_of_call: HashMap<u32, usize>,
    /// request URLs made of a configured base and a path
    joined_urls: RefCell<Vec<StrValue>>,
}

const VALUES_TYPE: &str = "url.Values";

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

    /// Skip parentheses.
    fn peel(&self, mut e: u32) -> u32 {
        for _ in 0..64 {
            if self.a.kind(e) == "parenthesized_expression" {
                match self.a.first_named(e) {
                    Some(i) => e = i,
                    None => break,
                }
            } else {
                break;
            }
        }
        e
    }

    /// Skip parentheses, `&x` and `*x`.
    fn peel_ref(&self, mut e: u32) -> u32 {
        for _ in 0..64 {
            match self.a.kind(e) {
                "parenthesized_expression" => match self.a.first_named(e) {
                    Some(i) => e = i,
                    None => break,
                },
                "unary_expression" if matches!(self.a.operator(e), Some("&") | Some("*")) => {
                    match self.a.field(e, "operand") {
                        Some(i) => e = i,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        e
    }

    /// The package a name stands for (`http`, `oauth2`, `url`, …), by import
    /// path when imported, else the name itself.
    fn pkg(&self, name: &str) -> String {
        match self.imports.get(name) {
            Some(p) => {
                let last = p.rsplit('/').next().unwrap_or(p);
                // `gopkg.in/yaml.v3`, `github.com/x/y/v2`
                if last.len() <= 3 && last.starts_with('v') && p.contains('/') {
                    let mut it = p.rsplit('/');
                    it.next();
                    return it.next().unwrap_or(last).to_string();
                }
                last.to_string()
            }
            None => name.to_string(),
        }
    }

    /// `pkg.Name` where `pkg` is a package (not a local variable).
    fn pkg_member(&self, e: u32) -> Option<(String, &'s str)> {
        let e = self.peel(e);
        if self.a.kind(e) != "selector_expression" {
            return None;
        }
        let op = self.a.field(e, "operand")?;
        let f = self.a.field(e, "field")?;
        if self.a.kind(op) != "identifier" {
            return None;
        }
        let name = self.a.text(op);
        if !self.is_package_name(op) {
            return None;
        }
        Some((self.pkg(name), self.a.text(f)))
    }

    fn is_package_name(&self, id: u32) -> bool {
        if self.a.kind(id) != "identifier" {
            return false;
        }
        let name = self.a.text(id);
        if self.sc.local_scope_of(&self.a, id, name).is_some() {
            return false;
        }
        self.imports.contains_key(name)
            || matches!(
                name,
                "http"
                    | "url"
                    | "fmt"
                    | "strings"
                    | "json"
                    | "os"
                    | "io"
                    | "ioutil"
                    | "bytes"
                    | "oauth2"
                    | "context"
                    | "errors"
                    | "log"
                    | "time"
                    | "strconv"
                    | "path"
                    | "cmp"
                    | "viper"
                    | "clientcredentials"
            )
    }

    // ----- collection -------------------------------------------------------

    /// What each node is in the IR's vocabulary. Assignments are reported
    /// as declarations (`decls`): a Go assignment binds in the scope it is
    /// written in.
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "identifier" => Node::Name,
            "selector_expression" => Node::member(a.field(id, "operand"), a.field(id, "field")),
            "index_expression" => Node::index(a.field(id, "operand")),
            "parenthesized_expression" => Node::wrap(a.first_named(id)),
            "type_assertion_expression" => Node::wrap(a.field(id, "operand")),
            "binary_expression" => Self::binary(a, id),
            "unary_expression" if a.operator(id) == Some("!") => Node::not(a.field(id, "operand")),
            "block" | "statement_list" | "source_file" => Node::Block,
            "if_statement" => Node::if_fields(a, id),
            "return_statement" if Self::returns_error(a, id) => Node::Raise,
            "return_statement" | "break_statement" | "continue_statement" => Node::Exit,
            "nil" | "false" => Node::Falsy,
            "call_expression" => Node::call_through(
                a,
                a.field(id, "function"),
                "operand",
                "field",
                a.field(id, "arguments"),
            ),
            "argument_list" => Node::Args,
            // `map[string]string{…}`, `Tokens{…}`: the literal's entries are
            // in its body
            "composite_literal" => Node::Map,
            "keyed_element" => Node::entry(
                a.field(id, "key").and_then(|k| a.first_named(k)),
                a.field(id, "value").and_then(|v| a.first_named(v)),
            ),
            _ => Node::Other,
        }
    }

    /// A binary expression: `+` joins text, `&&` and `||` are conditions,
    /// and a comparison with the zero value (`x == ""`, `x != nil`) tests
    /// whether `x` is there.
    fn binary(a: &Ast<'s>, id: u32) -> Node {
        let (left, right) = (a.field(id, "left"), a.field(id, "right"));
        let zero = |n: Option<u32>| {
            n.is_some_and(|n| {
                a.kind(n) == "nil"
                    || (a.kind(n) == "interpreted_string_literal" && a.text(n) == "\"\"")
            })
        };
        // the side that is not the zero value
        let tested = if zero(right) {
            left
        } else if zero(left) {
            right
        } else {
            None
        };
        match a.operator(id) {
            Some("==") if tested.is_some() => Node::not(tested),
            Some("!=") if tested.is_some() => Node::wrap(tested),
            _ => Node::c_binary(a, id, true),
        }
    }

    /// A `return` that reports a failure: its function's last result is an
    /// `error` and the value returned for it is not `nil`.
    fn returns_error(a: &Ast<'s>, ret: u32) -> bool {
        let func = a.scope(ret);
        let results = a.field(func, "result");
        let last_type = results.map(|r| match a.kind(r) {
            "parameter_list" => a
                .last_named(r)
                .and_then(|p| a.field(p, "type"))
                .map_or("", |t| a.text(t)),
            _ => a.text(r),
        });
        if last_type != Some("error") {
            return false;
        }
        let last_value = a.first_named(ret).and_then(|l| match a.kind(l) {
            "expression_list" => a.last_named(l),
            _ => Some(l),
        });
        last_value.is_some_and(|v| a.kind(v) != "nil")
    }

    /// What each target of `lhs := rhs` / `lhs = rhs` / `lhs += rhs` is
    /// given; no right side is a declaration without a value.
    fn list_binds(&self, left: u32, right: Option<u32>, aug: bool) -> Vec<(u32, BindKind)> {
        let lefts = match self.a.kind(left) {
            "expression_list" => self.a.named_vec(left),
            _ => vec![left],
        };
        let rights = match right {
            Some(r) if self.a.kind(r) == "expression_list" => self.a.named_vec(r),
            Some(r) => vec![r],
            None => Vec::new(),
        };
        let n = lefts.len();
        lefts
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let kind = if rights.is_empty() {
                    BindKind::Decl
                } else if rights.len() == n {
                    if aug {
                        BindKind::Append(rights[i])
                    } else {
                        BindKind::Value(rights[i])
                    }
                } else if rights.len() == 1 && !aug {
                    value_at(rights[0], i as u32)
                } else {
                    BindKind::Other
                };
                (l, kind)
            })
            .collect()
    }

    /// The targets of an assignment statement or a short variable
    /// declaration with what each is given.
    fn assigned(&self, id: u32) -> Vec<(u32, BindKind)> {
        let Some(l) = self.a.field(id, "left") else {
            return Vec::new();
        };
        let r = self.a.field(id, "right");
        if self.a.kind(id) == "short_var_declaration" {
            return self.list_binds(l, r, false);
        }
        match self.a.operator(id) {
            None | Some("=") => self.list_binds(l, r, false),
            Some("+=") => self.list_binds(l, r, true),
            _ => self.list_binds(l, None, false),
        }
    }

    fn type_name_of_node(&self, ty: u32) -> Option<String> {
        let mut t = ty;
        for _ in 0..16 {
            match self.a.kind(t) {
                "pointer_type" | "parenthesized_type" => t = self.a.first_named(t)?,
                "type_identifier" => return Some(self.a.text(t).to_string()),
                "qualified_type" => {
                    let p = self.a.field(t, "package")?;
                    let n = self.a.field(t, "name")?;
                    return Some(format!("{}.{}", self.pkg(self.a.text(p)), self.a.text(n)));
                }
                "generic_type" => t = self.a.field(t, "type")?,
                "map_type" => return Some("map".to_string()),
                "slice_type" | "array_type" => return Some("slice".to_string()),
                _ => return None,
            }
        }
        None
    }

    /// The declarations of the file, in source order: every variable,
    /// constant, parameter, receiver and assignment binds in the scope it
    /// is written in (parameters in the function they declare); a variable
    /// written through a pointer binds where it is declared.
    fn decls(&self) -> Vec<Decl> {
        let a = &self.a;
        let mut out = Vec::new();
        let local = |scope: u32, name: u32, kind: BindKind, stmt: u32, ty: u32| Decl::Local {
            scope,
            name,
            bind: Some(Bind {
                pos: a.start(name),
                kind,
                stmt,
                ty,
            }),
            ty: None,
        };
        let named = |n: u32| !matches!(a.text(n), "_" | "");
        for id in self.ids() {
            match a.kind(id) {
                "const_spec" | "var_spec" => {
                    let ty = a.field(id, "type").unwrap_or(NONE);
                    let names = a.fields(id, "name");
                    let rights = match a.field(id, "value") {
                        Some(v) => a.named_vec(v),
                        None => Vec::new(),
                    };
                    for (i, &n) in names.iter().enumerate() {
                        let kind = if rights.is_empty() {
                            if a.kind(id) == "const_spec" {
                                BindKind::Other
                            } else {
                                BindKind::Decl
                            }
                        } else if rights.len() == names.len() {
                            BindKind::Value(rights[i])
                        } else if rights.len() == 1 {
                            value_at(rights[0], i as u32)
                        } else {
                            BindKind::Other
                        };
                        if named(n) {
                            out.push(local(a.scope(n), n, kind, id, ty));
                        }
                    }
                }
                "short_var_declaration" | "assignment_statement" => {
                    for (l, kind) in self.assigned(id) {
                        if a.kind(l) == "identifier" && named(l) {
                            out.push(local(a.scope(l), l, kind, id, NONE));
                        }
                    }
                }
                "range_clause" => {
                    if let Some(l) = a.field(id, "left") {
                        for n in a.named_vec(l) {
                            if a.kind(n) == "identifier" && named(n) {
                                out.push(local(a.scope(n), n, BindKind::Other, id, NONE));
                            }
                        }
                    }
                }
                "parameter_declaration" | "variadic_parameter_declaration" => {
                    let ty = a.field(id, "type").unwrap_or(NONE);
                    let pl = a.parent(id);
                    let decl = a.parent(pl);
                    // parameters belong to the function they declare
                    if !is_scope_kind(a.kind(decl)) {
                        continue;
                    }
                    let kind = match a.field_name(pl) {
                        "receiver" => BindKind::Receiver,
                        "result" => BindKind::Decl,
                        _ => BindKind::Param(id),
                    };
                    for n in a.fields(id, "name") {
                        if a.text(n) != "_" {
                            out.push(local(decl, n, kind, id, ty));
                        }
                    }
                }
                "function_declaration" => {
                    if let Some(name) = a.field(id, "name") {
                        out.push(Decl::Function { node: id, name });
                    }
                }
                "return_statement" => {
                    if let Some(el) = a.first_named(id) {
                        let first = if a.kind(el) == "expression_list" {
                            a.first_named(el)
                        } else {
                            Some(el)
                        };
                        if let Some(value) = first {
                            out.push(Decl::Return {
                                func: a.scope(id),
                                value,
                            });
                        }
                    }
                }
                "call_expression" => {
                    let Some((target, src)) = self.out_param(id) else {
                        continue;
                    };
                    let t = self.peel_ref(target);
                    if a.kind(t) == "identifier" {
                        let bind = Bind {
                            stmt: id,
                            ..Bind::new(a.start(id), BindKind::Out(src))
                        };
                        out.push(Decl::Rebind { name: t, bind });
                    }
                }
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
            match self.a.kind(id) {
                "import_spec" => {
                    let Some(p) = self.a.field(id, "path") else {
                        continue;
                    };
                    let path = self.a.text(p).trim_matches(|c| c == '"' || c == '`');
                    let name = match self.a.field(id, "name") {
                        Some(n) => self.a.text(n),
                        None => {
                            let last = path.rsplit('/').next().unwrap_or(path);
                            if last.len() <= 3 && last.starts_with('v') && path.contains('/') {
                                path.rsplit('/').nth(1).unwrap_or(last)
                            } else {
                                last
                            }
                        }
                    };
                    if path.starts_with("golang.org/x/oauth2") {
                        self.oauth_imported = true;
                    }
                    self.imports.insert(name, path);
                }
                "short_var_declaration" | "assignment_statement" => {
                    for (l, kind) in self.assigned(id) {
                        if self.a.kind(l) != "selector_expression" {
                            continue;
                        }
                        if let Some(f) = self.a.field(l, "field") {
                            // an assignment we cannot follow still counts
                            let v = match kind {
                                BindKind::Value(v) => v,
                                _ => NONE,
                            };
                            self.field_assigns
                                .entry(self.a.text(f))
                                .or_default()
                                .push(v);
                        }
                    }
                }
                "type_spec" => {
                    let (Some(n), Some(t)) = (self.a.field(id, "name"), self.a.field(id, "type"))
                    else {
                        continue;
                    };
                    let name = self.a.text(n);
                    match self.a.kind(t) {
                        "struct_type" => {
                            let def = self.struct_def(t);
                            if !self.structs.contains_key(name) {
                                self.struct_order.push(name);
                            }
                            self.structs.insert(name, def);
                        }
                        "map_type" => {
                            self.map_types.insert(name);
                        }
                        _ => {}
                    }
                }
                "method_declaration" => {
                    if let Some(n) = self.a.field(id, "name") {
                        let recv = self.receiver_type(id).unwrap_or("");
                        self.methods
                            .entry(self.a.text(n))
                            .or_default()
                            .push((recv, id));
                    }
                }
                "keyed_element" => {
                    // `f: v` of a struct literal
                    let Some(cl) = self.literal_of_element(id) else {
                        continue;
                    };
                    if self.is_map_literal(cl) {
                        continue;
                    }
                    let (Some(k), Some(v)) = (self.a.field(id, "key"), self.a.field(id, "value"))
                    else {
                        continue;
                    };
                    let k = self.a.first_named(k).unwrap_or(k);
                    if self.a.kind(k) == "identifier" || self.a.kind(k) == "field_identifier" {
                        let v = self.a.first_named(v).unwrap_or(v);
                        self.field_assigns
                            .entry(self.a.text(k))
                            .or_default()
                            .push(v);
                    }
                }
                "call_expression" => self.collect_call(id),
                "composite_literal"
                    if self.literal_type(id).as_deref() == Some("oauth2.Config") =>
                {
                    self.oauth_configs.push(id);
                }
                _ => {}
            }
        }
    }

    /// A call that writes through a pointer: (the target, the call or
    /// reader whose value it takes). `json.Unmarshal(data, &x)`,
    /// `json.NewDecoder(r).Decode(&x)`, xml too, and resty's
    /// `.SetResult(&tok).Post(url)` (tok is the parsed response).
    fn out_param(&self, id: u32) -> Option<(u32, u32)> {
        let func = self.a.field(id, "function")?;
        if self.a.kind(func) != "selector_expression" {
            return None;
        }
        let op = self.a.field(func, "operand")?;
        let f = self.a.field(func, "field")?;
        let args = self.args(id);
        match self.a.text(f) {
            "Unmarshal" if args.len() >= 2 => Some((args[1], args[0])),
            "SetResult" if args.len() == 1 => {
                let top = self.chain_top(id);
                (top != id).then_some((args[0], top))
            }
            "Decode" if !args.is_empty() => {
                let op = self.peel(op);
                if self.a.kind(op) == "call_expression" {
                    let inner = self.args(op);
                    inner.first().map(|&src| (args[0], src))
                } else {
                    Some((args[0], op))
                }
            }
            _ => None,
        }
    }

    fn collect_call(&mut self, id: u32) {
        if let Some((target, src)) = self.out_param(id) {
            let t = self.peel_ref(target);
            if self.a.kind(t) == "selector_expression" {
                if let Some(ff) = self.a.field(t, "field") {
                    self.field_outs
                        .entry(self.a.text(ff))
                        .or_default()
                        .push(src);
                }
            }
            return;
        }
        let Some(func) = self.a.field(id, "function") else {
            return;
        };
        if self.a.kind(func) != "selector_expression" {
            return;
        }
        let (Some(op), Some(f)) = (self.a.field(func, "operand"), self.a.field(func, "field"))
        else {
            return;
        };
        if matches!(self.a.text(f), "Set" | "Add" | "Del") && self.a.kind(op) == "identifier" {
            let nm = self.a.text(op);
            // the variable's scope as declared before the call
            let scope = self
                .sc
                .local_scope_before(&self.a, op, nm, id)
                .unwrap_or(self.a.scope(op));
            self.value_ops.entry((scope, nm)).or_default().push(id);
        }
    }

    /// The outermost call of a method chain `a.b(…).c(…)` that `call` is part of.
    fn chain_top(&self, call: u32) -> u32 {
        let mut top = call;
        for _ in 0..256 {
            let sel = self.a.parent(top);
            let up = self.a.parent(sel);
            if self.a.kind(sel) == "selector_expression"
                && self.a.kind(up) == "call_expression"
                && self.a.field(up, "function") == Some(sel)
            {
                top = up;
            } else {
                break;
            }
        }
        top
    }

    fn receiver_type(&self, method: u32) -> Option<&'s str> {
        let r = self.a.field(method, "receiver")?;
        let p = self
            .a
            .named(r)
            .find(|&k| self.a.kind(k) == "parameter_declaration")?;
        let mut t = self.a.field(p, "type")?;
        for _ in 0..8 {
            match self.a.kind(t) {
                "pointer_type" | "parenthesized_type" => t = self.a.first_named(t)?,
                "generic_type" => t = self.a.field(t, "type")?,
                "type_identifier" => return Some(self.a.text(t)),
                _ => return None,
            }
        }
        None
    }

    fn struct_def(&self, st: u32) -> StructDef<'s> {
        let mut fields = Vec::new();
        let mut json = false;
        let Some(list) = self
            .a
            .named(st)
            .find(|&k| self.a.kind(k) == "field_declaration_list")
        else {
            return StructDef { fields, json };
        };
        for fd in self.a.named(list) {
            if self.a.kind(fd) != "field_declaration" {
                continue;
            }
            let ty = self.a.field(fd, "type").unwrap_or(NONE);
            let mut wire = None;
            let mut omitempty = false;
            let mut skip = false;
            if let Some(tag) = self.a.field(fd, "tag") {
                let raw = self.a.text(tag);
                let content_start = self.a.start(tag) as usize + 1;
                let content = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
                // tags are usually raw strings; an interpreted one has \" escapes
                let content_owned;
                let content = if raw.starts_with('"') {
                    content_owned = content.replace("\\\"", "\"");
                    content_owned.as_str()
                } else {
                    content
                };
                if let Some((name, off, omit)) = json_tag(content) {
                    json = true;
                    omitempty = omit;
                    if name == "-" {
                        skip = true;
                    } else if !name.is_empty() {
                        // an interpreted tag's offsets moved with its escapes
                        let span = if raw.starts_with('`') {
                            let s = content_start + off;
                            s..s + name.len()
                        } else {
                            self.a.span(tag)
                        };
                        wire = Some((name.clone(), span));
                    }
                }
            }
            for n in self.a.fields(fd, "name") {
                fields.push(FieldDef {
                    name: self.a.text(n),
                    name_node: n,
                    ty,
                    wire: wire.clone(),
                    omitempty,
                    skip,
                });
            }
        }
        StructDef { fields, json }
    }

    fn args(&self, call: u32) -> Vec<u32> {
        match self.a.field(call, "arguments") {
            Some(al) => self.a.named_vec(al),
            None => Vec::new(),
        }
    }

    /// The composite literal a keyed/literal element belongs to.
    fn literal_of_element(&self, el: u32) -> Option<u32> {
        let lv = self.a.parent(el);
        if self.a.kind(lv) != "literal_value" {
            return None;
        }
        let cl = self.a.parent(lv);
        match self.a.kind(cl) {
            "composite_literal" => Some(cl),
            // nested `{…}` without a type: the element type of the outer literal
            "literal_element" => Some(cl),
            _ => None,
        }
    }

    fn literal_type(&self, cl: u32) -> Option<String> {
        if self.a.kind(cl) != "composite_literal" {
            return None;
        }
        self.type_name_of_node(self.a.field(cl, "type")?)
    }

    fn is_map_literal(&self, cl: u32) -> bool {
        if self.a.kind(cl) != "composite_literal" {
            // a nested untyped `{…}`: map-like when its outer literal is a map of maps
            return false;
        }
        let Some(t) = self.a.field(cl, "type") else {
            return false;
        };
        if self.a.kind(t) == "map_type" {
            return true;
        }
        match self.type_name_of_node(t) {
            Some(n) => {
                n == VALUES_TYPE || n == "http.Header" || self.map_types.contains(n.as_str())
            }
            None => false,
        }
    }

    // ----- bindings ---------------------------------------------------------

    /// The declared type of a name (first binding with a type or a value of a known type).
    fn bind_type(&self, node: u32, name: &'s str, depth: u32) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        for b in self.sc.local_binds(&self.a, node, name)? {
            if b.ty != NONE {
                if let Some(t) = self.type_name_of_node(b.ty) {
                    return Some(t);
                }
            }
            let (value, idx) = match b.kind {
                BindKind::Value(value) => (value, 0),
                BindKind::ValueAt { value, idx } => (value, idx),
                _ => continue,
            };
            if let Some(t) = self.type_of_value(value, idx, depth + 1) {
                return Some(t);
            }
        }
        None
    }

    // ----- types of expressions ---------------------------------------------

    fn type_of(&self, e: u32, depth: u32) -> Option<String> {
        self.type_of_value(e, 0, depth)
    }

    /// Type of the `idx`-th value of an expression.
    fn type_of_value(&self, e: u32, idx: u32, depth: u32) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let e = self.peel_ref(e);
        let d = depth + 1;
        match self.a.kind(e) {
            "identifier" => self.bind_type(e, self.a.text(e), d),
            "composite_literal" => self.literal_type(e),
            "selector_expression" => {
                let op = self.a.field(e, "operand")?;
                let f = self.a.text(self.a.field(e, "field")?);
                if let Some((pkg, name)) = self.pkg_member(e) {
                    if pkg == "http" && name == "DefaultClient" {
                        return Some("http.Client".to_string());
                    }
                    return None;
                }
                let ot = self.type_of(op, d)?;
                let def = self.structs.get(ot.as_str())?;
                let fd = def.fields.iter().find(|x| x.name == f)?;
                self.type_name_of_node(fd.ty)
            }
            "call_expression" => {
                let func = self.a.field(e, "function")?;
                if let Some((pkg, name)) = self.pkg_member(func) {
                    return match (pkg.as_str(), name) {
                        ("http", "NewRequest" | "NewRequestWithContext") if idx == 0 => {
                            Some("http.Request".to_string())
                        }
                        ("url", "Parse" | "ParseRequestURI") if idx == 0 => {
                            Some("url.URL".to_string())
                        }
                        ("url", "ParseQuery") if idx == 0 => Some(VALUES_TYPE.to_string()),
                        ("oauth2", "ReuseTokenSource" | "StaticTokenSource") => {
                            Some("oauth2.TokenSource".to_string())
                        }
                        ("oauth2", "NewClient") => Some("http.Client".to_string()),
                        _ => None,
                    };
                }
                match self.a.kind(func) {
                    "identifier" => match self.a.text(func) {
                        "new" => {
                            let al = self.a.field(e, "arguments")?;
                            let t = self.a.first_named(al)?;
                            self.type_name_of_node(t)
                        }
                        "make" => {
                            let al = self.a.field(e, "arguments")?;
                            let t = self.a.first_named(al)?;
                            self.type_name_of_node(t)
                        }
                        name => {
                            let f = *self.sc.functions_by_name.get(name)?.first()?;
                            self.result_type(f, idx)
                        }
                    },
                    "selector_expression" => {
                        let op = self.a.field(func, "operand")?;
                        let name = self.a.text(self.a.field(func, "field")?);
                        match name {
                            "Query" if self.type_of(op, d).as_deref() == Some("url.URL") => {
                                Some(VALUES_TYPE.to_string())
                            }
                            "TokenSource"
                                if self.type_of(op, d).as_deref() == Some("oauth2.Config") =>
                            {
                                Some("oauth2.TokenSource".to_string())
                            }
                            "Client" if self.type_of(op, d).as_deref() == Some("oauth2.Config") => {
                                Some("http.Client".to_string())
                            }
                            "Exchange" | "PasswordCredentialsToken" | "Token"
                                if idx == 0 && self.is_oauth_config_or_source(op) =>
                            {
                                Some("oauth2.Token".to_string())
                            }
                            _ => {
                                let m = self.method_target(func, d)?;
                                self.result_type(m, idx)
                            }
                        }
                    }
                    _ => None,
                }
            }
            "type_conversion_expression" => self.type_name_of_node(self.a.field(e, "type")?),
            _ => None,
        }
    }

    fn result_type(&self, f: u32, idx: u32) -> Option<String> {
        let r = self.a.field(f, "result")?;
        if self.a.kind(r) == "parameter_list" {
            let ps: Vec<u32> = self
                .a
                .named(r)
                .filter(|&p| self.a.kind(p) == "parameter_declaration")
                .collect();
            let p = *ps.get(idx as usize)?;
            self.type_name_of_node(self.a.field(p, "type")?)
        } else if idx == 0 {
            self.type_name_of_node(r)
        } else {
            None
        }
    }

    fn is_oauth_config_or_source(&self, e: u32) -> bool {
        matches!(
            self.type_of(e, 0).as_deref(),
            Some("oauth2.Config") | Some("oauth2.TokenSource") | Some("clientcredentials.Config")
        )
    }

    /// The method a `x.m(...)` call invokes, when declared in this file.
    fn method_target(&self, func: u32, depth: u32) -> Option<u32> {
        let op = self.a.field(func, "operand")?;
        let name = self.a.text(self.a.field(func, "field")?);
        let ms = self.methods.get(name)?;
        if let Some(t) = self.type_of(op, depth + 1) {
            if let Some((_, m)) = ms.iter().find(|(r, _)| *r == t) {
                return Some(*m);
            }
        }
        if ms.len() == 1 {
            return ms.first().map(|x| x.1);
        }
        None
    }

    /// Function or method declared here that a call invokes.
    fn local_target(&self, call: u32) -> Option<u32> {
        let func = self.a.field(call, "function")?;
        match self.a.kind(func) {
            "identifier" => {
                let name = self.a.text(func);
                if self.sc.local_scope_of(&self.a, func, name).is_some() {
                    return None;
                }
                self.sc.functions_by_name.get(name)?.first().copied()
            }
            "selector_expression" => {
                if self.pkg_member(func).is_some() {
                    return None;
                }
                self.method_target(func, 0)
            }
            _ => None,
        }
    }

    // ----- strings ----------------------------------------------------------

    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&[
            "binary_expression",
            "parenthesized_expression",
            "call_expression",
        ]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            "interpreted_string_literal" | "raw_string_literal" => {
                // struct tags and import paths are not values
                !matches!(self.a.field_name(id), "tag" | "path")
            }
            "call_expression" => self.stringy_call(id, &get),
            _ => false,
        }
    }

    fn stringy_call(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        let Some(func) = self.a.field(id, "function") else {
            return false;
        };
        if let Some((pkg, name)) = self.pkg_member(func) {
            return matches!(
                (pkg.as_str(), name),
                ("fmt", "Sprintf" | "Sprint")
                    | (
                        "strings",
                        "Join" | "TrimSuffix" | "TrimPrefix" | "TrimRight"
                    )
                    | ("url", "JoinPath")
                    | ("path", "Join")
            );
        }
        match self.a.kind(func) {
            "identifier" => self.a.text(func) == "string" && get(self.args(id).first().copied()),
            "selector_expression" => {
                let Some(op) = self.a.field(func, "operand") else {
                    return false;
                };
                let name = self
                    .a
                    .field(func, "field")
                    .map(|f| self.a.text(f))
                    .unwrap_or("");
                match name {
                    "Encode" => self.is_values(op),
                    "String" => self.url_parts(op, 0).is_some(),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Whether an expression is a `url.Values`.
    fn is_values(&self, e: u32) -> bool {
        let e = self.peel_ref(e);
        if self.a.kind(e) == "composite_literal" {
            return self.literal_type(e).as_deref() == Some(VALUES_TYPE);
        }
        self.type_of(e, 0).as_deref() == Some(VALUES_TYPE)
    }

    /// Value node an identifier or `x.f` is bound to once.
    fn bound_value(&self, id: u32) -> Option<u32> {
        match self.a.kind(id) {
            "identifier" => self.sc.single_value(&self.a, id, self.a.text(id)),
            "selector_expression" => {
                if self.pkg_member(id).is_some() {
                    return None;
                }
                let f = self.a.text(self.a.field(id, "field")?);
                match self.field_assigns.get(f)?.as_slice() {
                    [v] if *v != NONE => Some(*v),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn consumed_by_parent(&self, id: u32) -> bool {
        let p = self.a.parent(id);
        if p == NONE {
            return false;
        }
        match self.a.kind(p) {
            "parenthesized_expression" | "binary_expression" => self.is_stringy(p),
            "argument_list" => self.is_stringy(self.a.parent(p)),
            "literal_element" | "keyed_element" | "literal_value" | "composite_literal" => {
                let mut c = p;
                for _ in 0..8 {
                    let up = self.a.parent(c);
                    match self.a.kind(up) {
                        "literal_element" | "keyed_element" | "literal_value"
                        | "composite_literal" => c = up,
                        "argument_list" => return self.is_stringy(self.a.parent(up)),
                        "selector_expression" => {
                            let call = self.a.parent(up);
                            return self.a.kind(call) == "call_expression" && self.is_stringy(call);
                        }
                        _ => return false,
                    }
                }
                false
            }
            "selector_expression" => {
                let call = self.a.parent(p);
                self.a.kind(call) == "call_expression" && self.is_stringy(call)
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
            if matches!(
                self.a.kind(id),
                "interpreted_string_literal" | "raw_string_literal"
            ) && !matches!(self.a.field_name(id), "tag" | "path")
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
        m.strings.append(&mut self.joined_urls.borrow_mut());
    }

    fn resolve_name(&self, id: u32, depth: u32, out: &mut Vec<Piece>) {
        let name = self.a.text(id);
        let Some(bs) = self.sc.local_binds(&self.a, id, name) else {
            out.push(self.hole(id));
            return;
        };
        match bs {
            [b] => match b.kind {
                BindKind::Value(value) => self.resolve_memo(value, depth, out, id),
                _ => out.push(self.hole(id)),
            },
            [first, rest @ ..] => {
                // `u := base; u += "/x"; u += "?…"` read after every `+=`
                let pos = self.a.start(id);
                let all_aug = rest
                    .iter()
                    .all(|b| matches!(b.kind, BindKind::Append(_)) && b.pos < pos);
                match (first.kind, all_aug) {
                    (BindKind::Value(value), true) => {
                        self.resolve_memo(value, depth, out, id);
                        for b in rest {
                            if let BindKind::Append(v) = b.kind {
                                self.resolve_memo(v, depth, out, id);
                            }
                        }
                    }
                    _ => out.push(self.hole(id)),
                }
            }
            [] => out.push(self.hole(id)),
        }
    }

    /// `m["k"]` where `m` is bound once to a map literal.
    fn index_value(&self, id: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let op = self.a.field(id, "operand")?;
        let idx = self.a.field(id, "index")?;
        let key = self.literal_text(idx)?.0;
        let mut m = self.peel_ref(op);
        if self.a.kind(m) == "identifier" {
            m = self.peel_ref(self.bound_value(m)?);
        }
        if self.a.kind(m) != "composite_literal" || !self.is_map_literal(m) {
            return None;
        }
        let lv = self.a.field(m, "body")?;
        for ke in self.a.named(lv) {
            if self.a.kind(ke) != "keyed_element" {
                continue;
            }
            let (Some(k), Some(v)) = (self.a.field(ke, "key"), self.a.field(ke, "value")) else {
                continue;
            };
            let k = self.a.first_named(k).unwrap_or(k);
            if self.literal_text(k).map(|x| x.0) == Some(key.clone()) {
                return self.a.first_named(v);
            }
        }
        None
    }

    /// Decoded content of a string literal as one piece.
    fn decode_literal(&self, id: u32) -> Piece {
        let text = self.a.text(id);
        let start = self.a.start(id) as usize;
        if text.len() < 2 {
            return Piece::lit("", start..start);
        }
        let cs = start + 1;
        let close = if text.len() >= 2 && (text.ends_with('"') || text.ends_with('`')) {
            text.len() - 1
        } else {
            text.len()
        };
        let content = text.get(1..close).unwrap_or("");
        let ce = cs + content.len();
        if text.starts_with('`') {
            if !content.contains('\r') {
                return Piece::lit(content, cs..ce);
            }
            let decoded: Vec<(char, usize)> = content
                .char_indices()
                .filter(|&(_, c)| c != '\r')
                .map(|(i, c)| (c, cs + i))
                .collect();
            return Piece::lit_decoded(&decoded, ce);
        }
        if !content.contains('\\') {
            return Piece::lit(content, cs..ce);
        }
        let bytes = content.as_bytes();
        let mut decoded: Vec<(char, usize)> = Vec::with_capacity(content.len());
        let mut chars = content.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                decoded.push((c, cs + i));
                continue;
            }
            let Some(&(_, e)) = chars.peek() else {
                decoded.push(('\\', cs + i));
                break;
            };
            let simple = ts::c_escape(e);
            if let Some(ch) = simple {
                chars.next();
                decoded.push((ch, cs + i));
                continue;
            }
            let (len, radix) = match e {
                'x' => (2, 16),
                'u' => (4, 16),
                'U' => (8, 16),
                '0'..='7' => (3, 8),
                _ => (0, 0),
            };
            if len == 0 {
                decoded.push(('\\', cs + i));
                continue;
            }
            let digits_at = if radix == 8 { i + 1 } else { i + 2 };
            let digits = bytes
                .get(digits_at..digits_at + len)
                .and_then(|d| std::str::from_utf8(d).ok());
            let value = digits.and_then(|d| u32::from_str_radix(d, radix).ok());
            match value.and_then(char::from_u32) {
                Some(ch) => {
                    decoded.push((ch, cs + i));
                    let skip = if radix == 8 { len } else { len + 1 };
                    for _ in 0..skip {
                        chars.next();
                    }
                }
                None => decoded.push(('\\', cs + i)),
            }
        }
        Piece::lit_decoded(&decoded, ce)
    }

    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        let id = self.peel(id);
        if !matches!(
            self.a.kind(id),
            "interpreted_string_literal" | "raw_string_literal"
        ) {
            return None;
        }
        match self.decode_literal(id) {
            Piece::Lit {
                text,
                src: Some(src),
                ..
            } => Some((text, src)),
            _ => None,
        }
    }

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let Some(func) = self.a.field(id, "function") else {
            out.push(self.hole(id));
            return;
        };
        let args = self.args(id);
        if let Some((pkg, name)) = self.pkg_member(func) {
            match (pkg.as_str(), name) {
                ("fmt", "Sprintf") if !args.is_empty() => {
                    return self.sprintf(id, &args, depth, mark, out);
                }
                ("fmt", "Sprint") => {
                    for &a in &args {
                        self.resolve_into(a, depth, mark, out);
                    }
                    return;
                }
                ("strings", "Join") if args.len() == 2 => {
                    return self.join(id, args[0], Some(args[1]), depth, mark, out);
                }
                ("strings", "TrimSuffix" | "TrimPrefix" | "TrimRight") if args.len() == 2 => {
                    let mut inner = Vec::new();
                    self.resolve_into(args[0], depth, mark, &mut inner);
                    let cut = self.literal_text(args[1]).map(|x| x.0).unwrap_or_default();
                    let text = pieces_text(&inner);
                    let (a, b) = match name {
                        "TrimPrefix" if !cut.is_empty() && text.starts_with(&cut) => {
                            (cut.len(), text.len())
                        }
                        "TrimSuffix" if !cut.is_empty() && text.ends_with(&cut) => {
                            (0, text.len() - cut.len())
                        }
                        "TrimRight" if !cut.is_empty() => {
                            let t = text.trim_end_matches(|c| cut.contains(c));
                            (0, t.len())
                        }
                        _ => (0, text.len()),
                    };
                    out.extend(slice_pieces(&inner, a, b));
                    return;
                }
                ("url", "JoinPath") | ("path", "Join") if !args.is_empty() => {
                    let mut first = true;
                    for &a in &args {
                        let mut part = Vec::new();
                        self.resolve_into(a, depth, mark, &mut part);
                        let t = pieces_text(&part);
                        if !first {
                            let prev = pieces_text(out);
                            let (s, e) = (
                                usize::from(t.starts_with('/')),
                                if t.ends_with('/') && t.len() > 1 {
                                    t.len() - 1
                                } else {
                                    t.len()
                                },
                            );
                            if !prev.ends_with('/') {
                                out.push(Piece::synthetic("/"));
                            }
                            out.extend(slice_pieces(&part, s, e.max(s)));
                        } else {
                            out.extend(part);
                        }
                        first = false;
                    }
                    return;
                }
                _ => {
                    out.push(self.hole(id));
                    return;
                }
            }
        }
        match self.a.kind(func) {
            "identifier" if self.a.text(func) == "string" && args.len() == 1 => {
                self.resolve_into(args[0], depth, mark, out)
            }
            "selector_expression" => {
                let op = self.a.field(func, "operand").unwrap_or(NONE);
                let name = self
                    .a
                    .field(func, "field")
                    .map(|f| self.a.text(f))
                    .unwrap_or("");
                match name {
                    "Encode" if self.is_values(op) => {
                        let entries = self.values_entries(op, self.a.start(id), depth, mark);
                        out.extend(encode_sorted(&entries));
                    }
                    "String" => match self.url_parts(op, depth) {
                        Some(parts) => self.url_string(parts, depth, mark, out),
                        None => out.push(self.hole(id)),
                    },
                    _ => out.push(self.hole(id)),
                }
            }
            _ => out.push(self.hole(id)),
        }
    }

    fn sprintf(&self, call: u32, args: &[u32], depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let mut fmt = Vec::new();
        self.resolve_into(args[0], depth, mark, &mut fmt);
        format::printf(&fmt, &PRINTF, out, |d, out| {
            let arg = match d.arg {
                Arg::Pos(k) => args.get(k + 1).copied(),
                _ => None,
            };
            match (arg, d.conv) {
                (Some(a), b's' | b'v' | b'd') if d.plain => self.resolve_into(a, depth, mark, out),
                (Some(a), b'q') if d.plain => {
                    out.push(Piece::synthetic("\""));
                    self.resolve_into(a, depth, mark, out);
                    out.push(Piece::synthetic("\""));
                }
                (Some(a), _) => out.push(self.hole(a)),
                (None, _) => out.push(self.hole(call)),
            }
            true
        });
    }

    fn join(
        &self,
        call: u32,
        list: u32,
        sep: Option<u32>,
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let mut l = self.peel(list);
        if self.a.kind(l) == "identifier" {
            match self.bound_value(l) {
                Some(v) => l = self.peel(v),
                None => {
                    out.push(self.hole(call));
                    return;
                }
            }
        }
        let Some(body) = (self.a.kind(l) == "composite_literal")
            .then(|| self.a.field(l, "body"))
            .flatten()
        else {
            out.push(self.hole(call));
            return;
        };
        let mut seps = Vec::new();
        if let Some(s) = sep {
            self.resolve_into(s, depth, mark, &mut seps);
        }
        let mut first = true;
        for el in self.a.named(body) {
            if self.a.kind(el) != "literal_element" {
                continue;
            }
            let Some(e) = self.a.first_named(el) else {
                continue;
            };
            if !first {
                out.extend(seps.iter().cloned());
            }
            first = false;
            self.resolve_into(e, depth, mark, out);
        }
    }

    /// The parts of a `url.URL` value: (`url.Parse(s)` source, or the
    /// `url.URL{…}` literal), plus `u.RawQuery = …` / `u.Path = …` later.
    fn url_parts(&self, u: u32, depth: u32) -> Option<UrlParts> {
        if depth > MAX_DEPTH {
            return None;
        }
        let base = self.peel_ref(u);
        let mut parts = UrlParts {
            parse: NONE,
            literal: NONE,
            raw_query: NONE,
            path: NONE,
        };
        let value = match self.a.kind(base) {
            "identifier" => {
                let b = self.sc.bind_before(&self.a, base, self.a.text(base))?;
                match b.kind {
                    BindKind::Value(value) => self.peel_ref(value),
                    _ => return None,
                }
            }
            _ => base,
        };
        match self.a.kind(value) {
            "call_expression" => {
                let func = self.a.field(value, "function")?;
                let (pkg, name) = self.pkg_member(func)?;
                if pkg != "url" || !matches!(name, "Parse" | "ParseRequestURI") {
                    return None;
                }
                parts.parse = *self.args(value).first()?;
            }
            "composite_literal" if self.literal_type(value).as_deref() == Some("url.URL") => {
                parts.literal = value;
            }
            _ => return None,
        }
        // later `u.RawQuery = q.Encode()` / `u.Path = "…"` in the same function
        if self.a.kind(base) == "identifier" {
            let name = self.a.text(base);
            let scope = self.a.scope(base);
            let upto = self.a.start(u);
            // the function's nodes follow it in pre-order
            for id in scope..self.a.len() as u32 {
                if self.a.start(id) >= upto {
                    break;
                }
                if self.a.kind(id) != "assignment_statement" || self.a.scope(id) != scope {
                    continue;
                }
                let (Some(l), Some(r)) = (self.a.field(id, "left"), self.a.field(id, "right"))
                else {
                    continue;
                };
                let (Some(l), Some(r)) = (self.a.first_named(l), self.a.first_named(r)) else {
                    continue;
                };
                if self.a.kind(l) != "selector_expression" {
                    continue;
                }
                let op = self.a.field(l, "operand").map(|o| self.a.text(o));
                let f = self.a.field(l, "field").map(|o| self.a.text(o));
                if op != Some(name) {
                    continue;
                }
                match f {
                    Some("RawQuery") => parts.raw_query = r,
                    Some("Path") => parts.path = r,
                    _ => {}
                }
            }
        }
        Some(parts)
    }

    fn url_string(&self, parts: UrlParts, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        if parts.parse != NONE {
            let mut base = Vec::new();
            self.resolve_into(parts.parse, depth, mark, &mut base);
            if parts.path != NONE {
                // replace the path of the parsed URL
                let t = pieces_text(&base);
                let host_end = t
                    .find("://")
                    .map(|s| t[s + 3..].find('/').map(|k| s + 3 + k).unwrap_or(t.len()))
                    .unwrap_or(0);
                base = slice_pieces(&base, 0, host_end);
                self.resolve_into(parts.path, depth, false, &mut base);
            }
            out.extend(base);
        } else if parts.literal != NONE {
            let get = |k: &str| -> Option<u32> {
                let body = self.a.field(parts.literal, "body")?;
                for ke in self.a.named(body) {
                    if self.a.kind(ke) != "keyed_element" {
                        continue;
                    }
                    let key = self.a.field(ke, "key")?;
                    if self.a.text(key) == k {
                        return self.a.first_named(self.a.field(ke, "value")?);
                    }
                }
                None
            };
            if let Some(s) = get("Scheme") {
                self.resolve_into(s, depth, mark, out);
                out.push(Piece::synthetic("://"));
            }
            if let Some(h) = get("Host") {
                self.resolve_into(h, depth, mark, out);
            }
            let path = if parts.path != NONE {
                Some(parts.path)
            } else {
                get("Path")
            };
            if let Some(p) = path {
                self.resolve_into(p, depth, mark, out);
            }
            if parts.raw_query == NONE {
                if let Some(q) = get("RawQuery") {
                    out.push(Piece::synthetic("?"));
                    self.resolve_into(q, depth, mark, out);
                }
            }
        }
        if parts.raw_query != NONE {
            out.push(Piece::synthetic("?"));
            self.resolve_into(parts.raw_query, depth, false, out);
        }
    }

    // ----- key/value structures -----------------------------------------------

    fn key_of(&self, k: u32) -> Option<(String, Span)> {
        let k = self.peel(k);
        if let Some(x) = self.literal_text(k) {
            return Some(x);
        }
        if matches!(self.a.kind(k), "identifier" | "selector_expression") {
            let sv = self.value_sv(k);
            let t = sv.text();
            if sv.is_plain() && !t.is_empty() {
                return Some((t, self.a.span(k)));
            }
        }
        None
    }

    /// Entries of one keyed element of a composite literal. `Values`-style
    /// slices give one entry per value.
    fn keyed_entries(&self, ke: u32, map_like: bool, cl: u32) -> Vec<Entry> {
        let (Some(k), Some(v)) = (self.a.field(ke, "key"), self.a.field(ke, "value")) else {
            return Vec::new();
        };
        let k = self.a.first_named(k).unwrap_or(k);
        let (key, ks) = if map_like {
            match self.key_of(k) {
                Some(x) => x,
                None => return Vec::new(),
            }
        } else {
            if !matches!(self.a.kind(k), "identifier" | "field_identifier") {
                return Vec::new();
            }
            (self.a.text(k).to_string(), self.a.span(k))
        };
        let v = self.a.first_named(v).unwrap_or(v);
        // url.Values{"k": {"a", "b"}} / {"k": []string{"a"}}
        let values_lit = map_like
            && self.literal_type(cl).as_deref() != Some("http.Header")
            && (self.a.kind(v) == "literal_value"
                || (self.a.kind(v) == "composite_literal"
                    && self.a.field(v, "type").map(|t| self.a.kind(t)) == Some("slice_type")));
        if values_lit && self.literal_type(cl).as_deref() == Some(VALUES_TYPE) {
            let body = if self.a.kind(v) == "literal_value" {
                Some(v)
            } else {
                self.a.field(v, "body")
            };
            let items: Vec<u32> = body
                .map(|b| {
                    self.a
                        .named(b)
                        .filter(|&x| self.a.kind(x) == "literal_element")
                        .filter_map(|x| self.a.first_named(x))
                        .collect()
                })
                .unwrap_or_default();
            if items.is_empty() {
                return vec![Entry {
                    key,
                    key_span: Some(ks),
                    value: None,
                    value_span: Some(self.a.span(v)),
                    span: self.a.span(ke),
                }];
            }
            return items
                .into_iter()
                .map(|it| Entry {
                    key: key.clone(),
                    key_span: Some(ks.clone()),
                    value: self.value_opt(it),
                    value_span: Some(self.a.span(it)),
                    span: self.a.span(ke),
                })
                .collect();
        }
        let value = if map_like && self.a.kind(v) == "literal_value" {
            // http.Header{"K": {"v"}}
            self.a
                .named(v)
                .find(|&x| self.a.kind(x) == "literal_element")
                .and_then(|x| self.a.first_named(x))
                .and_then(|x| self.value_opt(x))
        } else {
            self.value_opt(v)
        };
        vec![Entry {
            key,
            key_span: Some(ks),
            value,
            value_span: Some(self.a.span(v)),
            span: self.a.span(ke),
        }]
    }

    fn literal_entries(&self, cl: u32) -> Vec<Entry> {
        let Some(body) = self.a.field(cl, "body") else {
            return Vec::new();
        };
        let map_like = self.is_map_literal(cl);
        let mut out = Vec::new();
        for ke in self.a.named(body) {
            if self.a.kind(ke) == "keyed_element" {
                out.extend(self.keyed_entries(ke, map_like, cl));
            }
        }
        out
    }

    /// A struct literal's entries under their JSON names (for encoded bodies).
    fn json_entries(&self, cl: u32) -> Vec<Entry> {
        let mut out = self.literal_entries(cl);
        if self.is_map_literal(cl) {
            return out;
        }
        let Some(t) = self.literal_type(cl) else {
            return out;
        };
        let Some(def) = self.structs.get(t.as_str()) else {
            return out;
        };
        for e in out.iter_mut() {
            if let Some(fd) = def.fields.iter().find(|f| f.name == e.key) {
                if let Some((w, ws)) = &fd.wire {
                    e.key = w.clone();
                    e.key_span = Some(ws.clone());
                }
            }
        }
        out
    }

    /// Entries of a `url.Values` (literal, or a variable with `Set`/`Add`
    /// calls before `at`).
    fn values_entries(&self, e: u32, at: u32, depth: u32, mark: bool) -> Vec<Entry> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let e = self.peel_ref(e);
        match self.a.kind(e) {
            "composite_literal" => {
                if mark {
                    self.mark_literals(e);
                }
                self.literal_entries(e)
            }
            "identifier" => {
                let name = self.a.text(e);
                let mut out = Vec::new();
                if let Some(b) = self.sc.bind_before(&self.a, e, name) {
                    if let BindKind::Value(value) = b.kind {
                        let v = self.peel_ref(value);
                        if self.a.kind(v) == "composite_literal" {
                            out = self.literal_entries(v);
                        }
                    }
                }
                let scope = self
                    .sc
                    .local_scope_of(&self.a, e, name)
                    .unwrap_or(self.a.scope(e));
                let same_fn = self.a.scope(e) == scope;
                for &call in self
                    .value_ops
                    .get(&(scope, name))
                    .map(|v| v.as_slice())
                    .unwrap_or(&[])
                {
                    if same_fn && self.a.start(call) >= at.min(self.a.start(e)) {
                        continue;
                    }
                    self.apply_value_op(call, &mut out);
                }
                out
            }
            _ => Vec::new(),
        }
    }

    fn value_op_name(&self, call: u32) -> &'s str {
        self.a
            .field(call, "function")
            .and_then(|f| self.a.field(f, "field"))
            .map(|f| self.a.text(f))
            .unwrap_or("")
    }

    fn value_op_entry(&self, call: u32) -> Option<Entry> {
        let args = self.args(call);
        let (key, ks) = self.key_of(*args.first()?)?;
        let v = args.get(1).copied();
        Some(Entry {
            key,
            key_span: Some(ks),
            value: v.and_then(|v| self.value_opt(v)),
            value_span: v.map(|v| self.a.span(v)),
            span: self.a.span(call),
        })
    }

    fn apply_value_op(&self, call: u32, out: &mut Vec<Entry>) {
        let op = self.value_op_name(call);
        let Some(entry) = self.value_op_entry(call) else {
            return;
        };
        match op {
            "Set" => {
                out.retain(|x| x.key != entry.key);
                out.push(entry);
            }
            "Add" => out.push(entry),
            "Del" => out.retain(|x| x.key != entry.key),
            _ => {}
        }
    }

    fn mark_literals(&self, root: u32) {
        let mut stack = vec![root];
        let mut c = self.memo.consumed.borrow_mut();
        while let Some(x) = stack.pop() {
            if matches!(
                self.a.kind(x),
                "interpreted_string_literal" | "raw_string_literal"
            ) {
                if let Some(slot) = c.get_mut(x as usize) {
                    *slot = true;
                }
                continue;
            }
            stack.extend(self.a.kids(x).iter().copied());
        }
    }

    /// Entries of a body expression: a map or struct literal, a variable
    /// bound to one, `v.Encode()`.
    fn entries_of(&self, e: u32, depth: u32) -> Vec<Entry> {
        if depth > 8 {
            return Vec::new();
        }
        let e = self.peel_ref(e);
        match self.a.kind(e) {
            "composite_literal" => self.json_entries(e),
            "identifier" => {
                if self.is_values(e) {
                    return self.values_entries(e, self.a.start(e), 0, false);
                }
                match self
                    .sc
                    .bind_before(&self.a, e, self.a.text(e))
                    .map(|b| b.kind)
                {
                    Some(BindKind::Value(value)) => self.entries_of(value, depth + 1),
                    _ => Vec::new(),
                }
            }
            "call_expression" => {
                let Some(func) = self.a.field(e, "function") else {
                    return Vec::new();
                };
                if self.a.kind(func) == "selector_expression" {
                    let name = self.a.field(func, "field").map(|f| self.a.text(f));
                    let op = self.a.field(func, "operand").unwrap_or(NONE);
                    if name == Some("Encode") && self.is_values(op) {
                        return self.values_entries(op, self.a.start(e), 0, false);
                    }
                }
                if self.is_stringy(e) {
                    return string_pairs(&self.value_sv(e), false, slice_pieces);
                }
                Vec::new()
            }
            _ if self.is_stringy(e) => string_pairs(&self.value_sv(e), false, slice_pieces),
            _ => Vec::new(),
        }
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "composite_literal" => {
                    m.entries.extend(self.literal_entries(id));
                }
                "literal_value" if self.a.kind(self.a.parent(id)) == "literal_element" => {
                    // `{…}` element of a map of structs: untyped nested literals
                }
                "call_expression" => {
                    let name = self.value_op_name(id);
                    if !matches!(name, "Set" | "Add") {
                        continue;
                    }
                    let Some(op) = self
                        .a
                        .field(id, "function")
                        .and_then(|f| self.a.field(f, "operand"))
                    else {
                        continue;
                    };
                    if self.is_values(op) {
                        if let Some(e) = self.value_op_entry(id) {
                            m.entries.push(e);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut extra = Vec::new();
        for sv in &m.strings {
            extra.extend(string_pairs(sv, true, slice_pieces));
        }
        m.entries.extend(extra);
    }

    // ----- HTTP requests and calls -------------------------------------------

    fn requests_and_calls(&mut self, m: &mut FileModel) {
        let mut refresh_calls = Vec::new();
        for id in self.ids() {
            if self.a.kind(id) != "call_expression" {
                continue;
            }
            let Some(func) = self.a.field(id, "function") else {
                continue;
            };
            let (req, also_call) = match self.detect_request(id) {
                Some((r, c)) => (Some(r), c),
                None => (None, true),
            };
            if let Some(r) = req {
                self.req_of_call.insert(id, m.http_requests.len());
                m.http_requests.push(r);
                if !also_call {
                    continue;
                }
            }
            let Some(callee) = self.callee_chain(func) else {
                continue;
            };
            let (name, name_span) = match self.a.kind(func) {
                "selector_expression" => match self.a.field(func, "field") {
                    Some(n) => (self.a.text(n), self.a.span(n)),
                    None => continue,
                },
                _ => (self.a.text(func), self.a.span(func)),
            };
            let args = self.args(id);
            let call = Call {
                callee: callee.clone(),
                name: name.to_string(),
                name_span: name_span.clone(),
                span: self.a.span(id),
                args: args.iter().map(|&p| self.value_opt(p)).collect(),
                kwargs: Vec::new(),
            };
            m.calls.push(call);
            if self.is_refresh_source(id, func, name) {
                refresh_calls.push(Call {
                    callee,
                    name: "refresh_token".to_string(),
                    name_span,
                    span: self.a.span(id),
                    args: Vec::new(),
                    kwargs: Vec::new(),
                });
            }
        }
        m.calls.extend(refresh_calls);
        self.forwarded_requests(m);
        self.config_requests(m);
        self.attach_request_parts(m);
        self.basic_auth_hints(m);
        self.json_to_form_hints(m);
        self.query_to_form_hints(m);
    }

    /// Requests made by calls of the file's own functions that pass a token
    /// URL on to a request (see [`crate::sema::helpers::forwarded_requests`]).
    fn forwarded_requests(&mut self, m: &mut FileModel) {
        let mut at: Vec<(u32, usize)> = self.req_of_call.iter().map(|(&c, &i)| (c, i)).collect();
        at.sort_unstable();
        let inner: Vec<(&HttpRequest, u32)> =
            at.iter().map(|&(c, i)| (&m.http_requests[i], c)).collect();
        let rest: Vec<u32> = self
            .ids()
            .filter(|&id| {
                self.a.kind(id) == "call_expression" && !self.req_of_call.contains_key(&id)
            })
            .collect();
        let found = crate::sema::helpers::forwarded_requests(&*self, &inner, &rest);
        for (r, call) in found {
            self.req_of_call.insert(call, m.http_requests.len());
            m.http_requests.push(r);
        }
    }

    /// A config that sends the client credentials as form parameters
    /// (`AuthStyle: oauth2.AuthStyleInParams`) and that no call in the file
    /// uses to ask for a token is handed to code that does (an OAuth HTTP
    /// client of another package): its refresh requests are the config's,
    /// recorded at the literal.
    fn config_requests(&mut self, m: &mut FileModel) {
        if m.http_requests.iter().any(|r| r.library == "oauth2") {
            return;
        }
        for &lit in &self.oauth_configs {
            let Some(ty) = self.a.field(lit, "type") else {
                continue;
            };
            let r = self.token_request(lit, ty, Some(lit), "refresh_token");
            if !r.basic_auth && r.body.iter().any(|e| e.key == "client_id") {
                m.http_requests.push(r);
            }
        }
    }

    /// GT015's rewrite of a form POST without a body whose parameters are
    /// in the URL's query (`http.Post(u+"?grant_type=…", form, nil)`): the
    /// query, from its `?` to the end of the URL expression, becomes the
    /// body `strings.NewReader("grant_type=…")`.
    fn query_to_form_hints(&self, m: &mut FileModel) {
        let mut calls: Vec<(u32, usize)> = self.req_of_call.iter().map(|(&c, &i)| (c, i)).collect();
        calls.sort_unstable();
        for (call, ri) in calls {
            let Some(req) = m.http_requests.get(ri) else {
                continue;
            };
            if req.library != "net/http"
                || req.method != Some(Method::Post)
                || req.body_span.is_some()
                || !req.body.is_empty()
            {
                continue;
            }
            if let Some(edits) = self.query_to_form_edits(call, req) {
                m.http_requests[ri].rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::QueryToForm,
                    edits,
                });
            }
        }
    }

    fn query_to_form_edits(&self, call: u32, req: &HttpRequest) -> Option<Vec<(Span, String)>> {
        let text = self.a.src;
        let func = self.a.field(call, "function")?;
        let name = self.a.text(self.a.field(func, "field")?);
        let args = self.args(call);
        // (URL, body) arguments, and a form content type declared
        let (url, body) = match (name, args.as_slice()) {
            ("Post", [u, ct, b]) => {
                let ct = self.a.text(*ct);
                if !(ct.starts_with('"') && ct.contains("application/x-www-form-urlencoded")) {
                    return None;
                }
                (*u, *b)
            }
            ("NewRequest", [_, u, b]) | ("NewRequestWithContext", [_, _, u, b]) => {
                let form = req.headers.iter().any(|h| {
                    h.key.eq_ignore_ascii_case("content-type")
                        && h.value
                            .as_ref()
                            .is_some_and(|v| v.text().contains("application/x-www-form-urlencoded"))
                });
                if !form {
                    return None;
                }
                (*u, *b)
            }
            _ => return None,
        };
        let body = self.peel(body);
        let empty = self.a.kind(body) == "nil"
            || self
                .pkg_member(body)
                .is_some_and(|(p, n)| p == "http" && n == "NoBody");
        let reader = self.imports.iter().find_map(|(n, p)| match *p {
            "strings" if !matches!(*n, "_" | ".") => Some(format!("{n}.NewReader")),
            _ => None,
        });
        let reader = reader.or_else(|| {
            self.imports.iter().find_map(|(n, p)| {
                (*p == "bytes" && !matches!(*n, "_" | ".")).then(|| format!("{n}.NewBufferString"))
            })
        })?;
        if !empty {
            return None;
        }
        // the URL as written: one literal, or a `+` chain of operands
        let mut operands = Vec::new();
        let mut stack = vec![self.peel(url)];
        while let Some(e) = stack.pop() {
            let plus = self.a.kind(e) == "binary_expression" && self.a.operator(e) == Some("+");
            if plus {
                stack.push(self.peel(self.a.field(e, "right")?));
                stack.push(self.peel(self.a.field(e, "left")?));
            } else {
                operands.push(e);
            }
            if operands.len() > 32 {
                return None;
            }
        }
        // the one `?` of the resolved URL sits in one of these literals
        let value = req.url.as_ref()?;
        let resolved = value.text();
        let mark = resolved.find('?')?;
        if resolved[mark + 1..].contains(['?', '#']) {
            return None;
        }
        let question = value.source_of(mark..mark + 1)?;
        let k = operands.iter().position(|&o| {
            matches!(
                self.a.kind(o),
                "interpreted_string_literal" | "raw_string_literal"
            ) && self.a.start(o) as usize <= question.start
                && question.end <= self.a.end(o) as usize
        })?;
        let literal = operands[k];
        let (open, close) = (self.a.start(literal) as usize, self.a.end(literal) as usize);
        let quote = text.get(open..open + 1)?;
        let last = *operands.last()?;
        let tail_end = self.a.end(last) as usize;
        let after_mark = text.get(question.end..close - 1)?;
        let rest = text.get(close..tail_end)?;
        // the query: the literal's part after `?` and the operands after it
        let query = match (after_mark.is_empty(), k + 1 < operands.len()) {
            (true, true) => text
                .get(self.a.start(operands[k + 1]) as usize..tail_end)?
                .to_string(),
            (true, false) => return None,
            (false, _) => format!("{quote}{after_mark}{quote}{rest}"),
        };
        if query.contains('\n') {
            return None;
        }
        let removed = if question.start == open + 1 {
            // the literal starts the query: it goes with its `+`
            if k == 0 {
                return None;
            }
            self.a.end(operands[k - 1]) as usize..tail_end
        } else {
            question.start..tail_end
        };
        let closing = if question.start == open + 1 {
            String::new()
        } else {
            quote.to_string()
        };
        Some(vec![
            (removed, closing),
            (self.a.span(body), format!("{reader}({query})")),
        ])
    }

    /// GT006's rewrite of a JSON body marshalled from a flat
    /// `map[string]string` literal and labelled `application/json`: the
    /// map becomes the `url.Values` it already is pair by pair, encoded,
    /// and the label the form type. Only where `net/url` is imported and
    /// `encoding/json` stays in use, so the file still builds.
    fn json_to_form_hints(&self, m: &mut FileModel) {
        let mut calls: Vec<(u32, usize)> = self.req_of_call.iter().map(|(&c, &i)| (c, i)).collect();
        calls.sort_unstable();
        for (_, ri) in calls {
            let Some(req) = m.http_requests.get(ri) else {
                continue;
            };
            if req.library != "net/http" || req.body_kind != Some(BodyKind::Json) {
                continue;
            }
            if let Some(edits) = self.json_to_form_edits(req) {
                m.http_requests[ri].rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::JsonToForm,
                    edits,
                });
            }
        }
    }

    fn json_to_form_edits(&self, req: &HttpRequest) -> Option<Vec<(Span, String)>> {
        let text = self.a.src;
        let url_name = self
            .imports
            .iter()
            .find(|(_, p)| **p == "net/url")
            .map(|(n, _)| *n)?;
        // the one content type, a JSON literal written as the value
        let mut types = req
            .headers
            .iter()
            .filter(|h| h.key.eq_ignore_ascii_case("content-type"));
        let header = types.next()?;
        let label = header.value_span.clone()?;
        let written = text.get(label.clone())?;
        if types.next().is_some()
            || !(written.starts_with('"') && written.ends_with('"'))
            || !written.to_ascii_lowercase().contains("application/json")
        {
            return None;
        }
        // `bytes.NewBuffer(payload)`, `bytes.NewReader(payload)`,
        // `strings.NewReader(string(payload))`
        let body = req.body_span.clone()?;
        let mut e = self
            .ids()
            .find(|&n| self.a.span(n) == body && self.a.kind(n) == "call_expression")?;
        for _ in 0..2 {
            match self.a.kind(e) {
                "call_expression" => {
                    let func = self.a.field(e, "function")?;
                    let wraps = self.pkg_member(func).is_some_and(|(p, n)| {
                        matches!(
                            (p.as_str(), n),
                            ("bytes", "NewBuffer" | "NewReader") | ("strings", "NewReader")
                        )
                    });
                    let args = self.args(e);
                    if !wraps || args.len() != 1 {
                        return None;
                    }
                    e = self.peel(args[0]);
                }
                "type_conversion_expression" => e = self.peel(self.a.field(e, "operand")?),
                _ => break,
            }
        }
        if self.a.kind(e) != "identifier" {
            return None;
        }
        let payload = self.a.text(e);
        let BindKind::Value(value) = self.sc.bind_before(&self.a, e, payload)?.kind else {
            return None;
        };
        // `payload, err := json.Marshal(map[string]string{…})`
        let marshal = self.peel(value);
        let func = self.a.field(marshal, "function")?;
        if self.pkg_member(func).map(|(p, n)| (p, n.to_string()))
            != Some(("json".to_string(), "Marshal".to_string()))
        {
            return None;
        }
        let args = self.args(marshal);
        let literal = match args.as_slice() {
            [one] => self.peel(*one),
            _ => return None,
        };
        let ty = self.a.field(literal, "type")?;
        let compact: String = self.a.text(ty).split_whitespace().collect();
        if self.a.kind(literal) != "composite_literal" || compact != "map[string]string" {
            return None;
        }
        let right = self.a.parent(marshal);
        let st = self.a.parent(right);
        if self.a.kind(right) != "expression_list"
            || !matches!(
                self.a.kind(st),
                "short_var_declaration" | "assignment_statement"
            )
            || self.a.named_vec(right).len() != 1
        {
            return None;
        }
        let lefts = self.a.named_vec(self.a.field(st, "left")?);
        let [first, second] = lefts.as_slice() else {
            return None;
        };
        if self.a.text(*first) != payload {
            return None;
        }
        // the payload feeds this request alone, and `json` stays in use
        let scope = self.a.scope(marshal);
        if scope == 0 {
            return None;
        }
        let function = self.a.span(scope);
        let uses = self
            .ids()
            .filter(|&n| {
                self.a.kind(n) == "identifier"
                    && self.a.text(n) == payload
                    && self.a.start(n) as usize >= function.start
                    && self.a.end(n) as usize <= function.end
                    && self.a.field_name(self.a.parent(n)) != "left"
            })
            .count();
        let json_elsewhere = self.ids().any(|n| {
            n != func
                && self.a.kind(n) == "selector_expression"
                && self.pkg_member(n).is_some_and(|(p, _)| p == "json")
        });
        if uses != 1 || !json_elsewhere {
            return None;
        }
        let mut edits = vec![(
            self.a.start(marshal) as usize..self.a.end(ty) as usize,
            format!("[]byte({url_name}.Values"),
        )];
        let elements = self.a.named_vec(self.a.field(literal, "body")?);
        for ke in elements {
            if self.a.kind(ke) != "keyed_element" {
                return None;
            }
            let key = self
                .a
                .field(ke, "key")
                .and_then(|k| self.a.first_named(k))?;
            let value = self
                .a
                .field(ke, "value")
                .and_then(|v| self.a.first_named(v))?;
            // a string key: the same key in the form
            self.literal_text(key)?;
            edits.push((
                self.a.start(value) as usize..self.a.start(value) as usize,
                "{".into(),
            ));
            edits.push((
                self.a.end(value) as usize..self.a.end(value) as usize,
                "}".into(),
            ));
        }
        let end = self.a.end(literal) as usize;
        edits.push((end..end, ".Encode()".to_string()));
        if self.a.text(*second) == "_" && self.a.kind(st) == "short_var_declaration" {
            // `payload, _ :=` → `payload :=`
            edits.push((
                self.a.end(*first) as usize..self.a.end(*second) as usize,
                String::new(),
            ));
        } else {
            let end = self.a.end(marshal) as usize;
            edits.push((end..end, ", error(nil)".to_string()));
        }
        edits.push((label, "\"application/x-www-form-urlencoded\"".to_string()));
        Some(edits)
    }

    /// GT005's rewrite of `http.NewRequest` with the client credentials in
    /// its `url.Values` body: both entries removed, and
    /// `req.SetBasicAuth(id, secret)` joined to the first later statement
    /// that already uses the request (`req.Header.Set(…)`), so no line is
    /// added (gofmt then puts it on a line of its own).
    fn basic_auth_hints(&self, m: &mut FileModel) {
        let mut calls: Vec<(u32, usize)> = self.req_of_call.iter().map(|(&c, &i)| (c, i)).collect();
        calls.sort_unstable();
        for (call, ri) in calls {
            let Some(req) = m.http_requests.get(ri) else {
                continue;
            };
            let authorized = req.basic_auth
                || req
                    .headers
                    .iter()
                    .any(|h| h.key.eq_ignore_ascii_case("authorization"));
            let new_request = self
                .a
                .field(call, "function")
                .and_then(|f| self.pkg_member(f))
                .is_some_and(|(p, n)| {
                    p == "http" && matches!(n, "NewRequest" | "NewRequestWithContext")
                });
            if req.library != "net/http" || authorized || !new_request {
                continue;
            }
            let one = |key: &str| {
                let mut found = req.body.iter().filter(|e| e.key == key);
                let first = found.next()?;
                found.next().is_none().then_some(first)
            };
            let (Some(id), Some(secret)) = (one("client_id"), one("client_secret")) else {
                continue;
            };
            if let Some(edits) = self.basic_auth_edits(call, id, secret) {
                m.http_requests[ri].rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::BasicAuth,
                    edits,
                });
            }
        }
    }

    /// The statement (a child of a statement list) that holds `node`.
    fn statement_of(&self, node: u32) -> Option<u32> {
        let mut n = node;
        for _ in 0..ANCESTOR_LIMIT {
            let p = self.a.parent(n);
            if p == NONE {
                return None;
            }
            if self.a.kind(p) == "statement_list" {
                return Some(n);
            }
            n = p;
        }
        None
    }

    /// The names a statement assigns or declares (`a, b := …`, `x.f = …`
    /// gives `x`, `i++`).
    fn assigned_roots(&self, st: u32) -> Vec<&'s str> {
        let left = match self.a.kind(st) {
            "assignment_statement" | "short_var_declaration" => self.a.field(st, "left"),
            "inc_statement" | "dec_statement" => self.a.first_named(st),
            "var_declaration" => Some(st),
            _ => None,
        };
        let Some(left) = left else {
            return Vec::new();
        };
        let text = self.a.text(left);
        let text = text.strip_prefix("var").unwrap_or(text);
        text.split(',')
            .filter_map(|t| {
                let t = t.trim().trim_start_matches(['*', '(']);
                let end = t
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(t.len());
                (end > 0).then(|| &t[..end])
            })
            .collect()
    }

    fn basic_auth_edits(
        &self,
        call: u32,
        id: &Entry,
        secret: &Entry,
    ) -> Option<Vec<(Span, String)>> {
        use crate::sema::rewrites::{
            entry_removal, extent_removals, joined_statement, line_removal,
        };
        let text = self.a.src;
        // `req, err := http.NewRequest(…)` in a statement list
        let right = self.a.parent(call);
        let st = self.a.parent(right);
        if self.a.kind(right) != "expression_list"
            || self.a.field_name(right) != "right"
            || !matches!(
                self.a.kind(st),
                "short_var_declaration" | "assignment_statement"
            )
        {
            return None;
        }
        let var = self
            .a
            .field(st, "left")
            .and_then(|l| self.a.first_named(l))?;
        let var_name = self.a.text(var);
        let list = self.a.parent(st);
        if self.a.kind(var) != "identifier"
            || var_name == "_"
            || self.a.kind(list) != "statement_list"
        {
            return None;
        }
        let scope = self.a.scope(call);
        if scope == 0 {
            return None;
        }
        // the two entries: elements of one `url.Values` literal, or `Set`
        // statements on the values variable, in this statement list
        let mut values = Vec::new();
        let mut roots = Vec::new();
        let mut literal_elements = Vec::new();
        let mut removals = Vec::new();
        let mut first_statement = st;
        let mut holder: Option<&'s str> = None;
        for entry in [id, secret] {
            let node = self.ids().find(|&n| {
                self.a.span(n) == entry.span
                    && matches!(self.a.kind(n), "keyed_element" | "call_expression")
            })?;
            let value = text.get(entry.value_span.clone()?)?;
            let root = simple_operand(value)?;
            let statement = self.statement_of(node)?;
            if self.a.parent(statement) != list || self.a.start(statement) > self.a.start(st) {
                return None;
            }
            if self.a.start(statement) < self.a.start(first_statement) {
                first_statement = statement;
            }
            let name = if self.a.kind(node) == "keyed_element" {
                literal_elements.push(entry.span.clone());
                // `form := url.Values{…}`, or the literal inside the call
                if statement == st {
                    None
                } else {
                    let left = self.a.field(statement, "left")?;
                    let names = self.a.named_vec(left);
                    match names.as_slice() {
                        [n] if self.a.kind(*n) == "identifier" => Some(self.a.text(*n)),
                        _ => return None,
                    }
                }
            } else {
                if self.a.kind(self.a.parent(node)) != "expression_statement"
                    || !matches!(self.value_op_name(node), "Set" | "Add")
                {
                    return None;
                }
                removals.push(line_removal(text, &self.a.span(statement), &["//"])?);
                let op = self.a.field(self.a.field(node, "function")?, "operand")?;
                (self.a.kind(op) == "identifier").then(|| self.a.text(op))
            };
            match (holder, name) {
                (Some(a), Some(b)) if a != b => return None,
                (None, Some(b)) => holder = Some(b),
                _ => {}
            }
            values.push(value);
            roots.extend(root);
        }
        match literal_elements.len() {
            2 => removals.extend(extent_removals(text, &mut literal_elements, &[])?),
            1 => removals.push(entry_removal(text, &literal_elements[0])?),
            _ => {}
        }
        // the values variable feeds this request alone: one use besides
        // its declaration and its `Set`/`Add` calls
        if let Some(name) = holder {
            let function = self.a.span(scope);
            let uses = self
                .ids()
                .filter(|&n| {
                    let parent = self.a.parent(n);
                    self.a.kind(n) == "identifier"
                        && self.a.text(n) == name
                        && self.a.start(n) as usize >= function.start
                        && (self.a.end(n) as usize) <= function.end
                        && !self.is_value_op_receiver(n)
                        && self.a.field_name(parent) != "left"
                        && self.a.kind(parent) != "var_spec"
                })
                .count();
            if uses != 1 {
                return None;
            }
        }
        // the first later statement that uses the request: a call on it
        let statements = self.a.named_vec(list);
        let at = statements.iter().position(|&x| x == st)?;
        let mut anchor = None;
        for &next in &statements[at + 1..] {
            let mentions = |n: u32| {
                let mut stack = vec![n];
                while let Some(x) = stack.pop() {
                    if self.a.kind(x) == "identifier" && self.a.text(x) == var_name {
                        return true;
                    }
                    stack.extend(self.a.kids(x).iter().copied());
                }
                false
            };
            if !mentions(next) {
                continue;
            }
            let expr = (self.a.kind(next) == "expression_statement")
                .then(|| self.a.first_named(next))
                .flatten();
            let on_request = expr.is_some_and(|e| {
                self.a.kind(e) == "call_expression"
                    && self
                        .callee_chain(self.a.field(e, "function").unwrap_or(NONE))
                        .is_some_and(|c| c.split('.').next() == Some(var_name) && c.contains('.'))
            });
            if on_request {
                anchor = Some(next);
            }
            break;
        }
        let anchor = anchor?;
        // nothing between the values and the new call assigns a name they use
        let (from, to) = (self.a.start(first_statement), self.a.start(anchor));
        let reassigned = self.ids().any(|n| {
            self.a.start(n) > from
                && self.a.start(n) < to
                && self
                    .assigned_roots(n)
                    .iter()
                    .any(|r| roots.contains(r) || *r == var_name && n != st)
        });
        if reassigned {
            return None;
        }
        let call_text = format!("{var_name}.SetBasicAuth({}, {})", values[0], values[1]);
        removals.push(joined_statement(
            text,
            self.a.end(anchor) as usize,
            &call_text,
            &["//"],
        )?);
        Some(removals)
    }

    /// `v` of a `v.Set(…)`, `v.Add(…)`, `v.Del(…)` call.
    fn is_value_op_receiver(&self, id: u32) -> bool {
        let sel = self.a.parent(id);
        let call = self.a.parent(sel);
        self.a.kind(sel) == "selector_expression"
            && self.a.field(sel, "operand") == Some(id)
            && self.a.kind(call) == "call_expression"
            && matches!(self.value_op_name(call), "Set" | "Add" | "Del")
    }

    /// `conf.TokenSource(ctx, tok)`, `oauth2.ReuseTokenSource(…)`,
    /// `conf.Client(ctx, tok)`: the library refreshes the token.
    fn is_refresh_source(&self, call: u32, func: u32, name: &str) -> bool {
        if let Some((pkg, n)) = self.pkg_member(func) {
            return pkg == "oauth2" && n == "ReuseTokenSource";
        }
        if !matches!(name, "TokenSource" | "Client") || self.a.kind(func) != "selector_expression" {
            return false;
        }
        let Some(op) = self.a.field(func, "operand") else {
            return false;
        };
        // `cc.TokenSource(ctx)` of clientcredentials takes one argument
        self.type_of(op, 0).as_deref() == Some("oauth2.Config") && self.args(call).len() >= 2
    }

    fn callee_chain(&self, func: u32) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        let mut e = func;
        for _ in 0..64 {
            match self.a.kind(e) {
                "identifier" => {
                    parts.push(self.a.text(e));
                    break;
                }
                "selector_expression" => {
                    parts.push(self.a.text(self.a.field(e, "field")?));
                    e = self.a.field(e, "operand")?;
                }
                "call_expression" => e = self.a.field(e, "function")?,
                "parenthesized_expression" | "unary_expression" => {
                    e = self.a.first_named(e)?;
                    if self.a.kind(e) == "unary_expression" {
                        e = self.a.field(e, "operand")?;
                    }
                }
                "index_expression" => e = self.a.field(e, "operand")?,
                _ => return None,
            }
        }
        parts.reverse();
        (!parts.is_empty()).then(|| parts.join("."))
    }

    fn empty_request(&self, call: u32, library: &str) -> HttpRequest {
        crate::sema::requests::empty_request(self.a.span(call), library)
    }

    /// Whether a receiver is an `http.Client`.
    fn is_http_client(&self, op: u32) -> bool {
        if self.type_of(op, 0).as_deref() == Some("http.Client") {
            return true;
        }
        let text = self.a.text(op);
        if text == "http.DefaultClient" {
            return true;
        }
        let last = text.rsplit('.').next().unwrap_or(text).to_ascii_lowercase();
        last.contains("client") || matches!(last.as_str(), "http" | "hc" | "httpc")
    }

    /// (request, also record as a call)
    fn detect_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        if let Some(found) = self.library_request(call) {
            return Some(found);
        }
        let r = crate::sema::helpers::helper_request(self, call, "helper", self.a.span(call))?;
        Some((r, false))
    }

    fn library_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        let func = self.a.field(call, "function")?;
        if self.a.kind(func) != "selector_expression" {
            return None;
        }
        let args = self.args(call);
        let name_node = self.a.field(func, "field")?;
        let name = self.a.text(name_node);
        if let Some((pkg, n)) = self.pkg_member(func) {
            if pkg == "http" {
                return match n {
                    "Get" | "Head" | "Post" | "PostForm" => {
                        Some((self.simple_request(call, name_node, n, &args), false))
                    }
                    "NewRequest" | "NewRequestWithContext" => {
                        Some((self.new_request(call, n, &args), false))
                    }
                    _ => None,
                };
            }
            return None;
        }
        let op = self.a.field(func, "operand")?;
        if matches!(
            name,
            "Get" | "Head" | "Post" | "Put" | "Patch" | "Delete" | "Options" | "Execute"
        ) {
            if let Some(r) = self.resty_request(call, name_node, name, &args) {
                return Some((r, false));
            }
        }
        match name {
            "Get" | "Head" | "Post" | "PostForm" => {
                let arity = match name {
                    "Get" | "Head" => 1,
                    "Post" => 3,
                    _ => 2,
                };
                if args.len() == arity && self.is_http_client(op) {
                    return Some((self.simple_request(call, name_node, name, &args), false));
                }
                None
            }
            "PasswordCredentialsToken" | "Exchange" => {
                let known = self.type_of(op, 0).as_deref() == Some("oauth2.Config");
                let min_args = if name == "Exchange" { 2 } else { 3 };
                if !(known || self.oauth_imported) || args.len() < min_args {
                    return None;
                }
                let grant = if name == "Exchange" {
                    "authorization_code"
                } else {
                    "password"
                };
                let conf = self.config_literal(op, 0);
                Some((self.token_request(call, name_node, conf, grant), true))
            }
            "Token" if args.len() <= 1 => match self.type_of(op, 0).as_deref() {
                Some("oauth2.TokenSource") => {
                    let conf = self.source_config(op, 0);
                    Some((
                        self.token_request(call, name_node, conf, "refresh_token"),
                        true,
                    ))
                }
                Some("clientcredentials.Config") if args.len() == 1 => {
                    let conf = self.config_literal(op, 0);
                    Some((
                        self.token_request(call, name_node, conf, "client_credentials"),
                        true,
                    ))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The calls of a resty request: `client.R().SetFormData(…).Post(url)`,
    /// also when part of the chain sits in a variable (`req := client.R()`,
    /// `req.SetHeader(…)`). Returns (setter calls, calls on the client).
    fn resty_chain(&self, call: u32) -> Option<(Vec<u32>, Vec<u32>)> {
        let mut setters = Vec::new();
        let mut client = Vec::new();
        let mut seen_r = false;
        let mut e = self
            .a
            .field(call, "function")
            .and_then(|f| self.a.field(f, "operand"))?;
        let mut follows = 0;
        for _ in 0..256 {
            e = self.peel(e);
            match self.a.kind(e) {
                "call_expression" => {
                    let f = self.a.field(e, "function")?;
                    if self.a.kind(f) != "selector_expression" {
                        break;
                    }
                    let n = self
                        .a
                        .field(f, "field")
                        .map(|x| self.a.text(x))
                        .unwrap_or("");
                    if n == "R" {
                        seen_r = true;
                    } else if seen_r {
                        client.push(e);
                    } else {
                        setters.push(e);
                    }
                    if let Some((pkg, _)) = self.pkg_member(f) {
                        if pkg == "resty" {
                            break;
                        }
                    }
                    e = self.a.field(f, "operand")?;
                }
                "identifier" if follows < 8 => {
                    follows += 1;
                    let name = self.a.text(e);
                    if !seen_r {
                        // `req.SetHeader(…)` statements on the request variable
                        setters.extend(self.statements_on(e, name, self.a.start(call)));
                    }
                    match self.sc.bind_before(&self.a, e, name).map(|b| b.kind) {
                        Some(BindKind::Value(value)) => e = value,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        if !seen_r {
            return None;
        }
        let imported = self.imports.values().any(|p| p.contains("resty"));
        let rooted = self.a.text(e).starts_with("resty.");
        (imported || rooted).then_some((setters, client))
    }

    /// Setter calls made on a variable as statements before `upto`.
    fn statements_on(&self, var: u32, name: &str, upto: u32) -> Vec<u32> {
        let scope = self.a.scope(var);
        let mut out = Vec::new();
        for id in scope..self.a.len() as u32 {
            if self.a.start(id) >= upto {
                break;
            }
            if self.a.kind(id) != "expression_statement" || self.a.scope(id) != scope {
                continue;
            }
            let mut e = self.a.first_named(id).unwrap_or(NONE);
            let mut chain = Vec::new();
            for _ in 0..64 {
                if self.a.kind(e) != "call_expression" {
                    break;
                }
                let Some(f) = self.a.field(e, "function") else {
                    break;
                };
                if self.a.kind(f) != "selector_expression" {
                    break;
                }
                chain.push(e);
                e = self.a.field(f, "operand").unwrap_or(NONE);
            }
            if self.a.kind(e) == "identifier" && self.a.text(e) == name {
                out.extend(chain);
            }
        }
        out
    }

    fn resty_request(
        &self,
        call: u32,
        name_node: u32,
        name: &str,
        args: &[u32],
    ) -> Option<HttpRequest> {
        let (setters, client) = self.resty_chain(call)?;
        let mut req = self.empty_request(call, "resty");
        let mut url_arg = args.first().copied();
        if name == "Execute" {
            if let Some(&m) = args.first() {
                self.set_method(&mut req, m);
            }
            url_arg = args.get(1).copied();
        } else {
            req.method = Some(Method::parse(name));
            req.method_source = MethodSource::Explicit {
                span: self.a.span(name_node),
            };
        }
        let setter = |c: u32| -> (&'s str, Vec<u32>) {
            let n = self
                .a
                .field(c, "function")
                .and_then(|f| self.a.field(f, "field"))
                .map(|f| self.a.text(f))
                .unwrap_or("");
            (n, self.args(c))
        };
        let base = client.iter().find_map(|&c| {
            let (n, a) = setter(c);
            matches!(n, "SetBaseURL" | "SetHostURL")
                .then(|| a.first().copied())
                .flatten()
        });
        if let Some(u) = url_arg {
            let mut sv = self.value_sv(u);
            if let Some(b) = base {
                let t = sv.text();
                if !t.contains("://") {
                    let mut pieces = self.value_sv(b).pieces;
                    let bt = pieces_text(&pieces);
                    if !bt.ends_with('/') && !t.starts_with('/') && !t.is_empty() {
                        pieces.push(Piece::synthetic("/"));
                    }
                    pieces.extend(sv.pieces);
                    sv.pieces = pieces;
                    // the joined URL is also a value where the path is written
                    self.joined_urls.borrow_mut().push(sv.clone());
                }
            }
            if sv.text().contains('?') {
                req.query = string_pairs(&sv, false, slice_pieces);
            }
            req.url = Some(sv);
        }
        // setters run in source order: the chain was collected outside-in
        for &c in setters.iter().rev().chain(client.iter().rev()) {
            let (n, a) = setter(c);
            match n {
                "SetFormData" | "SetFormDataFromValues" => {
                    if let Some(&b) = a.first() {
                        req.body = self.entries_of(b, 0);
                        req.body_kind = Some(BodyKind::Form);
                        req.body_span = Some(self.a.span(b));
                    }
                }
                "SetBody" => {
                    if let Some(&b) = a.first() {
                        let b0 = self.peel_ref(b);
                        req.body_span = Some(self.a.span(b));
                        if self.a.kind(b0) == "composite_literal" {
                            req.body_kind = Some(BodyKind::Json);
                            req.body = self.json_entries(b0);
                        } else {
                            let (k, e) = self.body_of(b0, 0);
                            req.body_kind = Some(k);
                            req.body = e;
                        }
                    }
                }
                "SetHeader" => {
                    if let (Some(&k), v) = (a.first(), a.get(1).copied()) {
                        if let Some((key, ks)) = self.key_of(k) {
                            req.headers.push(Entry {
                                key,
                                key_span: Some(ks),
                                value: v.and_then(|v| self.value_opt(v)),
                                value_span: v.map(|v| self.a.span(v)),
                                span: self.a.span(c),
                            });
                        }
                    }
                }
                "SetHeaders" => {
                    if let Some(&h) = a.first() {
                        req.headers.extend(self.entries_of(h, 0));
                    }
                }
                "SetQueryParam" => {
                    if let Some(e) = self.value_op_entry(c) {
                        req.query.push(e);
                    }
                }
                "SetQueryParams" | "SetQueryParamsFromValues" => {
                    if let Some(&q) = a.first() {
                        req.query.extend(self.entries_of(q, 0));
                    }
                }
                "SetBasicAuth" => req.basic_auth = true,
                _ => {}
            }
        }
        if req.headers.iter().any(|h| {
            h.key.eq_ignore_ascii_case("authorization")
                && h.value
                    .as_ref()
                    .is_some_and(|v| v.text().trim_start().starts_with("Basic"))
        }) {
            req.basic_auth = true;
        }
        self.body_kind_from_headers(&mut req);
        Some(req)
    }

    fn set_url(&self, req: &mut HttpRequest, u: u32) {
        let sv = self.value_sv(u);
        if sv.text().contains('?') {
            req.query = string_pairs(&sv, false, slice_pieces);
        }
        req.url = Some(sv);
    }

    fn simple_request(&self, call: u32, name_node: u32, name: &str, args: &[u32]) -> HttpRequest {
        let mut req = self.empty_request(call, "net/http");
        req.method = Some(match name {
            "Get" => Method::Get,
            "Head" => Method::Head,
            _ => Method::Post,
        });
        req.method_source = MethodSource::Explicit {
            span: self.a.span(name_node),
        };
        if let Some(&u) = args.first() {
            self.set_url(&mut req, u);
        }
        match name {
            "Post" => {
                if let Some(&ct) = args.get(1) {
                    req.headers.push(Entry {
                        key: "Content-Type".to_string(),
                        key_span: None,
                        value: self.value_opt(ct),
                        value_span: Some(self.a.span(ct)),
                        span: self.a.span(ct),
                    });
                }
                if let Some(&b) = args.get(2) {
                    self.set_body(&mut req, b);
                }
                self.body_kind_from_headers(&mut req);
            }
            "PostForm" => {
                if let Some(&b) = args.get(1) {
                    req.body_span = Some(self.a.span(b));
                    req.body = self.entries_of(b, 0);
                    req.body_kind = Some(BodyKind::Form);
                }
            }
            _ => {}
        }
        req
    }

    fn new_request(&self, call: u32, name: &str, args: &[u32]) -> HttpRequest {
        let mut req = self.empty_request(call, "net/http");
        let off = usize::from(name == "NewRequestWithContext");
        if let Some(&m) = args.get(off) {
            self.set_method(&mut req, m);
        }
        if let Some(&u) = args.get(off + 1) {
            self.set_url(&mut req, u);
        }
        if let Some(&b) = args.get(off + 2) {
            self.set_body(&mut req, b);
        }
        req
    }

    fn set_method(&self, req: &mut HttpRequest, m: u32) {
        let m = self.peel(m);
        if let Some((pkg, n)) = self.pkg_member(m) {
            if pkg == "http" {
                if let Some(verb) = n.strip_prefix("Method") {
                    req.method = Some(Method::parse(verb));
                    req.method_source = MethodSource::Explicit {
                        span: self.a.span(m),
                    };
                    return;
                }
            }
        }
        let sv = self.value_sv(m);
        if sv.is_plain() && !sv.text().is_empty() {
            req.method = Some(Method::parse(&sv.text()));
            req.method_source = MethodSource::Explicit {
                span: self.a.span(m),
            };
        }
    }

    /// The body argument of a request: `strings.NewReader(v.Encode())`,
    /// `bytes.NewBuffer(jsonBytes)`, a string, `nil`.
    fn set_body(&self, req: &mut HttpRequest, b: u32) {
        let b0 = self.peel(b);
        if matches!(self.a.kind(b0), "nil") {
            return;
        }
        if self.pkg_member(b0) == Some(("http".to_string(), "NoBody")) {
            return;
        }
        req.body_span = Some(self.a.span(b));
        let (kind, entries) = self.body_of(b0, 0);
        req.body_kind = Some(kind);
        req.body = entries;
    }

    fn body_of(&self, e: u32, depth: u32) -> (BodyKind, Vec<Entry>) {
        if depth > 8 {
            return (BodyKind::Unknown, Vec::new());
        }
        let e = self.peel(e);
        let d = depth + 1;
        match self.a.kind(e) {
            "call_expression" => {
                let Some(func) = self.a.field(e, "function") else {
                    return (BodyKind::Unknown, Vec::new());
                };
                let args = self.args(e);
                if let Some((pkg, n)) = self.pkg_member(func) {
                    match (pkg.as_str(), n) {
                        ("strings", "NewReader")
                        | ("bytes", "NewBufferString" | "NewReader" | "NewBuffer") => {
                            return match args.first() {
                                Some(&a) => self.body_of(a, d),
                                None => (BodyKind::Unknown, Vec::new()),
                            };
                        }
                        ("json", "Marshal" | "MarshalIndent") => {
                            let entries = args
                                .first()
                                .map(|&x| self.entries_of(x, 0))
                                .unwrap_or_default();
                            return (BodyKind::Json, entries);
                        }
                        _ => {}
                    }
                }
                if self.a.kind(func) == "selector_expression" {
                    let name = self.a.field(func, "field").map(|f| self.a.text(f));
                    let op = self.a.field(func, "operand").unwrap_or(NONE);
                    if name == Some("Encode") && self.is_values(op) {
                        return (
                            BodyKind::Form,
                            self.values_entries(op, self.a.start(e), 0, false),
                        );
                    }
                }
                if self.is_stringy(e) {
                    return self.string_body(e);
                }
                (BodyKind::Unknown, Vec::new())
            }
            "type_conversion_expression" => match self.a.field(e, "operand") {
                Some(o) => self.body_of(o, d),
                None => (BodyKind::Unknown, Vec::new()),
            },
            "identifier" => {
                if self.is_values(e) {
                    return (
                        BodyKind::Form,
                        self.values_entries(e, self.a.start(e), 0, false),
                    );
                }
                match self
                    .sc
                    .bind_before(&self.a, e, self.a.text(e))
                    .map(|b| b.kind)
                {
                    Some(BindKind::Value(value)) => self.body_of(value, d),
                    _ if self.is_stringy(e) => self.string_body(e),
                    _ => (BodyKind::Unknown, Vec::new()),
                }
            }
            _ if self.is_stringy(e) => self.string_body(e),
            _ => (BodyKind::Unknown, Vec::new()),
        }
    }

    fn string_body(&self, e: u32) -> (BodyKind, Vec<Entry>) {
        let sv = self.value_sv(e);
        let t = sv.text();
        let trimmed = t.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return (BodyKind::Json, Vec::new());
        }
        if looks_form(&t) {
            return (BodyKind::Form, string_pairs(&sv, false, slice_pieces));
        }
        (BodyKind::Raw, Vec::new())
    }

    fn body_kind_from_headers(&self, req: &mut HttpRequest) {
        for h in &req.headers {
            if !h.key.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let v = h
                .value
                .as_ref()
                .map(|v| v.text().to_ascii_lowercase())
                .unwrap_or_default();
            if v.contains("json") {
                if matches!(
                    req.body_kind,
                    None | Some(BodyKind::Raw) | Some(BodyKind::Unknown)
                ) {
                    req.body_kind = Some(BodyKind::Json);
                }
            } else if v.contains("x-www-form-urlencoded") {
                if matches!(
                    req.body_kind,
                    None | Some(BodyKind::Raw) | Some(BodyKind::Unknown)
                ) {
                    req.body_kind = Some(BodyKind::Form);
                }
            } else if v.contains("multipart") {
                req.body_kind = Some(BodyKind::Multipart);
            }
        }
    }

    /// `req.Header.Set(k, v)`, `req.Header.Add`, `req.SetBasicAuth(id, secret)`
    /// on a variable bound to an `http.NewRequest`.
    fn attach_request_parts(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.a.kind(id) != "call_expression" {
                continue;
            }
            let Some(func) = self.a.field(id, "function") else {
                continue;
            };
            if self.a.kind(func) != "selector_expression" {
                continue;
            }
            let (Some(op), Some(f)) = (self.a.field(func, "operand"), self.a.field(func, "field"))
            else {
                continue;
            };
            let name = self.a.text(f);
            let (var, header) = match name {
                "SetBasicAuth" => (op, false),
                "Set" | "Add" => {
                    if self.a.kind(op) != "selector_expression"
                        || self.a.field(op, "field").map(|x| self.a.text(x)) != Some("Header")
                    {
                        continue;
                    }
                    match self.a.field(op, "operand") {
                        Some(v) => (v, true),
                        None => continue,
                    }
                }
                _ => continue,
            };
            let Some(ri) = self.request_of_var(var) else {
                continue;
            };
            let args = self.args(id);
            let Some(req) = m.http_requests.get_mut(ri) else {
                continue;
            };
            if !header {
                req.basic_auth = true;
                continue;
            }
            let Some(&k) = args.first() else { continue };
            let Some((key, ks)) = self.key_of(k) else {
                continue;
            };
            let v = args.get(1).copied();
            let value = v.and_then(|v| self.value_opt(v));
            if key.eq_ignore_ascii_case("authorization")
                && value
                    .as_ref()
                    .is_some_and(|x| x.text().trim_start().starts_with("Basic"))
            {
                req.basic_auth = true;
            }
            req.headers.push(Entry {
                key,
                key_span: Some(ks),
                value,
                value_span: v.map(|v| self.a.span(v)),
                span: self.a.span(id),
            });
            self.body_kind_from_headers(req);
        }
    }

    /// The request a variable holds (`req, err := http.NewRequest(...)`).
    fn request_of_var(&self, var: u32) -> Option<usize> {
        let var = self.peel_ref(var);
        if self.a.kind(var) != "identifier" {
            return None;
        }
        let b = self.sc.bind_before(&self.a, var, self.a.text(var))?;
        match b.kind {
            BindKind::Value(value) => {
                let v = self.peel(value);
                self.req_of_call.get(&v).copied()
            }
            _ => None,
        }
    }

    /// The `oauth2.Config{…}` literal an expression holds.
    fn config_literal(&self, e: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let e = self.peel_ref(e);
        let found = match self.a.kind(e) {
            "composite_literal" => Some(e),
            "identifier" => match self
                .sc
                .bind_before(&self.a, e, self.a.text(e))
                .map(|b| b.kind)
            {
                Some(BindKind::Value(value)) => self.config_literal(value, depth + 1),
                _ => None,
            },
            "selector_expression" => {
                let f = self.a.text(self.a.field(e, "field")?);
                let vs = self.field_assigns.get(f)?;
                vs.iter()
                    .filter(|&&v| v != NONE)
                    .find_map(|&v| self.config_literal(v, depth + 1))
            }
            "call_expression" => {
                let f = self.local_target(e)?;
                let rs = self.sc.returns.get(&f)?;
                rs.iter().find_map(|&r| self.config_literal(r, depth + 1))
            }
            _ => None,
        };
        if let Some(c) = found {
            if matches!(
                self.literal_type(c).as_deref(),
                Some("oauth2.Config") | Some("clientcredentials.Config")
            ) {
                return Some(c);
            }
            return None;
        }
        if depth > 0 {
            return None;
        }
        // the file's only config literal
        match self.oauth_configs.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The config behind a token source (`conf.TokenSource(ctx, t)`,
    /// `oauth2.ReuseTokenSource(t, src)`).
    fn source_config(&self, e: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let e = self.peel_ref(e);
        match self.a.kind(e) {
            "identifier" => match self
                .sc
                .bind_before(&self.a, e, self.a.text(e))
                .map(|b| b.kind)
            {
                Some(BindKind::Value(value)) => self.source_config(value, depth + 1),
                _ => self
                    .config_literal(e, 1)
                    .or_else(|| self.config_literal(NONE, 0)),
            },
            "call_expression" => {
                let func = self.a.field(e, "function")?;
                if let Some((pkg, n)) = self.pkg_member(func) {
                    if pkg == "oauth2" && n == "ReuseTokenSource" {
                        let src = *self.args(e).get(1)?;
                        return self.source_config(src, depth + 1);
                    }
                    return None;
                }
                let op = self.a.field(func, "operand")?;
                self.config_literal(op, 0)
            }
            _ => self.config_literal(NONE, 0),
        }
    }

    /// The keyed value `key` of a composite literal (following a variable).
    fn literal_field(&self, cl: u32, key: &str, depth: u32) -> Option<u32> {
        self.literal_key_value(cl, key, depth).map(|(_, v)| v)
    }

    /// The key and the value of `key` in a composite literal (following a
    /// variable).
    fn literal_key_value(&self, cl: u32, key: &str, depth: u32) -> Option<(u32, u32)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let cl = self.peel_ref(cl);
        let cl = match self.a.kind(cl) {
            "identifier" => match self
                .sc
                .bind_before(&self.a, cl, self.a.text(cl))
                .map(|b| b.kind)
            {
                Some(BindKind::Value(value)) => self.peel_ref(value),
                _ => return None,
            },
            _ => cl,
        };
        let body = self.a.field(cl, "body")?;
        for ke in self.a.named(body) {
            if self.a.kind(ke) != "keyed_element" {
                continue;
            }
            let (Some(k), Some(v)) = (self.a.field(ke, "key"), self.a.field(ke, "value")) else {
                continue;
            };
            if self.a.text(k) == key {
                return Some((k, self.a.first_named(v)?));
            }
        }
        None
    }

    fn token_request(
        &self,
        call: u32,
        name_node: u32,
        conf: Option<u32>,
        grant: &str,
    ) -> HttpRequest {
        let mut req = self.empty_request(call, "oauth2");
        req.method = Some(Method::Post);
        req.method_source = MethodSource::Default {
            span: self.a.span(name_node),
        };
        if let Some(c) = conf {
            let token_url = self.literal_field(c, "TokenURL", 0).or_else(|| {
                let ep = self.literal_field(c, "Endpoint", 0)?;
                self.literal_field(ep, "TokenURL", 1)
            });
            if let Some(u) = token_url {
                req.url = Some(self.value_sv(u));
            }
            // `Endpoint: oauth2.Endpoint{AuthStyle: …}`, or the field of a
            // `clientcredentials.Config`
            let style = self
                .literal_field(c, "Endpoint", 0)
                .and_then(|ep| self.literal_field(ep, "AuthStyle", 1))
                .or_else(|| self.literal_field(c, "AuthStyle", 0));
            let in_params = style.is_some_and(|s| self.a.text(s).ends_with("AuthStyleInParams"));
            req.basic_auth = !in_params;
            if in_params {
                self.credentials_in_params(&mut req, c, style);
            }
        } else {
            req.basic_auth = true;
        }
        req.body
            .push(synthetic_entry("grant_type", grant, self.a.span(call)));
        req.body_kind = Some(BodyKind::Form);
        req
    }

    /// A config whose auth style sends the client credentials as form
    /// parameters: its `ClientID` and `ClientSecret` are parameters of the
    /// token request, and `oauth2.AuthStyleInHeader` sends them as Basic.
    fn credentials_in_params(&self, req: &mut HttpRequest, conf: u32, style: Option<u32>) {
        for (field, key) in [("ClientID", "client_id"), ("ClientSecret", "client_secret")] {
            let Some((k, v)) = self.literal_key_value(conf, field, 0) else {
                continue;
            };
            req.body.push(Entry {
                key: key.to_string(),
                key_span: Some(self.a.span(k)),
                value: self.value_opt(v),
                value_span: Some(self.a.span(v)),
                span: self.a.span(self.a.parent(k)),
            });
        }
        let Some(style) = style.map(|s| self.peel(s)) else {
            return;
        };
        let written = self.pkg_member(style);
        if written.as_ref().map(|(p, n)| (p.as_str(), *n)) != Some(("oauth2", "AuthStyleInParams"))
        {
            return;
        }
        if let Some(name) = self.a.field(style, "field") {
            req.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::BasicAuth,
                edits: vec![(self.a.span(name), "AuthStyleInHeader".to_string())],
            });
        }
    }

    // ----- origins ----------------------------------------------------------

    fn is_receiver(&self, op: u32) -> bool {
        self.a.kind(op) == "identifier"
            && self
                .sc
                .bind_before(&self.a, op, self.a.text(op))
                .is_some_and(|b| b.kind == BindKind::Receiver)
    }

    /// A parameter of type `*http.Request` (a handler's request).
    fn is_incoming_request(&self, op: u32) -> bool {
        if self.a.kind(op) != "identifier" {
            return false;
        }
        match self.sc.bind_before(&self.a, op, self.a.text(op)) {
            Some(b) if matches!(b.kind, BindKind::Param(_)) => {
                self.type_name_of_node(b.ty).as_deref() == Some("http.Request")
            }
            _ => false,
        }
    }

    fn var_origin(&self, id: u32, depth: u32) -> Origin {
        let name = self.a.text(id);
        let o = match self.sc.bind_before(&self.a, id, name) {
            Some(b) => match b.kind {
                BindKind::Value(value)
                | BindKind::ValueAt { value, .. }
                | BindKind::Append(value) => self.origin_of(value, depth + 1),
                BindKind::Out(src) => self.origin_of(src, depth + 1),
                BindKind::Param(_) => {
                    if self.type_name_of_node(b.ty).as_deref() == Some("http.Request") {
                        Origin::Input
                    } else if is_config_name(name) {
                        Origin::Config
                    } else {
                        Origin::Param
                    }
                }
                _ => Origin::Unknown,
            },
            None => Origin::Unknown,
        };
        configured(o, name)
    }

    /// Origin of values stored in `x.field` (any receiver) in the file.
    fn stored_origin(&self, field: &'s str, depth: u32) -> Origin {
        let values = || {
            let assigned = self.field_assigns.get(field).into_iter().flatten();
            let out = self.field_outs.get(field).into_iter().flatten();
            assigned.chain(out).copied().filter(|&v| v != NONE)
        };
        self.stored_origin_of(field, values, depth)
    }

    fn call_origin(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        if let Some(&i) = self.req_of_call.get(&id) {
            return Origin::Response(i);
        }
        let Some(func) = self.a.field(id, "function") else {
            return Origin::Unknown;
        };
        let args = self.args(id);
        if let Some((pkg, n)) = self.pkg_member(func) {
            return match (pkg.as_str(), n) {
                ("os", "Getenv" | "LookupEnv" | "ExpandEnv") => Origin::Config,
                ("viper", _) => Origin::Config,
                ("io" | "ioutil", "ReadAll") | ("json", "NewDecoder") => match args.first() {
                    Some(&a) => self.origin_of(a, d),
                    None => Origin::Unknown,
                },
                _ => Origin::Unknown,
            };
        }
        match self.a.kind(func) {
            "identifier" if matches!(self.a.text(func), "string" | "append") => {
                match args.first() {
                    Some(&a) => self.origin_of(a, d),
                    None => Origin::Unknown,
                }
            }
            "selector_expression" => {
                let op = self.a.field(func, "operand").unwrap_or(NONE);
                let name = self
                    .a
                    .field(func, "field")
                    .map(|f| self.a.text(f))
                    .unwrap_or("");
                // client.Do(req): the response of the request built on `req`
                if name == "Do" && args.len() == 1 {
                    if let Some(i) = self.request_of_var(args[0]) {
                        return Origin::Response(i);
                    }
                }
                if self.is_incoming_request(op)
                    && matches!(
                        name,
                        "FormValue" | "PostFormValue" | "FormFile" | "Cookie" | "ParseForm"
                    )
                {
                    return Origin::Input;
                }
                if matches!(
                    name,
                    "Query" | "PostForm" | "Param" | "DefaultQuery" | "FormValue" | "Bind"
                ) && self.a.text(op) == "c"
                {
                    return Origin::Input;
                }
                if let Some(f) = self.local_target(id) {
                    return self.summary(f, d);
                }
                if matches!(
                    name,
                    "Get" | "Extra" | "Bytes" | "String" | "Query" | "Body" | "Result"
                ) {
                    return self.origin_of(op, d);
                }
                Origin::Unknown
            }
            "identifier" => match self.local_target(id) {
                Some(f) => self.summary(f, d),
                None => Origin::Unknown,
            },
            _ => Origin::Unknown,
        }
    }

    // ----- field reads --------------------------------------------------------

    fn is_write_target(&self, id: u32) -> bool {
        let mut c = id;
        for _ in 0..8 {
            let p = self.a.parent(c);
            if p == NONE {
                return false;
            }
            match self.a.kind(p) {
                "expression_list" => c = p,
                "assignment_statement" | "short_var_declaration" => {
                    return self.a.field_name(c) == "left"
                }
                "inc_statement" | "dec_statement" => return true,
                "unary_expression" => {
                    // `&x.f` passed to Unmarshal/Decode is written, not read
                    let al = self.a.parent(p);
                    return self.a.kind(al) == "argument_list"
                        && self
                            .a
                            .field(self.a.parent(al), "function")
                            .and_then(|f| self.a.field(f, "field"))
                            .is_some_and(|f| matches!(self.a.text(f), "Unmarshal" | "Decode"));
                }
                _ => return false,
            }
        }
        false
    }

    /// The wire name of `op.field` when `op`'s type is a struct of this file.
    fn wire_name(&self, op: u32, field: &str) -> String {
        if let Some(t) = self.type_of(op, 0) {
            if let Some(def) = self.structs.get(t.as_str()) {
                if let Some(fd) = def.fields.iter().find(|f| f.name == field) {
                    if let Some((w, _)) = &fd.wire {
                        return w.clone();
                    }
                }
            }
        }
        field.to_string()
    }

    /// `v, ok := m["k"]` / `v, ok := x.(T)`: the expression is checked.
    fn is_comma_ok(&self, e: u32) -> bool {
        let mut c = e;
        for _ in 0..4 {
            let p = self.a.parent(c);
            match self.a.kind(p) {
                "type_assertion_expression" | "parenthesized_expression" => c = p,
                "expression_list" => {
                    let st = self.a.parent(p);
                    if !matches!(
                        self.a.kind(st),
                        "short_var_declaration" | "assignment_statement" | "var_spec"
                    ) {
                        return false;
                    }
                    if self.a.named_vec(p).len() != 1 {
                        return false;
                    }
                    let left = self
                        .a
                        .field(st, "left")
                        .map(|l| self.a.named_vec(l).len())
                        .unwrap_or_else(|| self.a.fields(st, "name").len());
                    return left == 2;
                }
                _ => return false,
            }
        }
        false
    }

    /// Records the read of `field` (written `raw`: the Go field name of a
    /// member) at `node`, with the guarded assignment that keeps an old
    /// value when the response lacks it.
    #[allow(clippy::too_many_arguments)]
    fn record_read(
        &self,
        m: &mut FileModel,
        node: u32,
        recv: u32,
        raw: &str,
        field: String,
        span: Span,
        kind: ReadKind,
    ) {
        let at = ReadSite::new(node, recv, raw, None, self.is_comma_ok(node));
        self.push_read(m, at, field, span, kind);
        if let Some(read) = m.field_reads.last_mut() {
            read.absence.keep_old_value = self
                .keep_old_value(node, recv, raw, kind)
                .unwrap_or_default();
        }
    }

    /// The assignment of a read, guarded so the target keeps its value when
    /// the response has no such field; the whole statement on one line:
    /// `t = m["k"].(string)` → `if v, ok := m["k"].(string); ok { t = v }`,
    /// `t = r.F` (a `string` field) → `if r.F != "" { t = r.F }`,
    /// `t = *r.F` (a `*string` field) → `if r.F != nil { t = *r.F }`.
    fn keep_old_value(
        &self,
        node: u32,
        recv: u32,
        go_field: &str,
        kind: ReadKind,
    ) -> Option<Vec<(Span, String)>> {
        let mut top = node;
        let parent = self.a.parent(top);
        let asserted_string = self.a.kind(parent) == "type_assertion_expression"
            && self.a.field(parent, "operand") == Some(top)
            && self.a.field(parent, "type").map(|t| self.a.text(t)) == Some("string");
        let deref =
            self.a.kind(parent) == "unary_expression" && self.a.operator(parent) == Some("*");
        if asserted_string || deref {
            top = parent;
        }
        // `target = <read>`: one target, one value, a statement of its own
        let right = self.a.parent(top);
        let st = self.a.parent(right);
        if self.a.kind(right) != "expression_list"
            || self.a.field_name(right) != "right"
            || self.a.named_vec(right).len() != 1
            || self.a.kind(st) != "assignment_statement"
            || self.a.operator(st) != Some("=")
            || self.a.kind(self.a.parent(st)) != "statement_list"
        {
            return None;
        }
        let lefts = self.a.named_vec(self.a.field(st, "left")?);
        let [target] = lefts.as_slice() else {
            return None;
        };
        let target = self.a.text(*target);
        let statement = self.a.text(st);
        let read = self.a.text(node);
        if statement.contains('\n') {
            return None;
        }
        let guarded = match kind {
            ReadKind::Subscript if !deref => {
                let words: Vec<&str> = statement
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .collect();
                let free = |n: &&&str| !words.contains(*n);
                let value = ["rt", "refreshed", "newRefreshToken"].iter().find(free)?;
                let ok = ["ok", "found", "present"].iter().find(free)?;
                format!(
                    "if {value}, {ok} := {}; {ok} {{ {target} = {value} }}",
                    self.a.text(top)
                )
            }
            ReadKind::Member if !asserted_string => {
                // the receiver is read twice: a name or a field, no call
                let plain = self
                    .a
                    .text(recv)
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
                if !plain {
                    return None;
                }
                let owner = self.type_of(recv, 0)?;
                let def = self.structs.get(owner.trim_start_matches('*'))?;
                let field = def.fields.iter().find(|f| f.name == go_field)?;
                let ty: String = self.a.text(field.ty).split_whitespace().collect();
                let empty = match (ty.as_str(), deref) {
                    ("string", false) => "\"\"",
                    ("*string", true) => "nil",
                    _ => return None,
                };
                format!("if {read} != {empty} {{ {statement} }}")
            }
            _ => return None,
        };
        Some(vec![(self.a.span(st), guarded)])
    }

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "index_expression" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    let (Some(op), Some(k)) =
                        (self.a.field(id, "operand"), self.a.field(id, "index"))
                    else {
                        continue;
                    };
                    let Some((field, span)) = self.literal_text(k) else {
                        continue;
                    };
                    self.record_read(m, id, op, &field, field.clone(), span, ReadKind::Subscript);
                }
                "call_expression" => {
                    if self.req_of_call.contains_key(&id) {
                        continue;
                    }
                    let Some(func) = self.a.field(id, "function") else {
                        continue;
                    };
                    if self.a.kind(func) != "selector_expression" || self.pkg_member(func).is_some()
                    {
                        continue;
                    }
                    let name = self
                        .a
                        .field(func, "field")
                        .map(|f| self.a.text(f))
                        .unwrap_or("");
                    if !matches!(name, "Extra" | "Get") {
                        continue;
                    }
                    let Some(op) = self.a.field(func, "operand") else {
                        continue;
                    };
                    let args = self.args(id);
                    if args.len() != 1 {
                        continue;
                    }
                    let Some((field, span)) = self.literal_text(args[0]) else {
                        continue;
                    };
                    if field.contains("://") || field.starts_with('/') {
                        continue;
                    }
                    self.record_read(m, id, op, &field, field.clone(), span, ReadKind::Get);
                }
                "selector_expression" => {
                    let p = self.a.parent(id);
                    if self.a.kind(p) == "call_expression"
                        && self.a.field(p, "function") == Some(id)
                    {
                        continue;
                    }
                    if self.is_write_target(id) || self.pkg_member(id).is_some() {
                        continue;
                    }
                    let (Some(op), Some(f)) =
                        (self.a.field(id, "operand"), self.a.field(id, "field"))
                    else {
                        continue;
                    };
                    if self.is_package_name(op) {
                        continue;
                    }
                    let go_field = self.a.text(f);
                    let field = self.wire_name(op, go_field);
                    self.record_read(m, id, op, go_field, field, self.a.span(f), ReadKind::Member);
                }
                _ => {}
            }
        }
    }

    // ----- typed models -------------------------------------------------------

    fn types(&self, m: &mut FileModel) {
        for name in &self.struct_order {
            let Some(def) = self.structs.get(name) else {
                continue;
            };
            if !def.json {
                continue;
            }
            let members: Vec<ModelMember> = def
                .fields
                .iter()
                .filter(|f| !f.skip)
                .map(|f| ModelMember {
                    member: self.a.text(f.name_node).to_string(),
                    wire: self.field_wire(f),
                    span: self.a.span(f.name_node),
                    optional: self.field_optional(f),
                })
                .collect();
            record_model(m, name, &[], &members);
        }
        // type uses: json.Unmarshal(body, &v) / Decode(&v) of a value with an origin
        let mut uses: Vec<TypeUse> = Vec::new();
        for id in self.ids() {
            match self.a.kind(id) {
                "call_expression" => {
                    let Some(func) = self.a.field(id, "function") else {
                        continue;
                    };
                    if self.a.kind(func) != "selector_expression" {
                        continue;
                    }
                    let name = self
                        .a
                        .field(func, "field")
                        .map(|f| self.a.text(f))
                        .unwrap_or("");
                    let args = self.args(id);
                    let (target, src) = match name {
                        "Unmarshal" if args.len() >= 2 => (args[1], args[0]),
                        "SetResult" if args.len() == 1 => (args[0], self.chain_top(id)),
                        "Decode" if !args.is_empty() => {
                            let op = self.peel(self.a.field(func, "operand").unwrap_or(NONE));
                            let src = if self.a.kind(op) == "call_expression" {
                                self.args(op).first().copied().unwrap_or(NONE)
                            } else {
                                op
                            };
                            (args[0], src)
                        }
                        _ => continue,
                    };
                    let origin = self.origin_of(src, 0);
                    let Some(t) = self.type_of(self.peel_ref(target), 0) else {
                        continue;
                    };
                    let tu = TypeUse {
                        type_name: t,
                        origin,
                    };
                    if !uses.contains(&tu) {
                        uses.push(tu);
                    }
                }
                "function_declaration" | "method_declaration" => {
                    let o = self.summary(id, 0);
                    if !matches!(o, Origin::Response(_) | Origin::TokenCall(_)) {
                        continue;
                    }
                    if let Some(t) = self.result_type(id, 0) {
                        if self.structs.contains_key(t.as_str()) {
                            let tu = TypeUse {
                                type_name: t,
                                origin: o,
                            };
                            if !uses.contains(&tu) {
                                uses.push(tu);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for tu in &uses {
            if !matches!(tu.origin, Origin::Response(_) | Origin::TokenCall(_)) {
                continue;
            }
            let Some(def) = self.structs.get(tu.type_name.as_str()) else {
                continue;
            };
            for f in def.fields.iter().filter(|f| !f.skip) {
                m.field_reads.push(FieldRead {
                    absence_fails: false,
                    field: self.field_wire(f),
                    span: self.a.span(f.name_node),
                    kind: ReadKind::Declaration,
                    receiver: tu.type_name.clone(),
                    origin: tu.origin.clone(),
                    guarded: self.field_optional(f),
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

    fn field_wire(&self, f: &FieldDef) -> String {
        f.wire
            .as_ref()
            .map(|w| w.0.clone())
            .unwrap_or_else(|| f.name.to_string())
    }

    fn field_optional(&self, f: &FieldDef) -> bool {
        f.omitempty || matches!(self.a.kind(f.ty), "pointer_type")
    }
}

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "call_expression" => self.call_origin(id, depth),
            "unary_expression" => match self.a.field(id, "operand") {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "type_conversion_expression" => match self.a.field(id, "operand") {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "index_expression" | "slice_expression" => match self.a.field(id, "operand") {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "selector_expression" => {
                let (Some(op), Some(f)) = (self.a.field(id, "operand"), self.a.field(id, "field"))
                else {
                    return Origin::Unknown;
                };
                let field = self.a.text(f);
                if self.pkg_member(id).is_some() {
                    return Origin::Unknown;
                }
                // r.Form, r.PostForm, r.URL, r.Body of an incoming request
                if self.is_incoming_request(op)
                    && matches!(
                        field,
                        "Form" | "PostForm" | "URL" | "Body" | "MultipartForm"
                    )
                {
                    return Origin::Input;
                }
                if self.is_receiver(op) {
                    let o = self.stored_origin(field, d);
                    return configured(o, field);
                }
                let o = self.origin_of(op, d);
                configured(o, field)
            }
            "identifier" => self.var_origin(id, depth),
            "composite_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "int_literal" => Origin::Literal,
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    /// A fallback given with `cmp.Or`, an asserted type, the target of the
    /// assignment; `v, ok := m["k"]` is guarded.
    fn read_context(&self, read: u32, _field: &str, _default: Option<u32>) -> ReadContext {
        let mut top = read;
        let mut asserted = false;
        let mut fallback = None;
        for _ in 0..16 {
            let p = self.a.parent(top);
            match self.a.kind(p) {
                "parenthesized_expression" => top = p,
                "unary_expression" if self.a.operator(p) == Some("*") => top = p,
                "type_assertion_expression" if self.a.field_name(top) == "operand" => {
                    asserted = !self.is_comma_ok(p);
                    top = p;
                }
                "argument_list" => {
                    // cmp.Or(x.f, old)
                    let call = self.a.parent(p);
                    let func = self.a.field(call, "function");
                    let is_or = func
                        .and_then(|f| self.pkg_member(f))
                        .is_some_and(|(pk, n)| pk == "cmp" && n == "Or");
                    let args = self.args(call);
                    if is_or && args.first() == Some(&top) && args.len() >= 2 {
                        fallback = args.last().copied();
                        top = call;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let mut guarded = false;
        let p = self.a.parent(top);
        let mut target = None;
        if self.a.kind(p) == "expression_list" {
            let st = self.a.parent(p);
            let rights = self.a.named_vec(p);
            let pos = rights.iter().position(|&x| x == top);
            let lefts: Vec<u32> = match self.a.kind(st) {
                "assignment_statement" | "short_var_declaration"
                    if self.a.field_name(p) == "right" =>
                {
                    self.a
                        .field(st, "left")
                        .map(|l| self.a.named_vec(l))
                        .unwrap_or_default()
                }
                "var_spec" if self.a.field_name(p) == "value" => self.a.fields(st, "name"),
                _ => Vec::new(),
            };
            if let Some(i) = pos {
                if lefts.len() == rights.len() {
                    target = lefts.get(i).copied();
                } else if lefts.len() == 2 && rights.len() == 1 {
                    // v, ok := m["k"]
                    target = lefts.first().copied();
                    guarded = true;
                    asserted = false;
                }
            }
        }
        let assigned_to = target
            .map(|t| self.a.text(t).to_string())
            .or_else(|| sinks::kept_in(&self.a, &self.sc, Language::Go, top));
        let cx = ReadContext::new(fallback.map(|f| self.a.text(f)), asserted, assigned_to);
        ReadContext {
            guarded: cx.guarded || guarded,
            ..cx
        }
    }

    /// Does a condition (or the initializer of its `if`) test the field
    /// `raw` of `recv`?
    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool {
        let recv = self.a.text(recv);
        let p = self.a.parent(cond);
        let init = (self.a.kind(p) == "if_statement" && self.a.field_name(cond) == "condition")
            .then(|| self.a.field(p, "initializer"))
            .flatten();
        let tests = |x: u32| {
            match self.a.kind(x) {
                "selector_expression" => {
                    let f = self.a.field(x, "field").map(|f| self.a.text(f));
                    let o = self.a.field(x, "operand").map(|o| self.a.text(o));
                    if f == Some(raw) && o == Some(recv) {
                        return true;
                    }
                }
                "index_expression" => {
                    let o = self.a.field(x, "operand").map(|o| self.a.text(o));
                    let k = self
                        .a
                        .field(x, "index")
                        .and_then(|k| self.literal_text(k))
                        .map(|k| k.0);
                    if k.as_deref() == Some(raw) && (o == Some(recv) || self.is_comma_ok(x)) {
                        return true;
                    }
                }
                "call_expression" => {
                    // tok.Extra("f") != nil
                    let f = self.a.field(x, "function");
                    let is_get = f
                        .and_then(|f| self.a.field(f, "field"))
                        .is_some_and(|n| matches!(self.a.text(n), "Extra" | "Get"));
                    let o = f
                        .and_then(|f| self.a.field(f, "operand"))
                        .map(|o| self.a.text(o));
                    let k = self
                        .args(x)
                        .first()
                        .and_then(|&k| self.literal_text(k))
                        .map(|k| k.0);
                    if is_get && o == Some(recv) && k.as_deref() == Some(raw) {
                        return true;
                    }
                }
                _ => {}
            }
            false
        };
        [Some(cond), init]
            .into_iter()
            .flatten()
            .any(|x| condition_tests(&self.a, x, &["func_literal"], tests))
    }
}

impl<'s> Eval<'s> for Lx<'s> {
    crate::eval_state!('s, &'s str);

    fn stringy_binding(&self, k: u32) -> Option<u32> {
        (self.a.kind(k) == "identifier")
            .then(|| self.bound_value(k))
            .flatten()
    }

    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        self.stringy_kind(id, get)
    }

    fn text_binding(&self, id: u32) -> Option<u32> {
        let id = self.peel(id);
        if self.a.kind(id) == "identifier" {
            self.bound_value(id)
        } else {
            None
        }
    }

    fn not_text(&self, id: u32) -> bool {
        matches!(
            self.a.kind(self.peel(id)),
            "int_literal"
                | "float_literal"
                | "imaginary_literal"
                | "true"
                | "false"
                | "nil"
                | "composite_literal"
                | "func_literal"
                | "unary_expression"
                | "literal_value"
        )
    }

    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let d = depth + 1;
        match self.a.kind(id) {
            "interpreted_string_literal" | "raw_string_literal" => {
                if mark {
                    self.mark(id);
                }
                out.push(self.decode_literal(id));
            }
            "identifier" => self.resolve_name(id, d, out),
            "selector_expression" => match self.bound_value(id) {
                Some(v) => self.resolve_memo(v, d, out, id),
                None => out.push(self.hole(id)),
            },
            "index_expression" => match self.index_value(id, d) {
                Some(v) => self.resolve_memo(v, d, out, id),
                None => out.push(self.hole(id)),
            },
            "call_expression" => self.resolve_call(id, d, mark, out),
            "type_conversion_expression" => match self.a.field(id, "operand") {
                Some(o) => self.resolve_into(o, d, mark, out),
                None => out.push(self.hole(id)),
            },
            "int_literal" => out.push(Piece::lit(self.a.text(id), self.a.span(id))),
            _ => out.push(self.hole(id)),
        }
    }
}

/// The `idx`-th of the values one expression gives.
fn value_at(value: u32, idx: u32) -> BindKind {
    if idx == 0 {
        BindKind::Value(value)
    } else {
        BindKind::ValueAt { value, idx }
    }
}

#[derive(Clone, Copy)]

struct UrlParts {
    parse: u32,
    literal: u32,
    raw_query: u32,
    path: u32,
}

/// A value that reads the same anywhere later in its function: a string
/// literal, a name or field (`c.clientID`), or a call of one with a string
/// literal (`os.Getenv("GOTO_CLIENT_ID")`). Returns the name it starts
/// with, if any.
fn simple_operand(value: &str) -> Option<Option<&str>> {
    let value = value.trim();
    let plain_literal = |t: &str| {
        t.len() >= 2
            && t.starts_with('"')
            && t.ends_with('"')
            && !t[1..t.len() - 1].contains(['"', '\\', '\n'])
    };
    if plain_literal(value) {
        return Some(None);
    }
    let head = match value.strip_suffix(')') {
        Some(call) => {
            let (head, argument) = call.split_once('(')?;
            if !(argument.is_empty() || plain_literal(argument.trim())) {
                return None;
            }
            head
        }
        None => value,
    };
    let names: Vec<&str> = head.split('.').collect();
    let name = |n: &&str| {
        n.chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && n.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    names.iter().all(name).then(|| names.first().copied())
}

/// `k=v&k2=v2` of entries, keys sorted as `url.Values.Encode` does.
fn encode_sorted(entries: &[Entry]) -> Vec<Piece> {
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    encode_entries(&sorted)
}

impl crate::sema::helpers::HelperSyntax for Lx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        self.args(call)
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        let entries = self.entries_of(e, 0);
        if !entries.is_empty() {
            return Some((BodyKind::Form, entries));
        }
        let (kind, entries) = self.body_of(e, 0);
        (!entries.is_empty()).then_some((kind, entries))
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
        &["function_declaration", "method_declaration"]
    }
}
