//! Token responses: fields the new endpoint no longer returns (GT011) and
//! code that assumes every refresh returns a new `refresh_token` (GT012).

use super::Context;
use crate::finding::RawFinding;
use crate::model::{FieldRead, Origin, ReadKind, Span, TokenImport};
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
struct TokenSource<'a> {
    /// `None` for a token object the file only receives
    span: Option<Span>,
    /// the grant is known and is not `refresh_token`
    not_refresh: bool,
    /// a function of another file of the project made the request
    import: Option<&'a TokenImport>,
}

fn token_source<'a>(ctx: &'a Context, origin: &Origin) -> Option<TokenSource<'a>> {
    match origin {
        Origin::Response(i) => {
            let t = ctx.token_request(*i)?;
            Some(TokenSource {
                span: Some(ctx.model.http_requests[*i].span.clone()),
                not_refresh: t.is_known_non_refresh(),
                import: None,
            })
        }
        Origin::TokenCall(i) => {
            let call = ctx.model.calls.get(*i)?;
            // a function of another file of the project: that file's token
            // request decides
            if let Some(import) = ctx.model.token_imports.iter().find(|t| t.name == call.name) {
                return Some(TokenSource {
                    span: Some(call.span.clone()),
                    not_refresh: import.not_refresh,
                    import: Some(import),
                });
            }
            if !ctx.goto_context || !TOKEN_CALLS.contains(&call.name.as_str()) {
                return None;
            }
            let refresh = call.name.to_ascii_lowercase().contains("refresh");
            Some(TokenSource {
                span: Some(call.span.clone()),
                not_refresh: !refresh && call.name != "getToken" && call.name != "getAccessToken",
                import: None,
            })
        }
        // the library's token object: the grant that obtained it is not
        // seen, so nothing is assumed of a refresh
        Origin::TokenObject if ctx.goto_context => Some(TokenSource {
            span: None,
            not_refresh: true,
            import: None,
        }),
        _ => None,
    }
}

/// The file's functions and methods whose return value is a GoTo token
/// response, for other files of the project: each name with the line of
/// the token request and whether its grant is known not to be a refresh.
/// A name of one word that says nothing of tokens (`get`, `refresh`,
/// `request`) is left out: another file's call of it may be anything.
pub fn token_functions(ctx: &Context) -> Vec<(String, usize, bool)> {
    let mut out: Vec<(String, usize, bool)> = Vec::new();
    for r in &ctx.model.returns {
        let Some(src) = token_source(ctx, &r.origin) else {
            continue;
        };
        if !telling_name(&r.name) {
            continue;
        }
        let line = src.span.as_ref().map_or(0, |s| ctx.line_of(s));
        match out.iter_mut().find(|(n, _, _)| *n == r.name) {
            // two functions of one name: a refresh among them counts
            Some(known) => known.2 &= src.not_refresh,
            None => out.push((r.name.clone(), line, src.not_refresh)),
        }
    }
    out
}

/// Whether a function's name says enough to be matched by name in another
/// file: it speaks of tokens, grants or logging in (`consume_refresh_token`,
/// `getAccessToken`, `exchangeCode`), and a name of one word only when that
/// word is unmistakable (`authenticate`, not `refresh` or `get`).
fn telling_name(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "token",
        "tokens",
        "oauth",
        "auth",
        "authenticate",
        "authorize",
        "authorization",
        "login",
        "credentials",
        "refresh",
        "access",
        "grant",
        "exchange",
        "redeem",
    ];
    const ALONE: &[&str] = &["token", "tokens", "oauth", "authenticate", "login"];
    let words = crate::sema::names::words(name);
    match words.as_slice() {
        [one] => ALONE.contains(&one.as_str()),
        _ => words.iter().any(|w| WORDS.contains(&w.as_str())),
    }
}

fn origin_text(ctx: &Context, src: &TokenSource) -> String {
    if let (Some(import), Some(span)) = (src.import, &src.span) {
        return format!(
            "value of `{}()` on line {}, from the token request in {} on line {}",
            import.name,
            ctx.line_of(span),
            import.defined_in,
            import.line
        );
    }
    match &src.span {
        Some(span) => format!("value from the token request on line {}", ctx.line_of(span)),
        None => "value of the OAuth library's token object".to_string(),
    }
}

/// Types that hold a GoTo token response: used with a token origin, or
/// shaped unmistakably like one in a GoTo file (an access token beside a
/// refresh token, an expiry, a token type, or one of the `only_old` fields
/// that only GoTo's old token response had).
fn token_types(ctx: &Context, only_old: &[String]) -> Vec<(String, Option<Span>)> {
    let mut out: Vec<(String, Option<Span>)> = Vec::new();
    for u in &ctx.model.type_uses {
        if let Some(src) = token_source(ctx, &u.origin) {
            out.push((u.type_name.clone(), src.span));
        }
    }
    if ctx.goto_context {
        for f in &ctx.model.typed_fields {
            let has = |n: &str| f.sibling_fields.iter().any(|s| s == n);
            let old_field = only_old.iter().any(|o| has(o));
            // a type named for a token (`TokenData`, `oauthTokenData`) that
            // holds a field only the old token response had
            let named_token = crate::sema::names::words(&f.type_name)
                .iter()
                .any(|w| w == "token" || w == "tokens");
            let token_shaped = (has("access_token")
                && (has("refresh_token") || has("expires_in") || has("token_type") || old_field))
                || (named_token && old_field);
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
    let others = rule.param_list("other_objects");
    let render = |field: &str, origin: &str| {
        let replacement = replacements.get(field).cloned().unwrap_or_default();
        rule.render_message(&[
            ("field", field),
            ("replacement", &replacement),
            ("origin", origin),
        ])
    };
    // reads of a GoTo-only field that count on their own: (receiver,
    // function, line, field); a generic name read from the same object in the
    // same function is a read of the same token response
    let mut anchors: Vec<(&str, usize, usize, &str)> = Vec::new();
    let mut generic: Vec<&FieldRead> = Vec::new();
    for read in &ctx.model.field_reads {
        if read.kind == ReadKind::Declaration {
            continue;
        }
        if !replacements.contains_key(&read.field) {
            // a token response read through a naming policy: `getOrganizerKey()`,
            // `token.OrganizerKey` of a model mapped to snake_case on the wire
            let Some(field) = same_wire_name(replacements.keys().map(String::as_str), &read.field)
            else {
                continue;
            };
            if let Some(src) = token_source(ctx, &read.origin) {
                out.push(RawFinding::new(
                    code,
                    read.span.clone(),
                    render(field, &origin_text(ctx, &src)),
                ));
            }
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
        // that is not the program's own (a literal, input, config) nor the
        // answer of another API (a user object of the admin or SCIM API)
        if !ctx.goto_context || own_value(ctx, read, &others) {
            continue;
        }
        if specific.contains(&read.field) {
            out.push(RawFinding::new(
                code,
                read.span.clone(),
                render(&read.field, "a field only the old token response had"),
            ));
            if let Some(f) = ctx.model.function_of(&read.span) {
                anchors.push((&read.receiver, f, ctx.line_of(&read.span), &read.field));
            }
        } else {
            generic.push(read);
        }
    }
    for read in generic {
        let Some(f) = ctx.model.function_of(&read.span) else {
            continue;
        };
        let Some(&(_, _, line, field)) = anchors
            .iter()
            .find(|(r, af, _, _)| *af == f && *r == read.receiver)
        else {
            continue;
        };
        let origin = format!(
            "read from the same object as `{field}` on line {line}, a field only the old token response had"
        );
        out.push(RawFinding::new(
            code,
            read.span.clone(),
            render(&read.field, &origin),
        ));
    }
    let types = token_types(ctx, &specific);
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

/// Whether a read's value is the program's own (a literal, input,
/// configuration) or the answer of another API.
fn own_value(ctx: &Context, read: &FieldRead, others: &[String]) -> bool {
    match read.origin {
        Origin::Literal | Origin::Input | Origin::Config => true,
        Origin::Response(i) => super::token_request::answers_another_api(ctx, i),
        _ => names_other_object(&read.receiver, others),
    }
}

/// Whether the receiver of a read is named as an object of another API (a
/// user, a member): the last name it is reached by, split into words
/// (`self.get_user_by_email(email)` → get, user, by, email;
/// `$this->currentUser` → current, user), holds one of `others`.
fn names_other_object(receiver: &str, others: &[String]) -> bool {
    // drop what the last name is called or indexed with: `f(x)`, `a[0]`
    let mut depth = 0usize;
    let mut end = receiver.len();
    for (i, c) in receiver.char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    end = i;
                }
            }
            _ if depth == 0 => break,
            _ => {}
        }
    }
    let head = &receiver[..end];
    let last = head
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    crate::sema::names::words(last)
        .iter()
        .any(|w| others.iter().any(|o| o == w))
}

/// The field of `fields` that `name` spells under another naming policy
/// (`organizerKey`, `OrganizerKey` for `organizer_key`): equal ignoring case
/// and underscores.
fn same_wire_name<'f>(fields: impl IntoIterator<Item = &'f str>, name: &str) -> Option<&'f str> {
    let key = |s: &'_ str| {
        s.chars()
            .filter(|&c| c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<char>>()
    };
    let wanted = key(name);
    fields.into_iter().find(|f| key(f) == wanted)
}

fn refresh_assumed(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    for read in &ctx.model.field_reads {
        // a presence test is how a refresh should keep the old token,
        // unless the code treats a missing one as an error
        if same_wire_name(["refresh_token"], &read.field).is_none()
            || read.kind == ReadKind::Declaration
            || (!read.absence_fails && (read.guarded || read.kind == ReadKind::Presence))
        {
            continue;
        }
        let Some(src) = token_source(ctx, &read.origin) else {
            continue;
        };
        if src.not_refresh {
            continue;
        }
        if read.absence_fails {
            let origin = format!(
                "a missing one is treated as an error; {}",
                origin_text(ctx, &src)
            );
            let msg = rule.render_message(&[("origin", &origin)]);
            out.push(RawFinding::new(code, read.span.clone(), msg));
            continue;
        }
        let throws = read.absence.throws;
        let overwrites = read.absence.yields_null && read.absence.target_outlives_call;
        if !(throws || overwrites || read.asserted) {
            continue;
        }
        let msg = rule.render_message(&[("origin", &origin_text(ctx, &src))]);
        let edits = read.absence.keep_old_value.clone();
        out.push(RawFinding::new(code, read.span.clone(), msg).with_edits(edits));
    }
    let types = token_types(ctx, &[]);
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

#[cfg(test)]
mod tests {
    use super::telling_name;

    #[test]
    fn only_names_that_speak_of_tokens_cross_files() {
        for name in [
            "consume_refresh_token",
            "getAccessToken",
            "exchangeCode",
            "RedeemCodeAsync",
            "fetch_goto_tokens",
            "authenticate",
            "login",
        ] {
            assert!(telling_name(name), "{name}");
        }
        for name in [
            "refresh",
            "get",
            "request",
            "_post",
            "send_request",
            "get_data",
            "Run",
        ] {
            assert!(!telling_name(name), "{name}");
        }
    }
}
