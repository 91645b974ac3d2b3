//! The rule catalog: one TOML file per rule under `rules/`, embedded at build
//! time. `rules`, `explain`, SARIF metadata and the README table read it.

pub mod detectors;

pub use crate::finding::{FixSafety, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stable,
    Planned,
}

/// The detector a rule file names. A name that is not here fails to load
/// (at build time in tests, at start-up otherwise), so a typo can never
/// silently disable a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detector {
    /// URLs on a GoTo auth host (GT001–GT003)
    AuthUrl,
    /// retired hosts of earlier GoTo generations (GT101–GT103)
    LegacyHost,
    /// `/authorize` URLs and their parameters (GT009, GT010)
    AuthorizeUrl,
    /// requests to a GoTo token endpoint (GT004–GT008)
    TokenRequest,
    /// reads of a token response (GT011, GT012)
    TokenResponse,
    /// hardcoded client credentials (GT014)
    Credentials,
    /// decided over the whole project after the scan (GT013)
    ProjectRefresh,
    /// decided after suppressions are matched (GT900)
    UnusedSuppression,
}

impl Detector {
    pub fn as_str(self) -> &'static str {
        match self {
            Detector::AuthUrl => "auth-url",
            Detector::LegacyHost => "legacy-host",
            Detector::AuthorizeUrl => "authorize-url",
            Detector::TokenRequest => "token-request",
            Detector::TokenResponse => "token-response",
            Detector::Credentials => "credentials",
            Detector::ProjectRefresh => "project-refresh",
            Detector::UnusedSuppression => "unused-suppression",
        }
    }

    /// The `[params]` keys this detector reads; any other key is an error.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Detector::AuthUrl => &["replacement", "old_segment", "new_segment"],
            Detector::LegacyHost => &[
                "host",
                "replacement",
                "replacement_host",
                "auth_replacement",
            ],
            Detector::AuthorizeUrl => &["append"],
            Detector::TokenRequest => &["keys", "old_key", "new_key"],
            Detector::TokenResponse => &["replacements", "specific"],
            Detector::Credentials => &["placeholders"],
            Detector::ProjectRefresh | Detector::UnusedSuppression => &[],
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
    pub detector: Detector,
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

/// Parse one rule file and check what TOML alone cannot: the file name and
/// that every parameter is one its detector reads.
pub fn parse_rule(file: &str, text: &str) -> Result<Rule, String> {
    let rule: Rule = toml::from_str(text).map_err(|e| format!("rules/{file}: {e}"))?;
    let expected = format!("{}-{}.toml", rule.code, rule.name);
    if file != expected {
        return Err(format!("rules/{file}: file name must be {expected}"));
    }
    let allowed = rule.detector.params();
    if let Some(key) = rule.params.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "rules/{file}: unknown parameter `{key}` for detector `{}` (it reads: {})",
            rule.detector.as_str(),
            allowed.join(", ")
        ));
    }
    Ok(rule)
}

pub struct Catalog {
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// Parse every embedded rule file. Errors name the file.
    pub fn load() -> Result<Catalog, String> {
        let mut rules = Vec::new();
        for (file, text) in RULE_FILES {
            let rule = parse_rule(file, text)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_text(detector: &str, params: &str) -> String {
        let (_, text) = RULE_FILES
            .iter()
            .find(|(file, _)| file.starts_with("GT007"))
            .expect("GT007 is embedded");
        let text = text.replace(
            "detector = \"token-request\"",
            &format!("detector = \"{detector}\""),
        );
        format!("{text}\n{params}\n")
    }

    #[test]
    fn every_embedded_rule_loads() {
        let catalog = Catalog::load().expect("rule files load");
        assert_eq!(catalog.rules.len(), RULE_FILES.len());
    }

    #[test]
    fn a_misspelt_detector_is_an_error_not_a_silent_rule() {
        let err = parse_rule(
            "GT007-user-id-parameter.toml",
            &rule_text("token-requets", ""),
        )
        .expect_err("unknown detector must fail");
        assert!(err.contains("token-requets"), "{err}");
    }

    #[test]
    fn a_parameter_the_detector_does_not_read_is_an_error() {
        let text = rule_text("token-request", "").replace("old_key =", "old_kye =");
        let err =
            parse_rule("GT007-user-id-parameter.toml", &text).expect_err("unknown param must fail");
        assert!(err.contains("old_kye"), "{err}");
        assert!(parse_rule(
            "GT007-user-id-parameter.toml",
            &rule_text("token-request", "")
        )
        .is_ok());
    }
}
