//! A Markdown audit report: totals, findings per rule with the migration
//! advice, findings per file, and a checklist of what to change.
//!
//! Only messages (secrets already masked), paths and catalog text are
//! printed; source lines never are.

use super::{findings_phrase, totals};
use crate::finding::Finding;
use crate::finding::{FixSafety, Severity};
use crate::rules::{Catalog, Rule};
use crate::scan::{NoticeKind, ScanResult};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Make text safe for a table cell: no pipes, no line breaks.
pub fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// The "Why is this bad?" section of a rule's rationale (the whole
/// rationale when it has no such section).
pub fn advice(rule: &Rule) -> String {
    let text = rule.rationale.trim();
    let heading = "## Why is this bad?";
    let Some(at) = text.find(heading) else {
        return text.to_string();
    };
    let rest = &text[at + heading.len()..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].trim().to_string()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn fix_phrase(rule: &Rule) -> Option<String> {
    let kind = match rule.fix {
        FixSafety::None => return None,
        FixSafety::Safe => "safe fix",
        FixSafety::Unsafe => "unsafe fix, review it",
    };
    let title = rule.fix_title.as_deref().unwrap_or("available");
    Some(format!(
        "**Fix** ({kind}; `gotolint check --fix{}`): {}",
        if rule.fix == FixSafety::Unsafe {
            " --unsafe-fixes"
        } else {
            ""
        },
        one_line(title)
    ))
}

fn is_fixable(f: &Finding) -> bool {
    f.fix
        .as_ref()
        .is_some_and(|x| x.applicability != FixSafety::None)
}

pub fn write(out: &mut dyn Write, result: &ScanResult, catalog: &Catalog) -> io::Result<()> {
    let t = totals(&result.findings);
    writeln!(out, "# gotolint audit report")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} in {} (gotolint {}).",
        findings_phrase(&t),
        plural(result.files_scanned, "file"),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out)?;

    writeln!(out, "## Totals")?;
    writeln!(out)?;
    writeln!(out, "| | Count |")?;
    writeln!(out, "|---|---:|")?;
    writeln!(out, "| Files scanned | {} |", result.files_scanned)?;
    writeln!(out, "| Files analysed | {} |", result.files_analysed)?;
    let partial = result.parsed_with_errors();
    if partial > 0 {
        writeln!(out, "| Files parsed with errors | {partial} |")?;
    }
    writeln!(out, "| Files skipped | {} |", result.skipped_total())?;
    for (reason, n) in &result.skipped {
        writeln!(out, "| Skipped: {} | {n} |", cell(&reason.to_string()))?;
    }
    writeln!(out, "| Findings | {} |", t.findings)?;
    for (sev, label) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Note, "Notes"),
    ] {
        let n = t.by_severity.get(sev.as_str()).copied().unwrap_or(0);
        writeln!(out, "| {label} | {n} |")?;
    }
    writeln!(out, "| Fixable (safe) | {} |", t.fixable_safe)?;
    writeln!(out, "| Fixable (unsafe) | {} |", t.fixable_unsafe)?;
    writeln!(out)?;

    let incomplete: Vec<_> = result
        .notices
        .iter()
        .filter(|n| n.kind != NoticeKind::Skipped)
        .collect();
    if !incomplete.is_empty() {
        writeln!(out, "## Files not fully checked")?;
        writeln!(out)?;
        for n in incomplete {
            writeln!(out, "- `{}`: {}", one_line(&n.path), one_line(&n.message))?;
        }
        writeln!(out)?;
    }

    if !result.skipped_files.is_empty() {
        writeln!(out, "## Skipped files")?;
        writeln!(out)?;
        writeln!(out, "| File | Reason | Detail |")?;
        writeln!(out, "|---|---|---|")?;
        for s in &result.skipped_files {
            writeln!(
                out,
                "| `{}` | {} | {} |",
                cell(&s.path),
                cell(&s.reason.to_string()),
                cell(&s.detail)
            )?;
        }
        writeln!(out)?;
    }

    if result.findings.is_empty() {
        writeln!(out, "No findings.")?;
        return Ok(());
    }

    // per rule, in catalog order
    let mut by_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in &result.findings {
        let e = by_rule.entry(&f.code).or_default();
        e.0 += 1;
        e.1 += usize::from(is_fixable(f));
    }
    writeln!(out, "## Findings by rule")?;
    writeln!(out)?;
    writeln!(out, "| Code | Name | Severity | Findings | Fixable |")?;
    writeln!(out, "|---|---|---|---:|---:|")?;
    for (code, (n, fixable)) in &by_rule {
        let rule = catalog.rule(code);
        writeln!(
            out,
            "| {} | {} | {} | {n} | {fixable} |",
            cell(code),
            cell(rule.map_or("", |r| r.name.as_str())),
            rule.map_or("", |r| r.severity.as_str()),
        )?;
    }
    writeln!(out)?;
    for (code, (n, _)) in &by_rule {
        let Some(rule) = catalog.rule(code) else {
            continue;
        };
        writeln!(
            out,
            "### {} {} ({})",
            rule.code,
            rule.name,
            plural(*n, "finding")
        )?;
        writeln!(out)?;
        writeln!(out, "{}", one_line(rule.summary.trim()))?;
        writeln!(out)?;
        writeln!(out, "{}", advice(rule))?;
        writeln!(out)?;
        if let Some(fix) = fix_phrase(rule) {
            writeln!(out, "{fix}")?;
            writeln!(out)?;
        }
        writeln!(out, "Docs: <{}>", rule.docs_url())?;
        writeln!(out)?;
    }

    // per file, in path order: the findings are sorted by path, so each
    // file's findings are one run
    writeln!(out, "## Findings by file")?;
    writeln!(out)?;
    writeln!(out, "| Path | Findings | Codes |")?;
    writeln!(out, "|---|---:|---|")?;
    for findings in result.findings.chunk_by(|a, b| a.path == b.path) {
        let mut codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&findings[0].path),
            findings.len(),
            cell(&codes.join(", "))
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Checklist")?;
    writeln!(out)?;
    for f in &result.findings {
        writeln!(
            out,
            "- [ ] {}:{} {} {}",
            one_line(&f.path),
            f.start.line,
            f.code,
            one_line(&f.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Fix;
    use crate::scan::{Notice, SkipReason};
    use crate::source::Position;

    fn finding(code: &str, path: &str, line: usize, message: &str, fixable: bool) -> Finding {
        let rule = Catalog::get().rule(code).unwrap();
        Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            path: path.to_string(),
            start: Position { line, column: 1 },
            end: Position { line, column: 9 },
            message: message.to_string(),
            fix: fixable.then(|| Fix {
                applicability: rule.fix,
                title: rule.fix_title.clone().unwrap_or_default(),
                edits: Vec::new(),
            }),
            span: 0..0,
            line_text: "TOKEN_URL=secret-line".to_string(),
            source: Some(std::sync::Arc::from("TOKEN_URL=secret-source")),
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project: std::sync::Arc::from("p"),
            file: None,
        }
    }

    fn render(result: &ScanResult) -> String {
        let mut buf = Vec::new();
        write(&mut buf, result, Catalog::get()).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn cells_are_escaped() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn advice_is_the_why_section() {
        for rule in &Catalog::get().rules {
            let a = advice(rule);
            assert!(!a.is_empty(), "{}", rule.code);
            assert!(!a.contains("## "), "{}: {a}", rule.code);
        }
    }

    #[test]
    fn report_sections() {
        let mut result = ScanResult {
            files_scanned: 5,
            files_analysed: 3,
            ..Default::default()
        };
        result.skipped.insert(SkipReason::Binary, 2);
        result.skipped_files.push(crate::scan::SkippedFile {
            path: "logo|old.png".to_string(),
            reason: SkipReason::Binary,
            detail: "binary file".to_string(),
        });
        result.notices.push(Notice {
            path: "broken.py".to_string(),
            kind: NoticeKind::ParseError,
            message: "could not parse".to_string(),
        });
        result.findings = vec![
            finding("GT002", "a|b.env", 3, "`x` uses | the old host", true),
            finding("GT002", "c.env", 1, "second", false),
            finding("GT001", "c.env", 7, "third", false),
        ];
        let md = render(&result);
        assert!(md.starts_with("# gotolint audit report\n"));
        assert!(md.contains("| Files scanned | 5 |"));
        assert!(md.contains("| Files skipped | 2 |"));
        assert!(md.contains("| Skipped: binary | 2 |"));
        assert!(md.contains("| Errors | 3 |"));
        assert!(md.contains("- `broken.py`: could not parse"));
        assert!(md.contains("| `logo\\|old.png` | binary | binary file |"));
        assert!(md.contains("| GT002 | retired-oauth-v2-host | error | 2 | 1 |"));
        assert!(md.contains("### GT002 retired-oauth-v2-host (2 findings)"));
        assert!(md.contains("officially decommissioned"));
        assert!(md.contains("**Fix** (safe fix"));
        assert!(md.contains("| a\\|b.env | 1 | GT002 |"));
        assert!(md.contains("| c.env | 2 | GT001, GT002 |"));
        assert!(md.contains("- [ ] a|b.env:3 GT002 `x` uses | the old host\n"));
        assert!(md.contains("- [ ] c.env:7 GT001 third\n"));
        assert!(!md.contains("secret-line"));
        assert!(!md.contains("secret-source"));
        // rules in code order
        assert!(md.find("### GT001").unwrap() < md.find("### GT002").unwrap());
    }

    #[test]
    fn no_findings() {
        let md = render(&ScanResult::default());
        assert!(md.contains("No findings."));
        assert!(!md.contains("## Checklist"));
    }
}
