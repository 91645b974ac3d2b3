//! The text front end: config files, docs, scripts, and any source file
//! that does not parse. It yields one string value per line of code (comment
//! lines skipped; in Markdown, only code), which the host rules read.

use super::TextKind;
use crate::model::{FileModel, Piece, StrValue};

pub fn lower(source: &str, kind: TextKind) -> FileModel {
    let mut model = FileModel {
        text_only: true,
        ..FileModel::default()
    };
    let mut in_fence = false;
    let mut in_markup_comment = false;
    let mut offset = 0usize;
    for raw_line in source.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let keep: Option<(usize, usize)> = match kind {
            TextKind::Hash => {
                if trimmed.starts_with('#') || trimmed.starts_with(';') {
                    model
                        .comments
                        .push(line_start + indent..line_start + line.len());
                    None
                } else {
                    Some((0, line.len()))
                }
            }
            TextKind::Slash => {
                if trimmed.starts_with("//") || trimmed.starts_with('#') || trimmed.starts_with('*')
                {
                    model
                        .comments
                        .push(line_start + indent..line_start + line.len());
                    None
                } else {
                    Some((0, line.len()))
                }
            }
            TextKind::Markdown => {
                if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    in_fence = !in_fence;
                    None
                } else if in_fence || line.starts_with("    ") || line.starts_with('\t') {
                    Some((0, line.len()))
                } else if line.contains('`') {
                    // inline code spans only
                    for (a, b) in inline_code(line) {
                        push_line(&mut model, source, line_start + a, line_start + b);
                    }
                    None
                } else {
                    None
                }
            }
            TextKind::Markup | TextKind::Xml => {
                let mut ranges = Vec::new();
                let mut at = 0;
                while at < line.len() {
                    if in_markup_comment {
                        match line[at..].find("-->") {
                            Some(end) => {
                                model
                                    .comments
                                    .push(line_start + at..line_start + at + end + 3);
                                at += end + 3;
                                in_markup_comment = false;
                            }
                            None => {
                                model
                                    .comments
                                    .push(line_start + at..line_start + line.len());
                                at = line.len();
                            }
                        }
                    } else {
                        match line[at..].find("<!--") {
                            Some(start) => {
                                ranges.push((at, at + start));
                                at += start + 4;
                                in_markup_comment = true;
                            }
                            None => {
                                ranges.push((at, line.len()));
                                at = line.len();
                            }
                        }
                    }
                }
                for (a, b) in ranges {
                    push_line(&mut model, source, line_start + a, line_start + b);
                }
                None
            }
            TextKind::Plain | TextKind::Json => Some((0, line.len())),
        };
        if let Some((a, b)) = keep {
            push_line(&mut model, source, line_start + a, line_start + b);
        }
    }
    model
}

/// Byte ranges of `` `code` `` spans in a line.
fn inline_code(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c == '`' {
            match open {
                Some(s) => {
                    out.push((s, i));
                    open = None;
                }
                None => open = Some(i + 1),
            }
        }
    }
    out
}

/// One line (or part of a line) as a string value. `\/` (escaped slashes in
/// JSON and JS) decode to `/` so escaped URLs are seen.
fn push_line(model: &mut FileModel, source: &str, start: usize, end: usize) {
    let Some(text) = source.get(start..end) else {
        return;
    };
    if text.trim().is_empty() {
        return;
    }
    let piece = if text.contains("\\/") {
        let mut decoded = Vec::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|&(_, n)| n == '/') {
                chars.next();
                // the decoded `/` stands for the whole `\/`
                decoded.push(('/', start + i));
            } else {
                decoded.push((c, start + i));
            }
        }
        Piece::lit_decoded(&decoded, end)
    } else {
        Piece::lit(text, start..end)
    };
    model.strings.push(StrValue {
        pieces: vec![piece],
        span: start..end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_hash_comments() {
        let m = lower(
            "# old: https://api.getgo.com/oauth/\nURL=https://api.getgo.com/oauth/v2/token\n",
            TextKind::Hash,
        );
        assert_eq!(m.strings.len(), 1);
        assert!(m.strings[0].text().starts_with("URL="));
    }

    #[test]
    fn markdown_reads_code_only() {
        let src = "Prose https://api.getgo.com/oauth/ here\n```sh\ncurl https://api.getgo.com/oauth/v2/token\n```\nand `api.jive.com` inline\n";
        let m = lower(src, TextKind::Markdown);
        let texts: Vec<String> = m.strings.iter().map(|s| s.text()).collect();
        assert_eq!(
            texts,
            vec!["curl https://api.getgo.com/oauth/v2/token", "api.jive.com"]
        );
    }

    #[test]
    fn escaped_slashes_map_back() {
        let src = r#"{"u":"https:\/\/api.getgo.com\/oauth\/v2\/token"}"#;
        let m = lower(src, TextKind::Plain);
        let v = &m.strings[0];
        let t = v.text();
        let at = t.find("/oauth").unwrap();
        let span = v.source_of(at..at + 6).unwrap();
        assert_eq!(&src[span], r"\/oauth");
    }

    #[test]
    fn markup_comments_skipped() {
        let m = lower(
            "<a href=\"https://api.jive.com\"/><!-- https://auth.jive.com -->\n",
            TextKind::Markup,
        );
        assert_eq!(m.strings.len(), 1);
        assert!(!m.strings[0].text().contains("auth.jive"));
    }
}
