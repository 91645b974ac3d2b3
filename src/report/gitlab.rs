//! GitLab Code Quality report (a JSON array of issues).

use crate::finding::Finding;
use crate::finding::Severity;
use crate::scan::ScanResult;
use serde::ser::SerializeSeq;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The source line without any whitespace, so re-indenting or reflowing a
/// line keeps its fingerprint. Secrets in it are already masked.
fn normalised_line(f: &Finding) -> String {
    f.line_text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Fingerprints that survive unrelated edits: they hash the rule, the path
/// and the finding's line (not its number), plus an occurrence counter for
/// identical lines in the same file. 128 bits as 32 hex digits.
///
/// Calls `emit` with each finding and its fingerprint, in order. The
/// findings of a file must be one run (the scan sorts them by path), so the
/// occurrence counters are kept for one file at a time.
fn each_fingerprint<E>(
    findings: &[Finding],
    mut emit: impl FnMut(&Finding, String) -> Result<(), E>,
) -> Result<(), E> {
    for file in findings.chunk_by(|a, b| a.path == b.path) {
        let mut seen: HashMap<(&str, String), usize> = HashMap::new();
        for f in file {
            let line = normalised_line(f);
            let head = format!("{}\0{}\0{line}\0", f.code, f.path);
            let occurrence = seen.entry((f.code.as_str(), line)).or_insert(0);
            let text = format!("{head}{occurrence}");
            *occurrence += 1;
            let low = fnv1a(text.as_bytes());
            let high = fnv1a(format!("gotolint\0{text}").as_bytes());
            emit(f, format!("{high:016x}{low:016x}"))?;
        }
    }
    Ok(())
}

pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut out = Vec::with_capacity(findings.len());
    let _ = each_fingerprint(findings, |_, fp| {
        out.push(fp);
        Ok::<(), ()>(())
    });
    out
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    lines: Lines,
    path: &'a str,
}

/// One Code Quality issue.
#[derive(Serialize)]
struct Issue<'a> {
    check_name: &'a str,
    description: String,
    fingerprint: String,
    location: IssueLocation<'a>,
    severity: &'static str,
}

fn issue(f: &Finding, fingerprint: String) -> Issue<'_> {
    Issue {
        check_name: &f.code,
        description: format!("{}: {}", f.code, f.message),
        fingerprint,
        location: IssueLocation {
            lines: Lines {
                begin: f.start.line,
            },
            path: &f.path,
        },
        severity: severity(f.severity),
    }
}

/// The issues, formatted one by one as they are written.
struct Issues<'a>(&'a [Finding]);

impl Serialize for Issues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        each_fingerprint(self.0, |f, fp| seq.serialize_element(&issue(f, fp)))?;
        seq.end()
    }
}

pub fn write(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    Issues(&result.findings)
        .serialize(&mut serializer)
        .map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    fn issues(findings: &[Finding]) -> serde_json::Value {
        let result = ScanResult {
            findings: findings.to_vec(),
            ..Default::default()
        };
        let mut buf = Vec::new();
        write(&mut buf, &result).unwrap();
        serde_json::from_slice(&buf).unwrap()
    }

    fn finding(code: &str, path: &str, line: usize, text: &str, severity: Severity) -> Finding {
        Finding {
            code: code.to_string(),
            name: "rule".to_string(),
            severity,
            path: path.to_string(),
            start: Position { line, column: 1 },
            end: Position { line, column: 5 },
            message: "message".to_string(),
            fix: None,
            span: 0..0,
            line_text: text.to_string(),
            source: None,
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project: std::sync::Arc::from("p"),
            file: None,
        }
    }

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn issue_fields() {
        let f = finding("GT002", "a.env", 4, "URL=x", Severity::Error);
        let v = issues(&[f]);
        assert_eq!(v[0]["description"], "GT002: message");
        assert_eq!(v[0]["check_name"], "GT002");
        assert_eq!(v[0]["severity"], "major");
        assert_eq!(v[0]["location"]["path"], "a.env");
        assert_eq!(v[0]["location"]["lines"]["begin"], 4);
        assert_eq!(v[0]["fingerprint"].as_str().unwrap().len(), 32);
        let w = issues(&[finding("GT1", "a", 1, "", Severity::Warning)]);
        assert_eq!(w[0]["severity"], "minor");
        let n = issues(&[finding("GT1", "a", 1, "", Severity::Note)]);
        assert_eq!(n[0]["severity"], "info");
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = finding("GT002", "a.env", 4, "URL = x", Severity::Error);
        let moved = finding("GT002", "a.env", 9, "  URL=x", Severity::Error);
        assert_eq!(
            fingerprints(std::slice::from_ref(&a)),
            fingerprints(&[moved])
        );
        let twice = fingerprints(&[a.clone(), a.clone()]);
        assert_ne!(twice[0], twice[1]);
        assert_eq!(twice[0], fingerprints(std::slice::from_ref(&a))[0]);
        let other_rule = finding("GT001", "a.env", 4, "URL = x", Severity::Error);
        let other_file = finding("GT002", "b.env", 4, "URL = x", Severity::Error);
        let all = fingerprints(&[a, other_rule, other_file]);
        assert_ne!(all[0], all[1]);
        assert_ne!(all[0], all[2]);
        assert_ne!(all[1], all[2]);
    }
}
