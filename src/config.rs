//! `gotolint.toml`, `.gotolint.toml` or `[tool.gotolint]` in
//! `pyproject.toml`, found by walking up from a path (closest wins);
//! `--config FILE` overrides. Unknown keys, bad codes and bad globs are
//! errors that name the file, the line and the key.

use crate::rules::{Catalog, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    pub severity: Option<BTreeMap<String, Severity>>,
    pub extra_auth_hosts: Option<Vec<String>>,
    pub max_file_size: Option<u64>,
    pub unfixable: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyTool>,
}
#[derive(Deserialize)]
struct PyTool {
    gotolint: Option<toml::Value>,
}

/// A loaded configuration with its globs compiled.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// the file it came from (`None`: defaults)
    pub path: Option<PathBuf>,
    /// folder that relative globs are matched against
    pub root: PathBuf,
    pub file: ConfigFile,
    pub exclude: Option<GlobSet>,
    pub per_file_ignores: Vec<(GlobSet, Vec<String>)>,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

const NAMES: &[&str] = &["gotolint.toml", ".gotolint.toml", "pyproject.toml"];

/// The closest configuration file at or above `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        for name in NAMES {
            let candidate = d.join(name);
            let usable = *name != "pyproject.toml" || pyproject_has_section(&candidate);
            if candidate.is_file() && usable {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

fn pyproject_has_section(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .map(|t| t.contains("[tool.gotolint"))
        .unwrap_or(false)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn de_error(path: &Path, text: &str, e: toml::de::Error) -> ConfigError {
    let line = e
        .span()
        .map(|s| format!(":{}", line_of(text, s.start)))
        .unwrap_or_default();
    let msg = e.message().replace('\n', " ");
    ConfigError(format!("{}{}: {}", path.display(), line, msg.trim()))
}

/// Find the line of `key` (for errors found after parsing).
fn line_of_key(text: &str, key: &str) -> String {
    text.lines()
        .position(|l| l.contains(key))
        .map(|i| format!(":{}", i + 1))
        .unwrap_or_default()
}

pub fn load(path: &Path, catalog: &Catalog) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
    let file: ConfigFile = if path.file_name().is_some_and(|n| n == "pyproject.toml") {
        let py: PyProject = toml::from_str(&text).map_err(|e| de_error(path, &text, e))?;
        match py.tool.and_then(|t| t.gotolint) {
            Some(value) => {
                // re-parse the section alone so errors keep their lines
                let section_start = text.find("[tool.gotolint]").unwrap_or(0);
                let section: String = text[section_start..]
                    .lines()
                    .skip(1)
                    .take_while(|l| {
                        !l.trim_start().starts_with('[')
                            || l.trim_start().starts_with("[tool.gotolint.")
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                match toml::from_str::<ConfigFile>(&section) {
                    Ok(f) => f,
                    Err(e) => {
                        let base = line_of(&text, section_start);
                        let line = e
                            .span()
                            .map(|s| format!(":{}", base + line_of(&section, s.start)))
                            .unwrap_or_default();
                        let _ = value;
                        return Err(ConfigError(format!(
                            "{}{}: {}",
                            path.display(),
                            line,
                            e.message().trim()
                        )));
                    }
                }
            }
            None => ConfigFile::default(),
        }
    } else {
        toml::from_str(&text).map_err(|e| de_error(path, &text, e))?
    };
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let check_codes = |key: &str, codes: &[String]| -> Result<(), ConfigError> {
        for c in codes {
            let ok = c.eq_ignore_ascii_case("ALL")
                || catalog.rules.iter().any(|r| {
                    r.code
                        .to_ascii_uppercase()
                        .starts_with(&c.to_ascii_uppercase())
                });
            if !ok {
                return Err(ConfigError(format!(
                    "{}{}: `{key}`: unknown rule code or prefix `{c}`",
                    path.display(),
                    line_of_key(&text, c)
                )));
            }
        }
        Ok(())
    };
    check_codes("select", file.select.as_deref().unwrap_or_default())?;
    check_codes("ignore", file.ignore.as_deref().unwrap_or_default())?;
    check_codes("unfixable", file.unfixable.as_deref().unwrap_or_default())?;
    if let Some(sev) = &file.severity {
        check_codes("severity", &sev.keys().cloned().collect::<Vec<_>>())?;
    }
    let glob = |key: &str, pattern: &str| -> Result<Glob, ConfigError> {
        Glob::new(pattern).map_err(|e| {
            ConfigError(format!(
                "{}{}: `{key}`: bad glob `{pattern}`: {e}",
                path.display(),
                line_of_key(&text, pattern)
            ))
        })
    };
    let exclude = match &file.exclude {
        Some(patterns) => {
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                b.add(glob("exclude", p)?);
                // a folder pattern excludes what is inside it too
                b.add(glob("exclude", &format!("{}/**", p.trim_end_matches('/')))?);
            }
            Some(
                b.build()
                    .map_err(|e| ConfigError(format!("{}: exclude: {e}", path.display())))?,
            )
        }
        None => None,
    };
    let mut per_file_ignores = Vec::new();
    for (pattern, codes) in file.per_file_ignores.clone().unwrap_or_default() {
        check_codes("per-file-ignores", &codes)?;
        let set = GlobSetBuilder::new()
            .add(glob("per-file-ignores", &pattern)?)
            .build()
            .map_err(|e| ConfigError(format!("{}: per-file-ignores: {e}", path.display())))?;
        per_file_ignores.push((set, codes));
    }
    Ok(Config {
        path: Some(path.to_path_buf()),
        root,
        file,
        exclude,
        per_file_ignores,
    })
}

impl Config {
    /// The path relative to the config's folder, for glob matching.
    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        let abs = if path.is_absolute() {
            std::borrow::Cow::Borrowed(path)
        } else {
            std::borrow::Cow::Owned(std::env::current_dir().unwrap_or_default().join(path))
        };
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let abs_clean: PathBuf = abs
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        match abs_clean.strip_prefix(&root) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Owned(abs_clean),
        }
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(set) = &self.exclude else {
            return false;
        };
        let rel = self.relative(path);
        set.is_match(rel.as_ref()) || path.file_name().is_some_and(|n| set.is_match(Path::new(n)))
    }

    /// Codes ignored for this file by `per-file-ignores`.
    pub fn ignored_codes(&self, path: &Path) -> Vec<String> {
        let rel = self.relative(path);
        self.per_file_ignores
            .iter()
            .filter(|(set, _)| set.is_match(rel.as_ref()))
            .flat_map(|(_, codes)| codes.iter().cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "gotolint.toml",
            "select = [\"GT0\"]\nselcet = [\"GT1\"]\n",
        );
        let err = load(&p, Catalog::get()).unwrap_err().0;
        assert!(
            err.contains("gotolint.toml:2") && err.contains("selcet"),
            "{err}"
        );
    }

    #[test]
    fn bad_code_and_bad_glob_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "gotolint.toml", "ignore = [\"GT999\"]\n");
        assert!(load(&p, Catalog::get()).unwrap_err().0.contains("GT999"));
        let p = write(dir.path(), "gotolint.toml", "exclude = [\"a[\"]\n");
        assert!(load(&p, Catalog::get()).unwrap_err().0.contains("bad glob"));
    }

    #[test]
    fn pyproject_section_is_read_and_discovered() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "pyproject.toml", "[project]\nname = \"x\"\n\n[tool.gotolint]\nignore = [\"GT013\"]\nextra-auth-hosts = [\"sso.corp.example\"]\n");
        std::fs::create_dir(dir.path().join("src")).unwrap();
        let found = discover(&dir.path().join("src")).unwrap();
        let c = load(&found, Catalog::get()).unwrap();
        assert_eq!(c.file.ignore.unwrap(), vec!["GT013"]);
        let bad = write(dir.path(), "pyproject.toml", "[tool.gotolint]\nnope = 1\n");
        let err = load(&bad, Catalog::get()).unwrap_err().0;
        assert!(
            err.contains("pyproject.toml:2") && err.contains("nope"),
            "{err}"
        );
    }
}
