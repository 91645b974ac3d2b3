//! Command line: flags are defined once here, with their help.

use crate::report::{self, Format};
use crate::rules::{Catalog, Rule, Status};
use crate::scan::{self, ScanOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "gotolint",
    version,
    about = "Finds code that still uses GoTo's retired OAuth hosts and behaviour, and explains how to migrate",
    after_help = "With no command, `gotolint [PATHS]` runs `check`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files and folders (the default command); `-` reads standard input
    Check(Box<CheckArgs>),
    /// Combine the JSON or SARIF reports of separate runs into one report
    Merge(MergeArgs),
    /// List every rule: code, name, severity, fixable
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show a rule's documentation with a before/after example (no code: list the codes)
    Explain {
        /// a rule code, e.g. GT011
        code: Option<String>,
    },
    /// Print the language-neutral model of a file (for front-end work)
    #[command(hide = true)]
    DumpModel { path: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to scan (default: the current folder); `-` for standard input
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these rules: codes or prefixes (`GT00`, `GT1`), comma-separated; `ALL` for every rule
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Skip these rules: codes or prefixes, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Do not honour .gitignore, .ignore or hidden-file rules when walking folders
    #[arg(long)]
    pub no_ignore: bool,
    /// Worker threads (default: one per core)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to use colour in human output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, no summary
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Exit with 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
    /// Print only the number of findings per rule
    #[arg(long)]
    pub statistics: bool,
    /// List every skipped file with the reason (on stderr for machine-readable formats)
    #[arg(long)]
    pub show_skipped: bool,
    /// Report only findings on lines changed since this git ref (uncommitted changes included)
    #[arg(long, value_name = "REF")]
    pub diff_base: Option<String>,
    /// The file name to report for standard input (also picks its language)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Skip files larger than this many bytes (default 2 MiB, or `max-file-size` of the config)
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Use this configuration file instead of discovering one
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in a baseline file
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Exit 2 when files cannot be read or parsed, and report suppressions without a reason
    #[arg(long)]
    pub strict: bool,
    /// Apply the config's `exclude` to files named on the command line too
    #[arg(long)]
    pub force_exclude: bool,
    /// Apply the safe fixes
    #[arg(long)]
    pub fix: bool,
    /// Enable the unsafe fixes: shown in the report, applied by --fix, printed by --diff (writes nothing by itself)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing
    #[arg(long)]
    pub diff: bool,
    /// Treat this host as a GoTo auth host too (a company proxy); repeatable
    #[arg(long = "extra-auth-host", value_name = "HOST")]
    pub extra_auth_hosts: Vec<String>,
    /// The project's name in reports and merges (default: the scanned folder's name)
    #[arg(long, value_name = "NAME")]
    pub project_name: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// JSON or SARIF reports written by `gotolint check` (one per run)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 0 even when there are findings
    #[arg(long)]
    pub exit_zero: bool,
    /// When to use colour in human output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The most worker threads `--threads` accepts.
pub const MAX_THREADS: usize = 256;

/// A failure that exits with code 2 and one line on stderr.
#[derive(Debug)]
pub struct UsageError(pub String);

const COMMANDS: &[&str] = &["check", "merge", "rules", "explain", "help"];

/// A first word that names no file and is one or two typos away from a
/// command is a usage error: `gotolint chek src/` must not scan `chek`.
pub fn command_typo(args: &[String]) -> Option<UsageError> {
    let first = args.get(1)?;
    if first.starts_with('-')
        || first.contains(['/', '\\', '.'])
        || COMMANDS.contains(&first.as_str())
        || std::fs::symlink_metadata(first).is_ok()
    {
        return None;
    }
    let word = first.to_ascii_lowercase();
    let best = COMMANDS
        .iter()
        .map(|c| (edit_distance(&word, c), *c))
        .min()?;
    let limit = if word.len() <= 4 { 1 } else { 2 };
    (best.0 <= limit).then(|| {
        UsageError(format!(
            "`{first}` is neither a command nor a path; did you mean `{}`?",
            best.1
        ))
    })
}

/// Levenshtein distance over characters (with adjacent swaps counted once).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Insert `check` when the first argument is not a command.
pub fn normalise_args(args: Vec<String>) -> Vec<String> {
    let mut args = args;
    let first = args.get(1).map(String::as_str);
    let is_command = matches!(
        first,
        Some(
            "check"
                | "merge"
                | "rules"
                | "explain"
                | "dump-model"
                | "help"
                | "-h"
                | "--help"
                | "-V"
                | "--version"
        )
    );
    if !is_command {
        args.insert(1.min(args.len()), "check".to_string());
    }
    args
}

/// Resolve `--select`/`--ignore` against the catalog.
pub fn select_rules(
    catalog: &'static Catalog,
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static Rule>, UsageError> {
    let matches = |pattern: &str, rule: &Rule| -> bool {
        pattern.eq_ignore_ascii_case("ALL")
            || rule
                .code
                .to_ascii_uppercase()
                .starts_with(&pattern.to_ascii_uppercase())
    };
    // every code or prefix must match a rule that runs: name all that do not
    let unknown: Vec<String> = select
        .iter()
        .chain(ignore)
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .filter(|p| {
            !catalog
                .rules
                .iter()
                .any(|r| r.status == Status::Stable && matches(p, r))
        })
        .map(|p| format!("`{p}`"))
        .collect();
    if !unknown.is_empty() {
        let what = if unknown.len() == 1 {
            "code or prefix"
        } else {
            "codes or prefixes"
        };
        return Err(UsageError(format!(
            "rule {what} {} match{} no rule (see `gotolint rules`)",
            unknown.join(", "),
            if unknown.len() == 1 { "es" } else { "" }
        )));
    }
    let selected: Vec<&'static Rule> = catalog
        .rules
        .iter()
        .filter(|r| r.status == Status::Stable)
        .filter(|r| select.is_empty() || select.iter().any(|p| matches(p.trim(), r)))
        .filter(|r| {
            !ignore
                .iter()
                .any(|p| !p.trim().is_empty() && matches(p.trim(), r))
        })
        .collect();
    Ok(selected)
}

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Run `check`; returns the exit code.
pub fn check(args: CheckArgs) -> Result<i32, UsageError> {
    let catalog = Catalog::get();
    if let Some(n) = args.threads {
        if !(1..=MAX_THREADS).contains(&n) {
            return Err(UsageError(format!(
                "--threads must be between 1 and {MAX_THREADS}, not {n}"
            )));
        }
    }
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();

    let mut paths = args.paths.clone();
    let read_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if read_stdin {
        paths.retain(|p| p.as_os_str() != "-");
    } else if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    // a named path that does not exist is a mistake, not a skip
    for p in &paths {
        if let Err(e) = std::fs::symlink_metadata(p) {
            if e.kind() == io::ErrorKind::NotFound {
                return Err(UsageError(format!(
                    "{}: no such file or folder",
                    p.display()
                )));
            }
        }
    }
    let diff_base = match &args.diff_base {
        Some(base) => Some(crate::diffbase::ChangedLines::since(base).map_err(UsageError)?),
        None => None,
    };
    let config = load_config(&args, &paths)?;
    let file = &config.file;
    let max_file_size = args
        .max_file_size
        .or(file.max_file_size)
        .unwrap_or(2 * 1024 * 1024);
    let mut stdin = None;
    // standard input is read through the size limit too: one byte more
    // than the limit tells the scan to skip it
    let mut stdin_complete = true;
    if read_stdin {
        let (content, complete) = crate::source::read_limited(io::stdin().lock(), max_file_size)
            .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        stdin_complete = complete;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_string());
        stdin = Some((name, content));
    }
    let select: Vec<String> = if args.select.is_empty() {
        file.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    let mut ignore = file.ignore.clone().unwrap_or_default();
    ignore.extend(args.ignore.iter().cloned());
    let rules = select_rules(catalog, &select, &ignore)?;
    let mut hosts: Vec<String> = file.extra_auth_hosts.clone().unwrap_or_default();
    hosts.extend(args.extra_auth_hosts.iter().cloned());
    let extra_auth_hosts = hosts
        .iter()
        .map(|h| {
            h.trim()
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_ascii_lowercase()
        })
        .filter(|h| !h.is_empty())
        .collect();
    let mut options = ScanOptions {
        paths,
        stdin,
        rules: rules.clone(),
        respect_ignore_files: !args.no_ignore,
        threads,
        max_file_size,
        extra_auth_hosts,
        severity_overrides: file
            .severity
            .clone()
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(pattern, sev)| {
                catalog
                    .rules
                    .iter()
                    .filter(move |r| {
                        r.code
                            .to_ascii_uppercase()
                            .starts_with(&pattern.to_ascii_uppercase())
                    })
                    .map(move |r| (r.code.clone(), sev))
            })
            .collect(),
        unfixable: file.unfixable.clone().unwrap_or_default(),
        force_exclude: args.force_exclude,
        strict: args.strict,
        // a spinner for people at a terminal; never in CI logs or pipes
        progress: io::stderr().is_terminal()
            && !args.quiet
            && std::env::var_os("CI").is_none()
            && (args.format == Format::Human || args.output.is_some()),
        // snippets and fixes need each file's text; the other reports do not
        keep_sources: args.fix
            || args.unsafe_fixes
            || args.diff
            || args.format == Format::Human && !args.quiet
            // the HTML report shows each fix as a diff of the source line
            || args.format == Format::Html,
        config: std::sync::Arc::new(config),
        remove_stale_temp_files: args.fix && !args.diff,
        project_name: match &args.project_name {
            Some(name) => checked_project_name(name)?,
            None => scan::default_project_name(&args.paths),
        },
        project_name_given: args.project_name.is_some(),
        constants_used_elsewhere: Default::default(),
    };
    let mut result = scan::scan(&options);
    // fixing checks each file alone: keep what the scan saw across files
    options.constants_used_elsewhere = result.constants_used_elsewhere.clone();
    if let Some(changed) = &diff_base {
        changed.retain(&mut result.findings);
    }
    warn_unreadable(&result);
    if args.diff {
        return Ok(print_diffs(&options, &result, args.unsafe_fixes));
    }
    // what the report shows as fixable, with or without writing
    result.show_unsafe_fixes = args.unsafe_fixes;
    let mut fixed_count = 0;
    // only `--fix` writes; `--unsafe-fixes` alone changes what is shown
    if args.fix {
        // temp files that killed runs left next to the files this run checks
        let folders: std::collections::BTreeSet<&std::path::Path> = result
            .findings
            .iter()
            .filter_map(|f| f.file.as_deref()?.parent())
            .map(|d| {
                if d.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    d
                }
            })
            .collect();
        for folder in folders {
            crate::fix::remove_stale_temp_files(folder);
        }
        // a fix in one file can change what another file's analysis sees
        // (a constant it uses): fix again while the project still offers
        // fixes, a bounded number of rounds
        let mut round = 0;
        loop {
            round += 1;
            let outcomes = crate::fix::fix_findings(&options, &result.findings, args.unsafe_fixes);
            if let Some((_, content)) = &options.stdin {
                // standard input: print the fixed source, nothing else
                let fixed = outcomes
                    .iter()
                    .find(|o| o.file.is_none())
                    .and_then(|o| match &o.outcome {
                        crate::fix::FileFix::Fixed { text, .. } => Some(text.as_bytes()),
                        crate::fix::FileFix::Failed(_) => None,
                    })
                    .unwrap_or(content);
                let mut stdout = io::stdout().lock();
                let mut echoed = stdout.write_all(fixed);
                if !stdin_complete {
                    // too large to check: pass the rest through unchanged
                    echoed = echoed
                        .and_then(|_| io::copy(&mut io::stdin().lock(), &mut stdout).map(drop));
                }
                if let Err(e) = echoed.and_then(|_| stdout.flush()) {
                    if e.kind() != io::ErrorKind::BrokenPipe {
                        return Err(UsageError(format!("cannot write standard output: {e}")));
                    }
                }
                return Ok(0);
            }
            let mut written = 0;
            for o in &outcomes {
                let path = &o.shown;
                match (&o.outcome, &o.file) {
                    (crate::fix::FileFix::Fixed { text, fixed }, Some(file)) => {
                        match crate::fix::write_fixed(file, &o.original, text) {
                            Ok(()) => written += fixed,
                            Err(why) => eprintln!("gotolint: {path}: {why}"),
                        }
                    }
                    (crate::fix::FileFix::Fixed { .. }, None) => {}
                    (crate::fix::FileFix::Failed(why), _) => {
                        eprintln!("gotolint: {path}: fix failed: {why}")
                    }
                }
            }
            fixed_count += written;
            if written == 0 {
                break;
            }
            result = scan::scan(&options);
            options.constants_used_elsewhere = result.constants_used_elsewhere.clone();
            result.show_unsafe_fixes = args.unsafe_fixes;
            if let Some(changed) = &diff_base {
                changed.retain(&mut result.findings);
            }
            let more = result
                .findings
                .iter()
                .any(|f| crate::fix::applicable(f, args.unsafe_fixes));
            if !more || round >= FIX_ROUNDS {
                break;
            }
        }
        result.fixing = Some(args.unsafe_fixes);
    }
    if let Some(path) = &args.write_baseline {
        crate::baseline::write(path, &result.findings)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
        if !args.quiet {
            eprintln!(
                "Wrote {} finding{} to the baseline {}.",
                result.findings.len(),
                if result.findings.len() == 1 { "" } else { "s" },
                path.display()
            );
        }
        return Ok(0);
    }
    if let Some(path) = &args.baseline {
        let baseline = crate::baseline::read(path).map_err(UsageError)?;
        let (kept, stale) =
            crate::baseline::filter(std::mem::take(&mut result.findings), &baseline);
        result.findings = kept;
        if !args.quiet {
            eprintln!(
                "Baseline {}: {} entr{} no longer match{}.",
                path.display(),
                stale,
                if stale == 1 { "y" } else { "ies" },
                if stale == 1 { "es" } else { "" }
            );
        }
    }
    let findings = result.findings.len();

    if args.quiet && args.format == Format::Human {
        result
            .notices
            .retain(|n| n.kind != scan::NoticeKind::Skipped);
    }
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = use_color(args.color, to_terminal);
    if args.show_skipped && (args.format != Format::Human || args.quiet) {
        // machine-readable output stays on stdout; the list goes to stderr
        for s in &result.skipped_files {
            eprintln!("skipped: {}: {} ({})", s.path, s.reason, s.detail);
        }
    }
    // the report is written as it is formatted, never held whole in memory
    match &args.output {
        Some(path) => {
            let written = std::fs::File::create(path).and_then(|file| {
                let mut out = io::BufWriter::new(file);
                write_report(&mut out, &args, &result, &rules, color)?;
                out.flush()
            });
            if let Err(e) = written {
                // a partial report must not pass for a whole one (but a
                // device such as /dev/full is left alone)
                if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
                    let _ = std::fs::remove_file(path);
                }
                return Err(UsageError(format!("cannot write {}: {e}", path.display())));
            }
            if args.statistics && args.format != Format::Human {
                let _ = report::human::write_statistics(&mut io::stdout(), &result, catalog);
            }
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let written =
                write_report(&mut out, &args, &result, &rules, color).and_then(|_| out.flush());
            if let Err(e) = written {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    return Err(UsageError(format!("cannot write the report: {e}")));
                }
            }
            drop(out);
            if args.statistics && args.format != Format::Human {
                let _ = report::human::write_statistics(&mut io::stderr(), &result, catalog);
            }
        }
    }
    if args.strict {
        let problems: Vec<&scan::Notice> = result
            .notices
            .iter()
            .filter(|n| {
                matches!(
                    n.kind,
                    scan::NoticeKind::ParseError | scan::NoticeKind::InternalError
                ) || n.kind == scan::NoticeKind::Skipped
                    && (n.message.starts_with("cannot read")
                        || n.message.starts_with("cannot decode"))
            })
            .collect();
        let unreadable = result.skipped.get(&scan::SkipReason::Unreadable).copied();
        if !problems.is_empty() || unreadable.is_some() {
            for n in &problems {
                eprintln!("gotolint: --strict: {}: {}", n.path, n.message);
            }
            if let Some(n) = unreadable {
                // each one was named in a warning above
                let s = if n == 1 { "" } else { "s" };
                eprintln!("gotolint: --strict: {n} file{s} or folder{s} could not be read");
            }
            return Ok(2);
        }
    }
    if fixed_count > 0 && !args.quiet {
        let plural = if fixed_count == 1 { "" } else { "s" };
        eprintln!("Fixed {fixed_count} finding{plural} ({findings} remaining).");
    }
    Ok(if findings > 0 && !args.exit_zero {
        1
    } else {
        0
    })
}

/// Run `merge`; returns the exit code.
pub fn merge(args: MergeArgs) -> Result<i32, UsageError> {
    let result = crate::merge::merge(&args.files).map_err(|e| UsageError(e.0))?;
    let catalog = Catalog::get();
    let rules: Vec<&Rule> = catalog
        .rules
        .iter()
        .filter(|r| r.status == Status::Stable)
        .collect();
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = use_color(args.color, to_terminal);
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match args.format {
            Format::Human => report::human::write(out, &result, catalog, color, false, false),
            Format::Json => report::json::write(out, &result),
            Format::Sarif => report::sarif::write(out, &result, &rules),
            Format::Github => report::github::write(out, &result),
            Format::Gitlab => report::gitlab::write(out, &result),
            Format::Markdown => report::markdown::write(out, &result, catalog),
            Format::Html => report::html::write(out, &result, catalog),
        }
    };
    write_output(args.output.as_deref(), write)?;
    Ok(i32::from(!result.findings.is_empty() && !args.exit_zero))
}

/// Write a report to FILE (removed again if writing fails midway) or to
/// standard output.
fn write_output(
    output: Option<&std::path::Path>,
    write: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<(), UsageError> {
    match output {
        Some(path) => {
            let written = std::fs::File::create(path).and_then(|file| {
                let mut out = io::BufWriter::new(file);
                write(&mut out)?;
                out.flush()
            });
            if let Err(e) = written {
                if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
                    let _ = std::fs::remove_file(path);
                }
                return Err(UsageError(format!("cannot write {}: {e}", path.display())));
            }
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            if let Err(e) = write(&mut out).and_then(|_| out.flush()) {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    return Err(UsageError(format!("cannot write the report: {e}")));
                }
            }
        }
    }
    Ok(())
}

/// Project-wide fix rounds: one fix can open another in a file that uses
/// the value it changed.
const FIX_ROUNDS: usize = 4;

/// A project name must be something to show: not empty, no control characters.
pub fn checked_project_name(name: &str) -> Result<String, UsageError> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(UsageError(format!(
            "--project-name must be a name without control characters, not {name:?}"
        )));
    }
    Ok(name.to_string())
}

/// The configuration for a run: `--config`, else the closest file above the
/// first path (or the current folder), else the defaults.
fn load_config(args: &CheckArgs, paths: &[PathBuf]) -> Result<crate::config::Config, UsageError> {
    let catalog = Catalog::get();
    let found = match &args.config {
        Some(p) => Some(p.clone()),
        None => {
            let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            crate::config::discover(&start)
        }
    };
    match found {
        Some(p) => crate::config::load(&p, catalog).map_err(|e| UsageError(e.0)),
        None => Ok(crate::config::Config {
            root: std::env::current_dir().unwrap_or_default(),
            ..Default::default()
        }),
    }
}

/// `--diff`: the fixes as a unified diff; exit 1 when there is anything to fix.
fn print_diffs(options: &ScanOptions, result: &scan::ScanResult, unsafe_fixes: bool) -> i32 {
    let outcomes = crate::fix::fix_findings(options, &result.findings, unsafe_fixes);
    let mut out = io::stdout().lock();
    let mut any = false;
    for o in &outcomes {
        let (path, before) = (&o.shown, &*o.original);
        match &o.outcome {
            crate::fix::FileFix::Fixed { text, fixed } if *fixed > 0 && text != before => {
                any = true;
                let diff = crate::fix::unified_diff(path, before, text);
                let _ = write!(out, "{}", crate::report::mask_values(&diff, &o.secrets));
            }
            crate::fix::FileFix::Failed(why) => eprintln!("gotolint: {path}: fix failed: {why}"),
            _ => {}
        }
    }
    i32::from(any)
}

/// Files and folders that could not be read are named on stderr in every
/// mode: a scan that silently missed them would pass green.
fn warn_unreadable(result: &scan::ScanResult) {
    for s in &result.skipped_files {
        if s.reason == scan::SkipReason::Unreadable {
            eprintln!("gotolint: warning: {}: {}", s.path, s.detail);
        }
    }
}

/// The report in the chosen format.
fn write_report(
    out: &mut dyn Write,
    args: &CheckArgs,
    result: &scan::ScanResult,
    rules: &[&Rule],
    color: bool,
) -> io::Result<()> {
    let catalog = Catalog::get();
    match args.format {
        Format::Human if args.quiet => write_quiet(out, result),
        Format::Human => report::human::write(
            out,
            result,
            catalog,
            color,
            args.statistics,
            args.show_skipped,
        ),
        Format::Json => report::json::write(out, result),
        Format::Sarif => report::sarif::write(out, result, rules),
        Format::Github => report::github::write(out, result),
        Format::Gitlab => report::gitlab::write(out, result),
        Format::Markdown => report::markdown::write(out, result, catalog),
        Format::Html => report::html::write(out, result, catalog),
    }
}

/// `--quiet`: one line per finding, nothing else.
fn write_quiet(out: &mut dyn Write, result: &scan::ScanResult) -> io::Result<()> {
    for f in &result.findings {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            f.path, f.start.line, f.start.column, f.code, f.message
        )?;
    }
    Ok(())
}

pub fn rules(format: RulesFormat) -> i32 {
    let catalog = Catalog::get();
    let mut out = io::stdout().lock();
    match format {
        RulesFormat::Json => {
            let rows: Vec<serde_json::Value> = catalog
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "severity": r.severity.as_str(),
                        "fix": r.fix.as_str(),
                        "fixable": r.fix != crate::rules::FixSafety::None,
                        "enabled": r.is_enabled_by_default(),
                        "status": r.status,
                        "triggers": r.triggers,
                        "prefilter": crate::goto::CONTEXT_WORDS.iter().map(|w| w.to_string()).chain(r.triggers.iter().cloned()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let _ = serde_json::to_writer_pretty(&mut out, &rows);
            let _ = writeln!(out);
        }
        RulesFormat::Text => {
            for r in &catalog.rules {
                let fix = match r.fix {
                    crate::rules::FixSafety::None => "",
                    crate::rules::FixSafety::Safe => "fix",
                    crate::rules::FixSafety::Unsafe => "unsafe fix",
                };
                let planned = if r.status == Status::Planned {
                    " (planned)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{}  {:<34} {:<8} {:<10} {}{}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    fix,
                    r.summary,
                    planned
                );
            }
        }
    }
    0
}

/// The rule's documentation as Markdown-ish text.
pub fn explain_text(rule: &Rule) -> String {
    let fix = match rule.fix {
        crate::rules::FixSafety::None => "no automatic fix".to_string(),
        s => format!(
            "{} fix: {}",
            s.as_str(),
            rule.fix_title.clone().unwrap_or_default()
        ),
    };
    format!(
        "# {} {}\n\n{}\n\nSeverity: {} · {}{}\n\n{}\n\n## Example\n\n```{}\n{}```\n\nUse instead:\n\n```{}\n{}```\n\nSource: the `{}` guide. Docs: {}\n",
        rule.code,
        rule.name,
        rule.summary,
        rule.severity.as_str(),
        fix,
        if rule.status == Status::Planned { " · planned (not enabled yet)" } else { "" },
        rule.rationale.trim(),
        rule.example.language,
        rule.example.before,
        rule.example.language,
        rule.example.after,
        rule.guide,
        rule.docs_url()
    )
}

pub fn dump_model(path: &std::path::Path) -> Result<i32, UsageError> {
    let limit = 64 * 1024 * 1024;
    let bytes = std::fs::File::open(path)
        .and_then(|f| crate::source::read_bounded(f, limit))
        .map_err(|e| UsageError(format!("{}: {e}", path.display())))?
        .ok_or_else(|| UsageError(format!("{}: over the {limit} byte limit", path.display())))?;
    if crate::scan::is_minified(path, &bytes) {
        return Err(UsageError(format!(
            "{}: a minified bundle, which a scan does not analyse",
            path.display()
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| UsageError(format!("{}: not UTF-8", path.display())))?;
    // the same large stack as the analysis threads of a scan
    let language = crate::lang::Language::from_path(path);
    let json = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || crate::lang::lower(language, &text).canonical_json())
        .and_then(|t| {
            t.join()
                .map_err(|_| io::Error::other("the analysis stopped"))
        })
        .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    println!("{json}");
    Ok(0)
}

pub fn explain(code: Option<&str>) -> Result<i32, UsageError> {
    let catalog = Catalog::get();
    let Some(code) = code else {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "Usage: gotolint explain CODE, one of:\n");
        for r in &catalog.rules {
            let _ = writeln!(out, "  {}  {:<34} {}", r.code, r.name, r.summary);
        }
        return Ok(0);
    };
    let rule = catalog
        .rule(code)
        .ok_or_else(|| UsageError(format!("unknown rule code `{code}` (see `gotolint rules`)")))?;
    print!("{}", explain_text(rule));
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("chek", "check"), 1);
        assert_eq!(edit_distance("chekc", "check"), 1);
        assert_eq!(edit_distance("rules", "rules"), 0);
        assert_eq!(edit_distance("src", "check"), 4);
    }

    #[test]
    fn only_words_close_to_a_command_are_typos() {
        let args = |w: &str| vec!["gotolint".to_string(), w.to_string()];
        assert!(command_typo(&args("chekc")).is_some());
        assert!(command_typo(&args("explian")).is_some());
        assert!(command_typo(&args("check")).is_none());
        assert!(command_typo(&args("--fix")).is_none());
        assert!(command_typo(&args("src")).is_none());
        assert!(command_typo(&args("chek.py")).is_none());
    }
}
