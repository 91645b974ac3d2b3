//! Output formats: insta snapshots of a small fixed tree, and the SARIF of
//! every fixture validated against the official SARIF 2.1.0 schema.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str], cwd: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gotolint");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

/// Timing and machine paths vary from run to run; snapshots hide them.
fn stable(text: &str) -> String {
    let root = format!("file://{}", fixtures().display());
    let text = text.replace(&root, "file://[FIXTURES]");
    let re = regex::Regex::new(r" in \d+\.\d\ds").unwrap();
    re.replace_all(&text, " in [TIME]").into_owned()
}

#[test]
fn human_output() {
    let out = run(
        &["check", "text/settings.yaml", "text/goto.env"],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn json_output() {
    let out = run(
        &["check", "--format", "json", "text/settings.yaml"],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn sarif_output() {
    let out = run(&["check", "--format", "sarif", "text/goto.env"], fixtures());
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn github_output() {
    let out = run(
        &["check", "--format", "github", "text/settings.yaml"],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn gitlab_output() {
    let out = run(
        &["check", "--format", "gitlab", "text/settings.yaml"],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn markdown_output() {
    let out = run(
        &[
            "check",
            "--format",
            "markdown",
            "text/settings.yaml",
            "text/goto.env",
        ],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn sarif_of_all_fixtures_passes_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema parses");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = run(&["check", "--format", "sarif", "."], fixtures());
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(
        results.len() > 20,
        "expected many results, got {}",
        results.len()
    );
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
    }
}

/// Each fix is shown as the lines will read: `-` before, `+` after.
#[test]
fn human_output_shows_each_fix_as_a_diff() {
    let out = run(
        &["check", "--unsafe-fixes", "python/g2w_client.py"],
        fixtures(),
    );
    insta::assert_snapshot!(stable(&out));
}

#[test]
fn fix_diffs_mask_secrets_and_are_coloured_only_with_colour() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.py"),
        "import requests\nr = requests.post(\"https://api.getgo.com/oauth/v2/token\", data={\"client_secret\": \"Pq7rS8tU9vW0xY1z\"})\n",
    )
    .unwrap();
    let plain = run(&["check", "auth.py"], dir.path());
    assert!(
        plain.contains("2 - r = requests.post(\"https://api.getgo.com/oauth/v2/token\""),
        "{plain}"
    );
    assert!(
        plain.contains(
            "2 + r = requests.post(\"https://authentication.logmeininc.com/oauth/token\""
        ),
        "{plain}"
    );
    assert!(plain.contains("\"Pq7r…\"})"), "{plain}");
    assert!(!plain.contains("Pq7rS8tU9vW0xY1z"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "no colour with NO_COLOR: {plain}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(["check", "--color", "always", "auth.py"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run gotolint");
    let coloured = String::from_utf8(out.stdout).unwrap();
    assert!(coloured.contains("\u{1b}[31m- "), "{coloured}");
    assert!(coloured.contains("\u{1b}[32m+ "), "{coloured}");
    assert!(!coloured.contains("Pq7rS8tU9vW0xY1z"), "{coloured}");
}

#[test]
fn secrets_are_masked_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.py"),
        "G2W_TOKEN = 'https://authentication.logmeininc.com/oauth/token'\nCLIENT_SECRET = \"Pq7rS8tU9vW0xY1z\"\n",
    )
    .unwrap();
    for format in ["human", "json", "sarif", "github", "gitlab", "markdown"] {
        let out = run(&["check", "--format", format, "auth.py"], dir.path());
        assert!(out.contains("GT014"), "{format}: {out}");
        assert!(
            !out.contains("Pq7rS8tU9vW0xY1z"),
            "{format} leaks the secret: {out}"
        );
        assert!(out.contains("Pq7r…"), "{format} shows the masked form");
    }
}

#[test]
fn suppressed_findings_stay_out_of_reports_but_sarif_carries_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.yaml"),
        "# gotolint: ignore[GT002] proxy rewrites this host\ntoken: https://api.getgo.com/oauth/v2/token\nold: https://api.jive.com/x  # gotolint: ignore[GT103]\nunused: 1  # gotolint: ignore[GT101] nothing here\n",
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&run(
        &["check", "--format", "json", "auth.yaml"],
        dir.path(),
    ))
    .unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec!["GT900"],
        "only the unused suppression is reported"
    );
    let sarif: serde_json::Value = serde_json::from_str(&run(
        &["check", "--format", "sarif", "auth.yaml"],
        dir.path(),
    ))
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "proxy rewrites this host"
    );
    // --strict: the suppression without a reason is a GT900 finding in
    // every format (exit 1 like any finding), not a stderr line
    for format in ["json", "sarif", "github", "gitlab", "markdown", "human"] {
        let out = Command::new(env!("CARGO_BIN_EXE_gotolint"))
            .args(["check", "--strict", "--format", format, "auth.yaml"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("gives no reason"), "{format}: {text}");
        assert!(out.stderr.is_empty(), "{format}");
    }
    let json: serde_json::Value = serde_json::from_str(&run(
        &["check", "--strict", "--format", "json", "auth.yaml"],
        dir.path(),
    ))
    .unwrap();
    let found: Vec<(&str, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // line 3 gives no reason; line 4 is unused (reported as such only)
    assert_eq!(found, vec![("GT900", 3), ("GT900", 4)]);
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("ignore[GT103]"));
    assert!(json["findings"][0]["fix"].is_null());
}

/// Reports are written as a stream; their bytes must be what serde_json
/// prints for the same document held as a tree: keys in byte order at every
/// level, pretty-printed, one final newline.
#[test]
fn streamed_reports_equal_their_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.yaml"),
        "# gotolint: ignore[GT002] proxy rewrites this host\ntoken: https://api.getgo.com/oauth/v2/token\nold: https://api.jive.com/x  # gotolint: ignore[GT103]\nsecret: \"Basic Zm9vOmJhcg==\"\nunused: 1  # gotolint: ignore[GT101] nothing here\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.py"),
        "def (:\n    url = 'https://api.getgo.com/oauth/v2/token'\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("blob.env"), b"getgo\0\x01\x02").unwrap();
    let absolute = dir.path().join("auth.yaml");
    let trees: [(Vec<&str>, &Path); 3] = [
        (vec!["."], fixtures()),
        (vec!["."], dir.path()),
        (vec![absolute.to_str().unwrap()], dir.path()),
    ];
    for (paths, cwd) in &trees {
        for format in ["json", "sarif", "gitlab"] {
            let mut args = vec!["check", "--format", format];
            args.extend(paths.iter().copied());
            let out = run(&args, cwd);
            let tree: serde_json::Value =
                serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format} is not JSON: {e}"));
            let canonical = serde_json::to_string_pretty(&tree).unwrap() + "\n";
            assert_eq!(out, canonical, "{format} of {paths:?}");
        }
    }
    // the cases above are all there
    let json: serde_json::Value =
        serde_json::from_str(&run(&["check", "--format", "json", "."], dir.path())).unwrap();
    let kinds: Vec<&str> = json["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"parse-error"), "{kinds:?}");
    assert!(kinds.contains(&"skipped"), "{kinds:?}");
    let sarif: serde_json::Value = serde_json::from_str(&run(
        &["check", "--format", "sarif", absolute.to_str().unwrap()],
        dir.path(),
    ))
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r.get("fixes").is_some()));
    assert!(results
        .iter()
        .any(|r| r["suppressions"][0].get("justification").is_some()));
    assert!(results
        .iter()
        .any(|r| r["suppressions"][0].get("justification").is_none()
            && r.get("suppressions").is_some()));
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("file:///"), "{uri}");
}
