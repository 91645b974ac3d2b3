//! gotolint: a migration linter for GoTo OAuth integrations.
//!
//! paths → discover → prefilter → front end → model → detectors → findings → report

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diffbase;
pub mod finding;
pub mod fix;
pub mod goto;
pub mod ir;
pub mod lang;
pub mod merge;
pub mod model;
pub mod prefilter;
pub mod project;
pub mod report;
pub mod rules;
pub mod scan;
pub mod sema;
pub mod source;
pub mod suppress;
