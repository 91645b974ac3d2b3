//! Host literals that several URLs are built from: `HOST = "api.getgo.com"`
//! used in `"https://%s/oauth/access_token" % HOST`, or `AUTH_HOST + "/oauth/v2/authorize"`.
//!
//! A literal that feeds several values appears, with the same source span,
//! in each of them, so every use of a constant in the file can be seen and
//! classified: an OAuth URL (a path under `/oauth`), or anything else (a REST
//! path, a bare reference handed to a client, a path that is not known).
//! From that the fix is chosen:
//! - every use is OAuth: change the literal to the new auth host and drop
//!   `/v2` from every use's path, all in one fix (safe);
//! - the literal also serves other uses: rewrite each OAuth URL where it is
//!   written, without the constant (unsafe: the reference is dropped);
//! - no fix where neither can be written.
//!
//! Uses that the model does not show are looked for by name: every reference
//! to the constant's name outside its definition must lie inside a value
//! classified as an OAuth URL. A literal with no name (an inline `site:`)
//! is shared when the file holds a relative path outside `/oauth`.

use super::shared_values;
use crate::goto::{self, Host, UrlHit};
use crate::model::{FileModel, OffsetMap, Piece, Span, StrValue};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The current authentication host's origin.
pub const AUTH_ORIGIN: &str = "https://authentication.logmeininc.com";

/// What to do with the OAuth uses of one shared host literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// every use is OAuth: these edits (the literal, and `/v2` out of every
    /// use's path) make all of them the new URL at once
    Constant(Vec<(Span, String)>),
    /// the literal also serves other uses: rewrite OAuth URLs at their use
    UseSite,
    /// an OAuth use whose path cannot be edited: no fix
    Unfixable,
}

/// The decisions for one file, by the source span of the host literal.
#[derive(Debug, Default)]
pub struct SharedHosts {
    plans: BTreeMap<(usize, usize), Plan>,
}

struct Occurrence<'a> {
    value: &'a StrValue,
    text: String,
    hit: UrlHit,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// the literal itself where it is written (`HOST = "api.getgo.com"`)
    Definition,
    OAuth,
    Other,
}

/// The piece holding a hit's host, when it is one literal with a source.
pub fn host_literal(
    value: &StrValue,
    hit: &UrlHit,
) -> Option<(usize, std::ops::Range<usize>, Span)> {
    let (index, range) = value.piece_at(hit.host_range.start)?;
    if range.end < hit.host_range.end {
        return None;
    }
    match &value.pieces[index] {
        Piece::Lit { src: Some(src), .. } => Some((index, range, src.clone())),
        _ => None,
    }
}

fn is_oauth_path(path: &str) -> bool {
    path == "/oauth" || path.starts_with("/oauth/")
}

fn is_v2_path(path: &str) -> bool {
    path == "/oauth/v2" || path.starts_with("/oauth/v2/")
}

fn path_lower(text: &str, hit: &UrlHit) -> String {
    text.get(hit.path_range.clone())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The part of the URL a host fix must rewrite: the origin, and `/oauth/v2`
/// when present (text offsets).
fn rewrite_end(text: &str, hit: &UrlHit) -> usize {
    let path = path_lower(text, hit);
    if is_v2_path(&path) {
        hit.path_range.start + 9
    } else if is_oauth_path(&path) {
        hit.path_range.start + 6
    } else {
        hit.host_range.end
    }
}

impl SharedHosts {
    /// `used_elsewhere`: names of this file's constants that other files
    /// refer to; a change of those reaches uses this file cannot see.
    pub fn analyse(
        model: &FileModel,
        source: &str,
        extra_hosts: &[String],
        used_elsewhere: &[String],
    ) -> SharedHosts {
        let mut by_literal: BTreeMap<(usize, usize), Vec<Occurrence>> = BTreeMap::new();
        let mut seen = std::collections::BTreeSet::new();
        for value in shared_values(model) {
            let text = value.text();
            if !seen.insert((value.span.start, value.span.end, text.clone())) {
                continue;
            }
            for hit in goto::find_urls(&text, extra_hosts) {
                if !matches!(hit.host, Host::GetGo | Host::CitrixOnline) {
                    continue;
                }
                let Some((_, _, src)) = host_literal(value, &hit) else {
                    continue;
                };
                let path = path_lower(&text, &hit);
                let definition = value.pieces.len() == 1
                    && value.span.start <= src.start
                    && src.end <= value.span.end;
                let kind = if is_oauth_path(&path) {
                    Kind::OAuth
                } else if definition {
                    Kind::Definition
                } else {
                    Kind::Other
                };
                by_literal
                    .entry((src.start, src.end))
                    .or_default()
                    .push(Occurrence {
                        value,
                        text: text.clone(),
                        hit,
                        kind,
                    });
            }
        }
        let mut plans = BTreeMap::new();
        for (key, occurrences) in by_literal {
            let literal = key.0..key.1;
            // only a literal that an OAuth URL is built from, beyond its own text
            let crossing = occurrences.iter().any(|o| {
                o.kind == Kind::OAuth
                    && o.value
                        .source_of(o.hit.start..rewrite_end(&o.text, &o.hit))
                        .is_none()
            });
            if !crossing {
                continue;
            }
            let shared = occurrences.iter().any(|o| o.kind == Kind::Other)
                || has_unseen_uses(model, source, &literal, &occurrences)
                || defined_name(source, &literal)
                    .is_some_and(|(name, _)| used_elsewhere.contains(&name));
            let plan = if shared {
                Plan::UseSite
            } else {
                constant_edits(&literal, &occurrences)
                    .map(Plan::Constant)
                    .unwrap_or(Plan::Unfixable)
            };
            plans.insert(key, plan);
        }
        SharedHosts { plans }
    }

    /// The plan for the literal holding `hit`'s host, when it is a shared one.
    pub fn plan(&self, value: &StrValue, hit: &UrlHit) -> Option<&Plan> {
        let (_, _, src) = host_literal(value, hit)?;
        self.plans.get(&(src.start, src.end))
    }
}

/// One fix for every use: the literal's origin, and `/v2` out of each path.
fn constant_edits(literal: &Span, occurrences: &[Occurrence]) -> Option<Vec<(Span, String)>> {
    let mut edits: Vec<(Span, String)> = Vec::new();
    for o in occurrences.iter().filter(|o| o.kind == Kind::OAuth) {
        let (_, range, _) = host_literal(o.value, &o.hit)?;
        // the origin as the literal holds it: with its scheme when it has one
        let (from, new) = if o.hit.start >= range.start {
            let scheme = if o.hit.scheme.is_some() {
                "https://"
            } else if o.hit.start < o.hit.host_range.start {
                "//"
            } else {
                ""
            };
            let host = AUTH_ORIGIN.trim_start_matches("https://");
            (o.hit.start, format!("{scheme}{host}"))
        } else {
            (
                o.hit.host_range.start,
                AUTH_ORIGIN.trim_start_matches("https://").to_string(),
            )
        };
        let origin = o.value.source_of(from..o.hit.host_range.end)?;
        if origin.start < literal.start || origin.end > literal.end {
            return None;
        }
        edits.push((origin, new));
        if is_v2_path(&path_lower(&o.text, &o.hit)) {
            let v2 = o.hit.path_range.start + 6..o.hit.path_range.start + 9;
            edits.push((o.value.source_of(v2)?, String::new()));
        }
    }
    edits.sort_by_key(|(s, t)| (s.start, s.end, t.clone()));
    edits.dedup();
    // two different edits of the same text: the uses disagree
    if edits.windows(2).any(|w| w[1].0.start < w[0].0.end) {
        return None;
    }
    (!edits.is_empty()).then_some(edits)
}

/// How far before a literal its name is looked for (a definition may wrap).
const NAME_WINDOW: usize = 240;

fn definition_name_patterns() -> &'static [(Regex, bool)] {
    static RE: OnceLock<Vec<(Regex, bool)>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            // NAME = "…", NAME := "…", const NAME: &str = "…", $name = '…', NAME = ( "…"
            (
                r#"([A-Za-z_$@][A-Za-z0-9_]*)\s*(?::\s*&?(?:'\w+\s+)?[\w<>\[\]]+)?\s*(?::=|=)\s*\(?\s*[@$]?[A-Za-z]{0,2}["'`]$"#,
                false,
            ),
            // define('NAME', '…')
            (
                r#"define\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*,\s*["']$"#,
                false,
            ),
            // an option of an object: name: "…", 'name' => '…', "name": "…"
            (
                r#"([A-Za-z_$@][A-Za-z0-9_]*)['"]?\s*(?:=>|:)\s*[@$]?[A-Za-z]{0,2}["'`]$"#,
                true,
            ),
        ]
        .iter()
        .map(|(p, key)| (Regex::new(p).expect("definition pattern"), *key))
        .collect()
    })
}

/// The name a literal is bound to, read from the source before it (white
/// space folded, so a definition may wrap lines); `true` when it is an
/// option of an object (`site: "…"`) rather than a variable or constant.
fn defined_name(source: &str, literal: &Span) -> Option<(String, bool)> {
    let mut from = literal.start.saturating_sub(NAME_WINDOW);
    while !source.is_char_boundary(from) {
        from += 1;
    }
    let head = source.get(from..literal.start)?;
    let mut folded = String::with_capacity(head.len());
    for word in head.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    if head.ends_with(char::is_whitespace) {
        folded.push(' ');
    }
    definition_name_patterns().iter().find_map(|(re, key)| {
        re.captures(&folded)
            .and_then(|c| c.get(1))
            .map(|m| (m.as_str().trim_start_matches(['$', '@']).to_string(), *key))
    })
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Uses the model does not show: a reference to the constant's name that no
/// OAuth value covers, or (for a literal with no name, or an option of an
/// object such as a client's `site`) a relative path outside `/oauth` that
/// a client could join onto it.
fn has_unseen_uses(
    model: &FileModel,
    source: &str,
    literal: &Span,
    occurrences: &[Occurrence],
) -> bool {
    let covered: Vec<&Span> = occurrences
        .iter()
        .filter(|o| o.kind == Kind::OAuth)
        .map(|o| &o.value.span)
        .collect();
    let in_comment = |at: usize| model.comments.iter().any(|c| c.start <= at && at < c.end);
    let name = defined_name(source, literal).filter(|(name, _)| name.len() >= 2);
    if let Some((name, _)) = &name {
        let bytes = source.as_bytes();
        let mut references = Vec::new();
        let mut from = 0;
        while let Some(found) = source.get(from..).and_then(|s| s.find(name.as_str())) {
            let at = from + found;
            let end = at + name.len();
            from = end;
            let whole = (at == 0 || !is_word_byte(bytes[at - 1]))
                && bytes.get(end).is_none_or(|&b| !is_word_byte(b));
            if whole && !in_comment(at) {
                references.push(at..end);
            }
        }
        // the definition: the last mention before the literal, close to it
        let definition = references
            .iter()
            .rposition(|r| r.end <= literal.start && literal.start - r.end <= NAME_WINDOW);
        let unseen = references.iter().enumerate().any(|(i, r)| {
            Some(i) != definition && !covered.iter().any(|s| s.start <= r.start && r.end <= s.end)
        });
        if unseen {
            return true;
        }
    }
    let option_or_nameless = name.as_ref().is_none_or(|(_, key)| *key);
    option_or_nameless
        && model.strings.iter().any(|s| {
            let t = s.text();
            let lower = t.to_ascii_lowercase();
            t.starts_with('/')
                && !t.starts_with("//")
                && !is_oauth_path(lower.split(['?', '#']).next().unwrap_or(""))
                && t[1..].starts_with(|c: char| c.is_ascii_alphabetic())
        })
}

fn interpolation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"^(?:(?:\{|\$\{|#\{|\{\$)\s*[A-Za-z_$@][A-Za-z0-9_$@]*(?:(?:\.|->|::)[A-Za-z_$@][A-Za-z0-9_$@]*)*(?:\(\))?\s*\}|\$[A-Za-z_][A-Za-z0-9_]*)$"#,
        )
        .expect("interpolation pattern")
    })
}

fn reference() -> &'static str {
    r#"[A-Za-z_$@][A-Za-z0-9_$@]*(?:(?:\.|->|::)[A-Za-z_$@][A-Za-z0-9_$@]*)*(?:\(\))?"#
}

/// `…, REF . '` at the end of an argument list: the reference (group 1)
/// starts after a delimiter, and the next literal's opening (group 2).
fn concatenation_tail() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"[(,\[]\s*({}\s*[+.]\s*([A-Za-z@$]{{0,2}}["'`]))$"#,
            reference()
        ))
        .expect("concatenation pattern")
    })
}

/// `REF + "` / `REF . '`: a reference, a concatenation operator, and the
/// opening of the next literal (kept).
fn concatenation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"^{}\s*[+.]\s*([A-Za-z@$]{{0,2}}["'`])$"#,
            reference()
        ))
        .expect("concatenation pattern")
    })
}

/// `" + REF + "`: a literal closed, a reference concatenated, the same kind
/// of literal opened again.
fn concatenation_between() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"^(["'`])\s*[+.]\s*{}\s*[+.]\s*(["'`])$"#,
            reference()
        ))
        .expect("concatenation pattern")
    })
}

/// The opening of a call the value is the argument of: `URI.create(`,
/// `new Uri(`, `format!(`.
fn call_opening() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"^(?:new\s+)?[A-Za-z_][A-Za-z0-9_.:]*!?\s*\(\s*"#).expect("call pattern")
    })
}

/// A string token's opening: an optional prefix (`f`, `@`, `$`) and a quote.
fn is_opening(s: &str) -> bool {
    let Some(quote) = s.chars().last() else {
        return false;
    };
    matches!(quote, '"' | '\'' | '`')
        && s.len() <= 3
        && s[..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '@' || c == '$')
}

/// A formatting call whose string starts with the host's placeholder:
/// Rust `format!("{}/oauth/…", HOST, …)` or `format!("{base}/oauth/…", base = HOST)`,
/// `sprintf('%s/oauth/…', $this->host, …)`, `String.format`, `fmt.Sprintf`.
/// The new origin replaces the placeholder and the host's argument goes.
/// Only when no placeholder refers to an argument by number (they would
/// shift) and the argument is a plain name, field or constant.
fn format_call_host(
    source: &str,
    value: &StrValue,
    whole: &str,
    skip: usize,
    path_end: usize,
    new: &str,
) -> Option<Vec<(Span, String)>> {
    const CALLS: &[&str] = &["format!", "sprintf", "String.format", "fmt.Sprintf"];
    if !CALLS.iter().any(|c| whole.starts_with(c)) {
        return None;
    }
    let region = whole.get(skip..)?;
    // the placeholder at the string's start, and the argument it names
    let (opening, placeholder_len, name) = if let Some(b) = region.strip_suffix("{}") {
        (b, 2, None)
    } else if let Some(b) = region.strip_suffix("%s") {
        (b, 2, None)
    } else {
        let open = region.rfind('{')?;
        let name = region.get(open + 1..region.len() - 1)?;
        let plain = region.ends_with('}')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !plain {
            return None;
        }
        (&region[..open], region.len() - open, Some(name))
    };
    let quote = opening.chars().next_back()?;
    if !matches!(quote, '"' | '\'') || !blanks_and_comments(&opening[..opening.len() - 1]) {
        return None;
    }
    let placeholder = value.span.start + whole.len() - placeholder_len;
    let literal_end = {
        let bytes = source.as_bytes();
        let mut at = placeholder;
        loop {
            match *bytes.get(at)? {
                b'\\' => at += 2,
                c if c == quote as u8 => break at,
                _ => at += 1,
            }
        }
    };
    let literal = source.get(placeholder..literal_end)?;
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    let numbered = NUMBERED.get_or_init(|| Regex::new(r"\{\d|%\d+\$").expect("numbered"));
    if numbered.is_match(literal) || placeholder > path_end {
        return None;
    }
    let mut edits = vec![(placeholder..path_end, new.to_string())];
    let arguments = top_level_arguments(source, literal_end + 1, value.span.end);
    let index = match name {
        None => 0,
        Some(name) => {
            if literal.matches(&format!("{{{name}}}")).count() > 1 {
                return None;
            }
            let named = |a: &Span| {
                let t = source[a.clone()].trim_start();
                t.strip_prefix(name).is_some_and(|r| {
                    let r = r.trim_start();
                    r.starts_with('=') && !r.starts_with("==")
                })
            };
            match arguments.iter().position(named) {
                Some(i) => i,
                // captured from the scope (`{GOTO_BASE}`): the placeholder alone
                None => return Some(edits),
            }
        }
    };
    let argument = arguments.get(index)?;
    let written: String = source[argument.clone()]
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .collect();
    let expression = match name {
        Some(_) => written.split_once('=')?.1.trim().to_string(),
        None => written,
    };
    let plain = !expression.is_empty()
        && !expression.starts_with(|c: char| c.is_ascii_digit())
        && expression
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '$' | '-' | '>'));
    if !plain {
        return None;
    }
    // the argument's own text, without blanks and comments around it
    let text = &source[argument.clone()];
    let mut start = argument.start;
    loop {
        let rest = source.get(start..argument.end)?;
        let blank = rest.len() - rest.trim_start().len();
        start += blank;
        if source.get(start..)?.starts_with("//") {
            start += source.get(start..)?.find('\n')? + 1;
        } else if blank == 0 {
            break;
        }
    }
    let end = argument.start + text.trim_end().len();
    let comma_after = source.get(end..)?.trim_start().starts_with(',');
    let previous_comma = source.get(..argument.start)?.rfind(',')?;
    if !source.get(previous_comma..start)?.contains('\n') {
        // on the line before it ends: the argument with the comma before it
        edits.push((previous_comma..end, String::new()));
    } else if comma_after {
        // on a line of its own: the argument, its comma and its indent (the
        // line stays, empty)
        let line_start = source.get(..start)?.rfind('\n')? + 1;
        let after = end + source.get(end..)?.find(',')? + 1;
        let trailing = source.get(after..)?;
        let blanks = trailing.len() - trailing.trim_start_matches([' ', '\t']).len();
        edits.push((line_start..after + blanks, String::new()));
    } else {
        // the last argument on a line of its own: the comma before it, and
        // the argument
        edits.push((previous_comma..previous_comma + 1, String::new()));
        edits.push((start..end, String::new()));
    }
    Some(edits)
}

/// The spans of the arguments after `from` up to the call's closing
/// parenthesis (before `limit`), split at top-level commas; strings and
/// nested brackets are skipped.
fn top_level_arguments(source: &str, from: usize, limit: usize) -> Vec<Span> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut at = from;
    let mut start: Option<usize> = None;
    while at < limit.min(bytes.len()) {
        let c = bytes[at];
        match c {
            b'"' | b'\'' => {
                let mut k = at + 1;
                while k < bytes.len() && bytes[k] != c {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                at = k;
            }
            // a line comment: its commas are not separators
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => {
                if let Some(s) = start.take() {
                    out.push(s..at);
                }
                return out;
            }
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                if let Some(s) = start.take() {
                    out.push(s..at);
                }
                start = Some(at + 1);
            }
            _ => {}
        }
        at += 1;
    }
    out
}

/// Only blanks and `//` line comments.
fn blanks_and_comments(s: &str) -> bool {
    s.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"))
}

fn ends_with_quote(s: &str) -> bool {
    s.trim_end().ends_with(['"', '\'', '`'])
}

/// Source offset of a literal piece's first byte.
fn piece_start(piece: &Piece) -> Option<usize> {
    match piece {
        Piece::Lit {
            src: Some(src),
            map,
            ..
        } => Some(match map {
            OffsetMap::Identity => src.start,
            OffsetMap::Table(t) => *t.first()? as usize,
        }),
        _ => None,
    }
}

/// Rewrite one OAuth URL where it is written, without the shared host: the
/// origin goes into the literal that holds the path, and the reference to
/// the host (a concatenation operand, an interpolation) is dropped. Only
/// shapes whose result is plain, valid code are rewritten: a literal that
/// follows the reference by concatenation, an interpolation in a string
/// that ends the expression, or a path a client joins onto a base URL.
pub fn use_site_edits(
    source: &str,
    value: &StrValue,
    text: &str,
    hit: &UrlHit,
) -> Option<Vec<(Span, String)>> {
    written_around(source, value, text, hit).or_else(|| static_value(source, value, text, hit))
}

/// A value with nothing unknown, written as one string expression
/// (`"https://%s/oauth/access_token" % HOST`): replaced by the new URL as
/// one plain literal of the same quote.
fn static_value(
    source: &str,
    value: &StrValue,
    text: &str,
    hit: &UrlHit,
) -> Option<Vec<(Span, String)>> {
    if value.has_holes() || hit.start != 0 || hit.end != text.len() {
        return None;
    }
    let expression = source.get(value.span.clone())?;
    let quote_at = expression.find(['"', '\'', '`'])?;
    let prefix = &expression[..quote_at];
    // bytes and raw literals would change type or meaning
    if prefix.len() > 2 || !prefix.chars().all(|c| matches!(c, 'f' | 'F' | '@' | '$')) {
        return None;
    }
    let quote = expression[quote_at..].chars().next()?;
    let path = path_lower(text, hit);
    let mut rest = text.get(hit.path_range.start..)?.to_string();
    if is_v2_path(&path) {
        rest.replace_range(6..9, "");
    }
    let segment = "/oauth/access_token";
    if rest.to_ascii_lowercase().starts_with(segment)
        && (rest.len() == segment.len() || rest[segment.len()..].starts_with(['?', '#']))
    {
        rest.replace_range(7..segment.len(), "token");
    }
    let url = format!("{AUTH_ORIGIN}{rest}");
    let plain = url.chars().all(|c| {
        c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '`' | '\\' | '{' | '}' | '$' | '#' | '%')
    });
    plain.then(|| vec![(value.span.clone(), format!("{quote}{url}{quote}"))])
}

fn written_around(
    source: &str,
    value: &StrValue,
    text: &str,
    hit: &UrlHit,
) -> Option<Vec<(Span, String)>> {
    let (host_index, range, _) = host_literal(value, hit)?;
    let path = path_lower(text, hit);
    // a client's base ending in `/` joined with a relative `oauth/…`: the
    // path's literal starts after the slash
    let joined_after_slash =
        hit.path_range.start + 1 == range.end && text.get(..range.end)?.ends_with('/');
    if !is_oauth_path(&path) || hit.path_range.start != range.end && !joined_after_slash {
        return None;
    }
    let path_piece = value.pieces.get(host_index + 1)?;
    let path_src = piece_start(path_piece)?;
    let drop_v2 = is_v2_path(&path);
    // where the path's literal starts in the value, and its `/` if it has one
    let (path_at, slash) = if joined_after_slash {
        (range.end, "/")
    } else {
        (hit.path_range.start, "")
    };
    // what the path's literal starts with, and what replaces it
    let (path_end, mut new) = if drop_v2 {
        let v2 = value.source_of(path_at..hit.path_range.start + 9)?;
        if v2.start != path_src {
            return None;
        }
        (v2.end, format!("{AUTH_ORIGIN}/oauth"))
    } else {
        (path_src, format!("{AUTH_ORIGIN}{slash}"))
    };
    if joined_after_slash {
        // only where a client joins a written path onto its base: the path
        // is a string literal of its own
        let opens = source.get(..path_src)?.ends_with(['"', '\'', '`']);
        return (opens && path_src <= path_end).then(|| vec![(path_src..path_end, new)]);
    }
    let expression = source.get(value.span.clone())?;
    let whole_ends_in_string = ends_with_quote(expression)
        || expression
            .trim_end()
            .strip_suffix(')')
            .is_some_and(ends_with_quote);
    let start = if hit.start < range.start {
        // `"https://" + HOST + "/oauth…"`, `f"https://{HOST}/oauth…"`
        let scheme = value.source_of(hit.start..range.start)?;
        let between = source.get(scheme.end..path_src)?;
        if let Some(c) = concatenation_between().captures(between) {
            if c.get(1)?.as_str() != c.get(2)?.as_str() {
                return None;
            }
        } else if !(interpolation().is_match(between) && whole_ends_in_string) {
            return None;
        }
        scheme.start
    } else if host_index != 0 || range.start != 0 {
        // `"  ${API}/oauth/authorize?…"`: the host interpolated after other
        // text of the same string
        let before = value.source_of(hit.start.checked_sub(1)?..hit.start)?;
        let between = source.get(before.end..path_src)?;
        let opening = expression.find(['"', '\'', '`'])?;
        if !(interpolation().is_match(between)
            && is_opening(&expression[..=opening])
            && whole_ends_in_string)
        {
            return None;
        }
        before.end
    } else {
        let whole = source.get(value.span.start..path_src)?;
        // a wrapper the value passes through (`URI.create(…)`, `URI(…)`)
        let skip = call_opening().find(whole).map_or(0, |m| m.end());
        let region = &whole[skip..];
        let base = value.span.start + skip;
        if is_opening(whole) {
            // a path a client joins onto its base: the host is not written here
            path_src
        } else if let Some(c) = concatenation().captures(region) {
            new = format!("{}{new}", c.get(1)?.as_str());
            base
        } else if let Some(c) = concatenation_tail().captures(region) {
            // the URL is an argument after others (`add_query_arg([…], HOST . '/oauth/…')`)
            new = format!("{}{new}", c.get(2)?.as_str());
            base + c.get(1)?.start()
        } else if let Some(edits) = format_call_host(source, value, whole, skip, path_end, &new) {
            return Some(edits);
        } else {
            let quote = region.find(['"', '\'', '`'])?;
            let opening = &region[..=quote];
            // blanks before the URL in the same string stay (`"  ${API}/oauth…"`)
            let rest = region[quote + 1..].trim_start_matches([' ', '\t']);
            let blanks = region.len() - quote - 1 - rest.len();
            let prefix_ok = opening.len() <= 3
                && opening[..quote]
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '@' || c == '$');
            if !(prefix_ok && interpolation().is_match(rest) && whole_ends_in_string) {
                return None;
            }
            base + quote + 1 + blanks
        }
    };
    if start > path_end {
        return None;
    }
    Some(vec![(start..path_end, new)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{lower, Language};

    /// The plan for the host literal that starts at the first `needle`.
    fn plan_of(language: Language, src: &str, needle: &str) -> Option<Plan> {
        let model = lower(language, src);
        let start = src.find(needle).expect("needle") + 1;
        let plans = SharedHosts::analyse(&model, src, &[], &[]).plans;
        plans
            .iter()
            .find(|((a, _), _)| *a == start)
            .map(|(_, plan)| plan.clone())
    }

    fn apply(src: &str, edits: &[(Span, String)]) -> String {
        crate::fix::apply_non_overlapping(src, edits).0
    }

    const OAUTH_ONLY: &str =
        "HOST = \"api.getgo.com\"\nTOKEN_URL = \"https://%s/oauth/v2/token\" % HOST\n";

    #[test]
    fn a_host_used_only_for_oauth_is_changed_with_every_path() {
        let Some(Plan::Constant(edits)) = plan_of(Language::Python, OAUTH_ONLY, "\"api") else {
            panic!("expected a constant fix");
        };
        assert_eq!(
            apply(OAUTH_ONLY, &edits),
            "HOST = \"authentication.logmeininc.com\"\nTOKEN_URL = \"https://%s/oauth/token\" % HOST\n"
        );
    }

    #[test]
    fn a_rest_use_or_an_unseen_reference_shares_the_host() {
        let rest = format!("{OAUTH_ONLY}API = \"https://%s/G2W/rest/v2\" % HOST\n");
        assert_eq!(
            plan_of(Language::Python, &rest, "\"api"),
            Some(Plan::UseSite)
        );
        let unseen = format!("{OAUTH_ONLY}def host():\n    return HOST\n");
        assert_eq!(
            plan_of(Language::Python, &unseen, "\"api"),
            Some(Plan::UseSite)
        );
        // a mention in a comment is not a use
        let comment = format!("{OAUTH_ONLY}# HOST serves the token endpoint only\n");
        assert!(matches!(
            plan_of(Language::Python, &comment, "\"api"),
            Some(Plan::Constant(_))
        ));
    }

    #[test]
    fn a_wrapped_definition_is_found_by_name() {
        let src = "AUTH_HOST = (\n    \"https://api.getgo.com\"\n)\nURL = AUTH_HOST + \"/oauth/v2/token\"\n\n\ndef base():\n    return AUTH_HOST\n";
        assert_eq!(
            defined_name(src, &(src.find("\"https").unwrap() + 1..0)),
            Some(("AUTH_HOST".to_string(), false))
        );
        assert_eq!(
            plan_of(Language::Python, src, "\"https"),
            Some(Plan::UseSite)
        );
    }

    #[test]
    fn names_of_constants_and_options() {
        let name = |src: &str| defined_name(src, &(src.rfind('"').unwrap() + 1..0));
        assert_eq!(
            name("const AUTH_HOST: &'static str = \""),
            Some(("AUTH_HOST".to_string(), false))
        );
        assert_eq!(
            name("# the host: a comment\nTOKEN_HOST = \""),
            Some(("TOKEN_HOST".to_string(), false))
        );
        assert_eq!(
            name("define('G2W_HOST', \""),
            Some(("G2W_HOST".to_string(), false))
        );
        assert_eq!(name("  site: \""), Some(("site".to_string(), true)));
    }

    /// The use-site rewrite of the OAuth URL in `src` (JavaScript), when
    /// `HOST` is shared with a REST call.
    fn use_site(language: Language, src: &str) -> Option<String> {
        let model = lower(language, src);
        let value = model
            .strings
            .iter()
            .find(|v| v.text().contains("/oauth/"))
            .expect("an OAuth value");
        let text = value.text();
        let hit = goto::find_urls(&text, &[]).remove(0);
        use_site_edits(src, value, &text, &hit).map(|edits| apply(src, &edits))
    }

    #[test]
    fn use_site_rewrites_keep_the_dynamic_parts() {
        let head = "const HOST = \"https://api.getgo.com\";\n";
        let js = |line: &str| format!("{head}{line}\n");
        assert_eq!(
            use_site(
                Language::JavaScript,
                &js("f(HOST + \"/oauth/v2/authorize?client_id=\" + id);")
            ),
            Some(js(
                "f(\"https://authentication.logmeininc.com/oauth/authorize?client_id=\" + id);"
            ))
        );
        assert_eq!(
            use_site(
                Language::JavaScript,
                &js("f(`${HOST}/oauth/access_token?x=${x}`);")
            ),
            Some(js(
                "f(`https://authentication.logmeininc.com/oauth/access_token?x=${x}`);"
            ))
        );
        let py = "HOST = \"api.getgo.com\"\nURL = \"https://%s/oauth/access_token\" % HOST\n";
        assert_eq!(
            use_site(Language::Python, py).as_deref(),
            Some("HOST = \"api.getgo.com\"\nURL = \"https://authentication.logmeininc.com/oauth/token\"\n")
        );
        // a format call with more arguments would keep an unused one: no rewrite
        let py =
            "HOST = \"api.getgo.com\"\nURL = \"https://{}/oauth/token?id={}\".format(HOST, cid)\n";
        assert_eq!(use_site(Language::Python, py), None);
    }

    #[test]
    fn use_site_rewrites_in_format_macros_strings_and_client_paths() {
        // Rust: the host's `{}` and its argument go together
        let rs = "const API: &str = \"https://api.getgo.com\";\nfn u(id: &str) -> String {\n    format!(\n        \"{}/oauth/v2/authorize?client_id={}\",\n        API,\n        id\n    )\n}\n";
        assert_eq!(
            use_site(Language::Rust, rs).as_deref(),
            Some("const API: &str = \"https://api.getgo.com\";\nfn u(id: &str) -> String {\n    format!(\n        \"https://authentication.logmeininc.com/oauth/authorize?client_id={}\",\n\n        id\n    )\n}\n")
        );
        // on the string's line the argument goes with its comma
        let rs = "const API: &str = \"https://api.getgo.com\";\nfn u() -> String { format!(\"{}/oauth/v2/token\", API) }\n";
        assert_eq!(
            use_site(Language::Rust, rs).as_deref(),
            Some("const API: &str = \"https://api.getgo.com\";\nfn u() -> String { format!(\"https://authentication.logmeininc.com/oauth/token\") }\n")
        );
        // a named argument goes with its placeholder
        let rs = "const API: &str = \"https://api.getgo.com\";\nfn u(id: &str) -> String { format!(\"{base}/oauth/v2/token?id={id}\", base = API, id = id) }\n";
        assert_eq!(
            use_site(Language::Rust, rs).as_deref(),
            Some("const API: &str = \"https://api.getgo.com\";\nfn u(id: &str) -> String { format!(\"https://authentication.logmeininc.com/oauth/token?id={id}\", id = id) }\n")
        );
        // PHP sprintf with the host from a property
        let php = "<?php\nclass C {\n    private $host = 'https://api.getgo.com';\n    function u($c) {\n        return sprintf(\n            '%s/oauth/access_token?code=%s',\n            $this->host,\n            $c\n        );\n    }\n}\n";
        assert_eq!(
            use_site(Language::Php, php).as_deref(),
            Some("<?php\nclass C {\n    private $host = 'https://api.getgo.com';\n    function u($c) {\n        return sprintf(\n            'https://authentication.logmeininc.com/oauth/access_token?code=%s',\n\n            $c\n        );\n    }\n}\n")
        );
        // numbered placeholders would shift: no rewrite
        let rs = "const API: &str = \"https://api.getgo.com\";\nfn u() -> String { format!(\"{}/oauth/token?a={0}\", API) }\n";
        assert_eq!(use_site(Language::Rust, rs), None);
        // shell: the host expanded after other text of one string
        let sh =
            "API=\"https://api.getgo.com\"\necho \"  ${API}/oauth/authorize?client_id=${ID}\"\n";
        assert_eq!(
            use_site(Language::Shell, sh).as_deref(),
            Some("API=\"https://api.getgo.com\"\necho \"  https://authentication.logmeininc.com/oauth/authorize?client_id=${ID}\"\n")
        );
    }
}
