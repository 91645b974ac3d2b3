//! GitLab Code Quality report (a JSON array of issues).

use crate::finding::Finding;
use crate::rules::Severity;
use crate::scan::ScanResult;
use serde_json::{json, Value};
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
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let line = normalised_line(f);
            let key = (f.code.clone(), f.path.clone(), line);
            let occurrence = seen.entry(key.clone()).or_insert(0);
            let text = format!("{}\0{}\0{}\0{}", key.0, key.1, key.2, occurrence);
            *occurrence += 1;
            let low = fnv1a(text.as_bytes());
            let high = fnv1a(format!("gotolint\0{text}").as_bytes());
            format!("{high:016x}{low:016x}")
        })
        .collect()
}

pub fn issues(findings: &[Finding]) -> Vec<Value> {
    findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| {
            json!({
                "description": format!("{}: {}", f.code, f.message),
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": f.path,
                    "lines": {"begin": f.start.line},
                },
            })
        })
        .collect()
}

pub fn write(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &issues(&result.findings))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

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
            source: std::sync::Arc::from(""),
            secrets: Vec::new(),
            suppressed: None,
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
