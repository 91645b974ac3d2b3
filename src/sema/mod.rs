//! The analysis shared by every language: what the front ends compute the
//! same way, written once. Each module holds one idea.

pub mod calls;
pub mod format;
pub mod forms;
pub mod guards;
pub mod helpers;
pub mod libraries;
pub mod limits;
pub mod memo;
pub mod models;
pub mod names;
pub mod passes;
pub mod pieces;
pub mod provenance;
pub mod requests;
pub mod rewrites;
pub mod scope;
pub mod sinks;
pub mod urls;
pub mod values;
