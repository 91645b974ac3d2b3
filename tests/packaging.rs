//! The ways gotolint is installed agree with each other and with
//! Cargo.toml: the wheel (pyproject.toml), the pre-commit hook package,
//! the GitHub Action's default version, the README's snippets and the
//! cargo-binstall archive names that the release workflow produces.

use std::path::Path;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn toml_file(rel: &str) -> toml::Table {
    read(rel).parse().unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_wheel_carries_the_binary() {
    let py = toml_file("pyproject.toml");
    assert_eq!(
        py["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(py["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(py["project"]["name"].as_str(), Some("gotolint"));
    // the version comes from Cargo.toml
    assert!(py["project"]["dynamic"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v.as_str() == Some("version")));
    // a pyproject.toml section for gotolint would be read as its config
    assert!(!read("pyproject.toml").contains("[tool.gotolint"));
}

#[test]
fn the_pre_commit_hook_depends_on_the_wheel_of_this_version() {
    let hook = toml_file("pre-commit-hook/pyproject.toml");
    assert_eq!(hook["project"]["version"].as_str(), Some(VERSION));
    let deps: Vec<&str> = hook["project"]["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(deps, vec![format!("gotolint=={VERSION}")]);
    let manifest = read("pre-commit-hook/.pre-commit-hooks.yaml");
    assert!(manifest.contains("language: python"), "{manifest}");
    assert!(manifest.contains("entry: gotolint check"), "{manifest}");
}

#[test]
fn the_action_and_the_readme_name_this_version() {
    let action = read("action.yml");
    assert!(
        action.contains(&format!("default: \"{VERSION}\"")),
        "action.yml's default version must be {VERSION}"
    );
    assert!(action.contains("using: composite"));
    assert!(action.contains("github/codeql-action/upload-sarif@v4"));
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("pip install gotolint=={VERSION}"))
            || readme.contains("pip install gotolint\n")
    );
    assert!(readme.contains(&format!("rev: v{VERSION}")));
    assert!(readme.contains(&format!("uses: gotolint/gotolint@v{VERSION}")));
    assert!(!readme.contains("upload-sarif@v3"));
}

#[test]
fn binstall_finds_the_archives_the_release_builds() {
    let cargo = toml_file("Cargo.toml");
    let binstall = &cargo["package"]["metadata"]["binstall"];
    let url = binstall["pkg-url"].as_str().unwrap();
    assert!(url.contains("/releases/download/v{ version }/gotolint-{ target }{ archive-suffix }"));
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    let release = read(".github/workflows/release.yml");
    assert!(release.contains("name=\"gotolint-$TARGET\""));
    assert!(release.contains("\"$name.tar.gz\"") && release.contains("\"$name.zip\""));
    // release builds carry no debug info
    let profile = &cargo["profile"]["release"];
    assert_eq!(profile["debug"].as_bool(), Some(false));
    assert_eq!(profile["strip"].as_bool(), Some(true));
}
