//! Typed models: the response types a file declares and where it uses them.

use crate::model::{FieldRead, FileModel, Origin, Span, TypeUse, TypedField, WireName};
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

/// A serialized member of a model type: its name in the code, its name on
/// the wire (`[JsonPropertyName]`, `@JsonProperty`, serde `rename`,
/// `json:"…"`), where it is declared and whether it may be absent.
pub struct Member {
    pub member: String,
    pub wire: String,
    pub span: Span,
    pub optional: bool,
}

impl Member {
    /// A member whose name in the code is its wire name.
    pub fn same_name(wire: String, span: Span, optional: bool) -> Member {
        Member {
            member: wire.clone(),
            wire,
            span,
            optional,
        }
    }
}

/// The typed fields of a model type, one per member, each knowing its
/// siblings (the type's name, the wire names it inherits, then its own),
/// and the wire name of each member that is named otherwise in the code.
pub fn model_fields(
    type_name: &str,
    inherited: &[String],
    members: &[Member],
) -> (Vec<TypedField>, Vec<WireName>) {
    let mut siblings = vec![type_name.to_string()];
    siblings.extend(inherited.iter().cloned());
    siblings.extend(members.iter().map(|f| f.wire.clone()));
    let mut fields = Vec::new();
    let mut wires = Vec::new();
    for f in members {
        fields.push(TypedField {
            type_name: type_name.to_string(),
            field: f.wire.clone(),
            span: f.span.clone(),
            optional: f.optional,
            sibling_fields: siblings.clone(),
        });
        if f.member != f.wire {
            wires.push(WireName {
                type_name: type_name.to_string(),
                member: f.member.clone(),
                wire: f.wire.clone(),
            });
        }
    }
    (fields, wires)
}

/// [`model_fields`] added to a file's model.
pub fn record_model(m: &mut FileModel, type_name: &str, inherited: &[String], members: &[Member]) {
    let (fields, wires) = model_fields(type_name, inherited, members);
    m.typed_fields.extend(fields);
    m.wire_names.extend(wires);
}

/// A model type's member as the typed front ends collect it: (member, wire
/// name, span, optional, named explicitly on the wire).
pub type ModelField = (String, String, Span, bool, bool);

/// Declares the model types found in a file, in order: their typed fields
/// and wire names go on the file's model, and come back by type as
/// (member, wire name) pairs and as [`ModelFields`].
pub fn declare_models(
    m: &mut FileModel,
    pending: Vec<(String, Vec<ModelField>)>,
) -> (HashMap<String, Vec<(String, String)>>, ModelFields) {
    let mut wire = HashMap::new();
    let mut models = ModelFields::new();
    for (name, fields) in pending {
        let members: Vec<Member> = fields
            .iter()
            .map(|f| Member {
                member: f.0.clone(),
                wire: f.1.clone(),
                span: f.2.clone(),
                optional: f.3,
            })
            .collect();
        record_model(m, &name, &[], &members);
        wire.insert(
            name.clone(),
            fields.iter().map(|f| (f.0.clone(), f.1.clone())).collect(),
        );
        models.insert(
            name,
            fields
                .into_iter()
                .map(|(_, w, s, o, _)| (w, s, o))
                .collect(),
        );
    }
    (wire, models)
}

/// Adds a use of type `t` with origin `o`, once: a capitalised name that is
/// not one of the language's generic holders (`not_models`: `JObject`,
/// `Map`…), with a known origin.
pub fn push_use(uses: &mut Vec<TypeUse>, t: String, o: Origin, not_models: &[&str]) {
    let ok = crate::sema::names::is_ident(&t)
        && t.chars().next().is_some_and(|c| c.is_uppercase())
        && !not_models.contains(&t.as_str());
    if ok && o != Origin::Unknown && !uses.iter().any(|u| u.type_name == t && u.origin == o) {
        uses.push(TypeUse {
            type_name: t,
            origin: o,
        });
    }
}

/// The wire name of member `prop` read on a value of type `recv_type`:
/// that type's rename when the type is a known model, else the one
/// rename every model agrees on, else the member's own name.
/// `wire` maps a model type to its (member, wire name) pairs.
pub fn wire_name(
    wire: &HashMap<String, Vec<(String, String)>>,
    recv_type: Option<String>,
    prop: &str,
) -> String {
    if let Some(map) = recv_type.and_then(|t| wire.get(&t)) {
        return map
            .iter()
            .find(|(p, _)| p == prop)
            .map_or_else(|| prop.to_string(), |(_, w)| w.clone());
    }
    let mut names: Vec<&String> = wire
        .values()
        .flat_map(|m| m.iter().filter(|(p, _)| p == prop).map(|(_, w)| w))
        .collect();
    names.dedup();
    match names.as_slice() {
        [one] => (*one).clone(),
        _ => prop.to_string(),
    }
}
