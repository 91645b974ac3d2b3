//! rustc-style diagnostics with miette, then a summary.

use super::{
    findings_phrase, line_end, line_start, mask_values, snippet, totals, Snippet, SNIPPET_LEAD,
    SNIPPET_WIDTH,
};
use crate::finding::Finding;
use crate::finding::{FixSafety, Severity};
use crate::rules::Catalog;
use crate::scan::{NoticeKind, ScanResult};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};

/// The few lines of a finding that are shown (clipped, secrets masked),
/// numbered as in the file; the finding's own position is the real one.
struct SnippetSource {
    name: String,
    snippet: Snippet,
    /// 0-based line and column of the finding in the file
    line: usize,
    column: usize,
}

impl SourceCode for SnippetSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .snippet
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let (line, column) = if span.offset() == self.snippet.span.start
            && context_lines_before == 0
            && context_lines_after == 0
        {
            (self.line, self.column)
        } else {
            (inner.line() + self.snippet.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

struct Report<'a> {
    finding: &'a Finding,
    source: SnippetSource,
    span: std::ops::Range<usize>,
    help: Option<String>,
    url: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}
impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {}",
            self.finding.code, self.finding.name
        )))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.url.clone()))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.span.end.saturating_sub(self.span.start);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, (self.span.start, len)),
        )))
    }
}

/// At most `max` characters of a text for the fix preview.
fn clipped(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

fn fix_help(f: &Finding, show_unsafe: bool) -> Option<String> {
    let fix = f.fix.as_ref()?;
    if fix.applicability == FixSafety::Unsafe && !show_unsafe {
        // as in ruff: an unsafe fix is shown only on request
        return Some(format!(
            "an unsafe fix is available ({}); --unsafe-fixes shows it",
            clipped(&fix.title, 200)
        ));
    }
    let tag = match fix.applicability {
        FixSafety::Safe => "[safe fix]",
        _ => "[unsafe fix]",
    };
    Some(format!("{tag} {}", clipped(&fix.title, 200)))
}

/// Changed lines of one fix shown at most, before and after each.
const FIX_LINES: usize = 8;

/// The lines `text` holds, without their breaks (`\n`, `\r\n` or `\r`).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                lines.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lines.push(rest);
                return lines;
            }
        }
    }
}

/// At most SNIPPET_WIDTH characters of a line from character `lead` on,
/// with `…` where it was cut.
fn window(line: &str, lead: usize) -> String {
    let mut out = String::new();
    if lead > 0 && line.chars().count() > lead {
        out.push('…');
    }
    let shown: String = line.chars().skip(lead).take(SNIPPET_WIDTH).collect();
    out.push_str(&shown);
    if line.chars().count() > lead + SNIPPET_WIDTH {
        out.push('…');
    }
    out
}

/// A fix as the file will read: the lines it changes before (`-`) and
/// after (`+`), numbered as in the file, every secret masked, long lines
/// clipped around the change; red and green only when colour is on.
fn fix_diff(f: &Finding, show_unsafe: bool, color: bool) -> Option<String> {
    let fix = f.fix.as_ref()?;
    if fix.applicability == FixSafety::Unsafe && !show_unsafe {
        return None;
    }
    let src = f.source.as_deref()?;
    let bytes = src.as_bytes();
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = fix
        .edits
        .iter()
        .map(|e| (e.span.clone(), e.content.as_str()))
        .collect();
    edits.sort_by_key(|(s, _)| (s.start, s.end));
    let valid = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= src.len()
            && src.is_char_boundary(s.start)
            && src.is_char_boundary(s.end)
    };
    if edits.is_empty() || !edits.iter().all(|(s, _)| valid(s)) {
        return None;
    }
    // the whole lines from the first edit to the last, before and after
    let first = line_start(bytes, edits[0].0.start);
    let last = line_end(bytes, edits.iter().map(|(s, _)| s.end).max()?);
    let mut after = String::new();
    let mut at = first;
    for (span, content) in &edits {
        if span.start < at {
            // the edits of one fix overlap: nothing sensible to show
            return None;
        }
        after.push_str(&src[at..span.start]);
        after.push_str(content);
        at = span.end;
    }
    after.push_str(&src[at..last]);
    let secrets: Vec<String> = f
        .secrets
        .iter()
        .filter_map(|s| src.get(s.clone()))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let masked = |text: &str| -> Vec<String> {
        split_lines(text)
            .into_iter()
            .map(|l| mask_values(l, &secrets))
            .collect()
    };
    let old = masked(&src[first..last]);
    let new = masked(&after);
    // one window for every line, so the change lines up under itself
    let column = src[first..edits[0].0.start].chars().count();
    let lead = if column + SNIPPET_LEAD < SNIPPET_WIDTH {
        0
    } else {
        column - SNIPPET_LEAD
    };
    let first_line = 1 + bytes[..first]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    let width = (first_line + old.len().max(new.len())).to_string().len();
    let (red, green, reset) = if color {
        ("\u{1b}[31m", "\u{1b}[32m", "\u{1b}[0m")
    } else {
        ("", "", "")
    };
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    let diff = similar::TextDiff::from_slices(&old, &new);
    let mut out = String::new();
    let (mut removed, mut added) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        let (sign, index, colour, count) = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => ('-', change.old_index(), red, &mut removed),
            similar::ChangeTag::Insert => ('+', change.new_index(), green, &mut added),
        };
        *count += 1;
        if *count > FIX_LINES {
            if *count == FIX_LINES + 1 {
                out.push_str(&format!("    {:>width$} {colour}{sign} …{reset}\n", ""));
            }
            continue;
        }
        let number = first_line + index.unwrap_or(0);
        out.push_str(&format!(
            "    {number:>width$} {colour}{sign} {}{reset}\n",
            window(change.value(), lead)
        ));
    }
    (!out.is_empty()).then_some(out)
}

pub fn write(
    out: &mut dyn Write,
    result: &ScanResult,
    catalog: &Catalog,
    color: bool,
    statistics: bool,
    show_skipped: bool,
) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    if statistics {
        // `--statistics`: the per-rule table and nothing else
        return write_statistics(out, result, catalog);
    }
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut not_shown = Vec::new();
    for f in &result.findings {
        // one finding that cannot be drawn costs its drawing, not the run
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // without the file's text there is nothing to draw
            f.source.as_ref()?;
            let snippet = snippet(f, 1);
            let span = snippet.span.clone();
            let rule = catalog.rule(&f.code);
            let report = Report {
                finding: f,
                source: SnippetSource {
                    name: f.path.clone(),
                    snippet,
                    line: f.start.line.saturating_sub(1),
                    column: f.start.column.saturating_sub(1),
                },
                span,
                help: fix_help(f, result.show_unsafe_fixes),
                url: rule.map(|r| r.docs_url()).unwrap_or_default(),
            };
            let mut rendered = String::new();
            handler
                .render_report(&mut rendered, &report)
                .ok()
                .map(|_| rendered)
        }));
        let rendered = match drawn {
            Ok(Some(mut rendered)) => {
                // the fix as the lines will read, under its help line
                let diff =
                    std::panic::catch_unwind(|| fix_diff(f, result.show_unsafe_fixes, color));
                if let Ok(Some(diff)) = diff {
                    let kept = rendered.trim_end_matches('\n').len();
                    rendered.truncate(kept);
                    rendered.push('\n');
                    rendered.push_str(&diff);
                }
                rendered
            }
            failed => {
                if failed.is_err() {
                    not_shown.push(f);
                }
                format!(
                    "{}:{}:{}: {} {}\n",
                    f.path, f.start.line, f.start.column, f.code, f.message
                )
            }
        };
        writeln!(out, "{rendered}")?;
    }
    for f in not_shown {
        writeln!(
            out,
            "internal error: {}:{}: the source of this {} finding could not be shown",
            f.path, f.start.line, f.code
        )?;
    }
    for n in &result.notices {
        let label = match n.kind {
            NoticeKind::Skipped => "skipped",
            NoticeKind::ParseError => "parse error",
            NoticeKind::InternalError => "internal error",
        };
        if n.kind != NoticeKind::Skipped {
            writeln!(out, "{label}: {}: {}", n.path, n.message)?;
        }
    }
    let t = totals(&result.findings);
    if show_skipped {
        for s in &result.skipped_files {
            writeln!(out, "skipped: {}: {} ({})", s.path, s.reason, s.detail)?;
        }
    }
    // every file is counted once: checked (analysed or passed over) or skipped
    let total = result.files_scanned.saturating_add(result.skipped_total());
    let mut summary = format!(
        "{} file{}: {} analysed, {} without GoTo text",
        total,
        if total == 1 { "" } else { "s" },
        result.files_analysed,
        result.files_scanned.saturating_sub(result.files_analysed)
    );
    if result.skipped_total() > 0 {
        let parts: Vec<String> = result
            .skipped
            .iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect();
        summary.push_str(&format!(
            ", {} skipped ({})",
            result.skipped_total(),
            parts.join(", ")
        ));
    }
    let partial = result.parsed_with_errors();
    if partial > 0 {
        summary.push_str(&format!(", {partial} parsed with errors"));
    }
    if !result.decoded.is_empty() {
        let parts: Vec<String> = result
            .decoded
            .iter()
            .map(|(encoding, n)| format!("{n} {encoding}"))
            .collect();
        summary.push_str(&format!(", decoded {}", parts.join(", ")));
    }
    summary.push_str(&format!("; {}", findings_phrase(&t)));
    let (safe, unsafe_) = (t.fixable_safe, t.fixable_unsafe);
    let show_unsafe = result.show_unsafe_fixes;
    if show_unsafe && safe + unsafe_ > 0 {
        summary.push_str(&format!(
            "; {} fixable ({safe} safe, {unsafe_} unsafe)",
            safe + unsafe_
        ));
    } else if !show_unsafe && safe > 0 {
        summary.push_str(&format!("; {safe} fixable"));
    }
    if !show_unsafe && unsafe_ > 0 {
        let s = if unsafe_ == 1 { "" } else { "es" };
        summary.push_str(&format!("; {unsafe_} unsafe fix{s} hidden"));
    }
    summary.push_str(&format!(" in {:.2}s", result.elapsed.as_secs_f64()));
    // say which flags would show or apply the fixes, never one already given
    let ones = |n: usize| if n == 1 { "one" } else { "ones" };
    let hint = match (result.fixing.is_some(), show_unsafe, safe, unsafe_) {
        (_, _, 0, 0) => None,
        // fixes were applied: what is left could not be fixed, or needs
        // --unsafe-fixes
        (true, true, _, _) | (true, false, _, 0) => None,
        (true, false, _, u) => Some(format!(
            "add --unsafe-fixes to apply the {u} unsafe {} too",
            ones(u)
        )),
        (false, _, _, 0) => Some("run with --fix to apply them".to_string()),
        (false, true, 0, _) => Some("run with --fix --unsafe-fixes to apply them".to_string()),
        (false, true, s, u) => Some(format!(
            "--fix applies the {s} safe {}, --fix --unsafe-fixes all {}",
            ones(s),
            s + u
        )),
        (false, false, 0, u) => Some(format!(
            "--unsafe-fixes shows the {u} unsafe {}, --fix --unsafe-fixes applies them",
            ones(u)
        )),
        (false, false, s, u) => Some(format!(
            "run with --fix to apply the {s} safe {}; --unsafe-fixes shows {u} more",
            ones(s)
        )),
    };
    if let Some(hint) = hint {
        summary.push_str(&format!("\n{hint}"));
    }
    writeln!(out, "{summary}")
}

/// `--statistics`: one line per rule, most frequent first.
pub fn write_statistics(
    out: &mut dyn Write,
    result: &ScanResult,
    catalog: &Catalog,
) -> io::Result<()> {
    let t = totals(&result.findings);
    let mut rows: Vec<(&String, &usize)> = t.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (code, n) in rows {
        let name = catalog.rule(code).map(|r| r.name.as_str()).unwrap_or("");
        // unsafe fixes count only when --unsafe-fixes shows them
        let fixable = result
            .findings
            .iter()
            .filter(|f| &f.code == code)
            .filter_map(|f| f.fix.as_ref())
            .filter(|x| match x.applicability {
                FixSafety::Safe => true,
                FixSafety::Unsafe => result.show_unsafe_fixes,
                FixSafety::None => false,
            })
            .count();
        let mark = if fixable > 0 {
            format!(" [{fixable} fixable]")
        } else {
            String::new()
        };
        writeln!(out, "{n:>6}  {code}  {name}{mark}")?;
    }
    Ok(())
}
