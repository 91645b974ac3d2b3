//! A bounded, deterministic fuzz run for every front end and the whole
//! per-file pipeline: thousands of mutated fixtures and random inputs must
//! not panic. (`fuzz/` holds the cargo-fuzz targets for longer runs.)

use gotolint::lang::{self, Language};
use gotolint::rules::Catalog;
use gotolint::scan::{lint_text, ScanOptions};
use std::path::{Path, PathBuf};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "`",
    "${",
    "#{",
    "\\",
    "\n",
    "\r\n",
    "<?php",
    "*/",
    "/*",
    "//",
    "#",
    "https://api.getgo.com/oauth/v2/token",
    "grant_type=password&user_id=",
    "organizer_key",
    "refresh_token",
    "fetch(",
    "requests.get(",
    "Invoke-RestMethod -Uri ",
    " -Body @{ ",
    "@'\n",
    "$(",
    " -f ",
    ".json()",
    "=",
    "+",
    "%s",
    "{}",
    "é",
    "語",
    "\u{FEFF}",
    "gotolint: ignore[GT002]",
];

fn mutate(rng: &mut Lcg, text: &str) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next(6) {
        let at = rng.next(s.len() + 1);
        match rng.next(4) {
            0 => {
                let piece: Vec<char> = PIECES[rng.next(PIECES.len())].chars().collect();
                s.splice(at..at, piece);
            }
            1 if !s.is_empty() => {
                let end = (at + rng.next(40)).min(s.len());
                s.drain(at.min(end)..end);
            }
            2 => s.truncate(at),
            _ => {
                let end = (at + rng.next(80)).min(s.len());
                let dup: Vec<char> = s[at.min(end)..end].to_vec();
                s.splice(at..at, dup);
            }
        }
    }
    s.into_iter().collect()
}

fn fixture_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures"
    ))];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with(".expect") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mutated_fixtures_never_panic_any_front_end_or_the_pipeline() {
    let rules = Catalog::get().rules.iter().collect();
    let options = ScanOptions::new(Vec::new(), rules);
    let mut rng = Lcg(0xf00d);
    let mut runs = 0;
    for file in fixture_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        for _ in 0..60 {
            let input = mutate(&mut rng, &text);
            let (_findings, _parsed) = lint_text(&options, &name, Path::new(&name), &input);
            runs += 1;
        }
    }
    assert!(runs > 1000, "only {runs} inputs");
}

#[test]
fn inputs_that_once_crashed_a_front_end_stay_fixed() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/regressions"
    ));
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let _ = lang::lower(Language::from_path(&path), &text);
    }
}

#[test]
fn random_inputs_never_panic_any_front_end() {
    let languages = [
        "a.js", "a.ts", "a.tsx", "a.py", "a.rs", "a.php", "a.cs", "a.java", "a.go", "a.rb", "a.sh",
        "a.ps1", "a.env", "a.md", "a.xml", "a.json",
    ];
    let mut rng = Lcg(0xbeef);
    for name in languages {
        let language = Language::from_path(Path::new(name));
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..rng.next(60) {
                s.push_str(PIECES[rng.next(PIECES.len())]);
                if rng.next(3) == 0 {
                    s.push(' ');
                }
            }
            let _ = lang::lower(language, &s);
        }
    }
}
