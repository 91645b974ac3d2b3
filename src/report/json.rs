//! JSON output, schema version 1 (documented in docs/json-output.md).
//!
//! The document is written as a stream: each finding is formatted while it
//! is written. Object keys are written in byte order at every level.

use super::{totals, totals_by_project};
use crate::finding::{Edit, Finding, Fix};
use crate::scan::{Notice, NoticeKind, ScanResult, SkipReason};
use crate::source::Position;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Location {
    column: usize,
    line: usize,
}

impl From<Position> for Location {
    fn from(p: Position) -> Location {
        Location {
            column: p.column,
            line: p.line,
        }
    }
}

#[derive(Serialize)]
struct EditJson<'a> {
    content: &'a str,
    end_location: Location,
    location: Location,
}

struct Edits<'a>(&'a [Edit]);

impl Serialize for Edits<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|e| EditJson {
            content: &e.content,
            end_location: e.end.into(),
            location: e.start.into(),
        }))
    }
}

#[derive(Serialize)]
struct FixJson<'a> {
    applicability: &'static str,
    edits: Edits<'a>,
    title: &'a str,
}

impl<'a> From<&'a Fix> for FixJson<'a> {
    fn from(fix: &'a Fix) -> FixJson<'a> {
        FixJson {
            applicability: fix.applicability.as_str(),
            edits: Edits(&fix.edits),
            title: &fix.title,
        }
    }
}

/// One finding as the schema has it; the source line has its secrets masked.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    code: &'a str,
    end_location: Location,
    fix: Option<FixJson<'a>>,
    location: Location,
    message: &'a str,
    name: &'a str,
    path: &'a str,
    project: &'a str,
    severity: &'static str,
    source_line: &'a str,
}

impl<'a> From<&'a Finding> for FindingJson<'a> {
    fn from(f: &'a Finding) -> FindingJson<'a> {
        FindingJson {
            code: &f.code,
            end_location: f.end.into(),
            fix: f.fix.as_ref().map(FixJson::from),
            location: f.start.into(),
            message: &f.message,
            name: &f.name,
            path: &f.path,
            project: &f.project,
            severity: f.severity.as_str(),
            source_line: &f.line_text,
        }
    }
}

struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(FindingJson::from))
    }
}

#[derive(Serialize)]
struct NoticeJson<'a> {
    kind: NoticeKind,
    message: &'a str,
    path: &'a str,
}

struct Notices<'a>(&'a [Notice]);

impl Serialize for Notices<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|n| NoticeJson {
            kind: n.kind,
            message: &n.message,
            path: &n.path,
        }))
    }
}

#[derive(Serialize)]
struct Fixable {
    safe: usize,
    #[serde(rename = "unsafe")]
    unsafe_: usize,
}

#[derive(Serialize)]
struct Summary {
    by_rule: BTreeMap<String, usize>,
    by_severity: BTreeMap<&'static str, usize>,
    files_analysed: usize,
    /// analysed around parse errors (each also has a parse-error notice)
    files_parsed_with_errors: usize,
    files_scanned: usize,
    files_skipped: BTreeMap<String, usize>,
    findings: usize,
    fixable: Fixable,
}

/// A project's name, the folder its paths start with, and its own summary.
#[derive(Serialize)]
struct ProjectJson<'a> {
    by_rule: BTreeMap<String, usize>,
    by_severity: BTreeMap<&'static str, usize>,
    files_analysed: usize,
    files_scanned: usize,
    files_skipped: BTreeMap<String, usize>,
    findings: usize,
    fixable: Fixable,
    name: &'a str,
    root: &'a str,
}

fn skipped_by_reason(skipped: &BTreeMap<SkipReason, usize>) -> BTreeMap<String, usize> {
    skipped.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn projects(result: &ScanResult) -> Vec<ProjectJson<'_>> {
    let by_project = totals_by_project(&result.findings);
    result
        .projects
        .iter()
        .map(|p| {
            let t = by_project.get(p.name.as_str());
            ProjectJson {
                by_rule: t.map(|t| t.by_rule.clone()).unwrap_or_default(),
                by_severity: t.map(|t| t.by_severity.clone()).unwrap_or_default(),
                files_analysed: p.files_analysed,
                files_scanned: p.files_scanned,
                files_skipped: skipped_by_reason(&p.skipped),
                findings: t.map_or(0, |t| t.findings),
                fixable: Fixable {
                    safe: t.map_or(0, |t| t.fixable_safe),
                    unsafe_: t.map_or(0, |t| t.fixable_unsafe),
                },
                name: &p.name,
                root: &p.root,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Document<'a> {
    findings: Findings<'a>,
    notices: Notices<'a>,
    projects: Vec<ProjectJson<'a>>,
    summary: Summary,
    tool: Tool,
    version: u32,
}

pub fn write(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    let t = totals(&result.findings);
    let doc = Document {
        findings: Findings(&result.findings),
        notices: Notices(&result.notices),
        projects: projects(result),
        summary: Summary {
            by_rule: t.by_rule,
            by_severity: t.by_severity,
            files_analysed: result.files_analysed,
            files_parsed_with_errors: result.parsed_with_errors(),
            files_scanned: result.files_scanned,
            files_skipped: skipped_by_reason(&result.skipped),
            findings: t.findings,
            fixable: Fixable {
                safe: t.fixable_safe,
                unsafe_: t.fixable_unsafe,
            },
        },
        tool: Tool {
            name: "gotolint",
            version: env!("CARGO_PKG_VERSION"),
        },
        version: SCHEMA_VERSION,
    };
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    doc.serialize(&mut serializer).map_err(io::Error::from)?;
    writeln!(out)
}
