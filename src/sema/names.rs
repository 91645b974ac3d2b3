//! Names as the analysis compares them.

use super::limits::HOLE_NAME_LEN;

pub fn is_ident(s: &str) -> bool {
    let mut ch = s.chars();
    match ch.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    ch.all(|c| c.is_alphanumeric() || c == '_')
}

/// A name written the way constants are: `CLIENT_SECRET`, `CONTENT_TYPE`,
/// `V2`; a capital first, then capitals, digits and underscores.
pub fn is_constant_case(s: &str) -> bool {
    s.len() > 1
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

pub fn last_segment(q: &str) -> &str {
    q.rsplit('.').next().unwrap_or(q)
}

/// `this.x` and `x` name the same stored value; whitespace does not matter.
pub fn norm_recv(s: &str) -> String {
    // a long receiver is an expression, never a variable worth indexing
    if s.len() > 256 {
        return String::from("\u{0}");
    }
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("?.", ".");
    t.strip_prefix("this.").unwrap_or(&t).to_string()
}

/// The label of a hole in messages: the expression's source text with
/// runs of white space folded, cut to [`HOLE_NAME_LEN`] characters.
pub fn hole_name(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if out.chars().count() >= HOLE_NAME_LEN {
            break;
        }
    }
    out
}

/// The words of a name, lower-cased: split at `_` and before each capital
/// (`get_user_by_email` → get, user, by, email; `currentUser` → current, user).
pub fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if !word.is_empty() && (c == '_' || c.is_uppercase()) {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' {
            word.push(c.to_ascii_lowercase());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `setRefreshToken`, `set_refresh_token`, `SetRefreshToken` set the field
/// `refresh_token` (or `refreshToken`): a setter named for the field.
pub fn setter_of(method: &str, field: &str) -> bool {
    let norm = |t: &str| -> String {
        t.chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let Some(rest) = method
        .strip_prefix("set")
        .or_else(|| method.strip_prefix("Set"))
    else {
        return false;
    };
    // `set` ends at a word boundary: `setRefreshToken`, `set_token`, not `settings`
    let boundary = rest.starts_with('_') || rest.starts_with(|c: char| c.is_ascii_uppercase());
    boundary && norm(rest) == norm(field)
}

/// Where a read handed to a call is stored when the call is a setter named
/// for the field with the read as its only argument
/// (`tokens.setRefreshToken(r.refresh_token)`): `callee(…)`.
pub fn setter_target(callee: &str, method: &str, args: usize, field: &str) -> Option<String> {
    (args == 1 && setter_of(method, field)).then(|| {
        let callee: String = callee.split_whitespace().collect();
        format!("{callee}(…)")
    })
}

/// A name that holds configuration (`settings`, `app_config`, `_options`,
/// `@credentials`): a value read from it is configured, not computed.
/// One list for every language; sigils (`$`, `@`, `_`) do not count.
pub fn is_config_name(name: &str) -> bool {
    let l = name
        .trim_start_matches(['_', '@', '$'])
        .to_ascii_lowercase();
    let l = l.trim_end_matches('_');
    matches!(
        l,
        "settings"
            | "config"
            | "conf"
            | "cfg"
            | "configuration"
            | "options"
            | "appsettings"
            | "environment"
            | "env"
            | "environ"
            | "credentials"
            | "secrets"
    ) || ["settings", "config", "configuration", "options", "_conf"]
        .iter()
        .any(|s| l.ends_with(s))
}

#[cfg(test)]
mod setter_tests {
    use super::setter_of;

    #[test]
    fn a_setter_is_named_for_its_field() {
        assert!(setter_of("setRefreshToken", "refresh_token"));
        assert!(setter_of("set_refresh_token", "refreshToken"));
        assert!(setter_of("SetRefreshToken", "refresh_token"));
        assert!(!setter_of("setAccessToken", "refresh_token"));
        assert!(!setter_of("settings", "tings"));
        assert!(!setter_of("set", ""));
    }
}

#[cfg(test)]
mod config_name_tests {
    use super::is_config_name;

    #[test]
    fn configuration_names_in_every_spelling() {
        for name in [
            "settings",
            "$config",
            "@credentials",
            "_options",
            "app_config",
            "AppSettings",
            "gotoConfig",
            "webinar_settings",
            "oauth_conf",
            "environ",
        ] {
            assert!(is_config_name(name), "{name}");
        }
        for name in [
            "token",
            "response",
            "data",
            "organizer",
            "confirm",
            "params",
        ] {
            assert!(!is_config_name(name), "{name}");
        }
    }
}

/// Whether a read's fallback is the very place its value is assigned to
/// (`this.rt = d.refresh_token ?? this.rt`, or `rt` where `this.` may be
/// left out): then a missing field keeps the old value.
pub fn fallback_is_target(target: Option<&str>, fallback: Option<&str>) -> bool {
    match (target, fallback) {
        (Some(t), Some(f)) => {
            let f = f.trim();
            f == t.trim() || t.strip_prefix("this.") == Some(f)
        }
        _ => false,
    }
}
