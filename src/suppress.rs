//! Inline suppressions: `gotolint: ignore[GT008] reason` in a comment on
//! the finding's line or alone on the line above; `gotolint:
//! ignore-file[GT011] reason` anywhere. Codes may be prefixes.

use crate::model::Span;
use crate::source::SourceFile;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Suppression {
    /// 0-based lines whose findings it covers (empty for a file-level one)
    pub lines: Vec<usize>,
    pub file_level: bool,
    pub codes: Vec<String>,
    pub reason: Option<String>,
    /// the comment marker through the end of the suppression text
    pub comment: Span,
    /// the comment is alone on its line
    pub whole_line: bool,
    pub used: bool,
}

impl Suppression {
    pub fn covers(&self, code: &str, line: usize) -> bool {
        (self.file_level || self.lines.contains(&line))
            && self.codes.iter().any(|c| {
                code.to_ascii_uppercase()
                    .starts_with(&c.to_ascii_uppercase())
            })
    }
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(#|//|/\*|<!--|--|;|\*|')\s*gotolint:\s*ignore(-file)?\[([A-Za-z0-9_, ]+)\]([^\r\n]*)").expect("suppression pattern")
    })
}

pub fn parse(source: &SourceFile) -> Vec<Suppression> {
    let text = &source.text;
    if memchr::memmem::find(text.as_bytes(), b"gotolint:").is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in pattern().captures_iter(text) {
        let (Some(all), Some(marker)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let line = source.line_index(all.start());
        let line_span = source.line_span(line);
        let before = text.get(line_span.start..marker.start()).unwrap_or("");
        let whole_line = before.trim().is_empty();
        let codes: Vec<String> = m[3]
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        let reason = m
            .get(4)
            .map(|r| {
                r.as_str()
                    .trim()
                    .trim_end_matches("-->")
                    .trim_end_matches("*/")
                    .trim()
                    .to_string()
            })
            .filter(|r| !r.is_empty());
        let file_level = m.get(2).is_some();
        let mut lines = Vec::new();
        if !file_level {
            lines.push(line);
            if whole_line {
                lines.push(line + 1);
            }
        }
        out.push(Suppression {
            lines,
            file_level,
            codes,
            reason,
            comment: marker.start()..all.end(),
            whole_line,
            used: false,
        });
    }
    out
}

/// The edit that removes an unused suppression: its whole line when the
/// comment stands alone, else the comment and the blanks before it.
pub fn removal(source: &SourceFile, s: &Suppression) -> (Span, String) {
    let line = source.line_index(s.comment.start);
    let line_span = source.line_span(line);
    if s.whole_line {
        let next = source.line_span(line + 1).start;
        let end = if next > line_span.end {
            next
        } else {
            line_span.end
        };
        return (line_span.start..end, String::new());
    }
    let before = source
        .text
        .get(line_span.start..s.comment.start)
        .unwrap_or("");
    let start = line_span.start + before.trim_end().len();
    (start..line_span.end.max(s.comment.end), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_line_above_same_line_and_file_level() {
        let src = SourceFile::new(
            "# gotolint: ignore[GT008] legacy system user\nx = 1\ny = 2  // gotolint: ignore[GT002,GT003]\n<!-- gotolint: ignore-file[GT011] docs -->\n".into(),
        );
        let s = parse(&src);
        assert_eq!(s.len(), 3);
        assert!(s[0].covers("GT008", 1) && s[0].reason.as_deref() == Some("legacy system user"));
        assert!(s[1].covers("GT003", 2) && !s[1].covers("GT003", 3) && s[1].reason.is_none());
        assert!(
            s[2].file_level && s[2].covers("GT011", 99) && s[2].reason.as_deref() == Some("docs")
        );
    }

    #[test]
    fn removal_of_trailing_and_whole_line_comments() {
        let src = SourceFile::new(
            "a = 1  # gotolint: ignore[GT001]\n# gotolint: ignore[GT002] x\nb = 2\n".into(),
        );
        let s = parse(&src);
        let (span, _) = removal(&src, &s[0]);
        assert_eq!(&src.text[span], "  # gotolint: ignore[GT001]");
        let (span, _) = removal(&src, &s[1]);
        assert_eq!(&src.text[span], "# gotolint: ignore[GT002] x\n");
    }
}
