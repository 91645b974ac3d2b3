//! GT014: client secrets and `Basic` credentials written in GoTo auth code.
//! The secret itself never reaches any output: findings carry its span so
//! every format masks it.

use super::Context;
use crate::finding::{mask_secret, RawFinding};
use crate::model::{Span, StrValue};
use crate::rules::Rule;
use regex::Regex;
use std::sync::OnceLock;

const SECRET_KEYS: &[&str] = &[
    "client_secret",
    "clientsecret",
    "client-secret",
    "consumer_secret",
    "consumersecret",
    "app_secret",
    "appsecret",
    "api_secret",
    "apisecret",
];

fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    SECRET_KEYS
        .iter()
        .any(|s| k == *s || k.ends_with(&format!("_{s}")))
}

/// `CLIENT_SECRET = "…"`, `clientSecret: "…"`, `const CLIENT_SECRET: &str = "…"`
/// just before a literal on its line.
fn secret_assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)(?:(?:client|consumer|app|api|goto|g2w|g2m)[_\-]?secret[A-Za-z0-9_]*["']?\s*(?::\s*[&'\w<> ]+?\s*)?(?:=|:|=>)\s*(?:(?:String::from|str|Some)\(\s*)?(?:(?:process\.env(?:\.\w+|\[[^\]]*\])|environment(?:\.\w+)+|os\.environ\.get\(\s*["']\w+["']|os\.getenv\(\s*["']\w+["']|ENV\.fetch\(\s*["']\w+["']|ENV\[[^\]]*\]|\$_ENV\[[^\]]*\]|\$_SERVER\[[^\]]*\]|getenv\(\s*["']\w+["']\s*\)|env\(\s*["']\w+["'])\s*(?:\|\||\?\?|\?:|\bor\b|,)\s*)?[rbuf]?#*["'`]|define\(\s*["'][A-Za-z0-9_]*secret[A-Za-z0-9_]*["']\s*,\s*["'])$"#,
        )
        .expect("secret assignment pattern")
    })
}

/// `client_id:client_secret` written out to be encoded for a `Basic`
/// header: two long tokens joined by one colon.
fn id_secret_pair() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[A-Za-z0-9_\-]{12,}:([A-Za-z0-9_\-+/=.]{8,})$").expect("id:secret pattern")
    })
}

fn basic_literal() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[^A-Za-z])Basic\s+([A-Za-z0-9+/]{16,}={0,2})").expect("basic pattern")
    })
}

fn is_placeholder(secret: &str, rule: &Rule) -> bool {
    let lower = secret.to_ascii_lowercase();
    let mut words = rule.param_list("placeholders");
    if words.is_empty() {
        words = [
            "your",
            "xxx",
            "changeme",
            "<",
            "{",
            "example",
            "dummy",
            "placeholder",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
    }
    let distinct: std::collections::HashSet<char> = secret.chars().collect();
    is_rule_or_key(secret)
        || secret.chars().count() < 8
        || distinct.len() < 4
        || secret.contains(char::is_whitespace)
        || secret.starts_with('$')
        || secret.starts_with('%')
        || words.iter().any(|w| lower.contains(w.as_str()))
}

/// Values that name a secret instead of being one: a form validation rule
/// (`required`, `required|string|max:255`) or a dotted translation or config
/// key (`integration.goto.client_secret`).
fn is_rule_or_key(value: &str) -> bool {
    const RULE_WORDS: &[&str] = &[
        "required",
        "string",
        "nullable",
        "sometimes",
        "filled",
        "present",
        "bail",
        "confirmed",
        "alpha",
        "alpha_num",
        "alpha_dash",
        "ascii",
        "uuid",
        "trim",
        "password",
        "text",
    ];
    let rule_part = |p: &str| {
        let word = p.split(':').next().unwrap_or(p);
        RULE_WORDS.contains(&word) || matches!(word, "max" | "min" | "size" | "between")
    };
    let validation = value.split('|').all(rule_part);
    let key_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    let dotted_key = value.split('.').count() >= 3
        && value
            .split('.')
            .all(|seg| !seg.is_empty() && seg.chars().all(key_char));
    validation || dotted_key
}

fn literal_span(v: &StrValue) -> Option<(Span, String)> {
    if !v.is_plain() {
        return None;
    }
    let text = v.text();
    v.source_of(0..text.len()).map(|s| (s, text))
}

pub fn run(ctx: &Context, rule: &Rule, code: &'static str, out: &mut Vec<RawFinding>) {
    if !ctx.goto_context || ctx.model.text_only {
        return;
    }
    // a secret written in a request to another provider, or in a function
    // that speaks only of one, is that provider's
    let foreign = ctx.foreign_requests.as_slice();
    let mut push = |span: Span, secret: &str| {
        if super::inside(&span, foreign) || ctx.in_other_provider_function(&span) {
            return;
        }
        let masked = mask_secret(secret);
        let mut f = RawFinding::new(
            code,
            span.clone(),
            rule.render_message(&[("masked", &masked)]),
        );
        f.secret = Some(span);
        out.push(f);
    };
    for e in &ctx.model.entries {
        if !is_secret_key(&e.key) {
            continue;
        }
        if let Some((span, text)) = e.value.as_ref().and_then(literal_span) {
            if !is_placeholder(&text, rule) {
                push(span, &text);
            }
        }
    }
    let encoders = rule.param_list("encoders");
    for s in &ctx.urls {
        // a literal whose line assigns it to a secret-named variable
        if let Some((span, text)) = literal_span(s.value) {
            let line = ctx.source.line_index(span.start);
            let line_start = ctx.source.line_span(line).start;
            // the line up to and including the opening quote
            let head = ctx.source.text.get(line_start..span.start).unwrap_or("");
            if secret_assignment().is_match(head) && !is_placeholder(&text, rule) {
                push(span.clone(), &text);
            }
        }
        // `btoa("id" + ":" + "secret")`, `base64_encode('id:secret')`: the
        // pair written out, on a line that encodes it
        if let Some(m) = id_secret_pair().captures(&s.text) {
            let line = ctx.source.line_index(s.value.span.start);
            let text = ctx
                .source
                .text
                .get(ctx.source.line_span(line))
                .unwrap_or("");
            let encodes = encoders.iter().any(|e| text.contains(e.as_str()));
            if let Some(secret) = m.get(1).filter(|_| encodes) {
                if let Some(span) = s.value.source_of(secret.range()) {
                    if !is_placeholder(secret.as_str(), rule) {
                        push(span, secret.as_str());
                    }
                }
            }
        }
        // `Basic <base64>` written out
        for m in basic_literal().captures_iter(&s.text) {
            let Some(b64) = m.get(1) else { continue };
            if is_placeholder(b64.as_str(), rule) {
                continue;
            }
            if let Some(span) = s.value.source_of(b64.range()) {
                push(span, b64.as_str());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_rules_and_keys_are_not_secrets() {
        assert!(is_rule_or_key("required"));
        assert!(is_rule_or_key("required|string|max:255"));
        assert!(is_rule_or_key("mautic.integration.goto.client_secret"));
        assert!(!is_rule_or_key("h8Tq2Vn5Lw0RzK3cY7pFjA"));
        assert!(!is_rule_or_key("a1b2c3d4e5f6"));
        assert!(!is_rule_or_key("abc.def"));
    }

    #[test]
    fn secret_assignment_shapes() {
        for head in [
            "CLIENT_SECRET = \"",
            "    client_secret: '",
            "const CLIENT_SECRET: &str = \"",
            "  clientSecret: \"",
            "GOTO_CLIENT_SECRET = r\"",
            "$client_secret = '",
            "define('G2W_CLIENT_SECRET', '",
            "const clientSecret = process.env.GTW_CLIENT_SECRET || '",
            "CLIENT_SECRET = os.environ.get('GOTO_SECRET', '",
            "'client_secret' => env('GOTO_CLIENT_SECRET', '",
            "client_secret = ENV.fetch('GOTO_SECRET', '",
            "const GOTO_WEBINAR_API_SECRET = '",
        ] {
            assert!(secret_assignment().is_match(head), "{head}");
        }
        assert!(!secret_assignment().is_match("password = \""));
        assert!(!secret_assignment().is_match("client_secret = decrypt(blob, '"));
    }

    #[test]
    fn id_secret_pairs() {
        assert!(id_secret_pair().is_match("2dWCGOZLt9Y28Rmc0xfW:9uFMfxwb5tG1zK0O"));
        assert!(!id_secret_pair().is_match("https://api.getgo.com"));
        assert!(!id_secret_pair().is_match("Content-Type: application/json"));
    }
}
