//! The rewrites that library data describes and the rules offer as
//! unsafe fixes: a POST's query sent as the form body (GT015), client
//! credentials sent as HTTP Basic (GT005). Each is a local, textual edit
//! of the call, drafted only when it is certain; otherwise none.

use super::libraries::Library;
use crate::model::{HttpRequest, Span};

fn within(inner: &Span, outer: &Span) -> bool {
    inner.start >= outer.start && inner.end <= outer.end && inner.start <= inner.end
}

/// The request sends no body yet (a form body can be added without
/// clashing with one).
fn has_no_body(request: &HttpRequest) -> bool {
    request.body_span.is_none() && request.body.is_empty() && request.body_kind.is_none()
}

/// The argument ending at `at` is the call's last: only blanks and at
/// most a trailing comma before the `)`.
fn ends_call(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    rest.starts_with(')')
}

/// The argument after the one ending at `at` is a keyword argument
/// (`name: value`, not a `::` path).
fn keyword_follows(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix(',') else {
        return false;
    };
    let rest = rest.trim_start();
    let name = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    name > 0
        && !rest.starts_with(|c: char| c.is_ascii_digit())
        && rest[name..].starts_with(':')
        && !rest[name..].starts_with("::")
}

/// Move a POST's query into the form body, where the library data says
/// how: the query argument renamed (`params=` → `data=`), or a literal
/// query string of the URL moved into a body argument.
pub(super) fn query_to_form_edits(
    text: &str,
    request: &HttpRequest,
    library: &[&Library],
) -> Option<Vec<(Span, String)>> {
    if request.method != Some(crate::model::Method::Post) {
        return None;
    }
    let url_span = request.url.as_ref().map(|u| u.span.clone());
    let in_url = |s: &Span| url_span.as_ref().is_some_and(|u| within(s, u));
    let argument_entries: Vec<&crate::model::Entry> =
        request.query.iter().filter(|e| !in_url(&e.span)).collect();
    if has_no_body(request) {
        if argument_entries.is_empty() {
            url_query_to_form_edits(text, request, library, None)
        } else {
            query_argument_to_form_edits(text, request, &argument_entries, library)
        }
    } else if argument_entries.is_empty() && request.body.is_empty() {
        let body = request.body_span.clone()?;
        let rule = library.iter().find_map(|l| l.url_query_to_form.as_ref())?;
        let unblank = |s: &str| s.split_whitespace().collect::<String>();
        let written = unblank(text.get(body.clone())?);
        if !rule.empty_bodies.iter().any(|e| unblank(e) == written) {
            return None;
        }
        url_query_to_form_edits(text, request, library, Some(body))
    } else {
        None
    }
}

/// The query argument renamed to the library's form-body argument: every
/// entry in one container written in the call, introduced by a name the
/// data knows (`params=`, `'query' =>`, `.query(&[`).
fn query_argument_to_form_edits(
    text: &str,
    request: &HttpRequest,
    entries: &[&crate::model::Entry],
    library: &[&Library],
) -> Option<Vec<(Span, String)>> {
    let start = entries.iter().map(|e| e.span.start).min()?;
    let open = opening_bracket(text, start)?;
    let close = matching_close(text, open)?;
    if !entries.iter().all(|e| e.span.end <= close) || !within(&(open..close + 1), &request.span) {
        return None;
    }
    let (name_span, written) = name_before(text, open)?;
    let rule = library
        .iter()
        .flat_map(|l| &l.query_to_form)
        .find(|q| q.written == written)?;
    Some(vec![(name_span, rule.form.clone())])
}

/// The URL's query string removed and written as a body argument after
/// the URL, the way the library data says.
fn url_query_to_form_edits(
    text: &str,
    request: &HttpRequest,
    library: &[&Library],
    empty_body: Option<Span>,
) -> Option<Vec<(Span, String)>> {
    let rule = library.iter().find_map(|l| l.url_query_to_form.as_ref())?;
    let content_type = request
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.as_ref().map(|v| v.text()).unwrap_or_default());
    let template = match (&empty_body, &rule.body_untyped) {
        (Some(body), Some(untyped)) => match content_type {
            Some(t) if t.contains("application/x-www-form-urlencoded") => rule.body.as_deref()?,
            Some(_) => return None,
            // the added type goes in a call chained after the body's
            None if ends_call(text, body.end) => untyped.as_str(),
            None => return None,
        },
        (Some(_), None) => rule.body.as_deref()?,
        (None, _) => rule.after_url.as_deref()?,
    };
    let url = request.url.as_ref()?;
    let value = url.text();
    let mark = value.find('?')?;
    let end = value.find('#').unwrap_or(value.len());
    if mark + 1 >= end || end != value.len() {
        return None;
    }
    // the query string is one literal, written in the call, that ends the
    // URL; or, where the body argument is itself a string, the
    // interpolated tail of one double-quoted word
    let (removed, written) = match literal_query(text, url, mark, end) {
        Some(found) => found,
        None if rule.string_values => interpolated_query(text, url, mark)?,
        None => return None,
    };
    if !within(&removed, &url.span) {
        return None;
    }
    // the URL is the request's own: written in its call, or in the
    // statement that builds it with the body to replace
    let own = within(&url.span, &request.span)
        || empty_body.as_ref().is_some_and(|body| {
            statement_at(text, &url.span).is_some_and(|s| {
                let statement = s.start..s.end;
                within(body, &statement) && within(&url.span, &statement)
            }) && (body.end <= url.span.start || body.start >= url.span.end)
        });
    if !own {
        return None;
    }
    let keywords = rule.keywords_may_follow && keyword_follows(text, url.span.end);
    if empty_body.is_none() && rule.url_ends_call && !ends_call(text, url.span.end) && !keywords {
        return None;
    }
    let mut insert = template.replace("{query}", written);
    if insert.contains("{pairs}") {
        let pair = rule.pair.as_deref()?;
        if written.contains(['%', '+']) {
            return None;
        }
        let mut pairs = Vec::new();
        for part in written.split('&') {
            let (key, value) = part.split_once('=')?;
            if key.is_empty() {
                return None;
            }
            pairs.push(pair.replace("{key}", key).replace("{value}", value));
        }
        insert = insert.replace(
            "{pairs}",
            &pairs.join(rule.pair_separator.as_deref().unwrap_or(", ")),
        );
    }
    let placed = match empty_body {
        Some(body) => (body, insert),
        None => (url.span.end..url.span.end, insert),
    };
    Some(vec![(removed, String::new()), placed])
}

/// A query string that is one literal of URL-safe characters: the source
/// of `?…` and the query as written.
fn literal_query<'t>(
    text: &'t str,
    url: &crate::model::StrValue,
    mark: usize,
    end: usize,
) -> Option<(Span, &'t str)> {
    let query = url.source_of(mark + 1..end)?;
    let removed = url.source_of(mark..end)?;
    let written = text.get(query)?;
    let url_safe = |c: char| c.is_ascii_alphanumeric() || "_.~%=&+-".contains(c);
    (url.pieces.len() == 1 && written.chars().all(url_safe)).then_some((removed, written))
}

/// A query string with interpolated values (`?grant_type=x&refresh_token=$RT`)
/// at the end of one double-quoted word: the source of `?…` and the query
/// as written, which means the same in another double-quoted word.
fn interpolated_query<'t>(
    text: &'t str,
    url: &crate::model::StrValue,
    mark: usize,
) -> Option<(Span, &'t str)> {
    let question = url.source_of(mark..mark + 1)?;
    // the word's closing quote ends the URL expression
    let at = url.span.end.checked_sub(1)?;
    if at < question.end || text.get(at..at + 1) != Some("\"") {
        return None;
    }
    let query = question.end..at;
    let written = text.get(query.clone())?;
    if written.is_empty() || !movable_string_value(text, &query, written) {
        return None;
    }
    Some((question.start..at, written))
}

/// A JSON body sent by a call the library data names, as its only
/// argument, an object of scalars written in place: the call becomes its
/// form twin (`AddJsonBody(new { … })` → `AddObject(new { … })`).
pub(super) fn json_to_form_edit(
    text: &str,
    request: &HttpRequest,
    library: &[&Library],
) -> Option<(Span, String)> {
    if request.body_kind != Some(crate::model::BodyKind::Json) {
        return None;
    }
    let body = request.body_span.clone()?;
    let written = text.get(body.clone())?.trim();
    let before = text.get(..body.start)?.trim_end();
    let open = before.len().checked_sub(1)?;
    let name = before.strip_suffix('(')?.trim_end();
    let name_start = name
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let rule = library
        .iter()
        .flat_map(|l| &l.json_to_form)
        .find(|r| r.written == name[name_start..])?;
    let starts = rule.objects.iter().find(|o| {
        written
            .split_whitespace()
            .collect::<String>()
            .starts_with(&o.split_whitespace().collect::<String>())
    });
    // the call's only argument
    let after = text.get(body.end..)?;
    let close = body.end + (after.len() - after.trim_start().len());
    if starts.is_none() || matching_close(text, open)? != close {
        return None;
    }
    // one object, holding no other object or array
    let first = written.find('{')?;
    let inner = written.get(first + 1..written.len().checked_sub(1)?)?;
    if !written.ends_with('}') || !holds_only_scalars(inner) {
        return None;
    }
    Some((name_start..name.len(), rule.form.clone()))
}

/// The members of an object written in place hold no object, array or
/// constructed value (outside string literals).
fn holds_only_scalars(inner: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut word = String::new();
    for c in inner.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '}' | '[' | ']' => return false,
            _ => {}
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if word == "new" {
                return false;
            }
            word.clear();
        }
    }
    quote.is_none() && word != "new"
}

/// Send `client_id`/`client_secret` entries of the body or query as HTTP
/// Basic the library's way, and remove them, where both are entries of a
/// container written in the call (or call statements on one receiver); a
/// request that already sends Basic only loses the parameters, where the
/// library data says so.
pub(super) fn basic_auth_edits(
    text: &str,
    request: &HttpRequest,
    library: &[&Library],
) -> Option<Vec<(Span, String)>> {
    let rule = library.iter().find_map(|l| l.basic_auth.as_ref())?;
    let entries: Vec<&crate::model::Entry> = request.body.iter().chain(&request.query).collect();
    let count = |key: &str| entries.iter().filter(|e| e.key == key).count();
    let find = |key: &str| entries.iter().copied().find(|e| e.key == key);
    if count("client_id") > 1 || count("client_secret") > 1 {
        return None;
    }
    if request.basic_auth {
        if !rule.remove_when_sent {
            return None;
        }
        let present: Vec<&crate::model::Entry> = ["client_id", "client_secret"]
            .iter()
            .filter_map(|k| find(k))
            .collect();
        let mut removed = Vec::new();
        for entry in present {
            let (extent, _) = movable_entry(text, entry, rule)?;
            removed.push((entry, extent));
        }
        return credential_removals(text, &mut removed, &rule.options);
    }
    let call = text.get(request.span.clone())?;
    if rule.absent.iter().any(|a| call.contains(a.as_str())) {
        return None;
    }
    let (id, secret) = (find("client_id")?, find("client_secret")?);
    let mut values = Vec::new();
    let mut moved = Vec::new();
    for entry in [id, secret] {
        let (extent, value) = movable_entry(text, entry, rule)?;
        values.push(value);
        moved.push((entry, extent));
    }
    let fill = |template: &str| {
        template
            .replace("{id}", &values[0])
            .replace("{secret}", &values[1])
    };
    if let Some(body) = request.body_span.clone() {
        let in_body = moved.iter().all(|(_, extent)| within(extent, &body));
        if let (Some(after), true) = (&rule.after_body, in_body) {
            let before: String = text
                .get(..body.start)?
                .chars()
                .rev()
                .filter(|c| !c.is_whitespace())
                .take(64)
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect();
            // in the request's call; or the last argument of a call of a
            // builder sent elsewhere (`.post(…)`)
            let placed = if rule.body_follows.is_empty() {
                within(&body, &request.span) || rule.body_ends_call
            } else {
                rule.body_follows
                    .iter()
                    .any(|f| before.ends_with(f.as_str()))
            };
            if placed && (!rule.body_ends_call || ends_call(text, body.end)) {
                let mut edits = credential_removals(text, &mut moved, &rule.options)?;
                edits.push((body.end..body.end, fill(after)));
                return Some(edits);
            }
        }
        if let (Some(after), true) = (&rule.after_statement, in_body) {
            let statement = statement_at(text, &body)?;
            let target = statement.target.as_deref()?;
            let (object, member) = target.rsplit_once('.')?;
            if statement.is_call
                || !rule.assigned_members.iter().any(|m| m == member)
                || !text.get(statement.start..body.start)?.contains('=')
            {
                return None;
            }
            let mut edits = credential_removals(text, &mut moved, &rule.options)?;
            edits.push((
                statement.end..statement.end,
                fill(after).replace("{object}", object),
            ));
            return Some(edits);
        }
    }
    let instead = rule.instead_of_statement.as_ref()?;
    moved.sort_by_key(|(_, extent)| extent.start);
    let mut statements = Vec::new();
    for (_, extent) in &moved {
        let statement = statement_at(text, extent)?;
        if !statement.is_call || statement.start != extent.start {
            return None;
        }
        statements.push(statement);
    }
    let target = statements[0].target.clone()?;
    if statements[1].target.as_deref() != Some(target.as_str()) {
        return None;
    }
    let first = &statements[0];
    let second = statement_removal(text, &moved[1].1)?;
    let replaced = (
        first.start..first.end,
        fill(instead).replace("{target}", &target),
    );
    Some(vec![replaced, second])
}

/// A credential entry that can move: its extent and its value as written.
fn movable_entry(
    text: &str,
    entry: &crate::model::Entry,
    rule: &super::libraries::BasicAuth,
) -> Option<(Span, String)> {
    let (extent, value) = entry_extent(entry)?;
    entry.key_span.as_ref()?;
    // a `key=value` pair of a form string (or a keyword argument,
    // which then waits for a person: precision first)
    let in_string = text
        .get(entry.span.start..)?
        .starts_with(&format!("{}=", entry.key));
    let value = text.get(value)?;
    let plain = |v: &str| {
        let v = v.strip_prefix("this.").unwrap_or(v);
        !v.is_empty()
            && v.split('.').all(|part| {
                part.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && part.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
    };
    if value.trim().is_empty()
        || value.contains(['\n', '\r'])
        || in_string && !(rule.string_values && movable_string_value(text, &extent, value))
        || rule.plain_values && !plain(value.trim())
    {
        return None;
    }
    Some((extent, value.to_string()))
}

/// The edits that remove the credential entries (with their extents):
/// with their comma from a container, with their `&` from a form string,
/// with their option from a command line, as a statement of their own, or
/// as a call of a builder chain.
fn credential_removals(
    text: &str,
    removed: &mut [(&crate::model::Entry, Span)],
    options: &[String],
) -> Option<Vec<(Span, String)>> {
    let mut known: Vec<(Option<&crate::model::Entry>, Span)> =
        removed.iter().map(|(e, s)| (Some(*e), s.clone())).collect();
    removals(text, &mut known, options)
}

/// [`credential_removals`] for entries a front end knows only by their
/// extents (a Go `url.Values` literal, a Ruby `set_form_data` hash).
pub(crate) fn extent_removals(
    text: &str,
    extents: &mut [Span],
    options: &[String],
) -> Option<Vec<(Span, String)>> {
    let mut known: Vec<(Option<&crate::model::Entry>, Span)> =
        extents.iter().map(|s| (None, s.clone())).collect();
    removals(text, &mut known, options)
}

fn removals(
    text: &str,
    removed: &mut [(Option<&crate::model::Entry>, Span)],
    options: &[String],
) -> Option<Vec<(Span, String)>> {
    removed.sort_by_key(|(_, s)| s.start);
    let remove = |entry: Option<&crate::model::Entry>, extent: &Span| {
        entry_removal(text, extent)
            .or_else(|| pair_removal(text, extent))
            .or_else(|| option_removal(text, extent, options))
            .or_else(|| statement_removal(text, extent))
            .or_else(|| entry.and_then(|e| chained_call_removal(text, e)))
    };
    match removed {
        [(entry, extent)] => return Some(vec![remove(*entry, extent)?]),
        [_, _] => {}
        _ => return None,
    }
    let (first, second) = (&removed[0].1, &removed[1].1);
    // (calls of one builder chain each reach back to its start)
    let between = text.get(first.end..second.start).unwrap_or("");
    if between.trim() == "," && !between.contains(['\n', '\r']) {
        // neighbours on one line: removed as one entry
        return Some(vec![entry_removal(text, &(first.start..second.end))?]);
    }
    let edits = vec![remove(removed[0].0, first)?, remove(removed[1].0, second)?];
    if edits[0].0.end <= edits[1].0.start {
        return Some(edits);
    }
    // two `&` pairs side by side: one removal, keeping one `&`
    let mut merged = edits[0].0.start..edits[1].0.end.max(edits[0].0.end);
    let inner = text.get(merged.clone())?;
    if !inner.contains('&') {
        return None;
    }
    let amp_before = merged
        .start
        .checked_sub(1)
        .and_then(|b| text.get(b..merged.start))
        == Some("&");
    match (inner.starts_with('&'), inner.ends_with('&')) {
        (true, true) => merged.start += 1,
        (false, false) if amp_before => merged.start -= 1,
        (false, false) if text.get(merged.end..merged.end + 1) == Some("&") => merged.end += 1,
        _ => {}
    }
    Some(vec![(merged, String::new())])
}

/// The edit that removes an entry that is a call statement of its own
/// (`form.add("client_id", id);`): its whole line when nothing else is on
/// it but a comment.
fn statement_removal(text: &str, extent: &Span) -> Option<(Span, String)> {
    let statement = statement_at(text, extent)?;
    let between = text.get(extent.end..statement.end - 1)?;
    if statement.start != extent.start || !statement.is_call || !between.trim().is_empty() {
        return None;
    }
    let line_start = text
        .get(..statement.start)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(statement.end..)?
        .find('\n')
        .map_or(text.len(), |i| statement.end + i + 1);
    Some((line_start..line_end, String::new()))
}

/// The edit that removes an entry written as a call of a builder chain
/// (`.add("client_id", id)`): its whole line when it stands alone on it.
fn chained_call_removal(text: &str, entry: &crate::model::Entry) -> Option<(Span, String)> {
    let key = entry.key_span.as_ref()?;
    let value = entry.value_span.as_ref()?;
    // `.add(` `"client_id"`: the call's `(`, its name and the `.` before
    let quoted = text.get(..key.start)?.strip_suffix(['"', '\''])?.trim_end();
    let open = quoted.len().checked_sub(1)?;
    let named = quoted.strip_suffix('(')?.trim_end();
    let name_start = named
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    if name_start == named.len() {
        return None;
    }
    let dot = text.get(..name_start)?.trim_end();
    if !dot.ends_with('.') {
        return None;
    }
    let start = dot.len() - 1;
    let after = text.get(value.end..)?;
    let close = value.end + (after.len() - after.trim_start().len());
    if text.get(close..close + 1) != Some(")") || matching_close(text, open)? != close {
        return None;
    }
    let end = close + 1;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |i| end + i);
    let rest = text.get(end..line_end)?.trim();
    let alone = text.get(line_start..start)?.trim().is_empty()
        && (rest.is_empty() || rest.starts_with("//"))
        && text
            .get(..line_start)?
            .trim_end()
            .ends_with(|c: char| c != ';' && c != '{' && c != '}');
    if alone {
        return Some((line_start..(line_end + 1).min(text.len()), String::new()));
    }
    Some((start..end, String::new()))
}

/// An entry's whole extent in the source (key to the end of its value)
/// and its value's: the value expression, or the pieces of a value
/// written inside a string (`client_id=${ID}`).
fn entry_extent(entry: &crate::model::Entry) -> Option<(Span, Span)> {
    let value = match &entry.value_span {
        Some(v) => v.clone(),
        None => {
            let value = entry.value.as_ref()?;
            let mut srcs = value.pieces.iter().map(|p| match p {
                crate::model::Piece::Lit { src, .. } => src.clone(),
                crate::model::Piece::Hole { src, .. } => Some(src.clone()),
            });
            let first = srcs.next()??;
            let mut span = first;
            for src in srcs {
                let src = src?;
                span = span.start.min(src.start)..span.end.max(src.end);
            }
            span
        }
    };
    if value.start < entry.span.start {
        return None;
    }
    Some((entry.span.start..entry.span.end.max(value.end), value))
}

/// A value written inside a form string that means the same inside the
/// double-quoted string `after_body` writes: the pair stays within one
/// literal, the value has no quote or escape, and a `$` came from a
/// double-quoted word too (in single quotes it was literal).
fn movable_string_value(text: &str, pair: &Span, value: &str) -> bool {
    if !within_one_literal(text.get(pair.clone()).unwrap_or("\"")) || value.contains('\\') {
        return false;
    }
    let opening = text
        .get(..pair.start)
        .and_then(|b| b.rfind(|c: char| c == '"' || c == '\'' || c.is_whitespace()))
        .and_then(|i| text.get(i..i + 1));
    !(value.contains(['$', '`']) && opening != Some("\""))
}

/// A piece of text that stays whole inside one string literal: no quote
/// and balanced brackets (a pair that ends inside `{…}` or spans a
/// concatenation is not one).
fn within_one_literal(fragment: &str) -> bool {
    let mut depth = 0i32;
    for c in fragment.chars() {
        match c {
            '"' | '\'' | '`' => return false,
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The edit that removes one `key=value` pair of a form string with the
/// `&` after it (or, for the last pair, the one before it).
fn pair_removal(text: &str, pair: &Span) -> Option<(Span, String)> {
    if text.get(pair.end..pair.end + 1) == Some("&") {
        return Some((pair.start..pair.end + 1, String::new()));
    }
    if pair.start > 0 && text.get(pair.start - 1..pair.start) == Some("&") {
        return Some((pair.start - 1..pair.end, String::new()));
    }
    None
}

/// The edit that removes a command-line option whose value is the whole
/// word `pair` (`-d "client_id=${ID}"`), with the blank before the option.
fn option_removal(text: &str, pair: &Span, options: &[String]) -> Option<(Span, String)> {
    let mut word = pair.clone();
    let quote = text.get(word.start.checked_sub(1)?..word.start)?;
    if (quote == "\"" || quote == "'") && text.get(word.end..word.end + 1) == Some(quote) {
        word = word.start - 1..word.end + 1;
    }
    let after = text.get(word.end..)?.chars().next();
    if after.is_some_and(|c| !c.is_whitespace() && c != ';' && c != '|' && c != '&') {
        return None;
    }
    let before = text.get(..word.start)?;
    let flagged = before.trim_end_matches([' ', '\t']);
    let option = options.iter().find(|o| {
        flagged.ends_with(o.as_str()) && flagged[..flagged.len() - o.len()].ends_with([' ', '\t'])
    })?;
    let start = flagged.len() - option.len();
    let start = text[..start].trim_end_matches([' ', '\t']).len();
    if flagged.len() == before.len() && !option.ends_with('=') {
        return None;
    }
    Some((start..word.end, String::new()))
}

/// The edit that removes one `key: value` entry of a container (a dict, an
/// object, an array, a list of pairs) with its separating comma; the
/// whole line when the entry stands alone on it. `None` when the entry is
/// not comma-separated from a neighbour (a form string's `&` pairs).
pub(crate) fn entry_removal(text: &str, entry: &Span) -> Option<(Span, String)> {
    let after = text.get(entry.end..)?;
    let blank = |c: char| c == ' ' || c == '\t';
    let trailing = after.len() - after.trim_start_matches(blank).len();
    if after[trailing..].starts_with(',') {
        let mut end = entry.end + trailing + 1;
        let rest = &text[end..];
        let line_start = text[..entry.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let alone_before = text[line_start..entry.start].chars().all(blank);
        let spaces = rest.len() - rest.trim_start_matches(blank).len();
        let rest_of_line = &rest[spaces..];
        let comment_or_end = rest_of_line.is_empty()
            || rest_of_line.starts_with(['\n', '\r'])
            || rest_of_line.starts_with('#')
            || rest_of_line.starts_with("//");
        if alone_before && comment_or_end {
            // the whole line, with its line break
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            return Some((line_start..line_end, String::new()));
        }
        end += spaces;
        return Some((entry.start..end, String::new()));
    }
    // the last entry: remove the comma before it
    let before = text.get(..entry.start)?;
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace());
    if !trimmed.ends_with(',') {
        return None;
    }
    let comma = trimmed.len() - 1;
    Some((comma..entry.end, String::new()))
}

/// A statement of a language whose statements end in `;`, found around a
/// span: it starts a line and ends (`;`) on a line where only blanks or a
/// comment follow, so text inserted after it stays on that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Statement {
    /// the first character of the statement
    pub start: usize,
    /// just past its `;`
    pub end: usize,
    /// the name it assigns (`conn` of `HttpURLConnection conn = …;`,
    /// `request.Content` of `request.Content = …;`), or the receiver of the
    /// call it makes (`conn` of `conn.setRequestMethod("GET");`)
    pub target: Option<String>,
    /// the statement is one call on `target` (`form.add("client_id", id);`)
    pub is_call: bool,
}

/// The statement holding `inside`: it starts on the line where `inside`
/// starts, and `inside` lies before its `;`.
pub(crate) fn statement_at(text: &str, inside: &Span) -> Option<Statement> {
    let line_start = text.get(..inside.start)?.rfind('\n').map_or(0, |i| i + 1);
    let lead = text.get(line_start..)?;
    let start = line_start + (lead.len() - lead.trim_start_matches([' ', '\t']).len());
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut i = start;
    let semi = loop {
        let b = *bytes.get(i)?;
        if i - start > 8000 {
            return None;
        }
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i += text.get(i..)?.find('\n')?;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i += text.get(i..)?.find("*/")? + 1;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth < 0 {
                        return None;
                    }
                }
                b';' if depth == 0 => {
                    if i < inside.end {
                        return None;
                    }
                    break i;
                }
                _ => {}
            },
        }
        i += 1;
    };
    let end = semi + 1;
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |n| end + n);
    let rest = text.get(end..line_end)?.trim();
    if !(rest.is_empty() || rest.starts_with("//")) {
        return None;
    }
    let (target, is_call) = statement_target(text.get(start..semi)?);
    Some(Statement {
        start,
        end,
        target,
        is_call,
    })
}

/// `a.b.c`: names joined by dots, nothing else.
fn is_dotted_name(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

/// What a statement assigns (`Type name = …`, `a.b = …`), or the
/// receiver of the one call it makes (`recv.method(…)`, then `true`).
fn statement_target(statement: &str) -> (Option<String>, bool) {
    let bytes = statement.as_bytes();
    let paren = statement.find('(').unwrap_or(statement.len());
    let assignment = (0..paren).find(|&i| {
        bytes[i] == b'='
            && !matches!(bytes.get(i + 1), Some(b'=' | b'>'))
            && !(i > 0 && b"=!<>+-*/%&|^?".contains(&bytes[i - 1]))
    });
    if let Some(eq) = assignment {
        let lhs = statement[..eq].trim();
        let allowed = |c: char| c.is_alphanumeric() || " \t_$.<>,?[]".contains(c);
        let name = lhs.rsplit([' ', '\t']).next().unwrap_or("");
        if lhs.chars().all(allowed) && is_dotted_name(name) {
            return (Some(name.to_string()), false);
        }
        return (None, false);
    }
    let head = statement[..paren].trim();
    match head.rsplit_once('.') {
        Some((receiver, method)) if is_dotted_name(head) && !method.is_empty() => {
            let rest = statement[paren..].trim();
            // one call, nothing chained after it
            let one_call = rest.starts_with('(')
                && matching_close(rest, 0).is_some_and(|c| rest[c + 1..].trim().is_empty());
            (Some(receiver.to_string()), one_call)
        }
        _ => (None, false),
    }
}

/// The `.` of the call named `name` chained after the call that closes at
/// `close` (`new Request.Builder().url(u)` … `.build()`), past the other
/// calls of the chain and the blanks and line comments between them.
pub(crate) fn chained_call(text: &str, close: usize, name: &str) -> Option<usize> {
    let mut at = close + 1;
    for _ in 0..64 {
        loop {
            let rest = text.get(at..)?;
            let trimmed = rest.trim_start();
            at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                at += trimmed.find('\n')?;
            } else {
                break;
            }
        }
        if text.get(at..at + 1) != Some(".") {
            return None;
        }
        let dot = at;
        let rest = text.get(dot + 1..)?;
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        let open = dot + 1 + len;
        if len == 0 || text.get(open..open + 1) != Some("(") {
            return None;
        }
        if &rest[..len] == name {
            return Some(dot);
        }
        at = matching_close(text, open)? + 1;
    }
    None
}

/// The edit that adds `argument` to the call whose parentheses are at
/// `open` and `close`: after `at` arguments, or at the end.
pub(crate) fn argument_insertion(
    text: &str,
    open: usize,
    close: usize,
    argument: &str,
    at: Option<usize>,
) -> Option<(Span, String)> {
    let inside = text.get(open + 1..close)?;
    let commas = top_level_commas(inside)?;
    let count = if inside.trim().is_empty() {
        0
    } else {
        commas.len() + 1
    };
    match at {
        Some(n) if n < count => {
            let comma = open + 1 + commas.get(n.checked_sub(1)?)?;
            // a type argument's comma (`Map<String, String>`) is not told apart
            if text.get(open..comma)?.contains('<') {
                return None;
            }
            Some((comma..comma, format!(", {argument}")))
        }
        Some(n) if n > count => None,
        _ if count == 0 => Some((close..close, argument.to_string())),
        _ => Some((close..close, format!(", {argument}"))),
    }
}

/// Offsets of the commas of `inside` outside strings and brackets;
/// `None` when it does not balance.
fn top_level_commas(inside: &str) -> Option<Vec<usize>> {
    let bytes = inside.as_bytes();
    let mut commas = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth < 0 {
                        return None;
                    }
                }
                b',' if depth == 0 => commas.push(i),
                _ => {}
            },
        }
        i += 1;
    }
    (depth == 0 && quote.is_none()).then_some(commas)
}

/// The rest of the line after `at` is blank or a comment starting with
/// one of `comments`.
fn line_ends_after(text: &str, at: usize, comments: &[&str]) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty()
        || rest.starts_with(['\n', '\r'])
        || comments.iter().any(|c| rest.starts_with(c))
}

/// The edit that removes a statement standing alone on its line (a
/// trailing comment goes with it): the whole line with its line break.
pub(crate) fn line_removal(
    text: &str,
    statement: &Span,
    comments: &[&str],
) -> Option<(Span, String)> {
    let before = text.get(..statement.start)?;
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if !before[line_start..].chars().all(|c| c == ' ' || c == '\t')
        || !line_ends_after(text, statement.end, comments)
    {
        return None;
    }
    let line_end = text[statement.end..]
        .find('\n')
        .map_or(text.len(), |i| statement.end + i + 1);
    Some((line_start..line_end, String::new()))
}

/// The edit that joins `statement` to the line of the statement ending at
/// `end` (`a; b`), so no line is added; only where that statement ends its
/// line (a trailing comment stays after both).
pub(crate) fn joined_statement(
    text: &str,
    end: usize,
    statement: &str,
    comments: &[&str],
) -> Option<(Span, String)> {
    line_ends_after(text, end, comments).then(|| (end..end, format!("; {statement}")))
}

/// The `{`, `[` or `(` that opens the innermost container holding `at`.
fn opening_bracket(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b'}' | b']' | b')' => depth += 1,
            b'{' | b'[' | b'(' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
        if at - i > 4000 {
            return None;
        }
    }
    None
}

/// The offset of the bracket closing the one at `open`, skipping strings;
/// `None` when the text does not balance.
pub(crate) fn matching_close(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (o, c) = match bytes.get(open)? {
        b'{' => (b'{', b'}'),
        b'[' => (b'[', b']'),
        b'(' => (b'(', b')'),
        _ => return None,
    };
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = open;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None if b == b'"' || b == b'\'' || b == b'`' => quote = Some(b),
            None if b == o => depth += 1,
            None if b == c => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// The name that introduces the container opening at `open`: a keyword
/// argument (`params=`), an object key (`params:`), an array key
/// (`'query' =>`) or a method (`.query(&`). Returns its span and text.
fn name_before(text: &str, open: usize) -> Option<(Span, String)> {
    let before = text.get(..open)?;
    let mut end = before.trim_end().len();
    // `&[…]`, `&vec![…]`: a reference to the container
    if before[..end].ends_with('&') {
        end = before[..end - 1].trim_end().len();
    }
    let head = &before[..end];
    let head = if let Some(h) = head.strip_suffix("=>") {
        h
    } else if let Some(h) = head.strip_suffix('(') {
        h
    } else if let Some(h) = head.strip_suffix(['=', ':']) {
        // not `==`, `!=`, `::`
        if h.ends_with(['=', '!', '<', '>', ':']) {
            return None;
        }
        h
    } else {
        return None;
    };
    let head = head.trim_end();
    let quoted = head.ends_with(['"', '\'']);
    let name_end = if quoted { head.len() - 1 } else { head.len() };
    let name_start = head[..name_end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if name_start == name_end {
        return None;
    }
    if quoted {
        let q = &head[name_end..];
        if !head[..name_start].ends_with(q) {
            return None;
        }
    }
    Some((name_start..name_end, head[name_start..name_end].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_before_a_container_is_found_in_every_shape() {
        for (text, name) in [
            ("f(url, params={", "params"),
            ("{ params: {", "params"),
            ("['query' => [", "query"),
            ("[\"query\" =>[", "query"),
            ("→params=(", "params"),
            (".query(&[", "query"),
        ] {
            let open = text.len() - 1;
            let (span, found) = name_before(text, open).expect(text);
            assert_eq!(found, name, "{text}");
            assert_eq!(&text[span], name, "{text}");
        }
        for text in ["x == [", "a::b(", "f(\"k' => [", "(("] {
            assert!(
                name_before(text, text.len() - 1).map(|n| n.1) != Some("k".into()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_statement_is_found_with_what_it_names() {
        let text = "  HttpURLConnection conn = (HttpURLConnection) u.openConnection(); // x\n";
        let at = text.find("openConnection").unwrap();
        let s = statement_at(text, &(at..at + 14)).unwrap();
        assert_eq!(s.target.as_deref(), Some("conn"));
        assert!(!s.is_call);
        assert_eq!(&text[s.start..s.end], &text[2..text.find(';').unwrap() + 1]);

        let text = "conn.setRequestMethod(\"GET\");\n";
        let at = text.find("GET").unwrap();
        let s = statement_at(text, &(at..at + 3)).unwrap();
        assert_eq!((s.target.as_deref(), s.is_call), (Some("conn"), true));

        let text = "request.Content = new FormUrlEncodedContent(new Dictionary<string, string>\n{\n  { \"a\", b },\n});\nnext();";
        let at = text.find("new Form").unwrap();
        let s = statement_at(text, &(at..at + 3)).unwrap();
        assert_eq!(s.target.as_deref(), Some("request.Content"));
        assert_eq!(&text[s.end - 3..s.end], "});");

        // not a statement of its own line, or followed by more code
        for (text, word) in [
            ("if (x) conn.setRequestMethod(\"GET\");", "GET"),
            ("conn.setRequestMethod(\"GET\"); other();", "GET"),
            ("} else { conn.setRequestMethod(\"GET\"); }", "GET"),
        ] {
            let at = text.find(word).unwrap();
            let s = statement_at(text, &(at..at + word.len()));
            assert!(
                s.is_none() || s.as_ref().unwrap().target.is_none(),
                "{text}: {s:?}"
            );
        }
        // a constant's declaration is an assignment, not a call
        let text = "static final String M = \"GET\";";
        let at = text.find("GET").unwrap();
        let s = statement_at(text, &(at..at + 3)).unwrap();
        assert!(!s.is_call);
    }

    #[test]
    fn an_argument_goes_where_it_is_asked() {
        let text = "getForObject(url, String.class)";
        let close = text.len() - 1;
        let (span, insert) = argument_insertion(text, 12, close, "null", Some(1)).unwrap();
        let mut out = text.to_string();
        out.replace_range(span, &insert);
        assert_eq!(out, "getForObject(url, null, String.class)");
        let (span, insert) = argument_insertion(text, 12, close, "null", None).unwrap();
        let mut out = text.to_string();
        out.replace_range(span, &insert);
        assert_eq!(out, "getForObject(url, String.class, null)");
        assert!(argument_insertion(text, 12, close, "null", Some(3)).is_none());
        let empty = "GET()";
        assert_eq!(
            argument_insertion(empty, 3, 4, "noBody()", None),
            Some((4..4, "noBody()".to_string()))
        );
        // a comma inside a string or a call is not an argument's end
        let text = "f(g(a, b), \"x,y\")";
        let (span, _) = argument_insertion(text, 1, text.len() - 1, "z", Some(1)).unwrap();
        assert_eq!(span.start, text.find(", \"").unwrap());
    }

    #[test]
    fn a_chained_call_is_found_past_the_others() {
        let text = "new Request.Builder() // a\n  .url(u(\")\"))\n  .header(\"a\", b)\n  .build();";
        let close = text.find(')').unwrap();
        let dot = chained_call(text, close, "build").unwrap();
        assert_eq!(&text[dot..dot + 6], ".build");
        assert!(chained_call(text, close, "post").is_none());
        assert!(chained_call("f() + g.build()", 2, "build").is_none());
    }

    #[test]
    fn a_keyword_argument_is_told_from_a_path_and_a_hash() {
        for (text, keyword) in [
            ("f(url, body: x)", true),
            ("f(url,\n  basic_auth: {})", true),
            ("f(url, Foo::Bar)", false),
            ("f(url, { a: 1 })", false),
            ("f(url)", false),
            ("f(url, 1: x)", false),
        ] {
            assert_eq!(keyword_follows(text, 5), keyword, "{text}");
        }
    }

    #[test]
    fn a_statement_is_removed_or_joined_only_where_it_ends_its_line() {
        let text = "a()\n  form.Set(\"client_id\", id) // note\nb()\n";
        let at = text.find("form").unwrap();
        let end = text.find(") //").unwrap() + 1;
        let (span, _) = line_removal(text, &(at..end), &["//"]).unwrap();
        let mut out = text.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "a()\nb()\n");
        assert!(line_removal("x := form.Set(k, v)\n", &(5..19), &["//"]).is_none());
        let (span, joined) = joined_statement(text, end, "c()", &["//"]).unwrap();
        assert_eq!((span.start, joined.as_str()), (end, "; c()"));
        assert!(joined_statement("a() if x\n", 3, "c()", &["#"]).is_none());
    }

    #[test]
    fn an_entry_is_removed_with_its_comma_or_its_line() {
        let inline = "{\"a\": 1, \"client_id\": cid, \"b\": 2}";
        let at = inline.find("\"client_id").unwrap();
        let end = inline.find(", \"b").unwrap();
        let (span, _) = entry_removal(inline, &(at..end)).unwrap();
        let mut out = inline.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "{\"a\": 1, \"b\": 2}");

        let last = "{\"a\": 1, \"client_id\": cid}";
        let at = last.find("\"client_id").unwrap();
        let (span, _) = entry_removal(last, &(at..last.len() - 1)).unwrap();
        let mut out = last.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "{\"a\": 1}");

        let lines = "{\n    \"client_id\": cid,  # id\n    \"b\": 2,\n}";
        let at = lines.find("\"client_id").unwrap();
        let end = lines.find(",  #").unwrap();
        let (span, _) = entry_removal(lines, &(at..end)).unwrap();
        let mut out = lines.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "{\n    \"b\": 2,\n}");

        // a pair of a form string has no comma: no edit
        let form = "\"grant_type=x&client_id=abc\"";
        let at = form.find("client_id").unwrap();
        assert!(entry_removal(form, &(at..form.len() - 1)).is_none());
    }

    #[test]
    fn credential_statements_and_chained_calls_are_removed_whole() {
        let text =
            "form.add(\"grant_type\", \"x\");\n    form.add(\"client_id\", id); // c\nnext();\n";
        let at = text.find("    form.add(\"client_id").unwrap() + 4;
        let end = text.find("; // c").unwrap();
        let (span, _) = statement_removal(text, &(at..end)).unwrap();
        let mut out = text.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "form.add(\"grant_type\", \"x\");\nnext();\n");
        // part of a larger expression: not a statement of its own
        let text = "x = form.add(\"client_id\", id);";
        let at = text.find("form").unwrap();
        assert!(statement_removal(text, &(at..text.len() - 1)).is_none());

        let chain =
            "new FormBody.Builder()\n    .add(\"client_id\", id)\n    .add(\"n\", v).build()";
        let key = chain.find("client_id").unwrap();
        let value = chain.find("id)").unwrap();
        let entry = crate::model::Entry {
            key: "client_id".into(),
            key_span: Some(key..key + 9),
            value: None,
            value_span: Some(value..value + 2),
            span: 0..value + 3,
        };
        let (span, _) = chained_call_removal(chain, &entry).unwrap();
        let mut out = chain.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "new FormBody.Builder()\n    .add(\"n\", v).build()");
        let inline = "b().add(\"client_id\", id).build()";
        let key = inline.find("client_id").unwrap();
        let value = inline.find("id)").unwrap();
        let entry = crate::model::Entry {
            key_span: Some(key..key + 9),
            value_span: Some(value..value + 2),
            span: 0..value + 3,
            ..entry
        };
        let (span, _) = chained_call_removal(inline, &entry).unwrap();
        let mut out = inline.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "b().build()");
    }

    #[test]
    fn only_objects_of_scalars_go_as_forms() {
        assert!(holds_only_scalars(" grant_type = \"x\", code, n = a.b "));
        assert!(holds_only_scalars(" s = \"{not [nested]}\" "));
        assert!(!holds_only_scalars(" a = new { b = 1 } "));
        assert!(!holds_only_scalars(" scopes = new[] { \"a\" } "));
        assert!(!holds_only_scalars(" when = new DateTime(1) "));
        assert!(holds_only_scalars(" renewed = true "));
    }

    #[test]
    fn form_string_pairs_and_options_are_removed_whole() {
        let pairs = "\"grant_type=x&client_id=${ID}&n=1\"";
        let at = pairs.find("client_id").unwrap();
        let end = pairs.find("&n=").unwrap();
        let (span, _) = pair_removal(pairs, &(at..end)).unwrap();
        let mut out = pairs.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "\"grant_type=x&n=1\"");

        let options = ["-d".to_string()];
        let line = "curl -X POST \"$U\" -d \"client_id=${ID}\" -d \"grant_type=x\"";
        let at = line.find("client_id").unwrap();
        let end = line.find("}\"").unwrap() + 1;
        let (span, _) = option_removal(line, &(at..end), &options).unwrap();
        let mut out = line.to_string();
        out.replace_range(span, "");
        assert_eq!(out, "curl -X POST \"$U\" -d \"grant_type=x\"");
    }

    #[test]
    fn only_values_that_mean_the_same_in_double_quotes_move() {
        let shell = "-d \"client_id=${ID}\"";
        let at = shell.find("client_id").unwrap();
        let end = shell.len() - 1;
        assert!(movable_string_value(shell, &(at..end), "${ID}"));
        let single = "-d 'client_id=${ID}'";
        assert!(!movable_string_value(single, &(at..end), "${ID}"));
        // an f-string hole without its closing brace, a concatenation
        let fstring = "f\"client_id={cid}&x=1\"";
        let at = fstring.find("client_id").unwrap();
        let end = fstring.find('}').unwrap();
        assert!(!movable_string_value(fstring, &(at..end), "cid"));
        let concat = "\"client_id=\" + cid";
        let at = concat.find("client_id").unwrap();
        assert!(!movable_string_value(concat, &(at..concat.len()), "cid"));
    }
}
