//! Where a value came from: which of two origins says more.

use crate::model::*;

pub fn rank(o: &Origin) -> u8 {
    match o {
        Origin::Response(_) | Origin::TokenCall(_) => 4,
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
