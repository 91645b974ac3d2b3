//! SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! The log is written as a stream: each result is formatted from its
//! finding while it is written, so memory does not grow with the report.
//! Object keys are written in byte order at every level.

use super::fingerprint::LineHash;
use crate::finding::Severity;
use crate::finding::{Edit, Finding};
use crate::rules::Rule;
use crate::scan::{Notice, NoticeKind, ScanResult};
use crate::source::Position;
use serde::ser::SerializeSeq;
use serde::Serialize;
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

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(rename = "uriBaseId", skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

fn artifact_location(path: &str) -> ArtifactLocation {
    if Path::new(path).is_absolute() {
        ArtifactLocation {
            uri: format!("file://{}", uri_path(path)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: uri_path(path),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help<'a> {
    markdown: String,
    text: &'a str,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    precision: &'static str,
    tags: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    default_configuration: Level,
    full_description: Text<'a>,
    help: Help<'a>,
    help_uri: String,
    id: &'a str,
    name: &'a str,
    properties: RuleProperties<'a>,
    short_description: Text<'a>,
}

fn rule_descriptor(rule: &Rule) -> RuleDescriptor<'_> {
    let markdown = format!(
        "{}\n\n## Example\n\n```{}\n{}```\n\nUse instead:\n\n```{}\n{}```\n",
        rule.rationale.trim(),
        rule.example.language,
        rule.example.before,
        rule.example.language,
        rule.example.after
    );
    RuleDescriptor {
        default_configuration: Level {
            level: level(rule.severity),
        },
        full_description: Text {
            text: &rule.summary,
        },
        help: Help {
            markdown,
            text: rule.rationale.trim(),
        },
        help_uri: rule.docs_url(),
        id: &rule.code,
        name: &rule.name,
        properties: RuleProperties {
            precision: "high",
            tags: &rule.tags,
        },
        short_description: Text {
            text: &rule.summary,
        },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

fn region(start: Position, end: Position) -> Region {
    Region {
        end_column: end.column.max(if end.line == start.line {
            start.column
        } else {
            1
        }),
        end_line: end.line,
        start_column: start.column,
        start_line: start.line,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

/// A fix's edits, formatted one by one as they are written.
struct Replacements<'a>(&'a [Edit]);

impl Serialize for Replacements<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|e| Replacement {
            deleted_region: region(e.start, e.end),
            inserted_content: Text { text: &e.content },
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Replacements<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    primary_location_line_hash: LineHash,
}

#[derive(Serialize)]
struct Suppression<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [Location; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_fingerprints: Option<Fingerprints>,
    rule_id: &'a str,
    rule_index: usize,
    /// suppressed findings are carried with `suppressions`, as code scanning expects
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'a>; 1]>,
}

fn sarif_result<'a>(f: &'a Finding, rules: &[&Rule]) -> SarifResult<'a> {
    SarifResult {
        fixes: f.fix.as_ref().map(|fix| {
            [SarifFix {
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact_location(&f.path),
                    replacements: Replacements(&fix.edits),
                }],
                description: Text { text: &fix.title },
            }]
        }),
        level: level(f.severity),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&f.path),
                region: Some(region(f.start, f.end)),
            },
        }],
        message: Text { text: &f.message },
        partial_fingerprints: f.line_hash.map(|hash| Fingerprints {
            primary_location_line_hash: hash,
        }),
        rule_id: &f.code,
        rule_index: rules.iter().position(|r| r.code == f.code).unwrap_or(0),
        suppressions: f.suppressed.as_deref().map(|reason| {
            [Suppression {
                justification: (!reason.is_empty()).then_some(reason),
                kind: "inSource",
            }]
        }),
    }
}

/// The results: unsuppressed findings, then suppressed ones.
struct Results<'a> {
    result: &'a ScanResult,
    rules: &'a [&'a Rule],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let all = self.result.findings.iter().chain(&self.result.suppressed);
        let mut seq = serializer.serialize_seq(Some(
            self.result.findings.len() + self.result.suppressed.len(),
        ))?;
        for f in all {
            seq.serialize_element(&sarif_result(f, self.rules))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    locations: [Location; 1],
    message: Text<'a>,
}

struct Notifications<'a>(&'a [Notice]);

impl Serialize for Notifications<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(NotificationOf))
    }
}

/// One notice, formatted while it is written.
struct NotificationOf<'a>(&'a Notice);

impl Serialize for NotificationOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        Notification {
            level: if n.kind == NoticeKind::InternalError {
                "error"
            } else {
                "warning"
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact_location(&n.path),
                    region: None,
                },
            }],
            message: Text {
                text: &format!("{}: {}", n.path, n.message),
            },
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Notifications<'a>,
}

#[derive(Serialize)]
struct Uri {
    uri: String,
}

#[derive(Serialize)]
struct BaseIds {
    #[serde(rename = "%SRCROOT%")]
    src_root: Uri,
}

struct Rules<'a>(&'a [&'a Rule]);

impl Serialize for Rules<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|r| rule_descriptor(r)))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    information_uri: &'static str,
    name: &'static str,
    rules: Rules<'a>,
    semantic_version: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

/// A project of the run with its file counts, for `gotolint merge` (a
/// property bag: code scanning ignores it).
#[derive(Serialize)]
struct ProjectProperties<'a> {
    files_analysed: usize,
    files_scanned: usize,
    files_skipped: std::collections::BTreeMap<String, usize>,
    name: &'a str,
    root: &'a str,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    #[serde(rename = "gotolint.projects")]
    projects: Vec<ProjectProperties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    invocations: [Invocation<'a>; 1],
    original_uri_base_ids: BaseIds,
    properties: RunProperties<'a>,
    results: Results<'a>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

pub fn write(out: &mut dyn Write, result: &ScanResult, rules: &[&Rule]) -> io::Result<()> {
    let root = std::env::current_dir().unwrap_or_default();
    let mut root_uri = format!("file://{}", uri_path(&root.to_string_lossy()));
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let log = Log {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: !result
                    .notices
                    .iter()
                    .any(|n| n.kind == NoticeKind::InternalError),
                tool_execution_notifications: Notifications(&result.notices),
            }],
            original_uri_base_ids: BaseIds {
                src_root: Uri { uri: root_uri },
            },
            properties: RunProperties {
                projects: result
                    .projects
                    .iter()
                    .map(|p| ProjectProperties {
                        files_analysed: p.files_analysed,
                        files_scanned: p.files_scanned,
                        files_skipped: p.skipped.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
                        name: &p.name,
                        root: &p.root,
                    })
                    .collect(),
            },
            results: Results { result, rules },
            tool: Tool {
                driver: Driver {
                    information_uri: "https://github.com/gotolint/gotolint",
                    name: "gotolint",
                    rules: Rules(rules),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    log.serialize(&mut serializer).map_err(io::Error::from)?;
    writeln!(out)
}
