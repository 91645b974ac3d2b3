//! Presence checks: whether a read runs only when a condition about the
//! same field has been tested (`if (d.refresh_token) …`, `x && x.k`,
//! `if (!d.has("k")) return;` before it). What counts as a test of the
//! field is the front end's (`tests`); the shapes of control flow are the
//! IR's.

use crate::ir::{Ir, Node};
use crate::lang::ts::{Arena, NONE};
use crate::sema::limits::ANCESTOR_LIMIT;
use crate::sema::names::fallback_is_target;

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
            Node::If {
                condition, then, ..
            }
            | Node::Unless {
                condition, then, ..
            } if runs_before(a, c, condition, then) => {}
            Node::If { condition, .. }
            | Node::Unless { condition, .. }
            | Node::Guarded { condition }
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

/// Whether `part` of a statement runs before its `condition` is tested:
/// written before it in a statement whose branch comes after it (Go's `if
/// v := …; cond { … }`), unlike a modifier (`return x unless cond`).
fn runs_before(a: &Arena, part: u32, condition: u32, then: u32) -> bool {
    let before = |x: u32| a.start(x) < a.start(condition);
    before(part) && (then == NONE || !before(then))
}

/// An `if` without `else` before `before` in `block` whose branch ends in
/// an exit (or a call that fails: `wp_die(…)`, `log.Fatal(…)`) and whose
/// condition `tests` accepts.
fn exits_early(a: &Arena, ir: &Ir, block: u32, before: u32, tests: &impl Fn(u32) -> bool) -> bool {
    for s in a.named(block) {
        if a.start(s) >= a.start(before) {
            break;
        }
        let (Node::If {
            condition,
            then,
            otherwise: NONE,
        }
        | Node::Unless {
            condition,
            then,
            otherwise: NONE,
        }) = ir.node(s)
        else {
            continue;
        };
        let last = last_statement(a, ir, then);
        let exits =
            |l: u32| matches!(ir.node(l), Node::Exit | Node::Raise) || failing_call(a, ir, l);
        if last.is_some_and(exits) && tests(condition) {
            return true;
        }
    }
    false
}

/// Whether the code treats a failed presence test as an error: `test`
/// (true when the field is present; `negated` when it is the other way
/// round, `'k' not in d`) decides an `if` whose branch taken without the
/// field ends in a failure (see [`ends_in_failure`]): `if (!isset($r->k)) throw …`,
/// `if 'k' not in d: raise_error(…)`, or `if (isset($r->k) && …) { …;
/// return …; } return false;`. A test that only guards a read of the
/// field (`if 'k' in d: store(d['k'])`) is not one.
pub fn absence_fails(a: &Arena, ir: &Ir, test: u32, negated: bool) -> bool {
    // does the condition hold when the field is absent?
    let mut holds_when_absent = negated;
    let mut c = test;
    for _ in 0..ANCESTOR_LIMIT {
        let p = a.parent(c);
        if p == NONE {
            return false;
        }
        match ir.node(p) {
            Node::Wrap { .. } => {}
            Node::Not { .. } => holds_when_absent = !holds_when_absent,
            // `present && x` is false without the field; `absent && x` may
            // be false either way
            Node::And { .. } if !holds_when_absent => {}
            // `absent || x` holds without the field
            Node::Or { .. } if holds_when_absent => {}
            Node::Unless {
                condition,
                then,
                otherwise,
            } if condition == c => {
                return taken_without(a, ir, p, !holds_when_absent, then, otherwise);
            }
            Node::If {
                condition,
                then,
                otherwise,
            } if condition == c => {
                return taken_without(a, ir, p, holds_when_absent, then, otherwise);
            }
            _ => return false,
        }
        c = p;
    }
    false
}

/// Whether the branch of `stmt` taken without the field ends in a
/// failure; `then` runs without it when `then_without`.
fn taken_without(
    a: &Arena,
    ir: &Ir,
    stmt: u32,
    then_without: bool,
    then: u32,
    otherwise: u32,
) -> bool {
    let fails_call = |c: u32| failing_call(a, ir, c);
    // `if (!present) return null;` may well mean "no new token": only a
    // raise or a failing call says it is an error there
    if then_without {
        return ends_in_failure(a, ir, then, &fails_call, false);
    }
    if otherwise != NONE {
        return ends_in_failure(a, ir, otherwise, &fails_call, true);
    }
    // `if (present) { …; return x; } return false;`
    let returns = last_statement(a, ir, then).is_some_and(|l| matches!(ir.node(l), Node::Exit));
    returns && next_statement(a, stmt).is_some_and(|n| ends_in_failure(a, ir, n, &fails_call, true))
}

/// The last statement of a branch, through blocks and wrappers of one
/// statement (an `else` clause, a braced body).
fn last_statement(a: &Arena, ir: &Ir, branch: u32) -> Option<u32> {
    let mut n = branch;
    for _ in 0..8 {
        match ir.node(n) {
            Node::Exit | Node::Raise | Node::Call { .. } | Node::If { .. } => return Some(n),
            _ => n = a.last_named(n)?,
        }
    }
    None
}

/// The statement after `stmt` in its block.
fn next_statement(a: &Arena, stmt: u32) -> Option<u32> {
    let mut after = false;
    for s in a.named(a.parent(stmt)) {
        if after {
            return Some(s);
        }
        after = s == stmt;
    }
    None
}

/// A call whose name says it fails: `raise_error(…)`, `throwException(…)`,
/// `abort(401)`, `wp_die(…)`, `fail(…)`, `error(…)`, `panic(…)`,
/// `log.Fatalf(…)`.
fn failing_call(a: &Arena, ir: &Ir, call: u32) -> bool {
    let Node::Call { name, .. } = ir.node(call) else {
        return false;
    };
    if name == NONE {
        return false;
    }
    let text = a.text(name);
    let words = crate::sema::names::words(text);
    matches!(text, "wp_die" | "die" | "exit" | "panic")
        || words.first().is_some_and(|w| {
            matches!(
                w.as_str(),
                "raise" | "throw" | "abort" | "fail" | "error" | "fatal" | "fatalf"
            )
        })
}

/// A failure: a raise or throw, a call whose name says it fails
/// (`raise_error(…)`, `wp_die(…)`), or, where `returns_count`, a `return`
/// of false or none.
fn ends_in_failure(
    a: &Arena,
    ir: &Ir,
    branch: u32,
    fails_call: &impl Fn(u32) -> bool,
    returns_count: bool,
) -> bool {
    let Some(last) = last_statement(a, ir, branch) else {
        return false;
    };
    match ir.node(last) {
        Node::Raise => true,
        Node::Exit => {
            returns_count
                && a.first_named(last)
                    .is_some_and(|v| matches!(ir.node(v), Node::Falsy))
        }
        Node::Call { .. } => fails_call(last),
        _ => false,
    }
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

/// Where a field is read: the read's node, its receiver, the field as
/// written in a presence test of it (`raw`), the node of a fallback given
/// with the read, and whether the read is guarded whatever the tests say.
pub struct ReadSite<'r> {
    pub node: u32,
    pub recv: u32,
    pub raw: &'r str,
    pub default: Option<u32>,
    pub always_guarded: bool,
    /// the node whose truth tests the field's presence: the read itself,
    /// or a test around it (`isset($r['k'])`)
    pub test: u32,
    /// that test holds when the field is absent (`'k' not in d`,
    /// `empty($r['k'])`)
    pub negated: bool,
}

impl<'r> ReadSite<'r> {
    /// A read with no fallback of its own.
    pub fn plain(node: u32, recv: u32, raw: &'r str) -> ReadSite<'r> {
        ReadSite::new(node, recv, raw, None, false)
    }

    /// A read whose call names a fallback (`GetValueOrDefault(k, d)`), or
    /// that is guarded whatever the tests say.
    pub fn new(
        node: u32,
        recv: u32,
        raw: &'r str,
        default: Option<u32>,
        always_guarded: bool,
    ) -> ReadSite<'r> {
        ReadSite {
            node,
            recv,
            raw,
            default,
            always_guarded,
            test: node,
            negated: false,
        }
    }

    /// The same read, whose presence is tested by `test` (the read itself
    /// or a test around it), a test that holds when the field is absent
    /// when `negated`.
    pub fn presence_test(self, test: u32, negated: bool) -> ReadSite<'r> {
        ReadSite {
            test,
            negated,
            ..self
        }
    }
}

/// What the code around a read says of it: a fallback is given, the value
/// is asserted present, where it is assigned, and whether the fallback is
/// that very place.
pub struct ReadContext {
    pub guarded: bool,
    pub asserted: bool,
    pub assigned_to: Option<String>,
    pub fallback_is_target: bool,
}

impl ReadContext {
    /// The context of a read given `fallback` (its source, when one is
    /// given), asserted present or not, and assigned to `assigned_to`.
    pub fn new(fallback: Option<&str>, asserted: bool, assigned_to: Option<String>) -> Self {
        ReadContext {
            guarded: fallback.is_some(),
            asserted,
            fallback_is_target: fallback_is_target(assigned_to.as_deref(), fallback),
            assigned_to,
        }
    }
}

/// Whether `node` sits in a branch that cannot run, within its function,
/// by conditions that compare values `value` knows (`if ($method ==
/// 'POST')` in a wrapper lowered for a caller that passes `'GET'`): a
/// branch whose test is false, an `else` or `elif` after a test that is
/// true, or code after an `if` that is taken and exits.
pub fn ruled_out(a: &Arena, ir: &Ir, node: u32, value: impl Fn(u32) -> Option<String>) -> bool {
    ruled_out_by(a, ir, node, value, |_| None)
}

/// [`ruled_out`], with what the front end knows of the truth of a test
/// that is not a comparison (`empty($data)` of a parameter whose caller
/// passes nothing and whose default is `[]`).
pub fn ruled_out_by(
    a: &Arena,
    ir: &Ir,
    node: u32,
    value: impl Fn(u32) -> Option<String>,
    test: impl Fn(u32) -> Option<bool>,
) -> bool {
    let truth = |cond: u32| decide(ir, cond, &value, &test, 0);
    let mut c = node;
    for _ in 0..ANCESTOR_LIMIT {
        let p = a.parent(c);
        if p == NONE || (p != 0 && a.scope(c) == p) {
            return false;
        }
        let out = match ir.node(p) {
            Node::If {
                condition, then, ..
            } if c != condition && !runs_before(a, c, condition, then) => {
                if c == then {
                    truth(condition) == Some(false)
                } else {
                    // an `else`, or an `elif` after this test and the ones
                    // before it
                    truth(condition) == Some(true) || earlier_taken(a, ir, p, c, &truth)
                }
            }
            Node::Unless {
                condition, then, ..
            } if c != condition && !runs_before(a, c, condition, then) => {
                truth(condition) == Some(c == then)
            }
            Node::Block => a
                .named(p)
                .take_while(|&s| a.start(s) < a.start(c))
                .any(|s| taken_exit(a, ir, s, &truth)),
            Node::Case { value: v } if c != v => case_not_taken(a, ir, p, &value),
            _ => false,
        };
        if out {
            return true;
        }
        c = p;
    }
    false
}

/// Whether the statements of `case` cannot run, the switch's subject being
/// known: the values of this case and of the empty cases that fall into it
/// are known and none is equal; for `default:`, an earlier case that
/// matches ends in an exit (`break`, `return`).
fn case_not_taken(a: &Arena, ir: &Ir, case: u32, value: &impl Fn(u32) -> Option<String>) -> bool {
    let body = a.parent(case);
    let subject = [body, a.parent(body)]
        .into_iter()
        .find_map(|n| match ir.node(n) {
            Node::Switch { subject } => Some(subject),
            _ => None,
        });
    let Some(subject) = subject.and_then(value) else {
        return false;
    };
    let statements = |c: u32| {
        a.named(c)
            .filter(|&k| {
                a.kind(k) != "comment" && !matches!(ir.node(c), Node::Case { value } if value == k)
            })
            .last()
    };
    let value_of = |k: u32| match ir.node(k) {
        Node::Case { value: v } if v != NONE => value(v),
        _ => None,
    };
    if matches!(ir.node(case), Node::Case { value: NONE }) {
        // a matching case before it that does not fall through
        let before: Vec<u32> = a.named(body).take_while(|&k| k != case).collect();
        return before.iter().enumerate().any(|(i, &k)| {
            value_of(k).as_ref() == Some(&subject)
                && before[i..]
                    .iter()
                    .find_map(|&g| statements(g))
                    .is_some_and(|last| matches!(ir.node(last), Node::Exit | Node::Raise))
        });
    }
    // this case, and the cases without statements right before it
    let mut group = vec![case];
    for k in a
        .named(body)
        .take_while(|&k| k != case)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        match ir.node(k) {
            Node::Case { .. } if statements(k).is_none() => group.push(k),
            _ => break,
        }
    }
    group
        .iter()
        .all(|&k| value_of(k).is_some_and(|v| v != subject))
}

/// An `elif` among the parts of `stmt` before `part` whose test is true.
fn earlier_taken(
    a: &Arena,
    ir: &Ir,
    stmt: u32,
    part: u32,
    truth: &impl Fn(u32) -> Option<bool>,
) -> bool {
    a.named(stmt)
        .take_while(|&k| k != part)
        .any(|k| matches!(ir.node(k), Node::If { condition, .. } if truth(condition) == Some(true)))
}

/// An `if` whose test is true and whose branch ends in an exit.
fn taken_exit(a: &Arena, ir: &Ir, stmt: u32, truth: &impl Fn(u32) -> Option<bool>) -> bool {
    let Node::If {
        condition, then, ..
    } = ir.node(stmt)
    else {
        return false;
    };
    last_statement(a, ir, then).is_some_and(|l| matches!(ir.node(l), Node::Exit | Node::Raise))
        && truth(condition) == Some(true)
}

/// The truth of a condition made of comparisons of known values and of
/// tests whose truth `test` knows, when it is known.
fn decide(
    ir: &Ir,
    cond: u32,
    value: &impl Fn(u32) -> Option<String>,
    test: &impl Fn(u32) -> Option<bool>,
    depth: u32,
) -> Option<bool> {
    if depth > 16 {
        return None;
    }
    let d = |n: u32| decide(ir, n, value, test, depth + 1);
    match ir.node(cond) {
        Node::Compare { left, right, equal } => Some((value(left)? == value(right)?) == equal),
        Node::Wrap { inner } => d(inner),
        Node::Not { inner } => d(inner).map(|t| !t),
        Node::And { left, right } => match (d(left), d(right)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Node::Or { left, right } => match (d(left), d(right)) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => test(cond),
    }
}
