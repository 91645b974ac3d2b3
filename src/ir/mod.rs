//! The language-neutral view of a syntax tree that the shared analysis
//! (`crate::sema`) reads.
//!
//! A front end parses its file into the owned arena of [`crate::lang::ts`]
//! and then says, node by node, what each node *is* in this vocabulary: a
//! name, a member access, a call, an assignment, a wrapper around another
//! expression… and which declarations the file makes ([`Decl`]). The arena
//! keeps the exact spans and text; the IR adds the meaning, with the roles
//! (object, name, target, value) pointing at arena ids. Nothing here knows a
//! language, a library or GoTo.
//!
//! Nodes that a front end leaves unmapped are [`Node::Other`]: the analysis
//! still walks their children through the arena.

use crate::lang::ts::{Arena, NONE};

/// What one syntax node is, with the arena ids of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Node {
    /// a plain identifier
    Name,
    /// `this`, `self`, `$this`
    This,
    /// `object.name`
    Member { object: u32, name: u32 },
    /// `object[…]`
    Index { object: u32 },
    /// parentheses, casts, `await`, non-null assertions: the value is `inner`'s
    Wrap { inner: u32 },
    /// `left + right` where the language's operator joins text (`.` in
    /// PHP, `<<` in Ruby)
    Concat { left: u32, right: u32 },
    /// `target = value` (`simple`), or `target op= value`
    Assign {
        target: u32,
        value: u32,
        simple: bool,
    },
    /// a block of statements: a binding made in it holds for the code it
    /// contains
    Block,
    /// an `if` statement; `otherwise` is `NONE` when it has no `else`
    If {
        condition: u32,
        then: u32,
        otherwise: u32,
    },
    /// an `unless` statement or modifier: `then` runs when `condition`
    /// does not hold
    Unless {
        condition: u32,
        then: u32,
        otherwise: u32,
    },
    /// a loop or a conditional expression: its other parts run only as
    /// `condition` decides
    Guarded { condition: u32 },
    /// `left || right`, `left or right` (as a condition)
    Or { left: u32, right: u32 },
    /// `left && right`: `right` runs only when `left` holds
    And { left: u32, right: u32 },
    /// `return`, `throw`, `break`, `continue`: the code after it in its
    /// block does not run
    Exit,
    /// `raise`, `throw`: an exit that reports a failure (a front end that
    /// does not tell them apart maps them as [`Node::Exit`])
    Raise,
    /// `!x`, `not x`
    Not { inner: u32 },
    /// `switch (subject) { … }`
    Switch { subject: u32 },
    /// `case value:` of a switch (`value` is `NONE` for `default:`): its
    /// other named children are the statements it runs
    Case { value: u32 },
    /// `left == right` (`equal`), or `left != right`
    Compare { left: u32, right: u32, equal: bool },
    /// a literal that says "nothing": `false`, `None`, `null`, `nil`
    Falsy,
    /// a call: `name` is the node of the name called (`f` of `f(x)`,
    /// `save` of `store.save(x)`), `object` what it is called on (`store`;
    /// `NONE` for a plain function), `args` its argument list (`NONE` when
    /// written without one)
    Call { object: u32, name: u32, args: u32 },
    /// a call's argument list: each named child is an argument, written
    /// as it is or inside an [`Node::Arg`]
    Args,
    /// an argument with a wrapper of its own: a named (keyword) argument
    /// `name: value`, or a positional one (`name` is `NONE`)
    Arg { name: u32, value: u32 },
    /// a map, dict, hash or associative-array literal: its named children
    /// are [`Node::Entry`]s (and whatever else the literal holds)
    Map,
    /// `key: value` in a map literal
    Entry { key: u32, value: u32 },
    /// anything else
    #[default]
    Other,
}

/// Nodes built from the parts a grammar gives as optional fields: a part
/// that is missing (a node with a parse error) makes [`Node::Other`].
impl Node {
    pub fn member(object: Option<u32>, name: Option<u32>) -> Node {
        match (object, name) {
            (Some(object), Some(name)) => Node::Member { object, name },
            _ => Node::Other,
        }
    }

    pub fn index(object: Option<u32>) -> Node {
        object.map_or(Node::Other, |object| Node::Index { object })
    }

    pub fn wrap(inner: Option<u32>) -> Node {
        inner.map_or(Node::Other, |inner| Node::Wrap { inner })
    }

    pub fn concat(left: Option<u32>, right: Option<u32>) -> Node {
        match (left, right) {
            (Some(left), Some(right)) => Node::Concat { left, right },
            _ => Node::Other,
        }
    }

    pub fn not(inner: Option<u32>) -> Node {
        inner.map_or(Node::Other, |inner| Node::Not { inner })
    }

    /// A switch on `subject`, written in parentheses or not.
    pub fn switch(a: &Arena, subject: Option<u32>) -> Node {
        subject.map_or(Node::Other, |s| Node::Switch {
            subject: match a.kind(s) {
                "parenthesized_expression" => a.first_named(s).unwrap_or(s),
                _ => s,
            },
        })
    }

    /// A `case value:`; `default:` is a case without a value.
    pub fn case(value: Option<u32>) -> Node {
        Node::Case {
            value: value.unwrap_or(NONE),
        }
    }

    pub fn compare(left: Option<u32>, right: Option<u32>, equal: bool) -> Node {
        match (left, right) {
            (Some(left), Some(right)) => Node::Compare { left, right, equal },
            _ => Node::Other,
        }
    }

    pub fn or(left: Option<u32>, right: Option<u32>) -> Node {
        match (left, right) {
            (Some(left), Some(right)) => Node::Or { left, right },
            _ => Node::Other,
        }
    }

    pub fn and(left: Option<u32>, right: Option<u32>) -> Node {
        match (left, right) {
            (Some(left), Some(right)) => Node::And { left, right },
            _ => Node::Other,
        }
    }

    pub fn assign(target: Option<u32>, value: Option<u32>, simple: bool) -> Node {
        match (target, value) {
            (Some(target), Some(value)) => Node::Assign {
                target,
                value,
                simple,
            },
            _ => Node::Other,
        }
    }

    /// An `if`; a missing branch is `NONE`.
    pub fn if_(condition: Option<u32>, then: Option<u32>, otherwise: Option<u32>) -> Node {
        condition.map_or(Node::Other, |condition| Node::If {
            condition,
            then: then.unwrap_or(NONE),
            otherwise: otherwise.unwrap_or(NONE),
        })
    }

    /// An `unless`; a missing branch is `NONE`.
    pub fn unless(condition: Option<u32>, then: Option<u32>, otherwise: Option<u32>) -> Node {
        condition.map_or(Node::Other, |condition| Node::Unless {
            condition,
            then: then.unwrap_or(NONE),
            otherwise: otherwise.unwrap_or(NONE),
        })
    }

    /// A call of `name`; the argument list may be missing (`obj.save` in Ruby).
    pub fn call(object: Option<u32>, name: Option<u32>, args: Option<u32>) -> Node {
        name.map_or(Node::Other, |name| Node::Call {
            object: object.unwrap_or(NONE),
            name,
            args: args.unwrap_or(NONE),
        })
    }

    /// A binary expression written with the fields the C family's grammars
    /// give it (`left`, `operator`, `right`): `&&` and `||` are conditions,
    /// and `+` joins text where `plus_joins` (not where it only adds).
    pub fn c_binary(a: &Arena, id: u32, plus_joins: bool) -> Node {
        let (left, right) = (a.field(id, "left"), a.field(id, "right"));
        match a.operator(id) {
            Some("+") if plus_joins => Node::concat(left, right),
            Some("&&") => Node::and(left, right),
            Some("||") => Node::or(left, right),
            _ => Node::Other,
        }
    }

    /// An `if` written with the fields most grammars give it
    /// (`condition`, `consequence`, `alternative`).
    pub fn if_fields(a: &Arena, id: u32) -> Node {
        Node::if_(
            a.field(id, "condition"),
            a.field(id, "consequence"),
            a.field(id, "alternative"),
        )
    }

    /// A call whose function is either a plain name or a member access
    /// whose parts are the fields `object` and `name` of the grammar
    /// (`store.save(x)`: `save` called on `store`).
    pub fn call_through(
        a: &Arena,
        function: Option<u32>,
        object: &str,
        name: &str,
        args: Option<u32>,
    ) -> Node {
        let on = function.and_then(|f| a.field(f, object));
        let called = function.map(|f| a.field(f, name).unwrap_or(f));
        Node::call(on, called, args)
    }

    /// An argument wrapper; `name` is `None` for a positional argument.
    pub fn arg(name: Option<u32>, value: Option<u32>) -> Node {
        value.map_or(Node::Other, |value| Node::Arg {
            name: name.unwrap_or(NONE),
            value,
        })
    }

    pub fn entry(key: Option<u32>, value: Option<u32>) -> Node {
        match (key, value) {
            (Some(key), Some(value)) => Node::Entry { key, value },
            _ => Node::Other,
        }
    }

    pub fn guarded(condition: Option<u32>) -> Node {
        condition.map_or(Node::Other, |condition| Node::Guarded { condition })
    }
}

/// How a name gets its value at one binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindKind {
    /// `x = v`, `var x = v`: the value node
    Value(u32),
    /// the `idx`-th of the values one call gives (`a, b := f()`)
    ValueAt { value: u32, idx: u32 },
    /// `x += v`, `x .= v`, `x << v`: the value appended
    Append(u32),
    /// `x ||= v`, `x ??= v`: the value given when `x` has none
    OrAssign(u32),
    /// a loop variable over the iterable `v`
    ForIn(u32),
    /// a parameter: the parameter node
    Param(u32),
    /// a block parameter of the call `c` (`|http|` of a Ruby block)
    BlockParam(u32),
    /// the receiver of a method
    Receiver,
    /// written through a pointer by the call `c` (`json.Unmarshal(b, &x)`)
    Out(u32),
    /// declared without a value (`var x T`)
    Decl,
    /// anything the analysis does not follow (a `catch` variable, a pattern)
    Other,
}

/// One binding of a name: from `pos` on, the name holds `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bind {
    pub pos: u32,
    pub kind: BindKind,
    /// the statement that binds (`NONE` when not recorded)
    pub stmt: u32,
    /// the type written at this binding (`NONE` when none)
    pub ty: u32,
}

impl Bind {
    /// A binding at `pos` with no statement or type recorded.
    pub fn new(pos: u32, kind: BindKind) -> Bind {
        Bind {
            pos,
            kind,
            stmt: NONE,
            ty: NONE,
        }
    }
}

/// A declaration a front end reports, in source order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decl {
    /// a class, struct, record, interface or enum named `name`
    Class { node: u32, name: u32 },
    /// a method or function named `name` (its class is the arena's)
    Function { node: u32, name: u32 },
    /// `return value` inside function `func`, or an expression body
    Return { func: u32, value: u32 },
    /// a local or parameter `name` in `scope`; `bind` is `None` for a
    /// declaration without a value (`string x;`); `ty` is the written type
    /// when it names one (not `var`)
    Local {
        scope: u32,
        name: u32,
        bind: Option<Bind>,
        ty: Option<u32>,
    },
    /// a field or property `name` of `class`, with its initial value and
    /// written type; `decl` is the declaration node (for its modifiers)
    Member {
        class: u32,
        name: u32,
        value: Option<u32>,
        ty: Option<u32>,
        decl: u32,
    },
    /// a member given a value by a statement of a method or body
    /// (`self.x = v`, `@x = v`): `value` is `None` when the statement gives
    /// no single value (`+=`, a destructuring); each write counts
    MemberSet {
        class: u32,
        name: u32,
        value: Option<u32>,
    },
    /// a binding of `name` to the local of that name declared so far: in
    /// the innermost scope seen from `name` that has it, else in `name`'s
    /// own scope (a variable written through a pointer)
    Rebind { name: u32, bind: Bind },
    /// a file-wide name (a constant) given `value` (`None` when not followed)
    Global { name: u32, value: Option<u32> },
    /// a scope whose locals are the enclosing scope's: reported before
    /// anything it contains
    SharedScope { node: u32 },
    /// `object[key] = value` (or `object.key = value` where that adds an
    /// entry) in the statement `stmt`, with `object` a plain name: one more
    /// entry of the map the name holds
    KeyedSet {
        object: u32,
        key: u32,
        value: u32,
        stmt: u32,
    },
}

impl Decl {
    /// The return of the `return` statement `stmt`: its first named child
    /// is the value, returned by the function around it; none at the top
    /// level or without a value.
    pub fn return_of(a: &Arena, stmt: u32) -> Option<Decl> {
        let func = a.scope(stmt);
        let value = a.first_named(stmt)?;
        (func != 0).then_some(Decl::Return { func, value })
    }

    /// A local `name` of `scope` bound at `pos`, with its written type.
    pub fn local(scope: u32, name: u32, pos: u32, kind: BindKind, ty: Option<u32>) -> Decl {
        Decl::Local {
            scope,
            name,
            bind: Some(Bind::new(pos, kind)),
            ty,
        }
    }
}

/// The IR of one file: what each node of its arena is, by arena id.
#[derive(Default)]
pub struct Ir {
    nodes: Vec<Node>,
}

impl Ir {
    /// Map every node of the arena with the front end's `map`.
    pub fn build<'s>(a: &Arena<'s>, map: impl Fn(&Arena<'s>, u32) -> Node) -> Ir {
        let nodes = (0..a.len() as u32).map(|id| map(a, id)).collect();
        Ir { nodes }
    }

    /// What node `id` is ([`Node::Other`] outside the arena).
    pub fn node(&self, id: u32) -> Node {
        self.nodes.get(id as usize).copied().unwrap_or_default()
    }
}
