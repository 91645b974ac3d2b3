//! `--fix` writes only the finding's own file, keeps links and concurrent
//! writers' data, leaves no temp file behind; reads are bounded; secrets
//! never reach any output.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const HOST: &str = "https://api.getgo.com/oauth/v2/token";
const FIXED: &str = "https://authentication.logmeininc.com/oauth/token";

fn gotolint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run gotolint")
}

fn gotolint_stdin(args: &[&str], cwd: &Path, input: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gotolint");
    let mut stdin = child.stdin.take().expect("stdin");
    // gotolint may stop reading early: a broken pipe here is expected
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("output");
    let _ = writer.join();
    out
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn python_with_host() -> String {
    format!("URL = \"{HOST}\"\n")
}

#[cfg(unix)]
#[test]
fn a_backslash_in_a_name_never_redirects_the_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("a\\b.py"), python_with_host()).unwrap();
    std::fs::write(dir.path().join("a/b.py"), "print(1)\n").unwrap();
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a/b.py")).unwrap(),
        "print(1)\n",
        "an unrelated file was written"
    );
    let fixed = std::fs::read_to_string(dir.path().join("a\\b.py")).unwrap();
    assert!(fixed.contains(FIXED), "{fixed}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_name_is_not_utf8_is_fixed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"auth-\xff.py");
    std::fs::write(dir.path().join(name), python_with_host()).unwrap();
    // the lossy display name of it, as a real file, must stay untouched
    std::fs::write(dir.path().join("auth-\u{FFFD}.py"), "print(1)\n").unwrap();
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(!text(&out).contains("cannot"), "{}", text(&out));
    let fixed = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(fixed.contains(FIXED), "{fixed}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("auth-\u{FFFD}.py")).unwrap(),
        "print(1)\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("target.py"), python_with_host()).unwrap();
    std::os::unix::fs::symlink("target.py", dir.path().join("link.py")).unwrap();
    let out = gotolint(&["check", "--fix", "link.py"], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    let meta = std::fs::symlink_metadata(dir.path().join("link.py")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link became a copy");
    let fixed = std::fs::read_to_string(dir.path().join("target.py")).unwrap();
    assert!(fixed.contains(FIXED), "{fixed}");
}

#[cfg(unix)]
#[test]
fn hard_links_are_never_split() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), python_with_host()).unwrap();
    std::fs::hard_link(dir.path().join("a.py"), dir.path().join("b.py")).unwrap();
    let inode = std::fs::metadata(dir.path().join("a.py")).unwrap().ino();
    let out = gotolint(&["check", "--fix", "a.py"], dir.path());
    assert!(text(&out).contains("hard links"), "{}", text(&out));
    for name in ["a.py", "b.py"] {
        let meta = std::fs::metadata(dir.path().join(name)).unwrap();
        assert_eq!((meta.ino(), meta.nlink()), (inode, 2), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn stale_temp_files_of_killed_runs_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("auth.py"), python_with_host()).unwrap();
    // a run killed before its rename: no process has this id
    let stale = dir.path().join(".gotolint-4294967294-a1B2c3.tmp");
    std::fs::write(&stale, "").unwrap();
    // one of a run still going (this test's own process)
    let live = dir
        .path()
        .join(format!(".gotolint-{}-x9Y8z7.tmp", std::process::id()));
    std::fs::write(&live, "").unwrap();
    // and in a folder with nothing to fix
    std::fs::create_dir(dir.path().join("clean")).unwrap();
    let stale_elsewhere = dir.path().join("clean/.gotolint-4294967293-d4E5f6.tmp");
    std::fs::write(&stale_elsewhere, "").unwrap();
    // a plain check removes nothing
    gotolint(&["check", "."], dir.path());
    assert!(stale.exists() && stale_elsewhere.exists());
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    assert!(!stale.exists(), "stale temp file left behind");
    assert!(!stale_elsewhere.exists(), "stale temp file left behind");
    assert!(live.exists(), "a live run's temp file was removed");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
}

#[test]
fn a_file_changed_since_it_was_read_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("auth.py");
    let original = python_with_host();
    std::fs::write(&path, format!("{original}appended = 1\n")).unwrap();
    let err = gotolint::fix::write_fixed(&path, &original, "fixed\n").unwrap_err();
    assert!(err.0.contains("changed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{original}appended = 1\n")
    );
    // unchanged: written
    std::fs::write(&path, &original).unwrap();
    gotolint::fix::write_fixed(&path, &original, "fixed\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed\n");
}

#[test]
fn standard_input_is_read_through_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = python_with_host().into_bytes();
    input.resize(64 * 1024, b'\n');
    let out = gotolint_stdin(
        &[
            "check",
            "--format",
            "json",
            "--max-file-size",
            "4096",
            "--stdin-filename",
            "auth.py",
            "-",
        ],
        dir.path(),
        input,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(0), "{json}");
    assert_eq!(json["summary"]["files_skipped"]["too large"], 1, "{json}");
}

#[test]
fn fixing_oversized_standard_input_passes_it_through_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = python_with_host().into_bytes();
    for i in 0..20_000 {
        input.extend_from_slice(format!("x{i} = {i}\n").as_bytes());
    }
    let out = gotolint_stdin(
        &[
            "check",
            "--fix",
            "--max-file-size",
            "4096",
            "--stdin-filename",
            "auth.py",
            "-",
        ],
        dir.path(),
        input.clone(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        out.stdout == input,
        "standard input was not passed through whole"
    );
}

#[test]
fn a_finding_far_into_a_long_line_is_shown_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "a".repeat(70_000);
    std::fs::write(
        dir.path().join("long.py"),
        format!("x = \"{filler}\" + \"{HOST}\"\ny = 1\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("other.py"), python_with_host()).unwrap();
    let out = gotolint(&["check", "."], dir.path());
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("long.py:1:70019"), "{shown}");
    assert!(shown.contains("other.py:1:"), "{shown}");
    assert!(
        shown.lines().all(|l| l.chars().count() < 400),
        "a line was not clipped"
    );
}

const SECRETS: [&str; 3] = [
    "s3cr3tValue0123456789abc",
    "AnotherSecretValue98765",
    "dGhpc2lzYXNlY3JldGJhc2U2NA==",
];

fn project_with_secrets(dir: &Path) {
    std::fs::write(
        dir.join("auth.py"),
        format!(
            "import requests\n\
             CLIENT_SECRET = \"{}\"\n\
             TOKEN_URL = \"{HOST}\"\n\
             HEADERS = {{\"Authorization\": \"Basic {}\"}}\n\
             def get():\n    \
                 return requests.post(TOKEN_URL, json={{\"client_id\": \"abc\", \"client_secret\": \"{}\"}})\n",
            SECRETS[0], SECRETS[2], SECRETS[1]
        ),
    )
    .unwrap();
}

#[test]
fn no_output_ever_prints_a_secret_literal() {
    let dir = tempfile::tempdir().unwrap();
    project_with_secrets(dir.path());
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check", "."],
        vec!["check", "--select", "GT002,GT006", "."],
        vec!["check", "--ignore", "GT014", "."],
        vec!["check", "--diff", "--unsafe-fixes", "."],
        vec!["check", "--diff", "."],
        vec!["check", "--unsafe-fixes", "."],
        vec!["check", "--quiet", "."],
        vec!["check", "--statistics", "."],
    ];
    for format in ["json", "sarif", "github", "gitlab", "markdown"] {
        runs.push(vec!["check", "--format", format, "."]);
    }
    for args in runs {
        let out = gotolint(&args, dir.path());
        let shown = text(&out);
        assert!(out.status.code().unwrap_or(101) <= 2, "{args:?}: {shown}");
        for secret in SECRETS {
            assert!(
                !shown.contains(secret),
                "{args:?} printed {secret}:\n{shown}"
            );
        }
    }
    // the diff still shows the change, with the secrets masked
    let out = gotolint(&["check", "--diff", "--unsafe-fixes", "."], dir.path());
    assert!(text(&out).contains("authentication.logmeininc.com"));
}

/// GT005's fix moves the credentials into `auth=(…)`: with a secret
/// literal among them no fix is offered, since reports print a fix's
/// text as is; with values read at run time it is.
#[test]
fn a_fix_never_carries_a_secret_literal() {
    let dir = tempfile::tempdir().unwrap();
    let call = |secret: &str| {
        format!(
            "import requests\nTOKEN_URL = \"https://authentication.logmeininc.com/oauth/token\"\n\
             def t():\n    return requests.post(TOKEN_URL, data={{\"grant_type\": \"client_credentials\", \"client_id\": \"abc\", \"client_secret\": {secret}}})\n"
        )
    };
    std::fs::write(
        dir.path().join("auth.py"),
        call(&format!("\"{}\"", SECRETS[0])),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("env.py"),
        call("os.environ[\"GOTO_SECRET\"]"),
    )
    .unwrap();
    for format in ["json", "sarif", "gitlab"] {
        let out = gotolint(&["check", "--format", format, "."], dir.path());
        assert!(
            !text(&out).contains(SECRETS[0]),
            "{format} printed the secret"
        );
    }
    let out = gotolint(&["check", "--diff", "--unsafe-fixes", "."], dir.path());
    let diff = text(&out);
    assert!(
        diff.contains("auth=(\"abc\", os.environ[\"GOTO_SECRET\"])"),
        "{diff}"
    );
    assert!(!diff.contains("+++ b/auth.py"), "{diff}");
}

#[test]
fn usage_errors_exit_2_and_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("auth.py"), python_with_host()).unwrap();
    let out = gotolint(&["check", "--threads", "999999", "."], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--threads"), "{}", text(&out));
    let out = gotolint(
        &["check", "--ignore", "GT99,XX1", "--select", "GT0", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let shown = text(&out);
    assert!(
        shown.contains("`GT99`") && shown.contains("`XX1`"),
        "{shown}"
    );
}

#[test]
fn a_fix_run_never_says_to_run_with_fix() {
    let dir = tempfile::tempdir().unwrap();
    // the GT006 fix is unsafe: it stays after --fix
    std::fs::write(
        dir.path().join("auth.py"),
        format!(
            "import requests\ndef get():\n    return requests.post(\"{HOST}\", json={{\"grant_type\": \"x\"}})\n"
        ),
    )
    .unwrap();
    let out = gotolint(&["check", "--fix", "."], dir.path());
    let shown = text(&out);
    assert!(shown.contains("Fixed 1 finding"), "{shown}");
    assert!(!shown.contains("--fix "), "{shown}");
    assert!(shown.contains("--unsafe-fixes"), "{shown}");
}

#[test]
fn typescript_and_tsx_parse_whichever_the_extension_says() {
    let dir = tempfile::tempdir().unwrap();
    let component = format!(
        "const TOKEN_URL = \"{HOST}\";\n\
         type Props<T> = {{ items: T[] }};\n\
         export const List = <T,>({{ items }}: Props<T>) => <ul>{{items.map((i, k) => <li key={{k}}>{{String(i)}}</li>)}}</ul>;\n\
         export const Pick = <T extends {{ id: string }}>(p: Props<T>): JSX.Element => <div>{{p.items.length}}</div>;\n"
    );
    for name in ["list.tsx", "list.ts", "list.jsx"] {
        std::fs::write(dir.path().join(name), &component).unwrap();
    }
    let out = gotolint(&["check", "--strict", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!text(&out).contains("parse error"), "{}", text(&out));
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little_endian {
            &[0xFF, 0xFE]
        } else {
            &[0xFE, 0xFF]
        });
    }
    for unit in text.encode_utf16() {
        let bytes = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn files_in_other_encodings_are_decoded_checked_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("URL = \"{HOST}\"  # caf\u{e9}\n");
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("le_bom.py", utf16(&line, true, true)),
        ("le.py", utf16(&line, true, false)),
        ("be.py", utf16(&line, false, false)),
        // Windows-1252: é and è, one byte each (also a valid Shift_JIS kanji)
        ("latin.py", {
            let mut bytes = format!("URL = \"{HOST}\"  # caf").into_bytes();
            bytes.extend_from_slice(&[0xE9, 0xE8, b'\n']);
            bytes
        }),
    ];
    // Shift_JIS: a comment in Japanese (認証する) above the URL
    let mut sjis = b"# \x94\x46\x8f\xd8\x82\xb7\x82\xe9\n".to_vec();
    sjis.extend_from_slice(format!("URL = \"{HOST}\"\n").as_bytes());
    files.push(("sjis.py", sjis));
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = gotolint(&["check", "--format", "json", "--strict", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    for (name, _) in &files {
        let line = if *name == "sjis.py" { 2 } else { 1 };
        assert!(
            findings.iter().any(|f| f["path"] == *name
                && f["code"] == "GT002"
                && f["location"]["line"] == line),
            "{name}: {json}"
        );
    }
    let out = gotolint(&["check", "."], dir.path());
    let summary = text(&out);
    assert!(
        summary.contains("decoded 1 Shift_JIS, 1 UTF-16BE, 2 UTF-16LE, 1 windows-1252"),
        "{summary}"
    );
    // reported, never rewritten in another encoding
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    for (name, bytes) in &files {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
}

#[test]
fn strict_fails_on_a_file_that_cannot_be_decoded() {
    let dir = tempfile::tempdir().unwrap();
    // a UTF-16 BOM and an odd number of bytes after it
    let mut bytes = utf16(&python_with_host(), true, true);
    bytes.push(b'x');
    std::fs::write(dir.path().join("broken.py"), bytes).unwrap();
    let out = gotolint(&["check", "--strict", "."], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = gotolint(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn a_lone_cr_is_a_line_break_and_such_files_parse() {
    let dir = tempfile::tempdir().unwrap();
    let src = format!(
        "import requests\rx = 1\rdef f():\r    return requests.post(\"{HOST}\", json={{\"a\": 1}})\r"
    );
    std::fs::write(dir.path().join("mac.py"), &src).unwrap();
    let out = gotolint(&["check", "--format", "json", "--strict", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    // GT006 needs the parsed call: the file parsed
    assert!(findings.iter().any(|f| f["code"] == "GT006"), "{json}");
    assert!(
        findings.iter().all(|f| f["location"]["line"] == 4),
        "{json}"
    );
    // a fix keeps the lone CRs
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    let fixed = std::fs::read_to_string(dir.path().join("mac.py")).unwrap();
    assert_eq!(fixed.matches('\r').count(), 4);
    assert!(!fixed.contains('\n'));
}

#[test]
fn the_refresh_token_fallback_is_only_a_target_already_bound() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://authentication.logmeininc.com/oauth/token";
    let post = |rt: &str| {
        format!("    resp = requests.post(URL, data={{\"grant_type\": \"refresh_token\", \"refresh_token\": {rt}}})\n")
    };
    let src = format!(
        "import requests\nURL = \"{url}\"\n\n\
         def unbound(old):\n{}    new_rt = resp.json()[\"refresh_token\"]\n    return new_rt\n\n\
         def maybe_bound(old, flag):\n    if flag:\n        cur = old\n{}    cur = resp.json()[\"refresh_token\"]\n    return cur\n\n\
         def chained(rt):\n{}    a = rt = resp.json()[\"refresh_token\"]\n    return a\n\n\
         def tuple_target(rt):\n{}    n, rt = 1, resp.json()[\"refresh_token\"]\n    return rt\n\n\
         def parameter(rt):\n{}    rt = resp.json()[\"refresh_token\"]\n    return rt\n\n\
         def earlier(old):\n    cur = old\n{}    if resp.ok:\n        cur = resp.json()[\"refresh_token\"]\n    return cur\n",
        post("old"),
        post("old"),
        post("rt"),
        post("rt"),
        post("rt"),
        post("cur")
    );
    std::fs::write(dir.path().join("auth.py"), &src).unwrap();
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    let fixed = std::fs::read_to_string(dir.path().join("auth.py")).unwrap();
    for kept in [
        "new_rt = resp.json()[\"refresh_token\"]",
        "    cur = resp.json()[\"refresh_token\"]\n    return cur\n\ndef chained",
        "a = rt = resp.json()[\"refresh_token\"]",
        "n, rt = 1, resp.json()[\"refresh_token\"]",
    ] {
        assert!(fixed.contains(kept), "changed: {kept}\n{fixed}");
    }
    for made in [
        "    rt = resp.json().get(\"refresh_token\", rt)\n",
        "        cur = resp.json().get(\"refresh_token\", cur)\n",
    ] {
        assert!(fixed.contains(made), "not fixed: {made}\n{fixed}");
    }
}

#[test]
fn form_encoding_is_offered_only_for_flat_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://authentication.logmeininc.com/oauth/token";
    std::fs::write(
        dir.path().join("auth.py"),
        format!(
            "import requests\nURL = \"{url}\"\n\
             requests.post(URL, json={{\"grant_type\": \"authorization_code\", \"code\": code}})\n\
             requests.post(URL, json={{\"grant_type\": \"x\", \"extra\": {{\"a\": 1}}}})\n\
             requests.post(URL, json=payload)\n\
             requests.post(URL, json={{\"grant_type\": \"x\", **rest}})\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("auth.js"),
        format!(
            "const URL = \"{url}\";\n\
             axios.post(URL, {{ grant_type: \"x\", code: c }});\n\
             axios.post(URL, {{ grant_type: \"x\", scopes: [\"a\", \"b\"] }});\n\
             axios.post(URL, {{ grant_type: \"x\", ...rest }});\n\
             fetch(URL, {{ method: \"POST\", headers: {{ \"Content-Type\": \"application/json\" }}, body: JSON.stringify(payload) }});\n"
        ),
    )
    .unwrap();
    let out = gotolint(&["check", "--format", "json", "."], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gt006: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "GT006")
        .collect();
    assert_eq!(gt006.len(), 8, "{json}");
    for f in gt006 {
        // a nested object or array written in the body garbles when form
        // encoded; a body held in a name or spread from one is taken to be
        // what token request bodies are, OAuth parameters
        let nested = f["location"]["line"] == 4 && f["path"] == "auth.py"
            || f["location"]["line"] == 3 && f["path"] == "auth.js";
        assert_eq!(f["fix"].is_null(), nested, "{f}");
        if nested {
            assert!(
                f["message"]
                    .as_str()
                    .unwrap()
                    .contains("nested objects or arrays"),
                "{f}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_killed_fix_run_loses_nothing_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        std::fs::write(
            dir.path().join(format!("auth{i}.py")),
            format!("# file {i}\n{}", python_with_host()),
        )
        .unwrap();
    }
    for delay in [0u64, 5, 20] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gotolint"))
            .args(["check", "--fix", "--threads", "2", "."])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let out = gotolint(&["check", "--fix", "."], dir.path());
    assert!(out.status.code().unwrap_or(101) <= 1, "{}", text(&out));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    assert_eq!(names.len(), 200, "left behind: {names:?}");
    for i in 0..200 {
        let text = std::fs::read_to_string(dir.path().join(format!("auth{i}.py"))).unwrap();
        assert_eq!(text, format!("# file {i}\nURL = \"{FIXED}\"\n"));
    }
}

#[test]
fn a_local_variable_never_takes_another_files_value() {
    // `url` in a shell script and `$url` in a PHP helper share a name, not a value
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("login.sh"),
        "url=\"https://api.getgo.com/oauth/access_token?grant_type=password\"\ncurl -s \"$url\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("rest.php"),
        "<?php\nconst G2T = 'https://api.getgo.com/G2T/rest';\n\
         function fetch_json($url) {\n    $ch = curl_init($url);\n    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);\n    return json_decode(curl_exec($ch), true);\n}\n\
         function trainings($key) {\n    $url = G2T . '/organizers/' . $key . '/trainings';\n    return fetch_json($url);\n}\n",
    )
    .unwrap();
    let out = gotolint(&["check", "--format", "json", "."], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let in_php: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "rest.php")
        .collect();
    assert!(in_php.is_empty(), "{in_php:?}");
}

#[test]
fn a_finding_quotes_the_url_as_written_at_its_own_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("views.py"),
        "import requests\n\
         SETTINGS = {\"token_url\": \"https://api.getgo.com/oauth/v2/token\"}\n\
         def redeem(code):\n    return requests.post(SETTINGS[\"token_url\"] + \"?grant_type=authorization_code&code=\" + code)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("auth.py"),
        "def authenticate(session, user, password):\n    \
         return session.get(\"https://api.getgo.com/oauth/access_token\", params={\"grant_type\": \"password\", \"user_id\": user, \"password\": password})\n\
         import requests\n",
    )
    .unwrap();
    let out = gotolint(&["check", "--format", "json", "."], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let gt002 = findings
        .iter()
        .find(|f| f["code"] == "GT002" && f["path"] == "views.py")
        .expect("GT002");
    assert_eq!(gt002["location"]["line"], 2);
    assert!(
        gt002["message"]
            .as_str()
            .unwrap()
            .starts_with("`https://api.getgo.com/oauth/v2/token` "),
        "{gt002}"
    );
    // a session handed in, calling a verb with a GoTo token URL, is a request
    let codes: Vec<&str> = findings
        .iter()
        .filter(|f| f["path"] == "auth.py")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"GT004") && codes.contains(&"GT007"),
        "{codes:?}"
    );
}
