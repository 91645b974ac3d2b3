//! Names as the analysis compares them.

use super::limits::HOLE_NAME_LEN;

pub fn is_ident(s: &str) -> bool {
    let mut ch = s.chars();
    match ch.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    ch.all(|c| c.is_alphanumeric() || c == '_')
}

pub fn last_segment(q: &str) -> &str {
    q.rsplit('.').next().unwrap_or(q)
}

/// `this.x` and `x` name the same stored value; whitespace does not matter.
pub fn norm_recv(s: &str) -> String {
    // a long receiver is an expression, never a variable worth indexing
    if s.len() > 256 {
        return String::from("\u{0}");
    }
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("?.", ".");
    t.strip_prefix("this.").unwrap_or(&t).to_string()
}

/// The label of a hole in messages: the expression's source text with
/// runs of white space folded, cut to [`HOLE_NAME_LEN`] characters.
pub fn hole_name(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if out.chars().count() >= HOLE_NAME_LEN {
            break;
        }
    }
    out
}
