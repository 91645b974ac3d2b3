//! rustc-style diagnostics with miette, then a summary.

use super::{findings_phrase, masked_source, totals};
use crate::finding::Finding;
use crate::finding::{FixSafety, Severity};
use crate::rules::Catalog;
use crate::scan::{NoticeKind, ScanResult};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use std::io::{self, Write};

struct Report<'a> {
    finding: &'a Finding,
    source: NamedSource<String>,
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

fn fix_help(f: &Finding) -> Option<String> {
    let fix = f.fix.as_ref()?;
    let edits: Vec<String> = fix
        .edits
        .iter()
        .map(|e| {
            let old = f
                .source
                .as_deref()
                .and_then(|s| s.get(e.span.clone()))
                .unwrap_or("");
            if old.is_empty() {
                format!("insert `{}`", e.content)
            } else {
                format!("`{}` → `{}`", old, e.content)
            }
        })
        .collect();
    let tag = match fix.applicability {
        FixSafety::Safe => "[safe fix]",
        _ => "[unsafe fix]",
    };
    Some(format!("{tag} {}: {}", fix.title, edits.join(", ")))
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
    for f in &result.findings {
        let rule = catalog.rule(&f.code);
        let mut rendered = String::new();
        let drawn = masked_source(f).is_some_and(|(text, span)| {
            let report = Report {
                finding: f,
                source: NamedSource::new(f.path.clone(), text),
                span,
                help: fix_help(f),
                url: rule.map(|r| r.docs_url()).unwrap_or_default(),
            };
            handler.render_report(&mut rendered, &report).is_ok()
        });
        if !drawn {
            rendered = format!(
                "{}:{}:{}: {} {}\n",
                f.path, f.start.line, f.start.column, f.code, f.message
            );
        }
        writeln!(out, "{rendered}")?;
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
    let total = result.files_scanned + result.skipped_total();
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
    summary.push_str(&format!("; {}", findings_phrase(&t)));
    if t.fixable_safe + t.fixable_unsafe > 0 {
        summary.push_str(&format!(
            "; {} fixable ({} safe, {} unsafe)",
            t.fixable_safe + t.fixable_unsafe,
            t.fixable_safe,
            t.fixable_unsafe
        ));
    }
    summary.push_str(&format!(" in {:.2}s", result.elapsed.as_secs_f64()));
    // say which flag would apply the fixes
    let hint = match (t.fixable_safe, t.fixable_unsafe) {
        (0, 0) => None,
        (_, 0) => Some("run with --fix to apply them".to_string()),
        (0, _) => Some("run with --unsafe-fixes to apply them".to_string()),
        (s, u) => Some(format!(
            "--fix applies the {s} safe ones, --unsafe-fixes all {}",
            s + u
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
        let fixable = result
            .findings
            .iter()
            .filter(|f| &f.code == code && f.fix.is_some())
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
