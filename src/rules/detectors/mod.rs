//! Detectors: the GoTo knowledge, written once against the neutral model.
//! Each rule file names its detector; `run` calls the detector of every
//! enabled rule and removes duplicate findings.

mod auth_url;
mod credentials;
mod shared_hosts;
mod token_request;
mod token_response;
pub use token_response::token_functions;

use crate::finding::RawFinding;
use crate::goto::{self, UrlHit};
use crate::model::{FileModel, Span, StrValue};
use crate::rules::{Detector, Rule};
use crate::source::SourceFile;

pub use token_request::TokenRequest;

/// What a detector sees of one file.
pub struct Context<'a> {
    pub model: &'a FileModel,
    pub source: &'a SourceFile,
    /// the file shows GoTo evidence (a host, an API name)
    pub goto_context: bool,
    /// lower-case hosts from config `extra-auth-hosts`
    pub extra_hosts: &'a [String],
    /// every string value with GoTo URLs in it, with its resolved text
    pub urls: Vec<StringUrls<'a>>,
    /// the file's token requests, in order
    pub token_requests: Vec<TokenRequest>,
    /// host literals that several URLs are built from, and their fixes
    pub shared_hosts: shared_hosts::SharedHosts,
    /// the spans of requests sent to a host that is not GoTo's, with their
    /// bodies and parameters: what is written there is another provider's
    pub foreign_requests: Vec<Span>,
}

pub struct StringUrls<'a> {
    /// help text (a docstring): the URL rules skip it
    pub doc: bool,
    pub value: &'a StrValue,
    pub text: String,
    pub hits: Vec<UrlHit>,
}

impl<'a> Context<'a> {
    pub fn new(
        model: &'a FileModel,
        source: &'a SourceFile,
        goto_context: bool,
        extra_hosts: &'a [String],
        constants_used_elsewhere: &[String],
    ) -> Context<'a> {
        let mut urls = Vec::new();
        // a request's URL may be a join no string expression shows whole
        // (a client's base URL and a relative path)
        for value in &model.strings {
            let text = value.text();
            let hits = goto::find_urls(&text, extra_hosts);
            let doc = model.docs.contains(&value.span);
            urls.push(StringUrls {
                doc,
                value,
                text,
                hits,
            });
        }
        // a request's URL may be a join no string expression shows whole
        // (a client's base URL and a relative path); only the parts written
        // in this file count here (another file's constant is its own finding)
        for value in model.http_requests.iter().filter_map(|r| r.url.as_ref()) {
            let text = value.text();
            let mut hits = goto::find_urls(&text, extra_hosts);
            hits.retain(|h| {
                value.source_of(h.host_range.clone()).is_some()
                    || (!h.path_range.is_empty() && value.source_of(h.path_range.clone()).is_some())
            });
            if !hits.is_empty() {
                urls.push(StringUrls {
                    doc: false,
                    value,
                    text,
                    hits,
                });
            }
        }
        let mut ctx = Context {
            model,
            source,
            goto_context,
            extra_hosts,
            urls,
            token_requests: Vec::new(),
            foreign_requests: foreign_request_spans(model, extra_hosts),
            shared_hosts: shared_hosts::SharedHosts::analyse(
                model,
                &source.text,
                extra_hosts,
                constants_used_elsewhere,
            ),
        };
        ctx.token_requests = token_request::find_token_requests(&ctx);
        ctx
    }

    pub fn line_of(&self, span: &Span) -> usize {
        self.source.position(span.start).line
    }

    pub fn token_request(&self, index: usize) -> Option<&TokenRequest> {
        self.token_requests.iter().find(|t| t.request == index)
    }

    /// Whether `span` lies in a function that speaks only of another
    /// provider: no GoTo word, URL or request in it, and an OAuth URL of
    /// another host (`https://api.twitter.com/oauth/authorize`).
    pub fn in_other_provider_function(&self, span: &Span) -> bool {
        let Some(function) = self
            .model
            .functions
            .iter()
            .filter(|f| inside(span, std::slice::from_ref(f)))
            .min_by_key(|f| f.end - f.start)
        else {
            return false;
        };
        let within = std::slice::from_ref(function);
        let text = self.source.text.get(function.clone()).unwrap_or("");
        let goto_request = self.model.http_requests.iter().any(|r| {
            inside(&r.span, within)
                && r.url
                    .as_ref()
                    .is_some_and(|u| !goto::find_urls(&u.text(), self.extra_hosts).is_empty())
        });
        let strings = || self.urls.iter().filter(|s| inside(&s.value.span, within));
        !goto::mentions_goto(text)
            && !goto_request
            && !strings().any(|s| !s.hits.is_empty())
            && strings().any(|s| s.names_another_host() && s.names_auth_path())
    }
}

impl StringUrls<'_> {
    /// A URL on a host that is not GoTo's: its query is another
    /// provider's, whatever else the file calls.
    pub fn names_another_host(&self) -> bool {
        self.hits.is_empty()
            && self
                .text
                .trim_start()
                .split_once("://")
                .is_some_and(|(scheme, rest)| {
                    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
                        && rest.starts_with(|c: char| c.is_ascii_alphanumeric())
                })
    }

    /// A URL whose path is about authorization (`/oauth/…`, `/token`).
    fn names_auth_path(&self) -> bool {
        let path = self
            .text
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
            .unwrap_or("")
            .to_ascii_lowercase();
        ["oauth", "token", "authorize"]
            .iter()
            .any(|w| path.contains(w))
    }
}

/// The spans of requests sent to a host that is not GoTo's, with their
/// bodies and parameters.
fn foreign_request_spans(model: &FileModel, extra_hosts: &[String]) -> Vec<Span> {
    let mut spans = Vec::new();
    for r in &model.http_requests {
        let Some(url) = &r.url else { continue };
        let text = url.text();
        let foreign = !token_request::host_unknown(Some(url))
            && text.contains("://")
            && goto::find_urls(&text, extra_hosts).is_empty();
        if foreign {
            spans.push(r.span.clone());
            spans.extend(r.body.iter().chain(&r.query).map(|e| e.span.clone()));
            if let Some(b) = &r.body_span {
                spans.push(b.clone());
            }
        }
    }
    spans
}

/// Whether `span` lies within one of `outer`.
pub fn inside(span: &Span, outer: &[Span]) -> bool {
    outer
        .iter()
        .any(|o| span.start >= o.start && span.end <= o.end)
}

/// Every resolved value of the model: strings, entries, call arguments and
/// the parts of requests (a constant handed to a call shows up only there).
pub fn shared_values(model: &FileModel) -> Vec<&StrValue> {
    let mut out: Vec<&StrValue> = model.strings.iter().collect();
    out.extend(model.entries.iter().filter_map(|e| e.value.as_ref()));
    for c in &model.calls {
        out.extend(c.args.iter().flatten());
        out.extend(c.kwargs.iter().filter_map(|e| e.value.as_ref()));
    }
    for r in &model.http_requests {
        out.extend(r.url.as_ref());
        out.extend(
            r.query
                .iter()
                .chain(&r.headers)
                .chain(&r.body)
                .filter_map(|e| e.value.as_ref()),
        );
    }
    out
}

/// Per-file facts that project-level rules combine after the scan.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// the first token request that obtains tokens (code or password grant)
    pub first_token_request: Option<(Span, String)>,
    /// the file performs a refresh_token grant somewhere
    pub refreshes: bool,
}

/// Run every enabled rule's detector on one file.
pub fn run(ctx: &Context, rules: &[&'static Rule]) -> (Vec<RawFinding>, FileFacts) {
    let mut findings = Vec::new();
    for rule in rules {
        let code: &'static str = rule.code.as_str();
        match rule.detector {
            Detector::AuthUrl | Detector::LegacyHost | Detector::AuthorizeUrl => {
                auth_url::run(ctx, rule, code, &mut findings)
            }
            Detector::TokenRequest => token_request::run(ctx, rule, code, &mut findings),
            Detector::TokenResponse => token_response::run(ctx, rule, code, &mut findings),
            Detector::Credentials => credentials::run(ctx, rule, code, &mut findings),
            // decided after the scan, over the project and the suppressions
            Detector::ProjectRefresh | Detector::UnusedSuppression => {}
        }
    }
    dedupe(&mut findings);
    cover_fix_lines(&mut findings, &ctx.source.text);
    let facts = token_request::facts(ctx);
    (findings, facts)
}

/// A finding whose fix edits lines after its own reaches to them: the
/// construct it reports is the one the fix changes (a method and the query
/// argument below it, a JSON header and the body it labels), and no line
/// outside a finding changes.
fn cover_fix_lines(findings: &mut [RawFinding], text: &str) {
    for f in findings.iter_mut() {
        let Some(end) = f.edits.iter().map(|(e, _)| e.end).max() else {
            continue;
        };
        if end > f.span.end && text.get(f.span.end..end).is_some_and(|t| t.contains('\n')) {
            f.span.end = end;
        }
    }
}

/// Remove findings of the same rule at the same place; keep the one that
/// can be fixed, then the one whose message quotes the least: the URL as
/// it stands where it is written, not a longer one built from it on
/// another line.
fn dedupe(findings: &mut Vec<RawFinding>) {
    // the same value resolved two ways (`String.format(URL, id)` and the
    // constant itself) reports once, at the place it starts
    findings.sort_by(|a, b| {
        (a.code, a.span.start)
            .cmp(&(b.code, b.span.start))
            .then(a.edits.is_empty().cmp(&b.edits.is_empty()))
            // a fix as safe as its rule before a weaker one
            .then(a.weaker_fix.is_some().cmp(&b.weaker_fix.is_some()))
            .then(a.message.len().cmp(&b.message.len()))
            .then(a.span.end.cmp(&b.span.end))
    });
    // the same place reached two ways (a URL and the same URL with the
    // query an OAuth library adds): spans of one rule that start together
    // or cross (one inside the other is decided below, by the message)
    let nested = |a: &Span, b: &Span| {
        (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end)
    };
    findings.dedup_by(|b, a| {
        a.code == b.code
            && (a.span.start == b.span.start
                || (b.span.start < a.span.end
                    && a.span.start < b.span.end
                    && !nested(&a.span, &b.span)))
    });
    // the same URL reported over a whole expression and at the path inside
    // it (a request's URL and the string it was built from): once, where
    // the path is written
    let outer: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            let f = &findings[i];
            findings.iter().enumerate().any(|(j, g)| {
                j != i
                    && g.code == f.code
                    && g.message == f.message
                    && f.span.start <= g.span.start
                    && g.span.end <= f.span.end
                    && f.span != g.span
            })
        })
        .collect();
    // a finding without a fix inside one of the same rule that has one:
    // the same place, and the fix is what the user needs
    let unfixed_inner: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            let f = &findings[i];
            f.edits.is_empty()
                && findings.iter().enumerate().any(|(j, g)| {
                    j != i
                        && g.code == f.code
                        && !g.edits.is_empty()
                        && g.span.start <= f.span.start
                        && f.span.end <= g.span.end
                        && !outer.contains(&j)
                })
        })
        .collect();
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !outer.contains(&(i - 1)) && !unfixed_inner.contains(&(i - 1))
    });
}

/// The rule-file text of a URL for messages: resolved, holes as `{name}`,
/// cut to one line.
pub fn display_url(value: &StrValue, hit: &UrlHit) -> String {
    let shown = value.display();
    let mut out = String::new();
    // show the URL part of the value, not a whole paragraph of a text file
    let mut start_char = 0usize;
    let mut end_char = shown.len();
    if !value.has_holes() {
        start_char = hit.start;
        end_char = hit.end;
    }
    for c in shown.get(start_char..end_char).unwrap_or(&shown).chars() {
        if c == '\n' {
            break;
        }
        out.push(c);
        if out.len() > 200 {
            out.push('…');
            break;
        }
    }
    out
}
