//! The straight road: discover → prefilter → front end → detectors →
//! findings. Files are read and analysed in parallel; results are sorted so
//! output never depends on thread timing.

use crate::config::Config;
use crate::finding::{Edit, Finding, Fix, RawFinding};
use crate::lang::{self, Language};
use crate::model::{FileModel, Span};
use crate::prefilter::Prefilter;
use crate::project::{self, ConstantTable};
use crate::rules::detectors::{self, Context, FileFacts};
use crate::rules::{FixSafety, Rule, Severity};
use crate::source::{read_bounded, SourceFile};
use crate::suppress;
use ignore::{WalkBuilder, WalkState};
use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why a file was not analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    Binary,
    TooLarge,
    Minified,
    NotUtf8,
    Unreadable,
    /// symbolic links are not followed
    Symlink,
    /// FIFOs, sockets, devices
    NotRegular,
}

impl SkipReason {
    pub const ALL: [SkipReason; 7] = [
        SkipReason::Binary,
        SkipReason::TooLarge,
        SkipReason::Minified,
        SkipReason::NotUtf8,
        SkipReason::Unreadable,
        SkipReason::Symlink,
        SkipReason::NotRegular,
    ];

    /// The reason a report names (`"too large"`), as its `Display` writes it.
    pub fn from_label(label: &str) -> Option<SkipReason> {
        SkipReason::ALL.into_iter().find(|r| r.to_string() == label)
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too large",
            SkipReason::Minified => "minified",
            SkipReason::NotUtf8 => "not UTF-8",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Symlink => "symlink",
            SkipReason::NotRegular => "not a regular file",
        })
    }
}

/// Something to tell the user about one file that is not a finding.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Notice {
    pub path: String,
    pub kind: NoticeKind,
    pub message: String,
}

/// How a parse notice says that the parser recovered: the file was analysed
/// around the errors (the summary counts these files as parsed with errors).
const RECOVERED: &str = "with errors; the code around them was analysed";

impl Notice {
    /// A file that parsed with errors and was analysed around them (not a
    /// file that fell back to the text rules). Read from the message, so a
    /// notice read back from a report counts the same.
    pub fn parsed_with_errors(&self) -> bool {
        self.kind == NoticeKind::ParseError && self.message.ends_with(RECOVERED)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    Skipped,
    /// the parser failed: only the text-level host rules ran
    ParseError,
    /// the analysis of this file panicked; the run went on
    InternalError,
}

/// One file that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub path: String,
    pub reason: SkipReason,
    /// the detail (an OS error, a size), or the reason again
    pub detail: String,
}

pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    /// (display name, content) when reading standard input; content longer
    /// than `max_file_size` is skipped as too large
    pub stdin: Option<(String, Vec<u8>)>,
    pub rules: Vec<&'static Rule>,
    pub respect_ignore_files: bool,
    pub threads: usize,
    pub max_file_size: u64,
    pub extra_auth_hosts: Vec<String>,
    /// `exclude` and `per-file-ignores`
    pub config: Arc<Config>,
    pub severity_overrides: BTreeMap<String, Severity>,
    /// codes (or prefixes) whose fixes are dropped
    pub unfixable: Vec<String>,
    /// apply `exclude` to files named on the command line too
    pub force_exclude: bool,
    /// report suppressions that give no reason
    pub strict: bool,
    /// show a progress spinner on stderr (the CLI sets it for terminals only)
    pub progress: bool,
    /// keep each file's text on its findings (snippets, fixes); without it
    /// a finding holds only what the machine-readable reports print
    pub keep_sources: bool,
    /// remove the temp files that killed `--fix` runs left in the folders
    /// walked (set by `--fix`)
    pub remove_stale_temp_files: bool,
    /// by shown path: constants of a file that other files refer to, from a
    /// scan, so that fixing the file alone keeps what the scan knew
    pub constants_used_elsewhere: BTreeMap<String, Vec<String>>,
    /// the name of the scanned project (`--project-name`)
    pub project_name: String,
    /// the name was given: the scanned folder is one project, never a
    /// folder of projects
    pub project_name_given: bool,
}

impl ScanOptions {
    /// Options with the defaults of the command line.
    pub fn new(paths: Vec<PathBuf>, rules: Vec<&'static Rule>) -> ScanOptions {
        let paths_for_name = paths.clone();
        ScanOptions {
            paths,
            stdin: None,
            rules,
            respect_ignore_files: true,
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            max_file_size: 2 * 1024 * 1024,
            extra_auth_hosts: Vec::new(),
            config: Arc::new(Config::default()),
            severity_overrides: BTreeMap::new(),
            unfixable: Vec::new(),
            force_exclude: false,
            strict: false,
            progress: false,
            keep_sources: true,
            remove_stale_temp_files: false,
            constants_used_elsewhere: BTreeMap::new(),
            project_name: default_project_name(&paths_for_name),
            project_name_given: false,
        }
    }
}

fn code_matches(code: &str, pattern: &str) -> bool {
    pattern.eq_ignore_ascii_case("ALL")
        || code
            .to_ascii_uppercase()
            .starts_with(&pattern.to_ascii_uppercase())
}

/// A project of a scan: the folder scanned (named by `--project-name`, or
/// the folder's name), and each git checkout found inside it (a folder
/// holding `.git`, named by its path from the scanned folder). Files belong
/// to the closest one; project-level rules and cross-file constants never
/// cross from one project into another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectTotals {
    pub name: String,
    /// the folder as shown in paths (`""` when paths are relative to it)
    pub root: String,
    pub files_scanned: usize,
    pub files_analysed: usize,
    pub skipped: BTreeMap<SkipReason, usize>,
}

#[derive(Debug, Default)]
pub struct ScanResult {
    /// the run's projects, sorted by name (at least one for a scan)
    pub projects: Vec<ProjectTotals>,
    pub findings: Vec<Finding>,
    /// findings covered by an inline suppression (SARIF carries them)
    pub suppressed: Vec<Finding>,
    /// files read and checked (analysed, or dropped by the prefilter);
    /// skipped files are not in it, so scanned + skipped = every file
    pub files_scanned: usize,
    /// files the front ends parsed
    pub files_analysed: usize,
    pub skipped: BTreeMap<SkipReason, usize>,
    /// every skipped file with its reason, sorted by path
    pub skipped_files: Vec<SkippedFile>,
    pub notices: Vec<Notice>,
    pub elapsed: Duration,
    /// files decoded from another encoding than UTF-8, by encoding
    pub decoded: BTreeMap<String, usize>,
    /// set when this run applied fixes: `Some(true)` with the unsafe ones
    /// (the summary then points to no flag already given)
    pub fixing: Option<bool>,
    /// by shown path: the GoTo constants a file defines that other files
    /// of the scan refer to (the fixer checks those files knowing it)
    pub constants_used_elsewhere: BTreeMap<String, Vec<String>>,
    /// `--unsafe-fixes` was given: the report shows unsafe fixes as
    /// fixable; without it they are counted as hidden
    pub show_unsafe_fixes: bool,
}

impl ScanResult {
    /// Files that parsed with errors and were analysed around them.
    pub fn parsed_with_errors(&self) -> usize {
        self.notices
            .iter()
            .filter(|n| n.parsed_with_errors())
            .count()
    }

    pub fn skipped_total(&self) -> usize {
        self.skipped.values().fold(0, |a, b| a.saturating_add(*b))
    }
}

/// What one file contributed.
#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    skipped: Option<SkipReason>,
    /// the skipped file, when no notice names it
    skipped_path: Option<String>,
    /// the file went through the `scanned` counter
    counted: bool,
    analysed: bool,
    notice: Option<Notice>,
    facts: Option<(usize, String, SourceFacts)>,
    /// where to read the file again (not for standard input)
    path: Option<PathBuf>,
    root_index: usize,
    /// GoTo-valued constants the file defines
    constants: Vec<(String, String)>,
    /// names the file uses but could not resolve
    hole_names: Vec<String>,
    /// typed models the file declares with renamed members, and the ones it
    /// reads responses into without declaring them
    wire_names: Vec<crate::model::WireName>,
    types_used: Vec<String>,
    /// functions the file defines whose return value is a GoTo token
    /// response (name, line of the request, grant known not to be a
    /// refresh), and the names of the calls it makes
    token_functions: Vec<(String, usize, bool)>,
    call_names: Vec<String>,
    /// the encoding the file was decoded from, when not UTF-8
    decoded: Option<&'static str>,
    /// index into the scan's projects
    project: usize,
}

/// Facts for project-level rules, with what is needed to report there.
struct SourceFacts {
    facts: FileFacts,
    source: Arc<str>,
    file: Option<Arc<Path>>,
    secrets: Vec<Span>,
}

/// Bytes of source text under analysis at once, shared by the workers:
/// parsing and lowering take many times a file's size, so large files wait
/// for each other instead of all being parsed at once.
struct Budget {
    limit: usize,
    used: Mutex<usize>,
    freed: std::sync::Condvar,
}

struct Permit<'a> {
    budget: &'a Budget,
    bytes: usize,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            limit: usize::try_from(limit).unwrap_or(usize::MAX).max(1),
            used: Mutex::new(0),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Wait until `bytes` fit (a file larger than the whole budget runs alone).
    fn acquire(&self, bytes: usize) -> Permit<'_> {
        let bytes = bytes.min(self.limit);
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + bytes > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Permit {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// The name a scan's project gets without `--project-name`: the name of the
/// folder scanned (for a file, of its folder; for none, of the current one).
pub fn default_project_name(paths: &[PathBuf]) -> String {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let folder = if first.is_dir() {
        first
    } else {
        match first.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    std::fs::canonicalize(&folder)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "project".to_string())
}

/// Whether a scanned folder is a folder of projects (checkouts copied or
/// unpacked without their `.git`): outside any git checkout, holding no
/// file of its own (hidden ones aside) and at least two folders. A project
/// has a README, a manifest or sources at its top; a folder that only holds
/// folders is where checkouts are kept.
fn is_folder_of_projects(dir: &Path) -> bool {
    let Ok(full) = std::fs::canonicalize(dir) else {
        return false;
    };
    if full
        .ancestors()
        .any(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())
    {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(&full) else {
        return false;
    };
    let mut folders = 0;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => folders += 1,
            _ => return false,
        }
    }
    folders >= 2
}

/// The projects found while walking: the run's own (index 0), each folder
/// below a scanned folder that holds `.git` (a checkout, a worktree or a
/// submodule), and each folder directly in a folder of projects.
struct Projects {
    /// the scanned folders, by root index (`None` for a named file), and
    /// whether each is a folder of projects
    roots: Vec<Option<(PathBuf, bool)>>,
    state: Mutex<ProjectState>,
}

#[derive(Default)]
struct ProjectState {
    /// (name, root as shown)
    list: Vec<(String, String)>,
    /// the project of each folder looked at
    folders: std::collections::HashMap<PathBuf, usize>,
    /// files counted as scanned, by project
    scanned: BTreeMap<usize, isize>,
}

impl Projects {
    fn new(options: &ScanOptions) -> Projects {
        let roots: Vec<Option<(PathBuf, bool)>> = options
            .paths
            .iter()
            .map(|p| {
                p.is_dir().then(|| {
                    let of_projects = !options.project_name_given && is_folder_of_projects(p);
                    (p.clone(), of_projects)
                })
            })
            .collect();
        // paths are shown relative to the one folder scanned; for several
        // paths or files, as given
        let root = match (options.paths.as_slice(), roots.first()) {
            ([_], Some(Some((dir, _)))) if options.stdin.is_none() => {
                let shown = display_path(dir);
                if shown == "." {
                    String::new()
                } else {
                    shown
                }
            }
            _ => String::new(),
        };
        Projects {
            roots,
            state: Mutex::new(ProjectState {
                list: vec![(options.project_name.clone(), root)],
                ..Default::default()
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ProjectState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The project of a file found under the scanned folder `root_index`.
    fn of(&self, root_index: usize, path: &Path) -> usize {
        let Some(Some((root, of_projects))) = self.roots.get(root_index) else {
            return 0;
        };
        let mut state = self.lock();
        let mut walked = Vec::new();
        let mut found = 0;
        for dir in path.ancestors().skip(1) {
            if dir == root.as_path() || dir.as_os_str().is_empty() || !dir.starts_with(root) {
                break;
            }
            if let Some(&known) = state.folders.get(dir) {
                found = known;
                break;
            }
            walked.push(dir.to_path_buf());
            let top = *of_projects && dir.parent() == Some(root.as_path());
            if top || std::fs::symlink_metadata(dir.join(".git")).is_ok() {
                let name = dir
                    .strip_prefix(root)
                    .map(display_path)
                    .unwrap_or_else(|_| display_path(dir));
                state.list.push((name, display_path(dir)));
                found = state.list.len() - 1;
                break;
            }
        }
        for dir in walked {
            state.folders.insert(dir, found);
        }
        found
    }

    fn count_scanned(&self, project: usize, delta: isize) {
        *self.lock().scanned.entry(project).or_default() += delta;
    }
}

struct Shared<'a> {
    options: &'a ScanOptions,
    projects: Projects,
    /// source bytes in analysis at once
    budget: Budget,
    progress: Option<indicatif::ProgressBar>,
    prefilter: Prefilter,
    outcomes: Mutex<Vec<FileOutcome>>,
    scanned: std::sync::atomic::AtomicUsize,
}

pub fn scan(options: &ScanOptions) -> ScanResult {
    let started = Instant::now();
    let triggers = prefilter_triggers(options);
    let progress = options.progress.then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar.set_message("scanning…");
        bar
    });
    let shared = Shared {
        options,
        projects: Projects::new(options),
        budget: Budget::new(options.max_file_size),
        progress,
        prefilter: Prefilter::new(&triggers),
        outcomes: Mutex::new(Vec::new()),
        scanned: Default::default(),
    };

    if let Some((name, content)) = &options.stdin {
        let max = options.max_file_size;
        let outcome = if content.len() as u64 > max {
            shared
                .scanned
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            shared.projects.count_scanned(0, 1);
            skip(
                Path::new(name),
                SkipReason::TooLarge,
                format!("standard input is over the {max} byte limit"),
            )
        } else {
            analyse_bytes(&shared, 0, name, Path::new(name), None, content, None)
        };
        shared.push(outcome);
    }
    let mut explicit_files = Vec::new();
    for (root_index, path) in options.paths.iter().enumerate() {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(&shared, root_index, path),
            Ok(_) => {
                // `--force-exclude`: the config's `exclude` applies to named files too
                if !(options.force_exclude && options.config.is_excluded(path)) {
                    explicit_files.push((root_index, path.clone()));
                }
            }
            Err(e) => shared.push(FileOutcome {
                skipped: Some(SkipReason::Unreadable),
                notice: Some(Notice {
                    path: display_path(path),
                    kind: NoticeKind::Skipped,
                    message: format!("cannot read: {e}"),
                }),
                ..Default::default()
            }),
        }
    }
    if !explicit_files.is_empty() {
        use rayon::prelude::*;
        let outcomes: Vec<FileOutcome> = explicit_files
            .par_iter()
            .map(|(root, path)| check_file(&shared, *root, path))
            .collect();
        for o in outcomes {
            shared.push(o);
        }
    }

    if let Some(bar) = &shared.progress {
        bar.finish_and_clear();
    }
    let mut scanned = shared.scanned.load(std::sync::atomic::Ordering::Relaxed);
    let project_state = std::mem::take(&mut *shared.projects.lock());
    let mut projects: Vec<ProjectTotals> = project_state
        .list
        .into_iter()
        .map(|(name, root)| ProjectTotals {
            name,
            root,
            ..Default::default()
        })
        .collect();
    for (project, n) in project_state.scanned {
        if let Some(p) = projects.get_mut(project) {
            p.files_scanned = usize::try_from(n).unwrap_or(0);
        }
    }
    let mut outcomes = shared
        .outcomes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let used_elsewhere =
        resolve_across_files(&shared_for_reanalysis(options, &triggers), &mut outcomes);
    let mut result = ScanResult {
        constants_used_elsewhere: used_elsewhere,
        ..Default::default()
    };
    // sized once: a growing vector of findings would hold up to twice their size
    let (suppressed, total) = outcomes.iter().fold((0, 0), |(s, t), o| {
        let n = o.findings.iter().filter(|f| f.suppressed.is_some()).count();
        (s + n, t + o.findings.len())
    });
    // GT013 adds at most one finding per scan root
    result.findings = Vec::with_capacity(total - suppressed + options.paths.len() + 1);
    result.suppressed = Vec::with_capacity(suppressed);
    let mut facts = Vec::new();
    let names: Vec<Arc<str>> = projects
        .iter()
        .map(|p| Arc::from(p.name.as_str()))
        .collect();
    for o in outcomes {
        let mut project = projects.get_mut(o.project);
        for mut f in o.findings {
            f.project = names
                .get(o.project)
                .cloned()
                .unwrap_or_else(|| names[0].clone());
            if f.suppressed.is_some() {
                result.suppressed.push(f);
            } else {
                result.findings.push(f);
            }
        }
        if let Some(reason) = o.skipped {
            *result.skipped.entry(reason).or_default() += 1;
            // a skipped file is counted as skipped only, never as scanned too
            if o.counted {
                scanned = scanned.saturating_sub(1);
                if let Some(p) = &mut project {
                    p.files_scanned = p.files_scanned.saturating_sub(1);
                }
            }
            if let Some(p) = &mut project {
                *p.skipped.entry(reason).or_default() += 1;
            }
            let (path, detail) = match &o.notice {
                Some(n) => (n.path.clone(), n.message.clone()),
                None => (
                    o.skipped_path.clone().unwrap_or_default(),
                    reason.to_string(),
                ),
            };
            result.skipped_files.push(SkippedFile {
                path,
                reason,
                detail,
            });
        }
        if o.analysed {
            result.files_analysed += 1;
            if let Some(p) = &mut project {
                p.files_analysed += 1;
            }
        }
        if let Some(encoding) = o.decoded {
            *result.decoded.entry(encoding.to_string()).or_default() += 1;
        }
        if let Some(n) = o.notice {
            result.notices.push(n);
        }
        if let Some((root, shown, f)) = o.facts {
            facts.push(((root, o.project), shown, f));
        }
    }
    result.files_scanned = scanned;
    result.skipped_files.sort_by(|a, b| a.path.cmp(&b.path));
    project_rules(options, &mut facts, &names, &mut result.findings);
    // a project with no file and no finding (the folder that only holds
    // the checkouts) is left out, unless it is the only one
    let with_findings: std::collections::BTreeSet<&str> =
        result.findings.iter().map(|f| &*f.project).collect();
    let (mut kept, empty): (Vec<ProjectTotals>, Vec<ProjectTotals>) =
        projects.into_iter().partition(|p| {
            p.files_scanned > 0 || !p.skipped.is_empty() || with_findings.contains(p.name.as_str())
        });
    if kept.is_empty() {
        kept.extend(empty.into_iter().take(1));
    }
    kept.sort_by(|a, b| a.name.cmp(&b.name));
    result.projects = kept;
    sort_findings(&mut result.findings);
    sort_findings(&mut result.suppressed);
    result.notices.sort_by(|a, b| a.path.cmp(&b.path));
    result.elapsed = started.elapsed();
    result
}

/// Sort by path, line, column and code, keeping the order of equal keys
/// (that of the file's detectors). The order is found on indices and then
/// applied by swaps, so sorting needs a few bytes per finding, not a
/// second copy of half the findings.
pub fn sort_findings(findings: &mut [Finding]) {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| findings[a].sort_key().cmp(&findings[b].sort_key()));
    // position i takes the finding at order[i]; walk each cycle once
    for start in 0..order.len() {
        let mut current = start;
        loop {
            let next = std::mem::replace(&mut order[current], current);
            if next == start || next == current {
                break;
            }
            findings.swap(current, next);
            current = next;
        }
    }
}

fn shared_for_reanalysis<'a>(options: &'a ScanOptions, triggers: &[String]) -> Shared<'a> {
    Shared {
        options,
        projects: Projects::new(options),
        budget: Budget::new(options.max_file_size),
        progress: None,
        prefilter: Prefilter::new(triggers),
        outcomes: Mutex::new(Vec::new()),
        scanned: Default::default(),
    }
}

/// Build the project's constant table from what the analysed files define,
/// then analyse again the files whose unresolved names it resolves and the
/// files whose constants other files of their project use. Returns the
/// latter, with those names, by shown path.
fn resolve_across_files(
    shared: &Shared,
    outcomes: &mut Vec<FileOutcome>,
) -> BTreeMap<String, Vec<String>> {
    // one table per project: a constant never crosses into another checkout
    let mut tables: BTreeMap<usize, ConstantTable> = BTreeMap::new();
    for o in outcomes.iter() {
        let Some(path) = &o.path else { continue };
        let shown = display_path(path);
        for (name, value) in &o.constants {
            tables
                .entry(o.project)
                .or_default()
                .add(&shown, name.clone(), value.clone());
        }
        for w in &o.wire_names {
            tables.entry(o.project).or_default().add_wire_name(w);
        }
        for (name, line, not_refresh) in &o.token_functions {
            tables.entry(o.project).or_default().add_token_function(
                &shown,
                name,
                *line,
                *not_refresh,
            );
        }
    }
    if tables.values().all(ConstantTable::is_empty) {
        return BTreeMap::new();
    }
    // files beside a definition that use it without GoTo text of their own:
    // they refer to its constants like any other file
    let neighbours = find_neighbours(shared, outcomes);
    for n in &neighbours {
        let table = tables.entry(n.project).or_default();
        for (name, definer) in &n.uses {
            table.add_used_elsewhere(definer, name);
        }
    }
    // a constant another file of its project refers to: a change of it
    // reaches uses its own file cannot see
    for o in outcomes.iter() {
        let Some(path) = &o.path else { continue };
        let shown = display_path(path);
        for (name, _) in &o.constants {
            let referred = outcomes.iter().any(|other| {
                other.project == o.project
                    && other
                        .path
                        .as_ref()
                        .is_some_and(|p| display_path(p) != shown)
                    && other.hole_names.iter().any(|h| h == name)
            });
            if referred {
                tables
                    .entry(o.project)
                    .or_default()
                    .add_used_elsewhere(&shown, name);
            }
        }
    }
    use rayon::prelude::*;
    outcomes.par_iter_mut().for_each(|o| {
        let Some(path) = o.path.clone() else { return };
        let Some(table) = tables.get(&o.project) else {
            return;
        };
        let shown = display_path(&path);
        if !table.resolves_any(&o.hole_names, &shown)
            && !table.knows_any_type(&o.types_used)
            && !table.calls_token_function(&o.call_names, &shown)
            && table.used_elsewhere(&shown).is_empty()
        {
            return;
        }
        let max = shared.options.max_file_size;
        let Ok(Some(bytes)) = std::fs::File::open(&path).and_then(|f| read_bounded(f, max)) else {
            return;
        };
        let mut again = analyse_bytes(
            shared,
            o.root_index,
            &shown,
            &path,
            Some(Arc::from(path.as_path())),
            &bytes,
            Some(table),
        );
        again.path = Some(path);
        again.root_index = o.root_index;
        again.project = o.project;
        // the file was counted once already
        shared
            .scanned
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        *o = again;
    });
    let neighbours = analyse_neighbours(shared, neighbours, &tables);
    outcomes.extend(neighbours);
    tables
        .values()
        .flat_map(|t| t.all_used_elsewhere().clone())
        .collect()
}

/// How far below a folder that defines a GoTo constant the files that may
/// use it are looked for, and how many of them are read at most.
const NEIGHBOUR_DEPTH: usize = 3;
const NEIGHBOUR_FILES: usize = 4096;

/// A source file the prefilter passed over (no GoTo text of its own) that
/// sits in or below a folder whose file defines a GoTo constant and names
/// that constant (`from .const import TOKEN_URL`): the constants it names,
/// with their defining files.
struct Neighbour {
    root: usize,
    project: usize,
    path: PathBuf,
    bytes: Vec<u8>,
    uses: Vec<(String, String)>,
}

/// The neighbours of the scan's constant definitions. Only folders the
/// scan walked are looked in; files named one by one (a pre-commit run)
/// are never joined by others.
fn find_neighbours(shared: &Shared, outcomes: &[FileOutcome]) -> Vec<Neighbour> {
    let walked_root = |i: usize| {
        shared
            .options
            .paths
            .get(i)
            .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_dir()))
    };
    // (root, project, folder) → the constants its files define, with them
    type Folder = (usize, usize, PathBuf);
    let mut folders: BTreeMap<Folder, Vec<(String, String)>> = BTreeMap::new();
    for o in outcomes {
        let (Some(path), false) = (&o.path, o.constants.is_empty()) else {
            continue;
        };
        let Some(dir) = path.parent() else { continue };
        if !walked_root(o.root_index) {
            continue;
        }
        let shown = display_path(path);
        folders
            .entry((o.root_index, o.project, dir.to_path_buf()))
            .or_default()
            .extend(o.constants.iter().map(|(n, _)| (n.clone(), shown.clone())));
    }
    if folders.is_empty() {
        return Vec::new();
    }
    let seen: std::collections::HashSet<&Path> =
        outcomes.iter().filter_map(|o| o.path.as_deref()).collect();
    let mut found: Vec<Neighbour> = Vec::new();
    let mut read = 0usize;
    let mut visited: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for ((root, project, dir), defined) in &folders {
        // project numbers are the first pass's; this pass numbers afresh,
        // so membership is asked of one numbering: the folder's and the file's
        let here = shared.projects.of(*root, &dir.join("_"));
        for entry in walker(shared, dir)
            .max_depth(Some(NEIGHBOUR_DEPTH))
            .build()
            .flatten()
        {
            let path = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file())
                || seen.contains(path)
                || Language::from_path(path).is_text()
                || !visited.insert(path.to_path_buf())
                || shared.projects.of(*root, path) != here
            {
                continue;
            }
            read += 1;
            if read > NEIGHBOUR_FILES {
                return found;
            }
            let max = shared.options.max_file_size;
            let Ok(Some(bytes)) = std::fs::File::open(path).and_then(|f| read_bounded(f, max))
            else {
                continue;
            };
            let uses: Vec<(String, String)> = defined
                .iter()
                .filter(|(name, _)| mentions_word(&bytes, name))
                .cloned()
                .collect();
            if !uses.is_empty() {
                found.push(Neighbour {
                    root: *root,
                    project: *project,
                    path: path.to_path_buf(),
                    bytes,
                    uses,
                });
            }
        }
    }
    found
}

/// Analyse the neighbours with their project's table, so that a request
/// to a constant's URL is seen.
fn analyse_neighbours(
    shared: &Shared,
    found: Vec<Neighbour>,
    tables: &BTreeMap<usize, ConstantTable>,
) -> Vec<FileOutcome> {
    use rayon::prelude::*;
    found
        .into_par_iter()
        .filter_map(|n| {
            let table = tables.get(&n.project)?;
            let shown = display_path(&n.path);
            let mut outcome = analyse_bytes(
                shared,
                n.root,
                &shown,
                &n.path,
                Some(Arc::from(n.path.as_path())),
                &n.bytes,
                Some(table),
            );
            // the file was counted once already, as one without GoTo text
            shared
                .scanned
                .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
            outcome.path = Some(n.path);
            outcome.root_index = n.root;
            outcome.project = n.project;
            Some(outcome)
        })
        .collect()
}

/// Whether `text` holds `name` as a whole identifier.
fn mentions_word(text: &[u8], name: &str) -> bool {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    memchr::memmem::find_iter(text, name.as_bytes()).any(|at| {
        let before = at.checked_sub(1).map(|i| text[i]);
        let after = text.get(at + name.len()).copied();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

impl Shared<'_> {
    fn push(&self, outcome: FileOutcome) {
        let interesting = !outcome.findings.is_empty()
            || outcome.skipped.is_some()
            || outcome.analysed
            || outcome.notice.is_some()
            || outcome.facts.is_some()
            || outcome.decoded.is_some();
        if interesting {
            self.outcomes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(outcome);
        }
    }
}

/// The walk of a folder as the scan walks it: ignore files, the config's
/// `exclude`, hidden entries but `.env*` and `.github`.
fn walker(shared: &Shared, root: &Path) -> WalkBuilder {
    let respect = shared.options.respect_ignore_files;
    let config = shared.options.config.clone();
    let clean = shared.options.remove_stale_temp_files;
    let mut walker = WalkBuilder::new(root);
    walker
        // hidden entries are skipped by hand: `.env` files hold GoTo settings
        .hidden(false)
        .filter_entry(move |e| {
            if clean && crate::fix::remove_if_stale_temp_file(e.path()) {
                return false;
            }
            let hidden = respect && is_hidden_skipped(e);
            let excluded = e.depth() > 0 && config.is_excluded(e.path());
            !(hidden || excluded)
        })
        .git_ignore(respect)
        .git_exclude(respect)
        .git_global(respect)
        .ignore(respect)
        .parents(respect)
        .require_git(false)
        .follow_links(false);
    walker
}

fn walk(shared: &Shared, root_index: usize, root: &Path) {
    let walker = walker(shared, root)
        .threads(shared.options.threads.max(1))
        .build_parallel();
    walker.run(|| {
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let file_type = entry.file_type();
                    if file_type.is_some_and(|t| t.is_file()) {
                        let outcome = check_file(shared, root_index, entry.path());
                        shared.push(outcome);
                    } else if file_type.is_some_and(|t| t.is_symlink()) {
                        let mut outcome = quiet_skip(entry.path(), SkipReason::Symlink);
                        outcome.project = shared.projects.of(root_index, entry.path());
                        shared.push(outcome);
                    } else if !file_type.is_some_and(|t| t.is_dir()) {
                        let mut outcome = skip(
                            entry.path(),
                            SkipReason::NotRegular,
                            "not a regular file".to_string(),
                        );
                        outcome.project = shared.projects.of(root_index, entry.path());
                        shared.push(outcome);
                    }
                }
                Err(err) => {
                    // unreadable folders, symlink loops: counted, never fatal
                    let (path, project) = match &err {
                        ignore::Error::WithPath { path, .. } => {
                            (display_path(path), shared.projects.of(root_index, path))
                        }
                        _ => (display_path(root), 0),
                    };
                    shared.push(FileOutcome {
                        project,
                        skipped: Some(SkipReason::Unreadable),
                        notice: Some(Notice {
                            path,
                            kind: NoticeKind::Skipped,
                            message: err.to_string(),
                        }),
                        ..Default::default()
                    });
                }
            }
            WalkState::Continue
        })
    });
}

/// Hidden files and folders are skipped, except `.env*` files and the
/// `.github` folder (CI workflows call token endpoints with curl).
fn is_hidden_skipped(entry: &ignore::DirEntry) -> bool {
    if entry.depth() == 0 {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    if !name.starts_with('.') {
        return false;
    }
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    !(name == ".github" && is_dir || name.starts_with(".env") && !is_dir)
}

/// The path as shown to the user. Only for display: a backslash is a
/// separator on Windows but a legal name character elsewhere, and names that
/// are not UTF-8 are shown lossily, so this string never leads back to a file.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix("./").unwrap_or(path);
    let text = shown.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// A skip that is counted but needs no note per file.
fn quiet_skip(path: &Path, reason: SkipReason) -> FileOutcome {
    FileOutcome {
        skipped: Some(reason),
        skipped_path: Some(display_path(path)),
        ..Default::default()
    }
}

fn skip(path: &Path, reason: SkipReason, message: String) -> FileOutcome {
    FileOutcome {
        skipped: Some(reason),
        notice: Some(Notice {
            path: display_path(path),
            kind: NoticeKind::Skipped,
            message,
        }),
        ..Default::default()
    }
}

fn check_file(shared: &Shared, root_index: usize, path: &Path) -> FileOutcome {
    let mut outcome = read_and_check(shared, root_index, path);
    outcome.project = shared.projects.of(root_index, path);
    outcome
}

fn read_and_check(shared: &Shared, root_index: usize, path: &Path) -> FileOutcome {
    let max = shared.options.max_file_size;
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return skip(
                path,
                SkipReason::NotRegular,
                "not a regular file".to_string(),
            );
        }
        Ok(meta) if meta.len() > max => {
            return skip(
                path,
                SkipReason::TooLarge,
                format!("{} bytes is over the {} byte limit", meta.len(), max),
            );
        }
        Ok(_) => {}
        Err(e) => return skip(path, SkipReason::Unreadable, format!("cannot read: {e}")),
    }
    // through the limit: a size of 0 in `stat` (`/proc` files) or a file
    // that grows after it was looked at must not be read whole
    let bytes = match std::fs::File::open(path).and_then(|f| read_bounded(f, max)) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return skip(
                path,
                SkipReason::TooLarge,
                format!("over the {max} byte limit"),
            )
        }
        Err(e) => return skip(path, SkipReason::Unreadable, format!("cannot read: {e}")),
    };
    let mut outcome = analyse_bytes(
        shared,
        root_index,
        &display_path(path),
        path,
        Some(Arc::from(path)),
        &bytes,
        None,
    );
    outcome.path = Some(path.to_path_buf());
    outcome.root_index = root_index;
    outcome
}

/// Files whose lines are so long that they are generated bundles.
pub(crate) fn is_minified(path: &Path, bytes: &[u8]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".js")
        || lower.ends_with(".mjs")
        || lower.ends_with(".cjs")
        || lower.ends_with(".css"))
    {
        return false;
    }
    if lower.contains(".min.") {
        return true;
    }
    if bytes.len() < 32 * 1024 {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    bytes.len() / lines > 1000
}

fn analyse_bytes(
    shared: &Shared,
    root_index: usize,
    shown: &str,
    path: &Path,
    file: Option<Arc<Path>>,
    bytes: &[u8],
    table: Option<&ConstantTable>,
) -> FileOutcome {
    let project = shared.projects.of(root_index, path);
    shared.projects.count_scanned(project, 1);
    let mut outcome = analyse_counted(shared, root_index, shown, path, file, bytes, table);
    outcome.counted = true;
    outcome.project = project;
    outcome
}

/// `analyse_bytes` after the file is counted as scanned.
fn analyse_counted(
    shared: &Shared,
    root_index: usize,
    shown: &str,
    path: &Path,
    file: Option<Arc<Path>>,
    bytes: &[u8],
    table: Option<&ConstantTable>,
) -> FileOutcome {
    let n = shared
        .scanned
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        + 1;
    if let Some(bar) = &shared.progress {
        if n % 256 == 0 {
            bar.set_message(format!("{n} files scanned"));
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = utf16_encoding(head);
    if utf16.is_none() && memchr::memchr(0, head).is_some() {
        return skip(path, SkipReason::Binary, "binary file".to_string());
    }
    if is_minified(path, bytes) {
        return skip(path, SkipReason::Minified, "minified bundle".to_string());
    }
    // text in another encoding is decoded and checked (reported, not
    // fixed: a fix would have to be written back in that encoding)
    let decoded = match utf16 {
        Some(encoding) => {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if had_errors {
                return skip(
                    path,
                    SkipReason::NotUtf8,
                    format!("cannot decode as {}: malformed", encoding.name()),
                );
            }
            Some((text.into_owned(), encoding.name()))
        }
        None if std::str::from_utf8(bytes).is_err() => {
            if looks_binary(head) {
                return skip(path, SkipReason::Binary, "binary file".to_string());
            }
            Some(decode_legacy(bytes))
        }
        None => None,
    };
    let scanned_bytes = decoded.as_ref().map_or(bytes, |(t, _)| t.as_bytes());
    let hits = shared.prefilter.scan(scanned_bytes);
    // a file analysed again with its project's table uses one of its
    // constants: that is its GoTo text
    if !hits.any && table.is_none() {
        return FileOutcome {
            decoded: decoded.map(|(_, name)| name),
            ..Default::default()
        };
    }
    let text = match &decoded {
        Some((t, _)) => t.as_str(),
        None => match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return skip(
                    path,
                    SkipReason::NotUtf8,
                    format!("cannot decode: invalid UTF-8 at byte {}", e.valid_up_to()),
                )
            }
        },
    };
    let language = Language::from_path(path);
    let options = shared.options;
    let shown = shown.to_string();
    let run = AssertUnwindSafe(|| {
        analyse_text(
            options,
            root_index,
            Origin {
                shown: &shown,
                file,
            },
            language,
            text,
            hits.goto_context,
            table,
        )
    });
    let permit = shared.budget.acquire(text.len());
    let analysed = analysis_pool().install(|| catch_unwind(run));
    if text.len() >= LARGE_FILE {
        release_freed_memory();
    }
    drop(permit);
    match analysed {
        Ok(mut outcome) => {
            if let Some((_, name)) = decoded {
                outcome.decoded = Some(name);
                for f in &mut outcome.findings {
                    f.fix = None;
                }
            }
            outcome
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            FileOutcome {
                analysed: true,
                notice: Some(Notice {
                    path: shown,
                    kind: NoticeKind::InternalError,
                    message: format!("internal error while analysing this file: {what}"),
                }),
                ..Default::default()
            }
        }
    }
}

/// Files from this size on give their parse memory back to the system
/// when done, so the next large file does not add to the peak.
const LARGE_FILE: usize = 256 * 1024;

/// Return freed heap memory to the system. glibc keeps it in per-thread
/// arenas otherwise, and large files parsed one after another on different
/// threads would add up.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists
    unsafe {
        libc::malloc_trim(0);
    }
}

/// UTF-16 text: by its BOM, or without one by the NUL bytes that ASCII
/// characters leave in every other byte.
fn utf16_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some(encoding_rs::UTF_16LE);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some(encoding_rs::UTF_16BE);
    }
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| {
        head.chunks_exact(2)
            .filter(|pair| pair[offset] == 0 && pair[1 - offset] != 0)
            .count()
    };
    let (low, high) = (zeros(1), zeros(0));
    let nul_everywhere_else = |n: usize| n * 10 >= pairs * 9;
    if nul_everywhere_else(low) && high == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if nul_everywhere_else(high) && low == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are not UTF-8 but mostly control characters are binary.
fn looks_binary(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) || b == 0x7F)
        .count();
    control * 10 > head.len()
}

/// Text that is not UTF-8: Shift_JIS when it decodes as such without error
/// and holds kana (two accented Latin letters often form a valid kanji),
/// else Windows-1252 (which maps every byte). ASCII stays ASCII in both, so
/// hosts and keys are found either way.
fn decode_legacy(bytes: &[u8]) -> (String, &'static str) {
    let kana =
        |c: char| ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{FF66}'..='\u{FF9F}').contains(&c);
    if let Some(text) =
        encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
    {
        if text.chars().any(kana) {
            return (text.into_owned(), encoding_rs::SHIFT_JIS.name());
        }
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding_rs::WINDOWS_1252.name())
}

/// Threads with large stacks for parsing and analysis: front ends bound
/// their recursion, and this leaves room to spare on hostile input. Only
/// files that pass the prefilter get here; stacks are reserved, not committed.
fn analysis_pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(256 << 20)
            .thread_name(|i| format!("gotolint-analysis-{i}"))
            .build()
            .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
            .expect("a thread pool for analysis")
    })
}

/// Where a text came from: the name shown and the file on disk (`None` for
/// standard input and for texts the fixer re-checks).
struct Origin<'a> {
    shown: &'a str,
    file: Option<Arc<Path>>,
}

/// Replace a UTF-8 BOM by spaces so offsets stay those of the file.
fn without_bom(text: &str) -> String {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => format!("   {rest}"),
        None => text.to_string(),
    }
}

/// Add the text scanner's strings that no string of the code model covers
/// (the ones inside regions the parser could not make sense of).
fn merge_text_strings(model: &mut FileModel, text_model: FileModel) {
    let mut covered: Vec<(usize, usize)> = model
        .strings
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    covered.sort_unstable();
    // the longest end among spans starting at or before each position
    let mut reach = Vec::with_capacity(covered.len());
    let mut far = 0;
    for &(_, b) in &covered {
        far = far.max(b);
        reach.push(far);
    }
    for s in text_model.strings {
        // spans starting before this one ends; does any reach past its start?
        let before = covered.partition_point(|&(a, _)| a < s.span.end);
        let overlaps = before > 0 && reach[before - 1] > s.span.start;
        if !overlaps {
            model.strings.push(s);
        }
    }
}

fn analyse_text(
    options: &ScanOptions,
    root_index: usize,
    origin: Origin,
    language: Language,
    text: &str,
    goto_context: bool,
    table: Option<&ConstantTable>,
) -> FileOutcome {
    let Origin { shown, file } = origin;
    // lets the test suite prove that a panic in one file's analysis is contained
    if std::env::var_os("GOTOLINT_TEST_PANIC_MARKER")
        .is_some_and(|m| !m.is_empty() && text.contains(m.to_string_lossy().as_ref()))
    {
        panic!("test panic requested for {shown}");
    }
    // a lone CR ends a line: the parsers are given LF in its place (same
    // length, so every offset stays that of the file)
    let source = SourceFile::new(lone_cr_as_lf(without_bom(text)));
    // functions of other files of the project whose result is a token response
    let imported = table
        .map(|t| t.token_functions_for(shown))
        .unwrap_or_default();
    let lower = |language: Language| {
        crate::sema::libraries::with_project_token_calls(imported.clone(), || {
            lang::lower(language, &source.text)
        })
    };
    let mut model = lower(language);
    let mut notice = None;
    if model.parse_errors {
        // a file whose extension names the wrong dialect (JSX in `.js`
        // written as TSX, type annotations in `.jsx`, a `.ts` with JSX)
        for alternate in alternate_grammars(language) {
            let again = lower(*alternate);
            if !again.parse_errors {
                model = again;
                break;
            }
        }
    }
    if model.parse_errors && !language.is_text() {
        let kind = language.fallback_text_kind();
        let text_model = lower(Language::Text(kind));
        let recovered = !(model.strings.is_empty()
            && model.http_requests.is_empty()
            && model.field_reads.is_empty());
        let message = if recovered {
            // keep what the parser recovered around the errors; the text
            // rules still see the strings inside the broken regions
            merge_text_strings(&mut model, text_model);
            format!("parsed as {} {RECOVERED}", language.name())
        } else {
            model = text_model;
            format!(
                "could not parse as {}; checked with the text rules only",
                language.name()
            )
        };
        notice = Some(Notice {
            path: shown.to_string(),
            kind: NoticeKind::ParseError,
            message,
        });
    }
    let mut goto_context = goto_context;
    if let Some(table) = table {
        // a value from another file's GoTo constant is GoTo evidence
        goto_context |= project::substitute(&mut model, table, shown);
    }
    // documentation shows definitions, it does not make them: a constant
    // quoted in Markdown never stands for a program's value
    // documentation shows definitions and uses, it does not make them: a
    // constant quoted in Markdown neither stands for nor pins a value
    let documentation = language == Language::Text(crate::lang::TextKind::Markdown);
    let constants = if documentation {
        Vec::new()
    } else {
        project::collect(text)
    };
    let (hole_names, wire_names, types_used) = if table.is_none() && !documentation {
        (
            project::hole_names(&model),
            model.wire_names.clone(),
            project::types_used(&model),
        )
    } else {
        Default::default()
    };
    let used_elsewhere = table.map_or(&[][..], |t| t.used_elsewhere(shown));
    let ctx = Context::new(
        &model,
        &source,
        goto_context,
        &options.extra_auth_hosts,
        used_elsewhere,
    );
    let (mut raw, facts) = detectors::run(&ctx, &options.rules);
    let (token_functions, call_names) = if table.is_none() && !documentation {
        (
            detectors::token_functions(&ctx),
            project::call_names(&model),
        )
    } else {
        Default::default()
    };
    let secrets = file_secrets(&ctx, options, &raw);
    // a fix whose new text would carry a secret literal (moved into
    // `auth=(…)`) is not offered: reports print a fix's text verbatim
    let secret_texts: Vec<&str> = secrets
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .filter(|s| !s.is_empty())
        .collect();
    for r in &mut raw {
        let carries_secret = |content: &String| secret_texts.iter().any(|s| content.contains(s));
        if r.edits.iter().any(|(_, content)| carries_secret(content)) {
            r.edits.clear();
        }
    }
    let ignored = options.config.ignored_codes(Path::new(shown));
    if !ignored.is_empty() {
        raw.retain(|f| !ignored.iter().any(|p| code_matches(f.code, p)));
    }
    let shared_source: Arc<str> = Arc::from(text);
    let mut suppressions = suppress::parse(&source);
    let mut findings: Vec<Finding> = Vec::with_capacity(raw.len());
    for r in raw {
        let line = source.line_index(r.span.start);
        let reason = suppressions
            .iter_mut()
            .find(|s| s.covers(r.code, line))
            .map(|s| {
                s.used = true;
                s.reason.clone().unwrap_or_default()
            });
        let at = Located {
            source: &source,
            text: &shared_source,
            shown,
            file: &file,
            secrets: &secrets,
        };
        if let Some(mut f) = locate(options, &at, r) {
            f.suppressed = reason;
            findings.push(f);
        }
    }
    if let Some(rule) = rule_of(options, "GT900") {
        for s in &suppressions {
            let codes = s.codes.join(",");
            // only a suppression of enabled rules can be unused
            let enabled = s.codes.iter().any(|c| {
                options
                    .rules
                    .iter()
                    .any(|r| r.code != "GT900" && code_matches(&r.code, c))
            });
            let raw = if !s.used && enabled {
                RawFinding::new(
                    "GT900",
                    s.comment.clone(),
                    rule.render_message(&[("codes", &codes)]),
                )
                .with_edits(vec![suppress::removal(&source, s)])
            } else if options.strict && s.reason.is_none() {
                // `--strict`: a suppression must say why; reported under
                // GT900 (the suppression rule), with no fix to offer
                let kind = if s.file_level {
                    "ignore-file"
                } else {
                    "ignore"
                };
                RawFinding::new(
                    "GT900",
                    s.comment.clone(),
                    format!(
                        "`gotolint: {kind}[{codes}]` gives no reason; write why after the brackets (required by --strict)"
                    ),
                )
            } else {
                continue;
            };
            let at = Located {
                source: &source,
                text: &shared_source,
                shown,
                file: &file,
                secrets: &secrets,
            };
            if let Some(f) = locate(options, &at, raw) {
                findings.push(f);
            }
        }
    }
    add_line_hashes(text, &mut findings);
    let has_facts = facts.first_token_request.is_some() || facts.refreshes;
    FileOutcome {
        findings,
        analysed: true,
        notice,
        constants,
        hole_names,
        wire_names,
        types_used,
        token_functions,
        call_names,
        facts: has_facts.then(|| {
            (
                root_index,
                shown.to_string(),
                SourceFacts {
                    facts,
                    source: shared_source.clone(),
                    file,
                    secrets,
                },
            )
        }),
        ..Default::default()
    }
}

/// Every rule's trigger literals and the configured extra auth hosts.
fn prefilter_triggers(options: &ScanOptions) -> Vec<String> {
    let rules = options
        .rules
        .iter()
        .flat_map(|r| r.triggers.iter().cloned());
    rules
        .chain(options.extra_auth_hosts.iter().cloned())
        .collect()
}

/// Lint one file's text as the scan would (prefilter included). Used by the
/// fixer to re-check a file after its edits.
pub fn lint_text(
    options: &ScanOptions,
    shown: &str,
    path: &Path,
    text: &str,
) -> (Vec<Finding>, bool) {
    let triggers = prefilter_triggers(options);
    let hits = Prefilter::new(&triggers).scan(text.as_bytes());
    if !hits.any {
        return (Vec::new(), true);
    }
    let language = Language::from_path(path);
    let used_elsewhere = options
        .constants_used_elsewhere
        .get(shown)
        .map(|names| ConstantTable::only_used_elsewhere(shown, names));
    let outcome = analyse_text(
        options,
        0,
        Origin { shown, file: None },
        language,
        text,
        hits.goto_context,
        used_elsewhere.as_ref(),
    );
    let parsed = !outcome
        .notice
        .is_some_and(|n| n.kind == NoticeKind::ParseError);
    (outcome.findings, parsed)
}

fn rule_of<'a>(options: &'a ScanOptions, code: &str) -> Option<&'a Rule> {
    options.rules.iter().find(|r| r.code == code).copied()
}

/// The file a finding is located in.
struct Located<'a> {
    source: &'a SourceFile,
    text: &'a Arc<str>,
    shown: &'a str,
    file: &'a Option<Arc<Path>>,
    /// every secret literal of the file
    secrets: &'a [Span],
}

/// Every literal GT014 recognises in the file, whether or not GT014 is
/// selected, ignored or suppressed: no output may print one, on any line.
fn file_secrets(ctx: &Context, options: &ScanOptions, raw: &[RawFinding]) -> Vec<Span> {
    let mut secrets: Vec<Span> = raw.iter().filter_map(|r| r.secret.clone()).collect();
    let credentials = |r: &&Rule| r.detector == crate::rules::Detector::Credentials;
    if !options.rules.iter().any(credentials) {
        let rules: Vec<&'static Rule> = crate::rules::Catalog::get()
            .rules
            .iter()
            .filter(credentials)
            .collect();
        let (more, _) = detectors::run(ctx, &rules);
        secrets.extend(more.into_iter().filter_map(|r| r.secret));
    }
    secrets.sort_by_key(|s| (s.start, s.end));
    secrets.dedup();
    secrets
}

/// The grammars to try when a file does not parse with the one its
/// extension names, in order.
fn alternate_grammars(language: Language) -> &'static [Language] {
    match language {
        Language::TypeScript => &[Language::Tsx],
        Language::Tsx => &[Language::TypeScript],
        Language::JavaScript => &[Language::Tsx, Language::TypeScript],
        _ => &[],
    }
}

/// Whether a text parses with its language's grammar or an alternate one
/// (see [`alternate_grammars`]).
pub fn parses(language: Language, text: &str) -> bool {
    lang::parses(language, text)
        || alternate_grammars(language)
            .iter()
            .any(|alternate| lang::parses(*alternate, text))
}

/// A lone CR (not followed by LF) replaced by LF.
fn lone_cr_as_lf(text: String) -> String {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return text;
    }
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes) {
        if lone(i) {
            out[i] = b'\n';
        }
    }
    // only ASCII bytes were swapped for ASCII bytes
    String::from_utf8(out).unwrap_or(text)
}

/// Turn a detector's byte-span finding into a located one.
fn locate(options: &ScanOptions, at: &Located, raw: RawFinding) -> Option<Finding> {
    let Located {
        source,
        text,
        shown,
        file,
        secrets,
    } = *at;
    let rule = rule_of(options, raw.code)?;
    let unfixable = options.unfixable.iter().any(|p| code_matches(raw.code, p));
    let no_fix = raw
        .weaker_fix
        .as_ref()
        .is_some_and(|(safety, _)| *safety == FixSafety::None);
    let fix = if raw.edits.is_empty() || rule.fix == FixSafety::None || unfixable || no_fix {
        None
    } else {
        let (applicability, title) = match &raw.weaker_fix {
            Some((safety, title)) if *safety < rule.fix => (*safety, title.clone()),
            _ => (rule.fix, rule.fix_title.clone().unwrap_or_default()),
        };
        Some(Fix {
            applicability,
            title,
            edits: raw
                .edits
                .iter()
                .map(|(span, content)| Edit {
                    span: span.clone(),
                    content: content.clone(),
                    start: source.position(span.start),
                    end: source.position(span.end),
                })
                .collect(),
        })
    };
    let start = source.position(raw.span.start);
    let mut line_text =
        crate::report::masked_line(&source.text, source.line_span(start.line - 1), secrets);
    let mut secrets = secrets.to_vec();
    if let Some(own) = raw.secret {
        if !secrets.contains(&own) {
            secrets.push(own);
        }
    }
    // findings are kept until the report is written: no spare capacity
    let mut message = raw.message;
    message.shrink_to_fit();
    line_text.shrink_to_fit();
    Some(Finding {
        code: rule.code.clone(),
        name: rule.name.clone(),
        severity: options
            .severity_overrides
            .get(&rule.code)
            .copied()
            .unwrap_or(rule.severity),
        path: shown.to_string(),
        file: file.clone(),
        start,
        end: source.position(raw.span.end),
        message,
        fix,
        span: raw.span,
        line_text,
        source: options.keep_sources.then(|| text.clone()),
        line_hash: None,
        secrets,
        suppressed: None,
        project: Arc::from(""),
    })
}

/// SARIF's line fingerprints, computed while the file's text is at hand
/// (`text` as read, so a BOM counts as GitHub counts it).
fn add_line_hashes(text: &str, findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    let lines: Vec<usize> = findings
        .iter()
        .map(|f| f.start.line.saturating_sub(1))
        .collect();
    let hashes = crate::report::fingerprint::hashes_of_lines(text, &lines);
    for (f, hash) in findings.iter_mut().zip(hashes) {
        f.line_hash = hash;
    }
}

/// A file's facts for project rules: (scanned folder, project), shown path.
type ProjectFacts = ((usize, usize), String, SourceFacts);

/// Whether another file of `file`'s repository (the folder holding `.git`)
/// performs a refresh-token grant, by its text: `grant_type=refresh_token`,
/// `"grant_type": "refresh_token"`, `'grant_type' => 'refresh_token'`, ….
/// Walks the repository as a scan would (ignore files honoured, files over
/// the size limit skipped), at most a bounded number of files.
/// The repository holding a file: the nearest folder above it with `.git`,
/// or, outside any repository, nothing (all such files count as one).
fn repository_of(file: &Path) -> PathBuf {
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    absolute
        .ancestors()
        .skip(1)
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn refreshes_elsewhere(options: &ScanOptions, file: &Path) -> bool {
    const MAX_FILES: usize = 50_000;
    static GRANT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let grant = GRANT.get_or_init(|| {
        regex::Regex::new(r#"grant_type['"]?\s*(?:=>|=|:|,)\s*['"]?refresh_token"#)
            .expect("grant pattern")
    });
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let root = repository_of(file);
    if root.as_os_str().is_empty() {
        return false;
    }
    let mut seen = 0usize;
    for entry in WalkBuilder::new(root).build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) || entry.path() == absolute {
            continue;
        }
        seen += 1;
        if seen > MAX_FILES {
            return false;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.len() > options.max_file_size {
            continue;
        }
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        if memchr::memmem::find(&bytes, b"refresh_token").is_none() {
            continue;
        }
        if grant.is_match(&String::from_utf8_lossy(&bytes)) {
            return true;
        }
    }
    false
}

/// GT013: a scan root that obtains GoTo tokens and never refreshes them.
fn project_rules(
    options: &ScanOptions,
    facts: &mut [ProjectFacts],
    names: &[Arc<str>],
    findings: &mut Vec<Finding>,
) {
    let Some(rule) = options
        .rules
        .iter()
        .find(|r| r.detector == crate::rules::Detector::ProjectRefresh)
    else {
        return;
    };
    facts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    // one finding at most per scanned folder and project in it; files named
    // on the command line count together by repository (pre-commit passes
    // `login.py refresh.py` as two paths of one project)
    let mut roots: BTreeMap<(Option<PathBuf>, usize, usize), Vec<&ProjectFacts>> = BTreeMap::new();
    let named_files: Vec<bool> = options.paths.iter().map(|p| p.is_file()).collect();
    for f in facts.iter() {
        let named = named_files.get(f.0 .0).copied().unwrap_or(false);
        let key = if named {
            let repo = f.2.file.as_deref().map(repository_of).unwrap_or_default();
            (Some(repo), usize::MAX, f.0 .1)
        } else {
            (None, f.0 .0, f.0 .1)
        };
        roots.entry(key).or_default().push(f);
    }
    for files in roots.values() {
        if files.iter().any(|f| f.2.facts.refreshes) {
            continue;
        }
        let Some((_, shown, sf)) = files
            .iter()
            .find(|f| f.2.facts.first_token_request.is_some())
        else {
            continue;
        };
        // a partial run (pre-commit passes the staged files): the refresh
        // may be in a file of the same repository that was not passed
        let partial = named_files.get(files[0].0 .0).copied().unwrap_or(false);
        if partial
            && sf
                .file
                .as_deref()
                .is_some_and(|f| refreshes_elsewhere(options, f))
        {
            continue;
        }
        let Some((span, url)) = sf.facts.first_token_request.clone() else {
            continue;
        };
        let source = SourceFile::new(sf.source.to_string());
        let raw = RawFinding::new(
            rule.code.as_str(),
            span,
            rule.render_message(&[("url", &url)]),
        );
        let at = Located {
            source: &source,
            text: &sf.source,
            shown,
            file: &sf.file,
            secrets: &sf.secrets,
        };
        if let Some(mut f) = locate(options, &at, raw) {
            add_line_hashes(&sf.source, std::slice::from_mut(&mut f));
            if let Some(name) = names.get(files[0].0 .1) {
                f.project = name.clone();
            }
            findings.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    fn finding(path: &str, line: usize, code: &str, message: &str) -> Finding {
        Finding {
            code: code.to_string(),
            name: String::new(),
            severity: Severity::Error,
            path: path.to_string(),
            start: Position { line, column: 1 },
            end: Position { line, column: 2 },
            message: message.to_string(),
            fix: None,
            span: 0..0,
            line_text: String::new(),
            source: None,
            file: None,
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project: std::sync::Arc::from("p"),
        }
    }

    #[test]
    fn sorting_is_by_key_and_stable() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut findings: Vec<Finding> = (0..500)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let path = ["b.py", "a.js", "c/d.env"][(state % 3) as usize];
                let code = ["GT002", "GT001"][(state >> 8) as usize % 2];
                finding(path, (state >> 16) as usize % 20 + 1, code, &i.to_string())
            })
            .collect();
        let mut expected = findings.clone();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        sort_findings(&mut findings);
        let order = |v: &[Finding]| v.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
        assert_eq!(order(&findings), order(&expected));
        let mut none: Vec<Finding> = Vec::new();
        sort_findings(&mut none);
        let mut one = vec![finding("a", 1, "GT001", "x")];
        sort_findings(&mut one);
        assert_eq!(one[0].message, "x");
    }
}

#[cfg(test)]
mod budget_tests {
    use super::Budget;

    #[test]
    fn the_budget_counts_bytes_in_flight_and_caps_large_files() {
        let budget = Budget::new(100);
        let a = budget.acquire(60);
        assert_eq!(*budget.used.lock().unwrap(), 60);
        drop(a);
        assert_eq!(*budget.used.lock().unwrap(), 0);
        // a file larger than the budget takes all of it, and runs alone
        let big = budget.acquire(500);
        assert_eq!(*budget.used.lock().unwrap(), 100);
        drop(big);
        let small = [budget.acquire(30), budget.acquire(30), budget.acquire(40)];
        assert_eq!(*budget.used.lock().unwrap(), 100);
        drop(small);
        assert_eq!(*budget.used.lock().unwrap(), 0);
    }

    #[test]
    fn a_waiting_file_starts_when_bytes_are_freed() {
        let budget = std::sync::Arc::new(Budget::new(100));
        let first = budget.acquire(80);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let budget = budget.clone();
            std::thread::spawn(move || {
                let permit = budget.acquire(80);
                // the first permit is gone by the time this one is held
                tx.send(*budget.used.lock().unwrap()).unwrap();
                drop(permit);
            })
        };
        drop(first);
        assert_eq!(rx.recv().unwrap(), 80);
        waiter.join().unwrap();
    }
}
