//! A file's text with a line index: byte offsets to 1-based line/column.

use crate::model::Span;
use std::io::Read;

/// Read at most `limit` bytes, plus one to tell whether there was more.
/// Returns the bytes and whether they are the whole input; memory never
/// grows past `limit + 1` bytes, whatever the reader (standard input,
/// `/dev/zero`, files whose size reads as 0).
pub fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let complete = bytes.len() as u64 <= limit;
    Ok((bytes, complete))
}

/// Read at most `limit` bytes; `None` when the input is longer.
pub fn read_bounded(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let (bytes, complete) = read_limited(reader, limit)?;
    Ok(complete.then_some(bytes))
}

pub struct SourceFile {
    pub text: String,
    /// byte offset where each line starts
    line_starts: Vec<usize>,
}

/// A 1-based position; `column` counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(text: String) -> SourceFile {
        // `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        SourceFile { text, line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start)
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of a 0-based line without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Byte range of a 0-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        start..start + self.line_text(line).len()
    }

    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_limit_on_endless_input() {
        let (bytes, complete) = read_limited(std::io::repeat(0), 1000).unwrap();
        assert_eq!((bytes.len(), complete), (1001, false));
        assert_eq!(read_bounded(std::io::repeat(0), 10).unwrap(), None);
        assert_eq!(
            read_bounded(&b"abc"[..], 3).unwrap().as_deref(),
            Some(&b"abc"[..])
        );
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_lone_cr_ends_a_line() {
        let src = SourceFile::new("a\rb\r\nc\nd".to_string());
        assert_eq!(src.line_count(), 4);
        assert_eq!(src.line_text(1), "b");
        assert_eq!(src.position(5).line, 3);
        assert_eq!(src.position(7).line, 4);
    }
}
