//! Values that cross files: a project-level table of string constants whose
//! value holds a GoTo host (PHP `define`, `const`, `static final`, module
//! constants, `export const`, `.env` keys…), so that a URL built in one file
//! from a constant defined in another resolves.
//!
//! Collected from the files the scan analyses anyway (memory proportional to
//! the constants, not the sources); used to re-analyse only the files whose
//! unresolved names match a constant of another file.

use crate::goto;
use crate::model::{FileModel, Origin, Piece, StrValue, TokenImport, WireName};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// `NAME → (value, defining file)`; a name defined with two different values
/// is ambiguous and left out.
#[derive(Debug, Default, Clone)]
pub struct ConstantTable {
    values: BTreeMap<String, (String, String)>,
    ambiguous: BTreeSet<String>,
    /// by defining file: its GoTo constants that other files refer to
    /// (a change of such a constant reaches uses this file cannot see)
    used_elsewhere: BTreeMap<String, Vec<String>>,
    /// (typed model, member) → its name on the wire, from every file
    wire: BTreeMap<(String, String), String>,
    /// function name → the files that define it with a GoTo token response
    /// as its return value (file, line of the token request, grant known
    /// not to be a refresh)
    token_functions: BTreeMap<String, Vec<(String, usize, bool)>>,
}

fn definition_patterns() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            // PHP define('NAME', 'value')
            r#"define\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*,\s*['"]([^'"\n]+)['"]"#,
            // NAME = "value", const NAME: &str = "value", static final String NAME = "value",
            // NAME := "value", readonly NAME = 'value', @NAME = "value"
            r#"(?m)\b([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[&'\w<>\[\] ]+)?\s*:?=\s*[@$]?[rbfu]?["'`]([^"'`\n]+)["'`]"#,
            // .env and shell: NAME=value without quotes
            r#"(?m)^\s*(?:export\s+)?([A-Z][A-Z0-9_]{2,})=([^\s"'#]+)"#,
        ]
        .iter()
        .map(|p| Regex::new(p).expect("constant pattern"))
        .collect()
    })
}

/// Constants defined in `text` whose value holds a GoTo host.
pub fn collect(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for re in definition_patterns() {
        for c in re.captures_iter(text) {
            let (Some(name), Some(value)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if name.as_str().len() < 3 || goto::find_urls(value.as_str(), &[]).is_empty() {
                continue;
            }
            out.push((name.as_str().to_string(), value.as_str().to_string()));
        }
    }
    out
}

impl ConstantTable {
    pub fn add(&mut self, file: &str, name: String, value: String) {
        if self.ambiguous.contains(&name) {
            return;
        }
        match self.values.get(&name) {
            Some((v, _)) if *v != value => {
                self.values.remove(&name);
                self.ambiguous.insert(name);
            }
            Some(_) => {}
            None => {
                self.values.insert(name, (value, file.to_string()));
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.wire.is_empty() && self.token_functions.is_empty()
    }

    /// `file` defines a function `name` that returns a GoTo token response.
    pub fn add_token_function(&mut self, file: &str, name: &str, line: usize, not_refresh: bool) {
        self.token_functions
            .entry(name.to_string())
            .or_default()
            .push((file.to_string(), line, not_refresh));
    }

    /// A function of that name defined in a file other than `file`: where,
    /// and whether every such definition's grant is known not to be a
    /// refresh (one refresh among them counts).
    fn token_function(&self, name: &str, file: &str) -> Option<TokenImport> {
        let defs: Vec<&(String, usize, bool)> = self
            .token_functions
            .get(name)?
            .iter()
            .filter(|(f, _, _)| f != file)
            .collect();
        let (defined_in, line, _) = defs.first()?;
        Some(TokenImport {
            name: name.to_string(),
            defined_in: defined_in.clone(),
            line: *line,
            not_refresh: defs.iter().all(|(_, _, n)| *n),
        })
    }

    /// The token functions that files other than `file` define.
    pub fn token_functions_for(&self, file: &str) -> Vec<String> {
        self.token_functions
            .iter()
            .filter(|(_, defs)| defs.iter().any(|(f, _, _)| f != file))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// Whether `file` calls a token function another file defines.
    pub fn calls_token_function(&self, call_names: &[String], file: &str) -> bool {
        call_names
            .iter()
            .any(|n| self.token_function(n, file).is_some())
    }

    /// A typed model's member whose wire name differs (from any file).
    pub fn add_wire_name(&mut self, w: &WireName) {
        self.wire
            .insert((w.type_name.clone(), w.member.clone()), w.wire.clone());
    }

    /// Whether the table knows the wire names of a model among `types`.
    pub fn knows_any_type(&self, types: &[String]) -> bool {
        types.iter().any(|t| {
            self.wire
                .range((t.clone(), String::new())..)
                .next()
                .is_some_and(|((ty, _), _)| ty == t)
        })
    }

    /// Record that `file` defines `name` and another file refers to it.
    pub fn add_used_elsewhere(&mut self, file: &str, name: &str) {
        let names = self.used_elsewhere.entry(file.to_string()).or_default();
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }

    /// The constants `file` defines that other files refer to.
    pub fn used_elsewhere(&self, file: &str) -> &[String] {
        self.used_elsewhere.get(file).map_or(&[], Vec::as_slice)
    }

    /// Every file with constants that other files refer to, and their names.
    pub fn all_used_elsewhere(&self) -> &BTreeMap<String, Vec<String>> {
        &self.used_elsewhere
    }

    /// A table that knows only which constants of `file` other files use
    /// (for checking the file again on its own, as the fixer does).
    pub fn only_used_elsewhere(file: &str, names: &[String]) -> ConstantTable {
        let mut table = ConstantTable::default();
        for name in names {
            table.add_used_elsewhere(file, name);
        }
        table
    }

    /// The constant a hole's name refers to, when another file defines it.
    pub fn lookup(&self, hole_name: &str, this_file: &str) -> Option<&str> {
        let name = last_identifier(hole_name)?;
        // an all-lowercase name (`$url`, `base`, `token_url`) is a local or a
        // parameter far more often than another file's constant: only names
        // written like constants (`TOKEN_URL`, `goToAuthUrl`) cross files
        if !name.chars().any(|c| c.is_ascii_uppercase()) {
            return None;
        }
        match self.values.get(name) {
            Some((value, file)) if file != this_file => Some(value),
            _ => None,
        }
    }

    /// Whether any of `names` is a constant defined in a file other than `file`.
    pub fn resolves_any(&self, names: &[String], file: &str) -> bool {
        names.iter().any(|n| self.lookup(n, file).is_some())
    }
}

/// `process.env.G2W_TOKEN_URL` → `G2W_TOKEN_URL`; `os.environ["X"]` → `X`;
/// `self::TOKEN_URL` → `TOKEN_URL`.
pub fn last_identifier(expr: &str) -> Option<&str> {
    expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .rfind(|s| !s.is_empty() && !s.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// The names of every hole in the model (for deciding on re-analysis).
pub fn hole_names(model: &FileModel) -> Vec<String> {
    let mut names = BTreeSet::new();
    for_each_value(model, |v| {
        for p in &v.pieces {
            if let Piece::Hole { name, .. } = p {
                if let Some(id) = last_identifier(name) {
                    names.insert(id.to_string());
                }
            }
        }
    });
    names.into_iter().collect()
}

fn for_each_value(model: &FileModel, mut f: impl FnMut(&StrValue)) {
    for v in &model.strings {
        f(v);
    }
    for e in &model.entries {
        if let Some(v) = &e.value {
            f(v);
        }
    }
    for r in &model.http_requests {
        if let Some(u) = &r.url {
            f(u);
        }
        for e in r.query.iter().chain(&r.headers).chain(&r.body) {
            if let Some(v) = &e.value {
                f(v);
            }
        }
    }
}

fn substitute_value(value: &mut StrValue, table: &ConstantTable, file: &str) -> bool {
    let mut changed = false;
    for p in value.pieces.iter_mut() {
        if let Piece::Hole { name, .. } = p {
            if let Some(text) = table.lookup(name, file) {
                // the text lives in another file: no span here
                *p = Piece::synthetic(text.to_string());
                changed = true;
            }
        }
    }
    changed
}

/// The typed models a file reads responses into (for deciding on re-analysis).
pub fn types_used(model: &FileModel) -> Vec<String> {
    let mut names: BTreeSet<String> = model
        .type_uses
        .iter()
        .map(|u| u.type_name.clone())
        .collect();
    for w in &model.wire_names {
        names.remove(&w.type_name);
    }
    names.into_iter().collect()
}

/// Name by the wire the reads of a response held in a typed model declared
/// in another file: `token.OrganizerKey` of an `OAuthToken` whose member is
/// `[JsonPropertyName("organizer_key")]` reads `organizer_key`.
pub fn rename_wire_reads(model: &mut FileModel, table: &ConstantTable) -> bool {
    let mut changed = false;
    let uses: Vec<(Origin, String)> = model
        .type_uses
        .iter()
        .filter(|u| matches!(u.origin, Origin::Response(_) | Origin::TokenCall(_)))
        .map(|u| (u.origin.clone(), u.type_name.clone()))
        .collect();
    for read in model.field_reads.iter_mut() {
        for (origin, type_name) in &uses {
            if *origin != read.origin {
                continue;
            }
            if let Some(wire) = table.wire.get(&(type_name.clone(), read.field.clone())) {
                read.field = wire.clone();
                changed = true;
                break;
            }
        }
    }
    changed
}

/// Record the calls of another file's token functions (the front end made
/// them token calls, see `sema::libraries::with_project_token_calls`).
/// Returns whether there is one: the file then uses a GoTo token response.
fn mark_token_imports(model: &mut FileModel, table: &ConstantTable, file: &str) -> bool {
    // the calls whose result the file uses as a token response
    let used: BTreeSet<usize> = model
        .field_reads
        .iter()
        .map(|r| &r.origin)
        .chain(model.type_uses.iter().map(|u| &u.origin))
        .filter_map(|o| match o {
            Origin::TokenCall(i) => Some(*i),
            _ => None,
        })
        .collect();
    let mut imports: Vec<TokenImport> = Vec::new();
    for call in used.iter().filter_map(|&i| model.calls.get(i)) {
        if imports.iter().any(|t| t.name == call.name) {
            continue;
        }
        if let Some(t) = table.token_function(&call.name, file) {
            imports.push(t);
        }
    }
    let found = !imports.is_empty();
    model.token_imports = imports;
    found
}

/// The names of the calls a file makes (for deciding on re-analysis).
pub fn call_names(model: &FileModel) -> Vec<String> {
    let names: BTreeSet<&str> = model.calls.iter().map(|c| c.name.as_str()).collect();
    names.into_iter().map(str::to_string).collect()
}

/// Replace holes that name another file's constant by its value. Returns
/// whether anything was resolved (the file then uses a GoTo value).
pub fn substitute(model: &mut FileModel, table: &ConstantTable, file: &str) -> bool {
    let mut changed = rename_wire_reads(model, table);
    changed |= mark_token_imports(model, table, file);
    for v in model.strings.iter_mut() {
        changed |= substitute_value(v, table, file);
    }
    for e in model.entries.iter_mut() {
        if let Some(v) = e.value.as_mut() {
            changed |= substitute_value(v, table, file);
        }
    }
    for r in model.http_requests.iter_mut() {
        if let Some(u) = r.url.as_mut() {
            changed |= substitute_value(u, table, file);
        }
        for e in r
            .query
            .iter_mut()
            .chain(r.headers.iter_mut())
            .chain(r.body.iter_mut())
        {
            if let Some(v) = e.value.as_mut() {
                changed |= substitute_value(v, table, file);
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_constants_in_many_languages() {
        let text = r#"
define('G2W_TOKEN_URL', 'https://api.getgo.com/oauth/v2/token');
export const AUTH_BASE = "https://api.getgo.com/oauth/v2";
public static final String TOKEN = "https://api.getgo.com/oauth/access_token";
const LEGACY: &str = "https://api.getgo.com/oauth";
G2W_AUTH_URL=https://api.getgo.com/oauth/authorize
API = "https://api.getgo.com/G2W/rest/v2"
OTHER = "https://example.org/oauth/token"
"#;
        let found: Vec<String> = collect(text).into_iter().map(|(n, _)| n).collect();
        for n in [
            "G2W_TOKEN_URL",
            "AUTH_BASE",
            "TOKEN",
            "LEGACY",
            "G2W_AUTH_URL",
            "API",
        ] {
            assert!(found.contains(&n.to_string()), "{n}: {found:?}");
        }
        assert!(!found.contains(&"OTHER".to_string()));
    }

    #[test]
    fn lookup_takes_the_last_identifier_and_skips_the_defining_file() {
        let mut t = ConstantTable::default();
        t.add(
            "config.php",
            "G2W_TOKEN_URL".into(),
            "https://api.getgo.com/oauth/v2/token".into(),
        );
        assert!(t.lookup("process.env.G2W_TOKEN_URL", "a.js").is_some());
        assert!(t.lookup("os.environ[\"G2W_TOKEN_URL\"]", "a.py").is_some());
        assert!(t.lookup("G2W_TOKEN_URL", "config.php").is_none());
        t.add(
            "b.php",
            "G2W_TOKEN_URL".into(),
            "https://authentication.logmeininc.com/oauth/token".into(),
        );
        assert!(
            t.lookup("G2W_TOKEN_URL", "a.js").is_none(),
            "ambiguous names are dropped"
        );
    }
}
