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
