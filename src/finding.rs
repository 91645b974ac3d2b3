//! One `Finding` type feeds every output format and the fixer.

use crate::model::Span;
use crate::rules::{FixSafety, Severity};
use crate::source::Position;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub content: String,
    pub start: Position,
    pub end: Position,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: FixSafety,
    pub title: String,
    pub edits: Vec<Edit>,
}

/// A finding as detectors produce it (byte spans only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub code: &'static str,
    pub span: Span,
    pub message: String,
    /// byte edits, when the rule can fix this occurrence
    pub edits: Vec<(Span, String)>,
    /// where the message's subject came from (e.g. the token request)
    pub related: Option<Span>,
    /// a secret in the source that no output may echo
    pub secret: Option<Span>,
}

impl RawFinding {
    pub fn new(code: &'static str, span: Span, message: String) -> RawFinding {
        RawFinding {
            code,
            span,
            message,
            edits: Vec::new(),
            related: None,
            secret: None,
        }
    }
    pub fn with_edits(mut self, edits: Vec<(Span, String)>) -> RawFinding {
        self.edits = edits;
        self
    }
}

/// A finding located in a file, ready for output.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    /// path as shown to the user (relative to the working directory when possible)
    pub path: String,
    /// the file on disk, exactly as discovered (`None` for standard input);
    /// fixes are written here, never to `path`, which is only for display
    #[serde(skip)]
    pub file: Option<std::sync::Arc<std::path::Path>>,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub fix: Option<Fix>,
    #[serde(skip)]
    pub span: Span,
    /// the source line of the finding's start (secret masked)
    #[serde(skip)]
    pub line_text: String,
    /// the file's text for snippets; shared between findings of a file
    #[serde(skip)]
    pub source: std::sync::Arc<str>,
    /// spans within `source` that must never be printed
    #[serde(skip)]
    pub secrets: Vec<Span>,
    /// set when an inline suppression covers it: the reason given (may be empty)
    #[serde(skip)]
    pub suppressed: Option<String>,
}

impl Finding {
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.start.line, self.start.column, &self.code)
    }
}

/// Replace a secret with its first 4 characters and `…`.
pub fn mask_secret(secret: &str) -> String {
    let shown: String = secret.chars().take(4).collect();
    format!("{shown}…")
}
