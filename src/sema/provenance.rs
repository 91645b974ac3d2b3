//! Where a value came from: which of two origins says more.

use crate::model::*;

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
