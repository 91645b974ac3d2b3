//! Which calls of a file reach each of its own functions: built once per
//! file on first use, from the front end's resolution of a call's target.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

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
