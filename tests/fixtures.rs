//! One harness over `fixtures/`: every file states the findings it must
//! produce, inline (`expect: GT002` in a comment on the line, or alone in a
//! comment on the line above) or beside it (`<file>.expect`, `LINE: CODES`).
//! Any finding not expected fails the test, as does any expected one missing.
//!
//! `fixtures/<language>/` files are checked one by one with every rule but
//! the project-level GT013; each folder under `fixtures/projects/` is one
//! scan root checked with every rule.

use gotolint::rules::{Catalog, Rule};
use gotolint::scan::{scan, ScanOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Expected = BTreeMap<(String, usize, String), usize>;

fn codes_after(text: &str) -> Vec<String> {
    let Some(at) = text.find("expect:") else {
        return Vec::new();
    };
    text[at + "expect:".len()..]
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|s| s.trim_end_matches("-->").trim())
        .take_while(|s| s.is_empty() || s.starts_with("GT"))
        .filter(|s| s.starts_with("GT"))
        .map(str::to_string)
        .collect()
}

fn is_comment_only(line: &str) -> bool {
    let t = line.trim_start();
    ["#", "//", "/*", "*", "<!--", "--", ";"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Expectations of one file, keyed by (display path, line, code).
fn expectations(path: &Path, shown: &str) -> Expected {
    let mut out = Expected::new();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let codes = codes_after(line);
        if codes.is_empty() {
            continue;
        }
        let target = if is_comment_only(line) {
            // the next line that is not blank and not itself a comment
            (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty() && !is_comment_only(lines[j]))
                .unwrap_or(i)
        } else {
            i
        };
        for code in codes {
            *out.entry((shown.to_string(), target + 1, code))
                .or_default() += 1;
        }
    }
    let beside = PathBuf::from(format!("{}.expect", path.display()));
    if let Ok(spec) = std::fs::read_to_string(beside) {
        for row in spec.lines().filter(|l| !l.trim().is_empty()) {
            let (line, codes) = row.split_once(':').expect("LINE: CODES");
            let line: usize = line.trim().parse().expect("line number");
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                *out.entry((shown.to_string(), line, code.to_string()))
                    .or_default() += 1;
            }
        }
    }
    out
}

fn options(paths: Vec<PathBuf>, rules: Vec<&'static Rule>) -> ScanOptions {
    let mut o = ScanOptions::new(paths, rules);
    o.threads = 2;
    o
}

fn compare(
    expected: Expected,
    actual: Vec<gotolint::finding::Finding>,
    failures: &mut Vec<String>,
) {
    let mut got = Expected::new();
    let mut messages = BTreeMap::new();
    for f in actual {
        let key = (f.path.clone(), f.start.line, f.code.clone());
        *got.entry(key.clone()).or_default() += 1;
        messages.insert(key, f.message.clone());
    }
    for (key, n) in &expected {
        let have = got.get(key).copied().unwrap_or(0);
        if have < *n {
            failures.push(format!(
                "missing  {}:{} {} (expected {n}, got {have})",
                key.0, key.1, key.2
            ));
        }
    }
    for (key, n) in &got {
        let want = expected.get(key).copied().unwrap_or(0);
        if *n > want {
            failures.push(format!(
                "unexpected {}:{} {} ({n} found, {want} expected): {}",
                key.0,
                key.1,
                key.2,
                messages.get(key).cloned().unwrap_or_default()
            ));
        }
    }
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn every_fixture_reports_exactly_what_it_expects() {
    let catalog = Catalog::get();
    let file_rules: Vec<&'static Rule> = catalog
        .rules
        .iter()
        .filter(|r| {
            r.is_enabled_by_default() && r.detector != gotolint::rules::Detector::ProjectRefresh
        })
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut languages = std::fs::read_dir(fixture_root())
        .expect("fixtures/")
        .flatten()
        .collect::<Vec<_>>();
    languages.sort_by_key(|e| e.path());
    for lang in languages {
        if lang.file_name() == "projects" || !lang.path().is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(lang.path())
            .expect("language folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "expect"))
            .collect();
        files.sort();
        for file in files {
            let shown = gotolint::scan::display_path(&file);
            let expected = expectations(&file, &shown);
            let result = scan(&options(vec![file.clone()], file_rules.clone()));
            assert_eq!(result.files_scanned, 1, "{shown} was not scanned");
            compare(expected, result.findings, &mut failures);
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} fixture files found");
    assert!(
        failures.is_empty(),
        "{} fixture mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_project_fixture_reports_exactly_what_it_expects() {
    let catalog = Catalog::get();
    let rules: Vec<&'static Rule> = catalog
        .rules
        .iter()
        .filter(|r| r.is_enabled_by_default())
        .collect();
    let mut failures = Vec::new();
    let projects = fixture_root().join("projects");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&projects)
        .expect("fixtures/projects")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no project fixtures");
    for dir in dirs {
        let result = scan(&options(vec![dir.clone()], rules.clone()));
        let mut expected = Expected::new();
        for entry in walk(&dir) {
            let shown = gotolint::scan::display_path(&entry);
            expected.extend(expectations(&entry, &shown));
        }
        compare(expected, result.findings, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} project mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_none_or(|x| x != "expect") {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn expectation_parser_reads_inline_and_above_forms() {
    assert_eq!(
        codes_after("x = 1  # expect: GT001, GT003"),
        vec!["GT001", "GT003"]
    );
    assert_eq!(codes_after("<!-- expect: GT103 -->"), vec!["GT103"]);
    assert!(codes_after("no expectation here").is_empty());
    assert!(is_comment_only("   // expect: GT002"));
    assert!(!is_comment_only("const x = 1; // expect: GT002"));
}
