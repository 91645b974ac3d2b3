//! The README's table of fixes, per rule and language, is what the fixtures
//! show: a cell says `safe` when a fixture of that language gets a safe fix
//! for the rule, `unsafe` when it gets only unsafe ones, `none` when its
//! findings of the rule have no fix, and `—` when no fixture of the language
//! has the rule. Regenerate with `GOTOLINT_BLESS=1 cargo test --test fix_table`.

use std::collections::BTreeMap;
use std::process::Command;

const LANGUAGES: &[(&str, &str)] = &[
    ("javascript", "JS"),
    ("typescript", "TS"),
    ("python", "Python"),
    ("rust", "Rust"),
    ("php", "PHP"),
    ("csharp", "C#"),
    ("java", "Java"),
    ("go", "Go"),
    ("ruby", "Ruby"),
    ("shell", "shell"),
    ("powershell", "PowerShell"),
];

fn language_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?;
    let folder = match ext {
        "js" | "jsx" | "mjs" | "cjs" | "gs" => "javascript",
        "ts" | "tsx" => "typescript",
        "py" => "python",
        "rs" => "rust",
        "php" => "php",
        "cs" => "csharp",
        "java" => "java",
        "go" => "go",
        "rb" => "ruby",
        "sh" | "bash" => "shell",
        "ps1" | "psm1" | "psd1" => "powershell",
        _ => return None,
    };
    Some(folder)
}

fn fix_table() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args([
            "check",
            "--format",
            "json",
            "--exit-zero",
            "--unsafe-fixes",
            "fixtures",
        ])
        .current_dir(root)
        .output()
        .expect("run gotolint");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    // rule → language → strongest fix seen (2 safe, 1 unsafe, 0 none)
    let mut cells: BTreeMap<String, BTreeMap<&str, u8>> = BTreeMap::new();
    for f in report["findings"].as_array().expect("findings") {
        let code = f["code"].as_str().unwrap_or_default().to_string();
        let Some(lang) = language_of(f["path"].as_str().unwrap_or_default()) else {
            continue;
        };
        let level = match f["fix"]["applicability"].as_str() {
            Some("safe") => 2,
            Some("unsafe") => 1,
            _ => 0,
        };
        let cell = cells.entry(code).or_default().entry(lang).or_insert(0);
        *cell = (*cell).max(level);
    }
    let mut table = String::from("| rule |");
    for (_, name) in LANGUAGES {
        table.push_str(&format!(" {name} |"));
    }
    table.push_str("\n|---|");
    table.push_str(&"---|".repeat(LANGUAGES.len()));
    table.push('\n');
    for (code, langs) in &cells {
        if code == "GT013" || code.starts_with("GT9") {
            continue;
        }
        table.push_str(&format!("| {code} |"));
        for (lang, _) in LANGUAGES {
            let cell = match langs.get(lang) {
                Some(2) => "safe",
                Some(1) => "unsafe",
                Some(_) => "none",
                None => "—",
            };
            table.push_str(&format!(" {cell} |"));
        }
        table.push('\n');
    }
    table
}

#[test]
fn readme_fix_table_matches_the_fixtures() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme
        .find("<!-- fixes:start -->")
        .expect("fixes:start marker")
        + "<!-- fixes:start -->\n".len();
    let end = readme.find("<!-- fixes:end -->").expect("fixes:end marker");
    let table = fix_table();
    if readme[start..end] != table {
        if std::env::var_os("GOTOLINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(path, updated).expect("write README");
        } else {
            panic!("README fix table is stale; run `GOTOLINT_BLESS=1 cargo test --test fix_table`:\n{table}");
        }
    }
}
