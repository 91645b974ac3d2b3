//! Embeds every `rules/*.toml` file (in code order) and every
//! `libraries/**/*.toml` file (in path order) in the binary.
use std::{env, fs, path::Path, path::PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

fn embed(dir: &str, name: &str, out_file: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut files = Vec::new();
    toml_files(Path::new(dir), &mut files);
    files.sort();
    let mut out = format!("pub static {name}: &[(&str, &str)] = &[\n");
    for path in &files {
        let abs = fs::canonicalize(path).expect("embedded file path");
        println!("cargo:rerun-if-changed={}", path.display());
        let shown = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            shown,
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join(out_file);
    fs::write(dest, out).expect("write embedded file list");
}

fn main() {
    embed("rules", "RULE_FILES", "rule_files.rs");
    embed("libraries", "LIBRARY_FILES", "library_files.rs");
}
