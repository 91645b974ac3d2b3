//! Every rule file is complete and consistent, and the README's rule table
//! is the one the catalog generates.

use gotolint::rules::{Catalog, FixSafety, Status};
use std::collections::HashSet;

const SPEC_CODES: &[(&str, &str)] = &[
    ("GT001", "legacy-oauth-proxy"),
    ("GT002", "retired-oauth-v2-host"),
    ("GT003", "access-token-path"),
    ("GT004", "token-request-get"),
    ("GT005", "client-id-in-token-request"),
    ("GT006", "json-token-request"),
    ("GT007", "user-id-parameter"),
    ("GT008", "password-grant"),
    ("GT009", "authorize-missing-response-type"),
    ("GT010", "authorize-missing-state"),
    ("GT011", "removed-token-field"),
    ("GT012", "refresh-token-assumed"),
    ("GT013", "token-never-refreshed"),
    ("GT014", "hardcoded-client-credentials"),
    ("GT015", "token-params-in-query"),
    ("GT101", "citrixonline-host"),
    ("GT102", "jive-auth-host"),
    ("GT103", "jive-api-host"),
];

#[test]
fn catalog_has_every_spec_code_once_with_all_fields() {
    let catalog = Catalog::load().expect("rule files parse");
    let mut seen = HashSet::new();
    for rule in &catalog.rules {
        assert!(
            seen.insert(rule.code.clone()),
            "duplicate code {}",
            rule.code
        );
        assert!(
            !rule.summary.is_empty() && !rule.message.is_empty(),
            "{}",
            rule.code
        );
        assert!(
            rule.rationale.contains("## What it does"),
            "{} rationale",
            rule.code
        );
        assert!(
            !rule.example.before.trim().is_empty(),
            "{} example",
            rule.code
        );
        assert!(
            !rule.example.after.trim().is_empty(),
            "{} example",
            rule.code
        );
        assert_ne!(
            rule.example.before, rule.example.after,
            "{} example",
            rule.code
        );
        if rule.fix != FixSafety::None {
            assert!(rule.fix_title.is_some(), "{} fix_title", rule.code);
        }
    }
    for (code, name) in SPEC_CODES {
        let rule = catalog
            .rule(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(&rule.name, name);
        assert_eq!(rule.status, Status::Stable, "{code} should be enabled");
    }
}

/// The README table, generated from the rule files.
fn rule_table() -> String {
    let catalog = Catalog::load().expect("rule files parse");
    let mut out =
        String::from("| code | name | severity | fix | what it finds |\n|---|---|---|---|---|\n");
    for r in &catalog.rules {
        let fix = match r.fix {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
            FixSafety::None => "—",
        };
        let name = if r.status == Status::Planned {
            format!("{} (planned)", r.name)
        } else {
            r.name.clone()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.code,
            name,
            r.severity.as_str(),
            fix,
            r.summary.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_rule_table_matches_the_rule_files() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("<!-- rules:start -->")
        .expect("rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let table = rule_table();
    if readme[start..end] != table {
        if std::env::var_os("GOTOLINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated)
                .expect("write README");
        } else {
            panic!("README rule table is stale; run `GOTOLINT_BLESS=1 cargo test --test catalog`:\n{table}");
        }
    }
}

#[test]
fn every_grammar_loads() {
    // ABI mismatches between tree-sitter and a grammar only show at run time.
    for (name, lang) in [
        (
            "javascript",
            tree_sitter::Language::new(tree_sitter_javascript::LANGUAGE),
        ),
        (
            "typescript",
            tree_sitter::Language::new(tree_sitter_typescript::LANGUAGE_TYPESCRIPT),
        ),
        (
            "tsx",
            tree_sitter::Language::new(tree_sitter_typescript::LANGUAGE_TSX),
        ),
        (
            "python",
            tree_sitter::Language::new(tree_sitter_python::LANGUAGE),
        ),
    ] {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&lang)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(parser.parse("x", None).is_some(), "{name} parses");
    }
}

/// `docs/rules/GTxxx.md`, one page per rule, generated from the rule files;
/// no page without a rule.
#[test]
fn rule_pages_match_the_rule_files() {
    let catalog = Catalog::load().expect("rule files parse");
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules"));
    let bless = std::env::var_os("GOTOLINT_BLESS").is_some();
    let mut stale = Vec::new();
    for rule in &catalog.rules {
        let path = dir.join(format!("{}.md", rule.code));
        let page = rule.page();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            if bless {
                std::fs::create_dir_all(dir).expect("docs/rules");
                std::fs::write(&path, &page).expect("write rule page");
            } else {
                stale.push(rule.code.clone());
            }
        }
        assert!(rule
            .docs_url()
            .ends_with(&format!("/docs/rules/{}.md", rule.code)));
    }
    let codes: HashSet<String> = catalog.rules.iter().map(|r| r.code.clone()).collect();
    for entry in std::fs::read_dir(dir).expect("docs/rules exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let code = name.trim_end_matches(".md");
        assert!(codes.contains(code), "docs/rules/{name} has no rule file");
    }
    assert!(
        stale.is_empty(),
        "rule pages are stale or missing for {stale:?}; run `GOTOLINT_BLESS=1 cargo test --test catalog`"
    );
}
