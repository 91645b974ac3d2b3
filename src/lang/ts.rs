//! The one tree-sitter layer every tree-sitter front end shares: a parser
//! per grammar and thread, parsing under a deadline, and an owned arena of
//! the syntax tree that the front ends walk by index (no recursion over
//! tree-sitter nodes, no lifetimes tied to the parser).

use crate::model::{FileModel, Span};
use crate::sema::limits::ANCESTOR_LIMIT;
use std::cell::RefCell;

/// No node: the parent of the root, the class of a node outside any class.
pub const NONE: u32 = u32::MAX;

/// A grammar and the few node kinds the arena needs to know.
pub struct Grammar {
    pub name: &'static str,
    pub language: fn() -> tree_sitter::Language,
    /// kinds that open a scope for bindings (functions, methods, lambdas, …)
    pub scope_kinds: &'static [&'static str],
    /// kinds that open a class body
    pub class_kinds: &'static [&'static str],
    /// named kinds that are not part of the program (comments, …)
    pub extra_kinds: &'static [&'static str],
}

thread_local! {
    static PARSERS: RefCell<Vec<(&'static str, tree_sitter::Parser)>> = const { RefCell::new(Vec::new()) };
}

fn new_parser(grammar: &Grammar) -> Option<tree_sitter::Parser> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&(grammar.language)()).ok()?;
    Some(parser)
}

/// Parse `src` with the thread's parser for `grammar` (made on first use),
/// under a deadline.
pub fn parse(grammar: &Grammar, src: &str) -> Option<tree_sitter::Tree> {
    PARSERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut parsers) => {
            let at = match parsers.iter().position(|(name, _)| *name == grammar.name) {
                Some(at) => at,
                None => {
                    parsers.push((grammar.name, new_parser(grammar)?));
                    parsers.len() - 1
                }
            };
            parse_with_deadline(&mut parsers[at].1, src)
        }
        Err(_) => parse_with_deadline(&mut new_parser(grammar)?, src),
    })
}

/// Parse with tree-sitter under a deadline. Error recovery can take very
/// long on some hostile inputs (minutes for a few hundred bytes); past the
/// deadline the parse is cancelled and the caller treats the file as not
/// parsed, so the text rules still run. The deadline grows with the size.
pub fn parse_with_deadline(
    parser: &mut tree_sitter::Parser,
    source: &str,
) -> Option<tree_sitter::Tree> {
    let started = std::time::Instant::now();
    let limit = std::time::Duration::from_millis(3000 + (source.len() as u64 / 256));
    let mut cancel = |_: &tree_sitter::ParseState| started.elapsed() > limit;
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut cancel);
    parser.reset();
    parser.parse_with_options(
        &mut |offset, _| source.as_bytes().get(offset..).unwrap_or(&[]),
        None,
        Some(options),
    )
}

/// Parse `source` with `grammar` and let `passes` fill the model from the
/// arena. A file that cannot be parsed at all gives an empty model marked
/// `parse_errors`, so the text rules still run on it.
pub fn lower_with<'s>(
    grammar: &Grammar,
    source: &'s str,
    passes: impl FnOnce(Arena<'s>, &mut FileModel),
) -> FileModel {
    let Some(tree) = parse(grammar, source) else {
        return FileModel {
            parse_errors: true,
            ..FileModel::default()
        };
    };
    let (arena, errors) = Arena::build(&tree, source, grammar);
    drop(tree);
    let mut model = FileModel {
        parse_errors: errors,
        ..FileModel::default()
    };
    passes(arena, &mut model);
    model
}

/// One node of the arena. Ids are pre-order, so a node's children have
/// increasing ids and every descendant's id is above its ancestor's.
#[derive(Clone, Copy)]
pub struct Node {
    pub kind: &'static str,
    /// the field name under the parent (`""` when none)
    pub field: &'static str,
    pub start: u32,
    pub end: u32,
    pub parent: u32,
    kids: u32,
    nkids: u32,
    /// nearest enclosing scope node (0 = the file)
    pub scope: u32,
    /// nearest enclosing class node, or [`NONE`]
    pub class: u32,
    pub named: bool,
}

/// The syntax tree of one file, owned, indexed by `u32` ids (the default
/// is the empty tree).
#[derive(Default)]
pub struct Arena<'s> {
    pub src: &'s str,
    nodes: Vec<Node>,
    kid: Vec<u32>,
    extra_kinds: &'static [&'static str],
    /// spans of ERROR and MISSING nodes
    pub error_spans: Vec<(u32, u32)>,
}

impl<'s> Arena<'s> {
    /// Lines the parser could not read that hold a URL no string covers
    /// (and are not `#` comments): each becomes a string of its own, so the
    /// host rules still see it. For the `#`-comment languages (shell,
    /// PowerShell), whose front ends keep a partly parsed script.
    pub fn cover_error_lines(&self, m: &mut FileModel) {
        let src = self.src;
        let mut covered = vec![false; src.len() + 1];
        for s in &m.strings {
            for p in &s.pieces {
                if let crate::model::Piece::Lit { src: Some(r), .. } = p {
                    for c in covered.iter_mut().take(r.end.min(src.len())).skip(r.start) {
                        *c = true;
                    }
                }
            }
        }
        let mut spans = self.error_spans.clone();
        spans.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut done = std::collections::HashSet::new();
        for (a, b) in merged {
            let a = (a as usize).min(src.len());
            let b = (b as usize).max(a + 1).min(src.len());
            let mut at = src
                .get(..a)
                .and_then(|s| s.rfind('\n'))
                .map_or(0, |i| i + 1);
            while at < b && at < src.len() {
                let end =
                    memchr::memchr(b'\n', &src.as_bytes()[at..]).map_or(src.len(), |i| at + i);
                if done.insert(at) {
                    let line = src[at..end].trim_end_matches('\r');
                    let uncovered = line
                        .match_indices("://")
                        .any(|(i, _)| !covered.get(at + i).copied().unwrap_or(true));
                    if !line.trim_start().starts_with('#') && uncovered {
                        m.strings
                            .push(crate::model::StrValue::literal(line, at..at + line.len()));
                    }
                }
                at = end + 1;
            }
        }
    }

    /// Copy the tree into the arena. The flag is true when the tree has
    /// syntax errors.
    pub fn build(tree: &tree_sitter::Tree, src: &'s str, grammar: &Grammar) -> (Arena<'s>, bool) {
        let mut nodes: Vec<Node> = Vec::new();
        let mut errors = tree.root_node().has_error();
        let mut error_spans = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut cur = tree.walk();
        'walk: loop {
            let node = cur.node();
            let id = nodes.len() as u32;
            let parent = stack.last().copied().unwrap_or(NONE);
            if node.is_error() || node.is_missing() {
                errors = true;
                error_spans.push((node.start_byte() as u32, node.end_byte() as u32));
            }
            nodes.push(Node {
                kind: node.kind(),
                field: cur.field_name().unwrap_or(""),
                start: node.start_byte() as u32,
                end: node.end_byte() as u32,
                parent,
                kids: 0,
                nkids: 0,
                scope: 0,
                class: NONE,
                named: node.is_named(),
            });
            if cur.goto_first_child() {
                stack.push(id);
                continue;
            }
            loop {
                if cur.goto_next_sibling() {
                    break;
                }
                if !cur.goto_parent() {
                    break 'walk;
                }
                stack.pop();
            }
        }
        let len = nodes.len();
        let mut count = vec![0u32; len];
        for x in nodes.iter() {
            if x.parent != NONE {
                count[x.parent as usize] += 1;
            }
        }
        let mut off = 0u32;
        for (i, c) in count.iter().enumerate() {
            nodes[i].kids = off;
            nodes[i].nkids = *c;
            off += c;
        }
        let mut kid = vec![0u32; off as usize];
        let mut fill = vec![0u32; len];
        for i in 0..len {
            let p = nodes[i].parent;
            if p == NONE {
                continue;
            }
            let pu = p as usize;
            let at = nodes[pu].kids + fill[pu];
            if let Some(slot) = kid.get_mut(at as usize) {
                *slot = i as u32;
            }
            fill[pu] += 1;
            let pk = nodes[pu].kind;
            nodes[i].scope = if grammar.scope_kinds.contains(&pk) {
                p
            } else {
                nodes[pu].scope
            };
            nodes[i].class = if grammar.class_kinds.contains(&pk) {
                p
            } else {
                nodes[pu].class
            };
        }
        let arena = Arena {
            src,
            nodes,
            kid,
            extra_kinds: grammar.extra_kinds,
            error_spans,
        };
        (arena, errors)
    }

    /// The spans of the file's comments: its extra kinds that are named
    /// as comments (`comment`, `line_comment`, `block_comment`), in order.
    pub fn comment_spans(&self) -> Vec<Span> {
        (0..self.len() as u32)
            .filter(|&i| {
                let k = self.kind(i);
                k.contains("comment") && self.extra_kinds.contains(&k)
            })
            .map(|i| self.span(i))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    pub fn nd(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }
    pub fn kind(&self, i: u32) -> &'static str {
        self.nd(i).map(|x| x.kind).unwrap_or("")
    }
    pub fn field_name(&self, i: u32) -> &'static str {
        self.nd(i).map(|x| x.field).unwrap_or("")
    }
    pub fn parent(&self, i: u32) -> u32 {
        self.nd(i).map(|x| x.parent).unwrap_or(NONE)
    }
    pub fn scope(&self, i: u32) -> u32 {
        self.nd(i).map(|x| x.scope).unwrap_or(0)
    }
    pub fn class(&self, i: u32) -> u32 {
        self.nd(i).map(|x| x.class).unwrap_or(NONE)
    }
    pub fn span(&self, i: u32) -> Span {
        self.nd(i)
            .map(|x| x.start as usize..x.end as usize)
            .unwrap_or(0..0)
    }
    pub fn start(&self, i: u32) -> u32 {
        self.nd(i).map(|x| x.start).unwrap_or(0)
    }
    pub fn end(&self, i: u32) -> u32 {
        self.nd(i).map(|x| x.end).unwrap_or(0)
    }
    pub fn text(&self, i: u32) -> &'s str {
        let src: &'s str = self.src;
        match self.nd(i) {
            Some(x) => src.get(x.start as usize..x.end as usize).unwrap_or(""),
            None => "",
        }
    }
    pub fn kids(&self, i: u32) -> &[u32] {
        match self.nd(i) {
            Some(x) => self
                .kid
                .get(x.kids as usize..(x.kids + x.nkids) as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }
    pub fn is_named(&self, i: u32) -> bool {
        self.nd(i).map(|x| x.named).unwrap_or(false)
    }
    pub fn is_extra(&self, i: u32) -> bool {
        self.extra_kinds.contains(&self.kind(i))
    }
    /// Named children that are part of the program (no comments).
    pub fn named(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&k| self.is_named(k) && !self.is_extra(k))
    }
    pub fn named_vec(&self, i: u32) -> Vec<u32> {
        self.named(i).collect()
    }
    pub fn first_named(&self, i: u32) -> Option<u32> {
        self.named(i).next()
    }
    pub fn last_named(&self, i: u32) -> Option<u32> {
        self.named(i).last()
    }
    /// The first child under field `name`.
    /// The text of node `i`'s `operator` field (`+`, `=`, `&&`).
    pub fn operator(&self, i: u32) -> Option<&'s str> {
        self.field(i, "operator").map(|o| self.text(o))
    }

    pub fn field(&self, i: u32, name: &str) -> Option<u32> {
        self.kids(i)
            .iter()
            .copied()
            .find(|&k| self.field_name(k) == name)
    }
    /// Every child under field `name`.
    pub fn fields(&self, i: u32, name: &str) -> Vec<u32> {
        self.kids(i)
            .iter()
            .copied()
            .filter(|&k| self.field_name(k) == name)
            .collect()
    }
    pub fn child_of_kind(&self, i: u32, kind: &str) -> Option<u32> {
        self.kids(i).iter().copied().find(|&k| self.kind(k) == kind)
    }
    /// The scopes around `node`, innermost first, ending with the file (0).
    pub fn scope_chain(&self, node: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut s = self.scope(node);
        for _ in 0..ANCESTOR_LIMIT {
            out.push(s);
            if s == 0 {
                break;
            }
            s = self.scope(s);
        }
        if out.last() != Some(&0) {
            out.push(0);
        }
        out
    }
    /// The classes around `node`, innermost first (at most 64).
    pub fn class_chain(&self, node: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut c = self.class(node);
        for _ in 0..64 {
            if c == NONE {
                break;
            }
            out.push(c);
            c = self.class(c);
        }
        out
    }
    /// True when `outer` contains `inner` (by span; blocks never overlap partially).
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        self.start(outer) <= self.start(inner) && self.end(inner) <= self.end(outer)
    }
}

/// The character a C-family one-letter escape stands for (`\n`, `\t`,
/// `\a`…, `\\`, `\'`, `\"`), as C, Go, Python and bash's `$'…'` read them.
pub fn c_escape(c: char) -> Option<char> {
    match c {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'v' => Some('\u{b}'),
        '\\' | '\'' | '"' => Some(c),
        _ => None,
    }
}
