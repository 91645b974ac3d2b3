//! Reports are written as a stream: peak memory grows by a few hundred bytes
//! per finding, not by the size of the report. Measured on the process
//! itself: the peak resident set of a child gotolint run, from `wait4`'s
//! resource usage (no timing).

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;

const FILES: usize = 1_000;
const FINDINGS_PER_FILE: usize = 200;

/// 1,000 files of 200 lines, each line one GT002 finding with a safe fix.
fn generate(dir: &Path) {
    let text: String = (0..FINDINGS_PER_FILE)
        .map(|i| format!("TOKEN_URL_{i}=https://api.getgo.com/oauth/v2/token\n"))
        .collect();
    for f in 0..FILES {
        let sub = dir.join(format!("service{:02}", f % 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("settings{f:04}.env")), &text).unwrap();
    }
}

/// Run gotolint to completion; its exit code and peak RSS in KiB.
// the child is reaped by `wait4`, which `Child::wait` cannot do
#[allow(clippy::zombie_processes)]
fn run_measured(args: &[&str], cwd: &Path) -> (i32, i64) {
    let child = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(cwd)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run gotolint");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status), "gotolint did not exit normally");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

#[test]
fn large_reports_are_written_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let findings = (FILES * FINDINGS_PER_FILE) as i64;
    let per_finding = |kib: i64| kib.max(0) * 1024 / findings;
    // a run without findings: threads, parsers, the rule catalog
    let (_, none_kib) = run_measured(&["check", "-q", "--select", "GT001", "."], dir.path());
    // the same findings, printed one line each as they are written
    let (code, quiet_kib) = run_measured(&["check", "-q", "."], dir.path());
    assert_eq!(code, 1);
    eprintln!(
        "no findings: {none_kib} KiB; -q: {quiet_kib} KiB, {} bytes per finding",
        per_finding(quiet_kib - none_kib)
    );
    for format in ["sarif", "json", "gitlab", "markdown"] {
        let output = format!("report.{format}");
        let (code, peak_kib) = run_measured(
            &["check", "--format", format, "--output", &output, "."],
            dir.path(),
        );
        assert_eq!(code, 1, "{format}: findings exit with 1");
        let report = dir.path().join(&output);
        let size = std::fs::metadata(&report).unwrap().len();
        std::fs::remove_file(report).unwrap();
        let total = per_finding(peak_kib - none_kib);
        let report_only = per_finding(peak_kib - quiet_kib);
        eprintln!("{format}: {peak_kib} KiB, {total} bytes per finding, {report_only} for the report; {size}-byte file");
        // the file is far larger than the budget: it was not held in memory
        assert!(size > 20 << 20, "{format}: {size} bytes");
        // the findings as the scan keeps them, plus the report
        assert!(
            total <= 1536,
            "{format}: peak {peak_kib} KiB, {none_kib} KiB without findings: {total} bytes per finding"
        );
        // what writing the report adds
        assert!(
            report_only <= 256,
            "{format}: peak {peak_kib} KiB, {quiet_kib} KiB for -q: {report_only} bytes per finding"
        );
    }
}
