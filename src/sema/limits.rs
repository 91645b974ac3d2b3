//! The bounds every front end's analysis keeps, defined once: they keep
//! hostile input (deep nesting, self-referencing constants, doubling
//! concatenations) linear and the stack bounded.

/// How deep value resolution and provenance follow names and calls.
pub const MAX_DEPTH: u32 = 32;
/// How many pieces one resolved string value may hold.
pub const MAX_PIECES: usize = 512;
/// How many resolution steps one file may spend on string values.
pub const RESOLVE_BUDGET: u32 = 20_000;
/// How many enclosing nodes a walk up the tree looks at.
pub const ANCESTOR_LIMIT: usize = 256;
/// How long a hole's name (the source text it stands for) may be in messages.
pub const HOLE_NAME_LEN: usize = 40;
