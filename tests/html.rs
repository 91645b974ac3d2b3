//! The HTML report: an outline of its structure as a snapshot, parsed by
//! an HTML5 parser without errors, holding every finding of the JSON
//! report, loading nothing from outside, and masking secrets.

use scraper::{ElementRef, Html, Selector};
use std::path::Path;
use std::process::Command;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gotolint"))
        .args(args)
        .current_dir(fixtures())
        .env("NO_COLOR", "1")
        .output()
        .expect("run gotolint");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

const PATHS: &[&str] = &["text", "python", "projects/cross-file"];

fn report(format: &str) -> String {
    let mut args = vec!["check", "--format", format];
    args.extend(PATHS);
    run(&args)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(e: &ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headings, figures, chart labels, checklist items and table rows, one per
/// line: the structure, not the styling.
fn outline(doc: &Html) -> String {
    let mut out = Vec::new();
    for e in select(
        doc,
        "h1, h2, h3, dl.figures div, svg > title, svg g > title, ul.checklist > li > label, table#findings thead th, table#findings tbody tr",
    ) {
        let name = e.value().name();
        let line = match name {
            "tr" => {
                let cells: Vec<String> = e
                    .select(&Selector::parse("td").unwrap())
                    .take(4)
                    .map(|c| text_of(&c))
                    .collect();
                let fix = e
                    .select(&Selector::parse("pre[data-fix]").unwrap())
                    .next()
                    .map_or("", |_| " [diff]");
                format!("row: {}{fix}", cells.join(" | "))
            }
            _ => format!("{name}: {}", text_of(&e)),
        };
        out.push(line);
    }
    out.join("\n")
}

#[test]
fn html_outline() {
    let html = report("html");
    let doc = Html::parse_document(&html);
    insta::assert_snapshot!(outline(&doc));
}

#[test]
fn html_parses_without_errors_and_holds_every_finding() {
    let html = report("html");
    let doc = Html::parse_document(&html);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let expected: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{}",
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["location"]["line"],
                f["location"]["column"]
            )
        })
        .collect();
    assert!(expected.len() > 20, "the fixtures have findings");
    let rows: Vec<String> = select(&doc, "table#findings tbody tr")
        .iter()
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&Selector::parse("td").unwrap())
                .map(|c| text_of(&c))
                .collect();
            format!("{} {}", cells[0], cells[3])
        })
        .collect();
    assert_eq!(rows, expected);
    // the table is a real table: a caption, column headers, a filter label per control
    assert_eq!(select(&doc, "table#findings caption").len(), 1);
    assert_eq!(select(&doc, "table#findings thead th[scope=col]").len(), 5);
    for control in select(&doc, "#filters select, #filters input") {
        let id = control.value().id().expect("controls have ids");
        assert_eq!(
            select(&doc, &format!("label[for=\"{id}\"]")).len(),
            1,
            "{id} has a label"
        );
    }
    // both charts are inline SVG with a title
    assert_eq!(select(&doc, "svg#chart-rules > title").len(), 1);
    assert_eq!(select(&doc, "svg#chart-projects > title").len(), 1);
}

#[test]
fn html_loads_nothing_from_outside() {
    let html = report("html");
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("@import"), "no CSS import");
    assert!(!lower.contains("url("), "no CSS url()");
    let doc = Html::parse_document(&html);
    let mut checked = 0;
    for e in select(&doc, "[src], [href], [srcset], [action], [data], [poster]") {
        for attr in ["src", "href", "srcset", "action", "data", "poster"] {
            if let Some(value) = e.value().attr(attr) {
                checked += 1;
                assert!(
                    value.starts_with('#'),
                    "<{}> {attr}={value}",
                    e.value().name()
                );
            }
        }
    }
    assert!(checked > 10, "the page links within itself");
    for tag in [
        "link", "img", "iframe", "object", "embed", "base", "audio", "video",
    ] {
        assert!(select(&doc, tag).is_empty(), "no <{tag}>");
    }
    for script in select(&doc, "script") {
        assert!(script.value().attr("src").is_none());
        let code = script.text().collect::<String>();
        for word in [
            "fetch(",
            "XMLHttpRequest",
            "import(",
            "WebSocket",
            "http://",
            "https://",
        ] {
            assert!(!code.contains(word), "the script uses {word}");
        }
    }
}

#[test]
fn html_masks_secrets() {
    // GT014 fixtures hold client secrets; no line of the page may show them
    let html = run(&["check", "--format", "html", "python/g2w_client.py", "go"]);
    for secret in ["9sd8f7G6h5J4k3L2", "Zq8vR2mK9tL4xW7p", "c4Lk9PqX2vNm7RtY"] {
        assert!(!html.contains(secret), "{secret} is shown");
    }
    assert!(html.contains("9sd8…"), "the masked secret is shown");
}

#[test]
fn html_report_of_a_thousand_findings_is_small() {
    // the fixtures repeated until there are over a thousand findings
    let dir = tempfile::tempdir().unwrap();
    let mut findings = 0;
    let mut copy = 0;
    while findings < 1000 {
        for entry in std::fs::read_dir(fixtures().join("python")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let name = format!("c{copy}_{}", path.file_name().unwrap().to_string_lossy());
                std::fs::copy(&path, dir.path().join(name)).unwrap();
            }
        }
        copy += 1;
        let json = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        findings = json["summary"]["findings"].as_u64().unwrap();
    }
    let html = run(&["check", "--format", "html", dir.path().to_str().unwrap()]);
    let per_finding = html.len() / findings as usize;
    assert!(
        html.len() < 800 * 1024 && per_finding < 700,
        "{} bytes for {findings} findings",
        html.len()
    );
}
