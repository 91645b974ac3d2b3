//! Placeholder until the front end lands: reports a parse error so the
//! text front end still runs the host rules.
use crate::model::FileModel;

pub fn lower(_source: &str) -> FileModel {
    FileModel {
        parse_errors: true,
        ..FileModel::default()
    }
}
