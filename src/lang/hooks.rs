//! The few facts that differ between languages and that the shared
//! analysis records on the model, so detectors never ask which language a
//! file is in: what a read of a missing field does, whether variables
//! outlive a function, and how the language keeps an old value.

use super::{Language, TextKind};
use crate::model::{FieldRead, FileModel, ReadKind, Span};

/// How a language keeps an old value when a response field is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeepOld {
    /// `d["k"]` → `d.get("k", old)`
    GetWithDefault,
    /// `d.k` → `d.k ?? old`
    NullishCoalescing,
    /// `$d['k']` → `$d['k'] ?? old`, `d["k"]` → `d["k"] || old`: the
    /// operator that falls back on a missing key
    FallbackAfterSubscript(&'static str),
    /// the front end drafts the rewrite, knowing the read's statement and
    /// types (Go: `if v, ok := m["k"].(string); ok { t = v }`)
    Drafted,
    /// no rewrite is drafted
    Unavailable,
}

struct Hooks {
    /// `x["k"]` raises on a missing key
    subscript_throws: bool,
    /// a missing field reads as a null value (not a deserialisation error)
    absent_field_is_null: bool,
    /// plain variables outlive the function (shell scripts), or name what
    /// the program keeps (a template's extracted values: connector state)
    variables_are_global: bool,
    /// `$script:`/`$global:` variables outlive a function, and a target
    /// that is not a variable is a cmdlet writing the value out (PowerShell)
    scoped_targets: bool,
    keep_old: KeepOld,
}

fn hooks(language: Language) -> Hooks {
    Hooks {
        subscript_throws: language == Language::Python,
        absent_field_is_null: language != Language::Rust,
        variables_are_global: matches!(
            language,
            Language::Shell | Language::Text(TextKind::Xml | TextKind::Json)
        ),
        scoped_targets: language == Language::PowerShell,
        keep_old: match language {
            Language::Python => KeepOld::GetWithDefault,
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                KeepOld::NullishCoalescing
            }
            Language::Php => KeepOld::FallbackAfterSubscript("??"),
            Language::Ruby => KeepOld::FallbackAfterSubscript("||"),
            Language::Go => KeepOld::Drafted,
            _ => KeepOld::Unavailable,
        },
    }
}

/// Record on every field read what its absence means in `language`.
pub fn annotate_reads(language: Language, text: &str, model: &mut FileModel) {
    let hooks = hooks(language);
    let bound_targets = &model.bound_targets;
    for read in &mut model.field_reads {
        read.absence.throws = read.kind == ReadKind::Subscript && hooks.subscript_throws;
        read.absence.yields_null = hooks.absent_field_is_null;
        read.absence.target_outlives_call = read.assigned_to.as_deref().is_some_and(|t| {
            hooks.variables_are_global
                || is_stored_target(t)
                || (hooks.scoped_targets && is_scoped_target(t))
        });
        // the fallback reads the target before it is assigned: it must
        // already hold a value (a stored token, or a name the front end saw
        // bound on every path) and be the statement's only target
        let target_bound = read.assigned_to.as_deref().is_some_and(|t| {
            (is_stored_target(t) || bound_targets.contains(&read.span))
                && single_assignment_target(text, read, t)
                && !built_empty_before(text, read.span.start, t)
        });
        read.absence.keep_old_value = if !target_bound {
            Vec::new()
        } else if hooks.keep_old == KeepOld::Drafted {
            std::mem::take(&mut read.absence.keep_old_value)
        } else {
            keep_old_value(hooks.keep_old, text, read).unwrap_or_default()
        };
    }
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

/// The container that `target` is an entry or field of was last built
/// empty before `at` (`saved = {}`, `$saved = array();`, `var saved = new
/// Dictionary<string, string>();`): it holds no old token, so falling back
/// on it keeps nothing, and in Python (`saved["k"]`) it raises.
fn built_empty_before(text: &str, at: usize, target: &str) -> bool {
    let cut = target
        .rfind(['[', '.'])
        .into_iter()
        .chain(target.rfind("->"))
        .max();
    let Some(base) = cut.map(|i| target[..i].trim()).filter(|b| !b.is_empty()) else {
        return false;
    };
    let Some(before) = text.get(..at.min(text.len())) else {
        return false;
    };
    // the line of the read itself assigns the entry, not the container
    let before = before.rfind('\n').map_or("", |i| &before[..i]);
    // within the function around the read, as far as lines tell
    for line in before.lines().rev().take(300) {
        let Some(rhs) = assigned_value(line, base) else {
            continue;
        };
        return is_empty_container(rhs);
    }
    false
}

/// The value a line assigns to `name` as a whole (`name = value`, with an
/// optional declaration keyword or type before it).
fn assigned_value<'t>(line: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(i) = line[from..].find(name) {
        let start = from + i;
        from = start + name.len();
        let prev = line[..start].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | '>' | '[')) {
            continue;
        }
        let rest = line[from..].trim_start();
        let rest = rest.strip_prefix(":=").or_else(|| rest.strip_prefix('='));
        let Some(rest) = rest else { continue };
        if rest.starts_with(['=', '>', '~']) {
            continue;
        }
        return Some(rest.trim().trim_end_matches(';').trim_end());
    }
    None
}

/// A literal or constructor call that builds an empty map, list or object.
fn is_empty_container(value: &str) -> bool {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let v = v.as_str();
    if matches!(
        v,
        "{}" | "[]"
            | "array()"
            | "dict()"
            | "list()"
            | "Hash.new"
            | "Hash.new()"
            | "(object)[]"
            | "(object)array()"
            | "@{}"
            | "@()"
    ) {
        return true;
    }
    // `new HashMap<>()`, `new stdClass()`, `new Dictionary<string,string>()`,
    // `new JObject()`, Go's `map[string]string{}` and `make(map[string]any)`
    (v.starts_with("new") && (v.ends_with("()") || v == "newstdClass"))
        || (v.starts_with("map[") && v.ends_with("{}"))
        || (v.starts_with("make(map[") && v.ends_with(')') && !v.contains(','))
}

/// A PowerShell target that outlives the function: a `$script:`,
/// `$global:` or `$env:` variable, or a cmdlet that writes the value
/// (`Set-Content -Path $file`).
fn is_scoped_target(target: &str) -> bool {
    let t = target.trim().to_ascii_lowercase();
    [
        "$script:",
        "$global:",
        "$env:",
        "${script:",
        "${global:",
        "${env:",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || !t.starts_with(['$', '@'])
}

/// The statement assigns to `target` alone: `x = …`, not `a, x = …`,
/// `a = x = …` or `[a, x] = …`.
fn single_assignment_target(text: &str, read: &FieldRead, target: &str) -> bool {
    let start = read.span.start.min(text.len());
    let Some(before) = text.get(..start) else {
        return false;
    };
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let head = before[line_start..].trim_start();
    let Some(rest) = head.strip_prefix(target) else {
        return false;
    };
    let Some(after) = rest.trim_start().strip_prefix('=') else {
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

/// The read at `end` ends its statement: `… = data.refresh_token;`, or the
/// line ends (a trailing comment is fine).
fn ends_statement(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    matches!(
        rest.chars().next(),
        Some(';') | Some('\n') | Some('\r') | None
    ) || rest.starts_with('#')
        || rest.starts_with("//")
}

/// Keep the old token when the response has none: `.get(k, old)` for a
/// subscript, `?? old` for a member read that ends its statement.
fn keep_old_value(keep: KeepOld, text: &str, read: &FieldRead) -> Option<Vec<(Span, String)>> {
    let target = read.assigned_to.as_ref()?;
    match (keep, read.kind) {
        (KeepOld::GetWithDefault, ReadKind::Subscript) => {
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
                format!(".get({quote}{}{quote}, {target})", read.field),
            )])
        }
        (KeepOld::NullishCoalescing, ReadKind::Member) => {
            // only when the read ends the statement: `… = data.refresh_token;`;
            // a TypeScript `!` that asserts it present gives way to the fallback
            let rest = text.get(read.span.end..)?;
            let asserted = rest.starts_with('!') && !rest.starts_with("!=");
            let end = read.span.end + usize::from(asserted);
            let rest = text.get(end..)?;
            let next = rest.trim_start_matches([' ', '\t']).chars().next();
            if matches!(next, Some(';') | Some('\n') | Some('\r') | None) {
                Some(vec![(read.span.end..end, format!(" ?? {target}"))])
            } else {
                None
            }
        }
        (KeepOld::FallbackAfterSubscript(operator), ReadKind::Subscript) => {
            // the key is a quoted literal closed by `]`: `$data['refresh_token']`
            let quote = text.get(read.span.start.checked_sub(1)?..read.span.start)?;
            let opened = text.get(read.span.start.checked_sub(2)?..read.span.start - 1)?;
            let close = text.get(read.span.end..read.span.end + 2)?;
            if !(quote == "'" || quote == "\"") || opened != "[" || close != format!("{quote}]") {
                return None;
            }
            let end = read.span.end + 2;
            ends_statement(text, end).then(|| vec![(end..end, format!(" {operator} {target}"))])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{lower, Language};

    fn keep_old(language: Language, src: &str) -> Vec<String> {
        let model = lower(language, src);
        let read = model
            .field_reads
            .iter()
            .find(|r| r.field == "refresh_token")
            .expect("a read of refresh_token");
        read.absence
            .keep_old_value
            .iter()
            .map(|(span, text)| format!("{}..{}{text}", span.start, span.end))
            .collect()
    }

    #[test]
    fn php_and_ruby_fall_back_on_the_stored_value() {
        let php = "<?php\n$r = wp_remote_post(TOKEN_URL);\n$data = json_decode(wp_remote_retrieve_body($r), true);\n$this->rt = $data['refresh_token'];\n";
        let at = php.find("'];").unwrap() + 2;
        assert_eq!(
            keep_old(Language::Php, php),
            vec![format!("{at}..{at} ?? $this->rt")]
        );
        let ruby = "data = JSON.parse(res.body)\n@rt = data[\"refresh_token\"] # keep\n";
        let at = ruby.find("\"] #").unwrap() + 2;
        assert_eq!(
            keep_old(Language::Ruby, ruby),
            vec![format!("{at}..{at} || @rt")]
        );
    }

    #[test]
    fn no_fallback_on_a_container_built_empty() {
        let python =
            "data = resp.json()\nsaved = {}\nsaved[\"refresh_token\"] = data[\"refresh_token\"]\n";
        assert!(keep_old(Language::Python, python).is_empty());
        let php = "<?php\n$data = json_decode($body, true);\n$saved = array();\n$saved['refresh_token'] = $data['refresh_token'];\n";
        assert!(keep_old(Language::Php, php).is_empty());
        // a container that holds the old token keeps its fallback
        let kept = "<?php\n$data = json_decode($body, true);\n$saved = get_option('tokens');\n$saved['refresh_token'] = $data['refresh_token'];\n";
        assert_eq!(keep_old(Language::Php, kept).len(), 1);
    }

    #[test]
    fn no_fallback_inside_a_larger_expression() {
        let php =
            "<?php\n$data = json_decode($body, true);\n$this->rt = $data['refresh_token'] . '';\n";
        assert!(keep_old(Language::Php, php).is_empty());
        let python = "rt = resp.json()['refresh_token'].strip()\n";
        assert!(keep_old(Language::Python, python).is_empty());
    }
}
