//! The text value of an expression, written once: the walk every
//! tree-sitter front end used to spell out for itself.
//!
//! A value is a list of [`Piece`]s: literal text with its source offsets,
//! and holes for what cannot be known. The shared walk keeps the budget
//! and the depth bound of one evaluation, sees through wrappers
//! ([`Node::Wrap`]: parentheses, casts), flattens concatenations
//! ([`Node::Concat`]) and remembers the value of every bound expression
//! (`Memo::bound`). What is really the language's own (its literals and
//! escapes, its calls, how a name finds its value) is the front end's
//! [`Eval::leaf`].

use crate::ir::{Ir, Node};
use crate::lang::ts::Arena;
use crate::model::{Piece, Span, StrValue};
use crate::sema::limits::MAX_PIECES;
use crate::sema::memo::Memo;
use crate::sema::names::hole_name;
use crate::sema::pieces::string_nodes;
use crate::sema::scope::Scopes;

/// How deep evaluations may nest: a value evaluated while another one is
/// evaluated (an entry of an encoded structure) shares the outer budget.
const MAX_NEST: u32 = 4;

/// The state accessors of an [`Eval`] whose front end keeps its arena in
/// `a`, its scopes (with the IR) in `sc` and its memo in `memo`:
/// `eval_state!('s, KeyType);` inside the `impl`.
#[macro_export]
macro_rules! eval_state {
    ($s:lifetime, $key:ty) => {
        type Key = $key;

        fn arena(&self) -> &$crate::lang::ts::Arena<$s> {
            &self.a
        }

        fn ir(&self) -> &$crate::ir::Ir {
            &self.sc.ir
        }

        fn memo(&self) -> &$crate::sema::memo::Memo<Self::Key> {
            &self.memo
        }

        fn scopes(&self) -> &$crate::sema::scope::Scopes<$s> {
            &self.sc
        }
    };
}

/// What a front end tells the shared walk about its file.
pub trait Eval<'s> {
    /// the key of the memo's stored values
    type Key;

    fn arena(&self) -> &Arena<'s>;
    fn ir(&self) -> &Ir;
    fn memo(&self) -> &Memo<Self::Key>;
    fn scopes(&self) -> &Scopes<'s>;
    /// The pieces of `id`, which is neither a wrapper nor a concatenation:
    /// a literal, a name, a call, an index… (`depth` is `id`'s own).
    fn leaf(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>);
    /// The node an expression's value is bound to (a name's, a member's):
    /// by default the value the scopes bind it to at its use.
    fn text_binding(&self, id: u32) -> Option<u32> {
        self.scopes().bound_value(self.arena(), id)
    }
    /// Whether `id`'s value is clearly not text (a number, an object, a
    /// function…), so that it never stands for a string.
    fn not_text(&self, id: u32) -> bool;

    /// The node a name read in a string judgement is bound to, for the
    /// passes that may follow names (see [`Eval::stringy_nodes`]): by
    /// default a name's or a member's [`Eval::text_binding`].
    fn stringy_binding(&self, id: u32) -> Option<u32> {
        match self.ir().node(id) {
            Node::Name | Node::Member { .. } => self.text_binding(id),
            _ => None,
        }
    }
    /// Whether `id`, neither a wrapper nor a concatenation, evaluates to a
    /// string, given `get`: the judgement of another node.
    fn stringy_leaf(&self, id: u32, get: &dyn Fn(Option<u32>) -> bool) -> bool;

    /// Which nodes of the file evaluate to a string: a wrapper of one, a
    /// concatenation with one on either side, and what
    /// [`Eval::stringy_leaf`] says of the rest. `again` are the kinds judged
    /// again once names may be followed to their values.
    fn stringy_nodes(&self, again: &[&str]) -> Vec<bool> {
        string_nodes(self.arena(), again, |id, s, names| {
            let known = |k: u32| s.get(k as usize).copied().unwrap_or(false);
            let get = |k: Option<u32>| -> bool {
                let Some(k) = k else { return false };
                known(k) || (names && self.stringy_binding(k).is_some_and(known))
            };
            match self.ir().node(id) {
                Node::Wrap { inner } => get(Some(inner)),
                Node::Concat { left, right } => get(Some(left)) || get(Some(right)),
                _ => self.stringy_leaf(id, &get),
            }
        })
    }

    /// The source text `id` stands for, as a hole names it in messages.
    fn short(&self, id: u32) -> String {
        hole_name(self.arena().text(id))
    }

    /// The hole that stands for expression `id`.
    fn hole(&self, id: u32) -> Piece {
        Piece::hole(self.arena().span(id), self.short(id))
    }

    /// The source span a value of `id` covers.
    fn root_span(&self, id: u32) -> Span {
        self.arena().span(id)
    }

    /// The pieces of `id` into `out`; `mark` records every string literal
    /// used as part of this value, so that it is not reported again alone.
    fn resolve_into(&self, id: u32, depth: u32, mark: bool, out: &mut Vec<Piece>) {
        if out.len() >= MAX_PIECES {
            return;
        }
        if !self.memo().step(depth) {
            out.push(self.hole(id));
            return;
        }
        match self.ir().node(id) {
            Node::Wrap { inner } => self.resolve_into(inner, depth + 1, mark, out),
            Node::Concat { left, right } => {
                // a left-deep chain `a + b + c + …` is walked as a list
                let mut rights = vec![right];
                let mut left = left;
                while let Node::Concat {
                    left: ll,
                    right: lr,
                } = self.ir().node(left)
                {
                    if rights.len() >= MAX_PIECES * 4 {
                        break;
                    }
                    rights.push(lr);
                    left = ll;
                }
                self.resolve_into(left, depth + 1, mark, out);
                for &x in rights.iter().rev() {
                    self.resolve_into(x, depth + 1, mark, out);
                }
            }
            _ => self.leaf(id, depth, mark, out),
        }
    }

    /// The pieces of the bound value `v` (not part of the expression being
    /// emitted), evaluated once per file; a hole for `use_site` when `v`
    /// uses itself.
    fn resolve_memo(&self, v: u32, depth: u32, out: &mut Vec<Piece>, use_site: u32) {
        self.memo().bound(
            v,
            out,
            || self.hole(use_site),
            |tmp| self.resolve_into(v, depth, false, tmp),
        );
    }

    /// One whole evaluation of `id`, with its own budget unless it runs
    /// inside another one.
    fn resolve_root(&self, id: u32, mark: bool) -> StrValue {
        let memo = self.memo();
        let nest = memo.nest.get();
        if nest >= MAX_NEST {
            return StrValue {
                pieces: vec![self.hole(id)],
                span: self.root_span(id),
            };
        }
        if nest == 0 {
            memo.start();
        }
        memo.nest.set(nest + 1);
        let mut pieces = Vec::new();
        self.resolve_into(id, 0, mark, &mut pieces);
        memo.nest.set(nest);
        StrValue {
            pieces,
            span: self.root_span(id),
        }
    }

    /// The value of an expression, nothing marked.
    fn value_sv(&self, id: u32) -> StrValue {
        self.resolve_root(id, false)
    }

    /// `Some` unless the expression (or what it is bound to) is clearly not
    /// text.
    fn value_opt(&self, id: u32) -> Option<StrValue> {
        if self.not_text(id) {
            return None;
        }
        if self.text_binding(id).is_some_and(|v| self.not_text(v)) {
            return None;
        }
        Some(self.value_sv(id))
    }

    /// Record that string literal `id` was used as part of a larger value.
    fn mark(&self, id: u32) {
        if let Some(c) = self.memo().consumed.borrow_mut().get_mut(id as usize) {
            *c = true;
        }
    }
}
