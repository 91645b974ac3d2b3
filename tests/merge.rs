//! `gotolint merge`: the reports of one run per repository, merged, equal
//! the report of one run over the folder that holds the repositories; and
//! files that are not gotolint's reports are refused with exit 2.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REPOS: &[&str] = &["billing", "crm", "webinar-sync", "website"];

fn gotolint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gotolint")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The audit tree in a temporary folder (outside any git checkout), each
/// repository a git checkout with `git` (a `.git` folder cannot be
/// committed inside this repository), else plain folders as unpacked from
/// archives.
fn audit_tree_with(git: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("checkouts");
    copy_tree(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/audit")),
        &tree,
    );
    if git {
        for repo in REPOS {
            std::fs::create_dir(tree.join(repo).join(".git")).unwrap();
        }
    }
    (dir, tree)
}

fn audit_tree() -> (tempfile::TempDir, PathBuf) {
    audit_tree_with(true)
}

/// One report per repository, each run in its checkout as a CI job runs.
fn per_repository(tree: &Path, format: &str) -> Vec<String> {
    let reports = tree.parent().unwrap().join(format!("reports-{format}"));
    std::fs::create_dir_all(&reports).unwrap();
    let mut files = Vec::new();
    for repo in REPOS {
        let file = reports.join(format!("{repo}.{format}"));
        let out = gotolint(
            &[
                "check",
                "--format",
                format,
                "--project-name",
                repo,
                "--output",
                file.to_str().unwrap(),
                ".",
            ],
            &tree.join(repo),
        );
        stdout(&out);
        files.push(file.to_str().unwrap().to_string());
    }
    files
}

fn merged(files: &[String], format: &str, cwd: &Path) -> String {
    let mut args = vec!["merge", "--format", format];
    args.extend(files.iter().map(String::as_str));
    stdout(&gotolint(&args, cwd))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn merged_reports_equal_one_scan_of_the_tree() {
    for git in [true, false] {
        merged_reports_equal_one_scan(git);
    }
}

fn merged_reports_equal_one_scan(git: bool) {
    let (_dir, tree) = audit_tree_with(git);
    let files = per_repository(&tree, "json");
    let merged = json(&merged(&files, "json", &tree));
    let single = json(&stdout(&gotolint(
        &["check", "--format", "json", "."],
        &tree,
    )));
    assert!(merged["findings"].as_array().unwrap().len() >= 10);
    // GT013 fires in the one repository that never refreshes, in both
    let gt013: Vec<&str> = single["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "GT013")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(gt013, ["billing/src/auth.js"]);
    // two repositories hold src/auth.js: the project keeps them apart
    for path in [
        "billing/src/auth.js",
        "crm/src/auth.js",
        "website/src/auth.js",
    ] {
        assert!(
            merged["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["path"] == path),
            "{path}"
        );
    }
    assert_eq!(merged["findings"], single["findings"]);
    assert_eq!(merged["summary"], single["summary"]);
    assert_eq!(merged["projects"], single["projects"]);
    let names: Vec<&str> = merged["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, REPOS);
    // totals per project add up to the whole
    let sum: u64 = merged["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, merged["summary"]["findings"].as_u64().unwrap());
    // the same reports merged in another order give the same bytes
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(
        merged.to_string(),
        json(&self::merged(&reversed, "json", &tree)).to_string()
    );
}

#[test]
fn merged_sarif_reports_hold_the_same_findings() {
    let (_dir, tree) = audit_tree();
    let from_json = json(&merged(&per_repository(&tree, "json"), "json", &tree));
    let from_sarif = json(&merged(&per_repository(&tree, "sarif"), "json", &tree));
    let key = |doc: &Value| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}:{}-{}:{} {} {} {}",
                    f["project"],
                    f["code"],
                    f["path"],
                    f["location"]["line"],
                    f["end_location"]["line"],
                    f["end_location"]["column"],
                    f["severity"],
                    f["message"],
                    f["fix"]
                )
            })
            .collect()
    };
    assert_eq!(key(&from_sarif), key(&from_json));
    assert_eq!(from_sarif["summary"], from_json["summary"]);
    assert_eq!(from_sarif["projects"], from_json["projects"]);
}

#[test]
fn merge_writes_every_format() {
    let (_dir, tree) = audit_tree();
    let files = per_repository(&tree, "json");
    let html = merged(&files, "html", &tree);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("across 4 projects"));
    let sarif = json(&merged(&files, "sarif", &tree));
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "gotolint");
    let markdown = merged(&files, "markdown", &tree);
    assert!(markdown.contains("billing/src/auth.js"));
    let human = merged(&files, "human", &tree);
    assert!(human.contains("crm/src/auth.js:"));
}

fn refused(content: &str, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    std::fs::write(&file, content).unwrap();
    let out = gotolint(&["merge", file.to_str().unwrap()], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(expect), "{stderr}");
    assert!(stderr.contains("report.json"), "{stderr}");
}

#[test]
fn other_tools_and_versions_are_refused() {
    refused("not json", "not a gotolint JSON or SARIF report");
    refused(r#"{"issues": []}"#, "not a gotolint JSON or SARIF report");
    refused(
        r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}}, "results": []}]}"#,
        "another tool (`semgrep`)",
    );
    refused(
        r#"{"version": 2, "tool": {"name": "gotolint"}, "findings": [], "summary": {}}"#,
        "JSON schema version 2",
    );
    refused(
        r#"{"version": 1, "tool": {"name": "ruff"}, "findings": [], "summary": {}}"#,
        "another tool (`ruff`)",
    );
}

#[test]
fn a_project_merged_twice_is_refused() {
    let (_dir, tree) = audit_tree();
    let files = per_repository(&tree, "json");
    let out = gotolint(&["merge", &files[0], &files[0]], &tree);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("project `billing` is also in"));
}

#[test]
fn the_project_name_defaults_to_the_folder() {
    let (_dir, tree) = audit_tree();
    let report = json(&stdout(&gotolint(
        &["check", "--format", "json", "."],
        &tree.join("crm"),
    )));
    assert_eq!(report["projects"][0]["name"], "crm");
    assert_eq!(report["findings"][0]["project"], "crm");
    let out = gotolint(&["check", "--project-name", " ", "."], &tree);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn runs_of_named_folders_keep_their_paths() {
    for git in [true, false] {
        runs_of_named_folders(git);
    }
}

fn runs_of_named_folders(git: bool) {
    // every run from the folder above the checkouts, naming the checkout
    let (dir, _tree) = audit_tree_with(git);
    let mut files = Vec::new();
    for repo in REPOS {
        let file = dir.path().join(format!("{repo}.json"));
        let folder = format!("checkouts/{repo}");
        let out = gotolint(
            &[
                "check",
                "--format",
                "json",
                "-o",
                file.to_str().unwrap(),
                &folder,
            ],
            dir.path(),
        );
        stdout(&out);
        files.push(file.to_str().unwrap().to_string());
    }
    let merged = json(&merged(&files, "json", dir.path()));
    let single = json(&stdout(&gotolint(
        &["check", "--format", "json", "checkouts"],
        dir.path(),
    )));
    assert_eq!(
        merged["findings"][0]["path"],
        "checkouts/billing/config/goto.env"
    );
    assert_eq!(merged["findings"], single["findings"]);
    assert_eq!(merged["summary"], single["summary"]);
    assert_eq!(merged["projects"], single["projects"]);
}

#[test]
fn runs_of_the_same_folder_name_go_under_their_projects() {
    // two checkouts each scanned as `src`: the same paths, kept apart
    let (_dir, tree) = audit_tree();
    let mut files = Vec::new();
    for repo in ["billing", "crm"] {
        let file = tree.join(format!("{repo}-src.json"));
        stdout(&gotolint(
            &[
                "check",
                "--format",
                "json",
                "--project-name",
                repo,
                "-o",
                file.to_str().unwrap(),
                "src",
            ],
            &tree.join(repo),
        ));
        files.push(file.to_str().unwrap().to_string());
    }
    let merged = json(&merged(&files, "json", &tree));
    let paths: Vec<&str> = merged["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"billing/auth.js"), "{paths:?}");
    assert!(paths.contains(&"crm/auth.js"), "{paths:?}");
}

#[test]
fn odd_reports_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let huge = usize::MAX;
    let report = |name: &str, line: &str| {
        format!(
            r#"{{"version": 1, "tool": {{"name": "gotolint"}},
            "summary": {{"files_scanned": {huge}}},
            "projects": [{{"name": "{name}", "root": "", "files_scanned": {huge}, "files_analysed": {huge},
                           "files_skipped": {{"binary": {huge}, "too large": {huge}}}}}],
            "findings": [{{"code": "GT999", "severity": "note", "path": "../<b>x</b>\u0007.js",
                "location": {{"line": {line}, "column": 0}}, "end_location": {{"line": 0, "column": 0}},
                "message": "<script>alert(1)</script>", "source_line": "",
                "fix": {{"applicability": "safe", "title": "", "edits": [{{"content": "x",
                    "location": {{"line": {line}, "column": 999}}, "end_location": {{"line": {line}, "column": 3}}}}]}}}}],
            "notices": [{{"path": "/abs", "kind": "parse-error", "message": ""}}]}}"#
        )
    };
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::write(&a, report("a", "0")).unwrap();
    std::fs::write(&b, report("b", &huge.to_string())).unwrap();
    for format in [
        "human", "json", "sarif", "github", "gitlab", "markdown", "html",
    ] {
        let out = gotolint(
            &[
                "merge",
                "--format",
                format,
                a.to_str().unwrap(),
                b.to_str().unwrap(),
            ],
            dir.path(),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if format == "html" {
            assert!(!text.contains("<script>alert"), "the page escapes messages");
        }
    }
}

#[test]
fn a_folder_of_folders_inside_a_checkout_is_one_project() {
    // `src/` of a repository holds folders only; it is not a folder of projects
    let (dir, tree) = audit_tree_with(false);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let report = json(&stdout(&gotolint(
        &["check", "--format", "json", "."],
        &tree,
    )));
    let names: Vec<&str> = report["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["checkouts"]);
    // one project that refreshes somewhere: no GT013
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"] != "GT013"));
    // and a name given makes the scanned folder one project too
    let (_dir, tree) = audit_tree_with(false);
    let report = json(&stdout(&gotolint(
        &["check", "--format", "json", "--project-name", "all", "."],
        &tree,
    )));
    assert_eq!(report["projects"].as_array().unwrap().len(), 1);
}
