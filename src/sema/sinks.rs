//! Where a value is kept when no assignment takes it: an entry of a map
//! that replaces a stored one or is handed to a call that keeps it, or a
//! named argument of such a call.
//!
//! - `$this->auth = ['refresh_token' => $r->refresh_token]`
//! - `update_option('tokens', ['refresh_token' => $r->refresh_token])`
//! - `$data = ['refresh_token' => $r->refresh_token]; … $this->saveTokens($data);`
//! - `store.save(refresh_token=data.get("refresh_token"))`, `update!(refresh_token: t)`
//!
//! A map that stays a function's own (returned, checked, logged) keeps
//! nothing: the code may still test it. Which calls keep what they are
//! handed is library data ([`Libraries::keeps`]).

use crate::ir::{BindKind, Node};
use crate::lang::ts::{Arena, NONE};
use crate::lang::Language;
use crate::sema::guards::under_check;
use crate::sema::libraries::Libraries;
use crate::sema::limits::ANCESTOR_LIMIT;
use crate::sema::names::setter_of;
use crate::sema::scope::Scopes;

/// The place the value of the expression `e` is kept, written for the
/// model's `assigned_to` (`update_option(…)`, `auth[refresh_token]`), or
/// `None` when nothing keeps it.
pub fn kept_in(a: &Arena, sc: &Scopes, language: Language, e: u32) -> Option<String> {
    let e = outer(a, sc, e);
    let mut p = a.parent(e);
    // an entry's value may sit in an element node of its own (Go's `k: v`)
    if matches!(sc.ir.node(a.parent(p)), Node::Entry { value, .. } if value == e) {
        p = a.parent(p);
    }
    match sc.ir.node(p) {
        Node::Entry { key, value } if value == e => {
            map_kept(a, sc, language, map_of(a, sc, p)?, key_text(a, key))
        }
        // `save(refresh_token=t)`: a named argument of a call that keeps it
        Node::Arg { name, value } if value == e && name != NONE => {
            let callee = keeping_call(a, sc, language, p)?;
            Some(format!("{callee}({}: …)", a.text(name)))
        }
        _ => None,
    }
}

/// The map literal an entry belongs to: its parent, or the literal whose
/// body holds it (Go's `T{…}`).
fn map_of(a: &Arena, sc: &Scopes, entry: u32) -> Option<u32> {
    let p = a.parent(entry);
    [p, a.parent(p)]
        .into_iter()
        .find(|&m| m != NONE && sc.ir.node(m) == Node::Map)
}

/// `$this->setRefreshToken($r->refresh_token)`, `self.set_refresh_token(t)`:
/// the sole argument of a method named as the setter of `field` is stored
/// by it, as an assignment would store it. The place is written
/// `callee(…)`.
pub fn setter(a: &Arena, sc: &Scopes, e: u32, field: &str) -> Option<String> {
    let e = outer(a, sc, e);
    let (object, name) = call_of_argument(a, sc, e)?;
    let list = match sc.ir.node(a.parent(e)) {
        Node::Arg { .. } => a.parent(a.parent(e)),
        _ => a.parent(e),
    };
    if object == NONE || a.named(list).count() != 1 {
        return None;
    }
    if setter_of(a.text(name), field) || helper_stores(a, sc, a.text(name), field) {
        return Some(format!("{}(…)", callee_text(a, object, name)));
    }
    None
}

/// `$this->keepRefreshToken($r->refresh_token)` where the file's only
/// method of that name hands its sole parameter to a setter of `field`
/// (or stores it in a member) on a path that does not first test it: the
/// helper stores what it is given, tested or not.
fn helper_stores(a: &Arena, sc: &Scopes, helper: &str, field: &str) -> bool {
    let Some([f]) = sc.functions_by_name.get(helper).map(Vec::as_slice) else {
        return false;
    };
    let f = *f;
    // its parameters, the receiver (`self`) aside
    let mut params = sc.locals.iter().filter_map(|((s, n), binds)| {
        let p = binds.iter().find_map(|b| match b.kind {
            BindKind::Param(p) if *s == f && sc.ir.node(p) != Node::This => Some(p),
            _ => None,
        })?;
        Some((p, *n))
    });
    let (Some((_, param)), None) = (params.next(), params.next()) else {
        return false;
    };
    let end = a.end(f);
    let mut id = f + 1;
    while (id as usize) < a.len() && a.start(id) < end {
        if sc.ir.node(id) == Node::Name && a.text(id) == param && a.scope(id) == f {
            let use_ = outer(a, sc, sigiled(a, sc, id));
            let stored = match call_of_argument(a, sc, use_) {
                Some((object, name)) => object != NONE && setter_of(a.text(name), field),
                None => member_given(sc, use_).is_some(),
            };
            if stored && !under_check(a, &sc.ir, use_, |cond| tests_presence(a, sc, cond, param)) {
                return true;
            }
        }
        id += 1;
    }
    false
}

/// Whether the condition `cond` tests whether `name` holds a value: it
/// is the name, or the name under `!`, `&&`, `||`, a call (`isset`,
/// `empty`, `is_null`) or a comparison with null or false. A comparison
/// with another value is not one (`$stored !== $t` holds for a null `$t`).
fn tests_presence(a: &Arena, sc: &Scopes, cond: u32, name: &str) -> bool {
    let end = a.end(cond);
    let mut id = cond;
    while (id as usize) < a.len() && a.start(id) < end {
        if sc.ir.node(id) == Node::Name && a.text(id) == name && a.contains(cond, id) {
            let mut c = outer(a, sc, sigiled(a, sc, id));
            let mut presence = true;
            for _ in 0..ANCESTOR_LIMIT {
                if c == cond {
                    break;
                }
                let p = a.parent(c);
                match sc.ir.node(p) {
                    Node::Compare { left, right, .. } => {
                        let other = if left == c { right } else { left };
                        presence = sc.ir.node(peel(sc, other)) == Node::Falsy;
                        break;
                    }
                    Node::Member { .. } | Node::Index { .. } => {
                        presence = false;
                        break;
                    }
                    _ => c = p,
                }
            }
            if presence {
                return true;
            }
        }
        id += 1;
    }
    false
}

/// A call's callee as written, without spaces (`$this->saveTokens`,
/// `self.db.save`), cut when long.
fn callee_text(a: &Arena, object: u32, name: u32) -> String {
    let from = if object == NONE {
        a.start(name)
    } else {
        a.start(object)
    };
    let text: String = a
        .src
        .get(from as usize..a.end(name) as usize)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    if text.len() > 80 {
        format!("…{}", a.text(name))
    } else {
        text
    }
}

/// Where the map literal `map` (holding the entry `key`) is kept.
fn map_kept(a: &Arena, sc: &Scopes, language: Language, map: u32, key: &str) -> Option<String> {
    let m = outer(a, sc, map);
    if is_argument(a, sc, m) {
        let callee = keeping_call(a, sc, language, m)?;
        return Some(format!("{callee}([{key} => …])"));
    }
    if let Some(member) = member_given(sc, m) {
        return Some(format!("{member}[{key}]"));
    }
    // a local that a later statement hands to a store or keeps in a member
    let name = local_given(sc, m)?;
    let end = a.end(a.scope(m));
    let mut id = m + 1;
    while (id as usize) < a.len() && a.start(id) < end {
        if sc.ir.node(id) == Node::Name && a.start(id) >= a.end(m) && a.text(id) == name {
            let use_ = outer(a, sc, sigiled(a, sc, id));
            if let Some(callee) = keeping_call(a, sc, language, use_) {
                return Some(format!("{callee}({name})"));
            }
            if let Some(member) = member_given(sc, use_) {
                return Some(format!("{member}[{key}]"));
            }
        }
        id += 1;
    }
    None
}

/// The call that `e` is an argument of, as written (`$this->saveTokens`,
/// `update_option`), when that call keeps what it is handed: not a map's
/// own method (`params.update({...})` merges into a local map).
fn keeping_call(a: &Arena, sc: &Scopes, language: Language, e: u32) -> Option<String> {
    let (object, name) = call_of_argument(a, sc, e)?;
    if !Libraries::get().keeps(language, a.text(name)) {
        return None;
    }
    if object != NONE {
        let o = unsigiled(a, sc, peel(sc, object));
        if sc.ir.node(o) == Node::Map || sc.ir.node(sc.follow(a, o)) == Node::Map {
            return None;
        }
    }
    Some(callee_text(a, object, name))
}

/// The outermost node whose value is `e`'s, across wrappers.
fn outer(a: &Arena, sc: &Scopes, mut e: u32) -> u32 {
    for _ in 0..ANCESTOR_LIMIT {
        let p = a.parent(e);
        match sc.ir.node(p) {
            Node::Wrap { inner } if inner == e => e = p,
            _ => break,
        }
    }
    e
}

/// The innermost node whose value is `e`'s, across wrappers.
fn peel(sc: &Scopes, mut e: u32) -> u32 {
    for _ in 0..ANCESTOR_LIMIT {
        match sc.ir.node(e) {
            Node::Wrap { inner } => e = inner,
            _ => break,
        }
    }
    e
}

/// `outer` is the variable the name node `name` is written in, where the
/// language marks variables with a sigil (`$x` around `x`): an unmapped
/// node of the same end that adds at most the sigil.
fn sigil_around(a: &Arena, sc: &Scopes, outer: u32, name: u32) -> bool {
    outer != NONE
        && sc.ir.node(outer) == Node::Other
        && sc.ir.node(name) == Node::Name
        && a.end(outer) == a.end(name)
        && a.start(outer) + 1 >= a.start(name)
}

/// The variable a name node is written in (`$x` of `x`), or the name.
fn sigiled(a: &Arena, sc: &Scopes, name: u32) -> u32 {
    let p = a.parent(name);
    if sigil_around(a, sc, p, name) {
        p
    } else {
        name
    }
}

/// The name node inside a variable written with a sigil (`x` of `$x`).
fn unsigiled(a: &Arena, sc: &Scopes, e: u32) -> u32 {
    match a.first_named(e) {
        Some(n) if sigil_around(a, sc, e, n) => n,
        _ => e,
    }
}

/// Whether `e` is an argument of a call (as written, or inside an
/// argument wrapper).
fn is_argument(a: &Arena, sc: &Scopes, e: u32) -> bool {
    call_of_argument(a, sc, e).is_some()
}

/// The (object, name) of the call that `e` is an argument of.
fn call_of_argument(a: &Arena, sc: &Scopes, e: u32) -> Option<(u32, u32)> {
    let mut list = a.parent(e);
    if let Node::Arg { value, .. } = sc.ir.node(list) {
        if value != e {
            return None;
        }
        list = a.parent(list);
    }
    if sc.ir.node(list) != Node::Args {
        return None;
    }
    match sc.ir.node(a.parent(list)) {
        Node::Call { object, name, args } if args == list => Some((object, name)),
        _ => None,
    }
}

/// The member whose value `e` is (`$this->auth = e`, `self.tokens = e`).
fn member_given<'s>(sc: &Scopes<'s>, e: u32) -> Option<&'s str> {
    sc.members
        .iter()
        .find(|(_, values)| values.iter().flatten().any(|&v| peel(sc, v) == e))
        .map(|((_, name), _)| *name)
}

/// The local whose value `e` is (`$data = e`).
fn local_given<'s>(sc: &Scopes<'s>, e: u32) -> Option<&'s str> {
    sc.locals
        .iter()
        .find(|(_, binds)| {
            binds
                .iter()
                .any(|b| matches!(b.kind, BindKind::Value(v) if peel(sc, v) == e))
        })
        .map(|((_, name), _)| *name)
}

/// A map key as written, without its quotes.
fn key_text<'s>(a: &Arena<'s>, key: u32) -> &'s str {
    a.text(key)
        .trim_matches(|c: char| matches!(c, '"' | '\'' | ':'))
        .trim()
}

#[cfg(test)]
mod tests {
    use crate::lang::{lower, Language};
    use crate::sema::libraries::Libraries;

    /// `assigned_to` of the read of `field`.
    fn kept(language: Language, src: &str, field: &str) -> Option<String> {
        lower(language, src)
            .field_reads
            .into_iter()
            .find(|r| r.field == field)
            .and_then(|r| r.assigned_to)
    }

    #[test]
    fn calls_that_keep_what_they_are_handed() {
        let l = Libraries::get();
        assert!(l.keeps(Language::Php, "update_option"));
        assert!(l.keeps(Language::Php, "updateConnectionFields"));
        assert!(l.keeps(Language::Python, "save_credentials"));
        assert!(l.keeps(Language::Ruby, "update!"));
        assert!(l.keeps(Language::Ruby, "set"));
        assert!(!l.keeps(Language::Ruby, "set_form_data"));
        assert!(!l.keeps(Language::Python, "settings"));
        assert!(!l.keeps(Language::Php, "json_encode"));
    }

    #[test]
    fn a_local_map_is_kept_when_a_later_call_stores_it() {
        let stored = "<?php\nfunction f($r) {\n  $d = ['refresh_token' => $r->refresh_token];\n  $this->saveTokens($d);\n}\n";
        assert_eq!(
            kept(Language::Php, stored, "refresh_token").as_deref(),
            Some("$this->saveTokens(d)")
        );
        let returned =
            "<?php\nfunction f($r) {\n  $d = ['refresh_token' => $r->refresh_token];\n  return $d;\n}\n";
        assert_eq!(kept(Language::Php, returned, "refresh_token"), None);
    }

    #[test]
    fn a_map_merged_into_a_local_map_is_not_kept() {
        let py =
            "def f(r):\n    d = {}\n    d.update({'rt': r.get('refresh_token')})\n    return d\n";
        assert_eq!(kept(Language::Python, py, "refresh_token"), None);
        let kw = "def f(self, r):\n    self.db.save(rt=r.get('refresh_token'))\n";
        assert_eq!(
            kept(Language::Python, kw, "refresh_token").as_deref(),
            Some("self.db.save(rt: …)")
        );
    }

    #[test]
    fn a_map_that_replaces_a_member_is_kept() {
        let rb = "class A\n  def f(b)\n    @tokens = { refresh: b['refresh_token'] }\n  end\nend\n";
        assert_eq!(
            kept(Language::Ruby, rb, "refresh_token").as_deref(),
            Some("@tokens[refresh]")
        );
    }
}
