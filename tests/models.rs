//! Pins what every front end finds in every fixture: the canonical model
//! (`gotolint dump-model`) of each fixture file is an insta snapshot. A change
//! to a front end or to the shared analysis that changes any fact shows up
//! here as a snapshot diff to review.

use gotolint::lang::{lower, Language, TextKind};
use std::path::{Path, PathBuf};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_none_or(|e| e != "expect") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_model_is_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    assert!(
        files.len() > 30,
        "fixtures not found under {}",
        root.display()
    );
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let language = Language::from_path(&path);
        // text files hold lines only; XML and JSON templates also declare requests
        let template = matches!(language, Language::Text(TextKind::Xml | TextKind::Json));
        if language.is_text() && !template {
            continue;
        }
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace(['/', '\\', '.'], "_");
        let model = lower(language, &text);
        insta::with_settings!({ snapshot_path => "snapshots/models", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, model.canonical_json());
        });
    }
}
