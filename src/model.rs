//! The language-neutral model every front end lowers into and every detector
//! reads. Plain data: no parser types, nothing about GoTo.
//!
//! Offsets are byte offsets into the file's text (after BOM removal the
//! offsets still count from the start of the original bytes; see `source`).

use serde::Serialize;
use std::ops::Range;

pub type Span = Range<usize>;

/// Marker inserted into resolved text where a value is not known statically.
pub const HOLE: char = '\u{1}';

/// How decoded literal text maps back to source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum OffsetMap {
    /// decoded byte `i` sits at `src.start + i` (no escapes in the literal)
    Identity,
    /// `table[i]` is the source offset of decoded byte `i`; `table.len() == text.len() + 1`
    Table(Vec<u32>),
}

/// One piece of a resolved string value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Piece {
    /// Text known statically. `src` is `None` for text a front end made up
    /// while resolving (the `=` and `&` of an encoded dict, a `/` of a join).
    Lit {
        text: String,
        src: Option<Span>,
        map: OffsetMap,
    },
    /// A value that is not known: a parameter, an env read, a call result.
    /// `name` is a short label for messages (`clientId`, `os.environ[...]`).
    Hole { src: Span, name: String },
}

impl Piece {
    pub fn lit(text: impl Into<String>, src: Span) -> Piece {
        Piece::Lit {
            text: text.into(),
            src: Some(src),
            map: OffsetMap::Identity,
        }
    }
    pub fn synthetic(text: impl Into<String>) -> Piece {
        Piece::Lit {
            text: text.into(),
            src: None,
            map: OffsetMap::Identity,
        }
    }
    pub fn hole(src: Span, name: impl Into<String>) -> Piece {
        Piece::Hole {
            src,
            name: name.into(),
        }
    }
    /// A literal whose source text (between the quotes) contains escapes.
    /// `decoded` pairs each decoded char with the source offset it came from;
    /// `end` is the source offset just past the literal's content.
    pub fn lit_decoded(decoded: &[(char, usize)], end: usize) -> Piece {
        let mut text = String::with_capacity(decoded.len());
        let mut table = Vec::with_capacity(decoded.len() + 1);
        let start = decoded.first().map(|d| d.1).unwrap_or(end);
        let mut identity = true;
        for &(c, at) in decoded {
            let before = text.len();
            text.push(c);
            for k in 0..(text.len() - before) {
                if at + k != start + before + k {
                    identity = false;
                }
                table.push((at + k) as u32);
            }
        }
        if end != start + text.len() {
            identity = false;
        }
        table.push(end as u32);
        Piece::Lit {
            text,
            src: Some(start..end),
            map: if identity {
                OffsetMap::Identity
            } else {
                OffsetMap::Table(table)
            },
        }
    }
}

/// A string-valued expression resolved as far as the file allows:
/// concatenation, interpolation, formatting, constants, joins.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StrValue {
    pub pieces: Vec<Piece>,
    /// the whole expression in the source
    pub span: Span,
}

impl StrValue {
    pub fn new(span: Span) -> StrValue {
        StrValue {
            pieces: Vec::new(),
            span,
        }
    }
    pub fn literal(text: impl Into<String>, src: Span) -> StrValue {
        StrValue {
            span: src.clone(),
            pieces: vec![Piece::lit(text, src)],
        }
    }
    pub fn push(&mut self, piece: Piece) {
        self.pieces.push(piece);
    }
    pub fn extend(&mut self, other: StrValue) {
        self.pieces.extend(other.pieces);
    }
    /// Resolved text, with [`HOLE`] where a value is unknown.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Lit { text, .. } => out.push_str(text),
                Piece::Hole { .. } => out.push(HOLE),
            }
        }
        out
    }
    /// Resolved text for messages: holes shown as `{name}`.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Lit { text, .. } => out.push_str(text),
                Piece::Hole { name, .. } => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out
    }
    pub fn has_holes(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Hole { .. }))
    }
    /// True when the value is one literal with nothing unknown.
    pub fn is_plain(&self) -> bool {
        !self.has_holes()
    }
    /// Map a byte range of [`StrValue::text`] to source. Returns the source
    /// span when the range lies inside one literal piece that has a source.
    pub fn source_of(&self, range: Range<usize>) -> Option<Span> {
        let mut at = 0usize;
        for p in &self.pieces {
            let len = match p {
                Piece::Lit { text, .. } => text.len(),
                Piece::Hole { .. } => HOLE.len_utf8(),
            };
            let piece_range = at..at + len;
            if range.start >= piece_range.start && range.end <= piece_range.end {
                if let Piece::Lit {
                    src: Some(src),
                    map,
                    ..
                } = p
                {
                    let a = range.start - at;
                    let b = range.end - at;
                    return Some(match map {
                        OffsetMap::Identity => src.start + a..src.start + b,
                        OffsetMap::Table(t) => t[a] as usize..t[b] as usize,
                    });
                }
                return None;
            }
            at += len;
        }
        None
    }
    /// The piece (index, range in text) that contains text offset `offset`.
    pub fn piece_at(&self, offset: usize) -> Option<(usize, Range<usize>)> {
        let mut at = 0usize;
        for (i, p) in self.pieces.iter().enumerate() {
            let len = match p {
                Piece::Lit { text, .. } => text.len(),
                Piece::Hole { .. } => HOLE.len_utf8(),
            };
            if offset >= at && offset < at + len {
                return Some((i, at..at + len));
            }
            at += len;
        }
        None
    }
    /// Best source span for a text range that may cross pieces: the part of
    /// the range inside the piece holding `anchor` (a text offset within range).
    pub fn source_near(&self, range: Range<usize>, anchor: usize) -> Option<Span> {
        if let Some(s) = self.source_of(range.clone()) {
            return Some(s);
        }
        let (_, pr) = self.piece_at(anchor)?;
        let start = range.start.max(pr.start);
        let end = range.end.min(pr.end);
        if start < end {
            self.source_of(start..end)
        } else {
            None
        }
    }
}

/// Where a value came from, as far as a front end can follow it in a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub enum Origin {
    /// the parsed body (or the response object) of `FileModel::http_requests[i]`
    Response(usize),
    /// the return value of an OAuth library's token call (`fetch_token`,
    /// `exchange_code`, …) recorded in `FileModel::calls[i]`
    TokenCall(usize),
    /// a value whose declared type is an OAuth library's token object
    /// (league/oauth2-client's `AccessToken`): it holds a token response,
    /// whichever grant obtained it
    TokenObject,
    /// a literal object/dict/string written in the code
    Literal,
    /// a function parameter
    Param,
    /// request data the program received (form, query, request body)
    Input,
    /// environment or configuration read
    Config,
    #[default]
    Unknown,
}

/// An HTTP method as the request will send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Other,
}

impl Method {
    pub fn parse(s: &str) -> Method {
        match s.trim().to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "HEAD" => Method::Head,
            _ => Method::Other,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Other => "OTHER",
        }
    }
}

/// How the method of a request was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MethodSource {
    /// written in the code; `span` is the name (`get` of `requests.get`) or the literal (`"GET"`)
    Explicit { span: Span },
    /// the library's default when nothing is said (`fetch(url)`, `urlopen(url)`)
    Default { span: Span },
    /// set by a value the front end could not resolve
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BodyKind {
    Form,
    Json,
    Raw,
    Multipart,
    Unknown,
}

/// A key with an optional value: an object/dict entry, a keyword argument,
/// a `("k", "v")` tuple, a `k=v` pair of a query or form string, a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub key: String,
    /// the key as written (the identifier, or the literal's content); `None` when synthetic
    pub key_span: Option<Span>,
    pub value: Option<StrValue>,
    /// the whole value expression
    pub value_span: Option<Span>,
    /// the whole entry (key and value)
    pub span: Span,
}

/// One HTTP request the code makes, in any library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// the call (or the builder chain) in the source
    pub span: Span,
    /// `fetch`, `axios`, `requests`, `httpx`, `reqwest`, `curl`, …
    pub library: String,
    pub method: Option<Method>,
    pub method_source: MethodSource,
    /// `None` when the URL expression could not be found at all
    pub url: Option<StrValue>,
    pub query: Vec<Entry>,
    pub headers: Vec<Entry>,
    pub body_kind: Option<BodyKind>,
    /// the body expression (or the `json=`/`data=` argument) in the source
    pub body_span: Option<Span>,
    pub body: Vec<Entry>,
    /// credentials passed as HTTP Basic (`auth=(id, secret)`, `.basic_auth()`, `-u`)
    pub basic_auth: bool,
    /// a local, purely textual rewrite the rules may offer (see detectors)
    pub rewrite_hints: Vec<RewriteHint>,
}

/// Edits a front end knows how to make for its own syntax, offered to the
/// detectors for unsafe fixes (switching a method, a body encoding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RewriteHint {
    pub kind: RewriteKind,
    pub edits: Vec<(Span, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RewriteKind {
    /// make the request a POST (with a form body where one exists)
    ToPost,
    /// send the body form-encoded instead of JSON
    ToForm,
    /// send the body form-encoded instead of JSON, rewritten pair by pair
    /// from a body the front end read as a flat object of scalars
    JsonToForm,
    /// send the query parameters (a query argument, or the URL's literal
    /// query string) as the form body instead
    QueryToForm,
    /// send the client credentials as HTTP Basic and drop the
    /// `client_id`/`client_secret` parameters
    BasicAuth,
}

/// A call of a named function or method that is not an HTTP request but
/// may matter to a rule (OAuth library APIs: `fetch_token`, `exchange_password`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    /// the full callee as written, normalised to `.`-separated (`oauth.fetch_token`, `BasicClient::new`)
    pub callee: String,
    /// the last segment (`fetch_token`)
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    /// positional arguments that are strings (resolved), others `None`
    pub args: Vec<Option<StrValue>>,
    pub kwargs: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReadKind {
    /// `x.field`
    Member,
    /// `x["field"]`: throws (Python) / undefined (JS) when absent
    Subscript,
    /// `x.get("field")`, `x.get("field", default)`
    Get,
    /// `const { field } = x`, `let T { field, .. } = x`
    Destructure,
    /// a typed model's field (interface member, struct field, dataclass field)
    Declaration,
    /// a test of the field's presence (`isset($r->f)`, `array_key_exists('f', $r)`,
    /// `'f' in r`, `r.has_key?('f')`): on a response without the field it is
    /// always false, and the code silently takes the other branch
    Presence,
}

/// A read of a named field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldRead {
    pub field: String,
    /// the field name in the source (identifier, or the key literal's content)
    pub span: Span,
    pub kind: ReadKind,
    /// the receiver as written (`data`, `self.token`, `res.data`)
    pub receiver: String,
    pub origin: Origin,
    /// a fallback is given (`?? old`, `|| old`, `.get(k, old)`, `unwrap_or`), or
    /// the read sits under a presence check of the same field
    pub guarded: bool,
    /// the read has a non-null assertion (`data.refresh_token!`, `.unwrap()`)
    pub asserted: bool,
    /// when the read is the whole right-hand side of an assignment:
    /// the target as written (`this.refreshToken`, `self.refresh_token`)
    pub assigned_to: Option<String>,
    /// a fallback expression's source, when it is exactly the assignment target
    /// (`this.rt = d.refresh_token ?? this.rt`)
    pub fallback_is_target: bool,
    /// the line of the token request the value came from, filled by the pipeline
    pub origin_span: Option<Span>,
    /// what happens when the field is missing, and how to keep the old value
    pub absence: Absence,
    /// a presence test whose failure the code treats as an error (`if 'k'
    /// not in d: raise …`, `if (!isset($r->k)) throw …`)
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub absence_fails: bool,
}

impl FieldRead {
    /// A read of `field` at `span` on `receiver`, whose value came from
    /// `origin`: unguarded, not asserted, not assigned, its absence not
    /// yet described (the fields say more where the front end knows more).
    pub fn at(field: String, span: Span, kind: ReadKind, receiver: String, origin: Origin) -> Self {
        FieldRead {
            absence_fails: false,
            field,
            span,
            kind,
            receiver,
            origin,
            guarded: false,
            asserted: false,
            assigned_to: None,
            fallback_is_target: false,
            origin_span: None,
            absence: Absence::default(),
        }
    }

    /// The declaration of `field` in a typed model that holds a response
    /// (`receiver` is the type): absence fails or passes there, not at a read.
    pub fn declaration(
        field: String,
        span: Span,
        receiver: String,
        origin: Origin,
        optional: bool,
    ) -> FieldRead {
        FieldRead {
            guarded: optional,
            ..FieldRead::at(field, span, ReadKind::Declaration, receiver, origin)
        }
    }
}

/// What a read does when the response lacks the field: facts of the
/// language (a Python subscript raises, a JS member read is `undefined`),
/// recorded by the front end so detectors never ask which language it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Absence {
    /// the read raises when the field is missing (`d["k"]` in Python)
    pub throws: bool,
    /// the read yields a null value that an assignment would then store
    /// (`undefined`, `None`, `nil`, an empty string); false where a typed
    /// declaration is where absence fails (Rust serde structs)
    pub yields_null: bool,
    /// the assignment target outlives the call: an attribute, a field, a
    /// store entry, or a variable of a language whose variables are global
    pub target_outlives_call: bool,
    /// edits that keep the target's old value when the field is missing
    /// (`.get("refresh_token", target)`, `?? target`), when the language
    /// and the read's shape allow one
    pub keep_old_value: Vec<(Span, String)>,
}

/// A field declared in a typed model (TS interface/type, Python TypedDict/
/// dataclass/pydantic, Rust serde struct).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypedField {
    pub type_name: String,
    /// the name on the wire (after serde/JSON renames)
    pub field: String,
    pub span: Span,
    pub optional: bool,
    /// the type's name and every field name, for recognising a token response shape
    pub sibling_fields: Vec<String>,
}

/// A typed model used for a response: `res.json::<T>()`, `as T`, `axios.post<T>`, `T(**r.json())`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeUse {
    pub type_name: String,
    pub origin: Origin,
}

/// Everything a front end found in one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileModel {
    /// every maximal string expression (a literal, or a composite of pieces)
    pub strings: Vec<StrValue>,
    /// key/value pairs anywhere (object and dict literals, keyword arguments,
    /// pair tuples, query strings); requests also carry their own
    pub entries: Vec<Entry>,
    pub http_requests: Vec<HttpRequest>,
    pub calls: Vec<Call>,
    pub field_reads: Vec<FieldRead>,
    pub typed_fields: Vec<TypedField>,
    pub type_uses: Vec<TypeUse>,
    /// comment texts with their spans (for suppressions and context)
    pub comments: Vec<Span>,
    /// the parser reported errors (the model may be partial)
    pub parse_errors: bool,
    /// lowered by the text scanner: string values with no code around them
    /// (an XML or JSON template adds the requests and reads it declares),
    /// so the rules that read code (hardcoded credentials, authorize URLs,
    /// token paths built from unknown parts) do not apply
    pub text_only: bool,
    /// spans of field reads (`FieldRead::span`) assigned to a plain name
    /// that already holds a value on every path to the assignment (a
    /// parameter, or a variable assigned earlier in the same block or an
    /// enclosing one of the same function). Only such a target may serve as
    /// a fallback (`.get(k, target)`); front ends that cannot tell leave it
    /// empty, and no such fix is offered.
    pub bound_targets: Vec<Span>,
    /// spans of strings that document code (a Python docstring): help
    /// text, where a URL is not a use of it, but a secret is still a leak
    pub docs: Vec<Span>,
    /// members of typed models whose name on the wire differs from their
    /// name in code (`[JsonPropertyName("organizer_key")] OrganizerKey`),
    /// so reads through another file's model can be named by the wire
    pub wire_names: Vec<WireName>,
    /// spans of the functions and methods the file declares, so that facts
    /// can be compared within one function; front ends that cannot tell
    /// leave it empty
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Span>,
    /// functions and methods whose return value is a token response or an
    /// OAuth library's token call, so that another file's call of them is a
    /// token call too (`consume_refresh_token()` defined in the client,
    /// called in the job)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub returns: Vec<Returned>,
    /// calls of functions another file of the project defines whose return
    /// value is a GoTo token response (filled by the project pass)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub token_imports: Vec<TokenImport>,
}

/// A function or method of the file and where its return value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Returned {
    pub name: String,
    pub span: Span,
    pub origin: Origin,
}

/// A function defined in another file of the project that returns a GoTo
/// token response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenImport {
    pub name: String,
    /// the defining file, as shown, and the line of its token request
    pub defined_in: String,
    pub line: usize,
    /// the grant of that request is known and is not `refresh_token`
    pub not_refresh: bool,
}

/// A typed model's member and the JSON name it (de)serializes as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireName {
    pub type_name: String,
    pub member: String,
    pub wire: String,
}

impl FileModel {
    /// The innermost declared function that contains `span`.
    pub fn function_of(&self, span: &Span) -> Option<usize> {
        self.functions
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start <= span.start && span.end <= f.end)
            .min_by_key(|(_, f)| f.end - f.start)
            .map(|(i, _)| i)
    }

    /// The model as canonical JSON: every top-level list sorted by its
    /// elements' JSON, so two front ends that find the same facts in another
    /// order print the same text. Used by `dump-model` and the model snapshots
    /// that pin front-end behaviour.
    pub fn canonical_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(fields) = &mut value {
            for list in fields.values_mut() {
                if let serde_json::Value::Array(items) = list {
                    items.sort_by_cached_key(|item| item.to_string());
                }
            }
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}
