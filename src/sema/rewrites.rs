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
    if request.method != Some(crate::model::Method::Post) || !has_no_body(request) {
        return None;
    }
    let url_span = request.url.as_ref().map(|u| u.span.clone());
    let in_url = |s: &Span| url_span.as_ref().is_some_and(|u| within(s, u));
    let argument_entries: Vec<&crate::model::Entry> =
        request.query.iter().filter(|e| !in_url(&e.span)).collect();
    if argument_entries.is_empty() {
        url_query_to_form_edits(text, request, library)
    } else {
        query_argument_to_form_edits(text, request, &argument_entries, library)
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
) -> Option<Vec<(Span, String)>> {
    let rule = library.iter().find_map(|l| l.url_query_to_form.as_ref())?;
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
    if !within(&removed, &url.span) || !within(&url.span, &request.span) {
        return None;
    }
    let keywords = rule.keywords_may_follow && keyword_follows(text, url.span.end);
    if rule.url_ends_call && !ends_call(text, url.span.end) && !keywords {
        return None;
    }
    let mut insert = rule.after_url.replace("{query}", written);
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
        insert = insert.replace("{pairs}", &pairs.join(", "));
    }
    Some(vec![
        (removed, String::new()),
        (url.span.end..url.span.end, insert),
    ])
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

/// Send `client_id`/`client_secret` entries of the body or query as HTTP
/// Basic the library's way, and remove them, where both are entries of a
/// container written in the call.
pub(super) fn basic_auth_edits(
    text: &str,
    request: &HttpRequest,
    library: &[&Library],
) -> Option<Vec<(Span, String)>> {
    let rule = library.iter().find_map(|l| l.basic_auth.as_ref())?;
    if request.basic_auth {
        return None;
    }
    let body = request.body_span.clone()?;
    let call = text.get(request.span.clone())?;
    if !within(&body, &request.span) || rule.absent.iter().any(|a| call.contains(a.as_str())) {
        return None;
    }
    let entries: Vec<&crate::model::Entry> = request.body.iter().chain(&request.query).collect();
    let find = |key: &str| -> Option<&crate::model::Entry> {
        let mut found = entries.iter().filter(|e| e.key == key);
        let one = found.next()?;
        found.next().is_none().then_some(*one)
    };
    let (id, secret) = (find("client_id")?, find("client_secret")?);
    let mut values = Vec::new();
    let mut extents = Vec::new();
    for entry in [id, secret] {
        let (extent, value) = entry_extent(entry)?;
        if !within(&extent, &body) || entry.key_span.is_none() {
            return None;
        }
        // a `key=value` pair of a form string (or a keyword argument,
        // which then waits for a person: precision first)
        let in_string = text
            .get(entry.span.start..)?
            .starts_with(&format!("{}=", entry.key));
        let value = text.get(value)?;
        if value.trim().is_empty()
            || value.contains(['\n', '\r'])
            || in_string && !(rule.string_values && movable_string_value(text, &extent, value))
        {
            return None;
        }
        values.push(value.to_string());
        extents.push(extent);
    }
    if rule.body_ends_call && !ends_call(text, body.end) {
        return None;
    }
    let mut edits = credential_removals(text, &mut extents, &rule.options)?;
    let auth = rule
        .after_body
        .replace("{id}", &values[0])
        .replace("{secret}", &values[1]);
    edits.push((body.end..body.end, auth));
    Some(edits)
}

/// The edits that remove the two credential entries (`extents`): with
/// their comma from a container, with their `&` from a form string, or
/// with their option from a command line.
pub(crate) fn credential_removals(
    text: &str,
    extents: &mut [Span],
    options: &[String],
) -> Option<Vec<(Span, String)>> {
    extents.sort_by_key(|s| s.start);
    let (first, second) = (extents.first()?, extents.get(1)?);
    let between = text.get(first.end..second.start)?;
    if between.trim() == "," && !between.contains(['\n', '\r']) {
        // neighbours on one line: removed as one entry
        return Some(vec![entry_removal(text, &(first.start..second.end))?]);
    }
    let remove = |extent: &Span| {
        entry_removal(text, extent)
            .or_else(|| pair_removal(text, extent))
            .or_else(|| option_removal(text, extent, options))
    };
    let edits = vec![remove(first)?, remove(second)?];
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
