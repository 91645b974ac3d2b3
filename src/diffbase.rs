//! `--diff-base REF`: keep only findings on lines changed since a git ref.
//! The changes come from the `git` command line (`git diff --unified=0`
//! against the merge base of REF and HEAD, working tree included) plus the
//! untracked files, which count as changed throughout.

use crate::finding::Finding;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Changed {
    /// a new or untracked file: every line
    All,
    /// 1-based inclusive line ranges of the new side
    Lines(Vec<(usize, usize)>),
}

#[derive(Debug)]
pub struct ChangedLines {
    /// the repository's top folder (canonical)
    top: PathBuf,
    /// the current folder (canonical), to resolve relative finding paths
    cwd: PathBuf,
    /// paths relative to `top`, `/`-separated
    files: HashMap<String, Changed>,
}

fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("--diff-base needs the `git` command: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("git failed").trim();
        return Err(format!("--diff-base: git {}: {first}", args[0]));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl ChangedLines {
    /// The lines changed since `base` in the repository of the current folder.
    pub fn since(base: &str) -> Result<ChangedLines, String> {
        if base.starts_with('-') {
            return Err(format!("--diff-base: `{base}` is not a git ref"));
        }
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        let cwd = std::env::current_dir().map_err(|e| format!("--diff-base: {e}"))?;
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        // the commit to compare with: where HEAD forked from `base` (for an
        // ancestor of HEAD, `base` itself)
        let commit = git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{base}^{{commit}}"),
        ])
        .map_err(|_| format!("--diff-base: `{base}` is not a commit in this repository"))?;
        let commit = commit.trim().to_string();
        let merge_base = git(&["merge-base", &commit, "HEAD"])
            .map(|s| s.trim().to_string())
            .unwrap_or(commit);
        // paths in the diff are relative to the top folder
        let diff = git(&[
            "-c",
            "core.quotepath=off",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            "--find-renames",
            &merge_base,
            "--",
        ])?;
        let mut files = parse_diff(&diff);
        let untracked = git(&[
            "-C",
            &top.to_string_lossy(),
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
        ])?;
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            files.insert(path.to_string(), Changed::All);
        }
        Ok(ChangedLines { top, cwd, files })
    }

    /// Drop the findings that are not on a changed line.
    pub fn retain(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.is_changed(&f.path, f.start.line, f.end.line));
    }

    fn is_changed(&self, path: &str, first: usize, last: usize) -> bool {
        let Some(rel) = self.repo_path(path) else {
            return false;
        };
        match self.files.get(&rel) {
            Some(Changed::All) => true,
            Some(Changed::Lines(ranges)) => ranges
                .iter()
                .any(|&(a, b)| a <= last.max(first) && first <= b),
            None => false,
        }
    }

    /// A finding's path as git names it: relative to the top folder.
    fn repo_path(&self, path: &str) -> Option<String> {
        let joined = self.cwd.join(path);
        let resolved = std::fs::canonicalize(&joined).unwrap_or_else(|_| lexical(&joined));
        let rel = resolved.strip_prefix(&self.top).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }
}

/// `a/./b/../c` → `a/c` without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `+++ b/path` names and `@@ -a,b +c,d @@` hunks of a unified diff.
fn parse_diff(diff: &str) -> HashMap<String, Changed> {
    let mut files: HashMap<String, Changed> = HashMap::new();
    let mut current: Option<String> = None;
    // between `diff --git` and the first hunk: an added line that starts
    // with `++ ` is `+++ ` in a hunk, and is not a file name
    let mut in_header = false;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            current = None;
            in_header = true;
        } else if let (true, Some(name)) = (in_header, line.strip_prefix("+++ ")) {
            current = diff_path(name);
            if let Some(path) = &current {
                files
                    .entry(path.clone())
                    .or_insert_with(|| Changed::Lines(Vec::new()));
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            in_header = false;
            let Some(path) = &current else {
                continue;
            };
            let Some(new_side) = hunk.split(' ').find(|p| p.starts_with('+')) else {
                continue;
            };
            let mut parts = new_side[1..].splitn(2, ',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            if count == 0 {
                // a pure deletion: no line of the new side changed
                continue;
            }
            if let Some(Changed::Lines(ranges)) = files.get_mut(path) {
                ranges.push((start, start + count - 1));
            }
        }
    }
    files
}

/// `b/src/x.py` → `src/x.py`; `/dev/null` (a deleted file) → none. Names
/// git had to quote (`"b/a\"b"`) are unquoted.
fn diff_path(name: &str) -> Option<String> {
    let name = name.trim_end_matches('\t');
    if name == "/dev/null" {
        return None;
    }
    let unquoted = if name.starts_with('"') && name.ends_with('"') && name.len() >= 2 {
        let inner = &name[1..name.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('t') => out.push('\t'),
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        name.to_string()
    };
    Some(unquoted.strip_prefix("b/").unwrap_or(&unquoted).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "diff --git a/src/auth.py b/src/auth.py
index 1111111..2222222 100644
--- a/src/auth.py
+++ b/src/auth.py
@@ -3,0 +4,2 @@ def login():
+    url = OLD
+++ not/a/file
@@ -10 +12 @@ x
-a
+b
@@ -20,3 +22,0 @@ y
-gone
diff --git a/old.txt b/old.txt
deleted file mode 100644
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/new.env b/new.env
new file mode 100644
--- /dev/null
+++ b/new.env
@@ -0,0 +1,3 @@
+A=1
+B=2
+C=3
";

    #[test]
    fn hunks_give_the_changed_lines_of_the_new_side() {
        let files = parse_diff(DIFF);
        assert_eq!(
            files.get("src/auth.py"),
            Some(&Changed::Lines(vec![(4, 5), (12, 12)]))
        );
        assert_eq!(files.get("new.env"), Some(&Changed::Lines(vec![(1, 3)])));
        assert!(!files.contains_key("old.txt"));
        assert!(!files.contains_key("/dev/null"));
        // an added line `++ not/a/file` is not a file header
        assert!(!files.contains_key("not/a/file"));
    }

    #[test]
    fn a_finding_counts_when_any_of_its_lines_changed() {
        let changed = ChangedLines {
            top: PathBuf::from("/repo"),
            cwd: PathBuf::from("/repo"),
            files: parse_diff(DIFF),
        };
        assert!(changed.is_changed("src/auth.py", 4, 4));
        assert!(changed.is_changed("src/auth.py", 2, 4));
        assert!(changed.is_changed("./src/auth.py", 12, 12));
        assert!(!changed.is_changed("src/auth.py", 3, 3));
        assert!(!changed.is_changed("src/auth.py", 22, 22));
        assert!(!changed.is_changed("other.py", 1, 1));
        assert!(!changed.is_changed("../elsewhere/src/auth.py", 4, 4));
    }

    #[test]
    fn quoted_names_are_unquoted() {
        assert_eq!(diff_path("\"b/a \\\"q\\\".py\""), Some("a \"q\".py".into()));
        assert_eq!(diff_path("b/x.py"), Some("x.py".into()));
        assert_eq!(diff_path("/dev/null"), None);
    }
}
