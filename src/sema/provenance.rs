//! Where a value came from: the shared walk of an expression's origin,
//! and which of two origins says more.

use crate::ir::{BindKind, Node};
use crate::lang::ts::NONE;
use crate::lang::Language;
use crate::model::*;
use crate::sema::guards::{absence_fails, under_check, ReadContext, ReadSite};
use crate::sema::libraries::Libraries;
use crate::sema::limits::MAX_DEPTH;
use crate::sema::values::Eval;
use std::hash::Hash;

pub fn rank(o: &Origin) -> u8 {
    match o {
        Origin::Response(_) | Origin::TokenCall(_) | Origin::TokenObject => 4,
        Origin::Input | Origin::Config => 3,
        Origin::Param => 2,
        Origin::Literal => 1,
        Origin::Unknown => 0,
    }
}

pub fn best(a: Origin, b: Origin) -> Origin {
    if rank(&b) > rank(&a) {
        b
    } else {
        a
    }
}

/// A value read through a configuration name (`settings.x`, `cfg["x"]`,
/// a parameter named `config`) is configured when nothing better is known
/// of it: an unknown value, or a parameter whose callers are not seen.
pub fn configured(o: Origin, name: &str) -> Origin {
    if matches!(o, Origin::Unknown | Origin::Param) && super::names::is_config_name(name) {
        Origin::Config
    } else {
        o
    }
}

/// Where a parameter's value comes from by its declaration: what the
/// libraries of `language` say of its `markers` (attributes, annotations)
/// and its type's simple name `ty`, else a configuration name's, else a
/// parameter's.
pub fn declared_param_origin(language: Language, ty: &str, markers: &str, name: &str) -> Origin {
    Libraries::get()
        .declared_origin(language, ty, markers)
        .unwrap_or_else(|| configured(Origin::Param, name))
}

/// Whether a member declared with type `ty` and `markers` reads
/// configuration, by what the libraries of `language` say.
pub fn declared_config(language: Language, ty: &str, markers: &str) -> bool {
    Libraries::get().declared_origin(language, ty, markers) == Some(Origin::Config)
}

/// Where a value written `object.member` (or just `member`) comes from,
/// by what the libraries of `language` say of request objects and
/// configuration values (`request.form`, `$_POST`, `os.environ`).
pub fn written_origin(language: Language, object: Option<&str>, member: &str) -> Option<Origin> {
    Libraries::get().written_origin(language, object, member)
}

/// The origin that wins among several (the values a field is given, the
/// values a function returns); unknown when there are none.
pub fn best_of(origins: impl IntoIterator<Item = Origin>) -> Origin {
    origins.into_iter().fold(Origin::Unknown, best)
}

/// The origin walk every tree-sitter front end shares: the depth bound, the
/// memo of each expression's origin, and wrappers (parentheses, casts,
/// `await`) that carry their inner value's origin. What a language's own
/// expressions are (calls, member reads, names, literals) is its
/// [`Trace::origin_leaf`].
pub trait Trace<'s>: Eval<'s> {
    /// The origin of `id`, which is not a wrapper.
    fn origin_leaf(&self, id: u32, depth: u32) -> Origin;

    /// Where the value of `id` comes from, computed once per expression.
    fn origin_of(&self, id: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH || id == NONE {
            return Origin::Unknown;
        }
        self.memo().origin(id, || match self.ir().node(id) {
            Node::Wrap { inner } => self.origin_of(inner, depth + 1),
            _ => self.origin_leaf(id, depth),
        })
    }

    /// The better origin of two parts of `id`: the branches of a
    /// conditional, the sides of `a ?? b` or `a or b`.
    fn origin_of_either(&self, id: u32, one: &str, other: &str, depth: u32) -> Origin {
        let of = |f: &str| {
            self.arena()
                .field(id, f)
                .map(|x| self.origin_of(x, depth))
                .unwrap_or_default()
        };
        best(of(one), of(other))
    }

    /// What a call of function `f` of the file gives: the best origin of
    /// the values it returns, computed once per function.
    fn summary(&self, f: u32, depth: u32) -> Origin {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        self.memo().summary(f, || {
            best_of(
                self.scopes()
                    .returns
                    .get(&f)
                    .into_iter()
                    .flatten()
                    .map(|&r| self.origin_of(r, depth + 1)),
            )
        })
    }

    /// The best origin of the values stored under `key` (a member of a
    /// class, a key of a store), computed once per key.
    fn stored_origin_of<I: IntoIterator<Item = u32>>(
        &self,
        key: Self::Key,
        values: impl FnOnce() -> I,
        depth: u32,
    ) -> Origin
    where
        Self::Key: Eq + Hash + Clone,
    {
        if depth > MAX_DEPTH {
            return Origin::Unknown;
        }
        self.memo().stored_origin(key, || {
            best_of(values().into_iter().map(|v| self.origin_of(v, depth + 1)))
        })
    }

    /// The origin of the local `name` read at `id`, from its binding that
    /// reaches the read: the value bound, or what `param` says of a
    /// parameter; `None` when `name` is not a local there.
    fn local_origin(
        &self,
        id: u32,
        name: &str,
        depth: u32,
        param: impl FnOnce(u32) -> Origin,
    ) -> Option<Origin> {
        let b = self.scopes().bind_before(self.arena(), id, name)?;
        Some(match b.kind {
            BindKind::Value(v) => self.origin_of(v, depth + 1),
            BindKind::Param(p) => param(p),
            _ => Origin::Unknown,
        })
    }

    /// The origin of member `name` of `class` in a language whose members
    /// declare their types: the values it is given, or, when nothing in
    /// this file gives it one, configuration where its declared type (read
    /// by `simple`) and `markers` say so (`IOptions<T>`, `@Value`).
    fn declared_member_origin(
        &self,
        class: u32,
        name: &'s str,
        depth: u32,
        language: Language,
        simple: fn(&str) -> &str,
        markers: &str,
    ) -> Origin
    where
        Self: Eval<'s, Key = (u32, &'s str)>,
    {
        let o = self.member_origin(class, name, depth + 1);
        let written = self.scopes().member_type.get(&(class, name));
        let ty = written.map_or("", |&t| self.arena().text(t));
        if o == Origin::Unknown && declared_config(language, simple(ty), markers) {
            Origin::Config
        } else {
            o
        }
    }

    /// The best origin of the values member `name` of `class` is given
    /// anywhere in the class.
    fn member_origin(&self, class: u32, name: &'s str, depth: u32) -> Origin
    where
        Self: Eval<'s, Key = (u32, &'s str)>,
    {
        self.stored_origin_of(
            (class, name),
            || self.scopes().member_values(class, name),
            depth,
        )
    }

    /// The read of `field` at `at`, with what the code around it says
    /// (`cx`) and `tests`, which tells a condition that tests the field's
    /// presence on the receiver: guarded by a fallback or such a test, and
    /// whether a failed test is treated as an error.
    fn field_read(
        &self,
        at: ReadSite,
        cx: ReadContext,
        tests: impl Fn(u32) -> bool,
        field: String,
        span: Span,
        kind: ReadKind,
    ) -> FieldRead {
        let (a, ir) = (self.arena(), self.ir());
        let guarded = at.always_guarded || cx.guarded || under_check(a, ir, at.node, tests);
        let receiver = receiver_text(a.text(at.recv));
        FieldRead {
            // a presence test, or the value tested for truth
            absence_fails: absence_fails(a, ir, at.test, at.negated),
            guarded,
            asserted: cx.asserted,
            assigned_to: cx.assigned_to,
            fallback_is_target: cx.fallback_is_target,
            ..FieldRead::at(field, span, kind, receiver, self.origin_of(at.recv, 0))
        }
    }
}

/// A receiver as the model records it: long expressions cut at 200
/// bytes (on a character boundary).
pub fn receiver_text(t: &str) -> String {
    const LIMIT: usize = 200;
    if t.len() <= LIMIT {
        return t.to_string();
    }
    let mut end = LIMIT;
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &t[..end])
}

/// What a front end says of the field reads it finds, so that one walk
/// records them the same way in every language.
pub trait Reads<'s>: Trace<'s> {
    /// What the code around the read at `read` says of it (`default`: a
    /// fallback its own call names).
    fn read_context(&self, read: u32, field: &str, default: Option<u32>) -> ReadContext;

    /// Whether condition `cond` tests the presence of `raw` on the
    /// receiver `recv`.
    fn tests_read(&self, cond: u32, raw: &str, recv: u32) -> bool;

    /// Whether the plain name `name` holds a value on every path to the
    /// read at `node` (so a fallback to it keeps an old value); front ends
    /// that do not follow paths say no.
    fn bound_on_every_path(&self, _node: u32, _name: &str) -> bool {
        false
    }

    /// Records the read of `field` at `at`.
    fn push_read(
        &self,
        m: &mut FileModel,
        at: ReadSite,
        field: String,
        span: Span,
        kind: ReadKind,
    ) {
        let cx = self.read_context(at.node, &field, at.default);
        if cx
            .assigned_to
            .as_deref()
            .is_some_and(|t| self.bound_on_every_path(at.node, t))
        {
            m.bound_targets.push(span.clone());
        }
        let (raw, recv) = (at.raw, at.recv);
        let tests = |c| self.tests_read(c, raw, recv);
        m.field_reads
            .push(self.field_read(at, cx, tests, field, span, kind));
    }
}
