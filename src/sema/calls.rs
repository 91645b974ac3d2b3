//! Which calls of a file reach each of its own functions: built once per
//! file on first use, from the front end's resolution of a call's target.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Method calls by their receiver (`client` of `client.PostAsync(…)`):
/// within each function, and file-wide (a client configured in a
/// constructor and used in a method).
#[derive(Default)]
pub struct CallsOn {
    /// calls by (function, receiver)
    pub scoped: HashMap<(u32, String), Vec<u32>>,
    /// calls by receiver, in the whole file
    pub wide: HashMap<String, Vec<u32>>,
}

impl CallsOn {
    /// Records `call` in `scope` on receiver `recv` and, when it differs,
    /// on the receiver's root (`conn` of `conn.x.y`).
    pub fn add(&mut self, scope: u32, recv: String, root: Option<String>, call: u32) {
        for r in std::iter::once(recv.clone()).chain(root.filter(|x| *x != recv)) {
            self.scoped
                .entry((scope, r.clone()))
                .or_default()
                .push(call);
            self.wide.entry(r).or_default().push(call);
        }
    }
}

/// The calls of each local function, built on first use.
///
/// Resolving a call's target can ask about callers again (a callee named by
/// a parameter whose default holds only if no caller passes it): while the
/// map is being built such a question gets no callers, and
/// [`Callers::building`] tells the asker not to keep the answer.
#[derive(Default)]
pub struct Callers {
    map: RefCell<Option<HashMap<u32, Vec<u32>>>>,
    building: Cell<bool>,
}

impl Callers {
    /// The calls of function `f`. On first use, `calls` lists the file's
    /// calls and `target` resolves one to the function it runs; a call
    /// inside its own target (recursion) does not count.
    pub fn of(
        &self,
        f: u32,
        calls: impl Iterator<Item = u32>,
        target: impl Fn(u32) -> Option<u32>,
        contains: impl Fn(u32, u32) -> bool,
    ) -> Vec<u32> {
        if self.building.get() {
            return Vec::new();
        }
        if self.map.borrow().is_none() {
            self.building.set(true);
            let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
            for c in calls {
                if let Some(t) = target(c) {
                    if !contains(t, c) {
                        map.entry(t).or_default().push(c);
                    }
                }
            }
            *self.map.borrow_mut() = Some(map);
            self.building.set(false);
        }
        self.map
            .borrow()
            .as_ref()
            .and_then(|m| m.get(&f).cloned())
            .unwrap_or_default()
    }

    /// True while the map is being built.
    pub fn building(&self) -> bool {
        self.building.get()
    }
}
