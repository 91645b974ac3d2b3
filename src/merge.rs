//! `gotolint merge`: the JSON or SARIF reports of separate runs (one per
//! repository, say) read back into one scan result, which any format then
//! writes.
//!
//! Paths are made unique across runs: a finding's path becomes
//! `<project>/<path in the project>`, the path from the project's folder
//! prefixed with the project's name. A scan of the folder that holds the
//! checkouts (each named as its folder) reports the same paths.

use crate::finding::{Edit, Finding, Fix, FixSafety, Severity};
use crate::report::json::SCHEMA_VERSION;
use crate::rules::Catalog;
use crate::scan::{Notice, NoticeKind, ProjectTotals, ScanResult, SkipReason};
use crate::source::Position;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Why a file cannot be merged (the CLI exits 2 with it).
#[derive(Debug)]
pub struct MergeError(pub String);

/// Reports larger than this are refused rather than read whole.
const MAX_REPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// Read every report and combine them.
pub fn merge(files: &[impl AsRef<Path>]) -> Result<ScanResult, MergeError> {
    let mut result = ScanResult::default();
    let mut runs = Vec::new();
    // project name → the report that brought it
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let file = file.as_ref();
        let shown = file.display().to_string();
        let run = read(file).map_err(|why| MergeError(format!("{shown}: {why}")))?;
        for p in &run.projects {
            if let Some(other) = seen.insert(p.name.clone(), shown.clone()) {
                return Err(MergeError(format!(
                    "{shown}: project `{}` is also in {other}; give each run its own --project-name",
                    p.name
                )));
            }
        }
        runs.push(run);
    }
    let prefix_all = runs_overlap(&runs);
    for run in runs {
        add(&mut result, run, prefix_all);
    }
    crate::scan::sort_findings(&mut result.findings);
    crate::scan::sort_findings(&mut result.suppressed);
    result
        .notices
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    result.projects.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(result)
}

/// One report, read back (paths as the report has them).
struct Run {
    projects: Vec<ProjectTotals>,
    rerooting: Rerooting,
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    /// each notice with its project
    notices: Vec<(Notice, Arc<str>)>,
}

fn add(result: &mut ScanResult, mut run: Run, prefix_all: bool) {
    for f in run.findings.iter_mut().chain(run.suppressed.iter_mut()) {
        f.path = run.rerooting.path(&f.path, &f.project, prefix_all);
    }
    for (n, project) in run.notices.iter_mut() {
        n.path = run.rerooting.path(&n.path, project, prefix_all);
    }
    for p in run.projects.iter_mut() {
        p.root = run.rerooting.merged_root(&p.name, prefix_all);
    }
    // counts from a file are not trusted not to overflow
    for p in &run.projects {
        result.files_scanned = result.files_scanned.saturating_add(p.files_scanned);
        result.files_analysed = result.files_analysed.saturating_add(p.files_analysed);
        for (reason, n) in &p.skipped {
            let total = result.skipped.entry(*reason).or_default();
            *total = total.saturating_add(*n);
        }
    }
    result.findings.extend(run.findings);
    result.suppressed.extend(run.suppressed);
    result
        .notices
        .extend(run.notices.into_iter().map(|(n, _)| n));
    result.projects.extend(run.projects);
}

fn read(file: &Path) -> Result<Run, String> {
    let bytes = std::fs::File::open(file)
        .and_then(|f| crate::source::read_bounded(f, MAX_REPORT_BYTES))
        .map_err(|e| format!("cannot read: {e}"))?
        .ok_or_else(|| format!("over the {MAX_REPORT_BYTES} byte limit"))?;
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("not a gotolint JSON or SARIF report (not JSON: {e})"))?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    if doc.get("runs").is_some() {
        read_sarif(doc, &stem)
    } else if doc.get("findings").is_some() && doc.get("tool").is_some() {
        read_json(doc, &stem)
    } else {
        Err("not a gotolint JSON or SARIF report".to_string())
    }
}

/// A project as a report lists it.
#[derive(Deserialize)]
struct ProjectIn {
    name: String,
    #[serde(default)]
    root: String,
    #[serde(default)]
    files_scanned: usize,
    #[serde(default)]
    files_analysed: usize,
    #[serde(default)]
    files_skipped: BTreeMap<String, usize>,
}

impl ProjectIn {
    fn totals(self) -> Result<ProjectTotals, String> {
        let mut skipped = BTreeMap::new();
        for (label, n) in self.files_skipped {
            let reason = SkipReason::from_label(&label)
                .ok_or_else(|| format!("unknown skip reason `{label}`"))?;
            if n > 0 {
                skipped.insert(reason, n);
            }
        }
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(format!("invalid project name {:?}", self.name));
        }
        Ok(ProjectTotals {
            name,
            root: self.root,
            files_scanned: self.files_scanned,
            files_analysed: self.files_analysed,
            skipped,
        })
    }
}

/// A run's projects by folder: which project a path belongs to, and where
/// the path goes in the merged report.
struct Rerooting {
    /// (root, name), longest root first; `""` for a run of `.`
    roots: Vec<(String, Arc<str>)>,
}

impl Rerooting {
    fn new(projects: &[ProjectTotals]) -> Rerooting {
        let mut roots: Vec<(String, Arc<str>)> = projects
            .iter()
            .map(|p| {
                let root = p.root.strip_prefix("./").unwrap_or(&p.root);
                let root = root.trim_end_matches('/');
                let root = if root == "." { "" } else { root };
                (root.to_string(), Arc::from(p.name.as_str()))
            })
            .collect();
        roots.sort_by_key(|(root, _)| std::cmp::Reverse(root.len()));
        Rerooting { roots }
    }

    /// The project a path belongs to: the one named, else the one whose
    /// folder holds it (the closest).
    fn assign(&self, path: &str, named: Option<&str>) -> Arc<str> {
        if let Some((_, name)) = named.and_then(|n| self.roots.iter().find(|r| &*r.1 == n)) {
            return name.clone();
        }
        let path = path.strip_prefix("./").unwrap_or(path);
        self.roots
            .iter()
            .find(|(root, _)| root.is_empty() || under(path, root).is_some())
            .or(self.roots.last())
            .map_or_else(|| Arc::from(""), |r| r.1.clone())
    }

    /// The folder a project's paths start with in the merged report.
    fn merged_root(&self, name: &str, prefix_all: bool) -> String {
        match self.roots.iter().find(|r| &*r.1 == name) {
            Some((root, _)) if !prefix_all && !root.is_empty() => root.clone(),
            _ => name.to_string(),
        }
    }

    /// A path as the merged report shows it: as reported when the run
    /// scanned a named folder (its paths start with that folder); under the
    /// project's name, from the project's folder, when the run scanned `.`
    /// or when the runs' folders overlap.
    fn path(&self, path: &str, project: &str, prefix_all: bool) -> String {
        let path = path.strip_prefix("./").unwrap_or(path);
        let Some((root, name)) = self.roots.iter().find(|r| &*r.1 == project) else {
            return path.to_string();
        };
        if !prefix_all && !root.is_empty() {
            return path.to_string();
        }
        let rest = if root.is_empty() {
            path
        } else {
            under(path, root).unwrap_or(path)
        };
        format!("{name}/{rest}")
    }
}

/// `path` relative to the folder `root`, when it is inside it.
fn under<'a>(path: &'a str, root: &str) -> Option<&'a str> {
    path.strip_prefix(root)?.strip_prefix('/')
}

/// Two folders of which one holds the other (or they are the same).
fn overlap(a: &str, b: &str) -> bool {
    a == b || under(a, b).is_some() || under(b, a).is_some()
}

/// Whether the folders of two runs overlap, so that keeping their paths
/// could make two files one.
fn runs_overlap(runs: &[Run]) -> bool {
    let folders: Vec<Vec<String>> = runs
        .iter()
        .map(|run| {
            run.projects
                .iter()
                .map(|p| run.rerooting.merged_root(&p.name, false))
                .collect()
        })
        .collect();
    folders.iter().enumerate().any(|(i, mine)| {
        folders[i + 1..]
            .iter()
            .any(|theirs| mine.iter().any(|a| theirs.iter().any(|b| overlap(a, b))))
    })
}

#[derive(Deserialize)]
struct JsonReport {
    findings: Vec<FindingIn>,
    #[serde(default)]
    notices: Vec<NoticeIn>,
    #[serde(default)]
    projects: Vec<ProjectIn>,
    summary: SummaryIn,
}

#[derive(Deserialize)]
struct SummaryIn {
    #[serde(default)]
    files_scanned: usize,
    #[serde(default)]
    files_analysed: usize,
    #[serde(default)]
    files_skipped: BTreeMap<String, usize>,
}

#[derive(Deserialize, Clone, Copy)]
struct LocationIn {
    line: usize,
    column: usize,
}

impl From<LocationIn> for Position {
    fn from(l: LocationIn) -> Position {
        Position {
            line: l.line,
            column: l.column,
        }
    }
}

#[derive(Deserialize)]
struct EditIn {
    content: String,
    location: LocationIn,
    end_location: LocationIn,
}

#[derive(Deserialize)]
struct FixIn {
    applicability: FixSafety,
    title: String,
    edits: Vec<EditIn>,
}

#[derive(Deserialize)]
struct FindingIn {
    code: String,
    #[serde(default)]
    name: String,
    severity: Severity,
    path: String,
    location: LocationIn,
    end_location: LocationIn,
    message: String,
    #[serde(default)]
    source_line: String,
    fix: Option<FixIn>,
    project: Option<String>,
}

#[derive(Deserialize)]
struct NoticeIn {
    path: String,
    kind: NoticeKindIn,
    message: String,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum NoticeKindIn {
    Skipped,
    ParseError,
    InternalError,
    MissingReason,
}

fn check_tool(name: Option<&str>) -> Result<(), String> {
    match name {
        Some("gotolint") => Ok(()),
        Some(other) => Err(format!(
            "a report of another tool (`{other}`); only gotolint's JSON and SARIF can be merged"
        )),
        None => Err("not a gotolint JSON or SARIF report (no tool name)".to_string()),
    }
}

fn read_json(doc: Value, stem: &str) -> Result<Run, String> {
    check_tool(doc.pointer("/tool/name").and_then(Value::as_str))?;
    match doc.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "JSON schema version {v}; this gotolint reads version {SCHEMA_VERSION}"
            ))
        }
        None => return Err("no JSON schema version".to_string()),
    }
    let report: JsonReport = serde_json::from_value(doc)
        .map_err(|e| format!("not a valid gotolint JSON report: {e}"))?;
    let projects: Vec<ProjectTotals> = if report.projects.is_empty() {
        // a report from before projects were recorded: one project, named
        // after the file
        vec![ProjectIn {
            name: stem.to_string(),
            root: String::new(),
            files_scanned: report.summary.files_scanned,
            files_analysed: report.summary.files_analysed,
            files_skipped: report.summary.files_skipped,
        }
        .totals()?]
    } else {
        report
            .projects
            .into_iter()
            .map(ProjectIn::totals)
            .collect::<Result<_, _>>()?
    };
    let names: BTreeSet<&str> = projects.iter().map(|p| p.name.as_str()).collect();
    if names.len() != projects.len() {
        return Err("two projects of one report share a name".to_string());
    }
    let rerooting = Rerooting::new(&projects);
    let catalog = Catalog::get();
    let mut findings = Vec::with_capacity(report.findings.len());
    for f in report.findings {
        let project = rerooting.assign(&f.path, f.project.as_deref());
        let name = match catalog.rule(&f.code) {
            Some(rule) if f.name.is_empty() => rule.name.clone(),
            _ => f.name,
        };
        findings.push(Finding {
            code: f.code,
            name,
            severity: f.severity,
            path: f.path,
            file: None,
            start: f.location.into(),
            end: f.end_location.into(),
            message: f.message,
            fix: f.fix.map(|fix| Fix {
                applicability: fix.applicability,
                title: fix.title,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| Edit {
                        span: 0..0,
                        content: e.content,
                        start: e.location.into(),
                        end: e.end_location.into(),
                    })
                    .collect(),
            }),
            span: 0..0,
            line_text: f.source_line,
            source: None,
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project,
        });
    }
    let notices = report
        .notices
        .into_iter()
        .map(|n| {
            let project = rerooting.assign(&n.path, None);
            let notice = Notice {
                path: n.path,
                kind: match n.kind {
                    NoticeKindIn::Skipped => NoticeKind::Skipped,
                    NoticeKindIn::ParseError => NoticeKind::ParseError,
                    // --strict's missing reasons are about that run's options
                    NoticeKindIn::InternalError | NoticeKindIn::MissingReason => {
                        NoticeKind::InternalError
                    }
                },
                message: n.message,
            };
            (notice, project)
        })
        .collect();
    Ok(Run {
        projects,
        rerooting,
        findings,
        suppressed: Vec::new(),
        notices,
    })
}

fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = uri
            .get(i + 1..i + 3)
            .filter(|h| bytes[i] == b'%' && h.bytes().all(|b| b.is_ascii_hexdigit()));
        if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn position(region: &Value, line: &str, column: &str) -> Option<Position> {
    Some(Position {
        line: usize::try_from(region.get(line)?.as_u64()?).ok()?,
        column: usize::try_from(region.get(column).and_then(Value::as_u64).unwrap_or(1)).ok()?,
    })
}

fn uri_of(location: &Value) -> Option<String> {
    let uri = location
        .pointer("/physicalLocation/artifactLocation/uri")?
        .as_str()?;
    let uri = uri.strip_prefix("file://").unwrap_or(uri);
    Some(percent_decode(uri))
}

fn read_sarif(doc: Value, stem: &str) -> Result<Run, String> {
    let runs = doc
        .get("runs")
        .and_then(Value::as_array)
        .ok_or("a SARIF log without runs")?;
    if doc.get("version").and_then(Value::as_str) != Some("2.1.0") {
        return Err("SARIF other than version 2.1.0".to_string());
    }
    let [run] = runs.as_slice() else {
        return Err(format!(
            "a SARIF log with {} runs; gotolint writes one",
            runs.len()
        ));
    };
    check_tool(run.pointer("/tool/driver/name").and_then(Value::as_str))?;
    let projects: Vec<ProjectTotals> = match run.pointer("/properties/gotolint.projects") {
        Some(list) => serde_json::from_value::<Vec<ProjectIn>>(list.clone())
            .map_err(|e| format!("invalid project list: {e}"))?
            .into_iter()
            .map(ProjectIn::totals)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let projects = if projects.is_empty() {
        vec![ProjectIn {
            name: stem.to_string(),
            root: String::new(),
            files_scanned: 0,
            files_analysed: 0,
            files_skipped: BTreeMap::new(),
        }
        .totals()?]
    } else {
        projects
    };
    let rerooting = Rerooting::new(&projects);
    let catalog = Catalog::get();
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let results = run
        .get("results")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for r in results {
        let bad = || "a SARIF result without a rule, a message or a location".to_string();
        let code = r.get("ruleId").and_then(Value::as_str).ok_or_else(bad)?;
        let message = r
            .pointer("/message/text")
            .and_then(Value::as_str)
            .ok_or_else(bad)?;
        let location = r.pointer("/locations/0").ok_or_else(bad)?;
        let uri = uri_of(location).ok_or_else(bad)?;
        let region = location
            .pointer("/physicalLocation/region")
            .ok_or_else(bad)?;
        let start = position(region, "startLine", "startColumn").ok_or_else(bad)?;
        let end = position(region, "endLine", "endColumn").unwrap_or(start);
        let severity = match r.get("level").and_then(Value::as_str) {
            Some("warning") => Severity::Warning,
            Some("note") => Severity::Note,
            _ => Severity::Error,
        };
        let rule = catalog.rule(code);
        let fix = r.pointer("/fixes/0").map(|fix| Fix {
            applicability: rule.map_or(FixSafety::Unsafe, |r| r.fix),
            title: fix
                .pointer("/description/text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            edits: fix
                .pointer("/artifactChanges/0/replacements")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|rep| {
                    let region = rep.get("deletedRegion")?;
                    let start = position(region, "startLine", "startColumn")?;
                    Some(Edit {
                        span: 0..0,
                        content: rep
                            .pointer("/insertedContent/text")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        start,
                        end: position(region, "endLine", "endColumn").unwrap_or(start),
                    })
                })
                .collect(),
        });
        let project = rerooting.assign(&uri, None);
        let finding = Finding {
            code: code.to_string(),
            name: rule.map(|r| r.name.clone()).unwrap_or_default(),
            severity,
            path: uri,
            file: None,
            start,
            end,
            message: message.to_string(),
            fix,
            span: 0..0,
            line_text: String::new(),
            source: None,
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project,
        };
        match r.pointer("/suppressions/0") {
            Some(s) => suppressed.push(Finding {
                suppressed: Some(
                    s.get("justification")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                ),
                ..finding
            }),
            None => findings.push(finding),
        }
    }
    let notices = run
        .pointer("/invocations/0/toolExecutionNotifications")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| {
            let uri = uri_of(n.pointer("/locations/0")?)?;
            let text = n.pointer("/message/text")?.as_str()?;
            // the message repeats the path: `path: message`
            let message = text
                .strip_prefix(&format!("{uri}: "))
                .unwrap_or(text)
                .to_string();
            let kind = if n.get("level").and_then(Value::as_str) == Some("error") {
                NoticeKind::InternalError
            } else if message.contains("parse") {
                NoticeKind::ParseError
            } else {
                NoticeKind::Skipped
            };
            let project = rerooting.assign(&uri, None);
            Some((
                Notice {
                    path: uri,
                    kind,
                    message,
                },
                project,
            ))
        })
        .collect();
    Ok(Run {
        projects,
        rerooting,
        findings,
        suppressed,
        notices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str, root: &str) -> ProjectTotals {
        ProjectTotals {
            name: name.to_string(),
            root: root.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn paths_of_a_run_of_dot_go_under_the_project_name() {
        let r = Rerooting::new(&[project("billing", "."), project("vendor/sdk", "vendor/sdk")]);
        let sdk = r.assign("vendor/sdk/x.py", None);
        assert_eq!(&*sdk, "vendor/sdk");
        assert_eq!(&*r.assign("./src/a.js", None), "billing");
        assert_eq!(r.path("./src/a.js", "billing", false), "billing/src/a.js");
        // a nested checkout keeps its path (it starts with its folder)
        assert_eq!(r.path("vendor/sdk/x.py", &sdk, false), "vendor/sdk/x.py");
        assert_eq!(r.path("vendor/sdk/x.py", &sdk, true), "vendor/sdk/x.py");
    }

    #[test]
    fn paths_of_a_run_of_a_folder_are_kept_unless_runs_overlap() {
        let r = Rerooting::new(&[project("api", "checkouts/api")]);
        assert_eq!(&*r.assign("checkouts/api/a.js", None), "api");
        assert_eq!(
            r.path("checkouts/api/a.js", "api", false),
            "checkouts/api/a.js"
        );
        assert_eq!(r.path("checkouts/api/a.js", "api", true), "api/a.js");
        assert_eq!(r.merged_root("api", false), "checkouts/api");
        assert_eq!(r.merged_root("api", true), "api");
        // a root is a folder, not a prefix of a name
        assert!(under("checkouts/api-old/a.js", "checkouts/api").is_none());
        assert!(overlap("src", "src") && overlap("a", "a/b") && !overlap("a", "ab"));
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("a%20b/%C3%A9.js"), "a b/é.js");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
