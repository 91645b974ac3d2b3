//! Presence checks: whether a read runs only when a condition about the
//! same field has been tested (`if (d.refresh_token) …`, `x && x.k`,
//! `if (!d.has("k")) return;` before it). What counts as a test of the
//! field is the front end's (`tests`); the shapes of control flow are the
//! IR's.

use crate::ir::{Ir, Node};
use crate::lang::ts::{Arena, NONE};
use crate::sema::limits::ANCESTOR_LIMIT;

/// True when `read` sits under a condition that `tests` accepts, within
/// its function: the branches of an `if`, the body of a loop, a
/// conditional expression, the right of `&&`, or after an early exit.
pub fn under_check(a: &Arena, ir: &Ir, read: u32, tests: impl Fn(u32) -> bool) -> bool {
    let mut c = read;
    for _ in 0..ANCESTOR_LIMIT {
        let p = a.parent(c);
        if p == NONE || (p != 0 && a.scope(c) == p) {
            return false;
        }
        match ir.node(p) {
            Node::If { condition, .. } | Node::Guarded { condition }
                if c != condition && tests(condition) =>
            {
                return true;
            }
            Node::And { left, right } if c == right && tests(left) => return true,
            Node::Block if exits_early(a, ir, p, c, &tests) => return true,
            _ => {}
        }
        c = p;
    }
    false
}

/// An `if` without `else` before `before` in `block` whose branch ends in
/// an exit and whose condition `tests` accepts.
fn exits_early(a: &Arena, ir: &Ir, block: u32, before: u32, tests: &impl Fn(u32) -> bool) -> bool {
    for s in a.named(block) {
        if a.start(s) >= a.start(before) {
            break;
        }
        let Node::If {
            condition,
            then,
            otherwise: NONE,
        } = ir.node(s)
        else {
            continue;
        };
        let last = if ir.node(then) == Node::Block {
            a.last_named(then)
        } else {
            Some(then)
        };
        if last.is_some_and(|l| ir.node(l) == Node::Exit) && tests(condition) {
            return true;
        }
    }
    false
}

/// How many nodes of one condition are looked at.
const CONDITION_STEPS: usize = 512;

/// Whether some node of condition `cond` is a test that `is_test` accepts
/// (`d.k`, `"k" in d`, `isset($d['k'])`: the front end's). Nested
/// functions, of the `skip` kinds, are not the condition's own.
pub fn condition_tests(a: &Arena, cond: u32, skip: &[&str], is_test: impl Fn(u32) -> bool) -> bool {
    let mut stack = vec![cond];
    let mut steps = 0;
    while let Some(x) = stack.pop() {
        steps += 1;
        if steps > CONDITION_STEPS {
            break;
        }
        if skip.contains(&a.kind(x)) {
            continue;
        }
        if is_test(x) {
            return true;
        }
        stack.extend(a.named(x));
    }
    false
}
