//! The whole per-file pipeline (front end, detectors, suppressions) on
//! arbitrary text under a file name picked by the first byte.
#![no_main]
use gotolint::rules::Catalog;
use gotolint::scan::{lint_text, ScanOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const NAMES: &[&str] = &["a.js", "a.ts", "a.tsx", "a.py", "a.rs", "a.php", "a.cs", "a.java", "a.go", "a.rb", "a.sh", "a.ps1", ".env", "a.md", "a.json", "a.xml"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = NAMES[first as usize % NAMES.len()];
    let rules = Catalog::get().rules.iter().collect();
    let options = ScanOptions::new(Vec::new(), rules);
    let _ = lint_text(&options, name, Path::new(name), text);
});
