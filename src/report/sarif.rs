//! SARIF 2.1.0 as GitHub code scanning accepts it.

use super::fingerprint;
use crate::finding::Finding;
use crate::rules::{Rule, Severity};
use crate::scan::{NoticeKind, ScanResult};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Percent-encode a relative path for a URI reference (keeps `/`).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn artifact_location(path: &str) -> Value {
    if Path::new(path).is_absolute() {
        json!({"uri": format!("file://{}", uri_path(path))})
    } else {
        json!({"uri": uri_path(path), "uriBaseId": "%SRCROOT%"})
    }
}

fn rule_json(rule: &Rule) -> Value {
    let markdown = format!(
        "{}\n\n## Example\n\n```{}\n{}```\n\nUse instead:\n\n```{}\n{}```\n",
        rule.rationale.trim(),
        rule.example.language,
        rule.example.before,
        rule.example.language,
        rule.example.after
    );
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.rationale.trim(), "markdown": markdown},
        "helpUri": rule.docs_url(),
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {"tags": rule.tags, "precision": "high"},
    })
}

fn region(start: crate::source::Position, end: crate::source::Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column.max(if end.line == start.line { start.column } else { 1 }),
    })
}

fn result_json(f: &Finding, rule_index: usize, line_hash: Option<&String>) -> Value {
    let mut r = json!({
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&f.path),
                "region": region(f.start, f.end),
            }
        }],
    });
    if let Some(hash) = line_hash {
        r["partialFingerprints"] = json!({"primaryLocationLineHash": hash});
    }
    if let Some(fix) = &f.fix {
        r["fixes"] = json!([{
            "description": {"text": fix.title},
            "artifactChanges": [{
                "artifactLocation": artifact_location(&f.path),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": region(e.start, e.end),
                    "insertedContent": {"text": e.content},
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    r
}

pub fn write(out: &mut dyn Write, result: &ScanResult, rules: &[&Rule]) -> io::Result<()> {
    let root = std::env::current_dir().unwrap_or_default();
    let mut root_uri = format!("file://{}", uri_path(&root.to_string_lossy()));
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    // line hashes are computed once per file
    let mut hashes: HashMap<&str, Vec<String>> = HashMap::new();
    // suppressed findings are carried with `suppressions`, as code scanning expects
    let results: Vec<Value> = result
        .findings
        .iter()
        .chain(&result.suppressed)
        .map(|f| {
            let index = rules.iter().position(|r| r.code == f.code).unwrap_or(0);
            let lines = hashes
                .entry(&f.path)
                .or_insert_with(|| fingerprint::line_hashes(&f.source));
            let mut r = result_json(
                f,
                index,
                f.start.line.checked_sub(1).and_then(|i| lines.get(i)),
            );
            if let Some(reason) = &f.suppressed {
                let mut s = json!({"kind": "inSource"});
                if !reason.is_empty() {
                    s["justification"] = json!(reason);
                }
                r["suppressions"] = json!([s]);
            }
            r
        })
        .collect();
    let notifications: Vec<Value> = result
        .notices
        .iter()
        .map(|n| {
            json!({
                "level": if n.kind == NoticeKind::InternalError { "error" } else { "warning" },
                "message": {"text": format!("{}: {}", n.path, n.message)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(&n.path)}}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gotolint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/gotolint/gotolint",
                "rules": rules.iter().map(|r| rule_json(r)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": !result.notices.iter().any(|n| n.kind == NoticeKind::InternalError),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
