//! Rust front end: parses a file with `syn` and lowers it into the neutral
//! [`FileModel`].
//!
//! syn's parser and its trees are recursive, so the whole lowering runs on a
//! dedicated thread with a large stack, after a cheap lexical pre-scan has
//! rejected inputs whose nesting could exhaust even that stack. Every walk
//! of our own carries an explicit depth bound.
//!
//! Values are followed through a file in three passes over the same tree:
//! the first two learn function summaries and what is stored on `self`, the
//! last one produces the model.

use crate::lang::Language;
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    OffsetMap, Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, TypeUse, HOLE,
};
use crate::sema::libraries::Libraries;
use crate::sema::models::{model_fields, Member as ModelMember};
use crate::sema::names::{is_config_name, is_constant_case};
use crate::sema::pieces::piece_len;
use proc_macro2::{Delimiter, Spacing, Span as PSpan, TokenStream, TokenTree};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{
    Attribute, BinOp, Block, Expr, ExprCall, ExprField, ExprIf, ExprMatch, ExprMethodCall,
    ExprPath, ExprStruct, Fields, FnArg, ImplItem, Item, Lit, Local, Member, Pat, ReturnType,
    Signature, Stmt, TraitItem, Type,
};

/// Stack of the lowering thread. Only touched pages are committed.
const STACK_SIZE: usize = 256 << 20;
/// Pre-scan score above which the file is not handed to syn (about 2,000
/// levels of brackets; see [`prescan`]).
const MAX_NESTING_SCORE: usize = 4000;
/// Bound of our own tree walks.
const MAX_WALK_DEPTH: usize = 3000;
/// Bound of value resolution (constants, format arguments, joins).
const MAX_RESOLVE_DEPTH: usize = 32;
/// Bound of nested `json!` objects followed.
const MAX_JSON_DEPTH: usize = 64;
/// Number of passes over the tree (summaries need two before the last).
const PASSES: usize = 3;

/// Lower one Rust source file.
pub fn lower(source: &str) -> FileModel {
    let scan = prescan(source);
    let mut model = if scan.too_deep {
        None
    } else {
        run_on_big_stack(source)
    }
    .unwrap_or_else(|| FileModel {
        parse_errors: true,
        ..FileModel::default()
    });
    model.comments = scan.comments;
    model
}

fn run_on_big_stack(source: &str) -> Option<FileModel> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("gotolint-rust".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || lower_parsed(source))
            .ok()?;
        handle.join().ok()
    })
}

/// Parse and lower; runs on the big-stack thread (proc-macro2 span data is
/// thread-local, so spans must be read on the thread that parsed).
fn lower_parsed(source: &str) -> FileModel {
    let file = match syn::parse_file(source) {
        Ok(f) => f,
        Err(_) => {
            return FileModel {
                parse_errors: true,
                ..FileModel::default()
            }
        }
    };
    let mut base = 0;
    if source.starts_with('\u{feff}') {
        base += '\u{feff}'.len_utf8();
    }
    if let Some(s) = &file.shebang {
        base += s.len();
    }
    let mut lw = Lowerer::new(source, base);
    lw.run(&file)
}

// ---------------------------------------------------------------------------
// Pre-scan: comments and a conservative nesting score.
// ---------------------------------------------------------------------------

struct Prescan {
    comments: Vec<Span>,
    too_deep: bool,
}

/// Keywords that let the parser recurse without a bracket (prefix forms,
/// `else if` chains, casts).
fn is_nesting_keyword(w: &[u8]) -> bool {
    matches!(
        w,
        b"else"
            | b"return"
            | b"break"
            | b"mut"
            | b"const"
            | b"dyn"
            | b"impl"
            | b"move"
            | b"box"
            | b"async"
            | b"let"
            | b"ref"
            | b"yield"
            | b"as"
            | b"if"
    )
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Skip a (non-raw) string body starting after its opening quote.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// At `i` (just after an `r`, `br` or `cr` prefix): the end of a raw string,
/// or `None` when this is not one.
fn skip_raw_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && b[j] == b'#' {
        j += 1;
    }
    let hashes = j - i;
    if j >= b.len() || b[j] != b'"' {
        return None;
    }
    j += 1;
    while j < b.len() {
        if b[j] == b'"'
            && b.len() - (j + 1) >= hashes
            && b[j + 1..j + 1 + hashes].iter().all(|&c| c == b'#')
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(b.len())
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Finds comments (skipping string and char literals) and scores how deep
/// the parser could recurse: two points per open bracket, plus operator
/// characters and prefix keywords since the last `,` `;` or closing brace
/// of every open bracket (`<` counts three: nested generics are the most
/// expensive construct for syn). A closing `)`/`]` counts one point in the
/// enclosing bracket (postfix chains like `x[0][0]`), `else` is only reset by
/// `,`/`;` (else-if chains).
fn prescan(src: &str) -> Prescan {
    let b = src.as_bytes();
    let n = b.len();
    let mut comments = Vec::new();
    let mut i = 0;
    if src.starts_with('\u{feff}') {
        i = 3;
    }
    if b[i..].starts_with(b"#!") {
        let mut j = i + 2;
        while j < n && (b[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        if j >= n || b[j] != b'[' {
            while i < n && b[i] != b'\n' {
                i += 1;
            }
        }
    }
    // per open bracket: (resettable points, else points)
    let mut frames: Vec<(usize, usize)> = vec![(0, 0)];
    let mut total = 0usize;
    let mut too_deep = false;
    while i < n {
        let c = b[i];
        let next = if i + 1 < n { b[i + 1] } else { 0 };
        let mut add = 0usize;
        let mut add_else = 0usize;
        match c {
            b'/' if next == b'/' => {
                let start = i;
                while i < n && b[i] != b'\n' {
                    i += 1;
                }
                let mut end = i;
                if end > start && b[end - 1] == b'\r' {
                    end -= 1;
                }
                comments.push(start..end);
                continue;
            }
            b'/' if next == b'*' => {
                let start = i;
                i += 2;
                let mut depth = 1usize;
                while i < n && depth > 0 {
                    if b[i] == b'/' && i + 1 < n && b[i + 1] == b'*' {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && i + 1 < n && b[i + 1] == b'/' {
                        depth -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                comments.push(start..i.min(n));
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1);
                continue;
            }
            b'\'' => {
                if next == b'\\' {
                    // escaped char literal: find the closing quote nearby
                    let mut j = i + 3;
                    let lim = (i + 14).min(n);
                    while j < lim && b[j] != b'\'' {
                        j += 1;
                    }
                    i = if j < lim { j + 1 } else { i + 1 };
                } else if i + 1 < n {
                    let len = utf8_len(next);
                    if i + 1 + len < n && b[i + 1 + len] == b'\'' {
                        i += 2 + len;
                    } else {
                        i += 1; // lifetime or label
                    }
                } else {
                    i += 1;
                }
                continue;
            }
            b'0'..=b'9' => {
                while i < n
                    && (is_ident_byte(b[i])
                        || (b[i] == b'.' && i + 1 < n && b[i + 1].is_ascii_digit()))
                {
                    i += 1;
                }
                continue;
            }
            c if is_ident_byte(c) => {
                let start = i;
                while i < n && is_ident_byte(b[i]) {
                    i += 1;
                }
                let w = &b[start..i];
                if matches!(w, b"r" | b"br" | b"cr") && i < n && (b[i] == b'"' || b[i] == b'#') {
                    if let Some(end) = skip_raw_string(b, i) {
                        i = end;
                        continue;
                    }
                    if w == b"r" && b[i] == b'#' {
                        // raw identifier
                        i += 1;
                        while i < n && is_ident_byte(b[i]) {
                            i += 1;
                        }
                        continue;
                    }
                }
                if w == b"else" {
                    add_else = 1;
                } else if is_nesting_keyword(w) {
                    add = 1;
                }
                if add == 0 && add_else == 0 {
                    continue;
                }
            }
            b'(' | b'[' | b'{' => {
                frames.push((0, 0));
                i += 1;
            }
            b')' | b']' | b'}' => {
                if frames.len() > 1 {
                    if let Some((a, e)) = frames.pop() {
                        total -= a + e;
                    }
                }
                if c == b'}' {
                    if let Some(top) = frames.last_mut() {
                        total -= top.0;
                        top.0 = 0;
                    }
                } else {
                    add = 1;
                }
                if add == 0 {
                    i += 1;
                }
            }
            b',' | b';' => {
                if let Some(top) = frames.last_mut() {
                    total -= top.0 + top.1;
                    *top = (0, 0);
                }
                i += 1;
            }
            b':' if next == b':' => {
                i += 2;
                continue;
            }
            b'<' => {
                add = 3;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'!' | b'&' | b'|' | b'=' | b'>' | b'@'
            | b'.' | b'?' | b'~' | b'$' => {
                add = 1;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        if add > 0 || add_else > 0 {
            if let Some(top) = frames.last_mut() {
                top.0 += add;
                top.1 += add_else;
                total += add + add_else;
            }
            if !is_ident_byte(c) {
                i += 1;
            }
        }
        if !too_deep && 2 * (frames.len() - 1) + total > MAX_NESTING_SCORE {
            too_deep = true;
        }
    }
    Prescan { comments, too_deep }
}

// ---------------------------------------------------------------------------
// String literals.
// ---------------------------------------------------------------------------

/// The decoded content of a string literal: each char with the source
/// offset it came from, and the offset just past the content.
struct DecodedLit {
    chars: Vec<(char, usize)>,
    end: usize,
}

impl DecodedLit {
    fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
    fn content_start(&self) -> usize {
        self.chars.first().map(|c| c.1).unwrap_or(self.end)
    }
    fn piece(&self) -> Piece {
        Piece::lit_decoded(&self.chars, self.end)
    }
}

fn hex_value(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 16).ok()
}

/// Decode the string literal whose token covers `range` of `src`
/// (`"…"`, `r#"…"#`, `b"…"`, `br"…"`, `c"…"`), `None` for anything else.
fn decode_literal(src: &str, range: Span) -> Option<DecodedLit> {
    let text = src.get(range.clone())?;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut is_byte = false;
    match bytes.first() {
        Some(b'b') => {
            is_byte = true;
            i = 1;
        }
        Some(b'c') => i = 1,
        _ => {}
    }
    let raw = bytes.get(i) == Some(&b'r');
    if raw {
        i += 1;
    }
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    let start = range.start + i;
    let body = &text[i..];
    let mut chars = Vec::new();
    if raw {
        let closing: String = std::iter::once('"')
            .chain((0..hashes).map(|_| '#'))
            .collect();
        let len = body.find(&closing).unwrap_or(body.len());
        let content = &body[..len];
        let mut it = content.char_indices().peekable();
        while let Some((k, c)) = it.next() {
            if c == '\r' && matches!(it.peek(), Some((_, '\n'))) {
                continue;
            }
            chars.push((c, start + k));
        }
        return Some(DecodedLit {
            chars,
            end: start + len,
        });
    }
    let mut end = range.end;
    let mut it = body.char_indices().peekable();
    while let Some((k, c)) = it.next() {
        let at = start + k;
        match c {
            '"' => {
                end = at;
                break;
            }
            '\r' if matches!(it.peek(), Some((_, '\n'))) => {}
            '\\' => {
                let Some((_, e)) = it.next() else { break };
                match e {
                    'n' => chars.push(('\n', at)),
                    't' => chars.push(('\t', at)),
                    'r' => chars.push(('\r', at)),
                    '0' => chars.push(('\0', at)),
                    '\\' | '\'' | '"' => chars.push((e, at)),
                    'x' => {
                        let mut h = String::new();
                        for _ in 0..2 {
                            if let Some((_, d)) = it.next_if(|(_, d)| d.is_ascii_hexdigit()) {
                                h.push(d);
                            }
                        }
                        let v = hex_value(&h).unwrap_or(0);
                        let ch = if is_byte {
                            char::from(v as u8)
                        } else {
                            char::from_u32(v).unwrap_or('\u{fffd}')
                        };
                        chars.push((ch, at));
                    }
                    'u' => {
                        let mut h = String::new();
                        if it.next_if(|(_, d)| *d == '{').is_some() {
                            while let Some((_, d)) = it.next_if(|(_, d)| *d != '}' && *d != '"') {
                                if d != '_' {
                                    h.push(d);
                                }
                            }
                            it.next_if(|(_, d)| *d == '}');
                        }
                        let ch = hex_value(&h).and_then(char::from_u32).unwrap_or('\u{fffd}');
                        chars.push((ch, at));
                    }
                    '\n' | '\r' => while it.next_if(|(_, d)| d.is_whitespace()).is_some() {},
                    other => chars.push((other, at)),
                }
            }
            _ => chars.push((c, at)),
        }
    }
    Some(DecodedLit { chars, end })
}

/// Whether a literal token's text is a string literal.
fn is_string_token(repr: &str) -> bool {
    let r = repr.trim_start_matches(['b', 'c']);
    r.starts_with('"') || r.starts_with("r\"") || r.starts_with("r#")
}

// ---------------------------------------------------------------------------
// Spans of expressions without re-tokenising them.
// ---------------------------------------------------------------------------

fn first_token(e: &Expr) -> PSpan {
    let mut e = e;
    for _ in 0..MAX_WALK_DEPTH {
        e = match e {
            Expr::Assign(x) => &x.left,
            Expr::Await(x) => &x.base,
            Expr::Binary(x) => &x.left,
            Expr::Call(x) => &x.func,
            Expr::Cast(x) => &x.expr,
            Expr::Field(x) => &x.base,
            Expr::Index(x) => &x.expr,
            Expr::MethodCall(x) => &x.receiver,
            Expr::Try(x) => &x.expr,
            Expr::Range(x) => match &x.start {
                Some(s) => s,
                None => return x.limits.span(),
            },
            Expr::Array(x) => return x.bracket_token.span.open(),
            Expr::Async(x) => return x.async_token.span,
            Expr::Block(x) => {
                return match &x.label {
                    Some(l) => l.name.apostrophe,
                    None => x.block.brace_token.span.open(),
                }
            }
            Expr::Break(x) => return x.break_token.span,
            Expr::Closure(x) => {
                if x.lifetimes.is_some() {
                    return x.span();
                }
                if let Some(t) = &x.constness {
                    return t.span;
                }
                if let Some(t) = &x.movability {
                    return t.span;
                }
                if let Some(t) = &x.asyncness {
                    return t.span;
                }
                if let Some(t) = &x.capture {
                    return t.span;
                }
                return x.or1_token.spans[0];
            }
            Expr::Const(x) => return x.const_token.span,
            Expr::Continue(x) => return x.continue_token.span,
            Expr::ForLoop(x) => {
                return match &x.label {
                    Some(l) => l.name.apostrophe,
                    None => x.for_token.span,
                }
            }
            Expr::Group(x) => &x.expr,
            Expr::If(x) => return x.if_token.span,
            Expr::Let(x) => return x.let_token.span,
            Expr::Lit(x) => return x.lit.span(),
            Expr::Loop(x) => {
                return match &x.label {
                    Some(l) => l.name.apostrophe,
                    None => x.loop_token.span,
                }
            }
            Expr::Macro(x) => return path_first(&x.mac.path),
            Expr::Match(x) => return x.match_token.span,
            Expr::Paren(x) => return x.paren_token.span.open(),
            Expr::Path(x) => {
                return match &x.qself {
                    Some(q) => q.lt_token.spans[0],
                    None => path_first(&x.path),
                }
            }
            Expr::RawAddr(x) => return x.and_token.spans[0],
            Expr::Reference(x) => return x.and_token.spans[0],
            Expr::Repeat(x) => return x.bracket_token.span.open(),
            Expr::Return(x) => return x.return_token.span,
            Expr::Struct(x) => {
                return match &x.qself {
                    Some(q) => q.lt_token.spans[0],
                    None => path_first(&x.path),
                }
            }
            Expr::TryBlock(x) => return x.try_token.span,
            Expr::Tuple(x) => return x.paren_token.span.open(),
            Expr::Unary(x) => return x.op.span(),
            Expr::Unsafe(x) => return x.unsafe_token.span,
            Expr::While(x) => {
                return match &x.label {
                    Some(l) => l.name.apostrophe,
                    None => x.while_token.span,
                }
            }
            Expr::Yield(x) => return x.yield_token.span,
            other => return other.span(),
        };
    }
    e.span()
}

fn last_token(e: &Expr) -> PSpan {
    let mut e = e;
    for _ in 0..MAX_WALK_DEPTH {
        e = match e {
            Expr::Assign(x) => &x.right,
            Expr::Binary(x) => &x.right,
            Expr::Cast(x) => return x.ty.span(),
            Expr::Closure(x) => &x.body,
            Expr::Let(x) => &x.expr,
            Expr::Range(x) => match &x.end {
                Some(v) => v,
                None => return x.limits.span(),
            },
            Expr::Reference(x) => &x.expr,
            Expr::RawAddr(x) => &x.expr,
            Expr::Unary(x) => &x.expr,
            Expr::Group(x) => &x.expr,
            Expr::Return(x) => match &x.expr {
                Some(v) => v,
                None => return x.return_token.span,
            },
            Expr::Break(x) => match &x.expr {
                Some(v) => v,
                None => return x.break_token.span,
            },
            Expr::Yield(x) => match &x.expr {
                Some(v) => v,
                None => return x.yield_token.span,
            },
            Expr::If(x) => match &x.else_branch {
                Some((_, v)) => v,
                None => return x.then_branch.brace_token.span.close(),
            },
            Expr::Array(x) => return x.bracket_token.span.close(),
            Expr::Async(x) => return x.block.brace_token.span.close(),
            Expr::Await(x) => return x.await_token.span,
            Expr::Block(x) => return x.block.brace_token.span.close(),
            Expr::Call(x) => return x.paren_token.span.close(),
            Expr::Const(x) => return x.block.brace_token.span.close(),
            Expr::Continue(x) => {
                return match &x.label {
                    Some(l) => l.ident.span(),
                    None => x.continue_token.span,
                }
            }
            Expr::Field(x) => return x.member.span(),
            Expr::ForLoop(x) => return x.body.brace_token.span.close(),
            Expr::Index(x) => return x.bracket_token.span.close(),
            Expr::Lit(x) => return x.lit.span(),
            Expr::Loop(x) => return x.body.brace_token.span.close(),
            Expr::Macro(x) => return x.mac.delimiter.span().close(),
            Expr::Match(x) => return x.brace_token.span.close(),
            Expr::MethodCall(x) => return x.paren_token.span.close(),
            Expr::Paren(x) => return x.paren_token.span.close(),
            Expr::Path(x) => {
                return match x.path.segments.last() {
                    Some(s) if s.arguments.is_none() => s.ident.span(),
                    Some(s) => s.span(),
                    None => x.span(),
                }
            }
            Expr::Repeat(x) => return x.bracket_token.span.close(),
            Expr::Struct(x) => return x.brace_token.span.close(),
            Expr::Try(x) => return x.question_token.spans[0],
            Expr::TryBlock(x) => return x.block.brace_token.span.close(),
            Expr::Tuple(x) => return x.paren_token.span.close(),
            Expr::Unsafe(x) => return x.block.brace_token.span.close(),
            Expr::While(x) => return x.body.brace_token.span.close(),
            other => return other.span(),
        };
    }
    e.span()
}

fn path_first(p: &syn::Path) -> PSpan {
    match (&p.leading_colon, p.segments.first()) {
        (Some(c), _) => c.spans[0],
        (None, Some(s)) => s.ident.span(),
        (None, None) => p.span(),
    }
}

// ---------------------------------------------------------------------------
// StrValue helpers.
// ---------------------------------------------------------------------------

/// Bytes `a..b` of a literal piece.
fn cut_piece(p: &Piece, a: usize, b: usize) -> Piece {
    match p {
        Piece::Hole { .. } => p.clone(),
        Piece::Lit { text, src, map } => {
            let t = text.get(a..b).unwrap_or("").to_string();
            match (src, map) {
                (None, _) => Piece::synthetic(t),
                (Some(s), OffsetMap::Identity) => Piece::lit(t, s.start + a..s.start + b),
                (Some(_), OffsetMap::Table(tab)) => {
                    let sub: Vec<u32> = tab.get(a..=b).map(|s| s.to_vec()).unwrap_or_default();
                    let (Some(&first), Some(&last)) = (sub.first(), sub.last()) else {
                        return Piece::synthetic(t);
                    };
                    let identity = sub
                        .iter()
                        .enumerate()
                        .all(|(k, &v)| v as usize == first as usize + k);
                    Piece::Lit {
                        text: t,
                        src: Some(first as usize..last as usize),
                        map: if identity {
                            OffsetMap::Identity
                        } else {
                            OffsetMap::Table(sub)
                        },
                    }
                }
            }
        }
    }
}

/// The part of `sv` covering text bytes `range` (holes are kept whole).
fn slice_sv(sv: &StrValue, range: std::ops::Range<usize>, span: Span) -> StrValue {
    let mut out = StrValue::new(span);
    let mut at = 0;
    for p in &sv.pieces {
        let len = piece_len(p);
        let (s, e) = (at, at + len);
        at = e;
        if e <= range.start || s >= range.end {
            continue;
        }
        let a = range.start.max(s) - s;
        let b = range.end.min(e) - s;
        match p {
            Piece::Hole { .. } => out.push(p.clone()),
            Piece::Lit { .. } => {
                if a == 0 && b == len {
                    out.push(p.clone());
                } else if a < b {
                    out.push(cut_piece(p, a, b));
                }
            }
        }
    }
    out
}

fn with_span(mut v: StrValue, span: Span) -> StrValue {
    v.span = span;
    v
}

/// `url::Url::join` on resolved values.
fn url_join(base: &StrValue, path: &StrValue, span: Span) -> StrValue {
    let bt = base.text();
    let pt = path.text();
    let mut out = StrValue::new(span.clone());
    let has_scheme = pt
        .find("://")
        .map(|i| {
            i > 0
                && pt[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
        .unwrap_or(false);
    if has_scheme {
        return with_span(path.clone(), span);
    }
    // drop query and fragment of the base
    let bt_end = bt.find(['?', '#']).unwrap_or(bt.len());
    let scheme_end = bt[..bt_end].find("://").map(|i| i + 3);
    if pt.starts_with("//") {
        if let Some(se) = scheme_end {
            out.extend(slice_sv(base, 0..se - 2, span.clone()));
        }
        out.extend(path.clone());
        return out;
    }
    let cut = if pt.starts_with('/') {
        scheme_end.map(|se| bt[se..bt_end].find('/').map(|k| se + k).unwrap_or(bt_end))
    } else {
        match bt[..bt_end].rfind('/') {
            Some(k) if scheme_end.map(|se| k + 1 >= se).unwrap_or(true) => {
                if scheme_end == Some(k + 1) {
                    // no path at all: the base is the origin followed by `/`
                    out.extend(slice_sv(base, 0..bt_end, span.clone()));
                    out.push(Piece::synthetic("/"));
                    out.extend(path.clone());
                    return out;
                }
                Some(k + 1)
            }
            _ => None,
        }
    };
    match cut {
        Some(c) => out.extend(slice_sv(base, 0..c, span.clone())),
        None => out.extend(base.clone()),
    }
    out.extend(path.clone());
    out
}

/// `k=v&k2=v2` pairs in text bytes `range` of `sv`.
fn query_pairs(sv: &StrValue, range: std::ops::Range<usize>) -> Vec<Entry> {
    let text = sv.text();
    let mut out = Vec::new();
    let Some(seg) = text.get(range.clone()) else {
        return out;
    };
    let mut at = range.start;
    for part in seg.split('&') {
        let prange = at..at + part.len();
        at += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        let (key, vrange) = match part.find('=') {
            Some(k) => (&part[..k], Some(prange.start + k + 1..prange.end)),
            None => (part, None),
        };
        if key.is_empty() || key.contains(HOLE) {
            continue;
        }
        let krange = prange.start..prange.start + key.len();
        let whole = sv
            .source_near(prange.clone(), prange.start)
            .unwrap_or_else(|| sv.span.clone());
        let (value, value_span) = match vrange {
            Some(vr) => {
                let vs = sv.source_near(vr.clone(), vr.start);
                let v = slice_sv(sv, vr, vs.clone().unwrap_or_else(|| whole.clone()));
                (Some(v), vs)
            }
            None => (None, None),
        };
        out.push(Entry {
            key: key.to_string(),
            key_span: sv.source_of(krange),
            value,
            value_span,
            span: whole,
        });
    }
    out
}

/// Whether resolved text looks like a form-encoded body `a=b&c=d`.
fn is_form_text(t: &str) -> bool {
    let Some(eq) = t.find('=') else { return false };
    let key = &t[..eq];
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '%' | '[' | ']'))
        && !t.contains(['\n', ' ', '{', '"', '<'])
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Source text with line breaks (and the indentation after them) removed.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut ws = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            ws.push(c);
            continue;
        }
        if !ws.is_empty() && !ws.contains('\n') {
            out.push_str(&ws);
        }
        ws.clear();
        out.push(c);
    }
    out
}

/// Normalises an expression text for "is this the same place" comparisons.
fn norm_target(s: &str) -> String {
    let mut t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    loop {
        let before = t.len();
        for suffix in [
            ".clone()",
            ".take()",
            ".to_owned()",
            ".to_string()",
            ".as_ref()",
            ".as_deref()",
            ".cloned()",
        ] {
            if let Some(x) = t.strip_suffix(suffix) {
                t = x.to_string();
            }
        }
        if let Some(x) = t.strip_prefix('&').or_else(|| t.strip_prefix('*')) {
            t = x.to_string();
        }
        if let Some(x) = t.strip_prefix("Some(").and_then(|x| x.strip_suffix(')')) {
            t = x.to_string();
        }
        if t.len() == before {
            return t;
        }
    }
}

// ---------------------------------------------------------------------------
// Small syntax helpers.
// ---------------------------------------------------------------------------

fn unraw(id: &proc_macro2::Ident) -> String {
    let s = id.to_string();
    match s.strip_prefix("r#") {
        Some(x) => x.to_string(),
        None => s,
    }
}

fn path_segs(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| unraw(&s.ident)).collect()
}

fn last_seg(p: &syn::Path) -> String {
    p.segments
        .last()
        .map(|s| unraw(&s.ident))
        .unwrap_or_default()
}

/// `x`, `(x)`, `&x`, `x?`, `*x`: the expression inside such wrappers.
fn peel(e: &Expr) -> &Expr {
    let mut e = e;
    for _ in 0..64 {
        e = match e {
            Expr::Paren(x) => &x.expr,
            Expr::Group(x) => &x.expr,
            Expr::Reference(x) => &x.expr,
            Expr::Try(x) => &x.expr,
            Expr::Unary(x) if matches!(x.op, syn::UnOp::Deref(_)) => &x.expr,
            _ => return e,
        };
    }
    e
}

fn single_ident(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            let s = &p.path.segments[0];
            s.arguments.is_none().then(|| unraw(&s.ident))
        }
        _ => None,
    }
}

fn is_self(e: &Expr) -> bool {
    single_ident(e).as_deref() == Some("self")
}

/// Names bound by a pattern.
fn pat_idents(p: &Pat, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match p {
        Pat::Ident(x) => {
            out.push(unraw(&x.ident));
            if let Some((_, sub)) = &x.subpat {
                pat_idents(sub, out, depth + 1);
            }
        }
        Pat::Type(x) => pat_idents(&x.pat, out, depth + 1),
        Pat::Reference(x) => pat_idents(&x.pat, out, depth + 1),
        Pat::Paren(x) => pat_idents(&x.pat, out, depth + 1),
        Pat::Tuple(x) => x.elems.iter().for_each(|q| pat_idents(q, out, depth + 1)),
        Pat::TupleStruct(x) => x.elems.iter().for_each(|q| pat_idents(q, out, depth + 1)),
        Pat::Slice(x) => x.elems.iter().for_each(|q| pat_idents(q, out, depth + 1)),
        Pat::Or(x) => x.cases.iter().for_each(|q| pat_idents(q, out, depth + 1)),
        Pat::Struct(x) => x
            .fields
            .iter()
            .for_each(|f| pat_idents(&f.pat, out, depth + 1)),
        _ => {}
    }
}

/// `Some(..)`, `Ok(..)`-style patterns and `None`: tests of presence.
fn pat_tests_presence(p: &Pat) -> bool {
    match p {
        Pat::TupleStruct(x) => matches!(last_seg(&x.path).as_str(), "Some"),
        Pat::Ident(x) => x.ident == "None",
        Pat::Path(x) => last_seg(&x.path) == "None",
        Pat::Reference(x) => pat_tests_presence(&x.pat),
        Pat::Or(x) => x.cases.iter().any(pat_tests_presence),
        _ => false,
    }
}

/// The path of a type through references, parens and groups.
fn type_path(t: &Type) -> Option<&syn::Path> {
    let mut t = t;
    for _ in 0..16 {
        t = match t {
            Type::Reference(r) => &r.elem,
            Type::Paren(p) => &p.elem,
            Type::Group(g) => &g.elem,
            Type::Path(p) => return Some(&p.path),
            _ => return None,
        };
    }
    None
}

fn first_type_arg(args: &syn::PathArguments) -> Option<&Type> {
    match args {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn is_option_type(t: &Type) -> bool {
    type_path(t)
        .and_then(|p| p.segments.last())
        .map(|s| s.ident == "Option")
        .unwrap_or(false)
}

const WRAPPER_TYPES: &[&str] = &[
    "Result", "Option", "Box", "Arc", "Rc", "Vec", "Json", "Cow", "RefCell", "Mutex", "RwLock",
];
const NON_MODEL_TYPES: &[&str] = &[
    "String", "str", "Value", "HashMap", "BTreeMap", "Map", "Bytes", "bool", "u8", "u16", "u32",
    "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "char",
    "Response", "Url", "Self", "_",
];

/// The model type a value is declared as: `T` in `T`, `Result<T>`,
/// `Option<Vec<T>>`; `None` for strings, maps, JSON values and primitives.
fn model_type_name(t: &Type) -> Option<String> {
    let mut t = t;
    for _ in 0..8 {
        let p = type_path(t)?;
        let seg = p.segments.last()?;
        let name = unraw(&seg.ident);
        if WRAPPER_TYPES.contains(&name.as_str()) {
            t = first_type_arg(&seg.arguments)?;
            continue;
        }
        if NON_MODEL_TYPES.contains(&name.as_str()) {
            return None;
        }
        return Some(name);
    }
    None
}

fn impl_type_name(t: &Type) -> Option<String> {
    type_path(t).map(last_seg)
}

// ---------------------------------------------------------------------------
// serde attributes.
// ---------------------------------------------------------------------------

#[derive(Default, Clone)]
struct SerdeAttrs {
    rename_ser: Option<String>,
    rename_de: Option<String>,
    rename_all_ser: Option<String>,
    rename_all_de: Option<String>,
    default: bool,
    skip_ser: bool,
    skip_de: bool,
    flatten: bool,
}

fn lit_token_str(t: &TokenTree) -> Option<String> {
    match t {
        TokenTree::Literal(l) => syn::parse2::<syn::LitStr>(TokenStream::from(t.clone()))
            .ok()
            .map(|s| s.value())
            .filter(|_| is_string_token(&l.to_string())),
        _ => None,
    }
}

/// Split a token stream at top-level commas (or another punctuation char).
fn split_top(ts: &TokenStream, sep: char) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    for t in ts.clone() {
        if let TokenTree::Punct(p) = &t {
            if p.as_char() == sep && p.spacing() == Spacing::Alone {
                out.push(Vec::new());
                continue;
            }
        }
        if let Some(last) = out.last_mut() {
            last.push(t);
        }
    }
    if out.last().map(|v| v.is_empty()).unwrap_or(false) {
        out.pop();
    }
    out
}

/// `name = "v"` or `name(serialize = "a", deserialize = "b")` → (ser, de).
fn serde_pair(chunk: &[TokenTree]) -> (Option<String>, Option<String>) {
    if let Some(v) = chunk.get(2).and_then(lit_token_str) {
        return (Some(v.clone()), Some(v));
    }
    let mut ser = None;
    let mut de = None;
    if let Some(TokenTree::Group(g)) = chunk.get(1) {
        for sub in split_top(&g.stream(), ',') {
            let (Some(TokenTree::Ident(k)), Some(v)) =
                (sub.first(), sub.get(2).and_then(lit_token_str))
            else {
                continue;
            };
            if k == "serialize" {
                ser = Some(v);
            } else if k == "deserialize" {
                de = Some(v);
            }
        }
    }
    (ser, de)
}

fn serde_attrs(attrs: &[Attribute]) -> SerdeAttrs {
    let mut out = SerdeAttrs::default();
    for a in attrs {
        if !a.path().is_ident("serde") {
            continue;
        }
        let syn::Meta::List(list) = &a.meta else {
            continue;
        };
        for chunk in split_top(&list.tokens, ',') {
            let Some(TokenTree::Ident(k)) = chunk.first() else {
                continue;
            };
            match k.to_string().as_str() {
                "rename" => {
                    let (s, d) = serde_pair(&chunk);
                    out.rename_ser = s.or(out.rename_ser);
                    out.rename_de = d.or(out.rename_de);
                }
                "rename_all" => {
                    let (s, d) = serde_pair(&chunk);
                    out.rename_all_ser = s.or(out.rename_all_ser);
                    out.rename_all_de = d.or(out.rename_all_de);
                }
                "default" => out.default = true,
                "skip" => {
                    out.skip_ser = true;
                    out.skip_de = true;
                }
                "skip_deserializing" => out.skip_de = true,
                "skip_serializing" => out.skip_ser = true,
                "flatten" => out.flatten = true,
                _ => {}
            }
        }
    }
    out
}

/// Whether `#[derive(..)]` (or a `cfg_attr` around one) names `trait_name`.
fn derives(attrs: &[Attribute], trait_name: &str) -> bool {
    attrs.iter().any(|a| {
        if !(a.path().is_ident("derive") || a.path().is_ident("cfg_attr")) {
            return false;
        }
        let syn::Meta::List(list) = &a.meta else {
            return false;
        };
        let mut stack = vec![list.tokens.clone()];
        let mut budget = 4096;
        while let Some(ts) = stack.pop() {
            for t in ts {
                budget -= 1;
                if budget == 0 {
                    return false;
                }
                match t {
                    TokenTree::Ident(i) if i == trait_name => return true,
                    TokenTree::Group(g) => stack.push(g.stream()),
                    _ => {}
                }
            }
        }
        false
    })
}

/// serde's `rename_all` rules applied to a snake_case field name.
pub fn rename_all(rule: &str, field: &str) -> String {
    let pascal = || -> String {
        let mut out = String::new();
        let mut up = true;
        for c in field.chars() {
            if c == '_' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    match rule {
        "lowercase" => field.to_ascii_lowercase(),
        "UPPERCASE" => field.to_ascii_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let p = pascal();
            let mut cs = p.chars();
            match cs.next() {
                Some(f) => f.to_lowercase().chain(cs).collect(),
                None => p,
            }
        }
        "SCREAMING_SNAKE_CASE" => field.to_ascii_uppercase(),
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.to_ascii_uppercase().replace('_', "-"),
        _ => field.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Declarations collected before the walk.
// ---------------------------------------------------------------------------

struct ConstDef {
    expr: Rc<Expr>,
    self_ty: Option<String>,
}

#[derive(Clone)]
struct FieldDef {
    ident: String,
    span: Span,
    wire_de: String,
    wire_ser: String,
    optional: bool,
    skip_de: bool,
    skip_ser: bool,
}

#[derive(Clone)]
struct StructDef {
    name: String,
    deserialize: bool,
    fields: Vec<FieldDef>,
}

#[derive(Default)]
struct Decls {
    consts: HashMap<String, Vec<ConstDef>>,
    structs: HashMap<String, StructDef>,
    struct_order: Vec<String>,
    /// field name → the last segment of its declared type
    field_types: HashMap<String, String>,
    fn_names: HashSet<String>,
    fn_counts: HashMap<String, usize>,
}

struct DeclCollector<'a> {
    src: &'a str,
    base: usize,
    decls: Decls,
    self_ty: Vec<Option<String>>,
    depth: usize,
}

impl DeclCollector<'_> {
    fn ps(&self, s: PSpan) -> Span {
        let r = s.byte_range();
        (r.start + self.base).min(self.src.len())..(r.end + self.base).min(self.src.len())
    }
    fn add_const(&mut self, name: String, expr: &Expr) {
        let self_ty = self.self_ty.last().cloned().flatten();
        self.decls.consts.entry(name).or_default().push(ConstDef {
            expr: Rc::new(expr.clone()),
            self_ty,
        });
    }
    fn add_fn(&mut self, name: String) {
        *self.decls.fn_counts.entry(name.clone()).or_default() += 1;
        self.decls.fn_names.insert(name);
    }
}

impl<'ast> Visit<'ast> for DeclCollector<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_expr(self, e);
        self.depth -= 1;
    }
    fn visit_item(&mut self, i: &'ast Item) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_item(self, i);
        self.depth -= 1;
    }
    fn visit_type(&mut self, _: &'ast Type) {}
    fn visit_pat(&mut self, _: &'ast Pat) {}
    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        self.self_ty.push(None);
        self.add_const(unraw(&c.ident), &c.expr);
        syn::visit::visit_item_const(self, c);
        self.self_ty.pop();
    }
    fn visit_item_static(&mut self, c: &'ast syn::ItemStatic) {
        self.self_ty.push(None);
        self.add_const(unraw(&c.ident), &c.expr);
        syn::visit::visit_item_static(self, c);
        self.self_ty.pop();
    }
    fn visit_impl_item_const(&mut self, c: &'ast syn::ImplItemConst) {
        self.add_const(unraw(&c.ident), &c.expr);
        syn::visit::visit_impl_item_const(self, c);
    }
    fn visit_trait_item_const(&mut self, c: &'ast syn::TraitItemConst) {
        if let Some((_, e)) = &c.default {
            self.add_const(unraw(&c.ident), e);
        }
        syn::visit::visit_trait_item_const(self, c);
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.self_ty.push(impl_type_name(&i.self_ty));
        syn::visit::visit_item_impl(self, i);
        self.self_ty.pop();
    }
    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        self.self_ty.push(Some(unraw(&i.ident)));
        syn::visit::visit_item_trait(self, i);
        self.self_ty.pop();
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.self_ty.push(None);
        self.add_fn(unraw(&f.sig.ident));
        syn::visit::visit_item_fn(self, f);
        self.self_ty.pop();
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add_fn(unraw(&f.sig.ident));
        syn::visit::visit_impl_item_fn(self, f);
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.add_fn(unraw(&f.sig.ident));
        syn::visit::visit_trait_item_fn(self, f);
    }
    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        if m.mac
            .path
            .segments
            .last()
            .map(|s| s.ident == "lazy_static")
            .unwrap_or(false)
        {
            for (name, e) in lazy_statics(&m.mac.tokens) {
                self.self_ty.push(None);
                self.add_const(name, &e);
                self.self_ty.pop();
            }
        }
    }
    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        let name = unraw(&s.ident);
        let sa = serde_attrs(&s.attrs);
        let mut fields = Vec::new();
        if let Fields::Named(named) = &s.fields {
            for f in &named.named {
                let Some(id) = &f.ident else { continue };
                let ident = unraw(id);
                if let Some(p) = type_path(&f.ty) {
                    self.decls.field_types.insert(ident.clone(), last_seg(p));
                }
                let fa = serde_attrs(&f.attrs);
                if fa.flatten {
                    continue;
                }
                let wire_de = fa
                    .rename_de
                    .clone()
                    .unwrap_or_else(|| match &sa.rename_all_de {
                        Some(r) => rename_all(r, &ident),
                        None => ident.clone(),
                    });
                let wire_ser = fa
                    .rename_ser
                    .clone()
                    .unwrap_or_else(|| match &sa.rename_all_ser {
                        Some(r) => rename_all(r, &ident),
                        None => ident.clone(),
                    });
                fields.push(FieldDef {
                    span: self.ps(id.span()),
                    wire_de,
                    wire_ser,
                    optional: is_option_type(&f.ty) || fa.default || sa.default,
                    skip_de: fa.skip_de,
                    skip_ser: fa.skip_ser,
                    ident,
                });
            }
        }
        if !self.decls.structs.contains_key(&name) {
            self.decls.struct_order.push(name.clone());
            self.decls.structs.insert(
                name.clone(),
                StructDef {
                    name,
                    deserialize: derives(&s.attrs, "Deserialize"),
                    fields,
                },
            );
        }
        syn::visit::visit_item_struct(self, s);
    }
}

/// `lazy_static! { static ref NAME: T = expr; ... }` → (NAME, expr).
fn lazy_statics(ts: &TokenStream) -> Vec<(String, Expr)> {
    let mut out = Vec::new();
    for chunk in split_top(ts, ';') {
        let Some(r) = chunk
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i == "ref"))
        else {
            continue;
        };
        let Some(TokenTree::Ident(name)) = chunk.get(r + 1) else {
            continue;
        };
        let Some(eq) = chunk.iter().enumerate().position(|(k, t)| {
            matches!(t, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone)
                && !matches!(k.checked_sub(1).and_then(|j| chunk.get(j)), Some(TokenTree::Punct(q)) if q.spacing() == Spacing::Joint)
        }) else {
            continue;
        };
        let rest: TokenStream = chunk[eq + 1..].iter().cloned().collect();
        if let Ok(e) = syn::parse2::<Expr>(rest) {
            out.push((unraw(name), e));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Macro bodies.
// ---------------------------------------------------------------------------

enum MacBody {
    /// comma-separated arguments (`None` where one did not parse), and the
    /// values of `name: value` arguments (`target:` of log macros)
    Args(Vec<Option<Expr>>, Vec<Expr>),
    /// `vec![x; n]`
    Repeat(Box<Expr>, Box<Expr>),
    Json(JsonVal),
    Stmts(Vec<Stmt>),
    Items(Vec<Item>),
    Statics(Vec<(String, Expr)>),
    Opaque,
}

enum JsonVal {
    Object(Vec<JsonMember>),
    Array(Vec<JsonVal>),
    Value(Option<Box<Expr>>),
}

struct JsonMember {
    /// the key when it is a string literal token
    key_lit: Option<PSpan>,
    key_expr: Option<Expr>,
    first: PSpan,
    last: PSpan,
    value_first: PSpan,
    value: JsonVal,
}

const FORMAT_MACROS_0: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "anyhow",
    "bail",
    "format_err",
    "eyre",
];
const FORMAT_MACROS_1: &[&str] = &["write", "writeln", "assert", "debug_assert", "ensure"];
const FORMAT_MACROS_2: &[&str] = &[
    "assert_eq",
    "assert_ne",
    "debug_assert_eq",
    "debug_assert_ne",
];
const LOG_MACROS: &[&str] = &["trace", "debug", "info", "warn", "error", "log", "event"];

fn macro_name(m: &syn::Macro) -> String {
    m.path
        .segments
        .last()
        .map(|s| unraw(&s.ident))
        .unwrap_or_default()
}

fn is_format_macro(name: &str) -> bool {
    FORMAT_MACROS_0.contains(&name)
        || FORMAT_MACROS_1.contains(&name)
        || FORMAT_MACROS_2.contains(&name)
        || LOG_MACROS.contains(&name)
}

fn is_string_macro(name: &str) -> bool {
    is_format_macro(name) || name == "concat"
}

fn is_lit_str(e: &Expr) -> bool {
    matches!(e, Expr::Lit(l) if matches!(l.lit, Lit::Str(_)))
}

/// Index of the format string among a format-like macro's arguments.
fn format_position(name: &str, args: &[Option<Expr>]) -> Option<usize> {
    let idx = if FORMAT_MACROS_0.contains(&name) {
        0
    } else if FORMAT_MACROS_1.contains(&name) {
        1
    } else if FORMAT_MACROS_2.contains(&name) {
        2
    } else if LOG_MACROS.contains(&name) {
        args.iter()
            .position(|a| a.as_ref().map(is_lit_str).unwrap_or(false))?
    } else {
        return None;
    };
    args.get(idx)?.as_ref().filter(|e| is_lit_str(e))?;
    Some(idx)
}

fn parse_arg(tts: &[TokenTree]) -> Option<Expr> {
    let ts: TokenStream = tts.iter().cloned().collect();
    syn::parse2::<Expr>(ts).ok()
}

/// `target: expr` / `parent: expr` (log and tracing macros) → `expr`.
fn parse_labelled_arg(tts: &[TokenTree]) -> Option<Expr> {
    match tts {
        [TokenTree::Ident(_), TokenTree::Punct(p), rest @ ..]
            if !rest.is_empty() && p.as_char() == ':' && p.spacing() == Spacing::Alone =>
        {
            parse_arg(rest)
        }
        _ => None,
    }
}

fn parse_macro_body(name: &str, ts: &TokenStream) -> MacBody {
    match name {
        "json" => {
            let tts: Vec<TokenTree> = ts.clone().into_iter().collect();
            return MacBody::Json(parse_json(&tts, 0));
        }
        "lazy_static" => return MacBody::Statics(lazy_statics(ts)),
        "macro_rules" | "stringify" => return MacBody::Opaque,
        "vec" => {
            let parts = split_top(ts, ';');
            if parts.len() == 2 {
                if let (Some(a), Some(b)) = (parse_arg(&parts[0]), parse_arg(&parts[1])) {
                    return MacBody::Repeat(Box::new(a), Box::new(b));
                }
            }
        }
        _ => {}
    }
    if ts.is_empty() {
        return MacBody::Args(Vec::new(), Vec::new());
    }
    let parser = Punctuated::<Expr, syn::Token![,]>::parse_terminated;
    if let Ok(list) = syn::parse::Parser::parse2(parser, ts.clone()) {
        return MacBody::Args(list.into_iter().map(Some).collect(), Vec::new());
    }
    let mut args = Vec::new();
    let mut labelled = Vec::new();
    for chunk in split_top(ts, ',') {
        match parse_arg(&chunk) {
            Some(e) => args.push(Some(e)),
            None => match parse_labelled_arg(&chunk) {
                Some(e) => labelled.push(e),
                None => args.push(None),
            },
        }
    }
    if args.iter().any(|a| a.is_some()) || !labelled.is_empty() {
        return MacBody::Args(args, labelled);
    }
    if let Ok(stmts) = syn::parse::Parser::parse2(Block::parse_within, ts.clone()) {
        return MacBody::Stmts(stmts);
    }
    if let Ok(file) = syn::parse2::<syn::File>(ts.clone()) {
        return MacBody::Items(file.items);
    }
    MacBody::Opaque
}

fn parse_json(tts: &[TokenTree], depth: usize) -> JsonVal {
    if depth > MAX_JSON_DEPTH || tts.is_empty() {
        return JsonVal::Value(None);
    }
    if tts.len() == 1 {
        if let TokenTree::Group(g) = &tts[0] {
            match g.delimiter() {
                Delimiter::Brace => return JsonVal::Object(json_members(&g.stream(), depth)),
                Delimiter::Bracket => {
                    return JsonVal::Array(
                        split_top(&g.stream(), ',')
                            .iter()
                            .map(|c| parse_json(c, depth + 1))
                            .collect(),
                    )
                }
                _ => {}
            }
        }
    }
    let ts: TokenStream = tts.iter().cloned().collect();
    JsonVal::Value(syn::parse2::<Expr>(ts).ok().map(Box::new))
}

fn json_members(ts: &TokenStream, depth: usize) -> Vec<JsonMember> {
    let mut out = Vec::new();
    for chunk in split_top(ts, ',') {
        let colon = chunk.iter().enumerate().position(|(k, t)| {
            matches!(t, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone)
                && !matches!(k.checked_sub(1).and_then(|j| chunk.get(j)),
                    Some(TokenTree::Punct(q)) if q.as_char() == ':' && q.spacing() == Spacing::Joint)
        });
        let Some(c) = colon else { continue };
        let (key, val) = (&chunk[..c], &chunk[c + 1..]);
        let (Some(first), Some(last), Some(vfirst)) = (key.first(), val.last(), val.first()) else {
            continue;
        };
        let key_lit = match key {
            [TokenTree::Literal(l)] if is_string_token(&l.to_string()) => Some(l.span()),
            _ => None,
        };
        let key_expr = if key_lit.is_none() {
            parse_arg(key)
        } else {
            None
        };
        out.push(JsonMember {
            key_lit,
            key_expr,
            first: first.span(),
            last: last.span(),
            value_first: vfirst.span(),
            value: parse_json(val, depth + 1),
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Abstract values followed through a file.
// ---------------------------------------------------------------------------

/// A request or call identified by the byte range of where it was created
/// (stable across passes).
type Key = (usize, usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lib {
    Reqwest,
    Ureq,
}

impl Lib {
    fn name(self) -> &'static str {
        match self {
            Lib::Reqwest => "reqwest",
            Lib::Ureq => "ureq",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
struct OAuthInfo {
    token_url: Option<StrValue>,
    secret: bool,
    request_body: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
enum Abs {
    #[default]
    Unknown,
    Param,
    Input,
    Config,
    Literal,
    /// a response of a request, or its parsed body
    Resp(Key),
    /// the result of a token call
    Token(Key),
    /// a request being built
    Builder(Key),
    Client(Lib),
    ClientBuilder(Lib),
    OAuth(Box<OAuthInfo>),
    /// an oauth2 token request before `.request()`: (request, call)
    Exchange(Key, Key),
}

impl Abs {
    /// Whether the value is data whose origin carries to what is read from it.
    fn is_data(&self) -> bool {
        matches!(
            self,
            Abs::Param | Abs::Input | Abs::Config | Abs::Literal | Abs::Resp(_) | Abs::Token(_)
        )
    }
    fn data(&self) -> Abs {
        if self.is_data() {
            self.clone()
        } else {
            Abs::Unknown
        }
    }
    fn is_known(&self) -> bool {
        *self != Abs::Unknown
    }
    fn is_origin(&self) -> bool {
        matches!(self, Abs::Resp(_) | Abs::Token(_))
    }
}

#[derive(Clone, Default)]
struct Val {
    abs: Abs,
    /// the field read this value is (through transparent wrappers)
    read: Option<usize>,
}

impl Val {
    fn of(abs: Abs) -> Val {
        Val { abs, read: None }
    }
}

struct ReadRec {
    read: FieldRead,
    abs: Abs,
    fallback: Option<String>,
}

struct ReqExtra {
    lib: &'static str,
    post_ok: bool,
    query_ident: Option<Span>,
    json_ident: Option<Span>,
}

#[derive(Default)]
struct Out {
    strings: Vec<StrValue>,
    entries: Vec<Entry>,
    requests: Vec<HttpRequest>,
    req_extra: Vec<ReqExtra>,
    req_keys: HashMap<Key, usize>,
    calls: Vec<Call>,
    call_keys: HashMap<Key, usize>,
    reads: Vec<ReadRec>,
    type_uses: Vec<(String, Abs)>,
}

/// What one pass learns for the next.
#[derive(Default)]
struct Knowledge {
    /// function name → what it returns (first known)
    summaries: HashMap<String, Abs>,
    /// `self.f = v` / `Self { f: v }` anywhere → what `self.f` holds
    self_fields: HashMap<String, Abs>,
    /// field name → (number of string initialisations, the last one)
    field_strs: HashMap<String, (usize, StrValue)>,
    token_urls: Vec<StrValue>,
}

#[derive(Default)]
struct Env {
    /// bindings and plain re-assignments of each name in the function
    counts: HashMap<String, u32>,
    abs: HashMap<String, Abs>,
    strs: HashMap<String, StrValue>,
    entries: HashMap<String, Vec<Entry>>,
}

struct BindCounter<'c> {
    counts: &'c mut HashMap<String, u32>,
    depth: usize,
}

impl<'ast> Visit<'ast> for BindCounter<'_> {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        *self.counts.entry(unraw(&p.ident)).or_default() += 1;
        syn::visit::visit_pat_ident(self, p);
    }
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Some(n) = single_ident(&a.left) {
            *self.counts.entry(n).or_default() += 1;
        }
        syn::visit::visit_expr_assign(self, a);
    }
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        let compound = matches!(
            b.op,
            BinOp::SubAssign(_)
                | BinOp::MulAssign(_)
                | BinOp::DivAssign(_)
                | BinOp::RemAssign(_)
                | BinOp::BitXorAssign(_)
                | BinOp::BitAndAssign(_)
                | BinOp::BitOrAssign(_)
                | BinOp::ShlAssign(_)
                | BinOp::ShrAssign(_)
        );
        if compound {
            if let Some(n) = single_ident(&b.left) {
                *self.counts.entry(n).or_default() += 1;
            }
        }
        syn::visit::visit_expr_binary(self, b);
    }
    fn visit_item(&mut self, _: &'ast Item) {}
    fn visit_type(&mut self, _: &'ast Type) {}
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_expr(self, e);
        self.depth -= 1;
    }
    fn visit_pat(&mut self, p: &'ast Pat) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_pat(self, p);
        self.depth -= 1;
    }
}

const HTTP_VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head"];

/// Names of OAuth token APIs whose results are token responses.
const TOKEN_APIS: &[&str] = &[
    "fetch_token",
    "refresh_token",
    "request_token",
    "get_token",
    "get_access_token",
    "fetch_access_token",
    "refresh_access_token",
    "exchange_code",
    "exchange_password",
    "exchange_refresh_token",
    "getToken",
    "getAccessToken",
];

/// Methods of an oauth2 token response that are not fields of it.
const NON_FIELD_METHODS: &[&str] = &[
    "extra_fields",
    "clone",
    "to_owned",
    "as_ref",
    "secret",
    "unwrap",
    "expect",
    "to_string",
    "into",
    "iter",
    "is_some",
    "is_none",
    "ok",
];

/// Methods that return (a view of) their receiver: reads and values go through.
const READ_THROUGH: &[&str] = &[
    "clone",
    "as_ref",
    "as_deref",
    "as_mut",
    "as_deref_mut",
    "to_owned",
    "to_string",
    "as_str",
    "cloned",
    "copied",
    "take",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "or",
    "or_else",
    "map",
    "and_then",
    "filter",
    "into",
    "secret",
    "ok_or",
    "ok_or_else",
    "context",
    "with_context",
];

/// Methods that keep a client, builder or OAuth client what it is.
const KEEP_KIND: &[&str] = &[
    "clone", "unwrap", "expect", "as_ref", "borrow", "to_owned", "into", "lock", "read", "write",
];

/// Methods whose closure argument receives the receiver's value.
const PASSES_RECEIVER: &[&str] = &[
    "map",
    "and_then",
    "then",
    "inspect",
    "map_or",
    "map_or_else",
    "is_some_and",
    "filter",
    "for_each",
];

const GUARD_METHODS: &[&str] = &[
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "or",
    "or_else",
    "map_or",
    "map_or_else",
    "is_some",
    "is_none",
    "is_some_and",
    "is_none_or",
    "get_or_insert",
    "get_or_insert_with",
];

fn grant_for(name: &str) -> Option<&'static str> {
    Some(match name {
        "exchange_password" => "password",
        "exchange_code" => "authorization_code",
        "exchange_refresh_token" => "refresh_token",
        "exchange_client_credentials" => "client_credentials",
        "exchange_device_access_token" => "urn:ietf:params:oauth:grant-type:device_code",
        _ => return None,
    })
}

/// Terminal method of a request chain → the library it belongs to.
fn terminal_lib(name: &str, nargs: usize) -> Option<Lib> {
    match (name, nargs) {
        ("send", 0) => Some(Lib::Reqwest),
        ("call" | "send_empty", 0) => Some(Lib::Ureq),
        ("send_form" | "send_json" | "send_string" | "send_bytes", 1) => Some(Lib::Ureq),
        _ => None,
    }
}

/// What a declared type says a parameter or field holds.
fn kind_of_type(p: &syn::Path) -> Abs {
    let segs = path_segs(p);
    let last = segs.last().map(String::as_str).unwrap_or("");
    match last {
        "Client" if !segs.iter().any(|s| s == "oauth2") => Abs::Client(Lib::Reqwest),
        "Agent" => Abs::Client(Lib::Ureq),
        "BasicClient" => Abs::OAuth(Box::default()),
        "Form" | "Query" | "Json" | "Multipart" => Abs::Input,
        "Config" | "Settings" | "AppConfig" => Abs::Config,
        _ => Abs::Param,
    }
}

fn kind_of_type_name(last: &str) -> Abs {
    match last {
        "Client" => Abs::Client(Lib::Reqwest),
        "Agent" => Abs::Client(Lib::Ureq),
        "BasicClient" => Abs::OAuth(Box::default()),
        "Config" | "Settings" | "AppConfig" => Abs::Config,
        _ => Abs::Unknown,
    }
}

/// Calls that produce a string from their first argument unchanged.
fn is_str_ctor(segs: &[String]) -> bool {
    let n = segs.len();
    let Some(last) = segs.last().map(String::as_str) else {
        return false;
    };
    if n == 1 {
        return last == "Some";
    }
    let ty = segs[n - 2].as_str();
    matches!(
        (ty, last),
        ("String", "from")
            | ("Url", "parse" | "from_str")
            | ("Uri", "from_static" | "try_from")
            | ("Cow", "from" | "Borrowed" | "Owned")
            | ("HeaderValue", "from_static" | "from_str")
            | ("Box" | "Arc" | "Rc", "from")
    ) || (last == "new"
        && matches!(
            ty,
            "TokenUrl"
                | "AuthUrl"
                | "RedirectUrl"
                | "RevocationUrl"
                | "IntrospectionUrl"
                | "DeviceAuthorizationUrl"
                | "EndpointUrl"
        ))
}

const STR_METHODS: &[&str] = &[
    "to_string",
    "to_owned",
    "into",
    "as_str",
    "clone",
    "as_ref",
    "borrow",
    "as_string",
    "into_string",
    "unwrap",
    "expect",
    "parse",
    "as_deref",
    "into_owned",
    "to_str",
];

/// Whether `e` is syntactically a string expression (a literal, a string
/// macro, a `+`, a join, or a conversion of one of these).
fn is_string_shape(e: &Expr) -> bool {
    let mut e = e;
    for _ in 0..64 {
        e = match e {
            Expr::Lit(l) => {
                return matches!(l.lit, Lit::Str(_) | Lit::ByteStr(_) | Lit::CStr(_));
            }
            Expr::Macro(m) => return is_string_macro(&macro_name(&m.mac)),
            Expr::Binary(b) => return matches!(b.op, BinOp::Add(_)),
            Expr::Paren(x) => &x.expr,
            Expr::Group(x) => &x.expr,
            Expr::Reference(x) => &x.expr,
            Expr::Try(x) => &x.expr,
            Expr::MethodCall(m) => {
                let n = m.method.to_string();
                if n == "join" || n == "trim_end_matches" {
                    return true;
                }
                if !STR_METHODS.contains(&n.as_str()) {
                    return false;
                }
                &m.receiver
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else {
                    return false;
                };
                let segs = path_segs(&p.path);
                if segs
                    .last()
                    .map(|s| s == "parse_with_params")
                    .unwrap_or(false)
                {
                    return true;
                }
                if !is_str_ctor(&segs) || segs.len() == 1 {
                    return false;
                }
                match c.args.first() {
                    Some(a) => a,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    false
}

// ---------------------------------------------------------------------------
// The lowerer.
// ---------------------------------------------------------------------------

struct Lowerer<'s> {
    src: &'s str,
    base: usize,
    decls: Decls,
    know: Knowledge,
    next: Knowledge,
    out: Out,
    envs: Vec<Env>,
    rets: Vec<Vec<Abs>>,
    /// (receiver, field) tested by enclosing conditions
    guards: Vec<(String, String)>,
    self_ty: Vec<Option<String>>,
    macros: HashMap<Key, Rc<MacBody>>,
    const_memo: HashMap<usize, Option<StrValue>>,
    const_busy: HashSet<usize>,
    const_ctx: usize,
    /// request-start calls found below a terminal (`.send()`, `.call()`)
    forced: HashMap<Key, Lib>,
    depth: usize,
    truncated: bool,
    /// the last pass: the one whose output is kept
    emit: bool,
}

impl<'s> Lowerer<'s> {
    fn new(src: &'s str, base: usize) -> Self {
        Lowerer {
            src,
            base,
            decls: Decls::default(),
            know: Knowledge::default(),
            next: Knowledge::default(),
            out: Out::default(),
            envs: Vec::new(),
            rets: Vec::new(),
            guards: Vec::new(),
            self_ty: Vec::new(),
            macros: HashMap::new(),
            const_memo: HashMap::new(),
            const_busy: HashSet::new(),
            const_ctx: 0,
            forced: HashMap::new(),
            depth: 0,
            truncated: false,
            emit: false,
        }
    }

    fn run(&mut self, file: &syn::File) -> FileModel {
        let mut dc = DeclCollector {
            src: self.src,
            base: self.base,
            decls: Decls::default(),
            self_ty: Vec::new(),
            depth: 0,
        };
        dc.visit_file(file);
        self.decls = dc.decls;
        for pass in 0..PASSES {
            self.out = Out::default();
            self.next = Knowledge::default();
            self.forced.clear();
            self.envs = vec![Env::default()];
            self.rets = vec![Vec::new()];
            self.guards.clear();
            self.self_ty.clear();
            self.depth = 0;
            self.emit = pass + 1 == PASSES;
            for it in &file.items {
                self.item(it);
            }
            if pass + 1 < PASSES {
                self.know = std::mem::take(&mut self.next);
            }
        }
        self.finish(file)
    }

    // ----- spans and text -------------------------------------------------

    fn ps(&self, s: PSpan) -> Span {
        let r = s.byte_range();
        let n = self.src.len();
        (r.start + self.base).min(n)..(r.end + self.base).min(n)
    }

    fn espan(&self, e: &Expr) -> Span {
        let a = self.ps(first_token(e));
        let b = self.ps(last_token(e));
        if b.end >= a.start {
            a.start..b.end
        } else {
            a
        }
    }

    fn mspan(&self, m: &ExprMethodCall) -> Span {
        let a = self.ps(first_token(&m.receiver));
        let b = self.ps(m.paren_token.span.close());
        a.start..b.end.max(a.start)
    }

    fn cspan(&self, c: &ExprCall) -> Span {
        let a = self.ps(first_token(&c.func));
        let b = self.ps(c.paren_token.span.close());
        a.start..b.end.max(a.start)
    }

    fn text(&self, sp: &Span) -> String {
        squash(self.src.get(sp.clone()).unwrap_or(""))
    }

    fn etext(&self, e: &Expr) -> String {
        self.text(&self.espan(e))
    }

    fn hole(&self, e: &Expr) -> StrValue {
        let sp = self.espan(e);
        StrValue {
            pieces: vec![Piece::hole(sp.clone(), shorten(&self.text(&sp), 40))],
            span: sp,
        }
    }

    fn env(&mut self) -> &mut Env {
        if self.envs.is_empty() {
            self.envs.push(Env::default());
        }
        let n = self.envs.len() - 1;
        &mut self.envs[n]
    }

    fn cur_self_ty(&self) -> Option<String> {
        self.self_ty.last().cloned().flatten()
    }

    fn lit_decoded(&self, s: PSpan) -> Option<DecodedLit> {
        decode_literal(self.src, self.ps(s))
    }

    fn lit_piece(&self, l: &Lit) -> Option<Piece> {
        match l {
            Lit::Str(_) | Lit::ByteStr(_) | Lit::CStr(_) => {
                Some(self.lit_decoded(l.span())?.piece())
            }
            _ => None,
        }
    }

    /// A string-literal key: (decoded text, content span).
    fn lit_key(&self, e: &Expr) -> Option<(String, Span)> {
        match peel(e) {
            Expr::Lit(l) if matches!(l.lit, Lit::Str(_)) => {
                let d = self.lit_decoded(l.lit.span())?;
                Some((d.text(), d.content_start()..d.end))
            }
            _ => None,
        }
    }

    // ----- macros ---------------------------------------------------------

    fn macro_body(&mut self, m: &syn::Macro) -> Rc<MacBody> {
        let sp = self.ps(m.delimiter.span().join());
        let key = (sp.start, sp.end);
        if let Some(b) = self.macros.get(&key) {
            return b.clone();
        }
        let body = Rc::new(parse_macro_body(&macro_name(m), &m.tokens));
        self.macros.insert(key, body.clone());
        body
    }

    fn mac_span(&self, m: &syn::Macro) -> Span {
        let a = self.ps(path_first(&m.path));
        let b = self.ps(m.delimiter.span().close());
        a.start..b.end.max(a.start)
    }

    // ----- resolution -----------------------------------------------------

    fn resolve_or_hole(&mut self, e: &Expr) -> StrValue {
        match self.resolve(e, 0) {
            Some(v) => v,
            None => self.hole(e),
        }
    }

    /// The string value of `e` as far as the file tells, `None` when `e` is
    /// not known to be a string.
    fn resolve(&mut self, e: &Expr, depth: usize) -> Option<StrValue> {
        if depth > MAX_RESOLVE_DEPTH {
            return None;
        }
        let span = self.espan(e);
        match e {
            Expr::Lit(l) => self.lit_piece(&l.lit).map(|p| StrValue {
                pieces: vec![p],
                span,
            }),
            Expr::Paren(x) => self.resolve(&x.expr, depth + 1).map(|v| with_span(v, span)),
            Expr::Group(x) => self.resolve(&x.expr, depth + 1).map(|v| with_span(v, span)),
            Expr::Reference(x) => self.resolve(&x.expr, depth + 1).map(|v| with_span(v, span)),
            Expr::Try(x) => self.resolve(&x.expr, depth + 1).map(|v| with_span(v, span)),
            Expr::Unary(x) if matches!(x.op, syn::UnOp::Deref(_)) => {
                self.resolve(&x.expr, depth + 1).map(|v| with_span(v, span))
            }
            Expr::Binary(b) if matches!(b.op, BinOp::Add(_)) => {
                let mut ops: Vec<&Expr> = vec![&b.right];
                let mut l: &Expr = &b.left;
                while let Expr::Binary(lb) = l {
                    if !matches!(lb.op, BinOp::Add(_)) {
                        break;
                    }
                    ops.push(&lb.right);
                    l = &lb.left;
                }
                ops.push(l);
                ops.reverse();
                let mut out = StrValue::new(span);
                let mut any = false;
                for op in ops {
                    match self.resolve(op, depth + 1) {
                        Some(v) => {
                            any = true;
                            out.extend(v);
                        }
                        None => out.extend(self.hole(op)),
                    }
                }
                any.then_some(out)
            }
            Expr::Macro(m) => self.resolve_macro(&m.mac, span, depth),
            Expr::MethodCall(m) => self.resolve_method(m, span, depth),
            Expr::Call(c) => self.resolve_call(c, span, depth),
            Expr::Path(p) => {
                if p.qself.is_some() {
                    return None;
                }
                let segs = path_segs(&p.path);
                let n = segs.len();
                if n == 0 {
                    return None;
                }
                if n == 1 {
                    return self.resolve_name(&segs[0], span, depth);
                }
                let owner = if segs[n - 2] == "Self" {
                    self.cur_self_ty()
                } else {
                    Some(segs[n - 2].clone())
                };
                self.resolve_const(&segs[n - 1], owner.as_deref(), span, depth)
            }
            Expr::Field(f) => {
                let Member::Named(id) = &f.member else {
                    return None;
                };
                match self.know.field_strs.get(&unraw(id)) {
                    Some((1, v)) => Some(with_span(v.clone(), span)),
                    _ => None,
                }
            }
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                Stmt::Expr(x, None) => self.resolve(x, depth + 1).map(|v| with_span(v, span)),
                _ => None,
            },
            _ => None,
        }
    }

    fn resolve_name(&mut self, name: &str, span: Span, depth: usize) -> Option<StrValue> {
        if self.const_ctx == 0 {
            if let Some(env) = self.envs.last() {
                if env.counts.contains_key(name) || env.abs.contains_key(name) {
                    let single = env.counts.get(name).copied().unwrap_or(0) <= 1;
                    return if single {
                        env.strs.get(name).cloned().map(|v| with_span(v, span))
                    } else {
                        None
                    };
                }
            }
        }
        self.resolve_const(name, None, span, depth)
    }

    fn resolve_const(
        &mut self,
        name: &str,
        owner: Option<&str>,
        span: Span,
        depth: usize,
    ) -> Option<StrValue> {
        let defs = self.decls.consts.get(name)?;
        let pick = match owner {
            Some(o) => defs
                .iter()
                .find(|d| d.self_ty.as_deref() == Some(o))
                .or_else(|| (defs.len() == 1).then(|| &defs[0])),
            None => {
                let free: Vec<&ConstDef> = defs.iter().filter(|d| d.self_ty.is_none()).collect();
                if free.len() == 1 {
                    Some(free[0])
                } else if defs.len() == 1 {
                    Some(&defs[0])
                } else {
                    None
                }
            }
        }?;
        let expr = pick.expr.clone();
        let sty = pick.self_ty.clone();
        let key = Rc::as_ptr(&expr) as usize;
        if let Some(m) = self.const_memo.get(&key) {
            return m.clone().map(|v| with_span(v, span));
        }
        if !self.const_busy.insert(key) {
            return None;
        }
        self.const_ctx += 1;
        self.self_ty.push(sty);
        let v = self.resolve(&expr, depth + 1);
        self.self_ty.pop();
        self.const_ctx -= 1;
        self.const_busy.remove(&key);
        self.const_memo.insert(key, v.clone());
        v.map(|v| with_span(v, span))
    }

    /// Elements of `[..]`, `&[..]`, `vec![..]`.
    fn literal_list(&mut self, e: &Expr) -> Option<Vec<Expr>> {
        match peel(e) {
            Expr::Array(a) => Some(a.elems.iter().cloned().collect()),
            Expr::Macro(m) if macro_name(&m.mac) == "vec" => match &*self.macro_body(&m.mac) {
                MacBody::Args(a, _) => a.iter().cloned().collect(),
                _ => None,
            },
            _ => None,
        }
    }

    fn resolve_method(&mut self, m: &ExprMethodCall, span: Span, depth: usize) -> Option<StrValue> {
        let name = m.method.to_string();
        if STR_METHODS.contains(&name.as_str()) {
            return self
                .resolve(&m.receiver, depth + 1)
                .map(|v| with_span(v, span));
        }
        match (name.as_str(), m.args.len()) {
            ("join", 1) => {
                let arg = &m.args[0];
                if let Some(elems) = self.literal_list(&m.receiver) {
                    let sep = self.resolve(arg, depth + 1);
                    let mut out = StrValue::new(span);
                    let mut any = false;
                    for (k, el) in elems.iter().enumerate() {
                        if k > 0 {
                            match &sep {
                                Some(s) => out.extend(s.clone()),
                                None => out.extend(self.hole(arg)),
                            }
                        }
                        match self.resolve(el, depth + 1) {
                            Some(v) => {
                                any = true;
                                out.extend(v);
                            }
                            None => out.extend(self.hole(el)),
                        }
                    }
                    return any.then_some(out);
                }
                let base = self.resolve(&m.receiver, depth + 1)?;
                let path = match self.resolve(arg, depth + 1) {
                    Some(p) => p,
                    None => self.hole(arg),
                };
                Some(url_join(&base, &path, span))
            }
            ("trim_end_matches", 1) => {
                let v = self.resolve(&m.receiver, depth + 1)?;
                let pat = match peel(&m.args[0]) {
                    Expr::Lit(l) => match &l.lit {
                        Lit::Char(c) => c.value().to_string(),
                        Lit::Str(s) => s.value(),
                        _ => return Some(with_span(v, span)),
                    },
                    _ => return Some(with_span(v, span)),
                };
                let t = v.text();
                let mut end = t.len();
                while !pat.is_empty() && t[..end].ends_with(pat.as_str()) {
                    end -= pat.len();
                }
                Some(slice_sv(&v, 0..end, span))
            }
            _ => None,
        }
    }

    fn resolve_call(&mut self, c: &ExprCall, span: Span, depth: usize) -> Option<StrValue> {
        let Expr::Path(fp) = &*c.func else {
            return None;
        };
        let segs = path_segs(&fp.path);
        if is_str_ctor(&segs) {
            let a = c.args.first()?;
            return self.resolve(a, depth + 1).map(|v| with_span(v, span));
        }
        let n = segs.len();
        if n == 0 {
            return None;
        }
        let last = segs[n - 1].as_str();
        let ty = if n >= 2 { segs[n - 2].as_str() } else { "" };
        if last == "parse_with_params" && c.args.len() == 2 {
            let mut out = self.resolve(&c.args[0], depth + 1)?;
            out.span = span;
            let entries = self.entries_of(&c.args[1], depth + 1).unwrap_or_default();
            for (k, en) in entries.iter().enumerate() {
                out.push(Piece::synthetic(if k == 0 { "?" } else { "&" }));
                match &en.key_span {
                    Some(ks) if self.src.get(ks.clone()) == Some(en.key.as_str()) => {
                        out.push(Piece::lit(en.key.clone(), ks.clone()))
                    }
                    _ => out.push(Piece::synthetic(en.key.clone())),
                }
                out.push(Piece::synthetic("="));
                match &en.value {
                    Some(v) => out.extend(v.clone()),
                    None => {
                        let sp = en.value_span.clone().unwrap_or_else(|| en.span.clone());
                        let name = shorten(&self.text(&sp), 40);
                        out.push(Piece::hole(sp, name));
                    }
                }
            }
            return Some(out);
        }
        if last == "new" && matches!(ty, "Lazy" | "LazyLock" | "LazyCell") {
            if let Some(Expr::Closure(cl)) = c.args.first() {
                return self
                    .resolve(&cl.body, depth + 1)
                    .map(|v| with_span(v, span));
            }
        }
        None
    }

    fn resolve_macro(&mut self, m: &syn::Macro, span: Span, depth: usize) -> Option<StrValue> {
        let name = macro_name(m);
        if !is_string_macro(&name) {
            return None;
        }
        let body = self.macro_body(m);
        let MacBody::Args(args, _) = &*body else {
            return None;
        };
        if name == "concat" {
            let mut out = StrValue::new(span);
            for a in args {
                let Some(a) = a else {
                    continue;
                };
                if let Some(v) = self.resolve(a, depth + 1) {
                    out.extend(v);
                    continue;
                }
                match a {
                    Expr::Lit(l) => {
                        let sp = self.ps(l.lit.span());
                        let t = match &l.lit {
                            Lit::Char(c) => c.value().to_string(),
                            Lit::Bool(b) => b.value.to_string(),
                            _ => self.src.get(sp.clone()).unwrap_or("").to_string(),
                        };
                        if self.src.get(sp.clone()) == Some(t.as_str()) {
                            out.push(Piece::lit(t, sp));
                        } else {
                            out.push(Piece::synthetic(t));
                        }
                    }
                    _ => out.extend(self.hole(a)),
                }
            }
            return Some(out);
        }
        let pos = format_position(&name, args)?;
        let Some(Expr::Lit(l)) = &args[pos] else {
            return None;
        };
        let Lit::Str(fmt) = &l.lit else {
            return None;
        };
        self.format_value(fmt, &args[pos + 1..], span, depth)
    }

    fn format_value(
        &mut self,
        fmt: &syn::LitStr,
        rest: &[Option<Expr>],
        span: Span,
        depth: usize,
    ) -> Option<StrValue> {
        let dec = self.lit_decoded(fmt.span())?;
        let mut positional: Vec<Option<&Expr>> = Vec::new();
        let mut named: HashMap<String, &Expr> = HashMap::new();
        for a in rest {
            match a {
                Some(Expr::Assign(asg)) => match single_ident(&asg.left) {
                    Some(n) => {
                        named.insert(n, &asg.right);
                    }
                    None => positional.push(None),
                },
                Some(e) => positional.push(Some(e)),
                None => positional.push(None),
            }
        }
        let mut out = StrValue::new(span);
        let chars = &dec.chars;
        let mut run: Vec<(char, usize)> = Vec::new();
        let flush = |out: &mut StrValue, run: &mut Vec<(char, usize)>, end: usize| {
            if !run.is_empty() {
                out.push(Piece::lit_decoded(run, end));
                run.clear();
            }
        };
        let mut next_pos = 0;
        let mut i = 0;
        while i < chars.len() {
            let (c, at) = chars[i];
            let nxt = chars.get(i + 1).map(|x| x.0);
            if (c == '{' && nxt == Some('{')) || (c == '}' && nxt == Some('}')) {
                run.push((c, at));
                i += 2;
                continue;
            }
            if c != '{' {
                run.push((c, at));
                i += 1;
                continue;
            }
            let Some(j) = (i + 1..chars.len()).find(|&k| chars[k].0 == '}') else {
                run.push((c, at));
                i += 1;
                continue;
            };
            flush(&mut out, &mut run, at);
            let inner: String = chars[i + 1..j].iter().map(|x| x.0).collect();
            let (arg, spec) = match inner.find(':') {
                Some(k) => (inner[..k].trim(), &inner[k + 1..]),
                None => (inner.trim(), ""),
            };
            let ph_span = at..chars[j].1 + 1;
            if spec.contains(".*") {
                next_pos += 1;
            }
            let debug = spec.contains('?');
            let target: Result<Option<&Expr>, String> = if arg.is_empty() {
                let v = positional.get(next_pos).copied().flatten();
                next_pos += 1;
                Ok(v)
            } else if let Ok(n) = arg.parse::<usize>() {
                Ok(positional.get(n).copied().flatten())
            } else if let Some(e) = named.get(arg) {
                Ok(Some(*e))
            } else {
                Err(arg.to_string())
            };
            match target {
                Ok(Some(e)) => {
                    let v = if debug {
                        None
                    } else {
                        self.resolve(e, depth + 1)
                    };
                    match v {
                        Some(v) => out.extend(v),
                        None => out.extend(self.hole(e)),
                    }
                }
                Ok(None) => out.push(Piece::hole(ph_span, shorten(&inner, 40))),
                Err(name) => {
                    let v = if debug {
                        None
                    } else {
                        self.resolve_name(&name, ph_span.clone(), depth + 1)
                    };
                    match v {
                        Some(v) => out.extend(v),
                        None => out.push(Piece::hole(ph_span, name)),
                    }
                }
            }
            i = j + 1;
        }
        flush(&mut out, &mut run, dec.end);
        Some(out)
    }

    // ----- key/value structures -------------------------------------------

    /// The key of a pair or header: a literal, a header-name constant, or a
    /// constant resolving to plain text.
    fn entry_key(&mut self, k: &Expr) -> Option<(String, Option<Span>)> {
        if let Some((t, sp)) = self.lit_key(k) {
            return Some((t, Some(sp)));
        }
        match peel(k) {
            Expr::Path(p) => {
                let seg = p.path.segments.last()?;
                let id_span = self.ps(seg.ident.span());
                if let Some(v) = self.resolve(k, 0) {
                    if v.is_plain() {
                        return Some((v.text(), Some(id_span)));
                    }
                }
                let name = unraw(&seg.ident);
                is_constant_case(&name)
                    .then(|| (name.to_ascii_lowercase().replace('_', "-"), Some(id_span)))
            }
            Expr::Call(c) => {
                let a = c.args.first()?;
                self.lit_key(a).map(|(t, sp)| (t, Some(sp)))
            }
            other => {
                let v = self.resolve(other, 0)?;
                v.is_plain().then(|| (v.text(), None))
            }
        }
    }

    fn kv_entry(&mut self, k: &Expr, v: &Expr) -> Option<Entry> {
        let (key, key_span) = self.entry_key(k)?;
        let vs = self.espan(v);
        let ks = self.espan(k);
        Some(Entry {
            key,
            key_span,
            value: self.resolve(v, 0),
            value_span: Some(vs.clone()),
            span: ks.start..vs.end.max(ks.start),
        })
    }

    /// `("k", v)` → entry.
    fn pair_entry(&mut self, e: &Expr) -> Option<Entry> {
        let Expr::Tuple(t) = peel(e) else {
            return None;
        };
        if t.elems.len() != 2 {
            return None;
        }
        let mut en = self.kv_entry(&t.elems[0], &t.elems[1])?;
        en.span = self.espan(e);
        Some(en)
    }

    fn pairs_of<'e>(&mut self, elems: impl Iterator<Item = &'e Expr>) -> Vec<Entry> {
        elems.filter_map(|e| self.pair_entry(e)).collect()
    }

    fn json_entries(&mut self, members: &[JsonMember]) -> Vec<Entry> {
        let mut out = Vec::new();
        for mem in members {
            let (key, key_span) = match (&mem.key_lit, &mem.key_expr) {
                (Some(s), _) => match self.lit_decoded(*s) {
                    Some(d) => (d.text(), Some(d.content_start()..d.end)),
                    None => continue,
                },
                (None, Some(e)) => match self.resolve(e, 0) {
                    Some(v) if v.is_plain() => (v.text(), None),
                    _ => continue,
                },
                _ => continue,
            };
            let vs = self.ps(mem.value_first).start..self.ps(mem.last).end;
            let value = match &mem.value {
                JsonVal::Value(Some(e)) => self.resolve(e, 0),
                _ => None,
            };
            out.push(Entry {
                key,
                key_span,
                value,
                value_span: Some(vs.clone()),
                span: self.ps(mem.first).start..vs.end,
            });
        }
        out
    }

    fn struct_entries(&mut self, s: &ExprStruct) -> Vec<Entry> {
        let def = self.decls.structs.get(&last_seg(&s.path)).cloned();
        let mut out = Vec::new();
        for fv in &s.fields {
            let Member::Named(id) = &fv.member else {
                continue;
            };
            let ident = unraw(id);
            let fd = def
                .as_ref()
                .and_then(|d| d.fields.iter().find(|f| f.ident == ident));
            if fd.map(|f| f.skip_ser).unwrap_or(false) {
                continue;
            }
            let key = fd
                .map(|f| f.wire_ser.clone())
                .unwrap_or_else(|| ident.clone());
            let ks = self.ps(id.span());
            let vs = self.espan(&fv.expr);
            out.push(Entry {
                key,
                key_span: Some(ks.clone()),
                value: self.resolve(&fv.expr, 0),
                value_span: Some(vs.clone()),
                span: ks.start..vs.end.max(ks.start),
            });
        }
        out
    }

    /// The key/value entries of a body, query or map expression, when visible.
    fn entries_of(&mut self, e: &Expr, depth: usize) -> Option<Vec<Entry>> {
        if depth > MAX_RESOLVE_DEPTH {
            return None;
        }
        match peel(e) {
            Expr::Array(a) => Some(self.pairs_of(a.elems.iter())),
            Expr::Macro(m) => {
                let name = macro_name(&m.mac);
                let body = self.macro_body(&m.mac);
                match (&*body, name.as_str()) {
                    (MacBody::Args(args, _), "vec") => Some(self.pairs_of(args.iter().flatten())),
                    (MacBody::Json(JsonVal::Object(mems)), _) => Some(self.json_entries(mems)),
                    _ => None,
                }
            }
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else {
                    return None;
                };
                let segs = path_segs(&p.path);
                let n = segs.len();
                if n == 0 {
                    return None;
                }
                let last = segs[n - 1].as_str();
                let ty = if n >= 2 { segs[n - 2].as_str() } else { "" };
                let map_ty = matches!(
                    ty,
                    "HashMap"
                        | "BTreeMap"
                        | "IndexMap"
                        | "Map"
                        | "HeaderMap"
                        | "Vec"
                        | "Params"
                        | "Serializer"
                );
                match last {
                    "new" | "with_capacity" | "default" if map_ty => Some(Vec::new()),
                    "from" | "from_iter" if map_ty => self.entries_of(c.args.first()?, depth + 1),
                    _ => None,
                }
            }
            Expr::MethodCall(m) if m.method == "append_pair" && m.args.len() == 2 => {
                let mut out = self.entries_of(&m.receiver, depth + 1).unwrap_or_default();
                out.extend(self.kv_entry(&m.args[0], &m.args[1]));
                Some(out)
            }
            Expr::MethodCall(m) if m.method == "extend_pairs" && m.args.len() == 1 => {
                let mut out = self.entries_of(&m.receiver, depth + 1).unwrap_or_default();
                out.extend(self.entries_of(&m.args[0], depth + 1).unwrap_or_default());
                Some(out)
            }
            Expr::MethodCall(m) => {
                let n = m.method.to_string();
                if matches!(
                    n.as_str(),
                    "finish"
                        | "collect"
                        | "into_iter"
                        | "iter"
                        | "to_vec"
                        | "into"
                        | "clone"
                        | "as_ref"
                        | "to_owned"
                        | "cloned"
                        | "copied"
                        | "as_slice"
                ) {
                    self.entries_of(&m.receiver, depth + 1)
                } else {
                    None
                }
            }
            Expr::Path(_) => {
                let name = single_ident(peel(e))?;
                self.envs.last()?.entries.get(&name).cloned()
            }
            Expr::Struct(s) => Some(self.struct_entries(s)),
            _ => None,
        }
    }
}

// ----- the walk ---------------------------------------------------------------

impl Lowerer<'_> {
    fn item(&mut self, it: &Item) {
        if self.depth >= MAX_WALK_DEPTH {
            self.truncated = true;
            return;
        }
        self.depth += 1;
        match it {
            Item::Fn(f) => self.func(&f.sig, &f.block),
            Item::Impl(im) => {
                self.self_ty.push(impl_type_name(&im.self_ty));
                for ii in &im.items {
                    match ii {
                        ImplItem::Fn(f) => self.func(&f.sig, &f.block),
                        ImplItem::Const(c) => self.const_body(&c.expr),
                        ImplItem::Macro(m) => self.stmt_mac(&m.mac),
                        _ => {}
                    }
                }
                self.self_ty.pop();
            }
            Item::Trait(t) => {
                self.self_ty.push(Some(unraw(&t.ident)));
                for ti in &t.items {
                    match ti {
                        TraitItem::Fn(f) => {
                            if let Some(b) = &f.default {
                                self.func(&f.sig, b);
                            }
                        }
                        TraitItem::Const(c) => {
                            if let Some((_, e)) = &c.default {
                                self.const_body(e);
                            }
                        }
                        _ => {}
                    }
                }
                self.self_ty.pop();
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    for i in items {
                        self.item(i);
                    }
                }
            }
            Item::Const(c) => {
                self.self_ty.push(None);
                self.const_body(&c.expr);
                self.self_ty.pop();
            }
            Item::Static(s) => {
                self.self_ty.push(None);
                self.const_body(&s.expr);
                self.self_ty.pop();
            }
            Item::Macro(m) => self.stmt_mac(&m.mac),
            _ => {}
        }
        self.depth -= 1;
    }

    fn const_body(&mut self, e: &Expr) {
        self.envs.push(Env::default());
        self.rets.push(Vec::new());
        self.expr(e, false);
        self.rets.pop();
        self.envs.pop();
    }

    fn func(&mut self, sig: &Signature, block: &Block) {
        let mut env = Env::default();
        let mut counter = BindCounter {
            counts: &mut env.counts,
            depth: 0,
        };
        counter.visit_block(block);
        for input in &sig.inputs {
            if let FnArg::Typed(pt) = input {
                let abs = type_path(&pt.ty).map(kind_of_type).unwrap_or(Abs::Param);
                let mut names = Vec::new();
                pat_idents(&pt.pat, &mut names, 0);
                for n in names {
                    *env.counts.entry(n.clone()).or_default() += 1;
                    env.abs.insert(n, abs.clone());
                }
            }
        }
        self.envs.push(env);
        self.rets.push(Vec::new());
        let saved_guards = std::mem::take(&mut self.guards);
        let tail = self.block(block);
        self.guards = saved_guards;
        let mut rets = self.rets.pop().unwrap_or_default();
        rets.push(tail.abs);
        self.envs.pop();
        let summary = rets.into_iter().find(|a| a.is_known()).unwrap_or_default();
        let name = unraw(&sig.ident);
        let slot = self.next.summaries.entry(name).or_default();
        if !slot.is_known() {
            *slot = summary.clone();
        }
        if summary.is_origin() {
            if let ReturnType::Type(_, ty) = &sig.output {
                if let Some(t) = model_type_name(ty) {
                    self.out.type_uses.push((t, summary));
                }
            }
        }
    }

    fn block(&mut self, b: &Block) -> Val {
        let mut last = Val::default();
        let n = b.stmts.len();
        for (k, st) in b.stmts.iter().enumerate() {
            match st {
                Stmt::Local(l) => self.local(l),
                Stmt::Item(it) => self.item(it),
                Stmt::Expr(e, semi) => {
                    let v = self.expr(e, false);
                    if k + 1 == n && semi.is_none() {
                        last = v;
                    }
                }
                Stmt::Macro(m) => self.stmt_mac(&m.mac),
            }
        }
        last
    }

    fn local(&mut self, l: &Local) {
        let Some(init) = &l.init else {
            self.bind_pattern(&l.pat, &Abs::Unknown, None, 0);
            return;
        };
        let v = self.expr(&init.expr, false);
        if let Some((_, d)) = &init.diverge {
            if let Some(r) = v.read {
                if pat_tests_presence(&l.pat) {
                    self.out.reads[r].read.guarded = true;
                }
            }
            self.expr(d, false);
        }
        let (pat, ty) = match &l.pat {
            Pat::Type(pt) => (&*pt.pat, Some(&*pt.ty)),
            p => (p, None),
        };
        if let Some(ty) = ty {
            if v.abs.is_origin() || is_parse_call(&init.expr) {
                if let Some(t) = model_type_name(ty) {
                    self.out.type_uses.push((t, v.abs.data()));
                }
            }
        }
        if let (Some(r), Pat::Ident(pi)) = (v.read, pat) {
            self.out.reads[r].read.assigned_to = Some(unraw(&pi.ident));
        }
        self.bind_pattern(pat, &v.abs, Some(&init.expr), 0);
    }

    fn bind_pattern(&mut self, p: &Pat, abs: &Abs, init: Option<&Expr>, depth: usize) {
        if depth > 64 {
            return;
        }
        match p {
            Pat::Ident(pi) => {
                let name = unraw(&pi.ident);
                let single = self.env().counts.get(&name).copied().unwrap_or(0) <= 1;
                let sv = match init {
                    Some(e) if single => self.resolve(e, 0),
                    _ => None,
                };
                let en = match init {
                    Some(e) => self.entries_of(e, 0),
                    None => None,
                };
                let env = self.env();
                env.abs.insert(name.clone(), abs.clone());
                match sv {
                    Some(v) => env.strs.insert(name.clone(), v),
                    None => env.strs.remove(&name),
                };
                match en {
                    Some(v) => env.entries.insert(name, v),
                    None => env.entries.remove(&name),
                };
                if let Some((_, sub)) = &pi.subpat {
                    self.bind_pattern(sub, abs, None, depth + 1);
                }
            }
            Pat::Type(pt) => self.bind_pattern(&pt.pat, abs, init, depth + 1),
            Pat::Paren(x) => self.bind_pattern(&x.pat, abs, init, depth + 1),
            Pat::Reference(x) => self.bind_pattern(&x.pat, abs, None, depth + 1),
            Pat::TupleStruct(ts) => {
                for el in &ts.elems {
                    self.bind_pattern(el, abs, None, depth + 1);
                }
            }
            Pat::Or(o) => {
                for c in &o.cases {
                    self.bind_pattern(c, abs, None, depth + 1);
                }
            }
            Pat::Tuple(t) => {
                for el in &t.elems {
                    self.bind_pattern(el, &Abs::Unknown, None, depth + 1);
                }
            }
            Pat::Slice(s) => {
                for el in &s.elems {
                    self.bind_pattern(el, &abs.data(), None, depth + 1);
                }
            }
            Pat::Struct(ps) => {
                if abs.is_origin() {
                    self.out.type_uses.push((last_seg(&ps.path), abs.clone()));
                }
                let receiver = init.map(|e| self.etext(e)).unwrap_or_default();
                for fp in &ps.fields {
                    if let Member::Named(id) = &fp.member {
                        let sp = self.ps(id.span());
                        let r = self.add_read(
                            unraw(id),
                            sp,
                            ReadKind::Destructure,
                            receiver.clone(),
                            abs.data(),
                        );
                        if pat_tests_presence(&fp.pat) {
                            self.out.reads[r].read.guarded = true;
                        }
                    }
                    self.bind_pattern(&fp.pat, &abs.data(), None, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn add_read(
        &mut self,
        field: String,
        span: Span,
        kind: ReadKind,
        receiver: String,
        abs: Abs,
    ) -> usize {
        let guarded = self
            .guards
            .iter()
            .any(|(r, f)| *r == receiver && *f == field);
        self.out.reads.push(ReadRec {
            read: FieldRead {
                absence_fails: false,
                field,
                span,
                kind,
                receiver,
                origin: Origin::Unknown,
                guarded,
                asserted: false,
                assigned_to: None,
                fallback_is_target: false,
                origin_span: None,
                absence: Absence::default(),
            },
            abs,
            fallback: None,
        });
        self.out.reads.len() - 1
    }

    // ----- expressions ------------------------------------------------------

    fn expr(&mut self, e: &Expr, sp: bool) -> Val {
        if self.depth >= MAX_WALK_DEPTH {
            self.truncated = true;
            return Val::default();
        }
        self.depth += 1;
        let child_sp = self.maybe_emit(e, sp);
        let v = self.expr_inner(e, child_sp);
        self.depth -= 1;
        v
    }

    /// Emit `e` as a maximal string expression when it is one; returns
    /// whether its children are parts of a string expression.
    fn maybe_emit(&mut self, e: &Expr, sp: bool) -> bool {
        if !is_string_shape(e) {
            return false;
        }
        if sp || !self.emit {
            return true;
        }
        match self.resolve(e, 0) {
            Some(v) => {
                self.out.strings.push(v);
                true
            }
            // the sub-chains of a `+` chain that is not a string are not either
            None => matches!(e, Expr::Binary(_)),
        }
    }

    fn expr_inner(&mut self, e: &Expr, sp: bool) -> Val {
        match e {
            Expr::Array(a) => {
                for el in &a.elems {
                    self.expr(el, false);
                }
                if self.emit {
                    let pairs = self.pairs_of(a.elems.iter());
                    self.out.entries.extend(pairs);
                }
                Val::of(Abs::Literal)
            }
            Expr::Assign(a) => self.assign(a),
            Expr::Async(a) => {
                self.rets.push(Vec::new());
                let v = self.block(&a.block);
                self.rets.pop();
                v
            }
            Expr::Await(a) => self.expr(&a.base, sp),
            Expr::Binary(b) => self.binary(b, sp),
            Expr::Block(b) => self.block(&b.block),
            Expr::Break(b) => {
                if let Some(x) = &b.expr {
                    self.expr(x, false);
                }
                Val::default()
            }
            Expr::Call(c) => self.call(c, sp),
            Expr::Cast(c) => self.expr(&c.expr, sp),
            Expr::Closure(c) => self.closure(c, Abs::Param),
            Expr::Const(c) => {
                self.block(&c.block);
                Val::default()
            }
            Expr::Field(f) => self.field(f),
            Expr::ForLoop(f) => {
                let v = self.expr(&f.expr, false);
                self.bind_pattern(&f.pat, &v.abs.data(), None, 0);
                self.block(&f.body);
                Val::default()
            }
            Expr::Group(g) => self.expr(&g.expr, sp),
            Expr::If(i) => self.if_expr(i),
            Expr::Index(i) => {
                let base = self.expr(&i.expr, false);
                self.expr(&i.index, false);
                if let Some((k, ks)) = self.lit_key(&i.index) {
                    let recv = self.etext(&i.expr);
                    let r = self.add_read(k, ks, ReadKind::Subscript, recv, base.abs.data());
                    return Val {
                        abs: base.abs.data(),
                        read: Some(r),
                    };
                }
                Val::of(base.abs.data())
            }
            Expr::Let(l) => {
                let v = self.expr(&l.expr, false);
                if let Some(r) = v.read {
                    if pat_tests_presence(&l.pat) {
                        self.out.reads[r].read.guarded = true;
                    }
                }
                self.bind_pattern(&l.pat, &v.abs, Some(&l.expr), 0);
                Val::default()
            }
            Expr::Lit(_) => Val::of(Abs::Literal),
            Expr::Loop(l) => {
                self.block(&l.body);
                Val::default()
            }
            Expr::Macro(m) => self.mac(&m.mac, sp),
            Expr::Match(m) => self.match_expr(m),
            Expr::MethodCall(m) => self.method_call(m, sp),
            Expr::Paren(p) => self.expr(&p.expr, sp),
            Expr::Path(p) => self.path_val(p),
            Expr::Range(r) => {
                if let Some(x) = &r.start {
                    self.expr(x, false);
                }
                if let Some(x) = &r.end {
                    self.expr(x, false);
                }
                Val::default()
            }
            Expr::RawAddr(r) => {
                self.expr(&r.expr, false);
                Val::default()
            }
            Expr::Reference(r) => self.expr(&r.expr, sp),
            Expr::Repeat(r) => {
                self.expr(&r.expr, false);
                self.expr(&r.len, false);
                Val::of(Abs::Literal)
            }
            Expr::Return(r) => {
                if let Some(x) = &r.expr {
                    let v = self.expr(x, false);
                    if let Some(f) = self.rets.last_mut() {
                        f.push(v.abs);
                    }
                }
                Val::default()
            }
            Expr::Struct(s) => self.struct_lit(s),
            Expr::Try(t) => self.expr(&t.expr, sp),
            Expr::TryBlock(t) => self.block(&t.block),
            Expr::Tuple(t) => {
                for el in &t.elems {
                    self.expr(el, false);
                }
                Val::default()
            }
            Expr::Unary(u) => {
                let v = self.expr(&u.expr, false);
                if matches!(u.op, syn::UnOp::Deref(_)) {
                    v
                } else {
                    Val::default()
                }
            }
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::While(w) => {
                self.expr(&w.cond, false);
                self.block(&w.body);
                Val::default()
            }
            Expr::Yield(y) => {
                if let Some(x) = &y.expr {
                    self.expr(x, false);
                }
                Val::default()
            }
            _ => Val::default(),
        }
    }

    fn closure(&mut self, c: &syn::ExprClosure, param: Abs) -> Val {
        for p in &c.inputs {
            let mut names = Vec::new();
            pat_idents(p, &mut names, 0);
            for n in names {
                self.env().abs.insert(n, param.clone());
            }
        }
        self.rets.push(Vec::new());
        self.expr(&c.body, false);
        self.rets.pop();
        Val::default()
    }

    fn path_val(&mut self, p: &ExprPath) -> Val {
        let name = (p.qself.is_none()
            && p.path.segments.len() == 1
            && p.path.segments[0].arguments.is_none())
        .then(|| unraw(&p.path.segments[0].ident));
        if let Some(name) = name {
            if name == "self" {
                return Val::default();
            }
            if let Some(a) = self.envs.last().and_then(|e| e.abs.get(&name)) {
                return Val::of(a.clone());
            }
            if is_config_name(&name) {
                return Val::of(Abs::Config);
            }
        }
        Val::default()
    }

    fn field(&mut self, f: &ExprField) -> Val {
        let base = self.expr(&f.base, false);
        let Member::Named(id) = &f.member else {
            return Val::of(base.abs.data());
        };
        let name = unraw(id);
        let stored = if is_self(&f.base) {
            self.know.self_fields.get(&name).cloned()
        } else {
            None
        };
        let typed = self
            .decls
            .field_types
            .get(&name)
            .map(|t| kind_of_type_name(t))
            .filter(|a| a.is_known());
        let abs = stored.or(typed).unwrap_or_else(|| {
            if is_config_name(&name) {
                Abs::Config
            } else {
                base.abs.data()
            }
        });
        let sp = self.ps(id.span());
        let recv = self.etext(&f.base);
        let r = self.add_read(name, sp, ReadKind::Member, recv, base.abs.data());
        Val { abs, read: Some(r) }
    }

    fn if_expr(&mut self, i: &ExprIf) -> Val {
        let before = self.out.reads.len();
        self.expr(&i.cond, false);
        let tested: Vec<(String, String)> = self.out.reads[before..]
            .iter()
            .map(|r| (r.read.receiver.clone(), r.read.field.clone()))
            .collect();
        let n = self.guards.len();
        self.guards.extend(tested);
        let t = self.block(&i.then_branch);
        self.guards.truncate(n);
        let e = match &i.else_branch {
            Some((_, eb)) => self.expr(eb, false),
            None => Val::default(),
        };
        Val::of(if t.abs.is_known() { t.abs } else { e.abs })
    }

    fn match_expr(&mut self, m: &ExprMatch) -> Val {
        let v = self.expr(&m.expr, false);
        if let Some(r) = v.read {
            if m.arms.iter().any(|a| pat_tests_presence(&a.pat)) {
                self.out.reads[r].read.guarded = true;
            }
        }
        let mut out = Abs::Unknown;
        for arm in &m.arms {
            self.bind_pattern(&arm.pat, &v.abs, Some(&m.expr), 0);
            if let Some((_, g)) = &arm.guard {
                self.expr(g, false);
            }
            let b = self.expr(&arm.body, false);
            if !out.is_known() {
                out = b.abs;
            }
        }
        Val::of(out)
    }

    fn assign(&mut self, a: &syn::ExprAssign) -> Val {
        let rv = self.expr(&a.right, false);
        match &*a.left {
            Expr::Field(f) => {
                self.expr(&f.base, false);
                if let (true, Member::Named(id)) = (is_self(&f.base), &f.member) {
                    self.store_field(unraw(id), &rv.abs, &a.right);
                }
            }
            Expr::Index(ix) => {
                self.expr(&ix.expr, false);
                self.expr(&ix.index, false);
            }
            left => {
                if let Some(name) = single_ident(left) {
                    let en = self.entries_of(&a.right, 0);
                    let env = self.env();
                    env.abs.insert(name.clone(), rv.abs.clone());
                    env.strs.remove(&name);
                    match en {
                        Some(v) => env.entries.insert(name, v),
                        None => env.entries.remove(&name),
                    };
                } else {
                    self.expr(left, false);
                }
            }
        }
        if let Some(r) = rv.read {
            let target = self.etext(&a.left);
            let rec = &mut self.out.reads[r];
            if let Some(fb) = &rec.fallback {
                rec.read.fallback_is_target = norm_target(fb) == norm_target(&target);
            }
            rec.read.assigned_to = Some(target);
        }
        Val::default()
    }

    fn store_field(&mut self, name: String, abs: &Abs, value: &Expr) {
        if abs.is_known() {
            self.next.self_fields.insert(name.clone(), abs.clone());
        }
        if let Some(v) = self.resolve(value, 0) {
            let slot = self
                .next
                .field_strs
                .entry(name)
                .or_insert((0, StrValue::default()));
            slot.0 += 1;
            slot.1 = v;
        }
    }

    fn struct_lit(&mut self, s: &ExprStruct) -> Val {
        for fv in &s.fields {
            let v = self.expr(&fv.expr, false);
            if let Member::Named(id) = &fv.member {
                self.store_field(unraw(id), &v.abs, &fv.expr);
            }
        }
        if let Some(r) = &s.rest {
            self.expr(r, false);
        }
        Val::of(Abs::Literal)
    }

    fn binary(&mut self, b: &syn::ExprBinary, sp: bool) -> Val {
        if let BinOp::AddAssign(_) = b.op {
            self.expr(&b.right, false);
            if let Some(name) = single_ident(&b.left) {
                let add = self.resolve_or_hole(&b.right);
                if let Some(v) = self.env().strs.get_mut(&name) {
                    v.extend(add);
                }
            } else {
                self.expr(&b.left, false);
            }
            return Val::default();
        }
        let string = matches!(b.op, BinOp::Add(_)) && sp;
        self.expr(&b.left, string);
        self.expr(&b.right, string);
        Val::default()
    }

    fn stmt_mac(&mut self, m: &syn::Macro) {
        let name = macro_name(m);
        let mut sp = false;
        if is_string_macro(&name) && self.emit {
            let span = self.mac_span(m);
            if let Some(v) = self.resolve_macro(m, span, 0) {
                self.out.strings.push(v);
                sp = true;
            }
        }
        self.mac(m, sp);
    }

    fn mac(&mut self, m: &syn::Macro, sp: bool) -> Val {
        let name = macro_name(m);
        let body = self.macro_body(m);
        match &*body {
            MacBody::Args(args, labelled) => {
                for a in args.iter().flatten() {
                    self.expr(a, sp);
                }
                for a in labelled {
                    self.expr(a, false);
                }
                if name == "vec" {
                    let pairs = self.pairs_of(args.iter().flatten());
                    self.out.entries.extend(pairs);
                    return Val::of(Abs::Literal);
                }
                if matches!(name.as_str(), "env" | "option_env") {
                    return Val::of(Abs::Config);
                }
                if is_string_macro(&name) {
                    return Val::of(Abs::Literal);
                }
                Val::default()
            }
            MacBody::Repeat(a, b) => {
                self.expr(a, false);
                self.expr(b, false);
                Val::of(Abs::Literal)
            }
            MacBody::Json(j) => {
                self.json_walk(j, 0);
                Val::of(Abs::Literal)
            }
            MacBody::Stmts(stmts) => {
                let mut last = Val::default();
                for (k, st) in stmts.iter().enumerate() {
                    match st {
                        Stmt::Local(l) => self.local(l),
                        Stmt::Item(it) => self.item(it),
                        Stmt::Expr(e, semi) => {
                            let v = self.expr(e, false);
                            if k + 1 == stmts.len() && semi.is_none() {
                                last = v;
                            }
                        }
                        Stmt::Macro(m) => self.stmt_mac(&m.mac),
                    }
                }
                last
            }
            MacBody::Items(items) => {
                for it in items {
                    self.item(it);
                }
                Val::default()
            }
            MacBody::Statics(statics) => {
                for (_, e) in statics {
                    self.const_body(e);
                }
                Val::default()
            }
            MacBody::Opaque => Val::default(),
        }
    }

    fn json_walk(&mut self, j: &JsonVal, depth: usize) {
        if depth > MAX_JSON_DEPTH {
            return;
        }
        match j {
            JsonVal::Object(mems) => {
                let entries = self.json_entries(mems);
                self.out.entries.extend(entries);
                for mem in mems {
                    self.json_walk(&mem.value, depth + 1);
                }
            }
            JsonVal::Array(items) => {
                for it in items {
                    self.json_walk(it, depth + 1);
                }
            }
            JsonVal::Value(Some(e)) => {
                self.expr(e, false);
            }
            JsonVal::Value(None) => {}
        }
    }
}

/// `serde_json::from_*(..)`, `.json()` and similar: a parse of a body.
fn is_parse_call(e: &Expr) -> bool {
    let mut e = e;
    for _ in 0..16 {
        e = match e {
            Expr::Try(x) => &x.expr,
            Expr::Await(x) => &x.base,
            Expr::Paren(x) => &x.expr,
            Expr::MethodCall(m) => {
                let n = m.method.to_string();
                if matches!(n.as_str(), "json" | "into_json" | "read_json") {
                    return true;
                }
                if !matches!(
                    n.as_str(),
                    "unwrap" | "expect" | "context" | "with_context" | "map_err" | "ok"
                ) {
                    return false;
                }
                &m.receiver
            }
            Expr::Call(c) => {
                return matches!(&*c.func, Expr::Path(p) if matches!(last_seg(&p.path).as_str(),
                    "from_str" | "from_slice" | "from_value" | "from_reader"))
            }
            _ => return false,
        };
    }
    false
}

// ----- calls and requests -------------------------------------------------------

impl Lowerer<'_> {
    /// The callee of a method call's receiver, normalised to `.`-joined names.
    fn callee_text(&self, e: &Expr) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut e = e;
        for _ in 0..16 {
            e = match e {
                Expr::Path(p) => {
                    parts.push(path_segs(&p.path).join("."));
                    break;
                }
                Expr::Field(f) => {
                    parts.push(match &f.member {
                        Member::Named(id) => unraw(id),
                        Member::Unnamed(i) => i.index.to_string(),
                    });
                    &f.base
                }
                Expr::MethodCall(m) => {
                    parts.push(format!("{}()", m.method));
                    &m.receiver
                }
                Expr::Call(c) => match &*c.func {
                    Expr::Path(p) => {
                        parts.push(format!("{}()", path_segs(&p.path).join(".")));
                        break;
                    }
                    _ => {
                        parts.push("_".into());
                        break;
                    }
                },
                Expr::Try(x) => &x.expr,
                Expr::Await(x) => &x.base,
                Expr::Paren(x) => &x.expr,
                Expr::Reference(x) => &x.expr,
                Expr::Group(x) => &x.expr,
                Expr::Index(x) => {
                    parts.push(format!("[{}]", shorten(&self.etext(&x.index), 40)));
                    &x.expr
                }
                other => {
                    parts.push(shorten(&self.etext(other), 40));
                    break;
                }
            };
        }
        parts.reverse();
        parts.join(".")
    }

    fn record_call(
        &mut self,
        callee: String,
        name: String,
        name_span: Span,
        span: Span,
        args: &Punctuated<Expr, syn::Token![,]>,
    ) -> Key {
        let key = (name_span.start, name_span.end);
        if !self.out.call_keys.contains_key(&key) {
            let args = if self.emit {
                args.iter().map(|a| self.resolve(a, 0)).collect()
            } else {
                Vec::new()
            };
            self.out.call_keys.insert(key, self.out.calls.len());
            self.out.calls.push(Call {
                callee,
                name,
                name_span,
                span,
                args,
                kwargs: Vec::new(),
            });
        }
        key
    }

    fn record_method_call(&mut self, m: &ExprMethodCall, span: Span) -> Key {
        let name = m.method.to_string();
        let recv = self.callee_text(&m.receiver);
        let callee = if recv.is_empty() {
            name.clone()
        } else {
            format!("{recv}.{name}")
        };
        let ns = self.ps(m.method.span());
        self.record_call(callee, name, ns, span, &m.args)
    }

    fn add_request(&mut self, req: HttpRequest, lib: &'static str, post_ok: bool) -> Key {
        let key = (req.span.start, req.span.end);
        if self.out.req_keys.contains_key(&key) {
            return key;
        }
        self.out.req_keys.insert(key, self.out.requests.len());
        self.out.requests.push(req);
        self.out.req_extra.push(ReqExtra {
            lib,
            post_ok,
            query_ident: None,
            json_ident: None,
        });
        key
    }

    fn new_request(
        &self,
        span: Span,
        lib: &str,
        method: Option<Method>,
        method_source: MethodSource,
        url: Option<StrValue>,
    ) -> HttpRequest {
        HttpRequest {
            span,
            library: lib.to_string(),
            method,
            method_source,
            url,
            query: Vec::new(),
            headers: Vec::new(),
            body_kind: None,
            body_span: None,
            body: Vec::new(),
            basic_auth: false,
            rewrite_hints: Vec::new(),
        }
    }

    /// `Method::POST`, `"POST"`, `Method::from_bytes(b"POST")`.
    fn method_from_expr(&self, e: &Expr) -> (Option<Method>, MethodSource) {
        match peel(e) {
            Expr::Path(p) => {
                if let Some(seg) = p.path.segments.last() {
                    let name = unraw(&seg.ident);
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase()) {
                        return (
                            Some(Method::parse(&name)),
                            MethodSource::Explicit {
                                span: self.ps(seg.ident.span()),
                            },
                        );
                    }
                }
                (None, MethodSource::Unknown)
            }
            Expr::Lit(l) => match self.lit_decoded(l.lit.span()) {
                Some(d) => (
                    Some(Method::parse(&d.text())),
                    MethodSource::Explicit {
                        span: d.content_start()..d.end,
                    },
                ),
                None => (None, MethodSource::Unknown),
            },
            Expr::Call(c) => match c.args.first() {
                Some(a) => self.method_from_expr(a),
                None => (None, MethodSource::Unknown),
            },
            Expr::MethodCall(m) => self.method_from_expr(&m.receiver),
            _ => (None, MethodSource::Unknown),
        }
    }

    /// Below a terminal (`.send()`), the call that starts the request.
    fn mark_chain(&mut self, recv: &Expr, lib: Lib) {
        let mut e = recv;
        for _ in 0..256 {
            e = match e {
                Expr::MethodCall(mc) => {
                    let n = mc.method.to_string();
                    if (HTTP_VERBS.contains(&n.as_str()) && mc.args.len() == 1)
                        || (n == "request" && mc.args.len() == 2)
                    {
                        let sp = self.mspan(mc);
                        self.forced.insert((sp.start, sp.end), lib);
                        return;
                    }
                    &mc.receiver
                }
                Expr::Await(x) => &x.base,
                Expr::Try(x) => &x.expr,
                Expr::Paren(x) => &x.expr,
                _ => return,
            };
        }
    }

    fn try_start(&mut self, m: &ExprMethodCall, name: &str, lib: Lib, span: Span) -> Option<Val> {
        let (method, source, url_arg) = match (name, m.args.len()) {
            (v, 1) if HTTP_VERBS.contains(&v) => (
                Some(Method::parse(v)),
                MethodSource::Explicit {
                    span: self.ps(m.method.span()),
                },
                &m.args[0],
            ),
            ("request", 2) => {
                let (me, src) = self.method_from_expr(&m.args[0]);
                (me, src, &m.args[1])
            }
            _ => return None,
        };
        let url = Some(self.resolve_or_hole(url_arg));
        let req = self.new_request(span, lib.name(), method, source, url);
        let k = self.add_request(req, lib.name(), true);
        Some(Val::of(Abs::Builder(k)))
    }

    fn set_body(&mut self, idx: usize, kind: BodyKind, arg: &Expr) {
        let entries = self.entries_of(arg, 0).unwrap_or_default();
        let sp = self.espan(arg);
        let req = &mut self.out.requests[idx];
        req.body_kind = Some(kind);
        req.body_span = Some(sp);
        req.body = entries;
    }

    /// A body given as a value: serialized JSON, a form string, raw text.
    fn body_from(&mut self, idx: usize, arg: &Expr) {
        let sp = self.espan(arg);
        if let Expr::Call(c) = peel(arg) {
            if let Expr::Path(p) = &*c.func {
                let segs = path_segs(&p.path);
                let last = segs.last().map(String::as_str).unwrap_or("");
                if segs
                    .iter()
                    .any(|s| s == "serde_urlencoded" || s == "serde_qs")
                    && last == "to_string"
                {
                    let entries = match c.args.first() {
                        Some(a) => self.entries_of(a, 0).unwrap_or_default(),
                        None => Vec::new(),
                    };
                    let req = &mut self.out.requests[idx];
                    req.body_kind = Some(BodyKind::Form);
                    req.body_span = Some(sp);
                    req.body = entries;
                    return;
                }
                if segs.iter().any(|s| s == "serde_json")
                    && matches!(last, "to_string" | "to_vec" | "to_string_pretty")
                {
                    let entries = match c.args.first() {
                        Some(a) => self.entries_of(a, 0).unwrap_or_default(),
                        None => Vec::new(),
                    };
                    let req = &mut self.out.requests[idx];
                    req.body_kind = Some(BodyKind::Json);
                    req.body_span = Some(sp);
                    req.body = entries;
                    return;
                }
            }
        }
        let finish = matches!(peel(arg), Expr::MethodCall(mc) if mc.method == "finish");
        if finish || single_ident(peel(arg)).is_some() {
            if let Some(entries) = self.entries_of(arg, 0).filter(|e| finish || !e.is_empty()) {
                let req = &mut self.out.requests[idx];
                req.body_kind = Some(BodyKind::Form);
                req.body_span = Some(sp);
                req.body = entries;
                return;
            }
        }
        let (kind, entries) = match self.resolve(arg, 0) {
            Some(v) => {
                let t = v.text();
                if is_form_text(&t) {
                    let pairs = query_pairs(&v, 0..t.len());
                    self.out.entries.extend(pairs.clone());
                    (BodyKind::Form, pairs)
                } else if t.trim_start().starts_with(['{', '[']) {
                    (BodyKind::Json, Vec::new())
                } else {
                    (BodyKind::Raw, Vec::new())
                }
            }
            None => (BodyKind::Unknown, Vec::new()),
        };
        let req = &mut self.out.requests[idx];
        req.body_kind = Some(kind);
        req.body_span = Some(sp);
        req.body = entries;
    }

    fn builder_method(&mut self, m: &ExprMethodCall, name: &str, k: Key, span: Span) -> Val {
        let Some(&idx) = self.out.req_keys.get(&k) else {
            return Val::of(Abs::Builder(k));
        };
        {
            let req = &mut self.out.requests[idx];
            if span.start <= req.span.start && span.end >= req.span.end {
                req.span = span.clone();
            }
        }
        let lib = self.out.req_extra[idx].lib;
        let nargs = m.args.len();
        let arg0 = m.args.first();
        match (name, arg0) {
            ("form" | "send_form", Some(a)) => self.set_body(idx, BodyKind::Form, a),
            ("json" | "send_json", Some(a)) => {
                self.set_body(idx, BodyKind::Json, a);
                if name == "json" && lib == "reqwest" {
                    self.out.req_extra[idx].json_ident = Some(self.ps(m.method.span()));
                }
            }
            ("query", Some(a)) if nargs == 1 => {
                let entries = self.entries_of(a, 0).unwrap_or_default();
                self.out.requests[idx].query.extend(entries);
                if lib == "reqwest" {
                    self.out.req_extra[idx].query_ident = Some(self.ps(m.method.span()));
                }
            }
            ("query", Some(a)) if nargs == 2 => {
                if let Some(en) = self.kv_entry(a, &m.args[1]) {
                    self.out.requests[idx].query.push(en);
                }
            }
            ("header" | "set", Some(a)) if nargs == 2 => {
                if let Some(en) = self.kv_entry(a, &m.args[1]) {
                    self.out.requests[idx].headers.push(en);
                }
            }
            ("headers", Some(a)) => {
                let entries = self.entries_of(a, 0).unwrap_or_default();
                self.out.requests[idx].headers.extend(entries);
            }
            ("basic_auth", _) => self.out.requests[idx].basic_auth = true,
            ("bearer_auth", Some(a)) => {
                let mut value = StrValue::new(self.espan(a));
                value.push(Piece::synthetic("Bearer "));
                value.extend(self.resolve_or_hole(a));
                let vs = self.espan(a);
                self.out.requests[idx].headers.push(Entry {
                    key: "Authorization".into(),
                    key_span: None,
                    value: Some(value),
                    value_span: Some(vs),
                    span: span.clone(),
                });
            }
            ("body" | "send_string" | "send_bytes", Some(a)) => self.body_from(idx, a),
            ("send", Some(a)) if lib == "ureq" => self.body_from(idx, a),
            ("multipart" | "send_multipart", a) => {
                let sp = a.map(|a| self.espan(a));
                let req = &mut self.out.requests[idx];
                req.body_kind = Some(BodyKind::Multipart);
                req.body_span = sp;
            }
            _ => {}
        }
        let terminal = match lib {
            "reqwest" => name == "send" && nargs == 0,
            _ => {
                matches!(
                    name,
                    "call"
                        | "send_form"
                        | "send_json"
                        | "send_string"
                        | "send_bytes"
                        | "send_empty"
                ) || (name == "send" && nargs == 1)
            }
        };
        Val::of(if terminal {
            Abs::Resp(k)
        } else {
            Abs::Builder(k)
        })
    }

    fn unique_token_url(&self) -> Option<StrValue> {
        let mut seen: Vec<&StrValue> = Vec::new();
        for u in &self.know.token_urls {
            if !seen.iter().any(|s| s.text() == u.text()) {
                seen.push(u);
            }
        }
        (seen.len() == 1).then(|| seen[0].clone())
    }

    /// oauth2's `client.exchange_*(..)`: a token request and a call.
    fn exchange(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        info: Option<OAuthInfo>,
        span: Span,
    ) -> Val {
        let Some(grant) = grant_for(name) else {
            return Val::default();
        };
        let ck = self.record_method_call(m, span.clone());
        let url = info
            .as_ref()
            .and_then(|i| i.token_url.clone())
            .or_else(|| self.unique_token_url());
        let name_span = self.ps(m.method.span());
        let mut req = self.new_request(
            span.clone(),
            "oauth2",
            Some(Method::Post),
            MethodSource::Default {
                span: name_span.clone(),
            },
            url,
        );
        req.body_kind = Some(BodyKind::Form);
        // the grant is implied by the method: its name stands for the value
        req.body.push(Entry {
            key: "grant_type".into(),
            key_span: None,
            value: Some(StrValue {
                pieces: vec![Piece::synthetic(grant)],
                span: name_span.clone(),
            }),
            value_span: Some(name_span),
            span,
        });
        req.basic_auth = info.map(|i| i.secret && !i.request_body).unwrap_or(false);
        let rk = self.add_request(req, "oauth2", false);
        Val::of(Abs::Exchange(rk, ck))
    }

    fn exchange_method(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        rk: Key,
        ck: Key,
        span: Span,
    ) -> Val {
        if let Some(&idx) = self.out.req_keys.get(&rk) {
            let req = &mut self.out.requests[idx];
            if span.start <= req.span.start && span.end >= req.span.end {
                req.span = span;
            }
            if name == "add_extra_param" && m.args.len() == 2 {
                if let Some(en) = self.kv_entry(&m.args[0], &m.args[1]) {
                    self.out.requests[idx].body.push(en);
                }
            }
        }
        match name {
            "request" | "request_async" => Val::of(Abs::Token(ck)),
            _ => Val::of(Abs::Exchange(rk, ck)),
        }
    }

    fn oauth_method(
        &mut self,
        m: &ExprMethodCall,
        name: &str,
        mut info: OAuthInfo,
        span: Span,
    ) -> Val {
        if grant_for(name).is_some() {
            return self.exchange(m, name, Some(info), span);
        }
        self.record_method_call(m, span);
        match (name, m.args.first()) {
            ("set_token_uri" | "set_token_url", Some(a)) => {
                let v = self.resolve_or_hole(a);
                self.next.token_urls.push(v.clone());
                info.token_url = Some(v);
            }
            ("set_client_secret", _) => info.secret = true,
            ("set_auth_type", Some(a)) => {
                if self.etext(a).contains("RequestBody") {
                    info.request_body = true;
                }
            }
            (n, _) if n.starts_with("set_") || KEEP_KIND.contains(&n) => {}
            _ => return Val::default(),
        }
        Val::of(Abs::OAuth(Box::new(info)))
    }

    /// oauth2's `BasicClient::new(id, Some(secret), auth_url, Some(token_url))`.
    fn oauth_client(&mut self, c: &ExprCall) -> Val {
        let mut info = OAuthInfo::default();
        if c.args.len() >= 4 {
            info.secret = matches!(peel(&c.args[1]), Expr::Call(x)
                if matches!(&*x.func, Expr::Path(p) if last_seg(&p.path) == "Some"));
            let tu = &c.args[3];
            let none = matches!(peel(tu), Expr::Path(p) if last_seg(&p.path) == "None");
            if !none {
                let v = self.resolve_or_hole(tu);
                self.next.token_urls.push(v.clone());
                info.token_url = Some(v);
            }
        }
        Val::of(Abs::OAuth(Box::new(info)))
    }

    fn summary(&self, name: &str) -> Abs {
        self.know.summaries.get(name).cloned().unwrap_or_default()
    }

    fn call(&mut self, c: &ExprCall, sp: bool) -> Val {
        let Expr::Path(fp) = &*c.func else {
            self.expr(&c.func, false);
            for a in &c.args {
                self.expr(a, false);
            }
            return Val::default();
        };
        let segs = path_segs(&fp.path);
        let mut avs = Vec::with_capacity(c.args.len());
        for a in &c.args {
            avs.push(self.expr(a, sp));
        }
        let span = self.cspan(c);
        let n = segs.len();
        if n == 0 {
            return Val::default();
        }
        let last = segs[n - 1].as_str();
        let ty = if n >= 2 { segs[n - 2].as_str() } else { "" };
        let head = segs[0].as_str();
        let nargs = c.args.len();
        let name_span = fp
            .path
            .segments
            .last()
            .map(|s| self.ps(s.ident.span()))
            .unwrap_or_else(|| span.clone());

        // HTTP libraries called as functions
        if head == "reqwest"
            && last == "get"
            && nargs == 1
            && (n == 2 || (n == 3 && ty == "blocking"))
        {
            let url = Some(self.resolve_or_hole(&c.args[0]));
            let mut req = self.new_request(
                span.clone(),
                "reqwest",
                Some(Method::Get),
                MethodSource::Explicit {
                    span: name_span.clone(),
                },
                url,
            );
            // `reqwest::get(u)` → `reqwest::Client::new().post(u).send()`
            // (`blocking` alike): the same result, a response or its future
            let first = fp.path.segments.first().map(|s| self.ps(s.ident.span()));
            if let Some(first) = first.filter(|f| f.start < name_span.start) {
                let client = if ty == "blocking" {
                    "reqwest::blocking::Client::new().post"
                } else {
                    "reqwest::Client::new().post"
                };
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits: vec![
                        (first.start..name_span.end, client.to_string()),
                        (span.end..span.end, ".send()".to_string()),
                    ],
                });
            }
            let k = self.add_request(req, "reqwest", false);
            return Val::of(Abs::Resp(k));
        }
        if head == "ureq"
            && n == 2
            && ((HTTP_VERBS.contains(&last) && nargs == 1) || (last == "request" && nargs == 2))
        {
            let (method, source, url_arg) = if last == "request" {
                let (me, src) = self.method_from_expr(&c.args[0]);
                (me, src, &c.args[1])
            } else {
                (
                    Some(Method::parse(last)),
                    MethodSource::Explicit { span: name_span },
                    &c.args[0],
                )
            };
            let url = Some(self.resolve_or_hole(url_arg));
            let req = self.new_request(span, "ureq", method, source, url);
            let k = self.add_request(req, "ureq", true);
            return Val::of(Abs::Builder(k));
        }

        let ck = if n == 1 && matches!(last, "Some" | "Ok" | "Err") {
            (name_span.start, name_span.end)
        } else {
            self.record_call(segs.join("."), last.to_string(), name_span, span, &c.args)
        };

        // clients
        if (head == "ureq" && last == "agent")
            || (ty == "Agent"
                && matches!(
                    last,
                    "new" | "new_with_defaults" | "new_with_config" | "default"
                ))
        {
            return Val::of(Abs::Client(Lib::Ureq));
        }
        if (ty == "AgentBuilder" && last == "new") || (ty == "Agent" && last == "config_builder") {
            return Val::of(Abs::ClientBuilder(Lib::Ureq));
        }
        let oauth_path = segs.iter().any(|s| s == "oauth2");
        if last == "new"
            && (ty == "BasicClient"
                || (ty == "Client"
                    && nargs >= 1
                    && (oauth_path || self.etext(&c.args[0]).contains("ClientId"))))
        {
            return self.oauth_client(c);
        }
        if ty == "Client" && matches!(last, "new" | "default") && nargs == 0 && !oauth_path {
            return Val::of(Abs::Client(Lib::Reqwest));
        }
        if (ty == "Client" && last == "builder") || (ty == "ClientBuilder" && last == "new") {
            return Val::of(Abs::ClientBuilder(Lib::Reqwest));
        }
        // parsing a body
        if matches!(
            last,
            "from_str" | "from_slice" | "from_value" | "from_reader"
        ) && (segs.iter().any(|s| s == "serde_json") || n == 1)
        {
            let abs = avs.first().map(|v| v.abs.data()).unwrap_or_default();
            if let Some(t) = fp
                .path
                .segments
                .last()
                .and_then(|s| first_type_arg(&s.arguments))
                .and_then(model_type_name)
            {
                self.out.type_uses.push((t, abs.clone()));
            }
            return Val::of(abs);
        }
        if matches!(last, "var" | "var_os" | "vars")
            && (ty == "env" || head == "dotenv" || head == "dotenvy")
        {
            return Val::of(Abs::Config);
        }
        // wrappers keep what they wrap
        if (n == 1 && matches!(last, "Some" | "Ok"))
            || (matches!(
                ty,
                "Box" | "Arc" | "Rc" | "Mutex" | "RwLock" | "RefCell" | "Cell" | "Cow"
            ) && matches!(last, "new" | "from"))
        {
            return avs.into_iter().next().unwrap_or_default();
        }
        // functions of this file
        let local = n == 1
            || matches!(head, "Self" | "self" | "crate" | "super")
            || Some(ty.to_string()) == self.cur_self_ty();
        if local && self.decls.fn_names.contains(last) {
            return Val::of(self.summary(last));
        }
        if TOKEN_APIS.contains(&last) && !self.decls.fn_names.contains(last) {
            return Val::of(Abs::Token(ck));
        }
        Val::default()
    }

    fn read_flags(&mut self, r: usize, name: &str, m: &ExprMethodCall) {
        if GUARD_METHODS.contains(&name) {
            let fallback = m.args.first().map(|a| match a {
                Expr::Closure(c) => self.etext(&c.body),
                other => self.etext(other),
            });
            let rec = &mut self.out.reads[r];
            rec.read.guarded = true;
            if fallback.is_some() {
                rec.fallback = fallback;
            }
        } else if matches!(name, "unwrap" | "expect" | "unwrap_unchecked") {
            self.out.reads[r].read.asserted = true;
        }
    }

    fn method_call(&mut self, m: &ExprMethodCall, sp: bool) -> Val {
        let name = m.method.to_string();
        let nargs = m.args.len();
        if let Some(lib) = terminal_lib(&name, nargs) {
            self.mark_chain(&m.receiver, lib);
        }
        let rv = self.expr(&m.receiver, sp);
        let mut avs = Vec::with_capacity(nargs);
        for a in &m.args {
            let v = match a {
                Expr::Closure(c) if PASSES_RECEIVER.contains(&name.as_str()) => {
                    let p = if rv.abs.is_data() {
                        rv.abs.clone()
                    } else {
                        Abs::Param
                    };
                    self.closure(c, p)
                }
                _ => self.expr(a, sp),
            };
            avs.push(v);
        }
        let span = self.mspan(m);
        if let Some(r) = rv.read {
            self.read_flags(r, &name, m);
        }
        let through = |abs: Abs| Val {
            abs,
            read: if READ_THROUGH.contains(&name.as_str()) {
                rv.read
            } else {
                None
            },
        };

        match rv.abs.clone() {
            Abs::Builder(k) => return self.builder_method(m, &name, k, span),
            Abs::Exchange(rk, ck) => return self.exchange_method(m, &name, rk, ck, span),
            Abs::OAuth(info) => return self.oauth_method(m, &name, *info, span),
            Abs::Client(lib) => {
                if let Some(v) = self.try_start(m, &name, lib, span.clone()) {
                    return v;
                }
                if name == "execute" {
                    if let Some(Abs::Builder(k)) = avs.first().map(|v| v.abs.clone()) {
                        return Val::of(Abs::Resp(k));
                    }
                }
                if KEEP_KIND.contains(&name.as_str()) {
                    return Val::of(Abs::Client(lib));
                }
            }
            Abs::ClientBuilder(lib) => {
                self.record_method_call(m, span);
                return Val::of(if name == "build" {
                    Abs::Client(lib)
                } else {
                    Abs::ClientBuilder(lib)
                });
            }
            Abs::Resp(_) if Libraries::get().is_meta_method(Language::Rust, &name) => {
                self.record_method_call(m, span);
                return Val::default();
            }
            Abs::Resp(_) => {
                if matches!(name.as_str(), "json" | "into_json" | "read_json") {
                    if let Some(t) = m
                        .turbofish
                        .as_ref()
                        .and_then(|tf| {
                            tf.args.iter().find_map(|g| match g {
                                syn::GenericArgument::Type(t) => Some(t),
                                _ => None,
                            })
                        })
                        .and_then(model_type_name)
                    {
                        self.out.type_uses.push((t, rv.abs.clone()));
                    }
                }
            }
            Abs::Token(_) if nargs == 0 && !NON_FIELD_METHODS.contains(&name.as_str()) => {
                let recv = self.etext(&m.receiver);
                let sp = self.ps(m.method.span());
                let r = self.add_read(name, sp, ReadKind::Member, recv, rv.abs.clone());
                return Val {
                    abs: rv.abs,
                    read: Some(r),
                };
            }
            _ => {}
        }

        let key = (span.start, span.end);
        if let Some(&lib) = self.forced.get(&key) {
            if let Some(v) = self.try_start(m, &name, lib, span.clone()) {
                return v;
            }
        }
        if grant_for(&name).is_some() {
            return self.exchange(m, &name, None, span);
        }
        if matches!(name.as_str(), "set_token_uri" | "set_token_url") {
            return self.oauth_method(m, &name, OAuthInfo::default(), span);
        }
        if name == "get" && nargs == 1 {
            if let Some((k, ks)) = self.lit_key(&m.args[0]) {
                let recv = self.etext(&m.receiver);
                let r = self.add_read(k, ks, ReadKind::Get, recv, rv.abs.data());
                self.record_method_call(m, span);
                return Val {
                    abs: rv.abs.data(),
                    read: Some(r),
                };
            }
        }
        if name == "append_pair" && nargs == 2 && self.emit {
            if let Some(en) = self.kv_entry(&m.args[0], &m.args[1]) {
                self.out.entries.push(en);
            }
        }
        if let Some(var) = single_ident(peel(&m.receiver)) {
            match (name.as_str(), nargs) {
                ("insert" | "push", _) if self.env().entries.contains_key(&var) => {
                    let en = match nargs {
                        2 => self.kv_entry(&m.args[0], &m.args[1]),
                        1 if name == "push" => self.pair_entry(&m.args[0]),
                        _ => None,
                    };
                    if let Some(en) = en {
                        self.out.entries.push(en.clone());
                        if let Some(v) = self.env().entries.get_mut(&var) {
                            v.push(en);
                        }
                    }
                }
                ("push_str", 1) if self.env().strs.contains_key(&var) => {
                    let add = self.resolve_or_hole(&m.args[0]);
                    if let Some(v) = self.env().strs.get_mut(&var) {
                        v.extend(add);
                    }
                }
                _ => {}
            }
        }
        let ck = self.record_method_call(m, span);
        if self.decls.fn_names.contains(&name)
            && (is_self(peel(&m.receiver)) || !HTTP_VERBS.contains(&name.as_str()))
        {
            let s = self.summary(&name);
            if s.is_known() || is_self(peel(&m.receiver)) {
                return Val::of(s);
            }
        }
        if TOKEN_APIS.contains(&name.as_str())
            && !self.decls.fn_names.contains(&name)
            && !matches!(rv.abs, Abs::Token(_))
        {
            return Val::of(Abs::Token(ck));
        }
        if !rv.abs.is_data() && KEEP_KIND.contains(&name.as_str()) && rv.abs.is_known() {
            return through(rv.abs.clone());
        }
        through(rv.abs.data())
    }
}

// ----- the model ------------------------------------------------------------------

/// Every string literal token in the file, comments and doc attributes excluded.
struct LitScan<'a> {
    src: &'a str,
    base: usize,
    found: Vec<Span>,
    depth: usize,
}

impl LitScan<'_> {
    fn add(&mut self, s: PSpan) {
        let r = s.byte_range();
        let n = self.src.len();
        self.found
            .push((r.start + self.base).min(n)..(r.end + self.base).min(n));
    }
    fn scan_tokens(&mut self, ts: &TokenStream) {
        let mut stack = vec![ts.clone().into_iter()];
        while let Some(top) = stack.last_mut() {
            let Some(t) = top.next() else {
                stack.pop();
                continue;
            };
            match t {
                TokenTree::Literal(l) if is_string_token(&l.to_string()) => self.add(l.span()),
                TokenTree::Group(g) => {
                    let mut it = g.stream().into_iter();
                    let doc = g.delimiter() == Delimiter::Bracket
                        && matches!(it.next(), Some(TokenTree::Ident(i)) if i == "doc")
                        && matches!(it.next(), Some(TokenTree::Punct(p)) if p.as_char() == '=');
                    if !doc {
                        stack.push(g.stream().into_iter());
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for LitScan<'_> {
    fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
        self.add(l.span());
    }
    fn visit_lit_byte_str(&mut self, l: &'ast syn::LitByteStr) {
        self.add(l.span());
    }
    fn visit_lit_cstr(&mut self, l: &'ast syn::LitCStr) {
        self.add(l.span());
    }
    fn visit_attribute(&mut self, a: &'ast Attribute) {
        if a.path().is_ident("doc") {
            return;
        }
        match &a.meta {
            syn::Meta::List(l) => self.scan_tokens(&l.tokens),
            syn::Meta::NameValue(nv) => self.visit_expr(&nv.value),
            syn::Meta::Path(_) => {}
        }
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.scan_tokens(&m.tokens);
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_expr(self, e);
        self.depth -= 1;
    }
    fn visit_item(&mut self, i: &'ast Item) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_item(self, i);
        self.depth -= 1;
    }
    fn visit_pat(&mut self, p: &'ast Pat) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_pat(self, p);
        self.depth -= 1;
    }
    fn visit_type(&mut self, t: &'ast Type) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        syn::visit::visit_type(self, t);
        self.depth -= 1;
    }
}

impl Lowerer<'_> {
    fn origin(&self, abs: &Abs) -> Origin {
        match abs {
            Abs::Resp(k) => self
                .out
                .req_keys
                .get(k)
                .map(|&i| Origin::Response(i))
                .unwrap_or_default(),
            Abs::Token(k) => self
                .out
                .call_keys
                .get(k)
                .map(|&i| Origin::TokenCall(i))
                .unwrap_or_default(),
            Abs::Param => Origin::Param,
            Abs::Input => Origin::Input,
            Abs::Config => Origin::Config,
            Abs::Literal => Origin::Literal,
            _ => Origin::Unknown,
        }
    }

    fn finish(&mut self, file: &syn::File) -> FileModel {
        // reads
        let origins: Vec<Origin> = self.out.reads.iter().map(|r| self.origin(&r.abs)).collect();
        let mut field_reads: Vec<FieldRead> = std::mem::take(&mut self.out.reads)
            .into_iter()
            .zip(origins)
            .map(|(r, o)| FieldRead {
                origin: o,
                ..r.read
            })
            .collect();

        // type uses, and the declared fields of types used for responses
        let mut type_uses: Vec<TypeUse> = Vec::new();
        for (t, abs) in std::mem::take(&mut self.out.type_uses) {
            let tu = TypeUse {
                type_name: t,
                origin: self.origin(&abs),
            };
            if !type_uses.contains(&tu) {
                type_uses.push(tu);
            }
        }
        for tu in &type_uses {
            if !matches!(tu.origin, Origin::Response(_) | Origin::TokenCall(_)) {
                continue;
            }
            let Some(def) = self.decls.structs.get(&tu.type_name) else {
                continue;
            };
            if !def.deserialize {
                continue;
            }
            for f in def.fields.iter().filter(|f| !f.skip_de) {
                field_reads.push(FieldRead::declaration(
                    f.wire_de.clone(),
                    f.span.clone(),
                    def.name.clone(),
                    tu.origin.clone(),
                    f.optional,
                ));
            }
        }

        // typed fields
        let mut typed_fields = Vec::new();
        for name in &self.decls.struct_order {
            let Some(def) = self.decls.structs.get(name) else {
                continue;
            };
            if !def.deserialize {
                continue;
            }
            let members: Vec<ModelMember> = def
                .fields
                .iter()
                .filter(|f| !f.skip_de)
                .map(|f| ModelMember::same_name(f.wire_de.clone(), f.span.clone(), f.optional))
                .collect();
            typed_fields.extend(model_fields(&def.name, &[], &members).0);
        }

        // requests
        let mut extra_entries = Vec::new();
        let extras = std::mem::take(&mut self.out.req_extra);
        for (req, extra) in self.out.requests.iter_mut().zip(extras.iter()) {
            if matches!(
                req.body_kind,
                None | Some(BodyKind::Raw) | Some(BodyKind::Unknown)
            ) {
                for h in &req.headers {
                    if !h.key.eq_ignore_ascii_case("content-type") {
                        continue;
                    }
                    let v = h.value.as_ref().map(|v| v.text()).unwrap_or_default();
                    if v.contains("x-www-form-urlencoded") {
                        req.body_kind = Some(BodyKind::Form);
                    } else if v.contains("json") && req.body_kind.is_some() {
                        req.body_kind = Some(BodyKind::Json);
                    }
                }
            }
            if let Some(url) = &req.url {
                let t = url.text();
                if let Some(q) = t.find('?') {
                    let end = t[q + 1..].find('#').map(|k| q + 1 + k).unwrap_or(t.len());
                    let pairs = query_pairs(url, q + 1..end);
                    extra_entries.extend(pairs.clone());
                    req.query.extend(pairs);
                }
            }
            if req.method == Some(Method::Get) && extra.post_ok {
                if let MethodSource::Explicit { span } = &req.method_source {
                    let rep = match self.src.get(span.clone()) {
                        Some("get") => Some("post"),
                        Some("GET") => Some("POST"),
                        _ => None,
                    };
                    if let Some(rep) = rep {
                        let mut edits = vec![(span.clone(), rep.to_string())];
                        if let Some(q) = &extra.query_ident {
                            edits.push((q.clone(), "form".to_string()));
                        }
                        req.rewrite_hints.push(RewriteHint {
                            kind: RewriteKind::ToPost,
                            edits,
                        });
                    }
                }
            }
            if let Some(j) = &extra.json_ident {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToForm,
                    edits: vec![(j.clone(), "form".to_string())],
                });
            }
        }
        self.out.entries.extend(extra_entries);

        // every string literal appears in some value
        let mut covered: Vec<(usize, usize)> = self
            .out
            .strings
            .iter()
            .flat_map(|s| s.pieces.iter())
            .filter_map(|p| match p {
                Piece::Lit { src: Some(s), .. } => Some((s.start, s.end)),
                _ => None,
            })
            .collect();
        covered.sort_unstable();
        let mut scan = LitScan {
            src: self.src,
            base: self.base,
            found: Vec::new(),
            depth: 0,
        };
        scan.visit_file(file);
        let mut strings = std::mem::take(&mut self.out.strings);
        for r in scan.found {
            let Some(d) = decode_literal(self.src, r.clone()) else {
                continue;
            };
            let (a, b) = (d.content_start(), d.end);
            let from = covered.partition_point(|x| x.0 < a);
            let hit = covered[from..]
                .iter()
                .take_while(|x| x.0 <= b)
                .any(|x| x.1 <= b);
            if !hit {
                strings.push(StrValue {
                    pieces: vec![d.piece()],
                    span: r,
                });
            }
        }

        FileModel {
            strings,
            entries: std::mem::take(&mut self.out.entries),
            http_requests: std::mem::take(&mut self.out.requests),
            calls: std::mem::take(&mut self.out.calls),
            field_reads,
            typed_fields,
            type_uses,
            comments: Vec::new(),
            parse_errors: self.truncated,
            text_only: false,
            bound_targets: Vec::new(),
            docs: Vec::new(),
            wire_names: Vec::new(),
            functions: self.function_spans(&file.items),
            ..FileModel::default()
        }
    }

    /// The spans of the functions and methods among `items`, nested modules
    /// included.
    fn function_spans(&self, items: &[syn::Item]) -> Vec<Span> {
        let mut out = Vec::new();
        for item in items {
            match item {
                syn::Item::Fn(f) => out.push(self.ps(f.span())),
                syn::Item::Impl(i) => out.extend(i.items.iter().filter_map(|x| match x {
                    syn::ImplItem::Fn(f) => Some(self.ps(f.span())),
                    _ => None,
                })),
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        out.extend(self.function_spans(inner));
                    }
                }
                _ => {}
            }
        }
        out
    }
}
