//! The binary as a user runs it: exit codes, formats, options.

use std::path::PathBuf;
use std::process::{Command, Output};

fn gotolint(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gotolint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        let p: PathBuf = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const BAD_ENV: &str = "G2W_TOKEN_URL=https://api.getgo.com/oauth/v2/token\n";

#[test]
fn exit_codes_follow_the_spec() {
    let dir = tree(&[("app/.env", BAD_ENV), ("clean/readme.txt", "nothing\n")]);
    let run = gotolint(&["app"], dir.path());
    assert_eq!(run.status.code(), Some(1));
    assert!(
        run.stderr.is_empty(),
        "no progress output when stderr is not a terminal"
    );
    assert_eq!(
        gotolint(&["check", "clean"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(
        gotolint(&["--exit-zero", "app"], dir.path()).status.code(),
        Some(0)
    );
    let bad = gotolint(&["--select", "GT999", "app"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "one-line reason: {err}");
    assert!(err.contains("GT999"));
    let bad_flag = gotolint(&["--no-such-flag"], dir.path());
    assert_eq!(bad_flag.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad_flag.stderr).lines().count(), 1);
}

#[test]
fn select_and_ignore_take_codes_and_prefixes() {
    let dir = tree(&[(
        "a.env",
        "A=https://api.getgo.com/oauth/v2/token\nB=https://api.jive.com/x\n",
    )]);
    let only_gt1 = stdout(&gotolint(
        &["--format", "json", "--select", "GT1", "a.env"],
        dir.path(),
    ));
    assert!(only_gt1.contains("GT103") && !only_gt1.contains("\"GT002\""));
    let ignored = stdout(&gotolint(
        &["--format", "json", "--ignore", "GT00", "a.env"],
        dir.path(),
    ));
    assert!(ignored.contains("GT103") && !ignored.contains("\"GT002\""));
}

#[test]
fn stdin_with_a_file_name() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "config/.env",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(BAD_ENV.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"][0]["path"], "config/.env");
    assert_eq!(json["findings"][0]["code"], "GT002");
}

#[test]
fn gitignored_and_hidden_files_are_skipped_unless_asked() {
    let dir = tree(&[
        (".gitignore", "vendor/\n"),
        ("vendor/x.env", BAD_ENV),
        (
            ".hidden/y.yaml",
            "u: https://api.getgo.com/oauth/v2/token\n",
        ),
    ]);
    assert_eq!(gotolint(&["."], dir.path()).status.code(), Some(0));
    assert_eq!(
        gotolint(&["--no-ignore", "."], dir.path()).status.code(),
        Some(1)
    );
    // a file named on the command line is always checked
    assert_eq!(
        gotolint(&["vendor/x.env"], dir.path()).status.code(),
        Some(1)
    );
}

#[test]
fn skipped_files_are_counted_in_the_summary() {
    let big = format!("{}\n", "a".repeat(3 * 1024 * 1024));
    let minified = format!(
        "var a=\"https://api.getgo.com/oauth/v2/token\";{}\n",
        "x=1;".repeat(20_000)
    );
    let dir = tree(&[
        ("big.txt", big.as_str()),
        ("app.min.js", minified.as_str()),
        ("bin.dat", "ab\0cd"),
    ]);
    let out = gotolint(&["."], dir.path());
    let text = stdout(&out);
    assert!(text.contains("3 skipped"), "{text}");
    assert!(
        text.contains("1 binary") && text.contains("1 minified") && text.contains("1 too large"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&gotolint(&["--format", "json", "."], dir.path()).stdout).unwrap();
    assert_eq!(json["summary"]["files_skipped"]["minified"], 1);
}

#[test]
fn rules_and_explain_come_from_the_rule_files() {
    let dir = tempfile::tempdir().unwrap();
    let rules = stdout(&gotolint(&["rules", "--format", "json"], dir.path()));
    let rows: serde_json::Value = serde_json::from_str(&rules).unwrap();
    assert!(rows.as_array().unwrap().len() >= 17);
    let explain = gotolint(&["explain", "gt011"], dir.path());
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(text.contains("removed-token-field") && text.contains("## What it does"));
    assert_eq!(
        gotolint(&["explain", "GT404"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn output_file_and_statistics() {
    let dir = tree(&[("a.env", BAD_ENV)]);
    let out = gotolint(
        &[
            "--format",
            "sarif",
            "--output",
            "out.sarif",
            "--statistics",
            "a.env",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(stdout(&out).contains("GT002"));
}

#[test]
fn color_follows_the_flag() {
    let dir = tree(&[("a.env", BAD_ENV)]);
    let plain = stdout(&gotolint(&["--color", "never", "a.env"], dir.path()));
    assert!(!plain.contains('\u{1b}'));
    let colored = stdout(&gotolint(&["--color", "always", "a.env"], dir.path()));
    assert!(colored.contains('\u{1b}'));
}

#[test]
fn a_baseline_survives_lines_inserted_at_the_top_of_every_file() {
    let dir = tree(&[
        ("app/auth.py", "# GoToWebinar\nTOKEN_URL = \"https://api.getgo.com/oauth/v2/token\"\nOLD = \"https://api.getgo.com/oauth/access_token\"\n"),
        ("app/.env", BAD_ENV),
    ]);
    let wrote = gotolint(
        &["check", "--write-baseline", "baseline.json", "app"],
        dir.path(),
    );
    assert_eq!(wrote.status.code(), Some(0));
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 4);
    for f in ["app/auth.py", "app/.env"] {
        let p = dir.path().join(f);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, format!("# one\n# two\n\n{text}")).unwrap();
    }
    let out = gotolint(&["check", "--baseline", "baseline.json", "app"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // a new finding is still reported
    let p = dir.path().join("app/auth.py");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("{text}NEW = \"https://api.jive.com/users\"\n")).unwrap();
    let out = gotolint(
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "app",
        ],
        dir.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["GT103"]);
}

#[test]
fn a_config_typo_is_rejected_with_the_key_named() {
    let dir = tree(&[
        (
            "gotolint.toml",
            "select = [\"GT0\"]\nexlude = [\"vendor/\"]\n",
        ),
        ("a.env", BAD_ENV),
    ]);
    let out = gotolint(&["check", "a.env"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gotolint.toml:2") && err.contains("exlude"),
        "{err}"
    );
    // a valid config applies: exclude and per-file ignores
    std::fs::write(
        dir.path().join("gotolint.toml"),
        "exclude = [\"vendor/\"]\n[per-file-ignores]\n\"legacy/*\" = [\"GT002\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("vendor")).unwrap();
    std::fs::create_dir_all(dir.path().join("legacy")).unwrap();
    std::fs::write(dir.path().join("vendor/x.env"), BAD_ENV).unwrap();
    std::fs::write(dir.path().join("legacy/y.env"), BAD_ENV).unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&gotolint(&["check", "--format", "json", "."], dir.path()).stdout)
            .unwrap();
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["a.env"]);
    // --force-exclude applies exclude to a named file
    assert_eq!(
        gotolint(&["check", "vendor/x.env"], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        gotolint(&["check", "--force-exclude", "vendor/x.env"], dir.path())
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_typo_of_a_command_is_a_usage_error_with_a_suggestion() {
    let dir = tree(&[("src/a.env", BAD_ENV)]);
    for (typo, command) in [
        ("chek", "check"),
        ("rulez", "rules"),
        ("explian", "explain"),
    ] {
        let out = gotolint(&[typo, "src"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{typo}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("did you mean `{command}`?")) && err.contains(typo),
            "{typo}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    // a word that exists as a path is a path, even when it looks like a typo
    std::fs::write(dir.path().join("chek"), BAD_ENV).unwrap();
    assert_eq!(gotolint(&["chek"], dir.path()).status.code(), Some(1));
    // a missing path far from every command: exit 2 naming the path
    let out = gotolint(&["nowhere/x.py"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere/x.py"));
}

#[test]
fn statistics_print_only_the_table() {
    let dir = tree(&[("a.env", BAD_ENV), ("b.env", BAD_ENV)]);
    let out = gotolint(&["--statistics", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("2  GT002  retired-oauth-v2-host"), "{text}");
}

#[test]
fn statistics_count_unsafe_fixes_only_with_unsafe_fixes() {
    let code = "// GoTo login\nexport const t = () => fetch(\"https://authentication.logmeininc.com/oauth/token?grant_type=refresh_token\");\n";
    let dir = tree(&[("a.js", code)]);
    let plain = stdout(&gotolint(
        &["--statistics", "--select", "GT004", "."],
        dir.path(),
    ));
    assert!(plain.contains("GT004  token-request-get"), "{plain}");
    assert!(!plain.contains("fixable"), "{plain}");
    let shown = stdout(&gotolint(
        &["--statistics", "--unsafe-fixes", "--select", "GT004", "."],
        dir.path(),
    ));
    assert!(
        shown.contains("GT004  token-request-get [1 fixable]"),
        "{shown}"
    );
}

#[test]
fn explain_without_a_code_lists_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = gotolint(&["explain"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for code in ["GT001", "GT011", "GT103", "GT900"] {
        assert!(text.contains(code), "{text}");
    }
    let one = stdout(&gotolint(&["explain", "GT011"], dir.path()));
    assert!(one.contains("docs/rules/GT011.md"), "{one}");
}

#[test]
fn skipped_files_are_listed_and_the_counts_add_up() {
    let dir = tree(&[
        ("a.env", BAD_ENV),
        ("readme.txt", "nothing here\n"),
        ("app.min.js", "var a=1;\n"),
    ]);
    std::fs::write(dir.path().join("logo.png"), b"\x89PNG\0\0\0binary").unwrap();
    let out = gotolint(&["--show-skipped", "."], dir.path());
    let text = stdout(&out);
    assert!(text.contains("skipped: logo.png: binary"), "{text}");
    assert!(text.contains("skipped: app.min.js: minified"), "{text}");
    assert!(
        text.contains("4 files: 1 analysed, 1 without GoTo text, 2 skipped (1 binary, 1 minified)"),
        "{text}"
    );
    // without the flag the files are counted, not listed
    let plain = stdout(&gotolint(&["."], dir.path()));
    assert!(!plain.contains("skipped: logo.png"), "{plain}");
    // machine-readable output stays clean; the list goes to stderr
    let json = gotolint(&["--show-skipped", "--format", "json", "."], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(s["files_scanned"], 2, "{v}");
    assert!(String::from_utf8_lossy(&json.stderr).contains("skipped: logo.png: binary"));
    // the markdown audit report lists them too
    let md = stdout(&gotolint(&["--format", "markdown", "."], dir.path()));
    assert!(md.contains("| `logo.png` | binary |"), "{md}");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .status()
        .expect("git is installed")
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn diff_base_reports_only_findings_on_changed_lines() {
    let old = "A=https://api.getgo.com/oauth/v2/token\nB=1\nC=2\n";
    let dir = tree(&[("app/old.env", old), ("app/same.env", old)]);
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "one"]);
    // a change on line 3 of a tracked file, and a new untracked file
    std::fs::write(
        d.join("app/old.env"),
        "A=https://api.getgo.com/oauth/v2/token\nB=1\nC=https://api.jive.com/x\n",
    )
    .unwrap();
    std::fs::write(d.join("app/new.env"), BAD_ENV).unwrap();
    let found = |cwd: &std::path::Path, args: &[&str]| -> Vec<(String, String, u64)> {
        let out = gotolint(args, cwd);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["code"].as_str().unwrap().to_string(),
                    f["location"]["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let all = found(d, &["--format", "json", "app"]);
    assert_eq!(all.len(), 4, "{all:?}");
    let changed = found(d, &["--format", "json", "--diff-base", "HEAD", "app"]);
    assert_eq!(
        changed,
        vec![
            ("app/new.env".to_string(), "GT002".to_string(), 1),
            ("app/old.env".to_string(), "GT103".to_string(), 3),
        ]
    );
    // from a sub-folder, paths still map onto the repository
    let sub = found(
        &d.join("app"),
        &["--format", "json", "--diff-base", "main", "."],
    );
    assert_eq!(sub.len(), 2, "{sub:?}");
    // a ref that does not exist is a usage error naming it
    let bad = gotolint(&["--diff-base", "no-such-branch", "app"], d);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-branch"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let dir = tree(&[("a.env", BAD_ENV)]);
    for format in ["sarif", "json", "human"] {
        let out = gotolint(
            &["--format", format, "--output", "/dev/full", "a.env"],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write /dev/full"), "{format}: {err}");
        assert!(std::path::Path::new("/dev/full").exists());
    }
}

#[test]
fn a_partial_run_sees_the_refresh_in_another_file_of_the_repository() {
    const LOGIN: &str = r#"import requests


def login(code, basic):
    r = requests.post(
        "https://authentication.logmeininc.com/oauth/token",
        headers={"Authorization": "Basic " + basic},
        data={"grant_type": "authorization_code", "code": code},
    )
    return r.json()["access_token"]
"#;
    const REFRESH: &str = r#"import requests


def refresh(rt, basic):
    r = requests.post(
        "https://authentication.logmeininc.com/oauth/token",
        headers={"Authorization": "Basic " + basic},
        data={"grant_type": "refresh_token", "refresh_token": rt},
    )
    return r.json()
"#;
    let dir = tree(&[
        ("app/.git/HEAD", "ref: refs/heads/main\n"),
        ("app/auth/login.py", LOGIN),
        ("app/auth/refresh.py", REFRESH),
    ]);
    let app = dir.path().join("app");
    // pre-commit passes only the staged file: the refresh elsewhere counts
    let staged = gotolint(&["--quiet", "auth/login.py"], &app);
    assert_eq!(staged.status.code(), Some(0), "{}", stdout(&staged));
    // without it, the project never refreshes
    std::fs::remove_file(app.join("auth/refresh.py")).unwrap();
    let alone = gotolint(&["--quiet", "auth/login.py"], &app);
    assert_eq!(alone.status.code(), Some(1));
    assert!(stdout(&alone).contains("GT013"), "{}", stdout(&alone));
}

#[test]
fn files_named_together_are_one_project_for_the_refresh_rule() {
    const LOGIN: &str = r#"import requests

TOKEN_URL = "https://api.getgo.com/oauth/v2/token"


def login(code, basic):
    r = requests.post(TOKEN_URL, headers={"Authorization": "Basic " + basic},
                      data={"grant_type": "authorization_code", "code": code})
    return r.json()["access_token"]
"#;
    const REFRESH: &str = r#"import requests


def refresh(rt, basic):
    r = requests.post("https://api.getgo.com/oauth/v2/token",
                      headers={"Authorization": "Basic " + basic},
                      data={"grant_type": "refresh_token", "refresh_token": rt})
    return r.json()
"#;
    // no repository around them: the files named together are the project
    let dir = tree(&[("login.py", LOGIN), ("refresh.py", REFRESH)]);
    let both = gotolint(
        &["--quiet", "--select", "GT013", "login.py", "refresh.py"],
        dir.path(),
    );
    assert_eq!(both.status.code(), Some(0), "{}", stdout(&both));
    let alone = gotolint(&["--quiet", "--select", "GT013", "login.py"], dir.path());
    assert_eq!(alone.status.code(), Some(1));
    assert!(stdout(&alone).contains("GT013"), "{}", stdout(&alone));
}

#[test]
fn files_analysed_around_parse_errors_are_counted_in_the_summary() {
    let dir = tree(&[
        (
            "broken.js",
            "const settings = {;\nfetch('https://api.getgo.com/oauth/v2/token');\n",
        ),
        (
            "clean.js",
            "fetch('https://authentication.logmeininc.com/oauth/token');\n",
        ),
    ]);
    let text = stdout(&gotolint(&["."], dir.path()));
    assert!(
        text.contains("parse error: broken.js: parsed as javascript with errors"),
        "{text}"
    );
    assert!(
        text.contains("2 files: 2 analysed, 0 without GoTo text, 1 parsed with errors;"),
        "{text}"
    );
    let json = stdout(&gotolint(&["--format", "json", "."], dir.path()));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["summary"]["files_parsed_with_errors"], 1, "{json}");
    // a clean run says nothing of it
    let clean = stdout(&gotolint(&["clean.js"], dir.path()));
    assert!(!clean.contains("parsed with errors"), "{clean}");
}

#[test]
fn a_file_using_a_constant_beside_it_is_analysed_only_when_its_folder_is_walked() {
    const CONSTS: &str = "TOKEN_URL = \"https://authentication.logmeininc.com/oauth/token\"\n";
    const USER: &str = "import requests\nfrom .const import TOKEN_URL\n\n\ndef renew(rt):\n    return requests.get(TOKEN_URL, params={\"grant_type\": \"refresh_token\", \"refresh_token\": rt})\n";
    const OTHER: &str = "from .const import TOKEN_URLS\n\nprint(TOKEN_URLS)\n";
    let dir = tree(&[
        ("pkg/const.py", CONSTS),
        ("pkg/renew.py", USER),
        ("pkg/deep/other.py", OTHER),
    ]);
    let walked = gotolint(&["pkg"], dir.path());
    let out = stdout(&walked);
    assert!(
        out.contains("renew.py:6:") && out.contains("GT004"),
        "{out}"
    );
    assert!(
        out.contains("3 files: 2 analysed, 1 without GoTo text"),
        "the file that only shares a prefix of the name stays unread: {out}"
    );
    // files named one by one (a pre-commit run) are never joined by others
    let named = gotolint(&["pkg/const.py"], dir.path());
    assert!(!stdout(&named).contains("renew.py"), "{}", stdout(&named));
}
