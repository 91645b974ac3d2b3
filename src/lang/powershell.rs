//! PowerShell front end: parses a script with tree-sitter (the PowerShell
//! grammar) and lowers it into the neutral [`FileModel`]. Knows PowerShell
//! syntax and its web cmdlets (`Invoke-RestMethod`, `Invoke-WebRequest`),
//! nothing about any particular service.
//!
//! The tree is copied once into the shared arena, then a few linear passes
//! fill the model. Nothing recurses on the tree shape; value and origin
//! resolution recurse on expressions with an explicit depth cap and a
//! per-file budget.
//!
//! Which cmdlets send requests or write a value out is a small table here
//! (`REQUEST_CMDLETS`, `WRITE_CMDLETS`): the library data under
//! `libraries/powershell/` describes only how a request's GET is written
//! as POST.

use super::ts::{self, Arena, NONE};
use crate::model::{
    BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource, Origin, Piece,
    ReadKind, RewriteHint, RewriteKind, Span, StrValue,
};
use crate::sema::format::{self, Arg};
use crate::sema::forms::{looks_form, string_pairs};
use crate::sema::libraries::Libraries;
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH, MAX_PIECES, RESOLVE_BUDGET};
use crate::sema::names::{hole_name, setter_of};
use crate::sema::pieces::slice_pieces;
use crate::sema::requests::{empty_request, header_says_basic};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "powershell",
    language: || tree_sitter_powershell::LANGUAGE.into(),
    scope_kinds: &[
        "function_statement",
        "class_method_definition",
        "script_block_expression",
    ],
    class_kinds: &["class_statement"],
    extra_kinds: &["comment"],
};

/// Cmdlets (and their built-in aliases) that send an HTTP request, by the
/// name recorded as the request's library.
const REQUEST_CMDLETS: &[(&str, &[&str])] = &[
    ("Invoke-RestMethod", &["invoke-restmethod", "irm"]),
    ("Invoke-WebRequest", &["invoke-webrequest", "iwr"]),
];

/// Switch parameters of the web cmdlets: they take no value.
const SWITCHES: &[&str] = &[
    "usebasicparsing",
    "skipcertificatecheck",
    "disablekeepalive",
    "usedefaultcredentials",
    "passthru",
    "followrellink",
    "noproxy",
    "skipheadervalidation",
    "skiphttperrorcheck",
    "allowunencryptedauthentication",
    "preserveauthorizationonredirect",
    "resume",
    "allowinsecureredirect",
    "proxyusedefaultcredentials",
    "compress",
    "asstring",
    "ashashtable",
    "raw",
    "force",
    "append",
    "nonewline",
];

/// Cmdlets that write a value somewhere that outlives the script: a file,
/// the registry, a secret store.
const WRITE_CMDLETS: &[&str] = &[
    "set-content",
    "add-content",
    "out-file",
    "export-clixml",
    "export-csv",
    "set-itemproperty",
    "new-itemproperty",
    "set-secret",
    "set-azkeyvaultsecret",
];

/// A command named for keeping a value (its verb, or a word of a
/// function's own name, is set, save, store or update): `Set-Variable`,
/// `Save-GtmToken`, `sma_setglobalproperty`. Names are lower case.
fn keeps_what_it_is_handed(name: &str) -> bool {
    const KEEP: &[&str] = &["set", "save", "store", "update"];
    let verb = name.split_once('-').map(|(v, _)| v);
    if let Some(v) = verb {
        return KEEP.contains(&v);
    }
    // a function's own name: `sma_setglobalproperty` keeps its words run
    // together, so a word starts each `_` part
    name.split('_')
        .filter(|p| !p.is_empty())
        .any(|p| KEEP.iter().any(|k| p.starts_with(k)))
}

/// Nodes that stand for their one named child.
const WRAPPERS: &[&str] = &[
    "pipeline",
    "pipeline_chain",
    "logical_expression",
    "bitwise_expression",
    "comparison_expression",
    "additive_expression",
    "multiplicative_expression",
    "format_expression",
    "range_expression",
    "array_literal_expression",
    "unary_expression",
    "argument_expression",
    "logical_argument_expression",
    "bitwise_argument_expression",
    "comparison_argument_expression",
    "additive_argument_expression",
    "multiplicative_argument_expression",
    "format_argument_expression",
    "range_argument_expression",
    "key_expression",
    "string_literal",
    "parenthesized_expression",
    "left_assignment_expression",
    "statement_list",
    "sub_expression",
];

/// Lower one PowerShell script into the model.
pub fn lower(source: &str) -> FileModel {
    ts::lower_with(&GRAMMAR, source, |arena, m| {
        let mut lx = Lx::new(arena);
        lx.collect();
        lx.comments(m);
        lx.commands(m);
        lx.field_reads(m);
        lx.strings(m);
        lx.entries(m);
        // a partial model is worth more than the text scanner only when it
        // holds what the text scanner cannot see (requests, reads); the
        // lines the parser gave up on then still count as text
        if m.parse_errors && !(m.http_requests.is_empty() && m.field_reads.is_empty()) {
            m.parse_errors = false;
            lx.a.cover_error_lines(m);
        }
    })
}

/// A variable assignment.
struct Bind {
    /// the value expression
    value: u32,
    /// the assignment's start (for "last assignment before the read")
    at: u32,
    /// the enclosing function, 0 for the script scope
    func: u32,
    /// `=` (not `+=` and the like, not a loop variable)
    plain: bool,
}

/// The arguments of a command, as PowerShell binds them.
#[derive(Default)]
struct CmdArgs {
    /// parameter name (lower case, no dash), its node, its value
    named: Vec<(String, u32, Option<u32>)>,
    positional: Vec<u32>,
    /// `@params`
    splats: Vec<u32>,
}

impl CmdArgs {
    fn get(&self, name: &str) -> Option<u32> {
        self.named
            .iter()
            .rev()
            .find(|(n, _, _)| n == name)
            .and_then(|x| x.2)
    }
}

/// What makes a request: one node per part, from parameters or a splat.
#[derive(Default)]
struct Parts {
    method: Option<u32>,
    uri: Option<u32>,
    body: Option<u32>,
    content_type: Option<u32>,
    headers: Option<u32>,
    authentication: Option<u32>,
    form: Option<u32>,
}

struct Lx<'s> {
    a: Arena<'s>,
    binds: HashMap<String, Vec<Bind>>,
    /// function statement → its parameter names
    params: HashMap<u32, Vec<String>>,
    /// function name (lower case) → function statement
    functions: HashMap<String, u32>,
    /// command node → index in `http_requests`
    requests: HashMap<u32, usize>,
    /// command or invocation node → index in `calls`
    calls: HashMap<u32, usize>,
    /// entries added to a hashtable variable after its literal
    /// (`$h.Add('k', v)`, `$h['k'] = v`, `$h.k = v`)
    added: HashMap<String, Vec<(String, Span, u32, Span)>>,
    budget: Cell<u32>,
    memo: RefCell<HashMap<u32, Vec<Piece>>>,
    /// function statement → the origin of what it returns
    returns: RefCell<HashMap<u32, Origin>>,
}

/// A variable's name as PowerShell compares it: no sigil, no braces, no
/// `script:`/`global:` scope, lower case. `env:` reads keep their drive.
fn var_name(text: &str) -> String {
    let t = text.trim_start_matches(['$', '@']);
    let t = t
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    for scope in ["script:", "global:", "local:", "private:", "using:"] {
        if let Some(rest) = lower.strip_prefix(scope) {
            return rest.to_string();
        }
    }
    lower
}

/// `$script:X`/`$global:X`: bound in the script scope wherever it is written.
fn script_scoped(text: &str) -> bool {
    let t = text
        .trim_start_matches(['$', '@'])
        .trim_start_matches('{')
        .to_ascii_lowercase();
    t.starts_with("script:") || t.starts_with("global:")
}

fn canonical_param(name: &str) -> &str {
    match name {
        "url" => "uri",
        other => other,
    }
}

impl<'s> Lx<'s> {
    fn new(a: Arena<'s>) -> Lx<'s> {
        Lx {
            a,
            binds: HashMap::new(),
            params: HashMap::new(),
            functions: HashMap::new(),
            requests: HashMap::new(),
            calls: HashMap::new(),
            added: HashMap::new(),
            budget: Cell::new(RESOLVE_BUDGET),
            memo: RefCell::new(HashMap::new()),
            returns: RefCell::new(HashMap::new()),
        }
    }

    fn ids(&self) -> std::ops::Range<u32> {
        0..self.a.len() as u32
    }

    fn take_budget(&self) -> bool {
        let b = self.budget.get();
        if b == 0 {
            return false;
        }
        self.budget.set(b - 1);
        true
    }

    /// The enclosing function statement (0 for the script).
    fn func_of(&self, i: u32) -> u32 {
        let mut s = self.a.scope(i);
        for _ in 0..ANCESTOR_LIMIT {
            if s == 0 || self.a.kind(s) == "function_statement" {
                return s;
            }
            s = self.a.scope(s);
        }
        0
    }

    /// Descend through nodes that stand for their one child.
    fn unwrap(&self, mut i: u32) -> u32 {
        for _ in 0..ANCESTOR_LIMIT * 4 {
            if !WRAPPERS.contains(&self.a.kind(i)) {
                break;
            }
            let mut named = self.a.named(i);
            let (Some(only), None) = (named.next(), named.next()) else {
                break;
            };
            i = only;
        }
        i
    }

    /// The node a value climbs to while its parents only wrap it.
    fn climb(&self, mut i: u32) -> u32 {
        for _ in 0..ANCESTOR_LIMIT * 4 {
            let p = self.a.parent(i);
            if p == NONE || !WRAPPERS.contains(&self.a.kind(p)) || self.a.named(p).count() != 1 {
                break;
            }
            i = p;
        }
        i
    }

    fn operator(&self, i: u32) -> &'s str {
        self.a
            .kids(i)
            .iter()
            .copied()
            .find(|&k| !self.a.is_named(k) || self.a.kind(k) == "format_operator")
            .map(|k| self.a.text(k))
            .unwrap_or("")
    }

    fn command_name(&self, cmd: u32) -> Option<String> {
        let n = self.a.field(cmd, "command_name")?;
        let t = self.a.text(n);
        let t = t.rsplit('\\').next().unwrap_or(t);
        Some(t.to_ascii_lowercase())
    }

    // -----------------------------------------------------------------
    // Bindings
    // -----------------------------------------------------------------

    fn collect(&mut self) {
        for i in self.ids() {
            match self.a.kind(i) {
                "assignment_expression" => self.collect_assignment(i),
                "function_statement" => {
                    if let Some(n) = self.a.child_of_kind(i, "function_name") {
                        self.functions
                            .insert(self.a.text(n).to_ascii_lowercase(), i);
                    }
                }
                "script_parameter" => {
                    if let Some(v) = self.a.child_of_kind(i, "variable") {
                        let f = self.func_of(i);
                        self.params
                            .entry(f)
                            .or_default()
                            .push(var_name(self.a.text(v)));
                    }
                }
                "foreach_statement" => {
                    if let Some(v) = self.a.child_of_kind(i, "variable") {
                        let name = var_name(self.a.text(v));
                        let bind = Bind {
                            value: v,
                            at: self.a.start(i),
                            func: self.func_of(i),
                            plain: false,
                        };
                        self.binds.entry(name).or_default().push(bind);
                    }
                }
                "invokation_expression" => self.collect_add(i),
                _ => {}
            }
        }
    }

    fn collect_assignment(&mut self, i: u32) {
        let Some(left) = self.a.child_of_kind(i, "left_assignment_expression") else {
            return;
        };
        let Some(value) = self.a.field(i, "value") else {
            return;
        };
        let op = self
            .a
            .child_of_kind(i, "assignement_operator")
            .map(|o| self.a.text(o).trim())
            .unwrap_or("=");
        let mut target = self.unwrap(left);
        if self.a.kind(target) == "cast_expression" {
            if let Some(last) = self.a.last_named(target) {
                target = self.unwrap(last);
            }
        }
        match self.a.kind(target) {
            "variable" => {
                let text = self.a.text(target);
                let func = if script_scoped(text) {
                    0
                } else {
                    self.func_of(i)
                };
                let bind = Bind {
                    value,
                    at: self.a.start(i),
                    func,
                    plain: op == "=",
                };
                self.binds.entry(var_name(text)).or_default().push(bind);
            }
            // `$h['k'] = v`, `$h.k = v`: an entry added to a hashtable
            "element_access" | "member_access" if op == "=" => {
                let Some(obj) = self.a.first_named(target) else {
                    return;
                };
                let obj = self.unwrap(obj);
                if self.a.kind(obj) != "variable" {
                    return;
                }
                if let Some((key, key_span)) = self.key_of(target) {
                    self.added
                        .entry(var_name(self.a.text(obj)))
                        .or_default()
                        .push((key, key_span, value, self.a.span(i)));
                }
            }
            _ => {}
        }
    }

    /// The key of `$h['k']` or `$h.k`, with the span of its text.
    fn key_of(&self, access: u32) -> Option<(String, Span)> {
        match self.a.kind(access) {
            "member_access" => {
                let m = self.a.child_of_kind(access, "member_name")?;
                let n = self.a.first_named(m)?;
                (self.a.kind(n) == "simple_name")
                    .then(|| (self.a.text(n).to_string(), self.a.span(n)))
            }
            "element_access" => {
                let k = self.a.named_vec(access).get(1).copied()?;
                self.literal_key(k)
            }
            _ => None,
        }
    }

    /// A literal string key: its text and the span of its content.
    fn literal_key(&self, node: u32) -> Option<(String, Span)> {
        let u = self.unwrap(node);
        if self.a.kind(u) == "simple_name" || self.a.kind(u) == "generic_token" {
            return Some((self.a.text(u).to_string(), self.a.span(u)));
        }
        if !matches!(
            self.a.kind(u),
            "verbatim_string_characters" | "expandable_string_literal"
        ) {
            return None;
        }
        let v = self.value(u);
        if !v.is_plain() {
            return None;
        }
        let t = v.text();
        let span = v.source_of(0..t.len()).unwrap_or_else(|| self.a.span(u));
        Some((t, span))
    }

    /// `$h.Add('k', v)` on a hashtable variable.
    fn collect_add(&mut self, i: u32) {
        let Some((obj, name)) = self.invoked(i) else {
            return;
        };
        if !name.eq_ignore_ascii_case("add") || self.a.kind(obj) != "variable" {
            return;
        }
        let args = self.call_args(i);
        if args.len() != 2 {
            return;
        }
        if let Some((key, key_span)) = self.literal_key(args[0]) {
            self.added
                .entry(var_name(self.a.text(obj)))
                .or_default()
                .push((key, key_span, args[1], self.a.span(i)));
        }
    }

    /// The receiver (unwrapped) and method name of `$x.Method(...)`.
    fn invoked(&self, i: u32) -> Option<(u32, &'s str)> {
        let named = self.a.named_vec(i);
        let obj = *named.first()?;
        let m = self.a.child_of_kind(i, "member_name")?;
        let n = self.a.first_named(m)?;
        (self.a.kind(n) == "simple_name").then(|| (self.unwrap(obj), self.a.text(n)))
    }

    /// The argument expressions of `x.M(a, b)`.
    fn call_args(&self, i: u32) -> Vec<u32> {
        let Some(list) = self.a.child_of_kind(i, "argument_list") else {
            return Vec::new();
        };
        let Some(exprs) = self.a.field(list, "argument_expression_list") else {
            return Vec::new();
        };
        self.a.named_vec(exprs)
    }

    fn is_param(&self, name: &str, site: u32) -> bool {
        let f = self.func_of(site);
        f != 0
            && self
                .params
                .get(&f)
                .is_some_and(|p| p.iter().any(|x| x == name))
    }

    /// The one plain assignment of `name` visible at `site`: in the
    /// function, else in the script scope.
    fn single_bind(&self, name: &str, site: u32) -> Option<&Bind> {
        if self.is_param(name, site) {
            return None;
        }
        let binds = self.binds.get(name)?;
        let f = self.func_of(site);
        let local: Vec<&Bind> = binds.iter().filter(|b| b.func == f).collect();
        let pool: Vec<&Bind> = if local.is_empty() {
            binds.iter().filter(|b| b.func == 0).collect()
        } else {
            local
        };
        match pool.as_slice() {
            [only] if only.plain => Some(only),
            _ => None,
        }
    }

    /// The assignment of `name` that reaches `site`: the last one before it
    /// in the function, else in the script scope.
    fn reaching_bind(&self, name: &str, site: u32) -> Option<&Bind> {
        let binds = self.binds.get(name)?;
        let f = self.func_of(site);
        let at = self.a.start(site);
        let before = |scope: u32| {
            binds
                .iter()
                .filter(|b| b.func == scope && b.at < at)
                .max_by_key(|b| b.at)
        };
        before(f)
            .or_else(|| if f != 0 { before(0) } else { None })
            .or_else(|| binds.iter().filter(|b| b.func == 0).max_by_key(|b| b.at))
    }

    // -----------------------------------------------------------------
    // String values
    // -----------------------------------------------------------------

    fn value(&self, i: u32) -> StrValue {
        let mut out = Vec::new();
        self.resolve(i, 0, &mut out);
        StrValue {
            pieces: out,
            span: self.a.span(i),
        }
    }

    fn hole(&self, i: u32) -> Piece {
        Piece::hole(self.a.span(i), hole_name(self.a.text(i)))
    }

    fn push(&self, out: &mut Vec<Piece>, p: Piece) {
        if out.len() < MAX_PIECES {
            out.push(p);
        }
    }

    fn resolve(&self, i: u32, depth: u32, out: &mut Vec<Piece>) {
        if depth > MAX_DEPTH || !self.take_budget() {
            let p = self.hole(i);
            self.push(out, p);
            return;
        }
        let u = self.unwrap(i);
        match self.a.kind(u) {
            "verbatim_string_characters" => self.verbatim(u, false, out),
            "verbatim_here_string_characters" => self.verbatim(u, true, out),
            "expandable_string_literal" => self.expandable(u, false, depth, out),
            "expandable_here_string_literal" => self.expandable(u, true, depth, out),
            "generic_token" | "simple_name" => {
                let p = Piece::lit(self.a.text(u), self.a.span(u));
                self.push(out, p);
            }
            "variable" => self.resolve_var(u, depth, out),
            "additive_expression" if self.operator(u).trim() == "+" => {
                for k in self.a.named(u) {
                    self.resolve(k, depth + 1, out);
                }
            }
            "format_expression" if self.operator(u).trim().eq_ignore_ascii_case("-f") => {
                self.format(u, depth, out)
            }
            "cast_expression" => match self.a.last_named(u) {
                Some(k) if k != u => self.resolve(k, depth + 1, out),
                _ => {
                    let p = self.hole(u);
                    self.push(out, p);
                }
            },
            "member_access" | "element_access" => {
                // a key of a hashtable bound once: `$Urls.Token`, `$Cfg['TokenUrl']`
                if let Some(v) = self.hash_member(u, depth) {
                    self.resolve(v, depth + 1, out);
                } else {
                    let p = self.hole(u);
                    self.push(out, p);
                }
            }
            _ => {
                let p = self.hole(u);
                self.push(out, p);
            }
        }
    }

    fn resolve_var(&self, v: u32, depth: u32, out: &mut Vec<Piece>) {
        let name = var_name(self.a.text(v));
        let bind = self.single_bind(&name, v).map(|b| b.value);
        match bind {
            Some(value) if !self.a.contains(value, v) => {
                if let Some(cached) = self.memo.borrow().get(&value) {
                    for p in cached {
                        self.push(out, p.clone());
                    }
                    return;
                }
                let mut pieces = Vec::new();
                self.resolve(value, depth + 1, &mut pieces);
                if pieces.iter().all(|p| matches!(p, Piece::Hole { .. })) {
                    // a value that is not a string at all stays the variable
                    let p = self.hole(v);
                    self.push(out, p);
                    return;
                }
                self.memo.borrow_mut().insert(value, pieces.clone());
                for p in pieces {
                    self.push(out, p);
                }
            }
            _ => {
                let p = self.hole(v);
                self.push(out, p);
            }
        }
    }

    /// The value node of `$h.k` / `$h['k']` where `$h` is a hashtable bound once.
    fn hash_member(&self, access: u32, depth: u32) -> Option<u32> {
        let obj = self.unwrap(self.a.first_named(access)?);
        let (key, _) = self.key_of(access)?;
        let hash = self.hash_of(obj, depth + 1)?;
        self.hash_entries(hash)
            .into_iter()
            .rev()
            .find(|e| e.0.eq_ignore_ascii_case(&key))
            .map(|e| e.2)
    }

    /// `'…'` and `@'…'@`: no escapes but `''` for a quote.
    fn verbatim(&self, u: u32, here: bool, out: &mut Vec<Piece>) {
        let Some((start, end)) = self.content(u, here) else {
            return;
        };
        let text = self.a.src.get(start..end).unwrap_or("");
        if here || !text.contains("''") {
            self.push(out, Piece::lit(text, start..end));
            return;
        }
        let mut decoded = Vec::new();
        let mut skip = false;
        for (k, c) in text.char_indices() {
            if skip {
                skip = false;
                continue;
            }
            if c == '\'' && text[k + 1..].starts_with('\'') {
                skip = true;
            }
            decoded.push((c, start + k));
        }
        self.push(out, Piece::lit_decoded(&decoded, end));
    }

    /// The content range of a string literal node (inside its delimiters).
    fn content(&self, u: u32, here: bool) -> Option<(usize, usize)> {
        let span = self.a.span(u);
        let text = self.a.text(u);
        if here {
            // `@"` … newline … newline `"@`
            let open = text.find('\n')? + 1;
            let close_at = text.rfind('\n')?;
            let close = if text[..close_at].ends_with('\r') {
                close_at - 1
            } else {
                close_at
            };
            if close < open {
                return Some((span.start + open, span.start + open));
            }
            return Some((span.start + open, span.start + close));
        }
        let first = text.chars().next()?.len_utf8();
        let last = text.chars().last()?.len_utf8();
        if text.len() < first + last {
            return None;
        }
        Some((span.start + first, span.end - last))
    }

    /// `"…"` and `@"…"@`: backtick escapes, `$var` and `$(…)` parts.
    fn expandable(&self, u: u32, here: bool, depth: u32, out: &mut Vec<Piece>) {
        let Some((start, end)) = self.content(u, here) else {
            return;
        };
        let mut at = start;
        let parts: Vec<u32> = self
            .a
            .named(u)
            .filter(|&k| matches!(self.a.kind(k), "variable" | "sub_expression"))
            .collect();
        for k in parts {
            let ks = self.a.start(k) as usize;
            if ks < at || ks > end {
                continue;
            }
            self.gap(at, ks, here, out);
            if self.a.kind(k) == "variable" {
                self.resolve_var(k, depth + 1, out);
            } else {
                match self.a.field(k, "statements") {
                    Some(s) if self.a.named(s).count() == 1 => self.resolve(s, depth + 1, out),
                    _ => {
                        let p = self.hole(k);
                        self.push(out, p);
                    }
                }
            }
            at = (self.a.end(k) as usize).min(end);
        }
        self.gap(at, end, here, out);
    }

    /// Literal text of an expandable string between its parts.
    fn gap(&self, a: usize, b: usize, here: bool, out: &mut Vec<Piece>) {
        if a >= b {
            return;
        }
        let Some(text) = self.a.src.get(a..b) else {
            return;
        };
        if !text.contains('`') && (here || !text.contains("\"\"")) {
            self.push(out, Piece::lit(text, a..b));
            return;
        }
        let mut decoded = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if c == '`' {
                if let Some((_, e)) = chars.next() {
                    let d = match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        'e' => '\u{1b}',
                        'f' => '\u{c}',
                        'v' => '\u{b}',
                        other => other,
                    };
                    decoded.push((d, a + k));
                }
                continue;
            }
            if c == '"' && !here && chars.peek().is_some_and(|x| x.1 == '"') {
                chars.next();
            }
            decoded.push((c, a + k));
        }
        self.push(out, Piece::lit_decoded(&decoded, b));
    }

    /// `"{0}/oauth/token" -f $base`: .NET composite formatting.
    fn format(&self, u: u32, depth: u32, out: &mut Vec<Piece>) {
        let named = self.a.named_vec(u);
        let (Some(&fmt), Some(&args)) = (named.first(), named.last()) else {
            return;
        };
        let args_node = self.unwrap(args);
        let args: Vec<u32> = if self.a.kind(args_node) == "array_literal_expression" {
            self.a.named_vec(args_node)
        } else {
            vec![args]
        };
        let mut fp = Vec::new();
        self.resolve(fmt, depth + 1, &mut fp);
        let mut filled = Vec::new();
        format::braces(&fp, &format::COMPOSITE, &mut filled, |d, out| match d.arg {
            Arg::Pos(k) if k < args.len() => self.resolve(args[k], depth + 1, out),
            _ => out.push(self.hole(u)),
        });
        for p in filled {
            self.push(out, p);
        }
    }

    /// The value of an entry or argument when it is a string expression.
    fn string_value(&self, node: u32) -> Option<StrValue> {
        let u = self.unwrap(node);
        match self.a.kind(u) {
            "hash_literal_expression"
            | "integer_literal"
            | "real_literal"
            | "array_expression"
            | "script_block_expression"
            | "command"
            | "pipeline"
            | "pipeline_chain" => None,
            _ => Some(self.value(node)),
        }
    }

    // -----------------------------------------------------------------
    // Hashtables
    // -----------------------------------------------------------------

    /// The hashtable literal a node stands for: the literal, a cast of it
    /// (`[ordered]@{…}`, `[pscustomobject]@{…}`), or a variable bound once to one.
    fn hash_of(&self, node: u32, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH {
            return None;
        }
        let u = self.unwrap(node);
        match self.a.kind(u) {
            "hash_literal_expression" => Some(u),
            "expression_with_unary_operator" | "cast_expression" => {
                let inner = self.a.last_named(u)?;
                (inner != u).then(|| self.hash_of(inner, depth + 1))?
            }
            "variable" => {
                let b = self.single_bind(&var_name(self.a.text(u)), u)?;
                if self.a.contains(b.value, u) {
                    return None;
                }
                self.hash_of(b.value, depth + 1)
            }
            _ => None,
        }
    }

    /// The entries of a hashtable literal: key, key span, value node, entry span.
    fn hash_entries(&self, hash: u32) -> Vec<(String, Span, u32, Span)> {
        let mut out = Vec::new();
        let Some(body) = self.a.child_of_kind(hash, "hash_literal_body") else {
            return out;
        };
        for e in self.a.named(body) {
            if self.a.kind(e) != "hash_entry" {
                continue;
            }
            let Some(key) = self.a.child_of_kind(e, "key_expression") else {
                continue;
            };
            let Some(value) = self.a.named(e).find(|&k| k != key) else {
                continue;
            };
            let Some((k, span)) = self.literal_key(key) else {
                continue;
            };
            let mut whole = self.a.span(e);
            // the `;` separator belongs to the statement list, not the entry
            let t = self.a.text(e).trim_end();
            let t = t.strip_suffix(';').unwrap_or(t).trim_end();
            whole.end = whole.start + t.len();
            out.push((k, span, value, whole));
        }
        out
    }

    /// Entries of a hashtable a node stands for, with the ones added to
    /// its variable later in the file.
    fn hash_entry_list(&self, node: u32) -> Option<Vec<Entry>> {
        let hash = self.hash_of(node, 0)?;
        let mut raw = self.hash_entries(hash);
        let u = self.unwrap(node);
        if self.a.kind(u) == "variable" {
            if let Some(extra) = self.added.get(&var_name(self.a.text(u))) {
                raw.extend(extra.iter().cloned());
            }
        }
        Some(
            raw.into_iter()
                .map(|(key, key_span, value, span)| Entry {
                    key,
                    key_span: Some(key_span),
                    value: self.string_value(value),
                    value_span: Some(self.a.span(value)),
                    span,
                })
                .collect(),
        )
    }

    // -----------------------------------------------------------------
    // Commands
    // -----------------------------------------------------------------

    fn cmd_args(&self, cmd: u32) -> CmdArgs {
        let mut out = CmdArgs::default();
        let Some(elements) = self.a.field(cmd, "command_elements") else {
            return out;
        };
        let items: Vec<u32> = self
            .a
            .named(elements)
            .filter(|&k| !matches!(self.a.kind(k), "command_argument_sep" | "redirection"))
            .collect();
        let mut k = 0;
        while k < items.len() {
            let item = items[k];
            k += 1;
            if self.a.kind(item) == "command_parameter" {
                let text = self.a.text(item);
                let colon = self.a.child_of_kind(item, ":").is_some() || text.ends_with(':');
                let name = text
                    .trim_start_matches(['-', '\u{2013}', '\u{2014}'])
                    .trim_end_matches(':')
                    .to_ascii_lowercase();
                let next_is_value = items
                    .get(k)
                    .is_some_and(|&n| self.a.kind(n) != "command_parameter");
                let takes = colon || (!SWITCHES.contains(&name.as_str()) && next_is_value);
                let value = if takes && next_is_value {
                    k += 1;
                    Some(items[k - 1])
                } else {
                    None
                };
                out.named
                    .push((canonical_param(&name).to_string(), item, value));
                continue;
            }
            let u = self.unwrap(item);
            if self.a.kind(u) == "variable" && self.a.text(u).starts_with('@') {
                out.splats.push(u);
            } else {
                out.positional.push(item);
            }
        }
        out
    }

    fn commands(&mut self, m: &mut FileModel) {
        for i in self.ids() {
            match self.a.kind(i) {
                "command" => {
                    let Some(name) = self.command_name(i) else {
                        continue;
                    };
                    let library = REQUEST_CMDLETS
                        .iter()
                        .find(|(_, names)| names.contains(&name.as_str()))
                        .map(|(l, _)| *l);
                    if let Some(library) = library {
                        let req = self.request(i, library);
                        self.requests.insert(i, m.http_requests.len());
                        m.http_requests.push(req);
                    } else if let Some(call) = self.command_call(i) {
                        self.calls.insert(i, m.calls.len());
                        m.calls.push(call);
                    }
                }
                "invokation_expression" => {
                    if let Some(call) = self.method_call(i) {
                        self.calls.insert(i, m.calls.len());
                        m.calls.push(call);
                    }
                }
                _ => {}
            }
        }
    }

    fn command_call(&self, cmd: u32) -> Option<Call> {
        let n = self.a.field(cmd, "command_name")?;
        let name = self.a.text(n).to_string();
        let args = self.cmd_args(cmd);
        Some(Call {
            callee: name.clone(),
            name,
            name_span: self.a.span(n),
            span: self.a.span(cmd),
            args: args
                .positional
                .iter()
                .map(|&p| self.string_value(p))
                .collect(),
            kwargs: args
                .named
                .iter()
                .filter_map(|(key, p, v)| {
                    let v = (*v)?;
                    Some(Entry {
                        key: key.clone(),
                        key_span: Some(self.a.span(*p)),
                        value: self.string_value(v),
                        value_span: Some(self.a.span(v)),
                        span: self.a.start(*p) as usize..self.a.end(v) as usize,
                    })
                })
                .collect(),
        })
    }

    fn method_call(&self, i: u32) -> Option<Call> {
        let m = self.a.child_of_kind(i, "member_name")?;
        let n = self.a.first_named(m)?;
        if self.a.kind(n) != "simple_name" {
            return None;
        }
        let obj = *self.a.named_vec(i).first()?;
        let recv = self.a.text(obj).trim_start_matches('$');
        let recv = if recv.len() > 120 { "…" } else { recv };
        let sep = if self.a.kind(self.unwrap(obj)) == "type_literal" {
            "::"
        } else {
            "."
        };
        let name = self.a.text(n).to_string();
        Some(Call {
            callee: format!("{recv}{sep}{name}"),
            name,
            name_span: self.a.span(n),
            span: self.a.span(i),
            args: self
                .call_args(i)
                .into_iter()
                .map(|a| self.string_value(a))
                .collect(),
            kwargs: Vec::new(),
        })
    }

    /// The parts of a request, from a splatted hashtable and the
    /// parameters written (these win).
    fn parts(&self, args: &CmdArgs) -> Parts {
        let mut p = Parts::default();
        let set = |p: &mut Parts, key: &str, node: u32| {
            let slot = match key {
                "method" | "custommethod" => &mut p.method,
                "uri" => &mut p.uri,
                "body" => &mut p.body,
                "contenttype" => &mut p.content_type,
                "headers" => &mut p.headers,
                "authentication" => &mut p.authentication,
                "form" => &mut p.form,
                _ => return,
            };
            *slot = Some(node);
        };
        for &s in &args.splats {
            let Some(hash) = self.hash_of(s, 0) else {
                continue;
            };
            let mut entries = self.hash_entries(hash);
            if let Some(extra) = self.added.get(&var_name(self.a.text(s))) {
                entries.extend(extra.iter().cloned());
            }
            for (key, _, value, _) in entries {
                let key = key.to_ascii_lowercase();
                set(&mut p, canonical_param(&key), value);
            }
        }
        for (name, _, value) in &args.named {
            if let Some(v) = value {
                set(&mut p, name, *v);
            }
        }
        if p.uri.is_none() {
            p.uri = args.positional.first().copied();
        }
        p
    }

    fn request(&self, cmd: u32, library: &str) -> HttpRequest {
        let mut req = empty_request(self.a.span(cmd), library);
        let args = self.cmd_args(cmd);
        let parts = self.parts(&args);
        let name_node = self.a.field(cmd, "command_name").unwrap_or(cmd);
        match parts.method {
            Some(m) => {
                let u = self.unwrap(m);
                let v = self.value(m);
                let t = v.text();
                if v.is_plain() && !t.is_empty() {
                    let span = if self.a.kind(u) == "generic_token" {
                        self.a.span(u)
                    } else {
                        v.source_of(0..t.len()).unwrap_or_else(|| self.a.span(m))
                    };
                    req.method = Some(Method::parse(&t));
                    req.method_source = MethodSource::Explicit { span };
                }
            }
            None => {
                req.method = Some(Method::Get);
                req.method_source = MethodSource::Default {
                    span: self.a.span(name_node),
                };
            }
        }
        req.url = parts.uri.map(|u| self.value(u));
        if let Some(h) = parts.headers {
            req.headers = self.hash_entry_list(h).unwrap_or_default();
        }
        req.basic_auth = header_says_basic(&req.headers)
            || parts
                .authentication
                .is_some_and(|a| self.value(a).text().eq_ignore_ascii_case("basic"));
        let content_type = parts
            .content_type
            .map(|c| self.value(c))
            .or_else(|| {
                req.headers
                    .iter()
                    .find(|e| e.key.eq_ignore_ascii_case("content-type"))
                    .and_then(|e| e.value.clone())
            })
            .map(|v| (v.text().to_ascii_lowercase(), v));
        let json_type = content_type.as_ref().is_some_and(|c| c.0.contains("json"));
        let form_type = content_type
            .as_ref()
            .is_some_and(|c| c.0.contains("x-www-form-urlencoded"));
        if let Some(f) = parts.form {
            req.body_kind = Some(BodyKind::Multipart);
            req.body_span = Some(self.a.span(f));
            req.body = self.hash_entry_list(f).unwrap_or_default();
        } else if let Some(b) = parts.body {
            self.body(&mut req, b, json_type, form_type);
            // a hashtable sent with a JSON content type is still form-encoded
            // by the cmdlet: naming the form type fixes it
            if req.body_kind == Some(BodyKind::Json) && self.hash_of(b, 0).is_some() {
                if let Some((_, ct)) = &content_type {
                    let t = ct.text();
                    if let (true, Some(span)) = (ct.is_plain(), ct.source_of(0..t.len())) {
                        req.rewrite_hints.push(RewriteHint {
                            kind: RewriteKind::ToForm,
                            edits: vec![(span, "application/x-www-form-urlencoded".into())],
                        });
                    }
                }
            }
        }
        if req.method == Some(Method::Get)
            && matches!(req.method_source, MethodSource::Default { .. })
        {
            let at = self.a.end(name_node) as usize;
            req.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToPost,
                edits: vec![(at..at, " -Method Post".into())],
            });
        }
        req
    }

    fn body(&self, req: &mut HttpRequest, b: u32, json_type: bool, form_type: bool) {
        req.body_span = Some(self.a.span(b));
        if let Some(hash) = self.json_of(b, 0) {
            req.body_kind = Some(BodyKind::Json);
            req.body = hash
                .and_then(|h| self.hash_entry_list(h))
                .unwrap_or_default();
            return;
        }
        if let Some(entries) = self.hash_entry_list(b) {
            if req.method == Some(Method::Get) {
                // a GET sends a hashtable body as the query string
                req.query = entries;
                req.body_span = None;
            } else {
                req.body_kind = Some(if json_type {
                    BodyKind::Json
                } else {
                    BodyKind::Form
                });
                req.body = entries;
            }
            return;
        }
        let Some(v) = self.string_value(b) else {
            req.body_kind = Some(BodyKind::Unknown);
            return;
        };
        let text = v.text();
        if json_type || text.trim_start().starts_with('{') {
            req.body_kind = Some(BodyKind::Json);
        } else if looks_form(&text) {
            req.body_kind = Some(BodyKind::Form);
            req.body = string_pairs(&v, false, slice_pieces);
        } else if form_type {
            req.body_kind = Some(BodyKind::Form);
        } else if v.is_plain() {
            req.body_kind = Some(BodyKind::Raw);
        } else {
            req.body_kind = Some(BodyKind::Unknown);
        }
    }

    /// A body made by `ConvertTo-Json`: `Some(the hashtable it converts)`.
    fn json_of(&self, node: u32, depth: u32) -> Option<Option<u32>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let u = self.unwrap(node);
        match self.a.kind(u) {
            "pipeline" | "pipeline_chain" => {
                let parts = self.a.named_vec(u);
                let last = *parts.last()?;
                let last = self.unwrap(last);
                if self.a.kind(last) != "command"
                    || self.command_name(last).as_deref() != Some("convertto-json")
                {
                    return None;
                }
                Some(parts.first().and_then(|&f| self.hash_of(f, depth + 1)))
            }
            "command" if self.command_name(u).as_deref() == Some("convertto-json") => {
                let args = self.cmd_args(u);
                let input = args.get("inputobject").or(args.positional.first().copied());
                Some(input.and_then(|i| self.hash_of(i, depth + 1)))
            }
            "variable" => {
                let b = self.single_bind(&var_name(self.a.text(u)), u)?;
                if self.a.contains(b.value, u) {
                    return None;
                }
                self.json_of(b.value, depth + 1)
            }
            _ => None,
        }
    }

    // -----------------------------------------------------------------
    // Origins and field reads
    // -----------------------------------------------------------------

    fn origin(&self, node: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH || !self.take_budget() {
            return Origin::Unknown;
        }
        let u = self.unwrap(node);
        match self.a.kind(u) {
            "command" => self.command_origin(u, depth),
            "pipeline" | "pipeline_chain" => {
                // a request anywhere in the pipeline gives its response;
                // otherwise what flows in (`$r.Content | ConvertFrom-Json`)
                let parts = self.a.named_vec(u);
                for &p in &parts {
                    if let Some(&i) = self.requests.get(&self.unwrap(p)) {
                        return Origin::Response(i);
                    }
                }
                match parts.first() {
                    Some(&f) => self.origin(f, depth + 1),
                    None => Origin::Unknown,
                }
            }
            "variable" => {
                let text = self.a.text(u);
                let name = var_name(text);
                if name.starts_with("env:") {
                    return Origin::Config;
                }
                if self.is_param(&name, u) {
                    return Origin::Param;
                }
                match self.reaching_bind(&name, u) {
                    Some(b) if b.plain && !self.a.contains(b.value, u) => {
                        self.origin(b.value, depth + 1)
                    }
                    _ => Origin::Unknown,
                }
            }
            "member_access" | "element_access" => match self.a.first_named(u) {
                Some(obj) if self.a.kind(self.unwrap(obj)) != "type_literal" => {
                    self.origin(obj, depth + 1)
                }
                _ => Origin::Unknown,
            },
            "invokation_expression" => {
                let Some((obj, name)) = self.invoked(u) else {
                    return Origin::Unknown;
                };
                if Libraries::get().is_token_call(name) {
                    if let Some(&c) = self.calls.get(&u) {
                        return Origin::TokenCall(c);
                    }
                }
                // `[…]::Deserialize($r.Content)`, `ConvertFrom-Json`-like parsers keep the origin
                if self.a.kind(obj) == "type_literal"
                    && name.to_ascii_lowercase().contains("deserialize")
                {
                    if let Some(&arg) = self.call_args(u).first() {
                        return self.origin(arg, depth + 1);
                    }
                }
                Origin::Unknown
            }
            "cast_expression" => match self.a.last_named(u) {
                Some(k) if k != u => self.origin(k, depth + 1),
                _ => Origin::Unknown,
            },
            "hash_literal_expression"
            | "verbatim_string_characters"
            | "expandable_string_literal"
            | "verbatim_here_string_characters"
            | "expandable_here_string_literal"
            | "integer_literal" => Origin::Literal,
            _ => Origin::Unknown,
        }
    }

    fn command_origin(&self, cmd: u32, depth: u32) -> Origin {
        if let Some(&i) = self.requests.get(&cmd) {
            return Origin::Response(i);
        }
        let Some(name) = self.command_name(cmd) else {
            return Origin::Unknown;
        };
        match name.as_str() {
            "convertfrom-json" => {
                let args = self.cmd_args(cmd);
                match args.get("inputobject").or(args.positional.first().copied()) {
                    Some(i) => self.origin(i, depth + 1),
                    None => Origin::Unknown,
                }
            }
            "read-host" => Origin::Input,
            "get-content"
            | "import-clixml"
            | "import-csv"
            | "get-secret"
            | "get-itemproperty"
            | "get-itempropertyvalue" => Origin::Config,
            _ => {
                if let Some(&f) = self.functions.get(&name) {
                    return self.function_origin(f, depth + 1);
                }
                let written = self
                    .a
                    .field(cmd, "command_name")
                    .map(|n| self.a.text(n))
                    .unwrap_or("");
                if Libraries::get().is_token_call(written) {
                    if let Some(&c) = self.calls.get(&cmd) {
                        return Origin::TokenCall(c);
                    }
                }
                Origin::Unknown
            }
        }
    }

    /// What a function returns: its `return` values, else its last statement.
    fn function_origin(&self, f: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        if let Some(o) = self.returns.borrow().get(&f) {
            return o.clone();
        }
        // a recursive call sees Unknown while the function is summarised
        self.returns.borrow_mut().insert(f, Origin::Unknown);
        let o = self.summarise(f, depth);
        self.returns.borrow_mut().insert(f, o.clone());
        o
    }

    fn summarise(&self, f: u32, depth: u32) -> Origin {
        let mut best = Origin::Unknown;
        let end = self.a.end(f);
        let mut last_stmt = None;
        for i in f + 1..self.a.len() as u32 {
            if self.a.start(i) >= end {
                break;
            }
            if self.func_of(i) != f {
                continue;
            }
            match self.a.kind(i) {
                "flow_control_statement" if self.a.text(i).starts_with("return") => {
                    if let Some(v) = self.a.first_named(i) {
                        best = crate::sema::provenance::best(best, self.origin(v, depth + 1));
                    }
                }
                "pipeline" if self.a.kind(self.a.parent(i)) == "statement_list" => {
                    let body = self.a.parent(self.a.parent(i));
                    if self.a.kind(body) == "script_block_body" {
                        last_stmt = Some(i);
                    }
                }
                _ => {}
            }
        }
        if best == Origin::Unknown {
            if let Some(s) = last_stmt {
                if self.a.child_of_kind(s, "assignment_expression").is_none() {
                    best = self.origin(s, depth + 1);
                }
            }
        }
        best
    }

    /// The receiver's text as written, shortened.
    fn receiver(&self, obj: u32) -> String {
        let t = self.a.text(obj);
        if t.len() > 120 {
            hole_name(t)
        } else {
            t.to_string()
        }
    }

    /// True when the node is the target of an assignment.
    fn is_target(&self, node: u32) -> bool {
        let top = self.climb(node);
        self.a.kind(top) == "left_assignment_expression"
            || self.a.kind(self.a.parent(top)) == "left_assignment_expression"
    }

    /// The read sits under an `if` whose condition tests the field.
    fn guarded(&self, read: u32, field: &str) -> bool {
        let mut p = self.a.parent(read);
        for _ in 0..ANCESTOR_LIMIT {
            if p == NONE {
                return false;
            }
            if matches!(
                self.a.kind(p),
                "if_statement" | "elseif_clause" | "while_statement"
            ) {
                let cond = self
                    .a
                    .field(p, "condition")
                    .or_else(|| self.a.child_of_kind(p, "while_condition"));
                if let Some(c) = cond {
                    if mentions(self.a.text(c), field) {
                        return true;
                    }
                }
            }
            p = self.a.parent(p);
        }
        false
    }

    /// Where a read's value goes when it outlives the statement: an
    /// assignment's target, a cmdlet that writes it out, a setter.
    fn assigned_to(&self, read: u32) -> Option<String> {
        let top = self.climb(read);
        let parent = self.a.parent(top);
        match self.a.kind(parent) {
            "assignment_expression" if self.a.field_name(top) == "value" => {
                let left = self.a.child_of_kind(parent, "left_assignment_expression")?;
                Some(self.a.text(left).trim().to_string())
            }
            "command_elements" => {
                let cmd = self.a.parent(parent);
                let name = self.command_name(cmd)?;
                if WRITE_CMDLETS.contains(&name.as_str()) {
                    return Some(self.written_to(cmd));
                }
                // the program's own store: `Set-GtmProperty -Value …`,
                // `SMA_SetGlobalProperty … -value …`, `Save-Token …`
                keeps_what_it_is_handed(&name).then(|| {
                    let written = self.a.field(cmd, "command_name").map(|n| self.a.text(n));
                    written.unwrap_or(&name).to_string()
                })
            }
            // `$resp.refresh_token | Set-Content $path`
            "pipeline" | "pipeline_chain" => {
                let parts = self.a.named_vec(parent);
                if parts.first() != Some(&top) {
                    return None;
                }
                parts.iter().skip(1).find_map(|&p| {
                    let c = self.unwrap(p);
                    let name = self.command_name(c)?;
                    WRITE_CMDLETS
                        .contains(&name.as_str())
                        .then(|| self.written_to(c))
                })
            }
            // `$store.SetRefreshToken($r.refresh_token)`
            "argument_expression_list" => {
                let call = self.a.parent(self.a.parent(parent));
                let (obj, name) = self.invoked(call)?;
                let field = self.read_field(read)?;
                setter_of(name, &field).then(|| format!("{}.{}()", self.receiver(obj), name))
            }
            "hash_entry" => {
                // `$script:Tokens = @{ refresh_token = $r.refresh_token }`
                let hash = self.a.parent(self.a.parent(parent));
                let holder = self.a.parent(self.climb(hash));
                if self.a.kind(holder) != "assignment_expression" {
                    return None;
                }
                let left = self.a.child_of_kind(holder, "left_assignment_expression")?;
                let key = self.a.child_of_kind(parent, "key_expression")?;
                let target = self.a.text(left).trim();
                stored_target(target).then(|| format!("{target}.{}", self.a.text(key).trim()))
            }
            _ => None,
        }
    }

    /// `Set-Content -Path $file`: the cmdlet and where it writes.
    fn written_to(&self, cmd: u32) -> String {
        let args = self.cmd_args(cmd);
        let name = self
            .a
            .field(cmd, "command_name")
            .map(|n| self.a.text(n))
            .unwrap_or("");
        match args
            .get("path")
            .or(args.get("literalpath"))
            .or(args.get("filepath"))
            .or(args.get("name"))
        {
            Some(p) => format!("{name} {}", hole_name(self.a.text(p))),
            None => name.to_string(),
        }
    }

    fn read_field(&self, read: u32) -> Option<String> {
        self.key_of(read).map(|(k, _)| k)
    }

    fn field_reads(&self, m: &mut FileModel) {
        for i in self.ids() {
            let kind = match self.a.kind(i) {
                "member_access" => ReadKind::Member,
                "element_access" => ReadKind::Subscript,
                "invokation_expression" => ReadKind::Presence,
                _ => continue,
            };
            let (field, span, obj) = if kind == ReadKind::Presence {
                // `$r.ContainsKey('organizer_key')`
                let Some((obj, name)) = self.invoked(i) else {
                    continue;
                };
                if !name.eq_ignore_ascii_case("containskey") {
                    continue;
                }
                let args = self.call_args(i);
                let Some((field, span)) = args.first().and_then(|&k| self.literal_key(k)) else {
                    continue;
                };
                (field, span, obj)
            } else {
                let Some(obj) = self.a.first_named(i) else {
                    continue;
                };
                let Some((field, span)) = self.key_of(i) else {
                    continue;
                };
                if self.a.kind(self.unwrap(obj)) == "type_literal" || self.is_target(i) {
                    continue;
                }
                (field, span, obj)
            };
            let guarded = self.guarded(i, &field);
            let assigned_to = if kind == ReadKind::Presence {
                None
            } else {
                self.assigned_to(i)
            };
            m.field_reads.push(FieldRead {
                absence_fails: false,
                field,
                span,
                kind,
                receiver: self.receiver(obj),
                origin: self.origin(obj, 0),
                guarded,
                asserted: false,
                assigned_to,
                fallback_is_target: false,
                origin_span: None,
                absence: Default::default(),
            });
        }
    }

    // -----------------------------------------------------------------
    // Strings, entries, comments
    // -----------------------------------------------------------------

    /// The maximal string expression a literal belongs to.
    fn string_root(&self, lit: u32) -> u32 {
        let mut i = lit;
        for _ in 0..ANCESTOR_LIMIT * 4 {
            let p = self.a.parent(i);
            if p == NONE {
                break;
            }
            let climbs = match self.a.kind(p) {
                "additive_expression" => {
                    self.a.named(p).count() == 1 || self.operator(p).trim() == "+"
                }
                "format_expression" => {
                    self.a.named(p).count() == 1
                        || self.operator(p).trim().eq_ignore_ascii_case("-f")
                }
                "cast_expression" => true,
                k if WRAPPERS.contains(&k) => {
                    !matches!(k, "statement_list" | "sub_expression")
                        && self.a.named(p).count() == 1
                }
                _ => false,
            };
            if !climbs {
                break;
            }
            i = p;
        }
        i
    }

    fn strings(&self, m: &mut FileModel) {
        // per root: the spans of the literal pieces its value holds
        let mut roots: HashMap<u32, Vec<Span>> = HashMap::new();
        for i in self.ids() {
            if self.a.kind(i) != "string_literal" {
                continue;
            }
            let root = self.string_root(i);
            let covered = roots.entry(root).or_insert_with(|| {
                let v = self.value(root);
                let spans = v
                    .pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Lit { src: Some(s), .. } => Some(s.clone()),
                        _ => None,
                    })
                    .collect();
                m.strings.push(v);
                spans
            });
            let lit = self.a.span(i);
            let inside = covered
                .iter()
                .any(|s| s.start >= lit.start && s.end <= lit.end);
            // a literal lost in its composite (an unknown format string)
            // is still a string of the file
            if !inside && root != i {
                m.strings.push(self.value(i));
            }
        }
    }

    fn entries(&self, m: &mut FileModel) {
        for i in self.ids() {
            if self.a.kind(i) != "hash_literal_expression" {
                continue;
            }
            for (key, key_span, value, span) in self.hash_entries(i) {
                m.entries.push(Entry {
                    key,
                    key_span: Some(key_span),
                    value: self.string_value(value),
                    value_span: Some(self.a.span(value)),
                    span,
                });
            }
        }
    }

    fn comments(&self, m: &mut FileModel) {
        for i in self.ids() {
            if self.a.kind(i) == "comment" {
                m.comments.push(self.a.span(i));
            }
        }
    }
}

/// An assignment target that outlives the function: scope-qualified
/// variables and anything with a member or an index.
fn stored_target(target: &str) -> bool {
    let t = target.to_ascii_lowercase();
    t.starts_with("$script:")
        || t.starts_with("$global:")
        || t.starts_with("$env:")
        || t.contains(['.', '['])
}

/// `text` names `field` as a whole word (case-insensitive), as a member or
/// a key: the condition of an `if` that tests the field.
fn mentions(text: &str, field: &str) -> bool {
    if text.len() > 8192 || field.is_empty() {
        return false;
    }
    let hay = text.to_ascii_lowercase();
    let needle = field.to_ascii_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    hay.match_indices(&needle).any(|(at, _)| {
        !word(hay[..at].chars().last()) && !word(hay[at + needle.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_compare_without_sigil_scope_or_case() {
        assert_eq!(var_name("$script:TokenUrl"), "tokenurl");
        assert_eq!(var_name("${Global:Token}"), "token");
        assert_eq!(var_name("@Params"), "params");
        assert_eq!(var_name("$env:GOTO_SECRET"), "env:goto_secret");
        assert!(script_scoped("$Script:X"));
        assert!(!script_scoped("$x"));
    }

    #[test]
    fn a_condition_mentions_a_field_as_a_word() {
        assert!(mentions("$resp.refresh_token", "refresh_token"));
        assert!(mentions("$null -ne $r.Refresh_Token", "refresh_token"));
        assert!(!mentions("$resp.refresh_token_expiry", "refresh_token"));
    }
}
