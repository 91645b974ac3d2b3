//! Placeholder until the front end lands: reports a parse error so the
//! text front end still runs the host rules.
use crate::model::FileModel;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    JavaScript,
    TypeScript,
    Tsx,
}
pub fn lower(_source: &str, _dialect: Dialect) -> FileModel {
    FileModel {
        parse_errors: true,
        ..FileModel::default()
    }
}
