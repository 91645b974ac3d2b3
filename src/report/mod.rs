//! Output formats. Each reads the scan result and the catalog; none
//! re-derives anything about findings.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::finding::Finding;
use crate::rules::{FixSafety, Severity};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Markdown,
}

/// Counts shared by the human summary, JSON and statistics.
#[derive(Debug, Default, serde::Serialize)]
pub struct Totals {
    pub findings: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub by_rule: BTreeMap<String, usize>,
    pub fixable_safe: usize,
    pub fixable_unsafe: usize,
}

pub fn totals(findings: &[Finding]) -> Totals {
    let mut t = Totals {
        findings: findings.len(),
        ..Default::default()
    };
    for f in findings {
        *t.by_severity.entry(f.severity.as_str()).or_default() += 1;
        *t.by_rule.entry(f.code.clone()).or_default() += 1;
        match f.fix.as_ref().map(|x| x.applicability) {
            Some(FixSafety::Safe) => t.fixable_safe += 1,
            Some(FixSafety::Unsafe) => t.fixable_unsafe += 1,
            _ => {}
        }
    }
    t
}

/// `42 findings (40 errors, 2 warnings)`
pub fn findings_phrase(t: &Totals) -> String {
    let n = t.findings;
    let mut parts = Vec::new();
    for (sev, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Note, "note"),
    ] {
        if let Some(&c) = t.by_severity.get(sev.as_str()) {
            parts.push(format!("{c} {word}{}", if c == 1 { "" } else { "s" }));
        }
    }
    let head = format!("{n} finding{}", if n == 1 { "" } else { "s" });
    if parts.is_empty() {
        head
    } else {
        format!("{head} ({})", parts.join(", "))
    }
}

/// A source text with secrets masked (first 4 characters, then `…`), and
/// the finding's span moved to match.
pub fn masked_source(f: &Finding) -> (String, std::ops::Range<usize>) {
    let mut text = f.source.to_string();
    let mut span = f.span.clone();
    let mut secrets = f.secrets.clone();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.start));
    for s in secrets {
        let Some(secret) = text.get(s.clone()).map(str::to_owned) else {
            continue;
        };
        let masked = crate::finding::mask_secret(&secret);
        text.replace_range(s.clone(), &masked);
        let delta = masked.len() as isize - secret.len() as isize;
        let shift = |x: usize| -> usize {
            if x >= s.end {
                (x as isize + delta) as usize
            } else if x > s.start {
                s.start + masked.len().min(x - s.start)
            } else {
                x
            }
        };
        span = shift(span.start)..shift(span.end).max(shift(span.start));
    }
    (text, span)
}

/// Mask every occurrence of the given secret values in a text that is about
/// to be printed (diff lines, fix previews).
pub fn mask_values(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    // longest first, so a secret that contains another is masked whole
    let mut secrets: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for s in secrets {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), &crate::finding::mask_secret(s));
        }
    }
    out
}
