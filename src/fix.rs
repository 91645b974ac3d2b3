//! Applying fixes: non-overlapping edits per pass, at most ten passes,
//! each result re-parsed and re-linted before anything is written; writes
//! are atomic and keep permissions, line endings and a BOM.

use crate::finding::Finding;
use crate::finding::FixSafety;
use crate::lang::Language;
use crate::scan::{lint_text, ScanOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const MAX_PASSES: usize = 10;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFix {
    /// the new text and how many findings it fixed
    Fixed { text: String, fixed: usize },
    /// nothing written: the reason
    Failed(String),
}

/// Apply `edits` (byte span, replacement) to `text`, skipping any edit that
/// overlaps one already taken (in start order). Returns the new text and how
/// many edits were applied.
pub fn apply_non_overlapping(
    text: &str,
    edits: &[(std::ops::Range<usize>, String)],
) -> (String, usize) {
    let mut sorted: Vec<&(std::ops::Range<usize>, String)> = edits
        .iter()
        .filter(|(s, _)| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .collect();
    sorted.sort_by_key(|(s, _)| (s.start, s.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut applied = 0usize;
    let mut last_insert_at: Option<usize> = None;
    for (span, content) in sorted {
        // touching is fine; overlapping waits for the next pass. Two inserts
        // at the same point would be ambiguous: one waits.
        if span.start < at || (span.start == span.end && last_insert_at == Some(span.start)) {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(content);
        at = span.end;
        if span.start == span.end {
            last_insert_at = Some(span.start);
        }
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

pub fn applicable(f: &Finding, unsafe_fixes: bool) -> bool {
    match f.fix.as_ref().map(|x| x.applicability) {
        Some(FixSafety::Safe) => true,
        Some(FixSafety::Unsafe) => unsafe_fixes,
        _ => false,
    }
}

/// One finding's edits as one unit: all or none.
fn finding_edits(f: &Finding) -> Vec<(std::ops::Range<usize>, String)> {
    f.fix
        .as_ref()
        .map(|fix| {
            fix.edits
                .iter()
                .map(|e| (e.span.clone(), e.content.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Fix one file's text: passes until no fixable finding is left.
pub fn fix_text(
    options: &ScanOptions,
    shown: &str,
    path: &Path,
    original: &str,
    findings: &[&Finding],
    unsafe_fixes: bool,
) -> FileFix {
    let language = Language::from_path(path);
    let parsed_before = language.is_text() || crate::scan::parses(language, original);
    let mut text = original.to_string();
    let mut current: Vec<Finding> = findings.iter().map(|f| (*f).clone()).collect();
    let mut fixed = 0usize;
    let mut counts_before: BTreeMap<String, usize> = BTreeMap::new();
    for f in &current {
        *counts_before.entry(f.code.clone()).or_default() += 1;
    }
    for _pass in 0..MAX_PASSES {
        let mut units: Vec<&Finding> = current
            .iter()
            .filter(|f| applicable(f, unsafe_fixes))
            .collect();
        if units.is_empty() {
            break;
        }
        units.sort_by_key(|f| f.span.start);
        // take whole findings whose edits do not overlap the ones taken
        let mut taken: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let mut taken_findings = 0;
        for f in units {
            let edits = finding_edits(f);
            let clash = edits.iter().any(|(s, _)| {
                taken.iter().any(|(t, _)| {
                    s.start < t.end && t.start < s.end || (s.start == s.end && t.start == s.start)
                })
            });
            if !clash && !edits.is_empty() {
                taken.extend(edits);
                taken_findings += 1;
            }
        }
        if taken_findings == 0 {
            break;
        }
        let (next, _) = apply_non_overlapping(&text, &taken);
        if next == text {
            break;
        }
        text = next;
        fixed += taken_findings;
        let (after, parsed) = lint_text(options, shown, path, &text);
        if parsed_before && !parsed && !language.is_text() {
            return FileFix::Failed(
                "the fixed file would not parse; nothing was written".to_string(),
            );
        }
        current = after;
        if current.iter().all(|f| !applicable(f, unsafe_fixes)) {
            // a fix must not add findings of a rule it fixes
            let mut counts_after: BTreeMap<String, usize> = BTreeMap::new();
            for f in &current {
                *counts_after.entry(f.code.clone()).or_default() += 1;
            }
            for (code, n) in &counts_after {
                let Some(before) = counts_before.get(code) else {
                    continue;
                };
                // what the fixes of rules that may leave this one removed
                let handed_over: usize = options
                    .rules
                    .iter()
                    .filter(|r| r.fix_may_leave.iter().any(|c| c == code))
                    .map(|r| {
                        let was = counts_before.get(&r.code).copied().unwrap_or(0);
                        was.saturating_sub(counts_after.get(&r.code).copied().unwrap_or(0))
                    })
                    .sum();
                if *n > before + handed_over {
                    return FileFix::Failed(format!(
                        "fixing introduced new {code} findings; nothing was written"
                    ));
                }
            }
            return FileFix::Fixed { text, fixed };
        }
    }
    if current.iter().any(|f| applicable(f, unsafe_fixes)) {
        return FileFix::Failed(format!(
            "fixes did not converge after {MAX_PASSES} passes; nothing was written"
        ));
    }
    FileFix::Fixed { text, fixed }
}

/// One file's fix: where it is, what it held, what became of it.
#[derive(Debug, Clone)]
pub struct FileFixResult {
    /// the path as shown to the user
    pub shown: String,
    /// the file on disk (`None` for standard input)
    pub file: Option<Arc<Path>>,
    /// the text the scan read
    pub original: Arc<str>,
    pub outcome: FileFix,
    /// secret literals of the file: never printed (diffs mask them)
    pub secrets: Vec<String>,
}

/// Fix every file with applicable findings. Files are told apart by their
/// path on disk, never by the shown name (two files can show alike).
pub fn fix_findings(
    options: &ScanOptions,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> Vec<FileFixResult> {
    // every finding of a file with something to fix: the re-check compares
    // counts per rule against all of them, not only the fixable ones
    type Key<'a> = (Option<&'a Path>, &'a str);
    let mut by_file: BTreeMap<Key, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file
            .entry((f.file.as_deref(), f.path.as_str()))
            .or_default()
            .push(f);
    }
    by_file.retain(|_, fs| fs.iter().any(|f| applicable(f, unsafe_fixes)));
    let mut out = Vec::new();
    for ((_, shown), fs) in by_file {
        let Some(original) = fs[0].source.clone() else {
            // the scan ran without `keep_sources`: there is no text to fix
            out.push(FileFixResult {
                shown: shown.to_string(),
                file: fs[0].file.clone(),
                original: Arc::from(""),
                outcome: FileFix::Failed("the scan kept no text of this file".to_string()),
                secrets: Vec::new(),
            });
            continue;
        };
        let language_path = fs[0].file.as_deref().unwrap_or(Path::new(shown));
        let outcome = fix_text(options, shown, language_path, &original, &fs, unsafe_fixes);
        let mut secrets: Vec<String> = fs
            .iter()
            .flat_map(|f| f.secrets.iter())
            .filter_map(|s| original.get(s.clone()))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        secrets.sort();
        secrets.dedup();
        out.push(FileFixResult {
            shown: shown.to_string(),
            file: fs[0].file.clone(),
            original,
            outcome,
            secrets,
        });
    }
    out
}

/// Why a fixed text was not written.
#[derive(Debug)]
pub struct NotWritten(pub String);

impl std::fmt::Display for NotWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Temp files are named `.gotolint-<pid>-<random>.tmp` next to the file
/// they replace, so a run killed between creating and renaming one leaves a
/// file that a later run recognises (its process is gone) and removes.
const TEMP_PREFIX: &str = ".gotolint-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether the process that made a temp file may still be writing it.
fn writer_may_be_alive(pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let age = modified.and_then(|m| m.elapsed().ok()).unwrap_or_default();
    // a recycled process id cannot keep a file alive for a day
    if age > std::time::Duration::from_secs(24 * 3600) {
        return false;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        return proc_root.join(pid.to_string()).exists();
    }
    // no process table to ask: a temp file untouched for an hour is stale
    age < std::time::Duration::from_secs(3600)
}

/// Remove the temp files that killed runs left in `dir`. Returns how many.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| remove_if_stale_temp_file(&e.path()))
        .count()
}

/// Remove `path` when it is a temp file of a run that is gone. Returns
/// whether it was removed.
pub fn remove_if_stale_temp_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(rest) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    let Ok(meta) = path.symlink_metadata() else {
        return false;
    };
    if !meta.is_file() || writer_may_be_alive(pid, meta.modified().ok()) {
        return false;
    }
    std::fs::remove_file(path).is_ok()
}

/// Identity and state of a file, to tell whether it changed.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: (meta.dev(), meta.ino()),
    }
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

/// Write a fixed text over the file it came from, safely:
/// - a symbolic link is followed and its target fixed; the link stays a link;
/// - a file with several hard links is not written (a rename would split
///   them into copies);
/// - the file must still hold exactly `original` (what the scan read and
///   the fixes were computed from), checked before the temp file is made
///   and again just before the rename, so a concurrent writer's data is
///   never replaced;
/// - the new text goes to a temp file in the same folder, synced, with the
///   file's permissions, then renamed over the file.
pub fn write_fixed(file: &Path, original: &str, text: &str) -> Result<(), NotWritten> {
    let io = |what: &str, e: std::io::Error| NotWritten(format!("{what}: {e}"));
    let target = match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(file).map_err(|e| io("cannot resolve the link", e))?
        }
        Ok(_) => file.to_path_buf(),
        Err(e) => return Err(io("cannot read", e)),
    };
    let meta = std::fs::metadata(&target).map_err(|e| io("cannot read", e))?;
    if !meta.is_file() {
        return Err(NotWritten("not a regular file; not fixed".to_string()));
    }
    let links = hard_links(&meta);
    if links > 1 {
        return Err(NotWritten(format!(
            "the file has {links} hard links; not fixed, so they stay one file"
        )));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    remove_stale_temp_files(&dir);
    let unchanged = || -> Result<Stamp, NotWritten> {
        let before = std::fs::metadata(&target).map_err(|e| io("cannot read", e))?;
        let limit = original.len() as u64;
        let file = std::fs::File::open(&target).map_err(|e| io("cannot read", e))?;
        let now = crate::source::read_bounded(file, limit).map_err(|e| io("cannot read", e))?;
        let after = std::fs::metadata(&target).map_err(|e| io("cannot read", e))?;
        let same = now.as_deref() == Some(original.as_bytes()) && stamp(&before) == stamp(&after);
        if same {
            Ok(stamp(&after))
        } else {
            Err(NotWritten(
                "the file changed since it was read; not fixed (run again)".to_string(),
            ))
        }
    };
    let read_stamp = unchanged()?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| io("cannot create a temp file", e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().set_permissions(meta.permissions()))
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| io("cannot write the temp file", e))?;
    // the last look before the rename: same size, time and inode as read
    let last = std::fs::metadata(&target).map_err(|e| io("cannot read", e))?;
    if stamp(&last) != read_stamp {
        return Err(NotWritten(
            "the file changed while it was being fixed; not fixed (run again)".to_string(),
        ));
    }
    tmp.persist(&target)
        .map_err(|e| io("cannot replace the file", e.error))?;
    Ok(())
}

/// A unified diff of one file.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_wait() {
        let (out, n) = apply_non_overlapping(
            "abcdef",
            &[(1..3, "X".into()), (2..4, "Y".into()), (4..4, "+".into())],
        );
        assert_eq!(out, "aXd+ef");
        assert_eq!(n, 2);
    }

    #[test]
    fn out_of_range_and_split_char_edits_are_ignored() {
        let (out, n) = apply_non_overlapping("aé", &[(2..3, "X".into()), (5..9, "Y".into())]);
        assert_eq!((out.as_str(), n), ("aé", 0));
    }
}
