//! GitHub Actions workflow commands: one annotation per finding.

use crate::finding::Finding;
use crate::finding::Severity;
use crate::scan::ScanResult;
use std::io::{self, Write};

/// Escape a command's message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property value (`file=`, `title=`, ...).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

pub fn annotation(f: &Finding) -> String {
    format!(
        "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        command(f.severity),
        escape_property(&f.path),
        f.start.line,
        f.end.line,
        f.start.column,
        f.end.column,
        escape_property(&format!("{} {}", f.code, f.name)),
        escape_data(&f.message),
    )
}

pub fn write(out: &mut dyn Write, result: &ScanResult) -> io::Result<()> {
    for f in &result.findings {
        writeln!(out, "{}", annotation(f))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Position;

    fn finding(severity: Severity, path: &str, message: &str) -> Finding {
        Finding {
            code: "GT002".to_string(),
            name: "retired-oauth-v2-host".to_string(),
            severity,
            path: path.to_string(),
            start: Position {
                line: 3,
                column: 14,
            },
            end: Position {
                line: 3,
                column: 51,
            },
            message: message.to_string(),
            fix: None,
            span: 0..0,
            line_text: String::new(),
            source: None,
            line_hash: None,
            secrets: Vec::new(),
            suppressed: None,
            project: std::sync::Arc::from("p"),
            file: None,
        }
    }

    #[test]
    fn one_command_per_finding() {
        let f = finding(Severity::Error, "config/settings.yaml", "old host");
        assert_eq!(
            annotation(&f),
            "::error file=config/settings.yaml,line=3,endLine=3,col=14,endColumn=51,title=GT002 retired-oauth-v2-host::old host"
        );
        assert!(annotation(&finding(Severity::Warning, "a", "m")).starts_with("::warning "));
        assert!(annotation(&finding(Severity::Note, "a", "m")).starts_with("::notice "));
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        let f = finding(Severity::Error, "dir,x/a:b.env", "50%\nnext: a, b");
        assert_eq!(
            annotation(&f),
            "::error file=dir%2Cx/a%3Ab.env,line=3,endLine=3,col=14,endColumn=51,title=GT002 retired-oauth-v2-host::50%25%0Anext: a, b"
        );
    }
}
