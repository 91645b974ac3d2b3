//! Fix-its: for every fixture, `--fix --unsafe-fixes` on a copy gives the
//! snapshotted result, which still parses, has no fixable finding left,
//! and does not change on a second run. Plus line endings, BOM,
//! permissions, `--diff`, stdin, and random overlapping edit sets.

use gotolint::fix::apply_non_overlapping;
use gotolint::lang::{self, Language};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gotolint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run gotolint")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_tree(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn fixing_every_fixture_is_verified_and_idempotent() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("fixtures");
    copy_tree(src, &work);

    let first = gotolint(&["check", "--fix", "--unsafe-fixes", "--quiet", "."], &work);
    assert!(
        first.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&first.stderr).contains("fix failed"),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    let mut changed = 0;
    for path in files(&work) {
        let rel = path
            .strip_prefix(&work)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let before = std::fs::read_to_string(src.join(&rel)).unwrap_or_default();
        let after = std::fs::read_to_string(&path).unwrap_or_default();
        if before == after {
            continue;
        }
        changed += 1;
        let language = Language::from_path(&path);
        if !language.is_text() && lang::parses(language, &before) {
            assert!(
                lang::parses(language, &after),
                "{rel} no longer parses after fixing"
            );
        }
        // no line is added; the only lines removed are client credential
        // parameters now sent as Basic (GT005)
        let credential_lines = |text: &str| {
            text.lines()
                .filter(|l| l.contains("client_id") || l.contains("client_secret"))
                .count()
        };
        let removed = before.lines().count() as isize - after.lines().count() as isize;
        assert!(removed >= 0, "{rel}: lines added");
        assert!(
            credential_lines(&before) as isize - credential_lines(&after) as isize >= removed,
            "{rel}: lines other than client credentials removed"
        );
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("fixed_{name}"), after);
    }
    assert!(changed >= 8, "only {changed} fixture files changed");

    // what is left has no fix, and a second run changes nothing
    let json: serde_json::Value =
        serde_json::from_slice(&gotolint(&["check", "--format", "json", "."], &work).stdout)
            .unwrap();
    assert_eq!(json["summary"]["fixable"]["safe"], 0, "{}", json["summary"]);
    assert_eq!(
        json["summary"]["fixable"]["unsafe"], 0,
        "{}",
        json["summary"]
    );
    let snapshot: Vec<(PathBuf, Vec<u8>)> = files(&work)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    gotolint(&["check", "--fix", "--unsafe-fixes", "--quiet", "."], &work);
    for (p, bytes) in snapshot {
        assert_eq!(
            std::fs::read(&p).unwrap(),
            bytes,
            "second --fix changed {}",
            p.display()
        );
    }
}

#[test]
fn safe_fixes_leave_unsafe_ones_alone() {
    let dir = tempfile::tempdir().unwrap();
    let code = "// GoTo login\nexport async function t() {\n  return fetch(\"https://api.getgo.com/oauth/v2/token?grant_type=refresh_token\");\n}\n";
    std::fs::write(dir.path().join("a.js"), code).unwrap();
    gotolint(&["check", "--fix", "-q", "a.js"], dir.path());
    let after = std::fs::read_to_string(dir.path().join("a.js")).unwrap();
    assert!(
        after.contains("authentication.logmeininc.com/oauth/token"),
        "{after}"
    );
    assert!(
        !after.contains("method"),
        "the unsafe GET→POST rewrite waits for --unsafe-fixes: {after}"
    );
    gotolint(
        &["check", "--fix", "--unsafe-fixes", "-q", "a.js"],
        dir.path(),
    );
    let after = std::fs::read_to_string(dir.path().join("a.js")).unwrap();
    assert!(after.contains("POST"), "{after}");
}

#[test]
fn unsafe_fixes_alone_shows_them_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let code = "// GoTo login\nexport async function t() {\n  return fetch(\"https://api.getgo.com/oauth/v2/token?grant_type=refresh_token\");\n}\n";
    std::fs::write(dir.path().join("a.js"), code).unwrap();

    // without the flag the unsafe fix is counted as hidden, not shown
    let plain = gotolint(&["check", "a.js"], dir.path());
    let shown = String::from_utf8_lossy(&plain.stdout);
    assert!(shown.contains("unsafe fix hidden"), "{shown}");
    assert!(shown.contains("--unsafe-fixes shows it"), "{shown}");
    assert!(!shown.contains("[unsafe fix]"), "{shown}");

    // with it the fix is shown and counted, and the file is left alone
    let out = gotolint(&["check", "--unsafe-fixes", "a.js"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("[unsafe fix]"), "{shown}");
    assert!(!shown.contains("hidden"), "{shown}");
    assert!(shown.contains("--fix --unsafe-fixes"), "{shown}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("Fixed"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.js")).unwrap(),
        code
    );

    // --diff --unsafe-fixes prints the unsafe edit and writes nothing
    let out = gotolint(&["check", "--diff", "--unsafe-fixes", "a.js"], dir.path());
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("POST"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.js")).unwrap(),
        code
    );
    let out = gotolint(&["check", "--diff", "a.js"], dir.path());
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(!diff.contains("POST"), "{diff}");
    assert!(diff.contains("authentication.logmeininc.com"), "{diff}");
}

#[test]
fn crlf_bom_and_permissions_survive_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("auth.py");
    let text = "\u{FEFF}# GoToWebinar\r\nTOKEN_URL = \"https://api.getgo.com/oauth/v2/token\"\r\nOTHER = 1\r\n";
    std::fs::write(&p, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    gotolint(&["check", "--fix", "-q", "auth.py"], dir.path());
    let after = std::fs::read(&p).unwrap();
    assert!(after.starts_with("\u{FEFF}".as_bytes()), "BOM kept");
    let s = String::from_utf8(after).unwrap();
    assert_eq!(s.matches("\r\n").count(), 3, "CRLF kept: {s:?}");
    assert!(s.contains("https://authentication.logmeininc.com/oauth/token"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gotolint-"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left behind");
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_something_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "G2W_TOKEN_URL=https://api.getgo.com/oauth/v2/token\n";
    std::fs::write(dir.path().join(".env"), text).unwrap();
    let out = gotolint(&["check", "--diff", ".env"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-G2W_TOKEN_URL=https://api.getgo.com/oauth/v2/token"),
        "{diff}"
    );
    assert!(
        diff.contains("+G2W_TOKEN_URL=https://authentication.logmeininc.com/oauth/token"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".env")).unwrap(),
        text
    );
    gotolint(&["check", "--fix", "-q", ".env"], dir.path());
    assert_eq!(
        gotolint(&["check", "--diff", ".env"], dir.path())
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn stdin_fix_prints_the_fixed_source() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(["check", "--fix", "--stdin-filename", "auth.ts", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"export const U = 'https://api.jive.com/users/v1';\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "export const U = 'https://api.goto.com/users/v1';\n"
    );
}

const SHARED_CONFIG: &str = "# GoToWebinar settings\nAUTH_HOST = \"https://api.getgo.com\"\n\n\ndef login_url(cid):\n    return AUTH_HOST + \"/oauth/v2/authorize?response_type=code&state=s&client_id=\" + cid\n";

#[test]
fn a_host_constant_used_only_for_oauth_is_fixed_at_the_constant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.py"), SHARED_CONFIG).unwrap();
    gotolint(&["check", "--fix", "-q", "."], dir.path());
    let after = std::fs::read_to_string(dir.path().join("config.py")).unwrap();
    assert!(
        after.contains("AUTH_HOST = \"https://authentication.logmeininc.com\"")
            && after.contains("AUTH_HOST + \"/oauth/authorize?"),
        "{after}"
    );
}

#[test]
fn a_host_constant_another_file_uses_stays_and_its_oauth_url_moves_where_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.py"), SHARED_CONFIG).unwrap();
    // the other file's REST call needs the old host
    let sync = "import requests\nfrom config import AUTH_HOST\n\n\ndef webinars(k):\n    return requests.get(AUTH_HOST + \"/G2W/rest/v2/organizers/\" + k)\n";
    std::fs::write(dir.path().join("sync.py"), sync).unwrap();
    gotolint(&["check", "--fix", "-q", "."], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("config.py")).unwrap(),
        SHARED_CONFIG,
        "the constant is not safe to change: another file uses it"
    );
    gotolint(&["check", "--fix", "--unsafe-fixes", "-q", "."], dir.path());
    let after = std::fs::read_to_string(dir.path().join("config.py")).unwrap();
    assert!(
        after.contains("AUTH_HOST = \"https://api.getgo.com\"")
            && after.contains(
                "return \"https://authentication.logmeininc.com/oauth/authorize?response_type=code"
            ),
        "{after}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sync.py")).unwrap(),
        sync
    );
}

#[test]
fn a_reference_the_model_does_not_show_keeps_the_constant() {
    let dir = tempfile::tempdir().unwrap();
    // `base()` hands the host to code the file does not show
    let text = format!("{SHARED_CONFIG}\n\ndef base():\n    return AUTH_HOST\n");
    std::fs::write(dir.path().join("config.py"), &text).unwrap();
    gotolint(&["check", "--fix", "-q", "config.py"], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("config.py")).unwrap(),
        text
    );
    gotolint(
        &["check", "--fix", "--unsafe-fixes", "-q", "config.py"],
        dir.path(),
    );
    let after = std::fs::read_to_string(dir.path().join("config.py")).unwrap();
    assert!(
        after.contains("AUTH_HOST = \"https://api.getgo.com\""),
        "{after}"
    );
    assert!(
        after.contains("return \"https://authentication.logmeininc.com/oauth/authorize?"),
        "{after}"
    );
}

/// A small deterministic generator: no test randomness between runs.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

#[test]
fn random_overlapping_edit_sets_never_corrupt_a_file() {
    let mut rng = Lcg(0x5eed);
    let alphabet = ['a', 'b', 'é', '\n', '"', '/', '語'];
    for _ in 0..2000 {
        let len = rng.next(40);
        let text: String = (0..len)
            .map(|_| alphabet[rng.next(alphabet.len())])
            .collect();
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut edits = Vec::new();
        for _ in 0..rng.next(6) {
            let a = boundaries[rng.next(boundaries.len())];
            let b = boundaries[rng.next(boundaries.len())];
            let (a, b) = (a.min(b), a.max(b));
            edits.push((a..b, ["", "X", "yy"][rng.next(3)].to_string()));
        }
        let (out, applied) = apply_non_overlapping(&text, &edits);
        // the reference: take edits in start order, skip any that overlaps one taken
        let mut sorted = edits.clone();
        sorted.sort_by_key(|(s, _)| (s.start, s.end));
        let mut taken: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for (s, c) in sorted {
            let clash = taken.iter().any(|(t, _)| {
                s.start < t.end || (s.start == s.end && t.start == t.end && t.start == s.start)
            });
            if !clash {
                taken.push((s, c));
            }
        }
        let mut expected = text.clone();
        for (s, c) in taken.iter().rev() {
            expected.replace_range(s.clone(), c);
        }
        assert_eq!(out, expected, "text {text:?} edits {edits:?}");
        assert_eq!(applied, taken.len());
    }
}
