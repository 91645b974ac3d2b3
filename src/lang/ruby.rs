//! Ruby front end: parses a file with tree-sitter and lowers it into the
//! neutral [`FileModel`]. Knows Ruby and its HTTP/OAuth libraries (Net::HTTP,
//! HTTParty, Faraday, RestClient, the `oauth2` gem) and Rails idioms;
//! nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children ranges,
//! enclosing method and class), then a handful of linear passes fill the
//! model. Nothing recurses on the tree shape; value resolution recurses on
//! expressions with an explicit depth cap.

use super::Language;
use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::model::{
    BodyKind, Call, Entry, FileModel, HttpRequest, Method, MethodSource, Origin, Piece, ReadKind,
    RewriteHint, RewriteKind, Span, StrValue,
};
use crate::sema::format::{self, Arg, Printf};
use crate::sema::forms::{encode_entries, looks_form, string_pairs};
use crate::sema::guards::{condition_tests, ReadContext, ReadSite};
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH};
use crate::sema::memo::Memo;
use crate::sema::pieces::{pieces_text, slice_pieces};
use crate::sema::provenance::best;
use crate::sema::provenance::configured;
use crate::sema::provenance::{Reads, Trace};
use crate::sema::requests::{keyed_entries, synthetic_entry};
use crate::sema::scope::Scopes;
use crate::sema::sinks;
use crate::sema::values::Eval;
use std::cell::RefCell;
use std::collections::HashMap;

use super::ts::{self, NONE};

/// `format`: `%<name>s` and `%{name}` read a hash or keywords; flags,
/// width and precision make a value the reading does not follow.
pub(crate) const PRINTF: Printf = Printf::new(b"+-# 0123456789.*").angle_names();

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "ruby",
    language: || tree_sitter_ruby::LANGUAGE.into(),
    scope_kinds: SCOPE_KINDS,
    class_kinds: CLASS_KINDS,
    extra_kinds: &["comment", "heredoc_body"],
};

/// Lower one Ruby file into the model.
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

const CLASS_KINDS: &[&str] = &["class", "module", "singleton_class"];

/// classes open a scope of their own too
const SCOPE_KINDS: &[&str] = &[
    "method",
    "singleton_method",
    "lambda",
    "class",
    "module",
    "singleton_class",
];

// ---------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------

/// `urljoin(base, path)`: an absolute path keeps the scheme and host of
/// `base`; a relative one replaces everything after `base`'s last `/`.
fn join_url(base: Vec<Piece>, path: Vec<Piece>) -> Vec<Piece> {
    let pt = pieces_text(&path);
    if pt.contains("://") || pt.starts_with("//") {
        return path;
    }
    let bt = pieces_text(&base);
    let keep = if pt.starts_with('/') {
        match bt.find("://") {
            Some(s) => bt[s + 3..].find('/').map(|k| s + 3 + k).unwrap_or(bt.len()),
            None => bt.find('/').unwrap_or(bt.len()),
        }
    } else {
        let host_start = bt.find("://").map(|s| s + 3).unwrap_or(0);
        match bt[host_start..].rfind('/') {
            Some(k) => host_start + k + 1,
            None => {
                let mut out = base;
                out.push(Piece::synthetic("/"));
                out.extend(path);
                return out;
            }
        }
    };
    let mut out = slice_pieces(&base, 0, keep);
    out.extend(path);
    out
}

/// Faraday's `build_url`: an absolute path replaces the base's path, a
/// relative one is appended to it.
fn prefix_join(base: Vec<Piece>, path: Vec<Piece>) -> Vec<Piece> {
    let pt = pieces_text(&path);
    if pt.contains("://") || pt.starts_with("//") {
        return path;
    }
    if pt.starts_with('/') {
        return join_url(base, path);
    }
    let bt = pieces_text(&base);
    let mut out = base;
    if !bt.ends_with('/') && !pt.is_empty() {
        out.push(Piece::synthetic("/"));
    }
    out.extend(path);
    out
}

/// Concatenate a base and a path the way HTTParty's `base_uri` does.
fn concat_url(base: Vec<Piece>, path: Vec<Piece>) -> Vec<Piece> {
    let pt = pieces_text(&path);
    if pt.contains("://") {
        return path;
    }
    let bt = pieces_text(&base);
    let mut out = base;
    if !bt.ends_with('/') && !pt.starts_with('/') && !pt.is_empty() {
        out.push(Piece::synthetic("/"));
    }
    out.extend(path);
    out
}

fn decode_escape(s: &str) -> Option<char> {
    let body = s.strip_prefix('\\')?;
    let mut it = body.chars();
    let c = it.next()?;
    let simple = match c {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        '0' if body.len() == 1 => Some('\0'),
        's' => Some(' '),
        'e' => Some('\u{1b}'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'v' => Some('\u{b}'),
        _ => None,
    };
    if simple.is_some() {
        return simple;
    }
    match c {
        'u' => {
            let hex = body[1..].trim_start_matches('{').trim_end_matches('}');
            let first = hex.split_whitespace().next()?;
            char::from_u32(u32::from_str_radix(first, 16).ok()?)
        }
        'x' => char::from_u32(u32::from_str_radix(&body[1..], 16).ok()?),
        '0'..='7' => char::from_u32(u32::from_str_radix(body, 8).ok()?),
        _ if body.chars().count() == 1 => Some(c),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Lowering context
// ---------------------------------------------------------------------------

/// What a receiver is, as far as HTTP libraries go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inst {
    /// a `Faraday.new(...)` call
    Faraday(u32),
    /// a `Net::HTTP` session: the `Net::HTTP.start`/`.new` call
    NetHttp(u32),
    /// `OAuth2::Client.new(...)`
    OAuthClient(u32),
    /// `client.password` / `client.auth_code` / …: (client call, strategy name node)
    OAuthStrategy(u32, u32),
    /// an HTTParty class (the class node)
    HttParty(u32),
}

#[derive(Default)]
struct Lx<'s> {
    a: Ast<'s>,
    /// declarations and bindings: locals, instance variables (members of
    /// their class), constants (file-wide), methods and what they return
    /// (explicitly and as their last statement)
    sc: Scopes<'s>,
    heredocs: HashMap<u32, u32>,
    /// classes that `include HTTParty` → their `base_uri` argument
    httparty: HashMap<u32, u32>,
    /// `x.set_basic_auth`, `x.basic_auth`, `f.request :…` calls
    auth_calls: Vec<u32>,
    stringy: Vec<bool>,
    /// what evaluation remembers
    memo: Memo<(u32, &'s str)>,
    inst_memo: RefCell<HashMap<u32, Option<Inst>>>,
    /// request URLs made of a configured base and a path
    joined_urls: RefCell<Vec<StrValue>>,
    req_of_call: HashMap<u32, usize>,
    token_call_of: HashMap<u32, usize>,
    /// an OmniAuth OAuth2 strategy class → the token call its
    /// `access_token` stands for (the strategy's own code exchange)
    strategy_token: HashMap<u32, usize>,
}

const VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];

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

    fn peel(&self, mut e: u32) -> u32 {
        for _ in 0..64 {
            match self.a.kind(e) {
                "parenthesized_statements" | "begin_block" => match self.a.last_named(e) {
                    Some(i) => e = i,
                    None => break,
                },
                _ => break,
            }
        }
        e
    }

    /// The method name of a call.
    fn mname(&self, call: u32) -> &'s str {
        self.a
            .field(call, "method")
            .map(|m| self.a.text(m))
            .unwrap_or("")
    }

    fn recv(&self, call: u32) -> Option<u32> {
        self.a.field(call, "receiver")
    }

    /// A constant path as written, `::`-joined (`Net::HTTP::Post`).
    fn const_path(&self, e: u32) -> Option<String> {
        match self.a.kind(e) {
            "constant" => Some(self.a.text(e).to_string()),
            "scope_resolution" => {
                let name = self.a.field(e, "name")?;
                match self.a.field(e, "scope") {
                    Some(s) => Some(format!("{}::{}", self.const_path(s)?, self.a.text(name))),
                    None => Some(self.a.text(name).to_string()),
                }
            }
            _ => None,
        }
    }

    fn recv_path(&self, call: u32) -> Option<String> {
        self.const_path(self.recv(call)?)
    }

    /// (positional, keyword pairs, block) of a call.
    fn args(&self, call: u32) -> Args<'s> {
        let mut out = Args {
            pos: Vec::new(),
            kw: Vec::new(),
        };
        let Some(al) = self.a.field(call, "arguments") else {
            return out;
        };
        for k in self.a.named(al) {
            match self.a.kind(k) {
                "pair" => {
                    if let (Some(key), Some(v)) = (self.a.field(k, "key"), self.a.field(k, "value"))
                    {
                        if let Some(name) = self.sym_key(key) {
                            out.kw.push((name, k, v));
                        }
                    }
                }
                "block_argument" | "hash_splat_argument" | "splat_argument" => {}
                _ => out.pos.push(k),
            }
        }
        out
    }

    /// A hash key written as a symbol or a plain string.
    fn sym_key(&self, key: u32) -> Option<&'s str> {
        let t = self.a.text(key);
        match self.a.kind(key) {
            "hash_key_symbol" | "identifier" | "constant" => Some(t),
            "simple_symbol" => Some(t.trim_start_matches(':')),
            "string" | "delimited_symbol" => {
                let inner = t
                    .trim_start_matches(':')
                    .trim_start_matches(['"', '\''])
                    .trim_end_matches(['"', '\'']);
                (!inner.contains('#') && !inner.contains('\\')).then_some(inner)
            }
            _ => None,
        }
    }

    /// Pairs of an options hash: keyword arguments, a hash literal, a
    /// variable bound to one.
    fn options(&self, e: u32, depth: u32) -> Vec<(&'s str, u32, u32)> {
        if depth > 8 {
            return Vec::new();
        }
        let e = self.peel(e);
        match self.a.kind(e) {
            "hash" => self
                .a
                .named(e)
                .filter(|&p| self.a.kind(p) == "pair")
                .filter_map(|p| {
                    let k = self.a.field(p, "key")?;
                    let v = self.a.field(p, "value")?;
                    Some((self.sym_key(k)?, p, v))
                })
                .collect(),
            "identifier" | "instance_variable" | "constant" => match self.value_of(e) {
                Some(v) => self.options(v, depth + 1),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn args_with_options(&self, call: u32) -> (Vec<u32>, Vec<(&'s str, u32, u32)>) {
        let args = self.args(call);
        let mut pos = args.pos;
        let mut kw = args.kw;
        // a trailing options hash
        if kw.is_empty() && pos.len() >= 2 {
            if let Some(&last) = pos.last() {
                if matches!(self.a.kind(self.peel(last)), "hash") {
                    kw = self.options(last, 0);
                    pos.pop();
                }
            }
        }
        (pos, kw)
    }

    // ----- collection -------------------------------------------------------

    /// What each node is in the IR's vocabulary.
    fn ir_node(a: &Ast<'s>, id: u32) -> Node {
        match a.kind(id) {
            "identifier" => Node::Name,
            "self" => Node::This,
            "element_reference" => Node::index(a.field(id, "object")),
            "parenthesized_statements" | "begin_block" => Node::wrap(a.last_named(id)),
            "if" => Node::if_(
                a.field(id, "condition"),
                a.field(id, "consequence"),
                a.field(id, "alternative"),
            ),
            "unless" => Node::unless(
                a.field(id, "condition"),
                a.field(id, "consequence"),
                a.field(id, "alternative"),
            ),
            "elsif" => Node::if_fields(a, id),
            "if_modifier" => Node::if_(a.field(id, "condition"), a.field(id, "body"), None),
            "while" | "until" | "while_modifier" | "until_modifier" | "conditional" => {
                Node::guarded(a.field(id, "condition"))
            }
            "program" | "body_statement" | "then" | "else" | "begin" | "do" => Node::Block,
            "unless_modifier" => Node::unless(a.field(id, "condition"), a.field(id, "body"), None),
            "unary" if a.text(id).starts_with('!') || a.text(id).starts_with("not ") => {
                Node::not(a.field(id, "operand"))
            }
            "binary"
                if a.field(id, "operator")
                    .is_some_and(|o| matches!(a.text(o), "&&" | "and")) =>
            {
                Node::and(a.field(id, "left"), a.field(id, "right"))
            }
            "binary"
                if a.field(id, "operator")
                    .is_some_and(|o| matches!(a.text(o), "||" | "or")) =>
            {
                Node::or(a.field(id, "left"), a.field(id, "right"))
            }
            // `x.nil?`, `x.blank?` hold when the value is absent; `x.present?` when it is there
            "call"
                if a.field(id, "arguments").is_none()
                    && a.field(id, "method")
                        .is_some_and(|m| matches!(a.text(m), "nil?" | "blank?" | "empty?")) =>
            {
                Node::not(a.field(id, "receiver"))
            }
            "call"
                if a.field(id, "arguments").is_none()
                    && a.field(id, "method")
                        .is_some_and(|m| a.text(m) == "present?") =>
            {
                Node::wrap(a.field(id, "receiver"))
            }
            "return" => Node::Exit,
            "false" | "nil" => Node::Falsy,
            "binary"
                if a.field(id, "operator")
                    .is_some_and(|o| matches!(a.text(o), "+" | "<<")) =>
            {
                Node::concat(a.field(id, "left"), a.field(id, "right"))
            }
            "call" => Node::call(
                a.field(id, "receiver"),
                a.field(id, "method"),
                a.field(id, "arguments"),
            ),
            "argument_list" => Node::Args,
            "hash" => Node::Map,
            // `save(refresh_token: t)`: a keyword argument; `{ k => v }`: an entry
            "pair" if a.kind(a.parent(id)) == "argument_list" => {
                Node::arg(a.field(id, "key"), a.field(id, "value"))
            }
            "pair" => Node::entry(a.field(id, "key"), a.field(id, "value")),
            _ => Node::Other,
        }
    }

    /// A local bound at its name (in the scope around it).
    fn local(&self, out: &mut Vec<Decl>, name: u32, kind: BindKind) {
        if self.a.text(name).is_empty() {
            return;
        }
        out.push(Decl::Local {
            scope: self.a.scope(name),
            name,
            bind: Some(Bind::new(self.a.start(name), kind)),
            ty: None,
        });
    }

    /// What an assignment to `left` binds: a local, a constant, an
    /// instance variable, or each name of `a, b = …`.
    fn target(&self, out: &mut Vec<Decl>, left: u32, kind: BindKind) {
        let given = match kind {
            BindKind::Value(v) | BindKind::OrAssign(v) => Some(v),
            _ => None,
        };
        match self.a.kind(left) {
            "identifier" => self.local(out, left, kind),
            "constant" => {
                let value = match kind {
                    BindKind::Append(v) => Some(v),
                    _ => given,
                };
                out.push(Decl::Global { name: left, value });
            }
            "instance_variable" => out.push(Decl::MemberSet {
                class: self.a.class(left),
                name: left,
                value: given,
            }),
            "left_assignment_list" => {
                for k in self.a.named_vec(left) {
                    self.target(out, k, BindKind::Other);
                }
            }
            // `params[:client_id] = v`: one more entry of the hash
            "element_reference" => {
                let kids: Vec<u32> = self
                    .a
                    .named(left)
                    .filter(|&k| self.a.field_name(k) != "object")
                    .collect();
                if let (Some(object), [key], BindKind::Value(value)) =
                    (self.a.field(left, "object"), kids.as_slice(), kind)
                {
                    if self.a.kind(object) == "identifier" {
                        out.push(Decl::KeyedSet {
                            object,
                            key: *key,
                            value,
                            stmt: self.a.parent(left),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// `params.merge!(k: v)`, `params.update("k" => v)` and
    /// `params.store(:k, v)` on a local: one keyed set per entry written.
    fn merge_decls(&self, out: &mut Vec<Decl>, call: u32) {
        let a = &self.a;
        let Some(object) = a.field(call, "receiver") else {
            return;
        };
        if a.kind(object) != "identifier" {
            return;
        }
        let Some(args) = a.field(call, "arguments") else {
            return;
        };
        let mut set = |key, value| {
            out.push(Decl::KeyedSet {
                object,
                key,
                value,
                stmt: call,
            })
        };
        match self.mname(call) {
            "merge!" | "update" => {
                for arg in a.named(args) {
                    let pairs = match a.kind(arg) {
                        "pair" => vec![arg],
                        "hash" => a.named(arg).filter(|&p| a.kind(p) == "pair").collect(),
                        _ => Vec::new(),
                    };
                    for p in pairs {
                        if let (Some(k), Some(v)) = (a.field(p, "key"), a.field(p, "value")) {
                            set(k, v);
                        }
                    }
                }
            }
            "store" => {
                if let [k, v] = a.named_vec(args).as_slice() {
                    set(*k, *v);
                }
            }
            _ => {}
        }
    }

    /// The declarations of the file, in source order: methods and their
    /// returns, parameters, and every assignment (Ruby's assignments
    /// declare). Lambdas share the locals of the scope around them.
    fn decls(&self) -> Vec<Decl> {
        let a = &self.a;
        let mut out = Vec::new();
        for id in self.ids() {
            match a.kind(id) {
                "lambda" => out.push(Decl::SharedScope { node: id }),
                "assignment" => {
                    let (Some(l), Some(r)) = (a.field(id, "left"), a.field(id, "right")) else {
                        continue;
                    };
                    let kind = if a.kind(l) == "left_assignment_list"
                        || a.kind(r) == "right_assignment_list"
                    {
                        BindKind::Other
                    } else {
                        BindKind::Value(r)
                    };
                    self.target(&mut out, l, kind);
                }
                "operator_assignment" => {
                    let (Some(l), Some(r)) = (a.field(id, "left"), a.field(id, "right")) else {
                        continue;
                    };
                    let op = a.operator(id).unwrap_or("");
                    let kind = match op {
                        "||=" => BindKind::OrAssign(r),
                        "+=" => BindKind::Append(r),
                        _ => BindKind::Other,
                    };
                    self.target(&mut out, l, kind);
                }
                "call" => self.merge_decls(&mut out, id),
                "method_parameters" | "lambda_parameters" => {
                    for p in a.named_vec(id) {
                        let n = match a.kind(p) {
                            "identifier" => Some(p),
                            _ => a.field(p, "name"),
                        };
                        if let Some(n) = n {
                            self.local(&mut out, n, BindKind::Param(p));
                        }
                    }
                }
                "block_parameters" => {
                    let call = a.parent(a.parent(id));
                    let kind = if a.kind(call) == "call" {
                        BindKind::BlockParam(call)
                    } else {
                        BindKind::Other
                    };
                    for p in a.named_vec(id) {
                        let n = match a.kind(p) {
                            "identifier" => Some(p),
                            _ => a.field(p, "name"),
                        };
                        if let Some(n) = n {
                            self.local(&mut out, n, kind);
                        }
                    }
                }
                "exception_variable" | "for" => {
                    for n in a.named_vec(id) {
                        if a.kind(n) == "identifier" {
                            self.local(&mut out, n, BindKind::Other);
                        }
                    }
                }
                "method" | "singleton_method" => {
                    if let Some(name) = a.field(id, "name") {
                        out.push(Decl::Function { node: id, name });
                    }
                    if let Some(b) = a.field(id, "body") {
                        let last = if a.kind(b) == "body_statement" {
                            a.named(b)
                                .filter(|&k| !matches!(a.kind(k), "rescue" | "ensure" | "else"))
                                .last()
                        } else {
                            Some(b)
                        };
                        if let Some(value) = last {
                            out.push(Decl::Return { func: id, value });
                        }
                    }
                }
                "return" => {
                    let mut f = a.scope(id);
                    for _ in 0..ANCESTOR_LIMIT {
                        if f == 0 || matches!(a.kind(f), "method" | "singleton_method") {
                            break;
                        }
                        f = a.scope(f);
                    }
                    if f == 0 {
                        continue;
                    }
                    if let Some(al) = a.first_named(id) {
                        let v = if a.kind(al) == "argument_list" {
                            a.first_named(al)
                        } else {
                            Some(al)
                        };
                        if let Some(value) = v {
                            out.push(Decl::Return { func: f, value });
                        }
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
        let mut beginnings = Vec::new();
        let mut bodies = Vec::new();
        for id in self.ids() {
            match self.a.kind(id) {
                "heredoc_beginning" => beginnings.push(id),
                "heredoc_body" => bodies.push(id),
                "call" => {
                    if self.recv(id).is_some() {
                        if matches!(self.mname(id), "set_basic_auth" | "basic_auth" | "request") {
                            self.auth_calls.push(id);
                        }
                        continue;
                    }
                    let class = self.a.class(id);
                    if class == NONE || self.a.scope(id) != class {
                        continue;
                    }
                    let name = self.mname(id);
                    let args = self.args(id);
                    match name {
                        "include" | "extend"
                            if args
                                .pos
                                .first()
                                .is_some_and(|&a| self.a.text(a) == "HTTParty") =>
                        {
                            self.httparty.entry(class).or_insert(NONE);
                        }
                        "base_uri" => {
                            if let Some(&a) = args.pos.first() {
                                self.httparty.insert(class, a);
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        for (b, body) in beginnings.into_iter().zip(bodies) {
            self.heredocs.insert(b, body);
        }
    }

    // ----- bindings ---------------------------------------------------------

    /// The single value a name is bound to (locals, constants, ivars).
    fn bound_value(&self, id: u32) -> Option<u32> {
        let a = &self.a;
        match a.kind(id) {
            "identifier" => self.sc.own_single_value(a, id, a.text(id)),
            "constant" => self.sc.global_single_value(a.text(id)),
            "scope_resolution" => self.sc.global_single_value(a.text(a.field(id, "name")?)),
            "instance_variable" => self.sc.class_single_value(a.class(id), a.text(id)),
            _ => None,
        }
    }

    /// The value a name holds at a use (last binding before it), for
    /// following objects (clients, requests, hashes).
    fn value_of(&self, id: u32) -> Option<u32> {
        let a = &self.a;
        match a.kind(id) {
            "identifier" => self.sc.own_value_before(a, id, a.text(id)),
            "instance_variable" => self.sc.member_values(a.class(id), a.text(id)).next(),
            _ => self.bound_value(id),
        }
    }

    // ----- strings ----------------------------------------------------------

    fn compute_stringy(&mut self) {
        let s = self.stringy_nodes(&["binary", "parenthesized_statements", "call"]);
        self.stringy = s;
    }

    fn is_stringy(&self, id: u32) -> bool {
        self.stringy.get(id as usize).copied().unwrap_or(false)
    }

    fn stringy_kind(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        match self.a.kind(id) {
            "string" => self.a.kind(self.a.parent(id)) != "chained_string",
            "chained_string" | "bare_string" => true,
            "heredoc_beginning" => self.heredocs.contains_key(&id),
            "binary" => {
                // `+` and `<<` are concatenations; `fmt % args` is a string when `fmt` is
                self.a.operator(id) == Some("%") && get(self.a.field(id, "left"))
            }
            "call" => {
                let name = self.mname(id);
                let recv = self.recv(id);
                let rp = recv.and_then(|r| self.const_path(r));
                match (rp.as_deref(), name) {
                    (None, "format" | "sprintf") if recv.is_none() => true,
                    (Some("Kernel"), "format" | "sprintf") => true,
                    (Some("URI"), "join" | "encode_www_form") => true,
                    (Some("File"), "join") => true,
                    (_, "to_query" | "to_param") if recv.is_some() => {
                        recv.is_some_and(|r| self.hash_of(r, 0).is_some())
                    }
                    (None, "join") if recv.is_some() => {
                        recv.is_some_and(|r| self.a.kind(self.peel(r)) == "array")
                    }
                    (
                        None,
                        "to_s" | "freeze" | "dup" | "strip" | "chomp" | "delete_suffix"
                        | "delete_prefix" | "squish",
                    ) => get(recv),
                    _ => false,
                }
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
            "parenthesized_statements" | "binary" | "chained_string" => self.is_stringy(p),
            "interpolation" => true,
            "argument_list" => self.is_stringy(self.a.parent(p)),
            "call" => self.a.field_name(id) == "receiver" && self.is_stringy(p),
            "array" | "pair" | "hash" => {
                let mut c = p;
                for _ in 0..4 {
                    let up = self.a.parent(c);
                    match self.a.kind(up) {
                        "array" | "pair" | "hash" => c = up,
                        "argument_list" => return self.is_stringy(self.a.parent(up)),
                        "call" => return self.is_stringy(up),
                        "binary" => return self.is_stringy(up),
                        _ => return false,
                    }
                }
                false
            }
            _ => false,
        }
    }

    fn is_literal_kind(&self, id: u32) -> bool {
        match self.a.kind(id) {
            "string" => self.a.kind(self.a.parent(id)) != "chained_string",
            "bare_string" | "heredoc_beginning" => true,
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
            let literal = self.is_literal_kind(id) || self.a.kind(id) == "chained_string";
            if literal
                && !self
                    .memo
                    .consumed
                    .borrow()
                    .get(id as usize)
                    .copied()
                    .unwrap_or(true)
                && (self.a.kind(id) != "heredoc_beginning" || self.heredocs.contains_key(&id))
            {
                m.strings.push(self.resolve_root(id, true));
            }
        }
        self.oauth_client_strings(m);
        m.strings.append(&mut self.joined_urls.borrow_mut());
    }

    /// `u = base; u += "/x"` read after every `+=`.
    fn appended_value(&self, id: u32) -> Option<Vec<u32>> {
        if self.a.kind(id) != "identifier" {
            return None;
        }
        let bs = self.sc.own_binds(&self.a, id, self.a.text(id))?;
        let (first, rest) = bs.split_first()?;
        let pos = self.a.start(id);
        let BindKind::Value(v0) = first.kind else {
            return None;
        };
        let mut out = vec![v0];
        for b in rest {
            match b.kind {
                BindKind::Append(v) if b.pos < pos => out.push(v),
                _ => return None,
            }
        }
        (out.len() > 1).then_some(out)
    }

    /// `URLS["token"]` / `URLS[:token]` of a constant hash.
    fn index_value(&self, id: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let obj = self.a.field(id, "object")?;
        let key = self.index_key(id)?.0;
        let h = self.hash_of(obj, 0)?;
        self.hash_lookup(h, &key)
    }

    /// The hash literal an expression holds.
    /// `params.map { |k, v| "#{k}=#{CGI.escape(v)}" }.join("&")`: a hash
    /// written out as a query by hand, the pairs of that hash.
    fn pairs_joined(&self, map: u32, sep: Option<u32>) -> Option<Vec<Entry>> {
        let a = &self.a;
        if a.kind(map) != "call"
            || !matches!(self.mname(map), "map" | "collect")
            || self.literal_text(sep?).map(|t| t.0).as_deref() != Some("&")
        {
            return None;
        }
        let block = a.field(map, "block")?;
        if !a.text(block).contains('=') {
            return None;
        }
        let entries = self.pairs_of(self.recv(map)?, 0);
        (!entries.is_empty()).then_some(entries)
    }

    fn hash_of(&self, e: u32, depth: u32) -> Option<u32> {
        if depth > 8 {
            return None;
        }
        let e = self.peel(e);
        match self.a.kind(e) {
            "hash" => Some(e),
            "identifier" | "constant" | "scope_resolution" | "instance_variable" => {
                self.hash_of(self.value_of(e)?, depth + 1)
            }
            "call" if matches!(self.mname(e), "freeze" | "dup" | "with_indifferent_access") => {
                self.hash_of(self.recv(e)?, depth + 1)
            }
            _ => None,
        }
    }

    fn hash_lookup(&self, h: u32, key: &str) -> Option<u32> {
        for p in self.a.named(h) {
            if self.a.kind(p) != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (self.a.field(p, "key"), self.a.field(p, "value")) else {
                continue;
            };
            if self.sym_key(k) == Some(key) {
                return Some(v);
            }
        }
        None
    }

    /// The literal key of `x["k"]` / `x[:k]`: (key, span of its text).
    fn index_key(&self, er: u32) -> Option<(String, Span)> {
        let kids: Vec<u32> = self
            .a
            .named(er)
            .filter(|&k| self.a.field_name(k) != "object")
            .collect();
        let [k] = kids.as_slice() else {
            return None;
        };
        self.key_text(*k)
    }

    /// A string or symbol key's text and span (content only).
    fn key_text(&self, k: u32) -> Option<(String, Span)> {
        match self.a.kind(k) {
            "string" => self.literal_text(k),
            "simple_symbol" | "hash_key_symbol" => {
                let t = self.a.text(k);
                let s = self.a.span(k);
                let skip = usize::from(t.starts_with(':'));
                Some((t[skip..].to_string(), s.start + skip..s.end))
            }
            "delimited_symbol" => {
                let sv = self.value_sv(k);
                let t = sv.text();
                if !sv.is_plain() {
                    return None;
                }
                let span = sv.source_of(0..t.len())?;
                Some((t, span))
            }
            _ => None,
        }
    }

    /// A plain string literal's decoded text and content span.
    fn literal_text(&self, id: u32) -> Option<(String, Span)> {
        if self.a.kind(id) != "string" {
            return None;
        }
        let mut out = Vec::new();
        if self.memo.nest.get() == 0 {
            self.memo.start();
        }
        self.decode_string(id, 0, false, &mut out);
        if out.iter().any(|p| matches!(p, Piece::Hole { .. })) {
            return None;
        }
        let text = pieces_text(&out);
        let span = match (out.first(), out.last()) {
            (Some(Piece::Lit { src: Some(a), .. }), Some(Piece::Lit { src: Some(b), .. })) => {
                a.start..b.end
            }
            _ => {
                let s = self.a.span(id);
                let inner = s.start + 1..s.end.saturating_sub(1).max(s.start + 1);
                inner
            }
        };
        Some((text, span))
    }

    /// Whether a string literal uses single-quote rules (no escapes but `\\`
    /// and `\'`, no interpolation).
    fn single_quoted(&self, id: u32) -> bool {
        let t = self.a.text(id);
        t.starts_with('\'') || t.starts_with("%q") || t.starts_with("%w") || t.starts_with("%i")
    }

    fn decode_string(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let single = self.single_quoted(id)
            || (self.a.kind(id) == "bare_string" && self.single_quoted(self.a.parent(id)));
        let kids: Vec<u32> = self.a.kids(id).to_vec();
        let mut wrote = false;
        for k in kids {
            match self.a.kind(k) {
                "string_content" => {
                    out.push(self.content_piece(k, single));
                    wrote = true;
                }
                "escape_sequence" => {
                    let t = self.a.text(k);
                    let s = self.a.start(k) as usize;
                    match decode_escape(t) {
                        Some(c) => {
                            out.push(Piece::lit_decoded(&[(c, s)], s + t.len()));
                        }
                        None => out.push(Piece::lit(t, self.a.span(k))),
                    }
                    wrote = true;
                }
                "interpolation" => {
                    match self.a.named_vec(k).as_slice() {
                        [e] => self.resolve_into(*e, depth + 1, mark, out),
                        _ => out.push(self.hole(k)),
                    }
                    wrote = true;
                }
                _ => {}
            }
        }
        if !wrote {
            // an empty literal: keep where it is
            let s = self.a.span(id);
            let at = (s.start + 1).min(s.end);
            out.push(Piece::lit("", at..at));
        }
    }

    fn content_piece(&self, k: u32, single: bool) -> Piece {
        let t = self.a.text(k);
        let s = self.a.start(k) as usize;
        if !single || !t.contains('\\') {
            return Piece::lit(t, self.a.span(k));
        }
        let mut decoded = Vec::with_capacity(t.len());
        let mut it = t.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c == '\\' {
                if let Some(&(_, n)) = it.peek() {
                    if n == '\\' || n == '\'' {
                        it.next();
                        decoded.push((n, s + i));
                        continue;
                    }
                }
            }
            decoded.push((c, s + i));
        }
        Piece::lit_decoded(&decoded, s + t.len())
    }

    fn decode_heredoc(&self, begin: u32, body: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let raw = self.a.text(begin).contains('\'');
        let mut first = true;
        for k in self.a.kids(body).to_vec() {
            match self.a.kind(k) {
                "heredoc_content" => {
                    let t = self.a.text(k);
                    let mut s = self.a.start(k) as usize;
                    let mut t2 = t;
                    if first {
                        if let Some(rest) = t.strip_prefix('\n') {
                            t2 = rest;
                            s += 1;
                        } else if let Some(rest) = t.strip_prefix("\r\n") {
                            t2 = rest;
                            s += 2;
                        }
                    }
                    out.push(Piece::lit(t2, s..s + t2.len()));
                }
                "escape_sequence" if !raw => {
                    let t = self.a.text(k);
                    let s = self.a.start(k) as usize;
                    match decode_escape(t) {
                        Some(c) => out.push(Piece::lit_decoded(&[(c, s)], s + t.len())),
                        None => out.push(Piece::lit(t, self.a.span(k))),
                    }
                }
                "interpolation" if !raw => match self.a.named_vec(k).as_slice() {
                    [e] => self.resolve_into(*e, depth + 1, mark, out),
                    _ => out.push(self.hole(k)),
                },
                "interpolation" | "escape_sequence" => {
                    out.push(Piece::lit(self.a.text(k), self.a.span(k)))
                }
                _ => {}
            }
            first = false;
        }
    }

    fn resolve_call(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let name = self.mname(id);
        let recv = self.recv(id);
        let rp = recv.and_then(|r| self.const_path(r));
        let args = self.args(id);
        match (rp.as_deref(), name) {
            (None | Some("Kernel"), "format" | "sprintf")
                if (recv.is_none() || rp.is_some()) && !args.pos.is_empty() =>
            {
                let mut fmt = Vec::new();
                self.resolve_into(args.pos[0], depth, mark, &mut fmt);
                // format("%{a}", a: 1) when there is no positional argument
                self.format(id, fmt, &args.pos[1..], &args.kw, depth, mark, out);
            }
            (None, "URI") | (Some("URI"), "parse" | "join") | (None, "String")
                if recv.is_none() || rp.is_some() =>
            {
                let Some(&first) = args.pos.first() else {
                    out.push(self.hole(id));
                    return;
                };
                let mut acc = Vec::new();
                // a joined base is cut: its literal is also kept whole on its own
                let keep = mark && !(name == "join" && args.pos.len() > 1);
                self.resolve_into(first, depth, keep, &mut acc);
                if name == "join" {
                    for &p in &args.pos[1..] {
                        let mut part = Vec::new();
                        self.resolve_into(p, depth, mark, &mut part);
                        acc = join_url(acc, part);
                    }
                }
                out.extend(acc);
            }
            (Some("URI"), "encode_www_form") => {
                let entries = match args.pos.first() {
                    Some(&h) => self.pairs_of(h, 0),
                    None => self.kw_entries(id),
                };
                if mark {
                    self.mark_all(id);
                }
                out.extend(encode_entries(&entries));
            }
            (Some("File"), "join") => {
                for (i, &p) in args.pos.iter().enumerate() {
                    if i > 0 {
                        out.push(Piece::synthetic("/"));
                    }
                    self.resolve_into(p, depth, mark, out);
                }
            }
            (None, "to_query" | "to_param") if recv.is_some() => {
                let Some(h) = recv.and_then(|r| self.hash_of(r, 0)) else {
                    out.push(self.hole(id));
                    return;
                };
                let mut entries = self.hash_entries(h);
                entries.sort_by(|a, b| a.key.cmp(&b.key));
                if mark {
                    self.mark_all(h);
                }
                out.extend(encode_entries(&entries));
            }
            (None, "join") if recv.is_some() => {
                let Some(arr) = recv.map(|r| self.peel(r)) else {
                    return;
                };
                if let Some(entries) = self.pairs_joined(arr, args.pos.first().copied()) {
                    if mark {
                        self.mark_all(arr);
                    }
                    out.extend(encode_entries(&entries));
                    return;
                }
                if self.a.kind(arr) != "array" {
                    out.push(self.hole(id));
                    return;
                }
                let mut sep = Vec::new();
                if let Some(&s) = args.pos.first() {
                    self.resolve_into(s, depth, mark, &mut sep);
                }
                for (i, k) in self.a.named_vec(arr).into_iter().enumerate() {
                    if i > 0 {
                        out.extend(sep.iter().cloned());
                    }
                    self.resolve_into(k, depth, mark, out);
                }
            }
            (None, "to_s" | "freeze" | "dup" | "squish") if recv.is_some() => {
                if let Some(r) = recv {
                    self.resolve_into(r, depth, mark, out);
                }
            }
            (None, "strip") if recv.is_some() => {
                let mut inner = Vec::new();
                if let Some(r) = recv {
                    self.resolve_into(r, depth, mark, &mut inner);
                }
                let t = pieces_text(&inner);
                let a = t.len() - t.trim_start().len();
                let b = t.trim_end().len().max(a);
                out.extend(slice_pieces(&inner, a, b));
            }
            (None, "chomp" | "delete_suffix" | "delete_prefix") if recv.is_some() => {
                let mut inner = Vec::new();
                if let Some(r) = recv {
                    self.resolve_into(r, depth, mark, &mut inner);
                }
                let cut = args
                    .pos
                    .first()
                    .and_then(|&c| self.literal_text(c))
                    .map(|c| c.0)
                    .unwrap_or_else(|| "\n".to_string());
                let t = pieces_text(&inner);
                let (a, b) = if name == "delete_prefix" {
                    if t.starts_with(&cut) {
                        (cut.len(), t.len())
                    } else {
                        (0, t.len())
                    }
                } else if t.ends_with(&cut) {
                    (0, t.len() - cut.len())
                } else {
                    (0, t.len())
                };
                out.extend(slice_pieces(&inner, a, b));
            }
            _ if args.pos.is_empty() && args.kw.is_empty() => self.resolve_getter(id, depth, out),
            _ => out.push(self.hole(id)),
        }
    }

    /// A method of this class (or of the file) that returns one written
    /// text, called without arguments: `base_url`, `self.base_url`,
    /// `self.class.base_url`, `GotoAuth.base_url`. Its text reads at the
    /// call (`sema::pieces::detached`); anything else is a hole.
    fn resolve_getter(&self, id: u32, depth: u32, out: &mut Vec<Piece>) {
        let a = &self.a;
        let name = match a.kind(id) {
            "identifier" if self.sc.local_scope_of(a, id, a.text(id)).is_none() => a.text(id),
            "call" => self.mname(id),
            _ => "",
        };
        let class = match self.recv(id) {
            None => Some(a.class(id)),
            Some(r) if a.kind(r) == "self" => Some(a.class(id)),
            // `self.class.x`
            Some(r)
                if a.kind(r) == "call"
                    && self.mname(r) == "class"
                    && self.recv(r).is_some_and(|rr| a.kind(rr) == "self") =>
            {
                Some(a.class(id))
            }
            Some(r) if a.kind(r) == "constant" => self.sc.class_named(a.text(r)),
            Some(_) => None,
        };
        let value = match class {
            Some(c) if !name.is_empty() => self.sc.getter_value(a, c, name),
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

    fn mark_all(&self, root: u32) {
        let mut stack = vec![root];
        while let Some(x) = stack.pop() {
            if self.is_literal_kind(x) {
                self.mark(x);
            }
            stack.extend(self.a.kids(x).iter().copied());
        }
    }

    /// Ruby `format`: `%s`, `%d`, `%<name>s`, `%{name}`, `%%`. A hash
    /// argument, or keywords without positional arguments, gives the named
    /// references; the others then stay text.
    #[allow(clippy::too_many_arguments)]
    fn format(
        &self,
        call: u32,
        fmt: Vec<Piece>,
        args: &[u32],
        kw: &[(&'s str, u32, u32)],
        depth: u32,
        mark: bool,
        out: &mut Vec<Piece>,
    ) {
        let hash: Option<Vec<(&'s str, u32, u32)>> = match args {
            [one] => self.hash_of(*one, 0).map(|h| {
                self.a
                    .named(h)
                    .filter(|&p| self.a.kind(p) == "pair")
                    .filter_map(|p| {
                        let k = self.a.field(p, "key")?;
                        let v = self.a.field(p, "value")?;
                        Some((self.sym_key(k)?, p, v))
                    })
                    .collect()
            }),
            [] if !kw.is_empty() => Some(kw.to_vec()),
            _ => None,
        };
        format::printf(&fmt, &PRINTF, out, |d, out| {
            match (&hash, d.arg) {
                (Some(kw), Arg::Name(name)) => match kw.iter().find(|k| k.0 == name) {
                    Some(&(_, _, v)) => self.resolve_into(v, depth, mark, out),
                    None => out.push(self.hole(call)),
                },
                (Some(_), _) => return false,
                (None, Arg::Pos(k)) => match (args.get(k), d.conv) {
                    (Some(&a), b's' | b'd' | b'i' | b'p') if d.plain => {
                        self.resolve_into(a, depth, mark, out)
                    }
                    (Some(&a), _) => out.push(self.hole(a)),
                    (None, _) => out.push(self.hole(call)),
                },
                (None, _) => out.push(self.hole(call)),
            }
            true
        });
    }

    // ----- key/value structures -----------------------------------------------

    fn pair_entry(&self, pair: u32) -> Option<Entry> {
        let k = self.a.field(pair, "key")?;
        let v = self.a.field(pair, "value")?;
        let (key, ks) = match self.a.kind(k) {
            "hash_key_symbol" | "identifier" | "constant" => {
                (self.a.text(k).to_string(), self.a.span(k))
            }
            _ => self.key_text(k).or_else(|| {
                let sv = self.value_sv(k);
                let t = sv.text();
                (sv.is_plain() && !t.is_empty()).then(|| (t, self.a.span(k)))
            })?,
        };
        Some(Entry {
            key,
            key_span: Some(ks),
            value: self.value_opt(v),
            value_span: Some(self.a.span(v)),
            span: self.a.span(pair),
        })
    }

    /// The entries `params[:k] = v` writes into the hash the local `e`
    /// holds, after its binding and before `e`.
    fn keyed_entries(&self, e: u32) -> Vec<Entry> {
        if self.a.kind(e) != "identifier" {
            return Vec::new();
        }
        keyed_entries(
            &self.sc,
            &self.a,
            e,
            |k| self.key_text(k),
            |v| self.value_opt(v),
        )
    }

    fn hash_entries(&self, h: u32) -> Vec<Entry> {
        self.a
            .named(h)
            .filter(|&p| self.a.kind(p) == "pair")
            .filter_map(|p| self.pair_entry(p))
            .collect()
    }

    fn kw_entries(&self, call: u32) -> Vec<Entry> {
        let Some(al) = self.a.field(call, "arguments") else {
            return Vec::new();
        };
        self.a
            .named(al)
            .filter(|&p| self.a.kind(p) == "pair")
            .filter_map(|p| self.pair_entry(p))
            .collect()
    }

    /// `[["k", "v"], …]`
    fn tuple_entry(&self, t: u32) -> Option<Entry> {
        let kids = self.a.named_vec(t);
        if kids.len() != 2 {
            return None;
        }
        let (key, ks) = self.key_text(kids[0])?;
        Some(Entry {
            key,
            key_span: Some(ks),
            value: self.value_opt(kids[1]),
            value_span: Some(self.a.span(kids[1])),
            span: self.a.span(t),
        })
    }

    /// Entries of a hash-like expression (hash literal, pairs array, a name
    /// bound to one, `.merge(...)`, a form string).
    fn pairs_of(&self, e: u32, depth: u32) -> Vec<Entry> {
        if depth > 8 {
            return Vec::new();
        }
        let e = self.peel(e);
        match self.a.kind(e) {
            "hash" => self.hash_entries(e),
            "array" => self
                .a
                .named(e)
                .filter(|&t| self.a.kind(t) == "array")
                .filter_map(|t| self.tuple_entry(t))
                .collect(),
            "identifier" | "constant" | "scope_resolution" | "instance_variable" => {
                match self.value_of(e) {
                    Some(v) => {
                        let mut out = self.pairs_of(v, depth + 1);
                        out.extend(self.keyed_entries(e));
                        out
                    }
                    None => Vec::new(),
                }
            }
            "call" => {
                let name = self.mname(e);
                match name {
                    "merge"
                    | "merge!"
                    | "compact"
                    | "freeze"
                    | "with_indifferent_access"
                    | "to_h" => {
                        let mut out = match self.recv(e) {
                            Some(r) => self.pairs_of(r, depth + 1),
                            None => Vec::new(),
                        };
                        if name.starts_with("merge") {
                            let args = self.args(e);
                            for &a in &args.pos {
                                out.extend(self.pairs_of(a, depth + 1));
                            }
                            out.extend(self.kw_entries(e));
                        }
                        out
                    }
                    _ if self.is_stringy(e) => string_pairs(&self.value_sv(e), false, slice_pieces),
                    _ => Vec::new(),
                }
            }
            _ if self.is_stringy(e) => string_pairs(&self.value_sv(e), false, slice_pieces),
            _ => Vec::new(),
        }
    }

    fn entries(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "pair" => {
                    if let Some(e) = self.pair_entry(id) {
                        m.entries.push(e);
                    }
                }
                "array" if self.a.kind(self.a.parent(id)) == "array" => {
                    if let Some(e) = self.tuple_entry(id) {
                        m.entries.push(e);
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

    /// An OmniAuth OAuth2 strategy (`option :client_options` in a class)
    /// exchanges the code itself: `access_token` in its `uid`/`info`/
    /// `credentials` blocks is that token response. Recorded as one token
    /// call per strategy whose class names a GoTo URL, at its client options.
    fn strategy_token_calls(&mut self, m: &mut FileModel) {
        for id in self.ids() {
            if self.a.kind(id) != "call" || self.mname(id) != "option" || self.recv(id).is_some() {
                continue;
            }
            let (pos, _) = self.args_with_options(id);
            let class = self.a.class(id);
            if class == NONE
                || pos.first().map(|&p| self.a.text(p)) != Some(":client_options")
                || self.strategy_token.contains_key(&class)
                || crate::goto::find_urls(self.a.text(class), &[]).is_empty()
            {
                continue;
            }
            self.strategy_token.insert(class, m.calls.len());
            m.calls.push(Call {
                callee: "access_token".to_string(),
                name: "get_token".to_string(),
                name_span: self.a.span(id),
                span: self.a.span(id),
                args: Vec::new(),
                kwargs: Vec::new(),
            });
            if let Some(req) = self.strategy_token_params(id, class) {
                m.http_requests.push(req);
            }
        }
    }

    /// The parameters an OmniAuth strategy's own `def token_params`
    /// returns (`{"client_id" => client.id, …}`, `super.merge(…)`): OmniAuth's
    /// `build_access_token` sends them with the code to the token URL, so
    /// they are the body of a token request at that method. Not when the
    /// strategy's own `build_access_token` leaves them out.
    fn strategy_token_params(&self, option: u32, class: u32) -> Option<HttpRequest> {
        let a = &self.a;
        let mut params = None;
        for id in self.ids() {
            if a.kind(id) != "method" || a.class(id) != class {
                continue;
            }
            match a.field(id, "name").map(|n| a.text(n)) {
                Some("token_params") => params = Some(id),
                Some("build_access_token") if !a.text(id).contains("token_params") => return None,
                _ => {}
            }
        }
        let method = params?;
        let body = a.field(method, "body")?;
        let last = if a.kind(body) == "body_statement" {
            a.named(body)
                .filter(|&k| !matches!(a.kind(k), "rescue" | "ensure" | "else" | "comment"))
                .last()?
        } else {
            body
        };
        let entries = self.pairs_of(last, 0);
        if entries.is_empty() {
            return None;
        }
        let name = a.field(method, "name")?;
        let mut req = self.empty_request(method, "omniauth");
        req.method = Some(Method::Post);
        req.method_source = MethodSource::Default { span: a.span(name) };
        let ((url, node), _) = self.oauth_urls(option);
        self.set_url(&mut req, url, a.span(node));
        req.body = entries;
        req.body_kind = Some(BodyKind::Form);
        // the oauth2 gem sends the client as Basic unless told otherwise
        let (_, kw) = self.args_with_options(option);
        req.basic_auth = !kw
            .iter()
            .any(|o| o.0 == "auth_scheme" && a.text(o.2) == ":request_body");
        Some(req)
    }

    fn requests_and_calls(&mut self, m: &mut FileModel) {
        self.strategy_token_calls(m);
        for id in self.ids() {
            if self.a.kind(id) != "call" {
                continue;
            }
            let (req, token_lib) = match self.detect_request(id) {
                Some((r, t)) => (Some(r), t),
                None => (None, false),
            };
            if let Some(r) = req {
                self.req_of_call.insert(id, m.http_requests.len());
                m.http_requests.push(r);
                if !token_lib {
                    continue;
                }
            }
            let Some(mnode) = self.a.field(id, "method") else {
                continue;
            };
            let name = self.a.text(mnode);
            // a function of another file of the project whose result is a
            // token response (`client.fetch_tokens`, parentheses or not)
            let project =
                crate::sema::libraries::is_project_token_call(name) && self.sc.is_token_call(name);
            // `x.attr` without arguments or a block is a read, not a call
            if !token_lib
                && !project
                && name != "refresh!"
                && self.a.field(id, "arguments").is_none()
                && self.a.field(id, "block").is_none()
            {
                continue;
            }
            let callee = self.callee_chain(id);
            let args = self.args(id);
            let call = Call {
                callee: callee.clone(),
                name: name.to_string(),
                name_span: self.a.span(mnode),
                span: self.a.span(id),
                args: args.pos.iter().map(|&p| self.value_opt(p)).collect(),
                kwargs: args
                    .kw
                    .iter()
                    .filter_map(|k| self.pair_entry(k.1))
                    .collect(),
            };
            if token_lib || project {
                self.token_call_of.insert(id, m.calls.len());
            }
            m.calls.push(call);
            // `token.refresh!` of the oauth2 gem: a refresh grant
            if name == "refresh!" && self.recv(id).is_some() && args.pos.len() <= 1 {
                self.token_call_of.insert(id, m.calls.len());
                m.calls.push(Call {
                    callee,
                    name: "refresh_token".to_string(),
                    name_span: self.a.span(mnode),
                    span: self.a.span(id),
                    args: Vec::new(),
                    kwargs: Vec::new(),
                });
            }
        }
        self.attach_request_parts(m);
    }

    fn callee_chain(&self, call: u32) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut e = call;
        for _ in 0..64 {
            match self.a.kind(e) {
                "call" => {
                    parts.push(self.mname(e).to_string());
                    match self.recv(e) {
                        Some(r) => e = r,
                        None => break,
                    }
                }
                "identifier" | "instance_variable" | "self" | "constant" => {
                    parts.push(self.a.text(e).to_string());
                    break;
                }
                "scope_resolution" => {
                    if let Some(p) = self.const_path(e) {
                        parts.push(p.replace("::", "."));
                    }
                    break;
                }
                "parenthesized_statements" => match self.a.last_named(e) {
                    Some(i) => e = i,
                    None => break,
                },
                _ => break,
            }
        }
        parts.reverse();
        parts.join(".")
    }

    fn empty_request(&self, call: u32, library: &str) -> HttpRequest {
        crate::sema::requests::empty_request(self.a.span(call), library)
    }

    /// What an expression is, library-wise.
    fn inst_of(&self, e: u32, depth: u32) -> Option<Inst> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(i) = self.inst_memo.borrow().get(&e) {
            return *i;
        }
        self.inst_memo.borrow_mut().insert(e, None);
        let i = self.inst_compute(e, depth);
        self.inst_memo.borrow_mut().insert(e, i);
        i
    }

    fn inst_compute(&self, e: u32, depth: u32) -> Option<Inst> {
        let e = self.peel(e);
        let d = depth + 1;
        match self.a.kind(e) {
            "call" => {
                let name = self.mname(e);
                let rp = self.recv_path(e);
                match (rp.as_deref(), name) {
                    (Some("Faraday"), "new") => return Some(Inst::Faraday(e)),
                    (Some("Net::HTTP"), "new" | "start") => return Some(Inst::NetHttp(e)),
                    (Some("OAuth2::Client"), "new") => return Some(Inst::OAuthClient(e)),
                    (Some("self.class") | None, "class") => {}
                    _ => {}
                }
                // `self.class` inside an HTTParty class
                if name == "class" && self.recv(e).map(|r| self.a.kind(r)) == Some("self") {
                    let class = self.a.class(e);
                    if self.httparty.contains_key(&class) {
                        return Some(Inst::HttParty(class));
                    }
                }
                if matches!(
                    name,
                    "password" | "auth_code" | "client_credentials" | "assertion"
                ) {
                    if let Some(Inst::OAuthClient(c)) =
                        self.recv(e).and_then(|r| self.inst_of(r, d))
                    {
                        let mnode = self.a.field(e, "method").unwrap_or(NONE);
                        return Some(Inst::OAuthStrategy(c, mnode));
                    }
                }
                if self.recv(e).is_none() && self.a.field(e, "arguments").is_none() {
                    // a memoizing method: `def conn; @conn ||= Faraday.new(...); end`
                    return self.method_inst(name, d);
                }
                if self.recv(e).map(|r| self.a.kind(r)) == Some("self")
                    && self.a.field(e, "arguments").is_none()
                {
                    return self.method_inst(name, d);
                }
                None
            }
            "identifier" => {
                if let Some(b) = self.sc.own_bind_before(&self.a, e, self.a.text(e)) {
                    return match b.kind {
                        BindKind::Value(v) | BindKind::OrAssign(v) => self.inst_of(v, d),
                        BindKind::BlockParam(call) => {
                            // `Net::HTTP.start(...) { |http| … }`, `Faraday.new { |f| … }`
                            match self.inst_of(call, d) {
                                Some(Inst::NetHttp(c)) => Some(Inst::NetHttp(c)),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                }
                self.method_inst(self.a.text(e), d)
            }
            "instance_variable" => {
                let class = self.a.class(e);
                self.sc
                    .member_values(class, self.a.text(e))
                    .find_map(|v| self.inst_of(v, d))
            }
            "constant" | "scope_resolution" => {
                let path = self.const_path(e)?;
                let last = path.rsplit("::").next().unwrap_or(&path);
                if let Some(v) = self.sc.global_first_value(last) {
                    return self.inst_of(v, d);
                }
                // a class of this file that includes HTTParty
                self.httparty
                    .keys()
                    .copied()
                    .find(|&c| {
                        self.a
                            .field(c, "name")
                            .is_some_and(|n| self.a.text(n).rsplit("::").next() == Some(last))
                    })
                    .map(Inst::HttParty)
            }
            "self" => {
                let class = self.a.class(e);
                self.httparty
                    .contains_key(&class)
                    .then_some(Inst::HttParty(class))
            }
            "operator_assignment" | "assignment" => self.inst_of(self.a.field(e, "right")?, d),
            _ => None,
        }
    }

    fn method_inst(&self, name: &str, depth: u32) -> Option<Inst> {
        let ms = self.sc.functions_by_name.get(name)?;
        for &mth in ms {
            for &r in self
                .sc
                .returns
                .get(&mth)
                .map(|v| v.as_slice())
                .unwrap_or(&[])
            {
                if let Some(i) = self.inst_of(r, depth + 1) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// (request, also a token call)
    fn detect_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        if let Some(found) = self.library_request(call) {
            return Some(found);
        }
        let r = crate::sema::helpers::helper_request(self, call, "helper", self.a.span(call))?;
        Some((r, false))
    }

    fn library_request(&self, call: u32) -> Option<(HttpRequest, bool)> {
        let name = self.mname(call);
        let mnode = self.a.field(call, "method")?;
        let recv = self.recv(call);
        let rp = recv.and_then(|r| self.const_path(r));
        match (rp.as_deref(), name) {
            (Some("HTTParty"), v) if VERBS.contains(&v) => {
                return Some((self.httparty_request(call, mnode, v, None), false));
            }
            (Some("RestClient"), v) if VERBS.contains(&v) => {
                return Some((self.restclient_request(call, mnode, v), false));
            }
            (Some("RestClient::Request"), "execute") => {
                return Some((self.restclient_execute(call), false));
            }
            (Some("Faraday"), v) if VERBS.contains(&v) => {
                return Some((self.faraday_request(call, mnode, v, None), false));
            }
            (Some("Net::HTTP"), "post_form" | "get" | "get_response" | "post") => {
                return Some((self.net_http_module(call, mnode, name), false));
            }
            (Some(p), "new") if p.starts_with("Net::HTTP::") => {
                let verb = p.rsplit("::").next().unwrap_or("");
                if matches!(
                    verb,
                    "Get" | "Post" | "Put" | "Patch" | "Delete" | "Head" | "Options"
                ) {
                    return Some((self.net_http_new(call, verb), false));
                }
                return None;
            }
            _ => {}
        }
        // http.rb: HTTP.basic_auth(…).headers(…).post(url, form: {…})
        if VERBS.contains(&name) {
            if let Some(chain) = self.httprb_chain(call) {
                return Some((self.httprb_request(call, mnode, name, &chain), false));
            }
        }
        // inside an HTTParty class: `post("/oauth/token", …)` in a class method
        if recv.is_none() && VERBS.contains(&name) {
            let class = self.a.class(call);
            if self.httparty.contains_key(&class) && self.a.field(call, "arguments").is_some() {
                return Some((self.httparty_request(call, mnode, name, Some(class)), false));
            }
            return None;
        }
        let recv = recv?;
        let inst = self.inst_of(recv, 0)?;
        match inst {
            Inst::HttParty(class) if VERBS.contains(&name) => {
                Some((self.httparty_request(call, mnode, name, Some(class)), false))
            }
            Inst::Faraday(f) if VERBS.contains(&name) => {
                Some((self.faraday_request(call, mnode, name, Some(f)), false))
            }
            Inst::NetHttp(s) if VERBS.contains(&name) || name == "request_get" => {
                Some((self.net_http_session(call, mnode, name, s), false))
            }
            Inst::OAuthStrategy(client, strategy) if name == "get_token" => Some((
                self.oauth_token_request(call, mnode, client, strategy),
                true,
            )),
            _ => None,
        }
    }

    /// A path joined with a configured base URL (`base_uri`, a Faraday
    /// `url:`) is also kept as a string value where the path is written.
    fn joined(&self, path: u32, pieces: Vec<Piece>) -> Vec<Piece> {
        if pieces_text(&pieces).contains("://") {
            self.joined_urls.borrow_mut().push(StrValue {
                pieces: pieces.clone(),
                span: self.a.span(path),
            });
        }
        pieces
    }

    fn set_verb(&self, req: &mut HttpRequest, verb: &str, span: Span) {
        req.method = Some(Method::parse(verb));
        req.method_source = MethodSource::Explicit { span };
    }

    fn set_url(&self, req: &mut HttpRequest, pieces: Vec<Piece>, span: Span) {
        let sv = StrValue { pieces, span };
        if sv.text().contains('?') {
            req.query.extend(string_pairs(&sv, false, slice_pieces));
        }
        req.url = Some(sv);
    }

    fn url_pieces(&self, e: u32) -> Vec<Piece> {
        self.value_sv(e).pieces
    }

    fn headers_from(&self, h: u32) -> Vec<Entry> {
        let mut out = self.pairs_of(h, 0);
        for e in out.iter_mut() {
            // `content_type: :json` (RestClient) → `Content-Type`
            if e.key == "content_type" {
                e.key = "Content-Type".to_string();
            }
        }
        out
    }

    fn basic_from_headers(headers: &[Entry]) -> bool {
        headers.iter().any(|h| {
            h.key.eq_ignore_ascii_case("authorization")
                && h.value
                    .as_ref()
                    .is_some_and(|v| v.text().trim_start().starts_with("Basic"))
        })
    }

    fn json_header(headers: &[Entry]) -> Option<bool> {
        for h in headers {
            if !h.key.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let v = h
                .value
                .as_ref()
                .map(|v| v.text().to_ascii_lowercase())
                .unwrap_or_default();
            if v.contains("json") {
                return Some(true);
            }
            if v.contains("x-www-form-urlencoded") {
                return Some(false);
            }
        }
        None
    }

    /// A body expression: a hash (form unless JSON is declared), `x.to_json`
    /// / `JSON.generate(x)` (JSON), `URI.encode_www_form(...)` (form), a string.
    fn body_of(&self, e: u32, hash_kind: BodyKind, depth: u32) -> (BodyKind, Vec<Entry>) {
        if depth > 8 {
            return (BodyKind::Unknown, Vec::new());
        }
        let e = self.peel(e);
        match self.a.kind(e) {
            "hash" => (hash_kind, self.hash_entries(e)),
            "call" => {
                let name = self.mname(e);
                let rp = self.recv_path(e);
                match (rp.as_deref(), name) {
                    (_, "to_json") => {
                        let entries = self
                            .recv(e)
                            .map(|r| self.pairs_of(r, 0))
                            .unwrap_or_default();
                        (BodyKind::Json, entries)
                    }
                    (Some("JSON"), "generate" | "dump" | "pretty_generate") => {
                        let entries = self
                            .args(e)
                            .pos
                            .first()
                            .map(|&x| self.pairs_of(x, 0))
                            .unwrap_or_default();
                        (BodyKind::Json, entries)
                    }
                    (Some("URI"), "encode_www_form") => (BodyKind::Form, self.pairs_of(e, 0)),
                    (None, "to_query" | "to_param") => (
                        BodyKind::Form,
                        self.recv(e)
                            .map(|r| self.pairs_of(r, 0))
                            .unwrap_or_default(),
                    ),
                    (None, "merge" | "merge!") => (hash_kind, self.pairs_of(e, 0)),
                    _ if self.is_stringy(e) => self.string_body(e),
                    _ => (BodyKind::Unknown, Vec::new()),
                }
            }
            "identifier" | "instance_variable" | "constant" => match self.value_of(e) {
                Some(v) => {
                    let (kind, mut entries) = self.body_of(v, hash_kind, depth + 1);
                    if matches!(kind, BodyKind::Form | BodyKind::Json) {
                        entries.extend(self.keyed_entries(e));
                    }
                    (kind, entries)
                }
                None => (BodyKind::Unknown, Vec::new()),
            },
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

    fn apply_body(&self, req: &mut HttpRequest, body: u32, hash_kind: BodyKind) {
        let (mut kind, entries) = self.body_of(body, hash_kind, 0);
        if let Some(json) = Self::json_header(&req.headers) {
            if matches!(kind, BodyKind::Unknown | BodyKind::Raw) || json && kind == BodyKind::Form {
                if json {
                    kind = BodyKind::Json;
                } else if kind != BodyKind::Raw {
                    kind = BodyKind::Form;
                }
            }
        }
        req.body_kind = Some(kind);
        req.body = entries;
        req.body_span = Some(self.a.span(body));
    }

    fn httparty_request(
        &self,
        call: u32,
        mnode: u32,
        verb: &str,
        class: Option<u32>,
    ) -> HttpRequest {
        let mut req = self.empty_request(call, "httparty");
        self.set_verb(&mut req, verb, self.a.span(mnode));
        let (pos, kw) = self.args_with_options(call);
        let opts: Vec<(&str, u32, u32)> = if kw.is_empty() {
            pos.get(1).map(|&o| self.options(o, 0)).unwrap_or_default()
        } else {
            kw
        };
        if let Some(&u) = pos.first() {
            let path = self.url_pieces(u);
            let pieces = match class.and_then(|c| self.httparty.get(&c).copied()) {
                Some(base) if base != NONE => {
                    self.joined(u, concat_url(self.url_pieces(base), path))
                }
                _ => path,
            };
            self.set_url(&mut req, pieces, self.a.span(u));
        }
        let opt = |k: &str| opts.iter().find(|o| o.0 == k).map(|o| o.2);
        if let Some(h) = opt("headers") {
            req.headers = self.headers_from(h);
        }
        if let Some(q) = opt("query") {
            req.query.extend(self.pairs_of(q, 0));
        }
        if let Some(b) = opt("body") {
            self.apply_body(&mut req, b, BodyKind::Form);
            // a JSON content type given with the body must change with it
            let call_span = self.a.span(call);
            let own = |s: &Span| s.start >= call_span.start && s.end <= call_span.end;
            if let Some(label) = Self::json_label_to_form(self.a.src, &req.headers, own) {
                self.to_form_hint(&mut req, b);
                if let Some(hint) = req.rewrite_hints.last_mut() {
                    if hint.kind == RewriteKind::ToForm {
                        hint.edits.extend(label);
                    }
                }
            }
        }
        if verb == "get" && opt("body").is_none() {
            // HTTParty.get(url, query: {…}) → HTTParty.post(url, body: {…})
            let mut edits = vec![(self.a.span(mnode), "post".to_string())];
            if let Some(&(_, pair, _)) = opts.iter().find(|o| o.0 == "query") {
                if let Some(k) = self.a.field(pair, "key") {
                    if self.a.kind(k) == "hash_key_symbol" {
                        edits.push((self.a.span(k), "body".to_string()));
                    }
                }
            }
            req.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToPost,
                edits,
            });
        }
        req.basic_auth = opt("basic_auth").is_some() || Self::basic_from_headers(&req.headers);
        req
    }

    /// `body: {…}.to_json` → `body: {…}` (a hash body is sent form-encoded).
    fn to_form_hint(&self, req: &mut HttpRequest, body: u32) {
        let b = self.peel(body);
        if self.a.kind(b) != "call" || self.mname(b) != "to_json" || !self.args(b).pos.is_empty() {
            return;
        }
        let Some(r) = self.recv(b) else { return };
        if self.a.kind(self.peel(r)) != "hash" && self.a.kind(r) != "identifier" {
            return;
        }
        let cut = self.a.span(r).end..self.a.span(b).end;
        req.rewrite_hints.push(RewriteHint {
            kind: RewriteKind::ToForm,
            edits: vec![(cut, String::new())],
        });
    }

    /// The edit that relabels a JSON body as a form: none when no content
    /// type is given, the form type for one JSON string literal written
    /// for this request alone (`own`: not a constant other requests share),
    /// and `None` (no rewrite) for anything else.
    fn json_label_to_form(
        text: &str,
        headers: &[Entry],
        own: impl Fn(&Span) -> bool,
    ) -> Option<Vec<(Span, String)>> {
        let mut types = headers
            .iter()
            .filter(|h| h.key.eq_ignore_ascii_case("content-type"));
        let Some(header) = types.next() else {
            return Some(Vec::new());
        };
        let span = header.value_span.clone()?;
        if !own(&header.span) || !own(&span) {
            return None;
        }
        let written = text.get(span.clone())?;
        let quote = written.chars().next()?;
        let literal = matches!(quote, '"' | '\'')
            && written.len() >= 2
            && written.ends_with(quote)
            && !written[1..written.len() - 1].contains(['"', '\'', '#', '\\']);
        if types.next().is_some()
            || !literal
            || !written.to_ascii_lowercase().contains("application/json")
        {
            return None;
        }
        Some(vec![(
            span,
            format!("{quote}application/x-www-form-urlencoded{quote}"),
        )])
    }

    /// `x.to_json` → `URI.encode_www_form(x)`, `JSON.generate(x)` /
    /// `JSON.dump(x)` → `URI.encode_www_form(x)`: the same pairs as a form.
    fn json_to_form_edits(&self, body: u32) -> Option<Vec<(Span, String)>> {
        let b = self.peel(body);
        if self.a.kind(b) != "call" {
            return None;
        }
        let recv = self.recv(b)?;
        let args = self.args(b);
        match (self.a.text(recv), self.mname(b)) {
            (_, "to_json") if args.pos.is_empty() && args.kw.is_empty() => {
                let start = self.a.start(recv) as usize;
                Some(vec![
                    (start..start, "URI.encode_www_form(".to_string()),
                    (
                        self.a.end(recv) as usize..self.a.end(b) as usize,
                        ")".to_string(),
                    ),
                ])
            }
            // one argument: a value, or a hash written without braces
            ("JSON" | "::JSON", "generate" | "dump")
                if args.pos.len() + usize::from(!args.kw.is_empty()) == 1 =>
            {
                let method = self.a.field(b, "method")?;
                Some(vec![(
                    self.a.start(recv) as usize..self.a.end(method) as usize,
                    "URI.encode_www_form".to_string(),
                )])
            }
            _ => None,
        }
    }

    /// GT006's rewrite of a `Net::HTTP` JSON body: the body encoded as a
    /// form and a JSON content type relabelled.
    fn net_http_json_hint(&self, req: &mut HttpRequest, body: u32, attached: &[Span]) {
        if req.body_kind != Some(BodyKind::Json) {
            return;
        }
        let Some(mut edits) = self.json_to_form_edits(body) else {
            return;
        };
        // written in the request's call, or a statement on its variable
        let call = req.span.clone();
        let own = |s: &Span| {
            s.start >= call.start && s.end <= call.end
                || attached
                    .iter()
                    .any(|a| s.start >= a.start && s.end <= a.end)
        };
        let Some(label) = Self::json_label_to_form(self.a.src, &req.headers, own) else {
            return;
        };
        edits.extend(label);
        req.rewrite_hints.push(RewriteHint {
            kind: RewriteKind::ToForm,
            edits,
        });
    }

    /// The option calls of an http.rb chain rooted at the `HTTP` constant.
    fn httprb_chain(&self, call: u32) -> Option<Vec<u32>> {
        let mut chain = Vec::new();
        let mut e = self.recv(call)?;
        for _ in 0..64 {
            match self.a.kind(e) {
                "constant" if self.a.text(e) == "HTTP" => return Some(chain),
                "call" => {
                    chain.push(e);
                    e = self.recv(e)?;
                }
                _ => return None,
            }
        }
        None
    }

    fn httprb_request(&self, call: u32, mnode: u32, verb: &str, chain: &[u32]) -> HttpRequest {
        let mut req = self.empty_request(call, "http.rb");
        self.set_verb(&mut req, verb, self.a.span(mnode));
        for &c in chain.iter().rev() {
            let a = self.args(c);
            match self.mname(c) {
                "basic_auth" => req.basic_auth = true,
                "headers" => {
                    if let Some(&h) = a.pos.first() {
                        req.headers.extend(self.headers_from(h));
                    } else {
                        req.headers.extend(self.kw_entries(c));
                    }
                }
                "auth" => {
                    if let Some(&v) = a.pos.first() {
                        req.headers.push(Entry {
                            key: "Authorization".to_string(),
                            key_span: None,
                            value: self.value_opt(v),
                            value_span: Some(self.a.span(v)),
                            span: self.a.span(c),
                        });
                    }
                }
                _ => {}
            }
        }
        let (pos, kw) = self.args_with_options(call);
        if let Some(&u) = pos.first() {
            self.set_url(&mut req, self.url_pieces(u), self.a.span(u));
        }
        for &(k, _, v) in &kw {
            match k {
                "form" => {
                    req.body_kind = Some(BodyKind::Form);
                    req.body = self.pairs_of(v, 0);
                    req.body_span = Some(self.a.span(v));
                }
                "json" => {
                    req.body_kind = Some(BodyKind::Json);
                    req.body = self.pairs_of(v, 0);
                    req.body_span = Some(self.a.span(v));
                }
                "body" => self.apply_body(&mut req, v, BodyKind::Unknown),
                "params" => req.query.extend(self.pairs_of(v, 0)),
                "headers" => req.headers.extend(self.headers_from(v)),
                _ => {}
            }
        }
        req.basic_auth = req.basic_auth || Self::basic_from_headers(&req.headers);
        self.refine_kind(&mut req);
        req
    }

    fn restclient_request(&self, call: u32, mnode: u32, verb: &str) -> HttpRequest {
        let mut req = self.empty_request(call, "rest-client");
        self.set_verb(&mut req, verb, self.a.span(mnode));
        let args = self.args(call);
        if let Some(&u) = args.pos.first() {
            self.set_url(&mut req, self.url_pieces(u), self.a.span(u));
        }
        let sends_body = matches!(verb, "post" | "put" | "patch");
        let (body, headers) = if sends_body {
            (args.pos.get(1).copied(), args.pos.get(2).copied())
        } else {
            (None, args.pos.get(1).copied())
        };
        let mut header_entries = match headers {
            Some(h) => self.headers_from(h),
            None => Vec::new(),
        };
        let params_node = headers
            .and_then(|h| self.options(h, 0).into_iter().find(|o| o.0 == "params"))
            .map(|o| o.2)
            .or_else(|| args.kw.iter().find(|k| k.0 == "params").map(|k| k.2));
        if headers.is_none() && !args.kw.is_empty() {
            header_entries = args
                .kw
                .iter()
                .filter_map(|k| self.pair_entry(k.1))
                .collect();
            for e in header_entries.iter_mut() {
                if e.key == "content_type" {
                    e.key = "Content-Type".to_string();
                }
            }
        }
        // `params:` inside the headers is the query
        req.headers = header_entries
            .into_iter()
            .filter(|e| e.key != "params")
            .collect();
        if let Some(node) = params_node {
            req.query.extend(self.pairs_of(node, 0));
        }
        if let Some(b) = body {
            self.apply_body(&mut req, b, BodyKind::Form);
            self.to_form_hint(&mut req, b);
        }
        req.basic_auth = Self::basic_from_headers(&req.headers);
        req
    }

    fn restclient_execute(&self, call: u32) -> HttpRequest {
        let mut req = self.empty_request(call, "rest-client");
        let (pos, kw) = self.args_with_options(call);
        let opts = if kw.is_empty() {
            pos.first().map(|&o| self.options(o, 0)).unwrap_or_default()
        } else {
            kw
        };
        let opt = |k: &str| opts.iter().find(|o| o.0 == k).map(|o| o.2);
        if let Some(m) = opt("method") {
            let sv = self.value_sv(m);
            if sv.is_plain() && !sv.text().is_empty() {
                self.set_verb(&mut req, &sv.text(), self.a.span(m));
            }
        }
        if let Some(u) = opt("url") {
            self.set_url(&mut req, self.url_pieces(u), self.a.span(u));
        }
        if let Some(h) = opt("headers") {
            let hs = self.headers_from(h);
            req.headers = hs.into_iter().filter(|e| e.key != "params").collect();
            if let Some(o) = self.options(h, 0).into_iter().find(|o| o.0 == "params") {
                req.query.extend(self.pairs_of(o.2, 0));
            }
        }
        if let Some(b) = opt("payload") {
            self.apply_body(&mut req, b, BodyKind::Form);
        }
        let given = opt("user").is_some() || opt("password").is_some();
        req.basic_auth = (opt("user").is_some() && opt("password").is_some())
            || Self::basic_from_headers(&req.headers);
        let authorized = given
            || req
                .headers
                .iter()
                .any(|h| h.key.eq_ignore_ascii_case("authorization"));
        if let (false, Some(b)) = (authorized, opt("payload")) {
            if let Some(edits) = self.payload_basic_auth(&req, call, b) {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::BasicAuth,
                    edits,
                });
            }
        }
        req
    }

    /// GT005's rewrite of `RestClient::Request.execute(…, payload: { …,
    /// client_id: id, client_secret: secret })`: both pairs removed and
    /// `user: id, password: secret` given after the payload.
    fn payload_basic_auth(
        &self,
        req: &HttpRequest,
        call: u32,
        payload: u32,
    ) -> Option<Vec<(Span, String)>> {
        use crate::sema::rewrites::extent_removals;
        let text = self.a.src;
        let payload = self.peel(payload);
        let (p, c) = (self.a.span(payload), self.a.span(call));
        if self.a.kind(payload) != "hash" || p.start < c.start || p.end > c.end {
            return None;
        }
        let (mut extents, values) = credential_entries(req, text, &p)?;
        let mut edits = extent_removals(text, &mut extents, &[])?;
        edits.push((
            p.end..p.end,
            format!(", user: {}, password: {}", values[0], values[1]),
        ));
        Some(edits)
    }

    /// Faraday's connection: (base URL, hash bodies are JSON, response parsed as JSON)
    fn faraday_conn(&self, f: u32) -> (Option<u32>, bool, Vec<Entry>) {
        let (pos, kw) = self.args_with_options(f);
        let opts = if kw.is_empty() {
            pos.get(1)
                .or(pos.first())
                .map(|&o| self.options(o, 0))
                .unwrap_or_default()
        } else {
            kw
        };
        let mut base = pos
            .first()
            .copied()
            .filter(|&p| self.a.kind(self.peel(p)) != "hash");
        if let Some(u) = opts.iter().find(|o| o.0 == "url").map(|o| o.2) {
            base = Some(u);
        }
        let headers = opts
            .iter()
            .find(|o| o.0 == "headers")
            .map(|o| self.headers_from(o.2))
            .unwrap_or_default();
        let mut json = false;
        if let Some(block) = self.a.field(f, "block") {
            let mut stack = vec![block];
            while let Some(x) = stack.pop() {
                if self.a.kind(x) == "call" && self.mname(x) == "request" {
                    let a = self.args(x);
                    if a.pos.first().map(|&s| self.a.text(s)) == Some(":json") {
                        json = true;
                    }
                }
                stack.extend(self.a.named(x));
            }
        }
        (base, json, headers)
    }

    fn faraday_request(&self, call: u32, mnode: u32, verb: &str, conn: Option<u32>) -> HttpRequest {
        let mut req = self.empty_request(call, "faraday");
        self.set_verb(&mut req, verb, self.a.span(mnode));
        let (base, json, headers) = match conn {
            Some(f) => self.faraday_conn(f),
            None => (None, false, Vec::new()),
        };
        req.headers = headers;
        let args = self.args(call);
        let sends_body = matches!(verb, "post" | "put" | "patch");
        if let Some(&u) = args.pos.first() {
            let path = self.url_pieces(u);
            let pieces = match base {
                Some(b) => self.joined(u, prefix_join(self.url_pieces(b), path)),
                None => path,
            };
            self.set_url(&mut req, pieces, self.a.span(u));
        } else if let Some(b) = base {
            self.set_url(&mut req, self.url_pieces(b), self.a.span(b));
        }
        if let Some(&h) = args.pos.get(2) {
            req.headers.extend(self.headers_from(h));
        }
        let hash_kind = if json { BodyKind::Json } else { BodyKind::Form };
        if let Some(&b) = args.pos.get(1) {
            if sends_body {
                self.apply_body(&mut req, b, hash_kind);
                if !json {
                    self.to_form_hint(&mut req, b);
                }
            } else {
                req.query.extend(self.pairs_of(b, 0));
            }
        } else if !args.kw.is_empty() {
            // conn.post("token", grant_type: "…"): a bare hash argument
            let entries = self.kw_entries(call);
            if sends_body {
                req.body_kind = Some(hash_kind);
                req.body = entries;
                if let (Some(f), Some(l)) = (args.kw.first(), args.kw.last()) {
                    req.body_span = Some(self.a.start(f.1) as usize..self.a.span(l.1).end);
                }
            } else {
                req.query.extend(entries);
            }
        }
        // conn.post(path) { |req| req.body = …; req.headers[…] = … }
        if let Some(block) = self.a.field(call, "block") {
            let param = self
                .a
                .field(block, "parameters")
                .and_then(|p| self.a.first_named(p))
                .map(|p| self.a.text(p));
            if let Some(param) = param {
                self.block_request_parts(&mut req, block, param, hash_kind);
            }
        }
        if let (true, Some(f)) = (json, conn) {
            if let Some(edits) = self.faraday_url_encoded(call, f, &req) {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToForm,
                    edits,
                });
            }
        }
        req.basic_auth =
            Self::basic_from_headers(&req.headers) || conn.is_some_and(|f| self.faraday_basic(f));
        if verb == "get" && !json && args.pos.len() <= 2 {
            // conn.get(path, params) → conn.post(path, params): the url_encoded
            // middleware sends the hash as a form body
            req.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToPost,
                edits: vec![(self.a.span(mnode), "post".to_string())],
            });
        }
        req
    }

    /// GT006's rewrite of a hash body that a connection's `f.request :json`
    /// encodes: `:url_encoded` sends the same hash as a form. The
    /// middleware serves every request of the connection, so only for a
    /// connection held in a local variable of this method that sends this
    /// one request.
    fn faraday_url_encoded(
        &self,
        call: u32,
        f: u32,
        req: &HttpRequest,
    ) -> Option<Vec<(Span, String)>> {
        // `conn = Faraday.new(…) do |f| f.request :json … end`
        let assign = self.a.parent(f);
        let left = self.a.field(assign, "left")?;
        let recv = self.recv(call)?;
        if self.a.kind(assign) != "assignment"
            || self.a.kind(left) != "identifier"
            || self.a.kind(recv) != "identifier"
            || self.a.text(recv) != self.a.text(left)
            || self.sc.holding_scope(&self.a, recv) != self.sc.holding_scope(&self.a, left)
            || self.a.field(call, "block").is_some()
        {
            return None;
        }
        // the connection sends this request alone
        let sends = self
            .ids()
            .filter(|&c| {
                self.a.kind(c) == "call"
                    && VERBS.contains(&self.mname(c))
                    && self
                        .recv(c)
                        .is_some_and(|r| self.inst_of(r, 0) == Some(Inst::Faraday(f)))
            })
            .count();
        // a hash body, no other encoding asked for
        let args = self.args(call);
        let hash = match args.pos.get(1) {
            Some(&b) => self.a.kind(self.peel(b)) == "hash",
            None => !args.kw.is_empty(),
        };
        if sends != 1 || !hash || args.pos.len() > 2 {
            return None;
        }
        let (c, conn) = (self.a.span(call), self.a.span(f));
        let own = |s: &Span| {
            (s.start >= c.start && s.end <= c.end) || (s.start >= conn.start && s.end <= conn.end)
        };
        let mut label = Self::json_label_to_form(self.a.src, &req.headers, own)?;
        let block = self.a.field(f, "block")?;
        let mut json = Vec::new();
        let mut stack = vec![block];
        while let Some(x) = stack.pop() {
            if self.a.kind(x) == "call" && self.mname(x) == "request" {
                if let Some(&first) = self.args(x).pos.first() {
                    match self.a.text(first) {
                        ":json" => json.push(first),
                        ":url_encoded" | ":multipart" => return None,
                        _ => {}
                    }
                }
            }
            stack.extend(self.a.named(x));
        }
        let [symbol] = json.as_slice() else {
            return None;
        };
        label.push((self.a.span(*symbol), ":url_encoded".to_string()));
        Some(label)
    }

    /// Basic credentials set on a Faraday connection: `conn.set_basic_auth`,
    /// `f.request :authorization, :basic, …`, `f.request :basic_auth, …`.
    fn faraday_basic(&self, f: u32) -> bool {
        for &id in &self.auth_calls {
            let name = self.mname(id);
            let Some(r) = self.recv(id) else { continue };
            match name {
                "set_basic_auth" | "basic_auth" if self.inst_of(r, 0) == Some(Inst::Faraday(f)) => {
                    return true;
                }
                "request" => {
                    let a = self.args(id);
                    let first = a.pos.first().map(|&x| self.a.text(x));
                    let second = a.pos.get(1).map(|&x| self.a.text(x));
                    let basic = first == Some(":basic_auth")
                        || (first == Some(":authorization") && second == Some(":basic"));
                    let in_block = self.a.field(f, "block").is_some_and(|b| {
                        self.a.span(b).start <= self.a.span(id).start
                            && self.a.span(id).end <= self.a.span(b).end
                    });
                    if basic && (in_block || self.inst_of(r, 0) == Some(Inst::Faraday(f))) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn block_request_parts(&self, req: &mut HttpRequest, block: u32, param: &str, hk: BodyKind) {
        let mut stack = vec![block];
        let mut steps = 0;
        while let Some(x) = stack.pop() {
            steps += 1;
            if steps > 10_000 {
                break;
            }
            if self.a.kind(x) == "assignment" {
                let (Some(l), Some(r)) = (self.a.field(x, "left"), self.a.field(x, "right")) else {
                    continue;
                };
                match self.a.kind(l) {
                    "call" if self.recv(l).map(|v| self.a.text(v)) == Some(param) => {
                        match self.mname(l) {
                            "body" => self.apply_body(req, r, hk),
                            "url" => self.set_url(req, self.url_pieces(r), self.a.span(r)),
                            _ => {}
                        }
                    }
                    "element_reference" => {
                        let obj = self.a.field(l, "object");
                        let obj_text = obj.map(|o| self.a.text(o)).unwrap_or("");
                        if obj_text == format!("{param}.headers") {
                            if let Some((key, ks)) = self.index_key(l) {
                                req.headers.push(Entry {
                                    key,
                                    key_span: Some(ks),
                                    value: self.value_opt(r),
                                    value_span: Some(self.a.span(r)),
                                    span: self.a.span(x),
                                });
                            }
                        } else if obj_text == format!("{param}.params") {
                            if let Some((key, ks)) = self.index_key(l) {
                                req.query.push(Entry {
                                    key,
                                    key_span: Some(ks),
                                    value: self.value_opt(r),
                                    value_span: Some(self.a.span(r)),
                                    span: self.a.span(x),
                                });
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            stack.extend(self.a.named(x));
        }
    }

    /// `Net::HTTP.post_form(uri, params)`, `Net::HTTP.get(uri)`,
    /// `Net::HTTP.get_response(uri)`, `Net::HTTP.post(uri, data, header)`.
    fn net_http_module(&self, call: u32, mnode: u32, name: &str) -> HttpRequest {
        let mut req = self.empty_request(call, "net/http");
        let verb = if matches!(name, "post_form" | "post") {
            "POST"
        } else {
            "GET"
        };
        self.set_verb(&mut req, verb, self.a.span(mnode));
        let args = self.args(call);
        if let Some(&u) = args.pos.first() {
            let mut pieces = self.url_pieces(u);
            // Net::HTTP.get(host, path)
            if name == "get" && args.pos.len() >= 2 {
                if let Some(&p) = args.pos.get(1) {
                    let mut full = vec![Piece::synthetic("https://")];
                    full.extend(pieces);
                    full.extend(self.url_pieces(p));
                    pieces = full;
                }
            }
            self.set_url(&mut req, pieces, self.a.span(u));
        }
        match name {
            "post_form" => {
                if let Some(&b) = args.pos.get(1) {
                    req.body = self.pairs_of(b, 0);
                    req.body_kind = Some(BodyKind::Form);
                    req.body_span = Some(self.a.span(b));
                } else if let (Some(f), Some(l)) = (args.kw.first(), args.kw.last()) {
                    req.body = self.kw_entries(call);
                    req.body_kind = Some(BodyKind::Form);
                    req.body_span = Some(self.a.start(f.1) as usize..self.a.span(l.1).end);
                }
            }
            "post" => {
                if let Some(&h) = args.pos.get(2) {
                    req.headers = self.headers_from(h);
                } else if args.pos.len() == 2 {
                    // `Net::HTTP.post(uri, data, "Content-Type" => …)`
                    req.headers = self.kw_entries(call);
                }
                if let Some(&b) = args.pos.get(1) {
                    self.apply_body(&mut req, b, BodyKind::Unknown);
                    self.net_http_json_hint(&mut req, b, &[]);
                }
            }
            _ => {}
        }
        req.basic_auth = Self::basic_from_headers(&req.headers);
        req
    }

    /// `Net::HTTP::Post.new(uri, headers)`: later `req.set_form_data`,
    /// `req.body =`, `req[...] =`, `req.basic_auth` are attached by variable.
    fn net_http_new(&self, call: u32, verb: &str) -> HttpRequest {
        let mut req = self.empty_request(call, "net/http");
        let span = self
            .recv(call)
            .and_then(|r| self.a.field(r, "name"))
            .map(|n| self.a.span(n))
            .unwrap_or_else(|| self.a.span(call));
        self.set_verb(&mut req, verb, span);
        let args = self.args(call);
        if let Some(&u) = args.pos.first() {
            self.set_url(&mut req, self.url_pieces(u), self.a.span(u));
        }
        if let Some(&h) = args.pos.get(1) {
            req.headers = self.headers_from(h);
        } else if !args.kw.is_empty() {
            req.headers = args
                .kw
                .iter()
                .filter_map(|k| self.pair_entry(k.1))
                .collect();
        }
        req.basic_auth = Self::basic_from_headers(&req.headers);
        req
    }

    /// `http.post(path, data, headers)` on a `Net::HTTP` session.
    fn net_http_session(&self, call: u32, mnode: u32, name: &str, session: u32) -> HttpRequest {
        let mut req = self.empty_request(call, "net/http");
        let verb = name.trim_start_matches("request_");
        self.set_verb(&mut req, verb, self.a.span(mnode));
        let args = self.args(call);
        if let Some(&p) = args.pos.first() {
            let path = self.url_pieces(p);
            let pieces = match self.uri_value(p) {
                Some(base) => base,
                None => {
                    let host = self.args(session).pos.first().copied();
                    match host {
                        Some(h) if !pieces_text(&path).contains("://") => {
                            let mut full = vec![Piece::synthetic("https://")];
                            full.extend(self.host_pieces(h));
                            full.extend(path);
                            full
                        }
                        _ => path,
                    }
                }
            };
            self.set_url(&mut req, pieces, self.a.span(p));
        }
        let sends_body = matches!(verb, "post" | "put" | "patch");
        let (body, headers) = if sends_body {
            (args.pos.get(1).copied(), args.pos.get(2).copied())
        } else {
            (None, args.pos.get(1).copied())
        };
        if let Some(h) = headers {
            req.headers = self.headers_from(h);
        } else if args.pos.len() == usize::from(sends_body) + 1 {
            // `http.post(path, data, "Content-Type" => …)`
            req.headers = self.kw_entries(call);
        }
        if let Some(b) = body {
            self.apply_body(&mut req, b, BodyKind::Unknown);
            self.net_http_json_hint(&mut req, b, &[]);
        }
        req.basic_auth = Self::basic_from_headers(&req.headers);
        req
    }

    /// `uri.path` / `uri.request_uri` / `uri` of a `URI(...)`: the whole URL.
    fn uri_value(&self, path: u32) -> Option<Vec<Piece>> {
        let p = self.peel(path);
        let uri_var = match self.a.kind(p) {
            "call" if matches!(self.mname(p), "path" | "request_uri") => self.recv(p)?,
            "identifier" => p,
            _ => return None,
        };
        let v = self.peel(self.value_of(uri_var)?);
        if self.a.kind(v) != "call" {
            return None;
        }
        let is_uri = matches!(
            (self.recv_path(v).as_deref(), self.mname(v)),
            (None, "URI") | (Some("URI"), "parse" | "join")
        );
        is_uri.then(|| self.url_pieces(v))
    }

    /// `uri.host` → scheme and host of the URI's value; else the host expression.
    fn host_pieces(&self, h: u32) -> Vec<Piece> {
        let h = self.peel(h);
        if self.a.kind(h) == "call" && self.mname(h) == "host" {
            if let Some(pieces) = self.recv(h).and_then(|r| self.uri_value(r)) {
                let t = pieces_text(&pieces);
                if let Some(s) = t.find("://") {
                    let end = t[s + 3..].find('/').map(|k| s + 3 + k).unwrap_or(t.len());
                    return slice_pieces(&pieces, s + 3, end);
                }
            }
        }
        self.url_pieces(h)
    }

    /// The oauth2 gem's token endpoint: `site` joined with `token_url`
    /// (default `/oauth/token`).
    #[allow(clippy::type_complexity)]
    fn oauth_urls(&self, client: u32) -> ((Vec<Piece>, u32), (Vec<Piece>, u32)) {
        let (pos, kw) = self.args_with_options(client);
        let opts = if kw.is_empty() {
            pos.get(2).map(|&o| self.options(o, 0)).unwrap_or_default()
        } else {
            kw
        };
        let opt = |k: &str| opts.iter().find(|o| o.0 == k).map(|o| o.2);
        let site = opt("site").map(|s| self.url_pieces(s));
        let join = |key: &str, default: &str| -> (Vec<Piece>, u32) {
            let (path, node) = match opt(key) {
                Some(t) => (self.url_pieces(t), t),
                None => (
                    vec![Piece::synthetic(default)],
                    opt("site").unwrap_or(client),
                ),
            };
            let full = match &site {
                Some(s) => prefix_join(s.clone(), path),
                None => path,
            };
            (full, node)
        };
        (
            join("token_url", "oauth/token"),
            join("authorize_url", "oauth/authorize"),
        )
    }

    /// The token and authorize URLs of every `OAuth2::Client.new(...)` with a
    /// `site`, and of an OmniAuth strategy's `option :client_options, {site: …}`
    /// (the same options, handed to that client).
    fn oauth_client_strings(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.a.kind(id) != "call" {
                continue;
            }
            if self.mname(id) == "authorize_url" {
                self.auth_code_url(id, m);
                continue;
            }
            let (pos, kw) = self.args_with_options(id);
            let client =
                self.mname(id) == "new" && self.recv_path(id).as_deref() == Some("OAuth2::Client");
            let strategy = self.mname(id) == "option"
                && self.recv(id).is_none()
                && pos.len() == 1
                && self.a.text(pos[0]) == ":client_options";
            if !client && !strategy {
                continue;
            }
            // a `site`, or (a strategy) an absolute authorize URL of its own
            let absolute = |k: &(&str, u32, u32)| {
                k.0 == "authorize_url" && pieces_text(&self.url_pieces(k.2)).contains("://")
            };
            let site = kw.iter().any(|k| k.0 == "site");
            if !(site || strategy && kw.iter().any(absolute)) {
                continue;
            }
            let (token, (mut authorize, node)) = self.oauth_urls(id);
            if strategy && !self.strategy_sends_state(id) {
                // what OmniAuth asks for: the code, and no state it checks
                authorize.push(Piece::synthetic("?response_type=code"));
            }
            for (pieces, node) in [token, (authorize, node)] {
                m.strings.push(StrValue {
                    pieces,
                    span: self.a.span(node),
                });
            }
        }
    }

    /// `client.auth_code.authorize_url(redirect_uri: …, state: …)`: the
    /// client's authorize URL with what the gem adds (`response_type=code`,
    /// `client_id`) and the parameters the call names, as a string of the
    /// call (its host and path are the client's literals).
    fn auth_code_url(&self, call: u32, m: &mut FileModel) {
        let Some(recv) = self.recv(call) else { return };
        let Some(Inst::OAuthStrategy(client, strategy)) = self.inst_of(recv, 0) else {
            return;
        };
        if self.a.text(strategy) != "auth_code" {
            return;
        }
        let (_, kw) = self.args_with_options(client);
        if !kw.iter().any(|k| k.0 == "site") {
            return;
        }
        let (_, (mut pieces, _)) = self.oauth_urls(client);
        let mut query = String::from("?response_type=code&client_id=…");
        for (key, _, _) in self.args_with_options(call).1 {
            query.push('&');
            query.push_str(key);
            query.push_str("=…");
        }
        // the query is written by the call: its text points at the call's
        // `authorize_url`, where a missing parameter is reported
        let piece = match self.a.field(call, "method") {
            Some(name) => {
                let span = self.a.span(name);
                let mut table = vec![span.start as u32; query.len()];
                table.push(span.end as u32);
                Piece::Lit {
                    text: query,
                    src: Some(span),
                    map: crate::model::OffsetMap::Table(table),
                }
            }
            None => Piece::synthetic(query),
        };
        pieces.push(piece);
        m.strings.push(StrValue {
            pieces,
            span: self.a.span(call),
        });
    }

    /// Whether the OmniAuth strategy holding `option :client_options`
    /// sends and checks `state`: not when it sets `option
    /// :provider_ignores_state, true`, nor when it overrides
    /// `authorize_params` without `super` or a `state` of its own.
    fn strategy_sends_state(&self, option: u32) -> bool {
        let a = &self.a;
        let class = a.class(option);
        if class == NONE {
            return true;
        }
        for id in self.ids() {
            if a.class(id) != class {
                continue;
            }
            match a.kind(id) {
                "call" if self.mname(id) == "option" && self.recv(id).is_none() => {
                    let (pos, kw) = self.args_with_options(id);
                    let ignores = match pos.as_slice() {
                        [k, v] => a.text(*k) == ":provider_ignores_state" && a.text(*v) == "true",
                        _ => false,
                    } || kw
                        .iter()
                        .any(|o| o.0 == "provider_ignores_state" && a.text(o.2) == "true");
                    if ignores {
                        return false;
                    }
                }
                "method" => {
                    let named = a.field(id, "name").map(|n| a.text(n)) == Some("authorize_params");
                    let text = a.text(id);
                    if named && !text.contains("super") && !text.contains("state") {
                        return false;
                    }
                }
                _ => {}
            }
        }
        true
    }

    fn oauth_token_request(
        &self,
        call: u32,
        mnode: u32,
        client: u32,
        strategy: u32,
    ) -> HttpRequest {
        let mut req = self.empty_request(call, "oauth2");
        req.method = Some(Method::Post);
        req.method_source = MethodSource::Default {
            span: self.a.span(mnode),
        };
        let ((url, _), _) = self.oauth_urls(client);
        let span = self.a.span(client);
        self.set_url(&mut req, url, span);
        let grant = match self.a.text(strategy) {
            "password" => "password",
            "auth_code" => "authorization_code",
            "client_credentials" => "client_credentials",
            "assertion" => "urn:ietf:params:oauth:grant-type:jwt-bearer",
            _ => "",
        };
        if !grant.is_empty() {
            req.body
                .push(synthetic_entry("grant_type", grant, self.a.span(call)));
        }
        // extra params passed to get_token
        req.body.extend(self.kw_entries(call));
        req.body_kind = Some(BodyKind::Form);
        let (cpos, ckw) = self.args_with_options(client);
        let scheme = ckw.iter().find(|o| o.0 == "auth_scheme").map(|o| o.2);
        // the gem sends Basic credentials unless told to send them in the body
        let in_body = scheme.is_some_and(|s| self.a.text(s) == ":request_body");
        req.basic_auth = !in_body;
        if let (true, Some(scheme)) = (in_body, scheme) {
            // `OAuth2::Client.new(id, secret, …)`: the two are parameters,
            // and `auth_scheme: :basic_auth` sends them as Basic
            for (&arg, key) in cpos.iter().zip(["client_id", "client_secret"]) {
                req.body.push(Entry {
                    key: key.to_string(),
                    key_span: Some(self.a.span(arg)),
                    value: self.value_opt(arg),
                    value_span: Some(self.a.span(arg)),
                    span: self.a.span(arg),
                });
            }
            if self.a.kind(scheme) == "simple_symbol" {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::BasicAuth,
                    edits: vec![(self.a.span(scheme), ":basic_auth".to_string())],
                });
            }
        }
        req
    }

    /// `req.set_form_data(...)`, `req.body = …`, `req["K"] = …`,
    /// `req.content_type = …`, `req.basic_auth(id, secret)` on a variable bound
    /// to `Net::HTTP::Post.new(...)`.
    fn attach_request_parts(&self, m: &mut FileModel) {
        let mut forms = Vec::new();
        let mut bodies = Vec::new();
        // statements that set a header on a request variable
        let mut attached = Vec::new();
        for id in self.ids() {
            let (var, what, node) = match self.a.kind(id) {
                "call" => {
                    let Some(r) = self.recv(id) else { continue };
                    match self.mname(id) {
                        "set_form_data" | "form_data=" | "basic_auth" | "add_field" | "[]=" => {
                            (r, self.mname(id), id)
                        }
                        _ => continue,
                    }
                }
                "assignment" => {
                    let Some(l) = self.a.field(id, "left") else {
                        continue;
                    };
                    match self.a.kind(l) {
                        "call" => {
                            let Some(r) = self.recv(l) else { continue };
                            match self.mname(l) {
                                "body" => (r, "body=", id),
                                "content_type" => (r, "content_type=", id),
                                "form_data" => (r, "set_form_data", id),
                                _ => continue,
                            }
                        }
                        "element_reference" => match self.a.field(l, "object") {
                            Some(o) => (o, "[]=", id),
                            None => continue,
                        },
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(ri) = self.request_of_var(var) else {
                continue;
            };
            if m.http_requests.get(ri).is_none() {
                continue;
            }
            match what {
                "set_form_data" => {
                    let body_node = if self.a.kind(node) == "assignment" {
                        self.a.field(node, "right")
                    } else {
                        let args = self.args(node);
                        args.pos.first().copied()
                    };
                    let (entries, span) = match body_node {
                        Some(b) => (self.pairs_of(b, 0), self.a.span(b)),
                        None => (self.kw_entries(node), self.a.span(node)),
                    };
                    let req = &mut m.http_requests[ri];
                    req.body = entries;
                    req.body_kind = Some(BodyKind::Form);
                    req.body_span = Some(span);
                    forms.push((ri, var, node));
                }
                "body=" => {
                    let Some(r) = self.a.field(node, "right") else {
                        continue;
                    };
                    let req = &mut m.http_requests[ri];
                    self.apply_body(req, r, BodyKind::Unknown);
                    bodies.push((ri, r));
                }
                "basic_auth" => m.http_requests[ri].basic_auth = true,
                "content_type=" => {
                    let Some(r) = self.a.field(node, "right") else {
                        continue;
                    };
                    let req = &mut m.http_requests[ri];
                    attached.push(self.a.span(node));
                    req.headers.push(Entry {
                        key: "Content-Type".to_string(),
                        key_span: None,
                        value: self.value_opt(r),
                        value_span: Some(self.a.span(r)),
                        span: self.a.span(node),
                    });
                    self.refine_kind(req);
                }
                "[]=" | "add_field" => {
                    let (key, value) = if self.a.kind(node) == "assignment" {
                        let l = self.a.field(node, "left").unwrap_or(NONE);
                        (self.index_key(l), self.a.field(node, "right"))
                    } else {
                        let a = self.args(node);
                        (
                            a.pos.first().and_then(|&k| self.key_text(k)),
                            a.pos.get(1).copied(),
                        )
                    };
                    let Some((key, ks)) = key else { continue };
                    let value_sv = value.and_then(|v| self.value_opt(v));
                    let req = &mut m.http_requests[ri];
                    attached.push(self.a.span(node));
                    if key.eq_ignore_ascii_case("authorization")
                        && value_sv
                            .as_ref()
                            .is_some_and(|v| v.text().trim_start().starts_with("Basic"))
                    {
                        req.basic_auth = true;
                    }
                    req.headers.push(Entry {
                        key,
                        key_span: Some(ks),
                        value: value_sv,
                        value_span: value.map(|v| self.a.span(v)),
                        span: self.a.span(node),
                    });
                    self.refine_kind(req);
                }
                _ => {}
            }
        }
        for (ri, body) in bodies {
            if let Some(req) = m.http_requests.get_mut(ri) {
                if req.library == "net/http" {
                    self.refine_kind(req);
                    self.net_http_json_hint(req, body, &attached);
                }
            }
        }
        for (ri, var, node) in forms {
            let Some(req) = m.http_requests.get(ri) else {
                continue;
            };
            if let Some(edits) = self.form_data_basic_auth(req, var, node) {
                m.http_requests[ri].rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::BasicAuth,
                    edits,
                });
            }
        }
    }

    /// GT005's rewrite of `req.set_form_data(…, "client_id" => id,
    /// "client_secret" => secret)` on a `Net::HTTP` request: both pairs
    /// removed and `req.basic_auth(id, secret)` joined to the statement's
    /// line (`req.set_form_data(…); req.basic_auth(…)`), so no line is added.
    fn form_data_basic_auth(
        &self,
        req: &HttpRequest,
        var: u32,
        node: u32,
    ) -> Option<Vec<(Span, String)>> {
        use crate::sema::rewrites::{extent_removals, joined_statement};
        let authorized = req.basic_auth
            || req
                .headers
                .iter()
                .any(|h| h.key.eq_ignore_ascii_case("authorization"));
        let receiver = self.a.text(var);
        let simple = receiver
            .trim_start_matches('@')
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_');
        if req.library != "net/http" || authorized || !simple || receiver.is_empty() {
            return None;
        }
        let text = self.a.src;
        let statement = self.a.span(node);
        let line_start = text[..statement.start].rfind('\n').map_or(0, |i| i + 1);
        if !text[line_start..statement.start].trim().is_empty() {
            return None;
        }
        let (mut extents, values) = credential_entries(req, text, &statement)?;
        let mut edits = extent_removals(text, &mut extents, &[])?;
        let auth = format!("{receiver}.basic_auth({}, {})", values[0], values[1]);
        edits.push(joined_statement(text, statement.end, &auth, &["#"])?);
        Some(edits)
    }

    fn refine_kind(&self, req: &mut HttpRequest) {
        if let Some(json) = Self::json_header(&req.headers) {
            match (json, req.body_kind) {
                (true, Some(BodyKind::Raw) | Some(BodyKind::Unknown)) => {
                    req.body_kind = Some(BodyKind::Json)
                }
                (false, Some(BodyKind::Raw) | Some(BodyKind::Unknown)) => {
                    req.body_kind = Some(BodyKind::Form)
                }
                _ => {}
            }
        }
    }

    /// The request a variable holds (`req = Net::HTTP::Post.new(uri)`).
    fn request_of_var(&self, var: u32) -> Option<usize> {
        let var = self.peel(var);
        let v = match self.a.kind(var) {
            "identifier" | "instance_variable" => self.value_of(var)?,
            "call" => var,
            _ => return None,
        };
        self.req_of_call.get(&self.peel(v)).copied()
    }

    // ----- origins ----------------------------------------------------------

    fn var_origin(&self, id: u32, depth: u32) -> Origin {
        let name = self.a.text(id);
        if name == "params" && self.sc.own_binds(&self.a, id, name).is_none() {
            return Origin::Input;
        }
        let o = match self.sc.own_bind_before(&self.a, id, name) {
            Some(b) => match b.kind {
                BindKind::Value(v) | BindKind::OrAssign(v) | BindKind::Append(v) => {
                    self.origin_of(v, depth + 1)
                }
                BindKind::Param(_) => Origin::Param,
                _ => Origin::Unknown,
            },
            // an OmniAuth strategy's own token response
            None if name == "access_token"
                && !self.sc.functions_by_name.contains_key(name)
                && self.strategy_token.contains_key(&self.a.class(id)) =>
            {
                Origin::TokenCall(self.strategy_token[&self.a.class(id)])
            }
            // a method called without parentheses
            None => self.method_summary(name, id, depth + 1),
        };
        configured(o, name)
    }

    /// Origin of what a method of this file returns.
    fn method_summary(&self, name: &str, at: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        let Some(ms) = self.sc.functions_by_name.get(name) else {
            return Origin::Unknown;
        };
        let class = self.a.class(at);
        let chosen: Vec<u32> = {
            let same: Vec<u32> = ms
                .iter()
                .copied()
                .filter(|&m| self.a.class(m) == class)
                .collect();
            if same.is_empty() {
                ms.clone()
            } else {
                same
            }
        };
        let mut o = Origin::Unknown;
        for f in chosen {
            if let Some(c) = self.memo.origins.borrow().get(&f) {
                o = best(o, c.clone());
                continue;
            }
            self.memo.origins.borrow_mut().insert(f, Origin::Unknown);
            let mut fo = Origin::Unknown;
            for &r in self.sc.returns.get(&f).map(|v| v.as_slice()).unwrap_or(&[]) {
                fo = best(fo, self.origin_of(r, depth + 1));
            }
            self.memo.origins.borrow_mut().insert(f, fo.clone());
            o = best(o, fo);
        }
        o
    }

    fn call_origin(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        if let Some(&i) = self.token_call_of.get(&id) {
            return Origin::TokenCall(i);
        }
        if let Some(&i) = self.req_of_call.get(&id) {
            return Origin::Response(i);
        }
        let name = self.mname(id);
        let recv = self.recv(id);
        let rp = recv.and_then(|r| self.const_path(r));
        let args = self.args(id);
        match (rp.as_deref(), name) {
            (Some("JSON" | "MultiJson" | "Oj" | "ActiveSupport::JSON"), _) => {
                return match args.pos.first() {
                    Some(&a) => self.origin_of(a, d),
                    None => Origin::Unknown,
                };
            }
            (Some("ENV"), _) => return Origin::Config,
            (Some("Rails" | "Settings" | "Figaro"), _) => return Origin::Config,
            _ => {}
        }
        let root = self.chain_root_text(id);
        if matches!(root, "Rails" | "Settings" | "ENV") {
            return Origin::Config;
        }
        if root == "params" || root == "request" && name != "get" {
            return Origin::Input;
        }
        // http.request(req): the response of the request built on `req`
        if matches!(name, "request" | "start") {
            if let Some(&a) = args.pos.first() {
                if let Some(i) = self.request_of_var(a) {
                    return Origin::Response(i);
                }
            }
        }
        // Net::HTTP.start(...) { |http| http.request(req) }: the block's value
        if let Some(block) = self.a.field(id, "block") {
            if matches!(name, "start" | "tap" | "then") {
                let body = self
                    .a
                    .named(block)
                    .find(|&k| matches!(self.a.kind(k), "block_body" | "body_statement"));
                if let Some(last) = body.and_then(|b| self.a.last_named(b)) {
                    return self.origin_of(last, d);
                }
            }
        }
        match recv {
            None => self.method_summary(name, id, d),
            Some(r) if self.a.kind(r) == "self" => self.method_summary(name, id, d),
            Some(r) => {
                if matches!(name, "fetch" | "dig" | "[]") {
                    return self.origin_of(r, d);
                }
                // a member of a response keeps its origin: res.body, res.parsed_response
                if args.pos.is_empty() && args.kw.is_empty() {
                    let o = self.origin_of(r, d);
                    return configured(o, name);
                }
                Origin::Unknown
            }
        }
    }

    fn chain_root_text(&self, id: u32) -> &'s str {
        let mut e = id;
        for _ in 0..64 {
            match self.a.kind(e) {
                "call" => match self.recv(e) {
                    Some(r) => e = r,
                    None => return self.mname(e),
                },
                "element_reference" => match self.a.field(e, "object") {
                    Some(o) => e = o,
                    None => break,
                },
                _ => return self.a.text(e),
            }
        }
        ""
    }

    // ----- field reads --------------------------------------------------------

    fn is_write_target(&self, id: u32) -> bool {
        let p = self.a.parent(id);
        match self.a.kind(p) {
            "assignment" | "operator_assignment" => self.a.field_name(id) == "left",
            "left_assignment_list" => true,
            _ => false,
        }
    }

    /// Does a condition test `field` of `recv`?
    fn tests_field(&self, cond: u32, field: &str, recv: &str) -> bool {
        condition_tests(&self.a, cond, &[], |x| {
            match self.a.kind(x) {
                "element_reference" => {
                    let o = self.a.field(x, "object").map(|o| self.a.text(o));
                    if o == Some(recv) && self.index_key(x).map(|k| k.0).as_deref() == Some(field) {
                        return true;
                    }
                }
                "call" => {
                    let o = self.recv(x).map(|o| self.a.text(o));
                    let name = self.mname(x);
                    if o == Some(recv) {
                        if name == field {
                            return true;
                        }
                        if matches!(
                            name,
                            "key?" | "has_key?" | "include?" | "member?" | "fetch" | "dig"
                        ) && self
                            .args(x)
                            .pos
                            .first()
                            .and_then(|&k| self.key_text(k))
                            .map(|k| k.0)
                            .as_deref()
                            == Some(field)
                        {
                            return true;
                        }
                    }
                }
                _ => {}
            }
            false
        })
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
        force_guard: bool,
    ) {
        let raw = field.clone();
        let at = ReadSite::new(node, recv, &raw, default, force_guard);
        self.push_read(m, at, field, span, kind);
    }

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            match self.a.kind(id) {
                "element_reference" => {
                    if self.is_write_target(id) {
                        continue;
                    }
                    let Some(obj) = self.a.field(id, "object") else {
                        continue;
                    };
                    let Some((field, span)) = self.index_key(id) else {
                        continue;
                    };
                    self.read(m, id, obj, field, span, ReadKind::Subscript, None, false);
                }
                "call" => {
                    if self.req_of_call.contains_key(&id) || self.is_write_target(id) {
                        continue;
                    }
                    let Some(recv) = self.recv(id) else { continue };
                    let Some(mnode) = self.a.field(id, "method") else {
                        continue;
                    };
                    let name = self.a.text(mnode);
                    let args = self.args(id);
                    let has_block = self.a.field(id, "block").is_some();
                    match name {
                        "fetch" | "dig" if !args.pos.is_empty() => {
                            let Some((field, span)) = self.key_text(args.pos[0]) else {
                                continue;
                            };
                            if name == "fetch" && args.pos.len() == 1 && !has_block {
                                self.read(
                                    m,
                                    id,
                                    recv,
                                    field,
                                    span,
                                    ReadKind::Subscript,
                                    None,
                                    false,
                                );
                            } else {
                                let default = args.pos.get(1).copied();
                                self.read(m, id, recv, field, span, ReadKind::Get, default, true);
                            }
                        }
                        // `h.key?('organizer_key')`: on the new response always false
                        "key?" | "has_key?" if args.pos.len() == 1 => {
                            let Some((field, span)) = self.key_text(args.pos[0]) else {
                                continue;
                            };
                            self.read(m, id, recv, field, span, ReadKind::Presence, None, false);
                        }
                        "slice" | "values_at" | "fetch_values" if !args.pos.is_empty() => {
                            // `h.slice('account_key', 'email')` reads each key
                            for &a in &args.pos {
                                if let Some((field, span)) = self.key_text(a) {
                                    self.read(m, id, recv, field, span, ReadKind::Get, None, true);
                                }
                            }
                        }
                        _ => {
                            if !args.pos.is_empty()
                                || !args.kw.is_empty()
                                || has_block
                                || self.a.field(id, "arguments").is_some()
                            {
                                continue;
                            }
                            if !name
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                                || name.ends_with(['?', '!', '='])
                                || name.starts_with("to_")
                                || matches!(name, "freeze" | "dup" | "strip" | "presence" | "class")
                            {
                                continue;
                            }
                            if matches!(self.a.kind(recv), "constant" | "scope_resolution" | "self")
                            {
                                continue;
                            }
                            // `x.f` followed by a call on it is still a read of f
                            self.read(
                                m,
                                id,
                                recv,
                                name.to_string(),
                                self.a.span(mnode),
                                ReadKind::Member,
                                None,
                                false,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'s> Reads<'s> for Lx<'s> {
    fn read_context(&self, read: u32, _field: &str, default: Option<u32>) -> ReadContext {
        let mut top = read;
        let mut fallback = default;
        for _ in 0..8 {
            let p = self.a.parent(top);
            match self.a.kind(p) {
                "parenthesized_statements" => top = p,
                "binary"
                    if self.a.field_name(top) == "left"
                        && self
                            .a
                            .field(p, "operator")
                            .is_some_and(|o| matches!(self.a.text(o), "||" | "or")) =>
                {
                    fallback = self.a.field(p, "right");
                    top = p;
                }
                "call"
                    if self.a.field_name(top) == "receiver"
                        && matches!(self.mname(p), "presence" | "to_s" | "freeze") =>
                {
                    top = p
                }
                _ => break,
            }
        }
        let p = self.a.parent(top);
        let target = match self.a.kind(p) {
            "assignment" | "operator_assignment" if self.a.field_name(top) == "right" => {
                self.a.field(p, "left").map(|l| self.a.text(l).to_string())
            }
            _ => sinks::kept_in(&self.a, &self.sc, Language::Ruby, top),
        };
        ReadContext::new(fallback.map(|f| self.a.text(f)), false, target)
    }

    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool {
        self.tests_field(cond, raw, self.a.text(recv))
    }
}

impl<'s> Trace<'s> for Lx<'s> {
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin {
        let d = depth + 1;
        match self.a.kind(id) {
            "call" => self.call_origin(id, depth),
            "begin" => match self.a.last_named(id) {
                Some(i) => self.origin_of(i, d),
                None => Origin::Unknown,
            },
            "element_reference" => {
                let Some(obj) = self.a.field(id, "object") else {
                    return Origin::Unknown;
                };
                match self.a.text(obj) {
                    "params" | "request.params" | "request.POST" | "request.GET" => {
                        return Origin::Input
                    }
                    "ENV" => return Origin::Config,
                    _ => {}
                }
                self.origin_of(obj, d)
            }
            "identifier" => self.var_origin(id, depth),
            "instance_variable" => {
                let o = self.member_origin(self.a.class(id), self.a.text(id), d);
                configured(o, self.a.text(id))
            }
            "constant" | "scope_resolution" => match self.a.text(id) {
                "ENV" => Origin::Config,
                _ => match self.bound_value(id) {
                    Some(v) => self.origin_of(v, d),
                    None => Origin::Unknown,
                },
            },
            "hash" | "string" | "array" | "heredoc_beginning" | "chained_string" | "integer" => {
                Origin::Literal
            }
            "binary" => self.origin_of_either(id, "left", "right", d),
            "conditional" => self.origin_of_either(id, "consequence", "alternative", d),
            "assignment" | "operator_assignment" => match self.a.field(id, "right") {
                Some(r) => self.origin_of(r, d),
                None => Origin::Unknown,
            },
            _ => Origin::Unknown,
        }
    }
}

impl<'s> Eval<'s> for Lx<'s> {
    crate::eval_state!('s, (u32, &'s str));

    fn stringy_binding(&self, k: u32) -> Option<u32> {
        matches!(
            self.a.kind(k),
            "identifier" | "constant" | "scope_resolution" | "instance_variable"
        )
        .then(|| self.bound_value(k))
        .flatten()
    }

    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool {
        self.stringy_kind(id, get)
    }

    fn text_binding(&self, id: u32) -> Option<u32> {
        self.bound_value(self.peel(id))
    }

    fn not_text(&self, id: u32) -> bool {
        matches!(
            self.a.kind(self.peel(id)),
            "integer" | "float" | "true" | "false" | "nil" | "hash" | "array" | "lambda"
        )
    }

    /// A heredoc's value covers its body too.
    fn root_span(&self, id: u32) -> Span {
        match self.heredocs.get(&id) {
            Some(&b) if self.a.kind(id) == "heredoc_beginning" => {
                self.a.start(id) as usize..self.a.span(b).end
            }
            _ => self.a.span(id),
        }
    }

    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let d = depth + 1;
        match self.a.kind(id) {
            "string" | "bare_string" | "delimited_symbol" => {
                if mark {
                    self.mark(id);
                }
                self.decode_string(id, d, mark, out);
            }
            "heredoc_beginning" => {
                if mark {
                    self.mark(id);
                }
                match self.heredocs.get(&id) {
                    Some(&body) => self.decode_heredoc(id, body, d, mark, out),
                    None => out.push(self.hole(id)),
                }
            }
            "chained_string" => {
                if mark {
                    self.mark(id);
                }
                for k in self.a.named_vec(id) {
                    if mark {
                        self.mark(k);
                    }
                    self.decode_string(k, d, mark, out);
                }
            }
            "simple_symbol" | "hash_key_symbol" => {
                let t = self.a.text(id);
                let s = self.a.span(id);
                let skip = usize::from(t.starts_with(':'));
                out.push(Piece::lit(&t[skip..], s.start + skip..s.end));
            }
            "binary" if self.a.operator(id) == Some("%") => {
                match (self.a.field(id, "left"), self.a.field(id, "right")) {
                    (Some(l), Some(r)) => {
                        let mut fmt = Vec::new();
                        self.resolve_into(l, d, mark, &mut fmt);
                        let r = self.peel(r);
                        let args: Vec<u32> = if self.a.kind(r) == "array" {
                            self.a.named_vec(r)
                        } else {
                            vec![r]
                        };
                        self.format(id, fmt, &args, &[], d, mark, out);
                    }
                    _ => out.push(self.hole(id)),
                }
            }
            "identifier" | "constant" | "scope_resolution" | "instance_variable" => {
                match self.bound_value(id) {
                    Some(v) => self.resolve_memo(v, d, out, id),
                    None => match self.appended_value(id) {
                        Some(parts) => {
                            for v in parts {
                                self.resolve_memo(v, d, out, id);
                            }
                        }
                        None => self.resolve_getter(id, d, out),
                    },
                }
            }
            "element_reference" => match self.index_value(id, d) {
                Some(v) => self.resolve_memo(v, d, out, id),
                None => out.push(self.hole(id)),
            },
            "call" => self.resolve_call(id, d, mark, out),
            "integer" => out.push(Piece::lit(self.a.text(id), self.a.span(id))),
            _ => out.push(self.hole(id)),
        }
    }
}

struct Args<'s> {
    pos: Vec<u32>,
    /// (key, pair node, value node)
    kw: Vec<(&'s str, u32, u32)>,
}

/// The request's one `client_id` and one `client_secret` entry, both
/// written inside `region` on one line each: their extents and their
/// values as written.
fn credential_entries<'t>(
    req: &HttpRequest,
    text: &'t str,
    region: &Span,
) -> Option<(Vec<Span>, Vec<&'t str>)> {
    let one = |key: &str| {
        let mut found = req.body.iter().filter(|e| e.key == key);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    };
    let inside = |s: &Span| s.start >= region.start && s.end <= region.end;
    let mut extents = Vec::new();
    let mut values = Vec::new();
    for entry in [one("client_id")?, one("client_secret")?] {
        let value = entry.value_span.clone()?;
        let written = text.get(value.clone())?;
        if !inside(&entry.span) || !inside(&value) || written.contains('\n') {
            return None;
        }
        extents.push(entry.span.clone());
        values.push(written);
    }
    Some((extents, values))
}

impl crate::sema::helpers::HelperSyntax for Lx<'_> {
    fn helper_args(&self, call: u32) -> Vec<u32> {
        let args = self.args(call);
        let list = self.a.field(call, "arguments");
        crate::sema::helpers::with_keywords(args.pos, !args.kw.is_empty(), list)
    }
    fn helper_string(&self, e: u32) -> StrValue {
        self.value_sv(e)
    }
    fn helper_params(&self, e: u32) -> Option<(BodyKind, Vec<Entry>)> {
        // trailing keywords: `call_api(:post, url, grant_type: …)`
        if self.a.kind(e) == "argument_list" {
            let entries = self.kw_entries(self.a.parent(e));
            return (!entries.is_empty()).then_some((BodyKind::Form, entries));
        }
        let (kind, entries) = self.body_of(e, BodyKind::Form, 0);
        if !entries.is_empty() {
            return Some((kind, entries));
        }
        let entries = self.pairs_of(e, 0);
        (!entries.is_empty()).then_some((BodyKind::Form, entries))
    }
    fn helper_items(&self, e: u32) -> Option<Vec<(String, u32)>> {
        let h = if self.a.kind(e) == "argument_list" {
            e
        } else {
            self.hash_of(e, 0)?
        };
        let items: Vec<(String, u32)> = self
            .a
            .named(h)
            .filter(|&p| self.a.kind(p) == "pair")
            .filter_map(|p| {
                let key = self.sym_key(self.a.field(p, "key")?)?;
                Some((key.to_string(), self.a.field(p, "value")?))
            })
            .collect();
        (!items.is_empty()).then_some(items)
    }
    fn helper_headers(&self, e: u32) -> Vec<Entry> {
        self.headers_from(e)
    }
    fn helper_arena(&self) -> &crate::lang::ts::Arena<'_> {
        &self.a
    }
    fn helper_builds_string(&self, call: u32) -> bool {
        self.is_stringy(call)
    }
}
