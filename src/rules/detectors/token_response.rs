//! Token responses: fields the new endpoint no longer returns (GT011) and
//! code that assumes every refresh returns a new `refresh_token` (GT012).

use super::Context;
use crate::finding::RawFinding;
use crate::lang::Language;
use crate::model::{FieldRead, Origin, ReadKind, Span};
use crate::rules::Rule;

const TOKEN_CALLS: &[&str] = &[
    "fetch_token",
    "refresh_token",
    "exchange_code",
    "exchange_password",
    "exchange_refresh_token",
    "request_token",
    "get_token",
    "getToken",
    "getAccessToken",
];

/// Where a value came from, when that is a GoTo token response: the span of
/// the request (for the message) and whether it was a refresh.
struct TokenSource {
    span: Span,
    /// the grant is known and is not `refresh_token`
    not_refresh: bool,
}

fn token_source(ctx: &Context, origin: &Origin) -> Option<TokenSource> {
    match origin {
        Origin::Response(i) => {
            let t = ctx.token_request(*i)?;
            Some(TokenSource {
                span: ctx.model.http_requests[*i].span.clone(),
                not_refresh: t.is_known_non_refresh(),
            })
        }
        Origin::TokenCall(i) => {
            let call = ctx.model.calls.get(*i)?;
            if !ctx.goto_context || !TOKEN_CALLS.contains(&call.name.as_str()) {
                return None;
            }
            let refresh = call.name.to_ascii_lowercase().contains("refresh");
            Some(TokenSource {
                span: call.span.clone(),
                not_refresh: !refresh && call.name != "getToken" && call.name != "getAccessToken",
            })
        }
        _ => None,
    }
}

fn origin_text(ctx: &Context, src: &TokenSource) -> String {
    format!(
        "value from the token request on line {}",
        ctx.line_of(&src.span)
    )
}

/// Types that hold a GoTo token response: used with a token origin, or
/// shaped unmistakably like one in a GoTo file.
fn token_types(ctx: &Context) -> Vec<(String, Option<Span>)> {
    let mut out: Vec<(String, Option<Span>)> = Vec::new();
    for u in &ctx.model.type_uses {
        if let Some(src) = token_source(ctx, &u.origin) {
            out.push((u.type_name.clone(), Some(src.span)));
        }
    }
    if ctx.goto_context {
        for f in &ctx.model.typed_fields {
            let has = |n: &str| f.sibling_fields.iter().any(|s| s == n);
            let token_shaped = has("access_token")
                && (has("refresh_token") || has("expires_in") || has("token_type"));
            if token_shaped && !out.iter().any(|(n, _)| n == &f.type_name) {
                out.push((f.type_name.clone(), None));
            }
        }
    }
    out
}

pub fn run(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    match code {
        "GT011" => removed_fields(ctx, rule, code, out),
        "GT012" => refresh_assumed(ctx, rule, code, out),
        _ => {}
    }
}

fn removed_fields(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    let replacements = rule.param_table("replacements");
    let specific = rule.param_list("specific");
    let render = |field: &str, origin: &str| {
        let replacement = replacements.get(field).cloned().unwrap_or_default();
        rule.render_message(&[
            ("field", field),
            ("replacement", &replacement),
            ("origin", origin),
        ])
    };
    for read in &ctx.model.field_reads {
        if !replacements.contains_key(&read.field) || read.kind == ReadKind::Declaration {
            continue;
        }
        if let Some(src) = token_source(ctx, &read.origin) {
            out.push(RawFinding::new(
                code,
                read.span.clone(),
                render(&read.field, &origin_text(ctx, &src)),
            ));
            continue;
        }
        // a GoTo-only field name needs no more than a GoTo file and a value
        // that is not the program's own (a literal, input, config)
        let own = matches!(
            read.origin,
            Origin::Literal | Origin::Input | Origin::Config
        );
        if ctx.goto_context && specific.contains(&read.field) && !own {
            out.push(RawFinding::new(
                code,
                read.span.clone(),
                render(&read.field, "a field only the old token response had"),
            ));
        }
    }
    let types = token_types(ctx);
    for field in &ctx.model.typed_fields {
        let Some((_, src)) = types.iter().find(|(n, _)| n == &field.type_name) else {
            continue;
        };
        if !replacements.contains_key(&field.field) {
            continue;
        }
        let origin = match src {
            Some(span) => format!(
                "declared in `{}`, the token response type of line {}",
                field.type_name,
                ctx.line_of(span)
            ),
            None => format!("declared in the token response type `{}`", field.type_name),
        };
        out.push(RawFinding::new(
            code,
            field.span.clone(),
            render(&field.field, &origin),
        ));
    }
}

/// Subscripts throw on a missing key in these languages.
fn subscript_throws(language: Language) -> bool {
    matches!(language, Language::Python)
}

/// A missing field reads as a value (`undefined`, `None`) that an assignment
/// then stores; in Rust the typed declaration is where absence fails.
fn absent_field_reads_as_value(language: Language) -> bool {
    !matches!(language, Language::Rust)
}

fn refresh_assumed(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    for read in &ctx.model.field_reads {
        if read.field != "refresh_token" || read.guarded || read.kind == ReadKind::Declaration {
            continue;
        }
        let Some(src) = token_source(ctx, &read.origin) else {
            continue;
        };
        if src.not_refresh {
            continue;
        }
        let throws = read.kind == ReadKind::Subscript && subscript_throws(ctx.language);
        let overwrites = absent_field_reads_as_value(ctx.language)
            && read
                .assigned_to
                .as_deref()
                .is_some_and(|t| is_stored_target(t) || variables_are_global(ctx.language));
        if !(throws || overwrites || read.asserted) {
            continue;
        }
        let msg = rule.render_message(&[("origin", &origin_text(ctx, &src))]);
        let edits = fallback_edit(ctx, read).unwrap_or_default();
        out.push(RawFinding::new(code, read.span.clone(), msg).with_edits(edits));
    }
    let types = token_types(ctx);
    for field in &ctx.model.typed_fields {
        if field.field != "refresh_token" || field.optional {
            continue;
        }
        if types.iter().any(|(n, _)| n == &field.type_name) {
            let origin = format!(
                "a required field of the token response type `{}`",
                field.type_name
            );
            out.push(RawFinding::new(
                code,
                field.span.clone(),
                rule.render_message(&[("origin", &origin)]),
            ));
        }
    }
}

/// Plain variables outlive the function in these languages (shell scripts).
fn variables_are_global(language: Language) -> bool {
    matches!(language, Language::Shell)
}

/// An assignment target that outlives the call: an attribute, a field, a
/// store entry (not a plain local that is checked later).
fn is_stored_target(target: &str) -> bool {
    // attributes, fields, entries, accessors; `_field` (C#) and `@ivar` (Ruby) by convention
    target.contains(['.', '[', '('])
        || target.contains("->")
        || target.contains("::")
        || target.starts_with('_')
        || target.starts_with('@')
}

/// The statement assigns to `target` alone: `x = …`, not `a, x = …`,
/// `a = x = …` or `[a, x] = …`.
fn single_assignment_target(text: &str, read: &FieldRead, target: &str) -> bool {
    let start = read.span.start.min(text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let head = text[line_start..start].trim_start();
    let Some(rest) = head.strip_prefix(target) else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(after) = rest.strip_prefix('=') else {
        return false;
    };
    if after.starts_with('=') {
        return false;
    }
    // no second assignment between the `=` and the read
    let bytes = after.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| {
        b == b'='
            && bytes.get(i + 1) != Some(&b'=')
            && !matches!(
                i.checked_sub(1).map(|j| bytes[j]),
                Some(b'=' | b'!' | b'<' | b'>')
            )
    })
}

/// Keep the old token when the response has none: `.get(k, old)` for a
/// Python subscript, `?? old` for a JS/TS member read.
fn fallback_edit(ctx: &Context, read: &FieldRead) -> Option<Vec<(Span, String)>> {
    let target = read.assigned_to.as_ref()?;
    let text = &ctx.source.text;
    // the fallback reads the target before it is assigned: it must already
    // hold a value (a stored token, or a name the front end saw bound), and
    // be the only target (no tuples, no chained assignment)
    let bound = is_stored_target(target) || ctx.model.bound_targets.contains(&read.span);
    if !bound || !single_assignment_target(text, read, target) {
        return None;
    }
    match (ctx.language, read.kind) {
        (Language::Python, ReadKind::Subscript) => {
            let open = text.get(read.span.start.checked_sub(2)?..read.span.start)?;
            let close = text.get(read.span.end..read.span.end + 2)?;
            let quote = open.chars().nth(1)?;
            if !open.starts_with('[')
                || !(quote == '"' || quote == '\'')
                || close != format!("{quote}]")
            {
                return None;
            }
            Some(vec![(
                read.span.start - 2..read.span.end + 2,
                format!(".get({quote}refresh_token{quote}, {target})"),
            )])
        }
        (Language::JavaScript | Language::TypeScript | Language::Tsx, ReadKind::Member) => {
            // only when the read ends the statement: `… = data.refresh_token;`
            let rest = text.get(read.span.end..)?;
            let next = rest.trim_start_matches([' ', '\t']).chars().next();
            if matches!(next, Some(';') | Some('\n') | Some('\r') | None) {
                Some(vec![(
                    read.span.end..read.span.end,
                    format!(" ?? {target}"),
                )])
            } else {
                None
            }
        }
        _ => None,
    }
}
