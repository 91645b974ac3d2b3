//! The rule catalog: one TOML file per rule under `rules/`, embedded at build
//! time. `rules`, `explain`, SARIF metadata and the README table read it.

pub mod detectors;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stable,
    Planned,
}

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

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub language: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub code: String,
    pub name: String,
    pub summary: String,
    pub severity: Severity,
    pub status: Status,
    pub detector: String,
    pub fix: FixSafety,
    #[serde(default)]
    pub fix_title: Option<String>,
    pub message: String,
    pub tags: Vec<String>,
    pub guide: String,
    #[serde(default)]
    pub triggers: Vec<String>,
    pub rationale: String,
    pub example: Example,
    #[serde(default)]
    pub params: toml::Table,
}

impl Rule {
    pub fn is_enabled_by_default(&self) -> bool {
        self.status == Status::Stable
    }

    pub fn docs_url(&self) -> String {
        format!(
            "https://github.com/gotolint/gotolint/blob/main/rules/{}-{}.toml",
            self.code, self.name
        )
    }

    /// Fill `{name}` placeholders of the message template.
    pub fn render_message(&self, values: &[(&str, &str)]) -> String {
        let mut out = self.message.clone();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    pub fn param_str(&self, key: &str) -> Option<&str> {
        self.params.get(key).and_then(|v| v.as_str())
    }

    pub fn param_list(&self, key: &str) -> Vec<String> {
        self.params
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn param_table(&self, key: &str) -> BTreeMap<String, String> {
        self.params
            .get(key)
            .and_then(|v| v.as_table())
            .map(|t| {
                t.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub struct Catalog {
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// Parse every embedded rule file. Errors name the file.
    pub fn load() -> Result<Catalog, String> {
        let mut rules = Vec::new();
        for (file, text) in RULE_FILES {
            let rule: Rule = toml::from_str(text).map_err(|e| format!("rules/{file}: {e}"))?;
            let expected = format!("{}-{}.toml", rule.code, rule.name);
            if *file != expected {
                return Err(format!("rules/{file}: file name must be {expected}"));
            }
            rules.push(rule);
        }
        rules.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Catalog { rules })
    }

    /// The catalog, parsed once per process.
    pub fn get() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::load() {
            Ok(c) => c,
            Err(e) => panic!("embedded rule catalog is invalid: {e}"),
        })
    }

    pub fn rule(&self, code: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code))
    }

    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.code == code)
    }
}
