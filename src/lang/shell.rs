//! Shell front end: parses a script with tree-sitter (the bash grammar) and
//! lowers it into the neutral [`FileModel`]. Knows the shell, its HTTP tools
//! (curl, wget, HTTPie) and jq, nothing about any particular service.
//!
//! The tree is copied once into a flat arena (parent links, children
//! ranges), then a few linear passes fill the model. Nothing recurses on the
//! tree shape; value and origin resolution recurse with an explicit depth cap.

use super::ts;
use crate::model::{
    Absence, BodyKind, Call, Entry, FieldRead, FileModel, HttpRequest, Method, MethodSource,
    OffsetMap, Origin, Piece, ReadKind, RewriteHint, RewriteKind, Span, StrValue, HOLE,
};
use crate::sema::libraries::Libraries;
use crate::sema::limits::{HOLE_NAME_LEN, MAX_DEPTH, MAX_PIECES, RESOLVE_BUDGET};
use crate::sema::pieces::piece_len;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

const NONE: u32 = u32::MAX;
const MAX_WRAPPERS: usize = 8;
const CLIMB_LIMIT: usize = 64;

/// Node kinds that denote (part of) a word's value.
const VALUE_KINDS: &[&str] = &[
    "word",
    "string",
    "raw_string",
    "concatenation",
    "simple_expansion",
    "expansion",
    "ansi_c_string",
    "translated_string",
    "number",
    "brace_expression",
    "command_substitution",
    "process_substitution",
    "arithmetic_expansion",
];

static GRAMMAR: ts::Grammar = ts::Grammar {
    name: "shell",
    language: || tree_sitter_bash::LANGUAGE.into(),
    scope_kinds: &[],
    class_kinds: &[],
    extra_kinds: &["comment"],
};

fn parse(src: &str) -> Option<tree_sitter::Tree> {
    ts::parse(&GRAMMAR, src)
}

/// Lower one shell script into the model.
pub fn lower(source: &str) -> FileModel {
    let Some(tree) = parse(source) else {
        return FileModel {
            parse_errors: true,
            ..Default::default()
        };
    };
    let (ast, errors) = Ast::build(&tree, source, &GRAMMAR);
    drop(tree);
    let mut lx = Lx::new(ast);
    lx.collect();
    let mut m = FileModel::default();
    lx.comments(&mut m);
    lx.commands(&mut m);
    lx.field_reads(&mut m);
    lx.strings(&mut m);
    if errors {
        // a partial model is worth more than the text scanner only when it
        // holds what the text scanner cannot see
        if m.http_requests.is_empty() && m.field_reads.is_empty() {
            m.parse_errors = true;
        } else {
            lx.a.cover_error_lines(&mut m);
        }
    }
    m
}

// ---------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------

type Ast<'s> = ts::Arena<'s>;

/// Syntax helpers of this grammar on the shared arena.
trait ShellSyntax<'s> {
    fn first_anon(&self, i: u32) -> &'s str;
}

impl<'s> ShellSyntax<'s> for Ast<'s> {
    /// The first anonymous child's text (an operator, a keyword).
    fn first_anon(&self, i: u32) -> &'s str {
        self.kids(i)
            .iter()
            .copied()
            .find(|&k| !self.is_named(k))
            .map(|k| self.text(k))
            .unwrap_or("")
    }
}

// ---------------------------------------------------------------------------
// Helpers on values
// ---------------------------------------------------------------------------

/// The part `a..b` (offsets into the piece's text) of a piece.
fn sub_piece(p: &Piece, a: usize, b: usize) -> Option<Piece> {
    if a >= b {
        return None;
    }
    match p {
        Piece::Hole { .. } => Some(p.clone()),
        Piece::Lit { text, src, map } => {
            let t = text.get(a..b)?.to_string();
            match (src, map) {
                (Some(s), OffsetMap::Identity) => Some(Piece::Lit {
                    text: t,
                    src: Some(s.start + a..s.start + b),
                    map: OffsetMap::Identity,
                }),
                (Some(_), OffsetMap::Table(table)) => {
                    let sub: Vec<u32> = table.get(a..=b)?.to_vec();
                    let start = *sub.first()? as usize;
                    let end = *sub.last()? as usize;
                    let identity = sub
                        .iter()
                        .enumerate()
                        .all(|(k, &o)| o as usize == start + k);
                    Some(Piece::Lit {
                        text: t,
                        src: Some(start..end),
                        map: if identity {
                            OffsetMap::Identity
                        } else {
                            OffsetMap::Table(sub)
                        },
                    })
                }
                (None, _) => Some(Piece::synthetic(t)),
            }
        }
    }
}

/// The pieces covering text range `a..b` of a value.
fn slice_pieces(pieces: &[Piece], a: usize, b: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for p in pieces {
        let len = piece_len(p);
        let (ps, pe) = (at, at + len);
        at = pe;
        if pe <= a || ps >= b {
            continue;
        }
        let s = a.max(ps) - ps;
        let e = b.min(pe) - ps;
        if let Some(x) = sub_piece(p, s, e) {
            out.push(x);
        }
    }
    out
}

/// The text range `range` of a value as a value of its own.
fn slice(sv: &StrValue, range: Range<usize>) -> StrValue {
    let span = sv
        .source_near(range.clone(), range.start)
        .unwrap_or_else(|| sv.span.clone());
    StrValue {
        pieces: slice_pieces(&sv.pieces, range.start, range.end),
        span,
    }
}

fn short(text: &str) -> String {
    let head: String = text.chars().take(200).collect();
    let one = head.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > HOLE_NAME_LEN {
        let s: String = one.chars().take(HOLE_NAME_LEN - 1).collect();
        format!("{s}…")
    } else {
        one
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `NAME=value` as a word (an environment assignment given to `env`, `sudo`).
fn is_assignment_word(s: &str) -> bool {
    s.find('=').is_some_and(|eq| is_name(&s[..eq]))
}

fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// `key=value` pairs of `text[range]`, separated by `&`.
fn pair_entries(sv: &StrValue, text: &str, range: Range<usize>) -> Vec<Entry> {
    let mut out = Vec::new();
    let Some(s) = text.get(range.clone()) else {
        return out;
    };
    let mut at = range.start;
    for part in s.split('&') {
        let ps = at;
        let pe = at + part.len();
        at = pe + 1;
        let trimmed = part.trim_start();
        let ps = ps + (part.len() - trimmed.len());
        let part = trimmed.trim_end();
        let pe = ps + part.len();
        if part.is_empty() {
            continue;
        }
        let (key, value) = match part.find('=') {
            Some(eq) => (&part[..eq], Some(ps + eq + 1..pe)),
            None => (part, None),
        };
        if key.is_empty() || key.contains(HOLE) || key.contains(char::is_whitespace) {
            continue;
        }
        let key_range = ps..ps + key.len();
        out.push(Entry {
            key: key.to_string(),
            key_span: sv.source_of(key_range.clone()),
            value: value.clone().map(|r| slice(sv, r)),
            value_span: value
                .filter(|r| r.start < r.end)
                .and_then(|r| sv.source_near(r.clone(), r.start)),
            span: sv
                .source_near(ps..pe, ps)
                .unwrap_or_else(|| sv.span.clone()),
        });
    }
    out
}

/// Entries of the query string of a URL.
fn query_entries(url: &StrValue) -> Vec<Entry> {
    let text = url.text();
    let Some(q) = text.find('?') else {
        return Vec::new();
    };
    let end = text[q..].find('#').map(|x| q + x).unwrap_or(text.len());
    pair_entries(url, &text, q + 1..end)
}

/// Top-level members of a JSON object written in a value.
fn json_entries(sv: &StrValue) -> Vec<Entry> {
    let text = sv.text();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let skip_ws = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    // end of a JSON string starting at the quote `i` (index of the closing quote)
    let string_end = |i: usize| {
        let mut j = i + 1;
        while j < b.len() {
            match b[j] {
                b'\\' => j += 2,
                b'"' => return Some(j),
                _ => j += 1,
            }
        }
        None
    };
    let mut i = skip_ws(0);
    if b.get(i) != Some(&b'{') {
        return out;
    }
    i += 1;
    loop {
        i = skip_ws(i);
        while b.get(i) == Some(&b',') {
            i = skip_ws(i + 1);
        }
        if i >= b.len() || b[i] != b'"' {
            break;
        }
        let Some(ke) = string_end(i) else { break };
        let key_range = i + 1..ke;
        let key = text.get(key_range.clone()).unwrap_or("").to_string();
        let entry_start = i;
        i = skip_ws(ke + 1);
        if b.get(i) != Some(&b':') {
            break;
        }
        i = skip_ws(i + 1);
        let (value, value_full, next) = match b.get(i) {
            Some(b'"') => {
                let Some(ve) = string_end(i) else { break };
                (Some(slice(sv, i + 1..ve)), i..ve + 1, ve + 1)
            }
            Some(b'{') | Some(b'[') => {
                let mut depth = 0i32;
                let mut j = i;
                while j < b.len() {
                    match b[j] {
                        b'"' => {
                            j = string_end(j).unwrap_or(b.len());
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let end = (j + 1).min(b.len());
                (None, i..end, end)
            }
            Some(_) => {
                let mut j = i;
                while j < b.len() && !matches!(b[j], b',' | b'}') && !b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j == i {
                    break;
                }
                (Some(slice(sv, i..j)), i..j, j)
            }
            None => break,
        };
        if !key.is_empty() && !key.contains(HOLE) {
            out.push(Entry {
                key,
                key_span: sv.source_of(key_range.clone()),
                value,
                value_span: sv.source_near(value_full.clone(), value_full.start),
                span: sv
                    .source_near(entry_start..value_full.end, key_range.start)
                    .unwrap_or_else(|| sv.span.clone()),
            });
        }
        i = next;
    }
    out
}

/// `Name: value` (or `Name;`) of a header option.
fn header_entry(sv: &StrValue) -> Option<Entry> {
    let text = sv.text();
    if text.starts_with('@') {
        return None;
    }
    let (kend, vstart) = match text.find(':') {
        Some(c) => (c, c + 1),
        None => {
            let t = text.trim_end();
            if !t.ends_with(';') {
                return None;
            }
            (t.len() - 1, t.len())
        }
    };
    let raw_key = &text[..kend];
    let key = raw_key.trim();
    if key.is_empty() || key.contains(HOLE) || key.contains(char::is_whitespace) {
        return None;
    }
    let ks = raw_key.len() - raw_key.trim_start().len();
    let ke = ks + key.len();
    let bytes = text.as_bytes();
    let mut vs = vstart;
    while vs < bytes.len() && (bytes[vs] == b' ' || bytes[vs] == b'\t') {
        vs += 1;
    }
    let ve = text.trim_end().len().max(vs);
    Some(Entry {
        key: key.to_string(),
        key_span: sv.source_of(ks..ke),
        value: Some(slice(sv, vs..ve)),
        value_span: if vs < ve {
            sv.source_near(vs..ve, vs)
        } else {
            None
        },
        span: sv
            .source_near(ks..ve.max(ke), ks)
            .unwrap_or_else(|| sv.span.clone()),
    })
}

fn plain_text(e: &Entry) -> Option<String> {
    e.value.as_ref().filter(|v| v.is_plain()).map(|v| v.text())
}

fn content_type(headers: &[Entry]) -> Option<String> {
    headers
        .iter()
        .rev()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .and_then(|h| h.value.as_ref().map(|v| v.text().to_ascii_lowercase()))
}

fn header_is_basic(headers: &[Entry]) -> bool {
    headers.iter().any(|h| {
        h.key.eq_ignore_ascii_case("authorization")
            && h.value.as_ref().is_some_and(|v| {
                let t = v.text();
                t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("basic"))
            })
    })
}

/// A value's text starts like a JSON object or array.
/// The pairs of a JSON body that is one flat object of strings, numbers
/// and booleans, each value written for a double-quoted shell word
/// (variables as `${NAME}`); `None` for anything else.
fn flat_json_pairs(src: &str, sv: &StrValue) -> Option<Vec<(String, String)>> {
    enum T {
        C(char),
        Var(String),
    }
    // the variable a stretch of the word expands: `$NAME` or `${NAME}`,
    // alone between quotes
    let variable = |text: &str| -> Option<String> {
        let t = text.trim_matches(|c| c == '"' || c == '\'');
        let name = t
            .strip_prefix("${")
            .and_then(|n| n.strip_suffix('}'))
            .or_else(|| t.strip_prefix('$'))?;
        let plain = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        plain.then(|| name.to_string())
    };
    let word = &sv.span;
    let within = |at: &Span| at.start >= word.start && at.end <= word.end;
    let mut toks = Vec::new();
    // a variable's value was resolved into the body: the body keeps the
    // variable, written where the word expands it
    let mut resolved_from: Option<usize> = None;
    let mut last_end = word.start;
    for p in &sv.pieces {
        let at = match p {
            Piece::Lit { src: Some(at), .. } | Piece::Hole { src: at, .. } => at.clone(),
            Piece::Lit { src: None, .. } => return None,
        };
        if !within(&at) {
            resolved_from.get_or_insert(last_end);
            continue;
        }
        if let Some(from) = resolved_from.take() {
            toks.push(T::Var(variable(src.get(from..at.start)?)?));
        }
        last_end = at.end;
        match p {
            Piece::Lit { text, .. } => toks.extend(text.chars().map(T::C)),
            Piece::Hole { .. } => toks.push(T::Var(variable(src.get(at)?)?)),
        }
    }
    if let Some(from) = resolved_from {
        toks.push(T::Var(variable(src.get(from..word.end)?)?));
    }
    let mut i = 0;
    let blank = |toks: &[T], i: &mut usize| {
        while matches!(toks.get(*i), Some(T::C(c)) if c.is_whitespace()) {
            *i += 1;
        }
    };
    let is = |toks: &[T], i: usize, want: char| matches!(toks.get(i), Some(T::C(c)) if *c == want);
    blank(&toks, &mut i);
    if !is(&toks, i, '{') {
        return None;
    }
    i += 1;
    let mut out = Vec::new();
    loop {
        blank(&toks, &mut i);
        if is(&toks, i, '}') && out.is_empty() {
            i += 1;
            break;
        }
        if !is(&toks, i, '"') {
            return None;
        }
        i += 1;
        let mut key = String::new();
        while let Some(T::C(c)) = toks.get(i) {
            if *c == '"' {
                break;
            }
            if !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.') {
                return None;
            }
            key.push(*c);
            i += 1;
        }
        if key.is_empty() || !is(&toks, i, '"') {
            return None;
        }
        i += 1;
        blank(&toks, &mut i);
        if !is(&toks, i, ':') {
            return None;
        }
        i += 1;
        blank(&toks, &mut i);
        let mut value = String::new();
        let quoted = is(&toks, i, '"');
        if quoted {
            i += 1;
        }
        loop {
            match toks.get(i) {
                Some(T::C('"')) if quoted => {
                    i += 1;
                    break;
                }
                Some(T::C(c)) if quoted => {
                    if *c == '\\' || c.is_control() {
                        return None;
                    }
                    if matches!(c, '"' | '$' | '`') {
                        value.push('\\');
                    }
                    value.push(*c);
                }
                Some(T::C(c)) if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+') => {
                    value.push(*c)
                }
                Some(T::Var(name)) => value.push_str(&format!("${{{name}}}")),
                _ if !quoted => break,
                _ => return None,
            }
            i += 1;
        }
        if !quoted && (value == "null" || value.is_empty()) {
            return None;
        }
        out.push((key, value));
        blank(&toks, &mut i);
        if is(&toks, i, ',') {
            i += 1;
        } else if is(&toks, i, '}') {
            i += 1;
            break;
        } else {
            return None;
        }
    }
    blank(&toks, &mut i);
    (i == toks.len() && !out.is_empty()).then_some(out)
}

fn looks_json(sv: &StrValue) -> bool {
    let t = sv.text();
    let t = t.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

fn extend_over_blanks(src: &str, span: Span) -> Span {
    let bytes = src.as_bytes();
    let mut end = span.end;
    while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
        end += 1;
    }
    span.start..end
}

// ---------------------------------------------------------------------------
// Option parsing
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct OptVal {
    sv: StrValue,
}

struct Opt {
    /// long name without dashes (short options mapped to their long name)
    name: String,
    /// the word the option is written in
    word: Span,
    /// the word is written in the command (not split out of a variable)
    own: bool,
    vals: Vec<OptVal>,
}

/// One argument of a command: a word, or a field of an unquoted variable.
#[derive(Clone)]
struct Arg {
    node: u32,
    sv: StrValue,
    /// split out of an unquoted expansion
    split: bool,
}

struct Spec {
    short_arity: fn(char) -> u8,
    short_name: fn(char) -> &'static str,
    long_arity: fn(&str) -> u8,
}

fn curl_short_arity(c: char) -> u8 {
    u8::from("AbcCdDeEFHKmoPQrtTuUwxXyYz".contains(c))
}

fn curl_short_name(c: char) -> &'static str {
    match c {
        'X' => "request",
        'd' => "data",
        'F' => "form",
        'H' => "header",
        'u' => "user",
        'G' => "get",
        'I' => "head",
        'T' => "upload-file",
        'o' => "output",
        'K' => "config",
        _ => "",
    }
}

const CURL_LONG_ARG: &str = "\
    abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config \
    connect-timeout connect-to continue-at cookie cookie-jar create-file-mode crlfile curves \
    data data-ascii data-binary data-raw data-urlencode delegation dns-interface \
    dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header egd-file engine etag-compare \
    etag-save expect100-timeout form form-string ftp-account ftp-alternative-to-user \
    ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms header hostpubmd5 \
    hostpubsha256 hsts interface ip-tos json keepalive-time key key-type krb libcurl \
    limit-rate local-port login-options mail-auth mail-from mail-rcpt max-filesize \
    max-redirs max-time netrc-file noproxy oauth2-bearer output output-dir pass pinnedpubkey \
    preproxy proto proto-default proto-redir proxy proxy-cacert proxy-capath proxy-cert \
    proxy-cert-type proxy-ciphers proxy-header proxy-key proxy-key-type proxy-pass \
    proxy-service-name proxy-user proxy1.0 pubkey quote random-file range rate referer \
    request request-target resolve retry retry-delay retry-max-time sasl-authzid \
    service-name socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit \
    speed-time stderr telnet-option tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype \
    tlspassword tlsuser trace trace-ascii trace-config unix-socket upload-file url url-query \
    user user-agent variable write-out";

fn curl_long_arity(name: &str) -> u8 {
    u8::from(CURL_LONG_ARG.split_ascii_whitespace().any(|x| x == name))
}

fn wget_short_arity(c: char) -> u8 {
    u8::from("OoaetTwPUiBlARDXIQ".contains(c))
}

fn wget_short_name(c: char) -> &'static str {
    match c {
        'O' => "output-document",
        'U' => "user-agent",
        _ => "",
    }
}

const WGET_LONG_ARG: &str = "\
    accept append-output base bind-address body-data body-file ca-certificate ca-directory \
    certificate certificate-type ciphers config connect-timeout cut-dirs default-page \
    directory-prefix dns-timeout domains exclude-directories exclude-domains execute header \
    http-password http-user include-directories input-file level limit-rate load-cookies \
    local-encoding max-redirect method output-document output-file password post-data \
    post-file private-key private-key-type progress proxy-password proxy-user quota \
    read-timeout referer reject remote-encoding restrict-file-names retry-on-http-error \
    save-cookies secure-protocol timeout tries user user-agent wait waitretry";

fn wget_long_arity(name: &str) -> u8 {
    u8::from(WGET_LONG_ARG.split_ascii_whitespace().any(|x| x == name))
}

fn httpie_short_arity(c: char) -> u8 {
    u8::from("aApos".contains(c))
}

fn httpie_short_name(c: char) -> &'static str {
    match c {
        'a' => "auth",
        'A' => "auth-type",
        'f' => "form",
        'j' => "json",
        'o' => "output",
        'p' => "print",
        _ => "",
    }
}

const HTTPIE_LONG_ARG: &str = "\
    auth auth-type boundary cert cert-key cert-key-pass ciphers default-scheme \
    format-options max-headers max-redirects output pretty print proxy raw response-charset \
    response-mime session session-read-only ssl style timeout verify";

fn httpie_long_arity(name: &str) -> u8 {
    u8::from(HTTPIE_LONG_ARG.split_ascii_whitespace().any(|x| x == name))
}

fn jq_short_arity(c: char) -> u8 {
    u8::from(c == 'f' || c == 'L')
}

fn jq_short_name(c: char) -> &'static str {
    match c {
        'n' => "null-input",
        'f' => "from-file",
        'e' => "exit-status",
        _ => "",
    }
}

fn jq_long_arity(name: &str) -> u8 {
    match name {
        "arg" | "argjson" | "slurpfile" | "rawfile" => 2,
        "indent" | "from-file" | "library-path" => 1,
        _ => 0,
    }
}

const CURL: Spec = Spec {
    short_arity: curl_short_arity,
    short_name: curl_short_name,
    long_arity: curl_long_arity,
};
const WGET: Spec = Spec {
    short_arity: wget_short_arity,
    short_name: wget_short_name,
    long_arity: wget_long_arity,
};
const HTTPIE: Spec = Spec {
    short_arity: httpie_short_arity,
    short_name: httpie_short_name,
    long_arity: httpie_long_arity,
};
const JQ: Spec = Spec {
    short_arity: jq_short_arity,
    short_name: jq_short_name,
    long_arity: jq_long_arity,
};

// ---------------------------------------------------------------------------
// jq filters
// ---------------------------------------------------------------------------

struct JqRead {
    field: String,
    /// the field name in the filter text
    range: Range<usize>,
    kind: ReadKind,
    /// read from the filter's input (not from a nested value or a variable)
    root: bool,
    receiver: String,
    guarded: bool,
    /// the fallback expression after `//`
    fallback: Option<Range<usize>>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// End of a jq string literal whose opening quote is at `i` (index of the
/// closing quote), or `None` when it has an interpolation or no end.
fn jq_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => {
                if b.get(j + 1) == Some(&b'(') {
                    return None;
                }
                j += 2;
            }
            b'"' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// End of the jq expression starting at `i`: the first `|`, `,`, `;` or
/// closing bracket at its own nesting level.
fn jq_expr_end(b: &[u8], i: usize) -> usize {
    let mut depth = 0i32;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'"' => {
                let mut k = j + 1;
                while k < b.len() && b[k] != b'"' {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
                j = k;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return j;
                }
                depth -= 1;
            }
            b'|' | b',' | b';' if depth == 0 => return j,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// Field reads of a jq filter: `.f`, `."f"`, `.["f"]`, nested `.a.b`.
fn jq_reads(text: &str) -> Vec<JqRead> {
    let b = text.as_bytes();
    let mut out: Vec<JqRead> = Vec::new();
    let mut i = 0usize;
    let mut in_str = false;
    let mut depth = 0i32;
    let mut interp: Vec<i32> = Vec::new();
    let mut selects: Vec<i32> = Vec::new();
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' if b.get(i + 1) == Some(&b'(') => {
                    interp.push(depth);
                    depth += 1;
                    in_str = false;
                    i += 2;
                }
                b'\\' => i += 2,
                b'"' => {
                    in_str = false;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        match c {
            b'"' => {
                in_str = true;
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth -= 1;
                if c == b')' && interp.last() == Some(&depth) {
                    interp.pop();
                    in_str = true;
                }
                while selects.last().is_some_and(|&d| d >= depth) {
                    selects.pop();
                }
                i += 1;
            }
            b'$' => {
                // a variable: `$x.f` reads from the variable, not the input
                i += 1;
                while i < b.len() && is_ident_char(b[i]) {
                    i += 1;
                }
            }
            b'.' => {
                if b.get(i + 1) == Some(&b'.') {
                    i += 2;
                    continue;
                }
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let nested = is_ident_char(prev) || matches!(prev, b']' | b')' | b'?' | b'"');
                let (field_range, kind, after) = match b.get(i + 1) {
                    Some(&n) if is_ident_start(n) => {
                        let mut j = i + 1;
                        while j < b.len() && is_ident_char(b[j]) {
                            j += 1;
                        }
                        (i + 1..j, ReadKind::Member, j)
                    }
                    Some(b'"') => match jq_string_end(b, i + 1) {
                        Some(e) => (i + 2..e, ReadKind::Member, e + 1),
                        None => {
                            i += 1;
                            continue;
                        }
                    },
                    Some(b'[') => {
                        let mut j = i + 2;
                        while j < b.len() && b[j] == b' ' {
                            j += 1;
                        }
                        let Some(e) = (b.get(j) == Some(&b'"'))
                            .then(|| jq_string_end(b, j))
                            .flatten()
                        else {
                            i += 1;
                            continue;
                        };
                        let mut k = e + 1;
                        while k < b.len() && b[k] == b' ' {
                            k += 1;
                        }
                        if b.get(k) != Some(&b']') {
                            i += 1;
                            continue;
                        }
                        (j + 1..e, ReadKind::Subscript, k + 1)
                    }
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let field = text.get(field_range.clone()).unwrap_or("").to_string();
                if field.is_empty() || field.contains('\\') || field.contains(HOLE) {
                    i = after;
                    continue;
                }
                let receiver = if nested {
                    let mut k = i;
                    while k > 0
                        && (is_ident_char(b[k - 1])
                            || matches!(b[k - 1], b'.' | b'[' | b']' | b'"' | b'$' | b'?'))
                    {
                        k -= 1;
                    }
                    text.get(k..i).unwrap_or("").to_string()
                } else {
                    ".".to_string()
                };
                // what follows the read: `// fallback`, `!= null`
                let mut j = after;
                while j < b.len() && (b[j] == b' ' || b[j] == b'?' || b[j] == b'\t') {
                    j += 1;
                }
                let rest = text.get(j..).unwrap_or("");
                let mut guarded = !selects.is_empty();
                let mut fallback = None;
                if rest.starts_with("//") {
                    guarded = true;
                    let end = jq_expr_end(b, j + 2);
                    fallback = Some(trim_range(text, j + 2..end));
                } else if rest.starts_with("!= null") || rest.starts_with("== null") {
                    guarded = true;
                }
                out.push(JqRead {
                    field,
                    range: field_range,
                    kind,
                    root: !nested,
                    receiver,
                    guarded,
                    fallback,
                });
                i = after;
            }
            c if is_ident_start(c) => {
                let s = i;
                while i < b.len() && is_ident_char(b[i]) {
                    i += 1;
                }
                if &text[s..i] == "select" {
                    let mut j = i;
                    while j < b.len() && b[j] == b' ' {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'(') {
                        selects.push(depth);
                    }
                }
            }
            _ => i += 1,
        }
    }
    // a presence test of the field anywhere in the filter
    for r in out.iter_mut() {
        if r.guarded {
            continue;
        }
        let f = &r.field;
        r.guarded = text.contains(&format!("has(\"{f}\")"))
            || text.contains(&format!("select(.{f}"))
            || text.contains(&format!("if .{f} "))
            || text.contains(&format!(".{f} != null"))
            || text.contains(&format!(".{f} == null"));
    }
    out
}

// ---------------------------------------------------------------------------
// Lowering
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Esc {
    /// unquoted word: `\x` is `x`
    Bare,
    /// inside `"…"`: only `\$ \` \" \\` and line continuations
    Double,
    /// heredoc body: like `"…"` but `\"` stays
    Heredoc,
    /// `$'…'`
    Ansi,
}

/// What an assignment gives a variable.
#[derive(Clone)]
enum BindKind {
    /// `NAME=word`: the word node
    Value(u32),
    /// `NAME+=word`
    Append(u32),
    /// `NAME=`, `local NAME`
    Empty,
    /// a loop variable
    Unknown,
    /// `read NAME`
    Input,
    /// `NAME=(a b c)`: the element nodes
    Array(Vec<u32>),
    /// `NAME+=(d e)`
    ArrayAppend(Vec<u32>),
}

#[derive(Clone)]
struct Bind {
    /// effective from this offset on
    pos: u32,
    /// visible within this range (a function for `local`)
    scope: (u32, u32),
    /// the binding statement
    site: (u32, u32),
    kind: BindKind,
}

/// A command with wrappers (`sudo`, `command`, `env`…) seen through.
struct Eff {
    name: String,
    name_node: u32,
    args: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DataKind {
    /// `-d`, `--data`, `--data-binary`, `--data-ascii`
    Data,
    /// `--data-raw`: no `@file`
    Raw,
    UrlEncode,
    Json,
    Form,
}

struct Lx<'s> {
    a: Ast<'s>,
    binds: Vec<Bind>,
    by_name: HashMap<&'s str, Vec<usize>>,
    funcs: HashMap<&'s str, u32>,
    /// per node: inside a function body
    in_func: Vec<bool>,
    /// resolved bindings, with how many bindings each followed
    memo: RefCell<HashMap<usize, (Vec<Piece>, u32)>>,
    /// bindings being resolved right now
    hop_level: Cell<u32>,
    /// the most bindings followed beneath the current one
    hops_seen: Cell<u32>,
    values: RefCell<HashMap<u32, StrValue>>,
    marked: RefCell<Vec<bool>>,
    budget: Cell<u32>,
    /// command node → index in `http_requests`
    requests: HashMap<u32, usize>,
    /// command node → index in `calls`
    calls: HashMap<u32, usize>,
    /// files a request's response was written to: (path, offset, request)
    files: Vec<(String, u32, usize)>,
}

impl<'s> Lx<'s> {
    fn new(a: Ast<'s>) -> Lx<'s> {
        let len = a.len();
        let mut in_func = vec![false; len];
        for i in 0..len {
            let p = a.parent(i as u32);
            if p != NONE {
                in_func[i] = in_func[p as usize] || a.kind(p) == "function_definition";
            }
        }
        Lx {
            in_func,
            a,
            binds: Vec::new(),
            by_name: HashMap::new(),
            funcs: HashMap::new(),
            memo: RefCell::new(HashMap::new()),
            hop_level: Cell::new(0),
            hops_seen: Cell::new(0),
            values: RefCell::new(HashMap::new()),
            marked: RefCell::new(vec![false; len]),
            budget: Cell::new(RESOLVE_BUDGET),
            requests: HashMap::new(),
            calls: HashMap::new(),
            files: Vec::new(),
        }
    }

    fn ids(&self) -> Range<u32> {
        0..self.a.len() as u32
    }

    // -- bindings -----------------------------------------------------------

    fn enclosing_function(&self, id: u32) -> Option<u32> {
        let mut n = self.a.parent(id);
        while n != NONE {
            if self.a.kind(n) == "function_definition" {
                return Some(n);
            }
            n = self.a.parent(n);
        }
        None
    }

    fn bind(&mut self, name: &'s str, b: Bind) {
        let i = self.binds.len();
        self.binds.push(b);
        self.by_name.entry(name).or_default().push(i);
    }

    fn collect(&mut self) {
        let whole = (0u32, u32::MAX);
        for id in self.ids() {
            match self.a.kind(id) {
                "variable_assignment" => self.collect_assignment(id),
                "function_definition" => {
                    if let Some(name) = self.a.field(id, "name") {
                        let text = self.a.text(name);
                        self.funcs.insert(text, id);
                    }
                }
                "for_statement" | "select_statement" => {
                    if let Some(v) = self.a.field(id, "variable") {
                        let name = self.a.text(v);
                        let b = Bind {
                            pos: (self.a.end(v) as usize) as u32,
                            scope: whole,
                            site: (
                                (self.a.start(id) as usize) as u32,
                                (self.a.end(id) as usize) as u32,
                            ),
                            kind: BindKind::Unknown,
                        };
                        self.bind(name, b);
                    }
                }
                "declaration_command" => {
                    // `local x` inside a function: a fresh, empty variable
                    let kw = self.a.first_anon(id);
                    if matches!(kw, "local" | "declare" | "typeset") {
                        if let Some(f) = self.enclosing_function(id) {
                            let scope = (
                                (self.a.start(f) as usize) as u32,
                                (self.a.end(f) as usize) as u32,
                            );
                            let names: Vec<u32> = self
                                .a
                                .named(id)
                                .filter(|&k| self.a.kind(k) == "variable_name")
                                .collect();
                            for k in names {
                                let b = Bind {
                                    pos: (self.a.end(id) as usize) as u32,
                                    scope,
                                    site: (
                                        (self.a.start(id) as usize) as u32,
                                        (self.a.end(id) as usize) as u32,
                                    ),
                                    kind: BindKind::Empty,
                                };
                                let name = self.a.text(k);
                                self.bind(name, b);
                            }
                        }
                    }
                }
                "command" => self.collect_read(id),
                _ => {}
            }
        }
        let binds = &self.binds;
        for v in self.by_name.values_mut() {
            v.sort_by_key(|&i| binds[i].pos);
        }
    }

    fn collect_assignment(&mut self, id: u32) {
        let Some(name_node) = self.a.field(id, "name") else {
            return;
        };
        if self.a.kind(name_node) != "variable_name" {
            return;
        }
        let name = self.a.text(name_node);
        let append = self
            .a
            .kids(id)
            .iter()
            .any(|&k| !self.a.is_named(k) && self.a.text(k) == "+=");
        let value = self.a.field(id, "value");
        let kind = match value {
            None => BindKind::Empty,
            Some(v) if self.a.kind(v) == "array" => {
                let elems: Vec<u32> = self.a.named(v).collect();
                if append {
                    BindKind::ArrayAppend(elems)
                } else {
                    BindKind::Array(elems)
                }
            }
            Some(v) if append => BindKind::Append(v),
            Some(v) => BindKind::Value(v),
        };
        let p = self.a.parent(id);
        let mut scope = (0u32, u32::MAX);
        if self.a.kind(p) == "declaration_command"
            && matches!(self.a.first_anon(p), "local" | "declare" | "typeset")
        {
            if let Some(f) = self.enclosing_function(id) {
                scope = (
                    (self.a.start(f) as usize) as u32,
                    (self.a.end(f) as usize) as u32,
                );
            }
        }
        let b = Bind {
            pos: (self.a.end(id) as usize) as u32,
            scope,
            site: (
                (self.a.start(id) as usize) as u32,
                (self.a.end(id) as usize) as u32,
            ),
            kind,
        };
        self.bind(name, b);
    }

    /// `read [-r] [-p prompt] NAME…`: the names hold input.
    fn collect_read(&mut self, id: u32) {
        let words = self.cmd_words(id);
        let Some(&first) = words.first() else { return };
        if self.a.text(first) != "read" {
            return;
        }
        let mut i = 1;
        let mut names = Vec::new();
        while i < words.len() {
            let t = self.a.text(words[i]);
            i += 1;
            if let Some(flags) = t.strip_prefix('-') {
                // `-p prompt`, `-rp prompt`, `-d ''`
                if let Some(k) = flags.find(|c| "adinNptu".contains(c)) {
                    if k + 1 == flags.len() {
                        i += 1;
                    }
                }
                continue;
            }
            if is_name(t) {
                names.push(t);
            }
        }
        for name in names {
            let b = Bind {
                pos: (self.a.end(id) as usize) as u32,
                scope: (0, u32::MAX),
                site: (
                    (self.a.start(id) as usize) as u32,
                    (self.a.end(id) as usize) as u32,
                ),
                kind: BindKind::Input,
            };
            self.bind(name, b);
        }
    }

    /// The binding of `name` in force at `node`: the last one before it;
    /// else, inside a function, the only one in the file (a global set
    /// after the function that reads it).
    fn lookup(&self, name: &str, node: u32) -> Option<usize> {
        let ids = self.by_name.get(name)?;
        let at = (self.a.start(node) as usize) as u32;
        let visible = |b: &Bind| b.scope.0 <= at && at < b.scope.1;
        let before = ids.partition_point(|&i| self.binds[i].pos <= at);
        for &i in ids[..before].iter().rev() {
            if visible(&self.binds[i]) {
                return Some(i);
            }
        }
        if !self.in_func.get(node as usize).copied().unwrap_or(false) {
            return None;
        }
        let mut only = None;
        for &i in ids {
            let b = &self.binds[i];
            if visible(b) && !(b.site.0 <= at && at < b.site.1) {
                if only.is_some() {
                    return None;
                }
                only = Some(i);
            }
        }
        only
    }

    // -- values -------------------------------------------------------------

    fn take_budget(&self) -> bool {
        let b = self.budget.get();
        if b == 0 {
            return false;
        }
        self.budget.set(b - 1);
        true
    }

    fn mark(&self, id: u32) {
        if let Some(m) = self.marked.borrow_mut().get_mut(id as usize) {
            *m = true;
        }
    }

    fn is_marked(&self, id: u32) -> bool {
        self.marked
            .borrow()
            .get(id as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The resolved value of a word (cached).
    fn value(&self, id: u32) -> StrValue {
        if let Some(v) = self.values.borrow().get(&id) {
            return v.clone();
        }
        self.budget.set(RESOLVE_BUDGET);
        let mut pieces = Vec::new();
        self.resolve(id, 0, true, &mut pieces);
        let v = StrValue {
            pieces,
            span: self.a.span(id),
        };
        self.values.borrow_mut().insert(id, v.clone());
        v
    }

    fn plain(&self, id: u32) -> Option<String> {
        let v = self.value(id);
        v.is_plain().then(|| v.text())
    }

    fn hole(&self, id: u32, name: &str) -> Piece {
        Piece::hole(self.a.span(id), name)
    }

    fn push(&self, out: &mut Vec<Piece>, p: Piece) {
        if out.len() < MAX_PIECES {
            out.push(p);
        }
    }

    fn resolve(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        if depth > MAX_DEPTH || !self.take_budget() || out.len() >= MAX_PIECES {
            let name = short(self.a.text(id));
            self.push(out, self.hole(id, &name));
            return;
        }
        if mark {
            self.mark(id);
        }
        match self.a.kind(id) {
            // the grammar reads `user@host` in `${V:-user@host}` as a name and a word
            "word" | "number" | "brace_expression" | "extglob_pattern" | "regex"
            | "variable_name" => self.decode(
                self.a.start(id) as usize,
                self.a.end(id) as usize,
                Esc::Bare,
                out,
            ),
            "raw_string" => {
                let (s, e) = ((self.a.start(id) as usize), (self.a.end(id) as usize));
                let inner_end = if e > s + 1 && self.a.src.as_bytes().get(e - 1) == Some(&b'\'') {
                    e - 1
                } else {
                    e
                };
                if s + 1 < inner_end {
                    if let Some(t) = self.a.src.get(s + 1..inner_end) {
                        self.push(out, Piece::lit(t, s + 1..inner_end));
                    }
                }
            }
            "ansi_c_string" => {
                let (s, e) = ((self.a.start(id) as usize), (self.a.end(id) as usize));
                let inner_end = if e > s + 2 && self.a.src.as_bytes().get(e - 1) == Some(&b'\'') {
                    e - 1
                } else {
                    e
                };
                self.decode(s + 2, inner_end, Esc::Ansi, out);
            }
            "string" => {
                let (s, e) = ((self.a.start(id) as usize), (self.a.end(id) as usize));
                let mut at = s + 1;
                let close = if e > s + 1 && self.a.src.as_bytes().get(e - 1) == Some(&b'"') {
                    e - 1
                } else {
                    e
                };
                for &k in self.a.kids(id) {
                    if !self.a.is_named(k) {
                        continue;
                    }
                    let ks = self.a.start(k) as usize;
                    if ks > at {
                        self.decode(at, ks.min(close), Esc::Double, out);
                    }
                    if self.a.kind(k) == "string_content" {
                        if mark {
                            self.mark(k);
                        }
                        self.decode(ks, self.a.end(k) as usize, Esc::Double, out);
                    } else {
                        self.resolve(k, depth + 1, mark, out);
                    }
                    at = at.max(self.a.end(k) as usize);
                }
                if close > at {
                    self.decode(at, close, Esc::Double, out);
                }
            }
            "concatenation" => {
                let mut at = self.a.start(id) as usize;
                for &k in self.a.kids(id) {
                    let ks = self.a.start(k) as usize;
                    if ks > at {
                        self.decode(at, ks, Esc::Bare, out);
                    }
                    if self.a.is_named(k) {
                        self.resolve(k, depth + 1, mark, out);
                    } else {
                        self.decode(ks, self.a.end(k) as usize, Esc::Bare, out);
                    }
                    at = at.max(self.a.end(k) as usize);
                }
                if (self.a.end(id) as usize) > at {
                    self.decode(at, self.a.end(id) as usize, Esc::Bare, out);
                }
            }
            "translated_string" => {
                for k in self.a.named(id) {
                    self.resolve(k, depth + 1, mark, out);
                }
            }
            "simple_expansion" => {
                let var = self
                    .a
                    .named(id)
                    .find(|&k| self.a.kind(k) == "variable_name");
                match var {
                    Some(v) => self.resolve_var(id, self.a.text(v), depth, out),
                    None => {
                        let name = self.a.text(id).trim_start_matches('$').to_string();
                        self.push(out, self.hole(id, &name));
                    }
                }
            }
            "expansion" => self.resolve_expansion(id, depth, mark, out),
            "command_substitution" | "process_substitution" | "arithmetic_expansion" => {
                let name = short(self.a.text(id));
                self.push(out, self.hole(id, &name));
            }
            "ERROR" => self.decode(
                self.a.start(id) as usize,
                self.a.end(id) as usize,
                Esc::Bare,
                out,
            ),
            _ => {
                let name = short(self.a.text(id));
                self.push(out, self.hole(id, &name));
            }
        }
    }

    /// `$NAME` / `${NAME}` at node `site`.
    fn resolve_var(&self, site: u32, name: &str, depth: u32, out: &mut Vec<Piece>) {
        match self.lookup(name, site) {
            Some(b) => match self.bind_pieces(b, depth + 1) {
                // a variable holding one unknown value is named after itself
                Some(p) if !matches!(p.as_slice(), [Piece::Hole { .. }]) => {
                    for x in p {
                        self.push(out, x);
                    }
                }
                _ => self.push(out, self.hole(site, name)),
            },
            None => self.push(out, self.hole(site, name)),
        }
    }

    /// The pieces of a binding's value, or `None` when it is not known.
    ///
    /// At most [`MAX_DEPTH`] bindings are followed from a use, memoised
    /// values included: each memo records how many it followed.
    fn bind_pieces(&self, b: usize, depth: u32) -> Option<Vec<Piece>> {
        let level = self.hop_level.get();
        if let Some((p, hops)) = self.memo.borrow().get(&b) {
            if level + hops > MAX_DEPTH {
                return None;
            }
            self.hops_seen.set(self.hops_seen.get().max(*hops));
            return Some(p.clone());
        }
        if depth > MAX_DEPTH || level >= MAX_DEPTH {
            return None;
        }
        let bind = self.binds.get(b)?.clone();
        let outer_seen = self.hops_seen.replace(0);
        self.hop_level.set(level + 1);
        let out = self.bind_value(b, &bind, depth);
        self.hop_level.set(level);
        let hops = self.hops_seen.get() + 1;
        self.hops_seen.set(outer_seen.max(hops));
        let mut out = out?;
        out.truncate(MAX_PIECES);
        self.memo.borrow_mut().insert(b, (out.clone(), hops));
        Some(out)
    }

    fn bind_value(&self, b: usize, bind: &Bind, depth: u32) -> Option<Vec<Piece>> {
        let mut out = Vec::new();
        match bind.kind {
            BindKind::Value(v) => self.resolve(v, depth, false, &mut out),
            BindKind::Append(v) => {
                let name = self.a.text(self.a.field(self.a.parent(v), "name")?);
                match self.lookup(name, self.a.parent(v)) {
                    Some(prev) if prev != b => {
                        out.extend(self.bind_pieces(prev, depth + 1)?);
                    }
                    _ => {}
                }
                self.resolve(v, depth, false, &mut out);
            }
            BindKind::Empty => {}
            BindKind::Unknown | BindKind::Input | BindKind::Array(_) | BindKind::ArrayAppend(_) => {
                return None
            }
        }
        Some(out)
    }

    fn resolve_expansion(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        let kids = self.a.kids(id);
        let mut name_node = None;
        let mut op: Option<(usize, &str)> = None;
        let mut prefix = false;
        for (i, &k) in kids.iter().enumerate() {
            let kind = self.a.kind(k);
            if name_node.is_none() {
                match kind {
                    "variable_name" | "special_variable_name" | "subscript" => {
                        name_node = Some(k);
                        continue;
                    }
                    _ if !self.a.is_named(k) && matches!(self.a.text(k), "#" | "!") => {
                        prefix = true;
                    }
                    _ => {}
                }
            } else if self.a.field_name(k) == "operator" || (!self.a.is_named(k) && op.is_none()) {
                let t = self.a.text(k);
                if t != "}" {
                    op = Some((i, t));
                    break;
                }
            }
        }
        let Some(nn) = name_node else {
            let name = short(self.a.text(id));
            self.push(out, self.hole(id, &name));
            return;
        };
        let var_name = match self.a.kind(nn) {
            "subscript" => self
                .a
                .field(nn, "name")
                .map(|n| self.a.text(n))
                .unwrap_or(""),
            _ => self.a.text(nn),
        };
        let label = if var_name.is_empty() {
            short(self.a.text(id))
        } else {
            var_name.to_string()
        };
        if prefix || self.a.kind(nn) != "variable_name" {
            self.push(out, self.hole(id, &label));
            return;
        }
        let binding = self.lookup(var_name, id);
        let defined = binding.is_some();
        let known = binding
            .and_then(|b| self.bind_pieces(b, depth + 1))
            .filter(|p| !matches!(p.as_slice(), [Piece::Hole { .. }]));
        let operand = |out: &mut Vec<Piece>| {
            if let Some((i, _)) = op {
                let close = kids
                    .iter()
                    .rposition(|&k| !self.a.is_named(k) && self.a.text(k) == "}")
                    .unwrap_or(kids.len());
                let mut at = kids
                    .get(i)
                    .map(|&k| self.a.end(k) as usize)
                    .unwrap_or(self.a.end(id) as usize);
                for &k in kids.get(i + 1..close).unwrap_or(&[]) {
                    let ks = self.a.start(k) as usize;
                    if ks > at {
                        self.decode(at, ks, Esc::Bare, out);
                    }
                    if self.a.is_named(k) {
                        self.resolve(k, depth + 1, mark, out);
                    } else {
                        self.decode(ks, self.a.end(k) as usize, Esc::Bare, out);
                    }
                    at = self.a.end(k) as usize;
                }
            }
        };
        match op.map(|(_, t)| t) {
            None => match known {
                Some(p) => {
                    for x in p {
                        self.push(out, x);
                    }
                }
                None => self.push(out, self.hole(id, &label)),
            },
            Some(":-" | "-" | ":=" | "=") => match known {
                Some(p) if !p.is_empty() => {
                    for x in p {
                        self.push(out, x);
                    }
                }
                _ if defined && known.is_none() => self.push(out, self.hole(id, &label)),
                _ => operand(out),
            },
            Some(":?" | "?") => match known {
                Some(p) => {
                    for x in p {
                        self.push(out, x);
                    }
                }
                None => self.push(out, self.hole(id, &label)),
            },
            Some(":+" | "+") => match known {
                Some(p) if !p.is_empty() => operand(out),
                Some(_) => {}
                None => self.push(out, self.hole(id, &label)),
            },
            Some(_) => self.push(out, self.hole(id, &label)),
        }
    }

    /// Literal source text `a..b`, with the escapes of its quoting.
    fn decode(&self, a: usize, b: usize, esc: Esc, out: &mut Vec<Piece>) {
        let Some(text) = self.a.src.get(a..b) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        if !text.contains('\\') {
            self.push(out, Piece::lit(text, a..b));
            return;
        }
        let mut decoded: Vec<(char, usize)> = Vec::with_capacity(text.len());
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let at = a + i;
            if c != '\\' {
                decoded.push((c, at));
                continue;
            }
            let Some(&(_, n)) = it.peek() else {
                decoded.push((c, at));
                break;
            };
            match esc {
                Esc::Bare => {
                    it.next();
                    if n != '\n' {
                        decoded.push((n, at));
                    }
                }
                Esc::Double | Esc::Heredoc => {
                    let special =
                        matches!(n, '$' | '`' | '\\' | '\n') || (n == '"' && esc == Esc::Double);
                    if special {
                        it.next();
                        if n != '\n' {
                            decoded.push((n, at));
                        }
                    } else {
                        decoded.push((c, at));
                    }
                }
                Esc::Ansi => {
                    it.next();
                    let simple = ts::c_escape(n).or(match n {
                        'e' | 'E' => Some('\u{1b}'),
                        '?' => Some('?'),
                        _ => None,
                    });
                    if let Some(ch) = simple {
                        decoded.push((ch, at));
                        continue;
                    }
                    let (radix, max) = match n {
                        'x' => (16, 2),
                        'u' => (16, 4),
                        'U' => (16, 8),
                        '0'..='7' => (8, 2),
                        _ => (0, 0),
                    };
                    if radix == 0 {
                        decoded.push(('\\', at));
                        decoded.push((n, at + 1));
                        continue;
                    }
                    let mut v: u32 = if radix == 8 {
                        n.to_digit(8).unwrap_or(0)
                    } else {
                        0
                    };
                    let mut digits = 0;
                    while digits < max {
                        match it.peek().and_then(|&(_, d)| d.to_digit(radix)) {
                            Some(d) => {
                                v = v.saturating_mul(radix).saturating_add(d);
                                it.next();
                                digits += 1;
                            }
                            None => break,
                        }
                    }
                    if radix == 16 && digits == 0 {
                        decoded.push(('\\', at));
                        decoded.push((n, at + 1));
                        continue;
                    }
                    decoded.push((char::from_u32(v).unwrap_or('\u{fffd}'), at));
                }
            }
        }
        if !decoded.is_empty() {
            self.push(out, Piece::lit_decoded(&decoded, b));
        }
    }

    // -- commands -----------------------------------------------------------

    /// The words of a command: its name, then its arguments.
    fn cmd_words(&self, cmd: u32) -> Vec<u32> {
        let mut w = Vec::new();
        for &k in self.a.kids(cmd) {
            match self.a.field_name(k) {
                "name" => {
                    if let Some(v) = self.a.named(k).next() {
                        w.push(v);
                    }
                }
                "argument" if self.a.is_named(k) => w.push(k),
                _ => {}
            }
        }
        w
    }

    fn effective(&self, cmd: u32) -> Option<Eff> {
        let words = self.cmd_words(cmd);
        let mut i = 0usize;
        for _ in 0..MAX_WRAPPERS {
            let w = *words.get(i)?;
            let text = self.plain(w)?;
            let name = basename(&text).to_string();
            let next = match name.as_str() {
                "sudo" | "doas" => self.skip_opts(
                    &words,
                    i + 1,
                    &[
                        "-u", "-g", "-C", "-h", "-p", "-r", "-t", "-U", "-D", "-T", "--user",
                        "--group", "--host", "--prompt", "--role", "--type", "--chdir",
                    ],
                    true,
                ),
                "command" => {
                    let next = words.get(i + 1).and_then(|&w| self.plain(w));
                    if matches!(next.as_deref(), Some("-v" | "-V")) {
                        return None;
                    }
                    self.skip_opts(&words, i + 1, &[], false)
                }
                "exec" => self.skip_opts(&words, i + 1, &["-a"], false),
                "nohup" | "builtin" | "unbuffer" | "chronic" | "time" => {
                    self.skip_opts(&words, i + 1, &[], false)
                }
                "nice" => self.skip_opts(&words, i + 1, &["-n"], false),
                "env" => self.skip_opts(
                    &words,
                    i + 1,
                    &["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
                    true,
                ),
                "timeout" => self
                    .skip_opts(
                        &words,
                        i + 1,
                        &["-s", "--signal", "-k", "--kill-after"],
                        false,
                    )
                    .map(|j| j + 1),
                "stdbuf" => self.skip_opts(&words, i + 1, &["-i", "-o", "-e"], false),
                _ => {
                    let mut args = Vec::new();
                    for &a in words.get(i + 1..).unwrap_or(&[]) {
                        match self.array_splice(a) {
                            Some(elems) => args.extend(elems),
                            None => args.push(a),
                        }
                    }
                    return Some(Eff {
                        name,
                        name_node: w,
                        args,
                    });
                }
            };
            i = next?;
        }
        None
    }

    /// `"${ARGS[@]}"` of an array written in the script: its elements.
    fn array_splice(&self, arg: u32) -> Option<Vec<u32>> {
        let mut e = arg;
        if self.a.kind(e) == "string" {
            let kids: Vec<u32> = self.a.named(e).collect();
            match kids.as_slice() {
                [k] => e = *k,
                _ => return None,
            }
        }
        if self.a.kind(e) != "expansion" {
            return None;
        }
        let kids: Vec<u32> = self.a.named(e).collect();
        let [sub] = kids.as_slice() else {
            return None;
        };
        if self.a.kind(*sub) != "subscript" {
            return None;
        }
        let index = self.a.field(*sub, "index").map(|i| self.a.text(i));
        if !matches!(index, Some("@" | "*")) {
            return None;
        }
        let name = self.a.text(self.a.field(*sub, "name")?);
        let ids = self.by_name.get(name)?;
        let at = (self.a.start(arg) as usize) as u32;
        let mut elems: Option<Vec<u32>> = None;
        for &b in ids {
            let bind = &self.binds[b];
            if bind.pos > at || !(bind.scope.0 <= at && at < bind.scope.1) {
                continue;
            }
            match &bind.kind {
                BindKind::Array(v) => elems = Some(v.clone()),
                BindKind::ArrayAppend(v) => elems.get_or_insert_with(Vec::new).extend(v),
                _ => elems = None,
            }
        }
        elems
    }

    fn skip_opts(
        &self,
        words: &[u32],
        mut j: usize,
        with_value: &[&str],
        assignments: bool,
    ) -> Option<usize> {
        while let Some(&w) = words.get(j) {
            let t = self.plain(w).unwrap_or_default();
            if t == "--" {
                return Some(j + 1);
            }
            if t.starts_with('-') && t.len() > 1 {
                j += if with_value.contains(&t.as_str()) {
                    2
                } else {
                    1
                };
                continue;
            }
            if assignments && is_assignment_word(&t) {
                j += 1;
                continue;
            }
            return Some(j);
        }
        None
    }

    /// The arguments of a command as the shell splits them: an unquoted
    /// `$OPTS` holding `-s -X POST` gives three.
    fn split_args(&self, args: &[u32]) -> Vec<Arg> {
        let mut out = Vec::new();
        for &node in args {
            let sv = self.value(node);
            let text = sv.text();
            let unquoted = matches!(self.a.kind(node), "simple_expansion" | "expansion");
            if !unquoted || !text.contains([' ', '\t', '\n']) {
                out.push(Arg {
                    node,
                    sv,
                    split: false,
                });
                continue;
            }
            let mut start = None;
            for (i, c) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                match (start, c == ' ' || c == '\t' || c == '\n') {
                    (None, false) => start = Some(i),
                    (Some(st), true) => {
                        out.push(Arg {
                            node,
                            sv: slice(&sv, st..i),
                            split: true,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn parse_opts(&self, args: &[Arg], spec: &Spec) -> (Vec<Opt>, Vec<usize>) {
        let mut opts = Vec::new();
        let mut pos = Vec::new();
        let mut i = 0;
        let mut only_pos = false;
        let hole = HOLE as u8;
        while i < args.len() {
            let arg = &args[i];
            let sv = arg.sv.clone();
            let word = sv.span.clone();
            let own = !arg.split;
            let text = sv.text();
            i += 1;
            let bytes = text.as_bytes();
            if only_pos || bytes.first() != Some(&b'-') || bytes.len() < 2 || bytes[1] == hole {
                pos.push(i - 1);
                continue;
            }
            if text == "--" {
                only_pos = true;
                continue;
            }
            if let Some(long) = text.strip_prefix("--") {
                let (name, inline) = match long.find('=') {
                    Some(eq) => (&long[..eq], Some(2 + eq + 1)),
                    None => (long, None),
                };
                let arity = (spec.long_arity)(name) as usize;
                let mut vals = Vec::new();
                if let Some(at) = inline {
                    vals.push(OptVal {
                        sv: slice(&sv, at..text.len()),
                    });
                }
                while vals.len() < arity && i < args.len() {
                    vals.push(OptVal {
                        sv: args[i].sv.clone(),
                    });
                    i += 1;
                }
                opts.push(Opt {
                    name: name.to_string(),
                    word,
                    own,
                    vals,
                });
                continue;
            }
            for (k, c) in text.char_indices().skip(1) {
                if c == HOLE {
                    break;
                }
                let name = match (spec.short_name)(c) {
                    "" => c.to_string(),
                    n => n.to_string(),
                };
                let arity = (spec.short_arity)(c) as usize;
                let mut vals = Vec::new();
                if arity > 0 {
                    let rest = k + c.len_utf8();
                    if rest < text.len() {
                        vals.push(OptVal {
                            sv: slice(&sv, rest..text.len()),
                        });
                    }
                    while vals.len() < arity && i < args.len() {
                        vals.push(OptVal {
                            sv: args[i].sv.clone(),
                        });
                        i += 1;
                    }
                    opts.push(Opt {
                        name,
                        word: word.clone(),
                        own,
                        vals,
                    });
                    break;
                }
                opts.push(Opt {
                    name,
                    word: word.clone(),
                    own,
                    vals,
                });
            }
        }
        (opts, pos)
    }

    /// Redirections of a command, its own and those of the statement around it.
    fn redirects(&self, cmd: u32) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .a
            .kids(cmd)
            .iter()
            .copied()
            .filter(|&k| self.a.field_name(k) == "redirect")
            .collect();
        let p = self.a.parent(cmd);
        if self.a.kind(p) == "redirected_statement" && self.a.field_name(cmd) == "body" {
            out.extend(
                self.a
                    .kids(p)
                    .iter()
                    .copied()
                    .filter(|&k| self.a.field_name(k) == "redirect"),
            );
        }
        out
    }

    fn heredoc_body_of(&self, redirect: u32) -> Option<u32> {
        self.a
            .kids(redirect)
            .iter()
            .copied()
            .find(|&k| self.a.kind(k) == "heredoc_body")
    }

    /// The whole body of a heredoc as one value (cached).
    fn heredoc_value(&self, body: u32) -> StrValue {
        if let Some(v) = self.values.borrow().get(&body) {
            return v.clone();
        }
        self.budget.set(RESOLVE_BUDGET);
        let p = self.a.parent(body);
        let quoted = self
            .a
            .kids(p)
            .iter()
            .find(|&&k| self.a.kind(k) == "heredoc_start")
            .is_some_and(|&k| self.a.text(k).contains(['\'', '"', '\\']));
        let (s, e) = ((self.a.start(body) as usize), (self.a.end(body) as usize));
        let mut pieces = Vec::new();
        if quoted {
            if let Some(t) = self.a.src.get(s..e) {
                if !t.is_empty() {
                    pieces.push(Piece::lit(t, s..e));
                }
            }
        } else {
            let mut at = s;
            for &k in self.a.kids(body) {
                let ks = self.a.start(k) as usize;
                if ks > at {
                    self.decode(at, ks, Esc::Heredoc, &mut pieces);
                }
                if self.a.kind(k) == "heredoc_content" || !self.a.is_named(k) {
                    self.decode(ks, self.a.end(k) as usize, Esc::Heredoc, &mut pieces);
                } else {
                    self.resolve(k, 1, true, &mut pieces);
                }
                at = at.max(self.a.end(k) as usize);
            }
            if e > at {
                self.decode(at, e, Esc::Heredoc, &mut pieces);
            }
        }
        let v = StrValue { pieces, span: s..e };
        self.values.borrow_mut().insert(body, v.clone());
        v
    }

    /// What a command reads on its standard input when that is written in
    /// the script (a heredoc or a here-string).
    fn stdin_value(&self, cmd: u32) -> Option<StrValue> {
        for r in self.redirects(cmd) {
            match self.a.kind(r) {
                "heredoc_redirect" => {
                    if let Some(b) = self.heredoc_body_of(r) {
                        return Some(self.heredoc_value(b));
                    }
                }
                "herestring_redirect" => {
                    if let Some(w) = self.a.named(r).last() {
                        return Some(self.value(w));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// A file the command's standard output goes to (`> file`).
    fn stdout_file(&self, cmd: u32) -> Option<String> {
        for r in self.redirects(cmd) {
            if self.a.kind(r) != "file_redirect" {
                continue;
            }
            let desc = self.a.field(r, "descriptor").map(|d| self.a.text(d));
            let op = self.a.first_anon(r);
            if matches!(op, ">" | ">>" | ">|" | "&>" | "&>>") && matches!(desc, None | Some("1")) {
                let d = self.a.field(r, "destination")?;
                return self.plain(d);
            }
        }
        None
    }

    /// Commands right after a request that start with an option: the
    /// continuation lines of a command whose trailing `\` was lost
    /// (`curl --request POST` then `--url "…" \` on the next line, as in
    /// copied documentation).
    fn continuation(&self, cmd: u32) -> Vec<u32> {
        let kids = self.a.kids(self.a.parent(cmd));
        let at = kids.partition_point(|&k| k <= cmd);
        let mut out = Vec::new();
        for &k in kids.get(at..).unwrap_or(&[]) {
            if !self.a.is_named(k) || self.a.kind(k) == "comment" {
                break;
            }
            let starts_with_option = self.a.kind(k) == "command"
                && self
                    .cmd_words(k)
                    .first()
                    .is_some_and(|&w| self.a.text(w).starts_with('-'));
            if !starts_with_option {
                break;
            }
            out.push(k);
        }
        out
    }

    fn commands(&mut self, m: &mut FileModel) {
        let mut requests = HashMap::new();
        let mut calls = HashMap::new();
        let mut files = Vec::new();
        let mut continued: HashSet<u32> = HashSet::new();
        for id in self.ids() {
            if self.a.kind(id) != "command" || continued.contains(&id) {
                continue;
            }
            let Some(mut eff) = self.effective(id) else {
                continue;
            };
            let tool = matches!(
                eff.name.as_str(),
                "curl" | "wget" | "http" | "https" | "xh" | "xhs"
            );
            let mut more = Vec::new();
            if tool {
                more = self.continuation(id);
                for &c in &more {
                    eff.args.extend(self.cmd_words(c));
                    continued.insert(c);
                }
            }
            let req = match eff.name.as_str() {
                "curl" => self.curl(id, &eff, &mut files, m.http_requests.len()),
                "wget" => self.wget(id, &eff, &mut files, m.http_requests.len()),
                "http" | "https" | "xh" | "xhs" => self.httpie(id, &eff),
                _ => {
                    calls.insert(id, m.calls.len());
                    m.calls.push(Call {
                        callee: eff.name.clone(),
                        name: eff.name.clone(),
                        name_span: self.a.span(eff.name_node),
                        span: self.a.span(id),
                        args: eff.args.iter().map(|&a| Some(self.value(a))).collect(),
                        kwargs: Vec::new(),
                    });
                    continue;
                }
            };
            let mut req = req;
            if let Some(&last) = more.last() {
                req.span = req.span.start..(self.a.end(last) as usize);
            }
            let index = m.http_requests.len();
            if let Some(f) = self.stdout_file(id) {
                files.push((f, (self.a.end(id) as usize) as u32, index));
            }
            requests.insert(id, index);
            m.http_requests.push(req);
        }
        let mut seen: HashSet<(String, usize, usize)> = HashSet::new();
        for r in &m.http_requests {
            for e in r.body.iter().chain(&r.query) {
                if seen.insert((e.key.clone(), e.span.start, e.span.end)) {
                    m.entries.push(e.clone());
                }
            }
        }
        self.requests = requests;
        self.calls = calls;
        self.files = files;
    }

    fn empty_request(&self, cmd: u32, library: &str, name_node: u32) -> HttpRequest {
        HttpRequest {
            span: self.a.span(cmd),
            library: library.to_string(),
            method: Some(Method::Get),
            method_source: MethodSource::Default {
                span: self.a.span(name_node),
            },
            url: None,
            query: Vec::new(),
            headers: Vec::new(),
            body_kind: None,
            body_span: None,
            body: Vec::new(),
            basic_auth: false,
            rewrite_hints: Vec::new(),
        }
    }

    /// Method and its source from the value of `-X`/`--method`.
    fn explicit_method(&self, sv: &StrValue) -> (Option<Method>, MethodSource) {
        let text = sv.text();
        if !sv.is_plain() || text.trim().is_empty() {
            return (None, MethodSource::Unknown);
        }
        let span = sv
            .source_of(0..text.len())
            .unwrap_or_else(|| sv.span.clone());
        (Some(Method::parse(&text)), MethodSource::Explicit { span })
    }

    /// The URL among positional arguments: the first that looks like one.
    fn pick_url(&self, args: &[Arg], pos: &[usize]) -> Option<StrValue> {
        let vals: Vec<StrValue> = pos.iter().map(|&i| args[i].sv.clone()).collect();
        let urlish = |v: &StrValue| {
            let t = v.text();
            t.contains("://") || t.starts_with(HOLE) || t.contains('.') || t.contains('/')
        };
        vals.iter().find(|v| urlish(v)).or(vals.first()).cloned()
    }

    fn curl(
        &self,
        cmd: u32,
        eff: &Eff,
        files: &mut Vec<(String, u32, usize)>,
        index: usize,
    ) -> HttpRequest {
        let args = self.split_args(&eff.args);
        let (opts, pos) = self.parse_opts(&args, &CURL);
        let mut req = self.empty_request(cmd, "curl", eff.name_node);
        let mut method_val: Option<StrValue> = None;
        let mut get_word = None;
        let mut head_word = None;
        let mut upload = false;
        let mut data: Vec<(DataKind, StrValue)> = Vec::new();
        let mut url_query: Vec<StrValue> = Vec::new();
        let mut user = false;
        let mut other_auth = false;
        for o in &opts {
            let v = o.vals.first().map(|v| v.sv.clone());
            match o.name.as_str() {
                "request" => method_val = v,
                "get" => get_word = Some((o.word.clone(), o.own)),
                "head" => head_word = Some(o.word.clone()),
                "upload-file" => upload = true,
                "data" | "data-ascii" | "data-binary" => {
                    data.extend(v.map(|v| (DataKind::Data, v)));
                }
                "data-raw" => data.extend(v.map(|v| (DataKind::Raw, v))),
                "data-urlencode" => data.extend(v.map(|v| (DataKind::UrlEncode, v))),
                "json" => data.extend(v.map(|v| (DataKind::Json, v))),
                "form" | "form-string" => data.extend(v.map(|v| (DataKind::Form, v))),
                "header" => {
                    if let Some(e) = v.as_ref().and_then(header_entry) {
                        req.headers.push(e);
                    }
                }
                "user" => user = true,
                "digest" | "ntlm" | "negotiate" | "anyauth" | "oauth2-bearer" | "aws-sigv4" => {
                    other_auth = true
                }
                "url" if req.url.is_none() => req.url = v,
                "url-query" => url_query.extend(v),
                "output" => {
                    if let Some(v) = v.filter(|v| v.is_plain() && v.text() != "-") {
                        files.push((v.text(), (self.a.end(cmd) as usize) as u32, index));
                    }
                }
                _ => {}
            }
        }
        if req.url.is_none() {
            req.url = self.pick_url(&args, &pos);
        }
        if let Some(u) = &req.url {
            req.query = query_entries(u);
        }
        for q in &url_query {
            let t = q.text();
            req.query.extend(pair_entries(q, &t, 0..t.len()));
        }
        req.basic_auth = (user && !other_auth) || header_is_basic(&req.headers);

        // body
        let ctype = content_type(&req.headers);
        let mut entries = Vec::new();
        let mut any_json = false;
        let mut any_form_pairs = false;
        let mut spans: Vec<Span> = Vec::new();
        let mut multipart = false;
        for (kind, v) in &data {
            let text = v.text();
            let (sv, span) = if matches!(kind, DataKind::Data | DataKind::Json) && text == "@-" {
                match self.stdin_value(cmd) {
                    Some(s) => {
                        let span = s.span.clone();
                        (s, span)
                    }
                    None => {
                        spans.push(v.span.clone());
                        continue;
                    }
                }
            } else {
                (v.clone(), v.span.clone())
            };
            spans.push(span);
            let text = sv.text();
            match kind {
                DataKind::Json => {
                    any_json = true;
                    if !text.starts_with('@') {
                        entries.extend(json_entries(&sv));
                    }
                }
                DataKind::Form => {
                    multipart = true;
                    entries.extend(form_item(&sv));
                }
                DataKind::UrlEncode => {
                    any_form_pairs = true;
                    entries.extend(urlencode_item(&sv));
                }
                DataKind::Data | DataKind::Raw => {
                    if *kind == DataKind::Data && text.starts_with('@') {
                        continue;
                    }
                    if looks_json(&sv) {
                        any_json = true;
                        entries.extend(json_entries(&sv));
                    } else {
                        any_form_pairs = true;
                        entries.extend(pair_entries(&sv, &text, 0..text.len()));
                    }
                }
            }
        }
        let has_data = !data.is_empty();
        if get_word.is_some() && has_data {
            req.query.extend(entries);
        } else if has_data {
            let kind = if data.iter().any(|(k, _)| *k == DataKind::Json) {
                BodyKind::Json
            } else if multipart {
                BodyKind::Multipart
            } else {
                match ctype.as_deref() {
                    Some(t) if t.contains("json") => BodyKind::Json,
                    Some(t) if t.contains("x-www-form-urlencoded") => BodyKind::Form,
                    Some(t) if t.contains("multipart") => BodyKind::Multipart,
                    Some(_) if !any_json && !any_form_pairs => BodyKind::Raw,
                    _ if any_json => BodyKind::Json,
                    _ => BodyKind::Form,
                }
            };
            req.body_kind = Some(kind);
            req.body = entries;
            req.body_span = match (spans.first(), spans.last()) {
                (Some(a), Some(b)) if a.start <= b.end => Some(a.start..b.end),
                (Some(a), _) => Some(a.clone()),
                _ => None,
            };
        }

        // method
        let name_span = self.a.span(eff.name_node);
        if let Some(mv) = &method_val {
            let (m, s) = self.explicit_method(mv);
            req.method = m;
            req.method_source = s;
        } else if let Some(w) = head_word {
            req.method = Some(Method::Head);
            req.method_source = MethodSource::Explicit { span: w };
        } else if let Some((w, _)) = &get_word {
            req.method = Some(Method::Get);
            req.method_source = MethodSource::Explicit { span: w.clone() };
        } else if upload {
            req.method = Some(Method::Put);
            req.method_source = MethodSource::Default {
                span: name_span.clone(),
            };
        } else if has_data {
            req.method = Some(Method::Post);
            req.method_source = MethodSource::Default {
                span: name_span.clone(),
            };
        }

        // rewrites
        if req.method == Some(Method::Get) {
            let edits = match (&method_val, &get_word) {
                (Some(_), _) => match &req.method_source {
                    MethodSource::Explicit { span } => vec![(span.clone(), "POST".to_string())],
                    _ => Vec::new(),
                },
                (None, Some((w, true))) => {
                    let t = self.a.src.get(w.clone()).unwrap_or("");
                    if t == "-G" || t == "--get" {
                        vec![(extend_over_blanks(self.a.src, w.clone()), String::new())]
                    } else {
                        Vec::new()
                    }
                }
                (None, Some(_)) => Vec::new(),
                (None, None) => vec![(name_span.end..name_span.end, " -X POST".to_string())],
            };
            if !edits.is_empty() {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits,
                });
            }
        }
        let json_flag = data.iter().any(|(k, _)| *k == DataKind::Json);
        if req.body_kind == Some(BodyKind::Json) && any_form_pairs && !any_json && !json_flag {
            let header = req.headers.iter().rev().find(|h| {
                h.key.eq_ignore_ascii_case("content-type")
                    && plain_text(h).is_some_and(|t| t.to_ascii_lowercase().contains("json"))
            });
            if let Some(span) = header.and_then(|h| {
                let v = h.value.as_ref()?;
                v.source_of(0..v.text().len())
            }) {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToForm,
                    edits: vec![(span, "application/x-www-form-urlencoded".to_string())],
                });
            }
        }
        if req.body_kind == Some(BodyKind::Json) && any_json && !any_form_pairs && !multipart {
            if let Some(edits) = self.json_data_to_form(&opts, &req.headers) {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::JsonToForm,
                    edits,
                });
            }
        }
        keep_local_hints(&mut req);
        req
    }

    /// A curl command's one JSON body option (`-d '{"k":"v"}'`, `--json`)
    /// as `--data-urlencode "k=v"` options, and a JSON content type it sends
    /// as the form type: only for a flat object of scalars whose unknown
    /// parts are plain variables.
    fn json_data_to_form(&self, opts: &[Opt], headers: &[Entry]) -> Option<Vec<(Span, String)>> {
        let mut body = opts.iter().filter(|o| {
            matches!(
                o.name.as_str(),
                "data"
                    | "data-ascii"
                    | "data-binary"
                    | "data-raw"
                    | "data-urlencode"
                    | "json"
                    | "form"
                    | "form-string"
            )
        });
        let o = body.next()?;
        if body.next().is_some() || !o.own || o.vals.len() != 1 || o.name == "data-urlencode" {
            return None;
        }
        let value = &o.vals[0].sv;
        if !o.name.starts_with("data") && o.name != "json" || value.span.start < o.word.end {
            return None;
        }
        let pairs = flat_json_pairs(self.a.src, value)?;
        let options: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("--data-urlencode \"{k}={v}\""))
            .collect();
        let mut edits = vec![(o.word.start..value.span.end, options.join(" "))];
        for h in headers {
            let json = h.key.eq_ignore_ascii_case("content-type")
                && plain_text(h).is_some_and(|t| t.to_ascii_lowercase().contains("json"));
            if json {
                let v = h.value.as_ref()?;
                edits.push((
                    v.source_of(0..v.text().len())?,
                    "application/x-www-form-urlencoded".to_string(),
                ));
            }
        }
        Some(edits)
    }

    fn wget(
        &self,
        cmd: u32,
        eff: &Eff,
        files: &mut Vec<(String, u32, usize)>,
        index: usize,
    ) -> HttpRequest {
        let args = self.split_args(&eff.args);
        let (opts, pos) = self.parse_opts(&args, &WGET);
        let mut req = self.empty_request(cmd, "wget", eff.name_node);
        let mut method_val = None;
        let mut body: Option<StrValue> = None;
        let mut body_file = false;
        for o in &opts {
            let v = o.vals.first().map(|v| v.sv.clone());
            match o.name.as_str() {
                "method" => method_val = v,
                "post-data" | "body-data" => body = v,
                "post-file" | "body-file" => body_file = true,
                "header" => {
                    if let Some(e) = v.as_ref().and_then(header_entry) {
                        req.headers.push(e);
                    }
                }
                "user" | "http-user" => req.basic_auth = true,
                "output-document" => {
                    if let Some(v) = v.filter(|v| v.is_plain() && v.text() != "-") {
                        files.push((v.text(), (self.a.end(cmd) as usize) as u32, index));
                    }
                }
                _ => {}
            }
        }
        req.basic_auth |= header_is_basic(&req.headers);
        req.url = self.pick_url(&args, &pos);
        if let Some(u) = &req.url {
            req.query = query_entries(u);
        }
        let ctype = content_type(&req.headers);
        if let Some(b) = &body {
            let text = b.text();
            let json = ctype.as_deref().is_some_and(|t| t.contains("json")) || looks_json(b);
            req.body_kind = Some(if json { BodyKind::Json } else { BodyKind::Form });
            req.body = if looks_json(b) {
                json_entries(b)
            } else {
                pair_entries(b, &text, 0..text.len())
            };
            req.body_span = Some(b.span.clone());
        } else if body_file {
            req.body_kind = Some(match ctype.as_deref() {
                Some(t) if t.contains("json") => BodyKind::Json,
                _ => BodyKind::Form,
            });
        }
        if let Some(mv) = &method_val {
            let (m, s) = self.explicit_method(mv);
            req.method = m;
            req.method_source = s;
        } else if body.is_some() || body_file {
            req.method = Some(Method::Post);
        } else {
            let name_span = self.a.span(eff.name_node);
            req.method = Some(Method::Get);
            req.method_source = MethodSource::Default {
                span: name_span.clone(),
            };
            // `wget "…/token?a=b"` → `wget --post-data "a=b" "…/token"`: the
            // query, quoted as it was, becomes the form body of a POST
            let url_word = req.url.as_ref().map(|u| u.span.clone());
            let edits = url_word.and_then(|w| {
                let word = self.a.src.get(w.clone())?;
                let q = word.chars().next()?;
                let quoted = matches!(q, '"' | '\'') && word.len() >= 2 && word.ends_with(q);
                let inner = if quoted {
                    &word[1..word.len() - 1]
                } else {
                    word
                };
                if quoted && inner.contains(q) || !quoted && inner.contains(['"', '\'', '\\']) {
                    return None;
                }
                let at = inner.find('?')?;
                let query = &inner[at + 1..];
                if query.is_empty() || query.contains('#') {
                    return None;
                }
                let open = usize::from(quoted);
                let cut = w.start + open + at..w.start + open + inner.len();
                let quote = if quoted { q } else { '"' };
                Some(vec![
                    (
                        name_span.end..name_span.end,
                        format!(" --post-data {quote}{query}{quote}"),
                    ),
                    (cut, String::new()),
                ])
            });
            req.rewrite_hints.extend(edits.map(|edits| RewriteHint {
                kind: RewriteKind::ToPost,
                edits,
            }));
        }
        keep_local_hints(&mut req);
        req
    }

    fn httpie(&self, cmd: u32, eff: &Eff) -> HttpRequest {
        let args = self.split_args(&eff.args);
        let (opts, pos) = self.parse_opts(&args, &HTTPIE);
        let mut req = self.empty_request(cmd, "httpie", eff.name_node);
        let mut form = false;
        let mut multipart = false;
        let mut json_flag = false;
        let mut raw = false;
        let mut auth = false;
        let mut auth_type: Option<String> = None;
        for o in &opts {
            match o.name.as_str() {
                "form" => form = true,
                "multipart" => multipart = true,
                "json" => json_flag = true,
                "raw" => raw = true,
                "auth" => auth = true,
                "auth-type" => {
                    auth_type = o.vals.first().map(|v| v.sv.text().to_ascii_lowercase());
                }
                _ => {}
            }
        }
        let vals: Vec<(u32, StrValue)> = pos
            .iter()
            .map(|&i| (args[i].node, args[i].sv.clone()))
            .collect();
        let mut k = 0;
        let mut method_word = None;
        if vals.len() >= 2 {
            let t = vals[0].1.text();
            if vals[0].1.is_plain() && !t.is_empty() && t.bytes().all(|b| b.is_ascii_uppercase()) {
                method_word = Some(vals[0].clone());
                k = 1;
            }
        }
        req.url = vals.get(k).map(|v| v.1.clone());
        let mut data_items = 0;
        let mut only_strings = true;
        let mut files = false;
        let mut body_spans: Vec<Span> = Vec::new();
        for (_, sv) in vals.iter().skip(k + 1) {
            let text = sv.text();
            let Some((at, sep)) = httpie_separator(&text) else {
                continue;
            };
            let key_range = 0..at;
            let key = &text[..at];
            if key.is_empty() || key.contains(HOLE) {
                continue;
            }
            let vr = at + sep.len()..text.len();
            let entry = |with_value: bool| Entry {
                key: key.to_string(),
                key_span: sv.source_of(key_range.clone()),
                value: with_value.then(|| slice(sv, vr.clone())),
                value_span: if vr.start < vr.end {
                    sv.source_near(vr.clone(), vr.start)
                } else {
                    None
                },
                span: sv.span.clone(),
            };
            match sep {
                "==" => req.query.push(entry(true)),
                ":" => {
                    let mut e = entry(true);
                    let mut vs = vr.start;
                    let bytes = text.as_bytes();
                    while vs < bytes.len() && bytes[vs] == b' ' {
                        vs += 1;
                    }
                    e.value = Some(slice(sv, vs..text.len()));
                    req.headers.push(e);
                }
                ";" => req.headers.push(entry(true)),
                "=" | ":=" => {
                    data_items += 1;
                    only_strings &= sep == "=";
                    req.body.push(entry(true));
                    body_spans.push(sv.span.clone());
                }
                _ => {
                    // `@file`, `=@file`, `:=@file`
                    data_items += 1;
                    only_strings = false;
                    files |= sep == "@";
                    req.body.push(entry(false));
                    body_spans.push(sv.span.clone());
                }
            }
        }
        req.basic_auth = (auth && auth_type.as_deref().is_none_or(|t| t == "basic"))
            || header_is_basic(&req.headers);
        if data_items > 0 || raw {
            req.body_kind = Some(if raw {
                BodyKind::Raw
            } else if multipart || (form && files) {
                BodyKind::Multipart
            } else if form {
                BodyKind::Form
            } else {
                BodyKind::Json
            });
            req.body_span = match (body_spans.first(), body_spans.last()) {
                (Some(a), Some(b)) => Some(a.start..b.end),
                _ => None,
            };
        }
        let name_span = self.a.span(eff.name_node);
        if let Some((_, mv)) = &method_word {
            let (m, s) = self.explicit_method(mv);
            req.method = m;
            req.method_source = s;
        } else if req.body_kind.is_some() {
            req.method = Some(Method::Post);
        }
        if req.method == Some(Method::Get) {
            let edit = match &req.method_source {
                MethodSource::Explicit { span } => Some((span.clone(), "POST".to_string())),
                MethodSource::Default { .. } => {
                    Some((name_span.end..name_span.end, " POST".to_string()))
                }
                MethodSource::Unknown => None,
            };
            if let Some(e) = edit {
                req.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits: vec![e],
                });
            }
        }
        if req.body_kind == Some(BodyKind::Json) && !json_flag && only_strings && data_items > 0 {
            req.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToForm,
                edits: vec![(name_span.end..name_span.end, " --form".to_string())],
            });
        }
        keep_local_hints(&mut req);
        req
    }

    // -- origins ------------------------------------------------------------

    /// Where the value of a word comes from.
    fn word_origin(&self, node: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        match self.a.kind(node) {
            "string" => {
                let kids: Vec<u32> = self.a.named(node).collect();
                if kids.iter().all(|&k| self.a.kind(k) == "string_content") {
                    return Origin::Literal;
                }
                match kids.as_slice() {
                    [k] => self.word_origin(*k, depth + 1),
                    _ => Origin::Unknown,
                }
            }
            "simple_expansion" | "expansion" => {
                let var = self
                    .a
                    .named(node)
                    .find(|&k| self.a.kind(k) == "variable_name");
                match var {
                    Some(v) => self.var_origin(self.a.text(v), node, depth + 1),
                    None => Origin::Unknown,
                }
            }
            "command_substitution" => self.subst_origin(node, depth + 1),
            "raw_string" | "word" | "ansi_c_string" | "number" => Origin::Literal,
            _ => Origin::Unknown,
        }
    }

    fn var_origin(&self, name: &str, at: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        let Some(b) = self.lookup(name, at) else {
            return Origin::Unknown;
        };
        match &self.binds[b].kind {
            BindKind::Value(v) => self.word_origin(*v, depth + 1),
            BindKind::Input => Origin::Input,
            _ => Origin::Unknown,
        }
    }

    fn subst_origin(&self, cs: u32, depth: u32) -> Origin {
        match self.a.last_named(cs) {
            Some(s) => self.stmt_output_origin(s, depth + 1),
            None => Origin::Unknown,
        }
    }

    /// Where what a statement prints comes from.
    fn stmt_output_origin(&self, s: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        match self.a.kind(s) {
            "command" => self.output_origin(s, depth + 1),
            "pipeline" | "list" | "subshell" | "compound_statement" => match self.a.last_named(s) {
                Some(l) => self.stmt_output_origin(l, depth + 1),
                None => Origin::Unknown,
            },
            "redirected_statement" => {
                let Some(body) = self.a.field(s, "body") else {
                    return Origin::Unknown;
                };
                if self.a.kind(body) == "command" && self.stdout_file(body).is_some() {
                    return Origin::Unknown;
                }
                self.stmt_output_origin(body, depth + 1)
            }
            _ => Origin::Unknown,
        }
    }

    /// Where what a command prints comes from.
    fn output_origin(&self, cmd: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        if let Some(&i) = self.requests.get(&cmd) {
            return Origin::Response(i);
        }
        let Some(eff) = self.effective(cmd) else {
            return Origin::Unknown;
        };
        match eff.name.as_str() {
            "echo" | "printf" => match eff.args.last() {
                Some(&a) => self.word_origin(a, depth + 1),
                None => Origin::Unknown,
            },
            "cat" => {
                let file = eff
                    .args
                    .iter()
                    .copied()
                    .find(|&a| !self.a.text(a).starts_with('-'));
                match file {
                    Some(f) => self.file_origin(f, depth + 1),
                    None => self.input_origin(cmd, depth + 1),
                }
            }
            "tee" => self.input_origin(cmd, depth + 1),
            name => {
                let summary = self
                    .funcs
                    .get(name)
                    .map(|&f| self.func_summary(f, depth + 1))
                    .unwrap_or_default();
                if summary != Origin::Unknown {
                    return summary;
                }
                match self.calls.get(&cmd) {
                    Some(&i) if Libraries::get().is_token_call(name) => Origin::TokenCall(i),
                    _ => Origin::Unknown,
                }
            }
        }
    }

    fn func_summary(&self, f: u32, depth: u32) -> Origin {
        match self.a.field(f, "body") {
            Some(b) => self.stmt_output_origin(b, depth + 1),
            None => Origin::Unknown,
        }
    }

    fn file_origin(&self, node: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        let Some(path) = self.plain(node) else {
            return Origin::Unknown;
        };
        let at = (self.a.start(node) as usize) as u32;
        let same: Vec<&(String, u32, usize)> = self.files.iter().filter(|f| f.0 == path).collect();
        if let Some(f) = same.iter().rev().find(|f| f.1 <= at) {
            return Origin::Response(f.2);
        }
        match same.as_slice() {
            [f] => Origin::Response(f.2),
            _ => Origin::Unknown,
        }
    }

    /// Where what a command reads on its standard input comes from.
    fn input_origin(&self, cmd: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        for r in self.redirects(cmd) {
            match self.a.kind(r) {
                "herestring_redirect" => {
                    if let Some(w) = self.a.named(r).last() {
                        return self.word_origin(w, depth + 1);
                    }
                }
                "file_redirect" if self.a.first_anon(r) == "<" => {
                    if let Some(d) = self.a.field(r, "destination") {
                        return self.file_origin(d, depth + 1);
                    }
                }
                "heredoc_redirect" => {
                    let Some(body) = self.heredoc_body_of(r) else {
                        return Origin::Literal;
                    };
                    let kids: Vec<u32> = self
                        .a
                        .named(body)
                        .filter(|&k| {
                            self.a.kind(k) != "heredoc_content" || !self.a.text(k).trim().is_empty()
                        })
                        .collect();
                    let lead = self
                        .a
                        .src
                        .get(
                            (self.a.start(body) as usize)
                                ..kids.first().map_or(0, |&k| self.a.start(k) as usize),
                        )
                        .unwrap_or("x");
                    return match kids.as_slice() {
                        [k] if lead.trim().is_empty() => self.word_origin(*k, depth + 1),
                        _ => Origin::Literal,
                    };
                }
                _ => {}
            }
        }
        let stmt = if self.a.field_name(cmd) == "body"
            && self.a.kind(self.a.parent(cmd)) == "redirected_statement"
        {
            self.a.parent(cmd)
        } else {
            cmd
        };
        let p = self.a.parent(stmt);
        if self.a.kind(p) == "pipeline" {
            let kids: Vec<u32> = self.a.named(p).collect();
            if let Some(at) = kids.iter().position(|&k| k == stmt) {
                if at > 0 {
                    return self.stmt_output_origin(kids[at - 1], depth + 1);
                }
            }
        }
        Origin::Unknown
    }

    /// `NAME=$(… | jq …)`: the variable the command's output is assigned to.
    fn assigned_to(&self, cmd: u32) -> Option<String> {
        self.assigned_through(cmd, false)
    }

    /// The variable a command's output is assigned to, where the commands
    /// after it in its pipeline only cut the text (`grep -o '"k":"[^"]*' |
    /// cut -d'"' -f4`): the value is still the field's.
    fn assigned_through_cuts(&self, cmd: u32) -> Option<String> {
        self.assigned_through(cmd, true)
    }

    fn only_cuts_after(&self, pipeline: u32, n: u32) -> bool {
        let mut after = false;
        for c in self.a.named(pipeline) {
            if c == n {
                after = true;
            } else if after {
                let cuts = self.a.kind(c) == "command"
                    && self.effective(c).is_some_and(|e| {
                        matches!(
                            e.name.as_str(),
                            "cut" | "tr" | "head" | "tail" | "sed" | "xargs"
                        )
                    });
                if !cuts {
                    return false;
                }
            }
        }
        after
    }

    /// A test after `from` of whether `var` is empty: `[ -n "$v" ]`,
    /// `[[ -z $v ]]`, `test -n "${v}"`, `[ "$v" != "" ]`.
    fn tested_for_emptiness(&self, var: &str, from: usize) -> bool {
        let Ok(test) = regex::Regex::new(&format!(
            r#"-[nz]\s+"?\$\{{?{v}\}}?"?|"?\$\{{?{v}\}}?"?\s*!?=\s*""#,
            v = regex::escape(var)
        )) else {
            return false;
        };
        self.ids().any(|n| {
            let kind = self.a.kind(n);
            (kind == "test_command"
                || kind == "command" && self.effective(n).is_some_and(|e| e.name == "test"))
                && self.a.span(n).start >= from
                && test.is_match(self.a.text(n))
        })
    }

    fn assigned_through(&self, cmd: u32, through_cuts: bool) -> Option<String> {
        let mut n = cmd;
        for _ in 0..CLIMB_LIMIT {
            let p = self.a.parent(n);
            match self.a.kind(p) {
                "pipeline" if through_cuts && self.only_cuts_after(p, n) => {
                    n = p;
                }
                "pipeline" | "command_substitution" => {
                    if self.a.last_named(p) != Some(n)
                        || (self.a.kind(p) == "command_substitution"
                            && self.a.named(p).count() != 1)
                    {
                        return None;
                    }
                    n = p;
                }
                "redirected_statement" => {
                    if self.a.field_name(n) != "body"
                        || (self.a.kind(n) == "command" && self.stdout_file(n).is_some())
                    {
                        return None;
                    }
                    n = p;
                }
                "string" => {
                    if self.a.kind(n) != "command_substitution" || self.a.named(p).count() != 1 {
                        return None;
                    }
                    n = p;
                }
                "variable_assignment" => {
                    if self.a.field_name(n) != "value"
                        || !matches!(self.a.kind(n), "command_substitution" | "string")
                    {
                        return None;
                    }
                    let name = self.a.field(p, "name")?;
                    return Some(self.a.text(name).to_string());
                }
                _ => return None,
            }
        }
        None
    }

    // -- field reads ----------------------------------------------------------

    fn field_reads(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.a.kind(id) != "command" {
                continue;
            }
            let Some(eff) = self.effective(id) else {
                continue;
            };
            if matches!(
                eff.name.as_str(),
                "grep"
                    | "egrep"
                    | "sed"
                    | "awk"
                    | "gawk"
                    | "perl"
                    | "python"
                    | "python3"
                    | "ruby"
                    | "node"
            ) {
                self.scraped_reads(id, &eff.args, m);
                continue;
            }
            if !matches!(eff.name.as_str(), "jq" | "gojq" | "jaq") {
                continue;
            }
            let args = self.split_args(&eff.args);
            let (opts, pos) = self.parse_opts(&args, &JQ);
            if opts.iter().any(|o| o.name == "from-file") {
                continue;
            }
            let Some(&fi) = pos.first() else { continue };
            let filter = args[fi].sv.clone();
            let null_input = opts.iter().any(|o| o.name == "null-input");
            let positional_args = opts
                .iter()
                .any(|o| o.name == "args" || o.name == "jsonargs");
            let vars: HashMap<String, StrValue> = opts
                .iter()
                .filter(|o| o.name == "arg" && o.vals.len() == 2)
                .map(|o| (o.vals[0].sv.text(), o.vals[1].sv.clone()))
                .collect();
            let origin = if null_input {
                Origin::Unknown
            } else if let (Some(&f), false) = (pos.get(1), positional_args) {
                self.file_origin(args[f].node, 0)
            } else {
                self.input_origin(id, 0)
            };
            let text = filter.text();
            let reads = jq_reads(&text);
            let roots = reads.iter().filter(|r| r.root).count();
            let target = if roots == 1 {
                self.assigned_to(id)
            } else {
                None
            };
            for r in reads {
                let Some(span) = filter.source_of(r.range.clone()) else {
                    continue;
                };
                let assigned = if r.root { target.clone() } else { None };
                let fallback_is_target = match (&r.fallback, &assigned) {
                    (Some(fb), Some(t)) => fallback_names(&filter, &text, fb.clone(), t, &vars),
                    _ => false,
                };
                m.field_reads.push(FieldRead {
                    absence_fails: false,
                    field: r.field,
                    span,
                    kind: r.kind,
                    receiver: r.receiver,
                    origin: if r.root {
                        origin.clone()
                    } else {
                        Origin::Unknown
                    },
                    guarded: r.guarded,
                    asserted: false,
                    assigned_to: assigned,
                    fallback_is_target,
                    origin_span: None,
                    absence: Absence::default(),
                });
            }
        }
    }

    /// A token response scraped by text: `grep -o '"organizer_key":"[^"]*'`,
    /// `sed 's/.*"refresh_token":"\([^"]*\)".*/\1/'`, `python3 -c
    /// '…json.load(sys.stdin)["email"]'` on the response piped in. Each JSON
    /// key (`"k":`) or subscript (`["k"]`) in the program text is a read.
    fn scraped_reads(&self, id: u32, args: &[u32], m: &mut FileModel) {
        let origin = self.input_origin(id, 0);
        if !matches!(origin, Origin::Response(_) | Origin::TokenCall(_)) {
            return;
        }
        static KEY: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let key = KEY.get_or_init(|| {
            regex::Regex::new(
                r#"\\?"([A-Za-z_][A-Za-z0-9_]*)\\?"\s*:|\[\s*\\?['"]([A-Za-z_][A-Za-z0-9_]*)\\?['"]\s*\]"#,
            )
            .expect("scraped key pattern")
        });
        let split = self.split_args(args);
        // one key scraped: the pipeline's output is that field
        let keys: usize = split
            .iter()
            .map(|a| key.captures_iter(&a.sv.text()).count())
            .sum();
        let target = if keys == 1 {
            self.assigned_through_cuts(id)
        } else {
            None
        };
        // text cut from an answer without the field is empty: a test of
        // the variable for emptiness after it is the presence check
        let guarded = target
            .as_deref()
            .is_some_and(|t| self.tested_for_emptiness(t, self.a.span(id).end));
        for a in split {
            let text = a.sv.text();
            for c in key.captures_iter(&text) {
                let Some(g) = c.get(1).or_else(|| c.get(2)) else {
                    continue;
                };
                let Some(span) = a.sv.source_of(g.range()) else {
                    continue;
                };
                m.field_reads.push(FieldRead {
                    absence_fails: false,
                    field: g.as_str().to_string(),
                    span,
                    kind: ReadKind::Get,
                    receiver: self.a.text(id).chars().take(80).collect(),
                    origin: origin.clone(),
                    guarded,
                    asserted: false,
                    assigned_to: target.clone(),
                    fallback_is_target: false,
                    origin_span: None,
                    absence: Absence::default(),
                });
            }
        }
    }

    // -- strings, comments ----------------------------------------------------

    fn is_root(&self, id: u32) -> bool {
        let kind = self.a.kind(id);
        if !VALUE_KINDS.contains(&kind)
            || matches!(
                kind,
                "number" | "command_substitution" | "process_substitution" | "arithmetic_expansion"
            )
        {
            return false;
        }
        let p = self.a.parent(id);
        if p == NONE {
            return false;
        }
        if self.a.kind(p) == "function_definition" && self.a.field_name(id) == "name" {
            return false;
        }
        !matches!(
            self.a.kind(p),
            "concatenation"
                | "string"
                | "translated_string"
                | "expansion"
                | "heredoc_body"
                | "subscript"
                | "arithmetic_expansion"
        )
    }

    /// Whether a value holds literal text written inside `span`.
    fn own_literal(v: &StrValue, span: &Span) -> bool {
        v.pieces.iter().any(|p| match p {
            Piece::Lit {
                src: Some(s), text, ..
            } => s.start >= span.start && s.end <= span.end && !text.trim().is_empty(),
            _ => false,
        })
    }

    fn strings(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.is_root(id) {
                let v = self.value(id);
                if Self::own_literal(&v, &self.a.span(id)) {
                    m.strings.push(v);
                }
            }
        }
        for id in self.ids() {
            if self.a.kind(id) == "heredoc_body" {
                self.heredoc_lines(id, m);
            }
        }
        // the parts of `${VAR:-default}` a known VAR left out
        for id in self.ids() {
            let kind = self.a.kind(id);
            if !VALUE_KINDS.contains(&kind)
                || self.a.kind(self.a.parent(id)) != "expansion"
                || self.is_marked(id)
            {
                continue;
            }
            let v = self.value(id);
            if Self::own_literal(&v, &self.a.span(id)) {
                m.strings.push(v);
            }
        }
    }

    fn heredoc_lines(&self, body: u32, m: &mut FileModel) {
        let v = self.heredoc_value(body);
        let own = self.a.span(body);
        let mut line: Vec<Piece> = Vec::new();
        let mut finish = |line: &mut Vec<Piece>| {
            let meaningful = line.iter().any(|p| match p {
                Piece::Lit { text, .. } => !text.trim().is_empty(),
                Piece::Hole { .. } => true,
            });
            if meaningful {
                let mut start = usize::MAX;
                let mut end = 0;
                for p in line.iter() {
                    let s = match p {
                        Piece::Lit { src: Some(s), .. } => s,
                        Piece::Hole { src, .. } => src,
                        _ => continue,
                    };
                    // resolved variables point at their definitions
                    if s.start < own.start || s.end > own.end {
                        continue;
                    }
                    start = start.min(s.start);
                    end = end.max(s.end);
                }
                if start <= end {
                    m.strings.push(StrValue {
                        pieces: std::mem::take(line),
                        span: start..end,
                    });
                }
            }
            line.clear();
        };
        for p in &v.pieces {
            match p {
                Piece::Lit { text, .. } if text.contains('\n') => {
                    let mut at = 0;
                    for (i, _) in text.match_indices('\n') {
                        if let Some(x) = sub_piece(p, at, i) {
                            line.push(x);
                        }
                        finish(&mut line);
                        at = i + 1;
                    }
                    if let Some(x) = sub_piece(p, at, text.len()) {
                        line.push(x);
                    }
                }
                _ => line.push(p.clone()),
            }
        }
        finish(&mut line);
    }

    fn comments(&self, m: &mut FileModel) {
        for id in self.ids() {
            if self.a.kind(id) == "comment" {
                m.comments.push(self.a.span(id));
            }
        }
    }
}

/// Whether the fallback `fb` of a jq read names the assignment target:
/// `// "$RT"` spliced in by the shell, or `// $old` with `--arg old "$RT"`.
fn fallback_names(
    filter: &StrValue,
    text: &str,
    fb: Range<usize>,
    target: &str,
    vars: &HashMap<String, StrValue>,
) -> bool {
    let names_target = |v: &StrValue, r: Range<usize>| {
        let mut at = 0;
        v.pieces.iter().any(|p| {
            let len = piece_len(p);
            let hit = at < r.end && at + len > r.start;
            at += len;
            hit && matches!(p, Piece::Hole { name, .. } if name == target)
        })
    };
    if names_target(filter, fb.clone()) {
        return true;
    }
    let expr = text.get(fb).unwrap_or("").trim();
    if let Some(var) = expr.strip_prefix('$') {
        if let Some(v) = vars.get(var) {
            let t = v.text();
            return names_target(v, 0..t.len());
        }
    }
    false
}

/// Rewrites must stay inside the command: a method or header that came
/// from a variable is not a local edit.
fn keep_local_hints(req: &mut HttpRequest) {
    let span = req.span.clone();
    req.rewrite_hints.retain(|h| {
        h.edits
            .iter()
            .all(|(e, _)| e.start >= span.start && e.end <= span.end)
    });
}

/// `name=value` of curl `-F`/`--form`.
fn form_item(sv: &StrValue) -> Vec<Entry> {
    let text = sv.text();
    let Some(eq) = text.find('=') else {
        return Vec::new();
    };
    let key = &text[..eq];
    if key.is_empty() || key.contains(HOLE) {
        return Vec::new();
    }
    let file = text[eq + 1..].starts_with(['@', '<']);
    let vr = eq + 1..text.len();
    vec![Entry {
        key: key.to_string(),
        key_span: sv.source_of(0..eq),
        value: (!file).then(|| slice(sv, vr.clone())),
        value_span: if vr.start < vr.end {
            sv.source_near(vr.clone(), vr.start)
        } else {
            None
        },
        span: sv
            .source_near(0..text.len(), 0)
            .unwrap_or_else(|| sv.span.clone()),
    }]
}

/// `name=content` / `name@file` of curl `--data-urlencode`.
fn urlencode_item(sv: &StrValue) -> Vec<Entry> {
    let text = sv.text();
    let Some(at) = text.find(['=', '@']) else {
        return Vec::new();
    };
    let key = &text[..at];
    if key.is_empty() || key.contains(HOLE) {
        return Vec::new();
    }
    let file = text.as_bytes()[at] == b'@';
    let vr = at + 1..text.len();
    vec![Entry {
        key: key.to_string(),
        key_span: sv.source_of(0..at),
        value: (!file).then(|| slice(sv, vr.clone())),
        value_span: if vr.start < vr.end {
            sv.source_near(vr.clone(), vr.start)
        } else {
            None
        },
        span: sv
            .source_near(0..text.len(), 0)
            .unwrap_or_else(|| sv.span.clone()),
    }]
}

/// The first HTTPie item separator in an argument: (offset, separator).
fn httpie_separator(text: &str) -> Option<(usize, &'static str)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b':' => {
                return Some(if text[i..].starts_with(":=@") {
                    (i, ":=@")
                } else if text[i..].starts_with(":=") {
                    (i, ":=")
                } else {
                    (i, ":")
                })
            }
            b'=' => {
                return Some(if text[i..].starts_with("==") {
                    (i, "==")
                } else if text[i..].starts_with("=@") {
                    (i, "=@")
                } else {
                    (i, "=")
                })
            }
            b'@' => return Some((i, "@")),
            _ => i += 1,
        }
    }
    let t = text.trim_end();
    t.ends_with(';').then(|| (t.len() - 1, ";"))
}

#[cfg(test)]
mod header_tests {
    use super::header_is_basic;
    use crate::model::{Entry, StrValue};

    #[test]
    fn a_header_value_with_a_wide_character_in_its_first_bytes_is_read_safely() {
        let header = |value: &str| Entry {
            key: "Authorization".to_string(),
            key_span: None,
            value: Some(StrValue::literal(value, 0..value.len())),
            value_span: None,
            span: 0..0,
        };
        assert!(!header_is_basic(&[header("Bas\u{feff}ic x")]));
        assert!(header_is_basic(&[header("basic x")]));
        assert!(!header_is_basic(&[header("Ba")]));
    }
}
