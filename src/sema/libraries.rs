//! Library knowledge as data: `libraries/common.toml` and one file per
//! library under `libraries/<language>/`, embedded at build time. A file
//! with an unknown key, an unknown language folder or a malformed entry
//! fails to load (a test loads every file), so a typo never silently drops
//! what a library means.

use crate::lang::Language;
use crate::model::{FileModel, HttpRequest, MethodSource, Origin, RewriteHint, RewriteKind, Span};
use serde::Deserialize;
use std::cell::RefCell;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/library_files.rs"));

thread_local! {
    /// functions defined in other files of the project whose return value
    /// is a GoTo token response, while one file is lowered
    static PROJECT_TOKEN_CALLS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Lower a file (`f`) knowing `names` as functions that other files of its
/// project define and whose result is a token response: a call of one the
/// file does not define itself is then a token call, like an OAuth
/// library's.
pub fn with_project_token_calls<R>(names: Vec<String>, f: impl FnOnce() -> R) -> R {
    /// puts the previous names back, also when `f` panics (the thread
    /// goes on to lower other files)
    struct Restore(Vec<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = std::mem::take(&mut self.0);
            PROJECT_TOKEN_CALLS.with(|p| *p.borrow_mut() = previous);
        }
    }
    let _restore = Restore(PROJECT_TOKEN_CALLS.with(|p| p.replace(names)));
    f()
}

/// Whether `name` is a function another file of the project defines whose
/// result is a token response (only while such a file is lowered).
pub fn is_project_token_call(name: &str) -> bool {
    PROJECT_TOKEN_CALLS.with(|p| p.borrow().iter().any(|n| n == name))
}

/// `libraries/common.toml`: what holds in every language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// methods of OAuth client libraries whose result is a token response
    pub token_calls: Vec<String>,
    /// calls whose result is a form-urlencoded string (`http_build_query`)
    #[serde(default)]
    pub form_encoders: Vec<String>,
    /// fully qualified types whose values are an OAuth library's token
    /// object, holding the token response's fields
    #[serde(default)]
    pub token_types: Vec<String>,
    /// methods that keep what they are handed (an ORM's `update`, a
    /// model's `create`), beyond those whose name says so
    #[serde(default)]
    pub store_methods: Vec<String>,
    /// first words of a function or method name that say it keeps what it
    /// is handed (`save_tokens`, `updateConnectionFields`)
    #[serde(default)]
    pub store_verbs: Vec<String>,
}

/// `libraries/<language>/<library>.toml`: what one library's calls mean.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// the library's name as the front end records it on a request
    pub library: String,
    /// how to turn a GET into a POST, by the method as written
    #[serde(default)]
    pub to_post: Vec<ToPost>,
    /// fluent request builders: setters named for each part of a request
    /// and the call that sends it (`createRequest()->setMethod('POST')
    /// ->setUrl($u)->setData($p)->send()`)
    #[serde(default)]
    pub builder: Vec<Builder>,
    /// how a query argument is written, and its form-body twin
    #[serde(default)]
    pub query_to_form: Vec<QueryToForm>,
    /// how a literal query string of the URL becomes a form body
    #[serde(default)]
    pub url_query_to_form: Option<UrlQueryToForm>,
    /// how the library sends client credentials as HTTP Basic
    #[serde(default)]
    pub basic_auth: Option<BasicAuth>,
    /// functions that keep what they are handed beyond the request (an
    /// option, a meta entry, a cache line): a token written there outlives
    /// the call that read it
    #[serde(default)]
    pub stores: Vec<String>,
    /// calls whose result is the program's own stored data (a database
    /// row, a settings record), written `receiver->method` with the
    /// receiver's name as the library's convention has it (`DB->get_record`):
    /// a field read on it is not a response's
    #[serde(default)]
    pub own_data: Vec<String>,
    /// methods of the library's objects (a response, a connection, an
    /// entry) that tell something about the object rather than give a
    /// field of the data it carries (`status`, `getHeaders`): such a call
    /// on a response is never a read of a token field
    #[serde(default)]
    pub meta_methods: Vec<String>,
    /// a call that sends its argument as JSON, and its form-body twin
    #[serde(default)]
    pub json_to_form: Vec<JsonToForm>,
    /// functions that send a request themselves, all with one signature
    /// (WordPress `wp_remote_post($url, $args)`, and plugin frameworks'
    /// twins of them): the last word of the name is the verb
    #[serde(default)]
    pub request_functions: Vec<String>,
    /// what a declaration's type or markers say of where its value comes
    /// from (a web framework's request types, a configuration API)
    #[serde(default)]
    pub origins: Option<Origins>,
    /// objects that hold request parameters and take them one by one
    /// (Guzzle's `Query`: `$q->add('grant_type', 'password')`)
    #[serde(default)]
    pub maps: Vec<MapType>,
    /// objects that build text piece by piece
    /// (`StringBuilder`: `sb.append(line)`, then `sb.toString()`)
    #[serde(default)]
    pub text_buffers: Vec<TextBuffer>,
    /// classes of an OAuth client library that a program extends to
    /// describe a provider, and how the library then asks for a token
    #[serde(default)]
    pub oauth_apis: Vec<OAuthApi>,
    /// the language, from the file's folder
    #[serde(skip)]
    pub language: String,
}

/// A base class of an OAuth client library that a program's class
/// extends to name a provider's endpoints (Scribe's `DefaultApi20`): the
/// library asks for the token at the URL the class returns from
/// `token_url`, with `default_verb` unless the class overrides `verb`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthApi {
    /// the base class, its simple name (`DefaultApi20`)
    pub base: String,
    /// the library's package, which the file imports from or is in
    /// (`org.scribe`): another library's class of the same name is not it
    pub package: String,
    /// the method whose return value is the token endpoint
    pub token_url: String,
    /// the method that names the token request's HTTP method
    pub verb: String,
    /// the HTTP method when the class does not override `verb`
    pub default_verb: String,
}

/// A class whose objects hold parameters by key, and the methods that add
/// one (`key`, then `value`). A parameter added so is one of the map's
/// entries, wherever the map is sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapType {
    /// the class, fully qualified (`GuzzleHttp\Query`)
    #[serde(rename = "type")]
    pub type_name: String,
    /// the methods taking a key and its value (`add`, `set`)
    pub setters: Vec<String>,
}

/// A class whose objects build text: what its constructor is given and
/// every value appended to it make its text (a response body read line by
/// line into a `StringBuilder` is the response).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextBuffer {
    /// the class, its simple name (`StringBuilder`)
    #[serde(rename = "type")]
    pub type_name: String,
    /// the methods that append their first argument (`append`)
    pub appenders: Vec<String>,
}

/// Declarations whose values come from the user or from configuration, by
/// their written type or their markers (attributes, annotations). A type
/// is its simple name (no namespace, no generic arguments); a name ending
/// in `*` stands for every type whose simple name starts with the rest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origins {
    /// markers of a parameter bound to what the request sent
    /// (`[FromQuery]`, `@RequestParam`)
    #[serde(default)]
    pub input_markers: Vec<String>,
    /// markers of a parameter or field read from configuration (`@Value`)
    #[serde(default)]
    pub config_markers: Vec<String>,
    /// types whose values hold what the request sent (`HttpRequest`)
    #[serde(default)]
    pub input_types: Vec<String>,
    /// types whose values read configuration (`IConfiguration`)
    #[serde(default)]
    pub config_types: Vec<String>,
    /// objects whose `input_members` hold what the request sent, as written
    /// (`request`, `HttpContext.Request`)
    #[serde(default)]
    pub input_objects: Vec<String>,
    /// members of an `input_objects` object that hold what the request
    /// sent (`form`, `Query`, `get_json`)
    #[serde(default)]
    pub input_members: Vec<String>,
    /// values that are what the request sent, as written (`$_POST`)
    #[serde(default)]
    pub input_values: Vec<String>,
    /// values that read configuration, as written (`$_ENV`, `os.environ`)
    #[serde(default)]
    pub config_values: Vec<String>,
}

/// One way of writing GET in a library, and its POST twin. A rule that
/// says nothing but `written` keeps that method as it is: no rewrite is
/// offered (not even the generic one of a `"GET"` literal).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToPost {
    /// the method as written where the request names it (`GetAsync`,
    /// `GET`), or, for a request that names none, the text the front end
    /// points at as its default (`openConnection`, `newBuilder`)
    pub written: String,
    /// what replaces it (`PostAsync`, `POST`)
    #[serde(default)]
    pub post: Option<String>,
    /// when the method is called (`GetAsync(url)`), an argument the POST
    /// form needs (`null` content): at the end of the call, or after
    /// `argument_at` arguments
    #[serde(default)]
    pub add_argument: Option<String>,
    #[serde(default)]
    pub argument_at: Option<usize>,
    /// a call added to the chain of builder calls that starts with the
    /// call written at `written` (`.POST(…)` for `HttpRequest.newBuilder(uri)`):
    /// right after that call, or before the chained call named `chain_before`
    /// (`build`), offered only when the chain has one
    #[serde(default)]
    pub chain_call: Option<String>,
    #[serde(default)]
    pub chain_before: Option<String>,
    /// text inserted after the statement holding `written`, on its line;
    /// `{target}` is the name the statement assigns, or the receiver of the
    /// call it makes (`conn` of `conn.setRequestMethod("GET");`)
    #[serde(default)]
    pub after_statement: Option<String>,
}

/// A fluent request builder, by the names of its methods. A chain of these
/// calls that sets a URL and ends in a `send` method is one request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Builder {
    /// the methods that send the built request
    pub send: Vec<String>,
    /// the fully qualified class whose static methods, named for the verb,
    /// start a chain: they take the URL, then the data and its format
    /// (Httpful `Request::post($url, $payload, 'form')`)
    #[serde(default)]
    pub start: Option<String>,
    /// setters taking the HTTP method as a string
    #[serde(default)]
    pub method: Vec<String>,
    /// the method when no setter names one
    #[serde(default)]
    pub default_method: Option<String>,
    /// setters taking the URL
    pub url: Vec<String>,
    /// setters taking the parameters: the query of a GET, the body otherwise
    #[serde(default)]
    pub data: Vec<String>,
    /// setters taking the headers as a map
    #[serde(default)]
    pub headers: Vec<String>,
    /// setters choosing the body encoding, and the arguments meaning JSON
    #[serde(default)]
    pub format: Vec<String>,
    #[serde(default)]
    pub json_formats: Vec<String>,
    /// setters that send the client credentials as HTTP Basic
    #[serde(default)]
    pub basic_auth: Vec<String>,
}

impl Builder {
    /// What a method of the chain sets, if it is one of this builder's.
    pub fn role(&self, name: &str) -> Option<BuilderRole> {
        let has = |v: &[String]| v.iter().any(|x| x == name);
        if has(&self.method) {
            Some(BuilderRole::Method)
        } else if has(&self.url) {
            Some(BuilderRole::Url)
        } else if has(&self.data) {
            Some(BuilderRole::Data)
        } else if has(&self.headers) {
            Some(BuilderRole::Headers)
        } else if has(&self.format) {
            Some(BuilderRole::Format)
        } else if has(&self.basic_auth) {
            Some(BuilderRole::Basic)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderRole {
    Method,
    Url,
    Data,
    Headers,
    Format,
    Basic,
}

/// A query argument (`params=`, `'query' =>`, `.query(`) and the name
/// that sends the same entries as a form body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryToForm {
    /// the argument, key or method as written before the entries' container
    pub written: String,
    /// what replaces it (`data`, `form_params`, `form`)
    pub form: String,
}

/// A literal query string (`url?grant_type=…`) moved out of the URL into a
/// body argument inserted right after the URL expression, or into the
/// place of a body that sends nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlQueryToForm {
    /// the text inserted after the URL of a request with no body; `{query}`
    /// is the query string as written (only URL-safe characters, so it
    /// needs no escaping), and `{pairs}` its `key=value` pairs, each
    /// written as `pair` says and joined by `pair_separator` (offered only
    /// when no pair needs decoding)
    #[serde(default)]
    pub after_url: Option<String>,
    /// body expressions that send nothing (`null`, an empty form), compared
    /// without blanks: such a body is replaced by `body`, with the same
    /// placeholders as `after_url`, when the URL and the body are written
    /// in one statement
    #[serde(default)]
    pub empty_bodies: Vec<String>,
    #[serde(default)]
    pub body: Option<String>,
    /// for a library that sends no content type of its own: the text
    /// that replaces an empty body when the request names none (adding
    /// the form type); a request whose content type is not the form
    /// type gets no rewrite
    #[serde(default)]
    pub body_untyped: Option<String>,
    /// one pair of `{pairs}`: `{key}` and `{value}` as written
    #[serde(default)]
    pub pair: Option<String>,
    /// what joins the pairs of `{pairs}` (`, ` when not given)
    #[serde(default)]
    pub pair_separator: Option<String>,
    /// the argument is positional: the URL must be the call's last argument
    #[serde(default)]
    pub url_ends_call: bool,
    /// with `url_ends_call`: keyword arguments (`name: value`) may also
    /// follow the URL, and may follow the inserted argument
    #[serde(default)]
    pub keywords_may_follow: bool,
    /// `after_url` puts `{query}` inside a double-quoted string, so a query
    /// with interpolated values (`$RT`) moves as written
    #[serde(default)]
    pub string_values: bool,
}

/// A call that sends its one argument as JSON (`AddJsonBody(obj)`) and the
/// call that sends the same object's members as a form (`AddObject(obj)`),
/// offered for an object of scalars written in place.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonToForm {
    /// the method as written
    pub written: String,
    /// what replaces it
    pub form: String,
    /// how the object written in place starts (`new {`); the object may
    /// hold no other object or array
    pub objects: Vec<String>,
}

/// HTTP Basic credentials: how the library sends them in place of the
/// `client_id`/`client_secret` parameters. The first placement that fits
/// the code is drafted: `after_body`, `after_statement`, `instead_of_statement`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    /// text inserted after the body expression; `{id}` and `{secret}` are
    /// the value expressions of `client_id` and `client_secret` as written
    #[serde(default)]
    pub after_body: Option<String>,
    /// the body is positional: it must be the call's last argument
    #[serde(default)]
    pub body_ends_call: bool,
    /// `after_body` only where the text before the body, without blanks,
    /// ends with one of these (`{Content=`: a member of an object initializer)
    #[serde(default)]
    pub body_follows: Vec<String>,
    /// text inserted after the statement that assigns the body
    /// (`request.Content = new FormUrlEncodedContent(…);`), on the line it
    /// ends; `{object}` is the assigned name less its last member, which
    /// must be one of `assigned_members`
    #[serde(default)]
    pub after_statement: Option<String>,
    #[serde(default)]
    pub assigned_members: Vec<String>,
    /// credentials given by two call statements on one receiver
    /// (`request.AddParameter("client_id", id);`): the first becomes this
    /// text (`{target}` is the receiver), the second is removed
    #[serde(default)]
    pub instead_of_statement: Option<String>,
    /// when the request already sends Basic credentials, the parameters
    /// are redundant and only removed
    #[serde(default)]
    pub remove_when_sent: bool,
    /// only values that are names (`clientId`, `_options.ClientSecret`)
    /// move: the text puts them where another expression could bind
    /// differently
    #[serde(default)]
    pub plain_values: bool,
    /// texts that, anywhere in the call, mean credentials are already
    /// given some other way (`auth=`): then no rewrite is offered
    #[serde(default)]
    pub absent: Vec<String>,
    /// command-line options whose value may be a whole `client_id=…`
    /// word (`-d`): the option goes with it
    #[serde(default)]
    pub options: Vec<String>,
    /// `after_body` puts `{id}` and `{secret}` inside a string, so values
    /// written inside a form string (`client_id=${ID}`) move as written;
    /// without it only values that are expressions of their own move
    #[serde(default)]
    pub string_values: bool,
}

pub struct Libraries {
    pub common: Common,
    pub libraries: Vec<Library>,
}

const LANGUAGE_FOLDERS: &[&str] = &[
    "javascript",
    "typescript",
    "python",
    "rust",
    "php",
    "csharp",
    "java",
    "go",
    "ruby",
    "shell",
    "powershell",
];

impl Libraries {
    /// Parse every embedded library file. Errors name the file.
    pub fn load() -> Result<Libraries, String> {
        let mut common = None;
        let mut libraries = Vec::new();
        for (path, text) in LIBRARY_FILES {
            if *path == "common.toml" {
                let parsed: Common =
                    toml::from_str(text).map_err(|e| format!("libraries/{path}: {e}"))?;
                common = Some(parsed);
                continue;
            }
            let Some((folder, _)) = path.split_once('/') else {
                return Err(format!(
                    "libraries/{path}: a library file belongs in a language folder"
                ));
            };
            if !LANGUAGE_FOLDERS.contains(&folder) {
                return Err(format!(
                    "libraries/{path}: unknown language folder `{folder}` (one of: {})",
                    LANGUAGE_FOLDERS.join(", ")
                ));
            }
            let mut library: Library =
                toml::from_str(text).map_err(|e| format!("libraries/{path}: {e}"))?;
            library.language = folder.to_string();
            libraries.push(library);
        }
        Ok(Libraries {
            common: common.ok_or("libraries/common.toml is missing")?,
            libraries,
        })
    }

    /// The libraries, parsed once per process.
    pub fn get() -> &'static Libraries {
        static LIBRARIES: OnceLock<Libraries> = OnceLock::new();
        LIBRARIES.get_or_init(|| match Libraries::load() {
            Ok(l) => l,
            Err(e) => panic!("embedded library data is invalid: {e}"),
        })
    }

    /// True when the fully qualified type `name` is an OAuth library's token object.
    pub fn is_token_type(&self, name: &str) -> bool {
        self.common.token_types.iter().any(|t| t == name)
    }

    /// True when `name` is a method of an OAuth library whose result is a
    /// token response (a front end with scopes also asks
    /// `Scopes::is_token_call`, which knows the project's own).
    pub fn is_token_call(&self, name: &str) -> bool {
        self.common.token_calls.iter().any(|t| t == name)
    }

    /// Whether `callee` (`DB->get_record`) reads the program's own stored
    /// data in a library of `language`.
    pub fn is_own_data(&self, language: Language, callee: &str) -> bool {
        self.in_language(language)
            .any(|l| l.own_data.iter().any(|s| s == callee))
    }

    /// Whether `name` is a method of a library object of `language` that
    /// tells about the object, not a field of the data it carries.
    pub fn is_meta_method(&self, language: Language, name: &str) -> bool {
        self.in_language(language)
            .any(|l| l.meta_methods.iter().any(|s| s == name))
    }

    /// Whether a call of `name` keeps what it is handed beyond the call: a
    /// store function of a library of `language`, a store method every
    /// language's programs share, or a name whose first word says so
    /// (`save_tokens`, `updateConnectionFields`, `set_transient`).
    pub fn keeps(&self, language: Language, name: &str) -> bool {
        let name = name.rsplit(['\\', ':', '.', '>']).next().unwrap_or(name);
        if self.is_store(language, name) || self.common.store_methods.iter().any(|m| m == name) {
            return true;
        }
        let first = crate::sema::names::words(name.trim_end_matches(['!', '?']));
        first
            .first()
            .is_some_and(|w| self.common.store_verbs.iter().any(|v| v == w))
    }

    /// Whether `name` is a store function of a library of `language`.
    pub fn is_store(&self, language: Language, name: &str) -> bool {
        self.in_language(language)
            .any(|l| l.stores.iter().any(|s| s == name))
    }

    /// The library whose request function `name` is, in `language`.
    pub fn request_function(&self, language: Language, name: &str) -> Option<&str> {
        self.in_language(language)
            .find(|l| l.request_functions.iter().any(|f| f == name))
            .map(|l| l.library.as_str())
    }

    /// Where a declaration's value comes from, by what its libraries say of
    /// its written `markers` (attributes, annotations: their text) and its
    /// type's simple name `ty`: a marker first, then the type.
    pub fn declared_origin(&self, language: Language, ty: &str, markers: &str) -> Option<Origin> {
        let origins = || {
            self.in_language(language)
                .filter_map(|l| l.origins.as_ref())
        };
        let marked = |list: fn(&Origins) -> &Vec<String>| {
            origins().any(|o| list(o).iter().any(|m| markers.contains(m.as_str())))
        };
        let typed = |list: fn(&Origins) -> &Vec<String>| {
            origins().any(|o| {
                list(o).iter().any(|t| match t.strip_suffix('*') {
                    Some(prefix) => ty.starts_with(prefix),
                    None => ty == t,
                })
            })
        };
        if marked(|o| &o.input_markers) {
            Some(Origin::Input)
        } else if marked(|o| &o.config_markers) || typed(|o| &o.config_types) {
            Some(Origin::Config)
        } else if typed(|o| &o.input_types) {
            Some(Origin::Input)
        } else {
            None
        }
    }

    /// Where a value written `object.member` (or, without an object, just
    /// `member`) comes from, by what the language's libraries say of
    /// request objects and configuration values: `Request.Form`, `$_POST`,
    /// `os.environ`.
    pub fn written_origin(
        &self,
        language: Language,
        object: Option<&str>,
        member: &str,
    ) -> Option<Origin> {
        let origins = || {
            self.in_language(language)
                .filter_map(|l| l.origins.as_ref())
        };
        let has = |list: &[String], text: &str| list.iter().any(|v| v == text);
        // `object.member` as one value, compared without building it (a
        // look-up made for every name an origin walk meets)
        let is_whole = |v: &String| match object {
            Some(object) => {
                v.strip_prefix(object)
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(member)
            }
            None => v == member,
        };
        let input = origins().any(|o| {
            o.input_values.iter().any(is_whole)
                || object.is_some_and(|object| {
                    has(&o.input_objects, object) && has(&o.input_members, member)
                })
        });
        if input {
            Some(Origin::Input)
        } else if origins().any(|o| o.config_values.iter().any(is_whole)) {
            Some(Origin::Config)
        } else {
            None
        }
    }

    /// Whether `name` adds a parameter to a map object of some library of
    /// `language` (see [`MapType`]).
    pub fn is_map_setter(&self, language: Language, name: &str) -> bool {
        self.in_language(language)
            .flat_map(|l| &l.maps)
            .any(|m| m.setters.iter().any(|s| s == name))
    }

    /// The methods that add a parameter to an object of the class
    /// `type_name` (fully qualified), when a library of `language` says
    /// its objects are maps.
    pub fn map_setters(&self, language: Language, type_name: &str) -> Option<&[String]> {
        self.in_language(language)
            .flat_map(|l| &l.maps)
            .find(|m| m.type_name == type_name)
            .map(|m| m.setters.as_slice())
    }

    /// The methods that append to an object of the class `type_name`
    /// (its simple name), when a library of `language` says its objects
    /// build text.
    pub fn text_appenders(&self, language: Language, type_name: &str) -> Option<&[String]> {
        self.in_language(language)
            .flat_map(|l| &l.text_buffers)
            .find(|b| b.type_name == type_name)
            .map(|b| b.appenders.as_slice())
    }

    /// The OAuth API base classes of a language's libraries, with their
    /// library.
    pub fn oauth_apis(&self, language: Language) -> impl Iterator<Item = (&Library, &OAuthApi)> {
        self.in_language(language)
            .flat_map(|l| l.oauth_apis.iter().map(move |a| (l, a)))
    }

    /// The request builders of a language's libraries whose send method is `send`.
    pub fn builders<'a>(
        &'a self,
        language: Language,
        send: &'a str,
    ) -> impl Iterator<Item = (&'a Library, &'a Builder)> {
        self.in_language(language)
            .flat_map(|l| l.builder.iter().map(move |b| (l, b)))
            .filter(move |(_, b)| b.send.iter().any(|s| s == send))
    }

    /// The libraries of `language`.
    fn in_language(&self, language: Language) -> impl Iterator<Item = &Library> {
        let folder = folder_of(language);
        self.libraries.iter().filter(move |l| l.language == folder)
    }

    fn of<'a>(&'a self, language: Language, library: &'a str) -> impl Iterator<Item = &'a Library> {
        self.in_language(language)
            .filter(move |l| l.library == library)
    }
}

fn folder_of(language: Language) -> &'static str {
    match language {
        Language::Tsx => "typescript",
        other => other.name(),
    }
}

/// Offer a POST rewrite for every GET request whose front end drafted
/// none, where the library's data says how its GET is written as POST;
/// and the query-to-form and Basic-credential rewrites the data describes.
pub fn draft_rewrites(language: Language, text: &str, model: &mut FileModel) {
    let libraries = Libraries::get();
    for request in &mut model.http_requests {
        if let Some(edit) = form_body_labelled_json(text, request, &libraries.common.form_encoders)
        {
            request.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::JsonToForm,
                edits: vec![edit],
            });
        }
        let library: Vec<&Library> = libraries.of(language, &request.library).collect();
        if let Some(edits) = super::rewrites::query_to_form_edits(text, request, &library) {
            request.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::QueryToForm,
                edits,
            });
        }
        if let Some(edit) = super::rewrites::json_to_form_edit(text, request, &library) {
            request.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToForm,
                edits: vec![edit],
            });
        }
        if let Some(edits) = super::rewrites::basic_auth_edits(text, request, &library) {
            request.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::BasicAuth,
                edits,
            });
        }
        if request.method != Some(crate::model::Method::Get)
            || request
                .rewrite_hints
                .iter()
                .any(|h| h.kind == RewriteKind::ToPost)
        {
            continue;
        }
        let (span, explicit) = match &request.method_source {
            MethodSource::Explicit { span } => (span, true),
            MethodSource::Default { span } => (span, false),
            MethodSource::Unknown => continue,
        };
        let Some(written) = text.get(span.clone()) else {
            continue;
        };
        let rule = libraries
            .of(language, &request.library)
            .flat_map(|l| &l.to_post)
            .find(|t| t.written == written);
        if let Some(rule) = rule {
            if let Some(edits) = to_post_edits(text, request, span, rule) {
                request.rewrite_hints.push(RewriteHint {
                    kind: RewriteKind::ToPost,
                    edits,
                });
            }
        } else if !explicit {
            continue;
        } else if let Some(edit) = method_literal_to_post(text, request, span) {
            request.rewrite_hints.push(RewriteHint {
                kind: RewriteKind::ToPost,
                edits: vec![edit],
            });
        }
    }
}

/// A body that a form encoder writes (`http_build_query(…)`), or that the
/// front end read as a form string (`"grant_type=…&code=" + code`), sent
/// with a JSON content type: the type is the only thing wrong, and becomes
/// the form type where it is written.
fn form_body_labelled_json(
    text: &str,
    request: &HttpRequest,
    encoders: &[String],
) -> Option<(Span, String)> {
    let body = text.get(request.body_span.clone()?)?.trim_start();
    let encoded = encoders.iter().any(|e| {
        body.strip_prefix(e.as_str())
            .is_some_and(|rest| rest.trim_start().starts_with('('))
    });
    let form_string = request.body_kind == Some(crate::model::BodyKind::Form)
        && request.body.iter().any(|e| e.key == "grant_type")
        && request.body.iter().all(|e| {
            e.key_span
                .as_ref()
                .and_then(|k| text.get(k.end..k.end + 1))
                .is_some_and(|c| c == "=")
        });
    if !encoded && !form_string {
        return None;
    }
    let header = request.headers.iter().find(|h| {
        h.key.eq_ignore_ascii_case("content-type")
            && h.value
                .as_ref()
                .is_some_and(|v| v.text().contains("application/json"))
    })?;
    let value = header.value.as_ref()?;
    let at = value.text().find("application/json")?;
    let span = value.source_of(at..at + "application/json".len())?;
    (text.get(span.clone())? == "application/json")
        .then(|| (span, "application/x-www-form-urlencoded".to_string()))
}

/// A method named by a string literal written in the request's own call
/// (`request('GET', url)`, a wrapper called with `"get"`): the literal
/// becomes `POST` in the same case. A literal held by a constant elsewhere
/// may name other requests' method too, so it is left alone.
fn method_literal_to_post(
    text: &str,
    request: &HttpRequest,
    span: &Span,
) -> Option<(Span, String)> {
    if span.start < request.span.start || span.end > request.span.end {
        return None;
    }
    let written = text.get(span.clone())?;
    let (inner, at) = match written.chars().next()? {
        q @ ('"' | '\'') => (
            written.strip_prefix(q)?.strip_suffix(q)?,
            span.start + 1..span.end - 1,
        ),
        _ => {
            // the literal's content, between quotes in the source
            let before = text.get(..span.start)?.chars().next_back()?;
            let after = text.get(span.end..)?.chars().next()?;
            if !matches!(before, '"' | '\'') || before != after {
                return None;
            }
            (written, span.clone())
        }
    };
    let post = match inner {
        "GET" => "POST",
        "get" => "post",
        "Get" => "Post",
        _ => return None,
    };
    Some((at, post.to_string()))
}

fn to_post_edits(
    text: &str,
    request: &HttpRequest,
    method: &Span,
    rule: &ToPost,
) -> Option<Vec<(Span, String)>> {
    let mut edits = Vec::new();
    if let Some(post) = &rule.post {
        edits.push((method.clone(), post.clone()));
    }
    let called = text.get(method.end..)?.starts_with('(');
    match (&rule.add_argument, called) {
        (Some(argument), true) => {
            let close = call_of_request(text, request, method.end)?;
            let at = super::rewrites::argument_insertion(
                text,
                method.end,
                close,
                argument,
                rule.argument_at,
            )?;
            edits.push(at);
        }
        // the POST form of a call needs an argument we cannot place
        (Some(_), false) => return None,
        (None, _) => {}
    }
    if let Some(call) = &rule.chain_call {
        let rest = text.get(method.end..)?;
        let open = method.end + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        if text.get(open..open + 1) != Some("(") {
            return None;
        }
        let close = call_of_request(text, request, open)?;
        let at = match &rule.chain_before {
            Some(name) => super::rewrites::chained_call(text, close, name)?,
            None => close + 1,
        };
        edits.push((at..at, call.clone()));
    }
    if let Some(after) = &rule.after_statement {
        let statement = super::rewrites::statement_at(text, method)?;
        // a written method is an argument of a call statement
        // (`conn.setRequestMethod("GET");`, not a constant's declaration);
        // a default one is where the request is made and named
        // (`HttpURLConnection conn = … .openConnection();`)
        if statement.is_call != matches!(request.method_source, MethodSource::Explicit { .. }) {
            return None;
        }
        let target = statement.target?;
        edits.push((
            statement.end..statement.end,
            after.replace("{target}", &target),
        ));
    }
    (!edits.is_empty()).then_some(edits)
}

/// The `)` closing the call whose `(` is at `open`, when that call is the
/// request's own: inside the request's span, or (a builder configured
/// before it is sent elsewhere) closed on the line it opens.
fn call_of_request(text: &str, request: &HttpRequest, open: usize) -> Option<usize> {
    let close = super::rewrites::matching_close(text, open)?;
    let inside = close < request.span.end && close >= request.span.start;
    (inside || !text.get(open..close)?.contains('\n')).then_some(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_file_loads() {
        let libraries = Libraries::load().expect("library files load");
        assert!(libraries.is_token_call("fetch_token"));
        // every file says something
        assert!(libraries.libraries.iter().all(|l| !l.to_post.is_empty()
            || !l.builder.is_empty()
            || !l.query_to_form.is_empty()
            || l.url_query_to_form.is_some()
            || l.basic_auth.is_some()
            || !l.stores.is_empty()
            || !l.json_to_form.is_empty()
            || !l.request_functions.is_empty()
            || !l.own_data.is_empty()
            || !l.meta_methods.is_empty()
            || !l.maps.is_empty()
            || !l.text_buffers.is_empty()
            || !l.oauth_apis.is_empty()
            || l.origins
                .as_ref()
                .is_some_and(|o| !o.input_markers.is_empty()
                    || !o.config_markers.is_empty()
                    || !o.input_types.is_empty()
                    || !o.config_types.is_empty()
                    || !o.input_values.is_empty()
                    || !o.config_values.is_empty()
                    || !(o.input_objects.is_empty() || o.input_members.is_empty()))));
        assert!(libraries
            .libraries
            .iter()
            .flat_map(|l| &l.builder)
            .all(|b| !b.send.is_empty() && !b.url.is_empty()));
        assert!(libraries
            .libraries
            .iter()
            .flat_map(|l| &l.text_buffers)
            .all(|b| !b.type_name.is_empty() && !b.appenders.is_empty()));
        assert_eq!(
            libraries.text_appenders(Language::Java, "StringBuilder"),
            Some(&["append".to_string()][..])
        );
        assert_eq!(
            libraries.text_appenders(Language::Python, "StringBuilder"),
            None
        );
        assert!(libraries
            .oauth_apis(Language::Java)
            .any(|(l, a)| l.library == "scribe" && a.base == "DefaultApi20"));
        assert_eq!(libraries.oauth_apis(Language::Python).count(), 0);
        assert_eq!(libraries.libraries.len(), LIBRARY_FILES.len() - 1);
    }

    #[test]
    fn declared_origins_come_from_the_language_s_libraries() {
        let l = Libraries::get();
        let of = |lang, ty, markers| l.declared_origin(lang, ty, markers);
        assert_eq!(
            of(Language::CSharp, "IOptionsMonitor", ""),
            Some(Origin::Config)
        );
        assert_eq!(
            of(Language::CSharp, "IConfiguration", ""),
            Some(Origin::Config)
        );
        assert_eq!(of(Language::CSharp, "HttpRequest", ""), Some(Origin::Input));
        assert_eq!(
            of(Language::CSharp, "string", "[FromQuery]"),
            Some(Origin::Input)
        );
        assert_eq!(of(Language::CSharp, "MyOptions", ""), None);
        assert_eq!(
            of(Language::Java, "String", "@Value(\"${x}\")"),
            Some(Origin::Config)
        );
        assert_eq!(
            of(Language::Java, "String", "@RequestParam"),
            Some(Origin::Input)
        );
        assert_eq!(of(Language::Java, "Environment", ""), Some(Origin::Config));
        assert_eq!(of(Language::Java, "EnvironmentHolder", ""), None);
        // another language's libraries say nothing
        assert_eq!(of(Language::Python, "HttpRequest", "[FromQuery]"), None);
    }

    #[test]
    fn written_origins_come_from_request_objects_and_configuration_values() {
        let l = Libraries::get();
        let of = |lang, object, member| l.written_origin(lang, object, member);
        assert_eq!(
            of(Language::Python, Some("request"), "form"),
            Some(Origin::Input)
        );
        assert_eq!(
            of(Language::Python, Some("flask.request"), "get_json"),
            Some(Origin::Input)
        );
        assert_eq!(
            of(Language::Python, Some("os"), "environ"),
            Some(Origin::Config)
        );
        // a member of another object, or another member, is not input
        assert_eq!(of(Language::Python, Some("response"), "json"), None);
        assert_eq!(of(Language::Python, Some("request"), "url"), None);
        assert_eq!(
            of(Language::CSharp, Some("HttpContext.Request"), "Form"),
            Some(Origin::Input)
        );
        assert_eq!(of(Language::CSharp, Some("Request"), "Path"), None);
        assert_eq!(of(Language::Php, None, "$_POST"), Some(Origin::Input));
        assert_eq!(of(Language::Php, None, "$_ENV"), Some(Origin::Config));
        assert_eq!(of(Language::Php, None, "$options"), None);
        // the members of one library's objects are not another's
        assert_eq!(of(Language::CSharp, Some("Request"), "form"), None);
        assert_eq!(of(Language::Ruby, None, "$_POST"), None);
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        let err = toml::from_str::<Library>(
            "library = \"x\"\n[[to_post]]\nwriten = \"Get\"\npost = \"Post\"\n",
        )
        .expect_err("unknown key must fail");
        assert!(err.to_string().contains("writen"), "{err}");
    }

    #[test]
    fn closing_paren_skips_strings() {
        let text = r#"f(a, "(", g(')'), b) + 1"#;
        assert_eq!(
            super::super::rewrites::matching_close(text, 1),
            Some(text.find(") +").unwrap())
        );
        assert_eq!(super::super::rewrites::matching_close("f(a", 1), None);
    }
}
