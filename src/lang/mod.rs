//! Front ends: one per language. Each parses a file with a real parser and
//! lowers the tree into the neutral [`crate::model::FileModel`].

pub mod csharp;
pub mod go;
mod hooks;
pub mod java;
pub mod javascript;
pub mod php;
pub mod powershell;
pub mod python;
pub mod ruby;
pub mod rust;
pub mod shell;
pub mod templates;
pub mod text;
pub mod ts;

use crate::model::FileModel;
use std::path::Path;

/// Which front end reads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    JavaScript,
    TypeScript,
    Tsx,
    Python,
    Rust,
    Php,
    CSharp,
    Java,
    Go,
    Ruby,
    Shell,
    PowerShell,
    /// any other text file: host rules only
    Text(TextKind),
}

/// Flavours of text file; they differ in which lines are comments, and
/// XML and JSON documents are also read as templates (see [`templates`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextKind {
    /// `#` comments: shell, YAML, .env, INI, TOML, .properties, Dockerfile
    Hash,
    /// Markdown: only code (fenced blocks, indented blocks, inline code) counts
    Markdown,
    /// HTML and other markup: `<!-- -->` comments
    Markup,
    /// XML documents (`.xml`, `.config`): `<!-- -->` comments, and the
    /// requests of connector and integration templates
    Xml,
    /// JSON documents: every line counts, and the requests of Postman
    /// collections, HAR captures and connector definitions
    Json,
    /// a C-family source file that did not parse: `//` and `#` lines skipped
    Slash,
    /// anything else: every line counts
    Plain,
}

impl Language {
    pub fn name(self) -> &'static str {
        match self {
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Python => "python",
            Language::Rust => "rust",
            Language::Php => "php",
            Language::CSharp => "csharp",
            Language::Java => "java",
            Language::Go => "go",
            Language::Ruby => "ruby",
            Language::Shell => "shell",
            Language::PowerShell => "powershell",
            Language::Text(_) => "text",
        }
    }

    /// Pick the front end from the file name.
    pub fn from_path(path: &Path) -> Language {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            // `.gs`: Google Apps Script, which is JavaScript
            "js" | "mjs" | "cjs" | "jsx" | "gs" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "py" | "pyi" | "pyw" => Language::Python,
            "rs" => Language::Rust,
            "php" | "phtml" | "inc" => Language::Php,
            "cs" => Language::CSharp,
            "java" => Language::Java,
            "go" => Language::Go,
            "rb" | "rake" | "gemspec" | "ru" => Language::Ruby,
            "sh" | "bash" | "zsh" | "ksh" => Language::Shell,
            "ps1" | "psm1" | "psd1" => Language::PowerShell,
            "md" | "markdown" | "mdx" | "rst" => Language::Text(TextKind::Markdown),
            "xml" | "config" | "csproj" => Language::Text(TextKind::Xml),
            "html" | "htm" | "xhtml" | "svg" | "vue" => Language::Text(TextKind::Markup),
            "json" => Language::Text(TextKind::Json),
            "yml" | "yaml" | "toml" | "ini" | "cfg" | "conf" | "properties" | "env" | "pl"
            | "r" | "tf" | "dockerfile" | "mk" => Language::Text(TextKind::Hash),
            _ if name == "gemfile" || name == "rakefile" => Language::Ruby,
            _ if name.starts_with(".env") || name == "dockerfile" || name == "makefile" => {
                Language::Text(TextKind::Hash)
            }
            _ => Language::Text(TextKind::Plain),
        }
    }

    /// The text front end to fall back on when this language's parser fails.
    pub fn fallback_text_kind(self) -> TextKind {
        match self {
            Language::Python | Language::Ruby | Language::Shell | Language::PowerShell => {
                TextKind::Hash
            }
            Language::Text(kind) => kind,
            _ => TextKind::Slash,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Language::Text(_))
    }
}

/// Parse and lower one file. A source front end whose parser reports errors
/// still returns what it could lower (`parse_errors` set); the pipeline then
/// also runs the text front end so the host rules still apply.
pub fn lower(language: Language, source: &str) -> FileModel {
    let mut model = lower_syntax(language, source);
    hooks::annotate_reads(language, source, &mut model);
    crate::sema::libraries::draft_rewrites(language, source, &mut model);
    model
}

fn lower_syntax(language: Language, source: &str) -> FileModel {
    match language {
        Language::JavaScript => javascript::lower(source, javascript::Dialect::JavaScript),
        Language::TypeScript => javascript::lower(source, javascript::Dialect::TypeScript),
        Language::Tsx => javascript::lower(source, javascript::Dialect::Tsx),
        Language::Python => python::lower(source),
        Language::Rust => rust::lower(source),
        Language::Php => php::lower(source),
        Language::CSharp => csharp::lower(source),
        Language::Java => java::lower(source),
        Language::Go => go::lower(source),
        Language::Ruby => ruby::lower(source),
        Language::Shell => shell::lower(source),
        Language::PowerShell => powershell::lower(source),
        Language::Text(TextKind::Xml) => templates::lower(source, templates::Format::Xml),
        Language::Text(TextKind::Json) => templates::lower(source, templates::Format::Json),
        Language::Text(kind) => text::lower(source, kind),
    }
}

/// Whether `source` parses cleanly with the front end (used to verify fixes).
pub fn parses(language: Language, source: &str) -> bool {
    !lower(language, source).parse_errors
}
