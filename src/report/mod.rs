//! Output formats. Each reads the scan result and the catalog; none
//! re-derives anything about findings.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::finding::Finding;
use crate::finding::{FixSafety, Severity};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Markdown,
    Html,
}

/// Rule codes from the most urgent to the least: hosts that are turned off
/// and token requests that fail first, then what fails later or only for
/// some users (authorize parameters, refresh handling, secrets), then the
/// user fields that moved. Checklists follow this order.
pub const URGENCY: &[&str] = &[
    "GT002", "GT103", "GT102", "GT101", "GT001", "GT003", "GT004", "GT006", "GT005", "GT015",
    "GT007", "GT008", "GT009", "GT012", "GT013", "GT014", "GT010", "GT011", "GT900",
];

/// The place of a rule in [`URGENCY`] (unknown codes last).
pub fn urgency(code: &str) -> usize {
    URGENCY
        .iter()
        .position(|c| *c == code)
        .unwrap_or(URGENCY.len())
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
        add_to_totals(&mut t, f);
    }
    t
}

/// The totals of each project's findings, by project name.
pub fn totals_by_project(findings: &[Finding]) -> BTreeMap<&str, Totals> {
    let mut grouped: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        grouped.entry(&f.project).or_default().push(f);
    }
    grouped
        .into_iter()
        .map(|(name, fs)| {
            let mut t = Totals {
                findings: fs.len(),
                ..Default::default()
            };
            for f in fs {
                add_to_totals(&mut t, f);
            }
            (name, t)
        })
        .collect()
}

fn add_to_totals(t: &mut Totals, f: &Finding) {
    *t.by_severity.entry(f.severity.as_str()).or_default() += 1;
    *t.by_rule.entry(f.code.clone()).or_default() += 1;
    match f.fix.as_ref().map(|x| x.applicability) {
        Some(FixSafety::Safe) => t.fixable_safe += 1,
        Some(FixSafety::Unsafe) => t.fixable_unsafe += 1,
        _ => {}
    }
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
/// the finding's span moved to match; `None` when the scan kept no text.
pub fn masked_source(f: &Finding) -> Option<(String, std::ops::Range<usize>)> {
    let mut text = f.source.as_deref()?.to_string();
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
    Some((text, span))
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

/// How many characters of a source line are shown; longer lines are
/// clipped around the finding.
pub const SNIPPET_WIDTH: usize = 120;
/// Characters kept before the finding when a line is clipped.
pub(crate) const SNIPPET_LEAD: usize = 30;
/// Lines of a multi-line span shown at most.
const SNIPPET_SPAN_LINES: usize = 6;

/// Start of the line holding byte `pos` (after a `\n`, a `\r\n` or a lone `\r`).
pub(crate) fn line_start(src: &[u8], pos: usize) -> usize {
    src[..pos]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// End of the line holding byte `pos` (the offset of its line break).
pub(crate) fn line_end(src: &[u8], pos: usize) -> usize {
    src[pos..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(src.len(), |i| pos + i)
}

/// Start of the line after the one that ends at `end`, if any.
fn next_line(src: &[u8], end: usize) -> Option<usize> {
    match src.get(end)? {
        b'\r' if src.get(end + 1) == Some(&b'\n') => Some(end + 2),
        _ => Some(end + 1),
    }
}

/// End of the line before the one that starts at `start`, if any.
fn previous_line_end(src: &[u8], start: usize) -> Option<usize> {
    let brk = start.checked_sub(1)?;
    if src[brk] == b'\n' && brk > 0 && src[brk - 1] == b'\r' {
        Some(brk - 1)
    } else {
        Some(brk)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offset `n` characters after `from`, but not past `limit`.
fn chars_forward(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(n)
        .map_or(limit, |(i, _)| from + i)
}

/// Byte offset `n` characters before `from`, but not before `limit`.
fn chars_back(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(limit, |(i, _)| limit + i)
}

/// The part `window` of the source line `line`, ready to print: every
/// secret in it masked (first four characters, then `…`; a secret cut by
/// the window shows only `…`), `…` where the line was clipped. `marks`
/// are source offsets whose place in the result is filled in (offsets
/// outside the window go to its nearest edge).
pub fn render_line(
    src: &str,
    line: std::ops::Range<usize>,
    window: std::ops::Range<usize>,
    secrets: &[std::ops::Range<usize>],
    marks: &mut [(usize, Option<usize>)],
) -> String {
    let mut out = String::new();
    if window.start > line.start {
        out.push('…');
    }
    let touching: Vec<&std::ops::Range<usize>> = secrets
        .iter()
        .filter(|s| s.start < window.end && window.start < s.end)
        .collect();
    let mut pos = window.start;
    while pos < window.end {
        for m in marks.iter_mut().filter(|m| m.1.is_none() && m.0 <= pos) {
            m.1 = Some(out.len());
        }
        if let Some(s) = touching.iter().find(|s| s.start <= pos && pos < s.end) {
            match src.get(s.start..s.end) {
                Some(secret) if s.start == pos => {
                    out.push_str(&crate::finding::mask_secret(secret))
                }
                _ => out.push('…'),
            }
            pos = floor_boundary(src, s.end.max(pos + 1));
            continue;
        }
        let Some(c) = src[pos..].chars().next() else {
            break;
        };
        out.push(c);
        pos += c.len_utf8();
    }
    for m in marks.iter_mut().filter(|m| m.1.is_none()) {
        m.1 = Some(out.len());
    }
    if window.end < line.end {
        out.push('…');
    }
    out
}

/// A source line with every secret in it masked, never clipped.
pub fn masked_line(
    src: &str,
    line: std::ops::Range<usize>,
    secrets: &[std::ops::Range<usize>],
) -> String {
    render_line(src, line.clone(), line, secrets, &mut [])
}

/// The lines of a finding to show: its span (at most a few lines), the
/// context lines around it, each clipped around the finding and with every
/// secret of the file masked, whatever line it stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// 0-based number of the first line shown
    pub first_line: usize,
    /// the lines, joined by `\n`
    pub text: String,
    /// the finding's span within `text`
    pub span: std::ops::Range<usize>,
}

pub fn snippet(f: &Finding, context: usize) -> Snippet {
    let src: &str = f.source.as_deref().unwrap_or("");
    let bytes = src.as_bytes();
    let start = floor_boundary(src, f.span.start);
    let end = floor_boundary(src, f.span.end.max(start));
    let first = line_start(bytes, start);
    // the span's lines, at most SNIPPET_SPAN_LINES of them
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    lines.push(first..line_end(bytes, first));
    while lines.len() < SNIPPET_SPAN_LINES {
        let last = lines[lines.len() - 1].clone();
        if end <= last.end {
            break;
        }
        match next_line(bytes, last.end) {
            Some(next) => lines.push(next..line_end(bytes, next)),
            None => break,
        }
    }
    let span_end = end.min(lines[lines.len() - 1].end);
    let span_lines = lines.len();
    // context before and after
    let mut before = Vec::new();
    let mut at = first;
    for _ in 0..context {
        let Some(prev_end) = previous_line_end(bytes, at) else {
            break;
        };
        let prev_start = line_start(bytes, prev_end);
        before.push(prev_start..prev_end);
        at = prev_start;
    }
    before.reverse();
    for _ in 0..context {
        let last = lines[lines.len() - 1].end;
        match next_line(bytes, last) {
            Some(next) if next <= bytes.len() => lines.push(next..line_end(bytes, next)),
            _ => break,
        }
    }
    // one window for every line, so columns line up: it starts at the same
    // byte distance from the line start as on the finding's line
    let lead = if start - first + SNIPPET_LEAD < SNIPPET_WIDTH {
        0
    } else {
        chars_back(src, start, SNIPPET_LEAD, first) - first
    };
    let first_line = f.start.line.saturating_sub(1).saturating_sub(before.len());
    let mut text = String::new();
    let mut span = 0..0;
    let shown: Vec<std::ops::Range<usize>> = before.iter().cloned().chain(lines).collect();
    for (i, line) in shown.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let from = floor_boundary(src, (line.start + lead).min(line.end));
        let to = chars_forward(src, from, SNIPPET_WIDTH, line.end);
        let index = i as isize - before.len() as isize;
        let mut marks = [(start, None), (span_end, None)];
        let rendered = render_line(src, line.clone(), from..to, &f.secrets, &mut marks);
        if index == 0 {
            span.start = text.len() + marks[0].1.unwrap_or(0);
        }
        if index == span_lines as isize - 1 {
            span.end = text.len() + marks[1].1.unwrap_or(rendered.len());
        }
        text.push_str(&rendered);
    }
    if span.end < span.start {
        span.end = span.start;
    }
    Snippet {
        first_line,
        text,
        span,
    }
}
