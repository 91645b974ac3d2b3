//! Typed models: the response types a file declares and where it uses them.

use crate::model::{FieldRead, Span, TypeUse};
use std::collections::{HashMap, HashSet};

/// The serialized members of a model type: (wire name, span, optional).
pub type ModelFields = HashMap<String, Vec<(String, Span, bool)>>;

/// One declaration read per member of each model type used with an origin
/// (a type used twice with one origin counts once).
pub fn declaration_reads(uses: &[TypeUse], models: &ModelFields) -> Vec<FieldRead> {
    let mut out = Vec::new();
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    for u in uses {
        let Some(fields) = models.get(&u.type_name) else {
            continue;
        };
        if !seen.insert((&u.type_name, format!("{:?}", u.origin))) {
            continue;
        }
        for (field, span, optional) in fields {
            out.push(FieldRead::declaration(
                field.clone(),
                span.clone(),
                u.type_name.clone(),
                u.origin.clone(),
                *optional,
            ));
        }
    }
    out
}
