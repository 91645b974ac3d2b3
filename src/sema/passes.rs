//! The order of one file's passes, written once for every tree-sitter
//! front end with scopes.
//!
//! Each pass reads what the ones before it found: the scopes and the IR
//! (`collect`) come first, then which nodes are strings and the comments, then requests
//! (whose calls later passes must not read as anything else), string
//! values and map entries, the typed models a front end registers, and
//! only then the field reads, which ask where each receiver came from.
//! The file's functions and the token responses they return close the
//! model; a front end's type passes run last.

/// The passes of one file in their order, for a lowering context `lx`
/// (with its arena in `a` and its scopes in `sc`) and the model `m`:
///
/// `lower_passes!(lx, m; requests, calls; models; type_uses)`
///
/// names the front end's request passes, the passes that must run before
/// the field reads, and the passes that run after the model is complete.
#[macro_export]
macro_rules! lower_passes {
    ($lx:ident, $m:ident; $($req:ident),+; $($pre:ident),*; $($post:ident),*) => {{
        $lx.collect();
        $lx.compute_stringy();
        $m.comments.extend($lx.a.comment_spans());
        $($lx.$req($m);)+
        $lx.strings($m);
        $lx.entries($m);
        $($lx.$pre($m);)*
        $lx.field_reads($m);
        $m.functions = $lx.sc.function_spans(&$lx.a);
        $m.returns = $lx.sc.token_returns(&$lx.a, |r| $lx.origin_of(r, 1));
        $($lx.$post($m);)*
    }};
}
