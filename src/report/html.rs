//! A self-contained HTML audit report: headline figures, charts by rule and
//! by project (inline SVG), a sortable and filterable table of findings with
//! their fixes, and a checklist per project, most urgent first.
//!
//! The page loads nothing: styles and the small script are inline, charts
//! are drawn here. Findings are written one table row at a time. Every
//! source text shown is masked the way the other formats mask it: messages
//! and source lines come masked from the scan, diffs are masked here.

use super::markdown::advice;
use super::{findings_phrase, totals, totals_by_project, urgency, Totals};
use crate::finding::{Finding, FixSafety, Severity};
use crate::rules::Catalog;
use crate::scan::{NoticeKind, ScanResult};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Characters of a source or diff line shown; longer lines are clipped
/// around the finding.
const LINE_WIDTH: usize = 160;
/// Characters kept before the finding's column when a line is clipped.
const LINE_LEAD: usize = 40;
/// Bars drawn at most in a chart; the rest are counted in one line.
const CHART_BARS: usize = 30;
/// Places listed under one checklist item at most.
const CHECKLIST_PLACES: usize = 25;

/// Text for HTML content and attribute values (quoted with `"`).
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Text for HTML content only: quotes are left as they are (source lines
/// are full of them).
fn text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            // control characters would make the document invalid
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Severity as words and a shape, so colour is never the only signal.
fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖ error",
        Severity::Warning => "▲ warning",
        Severity::Note => "● note",
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Note => 2,
    }
}

/// An identifier fragment for `id` attributes (rule codes, counters).
fn ident(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A line clipped to [`LINE_WIDTH`] characters around 1-based `column`.
fn clip(line: &str, column: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= LINE_WIDTH {
        return line.to_string();
    }
    let from = column
        .saturating_sub(1)
        .saturating_sub(LINE_LEAD)
        .min(chars.len() - LINE_WIDTH);
    let to = from + LINE_WIDTH;
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// The finding's line after its fix, when every edit is on that line:
/// from the file's text when the scan kept it (secrets masked), else from
/// the reported (masked) line by columns.
fn fixed_line(f: &Finding) -> Option<String> {
    let fix = f.fix.as_ref()?;
    if fix.edits.is_empty()
        || fix
            .edits
            .iter()
            .any(|e| e.start.line != f.start.line || e.end.line != f.start.line)
    {
        return None;
    }
    match f.source.as_deref() {
        Some(src) => fixed_from_source(f, src),
        None => fixed_from_columns(f),
    }
}

fn fixed_from_source(f: &Finding, src: &str) -> Option<String> {
    let fix = f.fix.as_ref()?;
    let at = f.span.start.min(src.len());
    let start = super::line_start(src.as_bytes(), at);
    let end = super::line_end(src.as_bytes(), at);
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::new();
    let mut pos = start;
    for e in edits {
        if e.span.start < pos || e.span.end > end {
            return None;
        }
        out.push_str(src.get(pos..e.span.start)?);
        out.push_str(&e.content);
        pos = e.span.end;
    }
    out.push_str(src.get(pos..end)?);
    let secrets: Vec<String> = f
        .secrets
        .iter()
        .filter_map(|s| src.get(s.clone()).map(str::to_owned))
        .collect();
    Some(super::mask_values(&out, &secrets))
}

fn fixed_from_columns(f: &Finding) -> Option<String> {
    let fix = f.fix.as_ref()?;
    let chars: Vec<char> = f.line_text.chars().collect();
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.start.column);
    let mut out = String::new();
    let mut pos = 0;
    for e in edits {
        let (from, to) = (e.start.column.checked_sub(1)?, e.end.column.checked_sub(1)?);
        if from < pos || to < from || to > chars.len() {
            return None;
        }
        out.extend(&chars[pos..from]);
        out.push_str(&e.content);
        pos = to;
    }
    out.extend(&chars[pos..]);
    Some(out)
}

const STYLE: &str = r#"
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--err:#b42318;--warn:#9a6700;--note:#0550ae;--bar:#3b5bdb}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.75rem;margin:0}
.figures div{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;background:var(--soft)}
.figures dt{color:var(--muted);font-size:.85rem}.figures dd{margin:0;font-size:1.5rem;font-weight:600}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid var(--bar);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-note{color:var(--note)}
td.loc{word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
td p{margin:0 0 .35rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre[data-fix]::before{content:"fix (" attr(data-fix) "):";display:block;font-family:system-ui,sans-serif;color:var(--muted)}
pre{margin:.25rem 0;padding:.35rem .5rem;background:var(--soft);border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;word-break:break-all}
.del{color:#82071e;background:#ffebe9;display:block}.ins{color:#116329;background:#dafbe1;display:block}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:.2rem .35rem;min-width:10rem}
.checklist{list-style:none;padding-left:0}.checklist>li{margin:.5rem 0}
.checklist ul{margin:.25rem 0 0 1.8rem;padding-left:1rem;font-size:.9rem}
figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
.rule{border-left:4px solid var(--line);padding-left:.75rem;margin:1rem 0}
.muted{color:var(--muted)}
@media print{body{max-width:none;padding:0;font-size:11px}.filters,th button::after{display:none}tr{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
"#;

/// Sorting and filtering of the findings table (no network, no library).
const SCRIPT: &str = r#"
(function(){
var table=document.getElementById("findings");if(!table)return;
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.forEach(function(row,i){row.order=i;});
var count=document.getElementById("shown");
var filters={rule:document.getElementById("filter-rule"),severity:document.getElementById("filter-severity"),project:document.getElementById("filter-project"),path:document.getElementById("filter-path")};
function cellText(row,i){var c=row.cells[i];return c.getAttribute("data-sort")||c.textContent;}
function apply(){
var rule=filters.rule.value,sev=filters.severity.value,proj=filters.project.value,path=filters.path.value.toLowerCase();var n=0;
rows.forEach(function(row){
var ok=(!rule||row.cells[0].textContent===rule)&&(!sev||row.cells[1].className==="sev-"+sev)&&(!proj||row.cells[2].textContent===proj)&&(!path||row.cells[3].textContent.toLowerCase().indexOf(path)>=0);
row.hidden=!ok;if(ok)n++;});
count.textContent=n+" of "+rows.length+" findings shown";}
Object.keys(filters).forEach(function(k){filters[k].addEventListener(k==="path"?"input":"change",apply);});
document.getElementById("filters").addEventListener("submit",function(e){e.preventDefault();apply();});
var heads=table.tHead.rows[0].cells;
Array.prototype.forEach.call(heads,function(th,i){var b=th.querySelector("button");if(!b)return;
b.addEventListener("click",function(){
var asc=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(heads,function(h){h.setAttribute("aria-sort","none");});
th.setAttribute("aria-sort",asc?"ascending":"descending");
rows.sort(function(a,b){var r=cellText(a,i).localeCompare(cellText(b,i),undefined,{numeric:true});if(r===0)r=a.order-b.order;return asc?r:-r;});
rows.forEach(function(row){body.appendChild(row);});});});
apply();
})();
"#;

pub fn write(out: &mut dyn Write, result: &ScanResult, catalog: &Catalog) -> io::Result<()> {
    let t = totals(&result.findings);
    let by_project = totals_by_project(&result.findings);
    let projects: Vec<&str> = {
        let mut names: Vec<&str> = result.projects.iter().map(|p| p.name.as_str()).collect();
        for name in by_project.keys() {
            if !names.contains(name) {
                names.push(name);
            }
        }
        names.sort_unstable();
        names
    };
    write_head(out, result, &t, projects.len())?;
    write_figures(out, result, &t, projects.len())?;
    write_charts(out, &t, &by_project, catalog)?;
    write_checklists(out, result, &projects, &by_project, catalog)?;
    write_table(out, result, &t, &projects, catalog)?;
    write_rules(out, &t, catalog)?;
    write_unchecked(out, result)?;
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn write_head(
    out: &mut dyn Write,
    result: &ScanResult,
    t: &Totals,
    projects: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // the page may load nothing, whatever a message or path holds
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
    )?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"gotolint {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        "<title>gotolint audit report</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )?;
    writeln!(out, "<header>\n<h1>gotolint audit report</h1>")?;
    writeln!(
        out,
        "<p>{} in {} across {} (gotolint {}).</p>\n</header>\n<main>",
        escape(&findings_phrase(t)),
        plural(result.files_scanned, "file"),
        plural(projects, "project"),
        env!("CARGO_PKG_VERSION")
    )
}

fn write_figures(
    out: &mut dyn Write,
    result: &ScanResult,
    t: &Totals,
    projects: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "<section aria-labelledby=\"h-figures\">\n<h2 id=\"h-figures\">Headline figures</h2>\n<dl class=\"figures\">"
    )?;
    let severity = |s: Severity| t.by_severity.get(s.as_str()).copied().unwrap_or(0);
    let figures = [
        ("Projects", projects),
        ("Files scanned", result.files_scanned),
        ("Files analysed", result.files_analysed),
        ("Files skipped", result.skipped_total()),
        ("Findings", t.findings),
        ("Errors", severity(Severity::Error)),
        ("Warnings", severity(Severity::Warning)),
        ("Notes", severity(Severity::Note)),
        ("Fixable (safe)", t.fixable_safe),
        ("Fixable (unsafe)", t.fixable_unsafe),
    ];
    for (label, n) in figures {
        writeln!(out, "<div><dt>{label}</dt><dd>{n}</dd></div>")?;
    }
    writeln!(out, "</dl>")?;
    if !result.skipped.is_empty() {
        writeln!(
            out,
            "<table class=\"skipped\">\n<caption>Files skipped, by reason</caption>\n<thead><tr><th scope=\"col\">Reason</th><th scope=\"col\">Files</th></tr></thead>\n<tbody>"
        )?;
        for (reason, n) in &result.skipped {
            writeln!(
                out,
                "<tr><td>{}</td><td>{n}</td></tr>",
                escape(&reason.to_string())
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }
    writeln!(out, "</section>")
}

/// One horizontal bar chart: a label, a bar and the count on each row.
fn bar_chart(id: &str, title: &str, bars: &[(String, usize, &'static str)], rest: usize) -> String {
    const LABEL: usize = 300;
    const WIDTH: usize = 760;
    const ROW: usize = 24;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let rows = bars.len() + usize::from(rest > 0);
    let height = rows * ROW + 8;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" style=\"max-width:{WIDTH}px\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-title\">{}</title>\n",
        escape(title)
    );
    for (i, (label, n, colour)) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let width = ((WIDTH - LABEL - 60) * n).div_ceil(max).max(2);
        let _ = writeln!(
            svg,
            "<g><title>{}: {n}</title><text x=\"0\" y=\"{}\">{}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{width}\" height=\"{}\" fill=\"{colour}\"></rect><text x=\"{}\" y=\"{}\">{n}</text></g>",
            escape(label),
            y + 15,
            escape(&clip(label, 1).chars().take(44).collect::<String>()),
            ROW - 8,
            LABEL + width + 6,
            y + 15,
        );
    }
    if rest > 0 {
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\">and {} more</text>",
            bars.len() * ROW + 19,
            rest
        );
    }
    svg.push_str("</svg>");
    svg
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#b42318",
        Severity::Warning => "#9a6700",
        Severity::Note => "#0550ae",
    }
}

fn write_charts(
    out: &mut dyn Write,
    t: &Totals,
    by_project: &BTreeMap<&str, Totals>,
    catalog: &Catalog,
) -> io::Result<()> {
    if t.findings == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "<section aria-labelledby=\"h-charts\">\n<h2 id=\"h-charts\">Findings by rule and by project</h2>"
    )?;
    let mut rules: Vec<(&String, &usize)> = t.by_rule.iter().collect();
    rules.sort_by_key(|(code, n)| (std::cmp::Reverse(**n), urgency(code)));
    let bars: Vec<(String, usize, &'static str)> = rules
        .iter()
        .take(CHART_BARS)
        .map(|(code, n)| {
            let rule = catalog.rule(code);
            let label = match rule {
                Some(r) => format!("{} {}", r.code, r.name),
                None => code.to_string(),
            };
            let colour = severity_colour(rule.map_or(Severity::Warning, |r| r.severity));
            (label, **n, colour)
        })
        .collect();
    writeln!(
        out,
        "<figure>\n{}\n<figcaption>Findings by rule, most first (bar colour is the rule's default severity; the count is written at the end of each bar).</figcaption>\n</figure>",
        bar_chart(
            "chart-rules",
            "Findings by rule",
            &bars,
            rules.len().saturating_sub(CHART_BARS)
        )
    )?;
    let mut projects: Vec<(&&str, &Totals)> = by_project.iter().collect();
    projects.sort_by_key(|(name, p)| (std::cmp::Reverse(p.findings), **name));
    let bars: Vec<(String, usize, &'static str)> = projects
        .iter()
        .take(CHART_BARS)
        .map(|(name, p)| (name.to_string(), p.findings, "#3b5bdb"))
        .collect();
    writeln!(
        out,
        "<figure>\n{}\n<figcaption>Findings by project, most first.</figcaption>\n</figure>\n</section>",
        bar_chart(
            "chart-projects",
            "Findings by project",
            &bars,
            projects.len().saturating_sub(CHART_BARS)
        )
    )
}

fn fix_command(safety: FixSafety) -> &'static str {
    match safety {
        FixSafety::Unsafe => "gotolint check --fix --unsafe-fixes",
        _ => "gotolint check --fix",
    }
}

fn write_checklists(
    out: &mut dyn Write,
    result: &ScanResult,
    projects: &[&str],
    by_project: &BTreeMap<&str, Totals>,
    catalog: &Catalog,
) -> io::Result<()> {
    if result.findings.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section aria-labelledby=\"h-checklist\">\n<h2 id=\"h-checklist\">What to change, by project</h2>\n<p class=\"muted\">Most urgent first: retired hosts and token requests that fail, then authorization and refresh handling, then the user fields that moved.</p>"
    )?;
    // each project's findings, grouped by rule
    let mut grouped: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
    for f in &result.findings {
        grouped
            .entry(&f.project)
            .or_default()
            .entry(&f.code)
            .or_default()
            .push(f);
    }
    let mut item = 0usize;
    for name in projects {
        let (Some(rules), Some(t)) = (grouped.get(name), by_project.get(name)) else {
            continue;
        };
        let fixable = t.fixable_safe + t.fixable_unsafe;
        writeln!(
            out,
            "<h3>{}</h3>\n<p>{}; {} fixable.</p>\n<ul class=\"checklist\">",
            escape(name),
            escape(&findings_phrase(t)),
            fixable
        )?;
        let mut codes: Vec<&&str> = rules.keys().collect();
        codes.sort_by_key(|c| (urgency(c), **c));
        for code in codes {
            let findings = &rules[*code];
            item += 1;
            let rule = catalog.rule(code);
            let safe = findings
                .iter()
                .filter(|f| {
                    f.fix
                        .as_ref()
                        .is_some_and(|x| x.applicability == FixSafety::Safe)
                })
                .count();
            let unsafe_ = findings
                .iter()
                .filter(|f| {
                    f.fix
                        .as_ref()
                        .is_some_and(|x| x.applicability == FixSafety::Unsafe)
                })
                .count();
            let mut how = Vec::new();
            if safe > 0 {
                how.push(format!(
                    "{safe} fixed by <code>{}</code>",
                    fix_command(FixSafety::Safe)
                ));
            }
            if unsafe_ > 0 {
                how.push(format!(
                    "{unsafe_} by <code>{}</code> (review them)",
                    fix_command(FixSafety::Unsafe)
                ));
            }
            let by_hand = findings.len() - safe - unsafe_;
            if by_hand > 0 {
                how.push(format!("{by_hand} by hand"));
            }
            let how = how.join(", ");
            writeln!(
                out,
                "<li><input type=\"checkbox\" id=\"todo-{item}\"> <label for=\"todo-{item}\"><strong>{} {}</strong>: {}; {how}.</label> <a href=\"#rule-{}\">Advice</a>\n<ul>",
                escape(code),
                escape(rule.map_or("", |r| r.name.as_str())),
                plural(findings.len(), "place"),
                ident(code)
            )?;
            for f in findings.iter().take(CHECKLIST_PLACES) {
                writeln!(
                    out,
                    "<li><code>{}:{}</code></li>",
                    escape(&f.path),
                    f.start.line
                )?;
            }
            if findings.len() > CHECKLIST_PLACES {
                writeln!(
                    out,
                    "<li>and {} more (see the table of findings)</li>",
                    findings.len() - CHECKLIST_PLACES
                )?;
            }
            writeln!(out, "</ul></li>")?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_table(
    out: &mut dyn Write,
    result: &ScanResult,
    t: &Totals,
    projects: &[&str],
    catalog: &Catalog,
) -> io::Result<()> {
    writeln!(
        out,
        "<section aria-labelledby=\"h-findings\">\n<h2 id=\"h-findings\">Findings</h2>"
    )?;
    if result.findings.is_empty() {
        return writeln!(out, "<p>No findings.</p>\n</section>");
    }
    writeln!(
        out,
        "<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter the findings\">"
    )?;
    writeln!(
        out,
        "<label for=\"filter-rule\">Rule<select id=\"filter-rule\"><option value=\"\">All rules</option>"
    )?;
    for code in t.by_rule.keys() {
        let name = catalog.rule(code).map_or("", |r| r.name.as_str());
        writeln!(
            out,
            "<option value=\"{0}\">{0} {1}</option>",
            escape(code),
            escape(name)
        )?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(
        out,
        "<label for=\"filter-severity\">Severity<select id=\"filter-severity\"><option value=\"\">All severities</option>"
    )?;
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        if t.by_severity.contains_key(sev.as_str()) {
            writeln!(out, "<option value=\"{0}\">{0}</option>", sev.as_str())?;
        }
    }
    writeln!(out, "</select></label>")?;
    writeln!(
        out,
        "<label for=\"filter-project\">Project<select id=\"filter-project\"><option value=\"\">All projects</option>"
    )?;
    for name in projects {
        writeln!(out, "<option value=\"{0}\">{0}</option>", escape(name))?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(
        out,
        "<label for=\"filter-path\">Path contains<input id=\"filter-path\" type=\"search\" autocomplete=\"off\"></label>"
    )?;
    writeln!(
        out,
        "<output id=\"shown\" aria-live=\"polite\">{0} of {0} findings shown</output>\n</form>",
        result.findings.len()
    )?;
    writeln!(
        out,
        "<table id=\"findings\">\n<caption>Every finding, sorted by path. Sort with the column buttons; filter with the fields above.</caption>\n<thead><tr>"
    )?;
    for (i, head) in ["Rule", "Severity", "Project", "Location", "Finding and fix"]
        .iter()
        .enumerate()
    {
        if i < 4 {
            writeln!(
                out,
                "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\">{head}</button></th>"
            )?;
        } else {
            writeln!(out, "<th scope=\"col\">{head}</th>")?;
        }
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for f in &result.findings {
        write_row(out, f)?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

/// The indentation both lines share, removed for display.
fn common_indent(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y && x.is_whitespace())
        .last()
        .map_or(0, |((i, c), _)| i + c.len_utf8())
}

/// One row: the filters and sorting read the cells (rule code, severity
/// class, project, location), so nothing is written twice.
fn write_row(out: &mut dyn Write, f: &Finding) -> io::Result<()> {
    let sev = f.severity.as_str();
    write!(
        out,
        "<tr><td><a href=\"#rule-{}\">{}</a></td><td class=\"sev-{sev}\" data-sort=\"{}\">{}</td><td>{}</td>",
        ident(&f.code),
        text(&f.code),
        severity_rank(f.severity),
        severity_label(f.severity),
        text(&f.project),
    )?;
    write!(
        out,
        "<td class=\"loc\">{}:{}:{}</td><td><p>{}</p>",
        text(&f.path),
        f.start.line,
        f.start.column,
        text(&f.message)
    )?;
    let before = clip(&f.line_text, f.start.column);
    match (&f.fix, fixed_line(f)) {
        (Some(fix), Some(after)) => {
            let after = clip(&after, f.start.column);
            let indent = common_indent(&before, &after);
            write!(
                out,
                "<pre data-fix=\"{}\"><span class=\"del\">- {}</span><span class=\"ins\">+ {}</span></pre>",
                fix.applicability.as_str(),
                text(&before[indent..]),
                text(&after[indent..])
            )?
        }
        (fix, _) => {
            if !f.line_text.trim().is_empty() {
                write!(out, "<pre>{}</pre>", text(before.trim_start()))?;
            }
            if let Some(fix) = fix {
                // edits over several lines: listed, not drawn
                let edits: Vec<String> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        format!(
                            "{}:{}–{}:{} → <code>{}</code>",
                            e.start.line,
                            e.start.column,
                            e.end.line,
                            e.end.column,
                            escape(&clip(&e.content, 1))
                        )
                    })
                    .collect();
                write!(
                    out,
                    "<p>Fix ({}): {}: {}</p>",
                    fix.applicability.as_str(),
                    escape(&fix.title),
                    edits.join("; ")
                )?;
            }
        }
    }
    writeln!(out, "</td></tr>")
}

fn write_rules(out: &mut dyn Write, t: &Totals, catalog: &Catalog) -> io::Result<()> {
    if t.by_rule.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section aria-labelledby=\"h-rules\">\n<h2 id=\"h-rules\">Rules and advice</h2>"
    )?;
    let mut codes: Vec<&String> = t.by_rule.keys().collect();
    codes.sort_by_key(|c| (urgency(c), c.as_str()));
    for code in codes {
        let Some(rule) = catalog.rule(code) else {
            continue;
        };
        writeln!(
            out,
            "<article class=\"rule\" id=\"rule-{}\">\n<h3>{} {} ({})</h3>\n<p>{}</p>",
            ident(code),
            escape(&rule.code),
            escape(&rule.name),
            plural(t.by_rule[code], "finding"),
            escape(rule.summary.trim())
        )?;
        for para in advice(rule).split("\n\n") {
            writeln!(out, "<p>{}</p>", escape(para.trim()))?;
        }
        if rule.fix != FixSafety::None {
            writeln!(
                out,
                "<p><strong>Fix</strong> ({}): {} — <code>{}</code></p>",
                rule.fix.as_str(),
                escape(rule.fix_title.as_deref().unwrap_or("available")),
                fix_command(rule.fix)
            )?;
        }
        // shown, not linked: the page makes no request of its own
        writeln!(
            out,
            "<p class=\"muted\">Documentation: <code>{}</code> · <code>gotolint explain {}</code></p>\n</article>",
            escape(&rule.docs_url()),
            escape(&rule.code)
        )?;
    }
    writeln!(out, "</section>")
}

fn write_unchecked(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    let incomplete: Vec<_> = result
        .notices
        .iter()
        .filter(|n| n.kind != NoticeKind::Skipped)
        .collect();
    if incomplete.is_empty() && result.skipped_files.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section aria-labelledby=\"h-unchecked\">\n<h2 id=\"h-unchecked\">Files not fully checked</h2>"
    )?;
    if !incomplete.is_empty() {
        writeln!(out, "<ul>")?;
        for n in incomplete {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&n.path),
                escape(&n.message)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if !result.skipped_files.is_empty() {
        writeln!(
            out,
            "<table>\n<caption>Skipped files</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Reason</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>"
        )?;
        for s in &result.skipped_files {
            writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&s.path),
                escape(&s.reason.to_string()),
                escape(&s.detail)
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }
    writeln!(out, "</section>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{7}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\u{fffd}"
        );
    }

    #[test]
    fn long_lines_are_clipped_around_the_column() {
        let line = format!("{}TARGET{}", "a".repeat(300), "b".repeat(300));
        let clipped = clip(&line, 301);
        assert!(clipped.starts_with('…') && clipped.ends_with('…'));
        assert!(clipped.contains("TARGET"));
        assert_eq!(clipped.chars().count(), LINE_WIDTH + 2);
        assert_eq!(clip("short", 1), "short");
    }

    #[test]
    fn every_rule_has_an_urgency() {
        for rule in &Catalog::get().rules {
            assert!(
                super::super::URGENCY.contains(&rule.code.as_str()),
                "{} is missing from URGENCY",
                rule.code
            );
        }
        assert!(urgency("GT002") < urgency("GT011"));
        assert!(urgency("GT004") < urgency("GT011"));
    }
}
