//! Baselines: today's findings recorded by a fingerprint that survives line
//! moves and unrelated edits (rule, path, normalised source line, occurrence
//! index among identical ones), so that only new findings are reported.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
pub struct BaselineFile {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct BaselineEntry {
    pub code: String,
    pub path: String,
    pub fingerprint: String,
}

/// FNV-1a, 64 bits: stable across versions and platforms.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            // a separator byte (0) between parts
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

pub fn normalise_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One fingerprint per finding, in order.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let line = normalise_line(&f.line_text);
            let key = (f.code.clone(), f.path.clone(), line.clone());
            let n = seen.entry(key).or_default();
            let fp = format!("{:016x}:{}", fnv1a(&[&f.code, &f.path, &line]), n);
            *n += 1;
            fp
        })
        .collect()
}

pub fn write(path: &Path, findings: &[Finding]) -> std::io::Result<()> {
    let mut entries: Vec<BaselineEntry> = findings
        .iter()
        .zip(fingerprints(findings))
        .map(|(f, fingerprint)| BaselineEntry {
            code: f.code.clone(),
            path: f.path.clone(),
            fingerprint,
        })
        .collect();
    entries.sort();
    let doc = BaselineFile {
        version: 1,
        findings: entries,
    };
    let text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}

pub fn read(path: &Path) -> Result<BaselineFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a gotolint baseline: {e}", path.display()))
}

/// Keep the findings not in the baseline; also return how many baseline
/// entries matched nothing.
pub fn filter(findings: Vec<Finding>, baseline: &BaselineFile) -> (Vec<Finding>, usize) {
    let mut known: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for e in &baseline.findings {
        *known
            .entry((e.code.clone(), e.path.clone(), e.fingerprint.clone()))
            .or_default() += 1;
    }
    let fps = fingerprints(&findings);
    let mut kept = Vec::new();
    let mut matched = 0;
    for (f, fp) in findings.into_iter().zip(fps) {
        let key = (f.code.clone(), f.path.clone(), fp);
        match known.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                matched += 1;
            }
            _ => kept.push(f),
        }
    }
    (kept, baseline.findings.len() - matched)
}
