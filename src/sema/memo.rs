//! What a front end remembers while it evaluates one file: the string value
//! of each bound expression, the origin of each value, which string nodes
//! were emitted as part of a larger string, and the budget of one
//! evaluation. Every evaluation stops at its budget, so a file of any shape
//! is evaluated in bounded time.

use crate::model::{Origin, Piece};
use crate::sema::limits::{MAX_DEPTH, MAX_PIECES, RESOLVE_BUDGET};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The memo of one file. `K` keys a stored value (a field or key of a
/// store, with or without its scope).
pub struct Memo<K> {
    /// the pieces of each bound value, once evaluated
    pub strings: RefCell<HashMap<u32, Vec<Piece>>>,
    /// bound values being evaluated (a value that uses itself is a hole)
    pub busy: RefCell<HashSet<u32>>,
    /// the origin of each expression, once computed
    pub origins: RefCell<HashMap<u32, Origin>>,
    /// the origin of each stored value, once computed
    pub stored: RefCell<HashMap<K, Origin>>,
    /// the origin of what each function of the file returns, once computed
    pub summaries: RefCell<HashMap<u32, Origin>>,
    /// string nodes emitted as part of a larger string
    pub consumed: RefCell<Vec<bool>>,
    /// steps left to the evaluation under way
    pub budget: Cell<u32>,
    /// how many evaluations run inside one another now
    pub nest: Cell<u32>,
}

/// The memo of an empty file.
impl<K> Default for Memo<K> {
    fn default() -> Memo<K> {
        Memo::new(0)
    }
}

impl<K> Memo<K> {
    /// The memo of a file of `len` nodes.
    pub fn new(len: usize) -> Memo<K> {
        Memo {
            strings: RefCell::new(HashMap::new()),
            busy: RefCell::new(HashSet::new()),
            origins: RefCell::new(HashMap::new()),
            stored: RefCell::new(HashMap::new()),
            summaries: RefCell::new(HashMap::new()),
            consumed: RefCell::new(vec![false; len]),
            budget: Cell::new(RESOLVE_BUDGET),
            nest: Cell::new(0),
        }
    }

    /// Start one evaluation with the whole budget.
    pub fn start(&self) {
        self.budget.set(RESOLVE_BUDGET);
    }

    /// Take one step at `depth`: false when the budget or the depth is
    /// spent, and the expression is then a hole.
    pub fn step(&self, depth: u32) -> bool {
        let b = self.budget.get();
        if b == 0 || depth > MAX_DEPTH {
            return false;
        }
        self.budget.set(b - 1);
        true
    }

    /// The pieces of bound value `v` into `out`: evaluated once by
    /// `resolve`, then remembered. A value met again while it is being
    /// evaluated (`a = a + "x"`) is `hole()`.
    pub fn bound(
        &self,
        v: u32,
        out: &mut Vec<Piece>,
        hole: impl FnOnce() -> Piece,
        resolve: impl FnOnce(&mut Vec<Piece>),
    ) {
        if let Some(p) = self.strings.borrow().get(&v) {
            out.extend(p.iter().take(MAX_PIECES.saturating_sub(out.len())).cloned());
            return;
        }
        if self.busy.borrow().contains(&v) {
            out.push(hole());
            return;
        }
        self.busy.borrow_mut().insert(v);
        let mut tmp = Vec::new();
        resolve(&mut tmp);
        self.busy.borrow_mut().remove(&v);
        out.extend(
            tmp.iter()
                .take(MAX_PIECES.saturating_sub(out.len()))
                .cloned(),
        );
        self.strings.borrow_mut().insert(v, tmp);
    }

    /// The origin of expression or function `id`, computed once by
    /// `compute`; while it is being computed (a value that depends on
    /// itself) it is unknown.
    pub fn origin(&self, id: u32, compute: impl FnOnce() -> Origin) -> Origin {
        once(&self.origins, id, compute)
    }

    /// The origin of what function `f` returns, computed once, like
    /// [`Memo::origin`].
    pub fn summary(&self, f: u32, compute: impl FnOnce() -> Origin) -> Origin {
        once(&self.summaries, f, compute)
    }
}

impl<K: Eq + Hash + Clone> Memo<K> {
    /// The origin of stored value `key`, computed once, like [`Memo::origin`].
    pub fn stored_origin(&self, key: K, compute: impl FnOnce() -> Origin) -> Origin {
        once(&self.stored, key, compute)
    }
}

fn once<Q: Eq + Hash + Clone>(
    memo: &RefCell<HashMap<Q, Origin>>,
    key: Q,
    compute: impl FnOnce() -> Origin,
) -> Origin {
    if let Some(o) = memo.borrow().get(&key) {
        return o.clone();
    }
    memo.borrow_mut().insert(key.clone(), Origin::Unknown);
    let o = compute();
    memo.borrow_mut().insert(key, o.clone());
    o
}
