//! Hostile input, generated at run time: no panic, no hang, every skip
//! counted, the rest of the run completes, exit codes as SPEC §3 says.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const HOST_LINE: &str = "https://api.getgo.com/oauth/v2/token";

/// Run gotolint with a time limit: a hang fails the test instead of blocking it.
fn run_bounded(args: &[&str], cwd: &Path, envs: &[(&str, &str)], limit: Duration) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gotolint"));
    cmd.args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("spawn gotolint");
    let pid = child.id();
    // drain the pipes while waiting: a full pipe would block the child
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("gotolint did not finish within {limit:?} on {args:?}");
        }
    }
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn codes(v: &serde_json::Value) -> Vec<(String, String, u64)> {
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
}

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn odd_encodings_are_counted_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("latin1.py"),
        b"URL = '\xe9\xe8 https://api.getgo.com/oauth/v2/token'\n",
    )
    .unwrap();
    std::fs::write(
        d.join("nul.js"),
        b"const a = 'https://api.getgo.com/oauth/v2/token';\0\0\0",
    )
    .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "x = 'https://api.getgo.com/oauth/v2/token'\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(d.join("utf16.py"), utf16).unwrap();
    std::fs::write(
        d.join("crlf.py"),
        format!("# GoTo\r\nA = 1\r\nTOKEN = '{HOST_LINE}'\r\n"),
    )
    .unwrap();
    std::fs::write(d.join("lone_cr.env"), format!("A=1\rB={HOST_LINE}\n")).unwrap();
    std::fs::write(
        d.join("bom.ts"),
        format!("\u{FEFF}export const T = \"{HOST_LINE}\";\n"),
    )
    .unwrap();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    // Windows-1252 and UTF-16 are decoded and checked
    assert!(v["summary"]["files_skipped"]["not UTF-8"].is_null(), "{v}");
    assert_eq!(v["summary"]["files_skipped"]["binary"], 1, "{v}");
    let found = codes(&v);
    assert!(
        found.contains(&("crlf.py".into(), "GT002".into(), 3)),
        "{found:?}"
    );
    assert!(
        found.contains(&("bom.ts".into(), "GT002".into(), 1)),
        "{found:?}"
    );
    assert!(
        found.contains(&("lone_cr.env".into(), "GT002".into(), 2)),
        "{found:?}"
    );
    for name in ["latin1.py", "utf16.py"] {
        assert!(
            found.contains(&(name.into(), "GT002".into(), 1)),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn huge_and_minified_files_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // a 50 MB bundle with the old host inside
    let mut bundle = String::with_capacity(50 << 20);
    bundle.push_str(&format!("var t=\"{HOST_LINE}\";"));
    while bundle.len() < 50 << 20 {
        bundle.push_str("function a(b){return b+1};");
    }
    std::fs::write(d.join("vendor.bundle.js"), &bundle).unwrap();
    let minified = format!("var t=\"{HOST_LINE}\";{}", "x=1;".repeat(100_000));
    std::fs::write(d.join("app.js"), minified).unwrap();
    let long_line = format!("X = \"{}{HOST_LINE}\"\n", "a".repeat(1 << 20));
    std::fs::write(d.join("long.py"), long_line).unwrap();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    let v = json(&out);
    assert_eq!(v["summary"]["files_skipped"]["too large"], 1, "{v}");
    assert_eq!(v["summary"]["files_skipped"]["minified"], 1, "{v}");
    assert!(
        codes(&v).iter().any(|f| f.0 == "long.py" && f.1 == "GT002"),
        "a 1 MB line is still read"
    );
}

#[test]
fn deep_nesting_in_every_language_neither_overflows_nor_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let depth = 10_000;
    let open = "[".repeat(depth);
    let close = "]".repeat(depth);
    let paren_open = "(".repeat(depth);
    let paren_close = ")".repeat(depth);
    std::fs::write(
        d.join("deep.js"),
        format!("const a = {open}\"{HOST_LINE}\"{close};\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.ts"),
        format!("const a: unknown = {paren_open}\"{HOST_LINE}\"{paren_close};\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.py"),
        format!("a = {open}\"{HOST_LINE}\"{close}\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.rs"),
        format!("const A: &str = {paren_open}\"{HOST_LINE}\"{paren_close};\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep_macro.rs"),
        format!("fn f() {{ let a = vec!{open}\"{HOST_LINE}\"{close}; }}\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("unclosed.py"),
        format!("a = {open}\"{HOST_LINE}\"\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep.ps1"),
        format!("$a = {paren_open}\"{HOST_LINE}\"{paren_close}\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("deep_hash.ps1"),
        format!("$a = {}'{HOST_LINE}'\n", "@{ a = ".repeat(depth)),
    )
    .unwrap();
    std::fs::write(d.join("ok.env"), format!("T={HOST_LINE}\n")).unwrap();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let files: std::collections::BTreeSet<String> = codes(&v).into_iter().map(|f| f.0).collect();
    // every file still gets at least the host rule
    for f in [
        "deep.js",
        "deep.ts",
        "deep.py",
        "deep.rs",
        "deep_macro.rs",
        "unclosed.py",
        "deep.ps1",
        "deep_hash.ps1",
        "ok.env",
    ] {
        assert!(files.contains(f), "{f} lost its finding: {v}");
    }
}

#[test]
fn syntax_errors_fall_back_to_the_text_rules_and_strict_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("broken.py"),
        format!("def f(:\n    return '{HOST_LINE}'\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("broken.js"),
        format!("function ( {{ return '{HOST_LINE}'\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("broken.rs"),
        format!("fn main( {{ let u = \"{HOST_LINE}\";\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("broken.tsx"),
        format!("const x = <div>{{ '{HOST_LINE}' </span>;\n"),
    )
    .unwrap();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let files: Vec<String> = codes(&v).into_iter().map(|f| f.0).collect();
    for f in ["broken.py", "broken.js", "broken.rs", "broken.tsx"] {
        assert!(files.contains(&f.to_string()), "{f}: {v}");
    }
    let notices = v["notices"].as_array().unwrap();
    assert!(
        notices
            .iter()
            .filter(|n| n["kind"] == "parse-error")
            .count()
            >= 3,
        "{v}"
    );
    let strict = run_bounded(&["check", "--strict", "."], d, &[], LIMIT);
    assert_eq!(strict.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_vanished_files_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("loop/up")).unwrap();
    std::os::unix::fs::symlink(d.join("loop"), d.join("loop/self")).unwrap();
    let fifo = d.join("pipe.env");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    std::fs::write(d.join("a.env"), format!("T={HOST_LINE}\n")).unwrap();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    let v = json(&out);
    assert_eq!(v["summary"]["files_skipped"]["symlink"], 2, "{v}");
    if made {
        assert_eq!(
            v["summary"]["files_skipped"]["not a regular file"], 1,
            "{v}"
        );
        // a FIFO named on the command line is not opened (that would block)
        let named = run_bounded(
            &["check", "--format", "json", "pipe.env", "a.env"],
            d,
            &[],
            LIMIT,
        );
        assert_eq!(
            json(&named)["summary"]["files_skipped"]["not a regular file"],
            1
        );
    }
    // a path named on the command line that does not exist is a usage
    // error naming it, in every format, not a silent skip
    for args in [
        &["check", "--format", "json", "vanished.py", "a.env"][..],
        &["check", "-q", "a.env", "vanished.py"][..],
        &["vanished.py"][..],
    ] {
        let gone = run_bounded(args, d, &[], LIMIT);
        assert_eq!(gone.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&gone.stderr);
        assert!(err.contains("vanished.py"), "{args:?}: {err}");
        assert!(gone.stdout.is_empty(), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_counted_when_permissions_apply() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("secret.env"), format!("T={HOST_LINE}\n")).unwrap();
    std::fs::create_dir(d.join("locked")).unwrap();
    std::fs::write(d.join("locked/x.env"), format!("T={HOST_LINE}\n")).unwrap();
    std::fs::write(d.join("ok.env"), format!("T={HOST_LINE}\n")).unwrap();
    std::fs::set_permissions(d.join("secret.env"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // permissions do not bind the superuser: then every file is readable
    let enforced = std::fs::read(d.join("secret.env")).is_err();
    let out = run_bounded(&["check", "--format", "json", "."], d, &[], LIMIT);
    let v = json(&out);
    let found = codes(&v);
    assert!(found.iter().any(|f| f.0 == "ok.env"));
    if enforced {
        assert_eq!(v["summary"]["files_skipped"]["unreadable"], 2, "{v}");
        // named on stderr in every mode, --quiet included; exit unchanged
        for format in ["human", "json", "sarif"] {
            let q = run_bounded(&["check", "-q", "--format", format, "."], d, &[], LIMIT);
            let err = String::from_utf8_lossy(&q.stderr);
            assert!(
                err.contains("secret.env") && err.contains("locked"),
                "{err}"
            );
            assert_eq!(q.status.code(), Some(1));
        }
        assert_eq!(
            run_bounded(&["check", "--strict", "."], d, &[], LIMIT)
                .status
                .code(),
            Some(2)
        );
    } else {
        assert_eq!(found.len(), 3, "{v}");
    }
    std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_panic_in_one_file_is_reported_and_the_run_completes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("boom.py"),
        format!("# PANIC-HERE\nT = '{HOST_LINE}'\n"),
    )
    .unwrap();
    std::fs::write(d.join("fine.py"), format!("T = '{HOST_LINE}'\n")).unwrap();
    let envs = [("GOTOLINT_TEST_PANIC_MARKER", "PANIC-HERE")];
    for format in ["json", "sarif", "human", "github", "gitlab", "markdown"] {
        let out = run_bounded(&["check", "--format", format, "."], d, &envs, LIMIT);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("fine.py"),
            "{format}: the rest of the run completes"
        );
        if format == "json" {
            let v = json(&out);
            assert!(
                v["notices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n["kind"] == "internal-error" && n["path"] == "boom.py"),
                "{v}"
            );
        }
        if format == "sarif" {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let inv = &v["runs"][0]["invocations"][0];
            assert_eq!(inv["executionSuccessful"], false);
            assert!(inv["toolExecutionNotifications"]
                .to_string()
                .contains("boom.py"));
        }
        if format == "human" || format == "markdown" {
            assert!(
                text.contains("boom.py"),
                "{format} names the file that failed: {text}"
            );
        }
    }
}

/// A file that cannot be read (here a dangling symbolic link named on the
/// command line, which binds the superuser too) is named in a warning on
/// stderr in every mode; the exit code stays that of the findings unless
/// `--strict`.
#[cfg(unix)]
#[test]
fn unreadable_files_are_named_on_stderr_in_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink(d.join("gone.env"), d.join("dangling.env")).unwrap();
    std::fs::write(d.join("a.env"), format!("T={HOST_LINE}\n")).unwrap();
    for extra in [
        &[][..],
        &["-q"][..],
        &["--format", "json"][..],
        &["--format", "sarif", "-q"][..],
        &["--format", "github"][..],
    ] {
        let mut args = vec!["check"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["dangling.env", "a.env"]);
        let out = run_bounded(&args, d, &[], LIMIT);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("warning") && err.contains("dangling.env"),
            "{args:?}: {err}"
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
    let strict = run_bounded(
        &["check", "--strict", "dangling.env", "a.env"],
        d,
        &[],
        LIMIT,
    );
    assert_eq!(strict.status.code(), Some(2));
}
