//! Scopes and bindings, written once: which names a file declares, in which
//! function or class, and what value each holds where it is read.
//!
//! A front end reports its declarations as [`Decl`]s and maps its syntax to
//! [`Node`]s; [`Scopes::build`] records them, then reads every assignment
//! of the IR (`x = v`, `this.x = v`) as one more binding. The queries follow
//! a name or `this.member`/`Type.member` to the value it was given, across
//! wrappers (parentheses, casts, `await`).

use crate::ir::{Bind, BindKind, Decl, Ir, Node};
use crate::lang::ts::Arena;
use crate::lang::ts::NONE;
use crate::sema::limits::{ANCESTOR_LIMIT, MAX_DEPTH};
use std::collections::{HashMap, HashSet};

/// The bindings of one file.
#[derive(Default)]
pub struct Scopes<'s> {
    pub ir: Ir,
    /// locals and parameters: (scope, name) → bindings in source order
    pub locals: HashMap<(u32, &'s str), Vec<Bind>>,
    /// written type node of a local or parameter
    pub local_type: HashMap<(u32, &'s str), u32>,
    /// fields and properties: (class, name) → values given (`None` for a
    /// compound assignment)
    pub members: HashMap<(u32, &'s str), Vec<Option<u32>>>,
    pub member_type: HashMap<(u32, &'s str), u32>,
    /// the declaration node of a member (for its modifiers)
    pub member_decl: HashMap<(u32, &'s str), u32>,
    pub classes: HashMap<&'s str, Vec<u32>>,
    /// functions by (class, name) and by name alone
    pub functions: HashMap<(u32, &'s str), Vec<u32>>,
    pub functions_by_name: HashMap<&'s str, Vec<u32>>,
    /// returned expressions by function
    pub returns: HashMap<u32, Vec<u32>>,
    /// file-wide names → values given (`None` when not followed)
    pub globals: HashMap<&'s str, Vec<Option<u32>>>,
    /// scopes whose locals are the enclosing scope's
    pub shared: HashSet<u32>,
    /// entries written into the map a name holds, by name, in source order
    pub keyed: HashMap<&'s str, Vec<KeyedSet>>,
}

/// `name[key] = value`: an entry written into the map `name` holds after
/// it was bound (arena ids of the name, the key and the value expressions,
/// and of the statement).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyedSet {
    pub object: u32,
    pub key: u32,
    pub value: u32,
    pub stmt: u32,
}

impl<'s> Scopes<'s> {
    /// Record `decls` (in source order), then every assignment of `ir`.
    pub fn build(a: &Arena<'s>, ir: Ir, decls: impl IntoIterator<Item = Decl>) -> Scopes<'s> {
        let mut sc = Scopes {
            ir,
            ..Scopes::default()
        };
        for d in decls {
            sc.declare(a, d);
        }
        for id in 0..a.len() as u32 {
            if let Node::Assign {
                target,
                value,
                simple,
            } = sc.ir.node(id)
            {
                sc.assign(a, id, target, value, simple);
            }
        }
        sc
    }

    fn declare(&mut self, a: &Arena<'s>, d: Decl) {
        match d {
            Decl::Class { node, name } => {
                self.classes.entry(a.text(name)).or_default().push(node);
            }
            Decl::Function { node, name } => {
                let name = a.text(name);
                self.functions
                    .entry((a.class(node), name))
                    .or_default()
                    .push(node);
                self.functions_by_name.entry(name).or_default().push(node);
            }
            Decl::Return { func, value } => self.returns.entry(func).or_default().push(value),
            Decl::Local {
                scope,
                name,
                bind,
                ty,
            } => {
                let name = a.text(name);
                let scope = self.unshared(a, scope);
                let binds = self.locals.entry((scope, name)).or_default();
                binds.extend(bind);
                if let Some(t) = ty {
                    self.local_type.insert((scope, name), t);
                }
            }
            Decl::Member {
                class,
                name,
                value,
                ty,
                decl,
            } => {
                let name = a.text(name);
                let values = self.members.entry((class, name)).or_default();
                if let Some(v) = value {
                    values.push(Some(v));
                }
                self.member_decl.insert((class, name), decl);
                if let Some(t) = ty {
                    self.member_type.insert((class, name), t);
                }
            }
            Decl::MemberSet { class, name, value } => {
                let name = a.text(name);
                self.members.entry((class, name)).or_default().push(value);
            }
            Decl::Rebind { name, bind } => self.rebind(a, name, bind),
            Decl::Global { name, value } => {
                self.globals.entry(a.text(name)).or_default().push(value);
            }
            Decl::SharedScope { node } => {
                self.shared.insert(node);
            }
            Decl::KeyedSet {
                object,
                key,
                value,
                stmt,
            } => {
                self.keyed
                    .entry(a.text(object))
                    .or_default()
                    .push(KeyedSet {
                        object,
                        key,
                        value,
                        stmt,
                    });
            }
        }
    }

    /// `x = v` binds the local `x` (or the member `x` seen from a method);
    /// `this.x = v` binds the member.
    fn assign(&mut self, a: &Arena<'s>, id: u32, target: u32, value: u32, simple: bool) {
        let given = simple.then_some(value);
        match self.ir.node(target) {
            Node::Name => {
                let name = a.text(target);
                let kind = match given {
                    Some(v) => BindKind::Value(v),
                    None => BindKind::Other,
                };
                let bind = Bind {
                    stmt: id,
                    ..Bind::new(a.start(id), kind)
                };
                if let Some(s) = self.local_scope_of(a, id, name) {
                    self.locals.entry((s, name)).or_default().push(bind);
                } else if let Some(c) = self.member_class_of(a, id, name) {
                    self.members.entry((c, name)).or_default().push(given);
                } else {
                    self.locals
                        .entry((a.scope(id), name))
                        .or_default()
                        .push(bind);
                }
            }
            Node::Member { object, name } if self.ir.node(object) == Node::This => {
                let name = a.text(name);
                let class = self
                    .member_class_of(a, id, name)
                    .unwrap_or_else(|| a.class(id));
                self.members.entry((class, name)).or_default().push(given);
            }
            _ => {}
        }
    }

    /// The spans of the declared functions and methods, in source order.
    pub fn function_spans(&self, a: &Arena) -> Vec<crate::model::Span> {
        let mut nodes: Vec<u32> = self.functions_by_name.values().flatten().copied().collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes.into_iter().map(|n| a.span(n)).collect()
    }

    /// Whether a call of `name` returns a token response: an OAuth
    /// library's token method, or a function another file of the project
    /// defines when this file declares none of that name.
    pub fn is_token_call(&self, name: &str) -> bool {
        crate::sema::libraries::Libraries::get().is_token_call(name)
            || (crate::sema::libraries::is_project_token_call(name)
                && !self.functions_by_name.contains_key(name))
    }

    /// The declared functions and methods whose return value is a token
    /// response or a token call's, by the front end's walk of an
    /// expression's origin (`origin_of`), in source order.
    pub fn token_returns(
        &self,
        a: &Arena,
        origin_of: impl Fn(u32) -> crate::model::Origin,
    ) -> Vec<crate::model::Returned> {
        use crate::model::{Origin, Returned};
        let mut out: Vec<(u32, Returned)> = Vec::new();
        for (name, fs) in &self.functions_by_name {
            for &f in fs {
                let o = crate::sema::provenance::best_of(
                    self.returns
                        .get(&f)
                        .into_iter()
                        .flatten()
                        .map(|&r| origin_of(r)),
                );
                if matches!(o, Origin::Response(_) | Origin::TokenCall(_)) {
                    let span = a.span(f);
                    let name = name.to_string();
                    out.push((
                        f,
                        Returned {
                            name,
                            span,
                            origin: o,
                        },
                    ));
                }
            }
        }
        out.sort_by_key(|(f, _)| *f);
        out.into_iter().map(|(_, r)| r).collect()
    }

    /// The scope, innermost first, in which `name` is a local seen from `node`.
    pub fn local_scope_of(&self, a: &Arena, node: u32, name: &str) -> Option<u32> {
        a.scope_chain(node)
            .into_iter()
            .find(|&s| self.locals.contains_key(&(s, name)))
    }

    /// The class, innermost first, of which `name` is a member seen from `node`.
    pub fn member_class_of(&self, a: &Arena, node: u32, name: &str) -> Option<u32> {
        a.class_chain(node)
            .into_iter()
            .find(|&c| self.members.contains_key(&(c, name)))
    }

    /// How an assignment target reads as a store: a bare name that is a
    /// member of the enclosing class and no local there (`refreshToken = …`
    /// in a Java method) is the object's field, `this.refreshToken`, and
    /// outlives the call; any other target as written.
    pub fn target_text(&self, a: &Arena, target: u32) -> String {
        let name = a.text(target);
        if self.ir.node(target) == Node::Name
            && self.local_scope_of(a, target, name).is_none()
            && self.member_class_of(a, target, name).is_some()
        {
            return format!("this.{name}");
        }
        name.to_string()
    }

    /// The first class declared with `name`.
    pub fn class_named(&self, name: &str) -> Option<u32> {
        self.classes.get(name).and_then(|v| v.first().copied())
    }

    /// The value `name` is bound to exactly once (local or member), seen
    /// from `node`.
    pub fn single_value(&self, a: &Arena, node: u32, name: &str) -> Option<u32> {
        if let Some(s) = self.local_scope_of(a, node, name) {
            return match self.locals.get(&(s, name))?.as_slice() {
                [Bind {
                    kind: BindKind::Value(v),
                    ..
                }] => Some(*v),
                _ => None,
            };
        }
        let c = self.member_class_of(a, node, name)?;
        self.single_member_value(c, name)
    }

    fn single_member_value(&self, class: u32, name: &str) -> Option<u32> {
        match self.members.get(&(class, name))?.as_slice() {
            [Some(v)] => Some(*v),
            _ => None,
        }
    }

    /// The class whose member a member access names: `this.X` (the
    /// enclosing class that has `X`), `Type.X`, `Outer.Type.X`. A local
    /// named like a class hides it.
    pub fn member_class(&self, a: &Arena, id: u32) -> Option<u32> {
        let Node::Member { object, name } = self.ir.node(id) else {
            return None;
        };
        let name: &str = a.text(name);
        let class = match self.ir.node(object) {
            Node::This => self.member_class_of(a, id, name)?,
            Node::Name => {
                let t = a.text(object);
                if self.local_scope_of(a, id, t).is_some() {
                    return None;
                }
                self.class_named(t)?
            }
            Node::Member { name: n, .. } => self.class_named(a.text(n))?,
            _ => return None,
        };
        self.members.contains_key(&(class, name)).then_some(class)
    }

    /// The value of `this.X`, `Type.X`, `Outer.Type.X` given exactly once.
    pub fn member_value(&self, a: &Arena, id: u32) -> Option<u32> {
        let class = self.member_class(a, id)?;
        let Node::Member { name, .. } = self.ir.node(id) else {
            return None;
        };
        self.single_member_value(class, a.text(name))
    }

    /// The value of a name or member access bound exactly once.
    pub fn bound_value(&self, a: &Arena, id: u32) -> Option<u32> {
        match self.ir.node(id) {
            Node::Name => self.single_value(a, id, a.text(id)),
            Node::Member { .. } => self.member_value(a, id),
            _ => None,
        }
    }

    /// The value a name was last given before its use at `id` (the first
    /// binding when none comes before); for a member, the last value any
    /// method gave it.
    pub fn last_value(&self, a: &Arena, id: u32) -> Option<u32> {
        match self.ir.node(id) {
            Node::Name => {
                let name = a.text(id);
                if let Some(s) = self.local_scope_of(a, id, name) {
                    let binds = self.locals.get(&(s, name))?;
                    let at = a.start(id);
                    let b = binds
                        .iter()
                        .rfind(|b| reaches(a, b, at))
                        .or_else(|| binds.first())?;
                    return match b.kind {
                        BindKind::Value(v) => Some(v),
                        _ => None,
                    };
                }
                let c = self.member_class_of(a, id, name)?;
                self.last_member_value(c, name)
            }
            Node::Member { object, name } => {
                if self.ir.node(object) == Node::This {
                    let name = a.text(name);
                    let c = self.member_class_of(a, id, name)?;
                    return self.last_member_value(c, name);
                }
                self.member_value(a, id)
            }
            _ => None,
        }
    }

    fn last_member_value(&self, class: u32, name: &str) -> Option<u32> {
        let values = self.members.get(&(class, name))?;
        values.iter().rev().flatten().next().copied()
    }

    /// Follow wrappers and the last binding of names to the value.
    pub fn follow(&self, a: &Arena, mut e: u32) -> u32 {
        for _ in 0..MAX_DEPTH {
            e = match self.ir.node(e) {
                Node::Wrap { inner } => inner,
                Node::Name | Node::Member { .. } => match self.last_value(a, e) {
                    Some(v) => v,
                    None => return e,
                },
                _ => return e,
            };
        }
        e
    }

    /// The written type node of a local, parameter, member or `this.member`.
    pub fn declared_type(&self, a: &Arena, e: u32) -> Option<u32> {
        let (name, this_only) = match self.ir.node(e) {
            Node::Name => (a.text(e), false),
            Node::Member { object, name } if self.ir.node(object) == Node::This => {
                (a.text(name), true)
            }
            _ => return None,
        };
        if !this_only {
            if let Some(s) = self.local_scope_of(a, e, name) {
                return self.local_type.get(&(s, name)).copied();
            }
        }
        let c = self.member_class_of(a, e, name)?;
        self.member_type.get(&(c, name)).copied()
    }

    /// The bindings of the local `name` seen from `node`.
    pub fn local_binds(&self, a: &Arena, node: u32, name: &'s str) -> Option<&[Bind]> {
        let s = self.local_scope_of(a, node, name)?;
        self.locals.get(&(s, name)).map(Vec::as_slice)
    }
}

/// Look-ups where a class body's names are not seen from its methods and a binding holds in its block.
impl<'s> Scopes<'s> {
    /// True when scope `s` is a class (its children are in it).
    fn is_class_scope(a: &Arena, s: u32) -> bool {
        a.kids(s).first().is_some_and(|&k| a.class(k) == s)
    }

    /// The scopes searched for a name used at `node`: its own, then the
    /// enclosing function scopes and the top level (class bodies around its
    /// own scope are skipped).
    pub fn visible_scopes(&self, a: &Arena, node: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut s = a.scope(node);
        let mut first = true;
        for _ in 0..64 {
            if first || !Self::is_class_scope(a, s) {
                out.push(s);
            }
            first = false;
            if s == 0 {
                break;
            }
            s = a.scope(s);
        }
        if out.last() != Some(&0) {
            out.push(0);
        }
        out
    }

    /// The [`Node::Block`] around the statement `stmt` (the outermost
    /// node when none).
    pub fn enclosing_block(&self, a: &Arena, stmt: u32) -> u32 {
        let mut c = stmt;
        for _ in 0..ANCESTOR_LIMIT {
            let p = a.parent(c);
            if p == NONE {
                return c;
            }
            if self.ir.node(p) == Node::Block {
                return p;
            }
            c = p;
        }
        c
    }

    /// The binding of `name` seen at `node` in the nearest visible scope
    /// that binds it: the only one there, or else the last one before
    /// `node` when it is a parameter or its statement's block contains
    /// `node`.
    pub fn block_binding(&self, a: &Arena, node: u32, name: &str) -> Option<Bind> {
        let pos = a.start(node);
        for s in self.visible_scopes(a, node) {
            let Some(bs) = self.locals.get(&(s, name)) else {
                continue;
            };
            if bs.len() == 1 {
                return bs.first().copied();
            }
            let b = bs.iter().rev().find(|b| b.pos <= pos)?;
            let block = self.enclosing_block(a, b.stmt);
            if matches!(b.kind, BindKind::Param(_)) || a.contains(block, node) {
                return Some(*b);
            }
            return None;
        }
        None
    }

    /// The binding of `name` that last reached `node`: in `node`'s own
    /// scope the last one before it (the last one when none is before), in
    /// an enclosing scope its last one.
    pub fn last_binding(&self, a: &Arena, node: u32, name: &str) -> Option<Bind> {
        let pos = a.start(node);
        for (i, s) in self.visible_scopes(a, node).into_iter().enumerate() {
            let Some(bs) = self.locals.get(&(s, name)) else {
                continue;
            };
            if i == 0 {
                return bs
                    .iter()
                    .rev()
                    .find(|b| b.pos <= pos)
                    .or_else(|| bs.last())
                    .copied();
            }
            return bs.last().copied();
        }
        None
    }

    /// The values `name` is given in `class`: by its methods (members),
    /// then by its body (a binding that is not a value gives `None`).
    pub fn class_values(&self, class: u32, name: &str) -> Vec<Option<u32>> {
        let mut vals: Vec<Option<u32>> = Vec::new();
        if let Some(v) = self.members.get(&(class, name)) {
            vals.extend(v.iter().copied());
        }
        if let Some(bs) = self.locals.get(&(class, name)) {
            vals.extend(bs.iter().map(|b| match b.kind {
                BindKind::Value(v) => Some(v),
                _ => None,
            }));
        }
        vals
    }

    /// The class declared with `name`, when only one is.
    pub fn sole_class(&self, name: &str) -> Option<u32> {
        match self.classes.get(name) {
            Some(v) if v.len() == 1 => v.first().copied(),
            _ => None,
        }
    }

    /// The last method `name` declared directly in `class`.
    pub fn method(&self, a: &Arena, class: u32, name: &str) -> Option<u32> {
        let fs = self.functions.get(&(class, name))?;
        fs.iter().rev().copied().find(|&f| a.scope(f) == class)
    }

    /// The method `name` when one class of the file declares it, once.
    pub fn sole_method(&self, a: &Arena, name: &str) -> Option<u32> {
        let fs = self.functions_by_name.get(name)?;
        let mut methods = fs
            .iter()
            .copied()
            .filter(|&f| Self::is_class_scope(a, a.scope(f)));
        match (methods.next(), methods.next()) {
            (Some(f), None) => Some(f),
            _ => None,
        }
    }
}

/// Bindings made in declaration order: rebinding the name in scope so far, and look-ups by position.
impl<'s> Scopes<'s> {
    /// `bind` binds `name` in the innermost scope seen from it that has a
    /// binding of that name so far (the declarations before this one), else
    /// in `name`'s own scope.
    fn rebind(&mut self, a: &Arena<'s>, name: u32, bind: Bind) {
        let text = a.text(name);
        let scope = self
            .local_scope_of(a, name, text)
            .unwrap_or_else(|| a.scope(name));
        self.locals.entry((scope, text)).or_default().push(bind);
    }

    /// The scope, innermost first, in which `name` seen from `node` has a
    /// binding made by a node that comes before `before` (its `stmt`).
    pub fn local_scope_before(&self, a: &Arena, node: u32, name: &str, before: u32) -> Option<u32> {
        a.scope_chain(node).into_iter().find(|&s| {
            self.locals
                .get(&(s, name))
                .is_some_and(|bs| bs.iter().any(|b| b.stmt < before))
        })
    }

    /// The binding of the local `name` seen from `node` made last before
    /// it; when none comes before, the first one, or at file scope (where
    /// a function may read a name declared below it) the last one.
    pub fn bind_before(&self, a: &Arena, node: u32, name: &str) -> Option<Bind> {
        let s = self.local_scope_of(a, node, name)?;
        let binds = self.locals.get(&(s, name))?;
        let at = a.start(node);
        binds
            .iter()
            .rfind(|b| reaches(a, b, at))
            .or_else(|| if s == 0 { binds.last() } else { binds.first() })
            .copied()
    }
}

/// A method call's receiver, as its front end reads it.
pub struct Receiver<'r> {
    /// the receiver expression
    pub node: u32,
    /// `this`, `self`, `base`, `super`: the calling class's own methods
    pub is_self: bool,
    /// the receiver's declared or created type, when written
    pub type_name: Option<&'r str>,
}

/// Methods a call reaches.
impl<'s> Scopes<'s> {
    /// The first method `name` of the first of `classes` that has one.
    pub fn method_in(&self, classes: impl IntoIterator<Item = u32>, name: &str) -> Option<u32> {
        classes
            .into_iter()
            .find_map(|c| self.functions.get(&(c, name))?.first().copied())
    }

    /// The method of this file that `recv.name(…)` at `call` runs: one of
    /// the calling class chain's for `this`, the receiver's type's when it
    /// is a class of the file, a static call's class when the receiver is
    /// a bare name that no local or member holds; else, when `sole`, the
    /// one method of the file with that name.
    pub fn method_on(
        &self,
        a: &Arena,
        call: u32,
        recv: Receiver,
        name: &str,
        sole: bool,
    ) -> Option<u32> {
        if recv.is_self {
            return self.method_in(a.class_chain(call), name);
        }
        if let Some(c) = recv.type_name.and_then(|t| self.class_named(t)) {
            return self.method_in([c], name);
        }
        let obj = recv.node;
        if self.ir.node(obj) == Node::Name {
            let t = a.text(obj);
            if self.local_scope_of(a, obj, t).is_none() && self.member_class_of(a, obj, t).is_none()
            {
                // a static call on a type of this file, or a framework type
                return self.class_named(t).and_then(|c| self.method_in([c], name));
            }
        }
        match self.functions_by_name.get(name)?.as_slice() {
            [f] if sole => Some(*f),
            _ => None,
        }
    }
}

/// Locals held by one scope (not a chain), members of the innermost class, file-wide names.
impl<'s> Scopes<'s> {
    /// `scope`, or the first enclosing scope that is not shared.
    fn unshared(&self, a: &Arena, mut scope: u32) -> u32 {
        for _ in 0..ANCESTOR_LIMIT {
            if scope == 0 || !self.shared.contains(&scope) {
                break;
            }
            scope = a.scope(scope);
        }
        scope
    }

    /// The one scope whose locals `node` sees (blocks and shared scopes
    /// belong to the scope around them; enclosing scopes are not seen).
    pub fn holding_scope(&self, a: &Arena, node: u32) -> u32 {
        self.unshared(a, a.scope(node))
    }

    /// The bindings of `name` in the scope holding `node`'s locals.
    pub fn own_binds(&self, a: &Arena, node: u32, name: &'s str) -> Option<&[Bind]> {
        self.locals
            .get(&(self.holding_scope(a, node), name))
            .map(Vec::as_slice)
    }

    /// The last binding of `name` before its use at `node` in the scope
    /// holding `node`'s locals (the first binding when none comes before).
    pub fn own_bind_before(&self, a: &Arena, node: u32, name: &'s str) -> Option<Bind> {
        let at = a.start(node);
        let binds = self.own_binds(a, node, name)?;
        binds
            .iter()
            .rfind(|b| reaches(a, b, at))
            .or_else(|| binds.first())
            .copied()
    }

    /// The value of `x = v` or `x ||= v` when that is the only binding of
    /// `name` in the scope holding `node`'s locals.
    pub fn own_single_value(&self, a: &Arena, node: u32, name: &'s str) -> Option<u32> {
        match self.own_binds(a, node, name)? {
            [b] => given(b.kind),
            _ => None,
        }
    }

    /// The value of `x = v` or `x ||= v` at the binding of `name` that
    /// reaches its use at `node` ([`Scopes::own_bind_before`]).
    pub fn own_value_before(&self, a: &Arena, node: u32, name: &'s str) -> Option<u32> {
        given(self.own_bind_before(a, node, name)?.kind)
    }

    /// The value the member `name` of `class` (that class only) is given
    /// exactly once.
    pub fn class_single_value(&self, class: u32, name: &str) -> Option<u32> {
        self.single_member_value(class, name)
    }

    /// The followed values of the member `name` of `class` (that class
    /// only), in the order given.
    pub fn member_values(&self, class: u32, name: &'s str) -> impl Iterator<Item = u32> + '_ {
        self.members
            .get(&(class, name))
            .into_iter()
            .flatten()
            .flatten()
            .copied()
    }

    /// The value of the file-wide `name` given exactly once.
    pub fn global_single_value(&self, name: &str) -> Option<u32> {
        match self.globals.get(name)?.as_slice() {
            [Some(v)] => Some(*v),
            _ => None,
        }
    }

    /// The first value the file-wide `name` is given, when it is followed.
    pub fn global_first_value(&self, name: &str) -> Option<u32> {
        self.globals.get(name)?.first().copied().flatten()
    }
}

/// Getters: functions that return one expression.
impl<'s> Scopes<'s> {
    /// The expression `func` returns when it has exactly one `return`
    /// (`def api_url(self): return "https://…"`): a call of it with no
    /// arguments has that value.
    pub fn sole_return(&self, func: u32) -> Option<u32> {
        match self.returns.get(&func)?.as_slice() {
            [r] => Some(*r),
            _ => None,
        }
    }

    /// The getter a call with no arguments reaches: the one method `name`
    /// of `class` (when `class` is not `NONE`), else the one top-level
    /// function of the file named `name`, with its one returned value.
    pub fn getter_value(&self, a: &Arena, class: u32, name: &str) -> Option<u32> {
        let f = match self.functions.get(&(class, name))?.as_slice() {
            [f] => *f,
            _ => return None,
        };
        // a function nested in another one is not the file's
        if class == NONE && a.scope(f) != 0 {
            return None;
        }
        self.sole_return(f)
    }
}

/// Entries written into a map step by step.
impl<'s> Scopes<'s> {
    /// The entries written into the map `name` holds where it is read at
    /// `node` (`params["client_id"] = id` after `params = {...}`): the
    /// writes to the same local after the binding that reaches `node` and
    /// before `node`, in source order. A write in a branch counts: the
    /// entry may be sent.
    pub fn keyed_sets(&self, a: &Arena, node: u32, name: &str) -> Vec<KeyedSet> {
        let Some(sets) = self.keyed.get(name) else {
            return Vec::new();
        };
        let Some(scope) = self.local_scope_of(a, node, name) else {
            return Vec::new();
        };
        let at = a.start(node);
        let from = self
            .locals
            .get(&(scope, name))
            .into_iter()
            .flatten()
            .map(|b| b.pos)
            .filter(|&p| p < at)
            .max()
            .unwrap_or(0);
        sets.iter()
            .filter(|w| {
                let pos = a.start(w.stmt);
                pos > from
                    && pos < at
                    && !a.contains(w.stmt, node)
                    && self.local_scope_of(a, w.object, name) == Some(scope)
            })
            .copied()
            .collect()
    }
}

/// The value a binding gives, counting `x ||= v` as one.
fn given(kind: BindKind) -> Option<u32> {
    match kind {
        BindKind::Value(v) | BindKind::OrAssign(v) => Some(v),
        _ => None,
    }
}

/// Members looked up along a class lineage given by the front end (nearest first).
impl<'s> Scopes<'s> {
    /// The values given to the member `name` in the first of `classes`
    /// that gives it any (empty when none does).
    pub fn first_member_values(&self, classes: &[u32], name: &'s str) -> &[Option<u32>] {
        classes
            .iter()
            .filter_map(|&c| self.members.get(&(c, name)))
            .find(|v| !v.is_empty())
            .map_or(&[], Vec::as_slice)
    }

    /// The written type of the member `name` in the first of `classes`
    /// that declares one.
    pub fn first_member_type(&self, classes: &[u32], name: &str) -> Option<u32> {
        classes
            .iter()
            .find_map(|&c| self.member_type.get(&(c, name)).copied())
    }
}

/// Bindings recorded once every declaration is known.
impl<'s> Scopes<'s> {
    /// Record `decls` after those given to [`Scopes::build`] (bindings
    /// whose scope depends on the declarations, such as an assignment bound
    /// where its name is declared), then put each local's bindings in
    /// source order.
    pub fn declare_after(&mut self, a: &Arena<'s>, decls: impl IntoIterator<Item = Decl>) {
        for d in decls {
            self.declare(a, d);
        }
        for binds in self.locals.values_mut() {
            binds.sort_by_key(|b| b.pos);
        }
    }
}

/// Whether binding `b` holds at the offset `at`: it is made before it, and
/// `at` is not in the value it gives (`params = params.merge(…)` reads the
/// binding before).
fn reaches(a: &Arena, b: &Bind, at: u32) -> bool {
    let value = match b.kind {
        BindKind::Value(v) | BindKind::Append(v) | BindKind::OrAssign(v) => v,
        BindKind::ValueAt { value, .. } => value,
        _ => return b.pos < at,
    };
    b.pos < at && !(a.start(value) <= at && at < a.end(value))
}

/// The most returns of one function whose values are read as one.
const MAX_RETURNED: usize = 4;

/// The values a function of the file may return, read as what a call of
/// it gives (`body = self._payload()`): every returned expression, when
/// there are few; none when there are more.
pub fn returned_values<'a>(sc: &'a Scopes, func: u32) -> &'a [u32] {
    match sc.returns.get(&func) {
        Some(r) if r.len() <= MAX_RETURNED => r.as_slice(),
        _ => &[],
    }
}
