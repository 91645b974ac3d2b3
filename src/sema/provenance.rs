//! Where a value came from: the shared walk of an expression's origin,
//! and which of two origins says more.

use crate::ir::Node;
use crate::lang::ts::NONE;
use crate::model::*;
use crate::sema::limits::MAX_DEPTH;
use crate::sema::values::Eval;

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
}
