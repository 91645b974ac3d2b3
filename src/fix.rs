//! Applying fixes: non-overlapping edits per pass, at most ten passes,
//! each result re-parsed and re-linted before anything is written; writes
//! are atomic and keep permissions, line endings and a BOM.

use crate::finding::Finding;
use crate::finding::FixSafety;
use crate::lang::{self, Language};
use crate::scan::{lint_text, ScanOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

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

fn applicable(f: &Finding, unsafe_fixes: bool) -> bool {
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
    let parsed_before = language.is_text() || lang::parses(language, original);
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
                if counts_before.get(code).is_some_and(|b| n > b) {
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

/// Fix every file with applicable findings. Returns per file the outcome
/// and the original text.
pub fn fix_findings(
    options: &ScanOptions,
    findings: &[Finding],
    unsafe_fixes: bool,
) -> Vec<(String, String, FileFix)> {
    // every finding of a file with something to fix: the re-check compares
    // counts per rule against all of them, not only the fixable ones
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(f.path.as_str()).or_default().push(f);
    }
    by_file.retain(|_, fs| fs.iter().any(|f| applicable(f, unsafe_fixes)));
    let mut out = Vec::new();
    for (path, fs) in by_file {
        let Some(original) = fs[0].source.as_deref().map(str::to_string) else {
            // the scan ran without `keep_sources`: there is no text to fix
            let why = "the scan kept no text of this file".to_string();
            out.push((path.to_string(), String::new(), FileFix::Failed(why)));
            continue;
        };
        let outcome = fix_text(options, path, Path::new(path), &original, &fs, unsafe_fixes);
        out.push((path.to_string(), original, outcome));
    }
    out
}

/// Write `text` to `path` atomically (temp file in the same folder, then
/// rename), keeping the file's permissions.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".gotolint-")
        .tempfile_in(&dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
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
