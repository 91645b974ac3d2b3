//! One `Finding` type feeds every output format and the fixer.

use crate::model::Span;
use crate::source::Position;
use serde::{Deserialize, Serialize};

/// How serious a finding is: a rule's default, or the config's override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Whether a fix may be applied unattended (`--fix`), only on request
/// (`--unsafe-fixes`), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    None,
    Unsafe,
    Safe,
}

impl FixSafety {
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::None => "none",
            FixSafety::Unsafe => "unsafe",
            FixSafety::Safe => "safe",
        }
    }
}

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
    /// this occurrence's fix is less safe than the rule's (and says why in
    /// its own title): a URL rewritten where it is used, not at its constant
    pub weaker_fix: Option<(FixSafety, String)>,
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
            weaker_fix: None,
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
    /// the file's text for snippets and fixes, shared between findings of a
    /// file; kept only when the run needs it (`ScanOptions::keep_sources`)
    #[serde(skip)]
    pub source: Option<std::sync::Arc<str>>,
    /// SARIF's `primaryLocationLineHash` of the start line, computed while
    /// the file's text is at hand
    #[serde(skip)]
    pub line_hash: Option<crate::report::fingerprint::LineHash>,
    /// spans within `source` that must never be printed
    #[serde(skip)]
    pub secrets: Vec<Span>,
    /// set when an inline suppression covers it: the reason given (may be empty)
    #[serde(skip)]
    pub suppressed: Option<String>,
    /// the name of the project the file belongs to
    #[serde(skip)]
    pub project: std::sync::Arc<str>,
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
