//! JSON output, schema version 1 (documented in docs/json-output.md).

use super::totals;
use crate::finding::Finding;
use crate::scan::ScanResult;
use serde_json::{json, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// A finding's message and source line with secrets masked.
pub fn finding_json(f: &Finding) -> Value {
    let fix = f.fix.as_ref().map(|fix| {
        json!({
            "applicability": fix.applicability.as_str(),
            "title": fix.title,
            "edits": fix.edits.iter().map(|e| json!({
                "content": e.content,
                "location": {"line": e.start.line, "column": e.start.column},
                "end_location": {"line": e.end.line, "column": e.end.column},
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "code": f.code,
        "name": f.name,
        "severity": f.severity.as_str(),
        "path": f.path,
        "location": {"line": f.start.line, "column": f.start.column},
        "end_location": {"line": f.end.line, "column": f.end.column},
        "message": f.message,
        "source_line": f.line_text,
        "fix": fix,
    })
}

pub fn write(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    let t = totals(&result.findings);
    let doc = json!({
        "version": SCHEMA_VERSION,
        "tool": {"name": "gotolint", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files_scanned": result.files_scanned,
            "files_analysed": result.files_analysed,
            "files_skipped": result.skipped.iter().map(|(k, v)| (k.to_string(), *v)).collect::<std::collections::BTreeMap<_, _>>(),
            "findings": t.findings,
            "by_severity": t.by_severity,
            "by_rule": t.by_rule,
            "fixable": {"safe": t.fixable_safe, "unsafe": t.fixable_unsafe},
        },
        "findings": result.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "notices": result.notices,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
