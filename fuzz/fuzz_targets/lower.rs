//! Every front end on arbitrary text: the first byte picks the language.
#![no_main]
use gotolint::lang::{self, Language, TextKind};
use libfuzzer_sys::fuzz_target;

const LANGUAGES: &[Language] = &[
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Python,
    Language::Rust,
    Language::Php,
    Language::CSharp,
    Language::Java,
    Language::Go,
    Language::Ruby,
    Language::Shell,
    Language::PowerShell,
    Language::Text(TextKind::Hash),
    Language::Text(TextKind::Markdown),
    Language::Text(TextKind::Markup),
    Language::Text(TextKind::Plain),
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let language = LANGUAGES[first as usize % LANGUAGES.len()];
    let _ = lang::lower(language, text);
});
